// What the content checks see: the repository's file list (with the formats the scanners recognised) and the
// text of the small files captured during the single read. Both the review pipeline (Hub) and `model-gate scan`
// (local folders) can supply this, so these checks run online and offline alike.
import type { Finding } from '../../core/findings.js';

export interface RepoFile {
  /** Repository-relative POSIX path (or the displayed local path for `model-gate scan`). */
  path: string;
  size: number;
  /** Formats recognised by content (`python`, `script`, `json`, `elf`, `pickle` …). */
  formats: string[];
  /** False when the file's bytes were not fully fetched/scanned (its own blocking finding says why). */
  complete?: boolean;
}

/** Who publishes the repository, when the review knows (a Hub review); absent for local scans. */
export interface PublisherFacts {
  /** The repository id on the Hub (`org/name`). */
  repo: string;
  namespace: string;
  /** Trusted by the policy, or verified by the Hub: its own card and profile speak for it. */
  vouched: boolean;
  /** GitHub organisations its Hub profile links to, when the Hub says. */
  githubOrgs?: string[];
  /** The commit under review (what a snippet's `revision=` is compared with). */
  commit?: string;
  /** Namespaces the policy trusts (whose repositories' code a card may load as a separately reviewed dependency). */
  trusted?: readonly string[];
}

export interface RepoContent {
  files: RepoFile[];
  /** Text of a small file captured during the single read, or undefined when it was not kept. */
  text(path: string): string | undefined;
  publisher?: PublisherFacts;
  /**
   * Every stream whose text was captured, archive members included (`x.whl!/pkg/__init__.py`), so checks can read
   * code inside archives. Optional: sources without containers give only `files`.
   */
  captured?(): readonly string[];
  /** Streams, members included, whose text was not kept because of the size limits. */
  skipped?(): readonly string[];
  /** The repository's id (`org/name`) when known: code in another repository of the same publisher is graded apart. */
  repo?: string;
  /** The index of `files` by path, shared by the checks of one review (paths.ts builds one when absent). */
  paths?(): PathIndex;
}

/** Lookups by path over RepoContent.files (paths.ts). */
export interface PathIndex {
  /** The file at `path` (the last one listed, should a path be listed twice). */
  file(path: string): RepoFile | undefined;
  has(path: string): boolean;
  /** Whether `dir` is a folder of some file: a proper prefix of its path ending at a `/` ('' is not). */
  isDir(dir: string): boolean;
}

export interface ContentCheck {
  /** Stable id, the prefix of most check ids its findings use. */
  id: string;
  run(repo: RepoContent): Finding[];
}
