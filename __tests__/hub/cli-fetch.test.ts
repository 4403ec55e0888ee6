// `model-gate fetch` end to end against the local registry.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFetch } from '../../src/cli/fetch.js';
import { UsageError, type CliIO } from '../../src/cli/io.js';
import { TOKEN, startEnv, type Env } from './fixture.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.hub.clear();
  env.cdn.clear();
});

function io(vars: Record<string, string> = {}): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    env: vars,
    cwd: process.cwd(),
    stdout: (t: string) => void (o.out += t),
    stderr: (t: string) => void (o.err += t)
  };
  return o;
}

const target = (repo = 'acme/tiny') => `${repo}@${env.head(repo)}`;

test('downloads and verifies every file; exit 0; text report', async () => {
  const t = io();
  const code = await runFetch([target(), '--hub-url', env.hub.url, '--cdn-origin', env.cdn.url], t);
  expect(t.err).toBe('');
  expect(code).toBe(0);
  expect(t.out).toMatch(/^ok {4}model\.safetensors {2}size 3158073 \(lfs\) {2}sha256 [0-9a-f]{64} {2}git [0-9a-f]{40}$/m);
  expect(t.out).toMatch(/6 of 6 files verified\n$/);
});

test('json report, HF_ENDPOINT honoured, HF_TOKEN used for a private repo and never printed', async () => {
  const t = io({ HF_ENDPOINT: env.hub.url, HF_TOKEN: TOKEN });
  const code = await runFetch([target('acme/secret'), '--format', 'json'], t);
  expect(code).toBe(0);
  const report = JSON.parse(t.out) as { ok: boolean; canonicalId: string; files: { path: string; ok: boolean; gitOid: string }[] };
  expect(report.ok).toBe(true);
  expect(report.canonicalId).toBe('acme/secret');
  expect(report.files).toEqual([expect.objectContaining({ path: 'a.txt', ok: true })]);
  expect(t.out + t.err).not.toContain(TOKEN);
  expect(env.hub.requests.every((q) => q.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
});

test('a file failing verification: FAIL line with the reason, exit 1', async () => {
  env.hub.add({ response: (status, headers) => (headers['x-linked-etag'] ? { status, headers: { ...headers, 'x-linked-etag': `"${'0'.repeat(64)}"` } } : { status, headers }) });
  const t = io();
  const code = await runFetch([target(), '--hub-url', env.hub.url, '--cdn-origin', env.cdn.url], t);
  expect(code).toBe(1);
  expect(t.out).toMatch(/^FAIL {2}model\.safetensors .*\[etag-mismatch\]/m);
  expect(t.out).toMatch(/5 of 6 files verified, 1 failed/);
});

test('an LFS redirect to a CDN origin nobody allowed fails that file', async () => {
  const t = io();
  expect(await runFetch([target(), '--hub-url', env.hub.url], t)).toBe(1);
  expect(t.out).toMatch(/\[unexpected-cdn-origin\]/);
});

test('a renamed repository is reported and refused unless --allow-rename', async () => {
  const t = io();
  const args = [`oldname/tiny@${env.head('acme/tiny')}`, '--hub-url', env.hub.url, '--cdn-origin', env.cdn.url];
  expect(await runFetch(args, t)).toBe(1);
  expect(t.out).toMatch(/redirect 307: oldname\/tiny -> acme\/tiny/);
  expect(t.err).toMatch(/now answers as 'acme\/tiny'/);
  const t2 = io();
  expect(await runFetch([...args, '--allow-rename'], t2)).toBe(0);
});

test('--out writes verified copies', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mg-cli-'));
  try {
    const t = io();
    expect(await runFetch([target(), '--hub-url', env.hub.url, '--cdn-origin', env.cdn.url, `--out=${dir}`], t)).toBe(0);
    expect(await readFile(join(dir, 'sub', 'dir', 'notes.txt'), 'utf8')).toBe('x'.repeat(200_000));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a Hub error while resolving is exit 1 with its code', async () => {
  const t = io();
  expect(await runFetch([`nobody/nothing@${'a'.repeat(40)}`, '--hub-url', env.hub.url], t)).toBe(1);
  expect(t.err).toMatch(/resolve: \[unauthorized\]/);
});

test.each([
  [['acme/tiny@main'], /not a full 40-hex commit/],
  [['acme/tiny@abc1234'], /short sha/],
  [['acme/tiny'], /no @SHA/],
  [[], /usage: model-gate fetch/],
  [[`acme/tiny@${'a'.repeat(40)}`, '--format', 'xml'], /text or json/],
  [[`acme/tiny@${'a'.repeat(40)}`, '--bogus'], /unknown option/],
  [[`acme/tiny@${'a'.repeat(40)}`, '--hub-url', 'https://hub.example/api'], /path/]
])('usage error %j', async (args, message) => {
  const t = io();
  await expect(runFetch(args, t)).rejects.toThrow(UsageError);
  await expect(runFetch(args, t)).rejects.toThrow(message);
  expect(env.hub.requests).toHaveLength(0);
});
