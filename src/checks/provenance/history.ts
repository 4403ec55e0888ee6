// History shape from the commit list: a whole repository arriving in one commit (nothing to compare, nobody's
// incremental work), a pinned commit pushed days ago into an old repository (who pushed it?), and commit dates
// that contradict the Hub's own record (git dates are whatever the uploader wrote). Pure.
import type { Finding } from '../../core/findings.js';
import type { Commit } from '../../hub/types.js';
import { daysBetween, instant, isoDay, span } from './time.js';

/** The Hub started recording repository createdAt here; older repositories all carry this date. */
export const HUB_CREATED_AT_EPOCH = Date.parse('2022-03-03T00:00:00.000Z');
/** An established repository: at least this old (days) when a very recent pinned commit is worth a note. */
export const ESTABLISHED_REPO_DAYS = 90;
/** A pinned commit younger than this (days) in an established repository gets a note. */
export const RECENT_COMMIT_DAYS = 7;
/** Slack for clocks and time zones when comparing dates (days). */
const SLACK_DAYS = 1;

export interface HistoryFacts {
  repo: string;
  sha: string;
  /** Newest first, starting at the pinned commit (the first page at least). */
  commits: readonly Commit[];
  /** X-Total-Count, when the Hub sent it. */
  total?: number;
  /** Whether `commits` is the whole history. */
  complete: boolean;
  /** Files at the pinned commit. */
  fileCount: number;
  repoCreatedAt?: number;
  now: number;
}

export interface HistoryVerdict {
  singleCommit: boolean;
  /** Date of the oldest commit, when the whole history was read. */
  firstCommitAt?: number;
  findings: Finding[];
}

export function historyFindings(f: HistoryFacts): HistoryVerdict {
  const findings: Finding[] = [];
  const pinned = f.commits[0];
  if (!pinned || pinned.id !== f.sha) {
    findings.push({
      check: 'provenance.history-inconsistent',
      severity: 'high',
      message: `the Hub's commit history of ${f.repo} at ${f.sha} does not start with that commit`,
      evidence: pinned ? `first listed commit ${pinned.id}` : 'the history is empty',
      help: 'The Hub\'s answers disagree with each other, so the history cannot be trusted. Re-run; if it persists, do not approve.'
    });
    return { singleCommit: false, findings };
  }
  const n = f.total ?? (f.complete ? f.commits.length : undefined);
  const oldest = f.complete ? f.commits[f.commits.length - 1] : undefined;
  const firstCommitAt = instant(oldest?.date);
  const pinnedAt = instant(pinned.date);
  const authors = [...new Set(pinned.authors.map((a) => a.user))].join(', ') || 'none listed';

  const singleCommit = n === 1 && f.fileCount >= 2;
  if (singleCommit) {
    findings.push({
      check: 'provenance.single-commit',
      severity: 'medium',
      message: `the whole repository (${f.fileCount} files) arrived in a single commit, "${pinned.title.slice(0, 80)}"${pinnedAt !== undefined ? ` on ${isoDay(pinnedAt)}` : ''}: there is no history to review`,
      evidence: `commit ${pinned.id} by ${authors}; commits in history: 1`,
      help: 'Real publishers usually create the repository and then upload in separate commits. Compare the files with the original they claim to be before approving.'
    });
  }

  const repoAge = f.repoCreatedAt !== undefined ? daysBetween(f.repoCreatedAt, f.now) : undefined;
  if (pinnedAt !== undefined) {
    const commitAge = daysBetween(pinnedAt, f.now);
    if (commitAge < -SLACK_DAYS) {
      findings.push({
        check: 'provenance.commit-dated-future',
        severity: 'low',
        message: `the pinned commit is dated ${isoDay(pinnedAt)}, in the future`,
        evidence: `commit ${pinned.id} date ${pinned.date}`,
        help: 'Commit dates are set by whoever pushed; a future date means they were forged or the clock was wrong. Do not rely on them.'
      });
    } else if (!singleCommit && repoAge !== undefined && repoAge >= ESTABLISHED_REPO_DAYS && commitAge < RECENT_COMMIT_DAYS) {
      findings.push({
        check: 'provenance.commit-recent',
        severity: 'low',
        message: `the pinned commit is ${span(commitAge)} old, in a repository created ${span(repoAge)} ago: a recent change to an established repository`,
        evidence: `commit ${pinned.id} "${pinned.title.slice(0, 80)}" by ${authors}, ${pinned.date}`,
        help: 'Check that the commit comes from the publisher\'s usual accounts and changes what its title says; a hijacked account pushes exactly such commits.'
      });
    }
  }
  const earliest = firstCommitAt ?? pinnedAt;
  if (
    earliest !== undefined &&
    f.repoCreatedAt !== undefined &&
    f.repoCreatedAt >= HUB_CREATED_AT_EPOCH &&
    daysBetween(earliest, f.repoCreatedAt) > SLACK_DAYS
  ) {
    findings.push({
      check: 'provenance.commit-backdated',
      severity: 'low',
      message: `commits are dated from ${isoDay(earliest)}, ${span(daysBetween(earliest, f.repoCreatedAt))} before the repository was created (${isoDay(f.repoCreatedAt)})`,
      evidence: `${firstCommitAt !== undefined ? 'first' : 'pinned'} commit date ${new Date(earliest).toISOString()}; repository createdAt ${new Date(f.repoCreatedAt).toISOString()}`,
      help: 'Git dates are written by the uploader; an imported history is fine, but backdating is also how a new repository is made to look established. Trust the Hub\'s createdAt.'
    });
  }
  return { singleCommit, ...(firstCommitAt !== undefined ? { firstCommitAt } : {}), findings };
}
