// Random and mutated inputs: the scanner never throws, never hangs, keeps bounded state, and always produces a
// verdict; an incomplete scan always carries a blocking finding; results do not depend on how bytes are chunked.
import fc from 'fast-check';
import { createPickleScanner } from '../../../src/scan/pickle/index.js';
import { verdictOf } from '../../../src/core/findings.js';
import { callPickle, joblibLogisticRegression, legacyTorchFile, numpyArrayPickle, torchOptimizerState, torchStateDict } from '../../support/pickle-bytes.js';

const seeds: Uint8Array[] = [
  torchStateDict([{ name: 'a', key: '0', shape: [2, 2] }, { name: 'b', key: '1', shape: [3] }]),
  torchOptimizerState(),
  legacyTorchFile([{ name: 'a', key: '0', shape: [3] }], (_k, n) => new Uint8Array(n).fill(7)),
  numpyArrayPickle([2], new Uint8Array(16), 4),
  joblibLogisticRegression(),
  callPickle('os', 'system', ['id'], 4),
  callPickle('builtins', 'eval', ['1'], 0)
];

function run(bytes: Uint8Array, cuts: number[], opts = {}) {
  const s = createPickleScanner({ path: 'p', ...opts });
  let at = 0;
  for (const c of [...cuts.filter((x) => x > 0 && x < bytes.length)].sort((a, b) => a - b)) { s.push(bytes.subarray(at, c)); at = c; }
  s.push(bytes.subarray(at));
  return s.end();
}

function wellFormed(o: ReturnType<typeof run>): void {
  expect(Array.isArray(o.findings)).toBe(true);
  expect(o.formats[0]).toBe('pickle');
  expect(['approved', 'needs-review', 'rejected']).toContain(verdictOf(o.findings));
  if (!o.complete) expect(verdictOf(o.findings)).toBe('rejected');
  for (const f of o.findings) expect(typeof f.message).toBe('string');
}

const mutated = fc.tuple(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat())
  .map(([i, edits, cut]) => {
    const b = Uint8Array.from(seeds[i] as Uint8Array);
    for (const [p, v] of edits) b[p % b.length] = v;
    return b.subarray(0, Math.max(1, b.length - (cut % 4 === 0 ? cut % b.length : 0)));
  });

test('random bytes: always a well-formed outcome', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat({ max: 600 }), { maxLength: 5 }), (b, cuts) => {
    wellFormed(run(b, cuts));
  }), { numRuns: 1500 });
});

test('random opcode soup (valid opcode bytes only): always a well-formed outcome', () => {
  const opBytes = [0x28, 0x2e, 0x30, 0x31, 0x32, 0x4e, 0x4b, 0x5d, 0x7d, 0x29, 0x61, 0x62, 0x63, 0x65, 0x68, 0x71, 0x73, 0x74, 0x75,
    0x52, 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8c, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x0a, 0x6f, 0x69, 0x51, 0x50];
  fc.assert(fc.property(fc.array(fc.constantFrom(...opBytes), { maxLength: 400 }), (ops) => {
    wellFormed(run(Uint8Array.from([0x80, 4, ...ops]), []));
  }), { numRuns: 1500 });
});

test('mutated real files: well-formed, and the verdict does not depend on chunking', () => {
  fc.assert(fc.property(mutated, fc.array(fc.nat({ max: 4000 }), { maxLength: 6 }), (b, cuts) => {
    const whole = run(b, []);
    const split = run(b, cuts);
    wellFormed(whole);
    expect(split.findings).toEqual(whole.findings);
    expect(split.complete).toBe(whole.complete);
    expect(split.details).toEqual(whole.details);
  }), { numRuns: 600 });
});

test('unmutated seeds give the same outcome for every chunk size, down to 1 byte', () => {
  for (const b of seeds) {
    const ref = run(b, []);
    for (const size of [1, 2, 3, 5, 64]) {
      const cuts = Array.from({ length: Math.ceil(b.length / size) }, (_v, i) => i * size);
      const o = run(b, cuts);
      expect(o.findings).toEqual(ref.findings);
      expect(o.details).toEqual(ref.details);
    }
  }
});

test('a hostile shape cannot grow state without bound: deep MARKs, long memo, huge declared lengths', () => {
  const marks = new Uint8Array(300_000).fill(0x28);
  const o1 = run(marks, [], { limits: { maxMarks: 100_000 } });
  expect(o1.complete).toBe(false);
  const memo = new Uint8Array(1_000_001).fill(0x94);
  memo[0] = 0x4e;
  const o2 = run(memo, [], { limits: { maxMemo: 500_000 } });
  expect(o2.findings.some((f) => f.check === 'pickle.limit')).toBe(true);
  // BINBYTES8 declaring 2^52 bytes: counted, never allocated; the stream just ends early.
  const huge = Uint8Array.from([0x80, 4, 0x8e, 0, 0, 0, 0, 0, 0, 0x10, 0, 1, 2, 3]);
  const o3 = run(huge, []);
  expect(o3.complete).toBe(false);
  expect(o3.findings[0]?.message).toMatch(/truncated/);
});
