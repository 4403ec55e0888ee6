// Checks a Sigstore bundle's DSSE signature against a trust policy, offline: a public key, a certificate identity
// (keyless, Fulcio) with a trusted root, or a private CA chain (model_signing's certificate mode). Certificates are
// always judged by @sigstore/verify's Verifier; see certificate-chain.ts for how a private CA is fed to it.
import { X509Certificate, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { assertBundle, bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { Bundle as ProtoBundle } from '@sigstore/protobuf-specs';
import { Verifier, VerificationError, toSignedEntity, toTrustMaterial, type SignedEntity } from '@sigstore/verify';
import { MAX_BUNDLE_CERTIFICATES, clockTimestamp, explainChainFailure, privateCaTrust, readCaCertificates, readCertificate, type ChainCertificate } from './certificate-chain.js';
import { envelopeFromJSON, pae, type DsseEnvelope } from './dsse.js';
import { publicKeyHint, readPublicKey } from './keys.js';
import { emptyTrustedRoot, publicGoodTrustedRootJSON, toTrustedRoot } from './trust-root.js';

export type VerifyTrust =
  /** A public key (PEM text; a description around the block is fine). `trustedRoot` also checks any tlog entry. */
  | { kind: 'key'; publicKeyPem: string; trustedRoot?: unknown }
  /**
   * A Fulcio certificate identity (SAN) and OIDC issuer. When `identity` names a GitHub workflow without
   * `@refs/…`, the signing ref must be `ref` (default `refs/heads/main`). `trustedRoot` defaults to the
   * public-good root seeded in @sigstore/tuf.
   */
  | { kind: 'identity'; identity: string; issuer: string; ref?: string; trustedRoot?: unknown; tlogThreshold?: number; ctlogThreshold?: number }
  /** One or more CA certificates (PEM) that the bundle's certificate chain must lead to. */
  | { kind: 'certificate'; caCertificatesPem: string };

export type VerifyFailureReason =
  | 'unsigned'
  | 'malformed-bundle'
  | 'unsupported'
  | 'bad-signature'
  | 'wrong-signer'
  | 'wrong-ref'
  | 'inconsistent-manifest'
  | 'tampered-file'
  | 'extra-file'
  | 'missing-file'
  | 'symlink'
  | 'unreadable-file'
  | 'vetting-mismatch'
  | 'not-approved'
  | 'wrong-repo-or-commit';

export interface VerifyFailure {
  ok: false;
  reason: VerifyFailureReason;
  /** One line: what failed and, where it helps, what to do. */
  message: string;
  file?: string;
  expected?: string;
  actual?: string;
  /** Every file concerned (all tampered, missing or extra files). */
  files?: string[];
}

export type SignerInfo =
  | { kind: 'key'; hint: string; curve: string }
  | { kind: 'identity'; identity: string; issuer: string }
  | { kind: 'certificate'; subject: string };

export interface SignatureOk {
  ok: true;
  payloadType: string;
  payload: Buffer;
  signer: SignerInfo;
}

export const DEFAULT_SIGNING_REF = 'refs/heads/main';

export function fail(reason: VerifyFailureReason, message: string, extra: Partial<VerifyFailure> = {}): VerifyFailure {
  return { ok: false, reason, message, ...extra };
}

/** Hash to pair with an ECDSA curve, as model_signing does (P-384 → SHA-384). */
function hashForKey(key: KeyObject): string | null | undefined {
  if (key.asymmetricKeyType === 'ed25519') return null;
  if (key.asymmetricKeyType !== 'ec') return undefined;
  return ({ prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' } as Record<string, string>)[key.asymmetricKeyDetails?.namedCurve ?? ''];
}

function verifyPae(env: DsseEnvelope, key: KeyObject): boolean | 'unsupported' {
  const alg = hashForKey(key);
  if (alg === undefined) return 'unsupported';
  try {
    return cryptoVerify(alg, pae(env.payloadType, env.payload), key, env.signatures[0]!.sig);
  } catch {
    return false;
  }
}

type RawBundle = { dsseEnvelope?: unknown; messageSignature?: unknown; verificationMaterial?: Record<string, unknown> };

function readBundle(input: unknown): RawBundle | VerifyFailure {
  let b = input;
  if (Buffer.isBuffer(b)) b = b.toString('utf8');
  if (b === undefined || b === null || (typeof b === 'string' && b.trim() === '')) return fail('unsigned', 'no signature: the bundle is missing or empty');
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch (e) {
      return fail('malformed-bundle', `signature bundle is not JSON: ${(e as Error).message}`);
    }
  }
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return fail('malformed-bundle', 'signature bundle is not a JSON object');
  if (Object.keys(b).length === 0) return fail('unsigned', 'no signature: the bundle is empty');
  const raw = b as RawBundle;
  if (raw.messageSignature !== undefined) return fail('unsupported', 'bundle signs a message digest, not a DSSE statement (not a model_signing signature)');
  if (raw.dsseEnvelope === undefined) return fail('malformed-bundle', 'bundle has no dsseEnvelope');
  if (typeof raw.verificationMaterial !== 'object' || raw.verificationMaterial === null) return fail('malformed-bundle', 'bundle has no verificationMaterial');
  return raw;
}

function sigstoreBundle(raw: RawBundle): Bundle | VerifyFailure {
  try {
    return bundleFromJSON(raw);
  } catch (e) {
    return fail('malformed-bundle', `invalid Sigstore bundle: ${(e as Error).message}`);
  }
}

function sigstoreFailure(e: unknown): VerifyFailure {
  if (e instanceof VerificationError) {
    if (e.code === 'CERTIFICATE_ERROR') return fail('wrong-signer', `certificate is not trusted: ${e.message}`);
    if (e.code === 'PUBLIC_KEY_ERROR') return fail('wrong-signer', e.message);
    if (e.code === 'SIGNATURE_ERROR') return fail('bad-signature', 'signature does not match the signed statement');
    return fail('bad-signature', `${e.code}: ${e.message}`);
  }
  return fail('bad-signature', `verification failed: ${(e as Error).message}`);
}

function splitRef(identity: string): { base: string; ref?: string } {
  const i = identity.lastIndexOf('@refs/');
  return i < 0 ? { base: identity } : { base: identity.slice(0, i), ref: identity.slice(i + 1) };
}

/** Compares a certificate SAN with the wanted identity; the ref part is judged separately as `wrong-ref`. */
export function checkIdentity(san: string, want: string, ref?: string): VerifyFailure | undefined {
  const got = splitRef(san);
  const exp = splitRef(want);
  if (exp.ref !== undefined && ref !== undefined && exp.ref !== ref) throw new Error(`identity ends in @${exp.ref} but ref ${ref} was also given`);
  if (got.base !== exp.base) return fail('wrong-signer', `signed by '${san}', expected '${want}'`, { expected: want, actual: san });
  const needRef = exp.ref ?? ref ?? (got.ref !== undefined ? DEFAULT_SIGNING_REF : undefined);
  if (needRef !== undefined && got.ref !== needRef) {
    return fail('wrong-ref', `signed from ${got.ref ?? 'no ref'}, expected ${needRef}: only signatures made on the default branch are trusted`, {
      expected: needRef,
      actual: got.ref ?? ''
    });
  }
  return undefined;
}

function verifyWithKey(raw: RawBundle, env: DsseEnvelope, trust: Extract<VerifyTrust, { kind: 'key' }>): SignatureOk | VerifyFailure {
  const vm = raw.verificationMaterial!;
  if (vm.publicKey === undefined) return fail('wrong-signer', 'bundle is signed with a certificate (keyless or CA chain), not the given public key');
  const key = readPublicKey(trust.publicKeyPem);
  const hint = publicKeyHint(key);
  const bundleHint = (vm.publicKey as { hint?: unknown }).hint;
  if (typeof bundleHint === 'string' && bundleHint !== '' && bundleHint !== hint) {
    return fail('wrong-signer', `signed by key ${bundleHint}, expected key ${hint}`, { expected: hint, actual: bundleHint });
  }
  const curve = key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyType ?? 'unknown';
  const signer: SignerInfo = { kind: 'key', hint, curve };
  if (curve !== 'prime256v1') {
    // sigstore-js verifies ECDSA with SHA-256 only; model_signing's own key bundles are P-384 + SHA-384.
    const ok = verifyPae(env, key);
    if (ok === 'unsupported') return fail('unsupported', `public key type ${curve} is not supported (ECDSA P-256/P-384/P-521 or Ed25519)`);
    if (!ok) return fail('bad-signature', 'signature does not match the signed statement for this key');
    return { ok: true, payloadType: env.payloadType, payload: env.payload, signer };
  }
  const bundle = sigstoreBundle(raw);
  if ('ok' in bundle) return bundle;
  const entity = toSignedEntity(
    trust.trustedRoot === undefined
      ? // No trusted root: transparency-log entries cannot be checked, so they are not counted (like cosign
        // --insecure-ignore-tlog and model_signing's key mode); the signature alone decides.
        { ...bundle, verificationMaterial: { ...bundle.verificationMaterial, tlogEntries: [], timestampVerificationData: undefined } }
      : bundle
  );
  try {
    const root = trust.trustedRoot === undefined ? emptyTrustedRoot() : toTrustedRoot(trust.trustedRoot);
    const material = toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }));
    new Verifier(material, { tlogThreshold: 0, timestampThreshold: 0, ctlogThreshold: 0 }).verify(entity);
  } catch (e) {
    return sigstoreFailure(e);
  }
  return { ok: true, payloadType: env.payloadType, payload: env.payload, signer };
}

