// Seeking instead of streaming, where a scanner can say so. A scanner that would only count the bytes ahead (a
// torch storage past its sniffed head, safetensors tensor data, a pickle VM that has stopped) reports how many
// through `ahead()`; composite scanners (file scanner, zip router) answer with what ALL their interpretations need,
// so bytes are passed by only when no interpretation of the streaming scan would look at them. The local reader
// asks; the Hub review never does (it hashes every byte).
import type { Ahead, StreamScanner } from './types.js';

/** Every byte from here is needed. */
export const NEED_ALL: Ahead = Object.freeze({ skip: 0, see: Infinity });
/** Nothing ahead is looked at. */
export const SKIP_ALL: Ahead = Object.freeze({ skip: Infinity, see: 0 });

/** A scanner's answer, or NEED_ALL for one that cannot tell. */
export function aheadOf(s: StreamScanner | undefined): Ahead {
  if (!s) return SKIP_ALL;
  return s.ahead && s.skip ? s.ahead() : NEED_ALL;
}

/** Several readers of the same bytes: skippable only as far as every one of them skips. */
export function combineAhead(all: Iterable<Ahead>): Ahead {
  let skip = Infinity;
  let see = Infinity;
  let needed = false;
  for (const a of all) {
    if (a.skip > 0 && !needed) skip = Math.min(skip, a.skip);
    else if (a.skip <= 0) {
      needed = true;
      see = Math.min(see, Math.max(1, a.see));
    }
  }
  return needed ? { skip: 0, see } : { skip, see: 0 };
}

/** Passes `n` bytes by a scanner that said it may (no-op for undefined). */
export function skipIn(s: StreamScanner | undefined, n: number): void {
  if (!s || n <= 0) return;
  if (!s.skip) throw new Error('skip() on a scanner that cannot skip');
  s.skip(n);
}
