// The sharded review in process (src/review/sharded.ts), where the action's end-to-end test cannot reach: the
// cross-file step. An ONNX model and the external data it names, read by different shards, are recognised by the
// aggregate exactly as one job recognises them. The ONNX files are the real fixtures onnx.save_model wrote
// (__tests__/fixtures/real/manifest.json).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HubClient } from '../../src/hub/client.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore } from '../../src/registry/store-builder.js';
import type { ChangeInput } from '../../src/review/change.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { parsePlan } from '../../src/review/shard-plan.js';
import { sha256Hex } from '../../src/review/sharded.js';

const REPO = 'onnx-org/external-model';
const FIXTURES = fileURLToPath(new URL('../fixtures/real/onnx/external/', import.meta.url));
let dir: string;
let registry: RunningRegistry;
let input: ChangeInput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-sharded-review-'));
  const built = await buildStore(join(dir, 'store'), {
    accounts: [{ name: 'onnx-org', type: 'org', createdAt: '2021-01-01T00:00:00.000Z' }, { name: 'onnx-dev', type: 'user', createdAt: '2021-01-01T00:00:00.000Z' }],
    repos: [{
      id: REPO,
      createdAt: '2022-01-01T00:00:00.000Z',
      commits: [{
        title: 'initial commit', date: '2022-01-01T00:00:00.000Z', authors: ['onnx-dev'],
        files: {
          'model.onnx': { content: { fromFile: join(FIXTURES, 'model.onnx') } },
          'model.onnx_data': { content: { fromFile: join(FIXTURES, 'model.onnx_data') } },
          'README.md': '---\nlicense: apache-2.0\n---\n# external-model\n\nAn ONNX model whose tensors live in model.onnx_data.\n'
        }
      }]
    }]
  });
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  input = {
    allowlistPath: 'approved-models.yaml',
    baseText: 'version: 1\nmodels: []\n',
    headText: `version: 1\nmodels:\n  - ${REPO}@${built.repos[REPO]!.shas.at(-1)!}\n`,
    policyText: null,
    policySource: 'defaults'
  };
});

afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

const reviewer = () => createReviewer({ hub: new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl] }), now: () => new Date('2026-12-06T00:00:00Z') });

it('recognises external data read by another shard than its model, as one job does', async () => {
  const whole = await reviewer().reviewChange(input);
  const data = (r: typeof whole) => r.reviews[0]!.files.find((f) => f.path === 'model.onnx_data')!;
  expect(data(whole).formats).toEqual(['onnx-external-data']);

  // The plan job's split, with the model and its data in different shards (as a split of a large model may put them).
  const planned = await reviewer().planChange(input, 2);
  const plan = { ...planned, shards: 2, entries: planned.entries.map((e) => ({ ...e, files: e.files.map((f) => ({ ...f, shard: f.path === 'model.onnx' ? 0 : 1 })) })) };
  const bytes = Buffer.from(JSON.stringify(plan));
  const read = parsePlan(bytes, 'plan.json');
  const partials = [];
  for (const shard of [0, 1]) {
    const p = await reviewer().shardChange(input, read, sha256Hex(bytes), shard);
    // A shard alone cannot tell: its data file is unknown binary until the aggregate sees the model's references.
    if (shard === 1) expect(p.entries[0]!.files.find((f) => f.path === 'model.onnx_data')!.formats).toEqual(['unknown-binary']);
    partials.push({ shard, bytes: Buffer.from(JSON.stringify(p)) });
  }
  const merged = await reviewer().aggregateChange(input, read, sha256Hex(bytes), partials);
  expect(data(merged).formats).toEqual(['onnx-external-data']);
  expect(data(merged).findings).toContainEqual(expect.objectContaining({ check: 'onnx.external-data', message: expect.stringContaining('model.onnx') }));
  expect(merged.reviews).toEqual(whole.reviews);
});
