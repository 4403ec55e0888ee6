// The one transport under every Hub endpoint (api/) and the verified download: manual redirects always, a headers
// timeout and a body stall timeout, and above them wall-clock deadlines (one per metadata request, one per file,
// set by download.ts) that no dripping server can stretch; retries with backoff on 429/5xx/network failures
// (honouring Retry-After and RateLimit up to a ceiling) within a shared budget of retries and of waiting time;
// refused connections, unknown hosts and refused certificates fail at once; JSON read under limits on size, depth
// and values checked before parsing; the token attached only to the Hub's own origin, and Hub errors mapped to
// typed HubErrors. Every request goes through undici with the proxy dispatcher (proxy.ts: HTTPS_PROXY, HTTP_PROXY,
// NO_PROXY); file bytes take the raw-socket fast path (socket-get.ts) only where no proxy applies.
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { HubError, type HubErrorCode, redactUrl } from './errors.js';
import { DEFAULT_JSON_LIMITS, JsonLimiter, type JsonLimits } from './json-limits.js';
import { type Env, type ProxySettings, proxyDispatcher, proxyFor, proxyProblem, proxySettings, shownProxy } from './proxy.js';
import { quotaBucket, QuotaGate } from './quota-gate.js';
import { ShapeError } from './shapes/check.js';
import { type ChunkReader, socketGet } from './socket-get.js';
import { undiciRawFetch } from './undici-raw.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import { redact, rememberSecret } from '../core/secrets.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export interface HttpOptions {
  /** The Hub origin (see endpoint.ts). The token is sent only to this origin. */
  hubUrl: string;
  token?: string;
  fetch?: FetchLike;
  /** Waits between retries; tests inject a fast one that records the delays. */
  sleep?: Sleep;
  /** Wall clock in ms, for `Retry-After: <date>`. */
  now?: () => number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  userAgent?: string;
  /** No response headers within this long: give up on the attempt (retried). Default 30 s. */
  headersTimeoutMs?: number;
  /** A pending body read that gets no bytes for this long is a stalled connection. Default 60 s. */
  stallTimeoutMs?: number;
  /**
   * Wall-clock deadline of one attempt at a metadata (JSON) request, headers and whole body: a body dripped a
   * byte at a time never resets it. Not retried once spent. Default 120 s. (Files get their own deadline from
   * their size: download.ts.)
   */
  requestTimeoutMs?: number;
  /**
   * Wall-clock deadline of the whole run (every request and file of every entry this client serves): no attempt,
   * wait or body read continues past it, whatever its own deadline says. The action's `review-deadline` input and
   * the CLI's `--deadline` set it (default 300 min, inside GitHub's 6-hour job limit, so the comment still posts).
   */
  runDeadline?: Deadline;
  /** Retries of one request. Default 5. */
  maxRetries?: number;
  /** Retries across every request this client makes, so a 429 storm cannot multiply. Default 200. */
  retryBudget?: number;
  /**
   * Total time this client may spend waiting between retries, across every request (one client serves one
   * review). A wait that does not fit what is left fails at once. Default 300 s.
   */
  retryWaitBudgetMs?: number;
  /** First backoff delay; doubles per attempt up to maxDelayMs, with jitter. Defaults 1 s, 10 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Longest server-requested wait (Retry-After, RateLimit t=) honoured; a longer one fails at once, as does one
   * longer than what is left of retryWaitBudgetMs or of the request's deadline. Default 60 s (the `max-retry-wait`
   * input, `--max-retry-wait` option).
   */
  maxWaitMs?: number;
  /** Largest JSON body read, counted after decompression. Default 16 MiB. */
  maxJsonBytes?: number;
  /** Deepest nesting of arrays and objects in a JSON answer. Default 64. */
  maxJsonDepth?: number;
  /** Most values (arrays, objects, separated items) in a JSON answer. Default 1,000,000. */
  maxJsonNodes?: number;
  /** Told before each wait for a retry (so retries are never silent); the message is redacted. */
  onRetry?: (message: string) => void;
  /** Extra trusted CA certificates (PEM) for https origins, e.g. a mirror with a private CA. */
  ca?: string;
  /**
   * Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) are read from. Default process.env; tests pass their
   * own instead of mutating the process.
   */
  env?: Env;
  /**
   * File bytes over the raw-socket reader (socket-get.ts) where no proxy applies and no fetch was injected.
   * Default true; false sends them through undici like everything else (the benchmark compares the two).
   */
  rawSocketBytes?: boolean;
}

