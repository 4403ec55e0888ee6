// The Hub client: a thin facade over one module per endpoint (api/) and one transport (http.ts), holding the
// options they share. It resolves `org/name@sha` with every redirect recorded, lists the tree, commits and refs,
// looks up authors, and downloads files through the verified stream (download.ts). Renames are reported, never
// hidden: the caller decides policy from `renamed` and `redirects`.
import { HubHttp, type FetchLike, type HttpOptions, type Sleep } from './http.js';
import { getAuthor, type AccountKind } from './api/author.js';
import { listCommits } from './api/commits.js';
import { resolveRepo } from './api/model-info.js';
import { getRefs } from './api/refs.js';
import { searchModels, type SearchOptions } from './api/search.js';
import type { ModelSummary } from './shapes/model-list.js';
import { listTree } from './api/tree.js';
import { listFiles } from './api/files.js';
import { fetchMainCard, type CardText } from './api/card.js';
import { Downloader, type DownloadRequest, type DownloadResult } from './download.js';
import type { Author, CommitList, Refs, ResolvedRepo, TreeFile, TreeItem } from './types.js';

export { assertRepoId, assertRevision } from './api/args.js';
export { hubScanStatus, type HubScanStatus } from './scan-status.js';

export interface HubClientOptions extends Omit<HttpOptions, 'hubUrl'> {
  /** Hub origin; pick it with pickHubUrl (input > HF_ENDPOINT > public Hub). */
  hubUrl: string;
  token?: string;
  fetch?: FetchLike;
  sleep?: Sleep;
  userAgent?: string;
  /** Origins LFS redirects may point to (see download.ts cdnPolicy for the default). */
  allowedCdnOrigins?: string[];
  /** Resumes of one file's body after broken or stalled connections. Default 5. */
  maxResumes?: number;
  /** A file's wall-clock deadline: this floor plus its size at minBytesPerSecond (download.ts). Default 120 s. */
  fileDeadlineFloorMs?: number;
  /** Default 1 MiB/s. */
  minBytesPerSecond?: number;
  /** Redirects followed while resolving a repository. Default 5. */
  maxRedirects?: number;
  /** Pages read from a tree listing before giving up (fail closed). Default 5000. */
  maxTreePages?: number;
  /** Pages of commits read; beyond it the list is returned with complete:false. Default 50. */
  maxCommitPages?: number;
}

export class HubClient {
  readonly http: HubHttp;
  readonly hubUrl: string;
  private readonly downloader: Downloader;
  private readonly maxRedirects: number;
  private readonly maxTreePages: number;
  private readonly maxCommitPages: number;

  constructor(opts: HubClientOptions) {
    this.http = new HubHttp(opts);
    this.hubUrl = this.http.hubOrigin;
    this.maxRedirects = opts.maxRedirects ?? 5;
    this.maxTreePages = opts.maxTreePages ?? 5000;
    this.maxCommitPages = opts.maxCommitPages ?? 50;
    this.downloader = new Downloader(this.http, {
      ...(opts.allowedCdnOrigins ? { allowedCdnOrigins: opts.allowedCdnOrigins } : {}),
      ...(opts.maxResumes !== undefined ? { maxResumes: opts.maxResumes } : {}),
      ...(opts.fileDeadlineFloorMs !== undefined ? { fileDeadlineFloorMs: opts.fileDeadlineFloorMs } : {}),
      ...(opts.minBytesPerSecond !== undefined ? { minBytesPerSecond: opts.minBytesPerSecond } : {})
    });
  }

  /** Model info for `repo` at the pinned commit, renames followed by hand and recorded (api/model-info.ts). */
  resolveRepo(repo: string, revision: string): Promise<ResolvedRepo> {
    return resolveRepo(this.http, repo, revision, { maxRedirects: this.maxRedirects });
  }

  /** Every file and directory at `sha`, all pages, paths validated; never a partial tree (api/tree.ts). */
  listTree(repo: string, sha: string): Promise<TreeItem[]> {
    return listTree(this.http, repo, sha, { maxPages: this.maxTreePages });
  }

  /** Every file at a resolved commit, from its model info where that can stand for the tree (api/files.ts). */
  listFiles(resolved: ResolvedRepo): Promise<TreeFile[]> {
    return listFiles(this.http, resolved, { maxPages: this.maxTreePages });
  }

  /**
   * Commits reachable from `rev`, newest first, all pages up to maxCommitPages (or `opts.maxPages`, for callers
   * that need only the newest page and the total count).
   */
  listCommits(repo: string, rev: string, opts: { maxPages?: number } = {}): Promise<CommitList> {
    return listCommits(this.http, repo, rev, Math.min(opts.maxPages ?? this.maxCommitPages, this.maxCommitPages));
  }

  getRefs(repo: string): Promise<Refs> {
    return getRefs(this.http, repo);
  }

  /** The most downloaded models whose id contains `query`, one bounded page (api/search.ts). */
  searchModels(query: string, opts: SearchOptions = {}): Promise<ModelSummary[]> {
    return searchModels(this.http, query, opts);
  }

  /** Another repository's README.md at `main`, in one bounded request; undefined when that path cannot tell (api/card.ts). */
  fetchMainCard(repo: string, maxBytes: number): Promise<CardText | undefined> {
    return fetchMainCard(this.http, repo, maxBytes);
  }

  /** The user or organisation `name` (they share one namespace); `first` is the kind asked first (default users). */
  getAuthor(name: string, first?: AccountKind): Promise<Author> {
    return getAuthor(this.http, name, first);
  }

  /** Downloads one tree file at `sha` through the verified stream (see download.ts). */
  download(req: DownloadRequest): Promise<DownloadResult> {
    return this.downloader.download(req);
  }

  /** The last `k` bytes of a file (zip central directories), via a Range request. */
  fetchTail(repo: string, sha: string, item: TreeFile, k: number): Promise<Uint8Array> {
    return this.downloader.fetchTail(repo, sha, item, k);
  }

  /** Closes the transport's idle connections (pooled keep-alive sockets, proxy tunnels). */
  close(): Promise<void> {
    return this.http.close();
  }
}
