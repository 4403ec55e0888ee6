// The Hub client: resolves `org/name@sha` with every redirect recorded, lists the tree, commits and refs, looks up
// authors, and downloads files through the verified stream (download.ts). Renames are reported, never hidden:
// the caller decides policy from `renamed` and `redirects`.
import { checkNamespace, checkRepoId } from '../core/ids.js';
import { HubError } from './errors.js';
import { HubHttp, type FetchLike, type HttpOptions, type JsonAnswer, type Sleep } from './http.js';
import { HEX40 } from './oid.js';
import {
  parseCommit, parseModelInfo, parseOrgOverview, parseRefs, parseTreeItem, parseUserOverview
} from './parse.js';
import { arr } from './shape.js';
import { Downloader, type DownloadRequest, type DownloadResult } from './download.js';
import type {
  Author, Commit, CommitList, RedirectHop, Refs, ResolvedRepo, SecurityFileStatus, SecurityRepoStatus, TreeFile,
  TreeItem
} from './types.js';

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
  /** Redirects followed while resolving a repository. Default 5. */
  maxRedirects?: number;
  /** Pages read from a tree listing before giving up (fail closed). Default 5000. */
  maxTreePages?: number;
  /** Pages of commits read; beyond it the list is returned with complete:false. Default 50. */
  maxCommitPages?: number;
}

/** Throws 'invalid-repo-id' unless `repo` is a `namespace/name` the Hub allows (src/ids.ts). */
export function assertRepoId(repo: string): void {
  const problem = checkRepoId(repo);
  if (problem) throw new HubError('invalid-repo-id', `${problem.message}. ${problem.help}`);
}

/** Throws 'invalid-revision' unless `revision` is a full 40-hex lowercase commit sha. */
export function assertRevision(revision: string): void {
  if (!HEX40.test(revision)) {
    const hint = /^[0-9a-fA-F]{7,39}$/.test(revision)
      ? 'a short sha is ambiguous and can be made to collide'
      : /^[0-9a-fA-F]{40}$/.test(revision)
        ? 'write it in lowercase'
        : 'a branch or tag name can be moved to other bytes at any time';
    throw new HubError(
      'invalid-revision',
      `revision '${revision.slice(0, 100)}' is not a full 40-hex commit sha (${hint}); pin the exact commit, e.g. from the repository's "Files and versions" history`
    );
  }
}

