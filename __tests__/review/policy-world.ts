// The sample store plus the repositories the policy's approval rules are tested on, each clean enough to be
// approved without those rules: an old verified organisation's pickle-only model, a pickle named .safetensors, a
// real joblib dump (written by joblib, __tests__/fixtures/real), remote code, licences, few downloads, an
// unverified user, a months-old organisation. All bytes are built here or were written by real libraries.
import { readFileSync } from 'node:fs';
import { safetensorsBytes } from '../../src/registry/samples/bytes.js';
import { sampleStoreSpec } from '../../src/registry/samples/index.js';
import type { RepoSpec, StoreSpec } from '../../src/registry/spec.js';

/** The instant the reviews run at: two days after the May 2026 typosquat was published. */
export const NOW = new Date('2026-05-14T12:00:00Z');

export const REPO = {
  binOnly: 'acme/bin-only',
  disguised: 'acme/disguised',
  joblib: 'acme/joblib-model',
  customCode: 'acme/custom-code',
  nonCommercial: 'acme/nc-model',
  noLicense: 'acme/no-license',
  rare: 'acme/rare',
  safe: 'acme/safe',
  user: 'lonely-dev/tiny',
  customCode2: 'acme/custom-code-2',
  youngOrg: 'fresh-org/ticket-router'
} as const;

/** A pickle of an empty dict (PROTO 2, EMPTY_DICT, BINPUT 0, STOP): data only, what old `.bin` state dicts start as. */
export const EMPTY_DICT_PICKLE = Uint8Array.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]);
const JOBLIB = readFileSync(new URL('../fixtures/real/joblib/arrays.joblib', import.meta.url));

const WEIGHTS = safetensorsBytes({ 'encoder.weight': { dtype: 'F32', shape: [16, 16] }, 'classifier.weight': { dtype: 'F32', shape: [4, 16] } }, { format: 'pt' });
const CONFIG = JSON.stringify({ architectures: ['BertForSequenceClassification'], model_type: 'bert', hidden_size: 16, num_labels: 4 }, null, 2);
const PROSE = 'A small intent classifier for support tickets, trained by the publisher on its own public ticket corpus. It sorts short customer messages into four queues and is meant for routing only. Evaluation results and the training recipe are in the sections below.';

export function card(name: string, license?: string): string {
  const meta = license === undefined ? '' : `---\nlicense: ${license}\nlibrary_name: transformers\npipeline_tag: text-classification\n---\n`;
  return `${meta}# ${name}\n\n${PROSE}\n\n## Evaluation\n\n| queue | f1 |\n| --- | --- |\n| billing | 0.91 |\n`;
}

function repo(id: string, files: Record<string, RepoSpec['commits'][number]['files'][string]>, over: Partial<RepoSpec> = {}, author = 'acme-dev'): RepoSpec {
  const at = over.createdAt ?? '2024-02-01T00:00:00.000Z';
  const later = new Date(Date.parse(at) + 3_600_000).toISOString();
  return {
    id,
    createdAt: at,
    downloads: 5000,
    likes: 12,
    pipeline_tag: 'text-classification',
    library_name: 'transformers',
    commits: [
      { title: 'initial commit', date: at, authors: [author], files: { '.gitattributes': '*.bin filter=lfs\n*.safetensors filter=lfs\n*.joblib filter=lfs\n' } },
      { title: 'add model', date: later, authors: [author], files: { 'config.json': CONFIG, ...files } }
    ],
    ...over
  };
}

const SAFE = { content: WEIGHTS, scan: { status: 'safe' as const } };

export function policyStoreSpec(): StoreSpec {
  const samples = sampleStoreSpec();
  const modeling = 'import torch\n\n\nclass Model(torch.nn.Module):\n    def forward(self, x):\n        return x\n';
  return {
    accounts: [
      ...samples.accounts,
      { name: 'acme', type: 'org', createdAt: '2020-03-01T00:00:00.000Z', fullname: 'Acme', isVerified: true },
      { name: 'acme-dev', type: 'user', createdAt: '2020-03-01T00:00:00.000Z' },
      { name: 'lonely-dev', type: 'user', createdAt: '2021-06-01T00:00:00.000Z' },
      { name: 'fresh-org', type: 'org', createdAt: '2026-03-01T00:00:00.000Z', fullname: 'Fresh Org' },
      { name: 'fresh-dev', type: 'user', createdAt: '2026-03-01T00:00:00.000Z' }
    ],
    repos: [
      ...samples.repos,
      repo(REPO.binOnly, { 'pytorch_model.bin': { content: EMPTY_DICT_PICKLE, scan: { status: 'safe' } }, 'README.md': card('bin-only', 'apache-2.0') }),
      repo(REPO.disguised, { 'model.safetensors': { content: EMPTY_DICT_PICKLE, scan: { status: 'safe' } }, 'README.md': card('disguised', 'apache-2.0') }),
      repo(REPO.joblib, { 'model.joblib': { content: JOBLIB, scan: { status: 'safe' } }, 'README.md': card('joblib-model', 'apache-2.0') }),
      repo(REPO.customCode, {
        'config.json': JSON.stringify({ architectures: ['Model'], model_type: 'custom', auto_map: { AutoModel: 'modeling.Model' } }, null, 2),
        'modeling.py': modeling,
        'model.safetensors': SAFE,
        'README.md': card('custom-code', 'apache-2.0')
      }),
      repo(REPO.customCode2, {
        'config.json': JSON.stringify({ architectures: ['Model'], model_type: 'custom', auto_map: { AutoModel: 'modeling.Model' } }, null, 2),
        'modeling.py': modeling,
        'model.safetensors': SAFE,
        'README.md': card('custom-code-2', 'apache-2.0')
      }),
      repo(REPO.nonCommercial, { 'model.safetensors': SAFE, 'README.md': card('nc-model', 'cc-by-nc-4.0') }),
      repo(REPO.noLicense, { 'model.safetensors': SAFE, 'README.md': card('no-license') }),
      repo(REPO.rare, { 'model.safetensors': SAFE, 'README.md': card('rare', 'apache-2.0') }, { downloads: 12 }),
      repo(REPO.safe, { 'model.safetensors': SAFE, 'README.md': card('safe', 'apache-2.0') }),
      repo(REPO.user, { 'model.safetensors': SAFE, 'README.md': card('tiny', 'mit') }, {}, 'lonely-dev'),
      repo(REPO.youngOrg, { 'model.safetensors': SAFE, 'README.md': card('ticket-router', 'mit') }, { createdAt: '2026-04-05T00:00:00.000Z' }, 'fresh-dev')
    ]
  };
}
