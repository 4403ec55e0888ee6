// The CLI proper (loaded by src/cli.ts): the process's io (cli/process-io.ts) handed to the dispatcher (cli/run.ts).
import { processIO, settle } from './process-io.js';
import { runCli } from './run.js';

const io = processIO();
void settle(runCli(process.argv.slice(2), io), io);