export interface RequestSpec {
  /** What is being fetched, for messages: "model info for org/name@sha". */
  what: string;
  headers?: Record<string, string>;
  /** Code for a 404 the Hub did not label with X-Error-Code. */
  notFound?: HubErrorCode;
  /**
   * This request carries file bytes: without an injected fetch it goes over socket-get.ts (reads into our own
   * buffers). `reuseBuffer` when the reader finishes with every chunk before asking for the next.
   */
  bytes?: { reuseBuffer: boolean };
  /**
   * Wall-clock deadline (Date.now() ms) covering every attempt, wait and body byte of this request; `why` says
   * where it comes from, for the message. Without it, a metadata request gets requestTimeoutMs per attempt.
   */
  deadline?: Deadline;
}

export interface Deadline {
  at: number;
  why: string;
}

/** Errors a retry would only repeat: fail at once. */
const FINAL: ReadonlySet<HubErrorCode> = new Set<HubErrorCode>(['proxy-error', 'deadline-exceeded', 'unreachable', 'tls-error', 'limit-exceeded']);

export interface JsonAnswer {
  status: number;
  headers: Headers;
  url: string;
  /** The parsed body for 2xx; undefined for a redirect. */
  body?: unknown;
  /** The Location header of a 3xx, unresolved. */
  location?: string;
  retries: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECTS.has(status);
}

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds the server asked us to wait, from Retry-After (seconds or HTTP date) or RateLimit (r=0;t=N). */
export function serverWaitMs(headers: Headers, now: number): number | undefined {
  const waits: number[] = [];
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) waits.push(Number(retryAfter) * 1000);
    else {
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) waits.push(Math.max(0, at - now));
    }
  }
  // Hub: `"api";r=0;t=295`. IETF draft spelling: `limit=100, remaining=0, reset=50`.
  const rateLimit = headers.get('ratelimit');
  if (rateLimit) {
    const field = (name: string): number | undefined => {
      const m = new RegExp(`(?:^|[;,\\s])${name}=(\\d+)`).exec(rateLimit);
      return m?.[1] === undefined ? undefined : Number(m[1]);
    };
    const remaining = field('r') ?? field('remaining');
    const reset = field('t') ?? field('reset');
    if (remaining === 0 && reset !== undefined) waits.push(reset * 1000);
  }
  return waits.length ? Math.max(...waits) : undefined;
}

function clean(text: string | null | undefined, max = 200): string | undefined {
  if (!text) return undefined;
  const t = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t || undefined;
}

