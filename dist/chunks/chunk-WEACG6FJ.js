import {
  MODEL_SIG_FILE,
  VETTING_FILE,
  signatureDir
} from "./chunk-YW6UQOXA.js";

// src/report/bom.ts
import { createHash } from "node:crypto";
var CYCLONEDX_SPEC_VERSION = "1.6";
var SPDX_LICENSE_IDS = [
  "Apache-2.0",
  "MIT",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "BSD-3-Clause-Clear",
  "BSL-1.0",
  "CC0-1.0",
  "CC-BY-2.0",
  "CC-BY-2.5",
  "CC-BY-3.0",
  "CC-BY-4.0",
  "CC-BY-SA-3.0",
  "CC-BY-SA-4.0",
  "CC-BY-NC-2.0",
  "CC-BY-NC-3.0",
  "CC-BY-NC-4.0",
  "CC-BY-NC-ND-3.0",
  "CC-BY-NC-ND-4.0",
  "CC-BY-NC-SA-2.0",
  "CC-BY-NC-SA-3.0",
  "CC-BY-NC-SA-4.0",
  "CC-BY-ND-4.0",
  "MPL-2.0",
  "Unlicense",
  "Artistic-2.0",
  "AFL-3.0",
  "ECL-2.0",
  "EPL-1.0",
  "EPL-2.0",
  "EUPL-1.1",
  "EUPL-1.2",
  "ISC",
  "LPPL-1.3c",
  "MS-PL",
  "NCSA",
  "ODbL-1.0",
  "OFL-1.1",
  "OSL-3.0",
  "PDDL-1.0",
  "WTFPL",
  "Zlib",
  "GPL-2.0-only",
  "GPL-3.0-only",
  "LGPL-2.1-only",
  "LGPL-3.0-only",
  "AGPL-3.0-only",
  "CDLA-Permissive-1.0",
  "CDLA-Permissive-2.0",
  "CDLA-Sharing-1.0",
  "C-UDA-1.0",
  "Apache-1.1",
  "Apache-1.0"
];
var SPDX_IDS = Object.fromEntries(SPDX_LICENSE_IDS.map((id) => [id.toLowerCase(), id]));
function spdxId(license) {
  return SPDX_IDS[license.toLowerCase()];
}
var enc = (s) => encodeURIComponent(s).replace(/%2F/g, "/");
function huggingfacePurl(repo, commit) {
  const [ns, ...rest] = repo.split("/");
  return `pkg:huggingface/${encodeURIComponent(ns ?? "")}/${encodeURIComponent(rest.join("/"))}@${commit.toLowerCase()}`;
}
function serialFor(models) {
  const h = createHash("sha256");
  for (const m of models) h.update(`${m.repo}@${m.commit}
`);
  const b = h.digest().subarray(0, 16);
  b[6] = b[6] & 15 | 64;
  b[8] = b[8] & 63 | 128;
  const x = b.toString("hex");
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
function component(m, ctx) {
  let hub = ctx.hubUrl;
  while (hub.endsWith("/")) hub = hub.slice(0, -1);
  const [group, ...rest] = m.repo.split("/");
  const name = rest.join("/");
  const purl = huggingfacePurl(m.repo, m.commit);
  const property = (n, v) => v === void 0 ? [] : [{ name: n, value: v }];
  const params = {
    ...m.task ? { task: m.task } : {},
    ...m.architectureFamily ? { architectureFamily: m.architectureFamily } : {},
    ...m.modelArchitecture ? { modelArchitecture: m.modelArchitecture } : {},
    ...m.datasets.length > 0 ? { datasets: m.datasets.map((d) => ({ type: "dataset", name: d })) } : {}
  };
  const cardProperties = [
    ...property("huggingface:library_name", m.libraryName),
    ...m.baseModels.map((b) => ({ name: "huggingface:base_model", value: b }))
  ];
  const references = [
    { type: "vcs", url: `${hub}/${enc(m.repo)}`, comment: "The repository on the Hub" },
    { type: "distribution", url: `${hub}/${enc(m.repo)}/tree/${m.commit}`, comment: "The files at the approved commit" },
    ...m.files.some((f) => /^readme\.md$/i.test(f.path)) ? [{ type: "model-card", url: `${hub}/${enc(m.repo)}/blob/${m.commit}/README.md`, comment: "The model card at the approved commit" }] : [],
    ...m.signature ? [{ type: "digital-signature", url: m.signature, comment: "model_signing v1.0 Sigstore bundle over every file's sha256" }] : [],
    ...m.vetting ? [{ type: "attestation", url: m.vetting, comment: "Signed Model Gate vetting record (in-toto statement in a Sigstore bundle)" }] : []
  ];
  return {
    type: "machine-learning-model",
    "bom-ref": purl,
    ...m.author ? { supplier: { name: m.author.name, url: [`${hub}/${enc(m.author.name)}`] } } : {},
    ...m.author ? { authors: [{ name: m.author.name }] } : {},
    group,
    name,
    version: m.commit,
    description: `Hugging Face model ${m.repo} at commit ${m.commit}, approved by ${ctx.toolName}`,
    ...m.licenses.length > 0 ? { licenses: m.licenses.map((l) => ({ license: spdxId(l) ? { id: spdxId(l) } : { name: l } })) } : {},
    purl,
    externalReferences: references,
    ...Object.keys(params).length > 0 || cardProperties.length > 0 ? { modelCard: { ...Object.keys(params).length > 0 ? { modelParameters: params } : {}, ...cardProperties.length > 0 ? { properties: cardProperties } : {} } } : {},
    ...m.tags.length > 0 ? { tags: [...new Set(m.tags)] } : {},
    properties: [
      ...property("model-gate:verdict", "approved"),
      ...property("model-gate:repo-id", m.repoId),
      ...property("model-gate:author-id", m.author?.id),
      ...property("model-gate:author-type", m.author?.type),
      ...property("model-gate:author-verified", m.author?.verified === void 0 ? void 0 : String(m.author.verified)),
      ...property("model-gate:profile", m.profile),
      ...property("model-gate:fast-track", m.fastTrack ? "true" : void 0)
    ],
    components: m.files.map((f) => ({
      type: "file",
      "bom-ref": `${purl}#${enc(f.path)}`,
      name: f.path,
      hashes: [{ alg: "SHA-256", content: f.sha256 }],
      properties: [{ name: "model-gate:size", value: String(f.size) }, ...f.formats.map((fmt) => ({ name: "model-gate:format", value: fmt }))]
    }))
  };
}
function buildCycloneDx(models, ctx) {
  return {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: serialFor(models),
    version: 1,
    metadata: {
      timestamp: ctx.now.toISOString(),
      tools: { components: [{ type: "application", name: ctx.toolName, version: ctx.toolVersion }] },
      lifecycles: [{ phase: "pre-build" }],
      properties: [{ name: "model-gate:approved-models", value: String(models.length) }]
    },
    components: models.map((m) => component(m, ctx)),
    dependencies: models.map((m) => ({ ref: huggingfacePurl(m.repo, m.commit) }))
  };
}
function renderCycloneDx(models, ctx) {
  return `${JSON.stringify(buildCycloneDx(models, ctx), null, 2)}
`;
}

// src/review/bom-models.ts
var strings = (v) => typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
var field = (o, k) => o !== null && typeof o === "object" && !Array.isArray(o) ? o[k] : void 0;
var referenceKey = (repo, revision) => `${repo}@${revision}`;
function bomModels(reviews, refs = {}) {
  const out = [];
  for (const r of reviews) {
    if (r.verdict !== "approved" || !r.complete || !r.commit || !r.canonicalId) continue;
    const info = r.resolved?.info;
    const card = info?.cardData;
    const signed = refs.signatures?.get(referenceKey(r.entry.repo, r.entry.revision));
    const modelType = field(info?.config, "model_type");
    const architecture = strings(field(info?.config, "architectures"))[0];
    out.push({
      repo: r.canonicalId,
      commit: r.commit,
      ...r.repoId ? { repoId: r.repoId } : {},
      ...r.author ? { author: { name: r.author.name, id: r.author.id, type: r.author.type, ...r.author.isVerified !== void 0 ? { verified: r.author.isVerified } : {} } } : {},
      licenses: strings(field(card, "license")),
      ...info?.pipeline_tag ? { task: info.pipeline_tag } : {},
      ...info?.library_name ? { libraryName: info.library_name } : {},
      ...typeof modelType === "string" ? { architectureFamily: modelType } : {},
      ...architecture ? { modelArchitecture: architecture } : {},
      tags: info?.tags ?? [],
      datasets: strings(field(card, "datasets")),
      baseModels: strings(field(card, "base_model")),
      files: r.files.filter((f) => f.sha256 !== void 0).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, formats: [...f.formats] })),
      ...signed ? { signature: signed.signature, ...signed.vetting ? { vetting: signed.vetting } : {} } : {},
      ...r.entry.profile ? { profile: r.entry.profile } : {},
      ...r.fastTrack ? { fastTrack: true } : {}
    });
  }
  return out;
}

// src/sign/bom-references.ts
import { access } from "node:fs/promises";
import { join, relative } from "node:path";
async function signatureReferences(reviews, dir, bomDir) {
  const out = /* @__PURE__ */ new Map();
  const exists = (p) => access(p).then(() => true, () => false);
  for (const r of reviews) {
    if (r.verdict !== "approved" || !r.commit || !r.canonicalId) continue;
    const folder = signatureDir(dir, r.canonicalId, r.commit);
    const sig = join(folder, MODEL_SIG_FILE);
    if (!await exists(sig)) continue;
    const vetting = join(folder, VETTING_FILE);
    out.set(referenceKey(r.entry.repo, r.entry.revision), {
      signature: relative(bomDir, sig).split("\\").join("/"),
      ...await exists(vetting) ? { vetting: relative(bomDir, vetting).split("\\").join("/") } : {}
    });
  }
  return out;
}

export {
  renderCycloneDx,
  bomModels,
  signatureReferences
};
