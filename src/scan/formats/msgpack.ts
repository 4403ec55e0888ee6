// MessagePack documents, flax checkpoints among them (flax.serialization.to_bytes / msgpack_serialize): read as
// msgpack.unpackb(raw=False, strict_map_key=False) with flax's ext_hook reads them. Exactly one object must fill the
// stream (unpackb raises ExtraData otherwise); strings must be UTF-8 (raw=False decodes them); nesting stops at
// msgpack's 1024-deep stack. flax's ext types are validated as flax decodes them: 1 (ndarray) and 3 (numpy scalar)
// hold a msgpack (shape, dtype name, buffer) for np.frombuffer, 2 (complex) a (real, imag) pair; other codes stay
// ExtType data. Data only: unpacking builds values, numpy refuses object dtypes from a buffer, nothing is imported.
// Array buffers are piped past, never kept.
import { finding, type Finding } from '../../core/findings.js';
import { u32be } from '../bytes.js';
import { Feeder, type Need, type Parser } from '../feeder.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import type { FormatPlugin } from './plugin.js';

/** msgpack-python's C unpacker stack (MSGPACK_EMBED_STACK_SIZE): deeper documents fail to unpack. */
export const MSGPACK_MAX_DEPTH = 1024;
const MAX_KEPT_STRING = 256;
/** numpy dtype names as `ndarray.dtype.name` spells them (what flax writes), itemsize 0 for variable ones. */
const DTYPES: Readonly<Record<string, number>> = {
  bool: 1, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8,
  float16: 2, bfloat16: 2, float32: 4, float64: 8, float128: 16, complex64: 8, complex128: 16, complex256: 32,
  float8_e4m3fn: 1, float8_e4m3fnuz: 1, float8_e4m3b11fnuz: 1, float8_e5m2: 1, float8_e5m2fnuz: 1, float8_e8m0fnu: 1,
  float8_e3m4: 1, float8_e4m3: 1, float4_e2m1fn: 1, int4: 1, uint4: 1, int2: 1, uint2: 1
};

type Gen<T> = Generator<Need, T, Uint8Array | undefined>;

class MsgpackError extends Error {
  constructor(message: string, readonly offset: number, readonly limit = false) {
    super(message);
  }
}

/** What the parser tells its caller about a value it read. */
interface Value {
  kind: 'int' | 'float' | 'nil' | 'bool' | 'str' | 'bin' | 'array' | 'map' | 'ext';
  /** ints (as numbers; exact up to 2^53), array/map sizes */
  n?: number;
  /** short str/bin values (the first MAX_KEPT_STRING bytes) */
  bytes?: Uint8Array;
  length?: number;
  /** array items when the caller asked to keep them (small tuples inside flax ext payloads) */
  items?: Value[];
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8', { fatal: false });

function u16be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}

