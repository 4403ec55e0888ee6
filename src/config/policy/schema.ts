// The policy file `.github/model-gate.yml` (read from the base branch): its schema, which validates the file
// (through src/config/schema/located.ts, which puts each error on its line), types the policy and generates
// schema/policy.schema.json.
//
//   version: 1                                  # optional
//   trusted_publishers: [my-org]                # added to the built-in trusted publishers
//   legitimate_namespaces: [reviewed-neighbour] # added to the built-in known-legitimate namespaces
//   fail_on: high                               # critical | high | medium | low: findings at or above fail the check
//   exclude: ["original/*.pth"]                 # files not fetched (see exclude.ts for what can never be excluded)
//   exceptions:
//     - repo: org/name
//       revision: <40 hex>                      # optional: only this commit
//       checks: [namespace.shadowing]           # check ids, or `prefix.*`
//       reason: reviewed by security, SEC-42
//       expires: 2026-12-31
//   allow_globals: [collections.OrderedDict]    # extra pickle globals allowed, as module.name
//   max_file_size: 50GiB                        # bytes, or with a unit: KB MB GB TB KiB MiB GiB TiB
//   concurrency: 4
//   formats: { allowed: [safetensors, gguf], blocked: [pickle] }  # by content: a pickle named .safetensors is a pickle
//   require_safetensors: true                   # approve only when safetensors weights exist
//   remote_code: deny                           # deny | review | allow-trusted (auto_map, custom modules)
//   min_account_age: 90d                        # publisher's account; can only block
//   min_downloads: 1000                         # can only block: popularity never lowers risk
//   verified_publishers_only: true              # the Hub's isVerified on the publishing organisation
//   licenses: { allowed: [apache-2.0, mit], denied: [cc-by-nc-4.0] }  # from the model card; unknown is a finding
//   fast_track: true                            # approved publishers' clean entries need no human review
//   profiles: { research: { remote_code: review } }  # selected by an allowlist entry's `profile:`
//
// Scalars are strings (failsafe YAML); numbers are parsed here with errors on anything else. The `pattern`s are
// what the JSON Schema tells editors; the parse and check functions below decide (tests hold them in agreement).
import type { Severity } from '../../core/findings.js';
import { compileGlob } from '../../core/glob.js';
import { checkNamespace, checkRepoId, checkRevision, printable } from '../../core/ids.js';
import { PATTERNS } from '../allowlist/schema.js';
import * as z from 'zod/mini';
import { describeValue, mappingRule, rule, say, sayAboutFile, sayPerKey, SKIP, type RawIssue, type Said } from '../schema/kit.js';
import { DANGER, DANGER_NAME_PREFIXES, DANGER_NAMES } from '../security/globals/index.js';
import { checkGlobal, GLOBAL_NAME } from './check-global.js';

/** Entries reviewed at once, at most: more only multiplies Hub requests against one token's rate limit. */
export const MAX_CONCURRENCY = 32;
import { didYouMean } from '../yaml/suggest.js';
import {
  formatProblem, licenseProblem, LICENSE_ID, MAX_COUNT, MAX_DAYS, parseBoolean, parseCount, parseDays, parseRemoteCode, POLICY_FORMATS,
  PROFILE_NAME, profileNameProblem, REMOTE_CODE_VALUES, type PolicyRules
} from './rules.js';

export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Severity[];
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** An error in the policy file or an action input: the one located error type. */
export type { LocatedError as PolicyError } from '../../core/errors.js';

type Parsed<T> = T | { error: string };

export function parseFailOn(text: string | undefined): Parsed<FailOn> {
  const v = (text ?? '').trim().toLowerCase();
  return (FAIL_ON_VALUES as readonly string[]).includes(v)
    ? (v as FailOn)
    : { error: `it must be one of ${FAIL_ON_VALUES.join(', ')}` };
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4
};

