// The audit of an allowlist: every entry (or one shard of them) judged against what the Hub answers now, a few
// entries at a time. No state of its own: the baseline is the allowlist and the signed vetting records.
import { compareText } from '../core/text.js';
import type { Finding, Verdict } from '../core/findings.js';
import { verdictOf } from '../core/findings.js';
import type { Entry } from '../core/review.js';
import { RULES_VERSION } from '../core/version.js';
import { type AuditHubPort, hubNow } from './facts.js';
import { approvalOf, type RecordSource } from './records.js';
import { auditFindings, type Approval } from './rules.js';

/** The Hub's rate-limit window is 5 minutes: an audit waits one whole window when the Hub asks it to. */
export const AUDIT_MAX_RETRY_WAIT_S = 300;
/** Total waiting an audit accepts (1,000 entries at ~2.2 API calls each need ~4 anonymous windows). */
export const AUDIT_WAIT_BUDGET_MS = 45 * 60_000;

export interface AuditEntryResult {
  entry: Entry;
  approval: Approval;
  findings: Finding[];
  /** The verdict the findings give today: what a release pipeline should do with this approval. */
  verdict: Verdict;
}

export interface AuditOptions {
  hub: AuditHubPort;
  records?: RecordSource;
  /** Entries audited at once (each is a handful of Hub API calls). */
  concurrency?: number;
  /** `{ index, count }`: only entries whose position modulo `count` is `index` (a matrix job's slice). */
  shard?: { index: number; count: number };
  rulesVersion?: string;
  /**
   * Re-judging approvals made under an older rule set: the full review again (files streamed and scanned), for at
   * most `budget` entries per run, the oldest approvals first. Without it, such entries only carry the note.
   */
  rejudge?: { budget: number; review: (entry: Entry) => Promise<{ verdict: Verdict; findings: Finding[] }> };
}

export function inShard(i: number, shard: AuditOptions['shard']): boolean {
  return !shard || i % shard.count === shard.index;
}

export async function auditEntries(entries: readonly Entry[], opts: AuditOptions): Promise<AuditEntryResult[]> {
  const mine = entries.filter((_e, i) => inShard(i, opts.shard));
  // One owner lookup per account and run: an organisation with many approved models costs its one or two calls once.
  const owners = new Map<string, ReturnType<AuditHubPort['getAuthor']>>();
  const hub: AuditHubPort = {
    resolveRepo: (r, rev) => opts.hub.resolveRepo(r, rev),
    getRefs: (r) => opts.hub.getRefs(r),
    getAuthor: (name) => {
      const key = name.toLowerCase();
      let p = owners.get(key);
      if (!p) {
        p = opts.hub.getAuthor(name);
        owners.set(key, p);
      }
      return p;
    }
  };
  const out: AuditEntryResult[] = new Array(mine.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < mine.length; i = next++) {
      const entry = mine[i]!;
      const now = await hubNow(hub, entry.repo, entry.revision);
      const approval = await approvalOf(entry, opts.records, now);
      const findings = auditFindings(approval, now, { rulesVersion: opts.rulesVersion ?? RULES_VERSION });
      out[i] = { entry, approval, findings, verdict: verdictOf(findings) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, mine.length)) }, worker));
  if (opts.rejudge && opts.rejudge.budget > 0) await rejudgeOldest(out, opts.rejudge);
  return out;
}

/** Re-reviews the oldest outdated approvals within the budget; their findings replace the rules-outdated note. */
export async function rejudgeOldest(results: AuditEntryResult[], rejudge: NonNullable<AuditOptions['rejudge']>): Promise<void> {
  const due = results
    .filter((r) => r.findings.some((f) => f.check === 'audit.rules-outdated') && r.verdict !== 'rejected')
    .sort((a, b) => compareText(a.approval.record?.reviewedAt ?? '', b.approval.record?.reviewedAt ?? ''))
    .slice(0, rejudge.budget);
  for (const r of due) {
    const review = await rejudge.review(r.entry);
    const kept = r.findings.filter((f) => f.check !== 'audit.rules-outdated');
    const worse = review.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low');
    r.findings = [
      ...kept,
      {
        check: 'audit.rejudged',
        severity: review.verdict === 'approved' ? 'info' : review.verdict === 'needs-review' ? 'medium' : 'high',
        message: `re-judged with today's rules: ${review.verdict}${worse.length ? ` (${worse.length} finding${worse.length === 1 ? '' : 's'} follow)` : ''}`,
        help: review.verdict === 'approved'
          ? 'Nothing to do: the approval holds under the current rules.'
          : 'The current rules judge the approved files differently. Read the findings below; remove or re-approve the entry.'
      },
      ...worse
    ];
    r.verdict = verdictOf(r.findings);
  }
}
