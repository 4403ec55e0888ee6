// LZ4 frame format (lz4.frame, joblib's compress='lz4'): frames and skippable frames one after another, each
// block decoded with the previous 64 KiB as history (linked blocks), block and content checksums (xxHash32)
// verified as python-lz4's LZ4F_decompress does. Written here: the format is small and no npm decoder streams it.
import { Xxh32 } from './checksums.js';
import { DecoderShell, fail, u32le, type Emit } from './stream.js';

const MAGIC = 0x184d2204;
const HISTORY = 64 * 1024;

export class Lz4Decoder extends DecoderShell {
  private state: 'magic' | 'skip' | 'header' | 'block' | 'content-check' | 'trail' = 'magic';
  private skipLeft = 0;
  private win = new Uint8Array(0);
  private wlen = 0;
  private independent = false;
  private blockCheck = false;
  private contentCheck: Xxh32 | undefined;
  private contentSize: number | undefined;
  private produced = 0;
  private blockMax = 0;
  private frameStart = 0;

  constructor(private readonly emit: Emit) {
    super();
  }

  protected inTrail(): boolean {
    return this.state === 'trail';
  }


  private out(from: number, to: number): void {
    const piece = this.win.subarray(from, to);
    this.contentCheck?.update(piece);
    this.produced += to - from;
    if (!this.emit(piece)) this.stopped = true;
  }

  protected steps(final: boolean): void {
    const ib = this.inb;
    for (;;) {
      if (this.stopped) return;
      const b = ib.b;
      switch (this.state) {
        case 'magic': {
          if (ib.avail < 4) {
            if (!final) return;
            if (this.streams === 0) fail('compression.invalid', 'Corrupt lz4 stream: truncated frame header', ib.offset);
            if (b.subarray(ib.p, ib.n).some((x) => x !== 0)) this.trailing = { offset: ib.offset, bytes: ib.avail };
            ib.p = ib.n;
            return;
          }
          const m = u32le(b, ib.p);
          this.frameStart = ib.offset;
          if (m === MAGIC) { ib.p += 4; this.state = 'header'; continue; }
          if ((m & 0xfffffff0) === 0x184d2a50) {
            if (ib.avail < 8) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated skippable frame', ib.offset); return; }
            this.skipLeft = u32le(b, ib.p + 4);
            ib.p += 8;
            this.state = 'skip';
            continue;
          }
          if (this.streams === 0) fail('compression.invalid', m === 0x184c2102 ? 'legacy lz4 format, which lz4.frame does not read' : 'bad lz4 frame magic', ib.offset);
          // Not a frame: LZ4F_decompress rejects it, so the loader stops here.
          this.state = 'trail';
          const rest = b.subarray(ib.p, ib.n);
          ib.p = ib.n;
          this.countTrailing(rest);
          if (this.trailing) this.trailing.offset = this.frameStart;
          return;
        }
        case 'skip': {
          const k = Math.min(this.skipLeft, ib.avail);
          ib.p += k;
          this.skipLeft -= k;
          if (this.skipLeft > 0) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated skippable frame', ib.offset); return; }
          this.streams++;
          this.state = 'magic';
          continue;
        }
        case 'header': {
          if (ib.avail < 2) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated frame descriptor', ib.offset); return; }
          const flg = b[ib.p] as number, bd = b[ib.p + 1] as number;
          if (flg >> 6 !== 1) fail('compression.invalid', `Corrupt lz4 stream: frame version ${flg >> 6} is not 1`, ib.offset);
          if (flg & 2 || bd & 0x8f) fail('compression.invalid', 'Corrupt lz4 stream: reserved descriptor bits set', ib.offset);
          const bsid = (bd >> 4) & 7;
          if (bsid < 4) fail('compression.invalid', `Corrupt lz4 stream: block size id ${bsid} is reserved`, ib.offset + 1);
          const len = 3 + (flg & 8 ? 8 : 0) + (flg & 1 ? 4 : 0);
          if (ib.avail < len) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated frame descriptor', ib.offset); return; }
          const h = new Xxh32();
          h.update(b.subarray(ib.p, ib.p + len - 1));
          if (((h.digest() >>> 8) & 0xff) !== b[ib.p + len - 1]) fail('compression.crc-mismatch', 'lz4 frame descriptor checksum does not match', ib.offset + len - 1);
          this.independent = (flg & 0x20) !== 0;
          this.blockCheck = (flg & 0x10) !== 0;
          this.contentCheck = flg & 4 ? new Xxh32() : undefined;
          this.contentSize = flg & 8 ? u32le(b, ib.p + 2) + u32le(b, ib.p + 6) * 2 ** 32 : undefined;
          this.blockMax = 1 << (8 + 2 * bsid);
          // Room for the history and two blocks: the history is moved to the front only when the next block might not
          // fit, so tiny blocks do not each cost a 64 KiB move.
          if (this.win.length < HISTORY + 2 * this.blockMax) this.win = new Uint8Array(HISTORY + 2 * this.blockMax);
          this.wlen = 0;
          this.produced = 0;
          ib.p += len;
          this.state = 'block';
          continue;
        }
        case 'block': {
          if (ib.avail < 4) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated before a block header (no end mark)', ib.offset); return; }
          const word = u32le(b, ib.p);
          if (word === 0) {
            ib.p += 4;
            if (this.contentSize !== undefined && this.contentSize !== this.produced) {
              fail('compression.invalid', `Corrupt lz4 stream: frame declares ${this.contentSize} bytes of content, holds ${this.produced}`, ib.offset);
            }
            this.state = 'content-check';
            continue;
          }
          const size = word & 0x7fffffff;
          const raw = (word & 0x80000000) !== 0;
          if (size > this.blockMax) fail('compression.invalid', `Corrupt lz4 stream: block of ${size} bytes exceeds the frame's maximum ${this.blockMax}`, ib.offset);
          const need = 4 + size + (this.blockCheck ? 4 : 0);
          if (ib.avail < need) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated block', ib.offset); return; }
          const start = ib.p + 4;
          if (this.blockCheck) {
            const h = new Xxh32();
            h.update(b.subarray(start, start + size));
            if (h.digest() !== u32le(b, start + size)) fail('compression.crc-mismatch', 'lz4 block checksum does not match: corrupted or tampered', ib.offset);
          }
          if (this.independent) this.wlen = 0;
          else if (this.wlen + this.blockMax > this.win.length) {
            this.win.copyWithin(0, this.wlen - HISTORY, this.wlen);
            this.wlen = HISTORY;
          }
          const from = this.wlen;
          let to: number;
          if (raw) {
            this.win.set(b.subarray(start, start + size), from);
            to = from + size;
          } else {
            to = decodeBlock(b, start, start + size, this.win, from, this.blockMax, ib.offset);
          }
          ib.p += need;
          this.out(from, to);
          this.wlen = to;
          continue;
        }
        case 'content-check': {
          if (this.contentCheck) {
            if (ib.avail < 4) { if (final) fail('compression.invalid', 'Corrupt lz4 stream: truncated content checksum', ib.offset); return; }
            if (this.contentCheck.digest() !== u32le(b, ib.p)) fail('compression.crc-mismatch', 'lz4 content checksum does not match: corrupted or tampered', ib.offset);
            ib.p += 4;
          }
          this.streams++;
          this.state = 'magic';
          continue;
        }
        case 'trail':
          return;
      }
    }
  }
}

