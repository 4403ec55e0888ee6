// Builds a store folder from a declarative StoreSpec: content-addressed objects written by streaming, plus one
// metadata JSON per repository and account. Deterministic: the same spec always gives the same shas and ids.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitBlobHeader, lfsPointerOid } from '../hub/oid.js';
import { unsafePathReason } from '../core/paths.js';
import { generateContent } from './generate.js';
import { commitSha, treeOids } from './git-objects.js';
import { isValidName, isValidRepoId } from './names.js';
import { objectIdFor } from './object-id.js';
import type { AccountSpec, CommitSpec, ContentSpec, FileSpec, RepoSpec, StoreSpec } from './spec.js';
import {
  STORE_FORMAT,
  STORE_VERSION,
  objectRelPath,
  type StoredAccount,
  type StoredCommit,
  type StoredFile,
  type StoredRepo,
  type StoredRoot
} from './store-format.js';

export interface BuiltFile {
  path: string;
  sha256: string;
  /** The Hub's `oid` for this file (pointer oid when LFS). */
  gitOid: string;
  size: number;
  lfs: boolean;
}

export interface BuiltCommit {
  sha: string;
  title: string;
  date: string;
  /** Every file present at this commit. */
  files: Record<string, BuiltFile>;
}

export interface BuiltRepo {
  id: string;
  _id: string;
  createdAt: string;
  /** Oldest first, same order as the spec's commits. */
  commits: BuiltCommit[];
  shas: string[];
  /** Commit sha of each branch and tag. */
  branches: Record<string, string>;
  tags: Record<string, string>;
  /** Files at the head of `main` (or the last commit when there is no main). */
  files: Record<string, BuiltFile>;
}

export interface BuiltStore {
  dir: string;
  repos: Record<string, BuiltRepo>;
  accounts: Record<string, { _id: string; createdAt: string; type: 'user' | 'org' }>;
}

/** Extensions the Hub's default .gitattributes sends through LFS. */
const LFS_EXTENSIONS = new Set([
  '7z', 'arrow', 'bin', 'bz2', 'ckpt', 'ftz', 'gguf', 'gz', 'h5', 'joblib', 'keras', 'lfs', 'mlmodel', 'model',
  'msgpack', 'npy', 'npz', 'onnx', 'ot', 'parquet', 'pb', 'pickle', 'pkl', 'pt', 'pth', 'rar', 'safetensors',
  'tar', 'tflite', 'tgz', 'wasm', 'xz', 'zip', 'zst', 'tfevents', 'pte', 'mlpackage', 'llamafile'
]);
const LFS_SIZE_THRESHOLD = 10 * 1024 * 1024;

export function defaultLfs(path: string, size: number): boolean {
  if (size > LFS_SIZE_THRESHOLD) return true;
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base.includes('tfevents')) return true;
  const dot = base.lastIndexOf('.');
  return dot > 0 && LFS_EXTENSIONS.has(base.slice(dot + 1));
}

function isFileSpec(v: FileSpec | ContentSpec): v is FileSpec {
  return typeof v === 'object' && !(v instanceof Uint8Array) && 'content' in v;
}

interface ContentSource {
  size: number;
  chunks: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

async function contentSource(content: ContentSpec, where: string): Promise<ContentSource> {
  if (typeof content === 'string') {
    const bytes = Buffer.from(content, 'utf8');
    return { size: bytes.byteLength, chunks: () => [bytes] };
  }
  if (content instanceof Uint8Array) return { size: content.byteLength, chunks: () => [content] };
  if ('generate' in content) {
    const { size, seed } = content.generate;
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`${where}: generate.size must be a non-negative integer`);
    return { size, chunks: () => generateContent(size, seed ?? 0) };
  }
  if ('fromFile' in content) {
    const st = await stat(content.fromFile).catch((e: unknown) => {
      throw new Error(`${where}: cannot read fromFile '${content.fromFile}': ${(e as Error).message}`);
    });
    if (!st.isFile()) throw new Error(`${where}: fromFile '${content.fromFile}' is not a regular file`);
    return { size: st.size, chunks: () => createReadStream(content.fromFile, { highWaterMark: 1 << 20 }) };
  }
  throw new Error(`${where}: unrecognised content`);
}

const ZEROS = new Uint8Array(1 << 20);

function allZero(chunk: Uint8Array): boolean {
  for (let off = 0; off < chunk.byteLength; off += ZEROS.byteLength) {
    const n = Math.min(ZEROS.byteLength, chunk.byteLength - off);
    if (Buffer.compare(chunk.subarray(off, off + n), ZEROS.subarray(0, n)) !== 0) return false;
  }
  return true;
}

