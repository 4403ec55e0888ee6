// The namespace check in the review: runs checkName (namespace/check.ts) on the repository the Hub answered for,
// with the policy's publishers, and confirms repo-name shadowing against the same Hub. The result is shared with
// the provenance check (a young account or a copied card matters more on an impersonating repository).
import type { Finding } from '../core/findings.js';
import { checkName, type NameCheckResult } from './namespace/check.js';
import { namesakeFinding, namesakeOf } from './namespace/namesakes.js';
import { baseName } from './namespace/quantised.js';
import type { ModelSummary } from '../hub/shapes/model-list.js';
import type { HubCheck, HubCheckContext } from './types.js';

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
  /** What the Hub's search answered (the most downloaded repositories sharing the name), when it was asked. */
  searched?: readonly ModelSummary[];
}

const cache = new WeakMap<HubCheckContext, Promise<NameAssessment>>();

/** The namespace assessment for this review, computed once per context and shared by every check that asks. */
export function nameAssessmentFor(ctx: HubCheckContext): Promise<NameAssessment> {
  let p = cache.get(ctx);
  if (!p) {
    p = assess(ctx);
    cache.set(ctx, p);
  }
  return p;
}

async function assess(ctx: HubCheckContext): Promise<NameAssessment> {
  const canonical = ctx.resolved.canonicalId;
  const checked = [canonical];
  if (ctx.entry.repo.toLowerCase() !== canonical.toLowerCase()) checked.push(ctx.entry.repo);
  // No per-publisher existence lookups: one search of the Hub below finds the originals a name shadows.
  const options = { trusted: ctx.policy.trustedPublishers, legitimate: ctx.policy.legitimateNamespaces };
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
      const original = idBeforeSource(h.detail) ?? `${h.publisher}/${canonical.split('/')[1] ?? ''}`;
      if (!shadows.some((s) => s.original.toLowerCase() === original.toLowerCase())) {
        shadows.push({ original, publisher: h.publisher, score: h.score });
      }
    }
  }
  const role = results[0]?.role;
  let searched: ModelSummary[] | undefined;
  // The Hub's own search: the most downloaded repositories sharing the name, whoever published them.
  if (!role) {
    const name = canonical.split('/')[1] ?? '';
    const query = baseName(name);
    let answer = await ctx.hub.searchModels(query);
    // The Hub matches substrings: a respelled name (`Qwen3_Embedding_0.6B`, `Qwen3-Embeding-0.6B`,
    // `Qwen3-Embedding-0.6B-instruct`) finds nothing under its own spelling. Only then, one more search by the
    // name's first word finds the popular originals it may imitate.
    const first = firstWord(query);
    if (answer !== undefined && first !== undefined && !answer.some((r) => r.id.split('/')[0]?.toLowerCase() !== canonical.split('/')[0]?.toLowerCase())) {
      const more = await ctx.hub.searchModels(first);
      if (more !== undefined) answer = [...answer, ...more];
    }
    if (answer === undefined) {
      findings.push({
        check: 'namespace.repo-shadowing', severity: 'info',
        message: `could not search the Hub for popular repositories named '${query}'`,
        help: 'Shadowing was checked against the built-in list only; re-run when the Hub is reachable.'
      });
    } else {
      searched = answer;
      const createdAt = ctx.resolved.info.createdAt;
      const protectedNamespaces = new Set([...ctx.policy.trustedPublishers, ...ctx.policy.legitimateNamespaces].map((n) => n.toLowerCase()));
      const found = namesakeOf({ repo: canonical, ...(createdAt ? { createdAt } : {}), results: answer, protectedNamespaces });
      if (found && !shadows.some((s) => s.original.toLowerCase() === found.original.toLowerCase())) {
        findings.push(namesakeFinding(canonical, found));
        shadows.push({ original: found.original, publisher: found.original.split('/')[0] ?? '', score: found.score });
        impersonationScore = Math.max(impersonationScore, found.score);
      }
    }
  }
  return { checked, results, findings, shadows, impersonationScore, ...(role ? { role } : {}), ...(searched ? { searched } : {}) };
}

export const namespaceCheck: HubCheck = {
  id: 'namespace',
  needs: 'hub',
  async run(ctx) {
    return (await nameAssessmentFor(ctx)).findings;
  }
};

/** The name's first word when the name has more than one and the word is long enough to search for (`Qwen3`). */
function firstWord(name: string): string | undefined {
  const w = /^[^-_.]+/.exec(name)?.[0];
  return w !== undefined && w !== name && w.length >= 3 ? w : undefined;
}

/** `publisher/repo` at the start of `publisher/repo (source) …` (what /^(\S+\/\S+) \(/ matched, without its backtracking). */
function idBeforeSource(detail: string): string | undefined {
  const end = detail.indexOf(' (');
  if (end < 0) return undefined;
  const id = detail.slice(0, end);
  const slash = id.indexOf('/', 1);
  return !/\s/.test(id) && slash > 0 && slash < id.length - 1 ? id : undefined;
}
