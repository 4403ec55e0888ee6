import {
  bundleBuilder,
  signStatement
} from "./chunk-X6645MI5.js";
import {
  IN_TOTO_STATEMENT_TYPE,
  VETTING_PREDICATE_TYPE,
  buildManifest,
  manifestStatement,
  vettingStatement
} from "./chunk-R4KMGKFI.js";
import {
  HEX40
} from "./chunk-GFTXSUAY.js";
import {
  checkRepoId,
  printable
} from "./chunk-VLZKHZEN.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunk-RQGJ627V.js";

// src/sign/sign-model.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/sign/release-attestation.ts
var SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
var APPROVAL_BUILD_TYPE = "https://model-gate.dev/approval/v1";
function releaseStatement(review, manifest, ctx = {}) {
  if (!review.commit) throw new Error(`${review.entry.repo}: review has no resolved commit; cannot attest what was approved`);
  if (manifest.resources.length === 0) throw new Error(`${review.entry.repo}: no files to attest`);
  const model = review.canonicalId ?? review.entry.repo;
  const hub = (ctx.hubUrl ?? "https://huggingface.co").replace(/\/+$/, "");
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: manifest.resources.map((r) => ({ name: r.name, digest: { sha256: r.digest } })),
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: APPROVAL_BUILD_TYPE,
        externalParameters: { model, requested: review.entry.repo, commit: review.commit },
        internalParameters: { tool: { name: TOOL_NAME, version: TOOL_VERSION }, verdict: review.verdict, manifestRoot: manifest.root, vettingPredicateType: VETTING_PREDICATE_TYPE },
        resolvedDependencies: [{ uri: `${hub}/${model}`, digest: { gitCommit: review.commit } }]
      },
      runDetails: {
        builder: { id: ctx.builderId ?? `https://github.com/${TOOL_NAME}/${TOOL_NAME}` },
        ...ctx.invocationId ? { metadata: { invocationId: ctx.invocationId } } : {}
      }
    }
  };
}

// src/sign/sign-model.ts
var MODEL_SIG_FILE = "model.sig";
var VETTING_FILE = "vetting.sigstore.json";
var RELEASE_FILE = "release.sigstore.json";
function digestsFromReview(review) {
  return review.files.map((f) => {
    if (!f.complete || !f.sha256) throw new Error(`${review.entry.repo}: ${f.path} was not fully verified (no sha256); refusing to sign`);
    return { path: f.path, size: f.size, sha256: f.sha256 };
  });
}
function isBuilder(s) {
  return typeof s.create === "function";
}
async function signModel(opts) {
  const { review } = opts;
  if (review && review.verdict !== "approved") {
    throw new Error(`${review.entry.repo}@${review.entry.revision}: verdict is '${review.verdict}'; only approved models are signed`);
  }
  if (review?.files.some((f) => !f.complete)) {
    throw new Error(`${review.entry.repo}: some files were not fully verified; refusing to sign`);
  }
  const digests = opts.digests ?? (review ? digestsFromReview(review) : void 0);
  if (!digests) throw new Error("signModel needs digests or a review to take them from");
  const manifest = buildManifest({ digests, modelName: opts.modelName, ignorePaths: opts.ignorePaths });
  const builder = isBuilder(opts.signer) ? opts.signer : bundleBuilder(opts.signer);
  const modelSig = await signStatement(builder, manifestStatement(manifest));
  if (!review) return { manifest, modelSig };
  const vetting = await signStatement(builder, vettingStatement(review, { name: manifest.modelName, root: manifest.root }, opts.vetting));
  if (!opts.release) return { manifest, modelSig, vetting };
  const release = await signStatement(builder, releaseStatement(review, manifest, opts.release));
  return { manifest, modelSig, vetting, release };
}
function signatureDir(outDir, repo, commit) {
  const problem = checkRepoId(repo);
  if (problem) throw new Error(`'${printable(repo)}' is not an org/name repository id: ${problem.message}`);
  if (!HEX40.test(commit)) throw new Error(`'${printable(commit)}' is not a 40-hex commit`);
  const [org, name] = repo.split("/");
  return join(outDir, org, name, commit);
}
async function writeSignatures(outDir, repo, commit, signed) {
  const dir = signatureDir(outDir, repo, commit);
  await mkdir(dir, { recursive: true });
  const modelSig = join(dir, MODEL_SIG_FILE);
  await writeFile(modelSig, JSON.stringify(signed.modelSig));
  if (!signed.vetting) return { dir, modelSig };
  const vetting = join(dir, VETTING_FILE);
  await writeFile(vetting, JSON.stringify(signed.vetting));
  if (!signed.release) return { dir, modelSig, vetting };
  const release = join(dir, RELEASE_FILE);
  await writeFile(release, JSON.stringify(signed.release));
  return { dir, modelSig, vetting, release };
}

export {
  SLSA_PROVENANCE_V1,
  MODEL_SIG_FILE,
  VETTING_FILE,
  signModel,
  signatureDir,
  writeSignatures
};
