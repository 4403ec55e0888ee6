// The format plugins (src/scan/formats/): every format a library writes is read, judged and never "unknown binary".
// Expected answers come from the writers: files in __tests__/fixtures/real/ (written by the libraries themselves) and
// __tests__/fixtures/formats/ (written by onnx.helper, protoc, flatc, python3-msgpack and scipy from
// scripts/fixtures/formats/generate.py); hand-built bytes only where no writer exists here, checked against a
// published value (the CRC-32C check value) or a corpus file they are derived from.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdictOf } from '../../src/core/findings.js';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import { crc32c, maskCrc } from '../../src/scan/formats/crc32c.js';
import { markExternalData } from '../../src/scan/formats/external-data.js';
import { judgeLocation } from '../../src/scan/formats/external-path.js';
import { FORMAT_PLUGINS } from '../../src/scan/formats/index.js';
import { createTfliteScanner } from '../../src/scan/formats/tflite.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { contextOf, examineReal, loadManifest, readFixture } from '../../scripts/fixtures/real-verdicts.js';
import { cat, checks, enc, evilPickle, safetensors, scanBytes, torchZip, u32 } from './support/fixtures.js';

const REAL = join('__tests__', 'fixtures', 'real');
const FORMATS = join('__tests__', 'fixtures', 'formats');
const real = (p: string): Uint8Array => new Uint8Array(readFileSync(join(REAL, p)));
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(join(FORMATS, p)));
const verdict = (o: ScanOutcome): string => (o.complete ? verdictOf(o.findings) : 'rejected');
const severities = (o: ScanOutcome, check: string): string[] => o.findings.filter((f) => f.check === check).map((f) => f.severity);
const u64 = (n: number): Uint8Array => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(n), true); return b; };

function record(data: Uint8Array): Uint8Array {
  const len = u64(data.length);
  return cat(len, u32(maskCrc(crc32c(len))), data, u32(maskCrc(crc32c(data))));
}

describe('recognised by content: each library-written file gets its format and the reviewer\'s verdict', () => {
  test.each([
    ['onnx/mlp.onnx', 'onnx'], ['onnx/torch_export.onnx', 'onnx'], ['onnx/local_function.onnx', 'onnx'], ['onnx/linear_classifier_ml.onnx', 'onnx'],
    ['tensorboard/run1/events.out.tfevents.1700000000.fixtures.1.0', 'tensorboard-events'], ['msgpack/flax_model.msgpack', 'msgpack'],
    ['msgpack/flax_train_state.msgpack', 'msgpack'], ['xgboost/model.ubj', 'xgboost-ubj'], ['xgboost/model_raw.ubj', 'xgboost-ubj'],
    ['xgboost/model.bin', 'xgboost-binary'], ['fasttext/model.bin', 'fasttext'], ['fasttext/classifier.bin', 'fasttext'],
    ['gensim/vectors.bin', 'word2vec'], ['scipy/weights.mat', 'matlab'], ['scipy/weights_v4.mat', 'matlab']
  ])('%s → %s, approved, at any chunking', (path, format) => {
    const bytes = real(path);
    for (const chunk of [1, 7, 1 << 20]) {
      const o = scanBytes(bytes, path.split('/').pop() ?? path, { chunk });
      expect(o.formats).toContain(format);
      expect(o.formats).not.toContain('unknown-binary');
      expect({ path, chunk, verdict: verdict(o), findings: o.findings.filter((f) => f.severity !== 'info') }).toEqual({ path, chunk, verdict: 'approved', findings: [] });
    }
  });

  test('SentencePiece protobufs are read as ONNX and TensorFlow too, and labelled neither', () => {
    for (const p of ['sentencepiece/tokenizer.model', 'sentencepiece/bpe.model']) {
      const o = scanBytes(real(p), 'tokenizer.model');
      expect(o.formats).toEqual(['protobuf']);
      expect(verdict(o)).toBe('approved');
    }
  });

  test('each plugin claims its own fixtures and no other plugin claims them (but protobuf readings, which claim any protobuf)', () => {
    const cases: [Uint8Array, string][] = [
      [real('onnx/mlp.onnx'), 'onnx'], [real('tensorboard/run2/events.out.tfevents.1700000001.fixtures.2.0'), 'tfrecord'],
      [real('msgpack/flax_bf16.msgpack'), 'msgpack'], [real('xgboost/model.ubj'), 'xgboost-ubj'], [real('xgboost/model.bin'), 'xgboost-binary'],
      [real('fasttext/model.bin'), 'fasttext'], [real('gensim/vectors.bin'), 'word2vec'], [real('scipy/weights.mat'), 'matlab'],
      [real('scipy/weights_v4.mat'), 'matlab'], [fixture('tflite/benign_add.tflite'), 'tflite'], [fixture('tf/saved_model_benign.pb'), 'onnx'],
      [real('numpy/arrays.npz'), ''], [real('xgboost/model.json'), ''], [real('gensim/vectors.txt'), ''], [evilPickle(), ''],
      [safetensors({ w: { dtype: 'F32', shape: [20_000], bytes: 80_000 } }, { format: 'pt' }), ''], [torchZip({ tensors: 2, numel: 16 }), '']
    ];
    for (const [bytes, want] of cases) {
      const head = bytes.subarray(0, 65536);
      const claimed = FORMAT_PLUGINS.filter((p) => p.claims(head, { path: 'x', size: bytes.length, tail: bytes })).map((p) => p.format);
      expect(claimed).toEqual(want ? [want] : []);
    }
  });
});

