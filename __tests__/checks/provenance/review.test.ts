// Namespace and provenance checks end to end: repositories shaped like real ones in the local registry, reviewed
// over HTTP by the real pipeline, Hub client and file scanner. The incident and its variants must be flagged or
// rejected for the right reasons; trusted publishers, re-publishers' quantizations and community work must not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubScanCheck } from '../../../src/checks/hub-scan.js';
import { REPO_CHECKS } from '../../../src/checks/index.js';
import { namespaceCheck } from '../../../src/checks/namespace-check.js';
import { checkHubPort, fetchModelCard } from '../../../src/review/check-port.js';
import { pinCheck } from '../../../src/checks/pin.js';
import { provenanceCheck } from '../../../src/checks/provenance/check.js';
import type { Finding } from '../../../src/core/findings.js';
import { HubClient } from '../../../src/hub/client.js';
import { defaultPolicy } from '../../../src/config/policy/defaults.js';
import type { Policy } from '../../../src/config/policy/schema.js';
import { safetensorsBytes } from '../../../src/registry/samples/bytes.js';
import { SAMPLE, sampleStoreSpec } from '../../../src/registry/samples/index.js';
import { startRegistry, type RunningRegistry } from '../../../src/registry/server.js';
import type { CommitSpec, RepoSpec, StoreSpec } from '../../../src/registry/spec.js';
import { buildStore, type BuiltStore } from '../../../src/registry/store-builder.js';
import { reviewEntry, type FullReview } from '../../../src/review/pipeline.js';
import { defaultScanFile } from '../../../src/review/scan-file.js';
import { gguf } from '../../scan/support/fixtures.js';

const NOW = new Date('2026-05-14T09:00:00.000Z');
const TOKEN = 'hf_provenance_test_token';
const CHECKS = [pinCheck, hubScanCheck, namespaceCheck, provenanceCheck];

// ---- repository contents shaped like real ones ------------------------------------------------------------

const GITATTRIBUTES = '*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.gguf filter=lfs diff=lfs merge=lfs -text\n';
const WEIGHTS = safetensorsBytes({ 'encoder.weight': { dtype: 'F32', shape: [64, 16] }, 'classifier.weight': { dtype: 'F32', shape: [6, 16] } }, { format: 'pt' });
const CONFIG = JSON.stringify({ architectures: ['BertForTokenClassification'], model_type: 'bert', hidden_size: 16, num_hidden_layers: 2 }, null, 2);
const LLAMA_CONFIG = JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 64, num_hidden_layers: 2 }, null, 2);
const TOKENIZER = JSON.stringify({ tokenizer_class: 'BertTokenizer', model_max_length: 512 }, null, 2);
const SAFE = { status: 'safe' as const, avScan: 'safe' as const, pickleImportScan: 'safe' as const };

function openaiCard(repo: string, extra = ''): string {
  return `---
license: apache-2.0
library_name: transformers
pipeline_tag: token-classification
---

# privacy-filter

A small token-classification model that finds personal data (names, e-mail addresses, phone numbers, postal
addresses) in text so it can be redacted before logging or training. It was trained on synthetic dialogues and
licensed support transcripts, and evaluated on a held-out set of consented conversations in English.

## Usage

\`\`\`python
from transformers import pipeline

pii = pipeline("token-classification", model="${repo}", aggregation_strategy="simple")
print(pii("Contact Jane Doe at jane@example.com"))
\`\`\`
${extra}
## Evaluation

| entity | precision | recall |
| --- | --- | --- |
| PER | 0.97 | 0.96 |
| EMAIL | 0.99 | 0.99 |
`;
}

const QUICKSTART = `
## Quickstart

Before first use, run the setup step once; it installs the optimized tokenizer runtime for faster inference.
`;

function ownCard(title: string, about: string, frontMatter = 'license: mit'): string {
  return `---\n${frontMatter}\n---\n\n# ${title}\n\n${about}\n\n## Training\n\nTrained for three epochs with AdamW (learning rate 2e-5, batch size 32) on a single A100. The\nevaluation split was held out before any tuning, and results are averaged over three seeds.\n`;
}

const HF_TEMPLATE = `---
library_name: transformers
tags: []
---

# Model Card for Model ID

<!-- Provide a quick summary of what the model is/does. -->

## Model Details

This is the model card of a 🤗 transformers model that has been pushed on the Hub. This model card has been automatically generated.

${['Developed by', 'Funded by [optional]', 'Shared by [optional]', 'Model type', 'Language(s) (NLP)', 'License', 'Finetuned from model [optional]'].map((k) => `- **${k}:** [More Information Needed]`).join('\n')}

## Uses

### Direct Use

[More Information Needed]

### Out-of-Scope Use

[More Information Needed]

## Training Details

[More Information Needed]

## Evaluation

[More Information Needed]
`;

