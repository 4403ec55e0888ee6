// The seam between byte streams and analyzers. Scanners are push-based: the verified download (or a file
// read) hands them chunks in order, exactly once; they keep bounded state and never ask for bytes again.
import type { Finding } from '../core/findings.js';

/** What a scanner is told about the file before its bytes arrive. */
export interface FileContext {
  /** Repository-relative POSIX path (or the local path for `model-gate scan`). */
  path: string;
  /** Total size in bytes when known up front (Hub tree, stat). */
  size?: number;
  /**
   * The last bytes of the file, when the caller fetched them first (a Range request on the Hub, a positioned
   * read locally). Zip-shaped files need their central directory before the stream to route member bytes.
   */
  tail?: Uint8Array;
}

export interface ScanOutcome {
  /** Formats recognised by content, e.g. ['zip', 'pytorch-zip'] or ['pickle']; several for polyglots. */
  formats: string[];
  findings: Finding[];
  /**
   * False when some bytes were not fully examined (parse error, limit hit, unsupported variant).
   * A scanner that returns complete:false must also return a blocking finding saying why.
   */
  complete: boolean;
  /** Format-specific facts for reports (pickle globals, safetensors tensor count, weights_only verdict…). */
  details?: Record<string, unknown>;
}

/**
 * Chunk ownership: a chunk passed to `push(chunk)` is only valid during that call. The caller may reuse its memory
 * for the next read as soon as `push` returns (the verified download reads into one buffer), so a scanner that
 * needs bytes later (a header being assembled, an opcode cut at the chunk's end, small text) copies exactly those
 * bytes (`slice()`), never keeps a view (`subarray`) of the chunk. Bytes that are only counted, hashed, skipped or
 * handed on to a nested scanner during the call are not copied. __tests__/scan/chunk-ownership.test.ts holds
 * every scanner to this.
 */
export interface StreamScanner {
  push(chunk: Uint8Array): void;
  end(): ScanOutcome;
  /**
   * Optional, for readers that can pass bytes by unread (local files; never the Hub review, which hashes every
   * byte): what the scanner does with the bytes ahead. A scanner without it needs every byte. See ahead.ts.
   */
  ahead?(): Ahead;
  /** The next `n` bytes pass by unseen; only ever `n <= ahead().skip`. Positions and counts move on as if pushed. */
  skip?(n: number): void;
}

/**
 * What a scanner does with the bytes ahead of its position. `skip > 0`: the next `skip` bytes would only be
 * counted (no interpretation any loader makes of them is read from them), so a reader may pass them by with
 * `skip()`. `skip === 0`: the next bytes are needed; `see` says how many at least before asking again
 * (Infinity: every byte from here).
 */
export interface Ahead {
  skip: number;
  see: number;
}
