// A review's file list in the fewest requests (issue 17): from the model info's siblings where they can stand for the
// tree, else the tree. The oracle is the registry's own tree endpoint (the Hub's shape), read over HTTP; faults are
// injected by the hostile proxy in front of it.
import { filesFromSiblings, SIBLINGS_TRUSTED_BELOW } from '../../src/hub/api/files.js';
import { likelyAccountKind } from '../../src/hub/api/author.js';
import type { StoreSpec } from '../../src/registry/spec.js';
import type { TreeFile } from '../../src/hub/types.js';
import { failure, SPEC, startEnv, type Env } from './fixture.js';

type Json = Record<string, unknown>;

const LARGE = SIBLINGS_TRUSTED_BELOW + 5;
const spec: StoreSpec = {
  ...SPEC,
  repos: [
    ...SPEC.repos,
    {
      id: 'acme/large',
      commits: [{
        title: 'initial commit', date: '2024-03-01T00:00:00.000Z',
        files: Object.fromEntries(Array.from({ length: LARGE }, (_, i) => [`shard/${String(i).padStart(4, '0')}.txt`, `${i}\n`]))
      }]
    },
    {
      id: 'acme/flagged',
      commits: [{
        title: 'initial commit', date: '2024-03-01T00:00:00.000Z',
        files: {
          'README.md': '# flagged\n',
          'pytorch_model.bin': {
            content: 'not really a pickle',
            scan: { status: 'unsafe', pickleImportScan: 'unsafe', pickleImports: [{ module: 'os', name: 'system', safety: 'dangerous' }] }
          }
        }
      }]
    }
  ]
};

let env: Env;
beforeAll(async () => {
  env = await startEnv({}, spec);
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.hub.clear();
});

/** The tree endpoint's files, as the review compares them: path, size, git oid, LFS sha256 and size. */
async function treeFiles(repo: string): Promise<object[]> {
  const items = await env.client().listTree(repo, env.head(repo));
  return items.filter((i): i is TreeFile => i.type === 'file').map(facts);
}
function facts(f: TreeFile): object {
  return { path: f.path, size: f.size, oid: f.oid, ...(f.lfs ? { lfs: { oid: f.lfs.oid, size: f.lfs.size } } : {}) };
}
async function resolved(repo: string) {
  const r = await env.client().resolveRepo(repo, env.head(repo));
  env.hub.clear();
  return r;
}

test('a small repository: the model info lists the same files as the tree, and no tree is read', async () => {
  const r = await resolved('acme/tiny');
  const files = await env.client().listFiles(r);
  expect(env.hub.requests).toHaveLength(0);
  expect(files.map(facts)).toEqual(await treeFiles('acme/tiny'));
  expect(files.find((f) => f.path === 'model.safetensors')?.lfs).toBeDefined();
});

test(`${SIBLINGS_TRUSTED_BELOW} files or more: the plain tree is read, 1,000 items a page, and it decides`, async () => {
  const r = await resolved('acme/large');
  expect(r.info.siblings).toHaveLength(LARGE);
  const files = await env.client().listFiles(r);
  const urls = env.hub.requests.map((q) => q.url);
  expect(urls).toHaveLength(2);
  expect(urls.every((u) => u.includes('/tree/') && !u.includes('expand'))).toBe(true);
  expect(files.map(facts)).toEqual(await treeFiles('acme/large'));
});

test("files the Hub's scanners flag: the expanded tree is read for their details", async () => {
  const r = await resolved('acme/flagged');
  expect(r.info.securityRepoStatus?.filesWithIssues).toEqual([{ path: 'pytorch_model.bin', level: 'unsafe' }]);
  const files = await env.client().listFiles(r);
  expect(env.hub.requests.map((q) => q.url)).toEqual([expect.stringMatching(/\/tree\/[0-9a-f]{40}\?recursive=true&expand=true$/)]);
  const bin = files.find((f) => f.path === 'pytorch_model.bin');
  expect(bin?.securityFileStatus?.pickleImportScan?.pickleImports).toEqual([{ module: 'os', name: 'system', safety: 'dangerous' }]);
});

