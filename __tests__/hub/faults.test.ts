// The fault campaign (issue 16): a programmable fault proxy (support/hostile-proxy.ts, a real HTTP server on
// 127.0.0.1) in front of the registry, and for each fault the error it must end in, an upper bound on the wall time
// it may take (the bound is the feature under test; the client gets small deadlines through its options so each
// case is short) and, where cheap, the memory bound.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { runFetch } from '../../src/cli/fetch.js';
import type { CliIO } from '../../src/cli/io.js';
import { connectFailure } from '../../src/hub/http.js';
import { fileOf, failure, startEnv, TOKEN, type Env } from './fixture.js';

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
  env.sleeps.length = 0;
});

const MODEL_INFO = /\/api\/models\/acme\/tiny\/revision\//;

/** Wall time of `p` in ms, with its HubError. */
async function timed(p: Promise<unknown>): Promise<{ ms: number; error: Awaited<ReturnType<typeof failure>> }> {
  const t0 = performance.now();
  const error = await failure(p);
  return { ms: performance.now() - t0, error };
}

/** Peak growth of this process's RSS while `p` runs, sampled every 5 ms. */
async function peakRss<T>(p: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const value = await p();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

describe('deadlines: no fault outlives its deadline', () => {
  test('a file body dripped a few bytes at a time (never idle) ends at the file deadline', async () => {
    env.hub.add({ match: /\/resolve\/.*notes\.txt/, drip: { bytes: 64, everyMs: 40 } });
    const c = env.client({ fileDeadlineFloorMs: 600, minBytesPerSecond: 10_000_000 });
    const sha = env.head('acme/tiny');
    const item = fileOf(await c.listTree('acme/tiny', sha), 'sub/dir/notes.txt');
    // The stall timeout (300 ms in the fixture) never fires: a piece arrives every 40 ms.
    const { ms, error } = await timed(c.download({ repo: 'acme/tiny', sha, item }));
    expect(error.code).toBe('deadline-exceeded');
    expect(error.message).toMatch(/sub\/dir\/notes\.txt: not finished within the file's 0\.6 s deadline/);
    expect(ms).toBeLessThan(3000);
  });

  test('the same drip over the undici path (no raw socket) ends at the deadline too', async () => {
    env.hub.add({ match: /\/resolve\/.*notes\.txt/, drip: { bytes: 64, everyMs: 40 } });
    const c = env.client({ fileDeadlineFloorMs: 600, minBytesPerSecond: 10_000_000, rawSocketBytes: false });
    const sha = env.head('acme/tiny');
    const item = fileOf(await c.listTree('acme/tiny', sha), 'sub/dir/notes.txt');
    const { ms, error } = await timed(c.download({ repo: 'acme/tiny', sha, item }));
    expect(error.code).toBe('deadline-exceeded');
    expect(ms).toBeLessThan(3000);
  });

  test('an LFS body dripped by the CDN ends at the file deadline, and is not resumed past it', async () => {
    env.cdn.add({ drip: { bytes: 64, everyMs: 40 } });
    const c = env.client({ fileDeadlineFloorMs: 600, minBytesPerSecond: 10_000_000 });
    const sha = env.head('acme/tiny');
    const item = fileOf(await c.listTree('acme/tiny', sha), 'model.safetensors');
    const { ms, error } = await timed(c.download({ repo: 'acme/tiny', sha, item }));
    expect(error.code).toBe('deadline-exceeded');
    expect(ms).toBeLessThan(3000);
    expect(env.cdn.requests).toHaveLength(1);
  });

  test('a tree listing dripped a byte at a time ends at the request deadline, not retried', async () => {
    env.hub.add({ match: /\/tree\//, drip: { bytes: 1, everyMs: 20 } });
    const { ms, error } = await timed(env.client({ requestTimeoutMs: 500 }).listTree('acme/tiny', env.head('acme/tiny')));
    expect(error.code).toBe('deadline-exceeded');
    expect(error.message).toMatch(/0\.5 s request deadline/);
    expect(ms).toBeLessThan(2500);
    expect(env.hub.requests).toHaveLength(1);
  });

  test('a response head sent one header line at a time (slowloris) ends at the headers timeout', async () => {
    env.hub.add({ slowHead: { everyMs: 20 } });
    const { ms, error } = await timed(env.client({ headersTimeoutMs: 300, maxRetries: 0 }).getRefs('acme/tiny'));
    expect(['timeout', 'deadline-exceeded']).toContain(error.code);
    expect(ms).toBeLessThan(2000);
  });

  test('a slowloris head on file bytes ends at the file deadline', async () => {
    env.cdn.add({ slowHead: { everyMs: 20 } });
    const c = env.client({ headersTimeoutMs: 60_000, fileDeadlineFloorMs: 500, minBytesPerSecond: 10_000_000 });
    const sha = env.head('acme/tiny');
    const item = fileOf(await c.listTree('acme/tiny', sha), 'model.safetensors');
    const { ms, error } = await timed(c.download({ repo: 'acme/tiny', sha, item }));
    expect(error.code).toBe('deadline-exceeded');
    expect(ms).toBeLessThan(2500);
  });
});

describe('the run deadline: one bound over every request, wait and file of a run', () => {
  const soon = (ms: number) => ({ at: Date.now() + ms, why: "the run's test deadline" });

  test('a tree dripped within its own 60 s request deadline ends at the run deadline', async () => {
    env.hub.add({ match: /\/tree\//, drip: { bytes: 1, everyMs: 20 } });
    const c = env.client({ requestTimeoutMs: 60_000, runDeadline: soon(800) });
    const { ms, error } = await timed(c.listTree('acme/tiny', env.head('acme/tiny')));
    expect(error.code).toBe('deadline-exceeded');
    expect(error.message).toMatch(/not finished within the run's test deadline/);
    expect(ms).toBeLessThan(2500);
  });

  test('files each within their own deadline: the first that outlives the run ends it, the rest fail at once', async () => {
    env.cdn.add({ drip: { bytes: 64, everyMs: 40 } });
    const c = env.client({ fileDeadlineFloorMs: 60_000, runDeadline: soon(900) });
    const sha = env.head('acme/tiny');
    const item = fileOf(await c.listTree('acme/tiny', sha), 'model.safetensors');
    const first = await timed(c.download({ repo: 'acme/tiny', sha, item }));
    expect(first.error.code).toBe('deadline-exceeded');
    expect(first.error.message).toMatch(/run's test deadline/);
    expect(first.ms).toBeLessThan(2500);
    const requests = env.cdn.requests.length;
    const second = await timed(c.download({ repo: 'acme/tiny', sha, item }));
    expect(second.error.code).toBe('deadline-exceeded');
    expect(second.ms).toBeLessThan(200);
    expect(env.cdn.requests.length).toBe(requests);
  });

  test('a retry whose wait would pass the run deadline fails at once instead of sleeping', async () => {
    env.hub.add({ respond: { status: 503, headers: { 'retry-after': '5' }, body: '{"error":"busy"}' } });
    const c = env.client({ runDeadline: soon(2000) });
    const { ms, error } = await timed(c.getRefs('acme/tiny'));
    expect(error.code).not.toBe('deadline-exceeded');
    expect(error.message).toMatch(/waiting \d+ s more would pass the run's test deadline/);
    expect(env.sleeps).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  test('`fetch --deadline` takes whole minutes from 1 to 1440; anything else is a usage error before any request', async () => {
    for (const bad of ['0', '1441', '1.5', 'soon']) {
      await expect(runFetch([`acme/tiny@${env.head('acme/tiny')}`, '--hub-url', env.hub.url, '--deadline', bad], io())).rejects.toThrow(
        `--deadline must be whole minutes from 1 to 1440, not '${bad}'`
      );
    }
    expect(env.hub.requests).toHaveLength(0);
  });

  test('a deadline of the request itself still applies when it comes first', async () => {
    env.hub.add({ match: /\/tree\//, drip: { bytes: 1, everyMs: 20 } });
    const c = env.client({ requestTimeoutMs: 400, runDeadline: soon(60_000) });
    const { error } = await timed(c.listTree('acme/tiny', env.head('acme/tiny')));
    expect(error.message).toMatch(/0\.4 s request deadline/);
  });
});

describe('retries: bounded waiting', () => {
  test('429 with Retry-After: 299 fails at once under the default ceiling (max-retry-wait 60 s)', async () => {
    env.hub.add({ respond: { status: 429, headers: { 'retry-after': '299' }, body: '{"error":"slow down"}' } });
    const { ms, error } = await timed(env.client().getRefs('acme/tiny'));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/asks to wait 299 s, longer than the 60 s this run allows \(max-retry-wait\)/);
    expect(env.sleeps).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  test('a wait that does not fit the run’s remaining retry waiting budget fails at once', async () => {
    env.hub.add({ respond: { status: 429, headers: { 'retry-after': '2' } } });
    const c = env.client({ sleep: undefined, retryWaitBudgetMs: 1000 });
    const { ms, error } = await timed(c.getRefs('acme/tiny'));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/would exceed the 1 s left of this run's retry waiting budget/);
    expect(ms).toBeLessThan(1000);
  });

  test('a 5xx storm ends within the retry waiting budget, and every retry is announced', async () => {
    env.hub.add({ respond: { status: 503 } });
    const said: string[] = [];
    const c = env.client({ sleep: undefined, baseDelayMs: 100, maxRetries: 50, retryWaitBudgetMs: 700, onRetry: (m) => said.push(m) });
    const { ms, error } = await timed(c.getRefs('acme/tiny'));
    expect(error.code).toBe('server-error');
    expect(error.message).toMatch(/retry waiting budget/);
    expect(ms).toBeLessThan(2000);
    expect(said.length).toBeGreaterThan(0);
    expect(said[0]).toMatch(/^retrying in \d+\.\d s \(retry 1\): .*HTTP 503/);
  });

  test('the waiting budget is shared by every request of the client (one review)', async () => {
    env.hub.add({ respond: { status: 429, headers: { 'retry-after': '1' } } });
    const c = env.client({ retryWaitBudgetMs: 2500, maxRetries: 10 });
    await failure(c.getRefs('acme/tiny'));
    const e = await failure(c.getRefs('acme/tiny'));
    expect(e.message).toMatch(/retry waiting budget/);
    expect(env.sleeps).toHaveLength(2);
  });

  test('a closed port fails at once, naming the URL, without retries', async () => {
    const closed = await closedPort();
    const { ms, error } = await timed(env.client({ hubUrl: closed, sleep: undefined }).getRefs('acme/tiny'));
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`cannot connect to ${closed}: connection refused (ECONNREFUSED)`);
    expect(ms).toBeLessThan(500);
  });

  test('`fetch --hub-url` at a closed port: exit 1 well under a second, the message names the URL', async () => {
    const closed = await closedPort();
    const t = io();
    const t0 = performance.now();
    const code = await runFetch([`acme/tiny@${env.head('acme/tiny')}`, '--hub-url', closed], t);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(code).toBe(1);
    expect(t.err).toMatch(/resolve: \[unreachable\]/);
    expect(t.err).toContain(closed);
  });

  test('refused, unresolvable and untrusted connections are classified as final; a reset is not', () => {
    const url = 'https://hub.example/api/x';
    const wrap = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    expect(connectFailure(wrap('ECONNREFUSED'), url, url, 'x')?.code).toBe('unreachable');
    expect(connectFailure(wrap('ENOTFOUND'), url, url, 'x')?.message).toMatch(/https:\/\/hub\.example: the host name does not resolve/);
    expect(connectFailure(wrap('DEPTH_ZERO_SELF_SIGNED_CERT'), url, url, 'x')?.code).toBe('tls-error');
    expect(connectFailure(wrap('ERR_TLS_CERT_ALTNAME_INVALID'), url, url, 'x')?.code).toBe('tls-error');
    expect(connectFailure(wrap('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), url, url, 'x')?.code).toBe('tls-error');
    expect(connectFailure(wrap('ECONNRESET'), url, url, 'x')).toBeUndefined();
  });
});

// Both transports: the raw socket (direct), and undici (every request behind HTTPS_PROXY/HTTP_PROXY takes it; the
// fault proxy here stands in for the Hub, rawSocketBytes: false forces the undici path).
describe.each([
  ['raw socket', {}],
  ['undici, the proxied path', { rawSocketBytes: false }]
])('JSON from the Hub over the %s: limits before memory grows', (_transport, via) => {
  // 60 MB of nested arrays, 58 KB on the wire.
  let nested: Buffer;
  let wide: Buffer;
  let bomb: Buffer;
  beforeAll(() => {
    const half = 30 * 1024 * 1024;
    const deep = Buffer.alloc(2 * half);
    deep.fill(0x5b, 0, half);
    deep.fill(0x5d, half);
    nested = gzipSync(deep, { level: 9 });
    wide = gzipSync(Buffer.concat([Buffer.from('['), Buffer.from('[],'.repeat(10_000_000)), Buffer.from('[]]')]), { level: 9 });
    bomb = gzipSync(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(100 * 1024 * 1024, 0x61), Buffer.from('"}')]), { level: 9 });
  });

  const gz = (body: Buffer) => ({ status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });

  test('60 MB of nested arrays (gzip) in model info fails on depth, fast, far under 200 MB', async () => {
    expect(nested.length).toBeLessThan(100 * 1024);
    env.hub.add({ match: MODEL_INFO, respond: gz(nested) });
    const { value, growth } = await peakRss(() => timed(env.client(via).resolveRepo('acme/tiny', env.head('acme/tiny'))));
    expect(value.error.code).toBe('limit-exceeded');
    expect(value.error.message).toMatch(/JSON answer is nested deeper than 64 levels .*Content-Encoding: gzip/);
    expect(value.ms).toBeLessThan(2000);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });

  test('ten million empty arrays fail on the value count', async () => {
    env.hub.add({ match: MODEL_INFO, respond: gz(wide) });
    const { value, growth } = await peakRss(() => timed(env.client(via).resolveRepo('acme/tiny', env.head('acme/tiny'))));
    expect(value.error.code).toBe('limit-exceeded');
    expect(value.error.message).toMatch(/more than 1000000 values/);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });

  test('a gzip bomb (100 MB decompressed) stops at the decompressed-size cap, streaming', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    env.hub.add({ match: MODEL_INFO, respond: gz(bomb) });
    const { value, growth } = await peakRss(() => timed(env.client({ ...via, maxJsonBytes: 4 * 1024 * 1024 }).resolveRepo('acme/tiny', env.head('acme/tiny'))));
    expect(value.error.code).toBe('limit-exceeded');
    expect(value.error.message).toMatch(/larger than 4194304 bytes \(decompressed\)/);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });

  test('an honest gzip-encoded answer is decoded and parses', async () => {
    const sha = env.head('acme/tiny');
    const plain = await (await fetch(`${env.registry.hubUrl}/api/models/acme/tiny/revision/${sha}?blobs=true&securityStatus=true`)).text();
    env.hub.add({ match: MODEL_INFO, respond: gz(gzipSync(plain)) });
    const r = await env.client(via).resolveRepo('acme/tiny', sha);
    expect(r.canonicalId).toBe('acme/tiny');
    expect(r.sha).toBe(sha);
  });

  test('a body that claims gzip but is not fails as malformed, not as a crash', async () => {
    env.hub.add({ match: MODEL_INFO, respond: gz(Buffer.from('{"not":"gzip"}')) });
    const e = await failure(env.client(via).resolveRepo('acme/tiny', env.head('acme/tiny')));
    expect(e.code).toBe('malformed-response');
    expect(e.message).toMatch(/could not be decoded \(Content-Encoding: gzip\)/);
  });

  test('ordinary answers within the limits still parse (strings with brackets do not count)', async () => {
    env.hub.add({ match: MODEL_INFO, json: (b) => ({ ...(b as object), cardData: { note: '[[[[{{{{'.repeat(100) } }) });
    const r = await env.client({ ...via, maxJsonDepth: 8 }).resolveRepo('acme/tiny', env.head('acme/tiny'));
    expect(r.canonicalId).toBe('acme/tiny');
  });
});

describe('secrets: a Hub that echoes the token', () => {
  const echo = {
    respond: (req: { headers: Record<string, unknown> }) => ({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: `Invalid credentials in Authorization header: ${String(req.headers.authorization)}` })
    })
  };

  test('fetch never prints it (text and json), though the Hub put it in its error body', async () => {
    env.hub.add(echo);
    for (const format of ['text', 'json']) {
      const t = io({ HF_TOKEN: TOKEN });
      expect(await runFetch([`acme/tiny@${env.head('acme/tiny')}`, '--hub-url', env.hub.url, '--format', format], t)).toBe(1);
      expect(t.out + t.err).toMatch(/Invalid credentials in Authorization header: Bearer \*\*\*/);
      expect(t.out + t.err).not.toContain(TOKEN);
    }
  });

  test('the HubError itself carries no token in message or hubErrorMessage', async () => {
    env.hub.add(echo);
    const e = await failure(env.client({ token: TOKEN }).getRefs('acme/tiny'));
    expect(JSON.stringify({ m: e.message, h: e.hubErrorMessage, s: e.stack })).not.toContain(TOKEN);
  });
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

/** An origin on 127.0.0.1 where nothing listens any more. */
async function closedPort(): Promise<string> {
  const s: Server = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
