import {
  repoKey
} from "./chunk-CQWX4D3M.js";
import {
  verifyAttested
} from "./chunk-UHDOJMDL.js";
import "./chunk-KSFOLCGI.js";
import {
  readRecordFile
} from "./chunk-2I4UUYGL.js";
import {
  MODEL_SIG_FILE,
  VETTING_FILE,
  signatureDir
} from "./chunk-YW6UQOXA.js";
import {
  parseAllowlist
} from "./chunk-GVZINTXY.js";
import "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import {
  trustFromOptions
} from "./chunk-ZN62LNC2.js";
import "./chunk-X6645MI5.js";
import {
  parseCommandArgs,
  readText
} from "./chunk-3VHUVBXD.js";
import {
  fail,
  verifyModel
} from "./chunk-2YCH6UOH.js";
import "./chunk-R4KMGKFI.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import {
  safeJson
} from "./chunk-YWQRT5AS.js";
import {
  HEX40
} from "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/release-gate.ts
import { resolve } from "node:path";

// src/sign/release-gate.ts
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
async function findModelFolders(root) {
  const out = { folders: [], stray: [] };
  for (const org of await readdir(root, { withFileTypes: true })) {
    if (!org.isDirectory()) {
      out.stray.push(org.name);
      continue;
    }
    for (const name of await readdir(join(root, org.name), { withFileTypes: true })) {
      if (name.isDirectory()) out.folders.push(`${org.name}/${name.name}`);
      else out.stray.push(`${org.name}/${name.name}`);
    }
  }
  out.folders.sort();
  return out;
}
async function verifyOne(opts, dir, entry) {
  const expect = { repo: entry.repo, commit: entry.revision };
  if (opts.source.kind === "attestations") {
    return verifyAttested({ modelDir: dir, trust: opts.trust, github: opts.source.github, expect, requireVetting: true, ...opts.hash ? { hash: opts.hash } : {}, ...opts.now ? { now: opts.now } : {} });
  }
  let sigDir;
  try {
    sigDir = signatureDir(opts.source.dir, entry.repo, entry.revision);
  } catch (e) {
    return fail("unsigned", e.message);
  }
  const bundle = await readRecordFile(join(sigDir, MODEL_SIG_FILE));
  const vettingBundle = await readRecordFile(join(sigDir, VETTING_FILE));
  if (bundle === void 0) return fail("unsigned", `no ${MODEL_SIG_FILE} in ${sigDir}`);
  if (vettingBundle === void 0) return fail("wrong-repo-or-commit", `no ${VETTING_FILE} in ${sigDir}: the approval of ${entry.repo}@${entry.revision} cannot be checked`);
  return verifyModel({ modelDir: dir, bundle, vettingBundle, expect, trust: opts.trust, ...opts.hash ? { hash: opts.hash } : {}, ...opts.now ? { now: opts.now } : {} });
}
async function releaseGate(opts) {
  const result = { ok: false, models: [], problems: [] };
  const allowlist = parseAllowlist(opts.allowlistText, opts.allowlistPath);
  for (const e of allowlist.errors) result.problems.push({ problem: "allowlist-invalid", message: `${e.file}:${e.line}: ${e.message}` });
  if (opts.allowlistText === null) result.problems.push({ problem: "allowlist-invalid", message: `${opts.allowlistPath} does not exist` });
  let found;
  try {
    const top = await lstat(opts.modelsDir);
    if (!top.isDirectory()) throw new Error("not a directory");
    found = await findModelFolders(opts.modelsDir);
  } catch (e) {
    result.problems.push({ problem: "not-a-model-folder", message: `cannot read ${opts.modelsDir}: ${e.message}` });
    return result;
  }
  for (const s of found.stray) {
    result.problems.push({ problem: "not-a-model-folder", message: `'${s}' is not inside an ORG/NAME model folder; nothing may ship that no approved model accounts for` });
  }
  if (found.folders.length === 0) result.problems.push({ problem: "no-models", message: `no ORG/NAME model folders under ${opts.modelsDir}` });
  const byKey = new Map(allowlist.entries.map((e) => [repoKey(e.repo), e]));
  for (const folder of found.folders) {
    const entry = byKey.get(repoKey(folder));
    if (!entry) {
      result.models.push({ folder, ok: false, problem: "not-on-allowlist", message: `${folder} is not on ${opts.allowlistPath}` });
      continue;
    }
    const pinned = { repo: entry.repo, revision: entry.revision, line: entry.line };
    if (!HEX40.test(entry.revision)) {
      result.models.push({ folder, entry: pinned, ok: false, problem: "not-pinned", message: `${entry.repo} is listed at '${entry.revision}', not a 40-hex commit` });
      continue;
    }
    const r = await verifyOne(opts, join(opts.modelsDir, folder), entry);
    if (r.ok) {
      result.models.push({ folder, entry: pinned, ok: true, message: `verified ${r.files} files, ROOT ${r.root}, approved at ${entry.revision}`, files: r.files, root: r.root });
    } else {
      result.models.push({ folder, entry: pinned, ok: false, problem: r.reason, message: r.message, ...r.root ? { root: r.root } : {} });
    }
  }
  result.ok = result.problems.length === 0 && result.models.length > 0 && result.models.every((m) => m.ok);
  return result;
}

