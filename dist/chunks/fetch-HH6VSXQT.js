#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
} from "./chunk-FTTRYUD5.js";
import "./chunk-CUFAHZHY.js";
import "./chunk-GEWBJYUS.js";
import "./chunk-LOLMUMZO.js";
import "./chunk-M5YSZASE.js";
import "./chunk-XULFKTRK.js";
import "./chunk-QMH7DUHC.js";
import "./chunk-VLZKHZEN.js";
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
