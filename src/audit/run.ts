// The audit of an allowlist: every entry (or one shard of them) judged against what the Hub answers now, a few
// entries at a time. No state of its own: the baseline is the allowlist and the signed vetting records.
import type { Finding, Verdict } from '../core/findings.js';
import { verdictOf } from '../core/findings.js';
import type { Entry } from '../core/review.js';
import { RULES_VERSION } from '../core/version.js';
import { type AuditHubPort, hubNow } from './facts.js';
import { approvalOf, type RecordSource } from './records.js';
import { auditFindings, type Approval } from './rules.js';

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
}

export function inShard(i: number, shard: AuditOptions['shard']): boolean {
  return !shard || i % shard.count === shard.index;
}

export async function auditEntries(entries: readonly Entry[], opts: AuditOptions): Promise<AuditEntryResult[]> {
  const mine = entries.filter((_e, i) => inShard(i, opts.shard));
  const out: AuditEntryResult[] = new Array(mine.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < mine.length; i = next++) {
      const entry = mine[i]!;
      const approval = await approvalOf(entry, opts.records);
      const now = await hubNow(opts.hub, entry.repo, entry.revision);
      const findings = auditFindings(approval, now, { rulesVersion: opts.rulesVersion ?? RULES_VERSION });
      out[i] = { entry, approval, findings, verdict: verdictOf(findings) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, mine.length)) }, worker));
  return out;
}
