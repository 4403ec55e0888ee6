// The Hub's rate-limit windows, held client-wide. When the Hub says a bucket is spent (a 429 with Retry-After or
// RateLimit t=, or any answer with RateLimit r=0), nothing more is sent to that bucket until the window resets, and
// the requests held are released in the order they arrived. Without this, each request waited on its own timer:
// whichever woke first spent the fresh window, and a request that kept losing that race ran out of retries while
// the audit as a whole was well within its quota (and every request sent into a spent window counts against it).

/** Which quota a URL draws on: the Hub meters its API and its file resolvers separately, per origin. */
export function quotaBucket(url: string): string {
  const u = new URL(url);
  return `${u.origin} ${u.pathname.startsWith('/api/') ? 'api' : 'resolvers'}`;
}

interface Held {
  until: number;
  waiting: (() => void)[];
  sleeping: boolean;
}

export class QuotaGate {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number
  ) {}

  /** Milliseconds until `bucket`'s window resets; 0 when it is not closed or the reset has passed. */
  closedFor(bucket: string): number {
    const h = this.held.get(bucket);
    if (!h) return 0;
    return Math.max(0, h.until - this.now());
  }

  /**
   * Closes `bucket` until `ms` from now (never shortens a closure already in force). Returns how far the closure
   * was extended, the time this client will now spend waiting that it would not have otherwise.
   */
  close(bucket: string, ms: number): number {
    const until = this.now() + ms;
    const h = this.held.get(bucket);
    if (!h) {
      this.held.set(bucket, { until, waiting: [], sleeping: false });
      return ms;
    }
    const from = Math.max(h.until, this.now());
    h.until = Math.max(h.until, until);
    return Math.max(0, until - from);
  }

  /** Resolves when `bucket` is open, after every request queued before this one. */
  pass(bucket: string): Promise<void> {
    const h = this.held.get(bucket);
    if (!h) return Promise.resolve();
    if (h.until <= this.now() && h.waiting.length === 0 && !h.sleeping) {
      this.held.delete(bucket);
      return Promise.resolve();
    }
    const turn = new Promise<void>((resolve) => h.waiting.push(resolve));
    if (!h.sleeping) void this.drain(bucket, h);
    return turn;
  }

  /** One timer per closed bucket; when the window has reset, the queue goes in arrival order. */
  private async drain(bucket: string, h: Held): Promise<void> {
    h.sleeping = true;
    try {
      // Counted from the sleeps themselves, not by re-reading the clock: a closure extended while asleep adds
      // exactly the extension.
      for (let reached = this.now(); h.until > reached;) {
        const step = h.until - reached;
        await this.sleep(step);
        reached += step;
      }
    } finally {
      h.sleeping = false;
      if (this.held.get(bucket) === h) this.held.delete(bucket);
      for (const go of h.waiting.splice(0)) go();
    }
  }
}
