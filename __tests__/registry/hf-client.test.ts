// @huggingface/hub, unchanged, pointed at the registry with `hubUrl`: what the rest of Model Gate relies on when
// it uses the official client against a mirror.
import { createHash } from 'node:crypto';
import { downloadFile, listCommits, listFiles, listModels, modelInfo, pathsInfo, whoAmI, type ListFileEntry } from '@huggingface/hub';
import { HubClient } from '../../src/hub/client.js';
import { README, TOKEN, startFixture, type Harness } from './fixture.js';

let h: Harness;
let hubUrl: string;
beforeAll(async () => {
  h = await startFixture();
  hubUrl = h.registry.hubUrl;
});
afterAll(async () => {
  await h.close();
});

const repo = 'acme/privacy-filter';

test('modelInfo reads the expand-mode document, with extra fields on request', async () => {
  const info = await modelInfo({ name: repo, hubUrl, additionalFields: ['sha', 'author', 'createdAt', 'cardData', 'filePaths'] });
  const built = h.built.repos[repo];
  expect(info.id).toBe(built?._id);
  expect(info.name).toBe(repo);
  expect(info.private).toBe(false);
  expect(info.gated).toBe(false);
  expect(info.downloads).toBe(1234);
  expect(info.likes).toBe(56);
  expect(info.task).toBe('text-classification');
  expect(info.updatedAt.toISOString()).toBe('2023-06-03T00:00:00.000Z');
  expect(info.sha).toBe(built?.branches['main']);
  expect(info.author).toBe('acme');
  expect(info.createdAt).toBe('2023-06-01T00:00:00.000Z');
  expect(info.cardData).toMatchObject({ license: 'apache-2.0', base_model: 'acme/base' });
  expect([...info.filePaths].sort()).toEqual(Object.keys(built?.files ?? {}).sort());
});

test('modelInfo at a pinned old commit reports that commit', async () => {
  const old = h.built.repos[repo]?.shas[1] ?? '';
  const info = await modelInfo({ name: repo, hubUrl, revision: old, additionalFields: ['sha', 'filePaths'] });
  expect(info.sha).toBe(old);
  expect(info.filePaths).toContain('pytorch_model.bin');
  expect(info.filePaths).not.toContain('scripts/preprocess.py');
});

test('modelInfo of a private repo needs the token; a missing repo is an error', async () => {
  await expect(modelInfo({ name: 'acme/secret-model', hubUrl })).rejects.toMatchObject({ statusCode: 401 });
  const info = await modelInfo({ name: 'acme/secret-model', hubUrl, accessToken: TOKEN });
  expect(info.private).toBe(true);
  await expect(modelInfo({ name: 'acme/nope', hubUrl, accessToken: TOKEN })).rejects.toMatchObject({ statusCode: 404, message: expect.stringContaining('Repository not found') });
});

test('listFiles (recursive, expand) walks every page and matches the built store', async () => {
  const small = await startFixture(undefined, { treePageSize: 2, treeExpandPageSize: 3 });
  try {
    const files: ListFileEntry[] = [];
    for await (const f of listFiles({ repo, hubUrl: small.registry.hubUrl, recursive: true, expand: true })) files.push(f);
    const built = small.built.repos[repo]?.files ?? {};
    const onlyFiles = files.filter((f) => f.type === 'file');
    expect(onlyFiles.map((f) => f.path).sort()).toEqual(Object.keys(built).sort());
    for (const f of onlyFiles) {
      const b = built[f.path];
      expect(f.oid).toBe(b?.gitOid);
      expect(f.size).toBe(b?.size);
      if (b?.lfs) expect(f.lfs?.oid).toBe(b.sha256);
      else expect(f.lfs).toBeUndefined();
      expect(f.lastCommit?.id).toMatch(/^[0-9a-f]{40}$/);
    }
    expect(files.filter((f) => f.type === 'directory').map((f) => f.path)).toEqual(['scripts', 'scripts/data']);
    // 9 entries at 3 per page: the client followed two absolute Link headers.
    expect(small.logs.filter((l) => l.includes('/tree/main')).length).toBe(3);
  } finally {
    await small.close();
  }
});

test('listFiles non-recursive lists one level, also inside a folder', async () => {
  const top: string[] = [];
  for await (const f of listFiles({ repo, hubUrl })) top.push(`${f.type}:${f.path}`);
  expect(top).toContain('directory:scripts');
  expect(top).not.toContain('file:scripts/preprocess.py');
  const inner: string[] = [];
  for await (const f of listFiles({ repo, hubUrl, path: 'scripts' })) inner.push(`${f.type}:${f.path}`);
  expect(inner).toEqual(['directory:scripts/data', 'file:scripts/preprocess.py']);
});