describe('ONNX', () => {
  test.each([
    ['traversal-leading.onnx', 'critical', 'CVE-2022-25882'], ['traversal-nested.onnx', 'critical', 'CVE-2024-27318'],
    ['absolute.onnx', 'critical', 'CVE-2022-25882'], ['windows-drive.onnx', 'critical', 'CVE-2022-25882'], ['windows-unc.onnx', 'critical', 'CVE-2022-25882'],
    ['windows-backslash-traversal.onnx', 'critical', 'CVE-2022-25882'], ['ort-memory.onnx', 'critical', '_ORT_MEM_ADDR_'],
    ['traversal-in-if-subgraph.onnx', 'critical', 'CVE-2022-25882'], ['big-then-traversal.onnx', 'critical', 'CVE-2022-25882']
  ])('external data %s (written by onnx.helper) is %s, named %s', (file, severity, named) => {
    for (const chunk of [7, 4096, 1 << 20]) {
      const o = scanBytes(fixture(`onnx/${file}`), `models/${file}`, { chunk });
      const f = o.findings.find((x) => x.check === 'onnx.external-data.traversal');
      expect({ chunk, severity: f?.severity, named: f?.message.includes(named) }).toEqual({ chunk, severity, named: true });
    }
  });

  test('a plain relative location stays approved and names the file the model reads', () => {
    const o = scanBytes(fixture('onnx/benign-external.onnx'), 'models/m.onnx');
    expect(verdict(o)).toBe('approved');
    expect(o.details?.onnx).toMatchObject({ externalData: [{ tensor: 'W', location: 'weights/model.onnx_data', path: 'models/weights/model.onnx_data' }] });
  });

  test('external_data keys outside the spec (CVE-2026-34445) and custom domains', () => {
    expect(severities(scanBytes(fixture('onnx/unknown-external-key.onnx'), 'm.onnx'), 'onnx.external-data.unknown-key')).toEqual(['high']);
    const custom = scanBytes(fixture('onnx/custom-domain.onnx'), 'm.onnx');
    expect(severities(custom, 'onnx.custom-domain')).toEqual(['medium']);
    expect(custom.findings[0]?.message).toContain('com.example.customops');
    // a model-local function's domain is defined by the model itself (written by onnx.helper, real corpus)
    expect(checks(scanBytes(real('onnx/local_function.onnx'), 'm.onnx'))).toEqual([]);
  });

  test.each([
    ['weights.bin', undefined, 'd/weights.bin'], ['./a/./b.bin', undefined, 'd/a/b.bin'], ['a/../b.bin', 'high', undefined],
    ['../x', 'critical', undefined], ['a/../../x', 'critical', undefined], ['a\\..\\..\\x', 'critical', undefined], ['/etc/passwd', 'critical', undefined],
    ['C:x', 'critical', undefined], ['\\\\?\\C:\\x', 'critical', undefined], ['\\x', 'critical', undefined], ['~/.ssh/id_rsa', 'high', undefined],
    ['w.bin\u0000../../x', 'high', undefined], ['file.bin:stream', 'high', undefined], ['', 'high', undefined], ['.', 'high', undefined]
  ])('location %j → %s', (loc, severity, resolved) => {
    const j = judgeLocation(enc(loc), 'd/model.onnx');
    expect({ severity: j.severity, resolved: j.severity ? undefined : j.resolved }).toEqual({ severity, resolved });
  });

  test('protobuf nesting deeper than protobuf parsers allow fails closed', () => {
    // ModelProto.graph → GraphProto.node → NodeProto.attribute → AttributeProto.g → GraphProto …: 3 messages a level
    const msg = (field: number, body: Uint8Array): Uint8Array => cat([(field << 3) | 2, ...varint(body)], body);
    let graph: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 40; i++) graph = msg(1, msg(5, msg(6, graph)));
    const o = scanBytes(cat([0x08, 0x08], msg(8, Uint8Array.of(0x10, 0x0d)), msg(7, graph)), 'deep.onnx');
    expect(o.complete).toBe(false);
    expect(checks(o)).toContain('onnx.invalid');
    expect(o.findings.find((f) => f.check === 'onnx.invalid')?.message).toContain('nested more than 100');
  });

  test('the external data files of a model in the same review are raw tensor bytes; alone they stay unknown', async () => {
    const manifest = loadManifest();
    for (const p of ['onnx/external/model.onnx_data', 'onnx/external_per_tensor/W', 'onnx/external_per_tensor/B']) {
      const file = manifest.files.find((f) => f.path === p);
      if (!file) throw new Error(`no ${p} in the manifest`);
      const alone = await examineReal(p, readFixture(file));
      expect(alone.verdict).toBe('rejected');
      const together = await examineReal(p, readFixture(file), Infinity, contextOf(manifest, file));
      expect({ p, verdict: together.verdict, formats: together.formats }).toEqual({ p, verdict: 'approved', formats: ['onnx-external-data'] });
    }
  });

  test('a pickle named as external data keeps its own findings', () => {
    const files = [
      { path: 'm/model.onnx', formats: ['protobuf', 'onnx'], findings: [] },
      { path: 'm/model.onnx_data', formats: ['pickle'], findings: [{ check: 'pickle.global.dangerous', severity: 'critical' as const, message: 'os.system' }] },
      { path: 'm/other.bin', formats: ['unknown-binary'], findings: [{ check: 'file.unknown-binary', severity: 'high' as const, message: 'x' }] }
    ];
    const details = { onnx: { externalData: [{ tensor: 'W', location: 'model.onnx_data', path: 'm/model.onnx_data' }] } };
    const out = markExternalData(files, (p) => (p === 'm/model.onnx' ? details : undefined));
    expect(out[1]?.findings.map((f) => f.check)).toEqual(['pickle.global.dangerous', 'onnx.external-data']);
    expect(out[1]?.formats).toEqual(['pickle']);
    expect(out[2]).toBe(files[2]);
  });
});

