// The shapes real tools write must stay approved: torch zip data.pkl, legacy torch files, optimizer states, NumPy
// arrays in pickles, joblib/sklearn models. Every fixture is laid out byte by byte in ../../support/pickle-bytes.ts.
import {
  cat, JoblibWriter, joblibLogisticRegression, legacyTorchFile, numpyArrayPickle, PickleWriter, torchOptimizerState,
  torchStateDict, latin, type TensorSpec, writeDtype
} from '../../support/pickle-bytes.js';
import { checks, find, names, scan, verdict } from './helpers.js';

const tensors: TensorSpec[] = [
  { name: 'embed.weight', key: '0', shape: [16, 8] },
  { name: 'layers.0.attn.qkv.weight', key: '1', shape: [24, 8], storage: 'HalfStorage' },
  { name: 'layers.0.attn.qkv.bias', key: '2', shape: [24] },
  { name: 'layers.0.mlp.w', key: '3', shape: [2, 3, 4, 2] },
  { name: 'head.scale', key: '4', shape: [], parameter: true }
];

describe('torch checkpoints', () => {
  test('a torch.save state_dict data.pkl is approved and loads with weights_only', () => {
    const o = scan(torchStateDict(tensors), { torchDataPkl: true, path: 'archive/data.pkl' });
    expect(o.complete).toBe(true);
    expect(verdict(o)).toBe('approved');
    expect(o.details?.weightsOnly).toEqual({ loads: true });
    expect(names(o)).toEqual(['collections.OrderedDict', 'torch.FloatStorage', 'torch.HalfStorage', 'torch._utils._rebuild_parameter', 'torch._utils._rebuild_tensor_v2']);
    expect(find(o, 'pickle.weights-only')?.severity).toBe('info');
    expect(o.details?.pickles).toBe(1);
  });

  test('2,500 tensors: globals de-duplicated, calls counted, memo references resolve', () => {
    const many = Array.from({ length: 2500 }, (_v, i): TensorSpec => ({ name: `blocks.${i}.w`, key: String(i), shape: [4, 4] }));
    const o = scan(torchStateDict(many), { torchDataPkl: true });
    expect(verdict(o)).toBe('approved');
    expect(o.details?.calls).toBe(2500 * 2 + 2); // rebuild + OrderedDict() per tensor, plus the dict and _metadata
    const g = (o.details?.globals as { name: string; count: number }[]).find((x) => x.name === '_rebuild_tensor_v2');
    expect(g?.count).toBe(1); // memoized once, then BINGET
  });

  test('an Adam optimizer state is approved and loads with weights_only', () => {
    const o = scan(torchOptimizerState(), { torchDataPkl: true });
    expect(verdict(o)).toBe('approved');
    expect(o.details?.weightsOnly).toEqual({ loads: true });
  });

  test('a legacy (pre-1.6) torch file: five pickles, then raw storages skipped exactly, whatever their bytes', () => {
    // Storage bytes that look like a payload must not be read as opcodes: torch reads them raw.
    const evil = latin('cos\nsystem\n(S\'id\'\ntR.');
    const fill = (_k: string, n: number) => Uint8Array.from({ length: n }, (_v, i) => evil[i % evil.length] as number);
    const o = scan(legacyTorchFile(tensors, fill), {}, 7);
    expect(o.formats).toEqual(['pickle', 'torch-legacy']);
    expect(o.complete).toBe(true);
    expect(o.details?.pickles).toBe(5);
    expect(verdict(o)).toBe('approved');
    expect(o.details?.weightsOnly).toEqual({ loads: true });
  });

  test('a legacy torch file whose storage bytes are cut short fails closed', () => {
    const full = legacyTorchFile(tensors, (_k, n) => new Uint8Array(n));
    const o = scan(full.subarray(0, full.length - 3));
    expect(o.complete).toBe(false);
    expect(verdict(o)).toBe('rejected');
    expect(checks(o)).toContain('pickle.parse-error');
  });

  test('legacy mode can be forced by the caller (tar member `pickle`)', () => {
    const o = scan(legacyTorchFile(tensors, (_k, n) => new Uint8Array(n)), { mode: 'legacy-torch' });
    expect(o.formats).toContain('torch-legacy');
    expect(o.complete).toBe(true);
  });
});

