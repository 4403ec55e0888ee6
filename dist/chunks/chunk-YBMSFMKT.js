import {
  isFullSha,
  pinnedSha,
  reviewFileUrl,
  reviewTreeUrl
} from "./chunk-VX7TFLLC.js";
import {
  SEVERITY_ICON,
  SEVERITY_LABEL,
  VERDICT_ICON,
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
  severityCounts,
  severitySummary,
  shortSha,
  sortedFindings
} from "./chunk-YABUTBMA.js";
import {
  severityRank
} from "./chunk-JTLQZMZU.js";
import {
  CAPS,
  codeBlock,
  codeCell,
  codeSpan,
  escapeHtml,
  escapeInline,
  escapeProse
} from "./chunk-YWQRT5AS.js";

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
function groupHeading(severity, count) {
  return `#### ${SEVERITY_ICON[severity]} ${SEVERITY_LABEL[severity]} (${count})

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
    const sha = pinnedSha(review);
    summary = `${VERDICT_ICON[review.verdict]} <b>${escapeHtml(review.entry.repo, CAPS.name)}</b> @ <code>${escapeHtml(shortSha(review.entry.revision), 48)}</code> \u2014 ${VERDICT_LABEL[review.verdict]}` + (sevText ? `: ${sevText}` : "");
    const tree = reviewTreeUrl(input.hubUrl, review);
    const commit = sha ? tree ? `[${codeSpan(sha)}](${tree})` : codeSpan(sha) : `${codeSpan(review.entry.revision, 80)} (not a full commit sha)`;
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
function shownAndHidden(section, detail) {
  const floor = severityRank(detail.minSeverity);
  const shown = [];
  const hidden = [];
  for (const b of section.blocks) (severityRank(b.severity) >= floor ? shown : hidden).push(b);
  return { shown, hidden };
}
function omittedNote(hidden, input, what) {
  if (hidden.length === 0) return "";
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const b of hidden) counts[b.severity]++;
  return `*\u2026 ${plural(hidden.length, `${what}finding`)} (${severitySummary(counts)}) \u2014 see ${fullReport(input)}.*

`;
}
function assemble(section, detail, input) {
  const { shown, hidden } = shownAndHidden(section, detail);
  return assembleBlocks(section, shown, hidden, detail, input, "more ");
}
function assembleBlocks(section, shown, hidden, detail, input, what) {
  let out = section.open;
  if (section.blocks.length === 0) out += "No findings.\n\n";
  const perSeverity = severityCounts(section.review.findings);
  let current;
  for (const b of shown) {
    if (b.severity !== current) {
      current = b.severity;
      out += groupHeading(b.severity, perSeverity[b.severity]);
    }
    out += b.text;
  }
  out += omittedNote(hidden, input, what);
  out += detail.inventory ? section.inventory : section.inventoryCollapsed;
  return out + section.close;
}
function sectionWithin(section, detail, allotment, input, measure) {
  const { shown } = shownAndHidden(section, detail);
  const perSeverity = severityCounts(section.review.findings);
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
  const dropped = section.blocks.filter((b) => !keptSet.has(b));
  return assembleBlocks(section, kept, dropped, detail, input, kept.length > 0 ? "more " : "");
}
function blocksCost(section, detail, measure) {
  const { shown } = shownAndHidden(section, detail);
  const perSeverity = severityCounts(section.review.findings);
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
  let count = 0;
  let shellTotal = 0;
  while (count < sections.length && shellTotal + (shells[count] ?? 0) + reserve <= available) shellTotal += shells[count++] ?? 0;
  const included = sections.slice(0, count);
  let rest = available - shellTotal - (count < sections.length ? reserve : 0);
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
  if (count < sections.length) out += skippedNote(sections.length - count);
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

export {
  renderComment,
  renderMarkdown
};
