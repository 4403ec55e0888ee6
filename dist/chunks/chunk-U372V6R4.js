import {
  reviewEntries,
  reviewHub
} from "./chunk-XYMEJEHJ.js";
import {
  loadPolicy
} from "./chunk-W5V5TT3O.js";
import {
  DEFAULT_POLICY_PATH,
  RULE_KEYS,
  policyForEntry
} from "./chunk-47WNE3IU.js";
import {
  diffAllowlists,
  entriesToReview,
  previousEntries
} from "./chunk-CQWX4D3M.js";
import {
  severityRank
} from "./chunk-JTLQZMZU.js";
import {
  parseAllowlist
} from "./chunk-GVZINTXY.js";
import {
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";

// src/config/policy/diff.ts
function describePolicyChange(baseText, headText, source = DEFAULT_POLICY_PATH) {
  if (baseText === headText) return [];
  const lines = [];
  if (baseText === null) lines.push(`adds the policy file ${source}`);
  if (headText === null) lines.push(`removes the policy file ${source}; the built-in defaults would apply`);
  const base = loadPolicy(baseText, source);
  const head = loadPolicy(headText, source);
  if (head.errors.length > 0) {
    const first = head.errors[0];
    const more = head.errors.length > 1 ? ` (and ${head.errors.length - 1} more)` : "";
    lines.push(`the new policy has ${head.errors.length} error${head.errors.length > 1 ? "s" : ""}: line ${first?.line}: ${first?.message}${more}`);
  }
  lines.push(...describePolicyDifference(base.policy, head.policy));
  return lines;
}
function describePolicyDifference(a, b) {
  const out = [];
  const setDiff = (from, to, fold, add, remove) => {
    const key = (s) => fold ? s.toLowerCase() : s;
    const fromKeys = new Set(from.map(key));
    const toKeys = new Set(to.map(key));
    for (const x of to) if (!fromKeys.has(key(x))) out.push(add(x));
    for (const x of from) if (!toKeys.has(key(x))) out.push(remove(x));
  };
  setDiff(a.trustedPublishers, b.trustedPublishers, true, (x) => `adds trusted publisher ${x}`, (x) => `removes trusted publisher ${x}`);
  setDiff(
    a.legitimateNamespaces,
    b.legitimateNamespaces,
    true,
    (x) => `adds known-legitimate namespace ${x} (lookalike checks will not flag it)`,
    (x) => `removes known-legitimate namespace ${x}`
  );
  if (a.failOn !== b.failOn) {
    const looser = severityRank(b.failOn) > severityRank(a.failOn);
    out.push(
      `${looser ? "raises" : "lowers"} the fail threshold from ${a.failOn} to ${b.failOn} (${looser ? "fewer" : "more"} findings fail the check)`
    );
  }
  setDiff(a.exclude, b.exclude, false, (x) => `excludes files matching '${x}' from download and review`, (x) => `stops excluding files matching '${x}'`);
  setDiff(a.allowGlobals, b.allowGlobals, false, (x) => `allows the pickle global ${x}`, (x) => `stops allowing the pickle global ${x}`);
  out.push(...exceptionChanges(a.exceptions, b.exceptions));
  if (a.maxFileSize !== b.maxFileSize) out.push(`changes the maximum file size from ${bytes(a.maxFileSize)} to ${bytes(b.maxFileSize)}`);
  if (a.concurrency !== b.concurrency) out.push(`changes concurrency from ${a.concurrency} to ${b.concurrency}`);
  out.push(...ruleChanges(a, b, ""));
  for (const name of /* @__PURE__ */ new Set([...Object.keys(a.profiles), ...Object.keys(b.profiles)])) {
    const from = a.profiles[name];
    const to = b.profiles[name];
    if (!from) out.push(`adds profile ${name}`);
    else if (!to) out.push(`removes profile ${name} (entries naming it would be refused)`);
    out.push(...ruleChanges(from ?? {}, to ?? {}, `profile ${name}: `));
  }
  return out;
}
function ruleChanges(a, b, prefix) {
  const out = [];
  const show = (v) => v === void 0 ? "unset" : typeof v === "object" ? JSON.stringify(v) : String(v);
  for (const [key, camel] of Object.entries(RULE_KEYS)) {
    const [x, y] = [show(a[camel]), show(b[camel])];
    if (x !== y) out.push(`${prefix}changes \`${key}\` from ${x} to ${y}`);
  }
  return out;
}
function exceptionKey(ex) {
  return `${ex.repo.toLowerCase()}@${ex.revision ?? "*"}`;
}
function describeException(ex) {
  const at = ex.revision ? `@${ex.revision.slice(0, 12)}` : "";
  return `${ex.repo}${at} (checks ${ex.checks.join(", ")}; expires ${ex.expires}): ${ex.reason}`;
}
function exceptionChanges(from, to) {
  const out = [];
  const fromByKey = new Map(from.map((ex) => [exceptionKey(ex), ex]));
  const toKeys = new Set(to.map(exceptionKey));
  for (const ex of to) {
    const before = fromByKey.get(exceptionKey(ex));
    if (!before) {
      out.push(`adds exception for ${describeException(ex)}`);
      continue;
    }
    const changes = [];
    const checksBefore = [...before.checks].sort().join(", ");
    const checksAfter = [...ex.checks].sort().join(", ");
    if (checksBefore !== checksAfter) changes.push(`checks ${checksBefore} \u2192 ${checksAfter}`);
    if (before.expires !== ex.expires) changes.push(`expires ${before.expires} \u2192 ${ex.expires}`);
    if (before.reason !== ex.reason) changes.push(`reason now: ${ex.reason}`);
    if (changes.length > 0) out.push(`changes exception for ${ex.repo}: ${changes.join("; ")}`);
  }
  for (const ex of from) if (!toKeys.has(exceptionKey(ex))) out.push(`removes exception for ${describeException(ex)}`);
  return out;
}
function bytes(n) {
  for (const [unit, size] of [["TiB", 1024 ** 4], ["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]]) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}

// src/review/change.ts
function failsOn(findings, threshold) {
  return findings.some((f) => severityRank(f.severity) >= threshold);
}
function prepareChange(input) {
  const policy = loadPolicy(input.policyText, input.policySource, input.policyInputs ?? {});
  const base = input.baseText === null ? null : parseAllowlist(input.baseText, input.allowlistPath);
  const head = parseAllowlist(input.headText, input.allowlistPath);
  const errors = [
    ...head.errors,
    ...policy.errors.map((e) => ({ ...e, message: `policy: ${e.message}` }))
  ];
  const baseEntries = base && base.errors.length === 0 ? base.entries : null;
  const diff = diffAllowlists(baseEntries, head.entries);
  const policyChanges = input.headPolicyText !== void 0 && input.headPolicyText !== input.policyText ? describePolicyChange(input.policyText, input.headPolicyText, input.policySource) : [];
  return {
    input,
    policy,
    baseEntries: baseEntries ?? [],
    toReview: entriesToReview(diff),
    previous: previousEntries(diff),
    removed: diff.removed,
    errors,
    policyChanges
  };
}
function entryDeps(prepared, deps) {
  return {
    hub: reviewHub(deps.hub),
    policy: prepared.policy.policy,
    scanFile: deps.scanFile,
    checks: deps.checks,
    ...deps.now ? { now: deps.now } : {},
    ...deps.onProgress ? { onProgress: deps.onProgress } : {}
  };
}
function concludeChange(prepared, reviews, hubUrl) {
  const { input, policy, errors, policyChanges, removed } = prepared;
  markFastTrack(reviews, prepared.baseEntries, policy.policy);
  const threshold = severityRank(policy.policy.failOn);
  const failed = errors.length > 0 || reviews.some((r) => r.verdict === "rejected" || failsOn(r.findings, threshold));
  const report = {
    reviews,
    removed,
    hubUrl,
    allowlistPath: input.allowlistPath,
    policySource: input.policySource,
    policyChanges,
    toolVersion: TOOL_VERSION,
    errors,
    warnings: policy.warnings
  };
  return { reviews, removed, errors, policy, policyChanges, failed, report };
}
async function reviewChange(input, deps) {
  const prepared = prepareChange(input);
  const reviews = await reviewEntries(prepared.toReview, entryDeps(prepared, deps), prepared.policy.policy.concurrency, (e) => prepared.previous.get(e));
  return concludeChange(prepared, reviews, deps.hub.hubUrl);
}
var namespaceOf = (repo) => (repo.split("/")[0] ?? "").toLowerCase();
function markFastTrack(reviews, baseEntries, policy) {
  const approved = new Set(baseEntries.map((e) => namespaceOf(e.repo)));
  for (const r of reviews) {
    if (policyForEntry(policy, r.entry).policy.fastTrack !== true) continue;
    const ns = namespaceOf(r.entry.repo);
    const clean = r.verdict === "approved" && r.complete && !r.findings.some((f) => severityRank(f.severity) > severityRank("low"));
    if (!clean || !approved.has(ns) || namespaceOf(r.canonicalId ?? r.entry.repo) !== ns) continue;
    const publisher = r.entry.repo.split("/")[0];
    r.fastTrack = { publisher };
    r.findings.push({
      check: "policy.fast-track",
      severity: "info",
      message: `fast track: ${publisher} is already approved in the base allowlist and nothing above low was found; approved without waiting for a human review`,
      help: "Set `fast_track: false` (or use a profile without it) to have every entry wait for a human review."
    });
  }
}

export {
  prepareChange,
  entryDeps,
  concludeChange,
  reviewChange,
  markFastTrack
};