const BARTOWSKI_CARD = `---
quantized_by: bartowski
pipeline_tag: text-generation
base_model: meta-llama/Meta-Llama-3.1-8B-Instruct
license: llama3.1
---

## Llamacpp imatrix Quantizations of Meta-Llama-3.1-8B-Instruct

Using llama.cpp release b3472 for quantization. Original model: meta-llama/Meta-Llama-3.1-8B-Instruct. All quants
made using the imatrix option with a calibration dataset. Run them in LM Studio or any llama.cpp based project.

## Download a file (not the whole branch) from below:

| Filename | Quant type | File Size | Description |
| -------- | ---------- | --------- | ----------- |
| Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf | Q4_K_M | 4.92GB | Good quality, default size for most use cases, recommended. |
| Meta-Llama-3.1-8B-Instruct-Q8_0.gguf | Q8_0 | 8.54GB | Extremely high quality, generally unneeded but max available quant. |

## Which file should I choose?

A great write up with charts showing various performances is provided by Artefact2. The first thing to figure out
is how big a model you can run: aim for a quant with a file size 1-2GB smaller than your GPU's total VRAM.
`;

const MLX_CARD = `---
base_model: meta-llama/Llama-3.2-3B-Instruct
library_name: mlx
license: llama3.2
tags:
- mlx
---

# mlx-community/Llama-3.2-3B-Instruct-4bit

The Model mlx-community/Llama-3.2-3B-Instruct-4bit was converted to MLX format from meta-llama/Llama-3.2-3B-Instruct using mlx-lm version 0.17.1.

## Use with mlx

\`\`\`python
from mlx_lm import load, generate

model, tokenizer = load("mlx-community/Llama-3.2-3B-Instruct-4bit")
\`\`\`
`;

const GGUF_BYTES = gguf([['general.architecture', 'str', 'llama'], ['general.name', 'str', 'Meta-Llama-3.1-8B-Instruct']], 2);

const c = (title: string, date: string, authors: string[], files: CommitSpec['files']): CommitSpec => ({ title, date, authors, files });

/** The usual Hub shape: the Hub's "initial commit", then uploads. */
function repoOf(id: string, createdAt: string, author: string, uploads: Omit<CommitSpec, 'authors'>[], extra: Partial<RepoSpec> = {}): RepoSpec {
  return {
    id,
    createdAt,
    downloads: 120,
    likes: 3,
    commits: [c('initial commit', createdAt, [author], { '.gitattributes': GITATTRIBUTES }), ...uploads.map((u) => ({ ...u, authors: [author] }))],
    ...extra
  };
}

function modelFiles(card: string): CommitSpec['files'] {
  return { 'config.json': CONFIG, 'tokenizer_config.json': TOKENIZER, 'model.safetensors': { content: WEIGHTS, scan: SAFE }, 'README.md': card };
}

