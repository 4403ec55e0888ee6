// A push-based symbolic pickle machine that behaves like CPython's C unpickler (Modules/_pickle.c) without
// executing anything: it keeps a real stack, mark stack and memo of symbolic values, records every import and
// call with its opcode offset, and reads stacked pickles to the end of the stream. Chunks arrive in order; the
// only bytes it keeps across chunks are one incomplete opcode (a small carry), and large literals are counted,
// never copied.
import type { Finding, Severity } from '../../core/findings.js';
import { describeGlobal, type GlobalTier, TORCH_STORAGE_ELEMENT_SIZE, tierSeverity, WEIGHTS_ONLY_BLOCKED_MODULES, WEIGHTS_ONLY_GLOBALS } from '../../config/security/globals/index.js';
import { isJoblibWrapper, joblibArray } from './joblib.js';
import { DROPPED_STR, Memo } from './memo.js';
import { mapPython2 } from './names.js';
import { HIGHEST_PROTOCOL, OP, opName, WEIGHTS_ONLY_OPS } from './opcodes.js';
import { FindingSet } from './report.js';
import { isFloatLine, parseIntLine, parseLongLine, parseMemoKey, parseStringLine, parseUnicodeLine } from './text-args.js';
import { ARRAY, BIG_INT, BYTES, Cont, type ContKind, describe, FLOAT, Glob, LONG_STR, Obj, Opaque, Pers, tupleItems, type V } from './values.js';

export interface PickleLimits {
  /** Opcodes over the whole stream. */
  maxOpcodes: number;
  /** Values on the stack at once. */
  maxStack: number;
  /** Open MARKs at once. */
  maxMarks: number;
  /** Memo entries per pickle. */
  maxMemo: number;
  /** Longest text-opcode line (GLOBAL, INT, STRING…). */
  maxLine: number;
  /** Distinct globals. */
  maxGlobals: number;
  /** Pickles stacked in one stream. */
  maxPickles: number;
  /** Pickles nested inside literals, levels deep. */
  maxDepth: number;
  /** Container items the VM keeps across the whole scan; past it only small containers keep their items. */
  maxRetained: number;
  /** Storages of a legacy torch file. */
  maxStorages: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = {
  maxOpcodes: 500_000_000,
  maxStack: 2_000_000,
  maxMarks: 100_000,
  maxMemo: 8_000_000,
  maxLine: 1 << 20,
  maxGlobals: 10_000,
  maxPickles: 100_000,
  maxDepth: 3,
  maxRetained: 1 << 16,
  maxStorages: 1_000_000
};

export type PickleMode = 'auto' | 'plain' | 'joblib' | 'legacy-torch';

export interface VmOptions {
  path: string;
  baseOffset: number;
  mode: PickleMode;
  torchDataPkl: boolean;
  torchScript: boolean;
  allow: ReadonlySet<string>;
  depth: number;
  limits: PickleLimits;
}

export interface GlobalRecord {
  module: string;
  name: string;
  offset: number;
  opcode: string;
  tier: GlobalTier;
  count: number;
  /** Found in a pickle embedded in a literal. */
  nested?: boolean;
}

export interface WeightsOnlyVerdict { loads: boolean; blockedBy?: string; offset?: number }

/** Strings and byte strings up to this size become values; longer ones are counted and skipped. */
const KEEP_LITERAL = 1024;
/** Containers this small always keep their items (call arguments, state dicts, persistent ids). */
const SMALL_CONTAINER = 32;
/** Items a larger container keeps before it only counts. */
const CONTAINER_CAP = 4096;
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

const S_OPS = 0, S_DATA = 1, S_RAW = 2, S_HDR = 3, S_DEAD = 4;

/** Bytes that can start a pickle which imports something (anything else fails on the first opcode). */
const STARTER = new Uint8Array(256);
for (const c of [
  OP.PROTO, OP.FRAME, OP.MARK, OP.GLOBAL, OP.FLOAT, OP.INT, OP.BININT, OP.BININT1, OP.LONG, OP.BININT2, OP.NONE,
  OP.PERSID, OP.STRING, OP.BINSTRING, OP.SHORT_BINSTRING, OP.UNICODE, OP.BINUNICODE, OP.EMPTY_DICT, OP.EMPTY_LIST,
  OP.EMPTY_TUPLE, OP.BINFLOAT, OP.EXT1, OP.EXT2, OP.EXT4, OP.NEWTRUE, OP.NEWFALSE, OP.LONG1, OP.LONG4, OP.BINBYTES,
  OP.SHORT_BINBYTES, OP.SHORT_BINUNICODE, OP.BINUNICODE8, OP.BINBYTES8, OP.EMPTY_SET, OP.BYTEARRAY8
]) STARTER[c] = 1;

class PickleError extends Error {
  constructor(public check: string, message: string, public at: number, public help?: string) { super(message); }
}

interface Ctx {
  stack: V[];
  marks: number[];
  memo: Memo;
  proto: number;
  /** Stream offset where the open frame ends, or -1. */
  frameEnd: number;
  frameReported: boolean;
  ops: number;
  /** Index among the stream's top-level pickles. */
  index: number;
  /** An object array's pickle inside a joblib stream; returns to the enclosing pickle at STOP. */
  inline: boolean;
  containerCap: number;
}


function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

// Node's native slicers work on any Uint8Array and allocate nothing but the string; UTF-8 errors become U+FFFD
// (lenient, like reading on where the C unpickler's surrogatepass would too).
const SLICERS = Buffer.prototype as unknown as {
  latin1Slice(this: Uint8Array, s: number, e: number): string;
  utf8Slice(this: Uint8Array, s: number, e: number): string;
};
function latin1(buf: Uint8Array, s: number, e: number): string {
  return SLICERS.latin1Slice.call(buf, s, e);
}
function utf8(buf: Uint8Array, s: number, e: number): string {
  return SLICERS.utf8Slice.call(buf, s, e);
}

/** Could these bytes be a pickle that imports something? Cheap filter before running a nested VM. */
function mayImport(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s < 5 || STARTER[buf[s] as number] !== 1) return false;
  let nl = false, ci = false;
  for (let i = s; i < e; i++) {
    const b = buf[i] as number;
    if (b === 0x93 || b === 0x82 || b === 0x83 || b === 0x84) return true;
    if (b === 0x0a) nl = true;
    else if (b === 0x63 || b === 0x69) ci = true;
  }
  return nl && ci;
}

/** UTF-8 text → latin1 bytes, as `_codecs.encode(s, 'latin1')` would give; null at the first char above U+00FF. */
class Latin1Transcoder {
  private lead = 0;
  feed(buf: Uint8Array, s: number, e: number): Uint8Array | null {
    const out = new Uint8Array(e - s + 1);
    let n = 0;
    for (let i = s; i < e; i++) {
      const b = buf[i] as number;
      if (this.lead !== 0) {
        if ((b & 0xc0) !== 0x80) return null;
        out[n++] = ((this.lead & 0x03) << 6) | (b & 0x3f);
        this.lead = 0;
      } else if (b < 0x80) out[n++] = b;
      else if (b === 0xc2 || b === 0xc3) this.lead = b;
      else return null;
    }
    return out.subarray(0, n);
  }
}

