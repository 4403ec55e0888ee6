// Runs one loaded subcommand with the conventions every command shares: --help anywhere, a user's mistake as one
// line with "did you mean", a failure of the tool as one line (the stack only when asked for). Used by the
// dispatcher (cli/run.ts) and by the scan script (cli/scan-main.ts), which loads only `scan`.
import { type CliIO, type Command, UsageError } from './io.js';
import { EXIT, didYouMean, optionsIn, unknownOptionIn, wantsHelp } from './conventions.js';

export interface Loaded {
  run: Command;
  usage: string;
}

/** The exit code of `model-gate NAME REST...`. */
export async function runLoaded(name: string, loaded: Loaded, rest: string[], io: CliIO): Promise<number> {
  if (wantsHelp(rest)) {
    io.stdout(`${loaded.usage.trimEnd()}\n`);
    return EXIT.ok;
  }
  try {
    return await loaded.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const bad = unknownOptionIn(err.message);
      const guess = bad !== undefined && bad.startsWith('--') ? didYouMean(bad, optionsIn(loaded.usage)) : undefined;
      const [first, ...more] = err.message.split('\n');
      io.stderr(`model-gate ${name}: ${[guess ? `${first} — did you mean ${guess}?` : first, ...more].join('\n')}\n`);
      return EXIT.usage;
    }
    // A failure of the tool, not of the input: one line, the stack only when asked for.
    const detail = err instanceof Error ? (io.env.MODEL_GATE_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
    io.stderr(`model-gate ${name}: ${detail}\n${io.env.MODEL_GATE_DEBUG ? '' : '(set MODEL_GATE_DEBUG=1 for a stack trace)\n'}`);
    return EXIT.failure;
  }
}
