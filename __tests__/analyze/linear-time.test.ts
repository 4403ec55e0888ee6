// Linear time on repository data: every analyzer that applies regular expressions to text from a model repository
// runs on megabyte inputs of the shapes that make backtracking patterns super-linear (long runs of one character,
// or of a repeated pair, ended by a character the pattern rejects: recheck's attack strings). A linear run takes
// milliseconds to a second; one quadratic pattern on these sizes takes tens of minutes (bench/regex.ts measures the
// patterns this replaced: ×4 per doubling), so a regression fails this file by its timeout rather than by a clock
// reading here. The chat template analysis also reports its own work, which is asserted to stay within its budget.
// The static side is scripts/check-regex.mjs (recheck, in ./run check) and eslint-plugin-regexp (in the lint).
import { analyzeChatTemplate } from '../../src/analyze/template.js';
import { budgetFor } from '../../src/analyze/jinja/judge.js';
import { analyzeRequirements } from '../../src/analyze/requirements.js';
import { analyzeShell } from '../../src/analyze/shell/analyze.js';
import { analyzePython } from '../../src/analyze/python/analyze.js';
import { analyzeNotebook } from '../../src/analyze/notebook.js';
import { parseJson } from '../../src/analyze/json.js';
import { cardSimilarity, proseOf } from '../../src/checks/provenance/card-text.js';
import { isQuantisedName } from '../../src/checks/namespace/quantised.js';
import { runContentChecks } from '../../src/checks/content/index.js';
import { codeBlock, escapeHtml, escapeInline, escapeProse, plain } from '../../src/report/escape.js';
import { enc, gguf, scanBytes } from '../scan/support/fixtures.js';
import { repoOf } from '../checks/content/repo.js';
import { readFileSync } from 'node:fs';
import { checkSync } from 'recheck';

const MiB = 1 << 20;
/** A run of `unit` to about `size` characters, ended by characters patterns reject (NUL, a line separator). */
const run = (unit: string, size = MiB, prefix = ''): string => `${prefix}${unit.repeat(Math.ceil(size / unit.length))}\u0000${unit}\u2028!`;

/** The units recheck's attack strings for this codebase's former patterns repeat, plus the characters around them. */
const UNITS = ['\t', ' ', '\n', '#', '=', '0', '<', '/', '-', 'O', 'x', '.', '{', '(', '[', '%', '_', "'", '`', '@', ':', 'A',
  '{:', '](', '.4', 'C:\\', '//', 'iex\t-\t', '\t\n', '{{', '{%', 'requirements', '+x'];
const PREFIXES: Record<string, string> = { '.': 'from .', 'O': '-', 'x': '+', '0': '%', ':': 'P@P', 'C:\\': 'P@P:', '-': '@', '\t': '-' };
const SHAPES = UNITS.map((u) => run(u, MiB, PREFIXES[u] ?? ''));

describe('analyzers of repository text on megabyte adversarial inputs', () => {
  test.each(UNITS.map((u, i) => [JSON.stringify(u), SHAPES[i] as string]))('shell, requirements, card prose, names, report escaping: %s', (_u, s) => {
    expect(analyzeShell(s).hits).toBeDefined();
    for (const name of ['requirements.txt', 'environment.yml', 'pyproject.toml']) expect(analyzeRequirements(name, s)).toBeDefined();
    expect(typeof proseOf(s)).toBe("string"); // a run of backticks is one fenced block: no prose
    expect(cardSimilarity(s, s.slice(0, 1000)).jaccard).toBeGreaterThanOrEqual(0);
    expect(typeof isQuantisedName(s)).toBe('boolean');
    for (const render of [escapeInline, escapeProse, escapeHtml, codeBlock, plain]) expect(render(s, s.length).length).toBeGreaterThan(0);
  });

  test.each(UNITS.map((u, i) => [JSON.stringify(u), SHAPES[i] as string]))('content checks of a repository holding it as README, scripts, requirements, template: %s', (_u, s) => {
    const files = { 'README.md': s, 'setup.sh': s, 'requirements.txt': s, 'chat_template.jinja': s.slice(0, 1024 * 1024) };
    expect(runContentChecks(repoOf(files))).toBeDefined();
  });

  test.each(UNITS.map((u, i) => [JSON.stringify(u), SHAPES[i] as string]))('file scanner (sniffing, JSON, text): %s', (_u, s) => {
    for (const name of ['notes.txt', 'config.json']) expect(scanBytes(enc(s), name).formats.length).toBeGreaterThan(0);
    expect(scanBytes(enc(`{"chat_template": ${JSON.stringify(s)}}`), 'tokenizer_config.json').findings).toBeDefined();
    expect(() => parseJson(s, 'python')).toThrow();
  });
});

