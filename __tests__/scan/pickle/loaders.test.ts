// Where each loader starts and goes on reading: FRAME and stacked pickles as CPython's C unpickler (on io.BytesIO
// and on a buffered file) and its Python unpickler read them — CPython itself is the oracle, through a recording
// find_class that never imports — and joblib's arrays as joblib.load reads them (joblib/numpy_pickle.py), with
// files that lie about them.
import { readFileSync } from 'node:fs';
import { callPickle, cat, JoblibWriter, latin, PickleWriter, u64le, writeDtype } from '../../support/pickle-bytes.js';
import { cpythonGlobals } from './oracle.js';
import { checks, find, names, scan, verdict } from './helpers.js';

const system = (proto = 2): Uint8Array => callPickle('os', 'system', ['id'], proto);
const body = (p: Uint8Array): Uint8Array => (p[0] === 0x80 ? p.subarray(2) : p);
const frame = (n: number): Uint8Array => cat([0x95], u64le(n));

/** Every global any CPython reading resolves must be one the VM reports (and the file must be rejected). */
function agreesWithCPython(streams: Uint8Array[]): void {
  const oracle = cpythonGlobals(streams);
  streams.forEach((s, i) => {
    const o = scan(s, {}, 13);
    const want = new Set(Object.values(oracle[i] as object).flatMap((runs: { globals: string[] }[]) => runs.flatMap((r) => r.globals)));
    expect({ case: i, missing: [...want].filter((g) => !names(o).includes(g)) }).toEqual({ case: i, missing: [] });
    if (want.has('os.system')) expect(verdict(o)).toBe('rejected');
  });
}

describe('FRAME and stacked pickles, read where each CPython reader reads', () => {
  test('a STOP inside its frame: the next pickle is read after STOP (peeking reader) and at the frame end (buffering reader)', () => {
    const junk = latin('cbenign\nthing\n.');
    const s = cat([0x80, 4], frame(2 + junk.length), latin('N.'), junk, system(0));
    const oracle = cpythonGlobals([s])[0];
    expect(oracle?.c_bytesio.flatMap((r) => r.globals)).toEqual(['os.system']);
    expect(oracle?.c_file.flatMap((r) => r.globals)).toEqual(['benign.thing', 'os.system']);
    const o = scan(s);
    expect(find(o, 'pickle.frame')?.message).toMatch(/STOP at 0xc ends a pickle 15 bytes before the end of its frame/);
    expect(names(o)).toEqual(['benign.thing', 'os.system']);
  });

  test('the frame-end reading finds what only a buffering reader (torch.load of a zip member: io.BytesIO) loads', () => {
    // After STOP, inside the frame: a BINBYTES that swallows the frame end and the payload, for the peeking reader.
    const hidden = body(system(2));
    const after = cat([0x42], Uint8Array.of(hidden.length + 1, 0, 0, 0));
    const s = cat([0x80, 4], frame(2 + after.length), latin('N.'), after, hidden, latin('.'));
    agreesWithCPython([s]);
    expect(names(scan(s))).toEqual(['os.system']);
  });

  test('opcodes crossing a frame end, frames inside frames, frames past the data: every CPython reading is covered', () => {
    const p = body(system(2));
    agreesWithCPython([
      cat([0x80, 4], frame(5), p),
      cat([0x80, 4], frame(20), frame(3), latin('N0N.'), p.subarray(0, 8), new Uint8Array(0)),
      cat([0x80, 4], frame(3), [0x8c, 3], latin('abc'), latin('.'), system(0)),
      cat([0x80, 4], frame(4), latin('N.'), latin('N.'), system(2)),
      cat(system(4), system(4)),
      cat([0x80, 4], frame(p.length + 1), p, latin('.'), frame(2), latin('N.'))
    ]);
  });
});

/** A joblib file whose one array is `data` (float64 by default), then `tail` before the closing STOP. */
function joblibWith(opts: { code?: string; shape?: number[]; data?: Uint8Array; objects?: (w: PickleWriter) => void; tail?: Uint8Array; aligned?: boolean }): Uint8Array {
  const j = new JoblibWriter();
  j.w.emptyList().memoize().mark();
  j.array({ shape: opts.shape ?? [2], code: opts.code ?? 'f8', itemsize: 8, ...(opts.data ? { data: opts.data } : {}), ...(opts.objects ? { objects: opts.objects } : {}) }, { aligned: opts.aligned ?? true });
  if (opts.tail) j.w.unframedRaw(opts.tail);
  j.w.appends().stop();
  return j.w.bytesOut();
}

const payload = latin("0cos\nsystem\n(S'id'\ntR0"); // POP the array, call os.system, POP the result

