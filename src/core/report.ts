// What every renderer in src/report/ takes: the reviews of one allowlist change plus the context around them.
import type { Entry, Review } from './review.js';

/** An allowlist validation error, located for annotations and the comment's top section. */
export interface AllowlistError {
  file: string;
  /** 1-based line; 0 or absent when the error is about the whole file. */
  line?: number;
  message: string;
}

/** Whether an entry's approval was signed, and where the bundle is or why it is not. */
export interface SigningStatus {
  repo: string;
  revision: string;
  status: 'signed' | 'skipped' | 'failed';
  /** signed → the bundle path; skipped/failed → why (e.g. "no OIDC token on fork PRs"). */
  detail: string;
}

export interface ReportInput {
  reviews: Review[];
  /** Entries the change removes from the allowlist (listed, not reviewed). */
  removed: Entry[];
  /** Hub base URL for links, e.g. https://huggingface.co (trusted configuration, not model data). */
  hubUrl: string;
  /** Repository-relative path of approved-models.yaml (annotations, SARIF locations). */
  allowlistPath: string;
  /** Where the policy in effect came from, e.g. ".github/model-gate.yml at base a1b2c3d". */
  policySource: string;
  /** Human lines describing a policy change made by this PR; it is not in effect in this PR. */
  policyChanges: string[];
  toolVersion: string;
  /** Where the untruncated report lives (workflow run summary or artifact URL). */
  fullReportUrl?: string;
  signing?: SigningStatus[];
  errors?: AllowlistError[];
}
