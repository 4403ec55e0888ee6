// The policy file `.github/model-gate.yml` (read from the base branch): its types and its validation.
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
//
// Scalars are strings (failsafe YAML); numbers are parsed here with errors on anything else.
import type { Severity } from '../../core/findings.js';
import { checkNamespace, checkRepoId, checkRevision, printable } from '../../core/ids.js';
import { compileGlob } from '../../core/glob.js';
import { describeNode } from '../yaml/strict.js';
import type { YamlMapping, YamlNode } from '../yaml/strict.js';
import { didYouMean } from '../yaml/suggest.js';
import { MAX_CONCURRENCY } from './defaults.js';

export interface PolicyException {
  repo: string;
  /** When set, the exception covers only this commit. */
  revision?: string;
  /** Check ids (`namespace.shadowing`) or prefixes (`namespace.*`). */
  checks: string[];
  reason: string;
  /** Last day (UTC) the exception applies, YYYY-MM-DD. */
  expires: string;
  /** Line in the policy file, for messages. */
  line?: number;
}

/** The effective policy: defaults, then the base branch's policy file, then action inputs. */
export interface Policy {
  trustedPublishers: string[];
  legitimateNamespaces: string[];
  /** The least severe finding that fails the check. */
  failOn: FailOn;
  exclude: string[];
  exceptions: PolicyException[];
  /** Extra pickle globals allowed, as `module.name`. */
  allowGlobals: string[];
  maxFileSize: number;
  concurrency: number;
}

export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Severity[];
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export interface PolicyError {
  file: string;
  line: number;
  column?: number;
  message: string;
  help?: string;
}

/** What a policy file sets; absent keys leave the defaults. */
export interface PolicyFileFields {
  trustedPublishers?: string[];
  legitimateNamespaces?: string[];
  failOn?: FailOn;
  exclude?: string[];
  exceptions?: PolicyException[];
  allowGlobals?: string[];
  maxFileSize?: number;
  concurrency?: number;
}

export const POLICY_KEYS = [
  'version',
  'trusted_publishers',
  'legitimate_namespaces',
  'fail_on',
  'exclude',
  'exceptions',
  'allow_globals',
  'max_file_size',
  'concurrency'
] as const;
const EXCEPTION_KEYS = ['repo', 'revision', 'checks', 'reason', 'expires'] as const;

type Here = { line: number; column?: number };
type Fail = (at: Here, message: string, help?: string) => void;

/** Validates the parsed document. Invalid values are reported and left out (so the default applies). */
export function readPolicyDocument(root: YamlNode, file: string): { fields: PolicyFileFields; errors: PolicyError[] } {
  const errors: PolicyError[] = [];
  const fail: Fail = (at, message, help) => {
    errors.push({ file, line: at.line, ...(at.column ? { column: at.column } : {}), message, ...(help ? { help } : {}) });
  };
  const fields: PolicyFileFields = {};
  if (root.kind !== 'mapping') {
    fail(root, `${file} must be a mapping of settings; found ${describeNode(root)}`, 'See the keys documented in the README: `fail_on:`, `exclude:`, `exceptions:` …');
    return { fields, errors };
  }
  for (const { key, value } of root.pairs) {
    switch (key.value) {
      case 'version':
        if (value.kind !== 'scalar' || value.value !== '1') fail(value, `unsupported policy version ${describeNode(value)}`, 'This tool reads `version: 1`.');
        break;
      case 'trusted_publishers':
        assignIf(fields, 'trustedPublishers', namespaces(value, key.value, fail));
        break;
      case 'legitimate_namespaces':
        assignIf(fields, 'legitimateNamespaces', namespaces(value, key.value, fail));
        break;
      case 'fail_on': {
        const r = parseFailOn(value.kind === 'scalar' ? value.value : undefined);
        if (typeof r === 'string') fields.failOn = r;
        else fail(value, `\`fail_on\` is ${describeNode(value)}; ${r.error}`);
        break;
      }
      case 'exclude':
        assignIf(fields, 'exclude', strings(value, key.value, fail, (s) => {
          const g = compileGlob(s);
          return g.ok ? null : `pattern '${printable(s)}': ${g.error}`;
        }));
        break;
      case 'exceptions':
        assignIf(fields, 'exceptions', exceptions(value, fail));
        break;
      case 'allow_globals':
        assignIf(fields, 'allowGlobals', strings(value, key.value, fail, checkGlobal));
        break;
      case 'max_file_size': {
        const r = parseByteSize(value.kind === 'scalar' ? value.value : undefined);
        if (typeof r === 'number') fields.maxFileSize = r;
        else fail(value, `\`max_file_size\` is ${describeNode(value)}; ${r.error}`);
        break;
      }
      case 'concurrency': {
        const r = parseConcurrency(value.kind === 'scalar' ? value.value : undefined);
        if (typeof r === 'number') fields.concurrency = r;
        else fail(value, `\`concurrency\` is ${describeNode(value)}; ${r.error}`);
        break;
      }
      default:
        fail(key, `unknown policy key '${printable(key.value)}'${didYouMean(key.value, POLICY_KEYS)}`, `Known keys: ${POLICY_KEYS.join(', ')}.`);
    }
  }
  return { fields, errors };
}

