// The seam for repository-level checks: each check is one module exporting a RepoCheck, listed once in
// src/checks/index.ts. A check sees the resolved metadata, the tree, every file's verified digests and scan
// results, and the small text files captured during the single download pass; it returns findings.
import type { Finding } from '../core/findings.js';
import type { HubClient } from '../hub/client.js';
import type { Author, ResolvedRepo, TreeFile } from '../hub/types.js';
import type { Policy } from '../config/policy/schema.js';
import type { Entry, FileReport } from '../core/review.js';

export interface RepoCheckContext {
  entry: Entry;
  resolved: ResolvedRepo;
  /** Every file at the pinned commit (including ones not fetched). */
  tree: TreeFile[];
  /** What was fetched, verified and scanned. */
  files: FileReport[];
  /** Text of a small file captured during the download (README.md, config.json, *.py …), if it was captured. */
  text(path: string): string | undefined;
  /** For checks that need more Hub metadata (commits, author); their errors become findings, not crashes. */
  hub: HubClient;
  /** The repository's user or organisation, fetched once by the pipeline; absent when that lookup failed (the
   * pipeline has already reported why, as a `hub.author.*` finding). */
  author?: Author;
  policy: Policy;
  now: Date;
}

export interface RepoCheck {
  /** Stable id, the prefix of the check ids its findings use. */
  id: string;
  run(ctx: RepoCheckContext): Promise<Finding[]> | Finding[];
}