function parseLinkNext(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
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
      ...(opts.maxResumes !== undefined ? { maxResumes: opts.maxResumes } : {})
    });
  }

  /**
   * Model info for `repo` at the pinned commit, following 3xx by hand: only same-origin model-info Locations,
   * at most maxRedirects hops, no loops, every hop recorded. Requires the Hub to resolve the sha to itself.
   */
  async resolveRepo(repo: string, revision: string): Promise<ResolvedRepo> {
    assertRepoId(repo);
    assertRevision(revision);
    const redirects: RedirectHop[] = [];
    let current = repo;
    let url = `${this.hubUrl}/api/models/${repo}/revision/${revision}?blobs=true&securityStatus=true`;
    const seen = new Set<string>([url]);
    for (;;) {
      const what = `model info for ${current}@${revision}`;
      const answer = await this.http.getJson(url, { what, notFound: 'repo-not-found' });
      if (answer.location === undefined) {
        const info = this.http.validate(answer, what, parseModelInfo);
        if (info.sha !== revision) {
          throw new HubError(
            'revision-mismatch',
            `${what}: the Hub resolved the pinned commit to ${info.sha}; a pinned sha must resolve to itself, so this answer cannot be trusted`,
            { url: answer.url, expected: revision, actual: info.sha }
          );
        }
        return {
          requested: repo,
          canonicalId: info.id,
          repoId: info._id,
          sha: info.sha,
          redirects,
          renamed: redirects.length > 0 || info.id !== repo,
          info
        };
      }
      const next = new URL(answer.location, url);
      const target = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(next.pathname);
      if (next.origin !== this.hubUrl || !target) {
        throw new HubError(
          'unexpected-redirect',
          `${what}: HTTP ${answer.status} to ${next.origin}${next.pathname}, which is not model info on this Hub; only renames within ${this.hubUrl} are followed`,
          { url: answer.url, status: answer.status }
        );
      }
      const toRepo = decodeURIComponent(target[1] ?? '');
      const toRev = decodeURIComponent(target[2] ?? '');
      const toProblem = checkRepoId(toRepo);
      if (toProblem) {
        throw new HubError('unexpected-redirect', `${what}: HTTP ${answer.status} to a repository that cannot exist on the Hub: ${toProblem.message}`, {
          url: answer.url,
          status: answer.status
        });
      }
      if (toRev !== revision) {
        throw new HubError(
          'unexpected-redirect',
          `${what}: the redirect changes the revision to '${toRev.slice(0, 80)}'; a pinned commit must not move`,
          { url: answer.url, status: answer.status, expected: revision, actual: toRev }
        );
      }
      redirects.push({ from: current, to: toRepo, status: answer.status, location: `${next.origin}${next.pathname}` });
      if (seen.has(next.href)) {
        throw new HubError(
          'redirect-loop',
          `${what}: redirect loop ${[repo, ...redirects.map((h) => h.to)].join(' -> ')}; the Hub's rename records are inconsistent`,
          { url: answer.url, status: answer.status }
        );
      }
      if (redirects.length > this.maxRedirects) {
        throw new HubError(
          'redirect-loop',
          `${what}: more than ${this.maxRedirects} redirects (${[repo, ...redirects.map((h) => h.to)].join(' -> ')}); refusing to follow further`,
          { url: answer.url, status: answer.status }
        );
      }
      seen.add(next.href);
      current = toRepo;
      url = next.href;
    }
  }

  /**
   * Every file and directory at `sha` (recursive, expanded), following `Link: rel="next"` only within the Hub
   * origin. Paths are validated (relative POSIX, no `..`, no duplicates, no file inside a file). Throws rather than
   * return a partial tree.
   */
  async listTree(repo: string, sha: string): Promise<TreeItem[]> {
    assertRepoId(repo);
    assertRevision(sha);
    const what = `file list of ${repo}@${sha}`;
    const items: TreeItem[] = [];
    const byPath = new Map<string, TreeItem>();
    const complete = await this.paginate(
      `${this.hubUrl}/api/models/${repo}/tree/${sha}?recursive=true&expand=true`,
      what,
      this.maxTreePages,
      (answer) => {
        const page = this.http.validate(answer, what, (body) =>
          arr(body, 'tree').map((v, i) => parseTreeItem(v, `tree[${items.length + i}]`))
        );
        for (const item of page) {
          if (byPath.has(item.path)) {
            throw new HubError('invalid-tree', `${what}: the path '${item.path}' is listed twice; the listing cannot be trusted`, {
              url: answer.url,
              path: item.path
            });
          }
          byPath.set(item.path, item);
          items.push(item);
        }
      }
    );
    if (!complete) {
      throw new HubError(
        'limit-exceeded',
        `${what}: more than ${this.maxTreePages} pages; the repository is too large to review completely`
      );
    }
    for (const item of items) {
      // A file that is also the parent of another entry: two different things would land on one path.
      for (let i = item.path.indexOf('/'); i > 0; i = item.path.indexOf('/', i + 1)) {
        const parent = byPath.get(item.path.slice(0, i));
        if (parent?.type === 'file') {
          throw new HubError('invalid-tree', `${what}: '${item.path}' is listed inside the file '${parent.path}'`, {
            path: item.path
          });
        }
      }
    }
    return items;
  }

  /**
   * Commits reachable from `rev`, newest first, all pages up to maxCommitPages (or `opts.maxPages`, for callers
   * that need only the newest page and the total count).
   */
  async listCommits(repo: string, rev: string, opts: { maxPages?: number } = {}): Promise<CommitList> {
    assertRepoId(repo);
    const what = `commit history of ${repo}@${rev}`;
    const commits: Commit[] = [];
    let total: number | undefined;
    const complete = await this.paginate(
      `${this.hubUrl}/api/models/${repo}/commits/${encodeURIComponent(rev)}`,
      what,
      Math.max(1, Math.min(opts.maxPages ?? this.maxCommitPages, this.maxCommitPages)),
      (answer) => {
        const page = this.http.validate(answer, what, (body) =>
          arr(body, 'commits').map((v, i) => parseCommit(v, `commits[${commits.length + i}]`))
        );
        commits.push(...page);
        const t = answer.headers.get('x-total-count');
        if (t && /^\d+$/.test(t)) total = Number(t);
      }
    );
    return { commits, ...(total !== undefined ? { total } : {}), complete };
  }

  async getRefs(repo: string): Promise<Refs> {
    assertRepoId(repo);
    const what = `refs of ${repo}`;
    const answer = await this.http.getJson(`${this.hubUrl}/api/models/${repo}/refs`, { what, notFound: 'repo-not-found' });
    this.refuseRedirect(answer, what);
    return this.http.validate(answer, what, parseRefs);
  }

  /** The user or organisation `name` (users first; they share one namespace). */
  async getAuthor(name: string): Promise<Author> {
    const problem = checkNamespace(name);
    if (problem) throw new HubError('invalid-repo-id', `${problem.message}. ${problem.help}`);
    const tryOne = async (kind: 'users' | 'organizations'): Promise<Author | undefined> => {
      const what = `${kind === 'users' ? 'user' : 'organization'} overview of ${name}`;
      try {
        const answer = await this.http.getJson(`${this.hubUrl}/api/${kind}/${name}/overview`, { what, notFound: 'author-not-found' });
        this.refuseRedirect(answer, what);
        return this.http.validate(answer, what, kind === 'users' ? parseUserOverview : parseOrgOverview);
      } catch (err) {
        if (err instanceof HubError && err.code === 'author-not-found') return undefined;
        throw err;
      }
    };
    const found = (await tryOne('users')) ?? (await tryOne('organizations'));
    if (!found) {
      throw new HubError(
        'author-not-found',
        `no Hub user or organization named '${name}'; the namespace may have been deleted (and could be re-registered by anyone)`
      );
    }
    return found;
  }

  /** Downloads one tree file at `sha` through the verified stream (see download.ts). */
  download(req: DownloadRequest): Promise<DownloadResult> {
    return this.downloader.download(req);
  }

  /** The last `k` bytes of a file (zip central directories), via a Range request. */
  fetchTail(repo: string, sha: string, item: TreeFile, k: number): Promise<Uint8Array> {
    return this.downloader.fetchTail(repo, sha, item, k);
  }

  private refuseRedirect(answer: JsonAnswer, what: string): void {
    if (answer.location !== undefined) {
      throw new HubError(
        'unexpected-redirect',
        `${what}: HTTP ${answer.status} redirect; the repository moved — resolve it with resolveRepo and use the canonical id`,
        { url: answer.url, status: answer.status }
      );
    }
  }

  /** Reads pages until no `rel="next"`; returns false when maxPages was reached first. */
  private async paginate(first: string, what: string, maxPages: number, onPage: (a: JsonAnswer) => void): Promise<boolean> {
    const seen = new Set<string>();
    let url = first;
    for (let page = 0; page < maxPages; page++) {
      seen.add(url);
      const answer = await this.http.getJson(url, { what, notFound: 'repo-not-found' });
      this.refuseRedirect(answer, what);
      onPage(answer);
      const link = parseLinkNext(answer.headers.get('link'));
      if (link === undefined) return true;
      let next: URL;
      try {
        next = new URL(link, url);
      } catch {
        throw new HubError('malformed-response', `${what}: unparseable pagination Link`, { url: answer.url });
      }
      if (next.origin !== this.hubUrl) {
        throw new HubError(
          'foreign-link',
          `${what}: the next page is on ${next.origin}, not the Hub ${this.hubUrl}; refusing to follow pagination off the Hub`,
          { url: answer.url, expected: this.hubUrl, actual: next.origin }
        );
      }
      if (seen.has(next.href)) {
        throw new HubError('pagination-loop', `${what}: the next-page Link points back to a page already read`, { url: answer.url });
      }
      url = next.href;
    }
    return false;
  }
}

/** The Hub's own scanners' verdicts: repo-level status from model info, per-file from the tree. */
export interface HubScanStatus {
  scansDone?: boolean;
  filesWithIssues: { path: string; level: string }[];
  files: Map<string, SecurityFileStatus>;
}

export function hubScanStatus(info: { securityRepoStatus?: SecurityRepoStatus }, tree: TreeItem[]): HubScanStatus {
  const files = new Map<string, SecurityFileStatus>();
  for (const item of tree) if (item.type === 'file' && item.securityFileStatus) files.set(item.path, item.securityFileStatus);
  return {
    ...(info.securityRepoStatus ? { scansDone: info.securityRepoStatus.scansDone } : {}),
    filesWithIssues: info.securityRepoStatus?.filesWithIssues ?? [],
    files
  };
}
