// The schema of approved-models.yaml: it validates the file (through src/config/schema/located.ts, which puts each
// error on its line), types its entries, and generates schema/approved-models.schema.json. The canonical format:
//
//   version: 1
//   models:
//     - org/name@<40 lowercase hex>                 # short form
//     - repo: org/name                              # long form
//       revision: <40 lowercase hex>
//       files: ["*.safetensors", "config.json"]     # optional: only these files are fetched, reviewed and signed
//       reason: why the team wants it               # optional
//       profile: research                           # optional: the policy profile whose rules apply
//
// The `pattern`s below are what the JSON Schema tells editors; the rules that decide are checkRepoId,
// checkRevision and compileGlob (their messages say exactly what is wrong). A test holds the two in agreement.
import { compileGlob } from '../../core/glob.js';
import type { Entry } from '../../core/review.js';
import { checkRepoId, checkRevision, printable } from '../../core/ids.js';
import { didYouMean } from '../yaml/suggest.js';
import * as z from 'zod/mini';
import { describeValue, mappingRule, onList, rule, say, sayAboutFile, sayPerKey, SKIP, type RawIssue, type Said } from '../schema/kit.js';

export const ALLOWLIST_LIMITS = {
  maxBytes: 1024 * 1024,
  maxEntries: 10_000,
  maxFilePatterns: 100,
  maxReasonLength: 2000
} as const;

export const ALLOWLIST_VERSION = '1';

const ENTRY_KEYS = ['repo', 'revision', 'files', 'reason', 'repo_id', 'author_id', 'profile'] as const;
const TOP_KEYS = ['version', 'models'] as const;

// Bidirectional controls and invisible characters can make a reason read differently from what it is: C0 controls
// (but tab and newline), DEL, every format character (Unicode Cf: soft hyphen, zero-width and bidi controls, tag
// characters, BOM) and the line and paragraph separators (Zl, Zp). Every other free-text field is ASCII-only
// (ids, revisions, ObjectIds, glob patterns), so this is the check for all of them.
const HIDDEN_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f\u2065\p{Cf}\p{Zl}\p{Zp}]/u;

const ID_PART = '[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?';
/** JSON Schema patterns equivalent to checkRepoId / checkRevision / the short form (tested for agreement). */
export const PATTERNS = {
  repoId: `^(?!.*(?:--|\\.\\.))(?!.*\\.git$)${ID_PART}/${ID_PART}$`,
  commitSha: '^[0-9a-f]{40}$',
  shortEntry: `^(?!.*(?:--|\\.\\.))(?!.*\\.git@)${ID_PART}/${ID_PART}@[0-9a-f]{40}$`,
  filePattern: '^(?!/)[\\x20-\\x5b\\x5d-\\x7e]+$'
} as const;

const said = (p: { message: string; help: string } | null): Said | null => p && { message: p.message, help: p.help };

/** `org/name@<sha>`: every problem of a short-form entry, in the order a reader fixes them. */
function shortFormProblems(text: string): Said[] {
  if (text === '') return [{ message: 'empty entry', help: 'Write `org/name@<40-character commit sha>` or remove the empty `-` line.' }];
  const at = text.indexOf('@');
  if (at < 0) {
    const idProblem = checkRepoId(text);
    return [{
      message: `entry '${printable(text)}' has no pinned revision`,
      help: idProblem
        ? `Write \`org/name@<40-character commit sha>\`. ${idProblem.help}`
        : `Write \`${text}@<40-character commit sha>\`; find the sha with \`git ls-remote https://huggingface.co/${text} refs/heads/main\`.`
    }];
  }
  if (text.indexOf('@', at + 1) >= 0) return [{ message: `entry '${printable(text)}' has more than one '@'`, help: 'Write `org/name@<40-character commit sha>`.' }];
  const repo = text.slice(0, at);
  return [said(checkRepoId(repo)), said(checkRevision(text.slice(at + 1), repo))].filter((p): p is Said => p !== null);
}

const shortEntry = z
  .string()
  .check(
    z.meta({ description: 'Short form: org/name@<40 lowercase hex commit sha>.', pattern: PATTERNS.shortEntry }),
    z.superRefine((text: string, ctx) => {
      for (const p of shortFormProblems(text)) ctx.addIssue({ code: 'custom', message: say(p.message, p.help), input: text });
    })
  );

/** `repo` and `revision` of the long form: a single value; null (`repo:` with nothing) reads as empty text. */
const singleValue = (key: 'repo' | 'revision', missing: Said) => (iss: RawIssue) =>
  iss.input === undefined ? say(missing.message, missing.help)
    : iss.input === null ? SKIP // reported as empty by the entry's rule below
      : say(`\`${key}\` must be a single value; found ${describeValue(iss.input)}`);

const filePattern = z
  .string({
    error: (iss) => iss.input === null ? globProblem('') : say(`a \`files\` pattern must be text; found ${describeValue(iss.input)}`)
  })
  .check(
    z.meta({ minLength: 1, maxLength: 256, pattern: PATTERNS.filePattern }),
    z.superRefine((p: string, ctx) => {
      const problem = globProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: p });
    })
  );

