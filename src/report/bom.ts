// The bill of materials of an approved set: a CycloneDX 1.6 JSON document with one `machine-learning-model`
// component per approved entry — the repository at its commit (a `pkg:huggingface` purl), the publisher, the
// licence, model-card fields, every file as a nested `file` component with its sha256, and external references to
// the Hub, the model card, the signature bundle and the signed vetting record. Pure: the models come in as plain
// data (src/review/bom-models.ts builds them from reviews), the time and tool version too. A test validates the
// output against the official CycloneDX 1.6 JSON Schema.
import { createHash } from 'node:crypto';
import type { BomModel } from '../core/bom.js';

export const CYCLONEDX_SPEC_VERSION = '1.6';

export type { BomFile, BomModel } from '../core/bom.js';

export interface BomContext {
  hubUrl: string;
  toolName: string;
  toolVersion: string;
  now: Date;
}

/**
 * Hugging Face's lowercase licence ids that are SPDX ids in another case, mapped to the SPDX spelling (CycloneDX
 * requires `license.id` from the SPDX list, case included; a test holds these to the official list). Anything else
 * is recorded by name.
 */
export const SPDX_LICENSE_IDS: readonly string[] = [
    'Apache-2.0', 'MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSL-1.0', 'CC0-1.0', 'CC-BY-2.0', 'CC-BY-2.5',
    'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0', 'CC-BY-NC-2.0', 'CC-BY-NC-3.0', 'CC-BY-NC-4.0', 'CC-BY-NC-ND-3.0',
    'CC-BY-NC-ND-4.0', 'CC-BY-NC-SA-2.0', 'CC-BY-NC-SA-3.0', 'CC-BY-NC-SA-4.0', 'CC-BY-ND-4.0', 'MPL-2.0', 'Unlicense', 'Artistic-2.0',
    'AFL-3.0', 'ECL-2.0', 'EPL-1.0', 'EPL-2.0', 'EUPL-1.1', 'EUPL-1.2', 'ISC', 'LPPL-1.3c', 'MS-PL', 'NCSA', 'ODbL-1.0', 'OFL-1.1',
    'OSL-3.0', 'PDDL-1.0', 'WTFPL', 'Zlib', 'GPL-2.0-only', 'GPL-3.0-only', 'LGPL-2.1-only', 'LGPL-3.0-only', 'AGPL-3.0-only',
    'CDLA-Permissive-1.0', 'CDLA-Permissive-2.0', 'CDLA-Sharing-1.0', 'C-UDA-1.0', 'Apache-1.1', 'Apache-1.0'
];
const SPDX_IDS: Readonly<Record<string, string>> = Object.fromEntries(SPDX_LICENSE_IDS.map((id) => [id.toLowerCase(), id]));

/** The SPDX id for a licence as a model card writes it, when it is one. */
export function spdxId(license: string): string | undefined {
  return SPDX_IDS[license.toLowerCase()];
}

const enc = (s: string): string => encodeURIComponent(s).replace(/%2F/g, '/');

/** `pkg:huggingface/org/name@commit` (the purl spec's huggingface type: lowercase commit as version). */
export function huggingfacePurl(repo: string, commit: string): string {
  const [ns, ...rest] = repo.split('/');
  return `pkg:huggingface/${encodeURIComponent(ns ?? '')}/${encodeURIComponent(rest.join('/'))}@${commit.toLowerCase()}`;
}

