import {
  renderMarkdown
} from "./chunk-YBMSFMKT.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-5USQP7RK.js";
import "./chunk-YWQRT5AS.js";
import "./chunk-CVJYKYK3.js";

// src/report/summary.ts
var SUMMARY_LIMIT = 1024 * 1024;
var SUMMARY_BUDGET = {
  marker: false,
  limit: SUMMARY_LIMIT,
  target: SUMMARY_LIMIT - 48 * 1024,
  measure: (t) => Buffer.byteLength(t, "utf8"),
  listCap: 500,
  evidenceChars: 4e3,
  // The run link points at this summary; what it sheds is in the JSON report only.
  elsewhere: "the JSON report of this run"
};
function renderSummary(input) {
  return renderMarkdown(input, SUMMARY_BUDGET);
}
export {
  SUMMARY_BUDGET,
  SUMMARY_LIMIT,
  renderSummary
};