function varint(b: Uint8Array | number): number[] {
  let n = typeof b === 'number' ? b : b.length;
  const out: number[] = [];
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  out.push(n);
  return out;
}

describe('TensorFlow SavedModel and GraphDef (encoded by protoc from TensorFlow\'s field numbers)', () => {
  test.each([
    ['saved_model_eager_py_func.pb', 'tf.python-op', 'high'], ['saved_model_read_file.pb', 'tf.file-op', 'high'],
    ['saved_model_print_to_file.pb', 'tf.file-op', 'high'], ['saved_model_restore_outside.pb', 'tf.file-path', 'high'],
    ['saved_model_custom_op.pb', 'tf.custom-op', 'medium'], ['frozen_graph_write_file.pb', 'tf.file-op', 'high']
  ])('%s → %s (%s)', (file, check, severity) => {
    const o = scanBytes(fixture(`tf/${file}`), 'saved_model.pb', { chunk: 5 });
    expect(severities(o, check)).toEqual([severity]);
  });

  test('a SavedModel with variables and the standard checkpoint ops is approved and labelled', () => {
    const o = scanBytes(fixture('tf/saved_model_benign.pb'), 'saved_model.pb');
    expect(o.formats).toEqual(['protobuf', 'tf-savedmodel']);
    expect(verdict(o)).toBe('approved');
    expect(scanBytes(fixture('tf/frozen_graph_write_file.pb'), 'frozen.pb').formats).toEqual(['protobuf', 'tf-graphdef']);
  });
});