function assignIf<K extends keyof PolicyFileFields>(o: PolicyFileFields, k: K, v: PolicyFileFields[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}

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
  const scale = UNITS[unit];
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

// Callables that run code or read files whatever module they come from; no policy may allow them in a pickle.
const FORBIDDEN_GLOBAL_MODULES = new Set([
  'builtins', '__builtin__', 'os', 'posix', 'nt', 'subprocess', 'sys', 'socket', 'shutil', 'importlib', 'runpy',
  'pty', 'ctypes', 'pickle', '_pickle', 'cPickle', 'dill', 'marshal', 'code', 'codeop', 'pdb', 'webbrowser', 'types',
  'commands', 'multiprocessing', 'asyncio', 'signal', 'tempfile', 'pathlib', 'io', '_io', 'zipimport', 'pkgutil',
  'urllib', 'requests', 'http', 'ftplib', 'smtplib', 'telnetlib', 'operator', 'functools', 'inspect', 'platform'
]);
const FORBIDDEN_GLOBAL_NAMES = new Set([
  'eval', 'exec', 'execfile', 'compile', 'system', 'popen', '__import__', 'getattr', 'setattr', 'delattr', 'load',
  'loads', 'open', 'call', 'check_call', 'check_output', 'run', 'spawn', 'Popen', 'import_module'
]);

/** null when `g` may be allowed as an extra pickle global, else why not. */
export function checkGlobal(g: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(g)) {
    return `'${printable(g)}' is not \`module.name\` (dotted Python identifiers, no wildcards)`;
  }
  const parts = g.split('.');
  const root = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (FORBIDDEN_GLOBAL_MODULES.has(root)) return `'${g}' comes from '${root}', whose members can run code or touch the system; it can never be allowed`;
  if (FORBIDDEN_GLOBAL_NAMES.has(last) || last.startsWith('spawn') || last.startsWith('exec')) {
    return `'${g}' names a callable ('${last}') that can run code or load more data; it can never be allowed`;
  }
  return null;
}

function strings(value: YamlNode, key: string, fail: Fail, check: (s: string) => string | null): string[] | undefined {
  if (value.kind === 'scalar' && value.value === '' && value.plain) return [];
  if (value.kind !== 'sequence') {
    fail(value, `\`${key}\` must be a list; found ${describeNode(value)}`, `Write \`${key}: [a, b]\` or one \`- item\` per line.`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'scalar') {
      fail(item, `items of \`${key}\` must be text; found ${describeNode(item)}`);
      continue;
    }
    const problem = check(item.value);
    if (problem) fail(item, problem);
    else out.push(item.value);
  }
  return out;
}

function namespaces(value: YamlNode, key: string, fail: Fail): string[] | undefined {
  return strings(value, key, fail, (s) => {
    const p = checkNamespace(s);
    return p ? `${p.message}. ${p.help}` : null;
  });
}

