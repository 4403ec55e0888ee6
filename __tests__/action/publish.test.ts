import { octokitApi } from '../../src/action/github-api.js';
import { submitReview, upsertStickyComment } from '../../src/action/publish.js';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';

const HEAD = 'b'.repeat(40);
let gh: GitHubServer;

beforeEach(async () => {
  gh = await startGitHubServer('acme', 'models');
});
afterEach(async () => {
  await gh.close();
});

function api() {
  return octokitApi('ghs_test_token', { owner: 'acme', repo: 'models' }, gh.url);
}

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
