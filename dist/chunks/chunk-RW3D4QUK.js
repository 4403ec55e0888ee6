#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  diffAllowlists,
  entriesToReview,
  previousEntries
} from "./chunk-CQWX4D3M.js";
import {
  DEFAULT_POLICY_PATH,
  REPO_CHECKS,
  RULE_KEYS,
  SEVERITY_ICON,
  SEVERITY_LABEL,
  TextCapture,
  VERDICT_ICON,
  VERDICT_LABEL,
  checkGlobal,
  compareReviews,
  countVerdicts,
  defaultScanFile,
  entryMetadata,
  examineEntryFiles,
  findingsAbout,
  humanSize,
  isFullSha,
  isLocalReview,
  judgeEntry,
  loadPolicy,
  markExternalData,
  overallVerdict,
  pinnedSha,
  plural,
  policyForEntry,
  reasonOf,
  reviewEntries,
  reviewFileUrl,
  reviewHub,
  reviewLine,
  reviewLocal,
  reviewName,
  reviewTreeUrl,
  severityCounts,
  severitySummary,
  shortSha,
  sortedFindings,
  worstSeverity
} from "./chunk-MLHT5VHO.js";
import {
  SEVERITIES,
  severityRank
} from "./chunk-TT5YUVF6.js";
import {
  _enum,
  _gte,
  _lte,
  _maxLength,
  _regex,
  array,
  boolean,
  int,
  literal,
  number,
  optional,
  parseAllowlist,
  refine,
  strictObject,
  string
} from "./chunk-OKHDLQRH.js";
import {
  CAPS,
  codeBlock,
  codeCell,
  codeSpan,
  escapeHtml,
  escapeInline,
  escapeProse,
  plain,
  sanitize
} from "./chunk-GEWBJYUS.js";
import {
  unsafePathReason
} from "./chunk-HLZJO7SU.js";
import {
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";

// src/report/markdown.ts
var COMMENT_MARKER = "<!-- model-gate -->";
var COMMENT_LIMIT = 65536;
var COMMENT_BUDGET = {
  marker: true,
  limit: COMMENT_LIMIT,
  target: 6e4,
  measure: (t) => t.length,
  listCap: 50,
  evidenceChars: CAPS.evidence
};
function renderComment(input) {
  return renderMarkdown(input, COMMENT_BUDGET);
}
function fullReport(input) {
  if (input.elsewhere !== void 0) return input.elsewhere;
  if (!input.fullReportUrl || !/^https?:\/\//i.test(input.fullReportUrl)) return "the full report (job summary and JSON report of this run)";
  return `[the full report](${safeUrl(input.fullReportUrl)})`;
}
function safeUrl(url) {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
function lineNumber(n) {
  return n !== void 0 && Number.isSafeInteger(n) && n > 0 ? String(n) : "?";
}
function entryLabel(review) {
  if (isLocalReview(review)) return review.paths.map((p) => escapeInline(p, CAPS.name)).join(" ");
  return `${escapeInline(review.entry.repo, CAPS.name)}@${escapeInline(shortSha(review.entry.revision), 48)}`;
}
function entryLink(review, hubUrl) {
  const url = reviewTreeUrl(hubUrl, review);
  return url ? `[${entryLabel(review)}](${url})` : entryLabel(review);
}
function headline(input) {
  const c = countVerdicts(input.reviews);
  const total = input.reviews.length;
  const models = total === 1 ? "model" : "models";
  let phrase;
  if (c.rejected > 0) phrase = `${c.rejected} of ${total} new ${models} rejected`;
  else if (c.needsReview > 0) phrase = `${c.needsReview} of ${total} new ${models} ${c.needsReview === 1 ? "needs" : "need"} review`;
  else if (total > 0) phrase = total === 1 ? "1 new model approved" : `all ${total} new models approved`;
  else phrase = "no new models to review";
  const errors = input.errors?.length ?? 0;
  if (errors > 0) phrase = `allowlist has ${plural(errors, "error")} \xB7 ${phrase}`;
  const verdict = overallVerdict(input);
  const tallies = [
    `**${c.rejected}** rejected`,
    `**${c.needsReview}** need${c.needsReview === 1 ? "s" : ""} review`,
    `**${c.approved}** approved`
  ];
  if (input.removed.length > 0) tallies.push(`${input.removed.length} removed`);
  return `## ${VERDICT_ICON[verdict]} Model Gate: ${phrase}

${tallies.join(" \xB7 ")}
`;
}
function capped(items, cap, render, more) {
  const lines = items.slice(0, cap).map(render);
  if (items.length > cap) lines.push(more(items.length - cap));
  return lines;
}
function errorsCallout(input, listCap) {
  const errors = input.errors ?? [];
  if (errors.length === 0) return "";
  const lines = capped(
    errors,
    listCap,
    (e) => `> - ${codeSpan(e.file, CAPS.name)} line ${lineNumber(e.line)}: ${escapeProse(e.message, CAPS.message)}${e.help ? ` \u2014 ${escapeProse(e.help, CAPS.help)}` : ""}`,
    (n) => `> - \u2026 ${plural(n, "more error")} in ${fullReport(input)}`
  );
  return `> [!CAUTION]
> **The allowlist has ${plural(errors.length, "error")}.** Entries that cannot be read are not reviewed, so this change cannot pass until they are fixed.
${lines.join("\n")}

`;
}
function warningsCallout(input, listCap) {
  const warnings = input.warnings ?? [];
  if (warnings.length === 0) return "";
  const lines = capped(
    warnings,
    listCap,
    (w) => `> - ${escapeProse(w, CAPS.line)}`,
    (n) => `> - \u2026 ${plural(n, "more warning")} in ${fullReport(input)}`
  );
  return `> [!WARNING]
> **The configuration of this run differs from the policy file.**
${lines.join("\n")}

`;
}
function policyCallout(input, listCap) {
  if (input.policyChanges.length === 0) return "";
  const lines = capped(
    input.policyChanges,
    listCap,
    (l) => `> - ${escapeProse(l, CAPS.line)}`,
    (n) => `> - \u2026 ${plural(n, "more change")} in ${fullReport(input)}`
  );
  return `> [!IMPORTANT]
> **This pull request changes the Model Gate policy \u2014 not in effect in this PR.** Every entry here was reviewed under the policy from the base branch; the change applies after merge, so review it as carefully as the models.
${lines.join("\n")}

`;
}
function tableRow(review, hubUrl, reasonCap) {
  const verdict = `${VERDICT_ICON[review.verdict]} ${VERDICT_LABEL[review.verdict]}`;
  let model = entryLink(review, hubUrl);
  if (!isLocalReview(review) && review.canonicalId && review.canonicalId !== review.entry.repo) {
    model += `<br>Hub answers as ${escapeInline(review.canonicalId, CAPS.name)}`;
  }
  let reason = "";
  if (reasonCap > 0) {
    reason = escapeProse(reasonOf(review), reasonCap);
    if (review.findings.length > 1) reason += ` (+${review.findings.length - 1} more)`;
  } else if (review.findings.length > 0) {
    reason = plural(review.findings.length, "finding");
  }
  const line = reviewLine(review);
  return `| ${model} | ${verdict} | ${reason} | ${line === void 0 ? "\u2014" : lineNumber(line)} |`;
}
var TABLE_HEAD = "| Model | Verdict | Why | Line |\n| :-- | :-- | :-- | --: |\n";
function moreEntries(input, n, c) {
  if (n === 0) return "";
  return `
**\u2026 ${plural(n, "more entry", "more entries")}** (${c.rejected} rejected, ${c.needsReview} needing review, ${c.approved} approved) \u2014 see ${fullReport(input)}.
`;
}
function verdictTable(input, reviews, reasonCap) {
  if (reviews.length === 0) return "";
  const rows = reviews.map((r) => tableRow(r, input.hubUrl, reasonCap));
  return `${TABLE_HEAD}${rows.join("\n")}

`;
}
function verdictTableWithin(input, reviews, reasonCap, available, measure) {
  if (reviews.length === 0) return "";
  const rows = reviews.map((r) => `${tableRow(r, input.hubUrl, reasonCap)}
`);
  let total = measure(TABLE_HEAD) + measure("\n");
  const prefix = [total];
  for (const row of rows) prefix.push(total += measure(row));
  const rest = { approved: 0, needsReview: 0, rejected: 0 };
  for (let k = rows.length; k >= 0; k--) {
    const r = reviews[k];
    if (r) rest[r.verdict === "needs-review" ? "needsReview" : r.verdict]++;
    const more = moreEntries(input, reviews.length - k, rest);
    if ((prefix[k] ?? 0) + measure(more) <= available) return `${TABLE_HEAD}${rows.slice(0, k).join("")}${more}
`;
  }
  return void 0;
}
function removedSection(input, listCap) {
  if (input.removed.length === 0) return "";
  const lines = capped(
    input.removed,
    listCap,
    (e) => `- ${escapeInline(e.repo, CAPS.name)} @ ${codeSpan(shortSha(e.revision), 48)} (line ${lineNumber(e.line)} of the base allowlist)`,
    (n) => `- \u2026 ${plural(n, "more")} in ${fullReport(input)}`
  );
  return `### Removed from the allowlist (${input.removed.length})

Removed entries are not reviewed.

${lines.join("\n")}

`;
}
var SIGNING_ICON = { signed: "\u{1F50F}", skipped: "\u23ED\uFE0F", failed: "\u274C" };
function signingSection(input, listCap) {
  const statuses = input.signing ?? [];
  if (statuses.length === 0) return "";
  const lines = capped(
    statuses,
    listCap,
    (s) => {
      const what = `${escapeInline(s.repo, CAPS.name)} @ ${codeSpan(shortSha(s.revision), 48)}`;
      const detail = s.status === "signed" ? `signed \u2192 ${codeSpan(s.detail, CAPS.name)}` : `${s.status}: ${escapeProse(s.detail, CAPS.message)}`;
      return `- ${SIGNING_ICON[s.status] ?? "\u2754"} ${what} \u2014 ${detail}`;
    },
    (n) => `- \u2026 ${plural(n, "more")} in ${fullReport(input)}`
  );
  return `### Signing

${lines.join("\n")}

`;
}
function footer(input) {
  const parts = [`model-gate ${escapeInline(input.toolVersion, 40)}`, `policy: ${escapeInline(input.policySource, CAPS.line)}`];
  if (input.allowlistPath !== void 0) parts.push(`allowlist: ${codeCell(input.allowlistPath, CAPS.name)}`);
  if (input.elsewhere === void 0 && input.fullReportUrl && /^https?:\/\//i.test(input.fullReportUrl)) parts.push(fullReport(input));
  return `---
<sub>${parts.join(" \xB7 ")}</sub>
`;
}
function findingBlock(f, review, hubUrl, evidenceChars) {
  const where = [codeSpan(f.check, 80)];
  if (f.file !== void 0) {
    const url = reviewFileUrl(hubUrl, review, f.file, f.line);
    const name = codeSpan(f.file, CAPS.name);
    where.push(url ? `[${name}](${url})` : name);
  }
  if (f.line !== void 0) where.push(`line ${lineNumber(f.line)}`);
  if (f.offset !== void 0 && Number.isSafeInteger(f.offset)) where.push(`byte ${f.offset}`);
  let out = `**${escapeProse(f.message, CAPS.message)}**<br>
${where.join(" \xB7 ")}

`;
  if (f.evidence !== void 0 && f.evidence.length > 0) out += `${codeBlock(f.evidence, evidenceChars)}

`;
  if (f.help !== void 0 && f.help.length > 0) out += `**What to do:** ${escapeProse(f.help, CAPS.help)}

`;
  return out;
}
function groupHeading(severity, count3) {
  return `#### ${SEVERITY_ICON[severity]} ${SEVERITY_LABEL[severity]} (${count3})

`;
}
function inventoryTable(review, hubUrl) {
  const n = review.files.length;
  if (n === 0) return "";
  const rows = review.files.map((f) => {
    const url = reviewFileUrl(hubUrl, review, f.path);
    const name = escapeInline(f.path, CAPS.name);
    const path = url ? `[${name}](${url})` : name;
    const formats = f.formats.length > 0 ? escapeInline(f.formats.join(", "), 120) : "\u2014";
    const digest = f.sha256 && /^[0-9a-f]{64}$/.test(f.sha256) ? `<code>${f.sha256.slice(0, 12)}</code>` : f.sha256 ? codeCell(f.sha256, 80) : "\u2014";
    const checked = f.complete ? "\u2705" : "\u26A0\uFE0F not fully examined";
    return `| ${path} | ${humanSize(f.size)} | ${formats} | ${digest} | ${checked} | ${findingsAbout(review, f.path).length} |`;
  });
  return `<details><summary>Files (${n})</summary>

| File | Size | Formats (by content) | sha256 | Examined | Findings |
| :-- | --: | :-- | :-- | :-- | --: |
${rows.join("\n")}

</details>

`;
}
function buildSection(review, input, budget) {
  const counts = severityCounts(review.findings);
  const sevText = severitySummary(counts);
  const openAttr = review.verdict === "approved" ? "" : " open";
  const totalSize = review.files.reduce((s, f) => s + (Number.isFinite(f.size) ? f.size : 0), 0);
  const meta = [];
  let summary;
  if (isLocalReview(review)) {
    summary = `${VERDICT_ICON[review.verdict]} <b>${escapeHtml(review.paths.join(" "), CAPS.name)}</b> \u2014 ${VERDICT_LABEL[review.verdict]}` + (sevText ? `: ${sevText}` : "");
    meta.push(`Local files \xB7 ${plural(review.files.length, "file")} (${humanSize(totalSize)})`);
  } else {
    const sha2 = pinnedSha(review);
    summary = `${VERDICT_ICON[review.verdict]} <b>${escapeHtml(review.entry.repo, CAPS.name)}</b> @ <code>${escapeHtml(shortSha(review.entry.revision), 48)}</code> \u2014 ${VERDICT_LABEL[review.verdict]}` + (sevText ? `: ${sevText}` : "");
    const tree = reviewTreeUrl(input.hubUrl, review);
    const commit = sha2 ? tree ? `[${codeSpan(sha2)}](${tree})` : codeSpan(sha2) : `${codeSpan(review.entry.revision, 80)} (not a full commit sha)`;
    meta.push(`Commit ${commit} \xB7 allowlist line ${lineNumber(review.entry.line)} \xB7 ${plural(review.files.length, "file")} (${humanSize(totalSize)})`);
    if (review.commit && isFullSha(review.entry.revision) && review.commit !== review.entry.revision) {
      meta.push(`The Hub resolved the pin to a different commit: ${codeSpan(review.commit, 80)}`);
    }
    const ids = [];
    if (review.canonicalId && review.canonicalId !== review.entry.repo) {
      ids.push(`Hub answers as ${codeSpan(review.canonicalId, CAPS.name)} (renamed or transferred: check it is the publisher you expect)`);
    }
    if (review.repoId) ids.push(`repo id ${codeSpan(review.repoId, 80)}`);
    if (review.authorId) ids.push(`author id ${codeSpan(review.authorId, 80)}`);
    if (ids.length > 0) meta.push(ids.join(" \xB7 "));
    for (const hop of review.redirects.slice(0, 5)) {
      meta.push(`Redirect ${codeSpan(hop.from, CAPS.name)} \u2192 ${codeSpan(hop.to, CAPS.name)} (${Number.isSafeInteger(hop.status) ? hop.status : "?"})`);
    }
    if (review.redirects.length > 5) meta.push(`\u2026 ${plural(review.redirects.length - 5, "more redirect")}`);
    if (review.entry.reason) meta.push(`Reason given: ${escapeInline(review.entry.reason, CAPS.message)}`);
    if (review.entry.profile) meta.push(`Policy profile ${codeSpan(review.entry.profile, 80)}`);
    if (review.fastTrack) {
      meta.push(`\u26A1 **Fast track**: ${escapeInline(review.fastTrack.publisher, CAPS.name)} is already approved in the base allowlist and nothing above low was found, so this entry is approved without waiting for a human review.`);
    }
  }
  const open = `<details${openAttr}>
<summary>${summary}</summary>

${meta.join("<br>\n")}

`;
  const blocks = sortedFindings(review.findings).map((f) => ({
    severity: f.severity,
    text: findingBlock(f, review, input.hubUrl, budget.evidenceChars)
  }));
  const inventory = inventoryTable(review, input.hubUrl);
  const n = review.files.length;
  const inventoryCollapsed = n > 0 ? `*File inventory (${plural(n, "file")}) is in ${fullReport(input)}.*

` : "";
  return { review, open, blocks, inventory, inventoryCollapsed, close: "</details>\n\n" };
}
function shownAndHidden(section2, detail) {
  const floor = severityRank(detail.minSeverity);
  const shown = [];
  const hidden = [];
  for (const b of section2.blocks) (severityRank(b.severity) >= floor ? shown : hidden).push(b);
  return { shown, hidden };
}
function omittedNote(hidden, input, what) {
  if (hidden.length === 0) return "";
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const b of hidden) counts[b.severity]++;
  return `*\u2026 ${plural(hidden.length, `${what}finding`)} (${severitySummary(counts)}) \u2014 see ${fullReport(input)}.*

`;
}
function assemble(section2, detail, input) {
  const { shown, hidden } = shownAndHidden(section2, detail);
  return assembleBlocks(section2, shown, hidden, detail, input, "more ");
}
function assembleBlocks(section2, shown, hidden, detail, input, what) {
  let out = section2.open;
  if (section2.blocks.length === 0) out += "No findings.\n\n";
  const perSeverity = severityCounts(section2.review.findings);
  let current;
  for (const b of shown) {
    if (b.severity !== current) {
      current = b.severity;
      out += groupHeading(b.severity, perSeverity[b.severity]);
    }
    out += b.text;
  }
  out += omittedNote(hidden, input, what);
  out += detail.inventory ? section2.inventory : section2.inventoryCollapsed;
  return out + section2.close;
}
function sectionWithin(section2, detail, allotment, input, measure) {
  const { shown } = shownAndHidden(section2, detail);
  const perSeverity = severityCounts(section2.review.findings);
  const kept = [];
  let used = 0;
  let current;
  for (const b of shown) {
    const cost = measure(b.text) + (b.severity !== current ? measure(groupHeading(b.severity, perSeverity[b.severity])) : 0);
    if (used + cost > allotment) break;
    used += cost;
    current = b.severity;
    kept.push(b);
  }
  const keptSet = new Set(kept);
  const dropped = section2.blocks.filter((b) => !keptSet.has(b));
  return assembleBlocks(section2, kept, dropped, detail, input, kept.length > 0 ? "more " : "");
}
function blocksCost(section2, detail, measure) {
  const { shown } = shownAndHidden(section2, detail);
  const perSeverity = severityCounts(section2.review.findings);
  let cost = 0;
  let current;
  for (const b of shown) {
    if (b.severity !== current) {
      current = b.severity;
      cost += measure(groupHeading(b.severity, perSeverity[b.severity]));
    }
    cost += measure(b.text);
  }
  return cost;
}
function fitSections(sections, detail, available, input, measure) {
  const shells = sections.map((s) => measure(assembleBlocks(s, [], [], detail, input, "")) + measure(omittedNote(s.blocks, input, "more ")));
  const skippedNote = (n) => `*Details for ${plural(n, "more entry", "more entries")} are in ${fullReport(input)}.*

`;
  const reserve = measure(skippedNote(sections.length));
  let count3 = 0;
  let shellTotal = 0;
  while (count3 < sections.length && shellTotal + (shells[count3] ?? 0) + reserve <= available) shellTotal += shells[count3++] ?? 0;
  const included = sections.slice(0, count3);
  let rest = available - shellTotal - (count3 < sections.length ? reserve : 0);
  const needs = included.map((s) => blocksCost(s, detail, measure));
  const allot = new Array(included.length).fill(0);
  const order = included.map((_, i) => i).sort((a, b) => (needs[a] ?? 0) - (needs[b] ?? 0));
  order.forEach((idx, k) => {
    const share = Math.floor(rest / (order.length - k));
    const give = Math.min(needs[idx] ?? 0, share);
    allot[idx] = give;
    rest -= give;
  });
  let out = included.map((s, i) => sectionWithin(s, detail, allot[i] ?? 0, input, measure)).join("");
  if (count3 < sections.length) out += skippedNote(sections.length - count3);
  return out;
}
var DETAILS_HEADING = "### Details\n\n";
function renderMarkdown(report, budget) {
  const { measure } = budget;
  const input = budget.elsewhere === void 0 ? report : { ...report, fullReportUrl: void 0, elsewhere: budget.elsewhere };
  const reviews = [...input.reviews].sort(compareReviews);
  const sections = reviews.map((r) => buildSection(r, input, budget));
  const marker = budget.marker ? `${COMMENT_MARKER}
` : "";
  const foot = footer(input);
  const levels = [
    { minSeverity: "info", inventory: true },
    { minSeverity: "medium", inventory: true },
    { minSeverity: "medium", inventory: false }
  ];
  const longest = Math.max(input.errors?.length ?? 0, input.policyChanges.length, input.removed.length, input.signing?.length ?? 0);
  const listCaps = longest > 10 && budget.listCap > 10 ? [budget.listCap, 10] : [budget.listCap];
  for (const listCap of listCaps) {
    const head = marker + headline(input) + "\n" + errorsCallout(input, listCap) + warningsCallout(input, listCap) + verdictTable(input, reviews, CAPS.message) + policyCallout(input, listCap);
    const tail = removedSection(input, listCap) + signingSection(input, listCap);
    const heading = sections.length > 0 ? DETAILS_HEADING : "";
    const fixed = measure(head) + measure(heading) + measure(tail) + measure(foot);
    for (const detail of levels) {
      const body = sections.map((s) => assemble(s, detail, input)).join("");
      if (fixed + measure(body) <= budget.target) return head + heading + body + tail + foot;
    }
    if (fixed < budget.target) {
      const body = fitSections(sections, levels[2], budget.target - fixed, input, measure);
      const out = head + heading + body + tail + foot;
      if (measure(out) <= budget.limit) return out;
    }
  }
  const pointer = `Details are in ${fullReport(input)}.

`;
  const top = marker + headline(input) + "\n" + errorsCallout(input, 3) + warningsCallout(input, 3);
  const bottom = policyCallout(input, 3) + pointer + foot;
  const room = budget.target - measure(top) - measure(bottom);
  for (const reasonCap of [CAPS.message, 80, 0]) {
    const full = verdictTable(input, reviews, reasonCap);
    if (measure(full) <= room) return top + full + bottom;
  }
  const table = verdictTableWithin(input, reviews, 0, room, measure);
  if (table !== void 0) return top + table + bottom;
  return `${marker}${headline(input)}
${pointer}`;
}

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

// src/review/artifact-json.ts
function parseArtifactJson(bytes2, where, kind, limits) {
  if (bytes2.byteLength > limits.maxBytes) throw new Error(`${where} is ${bytes2.byteLength} bytes, above the ${limits.maxBytes}-byte limit of ${kind}`);
  let json;
  try {
    json = JSON.parse(Buffer.from(bytes2).toString("utf8"));
  } catch (err) {
    throw new Error(`${where} is not JSON (${err instanceof Error ? err.message : String(err)})${limits.hint ? `; ${limits.hint}` : ""}`, { cause: err });
  }
  const r = limits.schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${where} is not ${kind}: \`${issue?.path.map(String).join(".") ?? ""}\` ${issue?.message ?? "is invalid"}`);
  }
  return r.data;
}

// src/review/shard-plan.ts
var PLAN_FORMAT = "model-gate-plan/1";
var MAX_SHARDS = 256;
var MAX_PLAN_BYTES = 64 * 1024 * 1024;
var PER_FILE_WEIGHT = 4 * 1024 * 1024;
var weight = (f) => f.size + PER_FILE_WEIGHT;
function splitIntoShards(entries, maxShards) {
  const fileCount = entries.reduce((n2, e) => n2 + e.files.length, 0);
  const n = Math.max(1, Math.min(maxShards, fileCount));
  const assignments = entries.map((e) => e.files.map(() => 0));
  if (fileCount === 0) return { assignments, shards: 1 };
  const total = entries.reduce((t, e) => t + e.files.reduce((s, f) => s + weight(f), 0), 0);
  const largest = Math.max(...entries.flatMap((e) => e.files.map(weight)));
  const cap = Math.max(Math.ceil(total / n), largest);
  const loads = new Array(n).fill(0);
  const least = () => loads.reduce((best, l, i) => l < loads[best] ? i : best, 0);
  const order = entries.map((e, i) => ({ i, w: e.files.reduce((s, f) => s + weight(f), 0) })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i, w } of order) {
    const files = entries[i].files;
    const s = least();
    if (loads[s] + w <= cap) {
      assignments[i] = files.map(() => s);
      loads[s] = loads[s] + w;
      continue;
    }
    const byWeight = files.map((f, j) => ({ j, w: weight(f) })).sort((a, b) => b.w - a.w || a.j - b.j);
    for (const { j, w: fw } of byWeight) {
      const t = least();
      assignments[i][j] = t;
      loads[t] = loads[t] + fw;
    }
  }
  const used = [...new Set(assignments.flat())].sort((a, b) => a - b);
  const renumber = new Map(used.map((s, k) => [s, k]));
  return { assignments: assignments.map((a) => a.map((s) => renumber.get(s))), shards: used.length };
}
var count = number().check(int(), _gte(0));
var repoPath = string().check(
  refine((p) => unsafePathReason(p) === void 0, { error: (iss) => `is not a safe repository-relative path (${unsafePathReason(String(iss.input)) ?? "invalid"})` })
);
var sha = string().check(_regex(/^[0-9a-f]{40}$/));
var PlanSchema = strictObject({
  format: literal(PLAN_FORMAT),
  planId: string().check(_regex(/^[0-9a-f]{32}$/)),
  shards: number().check(int(), _gte(1), _lte(MAX_SHARDS)),
  entries: array(
    strictObject({
      repo: string().check(_maxLength(200)),
      revision: string().check(_maxLength(200)),
      line: count,
      commit: optional(sha),
      files: array(strictObject({ path: repoPath, size: count, shard: count }))
    })
  )
});
function planProblem(plan) {
  for (const e of plan.entries) {
    const seen = /* @__PURE__ */ new Set();
    for (const f of e.files) {
      if (f.shard >= plan.shards) return `${e.repo}: ${f.path} is assigned shard ${f.shard}, but the plan has ${plan.shards} shard(s)`;
      if (seen.has(f.path)) return `${e.repo}: ${f.path} is listed twice`;
      seen.add(f.path);
    }
  }
  return void 0;
}
function parsePlan(bytes2, where) {
  const plan = parseArtifactJson(bytes2, where, "a Model Gate plan", { maxBytes: MAX_PLAN_BYTES, schema: PlanSchema, hint: "download the plan job's artifact unchanged" });
  const problem = planProblem(plan);
  if (problem) throw new Error(`${where} is not a consistent plan: ${problem}`);
  return plan;
}

