// The V8 heap policy of a reviewing process (the action, the CLI): memory that follows what the review holds, not
// how fast it allocates. A review of many small files allocates tens of kilobytes per file (requests, scanners)
// and keeps a few hundred bytes; with V8's defaults the young generation grows to 3 × 16 MiB and the old
// generation grows up to four-fold over what is live before it is collected, so a 50,000-file review reached
// 370 MiB while 60-100 MB was live (bench/results/many-files.md).
// The sizes of the heap are fixed when the process starts (--max-semi-space-size cannot be set later, and the
// action runs as `node dist/index.js`), but these two are read whenever V8 grows a space, so setting them early
// takes effect: the young generation stays well under its default 64 MiB (3-29 MiB measured; V8 still resizes it on
// its own schedule), and the old generation grows by a quarter over the live data between full collections. They
// change when memory is collected, never what a program computes.

/** The flags, as V8 reads them. */
export const STEADY_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=25'] as const;

let applied = false;

/** Whether STEADY_HEAP_FLAGS were applied to this process. */
export function steadyHeapApplied(): boolean {
  return applied;
}

/** Applies STEADY_HEAP_FLAGS to this process, once; true when this call applied them. */
export function steadyHeap(): boolean {
  if (applied) return false;
  // node:v8 on first use: loading it costs a start of the CLI about 3% of a local scan's instructions.
  const v8 = process.getBuiltinModule('node:v8');
  for (const flag of STEADY_HEAP_FLAGS) v8.setFlagsFromString(flag);
  applied = true;
  return true;
}

/**
 * V8 flags read only when the process starts, so the reviewing process restarts itself with them (restartWithStartFlags).
 * `--no-concurrent-recompilation`: optimising compilation runs on the main thread instead of V8's worker threads.
 * Each worker's compile zones are malloc'd in a glibc arena of that thread, and the arenas stay resident once grown:
 * 16-19 MiB of a 50,000-file review's 160 MiB peak, against 3-6 MiB without (bench/results/many-files.md). The
 * same code is compiled, only on another thread; what a program computes does not change.
 */
export const START_FLAGS = ['--no-concurrent-recompilation'] as const;

/** Set in the restarted process's environment, so it never restarts again whatever its arguments say. */
const RESTARTED = 'MODEL_GATE_RESTARTED';

/**
 * Replaces this process (same pid, same stdio and environment, via execve) with one started with START_FLAGS, when
 * it was not. Returns when it does not restart: already restarted or started with them, not Linux (execve is POSIX
 * only, and the arenas measured are glibc's), or execve unavailable or refused; the review then runs as before.
 * Call it first, before anything is read or written: nothing of this process survives the restart.
 */
export function restartWithStartFlags(): void {
  if (process.env[RESTARTED] === '1' || START_FLAGS.every((f) => process.execArgv.includes(f))) return;
  if (process.platform !== 'linux' || typeof process.execve !== 'function') return;
  try {
    // The flags first: Node's own options (and `-e CODE`) keep their place before the script and its arguments.
    process.execve(process.execPath, [process.execPath, ...START_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, [RESTARTED]: '1' });
  } catch {
    // Not restarted (e.g. the binary cannot be executed again): the review runs here, with the run-time policy.
  }
}
