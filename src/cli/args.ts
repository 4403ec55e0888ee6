// Argument handling `sign` and `verify` share: model_signing's option spellings, parse errors as usage errors, and
// leaving the signature file itself out of the folder it signs.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './io.js';

/** model_signing spells options with underscores (--public_key); accept both. */
function normalizeOptionNames(args: string[]): string[] {
  return args.map((a) => (a.startsWith('--') ? a.replace(/^(--[^=]+)/, (m) => m.replace(/_/g, '-')) : a));
}

/** Strict parse with positionals; an unknown or malformed option is a UsageError carrying the usage text. */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: normalizeOptionNames(argv), options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}

/** `file` as a `/`-separated path relative to `dir` when it lies inside it (so it can be ignored), else undefined. */
export function pathInside(dir: string, file: string): string | undefined {
  const rel = relative(dir, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** A small input file (key, certificate, trust root); an unreadable one is a usage error naming it. */
export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
