// Signs every approved review of a run (and only those), from the digests the verified download computed, and
// says per entry what happened — a signing failure is reported, never hidden and never fatal to the report.
import type { SigningStatus } from '../core/report.js';
import type { FullReview } from '../review/pipeline.js';
import type { Policy } from '../config/policy/schema.js';
import { signModel, writeSignatures } from './sign-model.js';
import { bundleBuilder, type SigningMode } from './signers.js';

export interface SignReviewsOptions {
  mode: SigningMode;
  outDir: string;
  policy: Policy;
  prUrl?: string;
}

export interface SignReviewsResult {
  statuses: SigningStatus[];
  /** Folders holding model.sig and vetting.sigstore.json, per signed entry. */
  dirs: string[];
}

export async function signApprovedReviews(reviews: readonly FullReview[], opts: SignReviewsOptions): Promise<SignReviewsResult> {
  const statuses: SigningStatus[] = [];
  const dirs: string[] = [];
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
        }
      });
      const written = await writeSignatures(opts.outDir, review.canonicalId, review.commit, signed);
      dirs.push(written.dir);
      statuses.push({ repo, revision, status: 'signed', detail: written.modelSig });
    } catch (err) {
      statuses.push({ repo, revision, status: 'failed', detail: err instanceof Error ? err.message : String(err) });
    }
  }
  return { statuses, dirs };
}
