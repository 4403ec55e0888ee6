// The audit's issues: one per repository, opened, updated and closed only by the action's own identity; quiet when
// nothing changed; a marker planted by someone else is ignored.
import { issueBody, markerFor, planIssues, type AuditIssue } from '../../src/audit/issues.js';
import type { AuditEntryResult } from '../../src/audit/run.js';
import type { Finding } from '../../src/core/findings.js';

const ME = { login: 'github-actions[bot]', id: 41898282 };
const SHA = 'a'.repeat(40);
const gone: Finding = { check: 'audit.repo-gone', severity: 'high', message: 'acme/m is gone', help: 'Remove the entry.' };
const note: Finding = { check: 'audit.new-commits', severity: 'info', message: 'main moved', help: 'Review it.' };
const result = (repo: string, findings: Finding[], line = 3): AuditEntryResult => ({
  entry: { repo, revision: SHA, line }, approval: { repo, revision: SHA, line, signature: { state: 'valid' } }, findings, verdict: 'approved'
});
const own = (n: number, repo: string, body: string, state: 'open' | 'closed' = 'open'): AuditIssue => ({ number: n, title: `Model Gate audit: ${repo} — audit.repo-gone (high)`, body, state, author: ME });

describe('planIssues', () => {
  test('a repository whose approval no longer holds gets one issue; information alone gets none', () => {
    const plan = planIssues([result('acme/m', [gone]), result('acme/ok', [note])], [], ME, true);
    expect(plan.ops.map((o) => `${o.kind} ${o.repo}`)).toEqual(['create acme/m']);
    expect(plan.ops[0]).toMatchObject({ title: 'Model Gate audit: acme/m — audit.repo-gone (high)' });
    expect((plan.ops[0] as { body: string }).body.startsWith(markerFor('acme/m'))).toBe(true);
  });
  test('the next run with the same findings changes nothing (no churn); other findings update the same issue', () => {
    const body = issueBody('acme/m', [result('acme/m', [gone])]);
    expect(planIssues([result('acme/m', [gone])], [own(7, 'acme/m', body)], ME, true).ops).toEqual([]);
    const worse: Finding = { check: 'identity.author-changed', severity: 'critical', message: 'changed hands', help: 'Stop.' };
    const plan = planIssues([result('acme/m', [gone, worse])], [own(7, 'acme/m', body)], ME, true);
    expect(plan.ops).toEqual([expect.objectContaining({ kind: 'update', number: 7, reopen: false, title: 'Model Gate audit: acme/m — identity.author-changed (critical)' })]);
  });
  test('fixed or removed: the open issue is closed; a closed one comes back when the problem does', () => {
    const body = issueBody('acme/m', [result('acme/m', [gone])]);
    expect(planIssues([result('acme/m', [note])], [own(7, 'acme/m', body)], ME, true).ops).toEqual([expect.objectContaining({ kind: 'close', number: 7 })]);
    expect(planIssues([], [own(7, 'acme/m', body)], ME, true).ops).toEqual([expect.objectContaining({ kind: 'close', number: 7, comment: expect.stringContaining('no longer in the allowlist') })]);
    expect(planIssues([], [own(7, 'acme/m', body)], ME, false).ops).toEqual([]);
    expect(planIssues([result('acme/m', [gone])], [own(7, 'acme/m', body, 'closed')], ME, true).ops).toEqual([expect.objectContaining({ kind: 'update', number: 7, reopen: true })]);
  });
  test('a marker written by anyone else is ignored and reported, and the audit opens its own issue', () => {
    const planted: AuditIssue = { number: 3, title: 'x', body: `${markerFor('acme/m')}\nall good`, state: 'open', author: { login: 'mallory', id: 666 } };
    const plan = planIssues([result('acme/m', [gone])], [planted], ME, true);
    expect(plan.ignored).toEqual([planted]);
    expect(plan.ops.map((o) => o.kind)).toEqual(['create']);
    expect(planIssues([], [planted], ME, true).ops).toEqual([]);
  });
  test('two entries of one repository share its issue', () => {
    const plan = planIssues([result('acme/m', [gone], 3), result('Acme/M', [gone], 9)], [], ME, true);
    expect(plan.ops).toHaveLength(1);
    expect((plan.ops[0] as { body: string }).body.match(/^### /gm)).toHaveLength(2);
  });
});
