import {
  GATEWAY_USAGE,
  MIRROR_USAGE,
  gatewayUntil,
  mirror
} from "./chunk-CR3BIU6G.js";
import "./chunk-3GFYJNPL.js";
import "./chunk-VYTMODJS.js";
import "./chunk-2I4UUYGL.js";
import "./chunk-YW6UQOXA.js";
import "./chunk-GVZINTXY.js";
import "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import "./chunk-ZN62LNC2.js";
import "./chunk-X6645MI5.js";
import "./chunk-3VHUVBXD.js";
import "./chunk-2YCH6UOH.js";
import "./chunk-R4KMGKFI.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import "./chunk-2BFPKX7F.js";
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
  GATEWAY_USAGE,
  MIRROR_USAGE,
  gatewayUntil,
  mirror
};
