// The content checks' shared path index answers as the Map of paths and the Set of ancestor folders it replaced:
// held against both, built here the way the checks built them, over paths chosen to sit next to each other in
// sort order (prefixes, `/` against `-` and `.`, non-ASCII, a path listed twice).
import { indexPaths, pathIndex } from '../../../src/checks/content/paths.js';
import { dirname } from '../../../src/analyze/util.js';
import type { RepoContent, RepoFile } from '../../../src/checks/content/types.js';

const PATHS = [
  'README.md', 'a', 'a-b/c.txt', 'a.b', 'a/b', 'a/b/c/d.md', 'a/bc', 'ab/x', 'docs/setup.md', 'docs-old/x.md',
  'é/x.py', 'z/ü/ß.txt', 'Z/upper.md', 'dup.txt', 'x//y', '/abs/x', 'shards/0001/part-000101.json', 'shards/0010/part-001000.json'
];

function filesOf(paths: readonly string[]): RepoFile[] {
  // Two entries for dup.txt: the later one is the one a Map built from the list keeps.
  return [...paths, 'dup.txt'].map((path, i) => ({ path, size: i, formats: [] }));
}

const QUERIES = [
  ...PATHS, '', '/', 'a/', 'a/b/', 'a/b/c', 'a/b/c/', 'a-b', 'a.', 'ab', 'b', 'docs', 'docs-old', 'docs/', 'é', 'z', 'z/ü', 'Z', 'x', 'x/',
  'x/y', 'shards', 'shards/0001', 'shards/000', 'shards/0010/part-001000', 'zz', '~', '\u0000', 'dup.txt/'
];

describe('indexPaths', () => {
  const files = filesOf(PATHS);
  const map = new Map(files.map((f) => [f.path, f]));
  const dirs = new Set<string>();
  for (const f of files) for (let d = dirname(f.path); d !== ''; d = dirname(d)) dirs.add(d);
  const index = indexPaths(files);

  it.each(QUERIES)('answers %j as the Map and the Set of folders did', (q) => {
    expect(index.file(q)).toBe(map.get(q));
    expect(index.has(q)).toBe(map.has(q));
    expect(index.isDir(q)).toBe(dirs.has(q));
  });

  it('keeps the last of a path listed twice', () => {
    expect(index.file('dup.txt')?.size).toBe(files.length - 1);
  });

  it('answers for an empty list', () => {
    const empty = indexPaths([]);
    expect([empty.file('a'), empty.has(''), empty.isDir('a')]).toEqual([undefined, false, false]);
  });
});

describe('pathIndex', () => {
  it('uses the index the content supplies', () => {
    const supplied = indexPaths(filesOf(['only/this']));
    const repo: RepoContent = { files: filesOf(['other']), text: () => undefined, paths: () => supplied };
    expect(pathIndex(repo)).toBe(supplied);
    expect(pathIndex(repo).has('only/this')).toBe(true);
  });

  it('builds one per content without an index, once', () => {
    const repo: RepoContent = { files: filesOf(['a/b']), text: () => undefined };
    expect(pathIndex(repo)).toBe(pathIndex(repo));
    expect(pathIndex(repo).isDir('a')).toBe(true);
  });
});
