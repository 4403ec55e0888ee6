import {
  compareFindings,
  severityRank
} from "./chunk-JTLQZMZU.js";
import {
  compareText
} from "./chunk-5USQP7RK.js";

// src/core/review.ts
function isLocalReview(r) {
  return r.kind === "local";
}

// src/report/tally.ts
function countVerdicts(reviews) {
  const c = { approved: 0, needsReview: 0, rejected: 0 };
  for (const r of reviews) {
    if (r.verdict === "rejected") c.rejected++;
    else if (r.verdict === "needs-review") c.needsReview++;
    else c.approved++;
  }
  return c;
}
var VERDICT_RANK = { rejected: 2, "needs-review": 1, approved: 0 };
function overallVerdict(input) {
  if ((input.errors?.length ?? 0) > 0) return "rejected";
  let worst = "approved";
  for (const r of input.reviews) if (VERDICT_RANK[r.verdict] > VERDICT_RANK[worst]) worst = r.verdict;
  return worst;
}
function sortedFindings(findings) {
  return [...findings].sort(compareFindings);
}
function worstFinding(review) {
  let worst;
  for (const f of review.findings) if (!worst || compareFindings(f, worst) < 0) worst = f;
  return worst;
}
function worstSeverity(findings) {
  let worst;
  for (const f of findings) if (!worst || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  return worst;
}
function reasonOf(review) {
  const worst = worstFinding(review);
  if (worst) return worst.message;
  if (review.verdict === "rejected") return "Rejected without a recorded finding: treat every file as not examined.";
  const n = review.files.length;
  return `No findings: ${n} file${n === 1 ? "" : "s"} ${isLocalReview(review) ? "scanned" : "verified and scanned"}.`;
}
function compareReviews(a, b) {
  const wa = worstSeverity(a.findings);
  const wb = worstSeverity(b.findings);
  return VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || (wb ? severityRank(wb) : -1) - (wa ? severityRank(wa) : -1) || (reviewLine(a) ?? 0) - (reviewLine(b) ?? 0) || compareText(reviewName(a), reviewName(b));
}
function reviewName(review) {
  return isLocalReview(review) ? review.paths.join(" ") : `${review.entry.repo}@${shortSha(review.entry.revision)}`;
}
function reviewLine(review) {
  return isLocalReview(review) ? void 0 : review.entry.line;
}
function findingsAbout(review, path) {
  return review.findings.filter((f) => f.file !== void 0 && (f.file === path || f.file.startsWith(`${path}!/`)));
}
function severityCounts(findings) {
  const c = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
var VERDICT_ICON = { rejected: "\u274C", "needs-review": "\u26A0\uFE0F", approved: "\u2705" };
var VERDICT_LABEL = { rejected: "Rejected", "needs-review": "Needs review", approved: "Approved" };
var SEVERITY_ICON = { critical: "\u{1F534}", high: "\u{1F7E0}", medium: "\u{1F7E1}", low: "\u{1F535}", info: "\u26AA" };
var SEVERITY_LABEL = { critical: "Critical", high: "High", medium: "Medium", low: "Low", info: "Info" };
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function severitySummary(counts) {
  return Object.keys(counts).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(", ");
}
function humanSize(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return "unknown";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} B` : `${v.toFixed(1)} ${units[u]}`;
}
function shortSha(sha) {
  return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha;
}

export {
  isLocalReview,
  countVerdicts,
  overallVerdict,
  sortedFindings,
  worstSeverity,
  reasonOf,
  compareReviews,
  reviewName,
  reviewLine,
  findingsAbout,
  severityCounts,
  VERDICT_ICON,
  VERDICT_LABEL,
  SEVERITY_ICON,
  SEVERITY_LABEL,
  plural,
  severitySummary,
  humanSize,
  shortSha
};
