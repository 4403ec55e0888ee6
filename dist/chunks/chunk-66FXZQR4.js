import {
  encodeSegment,
  pinnedSha,
  reviewFileUrl
} from "./chunk-VX7TFLLC.js";
import {
  isLocalReview,
  shortSha
} from "./chunk-YABUTBMA.js";
import {
  compareFindings,
  severityRank
} from "./chunk-JTLQZMZU.js";
import {
  CAPS,
  safeJson,
  sanitize
} from "./chunk-YWQRT5AS.js";
import {
  TOOL_NAME
} from "./chunk-RQGJ627V.js";

// src/report/sarif.ts
import { createHash } from "node:crypto";

// src/report/rules.ts
var GENERIC = {
  short: "Model Gate check",
  full: "A Model Gate check over the files and metadata of a Hugging Face model repository.",
  help: "Read the finding in the Model Gate review comment or JSON report: it names the file, the evidence and what to do."
};
var NOT_EXAMINED = "Model Gate fails closed: anything it could not examine fully blocks approval until a person has looked at it or the cause is fixed.";
var RULES = {
  "allowlist.invalid": {
    short: "Invalid approved-models.yaml entry",
    full: "An entry of the allowlist cannot be read (syntax, a missing or non-full commit pin, a duplicate). Entries that cannot be read are not reviewed, so the change cannot pass.",
    help: "Fix the entry at the line shown; each entry is ORG/NAME@<40-hex commit>."
  },
  allowlist: {
    short: "Allowlist entry problem",
    full: "The allowlist entry restricts or describes the files to review in a way Model Gate cannot honour.",
    help: "Fix the entry at the line shown."
  },
  pickle: {
    short: "Pickle stream that can run code on load",
    full: "A pickle stream (torch .bin/.pt, joblib, numpy object arrays) imports or calls something a loader would execute when the file is loaded. Model Gate reads the opcodes statically and never unpickles.",
    help: "Do not load the file. Prefer a safetensors copy of the weights; approve a pickle only when every import it makes is on the allowed list."
  },
  "pickle.limit": {
    short: "Pickle stream beyond the analysis limits",
    full: `The pickle stream exceeded a limit of the static analysis (depth, size, operations), so it was not fully examined. ${NOT_EXAMINED}`,
    help: "Treat the file as unexamined; ask for a safetensors copy of the weights."
  },
  zip: {
    short: "Zip container problem",
    full: "A zip container (torch checkpoints, Keras archives, npz) is malformed, ambiguous between readers, or holds members that loaders treat specially.",
    help: "Do not load the file; the evidence names the member and the readers that disagree."
  },
  tar: {
    short: "Tar container problem",
    full: "A tar archive is malformed, truncated, or holds links, path traversal or hidden members that an extractor could act on.",
    help: "Do not extract or load the archive."
  },
  compression: {
    short: "Compressed stream not fully examined",
    full: `A compressed stream is invalid, nested too deeply or cannot be decompressed by the scanner. ${NOT_EXAMINED}`,
    help: "Treat the file as unexamined; ask for an uncompressed or safetensors copy."
  },
  keras: {
    short: "Keras model that can run code on load",
    full: "A Keras model configuration references Lambda layers, custom objects, modules or functions that run code when the model is loaded, or disables safe mode.",
    help: "Do not load the model; approve only models whose layers are built in."
  },
  torch: {
    short: "PyTorch archive problem",
    full: "A PyTorch checkpoint or TorchScript archive holds code or structures that torch.load / torch.jit.load would execute or misread.",
    help: "Do not load the file; prefer safetensors weights."
  },
  torchscript: {
    short: "TorchScript code in the model",
    full: "A TorchScript archive carries code that runs when the model is loaded and called.",
    help: "Review the code or ask for safetensors weights."
  },
  code: {
    short: "Python code that runs with the model",
    full: "The repository ships Python code a loader or an install step runs (remote code, packaged code, .pth files, start-up hooks).",
    help: "Read the code at the pinned commit before approving, or ask for a model that needs no custom code."
  },
  "remote-code": {
    short: "Custom code loaded with trust_remote_code",
    full: "config.json or a pipeline definition maps model classes to Python files (auto_map), so loading the model with trust_remote_code runs code from this or another repository.",
    help: "Review every mapped file at the pinned commit; code from another repository is not part of this review."
  },
  python: {
    short: "Dangerous behaviour in Python source",
    full: "Python source in the repository downloads, executes, spawns processes, or reads credentials.",
    help: "Read the code at the line shown; do not run it."
  },
  shell: {
    short: "Dangerous shell command",
    full: "A shell script or command in the repository downloads and runs programs, pipes to a shell, or changes the system.",
    help: "Do not run the command; read what it fetches."
  },
  instructions: {
    short: "Model card instructs users to run something",
    full: "The README or model card tells users to run a script, a binary or an install command. This is how the May 2026 typosquat delivered its credential stealer while its weights were clean.",
    help: "Do not follow the instructions; check that the publisher is the one you expect and read what the command runs."
  },
  "instructions.not-examined": {
    short: "Model card instructions not examined",
    full: `The model card could not be analysed for instructions. ${NOT_EXAMINED}`,
    help: "Read the model card by hand."
  },
  notebook: {
    short: "Notebook with dangerous code",
    full: "A Jupyter notebook in the repository runs shell commands or code that downloads and executes programs.",
    help: "Do not run the notebook; read the cells shown."
  },
  requirements: {
    short: "Dependency installed from an unreviewed source",
    full: "A requirements file installs packages from URLs, VCS or local paths that this review did not examine.",
    help: "Pin released packages by version and hash."
  },
  setup: {
    short: "Package build or install hook",
    full: "setup.py or packaging metadata runs code at build or install time, or installs files and entry points.",
    help: "Do not pip-install the repository; read the hook."
  },
  template: {
    short: "Chat template problem",
    full: "A chat template (Jinja) could not be parsed or reaches objects that can run code when rendered. Model Gate never renders templates.",
    help: "Read the template; approve only templates that format messages and nothing else."
  },
  namespace: {
    short: "Look-alike organisation or repository name",
    full: "The organisation or repository name imitates a well-known publisher (typosquatting, separators, homoglyphs, repository-name shadowing).",
    help: "Check on the Hub that this is the publisher you intend; the evidence names the one it imitates."
  },
  syntax: {
    short: "Invalid repository id",
    full: "The repository id has characters or a shape the Hub does not allow, or that hide a look-alike (invisible or non-ASCII characters).",
    help: "Write the id exactly as the Hub shows it."
  },
  audit: {
    short: "An approval no longer holds as it was reviewed",
    full: "The scheduled audit compared an approved entry with the Hub as it is now: the repository may be gone, private, gated, disabled, renamed or transferred; its pinned commit may no longer resolve or serve the signed bytes; the Hub's scanners may flag a file; or the entry has no valid signed approval.",
    help: "Read the finding: remove the entry, re-approve it after a full review, or re-run the sign workflow, as it says."
  },
  "audit.new-commits": {
    short: "New commits since the approved pin",
    full: "The repository's default branch has moved past the approved commit. Nothing changes for users of the pin; the update is information.",
    help: "Open a pull request re-pinning the entry if you want the update; it is reviewed like any new entry."
  },
  identity: {
    short: "Repository or author identity changed",
    full: "The immutable ids the approval recorded (repo_id, author_id) no longer match, or the history shows the repository or namespace was recreated: the name may now belong to someone else.",
    help: "Treat the model as new; verify the publisher before approving again."
  },
  provenance: {
    short: "Weak provenance signal",
    full: "Signals about where the model comes from: account and repository age, commit history and dates, the model card, popularity, access settings. Each is weak alone; several together block.",
    help: "Check the publisher and the model card; the evidence shows the values."
  },
  hub: {
    short: "Hub metadata or integrity problem",
    full: "The Hub answered in a way that hides or contradicts data (a moved pin, a hash mismatch, a failed download or listing).",
    help: "Retry the review; if it persists, the files cannot be trusted to be the reviewed ones."
  },
  "hub.scan": {
    short: "Hugging Face's own scanners",
    full: "The Hub's own security scanners flagged a file, or have not scanned the commit yet.",
    help: "Read the Hub scan result on the model page; a flagged file blocks approval."
  },
  "hub.pin": {
    short: "Pinned name or commit resolved elsewhere",
    full: "The Hub answered the pinned repository under another name or another commit (rename, transfer, case difference).",
    help: "Pin the canonical id the Hub reports, after checking it is the publisher you expect."
  },
  layout: {
    short: "Unexpected file in the repository",
    full: "The repository holds executables, files no loader uses, or weights in several formats where one could differ from the other.",
    help: "Check why the file is there; restrict the entry to the files you need."
  },
  file: {
    short: "Special or disguised file",
    full: "A file is an executable, a symbolic link, a polyglot readable as two formats, or another kind a loader or tool could act on.",
    help: "Do not use the file; the evidence says what it is."
  },
  scan: {
    short: "File not fully scanned",
    full: `A file could not be read or scanned completely. ${NOT_EXAMINED}`,
    help: "Treat the file as unexamined."
  },
  review: {
    short: "Review coverage",
    full: `What the review could and could not cover (files too large, excluded or not selected, checks skipped), and findings that block only in combination. ${NOT_EXAMINED}`,
    help: "Read what was not covered and decide whether it matters for this model."
  },
  policy: {
    short: "Policy exception problem",
    full: "A policy exception that would waive a finding has expired or is not allowed.",
    help: "Renew or remove the exception in .github/model-gate.yml on the base branch."
  },
  "policy.format.blocked": {
    short: "Serialisation format the policy blocks",
    full: "The file is, by its content, a format the organisation's policy blocks (`formats.blocked`), such as a pickle or joblib dump that runs code when loaded. The name does not matter: a pickle named .safetensors is a pickle.",
    help: "Use weights in an allowed format, limit the entry's files to them, or record a policy exception naming policy.format.blocked."
  },
  "policy.format.not-allowed": {
    short: "Serialisation format the policy does not allow",
    full: "The policy lists the formats it allows (`formats.allowed`); this weight or data file is, by content, none of them.",
    help: "Use weights in an allowed format, limit the entry's files to them, or record a policy exception naming policy.format.not-allowed."
  },
  "policy.safetensors-missing": {
    short: "No safetensors weights",
    full: "The policy requires safetensors weights (`require_safetensors`), and none of the reviewed files is safetensors by content. Some community models exist only as pickled .bin files; the policy trades them away for weights that cannot run code.",
    help: "Ask for a safetensors conversion, or record a policy exception naming policy.safetensors-missing."
  },
  "policy.remote-code": {
    short: "Remote code under the policy",
    full: "The model loads custom code with trust_remote_code (auto_map, custom pipelines, sentence-transformers modules); the policy's `remote_code` says whether that is denied, needs a security review, or is allowed from trusted publishers only.",
    help: "Use a model that loads with the library's own classes, or have security review the code and record a policy exception naming policy.remote-code."
  },
  "policy.publisher": {
    short: "Publisher requirement of the policy",
    full: "The policy requires publishers to be verified organisations, accounts of a minimum age, or models with a minimum number of downloads. These requirements can only block: popularity never lowers the risk of a model. A fact the Hub did not give does not pass.",
    help: "Use the model from a publisher that meets the policy, or record a policy exception naming the finding's id."
  },
  "policy.publisher.not-judged": {
    short: "Publisher rules not judged",
    full: "Files on disk have no publisher on the Hub, so the policy's publisher rules did not run.",
    help: "Review the allowlist entry with `model-gate review` to apply them."
  },
  "policy.license": {
    short: "Licence under the policy",
    full: "The licence the model card declares (its `license:` metadata, SPDX ids) is denied by the policy, outside the licences it allows, or unknown (none, `other`, or metadata that cannot be read).",
    help: "Use a model under an acceptable licence, or record the decision as a policy exception naming the finding's id."
  },
  "policy.profile-unknown": {
    short: "Unknown policy profile",
    full: "The allowlist entry names a policy profile the base branch policy does not define (or defines with errors), so the rules meant for it are unknown. The entry is refused rather than reviewed under other rules.",
    help: "Name a profile defined under `profiles:` in the policy, or remove `profile:`."
  },
  "policy.fast-track": {
    short: "Approved by the fast track",
    full: "The policy's fast track approved this entry without a human review: its publisher is already in the base allowlist, it was fully examined, and nothing above low was found.",
    help: "Nothing to do. Turn `fast_track` off to have every entry wait for a human."
  },
  safetensors: { short: "Invalid safetensors file", full: `The safetensors header or layout is invalid. ${NOT_EXAMINED}`, help: "Treat the file as unexamined." },
  gguf: { short: "Invalid GGUF file", full: `The GGUF file is malformed. ${NOT_EXAMINED}`, help: "Treat the file as unexamined." },
  numpy: { short: "NumPy file problem", full: "A .npy/.npz file is malformed or holds object arrays that are pickles.", help: "Do not load with allow_pickle=True." },
  onnx: { short: "ONNX model problem", full: "An ONNX model references external data outside the repository or is malformed.", help: "Check every external data path." },
  hdf5: { short: "HDF5 file problem", full: "An HDF5 file hides a second structure (a late superblock) a loader may read.", help: "Do not load the file." },
  json: { short: "Ambiguous JSON", full: "A JSON file has duplicate keys, so different parsers read different values.", help: "Ask the publisher to fix the file." },
  tflite: { short: "Invalid TFLite model", full: `The TFLite model is malformed. ${NOT_EXAMINED}`, help: "Treat the file as unexamined." },
  tfrecord: { short: "Invalid TFRecord file", full: `The TFRecord file is malformed or truncated. ${NOT_EXAMINED}`, help: "Treat the file as unexamined." },
  xgboost: { short: "Invalid XGBoost model", full: `The XGBoost model is malformed. ${NOT_EXAMINED}`, help: "Treat the file as unexamined." },
  msgpack: { short: "Invalid msgpack file", full: `The msgpack file is malformed. ${NOT_EXAMINED}`, help: "Treat the file as unexamined." },
  flax: { short: "Flax checkpoint problem", full: "A Flax msgpack checkpoint holds values a loader would treat specially.", help: "Do not load the file." },
  matlab: { short: "MATLAB file with objects", full: "A MATLAB file holds objects that run code when loaded.", help: "Do not load the file in MATLAB." },
  reviewed: { short: "Reviewed name", full: "A name the namespace check recorded as reviewed.", help: "No action needed." }
};
function ruleText(check) {
  for (let id = check; id.length > 0; id = id.includes(".") ? id.slice(0, id.lastIndexOf(".")) : "") {
    const hit = Object.hasOwn(RULES, id) ? RULES[id] : void 0;
    if (hit) return hit;
  }
  return GENERIC;
}

