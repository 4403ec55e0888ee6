#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  renderJsonReport
} from "./chunk-OIMCOEY4.js";
import {
  EXIT
} from "./chunk-B6BQA5K7.js";
import {
  renderSarif
} from "./chunk-V2JWLJ23.js";
import {
  readConfigFile
} from "./chunk-HZR2PN5U.js";
import {
  createReviewer,
  renderMarkdown,
  renderText
} from "./chunk-RW3D4QUK.js";
import "./chunk-CQWX4D3M.js";
import {
  MAX_POLICY_BYTES
} from "./chunk-MLHT5VHO.js";
import "./chunk-TT5YUVF6.js";
import "./chunk-SGKFNB6C.js";
import "./chunk-OKHDLQRH.js";
import "./chunk-WRQRL6AP.js";
import "./chunk-GEWBJYUS.js";
import "./chunk-HLZJO7SU.js";
import "./chunk-5PKQBWZ6.js";
import "./chunk-56LLOFTS.js";
import "./chunk-RQGJ627V.js";
import {
  UsageError
} from "./chunk-RFNPNG5S.js";
import "./chunk-CVJYKYK3.js";

// src/report/summary.ts
var SUMMARY_LIMIT = 1024 * 1024;
var SUMMARY_BUDGET = {
  marker: false,
  limit: SUMMARY_LIMIT,
  target: SUMMARY_LIMIT - 48 * 1024,
  measure: (t) => Buffer.byteLength(t, "utf8"),
  listCap: 500,
  evidenceChars: 4e3,
  // The run link points at this summary; what it sheds is in the JSON report only.
  elsewhere: "the JSON report of this run"
};
function renderSummary(input) {
  return renderMarkdown(input, SUMMARY_BUDGET);
}

// src/cli/scan.ts
var USAGE = "usage: model-gate scan PATH... [--format text|json|sarif|markdown] [--allow MODULE.NAME]... [--policy FILE]";
var FORMATS = ["text", "json", "sarif", "markdown"];
var scan = async (args, io) => {
  let format = "text";
  let policyPath;
  const paths = [];
  const allow = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (v === void 0) throw new UsageError(`${a.split("=")[0]} needs a value
${USAGE}`);
      return v;
    };
    if (a === "--help" || a === "-h") {
      io.stdout(`${USAGE}
`);
      return 0;
    } else if (a === "--format" || a.startsWith("--format=")) format = value();
    else if (a === "--allow" || a.startsWith("--allow=")) allow.push(value());
    else if (a === "--policy" || a.startsWith("--policy=")) policyPath = value();
    else if (a === "--") {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}
${USAGE}`);
    else paths.push(a);
  }
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json, sarif or markdown
${USAGE}`);
  if (paths.length === 0) throw new UsageError(`no PATH given
${USAGE}`);
  let policyText = null;
  if (policyPath !== void 0) {
    policyText = await readConfigFile(policyPath, "--policy", MAX_POLICY_BYTES);
    if (policyText === null) throw new UsageError(`cannot read --policy ${policyPath}: ENOENT`);
  }
  const { review, report } = await createReviewer().reviewLocal({
    paths,
    cwd: io.cwd,
    allow,
    policyText,
    ...policyPath !== void 0 ? { policySource: policyPath } : {}
  });
  const color = format === "text" && io.env.NO_COLOR === void 0 && io.env.FORCE_COLOR !== void 0;
  const out = format === "json" ? renderJsonReport(report, /* @__PURE__ */ new Date()) : format === "sarif" ? renderSarif(report) : format === "markdown" ? renderSummary(report) : renderText(report, { color });
  io.stdout(out);
  const named = new Set(paths.map((p) => p.replace(/\/+$/, "")));
  if (review.findings.some((f) => f.check === "scan.path-error" && f.file !== void 0 && named.has(f.file))) return EXIT.usage;
  if (!review.complete || (report.errors?.length ?? 0) > 0) return EXIT.incomplete;
  return review.findings.some((f) => f.severity !== "info") ? EXIT.findings : EXIT.ok;
};
export {
  USAGE,
  scan
};
