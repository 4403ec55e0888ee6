// What the Hub client returns, validated (hub-api.md "Endpoints"). Only fields the gate reads are kept.

/** One step of a rename/transfer chain: the Hub answered `status` for `from` and pointed at `to`. */
export interface RedirectHop {
  from: string;
  to: string;
  status: number;
  /** The Location it sent, resolved and redacted. */
  location: string;
}

export interface PickleImport {
  module: string;
  name: string;
  safety: string;
}

export interface ScannerStatus {
  status: string;
  message?: string;
  pickleImports?: PickleImport[];
}

/** The Hub's own scanners' view of one file (evidence, never the gate). */
export interface SecurityFileStatus {
  status: string;
  avScan?: ScannerStatus;
  pickleImportScan?: ScannerStatus;
  protectAiScan?: ScannerStatus;
  jFrogScan?: ScannerStatus;
  virusTotalScan?: ScannerStatus;
}

export interface LastCommit {
  id: string;
  title: string;
  date: string;
}

export interface LfsInfo {
  /** sha256 of the real content. */
  oid: string;
  size: number;
  pointerSize?: number;
}

export interface TreeFile {
  type: 'file';
  /** Relative POSIX path, validated: no `..`, no absolute, no backslash, no NUL. */
  path: string;
  /** Git blob sha1 (of the pointer text for LFS files). */
  oid: string;
  size: number;
  lfs?: LfsInfo;
  xetHash?: string;
  lastCommit?: LastCommit;
  securityFileStatus?: SecurityFileStatus;
}

export interface TreeDirectory {
  type: 'directory';
  path: string;
  oid: string;
  lastCommit?: LastCommit;
}

export type TreeItem = TreeFile | TreeDirectory;

export interface Sibling {
  rfilename: string;
  size?: number;
  blobId?: string;
  lfs?: { sha256: string; size: number; pointerSize?: number };
}

export interface SecurityRepoStatus {
  scansDone: boolean;
  filesWithIssues: { path: string; level: string }[];
}

/** Model info at a revision, from `?blobs=true&securityStatus=true`. */
export interface ModelInfo {
  /** The repository's immutable ObjectId. */
  _id: string;
  /** Canonical `namespace/name` (after any rename). */
  id: string;
  /** The commit the revision resolved to. */
  sha: string;
  author?: string;
  createdAt?: string;
  lastModified?: string;
  private?: boolean;
  gated?: false | 'auto' | 'manual';
  disabled?: boolean;
  downloads?: number;
  likes?: number;
  tags?: string[];
  pipeline_tag?: string;
  library_name?: string;
  siblings?: Sibling[];
  securityRepoStatus?: SecurityRepoStatus;
  cardData?: unknown;
  config?: unknown;
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

export interface Commit {
  id: string;
  title: string;
  message?: string;
  authors: { user: string }[];
  date: string;
}

export interface CommitList {
  commits: Commit[];
  /** X-Total-Count when the Hub sent it. */
  total?: number;
  /** False when the page bound was hit before the history ended. */
  complete: boolean;
}

export interface Ref {
  name: string;
  ref: string;
  targetCommit: string;
}

export interface Refs {
  branches: Ref[];
  tags: Ref[];
  converts: Ref[];
}

export interface Author {
  /** The account name as the Hub spells it. */
  name: string;
  type: 'user' | 'org';
  /** Immutable ObjectId. */
  id: string;
  /** ISO creation time. */
  createdAt: string;
  /** Where createdAt came from: the `createdAt` field, or the `_id` timestamp (orgs have no createdAt). */
  createdAtSource: 'createdAt' | 'objectId';
  fullname?: string;
  isVerified?: boolean;
  isPro?: boolean;
}
