// The scan outcome is a function of the bytes alone: every fixture of the chunk-ownership corpus (every format the
// file scanner and its plugins read, every container and decoder path, the text capture and the analyzers behind it)
// gives, pushed in ONE piece, exactly the outcome (and captured text) it gives pushed in chunks of 1, 2, 3, 7, 4096
// and 65536 bytes and in random splits — every chunk copied into one reused buffer poisoned after each push, as the
// verified download delivers them. chunk-ownership.test.ts compares fresh with borrowed chunks of the SAME size; this
// compares every chunking with one push, which is what catches decisions taken at a chunk boundary. Below, the
// divergences the fuzz benchmark (bench/fuzz.ts) found, each named after what it closed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runContentChecks } from '../../src/checks/content/index.js';
import { TextCapture } from '../../src/review/capture.js';
import { createFileScanner, HEAD_BYTES } from '../../src/scan/file-scanner.js';
import { matPlugin } from '../../src/scan/formats/matlab.js';
import type { ScanOutcome, StreamScanner } from '../../src/scan/types.js';
import { CHUNK_FIXTURES, type CorpusOptions } from './support/chunk-corpus.js';
import { loadAnalyzers } from '../../src/checks/content/analyzers.js';

// The content checks below are called directly (synchronously): load the analyzers they reach first.
await loadAnalyzers();

const TAIL = 65558;

/** mulberry32: a failing split names its seed. */
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

/** Pushes `bytes` into `s` through one reused buffer, poisoned after each push, in the sizes `size` gives. */
function pushBorrowed(s: StreamScanner, bytes: Uint8Array, size: () => number): ScanOutcome {
  const buf = new Uint8Array(1 << 17);
  for (let i = 0; i < bytes.length;) {
    const n = Math.min(bytes.length - i, buf.length, Math.max(1, size()));
    buf.set(bytes.subarray(i, i + n));
    s.push(buf.subarray(0, n));
    buf.fill(0xa5);
    i += n;
  }
  return s.end();
}

