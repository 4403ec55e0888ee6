// The few GitHub REST calls the action makes, behind a narrow interface so tests can point them at a
// loopback server (Octokit's baseUrl) and the rest of the action never sees Octokit.
import { getOctokit } from '@actions/github';

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Who wrote a comment or review (GitHub's `user`); absent when GitHub sends none (a deleted account). */
export interface Author {
  login: string;
  /** Numeric account id; bots have one too (`github-actions[bot]` is 41898282). */
  id?: number;
}

export interface IssueComment {
  id: number;
  body: string;
  author?: Author;
  url?: string;
}

export interface PullReview {
  id: number;
  state: string;
  body: string;
  author?: Author;
  commitId?: string;
}

export interface GitHubApi {
  /** File text at a commit, or null when the file does not exist there. */
  readFile(path: string, ref: string): Promise<string | null>;
  /**
   * The account the token acts as: `GET /user` for a user token; installation tokens (GITHUB_TOKEN, GitHub Apps)
   * are refused there (403 "Resource not accessible by integration"), so GraphQL `viewer { login databaseId }`
   * answers for them (`github-actions[bot]`, `<slug>[bot]`). Throws a GitHubApiError when neither answers.
   */
  whoAmI(): Promise<Author>;
  listComments(issue: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<void>;
  listReviews(pull: number): Promise<PullReview[]>;
  createReview(pull: number, review: { commitId: string; event: 'REQUEST_CHANGES' | 'COMMENT' | 'APPROVE'; body: string }): Promise<PullReview>;
  /** Replaces a review's body (`PUT /repos/{o}/{r}/pulls/{n}/reviews/{id}`); its state stays. */
  updateReview(pull: number, id: number, body: string): Promise<void>;
  dismissReview(pull: number, id: number, message: string): Promise<void>;
  /** Every issue of the repository, open and closed (pull requests left out). */
  listIssues(): Promise<Issue[]>;
  createIssue(title: string, body: string): Promise<Issue>;
  updateIssue(number: number, change: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<void>;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  author?: Author;
}

/** An HTTP error from the GitHub API, with the status so callers can degrade on 403. */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
  }
}

/** Hidden marker identifying the action's own PR reviews (the sticky comment has its own). */
export const REVIEW_MARKER = '<!-- model-gate-review -->';

const MAX_FILE_BYTES = 1024 * 1024;

function statusOf(err: unknown): number {
  const s = (err as { status?: unknown }).status;
  return typeof s === 'number' ? s : 0;
}

async function wrap<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const status = statusOf(err);
    throw new GitHubApiError(`GitHub API: ${what} failed (${status || 'no status'}): ${err instanceof Error ? err.message : String(err)}`, status);
  }
}

type RawUser = { login?: string; id?: number } | null | undefined;

function authorOf(user: RawUser): Author | undefined {
  if (!user || typeof user.login !== 'string') return undefined;
  return typeof user.id === 'number' ? { login: user.login, id: user.id } : { login: user.login };
}