describe('TF Lite (built by flatc from the schema\'s field ids)', () => {
  test.each([
    ['benign_add.tflite', undefined, 'approved'], ['custom_op.tflite', 'tflite.custom-op', 'needs-review'],
    ['flex_read_file.tflite', 'tflite.flex-op', 'rejected'], ['flex_py_func.tflite', 'tflite.flex-python-op', 'rejected'],
    ['unknown_builtin.tflite', 'tflite.unknown-builtin', 'needs-review'], ['bad_opcode_index.tflite', 'tflite.invalid', 'rejected']
  ])('%s → %s, %s', (file, check, want) => {
    for (const chunk of [1000, 65536, 1 << 20]) {
      const o = scanBytes(fixture(`tflite/${file}`), 'model.tflite', { chunk });
      expect({ chunk, formats: o.formats, checks: checks(o), verdict: verdict(o) }).toEqual({ chunk, formats: ['tflite'], checks: check ? [check] : [], verdict: want });
    }
  });

  test('the 70 KB weight buffer is skipped, not kept, once its Buffer table has arrived', () => {
    // Directly, in 4 KiB pieces (the file scanner hands over its 64 KiB head first, which is kept).
    const bytes = fixture('tflite/benign_add.tflite');
    const s = createTfliteScanner({ path: 'model.tflite', size: bytes.length }, {});
    for (let i = 0; i < bytes.length; i += 4096) s.push(bytes.slice(i, i + 4096));
    const o = s.end();
    expect(verdict(o)).toBe('approved');
    expect((o.details?.tflite as { structureBytes: number }).structureBytes).toBeLessThan(8192);
  });
});

describe('TFRecord / TensorBoard', () => {
  test('CRC-32C matches the published check value', () => {
    expect(crc32c(enc('123456789'))).toBe(0xe3069283);
  });

  test('a record whose data checksum does not match fails closed; a cut last record is reported', () => {
    const good = real('tensorboard/run1/events.out.tfevents.1700000000.fixtures.1.0');
    const bad = good.slice();
    bad[40] = (bad[40] as number) ^ 0xff;
    const o = scanBytes(bad, 'events.out.tfevents.1');
    expect({ complete: o.complete, checks: checks(o) }).toEqual({ complete: false, checks: ['tfrecord.invalid'] });
    const cut = scanBytes(good.subarray(0, good.length - 5), 'events.out.tfevents.1');
    expect({ complete: cut.complete, severities: severities(cut, 'tfrecord.truncated') }).toEqual({ complete: true, severities: ['low'] });
  });

  test('records built with the same framing read back (a TFRecord of Examples is labelled tfrecord only)', () => {
    const o = scanBytes(cat(record(enc('\x0a\x02hi')), record(new Uint8Array(100_000).fill(7))), 'data.tfrecord', { chunk: 999 });
    expect({ formats: o.formats, verdict: verdict(o), records: (o.details?.tfrecord as { records: number }).records }).toEqual({ formats: ['tfrecord'], verdict: 'approved', records: 2 });
  });
});

