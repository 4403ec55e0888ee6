// TF Lite models: a FlatBuffer of tensorflow/lite/schema/schema.fbs (file identifier "TFL3"), read as the
// interpreter reads it after flatbuffers' Verifier: every offset inside the file, vtables sane, operators pointing
// at existing operator codes. Judged: custom operators (custom_code) — Flex ops run the named TensorFlow op, judged
// like a graph op; others need a native kernel the application registers — and builtin codes beyond the schema.
// FlatBuffer offsets point anywhere, so the bytes are kept — except tensor data: Buffer tables point forward to
// their data, so as the stream arrives the buffers are found and their payloads skipped, not kept. The structure
// that remains is small; past a bound the file is not examined (fail closed).
import { finding, type Finding } from '../../core/findings.js';
import { startsWith, u32le, u64le } from '../bytes.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import type { FormatPlugin } from './plugin.js';
import { opRisk, RISK_TEXT } from './tf-ops.js';

/** Most structure bytes kept (everything but buffer payloads). */
export const TFLITE_MAX_KEPT = 64 * 1024 * 1024;
/** The last BuiltinOperator of the schema modelled here (STABLEHLO_CASE, LiteRT's schema.fbs as of 2024). */
export const TFLITE_MAX_BUILTIN = 209;
const CUSTOM = 32;
/** Custom ops whose kernels TF Lite's own BuiltinOpResolver registers. */
const BUILTIN_CUSTOM = new Set(['TFLite_Detection_PostProcess', 'Mfcc', 'AudioSpectrogram', 'NumericVerify']);
const MAX_ITEMS = 1_000_000;

class FbError extends Error {
  constructor(message: string, readonly offset: number, readonly missing = false) {
    super(message);
  }
}

/** The kept bytes: runs of the file at their offsets, with holes where buffer payloads were skipped. */
class Sparse {
  private starts: number[] = [];
  private runs: Uint8Array[] = [];
  kept = 0;
  add(at: number, b: Uint8Array): void {
    if (b.length === 0) return;
    const last = this.runs.length - 1;
    const prevEnd = last >= 0 ? (this.starts[last] as number) + (this.runs[last] as Uint8Array).length : -1;
    if (prevEnd === at && (this.runs[last] as Uint8Array).length < 1 << 20) {
      const merged = new Uint8Array((this.runs[last] as Uint8Array).length + b.length);
      merged.set(this.runs[last] as Uint8Array);
      merged.set(b, (this.runs[last] as Uint8Array).length);
      this.runs[last] = merged;
    } else {
      this.starts.push(at);
      this.runs.push(b.slice());
    }
    this.kept += b.length;
  }
  /** `n` bytes at `at`, or undefined when any of them is not kept (yet). */
  get(at: number, n: number): Uint8Array | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) <= at) lo = mid + 1;
      else hi = mid - 1;
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (let i = hi; i >= 0 && i < this.runs.length && o < n; i++) {
      const s = this.starts[i] as number;
      const r = this.runs[i] as Uint8Array;
      const from = at + o;
      if (from < s || from >= s + r.length) return undefined;
      const k = Math.min(n - o, s + r.length - from);
      out.set(r.subarray(from - s, from - s + k), o);
      o += k;
    }
    return o === n ? out : undefined;
  }
}

