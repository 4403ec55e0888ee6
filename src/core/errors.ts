// One shape for every error a user must fix in a file they wrote: the allowlist, the policy, an action input.
// Parsers, validators and renderers all speak it, so a message reads the same in the comment, the log and the
// annotation on the line.
import { compareText } from './text.js';

export interface LocatedError {
  /** The file (or `input NAME`) the error is about. */
  file: string;
  /** 1-based line; absent when the error is about the whole file. */
  line?: number;
  /** 1-based column (UTF-16 code units), when known. */
  column?: number;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it. */
  help?: string;
}

/** Errors in reading order: by file, then line, then column. */
export function compareLocated(a: LocatedError, b: LocatedError): number {
  return compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** `file:line:column: message — help`, the form terminals and editors link. */
export function formatLocated(e: LocatedError): string {
  const at = [e.file, e.line !== undefined && e.line > 0 ? String(e.line) : '', e.line && e.column ? String(e.column) : '']
    .filter(Boolean)
    .join(':');
  return `${at}: ${e.message}${e.help ? ` — ${e.help}` : ''}`;
}
