// What a CLI command may touch, passed in so commands run the same in tests and in a terminal.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A subcommand: parses its own arguments, returns the process exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

export class UsageError extends Error {}
