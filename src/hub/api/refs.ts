// Branches, tags and conversion refs of a repository, `GET /api/models/{repo}/refs`.
import type { HubHttp } from '../http.js';
import { parseRefs, type Refs } from '../shapes/refs.js';
import { assertRepoId } from './args.js';
import { refuseRedirect } from './pages.js';

export function refsUrl(hubOrigin: string, repo: string): string {
  return `${hubOrigin}/api/models/${repo}/refs`;
}

export async function getRefs(http: HubHttp, repo: string): Promise<Refs> {
  assertRepoId(repo);
  const what = `refs of ${repo}`;
  const answer = await http.getJson(refsUrl(http.hubOrigin, repo), { what, notFound: 'repo-not-found' });
  refuseRedirect(answer, what);
  return http.validate(answer, what, parseRefs);
}