/** Streams content into objects/, hashing as it goes; returns the sha256 and the git blob oid. */
async function writeObject(dir: string, src: ContentSource, where: string): Promise<{ sha256: string; blobOid: string }> {
  const tmp = join(dir, 'objects', `.tmp-${randomBytes(8).toString('hex')}`);
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1').update(gitBlobHeader(src.size));
  const fh = await open(tmp, 'wx');
  let written = 0;
  try {
    for await (const chunk of src.chunks()) {
      sha256.update(chunk);
      sha1.update(chunk);
      // Runs of zeros stay holes (the file is sized at the end): a benchmark's 100 GB model of mostly zeros
      // takes no disk.
      if (!allZero(chunk)) {
        for (let off = 0; off < chunk.byteLength; ) off += (await fh.write(chunk, off, chunk.byteLength - off, written + off)).bytesWritten;
      }
      written += chunk.byteLength;
    }
    await fh.truncate(written);
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  if (written !== src.size) {
    await rm(tmp, { force: true });
    throw new Error(`${where}: expected ${src.size} bytes, read ${written} (did the source change?)`);
  }
  const hex = sha256.digest('hex');
  const final = join(dir, objectRelPath(hex));
  await mkdir(join(dir, 'objects', hex.slice(0, 2)), { recursive: true });
  await rename(tmp, final);
  return { sha256: hex, blobOid: sha1.digest('hex') };
}

function checkDate(value: string, where: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`${where}: '${value}' is not an ISO date`);
  return new Date(ms).toISOString();
}

function accountRecord(a: AccountSpec): StoredAccount {
  if (!isValidName(a.name)) throw new Error(`account '${a.name}': not a valid Hub name`);
  if (a.type !== 'user' && a.type !== 'org') throw new Error(`account '${a.name}': type must be 'user' or 'org'`);
  const createdAt = checkDate(a.createdAt, `account '${a.name}' createdAt`);
  return {
    name: a.name,
    type: a.type,
    _id: objectIdFor(createdAt, `account:${a.name}`),
    createdAt,
    fullname: a.fullname ?? a.name,
    isVerified: a.isVerified ?? false,
    isPro: a.isPro ?? false
  };
}

async function buildRepo(dir: string, spec: RepoSpec): Promise<{ stored: StoredRepo; built: BuiltRepo }> {
  const where = `repo '${spec.id}'`;
  if (!isValidRepoId(spec.id)) throw new Error(`${where}: not a valid 'namespace/name' id`);
  if (!Array.isArray(spec.commits) || spec.commits.length === 0) throw new Error(`${where}: needs at least one commit`);
  const snapshot = new Map<string, StoredFile>();
  const stored: StoredCommit[] = [];
  const built: BuiltCommit[] = [];
  let parent: string | null = null;
  for (const [i, c] of spec.commits.entries()) {
    const cw = `${where} commit ${i} ('${c.title}')`;
    const date = checkDate(c.date, `${cw} date`);
    const changes: Record<string, StoredFile | null> = {};
    for (const [path, value] of Object.entries(c.files)) {
      const bad = unsafePathReason(path);
      if (bad) throw new Error(`${cw}: file '${path}' ${bad}`);
      if (value === null) {
        if (!snapshot.delete(path)) throw new Error(`${cw}: deletes '${path}', which does not exist`);
        changes[path] = null;
        continue;
      }
      const fileSpec: FileSpec = isFileSpec(value) ? value : { content: value };
      const src = await contentSource(fileSpec.content, `${cw}: file '${path}'`);
      const { sha256, blobOid } = await writeObject(dir, src, `${cw}: file '${path}'`);
      const lfs = fileSpec.lfs ?? defaultLfs(path, src.size);
      const record: StoredFile = {
        sha256,
        size: src.size,
        gitOid: lfs ? lfsPointerOid(sha256, src.size) : blobOid,
        lfs,
        ...(fileSpec.scan ? { scan: fileSpec.scan } : {})
      };
      snapshot.set(path, record);
      changes[path] = record;
    }
    checkNoFileDirClash(snapshot, cw);
    const tree = treeOids([...snapshot].map(([path, f]) => ({ path, gitOid: f.gitOid }))).get('') ?? '';
    const sha = commitSha(commitObject(c, date, tree, parent));
    stored.push({ id: sha, parent, title: c.title, message: c.message ?? '', authors: c.authors ?? [], date, changes });
    built.push({
      sha,
      title: c.title,
      date,
      files: Object.fromEntries([...snapshot].map(([path, f]) => [path, { path, sha256: f.sha256, gitOid: f.gitOid, size: f.size, lfs: f.lfs }]))
    });
    parent = sha;
  }
  const refOf = (refs: Record<string, number>, kind: string): Record<string, string> =>
    Object.fromEntries(
      Object.entries(refs).map(([name, index]) => {
        if (!name || unsafePathReason(name)) throw new Error(`${where}: ${kind} name '${name}' is not valid`);
        const commit = built[index];
        if (!Number.isInteger(index) || !commit) throw new Error(`${where}: ${kind} '${name}' points at commit ${index}, which does not exist`);
        return [name, commit.sha];
      })
    );
  const branches = refOf(spec.branches ?? { main: spec.commits.length - 1 }, 'branch');
  const tags = refOf(spec.tags_refs ?? {}, 'tag');
  const createdAt = checkDate(spec.createdAt ?? spec.commits[0]?.date ?? '', `${where} createdAt`);
  const _id = objectIdFor(createdAt, `repo:${spec.createdAs ?? spec.id}`);
  const head = branches['main'] ?? built[built.length - 1]?.sha;
  const headFiles = built.find((b) => b.sha === head)?.files ?? {};
  if (spec.gated !== undefined && spec.gated !== false && spec.gated !== 'auto' && spec.gated !== 'manual') {
    throw new Error(`${where}: gated must be false, 'auto' or 'manual'`);
  }
  return {
    stored: {
      id: spec.id,
      _id,
      createdAt,
      private: spec.private ?? false,
      gated: spec.gated ?? false,
      disabled: spec.disabled ?? false,
      downloads: spec.downloads ?? 0,
      likes: spec.likes ?? 0,
      tags: spec.tags ?? [],
      ...(spec.pipeline_tag !== undefined ? { pipeline_tag: spec.pipeline_tag } : {}),
      ...(spec.library_name !== undefined ? { library_name: spec.library_name } : {}),
      scansDone: spec.scansDone ?? true,
      commits: stored,
      branches,
      tags_refs: tags
    },
    built: { id: spec.id, _id, createdAt, commits: built, shas: built.map((b) => b.sha), branches, tags, files: headFiles }
  };
}