describe('msgpack / flax', () => {
  test('flax ext payloads flax cannot decode need review; bytes after the document block', () => {
    expect(severities(scanBytes(fixture('msgpack/flax_object_dtype.msgpack'), 'a.msgpack'), 'flax.array')).toEqual(['medium']);
    expect(severities(scanBytes(fixture('msgpack/flax_size_mismatch.msgpack'), 'a.msgpack'), 'flax.array')).toEqual(['medium']);
    expect(verdict(scanBytes(fixture('msgpack/trailing_pickle.msgpack'), 'a.msgpack'))).toBe('rejected');
    const big = fixture('msgpack/flax_big.msgpack');
    const trailing = scanBytes(cat(big, [0x80]), 'flax_model.msgpack', { chunk: 4096 });
    expect({ complete: trailing.complete, checks: checks(trailing) }).toEqual({ complete: false, checks: ['msgpack.invalid'] });
  });

  test('nesting past msgpack\'s 1024-deep stack, 0xc1 and invalid UTF-8 fail closed', () => {
    const deep = cat([0x81, 0xa1, 0x61], new Uint8Array(1100).fill(0x91), [0x01]);
    for (const bytes of [deep, cat([0x82, 0xa1, 0x61, 0x01, 0xa1, 0x62, 0xc1]), cat([0x81, 0xa2, 0xff, 0xfe, 0x01])]) {
      const o = scanBytes(bytes, 'a.msgpack');
      expect({ formats: o.formats, verdict: verdict(o) }).toEqual({ formats: expect.any(Array), verdict: 'rejected' });
    }
  });
});

describe('XGBoost UBJSON and legacy binary', () => {
  const ubj = (...parts: (string | number[])[]): Uint8Array => cat(...parts.map((p) => (typeof p === 'string' ? enc(p) : p)));
  const L = (n: number): number[] => [0x4c, 0, 0, 0, 0, 0, 0, (n >> 8) & 0xff, n & 0xff];
  test('a string longer than the file (xgboost 1.7 would copy past its buffer) fails closed', () => {
    const o = scanBytes(ubj('{', L(7), 'learner', 'S', L(5000), 'short', '}'), 'model.ubj');
    expect({ complete: o.complete, checks: checks(o) }).toEqual({ complete: false, checks: ['xgboost.invalid'] });
  });
  test('well-formed UBJSON with typed arrays and counts is approved; a count the file cannot hold is not', () => {
    const floats = new Uint8Array(4 * 30_000);
    const ok = ubj('{', L(1), 'a', '[$d#', L(30_000), [...floats], L(1), 'b', '[#', [0x55, 2], 'i', [1], 'T', L(1), 'c', '{}', '}');
    expect(verdict(scanBytes(ok, 'model.ubj', { chunk: 333 }))).toBe('approved');
    const lie = ubj('{', L(1), 'a', '[$d#', L(60_000), [...floats], '}');
    expect(checks(scanBytes(lie, 'model.ubj'))).toEqual(['xgboost.invalid']);
  });
  test('the legacy binary model cut short or followed by bytes fails closed', () => {
    const bin = real('xgboost/model.bin');
    expect(checks(scanBytes(bin.subarray(0, 700), 'model.bin'))).toEqual(['xgboost.invalid']);
    expect(checks(scanBytes(cat(bin, evilPickle()), 'model.bin'))).toContain('xgboost.invalid');
  });
});

