// Publishing to the pull request: one sticky comment and one review state per head commit, both written, adopted,
// updated and dismissed only as the action's own identity. The hidden markers only find candidates: anyone can
// post `<!-- model-gate -->`, so a marked comment or review by another account is ignored (and named in the log),
// never edited and never pointed to. Failures to write (fork PRs get a read-only token) degrade to a warning;
// the job summary and annotations still carry the result.
import { COMMENT_MARKER } from '../report/markdown.js';
import { GitHubApiError, REVIEW_MARKER, type Author, type GitHubApi } from './github-api.js';

export type CommentOutcome = { status: 'created' | 'updated'; id: number } | { status: 'skipped'; reason: string };

/** Who the action is, resolved once per run; null when GitHub would not say (then nothing is adopted). */
export type Self = Author | null;

function isPermissionError(err: unknown): boolean {
  return err instanceof GitHubApiError && (err.status === 403 || err.status === 401 || err.status === 404);
}

/** Resolves the token's identity once; on failure warns and returns null, so nothing existing is adopted. */
export async function resolveSelf(api: GitHubApi, warn: (msg: string) => void): Promise<Self> {
  try {
    return await api.whoAmI();
  } catch (err) {
    warn(
      `could not learn which account the token acts as (${err instanceof Error ? err.message : String(err)}); ` +
        'Model Gate will adopt, edit or dismiss none of the existing comments and reviews and posts new ones instead.'
    );
    return null;
  }
}

/** True when `author` is the action's own identity: same login, and the same account id when both are known. */
export function isSelf(self: Self, author: Author | undefined): boolean {
  if (!self || !author) return false;
  if (author.login.toLowerCase() !== self.login.toLowerCase()) return false;
  return self.id === undefined || author.id === undefined || self.id === author.id;
}

const who = (a: Author | undefined): string => (a ? `@${a.login}${a.id !== undefined ? ` (id ${a.id})` : ''}` : 'an unknown account');

/**
 * Updates the action's own comment carrying the marker (the first, if several), else creates one. A marked comment
 * by anyone else is ignored and named through `warn`. If GitHub refuses the edit, a new comment is posted.
 */
