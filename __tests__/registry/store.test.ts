// The store loader treats a store folder as untrusted input (it may be a hand-assembled mirror).
import { cp, mkdtemp, readFile, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { Store, StoreError } from '../../src/registry/store.js';
import { SPEC } from './fixture.js';

let pristine: string;
let built: BuiltStore;
const dirs: string[] = [];

beforeAll(async () => {
  pristine = await mkdtemp(join(tmpdir(), 'mg-store-'));
  dirs.push(pristine);
  built = await buildStore(pristine, SPEC);
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function copy(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'mg-store-copy-'));
  dirs.push(d);
  await cp(pristine, d, { recursive: true });
  return d;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests tamper with arbitrary fields of the raw JSON
async function editRepo(dir: string, edit: (repo: any) => void, rel = 'repos/acme/privacy-filter.json'): Promise<void> {
  const repo = JSON.parse(await readFile(join(dir, rel), 'utf8'));
  edit(repo);
  await writeFile(join(dir, rel), JSON.stringify(repo));
}

test('a built store loads; lookups resolve exact ids, case variants and redirects', async () => {
  const store = await Store.load(pristine);
  const found = store.lookup('acme/privacy-filter');
  expect(found.kind).toBe('repo');
  expect(store.lookup('ACME/privacy-filter')).toEqual({ kind: 'redirect', to: 'acme/privacy-filter' });
  expect(store.lookup('acme/old-filter')).toEqual({ kind: 'redirect', to: 'acme/privacy-filter' });
  expect(store.lookup('acme/Old-Filter')).toEqual({ kind: 'redirect', to: 'acme/privacy-filter' });
  expect(store.lookup('acme/none')).toEqual({ kind: 'missing' });
  if (found.kind !== 'repo') throw new Error('unreachable');
  const shas = built.repos['acme/privacy-filter']?.shas ?? [];
  expect(store.resolveRevision(found.repo, 'v1.0')).toMatchObject({ kind: 'commit', commit: { id: shas[1] } });
  expect(store.resolveRevision(found.repo, 'refs/tags/v1.0')).toMatchObject({ kind: 'commit', commit: { id: shas[1] } });
  expect(store.resolveRevision(found.repo, 'toString')).toEqual({ kind: 'missing' });
  expect(store.resolveRevision(found.repo, '__proto__')).toEqual({ kind: 'missing' });
  const snap = store.snapshot(found.repo, found.repo.commits[2] ?? found.repo.commits[0]!);
  expect(snap.files.get('scripts/preprocess.py')?.lastCommit.id).toBe(shas[2]);
  expect(snap.files.get('README.md')?.lastCommit.id).toBe(shas[1]);
  expect(snap.dirs.get('scripts')?.oid).toMatch(/^[0-9a-f]{40}$/);
});

test.each([
  ['a missing object', async (d: string) => unlink(join(d, objectOf('README.md'))), /object .* is missing/],
  ['an object of the wrong size', async (d: string) => truncate(join(d, objectOf('README.md')), 3), /is 3 bytes, metadata says/],
  [
    'an object that is a symlink',
    async (d: string) => {
      await unlink(join(d, objectOf('README.md')));
      await symlink('/etc/hostname', join(d, objectOf('README.md')));
    },
    /is not a regular file/
  ],
  ['a traversal path in a commit', (d: string) => editRepo(d, (r) => (r.commits[0].changes['../../etc/passwd'] = r.commits[0].changes['.gitattributes'])), /'\.\.' segment/],
  ['an absolute path in a commit', (d: string) => editRepo(d, (r) => (r.commits[0].changes['/etc/passwd'] = r.commits[0].changes['.gitattributes'])), /absolute path/],
  ['an LFS oid that does not match its pointer', (d: string) => editRepo(d, (r) => (r.commits[2].changes['model.safetensors'].gitOid = 'f'.repeat(40))), /oid of the LFS pointer/],
  ['a non-hex sha256', (d: string) => editRepo(d, (r) => (r.commits[0].changes['.gitattributes'].sha256 = '../../../../etc/passwd')), /64 lowercase hex/],
  ['a broken parent chain', (d: string) => editRepo(d, (r) => (r.commits[1].parent = null)), /history is linear/],
  ['a branch to an unknown commit', (d: string) => editRepo(d, (r) => (r.branches.main = 'a'.repeat(40))), /must name one of the repo's commits/],
  ['a deletion of a missing file', (d: string) => editRepo(d, (r) => (r.commits[0].changes['ghost.txt'] = null)), /deletes 'ghost.txt'/],
  ['a repo file whose id does not match its path', (d: string) => editRepo(d, (r) => (r.id = 'acme/other')), /its path must match/],
  ['a wrong type', (d: string) => editRepo(d, (r) => (r.private = 'no')), /'private' must be a boolean/],
  ['invalid JSON', (d: string) => writeFile(join(d, 'repos/acme/privacy-filter.json'), '{'), /not valid JSON/],
  ['an unknown store version', (d: string) => writeFile(join(d, 'store.json'), JSON.stringify({ format: 'model-gate-store', version: 9, redirects: [] })), /version 9 is not supported/],
  ['a stray file among accounts', (d: string) => writeFile(join(d, 'accounts', 'notes.txt'), 'x'), /unexpected entry/],
  ['a bad redirect', (d: string) => writeFile(join(d, 'store.json'), JSON.stringify({ format: 'model-gate-store', version: 1, redirects: [{ from: '../x', to: 'a/b' }] })), /must join valid repo ids/]
])('refuses %s', async (_name, tamper, message) => {
  const d = await copy();
  await tamper(d);
  const err = await Store.load(d).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StoreError);
  expect((err as Error).message).toMatch(message);
});

function objectOf(path: string): string {
  const sha = built.repos['acme/privacy-filter']?.files[path]?.sha256 ?? '';
  return join('objects', sha.slice(0, 2), sha);
}
