// The vetting record: a second in-toto statement over the same subject (ROOT) as model.sig, saying what Model Gate
// checked and concluded. Signed the same way, so a release pipeline can require "reviewed, approved, this repo
// and commit" and not only "these bytes".
import type { Finding, Verdict } from '../core/findings.js';
import { policySha256 } from '../config/policy/digest.js';
import type { Policy } from '../config/policy/schema.js';
import type { RedirectHop, Review } from '../core/review.js';
import { RULES_VERSION, TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import { IN_TOTO_STATEMENT_TYPE, type InTotoStatement } from './manifest.js';

export const VETTING_PREDICATE_TYPE = 'https://model-gate.dev/vetting/v1';

/** Hub scan status as the Hub reported it (securityRepoStatus). */
export interface HubScanStatus {
  scansDone?: boolean;
  /** Per-file overall status, e.g. `safe`, `unsafe`, `unscanned`. */
  files?: { path: string; status: string }[];
}

/** What the vetting record needs beyond the Review. */
export interface VettingContext {
  /** The policy in force (from the base branch); its digest (policy/digest.ts, bare hex) is recorded. */
  policy?: Policy;
  prUrl?: string;
  repoCreatedAt?: string;
  authorCreatedAt?: string;
  commitDate?: string;
  hubScan?: HubScanStatus;
  /** ISO time of the review; defaults to now. */
  reviewedAt?: string;
}

export interface VettingPredicate {
  tool: { name: string; version: string };
  /** The rule set that judged (core/version.ts RULES_VERSION); absent in records made before it was recorded. */
  rulesVersion: string;
  reviewedAt: string;
  requestedId: string;
  canonicalId: string;
  commit: string;
  repoId: string | null;
  authorId: string | null;
  createdAt: { repo: string | null; author: string | null; commit: string | null };
  redirects: RedirectHop[];
  hubScan: HubScanStatus | null;
  verdict: Verdict;
  findings: Finding[];
  policyDigest: { sha256: string } | null;
  prUrl: string | null;
  files: { path: string; sha256: string | null; gitOid: string | null }[];
}

/** Builds the vetting statement for a reviewed entry (pure apart from the default `reviewedAt`). */
export function vettingStatement(review: Review, subject: { name: string; root: string }, ctx: VettingContext = {}): InTotoStatement<VettingPredicate> {
  if (!review.commit) throw new Error(`${review.entry.repo}: review has no resolved commit; cannot record what was vetted`);
  const predicate: VettingPredicate = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rulesVersion: RULES_VERSION,
    reviewedAt: ctx.reviewedAt ?? new Date().toISOString(),
    requestedId: review.entry.repo,
    canonicalId: review.canonicalId ?? review.entry.repo,
    commit: review.commit,
    repoId: review.repoId ?? null,
    authorId: review.authorId ?? null,
    createdAt: { repo: ctx.repoCreatedAt ?? null, author: ctx.authorCreatedAt ?? null, commit: ctx.commitDate ?? null },
    redirects: review.redirects,
    hubScan: ctx.hubScan ?? null,
    verdict: review.verdict,
    findings: review.findings,
    policyDigest: ctx.policy ? { sha256: policySha256(ctx.policy) } : null,
    prUrl: ctx.prUrl ?? null,
    files: review.files.map((f) => ({ path: f.path, sha256: f.sha256 ?? null, gitOid: f.gitOid ?? null }))
  };
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: subject.name, digest: { sha256: subject.root } }],
    predicateType: VETTING_PREDICATE_TYPE,
    predicate
  };
}

/** The fields a verifier acts on, read back from a signed vetting statement. */
export interface ParsedVetting {
  root: string;
  requestedId: string;
  canonicalId: string;
  commit: string;
  verdict: string;
  predicate: Record<string, unknown>;
}

/** Parses a signed vetting statement; throws with what is missing. */
export function parseVettingStatement(payload: Buffer): ParsedVetting {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw new Error(`vetting payload is not JSON: ${(e as Error).message}`, { cause: e });
  }
  const d = doc as Partial<InTotoStatement<Record<string, unknown>>> | null;
  if (!d || d._type !== IN_TOTO_STATEMENT_TYPE) throw new Error('vetting payload is not an in-toto statement');
  if (d.predicateType !== VETTING_PREDICATE_TYPE) throw new Error(`vetting predicateType is ${JSON.stringify(d.predicateType)}, expected ${VETTING_PREDICATE_TYPE}`);
  const root = Array.isArray(d.subject) && d.subject.length === 1 ? d.subject[0]?.digest?.sha256 : undefined;
  const p = d.predicate;
  if (typeof root !== 'string' || typeof p !== 'object' || p === null) throw new Error('vetting statement needs one subject digest and a predicate');
  const str = (k: string): string => {
    const v = p[k];
    if (typeof v !== 'string') throw new Error(`vetting predicate has no '${k}'`);
    return v;
  };
  return { root, requestedId: str('requestedId'), canonicalId: str('canonicalId'), commit: str('commit'), verdict: str('verdict'), predicate: p };
}
