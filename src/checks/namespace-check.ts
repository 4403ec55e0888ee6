// The namespace check in the review: runs checkName (namespace/check.ts) on the repository the Hub answered for,
// with the policy's publishers, and confirms repo-name shadowing against the same Hub. The result is shared with
// the provenance check (a young account or a copied card matters more on an impersonating repository).
import type { Finding } from '../core/findings.js';
import type { HubClient } from '../hub/client.js';
import { HubError } from '../hub/errors.js';
import { checkName, type HubLookup, type NameCheckResult } from './namespace/check.js';
import type { RepoCheck, RepoCheckContext } from './types.js';

/** Hub answers that mean "no such public repository" (anonymous requests get 401 for missing repos). */
const ABSENT = new Set(['repo-not-found', 'unauthorized', 'not-found']);
/** Answers that mean the repository exists, though we may not read it (a redirect: it exists under that name's new home). */
const PRESENT = new Set(['gated', 'disabled', 'unexpected-redirect']);

/**
 * Does `publisher/name` exist on this Hub? One `refs` request: true when it answers (or is gated, disabled, or
 * moved), false on 404/401, undefined for anything else (rate limit, outage, odd answer) — never throws.
 */
export function hubRepoExists(hub: Pick<HubClient, 'getRefs'>): HubLookup {
  return async (repoId) => {
    try {
      await hub.getRefs(repoId);
      return true;
    } catch (err) {
      if (err instanceof HubError) {
        if (ABSENT.has(err.code)) return false;
        if (PRESENT.has(err.code)) return true;
      }
      return undefined;
    }
  };
}

export interface NameAssessment {
  /** The id that was checked (the canonical id, and the allowlist's spelling when it differs beyond case). */
  checked: string[];
  results: NameCheckResult[];
  findings: Finding[];
  /** `publisher/repo` ids the repository's name shadows (from the built-in map or confirmed by the Hub). */
  shadows: { original: string; publisher: string; score: number }[];
  /** The strongest namespace lookalike or shadowing hit (0 when none). */
  impersonationScore: number;
  /** The namespace is a protected publisher itself (exactly or by case). */
  role?: NameCheckResult['role'];
}

const cache = new WeakMap<RepoCheckContext, Promise<NameAssessment>>();

/** The namespace assessment for this review, computed once per context and shared by every check that asks. */
export function nameAssessmentFor(ctx: RepoCheckContext): Promise<NameAssessment> {
  let p = cache.get(ctx);
  if (!p) {
    p = assess(ctx);
    cache.set(ctx, p);
  }
  return p;
}

async function assess(ctx: RepoCheckContext): Promise<NameAssessment> {
  const canonical = ctx.resolved.canonicalId;
  const checked = [canonical];
  if (ctx.entry.repo.toLowerCase() !== canonical.toLowerCase()) checked.push(ctx.entry.repo);
  const options = {
    trusted: ctx.policy.trustedPublishers,
    legitimate: ctx.policy.legitimateNamespaces,
    hubLookup: hubRepoExists(ctx.hub)
  };
  const results: NameCheckResult[] = [];
  for (const id of checked) results.push(await checkName(id, options));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    for (const f of r.findings) {
      const key = `${f.check}\u0000${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Findings about the allowlist's spelling of a moved repository say so: the pin check reports the move itself.
      findings.push(r.repo === canonical ? f : { ...f, message: `${f.message} (as written in the allowlist)` });
    }
  }
  const shadows: NameAssessment['shadows'] = [];
  let impersonationScore = 0;
  for (const r of results) {
    for (const h of r.hits) {
      if (h.rule === 'case-variant') continue;
      impersonationScore = Math.max(impersonationScore, h.score);
      if (h.rule !== 'repo-shadowing') continue;
      // checkName's detail starts with the original's id as it knows it: `publisher/repo (source) …`.
      const original = /^(\S+\/\S+) \(/.exec(h.detail)?.[1] ?? `${h.publisher}/${canonical.split('/')[1] ?? ''}`;
      if (!shadows.some((s) => s.original.toLowerCase() === original.toLowerCase())) {
        shadows.push({ original, publisher: h.publisher, score: h.score });
      }
    }
  }
  const role = results[0]?.role;
  return { checked, results, findings, shadows, impersonationScore, ...(role ? { role } : {}) };
}

export const namespaceCheck: RepoCheck = {
  id: 'namespace',
  async run(ctx) {
    return (await nameAssessmentFor(ctx)).findings;
  }
};
