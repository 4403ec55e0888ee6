// Zstandard frames (pandas' .zst, zstandard.open): frames and skippable frames one after another. The frames are
// split here (header, then each block by its 3-byte header) and each frame's bytes go to fzstd's streaming
// decoder (101arrowz, pure JS); the window a frame declares is checked against MAX_WINDOW before fzstd allocates
// it, and the content checksum (low 32 bits of xxHash64), which fzstd skips, is verified here.
import { Decompress } from 'fzstd';
import { Xxh64 } from './checksums.js';
import { DecoderShell, fail, MAX_WINDOW, Stop, u32le, type Emit } from './stream.js';

const EMPTY = new Uint8Array(0);
/** Window bytes moved per byte produced, beyond a fixed allowance, before a frame is refused (typical: 16–64). */
const WORK_FACTOR = 128;
const WORK_ALLOWANCE = 2 ** 30;

export class ZstdDecoder extends DecoderShell {
  private state: 'magic' | 'skip' | 'block' | 'checksum' | 'trail' = 'magic';
  private skipLeft = 0;
  private dec: Decompress | undefined;
  private hash: Xxh64 | undefined;
  private contentSize: number | undefined;
  private produced = 0;
  private lastBlock = false;
  private frameAt = 0;
  /** fzstd moves its whole window on every block: the bytes moved so far, against the bytes produced. */
  private windowBytes = 0;
  private moved = 0;
  private total = 0;

  constructor(private readonly emit: Emit) {
    super();
  }

  protected inTrail(): boolean {
    return this.state === 'trail';
  }


  private feed(bytes: Uint8Array, final = false): void {
    // fzstd keeps references to what it is given: hand it a copy (pushed chunks are only valid during push).
    try {
      (this.dec as Decompress).push(final ? bytes : bytes.slice(), final);
    } catch (e) {
      if (e instanceof Stop) throw e;
      // fzstd's errors (invalid data, bad block type, distance too far back, unexpected end) and anything else it
      // throws on hostile input: the frame is corrupt for us, never a crash.
      fail('compression.invalid', `Corrupt zstd frame: ${e instanceof Error ? e.message : String(e)}`, this.frameAt);
    }
  }

