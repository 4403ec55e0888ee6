// The backward signature search that zip end-record lookups share (sniff.ts findEocd, the central directory's
// zipfile and miniz views): its answer for every start and floor must be Python's bytes.rfind over the same window.
import { indexOfByte, indexOfBytes, lastIndexOfBytes } from '../../src/scan/bytes.js';
import { fromLatin1, runPython, toLatin1 } from '../support/cpython.js';

const SIG = [0x50, 0x4b, 0x05, 0x06];

/** Bytes rich in the signature's first byte and in whole and partial signatures, deterministic. */
function sample(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const r = x >>> 24;
    b[i] = r < 40 ? 0x50 : r < 70 ? 0x4b : r < 90 ? 0x05 : r < 110 ? 0x06 : r;
  }
  for (let k = 0; k < 6; k++) b.set(SIG.slice(0, 1 + (k % 4)), (k * 97 + seed) % (n - 4));
  return b;
}

test('lastIndexOfBytes finds what bytes.rfind finds in [floor, from]', () => {
  const cases: { hay: string; from: number; floor: number }[] = [];
  const hays = [sample(600, 1), sample(257, 7), new Uint8Array([0x50, 0x4b, 0x05, 0x06]), new Uint8Array([0x50, 0x4b, 0x05])];
  for (const hay of hays) {
    for (let from = -2; from <= hay.length + 2; from += 7) {
      for (const floor of [-5, 0, 3, Math.floor(hay.length / 2), hay.length]) cases.push({ hay: toLatin1(hay), from, floor });
    }
  }
  const python = runPython<number[]>(`
import json, sys
sig = bytes([0x50, 0x4b, 0x05, 0x06])
out = []
for c in json.load(sys.stdin):
    hay = c['hay'].encode('latin-1')
    lo, hi = max(0, c['floor']), c['from'] + len(sig)
    out.append(hay.rfind(sig, lo, hi) if c['from'] >= 0 and hi > lo else -1)
print(json.dumps(out))
`, cases);
  expect(cases.map((c) => lastIndexOfBytes(fromLatin1(c.hay), SIG, c.from, c.floor))).toEqual(python);
});

// The forward searches every scanner's hot path uses (a byte in each chunk, a signature): Node's Buffer search over
// the same memory (src/scan/bytes.ts indexOfByte), which must answer what bytes.find answers, for subarrays that
// start anywhere in their buffer, large and small (below 256 bytes V8's own search is kept).
test('indexOfByte and indexOfBytes find what bytes.find finds, from any start, in views at any offset', () => {
  const backing = sample(5000, 3);
  const views = [backing, backing.subarray(1), backing.subarray(777, 1300), backing.subarray(4800), backing.subarray(10, 10), new Uint8Array([0x50])];
  const cases: { hay: string; needle: number[]; from: number }[] = [];
  for (const v of views) {
    for (const from of [-3, 0, 1, 2, 255, 256, 257, Math.floor(v.length / 2), v.length - 1, v.length, v.length + 5]) {
      for (const needle of [[0x50], [0x06], [0xff], [0x00], SIG, SIG.slice(0, 2), [0x4b, 0x05]]) cases.push({ hay: toLatin1(v), needle, from });
    }
  }
  const python = runPython<number[]>(`
import json, sys
print(json.dumps([c['hay'].encode('latin-1').find(bytes(c['needle']), max(0, c['from'])) if c['from'] <= len(c['hay']) else -1 for c in json.load(sys.stdin)]))
`, cases);
  const ours = cases.map((c, k) => {
    const v = views[Math.floor(k / (cases.length / views.length))]!;
    expect(toLatin1(v)).toBe(c.hay);
    return c.needle.length === 1 ? indexOfByte(v, c.needle[0]!, c.from) : indexOfBytes(v, Uint8Array.from(c.needle), Math.max(0, c.from));
  });
  expect(ours).toEqual(python);
  // What TypedArray.prototype.indexOf answers for what is not a byte.
  expect([256, -1, 0.5, Number.NaN].map((b) => indexOfByte(backing, b))).toEqual([-1, -1, -1, -1]);
});