function verifyWithIdentity(raw: RawBundle, env: DsseEnvelope, trust: Extract<VerifyTrust, { kind: 'identity' }>): SignatureOk | VerifyFailure {
  if (raw.verificationMaterial!.publicKey !== undefined) return fail('wrong-signer', 'bundle is signed with a public key, not a certificate identity; verify with --public-key');
  const bundle = sigstoreBundle(raw);
  if ('ok' in bundle) return bundle;
  const root = toTrustedRoot(trust.trustedRoot ?? publicGoodTrustedRootJSON());
  let san: string | undefined;
  let issuer: string | undefined;
  try {
    const verifier = new Verifier(toTrustMaterial(root), {
      tlogThreshold: trust.tlogThreshold ?? 1,
      ctlogThreshold: trust.ctlogThreshold ?? 1,
      timestampThreshold: 1
    });
    const signer = verifier.verify(toSignedEntity(bundle));
    san = signer.identity?.subjectAlternativeName;
    issuer = signer.identity?.extensions?.issuer;
  } catch (e) {
    return sigstoreFailure(e);
  }
  if (issuer !== trust.issuer) {
    return fail('wrong-signer', `certificate issuer is '${issuer ?? 'none'}', expected '${trust.issuer}'`, { expected: trust.issuer, actual: issuer ?? '' });
  }
  if (san === undefined) return fail('wrong-signer', 'certificate has no subject alternative name');
  const bad = checkIdentity(san, trust.identity, trust.ref);
  if (bad) return bad;
  return { ok: true, payloadType: env.payloadType, payload: env.payload, signer: { kind: 'identity', identity: san, issuer } };
}

