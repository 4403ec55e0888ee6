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
  /** The name is the original's with an edition word added, or with one letter mistyped (else: the same name). */
  near?: 'edition' | 'typo';
}

function sameName(a: string, b: string): boolean {
  return foldKey(a) === foldKey(b) || visualKey(a) === visualKey(b);
}

/**
 * Words that claim a repository is the original's own variant (`Qwen3-Embedding-0.6B-instruct`), not a derivative
 * of it: a fine-tune says what it is (`-finetuned-legal`, `-ner`), these say "the same model, another edition".
 */
const EDITION = /^(?:instruct|chat|base|it|hf|official|latest|new|full|pro|plus|release|v\d+(?:\.\d+)?)$/;
/** Shorter names are too close to each other by chance for one edit to mean anything. */
const MIN_TYPO_LENGTH = 10;

/**
 * How a name that is not the same imitates another: an edition word added, the original's namespace folded into
 * the name (`google-embeddinggemma-300m` for google/embeddinggemma-300m: "google's model, here"), or one letter
 * typed differently.
 */
export function nearName(candidate: string, original: string, originalNamespace?: string): 'edition' | 'typo' | undefined {
  // Segments between separators, so `v2` stays one word (words() would split it at the digit).
  const cw = segments(candidate);
  const ow = segments(original);
  const nw = originalNamespace !== undefined ? segments(originalNamespace) : [];
  if (nw.length > 0 && cw.length === ow.length + nw.length) {
    const key = (xs: readonly string[]): string => xs.join('\u0000');
    const prefixed = key(cw.slice(0, nw.length)) === key(nw) && key(cw.slice(nw.length)) === key(ow);
    const suffixed = key(cw.slice(ow.length)) === key(nw) && key(cw.slice(0, ow.length)) === key(ow);
    if (prefixed || suffixed) return 'edition';
  }
  if (cw.length === ow.length + 1) {
    for (const at of [0, cw.length - 1]) {
      const extra = cw[at] ?? '';
      const rest = at === 0 ? cw.slice(1) : cw.slice(0, -1);
      if (EDITION.test(extra) && rest.join('\u0000') === ow.join('\u0000')) return 'edition';
    }
  }
  const a = visualKey(candidate);
  const b = visualKey(original);
  if (Math.min(a.length, b.length) >= MIN_TYPO_LENGTH && oneLetterEdit(a, b)) return 'typo';
  return undefined;
}

function segments(name: string): string[] {
  return name.toLowerCase().split(/[-_.\s]+/).filter((w) => w !== '');
}

/**
 * One insertion, deletion, substitution or swap of neighbours that involves a letter (`Embeding`, `Embeddnig`).
 * Digits are not typos: `Qwen3-Embedding-4B` and `-8B` are two models. Linear: the keys are compared once.
 */
function oneLetterEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let ja = a.length;
  let jb = b.length;
  while (ja > i && jb > i && a[ja - 1] === b[jb - 1]) { ja--; jb--; }
  const da = a.slice(i, ja);
  const db = b.slice(i, jb);
  const letter = (t: string): boolean => /\p{L}/u.test(t);
  if (da.length + db.length === 1) return letter(da + db);
  if (da.length === 1 && db.length === 1) return letter(da) || letter(db);
  // A swap of neighbours: `ab` for `ba`.
  if (da.length === 2 && db.length === 2 && da[0] === db[1] && da[1] === db[0]) return letter(da);
  return false;
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
  let bestNear: 'edition' | 'typo' | undefined;
  for (const r of input.results) {
    const [ns, n] = r.id.split('/') as [string, string];
    if (ns.toLowerCase() === namespace.toLowerCase() || r.private) continue;
    const same = sameName(n, name) || sameName(n, base) || sameName(baseName(n), base);
    const near = same ? undefined : nearName(base, baseName(n), ns);
    if (!same && !near) continue;
    if ((r.downloads ?? 0) < MIN_ORIGINAL_DOWNLOADS && !input.protectedNamespaces?.has(ns.toLowerCase())) continue;
    // Only an older repository is the original; without dates on either side, the popular one is.
    const theirs = r.createdAt ? Date.parse(r.createdAt) : Number.NaN;
    if (!Number.isNaN(created) && !Number.isNaN(theirs) && theirs >= created) continue;
    // The same name outranks a near one; then the most downloaded.
    if (!best || (bestNear !== undefined && near === undefined) || ((bestNear === undefined) === (near === undefined) && (r.downloads ?? 0) > (best.downloads ?? 0))) {
      best = r;
      bestNear = near;
    }
  }
  if (!best) return undefined;
  const originalNs = best.id.split('/')[0] as string;
  const c = keysOf(namespace);
  const p = keysOf(originalNs, 'any-case');
  const hit = lookalikeHits(c, p).sort((a, b) => b.score - a.score)[0];
  const lookalike = hit && hit.score >= REVIEW_SCORE ? hit.rule : undefined;
  // A near name under an unrelated namespace asks for review; under a namespace that resembles the original's it
  // blocks (two imitations at once), under a lookalike namespace it blocks as the same name would.
  const score = lookalike ? Math.max(BLOCK_SCORE + 15, hit?.score ?? 0) : resembles(c, p) ? (bestNear ? BLOCK_SCORE : 85) : 55;
  return {
    original: best.id, downloads: best.downloads ?? 0, score, ...(lookalike ? { lookalike } : {}), ...(bestNear ? { near: bestNear } : {}),
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
    message: `'${repo}' ${s.near === 'edition' ? 'presents itself as an edition of' : s.near === 'typo' ? 'is one letter away from the name of' : 'reuses the name of'} ${s.protected ? 'protected publisher ' : ''}${s.original} (older; ${s.downloads.toLocaleString('en-US')} downloads in 30 days) ${why}`,
    evidence: `imitates: ${s.original.split('/')[0]}; rule: repo-shadowing; known from: Hub search; original: ${s.original}`,
    help: s.score >= BLOCK_SCORE
      ? `Do not approve. If you meant the original, use ${s.original}.`
      : `Check that this is not a copy posing as ${s.original}: compare the model card, files and account age with the ` +
        `original, and prefer ${s.original} if it is the same model. If it is a genuine derivative, approve and record ` +
        `'${namespace}' as a reviewed namespace.`
  };
}
