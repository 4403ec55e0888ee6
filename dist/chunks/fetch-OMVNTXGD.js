#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  USAGE,
  deadlineOption,
  fetchCommand,
  retryWaitSeconds,
  runFetch
} from "./chunk-7EINABYZ.js";
import "./chunk-WRQRL6AP.js";
import "./chunk-GEWBJYUS.js";
import "./chunk-PLNPESVW.js";
import "./chunk-N67F53VA.js";
import "./chunk-HLZJO7SU.js";
import "./chunk-5PKQBWZ6.js";
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
