// The review comment (and, with a bigger budget, the job summary): a verdict table a reviewer reads in ten seconds,
// then per entry every finding one click away. Every string from a model repo, the Hub or the PR goes through
// escape.ts. The output always fits its budget: detail is shed in a fixed order, and the verdict table goes last.
import { severityRank, type Finding, type Severity } from '../core/findings.js';
import { isLocalReview, type AnyReview } from '../core/review.js';
import { CAPS, codeBlock, codeCell, codeSpan, escapeHtml, escapeInline, escapeProse } from './escape.js';
import { isFullSha, pinnedSha, reviewFileUrl, reviewTreeUrl } from './links.js';
import {
  SEVERITY_ICON,
  SEVERITY_LABEL,
  VERDICT_ICON,
  VERDICT_LABEL,
  compareReviews,
  countVerdicts,
  type Counts,
  findingsAbout,
  humanSize,
  overallVerdict,
  plural,
  reasonOf,
  reviewLine,
  severityCounts,
  severitySummary,
  shortSha,
  sortedFindings
} from './tally.js';
import type { ReportInput } from '../core/report.js';

export const COMMENT_MARKER = '<!-- model-gate -->';
/** GitHub rejects issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

export interface MarkdownBudget {
  /** Hidden marker on the first line (the sticky comment finds itself by it). */
  marker: boolean;
  /** Hard ceiling, in `measure` units. */
  limit: number;
  /** What the progressive rendering aims for, leaving headroom under `limit`. */
  target: number;
  measure: (text: string) => number;
  /** Items shown per list (errors, policy changes, removed entries, signing lines) before "… N more". */
  listCap: number;
  /** Characters of evidence shown per finding. */
  evidenceChars: number;
  /**
   * Where shed detail is, when it is not behind `fullReportUrl`. Set for the job summary, which is what that URL
   * points at: a summary that links to itself sends the reader in a circle.
   */
  elsewhere?: string;
}

/** The input as the pieces below see it: where the untruncated report is, said once. */
type RenderInput = ReportInput & { elsewhere?: string };

export const COMMENT_BUDGET: MarkdownBudget = {
  marker: true,
  limit: COMMENT_LIMIT,
  target: 60_000,
  measure: (t) => t.length,
  listCap: 50,
  evidenceChars: CAPS.evidence
};

/** The sticky PR comment. Always starts with COMMENT_MARKER and stays under COMMENT_LIMIT characters. */
export function renderComment(input: ReportInput): string {
  return renderMarkdown(input, COMMENT_BUDGET);
}

// ---------------------------------------------------------------------------------------------------------------
// Pieces

