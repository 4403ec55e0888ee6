// The pickle VM's outcome depends only on the bytes: every real-library file (the real-file corpus and the
// loader-position fixtures), pushed whole and in random chunk sizes through ONE reused buffer that is poisoned
// (overwritten with 0xa5) after every push, as the review's readers reuse theirs. Anything the VM kept as a view of
// a chunk instead of a copy reads as garbage afterwards, and any decision taken at a chunk boundary shows up.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPickleScanner } from '../../../src/scan/pickle/index.js';
import { createNpyScanner } from '../../../src/scan/npy.js';
import type { ScanOutcome, StreamScanner } from '../../../src/scan/types.js';

const ROOTS = ['../../fixtures/real/', '../../fixtures/loaders/'].map((r) => fileURLToPath(new URL(r, import.meta.url)));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.json') || n.endsWith('.md') ? [] : [p];
  });
}

const files = ROOTS.flatMap(walk).sort();

/** A deterministic PRNG (mulberry32), so a failure names its seed and replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pushes `bytes` through one reused buffer in chunks of the sizes `size()` gives, poisoning it after each push. */
function pushPoisoned(s: StreamScanner, bytes: Uint8Array, size: () => number): ScanOutcome {
  const buf = new Uint8Array(1 << 16);
  for (let i = 0; i < bytes.length;) {
    const n = Math.min(bytes.length - i, Math.max(1, Math.min(buf.length, size())));
    buf.set(bytes.subarray(i, i + n));
    s.push(buf.subarray(0, n));
    buf.fill(0xa5);
    i += n;
  }
  return s.end();
}

const key = (o: ScanOutcome): string => JSON.stringify({ f: o.formats, c: o.complete, x: o.findings, d: o.details }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

const scanners: [string, (path: string) => StreamScanner, string[]][] = [
  ['the pickle VM', (path) => createPickleScanner({ path }), files],
  ['the npy reader', (path) => createNpyScanner({ path }, {}), files.filter((f) => f.endsWith('.npy'))]
];

describe.each(scanners)('%s: chunking never changes the outcome', (_name, make, list) => {
  test('there are files to push', () => {
    expect(list.length).toBeGreaterThan(30);
  });

  test.each(list.map((f) => [f.slice(f.indexOf('fixtures/') + 9), f] as const))('%s', (_rel, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const whole = make(path);
    whole.push(bytes.slice());
    const want = key(whole.end());
    let seed = 0;
    for (const c of path) seed = (seed * 31 + c.charCodeAt(0)) >>> 0;
    const r = rng(seed);
    // Byte-at-a-time on the smaller files; random sizes, tiny ones mostly, on all of them.
    const plans: [string, () => number][] = [
      ...(bytes.length <= 16384 ? [['1 byte', () => 1] as [string, () => number]] : []),
      ...(bytes.length <= 65536 ? [['random 1..17', () => 1 + Math.floor(r() * 17)] as [string, () => number]] : []),
      ['random 1..4096', () => 1 + Math.floor(r() * 4096)],
      ['random, mostly tiny', () => (r() < 0.8 ? 1 + Math.floor(r() * 3) : 1 + Math.floor(r() * 65536))]
    ];
    for (const [plan, size] of plans) {
      expect({ plan, outcome: key(pushPoisoned(make(path), bytes, size)) }).toEqual({ plan, outcome: want });
    }
  });
});

test('mutated joblib and npy fixtures: same outcome whole and in poisoned random chunks', () => {
  const seeds = files.filter((f) => /loaders\/(joblib\/(mixed\.protocol[0-5]|objects_only|bare)|npy\/)/.test(f)).map((f) => new Uint8Array(readFileSync(f)));
  fc.assert(fc.property(
    fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.integer({ min: 1, max: 1 << 30 }),
    (i, edits, seed) => {
      const b = Uint8Array.from(seeds[i] as Uint8Array);
      for (const [p, v] of edits) b[p % b.length] = v;
      const whole = createPickleScanner({ path: 'm' });
      whole.push(b.slice());
      const r = rng(seed);
      expect(key(pushPoisoned(createPickleScanner({ path: 'm' }), b, () => 1 + Math.floor(r() * 97)))).toEqual(key(whole.end()));
    }
  ), { numRuns: 150 });
});