function describeCause(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${e.message} (${code})` : e.message);
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(': ');
}

/**
 * A response body read chunk by chunk. A read that stays pending for stallTimeoutMs aborts the connection
 * (time spent by the caller between reads does not count: slow consumers are not stalled servers). A deadline,
 * when given, is wall-clock: reached while a read is pending, or before a read starts, the body fails.
 */
export class BodyReader implements ChunkReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private pendingSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private timedOut = false;
  private deadlineHit = false;
  private finished = false;

  constructor(
    response: Response,
    private readonly controller: AbortController,
    private readonly stallMs: number,
    private readonly url: string,
    private readonly what: string,
    private readonly deadline?: Deadline
  ) {
    this.reader = response.body?.getReader();
  }

  /**
   * Next chunk, or null at the end. Throws HubError 'timeout' on a stall, 'deadline-exceeded' past the deadline,
   * 'network' on a broken connection.
   */
  async read(): Promise<Uint8Array | null> {
    if (!this.reader || this.finished) return null;
    if (this.deadline && Date.now() >= this.deadline.at) {
      this.deadlineHit = true;
      await this.cancel();
      throw deadlineError(this.what, this.deadline, this.url);
    }
    this.pendingSince = Date.now();
    this.arm(this.stallMs);
    try {
      const r = await this.reader.read();
      this.pendingSince = 0;
      if (r.done) {
        this.stop();
        return null;
      }
      return r.value;
    } catch (err) {
      this.stop();
      if (this.deadlineHit && this.deadline) throw deadlineError(this.what, this.deadline, this.url);
      if (this.timedOut) {
        throw new HubError('timeout', `${this.what}: no bytes for ${this.stallMs} ms, the connection stalled`, {
          url: this.url
        });
      }
      throw new HubError('network', `${this.what}: the connection broke while reading the body: ${describeCause(err)}`, {
        url: this.url,
        cause: err
      });
    }
  }

  /** Drops the rest of the body and frees the connection. */
  async cancel(): Promise<void> {
    this.stop();
    try {
      await this.reader?.cancel();
    } catch {
      // already broken: nothing to free
    }
  }

  private arm(ms: number): void {
    if (this.timer) return;
    const untilDeadline = this.deadline ? Math.max(0, this.deadline.at - Date.now()) : Number.POSITIVE_INFINITY;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.finished) return;
      if (this.pendingSince === 0) return; // re-armed by the next read()
      const now = Date.now();
      if (this.deadline && now >= this.deadline.at) {
        this.deadlineHit = true;
        this.controller.abort(new Error('deadline'));
        return;
      }
      const waited = now - this.pendingSince;
      if (waited >= this.stallMs) {
        this.timedOut = true;
        this.controller.abort(new Error('stalled'));
      } else {
        this.arm(this.stallMs - waited);
      }
    }, Math.min(ms, untilDeadline));
    this.timer.unref();
  }

  private stop(): void {
    this.finished = true;
    this.pendingSince = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface Opened {
  status: number;
  headers: Headers;
  /** See Attempt.raw. */
  raw?: boolean;
  /** The request URL, redacted. */
  url: string;
  body: ChunkReader;
  retries: number;
}

/** One attempt's answer, whichever transport carried it. */
interface Attempt {
  status: number;
  headers: Headers;
  body: ChunkReader;
  /** The body arrives as sent (raw socket, undici-raw): any Content-Encoding is still to be undone, by us, under our caps. */
  raw?: boolean;
}

export class HubHttp {
  readonly hubOrigin: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: FetchLike;
  /** Bodies from fetchImpl arrive as sent (our undici-raw transport), not decoded (an injected fetch). */
  private readonly rawBodies: boolean;
  /** File bytes may use socket-get.ts: no fetch was injected and the fast path is not switched off. */
  private readonly socketForBytes: boolean;
  private readonly ca: string | undefined;
  private readonly proxy: ProxySettings;
  /** A configured proxy that cannot be used: every request fails with it. */
  private readonly proxyError: HubError | undefined;
  private readonly dispatcher: Dispatcher | undefined;
  readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly userAgent: string;
  readonly headersTimeoutMs: number;
  readonly stallTimeoutMs: number;
  private readonly maxRetries: number;
  private budget: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxWaitMs: number;
  private readonly jsonLimits: JsonLimits;
  readonly requestTimeoutMs: number;
  private waitBudgetMs: number;
  private readonly runDeadline: Deadline | undefined;
  private readonly onRetry: ((message: string) => void) | undefined;
  private readonly quota: QuotaGate;

  constructor(opts: HttpOptions) {
    this.hubOrigin = new URL(opts.hubUrl).origin;
    this.token = opts.token || undefined;
    rememberSecret(this.token);
    // undici's request API behind a fetch shape (undici-raw.ts): bodies arrive as sent, never inflated by the
    // transport, so readText undoes any Content-Encoding under the JSON cap on every path.
    this.fetchImpl = opts.fetch ?? (undiciRawFetch as FetchLike);
    this.rawBodies = opts.fetch === undefined;
    this.socketForBytes = opts.fetch === undefined && opts.rawSocketBytes !== false;
    this.ca = opts.ca;
    this.proxy = proxySettings(opts.env ?? process.env);
    this.proxyError = proxyProblem(this.proxy);
    this.dispatcher = this.proxyError ? undefined : proxyDispatcher(this.proxy, opts.ca ? { ca: opts.ca } : {});
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.userAgent = opts.userAgent ?? `${TOOL_NAME}/${TOOL_VERSION}`;
    this.headersTimeoutMs = opts.headersTimeoutMs ?? 30_000;
    this.stallTimeoutMs = opts.stallTimeoutMs ?? 60_000;
    this.maxRetries = opts.maxRetries ?? 5;
    this.budget = opts.retryBudget ?? 200;
    this.baseDelayMs = opts.baseDelayMs ?? 1000;
    this.maxDelayMs = opts.maxDelayMs ?? 10_000;
    this.maxWaitMs = opts.maxWaitMs ?? 60_000;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 120_000;
    this.waitBudgetMs = opts.retryWaitBudgetMs ?? 300_000;
    this.runDeadline = opts.runDeadline;
    this.onRetry = opts.onRetry;
    this.quota = new QuotaGate(this.sleep, this.now);
    this.jsonLimits = {
      maxBytes: opts.maxJsonBytes ?? DEFAULT_JSON_LIMITS.maxBytes,
      maxDepth: opts.maxJsonDepth ?? DEFAULT_JSON_LIMITS.maxDepth,
      maxNodes: opts.maxJsonNodes ?? DEFAULT_JSON_LIMITS.maxNodes
    };
  }

  /** The proxy a request to `url` goes through (redacted), or undefined when it goes direct. */
  proxyOf(url: string): string | undefined {
    const p = proxyFor(url, this.proxy);
    return p === undefined ? undefined : shownProxy(p);
  }

  /** How file bytes from `url` travel: the raw-socket fast path only where no proxy applies. */
  bytesPath(url: string): 'socket' | 'undici' {
    return this.socketForBytes && proxyFor(url, this.proxy) === undefined ? 'socket' : 'undici';
  }

  /** `d` or the run's deadline, whichever comes first (either may be absent). */
  bound(d: Deadline | undefined): Deadline | undefined {
    const run = this.runDeadline;
    if (!run) return d;
    return d && d.at <= run.at ? d : run;
  }

  /** Closes pooled connections and proxy tunnels. */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  /** Whether a request to `url` carries the token: only the Hub's exact origin does, never a CDN. */
  sendsTokenTo(url: string): boolean {
    return this.token !== undefined && new URL(url).origin === this.hubOrigin;
  }

  /** Exponential backoff with jitter for the given 0-based attempt. */
  backoffMs(attempt: number): number {
    const d = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return Math.round(d / 2 + (this.random() * d) / 2);
  }

  /** Takes one retry from the shared budget; false when the budget or the per-request limit is spent. */
  takeRetry(attempt: number): boolean {
    return attempt < this.maxRetries && this.spendRetry();
  }

  /** Takes one retry from the shared budget (resumes have their own per-file limit). */
  spendRetry(): boolean {
    if (this.budget <= 0) return false;
    this.budget--;
    return true;
  }

  get retriesLeft(): number {
    return this.budget;
  }

  /**
   * Sends one request (GET unless told otherwise), retrying 408/429/5xx and network failures before the
   * response headers. Resolves with any 2xx or 3xx response (redirects are never followed here); throws a
   * typed HubError for everything else.
   */
  async open(url: string, spec: RequestSpec, attempt0 = 0): Promise<Opened> {
    const shown = redactUrl(url);
    let attempt = attempt0;
    let retries = 0;
    for (;;) {
      let answer: Attempt;
      try {
        await this.quotaOpen(url, shown, spec);
        answer = await this.attempt(url, shown, spec);
      } catch (err) {
        // A refusing proxy, a closed port, an unknown host, a refused certificate or a spent deadline: a retry
        // would fail the same way, so fail now, with what to fix.
        if (!(err instanceof HubError) || FINAL.has(err.code)) throw err;
        if (!this.takeRetry(attempt)) throw this.gaveUp(err, retries);
        await this.waitToRetry(this.backoffMs(attempt), err, spec, retries);
        attempt++;
        retries++;
        continue;
      }
      const { status } = answer;
      if (status === 408 || status === 429 || status >= 500) {
        const wait = serverWaitMs(answer.headers, this.now());
        const e = await this.errorFrom(answer, shown, spec);
        if (wait !== undefined && wait > this.maxWaitMs) {
          throw new HubError(
            e.code,
            `${e.message} The Hub asks to wait ${Math.ceil(wait / 1000)} s, longer than the ${Math.ceil(this.maxWaitMs / 1000)} s this run allows (max-retry-wait); retry later or use a token with a higher rate limit.`,
            { url: shown, status, hubErrorCode: e.hubErrorCode, hubErrorMessage: e.hubErrorMessage }
          );
        }
        if (!this.takeRetry(attempt)) throw this.gaveUp(e, retries);
        if (wait === undefined) await this.waitToRetry(this.backoffMs(attempt), e, spec, retries);
        else this.holdQuota(url, wait + Math.round(this.random() * Math.min(1000, wait / 10)), e, spec, retries);
        attempt++;
        retries++;
        continue;
      }
      this.noteQuota(url, answer.headers, spec);
      if (status >= 400) throw await this.errorFrom(answer, shown, spec);
      if (status >= 300 && !isRedirect(status)) {
        await answer.body.cancel();
        throw new HubError('http-error', `${spec.what}: unexpected HTTP ${status}`, { url: shown, status });
      }
      return { ...answer, url: shown, retries };
    }
  }

  /**
   * Waits until the Hub's window for `url`'s bucket has reset, behind the requests held before this one. Fails at
   * once when the reset comes after the request's deadline.
   */
  private async quotaOpen(url: string, shown: string, spec: RequestSpec): Promise<void> {
    const bucket = quotaBucket(url);
    const closed = this.quota.closedFor(bucket);
    const deadline = closed > 0 ? this.bound(spec.deadline) : undefined;
    if (deadline && Date.now() + closed >= deadline.at) {
      throw new HubError('rate-limited', `${spec.what}: the Hub's rate limit for this client resets in ${Math.ceil(closed / 1000)} s, after ${deadline.why}; retry later or use a token with a higher rate limit.`, { url: shown });
    }
    await this.quota.pass(bucket);
  }

  /**
   * A retry the server timed (429/5xx with Retry-After or RateLimit t=): closes the bucket for every request of this
   * client, so none spends the fresh window before the ones already waiting. The waiting budget is charged once
   * for the time the closure adds, however many requests wait behind it.
   */
  private holdQuota(url: string, delay: number, e: HubError, spec: RequestSpec, retries: number): void {
    const bucket = quotaBucket(url);
    this.refuseWait(Math.max(0, delay - this.quota.closedFor(bucket)), delay, e, spec, retries);
    this.waitBudgetMs -= this.quota.close(bucket, delay);
    this.onRetry?.(redact(`retrying in ${(delay / 1000).toFixed(1)} s (retry ${retries + 1}): ${e.message}`));
  }

  /**
   * An answer that says the window is spent (RateLimit r=0) holds this client's next requests to that bucket until
   * it resets, instead of sending them into certain 429s that count against the quota too. A reset further off than
   * max-retry-wait or the waiting budget allows is not waited for here: the next request meets the 429 and fails
   * with that reason.
   */
  private noteQuota(url: string, headers: Headers, spec: RequestSpec): void {
    const wait = serverWaitMs(headers, this.now());
    if (wait === undefined || wait <= 0 || wait > this.maxWaitMs) return;
    const bucket = quotaBucket(url);
    const added = Math.max(0, wait - this.quota.closedFor(bucket));
    if (added === 0 || added > this.waitBudgetMs) return;
    this.waitBudgetMs -= this.quota.close(bucket, wait);
    this.onRetry?.(redact(`the Hub's rate limit for this client is spent (answering ${spec.what}); holding its next requests ${(wait / 1000).toFixed(1)} s until the window resets`));
  }

  /**
   * Waits `delay` before a retry, if it fits: within what is left of this client's waiting budget and before the
   * request's deadline. Otherwise fails at once with `e` and why.
   */
  private async waitToRetry(delay: number, e: HubError, spec: RequestSpec, retries: number): Promise<void> {
    this.refuseWait(delay, delay, e, spec, retries);
    this.waitBudgetMs -= delay;
    this.onRetry?.(redact(`retrying in ${(delay / 1000).toFixed(1)} s (retry ${retries + 1}): ${e.message}`));
    await this.sleep(delay);
  }

  /**
   * Throws `e`, saying why, when a wait of `delay` that would take `charged` from the waiting budget does not fit:
   * more than is left of the budget, or past the request's deadline.
   */
  private refuseWait(charged: number, delay: number, e: HubError, spec: RequestSpec, retries: number): void {
    const deadline = this.bound(spec.deadline);
    let why: string | undefined;
    if (charged > this.waitBudgetMs) {
      why = `waiting ${Math.ceil(delay / 1000)} s more would exceed the ${Math.ceil(this.waitBudgetMs / 1000)} s left of this run's retry waiting budget`;
    } else if (deadline && Date.now() + delay >= deadline.at) {
      why = `waiting ${Math.ceil(delay / 1000)} s more would pass ${deadline.why}`;
    }
    if (why) throw this.waitRefused(e, why, retries);
  }

  private waitRefused(e: HubError, why: string, retries: number): HubError {
    return new HubError(e.code, `${e.message} (${why}; gave up after ${retries} retries); retry later`, {
      ...(e.url !== undefined ? { url: e.url } : {}),
      ...(e.status !== undefined ? { status: e.status } : {}),
      ...(e.hubErrorCode !== undefined ? { hubErrorCode: e.hubErrorCode } : {}),
      ...(e.hubErrorMessage !== undefined ? { hubErrorMessage: e.hubErrorMessage } : {}),
      ...(e.path !== undefined ? { path: e.path } : {})
    });
  }

  /**
   * The deadline one attempt runs under: the request's own, else requestTimeoutMs for a metadata request; never
   * later than the run's deadline.
   */
  private attemptDeadline(spec: RequestSpec): Deadline | undefined {
    if (spec.deadline) return this.bound(spec.deadline);
    if (spec.bytes) return this.bound(undefined);
    return this.bound({ at: Date.now() + this.requestTimeoutMs, why: `the ${fmtSeconds(this.requestTimeoutMs)} request deadline (requestTimeoutMs)` });
  }

  /** One request, no retries. Failures before a response are HubErrors 'network', 'timeout', 'unreachable', … */
  private async attempt(url: string, shown: string, spec: RequestSpec): Promise<Attempt> {
    if (this.proxyError) throw new HubError('proxy-error', `${spec.what}: ${this.proxyError.message}`, { url: shown });
    const deadline = this.attemptDeadline(spec);
    if (deadline && Date.now() >= deadline.at) throw deadlineError(spec.what, deadline, shown);
    const headers = this.headersFor(url, spec.headers);
    // Metadata too goes over the raw socket where it can (fewer copies); both paths hand us the bytes as sent.
    if (this.bytesPath(url) === 'socket') {
      try {
        const r = await socketGet(url, {
          headers,
          headersTimeoutMs: this.headersTimeoutMs,
          stallTimeoutMs: this.stallTimeoutMs,
          reuseBuffer: spec.bytes?.reuseBuffer ?? false,
          what: spec.what,
          shownUrl: shown,
          ...(deadline ? { deadline: { at: deadline.at, message: deadlineError(spec.what, deadline, shown).message } } : {}),
          ...(this.ca ? { ca: this.ca } : {})
        });
        return { ...r, raw: true };
      } catch (err) {
        const final = err instanceof HubError && err.code === 'network' ? connectFailure(err, url, shown, spec.what) : undefined;
        throw final ?? err;
      }
    }
    const controller = new AbortController();
    let headersTimedOut = false;
    let deadlinePassed = false;
    const untilDeadline = deadline ? Math.max(0, deadline.at - Date.now()) : Number.POSITIVE_INFINITY;
    const timer = setTimeout(() => {
      if (untilDeadline <= this.headersTimeoutMs) deadlinePassed = true;
      else headersTimedOut = true;
      controller.abort(new Error('headers timeout'));
    }, Math.min(this.headersTimeoutMs, untilDeadline));
    try {
      const init = { method: 'GET', headers, redirect: 'manual', signal: controller.signal, dispatcher: this.dispatcher };
      const response = await this.fetchImpl(url, init as RequestInit);
      return {
        status: response.status,
        headers: response.headers,
        body: new BodyReader(response, controller, this.stallTimeoutMs, shown, spec.what, deadline),
        raw: this.rawBodies
      };
    } catch (err) {
      if (deadlinePassed && deadline) throw deadlineError(spec.what, deadline, shown);
      if (headersTimedOut) throw new HubError('timeout', `${spec.what}: no response within ${this.headersTimeoutMs} ms`, { url: shown });
      const proxy = proxyFor(url, this.proxy);
      const failed = proxy === undefined ? undefined : proxyFailure(err);
      if (proxy !== undefined && failed !== undefined) {
        const source = this.proxySource(url);
        throw new HubError(
          'proxy-error',
          `${spec.what}: the proxy ${shownProxy(proxy)} (${source}) ${failed.why}; ${proxyAdvice(source, failed.status)}`,
          { url: shown, cause: err, ...(failed.status !== undefined ? { status: failed.status } : {}) }
        );
      }
      throw (
        connectFailure(err, url, shown, spec.what) ??
        new HubError('network', `${spec.what}: request to ${new URL(url).origin} failed: ${describeCause(err)}`, { url: shown, cause: err })
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * GETs JSON. A 3xx is returned with its Location (never followed); a 2xx body is read in full (bounded) and
   * parsed. Broken or stalled bodies are retried like failed requests; unparseable JSON is 'malformed-response'.
   */
  async getJson(url: string, spec: RequestSpec): Promise<JsonAnswer> {
    let attempt = 0;
    let retries = 0;
    for (;;) {
      // identity: the Hub answers uncompressed; a server that compresses anyway is decompressed under the JSON cap.
      const opened = await this.open(url, { ...spec, headers: { accept: 'application/json', 'accept-encoding': 'identity', ...spec.headers } }, attempt);
      retries += opened.retries;
      attempt += opened.retries;
      if (isRedirect(opened.status)) {
        await opened.body.cancel();
        const location = opened.headers.get('location') ?? undefined;
        if (!location) {
          throw new HubError('malformed-response', `${spec.what}: HTTP ${opened.status} redirect without a Location`, {
            url: opened.url,
            status: opened.status
          });
        }
        return { status: opened.status, headers: opened.headers, url: opened.url, location, retries };
      }
      let text: string;
      try {
        text = await this.readText(opened, spec.what);
      } catch (err) {
        if (err instanceof HubError && (err.code === 'network' || err.code === 'timeout') && this.takeRetry(attempt)) {
          await this.waitToRetry(this.backoffMs(attempt), err, spec, retries);
          attempt++;
          retries++;
          continue;
        }
        throw err;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        throw new HubError(
          'malformed-response',
          `${spec.what}: the Hub's answer is not JSON (${(err as Error).message}); the server is not a Hub API or the response was altered`,
          { url: opened.url, status: opened.status }
        );
      }
      return { status: opened.status, headers: opened.headers, url: opened.url, body, retries };
    }
  }

  /** Runs a validator over a parsed body, turning shape errors into 'malformed-response'. */
  validate<T>(answer: JsonAnswer, what: string, check: (body: unknown) => T): T {
    try {
      return check(answer.body);
    } catch (err) {
      if (err instanceof ShapeError || err instanceof HubError) {
        throw new HubError(
          err instanceof HubError ? err.code : 'malformed-response',
          `${what}: malformed answer from the Hub: ${err.message}`,
          { url: answer.url, status: answer.status }
        );
      }
      throw err;
    }
  }

  /**
   * The body as text, every chunk counted (after any Content-Encoding was undone, so a gzip bomb is stopped at
   * the cap) and scanned for depth and values before it is kept: limits fail while memory is still small.
   */
  private async readText(opened: Opened, what: string): Promise<string> {
    const encoding = opened.headers.get('content-encoding')?.trim().toLowerCase();
    const limiter = new JsonLimiter(this.jsonLimits);
    const refuse = async (over: string): Promise<never> => {
      await opened.body.cancel();
      throw new HubError(
        'limit-exceeded',
        `${what}: the Hub's JSON answer is ${over}${encoding ? ` (sent with Content-Encoding: ${clean(encoding, 40)})` : ''}; refusing to parse it`,
        { url: opened.url, status: opened.status }
      );
    };
    const chunks: Uint8Array[] = [];
    let total = 0;
    let over: string | undefined;
    const keep = (c: Uint8Array): void => {
      if (over) return;
      over = limiter.feed(c);
      if (!over) {
        chunks.push(c);
        total += c.byteLength;
      }
    };
    // A raw body with a Content-Encoding is undone here, as it streams, fed to zlib in small pieces so that no
    // piece can expand past ~1 MB before the limiter sees it (an injected fetch has already undone it otherwise).
    const encoded = opened.raw === true && encoding !== undefined && encoding !== 'identity' && encoding !== '';
    let decoder: Transform | undefined;
    if (encoded) {
      decoder = decoderFor(encoding);
      if (!decoder) {
        await opened.body.cancel();
        throw new HubError('malformed-response', `${what}: the Hub's answer has an unsupported Content-Encoding '${clean(encoding, 40)}'`, {
          url: opened.url,
          status: opened.status
        });
      }
      decoder.on('data', keep);
    }
    let decodeError: Error | undefined;
    decoder?.on('error', (e: Error) => (decodeError ??= e));
    const feed = async (piece: Uint8Array): Promise<void> => {
      if (!decoder) return keep(piece);
      const d = decoder;
      // A corrupt stream errors instead of calling back: either ends the wait (never a hang).
      await new Promise<void>((resolve) => {
        const onError = (): void => resolve();
        d.once('error', onError);
        d.write(piece, () => {
          d.off('error', onError);
          resolve();
        });
      });
    };
    try {
      for (;;) {
        const chunk = await opened.body.read();
        if (!chunk) break;
        if (decoder) {
          // The reader may reuse its buffer: zlib gets a copy.
          const copy = Buffer.from(chunk);
          for (let i = 0; i < copy.length && !over && !decodeError; i += 1024) await feed(copy.subarray(i, i + 1024));
        } else {
          await feed(chunk);
        }
        if (over) return await refuse(over);
        if (decodeError) break;
      }
      if (decoder && !decodeError && !over) {
        const d = decoder;
        await new Promise<void>((resolve) => {
          d.once('end', resolve);
          d.once('error', () => resolve());
          d.end();
        });
      }
    } finally {
      decoder?.destroy();
    }
    if (over) return refuse(over);
    if (decodeError) {
      await opened.body.cancel();
      throw new HubError('malformed-response', `${what}: the Hub's answer could not be decoded (Content-Encoding: ${clean(encoding, 40)}): ${decodeError.message}`, {
        url: opened.url,
        status: opened.status
      });
    }
    return Buffer.concat(chunks, total).toString('utf8');
  }

  private headersFor(url: string, extra: Record<string, string> | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...extra };
    if (this.sendsTokenTo(url)) headers.authorization = `Bearer ${this.token}`;
    return headers;
  }

  private proxySource(url: string): string {
    return (new URL(url).protocol === 'https:' ? this.proxy.httpsSource : this.proxy.httpSource) ?? 'HTTPS_PROXY';
  }

  private gaveUp(e: HubError, retries: number): HubError {
    if (retries === 0 && this.budget > 0) return e;
    const why = this.budget <= 0 ? 'the retry budget of this run is spent' : `gave up after ${retries} retries`;
    return new HubError(e.code, `${e.message} (${why}); retry later`, {
      url: e.url,
      status: e.status,
      hubErrorCode: e.hubErrorCode,
      hubErrorMessage: e.hubErrorMessage
    });
  }

  /** A typed error from a 4xx/5xx answer; consumes (a bounded part of) the body for the Hub's message. */
  async errorFrom(answer: Attempt, url: string, spec: RequestSpec): Promise<HubError> {
    const status = answer.status;
    const xCode = clean(answer.headers.get('x-error-code'));
    let xMessage = clean(answer.headers.get('x-error-message'));
    if (!xMessage) xMessage = await bodyErrorMessage(answer.body);
    else await answer.body.cancel();
    const details = { url, status, hubErrorCode: xCode, hubErrorMessage: xMessage };
    const said = [xCode, xMessage].filter(Boolean).join(': ');
    const at = `(HTTP ${status}${said ? `, Hub says "${said}"` : ''}, ${url})`;
    const fail = (code: HubErrorCode, text: string): HubError => new HubError(code, `${spec.what}: ${text} ${at}`, details);
    if (xMessage && /disabled/i.test(xMessage)) {
      return fail('disabled', 'the Hub has disabled access to this repository; do not approve it.');
    }
    switch (xCode) {
      case 'RepoNotFound':
        return fail('repo-not-found', 'no such repository. Check the name and its case; a private one needs HF_TOKEN.');
      case 'RevisionNotFound':
        return fail('revision-not-found', 'the repository has no such revision; pin a commit it actually has.');
      case 'EntryNotFound':
        return fail('entry-not-found', 'the file is not in the repository at this commit.');
      case 'GatedRepo':
        return fail('gated', 'the repository is gated; accept its terms on the Hub with the account whose HF_TOKEN is used.');
    }
    if (status === 429) return fail('rate-limited', 'the Hub is rate-limiting this client; wait for its window or use a token.');
    if (status >= 500 || status === 408) return fail('server-error', 'the Hub failed to answer.');
    if (status === 401) {
      return fail(
        'unauthorized',
        'the Hub refused anonymous or token access: the repository is missing or private, or HF_TOKEN is invalid. Check the name, or set HF_TOKEN to a token with read access.'
      );
    }
    if (status === 403) return fail('forbidden', 'the token has no access to this resource.');
    if (status === 404) return fail(spec.notFound ?? 'not-found', 'not found.');
    return fail('http-error', 'unexpected answer.');
  }
}

async function bodyErrorMessage(body: ChunkReader): Promise<string | undefined> {
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < 4096) {
      const c = await body.read();
      if (!c) break;
      chunks.push(Buffer.from(c));
      total += c.byteLength;
    }
    await body.cancel();
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      const parsed = JSON.parse(text) as { error?: unknown };
      if (typeof parsed.error === 'string') return clean(parsed.error);
    } catch {
      // not JSON: fall through to the raw text
    }
    return clean(text);
  } catch {
    return undefined;
  }
}

