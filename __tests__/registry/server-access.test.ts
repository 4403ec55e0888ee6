// Access control, the Hub's error codes, redirects, rate limits and hostile requests, over real HTTP.
import { SPEC, TOKEN, rawRequest, startFixture, type Harness } from './fixture.js';

let h: Harness;
let base: string;
const auth = { Authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  h = await startFixture();
  base = h.registry.hubUrl;
});
afterAll(async () => {
  await h.close();
});

const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { redirect: 'manual', ...init });

describe('auth and error codes', () => {
  test('anonymous: missing and private repos are the same 401 "Invalid username or password." without X-Error-Code', async () => {
    for (const path of ['/api/models/acme/nope', '/api/models/acme/secret-model', '/api/models/acme/secret-model/tree/main', '/acme/secret-model/resolve/main/README.md', '/acme/nope/resolve/main/x']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 401]);
      expect(res.headers.get('x-error-code')).toBeNull();
      expect(await res.json()).toEqual({ error: 'Invalid username or password.' });
    }
  });

  test('with the token: private repos open, missing repos are 404 RepoNotFound', async () => {
    const secret = await get('/api/models/acme/secret-model', { headers: auth });
    expect(secret.status).toBe(200);
    expect(((await secret.json()) as { private: boolean }).private).toBe(true);
    expect(await (await get('/acme/secret-model/resolve/main/README.md', { headers: auth })).text()).toBe('# secret\n');
    const missing = await get('/api/models/acme/nope', { headers: auth });
    expect([missing.status, missing.headers.get('x-error-code')]).toEqual([404, 'RepoNotFound']);
    expect(await missing.json()).toEqual({ error: 'Repository not found' });
    const badName = await get('/api/models/acme/bad..name', { headers: auth });
    expect([badName.status, badName.headers.get('x-error-code')]).toEqual([404, 'RepoNotFound']);
  });

  test('a wrong token is refused everywhere, even on public repos', async () => {
    const res = await get('/api/models/acme/privacy-filter', { headers: { Authorization: 'Bearer hf_wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Invalid credentials in Authorization header' });
  });

  test('gated: metadata is public, downloads need access (401 GatedRepo anonymously)', async () => {
    const info = await get('/api/models/acme/gated-model');
    expect(((await info.json()) as { gated: string }).gated).toBe('manual');
    const anon = await get('/acme/gated-model/resolve/main/w.safetensors');
    expect([anon.status, anon.headers.get('x-error-code')]).toEqual([401, 'GatedRepo']);
    expect(((await anon.json()) as { error: string }).error).toContain('acme/gated-model is restricted');
    expect((await get('/acme/gated-model/raw/main/README.md')).status).toBe(401);
    expect((await get('/acme/gated-model/resolve/main/w.safetensors', { headers: auth })).status).toBe(302);
  });

  test('disabled: info says so; files, tree, commits answer 403 "Access to this resource is disabled."', async () => {
    const info = await get('/api/models/acme/disabled-model');
    expect(((await info.json()) as { disabled: boolean }).disabled).toBe(true);
    for (const path of ['/acme/disabled-model/resolve/main/README.md', '/api/models/acme/disabled-model/tree/main', '/api/models/acme/disabled-model/commits/main']) {
      const res = await get(path, { headers: auth });
      expect([path, res.status, res.headers.get('x-error-message')]).toEqual([path, 403, 'Access to this resource is disabled.']);
      expect(await res.json()).toEqual({ error: 'Access to this resource is disabled.' });
    }
  });

  test('unknown routes 404 and wrong methods 405, as JSON', async () => {
    const unknown = await get('/api/datasets/acme/x');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toEqual(expect.any(String));
    const del = await get('/api/models/acme/privacy-filter', { method: 'DELETE' });
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await get('/api/models/acme/privacy-filter/tree/main', { method: 'POST', body: '{}' })).status).toBe(405);
  });
});

describe('hostile requests', () => {
  test('path traversal in any form → 400 JSON, nothing read from disk', async () => {
    for (const target of [
      '/acme/privacy-filter/resolve/main/../../../../etc/passwd',
      '/acme/privacy-filter/resolve/main/%2e%2e/%2e%2e/store.json',
      '/acme/privacy-filter/resolve/main/scripts/..%2F..%2Fstore.json',
      '/api/models/acme/privacy-filter/tree/main/scripts/..',
      '/acme/privacy-filter/resolve/main/a%5C..%5Cb',
      '/acme/privacy-filter/resolve/main/a%00b',
      '/acme/privacy-filter/resolve/main//etc/passwd',
      '/api/models/acme/../acme/privacy-filter'
    ]) {
      const res = await rawRequest(base, target);
      expect([target, res.status]).toEqual([target, 400]);
      expect(JSON.parse(res.body)).toEqual({ error: expect.any(String) });
      expect(res.body).not.toContain('root:');
    }
    const badEscape = await rawRequest(base, '/api/models/acme/privacy-filter/tree/main/%zz');
    expect(badEscape.status).toBe(400);
  });

  test('a chunked body over 1 MiB is refused with 413 after it is drained', async () => {
    const res = await rawRequest(base, '/api/models/acme/privacy-filter/paths-info/main', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20)
    });
    expect(res.status).toBe(413);
  });
});

