// What a pull request changes in the policy, as lines for the review comment. The change does not take effect in
// the pull request that makes it (the policy is read from the base branch); the comment says what it would do.
import { severityRank } from '../../core/findings.js';
import { DEFAULT_POLICY_PATH } from './defaults.js';
import { loadPolicy } from './load.js';
import { RULE_KEYS } from './rules.js';
import type { Policy, PolicyException, PolicyRules } from './schema.js';

/**
 * Human-readable lines describing how `head` differs from `base` (either may be null: file absent).
 * Empty when the effective policies are the same. `source` names the file in messages.
 */
export function describePolicyChange(baseText: string | null, headText: string | null, source = DEFAULT_POLICY_PATH): string[] {
  if (baseText === headText) return [];
  const lines: string[] = [];
  if (baseText === null) lines.push(`adds the policy file ${source}`);
  if (headText === null) lines.push(`removes the policy file ${source}; the built-in defaults would apply`);
  const base = loadPolicy(baseText, source);
  const head = loadPolicy(headText, source);
  if (head.errors.length > 0) {
    const first = head.errors[0];
    const more = head.errors.length > 1 ? ` (and ${head.errors.length - 1} more)` : '';
    lines.push(`the new policy has ${head.errors.length} error${head.errors.length > 1 ? 's' : ''}: line ${first?.line}: ${first?.message}${more}`);
  }
  lines.push(...describePolicyDifference(base.policy, head.policy));
  return lines;
}

/** Lines describing the difference between two effective policies. */
export function describePolicyDifference(a: Policy, b: Policy): string[] {
  const out: string[] = [];
  const setDiff = (from: readonly string[], to: readonly string[], fold: boolean, add: (x: string) => string, remove: (x: string) => string): void => {
    const key = (s: string): string => (fold ? s.toLowerCase() : s);
    const fromKeys = new Set(from.map(key));
    const toKeys = new Set(to.map(key));
    for (const x of to) if (!fromKeys.has(key(x))) out.push(add(x));
    for (const x of from) if (!toKeys.has(key(x))) out.push(remove(x));
  };
  setDiff(a.trustedPublishers, b.trustedPublishers, true, (x) => `adds trusted publisher ${x}`, (x) => `removes trusted publisher ${x}`);
  setDiff(
    a.legitimateNamespaces,
    b.legitimateNamespaces,
    true,
    (x) => `adds known-legitimate namespace ${x} (lookalike checks will not flag it)`,
    (x) => `removes known-legitimate namespace ${x}`
  );
  if (a.failOn !== b.failOn) {
    const looser = severityRank(b.failOn) > severityRank(a.failOn);
    out.push(
      `${looser ? 'raises' : 'lowers'} the fail threshold from ${a.failOn} to ${b.failOn} (${looser ? 'fewer' : 'more'} findings fail the check)`
    );
  }
  setDiff(a.exclude, b.exclude, false, (x) => `excludes files matching '${x}' from download and review`, (x) => `stops excluding files matching '${x}'`);
  setDiff(a.allowGlobals, b.allowGlobals, false, (x) => `allows the pickle global ${x}`, (x) => `stops allowing the pickle global ${x}`);
  out.push(...exceptionChanges(a.exceptions, b.exceptions));
  if (a.maxFileSize !== b.maxFileSize) out.push(`changes the maximum file size from ${bytes(a.maxFileSize)} to ${bytes(b.maxFileSize)}`);
  if (a.concurrency !== b.concurrency) out.push(`changes concurrency from ${a.concurrency} to ${b.concurrency}`);
  out.push(...ruleChanges(a, b, ''));
  for (const name of new Set([...Object.keys(a.profiles), ...Object.keys(b.profiles)])) {
    const from = a.profiles[name];
    const to = b.profiles[name];
    if (!from) out.push(`adds profile ${name}`);
    else if (!to) out.push(`removes profile ${name} (entries naming it would be refused)`);
    out.push(...ruleChanges(from ?? {}, to ?? {}, `profile ${name}: `));
  }
  return out;
}

/** One line per approval rule that differs (rules.ts), as the policy file spells it. */
function ruleChanges(a: PolicyRules, b: PolicyRules, prefix: string): string[] {
  const out: string[] = [];
  const show = (v: unknown): string => (v === undefined ? 'unset' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  for (const [key, camel] of Object.entries(RULE_KEYS)) {
    const [x, y] = [show(a[camel]), show(b[camel])];
    if (x !== y) out.push(`${prefix}changes \`${key}\` from ${x} to ${y}`);
  }
  return out;
}

function exceptionKey(ex: PolicyException): string {
  return `${ex.repo.toLowerCase()}@${ex.revision ?? '*'}`;
}

function describeException(ex: PolicyException): string {
  const at = ex.revision ? `@${ex.revision.slice(0, 12)}` : '';
  return `${ex.repo}${at} (checks ${ex.checks.join(', ')}; expires ${ex.expires}): ${ex.reason}`;
}

function exceptionChanges(from: readonly PolicyException[], to: readonly PolicyException[]): string[] {
  const out: string[] = [];
  const fromByKey = new Map(from.map((ex) => [exceptionKey(ex), ex]));
  const toKeys = new Set(to.map(exceptionKey));
  for (const ex of to) {
    const before = fromByKey.get(exceptionKey(ex));
    if (!before) {
      out.push(`adds exception for ${describeException(ex)}`);
      continue;
    }
    const changes: string[] = [];
    const checksBefore = [...before.checks].sort().join(', ');
    const checksAfter = [...ex.checks].sort().join(', ');
    if (checksBefore !== checksAfter) changes.push(`checks ${checksBefore} → ${checksAfter}`);
    if (before.expires !== ex.expires) changes.push(`expires ${before.expires} → ${ex.expires}`);
    if (before.reason !== ex.reason) changes.push(`reason now: ${ex.reason}`);
    if (changes.length > 0) out.push(`changes exception for ${ex.repo}: ${changes.join('; ')}`);
  }
  for (const ex of from) if (!toKeys.has(exceptionKey(ex))) out.push(`removes exception for ${describeException(ex)}`);
  return out;
}

function bytes(n: number): string {
  for (const [unit, size] of [['TiB', 1024 ** 4], ['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}
