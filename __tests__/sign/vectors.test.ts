// Interoperability with model_signing v1.1.0's own output (__tests__/fixtures/model_signing): what they signed we
// verify offline, and what we build has their shape and ROOT.
import { cp, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, manifestStatement, serializeStatement } from '../../src/sign/manifest.js';
import { verifyModel, type VerifyTrust } from '../../src/sign/verify.js';
import { hashFiles } from '../../src/sign/hash-dir.js';
import { publicGoodTrustedRootJSON } from '../../src/sign/trust-root.js';
import { MODEL_SIGNING_VECTORS } from './fixtures.js';

const VECTORS = MODEL_SIGNING_VECTORS;
const KEY_TRUST: VerifyTrust = { kind: 'key', publicKeyPem: '' };

async function bundleOf(folder: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(VECTORS, folder, 'model.sig'), 'utf8')) as Record<string, unknown>;
}

function payloadOf(bundle: Record<string, unknown>): Record<string, unknown> {
  const env = bundle.dsseEnvelope as { payload: string };
  return JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as Record<string, unknown>;
}

let keyPem: string;
let work: string;

beforeAll(async () => {
  keyPem = await readFile(join(VECTORS, 'keys/signing-key-pub.pem'), 'utf8');
  KEY_TRUST.publicKeyPem = keyPem;
});

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'mg-vectors-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A writable copy of a vector folder, for tamper cases. */
async function copyOf(folder: string): Promise<string> {
  const dir = join(work, folder);
  await cp(join(VECTORS, folder), dir, { recursive: true });
  for (const f of ['signme-1', 'signme-2', 'ignore-me', 'model.sig']) await chmod(join(dir, f), 0o644);
  return dir;
}

describe('v1.1.0-elliptic-key (P-384, SHA-384)', () => {
  it('verifies with the shipped public key file (description text around the PEM block), checking the hint', async () => {
    const r = await verifyModel({ modelDir: join(VECTORS, 'v1.1.0-elliptic-key'), bundle: await bundleOf('v1.1.0-elliptic-key'), trust: KEY_TRUST, ignorePaths: ['model.sig', 'ignore-me'] });
    expect(r).toEqual(expect.objectContaining({ ok: true, modelName: 'v1.1.0-elliptic-key', files: 2, root: '92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4' }));
    expect(r.ok && r.signer).toEqual({ kind: 'key', hint: 'e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e', curve: 'secp384r1' });
  });

  it('rejects a flipped signature bit as bad-signature', async () => {
    const b = await bundleOf('v1.1.0-elliptic-key');
    const env = b.dsseEnvelope as { signatures: { sig: string }[] };
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    sig[sig.length - 3]! ^= 0x01;
    env.signatures[0]!.sig = sig.toString('base64');
    const r = await verifyModel({ modelDir: join(VECTORS, 'v1.1.0-elliptic-key'), bundle: b, trust: KEY_TRUST });
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
  });

  it('rejects a file changed after signing as tampered-file with both digests', async () => {
    const dir = await copyOf('v1.1.0-elliptic-key');
    await writeFile(join(dir, 'signme-2'), 'signme-X');
    const r = await verifyModel({ modelDir: dir, bundle: await bundleOf('v1.1.0-elliptic-key'), trust: KEY_TRUST });
    expect(r).toEqual(
      expect.objectContaining({
        ok: false,
        reason: 'tampered-file',
        file: 'signme-2',
        expected: '32dcb1f8e1ae52d5963e56a6ba06ab58b424c15ed2a6b70d2feca1d089370028',
        actual: (await hashFiles(dir, ['signme-2']))[0]!.sha256
      })
    );
  });

  it('the manifest ignore_paths apply: ignore-me may change freely, a new file may not', async () => {
    const dir = await copyOf('v1.1.0-elliptic-key');
    await writeFile(join(dir, 'ignore-me'), 'anything');
    const bundle = await bundleOf('v1.1.0-elliptic-key');
    expect((await verifyModel({ modelDir: dir, bundle, trust: KEY_TRUST })).ok).toBe(true);
    await writeFile(join(dir, 'extra.bin'), 'x');
    expect(await verifyModel({ modelDir: dir, bundle, trust: KEY_TRUST })).toEqual(expect.objectContaining({ ok: false, reason: 'extra-file', file: 'extra.bin' }));
  });
});

