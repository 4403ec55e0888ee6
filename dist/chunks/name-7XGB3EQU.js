import {
  checkName
} from "./chunk-P7HMLIBO.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-VYTMODJS.js";
import "./chunk-5USQP7RK.js";
import {
  CAPS,
  plain,
  safeJson
} from "./chunk-YWQRT5AS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import "./chunk-CVJYKYK3.js";

// src/cli/name.ts
var USAGE = "usage: model-gate name ORG/NAME [--format text|json] [--hub [URL]]";
var DEFAULT_HUB = "https://huggingface.co";
function parseNameArgs(args, env) {
  let id;
  let format = "text";
  let hub;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--format" || a.startsWith("--format=")) {
      const v = a.includes("=") ? a.slice("--format=".length) : args[++i];
      if (v !== "text" && v !== "json") throw new UsageError(`--format must be text or json, got '${v ?? ""}'
${USAGE}`);
      format = v;
    } else if (a === "--json") {
      format = "json";
    } else if (a === "--hub" || a.startsWith("--hub=")) {
      const next = args[i + 1];
      if (a.includes("=")) hub = a.slice("--hub=".length);
      else if (next !== void 0 && /^https?:\/\//.test(next)) hub = args[++i];
      else hub = env.HF_ENDPOINT || DEFAULT_HUB;
    } else if (a.startsWith("-")) {
      throw new UsageError(`unknown option '${a}'
${USAGE}`);
    } else if (id === void 0) {
      id = a;
    } else {
      throw new UsageError(`expected one ORG/NAME, got also '${a}'
${USAGE}`);
    }
  }
  if (!id) throw new UsageError(`missing ORG/NAME
${USAGE}`);
  if (!id.includes("/")) throw new UsageError(`'${id}' is not ORG/NAME
${USAGE}`);
  return hub === void 0 ? { id, format } : { id, format, hub };
}
function hubExists(hub, fetchFn = fetch, timeoutMs = 1e4) {
  const base = hub.replace(/\/+$/, "");
  return async (repoId) => {
    try {
      const res = await fetchFn(`${base}/api/models/${repoId.split("/").map(encodeURIComponent).join("/")}`, {
        method: "GET",
        redirect: "follow",
        signal: AbortSignal.timeout(timeoutMs)
      });
      await res.body?.cancel();
      if (res.status === 200) return true;
      if (res.status === 404 || res.status === 401) return false;
      return void 0;
    } catch {
      return void 0;
    }
  };
}
var VERDICT_WORD = { pass: "approved", review: "needs-review", block: "rejected" };
function renderText(r) {
  const head = `${plain(r.repo, CAPS.name)}: ${VERDICT_WORD[r.verdict]}` + (r.canonicalPublisher ? ` (${r.role} publisher ${plain(r.canonicalPublisher, CAPS.name)})` : "");
  const lines = [head];
  for (const f of r.findings) {
    lines.push(`  [${f.severity}] ${plain(f.check, 80)}: ${plain(f.message, CAPS.message)}`);
    if (f.evidence) lines.push(`      ${plain(f.evidence, CAPS.evidence)}`);
    if (f.help) lines.push(`      \u2192 ${plain(f.help, CAPS.help)}`);
  }
  return `${lines.join("\n")}
`;
}
var name = async (args, io) => {
  const a = parseNameArgs(args, io.env);
  const r = await checkName(a.id, a.hub ? { hubLookup: hubExists(a.hub) } : {});
  if (a.format === "json") {
    const out = { repo: r.repo, verdict: VERDICT_WORD[r.verdict] };
    if (r.canonicalPublisher) out.canonicalPublisher = r.canonicalPublisher;
    out.findings = r.findings;
    io.stdout(`${safeJson(out, 2)}
`);
  } else {
    io.stdout(renderText(r));
  }
  return r.verdict === "pass" ? 0 : 1;
};
export {
  USAGE,
  hubExists,
  name,
  parseNameArgs,
  renderText
};
