import { ALLOWLIST_LIMITS, parseAllowlist } from '../../../src/config/allowlist/parse.js';
import type { AllowlistError } from '../../../src/config/allowlist/parse.js';

const F = 'approved-models.yaml';
const A = 'a'.repeat(40);
const B = '0123456789abcdef0123456789abcdef01234567';
const DIGITS = '1234567890123456789012345678901234567890';

function doc(...items: string[]): string {
  return ['version: 1', 'models:', ...items].join('\n') + '\n';
}

/** [line, message fragment] pairs, in order. */
function where(errors: AllowlistError[]): [number | undefined, string][] {
  return errors.map((e) => [e.line, e.message]);
}

function expectOneError(text: string, line: number, fragment: RegExp): AllowlistError {
  const { errors } = parseAllowlist(text, F);
  expect(where(errors)).toEqual([[line, expect.stringMatching(fragment)]]);
  const e = errors[0] as AllowlistError;
  expect(e.file).toBe(F);
  return e;
}

describe('parseAllowlist: valid forms', () => {
  it('reads the short form with its line', () => {
    const r = parseAllowlist(doc(`  - openai-community/gpt2@${A}`, `  - google-bert/bert-base-uncased@${B}`), F);
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { repo: 'openai-community/gpt2', revision: A, line: 3 },
      { repo: 'google-bert/bert-base-uncased', revision: B, line: 4 }
    ]);
  });

  it('reads the long form with files and reason, in block and flow style', () => {
    const text = doc(
      '  # a comment',
      '  - repo: sentence-transformers/all-MiniLM-L6-v2',
      `    revision: ${A}`,
      '    files:',
      '      - "*.safetensors"',
      '      - config.json',
      '    reason: Embeddings for search',
      `  - {repo: BAAI/bge-small-en-v1.5, revision: '${B}', files: ['**/*.json']}`
    );
    const r = parseAllowlist(text, F);
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      {
        repo: 'sentence-transformers/all-MiniLM-L6-v2',
        revision: A,
        line: 4,
        files: ['*.safetensors', 'config.json'],
        reason: 'Embeddings for search'
      },
      { repo: 'BAAI/bge-small-en-v1.5', revision: B, line: 10, files: ['**/*.json'] }
    ]);
  });

  it('keeps an all-digit sha exactly as written (no number conversion)', () => {
    const r = parseAllowlist(doc(`  - repo: org/model`, `    revision: ${DIGITS}`, `  - other/model@${DIGITS}`), F);
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => e.revision)).toEqual([DIGITS, DIGITS]);
  });

  it('accepts ids the Hub accepts: underscores, dots, digits-only names, 96-character parts', () => {
    const long = 'x'.repeat(96);
    const r = parseAllowlist(doc(`  - _org/_name_@${A}`, `  - 01-ai/Yi-1.5-9B@${A}`, `  - ${long}/${long}@${A}`, `  - a/123@${A}`), F);
    expect(r.errors).toEqual([]);
    expect(r.entries).toHaveLength(4);
  });

  it('treats an empty file, a comment-only file, a missing file and an empty list as no entries', () => {
    for (const text of ['', '\n\n', '# nothing approved yet\n', null, 'version: 1\nmodels:\n', 'version: 1\nmodels: []\n']) {
      expect(parseAllowlist(text, F)).toEqual({ entries: [], errors: [] });
    }
  });

  it('handles CRLF line endings and a byte-order mark with correct lines', () => {
    const text = `\uFEFFversion: 1\r\nmodels:\r\n  - org/one@${A}\r\n  - org/two@main\r\n`;
    const r = parseAllowlist(text, F);
    expect(r.entries).toEqual([{ repo: 'org/one', revision: A, line: 3 }]);
    expect(where(r.errors)).toEqual([[4, expect.stringContaining("'main' is a branch")]]);
  });
});

