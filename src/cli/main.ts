// The CLI proper (loaded by src/cli.ts): the process's arguments, streams and environment, handed to the dispatcher
// (src/cli/run.ts). The global `process`, not `import from 'node:process'`: an ESM import of a built-in builds its
// namespace from every export, which runs process's lazy getters (report, finalization, ...) and loads a dozen of
// Node's internal modules: about 8% of the instructions of a local scan's whole process (callgrind).
import { type CliIO, terminalSafe } from './io.js';
import { EXIT } from './conventions.js';
import { processWriter } from './fd-writer.js';
import { runCli } from './run.js';
import { redact, rememberSecret } from '../core/secrets.js';

// Every secret the CLI can know from its environment; HubHttp and `sign` add theirs as they read them.
for (const name of ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN']) rememberSecret(process.env[name]);

// The one exit for text: redacted (core/secrets.ts), then made terminal-safe, then written to the descriptor
// (cli/fd-writer.ts: process.stdout and process.stderr are created only if a write needs them).
const out = processWriter(1);
const err = processWriter(2);
const io: CliIO = {
  stdout: (t) => out(terminalSafe(redact(t))),
  stderr: (t) => err(terminalSafe(redact(t))),
  env: process.env,
  cwd: process.cwd(),
  // Read only by the commands that draw progress: asking creates process.stderr.
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  }
};

// exitCode rather than exit(): lets output that fell back to a stream drain, and lets `serve` keep running.
runCli(process.argv.slice(2), io).then((code) => { process.exitCode = code; }, (e) => {
  err(terminalSafe(redact(`model-gate: ${String(e)}\n`)));
  process.exit(EXIT.failure);
});
