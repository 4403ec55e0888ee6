// Publishing to the pull request: one sticky comment and a review verdict. Failures to write (fork PRs get a
// read-only token) degrade to a warning; the job summary and annotations still carry the result.
import { COMMENT_MARKER } from '../report/markdown.js';
import { GitHubApiError, REVIEW_MARKER, type GitHubApi } from './github-api.js';

export type CommentOutcome = { status: 'created' | 'updated'; id: number } | { status: 'skipped'; reason: string };

function isPermissionError(err: unknown): boolean {
  return err instanceof GitHubApiError && (err.status === 403 || err.status === 401 || err.status === 404);
}

/** Updates the comment carrying the marker (the first one, if several exist), else creates it. */
export async function upsertStickyComment(api: GitHubApi, issue: number, body: string, warn: (msg: string) => void): Promise<CommentOutcome> {
  const text = body.startsWith(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
  try {
    const existing = (await api.listComments(issue)).find((c) => c.body.startsWith(COMMENT_MARKER));
    if (existing) {
      await api.updateComment(existing.id, text);
      return { status: 'updated', id: existing.id };
    }
    return { status: 'created', id: await api.createComment(issue, text) };
  } catch (err) {
    if (!isPermissionError(err)) throw err;
    const reason =
      `could not comment on #${issue} (${(err as GitHubApiError).status}): the token lacks \`pull-requests: write\` ` +
      '(fork pull requests get a read-only token). The result is in the job summary and annotations.';
    warn(reason);
    return { status: 'skipped', reason };
  }
}

export type ReviewOutcome = 'requested-changes' | 'dismissed' | 'unchanged' | 'skipped';

/**
 * Requests changes when something is rejected. When nothing is rejected any more, dismisses the action's
 * earlier change request so it stops blocking the merge.
 */
export async function submitReview(
  api: GitHubApi,
  pull: number,
  headSha: string,
  rejected: { count: number; summary: string },
  warn: (msg: string) => void
): Promise<ReviewOutcome> {
  try {
    const ours = (await api.listReviews(pull)).filter((r) => r.body.startsWith(REVIEW_MARKER) && r.state === 'CHANGES_REQUESTED');
    if (rejected.count > 0) {
      await api.createReview(pull, { commitId: headSha, event: 'REQUEST_CHANGES', body: rejected.summary });
      return 'requested-changes';
    }
    for (const r of ours) await api.dismissReview(pull, r.id, 'Model Gate: no rejected models remain in this pull request.');
    return ours.length > 0 ? 'dismissed' : 'unchanged';
  } catch (err) {
    if (!isPermissionError(err)) throw err;
    warn(`could not submit a review on #${pull} (${(err as GitHubApiError).status}); the failing check still blocks the merge.`);
    return 'skipped';
  }
}
