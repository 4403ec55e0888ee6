// A push-based DEFLATE (RFC 1951) decoder. node:zlib only streams asynchronously, and scanners are synchronous
// push consumers, so members of zips and gzip/zlib wrappers are inflated here, chunk by chunk, in bounded memory
// (a 32 KiB window plus one output chunk).

const WSIZE = 32768;
const OUT_CHUNK = 65536;

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Lookup table indexed by the next `bits` input bits: entry = symbol << 4 | code length (0 = invalid code). */
interface Huffman { table: Int32Array; bits: number }

class NeedInput {}
const NEED = new NeedInput();

class InflateError extends Error {}

function buildHuffman(lengths: ArrayLike<number>, n: number): Huffman {
  let max = 0;
  const count = new Array<number>(16).fill(0);
  for (let i = 0; i < n; i++) {
    const l = lengths[i] as number;
    count[l] = (count[l] ?? 0) + 1;
    if (l > max) max = l;
  }
  if (max === 0) return { table: new Int32Array(1), bits: 1 };
  count[0] = 0;
  const next = new Array<number>(16).fill(0);
  let code = 0;
  let left = 1;
  for (let l = 1; l <= 15; l++) {
    left = left * 2 - (count[l] ?? 0);
    if (left < 0) throw new InflateError('over-subscribed Huffman code');
    code = (code + (count[l - 1] ?? 0)) << 1;
    next[l] = code;
  }
  const size = 1 << max;
  const table = new Int32Array(size);
  for (let sym = 0; sym < n; sym++) {
    const l = lengths[sym] as number;
    if (l === 0) continue;
    const c = next[l] as number;
    next[l] = c + 1;
    let r = 0;
    for (let k = 0; k < l; k++) r |= ((c >> k) & 1) << (l - 1 - k);
    for (let j = r; j < size; j += 1 << l) table[j] = (sym << 4) | l;
  }
  return { table, bits: max };
}

let fixedLit: Huffman | undefined;
let fixedDist: Huffman | undefined;
function fixedTables(): [Huffman, Huffman] {
  if (!fixedLit || !fixedDist) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
    fixedLit = buildHuffman(l, 288);
    fixedDist = buildHuffman(new Uint8Array(30).fill(5), 30);
  }
  return [fixedLit, fixedDist];
}

export class Inflater {
  /** Set when the stream is malformed; no more output follows. */
  error?: string;
  /** True once the final block ended. */
  done = false;
  /** Total bytes produced. */
  produced = 0;
  /** Bytes pushed after the end of the deflate stream (gzip/zlib trailers, or appended data): copies. */
  trailing: Uint8Array[] = [];

  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private bitBuf = 0;
  private bitCnt = 0;
  private state: 'header' | 'stored' | 'codes' = 'header';
  private final = false;
  private storedLeft = 0;
  private lit: Huffman | undefined;
  private dist: Huffman | undefined;
  private readonly out = new Uint8Array(WSIZE + OUT_CHUNK + 258);
  private op = 0;
  private flushedTo = 0;
  private ending = false;

