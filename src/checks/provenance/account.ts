// Author account age: an account made days before it publishes an "established" model is the throwaway-account
// shape of the May 2026 incident. Young alone asks for review; young on an impersonating name, or young together
// with other provenance signals, blocks. Pure: facts in, findings out.
import type { Finding } from '../../core/findings.js';
import { daysBetween, isoDay, span } from './time.js';

/** An account created fewer days than this before its repository (or before now) counts as young. */
export const YOUNG_ACCOUNT_DAYS = 30;
/** Other medium provenance signals that, with a young account, make the account finding blocking. */
export const ESCALATE_WITH_SIGNALS = 2;

export interface AccountFacts {
  name: string;
  type: 'user' | 'org';
  /** Account creation instant (user createdAt, or an organisation's `_id` time). */
  createdAt: number;
  createdAtSource: 'createdAt' | 'objectId';
  /** When the repository was published: its createdAt, else its first commit. */
  published?: { at: number; from: 'repository createdAt' | 'first commit' };
  repo: string;
  now: number;
  /** The namespace is a protected publisher (trusted, known legitimate, or reviewed in the policy). */
  protectedNamespace: boolean;
  /** Set when the namespace check found a lookalike or repo-name shadowing (what it imitates). */
  impersonates?: string;
  /** Short descriptions of the other suspicious provenance signals found on this repository. */
  otherSignals: readonly string[];
}

export interface AccountVerdict {
  young: boolean;
  findings: Finding[];
}

export function accountFindings(f: AccountFacts): AccountVerdict {
  const findings: Finding[] = [];
  const kind = f.type === 'org' ? 'organisation' : 'user account';
  const source = f.createdAtSource === 'objectId' ? ' (from the organisation\'s _id timestamp)' : '';
  const ageNow = daysBetween(f.createdAt, f.now);
  const beforePublish = f.published ? daysBetween(f.createdAt, f.published.at) : undefined;
  const evidence = [
    `${f.name} created ${new Date(f.createdAt).toISOString()}${source}`,
    ...(f.published ? [`${f.repo} ${f.published.from} ${new Date(f.published.at).toISOString()}`] : []),
    `account age today ${span(ageNow)}`
  ].join('; ');

  if (beforePublish !== undefined && beforePublish < -1) {
    // The repository is older than the account that holds it: moved here, or the name was freed and re-registered.
    findings.push({
      check: 'provenance.account-after-repo',
      severity: f.protectedNamespace ? 'info' : 'low',
      message: `the ${kind} ${f.name} was created ${isoDay(f.createdAt)}, ${span(beforePublish)} after ${f.repo} was published (${isoDay(f.published!.at)}): the repository was transferred here, or the namespace was deleted and re-registered`,
      evidence,
      help: `Check the repository's history on the Hub: a transfer from the publisher you expect is fine; a namespace that changed hands is not.`
    });
  }

  const youngAtPublish = beforePublish !== undefined && beforePublish >= -1 && beforePublish < YOUNG_ACCOUNT_DAYS;
  const youngNow = ageNow < YOUNG_ACCOUNT_DAYS;
  if (!youngAtPublish && !youngNow) return { young: false, findings };
  if (f.protectedNamespace && !youngNow && f.impersonates === undefined) {
    // A publisher the team protects (trusted or known legitimate) that created its organisation days before its
    // launch: ordinary for large releases (xai-org, black-forest-labs), and the account has existed since. The
    // namespace changing hands later shows as an account that is young now, or as a changed author id.
    findings.push({
      check: 'provenance.account-young', severity: 'info',
      message: `${kind} ${f.name} was created ${isoDay(f.createdAt)}, ${span(Math.max(0, beforePublish ?? 0))} before ${f.repo}; a protected publisher launching with a new organisation, ${span(ageNow)} old today`,
      evidence,
      help: 'Nothing to do: the publisher is on the trusted or known-legitimate list, and its account is not new today.'
    });
    return { young: false, findings };
  }

  const when =
    youngAtPublish && f.published
      ? `${span(Math.max(0, beforePublish!))} before the repo (${f.published.from} ${isoDay(f.published.at)})`
      : `${span(ageNow)} ago`;
  const block = f.impersonates !== undefined || f.otherSignals.length >= ESCALATE_WITH_SIGNALS;
  const together = [
    ...(f.impersonates ? [`the name imitates ${f.impersonates}`] : []),
    ...f.otherSignals
  ];
  findings.push({
    check: 'provenance.account-young',
    severity: block ? 'high' : 'medium',
    message:
      `${kind} ${f.name} created ${isoDay(f.createdAt)}, ${when}` +
      (together.length > 0 ? `; together with: ${together.join(', ')}` : ''),
    evidence,
    help: block
      ? 'A days-old account publishing a model under an imitating name or with manufactured popularity is how the May 2026 typosquat worked. Do not approve; use the original publisher\'s repository.'
      : 'New accounts are not bad in themselves, but nothing vouches for this one yet. Confirm who runs it (links, members, other work) before approving.'
  });
  return { young: true, findings };
}