function latin1Bytes(s: string): Uint8Array | null {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return null;
    out[i] = c;
  }
  return out;
}

export class PickleVM {
  private state = S_OPS;
  private carry: Uint8Array | null = null;
  /** Bytes pushed so far. */
  private streamLen = 0;
  private ctx: Ctx;
  private readonly outer: Ctx[] = [];
  private pickles = 0;
  private totalOps = 0;
  private retained = 0;
  private error: PickleError | null = null;

  readonly findings = new FindingSet();
  private readonly nestedFindings: Finding[] = [];
  readonly globals = new Map<string, { rec: GlobalRecord; glob: Glob }>();
  private readonly callTargets = new Map<string, { target: string; count: number; offset: number }>();
  calls = 0;
  complete = true;
  /** Something was imported (here or in a nested literal): decides whether an embedded scan is reported. */
  sawImport = false;
  /** Something an enclosing scan must report even without imports (a nesting limit hit). */
  private mustReport = false;
  /** Furthest end of any FRAME seen: past the end of the data, the C unpickler fails at that FRAME. */
  private frameHorizon = 0;
  readonly formats = new Set<string>(['pickle']);

  // Large literal being skipped.
  private dRemain = 0;
  private dValue: V = null;
  private dAt = 0;
  private dOp = 0;
  private dChild: PickleVM | null = null;
  private dDecide = false;
  private dText: Latin1Transcoder | null = null;
  private dChildAt = 0;
  // Raw bytes (legacy storages, joblib arrays) and small headers before them.
  private rawRemain = 0;
  private rawThen: (() => void) | null = null;
  private readonly hdr = new Uint8Array(8);
  private hdrHave = 0;
  private hdrNeed = 0;
  private hdrThen: ((h: Uint8Array, at: number) => void) | null = null;
  // Legacy torch (pre-1.6) layout.
  private legacy: boolean;
  private readonly storages = new Map<string, { elsize: number; numel: number }>();
  private legacyKeys: string[] = [];
  private legacyIdx = 0;
  // torch weights_only verdict for data.pkl.
  private wo: WeightsOnlyVerdict | null;

  constructor(private readonly o: VmOptions) {
    this.legacy = o.mode === 'legacy-torch';
    this.wo = o.torchDataPkl || this.legacy ? { loads: true } : null;
    this.ctx = this.newCtx(0, false);
  }

  private newCtx(index: number, inline: boolean): Ctx {
    const legacyKeys = this.legacy && index === 4 && !inline;
    return {
      stack: [], marks: [], memo: new Memo(), proto: 0, frameEnd: -1, frameReported: false,
      ops: 0, index, inline, containerCap: legacyKeys ? this.o.limits.maxStorages : CONTAINER_CAP
    };
  }

  // ───────────────────────────── stream driving ─────────────────────────────

  push(chunk: Uint8Array): void {
    const abs = this.streamLen;
    this.streamLen += chunk.length;
    if (this.state === S_DEAD || chunk.length === 0) return;
    this.guard(() => {
      let rest = chunk;
      let restAbs = abs;
      // An opcode cut by the previous chunk: finish it from a small joined buffer, not a copy of the whole chunk.
      while (this.carry && rest.length > 0 && this.state !== S_DEAD) {
        const carry = this.carry;
        const k = Math.min(rest.length, Math.max(65536, carry.length * 2));
        const joined = new Uint8Array(carry.length + k);
        joined.set(carry, 0);
        joined.set(rest.subarray(0, k), carry.length);
        this.carry = null;
        this.drive(joined, restAbs - carry.length, false);
        rest = rest.subarray(k);
        restAbs += k;
      }
      if (rest.length > 0 && this.state !== S_DEAD) this.drive(rest, restAbs, false);
    });
  }

