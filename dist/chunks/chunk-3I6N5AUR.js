#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/core/paths.ts
var MAX_REPO_PATH = 4096;
function unsafePathReason(path) {
  if (path.length === 0) return "is empty";
  if (path.length > MAX_REPO_PATH) return `is longer than ${MAX_REPO_PATH} characters`;
  if (path.includes("\0")) return "contains a NUL byte";
  if (/[\u0001-\u001f\u007f]/.test(path)) return "contains a control character";
  if (path.includes("\\")) return "contains a backslash";
  if (path.startsWith("/")) return "is an absolute path";
  if (/^[A-Za-z]:/.test(path)) return "starts with a drive letter";
  for (const seg of path.split("/")) {
    if (seg === "..") return "has a '..' segment";
    if (seg === ".") return "has a '.' segment";
    if (seg === "") return "has an empty segment";
  }
  if (path === ".git" || path.startsWith(".git/")) return "is inside .git";
  return void 0;
}

export {
  unsafePathReason
};