test('siblings without sizes or oids (blobs ignored): the tree is read', async () => {
  env.hub.add({ match: /\/revision\//, json: (b) => ({ ...(b as Json), siblings: ((b as Json).siblings as Json[]).map((s) => ({ rfilename: s.rfilename })) }) });
  const r = await env.client().resolveRepo('acme/tiny', env.head('acme/tiny'));
  expect(filesFromSiblings(r)).toEqual({ tree: 'siblings[0] has no size or git oid' });
  env.hub.clear();
  const files = await env.client().listFiles(r);
  expect(env.hub.requests.map((q) => q.url)).toEqual([expect.stringMatching(/\/tree\//)]);
  expect(files.map(facts)).toEqual(await treeFiles('acme/tiny'));
});

describe('a siblings list is held to the tree listing\'s rules', () => {
  const tamper = (edit: (siblings: Json[]) => Json[]): void => {
    env.hub.add({ match: /\/revision\//, json: (b) => ({ ...(b as Json), siblings: edit((b as Json).siblings as Json[]) }) });
  };
  test.each([
    ['../escape.txt', /'\.\.' segment/],
    ['/etc/passwd', /absolute/],
    ['dir\\evil.dll', /backslash/]
  ])('a listed path %j is refused', async (bad, why) => {
    tamper((s) => s.map((x, i) => (i === 0 ? { ...x, rfilename: bad } : x)));
    const r = await env.client().resolveRepo('acme/tiny', env.head('acme/tiny'));
    const e = await failure(env.client().listFiles(r));
    expect(e.code).toBe('malformed-response');
    expect(e.message).toMatch(why);
  });
  test('a path listed twice is invalid-tree', async () => {
    tamper((s) => [...s, s[0]!]);
    const e = await failure(env.client().listFiles(await env.client().resolveRepo('acme/tiny', env.head('acme/tiny'))));
    expect(e.code).toBe('invalid-tree');
    expect(e.message).toMatch(/listed twice/);
  });
  test('a file listed inside another file is invalid-tree', async () => {
    tamper((s) => [...s, { rfilename: 'README.md/x', size: 1, blobId: 'a'.repeat(40) }]);
    const e = await failure(env.client().listFiles(await env.client().resolveRepo('acme/tiny', env.head('acme/tiny'))));
    expect(e.code).toBe('invalid-tree');
    expect(e.message).toMatch(/inside the file 'README.md'/);
  });
  test('an LFS size that differs from the size is refused', async () => {
    tamper((s) => s.map((x) => (x.lfs ? { ...x, lfs: { ...(x.lfs as Json), size: 1 } } : x)));
    const e = await failure(env.client().listFiles(await env.client().resolveRepo('acme/tiny', env.head('acme/tiny'))));
    expect(e.code).toBe('malformed-response');
    expect(e.message).toMatch(/model\.safetensors.*LFS size 1/);
  });
});

describe('the account kind asked first', () => {
  test('a namespace that commits under its own name is a user; one whose members commit is an organisation', () => {
    expect(likelyAccountKind('Alice', [{ authors: [{ user: 'bob' }] }, { authors: [{ user: 'alice' }] }])).toBe('users');
    expect(likelyAccountKind('acme', [{ authors: [{ user: 'acme-dev' }] }])).toBe('organizations');
    expect(likelyAccountKind('acme', [])).toBe('organizations');
  });
  test('a right guess is one request; a wrong one is two, with the same account', async () => {
    const right = await env.client().getAuthor('acme', 'organizations');
    expect(env.hub.requests.map((q) => q.url)).toEqual(['/api/organizations/acme/overview']);
    env.hub.clear();
    const wrong = await env.client().getAuthor('acme', 'users');
    expect(env.hub.requests.map((q) => q.url)).toEqual(['/api/users/acme/overview', '/api/organizations/acme/overview']);
    expect(wrong).toEqual(right);
  });
});
