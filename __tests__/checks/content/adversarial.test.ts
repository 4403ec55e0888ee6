// Big hostile documents: every reader of instructions finishes and its work stays bounded by what it reads.
// The bounds are asserted on the readers' own counters and outputs (candidates per line, expansion budget,
// findings per line), not on elapsed time; the inputs are large enough (128 KiB, mostly one line) that a
// quadratic pattern anywhere would need tens of billions of steps and never finish.
import { runContentChecks } from '../../../src/checks/content/index.js';
import { proseCommands } from '../../../src/checks/content/instructions.js';
import { parseMarkdown, parseRst } from '../../../src/analyze/docs.js';
import { parseMakefile, recipeFor } from '../../../src/analyze/shell/makefile.js';
import { tokenizeShell } from '../../../src/analyze/shell/tokenize.js';
import { loadAnalyzers } from '../../../src/checks/content/analyzers.js';

// The content checks below are called directly (synchronously): load the analyzers they reach first.
await loadAnalyzers();

const N = 128 * 1024;
const rep = (s: string): string => s.repeat(Math.ceil(N / s.length)).slice(0, N);

const SHAPES: [string, string][] = [
  ['one long word', 'a'.repeat(N)],
  ['spaces then a letter', `${' '.repeat(N)}x`],
  ['a run of backticks', '`'.repeat(N)],
  ['backtick runs of growing length', Array.from({ length: 500 }, (_, i) => `${'`'.repeat(i + 1)}x`).join('')],
  ['command words', rep('python ')],
  ['full-width colons', rep('运行：python ')],
  ['prompt-like', `user@${'a'.repeat(N)}`],
  ['PowerShell prompt-like', `PS ${'a'.repeat(N)}`],
  ['open substitutions', rep('$(')],
  ['open parentheses', '('.repeat(N)],
  ['quotes', '"'.repeat(N)],
  ['backslashes', '\\'.repeat(N)],
  ['fence openers', rep('```\n')],
  ['pre openers', rep('<pre>')],
  ['link openers', rep('](x ')],
  ['html code openers', rep('<code>')],
  ['here-documents never closed', rep('cat <<EOF\n')],
  ['sentence ends', rep('. A')],
  ['indented commands', rep('    python x\n')],
  ['reST literal blocks', rep('x::\n\n    a\n')],
  ['reST directives', rep('.. code-block:: bash\n')],
  ['docker options', rep('docker run -v ')],
  ['runner options', rep('npx -p ')],
  ['make calls', rep('make ')]
];

describe('hostile documents finish with bounded output', () => {
  test.each(SHAPES)('%s', (_name, body) => {
    for (const path of ['README.md', 'docs/guide.rst', 'INSTALL.txt', 'Makefile']) {
      const text = path === 'Makefile' ? `X = ${body}\nall:\n\t${body}\n` : `# t\n\n${body}\n\n\`\`\`bash\n${body}\n\`\`\`\n`;
      const files = [{ path, size: text.length, formats: ['text'] }, { path: 'RUN.md', size: 9, formats: ['text'] }];
      const found = runContentChecks({ files, text: (p) => (p === path ? text : p === 'RUN.md' ? 'make all\n' : undefined) });
      const lines = text.split('\n').length;
      expect(found.length).toBeLessThanOrEqual(8 * lines + 16);
      for (const f of found) expect((f.evidence ?? '').length).toBeLessThanOrEqual(300);
    }
  }, 120_000);
});

test('prose: at most 8 candidate commands a line, each at most 2,000 characters', () => {
  const line = rep('run python x ');
  const c = proseCommands(line);
  expect(c.length).toBeLessThanOrEqual(16);
  for (const x of c) expect(x.text.length).toBeLessThanOrEqual(2000);
});

test('parsers read each line once: blocks and prose never hold more lines than the input', () => {
  const md = rep('```\nx\n> ```\n    y\n');
  const doc = parseMarkdown(md);
  const total = doc.blocks.reduce((n, b) => n + b.lines.length, 0) + doc.prose.length;
  expect(total).toBeLessThanOrEqual(2 * md.split('\n').length);
  const rst = rep('a::\n\n   b\n.. code:: sh\n   c\n');
  const r = parseRst(rst);
  expect(r.blocks.reduce((n, b) => n + b.lines.length, 0) + r.prose.length).toBeLessThanOrEqual(rst.split('\n').length);
});

test('shell: deeply nested substitutions and continuations are tokenized within bounds', () => {
  const nested = `${'$(echo '.repeat(20_000)}x${')'.repeat(20_000)}`;
  expect(tokenizeShell(nested).length).toBe(1);
  const continued = rep('a \\\n');
  // Continuations join at most 64 physical lines into one logical line.
  expect(tokenizeShell(continued).length).toBeGreaterThanOrEqual(Math.floor(continued.split('\n').length / 64));
});

test('make: expansion work is capped per Makefile', () => {
  const vars = Array.from({ length: 2000 }, (_, i) => `V${i + 1} = $(V${i})$(V${i})$(V${i})`);
  const mk = parseMakefile(`V0 = ${'x'.repeat(1000)}\n${vars.join('\n')}\nall:\n${'\techo $(V2000)\n'.repeat(500)}`);
  recipeFor(mk, ['all']);
  expect(mk.budget.left).toBeGreaterThanOrEqual(-1);
});

test('more documents than are read is a blocking finding, not a silent pass', () => {
  const files = Array.from({ length: 2001 }, (_, i) => ({ path: `docs/page-${i}.md`, size: 4, formats: ['text'] }));
  const found = runContentChecks({ files, text: () => '# x\n' });
  expect(found.filter((f) => f.check === 'instructions.not-examined').map((f) => [f.severity, f.message])).toEqual([
    ['high', 'The repository has more than 2000 documents; 1 were not read for instructions']
  ]);
});
