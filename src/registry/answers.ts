// The registry's answers, built from store records: model info, tree / paths-info items, commits, refs, account
// overviews. Their shapes are the Hub client's own (src/hub/shapes/, one definition for both sides), so the
// compiler keeps what the registry serves and what the client validates in step. Pure functions; file contents
// they need are passed in.
import { lfsPointerText } from '../hub/oid.js';
import {
  DEFAULT_MODEL_KEYS, type ApiCommit, type ApiModelInfo, type ApiOrgOverview, type ApiRef, type ApiRefs,
  type ApiSecurityFileStatus, type ApiSecurityRepoStatus, type ApiTreeDirectory, type ApiTreeEntry, type ApiTreeFile,
  type ApiUserOverview
} from '../hub/shapes/index.js';
import { cardDataOf, configOf } from './card.js';
import type { FileScanSpec } from './spec.js';
import type { Snapshot, StoreCommit, StoreDir, StoreFile, StoreRepo } from './store.js';
import type { StoredAccount } from './store-format.js';

export function pointerSize(f: { sha256: string; size: number }): number {
  return Buffer.byteLength(lfsPointerText(f.sha256, f.size), 'latin1');
}

export function securityFileStatus(scan: FileScanSpec | undefined): ApiSecurityFileStatus {
  const status = scan?.status ?? 'unscanned';
  const out: ApiSecurityFileStatus = {
    status,
    avScan: { status: scan?.avScan ?? status },
    pickleImportScan: { status: scan?.pickleImportScan ?? status, ...(scan?.pickleImports ? { pickleImports: scan.pickleImports } : {}) }
  };
  if (scan?.protectAiScan) out.protectAiScan = { status: scan.protectAiScan };
  return out;
}

function lastCommitOf(c: StoreCommit): NonNullable<ApiTreeFile['lastCommit']> {
  return { id: c.id, title: c.title, date: c.date };
}

/** Tree / paths-info item for a file. */
export function fileItem(f: StoreFile, expand: boolean): ApiTreeFile {
  // Key order as the Hub sends it: lfs before path.
  const item: ApiTreeFile = {
    type: 'file',
    oid: f.gitOid,
    size: f.size,
    ...(f.lfs ? { lfs: { oid: f.sha256, size: f.size, pointerSize: pointerSize(f) } } : {}),
    path: f.path
  };
  if (expand) {
    item.lastCommit = lastCommitOf(f.lastCommit);
    item.securityFileStatus = securityFileStatus(f.scan);
  }
  return item;
}

export function dirItem(d: StoreDir, expand: boolean): ApiTreeDirectory {
  const item: ApiTreeDirectory = { type: 'directory', oid: d.oid, size: 0, path: d.path };
  if (expand) item.lastCommit = lastCommitOf(d.lastCommit);
  return item;
}

export function pathItem(snap: Snapshot, path: string, expand: boolean): ApiTreeEntry | undefined {
  const f = snap.files.get(path);
  if (f) return fileItem(f, expand);
  const d = snap.dirs.get(path);
  return d ? dirItem(d, expand) : undefined;
}

/** Files in path order (the snapshot's `paths` are sorted). */
export function sortedFiles(snap: Snapshot): StoreFile[] {
  return snap.paths.flatMap((p) => {
    const f = snap.files.get(p);
    return f ? [f] : [];
  });
}

/** Statuses the Hub lists under `securityRepoStatus.filesWithIssues`. */
const ISSUE_LEVELS = new Set(['caution', 'suspicious', 'unsafe']);

export function securityRepoStatus(repo: StoreRepo, snap: Snapshot): ApiSecurityRepoStatus {
  const filesWithIssues = sortedFiles(snap)
    .filter((f) => ISSUE_LEVELS.has(f.scan?.status ?? ''))
    .map((f) => ({ path: f.path, level: f.scan?.status ?? 'unscanned' }));
  return { scansDone: repo.scansDone, filesWithIssues };
}

export interface CardFiles {
  readme?: string;
  config?: string;
  tokenizerConfig?: string;
}

/** Every field the store can answer, keyed as the Hub names them. `siblings` is the plain `{rfilename}` form. */
export function modelFields(repo: StoreRepo, commit: StoreCommit, snap: Snapshot, files: CardFiles): ApiModelInfo {
  const cardData = files.readme === undefined ? undefined : cardDataOf(files.readme);
  const config = configOf(files.config, files.tokenizerConfig);
  const fields: ApiModelInfo = {
    _id: repo._id,
    id: repo.id,
    modelId: repo.id,
    author: repo.id.split('/')[0] as string,
    sha: commit.id,
    lastModified: commit.date,
    createdAt: repo.createdAt,
    private: repo.private,
    gated: repo.gated,
    disabled: repo.disabled,
    downloads: repo.downloads,
    downloadsAllTime: repo.downloads,
    likes: repo.likes,
    trendingScore: 0,
    tags: repo.tags,
    spaces: [],
    siblings: sortedFiles(snap).map((f) => ({ rfilename: f.path })),
    usedStorage: repo.usedStorage,
    xetEnabled: false
  };
  if (repo.pipeline_tag !== undefined) fields.pipeline_tag = repo.pipeline_tag;
  if (repo.library_name !== undefined) fields.library_name = repo.library_name;
  if (cardData) fields.cardData = cardData;
  if (config) fields.config = config;
  return fields;
}