describe('parseAllowlist: invalid entries name the line and the fix', () => {
  it('rejects a branch name with the command to find the sha', () => {
    const e = expectOneError(doc(`  - org/name@main`), 3, /revision 'main' is a branch or tag name/);
    expect(e.help).toContain('git ls-remote https://huggingface.co/org/name main');
    expect(e.column).toBe(5);
  });

  it('rejects 1234567e8 (a float in other YAML schemas) as not a full commit sha', () => {
    const e = expectOneError(doc('  - repo: org/name', '    revision: 1234567e8'), 4, /revision '1234567e8' is not a full 40-character commit sha/);
    expect(e.column).toBe(15);
  });

  it.each([
    ['an abbreviated sha', 'abc1234', /not a full 40-character commit sha \(it has 7\)/],
    ['an uppercase sha', A.toUpperCase(), /has uppercase letters/],
    ['a sha256', 'b'.repeat(64), /64 hex characters \(a sha256/],
    ['a 41-character hex string', 'a'.repeat(41), /not a 40-character commit sha|branch or tag/],
    ['a tag', 'v1.0', /branch or tag name/],
    ['the word null', 'null', /branch or tag name/],
    ['true', 'true', /branch or tag name/],
    ['a number', '12345', /not a full 40-character commit sha/]
  ])('rejects %s as a revision', (_label, rev, fragment) => {
    expectOneError(doc(`  - org/name@${rev}`), 3, fragment);
  });

  it('rejects a missing revision in the short form', () => {
    const e = expectOneError(doc('  - org/name'), 3, /has no pinned revision/);
    expect(e.help).toContain('org/name@<40-character commit sha>');
  });

  it.each([
    ['no namespace', `gpt2@${A}`, /has no namespace/],
    ['a URL', `https://huggingface.co/org/name@${A}`, /is a URL/],
    ['three parts', `models/org/name@${A}`, /has 2 slashes/],
    ['a leading dash', `-org/name@${A}`, /may only use letters/],
    ['a trailing dot', `org/name.@${A}`, /may only use letters/],
    ['a double dash', `org--x/name@${A}`, /'--' or '\.\.'/],
    ['a double dot', `org/na..me@${A}`, /'--' or '\.\.'/],
    ['a .git suffix', `org/name.git@${A}`, /ends with '\.git'/],
    ['a space', `org/na me@${A}`, /U\+0020/],
    ['a Cyrillic e', `m\u0435ta-llama/Llama-3.1-8B@${A}`, /U\+0435 at position 2; Hub ids are plain ASCII/],
    ['a zero-width space', `openai/privacy\u200b-filter@${A}`, /U\+200B/],
    ['a 97-character name', `org/${'x'.repeat(97)}@${A}`, /97 characters, over the Hub's 96/],
    ['two @', `org/name@${A}@${A}`, /more than one '@'/]
  ])('rejects a repo id with %s', (_label, item, fragment) => {
    expectOneError(doc(`  - "${item}"`), 3, fragment);
  });

  it('escapes non-ASCII characters in messages', () => {
    const e = expectOneError(doc(`  - m\u0435ta-llama/x@${A}`), 3, /m\\u\{435\}ta-llama/);
    expect(e.message).not.toContain('\u0435');
  });

  it('rejects unknown keys with a suggestion, and missing keys', () => {
    const { errors, entries } = parseAllowlist(doc('  - repo: org/name', `    revison: ${A}`, '    note: hi'), F);
    expect(entries).toEqual([]);
    expect(where(errors)).toEqual([
      [3, 'entry has no `revision`'],
      [4, "unknown key 'revison' (did you mean 'revision'?)"],
      [5, "unknown key 'note'"]
    ]);
  });

  it('rejects non-scalar repo, non-list files, empty files, bad patterns and hidden characters in reason', () => {
    const text = doc(
      '  - repo: [org/name]',
      `    revision: ${A}`,
      '  - repo: org/b',
      `    revision: ${A}`,
      '    files: "*.json"',
      '  - repo: org/c',
      `    revision: ${A}`,
      '    files: []',
      '  - repo: org/d',
      `    revision: ${A}`,
      '    files: ["/abs", "a/**b", "[z-a]"]',
      '  - repo: org/e',
      `    revision: ${A}`,
      '    reason: "looks fine \\u202E"'
    );
    const { errors, entries } = parseAllowlist(text, F);
    expect(entries).toEqual([]);
    expect(where(errors)).toEqual([
      [3, expect.stringMatching(/`repo` must be a single value; found a list/)],
      [7, expect.stringMatching(/`files` must be a list of patterns/)],
      [10, expect.stringMatching(/`files` is empty/)],
      [13, expect.stringMatching(/'\/abs': pattern must be relative/)],
      [13, expect.stringMatching(/'a\/\*\*b': '\*\*' must be a whole path segment/)],
      [13, expect.stringMatching(/reversed range/)],
      [16, expect.stringMatching(/U\+202E/)]
    ]);
  });

  it('rejects duplicates, including case-only duplicates, and keeps the first', () => {
    const { errors, entries } = parseAllowlist(doc(`  - Org/Name@${A}`, `  - org/other@${A}`, `  - org/name@${B}`, `  - org/other@${A}`), F);
    expect(entries.map((e) => e.line)).toEqual([3, 4]);
    expect(where(errors)).toEqual([
      [5, "model 'org/name' is listed twice (first on line 3 as 'Org/Name'; repo ids are case-insensitive on the Hub)"],
      [6, "model 'org/other' is listed twice (first on line 4)"]
    ]);
  });

  it('rejects an empty item and a nested list item', () => {
    const { errors } = parseAllowlist(doc('  -', `  - - org/name@${A}`), F);
    expect(where(errors)).toEqual([
      [3, 'empty entry'],
      [4, expect.stringMatching(/found a list/)]
    ]);
  });
});

describe('parseAllowlist: file structure', () => {
  it('requires the canonical top-level mapping', () => {
    expectOneError(`- org/name@${A}\n`, 1, /must be a mapping with `version: 1` and `models:`; found a list/);
    expectOneError('just text\n', 1, /found a plain value/);
    expectOneError(`models:\n  - org/name@${A}\n`, 1, /missing `version: 1`/);
    expectOneError('version: 1\n', 1, /missing `models:`/);
    expectOneError(`version: 2\nmodels: []\n`, 1, /unsupported version '2'/);
    expectOneError(`version: 1\nmodels: org/name@${A}\n`, 2, /`models` must be a list/);
    expectOneError(`version: 1\nmodel: []\nmodels: []\n`, 2, /unknown top-level key 'model' \(did you mean 'models'\?\)/);
  });

  it('reports bad YAML at the line where the parser stopped', () => {
    const e = expectOneError(`version: 1\nmodels:\n  - org/a@${A}\n  - [org/b\n`, 5, /is not valid YAML/);
    expect(e.help).toMatch(/syntax/);
    expectOneError(`version: 1\nmodels:\n  - org/a@${A}\n bad: indent: here\n`, 4, /is not valid YAML/);
  });

  it('rejects tabs in indentation, naming every such line', () => {
    const { entries, errors } = parseAllowlist(`version: 1\nmodels:\n\t- org/a@${A}\n  -\torg/b@${A}\n`, F);
    expect(entries).toEqual([]);
    expect(errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [3, 1, 'tab character in indentation'],
      [4, 4, 'tab character in indentation']
    ]);
  });

  it('rejects anchors and aliases (billion laughs) without expanding them', () => {
    const lol = [
      'version: 1',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'models: [*d]'
    ].join('\n');
    const { entries, errors } = parseAllowlist(lol, F);
    expect(entries).toEqual([]);
    expect(errors.filter((e) => /anchor/.test(e.message)).map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(errors.filter((e) => /alias/.test(e.message)).length).toBe(9 * 3 + 1);
  });

  it('rejects an anchored entry and its alias, so neither is approved', () => {
    const { entries, errors } = parseAllowlist(doc(`  - &x org/a@${A}`, '  - *x'), F);
    expect(entries).toEqual([]);
    expect(where(errors)).toEqual([
      [3, "YAML anchor '&x' is not allowed"],
      [4, "YAML alias '*x' is not allowed"],
      [4, 'empty entry']
    ]);
  });

  it('rejects merge keys', () => {
    const { entries, errors } = parseAllowlist(doc(`  - <<: {repo: org/a, revision: '${A}'}`), F);
    expect(entries).toEqual([]);
    expect(where(errors)).toEqual([
      [3, "YAML merge key '<<' is not allowed"],
      [3, 'entry has no `repo`'],
      [3, 'entry has no `revision`']
    ]);
  });

  it('rejects tags such as !!python/object and !!str, and the tagged entry', () => {
    const { entries, errors } = parseAllowlist(doc(`  - !!python/object/apply:os.system ["echo"]`, `  - repo: !!str org/b`, `    revision: ${A}`), F);
    expect(entries).toEqual([]);
    expect(where(errors)).toEqual([
      [3, "YAML tag '!!python/object/apply:os.system' is not allowed"],
      [3, expect.stringMatching(/found a list/)],
      [4, "YAML tag '!!str' is not allowed"]
    ]);
  });

  it('rejects duplicate keys inside an entry and at the top level', () => {
    const { entries, errors } = parseAllowlist(`version: 1\nmodels:\n  - repo: org/a\n    revision: ${A}\n    repo: evil/a\nmodels: []\n`, F);
    expect(entries).toEqual([]);
    expect(where(errors)).toEqual([
      [5, "duplicate key 'repo' (first defined on line 3)"],
      [6, "duplicate key 'models' (first defined on line 2)"]
    ]);
  });

  it('rejects several YAML documents', () => {
    expectOneError(`version: 1\nmodels: []\n---\nversion: 1\nmodels:\n  - org/a@${A}\n`, 4, /second YAML document/);
  });

  it('rejects complex keys', () => {
    expectOneError(`version: 1\nmodels: []\n? [a, b]\n: c\n`, 3, /a sequence used as a mapping key/);
  });

  it('refuses files over the size cap without parsing them', () => {
    const big = doc(...Array.from({ length: 30_000 }, (_, i) => `  - org/m${i}@${A}`));
    expect(Buffer.byteLength(big)).toBeGreaterThan(ALLOWLIST_LIMITS.maxBytes);
    const e = expectOneError(big, 1, /bytes, over the 1048576-byte limit/);
    expect(e.message).toContain(String(Buffer.byteLength(big)));
  });

  it('refuses more entries than the cap, even under the size cap', () => {
    const many = doc(...Array.from({ length: ALLOWLIST_LIMITS.maxEntries + 1 }, () => '  - a'));
    expect(Buffer.byteLength(many)).toBeLessThan(ALLOWLIST_LIMITS.maxBytes);
    expectOneError(many, 3, /lists 10001 models, over the limit of 10000/);
  });

  it('refuses deep nesting', () => {
    const deep = `version: 1\nmodels: ${'['.repeat(40)}${']'.repeat(40)}\n`;
    expectOneError(deep, 2, /not valid YAML: nesting exceeded/);
  });
});

describe('parseAllowlist: invisible and format characters (Unicode Cf, Zl, Zp) in free text', () => {
  it.each([
    ['a soft hyphen (Cf), raw', 'reason: "approved\u00adby security"', /U\+00AD/],
    ['a tag character (Cf), raw', 'reason: "fine\u{E0041}\u{E0042}"', /U\+E0041/],
    ['a line separator (Zl), raw', 'reason: "one\u2028two"', /U\+2028/],
    ['a paragraph separator (Zp), escaped', 'reason: "one\\u2029two"', /U\+2029/],
    ['a word joiner (Cf), escaped', 'reason: "a\\u2060b"', /U\+2060/],
    ['an interlinear annotation anchor (Cf), raw', 'reason: "a\ufff9b"', /U\+FFF9/]
  ])('refuses %s in `reason`, on its line', (_label, reason, fragment) => {
    const e = expectOneError(doc('  - repo: org/name', `    revision: ${A}`, `    ${reason}`), 5, fragment);
    expect(e.message).toMatch(/`reason` contains the invisible or direction-changing character/);
  });

  it('still accepts ordinary non-ASCII text in `reason`', () => {
    const r = parseAllowlist(doc('  - repo: org/name', `    revision: ${A}`, '    reason: "Modèle validé — 日本語 ✓"'), F);
    expect(r.errors).toEqual([]);
  });
});
