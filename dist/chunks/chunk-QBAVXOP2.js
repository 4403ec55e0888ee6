import {
  reviewFileUrl,
  reviewTreeUrl
} from "./chunk-VX7TFLLC.js";
import {
  VERDICT_LABEL,
  compareReviews,
  countVerdicts,
  findingsAbout,
  humanSize,
  isLocalReview,
  overallVerdict,
  plural,
  reasonOf,
  reviewLine,
  reviewName,
  severityCounts,
  severitySummary,
  shortSha,
  sortedFindings,
  worstSeverity
} from "./chunk-YABUTBMA.js";
import {
  SEVERITIES
} from "./chunk-JTLQZMZU.js";
import {
  CAPS,
  plain,
  sanitize
} from "./chunk-YWQRT5AS.js";

// src/report/text.ts
var VERDICT_COLOR = { rejected: "31;1", "needs-review": "33;1", approved: "32;1" };
var SEVERITY_COLOR = { critical: "31;1", high: "31", medium: "33", low: "36", info: "2" };
function headlineText(input) {
  const c = countVerdicts(input.reviews);
  const total = input.reviews.length;
  if (total === 0) return "no new models to review";
  if (input.reviews.every(isLocalReview)) return VERDICT_LABEL[overallVerdict(input)].toLowerCase();
  return `${c.rejected} rejected, ${c.needsReview} need${c.needsReview === 1 ? "s" : ""} review, ${c.approved} approved (of ${plural(total, "new model")})`;
}
function nameOf(r) {
  return plain(reviewName(r), CAPS.name);
}
function indent(text, prefix) {
  return text.split("\n").map((l) => prefix + l).join("\n");
}
function fileMark(paint, complete, worst) {
  if (!complete || worst === "critical" || worst === "high") return paint("31", "\u2717");
  if (worst === "medium") return paint("33", "!");
  return paint("32", "\u2713");
}
function section(r, input, paint, evidenceLines) {
  const out = [];
  const line = reviewLine(r);
  out.push(`${paint(VERDICT_COLOR[r.verdict], VERDICT_LABEL[r.verdict].toUpperCase())}  ${paint("1", nameOf(r))}${line !== void 0 ? `  (line ${line})` : ""}`);
  const tree = reviewTreeUrl(input.hubUrl, r);
  if (tree) out.push(`  ${paint("2", tree)}`);
  if (!isLocalReview(r)) {
    if (r.canonicalId && r.canonicalId !== r.entry.repo) out.push(`  Hub answers as ${plain(r.canonicalId, CAPS.name)} (renamed or transferred)`);
    const ids = [r.repoId ? `repo id ${plain(r.repoId, 80)}` : "", r.authorId ? `author id ${plain(r.authorId, 80)}` : ""].filter(Boolean);
    if (ids.length > 0) out.push(`  ${ids.join(", ")}`);
    for (const hop of r.redirects) out.push(`  redirect ${plain(hop.from, CAPS.name)} -> ${plain(hop.to, CAPS.name)} (${hop.status})`);
  }
  if (r.findings.length === 0) out.push("  no findings");
  for (const f of sortedFindings(r.findings)) {
    out.push(`  ${paint(SEVERITY_COLOR[f.severity], f.severity.toUpperCase().padEnd(8))} ${plain(f.message, CAPS.message)}`);
    const where = [plain(f.check, 80)];
    if (f.file !== void 0) where.push(plain(f.file, CAPS.name) + (f.line !== void 0 ? `:${f.line}` : ""));
    if (f.offset !== void 0) where.push(`byte ${f.offset} (0x${f.offset.toString(16)})`);
    out.push(`           ${paint("2", where.join("  "))}`);
    if (f.file !== void 0) {
      const url = reviewFileUrl(input.hubUrl, r, f.file, f.line);
      if (url) out.push(`           ${paint("2", url)}`);
    }
    if (f.evidence) {
      const lines = sanitize(f.evidence, { max: CAPS.evidence, multiline: true }).split("\n");
      const shown = lines.slice(0, evidenceLines).map((l) => plain(l, 200));
      if (lines.length > evidenceLines) shown.push(`\u2026 ${plural(lines.length - evidenceLines, "more line")}`);
      out.push(indent(shown.join("\n"), "           | "));
    }
    if (f.help) out.push(`           -> ${plain(f.help, CAPS.help)}`);
  }
  if (r.files.length > 0) {
    out.push(`  files (${r.files.length}):`);
    for (const file of r.files) {
      const about = findingsAbout(r, file.path);
      const digest = file.sha256 ? `  ${plain(file.sha256, 64).slice(0, 12)}` : "";
      const state = file.complete ? "" : paint("31", "  NOT FULLY EXAMINED");
      const formats = file.formats.length > 0 ? plain(file.formats.join(", "), 80) : "-";
      const counts = severitySummary(severityCounts(about));
      out.push(
        `    ${fileMark(paint, file.complete, worstSeverity(about))} ${plain(file.path, CAPS.name)}  [${formats}]  ${humanSize(file.size)}${digest}${state}` + (counts ? `  (${counts})` : "")
      );
    }
  }
  return out;
}
function closingLine(input, paint) {
  const verdict = overallVerdict(input);
  const all = input.reviews.flatMap((r) => r.findings);
  const counts = severityCounts(all);
  const files = input.reviews.reduce((n, r) => n + r.files.length, 0);
  const incomplete = input.reviews.reduce((n, r) => n + r.files.filter((f) => !f.complete).length, 0);
  const parts = [plural(files, "file"), ...SEVERITIES.filter((s) => s !== "info").map((s) => `${counts[s]} ${s}`)];
  if (incomplete > 0) parts.push(`${incomplete} not fully examined`);
  return `${paint(VERDICT_COLOR[verdict], VERDICT_LABEL[verdict].toUpperCase())}: ${parts.join(", ")}`;
}
function renderText(input, opts = {}) {
  const paint = opts.color ? (code, text) => `\x1B[${code}m${text}\x1B[0m` : (_code, text) => text;
  const evidenceLines = opts.evidenceLines ?? 8;
  const verdict = overallVerdict(input);
  const lines = [];
  lines.push(`model-gate ${plain(input.toolVersion, 40)}: ${paint(VERDICT_COLOR[verdict], headlineText(input))}`);
  const errors = input.errors ?? [];
  if (errors.length > 0) {
    lines.push("", paint("31;1", `allowlist errors (${errors.length}):`));
    for (const e of errors) {
      lines.push(`  ${plain(e.file, CAPS.name)}:${e.line ?? "?"}: ${plain(e.message, CAPS.message)}${e.help ? ` \u2014 ${plain(e.help, CAPS.help)}` : ""}`);
    }
  }
  for (const w of input.warnings ?? []) lines.push("", `${paint("33;1", "warning:")} ${plain(w, CAPS.line)}`);
  const reviews = [...input.reviews].sort(compareReviews);
  if (reviews.length > 0) {
    lines.push("");
    const width = Math.min(60, Math.max(...reviews.map((r) => nameOf(r).length)));
    for (const r of reviews) {
      const counts = severitySummary(severityCounts(r.findings));
      lines.push(
        `  ${paint(VERDICT_COLOR[r.verdict], VERDICT_LABEL[r.verdict].padEnd(12))} ${nameOf(r).padEnd(width)}  ${plain(reasonOf(r), 120)}${counts ? `  [${counts}]` : ""}`
      );
    }
  }
  if (input.policyChanges.length > 0) {
    lines.push("", paint("33;1", "policy changes in this change (not in effect here; they apply after merge):"));
    for (const l of input.policyChanges) lines.push(`  - ${plain(l, CAPS.line)}`);
  }
  for (const r of reviews) lines.push("", ...section(r, input, paint, evidenceLines));
  if (input.removed.length > 0) {
    lines.push("", `removed from the allowlist (${input.removed.length}):`);
    for (const e of input.removed) lines.push(`  ${plain(`${e.repo}@${shortSha(e.revision)}`, CAPS.name)} (line ${e.line})`);
  }
  if (input.signing && input.signing.length > 0) {
    lines.push("", "signing:");
    for (const s of input.signing) {
      lines.push(`  ${plain(`${s.repo}@${shortSha(s.revision)}`, CAPS.name)}: ${s.status} ${s.status === "signed" ? "->" : "-"} ${plain(s.detail, CAPS.message)}`);
    }
  }
  lines.push("", paint("2", `policy: ${plain(input.policySource, CAPS.line)}`));
  if (reviews.length > 0) lines.push(closingLine(input, paint));
  return `${lines.join("\n")}
`;
}

export {
  renderText
};
