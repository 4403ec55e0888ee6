// The `pattern`s the published JSON Schemas give editors are declared beside the rules that decide (checkRepoId,
// checkRevision, checkNamespace, the policy's parse functions). These properties hold the two in agreement, reading
// the patterns from the committed schema files as an editor would (with the `u` flag, as ajv does).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { AllowlistItem } from '../../src/config/allowlist/schema.js';
import { parseConcurrency, parseFailOn } from '../../src/config/policy/schema.js';
import { compileGlob } from '../../src/core/glob.js';
import { checkNamespace, checkRepoId, checkRevision } from '../../src/core/ids.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const load = (name: string): J => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as J;
const allowlist = load('approved-models.schema.json');
const policy = load('policy.schema.json');
const items = allowlist.properties.models.anyOf[0].items.anyOf;
const re = (p: string): RegExp => new RegExp(p, 'u');
const P = {
  shortEntry: re(items[0].pattern),
  repoId: re(items[1].properties.repo.pattern),
  commitSha: re(items[1].properties.revision.pattern),
  filePattern: re(items[1].properties.files.items.pattern),
  namespace: re(policy.properties.trusted_publishers.anyOf[0].items.pattern),
  failOn: re(policy.properties.fail_on.pattern),
  concurrency: re(policy.properties.concurrency.anyOf[0].pattern)
};

// Strings near the rules' edges: id characters, separators, lookalikes, whitespace, long runs.
const piece = fc.oneof(
  fc.constantFrom('a', 'Z', '0', '9', '_', '-', '.', '/', '@', '--', '..', '.git', ' ', '\t', '\u0435', 'x'.repeat(95), 'x'.repeat(96), 'abc', 'A1'),
  fc.string({ maxLength: 4 })
);
const near = fc.array(piece, { maxLength: 8 }).map((xs) => xs.join(''));
const runs = { numRuns: 4000 };

describe('JSON Schema patterns agree with the rules that decide', () => {
  it('repo ids', () => {
    fc.assert(fc.property(near, (s) => expect(P.repoId.test(s)).toBe(checkRepoId(s) === null)), runs);
  });

  it('commit shas', () => {
    const hexish = fc.stringMatching(/^[0-9a-fA-F]{38,42}$/);
    fc.assert(fc.property(fc.oneof(near, hexish), (s) => expect(P.commitSha.test(s)).toBe(checkRevision(s) === null)), runs);
  });

  it('short-form entries', () => {
    const sha = fc.constantFrom('a'.repeat(40), 'A'.repeat(40), 'a'.repeat(39), '0123456789abcdef0123456789abcdef01234567');
    const entry = fc.oneof(near, fc.tuple(near, sha).map(([id, rev]) => `${id}@${rev}`));
    fc.assert(fc.property(entry, (s) => expect(P.shortEntry.test(s)).toBe(AllowlistItem.safeParse(s).success)), runs);
  });

  it('namespaces', () => {
    fc.assert(fc.property(near, (s) => expect(P.namespace.test(s)).toBe(checkNamespace(s) === null)), runs);
  });

  it('fail_on and concurrency', () => {
    const word = fc.oneof(
      near,
      fc.constantFrom('high', 'HIGH', ' Low ', 'critical\n', 'mediun', '0', '1', '007', '32', '032', '33', '0032', ' 8 ', '1e1', '٣')
    );
    fc.assert(
      fc.property(word, (s) => {
        expect(P.failOn.test(s)).toBe(typeof parseFailOn(s) === 'string');
        expect(P.concurrency.test(s)).toBe(typeof parseConcurrency(s) === 'number');
      }),
      runs
    );
  });

  it('file patterns: the JSON Schema never refuses a pattern Model Gate accepts (it cannot express every glob rule)', () => {
    const glob = fc.array(fc.constantFrom('*', '**', '?', '/', 'a', '.', '[a-z]', '[!x]', ' ', '\\', 'é'), { maxLength: 8 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(glob, near), (s) => {
        if (compileGlob(s).ok) expect(P.filePattern.test(s)).toBe(true);
      }),
      runs
    );
  });
});
