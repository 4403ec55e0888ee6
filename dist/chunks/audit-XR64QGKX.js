import {
  renderSarif
} from "./chunk-66FXZQR4.js";
import {
  REPO_CHECKS,
  defaultScanFile
} from "./chunk-GPL2COQW.js";
import {
  identityFindings
} from "./chunk-KUGKXF4P.js";
import {
  reviewEntry
} from "./chunk-XYMEJEHJ.js";
import {
  MAX_POLICY_BYTES,
  loadPolicy
} from "./chunk-W5V5TT3O.js";
import {
  defaultPolicy
} from "./chunk-47WNE3IU.js";
import {
  readConfigFile
} from "./chunk-42KD4JMS.js";
import "./chunk-NDIIMO6P.js";
import {
  listAttestations
} from "./chunk-KSFOLCGI.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import {
  severityRank,
  verdictOf
} from "./chunk-JTLQZMZU.js";
import "./chunk-DPVLMUUI.js";
import {
  readRecordFile
} from "./chunk-2I4UUYGL.js";
import {
  MODEL_SIG_FILE,
  SLSA_PROVENANCE_V1,
  VETTING_FILE,
  signatureDir
} from "./chunk-YW6UQOXA.js";
import {
  parseAllowlist
} from "./chunk-GVZINTXY.js";
import {
  ALLOWLIST_LIMITS
} from "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import {
  TRUST_OPTIONS,
  trustFromOptions,
  trustsGiven
} from "./chunk-ZN62LNC2.js";
import "./chunk-X6645MI5.js";
import {
  parseCommandArgs
} from "./chunk-3VHUVBXD.js";
import {
  verifyBundleSignature
} from "./chunk-2YCH6UOH.js";
import {
  MODEL_SIGNING_PREDICATE_TYPE,
  VETTING_PREDICATE_TYPE,
  parseVettingStatement
} from "./chunk-R4KMGKFI.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import {
  compareText
} from "./chunk-5USQP7RK.js";
import {
  deadlineOption,
  retryWaitSeconds,
  runDeadline
} from "./chunk-FFSKM3GN.js";
import "./chunk-HNYDULUR.js";
import {
  safeJson
} from "./chunk-YWQRT5AS.js";
import {
  pickHubUrl
} from "./chunk-CUREYGAP.js";
import {
  HubClient
} from "./chunk-RMNU2W7L.js";
import "./chunk-53ORRVB5.js";
import {
  HubError
} from "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import {
  RULES_VERSION,
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/audit.ts
import { resolve } from "node:path";

// src/audit/facts.ts
var message = (err) => err instanceof Error ? err.message : String(err);
async function hubNow(hub, repo, revision) {
  let resolved;
  try {
    resolved = await hub.resolveRepo(repo, revision);
  } catch (err) {
    if (!(err instanceof HubError)) return { state: "unreachable", detail: message(err) };
    switch (err.code) {
      // An anonymous request cannot tell a deleted repository from a private one: both answer 401.
      case "repo-not-found":
      case "unauthorized":
      case "not-found":
        return { state: "gone", detail: err.message };
      case "forbidden":
        return { state: "private", detail: err.message };
      case "gated":
        return { state: "gated", detail: err.message };
      case "disabled":
        return { state: "disabled", detail: err.message };
      case "revision-not-found": {
        try {
          const owner = await hub.getAuthor(repo.split("/")[0] ?? "");
          return { state: "commit-missing", detail: err.message, author: { name: owner.name, id: owner.id, createdAt: owner.createdAt } };
        } catch (lookup) {
          return { state: "commit-missing", detail: err.message, authorError: message(lookup) };
        }
      }
      default:
        return { state: "unreachable", detail: `${err.code}: ${err.message}` };
    }
  }
  const info = resolved.info;
  let author;
  let authorError;
  try {
    author = await hub.getAuthor(info.author ?? resolved.canonicalId.split("/")[0] ?? "");
  } catch (err) {
    authorError = message(err);
  }
  let head;
  try {
    const refs = await hub.getRefs(resolved.canonicalId);
    const main = refs.branches.find((b) => b.name === "main") ?? refs.branches[0];
    if (main) head = { branch: main.name, sha: main.targetCommit };
  } catch {
  }
  return {
    state: "ok",
    canonicalId: resolved.canonicalId,
    repoId: resolved.repoId,
    ...info.createdAt ? { repoCreatedAt: info.createdAt } : {},
    redirects: resolved.redirects.map((h) => ({ from: h.from, to: h.to })),
    ...author ? { author: { name: author.name, id: author.id, createdAt: author.createdAt } } : {},
    ...authorError ? { authorError } : {},
    files: (info.siblings ?? []).map((s) => ({ path: s.rfilename, ...s.lfs ? { sha256: s.lfs.sha256 } : s.blobId ? { gitOid: s.blobId } : {} })),
    ...info.securityRepoStatus ? { scan: { scansDone: info.securityRepoStatus.scansDone, flagged: info.securityRepoStatus.filesWithIssues } } : {},
    ...info.gated ? { gated: info.gated } : {},
    ...info.disabled ? { disabled: true } : {},
    ...head ? { head } : {}
  };
}

