// The gateway against real clients over 127.0.0.1: @huggingface/hub unchanged with `hubUrl` pointed at it, and
// plain HTTP for what clients do not expose (headers, Range, raw status). Upstream is the project's registry.
import { downloadFile, listFiles, listModels, modelInfo, snapshotDownload, type ListFileEntry } from '@huggingface/hub';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore } from '../../src/gateway/blob-store.js';
import { cdnFetches, CONFIG, sha256, startTestGateway, startWorld, OLD_WEIGHTS, TOKENIZER_JSON, WEIGHTS, type Gateway, type World } from './fixture.js';

let w: World;
let g: Gateway;
let hubUrl: string;
const repo = 'acme/tiny-tok';

beforeAll(async () => {
  w = await startWorld();
  g = await startTestGateway(w);
  hubUrl = g.gw.url;
});
afterAll(async () => {
  await g.close();
  await w.close();
});

async function bytesOf(blob: Blob | null): Promise<Buffer> {
  if (!blob) throw new Error('no file');
  return Buffer.from(await blob.arrayBuffer());
}

test('an approved, signed model is served at its pin whatever ref the client names', async () => {
  const pin = w.pins[repo]!;
  const viaMain = await bytesOf(await downloadFile({ repo, path: 'model.safetensors', hubUrl }));
  expect(sha256(viaMain)).toBe(sha256(WEIGHTS));
  const viaSha = await bytesOf(await downloadFile({ repo, path: 'tokenizer.json', hubUrl, revision: pin }));
  expect(viaSha.toString()).toBe(TOKENIZER_JSON);
  const info = await modelInfo({ name: repo, hubUrl, additionalFields: ['sha'] });
  expect(info.sha).toBe(pin);
  const res = await fetch(`${hubUrl}/${repo}/resolve/main/config.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('x-repo-commit')).toBe(pin);
  // What main points to upstream now (an unreviewed commit) is never what the client gets.
  expect(sha256(viaMain)).not.toBe(sha256(Buffer.alloc(1000, 'evil|')));
  expect(sha256(viaMain)).not.toBe(sha256(OLD_WEIGHTS));
});

test('listFiles shows exactly the signed files (model_signing ignores .gitattributes, so it is not served)', async () => {
  const files: ListFileEntry[] = [];
  for await (const f of listFiles({ repo, hubUrl, recursive: true })) files.push(f);
  expect(files.filter((f) => f.type === 'file').map((f) => f.path).sort()).toEqual(['README.md', 'config.json', 'model.safetensors', 'nested/extra.txt', 'tokenizer.json', 'tokenizer_config.json']);
  expect(files.find((f) => f.path === 'model.safetensors')?.lfs?.oid).toBe(sha256(WEIGHTS));
  const top: ListFileEntry[] = [];
  for await (const f of listFiles({ repo, hubUrl })) top.push(f);
  expect(top.map((f) => f.path).sort()).toEqual(['README.md', 'config.json', 'model.safetensors', 'nested', 'tokenizer.json', 'tokenizer_config.json']);
  const res = await fetch(`${hubUrl}/${repo}/resolve/main/.gitattributes`);
  expect(res.status).toBe(404);
  expect(((await res.json()) as { error: string }).error).toMatch(/not among the signed files/);
});

test('snapshotDownload fetches the whole signed snapshot at the pin into the client cache', async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'mg-snap-'));
  try {
    const dir = await snapshotDownload({ repo, hubUrl, cacheDir });
    expect(dir.endsWith(w.pins[repo]!)).toBe(true);
    // The snapshot's entries are symbolic links into the cache's blobs (as in huggingface_hub's cache layout).
    const entries = await readdir(dir, { recursive: true });
    const files = (await Promise.all(entries.map(async (e) => ((await stat(join(dir, e))).isFile() ? e : undefined)))).filter((e) => e !== undefined).sort();
    expect(files).toEqual(['README.md', 'config.json', 'model.safetensors', 'nested/extra.txt', 'tokenizer.json', 'tokenizer_config.json']);
    expect(sha256(await readFile(join(dir, 'model.safetensors')))).toBe(sha256(WEIGHTS));
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe(CONFIG);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});

test('an unknown repository is refused with how to request it, in the Hub error shape the client prints', async () => {
  const err = await downloadFile({ repo: 'other/unknown', path: 'config.json', hubUrl }).then(() => undefined, (e: Error) => e);
  expect(err?.message).toContain('other/unknown is not approved; to request it open a PR adding `other/unknown@<40-hex commit sha>` to approved-models.yaml');
  const res = await fetch(`${hubUrl}/api/models/other/unknown/revision/${w.built.repos['other/unknown']!.shas[0]}`);
  expect(res.status).toBe(403);
  expect(res.headers.get('x-error-code')).toBe('ModelNotApproved');
  expect(((await res.json()) as { error: string }).error).toContain(`other/unknown@${w.built.repos['other/unknown']!.shas[0]}`);
});

test('a typosquat is refused, named as a lookalike of the approved model, and logged as such', async () => {
  const err = await modelInfo({ name: 'acme-ai/tiny-tok', hubUrl }).then(() => undefined, (e: Error) => e);
  expect(err?.message).toMatch(/acme-ai\/tiny-tok is not approved and looks like the approved acme\/tiny-tok/);
  const line = g.log.find((l) => l['outcome'] !== undefined && l['repo'] === 'acme-ai/tiny-tok');
  expect(line).toMatchObject({ outcome: 'refused', reason: 'typosquat', status: 403 });
});

test('approved but unsigned is refused until signed; a commit other than the pin is refused', async () => {
  const err = await downloadFile({ repo: 'acme/unsigned-model', path: 'config.json', hubUrl }).then(() => undefined, (e: Error) => e);
  expect(err?.message).toMatch(/acme\/unsigned-model@[0-9a-f]{40} is approved but not signed yet/);
  const newer = w.built.repos[repo]!.shas[2]!;
  const res = await fetch(`${hubUrl}/${repo}/resolve/${newer}/config.json`);
  expect(res.status).toBe(403);
  expect(((await res.json()) as { error: string }).error).toBe(
    `${repo}@${newer} is not approved (the approved commit is ${w.pins[repo]}); to request it open a PR changing the entry to \`${repo}@${newer}\` in approved-models.yaml`
  );
});