function globProblem(p: string): string | null {
  const r = compileGlob(p);
  return r.ok ? null : say(`file pattern '${printable(p)}': ${r.error}`, 'Patterns use `*`, `?`, `[a-z]` and `**` (any directories), like `**/*.safetensors`.');
}

const files = z
  .array(filePattern, {
    error: (iss) => say(`\`files\` must be a list of patterns; found ${describeValue(iss.input)}`, 'Write `files: ["*.safetensors", "config.json"]`, or remove `files` to review every file.')
  })
  .check(
    z.minLength(1, { error: onList(() => say('`files` is empty, so nothing would be reviewed or signed', 'Remove `files` to review every file, or list the patterns to fetch.')) }),
    z.maxLength(ALLOWLIST_LIMITS.maxFilePatterns, {
      error: onList((list) => say(`\`files\` has ${list.length} patterns, over ${ALLOWLIST_LIMITS.maxFilePatterns}`, 'Use broader patterns such as `*.safetensors`.'))
    }),
    z.meta({
      description: 'Only files matching these globs are fetched, reviewed and signed. `*` and `?` stay within a path segment, `**` spans directories; a pattern without \'/\' matches the file name at any depth.'
    })
  );

const reason = z.nullable(
  z
    .string({ error: (iss) => say(`\`reason\` must be text; found ${describeValue(iss.input)}`) })
    .check(
      z.meta({ description: 'Why the team approves this model (shown in the review).' }),
      z.maxLength(ALLOWLIST_LIMITS.maxReasonLength, {
        error: (iss) => say(`\`reason\` is ${(iss.input as string).length} characters, over ${ALLOWLIST_LIMITS.maxReasonLength}`, 'Shorten it; link to a ticket for details.')
      }),
      rule((r: string) => {
        const ch = HIDDEN_CHARS.exec(r)?.[0];
        if (ch === undefined) return null;
        return {
          message: `\`reason\` contains the invisible or direction-changing character U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
          help: 'Remove it; such characters can make text read differently from what it says.'
        };
      })
    )
);

/** An immutable Hub ObjectId recorded at approval (`_id` of the repository or of its author). */
const objectId = (key: 'repo_id' | 'author_id', whose: string) =>
  z.nullable(
    z.string({ error: (iss) => say(`\`${key}\` must be text; found ${describeValue(iss.input)}`) }).check(
      z.meta({
        pattern: '^[0-9a-f]{24}$',
        description: `The ${whose}'s immutable Hub _id (24 hex) at approval. A later re-pin whose ${whose} has another _id means the name changed hands, and is rejected.`
      }),
      rule((v: string) => (/^[0-9a-f]{24}$/.test(v) ? null : {
        message: `\`${key}\` '${printable(v)}' is not a Hub ObjectId (24 lowercase hex characters)`,
        help: 'Copy it from the Model Gate review comment of the approval (repo id, author id), or remove the key.'
      }))
    )
  );

/** The policy profile (`profiles:` in .github/model-gate.yml) the entry is reviewed under. */
const profile = z.string({ error: (iss) => say(`\`profile\` must be a profile name; found ${describeValue(iss.input)}`, 'Write `profile: research`, a name under `profiles:` in the policy.') }).check(
  z.meta({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'The policy profile whose rules review this entry (a name under `profiles:` in the policy). Without it, the top-level rules apply.' }),
  rule((v: string) => (/^[a-z0-9][a-z0-9_-]{0,63}$/.test(v) ? null : {
    message: `\`profile\` '${printable(v)}' is not a profile name (lowercase letters, digits, '-' or '_')`,
    help: 'Use a name defined under `profiles:` in the policy, e.g. `profile: research`.'
  }))
);

const longEntry = z
  .strictObject(
    {
      repo: z
        .string({ error: singleValue('repo', { message: 'entry has no `repo`', help: 'Add `repo: org/name`.' }) })
        .check(z.meta({ pattern: PATTERNS.repoId, description: "Hub repository id `namespace/name`: ASCII letters, digits, '-', '_', '.'; each part starts and ends with a letter, digit or '_'; no '--' or '..'; no '.git' suffix; at most 96 characters per part." })),
      revision: z
        .string({ error: singleValue('revision', { message: 'entry has no `revision`', help: 'Add `revision: <40-character commit sha>`.' }) })
        .check(z.meta({ pattern: PATTERNS.commitSha, description: 'The full 40-character lowercase git commit sha (never a branch or tag, which can move).' })),
      files: z.optional(files),
      reason: z.optional(reason),
      repo_id: z.optional(objectId('repo_id', 'repository')),
      author_id: z.optional(objectId('author_id', 'author')),
      profile: z.optional(profile)
    },
    {
      error: (iss: RawIssue) =>
        iss.code === 'unrecognized_keys'
          ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown key '${printable(k)}'${didYouMean(k, ENTRY_KEYS)}`, help: 'An entry has only `repo`, `revision`, `files`, `reason`, `repo_id`, `author_id` and `profile`.' }))
          : SKIP // not a mapping: the entry union reports it
    }
  )
  .check(
    mappingRule((entry, add) => {
      // The id and the sha, checked with the same rules as everywhere else; the sha's help names the repo.
      const repo = entry.repo === null ? '' : entry.repo;
      if (typeof repo === 'string') {
        const p = checkRepoId(repo);
        if (p) add(['repo'], p);
      }
      const revision = entry.revision === null ? '' : entry.revision;
      if (typeof revision === 'string') {
        const p = checkRevision(revision, typeof repo === 'string' ? repo : undefined);
        if (p) add(['revision'], p);
      }
    })
  );

/** One entry of `models:`, as written, to its repo, revision, files and reason. */
export const AllowlistItem = z.pipe(
  z.union([shortEntry, longEntry], {
    error: (iss) =>
      iss.input === null
        ? say('empty entry', 'Write `org/name@<40-character commit sha>` or remove the empty `-` line.')
        : say(`an entry must be \`org/name@<commit sha>\` or a mapping with \`repo\` and \`revision\`; found ${describeValue(iss.input)}`)
  }),
  z.transform((item: string | z.output<typeof longEntry>): ParsedEntry => {
    if (typeof item === 'string') {
      const at = item.indexOf('@');
      return { repo: item.slice(0, at), revision: item.slice(at + 1) };
    }
    const entry: ParsedEntry = { repo: item.repo, revision: item.revision };
    if (item.files) entry.files = item.files;
    if (typeof item.reason === 'string' && item.reason.trim() !== '') entry.reason = item.reason;
    if (typeof item.repo_id === 'string') entry.repoId = item.repo_id;
    if (typeof item.author_id === 'string') entry.authorId = item.author_id;
    if (typeof item.profile === 'string') entry.profile = item.profile;
    return entry;
  })
);

