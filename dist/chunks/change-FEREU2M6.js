import {
  concludeChange,
  entryDeps,
  markFastTrack,
  prepareChange,
  reviewChange
} from "./chunk-U372V6R4.js";
import "./chunk-XYMEJEHJ.js";
import "./chunk-W5V5TT3O.js";
import "./chunk-47WNE3IU.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-CQWX4D3M.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-GVZINTXY.js";
import "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import "./chunk-HNYDULUR.js";
import "./chunk-53ORRVB5.js";
import "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";
export {
  concludeChange,
  entryDeps,
  markFastTrack,
  prepareChange,
  reviewChange
};