// src/report/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var SARIF_MAX_RESULTS = 25e3;
function sarifLevel(severity) {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}
var SECURITY_SEVERITY = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };
var ALLOWLIST_RULE = "allowlist.invalid";
var SRCROOT = "%SRCROOT%";
function messageText(text, max) {
  return sanitize(text, { max }).replace(/[[\]]/g, (c) => `\\${c}`);
}
function ruleName(check) {
  return check.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1)).join("") || "Check";
}
function ruleId(check) {
  return sanitize(check, { max: 200 });
}
function fingerprint(...parts) {
  return createHash("sha256").update(parts.map((p) => String(p ?? "")).join("\0")).digest("hex").slice(0, 32);
}
function line(n) {
  return n !== void 0 && Number.isSafeInteger(n) && n > 0 ? n : 1;
}
function containerOf(path) {
  const member = path.indexOf("!/");
  return member >= 0 ? path.slice(0, member) : path;
}
function localArtifact(path) {
  if (path.startsWith("/")) return { uri: `file://${path.split("/").map(encodeSegment).join("/")}` };
  return { uri: path.split("/").map(encodeSegment).join("/"), uriBaseId: SRCROOT };
}
function buildSarif(input) {
  const items = [];
  for (const e of input.errors ?? []) {
    items.push({ finding: { check: ALLOWLIST_RULE, severity: "high", message: e.message, file: void 0 }, line: line(e.line) });
  }
  for (const r of input.reviews) {
    for (const f of r.findings) items.push({ finding: f, review: r, line: isLocalReview(r) ? line(f.line) : line(r.entry.line) });
  }
  items.sort((a, b) => compareFindings(a.finding, b.finding) || a.line - b.line);
  const omitted = Math.max(0, items.length - SARIF_MAX_RESULTS);
  const kept = items.slice(0, SARIF_MAX_RESULTS);
  const rules = [];
  const ruleIndex = /* @__PURE__ */ new Map();
  const worst = /* @__PURE__ */ new Map();
  for (const { finding: f } of kept) {
    const id = ruleId(f.check);
    const prev = worst.get(id);
    if (!prev || severityRank(f.severity) > severityRank(prev)) worst.set(id, f.severity);
    if (ruleIndex.has(id)) continue;
    ruleIndex.set(id, rules.length);
    const text = ruleText(f.check);
    rules.push({
      id,
      name: ruleName(id),
      shortDescription: { text: text.short },
      fullDescription: { text: text.full },
      help: { text: text.help, markdown: `**${text.short}.** ${text.full}

**What to do:** ${text.help}` },
      defaultConfiguration: { level: "note" },
      properties: { tags: ["security", "supply-chain", "model-gate"], "security-severity": "0.0", precision: "high" }
    });
  }
  for (const rule of rules) {
    const sev = worst.get(rule.id) ?? "info";
    rule.defaultConfiguration.level = sarifLevel(sev);
    rule.properties["security-severity"] = SECURITY_SEVERITY[sev];
  }
  const results = kept.map(({ finding: f, review: r, line: startLine }) => {
    const location = {
      physicalLocation: { artifactLocation: { uri: input.allowlistPath ?? "approved-models.yaml", uriBaseId: SRCROOT }, region: { startLine } }
    };
    let text = messageText(f.message, CAPS.message);
    const properties = { severity: f.severity };
    if (f.offset !== void 0 && Number.isSafeInteger(f.offset) && f.offset >= 0) properties.byteOffset = f.offset;
    if (r && isLocalReview(r)) {
      const path = f.file !== void 0 ? containerOf(f.file) : r.paths[0] ?? ".";
      location.physicalLocation = { artifactLocation: localArtifact(path), region: { startLine } };
      if (f.line === void 0 && properties.byteOffset !== void 0) text += ` (at byte ${f.offset})`;
      if (f.file !== void 0 && f.file !== containerOf(f.file)) properties.member = sanitize(f.file, { max: 1e3 });
    } else if (r) {
      const sha = pinnedSha(r) ?? r.entry.revision;
      const where = `${r.entry.repo}@${shortSha(r.entry.revision)}`;
      text = `${messageText(where, CAPS.name)}: ${text}`;
      properties.repo = r.entry.repo;
      properties.revision = r.entry.revision;
      properties.verdict = r.verdict;
      const logical = [{ name: r.entry.repo, fullyQualifiedName: `${r.entry.repo}@${sha}`, kind: "module" }];
      if (f.file !== void 0) {
        const at = f.line !== void 0 ? `:${f.line}` : f.offset !== void 0 ? ` (byte ${f.offset})` : "";
        text += ` \u2014 in ${messageText(f.file, CAPS.name)}${at}`;
        const url = reviewFileUrl(input.hubUrl, r, f.file, f.line);
        if (url) properties.hubUrl = url;
        const name = sanitize(f.file.slice(f.file.lastIndexOf("/") + 1), { max: CAPS.name });
        logical.push({ name, fullyQualifiedName: sanitize(`${r.entry.repo}@${sha}/${f.file}`, { max: 1e3 }), kind: "resource" });
      }
      location.logicalLocations = logical;
    }
    if (f.evidence) properties.evidence = sanitize(f.evidence, { max: 200, multiline: true });
    return {
      ruleId: ruleId(f.check),
      ruleIndex: ruleIndex.get(ruleId(f.check)) ?? 0,
      level: sarifLevel(f.severity),
      message: { text },
      locations: [location],
      partialFingerprints: {
        "modelGateFinding/v1": fingerprint(
          r && !isLocalReview(r) ? r.entry.repo : void 0,
          r && !isLocalReview(r) ? r.entry.revision : void 0,
          f.check,
          f.file,
          f.line,
          f.offset,
          f.message
        )
      },
      properties
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            rules
          }
        },
        automationDetails: { id: `${TOOL_NAME}/` },
        originalUriBaseIds: { [SRCROOT]: { description: { text: "The root of the repository (or the directory the scan ran in)." } } },
        results,
        properties: { policySource: input.policySource, omittedResults: omitted }
      }
    ]
  };
}
function renderSarif(input) {
  return `${safeJson(buildSarif(input))}
`;
}

export {
  SARIF_SCHEMA,
  SARIF_MAX_RESULTS,
  sarifLevel,
  ALLOWLIST_RULE,
  SRCROOT,
  buildSarif,
  renderSarif
};