// src/audit/records.ts
var str = (v) => typeof v === "string" ? v : void 0;
function baseOf(entry) {
  return {
    repo: entry.repo,
    revision: entry.revision,
    line: entry.line,
    ...entry.repoId ? { repoId: entry.repoId } : {},
    ...entry.authorId ? { authorId: entry.authorId } : {}
  };
}
async function approvalOf(entry, source, hub) {
  const base = baseOf(entry);
  if (!source) return { ...base, signature: { state: "missing", detail: "no signatures folder or attestations repository was given to the audit" } };
  if ("attestations" in source) return approvalFromAttestations(entry, source, hub);
  const dir = signatureDir(source.dir, entry.repo, entry.revision);
  const [modelSig, vetting] = await Promise.all([source.read(`${dir}/${MODEL_SIG_FILE}`), source.read(`${dir}/${VETTING_FILE}`)]);
  if (modelSig === void 0) return { ...base, signature: { state: "missing", detail: `no ${MODEL_SIG_FILE} in ${dir}` } };
  if (vetting === void 0) return { ...base, signature: { state: "missing", detail: `no ${VETTING_FILE} in ${dir}` } };
  let modelJson;
  let vettingJson;
  try {
    modelJson = JSON.parse(modelSig);
    vettingJson = JSON.parse(vetting);
  } catch (e) {
    return { ...base, signature: { state: "invalid", detail: `a signature file in ${dir} is not JSON (${e.message})` } };
  }
  return approvalFromBundles(entry, modelJson, vettingJson, source.trust, source.now);
}
async function approvalFromAttestations(entry, source, hub) {
  const base = baseOf(entry);
  const missing = (detail) => ({ ...base, signature: { state: "missing", detail } });
  const lfs = hub?.state === "ok" ? hub.files.find((f) => f.sha256 !== void 0) : void 0;
  if (!lfs?.sha256) return missing("no LFS file of the approved commit whose sha256 could find its attestation in GitHub (the Hub did not list one)");
  let root;
  try {
    for (const a of await listAttestations(source.attestations, lfs.sha256, SLSA_PROVENANCE_V1)) {
      const sig = verifyBundleSignature(a.bundle, source.trust, source.now);
      if (!sig.ok) continue;
      const p = parseStatement(sig.payload);
      const ext = p?.predicate?.buildDefinition?.externalParameters;
      const int = p?.predicate?.buildDefinition?.internalParameters;
      const names = [ext?.model, ext?.requested].filter((n) => typeof n === "string").map((n) => n.toLowerCase());
      if (ext?.commit === entry.revision && names.includes(entry.repo.toLowerCase()) && typeof int?.manifestRoot === "string") {
        root = int.manifestRoot;
        break;
      }
    }
    if (!root) return missing(`no release attestation signed by the trusted signer names ${entry.repo}@${entry.revision.slice(0, 7)} for ${lfs.path} in ${source.attestations.repository}`);
    let modelSig;
    let vetting;
    for (const a of await listAttestations(source.attestations, root)) {
      const sig = verifyBundleSignature(a.bundle, source.trust, source.now);
      if (!sig.ok) continue;
      const type = parseStatement(sig.payload)?.predicateType;
      if (type === MODEL_SIGNING_PREDICATE_TYPE) modelSig ??= a.bundle;
      else if (type === VETTING_PREDICATE_TYPE) vetting ??= a.bundle;
    }
    if (modelSig === void 0 || vetting === void 0) {
      return missing(`the attestations for ROOT ${root.slice(0, 12)}\u2026 in ${source.attestations.repository} lack ${modelSig === void 0 ? "model.sig" : "the vetting record"}`);
    }
    return approvalFromBundles(entry, modelSig, vetting, source.trust, source.now);
  } catch (e) {
    return missing(`the attestations of ${source.attestations.repository} could not be read: ${e.message}`);
  }
}
function parseStatement(payload) {
  try {
    const d = JSON.parse(payload.toString("utf8"));
    return typeof d === "object" && d !== null ? d : void 0;
  } catch {
    return void 0;
  }
}
function approvalFromBundles(entry, modelJson, vettingJson, trust, now) {
  const base = baseOf(entry);
  const invalid = (detail) => ({ ...base, signature: { state: "invalid", detail } });
  const sig = verifyBundleSignature(modelJson, trust, now);
  if (!sig.ok) return invalid(`${MODEL_SIG_FILE}: ${sig.reason}: ${sig.message}`);
  const vet = verifyBundleSignature(vettingJson, trust, now);
  if (!vet.ok) return invalid(`${VETTING_FILE}: ${vet.reason}: ${vet.message}`);
  let parsed;
  try {
    parsed = parseVettingStatement(vet.payload);
  } catch (e) {
    return invalid(`${VETTING_FILE}: ${e.message}`);
  }
  const names = [parsed.requestedId, parsed.canonicalId].map((n) => n.toLowerCase());
  if (parsed.commit !== entry.revision || !names.includes(entry.repo.toLowerCase())) {
    return invalid(`${VETTING_FILE} is the record of ${parsed.requestedId}@${parsed.commit}, not of this entry`);
  }
  if (parsed.verdict !== "approved") return invalid(`${VETTING_FILE} records the verdict '${parsed.verdict}', not an approval`);
  const p = parsed.predicate;
  const created = typeof p.createdAt === "object" && p.createdAt !== null ? p.createdAt : {};
  const hubScan = typeof p.hubScan === "object" && p.hubScan !== null ? p.hubScan : void 0;
  const files = Array.isArray(p.files) ? p.files.flatMap((f) => {
    const o = typeof f === "object" && f !== null ? f : {};
    const path = str(o.path);
    return path ? [{ path, sha256: str(o.sha256) ?? null, gitOid: str(o.gitOid) ?? null }] : [];
  }) : [];
  const repoId = entry.repoId ?? str(p.repoId);
  const authorId = entry.authorId ?? str(p.authorId);
  const reviewedAt = str(p.reviewedAt);
  const rulesVersion = str(p.rulesVersion);
  const commitDate = str(created.commit);
  return {
    ...base,
    ...repoId ? { repoId } : {},
    ...authorId ? { authorId } : {},
    signature: { state: "valid" },
    record: {
      ...reviewedAt ? { reviewedAt } : {},
      ...rulesVersion ? { rulesVersion } : {},
      ...commitDate ? { commitDate } : {},
      files,
      ...hubScan && typeof hubScan.scansDone === "boolean" ? { hubScansDone: hubScan.scansDone } : {},
      ...hubScan && Array.isArray(hubScan.files) ? { hubFlagged: hubScan.files.flatMap((f) => {
        const o = typeof f === "object" && f !== null ? f : {};
        return typeof o.path === "string" && o.status !== "safe" && o.status !== "unscanned" ? [o.path] : [];
      }) } : {}
    }
  };
}

