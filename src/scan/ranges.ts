// One pass, several readers: archives whose loaders read byte ranges that may overlap (zip members pointing into
// each other, tar members whose pax size runs past the next header) are scanned by routing every chunk to each
// reading whose range covers it, as the chunk streams by. Most archives have one reading active at a time.
import type { Ahead } from './types.js';
import { combineAhead, NEED_ALL } from './ahead.js';

/** A reading that starts at a fixed offset and decides as it goes where it ends. */
export interface RangeReader {
  /** Takes the next bytes of the reading (valid only during the call); returns how many it used. Fewer than offered = finished. */
  push(chunk: Uint8Array): number;
  /** The stream ended while the reading still wanted bytes. */
  end(): void;
  /** Optional (ahead.ts): what the reading does with the bytes ahead; null once it wants none. */
  ahead?(): Ahead | null;
  /** Passes `n` bytes of the reading by unread (`n <= ahead().skip`). */
  skip?(n: number): void;
}

interface Slot { start: number; reader: RangeReader; done: boolean }

export class RangeRouter {
  /** Absolute offset of the next chunk. */
  pos = 0;
  private pending: Slot[] = [];
  private sorted = true;
  private active: Slot[] = [];
  /** Where the chunk being pushed starts (readings may be added during the push from this offset on). */
  private chunkStart = 0;

  constructor(private readonly maxActive = 256) {}

  /** Registers a reading from `start` (at or after the chunk being pushed). False when too many are active at once. */
  add(start: number, reader: RangeReader): boolean {
    if (start < this.chunkStart) throw new Error(`reading at ${start} registered after its bytes streamed (at ${this.chunkStart})`);
    if (this.pending.length + this.active.length >= this.maxActive * 64) return false;
    const last = this.pending[this.pending.length - 1];
    if (last && last.start > start) this.sorted = false;
    this.pending.push({ start, reader, done: false });
    return true;
  }

  /** Number of readings not yet finished. */
  get open(): number {
    return this.pending.length + this.active.length;
  }

  /**
   * Routes `chunk` to the readings that cover it. `uncovered` receives the parts no reading used (offset absolute),
   * `overflow` each reading that could not start because too many were active.
   */
  push(chunk: Uint8Array, uncovered?: (part: Uint8Array, at: number) => void, overflow?: (start: number, reader: RangeReader) => void): void {
    const start = this.pos;
    const end = start + chunk.length;
    this.chunkStart = start;
    if (!this.sorted) {
      this.pending.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
    // Covered intervals within this chunk, for `uncovered`.
    let covered: [number, number][] | undefined = uncovered ? [] : undefined;
    const feed = (s: Slot): void => {
      const from = Math.max(0, s.start - start);
      if (from >= chunk.length) return;
      const part = from === 0 ? chunk : chunk.subarray(from);
      const used = s.reader.push(part);
      covered?.push([from, from + used]);
      if (used < part.length) s.done = true;
    };
    for (const s of this.active) feed(s);
    // Readings that start inside this chunk (including ones added while the chunk is being pushed elsewhere).
    for (;;) {
      let took = false;
      while (this.pending.length > 0 && (this.pending[0] as Slot).start < end) {
        const s = this.pending.shift() as Slot;
        took = true;
        if (this.active.filter((a) => !a.done).length >= this.maxActive) {
          overflow?.(s.start, s.reader);
          continue;
        }
        this.active.push(s);
        feed(s);
      }
      if (!took) break;
      if (!this.sorted) {
        this.pending.sort((a, b) => a.start - b.start);
        this.sorted = true;
      }
    }
    this.active = this.active.filter((s) => !s.done);
    this.pos = end;
    if (uncovered && covered) {
      covered.sort((a, b) => a[0] - b[0]);
      let at = 0;
      for (const [a, b] of covered) {
        if (a > at) uncovered(chunk.subarray(at, a), start + at);
        at = Math.max(at, b);
      }
      if (at < chunk.length) uncovered(chunk.subarray(at), start + at);
    }
    covered = undefined;
    this.chunkStart = end;
  }

  /** Offset of the next reading that has not started (Infinity: none). */
  nextStart(): number {
    this.sortPending();
    return this.pending[0]?.start ?? Infinity;
  }

  /**
   * What the readings covering the bytes at `pos` do with the bytes ahead, up to the next reading's start; null
   * when no reading covers them (they are uncovered: the caller decides).
   */
  ahead(): Ahead | null {
    const next = this.nextStart();
    const all: Ahead[] = [];
    for (const s of this.active) {
      if (s.done) continue;
      const a = s.reader.ahead && s.reader.skip ? s.reader.ahead() : NEED_ALL;
      if (a) all.push(a);
    }
    // A reading starting right here has not seen its first byte: it needs it (and starts on the next push).
    for (const s of this.pending) {
      if (s.start > this.pos) break;
      const a = s.reader.ahead && s.reader.skip ? s.reader.ahead() : NEED_ALL;
      all.push(a ? { skip: 0, see: Math.max(1, a.skip > 0 ? 1 : a.see) } : { skip: 0, see: 1 });
    }
    if (all.length === 0) return null;
    const a = combineAhead(all);
    return a.skip > 0 ? { skip: Math.min(a.skip, next - this.pos), see: 0 } : a;
  }

  /** Passes `n` bytes by unread: only as far as ahead() said (every covering reading skips them). */
  skip(n: number): void {
    if (n <= 0) return;
    if (this.nextStart() < this.pos + n) throw new Error(`RangeRouter: skip() over the start of a reading at ${this.nextStart()}`);
    for (const s of this.active) {
      if (s.done) continue;
      if (!s.reader.ahead || !s.reader.skip) throw new Error('RangeRouter: skip() over a reading that cannot skip');
      if (s.reader.ahead() === null) s.done = true; // finished: in a push it would have used none of these bytes
      else s.reader.skip(n);
    }
    this.active = this.active.filter((s) => !s.done);
    this.pos += n;
    this.chunkStart = this.pos;
  }

  private sortPending(): void {
    if (!this.sorted) {
      this.pending.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
  }

  /** The stream ended: every reading still open is told so, and readings that never started are returned. */
  end(): { notStarted: number[] } {
    for (const s of this.active) s.reader.end();
    const notStarted = this.pending.map((s) => s.start);
    for (const s of this.pending) s.reader.end();
    this.active = [];
    this.pending = [];
    return { notStarted };
  }
}
