// Declarative description of a local registry store: what tests, the demo and mirrors build repositories from.
// The builder (store-builder.ts) turns a StoreSpec into a store folder; the server (server.ts) serves that folder.

/** Hub scan status of one file, as the Hub's `securityFileStatus` reports it. */
export type ScanState = 'unscanned' | 'safe' | 'queued' | 'error' | 'caution' | 'suspicious' | 'unsafe';

export interface PickleImportSpec {
  module: string;
  name: string;
  safety: 'innocuous' | 'suspicious' | 'dangerous';
}

export interface FileScanSpec {
  /** Overall status; defaults to 'unscanned'. */
  status?: ScanState;
  avScan?: ScanState;
  pickleImportScan?: ScanState;
  pickleImports?: PickleImportSpec[];
  protectAiScan?: ScanState;
}

/** File bytes: literal text/bytes, or generated deterministically so huge files never sit in memory. */
export type ContentSpec =
  | string
  | Uint8Array
  | { generate: { size: number; seed?: number } }
  | { fromFile: string };

export interface FileSpec {
  content: ContentSpec;
  /** Stored through LFS (served by a 302 to the CDN origin). Defaults by extension/size like the Hub does. */
  lfs?: boolean;
  scan?: FileScanSpec;
}

export interface CommitSpec {
  title: string;
  message?: string;
  /** Hub user names shown as commit authors. */
  authors?: string[];
  /** ISO date of the commit. */
  date: string;
  /** Changes relative to the previous commit: a FileSpec adds or replaces, null deletes. */
  files: Record<string, FileSpec | ContentSpec | null>;
}

export interface RepoSpec {
  /** Canonical `namespace/name`. */
  id: string;
  /**
   * The name the repository was created under, when it was renamed or transferred since: the Hub keeps a
   * repository's `_id` across renames, and the `_id` here is derived from this name (default: `id`).
   */
  createdAs?: string;
  createdAt?: string;
  private?: boolean;
  gated?: false | 'auto' | 'manual';
  disabled?: boolean;
  downloads?: number;
  likes?: number;
  tags?: string[];
  pipeline_tag?: string;
  library_name?: string;
  /** Oldest first. The first commit is conventionally titled "initial commit". */
  commits: CommitSpec[];
  /** Branch name → index into `commits` (default: { main: last }). */
  branches?: Record<string, number>;
  tags_refs?: Record<string, number>;
  /** Whether the Hub's scanners have run over the repo (`securityRepoStatus.scansDone`). Default true. */
  scansDone?: boolean;
}

export interface AccountSpec {
  name: string;
  type: 'user' | 'org';
  /** ISO creation date; the account's ObjectId `_id` encodes the same second. */
  createdAt: string;
  fullname?: string;
  isVerified?: boolean;
  isPro?: boolean;
}

export interface RedirectSpec {
  /** Old `namespace/name` that now answers 307 to `to` (renames, transfers). */
  from: string;
  to: string;
}

export interface StoreSpec {
  accounts: AccountSpec[];
  repos: RepoSpec[];
  redirects?: RedirectSpec[];
}
