import {
  createReviewer
} from "./chunk-BHPXU7MB.js";
import "./chunk-GPL2COQW.js";
import "./chunk-XYMEJEHJ.js";
import "./chunk-47WNE3IU.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-DPVLMUUI.js";
import {
  steadyHeap
} from "./chunk-JAZFRRK4.js";
import {
  EXIT
} from "./chunk-B6BQA5K7.js";
import "./chunk-ZBA2DZXL.js";
import "./chunk-5USQP7RK.js";
import "./chunk-HNYDULUR.js";
import "./chunk-53ORRVB5.js";
import "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/scan.ts
import { resolve } from "node:path";
var USAGE = "usage: model-gate scan PATH... [--format text|json|sarif|markdown] [--allow MODULE.NAME]... [--policy FILE]";
var FORMATS = ["text", "json", "sarif", "markdown"];
function isFile(path) {
  try {
    return process.getBuiltinModule("node:fs").statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}
var scan = (args, io) => runScan(args, io);
async function runScan(args, io, trace) {
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
    const [{ readConfigFile }, { MAX_POLICY_BYTES }] = await Promise.all([import("./config-file-6PCFGRZN.js"), import("./load-FOX2UXUC.js")]);
    policyText = await readConfigFile(policyPath, "--policy", MAX_POLICY_BYTES);
    if (policyText === null) throw new UsageError(`cannot read --policy ${policyPath}: ENOENT`);
  }
  if (paths.length !== 1 || !isFile(resolve(io.cwd, paths[0]))) steadyHeap();
  const { review, report } = await createReviewer().reviewLocal({
    paths,
    cwd: io.cwd,
    allow,
    policyText,
    ...policyPath !== void 0 ? { policySource: policyPath } : {}
  });
  const color = format === "text" && io.env.NO_COLOR === void 0 && io.env.FORCE_COLOR !== void 0;
  const out = format === "json" ? (await import("./json-VX3CWBUI.js")).renderJsonReport(report, /* @__PURE__ */ new Date()) : format === "sarif" ? (await import("./sarif-FCBWIVWX.js")).renderSarif(report) : format === "markdown" ? (await import("./summary-MVF66UVB.js")).renderSummary(report) : (await import("./text-I2MHXGRT.js")).renderText(report, { color });
  io.stdout(out);
  trace?.({ output: format, formats: review.files.flatMap((f) => f.formats), checks: review.findings.map((f) => f.check) });
  const named = new Set(paths.map((p) => p.replace(/\/+$/, "")));
  if (review.findings.some((f) => f.check === "scan.path-error" && f.file !== void 0 && named.has(f.file))) return EXIT.usage;
  if (!review.complete || (report.errors?.length ?? 0) > 0) return EXIT.incomplete;
  return review.findings.some((f) => f.severity !== "info") ? EXIT.findings : EXIT.ok;
}
export {
  USAGE,
  runScan,
  scan
};