  protected steps(final: boolean): void {
    const ib = this.inb;
    for (;;) {
      if (this.stopped) return;
      const b = ib.b;
      const truncated = (what: string): void => { if (final) fail('compression.invalid', `Corrupt zstd stream: truncated ${what}`, ib.offset); };
      switch (this.state) {
        case 'trail': return;
        case 'magic': {
          if (ib.avail < 4) {
            if (!final) return;
            if (this.streams === 0) fail('compression.invalid', 'Corrupt zstd stream: truncated frame header', ib.offset);
            if (b.subarray(ib.p, ib.n).some((x) => x !== 0)) this.trailing = { offset: ib.offset, bytes: ib.avail };
            ib.p = ib.n;
            return;
          }
          const m = u32le(b, ib.p);
          this.frameAt = ib.offset;
          if ((m & 0xfffffff0) >>> 0 === 0x184d2a50) {
            if (ib.avail < 8) { truncated('skippable frame'); return; }
            this.skipLeft = u32le(b, ib.p + 4);
            ib.p += 8;
            this.state = 'skip';
            continue;
          }
          if (m !== 0xfd2fb528) {
            if (this.streams === 0) fail('compression.invalid', 'Corrupt zstd stream: bad frame magic', ib.offset);
            this.state = 'trail';
            const rest = b.subarray(ib.p, ib.n);
            ib.p = ib.n;
            this.countTrailing(rest);
            if (this.trailing) this.trailing.offset = this.frameAt;
            return;
          }
          if (ib.avail < 5) { truncated('frame header'); return; }
          const fhd = b[ib.p + 4] as number;
          const single = (fhd >> 5) & 1, fcsFlag = fhd >> 6, dictFlag = fhd & 3;
          if (fhd & 8) fail('compression.invalid', 'Corrupt zstd frame: reserved header bit set', ib.offset + 4);
          const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
          const hlen = 5 + (single ? 0 : 1) + [0, 1, 2, 4][dictFlag]! + fcsBytes;
          if (ib.avail < hlen) { truncated('frame header'); return; }
          let q = ib.p + 5;
          let window = 0;
          if (!single) {
            const wd = b[q++] as number;
            const wb = 2 ** (10 + (wd >> 3));
            window = wb + (wb / 8) * (wd & 7);
          }
          let dictId = 0;
          for (let i = 0, n = [0, 1, 2, 4][dictFlag]!; i < n; i++) dictId += (b[q++] as number) * 2 ** (8 * i);
          let fcs: number | undefined;
          if (fcsBytes > 0) {
            fcs = 0;
            for (let i = 0; i < fcsBytes; i++) fcs += (b[q++] as number) * 2 ** (8 * i);
            if (fcsBytes === 2) fcs += 256;
          }
          if (single) window = fcs ?? 0;
          if (dictId !== 0) fail('compression.unsupported', `zstd frame needs dictionary ${dictId}, which the file does not carry (pandas and zstandard.open would fail too)`, ib.offset);
          if (window > MAX_WINDOW) {
            fail('compression.window', `zstd frame declares a ${Math.ceil(window / 2 ** 20)} MiB window, more than the ${MAX_WINDOW >> 20} MiB this scanner holds`, ib.offset);
          }
          this.contentSize = fcs;
          this.windowBytes = window;
          this.produced = 0;
          this.hash = fhd & 4 ? new Xxh64() : undefined;
          this.dec = new Decompress((data) => {
            if (this.stopped || data.length === 0) return;
            this.produced += data.length;
            this.total += data.length;
            this.hash?.update(data);
            if (!this.emit(data)) this.stopped = true;
          });
          this.feed(b.subarray(ib.p, ib.p + hlen));
          ib.p += hlen;
          this.lastBlock = false;
          this.state = 'block';
          continue;
        }
        case 'skip': {
          const k = Math.min(this.skipLeft, ib.avail);
          ib.p += k;
          this.skipLeft -= k;
          if (this.skipLeft > 0) { truncated('skippable frame'); return; }
          this.streams++;
          this.state = 'magic';
          continue;
        }
        case 'block': {
          if (this.lastBlock) {
            this.state = 'checksum';
            continue;
          }
          if (ib.avail < 3) { truncated('block header'); return; }
          const h = (b[ib.p] as number) | ((b[ib.p + 1] as number) << 8) | ((b[ib.p + 2] as number) << 16);
          const type = (h >> 1) & 3;
          if (type === 3) fail('compression.invalid', 'Corrupt zstd frame: reserved block type', ib.offset);
          const size = type === 1 ? 1 : h >>> 3;
          if (ib.avail < 3 + size) { truncated('block'); return; }
          this.lastBlock = (h & 1) === 1;
          // Bound the decoder's work: a large window with many small blocks would move gigabytes per megabyte.
          this.moved += this.windowBytes;
          if (this.moved > WORK_FACTOR * this.total + WORK_ALLOWANCE) {
            fail('compression.window', `zstd frame with a ${Math.ceil(this.windowBytes / 2 ** 20)} MiB window and ${this.total} bytes out so far needs more work per byte than this scanner allows (the decoder moves its window on every block)`, ib.offset);
          }
          this.feed(b.subarray(ib.p, ib.p + 3 + size));
          ib.p += 3 + size;
          continue;
        }
        case 'checksum': {
          const n = this.hash ? 4 : 0;
          if (ib.avail < n) { truncated('frame checksum'); return; }
          if (n) this.feed(b.subarray(ib.p, ib.p + n));
          this.feed(EMPTY, true);
          if (this.stopped) return;
          if (this.contentSize !== undefined && this.contentSize !== this.produced) {
            fail('compression.invalid', `Corrupt zstd frame: declares ${this.contentSize} bytes of content, decodes to ${this.produced}`, this.frameAt);
          }
          if (this.hash && this.hash.digestLow32() !== u32le(b, ib.p)) fail('compression.crc-mismatch', 'zstd frame checksum does not match the content: corrupted or tampered', ib.offset);
          ib.p += n;
          this.dec = undefined;
          this.streams++;
          this.state = 'magic';
          continue;
        }
      }
    }
  }
}
