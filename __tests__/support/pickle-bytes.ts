// Pickle bytes written opcode by opcode, the way CPython's pickler (Lib/pickle.py) lays them out for a protocol,
// plus builders for what real tools emit (torch.save, legacy torch, numpy, joblib). Nothing is ever pickled or
// unpickled: every byte is placed here by hand.

export const latin = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function cat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const le = (v: number | bigint, n: number): number[] => {
  let b = BigInt.asUintN(n * 8, BigInt(v));
  const out: number[] = [];
  for (let i = 0; i < n; i++) { out.push(Number(b & 0xffn)); b >>= 8n; }
  return out;
};
export const u32le = (v: number): number[] => le(v, 4);
export const u64le = (v: number | bigint): number[] => le(v, 8);

/** LONG1/LONG4 payload: minimal little-endian two's complement, as pickle.encode_long. */
export function encodeLong(v: bigint): number[] {
  if (v === 0n) return [];
  let n = 1;
  while (v >= 1n << BigInt(8 * n - 1) || v < -(1n << BigInt(8 * n - 1))) n++;
  return le(v, n);
}

/** Writes opcodes into a buffer; `memo` counts memo slots as the pickler does. */
export class PickleWriter {
  private readonly out: number[] = [];
  /** Frame boundaries for protocol 4+: indices into `out` where a new frame starts. */
  private readonly frameCuts: number[] = [];
  private readonly unframed: [number, number][] = [];
  memo = 0;

  constructor(readonly proto: number) {}

  raw(b: Uint8Array | number[] | string): this {
    const bytes = typeof b === 'string' ? latin(b) : b;
    for (const x of bytes) this.out.push(x);
    return this;
  }

  // ── protocol-shaped opcodes ──
  mark(): this { return this.raw('('); }
  stop(): this { return this.raw('.'); }
  none(): this { return this.raw('N'); }
  bool(b: boolean): this { return this.proto >= 2 ? this.raw([b ? 0x88 : 0x89]) : this.raw(b ? 'I01\n' : 'I00\n'); }
  emptyTuple(): this { return this.raw(')'); }
  emptyList(): this { return this.raw(']'); }
  emptyDict(): this { return this.raw('}'); }
  emptySet(): this { return this.raw([0x8f]); }
  tuple(n: number): this {
    if (n === 0) return this.emptyTuple();
    if (this.proto >= 2 && n <= 3) return this.raw([0x84 + n]);
    return this.raw('t'); // caller wrote the MARK
  }
  append(): this { return this.raw('a'); }
  appends(): this { return this.raw('e'); }
  setitem(): this { return this.raw('s'); }
  setitems(): this { return this.raw('u'); }
  reduce(): this { return this.raw('R'); }
  build(): this { return this.raw('b'); }
  newobj(): this { return this.raw([0x81]); }
  binpersid(): this { return this.raw('Q'); }

  int(v: number | bigint): this {
    const n = BigInt(v);
    if (this.proto >= 1) {
      if (n >= 0n && n < 256n) return this.raw([0x4b, Number(n)]);
      if (n >= 0n && n < 65536n) return this.raw([0x4d, ...le(n, 2)]);
      if (n >= -(2n ** 31n) && n < 2n ** 31n) return this.raw([0x4a, ...le(n, 4)]);
    }
    if (this.proto >= 2) {
      const b = encodeLong(n);
      return b.length < 256 ? this.raw([0x8a, b.length, ...b]) : this.raw([0x8b, ...u32le(b.length), ...b]);
    }
    return this.raw(n >= -(2n ** 31n) && n < 2n ** 31n ? `I${n}\n` : `L${n}L\n`);
  }

  float(x: number): this {
    if (this.proto < 1) return this.raw(`F${x}\n`);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    return this.raw([0x47, ...b]);
  }

  str(s: string): this {
    const b = utf8(s);
    if (this.proto >= 4 && b.length < 256) this.raw([0x8c, b.length]).raw(b);
    else if (this.proto >= 4 && b.length > 0xffffffff) this.raw([0x8d, ...u64le(b.length)]).raw(b);
    else if (this.proto >= 1) this.raw([0x58, ...u32le(b.length)]).raw(b);
    else this.raw('V').raw(s.replace(/\\/g, '\\u005c').replace(/\n/g, '\\u000a')).raw('\n');
    return this.memoize();
  }

  /** bytes as the pickler writes them: BINBYTES for protocol 3+, `_codecs.encode(latin1 str, 'latin1')` below. */
  bytes(b: Uint8Array): this {
    if (this.proto >= 3) {
      if (b.length < 256) this.raw([0x43, b.length]);
      else if (b.length <= 0xffffffff) this.raw([0x42, ...u32le(b.length)]);
      else this.raw([0x8e, ...u64le(b.length)]);
      return this.raw(b).memoize();
    }
    this.global('_codecs', 'encode');
    this.str(String.fromCharCode(...b));
    this.str('latin1');
    return this.tuple(2).memoize().reduce().memoize();
  }

