// The Hub client behind a proxy: a real forward proxy on 127.0.0.1 (CONNECT tunnels and absolute-form requests) in
// front of the local registry. Proxy variables are passed through the client's `env` option, never process.env.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { HubClient } from '../../src/hub/client.js';
import type { TreeItem } from '../../src/hub/types.js';
import { refusingProxyUrl, startRecordingProxy, type RecordingProxy } from '../support/http-proxy.js';
import { LFS_SIZE, TOKEN, collector, failure, fileOf, startEnv, type Env } from './fixture.js';

const REPO = 'acme/tiny';
let env: Env;
let proxy: RecordingProxy;
let sha: string;
let tree: TreeItem[];

beforeAll(async () => {
  env = await startEnv();
  proxy = await startRecordingProxy();
  sha = env.head(REPO);
  tree = await env.client().listTree(REPO, sha);
});
afterAll(async () => {
  await proxy.close();
  await env.close();
});
beforeEach(() => {
  env.hub.clear();
  env.cdn.clear();
  proxy.clear();
  env.sleeps.length = 0;
});

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const hostPort = (url: string): string => new URL(url).host;
const built = (path: string) => {
  const f = env.store.repos[REPO]?.files[path];
  if (!f) throw new Error(`fixture has no ${path}`);
  return f;
};

/** Every metadata endpoint and both kinds of download (LFS from the CDN, a regular file from the Hub). */
async function exercise(c: HubClient): Promise<void> {
  const resolved = await c.resolveRepo(REPO, sha);
  expect(resolved.sha).toBe(sha);
  expect((await c.listTree(REPO, sha)).map((i) => i.path)).toEqual(tree.map((i) => i.path));
  expect((await c.listCommits(REPO, sha)).commits).toHaveLength(2);
  expect((await c.getRefs(REPO)).branches.map((b) => b.name)).toEqual(['main']);
  expect((await c.getAuthor('acme')).type).toBe('org');
  const lfs = collector();
  const r1 = await c.download({ repo: REPO, sha, item: fileOf(tree, 'model.safetensors'), consumers: [lfs] });
  expect(r1).toMatchObject({ sha256: built('model.safetensors').sha256, lfs: true, source: env.cdn.url });
  expect(lfs.bytes().length).toBe(LFS_SIZE);
  expect(sha256(lfs.bytes())).toBe(built('model.safetensors').sha256);
  const readme = collector();
  const r2 = await c.download({ repo: REPO, sha, item: fileOf(tree, 'README.md'), consumers: [readme] });
  expect(r2.gitOid).toBe(built('README.md').gitOid);
  expect(readme.bytes().toString()).toBe('# tiny\nHello, World!\n');
}

