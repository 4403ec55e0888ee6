import { ANNOTATIONS_PER_LEVEL, annotationsFor } from '../../src/report/annotations.js';
import { finding, review, sample } from './fixtures.js';

describe('annotationsFor', () => {
  it('makes one annotation per entry at its line, level from the verdict', () => {
    const notes = annotationsFor(sample().reviews, 'approved-models.yaml');
    expect(notes.map((a) => [a.startLine, a.level])).toEqual([
      [3, 'notice'],
      [5, 'error'],
      [7, 'error'],
      [9, 'warning']
    ]);
    const privacy = notes.find((a) => a.startLine === 5);
    expect(privacy?.file).toBe('approved-models.yaml');
    expect(privacy?.title).toMatch(/^Model Gate: Open-OSS\/privacy-filter@[0-9a-f]{7} rejected$/);
    expect(privacy?.message).toMatch(/^Rejected: README tells users to run a script from the repository \(2 findings: 1 critical, 1 medium\)/);
  });

  it('puts allowlist errors first among errors', () => {
    const notes = annotationsFor([], 'approved-models.yaml', [{ file: 'approved-models.yaml', line: 2, message: 'not a full sha' }]);
    expect(notes).toEqual([{ level: 'error', message: 'not a full sha', file: 'approved-models.yaml', startLine: 2, title: 'Model Gate: invalid allowlist entry' }]);
  });

  it('keeps at most 10 per level, the worst ones, and says how many more', () => {
    const reviews = [
      ...Array.from({ length: 15 }, (_, i) => review(`high/m${i}`, 100 + i, 'rejected', [finding('high', 'bad')])),
      ...Array.from({ length: 3 }, (_, i) => review(`crit/m${i}`, 200 + i, 'rejected', [finding('critical', 'worse')])),
      ...Array.from({ length: 12 }, (_, i) => review(`ok/m${i}`, 300 + i, 'approved'))
    ];
    const notes = annotationsFor(reviews, 'approved-models.yaml');
    const errors = notes.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    for (let i = 0; i < 3; i++) expect(errors.some((a) => a.startLine === 200 + i)).toBe(true);
    expect(errors.filter((a) => a.message.includes('8 more errors not annotated'))).toHaveLength(1);
    expect(notes.filter((a) => a.level === 'notice')).toHaveLength(ANNOTATIONS_PER_LEVEL);
  });

  it('shows invisible characters in messages instead of passing them on', () => {
    const notes = annotationsFor([review('a/b', 2, 'rejected', [finding('high', 'x\u202Ey\nz')])], 'approved-models.yaml');
    expect(notes[0]?.message).toContain('x\\u{202E}y z');
  });
});
