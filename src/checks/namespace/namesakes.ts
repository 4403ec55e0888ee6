// Repo-name shadowing found on the Hub itself: the most downloaded repositories with the same (or a confusable)
// name under another namespace. The built-in map knows a few hundred originals of protected publishers; the Hub's
// search knows every popular repository, so a copy of any of them is seen. Pure: the search answer comes in.
import type { Finding } from '../../core/findings.js';
import type { ModelSummary } from '../../hub/shapes/model-list.js';
import { foldKey, visualKey } from './keys.js';
import { BLOCK_SCORE, REVIEW_SCORE, keysOf, lookalikeHits, resembles } from './rules.js';
import { baseName } from './quantised.js';

/** An original needs at least this many downloads (last 30 days) to be worth imitating. */
export const MIN_ORIGINAL_DOWNLOADS = 1000;

export interface NamesakeInput {
  /** The repository under review. */
  repo: string;
  createdAt?: string;
  /** The Hub's most downloaded repositories whose id contains the name (search answer). */
  results: readonly ModelSummary[];
  /** Protected publishers (trusted and known-legitimate, lower case): their repositories are originals at any popularity. */
  protectedNamespaces?: ReadonlySet<string>;
}

export interface Namesake {
  original: string;
  downloads: number;
  score: number;
  /** The namespace rule that makes the candidate's namespace a lookalike of the original's, if any. */
  lookalike?: string;
  /** The original belongs to a protected publisher. */
  protected: boolean;
}

function sameName(a: string, b: string): boolean {
  return foldKey(a) === foldKey(b) || visualKey(a) === visualKey(b);
}

/**
 * The original a repository shadows, if any: an older repository under another namespace whose name is the same
 * (or the same once a quantisation suffix is set aside), with at least MIN_ORIGINAL_DOWNLOADS downloads; the most
 * downloaded wins. The candidate's own popularity never lowers the result.
 */
export function namesakeOf(input: NamesakeInput): Namesake | undefined {
  const [namespace, name] = input.repo.split('/') as [string, string];
  const base = baseName(name);
  const created = input.createdAt ? Date.parse(input.createdAt) : Number.NaN;
  let best: ModelSummary | undefined;
  for (const r of input.results) {
    const [ns, n] = r.id.split('/') as [string, string];
    if (ns.toLowerCase() === namespace.toLowerCase() || r.private) continue;
    if (!sameName(n, name) && !sameName(n, base) && !sameName(baseName(n), base)) continue;
    if ((r.downloads ?? 0) < MIN_ORIGINAL_DOWNLOADS && !input.protectedNamespaces?.has(ns.toLowerCase())) continue;
    // Only an older repository is the original; without dates on either side, the popular one is.
    const theirs = r.createdAt ? Date.parse(r.createdAt) : Number.NaN;
    if (!Number.isNaN(created) && !Number.isNaN(theirs) && theirs >= created) continue;
    if (!best || (r.downloads ?? 0) > (best.downloads ?? 0)) best = r;
  }
  if (!best) return undefined;
  const originalNs = best.id.split('/')[0] as string;
  const c = keysOf(namespace);
  const p = keysOf(originalNs, 'any-case');
  const hit = lookalikeHits(c, p).sort((a, b) => b.score - a.score)[0];
  const lookalike = hit && hit.score >= REVIEW_SCORE ? hit.rule : undefined;
  const score = lookalike ? Math.max(BLOCK_SCORE + 15, hit?.score ?? 0) : resembles(c, p) ? 85 : 55;
  return {
    original: best.id, downloads: best.downloads ?? 0, score, ...(lookalike ? { lookalike } : {}),
    protected: input.protectedNamespaces?.has(originalNs.toLowerCase()) ?? false
  };
}

/** The finding for a namesake found on the Hub, graded like repo-name shadowing of the built-in map. */
export function namesakeFinding(repo: string, s: Namesake): Finding {
  const [namespace] = repo.split('/') as [string];
  const why = s.lookalike
    ? `and the namespace '${namespace}' is a lookalike of '${s.original.split('/')[0]}' (${s.lookalike})`
    : s.score >= BLOCK_SCORE ? `and the namespace '${namespace}' resembles '${s.original.split('/')[0]}'` : 'under an unrelated namespace';
  return {
    check: 'namespace.repo-shadowing',
    severity: s.score >= BLOCK_SCORE ? 'high' : 'medium',
    message: `'${repo}' reuses the name of ${s.protected ? 'protected publisher ' : ''}${s.original} (older; ${s.downloads.toLocaleString('en-US')} downloads in 30 days) ${why}`,
    evidence: `imitates: ${s.original.split('/')[0]}; rule: repo-shadowing; known from: Hub search; original: ${s.original}`,
    help: s.score >= BLOCK_SCORE
      ? `Do not approve. If you meant the original, use ${s.original}.`
      : `Check that this is not a copy posing as ${s.original}: compare the model card, files and account age with the ` +
        `original, and prefer ${s.original} if it is the same model. If it is a genuine derivative, approve and record ` +
        `'${namespace}' as a reviewed namespace.`
  };
}
