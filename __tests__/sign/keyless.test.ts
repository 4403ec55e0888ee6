// Keyless signing (OIDC → Fulcio → Rekor dsse entry, or a TSA) against @sigstore/mock services on a real loopback
// HTTP server, verified offline with a trusted root built from the mock keys.
import { signModel } from '../../src/sign/sign-model.js';
import { bundleBuilder, signStatement } from '../../src/sign/signers.js';
import { vettingStatement } from '../../src/sign/vetting.js';
import { verifyModel, type VerifyTrust } from '../../src/sign/verify.js';
import { githubClaims, mintOidcToken, startSigstoreServer, type SigstoreServer } from '../support/sigstore-server.js';
import { approvedReview, COMMIT, digestsOf, MODEL_FILES, p256, shapeOf } from './fixtures.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const WORKFLOW = 'https://github.com/acme/models/.github/workflows/model-gate.yml';
let sigstore: SigstoreServer;

beforeAll(async () => {
  sigstore = await startSigstoreServer();
});
afterAll(async () => {
  await sigstore.close();
});

function keyless(ref = 'refs/heads/main', opts: { rekor?: boolean; tsa?: boolean } = { rekor: true }) {
  let tokens = 0;
  const mode = {
    kind: 'keyless' as const,
    getIdToken: async () => {
      tokens++;
      return mintOidcToken(githubClaims('acme/models', 'model-gate.yml', ref));
    },
    fulcioUrl: sigstore.url,
    rekorUrl: opts.rekor ? sigstore.url : undefined,
    tsaUrl: opts.tsa ? sigstore.url : undefined,
    retries: 0
  };
  return { mode, tokens: () => tokens };
}

function trust(over: Partial<Extract<VerifyTrust, { kind: 'identity' }>> = {}): VerifyTrust {
  return { kind: 'identity', identity: `${WORKFLOW}@refs/heads/main`, issuer: ISSUER, trustedRoot: sigstore.trustedRoot, ...over };
}

const digests = digestsOf(MODEL_FILES);

