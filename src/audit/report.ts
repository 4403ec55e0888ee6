// The audit's results as the renderers' one model (core/report.ts): each audited entry is a review whose findings
// are the audit's, so SARIF (and any other renderer) reads them exactly as it reads a pull request's.
import type { ReportInput } from '../core/report.js';
import type { Review } from '../core/review.js';
import { TOOL_VERSION } from '../core/version.js';
import type { AuditEntryResult } from './run.js';

export function auditReportInput(results: readonly AuditEntryResult[], opts: { allowlistPath: string; hubUrl?: string; policySource: string }): ReportInput {
  const reviews: Review[] = results.map((r) => ({ entry: r.entry, redirects: [], files: [], findings: r.findings, verdict: r.verdict, complete: true }));
  return {
    reviews, removed: [], allowlistPath: opts.allowlistPath, policySource: opts.policySource, policyChanges: [], toolVersion: TOOL_VERSION,
    ...(opts.hubUrl ? { hubUrl: opts.hubUrl } : {})
  };
}
