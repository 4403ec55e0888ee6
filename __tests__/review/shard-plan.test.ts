// Splitting a change's files into shards by bytes (src/review/shard-plan.ts), and reading a plan back.
import { PER_FILE_WEIGHT, parsePlan, splitIntoShards } from '../../src/review/shard-plan.js';

const GB = 1e9;
const files = (n: number, size: number, prefix = 'f') => Array.from({ length: n }, (_, i) => ({ path: `${prefix}-${i}`, size }));
const loads = (sizes: number[][], a: number[][], shards: number) => {
  const out = new Array<number>(shards).fill(0);
  a.forEach((row, i) => row.forEach((s, j) => (out[s] = (out[s] ?? 0) + sizes[i]![j]!)));
  return out;
};

describe('splitIntoShards', () => {
  it('spreads a 141-file, 756 GB model over every shard, each within one file of an even share', () => {
    const model = files(141, Math.round((756 * GB) / 141));
    const { assignments, shards } = splitIntoShards([{ files: model }], 8);
    expect(shards).toBe(8);
    const l = loads([model.map((f) => f.size)], assignments, 8);
    const even = (756 * GB) / 8;
    for (const x of l) expect(Math.abs(x - even)).toBeLessThanOrEqual(model[0]!.size);
  });

  it('keeps entries whole when they fit, and spreads only the one that does not', () => {
    const big = files(10, 10 * GB, 'big');
    const small = [files(2, 1e6, 'a'), files(3, 1e6, 'b')];
    const { assignments, shards } = splitIntoShards([{ files: small[0]! }, { files: big }, { files: small[1]! }], 4);
    expect(shards).toBe(4);
    expect(new Set(assignments[0]).size).toBe(1);
    expect(new Set(assignments[2]).size).toBe(1);
    expect(new Set(assignments[1]).size).toBeGreaterThan(1);
  });

  it('weighs the number of files too: many small files do not all land on one shard', () => {
    const many = files(400, 1000);
    const { assignments, shards } = splitIntoShards([{ files: many }], 4);
    expect(shards).toBe(4);
    const counts = [0, 1, 2, 3].map((s) => assignments[0]!.filter((x) => x === s).length);
    expect(counts).toEqual([100, 100, 100, 100]);
    expect(PER_FILE_WEIGHT).toBeGreaterThan(1000);
  });

  it('makes one shard with nothing to read for an empty change, and never more shards than files', () => {
    expect(splitIntoShards([], 8)).toEqual({ assignments: [], shards: 1 });
    expect(splitIntoShards([{ files: [] }], 8)).toEqual({ assignments: [[]], shards: 1 });
    expect(splitIntoShards([{ files: files(2, 5) }], 8).shards).toBe(2);
  });
});

describe('parsePlan', () => {
  const plan = { format: 'model-gate-plan/1', planId: 'a'.repeat(32), shards: 2, entries: [{ repo: 'o/m', revision: 'b'.repeat(40), line: 3, commit: 'b'.repeat(40), files: [{ path: 'x.bin', size: 1, shard: 1 }] }] };
  const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));

  it('reads a plan back', () => {
    expect(parsePlan(bytes(plan), 'plan.json')).toEqual(plan);
  });

  it('refuses paths that climb out, shards outside the plan, files listed twice and non-JSON, saying where', () => {
    const withFiles = (f: unknown[]) => ({ ...plan, entries: [{ ...plan.entries[0], files: f }] });
    expect(() => parsePlan(bytes(withFiles([{ path: '../x', size: 1, shard: 0 }])), 'plan.json')).toThrow(/`entries.0.files.0.path` is not a safe repository-relative path \(has a '..' segment\)/);
    expect(() => parsePlan(bytes(withFiles([{ path: 'x', size: 1, shard: 2 }])), 'plan.json')).toThrow(/x is assigned shard 2, but the plan has 2 shard/);
    expect(() => parsePlan(bytes(withFiles([{ path: 'x', size: 1, shard: 0 }, { path: 'x', size: 1, shard: 1 }])), 'plan.json')).toThrow(/x is listed twice/);
    expect(() => parsePlan(Buffer.from('{'), 'plan.json')).toThrow(/plan.json is not JSON/);
  });
});
