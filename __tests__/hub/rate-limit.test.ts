// The Hub's rate limits, held client-wide: a spent window closes its bucket for every request of the client, and
// the requests held go in the order they arrived. Before this, each request slept on its own timer; whichever woke
// first spent the fresh window, and an audit under a small quota failed an entry (and, worse, dropped the owner
// lookup that catches a namespace changing hands) although it never exceeded its waiting budget.
import { HubClient } from '../../src/hub/client.js';
import { quotaBucket, QuotaGate } from '../../src/hub/quota-gate.js';
import { startEnv, type Env } from './fixture.js';

describe('QuotaGate', () => {
  const fake = (): { gate: QuotaGate; slept: number[] } => {
    const slept: number[] = [];
    const gate = new QuotaGate(async (ms) => { slept.push(ms); }, () => 1_000);
    return { gate, slept };
  };

  test('an open bucket lets requests through without waiting', async () => {
    const { gate, slept } = fake();
    await gate.pass('b');
    expect(slept).toEqual([]);
    expect(gate.closedFor('b')).toBe(0);
  });

  test('a closed bucket releases its requests in arrival order, after one wait', async () => {
    const { gate, slept } = fake();
    gate.close('b', 2_000);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((i) => gate.pass('b').then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(slept).toEqual([2_000]);
    // Once released, the bucket is open again.
    await gate.pass('b');
    expect(slept).toEqual([2_000]);
  });

  test('a closure extended while waiting adds only the extension, to the wait and to what close() reports', async () => {
    const { gate, slept } = fake();
    expect(gate.close('b', 2_000)).toBe(2_000);
    const held = gate.pass('b');
    expect(gate.close('b', 1_500)).toBe(0);
    expect(gate.close('b', 2_500)).toBe(500);
    await held;
    expect(slept.reduce((a, b) => a + b, 0)).toBe(2_500);
  });

  test('buckets are independent: the API and the file resolvers, per origin', async () => {
    const { gate, slept } = fake();
    gate.close(quotaBucket('https://hf.example/api/models/a/b'), 3_000);
    await gate.pass(quotaBucket('https://hf.example/a/b/resolve/abc/x.bin'));
    await gate.pass(quotaBucket('https://other.example/api/models/a/b'));
    expect(slept).toEqual([]);
    expect(quotaBucket('https://hf.example/api/models/a/b')).toBe(quotaBucket('https://hf.example/api/users/a/overview'));
  });
});

describe('a HubClient against a registry that enforces a quota (RateLimit, fixed window)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ rateLimit: { api: 4, windowSeconds: 1 } });
  });
  afterAll(async () => {
    await env.close();
  });
  beforeEach(() => {
    env.hub.clear();
  });

  const client = (retries: string[]): HubClient =>
    new HubClient({ hubUrl: env.hub.url, allowedCdnOrigins: [env.cdn.url], env: {}, maxRetries: 1, onRetry: (m) => retries.push(m) });
  const spent = (): number => env.hub.requests.length;
  const limited = async (c: HubClient, n: number, concurrency: number): Promise<number> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < n) {
        next++;
        await c.getRefs('acme/tiny');
      }
    };
    const before = spent();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return spent() - before - n;
  };

  test('one request at a time: an answer saying the window is spent holds the next request, so no 429 is ever sent for', async () => {
    const retries: string[] = [];
    const c = client(retries);
    try {
      // 10 requests under 4 per window: three windows, and no request sent into a spent one.
      expect(await limited(c, 10, 1)).toBe(0);
      expect(retries.filter((m) => /rate limit for this client is spent/.test(m)).length).toBeGreaterThanOrEqual(2);
    } finally {
      await c.close();
    }
  }, 30_000);

  test('concurrent requests: each is answered with at most one retry, the held ones first when the window resets', async () => {
    const retries: string[] = [];
    const c = client(retries);
    try {
      // maxRetries 1: a request that lost the fresh window to a later one would fail here.
      const tooMany = await limited(c, 12, 3);
      // Only requests already in flight when the window ran out meet a 429: fewer than the concurrency per window.
      expect(tooMany).toBeLessThanOrEqual(2 * Math.ceil(12 / 4));
    } finally {
      await c.close();
    }
  }, 30_000);
});
