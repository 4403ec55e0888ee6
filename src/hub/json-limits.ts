// Limits on JSON from the Hub, checked on the bytes as they arrive, before anything is parsed: JSON.parse of
// 60 MB of nested arrays (58 KB gzip on the wire) takes a process to 3 GB, so depth and node counts must fail
// while the body is still small. A structural scan (strings and escapes skipped, brackets and separators
// counted) is enough: the parse that follows sees only bodies that passed.

export interface JsonLimits {
  /** Decompressed bytes. */
  maxBytes: number;
  /** Nesting of arrays and objects. */
  maxDepth: number;
  /** Arrays, objects and separated values (each `[`, `{`, `,` counts one). */
  maxNodes: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 1_000_000
};

/** Counts as bytes arrive; `feed` returns a reason once a limit is exceeded, else undefined. */
export class JsonLimiter {
  private bytes = 0;
  private depth = 0;
  private nodes = 1;
  private inString = false;
  private escaped = false;

  constructor(private readonly limits: JsonLimits) {}

  feed(chunk: Uint8Array): string | undefined {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limits.maxBytes) return `larger than ${this.limits.maxBytes} bytes (decompressed)`;
    const { maxDepth, maxNodes } = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) this.inString = false;
        continue;
      }
      switch (b) {
        case 0x22:
          this.inString = true;
          break;
        case 0x5b: // [
        case 0x7b: // {
          if (++this.depth > maxDepth) return `nested deeper than ${maxDepth} levels (at byte ${this.bytes - chunk.length + i})`;
          if (++this.nodes > maxNodes) return `more than ${maxNodes} values (at byte ${this.bytes - chunk.length + i})`;
          break;
        case 0x5d: // ]
        case 0x7d: // }
          this.depth--;
          break;
        case 0x2c: // ,
          if (++this.nodes > maxNodes) return `more than ${maxNodes} values (at byte ${this.bytes - chunk.length + i})`;
          break;
      }
    }
    return undefined;
  }
}