// src/audit/rules.ts
var at = (a) => ({ evidence: `${a.repo}@${a.revision} (allowlist line ${a.line})` });
function authorUnknown(add, repo, error) {
  add(
    "audit.author-unknown",
    "high",
    `the owner of ${repo} could not be looked up: ${error}`,
    "Whether the namespace changed hands could not be checked. Re-run; if the account is gone, the namespace is free for anyone to take."
  );
}
function auditFindings(a, now, ctx) {
  const out = [];
  const add = (check, severity, message2, help, extra = {}) => {
    out.push({ check, severity, message: message2, help, ...at(a), ...extra });
  };
  switch (now.state) {
    case "gone":
      add(
        "audit.repo-gone",
        "high",
        `${a.repo} is gone from the Hub, or no longer public (${now.detail})`,
        "Release pipelines can no longer fetch the approved bytes, and whoever registers the name next would serve theirs. Remove the entry, or mirror the approved files and keep serving them from the gateway."
      );
      break;
    case "private":
      add(
        "audit.repo-private",
        "high",
        `${a.repo} is no longer public (${now.detail})`,
        "The publisher withdrew it or restricted it. Find out why before anyone fetches it again; remove the entry if it was withdrawn."
      );
      break;
    case "gated":
      add(
        "audit.repo-gated",
        "medium",
        `${a.repo} is now gated (${now.detail})`,
        "Fetching it now needs accepted terms and a token. Check the new terms; the approved bytes themselves are unchanged until a commit says otherwise."
      );
      break;
    case "disabled":
      add(
        "audit.repo-disabled",
        "high",
        `${a.repo} was disabled by the Hub (${now.detail})`,
        "The Hub disables repositories for abuse or legal reasons. Stop using it until you know why; remove the entry."
      );
      break;
    case "commit-missing":
      add(
        "audit.commit-missing",
        "high",
        `the approved commit ${a.revision} no longer exists in ${a.repo}: its history was rewritten, or the repository was deleted and re-created (${now.detail})`,
        "Nothing can fetch the approved bytes by their pin any more. Find out what happened; re-approve a commit only after a full review."
      );
      if (now.author && a.authorId && now.author.id !== a.authorId) {
        out.push(...identityFindings({ repo: a.repo, repoId: now.repoId ?? "", author: now.author, recorded: { authorId: a.authorId, from: "approval" } }).filter((f) => f.check === "identity.author-changed"));
      }
      if (now.authorError) authorUnknown(add, a.repo, now.authorError);
      break;
    case "unreachable":
      add(
        "audit.unreachable",
        "high",
        `${a.repo} could not be checked: ${now.detail}`,
        "The audit could not say whether this approval still holds. Re-run; if it persists, investigate."
      );
      break;
    case "ok":
      okFindings(a, now, ctx, add, out);
      break;
  }
  if (a.signature.state !== "valid") {
    add(
      "audit.unsigned",
      "high",
      a.signature.state === "missing" ? `${a.repo}@${a.revision.slice(0, 7)} has no signed approval from the sign workflow (${a.signature.detail})` : `the signed approval of ${a.repo}@${a.revision.slice(0, 7)} does not verify: ${a.signature.detail}`,
      "Release pipelines refuse unsigned models. Re-run the sign workflow for this entry, or find out who changed the signatures."
    );
  }
  return out;
}
function okFindings(a, now, ctx, add, out) {
  const moved = now.redirects.length > 0 || now.canonicalId.toLowerCase() !== a.repo.toLowerCase();
  const sameRepo = !a.repoId || a.repoId === now.repoId;
  const transferred = moved && sameRepo && a.authorId !== void 0 && now.author !== void 0 && now.author.id !== a.authorId;
  if (moved) {
    const path = now.redirects.map((h) => `${h.from} \u2192 ${h.to}`).join(", ") || "renamed";
    if (!sameRepo) {
      add(
        "audit.moved",
        "critical",
        `${a.repo} now answers as ${now.canonicalId} (${path}), a different repository than was approved`,
        "The old name leads somewhere else now. Remove the entry until the new repository is reviewed."
      );
    } else if (transferred) {
      add(
        "audit.transferred",
        "high",
        `${a.repo} was transferred to another owner: it now answers as ${now.canonicalId} (${path}), owned by ${now.author?.name}`,
        "The bytes of the approved commit are the same, but another account now controls the repository and every future commit. Confirm the new owner is who you expect before the next release; then update the entry."
      );
    } else {
      add(
        "audit.moved",
        "medium",
        `${a.repo} was renamed: it now answers as ${now.canonicalId} (${path})`,
        "The same repository under a new name. Update the entry to the new name; clients using the old one depend on the redirect."
      );
    }
  }
  if (now.disabled) {
    add(
      "audit.repo-disabled",
      "high",
      `${now.canonicalId} was disabled by the Hub`,
      "The Hub disables repositories for abuse or legal reasons. Stop using it until you know why; remove the entry."
    );
  }
  if (now.gated) {
    add(
      "audit.repo-gated",
      "medium",
      `${now.canonicalId} is now gated (${now.gated} approval)`,
      "Fetching it now needs accepted terms and a token. Check the new terms; the approved bytes are unchanged."
    );
  }
  out.push(...identityFindings({
    repo: now.canonicalId,
    repoId: now.repoId,
    ...now.repoCreatedAt ? { repoCreatedAt: now.repoCreatedAt } : {},
    ...now.author ? { author: now.author } : {},
    ...a.repoId || a.authorId ? { recorded: { ...a.repoId ? { repoId: a.repoId } : {}, ...a.authorId ? { authorId: a.authorId } : {}, from: "approval" } } : {},
    ...a.record?.commitDate ? { previousCommit: { sha: a.revision, state: "found", date: a.record.commitDate } } : {}
  }).filter((f) => f.check !== "identity.not-recorded" && !(transferred && f.check === "identity.author-changed")));
  if (now.authorError) authorUnknown(add, now.canonicalId, now.authorError);
  if (!a.repoId && !a.authorId && !a.record) {
    add(
      "audit.identity-not-recorded",
      "medium",
      `the approval of ${a.repo} recorded neither the repository's nor its owner's _id, and no vetting record was found`,
      `Record them in the entry (repo_id: ${now.repoId}${now.author ? `, author_id: ${now.author.id}` : ""}) once you have checked this is still the approved publisher, so a future change of hands is caught.`
    );
  }
  if (a.record) {
    const byPath = new Map(now.files.map((f) => [f.path, f]));
    const changed = [];
    const missing = [];
    for (const r of a.record.files) {
      const f = byPath.get(r.path);
      if (!f) {
        missing.push(r.path);
        continue;
      }
      const differs = r.sha256 && f.sha256 && r.sha256 !== f.sha256 || !f.sha256 && r.gitOid && f.gitOid && r.gitOid !== f.gitOid;
      if (differs) changed.push(r.path);
    }
    if (changed.length > 0 || missing.length > 0) {
      add(
        "audit.digests-changed",
        "critical",
        `the approved commit of ${now.canonicalId} no longer serves the signed bytes: ${[...changed.map((p) => `${p} changed`), ...missing.map((p) => `${p} missing`)].slice(0, 5).join(", ")}${changed.length + missing.length > 5 ? `, and ${changed.length + missing.length - 5} more` : ""}`,
        "The same commit id with other content means the Hub, or something between it and you, serves other bytes than were reviewed. Stop fetching it; the gateway and signature verification refuse these bytes.",
        { file: changed[0] ?? missing[0] }
      );
    }
  }
  if (now.scan) {
    const before = new Set(a.record?.hubFlagged ?? []);
    const approved = new Set((a.record?.files ?? now.files).map((f) => f.path));
    for (const f of now.scan.flagged) {
      if (before.has(f.path) || !approved.has(f.path)) continue;
      add(
        "audit.hub-flagged",
        "high",
        `the Hub's scanners now flag ${f.path} in the approved commit (${f.level})`,
        "The Hub's scanners learned something about this file after the approval. Re-review it (model-gate review) before the next release uses it.",
        { file: f.path }
      );
    }
    if (now.scan.scansDone && a.record?.hubScansDone === false && now.scan.flagged.length === 0) {
      add(
        "audit.hub-scanned",
        "info",
        `the Hub has now scanned ${now.canonicalId}@${a.revision.slice(0, 7)} and flags nothing`,
        "Nothing to do."
      );
    }
  }
  if (now.head && now.head.sha !== a.revision) {
    add(
      "audit.new-commits",
      "info",
      `${now.canonicalId}'s ${now.head.branch} is at ${now.head.sha.slice(0, 7)}, past the approved ${a.revision.slice(0, 7)}`,
      "An update to review, never applied by itself: open a pull request re-pinning the entry if you want it."
    );
  }
  const recordedRules = a.record?.rulesVersion;
  if (a.record && (recordedRules === void 0 || recordedRules < ctx.rulesVersion)) {
    add(
      "audit.rules-outdated",
      "low",
      `${now.canonicalId}@${a.revision.slice(0, 7)} was approved under rule set ${recordedRules ?? "(unrecorded)"}; the rules are now ${ctx.rulesVersion}`,
      "The audit re-judges such entries with today's rules, oldest first, as its re-scan budget allows; its findings are reported with this entry."
    );
  }
}

