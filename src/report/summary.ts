// The job summary: the same content as the comment with a budget GitHub allows per step (1 MiB of UTF-8), so it
// keeps low/info findings, inventories and longer evidence that the comment has to shed.
import { renderMarkdown, type MarkdownBudget } from './markdown.js';
import type { ReportInput } from '../core/report.js';

/** GitHub's limit for one step's job summary, in bytes. */
export const SUMMARY_LIMIT = 1024 * 1024;

export const SUMMARY_BUDGET: MarkdownBudget = {
  marker: false,
  limit: SUMMARY_LIMIT,
  target: SUMMARY_LIMIT - 48 * 1024,
  measure: (t) => Buffer.byteLength(t, 'utf8'),
  listCap: 500,
  evidenceChars: 4000,
  // The run link points at this summary; what it sheds is in the JSON report only.
  elsewhere: 'the JSON report of this run'
};

/** Markdown for `core.summary.addRaw(...)`; at most SUMMARY_LIMIT bytes of UTF-8. */
export function renderSummary(input: ReportInput): string {
  return renderMarkdown(input, SUMMARY_BUDGET);
}
