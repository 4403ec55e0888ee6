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
  REQUEST_BODY: 128
} as const;

/** Flags that survive being passed through calls the analysis does not model (json.dumps, dict, BytesIO …). */
export const PROPAGATE = F.DECODED | F.DOWNLOADED | F.SECRET | F.ENV_ALL;

export interface FnInfo {
  node: SyntaxNode;
  name: string;
  /** Scope the function was defined in. */
  outer: Scope;
  cls?: ClassInfo;
  state: 'new' | 'running' | 'done';
  returns?: Val;
  /** Flags the function puts on its parameters' paths (a download into `dest`). */
  paramMarks: Map<number, Mark>;
}

export interface ClassInfo {
  name: string;
  members: Map<string, Val>;
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
  fn?: FnInfo;
  cls?: ClassInfo;
  /** An open file: the path it was opened on and whether for writing. */
  handle?: { path: Val; write: boolean };
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
  let r = ref.replace(/\(\)/g, '');
  for (const [from, to] of ALIASES) {
    if (r === from || r.startsWith(`${from}.`)) {
      r = to + r.slice(from.length);
      break;
    }
  }
  return r;
}

const ALIASES: readonly [string, string][] = [
  ['__builtin__', 'builtins'], ['__builtins__', 'builtins'], ['posix', 'os'], ['nt', 'os'], ['posixpath', 'os.path'], ['ntpath', 'os.path'],
  ['commands', 'subprocess'], ['cPickle', 'pickle'], ['_pickle', 'pickle'], ['urllib2.urlopen', 'urllib.request.urlopen'],
  ['urllib2.Request', 'urllib.request.Request'], ['urllib.urlopen', 'urllib.request.urlopen'], ['urllib.urlretrieve', 'urllib.request.urlretrieve'],
  ['io.open', 'builtins.open'], ['_io.open', 'builtins.open'], ['codecs.open', 'builtins.open'], ['pathlib.PosixPath', 'pathlib.Path'],
  ['pathlib.WindowsPath', 'pathlib.Path'], ['pathlib.PurePath', 'pathlib.Path'], ['pathlib.PurePosixPath', 'pathlib.Path'], ['imp.load_source', 'importlib.load_source']
];

export interface Scope {
  kind: 'module' | 'function' | 'class';
  vars: Map<string, Val>;
  parent?: Scope;
  marks: Map<string, Mark>;
  /** Lines where something was downloaded into a file in this scope. */
  downloads: number[];
  params: Map<string, number>;
  fn?: FnInfo;
  cls?: ClassInfo;
  selfName?: string;
  returns?: Val;
}

export function newScope(kind: Scope['kind'], parent?: Scope): Scope {
  return { kind, vars: new Map(), ...(parent ? { parent } : {}), marks: new Map(), downloads: [], params: new Map() };
}