/** `doc[k] = fields[k]` for each key the store has a value for (the Hub omits what it lacks). */
function copyKeys(doc: ApiModelInfo, fields: ApiModelInfo, keys: readonly string[]): void {
  const from = fields as unknown as Record<string, unknown>;
  const to = doc as unknown as Record<string, unknown>;
  for (const k of keys) if (from[k] !== undefined) to[k] = from[k];
}

/** The default model-info document, optionally with `blobs` siblings and `securityRepoStatus`. */
export function modelInfoDefault(
  fields: ApiModelInfo,
  repo: StoreRepo,
  snap: Snapshot,
  opts: { blobs: boolean; securityStatus: boolean }
): ApiModelInfo {
  const doc: ApiModelInfo = { _id: fields._id, id: fields.id };
  copyKeys(doc, fields, DEFAULT_MODEL_KEYS);
  if (opts.blobs) {
    doc.siblings = sortedFiles(snap).map((f) => ({
      rfilename: f.path,
      size: f.size,
      blobId: f.gitOid,
      ...(f.lfs ? { lfs: { sha256: f.sha256, size: f.size, pointerSize: pointerSize(f) } } : {})
    }));
  }
  if (opts.securityStatus) doc.securityRepoStatus = securityRepoStatus(repo, snap);
  return doc;
}

/** `?expand=` mode: exactly `_id`, `id` and the requested keys (validated by the caller). */
export function modelInfoExpanded(fields: ApiModelInfo, keys: string[]): ApiModelInfo {
  const doc: ApiModelInfo = { _id: fields._id, id: fields.id };
  copyKeys(doc, fields, keys);
  return doc;
}

export function commitItem(c: StoreCommit): ApiCommit {
  return { id: c.id, title: c.title, message: c.message, authors: c.authors.map((user) => ({ user })), date: c.date };
}

/**
 * Branches and tags as the Hub lists them. Store branches named `refs/pr/N` are pull-request refs (listed only
 * with include_prs) and `refs/convert/X` are conversion refs; neither is a branch.
 */
export function refsDocument(repo: StoreRepo, includePrs: boolean): ApiRefs {
  const byName = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);
  const all = Object.entries(repo.branches).sort(byName);
  const ref = (name: string, refName: string, targetCommit: string): ApiRef => ({ name, ref: refName, targetCommit });
  const doc: ApiRefs = {
    branches: all.filter(([n]) => !n.startsWith('refs/')).map(([n, t]) => ref(n, `refs/heads/${n}`, t)),
    converts: all.filter(([n]) => n.startsWith('refs/convert/')).map(([n, t]) => ref(n.slice('refs/convert/'.length), n, t)),
    tags: Object.entries(repo.tags_refs).sort(byName).map(([n, t]) => ref(n, `refs/tags/${n}`, t))
  };
  if (includePrs) doc.pullRequests = all.filter(([n]) => /^refs\/pr\/\d+$/.test(n)).map(([n, t]) => ref(n, n, t));
  return doc;
}

export function userOverview(a: StoredAccount, numModels: number, hubUrl: string): ApiUserOverview {
  return {
    _id: a._id,
    avatarUrl: `${hubUrl}/avatars/${a.name}.svg`,
    isPro: a.isPro,
    fullname: a.fullname,
    user: a.name,
    type: 'user',
    createdAt: a.createdAt,
    numModels,
    numDatasets: 0,
    numSpaces: 0,
    numDiscussions: 0,
    numPapers: 0,
    numUpvotes: 0,
    numLikes: 0,
    numFollowers: 0,
    numFollowing: 0,
    orgs: [],
    isFollowing: false
  };
}

/** Organisation overviews carry no createdAt: the `_id` timestamp is the only creation date. */
export function orgOverview(a: StoredAccount, numModels: number, hubUrl: string): ApiOrgOverview {
  return {
    _id: a._id,
    avatarUrl: `${hubUrl}/avatars/${a.name}.svg`,
    fullname: a.fullname,
    name: a.name,
    type: 'org',
    isVerified: a.isVerified,
    isEnterprise: false,
    plan: a.isPro ? 'team' : 'free',
    numUsers: 1,
    numModels,
    numDatasets: 0,
    numSpaces: 0,
    numFollowers: 0,
    numPapers: 0,
    isFollowing: false
  };
}
