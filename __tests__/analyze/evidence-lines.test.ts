// Evidence quoted from code stays code: the hit's line and its related lines, each on its own line with its
// indentation, so the report can show them as a code block a reader can copy (not one line joined with " | ").
import { evidenceOf, hitsToFindings } from '../../src/analyze/util.js';

const SOURCE = ['import os', 'def setup():', '    url = "https://example.invalid/x"', '    path = fetch(url)', '', '    os.system(path)'];

describe('evidenceOf', () => {
  test('a flow across lines is quoted as those lines, indentation relative to the least indented', () => {
    expect(evidenceOf(SOURCE, 6, [3, 4])).toBe('url = "https://example.invalid/x"\npath = fetch(url)\n…\nos.system(path)');
  });

  test('a single line is quoted alone, trimmed', () => {
    expect(evidenceOf(SOURCE, 4)).toBe('path = fetch(url)');
  });

  test('findings carry the multi-line evidence', () => {
    const [f] = hitsToFindings([{ check: 'python.exec', severity: 'critical', line: 6, related: [1], message: 'm', help: 'h' }], 'x.py', SOURCE);
    expect(f?.evidence?.split('\n')).toEqual(['import os', '…', '    os.system(path)']);
  });
});
