// joblib's in-stream arrays, as joblib.load reads them (joblib/numpy_pickle.py, 1.2 and current): its
// NumpyUnpickler (the pure-Python pickle._Unpickler) runs every BUILD, and when the object on top of the stack is
// then an instance of NumpyArrayWrapper (or the pre-0.10 NDArrayWrapper), it reads the array straight from the
// file: for a dtype with Python objects a whole pickle, otherwise an optional padding-length byte and padding and
// prod(shape) × itemsize bytes — all from the wrapper's attributes, as numpy computes them. This module decides
// whether a value is such an instance, keeps its attributes across BUILDs, and says what joblib reads next.
import { dtypeFromString, isDtype, type Dtype, type DtypeResult } from '../npy-dtype.js';
import { Cont, Glob, Obj, Opaque, Pers, type V, tupleItems } from './values.js';
import { OP } from './opcodes.js';

export type WrapperKind = 'array' | 'nd' | 'znd';

const CLASSES: ReadonlyMap<string, WrapperKind> = new Map([
  ...['joblib.numpy_pickle', 'sklearn.externals.joblib.numpy_pickle'].map((m) => [`${m}.NumpyArrayWrapper`, 'array'] as const),
  ...['joblib.numpy_pickle', 'joblib.numpy_pickle_compat', 'sklearn.externals.joblib.numpy_pickle', 'sklearn.externals.joblib.numpy_pickle_compat']
    .flatMap((m) => [[`${m}.NDArrayWrapper`, 'nd'] as const, [`${m}.ZNDArrayWrapper`, 'znd'] as const])
]);

/** What a pickled numpy dtype's reduce names as the class (numpy 1.x, numpy 2.x, and the public alias). */
const DTYPE_CLASSES: ReadonlySet<string> = new Set([
  'numpy.dtype', 'numpy.core.multiarray.dtype', 'numpy._core.multiarray.dtype', 'numpy.core._multiarray_umath.dtype',
  'numpy._core._multiarray_umath.dtype'
]);

/** The joined dotted path a global resolves to (protocol 4 lets the name itself be dotted). */
function path(v: V): string | null {
  return v instanceof Glob && !v.dynamic ? `${v.module}.${v.name}` : null;
}

/** The wrapper kind a `module.name` global names, if it is one of joblib's wrapper classes. */
export function wrapperKindOf(full: string): WrapperKind | null {
  return CLASSES.get(full) ?? null;
}

export function wrapperClass(v: V): WrapperKind | null {
  const p = path(v);
  return p === null ? null : (CLASSES.get(p) ?? null);
}

export interface Instance { kind: WrapperKind; /** __init__'s positional arguments when it ran, else null. */ init: V[] | null }

/**
 * Whether `v` is an instance of a joblib wrapper class, built the ways an unpickler builds one: NEWOBJ and
 * NEWOBJ_EX (cls.__new__, no __init__), REDUCE or INST/OBJ with arguments (__init__), INST/OBJ without arguments
 * (__new__), copyreg._reconstructor(cls, object, None) (protocols 0 and 1) and copyreg.__newobj__(cls, ...).
 */
export function instanceOf(v: V | undefined): Instance | { unknown: string } | null {
  if (!(v instanceof Obj)) return null;
  const direct = wrapperClass(v.fn);
  const args = tupleItems(v.args);
  if (direct) {
    if (v.via === OP.NEWOBJ || v.via === OP.NEWOBJ_EX) return { kind: direct, init: null };
    if (!args) return { unknown: 'the arguments of the call that built the wrapper were not kept' };
    if ((v.via === OP.INST || v.via === OP.OBJ) && args.length === 0) return { kind: direct, init: null };
    return { kind: direct, init: args };
  }
  const fn = path(v.fn);
  if (fn === 'copyreg._reconstructor' || fn === 'copyreg.__newobj__' || fn === 'copyreg.__newobj_ex__') {
    const cls = args ? wrapperClass(args[0] ?? null) : null;
    if (!args) return null;
    if (!cls) return null;
    if (fn === 'copyreg._reconstructor' && path(args[1] ?? null) !== 'builtins.object') {
      return { unknown: 'copyreg._reconstructor builds the wrapper through a base class other than object' };
    }
    return { kind: cls, init: null };
  }
  return null;
}

