// The entry of dist/scan.cjs: `model-gate scan` as one classic script, run by src/cli.ts through vm.Script so that
// V8's code cache can keep the functions a scan compiles while it runs (cli/script-cache.ts). The command, its
// io and its conventions are the ones the module CLI uses (cli/scan.ts, cli/process-io.ts, cli/invoke.ts).
import { processIO, settle } from './process-io.js';
import { runLoaded } from './invoke.js';
import { type ScanTrace, USAGE, runScan } from './scan.js';
import { steadyHeapApplied } from '../core/steady-heap.js';

/**
 * Runs `model-gate scan` on the process's arguments, and says what the run did (cli/scan.ts ScanTrace, as strings):
 * undefined when there is nothing to keep: no report (help, a usage error), or V8's flags were changed by the heap
 * policy, which V8 would refuse a cache written now for at the next start.
 */
export async function main(): Promise<string[] | undefined> {
  const io = processIO();
  let trace: ScanTrace | undefined;
  const run = (args: string[]): Promise<number> => runScan(args, io, (t) => { trace = t; });
  await settle(runLoaded('scan', { run, usage: USAGE }, process.argv.slice(3), io), io);
  if (trace === undefined || steadyHeapApplied()) return undefined;
  const { output, formats, checks } = trace;
  return [`output ${output}`, ...formats.map((f) => `format ${f}`), ...checks.map((c) => `check ${c}`)];
}
