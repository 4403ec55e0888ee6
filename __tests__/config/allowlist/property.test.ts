import fc from 'fast-check';
import { diffAllowlists } from '../../../src/config/allowlist/diff.js';
import { parseAllowlist } from '../../../src/config/allowlist/parse.js';

// Fragments that exercise YAML's corners: indicators, quotes, anchors, tags, flow collections, documents, tabs.
const fragment = fc.constantFrom(
  'version: 1', 'models:', '  - ', '- ', 'repo: ', 'revision: ', 'files: ', 'reason: ', 'org/name@', 'a'.repeat(40),
  '&a ', '*a', '!!str ', '!!python/object ', '<<: ', '[', ']', '{', '}', ', ', ': ', '"', "'", '\\', '|', '>', '#',
  '---', '...', '%YAML 1.2', '\t', '\n', '\r\n', '    ', '?', '\u0435', '\u202e', '\uFEFF', '0x1F', '~', 'null', '1e9'
);
const yamlish = fc.oneof(
  fc.array(fragment, { maxLength: 60 }).map((xs) => xs.join('')),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 })
);

describe('parseAllowlist never throws', () => {
  it('on random YAML-ish text, and every error names a line inside the file', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const r = parseAllowlist(text, 'approved-models.yaml');
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines);
          expect(e.message.length).toBeGreaterThan(0);
        }
        for (const e of r.entries) expect(e.revision).toMatch(/^[0-9a-f]{40}$/);
        // Diffing whatever came out never throws either.
        diffAllowlists(r.entries, r.entries);
      }),
      { numRuns: 3000 }
    );
  });

  it('valid generated files round-trip: every written entry comes back at its line', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9]{1,6}(?:[_.-][A-Za-z0-9]{1,6}){0,3}$/).filter((s) => !s.endsWith('.git'));
    const sha = fc.stringMatching(/^[0-9a-f]{40}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(id, id, sha, fc.boolean()), { selector: ([a, b]) => `${a}/${b}`.toLowerCase(), maxLength: 20 }), (items) => {
        const lines = ['version: 1', 'models:'];
        const expected: { repo: string; line: number }[] = [];
        for (const [ns, name, rev, long] of items) {
          expected.push({ repo: `${ns}/${name}`, line: lines.length + 1 });
          if (long) lines.push(`  - repo: ${ns}/${name}`, `    revision: "${rev}"`);
          else lines.push(`  - ${ns}/${name}@${rev}`);
        }
        const r = parseAllowlist(lines.join('\n'), 'f.yaml');
        expect(r.errors).toEqual([]);
        expect(r.entries.map((e) => ({ repo: e.repo, line: e.line }))).toEqual(expected);
      }),
      { numRuns: 300 }
    );
  });
});
