// Private-key mode end to end on a real folder: sign from digests, verify by re-hashing, and every way it must fail.
import { createHash, verify as cryptoVerify, createPublicKey } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPolicy } from '../../src/config/policy/defaults.js';
import { pae } from '../../src/sign/dsse.js';
import { IN_TOTO_PAYLOAD_TYPE } from '../../src/sign/manifest.js';
import { signModel, writeSignatures } from '../../src/sign/sign-model.js';
import { keySigner } from '../../src/sign/signers.js';
import { verifyModel, type VerifyModelOptions } from '../../src/sign/verify.js';
import { approvedReview, COMMIT, digestsOf, MODEL_FILES, p256, sha256, writeModel, shapeOf } from './fixtures.js';

const key = p256();
const otherKey = p256();
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await writeModel());
});
afterEach(async () => {
  await cleanup();
});

async function signed(review = approvedReview()) {
  return signModel({ digests: digestsOf(MODEL_FILES), modelName: 'acme/bert-tiny', review, vetting: { policy: defaultPolicy(), prUrl: 'https://github.com/acme/models/pull/7' }, signer: { kind: 'key', privateKeyPem: key.privatePem } });
}

function opts(bundle: unknown, extra: Partial<VerifyModelOptions> = {}): VerifyModelOptions {
  return { modelDir: dir, bundle, trust: { kind: 'key', publicKeyPem: key.publicPem }, ...extra };
}