const INIT_PARAMS: Readonly<Record<WrapperKind, readonly string[]>> = {
  array: ['subclass', 'shape', 'order', 'dtype', 'allow_mmap', 'numpy_array_alignment_bytes'],
  nd: ['filename', 'subclass', 'allow_mmap'],
  znd: ['filename', 'init_args', 'state']
};
const INIT_DEFAULTS: Readonly<Record<WrapperKind, readonly V[]>> = {
  array: [false, 16], nd: [true], znd: []
};

/** Truthiness of a value, when it is known. */
function truthy(v: V): boolean | null {
  if (v === null || v === false || v === 0 || v === 0n || v === '') return false;
  if (v === true || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return true;
  if (v instanceof Cont) return v.n > 0;
  if (v instanceof Glob) return true;
  return null;
}

/** Keys and values of a kept dict, or null. */
function dictEntries(v: V): [V, V][] | null {
  if (!(v instanceof Cont) || v.kind !== 'dict' || !v.items) return null;
  const out: [V, V][] = [];
  for (let i = 0; i + 1 < v.items.length; i += 2) out.push([v.items[i] as V, v.items[i + 1] as V]);
  return out;
}

export type Outcome = { ok: true } | { raises: string } | { unknown: string };

/**
 * The attributes after BUILD(state) on a wrapper instance: those __init__ set, then pickle._Unpickler.load_build's
 * default path (no __setstate__): a 2-tuple is (dict state, slot state); a truthy dict state updates __dict__, a
 * truthy slot state is set attribute by attribute. The attributes accumulate on the object across BUILDs.
 */
export function applyBuild(obj: Obj, inst: Instance, state: V): Outcome {
  if (!obj.attrs) {
    obj.attrs = new Map();
    if (inst.init) {
      const params = INIT_PARAMS[inst.kind];
      const defaults = INIT_DEFAULTS[inst.kind];
      const required = params.length - defaults.length;
      if (inst.init.length < required || inst.init.length > params.length) {
        return { raises: `${inst.kind === 'array' ? 'NumpyArrayWrapper' : 'NDArrayWrapper'}.__init__ got ${inst.init.length} arguments` };
      }
      params.forEach((p, i) => obj.attrs?.set(p, i < (inst.init as V[]).length ? (inst.init as V[])[i] as V : defaults[i - required] as V));
    }
  }
  let dictState: V = state;
  let slotState: V = null;
  const pair = tupleItems(state);
  if (state instanceof Cont && state.kind === 'tuple') {
    if (!pair) return { unknown: 'the BUILD state tuple was not kept' };
    if (pair.length === 2) { dictState = pair[0] as V; slotState = pair[1] as V; }
  }
  for (const [part, what] of [[dictState, 'state'], [slotState, 'slot state']] as const) {
    const t = truthy(part);
    if (t === false) continue;
    const entries = dictEntries(part);
    if (!entries) {
      if (part instanceof Cont && part.kind !== 'dict') return { raises: `the BUILD ${what} is not a dict` };
      if (typeof part === 'string' || typeof part === 'number' || typeof part === 'bigint' || part === true) return { raises: `the BUILD ${what} is not a dict` };
      return { unknown: `the BUILD ${what} is not a dict whose items were kept` };
    }
    for (const [k, v] of entries) {
      if (typeof k === 'string') obj.attrs.set(k, v);
      else if (!(typeof k === 'number' || typeof k === 'bigint' || k === null || typeof k === 'boolean')) {
        return { unknown: 'a BUILD state key is not a plain value' };
      }
    }
  }
  return { ok: true };
}

/** A numpy.dtype(...) call rebuilt by the unpickler: its size and object flag after __setstate__ (descriptor.c). */
export function pickledDtype(v: V | undefined): DtypeResult {
  if (v instanceof Opaque || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v === null) {
    return { raises: "the dtype attribute is not a dtype (it has no 'hasobject')" };
  }
  if (!(v instanceof Obj) || !DTYPE_CLASSES.has(path(v.fn) ?? '') || !(v.via === OP.REDUCE || v.via === OP.NEWOBJ)) {
    return { unknown: 'the dtype attribute is not a numpy.dtype(...) call' };
  }
  const code = tupleItems(v.args)?.[0];
  if (typeof code !== 'string') return { unknown: 'the numpy.dtype(...) argument is not a literal string' };
  const base = dtypeFromString(code);
  if (!isDtype(base) || v.state === undefined) return base;
  return setState(base, v.state);
}

function int(v: V | undefined): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null;
}

