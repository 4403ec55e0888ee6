
// src/core/version.ts
var TOOL_NAME = "model-gate";
var TOOL_VERSION = "0.1.0";
var RULES_VERSION = "2026-12-06";

export {
  TOOL_NAME,
  TOOL_VERSION,
  RULES_VERSION
};