/** `123`, `500MB`, `50 GiB` → bytes. */
export function parseByteSize(text: string | undefined): Parsed<number> {
  const m = /^([0-9]{1,16})\s?([A-Za-z]{1,3})?$/.exec((text ?? '').trim());
  const unit = m?.[2]?.toLowerCase() ?? 'b';
  const scale = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  if (!m || scale === undefined) return { error: 'write a whole number of bytes, optionally with a unit: KB MB GB TB KiB MiB GiB TiB (e.g. 50GiB)' };
  const n = Number(m[1]) * scale;
  if (!Number.isSafeInteger(n) || n < 1) return { error: 'it must be between 1 byte and 8 PiB' };
  return n;
}

export function parseConcurrency(text: string | undefined): Parsed<number> {
  const t = (text ?? '').trim();
  if (!/^[0-9]{1,3}$/.test(t)) return { error: `write a whole number from 1 to ${MAX_CONCURRENCY}` };
  const n = Number(t);
  if (n < 1 || n > MAX_CONCURRENCY) return { error: `it must be from 1 to ${MAX_CONCURRENCY}` };
  return n;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The JSON Schema form of checkGlobal's refusal, generated from the same danger lists: a danger entry at the start
 * or reached through the attribute chain, a dunder component, or a dangerous callable name at the end.
 */
function dangerousGlobalPattern(): string {
  const entries = DANGER.map(([e]) => e);
  const modules = entries.filter((e) => !e.includes('.')).map(escapeRe);
  const members = entries.filter((e) => e.includes('.')).map(escapeRe);
  const names = DANGER_NAMES.map(([n]) => escapeRe(n));
  const prefixes = DANGER_NAME_PREFIXES.map(([p]) => escapeRe(p));
  return [
    `^(?:${entries.map(escapeRe).join('|')})(?:\\.|$)`,
    `\\.(?:${modules.join('|')})\\.`,
    `\\.(?:${members.join('|')})(?:\\.|$)`,
    '^(?!(?:__main__|__builtin__)(?:\\.|$))__[A-Za-z0-9_]+__(?:\\.|$)',
    '\\.__[A-Za-z0-9_]+__(?:\\.|$)',
    `\\.(?:${names.join('|')})$`,
    `\\.(?:${prefixes.join('|')})[A-Za-z0-9_]*$`
  ].join('|');
}

const CHECK_ID = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*(\.\*)?$/;

function checkIdProblem(c: string): string | null {
  return c === '*' || !CHECK_ID.test(c)
    ? `check '${printable(c)}' must be a check id like \`namespace.shadowing\` or a prefix like \`namespace.*\` (a bare '*' is not allowed)`
    : null;
}

/** Valid calendar date YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A list of text items (`key:` alone is an empty list); `problem` says what is wrong with one item. */
function textList(key: string, problem: (s: string) => string | null, item: z.core.GlobalMeta) {
  return z.nullable(
    z.array(
      z
        .string({
          error: (iss) => {
            const empty = iss.input === null ? problem('') : null;
            return say(empty ?? `items of \`${key}\` must be text; found ${describeValue(iss.input)}`);
          }
        })
        .check(z.meta(item), rule((s: string) => {
          const p = problem(s);
          return p ? { message: p } : null;
        })),
      { error: (iss) => say(`\`${key}\` must be a list; found ${describeValue(iss.input)}`, `Write \`${key}: [a, b]\` or one \`- item\` per line.`) }
    )
  );
}

/**
 * A scalar setting parsed from text (`fail_on: high`, `concurrency: 4`). `textMeta` describes the text form to
 * editors; `json`, when given, is the number an editor's YAML server reads from an unquoted number.
 */
function parsedScalar<T>(key: string, parse: (text: string | undefined) => Parsed<T>, textMeta: z.core.GlobalMeta, json?: z.ZodMiniType) {
  const bad = (input: unknown, why: string): string => say(`\`${key}\` is ${describeValue(input)}; ${why}`);
  const whyNot = (text: string | undefined): string => {
    const r = parse(text);
    return typeof r === 'object' && r !== null && 'error' in r ? r.error : '';
  };
  const text = z
    .string({ error: (iss) => bad(iss.input, whyNot(undefined)) })
    .check(
      z.meta(textMeta),
      z.superRefine((s: string, ctx) => {
        const why = whyNot(s);
        if (why) ctx.addIssue({ code: 'custom', message: bad(s, why), input: s });
      })
    );
  const either = json ? z.union([text, json], { error: (iss) => bad(iss.input, whyNot(undefined)) }) : text;
  return z.pipe(either, z.transform((v: string | number): T => parse(String(v)) as T));
}

/** Text that reads as a whole number from 1 to `max` (after trimming), as a regular expression. */
const wholeNumberUpTo = (max: number): string =>
  `^\\s*(?:${Array.from({ length: max }, (_, i) => `0{0,${3 - String(i + 1).length}}${i + 1}`).join('|')})\\s*$`;

const caseInsensitive = (word: string): string =>
  [...word].map((c) => (c.toLowerCase() === c.toUpperCase() ? escapeRe(c) : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');

const EXCEPTION_KEYS = ['repo', 'revision', 'checks', 'reason', 'expires'] as const;

/** `repo`, `reason`, `expires` of an exception: text; absence and emptiness are reported by the exception's rule. */
const exceptionText = (key: string, meta: z.core.GlobalMeta) =>
  z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? SKIP : say(`\`${key}\` must be a single value; found ${describeValue(iss.input)}`)) })
    .check(z.meta(meta));