/**
 * model_signing writes certificate bundles as v0.3 with an x509CertificateChain, which the v0.3 spec (and so
 * bundleFromJSON) refuses; only the base validation applies to them.
 */
function certificateBundle(raw: RawBundle): Bundle | VerifyFailure {
  try {
    const b = ProtoBundle.fromJSON(raw);
    assertBundle(b);
    return b;
  } catch (e) {
    return fail('malformed-bundle', `invalid Sigstore bundle: ${(e as Error).message}`);
  }
}

function verifyWithCertificate(raw: RawBundle, env: DsseEnvelope, trust: Extract<VerifyTrust, { kind: 'certificate' }>, now: Date): SignatureOk | VerifyFailure {
  const vm = raw.verificationMaterial as { certificate?: { rawBytes?: string }; x509CertificateChain?: { certificates?: { rawBytes?: string }[] } };
  const der = vm.x509CertificateChain?.certificates?.map((c) => c.rawBytes) ?? (vm.certificate ? [vm.certificate.rawBytes] : []);
  if (der.length === 0) return fail('wrong-signer', 'bundle carries no certificate; it is signed with a public key');
  if (der.length > MAX_BUNDLE_CERTIFICATES) return fail('malformed-bundle', `bundle carries ${der.length} certificates; at most ${MAX_BUNDLE_CERTIFICATES} are accepted`);
  let chain: ChainCertificate[];
  try {
    chain = der.map((d) => readCertificate(Buffer.from(d ?? '', 'base64')));
  } catch (e) {
    return fail('malformed-bundle', `bundle certificate is not valid DER: ${(e as Error).message}`);
  }
  const anchors = readCaCertificates(trust.caCertificatesPem);
  const bundle = certificateBundle(raw);
  if ('ok' in bundle) return bundle;
  const leaf = chain[0]!;
  let entity: SignedEntity;
  try {
    // Trust comes from the CA alone, checked at the caller's clock (as model_signing does): log entries and
    // timestamps in the bundle are neither required nor counted.
    entity = toSignedEntity({ ...bundle, verificationMaterial: { ...bundle.verificationMaterial, tlogEntries: [], timestampVerificationData: undefined } });
  } catch (e) {
    return fail('malformed-bundle', `invalid Sigstore bundle: ${(e as Error).message}`);
  }
  // The Verifier's DSSE check hashes with SHA-256 whatever the curve; model_signing pairs P-384 with SHA-384.
  const base = entity.signature;
  let unsupported = false;
  const signature: SignedEntity['signature'] = {
    signature: base.signature,
    compareSignature: (s) => base.compareSignature(s),
    compareDigest: (d) => base.compareDigest(d),
    compareSignedDigest: (d) => base.compareSignedDigest(d),
    verifySignature: (key) => {
      const ok = verifyPae(env, key);
      unsupported = ok === 'unsupported';
      return ok === true;
    }
  };
  const ca = privateCaTrust(anchors, chain.slice(1));
  try {
    new Verifier(ca.material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 }).verify({ ...entity, signature, timestamps: [clockTimestamp(now)] });
  } catch (e) {
    if (unsupported) return fail('unsupported', `certificate key type ${new X509Certificate(leaf.der).publicKey.asymmetricKeyType} is not supported`);
    if (e instanceof VerificationError && e.code === 'CERTIFICATE_ERROR') {
      const why = (e.cause as Error | undefined)?.message ?? e.message;
      return fail('wrong-signer', `certificate chain of '${leaf.name}' is not trusted: ${explainChainFailure(why, leaf, ca.certificates, now)}`);
    }
    if (e instanceof VerificationError && e.code === 'SIGNATURE_ERROR') return fail('bad-signature', 'signature does not match the signed statement for this certificate');
    return sigstoreFailure(e);
  }
  return { ok: true, payloadType: env.payloadType, payload: env.payload, signer: { kind: 'certificate', subject: leaf.name } };
}

/**
 * Verifies a bundle's DSSE signature offline. Returns the signed payload, or a failure with a precise reason.
 * Throws only for a malformed trust input (a key or CA file that cannot be read): that is the caller's error.
 */
export function verifyBundleSignature(input: unknown, trust: VerifyTrust, now: Date = new Date()): SignatureOk | VerifyFailure {
  const raw = readBundle(input);
  if ('ok' in raw) return raw;
  let env: DsseEnvelope;
  try {
    env = envelopeFromJSON(raw.dsseEnvelope);
  } catch (e) {
    return fail('malformed-bundle', (e as Error).message);
  }
  if (env.signatures.length === 0) return fail('unsigned', 'no signature: the DSSE envelope carries no signatures');
  if (env.signatures.length > 1) return fail('malformed-bundle', `DSSE envelope carries ${env.signatures.length} signatures; exactly one is expected`);
  switch (trust.kind) {
    case 'key':
      return verifyWithKey(raw, env, trust);
    case 'identity':
      return verifyWithIdentity(raw, env, trust);
    case 'certificate':
      return verifyWithCertificate(raw, env, trust, now);
  }
}
