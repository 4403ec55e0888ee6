// Commits reachable from a revision, `GET /api/models/{repo}/commits/{rev}`, newest first, all pages up to a bound.
import type { HubHttp } from '../http.js';
import { parseCommitPage, type Commit } from '../shapes/commits.js';
import type { CommitList } from '../types.js';
import { assertRepoId } from './args.js';
import { paginate } from './pages.js';

export function commitsUrl(hubOrigin: string, repo: string, rev: string): string {
  return `${hubOrigin}/api/models/${repo}/commits/${encodeURIComponent(rev)}`;
}

/** Reads at most `maxPages` pages (at least one); beyond it the list is returned with complete:false. */
export async function listCommits(http: HubHttp, repo: string, rev: string, maxPages: number): Promise<CommitList> {
  assertRepoId(repo);
  const what = `commit history of ${repo}@${rev}`;
  const commits: Commit[] = [];
  let total: number | undefined;
  const complete = await paginate(http, commitsUrl(http.hubOrigin, repo, rev), what, Math.max(1, maxPages), (answer) => {
    const page = http.validate(answer, what, (body) => parseCommitPage(body, commits.length));
    commits.push(...page);
    const t = answer.headers.get('x-total-count');
    if (t && /^\d+$/.test(t)) total = Number(t);
  });
  return { commits, ...(total !== undefined ? { total } : {}), complete };
}
