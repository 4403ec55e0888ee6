// The release attestation: one in-toto statement whose subjects are the approved model's files, one per file, so a
// release job can check any single file with tools it already has — `gh attestation verify model.safetensors
// --repo ORG/REPO` hashes the file, asks GitHub's attestations API for that sha256, and accepts a statement that
// lists the digest among its subjects. gh enforces the SLSA provenance v1 predicate type unless told otherwise, so
// the approval is described in that shape: the "build" took ORG/NAME at a Hub commit and approved it; the
// model_signing ROOT and the vetting record's type tie it to model.sig and the vetting record.
import type { Review } from '../core/review.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import { IN_TOTO_STATEMENT_TYPE, type InTotoStatement, type ModelManifest } from './manifest.js';
import { VETTING_PREDICATE_TYPE } from './vetting.js';

/** What `gh attestation verify` enforces by default. */
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** What the "build" was: a Model Gate approval of a Hub model at a commit. */
export const APPROVAL_BUILD_TYPE = 'https://model-gate.dev/approval/v1';

export interface ReleaseAttestationContext {
  /** Hub base URL the files came from (default https://huggingface.co). */
  hubUrl?: string;
  /** The signing workflow, `https://github.com/{job_workflow_ref}` on Actions; defaults to the tool's name. */
  builderId?: string;
  /** The workflow run, e.g. `https://github.com/ORG/REPO/actions/runs/ID/attempts/1`. */
  invocationId?: string;
}

export interface SlsaProvenancePredicate {
  buildDefinition: {
    buildType: string;
    externalParameters: { model: string; requested: string; commit: string };
    internalParameters: { tool: { name: string; version: string }; verdict: string; manifestRoot: string; vettingPredicateType: string };
    resolvedDependencies: { uri: string; digest: { gitCommit: string } }[];
  };
  runDetails: { builder: { id: string }; metadata?: { invocationId: string } };
}

/** The per-file statement for an approved review (pure). */
export function releaseStatement(review: Review, manifest: ModelManifest, ctx: ReleaseAttestationContext = {}): InTotoStatement<SlsaProvenancePredicate> {
  if (!review.commit) throw new Error(`${review.entry.repo}: review has no resolved commit; cannot attest what was approved`);
  if (manifest.resources.length === 0) throw new Error(`${review.entry.repo}: no files to attest`);
  const model = review.canonicalId ?? review.entry.repo;
  const hub = (ctx.hubUrl ?? 'https://huggingface.co').replace(/\/+$/, '');
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
        ...(ctx.invocationId ? { metadata: { invocationId: ctx.invocationId } } : {})
      }
    }
  };
}
