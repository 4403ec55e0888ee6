// Validators from raw Hub JSON to the types in types.ts. Pure; they throw ShapeError with the field's path.
import { checkRepoId } from '../core/ids.js';
import { unsafePathReason } from '../core/paths.js';
import { HEX40, HEX64 } from './oid.js';
import {
  ShapeError, arr, bool, count, isoDate, matching, obj, optBool, optCount, optIsoDate, optStr, str, strArray,
  type Obj
} from './shape.js';
import type {
  Author, Commit, LastCommit, ModelInfo, PickleImport, Ref, Refs, ScannerStatus, SecurityFileStatus,
  SecurityRepoStatus, Sibling, TreeFile, TreeItem
} from './types.js';

export const OBJECT_ID = /^[0-9a-f]{24}$/;
const SCANNERS = ['avScan', 'pickleImportScan', 'protectAiScan', 'jFrogScan', 'virusTotalScan'] as const;

/** A `namespace/name` the Hub allows: the canonical id names report lines and signature folders. */
function repoId(v: unknown, where: string): string {
  const id = str(v, where);
  const problem = checkRepoId(id);
  if (problem) throw new ShapeError(where, 'a namespace/name repo id', `${JSON.stringify(id.slice(0, 200))} (${problem.message})`);
  return id;
}

function lastCommit(v: unknown, where: string): LastCommit | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, where);
  return {
    id: matching(o.id, HEX40, `${where}.id`, 'a 40-hex commit'),
    title: str(o.title, `${where}.title`),
    date: isoDate(o.date, `${where}.date`)
  };
}

function scanner(v: unknown, where: string): ScannerStatus | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, where);
  const out: ScannerStatus = { status: str(o.status, `${where}.status`) };
  const message = optStr(o.message, `${where}.message`);
  if (message !== undefined) out.message = message;
  if (o.pickleImports !== undefined && o.pickleImports !== null) {
    out.pickleImports = arr(o.pickleImports, `${where}.pickleImports`).map((p, i): PickleImport => {
      const w = `${where}.pickleImports[${i}]`;
      const po = obj(p, w);
      return { module: str(po.module, `${w}.module`), name: str(po.name, `${w}.name`), safety: str(po.safety, `${w}.safety`) };
    });
  }
  return out;
}

export function parseSecurityFileStatus(v: unknown, where: string): SecurityFileStatus | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, where);
  const out: SecurityFileStatus = { status: str(o.status, `${where}.status`) };
  for (const name of SCANNERS) {
    const s = scanner(o[name], `${where}.${name}`);
    if (s) out[name] = s;
  }
  return out;
}

/** One tree item; `seen` catches duplicate paths across pages. */
export function parseTreeItem(v: unknown, where: string): TreeItem {
  const o = obj(v, where);
  const path = str(o.path, `${where}.path`);
  const why = unsafePathReason(path);
  if (why) throw new ShapeError(`${where}.path`, 'a relative POSIX path', `${JSON.stringify(path)} (it ${why})`);
  const oid = matching(o.oid, HEX40, `${where}.oid`, 'a 40-hex git oid');
  const commit = lastCommit(o.lastCommit, `${where}.lastCommit`);
  if (o.type === 'directory') {
    return { type: 'directory', path, oid, ...(commit ? { lastCommit: commit } : {}) };
  }
  if (o.type !== 'file') throw new ShapeError(`${where}.type`, "'file' or 'directory'", o.type);
  const size = count(o.size, `${where}.size`);
  const item: TreeFile = { type: 'file', path, oid, size };
  if (o.lfs !== undefined && o.lfs !== null) {
    const l = obj(o.lfs, `${where}.lfs`);
    const lfsSize = count(l.size, `${where}.lfs.size`);
    if (lfsSize !== size) throw new ShapeError(`${where}.lfs.size`, `equal to size ${size}`, lfsSize);
    const pointerSize = optCount(l.pointerSize, `${where}.lfs.pointerSize`);
    item.lfs = {
      oid: matching(l.oid, HEX64, `${where}.lfs.oid`, 'a 64-hex sha256'),
      size: lfsSize,
      ...(pointerSize !== undefined ? { pointerSize } : {})
    };
  }
  const xetHash = optStr(o.xetHash, `${where}.xetHash`);
  if (xetHash !== undefined) item.xetHash = xetHash;
  if (commit) item.lastCommit = commit;
  const sec = parseSecurityFileStatus(o.securityFileStatus, `${where}.securityFileStatus`);
  if (sec) item.securityFileStatus = sec;
  return item;
}

function sibling(v: unknown, where: string): Sibling {
  const o = obj(v, where);
  const out: Sibling = { rfilename: str(o.rfilename, `${where}.rfilename`) };
  const size = optCount(o.size, `${where}.size`);
  if (size !== undefined) out.size = size;
  if (o.blobId !== undefined) out.blobId = matching(o.blobId, HEX40, `${where}.blobId`, 'a 40-hex git oid');
  if (o.lfs !== undefined && o.lfs !== null) {
    const l = obj(o.lfs, `${where}.lfs`);
    const pointerSize = optCount(l.pointerSize, `${where}.lfs.pointerSize`);
    out.lfs = {
      sha256: matching(l.sha256, HEX64, `${where}.lfs.sha256`, 'a 64-hex sha256'),
      size: count(l.size, `${where}.lfs.size`),
      ...(pointerSize !== undefined ? { pointerSize } : {})
    };
  }
  return out;
}