export function createMsgpackScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  let total = 0;
  let failure: MsgpackError | undefined;
  let arrays = 0;
  const topKeys: string[] = [];
  const at = (): number => feeder.offset;

  function* read(n: number, limit: number): Gen<Uint8Array> {
    const from = at();
    if (from + n > limit) throw new MsgpackError(`a value runs ${from + n - limit} bytes past the ext payload that holds it`, from);
    const b = yield { read: n };
    if (!b) throw new MsgpackError(`the stream ends inside a value (${n} bytes needed at offset ${from})`, from);
    return b;
  }

  function* skip(n: number, limit: number): Gen<void> {
    const from = at();
    if (from + n > limit) throw new MsgpackError(`a value runs ${from + n - limit} bytes past the ext payload that holds it`, from);
    if (n === 0) return;
    const r = yield { pipe: n };
    if (!r) throw new MsgpackError(`the stream ends inside a ${n}-byte value`, from);
  }

  function* str(n: number, limit: number, isStr: boolean): Gen<Value> {
    const from = at();
    if (isStr) {
      // raw=False decodes every str: invalid UTF-8 makes unpackb fail. Validate in pieces without keeping them.
      if (from + n > limit) throw new MsgpackError('a string runs past the ext payload that holds it', from);
      const kept = new Uint8Array(Math.min(n, MAX_KEPT_STRING));
      let k = 0;
      const dec = new TextDecoder('utf-8', { fatal: true });
      let bad = false;
      const r = n === 0 ? new Uint8Array(0) : yield {
        pipe: n,
        to: (c) => {
          if (k < kept.length) {
            const take = Math.min(c.length, kept.length - k);
            kept.set(c.subarray(0, take), k);
            k += take;
          }
          if (bad) return;
          try {
            dec.decode(c, { stream: true });
          } catch {
            bad = true;
          }
        }
      };
      if (!r) throw new MsgpackError('the stream ends inside a string', from);
      if (!bad) {
        try {
          dec.decode();
        } catch {
          bad = true;
        }
      }
      if (bad) throw new MsgpackError('a string is not valid UTF-8 (unpackb(raw=False) refuses it)', from);
      return { kind: 'str', bytes: kept, length: n };
    }
    if (n <= MAX_KEPT_STRING) return { kind: 'bin', bytes: yield* read(n, limit), length: n };
    yield* skip(n, limit);
    return { kind: 'bin', length: n };
  }

  /** One value. `keep` keeps array items (only for the small tuples inside ext payloads). */
  function* value(depth: number, limit: number, keep: boolean): Gen<Value> {
    if (depth > MSGPACK_MAX_DEPTH) throw new MsgpackError(`values nested more than ${MSGPACK_MAX_DEPTH} deep (msgpack's unpacker refuses it)`, at());
    const start = at();
    const t = (yield* read(1, limit))[0] as number;
    if (t <= 0x7f) return { kind: 'int', n: t };
    if (t >= 0xe0) return { kind: 'int', n: t - 0x100 };
    if (t <= 0x8f) return yield* container(t & 0x0f, true, depth, limit, keep);
    if (t <= 0x9f) return yield* container(t & 0x0f, false, depth, limit, keep);
    if (t <= 0xbf) return yield* str(t & 0x1f, limit, true);
    switch (t) {
      case 0xc0: return { kind: 'nil' };
      case 0xc1: throw new MsgpackError('byte 0xc1 is never used in msgpack', start);
      case 0xc2: case 0xc3: return { kind: 'bool' };
      case 0xc4: return yield* str((yield* read(1, limit))[0] as number, limit, false);
      case 0xc5: return yield* str(u16be(yield* read(2, limit), 0), limit, false);
      case 0xc6: return yield* str(u32be(yield* read(4, limit), 0), limit, false);
      case 0xc7: { const h = yield* read(2, limit); return yield* ext(h[1] as number, h[0] as number, depth, limit, start); }
      case 0xc8: { const h = yield* read(3, limit); return yield* ext(h[2] as number, u16be(h, 0), depth, limit, start); }
      case 0xc9: { const h = yield* read(5, limit); return yield* ext(h[4] as number, u32be(h, 0), depth, limit, start); }
      case 0xca: yield* read(4, limit); return { kind: 'float' };
      case 0xcb: yield* read(8, limit); return { kind: 'float' };
      case 0xcc: return { kind: 'int', n: (yield* read(1, limit))[0] as number };
      case 0xcd: return { kind: 'int', n: u16be(yield* read(2, limit), 0) };
      case 0xce: return { kind: 'int', n: u32be(yield* read(4, limit), 0) };
      case 0xcf: { const b = yield* read(8, limit); return { kind: 'int', n: u32be(b, 0) * 2 ** 32 + u32be(b, 4) }; }
      case 0xd0: { const b = yield* read(1, limit); return { kind: 'int', n: ((b[0] as number) << 24) >> 24 }; }
      case 0xd1: { const b = yield* read(2, limit); return { kind: 'int', n: (u16be(b, 0) << 16) >> 16 }; }
      case 0xd2: { const b = yield* read(4, limit); return { kind: 'int', n: u32be(b, 0) | 0 }; }
      case 0xd3: { const b = yield* read(8, limit); return { kind: 'int', n: (u32be(b, 0) | 0) * 2 ** 32 + u32be(b, 4) }; }
      case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: {
        const type = (yield* read(1, limit))[0] as number;
        return yield* ext(type, 1 << (t - 0xd4), depth, limit, start);
      }
      case 0xd9: return yield* str((yield* read(1, limit))[0] as number, limit, true);
      case 0xda: return yield* str(u16be(yield* read(2, limit), 0), limit, true);
      case 0xdb: return yield* str(u32be(yield* read(4, limit), 0), limit, true);
      case 0xdc: return yield* container(u16be(yield* read(2, limit), 0), false, depth, limit, keep);
      case 0xdd: return yield* container(u32be(yield* read(4, limit), 0), false, depth, limit, keep);
      case 0xde: return yield* container(u16be(yield* read(2, limit), 0), true, depth, limit, keep);
      default: return yield* container(u32be(yield* read(4, limit), 0), true, depth, limit, keep); // 0xdf
    }
  }

  function* container(n: number, map: boolean, depth: number, limit: number, keep: boolean): Gen<Value> {
    const items: Value[] | undefined = keep && !map && n <= 8 ? [] : undefined;
    const top = depth === 0 && map;
    for (let i = 0; i < n; i++) {
      if (map) {
        const keyAt = at();
        const k = yield* value(depth + 1, limit, false);
        // strict_map_key=False accepts any hashable key; a list or dict key makes unpacking fail (unhashable).
        if (k.kind === 'array' || k.kind === 'map') throw new MsgpackError('a map key is an array or a map (unhashable: unpacking fails)', keyAt);
        if (top && topKeys.length < 20 && k.kind === 'str' && k.bytes) topKeys.push(lossy.decode(k.bytes.subarray(0, 64)).replace(/[\u0000-\u001f]/g, '?'));
      }
      const v = yield* value(depth + 1, limit, keep && !map);
      items?.push(v);
    }
    return { kind: map ? 'map' : 'array', n, ...(items ? { items } : {}) };
  }

  /** An ext value: flax's codes are decoded as flax decodes them; the payload must be exactly one msgpack value. */
  function* ext(type: number, len: number, depth: number, limit: number, start: number): Gen<Value> {
    const end = at() + len;
    if (end > limit) throw new MsgpackError('an ext value runs past the ext payload that holds it', start);
    if (type !== 1 && type !== 2 && type !== 3) {
      yield* skip(len, limit);
      return { kind: 'ext' };
    }
    const payload = at();
    if (len === 0) throw new MsgpackError(`flax ext type ${type} with an empty payload (flax cannot decode it)`, start);
    const v = yield* value(depth + 1, end, true);
    if (at() !== end) throw new MsgpackError(`flax ext type ${type} holds ${end - at()} bytes after its value (unpackb raises ExtraData)`, at());
    if (type === 2) {
      if (v.kind !== 'array' || v.n !== 2 || !v.items?.every((x) => x.kind === 'float' || x.kind === 'int')) {
        arrayIssue('a complex number (ext 2) that is not a (real, imag) pair', payload);
      }
      return { kind: 'ext' };
    }
    arrays++;
    checkArray(v, type, payload);
    return { kind: 'ext' };
  }

  function arrayIssue(what: string, offset: number): void {
    if (findings.filter((f) => f.check === 'flax.array').length >= 20) return;
    findings.push(finding('flax.array', 'medium', `flax cannot decode ${what}`, {
      file: ctx.path, offset: base + offset,
      help: 'flax.serialization writes (shape, dtype name, buffer) tuples that numpy rebuilds; this one would make from_bytes fail. Not code, but not what flax writes: find out what produced it.'
    }));
  }

  function checkArray(v: Value, type: number, offset: number): void {
    const what = type === 1 ? 'an array (ext 1)' : 'a numpy scalar (ext 3)';
    const [shape, name, buf] = v.items ?? [];
    if (v.kind !== 'array' || v.n !== 3 || !shape || !name || !buf) return arrayIssue(`${what} that is not a (shape, dtype, buffer) triple`, offset);
    if (shape.kind !== 'array' || (shape.items === undefined && (shape.n ?? 0) > 0)) return arrayIssue(`${what} whose shape is not a short list of integers`, offset);
    const dims = shape.items ?? [];
    if (!dims.every((d) => d.kind === 'int' && (d.n ?? -1) >= 0)) return arrayIssue(`${what} whose shape is not a list of non-negative integers`, offset);
    if ((name.kind !== 'str' && name.kind !== 'bin') || !name.bytes) return arrayIssue(`${what} whose dtype is not a name`, offset);
    const dtype = new TextDecoder('latin1').decode(name.bytes);
    if (buf.kind !== 'bin') return arrayIssue(`${what} whose buffer is not bytes`, offset);
    const size = DTYPES[dtype];
    if (size === undefined) return arrayIssue(`${what} of dtype "${dtype.slice(0, 40)}", which flax does not write`, offset);
    const count = dims.reduce((p, d) => p * (d.n ?? 0), 1);
    if (count * size !== buf.length) return arrayIssue(`${what} whose ${buf.length}-byte buffer does not hold ${dims.map((d) => d.n).join('×') || 'one'} ${dtype} values`, offset);
  }

  function* parse(): Parser {
    try {
      yield* value(0, Infinity, false);
    } catch (err) {
      if (!(err instanceof MsgpackError)) throw err;
      failure = err;
    }
  }
  const feeder: Feeder = new Feeder(parse());

  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      if (!failure && feeder.offset < total) failure = new MsgpackError(`${total - feeder.offset} bytes follow the document (unpackb raises ExtraData)`, feeder.offset);
      if (failure) {
        complete = false;
        findings.push(finding('msgpack.invalid', 'high', `Not a valid msgpack document: ${failure.message}`, {
          file: ctx.path, offset: base + failure.offset,
          help: 'msgpack.unpackb (and flax.serialization.from_bytes) refuse these bytes, so they are not what they claim; do not approve the file.'
        }));
      }
      return {
        formats: ['msgpack'], findings, complete,
        details: { msgpack: { flaxArrays: arrays, ...(topKeys.length ? { keys: topKeys } : {}) } }
      };
    }
  };
}

