// Action entry (action.yml runs dist/index.js, built from this file): everything lives in src/action/.
// The action cannot pass Node flags on its command line, so it restarts itself with the few V8 reads only at start
// (core/steady-heap.ts) before its code is loaded, then sets the heap policy V8 reads at run time.
import { restartWithStartFlags, steadyHeap } from './core/steady-heap.js';

restartWithStartFlags();
steadyHeap();
const { main } = await import('./action/main.js');
await main();