export function octokitApi(token: string, repo: RepoRef, baseUrl?: string): GitHubApi {
  const octokit = getOctokit(token, baseUrl ? { baseUrl } : {});
  const { owner, repo: name } = repo;
  return {
    async readFile(path, ref) {
      try {
        const res = await octokit.rest.repos.getContent({ owner, repo: name, path, ref, mediaType: { format: 'raw' } });
        const data = res.data as unknown;
        const text = typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8');
        if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
          throw new GitHubApiError(`${path} at ${ref} is larger than ${MAX_FILE_BYTES} bytes; an allowlist or policy that big is refused`, 413);
        }
        return text;
      } catch (err) {
        if (err instanceof GitHubApiError) throw err;
        if (statusOf(err) === 404) return null;
        throw new GitHubApiError(`GitHub API: reading ${path} at ${ref} failed (${statusOf(err)}): ${err instanceof Error ? err.message : String(err)}`, statusOf(err));
      }
    },
    async whoAmI() {
      try {
        const me = authorOf((await octokit.rest.users.getAuthenticated()).data);
        if (me) return me;
      } catch (err) {
        // 403 is what an installation token gets here; anything else is a real failure.
        if (statusOf(err) !== 403) throw new GitHubApiError(`GitHub API: GET /user failed (${statusOf(err) || 'no status'}): ${err instanceof Error ? err.message : String(err)}`, statusOf(err));
      }
      return wrap('asking GraphQL who the token is (viewer)', async () => {
        const r = await octokit.graphql<{ viewer?: { login?: string; databaseId?: number } }>('query { viewer { login databaseId } }');
        const me = authorOf(r.viewer ? { login: r.viewer.login, id: r.viewer.databaseId } : undefined);
        if (!me) throw new GitHubApiError('GraphQL viewer has no login', 0);
        return me;
      });
    },
    listComments: (issue) =>
      wrap(`listing comments on #${issue}`, async () => {
        const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo: name, issue_number: issue, per_page: 100 });
        return all.map((c) => ({ id: c.id, body: c.body ?? '', author: authorOf(c.user), url: c.html_url }));
      }),
    createComment: (issue, body) =>
      wrap(`commenting on #${issue}`, async () => {
        const c = (await octokit.rest.issues.createComment({ owner, repo: name, issue_number: issue, body })).data;
        return { id: c.id, body: c.body ?? '', author: authorOf(c.user), url: c.html_url };
      }),
    updateComment: (id, body) =>
      wrap(`updating comment ${id}`, async () => {
        await octokit.rest.issues.updateComment({ owner, repo: name, comment_id: id, body });
      }),
    listReviews: (pull) =>
      wrap(`listing reviews on #${pull}`, async () => {
        const all = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo: name, pull_number: pull, per_page: 100 });
        return all.map((r) => ({ id: r.id, state: r.state, body: r.body ?? '', author: authorOf(r.user), commitId: r.commit_id ?? undefined }));
      }),
    createReview: (pull, review) =>
      wrap(`submitting a review on #${pull}`, async () => {
        const r = (
          await octokit.rest.pulls.createReview({
            owner,
            repo: name,
            pull_number: pull,
            commit_id: review.commitId,
            event: review.event,
            body: `${REVIEW_MARKER}\n${review.body}`
          })
        ).data;
        return { id: r.id, state: r.state, body: r.body ?? '', author: authorOf(r.user), commitId: r.commit_id ?? undefined };
      }),
    updateReview: (pull, id, body) =>
      wrap(`updating review ${id} on #${pull}`, async () => {
        await octokit.rest.pulls.updateReview({ owner, repo: name, pull_number: pull, review_id: id, body: `${REVIEW_MARKER}\n${body}` });
      }),
    dismissReview: (pull, id, message) =>
      wrap(`dismissing review ${id} on #${pull}`, async () => {
        await octokit.rest.pulls.dismissReview({ owner, repo: name, pull_number: pull, review_id: id, message });
      }),
    listIssues: () =>
      wrap('listing issues', async () => {
        const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: name, state: 'all', per_page: 100 });
        return all.filter((i) => !i.pull_request).map((i) => ({
          number: i.number, title: i.title, body: i.body ?? '', state: i.state === 'closed' ? 'closed' as const : 'open' as const, author: authorOf(i.user)
        }));
      }),
    createIssue: (title, body) =>
      wrap('opening an issue', async () => {
        const i = (await octokit.rest.issues.create({ owner, repo: name, title, body })).data;
        return { number: i.number, title: i.title, body: i.body ?? '', state: 'open' as const, author: authorOf(i.user) };
      }),
    updateIssue: (number, change) =>
      wrap(`updating issue #${number}`, async () => {
        await octokit.rest.issues.update({ owner, repo: name, issue_number: number, ...change });
      })
  };
}
