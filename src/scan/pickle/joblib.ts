// joblib's in-stream arrays: after a NumpyArrayWrapper is built, joblib reads the array's raw bytes straight from
// the file (joblib/numpy_pickle.py, NumpyArrayWrapper.read_array): an optional padding-length byte and padding,
// then prod(shape) × itemsize bytes — or, for object dtypes, a whole nested pickle.
import { Cont, Glob, Obj, type V, dictGet, tupleItems } from './values.js';

export const JOBLIB_WRAPPERS: ReadonlySet<string> = new Set([
  'joblib.numpy_pickle.NumpyArrayWrapper', 'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper'
]);

export interface JoblibArray {
  /** Array bytes that follow (0 for object arrays, which are a nested pickle instead). */
  bytes: number;
  objects: boolean;
  /** True when a padding-length byte comes first (joblib ≥ 0.12 writes `numpy_array_alignment_bytes`). */
  padded: boolean;
}

export function isJoblibWrapper(v: V | undefined): boolean {
  return v instanceof Obj && v.fn instanceof Glob && JOBLIB_WRAPPERS.has(`${v.fn.module}.${v.fn.name}`);
}

interface DtypeInfo { itemsize: number; objects: boolean }

/** A numpy.dtype(...) value rebuilt by REDUCE + BUILD: its item size and whether it holds Python objects. */
function dtypeInfo(v: V | undefined, depth = 0): DtypeInfo | string {
  if (depth > 8) return 'dtype nests too deeply';
  if (!(v instanceof Obj) || !(v.fn instanceof Glob) || `${v.fn.module}.${v.fn.name}` !== 'numpy.dtype') return 'dtype is not a numpy.dtype(...) call';
  const code = tupleItems(v.args)?.[0];
  if (typeof code !== 'string') return 'dtype code is not a literal string';
  const m = /^([a-zA-Z])(\d*)$/.exec(code);
  if (!m) return `dtype code ${JSON.stringify(code)} is not understood`;
  const kind = m[1] ?? '';
  const state = tupleItems(v.state ?? null);
  let objects = kind === 'O';
  // State (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]).
  const subarray = state?.[2];
  if (subarray instanceof Cont) {
    const sub = dtypeInfo(tupleItems(subarray)?.[0], depth + 1);
    if (typeof sub === 'string') return sub;
    objects ||= sub.objects;
  }
  const fields = state?.[4];
  if (fields instanceof Cont) {
    if (!fields.items) return 'structured dtype fields were not kept';
    for (let i = 1; i < fields.items.length; i += 2) {
      const f = dtypeInfo(tupleItems(fields.items[i] ?? null)?.[0], depth + 1);
      if (typeof f === 'string') return f;
      objects ||= f.objects;
    }
  }
  const elsize = state?.[5];
  let itemsize: number;
  if (typeof elsize === 'number' && elsize > 0) itemsize = elsize;
  else if (m[2]) itemsize = Number(m[2]) * (kind === 'U' ? 4 : 1);
  else if (typeof elsize === 'number' && elsize === 0) itemsize = 0;
  else return `dtype ${code} has no item size`;
  return { itemsize, objects };
}

/** What follows a NumpyArrayWrapper with this BUILD state, or why it cannot be known (the caller fails closed). */
export function joblibArray(state: V | undefined): JoblibArray | string {
  const shape = tupleItems(dictGet(state, 'shape'));
  if (!shape) return 'array shape is not a literal tuple';
  const dt = dtypeInfo(dictGet(state, 'dtype'));
  if (typeof dt === 'string') return dt;
  const align = dictGet(state, 'numpy_array_alignment_bytes');
  const padded = align !== undefined && align !== null;
  if (padded && typeof align !== 'number') return 'numpy_array_alignment_bytes is not an integer';
  if (dt.objects) return { bytes: 0, objects: true, padded: false };
  let count = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) return 'array shape holds a non-integer';
    count *= d;
  }
  const bytes = count * dt.itemsize;
  if (!Number.isSafeInteger(bytes)) return 'array is too large to skip exactly';
  return { bytes, objects: false, padded };
}
