import {
  entryDeps
} from "./chunk-U372V6R4.js";
import {
  TextCapture,
  entryMetadata,
  examineEntryFiles,
  judgeEntry,
  markExternalData
} from "./chunk-XYMEJEHJ.js";
import {
  SEVERITIES
} from "./chunk-JTLQZMZU.js";
import {
  _enum,
  _gte,
  _lte,
  _maxLength,
  _regex,
  array,
  boolean,
  int,
  literal,
  number,
  optional,
  refine,
  strictObject,
  string
} from "./chunk-WGSXY4MX.js";
import {
  unsafePathReason
} from "./chunk-53ORRVB5.js";

// src/review/sharded.ts
import { createHash, randomBytes } from "node:crypto";

// src/review/artifact-json.ts
function parseArtifactJson(bytes, where, kind, limits) {
  if (bytes.byteLength > limits.maxBytes) throw new Error(`${where} is ${bytes.byteLength} bytes, above the ${limits.maxBytes}-byte limit of ${kind}`);
  let json;
  try {
    json = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (err) {
    throw new Error(`${where} is not JSON (${err instanceof Error ? err.message : String(err)})${limits.hint ? `; ${limits.hint}` : ""}`, { cause: err });
  }
  const r = limits.schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${where} is not ${kind}: \`${issue?.path.map(String).join(".") ?? ""}\` ${issue?.message ?? "is invalid"}`);
  }
  return r.data;
}

// src/review/shard-plan.ts
var PLAN_FORMAT = "model-gate-plan/1";
var MAX_SHARDS = 256;
var MAX_PLAN_BYTES = 64 * 1024 * 1024;
var PER_FILE_WEIGHT = 4 * 1024 * 1024;
var weight = (f) => f.size + PER_FILE_WEIGHT;
function splitIntoShards(entries, maxShards) {
  const fileCount = entries.reduce((n2, e) => n2 + e.files.length, 0);
  const n = Math.max(1, Math.min(maxShards, fileCount));
  const assignments = entries.map((e) => e.files.map(() => 0));
  if (fileCount === 0) return { assignments, shards: 1 };
  const total = entries.reduce((t, e) => t + e.files.reduce((s, f) => s + weight(f), 0), 0);
  const largest = Math.max(...entries.flatMap((e) => e.files.map(weight)));
  const cap = Math.max(Math.ceil(total / n), largest);
  const loads = new Array(n).fill(0);
  const least = () => loads.reduce((best, l, i) => l < loads[best] ? i : best, 0);
  const order = entries.map((e, i) => ({ i, w: e.files.reduce((s, f) => s + weight(f), 0) })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i, w } of order) {
    const files = entries[i].files;
    const s = least();
    if (loads[s] + w <= cap) {
      assignments[i] = files.map(() => s);
      loads[s] = loads[s] + w;
      continue;
    }
    const byWeight = files.map((f, j) => ({ j, w: weight(f) })).sort((a, b) => b.w - a.w || a.j - b.j);
    for (const { j, w: fw } of byWeight) {
      const t = least();
      assignments[i][j] = t;
      loads[t] = loads[t] + fw;
    }
  }
  const used = [...new Set(assignments.flat())].sort((a, b) => a - b);
  const renumber = new Map(used.map((s, k) => [s, k]));
  return { assignments: assignments.map((a) => a.map((s) => renumber.get(s))), shards: used.length };
}
var count = number().check(int(), _gte(0));
var repoPath = string().check(
  refine((p) => unsafePathReason(p) === void 0, { error: (iss) => `is not a safe repository-relative path (${unsafePathReason(String(iss.input)) ?? "invalid"})` })
);
var sha = string().check(_regex(/^[0-9a-f]{40}$/));
var PlanSchema = strictObject({
  format: literal(PLAN_FORMAT),
  planId: string().check(_regex(/^[0-9a-f]{32}$/)),
  shards: number().check(int(), _gte(1), _lte(MAX_SHARDS)),
  entries: array(
    strictObject({
      repo: string().check(_maxLength(200)),
      revision: string().check(_maxLength(200)),
      line: count,
      commit: optional(sha),
      files: array(strictObject({ path: repoPath, size: count, shard: count }))
    })
  )
});
function planProblem(plan) {
  for (const e of plan.entries) {
    const seen = /* @__PURE__ */ new Set();
    for (const f of e.files) {
      if (f.shard >= plan.shards) return `${e.repo}: ${f.path} is assigned shard ${f.shard}, but the plan has ${plan.shards} shard(s)`;
      if (seen.has(f.path)) return `${e.repo}: ${f.path} is listed twice`;
      seen.add(f.path);
    }
  }
  return void 0;
}
function parsePlan(bytes, where) {
  const plan = parseArtifactJson(bytes, where, "a Model Gate plan", { maxBytes: MAX_PLAN_BYTES, schema: PlanSchema, hint: "download the plan job's artifact unchanged" });
  const problem = planProblem(plan);
  if (problem) throw new Error(`${where} is not a consistent plan: ${problem}`);
  return plan;
}