// src/cli/release-gate.ts
var RELEASE_GATE_USAGE = `usage: model-gate release-gate MODELS_DIR --allowlist approved-models.yaml
         (--attestations OWNER/REPO [--github-api-url URL] | --signatures DIR)
         (--identity SAN --identity-provider ISSUER [--ref refs/heads/main] [--trusted-root trusted_root.json]
          | --public-key key.pub)
         [--format text|json] [--jobs N]

MODELS_DIR holds one folder per model, named by its Hub id: MODELS_DIR/ORG/NAME/. Each must be on the allowlist,
pinned to a commit, and match a model.sig and an approved vetting record for that repo and commit signed by the
given identity (the sign workflow at refs/heads/main) or key. Files outside ORG/NAME folders fail the gate.
Signatures come from OWNER/REPO's GitHub artifact attestations (GITHUB_API_URL or https://api.github.com; GH_TOKEN
or GITHUB_TOKEN for private repositories), or from DIR laid out as the sign workflow writes it
(DIR/ORG/NAME/COMMIT/model.sig and vetting.sigstore.json).
Exit 0 every model verified, 1 the gate failed (each reason printed), 2 usage error.
`;
var releaseGateCommand = async (argv, io) => {
  const { values: v, positionals } = parseCommandArgs(
    argv,
    {
      allowlist: { type: "string" },
      attestations: { type: "string" },
      "github-api-url": { type: "string" },
      signatures: { type: "string" },
      "public-key": { type: "string" },
      identity: { type: "string" },
      "identity-provider": { type: "string" },
      ref: { type: "string" },
      "trusted-root": { type: "string" },
      format: { type: "string", default: "text" },
      jobs: { type: "string" },
      help: { type: "boolean", short: "h" }
    },
    RELEASE_GATE_USAGE
  );
  if (v.help) {
    io.stdout(RELEASE_GATE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one MODELS_DIR

${RELEASE_GATE_USAGE}`);
  if (!v.allowlist) throw new UsageError(`--allowlist is required

${RELEASE_GATE_USAGE}`);
  if (!v.attestations === !v.signatures) throw new UsageError(`give --attestations OWNER/REPO or --signatures DIR (one of them)

${RELEASE_GATE_USAGE}`);
  if (v.format !== "text" && v.format !== "json") throw new UsageError("--format must be text or json");
  const chosen = [v["public-key"] && "key", (v.identity || v["identity-provider"]) && "identity"].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError(`give exactly one signer: --identity with --identity-provider, or --public-key

${RELEASE_GATE_USAGE}`);
  const jobs = v.jobs === void 0 ? void 0 : Number(v.jobs);
  if (jobs !== void 0 && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) throw new UsageError("--jobs must be an integer from 1 to 64");
  const at = (p) => resolve(io.cwd, p);
  const trust = await trustFromOptions(v, at);
  const allowlistText = await readText(at(v.allowlist), "allowlist");
  let source;
  if (v.attestations) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.attestations)) throw new UsageError(`--attestations wants OWNER/REPO, got '${v.attestations}'`);
    const token = io.env.GH_TOKEN || io.env.GITHUB_TOKEN;
    source = { kind: "attestations", github: { apiUrl: v["github-api-url"] ?? io.env.GITHUB_API_URL ?? "https://api.github.com", repository: v.attestations, ...token ? { token } : {} } };
  } else {
    source = { kind: "folder", dir: at(v.signatures) };
  }
  const result = await releaseGate({ modelsDir: at(positionals[0]), allowlistText, allowlistPath: v.allowlist, trust, source, hash: { concurrency: jobs } });
  if (v.format === "json") io.stdout(`${safeJson(result, 2)}
`);
  else {
    const lines = [
      ...result.problems.map((p) => `FAIL  ${p.message}`),
      ...result.models.map((m) => `${m.ok ? "ok  " : "FAIL"}  ${m.folder}: ${m.ok ? m.message : `${m.problem}: ${m.message}`}`),
      result.ok ? `release gate passed: ${result.models.length} model(s) verified` : "release gate FAILED"
    ];
    (result.ok ? io.stdout : io.stderr)(`${lines.join("\n")}
`);
  }
  return result.ok ? 0 : 1;
};
export {
  RELEASE_GATE_USAGE,
  releaseGateCommand
};
