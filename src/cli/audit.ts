// `model-gate audit`: re-checks every approved entry against the Hub as it is now, with the allowlist and the
// signed vetting records as the only baseline (no state file). Scheduled in CI; exit 1 on anything blocking.
import { resolve } from 'node:path';
import { AUDIT_MAX_RETRY_WAIT_S, AUDIT_WAIT_BUDGET_MS, auditEntries, type AuditEntryResult } from '../audit/run.js';
import { severityRank, type Verdict } from '../core/findings.js';
import { ALLOWLIST_LIMITS, parseAllowlist } from '../config/allowlist/parse.js';
import { readConfigFile } from './config-file.js';
import { deadlineOption, retryWaitSeconds } from './fetch.js';
import { runDeadline } from '../hub/run-deadline.js';
import { HubClient } from '../hub/client.js';
import { pickHubUrl } from '../hub/endpoint.js';
import type { Entry } from '../core/review.js';
import { REPO_CHECKS } from '../checks/index.js';
import { defaultPolicy } from '../config/policy/defaults.js';
import { loadPolicy, MAX_POLICY_BYTES } from '../config/policy/load.js';
import { reviewEntry } from '../review/pipeline.js';
import { defaultScanFile } from '../review/scan-file.js';
import { safeJson } from '../report/escape.js';
import { renderSarif } from '../report/sarif.js';
import { auditReportInput } from '../audit/report.js';
import { parseCommandArgs } from './args.js';
import { type Command, UsageError } from './io.js';
import { TRUST_OPTIONS, trustFromOptions, trustsGiven } from './trust.js';
import { readRecordFile } from '../sign/read-record.js';

export const USAGE = `usage: model-gate audit [--allowlist approved-models.yaml] [(--signatures DIR | --attestations OWNER/REPO) (--public-key PEM | --identity SAN
         --identity-provider ISSUER [--ref REF] [--trusted-root FILE] | --certificate-chain PEM...)]
         [--shard I/N] [--concurrency K] [--rejudge-budget K] [--policy FILE] [--hub-url URL] [--format text|json|sarif]
         [--max-retry-wait SECONDS] [--deadline MINUTES]

Re-checks every approved entry against the Hub as it is now: gone, private, gated, disabled, renamed or transferred
repositories; a namespace that changed hands (repo and author _ids against the approval); a pinned commit that no
longer resolves or serves other bytes than were signed; files the Hub's scanners now flag; entries without a valid
signed approval; new commits (information); approvals made under an older rule set.
--rejudge-budget K re-reviews (files streamed and scanned again) at most K approvals made under an older rule set,
oldest first (default 3; 0 only notes them).
--shard I/N audits the entries whose position modulo N is I (a matrix job covers the rest).
Exit 0: nothing blocking; 1: some approval no longer holds (high or critical findings); 2: usage or input error.`;