function commitObject(c: CommitSpec, date: string, tree: string, parent: string | null) {
  return { tree, ...(parent ? { parent } : {}), authors: c.authors ?? [], date, title: c.title, message: c.message ?? '' };
}

/** A path cannot be both a file and a directory in one tree. */
function checkNoFileDirClash(snapshot: Map<string, StoredFile>, where: string): void {
  for (const path of snapshot.keys()) {
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
      if (snapshot.has(path.slice(0, i))) throw new Error(`${where}: '${path.slice(0, i)}' is both a file and a directory`);
    }
  }
}

/** Writes `spec` as a store folder in `dir` (created if missing; existing metadata is replaced). */
export async function buildStore(dir: string, spec: StoreSpec): Promise<BuiltStore> {
  await mkdir(join(dir, 'objects'), { recursive: true });
  await rm(join(dir, 'repos'), { recursive: true, force: true });
  await rm(join(dir, 'accounts'), { recursive: true, force: true });
  await mkdir(join(dir, 'accounts'), { recursive: true });
  await mkdir(join(dir, 'repos'), { recursive: true });

  const result: BuiltStore = { dir, repos: {}, accounts: {} };
  const seenAccounts = new Set<string>();
  for (const a of spec.accounts) {
    const rec = accountRecord(a);
    if (seenAccounts.has(rec.name.toLowerCase())) throw new Error(`account '${a.name}' is declared twice (names are case-insensitive)`);
    seenAccounts.add(rec.name.toLowerCase());
    await writeFile(join(dir, 'accounts', `${rec.name}.json`), JSON.stringify(rec, null, 2));
    result.accounts[rec.name] = { _id: rec._id, createdAt: rec.createdAt, type: rec.type };
  }
  const seenRepos = new Set<string>();
  for (const r of spec.repos) {
    if (seenRepos.has(r.id.toLowerCase())) throw new Error(`repo '${r.id}' is declared twice (ids are case-insensitive)`);
    seenRepos.add(r.id.toLowerCase());
    const { stored, built } = await buildRepo(dir, r);
    const [ns, name] = r.id.split('/') as [string, string];
    await mkdir(join(dir, 'repos', ns), { recursive: true });
    await writeFile(join(dir, 'repos', ns, `${name}.json`), JSON.stringify(stored, null, 2));
    result.repos[r.id] = built;
  }
  for (const rd of spec.redirects ?? []) {
    if (!isValidRepoId(rd.from) || !isValidRepoId(rd.to)) throw new Error(`redirect '${rd.from}' → '${rd.to}': both must be valid repo ids`);
    if (rd.from.toLowerCase() === rd.to.toLowerCase()) throw new Error(`redirect '${rd.from}' → '${rd.to}' points at itself`);
  }
  const root: StoredRoot = { format: STORE_FORMAT, version: STORE_VERSION, redirects: spec.redirects ?? [] };
  await writeFile(join(dir, 'store.json'), JSON.stringify(root, null, 2));
  return result;
}
