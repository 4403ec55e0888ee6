// Reads and validates a store folder (built by store-builder.ts or assembled by hand as a mirror) and answers the
// lookups the server needs: repo by id (case-insensitive, through redirects), revision → commit, files and
// directories at a commit. Nothing read from the folder is trusted: shapes, ids, paths and objects are checked.
import { lstat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HEX40, HEX64, lfsPointerOid } from '../hub/oid.js';
import { unsafePathReason } from '../core/paths.js';
import { treeOids } from './git-objects.js';
import { isValidName, isValidRepoId } from './names.js';
import type { FileScanSpec, RedirectSpec, ScanState } from './spec.js';
import {
  STORE_FORMAT,
  STORE_VERSION,
  objectRelPath,
  type StoredAccount,
  type StoredCommit,
  type StoredFile,
  type StoredRepo
} from './store-format.js';

export class StoreError extends Error {}

export interface StoreFile extends StoredFile {
  path: string;
  /** The commit that last added or changed this file. */
  lastCommit: StoreCommit;
}

export interface StoreDir {
  path: string;
  oid: string;
  lastCommit: StoreCommit;
}

export interface StoreCommit {
  id: string;
  parent: string | null;
  /** 0 = oldest. */
  index: number;
  title: string;
  message: string;
  authors: string[];
  date: string;
}

export interface Snapshot {
  files: Map<string, StoreFile>;
  dirs: Map<string, StoreDir>;
  /** Every file and directory path (root excluded), sorted by bytes. */
  paths: string[];
}

export interface StoreRepo extends Omit<StoredRepo, 'commits'> {
  commits: StoreCommit[];
  /** Sum of the sizes of every distinct object the repo's history references. */
  usedStorage: number;
}

export type RepoLookup =
  | { kind: 'repo'; repo: StoreRepo }
  | { kind: 'redirect'; to: string }
  | { kind: 'missing' };

export type RevisionLookup = { kind: 'commit'; commit: StoreCommit } | { kind: 'missing' };

const SCAN_STATES: ReadonlySet<string> = new Set<ScanState>(['unscanned', 'safe', 'queued', 'error', 'caution', 'suspicious', 'unsafe']);