/** FlatBuffer access over the kept bytes; `missing` errors mean "not arrived or skipped". */
class Fb {
  constructor(private readonly mem: Sparse, readonly size: number) {}
  bytes(at: number, n: number): Uint8Array {
    if (at < 0 || n < 0 || at + n > this.size) throw new FbError(`an offset points outside the file (${at}+${n} of ${this.size})`, at);
    const b = this.mem.get(at, n);
    if (!b) throw new FbError(`bytes at ${at} are tensor data or not there`, at, true);
    return b;
  }
  /** Whether `n` bytes at `at` are kept (arrived and not skipped). */
  has(at: number, n: number): boolean { return at >= 0 && at + n <= this.size && this.mem.get(at, n) !== undefined; }
  u8(at: number): number { return this.bytes(at, 1)[0] as number; }
  u16(at: number): number { const b = this.bytes(at, 2); return (b[0] as number) | ((b[1] as number) << 8); }
  u32(at: number): number { return u32le(this.bytes(at, 4), 0); }
  i32(at: number): number { return this.u32(at) | 0; }
  u64(at: number): bigint { return u64le(this.bytes(at, 8), 0); }
  /** The position a uoffset at `at` points to (forward). */
  deref(at: number): number { return at + this.u32(at); }
  /** Field `k` of the table at `t`: its position, or undefined when absent. */
  field(t: number, k: number): number | undefined {
    const vt = t - this.i32(t);
    const vsize = this.u16(vt);
    const tsize = this.u16(vt + 2);
    if (vsize < 4 || vsize % 2 !== 0) throw new FbError(`a vtable of ${vsize} bytes`, vt);
    if (4 + 2 * k + 2 > vsize) return undefined;
    const off = this.u16(vt + 4 + 2 * k);
    if (off === 0) return undefined;
    if (off >= tsize) throw new FbError(`a field at ${off} past its ${tsize}-byte table`, t);
    return t + off;
  }
  table(t: number, k: number): number | undefined { const f = this.field(t, k); return f === undefined ? undefined : this.deref(f); }
  /** A vector field: [position of the first element, length]. */
  vector(t: number, k: number, elem: number): [number, number] | undefined {
    const v = this.table(t, k);
    if (v === undefined) return undefined;
    const n = this.u32(v);
    if (n > MAX_ITEMS || v + 4 + n * elem > this.size) throw new FbError(`a vector of ${n} items runs past the file`, v);
    return [v + 4, n];
  }
  string(t: number, k: number, max = 4096): string | undefined {
    const v = this.table(t, k);
    if (v === undefined) return undefined;
    const n = this.u32(v);
    if (v + 4 + n > this.size) throw new FbError('a string runs past the file', v);
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(v + 4, Math.min(n, max)));
  }
}

