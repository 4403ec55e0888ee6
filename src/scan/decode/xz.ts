// xz and .lzma ("alone") streams as Python's lzma.LZMAFile reads them (joblib and pandas open with the default
// FORMAT_AUTO): one stream after another, each detected anew (0xFD starts xz, anything else is tried as .lzma with
// liblzma's strict "picky" header checks); what the next decoder rejects at once is ignored by the loader.
// xz: stream header, blocks (LZMA2, optionally after a delta filter), check (CRC-32, CRC-64, SHA-256), index
// and footer, all verified. Written here: no npm xz/lzma decoder is both pure JS and push-fed with bounded memory.
import { createHash } from '../../core/hash.js';
import { crc32, Crc64 } from './checksums.js';
import { LzmaDecoder, MARGIN, Window } from './lzma.js';
import { DecoderShell, fail, MAX_WINDOW, u32le, type Emit } from './stream.js';

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const CHECK_SIZE = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

type State = 'stream' | 'alone' | 'xz-block' | 'lzma2' | 'block-end' | 'index' | 'footer' | 'trail';

interface Check { update(d: Uint8Array): void; value(): Uint8Array | undefined }

function makeCheck(id: number): Check {
  if (id === 1) { let c = 0; return { update: (d) => { c = crc32(d, c); }, value: () => { const o = new Uint8Array(4); new DataView(o.buffer).setUint32(0, c, true); return o; } }; }
  if (id === 4) { const c = new Crc64(); return { update: (d) => c.update(d), value: () => c.digest() }; }
  if (id === 10) { const h = createHash('sha256'); return { update: (d) => { h.update(d); }, value: () => new Uint8Array(h.digest()) }; }
  // None, or an ID liblzma does not know: Python's decoder skips the field unverified.
  return { update: () => undefined, value: () => undefined };
}

function readVarint(b: Uint8Array, p: number, end: number): [number, number] | undefined {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    if (p + i >= end) return undefined;
    const x = b[p + i] as number;
    v += (x & 0x7f) * 2 ** (7 * i);
    if (!(x & 0x80)) {
      if (x === 0 && i > 0) return undefined;
      return [v, p + i + 1];
    }
  }
  return undefined;
}

export class XzDecoder extends DecoderShell {
  private state: State = 'stream';
  private win: Window | undefined;
  private lz: LzmaDecoder | undefined;
  // .lzma
  private aloneLeft = -1;
  // xz stream
  private flags = 0;
  private checkId = 0;
  private check: Check = makeCheck(0);
  private blocks = 0;
  private blockHash = 0;
  private blockStart = 0;
  private blockOut = 0;
  private declaredComp: number | undefined;
  private declaredOut: number | undefined;
  private needDictReset = true;
  private needProps = true;
  private delta: { dist: number; hist: Uint8Array; pos: number } | undefined;
  private indexStart = 0;
  private indexCount = -1;
  private indexSeen = 0;
  private indexHash = 0;
  private indexCrc = 0;

  constructor(private readonly emit: Emit) {
    super();
  }

  protected inTrail(): boolean {
    return this.state === 'trail';
  }

  private output(piece: Uint8Array): void {
    if (this.stopped) return;
    let data = piece;
    if (this.delta) {
      const d = this.delta;
      data = new Uint8Array(piece.length);
      for (let i = 0; i < piece.length; i++) {
        const v = ((piece[i] as number) + (d.hist[(d.pos + 256 - d.dist) & 255] as number)) & 255;
        d.hist[d.pos] = v;
        d.pos = (d.pos + 1) & 255;
        data[i] = v;
      }
    }
    this.check.update(data);
    if (!this.emit(data)) {
      this.stopped = true;
      if (this.win) this.win.halted = true;
    }
  }

  private newWindow(dict: number, label: string): void {
    const size = Math.min(MAX_WINDOW, Math.max(4096, dict));
    if (!this.win || this.win.size !== size) {
      this.win = new Window(size, (c) => this.output(c));
      this.lz = new LzmaDecoder(this.win, label);
    }
    this.win.reset();
    (this.lz as LzmaDecoder).declared = dict;
  }

