// model-gate CLI entry: the process's arguments, streams and environment, handed to the dispatcher (src/cli/run.ts).
import { argv, env, exit, cwd } from 'node:process';
import { type CliIO, terminalSafe } from './cli/io.js';
import { EXIT } from './cli/conventions.js';
import { runCli } from './cli/run.js';

const io: CliIO = {
  stdout: (t) => process.stdout.write(terminalSafe(t)),
  stderr: (t) => process.stderr.write(terminalSafe(t)),
  env,
  cwd: cwd(),
  ...(process.stderr.isTTY ? { stderrIsTTY: true } : {})
};

// exitCode rather than exit(): lets piped stdout drain, and lets `serve` keep running.
runCli(argv.slice(2), io).then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(terminalSafe(`model-gate: ${String(err)}\n`));
  exit(EXIT.failure);
});
