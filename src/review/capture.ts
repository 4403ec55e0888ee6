// Keeps the text of small files (model card, configs, scripts) as their bytes stream past the scanners, so
// repository checks can read them without fetching anything twice. It plugs into the file scanner's seam, so it
// sees every stream the scanners see — top-level files and container members alike — whatever they sniff as (a
// `.py` with a NUL byte is still read by Python). Bounded per stream and per review.
import type { TextAnalyzer } from '../scan/file-scanner.js';
import type { StreamScanner } from '../scan/types.js';

export class TextCapture {
  private readonly texts = new Map<string, string>();
  private readonly over: string[] = [];
  private used = 0;

  constructor(
    /** Largest stream kept. */
    readonly perFile = 1024 * 1024,
    /** Total kept per review. */
    readonly total = 64 * 1024 * 1024
  ) {}

  /** The scanner seam: a collector for a stream small enough to keep, else undefined. */
  readonly analyzer: TextAnalyzer = (ctx): StreamScanner | undefined => {
    if (ctx.size !== undefined && (ctx.size > this.perFile || this.used + ctx.size > this.total)) {
      this.over.push(ctx.path);
      return undefined;
    }
    const parts: Uint8Array[] = [];
    let n = 0;
    let over = false;
    return {
      push: (chunk) => {
        if (over) return;
        n += chunk.length;
        if (n > this.perFile || this.used + n > this.total) {
          over = true;
          parts.length = 0;
          this.over.push(ctx.path);
          return;
        }
        parts.push(chunk.slice()); // chunks are borrowed: keep a copy
      },
      end: () => {
        if (!over) {
          this.used += n;
          this.texts.set(ctx.path, Buffer.concat(parts).toString('utf8'));
        }
        return { formats: [], findings: [], complete: true };
      }
    };
  };

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Paths of every stream kept, container members included. */
  paths(): string[] {
    return [...this.texts.keys()];
  }

  /** Paths of streams not kept because of the per-stream or per-review limit. */
  skipped(): string[] {
    return [...this.over];
  }
}
