import {
  JSON_REPORT_FORMAT,
  buildJsonReport,
  renderJsonReport
} from "./chunk-XNNUNOCV.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-5USQP7RK.js";
import "./chunk-YWQRT5AS.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";
export {
  JSON_REPORT_FORMAT,
  buildJsonReport,
  renderJsonReport
};