describe('NumPy and joblib', () => {
  test('an ndarray pickled with protocol 2 (_codecs.encode bytes) is approved, and does not load under weights_only', () => {
    const data = Uint8Array.from({ length: 32 }, (_v, i) => (i * 91) & 0xff);
    const o = scan(numpyArrayPickle([2, 2], data), { torchDataPkl: true });
    expect(verdict(o)).toBe('approved');
    expect(o.details?.weightsOnly).toMatchObject({ loads: false, blockedBy: 'GLOBAL numpy.core.multiarray._reconstruct' });
  });

  test('an ndarray pickled with protocol 4 (frames, STACK_GLOBAL, BINBYTES) is approved', () => {
    const o = scan(numpyArrayPickle([3], new Uint8Array(24), 4));
    expect(o.complete).toBe(true);
    expect(verdict(o)).toBe('approved');
  });

  test('a joblib LogisticRegression: arrays skipped exactly, sklearn classes need review unless allowed', () => {
    const bytes = joblibLogisticRegression();
    const o = scan(bytes, {}, 13);
    expect(o.formats).toEqual(['pickle', 'joblib']);
    expect(o.complete).toBe(true);
    expect(verdict(o)).toBe('needs-review');
    expect(checks(o)).toEqual(['pickle.global.review']);
    const allowed = scan(bytes, { allow: ['sklearn.linear_model._logistic.LogisticRegression', 'joblib.numpy_pickle.NumpyArrayWrapper'] });
    expect(verdict(allowed)).toBe('approved');
  });

  test('joblib arrays written without alignment padding (joblib < 0.12) are skipped too', () => {
    const j = new JoblibWriter();
    j.w.emptyList().memoize().mark();
    j.array({ shape: [21], code: 'u1', itemsize: 1, data: latin('cos\nsystem\n(S\'id\'\ntR.') }, { aligned: false });
    j.array({ shape: [2, 2], code: 'u1', itemsize: 1 }, { aligned: false });
    j.w.appends().stop();
    const o = scan(j.w.bytesOut(), { allow: ['joblib.numpy_pickle.NumpyArrayWrapper'] });
    // joblib.load skips both arrays and reads the rest cleanly; pickle.load reads the first array's bytes as
    // opcodes, which call os.system (CPython's C unpickler does exactly that), and that reading is reported as such.
    expect(o.formats).toEqual(['pickle', 'joblib']);
    expect(o.complete).toBe(true);
    expect(o.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'pickle.global.dangerous: Pickle imports os.system: runs a process or arbitrary Python code (as pickle.load reads it, not joblib.load)'
    ]);
  });

  test('a joblib object array is a nested pickle in the stream, scanned like the rest', () => {
    const j = new JoblibWriter();
    j.array({ shape: [2], code: 'O8', itemsize: 8, objects: (w) => { w.global('numpy.core.multiarray', '_reconstruct'); w.none().none().tuple(2).reduce().stop(); } });
    j.w.stop();
    const o = scan(j.w.bytesOut(), { allow: ['joblib.numpy_pickle.NumpyArrayWrapper'] });
    expect(o.complete).toBe(true);
    expect(verdict(o)).toBe('approved');
    const bad = new JoblibWriter();
    bad.array({ shape: [1], code: 'O8', itemsize: 8, objects: (w) => { w.global('os', 'system'); w.str('id').tuple(1).reduce().stop(); } });
    bad.w.stop();
    const b = scan(bad.w.bytesOut());
    expect(find(b, 'pickle.global.dangerous')?.evidence).toMatch(/^GLOBAL os\.system @ 0x/);
  });

  test('a joblib wrapper whose array size cannot be known fails closed', () => {
    const w = new PickleWriter(4);
    w.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj().memoize();
    w.emptyDict().mark().str('shape').global('builtins', 'len').str('x').tuple(1).reduce().str('dtype');
    writeDtype(w, 'f8');
    w.setitems().build().stop();
    const o = scan(w.bytesOut());
    expect(o.complete).toBe(false);
    expect(find(o, 'pickle.joblib')?.severity).toBe('high');
  });
});

describe('plain Python data', () => {
  test('protocol 0 text pickles of dicts, lists, ints, floats and strings are approved', () => {
    const w = new PickleWriter(0);
    w.mark().raw('d').memoize().str('lr').float(0.5).setitem().str('steps').int(12).setitem();
    w.str('names').mark().raw('l').memoize().str('a\\b').append().str('ünï').append().setitem();
    w.str('big').raw('L123456789012345678901234567890L\n').setitem().str('hex').raw('I0x1F\n').setitem().stop();
    const o = scan(w.bytesOut(), {}, 3);
    expect(o.complete).toBe(true);
    expect(o.findings).toEqual([]);
  });

  test('every protocol, framed or not, same data: approved with no findings', () => {
    for (const proto of [0, 1, 2, 3, 4, 5]) {
      const w = new PickleWriter(proto);
      w.emptyDict().memoize();
      for (let i = 0; i < 50; i++) { w.str(`k${i}`).int(i * 1000003).setitem(); }
      w.str('t').mark().int(1).int(2).int(3).int(4).raw('t').setitem().stop();
      const o = scan(w.bytesOut());
      expect([proto, o.complete, o.findings]).toEqual([proto, true, []]);
    }
  });

  test('a string literal that merely starts like an opcode is not a nested pickle', () => {
    const w = new PickleWriter(2);
    w.mark();
    for (const s of ['classifier.weight', 'cpu', 'layer1.0.conv1.weight', 'I like c\nand i\n', 'Sentence\ncase', '(tuple', ']bracket']) w.str(s);
    w.bytes(cat(latin('\x80\x02'), Uint8Array.from({ length: 300 }, (_v, i) => (i * 7919) & 0xff)));
    w.raw('l').stop();
    const o = scan(w.bytesOut());
    expect(verdict(o)).toBe('approved');
    expect(checks(o)).not.toContain('pickle.nested');
  });
});