export async function upsertStickyComment(api: GitHubApi, issue: number, body: string, warn: (msg: string) => void, self?: Self): Promise<CommentOutcome> {
  const text = body.startsWith(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
  try {
    const me = self === undefined ? await resolveSelf(api, warn) : self;
    const marked = (await api.listComments(issue)).filter((c) => c.body.startsWith(COMMENT_MARKER));
    for (const c of marked) {
      if (!isSelf(me, c.author)) {
        warn(`ignored comment ${c.id} on #${issue} by ${who(c.author)}: it carries the Model Gate marker but was not written by ${me ? who(me) : 'this action'}${c.url ? ` (${c.url})` : ''}`);
      }
    }
    const existing = marked.find((c) => isSelf(me, c.author));
    if (existing) {
      try {
        await api.updateComment(existing.id, text);
        return { status: 'updated', id: existing.id };
      } catch (err) {
        if (!isPermissionError(err)) throw err;
        warn(`could not edit comment ${existing.id} on #${issue} (${(err as GitHubApiError).status}); posting a new one instead`);
      }
    }
    return { status: 'created', id: (await api.createComment(issue, text)).id };
  } catch (err) {
    if (!isPermissionError(err)) throw err;
    const reason =
      `could not comment on #${issue} (${(err as GitHubApiError).status}): the token lacks \`pull-requests: write\` ` +
      '(fork pull requests get a read-only token). The result is in the job summary and annotations.';
    warn(reason);
    return { status: 'skipped', reason };
  }
}

export type ReviewOutcome = 'requested-changes' | 'updated' | 'dismissed' | 'unchanged' | 'skipped';

/**
 * One review state per head commit. When something is rejected: the action's own change request on this head is
 * updated in place, else a new one is submitted; the action's earlier change requests (older commits, duplicates)
 * are then dismissed, so they do not pile up. When nothing is rejected, the action's change requests are dismissed.
 * Reviews by anyone else — marked or not — are never touched.
 */
export async function submitReview(
  api: GitHubApi,
  pull: number,
  headSha: string,
  rejected: { count: number; summary: string },
  warn: (msg: string) => void,
  self?: Self
): Promise<ReviewOutcome> {
  try {
    const me = self === undefined ? await resolveSelf(api, warn) : self;
    const marked = (await api.listReviews(pull)).filter((r) => r.body.startsWith(REVIEW_MARKER));
    for (const r of marked) {
      if (!isSelf(me, r.author)) warn(`ignored review ${r.id} on #${pull} by ${who(r.author)}: it carries the Model Gate marker but was not written by ${me ? who(me) : 'this action'}`);
    }
    const ours = marked.filter((r) => isSelf(me, r.author) && r.state === 'CHANGES_REQUESTED');
    let outcome: ReviewOutcome;
    let keep: number | undefined;
    if (rejected.count > 0) {
      const current = ours.find((r) => r.commitId === headSha);
      if (current) {
        await api.updateReview(pull, current.id, rejected.summary);
        keep = current.id;
        outcome = 'updated';
      } else {
        keep = (await api.createReview(pull, { commitId: headSha, event: 'REQUEST_CHANGES', body: rejected.summary })).id;
        outcome = 'requested-changes';
      }
    } else {
      outcome = ours.length > 0 ? 'dismissed' : 'unchanged';
    }
    const message =
      rejected.count > 0 ? `Model Gate: superseded by its review of ${headSha.slice(0, 7)}.` : 'Model Gate: no rejected models remain in this pull request.';
    for (const r of ours) if (r.id !== keep) await api.dismissReview(pull, r.id, message);
    return outcome;
  } catch (err) {
    if (!isPermissionError(err)) throw err;
    warn(`could not submit a review on #${pull} (${(err as GitHubApiError).status}); the failing check still blocks the merge.`);
    return 'skipped';
  }
}

export type FastTrackOutcome = 'approved' | 'already-approved' | 'withdrawn' | 'unchanged' | 'skipped';

/**
 * The policy's fast track on the pull request: when every entry it adds was fast-tracked (and nothing fails), the
 * action approves the head commit itself, so a required review does not wait for a human. Otherwise any approval
 * it gave earlier is dismissed, so the pull request waits for a human as it would without the fast track. Only the
 * action's own marked approvals are touched. GitHub refuses (403/422) unless the repository lets GitHub Actions
 * approve pull requests: that is a warning, and a human approves as today.
 */
export async function approveFastTracked(
  api: GitHubApi,
  pull: number,
  headSha: string,
  decision: { approve: boolean; summary: string },
  warn: (msg: string) => void,
  self?: Self
): Promise<FastTrackOutcome> {
  try {
    const me = self === undefined ? await resolveSelf(api, warn) : self;
    const ours = (await api.listReviews(pull)).filter((r) => r.body.startsWith(REVIEW_MARKER) && isSelf(me, r.author) && r.state === 'APPROVED');
    if (decision.approve) {
      if (ours.some((r) => r.commitId === headSha)) return 'already-approved';
      await api.createReview(pull, { commitId: headSha, event: 'APPROVE', body: decision.summary });
      return 'approved';
    }
    for (const r of ours) await api.dismissReview(pull, r.id, 'Model Gate: not every entry of this pull request is on the fast track any more; a human review is needed.');
    return ours.length > 0 ? 'withdrawn' : 'unchanged';
  } catch (err) {
    if (!isPermissionError(err) && !(err instanceof GitHubApiError && err.status === 422)) throw err;
    warn(`could not ${decision.approve ? 'approve' : 'withdraw the fast-track approval of'} #${pull} (${(err as GitHubApiError).status}): ` +
      'the repository may not let GitHub Actions approve pull requests; a human review decides, as without the fast track.');
    return 'skipped';
  }
}