  /** Ends the stream; afterwards the VM holds its final findings. */
  finish(): void {
    this.guard(() => {
      if (this.carry) {
        const c = this.carry;
        this.carry = null;
        this.drive(c, this.streamLen - c.length, true);
      }
      if (this.state === S_DEAD) return;
      const end = this.streamLen;
      if (this.state === S_DATA) throw new PickleError('pickle.parse-error', `${opName(this.dOp)} literal is truncated: ${this.dRemain} bytes missing`, this.dAt);
      if (this.state === S_RAW) throw new PickleError('pickle.parse-error', `raw data after the pickle is truncated: ${this.rawRemain} bytes missing`, end);
      if (this.state === S_HDR) throw new PickleError('pickle.parse-error', 'raw data header is truncated', end);
      if (this.frameHorizon > end) throw new PickleError('pickle.frame', `FRAME runs past the end of the data (to ${hex(this.o.baseOffset + this.frameHorizon)})`, end);
      if (this.ctx.ops > 0 || this.outer.length > 0) throw new PickleError('pickle.parse-error', 'pickle ends without STOP (truncated)', end);
      if (this.legacy && this.pickles > 0 && this.pickles < 5 && this.o.mode === 'auto') {
        this.add('pickle.legacy', 'high', `legacy torch file ends after ${this.pickles} of its 5 pickles`, end, 'legacy-short');
        this.complete = false;
      }
      if (this.pickles === 0) throw new PickleError('pickle.parse-error', 'no pickle: the data is empty', 0);
    });
    if (this.dChild) this.closeChild();
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof PickleError)) throw err;
      this.fail(err);
    }
  }

  private fail(err: PickleError): void {
    this.state = S_DEAD;
    this.carry = null;
    this.complete = false;
    this.error = err;
    const after = this.pickles > 0 && this.ctx.ops <= 1 && this.outer.length === 0 && err.check === 'pickle.parse-error';
    const message = after ? `data after pickle #${this.pickles} is not a pickle: ${err.message}` : err.message;
    this.add(err.check, 'high', message, err.at, `error:${err.check}`, err.help ??
      'The file could not be read to its end as the unpickler would read it. What came before the error still runs on load; treat the file as unsafe.');
  }

  private drive(buf: Uint8Array, abs0: number, final: boolean): void {
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      switch (this.state) {
        case S_OPS: {
          pos = this.runOps(buf, pos, abs0, final);
          if (this.state === S_OPS && pos < len) {
            const rest = len - pos;
            if (rest > this.o.limits.maxLine * 2 + 64) {
              throw new PickleError('pickle.limit', `text argument longer than ${this.o.limits.maxLine} bytes`, abs0 + pos);
            }
            this.carry = buf.slice(pos);
            return;
          }
          break;
        }
        case S_DATA:
          pos = this.feedData(buf, pos, abs0);
          break;
        case S_RAW: {
          const n = Math.min(this.rawRemain, len - pos);
          this.rawRemain -= n;
          pos += n;
          if (this.rawRemain === 0) this.afterRaw();
          break;
        }
        case S_HDR: {
          while (this.hdrHave < this.hdrNeed && pos < len) this.hdr[this.hdrHave++] = buf[pos++] as number;
          if (this.hdrHave === this.hdrNeed) {
            const then = this.hdrThen;
            this.hdrThen = null;
            this.state = S_OPS;
            then?.(this.hdr, abs0 + pos - this.hdrNeed);
          }
          break;
        }
        default:
          return;
      }
    }
  }

  // ───────────────────────────── the opcode loop ─────────────────────────────

  // Case labels are numeric literals (named in comments) so the switch compiles to a jump table.
  private runOps(buf: Uint8Array, pos: number, abs0: number, final: boolean): number {
    const len = buf.length;
    const L = this.o.limits;
    this.curAbs = abs0;
    while (pos < len && this.state === S_OPS) {
      const ctx = this.ctx;
      const op = buf[pos] as number;
      const at = abs0 + pos;
      if (++this.totalOps > L.maxOpcodes) throw new PickleError('pickle.limit', `more than ${L.maxOpcodes} opcodes`, at);
      ctx.ops++;
      if (this.wo !== null && WEIGHTS_ONLY_OPS[op] === 0 && (this.legacy || ctx.index === 0)) this.woFail(`${opName(op)} opcode`, at);
      let next = -1;
      const st = ctx.stack;
      switch (op) {
        // ── values ──
        case 0x4e /* NONE */: st.push(null); next = pos + 1; break;
        case 0x88 /* NEWTRUE */: st.push(true); next = pos + 1; break;
        case 0x89 /* NEWFALSE */: st.push(false); next = pos + 1; break;
        case 0x4b /* BININT1 */:
          if (pos + 2 <= len) { st.push(buf[pos + 1] as number); next = pos + 2; }
          break;
        case 0x4d /* BININT2 */:
          if (pos + 3 <= len) { st.push((buf[pos + 1] as number) | ((buf[pos + 2] as number) << 8)); next = pos + 3; }
          break;
        case 0x4a /* BININT */:
          if (pos + 5 <= len) {
            st.push((buf[pos + 1] as number) | ((buf[pos + 2] as number) << 8) | ((buf[pos + 3] as number) << 16) | ((buf[pos + 4] as number) << 24));
            next = pos + 5;
          }
          break;
        case 0x47 /* BINFLOAT */:
          if (pos + 9 <= len) { st.push(FLOAT); next = pos + 9; }
          break;
        case 0x8a /* LONG1 */:
          if (pos + 2 <= len) {
            const n = buf[pos + 1] as number;
            if (pos + 2 + n <= len) { st.push(decodeLong(buf, pos + 2, n)); next = pos + 2 + n; }
          }
          break;
        case 0x8b /* LONG4 */:
          if (pos + 5 <= len) {
            const n = i32(buf, pos + 1);
            if (n < 0) throw new PickleError('pickle.parse-error', 'LONG4 has a negative byte count', at);
            if (n > KEEP_LITERAL) next = this.beginData(op, at, n, BIG_INT, pos + 5, false, false);
            else if (pos + 5 + n <= len) { st.push(decodeLong(buf, pos + 5, n)); next = pos + 5 + n; }
          }
          break;
        case 0x8c /* SHORT_BINUNICODE */:
          if (pos + 2 <= len) {
            const n = buf[pos + 1] as number;
            if (pos + 2 + n <= len) { this.pushStr(utf8(buf, pos + 2, pos + 2 + n), pos + 2); next = pos + 2 + n; }
          }
          break;
        case 0x58 /* BINUNICODE */:
          if (pos + 5 <= len) next = this.lenPrefixed(buf, pos, op, at, u32(buf, pos + 1), 5, 'str');
          break;
        case 0x8d /* BINUNICODE8 */:
          if (pos + 9 <= len) next = this.lenPrefixed(buf, pos, op, at, u64(buf, pos + 1, at), 9, 'str');
          break;
        case 0x55 /* SHORT_BINSTRING */: case 0x43 /* SHORT_BINBYTES */:
          if (pos + 2 <= len) {
            const n = buf[pos + 1] as number;
            if (pos + 2 + n <= len) {
              this.nestedSmall(buf, pos + 2, pos + 2 + n);
              st.push(op === OP.SHORT_BINSTRING ? latin1(buf, pos + 2, pos + 2 + n) : BYTES);
              next = pos + 2 + n;
            }
          }
          break;
        case 0x54 /* BINSTRING */:
          if (pos + 5 <= len) {
            const n = i32(buf, pos + 1);
            if (n < 0) throw new PickleError('pickle.parse-error', 'BINSTRING has a negative byte count', at);
            next = this.lenPrefixed(buf, pos, op, at, n, 5, 'bstr');
          }
          break;
        case 0x42 /* BINBYTES */:
          if (pos + 5 <= len) next = this.lenPrefixed(buf, pos, op, at, u32(buf, pos + 1), 5, 'bytes');
          break;
        case 0x8e /* BINBYTES8 */: case 0x96 /* BYTEARRAY8 */:
          if (pos + 9 <= len) next = this.lenPrefixed(buf, pos, op, at, u64(buf, pos + 1, at), 9, 'bytes');
          break;
        case 0x49 /* INT */: case 0x4c /* LONG */: case 0x46 /* FLOAT */: case 0x53 /* STRING */: case 0x56 /* UNICODE */: {
          const nl = this.lineEnd(buf, pos + 1, at);
          if (nl < 0) break;
          const line = latin1(buf, pos + 1, nl);
          next = nl + 1;
          if (op === OP.INT) {
            const v = parseIntLine(line);
            if (v === null) throw new PickleError('pickle.parse-error', `INT argument ${JSON.stringify(line.slice(0, 40))} is not an integer`, at);
            st.push(v);
          } else if (op === OP.LONG) {
            const v = parseLongLine(line);
            if (v === null) throw new PickleError('pickle.parse-error', `LONG argument ${JSON.stringify(line.slice(0, 40))} is not an integer`, at);
            st.push(v);
          } else if (op === OP.FLOAT) {
            if (!isFloatLine(line)) throw new PickleError('pickle.parse-error', `FLOAT argument ${JSON.stringify(line.slice(0, 40))} is not a number`, at);
            st.push(FLOAT);
          } else {
            const v = op === OP.STRING ? parseStringLine(line) : parseUnicodeLine(line);
            if (v === null) throw new PickleError('pickle.parse-error', `${opName(op)} argument is malformed`, at);
            this.pushStr(v, pos + 1);
          }
          break;
        }
        // ── containers ──
        case 0x5d /* EMPTY_LIST */: st.push(new Cont('list', [], 0)); next = pos + 1; break;
        case 0x7d /* EMPTY_DICT */: st.push(new Cont('dict', [], 0)); next = pos + 1; break;
        case 0x29 /* EMPTY_TUPLE */: st.push(new Cont('tuple', [], 0)); next = pos + 1; break;
        case 0x8f /* EMPTY_SET */: st.push(new Cont('set', [], 0)); next = pos + 1; break;
        case 0x85 /* TUPLE1 */: case 0x86 /* TUPLE2 */: case 0x87 /* TUPLE3 */: {
          const n = op - OP.TUPLE1 + 1;
          if (st.length - n < this.fence()) this.underflow(op, at);
          const items = st.splice(st.length - n, n);
          this.retained += n;
          st.push(new Cont('tuple', items, n));
          next = pos + 1;
          break;
        }
        case 0x74 /* TUPLE */: case 0x6c /* LIST */: case 0x91 /* FROZENSET */: case 0x64 /* DICT */: {
          const kind: ContKind = op === OP.TUPLE ? 'tuple' : op === OP.LIST ? 'list' : op === OP.DICT ? 'dict' : 'frozenset';
          st.push(this.containerFromMark(kind, op, at));
          next = pos + 1;
          break;
        }
        case 0x61 /* APPEND */: {
          if (st.length - 1 <= this.fence()) this.underflow(op, at);
          const v = st.pop() as V;
          this.addTo(st[st.length - 1] as V, v, 'list', op, at);
          next = pos + 1;
          break;
        }
        case 0x73 /* SETITEM */: {
          if (st.length - 2 <= this.fence()) this.underflow(op, at);
          const v = st.pop() as V;
          const k = st.pop() as V;
          this.setItems(st[st.length - 1] as V, k, v, op, at);
          next = pos + 1;
          break;
        }
        case 0x65 /* APPENDS */: case 0x75 /* SETITEMS */: case 0x90 /* ADDITEMS */: {
          const mark = this.marker(op, at);
          if (mark > st.length || mark <= this.fence()) this.underflow(op, at);
          const n = st.length - mark;
          if (op === OP.SETITEMS && n % 2 !== 0) throw new PickleError('pickle.parse-error', 'odd number of items for SETITEMS', at);
          const target = st[mark - 1] as V;
          if (n > 0) {
            if (op === OP.SETITEMS) for (let i = mark; i < st.length; i += 2) this.setItems(target, st[i] as V, st[i + 1] as V, op, at);
            else for (let i = mark; i < st.length; i++) this.addTo(target, st[i] as V, op === OP.APPENDS ? 'list' : 'set', op, at);
            st.length = mark;
          } else if (this.woLive()) {
            this.woTarget(target, op === OP.SETITEMS ? 'dict' : 'list', op, at);
          }
          next = pos + 1;
          break;
        }
        // ── stack ──
        case 0x28 /* MARK */:
          if (ctx.marks.length >= L.maxMarks) throw new PickleError('pickle.limit', `more than ${L.maxMarks} open MARKs`, at);
          ctx.marks.push(st.length);
          next = pos + 1;
          break;
        case 0x30 /* POP */:
          if (ctx.marks.length > 0 && ctx.marks[ctx.marks.length - 1] === st.length) ctx.marks.pop();
          else if (st.length <= this.fence()) this.underflow(op, at);
          else st.pop();
          next = pos + 1;
          break;
        case 0x31 /* POP_MARK */: this.popMark(op, at); next = pos + 1; break;
        case 0x32 /* DUP */:
          if (st.length <= this.fence()) this.underflow(op, at);
          st.push(st[st.length - 1] as V);
          next = pos + 1;
          break;
        // ── memo ──
        case 0x71 /* BINPUT */:
          if (pos + 2 <= len) { this.memoPut(buf[pos + 1] as number, op, at); next = pos + 2; }
          break;
        case 0x72 /* LONG_BINPUT */:
          if (pos + 5 <= len) { this.memoPut(u32(buf, pos + 1), op, at); next = pos + 5; }
          break;
        case 0x94 /* MEMOIZE */: this.memoPut(ctx.memo.count, op, at); next = pos + 1; break;
        case 0x68 /* BINGET */:
          if (pos + 2 <= len) { st.push(this.memoGet(buf[pos + 1] as number, at)); next = pos + 2; }
          break;
        case 0x6a /* LONG_BINGET */:
          if (pos + 5 <= len) { st.push(this.memoGet(u32(buf, pos + 1), at)); next = pos + 5; }
          break;
        case 0x70 /* PUT */: case 0x67 /* GET */: {
          const nl = this.lineEnd(buf, pos + 1, at);
          if (nl < 0) break;
          const key = parseMemoKey(latin1(buf, pos + 1, nl));
          if (key === null) throw new PickleError('pickle.parse-error', `${opName(op)} argument is not an integer`, at);
          if (op === OP.PUT) {
            if (key < 0) throw new PickleError('pickle.parse-error', 'negative PUT argument', at);
            this.memoPut(key, op, at);
          } else st.push(this.memoGet(key, at));
          next = nl + 1;
          break;
        }
        // ── imports ──
        case 0x63 /* GLOBAL */: case 0x69 /* INST */: {
          const nl1 = this.lineEnd(buf, pos + 1, at);
          if (nl1 < 0) break;
          const nl2 = this.lineEnd(buf, nl1 + 1, at);
          if (nl2 < 0) break;
          const g = this.importGlobal(utf8(buf, pos + 1, nl1), utf8(buf, nl1 + 1, nl2), at, op);
          if (op === OP.GLOBAL) st.push(g);
          else {
            const args = this.popMark(op, at);
            this.call(g, new Cont('tuple', args, args.length), at, op);
          }
          next = nl2 + 1;
          break;
        }
        case 0x93 /* STACK_GLOBAL */: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const name = st.pop() as V;
          const mod = st.pop() as V;
          st.push(this.stackGlobal(mod, name, at));
          next = pos + 1;
          break;
        }
        case 0x82 /* EXT1 */: case 0x83 /* EXT2 */: case 0x84 /* EXT4 */: {
          const n = op === OP.EXT1 ? 1 : op === OP.EXT2 ? 2 : 4;
          if (pos + 1 + n > len) break;
          const code = n === 1 ? (buf[pos + 1] as number) : n === 2 ? ((buf[pos + 1] as number) | ((buf[pos + 2] as number) << 8)) : i32(buf, pos + 1);
          if (code <= 0) throw new PickleError('pickle.parse-error', `${opName(op)} extension code ${code} is not positive`, at);
          this.sawImport = true;
          this.add('pickle.ext', 'critical', `${opName(op)} imports extension code ${code} through copyreg's registry: the imported name is invisible`,
            at, `ext:${code}`, 'Extension codes import whatever the loading process registered; a model file has no reason to use them.', `${opName(op)} ${code}`);
          st.push(new Glob('copyreg extension', String(code), 'dangerous', this.o.baseOffset + at, false, true));
          next = pos + 1 + n;
          break;
        }
        // ── calls ──
        case 0x52 /* REDUCE */: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const args = st.pop() as V;
          const fn = st.pop() as V;
          this.call(fn, args, at, op);
          next = pos + 1;
          break;
        }
        case 0x81 /* NEWOBJ */: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const args = st.pop() as V;
          const cls = st.pop() as V;
          this.call(cls, args, at, op);
          next = pos + 1;
          break;
        }
        case 0x92 /* NEWOBJ_EX */: {
          if (st.length - 3 < this.fence()) this.underflow(op, at);
          st.pop();
          const args = st.pop() as V;
          const cls = st.pop() as V;
          this.call(cls, args, at, op);
          next = pos + 1;
          break;
        }
        case 0x6f /* OBJ */: {
          const items = this.popMark(op, at);
          if (items.length < 1) this.underflow(op, at);
          const cls = items[0] as V;
          this.call(cls, new Cont('tuple', items.slice(1), items.length - 1), at, op);
          next = pos + 1;
          break;
        }
        case 0x62 /* BUILD */: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const state = st.pop() as V;
          this.build(st[st.length - 1] as V, state, at);
          next = pos + 1;
          break;
        }
        // ── persistent ids ──
        case 0x51 /* BINPERSID */: {
          if (st.length <= this.fence()) this.underflow(op, at);
          const pid = st.pop() as V;
          st.push(this.persistent(pid, at, op));
          next = pos + 1;
          break;
        }
        case 0x50 /* PERSID */: {
          const nl = this.lineEnd(buf, pos + 1, at);
          if (nl < 0) break;
          st.push(this.persistent(latin1(buf, pos + 1, nl), at, op));
          next = nl + 1;
          break;
        }
        // ── framing and protocol ──
        case 0x80 /* PROTO */:
          if (pos + 2 <= len) {
            const p = buf[pos + 1] as number;
            if (p > HIGHEST_PROTOCOL) throw new PickleError('pickle.parse-error', `unsupported pickle protocol ${p}`, at);
            ctx.proto = p;
            next = pos + 2;
          }
          break;
        case 0x95 /* FRAME */:
          if (pos + 9 <= len) {
            const n = u64(buf, pos + 1, at);
            if (ctx.frameEnd >= 0 && at < ctx.frameEnd) this.frameProblem('a FRAME starts inside an open frame', at);
            ctx.frameEnd = abs0 + pos + 9 + n;
            if (ctx.frameEnd > this.frameHorizon) this.frameHorizon = ctx.frameEnd;
            next = pos + 9;
          }
          break;
        case 0x97 /* NEXT_BUFFER */:
          throw new PickleError('pickle.parse-error', 'NEXT_BUFFER refers to out-of-band data, which a file load does not provide', at);
        case 0x98 /* READONLY_BUFFER */:
          if (st.length <= this.fence()) this.underflow(op, at);
          next = pos + 1;
          break;
        case 0x2e /* STOP */: {
          if (st.length <= this.fence()) this.underflow(op, at);
          const v = st.pop() as V;
          if (ctx.frameEnd >= 0) this.checkFrame(at, abs0 + pos + 1);
          this.endPickle(v, at);
          pos += 1;
          continue;
        }
        default:
          throw new PickleError('pickle.parse-error', `invalid opcode ${hex(op)}`, at);
      }
      if (next < 0) {
        if (final) throw new PickleError('pickle.parse-error', `${opName(op)} is truncated: the data ends inside it`, at);
        this.totalOps--; // counted again when the rest of it arrives
        ctx.ops--;
        return pos;
      }
      if (st.length > L.maxStack) throw new PickleError('pickle.limit', `stack deeper than ${L.maxStack}`, at);
      if (ctx.frameEnd >= 0 && op !== OP.FRAME) this.checkFrame(at, abs0 + next);
      pos = next;
    }
    return pos;
  }

  // ───────────────────────────── helpers of the loop ─────────────────────────────

  private pushV(v: V): void {
    this.ctx.stack.push(v);
  }

  private fence(): number {
    const m = this.ctx.marks;
    return m.length > 0 ? (m[m.length - 1] as number) : 0;
  }

  private underflow(op: number, at: number): never {
    throw new PickleError('pickle.parse-error', `${opName(op)}: stack underflow`, at);
  }

  private marker(op: number, at: number): number {
    const m = this.ctx.marks.pop();
    if (m === undefined) throw new PickleError('pickle.parse-error', `${opName(op)}: could not find MARK`, at);
    return m;
  }

  private popMark(op: number, at: number): V[] {
    const mark = this.marker(op, at);
    const st = this.ctx.stack;
    if (mark > st.length) this.underflow(op, at);
    return st.splice(mark, st.length - mark);
  }

  /** TUPLE, LIST, FROZENSET, DICT: the items since the last MARK become a container (kept when small or affordable). */
  private containerFromMark(kind: ContKind, op: number, at: number): Cont {
    const mark = this.marker(op, at);
    const st = this.ctx.stack;
    if (mark > st.length) this.underflow(op, at);
    const count = st.length - mark;
    if (kind === 'dict' && count % 2 !== 0) throw new PickleError('pickle.parse-error', 'odd number of items for DICT', at);
    const n = kind === 'dict' ? count / 2 : count;
    if (count <= SMALL_CONTAINER || (count <= this.ctx.containerCap && this.retained < this.o.limits.maxRetained)) {
      this.retained += count;
      return new Cont(kind, st.splice(mark, count), n);
    }
    st.length = mark;
    return new Cont(kind, null, n);
  }

  private keep(c: Cont, v: V): void {
    const items = c.items;
    if (items === null) return;
    if (items.length < SMALL_CONTAINER || (items.length < this.ctx.containerCap && this.retained < this.o.limits.maxRetained)) {
      items.push(v);
      this.retained++;
    } else c.items = null;
  }

  private addTo(target: V, v: V, want: 'list' | 'set', op: number, at: number): void {
    if (this.woLive()) this.woTarget(target, want, op, at);
    if (target instanceof Cont) { target.n++; this.keep(target, v); }
  }

  private setItems(target: V, k: V, v: V, op: number, at: number): void {
    if (this.woLive()) this.woTarget(target, 'dict', op, at);
    if (target instanceof Cont) { target.n++; this.keep(target, k); this.keep(target, v); }
  }

  private lineEnd(buf: Uint8Array, from: number, at: number): number {
    const nl = buf.indexOf(0x0a, from);
    if (nl >= 0 && nl - from <= this.o.limits.maxLine) return nl;
    if (nl >= 0 || buf.length - from > this.o.limits.maxLine) {
      throw new PickleError('pickle.limit', `text argument longer than ${this.o.limits.maxLine} bytes`, at);
    }
    return -1;
  }

  /** A length-prefixed literal: small ones become values, large ones are skipped by counting. */
  private lenPrefixed(buf: Uint8Array, pos: number, op: number, at: number, n: number, hdr: number, kind: 'str' | 'bstr' | 'bytes'): number {
    const s = pos + hdr;
    if (n > KEEP_LITERAL) return this.beginData(op, at, n, kind === 'bytes' ? BYTES : LONG_STR, s, true, kind === 'str');
    if (s + n > buf.length) return -1;
    if (kind === 'str') this.pushStr(utf8(buf, s, s + n), s);
    else {
      this.nestedSmall(buf, s, s + n);
      this.pushV(kind === 'bstr' ? latin1(buf, s, s + n) : BYTES);
    }
    return s + n;
  }

  /** Pushes a str literal that started at buf[s], after scanning it when it may be a pickle itself. */
  private pushStr(v: string, s: number): void {
    if (v.length >= 5 && STARTER[v.charCodeAt(0)] === 1 &&
      ((v.includes('\n') && (v.includes('c') || v.includes('i'))) || /[\x93\x82-\x84]/.test(v))) {
      const b = latin1Bytes(v);
      if (b) this.nestedRun(b, this.curAbs + s);
    }
    this.pushV(v);
  }

  /** Stream offset of buf[0] for the buffer runOps is working on. */
  private curAbs = 0;

  private nestedSmall(buf: Uint8Array, s: number, e: number): void {
    if (!mayImport(buf, s, e)) return;
    this.nestedRun(buf.subarray(s, e), this.curAbs + s);
  }

  private nestedRun(bytes: Uint8Array, streamAt: number): void {
    const child = this.spawnChild(streamAt, bytes[0] ?? 0, bytes[1] ?? 0);
    if (!child) return;
    child.push(bytes);
    child.finish();
    this.merge(child, streamAt);
  }

  private spawnChild(streamAt: number, b0: number, b1: number): PickleVM | null {
    if (STARTER[b0] !== 1) return null;
    if (this.o.depth >= this.o.limits.maxDepth) {
      if (b0 === OP.PROTO && b1 <= HIGHEST_PROTOCOL) {
        this.add('pickle.limit', 'high', `a literal holds a pickle nested more than ${this.o.limits.maxDepth} levels deep; it was not scanned`,
          streamAt, 'nested-depth');
        this.complete = false;
        this.mustReport = true;
      }
      return null;
    }
    return new PickleVM({
      ...this.o, baseOffset: this.o.baseOffset + streamAt, mode: 'auto', torchDataPkl: false, torchScript: false, depth: this.o.depth + 1
    });
  }

  /** Reports an embedded pickle when it imported something (random bytes never get that far). */
  private merge(child: PickleVM, streamAt: number): void {
    if (!child.sawImport && !child.mustReport) return;
    this.sawImport ||= child.sawImport;
    this.mustReport ||= child.mustReport;
    if (!child.complete) this.complete = false;
    const where = hex(this.o.baseOffset + streamAt);
    if (child.sawImport) this.add('pickle.nested', 'medium', `a literal at ${where} is itself a pickle that imports ${child.globals.size} global(s); it runs if the literal is unpickled (pickle.loads, torch.load of bytes)`,
      streamAt, `nested:${streamAt}`, 'Embedded pickles have no place in a weights file; see the findings for what it imports.');
    for (const f of child.outcomeFindings()) {
      if (this.nestedFindings.length < 500) this.nestedFindings.push({ ...f, message: `in the pickle embedded at ${where}: ${f.message}` });
    }
    for (const [k, g] of child.globals) if (!this.globals.has(k)) this.globals.set(k, { rec: { ...g.rec, nested: true }, glob: g.glob });
    this.calls += child.calls;
    for (const f of child.formats) if (f !== 'pickle') this.formats.add(f);
  }

  private beginData(op: number, at: number, n: number, value: V, dataStart: number, nested: boolean, text: boolean): number {
    this.state = S_DATA;
    this.dRemain = n;
    this.dValue = value;
    this.dAt = at;
    this.dOp = op;
    this.dChild = null;
    this.dDecide = nested;
    this.dText = text ? new Latin1Transcoder() : null;
    this.dChildAt = this.curAbs + dataStart;
    return dataStart;
  }

  private feedData(buf: Uint8Array, pos: number, abs0: number): number {
    const n = Math.min(this.dRemain, buf.length - pos);
    if (n > 0) {
      if (this.dDecide) {
        this.dDecide = false;
        this.dChildAt = abs0 + pos;
        const b0 = buf[pos] as number;
        // UTF-8 text of a latin1 pickle starts "\xc2\x80" for a protocol 2+ header.
        const first = this.dText && b0 === 0xc2 ? 0x80 : b0;
        const second = this.dText && b0 === 0xc2 ? (buf[pos + 2] ?? 0) : (buf[pos + 1] ?? 0);
        this.dChild = this.spawnChild(abs0 + pos, first, second);
      }
      const child = this.dChild;
      if (child && child.state !== S_DEAD) {
        if (this.dText) {
          const t = this.dText.feed(buf, pos, pos + n);
          if (t) child.push(t);
          else { this.dText = null; child.state = S_DEAD; }
        } else child.push(buf.subarray(pos, pos + n));
      }
      this.dRemain -= n;
    }
    const end = pos + n;
    if (this.dRemain === 0) {
      this.state = S_OPS;
      if (this.dChild) this.closeChild();
      this.ctx.stack.push(this.dValue);
      if (this.ctx.frameEnd >= 0) this.checkFrame(this.dAt, abs0 + end);
    }
    return end;
  }

  private closeChild(): void {
    const child = this.dChild;
    this.dChild = null;
    if (!child) return;
    if (child.state !== S_DEAD) child.finish();
    this.merge(child, this.dChildAt);
  }

  private memoPut(idx: number, op: number, at: number): void {
    const ctx = this.ctx;
    if (ctx.stack.length <= this.fence()) this.underflow(op, at);
    const v = ctx.stack[ctx.stack.length - 1] as V;
    const keep = this.retained < this.o.limits.maxRetained;
    if (keep) this.retained += typeof v === 'string' ? 1 + (v.length >> 5) : 1;
    if (ctx.memo.put(idx, v, keep) && ctx.memo.count > this.o.limits.maxMemo) throw new PickleError('pickle.limit', `more than ${this.o.limits.maxMemo} memo entries`, at);
  }

  private memoGet(idx: number, at: number): V {
    const ctx = this.ctx;
    const v = ctx.memo.get(idx);
    if (v === undefined) throw new PickleError('pickle.parse-error', `memo value not found at index ${idx}`, at);
    return v;
  }

  private checkFrame(start: number, end: number): void {
    const ctx = this.ctx;
    if (start < ctx.frameEnd && end > ctx.frameEnd) this.frameProblem(`an opcode at ${hex(this.o.baseOffset + start)} crosses the end of its frame`, start);
    if (end >= ctx.frameEnd) ctx.frameEnd = -1;
  }

  private frameProblem(message: string, at: number): void {
    if (this.ctx.frameReported) return;
    this.ctx.frameReported = true;
    this.add('pickle.frame', 'high', `${message}: Python's unpickler rejects this while the C unpickler reads on — a parser differential used to hide payloads`,
      at, `frame:${at}`, 'Legitimate picklers never write this; treat the file as crafted.');
  }

  // ───────────────────────────── imports, calls, state ─────────────────────────────

  private importGlobal(module0: string, name0: string, at: number, op: number): Glob {
    const [module, name] = this.ctx.proto < 3 ? mapPython2(module0, name0) : [module0, name0];
    const key = `${module}\n${name}`;
    this.sawImport = true;
    let entry = this.globals.get(key);
    if (!entry) {
      if (this.globals.size >= this.o.limits.maxGlobals) throw new PickleError('pickle.limit', `more than ${this.o.limits.maxGlobals} distinct globals`, at);
      const verdict = describeGlobal(module, name, this.o.allow, { torchScript: this.o.torchScript });
      const full = `${module}.${name}`;
      const woOk = WEIGHTS_ONLY_GLOBALS.has(full) && !WEIGHTS_ONLY_BLOCKED_MODULES.has(module);
      const glob = new Glob(module, name, verdict.tier, this.o.baseOffset + at, woOk);
      entry = { rec: { module, name, offset: this.o.baseOffset + at, opcode: opName(op), tier: verdict.tier, count: 0 }, glob };
      this.globals.set(key, entry);
      const sev = tierSeverity(verdict.tier);
      const shown = module0 === module && name0 === name ? full : `${full} (written as ${module0}.${name0})`;
      if (sev) {
        const check = verdict.category === 'dunder' ? 'pickle.dunder' : `pickle.global.${verdict.tier}`;
        const what = verdict.tier === 'dangerous' ? `imports ${shown}: ${verdict.reason}`
          : verdict.tier === 'unknown' ? `imports ${shown}, which is not on the allowlist (${verdict.reason})`
            : `imports ${shown}: ${verdict.reason}`;
        const help = verdict.tier === 'review'
          ? `Check that the file needs ${full}; the repository policy can allow it (allow_globals).`
          : verdict.tier === 'unknown'
            ? 'Only tensor and array reconstruction globals are allowed by default; anything else can run code on load.'
            : 'Loading this file runs this code. Do not approve it.';
        this.add(check, sev, `Pickle ${what}`, at, `global:${key}`, help, `${opName(op)} ${shown}`);
      }
    }
    entry.rec.count++;
    if (entry.rec.count > 1) this.findings.bump(`global:${key}`);
    if (this.woLive() && op === OP.GLOBAL && !entry.glob.weightsOnly) {
      this.woFail(`GLOBAL ${module}.${name}`, at);
    }
    return entry.glob;
  }

  private stackGlobal(mod: V, name: V, at: number): Glob {
    if (typeof mod === 'string' && typeof name === 'string') {
      const spent = this.retained >= this.o.limits.maxRetained;
      this.ctx.memo.pin(mod, spent);
      this.ctx.memo.pin(name, spent);
      return this.importGlobal(mod, name, at, OP.STACK_GLOBAL);
    }
    if (mod === DROPPED_STR || name === DROPPED_STR) {
      throw new PickleError('pickle.limit', 'STACK_GLOBAL uses a memo string that was not kept (memory bound for huge pickles); the import cannot be named', at);
    }
    const computed = (v: V) => v instanceof Obj || v instanceof Glob || v instanceof Pers || v === LONG_STR || (v instanceof Opaque && v !== FLOAT && v !== BYTES && v !== BIG_INT);
    if (!computed(mod) && !computed(name)) {
      throw new PickleError('pickle.parse-error', `STACK_GLOBAL requires str, got ${describe(mod)} and ${describe(name)}`, at);
    }
    this.sawImport = true;
    const ev = `STACK_GLOBAL ${describe(mod)} . ${describe(name)}`;
    this.add('pickle.dynamic-import', 'critical', 'Pickle imports a name computed at load time (STACK_GLOBAL of values that are not plain string literals)',
      at, `dyn:${at}`, 'A computed import hides what runs; legitimate picklers always write literal names.', ev);
    return new Glob('?', '?', 'dangerous', this.o.baseOffset + at, false, true);
  }

  private call(fn: V, args: V, at: number, op: number): void {
    this.calls++;
    if (fn instanceof Glob) {
      const target = fn.dynamic ? '(computed import)' : `${fn.module}.${fn.name}`;
      const t = this.callTargets.get(target);
      if (t) t.count++;
      else if (this.callTargets.size < 1000) this.callTargets.set(target, { target, count: 1, offset: this.o.baseOffset + at });
      if (this.woLive() && op !== OP.INST && op !== OP.OBJ && !fn.weightsOnly) this.woFail(`${opName(op)} on ${describe(fn)}`, at);
    } else {
      this.add('pickle.call.indirect', 'high', `Pickle calls ${describe(fn)} (${opName(op)}), not a named import`, at, `icall:${describe(fn)}`,
        'Calling the result of another call chains gadgets; legitimate pickles call imported classes and functions directly.', `${opName(op)} @ ${hex(this.o.baseOffset + at)}`);
      if (this.woLive()) this.woFail(`${opName(op)} on ${describe(fn)}`, at);
    }
    this.pushV(new Obj(fn, args, at));
  }

  private build(inst: V, state: V, at: number): void {
    if (inst instanceof Glob) {
      this.add('pickle.build-on-import', 'critical', `BUILD sets attributes on the imported object ${describe(inst)} itself`,
        at, `build:${describe(inst)}`, 'Setting attributes on a class, function or module changes code that runs later; a known way to smuggle names.',
        `BUILD on ${describe(inst)} @ ${hex(this.o.baseOffset + at)}`);
    }
    if (this.woLive() && !(inst instanceof Obj && inst.fn instanceof Glob && inst.fn.weightsOnly)) {
      this.woFail(`BUILD on ${describe(inst)}`, at);
    }
    if (!(inst instanceof Obj)) return;
    inst.state = state;
    if (this.o.mode !== 'plain' && this.o.mode !== 'legacy-torch' && isJoblibWrapper(inst)) this.joblibArray(inst, at);
  }

  private joblibArray(wrapper: Obj, at: number): void {
    const arr = joblibArray(wrapper.state);
    if (typeof arr === 'string') {
      throw new PickleError('pickle.joblib', `joblib array after the NumpyArrayWrapper at ${hex(this.o.baseOffset + at)} cannot be skipped exactly: ${arr}`, at,
        'joblib stores array bytes inside the pickle stream; without their exact size the rest of the file cannot be read as joblib reads it.');
    }
    this.formats.add('joblib');
    const st = this.ctx.stack;
    st[st.length - 1] = ARRAY;
    this.ctx.frameEnd = -1; // joblib ends the frame before writing array bytes
    if (arr.objects) {
      // An object array is a whole protocol-2 pickle written in place; its contents are Python objects.
      this.outer.push(this.ctx);
      this.ctx = this.newCtx(this.ctx.index, true);
      return;
    }
    const skip = () => { if (arr.bytes > 0) this.raw(arr.bytes, () => undefined); };
    if (arr.padded) {
      this.header(1, (h) => {
        const pad = h[0] as number;
        if (pad > 0) this.raw(pad, skip);
        else skip();
      });
    } else skip();
  }

  private raw(n: number, then: () => void): void {
    this.state = S_RAW;
    this.rawRemain = n;
    this.rawThen = then;
  }

  private afterRaw(): void {
    this.state = S_OPS;
    const then = this.rawThen;
    this.rawThen = null;
    then?.();
  }

  private header(n: number, then: (h: Uint8Array, at: number) => void): void {
    this.state = S_HDR;
    this.hdrNeed = n;
    this.hdrHave = 0;
    this.hdrThen = then;
  }

  private persistent(pid: V, at: number, op: number): V {
    const items = tupleItems(pid);
    const tag = items?.[0];
    if (this.woLive() && !(tag === 'storage' || typeof pid === 'number')) this.woFail(`${opName(op)} ${describe(tag ?? pid)}`, at);
    if (tag === 'storage') {
      if (this.legacy && this.ctx.index === 3 && items) this.legacyStorage(items, at);
    } else if (!(tag === 'module' && this.legacy)) {
      this.add('pickle.persid', 'medium', `Persistent id ${describe(tag ?? pid)} is not a torch storage: what it loads depends on the loader's persistent_load`,
        at, `persid:${describe(tag ?? pid)}`, 'torch writes only (\'storage\', …) ids; other ids need the loader that wrote them.', `${opName(op)} @ ${hex(this.o.baseOffset + at)}`);
    }
    return new Pers(pid);
  }

  // ───────────────────────────── pickle boundaries, legacy torch ─────────────────────────────

  private endPickle(v: V, at: number): void {
    const ctx = this.ctx;
    if (ctx.inline) {
      const back = this.outer.pop();
      if (back) this.ctx = back;
      return;
    }
    this.pickles++;
    if (this.pickles > this.o.limits.maxPickles) throw new PickleError('pickle.limit', `more than ${this.o.limits.maxPickles} stacked pickles`, at);
    if (ctx.index === 0 && !this.legacy && this.o.mode === 'auto' && v === LEGACY_MAGIC) {
      this.legacy = true;
      this.formats.add('torch-legacy');
      if (this.o.depth === 0) this.wo ??= { loads: true }; // torch.load reads all five pickles with its weights_only rules
    } else if (ctx.index === 0 && this.o.mode === 'legacy-torch') this.formats.add('torch-legacy');
    this.ctx = this.newCtx(ctx.index + 1, false);
    if (this.legacy && ctx.index === 4) this.legacyData(v, at);
  }

  private legacyStorage(items: V[], at: number): void {
    const [, type, key, , numel] = items;
    if (!(type instanceof Glob) || typeof key !== 'string' || typeof numel !== 'number') return;
    const stem = /^(?:torch|torch\.cuda)\.(\w+)Storage$/.exec(`${type.module}.${type.name}`)?.[1];
    const elsize = stem ? TORCH_STORAGE_ELEMENT_SIZE[stem] : undefined;
    if (elsize === undefined) return;
    if (!this.storages.has(key)) {
      if (this.storages.size >= this.o.limits.maxStorages) throw new PickleError('pickle.limit', `more than ${this.o.limits.maxStorages} storages`, at);
      this.storages.set(key, { elsize, numel });
    }
  }

  /** After the storage-key list: for each key, an 8-byte element count and the storage's raw bytes. */
  private legacyData(v: V, at: number): void {
    const items = v instanceof Cont && v.kind === 'list' ? v.items : null;
    if (!items || !items.every((k) => typeof k === 'string')) {
      throw new PickleError('pickle.legacy', 'legacy torch file: the fifth pickle is not a list of storage keys, so the raw storage bytes after it cannot be located', at);
    }
    this.legacyKeys = items as string[];
    this.legacyIdx = 0;
    this.legacyNext(at + 1); // the raw storages start right after the fifth pickle's STOP
  }

  /** The next storage's header and bytes, which start at `pos` (a position in the data, never a chunk's end). */
  private legacyNext(pos: number): void {
    if (this.legacyIdx >= this.legacyKeys.length) return;
    const key = this.legacyKeys[this.legacyIdx++] as string;
    const s = this.storages.get(key);
    if (!s) throw new PickleError('pickle.legacy', `legacy torch file: storage key ${JSON.stringify(key)} has no matching ('storage', …) id`, pos);
    this.header(8, (h, hat) => {
      const numel = u64(h, 0, hat);
      if (numel !== s.numel) {
        throw new PickleError('pickle.legacy', `legacy torch file: storage ${JSON.stringify(key)} says ${numel} elements, its id says ${s.numel}`, hat);
      }
      const bytes = numel * s.elsize;
      if (bytes > 0) this.raw(bytes, () => this.legacyNext(hat + 8 + bytes));
      else this.legacyNext(hat + 8);
    });
  }

  // ───────────────────────────── weights_only ─────────────────────────────

  /** torch's weights_only rules apply: data.pkl's one pickle, or every pickle of a legacy file. */
  private woLive(): boolean {
    return this.wo !== null && (this.legacy || this.ctx.index === 0);
  }

  private woFail(what: string, at: number): void {
    if (this.wo === null || !this.wo.loads) return;
    this.wo = { loads: false, blockedBy: what, offset: this.o.baseOffset + at };
  }

  private woTarget(target: V, want: 'list' | 'dict' | 'set', op: number, at: number): void {
    if (want === 'list' && target instanceof Cont && target.kind === 'list') return;
    if (want === 'dict' && target instanceof Cont && target.kind === 'dict') return;
    if (want === 'dict' && target instanceof Obj && target.fn instanceof Glob && target.fn.module === 'collections' &&
      (target.fn.name === 'OrderedDict' || target.fn.name === 'Counter')) return;
    this.woFail(`${opName(op)} on ${describe(target)}`, at);
  }

  // ───────────────────────────── results ─────────────────────────────

  private add(check: string, severity: Severity, message: string, at: number, key: string, help?: string, evidence?: string): void {
    const offset = this.o.baseOffset + at;
    this.findings.add(key, {
      check, severity, message, file: this.o.path, offset,
      evidence: evidence ? (evidence.includes('@') ? evidence : `${evidence} @ ${hex(offset)}`) : `@ ${hex(offset)}`,
      ...(help ? { help } : {})
    });
  }

  outcomeFindings(): Finding[] {
    return [...this.findings.list(), ...this.nestedFindings];
  }

  weightsOnly(): WeightsOnlyVerdict | undefined {
    if (this.wo === null) return undefined;
    if (this.wo.loads && (this.error || this.pickles === 0)) return { loads: false, blockedBy: 'the pickle does not parse', ...(this.error ? { offset: this.o.baseOffset + this.error.at } : {}) };
    return this.wo;
  }

  details(): Record<string, unknown> {
    const globals = [...this.globals.values()].map((g) => g.rec);
    const out: Record<string, unknown> = {
      globals, calls: this.calls, callTargets: [...this.callTargets.values()], pickles: this.pickles, opcodes: this.totalOps
    };
    const wo = this.weightsOnly();
    if (wo) out.weightsOnly = wo;
    if (this.legacy) out.legacyStorages = this.storages.size;
    return out;
  }
}

function u32(b: Uint8Array, p: number): number {
  return ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0;
}

function i32(b: Uint8Array, p: number): number {
  return (b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24);
}

function u64(b: Uint8Array, p: number, at: number): number {
  const lo = u32(b, p);
  const hi = u32(b, p + 4);
  if (hi >= 0x200000) throw new PickleError('pickle.parse-error', 'an 8-byte length is larger than any file', at);
  return hi * 4294967296 + lo;
}

/** LONG1/LONG4 payload: little-endian two's complement. */
function decodeLong(b: Uint8Array, s: number, n: number): number | bigint {
  if (n === 0) return 0;
  if (n <= 6) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[s + i] as number);
    if ((b[s + n - 1] as number) & 0x80) v -= 2 ** (8 * n);
    return v;
  }
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[s + i] as number);
  if ((b[s + n - 1] as number) & 0x80) v -= 1n << BigInt(8 * n);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