  global(module: string, name: string): this {
    if (this.proto >= 4) {
      this.str(module).str(name);
      return this.raw([0x93]).memoize();
    }
    return this.raw(`c${module}\n${name}\n`).memoize();
  }

  memoize(): this {
    const i = this.memo++;
    if (this.proto >= 4) return this.raw([0x94]);
    if (this.proto === 0) return this.raw(`p${i}\n`);
    return i < 256 ? this.raw([0x71, i]) : this.raw([0x72, ...u32le(i)]);
  }

  get(i: number): this {
    if (this.proto === 0) return this.raw(`g${i}\n`);
    return i < 256 ? this.raw([0x68, i]) : this.raw([0x6a, ...u32le(i)]);
  }

  /** Protocol 4+: close the current frame here (the pickler commits frames at object boundaries). */
  commit(): this {
    this.frameCuts.push(this.out.length);
    return this;
  }

  /** Protocol 4+: bytes written outside any frame (the pickler's write_large_bytes, joblib's raw arrays). */
  unframedRaw(b: Uint8Array | number[]): this {
    const start = this.out.length;
    this.raw(b);
    this.unframed.push([start, this.out.length]);
    return this;
  }

  /** PROTO, then the body — framed for protocol 4+ as _Framer does — ending with what the caller wrote (STOP). */
  bytesOut(): Uint8Array {
    const head = this.proto >= 2 ? [0x80, this.proto] : [];
    const body = Uint8Array.from(this.out);
    if (this.proto < 4) return cat(head, body);
    const parts: Uint8Array[] = [Uint8Array.from(head)];
    const cuts = [...new Set([...this.frameCuts, ...this.unframed.flat(), body.length])].sort((a, b) => a - b);
    let from = 0;
    for (const to of cuts) {
      if (to <= from) continue;
      const isRaw = this.unframed.some(([s, e]) => s === from && e === to);
      const seg = body.subarray(from, to);
      // Python frames only segments of 4 bytes or more; shorter ones are written bare.
      parts.push(isRaw || seg.length < 4 ? seg : cat([0x95, ...u64le(seg.length)], seg));
      from = to;
    }
    return cat(...parts);
  }
}

// ─────────────────────────── what real tools write ───────────────────────────

export interface TensorSpec { name: string; key: string; shape: number[]; storage?: string; parameter?: boolean }

