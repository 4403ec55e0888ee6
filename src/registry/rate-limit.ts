// Fixed-window request quotas per client address, reported the way the Hub does on every response:
//   RateLimit: "api";r=<remaining>;t=<seconds to reset>   RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window>

export type Bucket = 'api' | 'resolvers';

export interface RateLimitOptions {
  /** Requests per window for /api routes (Hub anonymous default 500). */
  api?: number;
  /** Requests per window for resolve/raw (Hub anonymous default 3000). */
  resolvers?: number;
  /** Window length in seconds (Hub: 300). */
  windowSeconds?: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfter: number;
}

export function rateLimiter(opts: RateLimitOptions, now: () => number): (client: string, bucket: Bucket) => RateDecision {
  const quota: Record<Bucket, number> = { api: opts.api ?? 500, resolvers: opts.resolvers ?? 3000 };
  const windowMs = (opts.windowSeconds ?? 300) * 1000;
  const windows = new Map<string, { start: number; used: number }>();
  return (client, bucket) => {
    const key = `${bucket}\0${client}`;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      if (windows.size > 10_000) windows.clear(); // bounded memory under address churn
      w = { start: t, used: 0 };
      windows.set(key, w);
    }
    w.used++;
    const q = quota[bucket];
    const reset = Math.max(0, Math.ceil((w.start + windowMs - t) / 1000));
    return {
      allowed: w.used <= q,
      retryAfter: reset,
      headers: {
        RateLimit: `"${bucket}";r=${Math.max(0, q - w.used)};t=${reset}`,
        'RateLimit-Policy': `"fixed window";"${bucket}";q=${q};w=${windowMs / 1000}`
      }
    };
  };
}