export function createTfliteScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const mem = new Sparse();
  /** Buffer payload ranges to skip, found as the stream arrives, sorted by start. */
  const skips: [number, number][] = [];
  let total = 0;
  let over = false;
  let pending: number[] = [];
  let buffersVec: [number, number] | undefined;
  let size = ctx.size ?? Infinity;

  const fbNow = (): Fb => new Fb(mem, Number.isFinite(size) ? size : total);

  /** Data vectors whose payload bytes were (or will be) skipped; each must turn out to be a Buffer's data. */
  const skippedVectors = new Set<number>();

  /**
   * Finds buffer payloads whose structure has arrived, so their bytes need not be kept. A Buffer table's vtable is
   * often shared with a later one (builders deduplicate vtables, and a back-to-front builder puts the shared one
   * after the payloads), so when it has not arrived the `data` field is taken to be the table's first field — what
   * every builder writes for a table holding only data. The full parse at the end checks each skipped vector is a
   * Buffer's data; if one is not, the file fails closed.
   */
  const discover = (): void => {
    const fb = fbNow();
    if (!buffersVec) {
      try {
        const root = fb.deref(0);
        buffersVec = fb.vector(root, 4, 4) ?? [0, 0];
        pending = Array.from({ length: buffersVec[1] }, (_v, i) => i);
      } catch {
        return; // not there yet (or malformed: the full parse at the end says why)
      }
    }
    const first = buffersVec[0];
    pending = pending.filter((i) => {
      try {
        const bt = fb.deref(first + 4 * i);
        let data: number | undefined;
        let known = true;
        try {
          data = fb.table(bt, 0);
        } catch (err) {
          if (!(err instanceof FbError) || !err.missing || !fb.has(bt, 8)) throw err;
          known = false;
          const v = bt + 4 + fb.u32(bt + 4);
          if (v > bt + 4 && v + 4 <= fb.size) data = v;
        }
        if (data !== undefined) {
          const len = fb.u32(data);
          if (len > 0 && addSkip(data + 4, data + 4 + len)) skippedVectors.add(data);
        }
        if (known) {
          const off = fb.field(bt, 1);
          const sz = fb.field(bt, 2);
          if (off !== undefined && sz !== undefined) {
            const o = Number(fb.u64(off));
            const sLen = Number(fb.u64(sz));
            if (o > 1 && sLen > 0) addSkip(o, o + sLen);
          }
        }
        return false;
      } catch {
        return true; // try again when more bytes have arrived
      }
    });
  };
  const addSkip = (a: number, b: number): boolean => {
    if (b <= total || skips.length >= MAX_ITEMS) return false; // already arrived: it stays kept
    skips.push([Math.max(a, total), b]);
    skips.sort((x, y) => x[0] - y[0]);
    return true;
  };

  return {
    push(c) {
      const at = total;
      total += c.length;
      if (over) return;
      // Keep the parts of the chunk outside known payload ranges.
      let from = at;
      const end = at + c.length;
      for (const [a, b] of skips) {
        if (b <= from || a >= end) continue;
        if (a > from) mem.add(from, c.subarray(from - at, a - at));
        from = Math.min(end, b);
      }
      if (from < end) mem.add(from, c.subarray(from - at));
      while (skips.length > 0 && (skips[0] as [number, number])[1] <= total) skips.shift();
      if (mem.kept > TFLITE_MAX_KEPT) {
        over = true;
        return;
      }
      if (total >= 8) discover();
    },
    end() {
      size = total;
      const findings: Finding[] = [];
      const details: Record<string, unknown> = {};
      if (over) {
        findings.push(finding('tflite.not-examined', 'high', `The TF Lite model's structure is larger than ${TFLITE_MAX_KEPT} bytes (tensor data aside): it was not examined`, {
          file: ctx.path, help: 'Review this model by hand.'
        }));
        return { formats: ['tflite'], findings, complete: false, details };
      }
      try {
        judge(new Fb(mem, total), findings, details);
      } catch (err) {
        if (!(err instanceof FbError)) throw err;
        findings.push(finding('tflite.invalid', 'high', `Not a valid TF Lite model: ${err.missing ? `the structure overlaps tensor data (${err.message})` : err.message}`, {
          file: ctx.path, offset: base + err.offset,
          help: 'The TF Lite verifier refuses such files, and interpreters that skip it read out of bounds (several TF Lite CVEs). Do not approve it.'
        }));
        return { formats: ['tflite'], findings, complete: false, details };
      }
      return { formats: ['tflite'], findings, complete: true, details };
    }
  };

  function judge(fb: Fb, out: Finding[], details: Record<string, unknown>): void {
    if (fb.size < 8) throw new FbError('shorter than a FlatBuffer header', 0);
    const root = fb.deref(0);
    const version = fb.field(root, 0) !== undefined ? fb.u32(fb.field(root, 0) as number) : 0;
    const codes = fb.vector(root, 1, 4) ?? [0, 0];
    const ops: { builtin: number; custom?: string; at: number }[] = [];
    for (let i = 0; i < codes[1]; i++) {
      const t = fb.deref(codes[0] + 4 * i);
      const dep = fb.field(t, 0);
      const cur = fb.field(t, 3);
      const deprecated = dep === undefined ? 0 : (fb.u8(dep) << 24) >> 24;
      const builtin = Math.max(deprecated, cur === undefined ? 0 : fb.i32(cur));
      const custom = fb.string(t, 1, 256);
      ops.push({ builtin, ...(custom !== undefined ? { custom } : {}), at: t });
    }
    const subgraphs = fb.vector(root, 2, 4) ?? [0, 0];
    let operators = 0;
    for (let g = 0; g < subgraphs[1]; g++) {
      const sg = fb.deref(subgraphs[0] + 4 * g);
      const list = fb.vector(sg, 3, 4) ?? [0, 0];
      for (let i = 0; i < list[1]; i++) {
        const op = fb.deref(list[0] + 4 * i);
        const idxAt = fb.field(op, 0);
        const idx = idxAt === undefined ? 0 : fb.u32(idxAt);
        if (idx >= ops.length) throw new FbError(`operator #${i} of subgraph #${g} uses operator code ${idx}, but there are ${ops.length}`, op);
        operators++;
      }
    }
    const buffers = fb.vector(root, 4, 4) ?? [0, 0];
    const dataVectors = new Set<number>();
    for (let i = 0; i < buffers[1]; i++) {
      const bt = fb.deref(buffers[0] + 4 * i);
      const data = fb.table(bt, 0);
      if (data !== undefined) dataVectors.add(data);
      if (data !== undefined && data + 4 + fb.u32(data) > fb.size) throw new FbError(`buffer #${i} runs past the file`, data);
      const off = fb.field(bt, 1);
      const sz = fb.field(bt, 2);
      if (off !== undefined && sz !== undefined && fb.u64(off) > 1n && fb.u64(off) + fb.u64(sz) > BigInt(fb.size)) {
        throw new FbError(`buffer #${i} points at bytes ${fb.u64(off)}..${fb.u64(off) + fb.u64(sz)} past the file`, off);
      }
    }
    for (const v of skippedVectors) {
      if (!dataVectors.has(v)) throw new FbError(`the bytes after offset ${v} looked like a buffer's data and were not kept, but no buffer points there`, v);
    }
    details.tflite = { version, operatorCodes: ops.length, operators, subgraphs: subgraphs[1], structureBytes: mem.kept };
    for (const op of ops) judgeOp(op, out);
  }

  function judgeOp(op: { builtin: number; custom?: string; at: number }, out: Finding[]): void {
    if (op.builtin < 0) throw new FbError(`builtin operator code ${op.builtin}`, op.at);
    if (op.builtin !== CUSTOM) {
      if (op.builtin > TFLITE_MAX_BUILTIN) {
        out.push(finding('tflite.unknown-builtin', 'medium', `Builtin operator code ${op.builtin} is beyond the TF Lite schema Model Gate knows (up to ${TFLITE_MAX_BUILTIN})`, {
          file: ctx.path, offset: base + op.at,
          help: 'A newer converter may write it; an interpreter that does not know it refuses the model, one that mis-dispatches it runs the wrong kernel. Check which TF Lite version wrote the model.'
        }));
      }
      return;
    }
    const name = op.custom ?? '';
    if (name.startsWith('Flex')) {
      const tfOp = name.slice(4);
      const risk = opRisk(tfOp);
      if (risk && risk !== 'saver') {
        out.push(finding(risk === 'python' ? 'tflite.flex-python-op' : 'tflite.flex-op', 'high', `Flex op ${name} runs TensorFlow's ${tfOp}, which ${RISK_TEXT[risk]}`, {
          file: ctx.path, offset: base + op.at, evidence: name,
          help: 'With the Flex delegate (select TF ops) the interpreter runs this TensorFlow op. A model has no reason to; do not approve it.'
        }));
      }
      return;
    }
    if (BUILTIN_CUSTOM.has(name)) return;
    out.push(finding('tflite.custom-op', 'medium', `Custom operator "${name.slice(0, 80)}": the application must register a native kernel for it`, {
      file: ctx.path, offset: base + op.at, evidence: name.slice(0, 200),
      help: 'TF Lite runs custom operators with kernels the app links in; find out which library provides this one and review it.'
    }));
  }
}

export const tflitePlugin: FormatPlugin = {
  format: 'tflite',
  claims: (head) => head.length >= 8 && startsWith(head, 'TFL3', 4) && u32le(head, 0) >= 8,
  create: (ctx, opts) => createTfliteScanner(ctx, opts),
  dataOnly: true
};