/** dtype.__setstate__(state): only what decides the item size and `hasobject` (the object flag). */
function setState(base: Dtype, state: V): DtypeResult {
  const items = tupleItems(state);
  if (!items) return { unknown: 'the dtype state is not a kept tuple' };
  if (items.length < 7 || items.length > 9) return { unknown: `a dtype state of ${items.length} items is not evaluated by Model Gate` };
  const [version, endian, , names, fields, elsize] = items;
  const ver = int(version);
  if (ver === null) return { unknown: 'the dtype state version is not an int' };
  if (ver < 0 || ver > 4) return { raises: `numpy cannot handle version ${ver} of a dtype pickle` };
  if (typeof endian !== 'string' || endian.length !== 1) return { unknown: 'the dtype byte order is not a one-character str' };
  if ((fields === null) !== (names === null)) return { raises: 'inconsistent fields and names in a numpy dtype pickle' };
  let itemsize = base.itemsize;
  if (base.flexible) {
    const n = int(elsize);
    if (n === null || n < 0) return { unknown: 'the dtype state item size is not a non-negative int' };
    itemsize = n;
  }
  let hasobject: boolean;
  if (ver >= 3) {
    // The flags are taken as pickled; numpy 1.x keeps them in a C char (-128..127), 2.x in 64 bits.
    const f = items.length >= 8 ? int(items[7]) : 0;
    if (f === null) return { unknown: 'the dtype state flags are not an int' };
    if (f < -128) return { raises: 'incorrect value for the dtype flags (overflow)' };
    hasobject = ((f < 0 ? f + 128 : f) & 1) === 1;
  } else {
    const f = items.length >= 8 ? int(items[7]) : 0;
    if (f === null) return { unknown: 'the dtype state flags are not an int' };
    hasobject = f !== 0 || base.kind === 'O';
    if (!hasobject && fields !== null && fields !== undefined) {
      const entries = dictEntries(fields);
      if (!entries) return { unknown: 'the fields of a structured dtype were not kept' };
      for (const [, spec] of entries) {
        const sub = pickledDtype(tupleItems(spec)?.[0]);
        if (!isDtype(sub)) return sub;
        hasobject ||= sub.hasobject;
      }
    }
  }
  return { ...base, itemsize, hasobject };
}

/** What joblib.load reads from the stream for one wrapper, or why it stops, or why that cannot be known. */
export type ReadPlan =
  | { kind: 'raw'; padded: boolean; bytes: number; /** Why these raw bytes become Python object pointers, if they do. */ pointers: string | null }
  | { kind: 'objects' }
  | { kind: 'none'; file: V }
  | { kind: 'raises'; why: string }
  | { kind: 'unknown'; why: string };

export interface Plans {
  /** joblib.load(f): NumpyArrayWrapper.read_array. */
  read: ReadPlan;
  /** joblib.load(f, mmap_mode=...) where it reads the stream differently (read_mmap), else null. */
  mmap: ReadPlan | null;
}

const INT64_MAX = (1n << 63n) - 1n;