const SPEC: StoreSpec = {
  accounts: [
    { name: 'openai', type: 'org', createdAt: '2021-01-19T18:00:00.000Z', isVerified: true },
    { name: 'openai-release', type: 'user', createdAt: '2022-06-01T12:00:00.000Z' },
    { name: 'pf-research', type: 'user', createdAt: '2026-05-06T10:00:00.000Z' },
    { name: 'fresh-ml-dev', type: 'user', createdAt: '2026-05-08T10:00:00.000Z' },
    { name: 'hype-models', type: 'org', createdAt: '2026-05-09T08:00:00.000Z' },
    { name: 'hype-bot', type: 'user', createdAt: '2026-05-09T07:00:00.000Z' },
    { name: 'dsc-archive', type: 'org', createdAt: '2026-04-20T00:00:00.000Z' },
    { name: 'nlp-tinkerer', type: 'user', createdAt: '2022-02-11T00:00:00.000Z' },
    { name: 'jdoe', type: 'user', createdAt: '2020-09-01T00:00:00.000Z' },
    { name: 'open-ai', type: 'org', createdAt: '2021-06-01T00:00:00.000Z' },
    { name: 'trendy-lab', type: 'org', createdAt: '2023-02-01T00:00:00.000Z' },
    { name: 'acme-ai', type: 'org', createdAt: '2022-09-01T00:00:00.000Z' },
    { name: 'contractz', type: 'user', createdAt: '2026-05-11T00:00:00.000Z' },
    { name: 'bartowski', type: 'user', createdAt: '2023-04-18T00:00:00.000Z' },
    { name: 'mlx-community', type: 'org', createdAt: '2023-12-05T00:00:00.000Z' },
    { name: 'meta-llama', type: 'org', createdAt: '2023-02-20T00:00:00.000Z', isVerified: true },
    { name: 'google-bert', type: 'org', createdAt: '2023-11-15T00:00:00.000Z' },
    { name: 'nlp-hobbyist', type: 'user', createdAt: '2021-08-30T00:00:00.000Z' },
    { name: 'microsoft', type: 'org', createdAt: '2020-05-01T00:00:00.000Z' }
  ],
  repos: [
    // ---- the original everyone imitates ----
    repoOf('openai/privacy-filter', '2025-08-05T16:00:00.000Z', 'openai-release', [
      { title: 'Add privacy-filter weights and tokenizer', date: '2025-08-05T16:20:00.000Z', files: modelFiles(openaiCard('openai/privacy-filter')) },
      { title: 'Update README.md', date: '2025-09-14T09:12:00.000Z', files: { 'README.md': openaiCard('openai/privacy-filter', '\nSee the evaluation section for per-entity scores.\n') } }
    ], { downloads: 48_210, likes: 312 }),

    // ---- attacks ----
    // young user, same repo name as openai's, copied card, two commits
    repoOf('pf-research/privacy-filter', '2026-05-11T09:00:00.000Z', 'pf-research', [
      { title: 'Upload folder using huggingface_hub', date: '2026-05-11T09:05:00.000Z', files: modelFiles(openaiCard('pf-research/privacy-filter', QUICKSTART)) }
    ]),
    // young user, an unrelated name, openai's card copied whole (its title still names privacy-filter)
    repoOf('fresh-ml-dev/pii-detector-v2', '2026-05-11T11:00:00.000Z', 'fresh-ml-dev', [
      { title: 'Upload folder using huggingface_hub', date: '2026-05-11T11:05:00.000Z', files: modelFiles(openaiCard('fresh-ml-dev/pii-detector-v2')) }
    ]),
    // its twin: a card of its own that happens to be titled after the original
    repoOf('fresh-ml-dev/pii-tagger-small', '2026-05-11T12:00:00.000Z', 'fresh-ml-dev', [
      { title: 'Upload model', date: '2026-05-11T12:10:00.000Z', files: modelFiles(ownCard('privacy-filter', 'Our own small tagger for names and e-mail addresses, trained from scratch on synthetic support tickets we wrote ourselves. It is a study of how small a useful PII tagger can be.')) }
    ]),
    // young user with its own model: a reviewer should look, nothing more
    repoOf('fresh-ml-dev/tiny-sentiment', '2026-05-11T10:00:00.000Z', 'fresh-ml-dev', [
      { title: 'Upload model', date: '2026-05-11T10:10:00.000Z', files: modelFiles(ownCard('tiny-sentiment', 'A two-layer encoder fine-tuned on IMDB reviews for binary sentiment. It is small enough to run on a laptop CPU and reaches 88% accuracy on the IMDB test split.')) }
    ]),
    // throwaway org: everything in one commit, downloads pumped
    {
      id: 'hype-models/SuperChat-7B',
      createdAt: '2026-05-10T08:00:00.000Z',
      downloads: 81_400,
      likes: 35,
      commits: [c('initial commit', '2026-05-10T08:00:00.000Z', ['hype-bot'], {
        '.gitattributes': GITATTRIBUTES,
        'config.json': LLAMA_CONFIG,
        'model.safetensors': WEIGHTS,
        'README.md': ownCard('SuperChat-7B', 'SuperChat is a 7B chat model that outperforms much larger models on reasoning and coding benchmarks, with a long context window and multilingual support for over twenty languages.')
      })],
      scansDone: false
    },
    // a repository whose org was renamed: the old name redirects to an org created long after the repository
    repoOf('dsc-archive/pii-ner', '2024-06-01T00:00:00.000Z', 'nlp-tinkerer', [
      { title: 'Add model', date: '2024-06-01T01:00:00.000Z', files: modelFiles(ownCard('pii-ner', 'Named-entity recognition for personal data in English support tickets, trained by the data science collective on annotated tickets from three product lines.')) }
    ]),
    // deleted namespace: no such user or org any more
    repoOf('ghost-lab/pii-tagger', '2024-03-01T00:00:00.000Z', 'nlp-tinkerer', [
      { title: 'Add model', date: '2024-03-01T01:00:00.000Z', files: modelFiles(ownCard('pii-tagger', 'Tags personal data in chat transcripts so it can be removed before storage; trained on synthetic dialogues with names, addresses and phone numbers.')) }
    ]),
    // established user, unfilled Hub template as the card
    repoOf('nlp-tinkerer/bert-ner-test', '2025-01-10T00:00:00.000Z', 'nlp-tinkerer', [
      { title: 'Upload BertForTokenClassification', date: '2025-01-10T00:05:00.000Z', files: modelFiles(HF_TEMPLATE) },
      { title: 'Upload tokenizer', date: '2025-01-10T00:06:00.000Z', files: { 'vocab.txt': 'a\nb\n' } }
    ]),
    // established user re-uploading openai's model under its name with its card
    repoOf('jdoe/privacy-filter', '2025-10-01T00:00:00.000Z', 'jdoe', [
      { title: 'Upload folder using huggingface_hub', date: '2025-10-01T00:10:00.000Z', files: modelFiles(openaiCard('jdoe/privacy-filter')) }
    ]),
    // an old lookalike org with the copied card
    repoOf('open-ai/privacy-filter', '2025-10-01T00:00:00.000Z', 'jdoe', [
      { title: 'Upload folder using huggingface_hub', date: '2025-10-01T00:10:00.000Z', files: modelFiles(openaiCard('open-ai/privacy-filter')) }
    ]),
    // established org, five-day-old repository with 120k downloads
    repoOf('trendy-lab/tiny-coder', '2026-05-09T00:00:00.000Z', 'nlp-tinkerer', [
      { title: 'Upload model', date: '2026-05-09T00:10:00.000Z', files: modelFiles(ownCard('tiny-coder', 'A small code-completion model for Python trained on permissively licensed repositories; it completes single lines and short functions and runs on CPU.')) }
    ], { downloads: 120_500, likes: 40 }),
    // a protected publisher the policy adds, and a fresh account re-using its repository name
    repoOf('acme-ai/contract-parser', '2024-02-01T00:00:00.000Z', 'nlp-tinkerer', [
      { title: 'Upload model', date: '2024-02-01T00:10:00.000Z', files: modelFiles(ownCard('contract-parser', 'Extracts parties, dates, amounts and governing law from commercial contracts in English and German. Built by the Acme AI legal engineering team from 12,000 annotated agreements.')) }
    ]),
    repoOf('contractz/contract-parser', '2026-05-12T00:00:00.000Z', 'contractz', [
      { title: 'Upload model', date: '2026-05-12T00:10:00.000Z', files: modelFiles(ownCard('contract-parser', 'Extracts parties, dates, amounts and governing law from commercial contracts in English and German. Built by the Acme AI legal engineering team from 12,000 annotated agreements.')) }
    ]),

    // ---- legitimate ----
    repoOf('bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', '2024-07-23T16:00:00.000Z', 'bartowski', [
      { title: 'Upload folder using huggingface_hub', date: '2024-07-23T17:30:00.000Z', files: { 'Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf': GGUF_BYTES, 'README.md': BARTOWSKI_CARD } },
      { title: 'Update README.md', date: '2024-07-26T10:00:00.000Z', files: { 'README.md': `${BARTOWSKI_CARD}\nThanks to the llama.cpp contributors.\n` } }
    ], { downloads: 152_000, likes: 180 }),
    repoOf('mlx-community/Llama-3.2-3B-Instruct-4bit', '2024-09-25T18:00:00.000Z', 'mlx-community', [
      { title: 'Upload folder using huggingface_hub', date: '2024-09-25T18:20:00.000Z', files: { 'config.json': LLAMA_CONFIG, 'model.safetensors': { content: WEIGHTS, scan: SAFE }, 'README.md': MLX_CARD } }
    ], { downloads: 61_000, likes: 25 }),
    // a trusted publisher's brand-new, very popular, gated release
    repoOf('meta-llama/Llama-4-Tiny-Instruct', '2026-05-11T15:00:00.000Z', 'openai-release', [
      { title: 'Upload weights', date: '2026-05-11T15:30:00.000Z', files: { ...modelFiles(ownCard('Llama-4-Tiny-Instruct', 'The smallest instruction-tuned member of the Llama 4 family, for on-device assistants. Read the acceptable use policy before use.', 'license: llama4\nextra_gated_prompt: Accept the license')), 'config.json': LLAMA_CONFIG } },
      { title: 'Update README.md', date: '2026-05-11T18:00:00.000Z', files: { 'generation_config.json': '{"temperature": 0.6}' } }
    ], { downloads: 640_000, likes: 2_100, gated: 'manual' }),
    // canonical HF model moved into an org created after it; history predates the Hub's createdAt records
    {
      id: 'google-bert/bert-base-uncased',
      createdAt: '2022-03-02T23:29:04.000Z',
      downloads: 50_000_000,
      likes: 2_000,
      commits: [
        c('initial commit', '2018-11-14T00:00:00.000Z', ['julien-c'], { '.gitattributes': GITATTRIBUTES }),
        c('Upload weights', '2019-06-01T00:00:00.000Z', ['julien-c'], modelFiles(ownCard('BERT base model (uncased)', 'Pretrained model on English language using a masked language modeling objective. It was introduced in the BERT paper and first released in the google-research repository. This model is uncased.', 'language: en\nlicense: apache-2.0'))),
        c('Update README.md', '2024-02-19T11:06:00.000Z', ['lysandre'], { 'tokenizer_config.json': TOKENIZER })
      ]
    },
    // community fine-tune from an established user
    repoOf('nlp-hobbyist/distilbert-imdb-finetuned', '2023-03-04T00:00:00.000Z', 'nlp-hobbyist', [
      { title: 'Training in progress, epoch 1', date: '2023-03-04T01:00:00.000Z', files: modelFiles(ownCard('distilbert-imdb-finetuned', 'This model is a fine-tuned version of distilbert-base-uncased on the imdb dataset. It achieves 0.93 accuracy on the evaluation set.', 'license: apache-2.0\nbase_model: distilbert-base-uncased')) },
      { title: 'Training in progress, epoch 2', date: '2023-03-04T02:00:00.000Z', files: { 'model.safetensors': { content: WEIGHTS, scan: SAFE } } },
      { title: 'End of training', date: '2023-03-04T03:00:00.000Z', files: { 'training_args.json': '{"epochs": 2}' } }
    ]),
    // established repository, pinned at a commit pushed yesterday
    repoOf('microsoft/tiny-phi', '2024-01-10T00:00:00.000Z', 'openai-release', [
      { title: 'Upload model', date: '2024-01-10T00:10:00.000Z', files: modelFiles(ownCard('tiny-phi', 'A compact language model for research on small-scale reasoning, trained on synthetic textbooks and filtered web data. Not intended for production use without evaluation.')) },
      { title: 'Update tokenizer_config.json', date: '2026-05-13T17:00:00.000Z', files: { 'tokenizer_config.json': JSON.stringify({ tokenizer_class: 'BertTokenizer', model_max_length: 1024 }) } }
    ]),
    // a private model of a legitimate org
    repoOf('acme-ai/internal-ner', '2025-02-01T00:00:00.000Z', 'nlp-tinkerer', [
      { title: 'Upload model', date: '2025-02-01T00:10:00.000Z', files: modelFiles(ownCard('internal-ner', 'Acme AI internal entity recogniser for invoices: supplier names, invoice numbers, totals and due dates. Trained on four years of anonymised accounts-payable documents.')) }
    ], { private: true })
  ],
  redirects: [{ from: 'datasci-collective/pii-ner', to: 'dsc-archive/pii-ner' }]
};