/** One recorded decision about a repository's findings. */
export const PolicyExceptionSchema = z
  .strictObject(
    {
      repo: exceptionText('repo', { pattern: PATTERNS.repoId, description: 'The repository, `namespace/name`.' }),
      revision: z.optional(exceptionText('revision', { pattern: PATTERNS.commitSha, description: 'Only this commit (40 lowercase hex).' })),
      checks: z
        .array(
          z
            .string({ error: (iss) => say(iss.input === null ? checkIdProblem('') ?? '' : `items of \`checks\` must be text; found ${describeValue(iss.input)}`) })
            .check(
              z.meta({ pattern: CHECK_ID.source }),
              rule((c: string) => {
                const p = checkIdProblem(c);
                return p ? { message: p } : null;
              })
            ),
          {
            error: (iss) =>
              iss.input === undefined ? SKIP
                : iss.input === null ? say('an exception must name at least one check', 'List the check ids the exception covers.')
                  : say(`\`checks\` must be a list; found ${describeValue(iss.input)}`, 'Write `checks: [a, b]` or one `- item` per line.')
          }
        )
        .check(
          // `checks: ""` is both not a list and empty: both are said.
          z.minLength(1, {
            error: (iss) => (Array.isArray(iss.input) || iss.input === '' ? say('an exception must name at least one check', 'List the check ids the exception covers.') : SKIP)
          }),
          z.meta({ description: 'Check ids (`namespace.shadowing`) or prefixes (`namespace.*`) the exception covers.' })
        ),
      reason: exceptionText('reason', { pattern: '\\S', description: 'Why the finding is acceptable and who decided (e.g. a ticket).' }),
      expires: exceptionText('expires', { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Last day (UTC) the exception applies, YYYY-MM-DD.' })
    },
    {
      error: (iss: RawIssue) =>
        iss.code === 'unrecognized_keys'
          ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown exception key '${printable(k)}'${didYouMean(k, EXCEPTION_KEYS)}`, help: `An exception has ${EXCEPTION_KEYS.join(', ')}.` }))
          : say(`an exception must be a mapping with repo, checks, reason and expires; found ${describeValue(iss.input)}`)
    }
  )
  .check(
    mappingRule((ex, add) => {
      const text = (k: string): string | undefined => (ex[k] === null ? '' : typeof ex[k] === 'string' ? ex[k] : undefined);
      const repo = text('repo');
      const who = repo ?? '?';
      const at = (said: Said): void => add([], said);
      if (repo === undefined) at({ message: 'exception has no `repo`', help: 'Add `repo: org/name`.' });
      else {
        const p = checkRepoId(repo);
        if (p) at(p);
      }
      const revision = text('revision');
      if (revision !== undefined) {
        const p = checkRevision(revision, repo);
        if (p) at({ message: `exception for '${who}': ${p.message}`, help: p.help });
      }
      if (!Object.hasOwn(ex, 'checks')) at({ message: `exception for '${who}' has no \`checks\``, help: 'List the check ids it covers, e.g. `checks: [namespace.shadowing]`.' });
      const reason = text('reason');
      if (reason === undefined || reason.trim() === '') at({ message: `exception for '${who}' has no \`reason\``, help: 'Say why the finding is acceptable and who decided (e.g. a ticket).' });
      const expires = text('expires');
      if (expires === undefined) at({ message: `exception for '${who}' has no \`expires\` date`, help: 'Add `expires: YYYY-MM-DD`; exceptions must be re-examined.' });
      else if (!isIsoDate(expires)) at({ message: `exception for '${who}': expires '${printable(expires)}' is not a date`, help: 'Write it as YYYY-MM-DD, e.g. `expires: 2026-12-31`.' });
    })
  );