  /** Not the start of a stream the auto decoder accepts: the first time corrupt, later what the loader ignores. */
  private notAStream(why: string): void {
    const ib = this.inb;
    if (this.streams === 0) fail('compression.invalid', `Corrupt xz/lzma stream: ${why}`, ib.offset);
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
      if (this.stopped) return;
      const b = ib.b;
      const truncated = (what: string): void => { if (final) fail('compression.invalid', `Corrupt xz/lzma stream: truncated ${what}`, ib.offset); };
      switch (this.state) {
        case 'trail': return;
        case 'stream': {
          if (ib.avail === 0) {
            if (final && this.streams === 0) fail('compression.invalid', 'Corrupt xz/lzma stream: empty', ib.offset);
            return;
          }
          if (b[ib.p] === 0xfd) {
            if (ib.avail < 12) {
              if (final) { if (this.streams === 0) truncated('stream header'); else this.notAStream('truncated stream header'); }
              return;
            }
            for (let i = 0; i < 6; i++) if (b[ib.p + i] !== XZ_MAGIC[i]) { this.notAStream('bad xz magic'); return; }
            if (crc32(b.subarray(ib.p + 6, ib.p + 8)) !== u32le(b, ib.p + 8)) {
              if (this.streams === 0) fail('compression.crc-mismatch', 'xz stream header CRC-32 does not match', ib.offset + 8);
              this.notAStream('header CRC'); return;
            }
            if (b[ib.p + 6] !== 0 || ((b[ib.p + 7] as number) & 0xf0)) { this.notAStream('unsupported stream flags'); return; }
            this.flags = b[ib.p + 7] as number;
            this.checkId = this.flags & 15;
            this.blocks = 0;
            this.blockHash = 0;
            ib.p += 12;
            this.state = 'xz-block';
            continue;
          }
          // .lzma: 13-byte header, checked as liblzma's auto decoder does ("picky").
          if (ib.avail < 13) {
            if (final) {
              if (this.streams === 0) truncated('.lzma header');
              // lzma.LZMAFile waits for a 13-byte .lzma header here and raises EOFError (xz's stream padding too).
              fail('compression.invalid', 'Corrupt xz/lzma stream: a few bytes follow the last stream, which lzma.open reads as a cut .lzma header (EOFError)', ib.offset);
            }
            return;
          }
          const props = b[ib.p] as number;
          const dict = u32le(b, ib.p + 1);
          const lo = u32le(b, ib.p + 5), hi = u32le(b, ib.p + 9);
          const unknown = lo === 0xffffffff && hi === 0xffffffff;
          let d = dict - 1;
          d |= d >>> 2; d |= d >>> 3; d |= d >>> 4; d |= d >>> 8; d |= d >>> 16;
          d = (d + 1) >>> 0;
          const okDict = dict !== 0 && (d === dict || dict === 0xffffffff);
          const props_ok = props < 225 && (props % 9) + (Math.floor(props / 9) % 5) <= 4;
          if (!props_ok || !okDict || (!unknown && hi >= 64)) {
            this.notAStream('not an xz or .lzma header');
            return;
          }
          this.newWindow(dict, '.lzma');
          const lz = this.lz as LzmaDecoder;
          lz.setProps(props, ib.offset);
          lz.resetState();
          this.aloneLeft = unknown ? -1 : lo + hi * 2 ** 32;
          if (ib.avail < 18) { truncated('.lzma start'); if (!final) return; }
          lz.rcInit(b, ib.p + 13, ib.offset + 13);
          ib.p += 18;
          this.check = makeCheck(0);
          this.delta = undefined;
          this.state = 'alone';
          continue;
        }
        case 'alone': {
          const lz = this.lz as LzmaDecoder;
          const win = this.win as Window;
          if (!final && ib.avail < MARGIN) return;
          const limit = this.aloneLeft < 0 ? Infinity : this.aloneLeft;
          const before = win.total;
          const r = lz.decode(b, ib.p, ib.n, limit, final, ib.base);
          ib.p = r.pos;
          win.flush();
          if (this.aloneLeft >= 0) this.aloneLeft -= win.total - before;
          if (r.status === 'end-marker' || this.aloneLeft === 0) {
            if (r.status === 'end-marker' && this.aloneLeft > 0) fail('compression.invalid', 'Corrupt .lzma stream: end marker before the declared size', ib.offset);
            this.streams++;
            this.state = 'stream';
            continue;
          }
          if (final) fail('compression.invalid', 'Corrupt .lzma stream: truncated', ib.offset);
          return;
        }
        case 'xz-block': {
          if (ib.avail < 1) { truncated('block header'); return; }
          const h0 = b[ib.p] as number;
          if (h0 === 0) {
            this.indexStart = ib.offset;
            this.indexCount = -1;
            this.indexSeen = 0;
            this.indexHash = 0;
            this.indexCrc = crc32(b.subarray(ib.p, ib.p + 1));
            ib.p += 1;
            this.state = 'index';
            continue;
          }
          const hs = (h0 + 1) * 4;
          if (ib.avail < hs) { truncated('block header'); return; }
          const at = ib.offset;
          if (crc32(b.subarray(ib.p, ib.p + hs - 4)) !== u32le(b, ib.p + hs - 4)) fail('compression.crc-mismatch', 'xz block header CRC-32 does not match', at);
          const bf = b[ib.p + 1] as number;
          if (bf & 0x3c) fail('compression.invalid', 'Corrupt xz stream: reserved block flags set', at + 1);
          let q = ib.p + 2;
          const hend = ib.p + hs - 4;
          const varint = (): number => {
            const r = readVarint(b, q, hend);
            if (!r) return fail('compression.invalid', 'Corrupt xz stream: bad block header field', at);
            q = r[1];
            return r[0];
          };
          this.declaredComp = bf & 0x40 ? varint() : undefined;
          this.declaredOut = bf & 0x80 ? varint() : undefined;
          const nf = (bf & 3) + 1;
          let dict = -1;
          this.delta = undefined;
          for (let i = 0; i < nf; i++) {
            const id = varint();
            const psize = varint();
            if (q + psize > hend) fail('compression.invalid', 'Corrupt xz stream: filter properties run past the block header', at);
            const last = i === nf - 1;
            if (id === 0x21 && last) {
              if (psize !== 1) fail('compression.invalid', 'Corrupt xz stream: LZMA2 properties', at);
              const dp = (b[q] as number) & 0x3f;
              if ((b[q] as number) & 0xc0 || dp > 40) fail('compression.invalid', 'Corrupt xz stream: LZMA2 dictionary size', at);
              dict = dp === 40 ? 0xffffffff : (2 | (dp & 1)) * 2 ** (Math.floor(dp / 2) + 11);
            } else if (id === 0x03 && !last) {
              if (psize !== 1) fail('compression.invalid', 'Corrupt xz stream: delta properties', at);
              this.delta = { dist: (b[q] as number) + 1, hist: new Uint8Array(256), pos: 0 };
            } else {
              fail('compression.unsupported', `xz filter 0x${id.toString(16)} (${last ? 'as the last filter' : 'before LZMA2'}) is not decoded here`, at);
            }
            q += psize;
          }
          for (; q < hend; q++) if (b[q] !== 0) fail('compression.invalid', 'Corrupt xz stream: block header padding is not zero', at);
          this.newWindow(dict, 'xz');
          this.needDictReset = true;
          this.needProps = true;
          this.check = makeCheck(this.checkId);
          this.blockStart = ib.offset;
          this.blockOut = 0;
          ib.p += hs;
          this.headerSize = hs;
          this.state = 'lzma2';
          continue;
        }
        case 'lzma2': {
          if (ib.avail < 1) { truncated('LZMA2 chunk'); return; }
          const c = b[ib.p] as number;
          const at = ib.offset;
          const win = this.win as Window;
          const lz = this.lz as LzmaDecoder;
          if (c === 0) {
            ib.p += 1;
            this.state = 'block-end';
            continue;
          }
          // liblzma: a dictionary reset also requires new properties before the next LZMA chunk.
          if (c >= 0xe0 || c === 1) this.needProps = true;
          else if (this.needDictReset) fail('compression.invalid', 'Corrupt xz stream: first LZMA2 chunk does not reset the dictionary', at);
          if (c >= 0x80) {
            const hdr = (c >= 0xc0) ? 6 : 5;
            if (ib.avail < hdr) { truncated('LZMA2 chunk header'); return; }
            const usize = ((c & 0x1f) << 16) + ((b[ib.p + 1] as number) << 8) + (b[ib.p + 2] as number) + 1;
            const csize = ((b[ib.p + 3] as number) << 8) + (b[ib.p + 4] as number) + 1;
            if (ib.avail < hdr + csize) { truncated('LZMA2 chunk'); return; }
            const reset = (c >> 5) & 3;
            if (reset >= 2) {
              lz.setProps(b[ib.p + 5] as number, at + 5);
              this.needProps = false;
            } else if (this.needProps) fail('compression.invalid', 'Corrupt xz stream: LZMA2 chunk without properties', at);
            if (c >= 0xe0) { win.reset(); this.needDictReset = false; }
            if (reset >= 1) lz.resetState();
            const start = ib.p + hdr;
            lz.rcInit(b, start, at + hdr);
            const before = win.total;
            const r = lz.decode(b, start + 5, start + csize, usize, true, ib.base);
            if (r.status === 'end-marker' || win.total - before !== usize) fail('compression.invalid', 'Corrupt xz stream: LZMA2 chunk decodes to the wrong size', at);
            if (r.pos !== start + csize || !lz.finished()) fail('compression.invalid', 'Corrupt xz stream: LZMA2 chunk does not end where its size says', at);
            ib.p = start + csize;
            this.blockOut += usize;
            win.flush();
            continue;
          }
          if (c > 2) fail('compression.invalid', `Corrupt xz stream: LZMA2 control byte 0x${c.toString(16)}`, at);
          if (ib.avail < 3) { truncated('LZMA2 chunk header'); return; }
          const size = ((b[ib.p + 1] as number) << 8) + (b[ib.p + 2] as number) + 1;
          if (ib.avail < 3 + size) { truncated('LZMA2 chunk'); return; }
          if (c === 1) { win.reset(); this.needDictReset = false; }
          for (let i = 0; i < size; i++) win.put(b[ib.p + 3 + i] as number);
          ib.p += 3 + size;
          this.blockOut += size;
          win.flush();
          continue;
        }
        case 'block-end': {
          // blockStart is the block header's offset: padding aligns header + data to 4 bytes.
          const comp = ib.offset - this.blockStart;
          const pad = (4 - (comp % 4)) % 4;
          const cs = CHECK_SIZE[this.checkId] as number;
          if (ib.avail < pad + cs) { truncated('block check'); return; }
          for (let i = 0; i < pad; i++) if (b[ib.p + i] !== 0) fail('compression.invalid', 'Corrupt xz stream: block padding is not zero', ib.offset);
          if (this.declaredComp !== undefined && this.declaredComp !== comp - this.headerSize) fail('compression.invalid', 'Corrupt xz stream: block compressed size differs from its header', ib.offset);
          if (this.declaredOut !== undefined && this.declaredOut !== this.blockOut) fail('compression.invalid', 'Corrupt xz stream: block uncompressed size differs from its header', ib.offset);
          const want = this.check.value();
          if (want) {
            for (let i = 0; i < cs; i++) {
              if (want[i] !== b[ib.p + pad + i]) fail('compression.crc-mismatch', `xz block check (${['', 'CRC-32', '', '', 'CRC-64', '', '', '', '', '', 'SHA-256'][this.checkId]}) does not match the content: corrupted or tampered`, ib.offset + pad);
            }
          }
          ib.p += pad + cs;
          const unpadded = comp + cs; // header + compressed data + check
          this.blocks++;
          this.blockHash = mix(this.blockHash, unpadded, this.blockOut);
          this.state = 'xz-block';
          continue;
        }
        case 'index': {
          // Records one at a time: the index of a stream with many blocks is never held whole.
          if (this.indexCount < 0) {
            const r = readVarint(b, ib.p, ib.n);
            if (!r) { if (ib.avail >= 9) fail('compression.invalid', 'Corrupt xz index', ib.offset); truncated('index'); return; }
            this.indexCrc = crc32(b.subarray(ib.p, r[1]), this.indexCrc);
            this.indexCount = r[0];
            ib.p = r[1];
            if (this.indexCount !== this.blocks) fail('compression.invalid', `Corrupt xz stream: index lists ${this.indexCount} blocks, the stream has ${this.blocks}`, ib.offset);
            continue;
          }
          if (this.indexSeen < this.indexCount) {
            const r1 = readVarint(b, ib.p, ib.n);
            const r2 = r1 && readVarint(b, r1[1], ib.n);
            if (!r1 || !r2) { if (ib.avail >= 18) fail('compression.invalid', 'Corrupt xz index record', ib.offset); truncated('index'); return; }
            this.indexCrc = crc32(b.subarray(ib.p, r2[1]), this.indexCrc);
            this.indexHash = mix(this.indexHash, r1[0], r2[0]);
            this.indexSeen++;
            ib.p = r2[1];
            continue;
          }
          const size = ib.offset - this.indexStart;
          const pad = (4 - (size % 4)) % 4;
          if (ib.avail < pad + 4) { truncated('index'); return; }
          for (let i = 0; i < pad; i++) if (b[ib.p + i] !== 0) fail('compression.invalid', 'Corrupt xz stream: index padding is not zero', ib.offset);
          this.indexCrc = crc32(b.subarray(ib.p, ib.p + pad), this.indexCrc);
          if (this.indexHash !== this.blockHash) fail('compression.invalid', 'Corrupt xz stream: index does not match the blocks', this.indexStart);
          if (this.indexCrc !== u32le(b, ib.p + pad)) fail('compression.crc-mismatch', 'xz index CRC-32 does not match', ib.offset + pad);
          ib.p += pad + 4;
          this.indexSize = size + pad + 4;
          this.state = 'footer';
          continue;
        }
        case 'footer': {
          if (ib.avail < 12) { truncated('stream footer'); return; }
          const at = ib.offset;
          if (crc32(b.subarray(ib.p + 4, ib.p + 10)) !== u32le(b, ib.p)) fail('compression.crc-mismatch', 'xz stream footer CRC-32 does not match', at);
          if ((u32le(b, ib.p + 4) + 1) * 4 !== this.indexSize) fail('compression.invalid', 'Corrupt xz stream: footer backward size does not match the index', at);
          if (b[ib.p + 8] !== 0 || b[ib.p + 9] !== this.flags || b[ib.p + 10] !== 0x59 || b[ib.p + 11] !== 0x5a) fail('compression.invalid', 'Corrupt xz stream: bad stream footer', at);
          ib.p += 12;
          this.streams++;
          this.state = 'stream';
          continue;
        }
      }
    }
  }

  private headerSize = 0;
  private indexSize = 0;

}

function mix(h: number, a: number, b: number): number {
  let x = Math.imul(h ^ (a >>> 0), 0x9e3779b1) ^ Math.floor(a / 2 ** 32);
  x = Math.imul(x ^ (b >>> 0), 0x85ebca77) ^ Math.floor(b / 2 ** 32);
  return (x ^ (x >>> 15)) >>> 0;
}
