// Tree, paths-info, resolve/raw and the CDN origin over real HTTP: shapes, pagination, Range, signed redirects.
import { lfsPointerText } from '../../src/hub/oid.js';
import { SPEC, TOKEN, rawRequest, sha256Hex, startFixture, type Harness } from './fixture.js';

let h: Harness;
let base: string;
let clock = Date.parse('2026-11-01T00:00:00Z');
const repo = 'acme/privacy-filter';
const shas = (): string[] => h.built.repos[repo]?.shas ?? [];
const file = (path: string) => h.built.repos[repo]?.files[path];

beforeAll(async () => {
  h = await startFixture(SPEC, { treePageSize: 3, treeExpandPageSize: 2, now: () => clock });
  base = h.registry.hubUrl;
});
afterAll(async () => {
  await h.close();
});

type Item = { type: string; path: string; oid: string; size: number; lfs?: { oid: string; size: number; pointerSize: number }; lastCommit?: { id: string }; securityFileStatus?: { status: string; [k: string]: unknown } };

async function pages(first: string): Promise<{ items: Item[]; links: string[] }> {
  const items: Item[] = [];
  const links: string[] = [];
  let url: string | undefined = first;
  while (url) {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    items.push(...((await res.json()) as Item[]));
    const link = res.headers.get('link');
    url = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    if (url) links.push(url);
  }
  return { items, links };
}

describe('tree', () => {
  test('recursive pages of 3 follow absolute Link cursors; every entry once, in path order', async () => {
    const { items, links } = await pages(`${base}/api/models/${repo}/tree/main?recursive=true`);
    expect(items.map((i) => i.path)).toEqual([
      '.gitattributes', 'README.md', 'big.txt', 'config.json', 'model.safetensors', 'scripts', 'scripts/data', 'scripts/data/vocab.txt', 'scripts/preprocess.py'
    ]);
    expect(links).toHaveLength(2);
    for (const l of links) {
      expect(l.startsWith(`${base}/api/models/${repo}/tree/main?`)).toBe(true);
      expect(new URL(l).searchParams.get('recursive')).toBe('true');
      expect(new URL(l).searchParams.get('cursor')).toBeTruthy();
    }
    const weights = items.find((i) => i.path === 'model.safetensors');
    const f = file('model.safetensors');
    expect(weights).toEqual({ type: 'file', oid: f?.gitOid, size: f?.size, lfs: { oid: f?.sha256, size: f?.size, pointerSize: lfsPointerText(f?.sha256 ?? '', f?.size ?? 0).length }, path: 'model.safetensors' });
    expect(items.find((i) => i.path === 'scripts')).toMatchObject({ type: 'directory', size: 0, oid: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(items.find((i) => i.path === 'README.md')?.lfs).toBeUndefined();
  });

  test('expand=true: pages of 2, lastCommit and securityFileStatus (pickle imports at the old pin)', async () => {
    const { items, links } = await pages(`${base}/api/models/${repo}/tree/${shas()[1]}?recursive=1&expand=True`);
    expect(links).toHaveLength(2);
    const bin = items.find((i) => i.path === 'pytorch_model.bin');
    expect(bin?.lastCommit).toEqual({ id: shas()[1], title: 'Add weights', date: '2023-06-02T00:00:00.000Z' });
    expect(bin?.securityFileStatus).toEqual({
      status: 'unsafe',
      avScan: { status: 'unsafe' },
      pickleImportScan: { status: 'unsafe', pickleImports: [{ module: 'os', name: 'system', safety: 'dangerous' }] }
    });
    expect(items.find((i) => i.path === '.gitattributes')?.securityFileStatus?.status).toBe('unscanned');
    expect(items.map((i) => i.path)).not.toContain('scripts');
  });

  test('non-recursive lists one level; a sub-folder lists its children; old pin and main differ', async () => {
    const top = (await pages(`${base}/api/models/${repo}/tree/main`)).items.map((i) => `${i.type}:${i.path}`);
    expect(top).toContain('directory:scripts');
    expect(top).not.toContain('file:scripts/preprocess.py');
    const sub = (await pages(`${base}/api/models/${repo}/tree/main/scripts`)).items.map((i) => i.path);
    expect(sub).toEqual(['scripts/data', 'scripts/preprocess.py']);
    const old = (await pages(`${base}/api/models/${repo}/tree/${shas()[1]}`)).items;
    expect(old.find((i) => i.path === 'model.safetensors')?.lfs?.oid).toBe(h.built.repos[repo]?.commits[1]?.files['model.safetensors']?.sha256);
    expect(old.find((i) => i.path === 'model.safetensors')?.oid).not.toBe(file('model.safetensors')?.gitOid);
  });

  test('missing folder, file as folder → EntryNotFound; bad cursor or boolean → 400', async () => {
    for (const path of ['nope', 'README.md']) {
      const res = await fetch(`${base}/api/models/${repo}/tree/main/${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('x-error-code')).toBe('EntryNotFound');
    }
    expect((await fetch(`${base}/api/models/${repo}/tree/main?cursor=garbage`)).status).toBe(400);
    expect((await fetch(`${base}/api/models/${repo}/tree/main?recursive=maybe`)).status).toBe(400);
  });
});

describe('paths-info', () => {
  const url = () => `${base}/api/models/${repo}/paths-info/main`;

  test('JSON body: files and folders, missing paths omitted', async () => {
    const res = await fetch(url(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: ['README.md', 'scripts', 'nope'], expand: false }) });
    expect(res.status).toBe(200);
    const items = (await res.json()) as Item[];
    expect(items.map((i) => [i.type, i.path])).toEqual([['file', 'README.md'], ['directory', 'scripts']]);
    expect(items[0]?.oid).toBe(file('README.md')?.gitOid);
    expect(items[0]?.lastCommit).toBeUndefined();
  });

  test('form body (Python client style) with expand=True', async () => {
    const res = await fetch(`${base}/api/models/${repo}/paths-info/${shas()[1]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'paths=pytorch_model.bin&paths=model.safetensors&expand=True'
    });
    const items = (await res.json()) as Item[];
    expect(items.map((i) => i.path)).toEqual(['pytorch_model.bin', 'model.safetensors']);
    expect(items[0]?.securityFileStatus?.status).toBe('unsafe');
    expect(items[1]?.lastCommit?.id).toBe(shas()[1]);
  });

  test('malformed JSON, wrong shapes, wrong content type, too large a body → 4xx JSON', async () => {
    const post = (body: string, type = 'application/json') => fetch(url(), { method: 'POST', headers: { 'Content-Type': type }, body });
    for (const [body, type, status] of [
      ['{"paths": [', 'application/json', 400],
      ['{"paths": "README.md"}', 'application/json', 400],
      ['{"paths": [1]}', 'application/json', 400],
      ['[]', 'application/json', 400],
      ['{"paths": [], "expand": "perhaps"}', 'application/json', 400],
      ['paths=README.md', 'text/plain', 415]
    ] as const) {
      const res = await post(body, type);
      expect([body, res.status]).toEqual([body, status]);
      expect(((await res.json()) as { error: string }).error).toEqual(expect.any(String));
    }
    const huge = await rawRequest(base, `/api/models/${repo}/paths-info/main`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 10, 0x20)
    });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error).toContain('larger than');
    expect((await fetch(url())).status).toBe(405);
  });
});

