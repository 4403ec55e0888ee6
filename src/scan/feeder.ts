// Turns a pull-style parser (a generator that asks for bytes) into a push-based scanner input, so format
// parsers read like straight-line code while the bytes arrive in arbitrary chunks.
import type { Ahead } from './types.js';
import { NEED_ALL, SKIP_ALL } from './ahead.js';

export type Need =
  /** Give me exactly `read` bytes: the parser's own copy, which it may keep across later yields. */
  | { read: number }
  /**
   * Hand the next `pipe` bytes to `to` as they arrive (or drop them), then resume me. With `ahead`/`skip`, a
   * reader that can pass bytes by unread asks `ahead` how many of them `to` would only count, and passes them by
   * through `skip` (see ahead.ts); a pipe that drops its bytes passes them by anyway.
   */
  | { pipe: number; to?: (chunk: Uint8Array) => void; ahead?: () => Ahead; skip?: (n: number) => void }
  /**
   * Hand everything up to the end of the stream to `rest`; I resume with `undefined` at the end. `'count'`: nothing
   * reads those bytes, they are only counted, so a reader may pass them by (ahead() says so).
   */
  | { rest: ((chunk: Uint8Array) => void) | 'count' };

/** Resumed with the bytes asked for, an empty array after a pipe, or `undefined` when the stream ended first. */
export type Parser = Generator<Need, void, Uint8Array | undefined>;

const EMPTY = new Uint8Array(0);

export class Feeder {
  /** Bytes handed to the parser (read or piped) so far: the stream offset the parser is at. */
  offset = 0;
  finished = false;
  /** Bytes that arrived after the parser returned. */
  trailingBytes = 0;
  private queue: Uint8Array[] = [];
  private queued = 0;
  private need: Need | undefined;
  private pipeLeft = 0;

  private started = false;

  /** The parser starts on the first push (or end), so it may refer to the feeder it is given to. */
  constructor(private readonly gen: Parser, private readonly onTrailing?: (chunk: Uint8Array, offset: number) => void) {}

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.step(EMPTY, true);
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.start();
    if (this.finished) {
      this.trail(chunk);
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.pump();
    // The chunk is only valid during this call (StreamScanner contract). What is still queued is the unread end of
    // it (the queue was empty or fully owned before), fewer bytes than the pending read: keep a copy of just that.
    const last = this.queue.length - 1;
    const left = this.queue[last];
    if (left !== undefined && left.buffer === chunk.buffer) this.queue[last] = left.slice();
  }

  /** The stream ended: the parser sees `undefined` for whatever it was waiting for. */
  end(): void {
    this.start();
    this.pump();
    for (let guard = 0; !this.finished && guard < 64; guard++) this.step(undefined);
    if (!this.finished) {
      this.gen.return();
      this.finished = true;
    }
  }

  /** What the parser does with the bytes ahead; null once it has returned (later bytes are trailing). */
  ahead(): Ahead | null {
    this.start();
    if (this.finished) return null;
    const need = this.need;
    if (!need) return NEED_ALL;
    if ('read' in need) return { skip: 0, see: Math.max(1, need.read - this.queued) };
    if ('rest' in need) return need.rest === 'count' && this.queued === 0 ? SKIP_ALL : NEED_ALL;
    if (!('pipe' in need) || this.queued > 0 || this.pipeLeft <= 0) return NEED_ALL;
    if (!need.to) return { skip: this.pipeLeft, see: 0 };
    if (!need.ahead || !need.skip) return NEED_ALL;
    const a = need.ahead();
    return a.skip > 0 ? { skip: Math.min(a.skip, this.pipeLeft), see: 0 } : a;
  }

  /**
   * Passes `n` bytes of the current pipe, or of a counted rest, by unread (`n <= ahead().skip`); the parser resumes
   * when the pipe ends.
   */
  skip(n: number): void {
    const need = this.need;
    if (!this.finished && need && 'rest' in need && need.rest === 'count' && this.queued === 0) {
      if (n > 0) this.offset += n;
      return;
    }
    if (this.finished || !need || !('pipe' in need) || this.queued > 0 || n > this.pipeLeft) throw new Error('Feeder: skip() outside a pipe');
    if (n <= 0) return;
    if (need.to) need.skip?.(n);
    this.pipeLeft -= n;
    this.offset += n;
    if (this.pipeLeft === 0) {
      this.step(EMPTY);
      this.pump();
    }
  }

  /**
   * ahead() for a feeder that reads a whole stream (a file's scanner, not one reading among several): once the
   * parser has returned, trailing bytes are needed if onTrailing reads them and passed by if nobody does.
   */
  streamAhead(): Ahead {
    return this.ahead() ?? (this.onTrailing ? NEED_ALL : SKIP_ALL);
  }

  /** skip() for a whole stream's feeder: after the parser returned, the bytes passed by are counted as trailing. */
  streamSkip(n: number): void {
    if (!this.finished) return this.skip(n);
    if (this.onTrailing) throw new Error('Feeder: skip() of trailing bytes that onTrailing reads');
    if (n > 0) this.trailingBytes += n;
  }

  private trail(chunk: Uint8Array): void {
    this.onTrailing?.(chunk, this.offset + this.trailingBytes);
    this.trailingBytes += chunk.length;
  }

  private step(value: Uint8Array | undefined, first = false): void {
    const r = first ? this.gen.next() : this.gen.next(value);
    if (r.done) {
      this.finished = true;
      this.need = undefined;
      const rest = this.queue;
      this.queue = [];
      this.queued = 0;
      for (const c of rest) this.trail(c);
      return;
    }
    this.need = r.value;
    if ('pipe' in r.value) this.pipeLeft = r.value.pipe;
  }

  /** The next `n` queued bytes: a view for pipes (used during the push), a copy for reads (kept by the parser). */
  private take(n: number, keep: boolean): Uint8Array {
    // A zero-byte read (an empty name) needs no queued chunk: with the queue empty it read queue[0] of nothing
    // and threw, so the outcome depended on whether a chunk boundary fell there.
    if (n === 0) return new Uint8Array(0);
    const first = this.queue[0] as Uint8Array;
    let out: Uint8Array;
    if (first.length >= n) {
      out = keep ? first.slice(0, n) : first.subarray(0, n);
      if (first.length === n) this.queue.shift();
      else this.queue[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let o = 0;
      while (o < n) {
        const c = this.queue[0] as Uint8Array;
        const k = Math.min(c.length, n - o);
        out.set(c.subarray(0, k), o);
        o += k;
        if (k === c.length) this.queue.shift();
        else this.queue[0] = c.subarray(k);
      }
    }
    this.queued -= n;
    this.offset += n;
    return out;
  }

  private pump(): void {
    while (!this.finished && this.need) {
      const need = this.need;
      if ('read' in need) {
        if (this.queued < need.read) return;
        this.step(this.take(need.read, true));
      } else if ('pipe' in need) {
        while (this.pipeLeft > 0 && this.queued > 0) {
          const c = this.queue[0] as Uint8Array;
          const piece = this.take(Math.min(c.length, this.pipeLeft), false);
          this.pipeLeft -= piece.length;
          need.to?.(piece);
        }
        if (this.pipeLeft > 0) return;
        this.step(EMPTY);
      } else {
        const rest = need.rest;
        while (this.queued > 0) {
          const piece = this.take((this.queue[0] as Uint8Array).length, false);
          if (rest !== 'count') rest(piece);
        }
        return;
      }
    }
  }
}