const namespace = (s: string): string | null => {
  const p = checkNamespace(s);
  return p ? `${p.message}. ${p.help}` : null;
};
const NAMESPACE = { pattern: `^(?!.*(?:--|\\.\\.))[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$` };
const exclusion = (s: string): string | null => {
  const g = compileGlob(s);
  return g.ok ? null : `pattern '${printable(s)}': ${g.error}`;
};

const BOOLEAN = { pattern: '^\\s*(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])\\s*$' };
const booleanSetting = (key: string, description: string) =>
  parsedScalar(key, parseBoolean, BOOLEAN, z.boolean()).check(z.meta({ description }));

/** `allowed` / `blocked` (or `denied`) lists under one key. */
function listPair<A extends string, B extends string>(key: string, a: A, b: B, item: (s: string) => string | null, meta: z.core.GlobalMeta, description: string) {
  const keys = [a, b];
  return z
    .strictObject(
      {
        [a]: z.optional(textList(`${key}.${a}`, item, meta)),
        [b]: z.optional(textList(`${key}.${b}`, item, meta))
      } as Record<A | B, z.ZodMiniOptional<ReturnType<typeof textList>>>,
      {
        error: (iss: RawIssue) =>
          iss.code === 'unrecognized_keys'
            ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown key '${printable(k)}' in \`${key}\`${didYouMean(k, keys)}`, help: `\`${key}\` has ${a} and ${b}.` }))
            : say(`\`${key}\` must be a mapping with ${a} and/or ${b}; found ${describeValue(iss.input)}`, `Write \`${key}: { ${a}: [...], ${b}: [...] }\`.`)
      }
    )
    .check(z.meta({ description }));
}

/**
 * The approval rules (rules.ts): valid at the top level and inside each profile. Requirements can only block:
 * none of them lowers a finding, and popularity never counts for a model.
 */
export const RULE_FIELDS = {
  formats: listPair('formats', 'allowed', 'blocked', formatProblem, { enum: [...POLICY_FORMATS] },
    'Serialisation formats, judged by content (a pickle named .safetensors is a pickle). `blocked`: a file in one of these formats blocks approval. `allowed`: every weight or data file must be in one of these (text, JSON and code are judged by their own checks). `pickle` covers torch checkpoints and joblib dumps.'),
  require_safetensors: booleanSetting('require_safetensors', 'Approve only when the reviewed files include safetensors weights (by content).'),
  remote_code: parsedScalar('remote_code', parseRemoteCode, {
    pattern: `^\\s*(?:${REMOTE_CODE_VALUES.map(caseInsensitive).join('|')})\\s*$`
  }).check(z.meta({ description: 'Custom code loaded with trust_remote_code (auto_map, custom pipelines, sentence-transformers modules): `deny` blocks it, `review` asks a human, `allow-trusted` blocks it unless the publisher is a trusted publisher.' })),
  min_account_age: parsedScalar('min_account_age', parseDays, { pattern: '^\\s*[0-9]{1,5}\\s?(?:d|days?)?\\s*$' }, z.int().check(z.minimum(0), z.maximum(MAX_DAYS))).check(
    z.meta({ description: 'The publishing account must be at least this many days old (`90` or `90d`); younger blocks approval.' })
  ),
  min_downloads: parsedScalar('min_downloads', parseCount, { pattern: '^\\s*[0-9]{1,12}\\s*$' }, z.int().check(z.minimum(0), z.maximum(MAX_COUNT))).check(
    z.meta({ description: 'Fewer downloads (the Hub\'s last-30-days count) blocks approval. It can only block: a popular model is never treated as safer.' })
  ),
  verified_publishers_only: booleanSetting('verified_publishers_only', 'Approve only models published by an organisation the Hub marks as verified (isVerified).'),
  licenses: listPair('licenses', 'allowed', 'denied', licenseProblem, { pattern: LICENSE_ID.source },
    'SPDX license ids read from the model card\'s metadata (compared case-insensitively). `denied` blocks; with `allowed`, any other licence blocks; a missing or unrecognised licence needs review.'),
  fast_track: booleanSetting('fast_track', 'Re-pins and new models from publishers already in the base allowlist, with nothing above low, are approved without waiting for a human review (the comment says so).')
} as const;

