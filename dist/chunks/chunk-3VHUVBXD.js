import {
  UsageError
} from "./chunk-EMOG55AG.js";

// src/cli/args.ts
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";
import { parseArgs } from "node:util";
function normalizeOptionNames(args) {
  return args.map((a) => a.startsWith("--") ? a.replace(/^(--[^=]+)/, (m) => m.replace(/_/g, "-")) : a);
}
function parseCommandArgs(argv, options, usage) {
  try {
    return parseArgs({ args: normalizeOptionNames(argv), options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${e.message}

${usage}`);
  }
}
function pathInside(dir, file) {
  const rel = relative(dir, file);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return void 0;
  return rel.split(sep).join("/");
}
async function readText(path, what) {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e.code ?? e.message}`);
  }
}

export {
  parseCommandArgs,
  pathInside,
  readText
};
