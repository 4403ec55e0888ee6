// Every schema error reads as Model Gate's own message, at a line of the file: no library default ("Invalid
// input"), no encoded message leaking, for any shape of value under any key.
import fc from 'fast-check';
import { parseAllowlist } from '../../src/config/allowlist/parse.js';
import { loadPolicy } from '../../src/config/policy/load.js';
import { POLICY_KEYS } from '../../src/config/policy/schema.js';
import type { LocatedError } from '../../src/core/errors.js';

const A = 'a'.repeat(40);
// JSON is YAML; values of every shape, including the empty ones YAML cares about.
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('', 'x', '1', 'high', `org/name@${A}`, 'org/name', A, '*.json', 'collections.OrderedDict', '2026-12-31', 'os.system'),
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('repo', 'revision', 'files', 'reason', 'checks', 'expires', 'x'), tie('v'), { maxKeys: 4 })
  )
})).v;

function expectOwnMessages(errors: LocatedError[], text: string): void {
  const lines = text.split('\n').length;
  for (const e of errors) {
    expect(e.message).not.toMatch(/Invalid input|\u0000|^`[^`]*`: invalid$/);
    expect(e.message.length).toBeGreaterThan(0);
    if (e.file.startsWith('input ')) continue;
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines);
    expect(e.column).toBeGreaterThanOrEqual(1);
  }
}

describe('configuration errors are always our own, located messages', () => {
  it('policy: any value under any key', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...POLICY_KEYS, 'fail-on', 'other'), value, { maxKeys: 5 }), (doc) => {
        const text = JSON.stringify(doc, null, 2);
        expectOwnMessages(loadPolicy(text, 'p.yml').errors, text);
      }),
      { numRuns: 1500 }
    );
  });

  it('allowlist: any value as an entry, and any top level', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), value, (models, top) => {
        for (const doc of [{ version: '1', models }, top]) {
          const text = JSON.stringify(doc, null, 2) ?? '';
          expectOwnMessages(parseAllowlist(text, 'a.yaml').errors, text);
        }
      }),
      { numRuns: 1500 }
    );
  });
});
