import {
  verifyAttested
} from "./chunk-UHDOJMDL.js";
import "./chunk-KSFOLCGI.js";
import {
  TRUST_OPTIONS,
  trustFromOptions
} from "./chunk-ZN62LNC2.js";
import {
  parseCommandArgs,
  pathInside,
  readText
} from "./chunk-3VHUVBXD.js";
import {
  verifyModel
} from "./chunk-2YCH6UOH.js";
import "./chunk-R4KMGKFI.js";
import "./chunk-5USQP7RK.js";
import {
  fetchFiles
} from "./chunk-HNYDULUR.js";
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
import "./chunk-37FDLS5N.js";
import "./chunk-GFTXSUAY.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-56LLOFTS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/verify.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
var VERIFY_USAGE = `usage: model-gate verify [key|sigstore|certificate] (MODEL_DIR | --from-hub ORG/NAME@SHA [--hub-url URL] [--cdn-origin URL]...)
         (--signature model.sig | --attestations OWNER/REPO [--github-api-url URL])
         (--public-key key.pub
          | --identity SAN --identity-provider ISSUER [--ref refs/heads/main] [--trusted-root trusted_root.json]
          | --certificate-chain ca.pem ...)
         [--ignore-paths PATH ...] [--vetting vetting.sigstore.json --repo ORG/NAME --commit SHA] [--format text|json]
         [--jobs N]   files hashed in parallel (default: min(4, cores))

Checks the signature and signer, the manifest ROOT, every file's sha256 and the exact file set. With --from-hub
the files are streamed once from the Hub (or HF_ENDPOINT) at the pinned commit through the verified download,
nothing is written to disk, and a renamed repository fails. HF_TOKEN is sent to the Hub only.
With --attestations the files are hashed once and their ROOT fetches model.sig (and, with --repo/--commit, the
vetting record) from that repository's GitHub artifact attestations (GITHUB_API_URL or https://api.github.com;
GH_TOKEN or GITHUB_TOKEN is sent to it for private repositories).
An --identity without '@refs/...' must have been signed on --ref (default refs/heads/main).
Exit 0 verified, 1 verification failed (reason printed), 2 usage error.
`;
var MODES = /* @__PURE__ */ new Set(["key", "sigstore", "certificate"]);
function describe(r) {
  const s = r.signer;
  const by = s.kind === "key" ? `key ${s.hint} (${s.curve})` : s.kind === "identity" ? `${s.identity} (issuer ${s.issuer})` : `certificate ${s.subject}`;
  const vet = r.vetting ? `
vetting: ${r.vetting.verdict} ${r.vetting.requestedId}@${r.vetting.commit}` : "";
  return `verified ${r.modelName || "model"}: ${r.files} files, ${r.bytes} bytes, ROOT ${r.root}
signed by ${by}${vet}
`;
}
var verify = async (argv, io) => {
  const { values: v, positionals } = parseCommandArgs(
    argv,
    {
      signature: { type: "string" },
      ...TRUST_OPTIONS,
      "ignore-paths": { type: "string", multiple: true },
      vetting: { type: "string" },
      repo: { type: "string" },
      commit: { type: "string" },
      format: { type: "string", default: "text" },
      jobs: { type: "string" },
      "from-hub": { type: "string" },
      "hub-url": { type: "string" },
      "cdn-origin": { type: "string", multiple: true },
      attestations: { type: "string" },
      "github-api-url": { type: "string" },
      help: { type: "boolean", short: "h" }
    },
    VERIFY_USAGE
  );
  if (v.help) {
    io.stdout(VERIFY_USAGE);
    return 0;
  }
  const pos = [...positionals];
  const mode = pos.length === 2 && MODES.has(pos[0]) ? pos.shift() : void 0;
  if (pos.length !== (v["from-hub"] ? 0 : 1)) throw new UsageError(`expected one MODEL_DIR, or --from-hub ORG/NAME@SHA instead

${VERIFY_USAGE}`);
  if (!v.signature === !v.attestations) throw new UsageError(`give --signature FILE or --attestations OWNER/REPO (one of them)

${VERIFY_USAGE}`);
  if (v.attestations && v.vetting) throw new UsageError("--vetting is read from the attestations with --attestations; drop --vetting");
  if (v.format !== "text" && v.format !== "json") throw new UsageError(`--format must be text or json`);
  const jobs = v.jobs === void 0 ? void 0 : Number(v.jobs);
  if (jobs !== void 0 && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) throw new UsageError("--jobs must be an integer from 1 to 64");
  const chosen = [v["public-key"] && "key", (v.identity || v["identity-provider"]) && "sigstore", v["certificate-chain"] && "certificate"].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError(`give exactly one trust: --public-key, --identity with --identity-provider, or --certificate-chain

${VERIFY_USAGE}`);
  if (mode && mode !== chosen[0]) throw new UsageError(`'verify ${mode}' does not match the options given (${chosen[0]})`);
  if ((v.repo || v.commit) && !v.vetting && !v.attestations) throw new UsageError("--repo and --commit are checked against the vetting record: add --vetting FILE");
  const at = (p) => resolve(io.cwd, p);
  const modelDir = v["from-hub"] ? void 0 : at(pos[0]);
  const trust = await trustFromOptions(v, at);
  if (v.attestations) return verifyFromAttestations(v.attestations, v["github-api-url"], { modelDir, trust, fromHub: v["from-hub"], hubUrl: v["hub-url"], cdnOrigins: v["cdn-origin"], repo: v.repo, commit: v.commit, ignorePaths: v["ignore-paths"], jobs, format: v.format }, io);
  const sigPath = at(v.signature);
  const bundle = await readFile(sigPath, "utf8").catch((e) => {
    if (e.code === "ENOENT") return null;
    throw new UsageError(`cannot read signature ${sigPath}: ${e.code ?? e.message}`);
  });
  if (bundle === null) {
    io.stderr(`verification FAILED (unsigned): cannot read signature ${v.signature}: no such file (ENOENT); check the --signature path
`);
    return 1;
  }
  const vettingBundle = v.vetting ? await readText(at(v.vetting), "vetting record") : void 0;
  const ignorePaths = [...v["ignore-paths"] ?? []];
  const sigInside = modelDir ? pathInside(modelDir, sigPath) : void 0;
  if (sigInside) ignorePaths.push(sigInside);
  let source;
  let expect = v.repo || v.commit ? { repo: v.repo, commit: v.commit } : void 0;
  if (v["from-hub"]) {
    const fetched = await digestsFromHub(v["from-hub"], v["hub-url"], v["cdn-origin"], io.env);
    if ("error" in fetched) {
      io.stderr(`verification FAILED (hub): ${fetched.error}
`);
      return 1;
    }
    source = { digests: fetched.digests };
    if (v.vetting) expect = { repo: v.repo ?? fetched.repo, commit: v.commit ?? fetched.commit };
  } else {
    source = { modelDir };
  }
  let result;
  try {
    result = await verifyModel({ ...source, bundle, trust, ignorePaths, vettingBundle, expect, hash: { concurrency: jobs } });
  } catch (e) {
    throw new UsageError(e.message);
  }
  if (v.format === "json") io.stdout(`${safeJson(result, 2)}
`);
  else if (result.ok) io.stdout(describe(result));
  else io.stderr(`verification FAILED (${result.reason}): ${result.message}
`);
  return result.ok ? 0 : 1;
};
async function verifyFromAttestations(repository, apiUrl, a, io) {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) throw new UsageError(`--attestations wants OWNER/REPO, got '${repository}'`);
  const token = io.env.GH_TOKEN || io.env.GITHUB_TOKEN;
  const github = { apiUrl: apiUrl ?? io.env.GITHUB_API_URL ?? "https://api.github.com", repository, ...token ? { token } : {} };
  let source;
  let expect = a.repo || a.commit ? { repo: a.repo, commit: a.commit } : void 0;
  if (a.fromHub) {
    const fetched = await digestsFromHub(a.fromHub, a.hubUrl, a.cdnOrigins, io.env);
    if ("error" in fetched) {
      io.stderr(`verification FAILED (hub): ${fetched.error}
`);
      return 1;
    }
    source = { digests: fetched.digests };
    expect = { repo: a.repo ?? fetched.repo, commit: a.commit ?? fetched.commit };
  } else {
    source = { modelDir: a.modelDir };
  }
  let result;
  try {
    result = await verifyAttested({ ...source, trust: a.trust, github, ignorePaths: a.ignorePaths ?? [], ...expect ? { expect } : {}, hash: { concurrency: a.jobs } });
  } catch (e) {
    throw new UsageError(e.message);
  }
  if (a.format === "json") io.stdout(`${safeJson(result, 2)}
`);
  else if (result.ok) io.stdout(`${describe(result)}source: attestations of ${repository}
`);
  else io.stderr(`verification FAILED (${result.reason}): ${result.message}
`);
  return result.ok ? 0 : 1;
}
async function digestsFromHub(spec, hubUrl, cdnOrigins, env) {
  const at = spec.lastIndexOf("@");
  if (at <= 0) throw new UsageError(`--from-hub wants ORG/NAME@<40-hex commit>, got '${spec}'`);
  const hub = new HubClient({
    hubUrl: pickHubUrl(hubUrl, env),
    ...env.HF_TOKEN ? { token: env.HF_TOKEN } : {},
    ...cdnOrigins ? { allowedCdnOrigins: cdnOrigins } : {}
  });
  try {
    const resolved = await hub.resolveRepo(spec.slice(0, at), spec.slice(at + 1));
    if (resolved.renamed) return { error: `${resolved.requested} now answers as ${resolved.canonicalId}; verify the name that was approved` };
    const items = (await hub.listTree(resolved.canonicalId, resolved.sha)).filter((i) => i.type === "file");
    const outcomes = await fetchFiles({ downloader: hub, repo: resolved.canonicalId, sha: resolved.sha, items });
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) return { error: failed.error.message };
    const digests = outcomes.flatMap((o) => o.ok ? [{ path: o.result.path, size: o.result.size, sha256: o.result.sha256 }] : []);
    return { digests, repo: resolved.canonicalId, commit: resolved.sha };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
export {
  VERIFY_USAGE,
  verify
};