describe('joblib arrays: skipped exactly where joblib reads them, by numpy\'s length', () => {
  test('what follows an array is read, and it is what joblib.load runs', () => {
    const o = scan(joblibWith({ tail: payload }));
    expect(o.formats).toEqual(['pickle', 'joblib']);
    expect(find(o, 'pickle.global.dangerous')?.message).toMatch(/os\.system.*\(as joblib\.load reads it\)$/);
    expect(verdict(o)).toBe('rejected');
  });

  test('the length comes from shape × itemsize, never from a length the pickle states', () => {
    // A state that also claims 'nbytes' and 'size' changes nothing: joblib reads prod(shape) × itemsize.
    const w = new PickleWriter(2);
    w.emptyList().memoize().mark();
    w.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj().memoize();
    w.emptyDict().memoize().mark().str('shape').int(3).tuple(1).str('dtype');
    writeDtype(w, 'f4');
    w.str('order').str('C').str('nbytes').int(1000).str('size').int(1).setitems().build();
    w.raw(new Uint8Array(12)).raw(payload).appends().stop();
    const o = scan(w.bytesOut());
    expect(o.details?.joblibReads).toEqual([{ start: expect.any(Number) as number, end: expect.any(Number) as number, objects: false }]);
    const r = (o.details?.joblibReads as { start: number; end: number }[])[0] as { start: number; end: number };
    expect(r.end - r.start).toBe(12);
    expect(names(o)).toContain('os.system');
  });

  test('a wrapper of the same name from another module is not joblib\'s: nothing is skipped', () => {
    const w = new PickleWriter(2);
    w.global('evil.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj().memoize();
    w.emptyDict().memoize().mark().str('shape').int(100).tuple(1).str('dtype');
    writeDtype(w, 'u1');
    w.setitems().build().raw(payload).stop();
    const o = scan(w.bytesOut());
    expect(o.formats).toEqual(['pickle']);
    expect(names(o)).toContain('os.system');
    expect(o.details?.joblibReads).toBeUndefined();
  });

  test('a wrapper that is never BUILT reads nothing; one BUILT with a state joblib cannot use stops joblib.load', () => {
    const unbuilt = new PickleWriter(2);
    unbuilt.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj().raw(payload).stop();
    expect(names(scan(unbuilt.bytesOut()))).toContain('os.system');
    const fake = new PickleWriter(2);
    fake.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj();
    fake.emptyDict().str('shape').int(-1).tuple(1).setitem().build().raw(payload).stop();
    const o = scan(fake.bytesOut());
    expect(find(o, 'pickle.joblib')?.message).toMatch(/joblib\.load raises .*no 'dtype'|a dimension is negative|no 'dtype'/);
    // joblib.load stops there; pickle.load reads on and runs the payload.
    expect(names(o)).toContain('os.system');
  });

  test('numpy\'s object flag decides: a float dtype flagged as objects makes joblib unpickle the "array"', () => {
    const w = new PickleWriter(2);
    w.emptyList().memoize().mark();
    w.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj().memoize();
    w.emptyDict().memoize().mark().str('shape').int(1).tuple(1).str('dtype');
    w.global('numpy', 'dtype').str('f8').bool(false).bool(true).tuple(3).reduce();
    w.mark().int(3).str('<').none().none().none().int(-1).int(-1).int(1).raw('t').build();
    w.setitems().build();
    w.raw(callPickle('subprocess', 'check_output', ['id'])).appends().stop();
    const o = scan(w.bytesOut());
    expect(o.complete).toBe(true);
    expect(o.details?.joblibReads).toEqual([{ start: expect.any(Number) as number, end: expect.any(Number) as number, objects: true }]);
    expect(names(o)).toContain('subprocess.check_output');
  });

  test('an object dtype without the flag is read as raw bytes, and that is flagged (object pointers from the file)', () => {
    const w = new PickleWriter(2);
    w.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj();
    w.emptyDict().mark().str('shape').int(2).tuple(1).str('dtype');
    w.global('numpy', 'dtype').str('O8').bool(false).bool(true).tuple(3).reduce();
    w.mark().int(3).str('|').none().none().none().int(-1).int(-1).int(0).raw('t').build();
    w.setitems().build().raw(new Uint8Array(16)).stop();
    const o = scan(w.bytesOut());
    expect(find(o, 'pickle.joblib')?.message).toMatch(/object dtype without numpy's object flag/);
    expect((o.details?.joblibReads as unknown[]).length).toBe(1);
  });

  test('allow_mmap on an object array: joblib.load(mmap_mode=...) maps raw bytes where joblib.load unpickles', () => {
    const inner = callPickle('builtins', 'print', ['x']);
    const j = new JoblibWriter();
    j.w.emptyList().memoize().mark();
    j.array({ shape: [1], code: 'O8', itemsize: 8, objects: (w) => { w.raw(body(inner)); } });
    const bytes = j.w.bytesOut();
    // Flip allow_mmap to True (joblib writes False for object arrays).
    const at = Buffer.from(bytes).indexOf(Buffer.from('allow_mmap')) + 'allow_mmap'.length + 1;
    expect(bytes[at]).toBe(0x89);
    const crafted = cat(bytes.subarray(0, at), [0x88], bytes.subarray(at + 1), latin('e.'));
    const o = scan(crafted);
    expect(find(o, 'pickle.joblib')?.message).toMatch(/memory-map/);
    expect(names(o)).toContain('builtins.print');
  });

  test('a wrapper built in the middle of its frame: joblib reads the rest of the frame first, then the array after it', () => {
    const w = new PickleWriter(4);
    w.emptyList().memoize().mark();
    w.global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().newobj().memoize();
    w.emptyDict().memoize().mark().str('shape').int(4).tuple(1).str('dtype');
    writeDtype(w, 'u1');
    w.setitems().build();
    w.raw(latin('0')).global('os', 'system').str('id').tuple(1).reduce();
    w.commit();
    w.unframedRaw(latin('cpos\nx\n'));
    w.raw(latin('e.'));
    const o = scan(w.bytesOut());
    // joblib: POP the array, os.system('id') inside the frame, then 4 array bytes ("cpos") and the rest.
    expect(names(o)).toContain('os.system');
    const r = (o.details?.joblibReads as { start: number; end: number }[])[0] as { start: number; end: number };
    expect(r.end - r.start).toBe(4);
  });

  test('a text argument only Python\'s unpickler accepts: joblib.load reads on where pickle.load stops', () => {
    const s = cat(latin('F 1.5\n0'), system(0));
    const o = scan(s);
    expect(find(o, 'pickle.differential')?.message).toMatch(/FLOAT " 1\.5" is read by Python's unpickler \(joblib\.load\) but rejected by the C unpickler/);
    expect(names(o)).toEqual(['os.system']);
    expect(verdict(o)).toBe('rejected');
  });

  test('pre-0.10 NDArrayWrapper: joblib loads a companion file, named in the finding', () => {
    const w = new PickleWriter(2);
    w.global('joblib.numpy_pickle', 'NDArrayWrapper').emptyTuple().newobj();
    w.emptyDict().mark().str('filename').str('../../etc/x.npy').str('subclass').global('numpy', 'ndarray').setitems().build().stop();
    const o = scan(w.bytesOut());
    const f = find(o, 'pickle.joblib');
    expect(f?.message).toMatch(/from the file "\.\.\/\.\.\/etc\/x\.npy" next to this one, with numpy\.load\(allow_pickle=True\)/);
    expect(f?.severity).toBe('high');
  });

  test('joblib.dump of plain arrays (joblib 1.2, real files) is data: NumpyArrayWrapper needs no review once its bytes are read as joblib reads them', () => {
    for (const rel of ['real/joblib/arrays.joblib', 'real/joblib/arrays_fortran_bigendian.joblib', 'real/joblib/single_array.joblib', 'loaders/joblib/mixed.protocol2.joblib']) {
      const o = scan(new Uint8Array(readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url))), {}, 97);
      expect({ rel, formats: o.formats, complete: o.complete, findings: o.findings.filter((f) => f.severity !== 'info').map((f) => f.check) })
        .toEqual({ rel, formats: ['pickle', 'joblib'], complete: true, findings: [] });
    }
    // The same wrapper still blocks where its array cannot be sized, and an object array's pickle is judged as one.
    expect(verdict(scan(joblibWith({ code: 'V0' })))).not.toBe('approved');
    expect(verdict(scan(joblibWith({ code: 'O8', objects: (w) => { w.global('os', 'system'); w.str('id').tuple(1).reduce().stop(); } })))).toBe('rejected');
  });
});

describe('pickles inside literals are judged by whether this file unpickles them', () => {
  test('raw array bytes that happen to hold opcode fragments are not a pickle (sklearn PCA, pickle.dump)', () => {
    // The fragment: an EXT4 with a garbage code, then an invalid opcode — what pca.pkl's float bytes read as.
    const w = new PickleWriter(2);
    w.global('numpy.core.multiarray', '_reconstruct').global('numpy', 'ndarray').int(0).tuple(1).bytes(latin('b')).tuple(3).reduce();
    w.mark().int(1).int(2).tuple(1);
    writeDtype(w, 'f8');
    w.bool(false).bytes(Uint8Array.of(0x28, 0x84, 0x50, 0x40, 0xcf, 0x24, 0x99, 0x10, 0x0a, 0x63, 0x69, 0x0a, 0, 0, 0, 0)).raw('t').build().stop();
    const o = scan(w.bytesOut());
    expect(checks(o)).not.toContain('pickle.ext');
    expect(checks(o)).not.toContain('pickle.nested');
    expect(verdict(o)).toBe('approved');
  });

  test('a pickle in a literal passed to pickle.loads is reported with what it imports', () => {
    const w = new PickleWriter(3);
    w.global('pickle', 'loads').bytes(system(2)).tuple(1).reduce().stop();
    const o = scan(w.bytesOut());
    expect(find(o, 'pickle.nested')?.message).toMatch(/it is passed to pickle\.loads, which can unpickle it/);
    expect(find(o, 'pickle.global.dangerous')).toBeDefined();
    expect(names(o)).toEqual(['os.system', 'pickle.loads']);
  });
});

describe('a GLOBAL or INST cut by the end of the data (Python\'s unpickler: readline() and [:-1])', () => {
  test('Python\'s unpickler calls find_class with the cut line; a dotted module name is reported as the import it attempts', () => {
    const cut = latin('cos\nsystem');
    const oracle = cpythonGlobals([cut])[0];
    expect(oracle?.py_bytesio.flatMap((r) => r.globals)).toEqual(['os.syste']);
    expect(oracle?.c_bytesio.flatMap((r) => r.globals)).toEqual([]);
    expect(names(scan(cut))).toEqual(['os.syste']);
  });

  test('a text file\'s last line that starts with "i" is no module name: nothing is imported (a .pth in a wheel)', () => {
    const pth = latin('import subprocess; subprocess.Popen(["sh", "-c", "id"])\n');
    const oracle = cpythonGlobals([pth])[0];
    // find_class gets the line without its first letter; no module has that name, so the import fails and runs nothing.
    expect(oracle?.py_bytesio.flatMap((r) => r.globals).every((g) => g.startsWith('mport subprocess'))).toBe(true);
    expect(names(scan(pth))).toEqual([]);
  });
});

describe('legacy torch files (torch 1.13 _legacy_save)', () => {
  test('a module class saved by persistent id is instantiated as that class, and its source text is not a pickle', () => {
    const w = new PickleWriter(2);
    w.global('collections', 'OrderedDict').emptyTuple().reduce();
    w.mark().str('module').global('models', 'TinyConv').str('/src/models.py');
    w.str('class TinyConv(nn.Module):\n    def __init__(self):\n        super().__init__()\n');
    w.raw('t').raw('Q').emptyTuple().newobj().raw('0').stop();
    const o = scan(cat(latin('\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19.'), latin('\x80\x02M\xe9\x03.'), latin('\x80\x02}q\x00.'), w.bytesOut(), latin('\x80\x02]q\x00.')));
    expect(o.formats).toContain('torch-legacy');
    expect(checks(o)).not.toContain('pickle.call.indirect');
    expect(checks(o)).not.toContain('pickle.nested');
    expect(names(o)).toEqual(['collections.OrderedDict', 'models.TinyConv']);
  });
});

describe('a differential sample against CPython', () => {
  /** A deterministic PRNG (LCG), so a failing case replays. */
  function lcg(seed: number): (n: number) => number {
    let x = seed;
    return (n) => { x = (x * 1103515245 + 12345) & 0x7fffffff; return Math.floor((x / 0x7fffffff) * n); };
  }

  test('stacked, framed and mutated pickles: every global a CPython reading resolves is reported', () => {
    const ri = lcg(20260501);
    const cases: Uint8Array[] = [];
    for (let k = 0; k < 300; k++) {
      const parts: Uint8Array[] = [];
      for (let i = 1 + ri(3); i > 0; i--) {
        const proto = [0, 2, 4][ri(3)] as number;
        let p = callPickle(`m${k}x${i}`, `f${ri(9)}`, ['a'.repeat(ri(4))], proto);
        if (proto === 4 || ri(10) < 3) {
          const b = body(p);
          const at = ri(b.length);
          p = cat([0x80, 4], b.subarray(0, at), frame(Math.max(0, b.length - at + ri(11) - 5)), b.subarray(at));
        }
        parts.push(p);
      }
      const s = cat(...parts);
      for (let m = ri(3); m > 0; m--) s[ri(s.length)] = ri(256);
      cases.push(s);
    }
    const oracle = cpythonGlobals(cases);
    const missed: string[] = [];
    cases.forEach((s, i) => {
      const o = scan(s, {}, 1 + (i % 17));
      // find_class('', ...) raises before importing anything: not a resolved global.
      const want = new Set(Object.values(oracle[i] as object).flatMap((runs: { globals: string[] }[]) => runs.flatMap((r) => r.globals)).filter((g) => !g.startsWith('.')));
      for (const g of want) if (!names(o).includes(g)) missed.push(`${i}: ${g} in ${Buffer.from(s).toString('hex')}`);
    });
    expect(missed).toEqual([]);
  });
});
