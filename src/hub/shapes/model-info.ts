// Model info (hub-api.md "Endpoints" 1): `GET /api/models/{ns}/{name}[/revision/{rev}]` in its three modes.
// `ApiModelInfo` is the JSON the Hub sends (the registry serves exactly this); `parseModelInfo` validates the
// `?blobs=true&securityStatus=true` answer the client asks for and keeps what the gate reads.
import { checkRepoId } from '../../core/ids.js';
import { HEX40, HEX64 } from '../oid.js';
import {
  ShapeError, arr, bool, count, matching, obj, optBool, optCount, optIsoDate, optStr, str, strArray
} from './check.js';

export const OBJECT_ID = /^[0-9a-f]{24}$/;

/** One sibling. `size`, `blobId` and `lfs` only with `?blobs=true`; `lfs.sha256` is the content sha256. */
export interface ApiSibling {
  rfilename: string;
  size?: number;
  blobId?: string;
  lfs?: { sha256: string; size: number; pointerSize?: number };
}

/** With `?securityStatus=true`. */
export interface ApiSecurityRepoStatus {
  scansDone: boolean;
  filesWithIssues: { path: string; level: string }[];
}

export type ApiGated = false | 'auto' | 'manual';

/**
 * The model-info document. Default mode: the DEFAULT_MODEL_KEYS fields; `?expand=a&expand=b`: exactly `_id`, `id`
 * and the requested keys (MODEL_EXPAND_KEYS); `?blobs=true` and `?securityStatus=true` extend the default mode.
 */
export interface ApiModelInfo {
  /** The repository's immutable ObjectId. */
  _id: string;
  /** Canonical `namespace/name` (after any rename). */
  id: string;
  modelId?: string;
  author?: string;
  /** The commit the revision resolved to. */
  sha?: string;
  createdAt?: string;
  lastModified?: string;
  private?: boolean;
  gated?: ApiGated;
  disabled?: boolean;
  /** Last 30 days. */
  downloads?: number;
  downloadsAllTime?: number;
  likes?: number;
  trendingScore?: number;
  tags?: string[];
  pipeline_tag?: string;
  library_name?: string;
  cardData?: unknown;
  config?: unknown;
  siblings?: ApiSibling[];
  spaces?: string[];
  usedStorage?: number;
  xetEnabled?: boolean;
  safetensors?: { parameters: Record<string, number>; total: number };
  securityRepoStatus?: ApiSecurityRepoStatus;
}

/** Keys `expand=` accepts (the Hub's list; any other is a 400). */
export const MODEL_EXPAND_KEYS = [
  'author', 'baseModels', 'cardData', 'childrenModelCount', 'config', 'createdAt', 'disabled', 'downloads',
  'downloadsAllTime', 'evalResults', 'gated', 'gguf', 'gitalyUid', 'inference', 'inferenceProviderMapping',
  'lastModified', 'library_name', 'likes', 'mask_token', 'model-index', 'pipeline_tag', 'private',
  'resourceGroup', 'safetensors', 'sha', 'siblings', 'spaces', 'tags', 'transformersInfo', 'trendingScore',
  'usedStorage', 'widgetData', 'xetEnabled'
] as const;

/** Fields of the default (non-expand) document, in the Hub's order. */
export const DEFAULT_MODEL_KEYS = [
  '_id', 'id', 'modelId', 'author', 'sha', 'lastModified', 'private', 'gated', 'disabled', 'downloads', 'likes',
  'tags', 'pipeline_tag', 'library_name', 'cardData', 'config', 'createdAt', 'siblings', 'spaces', 'usedStorage'
] as const satisfies readonly (keyof ApiModelInfo)[];

// The client's view.
export type Sibling = ApiSibling;
export type SecurityRepoStatus = ApiSecurityRepoStatus;

/** Model info at a revision, from `?blobs=true&securityStatus=true`: `sha` is required there. */
export type ModelInfo = Pick<
  ApiModelInfo,
  | '_id' | 'id' | 'author' | 'createdAt' | 'lastModified' | 'private' | 'gated' | 'disabled' | 'downloads' | 'likes'
  | 'tags' | 'pipeline_tag' | 'library_name' | 'siblings' | 'securityRepoStatus' | 'cardData' | 'config'
> & { sha: string };

/** A `namespace/name` the Hub allows: the canonical id names report lines and signature folders. */
function repoId(v: unknown, where: string): string {
  const id = str(v, where);
  const problem = checkRepoId(id);
  if (problem) throw new ShapeError(where, 'a namespace/name repo id', `${JSON.stringify(id.slice(0, 200))} (${problem.message})`);
  return id;
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
