// Reads approved-models.yaml into entries with their line numbers, or into precise errors. The one canonical format:
//
//   version: 1
//   models:
//     - org/name@<40 lowercase hex>                 # short form
//     - repo: org/name                              # long form
//       revision: <40 lowercase hex>
//       files: ["*.safetensors", "config.json"]     # optional: only these files are fetched, reviewed and signed
//       reason: why the team wants it               # optional
//
// Every scalar stays a string (see src/yaml/strict.ts); nothing is coerced. An empty or missing file has no entries.
import type { Entry } from '../../core/review.js';
import { compileGlob } from '../../core/glob.js';
import { describeNode, parseStrictYaml } from '../yaml/strict.js';
import { didYouMean } from '../yaml/suggest.js';
import type { YamlMapping, YamlNode, YamlScalar } from '../yaml/strict.js';
import { checkRepoId, checkRevision, printable } from '../../core/ids.js';

export interface AllowlistError {
  file: string;
  /** 1-based line the error is about. */
  line: number;
  column?: number;
  message: string;
  /** How to fix it. */
  help?: string;
}

export interface ParsedAllowlist {
  /**
   * Valid entries in file order. An entry with its own error is left out. Any error at all means the file as a
   * whole is invalid and must not be approved: YAML-level errors (duplicate keys, anchors) are not tied to one entry.
   */
  entries: Entry[];
  errors: AllowlistError[];
}

export const ALLOWLIST_LIMITS = {
  maxBytes: 1024 * 1024,
  maxEntries: 10_000,
  maxFilePatterns: 100,
  maxReasonLength: 2000
} as const;

export const ALLOWLIST_VERSION = '1';

const ENTRY_KEYS = ['repo', 'revision', 'files', 'reason'] as const;
const TOP_KEYS = ['version', 'models'] as const;

// Bidirectional controls and invisible characters can make a reason read differently from what it is.
const HIDDEN_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

type Here = { line: number; column: number };

/** Parses and validates approved-models.yaml. `text === null` (file absent at that ref) means no entries. Never throws. */
export function parseAllowlist(text: string | null, file: string): ParsedAllowlist {
  const entries: Entry[] = [];
  const errors: AllowlistError[] = [];
  if (text === null) return { entries, errors };
  const fail = (at: Here, message: string, help?: string): void => {
    errors.push({ file, line: at.line, column: at.column, message, ...(help ? { help } : {}) });
  };

  const { root, problems } = parseStrictYaml(text, { maxBytes: ALLOWLIST_LIMITS.maxBytes, what: file });
  for (const p of problems) fail(p, p.message, p.help);
  // null: empty file, only comments, or YAML so broken (syntax, size, tabs) that nothing was read.
  if (root === null) return { entries, errors: sorted(errors) };

  if (root.kind !== 'mapping') {
    fail(
      root,
      `${file} must be a mapping with \`version: 1\` and \`models:\`; found a ${root.kind === 'scalar' ? 'plain value' : 'list'}`,
      'Start the file with `version: 1` and `models:`, then list the entries indented under `models:`.'
    );
    return { entries, errors: sorted(errors) };
  }

  let models: YamlNode | undefined;
  let sawVersion = false;
  for (const { key, value } of root.pairs) {
    if (key.value === 'version') {
      sawVersion = true;
      if (value.kind !== 'scalar' || value.value !== ALLOWLIST_VERSION) {
        fail(value, `unsupported version ${describeNode(value)}`, `This tool reads \`version: ${ALLOWLIST_VERSION}\`.`);
      }
    } else if (key.value === 'models') {
      models = value;
    } else {
      fail(key, `unknown top-level key '${printable(key.value)}'${didYouMean(key.value, TOP_KEYS)}`, 'The file has only `version` and `models`.');
    }
  }
  if (!sawVersion) fail(root, 'missing `version: 1`', 'Add `version: 1` as the first line.');
  if (models === undefined) {
    fail(root, 'missing `models:`', 'Add `models:` and list the approved models under it.');
    return { entries, errors: sorted(errors) };
  }
  // `models:` with nothing after it is an empty list.
  if (models.kind === 'scalar' && models.value === '' && models.plain) return { entries, errors: sorted(errors) };
  if (models.kind !== 'sequence') {
    fail(models, `\`models\` must be a list; found ${describeNode(models)}`, 'Write each model on its own line starting with `- `.');
    return { entries, errors: sorted(errors) };
  }
  if (models.items.length > ALLOWLIST_LIMITS.maxEntries) {
    fail(
      models,
      `${file} lists ${models.items.length} models, over the limit of ${ALLOWLIST_LIMITS.maxEntries}; it was not reviewed`,
      'Split the allowlist or remove models that are no longer used.'
    );
    return { entries, errors: sorted(errors) };
  }

  const firstLine = new Map<string, { line: number; repo: string }>();
  for (const item of models.items) {
    const before = errors.length;
    const entry = item.kind === 'mapping' ? longForm(item, fail) : shortForm(item, fail);
    if (!entry || errors.length > before) continue;
    // A YAML-level problem inside the entry (an anchor, a tag, a duplicate key) disqualifies it too.
    if (problems.some((p) => p.line >= item.line && p.line <= item.endLine)) continue;
    const key = entry.repo.toLowerCase();
    const first = firstLine.get(key);
    if (first) {
      const caseNote = first.repo !== entry.repo ? ` as '${first.repo}'; repo ids are case-insensitive on the Hub` : '';
      fail(item, `model '${entry.repo}' is listed twice (first on line ${first.line}${caseNote})`, 'Keep one entry per model: remove this one or the other.');
      continue;
    }
    firstLine.set(key, { line: entry.line, repo: entry.repo });
    entries.push(entry);
  }
  return { entries, errors: sorted(errors) };
}

