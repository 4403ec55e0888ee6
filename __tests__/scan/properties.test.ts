// Property tests: whatever the bytes, the file scanner returns a verdict-bearing outcome, never throws, stays
// within time bounds, gives the same answer however the stream is chunked, and never keeps file data.
import fc from 'fast-check';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import { Inflater } from '../../src/scan/inflate.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { benignPickle, buildZip, enc, evilPickle, floatData, gguf, npy, safetensors, tar, torchZip } from './support/fixtures.js';
import { streamedTorchZip, streamParts, tailOf } from './support/big-zip.js';

const scanChunked = (bytes: Uint8Array, path: string, chunk: number): ScanOutcome => {
  const s = createFileScanner({ path, size: bytes.length, tail: bytes.subarray(Math.max(0, bytes.length - 65558)) });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.slice(i, i + chunk));
  return s.end();
};

const wellFormed = (o: ScanOutcome): void => {
  expect(Array.isArray(o.formats)).toBe(true);
  expect(o.formats.length).toBeGreaterThan(0);
  for (const f of o.findings) {
    expect(['critical', 'high', 'medium', 'low', 'info']).toContain(f.severity);
    expect(typeof f.check).toBe('string');
    expect(typeof f.message).toBe('string');
  }
  if (!o.complete) expect(o.findings.some((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
};

const SEEDS: [string, Uint8Array][] = [
  ['pytorch_model.bin', torchZip({ tensors: 2, numel: 16 })],
  ['model.safetensors', safetensors({ a: { dtype: 'F32', shape: [2, 2], bytes: 16 }, b: { dtype: 'BF16', shape: [3], bytes: 6 } }, { format: 'pt' })],
  ['w.npy', npy('<f4', [4], floatData(4))],
  ['o.npy', npy('|O', [1], benignPickle())],
  ['arrays.npz', buildZip([{ name: 'a.npy', data: npy('<f4', [2], floatData(2)), method: 8 }])],
  ['m.gguf', gguf([['tokenizer.chat_template', 'str', "{% for m in messages %}{{ m['content'] }}{% endfor %}"]], 2)],
  ['old.tar', tar([{ name: 'pickle', data: benignPickle() }, { name: 'storages', data: evilPickle() }])],
  ['model.pkl.gz', new Uint8Array(gzipSync(benignPickle()))],
  ['model.pkl', evilPickle()],
  ['tokenizer_config.json', enc('{"chat_template": "{{ messages[0].content }}"}')]
];

const mutate = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) })
);

interface Mutation { kind: string; at: number; bit?: number; n?: number; bytes?: Uint8Array; len?: number }

function apply(b: Uint8Array, m: Mutation): Uint8Array {
  const at = b.length ? m.at % b.length : 0;
  const out = b.slice();
  switch (m.kind) {
    case 'flip':
      for (let k = 0; k < (m.n ?? 1); k++) out[(at + k * 97) % Math.max(1, out.length)]! ^= 1 << (m.bit ?? 0);
      return out;
    case 'truncate': return out.subarray(0, at);
    case 'splice': {
      const add = m.bytes ?? new Uint8Array(0);
      const r = new Uint8Array(b.length + add.length);
      r.set(b.subarray(0, at)); r.set(add, at); r.set(b.subarray(at), at + add.length);
      return r;
    }
    default: return new Uint8Array([...b.subarray(0, at), ...b.subarray(at + (m.len ?? 1))]);
  }
}

describe('createFileScanner never crashes, hangs or lies about completeness', () => {
  test('random bytes, random chunking', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 5000 }), fc.constantFrom('x.bin', 'model.safetensors', 'a.npy', 'b.gguf', 'c.zip'), (bytes, chunk, path) => {
      const t = Date.now();
      const o = scanChunked(bytes, path, chunk);
      wellFormed(o);
      expect(Date.now() - t).toBeLessThan(2000);
    }), { numRuns: 300 });
  });

  test('random bytes behind real magic numbers', () => {
    const magics = ['\x80\x02', '\x80\x04\x95', 'PK\x03\x04', '\x93NUMPY\x01\x00', 'GGUF\x03\x00\x00\x00', '\x1f\x8b\x08\x00', 'x\x9c', 'ZF0x10', '\x89HDF\r\n\x1a\n', '(', 'c'].map((s) => Uint8Array.from(s, (c) => c.charCodeAt(0)));
    fc.assert(fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 2048 }), fc.integer({ min: 1, max: 300 }), (magic, rest, chunk) => {
      const b = new Uint8Array([...magic, ...rest]);
      wellFormed(scanChunked(b, 'f.bin', chunk));
    }), { numRuns: 300 });
  });

  test('mutated real files (bit flips, truncation, splices, cuts)', () => {
    fc.assert(fc.property(fc.constantFrom(...SEEDS), fc.array(mutate, { minLength: 1, maxLength: 3 }), ([path, seed], muts) => {
      let b = seed;
      for (const m of muts) b = apply(b, m);
      const t = Date.now();
      wellFormed(scanChunked(b, path, 1 << 20));
      expect(Date.now() - t).toBeLessThan(2000);
    }), { numRuns: 400 });
  });

  test('chunking does not change the outcome (1 byte, 7 bytes, whole)', () => {
    for (const [path, seed] of SEEDS) {
      const whole = scanChunked(seed, path, 1 << 30);
      expect(scanChunked(seed, path, 7)).toEqual(whole);
      expect(scanChunked(seed, path, 1)).toEqual(whole);
    }
    fc.assert(fc.property(fc.constantFrom(...SEEDS), mutate, fc.integer({ min: 1, max: 64 }), ([path, seed], m, chunk) => {
      const b = apply(seed, m);
      expect(scanChunked(b, path, chunk)).toEqual(scanChunked(b, path, 1 << 30));
    }), { numRuns: 150 });
  });
});

describe('inflate', () => {
  test('matches node:zlib for any data, level and chunking', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 70000 }), fc.string({ maxLength: 20000 }).map((s) => enc(s.repeat(3)))), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 4096 }), (data, level, chunk) => {
      const comp = deflateRawSync(data, { level });
      const out: Uint8Array[] = [];
      const inf = new Inflater((c) => out.push(c));
      for (let i = 0; i < comp.length; i += chunk) inf.push(comp.subarray(i, i + chunk));
      inf.end();
      expect(inf.error).toBeUndefined();
      expect(Buffer.concat(out).equals(Buffer.from(data))).toBe(true);
    }), { numRuns: 120 });
  });

  test('corrupt streams end in an error or output, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (junk) => {
      const inf = new Inflater(() => undefined);
      inf.push(junk);
      inf.end();
      expect(inf.done || inf.error !== undefined).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('bounded memory', () => {
  test('a 512 MiB torch zip streams through the scanner without keeping its bytes', () => {
    const { parts, size } = streamedTorchZip(4, 128 * 1024 * 1024);
    const before = process.memoryUsage();
    const s = createFileScanner({ path: 'pytorch_model.bin', size, tail: tailOf(parts, size, 65558) });
    for (const c of streamParts(parts)) s.push(c);
    const o = s.end();
    const after = process.memoryUsage();
    expect(o.formats).toEqual(['zip', 'pytorch-zip']);
    expect(o.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(o.complete).toBe(true);
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(64 * 1024 * 1024);
  });
});