export const audit: Command = async (argv, io) => {
  const { values: v } = parseCommandArgs(argv, {
    allowlist: { type: 'string', default: 'approved-models.yaml' },
    signatures: { type: 'string' },
    attestations: { type: 'string' },
    ...TRUST_OPTIONS,
    shard: { type: 'string' },
    'rejudge-budget': { type: 'string', default: '3' },
    policy: { type: 'string' },
    concurrency: { type: 'string' },
    'hub-url': { type: 'string' },
    'cdn-origin': { type: 'string', multiple: true },
    'max-retry-wait': { type: 'string' },
    deadline: { type: 'string' },
    format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h' }
  }, USAGE);
  if (v.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (!['text', 'json', 'sarif'].includes(v.format ?? '')) throw new UsageError('--format must be text, json or sarif');
  let shard: { index: number; count: number } | undefined;
  if (v.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || count < 1 || index >= count) throw new UsageError(`--shard must be I/N with 0 <= I < N (got '${v.shard}')`);
    shard = { index, count };
  }
  const concurrency = v.concurrency === undefined ? 4 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UsageError('--concurrency must be an integer from 1 to 32');
  const budget = Number(v['rejudge-budget']);
  if (!Number.isInteger(budget) || budget < 0 || budget > 1000) throw new UsageError('--rejudge-budget must be an integer from 0 to 1000');
  const at = (p: string): string => resolve(io.cwd, p);
  if (v.signatures && v.attestations) throw new UsageError('give --signatures DIR or --attestations OWNER/REPO, not both');
  const source = v.signatures ?? v.attestations;
  if (source && trustsGiven(v) !== 1) throw new UsageError(`${v.signatures ? '--signatures' : '--attestations'} needs exactly one trust: --public-key, --identity with --identity-provider, or --certificate-chain`);
  if (!source && trustsGiven(v) > 0) throw new UsageError('a trust option was given without --signatures DIR or --attestations OWNER/REPO');
  if (v.attestations && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.attestations)) throw new UsageError(`--attestations must be OWNER/REPO (got '${v.attestations}')`);

  const path = at(v.allowlist);
  const text = await readConfigFile(path, 'the allowlist', ALLOWLIST_LIMITS.maxBytes);
  if (text === null) throw new UsageError(`cannot read the allowlist ${path}: ENOENT`);
  const parsed = parseAllowlist(text, v.allowlist);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.message}\n`);
    return 2;
  }
  let policy = defaultPolicy();
  if (v.policy) {
    const ptext = await readConfigFile(at(v.policy), 'the policy', MAX_POLICY_BYTES);
    if (ptext === null) throw new UsageError(`cannot read the policy ${at(v.policy)}: ENOENT`);
    const loaded = loadPolicy(ptext, v.policy);
    if (loaded.errors.length > 0) {
      for (const e of loaded.errors) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.message}\n`);
      return 2;
    }
    policy = loaded.policy;
  }
  const records = v.signatures
    ? {
      dir: at(v.signatures),
      trust: await trustFromOptions(v, at),
      read: readRecordFile
    }
    : v.attestations
      ? {
        trust: await trustFromOptions(v, at),
        attestations: { apiUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com', repository: v.attestations, ...(io.env.GITHUB_TOKEN ? { token: io.env.GITHUB_TOKEN } : {}) }
      }
      : undefined;
  const hub = new HubClient({
    hubUrl: pickHubUrl(v['hub-url'], io.env),
    ...(io.env.HF_TOKEN ? { token: io.env.HF_TOKEN } : {}),
    ...(v['cdn-origin'] ? { allowedCdnOrigins: v['cdn-origin'] } : {}),
    // A scheduled audit of many entries spends the Hub's rate limit windows: it waits a whole window when asked
    // (RateLimit t= up to 5 minutes) and up to AUDIT_WAIT_BUDGET_MS in all, rather than failing.
    maxWaitMs: (v['max-retry-wait'] !== undefined ? retryWaitSeconds(v['max-retry-wait']) : AUDIT_MAX_RETRY_WAIT_S) * 1000,
    retryWaitBudgetMs: AUDIT_WAIT_BUDGET_MS,
    runDeadline: runDeadline(deadlineOption(v.deadline), '--deadline'),
    onRetry: (m) => io.stderr(`model-gate audit: ${m}\n`)
  });
  let results: AuditEntryResult[];
  try {
    const rejudge = {
      budget,
      review: async (entry: Entry) => {
        const r = await reviewEntry(entry, { hub, policy, scanFile: defaultScanFile, checks: REPO_CHECKS });
        return { verdict: r.verdict, findings: r.findings };
      }
    };
    results = await auditEntries(parsed.entries, { hub, ...(records ? { records } : {}), concurrency, ...(shard ? { shard } : {}), rejudge });
  } finally {
    await hub.close();
  }
  const blocking = results.some((r) => r.verdict === 'rejected');
  if (v.format === 'json') io.stdout(`${safeJson({ schema: 'model-gate/audit/v1', entries: results.map(jsonOf) }, 2)}\n`);
  else if (v.format === 'sarif') io.stdout(renderSarif(auditReportInput(results, { allowlistPath: v.allowlist ?? 'approved-models.yaml', policySource: v.policy ?? 'defaults' })));
  else io.stdout(textOf(results));
  return blocking ? 1 : 0;
};

const WORD: Record<Verdict, string> = { approved: 'holds', 'needs-review': 'needs review', rejected: 'no longer holds' };

function textOf(results: readonly AuditEntryResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.entry.repo}@${r.entry.revision.slice(0, 12)} (line ${r.entry.line}): ${WORD[r.verdict]}`);
    for (const f of [...r.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))) {
      lines.push(`  ${f.severity.padEnd(8)} ${f.check}: ${f.message}`);
      if (severityRank(f.severity) >= severityRank('medium')) lines.push(`           ${f.help}`);
    }
  }
  const bad = results.filter((r) => r.verdict === 'rejected').length;
  lines.push('', `${results.length} approved entries audited: ${bad} no longer hold, ${results.filter((r) => r.verdict === 'needs-review').length} need review.`);
  return `${lines.join('\n')}\n`;
}

function jsonOf(r: AuditEntryResult): unknown {
  return { repo: r.entry.repo, revision: r.entry.revision, line: r.entry.line, verdict: r.verdict, signature: r.approval.signature, findings: r.findings };
}