// src/audit/run.ts
var AUDIT_MAX_RETRY_WAIT_S = 300;
var AUDIT_WAIT_BUDGET_MS = 45 * 6e4;
function inShard(i, shard) {
  return !shard || i % shard.count === shard.index;
}
async function auditEntries(entries, opts) {
  const mine = entries.filter((_e, i) => inShard(i, opts.shard));
  const owners = /* @__PURE__ */ new Map();
  const hub = {
    resolveRepo: (r, rev) => opts.hub.resolveRepo(r, rev),
    getRefs: (r) => opts.hub.getRefs(r),
    getAuthor: (name) => {
      const key = name.toLowerCase();
      let p = owners.get(key);
      if (!p) {
        p = opts.hub.getAuthor(name);
        owners.set(key, p);
      }
      return p;
    }
  };
  const out = new Array(mine.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < mine.length; i = next++) {
      const entry = mine[i];
      const now = await hubNow(hub, entry.repo, entry.revision);
      const approval = await approvalOf(entry, opts.records, now);
      const findings = auditFindings(approval, now, { rulesVersion: opts.rulesVersion ?? RULES_VERSION });
      out[i] = { entry, approval, findings, verdict: verdictOf(findings) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, mine.length)) }, worker));
  if (opts.rejudge && opts.rejudge.budget > 0) await rejudgeOldest(out, opts.rejudge);
  return out;
}
async function rejudgeOldest(results, rejudge) {
  const due = results.filter((r) => r.findings.some((f) => f.check === "audit.rules-outdated") && r.verdict !== "rejected").sort((a, b) => compareText(a.approval.record?.reviewedAt ?? "", b.approval.record?.reviewedAt ?? "")).slice(0, rejudge.budget);
  for (const r of due) {
    const review = await rejudge.review(r.entry);
    const kept = r.findings.filter((f) => f.check !== "audit.rules-outdated");
    const worse = review.findings.filter((f) => f.severity !== "info" && f.severity !== "low");
    r.findings = [
      ...kept,
      {
        check: "audit.rejudged",
        severity: review.verdict === "approved" ? "info" : review.verdict === "needs-review" ? "medium" : "high",
        message: `re-judged with today's rules: ${review.verdict}${worse.length ? ` (${worse.length} finding${worse.length === 1 ? "" : "s"} follow)` : ""}`,
        help: review.verdict === "approved" ? "Nothing to do: the approval holds under the current rules." : "The current rules judge the approved files differently. Read the findings below; remove or re-approve the entry."
      },
      ...worse
    ];
    r.verdict = verdictOf(r.findings);
  }
}

