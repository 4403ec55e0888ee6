// The store builder: streamed content-addressed objects, Hub hashes, LFS defaults, deterministic commits, and
// refusal of bad specs.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBlobOid, lfsPointerOid } from '../../src/hub/oid.js';
import { objectIdTime } from '../../src/hub/shapes/index.js';
import type { StoreSpec } from '../../src/registry/spec.js';
import { buildStore, defaultLfs } from '../../src/registry/store-builder.js';
import { README, SPEC, sha256Hex } from './fixture.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'mg-builder-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

test('objects are stored by sha256 with the exact bytes; oids are the Hub\'s', async () => {
  const dir = await tempDir();
  const built = await buildStore(dir, SPEC);
  const files = built.repos['acme/privacy-filter']?.files ?? {};
  const readme = files['README.md'];
  expect(readme).toEqual({ path: 'README.md', sha256: sha256Hex(Buffer.from(README)), gitOid: gitBlobOid(Buffer.from(README)), size: Buffer.byteLength(README), lfs: false });
  const weights = files['model.safetensors'];
  expect(weights?.lfs).toBe(true);
  expect(weights?.gitOid).toBe(lfsPointerOid(weights?.sha256 ?? '', weights?.size ?? 0));
  for (const f of Object.values(files)) {
    const bytes = await readFile(join(dir, 'objects', f.sha256.slice(0, 2), f.sha256));
    expect([f.path, bytes.byteLength, sha256Hex(bytes)]).toEqual([f.path, f.size, f.sha256]);
  }
  expect(files['big.txt']).toMatchObject({ size: 3 * 1024 * 1024 + 17, lfs: false });
  const leftovers = (await readdir(join(dir, 'objects'))).filter((n) => n.startsWith('.tmp-'));
  expect(leftovers).toEqual([]);
});

test('commits: 40-hex shas in order, per-commit file sets, deletions, branches and tags', async () => {
  const built = await buildStore(await tempDir(), SPEC);
  const r = built.repos['acme/privacy-filter'];
  expect(r?.shas).toHaveLength(3);
  for (const s of r?.shas ?? []) expect(s).toMatch(/^[0-9a-f]{40}$/);
  expect(new Set(r?.shas).size).toBe(3);
  expect(Object.keys(r?.commits[0]?.files ?? {})).toEqual(['.gitattributes']);
  expect(r?.commits[1]?.files['pytorch_model.bin']).toBeDefined();
  expect(r?.commits[2]?.files['pytorch_model.bin']).toBeUndefined();
  expect(r?.commits[1]?.files['model.safetensors']?.sha256).not.toBe(r?.commits[2]?.files['model.safetensors']?.sha256);
  expect(r?.branches).toEqual({ main: r?.shas[2], 'refs/pr/1': r?.shas[1] });
  expect(r?.tags).toEqual({ 'v1.0': r?.shas[1] });
  expect(objectIdTime(r?._id ?? '')).toBe('2023-06-01T00:00:00.000Z');
  const secret = built.repos['acme/secret-model'];
  expect(secret?.createdAt).toBe('2024-01-01T00:00:00.000Z');
  expect(objectIdTime(built.accounts['acme']?._id ?? '')).toBe('2023-05-01T10:20:30.000Z');
});

