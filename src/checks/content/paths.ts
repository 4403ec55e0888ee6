// The repository's paths as the content checks look them up: which file a path names, and which folders exist.
// One index per review, shared by every check: the files' positions sorted by path (4 bytes a file), searched by
// bisection. A Map or Set of paths per check was 40-80 bytes a file each, megabytes at 50,000 files.
import type { PathIndex, RepoContent, RepoFile } from './types.js';

export type { PathIndex } from './types.js';

/** An index of `files`, built on first use. */
export function indexPaths(files: readonly RepoFile[]): PathIndex {
  let order: Uint32Array | undefined;
  const sorted = (): Uint32Array => {
    if (!order) {
      // Code unit order, as `<` compares; equal paths by position, last listed first.
      order = new Uint32Array(files.length).map((_, i) => i);
      order.sort((a, b) => {
        const pa = (files[a] as RepoFile).path;
        const pb = (files[b] as RepoFile).path;
        return pa < pb ? -1 : pa > pb ? 1 : b - a;
      });
    }
    return order;
  };
  /** The first position in sorted order whose path is not below `key`. */
  const lowerBound = (key: string): number => {
    const o = sorted();
    let lo = 0;
    let hi = o.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((files[o[mid] as number] as RepoFile).path < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const at = (k: number): RepoFile | undefined => {
    const o = sorted();
    return k < o.length ? files[o[k] as number] : undefined;
  };
  const file = (path: string): RepoFile | undefined => {
    const f = at(lowerBound(path));
    return f !== undefined && f.path === path ? f : undefined;
  };
  return {
    file,
    has: (path) => file(path) !== undefined,
    // The paths under `dir/` sort together, from the first one not below `dir/`.
    isDir: (dir) => dir !== '' && (at(lowerBound(`${dir}/`))?.path.startsWith(`${dir}/`) ?? false)
  };
}

const indexes = new WeakMap<RepoContent, PathIndex>();

/** The review's shared index when the content has one (index.ts), else one memoised for this content. */
export function pathIndex(repo: RepoContent): PathIndex {
  if (repo.paths) return repo.paths();
  let index = indexes.get(repo);
  if (!index) {
    index = indexPaths(repo.files);
    indexes.set(repo, index);
  }
  return index;
}
