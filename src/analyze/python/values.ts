// The abstract values the Python analysis computes: what a name or expression is known to hold (text, a module
// reference, a list), plus taint flags saying where it came from (decoded, downloaded, a secret …).
import type { SyntaxNode } from '@lezer/common';
import { MAX_TEXT, UNKNOWN } from './strings.js';

export const F = {
  /** Text built by string operations (concatenation, join, reversal, formatting). */
  BUILT: 1,
  /** Text produced by a decoder (base64, hex, rot13, zlib, marshal). */
  DECODED: 2,
  /** Content fetched from the network. */
  DOWNLOADED: 4,
  /** A path that holds downloaded or decoded content. */
  DL_PATH: 8,
  /** A path made executable. */
  EXECUTABLE: 16,
  /** A secret: a credential file's content, a token variable. */
  SECRET: 32,
  /** The whole process environment (os.environ). */
  ENV_ALL: 64,
  /** A urllib Request carrying a body. */
  REQUEST_BODY: 128,
  /** A value read from a (non-secret) environment variable: the user configures it (an endpoint URL). */
  ENV_VALUE: 256,
  /** Derived from a parameter of the function being analysed without its callers: the caller decides. */
  PARAM: 512
} as const;

/** What taints data: where it came from matters wherever it goes. */
export const TAINT = F.DECODED | F.DOWNLOADED | F.SECRET | F.ENV_ALL;
/** Flags that survive being passed through calls the analysis does not model (json.dumps, dict, BytesIO …). */
export const PROPAGATE = TAINT | F.ENV_VALUE | F.PARAM;

export interface FnInfo {
  id: number;
  node: SyntaxNode;
  name: string;
  /** Index of the module whose source holds `node`. */
  mod: number;
  /** Scope the function was defined in. */
  outer: Scope;
  cls?: ClassInfo;
  /** The analysis without callers' arguments (parameters unknown): its summary and its own findings. */
  state: 'new' | 'running' | 'done';
  returns?: Val;
  /** Flags the function puts on its parameters' paths (a download into `dest`). */
  paramMarks: Map<number, Mark>;
  /** Default values, evaluated where the function is defined. */
  defaults: Map<string, Val>;
  /** Results of analyses with particular arguments, by a signature of those arguments. */
  memo: Map<string, Val>;
  /** Decorated @staticmethod: no receiver. */
  isStatic?: boolean;
}

export interface ClassInfo {
  id: number;
  name: string;
  members: Map<string, Val>;
  /** Base classes defined in the analysed code, in order. */
  bases: ClassInfo[];
  /** Other bases by dotted reference (threading.Thread). */
  extBases: string[];
  /** Bumped whenever a member is assigned, so analyses with different object state are told apart. */
  version: number;
  /** A member holds a callable or tainted value: methods are analysed with the object's state. */
  hot: boolean;
}

/** A module of the analysed code (a repository file), as a value. */
export interface ModuleRef {
  path: string;
  scope: Scope;
}

/** What calling a value made by functools.partial / operator.methodcaller / operator.attrgetter does. */
export interface Bound {
  callee: Val;
  pos: Val[];
  kw: Map<string, Val>;
}
export interface Getter {
  kind: 'methodcaller' | 'attrgetter';
  name: string;
  pos: Val[];
  kw: Map<string, Val>;
}

export interface Snapshot {
  /** The Hub repository downloaded, as written (or "(computed at run time)"). */
  repo: string;
  /** Program-wide line of the download. */
  line: number;
  /** The folder, when known (local_dir), normalised without a leading ./ */
  dir?: string;
}

export interface Mark {
  flags: number;
  lines: number[];
  why: string[];
}

export interface Val {
  /** Known text (UNKNOWN stands for runs the analysis cannot know). */
  text?: string;
  bytes?: boolean;
  num?: number;
  /** Whether the value (a file mode) sets an execute bit. */
  exeBit?: boolean;
  /** Dotted reference to a module, attribute or call result (`os.system`, `requests.get()`). */
  ref?: string;
  /** For attributes of values that are not references: the object and the attribute name. */
  recv?: Val;
  attr?: string;
  items?: Val[];
  /** A dict with constant string keys. */
  entries?: Map<string, Val>;
  fn?: FnInfo;
  /** The receiver of a bound method. */
  self?: Val;
  cls?: ClassInfo;
  /** An instance of `cls` (otherwise `cls` is the class itself). */
  inst?: boolean;
  mod?: ModuleRef;
  partial?: Bound;
  getter?: Getter;
  /** An open file: the path it was opened on and whether for writing. */
  handle?: { path: Val; write: boolean };
  /** Text read from the file at this (known) path: exec(open(p).read()) runs that file. */
  fromFile?: string;
  /** A folder (or a path inside it) holding a snapshot of another Hub repository (snapshot_download). */
  snapshot?: Snapshot;
  flags: number;
  /** The variable (or `self.attr`) this value was read from, to mark it later. */
  key?: string;
  param?: number;
  /** Where the taint came from, for messages ("decoded with base64 at line 124"). */
  why: string[];
  lines: number[];
}

export function val(v: Partial<Val> = {}): Val {
  return { flags: 0, why: [], lines: [], ...v };
}

export function unknown(from: readonly Val[] = [], mask: number = PROPAGATE): Val {
  return withTaint(val({}), from, mask);
}

