// What the decoders of compressed streams share: an owned input buffer (pushed chunks are only valid during the
// push, so a decoder copies what it has not consumed) and the way they report output, failures and what follows
// the last stream.

/** Where output goes; returns false when the consumer wants no more (a limit was hit): the decoder stops. */
export type Emit = (chunk: Uint8Array) => boolean;

export interface DecodeFailure {
  /** compression.invalid (corrupt or truncated), compression.crc-mismatch, compression.window, compression.unsupported */
  check: string;
  message: string;
  /** Offset in the compressed stream. */
  offset: number;
}

export interface StreamDecoder {
  push(chunk: Uint8Array): void;
  end(): void;
  /** Set once the stream could not be read to its end: no output follows it. */
  failure: DecodeFailure | undefined;
  /** Streams (or frames) decoded to their end. */
  streams: number;
  /** Bytes after the last stream that the loader's decompressor rejects at once (so ignores); zero bytes excluded. */
  trailing: { offset: number; bytes: number } | undefined;
}

/** The largest window (LZMA dictionary, zstd window) held in memory; a stream that needs more fails closed. */
export const MAX_WINDOW = 128 * 1024 * 1024;

/** Compressed bytes not yet consumed, copied from the pushed chunks; `base` is the stream offset of `b[0]`. */
export class InBuf {
  b = new Uint8Array(0);
  p = 0;
  n = 0;
  base = 0;
  append(chunk: Uint8Array): void {
    const keep = this.n - this.p;
    if (keep + chunk.length > this.b.length) {
      const nb = new Uint8Array(Math.max(keep + chunk.length, Math.min(this.b.length * 2, keep + chunk.length + (1 << 20))));
      nb.set(this.b.subarray(this.p, this.n), 0);
      this.b = nb;
    } else if (this.p > 0) this.b.copyWithin(0, this.p, this.n);
    this.base += this.p;
    this.p = 0;
    this.n = keep;
    this.b.set(chunk, this.n);
    this.n += chunk.length;
  }
  get avail(): number { return this.n - this.p; }
  get offset(): number { return this.base + this.p; }
  /** Drops the buffer when everything has been consumed, so a large chunk's copy is not kept. */
  release(): void {
    if (this.p === this.n && this.b.length > 1 << 20) {
      this.base += this.p;
      this.b = new Uint8Array(0);
      this.p = this.n = 0;
    }
  }
}

export const u32le = (b: Uint8Array, i: number): number => ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>> 0;

/** Thrown inside a decoder to stop with a failure; caught at the push/end boundary. */
export class Stop extends Error {
  constructor(readonly failure: DecodeFailure) { super(failure.message); }
}

export const fail = (check: string, message: string, offset: number): never => { throw new Stop({ check, message, offset }); };

/**
 * What every decoder here does around its own format: no input once failed or stopped; bytes after the last stream
 * counted (zero bytes excluded) instead of decoded; the format's `steps` run over the buffered input, a `Stop`
 * becoming the failure; consumed input released. A decoder implements `steps` and says when it is trailing.
 */
export abstract class DecoderShell implements StreamDecoder {
  failure: DecodeFailure | undefined;
  streams = 0;
  trailing: { offset: number; bytes: number } | undefined;
  protected inb = new InBuf();
  protected stopped = false;

  /** The last stream has ended: what follows is trailing bytes, not input. */
  protected abstract inTrail(): boolean;
  protected abstract steps(final: boolean): void;

  push(chunk: Uint8Array): void {
    if (this.failure || this.stopped) return;
    if (this.inTrail()) return this.countTrailing(chunk);
    this.inb.append(chunk);
    this.run(false);
  }

  end(): void {
    if (this.failure || this.stopped) return;
    this.run(true);
  }

  protected countTrailing(chunk: Uint8Array): void {
    if (this.trailing) this.trailing.bytes += chunk.length;
    else if (chunk.some((b) => b !== 0)) this.trailing = { offset: this.inb.offset, bytes: chunk.length };
  }

  protected run(final: boolean): void {
    try {
      this.steps(final);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      this.failure = e.failure;
    }
    this.inb.release();
  }
}
