// model-gate CLI entry. `scan` runs from one classic script with a code cache written after it ran
// (cli/script-cache.ts: a local scan is mostly start); every other command, and `scan` when that script is not
// there, runs through the CLI's modules (src/cli/main.ts) with Node's compile cache turned on before they load
// (a static import would load them first). The heap policy is set per command (src/cli/run.ts).
import { EXIT } from './cli/conventions.js';
import { enableCliCompileCache } from './cli/compile-cache.js';
import { runScanScript } from './cli/script-cache.js';
import { restartWithStartFlags } from './core/steady-heap.js';

const [command = '', ...args] = process.argv.slice(2);
// The commands that hold a review of many files restart once with the V8 flags read only at start, as the action
// does (core/steady-heap.ts): a second start of Node (tens of milliseconds) against the 16-19 MiB of compile-thread
// arenas a 50,000-file review otherwise keeps. Not `scan`, whose whole run is often shorter than that start.
if (['review', 'bom', 'audit', 'fetch', 'mirror'].includes(command)) restartWithStartFlags();

// The script's command ends the run itself (exit code, errors: cli/process-io.ts); what can fail here is the
// script itself, which is a failure of the tool (exit 4), never read as "findings block" (Node's own exit 1).
const ranScript = command === 'scan' && await runScanScript(`${import.meta.dirname}/scan.cjs`, args).catch((e: unknown) => {
  process.stderr.write(`model-gate: dist/scan.cjs could not run (${String(e)}): reinstall model-gate\n`);
  process.exit(EXIT.failure);
});
if (!ranScript) {
  enableCliCompileCache(args);
  await import('./cli/main.js');
}