/** The element count: len 0 → 1, else the product of int64(dim); a negative or overflowing shape fails the load. */
function count(shape: V | undefined): bigint | ReadPlan {
  if (shape === undefined) return { kind: 'raises', why: "the wrapper has no 'shape'" };
  if (typeof shape === 'string') return { kind: 'raises', why: 'the shape is a str, which the array cannot be reshaped to' };
  if (!(shape instanceof Cont) || (shape.kind !== 'tuple' && shape.kind !== 'list')) {
    if (shape === null || typeof shape === 'number' || typeof shape === 'bigint' || typeof shape === 'boolean') return { kind: 'raises', why: 'the shape has no len()' };
    return { kind: 'unknown', why: 'the shape is not a literal tuple or list' };
  }
  if (!shape.items) return { kind: 'unknown', why: 'the shape was not kept' };
  let n = 1n;
  for (const d of shape.items) {
    const v = typeof d === 'number' && Number.isInteger(d) ? BigInt(d) : typeof d === 'bigint' ? d : typeof d === 'boolean' ? (d ? 1n : 0n) : null;
    if (v === null) {
      if (d === null || typeof d === 'string' || d instanceof Cont || d === undefined) return { kind: 'raises', why: 'a dimension is not an int' };
      return { kind: 'unknown', why: 'a dimension is not a literal int' };
    }
    if (v < 0n) return { kind: 'raises', why: 'a dimension is negative' };
    if (v > INT64_MAX) return { kind: 'raises', why: 'a dimension does not fit numpy.int64' };
    n *= v;
  }
  if (n > INT64_MAX) return { kind: 'raises', why: 'the element count overflows int64, so the array cannot be reshaped' };
  return n;
}

/** NumpyArrayWrapper.read / read_array / read_mmap, from the attributes. */
export function plans(inst: Instance, attrs: ReadonlyMap<string, V>): Plans {
  if (inst.kind !== 'array') return { read: { kind: 'none', file: attrs.get('filename') ?? null }, mmap: null };
  const c = count(attrs.get('shape'));
  if (typeof c !== 'bigint') return { read: c, mmap: null };
  if (!attrs.has('dtype')) return { read: { kind: 'raises', why: "the wrapper has no 'dtype'" }, mmap: null };
  const dt = pickledDtype(attrs.get('dtype'));
  if (!isDtype(dt)) return { read: 'raises' in dt ? { kind: 'raises', why: dt.raises } : { kind: 'unknown', why: dt.unknown }, mmap: null };
  const align = attrs.get('numpy_array_alignment_bytes');
  const padded = align !== undefined && align !== null;
  const bytes = c * BigInt(dt.itemsize);
  const sized = (pointers: string | null): ReadPlan => (bytes > BigInt(Number.MAX_SAFE_INTEGER)
    ? { kind: 'raises', why: 'the array is larger than any file' }
    : { kind: 'raw', padded, bytes: Number(bytes), pointers });
  const read: ReadPlan = dt.hasobject ? { kind: 'objects' } : dt.itemsize === 0 ? { kind: 'raises', why: 'the item size is 0 (joblib divides by it)' }
    : sized(dt.kind === 'O' ? "an object dtype without numpy's object flag: joblib builds Python objects from raw file bytes" : null);
  // mmap_mode reads the same bytes through numpy.memmap when allow_mmap is set; it differs for object dtypes
  // (memory-mapped, not unpickled) and zero-size items (no division).
  const mm = attrs.get('allow_mmap');
  const mmapOn = mm === undefined ? false : truthy(mm);
  let mmap: ReadPlan | null = null;
  if (mmapOn === null) mmap = { kind: 'unknown', why: 'allow_mmap is not a literal' };
  else if (mmapOn && (dt.hasobject || dt.itemsize === 0)) {
    mmap = sized(dt.hasobject ? 'an object array that allow_mmap lets joblib.load(mmap_mode=...) memory-map: its Python object pointers come from the file' : null);
  }
  return { read, mmap };
}

/** Short description of a value for messages. */
export function shown(v: V): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  if (v instanceof Pers) return 'a persistent-id object';
  return typeof v === 'object' && v !== null ? 'a value that is not a literal string' : String(v);
}
