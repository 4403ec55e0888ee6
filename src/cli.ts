// model-gate CLI entry. The compile cache is turned on before the CLI's chunks load (a static import would load
// them first), then the CLI runs (src/cli/main.ts). The heap policy is set per command (src/cli/run.ts).
import { enableCliCompileCache } from './cli/compile-cache.js';
import { restartWithStartFlags } from './core/steady-heap.js';

// The commands that hold a review of many files restart once with the V8 flags read only at start, as the action
// does (core/steady-heap.ts): a second start of Node (tens of milliseconds) against the 16-19 MiB of compile-thread
// arenas a 50,000-file review otherwise keeps. Not `scan`, whose whole run is often shorter than that start.
if (['review', 'bom', 'audit', 'fetch', 'mirror'].includes(process.argv[2] ?? '')) restartWithStartFlags();

enableCliCompileCache();
await import('./cli/main.js');