test('deterministic: two builds of one spec give identical shas, ids and metadata files', async () => {
  const [a, b] = [await tempDir(), await tempDir()];
  const [x, y] = [await buildStore(a, SPEC), await buildStore(b, SPEC)];
  expect({ ...x, dir: '' }).toEqual({ ...y, dir: '' });
  const rel = 'repos/acme/privacy-filter.json';
  expect(await readFile(join(a, rel), 'utf8')).toBe(await readFile(join(b, rel), 'utf8'));
  // A changed date changes the commit sha.
  const moved: StoreSpec = { ...SPEC, repos: [{ id: 'acme/x', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:01Z', files: { a: 'a' } }] }] };
  const orig: StoreSpec = { ...SPEC, repos: [{ id: 'acme/x', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00Z', files: { a: 'a' } }] }] };
  expect((await buildStore(await tempDir(), moved)).repos['acme/x']?.shas).not.toEqual((await buildStore(await tempDir(), orig)).repos['acme/x']?.shas);
});

test('LFS like the Hub: model extensions and files over 10 MiB; an explicit lfs flag wins', async () => {
  for (const p of ['w.bin', 'w.safetensors', 'x/w.pt', 'w.pth', 'w.ckpt', 'w.h5', 'w.onnx', 'w.gguf', 'w.msgpack', 'w.pkl', 'a.npy', 'a.npz', 'spm.model', 'a.zip', 'a.tar', 'a.gz', 'events.out.tfevents.1']) {
    expect([p, defaultLfs(p, 10)]).toEqual([p, true]);
  }
  for (const p of ['README.md', 'config.json', 'tokenizer.json', 'x.py', '.gitattributes', 'bin']) expect([p, defaultLfs(p, 10)]).toEqual([p, false]);
  expect(defaultLfs('data.json', 10 * 1024 * 1024 + 1)).toBe(true);
  expect(defaultLfs('data.json', 10 * 1024 * 1024)).toBe(false);
  const built = await buildStore(await tempDir(), {
    accounts: [],
    repos: [{ id: 'a/b', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00Z', files: { 'w.bin': { content: 'x', lfs: false }, 'n.txt': { content: 'y', lfs: true } } }] }]
  });
  expect(built.repos['a/b']?.files['w.bin']?.lfs).toBe(false);
  expect(built.repos['a/b']?.files['w.bin']?.gitOid).toBe(gitBlobOid(Buffer.from('x')));
  expect(built.repos['a/b']?.files['n.txt']?.lfs).toBe(true);
});

test('fromFile and generate content stream into objects', async () => {
  const dir = await tempDir();
  const src = join(dir, 'source.bin');
  await writeFile(src, Buffer.alloc(5000, 9));
  const built = await buildStore(dir, {
    accounts: [],
    repos: [{ id: 'a/b', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00Z', files: { 'copy.bin': { fromFile: src }, 'gen.bin': { generate: { size: 2_500_000, seed: 1 } } } }] }]
  });
  expect(built.repos['a/b']?.files['copy.bin']).toMatchObject({ size: 5000, sha256: sha256Hex(Buffer.alloc(5000, 9)) });
  const gen = built.repos['a/b']?.files['gen.bin'];
  const onDisk = await readFile(join(dir, 'objects', gen?.sha256.slice(0, 2) ?? '', gen?.sha256 ?? ''));
  expect([onDisk.byteLength, sha256Hex(onDisk)]).toEqual([2_500_000, gen?.sha256]);
});

test('bad specs are refused with a message naming the repo, commit and file', async () => {
  const commit = (files: Record<string, string | null>) => ({ title: 'c', date: '2024-01-01T00:00:00Z', files });
  const cases: [StoreSpec, RegExp][] = [
    [{ accounts: [], repos: [{ id: 'not-a-repo-id', commits: [commit({ a: 'a' })] }] }, /not a valid 'namespace\/name'/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [commit({ '../escape': 'a' })] }] }, /'\.\.' segment/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [commit({ '/abs': 'a' })] }] }, /absolute path/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [commit({ a: null })] }] }, /deletes 'a', which does not exist/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [commit({ a: 'x', 'a/b': 'y' })] }] }, /both a file and a directory/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [] }] }, /at least one commit/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [commit({ a: 'a' })], branches: { main: 3 } }] }, /points at commit 3/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [{ title: 'c', date: 'soon', files: {} }] }] }, /not an ISO date/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [commit({ a: 'a' })] }, { id: 'A/B', commits: [commit({ a: 'a' })] }] }, /declared twice/],
    [{ accounts: [{ name: 'x', type: 'user', createdAt: '2024-01-01T00:00:00Z' }, { name: 'X', type: 'org', createdAt: '2024-01-01T00:00:00Z' }], repos: [] }, /declared twice/],
    [{ accounts: [], repos: [], redirects: [{ from: 'a/b', to: 'A/B' }] }, /points at itself/],
    [{ accounts: [], repos: [{ id: 'a/b', commits: [{ title: 'c', date: '2024-01-01T00:00:00Z', files: { f: { fromFile: '/nonexistent/file' } } }] }] }, /cannot read fromFile/]
  ];
  for (const [spec, message] of cases) await expect(buildStore(await tempDir(), spec)).rejects.toThrow(message);
});
