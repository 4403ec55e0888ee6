// What the Hub client returns. The per-endpoint shapes live once in shapes/ (shared with the local registry);
// this module re-exports the client's view of them and adds what only the client builds (rename chains, lists).
import type { ModelInfo } from './shapes/model-info.js';
import type { Commit } from './shapes/commits.js';

export type { Author } from './shapes/author.js';
export type { Commit } from './shapes/commits.js';
export type { ModelInfo, SecurityRepoStatus, Sibling } from './shapes/model-info.js';
export type { Ref, Refs } from './shapes/refs.js';
export type {
  LastCommit, LfsInfo, PickleImport, ScannerStatus, SecurityFileStatus, TreeDirectory, TreeFile, TreeItem
} from './shapes/tree.js';

/** One step of a rename/transfer chain: the Hub answered `status` for `from` and pointed at `to`. */
export interface RedirectHop {
  from: string;
  to: string;
  status: number;
  /** The Location it sent, resolved and redacted. */
  location: string;
}

export interface ResolvedRepo {
  /** The id that was asked for. */
  requested: string;
  /** The id the Hub answered with. */
  canonicalId: string;
  /** The repository's ObjectId `_id`. */
  repoId: string;
  /** The pinned commit, checked to resolve to itself. */
  sha: string;
  /** Every redirect followed, in order (empty when the name answered directly). */
  redirects: RedirectHop[];
  /** True when the name moved: a redirect happened or the answer's id differs from the request. */
  renamed: boolean;
  info: ModelInfo;
}

export interface CommitList {
  commits: Commit[];
  /** X-Total-Count when the Hub sent it. */
  total?: number;
  /** False when the page bound was hit before the history ended. */
  complete: boolean;
}
