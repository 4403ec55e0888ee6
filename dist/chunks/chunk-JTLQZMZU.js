import {
  compareText
} from "./chunk-5USQP7RK.js";

// src/core/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
function severityRank(s) {
  return RANK[s];
}
function isBlocking(s) {
  return RANK[s] >= RANK.high;
}
function verdictOf(findings) {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, RANK[f.severity]);
  if (worst >= RANK.high) return "rejected";
  if (worst === RANK.medium) return "needs-review";
  return "approved";
}
function compareFindings(a, b) {
  return RANK[b.severity] - RANK[a.severity] || compareText(a.file ?? "", b.file ?? "") || (a.line ?? a.offset ?? 0) - (b.line ?? b.offset ?? 0) || compareText(a.check, b.check);
}
function finding(check, severity, message, extra = {}) {
  return { check, severity, message, ...extra };
}
function truncate(s, max = 160) {
  const clean = s.replace(/[\r\n\t]+/g, " ");
  return clean.length > max ? `${clean.slice(0, max)}\u2026` : clean;
}

export {
  SEVERITIES,
  severityRank,
  isBlocking,
  verdictOf,
  compareFindings,
  finding,
  truncate
};