describe('keyless signing against mock Fulcio/Rekor on 127.0.0.1', () => {
  it('signs model.sig and the vetting record; both verify offline with the workflow identity', async () => {
    const { mode, tokens } = keyless();
    const before = sigstore.requests.length;
    const s = await signModel({ digests, modelName: 'acme/bert-tiny', review: approvedReview(), signer: mode });
    expect(tokens()).toBe(2);
    const paths = sigstore.requests.slice(before).map((r) => r.path);
    expect(paths.filter((p) => p === '/api/v2/signingCert')).toHaveLength(2);
    expect(paths.filter((p) => p === '/api/v1/log/entries')).toHaveLength(2);
    // Rekor got a dsse entry (model_signing rejects intoto).
    const logged = JSON.parse(sigstore.requests.slice(before).find((r) => r.path === '/api/v1/log/entries')!.body) as { kind: string };
    expect(logged.kind).toBe('dsse');

    const b = shapeOf(s.modelSig);
    expect(b.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(Object.keys(b.verificationMaterial)).toEqual(['certificate', 'tlogEntries']);
    expect(b.verificationMaterial.tlogEntries[0]!.kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' });

    const r = await verifyModel({ digests, bundle: s.modelSig, trust: trust(), vettingBundle: s.vetting, expect: { repo: 'acme/bert-tiny', commit: COMMIT } });
    expect(r).toEqual(expect.objectContaining({ ok: true, root: s.manifest.root, signer: { kind: 'identity', identity: `${WORKFLOW}@refs/heads/main`, issuer: ISSUER } }));
  });

  it('an identity without a ref requires the default branch (refs/heads/main unless told otherwise)', async () => {
    const main = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless('refs/heads/main').mode });
    const pr = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless('refs/pull/7/merge').mode });
    expect((await verifyModel({ digests, bundle: main.modelSig, trust: trust({ identity: WORKFLOW }) })).ok).toBe(true);
    expect(await verifyModel({ digests, bundle: pr.modelSig, trust: trust({ identity: WORKFLOW }) })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-ref', expected: 'refs/heads/main', actual: 'refs/pull/7/merge' })
    );
    expect(await verifyModel({ digests, bundle: main.modelSig, trust: trust({ identity: WORKFLOW, ref: 'refs/heads/release' }) })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-ref' })
    );
  });

  it('rejects wrong identity, wrong issuer, wrong ref, and a certificate from an untrusted CA', async () => {
    const pr = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless('refs/pull/7/merge').mode });
    expect(await verifyModel({ digests, bundle: pr.modelSig, trust: trust() })).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-ref', actual: 'refs/pull/7/merge' }));
    const s = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless().mode });
    expect(await verifyModel({ digests, bundle: s.modelSig, trust: trust({ identity: 'https://github.com/Open-OSS/models/.github/workflows/model-gate.yml@refs/heads/main' }) })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-signer' })
    );
    expect(await verifyModel({ digests, bundle: s.modelSig, trust: trust({ issuer: 'https://accounts.google.com' }) })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-signer', expected: 'https://accounts.google.com', actual: ISSUER })
    );
    // The public-good root does not vouch for the mock CA.
    expect(await verifyModel({ digests, bundle: s.modelSig, trust: trust({ trustedRoot: undefined }) })).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    // A public key does not match a certificate-signed bundle.
    expect(await verifyModel({ digests, bundle: s.modelSig, trust: { kind: 'key', publicKeyPem: p256().publicPem } })).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
  });

  it('rejects a bundle whose tlog entry was stripped (threshold 1), and tampered digests', async () => {
    const s = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless().mode });
    const stripped = JSON.parse(JSON.stringify(s.modelSig));
    stripped.verificationMaterial.tlogEntries = [];
    expect(await verifyModel({ digests, bundle: stripped, trust: trust() })).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
    const changed = digests.map((d) => (d.path === 'config.json' ? { ...d, sha256: 'e'.repeat(64) } : d));
    expect(await verifyModel({ digests: changed, bundle: s.modelSig, trust: trust() })).toEqual(expect.objectContaining({ ok: false, reason: 'tampered-file', file: 'config.json' }));
  });

  it('a signed vetting record whose verdict is not approved fails as not-approved', async () => {
    const s = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless().mode });
    const rejected = approvedReview({ verdict: 'rejected', findings: [{ check: 'readme.run-script', severity: 'critical', message: 'quickstart runs scripts/preprocess.py' }] });
    const v = await signStatement(bundleBuilder(keyless().mode), vettingStatement(rejected, { name: 'acme/bert-tiny', root: s.manifest.root }));
    expect(await verifyModel({ digests, bundle: s.modelSig, trust: trust(), vettingBundle: v })).toEqual(expect.objectContaining({ ok: false, reason: 'not-approved', actual: 'rejected' }));
  });

  it('private deployments: a timestamp authority instead of Rekor', async () => {
    const s = await signModel({ digests, modelName: 'acme/bert-tiny', signer: keyless('refs/heads/main', { tsa: true }).mode });
    const b = shapeOf(s.modelSig);
    expect(b.verificationMaterial.tlogEntries).toEqual([]);
    expect(b.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    expect((await verifyModel({ digests, bundle: s.modelSig, trust: trust({ tlogThreshold: 0 }) })).ok).toBe(true);
    // With the default threshold a transparency-log entry is still required.
    expect(await verifyModel({ digests, bundle: s.modelSig, trust: trust() })).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
  });

  it('key mode with a Rekor witness: the tlog entry verifies against the trusted root, and a forged one fails', async () => {
    const key = p256();
    const s = await signModel({ digests, modelName: 'acme/bert-tiny', signer: { kind: 'key', privateKeyPem: key.privatePem, rekorUrl: sigstore.url, retries: 0 } });
    const b = shapeOf(s.modelSig);
    expect(b.verificationMaterial.tlogEntries).toHaveLength(1);
    const t: VerifyTrust = { kind: 'key', publicKeyPem: key.publicPem, trustedRoot: sigstore.trustedRoot };
    expect((await verifyModel({ digests, bundle: s.modelSig, trust: t })).ok).toBe(true);
    const forged = JSON.parse(JSON.stringify(s.modelSig));
    const set = Buffer.from(forged.verificationMaterial.tlogEntries[0].inclusionPromise.signedEntryTimestamp, 'base64');
    set[set.length - 2]! ^= 0x01;
    forged.verificationMaterial.tlogEntries[0].inclusionPromise.signedEntryTimestamp = set.toString('base64');
    expect(await verifyModel({ digests, bundle: forged, trust: t })).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
  });

  it('fails with a clear error when no OIDC token can be had (e.g. a fork pull request)', async () => {
    await expect(
      signModel({
        digests,
        modelName: 'acme/bert-tiny',
        signer: { kind: 'keyless', fulcioUrl: sigstore.url, rekorUrl: sigstore.url, retries: 0, getIdToken: async () => Promise.reject(new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable')) }
      })
    ).rejects.toThrow(/identity token/);
    expect(() => bundleBuilder({ kind: 'keyless', fulcioUrl: sigstore.url, getIdToken: async () => 'x' })).toThrow(/Rekor URL or a timestamp authority/);
  });
});
