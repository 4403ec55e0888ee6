// A user or organisation, `GET /api/users/{name}/overview` or `GET /api/organizations/{name}/overview` (they share
// one namespace, so at most one answers). The kind asked first is a guess that saves a request when right and costs
// one when wrong: whichever answers, the result is the same.
import { HubError } from '../errors.js';
import type { HubHttp } from '../http.js';
import { parseOrgOverview, parseUserOverview, type Author } from '../shapes/author.js';
import type { Commit } from '../shapes/commits.js';
import { assertNamespace } from './args.js';
import { refuseRedirect } from './pages.js';

export type AccountKind = 'users' | 'organizations';

export function overviewUrl(hubOrigin: string, kind: AccountKind, name: string): string {
  return `${hubOrigin}/api/${kind}/${name}/overview`;
}

/** One kind of account; undefined when the Hub has no such account of that kind. */
async function overview(http: HubHttp, kind: AccountKind, name: string): Promise<Author | undefined> {
  const what = `${kind === 'users' ? 'user' : 'organization'} overview of ${name}`;
  try {
    const answer = await http.getJson(overviewUrl(http.hubOrigin, kind, name), { what, notFound: 'author-not-found' });
    refuseRedirect(answer, what);
    return http.validate(answer, what, kind === 'users' ? parseUserOverview : parseOrgOverview);
  } catch (err) {
    if (err instanceof HubError && err.code === 'author-not-found') return undefined;
    throw err;
  }
}

export async function getAuthor(http: HubHttp, name: string, first: AccountKind = 'users'): Promise<Author> {
  assertNamespace(name);
  const second: AccountKind = first === 'users' ? 'organizations' : 'users';
  const found = (await overview(http, first, name)) ?? (await overview(http, second, name));
  if (!found) {
    throw new HubError(
      'author-not-found',
      `no Hub user or organization named '${name}'; the namespace may have been deleted (and could be re-registered by anyone)`
    );
  }
  return found;
}

/**
 * Which kind of account `name` probably is, from a repository's commits: a user commits under their own name; an
 * organisation never appears as a commit author (its members do).
 */
export function likelyAccountKind(name: string, commits: readonly Pick<Commit, 'authors'>[]): AccountKind {
  const lower = name.toLowerCase();
  return commits.some((c) => c.authors.some((a) => a.user.toLowerCase() === lower)) ? 'users' : 'organizations';
}
