// Model search (`GET /api/models?search=&author=&sort=&direction=&limit=&expand=`): an array of model summaries,
// most relevant first, with `Link: rel="next"` when more follow. Without `expand` each item carries the list
// fields below; with `expand=a&expand=b`, exactly `_id`, `id` and the requested keys (MODEL_EXPAND_KEYS).
import { ShapeError, arr, obj, optBool, optCount, optIsoDate, str } from './check.js';
import { OBJECT_ID, type ApiGated } from './model-info.js';

export interface ApiModelListItem {
  _id: string;
  id: string;
  modelId?: string;
  author?: string;
  likes?: number;
  downloads?: number;
  trendingScore?: number;
  private?: boolean;
  gated?: ApiGated;
  tags?: string[];
  pipeline_tag?: string;
  library_name?: string;
  createdAt?: string;
  lastModified?: string;
}

/** Fields of a list item without `expand`, in the Hub's order. */
export const DEFAULT_LIST_KEYS = [
  '_id', 'id', 'likes', 'trendingScore', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId'
] as const satisfies readonly (keyof ApiModelListItem)[];

/** Sort keys the search accepts. */
export const LIST_SORT_KEYS = ['downloads', 'likes', 'trendingScore', 'createdAt', 'lastModified'] as const;

/** What the gate reads of a search result. */
export interface ModelSummary {
  /** The repository's immutable ObjectId. */
  _id: string;
  id: string;
  downloads?: number;
  likes?: number;
  createdAt?: string;
  private?: boolean;
}

export function parseModelList(v: unknown): ModelSummary[] {
  return arr(v, 'models').map((item, i) => {
    const w = `models[${i}]`;
    const o = obj(item, w);
    const id = str(o.id, `${w}.id`);
    if (!/^[^/]+\/[^/]+$/.test(id)) throw new ShapeError(`${w}.id`, 'namespace/name', id);
    const _id = str(o._id, `${w}._id`);
    if (!OBJECT_ID.test(_id)) throw new ShapeError(`${w}._id`, 'a 24-hex ObjectId', _id);
    const out: ModelSummary = { _id, id };
    const downloads = optCount(o.downloads, `${w}.downloads`);
    const likes = optCount(o.likes, `${w}.likes`);
    const createdAt = optIsoDate(o.createdAt, `${w}.createdAt`);
    const priv = optBool(o.private, `${w}.private`);
    if (downloads !== undefined) out.downloads = downloads;
    if (likes !== undefined) out.likes = likes;
    if (createdAt !== undefined) out.createdAt = createdAt;
    if (priv !== undefined) out.private = priv;
    return out;
  });
}
