// Audit mode (a scheduled workflow): every entry of the allowlist on the default branch, re-checked against the Hub
// as it is now (src/audit/), with the signed vetting records as the baseline; one issue per repository whose approval
// no longer holds, opened, updated and closed as the action's own identity; a job summary and a JSON report; the
// job fails on critical findings.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planIssues } from '../audit/issues.js';
import { AUDIT_MAX_RETRY_WAIT_S, AUDIT_WAIT_BUDGET_MS, auditEntries, type AuditEntryResult } from '../audit/run.js';
import { REPO_CHECKS } from '../checks/index.js';
import { parseAllowlist } from '../config/allowlist/parse.js';
import { loadPolicy } from '../config/policy/load.js';
import { severityRank } from '../core/findings.js';
import { HubClient } from '../hub/client.js';
import { runDeadline } from '../hub/run-deadline.js';
import { pickHubUrl } from '../hub/endpoint.js';
import { safeJson } from '../report/escape.js';
import { renderSarif } from '../report/sarif.js';
import { auditReportInput } from '../audit/report.js';
import { reviewEntry } from '../review/pipeline.js';
import { defaultScanFile } from '../review/scan-file.js';
import { octokitApi, type GitHubApi } from './github-api.js';
import type { ActionInputs } from './inputs.js';
import { resolveSelf } from './publish.js';
import type { Runner } from './runner.js';
import { trustFrom } from './verify.js';
import { readRecordFile } from '../sign/read-record.js';

export interface AuditDepsForAction {
  github?: (token: string, owner: string, repo: string, baseUrl: string | undefined) => GitHubApi;
}

