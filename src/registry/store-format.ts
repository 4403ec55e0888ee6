// The on-disk shape of a store folder, shared by the builder (writes it) and the loader (validates and reads it).
//
//   store.json                    { format, version, redirects }
//   accounts/<name>.json          StoredAccount
//   repos/<namespace>/<name>.json StoredRepo (commits as changes, oldest first)
//   objects/<aa>/<sha256>         file content, addressed by the sha256 of its bytes
import type { FileScanSpec, RedirectSpec } from './spec.js';

export const STORE_FORMAT = 'model-gate-store';
export const STORE_VERSION = 1;

export interface StoredRoot {
  format: typeof STORE_FORMAT;
  version: typeof STORE_VERSION;
  redirects: RedirectSpec[];
}

export interface StoredAccount {
  name: string;
  type: 'user' | 'org';
  _id: string;
  createdAt: string;
  fullname: string;
  isVerified: boolean;
  isPro: boolean;
}

export interface StoredFile {
  sha256: string;
  size: number;
  /** What the Hub reports as `oid`: git blob sha1 of the bytes, or of the LFS pointer text for LFS files. */
  gitOid: string;
  lfs: boolean;
  scan?: FileScanSpec;
}

export interface StoredCommit {
  id: string;
  parent: string | null;
  title: string;
  message: string;
  authors: string[];
  date: string;
  /** path → new file, or null when the commit deletes it. */
  changes: Record<string, StoredFile | null>;
}

export interface StoredRepo {
  id: string;
  _id: string;
  createdAt: string;
  private: boolean;
  gated: false | 'auto' | 'manual';
  disabled: boolean;
  downloads: number;
  likes: number;
  tags: string[];
  pipeline_tag?: string;
  library_name?: string;
  scansDone: boolean;
  commits: StoredCommit[];
  /** ref name → commit sha. */
  branches: Record<string, string>;
  tags_refs: Record<string, string>;
}

export function objectRelPath(sha256: string): string {
  return `objects/${sha256.slice(0, 2)}/${sha256}`;
}
