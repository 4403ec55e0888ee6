// What every renderer in src/report/ takes: the reviews of one allowlist change (or one local scan) plus the
// context around them.
import type { LocatedError } from './errors.js';
import type { AnyReview, Entry } from './review.js';

/** Whether an entry's approval was signed, and where the bundle is or why it is not. */
export interface SigningStatus {
  repo: string;
  revision: string;
  status: 'signed' | 'skipped' | 'failed';
  /** signed → the bundle path; skipped/failed → why (e.g. "no OIDC token on fork PRs"). */
  detail: string;
}

export interface ReportInput {
  reviews: AnyReview[];
  /** Entries the change removes from the allowlist (listed, not reviewed). */
  removed: Entry[];
  /** Hub base URL for links, e.g. https://huggingface.co (trusted configuration, not model data); absent for a
   * local scan. */
  hubUrl?: string;
  /** Repository-relative path of approved-models.yaml (annotations, SARIF locations); absent for a local scan. */
  allowlistPath?: string;
  /** Where the policy in effect came from, e.g. ".github/model-gate.yml at base a1b2c3d". */
  policySource: string;
  /** Human lines describing a policy change made by this PR; it is not in effect in this PR. */
  policyChanges: string[];
  toolVersion: string;
  /** Where the untruncated report lives (workflow run summary or artifact URL). */
  fullReportUrl?: string;
  signing?: SigningStatus[];
  /** Allowlist, policy and input errors: each fails the check. */
  errors?: LocatedError[];
  /** What a reviewer should know about the configuration that is not an error (e.g. an input loosening the policy). */
  warnings?: string[];
}