// src/audit/report.ts
function auditReportInput(results, opts) {
  const reviews = results.map((r) => ({ entry: r.entry, redirects: [], files: [], findings: r.findings, verdict: r.verdict, complete: true }));
  return {
    reviews,
    removed: [],
    allowlistPath: opts.allowlistPath,
    policySource: opts.policySource,
    policyChanges: [],
    toolVersion: TOOL_VERSION,
    ...opts.hubUrl ? { hubUrl: opts.hubUrl } : {}
  };
}

// src/cli/audit.ts
var USAGE = `usage: model-gate audit [--allowlist approved-models.yaml] [(--signatures DIR | --attestations OWNER/REPO) (--public-key PEM | --identity SAN
         --identity-provider ISSUER [--ref REF] [--trusted-root FILE] | --certificate-chain PEM...)]
         [--shard I/N] [--concurrency K] [--rejudge-budget K] [--policy FILE] [--hub-url URL] [--format text|json|sarif]
         [--max-retry-wait SECONDS] [--deadline MINUTES]

Re-checks every approved entry against the Hub as it is now: gone, private, gated, disabled, renamed or transferred
repositories; a namespace that changed hands (repo and author _ids against the approval); a pinned commit that no
longer resolves or serves other bytes than were signed; files the Hub's scanners now flag; entries without a valid
signed approval; new commits (information); approvals made under an older rule set.
--rejudge-budget K re-reviews (files streamed and scanned again) at most K approvals made under an older rule set,
oldest first (default 3; 0 only notes them).
--shard I/N audits the entries whose position modulo N is I (a matrix job covers the rest).
Exit 0: nothing blocking; 1: some approval no longer holds (high or critical findings); 2: usage or input error.`;
var audit = async (argv, io) => {
  const { values: v } = parseCommandArgs(argv, {
    allowlist: { type: "string", default: "approved-models.yaml" },
    signatures: { type: "string" },
    attestations: { type: "string" },
    ...TRUST_OPTIONS,
    shard: { type: "string" },
    "rejudge-budget": { type: "string", default: "3" },
    policy: { type: "string" },
    concurrency: { type: "string" },
    "hub-url": { type: "string" },
    "cdn-origin": { type: "string", multiple: true },
    "max-retry-wait": { type: "string" },
    deadline: { type: "string" },
    format: { type: "string", default: "text" },
    help: { type: "boolean", short: "h" }
  }, USAGE);
  if (v.help) {
    io.stdout(`${USAGE}
`);
    return 0;
  }
  if (!["text", "json", "sarif"].includes(v.format ?? "")) throw new UsageError("--format must be text, json or sarif");
  let shard;
  if (v.shard !== void 0) {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || count < 1 || index >= count) throw new UsageError(`--shard must be I/N with 0 <= I < N (got '${v.shard}')`);
    shard = { index, count };
  }
  const concurrency = v.concurrency === void 0 ? 4 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UsageError("--concurrency must be an integer from 1 to 32");
  const budget = Number(v["rejudge-budget"]);
  if (!Number.isInteger(budget) || budget < 0 || budget > 1e3) throw new UsageError("--rejudge-budget must be an integer from 0 to 1000");
  const at2 = (p) => resolve(io.cwd, p);
  if (v.signatures && v.attestations) throw new UsageError("give --signatures DIR or --attestations OWNER/REPO, not both");
  const source = v.signatures ?? v.attestations;
  if (source && trustsGiven(v) !== 1) throw new UsageError(`${v.signatures ? "--signatures" : "--attestations"} needs exactly one trust: --public-key, --identity with --identity-provider, or --certificate-chain`);
  if (!source && trustsGiven(v) > 0) throw new UsageError("a trust option was given without --signatures DIR or --attestations OWNER/REPO");
  if (v.attestations && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.attestations)) throw new UsageError(`--attestations must be OWNER/REPO (got '${v.attestations}')`);
  const path = at2(v.allowlist);
  const text = await readConfigFile(path, "the allowlist", ALLOWLIST_LIMITS.maxBytes);
  if (text === null) throw new UsageError(`cannot read the allowlist ${path}: ENOENT`);
  const parsed = parseAllowlist(text, v.allowlist);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.message}
