// NumPy data types, sized and classified the way numpy builds them: `numpy.dtype(str)` (descriptor.c
// _convert_from_str), `numpy.dtype((base, shape))` (_convert_from_tuple) and the `.npy` header's descr_to_dtype
// (numpy/lib/format.py). What matters for security is one bit — does the dtype hold Python objects (then the data
// is a pickle) — and the item size, which says where the data ends. Anything this module cannot decide exactly is
// `unknown`: the caller fails closed. Sizes are those of 64-bit Linux, where numpy's platform types are widest.
import { ELLIPSIS, PyBytes, PyDict, PyList, PyNum, PySet, PyTuple, type PyLit } from './pylit.js';

export interface Dtype {
  itemsize: number;
  hasobject: boolean;
  /** numpy's kind letter: b i u f c O S U V M m. */
  kind: string;
  /** A flexible type (S, U, V) whose item size a pickled __setstate__ may set. */
  flexible: boolean;
}

/** numpy raises (the load stops there), or this module cannot tell what numpy does (fail closed). */
export type DtypeFailure = { raises: string } | { unknown: string };
export type DtypeResult = Dtype | DtypeFailure;

export function isDtype(r: DtypeResult): r is Dtype {
  return 'itemsize' in r;
}

const INT_MAX = 2 ** 31 - 1;

const T = (kind: string, itemsize: number, hasobject = false): Dtype => ({ itemsize, hasobject, kind, flexible: kind === 'S' || kind === 'U' || kind === 'V' });

/** One-character type codes (PyArray_DescrFromType of the character). */
const CHAR_CODES: Readonly<Record<string, Dtype>> = {
  '?': T('b', 1), b: T('i', 1), B: T('u', 1), h: T('i', 2), H: T('u', 2), i: T('i', 4), I: T('u', 4), l: T('i', 8), L: T('u', 8),
  q: T('i', 8), Q: T('u', 8), p: T('i', 8), P: T('u', 8), e: T('f', 2), f: T('f', 4), d: T('f', 8), g: T('f', 16), F: T('c', 8),
  D: T('c', 16), G: T('c', 32), O: T('O', 8, true), S: T('S', 0), U: T('U', 0), V: T('V', 0), c: T('S', 1), M: T('M', 8), m: T('m', 8)
};

/** Kind letter + size (PyArray_TypestrConvert), for the non-flexible kinds. */
const SIZED: Readonly<Record<string, readonly number[]>> = {
  b: [1], i: [1, 2, 4, 8], u: [1, 2, 4, 8], f: [2, 4, 8, 16], c: [8, 16, 32], O: [8]
};

/**
 * Names numpy looks up in its type dictionary (numpy 1.24 and 2.x; an alias only one of them knows is taken as the
 * one that loads, and every alias of `object` is an object dtype).
 */
const NAMES: Readonly<Record<string, Dtype>> = (() => {
  const out: Record<string, Dtype> = {};
  const add = (d: Dtype, ...names: string[]): void => { for (const n of names) out[n] = d; };
  add(T('O', 8, true), 'object', 'object_', 'object0');
  add(T('b', 1), 'bool', 'bool_', 'bool8');
  add(T('i', 1), 'int8', 'byte');
  add(T('u', 1), 'uint8', 'ubyte');
  add(T('i', 2), 'int16', 'short');
  add(T('u', 2), 'uint16', 'ushort');
  add(T('i', 4), 'int32', 'intc');
  add(T('u', 4), 'uint32', 'uintc');
  add(T('i', 8), 'int64', 'int_', 'int', 'intp', 'long', 'longlong', 'int0');
  add(T('u', 8), 'uint64', 'uint', 'uintp', 'ulong', 'ulonglong', 'uint0');
  add(T('f', 2), 'float16', 'half');
  add(T('f', 4), 'float32', 'single');
  add(T('f', 8), 'float64', 'double', 'float', 'float_');
  add(T('f', 16), 'float128', 'longdouble', 'longfloat');
  add(T('c', 8), 'complex64', 'csingle', 'singlecomplex');
  add(T('c', 16), 'complex128', 'cdouble', 'complex', 'cfloat', 'complex_');
  add(T('c', 32), 'complex256', 'clongdouble', 'clongfloat', 'longcomplex');
  add(T('U', 0), 'str', 'str_', 'unicode', 'unicode_', 'str0');
  add(T('S', 0), 'bytes', 'bytes_', 'string_', 'bytes0');
  add(T('V', 0), 'void', 'void0');
  return out;
})();

