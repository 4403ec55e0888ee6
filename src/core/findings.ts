// The vocabulary every check, scanner and report shares.
import { compareText } from './text.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing a check noticed. `check` is a stable dotted id (e.g. `hub.hash-mismatch`, `pickle.global`). */
export interface Finding {
  check: string;
  severity: Severity;
  /** One line a reviewer reads first: what is wrong. */
  message: string;
  /** Repository-relative path the finding is about, when it is about one file. */
  file?: string;
  /** 1-based line in `file`, when it has one. */
  line?: number;
  /** Byte offset in `file` (pickle opcodes, container members). */
  offset?: number;
  /** The concrete bytes/text/values that show it, already truncated to something readable. */
  evidence?: string;
  /** What the reviewer or the PR author should do about it. */
  help?: string;
}

export type Verdict = 'approved' | 'needs-review' | 'rejected';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

/** Critical and high findings block approval on their own. */
export function isBlocking(s: Severity): boolean {
  return RANK[s] >= RANK.high;
}

/** critical/high → rejected, medium → needs-review, otherwise approved (DESIGN.md, Verdicts). */
export function verdictOf(findings: readonly Pick<Finding, 'severity'>[]): Verdict {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, RANK[f.severity]);
  if (worst >= RANK.high) return 'rejected';
  if (worst === RANK.medium) return 'needs-review';
  return 'approved';
}

/** Sorts most severe first, then by file and offset/line, so reports read top-down. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[b.severity] - RANK[a.severity] ||
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? a.offset ?? 0) - (b.line ?? b.offset ?? 0) ||
    compareText(a.check, b.check)
  );
}

/** A finding with its required fields first (scanners and analyzers build many). */export function finding(
  check: string, severity: Severity, message: string, extra: Partial<Omit<Finding, 'check' | 'severity' | 'message'>> = {}
): Finding {
  return { check, severity, message, ...extra };
}

/** One line of evidence: line breaks and tabs become spaces, cut at `max` characters with an ellipsis. */export function truncate(s: string, max = 160): string {
  const clean = s.replace(/[\r\n\t]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
