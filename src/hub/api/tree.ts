// Every file and directory at a pinned commit, `GET /api/models/{repo}/tree/{sha}?recursive=true[&expand=true]`,
// all pages. Paths are validated (relative POSIX, no `..`, no duplicates, no file inside a file); a partial tree is
// never returned. `expand` adds each file's last commit and the Hub scanners' status, at 100 items a page instead of
// 1,000.
import { HubError } from '../errors.js';
import type { HubHttp } from '../http.js';
import { parseTreePage, type TreeItem } from '../shapes/tree.js';
import { assertRepoId, assertRevision } from './args.js';
import { paginate } from './pages.js';

export interface TreeOptions {
  /** Pages read before giving up (fail closed). Default 5000. */
  maxPages?: number;
  /** Ask for last commits and scanner status (pages of 100). Default true. */
  expand?: boolean;
}

export function treeUrl(hubOrigin: string, repo: string, sha: string, expand = true): string {
  return `${hubOrigin}/api/models/${repo}/tree/${sha}?recursive=true${expand ? '&expand=true' : ''}`;
}

export async function listTree(http: HubHttp, repo: string, sha: string, opts: TreeOptions = {}): Promise<TreeItem[]> {
  assertRepoId(repo);
  assertRevision(sha);
  const maxPages = opts.maxPages ?? 5000;
  const what = `file list of ${repo}@${sha}`;
  const items: TreeItem[] = [];
  // With expand=true every item names the last commit that touched it and the Hub's scan status, and most items
  // name the same few: one shared object per distinct value instead of one per file (a 50,000-file tree holds
  // about 10 MB less). Nothing changes a tree item's parts once parsed.
  const distinct = new Map<string, object>();
  const shared = <T extends object>(v: T): T => {
    const key = JSON.stringify(v);
    const known = distinct.get(key) as T | undefined;
    if (known) return known;
    distinct.set(key, v);
    return v;
  };
  const complete = await paginate(http, treeUrl(http.hubOrigin, repo, sha, opts.expand ?? true), what, maxPages, (answer) => {
    for (const item of http.validate(answer, what, (body) => parseTreePage(body, items.length))) {
      if (item.lastCommit) item.lastCommit = shared(item.lastCommit);
      if (item.type === 'file' && item.securityFileStatus) item.securityFileStatus = shared(item.securityFileStatus);
      items.push(item);
    }
  });
  if (!complete) {
    throw new HubError('limit-exceeded', `${what}: more than ${maxPages} pages; the repository is too large to review completely`);
  }
  checkListing(items, what);
  return items;
}

/**
 * One path per item, and no file that is also another item's folder: two different things would land on one path.
 * Shared by every listing a review may take its files from (the tree, the model info's siblings).
 */
export function checkListing(items: readonly { type: 'file' | 'directory'; path: string }[], what: string): void {
  const byPath = new Map<string, { type: 'file' | 'directory'; path: string }>();
  for (const item of items) {
    if (byPath.has(item.path)) {
      throw new HubError('invalid-tree', `${what}: the path '${item.path}' is listed twice; the listing cannot be trusted`, { path: item.path });
    }
    byPath.set(item.path, item);
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
}
