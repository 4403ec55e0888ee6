// Published scanner bypasses as named regression tests: every picklescan and fickling advisory whose proof of concept
// is public (their own test folders: mmaitre314/picklescan tests/init_data_files.py, trailofbits/fickling
// test/test_bypasses.py), JFrog's three picklescan CVEs, nullifAI (ReversingLabs, 2025), the exception-oriented
// payloads and loading paths of "The Art of Hide and Seek" (Liu et al., 2025, arXiv 2508.19774) and CVE-2025-32434
// (torch.load(weights_only=True) handing TorchScript archives to torch.jit.load). Each payload is written here byte
// by byte, the way the advisory's pickler lays it out; nothing is ever pickled or unpickled.
//
// Each case names the reason Model Gate must reject the file for (the check and what it must name). Cases that other
// parts of the scanner cannot pass yet are listed in KNOWN_OPEN with their root cause: the test asserts they still
// fail, so the list can only shrink.
import { scanBytes, buildZip, tar } from '../support/fixtures.js';
import { verdictOf, type Finding } from '../../../src/core/findings.js';
import type { ScanOutcome } from '../../../src/scan/types.js';

// ───────────────────────────── opcode writers (Lib/pickle.py byte values) ─────────────────────────────

const te = new TextEncoder();
type Bytes = number[];
const b = (s: string): Bytes => [...te.encode(s)];
const latin = (s: string): Bytes => Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const u32 = (n: number): Bytes => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const PROTO = (n: number): Bytes => [0x80, n];
const FRAME = (n: number): Bytes => [0x95, ...u32(n), 0, 0, 0, 0];
const SBU = (s: string): Bytes => { const e = b(s); return e.length < 256 ? [0x8c, e.length, ...e] : [0x58, ...u32(e.length), ...e]; };
const BINUNICODE = (s: string): Bytes => { const e = b(s); return [0x58, ...u32(e.length), ...e]; };
const STRING = (s: string): Bytes => [0x53, ...latin(`'${s}'\n`)];
const UNICODE = (s: string): Bytes => [0x56, ...b(`${s}\n`)];
const SBB = (x: Bytes): Bytes => [0x43, x.length, ...x];
const GLOBAL = (m: string, n: string): Bytes => [0x63, ...b(`${m}\n${n}\n`)];
const INST = (m: string, n: string): Bytes => [0x69, ...b(`${m}\n${n}\n`)];
const PUT = (i: number): Bytes => [0x70, ...latin(`${i}\n`)];
const GET = (i: number): Bytes => [0x67, ...latin(`${i}\n`)];
const BINGET = (i: number): Bytes => [0x68, i];
const BININT1 = (i: number): Bytes => [0x4b, i];
const BININT2 = (i: number): Bytes => [0x4d, i & 0xff, i >> 8];
const MARK = [0x28], STOP = [0x2e], POP = [0x30], REDUCE = [0x52], BUILD = [0x62], TUPLE = [0x74], TUPLE1 = [0x85], TUPLE2 = [0x86],
  EMPTY_TUPLE = [0x29], EMPTY_DICT = [0x7d], EMPTY_LIST = [0x5d], LIST = [0x6c], NONE = [0x4e], NEWTRUE = [0x88],
  MEMOIZE = [0x94], STACK_GLOBAL = [0x93], OBJ = [0x6f];
const bytes = (...parts: Bytes[]): Uint8Array => Uint8Array.from(parts.flat());

/** `pickle.dumps(obj, protocol=4)` of an object whose __reduce__ returns (module.qualname, args). */
function reduce4(module: string, qualname: string, args: Bytes[]): Uint8Array {
  return bytes(PROTO(4), SBU(module), MEMOIZE, SBU(qualname), MEMOIZE, STACK_GLOBAL, MEMOIZE, MARK, ...args, TUPLE, MEMOIZE, REDUCE, MEMOIZE, STOP);
}
const PAYLOAD = "__import__('os').system('whoami')";

// ───────────────────────────── the cases ─────────────────────────────

interface Case {
  /** Advisory or paper id, and where its proof of concept is published. */
  id: string;
  what: string;
  file: string;
  bytes: Uint8Array;
  /** The finding that must reject it: its check, and text its message must contain. */
  reason: { check: string | RegExp; names: string };
}

const pc = (id: string, module: string, qualname: string, args: Bytes[], what: string): Case => ({
  id, what, file: 'model.pkl', bytes: reduce4(module, qualname, args),
  reason: { check: /^pickle\.(global\.dangerous|dunder)$/, names: `${module}.${qualname}` }
});

