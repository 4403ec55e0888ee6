// `model-gate sign` and `model-gate verify` as a release pipeline runs them, including the expected-behaviour
// table for what verification decides (load or block).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { UsageError } from '../../src/cli/io.js';
import { sign } from '../../src/cli/sign.js';
import { verify } from '../../src/cli/verify.js';
import { signModel, writeSignatures } from '../../src/sign/sign-model.js';
import { approvedReview, COMMIT, digestsOf, MODEL_FILES, MODEL_SIGNING_VECTORS, p256, writeModel } from './fixtures.js';

let root: string;
let dir: string;
let cleanup: () => Promise<void>;
const key = p256();

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env, cwd: root };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

beforeEach(async () => {
  ({ dir, cleanup } = await writeModel());
  root = join(dir, '..');
  await writeFile(join(root, 'key.pem'), key.privatePem);
  await writeFile(join(root, 'key.pub'), key.publicPem);
});
afterEach(async () => {
  await cleanup();
});

async function run(cmd: typeof verify, args: string[], env?: Record<string, string>) {
  const t = io(env);
  const code = await cmd(args, t.cli);
  return { code, out: t.out(), err: t.err() };
}

describe('model-gate sign + verify', () => {
  it('signs a folder with a key and verifies it; output inside the folder is ignored automatically', async () => {
    const s = await run(sign, ['model', '--key', 'key.pem', '--output', 'model/model.sig', '--model-name', 'acme/bert-tiny']);
    expect(s).toEqual({ code: 0, out: expect.stringMatching(/^signed acme\/bert-tiny: 5 files, ROOT [0-9a-f]{64}\nwrote /), err: '' });
    const v = await run(verify, ['model', '--signature', 'model/model.sig', '--public-key', 'key.pub']);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^verified acme\/bert-tiny: 5 files, \d+ bytes, ROOT [0-9a-f]{64}\nsigned by key [0-9a-f]{64} \(prime256v1\)\n$/);
  });

  it('ignores a signature inside the folder even when its name starts with two dots', async () => {
    expect((await run(sign, ['model', '--key', 'key.pem', '--output', 'model/..model.sig'])).code).toBe(0);
    const v = await run(verify, ['model', '--signature', 'model/..model.sig', '--public-key', 'key.pub']);
    expect(v).toEqual({ code: 0, out: expect.stringMatching(/^verified /), err: '' });
  });

  it('accepts model_signing spellings: `verify key`, --public_key, --ignore_paths', async () => {
    await run(sign, ['model', '--key', 'key.pem', '--output', 'model.sig']);
    await writeFile(join(dir, 'notes.txt'), 'not part of the model');
    expect((await run(verify, ['key', 'model', '--signature', 'model.sig', '--public_key', 'key.pub', '--ignore_paths', 'notes.txt'])).code).toBe(0);
    await expect(run(verify, ['sigstore', 'model', '--signature', 'model.sig', '--public_key', 'key.pub'])).rejects.toThrow(/does not match/);
  });

  it('prints a precise reason and exits 1 for a tampered file; JSON format carries the details', async () => {
    await run(sign, ['model', '--key', 'key.pem', '--output', 'model.sig']);
    await writeFile(join(dir, 'config.json'), '{"auto_map":{"AutoModel":"evil.Model"}}');
    const v = await run(verify, ['model', '--signature', 'model.sig', '--public-key', 'key.pub']);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/^verification FAILED \(tampered-file\): 'config.json' changed after signing: sha256 [0-9a-f]{64}, signed [0-9a-f]{64}\n$/);
    const j = await run(verify, ['model', '--signature', 'model.sig', '--public-key', 'key.pub', '--format', 'json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toEqual(expect.objectContaining({ ok: false, reason: 'tampered-file', file: 'config.json', expected: expect.any(String), actual: expect.any(String) }));
  });

  it('usage errors exit 2 (thrown as UsageError for the dispatcher)', async () => {
    await expect(verify(['model'], io().cli)).rejects.toThrow(UsageError);
    await expect(verify(['model', '--signature', 's', '--public-key', 'k', '--identity', 'x', '--identity-provider', 'y'], io().cli)).rejects.toThrow(/exactly one trust/);
    await expect(verify(['model', '--signature', 's', '--public-key', 'key.pub', '--repo', 'a/b'], io().cli)).rejects.toThrow(/--vetting/);
    await expect(verify(['model', '--signature', 's', '--public-key', 'missing.pub'], io().cli)).rejects.toThrow(/cannot read public key/);
    await expect(verify(['model', '--bogus'], io().cli)).rejects.toThrow(UsageError);
    await expect(sign(['model', '--key', 'key.pem'], io().cli)).rejects.toThrow(/--output/);
    await writeFile(join(root, 'rsa.pem'), 'garbage');
    await expect(sign(['model', '--key', 'rsa.pem', '--output', 'x.sig'], io().cli)).rejects.toThrow(/PEM private key/);
    expect((await run(verify, ['--help'])).code).toBe(0);
  });

  it('verifies the vetting record against --repo/--commit', async () => {
    const s = await signModel({ digests: digestsOf(MODEL_FILES), modelName: 'acme/bert-tiny', review: approvedReview(), signer: { kind: 'key', privateKeyPem: key.privatePem } });
    const w = await writeSignatures(join(root, 'sigs'), 'acme/bert-tiny', COMMIT, s);
    const base = ['model', '--signature', w.modelSig, '--public-key', 'key.pub', '--vetting', w.vetting!];
    const ok = await run(verify, [...base, '--repo', 'acme/bert-tiny', '--commit', COMMIT]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`vetting: approved acme/bert-tiny@${COMMIT}`);
    const bad = await run(verify, [...base, '--repo', 'Open-OSS/bert-tiny']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\(wrong-repo-or-commit\): vetting record is for acme\/bert-tiny, expected Open-OSS\/bert-tiny/);
  });

  it('verifies model_signing\'s own key-signed vector through the CLI', async () => {
    const vec = MODEL_SIGNING_VECTORS;
    const v = await run(verify, ['key', `${vec}/v1.1.0-elliptic-key`, '--signature', `${vec}/v1.1.0-elliptic-key/model.sig`, '--public_key', `${vec}/keys/signing-key-pub.pem`, '--ignore_paths', 'ignore-me']);
    expect(v).toEqual(expect.objectContaining({ code: 0, err: '' }));
    expect(v.out).toContain('(secp384r1)');
  });
});

