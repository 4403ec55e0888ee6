// One GitHub issue per repository whose approval no longer holds, opened, updated and closed by the audit itself.
// Pure: the audit's results, the repository's issues carrying the audit marker and the action's own identity in;
// the operations out. The marker only finds candidates: an issue is the audit's own only when the action's identity
// wrote it, so a marker planted by someone else is ignored (and named). Quiet: a body that would not change is not
// rewritten, and a repository with nothing to act on gets no issue.
import { compareFindings, severityRank, type Finding } from '../core/findings.js';
import type { AuditEntryResult } from './run.js';

export const AUDIT_MARKER_PREFIX = '<!-- model-gate-audit repo=';

export interface IssueAuthor { login: string; id?: number }

export interface AuditIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  author?: IssueAuthor;
}

export type IssueOp =
  | { kind: 'create'; repo: string; title: string; body: string }
  | { kind: 'update'; number: number; repo: string; title: string; body: string; reopen: boolean }
  | { kind: 'close'; number: number; repo: string; comment: string };

export interface IssuePlan {
  ops: IssueOp[];
  /** Issues carrying the marker that the action's identity did not write: never touched. */
  ignored: AuditIssue[];
}

export function markerFor(repo: string): string {
  return `${AUDIT_MARKER_PREFIX}"${repo.toLowerCase()}" -->`;
}

function repoOfMarker(body: string): string | undefined {
  const first = body.split('\n', 1)[0] ?? '';
  const m = /^<!-- model-gate-audit repo="([^"\s]+)" -->$/.exec(first);
  return m?.[1];
}

function isSelf(me: IssueAuthor, who: IssueAuthor | undefined): boolean {
  if (!who) return false;
  if (me.id !== undefined && who.id !== undefined) return me.id === who.id;
  return me.login.toLowerCase() === who.login.toLowerCase();
}

/** Findings a maintainer acts on: medium and above. Information (new commits, notes) never opens an issue. */
function actionable(f: Finding): boolean {
  return severityRank(f.severity) >= severityRank('medium');
}

/** The issue body for one repository's entries: stable (no times, sorted), so an unchanged state is not rewritten. */
export function issueBody(repo: string, results: readonly AuditEntryResult[]): string {
  const lines = [markerFor(repo), `The scheduled Model Gate audit found that an approval of **${repo}** no longer holds as it was reviewed.`, ''];
  for (const r of [...results].sort((a, b) => a.entry.line - b.entry.line)) {
    const fs = r.findings.filter(actionable).sort(compareFindings);
    if (fs.length === 0) continue;
    lines.push(`### \`${r.entry.repo}@${r.entry.revision}\` (approved-models.yaml line ${r.entry.line})`, '');
    for (const f of fs) {
      lines.push(`- **${f.severity}** \`${f.check}\`: ${f.message.replace(/\s+/g, ' ')}`, `  - What to do: ${(f.help ?? '').replace(/\s+/g, ' ')}`);
    }
    lines.push('');
  }
  lines.push('This issue is kept up to date by the audit and closed by it when the entry is fixed or removed.');
  return `${lines.join('\n')}\n`;
}

function titleFor(repo: string, results: readonly AuditEntryResult[]): string {
  const worst = results.flatMap((r) => r.findings).filter(actionable).sort(compareFindings)[0];
  return `Model Gate audit: ${repo}${worst ? ` — ${worst.check} (${worst.severity})` : ''}`;
}

/**
 * `complete`: every entry of the allowlist was audited in this run (no shard). Only then are issues of repositories
 * that left the allowlist closed; a shard manages the repositories it audited.
 */
export function planIssues(results: readonly AuditEntryResult[], existing: readonly AuditIssue[], me: IssueAuthor, complete: boolean): IssuePlan {
  const ignored: AuditIssue[] = [];
  const mine = new Map<string, AuditIssue>();
  for (const issue of existing) {
    const repo = repoOfMarker(issue.body);
    if (!repo) continue;
    if (!isSelf(me, issue.author)) {
      ignored.push(issue);
      continue;
    }
    // Several own issues for one repository (a past failure): keep the open one, else the newest.
    const held = mine.get(repo);
    if (!held || (held.state === 'closed' && issue.state === 'open') || (held.state === issue.state && issue.number > held.number)) mine.set(repo, issue);
  }
  const byRepo = new Map<string, AuditEntryResult[]>();
  for (const r of results) {
    const key = r.entry.repo.toLowerCase();
    byRepo.set(key, [...(byRepo.get(key) ?? []), r]);
  }
  const ops: IssueOp[] = [];
  for (const [key, rs] of byRepo) {
    const repo = rs[0]!.entry.repo;
    const issue = mine.get(key);
    const bad = rs.some((r) => r.findings.some(actionable));
    if (bad) {
      const body = issueBody(repo, rs);
      const title = titleFor(repo, rs);
      if (!issue) ops.push({ kind: 'create', repo, title, body });
      else if (issue.state === 'closed' || issue.body !== body || issue.title !== title) {
        ops.push({ kind: 'update', number: issue.number, repo, title, body, reopen: issue.state === 'closed' });
      }
    } else if (issue?.state === 'open') {
      ops.push({ kind: 'close', number: issue.number, repo, comment: `The audit finds nothing to act on for ${repo} any more: closing.` });
    }
  }
  if (complete) {
    for (const [key, issue] of mine) {
      if (issue.state === 'open' && !byRepo.has(key)) {
        ops.push({ kind: 'close', number: issue.number, repo: key, comment: `${key} is no longer in the allowlist: closing.` });
      }
    }
  }
  return { ops, ignored };
}
