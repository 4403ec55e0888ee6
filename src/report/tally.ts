// Facts every renderer agrees on: counts, the overall verdict, the order entries are shown in, the one-line reason.
import { compareText } from '../core/text.js';
import { compareFindings, severityRank, type Finding, type Severity, type Verdict } from '../core/findings.js';
import { isLocalReview, type AnyReview } from '../core/review.js';
import type { ReportInput } from '../core/report.js';

export interface Counts {
  approved: number;
  needsReview: number;
  rejected: number;
}

export function countVerdicts(reviews: readonly AnyReview[]): Counts {
  const c: Counts = { approved: 0, needsReview: 0, rejected: 0 };
  for (const r of reviews) {
    if (r.verdict === 'rejected') c.rejected++;
    else if (r.verdict === 'needs-review') c.needsReview++;
    else c.approved++;
  }
  return c;
}

const VERDICT_RANK: Record<Verdict, number> = { rejected: 2, 'needs-review': 1, approved: 0 };

/** The worst verdict; an invalid allowlist is rejected too (its entries could not all be read). */
export function overallVerdict(input: Pick<ReportInput, 'reviews' | 'errors'>): Verdict {
  if ((input.errors?.length ?? 0) > 0) return 'rejected';
  let worst: Verdict = 'approved';
  for (const r of input.reviews) if (VERDICT_RANK[r.verdict] > VERDICT_RANK[worst]) worst = r.verdict;
  return worst;
}

/** Findings most severe first (a sorted copy). */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function worstFinding(review: AnyReview): Finding | undefined {
  let worst: Finding | undefined;
  for (const f of review.findings) if (!worst || compareFindings(f, worst) < 0) worst = f;
  return worst;
}

/** The highest severity among findings, or undefined when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  return worst;
}

/** The one-line reason shown beside the verdict: the worst finding's message, or what a clean result means. */
export function reasonOf(review: AnyReview): string {
  const worst = worstFinding(review);
  if (worst) return worst.message;
  if (review.verdict === 'rejected') return 'Rejected without a recorded finding: treat every file as not examined.';
  const n = review.files.length;
  return `No findings: ${n} file${n === 1 ? '' : 's'} ${isLocalReview(review) ? 'scanned' : 'verified and scanned'}.`;
}

/** Rejected first, then needs-review, then approved; within a verdict, the worst finding, then allowlist order. */
export function compareReviews(a: AnyReview, b: AnyReview): number {
  const wa = worstSeverity(a.findings);
  const wb = worstSeverity(b.findings);
  return (
    VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] ||
    (wb ? severityRank(wb) : -1) - (wa ? severityRank(wa) : -1) ||
    (reviewLine(a) ?? 0) - (reviewLine(b) ?? 0) ||
    compareText(reviewName(a), reviewName(b))
  );
}

/** How every output names a review: `org/name@abc1234` for an allowlist entry, the paths for a local scan. */
export function reviewName(review: AnyReview): string {
  return isLocalReview(review) ? review.paths.join(' ') : `${review.entry.repo}@${shortSha(review.entry.revision)}`;
}

/** The allowlist line of an entry's review; undefined for a local scan. */
export function reviewLine(review: AnyReview): number | undefined {
  return isLocalReview(review) ? undefined : review.entry.line;
}

/**
 * Every finding about one file: the scanners' own and the repository checks' that name it (a README instruction
 * that runs `scripts/x.py` is about that script too), members of a container counted with the container.
 */
export function findingsAbout(review: AnyReview, path: string): Finding[] {
  return review.findings.filter((f) => f.file !== undefined && (f.file === path || f.file.startsWith(`${path}!/`)));
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export const VERDICT_ICON: Record<Verdict, string> = { rejected: '❌', 'needs-review': '⚠️', approved: '✅' };
export const VERDICT_LABEL: Record<Verdict, string> = { rejected: 'Rejected', 'needs-review': 'Needs review', approved: 'Approved' };
export const SEVERITY_ICON: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };
export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 critical, 1 high" for the severities present, most severe first. */
export function severitySummary(counts: Record<Severity, number>): string {
  return (Object.keys(counts) as Severity[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** 1536 → "1.5 KiB". */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} B` : `${v.toFixed(1)} ${units[u]}`;
}

export function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha;
}
