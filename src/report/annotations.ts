// Check-run annotations on the allowlist: one per entry at its line, saying the verdict and why. GitHub shows at
// most 10 annotations per level per step, so each level keeps its worst entries and the last one kept says how
// many more there are.
import { compareText } from '../core/text.js';
import type { Verdict } from '../core/findings.js';
import { isLocalReview, type AnyReview, type Review } from '../core/review.js';
import { CAPS, plain } from './escape.js';
import { VERDICT_LABEL, compareReviews, plural, reasonOf, severityCounts, severitySummary, shortSha } from './tally.js';
import type { LocatedError } from '../core/errors.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  file: string;
  startLine: number;
  title: string;
}

/** GitHub displays this many annotations per level per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

const LEVEL: Record<Verdict, AnnotationLevel> = { rejected: 'error', 'needs-review': 'warning', approved: 'notice' };

function startLine(n: number | undefined): number {
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : 1;
}

function entryAnnotation(review: Review, allowlistPath: string): Annotation {
  const who = plain(`${review.entry.repo}@${shortSha(review.entry.revision)}`, CAPS.name);
  const counts = severitySummary(severityCounts(review.findings));
  let message = `${VERDICT_LABEL[review.verdict]}: ${plain(reasonOf(review), CAPS.message)}`;
  if (review.findings.length > 1) message += ` (${plural(review.findings.length, 'finding')}: ${counts})`;
  message += review.verdict === 'approved' ? '.' : '. Details are in the Model Gate review comment and job summary.';
  return { level: LEVEL[review.verdict], message, file: allowlistPath, startLine: startLine(review.entry.line), title: `Model Gate: ${who} ${VERDICT_LABEL[review.verdict].toLowerCase()}` };
}

/**
 * One annotation per entry (and per allowlist error, as errors first), at most `perLevel` per level, worst kept.
 * Messages are plain text with invisible characters shown; the caller's workflow-command layer escapes the rest.
 */
export function annotationsFor(
  reviews: readonly AnyReview[],
  allowlistPath: string,
  errors: readonly LocatedError[] = [],
  perLevel = ANNOTATIONS_PER_LEVEL
): Annotation[] {
  const all: Annotation[] = errors.map((e) => ({
    level: 'error' as const,
    message: plain(e.help ? `${e.message} — ${e.help}` : e.message, CAPS.message),
    file: e.file,
    startLine: startLine(e.line),
    title: 'Model Gate: invalid allowlist entry'
  }));
  // Annotations sit on allowlist lines; a local scan has none.
  for (const r of [...reviews].sort(compareReviews)) if (!isLocalReview(r)) all.push(entryAnnotation(r, allowlistPath));

  const out: Annotation[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const ofLevel = all.filter((a) => a.level === level);
    const kept = ofLevel.slice(0, perLevel);
    const more = ofLevel.length - kept.length;
    const last = kept[kept.length - 1];
    if (more > 0 && last) last.message += ` (${plural(more, `more ${level}`)} not annotated: see the review comment.)`;
    out.push(...kept);
  }
  return out.sort((a, b) => compareText(a.file, b.file) || a.startLine - b.startLine);
}