// src/review/shard-partial.ts
var PARTIAL_FORMAT = "model-gate-partial/1";
var MAX_PARTIAL_BYTES = 256 * 1024 * 1024;
var count2 = number().check(int(), _gte(0));
var bounded = (max) => string().check(_maxLength(max));
var repoPath2 = string().check(
  refine((p) => unsafePathReason(p) === void 0, { error: (iss) => `is not a safe repository-relative path (${unsafePathReason(String(iss.input)) ?? "invalid"})` })
);
var streamPath = bounded(16384).check(
  refine((p) => unsafePathReason(p.split("!/")[0]) === void 0, { error: "does not start with a safe repository-relative path" })
);
var FindingSchema = strictObject({
  check: bounded(200),
  severity: _enum(SEVERITIES),
  message: bounded(65536),
  file: optional(bounded(16384)),
  line: optional(count2),
  offset: optional(count2),
  evidence: optional(bounded(65536)),
  help: optional(bounded(65536))
});
var PartialFileSchema = strictObject({
  path: repoPath2,
  size: count2,
  sha256: optional(string().check(_regex(/^[0-9a-f]{64}$/))),
  gitOid: optional(string().check(_regex(/^[0-9a-f]{40}$/))),
  lfs: boolean(),
  formats: array(bounded(100)).check(_maxLength(100)),
  findings: array(FindingSchema),
  complete: boolean(),
  externalData: optional(array(strictObject({ tensor: bounded(4096), location: bounded(4096), path: optional(repoPath2) })).check(_maxLength(1e5)))
});
var PartialSchema = strictObject({
  format: literal(PARTIAL_FORMAT),
  planId: string().check(_regex(/^[0-9a-f]{32}$/)),
  planSha256: string().check(_regex(/^[0-9a-f]{64}$/)),
  shard: count2,
  entries: array(
    strictObject({
      repo: bounded(200),
      revision: bounded(200),
      line: count2,
      commit: optional(string().check(_regex(/^[0-9a-f]{40}$/))),
      files: array(PartialFileSchema),
      texts: array(strictObject({ path: streamPath, base64: string().check(_regex(/^[A-Za-z0-9+/]*={0,2}$/)) })),
      skipped: array(streamPath)
    })
  )
});
function parsePartial(bytes, where) {
  return parseArtifactJson(bytes, where, "a Model Gate partial review", { maxBytes: MAX_PARTIAL_BYTES, schema: PartialSchema });
}
var partialName = (shard) => `partial-${shard}.json`;