/** C strtol(s, &end, 10) over all of `s`: the value when it parses to the end, else null. */
function strtol10(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m) return null;
  const v = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return v;
}

function isDatetime(s: string): boolean {
  return (s.length >= 2 && (s[0] === 'M' || s[0] === 'm') && s[1] === '8') || s.startsWith('datetime64') || s.startsWith('timedelta64');
}

/** numpy.dtype(s) for a str (descriptor.c _convert_from_str). */
export function dtypeFromString(s: string): DtypeResult {
  const shown = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
  const notUnderstood = { raises: `data type ${shown} not understood` };
  if (s.length === 0) return notUnderstood;
  // Comma strings ('f8,i4'), repeat counts ('3f8') and shapes ('(2,)f8') build structured types: not evaluated here.
  const c0 = s[0] as string;
  const bo = c0 === '<' || c0 === '>' || c0 === '|' || c0 === '=';
  if (/[0-9]/.test(c0) || (s.length > 1 && bo && /[0-9]/.test(s[1] as string)) || s.startsWith('()') || (s.length > 3 && bo && s.startsWith('()', 1)) ||
    /,/.test(s.replace(/\[[^\]]*\]/g, ''))) {
    return { unknown: `the comma-string dtype ${shown} is not evaluated by Model Gate` };
  }
  const type = bo ? s.slice(1) : s;
  if (type.length === 0) return notUnderstood;
  if (isDatetime(type)) return T(type[0] === 'm' || type.startsWith('timedelta') ? 'm' : 'M', 8);
  if (type.length === 1) {
    const d = CHAR_CODES[type];
    return d ?? NAMES[s] ?? { unknown: `the type code ${shown} is not one Model Gate knows` };
  }
  const n = strtol10(type.slice(1));
  if (n !== null) {
    if (n > INT_MAX || n < 0) return notUnderstood;
    const kind = type[0] as string;
    if (kind === 'S' || kind === 'V') return T(kind, n);
    if (kind === 'U') return n > INT_MAX / 4 ? notUnderstood : T('U', n * 4);
    const sizes = SIZED[kind];
    if (sizes?.includes(n)) return kind === 'b' ? T('b', 1) : T(kind, n, kind === 'O');
    // Not a kind+size numpy knows: its type dictionary is consulted with the whole string.
    if (sizes) return NAMES[s] ?? notUnderstood;
    return NAMES[s] ?? { unknown: `the type code ${shown} is not one Model Gate knows` };
  }
  if (/^[0-9]/.test(type.slice(1).trimStart())) return notUnderstood;
  const named = NAMES[s];
  if (named) return named;
  if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s)) return { unknown: `the dtype name ${shown} is not one Model Gate knows` };
  return notUnderstood;
}