/** An entry as the file states it: the core Entry without its line (parseAllowlist adds it). */
export type ParsedEntry = Omit<Entry, 'line'>;

const models = z.nullable(
  z
    .array(AllowlistItem, {
      error: (iss) =>
        iss.input === undefined
          ? say('missing `models:`', 'Add `models:` and list the approved models under it.')
          : say(`\`models\` must be a list; found ${describeValue(iss.input)}`, 'Write each model on its own line starting with `- `.')
    })
    .check(
      // Size checks first: zod then refuses an oversized list before looking at its items.
      z.maxLength(ALLOWLIST_LIMITS.maxEntries, {
        error: onList((list) => sayAboutFile(` lists ${list.length} models, over the limit of ${ALLOWLIST_LIMITS.maxEntries}; it was not reviewed`, 'Split the allowlist or remove models that are no longer used.'))
      }),
      z.meta({ description: 'One entry per model: `org/name@<40-hex commit>` or a mapping with repo and revision.' })
    )
);

/** The whole file. */
export const AllowlistFile = z
  .strictObject(
    {
      version: z.literal([1, ALLOWLIST_VERSION], {
        error: (iss) =>
          iss.input === undefined
            ? say('missing `version: 1`', 'Add `version: 1` as the first line.')
            : say(`unsupported version ${describeValue(iss.input)}`, `This tool reads \`version: ${ALLOWLIST_VERSION}\`.`)
      }).check(z.meta({ description: 'Format version. Always 1.' })),
      models
    },
    {
      error: (iss: RawIssue) =>
        iss.code === 'unrecognized_keys'
          ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown top-level key '${printable(k)}'${didYouMean(k, TOP_KEYS)}`, help: 'The file has only `version` and `models`.' }))
          : sayAboutFile(
            ` must be a mapping with \`version: 1\` and \`models:\`; found a ${Array.isArray(iss.input) ? 'list' : 'plain value'}`,
            'Start the file with `version: 1` and `models:`, then list the entries indented under `models:`.'
          )
    }
  )
  .check(
    z.meta({
      $id: 'https://github.com/model-gate/model-gate/schema/approved-models.schema.json',
      title: 'Model Gate approved-models.yaml',
      description: 'The Hugging Face models a team has approved, each pinned to a full commit sha. Every entry added or changed in a pull request is reviewed by Model Gate.',
      examples: [
        {
          version: 1,
          models: [
            'openai-community/gpt2@607a30d783dfa663caf39e06633721c8d4cfcd7e',
            {
              repo: 'sentence-transformers/all-MiniLM-L6-v2',
              revision: 'c9745ed1d9f207416be6d2e6f8de32d1f16199bf',
              files: ['*.safetensors', '*.json', '*.txt'],
              reason: 'Embeddings for search (ticket SEC-1234)',
              repo_id: '621ffdc136468d709f17adb9',
              author_id: '5f5e6dd1ffdac4c6c3b7bfde'
            }
          ]
        }
      ]
    })
  );

export type AllowlistDocument = z.output<typeof AllowlistFile>;