type Fail = (at: Here, message: string, help?: string) => void;

function shortForm(item: YamlNode, fail: Fail): Entry | null {
  if (item.kind !== 'scalar') {
    fail(item, `an entry must be \`org/name@<commit sha>\` or a mapping with \`repo\` and \`revision\`; found a list`);
    return null;
  }
  const text = item.value;
  if (text === '') {
    fail(item, 'empty entry', 'Write `org/name@<40-character commit sha>` or remove the empty `-` line.');
    return null;
  }
  const at = text.indexOf('@');
  if (at < 0) {
    const idProblem = checkRepoId(text);
    fail(
      item,
      `entry '${printable(text)}' has no pinned revision`,
      idProblem
        ? `Write \`org/name@<40-character commit sha>\`. ${idProblem.help}`
        : `Write \`${text}@<40-character commit sha>\`; find the sha with \`git ls-remote https://huggingface.co/${text} refs/heads/main\`.`
    );
    return null;
  }
  if (text.indexOf('@', at + 1) >= 0) {
    fail(item, `entry '${printable(text)}' has more than one '@'`, 'Write `org/name@<40-character commit sha>`.');
    return null;
  }
  const repo = text.slice(0, at);
  const revision = text.slice(at + 1);
  const idProblem = checkRepoId(repo);
  if (idProblem) fail(item, idProblem.message, idProblem.help);
  const revProblem = checkRevision(revision, repo);
  if (revProblem) fail(item, revProblem.message, revProblem.help);
  if (idProblem || revProblem) return null;
  return { repo, revision, line: item.line };
}

function longForm(item: YamlMapping, fail: Fail): Entry | null {
  let repo: YamlScalar | undefined;
  let revision: YamlScalar | undefined;
  let files: string[] | undefined;
  let reason: string | undefined;
  let ok = true;
  const bad = (at: Here, message: string, help?: string): void => {
    ok = false;
    fail(at, message, help);
  };
  const present = new Set(item.pairs.map((p) => p.key.value));
  for (const { key, value } of item.pairs) {
    switch (key.value) {
      case 'repo':
      case 'revision':
        if (value.kind !== 'scalar') bad(value, `\`${key.value}\` must be a single value; found ${describeNode(value)}`);
        else if (key.value === 'repo') repo = value;
        else revision = value;
        break;
      case 'files':
        files = filePatterns(value, bad);
        break;
      case 'reason':
        if (value.kind !== 'scalar') bad(value, `\`reason\` must be text; found ${describeNode(value)}`);
        else if (value.value.length > ALLOWLIST_LIMITS.maxReasonLength) {
          bad(value, `\`reason\` is ${value.value.length} characters, over ${ALLOWLIST_LIMITS.maxReasonLength}`, 'Shorten it; link to a ticket for details.');
        } else if (HIDDEN_CHARS.test(value.value)) {
          const ch = HIDDEN_CHARS.exec(value.value)?.[0] ?? '';
          bad(value, `\`reason\` contains the invisible or direction-changing character U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`, 'Remove it; such characters can make text read differently from what it says.');
        } else if (value.value.trim() !== '') reason = value.value;
        break;
      default:
        bad(key, `unknown key '${printable(key.value)}'${didYouMean(key.value, ENTRY_KEYS)}`, 'An entry has only `repo`, `revision`, `files` and `reason`.');
    }
  }
  if (!present.has('repo')) bad(item, 'entry has no `repo`', 'Add `repo: org/name`.');
  if (!present.has('revision')) bad(item, 'entry has no `revision`', 'Add `revision: <40-character commit sha>`.');
  if (repo) {
    const p = checkRepoId(repo.value);
    if (p) bad(repo, p.message, p.help);
  }
  if (revision) {
    const p = checkRevision(revision.value, repo?.value);
    if (p) bad(revision, p.message, p.help);
  }
  if (!ok || !repo || !revision) return null;
  const entry: Entry = { repo: repo.value, revision: revision.value, line: item.line };
  if (files) entry.files = files;
  if (reason !== undefined) entry.reason = reason;
  return entry;
}

function filePatterns(value: YamlNode, bad: Fail): string[] | undefined {
  if (value.kind !== 'sequence') {
    bad(value, `\`files\` must be a list of patterns; found ${describeNode(value)}`, 'Write `files: ["*.safetensors", "config.json"]`, or remove `files` to review every file.');
    return undefined;
  }
  if (value.items.length === 0) {
    bad(value, '`files` is empty, so nothing would be reviewed or signed', 'Remove `files` to review every file, or list the patterns to fetch.');
    return undefined;
  }
  if (value.items.length > ALLOWLIST_LIMITS.maxFilePatterns) {
    bad(value, `\`files\` has ${value.items.length} patterns, over ${ALLOWLIST_LIMITS.maxFilePatterns}`, 'Use broader patterns such as `*.safetensors`.');
    return undefined;
  }
  const out: string[] = [];
  for (const p of value.items) {
    if (p.kind !== 'scalar') {
      bad(p, `a \`files\` pattern must be text; found ${describeNode(p)}`);
      continue;
    }
    const r = compileGlob(p.value);
    if (!r.ok) bad(p, `file pattern '${printable(p.value)}': ${r.error}`, 'Patterns use `*`, `?`, `[a-z]` and `**` (any directories), like `**/*.safetensors`.');
    else out.push(p.value);
  }
  return out;
}

function sorted(errors: AllowlistError[]): AllowlistError[] {
  return errors.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
