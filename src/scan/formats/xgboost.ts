// XGBoost models outside pickles, read as xgboost 1.7's Learner::LoadModel reads them (src/learner.cc):
// - UBJSON (`save_model("x.ubj")`, `save_raw("ubj")`): the file starts with `{` and a length marker. Parsed per the
//   Universal Binary JSON spec (a superset of what xgboost writes), bounded: every length must fit the stream —
//   xgboost 1.7's UBJReader copies string and typed-array bytes without checking them against its buffer.
// - the legacy binary format (`save_model("x.bin")`, deprecated): optional "binf", the 136-byte
//   LearnerModelParamLegacy, the objective and booster names, the booster (gbtree/dart: trees of fixed-size nodes;
//   gblinear: a weight vector), then the attribute pairs.
// The JSON format is a JSON document: text.ts parses it like any other and nothing in it is code, so it needs no
// plugin. All three are data only: xgboost builds trees and numbers; objective and booster names come from its own
// registries.
import { finding, type Finding } from '../../core/findings.js';
import { startsWith, u32le, u64le } from '../bytes.js';
import { Feeder, type Need, type Parser } from '../feeder.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import type { FormatPlugin } from './plugin.js';

type Gen<T> = Generator<Need, T, Uint8Array | undefined>;

class FormatError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Deepest UBJ nesting read (xgboost's reader recurses without a limit; real models nest a few levels). */
const UBJ_MAX_DEPTH = 1000;
const MAX_NAME = 64 * 1024;

const bigToNumber = (v: bigint, at: number, what: string): number => {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`${what} of ${v}`, at);
  return Number(v);
};

interface Stream {
  at(): number;
  /** Bytes left when the total size is known. */
  left(): number;
}

function* readN(s: Stream, n: number, what: string): Gen<Uint8Array> {
  const from = s.at();
  if (n > s.left()) throw new FormatError(`${what} needs ${n} bytes at offset ${from}, only ${s.left()} remain`, from);
  const b = yield { read: n };
  if (!b) throw new FormatError(`the stream ends inside ${what}`, from);
  return b;
}

function* skipN(s: Stream, n: number, what: string): Gen<void> {
  const from = s.at();
  if (n > s.left()) throw new FormatError(`${what} of ${n} bytes at offset ${from} runs past the end (${s.left()} bytes remain)`, from);
  if (n === 0) return;
  const r = yield { pipe: n };
  if (!r) throw new FormatError(`the stream ends inside ${what}`, from);
}

// ---------------- UBJSON ----------------

const UBJ_SIZE: Readonly<Record<string, number>> = { i: 1, U: 1, I: 2, l: 4, L: 8, d: 4, D: 8, C: 1, Z: 0, T: 0, F: 0 };

function* ubjInt(s: Stream, marker: string, what: string): Gen<number> {
  const at = s.at();
  const size = { i: 1, U: 1, I: 2, l: 4, L: 8 }[marker];
  if (size === undefined) throw new FormatError(`${what} has marker "${printable(marker)}", not an integer type`, at);
  const b = yield* readN(s, size, what);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const v = marker === 'i' ? dv.getInt8(0) : marker === 'U' ? dv.getUint8(0) : marker === 'I' ? dv.getInt16(0) : marker === 'l' ? dv.getInt32(0) : dv.getBigInt64(0);
  if (typeof v === 'bigint') return bigToNumber(v, at, what);
  if (v < 0) throw new FormatError(`${what} of ${v}`, at);
  return v;
}

