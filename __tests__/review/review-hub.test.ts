// One review asks the Hub once for what its entries share: two entries from one organisation look the account up
// once (users, then organizations), a repository's commits are read once for the identity and provenance checks,
// and file bytes are still downloaded for every entry. Counted at the transport, against the registry over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubClient } from '../../src/hub/client.js';
import type { FetchLike } from '../../src/hub/http.js';
import { safetensorsBytes } from '../../src/registry/samples/bytes.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import type { RepoSpec } from '../../src/registry/spec.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { checkHubPort } from '../../src/review/check-port.js';

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
const CARD = '---\nlicense: apache-2.0\n---\n# model\n\nAn encoder trained by Acme on its public support-ticket corpus, for routing short customer messages.\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-review-hub-'));
  const repo = (id: string): RepoSpec => ({
    id,
    createdAt: '2023-01-01T00:00:00.000Z',
    commits: [
      { title: 'initial commit', date: '2023-01-01T00:00:00.000Z', authors: ['acme-dev'], files: { '.gitattributes': '*.safetensors filter=lfs\n' } },
      {
        title: 'add weights', date: '2023-01-02T00:00:00.000Z', authors: ['acme-dev'],
        files: { 'model.safetensors': { content: safetensorsBytes({ w: { dtype: 'F32', shape: [4, 4] } }), scan: { status: 'safe' } }, 'README.md': CARD }
      }
    ]
  });
  built = await buildStore(dir, {
    accounts: [
      { name: 'acme', type: 'org', createdAt: '2021-03-01T00:00:00.000Z' },
      { name: 'acme-dev', type: 'user', createdAt: '2021-03-01T00:00:00.000Z' }
    ],
    repos: [repo('acme/encoder-small'), repo('acme/encoder-large')]
  });
  registry = await startRegistry({ storeDir: dir });
});

afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

test('two entries of one organisation: one account lookup and one commit list per repository; every file downloaded', async () => {
  const seen: string[] = [];
  const counting: FetchLike = (url, init) => {
    seen.push(new URL(url).pathname);
    return fetch(url, init);
  };
  const hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], fetch: counting, env: {} });
  const small = built.repos['acme/encoder-small']!.shas.at(-1)!;
  const large = built.repos['acme/encoder-large']!.shas.at(-1)!;
  const result = await createReviewer({ hub }).reviewChange({
    allowlistPath: 'approved-models.yaml',
    baseText: null,
    headText: `models:\n  - acme/encoder-small@${small}\n  - acme/encoder-large@${large}\n`,
    policyText: null,
    policySource: 'defaults'
  });
  expect(result.report.reviews.map((r) => r.files.length)).toEqual([3, 3]); // .gitattributes, model.safetensors, README.md
  const count = (re: RegExp): number => seen.filter((p) => re.test(p)).length;
  // The organisation's members, not the organisation, author its commits: it is asked for as an organisation first.
  expect(count(/^\/api\/users\/acme\/overview$/)).toBe(0);
  expect(count(/^\/api\/organizations\/acme\/overview$/)).toBe(1);
  // The file list comes from the model info: no tree request for a repository this small.
  expect(count(/\/tree\//)).toBe(0);
  expect(count(/^\/api\/models\/acme\/encoder-small\/commits\//)).toBe(1);
  expect(count(/^\/api\/models\/acme\/encoder-large\/commits\//)).toBe(1);
  // Bytes are never shared between entries: each entry's files go through its own verified download.
  expect(count(/^\/acme\/encoder-small\/resolve\/.*model\.safetensors$/)).toBeGreaterThanOrEqual(1);
  expect(count(/^\/acme\/encoder-large\/resolve\/.*model\.safetensors$/)).toBeGreaterThanOrEqual(1);
});

test('a re-pin whose previous commit is in the new pin\'s history: one commit list, read once for identity and provenance', async () => {
  const seen: string[] = [];
  const counting: FetchLike = (url, init) => {
    seen.push(new URL(url).pathname);
    return fetch(url, init);
  };
  const hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], fetch: counting, env: {} });
  const [first, head] = built.repos['acme/encoder-small']!.shas;
  const result = await createReviewer({ hub }).reviewChange({
    allowlistPath: 'approved-models.yaml',
    baseText: `models:\n  - acme/encoder-small@${first}\n`,
    headText: `models:\n  - acme/encoder-small@${head}\n`,
    policyText: null,
    policySource: 'defaults'
  });
  expect(result.reviews.map((r) => r.entry.revision)).toEqual([head]);
  expect(seen.filter((p) => /\/commits\//.test(p))).toEqual([`/api/models/acme/encoder-small/commits/${head}`]);
  // Beside the namesake searches (api/models?search=), the entry costs three API calls: model info, commits, account.
  expect(seen.filter((p) => p.startsWith('/api/') && p !== '/api/models')).toEqual([
    `/api/models/acme/encoder-small/revision/${head}`, `/api/models/acme/encoder-small/commits/${head}`, '/api/organizations/acme/overview'
  ]);
});

test("an original's model card for a comparison is one resolve request, no API call; the commit is the one main resolved to", async () => {
  const seen: string[] = [];
  const counting: FetchLike = (url, init) => {
    seen.push(new URL(url).pathname);
    return fetch(url, init);
  };
  const hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], fetch: counting, env: {} });
  const card = await checkHubPort(hub).modelCard('acme/encoder-large');
  expect(card).toEqual({ ok: true, text: CARD, sha: built.repos['acme/encoder-large']!.shas.at(-1), path: 'README.md' });
  expect(seen).toEqual(['/acme/encoder-large/resolve/main/README.md']);
});