describe('redirects', () => {
  test('renamed repo: 307 with a relative Location, query kept, on info, tree, commits, refs, resolve', async () => {
    for (const [from, to] of [
      ['/api/models/acme/old-filter?blobs=true&securityStatus=1', '/api/models/acme/privacy-filter?blobs=true&securityStatus=1'],
      ['/api/models/acme/old-filter/revision/v1.0', '/api/models/acme/privacy-filter/revision/v1.0'],
      ['/api/models/acme/old-filter/tree/main/scripts?recursive=true&expand=true', '/api/models/acme/privacy-filter/tree/main/scripts?recursive=true&expand=true'],
      ['/api/models/acme/old-filter/commits/main?p=0&limit=1', '/api/models/acme/privacy-filter/commits/main?p=0&limit=1'],
      ['/api/models/acme/old-filter/refs', '/api/models/acme/privacy-filter/refs'],
      ['/acme/old-filter/resolve/refs%2Fpr%2F1/model.safetensors', '/acme/privacy-filter/resolve/refs%2Fpr%2F1/model.safetensors'],
      ['/acme/old-filter/raw/main/README.md', '/acme/privacy-filter/raw/main/README.md']
    ]) {
      const res = await get(from ?? '');
      expect([from, res.status, res.headers.get('location')]).toEqual([from, 307, to]);
      expect(res.headers.get('ratelimit')).toMatch(/^"(api|resolvers)";r=\d+;t=\d+$/);
    }
    const followed = await fetch(`${base}/api/models/acme/old-filter`);
    expect(((await followed.json()) as { id: string }).id).toBe('acme/privacy-filter');
  });

  test('wrong case: 307 to the canonical id, on API routes and resolve', async () => {
    const res = await get('/api/models/ACME/Privacy-Filter/tree/main?recursive=1');
    expect([res.status, res.headers.get('location')]).toEqual([307, '/api/models/acme/privacy-filter/tree/main?recursive=1']);
    const org = await get('/open-oss/PRIVACY-FILTER/resolve/main/model.safetensors');
    expect([org.status, org.headers.get('location')]).toEqual([307, '/Open-OSS/privacy-filter/resolve/main/model.safetensors']);
  });

  test('a mis-cased private repo is not revealed to anonymous clients; with the token it redirects', async () => {
    const anon = await get('/api/models/acme/Secret-Model');
    expect([anon.status, anon.headers.get('location')]).toEqual([401, null]);
    const authed = await get('/api/models/acme/Secret-Model', { headers: auth });
    expect([authed.status, authed.headers.get('location')]).toEqual([307, '/api/models/acme/secret-model']);
  });

  test('POST paths-info on an old name: 307 keeps method and body', async () => {
    const body = JSON.stringify({ paths: ['README.md'] });
    const manual = await get('/api/models/acme/old-filter/paths-info/main', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect([manual.status, manual.headers.get('location')]).toEqual([307, '/api/models/acme/privacy-filter/paths-info/main']);
    const followed = await fetch(`${base}/api/models/acme/old-filter/paths-info/main`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(((await followed.json()) as { path: string }[]).map((i) => i.path)).toEqual(['README.md']);
  });
});

describe('rate limits and connections', () => {
  test('every response carries RateLimit and RateLimit-Policy; keep-alive is on', async () => {
    for (const path of ['/api/models/acme/privacy-filter', '/api/models/acme/nope', '/acme/privacy-filter/resolve/main/README.md']) {
      const res = await get(path);
      await res.arrayBuffer();
      const bucket = path.includes('/resolve/') ? 'resolvers' : 'api';
      expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^"${bucket}";r=\\d+;t=\\d+$`));
      expect(res.headers.get('ratelimit-policy')).toBe(`"fixed window";"${bucket}";q=${bucket === 'api' ? 500 : 3000};w=300`);
      expect(res.headers.get('connection')).toBe('keep-alive');
    }
  });

  test('over quota → 429 with Retry-After until the window passes; buckets are separate', async () => {
    let clock = 1_000_000;
    const small = await startFixture(SPEC, { rateLimit: { api: 3, resolvers: 1, windowSeconds: 60 }, now: () => clock });
    try {
      const url = `${small.registry.hubUrl}/api/models/acme/privacy-filter?expand=sha`;
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(url);
        await res.arrayBuffer();
        seen.push(`${res.status} ${res.headers.get('ratelimit')}`);
        if (res.status === 429) expect(res.headers.get('retry-after')).toBe('60');
      }
      expect(seen).toEqual(['200 "api";r=2;t=60', '200 "api";r=1;t=60', '200 "api";r=0;t=60', '429 "api";r=0;t=60']);
      const resolver = await fetch(`${small.registry.hubUrl}/acme/privacy-filter/resolve/main/README.md`);
      expect(resolver.status).toBe(200);
      await resolver.arrayBuffer();
      clock += 61_000;
      const again = await fetch(url);
      expect([again.status, again.headers.get('ratelimit')]).toEqual([200, '"api";r=2;t=60']);
    } finally {
      await small.close();
    }
  });

  test('close() ends open keep-alive connections and is idempotent', async () => {
    const other = await startFixture();
    const res = await fetch(`${other.registry.hubUrl}/api/models/acme/privacy-filter`);
    await res.arrayBuffer();
    const started = Date.now();
    await Promise.all([other.registry.close(), other.close()]);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(`${other.registry.hubUrl}/api/models/acme/privacy-filter`)).rejects.toThrow();
  });
});