/**
 * A head that starts one msgpack map with string keys (a flax state dict) and parses as msgpack to its end — and,
 * when it is the whole stream, ends exactly there. Random binary fails within a few values.
 */
export function looksLikeMsgpackMap(b: Uint8Array, atEof: boolean): boolean {
  const t0 = b[0];
  if (t0 === undefined) return false;
  const isMap = (t0 >= 0x81 && t0 <= 0x8f) || t0 === 0xde || t0 === 0xdf;
  if (!isMap) return false;
  const k = b[t0 === 0xde ? 3 : t0 === 0xdf ? 5 : 1];
  if (k === undefined || !((k >= 0xa0 && k <= 0xbf) || (k >= 0xd9 && k <= 0xdb))) return false;
  const stack: number[] = [1];
  let i = 0;
  const need = (n: number): boolean => i + n <= b.length;
  while (stack.length > 0) {
    if (stack.length > 256) return false;
    const top = stack.length - 1;
    if ((stack[top] as number) === 0) {
      stack.pop();
      continue;
    }
    stack[top] = (stack[top] as number) - 1;
    if (i >= b.length) return !atEof;
    const t = b[i++] as number;
    let len = 0;
    let items = -1;
    let text = false;
    if (t <= 0x7f || t >= 0xe0 || t === 0xc0 || t === 0xc2 || t === 0xc3) continue;
    if (t <= 0x8f) items = 2 * (t & 0x0f);
    else if (t <= 0x9f) items = t & 0x0f;
    else if (t <= 0xbf) { len = t & 0x1f; text = true; }
    else {
      switch (t) {
        case 0xc1: return false;
        case 0xc4: case 0xd9: if (!need(1)) return !atEof; len = b[i] as number; i += 1; text = t === 0xd9; break;
        case 0xc5: case 0xda: if (!need(2)) return !atEof; len = u16be(b, i); i += 2; text = t === 0xda; break;
        case 0xc6: case 0xdb: if (!need(4)) return !atEof; len = u32be(b, i); i += 4; text = t === 0xdb; break;
        case 0xc7: if (!need(2)) return !atEof; len = (b[i] as number) + 1; i += 1; break;
        case 0xc8: if (!need(3)) return !atEof; len = u16be(b, i) + 1; i += 2; break;
        case 0xc9: if (!need(5)) return !atEof; len = u32be(b, i) + 1; i += 4; break;
        case 0xca: len = 4; break;
        case 0xcb: len = 8; break;
        case 0xcc: case 0xd0: len = 1; break;
        case 0xcd: case 0xd1: len = 2; break;
        case 0xce: case 0xd2: len = 4; break;
        case 0xcf: case 0xd3: len = 8; break;
        case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: len = 1 + (1 << (t - 0xd4)); break;
        case 0xdc: if (!need(2)) return !atEof; items = u16be(b, i); i += 2; break;
        case 0xdd: if (!need(4)) return !atEof; items = u32be(b, i); i += 4; break;
        case 0xde: if (!need(2)) return !atEof; items = 2 * u16be(b, i); i += 2; break;
        default: if (!need(4)) return !atEof; items = 2 * u32be(b, i); i += 4; break; // 0xdf
      }
    }
    if (items >= 0) {
      stack.push(items);
      continue;
    }
    if (!need(len)) return !atEof;
    if (text) {
      try {
        strict.decode(b.subarray(i, i + len));
      } catch {
        return false;
      }
    }
    i += len;
  }
  // The document ended: at the end of the stream, or it is not one document.
  return atEof && i === b.length;
}

export const msgpackPlugin: FormatPlugin = {
  format: 'msgpack',
  claims: (head, ctx) => looksLikeMsgpackMap(head, ctx.size !== undefined && head.length >= ctx.size),
  create: (ctx, opts) => createMsgpackScanner(ctx, opts),
  dataOnly: true
};
