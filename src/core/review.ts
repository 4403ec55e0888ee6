// What one reviewed allowlist entry produces (DESIGN.md, Core types).
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
}