/** One LZ4 block into `out` at `o` (history before it); returns the end of the output. */
function decodeBlock(src: Uint8Array, s: number, end: number, out: Uint8Array, o: number, max: number, at: number): number {
  const limit = o + max;
  const bad = (why: string): never => fail('compression.invalid', `Corrupt lz4 block: ${why}`, at);
  for (;;) {
    if (s >= end) bad('truncated sequence');
    const token = src[s++] as number;
    let lit = token >> 4;
    if (lit === 15) {
      for (let c = 255; c === 255;) {
        if (s >= end) bad('truncated literal length');
        c = src[s++] as number;
        lit += c;
      }
    }
    if (s + lit > end) bad('literals run past the block');
    if (o + lit > limit) bad('output exceeds the block maximum');
    if (lit < 32) { for (let i = 0; i < lit; i++) out[o + i] = src[s + i] as number; } else out.set(src.subarray(s, s + lit), o);
    o += lit;
    s += lit;
    if (s === end) return o;
    if (s + 2 > end) bad('truncated match offset');
    const off = (src[s] as number) | ((src[s + 1] as number) << 8);
    s += 2;
    if (off === 0 || off > o) bad(`match offset ${off} points before the history`);
    let len = (token & 15) + 4;
    if ((token & 15) === 15) {
      for (let c = 255; c === 255;) {
        if (s >= end) bad('truncated match length');
        c = src[s++] as number;
        len += c;
      }
    }
    if (o + len > limit) bad('output exceeds the block maximum');
    let from = o - off;
    if (off >= len && len >= 32) { out.copyWithin(o, from, from + len); o += len; } else {
      for (let i = 0; i < len; i++) out[o++] = out[from++] as number;
    }
  }
}