/** Copies the taint (flags, provenance) of `from` onto `v`. */
export function withTaint(v: Val, from: readonly Val[], mask: number = PROPAGATE): Val {
  for (const f of from) {
    v.flags |= f.flags & mask;
    if (f.flags & mask) {
      for (const w of f.why) if (!v.why.includes(w) && v.why.length < 4) v.why.push(w);
      for (const l of f.lines) if (!v.lines.includes(l) && v.lines.length < 6) v.lines.push(l);
    }
  }
  return v;
}

export function isKnown(v: Val): v is Val & { text: string } {
  return v.text !== undefined && !v.text.includes(UNKNOWN);
}

export function textOf(v: Val): string {
  return v.text ?? UNKNOWN;
}

export function cap(s: string): string {
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

/** Strips call markers from a reference: `requests.Session().post` → `requests.Session.post`. */
export function normalizeRef(ref: string): string {
  // f.__call__ is f: calling it is calling f.
  let r = ref.replace(/\(\)/g, '').replace(/(\.__call__)+$/, '');
  // Aliases can chain (torch.multiprocessing.get_context → multiprocessing.get_context → multiprocessing).
  for (let pass = 0; pass < 4; pass++) {
    const dot = r.indexOf('.');
    const candidates = ALIAS_BY_ROOT.get(dot < 0 ? r : r.slice(0, dot));
    const a = candidates?.find(([from]) => r === from || r.startsWith(`${from}.`));
    if (!a) break;
    r = a[1] + r.slice(a[0].length);
  }
  return r;
}

const ALIASES: readonly [string, string][] = [
  ['setuptools._distutils', 'distutils'], ['__builtin__', 'builtins'], ['__builtins__', 'builtins'], ['posix', 'os'], ['nt', 'os'], ['posixpath', 'os.path'], ['ntpath', 'os.path'],
  ['commands', 'subprocess'], ['cPickle', 'pickle'], ['_pickle', 'pickle'], ['urllib2.urlopen', 'urllib.request.urlopen'],
  ['urllib2.Request', 'urllib.request.Request'], ['urllib.urlopen', 'urllib.request.urlopen'], ['urllib.urlretrieve', 'urllib.request.urlretrieve'],
  ['io.open', 'builtins.open'], ['_io.open', 'builtins.open'], ['codecs.open', 'builtins.open'], ['pathlib.PosixPath', 'pathlib.Path'],
  ['pathlib.WindowsPath', 'pathlib.Path'], ['pathlib.PurePath', 'pathlib.Path'], ['pathlib.PurePosixPath', 'pathlib.Path'], ['imp.load_source', 'importlib.load_source'],
  ['torch.multiprocessing', 'multiprocessing'], ['multiprocess', 'multiprocessing'], ['billiard', 'multiprocessing'],
  ['multiprocessing.get_context', 'multiprocessing'], ['multiprocessing.context', 'multiprocessing'], ['multiprocessing.pool.ThreadPool', 'multiprocessing.Pool'],
  ['multiprocessing.pool.Pool', 'multiprocessing.Pool'], ['multiprocessing.dummy.Pool', 'multiprocessing.Pool'], ['multiprocessing.dummy.Process', 'threading.Thread'],
  ['multiprocessing.ThreadPool', 'multiprocessing.Pool'], ['_thread.start_new', '_thread.start_new_thread'], ['thread.start_new_thread', '_thread.start_new_thread'],
  ['concurrent.futures.thread.ThreadPoolExecutor', 'concurrent.futures.ThreadPoolExecutor'], ['concurrent.futures.process.ProcessPoolExecutor', 'concurrent.futures.ProcessPoolExecutor'],
  ['concurrent.futures.ProcessPoolExecutor', 'concurrent.futures.ThreadPoolExecutor'], ['uvloop.new_event_loop', 'asyncio.new_event_loop'],
  ['asyncio.get_running_loop', 'asyncio.get_event_loop'], ['asyncio.new_event_loop', 'asyncio.get_event_loop'], ['asyncio.events.get_event_loop', 'asyncio.get_event_loop'],
  ['asyncio.AbstractEventLoop', 'asyncio.get_event_loop'], ['asyncio.BaseEventLoop', 'asyncio.get_event_loop'],
  ['IPython.core.getipython.get_ipython', 'IPython.get_ipython'], ['IPython.core.interactiveshell.InteractiveShell.instance', 'IPython.get_ipython']
];

const ALIAS_BY_ROOT = new Map<string, [string, string][]>();
for (const a of ALIASES) {
  const root = a[0].split('.')[0] as string;
  ALIAS_BY_ROOT.set(root, [...(ALIAS_BY_ROOT.get(root) ?? []), a]);
}

export interface Scope {
  kind: 'module' | 'function' | 'class';
  /** Index of the module this scope belongs to. */
  mod: number;
  vars: Map<string, Val>;
  /** Names declared `global` here: assignments go to the module scope. */
  globals?: Set<string>;
  parent?: Scope;
  marks: Map<string, Mark>;
  /** Lines where something was downloaded into a file in this scope. */
  downloads: number[];
  params: Map<string, number>;
  fn?: FnInfo;
  cls?: ClassInfo;
  selfName?: string;
  returns?: Val;
  /** Library modules star-imported here (`from subprocess import *`), in order: their public names are bound. */
  stars?: string[];
}

export function newScope(kind: Scope['kind'], parent?: Scope, mod = parent?.mod ?? 0): Scope {
  return { kind, mod, vars: new Map(), ...(parent ? { parent } : {}), marks: new Map(), downloads: [], params: new Map() };
}
