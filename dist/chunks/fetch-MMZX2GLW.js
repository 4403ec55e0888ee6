#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
} from "./chunk-ON24OT6K.js";
import "./chunk-IGNKOS7W.js";
import "./chunk-7S7KMKK3.js";
import "./chunk-ESXBETCY.js";
import "./chunk-ZIRJRIJI.js";
import "./chunk-3I6N5AUR.js";
import "./chunk-XULFKTRK.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-GEWBJYUS.js";
import "./chunk-56LLOFTS.js";
import "./chunk-RQGJ627V.js";
import "./chunk-RFNPNG5S.js";
import "./chunk-CVJYKYK3.js";
export {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
};