test('downloadFile: git file directly, LFS file through the CDN redirect, bytes match sha256', async () => {
  const readme = await downloadFile({ repo, path: 'README.md', hubUrl });
  expect(await readme?.text()).toBe(README);
  const weights = await downloadFile({ repo, path: 'model.safetensors', hubUrl });
  const bytes = Buffer.from(await (weights as Blob).arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(h.built.repos[repo]?.files['model.safetensors']?.sha256);
  const big = await downloadFile({ repo, path: 'big.txt', hubUrl });
  expect(big?.size).toBe(3 * 1024 * 1024 + 17);
  const tail = Buffer.from(await (big as Blob).slice(3 * 1024 * 1024, 3 * 1024 * 1024 + 17).arrayBuffer());
  expect(tail.byteLength).toBe(17);
  expect(await downloadFile({ repo, path: 'missing.bin', hubUrl })).toBeNull();
});

test('downloadFile with a token: the Hub sees it, the CDN never does (it would answer 400)', async () => {
  const blob = await downloadFile({ repo: 'acme/gated-model', path: 'w.safetensors', hubUrl, accessToken: TOKEN });
  expect(await blob?.text()).toBe('gated weights');
  const cdnLines = h.logs.filter((l) => l.startsWith('cdn '));
  expect(cdnLines.length).toBeGreaterThan(0);
  expect(cdnLines.filter((l) => / 400 /.test(l))).toEqual([]);
  await expect(downloadFile({ repo: 'acme/gated-model', path: 'w.safetensors', hubUrl })).rejects.toMatchObject({ statusCode: 401 });
});

test('downloadFile raw returns the LFS pointer text', async () => {
  const pointer = await downloadFile({ repo, path: 'model.safetensors', hubUrl, raw: true });
  const f = h.built.repos[repo]?.files['model.safetensors'];
  expect(await pointer?.text()).toBe(`version https://git-lfs.github.com/spec/v1\noid sha256:${f?.sha256}\nsize ${f?.size}\n`);
});

test('listCommits pages through history newest first', async () => {
  const commits = [];
  for await (const c of listCommits({ repo, hubUrl, batchSize: 2 })) commits.push(c);
  expect(commits.map((c) => c.oid)).toEqual([...(h.built.repos[repo]?.shas ?? [])].reverse());
  expect(commits[2]?.title).toBe('initial commit');
  expect(commits[1]?.authors.map((a) => a.username)).toEqual(['alice', 'bob']);
  expect(commits[0]?.date.toISOString()).toBe('2023-06-03T00:00:00.000Z');
});

test('pathsInfo (JSON body) and whoAmI', async () => {
  const items = await pathsInfo({ repo, hubUrl, paths: ['model.safetensors', 'scripts', 'nope.txt'], expand: true });
  expect(items.map((i) => `${i.type}:${i.path}`)).toEqual(['file:model.safetensors', 'directory:scripts']);
  expect(items[0]?.securityFileStatus?.status).toBe('safe');
  const me = await whoAmI({ hubUrl, accessToken: TOKEN });
  expect(me.type).toBe('user');
});

test('listModels searches ids, sorted by downloads, private repos only with the token; the gate\'s search agrees', async () => {
  const seen: { name: string; downloads: number; id: string }[] = [];
  for await (const m of listModels({ hubUrl, search: { query: 'privacy' }, sort: 'downloads', limit: 50 })) seen.push({ name: m.name, downloads: m.downloads, id: m.id });
  expect(seen.length).toBeGreaterThan(0);
  for (const m of seen) expect(m.name.toLowerCase()).toContain('privacy');
  const downloads = seen.map((m) => m.downloads);
  expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
  expect(seen.find((m) => m.name === repo)?.id).toBe(h.built.repos[repo]?._id);
  const all: string[] = [];
  for await (const m of listModels({ hubUrl, limit: 1000 })) all.push(m.name);
  expect(all).not.toContain('acme/secret-model');
  const withToken: string[] = [];
  for await (const m of listModels({ hubUrl, limit: 1000, credentials: { accessToken: TOKEN } })) withToken.push(m.name);
  expect(withToken).toContain('acme/secret-model');
  const client = new HubClient({ hubUrl, env: {} });
  try {
    expect((await client.searchModels('privacy', { limit: 50 })).map((m) => m.id)).toEqual(seen.map((m) => m.name));
  } finally {
    await client.close();
  }
});