test('listing and search show only approved, signed repositories', async () => {
  const ids: string[] = [];
  for await (const m of listModels({ hubUrl })) ids.push(m.name);
  expect(ids.sort()).toEqual(['acme/swapped', 'acme/tiny-tok']);
  const found: string[] = [];
  for await (const m of listModels({ hubUrl, search: { query: 'tiny' } })) found.push(m.name);
  expect(found).toEqual(['acme/tiny-tok']);
});

test('upstream bytes that differ from the signed digest are refused and never stored', async () => {
  const res = await fetch(`${hubUrl}/acme/swapped/resolve/main/model.safetensors`);
  expect(res.status).toBe(502);
  expect(((await res.json()) as { error: string }).error).toMatch(/signed manifest says/);
  expect(await g.store.stat(sha256('upstream bytes'))).toBeUndefined();
  expect(g.log.find((l) => l['outcome'] !== undefined && l['repo'] === 'acme/swapped' && l['file'] === 'model.safetensors')).toMatchObject({ outcome: 'refused', reason: 'tampered' });
});

test('concurrent first requests for one file share one upstream fetch', async () => {
  const fresh = await startTestGateway(w);
  try {
    const before = cdnFetches(w, sha256(WEIGHTS));
    const bodies = await Promise.all(Array.from({ length: 8 }, () => fetch(`${fresh.gw.url}/${repo}/resolve/main/model.safetensors`).then(async (r) => Buffer.from(await r.arrayBuffer()))));
    expect(bodies.map((b) => sha256(b))).toEqual(Array(8).fill(sha256(WEIGHTS)));
    expect(cdnFetches(w, sha256(WEIGHTS)) - before).toBe(1);
  } finally {
    await fresh.close();
  }
});