export const RULE_FIELD_KEYS = Object.keys(RULE_FIELDS) as (keyof typeof RULE_FIELDS)[];

/** One named profile: the approval rules only. */
export const PolicyProfileSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(RULE_FIELDS).map(([k, v]) => [k, z.optional(v)])) as {
      [K in keyof typeof RULE_FIELDS]: z.ZodMiniOptional<(typeof RULE_FIELDS)[K]>;
    },
    {
      error: (iss: RawIssue) =>
        iss.code === 'unrecognized_keys'
          ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown profile key '${printable(k)}'${didYouMean(k, RULE_FIELD_KEYS)}`, help: `A profile sets ${RULE_FIELD_KEYS.join(', ')}.` }))
          : say(`a profile must be a mapping of rules; found ${describeValue(iss.input)}`, 'Write e.g. `research: { remote_code: review }`.')
    }
  )
  .check(z.meta({ description: 'Rules that replace the top-level ones for the allowlist entries that name this profile.' }));

const profiles = z
  .nullable(
    z.record(
      z.string().check(z.meta({ pattern: PROFILE_NAME.source }), rule((n: string) => {
        const p = profileNameProblem(n);
        return p ? { message: p } : null;
      })),
      PolicyProfileSchema,
      {
        error: (iss) =>
          iss.code === 'invalid_key'
            ? say(profileNameProblem(String(iss.input)) ?? 'invalid profile name')
            : say(`\`profiles\` must be a mapping of profile names to rules; found ${describeValue(iss.input)}`, 'Write `profiles: { production: {...}, research: {...} }`.')
      }
    )
  )
  .check(z.meta({ description: 'Named sets of rules (e.g. production, research); an allowlist entry selects one with `profile:`. An entry without one gets the top-level rules.' }));

