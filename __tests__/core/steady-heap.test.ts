// The reviewing process's heap policy is honoured by V8 although the process is already running (the action cannot
// pass V8 flags on its command line). A child process holds a steady set of live objects while allocating
// short-lived ones, as a review does per file; its heap must follow what is live. (Not applied in this process:
// it would change the garbage collection of every later suite in the same jest worker.)
import { execFileSync } from 'node:child_process';
import { STEADY_HEAP_FLAGS } from '../../src/core/steady-heap.js';

const CHURN = `
const v8 = require('node:v8');
for (const f of JSON.parse(process.argv[1])) v8.setFlagsFromString(f);
const live = [];
for (let i = 0; i < 100000; i++) live.push({ path: 'dir/' + i + '/file-' + i + '.json', n: i, h: i.toString(16).padStart(40, '0') });
let max = 0;
const recent = new Array(2000);
for (let i = 0; i < 1500000; i++) {
  recent[i % 2000] = { a: i, b: [i, i + 1], c: 'x' + i };
  if ((i & 1023) === 0) max = Math.max(max, process.memoryUsage().heapTotal);
}
process.stdout.write(String(live.length === 100000 ? max : -1));
`;

function peakHeapTotal(flags: readonly string[]): number {
  return Number(execFileSync(process.execPath, ['-e', CHURN, JSON.stringify(flags)], { encoding: 'utf8' }));
}

test('V8 honours the flags set at run time: the heap stays near what is live', () => {
  const defaults = peakHeapTotal([]);
  const steady = peakHeapTotal(STEADY_HEAP_FLAGS);
  expect(steady).toBeGreaterThan(0);
  // Measured: about 110 MiB with V8's defaults, 59 MiB with the flags, for about 50 MiB live.
  expect(steady).toBeLessThan(defaults * 0.75);
});
