// bzip2 as Python's bz2 module reads it: streams one after another (BZ2File keeps decoding what follows a
// stream's end marker; what its decompressor rejects at once is ignored), every block's CRC and each stream's
// combined CRC verified (libbz2 raises on a mismatch). A block is decoded once all its bits are buffered: it is
// retried only after the buffered input doubles, so the work stays linear whatever the chunk sizes. Written here:
// npm's bzip2 decoders either need the whole file (seek-bzip, compressjs) or are Node streams (unbzip2-stream).
import { bzCrcUpdate } from './checksums.js';
import { DecoderShell, fail, type Emit } from './stream.js';

class NeedMore extends Error {}
const NEED = new NeedMore();
const MAX_GROUPS = 6, MAX_ALPHA = 258, MAX_SELECTORS = 18002;
/** No valid block needs this much input (900k symbols of at most 20 bits, plus tables). */
const MAX_BLOCK_INPUT = 4 * 1024 * 1024;

export class Bzip2Decoder extends DecoderShell {
  private state: 'stream' | 'block' | 'trail' = 'stream';
  private level = 9;
  private combined = 0;
  // Bit reader over inb (position is inb.p plus bits held).
  private bitBuf = 0;
  private bitCount = 0;
  private final = false;
  private lastTry = 0;
  private tt = new Uint32Array(0);
  private out = new Uint8Array(1 << 16);

  constructor(private readonly emit: Emit) {
    super();
  }

  protected inTrail(): boolean {
    return this.state === 'trail';
  }

  protected override run(final: boolean): void {
    this.final = final;
    super.run(final);
  }

  private bits(n: number): number {
    while (this.bitCount < n) {
      const ib = this.inb;
      if (ib.p >= ib.n) {
        if (this.final) fail('compression.invalid', 'Corrupt bz2 stream: truncated', ib.offset);
        throw NEED;
      }
      this.bitBuf = ((this.bitBuf << 8) | (ib.b[ib.p++] as number)) >>> 0;
      this.bitCount += 8;
    }
    this.bitCount -= n;
    return (this.bitBuf >>> this.bitCount) & ((1 << n) - 1);
  }
  private bit(): number { return this.bits(1); }

  private notAStream(why: string): void {
    const ib = this.inb;
    if (this.streams === 0) fail('compression.invalid', `Corrupt bz2 stream: ${why}`, ib.offset);
    this.state = 'trail';
    const rest = ib.b.subarray(ib.p, ib.n);
    const at = ib.offset;
    ib.p = ib.n;
    this.countTrailing(rest);
    if (this.trailing) this.trailing.offset = at;
  }

  protected steps(final: boolean): void {
    const ib = this.inb;
    for (;;) {
      if (this.stopped || this.state === 'trail') return;
      if (this.state === 'stream') {
        // A new stream starts on a byte boundary: "BZh" and the block size digit, checked byte by byte as libbz2 does.
        if (ib.avail === 0) {
          if (final && this.streams === 0) fail('compression.invalid', 'Corrupt bz2 stream: empty', ib.offset);
          return;
        }
        const want = [0x42, 0x5a, 0x68];
        for (let i = 0; i < 4; i++) {
          if (i >= ib.avail) {
            if (final) {
              if (this.streams === 0) fail('compression.invalid', 'Corrupt bz2 stream: truncated header', ib.offset);
              // Python's BZ2File raises on a stream cut inside its header (EOFError): the loader fails.
              fail('compression.invalid', 'Corrupt bz2 stream: a further stream is cut inside its header (Python raises EOFError)', ib.offset);
            }
            return;
          }
          const c = ib.b[ib.p + i] as number;
          if (i < 3 ? c !== want[i] : c < 0x31 || c > 0x39) {
            if (this.streams > 0 && ib.b.subarray(ib.p, ib.n).every((x) => x === 0)) { this.notAStream('zeros'); return; }
            this.notAStream('bad magic (not "BZh1"–"BZh9")');
            return;
          }
        }
        this.level = (ib.b[ib.p + 3] as number) - 0x30;
        ib.p += 4;
        this.bitBuf = 0;
        this.bitCount = 0;
        this.combined = 0;
        this.lastTry = 0;
        this.state = 'block';
        continue;
      }
      // 'block': retry from the saved position only when the input has doubled since the last try, or at the end.
      const avail = ib.avail;
      if (!final && avail < Math.max(2 * this.lastTry, 1)) return;
      const save = { p: ib.p, buf: this.bitBuf, count: this.bitCount };
      try {
        const more = this.block();
        this.lastTry = 0;
        if (!more) {
          this.streams++;
          this.bitCount = 0; // the stream ends on a byte boundary
          this.state = 'stream';
        }
      } catch (e) {
        if (e !== NEED) throw e;
        ib.p = save.p;
        this.bitBuf = save.buf;
        this.bitCount = save.count;
        this.lastTry = avail;
        if (avail > MAX_BLOCK_INPUT) fail('compression.invalid', 'Corrupt bz2 stream: a block runs past any valid size', ib.offset);
        return;
      }
    }
  }