// ---- harness ------------------------------------------------------------------------------------------------

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-provenance-'));
  built = await buildStore(dir, SPEC);
  registry = await startRegistry({ storeDir: dir, token: TOKEN, log: (l) => logs.push(l) });
});

afterAll(async () => {
  await registry?.close();
  await rm(dir, { recursive: true, force: true });
});

function hubFor(r: RunningRegistry, auth: 'token' | 'anonymous' = 'token'): HubClient {
  return new HubClient({ hubUrl: r.hubUrl, allowedCdnOrigins: [r.cdnUrl], sleep: async () => undefined, maxRetries: 0, ...(auth === 'token' ? { token: TOKEN } : {}) });
}

const policy = (over: Partial<Policy> = {}): Policy => {
  const p = defaultPolicy();
  return { ...p, trustedPublishers: [...p.trustedPublishers, 'acme-ai'], ...over };
};

function head(id: string, store = built): string {
  const repo = store.repos[id];
  if (!repo) throw new Error(`no ${id} in the store`);
  return repo.shas[repo.shas.length - 1]!;
}

async function review(id: string, opts: { requested?: string; policy?: Policy } = {}): Promise<FullReview> {
  return reviewEntry(
    { repo: opts.requested ?? id, revision: head(id), line: 1 },
    { hub: hubFor(registry), policy: opts.policy ?? policy(), scanFile: defaultScanFile, checks: CHECKS, now: () => NOW }
  );
}