describe('HTTP_PROXY for a plain-http Hub', () => {
  test('every request, JSON and file bytes, goes through the proxy; the token only to the Hub, never to the proxy itself', async () => {
    const c = env.client({ token: TOKEN, env: { HTTP_PROXY: proxy.url } });
    expect(c.http.bytesPath(`${env.cdn.url}/x`)).toBe('undici');
    await exercise(c);
    // Everything that reached either origin came through the proxy, as absolute-form requests.
    expect(proxy.records).toHaveLength(env.hub.requests.length + env.cdn.requests.length);
    expect(proxy.records.every((r) => r.kind === 'forward')).toBe(true);
    const toHub = proxy.records.filter((r) => r.target.startsWith(`${env.hub.url}/`));
    const toCdn = proxy.records.filter((r) => r.target.startsWith(`${env.cdn.url}/`));
    expect(toHub).toHaveLength(env.hub.requests.length);
    expect(toCdn).toHaveLength(1);
    // The token travels inside the forwarded Hub requests only: not to the CDN, and never as proxy credentials.
    expect(toHub.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(toCdn[0]?.headers.authorization).toBeUndefined();
    expect(env.cdn.requests[0]?.headers.authorization).toBeUndefined();
    expect(proxy.records.some((r) => r.headers['proxy-authorization'] !== undefined)).toBe(false);
    await c.close();
  });

  test('lower-case http_proxy wins over upper-case, as undici reads them', async () => {
    const c = env.client({ env: { http_proxy: proxy.url, HTTP_PROXY: await refusingProxyUrl() } });
    await c.getRefs(REPO);
    expect(proxy.records).toHaveLength(1);
  });

  test('a scheme-less proxy (host:port, as curl accepts) is read as http://', async () => {
    const c = env.client({ env: { HTTP_PROXY: hostPort(proxy.url) } });
    await c.getRefs(REPO);
    expect(proxy.records.map((r) => r.target)).toEqual([`${env.hub.url}/api/models/${REPO}/refs`]);
  });

  test('HTTPS_PROXY alone does not apply to plain-http origins', async () => {
    const c = env.client({ env: { HTTPS_PROXY: await refusingProxyUrl() } });
    expect(c.http.bytesPath(`${env.cdn.url}/x`)).toBe('socket');
    await exercise(c);
  });
});

describe('NO_PROXY', () => {
  test('NO_PROXY=127.0.0.1 bypasses the proxy entirely, and file bytes take the raw-socket fast path again', async () => {
    const c = env.client({ token: TOKEN, env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    expect(c.http.bytesPath(`${env.hub.url}/x`)).toBe('socket');
    expect(c.http.bytesPath(`${env.cdn.url}/x`)).toBe('socket');
    await exercise(c);
    expect(proxy.records).toEqual([]);
    expect(env.hub.requests.length).toBeGreaterThan(0);
  });

  test("the Hub's host:port in no_proxy bypasses only the Hub; the CDN still goes through the proxy", async () => {
    const c = env.client({ env: { HTTP_PROXY: proxy.url, no_proxy: `example.invalid, ${hostPort(env.hub.url)}` } });
    expect(c.http.bytesPath(`${env.hub.url}/x`)).toBe('socket');
    expect(c.http.bytesPath(`${env.cdn.url}/x`)).toBe('undici');
    await exercise(c);
    expect(proxy.records.map((r) => r.target)).toEqual([env.cdn.requests[0] ? `${env.cdn.url}${env.cdn.requests[0].url}` : '']);
  });

  // The fast path is chosen by our reading of NO_PROXY (proxy.ts); undici's own routing is the oracle.
  test.each([
    [''],
    ['127.0.0.1'],
    ['HUB'],
    ['127.0.0.1:1'],
    ['*'],
    ['*:1'],
    ['*:HUBPORT'],
    ['.0.0.1'],
    ['*.0.0.1'],
    ['0.0.1'],
    ['127.0.0.2'],
    ['127.0.0.1.'],
    ['localhost'],
    ['  example.com ,127.0.0.1'],
    ['[::1]'],
    ['127.0.0.1:HUBPORT,other']
  ])('NO_PROXY=%j: proxyOf() agrees with where undici sent the request', async (raw) => {
    const { port } = new URL(env.hub.url);
    const noProxy = raw.replace('HUBPORT', port).replace('HUB', hostPort(env.hub.url));
    const c = env.client({ env: { HTTP_PROXY: proxy.url, NO_PROXY: noProxy } });
    await c.getRefs(REPO);
    const viaProxy = proxy.records.length > 0;
    expect(c.http.proxyOf(`${env.hub.url}/api`) !== undefined).toBe(viaProxy);
    expect(c.http.bytesPath(`${env.hub.url}/x`)).toBe(viaProxy ? 'undici' : 'socket');
  });
});

describe('a proxy that fails', () => {
  test('a proxy that refuses the connection fails at once with proxy-error, no retries', async () => {
    const refusing = await refusingProxyUrl();
    const c = env.client({ env: { HTTP_PROXY: refusing } });
    const t0 = Date.now();
    const e = await failure(c.resolveRepo(REPO, sha));
    expect(e.code).toBe('proxy-error');
    expect(e.message).toContain(`the proxy ${refusing} (HTTP_PROXY) refused the connection`);
    expect(e.message).toContain('NO_PROXY');
    expect(env.sleeps).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(env.hub.requests).toHaveLength(0);
    // File bytes too: no fast path around a configured proxy.
    const d = await failure(c.download({ repo: REPO, sha, item: fileOf(tree, 'README.md') }));
    expect(d.code).toBe('proxy-error');
    expect(env.sleeps).toEqual([]);
    expect(env.hub.requests).toHaveLength(0);
  });

  test('proxy credentials never appear in messages', async () => {
    const refusing = new URL(await refusingProxyUrl());
    refusing.username = 'runner';
    refusing.password = 's3cret-pass';
    const e = await failure(env.client({ env: { HTTP_PROXY: refusing.href } }).getRefs(REPO));
    expect(e.code).toBe('proxy-error');
    expect(e.message).not.toContain('s3cret-pass');
    expect(e.message).toContain(`http://127.0.0.1:${refusing.port}`);
  });

  test('a proxy URL that cannot be used fails every request with proxy-error, before any connection', async () => {
    const c = env.client({ env: { HTTPS_PROXY: 'socks4://127.0.0.1:1080', HTTP_PROXY: 'socks4://127.0.0.1:1080' } });
    const e = await failure(c.getRefs(REPO));
    expect(e.code).toBe('proxy-error');
    expect(e.message).toMatch(/HTTPS?_PROXY uses socks4:\/\/, but only http:\/\/ and https:\/\/ proxies are supported/);
    expect(env.sleeps).toEqual([]);
    expect(env.hub.requests).toHaveLength(0);
  });

  test('a proxy that wants credentials (407) fails with proxy-error; with user:password in the URL it passes', async () => {
    const authProxy = await startRecordingProxy({ requireAuth: `Basic ${Buffer.from('runner:pw').toString('base64')}` });
    try {
      const e = await failure(env.client({ env: { HTTP_PROXY: authProxy.url } }).getRefs(REPO));
      expect(e.code).toBe('proxy-error');
      expect(e.status).toBe(407);
      expect(e.message).toContain(`the proxy ${authProxy.url} (HTTP_PROXY) requires authentication (HTTP 407); put credentials in HTTP_PROXY as http://user:password@host:port`);
      expect(env.sleeps).toEqual([]);
      authProxy.clear();
      const withCreds = `http://runner:pw@${hostPort(authProxy.url)}`;
      await exercise(env.client({ token: TOKEN, env: { HTTP_PROXY: withCreds } }));
      expect(authProxy.records.length).toBeGreaterThan(0);
      // Proxy credentials go to the proxy only: the origins never see them.
      expect(env.hub.requests.some((r) => r.headers['proxy-authorization'] !== undefined)).toBe(false);
      expect(env.cdn.requests.some((r) => r.headers['proxy-authorization'] !== undefined)).toBe(false);
    } finally {
      await authProxy.close();
    }
  });
});

describe('verification behind a proxy', () => {
  test('an LFS file altered by the proxy is caught by its sha256', async () => {
    const evil = await startRecordingProxy({ tamper: /\/repos\// });
    try {
      const e = await failure(
        env.client({ env: { HTTP_PROXY: evil.url } }).download({ repo: REPO, sha, item: fileOf(tree, 'model.safetensors') })
      );
      expect(e.code).toBe('sha256-mismatch');
      expect(evil.records.some((r) => r.target.startsWith(`${env.cdn.url}/`))).toBe(true);
    } finally {
      await evil.close();
    }
  });

  test('a regular file altered by the proxy is caught by its git blob oid', async () => {
    const evil = await startRecordingProxy({ tamper: /\/resolve\// });
    try {
      const e = await failure(env.client({ env: { HTTP_PROXY: evil.url } }).download({ repo: REPO, sha, item: fileOf(tree, 'README.md') }));
      expect(e.code).toBe('git-oid-mismatch');
    } finally {
      await evil.close();
    }
  });
});

describe('HTTPS_PROXY for an https Hub (CONNECT tunnel)', () => {
  let dir: string;
  let cert: string;
  let tls: TlsServer;
  let hubsUrl: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // A self-signed certificate for 127.0.0.1, written by openssl; a TLS front terminates it and pipes the
    // plaintext to the Hub origin (behind it, the hostile proxy and the registry).
    dir = await mkdtemp(join(tmpdir(), 'mg-proxy-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')
    ], { stdio: 'ignore' });
    cert = await readFile(join(dir, 'cert.pem'), 'utf8');
    const key = await readFile(join(dir, 'key.pem'), 'utf8');
    const hub = new URL(env.hub.url);
    tls = createTlsServer({ key, cert }, (s) => {
      sockets.add(s);
      const up = netConnect({ host: hub.hostname, port: Number(hub.port) });
      sockets.add(up);
      s.pipe(up).pipe(s);
      s.on('error', () => up.destroy());
      up.on('error', () => s.destroy());
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    hubsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  const httpsClient = (proxyEnv: Record<string, string>) =>
    env.client({ hubUrl: hubsUrl, ca: cert, token: TOKEN, env: proxyEnv });

  test('the Hub is reached through a CONNECT tunnel: the proxy sees host:port only, never the token', async () => {
    const c = httpsClient({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    expect(c.http.bytesPath(`${hubsUrl}/x`)).toBe('undici');
    const r = await c.resolveRepo(REPO, sha);
    expect(r.canonicalId).toBe(REPO);
    const lfs = collector();
    const d = await c.download({ repo: REPO, sha, item: fileOf(tree, 'model.safetensors'), consumers: [lfs] });
    expect(d.sha256).toBe(built('model.safetensors').sha256);
    expect(sha256(lfs.bytes())).toBe(built('model.safetensors').sha256);
    const readme = await c.download({ repo: REPO, sha, item: fileOf(tree, 'README.md') });
    expect(readme.gitOid).toBe(built('README.md').gitOid);

    const tunnels = proxy.records.filter((x) => x.kind === 'connect');
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels.every((x) => x.target === hostPort(hubsUrl))).toBe(true);
    // The CONNECT request carries no Authorization: the token is only inside the TLS tunnel.
    expect(tunnels.some((x) => x.headers.authorization !== undefined)).toBe(false);
    expect(JSON.stringify(proxy.records)).not.toContain(TOKEN);
    // Behind the tunnel the Hub did get it; the plain-http CDN hop went through the proxy without it.
    expect(env.hub.requests.every((q) => q.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const forwarded = proxy.records.filter((x) => x.kind === 'forward');
    expect(forwarded.map((x) => new URL(x.target).origin)).toEqual([env.cdn.url]);
    await c.close();
  });

  test('a proxy that refuses to tunnel (407 to CONNECT) fails at once with proxy-error', async () => {
    const authProxy = await startRecordingProxy({ requireAuth: 'Basic nobody-has-this' });
    try {
      const e = await failure(httpsClient({ HTTPS_PROXY: authProxy.url }).getRefs(REPO));
      expect(e.code).toBe('proxy-error');
      expect(e.message).toContain(`the proxy ${authProxy.url} (HTTPS_PROXY) refused to open a tunnel (HTTP 407 to CONNECT); put credentials in HTTPS_PROXY`);
      expect(e.status).toBe(407);
      expect(env.sleeps).toEqual([]);
      expect(authProxy.records.map((x) => x.kind)).toEqual(['connect']);
    } finally {
      await authProxy.close();
    }
  });

  test('NO_PROXY exempts the https Hub: direct TLS, with the raw-socket path for its file bytes', async () => {
    const c = httpsClient({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(c.http.bytesPath(`${hubsUrl}/x`)).toBe('socket');
    const readme = await c.download({ repo: REPO, sha, item: fileOf(tree, 'README.md') });
    expect(readme.gitOid).toBe(built('README.md').gitOid);
    expect((await c.getRefs(REPO)).branches).toHaveLength(1);
    expect(proxy.records).toEqual([]);
  });
});