/** A UUID (version-4 layout) derived from the document's content, so one approved set gives one serial number. */
function serialFor(models: readonly BomModel[]): string {
  const h = createHash('sha256');
  for (const m of models) h.update(`${m.repo}@${m.commit}\n`);
  const b = h.digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

type Json = Record<string, unknown>;

function component(m: BomModel, ctx: BomContext): Json {
  let hub = ctx.hubUrl;
  while (hub.endsWith('/')) hub = hub.slice(0, -1);
  const [group, ...rest] = m.repo.split('/');
  const name = rest.join('/');
  const purl = huggingfacePurl(m.repo, m.commit);
  const property = (n: string, v: string | undefined): Json[] => (v === undefined ? [] : [{ name: n, value: v }]);
  const params: Json = {
    ...(m.task ? { task: m.task } : {}),
    ...(m.architectureFamily ? { architectureFamily: m.architectureFamily } : {}),
    ...(m.modelArchitecture ? { modelArchitecture: m.modelArchitecture } : {}),
    ...(m.datasets.length > 0 ? { datasets: m.datasets.map((d) => ({ type: 'dataset', name: d })) } : {})
  };
  const cardProperties = [
    ...property('huggingface:library_name', m.libraryName),
    ...m.baseModels.map((b) => ({ name: 'huggingface:base_model', value: b }))
  ];
  const references: Json[] = [
    { type: 'vcs', url: `${hub}/${enc(m.repo)}`, comment: 'The repository on the Hub' },
    { type: 'distribution', url: `${hub}/${enc(m.repo)}/tree/${m.commit}`, comment: 'The files at the approved commit' },
    ...(m.files.some((f) => /^readme\.md$/i.test(f.path))
      ? [{ type: 'model-card', url: `${hub}/${enc(m.repo)}/blob/${m.commit}/README.md`, comment: 'The model card at the approved commit' }]
      : []),
    ...(m.signature ? [{ type: 'digital-signature', url: m.signature, comment: 'model_signing v1.0 Sigstore bundle over every file\'s sha256' }] : []),
    ...(m.vetting ? [{ type: 'attestation', url: m.vetting, comment: 'Signed Model Gate vetting record (in-toto statement in a Sigstore bundle)' }] : [])
  ];
  return {
    type: 'machine-learning-model',
    'bom-ref': purl,
    ...(m.author ? { supplier: { name: m.author.name, url: [`${hub}/${enc(m.author.name)}`] } } : {}),
    ...(m.author ? { authors: [{ name: m.author.name }] } : {}),
    group,
    name,
    version: m.commit,
    description: `Hugging Face model ${m.repo} at commit ${m.commit}, approved by ${ctx.toolName}`,
    ...(m.licenses.length > 0
      ? { licenses: m.licenses.map((l) => ({ license: spdxId(l) ? { id: spdxId(l) } : { name: l } })) }
      : {}),
    purl,
    externalReferences: references,
    ...(Object.keys(params).length > 0 || cardProperties.length > 0
      ? { modelCard: { ...(Object.keys(params).length > 0 ? { modelParameters: params } : {}), ...(cardProperties.length > 0 ? { properties: cardProperties } : {}) } }
      : {}),
    ...(m.tags.length > 0 ? { tags: [...new Set(m.tags)] } : {}),
    properties: [
      ...property('model-gate:verdict', 'approved'),
      ...property('model-gate:repo-id', m.repoId),
      ...property('model-gate:author-id', m.author?.id),
      ...property('model-gate:author-type', m.author?.type),
      ...property('model-gate:author-verified', m.author?.verified === undefined ? undefined : String(m.author.verified)),
      ...property('model-gate:profile', m.profile),
      ...property('model-gate:fast-track', m.fastTrack ? 'true' : undefined)
    ],
    components: m.files.map((f) => ({
      type: 'file',
      'bom-ref': `${purl}#${enc(f.path)}`,
      name: f.path,
      hashes: [{ alg: 'SHA-256', content: f.sha256 }],
      properties: [{ name: 'model-gate:size', value: String(f.size) }, ...f.formats.map((fmt) => ({ name: 'model-gate:format', value: fmt }))]
    }))
  };
}

/** The CycloneDX 1.6 document (as an object) of the approved models, in the order given. */
export function buildCycloneDx(models: readonly BomModel[], ctx: BomContext): Json {
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: serialFor(models),
    version: 1,
    metadata: {
      timestamp: ctx.now.toISOString(),
      tools: { components: [{ type: 'application', name: ctx.toolName, version: ctx.toolVersion }] },
      lifecycles: [{ phase: 'pre-build' }],
      properties: [{ name: 'model-gate:approved-models', value: String(models.length) }]
    },
    components: models.map((m) => component(m, ctx)),
    dependencies: models.map((m) => ({ ref: huggingfacePurl(m.repo, m.commit) }))
  };
}

export function renderCycloneDx(models: readonly BomModel[], ctx: BomContext): string {
  return `${JSON.stringify(buildCycloneDx(models, ctx), null, 2)}\n`;
}