function fail(where: string, what: string): never {
  throw new StoreError(`${where}: ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(where, `'${key}' must be a string`);
  return v;
}

function bool(o: Record<string, unknown>, key: string, where: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(where, `'${key}' must be a boolean`);
  return v;
}

function count(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(where, `'${key}' must be a non-negative integer`);
  return v;
}

function isoDate(o: Record<string, unknown>, key: string, where: string): string {
  const v = str(o, key, where);
  if (!Number.isFinite(Date.parse(v))) fail(where, `'${key}' is not an ISO date`);
  return new Date(Date.parse(v)).toISOString();
}

function strings(v: unknown, what: string, where: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(where, `'${what}' must be an array of strings`);
  return v as string[];
}

async function readJson(path: string, where: string): Promise<unknown> {
  const st = await lstat(path).catch(() => fail(where, `missing ${path}`));
  if (!st.isFile()) fail(where, `${path} is not a regular file`);
  if (st.size > 256 * 1024 * 1024) fail(where, `${path} is larger than 256 MiB`);
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    fail(where, `${path} is not valid JSON (${(e as Error).message})`);
  }
}

function validScan(v: unknown, where: string): FileScanSpec {
  if (!isObject(v)) fail(where, `'scan' must be an object`);
  for (const key of ['status', 'avScan', 'pickleImportScan', 'protectAiScan'] as const) {
    const s = v[key];
    if (s !== undefined && (typeof s !== 'string' || !SCAN_STATES.has(s))) fail(where, `scan '${key}' must be one of ${[...SCAN_STATES].join(', ')}`);
  }
  if (v['pickleImports'] !== undefined) {
    const list = v['pickleImports'];
    if (!Array.isArray(list)) fail(where, `scan 'pickleImports' must be an array`);
    for (const p of list) {
      if (!isObject(p) || typeof p['module'] !== 'string' || typeof p['name'] !== 'string' || !['innocuous', 'suspicious', 'dangerous'].includes(p['safety'] as string)) {
        fail(where, `scan 'pickleImports' entries must be {module, name, safety}`);
      }
    }
  }
  return v as FileScanSpec;
}

function validFile(v: unknown, where: string): StoredFile {
  if (!isObject(v)) fail(where, 'must be an object or null');
  const sha256 = str(v, 'sha256', where);
  const gitOid = str(v, 'gitOid', where);
  if (!HEX64.test(sha256)) fail(where, `'sha256' must be 64 lowercase hex digits`);
  if (!HEX40.test(gitOid)) fail(where, `'gitOid' must be 40 lowercase hex digits`);
  const size = count(v, 'size', where);
  const lfs = bool(v, 'lfs', where);
  if (lfs && gitOid !== lfsPointerOid(sha256, size)) fail(where, `'gitOid' is not the oid of the LFS pointer for its sha256 and size`);
  const file: StoredFile = { sha256, size, gitOid, lfs };
  if (v['scan'] !== undefined) file.scan = validScan(v['scan'], where);
  return file;
}

function validRepo(raw: unknown, where: string): StoredRepo {
  if (!isObject(raw)) fail(where, 'must be a JSON object');
  const id = str(raw, 'id', where);
  if (!isValidRepoId(id)) fail(where, `'id' '${id}' is not a valid repo id`);
  const _id = str(raw, '_id', where);
  if (!/^[0-9a-f]{24}$/.test(_id)) fail(where, `'_id' must be a 24-hex ObjectId`);
  const gated = raw['gated'];
  if (gated !== false && gated !== 'auto' && gated !== 'manual') fail(where, `'gated' must be false, "auto" or "manual"`);
  if (!Array.isArray(raw['commits']) || raw['commits'].length === 0) fail(where, `'commits' must be a non-empty array`);
  const shas = new Set<string>();
  let previous: string | null = null;
  const commits: StoredCommit[] = raw['commits'].map((c: unknown, i: number): StoredCommit => {
    const cw = `${where} commit ${i}`;
    if (!isObject(c)) fail(cw, 'must be an object');
    const cid = str(c, 'id', cw);
    if (!HEX40.test(cid)) fail(cw, `'id' must be 40 lowercase hex digits`);
    if (shas.has(cid)) fail(cw, `duplicate commit id ${cid}`);
    shas.add(cid);
    const parent = c['parent'] === null ? null : str(c, 'parent', cw);
    if (parent !== previous) fail(cw, `'parent' must be the previous commit (${previous ?? 'null'}); history is linear`);
    previous = cid;
    if (!isObject(c['changes'])) fail(cw, `'changes' must be an object`);
    const changes: Record<string, StoredFile | null> = {};
    for (const [path, f] of Object.entries(c['changes'])) {
      const bad = unsafePathReason(path);
      if (bad) fail(cw, `path '${path}' ${bad}`);
      changes[path] = f === null ? null : validFile(f, `${cw} file '${path}'`);
    }
    return {
      id: cid,
      parent,
      title: str(c, 'title', cw),
      message: str(c, 'message', cw),
      authors: strings(c['authors'], 'authors', cw),
      date: isoDate(c, 'date', cw),
      changes
    };
  });
  const refs = (key: 'branches' | 'tags_refs'): Record<string, string> => {
    const v = raw[key];
    if (!isObject(v)) fail(where, `'${key}' must be an object`);
    for (const [name, sha] of Object.entries(v)) {
      if (!name || unsafePathReason(name)) fail(where, `${key} name '${name}' is not valid`);
      if (typeof sha !== 'string' || !shas.has(sha)) fail(where, `${key} '${name}' must name one of the repo's commits`);
    }
    return v as Record<string, string>;
  };
  const repo: StoredRepo = {
    id,
    _id,
    createdAt: isoDate(raw, 'createdAt', where),
    private: bool(raw, 'private', where),
    gated,
    disabled: bool(raw, 'disabled', where),
    downloads: count(raw, 'downloads', where),
    likes: count(raw, 'likes', where),
    tags: strings(raw['tags'], 'tags', where),
    scansDone: bool(raw, 'scansDone', where),
    commits,
    branches: refs('branches'),
    tags_refs: refs('tags_refs')
  };
  if (raw['pipeline_tag'] !== undefined) repo.pipeline_tag = str(raw, 'pipeline_tag', where);
  if (raw['library_name'] !== undefined) repo.library_name = str(raw, 'library_name', where);
  return repo;
}

function validAccount(raw: unknown, where: string): StoredAccount {
  if (!isObject(raw)) fail(where, 'must be a JSON object');
  const name = str(raw, 'name', where);
  if (!isValidName(name)) fail(where, `'name' '${name}' is not a valid Hub name`);
  const type = raw['type'];
  if (type !== 'user' && type !== 'org') fail(where, `'type' must be "user" or "org"`);
  const _id = str(raw, '_id', where);
  if (!/^[0-9a-f]{24}$/.test(_id)) fail(where, `'_id' must be a 24-hex ObjectId`);
  return {
    name,
    type,
    _id,
    createdAt: isoDate(raw, 'createdAt', where),
    fullname: str(raw, 'fullname', where),
    isVerified: bool(raw, 'isVerified', where),
    isPro: bool(raw, 'isPro', where)
  };
}

