// Identity binding on re-pins (issue 11 family 6), end to end: a pull request re-pins an approved entry; the base
// branch's entry says what was approved (its recorded ids and its commit). When the namespace was deleted and
// registered again by someone else, the new owner's repository of the same name must not inherit the approval.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityFindings } from '../../src/checks/identity/rules.js';
import { HubClient } from '../../src/hub/client.js';
import { safetensorsBytes } from '../../src/registry/samples/bytes.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import type { CommitSpec, StoreSpec } from '../../src/registry/spec.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import type { FullReview } from '../../src/review/pipeline.js';
import { createReviewer } from '../../src/review/reviewer.js';

const WEIGHTS = safetensorsBytes({ w: { dtype: 'F32', shape: [4, 4] } }, { format: 'pt' });
const CARD = (s: string): string => `---\nlicense: apache-2.0\n---\n\n# ner-small\n\nA named-entity tagger for support tickets, trained by ${s} on 40,000 labelled tickets in English and Spanish. It tags people, products, order numbers and dates; evaluation and limits are described below in detail.\n`;
const upload = (date: string, by: string, card: string): CommitSpec => ({
  title: 'Upload model', date, authors: [by], files: { 'README.md': card, 'model.safetensors': WEIGHTS, 'config.json': '{"model_type":"bert"}' }
});
const history = (by: string): CommitSpec[] => [
  { title: 'initial commit', date: '2022-03-01T00:00:00.000Z', authors: [by], files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' } },
  upload('2022-03-02T00:00:00.000Z', by, CARD('the Helpdesk AI team'))
];

// `helpdesk-ai` was deleted; someone registered the name in 2026 and pushed a same-named repository. Two shapes:
// fresh history (`helpdesk-ai/ner-small`), and a copy of the original history re-pushed (`copied-history/ner-small`,
// whose first commits have the same shas as the approved ones).
const SPEC: StoreSpec = {
  accounts: [
    { name: 'helpdesk-ai', type: 'org', createdAt: '2026-04-01T00:00:00.000Z' },
    { name: 'copied-history', type: 'org', createdAt: '2026-04-01T00:00:00.000Z' },
    { name: 'steady-lab', type: 'org', createdAt: '2021-01-01T00:00:00.000Z' }
  ],
  repos: [
    { id: 'helpdesk-ai/ner-small', createdAt: '2026-04-02T00:00:00.000Z', commits: [
      { title: 'initial commit', date: '2026-04-02T00:00:00.000Z', authors: ['helpdesk-ai'], files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' } },
      upload('2026-04-02T01:00:00.000Z', 'helpdesk-ai', CARD('the Helpdesk AI team'))
    ] },
    { id: 'copied-history/ner-small', createdAt: '2026-04-02T00:00:00.000Z', commits: [...history('helpdesk-ai'), upload('2026-04-03T00:00:00.000Z', 'copied-history', CARD('the Helpdesk AI team, v2'))] },
    { id: 'steady-lab/ner-small', createdAt: '2022-03-01T00:00:00.000Z', commits: [...history('helpdesk-ai'), upload('2023-05-01T00:00:00.000Z', 'steady-lab', CARD('the Steady Lab team, v2'))] }
  ]
};

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
let hub: HubClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-identity-'));
  built = await buildStore(join(dir, 'store'), SPEC);
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], env: {}, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await hub.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

async function repin(repo: string, base: { sha: string; ids?: string }, headIds = base.ids): Promise<FullReview> {
  const head = built.repos[repo]!.shas.at(-1)!;
  const entry = (sha: string, ids?: string) => `  - repo: ${repo}\n    revision: ${sha}\n${ids ?? ''}`;
  const { reviews } = await createReviewer({ hub, now: () => new Date('2026-06-01T00:00:00Z') }).reviewChange({
    allowlistPath: 'approved-models.yaml', policyText: null, policySource: 'defaults',
    baseText: `version: 1\nmodels:\n${entry(base.sha, base.ids)}`, headText: `version: 1\nmodels:\n${entry(head, headIds)}`
  });
  return reviews[0]!;
}
const ids = (repoId: string, authorId: string): string => `    repo_id: ${repoId}\n    author_id: ${authorId}\n`;
const checksOf = (r: FullReview): string[] => r.findings.filter((f) => f.check.startsWith('identity.')).map((f) => `${f.check}:${f.severity}`).sort();

describe('a re-pin is held to what was approved', () => {
  const OLD_REPO = '5f0000000000000000000001';
  const OLD_AUTHOR = '5f0000000000000000000002';

  test('recorded ids of the base entry that no longer match: the namespace and repository changed hands (critical)', async () => {
    const r = await repin('helpdesk-ai/ner-small', { sha: 'a'.repeat(40), ids: ids(OLD_REPO, OLD_AUTHOR) });
    expect(checksOf(r)).toEqual(expect.arrayContaining(['identity.author-changed:critical', 'identity.repo-changed:critical']));
    expect(r.verdict).toBe('rejected');
  });

  test('no recorded ids: the approved commit is gone from the re-created repository (high)', async () => {
    const r = await repin('helpdesk-ai/ner-small', { sha: built.repos['steady-lab/ner-small']!.shas[1]! });
    expect(checksOf(r)).toContain('identity.history-lost:high');
    expect(r.verdict).toBe('rejected');
  });

  test('no recorded ids, the old history re-pushed: the account and the repository are younger than the approved commit (critical)', async () => {
    const approved = built.repos['copied-history/ner-small']!.shas[1]!;
    expect(approved).toBe(built.repos['steady-lab/ner-small']!.shas[1]); // the same commit, re-pushed elsewhere
    const r = await repin('copied-history/ner-small', { sha: approved });
    expect(checksOf(r)).toEqual(expect.arrayContaining(['identity.namespace-reregistered:critical', 'identity.repo-recreated:critical']));
  });

  test('a pull request cannot re-bind: the base entry\'s ids are the ones held, and the edit is called out', async () => {
    const steady = built.repos['steady-lab/ner-small']!;
    const account = built.accounts['steady-lab']!;
    const r = await repin('steady-lab/ner-small', { sha: steady.shas[1]!, ids: ids(steady._id, account._id) }, ids(steady._id, OLD_AUTHOR));
    expect(checksOf(r)).toEqual(['identity.ids-edited:medium']);
  });

  test('the legitimate re-pin of the same repository by the same owner raises nothing', async () => {
    const steady = built.repos['steady-lab/ner-small']!;
    const account = built.accounts['steady-lab']!;
    expect(checksOf(await repin('steady-lab/ner-small', { sha: steady.shas[1]!, ids: ids(steady._id, account._id) }))).toEqual([]);
    expect(checksOf(await repin('steady-lab/ner-small', { sha: steady.shas[1]! }))).toEqual([]);
  });
});

describe('identityFindings', () => {
  test('a new entry without recorded ids is told which ids to record', () => {
    const f = identityFindings({ repo: 'a/b', repoId: 'r'.repeat(24), author: { name: 'a', id: 'u'.repeat(24), createdAt: '2020-01-01T00:00:00Z' } });
    expect(f).toEqual([expect.objectContaining({ check: 'identity.not-recorded', severity: 'info' })]);
    expect(f[0]?.message).toContain(`repo_id: ${'r'.repeat(24)}, author_id: ${'u'.repeat(24)}`);
  });
});