function securityRepoStatus(v: unknown, where: string): SecurityRepoStatus | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, where);
  return {
    scansDone: bool(o.scansDone, `${where}.scansDone`),
    filesWithIssues: arr(o.filesWithIssues ?? [], `${where}.filesWithIssues`).map((f, i) => {
      const fo = obj(f, `${where}.filesWithIssues[${i}]`);
      return { path: str(fo.path, `${where}.filesWithIssues[${i}].path`), level: str(fo.level, `${where}.filesWithIssues[${i}].level`) };
    })
  };
}

export function parseModelInfo(v: unknown): ModelInfo {
  const o = obj(v, 'model info');
  const info: ModelInfo = {
    _id: matching(o._id, OBJECT_ID, '_id', 'a 24-hex ObjectId'),
    id: repoId(o.id, 'id'),
    sha: matching(o.sha, HEX40, 'sha', 'a 40-hex commit')
  };
  const setStr = (k: 'author' | 'pipeline_tag' | 'library_name'): void => {
    const s = optStr(o[k], k);
    if (s !== undefined) info[k] = s;
  };
  setStr('author');
  setStr('pipeline_tag');
  setStr('library_name');
  const createdAt = optIsoDate(o.createdAt, 'createdAt');
  if (createdAt !== undefined) info.createdAt = createdAt;
  const lastModified = optIsoDate(o.lastModified, 'lastModified');
  if (lastModified !== undefined) info.lastModified = lastModified;
  const priv = optBool(o.private, 'private');
  if (priv !== undefined) info.private = priv;
  const disabled = optBool(o.disabled, 'disabled');
  if (disabled !== undefined) info.disabled = disabled;
  if (o.gated !== undefined && o.gated !== null) {
    if (o.gated !== false && o.gated !== 'auto' && o.gated !== 'manual') {
      throw new ShapeError('gated', "false, 'auto' or 'manual'", o.gated);
    }
    info.gated = o.gated;
  }
  const downloads = optCount(o.downloads, 'downloads');
  if (downloads !== undefined) info.downloads = downloads;
  const likes = optCount(o.likes, 'likes');
  if (likes !== undefined) info.likes = likes;
  if (o.tags !== undefined && o.tags !== null) info.tags = strArray(o.tags, 'tags');
  if (o.siblings !== undefined && o.siblings !== null) {
    info.siblings = arr(o.siblings, 'siblings').map((s, i) => sibling(s, `siblings[${i}]`));
  }
  const srs = securityRepoStatus(o.securityRepoStatus, 'securityRepoStatus');
  if (srs) info.securityRepoStatus = srs;
  if (o.cardData !== undefined) info.cardData = o.cardData;
  if (o.config !== undefined) info.config = o.config;
  return info;
}

export function parseCommit(v: unknown, where: string): Commit {
  const o = obj(v, where);
  const out: Commit = {
    id: matching(o.id, HEX40, `${where}.id`, 'a 40-hex commit'),
    title: str(o.title, `${where}.title`),
    authors: arr(o.authors ?? [], `${where}.authors`).map((a, i) => ({
      user: str(obj(a, `${where}.authors[${i}]`).user, `${where}.authors[${i}].user`)
    })),
    date: isoDate(o.date, `${where}.date`)
  };
  const message = optStr(o.message, `${where}.message`);
  if (message !== undefined) out.message = message;
  return out;
}

function refList(v: unknown, where: string): Ref[] {
  return arr(v ?? [], where).map((r, i) => {
    const w = `${where}[${i}]`;
    const o = obj(r, w);
    return {
      name: str(o.name, `${w}.name`),
      ref: str(o.ref, `${w}.ref`),
      targetCommit: matching(o.targetCommit, HEX40, `${w}.targetCommit`, 'a 40-hex commit')
    };
  });
}

export function parseRefs(v: unknown): Refs {
  const o = obj(v, 'refs');
  return { branches: refList(o.branches, 'branches'), tags: refList(o.tags, 'tags'), converts: refList(o.converts, 'converts') };
}

/** Creation time encoded in an ObjectId: its first 4 bytes are seconds since the epoch. */
export function objectIdTime(id: string): string {
  return new Date(parseInt(id.slice(0, 8), 16) * 1000).toISOString();
}

function authorFrom(o: Obj, type: 'user' | 'org', nameKey: 'user' | 'name'): Author {
  const id = matching(o._id, OBJECT_ID, '_id', 'a 24-hex ObjectId');
  const createdAt = optIsoDate(o.createdAt, 'createdAt');
  const out: Author = {
    name: str(o[nameKey], nameKey),
    type,
    id,
    createdAt: createdAt ?? objectIdTime(id),
    createdAtSource: createdAt ? 'createdAt' : 'objectId'
  };
  const fullname = optStr(o.fullname, 'fullname');
  if (fullname !== undefined) out.fullname = fullname;
  const isVerified = optBool(o.isVerified, 'isVerified');
  if (isVerified !== undefined) out.isVerified = isVerified;
  const isPro = optBool(o.isPro, 'isPro');
  if (isPro !== undefined) out.isPro = isPro;
  return out;
}

export function parseUserOverview(v: unknown): Author {
  return authorFrom(obj(v, 'user overview'), 'user', 'user');
}

export function parseOrgOverview(v: unknown): Author {
  return authorFrom(obj(v, 'organization overview'), 'org', 'name');
}
