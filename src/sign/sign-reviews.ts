// Signs every approved review of a run (and only those), from the digests the verified download computed, and
// says per entry what happened — a signing failure is reported, never hidden and never fatal to the report.
import type { SigningStatus } from '../core/report.js';
import type { FullReview } from '../review/pipeline.js';
import type { Policy } from '../config/policy/schema.js';
import { signModel, writeSignatures, type SignedModel } from './sign-model.js';
import type { ReleaseAttestationContext } from './release-attestation.js';
import { bundleBuilder, type SigningMode } from './signers.js';

export interface SignReviewsOptions {
  mode: SigningMode;
  outDir: string;
  policy: Policy;
  prUrl?: string;
  release?: ReleaseAttestationContext;
}

export interface SignReviewsResult {
  statuses: SigningStatus[];
  /** Folders holding model.sig and vetting.sigstore.json, per signed entry. */
  dirs: string[];
  /** The bundles made, per signed entry, for publishing (e.g. to GitHub's attestations API). */
  signed: { repo: string; revision: string; bundles: SignedModel }[];
}

export async function signApprovedReviews(reviews: readonly FullReview[], opts: SignReviewsOptions): Promise<SignReviewsResult> {
  const statuses: SigningStatus[] = [];
  const dirs: string[] = [];
  const signedAll: SignReviewsResult['signed'] = [];
  const builder = bundleBuilder(opts.mode);
  for (const review of reviews) {
    if (review.verdict !== 'approved' || !review.commit || !review.canonicalId) continue;
    const { repo, revision } = review.entry;
    try {
      const signed = await signModel({
        modelName: review.canonicalId,
        review,
        signer: builder,
        vetting: {
          policy: opts.policy,
          ...(opts.prUrl ? { prUrl: opts.prUrl } : {}),
          ...(review.resolved?.info.createdAt ? { repoCreatedAt: review.resolved.info.createdAt } : {}),
          ...(review.author ? { authorCreatedAt: review.author.createdAt } : {})
        },
        release: opts.release ?? {}
      });
      const written = await writeSignatures(opts.outDir, review.canonicalId, review.commit, signed);
      dirs.push(written.dir);
      signedAll.push({ repo, revision, bundles: signed });
      statuses.push({ repo, revision, status: 'signed', detail: written.modelSig });
    } catch (err) {
      statuses.push({ repo, revision, status: 'failed', detail: err instanceof Error ? err.message : String(err) });
    }
  }
  return { statuses, dirs, signed: signedAll };
}
