// LZMA decoding (the raw algorithm under .lzma "alone" files and xz's LZMA2): a range decoder over probability
// models, literals and matches into a sliding dictionary. Input arrives in pieces: `decode` stops when fewer than
// MARGIN bytes remain (one symbol never reads more) unless told the input is complete.
import { fail } from './stream.js';

export const MARGIN = 64;
const kNumStates = 12;
const kMatchMinLen = 2;

class LenDecoder {
  choice = new Uint16Array(2);
  low = new Uint16Array(16 << 3);
  mid = new Uint16Array(16 << 3);
  high = new Uint16Array(256);
  reset(): void { this.choice.fill(1024); this.low.fill(1024); this.mid.fill(1024); this.high.fill(1024); }
}

/** The dictionary: grows with the output up to its size, then wraps. Output is handed on by `flush`. */
export class Window {
  buf = new Uint8Array(0);
  pos = 0;
  /** How many bytes of history are valid (for distance checks). */
  full = 0;
  private flushed = 0;
  total = 0;
  /** Set by the owner when the consumer wants no more output: decoding stops at the next flush point. */
  halted = false;
  constructor(readonly size: number, private readonly out: (chunk: Uint8Array) => void) {}
  /** Dictionary reset: no history, positions (for posState) restart. */
  reset(): void { this.flush(); this.full = 0; this.total = 0; }
  /** Makes room for at least one byte at `pos`. */
  room(): void {
    if (this.pos < this.buf.length) return;
    this.flush();
    if (this.buf.length < this.size) {
      const nb = new Uint8Array(Math.min(this.size, Math.max(1 << 16, this.buf.length * 2)));
      nb.set(this.buf);
      this.buf = nb;
    } else {
      this.pos = 0;
      this.flushed = 0;
    }
  }
  flush(): void {
    if (this.pos > this.flushed) {
      const piece = this.buf.subarray(this.flushed, this.pos);
      this.flushed = this.pos;
      this.out(piece);
    }
  }
  put(b: number): void {
    if (this.pos >= this.buf.length) this.room();
    this.buf[this.pos++] = b;
    if (this.full < this.size) this.full++;
    this.total++;
  }
  /** The byte `dist` + 1 back. */
  get(dist: number): number {
    let i = this.pos - dist - 1;
    if (i < 0) i += this.buf.length;
    return this.buf[i] as number;
  }
  pending(): number { return this.pos - this.flushed; }
}

export interface DecodeResult { pos: number; status: 'more' | 'limit' | 'end-marker' }

export class LzmaDecoder {
  lc = 3; lp = 0; pb = 2;
  private literal = new Uint16Array(0x300);
  private isMatch = new Uint16Array(kNumStates << 4);
  private isRep = new Uint16Array(kNumStates);
  private isRepG0 = new Uint16Array(kNumStates);
  private isRepG1 = new Uint16Array(kNumStates);
  private isRepG2 = new Uint16Array(kNumStates);
  private isRep0Long = new Uint16Array(kNumStates << 4);
  private posSlot = new Uint16Array(4 << 6);
  private posSpecial = new Uint16Array(1 + 114);
  private align = new Uint16Array(16);
  private lenDec = new LenDecoder();
  private repLenDec = new LenDecoder();
  private state = 0;
  private rep0 = 0; private rep1 = 0; private rep2 = 0; private rep3 = 0;
  /** A match cut by an LZMA2 chunk's size limit continues in the next chunk. */
  private pendingLen = 0;
  range = 0;
  code = 0;

  constructor(readonly win: Window, private readonly label: string) {}

  setProps(props: number, at: number): void {
    if (props >= 225) fail('compression.invalid', `Corrupt ${this.label} stream: LZMA properties byte ${props} is invalid`, at);
    this.lc = props % 9;
    const r = Math.floor(props / 9);
    this.lp = r % 5;
    this.pb = Math.floor(r / 5);
    if (this.lc + this.lp > 4) fail('compression.invalid', `Corrupt ${this.label} stream: lc + lp > 4, which liblzma rejects`, at);
    const n = 0x300 << (this.lc + this.lp);
    if (this.literal.length !== n) this.literal = new Uint16Array(n);
  }

