import {
  countVerdicts,
  isLocalReview,
  overallVerdict,
  reasonOf,
  reviewLine,
  sortedFindings
} from "./chunk-YABUTBMA.js";
import {
  safeJson
} from "./chunk-YWQRT5AS.js";
import {
  TOOL_NAME
} from "./chunk-RQGJ627V.js";

// src/report/json.ts
var JSON_REPORT_FORMAT = 2;
function entry(e) {
  return { repo: e.repo, revision: e.revision, line: e.line, files: e.files ? [...e.files] : void 0, reason: e.reason, profile: e.profile };
}
function finding(f) {
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
function file(f) {
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
function review(r) {
  const head = { verdict: r.verdict, reason: reasonOf(r), complete: r.complete };
  const tail = { findings: sortedFindings(r.findings).map(finding), files: r.files.map(file) };
  if (isLocalReview(r)) return { kind: "local", paths: [...r.paths], ...head, ...tail };
  return {
    kind: "entry",
    entry: entry(r.entry),
    ...head,
    canonicalId: r.canonicalId,
    repoId: r.repoId,
    authorId: r.authorId,
    commit: r.commit,
    redirects: r.redirects.map((h) => ({ from: h.from, to: h.to, status: h.status })),
    fastTrack: r.fastTrack ? { publisher: r.fastTrack.publisher } : void 0,
    ...tail
  };
}
function located(e) {
  return { file: e.file, line: e.line, column: e.column, message: e.message, help: e.help };
}
function buildJsonReport(input, generatedAt) {
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
    warnings: [...input.warnings ?? []],
    signing: (input.signing ?? []).map((s) => ({ repo: s.repo, revision: s.revision, status: s.status, detail: s.detail }))
  };
}
function renderJsonReport(input, generatedAt) {
  return `${safeJson(buildJsonReport(input, generatedAt), 2)}
`;
}

export {
  JSON_REPORT_FORMAT,
  buildJsonReport,
  renderJsonReport
};