// src/review/sharded.ts
var entryKey = (e) => `${e.repo}@${e.revision}#${e.line}`;
var sha256Hex = (bytes) => createHash("sha256").update(bytes).digest("hex");
async function mapLimited(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
async function planChange(prepared, deps, maxShards) {
  const rdeps = entryDeps(prepared, deps);
  const metas = await mapLimited(prepared.toReview, prepared.policy.policy.concurrency, (e) => entryMetadata(e, rdeps, prepared.previous.get(e)));
  const listed = metas.map((m) => m.ok ? m.meta.selected : []);
  const { assignments, shards } = splitIntoShards(listed.map((files) => ({ files })), maxShards);
  const entries = prepared.toReview.map((e, i) => {
    const m = metas[i];
    return {
      repo: e.repo,
      revision: e.revision,
      line: e.line,
      ...m.ok ? { commit: m.meta.base.commit } : {},
      files: listed[i].map((f, j) => ({ path: f.path, size: f.size, shard: assignments[i][j] }))
    };
  });
  return { format: PLAN_FORMAT, planId: randomBytes(16).toString("hex"), shards, entries };
}
var failedFile = (f, finding) => ({
  path: f.path,
  size: f.size,
  lfs: f.lfs === true,
  formats: [],
  findings: [{ ...finding, file: f.path }],
  complete: false
});
var utf8Base64 = (text) => Buffer.from(text, "utf8").toString("base64");
async function runShard(prepared, plan, planSha256, shard, deps) {
  if (!Number.isInteger(shard) || shard < 0 || shard >= plan.shards) throw new Error(`shard ${shard} is not in the plan, which has shards 0 to ${plan.shards - 1}`);
  const rdeps = entryDeps(prepared, deps);
  const byKey = new Map(prepared.toReview.map((e) => [entryKey(e), e]));
  const mine = plan.entries.filter((p) => p.files.some((f) => f.shard === shard));
  const entries = [];
  for (const planned of mine) {
    const files = planned.files.filter((f) => f.shard === shard);
    const entry = byKey.get(entryKey(planned));
    if (!entry) {
      deps.onProgress?.(`${planned.repo}@${planned.revision}: not an entry this change adds; skipped`);
      continue;
    }
    const out = { repo: planned.repo, revision: planned.revision, line: planned.line, files: [], texts: [], skipped: [] };
    entries.push(out);
    const got = await entryMetadata(entry, rdeps, prepared.previous.get(entry));
    if (!got.ok) {
      const why = got.review.findings.find((f) => f.severity === "high" || f.severity === "critical")?.message ?? "its metadata could not be read";
      out.files = files.map((f) => failedFile(f, { check: "shard.metadata", severity: "high", message: `shard ${shard} could not read ${entry.repo}'s metadata: ${why}` }));
      continue;
    }
    const meta = got.meta;
    out.commit = meta.base.commit;
    if (meta.base.commit !== planned.commit) {
      out.files = files.map((f) => failedFile(f, {
        check: "shard.commit-mismatch",
        severity: "high",
        message: `the plan says ${entry.repo}@${entry.revision} is commit ${planned.commit ?? "(unresolved)"}, the Hub answered ${meta.base.commit ?? "?"} to shard ${shard}`
      }));
      continue;
    }
    const selected = new Map(meta.selected.map((f) => [f.path, f]));
    const toRead = files.flatMap((f) => {
      const s = selected.get(f.path);
      return s && s.size === f.size ? [s] : [];
    });
    const external = /* @__PURE__ */ new Map();
    const capture = new TextCapture();
    const reports = await examineEntryFiles(meta, toRead, rdeps, {
      capture,
      deferCrossFile: (path, details) => {
        const refs = details?.onnx?.externalData;
        if (Array.isArray(refs) && refs.length > 0) external.set(path, refs);
      }
    });
    const byPath = new Map(reports.map((r) => [r.path, r]));
    out.files = files.map((f) => {
      const r = byPath.get(f.path);
      if (!r) {
        return failedFile(f, {
          check: "shard.file-mismatch",
          severity: "high",
          message: `${f.path} is planned with ${f.size} bytes, but the selection at ${meta.base.commit ?? "?"} ${selected.has(f.path) ? `lists ${selected.get(f.path).size} bytes` : "does not include it"}`
        });
      }
      const refs = external.get(f.path);
      return refs ? { ...r, externalData: refs.map((x) => ({ tensor: x.tensor, location: x.location, ...x.path !== void 0 ? { path: x.path } : {} })) } : r;
    });
    out.texts = capture.paths().map((p) => ({ path: p, base64: utf8Base64(capture.text(p) ?? "") }));
    out.skipped = capture.skipped();
  }
  return { format: PARTIAL_FORMAT, planId: plan.planId, planSha256, shard, entries };
}
function mergePartials(plan, planSha256, inputs) {
  const merged = /* @__PURE__ */ new Map();
  for (const e of plan.entries) {
    merged.set(entryKey(e), { reports: /* @__PURE__ */ new Map(), duplicates: /* @__PURE__ */ new Map(), texts: /* @__PURE__ */ new Map(), skipped: [], findings: [], refused: /* @__PURE__ */ new Map() });
  }
  const planned = new Map(plan.entries.map((e) => [entryKey(e), new Map(e.files.map((f) => [f.path, f]))]));
  const refuse = (shard, why) => {
    for (const m of merged.values()) m.refused.set(shard, why);
  };
  const given = new Map(inputs.map((i) => [i.shard, i]));
  for (let shard = 0; shard < plan.shards; shard++) {
    const input = given.get(shard);
    const name = partialName(shard);
    if (!input?.bytes) {
      refuse(shard, input?.missing ?? `${name} is missing`);
      continue;
    }
    let partial;
    try {
      partial = parsePartial(input.bytes, name);
    } catch (err) {
      refuse(shard, err instanceof Error ? err.message : String(err));
      continue;
    }
    if (partial.planId !== plan.planId || partial.planSha256 !== planSha256) {
      refuse(shard, `${name} was made for plan ${partial.planId} (plan.json sha256 ${partial.planSha256.slice(0, 12)}\u2026), not this plan ${plan.planId} (sha256 ${planSha256.slice(0, 12)}\u2026)`);
      continue;
    }
    if (partial.shard !== shard) {
      refuse(shard, `${name} says it is shard ${partial.shard}'s partial`);
      continue;
    }
    const unknown = partial.entries.find((e) => !merged.has(entryKey(e)));
    if (unknown) {
      refuse(shard, `${name} reports ${unknown.repo}@${unknown.revision} (line ${unknown.line}), which the plan does not list`);
      continue;
    }
    for (const pe of partial.entries) {
      const key = entryKey(pe);
      const m = merged.get(key);
      const files = planned.get(key);
      const planEntry = plan.entries.find((e) => entryKey(e) === key);
      if (pe.commit !== void 0 && pe.commit !== planEntry.commit) {
        m.findings.push({
          check: "shard.file-mismatch",
          severity: "high",
          message: `${name} reports ${pe.repo} at commit ${pe.commit}, but the plan pins ${planEntry.commit ?? "(unresolved)"}; its ${pe.files.length} file report(s) are not used`
        });
        continue;
      }
      const mineHere = /* @__PURE__ */ new Set();
      for (const r of pe.files) {
        const p = files.get(r.path);
        if (!p || p.shard !== shard) {
          m.findings.push({
            check: "shard.file-unplanned",
            severity: "high",
            file: r.path,
            message: `${name} reports ${r.path}, which the plan ${p ? `gives to shard ${p.shard}` : "does not list"} for ${pe.repo}; the report is not used`
          });
          continue;
        }
        if (r.size !== p.size) {
          m.findings.push({
            check: "shard.file-mismatch",
            severity: "high",
            file: r.path,
            message: `${name} reports ${r.path} with ${r.size} bytes, but the plan lists ${p.size}; the report is not used`
          });
          continue;
        }
        if (m.reports.has(r.path) || m.duplicates.has(r.path)) {
          const shards = m.duplicates.get(r.path) ?? [m.reports.get(r.path).shard];
          m.duplicates.set(r.path, [...shards, shard]);
          m.reports.delete(r.path);
          continue;
        }
        m.reports.set(r.path, { report: r, shard });
        mineHere.add(r.path);
      }
      for (const t of pe.texts) {
        const owner = t.path.split("!/")[0];
        if (!mineHere.has(owner) || m.texts.has(t.path)) continue;
        m.texts.set(t.path, Buffer.from(t.base64, "base64").toString("utf8"));
      }
      m.skipped.push(...pe.skipped.filter((p) => mineHere.has(p.split("!/")[0])));
    }
  }
  return merged;
}
function mergedText(m, order) {
  const limits = new TextCapture();
  const texts = /* @__PURE__ */ new Map();
  const skipped = [...m?.skipped ?? []];
  let used = 0;
  const rank = new Map(order.map((p, i) => [p, i]));
  const entries = [...(m?.texts ?? /* @__PURE__ */ new Map()).entries()].sort(
    (a, b) => (rank.get(a[0].split("!/")[0]) ?? 0) - (rank.get(b[0].split("!/")[0]) ?? 0)
  );
  for (const [path, text] of entries) {
    const n = Buffer.byteLength(text, "utf8");
    if (n > limits.perFile || used + n > limits.total) skipped.push(path);
    else {
      texts.set(path, text);
      used += n;
    }
  }
  return { text: (p) => texts.get(p), paths: () => [...texts.keys()], skipped: () => [...skipped] };
}
function digestProblem(r, item) {
  if (!r.complete) return void 0;
  if (!item) return `${r.path} is not in the tree`;
  if (!r.sha256 || !r.gitOid) return `${r.path} is reported complete without its digests`;
  if (item.lfs && item.lfs.oid !== r.sha256) return `${r.path} is reported with sha256 ${r.sha256}, but the Hub lists ${item.lfs.oid}`;
  if (!item.lfs && item.oid !== r.gitOid) return `${r.path} is reported with git oid ${r.gitOid}, but the Hub lists ${item.oid}`;
  return void 0;
}
function entryFiles(meta, planned, m) {
  const { entry } = meta;
  const extra = [];
  if (!planned || !m) {
    extra.push({
      check: "shard.entry-not-planned",
      severity: "high",
      message: `${entry.repo}@${entry.revision} (line ${entry.line}) is not in the plan: none of its files were examined`,
      help: "Run the plan, shard and aggregate jobs of one workflow run on the same pull request commit."
    });
    return { files: [], extra, text: mergedText(void 0, []) };
  }
  extra.push(...m.findings);
  for (const [shard, why] of m.refused) {
    if (planned.files.some((f) => f.shard === shard)) {
      extra.push({ check: "shard.partial-missing", severity: "high", message: `shard ${shard}'s partial review was not usable: ${why}`, help: "Re-run the failed shard jobs, then the aggregate job." });
    }
  }
  if (planned.commit !== meta.base.commit) {
    extra.push({ check: "shard.plan-mismatch", severity: "high", message: `the plan pins ${entry.repo} at ${planned.commit ?? "(unresolved)"}, the Hub now answers ${meta.base.commit ?? "?"}` });
  }
  const plannedFiles = new Map(planned.files.map((f) => [f.path, f]));
  const selected = new Set(meta.selected.map((f) => f.path));
  for (const f of planned.files) {
    if (!selected.has(f.path)) extra.push({ check: "shard.plan-mismatch", severity: "high", file: f.path, message: `the plan lists ${f.path}, which the review does not select at ${meta.base.commit ?? "?"}` });
  }
  const tree = new Map(meta.tree.map((t) => [t.path, t]));
  const details = /* @__PURE__ */ new Map();
  const files = meta.selected.map((s) => {
    const p = plannedFiles.get(s.path);
    if (!p || p.size !== s.size) {
      return failedFile(s, { check: "shard.plan-mismatch", severity: "high", message: `${s.path} (${s.size} bytes) is ${p ? `planned with ${p.size} bytes` : "not in the plan"}; it was not examined` });
    }
    const dup = m.duplicates.get(s.path);
    if (dup) return failedFile(s, { check: "shard.file-duplicate", severity: "high", message: `${s.path} is reported ${dup.length} times (shards ${dup.join(", ")}); none of the reports is used` });
    const got = m.reports.get(s.path);
    if (!got) {
      const why = m.refused.get(p.shard);
      return failedFile(s, { check: "shard.file-missing", severity: "high", message: `${s.path} was planned for shard ${p.shard}, which did not report it${why ? ` (${why})` : ""}; it was not examined` });
    }
    const problem = digestProblem(got.report, tree.get(s.path));
    if (problem) return failedFile(s, { check: "shard.digest-mismatch", severity: "critical", message: `${problem} (shard ${got.shard})` });
    const { externalData, ...report } = got.report;
    if (externalData) details.set(s.path, { onnx: { externalData } });
    return { ...report, path: s.path, size: s.size, lfs: s.lfs === true };
  });
  return { files: markExternalData(files, (p) => details.get(p)), extra, text: mergedText(m, meta.selected.map((f) => f.path)) };
}
async function aggregateChange(prepared, plan, planSha256, inputs, deps) {
  const rdeps = entryDeps(prepared, deps);
  const merged = mergePartials(plan, planSha256, inputs);
  const planned = new Map(plan.entries.map((e) => [entryKey(e), e]));
  return mapLimited(prepared.toReview, prepared.policy.policy.concurrency, async (entry) => {
    const got = await entryMetadata(entry, rdeps, prepared.previous.get(entry));
    if (!got.ok) return got.review;
    const key = entryKey(entry);
    const { files, extra, text } = entryFiles(got.meta, planned.get(key), merged.get(key));
    return judgeEntry(got.meta, files, text, rdeps, extra);
  });
}

export {
  MAX_SHARDS,
  MAX_PLAN_BYTES,
  parsePlan,
  MAX_PARTIAL_BYTES,
  partialName,
  entryKey,
  sha256Hex,
  planChange,
  runShard,
  mergePartials,
  aggregateChange
};
