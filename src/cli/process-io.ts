// The CLI's process: its arguments, streams and environment as a CliIO, and the one way a run ends. Shared by the
// CLI's module entry (cli/main.ts) and the scan script (cli/scan-main.ts), so both print and exit the same way.
// The global `process`, not `import from 'node:process'`: an ESM import of a built-in builds its namespace from
// every export, which runs process's lazy getters (report, finalization, ...) and loads a dozen of Node's internal
// modules: about 8% of the instructions of a local scan's whole process (callgrind).
import { type CliIO, terminalSafe } from './io.js';
import { EXIT } from './conventions.js';
import { processWriter } from './fd-writer.js';
import { redact, rememberSecret } from '../core/secrets.js';

/** The process's io: every line redacted (core/secrets.ts), made terminal-safe, written to the descriptor. */
export function processIO(): CliIO {
  // Every secret the CLI can know from its environment; HubHttp and `sign` add theirs as they read them.
  for (const name of ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN']) rememberSecret(process.env[name]);
  // cli/fd-writer.ts: process.stdout and process.stderr are created only if a write needs them.
  const out = processWriter(1);
  const err = processWriter(2);
  return {
    stdout: (t) => out(terminalSafe(redact(t))),
    stderr: (t) => err(terminalSafe(redact(t))),
    env: process.env,
    cwd: process.cwd(),
    // Read only by the commands that draw progress: asking creates process.stderr.
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    }
  };
}

/**
 * Ends the run with the command's exit code. exitCode rather than exit(): lets output that fell back to a stream
 * drain, and lets `serve` keep running. A rejection that escaped the dispatcher is one line and exit 4.
 */
export function settle(run: Promise<number>, io: CliIO): Promise<void> {
  return run.then((code) => { process.exitCode = code; }, (e) => {
    io.stderr(`model-gate: ${String(e)}\n`);
    process.exit(EXIT.failure);
  });
}