`);
    return 2;
  }
  let policy = defaultPolicy();
  if (v.policy) {
    const ptext = await readConfigFile(at2(v.policy), "the policy", MAX_POLICY_BYTES);
    if (ptext === null) throw new UsageError(`cannot read the policy ${at2(v.policy)}: ENOENT`);
    const loaded = loadPolicy(ptext, v.policy);
    if (loaded.errors.length > 0) {
      for (const e of loaded.errors) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.message}
`);
      return 2;
    }
    policy = loaded.policy;
  }
  const records = v.signatures ? {
    dir: at2(v.signatures),
    trust: await trustFromOptions(v, at2),
    read: readRecordFile
  } : v.attestations ? {
    trust: await trustFromOptions(v, at2),
    attestations: { apiUrl: io.env.GITHUB_API_URL ?? "https://api.github.com", repository: v.attestations, ...io.env.GITHUB_TOKEN ? { token: io.env.GITHUB_TOKEN } : {} }
  } : void 0;
  const hub = new HubClient({
    hubUrl: pickHubUrl(v["hub-url"], io.env),
    ...io.env.HF_TOKEN ? { token: io.env.HF_TOKEN } : {},
    ...v["cdn-origin"] ? { allowedCdnOrigins: v["cdn-origin"] } : {},
    // A scheduled audit of many entries spends the Hub's rate limit windows: it waits a whole window when asked
    // (RateLimit t= up to 5 minutes) and up to AUDIT_WAIT_BUDGET_MS in all, rather than failing.
    maxWaitMs: (v["max-retry-wait"] !== void 0 ? retryWaitSeconds(v["max-retry-wait"]) : AUDIT_MAX_RETRY_WAIT_S) * 1e3,
    retryWaitBudgetMs: AUDIT_WAIT_BUDGET_MS,
    runDeadline: runDeadline(deadlineOption(v.deadline), "--deadline"),
    onRetry: (m) => io.stderr(`model-gate audit: ${m}
`)
  });
  let results;
  try {
    const rejudge = {
      budget,
      review: async (entry) => {
        const r = await reviewEntry(entry, { hub, policy, scanFile: defaultScanFile, checks: REPO_CHECKS });
        return { verdict: r.verdict, findings: r.findings };
      }
    };
    results = await auditEntries(parsed.entries, { hub, ...records ? { records } : {}, concurrency, ...shard ? { shard } : {}, rejudge });
  } finally {
    await hub.close();
  }
  const blocking = results.some((r) => r.verdict === "rejected");
  if (v.format === "json") io.stdout(`${safeJson({ schema: "model-gate/audit/v1", entries: results.map(jsonOf) }, 2)}
`);
  else if (v.format === "sarif") io.stdout(renderSarif(auditReportInput(results, { allowlistPath: v.allowlist ?? "approved-models.yaml", policySource: v.policy ?? "defaults" })));
  else io.stdout(textOf(results));
  return blocking ? 1 : 0;
};
var WORD = { approved: "holds", "needs-review": "needs review", rejected: "no longer holds" };
function textOf(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`${r.entry.repo}@${r.entry.revision.slice(0, 12)} (line ${r.entry.line}): ${WORD[r.verdict]}`);
    for (const f of [...r.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))) {
      lines.push(`  ${f.severity.padEnd(8)} ${f.check}: ${f.message}`);
      if (severityRank(f.severity) >= severityRank("medium")) lines.push(`           ${f.help}`);
    }
  }
  const bad = results.filter((r) => r.verdict === "rejected").length;
  lines.push("", `${results.length} approved entries audited: ${bad} no longer hold, ${results.filter((r) => r.verdict === "needs-review").length} need review.`);
  return `${lines.join("\n")}
`;
}
function jsonOf(r) {
  return { repo: r.entry.repo, revision: r.entry.revision, line: r.entry.line, verdict: r.verdict, signature: r.approval.signature, findings: r.findings };
}
export {
  USAGE,
  audit
};
