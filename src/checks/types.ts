// The seam for repository-level checks: each check is one module exporting a RepoCheck, listed once in
// src/checks/index.ts. A check sees every file's verified digests and scan results and the small text files
// captured during the single read; checks that need the Hub also see the resolved metadata, the tree, the author,
// and a narrow read-only Hub port. A review of local files runs the file-level checks and reports the Hub ones as
// skipped; nothing here can download a file outside the review's single verified pass.
import type { Entry, FileReport } from '../core/review.js';
import type { Finding } from '../core/findings.js';
import type { Policy } from '../config/policy/schema.js';
import type { Author, CommitList, ResolvedRepo, TreeFile } from '../hub/types.js';
import type { ModelSummary } from '../hub/shapes/model-list.js';

/** What every check sees: the files as read once, whatever their source. */
export interface FilesCheckContext {
  /** What was read, verified (Hub) and scanned. */
  files: FileReport[];
  /** Text of a small file captured during the single read (README.md, config.json, *.py …), if it was captured. */
  text(path: string): string | undefined;
  /** Paths of every captured stream, archive members included (`x.whl!/pkg/a.py`). */
  captured?(): readonly string[];
  /** Paths of streams (members included) whose text was not kept because of the size limits. */
  skipped?(): readonly string[];
  /** The repository's id (`org/name`) when the files come from one (the Hub); a local folder has none. */
  repo?: string;
  policy: Policy;
  now: Date;
}

/** The model card of another repository, for comparison; never throws: a failure is a reason. */
export type OriginalCard = { ok: true; text: string; sha: string; path: string } | { ok: false; reason: string };

/**
 * The few Hub reads checks may make beyond what the review already fetched. Read-only and bounded: no call here
 * can fetch a file of the repository under review, so every byte a verdict rests on went through the single
 * verified pass.
 */
export interface CheckHubPort {
  /**
   * Does `namespace/name` exist on this Hub? true when it answers (or is gated, disabled, moved), false when it
   * does not, undefined when the Hub could not say (rate limit, outage). Never throws.
   */
  repoExists(repoId: string): Promise<boolean | undefined>;
  /** The newest page of commits reachable from `sha`, with the total when the Hub gives it. Throws HubError. */
  recentCommits(repoId: string, sha: string): Promise<CommitList>;
  /** README.md at the head of another repository's main branch, at most 1 MiB. Never throws. */
  modelCard(repoId: string): Promise<OriginalCard>;
  /**
   * The most downloaded repositories whose id contains `query` (one bounded search). undefined when the Hub could
   * not answer. Never throws.
   */
  searchModels(query: string): Promise<ModelSummary[] | undefined>;
}

/** What checks of a Hub review see in addition. */
export interface HubCheckContext extends FilesCheckContext {
  entry: Entry;
  /** The base branch's entry this one replaces (a re-pin or re-bind): what was approved before. */
  previous?: Entry;
  resolved: ResolvedRepo;
  /** Every file at the pinned commit (including ones not fetched). */
  tree: TreeFile[];
  /** The repository's user or organisation, fetched once by the pipeline; absent when that lookup failed (the
   * pipeline has already reported why, as a `hub.author.*` finding). */
  author?: Author;
  hub: CheckHubPort;
}

type Result = Promise<Finding[]> | Finding[];

/** A check over the files alone: runs for Hub reviews and local scans alike. */
export interface FilesCheck {
  /** Stable id, the prefix of the check ids its findings use. */
  id: string;
  needs: 'files';
  run(ctx: FilesCheckContext): Result;
}

/** A check that needs Hub metadata: skipped (and said so) for local scans. */
export interface HubCheck {
  id: string;
  needs: 'hub';
  run(ctx: HubCheckContext): Result;
}

export type RepoCheck = FilesCheck | HubCheck;