function strides(shape: number[]): number[] {
  return shape.map((_d, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
}

/** One tensor as torch.save (protocol 2) writes it: _rebuild_tensor_v2(persid storage, 0, size, stride, False, OrderedDict()). */
function writeTensor(w: PickleWriter, t: TensorSpec, memo: Map<string, number>, legacy: boolean): void {
  const g = (m: string, n: string) => {
    const k = `${m}.${n}`;
    const at = memo.get(k);
    if (at !== undefined) w.get(at);
    else { memo.set(k, w.memo); w.global(m, n); }
  };
  if (t.parameter) g('torch._utils', '_rebuild_parameter');
  g('torch._utils', '_rebuild_tensor_v2');
  w.mark();
  // persistent id ('storage', torch.FloatStorage, key, 'cpu', numel[, view_metadata])
  w.mark().str('storage');
  g('torch', t.storage ?? 'FloatStorage');
  w.str(t.key).str('cpu').int(t.shape.reduce((a, b) => a * b, 1));
  if (legacy) w.none();
  w.tuple(legacy ? 6 : 5).memoize().binpersid();
  w.int(0);
  for (const dims of [t.shape, strides(t.shape)]) {
    if (dims.length <= 3) { for (const d of dims) w.int(d); w.tuple(dims.length); } else { w.mark(); for (const d of dims) w.int(d); w.tuple(dims.length); }
    w.memoize();
  }
  w.bool(false);
  g('collections', 'OrderedDict');
  w.emptyTuple().reduce().memoize();
  w.tuple(6).memoize().reduce().memoize();
  if (t.parameter) {
    w.bool(true);
    g('collections', 'OrderedDict');
    w.emptyTuple().reduce().memoize();
    w.tuple(3).memoize().reduce().memoize();
  }
}

/** data.pkl of torch.save(model.state_dict()) — an OrderedDict with a `_metadata` attribute set by BUILD. */
export function torchStateDict(tensors: TensorSpec[], opts: { legacy?: boolean } = {}): Uint8Array {
  const w = new PickleWriter(2);
  const memo = new Map<string, number>();
  memo.set('collections.OrderedDict', w.memo);
  w.global('collections', 'OrderedDict');
  w.emptyTuple().reduce().memoize();
  const batch = (items: TensorSpec[]) => {
    if (items.length === 1) { w.str((items[0] as TensorSpec).name); writeTensor(w, items[0] as TensorSpec, memo, opts.legacy ?? false); w.setitem(); return; }
    w.mark();
    for (const t of items) { w.str(t.name); writeTensor(w, t, memo, opts.legacy ?? false); }
    w.setitems();
  };
  for (let i = 0; i < tensors.length; i += 1000) batch(tensors.slice(i, i + 1000));
  // state: {'_metadata': OrderedDict({'': {'version': 1}})}
  w.emptyDict().memoize().str('_metadata');
  w.get(memo.get('collections.OrderedDict') as number).emptyTuple().reduce().memoize();
  w.str('').emptyDict().memoize().str('version').int(1).setitem().setitem();
  w.setitem().build().stop();
  return w.bytesOut();
}

/** data.pkl of torch.save(optimizer.state_dict()) for Adam: tensors in `state`, floats and tuples in param_groups. */
export function torchOptimizerState(): Uint8Array {
  const w = new PickleWriter(2);
  const memo = new Map<string, number>();
  w.emptyDict().memoize().mark().str('state').emptyDict().memoize();
  w.int(0).emptyDict().memoize().mark();
  w.str('step'); writeTensor(w, { name: 'step', key: '0', shape: [] }, memo, false);
  w.str('exp_avg'); writeTensor(w, { name: 'exp_avg', key: '1', shape: [4, 2] }, memo, false);
  w.str('exp_avg_sq'); writeTensor(w, { name: 'exp_avg_sq', key: '2', shape: [4, 2] }, memo, false);
  w.setitems().setitem();
  w.str('param_groups').emptyList().memoize().emptyDict().memoize().mark();
  w.str('lr').float(0.001).str('betas').float(0.9).float(0.999).tuple(2).memoize();
  w.str('eps').float(1e-8).str('weight_decay').int(0).str('amsgrad').bool(false);
  w.str('maximize').bool(false).str('foreach').none().str('capturable').bool(false);
  w.str('params').emptyList().memoize().mark().int(0).int(1).appends();
  w.setitems().append();
  w.setitems().stop();
  return w.bytesOut();
}

export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

/**
 * A pre-1.6 torch.save file: magic, protocol version, sys_info, the object (persistent ids with 6 fields),
 * the sorted storage keys, then for each key an 8-byte element count and the raw storage bytes.
 */
export function legacyTorchFile(tensors: TensorSpec[], fill: (key: string, bytes: number) => Uint8Array, objectPickle?: Uint8Array): Uint8Array {
  const one = (f: (w: PickleWriter) => void) => { const w = new PickleWriter(2); f(w); w.stop(); return w.bytesOut(); };
  const magic = one((w) => w.int(LEGACY_MAGIC));
  const version = one((w) => w.int(1001));
  const sysInfo = one((w) => {
    w.emptyDict().memoize().mark().str('protocol_version').int(1001).str('little_endian').bool(true);
    w.str('type_sizes').emptyDict().memoize().mark().str('short').int(2).str('int').int(4).str('long').int(4).setitems();
    w.setitems();
  });
  const obj = objectPickle ?? torchStateDict(tensors, { legacy: true });
  const keys = [...new Set(tensors.map((t) => t.key))].sort();
  const keyList = one((w) => { w.emptyList().memoize().mark(); for (const k of keys) w.str(k); w.appends(); });
  const size: Record<string, number> = { FloatStorage: 4, LongStorage: 8, HalfStorage: 2, ByteStorage: 1, DoubleStorage: 8 };
  const data: Uint8Array[] = [];
  for (const k of keys) {
    const t = tensors.find((x) => x.key === k) as TensorSpec;
    const numel = t.shape.reduce((a, b) => a * b, 1);
    data.push(Uint8Array.from(u64le(numel)), fill(k, numel * (size[t.storage ?? 'FloatStorage'] ?? 4)));
  }
  return cat(magic, version, sysInfo, obj, keyList, ...data);
}

/** numpy.dtype('f8') etc. as ndarray pickles write it: REDUCE(numpy.dtype, (code, False, True)) then BUILD(state). */
export function writeDtype(w: PickleWriter, code: string, opts: { elsize?: number } = {}): void {
  w.global('numpy', 'dtype');
  w.str(code).bool(false).bool(true).tuple(3).memoize().reduce().memoize();
  // The state numpy's dtype.__reduce__ writes: an object dtype carries its object flags (63), which joblib reads.
  w.mark().int(3).str(code.startsWith('O') || code.startsWith('|') ? '|' : '<').none().none().none().int(opts.elsize ?? -1).int(-1).int(code.startsWith('O') ? 63 : 0).tuple(8).memoize().build();
}

/** A float64 ndarray inside a plain pickle (protocol 2): _reconstruct + BUILD(1, shape, dtype, False, data). */
export function numpyArrayPickle(shape: number[], data: Uint8Array, proto = 2): Uint8Array {
  const w = new PickleWriter(proto);
  w.global('numpy.core.multiarray', '_reconstruct');
  w.global('numpy', 'ndarray');
  w.int(0).tuple(1).memoize();
  w.bytes(latin('b'));
  w.tuple(3).memoize().reduce().memoize();
  w.mark().int(1);
  for (const d of shape) w.int(d);
  w.tuple(shape.length).memoize();
  writeDtype(w, 'f8');
  w.bool(false).bytes(data).tuple(5).memoize().build().stop();
  return w.bytesOut();
}

export interface JoblibArray { shape: number[]; code: string; itemsize: number; data?: Uint8Array; objects?: (w: PickleWriter) => void }

/**
 * joblib.dump of a value (protocol 4, framed): each array becomes a NumpyArrayWrapper object whose BUILD is followed
 * in the stream by a padding-length byte, padding to 16 bytes and the raw array (object arrays: a protocol-2 pickle).
 */
export class JoblibWriter {
  readonly w = new PickleWriter(4);
  private wrapperMemo = -1;

  array(a: JoblibArray, opts: { aligned?: boolean } = {}): this {
    const w = this.w;
    if (this.wrapperMemo < 0) { w.global('joblib.numpy_pickle', 'NumpyArrayWrapper'); this.wrapperMemo = w.memo - 1; } else w.get(this.wrapperMemo);
    w.emptyTuple().newobj().memoize();
    w.emptyDict().memoize().mark();
    w.str('subclass').global('numpy', 'ndarray');
    w.str('shape'); for (const d of a.shape) w.int(d); w.tuple(a.shape.length).memoize();
    w.str('order').str('C');
    w.str('dtype'); writeDtype(w, a.code);
    w.str('allow_mmap').bool(!a.objects); // joblib: allow_mmap = not buffered and not dtype.hasobject
    const aligned = opts.aligned ?? true;
    if (aligned) w.str('numpy_array_alignment_bytes').int(16);
    w.setitems().build();
    w.commit();
    if (a.objects) {
      const inner = new PickleWriter(2);
      a.objects(inner);
      w.unframedRaw(inner.bytesOut());
    } else {
      const data = a.data ?? new Uint8Array(a.shape.reduce((x, y) => x * y, 1) * a.itemsize);
      const pad: number[] = [];
      if (aligned) {
        const pos = 2 + this.sizeSoFar() + 1;
        const padLen = 16 - (pos % 16);
        pad.push(padLen, ...new Array<number>(padLen).fill(0xff));
      }
      w.unframedRaw(cat(pad, data));
    }
    return this;
  }

  /** Approximate stream position (used only to choose a padding length; joblib's reader takes any). */
  private sizeSoFar(): number {
    return this.w.bytesOut().length - 2;
  }
}

/** A scikit-learn LogisticRegression as joblib.dump writes it, with coef_, intercept_ and classes_ as arrays. */
export function joblibLogisticRegression(): Uint8Array {
  const j = new JoblibWriter();
  const w = j.w;
  w.global('sklearn.linear_model._logistic', 'LogisticRegression').emptyTuple().newobj().memoize();
  w.emptyDict().memoize().mark();
  w.str('penalty').str('l2').str('C').float(1.0).str('max_iter').int(100).str('solver').str('lbfgs');
  w.str('n_features_in_').int(4);
  w.str('classes_');
  j.array({ shape: [3], code: 'i8', itemsize: 8, data: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]) });
  w.str('coef_');
  j.array({ shape: [3, 4], code: 'f8', itemsize: 8, data: Uint8Array.from({ length: 96 }, (_v, i) => (i * 37) & 0xff) });
  w.str('intercept_');
  j.array({ shape: [3], code: 'f8', itemsize: 8 });
  w.str('_sklearn_version').str('1.5.2');
  w.setitems().build().stop();
  return w.bytesOut();
}

// ─────────────────────────── payload shapes ───────────────────────────

/** GLOBAL module.name, an argument tuple, REDUCE: the classic call. */
export function callPickle(module: string, name: string, args: string[], proto = 2): Uint8Array {
  const w = new PickleWriter(proto);
  w.global(module, name);
  if (args.length > 3 || proto < 2) { w.mark(); for (const a of args) w.str(a); w.raw('t'); } else { for (const a of args) w.str(a); w.tuple(args.length); }
  w.reduce().stop();
  return w.bytesOut();
}
