// A fingerprint of the effective policy, recorded in signed attestations so a verifier knows which rules approved
// an artifact. Canonical JSON: keys sorted, set-like lists sorted, line numbers and concurrency left out; so the
// same rules give the same digest however the file was written.
import { createHash } from 'node:crypto';
import type { Policy, PolicyRules } from './schema.js';

/** The approval rules, canonical: absent rules stay absent, so a policy without them keeps its digest. */
function canonicalRules(r: PolicyRules): Record<string, unknown> {
  const sortedUnique = (xs: readonly string[] | undefined): string[] | undefined => (xs ? [...new Set(xs)].sort() : undefined);
  const lower = (xs: readonly string[] | undefined): string[] | undefined => sortedUnique(xs?.map((x) => x.toLowerCase()));
  return {
    formats: r.formats && { allowed: sortedUnique(r.formats.allowed), blocked: sortedUnique(r.formats.blocked) },
    requireSafetensors: r.requireSafetensors,
    remoteCode: r.remoteCode,
    minAccountAge: r.minAccountAge,
    minDownloads: r.minDownloads,
    verifiedPublishersOnly: r.verifiedPublishersOnly,
    licenses: r.licenses && { allowed: lower(r.licenses.allowed), denied: lower(r.licenses.denied) },
    fastTrack: r.fastTrack
  };
}

/** `sha256:<64 hex>` of the canonical JSON of the policy. */
export function policyDigest(policy: Policy): string {
  return `sha256:${policySha256(policy)}`;
}

/** The bare 64-hex sha256 of the canonical JSON of the policy (what the vetting record stores). */
export function policySha256(policy: Policy): string {
  return createHash('sha256').update(canonicalPolicyJson(policy), 'utf8').digest('hex');
}

export function canonicalPolicyJson(policy: Policy): string {
  const sortedUnique = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
  const exceptions = policy.exceptions
    .map((ex) => canonicalJson({ ...ex, line: undefined, checks: sortedUnique(ex.checks) }))
    .sort();
  return canonicalJson({
    trustedPublishers: sortedUnique(policy.trustedPublishers),
    legitimateNamespaces: sortedUnique(policy.legitimateNamespaces),
    failOn: policy.failOn,
    exclude: sortedUnique(policy.exclude),
    exceptions: exceptions.map((e) => JSON.parse(e) as unknown),
    allowGlobals: sortedUnique(policy.allowGlobals),
    maxFileSize: policy.maxFileSize,
    ...canonicalRules(policy),
    profiles: Object.keys(policy.profiles).length > 0
      ? Object.fromEntries(Object.entries(policy.profiles).map(([name, rules]) => [name, canonicalRules(rules)]))
      : undefined
    // concurrency is left out: it changes how fast a review runs, not what it decides
  });
}

/**
 * Canonical JSON (RFC 8785 style): object keys sorted by UTF-16 code units at every level, no whitespace,
 * `undefined` members dropped (`null` in arrays). Throws on values JSON cannot represent faithfully.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot canonicalize non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalize a ${typeof value}`);
}
