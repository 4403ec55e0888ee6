#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  GATEWAY_USAGE,
  MIRROR_USAGE,
  gatewayUntil,
  mirror
} from "./chunk-QTMJV3QV.js";
import "./chunk-OUXBKYPF.js";
import "./chunk-RVUU7WUD.js";
import "./chunk-XJAER76P.js";
import "./chunk-YRS4O7BY.js";
import "./chunk-WLMFPS3Z.js";
import "./chunk-DKJFB5RS.js";
import "./chunk-SGKFNB6C.js";
import "./chunk-KDK7KLGV.js";
import "./chunk-2BFPKX7F.js";
import "./chunk-LOLMUMZO.js";
import "./chunk-LJ2WYF3E.js";
import "./chunk-XULFKTRK.js";
import "./chunk-QMH7DUHC.js";
import "./chunk-VLZKHZEN.js";
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
