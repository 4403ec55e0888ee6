// model-gate CLI entry. The compile cache is turned on before the CLI's chunks load (a static import would load
// them first), then the CLI runs (src/cli/main.ts).
import { enableCliCompileCache } from './cli/compile-cache.js';
import { steadyHeap } from './core/steady-heap.js';

// Memory that follows what a review holds, not how fast it allocates (core/steady-heap.ts).
steadyHeap();

enableCliCompileCache();
await import('./cli/main.js');
