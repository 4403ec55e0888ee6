// The machine-readable report: every review in full, keys in a fixed order whatever order the inputs were built
// in, so two runs over the same data produce the same bytes (apart from generatedAt).
import type { Finding, Verdict } from '../core/findings.js';
import type { LocatedError } from '../core/errors.js';
import { isLocalReview, type AnyReview, type Entry, type FileReport, type RedirectHop } from '../core/review.js';
import { TOOL_NAME } from '../core/version.js';
import { countVerdicts, overallVerdict, reasonOf, reviewLine, sortedFindings, type Counts } from './tally.js';
import type { ReportInput, SigningStatus } from '../core/report.js';
import { safeJson } from './escape.js';

/** Version of this document's shape: 2 added local reviews (`kind`), `complete`, `warnings` and error `help`. */
export const JSON_REPORT_FORMAT = 2;

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
  allowlistPath?: string;
  policyChanges: string[];
  errors: LocatedError[];
  warnings: string[];
  signing: SigningStatus[];
}

interface JsonReviewBase {
  verdict: Verdict;
  reason: string;
  complete: boolean;
  findings: Finding[];
  files: FileReport[];
}

/** The review of an allowlist entry on the Hub. */
export interface JsonEntryReview extends JsonReviewBase {
  kind: 'entry';
  entry: Entry;
  canonicalId?: string;
  repoId?: string;
  authorId?: string;
  commit?: string;
  redirects: RedirectHop[];
  /** Set when the policy's fast track approved the entry without a human review. */
  fastTrack?: { publisher: string };
}

/** The review of files on disk (`model-gate scan`). */
export interface JsonLocalReview extends JsonReviewBase {
  kind: 'local';
  paths: string[];
}

export type JsonReview = JsonEntryReview | JsonLocalReview;

function entry(e: Entry): Entry {
  return { repo: e.repo, revision: e.revision, line: e.line, files: e.files ? [...e.files] : undefined, reason: e.reason, profile: e.profile };
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

function review(r: AnyReview): JsonReview {
  const head = { verdict: r.verdict, reason: reasonOf(r), complete: r.complete };
  const tail = { findings: sortedFindings(r.findings).map(finding), files: r.files.map(file) };
  if (isLocalReview(r)) return { kind: 'local', paths: [...r.paths], ...head, ...tail };
  return {
    kind: 'entry',
    entry: entry(r.entry),
    ...head,
    canonicalId: r.canonicalId,
    repoId: r.repoId,
    authorId: r.authorId,
    commit: r.commit,
    redirects: r.redirects.map((h) => ({ from: h.from, to: h.to, status: h.status })),
    fastTrack: r.fastTrack ? { publisher: r.fastTrack.publisher } : undefined,
    ...tail
  };
}

function located(e: LocatedError): LocatedError {
  return { file: e.file, line: e.line, column: e.column, message: e.message, help: e.help };
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
    reviews: [...input.reviews].sort((a, b) => (reviewLine(a) ?? 0) - (reviewLine(b) ?? 0)).map(review),
    removed: input.removed.map(entry),
    format: JSON_REPORT_FORMAT,
    allowlistPath: input.allowlistPath,
    policyChanges: [...input.policyChanges],
    errors: (input.errors ?? []).map(located),
    warnings: [...(input.warnings ?? [])],
    signing: (input.signing ?? []).map((s) => ({ repo: s.repo, revision: s.revision, status: s.status, detail: s.detail }))
  };
}

/** Pretty-printed JSON with a trailing newline, ready to write to the report file. */
export function renderJsonReport(input: ReportInput, generatedAt: Date): string {
  return `${safeJson(buildJsonReport(input, generatedAt), 2)}\n`;
}