describe("the issue's expected-behaviour table (verification side)", () => {
  it('approved + pinned + valid signature → load; internal mirror copy with a valid signature → load', async () => {
    const s = await signModel({ digests: digestsOf(MODEL_FILES), modelName: 'acme/bert-tiny', review: approvedReview(), signer: { kind: 'key', privateKeyPem: key.privatePem } });
    const w = await writeSignatures(join(root, 'sigs'), 'acme/bert-tiny', COMMIT, s);
    const args = (d: string) => [d, '--signature', w.modelSig, '--public-key', 'key.pub', '--vetting', w.vetting!, '--repo', 'acme/bert-tiny', '--commit', COMMIT];
    expect((await run(verify, args('model'))).code).toBe(0);
    const mirror = await mkdtemp(join(tmpdir(), 'mg-mirror-'));
    try {
      await cp(dir, join(mirror, 'bert-tiny'), { recursive: true });
      expect((await run(verify, args(join(mirror, 'bert-tiny')))).code).toBe(0);
    } finally {
      await rm(mirror, { recursive: true, force: true });
    }
  });

  it('signature missing → block (unsigned, and says the file cannot be read); unsigned model from an unknown source → block; tampered after approval → block', async () => {
    const missing = await run(verify, ['model', '--signature', 'model.sig', '--public-key', 'key.pub']);
    expect(missing).toEqual(expect.objectContaining({ code: 1, err: 'verification FAILED (unsigned): cannot read signature model.sig: no such file (ENOENT); check the --signature path\n' }));
    await writeFile(join(root, 'empty.sig'), '');
    expect((await run(verify, ['model', '--signature', 'empty.sig', '--public-key', 'key.pub'])).err).toMatch(/\(unsigned\)/);
    // Someone else's valid signature over the same bytes is not ours.
    const stranger = p256();
    await writeFile(join(root, 'stranger.pem'), stranger.privatePem);
    await run(sign, ['model', '--key', 'stranger.pem', '--output', 'stranger.sig']);
    expect((await run(verify, ['model', '--signature', 'stranger.sig', '--public-key', 'key.pub'])).err).toMatch(/\(wrong-signer\)/);
    await run(sign, ['model', '--key', 'key.pem', '--output', 'model.sig']);
    await writeFile(join(dir, 'model.safetensors'), Buffer.alloc(300_000, 8));
    expect((await run(verify, ['model', '--signature', 'model.sig', '--public-key', 'key.pub'])).err).toMatch(/\(tampered-file\): 'model.safetensors'/);
  });

  it('scanner finding in a newly submitted model → rejected and never signed', async () => {
    const rejected = approvedReview({ verdict: 'rejected', findings: [{ check: 'pickle.global', severity: 'critical', message: 'builtins.exec' }] });
    await expect(signModel({ digests: digestsOf(MODEL_FILES), modelName: 'acme/bert-tiny', review: rejected, signer: { kind: 'key', privateKeyPem: key.privatePem } })).rejects.toThrow(/only approved/);
    expect(await readFile(join(root, 'sigs'), 'utf8').catch(() => 'none')).toBe('none');
  });
});
