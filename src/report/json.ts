// The machine-readable report: every review in full, keys in a fixed order whatever order the inputs were built
// in, so two runs over the same data produce the same bytes (apart from generatedAt).
import type { Finding, Verdict } from '../core/findings.js';
import type { Entry, FileReport, RedirectHop, Review } from '../core/review.js';
import { TOOL_NAME } from '../core/version.js';
import { countVerdicts, overallVerdict, reasonOf, sortedFindings, type Counts } from './tally.js';
import type { AllowlistError, ReportInput, SigningStatus } from '../core/report.js';

export const JSON_REPORT_FORMAT = 1;

export interface JsonReport {
  tool: string;
  version: string;
  generatedAt: string;
  policySource: string;
  verdict: Verdict;
  counts: Counts;
  reviews: JsonReview[];
  removed: Entry[];
  format: number;
  allowlistPath: string;
  policyChanges: string[];
  errors: AllowlistError[];
  signing: SigningStatus[];
}

export interface JsonReview {
  entry: Entry;
  verdict: Verdict;
  reason: string;
  canonicalId?: string;
  repoId?: string;
  authorId?: string;
  commit?: string;
  redirects: RedirectHop[];
  findings: Finding[];
  files: FileReport[];
}

function entry(e: Entry): Entry {
  return { repo: e.repo, revision: e.revision, line: e.line, files: e.files ? [...e.files] : undefined, reason: e.reason };
}

function finding(f: Finding): Finding {
  return {
    check: f.check,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    offset: f.offset,
    evidence: f.evidence,
    help: f.help
  };
}

function file(f: FileReport): FileReport {
  return {
    path: f.path,
    size: f.size,
    sha256: f.sha256,
    gitOid: f.gitOid,
    lfs: f.lfs,
    formats: [...f.formats],
    complete: f.complete,
    findings: sortedFindings(f.findings).map(finding)
  };
}

function review(r: Review): JsonReview {
  return {
    entry: entry(r.entry),
    verdict: r.verdict,
    reason: reasonOf(r),
    canonicalId: r.canonicalId,
    repoId: r.repoId,
    authorId: r.authorId,
    commit: r.commit,
    redirects: r.redirects.map((h) => ({ from: h.from, to: h.to, status: h.status })),
    findings: sortedFindings(r.findings).map(finding),
    files: r.files.map(file)
  };
}

/** The report as an object (undefined optional fields are dropped when serialised). */
export function buildJsonReport(input: ReportInput, generatedAt: Date): JsonReport {
  return {
    tool: TOOL_NAME,
    version: input.toolVersion,
    generatedAt: generatedAt.toISOString(),
    policySource: input.policySource,
    verdict: overallVerdict(input),
    counts: countVerdicts(input.reviews),
    reviews: [...input.reviews].sort((a, b) => a.entry.line - b.entry.line).map(review),
    removed: input.removed.map(entry),
    format: JSON_REPORT_FORMAT,
    allowlistPath: input.allowlistPath,
    policyChanges: [...input.policyChanges],
    errors: (input.errors ?? []).map((e) => ({ file: e.file, line: e.line, message: e.message })),
    signing: (input.signing ?? []).map((s) => ({ repo: s.repo, revision: s.revision, status: s.status, detail: s.detail }))
  };
}

/** Pretty-printed JSON with a trailing newline, ready to write to the report file. */
export function renderJsonReport(input: ReportInput, generatedAt: Date): string {
  return `${JSON.stringify(buildJsonReport(input, generatedAt), null, 2)}\n`;
}