test('stored bytes altered at rest are never served: removed, refetched from upstream and reported', async () => {
  const fresh = await startTestGateway(w);
  try {
    const url = `${fresh.gw.url}/${repo}/resolve/main/model.safetensors`;
    expect(sha256(Buffer.from(await (await fetch(url)).arrayBuffer()))).toBe(sha256(WEIGHTS));
    const path = (fresh.store as FsBlobStore).pathOf(sha256(WEIGHTS));
    const bytes = await readFile(path);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    const before = cdnFetches(w, sha256(WEIGHTS));
    const again = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(sha256(again)).toBe(sha256(WEIGHTS));
    expect(cdnFetches(w, sha256(WEIGHTS)) - before).toBe(1);
    expect(fresh.log.some((l) => l['event'] === 'stored-blob-mismatch' && l['sha256'] === sha256(WEIGHTS))).toBe(true);
    expect(fresh.gw.metrics.value('gateway_tampered_blobs_total')).toBe(1);
  } finally {
    await fresh.close();
  }
});

test('Range requests resume a download; HEAD answers the Hub headers', async () => {
  const url = `${hubUrl}/${repo}/resolve/main/model.safetensors`;
  const part = await fetch(url, { headers: { Range: 'bytes=1048570-1048589' } });
  expect(part.status).toBe(206);
  expect(part.headers.get('content-range')).toBe(`bytes 1048570-1048589/${WEIGHTS.length}`);
  expect(Buffer.from(await part.arrayBuffer())).toEqual(WEIGHTS.subarray(1048570, 1048590));
  const tail = await fetch(url, { headers: { Range: `bytes=${WEIGHTS.length - 5}-` } });
  expect(Buffer.from(await tail.arrayBuffer())).toEqual(WEIGHTS.subarray(WEIGHTS.length - 5));
  const head = await fetch(url, { method: 'HEAD' });
  expect(head.headers.get('x-linked-etag')).toBe(`"${sha256(WEIGHTS)}"`);
  expect(head.headers.get('content-length')).toBe(String(WEIGHTS.length));
  expect((await fetch(url, { headers: { Range: `bytes=${WEIGHTS.length}-` } })).status).toBe(416);
});

test('a first request for a large file is answered while it downloads; a failed check cuts it short of its length', async () => {
  const streaming = await startTestGateway(w, { streamThroughMinBytes: 1 });
  try {
    const before = cdnFetches(w, sha256(WEIGHTS));
    const [first, second] = await Promise.all(
      [0, 1].map(() => fetch(`${streaming.gw.url}/${repo}/resolve/main/model.safetensors`).then(async (r) => sha256(Buffer.from(await r.arrayBuffer()))))
    );
    expect([first, second]).toEqual([sha256(WEIGHTS), sha256(WEIGHTS)]);
    expect(cdnFetches(w, sha256(WEIGHTS)) - before).toBe(1);
    expect(await streaming.store.stat(sha256(WEIGHTS))).toMatchObject({ size: WEIGHTS.length });
    // Upstream bytes other than the signed ones: the connection is cut before the body completes (here, a one-chunk
    // file, before the headers even leave: they wait for the first body bytes).
    const body = fetch(`${streaming.gw.url}/acme/swapped/resolve/main/model.safetensors`).then((r) => r.arrayBuffer());
    await expect(body).rejects.toThrow();
    expect(streaming.log.find((l) => l['outcome'] !== undefined && l['repo'] === 'acme/swapped')).toMatchObject({ outcome: 'refused', reason: 'tampered' });
    expect(await streaming.store.stat(sha256('upstream bytes'))).toBeUndefined();
  } finally {
    await streaming.close();
  }
});
