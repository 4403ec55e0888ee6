// The effective policy: defaults, extended or overridden by the base branch's policy file, then by action inputs.
// Lists in the file extend the defaults (trusted publishers, known-legitimate namespaces); scalars replace them.
// Invalid values are reported and left out (so the default applies); an invalid list item is left out of its list.
import type { LocatedError } from '../../core/errors.js';
import { severityRank } from '../../core/findings.js';
import { compileGlob } from '../../core/glob.js';
import { checkDocument, validItems, validPart, valueAt, type CheckedDocument } from '../schema/located.js';
import { parseStrictYaml } from '../yaml/strict.js';
import { defaultPolicy } from './defaults.js';
import { RULE_KEYS, type PolicyRules } from './rules.js';
import { parseByteSize, parseConcurrency, parseFailOn, POLICY_FIELDS, PolicyExceptionSchema, PolicyFile, RULE_FIELDS } from './schema.js';
import type { Policy, PolicyError } from './schema.js';

export const MAX_POLICY_BYTES = 256 * 1024;

/** Action inputs (strings as the runner gives them; '' means not set). They override the file. */
export interface PolicyInputs {
  failOn?: string;
  maxFileSize?: string;
  concurrency?: string;
  /** Extra exclude patterns, one per line. */
  exclude?: string;
}

export interface LoadedPolicy {
  policy: Policy;
  /** Any error means the policy is not what its author meant: report it and fail the check. */
  errors: PolicyError[];
  /** Things a reviewer should know that are not errors (e.g. an input loosening the file). */
  warnings: string[];
}

/**
 * `text === null`: no policy file at the base ref, so defaults (plus inputs) apply. `source` names the file in
 * errors (e.g. `.github/model-gate.yml` or the input's path). Never throws.
 */
export function loadPolicy(text: string | null, source: string, inputs: PolicyInputs = {}): LoadedPolicy {
  const policy = defaultPolicy();
  const errors: PolicyError[] = [];
  const warnings: string[] = [];

  if (text !== null) {
    const { root, problems } = parseStrictYaml(text, { maxBytes: MAX_POLICY_BYTES, what: source });
    errors.push(...problems);
    if (root !== null) {
      const doc = checkDocument(PolicyFile, root, source);
      errors.push(...doc.errors);
      errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
      const F = POLICY_FIELDS;

      const trusted = validPart(doc, ['trusted_publishers'], F.trusted_publishers);
      if (trusted !== undefined) policy.trustedPublishers = union(policy.trustedPublishers, trusted ?? []);
      const legitimate = validPart(doc, ['legitimate_namespaces'], F.legitimate_namespaces);
      if (legitimate !== undefined) policy.legitimateNamespaces = union(policy.legitimateNamespaces, legitimate ?? []);
      const failOn = validPart(doc, ['fail_on'], F.fail_on);
      if (failOn !== undefined) policy.failOn = failOn;
      const exclude = validPart(doc, ['exclude'], F.exclude);
      if (exclude !== undefined) policy.exclude = union([], exclude ?? [], exact);
      if (valueAt(doc, ['exceptions']) !== undefined && !doc.failedAt(['exceptions'])) {
        policy.exceptions = validItems(doc, ['exceptions'], PolicyExceptionSchema).map(({ index, value }) => ({
          ...value,
          line: doc.plain.nodeAt(['exceptions', index]).line
        }));
      }
      const allowGlobals = validPart(doc, ['allow_globals'], F.allow_globals);
      if (allowGlobals !== undefined) policy.allowGlobals = union([], allowGlobals ?? [], exact);
      const maxFileSize = validPart(doc, ['max_file_size'], F.max_file_size);
      if (maxFileSize !== undefined) policy.maxFileSize = maxFileSize;
      const concurrency = validPart(doc, ['concurrency'], F.concurrency);
      if (concurrency !== undefined) policy.concurrency = concurrency;
      Object.assign(policy, readRules(doc, []));
      const profiles = valueAt(doc, ['profiles']);
      if (profiles !== null && typeof profiles === 'object' && !Array.isArray(profiles) && !doc.failedAt(['profiles'])) {
        for (const name of Object.keys(profiles)) {
          // A profile with any error is left out whole: entries naming it are then refused (fail closed).
          const body = valueAt(doc, ['profiles', name]);
          if (doc.failedWithin(['profiles', name]) || (body !== null && (typeof body !== 'object' || Array.isArray(body)))) continue;
          policy.profiles[name] = body === null ? {} : readRules(doc, ['profiles', name]);
        }
      }
    }
  }

  const inputError = (name: string, value: string, why: string): void => {
    errors.push({ file: `input ${name}`, line: 1, message: `input \`${name}\` is '${value}'; ${why}` } satisfies LocatedError);
  };
  if (set(inputs.failOn)) {
    const r = parseFailOn(inputs.failOn);
    if (typeof r === 'string') {
      if (severityRank(r) > severityRank(policy.failOn)) {
        warnings.push(`input \`fail-on: ${r}\` loosens the policy's \`fail_on: ${policy.failOn}\`: fewer findings fail the check`);
      }
      policy.failOn = r;
    } else inputError('fail-on', inputs.failOn, r.error);
  }
  if (set(inputs.maxFileSize)) {
    const r = parseByteSize(inputs.maxFileSize);
    if (typeof r === 'number') policy.maxFileSize = r;
    else inputError('max-file-size', inputs.maxFileSize, r.error);
  }
  if (set(inputs.concurrency)) {
    const r = parseConcurrency(inputs.concurrency);
    if (typeof r === 'number') policy.concurrency = r;
    else inputError('concurrency', inputs.concurrency, r.error);
  }
  if (set(inputs.exclude)) {
    const extra: string[] = [];
    for (const line of inputs.exclude.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) {
      const g = compileGlob(line);
      if (g.ok) extra.push(line);
      else inputError('exclude', line, g.error);
    }
    policy.exclude = union(policy.exclude, extra, exact);
  }
  return { policy, errors, warnings };
}

/** The approval rules at `at` (the top level or one profile) that passed validation. */
function readRules(doc: CheckedDocument<unknown>, at: string[]): PolicyRules {
  const out: PolicyRules = {};
  for (const [key, camel] of Object.entries(RULE_KEYS) as [keyof typeof RULE_KEYS, keyof PolicyRules][]) {
    const v = validPart(doc, [...at, key], RULE_FIELDS[key]) as PolicyRules[keyof PolicyRules] | undefined;
    if (v === undefined) continue;
    // `formats:` / `licenses:` with nothing under them set no rule; lists keep their valid items.
    if (v === null) continue;
    (out as Record<string, unknown>)[camel] = typeof v === 'object' && !Array.isArray(v) ? withoutNulls(v as Record<string, unknown>) : v;
  }
  return out;
}

function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v ?? []]));
}

function set(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

const exact = (s: string): string => s;
const folded = (s: string): string => s.toLowerCase();

/** `base` then the new items of `more`, deduplicated by `key` (Hub names compare case-insensitively), first kept. */
function union(base: readonly string[], more: readonly string[], key: (s: string) => string = folded): string[] {
  const seen = new Set(base.map(key));
  const out = [...base];
  for (const s of more) {
    if (seen.has(key(s))) continue;
    seen.add(key(s));
    out.push(s);
  }
  return out;
}
