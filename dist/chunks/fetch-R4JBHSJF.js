import {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
} from "./chunk-FFSKM3GN.js";
import "./chunk-HNYDULUR.js";
import "./chunk-YWQRT5AS.js";
import "./chunk-CUREYGAP.js";
import "./chunk-RMNU2W7L.js";
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