interface RepoState {
  repo: StoreRepo;
  stored: StoredCommit[];
  snapshots: Map<number, Snapshot>;
}

export class Store {
  private readonly repos = new Map<string, RepoState>();
  private readonly accounts = new Map<string, StoredAccount>();
  private readonly redirects = new Map<string, string>();
  /** sha256 → size of every object some commit references (the CDN serves only these). */
  private readonly objects = new Map<string, number>();

  private constructor(readonly dir: string) {}

  /** Reads and validates `dir`; throws StoreError naming the file and field at fault. */
  static async load(dir: string): Promise<Store> {
    const store = new Store(dir);
    const root = await readJson(join(dir, 'store.json'), 'store.json');
    if (!isObject(root) || root['format'] !== STORE_FORMAT) fail('store.json', `not a ${STORE_FORMAT} folder`);
    if (root['version'] !== STORE_VERSION) fail('store.json', `version ${String(root['version'])} is not supported (expected ${STORE_VERSION})`);
    if (!Array.isArray(root['redirects'])) fail('store.json', `'redirects' must be an array`);
    for (const r of root['redirects'] as unknown[]) {
      if (!isObject(r)) fail('store.json', 'redirects must be {from, to} objects');
      const rd: RedirectSpec = { from: str(r, 'from', 'store.json redirect'), to: str(r, 'to', 'store.json redirect') };
      if (!isValidRepoId(rd.from) || !isValidRepoId(rd.to)) fail('store.json', `redirect '${rd.from}' → '${rd.to}' must join valid repo ids`);
      store.redirects.set(rd.from.toLowerCase(), rd.to);
    }
    for (const name of await listJson(join(dir, 'accounts'))) {
      const where = `accounts/${name}`;
      const acc = validAccount(await readJson(join(dir, 'accounts', name), where), where);
      if (`${acc.name}.json` !== name) fail(where, `holds account '${acc.name}'; file name must match`);
      if (store.accounts.has(acc.name.toLowerCase())) fail(where, `account '${acc.name}' is declared twice`);
      store.accounts.set(acc.name.toLowerCase(), acc);
    }
    const nsDirs = await readdir(join(dir, 'repos'), { withFileTypes: true }).catch(() => fail('repos/', 'missing folder'));
    for (const ns of nsDirs) {
      if (!ns.isDirectory() || !isValidName(ns.name)) fail(`repos/${ns.name}`, 'must be a namespace folder');
      for (const file of await listJson(join(dir, 'repos', ns.name))) {
        const where = `repos/${ns.name}/${file}`;
        const stored = validRepo(await readJson(join(dir, 'repos', ns.name, file), where), where);
        if (`${stored.id}.json` !== `${ns.name}/${file}`) fail(where, `holds repo '${stored.id}'; its path must match`);
        if (store.repos.has(stored.id.toLowerCase())) fail(where, `repo '${stored.id}' is declared twice`);
        store.repos.set(stored.id.toLowerCase(), await store.prepare(stored, where));
      }
    }
    return store;
  }

  private async prepare(stored: StoredRepo, where: string): Promise<RepoState> {
    const objects = new Map<string, number>();
    for (const c of stored.commits) {
      for (const [path, f] of Object.entries(c.changes)) {
        if (f && !objects.has(f.sha256)) {
          await this.checkObject(f, `${where} commit ${c.id} file '${path}'`);
          objects.set(f.sha256, f.size);
          this.objects.set(f.sha256, f.size);
        }
      }
    }
    const commits = stored.commits.map(({ changes: _changes, ...c }, index) => ({ ...c, index }));
    const { commits: _c, ...rest } = stored;
    const repo: StoreRepo = { ...rest, commits, usedStorage: [...objects.values()].reduce((a, b) => a + b, 0) };
    const state: RepoState = { repo, stored: stored.commits, snapshots: new Map() };
    // Replaying the whole history once proves no commit deletes a missing file or makes a path both file and dir.
    for (let i = 0; i < commits.length; i++) this.snapshotOf(state, i, where);
    state.snapshots.clear();
    return state;
  }

  private async checkObject(f: StoredFile, where: string): Promise<void> {
    const path = join(this.dir, objectRelPath(f.sha256));
    const st = await lstat(path).catch(() => fail(where, `object ${objectRelPath(f.sha256)} is missing`));
    if (!st.isFile()) fail(where, `object ${objectRelPath(f.sha256)} is not a regular file`);
    if (st.size !== f.size) fail(where, `object ${objectRelPath(f.sha256)} is ${st.size} bytes, metadata says ${f.size}`);
  }