function printable(c: string): string {
  return /^[\x20-\x7e]$/.test(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

function* ubjMarker(s: Stream, what: string): Gen<string> {
  return String.fromCharCode((yield* readN(s, 1, what))[0] as number);
}

/** A string payload (after its marker): an integer length, then the bytes; the first `keep` bytes are returned. */
function* ubjString(s: Stream, what: string, keep = 0): Gen<Uint8Array | undefined> {
  const n = yield* ubjInt(s, yield* ubjMarker(s, `${what} length`), `${what} length`);
  if (keep > 0 && n <= keep) return yield* readN(s, n, what);
  yield* skipN(s, n, what);
  return undefined;
}

function* ubjValue(s: Stream, marker: string, depth: number, keys?: string[]): Gen<void> {
  let m = marker;
  while (m === 'N') m = yield* ubjMarker(s, 'a value'); // no-op markers carry nothing
  const at = s.at() - 1;
  switch (m) {
    case 'Z': case 'T': case 'F': return;
    case 'i': case 'U': case 'C': case 'I': case 'l': case 'L': case 'd': case 'D':
      yield* skipN(s, UBJ_SIZE[m] as number, 'a number');
      return;
    case 'S': case 'H': yield* ubjString(s, m === 'S' ? 'a string' : 'a high-precision number'); return;
    case '[': case '{': yield* ubjContainer(s, m === '{', depth + 1, keys); return;
    default: throw new FormatError(`unknown UBJSON marker "${printable(m)}"`, at);
  }
}

function* ubjContainer(s: Stream, object: boolean, depth: number, keys?: string[]): Gen<void> {
  if (depth > UBJ_MAX_DEPTH) throw new FormatError(`containers nested more than ${UBJ_MAX_DEPTH} deep`, s.at());
  let type: string | undefined;
  let count: number | undefined;
  let m = yield* ubjMarker(s, 'a container');
  if (m === '$') {
    type = yield* ubjMarker(s, 'a container type');
    if (type === 'N' || type === '$' || type === '#') throw new FormatError(`"${type}" cannot be a container's element type`, s.at() - 1);
    m = yield* ubjMarker(s, 'a container count');
    if (m !== '#') throw new FormatError('a typed container without a count ("$" must be followed by "#")', s.at() - 1);
  }
  if (m === '#') {
    count = yield* ubjInt(s, yield* ubjMarker(s, 'a container count'), 'a container count');
    const size = type ? UBJ_SIZE[type] : undefined;
    // Every element takes at least one byte (a marker, or its fixed-size payload): a count the stream cannot hold
    // is a lie xgboost would allocate for (results.resize(n)) before reading past its buffer.
    const least = size !== undefined ? size : 1;
    if (least > 0 && count * least > s.left()) throw new FormatError(`a container of ${count} elements cannot fit in the ${s.left()} bytes left`, s.at());
    if (!object && size !== undefined) {
      yield* skipN(s, count * size, 'a typed array');
      return;
    }
  }
  const one = function* (first: string | undefined): Gen<void> {
    if (object) {
      // Keys are strings without the "S" marker: the length marker comes first (already read into `first`).
      const n = yield* ubjInt(s, first ?? (yield* ubjMarker(s, 'a key length')), 'a key length');
      const k = n <= 128 ? yield* readN(s, n, 'a key') : (yield* skipN(s, n, 'a key'), undefined);
      if (keys && k && keys.length < 20) keys.push(new TextDecoder('utf-8', { fatal: false }).decode(k));
    }
    if (type !== undefined) yield* ubjValue(s, type, depth);
    else yield* ubjValue(s, yield* ubjMarker(s, 'a value'), depth);
  };
  if (count !== undefined) {
    for (let i = 0; i < count; i++) yield* one(undefined);
    return;
  }
  // No count: elements until the closing marker; the marker read above is the first element's (or the close).
  let pending: string | undefined = m;
  for (;;) {
    let c = pending ?? (yield* ubjMarker(s, object ? 'an object (no closing "}")' : 'an array (no closing "]")'));
    pending = undefined;
    while (c === 'N') c = yield* ubjMarker(s, 'a container');
    if (c === (object ? '}' : ']')) return;
    if (object) yield* one(c);
    else yield* ubjValue(s, c, depth);
  }
}

// ---------------- legacy binary ----------------

/** The 136-byte LearnerModelParamLegacy: what it says, or why it is not one. */
function learnerParam(b: Uint8Array, o: number): { extraAttrs: number; major: number; minor: number } | string {
  const extraAttrs = u32le(b, o + 12);
  const evalMetrics = u32le(b, o + 16);
  const major = u32le(b, o + 20);
  const minor = u32le(b, o + 24);
  if (extraAttrs > 1 || evalMetrics > 1) return 'flags that are neither 0 nor 1';
  if (major > 100 || minor > 1000) return `version ${major}.${minor}`;
  for (let i = o + 36; i < o + 136; i++) if (b[i] !== 0) return 'non-zero reserved bytes';
  return { extraAttrs, major, minor };
}

const BOOSTERS = new Set(['gbtree', 'dart', 'gblinear']);

function* dmlcString(s: Stream, what: string): Gen<string> {
  const at = s.at();
  const n = bigToNumber(u64le(yield* readN(s, 8, `${what} length`), 0), at, `${what} length`);
  if (n > MAX_NAME) throw new FormatError(`${what} of ${n} bytes`, at);
  return new TextDecoder('utf-8', { fatal: false }).decode(yield* readN(s, n, what));
}

function* binaryModel(s: Stream, details: Record<string, unknown>): Gen<void> {
  let h = yield* readN(s, 4, 'the header');
  const binf = startsWith(h, 'binf');
  const rest = yield* readN(s, binf ? 136 : 132, 'the learner parameters');
  const param = binf ? rest : new Uint8Array([...h, ...rest]);
  h = param;
  const p = learnerParam(h, 0);
  if (typeof p === 'string') throw new FormatError(`the learner parameters have ${p}`, binf ? 4 : 0);
  const objective = yield* dmlcString(s, 'the objective name');
  const booster = yield* dmlcString(s, 'the booster name');
  details.xgboost = { format: 'binary', version: `${p.major}.${p.minor}`, objective: objective.slice(0, 64), booster: booster.slice(0, 32) };
  if (!BOOSTERS.has(booster)) throw new FormatError(`booster "${booster.slice(0, 40)}" is not one xgboost has (gbtree, dart, gblinear)`, s.at());
  if (booster === 'gblinear') {
    yield* readN(s, 136, 'the linear model parameters');
    yield* floatVector(s, 'the linear weights');
  } else {
    const at = s.at();
    const g = yield* readN(s, 160, 'the tree model parameters');
    const trees = u32le(g, 0) | 0;
    if (trees < 0 || trees * 148 > s.left()) throw new FormatError(`${trees} trees cannot fit in the ${s.left()} bytes left`, at);
    for (let t = 0; t < trees; t++) {
      const tAt = s.at();
      const tp = yield* readN(s, 148, `tree #${t}`);
      const nodes = u32le(tp, 4) | 0;
      if (nodes <= 0 || nodes * 36 > s.left()) throw new FormatError(`tree #${t} claims ${nodes} nodes`, tAt);
      yield* skipN(s, nodes * 20, `the nodes of tree #${t}`);
      yield* skipN(s, nodes * 16, `the node statistics of tree #${t}`);
    }
    yield* skipN(s, trees * 4, 'the tree info');
    if (booster === 'dart' && trees !== 0) yield* floatVector(s, 'the dart weights');
  }
  if (p.extraAttrs !== 0) {
    const at = s.at();
    const n = bigToNumber(u64le(yield* readN(s, 8, 'the attribute count'), 0), at, 'the attribute count');
    if (n * 16 > s.left()) throw new FormatError(`${n} attributes cannot fit in the ${s.left()} bytes left`, at);
    for (let i = 0; i < n; i++) {
      yield* dmlcString(s, `attribute #${i} name`);
      yield* dmlcString(s, `attribute #${i} value`);
    }
  }
}

function* floatVector(s: Stream, what: string): Gen<void> {
  const at = s.at();
  const n = bigToNumber(u64le(yield* readN(s, 8, `${what} length`), 0), at, `${what} length`);
  yield* skipN(s, n * 4, what);
}

// ---------------- scanners ----------------

function createScanner(ctx: FileContext, opts: FileScanOptions, kind: 'ubj' | 'binary'): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  const details: Record<string, unknown> = {};
  const keys: string[] = [];
  let failure: FormatError | undefined;
  let total = 0;
  const s: Stream = { at: () => feeder.offset, left: () => (ctx.size === undefined ? Infinity : ctx.size - feeder.offset) };
  function* parse(): Parser {
    try {
      if (kind === 'ubj') {
        const m = yield* ubjMarker(s, 'the document');
        yield* ubjValue(s, m, 0, keys);
        details.xgboost = { format: 'ubjson', keys };
      } else yield* binaryModel(s, details);
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      failure = err;
    }
  }
  const feeder: Feeder = new Feeder(parse());
  const label = kind === 'ubj' ? 'UBJSON' : 'binary';
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      let complete = true;
      if (!failure && feeder.offset < total) failure = new FormatError(`${total - feeder.offset} bytes follow the model, which xgboost never reads`, feeder.offset);
      if (failure) {
        complete = false;
        findings.push(finding('xgboost.invalid', 'high', `Not a valid XGBoost ${label} model: ${failure.message}`, {
          file: ctx.path, offset: base + failure.offset,
          help: kind === 'ubj'
            ? 'xgboost 1.7 reads UBJSON lengths without checking them against the file, so a model that is not well-formed makes it read past its buffer. Not what xgboost writes; do not approve it.'
            : 'Not what xgboost writes: xgboost refuses it or reads something other than the model. Do not approve it.'
        }));
      }
      return { formats: [kind === 'ubj' ? 'xgboost-ubj' : 'xgboost-binary'], findings, complete, details };
    }
  };
}

