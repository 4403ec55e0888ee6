// Format scanners added beside the built-in ones: each recognises its bytes by content (a signature in the head,
// or a structure check) and reads them the way its loader does. file-scanner.ts asks every plugin about every
// stream; a plugin that claims a stream adds an interpretation, it never removes one (the pickle VM and the other
// scanners still run).
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions, NestedScan } from '../kit.js';
import { TORCHSCRIPT_CODE_PLUGIN } from './torchscript.js';

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

/** Every plugin, in the order they are asked. */
export const FORMAT_PLUGINS: readonly FormatPlugin[] = [TORCHSCRIPT_CODE_PLUGIN];
