// Single source for the tool version shown in reports and recorded in attestations.
export const TOOL_NAME = 'model-gate';
export const TOOL_VERSION = '0.1.0';
/**
 * The detection rules' version: bumped whenever scanners or checks judge differently. A vetting record made under an
 * older rule set is re-judged by the audit (src/audit/), oldest first, within its budget.
 */
export const RULES_VERSION = '2026-12-06';
