// Code that runs without being imported: .pth lines, setup.cfg and pyproject.toml install hooks. The .pth oracle is
// CPython itself: python3 runs its own site.addpackage over each file with `exec` replaced by a recorder (so the
// lines are collected, never executed), and str.splitlines() gives the 3.13+ reading; what either executes must
// be in what the analysis reads as code, and nothing else.
import { execFileSync } from 'node:child_process';
import { analyzeSetupCfg, readPth, readPyproject } from '../../../src/analyze/python/packaging.js';

const PTH_CASES: Record<string, string> = {
  'plain import line': 'import os\n',
  'paths only': '/usr/lib/foo\nrelative/dir\n',
  'comment and leading space are not executed': '#import os\n import os\n\n',
  'tab after import': 'import\tos;os.getcwd()\n',
  'form feed hides a second statement': 'import os\f;os.system("id")\n',
  'form feed starts a new line in 3.13': 'foo\fimport os\n',
  'vertical tab, FS, NEL, LS, PS': 'a\vimport a\x1cimport b\x85import c\u2028import d\u2029import e\n',
  'CRLF and CR': 'import x\r\nimport y\rpath\n',
  'byte order mark': '\ufeffimport os\n',
  'importlib is not an import line': 'importlib\nimport_me\n'
};

interface Recorded {
  execs: string[];
  splitExecs: string[];
}

/** CPython's own reading: site.addpackage with exec recorded, and the str.splitlines() reading (3.13+). */
function cpython(cases: Record<string, string>): Record<string, Recorded> {
  const script = String.raw`
import json, os, site, sys, tempfile
out = {}
cases = json.load(sys.stdin)
with tempfile.TemporaryDirectory() as d:
    for name, text in cases.items():
        p = os.path.join(d, "case.pth")
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        seen = []
        site.exec = lambda code, *a: seen.append(code)
        saved = list(sys.path)
        site.addpackage(d, "case.pth", set())
        sys.path[:] = saved
        body = text[1:] if text.startswith("\ufeff") else text
        split = [l for l in body.splitlines() if l.startswith(("import ", "import\t"))]
        out[name] = {"execs": seen, "splitExecs": split}
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', env: { ...process.env, PYTHONUTF8: '1' } })) as Record<string, Recorded>;
}

const answers = cpython(PTH_CASES);
/** A statement as the analysis reads it: line breaks other than \n read as spaces. */
const norm = (s: string): string => s.replace(/[\r\n]+$/, '').replace(/[\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g, ' ').trim();

describe('.pth files, read as site.py reads them', () => {
  test.each(Object.keys(PTH_CASES))('%s', (name) => {
    const pth = readPth(PTH_CASES[name]!);
    const answer = answers[name]!;
    const ours = pth.execLines.map((l) => norm(pth.code.split('\n')[l - 1] ?? ''));
    // Everything any Python executes is analysed …
    for (const s of [...answer.execs, ...answer.splitExecs]) expect(ours.some((o) => o.includes(norm(s)))).toBe(true);
    // … and nothing no Python executes.
    for (const o of ours) expect([...answer.execs, ...answer.splitExecs].some((s) => o.includes(norm(s)) || norm(s).includes(o))).toBe(true);
  });

  test('executed lines keep Python\'s line numbers', () => {
    const pth = readPth('/path\nfoo\fimport os\nimport sys\n');
    expect(pth.execLines).toEqual([3, 4]);
    expect(pth.lines[2]).toBe('import os');
    expect(pth.paths).toEqual(['/path', 'foo']);
  });
});

describe('setup.cfg', () => {
  test('data_files outside the package and commands that shadow everyday ones', () => {
    const hits = analyzeSetupCfg('[metadata]\nname = x\n\n[options.data_files]\n/etc/profile.d = hook.sh\nshare/x = a.pth\n\n[options.entry_points]\nconsole_scripts =\n    git = x.cli:main\n    x-train = x.cli:train\n');
    expect(hits.map((h) => `${h.check} ${h.line}`)).toEqual(['setup.data-files 5', 'setup.data-files 6', 'setup.entry-point 10']);
  });

  test('a package\'s own data and commands are fine', () => {
    expect(analyzeSetupCfg('[options.data_files]\nshare/x = data/vocab.txt\n\n[options.entry_points]\nconsole_scripts =\n    x-train = x.cli:train\n')).toEqual([]);
  });

  test('a line of a million spaces is read in linear time', () => {
    const hits = analyzeSetupCfg(`[options.data_files]\n${' '.repeat(1_000_000)}x\n`);
    expect(hits).toEqual([]);
  });
});

describe('pyproject.toml', () => {
  test('an in-tree build backend and a hatch hook are install-time code', () => {
    const r = readPyproject('[build-system]\nrequires = []\nbuild-backend = "backend:build"\nbackend-path = ["."]\n\n[tool.hatch.build.hooks.custom]\n');
    expect(r.hookFiles.map((h) => `${h.path} ${h.what}`)).toEqual(['backend in-tree build backend', 'hatch_build hatch build hook']);
  });

  test('scripts and data-files', () => {
    const r = readPyproject('[project]\nname = "x"\n\n[project.scripts]\npython = "x.cli:main"\n\n[tool.setuptools.data-files]\n"lib/python3.11/site-packages" = ["x.pth"]\n');
    expect(r.hits.map((h) => h.check)).toEqual(['setup.data-files', 'setup.entry-point']);
  });

  test('an ordinary setuptools project declares nothing that runs', () => {
    const r = readPyproject('[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "x"\n[project.scripts]\nx-train = "x.cli:main"\n');
    expect(r).toEqual({ hookFiles: [], hits: [] });
  });
});
