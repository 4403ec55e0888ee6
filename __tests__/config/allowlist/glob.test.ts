import { compileGlob, firstMatch, matchGlob, MAX_GLOB_LENGTH } from '../../../src/core/glob.js';
import type { Glob } from '../../../src/core/glob.js';

function g(p: string): Glob {
  const r = compileGlob(p);
  if (!r.ok) throw new Error(`${p}: ${r.error}`);
  return r.glob;
}

describe('glob', () => {
  it.each([
    ['*.safetensors', 'model.safetensors', true],
    ['*.safetensors', 'sub/dir/model.safetensors', true],
    ['*.safetensors', 'model.safetensors.index.json', false],
    ['config.json', 'config.json', true],
    ['config.json', 'text_encoder/config.json', true],
    ['original/*.pth', 'original/consolidated.00.pth', true],
    ['original/*.pth', 'x/original/consolidated.00.pth', false],
    ['original/*.pth', 'original/sub/a.pth', false],
    ['original/**', 'original/sub/a.pth', true],
    ['original/**', 'original', false],
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'a/b/c.json', true],
    ['a/**/b.txt', 'a/b.txt', true],
    ['a/**/b.txt', 'a/x/y/b.txt', true],
    ['a/**/b.txt', 'ab.txt', false],
    ['model-?????-of-?????.safetensors', 'model-00001-of-00002.safetensors', true],
    ['model-?????-of-?????.safetensors', 'model-0001-of-00002.safetensors', false],
    ['[a-c]*.bin', 'b.bin', true],
    ['[a-c]*.bin', 'd.bin', false],
    ['[!a-c]*.bin', 'd.bin', true],
    ['[!a-c]*.bin', 'a.bin', false],
    ['*', 'x/y', true],
    ['a*', 'a/b', false],
    ['*.BIN', 'x.bin', false],
    ['a.b', 'axb', false],
    ['(x)+.txt', '(x)+.txt', true]
  ])('%s against %s → %s', (pattern, path, expected) => {
    expect(matchGlob(g(pattern), path)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['/abs', /relative/],
    ['dir/', /trailing/],
    ['a//b', /empty path segment/],
    ['../x', /'\.\.' segments/],
    ['a**', /whole path segment/],
    ['[abc', /unclosed/],
    ['a]', /unmatched/],
    ['[z-a]', /reversed/],
    ['a\\b', /backslash/],
    ['caf\u00e9', /ASCII/],
    ['x'.repeat(MAX_GLOB_LENGTH + 1), /longer than/]
  ])('rejects %j', (pattern, error) => {
    const r = compileGlob(pattern);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('matches pathological patterns quickly (no backtracking blow-up)', () => {
    const pattern = g(`${'*a'.repeat(60)}*b`);
    const path = 'a'.repeat(5000);
    const started = process.hrtime.bigint();
    expect(matchGlob(pattern, path)).toBe(false);
    const deep = g('**/**/**/**/**/**/x/**/y');
    expect(matchGlob(deep, `${'d/'.repeat(500)}z`)).toBe(false);
    // Generous bound: an exponential matcher would take hours here.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it('firstMatch returns the first matching glob', () => {
    const globs = ['*.json', '*.bin', 'x/*'].map(g);
    expect(firstMatch(globs, 'x/a.bin')?.source).toBe('*.bin');
    expect(firstMatch(globs, 'y/a.txt')).toBeUndefined();
  });
});
