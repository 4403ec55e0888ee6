import {
  ALLOWLIST_RULE,
  SARIF_MAX_RESULTS,
  SARIF_SCHEMA,
  SRCROOT,
  buildSarif,
  renderSarif,
  sarifLevel
} from "./chunk-66FXZQR4.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-5USQP7RK.js";
import "./chunk-YWQRT5AS.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";
export {
  ALLOWLIST_RULE,
  SARIF_MAX_RESULTS,
  SARIF_SCHEMA,
  SRCROOT,
  buildSarif,
  renderSarif,
  sarifLevel
};
