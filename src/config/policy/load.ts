// The effective policy: defaults, extended or overridden by the base branch's policy file, then by action inputs.
// Lists in the file extend the defaults (trusted publishers, known-legitimate namespaces); scalars replace them.
import { severityRank } from '../../core/findings.js';
import { parseStrictYaml } from '../yaml/strict.js';
import { defaultPolicy } from './defaults.js';
import { compileGlob } from '../../core/glob.js';
import { parseByteSize, parseConcurrency, parseFailOn, readPolicyDocument } from './schema.js';
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
    for (const p of problems) errors.push({ file: source, line: p.line, column: p.column, message: p.message, ...(p.help ? { help: p.help } : {}) });
    if (root !== null) {
      const { fields, errors: fieldErrors } = readPolicyDocument(root, source);
      errors.push(...fieldErrors);
      errors.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
      if (fields.trustedPublishers) policy.trustedPublishers = union(policy.trustedPublishers, fields.trustedPublishers);
      if (fields.legitimateNamespaces) policy.legitimateNamespaces = union(policy.legitimateNamespaces, fields.legitimateNamespaces);
      if (fields.failOn) policy.failOn = fields.failOn;
      if (fields.exclude) policy.exclude = union([], fields.exclude, exact);
      if (fields.exceptions) policy.exceptions = fields.exceptions;
      if (fields.allowGlobals) policy.allowGlobals = union([], fields.allowGlobals, exact);
      if (fields.maxFileSize !== undefined) policy.maxFileSize = fields.maxFileSize;
      if (fields.concurrency !== undefined) policy.concurrency = fields.concurrency;
    }
  }

  const inputError = (name: string, value: string, why: string): void => {
    errors.push({ file: `input ${name}`, line: 1, message: `input \`${name}\` is '${value}'; ${why}` });
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
