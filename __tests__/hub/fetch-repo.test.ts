// Many files with bounded concurrency: every file gets exactly one outcome, in order; failures stay per file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchEach, fetchFiles } from '../../src/hub/fetch-repo.js';
import type { TreeFile } from '../../src/hub/types.js';
import { startEnv, type Env } from './fixture.js';

let env: Env;
let files: TreeFile[];
const REPO = 'acme/many';

beforeAll(async () => {
  env = await startEnv();
  files = (await env.client().listTree(REPO, env.head(REPO))).filter((t): t is TreeFile => t.type === 'file');
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.hub.clear();
});

test('never more than `concurrency` files in flight, and the bound is used', async () => {
  let inFlight = 0;
  let peak = 0;
  const outcomes = await fetchFiles({
    downloader: env.client(),
    repo: REPO,
    sha: env.head(REPO),
    items: files,
    concurrency: 3,
    plan: () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      return [{ write: () => new Promise<void>((r) => setTimeout(r, 15)) }];
    },
    onOutcome: () => {
      inFlight--;
    }
  });
  expect(peak).toBe(3);
  expect(outcomes.every((o) => o.ok)).toBe(true);
  expect(outcomes.map((o) => o.item.path)).toEqual(files.map((f) => f.path));
});

test('one failing file keeps its error and does not stop the others', async () => {
  env.hub.add({ match: /\/resolve\/[0-9a-f]{40}\/f03\.txt$/, respond: { status: 500, body: 'boom' } });
  const outcomes = await fetchFiles({
    downloader: env.client({ maxRetries: 1 }),
    repo: REPO,
    sha: env.head(REPO),
    items: files,
    concurrency: 4,
    plan: (item) => {
      if (item.path === 'f07.txt') throw new Error('no scanner for this file');
      return { consumers: [] };
    }
  });
  const failed = outcomes.filter((o) => !o.ok);
  expect(failed.map((o) => [o.item.path, !o.ok && o.error.code])).toEqual([
    ['f03.txt', 'server-error'],
    ['f07.txt', 'consumer-failed']
  ]);
  expect(outcomes.filter((o) => o.ok)).toHaveLength(files.length - 2);
});

test('copies land under copyDir at their repository paths', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mg-many-'));
  try {
    const outcomes = await fetchFiles({ downloader: env.client(), repo: REPO, sha: env.head(REPO), items: files.slice(0, 3), copyDir: dir });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await readFile(join(dir, 'f01.txt'), 'utf8')).toBe('file 1\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('fetchEach hands every outcome over once, with its index, and plans each file by index', async () => {
  const planned: [string, number][] = [];
  const seen: [string, number, boolean][] = [];
  await fetchEach({
    downloader: env.client(),
    repo: REPO,
    sha: env.head(REPO),
    items: files,
    concurrency: 3,
    plan: (item, i) => {
      planned.push([item.path, i]);
      return [];
    }
  }, (o, i) => seen.push([o.item.path, i, o.ok]));
  const expected = files.map((f, i) => [f.path, i] as [string, number]);
  expect(planned.sort((a, b) => a[1] - b[1])).toEqual(expected);
  expect(seen.sort((a, b) => a[1] - b[1])).toEqual(expected.map(([p, i]) => [p, i, true]));
});