function prod(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A subarray shape (PyArray_IntpConverter): an int or a tuple/list of ints, each 0..INT_MAX. */
function subShape(v: PyLit): number[] | DtypeFailure {
  const items = typeof v === 'bigint' || typeof v === 'boolean' ? [v] : v instanceof PyTuple || v instanceof PyList ? v.items : null;
  if (!items) return { unknown: 'a subarray shape that is not an int or a sequence of ints' };
  const out: number[] = [];
  for (const d of items) {
    const n = typeof d === 'boolean' ? (d ? 1 : 0) : typeof d === 'bigint' ? d : null;
    if (n === null) return { unknown: 'a subarray dimension that is not an int' };
    if (n < 0n || n > BigInt(INT_MAX)) return { raises: 'invalid shape in fixed-type tuple' };
    out.push(Number(n));
  }
  if (out.length > 64) return { raises: 'invalid shape in fixed-type tuple' };
  return out;
}

/** numpy.dtype((base, second)) for a dtype already built (descriptor.c _convert_from_tuple). */
export function dtypeWithShape(base: Dtype, second: PyLit): DtypeResult {
  if (typeof second === 'string' || second instanceof PyList || second instanceof PyDict || second instanceof PySet) {
    return { unknown: 'a (dtype, dtype) union or metadata tuple is not evaluated by Model Gate' };
  }
  if (base.flexible && base.itemsize === 0 && (typeof second === 'bigint' || typeof second === 'boolean')) {
    // An unsized flexible type takes the int as its size.
    const n = Number(second);
    const size = base.kind === 'U' ? n * 4 : n;
    if (n < 0 || size > INT_MAX) return { raises: 'invalid itemsize in generic type tuple' };
    return { ...base, itemsize: size };
  }
  const shape = subShape(second);
  if (!Array.isArray(shape)) return shape;
  if (second instanceof PyTuple && shape.length === 0) return base;
  const items = prod(shape);
  const bytes = items * base.itemsize;
  if (items > INT_MAX || bytes > INT_MAX) return { raises: 'invalid shape in fixed-type tuple: dtype size in bytes must fit into a C int' };
  return { itemsize: bytes, hasobject: base.hasobject, kind: 'V', flexible: true };
}

/** The dtype a `.npy` header's descr describes (numpy/lib/format.py descr_to_dtype). */
export function descrToDtype(descr: PyLit, depth = 0): DtypeResult {
  if (depth > 64) return { unknown: 'the descr nests too deeply' };
  if (typeof descr === 'string') return dtypeFromString(descr);
  if (descr instanceof PyTuple) {
    if (descr.items.length !== 2) {
      // descr[0] and descr[1] are read first; a tuple of another size fails in numpy.dtype((dt, shape)).
      if (descr.items.length < 2) return { raises: 'descr tuple is too short' };
      const first = descrToDtype(descr.items[0] as PyLit, depth + 1);
      return isDtype(first) ? { raises: 'Tuple must have size 2' } : first;
    }
    const base = descrToDtype(descr.items[0] as PyLit, depth + 1);
    if (!isDtype(base)) return base;
    return dtypeWithShape(base, descr.items[1] as PyLit);
  }
  // Anything else is iterated as a list of fields: (name, descr) or (name, descr, shape).
  let fields: PyLit[];
  if (descr instanceof PyList) fields = descr.items;
  else if (descr instanceof PyDict) fields = descr.entries.map(([k]) => k);
  else if (descr instanceof PySet) {
    if (descr.items.length > 1) return { unknown: 'a descr that is a set of fields has no defined order' };
    fields = descr.items;
  } else if (descr instanceof PyBytes || descr === null || typeof descr === 'boolean' || typeof descr === 'bigint' || descr instanceof PyNum || descr === ELLIPSIS) {
    return { raises: 'descr is not a valid dtype descriptor' };
  } else return { unknown: 'descr of an unexpected kind' };
  let size = 0;
  let hasobject = false;
  for (const field of fields) {
    const parts = fieldParts(field);
    if (!Array.isArray(parts)) return parts;
    let dt = descrToDtype(parts[1] as PyLit, depth + 1);
    if (!isDtype(dt)) return dt;
    if (parts.length === 3) {
      dt = dtypeWithShape(dt, parts[2] as PyLit);
      if (!isDtype(dt)) return dt;
    }
    hasobject ||= dt.hasobject;
    size += dt.itemsize;
    if (size > INT_MAX) return { raises: 'structured dtype larger than a C int' };
  }
  return { itemsize: size, hasobject, kind: 'V', flexible: true };
}

/** A field: len 2 or 3, unpacked like Python unpacks it (a str unpacks into its characters). */
function fieldParts(field: PyLit): PyLit[] | DtypeFailure {
  let items: PyLit[];
  if (field instanceof PyTuple || field instanceof PyList) items = field.items;
  else if (typeof field === 'string') items = [...field];
  else if (field instanceof PyDict) items = field.entries.map(([k]) => k);
  else if (field instanceof PyBytes) return { raises: 'a bytes field unpacks into ints, which are not dtypes' };
  else if (field instanceof PySet) {
    if (field.items.length > 1) return { unknown: 'a field that is a set has no defined order' };
    items = field.items;
  } else return { raises: 'a field must be a (name, format[, shape]) sequence' };
  if (items.length !== 2 && items.length !== 3) return { raises: 'a field must have 2 or 3 items' };
  return items;
}