const cell = (s: string): string => s.replace(/[|\\`*_<>[\]\r\n]/g, (c) => (c === '\n' || c === '\r' ? ' ' : `\\${c}`));

export async function runAudit(runner: Runner, inputs: ActionInputs, deps: AuditDepsForAction = {}): Promise<void> {
  const { env } = runner;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set to owner/repo; is this running in GitHub Actions?');
  if (!inputs.githubToken) throw new Error("input 'github-token' is empty; the audit reads the allowlist and manages its issues with it");
  const api = (deps.github ?? ((t, o, r, b) => octokitApi(t, { owner: o, repo: r }, b)))(inputs.githubToken, owner, repo, env.GITHUB_API_URL);
  // The default branch as this scheduled run sees it.
  const ref = env.GITHUB_SHA || env.GITHUB_REF_NAME || 'HEAD';
  const text = await api.readFile(inputs.allowlist, ref);
  const parsed = parseAllowlist(text, inputs.allowlist);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) runner.error(e.message, { file: e.file, startLine: e.line ?? 1, title: 'Model Gate: allowlist' });
    runner.setFailed(`Model Gate: ${inputs.allowlist} at ${ref.slice(0, 7)} is not valid; the audit cannot say what was approved.`);
    return;
  }
  const policy = loadPolicy(await api.readFile(inputs.policy, ref), inputs.policy, { failOn: inputs.failOn, concurrency: inputs.concurrency });
  for (const e of policy.errors) runner.warning(`Model Gate policy: ${e.message} (the audit re-judges with the defaults where it is wrong)`);

  const hub = new HubClient({
    hubUrl: pickHubUrl(inputs.hubUrl, env),
    ...(inputs.hubToken ? { token: inputs.hubToken } : {}),
    ...(inputs.cdnOrigins.length > 0 ? { allowedCdnOrigins: inputs.cdnOrigins } : {}),
    runDeadline: runDeadline(inputs.reviewDeadline, 'review-deadline'),
    maxWaitMs: Math.max(inputs.maxRetryWait, AUDIT_MAX_RETRY_WAIT_S) * 1000,
    retryWaitBudgetMs: AUDIT_WAIT_BUDGET_MS,
    onRetry: (m) => runner.info(m)
  });
  let results: AuditEntryResult[];
  try {
    // The sign workflow's records: a folder when one is given, else the repository's artifact attestations.
    const signer = inputs.publicKey.trim() || inputs.identity ? await trustFrom(inputs, 'audit') : undefined;
    const records = !signer
      ? undefined
      : inputs.signaturesDir
        ? {
          dir: inputs.signaturesDir,
          trust: signer,
          read: readRecordFile
        }
        : {
          trust: signer,
          attestations: { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', repository: inputs.attestationsRepo || `${owner}/${repo}`, token: inputs.githubToken }
        };
    if (!signer) runner.warning('audit mode: no `public-key` or `identity` given, so signatures cannot be checked and every entry is reported unsigned.');
    const budget = Number(inputs.rejudgeBudget || '3');
    if (!Number.isInteger(budget) || budget < 0) throw new Error(`input 'rejudge-budget' is '${inputs.rejudgeBudget}'; expected a whole number`);
    results = await auditEntries(parsed.entries, {
      hub,
      ...(records ? { records } : {}),
      rejudge: { budget, review: async (entry) => {
        const r = await reviewEntry(entry, { hub, policy: policy.policy, scanFile: defaultScanFile, checks: REPO_CHECKS });
        return { verdict: r.verdict, findings: r.findings };
      } }
    });
  } finally {
    await hub.close();
  }

  // Issues: only the action's own, one per repository.
  const me = await resolveSelf(api, (m) => runner.warning(m));
  if (me) {
    const plan = planIssues(results, await api.listIssues(), me, true);
    for (const i of plan.ignored) runner.warning(`ignored issue #${i.number} by ${i.author?.login ?? 'a deleted account'}: it carries the Model Gate audit marker but was not written by ${me.login}`);
    for (const op of plan.ops) {
      if (op.kind === 'create') {
        const created = await api.createIssue(op.title, op.body);
        runner.info(`opened issue #${created.number} for ${op.repo}`);
      } else if (op.kind === 'update') {
        await api.updateIssue(op.number, { title: op.title, body: op.body, ...(op.reopen ? { state: 'open' as const } : {}) });
        runner.info(`${op.reopen ? 'reopened' : 'updated'} issue #${op.number} for ${op.repo}`);
      } else {
        await api.createComment(op.number, op.comment);
        await api.updateIssue(op.number, { state: 'closed' });
        runner.info(`closed issue #${op.number} for ${op.repo}`);
      }
    }
  } else {
    runner.warning('GitHub did not say who the token is, so the audit opened and changed no issues (it only touches its own).');
  }

  await mkdir(inputs.reportDir, { recursive: true });
  const reportPath = join(inputs.reportDir, 'audit.json');
  await writeFile(reportPath, `${safeJson({ schema: 'model-gate/audit/v1', entries: results.map((r) => ({ repo: r.entry.repo, revision: r.entry.revision, line: r.entry.line, verdict: r.verdict, signature: r.approval.signature, findings: r.findings })) }, 2)}\n`);
  runner.setOutput('report-path', reportPath);
  // SARIF for code scanning: each finding at the entry's line of the allowlist.
  const sarifPath = join(inputs.reportDir, 'audit.sarif');
  await writeFile(sarifPath, renderSarif(auditReportInput(results, { allowlistPath: inputs.allowlist, policySource: `${inputs.policy} at ${ref.slice(0, 7)}` })));
  runner.setOutput('sarif-path', sarifPath);
  const broken = results.filter((r) => r.verdict === 'rejected');
  const rows = results
    .filter((r) => r.findings.some((f) => severityRank(f.severity) >= severityRank('medium')))
    .map((r) => {
      const worst = [...r.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0]!;
      return `| \`${cell(r.entry.repo)}\` | ${r.verdict === 'rejected' ? 'no longer holds' : 'needs review'} | ${worst.severity} \`${cell(worst.check)}\`: ${cell(worst.message)} |`;
    });
  await runner.writeSummary([
    `## Model Gate audit: ${results.length} approved entries`,
    '',
    broken.length === 0 && rows.length === 0 ? 'Every approval still holds.' : `${broken.length} no longer hold; ${rows.length - broken.length} need review.`,
    '',
    ...(rows.length > 0 ? ['| repository | state | worst finding |', '| --- | --- | --- |', ...rows, ''] : [])
  ].join('\n'));
  runner.setOutput('rejected', broken.length);
  if (results.some((r) => r.findings.some((f) => f.severity === 'critical'))) {
    runner.setFailed(`Model Gate audit: ${results.filter((r) => r.findings.some((f) => f.severity === 'critical')).map((r) => r.entry.repo).join(', ')} changed in a way that breaks the approval (critical findings).`);
  }
}
