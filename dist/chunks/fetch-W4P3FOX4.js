import {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
} from "./chunk-57HVLONK.js";
import "./chunk-HNYDULUR.js";
import "./chunk-7B4W3LTJ.js";
import "./chunk-CUREYGAP.js";
import "./chunk-2FJELD5M.js";
import "./chunk-53ORRVB5.js";
import "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import "./chunk-EMOG55AG.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";
export {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
};
