// The seam every format plugin implements (registered in index.ts).
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions, NestedScan } from '../kit.js';

export interface FormatPlugin {
  /** The format label reports show (e.g. `onnx`, `tensorboard-events`). */
  format: string;
  /**
   * Whether these bytes are this format. `head` is up to 64 KiB from the start (all of it when the stream is
   * shorter), `size` the whole stream's size when known, `tail` its last bytes when the caller read them first.
   * Must be cheap and must not throw.
   */
  claims(head: Uint8Array, ctx: FileContext): boolean;
  /** A scanner for the whole stream (it receives the head again as its first chunk). */
  create(ctx: FileContext, opts: FileScanOptions, nested: NestedScan): StreamScanner;
  /** Data only: nothing in this format can run code, so it is never part of a polyglot finding. */
  dataOnly?: boolean;
}
