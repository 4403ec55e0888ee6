import { octokitApi } from '../../src/action/github-api.js';
import { REVIEW_MARKER } from '../../src/action/github-api.js';
import { approveFastTracked, resolveSelf, submitReview, upsertStickyComment } from '../../src/action/publish.js';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { ACTIONS_BOT, startGitHubServer, type GitHubServer } from '../support/github-server.js';

const HEAD = 'b'.repeat(40);
let gh: GitHubServer;

beforeEach(async () => {
  gh = await startGitHubServer('acme', 'models');
});
afterEach(async () => {
  await gh.close();
});

function api(token = 'ghs_test_token') {
  return octokitApi(token, { owner: 'acme', repo: 'models' }, gh.url);
}

const MALLORY = { login: 'mallory', id: 666 };

describe('sticky comment', () => {
  it('creates one comment, then updates it in place on re-run', async () => {
    const warnings: string[] = [];
    const first = await upsertStickyComment(api(), 7, 'first run', (w) => warnings.push(w));
    expect(first.status).toBe('created');
    const second = await upsertStickyComment(api(), 7, 'second run', (w) => warnings.push(w));
    expect(second).toEqual({ status: 'updated', id: (first as { id: number }).id });
    expect(gh.state.comments).toHaveLength(1);
    expect(gh.state.comments[0]!.body).toBe(`${COMMENT_MARKER}\nsecond run`);
    expect(warnings).toEqual([]);
    expect(gh.state.requests.every((r) => r.authorization === 'token ghs_test_token')).toBe(true);
  });

  it('finds its comment beyond the first page and leaves other comments alone', async () => {
    for (let i = 0; i < 130; i++) gh.state.comments.push({ id: i + 1, body: `human comment ${i}`, user: { login: 'someone' } });
    gh.state.comments.push({ id: 500, body: `${COMMENT_MARKER}\nold`, user: { login: 'github-actions[bot]' } });
    const out = await upsertStickyComment(api(), 7, 'new', () => undefined);
    expect(out).toEqual({ status: 'updated', id: 500 });
    expect(gh.state.comments).toHaveLength(131);
    expect(gh.state.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1);
  });

  it('degrades to a warning when the token cannot write (fork PR)', async () => {
    gh.state.denyWrites = 403;
    const warnings: string[] = [];
    const out = await upsertStickyComment(api(), 7, 'body', (w) => warnings.push(w));
    expect(out.status).toBe('skipped');
    expect(warnings[0]).toMatch(/pull-requests: write/);
    expect(gh.state.comments).toHaveLength(0);
  });
});

