// What a CLI command may touch, passed in so commands run the same in tests and in a terminal.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stderr is a terminal: progress is drawn there only then (or with --progress). */
  stderrIsTTY?: boolean;
}

/** A subcommand: parses its own arguments, returns the process exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

export class UsageError extends Error {}

// Everything a terminal may act on instead of showing: C0 controls but newline and tab, DEL, C1 controls, format
// characters (bidi, zero-width joiners, tags), line/paragraph separators, lone surrogates. One exception: SGR
// colour sequences (ESC [ digits ; m), which the text renderer emits itself and which can only recolour.
// Built on the first text that is not printable ASCII, newline and tab (which it cannot match): building it loads
// ICU's property tables, a few percent of a local scan's whole run.
const PLAIN_TEXT = /^[\t\n\x20-\x7e]*$/;
let terminalUnsafe: RegExp | undefined;

/**
 * The last line of defence for everything the CLI prints: renderers already show untrusted text escaped, and this
 * guarantees that no message, whatever produced it (a Hub error body, a file name on disk), can clear the screen,
 * move the cursor, set the title or a hyperlink, or reorder text. Such characters are shown as `\u{…}`.
 */
export function terminalSafe(text: string): string {
  if (PLAIN_TEXT.test(text)) return text;
  terminalUnsafe ??= /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
  return text.replace(terminalUnsafe, (m) =>
    m.length > 1 && m.charCodeAt(0) === 0x1b ? m : `\\u{${(m.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`
  );
}
