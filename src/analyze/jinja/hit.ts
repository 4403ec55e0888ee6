// What the template analysis reports before it becomes findings (src/analyze/template.ts groups them).

export type HitSeverity = 'critical' | 'high' | 'medium';

export interface Hit {
  severity: HitSeverity;
  /** What the template does, as a phrase (“walks Python object internals”). */
  why: string;
  /** Which names, and how they are reached (“attribute `__globals__`”), when the phrase has them. */
  detail?: string;
  /** The expression that does it, printed from the syntax tree (or the token, for a lexical scan). */
  evidence: string;
}
