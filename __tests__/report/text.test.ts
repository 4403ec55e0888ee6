import { renderText } from '../../src/report/text.js';
import { finding, input, review, sample } from './fixtures.js';

describe('renderText', () => {
  it('reads top-down: headline, one line per entry worst first, then details', () => {
    const text = renderText(sample());
    const lines = text.split('\n');
    expect(lines[0]).toBe('model-gate 9.9.9: 2 rejected, 1 needs review, 1 approved (of 4 new models)');
    expect(lines[2]).toMatch(/^ {2}Rejected +Open-OSS\/privacy-filter@[0-9a-f]{7} +README tells users/);
    expect(text).toContain('CRITICAL README tells users to run a script from the repository');
    expect(text).toContain('| python scripts/preprocess.py --setup');
    expect(text).toContain('-> Do not approve; report the repository to the Hub.');
    expect(text).not.toMatch(/[*`#]{2}|<details>/);
  });

  it('colours only when asked', () => {
    expect(renderText(sample())).not.toContain('\u001b[');
    expect(renderText(sample(), { color: true })).toContain('\u001b[31;1mREJECTED\u001b[0m');
  });

  it('cannot be driven by escape sequences or bidi controls in repo strings', () => {
    const r = review('a/b', 2, 'rejected', [finding('high', 'clear\u001b[2J\u001b]8;;https://evil\u0007 \u202E', { evidence: 'x\u001b[31m\nline2' })]);
    const text = renderText(input([r]), { color: false });
    expect(text).not.toMatch(/[\u001b\u0007\u202E]/);
    expect(text).toContain('\\u{001B}[2J');
    expect(text).toContain('| x\\u{001B}[31m\n           | line2');
  });

  it('caps evidence lines', () => {
    const r = review('a/b', 2, 'rejected', [finding('high', 'm', { evidence: Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') })]);
    const text = renderText(input([r]), { evidenceLines: 3 });
    expect(text).toContain('| l2\n           | … 17 more lines');
    expect(text).not.toContain('| l3');
  });
});
