// Tree and paths-info items (hub-api.md "Endpoints" 2-3, 8): `GET /api/models/{ns}/{name}/tree/{rev}` and
// `POST .../paths-info/{rev}` answer with arrays of these. `Api*` is the JSON the Hub sends (the registry serves
// exactly this); the validators turn it into the client's view, keeping only what the gate reads.
import { unsafePathReason } from '../../core/paths.js';
import { HEX40, HEX64 } from '../oid.js';
import { ShapeError, arr, count, isoDate, matching, obj, optCount, optStr, str } from './check.js';

/** `unscanned | safe | queued | error | caution | suspicious | unsafe` (unscanned, queued and error mean unknown). */
export type ApiScanStatus = string;

export interface ApiPickleImport {
  module: string;
  name: string;
  safety: string;
}

export interface ApiScannerStatus {
  status: ApiScanStatus;
  message?: string;
  pickleImports?: ApiPickleImport[];
  version?: string;
  reportLink?: string;
}

/** The Hub's own scanners' view of one file (evidence, never the gate). */
export interface ApiSecurityFileStatus {
  status: ApiScanStatus;
  avScan?: ApiScannerStatus;
  pickleImportScan?: ApiScannerStatus;
  protectAiScan?: ApiScannerStatus;
  jFrogScan?: ApiScannerStatus;
  virusTotalScan?: ApiScannerStatus;
}

/** With `expand=true`: the last commit that touched the entry. */
export interface ApiLastCommit {
  id: string;
  title: string;
  date: string;
}

/** `lfs` of a tree item: `oid` is the sha256 of the real content (the siblings' form calls it `sha256`). */
export interface ApiTreeLfs {
  oid: string;
  size: number;
  pointerSize?: number;
}

export interface ApiTreeFile {
  type: 'file';
  /** Git blob sha1 (of the pointer text for LFS files). */
  oid: string;
  size: number;
  path: string;
  lfs?: ApiTreeLfs;
  /** Xet Merkle hash, not a content sha256. */
  xetHash?: string;
  lastCommit?: ApiLastCommit;
  securityFileStatus?: ApiSecurityFileStatus;
}

export interface ApiTreeDirectory {
  type: 'directory';
  oid: string;
  /** Always 0. */
  size: number;
  path: string;
  lastCommit?: ApiLastCommit;
}

export type ApiTreeEntry = ApiTreeFile | ApiTreeDirectory;

// The client's view.
export type PickleImport = ApiPickleImport;
export type ScannerStatus = Pick<ApiScannerStatus, 'status' | 'message' | 'pickleImports'>;
export type SecurityFileStatus = { status: ApiScanStatus } & {
  [K in (typeof SCANNERS)[number]]?: ScannerStatus;
};
export type LastCommit = ApiLastCommit;
/** sha256 of the real content, and its size. */
export type LfsInfo = ApiTreeLfs;

export interface TreeFile extends Omit<ApiTreeFile, 'securityFileStatus'> {
  /** Relative POSIX path, validated: no `..`, no absolute, no backslash, no NUL. */
  path: string;
  securityFileStatus?: SecurityFileStatus;
}

export type TreeDirectory = Omit<ApiTreeDirectory, 'size'>;

export type TreeItem = TreeFile | TreeDirectory;

const SCANNERS = ['avScan', 'pickleImportScan', 'protectAiScan', 'jFrogScan', 'virusTotalScan'] as const;

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

/** One tree item. Duplicate paths across pages are the caller's to catch (api/tree.ts). */
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

/** A page of tree items; `offset` numbers them across pages in messages (`tree[1003].oid`). */
export function parseTreePage(v: unknown, offset = 0): TreeItem[] {
  return arr(v, 'tree').map((item, i) => parseTreeItem(item, `tree[${offset + i}]`));
}