  /** Size of a referenced object, or undefined when no commit in the store references it. */
  objectSize(sha256: string): number | undefined {
    return this.objects.get(sha256);
  }

  /** Where an object's bytes live on disk (sha256 already validated as hex). */
  objectPath(sha256: string): string {
    if (!HEX64.test(sha256)) throw new StoreError(`'${sha256}' is not a sha256`);
    return join(this.dir, objectRelPath(sha256));
  }

  /** Exact id, else a redirect, else a case-insensitive match (answered as a redirect to the canonical id). */
  lookup(id: string): RepoLookup {
    const state = this.repos.get(id.toLowerCase());
    if (state) return state.repo.id === id ? { kind: 'repo', repo: state.repo } : { kind: 'redirect', to: state.repo.id };
    const to = this.redirects.get(id.toLowerCase());
    return to ? { kind: 'redirect', to } : { kind: 'missing' };
  }

  account(name: string): StoredAccount | undefined {
    return this.accounts.get(name.toLowerCase());
  }

  /** Every repository, in id order. */
  allRepos(): StoreRepo[] {
    return [...this.repos.values()].map((s) => s.repo).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  reposOf(namespace: string): StoreRepo[] {
    return [...this.repos.values()].map((s) => s.repo).filter((r) => r.id.split('/')[0]?.toLowerCase() === namespace.toLowerCase());
  }

  /** Branch, tag, `refs/heads/x`, `refs/tags/x`, `HEAD`, or a full commit sha of the repo. */
  resolveRevision(repo: StoreRepo, rev: string): RevisionLookup {
    let sha: string | undefined;
    if (rev === 'HEAD') sha = repo.branches['main'];
    else if (rev.startsWith('refs/heads/')) sha = repo.branches[rev.slice('refs/heads/'.length)];
    else if (rev.startsWith('refs/tags/')) sha = repo.tags_refs[rev.slice('refs/tags/'.length)];
    else sha = Object.hasOwn(repo.branches, rev) ? repo.branches[rev] : Object.hasOwn(repo.tags_refs, rev) ? repo.tags_refs[rev] : undefined;
    if (sha === undefined && HEX40.test(rev)) sha = rev;
    const commit = sha === undefined ? undefined : repo.commits.find((c) => c.id === sha);
    return commit ? { kind: 'commit', commit } : { kind: 'missing' };
  }

  /** Files and directories at a commit (built on first use, then cached). */
  snapshot(repo: StoreRepo, commit: StoreCommit): Snapshot {
    const state = this.repos.get(repo.id.toLowerCase());
    if (!state) throw new StoreError(`repo '${repo.id}' is not in the store`);
    return this.snapshotOf(state, commit.index, `repo '${repo.id}'`);
  }

  private snapshotOf(state: RepoState, index: number, where: string): Snapshot {
    const cached = state.snapshots.get(index);
    if (cached) return cached;
    const files = new Map<string, StoreFile>();
    for (let i = 0; i <= index; i++) {
      const commit = state.repo.commits[i];
      const changes = state.stored[i]?.changes ?? {};
      if (!commit) break;
      for (const [path, f] of Object.entries(changes)) {
        if (f === null) {
          if (!files.delete(path)) fail(`${where} commit ${commit.id}`, `deletes '${path}', which does not exist`);
        } else {
          files.set(path, { ...f, path, lastCommit: commit });
        }
      }
    }
    const dirs = new Map<string, StoreDir>();
    const oids = treeOids([...files.values()]);
    for (const f of files.values()) {
      for (let i = f.path.indexOf('/'); i !== -1; i = f.path.indexOf('/', i + 1)) {
        const dir = f.path.slice(0, i);
        if (files.has(dir)) fail(`${where} commit ${state.repo.commits[index]?.id}`, `'${dir}' is both a file and a directory`);
        const known = dirs.get(dir);
        if (!known) dirs.set(dir, { path: dir, oid: oids.get(dir) ?? '', lastCommit: f.lastCommit });
        else if (f.lastCommit.index > known.lastCommit.index) known.lastCommit = f.lastCommit;
      }
    }
    const paths = [...files.keys(), ...dirs.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const snap: Snapshot = { files, dirs, paths };
    state.snapshots.set(index, snap);
    return snap;
  }
}

async function listJson(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => fail(dir, 'missing folder'));
  return entries
    .filter((e) => {
      if (!e.name.endsWith('.json')) fail(join(dir, e.name), 'unexpected entry (only <name>.json files belong here)');
      return true;
    })
    .map((e) => e.name)
    .sort();
}