describe('resolve and raw', () => {
  test('git file: 200 with git-sha1 ETag, X-Repo-Commit, Accept-Ranges and the exact bytes', async () => {
    const res = await fetch(`${base}/${repo}/resolve/main/config.json`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${file('config.json')?.gitOid}"`);
    expect(res.headers.get('x-repo-commit')).toBe(shas()[2]);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(file('config.json')?.size));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(sha256Hex(bytes)).toBe(file('config.json')?.sha256);
  });

  test('git file Range: 206 slices (a-b, a-, -n), 416 for unsatisfiable or malformed, HEAD has no body', async () => {
    const get = (range: string) => fetch(`${base}/${repo}/resolve/main/scripts/data/vocab.txt`, { headers: { Range: range } });
    const a = await get('bytes=2-3');
    expect([a.status, a.headers.get('content-range'), await a.text()]).toEqual([206, 'bytes 2-3/6', 'b\n']);
    const b = await get('bytes=4-');
    expect([b.status, b.headers.get('content-range'), await b.text()]).toEqual([206, 'bytes 4-5/6', 'c\n']);
    const c = await get('bytes=-2');
    expect([c.status, await c.text()]).toEqual([206, 'c\n']);
    const d = await get('bytes=0-999');
    expect([d.status, d.headers.get('content-range')]).toEqual([206, 'bytes 0-5/6']);
    await d.arrayBuffer();
    for (const bad of ['bytes=6-', 'bytes=5-2', 'bytes=abc', 'bytes=0-1,3-4', 'bytes=-0']) {
      const r = await get(bad);
      expect([bad, r.status, r.headers.get('content-range')]).toEqual([bad, 416, 'bytes */6']);
      await r.arrayBuffer();
    }
    const head = await fetch(`${base}/${repo}/resolve/main/scripts/data/vocab.txt`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), head.headers.get('etag'), await head.text()]).toEqual([200, '6', `"${file('scripts/data/vocab.txt')?.gitOid}"`, '']);
  });

  test('generated multi-MiB git file streams whole and matches its sha256', async () => {
    const res = await fetch(`${base}/${repo}/resolve/main/big.txt`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.byteLength).toBe(3 * 1024 * 1024 + 17);
    expect(sha256Hex(bytes)).toBe(file('big.txt')?.sha256);
  });

  test('LFS file: 302 to the CDN origin with X-Repo-Commit, X-Linked-Etag, X-Linked-Size; CDN serves the bytes', async () => {
    const res = await fetch(`${base}/${repo}/resolve/main/model.safetensors`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const f = file('model.safetensors');
    expect(res.headers.get('x-repo-commit')).toBe(shas()[2]);
    expect(res.headers.get('x-linked-etag')).toBe(`"${f?.sha256}"`);
    expect(res.headers.get('x-linked-size')).toBe(String(f?.size));
    const location = res.headers.get('location') ?? '';
    expect(new URL(location).origin).toBe(h.registry.cdnUrl);
    expect(new URL(location).origin).not.toBe(base);
    const cdn = await fetch(location);
    expect(cdn.status).toBe(200);
    expect(cdn.headers.get('etag')).toBe(`"${f?.sha256}"`);
    expect(sha256Hex(Buffer.from(await cdn.arrayBuffer()))).toBe(f?.sha256);
    const part = await fetch(location, { headers: { Range: 'bytes=0-10' } });
    expect([part.status, part.headers.get('content-range'), await part.text()]).toEqual([206, `bytes 0-10/${f?.size}`, 'SAFETENSORS']);
    const over = await fetch(location, { headers: { Range: `bytes=${f?.size}-` } });
    expect([over.status, over.headers.get('content-range')]).toEqual([416, `bytes */${f?.size}`]);
    const head = await fetch(location, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(f?.size)]);
    const headHub = await fetch(`${base}/${repo}/resolve/main/model.safetensors`, { method: 'HEAD', redirect: 'manual' });
    expect([headHub.status, headHub.headers.get('x-linked-size')]).toEqual([302, String(f?.size)]);
  });

  test('the CDN refuses tokens, tampered or foreign signatures, expired URLs and other methods', async () => {
    const res = await fetch(`${base}/${repo}/resolve/main/model.safetensors`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '');
    expect((await fetch(location, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(400);
    const tampered = new URL(location);
    tampered.searchParams.set('Signature', '0'.repeat(64));
    expect((await fetch(tampered)).status).toBe(403);
    const longer = new URL(location);
    longer.searchParams.set('Expires', String(Number(location.searchParams.get('Expires')) + 1000));
    expect((await fetch(longer)).status).toBe(403);
    const other = new URL(location);
    const readme = file('README.md')?.sha256 ?? '';
    other.pathname = `/repos/${readme.slice(0, 2)}/${readme.slice(2, 4)}/${readme}`;
    expect((await fetch(other)).status).toBe(403);
    expect((await fetch(location, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${h.registry.cdnUrl}/etc/passwd`)).status).toBe(403);
    clock += 3601 * 1000;
    try {
      const expired = await fetch(location);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('expired');
    } finally {
      clock -= 3601 * 1000;
    }
  });

  test('pinned old commit serves the old bytes; a file deleted on main is EntryNotFound there only', async () => {
    const old = await fetch(`${base}/${repo}/resolve/${shas()[1]}/model.safetensors`, { redirect: 'manual' });
    expect(old.headers.get('x-repo-commit')).toBe(shas()[1]);
    const oldFile = h.built.repos[repo]?.commits[1]?.files['model.safetensors'];
    expect(old.headers.get('x-linked-etag')).toBe(`"${oldFile?.sha256}"`);
    expect(await (await fetch(old.headers.get('location') ?? '')).text()).toBe('SAFETENSORS-v1-bytes');
    const gone = await fetch(`${base}/${repo}/resolve/main/pytorch_model.bin`, { redirect: 'manual' });
    expect([gone.status, gone.headers.get('x-error-code')]).toEqual([404, 'EntryNotFound']);
    expect(await gone.json()).toEqual({ error: 'Entry not found' });
    expect((await fetch(`${base}/${repo}/resolve/v1.0/pytorch_model.bin`, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(`${base}/${repo}/resolve/refs%2Fpr%2F1/pytorch_model.bin`, { redirect: 'manual' })).status).toBe(302);
    const badRev = await fetch(`${base}/${repo}/resolve/nope/README.md`);
    expect([badRev.status, badRev.headers.get('x-error-code')]).toEqual([404, 'RevisionNotFound']);
  });

  test('/raw/ returns the LFS pointer text (git-sha1 ETag of the pointer) and git files as they are', async () => {
    const f = file('model.safetensors');
    const res = await fetch(`${base}/${repo}/raw/main/model.safetensors`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${f?.gitOid}"`);
    expect(await res.text()).toBe(lfsPointerText(f?.sha256 ?? '', f?.size ?? 0));
    const part = await fetch(`${base}/${repo}/raw/main/model.safetensors`, { headers: { Range: 'bytes=0-6' } });
    expect([part.status, await part.text()]).toEqual([206, 'version']);
    expect(await (await fetch(`${base}/${repo}/raw/main/scripts/preprocess.py`)).text()).toBe('print("hello")\n');
  });
});
