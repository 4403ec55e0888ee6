// Action entry (action.yml runs dist/index.js, built from this file): everything lives in src/action/.
import { main } from './action/main.js';
import { steadyHeap } from './core/steady-heap.js';

steadyHeap();
await main();
