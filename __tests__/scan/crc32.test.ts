// CRC-32 for zip members, gzip and xz (scan/decode/checksums.ts) computed by a table while a process has checked
// only a few small inputs, and by node:zlib after: both held to CPython's zlib.crc32, continuing from a previous
// value as the streaming readers do, across the switch from the table to zlib.
import { crc32, crc32Table } from '../../src/scan/decode/checksums.js';
import { runPython, toLatin1 } from '../support/cpython.js';

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// Sizes around the table's limits (64 KiB per input, 256 KiB in all) and the awkward small ones.
const SIZES = [0, 1, 2, 3, 7, 8, 255, 256, 4095, 4096, 65535, 65536, 70000, 200_000];
const inputs = SIZES.map((n, i) => bytes(n, 0x9e3779b9 + i));

// For each input: its CRC alone, and the CRC of the input continuing from the previous input's CRC.
const python = runPython<{ alone: number[]; chained: number[] }>(`
import json, sys, zlib
data = [s.encode('latin-1') for s in json.load(sys.stdin)]
alone = [zlib.crc32(d) for d in data]
chained, c = [], 0
for d in data:
    c = zlib.crc32(d, c)
    chained.append(c)
print(json.dumps({'alone': alone, 'chained': chained}))
`, inputs.map(toLatin1));

test('the table gives CPython zlib.crc32 for every size, alone and continuing a previous value', () => {
  expect(inputs.map((d) => crc32Table(d))).toEqual(python.alone);
  let c = 0;
  expect(inputs.map((d) => (c = crc32Table(d, c)))).toEqual(python.chained);
});

test('crc32 gives CPython zlib.crc32 across its switch from the table to node:zlib', () => {
  // In order: the small inputs go to the table, 65536 B and more to zlib, and every input after that to zlib.
  let c = 0;
  expect(inputs.map((d) => (c = crc32(d, c)))).toEqual(python.chained);
  expect(inputs.map((d) => crc32(d))).toEqual(python.alone);
});
