// Keeps the text of small files (model card, configs, scripts) during the single download pass, so repository
// checks can read them without fetching anything twice. Bounded per file and per repository.
import type { ByteConsumer } from '../hub/download.js';

export class TextCapture {
  private readonly texts = new Map<string, string>();
  private used = 0;

  constructor(
    /** Largest file kept. */
    readonly perFile = 1024 * 1024,
    /** Total kept per repository. */
    readonly total = 64 * 1024 * 1024
  ) {}

  /** A consumer for `path` when it is small enough to keep, else undefined. */
  consumerFor(path: string, size: number): ByteConsumer | undefined {
    if (size > this.perFile || this.used + size > this.total) return undefined;
    this.used += size;
    const chunks: Uint8Array[] = [];
    return {
      // The download reuses its read buffer: keep a copy (files here are at most perFile bytes).
      borrowsChunks: true,
      write: (chunk) => {
        chunks.push(chunk.slice());
      },
      end: () => {
        this.texts.set(path, Buffer.concat(chunks).toString('utf8'));
      }
    };
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }
}