  constructor(private readonly sink: (chunk: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    if (this.done) {
      if (chunk.length) this.trailing.push(chunk.slice());
      return;
    }
    if (this.error) return;
    if (this.pos < this.buf.length) {
      const rest = this.buf.subarray(this.pos);
      const merged = new Uint8Array(rest.length + chunk.length);
      merged.set(rest);
      merged.set(chunk, rest.length);
      this.buf = merged;
    } else {
      this.buf = chunk;
    }
    this.pos = 0;
    this.run();
    // A pushed chunk is only valid during push(): keep a copy of the few bytes of an unfinished unit, not a view.
    if (this.buf === chunk) {
      this.buf = this.pos < chunk.length ? chunk.slice(this.pos) : new Uint8Array(0);
      this.pos = 0;
    }
  }

  /** No more input: decodes what is left; a stream cut short sets `error`. */
  end(): void {
    if (this.done || this.error) return;
    this.ending = true;
    this.run();
    if (!this.done && !this.error) this.error = 'deflate stream truncated';
  }

  private run(): void {
    try {
      this.loop();
    } catch (e) {
      if (e instanceof InflateError) this.error = e.message;
      else if (e !== NEED) throw e;
    }
    this.flush();
  }

  private need(n: number): void {
    while (this.bitCnt < n) {
      if (this.pos >= this.buf.length) throw NEED;
      this.bitBuf |= (this.buf[this.pos++] as number) << this.bitCnt;
      this.bitCnt += 8;
    }
  }

  private bits(n: number): number {
    this.need(n);
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCnt -= n;
    return v;
  }

  private decode(h: Huffman): number {
    while (this.bitCnt < h.bits && this.pos < this.buf.length) {
      this.bitBuf |= (this.buf[this.pos++] as number) << this.bitCnt;
      this.bitCnt += 8;
    }
    const e = h.table[this.bitBuf & ((1 << h.bits) - 1)] as number;
    const len = e & 15;
    if (len === 0) {
      if (this.bitCnt < h.bits) throw NEED;
      throw new InflateError('invalid Huffman code');
    }
    if (len > this.bitCnt) throw NEED;
    this.bitBuf >>>= len;
    this.bitCnt -= len;
    return e >> 4;
  }

  private loop(): void {
    for (;;) {
      // Every unit below either completes or throws NEED; snapshot so a NEED rolls back to the unit's start.
      const sPos = this.pos, sBuf = this.bitBuf, sCnt = this.bitCnt;
      try {
        if (this.state === 'header') this.header();
        else if (this.state === 'stored') {
          if (!this.stored()) return;
        } else if (!this.codes()) return;
        if (this.done) return;
      } catch (e) {
        if (e === NEED) {
          this.pos = sPos; this.bitBuf = sBuf; this.bitCnt = sCnt;
          if (this.ending) throw new InflateError('deflate stream truncated');
        }
        throw e;
      }
    }
  }

  private header(): void {
    const final = this.bits(1) === 1;
    const type = this.bits(2);
    if (type === 0) {
      const drop = this.bitCnt & 7;
      this.bits(drop);
      const len = this.bits(16);
      const nlen = this.bits(16);
      if ((len ^ 0xffff) !== nlen) throw new InflateError('stored block length check failed');
      // Give back whole bytes read ahead so raw copying starts at the right byte.
      this.pos -= this.bitCnt >> 3;
      this.bitBuf = 0;
      this.bitCnt = 0;
      this.storedLeft = len;
      this.state = 'stored';
    } else if (type === 1) {
      [this.lit, this.dist] = fixedTables();
      this.state = 'codes';
    } else if (type === 2) {
      const hlit = this.bits(5) + 257;
      const hdist = this.bits(5) + 1;
      const hclen = this.bits(4) + 4;
      const cl = new Uint8Array(19);
      for (let i = 0; i < hclen; i++) cl[CL_ORDER[i] as number] = this.bits(3);
      const clh = buildHuffman(cl, 19);
      const lens = new Uint8Array(hlit + hdist);
      let i = 0;
      while (i < hlit + hdist) {
        const sym = this.decode(clh);
        if (sym < 16) lens[i++] = sym;
        else {
          let rep: number;
          let val = 0;
          if (sym === 16) {
            if (i === 0) throw new InflateError('repeat with no previous length');
            val = lens[i - 1] as number;
            rep = 3 + this.bits(2);
          } else if (sym === 17) rep = 3 + this.bits(3);
          else rep = 11 + this.bits(7);
          if (i + rep > hlit + hdist) throw new InflateError('too many code lengths');
          lens.fill(val, i, i + rep);
          i += rep;
        }
      }
      if (lens[256] === 0) throw new InflateError('no end-of-block code');
      this.lit = buildHuffman(lens.subarray(0, hlit), hlit);
      this.dist = buildHuffman(lens.subarray(hlit), hdist);
      this.state = 'codes';
    } else {
      throw new InflateError('invalid block type 3');
    }
    this.final = final;
  }

  private stored(): boolean {
    while (this.storedLeft > 0) {
      const avail = this.buf.length - this.pos;
      if (avail === 0) {
        if (this.ending) throw new InflateError('deflate stream truncated');
        return false;
      }
      const n = Math.min(avail, this.storedLeft, this.out.length - this.op);
      this.out.set(this.buf.subarray(this.pos, this.pos + n), this.op);
      this.op += n;
      this.pos += n;
      this.storedLeft -= n;
      this.produced += n;
      if (this.op >= WSIZE + OUT_CHUNK) this.flush();
    }
    this.blockEnd();
    return true;
  }

  private blockEnd(): void {
    if (this.final) {
      this.done = true;
      // Whole bytes still in the bit buffer belong to what follows the stream.
      this.pos -= this.bitCnt >> 3;
      this.bitBuf = 0;
      this.bitCnt = 0;
      if (this.pos < this.buf.length) this.trailing.push(this.buf.slice(this.pos));
      this.pos = this.buf.length;
    } else {
      this.state = 'header';
    }
  }

  private codes(): boolean {
    const lit = this.lit as Huffman;
    const dist = this.dist as Huffman;
    const out = this.out;
    for (;;) {
      if (this.op >= WSIZE + OUT_CHUNK) this.flush();
      const sPos = this.pos, sBuf = this.bitBuf, sCnt = this.bitCnt;
      try {
        const sym = this.decode(lit);
        if (sym < 256) {
          out[this.op++] = sym;
          this.produced++;
          continue;
        }
        if (sym === 256) {
          this.blockEnd();
          return true;
        }
        const li = sym - 257;
        if (li >= 29) throw new InflateError('invalid length symbol');
        const len = (LEN_BASE[li] as number) + this.bits(LEN_EXTRA[li] as number);
        const ds = this.decode(dist);
        if (ds >= 30) throw new InflateError('invalid distance symbol');
        const d = (DIST_BASE[ds] as number) + this.bits(DIST_EXTRA[ds] as number);
        if (d > this.produced || d > this.op) throw new InflateError('distance too far back');
        let from = this.op - d;
        if (d >= len) {
          out.copyWithin(this.op, from, from + len);
          this.op += len;
        } else {
          // Overlapping copy (a run): byte by byte, as the format defines it.
          let op = this.op;
          for (let k = 0; k < len; k++) out[op++] = out[from++] as number;
          this.op = op;
        }
        this.produced += len;
      } catch (e) {
        if (e === NEED) {
          this.pos = sPos; this.bitBuf = sBuf; this.bitCnt = sCnt;
          if (this.ending) throw new InflateError('deflate stream truncated');
          return false;
        }
        throw e;
      }
    }
  }

  private flush(): void {
    if (this.op > this.flushedTo) {
      this.sink(this.out.slice(this.flushedTo, this.op));
      this.flushedTo = this.op;
    }
    if (this.op >= WSIZE + OUT_CHUNK) {
      this.out.copyWithin(0, this.op - WSIZE, this.op);
      this.op = WSIZE;
      this.flushedTo = WSIZE;
    }
  }
}