/** Where the untruncated report is, as markdown. */
function fullReport(input: RenderInput): string {
  if (input.elsewhere !== undefined) return input.elsewhere;
  if (!input.fullReportUrl || !/^https?:\/\//i.test(input.fullReportUrl)) return 'the full report (job summary and JSON report of this run)';
  return `[the full report](${safeUrl(input.fullReportUrl)})`;
}

/** Trusted URLs (run links) still must not end the markdown link early. */
function safeUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function lineNumber(n: number | undefined): string {
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? String(n) : '?';
}

function entryLabel(review: AnyReview): string {
  if (isLocalReview(review)) return review.paths.map((p) => escapeInline(p, CAPS.name)).join(' ');
  return `${escapeInline(review.entry.repo, CAPS.name)}@${escapeInline(shortSha(review.entry.revision), 48)}`;
}

function entryLink(review: AnyReview, hubUrl: string | undefined): string {
  const url = reviewTreeUrl(hubUrl, review);
  return url ? `[${entryLabel(review)}](${url})` : entryLabel(review);
}

function headline(input: RenderInput): string {
  const c = countVerdicts(input.reviews);
  const total = input.reviews.length;
  const models = total === 1 ? 'model' : 'models';
  let phrase: string;
  if (c.rejected > 0) phrase = `${c.rejected} of ${total} new ${models} rejected`;
  else if (c.needsReview > 0) phrase = `${c.needsReview} of ${total} new ${models} ${c.needsReview === 1 ? 'needs' : 'need'} review`;
  else if (total > 0) phrase = total === 1 ? '1 new model approved' : `all ${total} new models approved`;
  else phrase = 'no new models to review';
  const errors = input.errors?.length ?? 0;
  if (errors > 0) phrase = `allowlist has ${plural(errors, 'error')} · ${phrase}`;
  const verdict = overallVerdict(input);
  const tallies = [
    `**${c.rejected}** rejected`,
    `**${c.needsReview}** need${c.needsReview === 1 ? 's' : ''} review`,
    `**${c.approved}** approved`
  ];
  if (input.removed.length > 0) tallies.push(`${input.removed.length} removed`);
  return `## ${VERDICT_ICON[verdict]} Model Gate: ${phrase}\n\n${tallies.join(' · ')}\n`;
}

function capped<T>(items: readonly T[], cap: number, render: (item: T) => string, more: (n: number) => string): string[] {
  const lines = items.slice(0, cap).map(render);
  if (items.length > cap) lines.push(more(items.length - cap));
  return lines;
}

function errorsCallout(input: RenderInput, listCap: number): string {
  const errors = input.errors ?? [];
  if (errors.length === 0) return '';
  const lines = capped(
    errors,
    listCap,
    (e) => `> - ${codeSpan(e.file, CAPS.name)} line ${lineNumber(e.line)}: ${escapeProse(e.message, CAPS.message)}${e.help ? ` — ${escapeProse(e.help, CAPS.help)}` : ''}`,
    (n) => `> - … ${plural(n, 'more error')} in ${fullReport(input)}`
  );
  return (
    `> [!CAUTION]\n> **The allowlist has ${plural(errors.length, 'error')}.** ` +
    'Entries that cannot be read are not reviewed, so this change cannot pass until they are fixed.\n' +
    `${lines.join('\n')}\n\n`
  );
}

function warningsCallout(input: RenderInput, listCap: number): string {
  const warnings = input.warnings ?? [];
  if (warnings.length === 0) return '';
  const lines = capped(
    warnings,
    listCap,
    (w) => `> - ${escapeProse(w, CAPS.line)}`,
    (n) => `> - … ${plural(n, 'more warning')} in ${fullReport(input)}`
  );
  return `> [!WARNING]\n> **The configuration of this run differs from the policy file.**\n${lines.join('\n')}\n\n`;
}

function policyCallout(input: RenderInput, listCap: number): string {
  if (input.policyChanges.length === 0) return '';
  const lines = capped(
    input.policyChanges,
    listCap,
    (l) => `> - ${escapeProse(l, CAPS.line)}`,
    (n) => `> - … ${plural(n, 'more change')} in ${fullReport(input)}`
  );
  return (
    '> [!IMPORTANT]\n> **This pull request changes the Model Gate policy — not in effect in this PR.** ' +
    'Every entry here was reviewed under the policy from the base branch; the change applies after merge, so ' +
    'review it as carefully as the models.\n' +
    `${lines.join('\n')}\n\n`
  );
}

function tableRow(review: AnyReview, hubUrl: string | undefined, reasonCap: number): string {
  const verdict = `${VERDICT_ICON[review.verdict]} ${VERDICT_LABEL[review.verdict]}`;
  let model = entryLink(review, hubUrl);
  if (!isLocalReview(review) && review.canonicalId && review.canonicalId !== review.entry.repo) {
    model += `<br>Hub answers as ${escapeInline(review.canonicalId, CAPS.name)}`;
  }
  let reason = '';
  if (reasonCap > 0) {
    reason = escapeProse(reasonOf(review), reasonCap);
    if (review.findings.length > 1) reason += ` (+${review.findings.length - 1} more)`;
  } else if (review.findings.length > 0) {
    reason = plural(review.findings.length, 'finding');
  }
  const line = reviewLine(review);
  return `| ${model} | ${verdict} | ${reason} | ${line === undefined ? '—' : lineNumber(line)} |`;
}

const TABLE_HEAD = '| Model | Verdict | Why | Line |\n| :-- | :-- | :-- | --: |\n';

function moreEntries(input: RenderInput, n: number, c: Counts): string {
  if (n === 0) return '';
  return (
    `\n**… ${plural(n, 'more entry', 'more entries')}** ` +
    `(${c.rejected} rejected, ${c.needsReview} needing review, ${c.approved} approved) — see ${fullReport(input)}.\n`
  );
}

function verdictTable(input: RenderInput, reviews: readonly AnyReview[], reasonCap: number): string {
  if (reviews.length === 0) return '';
  const rows = reviews.map((r) => tableRow(r, input.hubUrl, reasonCap));
  return `${TABLE_HEAD}${rows.join('\n')}\n\n`;
}

/** The longest prefix of the table (worst entries first) that fits in `available`, with a pointer to the rest. */
function verdictTableWithin(input: RenderInput, reviews: readonly AnyReview[], reasonCap: number, available: number, measure: (t: string) => number): string | undefined {
  if (reviews.length === 0) return '';
  const rows = reviews.map((r) => `${tableRow(r, input.hubUrl, reasonCap)}\n`);
  let total = measure(TABLE_HEAD) + measure('\n');
  const prefix = [total];
  for (const row of rows) prefix.push((total += measure(row)));
  const rest: Counts = { approved: 0, needsReview: 0, rejected: 0 };
  for (let k = rows.length; k >= 0; k--) {
    const r = reviews[k];
    if (r) rest[r.verdict === 'needs-review' ? 'needsReview' : r.verdict]++;
    const more = moreEntries(input, reviews.length - k, rest);
    if ((prefix[k] ?? 0) + measure(more) <= available) return `${TABLE_HEAD}${rows.slice(0, k).join('')}${more}\n`;
  }
  return undefined;
}

function removedSection(input: RenderInput, listCap: number): string {
  if (input.removed.length === 0) return '';
  const lines = capped(
    input.removed,
    listCap,
    (e) => `- ${escapeInline(e.repo, CAPS.name)} @ ${codeSpan(shortSha(e.revision), 48)} (line ${lineNumber(e.line)} of the base allowlist)`,
    (n) => `- … ${plural(n, 'more')} in ${fullReport(input)}`
  );
  return `### Removed from the allowlist (${input.removed.length})\n\nRemoved entries are not reviewed.\n\n${lines.join('\n')}\n\n`;
}

const SIGNING_ICON = { signed: '🔏', skipped: '⏭️', failed: '❌' } as const;

function signingSection(input: RenderInput, listCap: number): string {
  const statuses = input.signing ?? [];
  if (statuses.length === 0) return '';
  const lines = capped(
    statuses,
    listCap,
    (s) => {
      const what = `${escapeInline(s.repo, CAPS.name)} @ ${codeSpan(shortSha(s.revision), 48)}`;
      const detail = s.status === 'signed' ? `signed → ${codeSpan(s.detail, CAPS.name)}` : `${s.status}: ${escapeProse(s.detail, CAPS.message)}`;
      return `- ${SIGNING_ICON[s.status] ?? '❔'} ${what} — ${detail}`;
    },
    (n) => `- … ${plural(n, 'more')} in ${fullReport(input)}`
  );
  return `### Signing\n\n${lines.join('\n')}\n\n`;
}

function footer(input: RenderInput): string {
  const parts = [`model-gate ${escapeInline(input.toolVersion, 40)}`, `policy: ${escapeInline(input.policySource, CAPS.line)}`];
  if (input.allowlistPath !== undefined) parts.push(`allowlist: ${codeCell(input.allowlistPath, CAPS.name)}`);
  if (input.elsewhere === undefined && input.fullReportUrl && /^https?:\/\//i.test(input.fullReportUrl)) parts.push(fullReport(input));
  return `---\n<sub>${parts.join(' · ')}</sub>\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-entry sections, built once as parts and assembled at whatever detail the budget allows

interface Block {
  severity: Severity;
  text: string;
}

interface Section {
  review: AnyReview;
  open: string;
  blocks: Block[];
  inventory: string;
  inventoryCollapsed: string;
  close: string;
}

function findingBlock(f: Finding, review: AnyReview, hubUrl: string | undefined, evidenceChars: number): string {
  const where: string[] = [codeSpan(f.check, 80)];
  if (f.file !== undefined) {
    const url = reviewFileUrl(hubUrl, review, f.file, f.line);
    const name = codeSpan(f.file, CAPS.name);
    where.push(url ? `[${name}](${url})` : name);
  }
  if (f.line !== undefined) where.push(`line ${lineNumber(f.line)}`);
  if (f.offset !== undefined && Number.isSafeInteger(f.offset)) where.push(`byte ${f.offset}`);
  let out = `**${escapeProse(f.message, CAPS.message)}**<br>\n${where.join(' · ')}\n\n`;
  if (f.evidence !== undefined && f.evidence.length > 0) out += `${codeBlock(f.evidence, evidenceChars)}\n\n`;
  if (f.help !== undefined && f.help.length > 0) out += `**What to do:** ${escapeProse(f.help, CAPS.help)}\n\n`;
  return out;
}

function groupHeading(severity: Severity, count: number): string {
  return `#### ${SEVERITY_ICON[severity]} ${SEVERITY_LABEL[severity]} (${count})\n\n`;
}

function inventoryTable(review: AnyReview, hubUrl: string | undefined): string {
  const n = review.files.length;
  if (n === 0) return '';
  const rows = review.files.map((f) => {
    const url = reviewFileUrl(hubUrl, review, f.path);
    const name = escapeInline(f.path, CAPS.name);
    const path = url ? `[${name}](${url})` : name;
    const formats = f.formats.length > 0 ? escapeInline(f.formats.join(', '), 120) : '—';
    const digest = f.sha256 && /^[0-9a-f]{64}$/.test(f.sha256) ? `<code>${f.sha256.slice(0, 12)}</code>` : f.sha256 ? codeCell(f.sha256, 80) : '—';
    const checked = f.complete ? '✅' : '⚠️ not fully examined';
    // Every finding about the file counts, not only the scanners': a script the README runs carries the
    // instruction's findings too, so the table never shows 0 beside a file the findings above point at.
    return `| ${path} | ${humanSize(f.size)} | ${formats} | ${digest} | ${checked} | ${findingsAbout(review, f.path).length} |`;
  });
  return (
    `<details><summary>Files (${n})</summary>\n\n` +
    '| File | Size | Formats (by content) | sha256 | Examined | Findings |\n| :-- | --: | :-- | :-- | :-- | --: |\n' +
    `${rows.join('\n')}\n\n</details>\n\n`
  );
}

function buildSection(review: AnyReview, input: RenderInput, budget: MarkdownBudget): Section {
  const counts = severityCounts(review.findings);
  const sevText = severitySummary(counts);
  const openAttr = review.verdict === 'approved' ? '' : ' open';
  const totalSize = review.files.reduce((s, f) => s + (Number.isFinite(f.size) ? f.size : 0), 0);
  const meta: string[] = [];
  let summary: string;
  if (isLocalReview(review)) {
    summary =
      `${VERDICT_ICON[review.verdict]} <b>${escapeHtml(review.paths.join(' '), CAPS.name)}</b> — ${VERDICT_LABEL[review.verdict]}` +
      (sevText ? `: ${sevText}` : '');
    meta.push(`Local files · ${plural(review.files.length, 'file')} (${humanSize(totalSize)})`);
  } else {
    const sha = pinnedSha(review);
    summary =
      `${VERDICT_ICON[review.verdict]} <b>${escapeHtml(review.entry.repo, CAPS.name)}</b> @ ` +
      `<code>${escapeHtml(shortSha(review.entry.revision), 48)}</code> — ${VERDICT_LABEL[review.verdict]}` +
      (sevText ? `: ${sevText}` : '');
    const tree = reviewTreeUrl(input.hubUrl, review);
    const commit = sha ? (tree ? `[${codeSpan(sha)}](${tree})` : codeSpan(sha)) : `${codeSpan(review.entry.revision, 80)} (not a full commit sha)`;
    meta.push(`Commit ${commit} · allowlist line ${lineNumber(review.entry.line)} · ${plural(review.files.length, 'file')} (${humanSize(totalSize)})`);
    if (review.commit && isFullSha(review.entry.revision) && review.commit !== review.entry.revision) {
      meta.push(`The Hub resolved the pin to a different commit: ${codeSpan(review.commit, 80)}`);
    }
    const ids: string[] = [];
    if (review.canonicalId && review.canonicalId !== review.entry.repo) {
      ids.push(`Hub answers as ${codeSpan(review.canonicalId, CAPS.name)} (renamed or transferred: check it is the publisher you expect)`);
    }
    if (review.repoId) ids.push(`repo id ${codeSpan(review.repoId, 80)}`);
    if (review.authorId) ids.push(`author id ${codeSpan(review.authorId, 80)}`);
    if (ids.length > 0) meta.push(ids.join(' · '));
    for (const hop of review.redirects.slice(0, 5)) {
      meta.push(`Redirect ${codeSpan(hop.from, CAPS.name)} → ${codeSpan(hop.to, CAPS.name)} (${Number.isSafeInteger(hop.status) ? hop.status : '?'})`);
    }
    if (review.redirects.length > 5) meta.push(`… ${plural(review.redirects.length - 5, 'more redirect')}`);
    if (review.entry.reason) meta.push(`Reason given: ${escapeInline(review.entry.reason, CAPS.message)}`);
    if (review.entry.profile) meta.push(`Policy profile ${codeSpan(review.entry.profile, 80)}`);
    if (review.fastTrack) {
      meta.push(`⚡ **Fast track**: ${escapeInline(review.fastTrack.publisher, CAPS.name)} is already approved in the base allowlist and nothing above low was found, so this entry is approved without waiting for a human review.`);
    }
  }

  const open = `<details${openAttr}>\n<summary>${summary}</summary>\n\n${meta.join('<br>\n')}\n\n`;
  const blocks = sortedFindings(review.findings).map((f) => ({
    severity: f.severity,
    text: findingBlock(f, review, input.hubUrl, budget.evidenceChars)
  }));
  const inventory = inventoryTable(review, input.hubUrl);
  const n = review.files.length;
  const inventoryCollapsed = n > 0 ? `*File inventory (${plural(n, 'file')}) is in ${fullReport(input)}.*\n\n` : '';
  return { review, open, blocks, inventory, inventoryCollapsed, close: '</details>\n\n' };
}

interface Detail {
  /** Findings below this severity are counted, not shown. */
  minSeverity: Severity;
  inventory: boolean;
}

function shownAndHidden(section: Section, detail: Detail): { shown: Block[]; hidden: Block[] } {
  const floor = severityRank(detail.minSeverity);
  const shown: Block[] = [];
  const hidden: Block[] = [];
  for (const b of section.blocks) (severityRank(b.severity) >= floor ? shown : hidden).push(b);
  return { shown, hidden };
}

function omittedNote(hidden: readonly Block[], input: RenderInput, what: string): string {
  if (hidden.length === 0) return '';
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const b of hidden) counts[b.severity]++;
  return `*… ${plural(hidden.length, `${what}finding`)} (${severitySummary(counts)}) — see ${fullReport(input)}.*\n\n`;
}

/** The section with every shown block (no per-entry truncation). */
function assemble(section: Section, detail: Detail, input: RenderInput): string {
  const { shown, hidden } = shownAndHidden(section, detail);
  return assembleBlocks(section, shown, hidden, detail, input, 'more ');
}

function assembleBlocks(section: Section, shown: Block[], hidden: Block[], detail: Detail, input: RenderInput, what: string): string {
  let out = section.open;
  if (section.blocks.length === 0) out += 'No findings.\n\n';
  const perSeverity = severityCounts(section.review.findings);
  let current: Severity | undefined;
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

function sectionWithin(section: Section, detail: Detail, allotment: number, input: RenderInput, measure: (t: string) => number): string {
  const { shown } = shownAndHidden(section, detail);
  const perSeverity = severityCounts(section.review.findings);
  const kept: Block[] = [];
  let used = 0;
  let current: Severity | undefined;
  for (const b of shown) {
    const cost = measure(b.text) + (b.severity !== current ? measure(groupHeading(b.severity, perSeverity[b.severity])) : 0);
    if (used + cost > allotment) break;
    used += cost;
    current = b.severity;
    kept.push(b);
  }
  const keptSet = new Set(kept);
  const dropped = section.blocks.filter((b) => !keptSet.has(b));
  return assembleBlocks(section, kept, dropped, detail, input, kept.length > 0 ? 'more ' : '');
}

function blocksCost(section: Section, detail: Detail, measure: (t: string) => number): number {
  const { shown } = shownAndHidden(section, detail);
  const perSeverity = severityCounts(section.review.findings);
  let cost = 0;
  let current: Severity | undefined;
  for (const b of shown) {
    if (b.severity !== current) {
      current = b.severity;
      cost += measure(groupHeading(b.severity, perSeverity[b.severity]));
    }
    cost += measure(b.text);
  }
  return cost;
}

/**
 * Fits the sections into `available`: every section gets its shell; the rest is shared out so small sections keep
 * all their findings and large ones split what is left (water-filling). Sections whose shells do not fit are
 * replaced, worst-last, by one pointer line.
 */
function fitSections(sections: readonly Section[], detail: Detail, available: number, input: RenderInput, measure: (t: string) => number): string {
  // A section's shell is everything but its finding blocks, plus room for its longest possible pointer line.
  const shells = sections.map((s) => measure(assembleBlocks(s, [], [], detail, input, '')) + measure(omittedNote(s.blocks, input, 'more ')));
  const skippedNote = (n: number): string => `*Details for ${plural(n, 'more entry', 'more entries')} are in ${fullReport(input)}.*\n\n`;
  const reserve = measure(skippedNote(sections.length));
  let count = 0;
  let shellTotal = 0;
  while (count < sections.length && shellTotal + (shells[count] ?? 0) + reserve <= available) shellTotal += shells[count++] ?? 0;
  const included = sections.slice(0, count);
  let rest = available - shellTotal - (count < sections.length ? reserve : 0);
  const needs = included.map((s) => blocksCost(s, detail, measure));
  const allot = new Array<number>(included.length).fill(0);
  const order = included.map((_, i) => i).sort((a, b) => (needs[a] ?? 0) - (needs[b] ?? 0));
  order.forEach((idx, k) => {
    const share = Math.floor(rest / (order.length - k));
    const give = Math.min(needs[idx] ?? 0, share);
    allot[idx] = give;
    rest -= give;
  });
  let out = included.map((s, i) => sectionWithin(s, detail, allot[i] ?? 0, input, measure)).join('');
  if (count < sections.length) out += skippedNote(sections.length - count);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

const DETAILS_HEADING = '### Details\n\n';

/**
 * Renders the review as GitHub markdown within `budget`. Detail is shed in this order until it fits: low/info
 * findings (counted instead), file inventories, then each entry's findings (water-filled, with "… N more
 * findings" pointers), then whole entry sections, then list lengths; the verdict table is the last thing cut.
 */
export function renderMarkdown(report: ReportInput, budget: MarkdownBudget): string {
  const { measure } = budget;
  const input: RenderInput = budget.elsewhere === undefined ? report : { ...report, fullReportUrl: undefined, elsewhere: budget.elsewhere };
  const reviews = [...input.reviews].sort(compareReviews);
  const sections = reviews.map((r) => buildSection(r, input, budget));
  const marker = budget.marker ? `${COMMENT_MARKER}\n` : '';
  const foot = footer(input);

  const levels: Detail[] = [
    { minSeverity: 'info', inventory: true },
    { minSeverity: 'medium', inventory: true },
    { minSeverity: 'medium', inventory: false }
  ];

  const longest = Math.max(input.errors?.length ?? 0, input.policyChanges.length, input.removed.length, input.signing?.length ?? 0);
  const listCaps = longest > 10 && budget.listCap > 10 ? [budget.listCap, 10] : [budget.listCap];
  for (const listCap of listCaps) {
    const head =
      marker + headline(input) + '\n' + errorsCallout(input, listCap) + warningsCallout(input, listCap) +
      verdictTable(input, reviews, CAPS.message) + policyCallout(input, listCap);
    const tail = removedSection(input, listCap) + signingSection(input, listCap);
    const heading = sections.length > 0 ? DETAILS_HEADING : '';
    const fixed = measure(head) + measure(heading) + measure(tail) + measure(foot);
    for (const detail of levels) {
      const body = sections.map((s) => assemble(s, detail, input)).join('');
      if (fixed + measure(body) <= budget.target) return head + heading + body + tail + foot;
    }
    if (fixed < budget.target) {
      const body = fitSections(sections, levels[2] as Detail, budget.target - fixed, input, measure);
      const out = head + heading + body + tail + foot;
      if (measure(out) <= budget.limit) return out;
    }
  }

  // Only the table and pointers: shorten reasons, then rows, until it fits.
  const pointer = `Details are in ${fullReport(input)}.\n\n`;
  const top = marker + headline(input) + '\n' + errorsCallout(input, 3) + warningsCallout(input, 3);
  const bottom = policyCallout(input, 3) + pointer + foot;
  const room = budget.target - measure(top) - measure(bottom);
  for (const reasonCap of [CAPS.message, 80, 0]) {
    const full = verdictTable(input, reviews, reasonCap);
    if (measure(full) <= room) return top + full + bottom;
  }
  const table = verdictTableWithin(input, reviews, 0, room, measure);
  if (table !== undefined) return top + table + bottom;
  // Unreachable with sane inputs (the footer alone is a few hundred characters); still never exceed the limit.
  return `${marker}${headline(input)}\n${pointer}`;
}
