// What a review produces (DESIGN.md, Core types): the review of one allowlist entry on the Hub, or of files on disk
// (`model-gate scan`). Both come out of the same pipeline and go through the same renderers.
import type { Finding, Verdict } from './findings.js';

/** One allowlist item, with its line for annotations. */
export interface Entry {
  repo: string;
  revision: string;
  /** 1-based line of the entry in approved-models.yaml. */
  line: number;
  /** Optional glob patterns limiting which files are fetched and signed. */
  files?: string[];
  reason?: string;
  /** The repository's and its author's immutable Hub `_id`s recorded at approval: a re-pin must match them. */
  repoId?: string;
  authorId?: string;
  /** The policy profile whose rules review this entry (`profiles:` in the policy); absent: the top-level rules. */
  profile?: string;
}

export interface FileReport {
  path: string;
  size: number;
  sha256?: string;
  gitOid?: string;
  lfs: boolean;
  formats: string[];
  findings: Finding[];
  /** False when the file's bytes were not fully verified and scanned. */
  complete: boolean;
}

export interface RedirectHop {
  from: string;
  to: string;
  status: number;
}

export interface Review {
  kind?: 'entry';
  entry: Entry;
  /** The id the Hub answered with (after any redirect); differs from entry.repo on a rename/transfer. */
  canonicalId?: string;
  repoId?: string;
  authorId?: string;
  commit?: string;
  redirects: RedirectHop[];
  files: FileReport[];
  /** Every finding: repo-level ones plus each file's. */
  findings: Finding[];
  verdict: Verdict;
  /** False when something was not fully examined (a file, the tree, a check): the verdict is then `rejected`. */
  complete: boolean;
  /**
   * Set when the policy's fast track approved the entry without a human review: approved, fully examined, and its
   * publisher (namespace) already in the base allowlist.
   */
  fastTrack?: { publisher: string };
}

/** The review of files and folders on disk: the same scanners and file-level checks, no Hub. */
export interface LocalReview {
  kind: 'local';
  /** The paths as the user named them. */
  paths: string[];
  files: FileReport[];
  findings: Finding[];
  verdict: Verdict;
  complete: boolean;
}

/** Either kind: what renderers take. */
export type AnyReview = Review | LocalReview;

export function isLocalReview(r: AnyReview): r is LocalReview {
  return r.kind === 'local';
}
