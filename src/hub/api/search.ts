// Model search, `GET /api/models?search={query}&sort=downloads&direction=-1&limit={n}`: the most downloaded
// repositories whose id contains the query. One page, bounded: the namespace check asks once per entry for the
// popular repositories that share a name with the one under review.
import type { HubHttp } from '../http.js';
import { parseModelList, type ModelSummary } from '../shapes/model-list.js';

export interface SearchOptions {
  /** Results wanted (the Hub caps a page at 1000). Default 20. */
  limit?: number;
}

export function searchUrl(hubOrigin: string, query: string, limit: number): string {
  const q = new URLSearchParams({ search: query, sort: 'downloads', direction: '-1', limit: String(limit) });
  for (const key of ['downloads', 'likes', 'createdAt', 'private']) q.append('expand', key);
  return `${hubOrigin}/api/models?${q.toString()}`;
}

export async function searchModels(http: HubHttp, query: string, opts: SearchOptions = {}): Promise<ModelSummary[]> {
  const limit = Math.max(1, Math.min(1000, Math.floor(opts.limit ?? 20)));
  const what = `model search for '${query.slice(0, 100)}'`;
  const answer = await http.getJson(searchUrl(http.hubOrigin, query, limit), { what, notFound: 'not-found' });
  return http.validate(answer, what, parseModelList).slice(0, limit);
}
