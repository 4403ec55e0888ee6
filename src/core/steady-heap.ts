// The V8 heap policy of a reviewing process (the action, the CLI): memory that follows what the review holds, not
// how fast it allocates. A review of many small files allocates tens of kilobytes per file (requests, scanners)
// and keeps a few hundred bytes; with V8's defaults the young generation grows to 3 × 16 MiB and the old
// generation grows up to four-fold over what is live before it is collected, so a 50,000-file review reached
// 370 MiB while 60-100 MB was live (bench/results/many-files.md).
// The sizes of the heap are fixed when the process starts (--max-semi-space-size cannot be set later, and the
// action runs as `node dist/index.js`), but these two are read whenever V8 grows a space, so setting them early
// takes effect: the young generation stays at its initial size, and the old generation grows by a quarter over
// the live data between full collections. They change when memory is collected, never what a program computes.
import { setFlagsFromString } from 'node:v8';

/** The flags, as V8 reads them. */
export const STEADY_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=25'] as const;

let applied = false;

/** Applies STEADY_HEAP_FLAGS to this process, once; true when this call applied them. */
export function steadyHeap(): boolean {
  if (applied) return false;
  for (const flag of STEADY_HEAP_FLAGS) setFlagsFromString(flag);
  applied = true;
  return true;
}