const CHECK_ID = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*(\.\*)?$/;

/** Valid calendar date YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function exceptions(value: YamlNode, fail: Fail): PolicyException[] | undefined {
  if (value.kind === 'scalar' && value.value === '' && value.plain) return [];
  if (value.kind !== 'sequence') {
    fail(value, `\`exceptions\` must be a list; found ${describeNode(value)}`, 'Write one `- repo: …` mapping per exception.');
    return undefined;
  }
  const out: PolicyException[] = [];
  for (const item of value.items) {
    if (item.kind !== 'mapping') {
      fail(item, `an exception must be a mapping with repo, checks, reason and expires; found ${describeNode(item)}`);
      continue;
    }
    const ex = exception(item, fail);
    if (ex) out.push(ex);
  }
  return out;
}

function exception(item: YamlMapping, fail: Fail): PolicyException | null {
  let ok = true;
  const bad: Fail = (at, message, help) => {
    ok = false;
    fail(at, message, help);
  };
  const text: Partial<Record<(typeof EXCEPTION_KEYS)[number], string>> = {};
  const present = new Set(item.pairs.map((p) => p.key.value));
  let checks: string[] | undefined;
  for (const { key, value } of item.pairs) {
    if (key.value === 'checks') {
      checks = strings(value, 'checks', bad, (c) =>
        c === '*' || !CHECK_ID.test(c)
          ? `check '${printable(c)}' must be a check id like \`namespace.shadowing\` or a prefix like \`namespace.*\` (a bare '*' is not allowed)`
          : null
      );
      const empty = value.kind === 'sequence' ? value.items.length === 0 : value.kind === 'scalar' && value.value === '';
      if (empty) bad(value, 'an exception must name at least one check', 'List the check ids the exception covers.');
    } else if ((EXCEPTION_KEYS as readonly string[]).includes(key.value)) {
      if (value.kind !== 'scalar') bad(value, `\`${key.value}\` must be a single value; found ${describeNode(value)}`);
      else text[key.value as (typeof EXCEPTION_KEYS)[number]] = value.value;
    } else {
      bad(key, `unknown exception key '${printable(key.value)}'${didYouMean(key.value, EXCEPTION_KEYS)}`, `An exception has ${EXCEPTION_KEYS.join(', ')}.`);
    }
  }
  const at = { line: item.line, column: item.column };
  if (text.repo === undefined) bad(at, 'exception has no `repo`', 'Add `repo: org/name`.');
  else {
    const p = checkRepoId(text.repo);
    if (p) bad(at, p.message, p.help);
  }
  if (text.revision !== undefined) {
    const p = checkRevision(text.revision, text.repo);
    if (p) bad(at, `exception for '${text.repo ?? '?'}': ${p.message}`, p.help);
  }
  if (!present.has('checks')) bad(at, `exception for '${text.repo ?? '?'}' has no \`checks\``, 'List the check ids it covers, e.g. `checks: [namespace.shadowing]`.');
  if (text.reason === undefined || text.reason.trim() === '') {
    bad(at, `exception for '${text.repo ?? '?'}' has no \`reason\``, 'Say why the finding is acceptable and who decided (e.g. a ticket).');
  }
  if (text.expires === undefined) {
    bad(at, `exception for '${text.repo ?? '?'}' has no \`expires\` date`, 'Add `expires: YYYY-MM-DD`; exceptions must be re-examined.');
  } else if (!isIsoDate(text.expires)) {
    bad(at, `exception for '${text.repo ?? '?'}': expires '${printable(text.expires)}' is not a date`, 'Write it as YYYY-MM-DD, e.g. `expires: 2026-12-31`.');
  }
  if (!ok || !text.repo || !checks || checks.length === 0 || !text.reason || !text.expires) return null;
  return {
    repo: text.repo,
    ...(text.revision !== undefined ? { revision: text.revision } : {}),
    checks,
    reason: text.reason,
    expires: text.expires,
    line: item.line
  };
}
