// The approved reviews as the bill of materials records them (src/report/bom.ts): what the review verified (the
// commit, every file's sha256, the publisher's immutable ids) and what the Hub says about the model (its card
// metadata: licence, task, datasets, base models). Only approved, fully examined entries are in the approved set.
import type { BomModel } from '../core/bom.js';
import type { FullReview } from './pipeline.js';

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const field = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined);

export interface BomReferences {
  /** Where each signed entry's bundle and vetting record are (relative to the BOM, or URLs), by `repo@revision`. */
  signatures?: ReadonlyMap<string, { signature: string; vetting?: string }>;
}

export const referenceKey = (repo: string, revision: string): string => `${repo}@${revision}`;

export function bomModels(reviews: readonly FullReview[], refs: BomReferences = {}): BomModel[] {
  const out: BomModel[] = [];
  for (const r of reviews) {
    if (r.verdict !== 'approved' || !r.complete || !r.commit || !r.canonicalId) continue;
    const info = r.resolved?.info;
    const card = info?.cardData;
    const signed = refs.signatures?.get(referenceKey(r.entry.repo, r.entry.revision));
    const modelType = field(info?.config, 'model_type');
    const architecture = strings(field(info?.config, 'architectures'))[0];
    out.push({
      repo: r.canonicalId,
      commit: r.commit,
      ...(r.repoId ? { repoId: r.repoId } : {}),
      ...(r.author
        ? { author: { name: r.author.name, id: r.author.id, type: r.author.type, ...(r.author.isVerified !== undefined ? { verified: r.author.isVerified } : {}) } }
        : {}),
      licenses: strings(field(card, 'license')),
      ...(info?.pipeline_tag ? { task: info.pipeline_tag } : {}),
      ...(info?.library_name ? { libraryName: info.library_name } : {}),
      ...(typeof modelType === 'string' ? { architectureFamily: modelType } : {}),
      ...(architecture ? { modelArchitecture: architecture } : {}),
      tags: info?.tags ?? [],
      datasets: strings(field(card, 'datasets')),
      baseModels: strings(field(card, 'base_model')),
      files: r.files.filter((f) => f.sha256 !== undefined).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256!, formats: [...f.formats] })),
      ...(signed ? { signature: signed.signature, ...(signed.vetting ? { vetting: signed.vetting } : {}) } : {}),
      ...(r.entry.profile ? { profile: r.entry.profile } : {}),
      ...(r.fastTrack ? { fastTrack: true } : {})
    });
  }
  return out;
}
