import {
  bomModels,
  renderCycloneDx,
  signatureReferences
} from "./chunk-WEACG6FJ.js";
import {
  renderComment
} from "./chunk-YBMSFMKT.js";
import {
  createReviewer
} from "./chunk-BHPXU7MB.js";
import "./chunk-GPL2COQW.js";
import {
  MAX_PARTIAL_BYTES,
  MAX_PLAN_BYTES,
  MAX_SHARDS,
  parsePlan,
  partialName,
  sha256Hex
} from "./chunk-AOWFOHO5.js";
import "./chunk-U372V6R4.js";
import "./chunk-XYMEJEHJ.js";
import {
  MAX_POLICY_BYTES
} from "./chunk-W5V5TT3O.js";
import {
  DEFAULT_POLICY_PATH
} from "./chunk-47WNE3IU.js";
import {
  readConfigFile
} from "./chunk-42KD4JMS.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-CQWX4D3M.js";
import {
  renderJsonReport
} from "./chunk-XNNUNOCV.js";
import {
  renderText
} from "./chunk-QBAVXOP2.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-DPVLMUUI.js";
import {
  EXIT
} from "./chunk-B6BQA5K7.js";
import "./chunk-YW6UQOXA.js";
import "./chunk-GVZINTXY.js";
import {
  ALLOWLIST_LIMITS
} from "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import "./chunk-X6645MI5.js";
import "./chunk-R4KMGKFI.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import {
  deadlineOption,
  retryWaitSeconds,
  runDeadline
} from "./chunk-FFSKM3GN.js";
import "./chunk-HNYDULUR.js";
import "./chunk-YWQRT5AS.js";
import {
  pickHubUrl
} from "./chunk-CUREYGAP.js";
import {
  HubClient
} from "./chunk-RMNU2W7L.js";
import "./chunk-53ORRVB5.js";
import "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/review.ts
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { writeFile } from "node:fs/promises";

// src/review/shard-files.ts
import { open } from "node:fs/promises";
import { join } from "node:path";
async function readBounded(path, max) {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    if (size > max) throw new Error(`${path} is ${size} bytes, above the ${max}-byte limit`);
    const buf = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}