/** Every setting of the policy file, in the order the documentation lists them. */
export const POLICY_FIELDS = {
  version: z
    .literal([1, '1'], { error: (iss) => say(`unsupported policy version ${describeValue(iss.input)}`, 'This tool reads `version: 1`.') })
    .check(z.meta({ description: 'Format version. Always 1 (optional).' })),
  trusted_publishers: textList('trusted_publishers', namespace, NAMESPACE).check(
    z.meta({ description: 'Hub organisations and users added to the built-in trusted publishers.' })
  ),
  legitimate_namespaces: textList('legitimate_namespaces', namespace, NAMESPACE).check(
    z.meta({ description: 'Namespaces the team found legitimate: lookalike checks do not flag them.' })
  ),
  fail_on: parsedScalar('fail_on', parseFailOn, {
    pattern: `^\\s*(?:${FAIL_ON_VALUES.map(caseInsensitive).join('|')})\\s*$`,
    description: `The least severe finding that fails the check: ${FAIL_ON_VALUES.join(' | ')} (default high; any case).`
  }),
  exclude: textList('exclude', exclusion, { minLength: 1, maxLength: 256, pattern: PATTERNS.filePattern }).check(
    z.meta({ description: 'Files not downloaded (listed, but not scanned or signed). Code, configuration and model cards are always reviewed.' })
  ),
  exceptions: z
    .nullable(
      z.array(PolicyExceptionSchema, {
        error: (iss) => say(`\`exceptions\` must be a list; found ${describeValue(iss.input)}`, 'Write one `- repo: …` mapping per exception.')
      })
    )
    .check(z.meta({ description: 'Recorded decisions about one repository\'s findings; each needs checks, a reason and an expiry date.' })),
  allow_globals: textList('allow_globals', checkGlobal, {
    pattern: GLOBAL_NAME.source,
    not: { pattern: dangerousGlobalPattern() }
  }).check(z.meta({ description: 'Extra pickle globals to allow, as module.name. What the scanner calls dangerous can never be allowed.' })),
  max_file_size: parsedScalar(
    'max_file_size',
    parseByteSize,
    // The whole number may not exceed 2^53 bytes once scaled, which a pattern cannot say.
    { pattern: '^\\s*[0-9]{1,16}\\s?(?:[bB]|[kKmMgGtT][iI]?[bB])?\\s*$' },
    z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER))
  ).check(z.meta({ description: 'Per file: bytes, or with a unit (KB MB GB TB KiB MiB GiB TiB). Larger files are not examined and block approval.' })),
  concurrency: parsedScalar('concurrency', parseConcurrency, { pattern: wholeNumberUpTo(MAX_CONCURRENCY) }, z.int().check(z.minimum(1), z.maximum(MAX_CONCURRENCY))).check(
    z.meta({ description: 'Entries reviewed at once.' })
  ),
  ...RULE_FIELDS,
  profiles
} as const;

export const POLICY_KEYS = Object.keys(POLICY_FIELDS) as (keyof typeof POLICY_FIELDS)[];

/** The whole file. Every key is optional; absent keys keep the defaults. */
export const PolicyFile = z
  .strictObject(
    Object.fromEntries(Object.entries(POLICY_FIELDS).map(([k, v]) => [k, z.optional(v)])) as {
      [K in keyof typeof POLICY_FIELDS]: z.ZodMiniOptional<(typeof POLICY_FIELDS)[K]>;
    },
    {
      error: (iss: RawIssue) =>
        iss.code === 'unrecognized_keys'
          ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown policy key '${printable(k)}'${didYouMean(k, POLICY_KEYS)}`, help: `Known keys: ${POLICY_KEYS.join(', ')}.` }))
          : sayAboutFile(` must be a mapping of settings; found ${describeValue(iss.input)}`, 'See the keys documented in the README: `fail_on:`, `exclude:`, `exceptions:` …')
    }
  )
  .check(
    z.meta({
      $id: 'https://github.com/model-gate/model-gate/schema/policy.schema.json',
      title: 'Model Gate policy (.github/model-gate.yml)',
      description: "Model Gate's policy, read from the pull request's base branch. Every key is optional; absent keys keep the defaults.",
      examples: [
        {
          version: 1,
          trusted_publishers: ['acme-ai'],
          fail_on: 'high',
          exclude: ['original/**'],
          exceptions: [
            { repo: 'acme-ai/internal-embedder', checks: ['namespace.shadowing'], reason: 'Our own re-publication of the upstream model (SEC-1234)', expires: '2026-12-31' }
          ],
          allow_globals: ['collections.OrderedDict'],
          max_file_size: '100GiB',
          concurrency: 4
        }
      ]
    })
  );

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type Setting<K extends keyof typeof POLICY_FIELDS> = NonNullable<z.output<(typeof POLICY_FIELDS)[K]>>;

/** One exception, with its line in the policy file for messages. */
export type PolicyException = z.output<typeof PolicyExceptionSchema> & { line?: number };

/** The effective policy: defaults, then the base branch's policy file, then action inputs. */
export type Policy = {
  -readonly [K in Exclude<keyof typeof POLICY_FIELDS, 'version' | 'exceptions' | 'profiles' | keyof typeof RULE_FIELDS> as Camel<K>]: Setting<K>;
} & { exceptions: PolicyException[]; profiles: Record<string, PolicyRules> } & PolicyRules;

export type { PolicyRules } from './rules.js';