// The Python analyzer is linear on these shapes but costs about 30 µs a character (64 KiB of `.` takes 1.8 s), so a
// megabyte per shape would make this file minutes long; its regular expressions are covered by check-regex and
// bench/regex.ts, and its cost per character is a follow-up (issue 16: per-file work bound).
describe('the Python analyzer on 64 KiB adversarial inputs', () => {
  test.each(['.', '{:', ':'].map((u) => [JSON.stringify(u), run(u, 64 * 1024)]))('%s', (_u, s) => {
    expect(analyzePython(s)).toBeDefined();
    expect(analyzeNotebook('a.ipynb', JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: s, metadata: {}, outputs: [] }] }))).toBeDefined();
  });
});

describe('patterns built at run time', () => {
  // scripts/check-regex.mjs checks regex literals; these are built from a string, so recheck judges them here.
  test('quantised-name patterns', () => {
    const src = readFileSync('src/checks/namespace/quantised.ts', 'utf8');
    const token = /const TOKEN = String\.raw`([^`]+)`/.exec(src)?.[1] as string;
    for (const p of [String.raw`(?:^|[-_.])${token}(?=$|[-_.])`, String.raw`[-_.]${token}(?=$|[-_.])`]) {
      expect(checkSync(p, 'i', { timeout: 20000 }).status).toBe('safe');
    }
    expect(isQuantisedName(`6${'.4'.repeat(MiB / 2)}N`)).toBe(false);
  });
});

describe('chat templates: the analysis stays within a budget linear in the template', () => {
  const shapes: [string, string][] = [
    ...UNITS.map((u, i): [string, string] => [`run of ${JSON.stringify(u)}`, SHAPES[i] as string]),
    ['560 KB of {{ (the pattern matcher took 104 s on such a template)', '{{'.repeat(280 * 1024)],
    ['a megabyte of benign turns', "{% for m in messages %}{{ '<|' + m['role'] + '|>' + m['content'] }}{% endfor %}".repeat(MiB / 80)],
    ['20,000 {% set %} building one name', Array.from({ length: 20000 }, (_v, i) => `{% set ns.k = ns.k ~ '${i % 2 ? '_' : 'x'}' %}`).join('') + '{{ x[ns.k] }}'],
    ['a list of 100,000 strings joined into a key', `{{ x[[${Array.from({ length: 100000 }, () => "'ab'").join(',')}]|join] }}`],
    ['100,000 chained concatenations', `{{ x[${Array.from({ length: 100000 }, () => "'_'").join(' ~ ')}] }}`],
    ['nesting 100,000 deep', `{{ ${'('.repeat(100000)}x${')'.repeat(100000)} }}`],
    ['a string literal of a megabyte', `{{ x['${'_'.repeat(MiB)}'] }}`],
    ['10,000 macros calling each other', Array.from({ length: 10000 }, (_v, i) => `{% macro m${i}(a) %}{{ m${i + 1}(a ~ '_') }}{% endmacro %}`).join('') + "{{ x[m0('_')] }}"]
  ];

  test.each(shapes)('%s', (_name, t) => {
    const r = analyzeChatTemplate(t, { path: 'chat_template.jinja', where: 'chat_template.jinja', source: 'transformers' });
    expect(r.stats.work).toBeLessThanOrEqual(budgetFor(r.stats.nodes));
    expect(r.stats.nodes).toBeLessThanOrEqual(t.length);
    // Whatever it decided, it decided: a finding or a clean, complete result; never a silent partial one.
    if (!r.complete) expect(r.findings.some((f) => f.check === 'template.unparsed')).toBe(true);
  });

  test('GGUF templates of 4 MiB (the largest kept) are analysed in the same bound', () => {
    const turn = "{% for m in messages %}{{ m['content'] }}{% endfor %}";
    const t = turn.repeat(Math.floor((4 * MiB) / turn.length));
    const o = scanBytes(gguf([['tokenizer.chat_template', 'str', t]]), 'm.gguf');
    expect(o.complete).toBe(true);
    expect(o.findings).toEqual([]);
  });
});