  /** Reads one block (or the end-of-stream marker, returning false) and emits its output. */
  private block(): boolean {
    const at = this.inb.offset;
    const bad = (why: string): never => fail('compression.invalid', `Corrupt bz2 stream: ${why}`, at);
    const m1 = this.bits(24), m2 = this.bits(24);
    if (m1 === 0x177245 && m2 === 0x385090) {
      const want = this.bits(16) * 65536 + this.bits(16);
      if (want !== this.combined) fail('compression.crc-mismatch', `bz2 stream CRC does not match the content (${this.combined.toString(16)} vs ${want.toString(16)}): corrupted or tampered`, at);
      return false;
    }
    if (m1 !== 0x314159 || m2 !== 0x265359) bad('bad block magic');
    const blockCrc = this.bits(16) * 65536 + this.bits(16);
    if (this.bit()) fail('compression.unsupported', 'bz2 block uses the obsolete "randomised" mode, which is not decoded here', at);
    const origPtr = this.bits(24);
    // Symbol map.
    const used = this.bits(16);
    const seqToUnseq = new Uint8Array(256);
    let nInUse = 0;
    for (let i = 0; i < 16; i++) {
      if (used & (0x8000 >> i)) {
        const w = this.bits(16);
        for (let j = 0; j < 16; j++) if (w & (0x8000 >> j)) seqToUnseq[nInUse++] = i * 16 + j;
      }
    }
    if (nInUse === 0) bad('no symbols in use');
    const alphaSize = nInUse + 2;
    const nGroups = this.bits(3);
    if (nGroups < 2 || nGroups > MAX_GROUPS) bad(`${nGroups} Huffman groups`);
    let nSelectors = this.bits(15);
    if (nSelectors < 1) bad('no selectors');
    const selMtf = new Uint8Array(Math.min(nSelectors, MAX_SELECTORS));
    for (let i = 0; i < nSelectors; i++) {
      let j = 0;
      while (this.bit()) { j++; if (j >= nGroups) bad('selector out of range'); }
      if (i < MAX_SELECTORS) selMtf[i] = j;
    }
    if (nSelectors > MAX_SELECTORS) nSelectors = MAX_SELECTORS;
    const pos = [0, 1, 2, 3, 4, 5].slice(0, nGroups);
    const selectors = new Uint8Array(nSelectors);
    for (let i = 0; i < nSelectors; i++) {
      let v = selMtf[i] as number;
      const tmp = pos[v] as number;
      for (; v > 0; v--) pos[v] = pos[v - 1] as number;
      pos[0] = tmp;
      selectors[i] = tmp;
    }
    // Code lengths and canonical decoding tables per group.
    const limit: Int32Array[] = [], base: Int32Array[] = [], perm: Int32Array[] = [], minLens: number[] = [];
    for (let t = 0; t < nGroups; t++) {
      const len = new Uint8Array(alphaSize);
      let curr = this.bits(5);
      for (let i = 0; i < alphaSize; i++) {
        for (;;) {
          if (curr < 1 || curr > 20) bad('code length out of range');
          if (!this.bit()) break;
          curr += this.bit() ? -1 : 1;
        }
        len[i] = curr;
      }
      let minLen = 32, maxLen = 0;
      for (let i = 0; i < alphaSize; i++) { minLen = Math.min(minLen, len[i] as number); maxLen = Math.max(maxLen, len[i] as number); }
      const lim = new Int32Array(23).fill(-1), bs = new Int32Array(23), pm = new Int32Array(MAX_ALPHA);
      let pp = 0;
      for (let l = minLen; l <= maxLen; l++) for (let s = 0; s < alphaSize; s++) if (len[s] === l) pm[pp++] = s;
      for (let i = 0; i < alphaSize; i++) { const k = (len[i] as number) + 1; bs[k] = (bs[k] as number) + 1; }
      for (let i = 1; i < 23; i++) bs[i] = (bs[i] as number) + (bs[i - 1] as number);
      let vec = 0;
      for (let l = minLen; l <= maxLen; l++) {
        vec += (bs[l + 1] as number) - (bs[l] as number);
        lim[l] = vec - 1;
        vec <<= 1;
      }
      for (let l = minLen + 1; l <= maxLen; l++) bs[l] = (((lim[l - 1] as number) + 1) << 1) - (bs[l] as number);
      limit.push(lim); base.push(bs); perm.push(pm); minLens.push(minLen);
    }
    // Huffman + MTF + RUNA/RUNB into tt.
    const max = this.level * 100000;
    if (this.tt.length < max) this.tt = new Uint32Array(max);
    const tt = this.tt;
    const counts = new Int32Array(256);
    const mtf = new Uint8Array(256);
    for (let i = 0; i < 256; i++) mtf[i] = i;
    const eob = nInUse + 1;
    let nblock = 0, groupPos = 0, groupNo = -1;
    let lim = limit[0] as Int32Array, bs = base[0] as Int32Array, pm = perm[0] as Int32Array, minLen = 0;
    let runPos = 0, runLen = 0;
    // The hot loop reads bits from locals; near the end of the buffered input it falls back to this.bits(), which
    // throws NEED (the block is retried later) or fails at the true end.
    const ib = this.inb, src = ib.b, srcEnd = ib.n;
    let bb = this.bitBuf, bc = this.bitCount, p = ib.p;
    for (;;) {
      if (groupPos === 0) {
        groupNo++;
        if (groupNo >= nSelectors) bad('ran out of selectors');
        groupPos = 50;
        const g = selectors[groupNo] as number;
        lim = limit[g] as Int32Array; bs = base[g] as Int32Array; pm = perm[g] as Int32Array; minLen = minLens[g] as number;
      }
      groupPos--;
      while (bc <= 24 && p < srcEnd) { bb = ((bb << 8) | (src[p++] as number)) >>> 0; bc += 8; }
      let n = minLen;
      let v: number;
      if (bc >= 20) {
        v = (bb >>> (bc - n)) & ((1 << n) - 1);
        while (n <= 20 && v > (lim[n] as number)) { n++; v = (bb >>> (bc - n)) & ((1 << n) - 1); }
        if (n > 20) bad('bad Huffman code');
        bc -= n;
      } else {
        this.bitBuf = bb; this.bitCount = bc; ib.p = p;
        v = this.bits(n);
        while (n <= 20 && v > (lim[n] as number)) { n++; v = (v << 1) | this.bit(); }
        if (n > 20) bad('bad Huffman code');
        bb = this.bitBuf; bc = this.bitCount; p = ib.p;
      }
      const idx = v - (bs[n] as number);
      if (idx < 0 || idx >= MAX_ALPHA) bad('bad Huffman code');
      const sym = pm[idx] as number;
      if (sym <= 1) {
        // RUNA / RUNB: bijective base-2 run length of the front symbol.
        if (runPos === 0) { runPos = 1; runLen = 0; }
        runLen += (sym + 1) * runPos;
        runPos <<= 1;
        if (runLen > max) bad('run exceeds the block size');
        continue;
      }
      if (runPos) {
        runPos = 0;
        if (nblock + runLen > max) bad('block exceeds its declared size');
        const ch = seqToUnseq[mtf[0] as number] as number;
        counts[ch] = (counts[ch] as number) + runLen;
        tt.fill(ch, nblock, nblock + runLen);
        nblock += runLen;
        runLen = 0;
      }
      if (sym === eob) break;
      if (nblock >= max) bad('block exceeds its declared size');
      let k = sym - 1;
      const front = mtf[k] as number;
      if (k < 16) { for (; k > 0; k--) mtf[k] = mtf[k - 1] as number; } else mtf.copyWithin(1, 0, k);
      mtf[0] = front;
      const ch = seqToUnseq[front] as number;
      counts[ch] = (counts[ch] as number) + 1;
      tt[nblock++] = ch;
    }
    this.bitBuf = bb; this.bitCount = bc; ib.p = p;
    if (origPtr >= nblock) bad('origin pointer outside the block');
    // Inverse BWT.
    const cf = new Int32Array(256);
    for (let i = 0, s = 0; i < 256; i++) { cf[i] = s; s += counts[i] as number; }
    for (let i = 0; i < nblock; i++) {
      const ch = (tt[i] as number) & 0xff;
      const j = cf[ch] as number;
      cf[ch] = j + 1;
      tt[j] = ((tt[j] as number) | (i << 8)) >>> 0;
    }
    // Walk, undo the initial run-length step (4 equal bytes then a count), CRC, emit.
    const out = this.out;
    let o = 0;
    let crc = 0xffffffff;
    let tPos = (tt[origPtr] as number) >>> 8;
    let last = -1, same = 0;
    const flushOut = (): void => {
      crc = bzCrcUpdate(crc, out, 0, o);
      if (!this.stopped && !this.emit(out)) this.stopped = true;
      o = 0;
    };
    const cap = out.length;
    for (let i = 0; i < nblock && !this.stopped; i++) {
      const e = tt[tPos] as number;
      const ch = e & 0xff;
      tPos = e >>> 8;
      if (same === 4) {
        for (let r = 0; r < ch; r++) { out[o++] = last; if (o === cap) { flushOut(); if (this.stopped) break; } }
        same = 0;
        last = -1;
        continue;
      }
      if (ch === last) same++; else { last = ch; same = 1; }
      out[o++] = ch;
      if (o === cap) flushOut();
    }
    if (this.stopped) return true;
    if (o > 0) {
      crc = bzCrcUpdate(crc, out, 0, o);
      if (!this.emit(out.subarray(0, o))) this.stopped = true;
    }
    crc = ~crc >>> 0;
    if (crc !== blockCrc) fail('compression.crc-mismatch', `bz2 block CRC does not match the content (${crc.toString(16)} vs ${blockCrc.toString(16)}): corrupted or tampered`, at);
    this.combined = (((this.combined << 1) | (this.combined >>> 31)) ^ crc) >>> 0;
    return true;
  }
}