/** Why a request through a proxy failed, when the proxy itself is the cause (refused, unreachable, said no). */
function proxyFailure(err: unknown): { why: string; status?: number } | undefined {
  let e: unknown = err;
  // Duck-typed, not `instanceof Error`: errors from Node's internals may come from another realm (test VMs).
  for (let i = 0; i < 6 && typeof e === 'object' && e !== null; i++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'ECONNREFUSED') return { why: 'refused the connection' };
    if (code === 'ENOTFOUND') return { why: 'has a host name that does not resolve' };
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { why: 'cannot be reached' };
    const text = typeof message === 'string' ? message : '';
    // undici, forwarding a plain-http request: the proxy answered 407.
    if (/Proxy Authentication Required \(407\)/.test(text)) return { why: 'requires authentication (HTTP 407)', status: 407 };
    // undici's CONNECT tunnel: the proxy answered but would not open it (a 5xx is the far side failing: retried).
    const tunnel = /Proxy response \((\d{3})\) !== 200/.exec(text);
    if (tunnel && Number(tunnel[1]) < 500) {
      return { why: `refused to open a tunnel (HTTP ${tunnel[1]} to CONNECT)`, status: Number(tunnel[1]) };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function proxyAdvice(source: string, status: number | undefined): string {
  return status === 407
    ? `put credentials in ${source} as http://user:password@host:port`
    : `check ${source} and NO_PROXY, or unset ${source} to connect directly`;
}

/** A streaming decoder for one Content-Encoding, or undefined for one we do not undo. */
function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function fmtSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The error for a request or file that ran past its wall-clock deadline. */
export function deadlineError(what: string, deadline: Deadline, url: string): HubError {
  return new HubError(
    'deadline-exceeded',
    `${what}: not finished within ${deadline.why}; the server is too slow or is dripping bytes${url ? ` (${url})` : ''}`,
    url ? { url } : {}
  );
}

const CERT_CODE = /^(CERT_|ERR_TLS_CERT|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|ERR_SSL_|HOSTNAME_MISMATCH)/;

/**
 * A connection failure no retry can fix, as a final HubError naming the origin: refused (nothing listens), a
 * host that does not resolve, a certificate that is not trusted. Undefined for anything else (resets, timeouts).
 */
export function connectFailure(err: unknown, url: string, shown: string, what: string): HubError | undefined {
  const origin = new URL(url).origin;
  let e: unknown = err;
  for (let i = 0; i < 6 && typeof e === 'object' && e !== null; i++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string') {
      if (code === 'ECONNREFUSED') {
        return new HubError('unreachable', `${what}: cannot connect to ${origin}: connection refused (ECONNREFUSED); nothing listens there. Check the Hub URL (--hub-url, the hub-url input or HF_ENDPOINT)`, { url: shown, cause: err });
      }
      if (code === 'ENOTFOUND') {
        return new HubError('unreachable', `${what}: cannot connect to ${origin}: the host name does not resolve (ENOTFOUND). Check the Hub URL (--hub-url, the hub-url input or HF_ENDPOINT)`, { url: shown, cause: err });
      }
      if (CERT_CODE.test(code)) {
        return new HubError('tls-error', `${what}: ${origin} presented a certificate that is not trusted (${code}); for a mirror with a private CA, pass its CA certificate`, { url: shown, cause: err });
      }
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