describe('v1.1.0-sigstore (keyless, public-good)', () => {
  const trust: VerifyTrust = { kind: 'identity', identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' };

  it('verifies offline against the public-good trusted root seeded in @sigstore/tuf', async () => {
    const r = await verifyModel({ modelDir: join(VECTORS, 'v1.1.0-sigstore'), bundle: await bundleOf('v1.1.0-sigstore'), trust, ignorePaths: ['ignore-me'] });
    expect(r).toEqual(expect.objectContaining({ ok: true, files: 2, root: '61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226' }));
    expect(r.ok && r.signer).toEqual({ kind: 'identity', identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' });
  });

  it('rejects another identity or issuer as wrong-signer', async () => {
    const bundle = await bundleOf('v1.1.0-sigstore');
    const dir = join(VECTORS, 'v1.1.0-sigstore');
    expect(await verifyModel({ modelDir: dir, bundle, trust: { ...trust, identity: 'mallory@us.ibm.com' } })).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
    expect(await verifyModel({ modelDir: dir, bundle, trust: { ...trust, issuer: 'https://token.actions.githubusercontent.com' } })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-signer', actual: 'https://sigstore.verify.ibm.com/oauth2' })
    );
  });

  it('rejects the keyless bundle when a public key is given', async () => {
    const r = await verifyModel({ modelDir: join(VECTORS, 'v1.1.0-sigstore'), bundle: await bundleOf('v1.1.0-sigstore'), trust: KEY_TRUST });
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'wrong-signer' }));
  });

  it('rejects a payload swapped under the signature (tlog body and signature no longer match)', async () => {
    const b = await bundleOf('v1.1.0-sigstore');
    const stmt = payloadOf(b);
    (stmt.subject as { name: string }[])[0]!.name = 'other';
    (b.dsseEnvelope as { payload: string }).payload = Buffer.from(JSON.stringify(stmt, null, 2)).toString('base64');
    const r = await verifyModel({ modelDir: join(VECTORS, 'v1.1.0-sigstore'), bundle: b, trust });
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'bad-signature' }));
  });
});

describe('v1.1.0-certificate (P-384 key, private CA chain)', () => {
  it('verifies against the CA certificate, and not against an unrelated CA', async () => {
    const ca = await readFile(join(VECTORS, 'keys/ca-cert.pem'), 'utf8');
    const bundle = await bundleOf('v1.1.0-certificate');
    const dir = join(VECTORS, 'v1.1.0-certificate');
    const now = new Date('2026-01-01T00:00:00Z');
    const r = await verifyModel({ modelDir: dir, bundle, trust: { kind: 'certificate', caCertificatesPem: ca }, now });
    expect(r).toEqual(expect.objectContaining({ ok: true, files: 2, signer: { kind: 'certificate', subject: 'CN=intermediate-ca' } }));
    // Sigstore's public-good Fulcio root did not issue it.
    const fulcio = (publicGoodTrustedRootJSON() as { certificateAuthorities: { certChain: { certificates: { rawBytes: string }[] } }[] }).certificateAuthorities[0]!.certChain.certificates;
    const fulcioPem = `-----BEGIN CERTIFICATE-----\n${fulcio[fulcio.length - 1]!.rawBytes}\n-----END CERTIFICATE-----\n`;
    expect(await verifyModel({ modelDir: dir, bundle, trust: { kind: 'certificate', caCertificatesPem: fulcioPem }, now })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-signer' })
    );
    // Past the certificates' validity.
    expect(await verifyModel({ modelDir: dir, bundle, trust: { kind: 'certificate', caCertificatesPem: ca }, now: new Date('2040-01-01T00:00:00Z') })).toEqual(
      expect.objectContaining({ ok: false, reason: 'wrong-signer' })
    );
  });
});

describe('what we build has model_signing shape', () => {
  it('our manifest for signme-1/signme-2 equals the sigstore vector payload byte for byte, modulo key order', async () => {
    const dir = join(VECTORS, 'v1.1.0-sigstore');
    const digests = await hashFiles(dir, ['signme-2', 'signme-1']);
    const m = buildManifest({ digests, modelName: 'v1.1.0-sigstore', ignorePaths: ['ignore-me'] });
    const ours = JSON.parse(serializeStatement(manifestStatement(m)).toString('utf8')) as Record<string, unknown>;
    const theirs = payloadOf(await bundleOf('v1.1.0-sigstore'));
    expect(m.root).toBe('61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226');
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect((ours.predicate as { resources: unknown }).resources).toEqual((theirs.predicate as { resources: unknown }).resources);
    expect(ours.subject).toEqual(theirs.subject);
    const ser = (o: Record<string, unknown>) => (o.predicate as { serialization: Record<string, unknown> }).serialization;
    expect({ ...ser(ours), ignore_paths: undefined }).toEqual({ ...ser(theirs), ignore_paths: undefined });
    expect([...(ser(ours).ignore_paths as string[])].sort()).toEqual([...(ser(theirs).ignore_paths as string[]), '.cache/huggingface'].sort());
  });

  it('serializes like model_signing: 2-space indent, no trailing newline', async () => {
    const theirs = Buffer.from(((await bundleOf('v1.1.0-elliptic-key')).dsseEnvelope as { payload: string }).payload, 'base64').toString('utf8');
    const ours = serializeStatement(manifestStatement(buildManifest({ digests: [{ path: 'a', size: 1, sha256: 'a'.repeat(64) }], modelName: 'm' }))).toString('utf8');
    expect(theirs.startsWith('{\n  "_type": ')).toBe(true);
    expect(ours.startsWith('{\n  "_type": ')).toBe(true);
    expect(theirs.endsWith('\n}')).toBe(true);
    expect(ours.endsWith('\n}')).toBe(true);
  });
});