const key = (o: ScanOutcome): string => JSON.stringify(o, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** The outcome, plus the captured texts and the content checks' findings when the analyzers are on. */
function scan(bytes: Uint8Array, path: string, o: CorpusOptions, size?: () => number): string {
  const capture = o.analyzers ? new TextCapture() : undefined;
  const s = createFileScanner({ path, size: bytes.length, ...(o.tail === false ? {} : { tail: bytes.slice(Math.max(0, bytes.length - TAIL)) }) },
    capture ? { textAnalyzers: [capture.analyzer] } : {});
  let outcome: ScanOutcome;
  if (size) outcome = pushBorrowed(s, bytes, size);
  else {
    s.push(bytes.slice());
    outcome = s.end();
  }
  if (!capture) return key(outcome);
  const files = [{ path, size: bytes.length, formats: outcome.formats, complete: outcome.complete }];
  const texts = capture.paths().sort().map((p) => [p, capture.text(p)]);
  return `${key(outcome)}\n${JSON.stringify(texts)}\n${JSON.stringify(runContentChecks({ files, text: (p) => capture.text(p), captured: () => capture.paths(), skipped: () => capture.skipped() }))}`;
}

/** Every chunking of `bytes` against one push; returns the chunkings that differ (empty when invariant). */
function divergences(bytes: Uint8Array, path: string, o: CorpusOptions = {}, seed = 1): string[] {
  const one = scan(bytes, path, o);
  const bad: string[] = [];
  for (const n of [1, 2, 3, 7, 4096, 65536]) if (scan(bytes, path, o, () => n) !== one) bad.push(`chunks of ${n}`);
  for (let k = 0; k < 2; k++) {
    const r = rng(seed * 31 + k);
    if (scan(bytes, path, o, () => (r() < 0.5 ? 1 + Math.floor(r() * 16) : 1 + Math.floor(r() * 70_000))) !== one) bad.push(`random split ${seed * 31 + k}`);
  }
  return bad;
}

const fuzzFile = (name: string): Uint8Array => new Uint8Array(readFileSync(join('__tests__', 'fixtures', 'fuzz', name)));

describe('one push and every chunking give the same outcome (the whole chunk-ownership corpus)', () => {
  test('the corpus reaches every kind of stream: containers, decoders, plugins, text analyzers, past the head', () => {
    const paths = CHUNK_FIXTURES.map(([, p]) => p);
    for (const ext of ['.npz', '.npy', '.tar', '.gz', '.bz2', '.xz', '.lzma', '.lz4', '.zst', '.joblib', '.h5', '.keras', '.onnx', '.gguf', '.safetensors', '.json', '.py', '.mat', '.tflite', '.msgpack', '.tfrecord', '.ubj']) {
      expect(paths.some((p) => p.endsWith(ext))).toBe(true);
    }
    expect(CHUNK_FIXTURES.filter(([, , b]) => b.length > HEAD_BYTES).length).toBeGreaterThanOrEqual(20);
    expect(CHUNK_FIXTURES.filter(([, , , o]) => o?.analyzers).length).toBeGreaterThanOrEqual(2);
  });

  test.each(CHUNK_FIXTURES.map(([name, path, bytes, o], i) => [name, path, bytes, o ?? {}, i] as const))('%s', (_name, path, bytes, o, i) => {
    expect(divergences(bytes, path, o, i + 1)).toEqual([]);
  });
});

describe('divergences the fuzz benchmark found', () => {
  // The head was "whatever had been pushed when 64 KiB was reached": one push sniffed the whole file, small chunks
  // 64 KiB and a bit. Formats, the pickle probe's reach and extension mismatches followed the chunking.
  test.each([
    ['head-divergence-zip-zip.prepended-data.bin', 'model.zip'],
    ['head-divergence-tar-file.unknown-binary.bin', 'model.tar'],
    ['head-divergence-pickle-file.unknown-binary.bin', 'model.pkl'],
    ['head-divergence-msgpack-file.unknown-binary.bin', 'flax_model.msgpack'],
    ['head-divergence-protobuf-file.extension-mismatch.bin', 'model.onnx'],
    ['head-divergence-zip-zip.bad-local-header.bin', 'mobilenet_v3_small_model.pt']
  ])('the sniffed head is exactly the first 64 KiB however the bytes are pushed (%s as %s)', (file, path) => {
    const bytes = fuzzFile(file);
    expect(bytes.length).toBeGreaterThan(HEAD_BYTES);
    expect(divergences(bytes, path)).toEqual([]);
  });

  // The zip router added findings and nested outcomes when they happened: a hidden-data gap is closed by the next
  // gap or the end, members finish when their last byte arrives, so their order (findings, details.members) moved
  // with the chunk boundaries. They are now put in archive order (offset, then reading).
  test.each([
    ['zip-gap-order.bin', 'model.zip'],
    ['zip-gap-order-torch.bin', 'mobilenet_v3_small_model.pt']
  ])('zip findings and member outcomes are in archive order, not in the order pushes finish them (%s as %s)', (file, path) => {
    const bytes = fuzzFile(file);
    expect(scan(bytes, path, {})).toMatch(/zip\.(hidden-data|prepended-data)/);
    expect(divergences(bytes, path)).toEqual([]);
  });

  // A corrupt .lzma stream: output decoded since the last flush was dropped when the decoder failed, and the last
  // flush was where the previous push ended, so the nested pickle saw more or fewer bytes by chunking.
  test('a corrupt .lzma stream hands on everything decoded before the failure, however it was pushed', () => {
    const bytes = fuzzFile('lzma-truncated.bin');
    expect(scan(bytes, 'model.pkl.lzma', {})).toContain('compression.');
    expect(divergences(bytes, 'model.pkl.lzma')).toEqual([]);
  });

  // Feeder.take(0) read queue[0] of an empty queue: an empty MATLAB name threw when a chunk boundary fell just
  // before it, and the file was reported unexamined only when chunked.
  test('a zero-byte read in the Feeder does not depend on a chunk boundary (MATLAB v5, an empty name)', () => {
    const [, path, bytes] = CHUNK_FIXTURES.find(([n]) => n.startsWith('matlab v5')) as [string, string, Uint8Array];
    const whole = matPlugin.create({ path, size: bytes.length }, {}, (c, o) => createFileScanner(c, o));
    whole.push(bytes);
    const one = key(whole.end());
    expect(one).not.toContain('internal-error');
    for (const n of [1, 2, 3, 5, 8]) {
      const s = matPlugin.create({ path, size: bytes.length }, {}, (c, o) => createFileScanner(c, o));
      expect({ n, o: key(pushBorrowed(s, bytes, () => n)) }).toEqual({ n, o: one });
    }
  });

  // A late HDF5 signature split across pushes was handed to the Keras scanner from the chunk's end (subarray of a
  // negative offset): the scanner saw the wrong bytes and reported the config at a shifted offset.
  test('an HDF5 superblock signature split across pushes is read from its first byte', () => {
    const [, path, bytes] = CHUNK_FIXTURES.find(([n]) => n.startsWith('hdf5 superblock at 256 KiB')) as [string, string, Uint8Array];
    const one = scan(bytes, path, {});
    expect(one).toContain('hdf5.late-superblock');
    expect(one).toContain('keras.lambda');
    for (const n of [3, 5, 6, 7]) expect({ n, o: scan(bytes, path, {}, () => n) }).toEqual({ n, o: one });
  });
});

describe('bounded work the fuzz benchmark asked for', () => {
  // 2,700 chained REDUCEs: each pickle.call.indirect finding described the whole chain, so the text (and the time)
  // grew with the square of the chain.
  test('a chain of REDUCE calls is described in bounded text, and still blocks', () => {
    const s = createFileScanner({ path: 'sklearn_model.pkl' });
    s.push(fuzzFile('pickle-reduce-chain.bin'));
    const o = s.end();
    const chained = o.findings.filter((f) => f.check === 'pickle.call.indirect');
    expect(chained.length).toBeGreaterThan(0);
    expect(chained.some((f) => f.severity === 'high')).toBe(true);
    expect(Math.max(...o.findings.map((f) => f.message.length))).toBeLessThan(400);
    expect(chained.some((f) => f.message.includes('a chain of more than 3 calls starting at numpy.dtype'))).toBe(true);
  });
});
