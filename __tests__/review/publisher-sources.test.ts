// A publisher's own GitHub organisation, end to end: the same card installing from github.com/<org>, reviewed
// through the local registry by the real pipeline, is a note for a verified organisation that links to it and a
// blocking finding for a copy published by someone else. The review hands the content checks who publishes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubClient } from '../../src/hub/client.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import type { RepoSpec } from '../../src/registry/spec.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { createReviewer } from '../../src/review/reviewer.js';

const CARD = `---
license: apache-2.0
library_name: transformers
---

# example-embeddings

Kernels and training code: [github.com/exampleembed-ai/kernels](https://github.com/exampleembed-ai/kernels).

\`\`\`bash
pip install git+https://github.com/exampleembed-ai/kernels.git
\`\`\`
`;

function repo(id: string, author: string): RepoSpec {
  return {
    id, createdAt: '2025-03-01T00:00:00.000Z', downloads: 1000, likes: 10, library_name: 'transformers',
    commits: [{ title: 'initial commit', date: '2025-03-01T00:00:00.000Z', authors: [author], files: { 'README.md': CARD, 'config.json': '{"model_type": "bert"}' } }]
  };
}

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
let hub: HubClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-publisher-'));
  built = await buildStore(join(dir, 'store'), {
    accounts: [
      { name: 'exampleembed', type: 'org', createdAt: '2022-01-01T00:00:00.000Z', isVerified: true },
      { name: 'embed-copies', type: 'org', createdAt: '2022-01-01T00:00:00.000Z' },
      { name: 'dev', type: 'user', createdAt: '2021-01-01T00:00:00.000Z' }
    ],
    repos: [repo('exampleembed/example-embeddings', 'dev'), repo('embed-copies/example-embeddings', 'dev')]
  });
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl] });
}, 60_000);

afterAll(async () => {
  await hub.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

async function gitInstall(id: string) {
  const sha = built.repos[id]!.shas.at(-1)!;
  const { reviews } = await createReviewer({ hub, now: () => new Date('2026-11-22T00:00:00Z') }).reviewChange({
    allowlistPath: 'approved-models.yaml', baseText: null, headText: `version: 1\nmodels:\n  - ${id}@${sha}\n`, policyText: null, policySource: 'defaults'
  });
  return reviews[0]!.findings.filter((f) => f.check === 'instructions.git-install');
}

test('a verified organisation installing from the GitHub organisation its card links to gets a note', async () => {
  const f = await gitInstall('exampleembed/example-embeddings');
  expect(f.map((x) => x.severity)).toEqual(['low']);
  expect(f[0]?.message).toContain("publisher's own GitHub organisation");
}, 60_000);

test('the same card under an organisation nobody verified or trusts is blocking', async () => {
  expect((await gitInstall('embed-copies/example-embeddings')).map((x) => x.severity)).toEqual(['high']);
}, 60_000);
