#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  createReviewer
} from "./chunk-M4YTWGXJ.js";
import "./chunk-SIHDQZSS.js";
import {
  EXIT
} from "./chunk-B6BQA5K7.js";
import "./chunk-MWGFQAWX.js";
import "./chunk-OVWRAPOR.js";
import "./chunk-FV4TBPAA.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-DPVLMUUI.js";
import "./chunk-L7OXZ5AJ.js";
import "./chunk-5USQP7RK.js";
import "./chunk-7HJW4BYC.js";
import "./chunk-5GTLZZRJ.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import {
  UsageError
} from "./chunk-RFNPNG5S.js";
import "./chunk-RQGJ627V.js";
import "./chunk-37FDLS5N.js";
import "./chunk-56LLOFTS.js";
import "./chunk-CVJYKYK3.js";

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
    const [{ readConfigFile }, { MAX_POLICY_BYTES }] = await Promise.all([import("./config-file-YZ56XRPI.js"), import("./load-VPSNX7XE.js")]);
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
  const out = format === "json" ? (await import("./json-7CSZ2RM6.js")).renderJsonReport(report, /* @__PURE__ */ new Date()) : format === "sarif" ? (await import("./sarif-4EXO26DD.js")).renderSarif(report) : format === "markdown" ? (await import("./summary-L4IPLI76.js")).renderSummary(report) : (await import("./text-M2SEQBZT.js")).renderText(report, { color });
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
