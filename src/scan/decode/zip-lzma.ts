// A zip member compressed with LZMA (method 14) as Python's zipfile reads it: a 4-byte header (LZMA SDK version,
// then the length of the properties, which for LZMA1 must be 5), the 5 properties bytes (lc/lp/pb and the
// dictionary size), then a raw LZMA1 stream that zipfile's writer ends with an end-of-stream marker. The stream is
// handed to the .lzma decoder behind the header a .lzma file would carry (size unknown: the marker ends it), so the
// same LZMA code and limits read it. np.load reaches such members through zipfile; torch's reader refuses them.
import { XzDecoder } from './xz.js';
import type { DecodeFailure, Emit, StreamDecoder } from './stream.js';

const HEADER = 4;
const PROPS = 5;

export class ZipLzmaDecoder implements StreamDecoder {
  failure: DecodeFailure | undefined;
  private head = new Uint8Array(HEADER + PROPS);
  private have = 0;
  private inner: XzDecoder | undefined;

  constructor(private readonly emit: Emit) {}

  get streams(): number {
    return this.inner?.streams ?? 0;
  }

  get trailing(): { offset: number; bytes: number } | undefined {
    const t = this.inner?.trailing;
    return t ? { offset: t.offset + HEADER + PROPS - 13, bytes: t.bytes } : undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.failure) return;
    let c = chunk;
    if (!this.inner) {
      const take = Math.min(c.length, this.head.length - this.have);
      this.head.set(c.subarray(0, take), this.have);
      this.have += take;
      c = c.subarray(take);
      if (this.have < HEADER) return;
      const propsLen = (this.head[2] as number) | ((this.head[3] as number) << 8);
      if (propsLen !== PROPS) {
        this.failure = { check: 'compression.invalid', message: `the LZMA properties are ${propsLen} bytes; LZMA1 has 5`, offset: 2 };
        return;
      }
      if (this.have < HEADER + PROPS) return;
      this.inner = new XzDecoder(this.emit);
      // The .lzma header: the 5 properties bytes, then an unknown uncompressed size (all ones).
      const alone = new Uint8Array(13).fill(0xff);
      alone.set(this.head.subarray(HEADER, HEADER + PROPS), 0);
      this.inner.push(alone);
    }
    if (c.length > 0) this.inner.push(c);
    this.adopt();
  }

  end(): void {
    if (this.failure) return;
    if (!this.inner) {
      this.failure = { check: 'compression.invalid', message: `the member ends inside its ${HEADER + PROPS}-byte LZMA header`, offset: this.have };
      return;
    }
    this.inner.end();
    this.adopt();
  }

  /** The inner decoder's failure, with offsets in the member's terms. */
  private adopt(): void {
    const f = this.inner?.failure;
    if (f && !this.failure) this.failure = { ...f, offset: Math.max(0, f.offset + HEADER + PROPS - 13) };
  }
}