/** `{` then an integer length marker and a key: how every xgboost UBJSON model starts (never valid JSON). */
export function looksLikeXgboostUbj(head: Uint8Array): boolean {
  if (head.length < 3 || head[0] !== 0x7b) return false;
  const m = String.fromCharCode(head[1] as number);
  const size = { i: 1, U: 1, I: 2, l: 4, L: 8 }[m];
  if (size === undefined || head.length < 2 + size) return false;
  let n = 0;
  for (let k = 0; k < size; k++) n = n * 256 + (head[2 + k] as number);
  if (n === 0 || n > 1024) return false;
  const key = head.subarray(2 + size, 2 + size + n);
  return [...key].every((c) => c >= 0x20 && c < 0x7f);
}

/** "binf" or not, a LearnerModelParamLegacy whose reserved bytes are zero, then a short printable objective name. */
export function looksLikeXgboostBinary(head: Uint8Array): boolean {
  const o = startsWith(head, 'binf') ? 4 : 0;
  if (head.length < o + 144) return false;
  if (typeof learnerParam(head, o) === 'string') return false;
  const n = u64le(head, o + 136);
  if (n === 0n || n > 256n) return false;
  const name = head.subarray(o + 144, o + 144 + Number(n));
  return name.length === Number(n) && [...name].every((c) => c > 0x20 && c < 0x7f);
}

export const xgboostUbjPlugin: FormatPlugin = {
  format: 'xgboost-ubj',
  claims: (head) => looksLikeXgboostUbj(head),
  create: (ctx, opts) => createScanner(ctx, opts, 'ubj'),
  dataOnly: true
};

export const xgboostBinaryPlugin: FormatPlugin = {
  format: 'xgboost-binary',
  claims: (head) => looksLikeXgboostBinary(head),
  create: (ctx, opts) => createScanner(ctx, opts, 'binary'),
  dataOnly: true
};
