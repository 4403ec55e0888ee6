#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  readConfigFile
} from "./chunk-KT3MTCYC.js";
import "./chunk-RFNPNG5S.js";
import "./chunk-CVJYKYK3.js";
export {
  readConfigFile
};
