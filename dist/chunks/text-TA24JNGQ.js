#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  renderText
} from "./chunk-JQW4236F.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-5USQP7RK.js";
import "./chunk-7B4W3LTJ.js";
import "./chunk-CVJYKYK3.js";
export {
  renderText
};