// src/config/policy/diff.ts
function describePolicyChange(baseText, headText, source = DEFAULT_POLICY_PATH) {
  if (baseText === headText) return [];
  const lines = [];
  if (baseText === null) lines.push(`adds the policy file ${source}`);
  if (headText === null) lines.push(`removes the policy file ${source}; the built-in defaults would apply`);
  const base = loadPolicy(baseText, source);
  const head = loadPolicy(headText, source);
  if (head.errors.length > 0) {
    const first = head.errors[0];
    const more = head.errors.length > 1 ? ` (and ${head.errors.length - 1} more)` : "";
    lines.push(`the new policy has ${head.errors.length} error${head.errors.length > 1 ? "s" : ""}: line ${first?.line}: ${first?.message}${more}`);
  }
  lines.push(...describePolicyDifference(base.policy, head.policy));
  return lines;
}
function describePolicyDifference(a, b) {
  const out = [];
  const setDiff = (from, to, fold, add, remove) => {
    const key = (s) => fold ? s.toLowerCase() : s;
    const fromKeys = new Set(from.map(key));
    const toKeys = new Set(to.map(key));
    for (const x of to) if (!fromKeys.has(key(x))) out.push(add(x));
    for (const x of from) if (!toKeys.has(key(x))) out.push(remove(x));
  };
  setDiff(a.trustedPublishers, b.trustedPublishers, true, (x) => `adds trusted publisher ${x}`, (x) => `removes trusted publisher ${x}`);
  setDiff(
    a.legitimateNamespaces,
    b.legitimateNamespaces,
    true,
    (x) => `adds known-legitimate namespace ${x} (lookalike checks will not flag it)`,
    (x) => `removes known-legitimate namespace ${x}`
  );
  if (a.failOn !== b.failOn) {
    const looser = severityRank(b.failOn) > severityRank(a.failOn);
    out.push(
      `${looser ? "raises" : "lowers"} the fail threshold from ${a.failOn} to ${b.failOn} (${looser ? "fewer" : "more"} findings fail the check)`
    );
  }
  setDiff(a.exclude, b.exclude, false, (x) => `excludes files matching '${x}' from download and review`, (x) => `stops excluding files matching '${x}'`);
  setDiff(a.allowGlobals, b.allowGlobals, false, (x) => `allows the pickle global ${x}`, (x) => `stops allowing the pickle global ${x}`);
  out.push(...exceptionChanges(a.exceptions, b.exceptions));
  if (a.maxFileSize !== b.maxFileSize) out.push(`changes the maximum file size from ${bytes(a.maxFileSize)} to ${bytes(b.maxFileSize)}`);
  if (a.concurrency !== b.concurrency) out.push(`changes concurrency from ${a.concurrency} to ${b.concurrency}`);
  out.push(...ruleChanges(a, b, ""));
  for (const name of /* @__PURE__ */ new Set([...Object.keys(a.profiles), ...Object.keys(b.profiles)])) {
    const from = a.profiles[name];
    const to = b.profiles[name];
    if (!from) out.push(`adds profile ${name}`);
    else if (!to) out.push(`removes profile ${name} (entries naming it would be refused)`);
    out.push(...ruleChanges(from ?? {}, to ?? {}, `profile ${name}: `));
  }
  return out;
}
function ruleChanges(a, b, prefix) {
  const out = [];
  const show = (v) => v === void 0 ? "unset" : typeof v === "object" ? JSON.stringify(v) : String(v);
  for (const [key, camel] of Object.entries(RULE_KEYS)) {
    const [x, y] = [show(a[camel]), show(b[camel])];
    if (x !== y) out.push(`${prefix}changes \`${key}\` from ${x} to ${y}`);
  }
  return out;
}
function exceptionKey(ex) {
  return `${ex.repo.toLowerCase()}@${ex.revision ?? "*"}`;
}
function describeException(ex) {
  const at = ex.revision ? `@${ex.revision.slice(0, 12)}` : "";
  return `${ex.repo}${at} (checks ${ex.checks.join(", ")}; expires ${ex.expires}): ${ex.reason}`;
}
function exceptionChanges(from, to) {
  const out = [];
  const fromByKey = new Map(from.map((ex) => [exceptionKey(ex), ex]));
  const toKeys = new Set(to.map(exceptionKey));
  for (const ex of to) {
    const before = fromByKey.get(exceptionKey(ex));
    if (!before) {
      out.push(`adds exception for ${describeException(ex)}`);
      continue;
    }
    const changes = [];
    const checksBefore = [...before.checks].sort().join(", ");
    const checksAfter = [...ex.checks].sort().join(", ");
    if (checksBefore !== checksAfter) changes.push(`checks ${checksBefore} \u2192 ${checksAfter}`);
    if (before.expires !== ex.expires) changes.push(`expires ${before.expires} \u2192 ${ex.expires}`);
    if (before.reason !== ex.reason) changes.push(`reason now: ${ex.reason}`);
    if (changes.length > 0) out.push(`changes exception for ${ex.repo}: ${changes.join("; ")}`);
  }
  for (const ex of from) if (!toKeys.has(exceptionKey(ex))) out.push(`removes exception for ${describeException(ex)}`);
  return out;
}
function bytes(n) {
  for (const [unit, size] of [["TiB", 1024 ** 4], ["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]]) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}

// src/review/change.ts
function failsOn(findings, threshold) {
  return findings.some((f) => severityRank(f.severity) >= threshold);
}
function prepareChange(input) {
  const policy = loadPolicy(input.policyText, input.policySource, input.policyInputs ?? {});
  const base = input.baseText === null ? null : parseAllowlist(input.baseText, input.allowlistPath);
  const head = parseAllowlist(input.headText, input.allowlistPath);
  const errors = [
    ...head.errors,
    ...policy.errors.map((e) => ({ ...e, message: `policy: ${e.message}` }))
  ];
  const baseEntries = base && base.errors.length === 0 ? base.entries : null;
  const diff = diffAllowlists(baseEntries, head.entries);
  const policyChanges = input.headPolicyText !== void 0 && input.headPolicyText !== input.policyText ? describePolicyChange(input.policyText, input.headPolicyText, input.policySource) : [];
  return {
    input,
    policy,
    baseEntries: baseEntries ?? [],
    toReview: entriesToReview(diff),
    previous: previousEntries(diff),
    removed: diff.removed,
    errors,
    policyChanges
  };
}
function entryDeps(prepared, deps) {
  return {
    hub: reviewHub(deps.hub),
    policy: prepared.policy.policy,
    scanFile: deps.scanFile,
    checks: deps.checks,
    ...deps.now ? { now: deps.now } : {},
    ...deps.onProgress ? { onProgress: deps.onProgress } : {}
  };
}
function concludeChange(prepared, reviews, hubUrl) {
  const { input, policy, errors, policyChanges, removed } = prepared;
  markFastTrack(reviews, prepared.baseEntries, policy.policy);
  const threshold = severityRank(policy.policy.failOn);
  const failed = errors.length > 0 || reviews.some((r) => r.verdict === "rejected" || failsOn(r.findings, threshold));
  const report = {
    reviews,
    removed,
    hubUrl,
    allowlistPath: input.allowlistPath,
    policySource: input.policySource,
    policyChanges,
    toolVersion: TOOL_VERSION,
    errors,
    warnings: policy.warnings
  };
  return { reviews, removed, errors, policy, policyChanges, failed, report };
}
async function reviewChange(input, deps) {
  const prepared = prepareChange(input);
  const reviews = await reviewEntries(prepared.toReview, entryDeps(prepared, deps), prepared.policy.policy.concurrency, (e) => prepared.previous.get(e));
  return concludeChange(prepared, reviews, deps.hub.hubUrl);
}
var namespaceOf = (repo) => (repo.split("/")[0] ?? "").toLowerCase();
function markFastTrack(reviews, baseEntries, policy) {
  const approved = new Set(baseEntries.map((e) => namespaceOf(e.repo)));
  for (const r of reviews) {
    if (policyForEntry(policy, r.entry).policy.fastTrack !== true) continue;
    const ns = namespaceOf(r.entry.repo);
    const clean = r.verdict === "approved" && r.complete && !r.findings.some((f) => severityRank(f.severity) > severityRank("low"));
    if (!clean || !approved.has(ns) || namespaceOf(r.canonicalId ?? r.entry.repo) !== ns) continue;
    const publisher = r.entry.repo.split("/")[0];
    r.fastTrack = { publisher };
    r.findings.push({
      check: "policy.fast-track",
      severity: "info",
      message: `fast track: ${publisher} is already approved in the base allowlist and nothing above low was found; approved without waiting for a human review`,
      help: "Set `fast_track: false` (or use a profile without it) to have every entry wait for a human review."
    });
  }
}

// src/review/sharded.ts
import { createHash, randomBytes } from "node:crypto";

// src/review/shard-partial.ts
var PARTIAL_FORMAT = "model-gate-partial/1";
var MAX_PARTIAL_BYTES = 256 * 1024 * 1024;
var count2 = number().check(int(), _gte(0));
var bounded = (max) => string().check(_maxLength(max));
var repoPath2 = string().check(
  refine((p) => unsafePathReason(p) === void 0, { error: (iss) => `is not a safe repository-relative path (${unsafePathReason(String(iss.input)) ?? "invalid"})` })
);
var streamPath = bounded(16384).check(
  refine((p) => unsafePathReason(p.split("!/")[0]) === void 0, { error: "does not start with a safe repository-relative path" })
);
var FindingSchema = strictObject({
  check: bounded(200),
  severity: _enum(SEVERITIES),
  message: bounded(65536),
  file: optional(bounded(16384)),
  line: optional(count2),
  offset: optional(count2),
  evidence: optional(bounded(65536)),
  help: optional(bounded(65536))
});
var PartialFileSchema = strictObject({
  path: repoPath2,
  size: count2,
  sha256: optional(string().check(_regex(/^[0-9a-f]{64}$/))),
  gitOid: optional(string().check(_regex(/^[0-9a-f]{40}$/))),
  lfs: boolean(),
  formats: array(bounded(100)).check(_maxLength(100)),
  findings: array(FindingSchema),
  complete: boolean(),
  externalData: optional(array(strictObject({ tensor: bounded(4096), location: bounded(4096), path: optional(repoPath2) })).check(_maxLength(1e5)))
});
var PartialSchema = strictObject({
  format: literal(PARTIAL_FORMAT),
  planId: string().check(_regex(/^[0-9a-f]{32}$/)),
  planSha256: string().check(_regex(/^[0-9a-f]{64}$/)),
  shard: count2,
  entries: array(
    strictObject({
      repo: bounded(200),
      revision: bounded(200),
      line: count2,
      commit: optional(string().check(_regex(/^[0-9a-f]{40}$/))),
      files: array(PartialFileSchema),
      texts: array(strictObject({ path: streamPath, base64: string().check(_regex(/^[A-Za-z0-9+/]*={0,2}$/)) })),
      skipped: array(streamPath)
    })
  )
});
function parsePartial(bytes2, where) {
  return parseArtifactJson(bytes2, where, "a Model Gate partial review", { maxBytes: MAX_PARTIAL_BYTES, schema: PartialSchema });
}
var partialName = (shard) => `partial-${shard}.json`;

// src/review/sharded.ts
var entryKey = (e) => `${e.repo}@${e.revision}#${e.line}`;
var sha256Hex = (bytes2) => createHash("sha256").update(bytes2).digest("hex");
async function mapLimited(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
async function planChange(prepared, deps, maxShards) {
  const rdeps = entryDeps(prepared, deps);
  const metas = await mapLimited(prepared.toReview, prepared.policy.policy.concurrency, (e) => entryMetadata(e, rdeps, prepared.previous.get(e)));
  const listed = metas.map((m) => m.ok ? m.meta.selected : []);
  const { assignments, shards } = splitIntoShards(listed.map((files) => ({ files })), maxShards);
  const entries = prepared.toReview.map((e, i) => {
    const m = metas[i];
    return {
      repo: e.repo,
      revision: e.revision,
      line: e.line,
      ...m.ok ? { commit: m.meta.base.commit } : {},
      files: listed[i].map((f, j) => ({ path: f.path, size: f.size, shard: assignments[i][j] }))
    };
  });
  return { format: PLAN_FORMAT, planId: randomBytes(16).toString("hex"), shards, entries };
}
var failedFile = (f, finding) => ({
  path: f.path,
  size: f.size,
  lfs: f.lfs === true,
  formats: [],
  findings: [{ ...finding, file: f.path }],
  complete: false
});
var utf8Base64 = (text) => Buffer.from(text, "utf8").toString("base64");
async function runShard(prepared, plan, planSha256, shard, deps) {
  if (!Number.isInteger(shard) || shard < 0 || shard >= plan.shards) throw new Error(`shard ${shard} is not in the plan, which has shards 0 to ${plan.shards - 1}`);
  const rdeps = entryDeps(prepared, deps);
  const byKey = new Map(prepared.toReview.map((e) => [entryKey(e), e]));
  const mine = plan.entries.filter((p) => p.files.some((f) => f.shard === shard));
  const entries = [];
  for (const planned of mine) {
    const files = planned.files.filter((f) => f.shard === shard);
    const entry = byKey.get(entryKey(planned));
    if (!entry) {
      deps.onProgress?.(`${planned.repo}@${planned.revision}: not an entry this change adds; skipped`);
      continue;
    }
    const out = { repo: planned.repo, revision: planned.revision, line: planned.line, files: [], texts: [], skipped: [] };
    entries.push(out);
    const got = await entryMetadata(entry, rdeps, prepared.previous.get(entry));
    if (!got.ok) {
      const why = got.review.findings.find((f) => f.severity === "high" || f.severity === "critical")?.message ?? "its metadata could not be read";
      out.files = files.map((f) => failedFile(f, { check: "shard.metadata", severity: "high", message: `shard ${shard} could not read ${entry.repo}'s metadata: ${why}` }));
      continue;
    }
    const meta = got.meta;
    out.commit = meta.base.commit;
    if (meta.base.commit !== planned.commit) {
      out.files = files.map((f) => failedFile(f, {
        check: "shard.commit-mismatch",
        severity: "high",
        message: `the plan says ${entry.repo}@${entry.revision} is commit ${planned.commit ?? "(unresolved)"}, the Hub answered ${meta.base.commit ?? "?"} to shard ${shard}`
      }));
      continue;
    }
    const selected = new Map(meta.selected.map((f) => [f.path, f]));
    const toRead = files.flatMap((f) => {
      const s = selected.get(f.path);
      return s && s.size === f.size ? [s] : [];
    });
    const external = /* @__PURE__ */ new Map();
    const capture = new TextCapture();
    const reports = await examineEntryFiles(meta, toRead, rdeps, {
      capture,
      deferCrossFile: (path, details) => {
        const refs = details?.onnx?.externalData;
        if (Array.isArray(refs) && refs.length > 0) external.set(path, refs);
      }
    });
    const byPath = new Map(reports.map((r) => [r.path, r]));
    out.files = files.map((f) => {
      const r = byPath.get(f.path);
      if (!r) {
        return failedFile(f, {
          check: "shard.file-mismatch",
          severity: "high",
          message: `${f.path} is planned with ${f.size} bytes, but the selection at ${meta.base.commit ?? "?"} ${selected.has(f.path) ? `lists ${selected.get(f.path).size} bytes` : "does not include it"}`
        });
      }
      const refs = external.get(f.path);
      return refs ? { ...r, externalData: refs.map((x) => ({ tensor: x.tensor, location: x.location, ...x.path !== void 0 ? { path: x.path } : {} })) } : r;
    });
    out.texts = capture.paths().map((p) => ({ path: p, base64: utf8Base64(capture.text(p) ?? "") }));
    out.skipped = capture.skipped();
  }
  return { format: PARTIAL_FORMAT, planId: plan.planId, planSha256, shard, entries };
}
function mergePartials(plan, planSha256, inputs) {
  const merged = /* @__PURE__ */ new Map();
  for (const e of plan.entries) {
    merged.set(entryKey(e), { reports: /* @__PURE__ */ new Map(), duplicates: /* @__PURE__ */ new Map(), texts: /* @__PURE__ */ new Map(), skipped: [], findings: [], refused: /* @__PURE__ */ new Map() });
  }
  const planned = new Map(plan.entries.map((e) => [entryKey(e), new Map(e.files.map((f) => [f.path, f]))]));
  const refuse = (shard, why) => {
    for (const m of merged.values()) m.refused.set(shard, why);
  };
  const given = new Map(inputs.map((i) => [i.shard, i]));
  for (let shard = 0; shard < plan.shards; shard++) {
    const input = given.get(shard);
    const name = partialName(shard);
    if (!input?.bytes) {
      refuse(shard, input?.missing ?? `${name} is missing`);
      continue;
    }
    let partial;
    try {
      partial = parsePartial(input.bytes, name);
    } catch (err) {
      refuse(shard, err instanceof Error ? err.message : String(err));
      continue;
    }
    if (partial.planId !== plan.planId || partial.planSha256 !== planSha256) {
      refuse(shard, `${name} was made for plan ${partial.planId} (plan.json sha256 ${partial.planSha256.slice(0, 12)}\u2026), not this plan ${plan.planId} (sha256 ${planSha256.slice(0, 12)}\u2026)`);
      continue;
    }
    if (partial.shard !== shard) {
      refuse(shard, `${name} says it is shard ${partial.shard}'s partial`);
      continue;
    }
    const unknown = partial.entries.find((e) => !merged.has(entryKey(e)));
    if (unknown) {
      refuse(shard, `${name} reports ${unknown.repo}@${unknown.revision} (line ${unknown.line}), which the plan does not list`);
      continue;
    }
    for (const pe of partial.entries) {
      const key = entryKey(pe);
      const m = merged.get(key);
      const files = planned.get(key);
      const planEntry = plan.entries.find((e) => entryKey(e) === key);
      if (pe.commit !== void 0 && pe.commit !== planEntry.commit) {
        m.findings.push({
          check: "shard.file-mismatch",
          severity: "high",
          message: `${name} reports ${pe.repo} at commit ${pe.commit}, but the plan pins ${planEntry.commit ?? "(unresolved)"}; its ${pe.files.length} file report(s) are not used`
        });
        continue;
      }
      const mineHere = /* @__PURE__ */ new Set();
      for (const r of pe.files) {
        const p = files.get(r.path);
        if (!p || p.shard !== shard) {
          m.findings.push({
            check: "shard.file-unplanned",
            severity: "high",
            file: r.path,
            message: `${name} reports ${r.path}, which the plan ${p ? `gives to shard ${p.shard}` : "does not list"} for ${pe.repo}; the report is not used`
          });
          continue;
        }
        if (r.size !== p.size) {
          m.findings.push({
            check: "shard.file-mismatch",
            severity: "high",
            file: r.path,
            message: `${name} reports ${r.path} with ${r.size} bytes, but the plan lists ${p.size}; the report is not used`
          });
          continue;
        }
        if (m.reports.has(r.path) || m.duplicates.has(r.path)) {
          const shards = m.duplicates.get(r.path) ?? [m.reports.get(r.path).shard];
          m.duplicates.set(r.path, [...shards, shard]);
          m.reports.delete(r.path);
          continue;
        }
        m.reports.set(r.path, { report: r, shard });
        mineHere.add(r.path);
      }
      for (const t of pe.texts) {
        const owner = t.path.split("!/")[0];
        if (!mineHere.has(owner) || m.texts.has(t.path)) continue;
        m.texts.set(t.path, Buffer.from(t.base64, "base64").toString("utf8"));
      }
      m.skipped.push(...pe.skipped.filter((p) => mineHere.has(p.split("!/")[0])));
    }
  }
  return merged;
}
function mergedText(m, order) {
  const limits = new TextCapture();
  const texts = /* @__PURE__ */ new Map();
  const skipped = [...m?.skipped ?? []];
  let used = 0;
  const rank = new Map(order.map((p, i) => [p, i]));
  const entries = [...(m?.texts ?? /* @__PURE__ */ new Map()).entries()].sort(
    (a, b) => (rank.get(a[0].split("!/")[0]) ?? 0) - (rank.get(b[0].split("!/")[0]) ?? 0)
  );
  for (const [path, text] of entries) {
    const n = Buffer.byteLength(text, "utf8");
    if (n > limits.perFile || used + n > limits.total) skipped.push(path);
    else {
      texts.set(path, text);
      used += n;
    }
  }
  return { text: (p) => texts.get(p), paths: () => [...texts.keys()], skipped: () => [...skipped] };
}
function digestProblem(r, item) {
  if (!r.complete) return void 0;
  if (!item) return `${r.path} is not in the tree`;
  if (!r.sha256 || !r.gitOid) return `${r.path} is reported complete without its digests`;
  if (item.lfs && item.lfs.oid !== r.sha256) return `${r.path} is reported with sha256 ${r.sha256}, but the Hub lists ${item.lfs.oid}`;
  if (!item.lfs && item.oid !== r.gitOid) return `${r.path} is reported with git oid ${r.gitOid}, but the Hub lists ${item.oid}`;
  return void 0;
}
function entryFiles(meta, planned, m) {
  const { entry } = meta;
  const extra = [];
  if (!planned || !m) {
    extra.push({
      check: "shard.entry-not-planned",
      severity: "high",
      message: `${entry.repo}@${entry.revision} (line ${entry.line}) is not in the plan: none of its files were examined`,
      help: "Run the plan, shard and aggregate jobs of one workflow run on the same pull request commit."
    });
    return { files: [], extra, text: mergedText(void 0, []) };
  }
  extra.push(...m.findings);
  for (const [shard, why] of m.refused) {
    if (planned.files.some((f) => f.shard === shard)) {
      extra.push({ check: "shard.partial-missing", severity: "high", message: `shard ${shard}'s partial review was not usable: ${why}`, help: "Re-run the failed shard jobs, then the aggregate job." });
    }
  }
  if (planned.commit !== meta.base.commit) {
    extra.push({ check: "shard.plan-mismatch", severity: "high", message: `the plan pins ${entry.repo} at ${planned.commit ?? "(unresolved)"}, the Hub now answers ${meta.base.commit ?? "?"}` });
  }
  const plannedFiles = new Map(planned.files.map((f) => [f.path, f]));
  const selected = new Set(meta.selected.map((f) => f.path));
  for (const f of planned.files) {
    if (!selected.has(f.path)) extra.push({ check: "shard.plan-mismatch", severity: "high", file: f.path, message: `the plan lists ${f.path}, which the review does not select at ${meta.base.commit ?? "?"}` });
  }
  const tree = new Map(meta.tree.map((t) => [t.path, t]));
  const details = /* @__PURE__ */ new Map();
  const files = meta.selected.map((s) => {
    const p = plannedFiles.get(s.path);
    if (!p || p.size !== s.size) {
      return failedFile(s, { check: "shard.plan-mismatch", severity: "high", message: `${s.path} (${s.size} bytes) is ${p ? `planned with ${p.size} bytes` : "not in the plan"}; it was not examined` });
    }
    const dup = m.duplicates.get(s.path);
    if (dup) return failedFile(s, { check: "shard.file-duplicate", severity: "high", message: `${s.path} is reported ${dup.length} times (shards ${dup.join(", ")}); none of the reports is used` });
    const got = m.reports.get(s.path);
    if (!got) {
      const why = m.refused.get(p.shard);
      return failedFile(s, { check: "shard.file-missing", severity: "high", message: `${s.path} was planned for shard ${p.shard}, which did not report it${why ? ` (${why})` : ""}; it was not examined` });
    }
    const problem = digestProblem(got.report, tree.get(s.path));
    if (problem) return failedFile(s, { check: "shard.digest-mismatch", severity: "critical", message: `${problem} (shard ${got.shard})` });
    const { externalData, ...report } = got.report;
    if (externalData) details.set(s.path, { onnx: { externalData } });
    return { ...report, path: s.path, size: s.size, lfs: s.lfs === true };
  });
  return { files: markExternalData(files, (p) => details.get(p)), extra, text: mergedText(m, meta.selected.map((f) => f.path)) };
}
async function aggregateChange(prepared, plan, planSha256, inputs, deps) {
  const rdeps = entryDeps(prepared, deps);
  const merged = mergePartials(plan, planSha256, inputs);
  const planned = new Map(plan.entries.map((e) => [entryKey(e), e]));
  return mapLimited(prepared.toReview, prepared.policy.policy.concurrency, async (entry) => {
    const got = await entryMetadata(entry, rdeps, prepared.previous.get(entry));
    if (!got.ok) return got.review;
    const key = entryKey(entry);
    const { files, extra, text } = entryFiles(got.meta, planned.get(key), merged.get(key));
    return judgeEntry(got.meta, files, text, rdeps, extra);
  });
}

// src/review/reviewer.ts
function createReviewer(opts = {}) {
  const scanFile = opts.scanFile ?? defaultScanFile;
  const checks = opts.checks ?? REPO_CHECKS;
  const common = { scanFile, checks, ...opts.now ? { now: opts.now } : {}, ...opts.onProgress ? { onProgress: opts.onProgress } : {} };
  const hubOf = () => {
    if (!opts.hub) throw new Error("reviewing an allowlist change needs a Hub client");
    return opts.hub;
  };
  return {
    reviewChange(input) {
      return reviewChange(input, { hub: hubOf(), ...common });
    },
    planChange(input, maxShards) {
      return planChange(prepareChange(input), { hub: hubOf(), ...common }, maxShards);
    },
    shardChange(input, plan, planSha256, shard) {
      return runShard(prepareChange(input), plan, planSha256, shard, { hub: hubOf(), ...common });
    },
    async aggregateChange(input, plan, planSha256, partials) {
      const hub = hubOf();
      const prepared = prepareChange(input);
      return concludeChange(prepared, await aggregateChange(prepared, plan, planSha256, partials, { hub, ...common }), hub.hubUrl);
    },
    async reviewLocal(input) {
      const policySource = input.policySource ?? "defaults";
      const policy = loadPolicy(input.policyText ?? null, policySource, input.policyInputs ?? {});
      const errors = [...policy.errors];
      for (const g of input.allow ?? []) {
        const problem = checkGlobal(g);
        if (problem) errors.push({ file: "option --allow", message: problem, help: "Allow only classes a reviewer has read; code-running callables can never be allowed." });
        else if (!policy.policy.allowGlobals.includes(g)) policy.policy.allowGlobals.push(g);
      }
      const review = await reviewLocal(input.paths, input.cwd, { policy: policy.policy, ...common });
      const report = {
        reviews: [review],
        removed: [],
        policySource,
        policyChanges: [],
        toolVersion: TOOL_VERSION,
        errors,
        warnings: policy.warnings
      };
      return { review, policy, report };
    }
  };
}

export {
  renderComment,
  renderMarkdown,
  renderText,
  MAX_SHARDS,
  MAX_PLAN_BYTES,
  parsePlan,
  MAX_PARTIAL_BYTES,
  partialName,
  sha256Hex,
  createReviewer
};
