// Reads approved-models.yaml into entries with their line numbers, or into precise errors. The format and its rules
// are the schema in ./schema.ts; this file runs the strict YAML reader, the schema, and the rules that need line
// numbers (an entry listed twice). Every scalar stays a string (see ../yaml/strict.ts); nothing is coerced. An
// empty or missing file has no entries.
import type { LocatedError } from '../../core/errors.js';
import type { Entry } from '../../core/review.js';
import { checkDocument, validItems } from '../schema/located.js';
import { parseStrictYaml } from '../yaml/strict.js';
import { ALLOWLIST_LIMITS, AllowlistFile, AllowlistItem } from './schema.js';

export { ALLOWLIST_LIMITS, ALLOWLIST_VERSION } from './schema.js';

/** An error in approved-models.yaml: the one located error type. */
export type AllowlistError = LocatedError;

export interface ParsedAllowlist {
  /**
   * Valid entries in file order. An entry with its own error is left out. Any error at all means the file as a
   * whole is invalid and must not be approved: YAML-level errors (duplicate keys, anchors) are not tied to one entry.
   */
  entries: Entry[];
  errors: AllowlistError[];
}

/** Parses and validates approved-models.yaml. `text === null` (file absent at that ref) means no entries. Never throws. */
export function parseAllowlist(text: string | null, file: string): ParsedAllowlist {
  if (text === null) return { entries: [], errors: [] };
  const { root, problems } = parseStrictYaml(text, { maxBytes: ALLOWLIST_LIMITS.maxBytes, what: file });
  const errors: AllowlistError[] = [...problems];
  // null: empty file, only comments, or YAML so broken (syntax, size, tabs) that nothing was read.
  if (root === null) return { entries: [], errors: sorted(errors) };

  const doc = checkDocument(AllowlistFile, root, file);
  errors.push(...doc.errors);
  const entries: Entry[] = [];
  const firstLine = new Map<string, { line: number; repo: string }>();
  for (const { index, value } of validItems(doc, ['models'], AllowlistItem)) {
    const item = doc.plain.nodeAt(['models', index]);
    // A YAML-level problem inside the entry (an anchor, a tag, a duplicate key) disqualifies it too.
    if (problems.some((p) => p.line >= item.line && p.line <= item.endLine)) continue;
    const key = value.repo.toLowerCase();
    const first = firstLine.get(key);
    if (first) {
      const caseNote = first.repo !== value.repo ? ` as '${first.repo}'; repo ids are case-insensitive on the Hub` : '';
      errors.push({
        file,
        line: item.line,
        column: item.column,
        message: `model '${value.repo}' is listed twice (first on line ${first.line}${caseNote})`,
        help: 'Keep one entry per model: remove this one or the other.'
      });
      continue;
    }
    firstLine.set(key, { line: item.line, repo: value.repo });
    const entry: Entry = { repo: value.repo, revision: value.revision, line: item.line };
    if (value.files) entry.files = value.files;
    if (value.reason !== undefined) entry.reason = value.reason;
    if (value.repoId !== undefined) entry.repoId = value.repoId;
    if (value.authorId !== undefined) entry.authorId = value.authorId;
    if (value.profile !== undefined) entry.profile = value.profile;
    entries.push(entry);
  }
  return { entries, errors: sorted(errors) };
}

function sorted(errors: AllowlistError[]): AllowlistError[] {
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
