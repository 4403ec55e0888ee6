#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  concludeChange,
  entryDeps,
  markFastTrack,
  prepareChange,
  reviewChange
} from "./chunk-O44KA6VC.js";
import "./chunk-OVWRAPOR.js";
import "./chunk-EP55FCFP.js";
import "./chunk-FV4TBPAA.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-CQWX4D3M.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-A754AKVX.js";
import "./chunk-4B6MV5IF.js";
import "./chunk-L7OXZ5AJ.js";
import "./chunk-5USQP7RK.js";
import "./chunk-7HJW4BYC.js";
import "./chunk-5GTLZZRJ.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-RQGJ627V.js";
import "./chunk-37FDLS5N.js";
import "./chunk-56LLOFTS.js";
import "./chunk-CVJYKYK3.js";
export {
  concludeChange,
  entryDeps,
  markFastTrack,
  prepareChange,
  reviewChange
};