const torchZipWith = (dataPkl: Uint8Array, extra: Partial<{ crc: number; flags: number; localName: string; name: string }> = {}): Uint8Array => buildZip([
  { name: extra.name ?? 'archive/data.pkl', data: dataPkl, align: 64, ...(extra.crc !== undefined ? { crc: extra.crc } : {}),
    ...(extra.flags !== undefined ? { flags: extra.flags } : {}), ...(extra.localName ? { localName: extra.localName } : {}) },
  { name: 'archive/byteorder', data: Uint8Array.from(b('little')), align: 64 },
  { name: 'archive/version', data: Uint8Array.from(b('3\n')), align: 64 }
]);
const osSystem2 = bytes(PROTO(2), GLOBAL('posix', 'system'), BINUNICODE('id'), TUPLE1, REDUCE, STOP);

const CASES: Case[] = [
  // ── picklescan advisories (tests/init_data_files.py of mmaitre314/picklescan) ──
  pc('GHSA-4r9r-ch6f-vxmx', 'torch.utils.bottleneck.__main__', 'run_cprofile', [SBU(PAYLOAD), EMPTY_DICT], 'torch bottleneck profiler runs code'),
  pc('GHSA-4whj-rm5r-c2v8', 'torch.utils.bottleneck.__main__', 'run_autograd_prof', [SBU(PAYLOAD), EMPTY_DICT], 'torch bottleneck autograd profiler runs code'),
  pc('GHSA-86cj-95qr-2p4f', 'torch._dynamo.guards', 'GuardBuilder.get', [EMPTY_DICT, SBU(PAYLOAD)], 'dynamo guard evaluates an expression'),
  pc('GHSA-f4x7-rfwp-v3xw', 'torch.fx.experimental.symbolic_shapes', 'ShapeEnv.evaluate_guards_expression', [EMPTY_DICT, SBU(PAYLOAD), EMPTY_LIST], 'symbolic-shape guards are eval()ed'),
  pc('GHSA-f745-w6jp-hpxx', 'torch.utils.collect_env', 'run', [SBU(PAYLOAD)], 'collect_env runs a shell command'),
  {
    id: 'GHSA-jhph-76pp-mggw', what: 'collect_env.run_and_read_all(collect_env.run, cmd)', file: 'model.pkl',
    bytes: bytes(PROTO(4), SBU('torch.utils.collect_env'), SBU('run_and_read_all'), STACK_GLOBAL, MARK, SBU('torch.utils.collect_env'), SBU('run'), STACK_GLOBAL, SBU(PAYLOAD), TUPLE, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'torch.utils.collect_env.run_and_read_all' }
  },
  pc('GHSA-h3qp-7fh3-f8h4', 'torch.utils.data.datapipes.utils.decoder', 'basichandlers', [SBU('pickle'), SBB([])], 'datapipe decoder unpickles bytes'),
  pc('GHSA-vr7h-p6mm-wpmh', 'torch.jit.unsupported_tensor_ops', 'execWrapper', [SBU(PAYLOAD), EMPTY_DICT, EMPTY_DICT], 'exec wrapper'),
  pc('GHSA-vv6j-3g6g-2pvj', 'torch.utils._config_module', 'ConfigModule.load_config', [EMPTY_DICT, SBB([])], 'config loader unpickles bytes'),
  pc('GHSA-5qwp-399c-mjwf', 'trace', 'Trace.run', [EMPTY_DICT, SBU(PAYLOAD)], 'trace runs code'),
  pc('GHSA-g344-hcph-8vgg', 'trace', 'Trace.runctx', [EMPTY_DICT, SBU(PAYLOAD), EMPTY_DICT, EMPTY_DICT], 'trace runs code'),
  pc('GHSA-x696-vm39-cp64', 'profile', 'Profile.run', [EMPTY_DICT, SBU(PAYLOAD)], 'profile runs code'),
  pc('GHSA-6vqj-c2q5-j97w', 'profile', 'Profile.runctx', [EMPTY_DICT, SBU(PAYLOAD), EMPTY_DICT, EMPTY_DICT], 'profile runs code'),
  pc('GHSA-7wx9-6375-f5wh', 'profile', 'run', [SBU(PAYLOAD)], 'profile.run'),
  pc('GHSA-49gj-c84q-6qm9', 'cProfile', 'run', [SBU(PAYLOAD)], 'cProfile.run'),
  pc('GHSA-9w88-8rmg-7g2p', 'cProfile', 'runctx', [SBU(PAYLOAD), NONE, NONE], 'cProfile.runctx'),
  pc('GHSA-f54q-57x4-jg88', 'lib2to3.pgen2.grammar', 'Grammar.loads', [EMPTY_DICT, SBB([])], 'lib2to3 grammar unpickles bytes'),
  pc('GHSA-p9w7-82w4-7q8m', 'lib2to3.pgen2.pgen', 'ParserGenerator.make_label', [NONE, EMPTY_DICT, SBU(`""+${PAYLOAD}`)], 'lib2to3 eval()s a label'),
  pc('GHSA-3vg9-h568-4w9m', 'idlelib.debugobj', 'ObjectTreeItem.SetText', [EMPTY_DICT, SBU(PAYLOAD)], 'idlelib eval'),
  pc('GHSA-6w4w-5w54-rjvr', 'idlelib.autocomplete', 'AutoComplete.get_entity', [EMPTY_DICT, SBU(PAYLOAD)], 'idlelib eval'),
  pc('GHSA-7cq8-mj8x-j263', 'idlelib.autocomplete', 'AutoComplete.fetch_completions', [EMPTY_DICT, SBU(PAYLOAD), BININT1(1)], 'idlelib eval'),
  pc('GHSA-8r4j-24qv-fmq9', 'idlelib.calltip', 'Calltip.fetch_tip', [EMPTY_DICT, SBU(PAYLOAD)], 'idlelib eval'),
  pc('GHSA-9xph-j2h6-g47v', 'idlelib.calltip', 'get_entity', [SBU(PAYLOAD)], 'idlelib eval'),
  pc('GHSA-m869-42cg-3xwr', 'idlelib.run', 'Executive.runcode', [EMPTY_DICT, SBU(PAYLOAD)], 'idlelib exec'),
  pc('GHSA-j343-8v2j-ff7w', 'idlelib.pyshell', 'ModifiedInterpreter.runcommand', [EMPTY_DICT, SBU(PAYLOAD)], 'idlelib exec'),
  pc('GHSA-3gf5-cxq9-w223', 'idlelib.pyshell', 'ModifiedInterpreter.runcode', [EMPTY_DICT, SBU(PAYLOAD)], 'idlelib exec'),
  pc('GHSA-cj3c-v495-4xqh', 'code', 'InteractiveInterpreter.runcode', [EMPTY_DICT, SBU(PAYLOAD)], 'code.InteractiveInterpreter'),
  pc('GHSA-fqq6-7vqf-w3fg', 'doctest', 'debug_script', [SBU(PAYLOAD), NEWTRUE], 'doctest runs a script under pdb'),
  pc('GHSA-xp4f-hrf8-rxw7', 'ensurepip', '_run_pip', [SBU(PAYLOAD)], 'ensurepip exec()s its argument'),
  pc('GHSA-vvpj-8cmc-gx39', 'pkgutil', 'resolve_name', [SBU('os:system')], 'resolve_name reaches every callable by name'),
  pc('GHSA-q77w-mwjj-7mqx', 'asyncio.unix_events', '_UnixSubprocessTransport._start', [EMPTY_DICT, SBU('whoami'), NEWTRUE, NONE, NONE, NONE, BININT1(0)], 'asyncio spawns a process'),
  { ...pc('GHSA-jgw4-cr84-mqxg', 'asyncio.unix_events', '_UnixSubprocessTransport._start', [EMPTY_DICT, SBU('whoami'), NEWTRUE, NONE, NONE, NONE, BININT1(0)], 'the same payload named .bin'), file: 'pytorch_model.bin' },
  pc('GHSA-m273-6v24-x4m4', 'distutils.file_util', 'write_file', [SBU('pwned_config.env'), MARK, SBU('malicious content'), LIST], 'distutils writes a file'),
  pc('GHSA-4675-36f9-wf6r', 'ctypes', 'CDLL', [NONE], 'ctypes loads a library'),
  pc('GHSA-vqmv-47xg-9wpr', 'pty', 'spawn', [MARK, SBU('/bin/sh'), SBU('-c'), SBU('id'), LIST], 'pty spawns a shell'),
  pc('GHSA-r8g5-cgf2-4m4m', 'numpy.f2py.crackfortran', 'getlincoef', [SBU(PAYLOAD), EMPTY_LIST], 'f2py eval()s an expression'),
  pc('GHSA-g38g-8gr9-h9xp (uuid)', 'uuid', '_get_command_stdout', [SBU('id')], 'uuid runs a command'),
  pc('GHSA-g38g-8gr9-h9xp (_osx_support)', '_osx_support', '_read_output', [SBU('id')], '_osx_support runs a command'),
  pc('GHSA-g38g-8gr9-h9xp (_aix_support)', '_aix_support', '_read_cmd_output', [SBU('id')], '_aix_support runs a command'),
  pc('GHSA-g38g-8gr9-h9xp (imaplib)', 'imaplib', 'IMAP4_stream', [SBU('id')], 'IMAP4_stream runs a command'),
  pc('GHSA-g38g-8gr9-h9xp (_pyrepl)', '_pyrepl.pager', 'pipe_pager', [SBU('text'), SBU('id')], 'the 3.13 REPL pager runs a command'),
  pc('GHSA-g38g-8gr9-h9xp (test.support)', 'test.support.script_helper', 'assert_python_ok', [SBU('-c pass')], 'test helper runs python'),
  {
    id: 'GHSA-84r2-jw7c-4r5q', what: 'operator.methodcaller("system", cmd)(pydoc.locate("os"))', file: 'model.pkl',
    bytes: bytes(PROTO(4), SBU('operator'), SBU('methodcaller'), STACK_GLOBAL, SBU('system'), SBU('echo pwned'), TUPLE2, REDUCE,
      SBU('pydoc'), SBU('locate'), STACK_GLOBAL, SBU('os'), TUPLE1, REDUCE, TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'operator.methodcaller' }
  },
  {
    id: 'GHSA-955r-x9j8-7rhh', what: '_operator.methodcaller over builtins.__import__', file: 'model.pkl',
    bytes: bytes(GLOBAL('builtins', '__import__'), MARK, UNICODE('os'), TUPLE, REDUCE, PUT(0), POP, GLOBAL('_operator', 'methodcaller'),
      MARK, UNICODE('system'), UNICODE('echo pwned'), TUPLE, REDUCE, MARK, GET(0), TUPLE, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: '_operator.methodcaller' }
  },
  {
    id: 'GHSA-9gvj-pp9x-gcfr', what: 'STACK_GLOBAL from protocol-0 STRING arguments', file: 'model.pkl',
    bytes: bytes(STRING('os'), STRING('system'), STACK_GLOBAL, STRING('ls'), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'os.system' }
  },
  {
    id: 'picklescan issue #22 (imaginaryctf Safe Pickle)', what: 'memo indices reused so a scanner pairs the wrong strings', file: 'model.pkl',
    bytes: bytes(UNICODE('os'), PUT(2), POP, UNICODE('system'), PUT(3), POP, UNICODE('torch'), PUT(0), POP, UNICODE('LongStorage'), PUT(1), POP,
      GET(2), GET(3), STACK_GLOBAL, MARK, UNICODE('cat flag.txt'), TUPLE, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'os.system' }
  },
  {
    id: 'picklescan data2/keyerror-exploit', what: 'a dangerous call, then STACK_GLOBAL of a missing memo key that stops pickletools-based scanners', file: 'model.pkl',
    bytes: bytes(PROTO(4), GLOBAL('os', 'system'), UNICODE('echo pwned'), TUPLE1, REDUCE, POP, SBU('os'), MEMOIZE, BINGET(3), BINGET(0), STACK_GLOBAL, BININT1(0x42), STOP),
    reason: { check: 'pickle.global.dangerous', names: 'os.system' }
  },
  {
    id: 'GHSA-97f8-7cmv-76j2', what: 'legacy torch file whose magic number is computed by eval', file: 'model.pt',
    bytes: bytes(
      PROTO(2), GLOBAL('builtins', 'eval'), BINUNICODE('0x1950A86A20F9469CFC6C'), TUPLE1, REDUCE, STOP,
      PROTO(2), BININT2(1001), STOP, PROTO(2), EMPTY_DICT, STOP, PROTO(2), EMPTY_LIST, STOP,
      PROTO(2), GLOBAL('posix', 'system'), BINUNICODE('echo pwned'), TUPLE1, REDUCE, STOP, PROTO(2), NONE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'builtins.eval' }
  },
  {
    id: 'GHSA-46h3-79wf-xr6c', what: '_operator.attrgetter("system")(__import__("os"))', file: 'model.pkl',
    bytes: bytes(GLOBAL('builtins', '__import__'), MARK, UNICODE('os'), TUPLE, REDUCE, PUT(0), POP, GLOBAL('_operator', 'attrgetter'),
      MARK, UNICODE('system'), TUPLE, REDUCE, MARK, GET(0), TUPLE, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: '_operator.attrgetter' }
  },
  pc('GHSA-m7j5-r2p5-c39r', 'logging', 'FileHandler', [SBU('evil.log')], 'logging.FileHandler creates a file'),
  pc('GHSA-9726-w42j-3qjr (_io.FileIO)', '_io', 'FileIO', [SBU('/etc/hosts'), SBU('r')], 'io.FileIO opens any file'),
  pc('GHSA-9726-w42j-3qjr (urllib.request)', 'urllib.request', 'urlopen', [SBU('https://example.invalid')], 'urlopen fetches a URL'),
  {
    id: 'GHSA-9m3x-qqw2-h32h (types.CodeType)', what: 'types.CodeType built from its constructor arguments', file: 'model.pkl',
    bytes: bytes(PROTO(4), SBU('types'), MEMOIZE, SBU('CodeType'), MEMOIZE, STACK_GLOBAL, MEMOIZE, MARK, BININT1(0), BININT1(0), BININT1(0), BININT1(0),
      BININT1(0), BININT1(0), SBB([0x97, 0]), EMPTY_TUPLE, EMPTY_TUPLE, EMPTY_TUPLE, SBU('<x>'), SBU('f'), SBU('f'), BININT1(1), SBB([]), SBB([]), EMPTY_TUPLE, EMPTY_TUPLE, TUPLE, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'types.CodeType' }
  },
  pc('GHSA-9m3x-qqw2-h32h (cloudpickle)', 'cloudpickle.cloudpickle', '_make_function', [NONE, EMPTY_DICT, NONE, NONE], 'cloudpickle rebuilds a function from code'),
  {
    id: 'picklescan type-confusion-exploit', what: 'STACK_GLOBAL over a memoized integer and a string, after a direct dangerous call', file: 'model.pkl',
    bytes: bytes(PROTO(4), GLOBAL('os', 'system'), UNICODE('echo type-confusion'), TUPLE1, REDUCE, POP, [0x4a, 42, 0, 0, 0], MEMOIZE, SBU('os'), MEMOIZE,
      BINGET(0), BINGET(1), STACK_GLOBAL, BININT1(0x42), STOP),
    reason: { check: 'pickle.global.dangerous', names: 'os.system' }
  },
  {
    id: 'picklescan broken_model', what: 'exec() then a truncated pickle', file: 'model.pkl',
    bytes: bytes(GLOBAL('builtins', 'exec'), MARK, [0x58, ...u32(20)], b("f = open('x', 'a')  "), TUPLE, REDUCE, [0x58]),
    reason: { check: 'pickle.global.dangerous', names: 'builtins.exec' }
  },
  {
    id: 'picklescan malicious0 (Sour Pickles, BH US 2011)', what: 'globals/compile/eval/getattr/apply chain in protocol 0', file: 'model.pkl',
    bytes: bytes(latin("c__builtin__\nglobals\n(tRp100\n0c__builtin__\ncompile\n(S'fl=open(\"/etc/passwd\");picklesmashed=fl.read();'\nS''\nS'exec'\ntRp101\n0c__builtin__\neval\n(g101\ng100\ntRp102\n0c__builtin__\ngetattr\n(c__builtin__\ndict\nS'get'\ntRp103\n0c__builtin__\napply\n(g103\n(g100\nS'picklesmashed'\nltRp104\n0g104\n.")),
    reason: { check: 'pickle.global.dangerous', names: 'builtins.globals' }
  },
  {
    id: 'picklescan malicious10 (INST)', what: 'INST opcode on builtins.exec', file: 'model.pkl',
    bytes: bytes(MARK, STRING('raise RuntimeError("Injection running")'), INST('__builtin__', 'exec'), STOP),
    reason: { check: 'pickle.global.dangerous', names: 'builtins.exec' }
  },
  {
    id: 'picklescan CVE-2025-1716', what: 'pip.main installs a package', file: 'model.pkl',
    bytes: reduce4('pip', 'main', [MARK, SBU('install'), SBU('evil-package'), LIST]),
    reason: { check: 'pickle.global.dangerous', names: 'pip.main' }
  },
  // ── JFrog's picklescan CVEs (GHSA-gx77-x2pv-48v7) and the 2025 zip tricks ──
  {
    id: 'CVE-2025-10155', what: 'a plain pickle under a PyTorch extension', file: 'pytorch_model.bin', bytes: osSystem2,
    reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'CVE-2025-10156', what: 'torch zip member with a wrong CRC (torch does not check it)', file: 'pytorch_model.bin',
    bytes: torchZipWith(osSystem2, { crc: 0x12345678 }), reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'CVE-2025-10157', what: 'asyncio subprocess transport reached through a subclass module path', file: 'model.pkl',
    bytes: reduce4('asyncio.unix_events', '_UnixSubprocessTransport._start', [EMPTY_DICT, SBU('whoami'), NEWTRUE, NONE, NONE, NONE, BININT1(0)]),
    reason: { check: 'pickle.global.dangerous', names: 'asyncio.unix_events' }
  },
  {
    id: 'CVE-2025-1889', what: 'the pickle in a torch zip member with a non-pickle name', file: 'model.pt',
    bytes: torchZipWith(osSystem2, { name: 'archive/data.xyz' }), reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'CVE-2025-1944', what: 'zip local header names another file than the central directory', file: 'model.pt',
    bytes: torchZipWith(osSystem2, { localName: 'archive/data.txt' }), reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'CVE-2025-1945', what: 'zip member flagged encrypted (torch ignores the flag)', file: 'model.pt',
    bytes: torchZipWith(osSystem2, { flags: 1 }), reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  // ── fickling advisories (test/test_bypasses.py of trailofbits/fickling) ──
  {
    id: 'GHSA-r7v6-mfhq-g3m2', what: 'pty.spawn then BUILD on the result', file: 'model.pkl',
    bytes: bytes(PROTO(4), FRAME(26), SBU('pty'), MEMOIZE, SBU('spawn'), MEMOIZE, STACK_GLOBAL, MEMOIZE, SBU('id'), MEMOIZE, TUPLE1, MEMOIZE, REDUCE, MEMOIZE, SBU('gottem'), MEMOIZE, BUILD, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'pty.spawn' }
  },
  {
    id: 'fickling PR #108', what: 'OBJ opcode on pty.spawn', file: 'model.pkl',
    bytes: bytes(MARK, GLOBAL('pty', 'spawn'), STRING('id'), OBJ, STOP), reason: { check: 'pickle.global.dangerous', names: 'pty.spawn' }
  },
  {
    id: 'GHSA-565g-hwwr-4pp3', what: 'marshal.loads of code, wrapped by types.FunctionType', file: 'model.pkl',
    bytes: bytes(PROTO(4), FRAME(0), SBU('marshal'), SBU('loads'), STACK_GLOBAL, MEMOIZE, BINGET(0), SBB([0xe3, 0, 0]), TUPLE1, REDUCE, MEMOIZE,
      SBU('types'), SBU('FunctionType'), STACK_GLOBAL, MEMOIZE, BINGET(2), BINGET(1), EMPTY_DICT, TUPLE2, REDUCE, MEMOIZE, BINGET(3), EMPTY_TUPLE, REDUCE, MEMOIZE, SBU('gottem'), BUILD, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'marshal.loads' }
  },
  {
    id: 'GHSA-wfq2-52f7-7qvj', what: 'runpy.run_path runs a file', file: 'model.pkl',
    bytes: bytes(PROTO(5), FRAME(46), SBU('runpy'), MEMOIZE, SBU('run_path'), MEMOIZE, STACK_GLOBAL, MEMOIZE, SBU('/tmp/malicious.py'), MEMOIZE, TUPLE1, MEMOIZE, REDUCE, MEMOIZE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'runpy.run_path' }
  },
  {
    id: 'GHSA-p523-jq9w-64x9', what: 'cProfile.run', file: 'model.pkl',
    bytes: bytes(PROTO(5), FRAME(58), SBU('cProfile'), MEMOIZE, SBU('run'), MEMOIZE, STACK_GLOBAL, MEMOIZE, SBU("print('CPROFILE_RCE_CONFIRMED')"), MEMOIZE, TUPLE1, MEMOIZE, REDUCE, MEMOIZE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'cProfile.run' }
  },
  {
    id: 'GHSA-5hvc-6wx8-mvv4 (ctypes)', what: 'getattr(ctypes.CDLL("libc"), "system")("id")', file: 'model.pkl',
    bytes: bytes(PROTO(5), SBU('builtins'), SBU('getattr'), STACK_GLOBAL, SBU('ctypes'), SBU('CDLL'), STACK_GLOBAL, SBU('libc.so.6'), TUPLE1, REDUCE,
      SBU('system'), TUPLE2, REDUCE, SBB(b('id')), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'ctypes.CDLL' }
  },
  {
    id: 'GHSA-5hvc-6wx8-mvv4 (pydoc)', what: 'pydoc.locate("os.system")("id")', file: 'model.pkl',
    bytes: bytes(PROTO(5), SBU('pydoc'), SBU('locate'), STACK_GLOBAL, SBU('os.system'), TUPLE1, REDUCE, SBU('id'), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'pydoc.locate' }
  },
  {
    id: 'GHSA-q5qq-mvfm-j35x (importlib)', what: 'getattr(importlib.import_module("os"), "system")("id")', file: 'model.pkl',
    bytes: bytes(PROTO(5), SBU('builtins'), SBU('getattr'), STACK_GLOBAL, SBU('importlib'), SBU('import_module'), STACK_GLOBAL, SBU('os'), TUPLE1, REDUCE,
      SBU('system'), TUPLE2, REDUCE, SBU('id'), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'importlib.import_module' }
  },
  {
    id: 'GHSA-q5qq-mvfm-j35x (code)', what: 'code.InteractiveInterpreter().runsource', file: 'model.pkl',
    bytes: bytes(PROTO(5), SBU('builtins'), SBU('getattr'), STACK_GLOBAL, SBU('code'), SBU('InteractiveInterpreter'), STACK_GLOBAL, EMPTY_TUPLE, REDUCE,
      SBU('runsource'), TUPLE2, REDUCE, SBU('import os; os.system("id")'), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'code.InteractiveInterpreter' }
  },
  {
    id: 'GHSA-h4rm-mm56-xf63', what: '__import__ and getattr through protocol-0 GLOBAL', file: 'model.pkl',
    bytes: bytes(GLOBAL('builtins', '__import__'), STRING('os'), TUPLE1, REDUCE, PUT(0), POP, GLOBAL('builtins', 'getattr'), GET(0), STRING('system'), TUPLE2, REDUCE,
      PUT(1), POP, GET(1), STRING('whoami'), TUPLE1, REDUCE, STOP),
    reason: { check: /^pickle\.(global\.dangerous|dunder)$/, names: 'builtins.__import__' }
  },
  {
    id: 'GHSA-mxhj-88fx-4pcv', what: 'an OBJ call whose result is POPped', file: 'model.pkl',
    bytes: bytes(PROTO(4), MARK, SBU('smtplib'), SBU('SMTP'), STACK_GLOBAL, SBU('127.0.0.1'), OBJ, POP, NONE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'smtplib.SMTP' }
  },
  ...([['smtplib', 'SMTP', 25], ['imaplib', 'IMAP4', 143], ['ftplib', 'FTP', 21], ['poplib', 'POP3', 110], ['telnetlib', 'Telnet', 23], ['nntplib', 'NNTP', 119]] as const)
    .map(([m, c, port]): Case => ({
      id: `GHSA-hgrh-qx5j-jfwx (${m})`, what: `${m}.${c} connects out`, file: 'model.pkl',
      bytes: bytes(PROTO(4), GLOBAL(m, c), SBU('127.0.0.1'), BININT2(port), TUPLE2, REDUCE, EMPTY_DICT, BUILD, STOP),
      reason: { check: 'pickle.global.dangerous', names: `${m}.${c}` }
    })),
  pc('GHSA-5hwf-rc88-82xm (uuid)', 'uuid', '_get_command_stdout', [SBU('echo'), SBU('PROOF_OF_CONCEPT')], 'uuid runs a command'),
  pc('GHSA-5hwf-rc88-82xm (_osx_support)', '_osx_support', '_find_build_tool', [SBU('x; echo INJECTED #')], '_osx_support runs a command'),
  {
    id: 'GHSA-5j3x-jp52-966f', what: 'pathlib + "os.system": a dotted name reaches os through a module attribute', file: 'model.pkl',
    bytes: bytes(PROTO(4), SBU('pathlib'), SBU('os.system'), STACK_GLOBAL, EMPTY_TUPLE, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'pathlib.os.system' }
  },
  {
    id: 'GHSA-cffv-grgg-g429', what: 'ast.parse imported alone', file: 'model.pkl',
    bytes: bytes(PROTO(4), SBU('ast'), SBU('parse'), STACK_GLOBAL, STOP), reason: { check: 'pickle.global.dangerous', names: 'ast.parse' }
  },
  ...['_interpreters', '_xxsubinterpreters'].map((m): Case => ({
    id: `GHSA-6ggj-6f2q-f7mx (${m})`, what: `${m}.create runs source in a subinterpreter`, file: 'model.pkl',
    bytes: bytes(PROTO(4), SBU(m), SBU('create'), STACK_GLOBAL, EMPTY_TUPLE, REDUCE, STOP), reason: { check: 'pickle.global.dangerous', names: `${m}.create` }
  })),
  ...['_posixsubprocess.fork_exec', 'site.addsitedir', 'atexit.register'].map((g): Case => {
    const [m, n] = g.split('.') as [string, string];
    return { id: `GHSA-m6fh-58r7-x697 (${m})`, what: `${g}`, file: 'model.pkl', bytes: reduce4(m, n, [SBU('x')]), reason: { check: 'pickle.global.dangerous', names: g } };
  }),
  {
    id: 'fickling: CPython issue 154848 (frame boundary)', what: 'BINBYTES longer than its frame: the C and Python unpicklers disagree', file: 'model.pkl',
    bytes: bytes(PROTO(4), FRAME(2), [0x42, ...u32(0x107)], Array.from({ length: 0x107 }, () => 0x41), GLOBAL('os', 'system'), SBU('id'), TUPLE1, REDUCE, STOP),
    reason: { check: /^pickle\.(frame|global\.dangerous)$/, names: '' }
  },
  // ── nullifAI (ReversingLabs, February 2025) ──
  {
    id: 'nullifAI (broken pickle)', what: 'the payload runs first, then the stream breaks: loaders have run it, scanners that give up on errors miss it', file: 'pytorch_model.bin',
    bytes: bytes(PROTO(2), GLOBAL('posix', 'system'), BINUNICODE('python3 -c "import socket"'), TUPLE1, REDUCE, POP, [0x99, 0x99, 0x00, 0x13]),
    reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'nullifAI (7z container)', what: 'a torch archive compressed with 7z: unscannable here, so it must block', file: 'pytorch_model.bin',
    bytes: bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04], Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff)),
    reason: { check: 'compression.unscannable', names: '7z' }
  },
  // ── "The Art of Hide and Seek" (Liu et al., 2025): exception-oriented programming and loading paths ──
  {
    id: 'Hide and Seek: EOP (call, then raise)', what: 'a dangerous call followed by a call that raises: the loader swallows the exception after the payload ran', file: 'model.pkl',
    bytes: bytes(PROTO(2), GLOBAL('posix', 'system'), BINUNICODE('id'), TUPLE1, REDUCE, POP, GLOBAL('builtins', 'int'), BINUNICODE('not a number'), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'Hide and Seek: EOP (payload in a later stacked pickle)', what: 'a benign first pickle, the payload in the next one (read by joblib-like readers)', file: 'model.joblib',
    bytes: bytes(PROTO(2), EMPTY_DICT, STOP, PROTO(2), GLOBAL('posix', 'system'), BINUNICODE('id'), TUPLE1, REDUCE, STOP),
    reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'Hide and Seek: loading path (torch legacy tar)', what: 'torch.load reads the pre-1.0 tar format (sys_info, pickle, storages, tensors)', file: 'model.pth',
    bytes: tar([{ name: 'sys_info', data: bytes(PROTO(2), EMPTY_DICT, STOP) }, { name: 'pickle', data: osSystem2 },
      { name: 'storages', data: bytes(PROTO(2), EMPTY_LIST, STOP) }, { name: 'tensors', data: bytes(PROTO(2), EMPTY_LIST, STOP) }]),
    reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  {
    id: 'Hide and Seek: loading path (numpy object array)', what: 'np.load(allow_pickle=True) of an object .npy', file: 'weights.npy',
    bytes: (() => {
      const header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
      const pad = 64 - ((10 + header.length + 1) % 64);
      return bytes([0x93], b('NUMPY'), [1, 0], [(header.length + pad + 1) & 0xff, (header.length + pad + 1) >> 8], b(header), Array(pad).fill(0x20), [0x0a], [...osSystem2]);
    })(),
    reason: { check: 'pickle.global.dangerous', names: 'posix.system' }
  },
  // ── CVE-2025-32434: torch.load(weights_only=True) ≤ 2.5.1 hands TorchScript archives to torch.jit.load ──
  {
    id: 'CVE-2025-32434', what: 'a TorchScript archive named like a checkpoint whose program writes a file', file: 'pytorch_model.bin',
    bytes: buildZip([
      { name: 'archive/data.pkl', data: bytes(PROTO(2), GLOBAL('__torch__', 'Net'), EMPTY_TUPLE, [0x81], EMPTY_DICT, BUILD, STOP) },
      { name: 'archive/constants.pkl', data: bytes(PROTO(2), EMPTY_TUPLE, STOP) },
      { name: 'archive/code/__torch__.py', data: Uint8Array.from(b('class Net(Module):\n  def forward(self, x: Tensor) -> Tensor:\n    torch.save(x, "/home/user/.bashrc")\n    return x\n')), method: 8 },
      { name: 'archive/code/__torch__/net.py', data: Uint8Array.from(b('def forward(self, x: Tensor) -> Tensor:\n  torch.save(x, "/home/user/.bashrc")\n  return x\n')), method: 8 },
      { name: 'archive/version', data: Uint8Array.from(b('3\n')) }
    ]),
    reason: { check: 'torchscript.host-op', names: 'save' }
  }
];

/**
 * Cases other parts of Model Gate do not pass yet, with the root cause and the area that owns it. The test asserts
 * each still fails; when one starts passing, remove it here.
 */
const KNOWN_OPEN: Readonly<Record<string, string>> = {};

// ───────────────────────────── the assertions ─────────────────────────────

function rejectedFor(o: ScanOutcome, c: Case): { ok: boolean; why: string } {
  const verdict = verdictOf(o.findings);
  const match = (f: Finding): boolean => (typeof c.reason.check === 'string' ? f.check === c.reason.check : c.reason.check.test(f.check)) &&
    (f.severity === 'critical' || f.severity === 'high') && `${f.message} ${f.evidence ?? ''}`.includes(c.reason.names);
  const ok = verdict === 'rejected' && o.findings.some(match);
  return { ok, why: `${verdict}: ${o.findings.map((f) => `${f.severity} ${f.check} ${f.message}`).join(' | ')}` };
}

describe('published bypasses are rejected for the right reason', () => {
  test('every case has a unique id, and KNOWN_OPEN names only cases that exist', () => {
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of Object.keys(KNOWN_OPEN)) expect(ids).toContain(id);
  });

  for (const c of CASES) {
    const open = KNOWN_OPEN[c.id];
    test(`${c.id}: ${c.what}${open ? ' [KNOWN_OPEN]' : ''}`, () => {
      for (const chunk of [1 << 20, 7]) {
        const r = rejectedFor(scanBytes(c.bytes, c.file, { chunk }), c);
        if (open) expect([c.id, r.ok ? 'passes now: remove it from KNOWN_OPEN' : 'still open']).toEqual([c.id, 'still open']);
        else expect([c.id, r.ok ? 'rejected for the right reason' : r.why]).toEqual([c.id, 'rejected for the right reason']);
      }
    });
  }
});