async function readPlanFile(path, hint) {
  let bytes;
  try {
    bytes = await readBounded(path, MAX_PLAN_BYTES);
  } catch (err) {
    throw new Error(`could not read the plan at ${path} (${err instanceof Error ? err.message : String(err)}); ${hint}`, { cause: err });
  }
  return { plan: parsePlan(bytes, path), sha256: sha256Hex(bytes) };
}
async function readPartials(dir, shards) {
  const out = [];
  for (let shard = 0; shard < shards; shard++) {
    const name = partialName(shard);
    try {
      out.push({ shard, bytes: await readBounded(join(dir, name), MAX_PARTIAL_BYTES) });
    } catch (err) {
      const code = err.code;
      out.push({ shard, missing: code === "ENOENT" ? `${name} is missing from ${dir}` : `${name} could not be read: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return out;
}

// src/cli/review.ts
var USAGE = `usage: model-gate review (--base FILE --head FILE | --repo DIR --base-ref REF --head-ref REF)
         [--allowlist PATH] [--policy FILE] [--hub-url URL] [--cdn-origin URL]...
         [--format markdown|json|text|cyclonedx] [--bom FILE] [--signatures-dir DIR] [--progress] [--max-retry-wait SECONDS]
         [--deadline MINUTES]
       sharded (one review across jobs or machines, as the action's plan, shard and aggregate modes):
         model-gate review \u2026 --plan-out plan.json [--shards N]      prints the shards to run, as {"shard":[0,\u2026]}
         model-gate review \u2026 --plan plan.json --shard I --partial-out partial-I.json
         model-gate review \u2026 --plan plan.json --partials DIR      the review from every DIR/partial-<i>.json

Reviews the entries the head allowlist adds or re-pins, exactly as the action does, and prints the comment.
Exit 0: nothing fails the check; 1: something is rejected or at/above fail_on; 2: usage or input error;
3: the check fails and some entry was not fully examined.
A missing --base file means every head entry is new. HF_TOKEN is sent to the Hub only.
Progress goes to stderr when it is a terminal; --progress prints it anyway (e.g. in CI logs).
--max-retry-wait: the longest Retry-After the Hub may ask for that is honoured (default 60 s); longer fails at once.
--format cyclonedx (or \`model-gate bom\`) prints the CycloneDX 1.6 bill of materials of the approved entries instead
of the comment; --bom FILE writes it besides. --signatures-dir DIR (the sign workflow's folder) adds references to
each approved entry's model.sig and vetting record found there.
--deadline: wall-clock minutes for the whole review (default 300); entries not finished by then are not fully
examined and block.`;
var BOM_USAGE = `usage: model-gate bom (--base FILE --head FILE | --repo DIR --base-ref REF --head-ref REF)
         [--allowlist PATH] [--policy FILE] [--hub-url URL] [--cdn-origin URL]... [--signatures-dir DIR] [--progress]
         [--max-retry-wait SECONDS] [--deadline MINUTES]

Reviews the change as \`model-gate review\` does and prints the CycloneDX 1.6 ML-BOM of the approved entries: one
machine-learning-model component per entry (repository and commit, publisher, licence, model-card fields, every
file's sha256, references to the signature and vetting record). Exit codes as for review.`;
var bom = async (args, io) => {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${BOM_USAGE}
`);
    return 0;
  }
  if (args.some((a) => a === "--format" || a.startsWith("--format="))) throw new UsageError(`model-gate bom prints CycloneDX; --format is for review
${BOM_USAGE}`);
  return review([...args, "--format", "cyclonedx"], io);
};
var run = promisify(execFile);
async function gitShow(dir, ref, path) {
  if (!/^[A-Za-z0-9._/-]+$/.test(ref) || ref.startsWith("-")) throw new UsageError(`'${ref}' is not a plain git ref`);
  try {
    const { stdout } = await run("git", ["-C", dir, "show", `${ref}:${path}`], { maxBuffer: 2 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (err) {
    const stderr = String(err.stderr ?? "");
    if (/does not exist|exists on disk, but not in/.test(stderr)) return null;
    throw new UsageError(`git show ${ref}:${path} in ${dir} failed: ${stderr.trim() || String(err)}`);
  }
}
function shardedStep(v) {
  const whole = (name, text, max) => {
    if (!/^\d{1,3}$/.test(text) || Number(text) > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}
${USAGE}`);
    return Number(text);
  };
  if (v["plan-out"] !== void 0) {
    if (v.plan !== void 0 || v.shard !== void 0 || v["partial-out"] !== void 0 || v.partials !== void 0) throw new UsageError(`--plan-out makes a plan; it takes only --shards
${USAGE}`);
    const shards = whole("--shards", v.shards ?? "8", MAX_SHARDS);
    if (shards < 1) throw new UsageError(`--shards must be at least 1
${USAGE}`);
    return { kind: "plan", out: v["plan-out"], shards };
  }
  if (v.shards !== void 0) throw new UsageError(`--shards goes with --plan-out
${USAGE}`);
  if (v.shard !== void 0 || v["partial-out"] !== void 0) {
    if (v.plan === void 0 || v.shard === void 0 || v["partial-out"] === void 0 || v.partials !== void 0) throw new UsageError(`a shard needs --plan, --shard and --partial-out (and no --partials)
${USAGE}`);
    return { kind: "shard", plan: v.plan, shard: whole("--shard", v.shard, MAX_SHARDS - 1), out: v["partial-out"] };
  }
  if (v.plan !== void 0 || v.partials !== void 0) {
    if (v.plan === void 0 || v.partials === void 0) throw new UsageError(`the aggregate needs --plan and --partials
${USAGE}`);
    return { kind: "aggregate", plan: v.plan, partials: v.partials };
  }
  return { kind: "none" };
}
var review = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        repo: { type: "string" },
        "base-ref": { type: "string" },
        "head-ref": { type: "string" },
        allowlist: { type: "string", default: "approved-models.yaml" },
        policy: { type: "string" },
        "hub-url": { type: "string" },
        "cdn-origin": { type: "string", multiple: true },
        "max-retry-wait": { type: "string" },
        deadline: { type: "string" },
        format: { type: "string", default: "markdown" },
        bom: { type: "string" },
        "signatures-dir": { type: "string" },
        progress: { type: "boolean" },
        "plan-out": { type: "string" },
        shards: { type: "string" },
        plan: { type: "string" },
        shard: { type: "string" },
        "partial-out": { type: "string" },
        partials: { type: "string" },
        help: { type: "boolean" }
      },
      strict: true
    }));
  } catch (err) {
    throw new UsageError(`${err.message}
${USAGE}`);
  }
  if (values.help) {
    io.stdout(`${USAGE}
`);
    return 0;
  }
  if (!["markdown", "json", "text", "cyclonedx"].includes(values.format)) throw new UsageError(`--format must be markdown, json, text or cyclonedx
${USAGE}`);
  const sharded = shardedStep(values);
  const allowlist = values.allowlist;
  let baseText;
  let headText;
  let policyText = null;
  let headPolicyText;
  let policySource = "defaults";
  const policyPath = DEFAULT_POLICY_PATH;
  if (values.repo) {
    if (!values["base-ref"] || !values["head-ref"]) throw new UsageError(`--repo needs --base-ref and --head-ref
${USAGE}`);
    const repo = resolve(io.cwd, values.repo);
    baseText = await gitShow(repo, values["base-ref"], allowlist);
    headText = await gitShow(repo, values["head-ref"], allowlist);
    if (headText === null) throw new UsageError(`${allowlist} does not exist at ${values["head-ref"]} in ${values.repo}`);
    if (!values.policy) {
      policyText = await gitShow(repo, values["base-ref"], policyPath);
      headPolicyText = await gitShow(repo, values["head-ref"], policyPath);
      policySource = `${policyPath} at ${values["base-ref"]}${policyText === null ? " (absent: defaults)" : ""}`;
    }
  } else {
    if (!values.head) throw new UsageError(`give --head FILE (and --base FILE), or --repo DIR with refs
${USAGE}`);
    baseText = values.base ? await readConfigFile(resolve(io.cwd, values.base), "--base allowlist", ALLOWLIST_LIMITS.maxBytes) : null;
    headText = await readConfigFile(resolve(io.cwd, values.head), "--head allowlist", ALLOWLIST_LIMITS.maxBytes);
    if (headText === null) throw new UsageError(`${values.head} does not exist`);
  }
  if (values.policy) {
    policyText = await readConfigFile(resolve(io.cwd, values.policy), "--policy", MAX_POLICY_BYTES);
    if (policyText === null) throw new UsageError(`--policy ${values.policy} does not exist`);
    policySource = values.policy;
  }
  const hub = new HubClient({
    hubUrl: pickHubUrl(values["hub-url"], io.env),
    ...io.env.HF_TOKEN ? { token: io.env.HF_TOKEN } : {},
    ...values["cdn-origin"] ? { allowedCdnOrigins: values["cdn-origin"] } : {},
    ...values["max-retry-wait"] !== void 0 ? { maxWaitMs: retryWaitSeconds(values["max-retry-wait"]) * 1e3 } : {},
    runDeadline: runDeadline(deadlineOption(values.deadline), "--deadline"),
    onRetry: (m) => io.stderr(`model-gate review: ${m}
`)
  });
  const progress = values.progress === true || io.stderrIsTTY === true;
  const reviewer = createReviewer({ hub, onProgress: (line) => {
    if (progress) io.stderr(`${line}
`);
  } });
  const input = {
    allowlistPath: allowlist,
    baseText,
    headText,
    policyText,
    ...headPolicyText !== void 0 ? { headPolicyText } : {},
    policySource
  };
  if (sharded.kind === "plan") {
    const plan = await reviewer.planChange(input, sharded.shards);
    await writeFile(resolve(io.cwd, sharded.out), JSON.stringify(plan));
    io.stdout(`${JSON.stringify({ shard: Array.from({ length: plan.shards }, (_, i) => i) })}
`);
    return EXIT.ok;
  }
  if (sharded.kind === "shard") {
    const { plan, sha256 } = await readPlanFile(resolve(io.cwd, sharded.plan), "give the plan --plan-out wrote");
    const partial = await reviewer.shardChange(input, plan, sha256, sharded.shard);
    await writeFile(resolve(io.cwd, sharded.out), JSON.stringify(partial));
    return EXIT.ok;
  }
  let result;
  if (sharded.kind === "aggregate") {
    const { plan, sha256 } = await readPlanFile(resolve(io.cwd, sharded.plan), "give the plan --plan-out wrote");
    result = await reviewer.aggregateChange(input, plan, sha256, await readPartials(resolve(io.cwd, sharded.partials), plan.shards));
  } else {
    result = await reviewer.reviewChange(input);
  }
  for (const w of result.policy.warnings) io.stderr(`warning: ${w}
`);
  const now = /* @__PURE__ */ new Date();
  if (values.format === "cyclonedx" || values.bom) {
    const bomPath = values.bom ? resolve(io.cwd, values.bom) : void 0;
    const refs = values["signatures-dir"] ? await signatureReferences(result.reviews, resolve(io.cwd, values["signatures-dir"]), bomPath ? resolve(bomPath, "..") : io.cwd) : void 0;
    const text = renderCycloneDx(bomModels(result.reviews, refs ? { signatures: refs } : {}), { hubUrl: hub.hubUrl, toolName: TOOL_NAME, toolVersion: TOOL_VERSION, now });
    if (bomPath) await writeFile(bomPath, text);
    if (values.format === "cyclonedx") io.stdout(text);
  }
  if (values.format === "json") io.stdout(renderJsonReport(result.report, now));
  else if (values.format === "text") io.stdout(renderText(result.report));
  else if (values.format === "markdown") io.stdout(`${renderComment(result.report)}
`);
  if (!result.failed) return EXIT.ok;
  return result.reviews.some((r) => !r.complete) ? EXIT.incomplete : EXIT.findings;
};
export {
  BOM_USAGE,
  USAGE,
  bom,
  review
};