describe('key mode round trip', () => {
  it('signs from digests and verifies the folder by re-hashing it', async () => {
    const s = await signed();
    const r = await verifyModel(opts(s.modelSig));
    expect(r).toEqual(expect.objectContaining({ ok: true, modelName: 'acme/bert-tiny', root: s.manifest.root, files: 5 }));
    // .gitattributes is present on disk, ignored by default, and not in the manifest.
    expect(s.manifest.resources.map((x) => x.name)).toEqual(['a/b', 'a-c', 'config.json', 'model.safetensors', 'tokenizer/tokenizer.json']);
  });

  it('produces model_signing-shaped bundle JSON: v0.3, publicKey.hint = sha256(SPKI PEM), keyid "", no tlog', async () => {
    const s = await signed();
    const b = shapeOf(s.modelSig);
    expect(b.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(b.verificationMaterial).toEqual({ publicKey: { hint: sha256(key.publicPem) }, tlogEntries: [] });
    expect(b.dsseEnvelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(b.dsseEnvelope.signatures).toEqual([{ sig: expect.any(String), keyid: '' }]);
    // The signature is plain ECDSA P-256/SHA-256 over PAE, checkable by anyone without our code.
    const payload = Buffer.from(b.dsseEnvelope.payload, 'base64');
    expect(cryptoVerify('sha256', pae(IN_TOTO_PAYLOAD_TYPE, payload), createPublicKey(key.publicPem), Buffer.from(b.dsseEnvelope.signatures[0]!.sig, 'base64'))).toBe(true);
  });

  it('takes digests from the review when none are given, and refuses files without a verified sha256', async () => {
    const s = await signModel({ modelName: 'acme/bert-tiny', review: approvedReview(), signer: { kind: 'key', privateKeyPem: key.privatePem } });
    expect((await verifyModel(opts(s.modelSig))).ok).toBe(true);
    const noHash = approvedReview();
    noHash.files[1]!.sha256 = undefined;
    await expect(signModel({ modelName: 'acme/bert-tiny', review: noHash, signer: { kind: 'key', privateKeyPem: key.privatePem } })).rejects.toThrow(/model.safetensors was not fully verified/);
  });

  it('verifies from digests instead of a folder', async () => {
    const s = await signed();
    const r = await verifyModel({ digests: digestsOf(MODEL_FILES), bundle: s.modelSig, trust: { kind: 'key', publicKeyPem: key.publicPem } });
    expect(r.ok).toBe(true);
  });

  it('writes model.sig and vetting.sigstore.json to <out>/<org>/<name>/<commit>/ and they verify from disk', async () => {
    const s = await signed();
    const out = join(dir, '..', 'out');
    const w = await writeSignatures(out, 'acme/bert-tiny', COMMIT, s);
    expect(w).toEqual({ dir: join(out, 'acme', 'bert-tiny', COMMIT), modelSig: join(out, 'acme', 'bert-tiny', COMMIT, 'model.sig'), vetting: join(out, 'acme', 'bert-tiny', COMMIT, 'vetting.sigstore.json') });
    const r = await verifyModel(opts(await readFile(w.modelSig, 'utf8'), { vettingBundle: await readFile(w.vetting!, 'utf8'), expect: { repo: 'acme/bert-tiny', commit: COMMIT } }));
    expect(r).toEqual(expect.objectContaining({ ok: true, vetting: { requestedId: 'acme/bert-tiny', canonicalId: 'acme/bert-tiny', commit: COMMIT, verdict: 'approved' } }));
    await expect(writeSignatures(out, '../evil', COMMIT, s)).rejects.toThrow(/org\/name/);
    await expect(writeSignatures(out, 'acme/..', COMMIT, s)).rejects.toThrow(/org\/name/);
  });

  it('verifies a model with the signature file inside the folder when told to ignore it', async () => {
    const s = await signed();
    await writeFile(join(dir, 'release.sig'), JSON.stringify(s.modelSig));
    expect(await verifyModel(opts(s.modelSig))).toEqual(expect.objectContaining({ ok: false, reason: 'extra-file', file: 'release.sig' }));
    expect((await verifyModel(opts(s.modelSig, { ignorePaths: ['./release.sig'] }))).ok).toBe(true);
  });
});

describe('key mode failures, each with its precise reason', () => {
  it('unsigned: no bundle, empty file, empty object, no signatures', async () => {
    const s = await signed();
    for (const b of [undefined, '', '  \n', {}]) expect(await verifyModel(opts(b))).toEqual(expect.objectContaining({ ok: false, reason: 'unsigned' }));
    const noSig = JSON.parse(JSON.stringify(s.modelSig));
    noSig.dsseEnvelope.signatures = [];
    expect(await verifyModel(opts(noSig))).toEqual(expect.objectContaining({ ok: false, reason: 'unsigned' }));
  });

  it('malformed-bundle: not JSON, no envelope', async () => {
    expect(await verifyModel(opts('{not json'))).toEqual(expect.objectContaining({ ok: false, reason: 'malformed-bundle' }));
    expect(await verifyModel(opts({ mediaType: 'x', verificationMaterial: {} }))).toEqual(expect.objectContaining({ ok: false, reason: 'malformed-bundle' }));
  });

  it('tampered-file: names the file and both digests', async () => {
    const s = await signed();
    await appendFile(join(dir, 'tokenizer/tokenizer.json'), ' ');
    const r = await verifyModel(opts(s.modelSig));
    expect(r).toEqual(
      expect.objectContaining({
        ok: false,
        reason: 'tampered-file',
        file: 'tokenizer/tokenizer.json',
        expected: sha256(MODEL_FILES['tokenizer/tokenizer.json']!),
        actual: sha256(Buffer.concat([MODEL_FILES['tokenizer/tokenizer.json']!, Buffer.from(' ')])),
        files: ['tokenizer/tokenizer.json']
      })
    );
  });

  it('extra-file and missing-file', async () => {
    const s = await signed();
    await writeFile(join(dir, 'pytorch_model.bin'), 'trojan');
    expect(await verifyModel(opts(s.modelSig))).toEqual(expect.objectContaining({ ok: false, reason: 'extra-file', file: 'pytorch_model.bin' }));
    await rm(join(dir, 'pytorch_model.bin'));
    await rm(join(dir, 'a/b'));
    expect(await verifyModel(opts(s.modelSig))).toEqual(expect.objectContaining({ ok: false, reason: 'missing-file', file: 'a/b' }));
  });

  it('symlink: rejected even when it points at a signed file', async () => {
    const s = await signed();
    await rm(join(dir, 'config.json'));
    await symlink(join(dir, '..', 'elsewhere.json'), join(dir, 'config.json'));
    await writeFile(join(dir, '..', 'elsewhere.json'), MODEL_FILES['config.json']!);
    expect(await verifyModel(opts(s.modelSig))).toEqual(expect.objectContaining({ ok: false, reason: 'symlink', file: 'config.json' }));
  });

  it('wrong-signer: another public key (hint mismatch), and a bundle without hint signed by another key is bad-signature', async () => {
    const s = await signed();
    const r = await verifyModel(opts(s.modelSig, { trust: { kind: 'key', publicKeyPem: otherKey.publicPem } }));
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer', expected: sha256(otherKey.publicPem), actual: sha256(key.publicPem) }));
    const noHint = JSON.parse(JSON.stringify(s.modelSig));
    noHint.verificationMaterial.publicKey.hint = '';
    expect(await verifyModel(opts(noHint, { trust: { kind: 'key', publicKeyPem: otherKey.publicPem } }))).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
    expect((await verifyModel(opts(noHint))).ok).toBe(true);
  });

  it('bad-signature: payload edited after signing (e.g. a digest swapped to match a trojaned file)', async () => {
    const s = await signed();
    const b = JSON.parse(JSON.stringify(s.modelSig));
    const stmt = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8'));
    stmt.predicate.resources[0].digest = sha256('trojan');
    b.dsseEnvelope.payload = Buffer.from(JSON.stringify(stmt, null, 2)).toString('base64');
    expect(await verifyModel(opts(b))).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
  });

  it('inconsistent-manifest: a validly signed statement whose ROOT does not match its resources', async () => {
    const { signStatement, bundleBuilder } = await import('../../src/sign/signers.js');
    const { buildManifest, manifestStatement } = await import('../../src/sign/manifest.js');
    const m = buildManifest({ digests: digestsOf(MODEL_FILES), modelName: 'acme/bert-tiny' });
    const stmt = manifestStatement({ ...m, root: createHash('sha256').update('not the root').digest('hex') });
    const b = await signStatement(bundleBuilder({ kind: 'key', privateKeyPem: key.privatePem }), stmt);
    expect(await verifyModel(opts(b))).toEqual(expect.objectContaining({ ok: false, reason: 'inconsistent-manifest', expected: stmt.subject[0]!.digest.sha256, actual: m.root }));
  });

  it('wrong-repo-or-commit, vetting-mismatch and a missing vetting record', async () => {
    const s = await signed();
    const base = opts(s.modelSig, { vettingBundle: s.vetting });
    expect(await verifyModel({ ...base, expect: { repo: 'Open-OSS/bert-tiny' } })).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-repo-or-commit', expected: 'Open-OSS/bert-tiny', actual: 'acme/bert-tiny' }));
    expect(await verifyModel({ ...base, expect: { repo: 'acme/bert-tiny', commit: 'f'.repeat(40) } })).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-repo-or-commit', actual: COMMIT }));
    expect(await verifyModel(opts(s.modelSig, { expect: { commit: COMMIT } }))).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-repo-or-commit' }));
    // A genuine vetting record for a different model does not vouch for this one.
    const other = await signModel({ digests: [{ path: 'x', size: 1, sha256: sha256('x') }], modelName: 'acme/other', review: approvedReview(), signer: { kind: 'key', privateKeyPem: key.privatePem } });
    expect(await verifyModel(opts(s.modelSig, { vettingBundle: other.vetting }))).toEqual(expect.objectContaining({ ok: false, reason: 'vetting-mismatch' }));
    // A vetting record signed by someone else.
    const forged = await signModel({ digests: digestsOf(MODEL_FILES), modelName: 'acme/bert-tiny', review: approvedReview(), signer: { kind: 'key', privateKeyPem: otherKey.privatePem } });
    expect(await verifyModel(opts(s.modelSig, { vettingBundle: forged.vetting }))).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
  });

  it('a renamed repo matches by its canonical id too', async () => {
    const s = await signModel({
      digests: digestsOf(MODEL_FILES),
      modelName: 'acme/bert-tiny',
      review: approvedReview({ canonicalId: 'acme-labs/bert-tiny', redirects: [{ from: 'acme/bert-tiny', to: 'acme-labs/bert-tiny', status: 307 }] }),
      signer: { kind: 'key', privateKeyPem: key.privatePem }
    });
    for (const repo of ['acme/bert-tiny', 'acme-labs/bert-tiny']) {
      expect((await verifyModel(opts(s.modelSig, { vettingBundle: s.vetting, expect: { repo, commit: COMMIT } }))).ok).toBe(true);
    }
  });
});

describe('signing refuses what must not be signed', () => {
  it('rejected or needs-review reviews, incompletely examined files, bad digests, non-P-256 keys', async () => {
    await expect(signed(approvedReview({ verdict: 'rejected', findings: [{ check: 'pickle.global', severity: 'critical', message: 'os.system' }] }))).rejects.toThrow(/only approved models are signed/);
    await expect(signed(approvedReview({ verdict: 'needs-review' }))).rejects.toThrow(/only approved/);
    const incomplete = approvedReview();
    incomplete.files[0]!.complete = false;
    await expect(signed(incomplete)).rejects.toThrow(/not fully verified/);
    await expect(signModel({ digests: [{ path: 'x', size: 1, sha256: '' }], modelName: 'm', signer: { kind: 'key', privateKeyPem: key.privatePem } })).rejects.toThrow(/no valid sha256/);
    const { generateKeyPairSync } = await import('node:crypto');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => keySigner(p384)).toThrow(/P-256/);
    expect(() => keySigner('not a key')).toThrow(/PEM private key/);
  });
});

describe('hashing', () => {
  it('reads files larger than a chunk correctly at any concurrency', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 123);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    await mkdir(join(dir, 'big'), { recursive: true });
    await writeFile(join(dir, 'big/w.bin'), big);
    const { hashFiles } = await import('../../src/sign/hash-dir.js');
    for (const concurrency of [1, 3]) {
      const d = await hashFiles(dir, ['big/w.bin', 'config.json'], { concurrency, chunkSize: 1024 * 1024 });
      expect(d).toEqual([
        { path: 'big/w.bin', size: big.length, sha256: sha256(big) },
        { path: 'config.json', size: MODEL_FILES['config.json']!.length, sha256: sha256(MODEL_FILES['config.json']!) }
      ]);
    }
    await expect(hashFiles(dir, ['nope'])).rejects.toThrow(/cannot read nope/);
  });
});
