// What the bill of materials records about one approved model (src/report/bom.ts renders it; src/review/bom-models.ts
// builds it from a review): plain data, shared by the review and the report.

export interface BomFile {
  path: string;
  size: number;
  sha256: string;
  /** Formats the scanners recognised by content. */
  formats: string[];
}

/** One approved model, as the BOM records it. */
export interface BomModel {
  /** `org/name` as the Hub answers for it. */
  repo: string;
  commit: string;
  repoId?: string;
  author?: { name: string; id?: string; type?: 'user' | 'org'; verified?: boolean };
  /** The licence ids the model card's metadata declares (`license:`), as written. */
  licenses: string[];
  /** The Hub's `pipeline_tag`. */
  task?: string;
  libraryName?: string;
  /** `model_type` and `architectures[0]` of the config, when the Hub gives them. */
  architectureFamily?: string;
  modelArchitecture?: string;
  tags: string[];
  datasets: string[];
  baseModels: string[];
  files: BomFile[];
  /** Where the signature bundle and the vetting record are, relative to the BOM or absolute URLs. */
  signature?: string;
  vetting?: string;
  /** The allowlist entry's policy profile, and whether the fast track approved it. */
  profile?: string;
  fastTrack?: boolean;
}
