// Per-repo exceptions: a team's recorded decision that some findings about one repository are acceptable, with a
// reason and an expiry date. Applying one keeps the finding visible (downgraded to info and labelled) instead of
// deleting it. Expired exceptions are not applied and are reported. Critical findings cannot be waived: they mean
// "this executes code" or "this is not what it claims", and a false positive there is a bug to fix, not to file.
import type { Finding } from '../../core/findings.js';
import type { PolicyException } from './schema.js';

export interface WaivedFinding {
  finding: Finding;
  exception: PolicyException;
}

export interface ExceptionOutcome {
  /** The findings to report: waived ones downgraded to info, plus notes about expired or refused exceptions. */
  findings: Finding[];
  waived: WaivedFinding[];
  /** Exceptions for this repo that matched a finding but have expired. */
  expired: PolicyException[];
  /** Critical findings an exception tried to cover. */
  refused: WaivedFinding[];
}

/** Does `check` fall under `pattern` (an exact id or `prefix.*`)? */
export function checkMatches(pattern: string, check: string): boolean {
  if (pattern.endsWith('.*')) return check.startsWith(pattern.slice(0, -1));
  return pattern === check;
}

/** Is the exception live on `today` (YYYY-MM-DD, UTC)? It applies through the whole of its `expires` day. */
export function isLive(ex: PolicyException, today: string): boolean {
  return today <= ex.expires;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Applies the exceptions that cover `entry` to its findings. Pure; `today` is YYYY-MM-DD (UTC). */
export function applyExceptions(
  entry: { repo: string; revision: string },
  findings: readonly Finding[],
  exceptions: readonly PolicyException[],
  today: string
): ExceptionOutcome {
  const mine = exceptions.filter(
    (ex) => ex.repo.toLowerCase() === entry.repo.toLowerCase() && (ex.revision === undefined || ex.revision === entry.revision)
  );
  const outcome: ExceptionOutcome = { findings: [], waived: [], expired: [], refused: [] };
  const expired = new Set<PolicyException>();
  const refusedBy = new Set<PolicyException>();

  for (const finding of findings) {
    const covering = mine.filter((ex) => ex.checks.some((c) => checkMatches(c, finding.check)));
    const live = covering.find((ex) => isLive(ex, today));
    for (const ex of covering) if (!isLive(ex, today)) expired.add(ex);
    if (!live) {
      outcome.findings.push(finding);
      continue;
    }
    if (finding.severity === 'critical') {
      outcome.refused.push({ finding, exception: live });
      refusedBy.add(live);
      outcome.findings.push(finding);
      continue;
    }
    outcome.waived.push({ finding, exception: live });
    outcome.findings.push({
      ...finding,
      severity: 'info',
      message: `[waived, was ${finding.severity}] ${finding.message}`,
      help: `Waived by the policy exception for ${live.repo} until ${live.expires}: ${live.reason}`
    });
  }

  for (const ex of expired) {
    outcome.expired.push(ex);
    outcome.findings.push({
      check: 'policy.exception-expired',
      severity: 'info',
      message: `The policy exception for ${ex.repo} (${ex.checks.join(', ')}) expired on ${ex.expires} and was not applied`,
      ...(ex.line !== undefined ? { evidence: `policy line ${ex.line}: ${ex.reason}` } : { evidence: ex.reason }),
      help: 'Re-examine the findings; renew the exception with a new date on the base branch if they are still acceptable.'
    });
  }
  for (const ex of refusedBy) {
    outcome.findings.push({
      check: 'policy.exception-refused',
      severity: 'info',
      message: `The policy exception for ${ex.repo} covers a critical finding; critical findings cannot be waived`,
      evidence: ex.reason,
      help: 'Critical findings mean code execution or impersonation. If it is a false positive, report it rather than waiving it.'
    });
  }
  return outcome;
}