  resetState(): void {
    this.literal.fill(1024); this.isMatch.fill(1024); this.isRep.fill(1024); this.isRepG0.fill(1024);
    this.isRepG1.fill(1024); this.isRepG2.fill(1024); this.isRep0Long.fill(1024); this.posSlot.fill(1024);
    this.posSpecial.fill(1024); this.align.fill(1024); this.lenDec.reset(); this.repLenDec.reset();
    this.state = 0; this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0; this.pendingLen = 0;
  }

  /** Range decoder start: 5 bytes, the first 0. */
  rcInit(b: Uint8Array, p: number, at: number): void {
    if (b[p] !== 0) fail('compression.invalid', `Corrupt ${this.label} stream: range coder does not start with 0`, at);
    this.range = 0xffffffff;
    this.code = ((b[p + 1] as number) * 2 ** 24 + (b[p + 2] as number) * 65536 + (b[p + 3] as number) * 256 + (b[p + 4] as number));
    if (this.code === 0xffffffff) fail('compression.invalid', `Corrupt ${this.label} stream: range coder start`, at);
  }

  /**
   * Decodes from `b[p..end)` until `limit` more bytes are out, an end marker, or (unless `final`) fewer than MARGIN
   * input bytes remain. `base` is the stream offset of `b[0]`, for messages.
   */
  decode(b: Uint8Array, p: number, end: number, limit: number, final: boolean, base: number): DecodeResult {
    const win = this.win;
    let range = this.range, code = this.code;
    let overrun = false;
    const label = this.label;
    const next = (): number => {
      if (p >= end) { overrun = true; p++; return 0; }
      return b[p++] as number;
    };
    const bit = (probs: Uint16Array, i: number): number => {
      const prob = probs[i] as number;
      const bound = (range >>> 11) * prob;
      let r: number;
      if (code < bound) { range = bound; probs[i] = prob + ((2048 - prob) >> 5); r = 0; } else { range -= bound; code -= bound; probs[i] = prob - (prob >> 5); r = 1; }
      if (range < 0x1000000) { range = range * 256; code = code * 256 + next(); }
      return r;
    };
    const tree = (probs: Uint16Array, off: number, bits: number): number => {
      let m = 1;
      for (let i = 0; i < bits; i++) m = (m << 1) | bit(probs, off + m);
      return m - (1 << bits);
    };
    const reverse = (probs: Uint16Array, off: number, bits: number): number => {
      let m = 1, sym = 0;
      for (let i = 0; i < bits; i++) { const x = bit(probs, off + m); m = (m << 1) | x; sym |= x << i; }
      return sym;
    };
    const direct = (bits: number): number => {
      let res = 0;
      for (let i = 0; i < bits; i++) {
        range = range >>> 1;
        let x = 0;
        if (code >= range) { code -= range; x = 1; }
        res = res * 2 + x;
        if (range < 0x1000000) { range = range * 256; code = code * 256 + next(); }
      }
      return res;
    };
    const length = (d: LenDecoder, posState: number): number => {
      if (bit(d.choice, 0) === 0) return tree(d.low, posState << 3, 3);
      if (bit(d.choice, 1) === 0) return 8 + tree(d.mid, posState << 3, 3);
      return 16 + tree(d.high, 0, 8);
    };
    // Output decoded before a failure is handed on first: what was pending depended on where the previous decode
    // call (a push) ended, so a corrupt .lzma stream gave the nested scanner more or fewer bytes by chunking.
    const bad = (why: string): never => { win.flush(); return fail('compression.invalid', `Corrupt ${label} stream: ${why}`, base + Math.min(p, end)); };
    const copy = (len: number, dist: number): number => {
      // Copies up to `len` bytes from `dist` + 1 back; returns how many were not copied (output limit).
      let n = Math.min(len, limit - done);
      done += n;
      const left = len - n;
      while (n-- > 0) win.put(win.get(dist));
      return left;
    };
    const pbMask = (1 << this.pb) - 1, lpMask = (1 << this.lp) - 1, lc = this.lc;
    let done = 0;
    if (this.pendingLen > 0) this.pendingLen = copy(this.pendingLen, this.rep0);
    let status: DecodeResult['status'] = 'more';
    while (done < limit) {
      if (!final && end - p < MARGIN) break;
      if (final && p > end) break;
      if (win.pending() >= 1 << 20) {
        win.flush();
        if (win.halted) break;
      }
      const posState = win.total & pbMask;
      const st = this.state;
      if (bit(this.isMatch, (st << 4) + posState) === 0) {
        const prev = win.total > 0 && win.full > 0 ? win.get(0) : 0;
        const off = 0x300 * (((win.total & lpMask) << lc) + (prev >> (8 - lc)));
        let sym = 1;
        if (st < 7) {
          while (sym < 0x100) sym = (sym << 1) | bit(this.literal, off + sym);
        } else {
          if (this.rep0 >= win.full) bad('match byte distance beyond the dictionary');
          let matchByte = win.get(this.rep0) << 1;
          let offs = 0x100;
          while (sym < 0x100) {
            const mb = matchByte & offs;
            matchByte <<= 1;
            const x = bit(this.literal, off + offs + mb + sym);
            sym = (sym << 1) | x;
            offs = x ? mb : offs & ~mb;
          }
        }
        if (overrun) break; // decoded from bytes past the input: not output
        win.put(sym & 0xff);
        done++;
        this.state = st < 4 ? 0 : st < 10 ? st - 3 : st - 6;
        continue;
      }
      let len: number;
      if (bit(this.isRep, st) === 0) {
        this.rep3 = this.rep2; this.rep2 = this.rep1; this.rep1 = this.rep0;
        len = length(this.lenDec, posState);
        this.state = st < 7 ? 7 : 10;
        const lenState = Math.min(len, 3);
        const slot = tree(this.posSlot, lenState << 6, 6);
        let dist: number;
        if (slot < 4) dist = slot;
        else {
          const nd = (slot >> 1) - 1;
          dist = (2 | (slot & 1)) * 2 ** nd;
          if (slot < 14) dist += reverse(this.posSpecial, dist - slot, nd);
          else dist += direct(nd - 4) * 16 + reverse(this.align, 0, 4);
        }
        if (dist === 0xffffffff) { status = 'end-marker'; this.rep0 = dist; break; }
        this.rep0 = dist;
      } else {
        if (bit(this.isRepG0, st) === 0) {
          if (bit(this.isRep0Long, (st << 4) + posState) === 0) {
            this.state = st < 7 ? 9 : 11;
            if (this.rep0 >= win.full) bad('distance beyond the dictionary');
            if (overrun) break;
            win.put(win.get(this.rep0));
            done++;
            continue;
          }
        } else {
          let dist: number;
          if (bit(this.isRepG1, st) === 0) dist = this.rep1;
          else {
            if (bit(this.isRepG2, st) === 0) dist = this.rep2;
            else { dist = this.rep3; this.rep3 = this.rep2; }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = length(this.repLenDec, posState);
        this.state = st < 7 ? 8 : 11;
      }
      if (overrun) break;
      if (this.rep0 >= win.full) {
        if (win.full >= win.size && win.size < this.declared) {
          win.flush();
          fail('compression.window', `${label} stream refers ${this.rep0 + 1} bytes back, beyond the ${win.size >> 20} MiB dictionary this scanner holds (the stream declares ${Math.ceil(this.declared / 2 ** 20)} MiB)`, base + p);
        }
        bad(`match distance ${this.rep0 + 1} beyond the ${win.full} bytes decoded`);
      }
      this.pendingLen = copy(len + kMatchMinLen, this.rep0);
    }
    if (overrun || p > end) bad('truncated');
    this.range = range;
    this.code = code;
    if (status === 'more' && done >= limit) status = 'limit';
    return { pos: p, status };
  }

  /** The dictionary size the stream declared (may exceed what the window holds). */
  declared = 0;

  /** True when the range coder finished cleanly (code 0), as liblzma requires at the end of LZMA2 chunks. */
  finished(): boolean { return this.code === 0; }
}
