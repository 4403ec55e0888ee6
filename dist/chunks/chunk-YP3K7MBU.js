#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/core/steady-heap.ts
var STEADY_HEAP_FLAGS = ["--semi-space-growth-factor=1", "--heap-growing-percent=25"];
var applied = false;
function steadyHeap() {
  if (applied) return false;
  const v8 = process.getBuiltinModule("node:v8");
  for (const flag of STEADY_HEAP_FLAGS) v8.setFlagsFromString(flag);
  applied = true;
  return true;
}

export {
  steadyHeap
};