describe('the sticky comment belongs to the action\'s own identity', () => {
  it('learns the bot identity of an installation token through GraphQL viewer, and a user token\'s through GET /user', async () => {
    expect(await resolveSelf(api(), () => undefined)).toEqual({ login: ACTIONS_BOT.login, id: ACTIONS_BOT.id });
    expect(gh.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user', 'POST /graphql']);
    gh.state.identities.set('ghp_alice', { login: 'alice', id: 7, kind: 'user' });
    expect(await resolveSelf(api('ghp_alice'), () => undefined)).toEqual({ login: 'alice', id: 7 });
  });

  it('ignores a marker comment someone else posted first, names it in the log, and posts its own', async () => {
    gh.state.comments.push({ id: 1, body: `${COMMENT_MARKER}\n✅ all models approved`, user: MALLORY, html_url: 'https://github.com/acme/models/pull/7#issuecomment-1' });
    const warnings: string[] = [];
    const out = await upsertStickyComment(api(), 7, 'real verdict: rejected', (w) => warnings.push(w));
    expect(out.status).toBe('created');
    expect(gh.state.comments).toHaveLength(2);
    expect(gh.state.comments[0]!.body).toBe(`${COMMENT_MARKER}\n✅ all models approved`);
    expect(gh.state.comments[1]!.user.login).toBe(ACTIONS_BOT.login);
    expect(warnings.join('\n')).toMatch(/ignored comment 1 on #7 by @mallory \(id 666\)/);
    // The next run adopts the action's own comment, still not mallory's.
    const again = await upsertStickyComment(api(), 7, 'second run', () => undefined);
    expect(again).toMatchObject({ status: 'updated', id: gh.state.comments[1]!.id });
    expect(gh.state.comments[0]!.body).toContain('all models approved');
    expect(gh.state.requests.filter((r) => r.method === 'PATCH').every((r) => r.path.endsWith(`/issues/comments/${gh.state.comments[1]!.id}`))).toBe(true);
  });

  it('does not take a namesake with another account id for itself', async () => {
    gh.state.comments.push({ id: 2, body: `${COMMENT_MARKER}\nold`, user: { login: ACTIONS_BOT.login, id: 12345 } });
    const out = await upsertStickyComment(api(), 7, 'new', () => undefined);
    expect(out.status).toBe('created');
    expect(gh.state.comments[0]!.body).toBe(`${COMMENT_MARKER}\nold`);
  });

  it('with a user token, adopts that user\'s comment and not the Actions bot\'s', async () => {
    gh.state.identities.set('ghp_alice', { login: 'alice', id: 7, kind: 'user' });
    gh.state.comments.push({ id: 3, body: `${COMMENT_MARKER}\nbot`, user: { login: ACTIONS_BOT.login, id: ACTIONS_BOT.id } });
    gh.state.comments.push({ id: 4, body: `${COMMENT_MARKER}\nalice`, user: { login: 'alice', id: 7 } });
    expect(await upsertStickyComment(api('ghp_alice'), 7, 'new', () => undefined)).toMatchObject({ status: 'updated', id: 4 });
    expect(gh.state.comments[0]!.body).toBe(`${COMMENT_MARKER}\nbot`);
  });

  it('posts a new comment when GitHub refuses the edit, rather than nothing', async () => {
    gh.state.comments.push({ id: 5, body: `${COMMENT_MARKER}\nold`, user: { login: ACTIONS_BOT.login, id: ACTIONS_BOT.id } });
    gh.state.denyEdits = 403;
    const warnings: string[] = [];
    const out = await upsertStickyComment(api(), 7, 'new verdict', (w) => warnings.push(w));
    expect(out.status).toBe('created');
    expect(gh.state.comments.map((c) => c.body)).toEqual([`${COMMENT_MARKER}\nold`, `${COMMENT_MARKER}\nnew verdict`]);
    expect(warnings.join('\n')).toMatch(/could not edit comment 5 on #7 \(403\); posting a new one/);
  });

  it('adopts nothing when GitHub will not say who the token is', async () => {
    gh.state.denyIdentity = 500;
    gh.state.comments.push({ id: 6, body: `${COMMENT_MARKER}\nold`, user: { login: ACTIONS_BOT.login, id: ACTIONS_BOT.id } });
    const warnings: string[] = [];
    const out = await upsertStickyComment(api(), 7, 'new', (w) => warnings.push(w));
    expect(out.status).toBe('created');
    expect(gh.state.comments[0]!.body).toBe(`${COMMENT_MARKER}\nold`);
    expect(warnings.join('\n')).toMatch(/could not learn which account the token acts as/);
  });
});

describe('one review state per head commit, by the action\'s own identity', () => {
  const warn = () => undefined;
  const changesRequested = () => gh.state.reviews.filter((r) => r.state === 'CHANGES_REQUESTED');

  it('updates its change request on the same head instead of piling up another', async () => {
    expect(await submitReview(api(), 7, HEAD, { count: 2, summary: 'run 1' }, warn)).toBe('requested-changes');
    expect(await submitReview(api(), 7, HEAD, { count: 1, summary: 'run 2' }, warn)).toBe('updated');
    expect(gh.state.reviews).toHaveLength(1);
    expect(gh.state.reviews[0]!.body).toBe(`${REVIEW_MARKER}\nrun 2`);
  });

  it('dismisses its change request on an earlier head once it requests changes on the new one', async () => {
    const NEXT = 'c'.repeat(40);
    await submitReview(api(), 7, HEAD, { count: 1, summary: 'old head' }, warn);
    expect(await submitReview(api(), 7, NEXT, { count: 1, summary: 'new head' }, warn)).toBe('requested-changes');
    expect(changesRequested()).toHaveLength(1);
    expect(changesRequested()[0]!.commit_id).toBe(NEXT);
    expect(gh.state.reviews.find((r) => r.commit_id === HEAD)!.state).toBe('DISMISSED');
  });

  it('never dismisses or updates a marked review by someone else, and names it', async () => {
    gh.state.reviews.push({ id: 9, state: 'CHANGES_REQUESTED', body: `${REVIEW_MARKER}\nspoof`, commit_id: HEAD, user: MALLORY });
    const warnings: string[] = [];
    expect(await submitReview(api(), 7, HEAD, { count: 0, summary: '' }, (w) => warnings.push(w))).toBe('unchanged');
    expect(await submitReview(api(), 7, HEAD, { count: 1, summary: 'ours' }, (w) => warnings.push(w))).toBe('requested-changes');
    expect(gh.state.reviews[0]).toMatchObject({ state: 'CHANGES_REQUESTED', body: `${REVIEW_MARKER}\nspoof` });
    expect(gh.state.reviews).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/ignored review 9 on #7 by @mallory/);
  });
});

describe('review', () => {
  it('requests changes when something is rejected, and dismisses that request once nothing is', async () => {
    const warn = () => undefined;
    expect(await submitReview(api(), 7, HEAD, { count: 1, summary: '1 model rejected' }, warn)).toBe('requested-changes');
    expect(gh.state.reviews).toHaveLength(1);
    expect(gh.state.reviews[0]).toMatchObject({ state: 'CHANGES_REQUESTED', commit_id: HEAD });
    expect(await submitReview(api(), 7, HEAD, { count: 0, summary: '' }, warn)).toBe('dismissed');
    expect(gh.state.reviews[0]!.state).toBe('DISMISSED');
    expect(await submitReview(api(), 7, HEAD, { count: 0, summary: '' }, warn)).toBe('unchanged');
  });

  it('leaves reviews by people alone', async () => {
    gh.state.reviews.push({ id: 1, state: 'CHANGES_REQUESTED', body: 'please fix', commit_id: HEAD });
    expect(await submitReview(api(), 7, HEAD, { count: 0, summary: '' }, () => undefined)).toBe('unchanged');
    expect(gh.state.reviews[0]!.state).toBe('CHANGES_REQUESTED');
  });
});

describe('reading files at a ref', () => {
  it('returns the text at that ref and null when absent', async () => {
    gh.state.files.set(`${HEAD}:approved-models.yaml`, 'models: []\n');
    expect(await api().readFile('approved-models.yaml', HEAD)).toBe('models: []\n');
    expect(await api().readFile('approved-models.yaml', 'c'.repeat(40))).toBeNull();
  });
});

describe('the fast track approves the pull request itself', () => {
  const approvals = () => gh.state.reviews.filter((r) => r.state === 'APPROVED');

  it('approves the head once when every entry is fast-tracked, and withdraws that approval when one is not', async () => {
    const warnings: string[] = [];
    const warn = (w: string) => warnings.push(w);
    expect(await approveFastTracked(api(), 7, HEAD, { approve: true, summary: 'fast track' }, warn)).toBe('approved');
    expect(await approveFastTracked(api(), 7, HEAD, { approve: true, summary: 'fast track' }, warn)).toBe('already-approved');
    expect(approvals()).toEqual([expect.objectContaining({ commit_id: HEAD, body: `${REVIEW_MARKER}\nfast track` })]);
    const NEXT = 'c'.repeat(40);
    expect(await approveFastTracked(api(), 7, NEXT, { approve: false, summary: '' }, warn)).toBe('withdrawn');
    expect(approvals()).toEqual([]);
    expect(gh.state.reviews[0]!.state).toBe('DISMISSED');
    expect(await approveFastTracked(api(), 7, NEXT, { approve: false, summary: '' }, warn)).toBe('unchanged');
    expect(warnings).toEqual([]);
  });

  it('never dismisses an approval by someone else', async () => {
    gh.state.reviews.push({ id: 9, state: 'APPROVED', body: `${REVIEW_MARKER}\nspoof`, commit_id: HEAD, user: MALLORY });
    gh.state.reviews.push({ id: 10, state: 'APPROVED', body: 'LGTM', commit_id: HEAD, user: { login: 'alice', id: 5 } });
    expect(await approveFastTracked(api(), 7, HEAD, { approve: false, summary: '' }, () => undefined)).toBe('unchanged');
    expect(approvals().map((r) => r.id)).toEqual([9, 10]);
  });

  it('warns and leaves the decision to a human when GitHub refuses (Actions may not approve pull requests)', async () => {
    gh.state.refuseApprovals = true;
    const warnings: string[] = [];
    expect(await approveFastTracked(api(), 7, HEAD, { approve: true, summary: 'x' }, (w) => warnings.push(w))).toBe('skipped');
    expect(approvals()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/could not approve #7 \(422\): the repository may not let GitHub Actions approve pull requests/);
  });
});
