// The verified streaming download over real HTTP: the local registry's Hub and CDN origins behind hostile proxies.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TreeFile, TreeItem } from '../../src/hub/types.js';
import type { HubClient, HubClientOptions } from '../../src/hub/client.js';
import { LFS_SIZE, TOKEN, collector, failure, fileOf, startEnv, type Env } from './fixture.js';

let env: Env;
let tree: TreeItem[];
let sha: string;
const REPO = 'acme/tiny';

beforeAll(async () => {
  env = await startEnv();
  sha = env.head(REPO);
  tree = await env.client().listTree(REPO, sha);
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.hub.clear();
  env.cdn.clear();
  env.sleeps.length = 0;
});

const built = (path: string) => {
  const f = env.store.repos[REPO]?.files[path];
  if (!f) throw new Error(`fixture has no ${path}`);
  return f;
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const lfsItem = () => fileOf(tree, 'model.safetensors');
const CDN = /^\/repos\//;


function download(c: HubClient, item: TreeFile, extra: Partial<Parameters<HubClient['download']>[0]> = {}) {
  return c.download({ repo: REPO, sha, item, ...extra });
}

// Every behaviour over both transports: the raw-socket reader used by default for file bytes, and an injected fetch.
describe.each(['socket', 'fetch'] as const)('over %s', (transport) => {
  const mk = (extra: Partial<HubClientOptions> = {}): HubClient =>
    env.client({ ...(transport === 'fetch' ? { fetch: (u: string, i: RequestInit) => fetch(u, i) } : {}), ...extra });

  describe('verified files', () => {
    test('an LFS file streams from the CDN, verified by sha256 and the rebuilt pointer oid; the token stays on the Hub', async () => {
      const col = collector();
      const r = await download(mk({ token: TOKEN }), lfsItem(), { consumers: [col] });
      const b = built('model.safetensors');
      expect(r).toMatchObject({ path: 'model.safetensors', size: LFS_SIZE, sha256: b.sha256, gitOid: b.gitOid, lfs: true, retries: 0, resumes: 0, source: env.cdn.url });
      expect(col.bytes().length).toBe(LFS_SIZE);
      expect(sha256(col.bytes())).toBe(b.sha256);
      expect(col.ended).toBe(1);
      expect(env.hub.requests.map((q) => q.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
      expect(env.cdn.requests).toHaveLength(1);
      expect(env.cdn.requests[0]?.headers.authorization).toBeUndefined();
    });

    test('a regular file is verified by its git blob oid against the tree and the ETag', async () => {
      const col = collector();
      const r = await download(mk(), fileOf(tree, 'README.md'), { consumers: [col] });
      expect(col.bytes().toString()).toBe('# tiny\nHello, World!\n');
      expect(r).toMatchObject({ lfs: false, gitOid: built('README.md').gitOid, sha256: built('README.md').sha256, source: env.hub.url });
      expect(env.cdn.requests).toHaveLength(0);
    });

    test('an empty file', async () => {
      const col = collector();
      const r = await download(mk(), fileOf(tree, 'empty.txt'), { consumers: [col] });
      expect(r.gitOid).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
      expect(col.ended).toBe(1);
      expect(col.writes).toBe(0);
    });

    test('every consumer sees the bytes in order, and async consumers are awaited (backpressure)', async () => {
      const order: string[] = [];
      let inFlight = 0;
      const slow = {
        async write(c: Uint8Array) {
          inFlight++;
          expect(inFlight).toBe(1);
          order.push(`slow:${c.byteLength}`);
          await new Promise((r) => setTimeout(r, 1));
          inFlight--;
        }
      };
      const fast = { write: (c: Uint8Array) => void order.push(`fast:${c.byteLength}`) };
      await download(mk(), fileOf(tree, 'sub/dir/notes.txt'), { consumers: [slow, fast] });
      expect(order.length % 2).toBe(0);
      for (let i = 0; i < order.length; i += 2) {
        expect(order[i]?.replace('slow', 'x')).toBe(order[i + 1]?.replace('fast', 'x'));
      }
    });

    test('consumers that borrow chunks (reused read buffer) still see every byte once, across a resume', async () => {
      env.cdn.add({ match: CDN, times: 1, cut: { after: 1_500_000, mode: 'reset' } });
      const h = createHash('sha256');
      let n = 0;
      const borrower = { borrowsChunks: true, write: (c: Uint8Array) => { h.update(c); n += c.byteLength; } };
      const r = await download(mk(), lfsItem(), { consumers: [borrower] });
      expect(r.resumes).toBe(1);
      expect(n).toBe(LFS_SIZE);
      expect(h.digest('hex')).toBe(built('model.safetensors').sha256);
    });

    test('chunks handed to consumers that keep them are never overwritten later', async () => {
      const kept: Uint8Array[] = [];
      const copies: Buffer[] = [];
      await download(mk(), lfsItem(), { consumers: [{ write: (c) => { kept.push(c); copies.push(Buffer.from(c)); } }] });
      expect(kept.every((c, i) => Buffer.compare(c, copies[i] as Buffer) === 0)).toBe(true);
    });

    test('a failing consumer fails the file with consumer-failed, without retrying', async () => {
      const e = await failure(download(mk(), lfsItem(), { consumers: [{ write: () => { throw new Error('scanner exploded'); } }] }));
      expect(e.code).toBe('consumer-failed');
      expect(e.message).toMatch(/scanner exploded/);
      expect(env.cdn.requests).toHaveLength(1);
    });
  });

  describe('resume after broken connections', () => {
    test('a reset mid-file resumes with Range and delivers every byte exactly once', async () => {
      env.cdn.add({ match: CDN, times: 1, cut: { after: 1_000_000, mode: 'reset' } });
      const col = collector();
      const r = await download(mk(), lfsItem(), { consumers: [col] });
      expect(r.resumes).toBe(1);
      expect(col.bytes().length).toBe(LFS_SIZE);
      expect(sha256(col.bytes())).toBe(built('model.safetensors').sha256);
      expect(env.cdn.requests).toHaveLength(2);
      expect(env.cdn.requests[1]?.headers.range).toMatch(/^bytes=\d+-3158072$/);
      expect(Number(/=(\d+)-/.exec(env.cdn.requests[1]?.headers.range ?? '')?.[1])).toBeGreaterThan(0);
      expect(env.sleeps).toHaveLength(1);
    });

    test('a regular file resumes from the Hub itself', async () => {
      env.hub.add({ match: /notes\.txt$/, times: 1, cut: { after: 70_000, mode: 'reset' } });
      const col = collector();
      const r = await download(mk(), fileOf(tree, 'sub/dir/notes.txt'), { consumers: [col] });
      expect(r.resumes).toBe(1);
      expect(col.bytes().toString()).toBe('x'.repeat(200_000));
      expect(env.hub.requests[1]?.headers.range).toMatch(/^bytes=\d+-199999$/);
    });

    test('a server that stalls mid-file times out and the download resumes', async () => {
      env.cdn.add({ match: CDN, times: 1, cut: { after: 500_000, mode: 'stall' } });
      const col = collector();
      const r = await download(mk({ stallTimeoutMs: 150 }), lfsItem(), { consumers: [col] });
      expect(r.resumes).toBe(1);
      expect(sha256(col.bytes())).toBe(built('model.safetensors').sha256);
    });

    test('a server that always stalls ends in a timeout error saying how far it got', async () => {
      env.cdn.add({ match: CDN, cut: { after: 100_000, mode: 'stall' } });
      const e = await failure(download(mk({ stallTimeoutMs: 100, maxResumes: 2 }), lfsItem(), { consumers: [collector()] }));
      expect(e.code).toBe('timeout');
      expect(e.expected).toBe(LFS_SIZE);
      expect(e.actual).toBeGreaterThanOrEqual(100_000);
      expect(e.message).toMatch(/gave up after 2 resumes/);
      expect(env.cdn.requests).toHaveLength(3);
    });

    test('a body that ends early is resumed; one that always does is truncated', async () => {
      env.cdn.add({ match: CDN, times: 1, cut: { after: 2_000_000, mode: 'end' } });
      expect((await download(mk(), lfsItem())).resumes).toBe(1);
      env.cdn.clear();
      env.cdn.add({ match: CDN, cut: { after: 1_000_000, mode: 'end' } });
      const e = await failure(download(mk({ maxResumes: 1 }), lfsItem()));
      expect(e.code).toBe('truncated');
      expect(e.message).toMatch(/stopped after \d+ of 3158073 bytes/);
    });

    test('a 200 to a Range request after bytes were delivered fails instead of restarting', async () => {
      env.cdn.add({ match: CDN, times: 1, cut: { after: 1_000_000, mode: 'reset' } });
      env.cdn.add({ match: CDN, request: (h) => { const { range: _range, ...rest } = h; return rest; } });
      const col = collector();
      const e = await failure(download(mk(), lfsItem(), { consumers: [col] }));
      expect(e.code).toBe('range-not-honoured');
      expect(e.actual).toBe(200);
      expect(col.ended).toBe(0);
      expect(col.bytes().length).toBeLessThan(LFS_SIZE);
    });

    test('a Content-Range that does not match the request fails', async () => {
      env.hub.add({ match: /notes\.txt$/, times: 1, cut: { after: 70_000, mode: 'reset' } });
      env.hub.add({
        match: /notes\.txt$/,
        response: (status, headers) => ({ status, headers: { ...headers, 'content-range': 'bytes 0-199999/200000' } })
      });
      const e = await failure(download(mk(), fileOf(tree, 'sub/dir/notes.txt')));
      expect(e.code).toBe('range-not-honoured');
    });

    test('5xx from the CDN is retried; a 429 storm ends in rate-limited', async () => {
      env.cdn.add({ match: CDN, times: 2, respond: { status: 503 } });
      expect((await download(mk(), lfsItem())).retries).toBe(2);
      env.cdn.clear();
      env.cdn.add({ match: CDN, respond: { status: 429, headers: { 'retry-after': '1' } } });
      const e = await failure(download(mk({ maxRetries: 3 }), lfsItem()));
      expect(e.code).toBe('rate-limited');
      expect(env.cdn.requests).toHaveLength(4);
    });
  });

  describe('integrity failures', () => {
    test('X-Repo-Commit differing from the pin', async () => {
      env.hub.add({ response: (status, headers) => ({ status, headers: { ...headers, 'x-repo-commit': 'b'.repeat(40) } }) });
      const e = await failure(download(mk(), lfsItem()));
      expect(e).toMatchObject({ code: 'commit-mismatch', expected: sha, actual: 'b'.repeat(40), path: 'model.safetensors' });
      expect(env.cdn.requests).toHaveLength(0);
    });

    test('a missing X-Repo-Commit', async () => {
      env.hub.add({ response: (status, headers) => ({ status, headers: { ...headers, 'x-repo-commit': undefined } }) });
      expect((await failure(download(mk(), fileOf(tree, 'README.md')))).code).toBe('commit-mismatch');
    });

    test('X-Linked-Etag or X-Linked-Size differing from the tree', async () => {
      env.hub.add({ times: 1, response: (status, headers) => ({ status, headers: { ...headers, 'x-linked-etag': `"${'c'.repeat(64)}"` } }) });
      const e1 = await failure(download(mk(), lfsItem()));
      expect(e1).toMatchObject({ code: 'etag-mismatch', expected: lfsItem().lfs?.oid, actual: 'c'.repeat(64) });
      env.hub.add({ times: 1, response: (status, headers) => ({ status, headers: { ...headers, 'x-linked-size': '12' } }) });
      const e2 = await failure(download(mk(), lfsItem()));
      expect(e2).toMatchObject({ code: 'size-mismatch', expected: LFS_SIZE, actual: '12' });
      expect(env.cdn.requests).toHaveLength(0);
    });

    test('a regular file whose ETag is not the tree oid', async () => {
      env.hub.add({ response: (status, headers) => ({ status, headers: { ...headers, etag: `"${'d'.repeat(40)}"` } }) });
      expect((await failure(download(mk(), fileOf(tree, 'README.md')))).code).toBe('etag-mismatch');
    });

    test('an LFS redirect to an unexpected CDN origin is refused before any request to it', async () => {
      env.hub.add({
        response: (status, headers) => ({ status, headers: { ...headers, location: 'http://127.0.0.1:9/repos/ab/cd/x?Signature=s' } })
      });
      const e = await failure(download(mk({ token: TOKEN }), lfsItem()));
      expect(e.code).toBe('unexpected-cdn-origin');
      expect(e.actual).toBe('http://127.0.0.1:9');
      expect(env.cdn.requests).toHaveLength(0);
      expect(e.message).not.toContain(TOKEN);
    });

    test('a regular file answered with a redirect, and an LFS file answered directly, are refused', async () => {
      env.hub.add({ times: 1, respond: { status: 307, headers: { location: '/other/repo/resolve/x/README.md', 'x-repo-commit': sha } } });
      expect((await failure(download(mk(), fileOf(tree, 'README.md')))).code).toBe('unexpected-redirect');
      env.hub.add({ times: 1, respond: { status: 200, headers: { 'x-repo-commit': sha }, body: 'x' } });
      expect((await failure(download(mk(), lfsItem()))).code).toBe('unexpected-redirect');
    });

    test('CDN bytes that differ from lfs.oid: sha256-mismatch with expected and actual', async () => {
      const fake = Buffer.alloc(LFS_SIZE, 7);
      env.cdn.add({ match: CDN, respond: { status: 200, body: fake } });
      const e = await failure(download(mk(), lfsItem()));
      expect(e).toMatchObject({ code: 'sha256-mismatch', expected: lfsItem().lfs?.oid, actual: sha256(fake) });
    });

    test('a regular file with other content of the same length: git-oid-mismatch', async () => {
      const item = fileOf(tree, 'README.md');
      env.hub.add({ respond: { status: 200, headers: { 'x-repo-commit': sha, etag: `"${item.oid}"` }, body: '# tinY\nHello, World!\n' } });
      const e = await failure(download(mk(), item));
      expect(e).toMatchObject({ code: 'git-oid-mismatch', expected: item.oid });
    });

    test('an LFS pointer oid that does not match the verified sha256 and size', async () => {
      const item = { ...lfsItem(), oid: '0'.repeat(40) };
      const e = await failure(download(mk(), item));
      expect(e).toMatchObject({ code: 'git-oid-mismatch', expected: '0'.repeat(40), actual: built('model.safetensors').gitOid });
    });

    test('a body longer than the tree size: Content-Length mismatch, or extra bytes without one', async () => {
      env.cdn.add({ match: CDN, times: 1, respond: { status: 200, body: Buffer.alloc(LFS_SIZE + 1) } });
      expect((await failure(download(mk(), lfsItem()))).code).toBe('size-mismatch');
      const item = fileOf(tree, 'README.md');
      env.hub.add({ respond: { status: 200, headers: { 'x-repo-commit': sha, etag: `"${item.oid}"`, 'content-length': undefined as never, 'transfer-encoding': 'chunked' }, body: 'A'.repeat(item.size + 5) } });
      const e = await failure(download(mk(), item));
      expect(e.code).toBe('size-mismatch');
      expect(e.message).toMatch(/more than the \d+ bytes/);
    });

    test('a CDN that refuses the signed URL is a typed error', async () => {
      env.cdn.add({ match: CDN, respond: { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' } });
      const e = await failure(download(mk(), lfsItem()));
      expect(e.code).toBe('forbidden');
      expect(e.url).not.toMatch(/Signature=/);
    });
  });

  describe('copies and tails', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mg-copy-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('a copy is written only when asked, and only once verified', async () => {
      const dest = join(dir, 'm', 'model.safetensors');
      await download(mk(), lfsItem(), { copyTo: dest });
      expect(sha256(await readFile(dest))).toBe(built('model.safetensors').sha256);
      env.cdn.add({ match: CDN, respond: { status: 200, body: Buffer.alloc(LFS_SIZE, 1) } });
      const bad = join(dir, 'bad', 'model.safetensors');
      expect((await failure(download(mk(), lfsItem(), { copyTo: bad }))).code).toBe('sha256-mismatch');
      expect(await readdir(join(dir, 'bad'))).toEqual([]);
    });

    test('fetchTail returns the last bytes through a checked Range request', async () => {
      const c = mk();
      const whole = collector();
      await download(c, lfsItem(), { consumers: [whole] });
      const tail = await c.fetchTail(REPO, sha, lfsItem(), 65_536);
      expect(Buffer.compare(Buffer.from(tail), whole.bytes().subarray(LFS_SIZE - 65_536))).toBe(0);
      expect(env.cdn.requests.at(-1)?.headers.range).toBe(`bytes=${LFS_SIZE - 65_536}-${LFS_SIZE - 1}`);
      const all = await c.fetchTail(REPO, sha, fileOf(tree, 'README.md'), 10_000);
      expect(Buffer.from(all).toString()).toBe('# tiny\nHello, World!\n');
      expect((await c.fetchTail(REPO, sha, fileOf(tree, 'empty.txt'), 10)).byteLength).toBe(0);
    });

    test('the stream must end with the tail fetched earlier', async () => {
      const c = mk();
      const tail = await c.fetchTail(REPO, sha, lfsItem(), 4096);
      expect((await download(c, lfsItem(), { expectTail: tail })).sha256).toBe(built('model.safetensors').sha256);
      const forged = Buffer.from(tail);
      forged[100] = (forged[100] as number) ^ 0xff;
      const col = collector();
      const e = await failure(download(c, lfsItem(), { expectTail: forged, consumers: [col] }));
      expect(e.code).toBe('tail-mismatch');
      expect(col.ended).toBe(0);
    });

    test('a tail request answered without honouring Range fails', async () => {
      env.cdn.add({ match: CDN, request: (h) => { const { range: _range, ...rest } = h; return rest; } });
      const e = await failure(mk().fetchTail(REPO, sha, lfsItem(), 1024));
      expect(e.code).toBe('range-not-honoured');
    });
  });
});
