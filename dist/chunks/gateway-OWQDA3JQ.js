#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  GATEWAY_USAGE,
  MIRROR_USAGE,
  gatewayUntil,
  mirror
} from "./chunk-CVHW6QFI.js";
import "./chunk-2I4UUYGL.js";
import "./chunk-OEFHJ277.js";
import "./chunk-RVUU7WUD.js";
import "./chunk-3GFYJNPL.js";
import "./chunk-NBPL5LDH.js";
import "./chunk-3H7OZV2H.js";
import "./chunk-RVJROH2B.js";
import "./chunk-RIUNVIQ5.js";
import "./chunk-SGKFNB6C.js";
import "./chunk-OKHDLQRH.js";
import "./chunk-2BFPKX7F.js";
import "./chunk-PLNPESVW.js";
import "./chunk-N67F53VA.js";
import "./chunk-HLZJO7SU.js";
import "./chunk-5PKQBWZ6.js";
import "./chunk-56LLOFTS.js";
import "./chunk-RQGJ627V.js";
import "./chunk-RFNPNG5S.js";
import "./chunk-CVJYKYK3.js";
export {
  GATEWAY_USAGE,
  MIRROR_USAGE,
  gatewayUntil,
  mirror
};