describe('fastText, word2vec and MATLAB', () => {
  test('fastText and word2vec files cut short or with bytes appended fail closed', () => {
    for (const [p, check] of [['fasttext/model.bin', 'fasttext.invalid'], ['gensim/vectors.bin', 'word2vec.invalid']] as const) {
      const b = real(p);
      expect(checks(scanBytes(b.subarray(0, b.length - 3), 'x.bin'))).toContain(check);
      expect(checks(scanBytes(cat(b, enc('extra bytes')), 'x.bin'))).toContain(check);
    }
  });

  test('MATLAB: compressed structs and cells (scipy.io.savemat) are approved, a function handle needs review', () => {
    expect(verdict(scanBytes(fixture('matlab/compressed_struct_cell.mat'), 'x.mat', { chunk: 3 }))).toBe('approved');
    const header = real('scipy/weights.mat').subarray(0, 128);
    // miMATRIX: array flags (class 16, function), dims 1×1, name "f", then a nested struct element of 0 fields
    const sub = (type: number, data: number[]): number[] => [...u32(type), ...u32(data.length), ...data, ...new Array((8 - (data.length % 8)) % 8).fill(0)];
    const inner = [...sub(6, [2, 0, 0, 0, 0, 0, 0, 0]), ...sub(5, [1, 0, 0, 0, 1, 0, 0, 0]), ...sub(1, [0x66])];
    const body = [...sub(6, [16, 0, 0, 0, 0, 0, 0, 0]), ...sub(5, [1, 0, 0, 0, 1, 0, 0, 0]), ...sub(1, [0x66]), ...sub(14, inner)];
    const o = scanBytes(cat(header, u32(14), u32(body.length), body), 'handles.mat');
    expect({ verdict: verdict(o), checks: checks(o) }).toEqual({ verdict: 'needs-review', checks: ['matlab.function-handle'] });
  });
});

describe('the format readers never throw, hang or pass what they did not read', () => {
  const seeds: [string, Uint8Array][] = [
    ['m.onnx', fixture('onnx/traversal-nested.onnx')], ['saved_model.pb', fixture('tf/saved_model_read_file.pb')],
    ['events.out.tfevents.1', real('tensorboard/run2/events.out.tfevents.1700000001.fixtures.2.0')], ['f.msgpack', real('msgpack/flax_train_state.msgpack')],
    ['m.ubj', real('xgboost/model.ubj')], ['m.bin', real('xgboost/model.bin')], ['ft.bin', real('fasttext/classifier.bin')],
    ['v.bin', real('gensim/vectors.bin')], ['w.mat', fixture('matlab/compressed_struct_cell.mat')], ['w4.mat', real('scipy/weights_v4.mat')],
    ['m.tflite', fixture('tflite/custom_op.tflite').subarray(0, 70_400)]
  ];
  const run = (bytes: Uint8Array, path: string, chunk: number): ScanOutcome => {
    const s = createFileScanner({ path, size: bytes.length, tail: bytes.subarray(Math.max(0, bytes.length - 65558)) });
    for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.slice(i, i + chunk));
    return s.end();
  };
  test('mutated seeds (flips, cuts, splices) at random chunk sizes: well-formed outcomes, chunking-invariant', () => {
    fc.assert(fc.property(fc.constantFrom(...seeds),
      fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'cut', 'splice'), bytes: fc.uint8Array({ maxLength: 16 }) }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 5000 }),
      ([path, seed], muts, chunk) => {
        let b = seed;
        for (const m of muts) {
          const at = b.length ? m.at % b.length : 0;
          if (m.kind === 'flip') { b = b.slice(); b[at]! ^= 0xff; }
          else if (m.kind === 'cut') b = b.subarray(0, at);
          else b = cat(b.subarray(0, at), m.bytes, b.subarray(at));
        }
        const t = Date.now();
        const o = run(b, path, chunk);
        expect(Date.now() - t).toBeLessThan(5000);
        expect(o.findings.filter((f) => f.check === 'scan.internal-error')).toEqual([]);
        if (!o.complete) expect(o.findings.some((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
        expect(JSON.stringify(run(b, path, Math.max(1, chunk >> 3)))).toBe(JSON.stringify(o));
      }), { numRuns: 150 });
  });

  test('random bytes behind each format\'s opening bytes', () => {
    const opens = seeds.map(([p, s]) => [p, s.subarray(0, 24)] as const);
    fc.assert(fc.property(fc.constantFrom(...opens), fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 400 }), ([path, open], rest, chunk) => {
      const o = run(cat(open, rest), path, chunk);
      expect(o.findings.filter((f) => f.check === 'scan.internal-error')).toEqual([]);
      if (!o.complete) expect(o.findings.some((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
    }), { numRuns: 200 });
  });
});