const ours = (f: Finding) => f.check.startsWith('namespace.') || f.check.startsWith('provenance.');
const above = (fs: Finding[], sev: 'low' | 'info') => fs.filter((f) => (sev === 'low' ? !['low', 'info'].includes(f.severity) : f.severity !== 'info'));
const ids = (fs: Finding[]) => fs.filter(ours).map((f) => `${f.check}:${f.severity}`).sort();
const find = (r: FullReview, check: string) => r.findings.find((f) => f.check === check);

// ---- the attack side ----------------------------------------------------------------------------------------

describe('impersonation and provenance attacks', () => {
  test('young user + repo-name shadowing + copied card: rejected on all three counts', async () => {
    const r = await review('pf-research/privacy-filter');
    expect(r.verdict).toBe('rejected');
    expect(ids(r.findings)).toEqual(['namespace.repo-shadowing:medium', 'provenance.account-young:high', 'provenance.card-copied:high']);
    expect(find(r, 'namespace.repo-shadowing')?.evidence).toContain('imitates: openai; rule: repo-shadowing');
    expect(find(r, 'provenance.account-young')?.message).toBe(
      'user account pf-research created 2026-05-06, 4 days before the repo (repository createdAt 2026-05-11); together with: the name imitates openai/privacy-filter (repo-name shadowing), a model card copied from openai/privacy-filter'
    );
    expect(find(r, 'provenance.card-copied')?.message).toMatch(/^the model card is copied from openai\/privacy-filter \(Jaccard 0\.\d\d over 5-word shingles, \d+% of the original's shingles present\)$/);
  });

  test('a card copied under an unrelated name is compared with the original its title names: rejected', async () => {
    const r = await review('fresh-ml-dev/pii-detector-v2');
    expect(r.verdict).toBe('rejected');
    expect(ids(above(r.findings, 'low'))).toEqual(['provenance.account-young:medium', 'provenance.card-copied:high']);
    expect(find(r, 'provenance.card-copied')?.message).toContain('copied from openai/privacy-filter');
  });

  test('twin: a card of its own titled after a popular repository is compared and found not copied', async () => {
    const r = await review('fresh-ml-dev/pii-tagger-small');
    expect(r.verdict).toBe('needs-review');
    expect(ids(above(r.findings, 'low'))).toEqual(['provenance.account-young:medium']);
  });

  test('a young user publishing its own model only asks for review', async () => {
    const r = await review('fresh-ml-dev/tiny-sentiment');
    expect(r.verdict).toBe('needs-review');
    expect(ids(above(r.findings, 'low'))).toEqual(['provenance.account-young:medium']);
    expect(find(r, 'provenance.account-young')?.message).toBe('user account fresh-ml-dev created 2026-05-08, 3 days before the repo (repository createdAt 2026-05-11)');
  });

  test('a throwaway org with one commit and pumped downloads is rejected, saying each signal', async () => {
    const r = await review('hype-models/SuperChat-7B');
    expect(r.verdict).toBe('rejected');
    expect(ids(above(r.findings, 'low'))).toEqual(['provenance.account-young:high', 'provenance.popularity:medium', 'provenance.single-commit:medium']);
    expect(find(r, 'provenance.account-young')?.message).toContain('a single commit holding everything, popularity out of proportion to its age');
    expect(find(r, 'provenance.popularity')?.message).toContain('81,400 downloads within 4 days');
    expect(find(r, 'provenance.popularity')?.message).toContain('popularity is attacker-controlled');
    expect(find(r, 'hub.scan.pending')?.evidence).toContain('securityRepoStatus.scansDone: false');
  });

  test('a renamed org: the move blocks, and the new owner being younger than the repository is said', async () => {
    const r = await review('dsc-archive/pii-ner', { requested: 'datasci-collective/pii-ner' });
    expect(r.verdict).toBe('rejected');
    expect(find(r, 'hub.pin.moved')?.severity).toBe('high');
    const after = find(r, 'provenance.account-after-repo');
    expect(after?.severity).toBe('low');
    expect(after?.message).toContain('organisation dsc-archive was created 2026-04-20');
  });

  test('a deleted namespace is rejected once, by the pipeline\'s author lookup, not reported twice', async () => {
    const r = await review('ghost-lab/pii-tagger');
    expect(r.verdict).toBe('rejected');
    const about = r.findings.filter((f) => /author|account/.test(f.check));
    expect(about.map((f) => `${f.check}:${f.severity}`)).toEqual(['hub.author.author-not-found:high']);
    expect(about[0]?.message).toContain('could be re-registered');
  });

  test('an unfilled Hub template card from an established user asks for review', async () => {
    const r = await review('nlp-tinkerer/bert-ner-test');
    expect(r.verdict).toBe('needs-review');
    expect(ids(above(r.findings, 'low'))).toEqual(['provenance.card-placeholder:medium']);
    expect(find(r, 'provenance.card-placeholder')?.message).toContain('[More Information Needed]');
    expect(find(r, 'provenance.card-placeholder')?.file).toBe('README.md');
  });

  test('an established user re-uploading a trusted repo with its card: review, naming the original', async () => {
    const r = await review('jdoe/privacy-filter');
    expect(r.verdict).toBe('needs-review');
    expect(ids(above(r.findings, 'low'))).toEqual(['namespace.repo-shadowing:medium', 'provenance.card-copied:medium']);
    expect(find(r, 'provenance.card-copied')?.message).toContain('copied from openai/privacy-filter');
  });

  test('a lookalike namespace with the copied card: the copy blocks even from an old account', async () => {
    const r = await review('open-ai/privacy-filter');
    expect(r.verdict).toBe('rejected');
    expect(find(r, 'provenance.card-copied')?.severity).toBe('high');
    expect(r.findings.some((f) => f.check === 'namespace.separator' && f.evidence?.includes('imitates: openai'))).toBe(true);
  });

  test('download inflation on an established account asks for review and lowers nothing', async () => {
    const r = await review('trendy-lab/tiny-coder');
    expect(r.verdict).toBe('needs-review');
    expect(ids(above(r.findings, 'low'))).toEqual(['provenance.popularity:medium']);
    expect(find(r, 'provenance.popularity')?.message).toContain('120,500 downloads within 5 days');
  });

  test('shadowing of a policy-trusted publisher is confirmed against the Hub, and the copied card fetched from it', async () => {
    const r = await review('contractz/contract-parser');
    expect(r.verdict).toBe('rejected');
    const shadow = find(r, 'namespace.repo-shadowing');
    expect(shadow?.evidence).toContain('imitates: acme-ai; rule: repo-shadowing; known from: Hub');
    expect(find(r, 'provenance.card-copied')?.message).toContain('copied from acme-ai/contract-parser (Jaccard 1.00');
    expect(find(r, 'provenance.account-young')?.severity).toBe('high');
  });
});

// ---- the legitimate side -------------------------------------------------------------------------------------

describe('legitimate repositories stay quiet', () => {
  test.each([
    ['openai/privacy-filter', []],
    ['bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', []],
    ['mlx-community/Llama-3.2-3B-Instruct-4bit', []],
    ['meta-llama/Llama-4-Tiny-Instruct', ['provenance.gated:info']],
    ['google-bert/bert-base-uncased', ['provenance.account-after-repo:info']],
    ['nlp-hobbyist/distilbert-imdb-finetuned', []],
    ['microsoft/tiny-phi', ['provenance.commit-recent:low']],
    ['acme-ai/internal-ner', ['provenance.private:low']]
  ])('%s is approved; our notes: %p', async (id, notes) => {
    const r = await review(id);
    expect(ids(r.findings)).toEqual(notes);
    expect(r.verdict).toBe('approved');
  });

  test('the pipeline fetched the author once; the checks reuse it', async () => {
    logs.length = 0;
    await review('mlx-community/Llama-3.2-3B-Instruct-4bit');
    const overviews = logs.filter((l) => l.includes('/overview'));
    // users/mlx-community (404), then organizations/mlx-community (200): one getAuthor, nothing from the checks
    expect(overviews).toHaveLength(2);
  });

  test('exceptions in the policy still apply to these findings (ids are stable)', async () => {
    const r = await review('trendy-lab/tiny-coder', {
      policy: policy({ exceptions: [{ repo: 'trendy-lab/tiny-coder', checks: ['provenance.popularity'], reason: 'launch campaign, checked', expires: '2026-12-31' }] })
    });
    expect(r.verdict).toBe('approved');
  });
});

// ---- Hub lookups and failures -------------------------------------------------------------------------------

describe('Hub lookups fail soft', () => {
  test('hubRepoExists: present, missing (anonymous 401 and authenticated 404), moved', async () => {
    const withToken = checkHubPort(hubFor(registry)).repoExists;
    const anonymous = checkHubPort(hubFor(registry, 'anonymous')).repoExists;
    expect(await withToken('openai/privacy-filter')).toBe(true);
    expect(await withToken('openai/no-such-model')).toBe(false);
    expect(await anonymous('openai/no-such-model')).toBe(false);
    expect(await anonymous('datasci-collective/pii-ner')).toBe(true);
    expect(await anonymous('not a repo id')).toBeUndefined();
  });

  test('hubRepoExists and the card fetch say "unknown" when the Hub misbehaves, and the review carries on', async () => {
    const broken: Server = createServer((_req, res) => {
      res.writeHead(418, { 'Content-Type': 'application/json' });
      res.end('{"error":"teapot"}');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const hub = new HubClient({ hubUrl: `http://127.0.0.1:${(broken.address() as AddressInfo).port}`, sleep: async () => undefined, maxRetries: 0 });
      expect(await checkHubPort(hub).repoExists('openai/privacy-filter')).toBeUndefined();
      const card = await fetchModelCard(hub, 'openai/privacy-filter');
      expect(card.ok).toBe(false);
      expect(card.ok ? '' : card.reason).toContain('HTTP 418');
    } finally {
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
  });

  test('a shadowed original whose card cannot be read is an info note, not a crash', async () => {
    // The built-in map says openai/whisper-small exists; this registry has no such repository.
    const spec: StoreSpec = {
      accounts: [{ name: 'audio-fan', type: 'user', createdAt: '2021-01-01T00:00:00.000Z' }],
      repos: [repoOf('audio-fan/whisper-small', '2025-01-01T00:00:00.000Z', 'audio-fan', [
        { title: 'Upload model', date: '2025-01-01T00:10:00.000Z', files: modelFiles(openaiCard('audio-fan/whisper-small')) }
      ])]
    };
    const d = await mkdtemp(join(tmpdir(), 'mg-provenance-b-'));
    const store = await buildStore(d, spec);
    const reg = await startRegistry({ storeDir: d });
    try {
      const r = await reviewEntry({ repo: 'audio-fan/whisper-small', revision: head('audio-fan/whisper-small', store), line: 1 },
        { hub: hubFor(reg, 'anonymous'), policy: policy(), scanFile: defaultScanFile, checks: CHECKS, now: () => NOW });
      const note = find(r, 'provenance.card-compare-failed');
      expect(note?.severity).toBe('info');
      expect(note?.message).toContain("could not compare the model card with openai/whisper-small's");
      expect(r.verdict).toBe('needs-review');
    } finally {
      await reg.close();
      await rm(d, { recursive: true, force: true });
    }
  });

  test('a commit history the Hub will not serve blocks: provenance was not fully examined', async () => {
    // A registry whose commits route fails while everything else works.
    const d = await mkdtemp(join(tmpdir(), 'mg-provenance-c-'));
    const store = await buildStore(d, { accounts: SPEC.accounts, repos: [SPEC.repos.find((r) => r.id === 'nlp-hobbyist/distilbert-imdb-finetuned')!] });
    const reg = await startRegistry({ storeDir: d });
    const proxy: Server = createServer((req, res) => {
      if (/\/commits\//.test(req.url ?? '')) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"error":"boom"}');
        return;
      }
      void fetch(`${reg.hubUrl}${req.url ?? '/'}`, { method: req.method ?? 'GET', redirect: 'manual' }).then(async (up) => {
        const headers: Record<string, string> = {};
        up.headers.forEach((v, k) => {
          if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'content-length') headers[k] = v;
        });
        const body = Buffer.from(await up.arrayBuffer());
        headers['content-length'] = String(body.length);
        res.writeHead(up.status, headers);
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const hub = new HubClient({ hubUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, allowedCdnOrigins: [reg.cdnUrl], sleep: async () => undefined, maxRetries: 0 });
      const r = await reviewEntry({ repo: 'nlp-hobbyist/distilbert-imdb-finetuned', revision: head('nlp-hobbyist/distilbert-imdb-finetuned', store), line: 1 },
        { hub, policy: policy(), scanFile: defaultScanFile, checks: CHECKS, now: () => NOW });
      expect(r.verdict).toBe('rejected');
      const f = find(r, 'provenance.history.server-error');
      expect(f?.severity).toBe('high');
      expect(f?.message).toContain('the commit history of nlp-hobbyist/distilbert-imdb-finetuned could not be read');
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await reg.close();
      await rm(d, { recursive: true, force: true });
    }
  });
});

// ---- the demo's sample store --------------------------------------------------------------------------------

describe('the sample store (the demo)', () => {
  let sdir: string;
  let sbuilt: BuiltStore;
  let sreg: RunningRegistry;
  beforeAll(async () => {
    sdir = await mkdtemp(join(tmpdir(), 'mg-provenance-sample-'));
    sbuilt = await buildStore(sdir, sampleStoreSpec());
    sreg = await startRegistry({ storeDir: sdir });
  });
  afterAll(async () => {
    await sreg?.close();
    await rm(sdir, { recursive: true, force: true });
  });
  const sample = (id: string, now: Date) =>
    reviewEntry({ repo: id, revision: head(id, sbuilt), line: 1 }, { hub: hubFor(sreg, 'anonymous'), policy: defaultPolicy(), scanFile: defaultScanFile, checks: REPO_CHECKS, now: () => now });

  test.each([
    ['36 hours after it appeared', NOW],
    ['months later, as the demo runs it', new Date('2026-11-22T00:00:00.000Z')]
  ])('Open-OSS/privacy-filter is rejected, naming the shadowing, the young account, the single commit and the copied card (%s)', async (_when, now) => {
    const r = await sample(SAMPLE.typosquat, now);
    expect(r.verdict).toBe('rejected');
    const shadow = find(r, 'namespace.repo-shadowing');
    expect(shadow?.severity).toBe('high');
    expect(shadow?.message).toContain('openai/privacy-filter');
    expect(find(r, 'provenance.account-young')).toMatchObject({ severity: 'high' });
    expect(find(r, 'provenance.account-young')?.message).toContain('organisation Open-OSS created 2026-05-10, 2 days before the repo');
    expect(find(r, 'provenance.single-commit')?.message).toContain('single commit, "initial commit"');
    expect(find(r, 'provenance.card-copied')).toMatchObject({ severity: 'high', file: 'README.md' });
    expect(find(r, 'provenance.card-copied')?.message).toContain('copied from openai/privacy-filter');
    expect(find(r, 'hub.scan.pending')).toBeDefined();
    // popularity is only judged while the repository is young
    expect(find(r, 'provenance.popularity') !== undefined).toBe(now === NOW);
  });

  test('openai/privacy-filter: nothing above low from the namespace and provenance checks', async () => {
    const r = await sample(SAMPLE.clean, NOW);
    expect(r.commit).toBe(head(SAMPLE.clean, sbuilt));
    expect(above(r.findings.filter(ours), 'low')).toEqual([]);
    expect(r.verdict).toBe('approved');
  });
});
