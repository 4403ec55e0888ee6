// Signers: a private ECDSA P-256 key (like `cosign sign-blob --key`) or keyless Sigstore (OIDC → Fulcio → Rekor
// `dsse` entry), both producing Sigstore bundle v0.3 JSON around a DSSE envelope.
import { createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness, type BundleBuilder, type Signer, type Witness } from '@sigstore/sign';
import { publicKeyHint } from './keys.js';
import { IN_TOTO_PAYLOAD_TYPE, serializeStatement, type InTotoStatement } from './manifest.js';

export { publicKeyHint, readPublicKey } from './keys.js';

export interface KeySigner extends Signer {
  publicKey: KeyObject;
  publicKeyPem: string;
  hint: string;
}

/** A Signer over an ECDSA P-256 private key (PEM, PKCS#8 or SEC1). P-256 is the one curve every verifier accepts. */
export function keySigner(privateKeyPem: string, passphrase?: string): KeySigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase === undefined ? privateKeyPem : { key: privateKeyPem, passphrase });
  } catch (e) {
    throw new Error(`signing key is not a readable PEM private key: ${(e as Error).message}`, { cause: e });
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    throw new Error(`signing key must be ECDSA P-256 (got ${key.asymmetricKeyType}${curve ? ` ${curve}` : ''}); create one with: openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt`);
  }
  const publicKey = createPublicKey(key);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const hint = publicKeyHint(publicKey);
  return {
    publicKey,
    publicKeyPem,
    hint,
    sign: async (data: Buffer) => ({
      signature: cryptoSign('sha256', data, key),
      key: { $case: 'publicKey', publicKey: publicKeyPem, hint }
    })
  };
}

export interface NetworkOptions {
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Retries on 5xx / network errors. */
  retries?: number;
}

export interface KeylessOptions extends NetworkOptions {
  /** Returns an OIDC token with audience `sigstore` (in Actions: `core.getIDToken('sigstore')`). */
  getIdToken: () => Promise<string>;
  fulcioUrl: string;
  /** Rekor v1 URL; entries are `dsse`. Omit only when a timestamp authority stands in (private deployments). */
  rekorUrl?: string;
  tsaUrl?: string;
}

export type SigningMode =
  | ({ kind: 'key'; privateKeyPem: string; passphrase?: string; rekorUrl?: string } & NetworkOptions)
  | ({ kind: 'keyless' } & KeylessOptions);

function rekorWitness(url: string, net: NetworkOptions): Witness {
  return new RekorWitness({ rekorBaseURL: url, entryType: 'dsse', fetchOnConflict: true, timeout: net.timeoutMs, retry: net.retries });
}

/** A DSSE bundle builder for the mode; the builder signs PAE(payloadType, payload). */
export function bundleBuilder(mode: SigningMode): BundleBuilder {
  if (mode.kind === 'key') {
    const witnesses = mode.rekorUrl ? [rekorWitness(mode.rekorUrl, mode)] : [];
    return new DSSEBundleBuilder({ signer: keySigner(mode.privateKeyPem, mode.passphrase), witnesses });
  }
  if (!mode.rekorUrl && !mode.tsaUrl) {
    throw new Error('keyless signing needs a Rekor URL or a timestamp authority URL: a short-lived certificate is only verifiable with a trusted time');
  }
  const signer = new FulcioSigner({
    identityProvider: { getToken: mode.getIdToken },
    fulcioBaseURL: mode.fulcioUrl,
    timeout: mode.timeoutMs,
    retry: mode.retries
  });
  const witnesses: Witness[] = [];
  if (mode.rekorUrl) witnesses.push(rekorWitness(mode.rekorUrl, mode));
  if (mode.tsaUrl) witnesses.push(new TSAWitness({ tsaBaseURL: mode.tsaUrl, timeout: mode.timeoutMs, retry: mode.retries }));
  return new DSSEBundleBuilder({ signer, witnesses });
}

/**
 * Signs a statement and returns bundle v0.3 JSON shaped like model_signing's: DSSE `keyid` empty (the key is named
 * by `verificationMaterial.publicKey.hint`), no empty timestamp block.
 */
export async function signStatement(builder: BundleBuilder, statement: InTotoStatement): Promise<SerializedBundle> {
  const bundle = await builder.create({ data: serializeStatement(statement), type: IN_TOTO_PAYLOAD_TYPE });
  const json = bundleToJSON(bundle);
  // A logged envelope must stay as logged, so only an unlogged one has its keyid cleared.
  const vmat = json.verificationMaterial as { tlogEntries?: unknown[] };
  vmat.tlogEntries ??= []; // model_signing and the bundle spec write the empty list; bundleToJSON drops it
  if (vmat.tlogEntries.length === 0) for (const s of json.dsseEnvelope?.signatures ?? []) s.keyid = '';
  const vm = json.verificationMaterial as { timestampVerificationData?: { rfc3161Timestamps?: unknown[] } };
  if (vm.timestampVerificationData && (vm.timestampVerificationData.rfc3161Timestamps ?? []).length === 0) delete vm.timestampVerificationData;
  return json;
}
