// A push-based symbolic pickle machine that reads like CPython's unpicklers without executing anything: a real
// stack, mark stack and memo of symbolic values, every import and call recorded with its opcode offset, stacked
// pickles read to the end of the stream. Chunks arrive in order; across chunks it keeps only one incomplete
// opcode (a small carry), and large literals are counted, never copied.
//
// Where real loaders read the same bytes differently, each reading is followed: the VM forks (clone.ts) and a
// second machine reads on from where that loader would, fed the same chunks. The root reads as the C unpickler
// (Modules/_pickle.c: pickle.load, torch.load, numpy.load). A fork reads as joblib.load - the pure-Python
// unpickler (Lib/pickle.py) plus joblib's in-stream arrays (joblib.ts) - from the first place the two differ: a
// joblib wrapper's BUILD, or a text argument only one of them accepts. Others resume stacked pickles at a frame's
// end (where a loader that buffered the frame resumes) and read joblib arrays memory-mapped.
import type { Finding, Severity } from '../../core/findings.js';
import { describeGlobal, type GlobalTier, type GlobalVerdict, partialVerdict, TORCH_STORAGE_ELEMENT_SIZE, tierSeverity, WEIGHTS_ONLY_BLOCKED_MODULES, WEIGHTS_ONLY_GLOBALS } from '../../config/security/globals/index.js';
import { Cloner } from './clone.js';
import { applyBuild, instanceOf, type Instance, plans, type ReadPlan, shown, wrapperKindOf } from './joblib.js';
import { DROPPED_STR, Memo } from './memo.js';
import { mapPython2 } from './names.js';
import { HIGHEST_PROTOCOL, OP, opName, WEIGHTS_ONLY_OPS } from './opcodes.js';
import { FindingSet } from './report.js';
import { floatArg, globalLine, instLine, intArg, longArg, memoKeyArg, stringArg, unicodeArg } from './text-args.js';
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
  /** Longest text-opcode line (GLOBAL, INT, STRING...). */
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
  /** Readings of one stream at once (the first plus its forks). */
  maxReadings: number;
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
  maxStorages: 1_000_000,
  maxReadings: 12
};

/** auto: pickle.load's reading plus joblib.load's wherever they part; plain: pickle.load only; joblib: joblib.load only. */
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
/**
 * joblib's NumpyArrayWrapper is data wherever this VM reads it: pickle.load builds an inert instance (no __init__,
 * no __setstate__), and joblib.load's read_array is followed here byte for byte (numpy's length, an object array's
 * pickle scanned as one) or the scan blocks. The classifier keeps it in review for scanners that do not read it so.
 */
const JOBLIB_ARRAY_WRAPPER: GlobalVerdict = { tier: 'safe', reason: 'joblib\'s array wrapper, whose array bytes this scan read as joblib.load reads them' };

const S_OPS = 0, S_DATA = 1, S_RAW = 2, S_HDR = 3, S_DEAD = 4;

/** Bytes that can start a pickle which imports something (anything else fails on the first opcode). */
const STARTER = new Uint8Array(256);
for (const c of [
  OP.PROTO, OP.FRAME, OP.MARK, OP.GLOBAL, OP.FLOAT, OP.INT, OP.BININT, OP.BININT1, OP.LONG, OP.BININT2, OP.NONE,
  OP.PERSID, OP.STRING, OP.BINSTRING, OP.SHORT_BINSTRING, OP.UNICODE, OP.BINUNICODE, OP.EMPTY_DICT, OP.EMPTY_LIST,
  OP.EMPTY_TUPLE, OP.BINFLOAT, OP.EXT1, OP.EXT2, OP.EXT4, OP.NEWTRUE, OP.NEWFALSE, OP.LONG1, OP.LONG4, OP.BINBYTES,
  OP.SHORT_BINBYTES, OP.SHORT_BINUNICODE, OP.BINUNICODE8, OP.BINBYTES8, OP.EMPTY_SET, OP.BYTEARRAY8
]) STARTER[c] = 1;

/** Opcodes whose argument is a line: a carried one waits for a newline. */
const TEXT_OP = new Uint8Array(256);
for (const c of [OP.INT, OP.LONG, OP.FLOAT, OP.STRING, OP.UNICODE, OP.GET, OP.PUT, OP.GLOBAL, OP.INST, OP.PERSID]) TEXT_OP[c] = 1;

/** Opcodes whose argument length is only known from the bytes (a frame end may fall inside them). */
const VARIABLE_OP = new Uint8Array(256);
for (const c of [OP.LONG1, OP.LONG4, OP.SHORT_BINUNICODE, OP.BINUNICODE, OP.BINUNICODE8, OP.SHORT_BINSTRING, OP.BINSTRING,
  OP.SHORT_BINBYTES, OP.BINBYTES, OP.BINBYTES8, OP.BYTEARRAY8, OP.FRAME]) VARIABLE_OP[c] = 1;
for (let c = 0; c < 256; c++) if (TEXT_OP[c]) VARIABLE_OP[c] = 1;
/** Variable opcodes whose length is one byte. */
const SHORT_LEN_OP = new Uint8Array(256);
for (const c of [OP.LONG1, OP.SHORT_BINUNICODE, OP.SHORT_BINSTRING, OP.SHORT_BINBYTES]) SHORT_LEN_OP[c] = 1;

const FIXED_ARG: Readonly<Record<number, number>> = {
  [OP.BININT1]: 1, [OP.BINGET]: 1, [OP.BINPUT]: 1, [OP.PROTO]: 1, [OP.EXT1]: 1, [OP.BININT2]: 2, [OP.EXT2]: 2,
  [OP.BININT]: 4, [OP.LONG_BINGET]: 4, [OP.LONG_BINPUT]: 4, [OP.EXT4]: 4, [OP.BINFLOAT]: 8
};

/**
 * Where the C unpickler, reading a frame it buffered with read(), drops the rest of that frame for the opcode at
 * buf[pos]: the start of the first argument read (_Unpickler_Read or _Unpickler_Readline) that does not fit before
 * the frame end `fe`, when some of the frame is left (-1 when none is dropped; -2 when the bytes to tell are not
 * here yet). Payloads read with _Unpickler_ReadInto (bytes) take what is left and go on from the file: no drop.
 */
function crossCut(buf: Uint8Array, pos: number, fe: number): number {
  const op = buf[pos] as number;
  const p = pos + 1;
  const fixed = FIXED_ARG[op];
  if (fixed !== undefined) return p + fixed <= fe || p >= fe ? -1 : p;
  if (TEXT_OP[op] === 1) {
    const nl = buf.indexOf(0x0a, p);
    if (nl < 0) return -2;
    if (nl >= fe) return p < fe ? p : -1;
    if (op !== OP.GLOBAL && op !== OP.INST) return -1;
    const q = nl + 1;
    const nl2 = buf.indexOf(0x0a, q);
    if (nl2 < 0) return -2;
    return nl2 < fe || q >= fe ? -1 : q;
  }
  let k: number;
  switch (op) {
    case OP.LONG1: case OP.SHORT_BINUNICODE: case OP.SHORT_BINSTRING: case OP.SHORT_BINBYTES: k = 1; break;
    case OP.LONG4: case OP.BINUNICODE: case OP.BINSTRING: case OP.BINBYTES: k = 4; break;
    case OP.BINUNICODE8: case OP.BINBYTES8: case OP.BYTEARRAY8: case OP.FRAME: k = 8; break;
    default: return -1;
  }
  if (p + k > fe) return p < fe ? p : -1;
  if (p + k > buf.length) return -2;
  let n = 0;
  for (let i = k - 1; i >= 0; i--) n = n * 256 + (buf[p + i] as number);
  if (op === OP.SHORT_BINBYTES || op === OP.BINBYTES || op === OP.BINBYTES8 || op === OP.BYTEARRAY8) return -1;
  const q = p + k;
  return q + n <= fe || q >= fe ? -1 : q;
}

class PickleError extends Error {
  constructor(public check: string, message: string, public at: number, public help?: string) { super(message); }
}

/** A reading stops here without an error of its own (the loader it models has raised, and that is reported). */
class Halt extends Error {}

/** joblib reads a wrapper issued inside a frame from the file only once the frame is used up (Python's _Unframer). */
type Deferred = ReadPlan & { at: number };

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
  /** Python's unpickler reads this pickle (text arguments and frames by Lib/pickle.py's rules). */
  py: boolean;
  deferred: Deferred[];
}

/** A pickle found inside a literal, reported only if this file unpickles the literal or it is a whole pickle. */
interface NestedFind { child: PickleVM; at: number; wellFormed: boolean; reported: boolean }

interface Fork { vm: PickleVM; fedTo: number; label: string; startAt: number; joblib: boolean }

interface Family {
  readings: number;
  /** How functools.partial is used in every reading of this stream (partialVerdict), once it is imported. */
  partial?: { targets: Map<string, { module: string; name: string; verdict: GlobalVerdict }>; unsound: boolean };
}

/**
 * A dotted path of Python identifiers (PEP 3131 letters, digits, underscore). An ASCII path is answered by the ASCII
 * pattern, which is the Unicode one restricted to ASCII (no ASCII character is Nl, Mn or Mc; the only ASCII Pc is
 * `_`); the Unicode pattern is built on the first path that is not ASCII: building it costs about a tenth of a local
 * scan's whole start (ICU's property tables).
 */
const ASCII_MODULE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NOT_ASCII = /[^\0-\x7f]/;
let unicodeModulePath: RegExp | undefined;
export function isModulePath(s: string): boolean {
  if (!NOT_ASCII.test(s)) return ASCII_MODULE_PATH.test(s);
  unicodeModulePath ??= /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;
  return unicodeModulePath.test(s);
}

/** functools.partial under the names an unpickler resolves to the same class. */
const PARTIAL = new Set(['functools.partial', '_functools.partial']);
const isPartial = (v: V | undefined): boolean => v instanceof Glob && !v.dynamic && PARTIAL.has(`${v.module}.${v.name}`);
const TIER_RANK: Readonly<Record<GlobalTier, number>> = { safe: 0, review: 1, unknown: 2, dangerous: 3 };

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

// Node's native slicers work on any Uint8Array and allocate nothing but the string.
const SLICERS = Buffer.prototype as unknown as {
  latin1Slice(this: Uint8Array, s: number, e: number): string;
  utf8Slice(this: Uint8Array, s: number, e: number): string;
};
function latin1(buf: Uint8Array, s: number, e: number): string {
  return SLICERS.latin1Slice.call(buf, s, e);
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/** Python's bytes.decode('utf-8', 'surrogatepass'): strict UTF-8 that also takes encoded surrogates; null if invalid. */
function utf8Pass(buf: Uint8Array, s: number, e: number): string | null {
  // Node's lenient decoder is fast and marks every invalid sequence with U+FFFD; only then is the strict reading needed.
  const fast = SLICERS.utf8Slice.call(buf, s, e);
  if (!fast.includes('\uFFFD')) return fast;
  try {
    return UTF8_STRICT.decode(buf.subarray(s, e));
  } catch {
    // Valid only if the sole problem is encoded surrogates (ED A0..BF xx).
    let out = '';
    let i = s;
    while (i < e) {
      const b = buf[i] as number;
      if (b === 0xed && i + 2 < e && ((buf[i + 1] as number) & 0xe0) === 0xa0 && ((buf[i + 2] as number) & 0xc0) === 0x80) {
        out += String.fromCharCode(0xd000 | (((buf[i + 1] as number) & 0x3f) << 6) | ((buf[i + 2] as number) & 0x3f));
        i += 3;
        continue;
      }
      let j = i;
      while (j < e && !((buf[j] as number) === 0xed && j + 1 < e && ((buf[j + 1] as number) & 0xe0) === 0xa0)) j++;
      try {
        out += UTF8_STRICT.decode(buf.subarray(i, j));
      } catch {
        return null;
      }
      if (j === i) return null;
      i = j;
    }
    return out;
  }
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
  /** An opcode cut by a chunk's end: its bytes so far (a growable buffer), from stream offset carryAbs. */
  private carry: Uint8Array | null = null;
  private carryLen = 0;
  private carryAbs = 0;
  /** Carry length at the last attempt: it is retried when it doubles (or a line ends), so long lines stay linear. */
  private carryTried = 0;
  private carryText = false;
  /** Bytes pushed so far (the stream offset after them). */
  private streamLen = 0;
  private ctx: Ctx;
  private outer: Ctx[] = [];
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
  /** Something was imported or called (here or in a nested literal that is reported). */
  sawImport = false;
  /** pickle.load has imported or called something by now: no EXT or persistent id (which make it raise) came first. */
  private effect = false;
  private plainRaised = false;
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
  private dHead: number[] = [];
  private dText: Latin1Transcoder | null = null;
  private dChildAt = 0;
  // Raw bytes (legacy storages, joblib arrays) and small headers before them.
  private rawRemain = 0;
  private rawThen: ((end: number) => void) | null = null;
  private readonly hdr = new Uint8Array(8);
  private hdrHave = 0;
  private hdrNeed = 0;
  private hdrThen: ((h: Uint8Array, at: number) => void) | null = null;
  // Legacy torch (pre-1.6) layout.
  private legacy: boolean;
  private storages = new Map<string, { elsize: number; numel: number }>();
  private legacyKeys: string[] = [];
  private legacyIdx = 0;
  // torch weights_only verdict for data.pkl.
  private wo: WeightsOnlyVerdict | null;

  // Readings of the same bytes by other loaders.
  private readonly forks: Fork[] = [];
  private family: Family = { readings: 1 };
  /** Which forks this reading has made (each kind once). */
  private forked = new Set<string>();
  /** This reading is joblib.load's: wrapper BUILDs read arrays from the stream. */
  private joblibReader: boolean;
  /** joblib.load(..., mmap_mode=...): wrappers that allow it are memory-mapped. */
  private mmapMode = false;
  /** Set once the root knows its own parse errors are expected: pickle.load of a joblib file stops at the arrays. */
  private quiet: string | null = null;
  private quietStop: string | null = null;
  /** Pickles in literals, pending until something unpickles the literal (or the scan ends). */
  private nestedPending = new Map<unknown, NestedFind[]>();
  private nestedUnloaded = 0;
  /**
   * A reading that dropped bytes (the C unpickler discarding the rest of a buffered frame) sees later bytes at
   * lower positions: this maps its positions back to where they are in the file.
   */
  private mapOff: ((at: number) => number) | null = null;
  /** The buffer runOps is working on, and the stream offset of its byte 0 (forks start inside it). */
  private curBuf: Uint8Array = new Uint8Array(0);
  private curAbs = 0;

  constructor(private readonly o: VmOptions) {
    this.legacy = o.mode === 'legacy-torch';
    this.joblibReader = o.mode === 'joblib';
    this.wo = o.torchDataPkl || this.legacy ? { loads: true } : null;
    this.ctx = this.newCtx(0, false, this.joblibReader);
  }

  private newCtx(index: number, inline: boolean, py: boolean): Ctx {
    const legacyKeys = this.legacy && index === 4 && !inline;
    return {
      stack: [], marks: [], memo: new Memo(), proto: 0, frameEnd: -1, frameReported: false,
      ops: 0, index, inline, containerCap: legacyKeys ? this.o.limits.maxStorages : CONTAINER_CAP, py, deferred: []
    };
  }

  // ----------------------------- stream driving -----------------------------

  push(chunk: Uint8Array): void {
    const abs = this.streamLen;
    this.streamLen += chunk.length;
    if (chunk.length === 0) return;
    if (this.state !== S_DEAD) {
      this.guard(() => {
        let rest = chunk;
        let restAbs = abs;
        // An opcode cut by the previous chunk: add to its bytes, and retry it once it can have grown enough.
        while (this.carry && rest.length > 0 && this.state !== S_DEAD) {
          const k = Math.min(rest.length, Math.max(65536, this.carryLen * 2));
          this.appendCarry(rest, k);
          const piece = rest.subarray(0, k);
          rest = rest.subarray(k);
          restAbs += k;
          const lineEnded = this.carryText && piece.includes(0x0a);
          if (!lineEnded && this.carryLen < this.carryTried * 2 && rest.length === 0) break;
          const joined = (this.carry as Uint8Array).subarray(0, this.carryLen);
          const jAbs = this.carryAbs;
          this.carry = null;
          this.carryLen = 0;
          this.drive(joined, jAbs, false);
        }
        if (rest.length > 0 && this.state !== S_DEAD) this.drive(rest, restAbs, false);
      });
    }
    this.forward(chunk, abs);
  }

  /**
   * Nothing ahead is read: this reading and every other reading of the stream (forks) have stopped, so later
   * bytes would only be counted (the local reader may pass them by unread).
   */
  idle(): boolean {
    return this.state === S_DEAD && this.carry === null && this.forks.every((f) => f.vm.idle());
  }

  /** `n` bytes pass by unread; only while idle(). Positions move on as push() would move them. */
  skip(n: number): void {
    if (!this.idle()) throw new Error('pickle VM: skip() while still reading');
    const abs = this.streamLen;
    this.streamLen += n;
    const end = abs + n;
    for (const f of this.forks) {
      const from = Math.max(f.fedTo, abs);
      if (from < end) {
        f.vm.skip(end - from);
        f.fedTo = end;
      }
    }
  }

  private appendCarry(src: Uint8Array, k: number): void {
    let buf = this.carry as Uint8Array;
    if (this.carryLen + k > buf.length) {
      const grown = new Uint8Array(Math.max(this.carryLen + k, buf.length * 2));
      grown.set(buf.subarray(0, this.carryLen));
      buf = grown;
      this.carry = grown;
    }
    buf.set(src.subarray(0, k), this.carryLen);
    this.carryLen += k;
  }

  private setCarry(buf: Uint8Array, pos: number, abs0: number): void {
    const n = buf.length - pos;
    const c = new Uint8Array(Math.max(256, n * 2));
    c.set(buf.subarray(pos));
    this.carry = c;
    this.carryLen = n;
    this.carryTried = n;
    this.carryAbs = abs0 + pos;
    this.carryText = TEXT_OP[buf[pos] as number] === 1;
  }

  /** Hands the forks the bytes of this chunk they have not seen (each started at its own offset). */
  private forward(chunk: Uint8Array, abs: number): void {
    const end = abs + chunk.length;
    for (const f of this.forks) {
      const from = Math.max(f.fedTo, abs);
      if (from < end) {
        f.vm.push(chunk.subarray(from - abs));
        f.fedTo = end;
      }
    }
  }

  /** Ends the stream; afterwards the VM holds its final findings. */
  finish(): void {
    this.guard(() => {
      if (this.carry) {
        const c = this.carry.subarray(0, this.carryLen);
        const at = this.carryAbs;
        this.carry = null;
        this.carryLen = 0;
        this.drive(c, at, true);
      }
      if (this.state === S_DEAD) return;
      const end = this.streamLen;
      if (this.state === S_DATA) throw new PickleError('pickle.parse-error', `${opName(this.dOp)} literal is truncated: ${this.dRemain} bytes missing`, this.dAt);
      if (this.state === S_RAW) throw new PickleError('pickle.parse-error', `raw data after the pickle is truncated: ${this.rawRemain} bytes missing`, end);
      if (this.state === S_HDR) throw new PickleError('pickle.parse-error', 'raw data header is truncated', end);
      if (this.frameHorizon > end && !this.ctx.py) throw new PickleError('pickle.frame', `FRAME runs past the end of the data (to ${hex(this.off(this.frameHorizon))})`, end);
      if (this.ctx.ops > 0 || this.outer.length > 0 || this.ctx.deferred.length > 0) throw new PickleError('pickle.parse-error', 'pickle ends without STOP (truncated)', end);
      if (this.legacy && this.pickles > 0 && this.pickles < 5 && this.o.mode === 'auto') {
        this.add('pickle.legacy', 'high', `legacy torch file ends after ${this.pickles} of its 5 pickles`, end, 'legacy-short');
        this.complete = false;
      }
      if (this.pickles === 0) throw new PickleError('pickle.parse-error', 'no pickle: the data is empty', 0);
    });
    if (this.dChild) this.closeChild();
    for (const f of this.forks) {
      f.vm.finish();
      this.absorb(f);
    }
    this.settleNested();
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (err instanceof Halt) { this.halt(); return; }
      if (!(err instanceof PickleError)) throw err;
      this.fail(err);
    }
  }

  private halt(): void {
    this.state = S_DEAD;
    this.carry = null;
  }

  private fail(err: PickleError): void {
    this.halt();
    this.error = err;
    const after = this.pickles > 0 && this.ctx.ops <= 1 && this.outer.length === 0 && err.check === 'pickle.parse-error';
    const message = after ? `data after pickle #${this.pickles} is not a pickle: ${err.message}` : err.message;
    if (this.quiet !== null && err.check === 'pickle.parse-error') {
      // The C unpickler stopping inside joblib's raw arrays is what pickle.load does with any joblib file: not a
      // finding, only a fact about the file (everything it read before is reported).
      this.quietStop = `${this.quiet}; it stops at ${hex(this.off(err.at))} (${message})`;
      return;
    }
    this.complete = false;
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
            this.setCarry(buf, pos, abs0);
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
          if (this.rawRemain === 0) this.afterRaw(abs0 + pos);
          break;
        }
        case S_HDR: {
          while (this.hdrHave < this.hdrNeed && pos < len) this.hdr[this.hdrHave++] = buf[pos++] as number;
          if (this.hdrHave === this.hdrNeed) {
            const then = this.hdrThen;
            this.hdrThen = null;
            this.state = S_OPS;
            this.curBuf = buf;
            this.curAbs = abs0;
            then?.(this.hdr, abs0 + pos - this.hdrNeed);
          }
          break;
        }
        default:
          return;
      }
    }
  }

  // ----------------------------- the opcode loop -----------------------------

  // Case labels are numeric literals (named in comments) so the switch compiles to a jump table.
  private runOps(buf: Uint8Array, pos: number, abs0: number, final: boolean): number {
    const len = buf.length;
    const L = this.o.limits;
    this.curBuf = buf;
    this.curAbs = abs0;
    while (pos < len && this.state === S_OPS) {
      const ctx = this.ctx;
      const op = buf[pos] as number;
      const at = abs0 + pos;
      if (ctx.frameEnd >= 0 && !ctx.py) {
        // The C unpickler reading a frame it buffered with read() drops the rest of the frame when an argument does
        // not fit in it, and reads that argument from after the frame: a second reading of the same bytes.
        const fe = ctx.frameEnd - abs0;
        // A one-byte length reaches at most 257 bytes on: nearer the frame end it may cross it.
        if (fe - pos < 10 || (VARIABLE_OP[op] === 1 && (SHORT_LEN_OP[op] === 0 || fe - pos < 258))) {
          const cut = crossCut(buf, pos, fe);
          if (cut >= 0 && !this.forked.has(`cross:${at}`)) this.bufferedFrame(at, abs0 + cut, ctx.frameEnd);
        }
      }
      if (++this.totalOps > L.maxOpcodes) throw new PickleError('pickle.limit', `more than ${L.maxOpcodes} opcodes`, at);
      ctx.ops++;
      if (this.wo !== null && WEIGHTS_ONLY_OPS[op] === 0 && (this.legacy || ctx.index === 0)) this.woFail(`${opName(op)} opcode`, at);
      let next = -1;
      const st = ctx.stack;
      switch (op) {
        // -- values --
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
            if (pos + 2 + n <= len) { this.pushStr(this.utf8(buf, pos + 2, pos + 2 + n, op, at), pos + 2); next = pos + 2 + n; }
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
              const found = this.nestedSmall(buf, pos + 2, pos + 2 + n);
              st.push(this.literalValue(op === OP.SHORT_BINSTRING ? latin1(buf, pos + 2, pos + 2 + n) : BYTES, found));
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
          if (op === OP.STRING || op === OP.UNICODE) {
            const v = op === OP.STRING ? stringArg(line) : unicodeArg(line);
            if (v === null) throw new PickleError('pickle.parse-error', `${opName(op)} argument is malformed`, at);
            this.pushStr(v, pos + 1);
            break;
          }
          this.textNumber(line, op, at, nl + 1 - pos);
          break;
        }
        // -- containers --
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
        // -- stack --
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
        // -- memo --
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
          const line = latin1(buf, pos + 1, nl);
          this.textMemo(line, op, at, nl + 1 - pos);
          next = nl + 1;
          break;
        }
        // -- imports --
        case 0x63 /* GLOBAL */: case 0x69 /* INST */: {
          const nl1 = this.lineEnd(buf, pos + 1, at);
          const nl2 = nl1 < 0 ? -1 : this.lineEnd(buf, nl1 + 1, at);
          if (nl2 < 0) {
            if (final && (ctx.py || this.o.mode === 'auto')) this.pyLastLine(buf, pos, nl1, op, at);
            break;
          }
          const line = op === OP.GLOBAL ? globalLine : instLine;
          const mod = line(buf, pos + 1, nl1);
          const name = line(buf, nl1 + 1, nl2);
          if (mod === null || name === null) {
            throw new PickleError('pickle.parse-error', `${opName(op)} names must be non-empty ${op === OP.GLOBAL ? 'UTF-8' : 'ASCII'} lines`, at);
          }
          const g = this.importGlobal(mod, name, at, op);
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
          this.plainRaised = true; // pickle.load: "unregistered extension code" (copyreg's registry is empty)
          this.add('pickle.ext', 'critical', `${opName(op)} imports extension code ${code} through copyreg's registry: the imported name is invisible`,
            at, `ext:${code}`, 'Extension codes import whatever the loading process registered; a model file has no reason to use them.', `${opName(op)} ${code}`);
          st.push(new Glob('copyreg extension', String(code), 'dangerous', this.off(at), false, true));
          next = pos + 1 + n;
          break;
        }
        // -- calls --
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
          next = pos + 1;
          this.build(st[st.length - 1] as V, state, at, abs0 + next);
          break;
        }
        // -- persistent ids --
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
          const pid = instLine(buf, pos + 1, nl) ?? (nl === pos + 1 ? '' : null);
          if (pid === null) throw new PickleError('pickle.parse-error', 'persistent IDs in protocol 0 must be ASCII strings', at);
          st.push(this.persistent(pid, at, op));
          next = nl + 1;
          break;
        }
        // -- framing and protocol --
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
            // Any length: the C unpickler fails here when the data is shorter (reported at the end), Python's
            // reads the frame as far as the data goes.
            const n = Math.min(u32(buf, pos + 1) + u32(buf, pos + 5) * 4294967296, Number.MAX_SAFE_INTEGER - abs0 - pos - 9);
            next = pos + 9;
            if (ctx.frameEnd >= 0 && abs0 + next <= ctx.frameEnd) {
              if (abs0 + next < ctx.frameEnd) this.frameProblem('a FRAME starts inside an open frame', at);
              if (ctx.deferred.length > 0) {
                throw new PickleError('pickle.joblib', 'a FRAME opcode closes the frame in which joblib arrays are still to be read; where the new frame starts cannot be known', at);
              }
            } else if (ctx.frameEnd >= 0) this.checkFrame(at, abs0 + next);
            ctx.frameEnd = abs0 + next + n;
            if (ctx.frameEnd > this.frameHorizon) this.frameHorizon = ctx.frameEnd;
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
          next = pos + 1;
          this.endPickle(v, at, abs0 + next);
          pos = next;
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
      if (this.ctx === ctx && ctx.frameEnd >= 0 && op !== OP.FRAME && (this.state as number) !== S_DATA) this.checkFrame(at, abs0 + next);
      pos = next;
    }
    return pos;
  }

  // ----------------------------- helpers of the loop -----------------------------

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

  // Closures live out here: one inside runOps would give every opcode's `op` and `at` a heap-allocated context.
  private textNumber(line: string, op: number, at: number, size: number): void {
    const read = (py: boolean): V | undefined => {
      if (op === OP.INT) return intArg(line, py) ?? undefined;
      if (op === OP.LONG) return longArg(line, py) ?? undefined;
      return floatArg(line, py) ? FLOAT : undefined;
    };
    this.textValue(read, (vm, v) => vm.pushV(v), op, at, line, size);
  }

  private textMemo(line: string, op: number, at: number, size: number): void {
    this.textValue((py) => memoKeyArg(line, py) ?? undefined, (vm, key) => {
      const k = key as number;
      if (op === OP.GET) { vm.pushV(vm.memoGet(k, at)); return; }
      if (k < 0) throw new PickleError('pickle.parse-error', 'negative PUT argument', at);
      vm.memoPut(k, op, at);
    }, op, at, line, size);
  }

  /**
   * A text argument read by this reading's rules. Where the C and the Python unpickler disagree on whether it
   * parses, that is a differential: the reading that goes on is followed, and joblib.load (Python's reader) gets
   * its own fork when the C reader stops here.
   */
  private textValue(read: (py: boolean) => V | undefined, apply: (vm: PickleVM, v: V) => void, op: number, at: number, line: string, size: number): void {
    const ctx = this.ctx;
    const mine = read(ctx.py);
    const other = read(!ctx.py);
    const what = `${opName(op)} ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line)}`;
    if ((mine === undefined) !== (other === undefined)) {
      const reader = (py: boolean): string => (py ? "Python's unpickler (joblib.load)" : 'the C unpickler (pickle.load, torch.load)');
      const goesOn = reader(mine === undefined ? !ctx.py : ctx.py);
      const stops = reader(mine === undefined ? ctx.py : !ctx.py);
      this.add('pickle.differential', 'high', `${what} is read by ${goesOn} but rejected by ${stops}: the two loaders execute different pickles from here`,
        at, `diff:${at}`, 'Legitimate picklers never write text arguments that CPython\'s two unpicklers read differently; treat the file as crafted.', `${what} @ ${hex(this.off(at))}`);
      if (mine !== undefined && !ctx.py && !ctx.inline) this.forked.add('joblib'); // joblib.load raises here: it never reaches a wrapper
      const kind = ctx.inline ? 'inline-py' : 'joblib';
      const mayFork = ctx.inline ? this.joblibReader : this.o.mode === 'auto' && this.outer.length === 0;
      if (mine === undefined && !ctx.py && mayFork && !this.forked.has(kind)) {
        // The C reading stops here; Python's reader (joblib.load, or a later joblib's object-array reader) reads on.
        this.forked.add(kind);
        const value = other as V;
        this.fork(at + size, ctx.inline ? 'as joblib >= 1.3 reads this object array' : 'as joblib.load reads it', (child) => {
          if (!ctx.inline) child.joblibReader = true;
          child.ctx.py = true;
          child.guard(() => apply(child, value));
        });
      }
    }
    if (mine === undefined) throw new PickleError('pickle.parse-error', `${opName(op)} argument ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line)} is not ${op === OP.FLOAT ? 'a number' : 'an integer'}`, at);
    apply(this, mine);
  }

  /**
   * Python's unpickler (joblib.load) at the end of the data inside GLOBAL or INST: readline() returns the
   * unfinished line, which loses its last character to `[:-1]`, and find_class is called with that (importing the
   * module) before the load fails. The C unpickler fails without importing.
   */
  private pyLastLine(buf: Uint8Array, pos: number, nl1: number, op: number, at: number): void {
    const decode = op === OP.GLOBAL ? globalLine : instLine;
    const mod = nl1 < 0 ? decode(buf, pos + 1, Math.max(pos + 1, buf.length - 1)) : decode(buf, pos + 1, nl1);
    const name = nl1 < 0 ? '' : buf.length - 1 > nl1 + 1 ? decode(buf, nl1 + 1, buf.length - 1) : '';
    // Only a dotted identifier can name a module an import finds; anything else (a text file's last line, cut short)
    // makes find_class raise before any module code runs.
    if (mod && name !== null && isModulePath(mod)) this.importGlobal(mod, name, at, op);
  }

  private utf8(buf: Uint8Array, s: number, e: number, op: number, at: number): string {
    const v = utf8Pass(buf, s, e);
    if (v === null) throw new PickleError('pickle.parse-error', `${opName(op)} is not valid UTF-8`, at);
    return v;
  }

  /** A length-prefixed literal: small ones become values, large ones are skipped by counting. */
  private lenPrefixed(buf: Uint8Array, pos: number, op: number, at: number, n: number, hdr: number, kind: 'str' | 'bstr' | 'bytes'): number {
    const s = pos + hdr;
    if (n > KEEP_LITERAL) return this.beginData(op, at, n, kind === 'bytes' ? BYTES : LONG_STR, s, true, kind === 'str');
    if (s + n > buf.length) return -1;
    if (kind === 'str') this.pushStr(this.utf8(buf, s, s + n, op, at), s);
    else {
      const found = this.nestedSmall(buf, s, s + n);
      this.pushV(this.literalValue(kind === 'bstr' ? latin1(buf, s, s + n) : BYTES, found));
    }
    return s + n;
  }

  /** Pushes a str literal that started at buf[s], after scanning it when it may be a pickle itself. */
  private pushStr(v: string, s: number): void {
    let found: NestedFind | null = null;
    if (v.length >= 5 && STARTER[v.charCodeAt(0)] === 1 &&
      ((v.includes('\n') && (v.includes('c') || v.includes('i'))) || /[\x93\x82-\x84]/.test(v))) {
      const b = latin1Bytes(v);
      if (b) found = this.nestedRun(b, this.curAbs + s);
    }
    this.pushV(this.literalValue(v, found));
  }

  // ----------------------------- pickles inside literals -----------------------------

  private nestedSmall(buf: Uint8Array, s: number, e: number): NestedFind | null {
    if (!mayImport(buf, s, e)) return null;
    return this.nestedRun(buf.subarray(s, e), this.curAbs + s);
  }

  private nestedRun(bytes: Uint8Array, streamAt: number): NestedFind | null {
    const child = this.spawnChild(streamAt, bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, false);
    if (!child) return null;
    child.push(bytes);
    child.finish();
    return this.found(child, streamAt);
  }

  private spawnChild(streamAt: number, b0: number, b1: number, b2: number, text: boolean): PickleVM | null {
    // UTF-8 text of a latin1 pickle starts "\xc2\x80" for a protocol 2+ header.
    const first = text && b0 === 0xc2 ? 0x80 : b0;
    const second = text && b0 === 0xc2 ? b2 : b1;
    if (STARTER[first] !== 1) return null;
    if (this.o.depth >= this.o.limits.maxDepth) {
      if (first === OP.PROTO && second <= HIGHEST_PROTOCOL) {
        const lim = new PickleVM({ ...this.o, baseOffset: this.off(streamAt), mode: 'plain', torchDataPkl: false, torchScript: false, depth: this.o.depth + 1 });
        lim.mustReport = true;
        lim.complete = false;
        lim.add('pickle.limit', 'high', `a literal holds a pickle nested more than ${this.o.limits.maxDepth} levels deep; it was not scanned`, 0, 'nested-depth');
        lim.state = S_DEAD;
        return lim;
      }
      return null;
    }
    return new PickleVM({
      ...this.o, baseOffset: this.off(streamAt), mode: 'plain', torchDataPkl: false, torchScript: false, depth: this.o.depth + 1
    });
  }

  /** A finished nested scan worth keeping: it imported something, or it hit the nesting limit. */
  private found(child: PickleVM, streamAt: number): NestedFind | null {
    if (!child.sawImport && !child.mustReport) return null;
    const wellFormed = child.mustReport || (child.error === null && child.pickles > 0);
    return { child, at: streamAt, wellFormed, reported: false };
  }

  /** The value a literal pushes; one that holds a pickle is a distinct value, so where it flows can be followed. */
  private literalValue(v: V, found: NestedFind | null): V {
    if (!found) return v;
    const key: V = typeof v === 'string' ? v : new Opaque(v instanceof Opaque ? v.what : 'bytes');
    const list = this.nestedPending.get(key) ?? [];
    list.push(found);
    this.nestedPending.set(key, list);
    return key;
  }

  /** A call or BUILD that may unpickle its arguments: report every pending literal pickle that reaches it. */
  private loadsArgs(target: V, args: V): void {
    if (this.nestedPending.size === 0) return;
    if (target instanceof Glob && !target.dynamic && (target.tier === 'safe' || target.tier === 'review')) return;
    const seen = new Set<V>();
    const work: V[] = [args];
    let budget = 4096;
    while (work.length > 0 && budget-- > 0) {
      const v = work.pop() as V;
      if (v === null || seen.has(v)) continue;
      seen.add(v);
      const hits = this.nestedPending.get(v);
      if (hits) for (const h of hits) this.report(h, target);
      if (v instanceof Cont && v.items) work.push(...v.items);
      else if (v instanceof Obj) work.push(v.args);
    }
  }

  private report(h: NestedFind, loader: V | null): void {
    if (h.reported) return;
    h.reported = true;
    const child = h.child;
    this.sawImport ||= child.sawImport;
    this.mustReport ||= child.mustReport;
    if (!child.complete) this.complete = false;
    const where = hex(this.off(h.at));
    if (child.sawImport) {
      const how = loader ? `it is passed to ${describe(loader)}, which can unpickle it` : 'nothing in this file unpickles it, but it is a complete pickle an application may load';
      this.add('pickle.nested', 'medium', `a literal at ${where} is itself a pickle that imports ${child.globals.size} global(s); ${how}`,
        h.at, `nested:${h.at}`, 'Embedded pickles have no place in a weights file; see the findings for what it imports.');
    }
    for (const f of child.outcomeFindings()) {
      if (this.nestedFindings.length < 500) this.nestedFindings.push({ ...f, message: `in the pickle embedded at ${where}: ${f.message}` });
    }
    for (const [k, g] of child.globals) if (!this.globals.has(k)) this.globals.set(k, { rec: { ...g.rec, nested: true }, glob: g.glob });
    this.calls += child.calls;
    for (const f of child.formats) if (f !== 'pickle') this.formats.add(f);
  }

  /** At the end: whole pickles in literals are reported even if nothing here loads them; fragments are not. */
  private settleNested(): void {
    for (const list of this.nestedPending.values()) {
      for (const h of list) {
        if (h.reported) continue;
        if (h.wellFormed) this.report(h, null);
        else this.nestedUnloaded++;
      }
    }
    this.nestedPending.clear();
  }

  private beginData(op: number, at: number, n: number, value: V, dataStart: number, nested: boolean, text: boolean): number {
    this.state = S_DATA;
    this.dRemain = n;
    this.dValue = value;
    this.dAt = at;
    this.dOp = op;
    this.dChild = null;
    this.dDecide = nested;
    this.dHead = [];
    this.dText = text ? new Latin1Transcoder() : null;
    this.dChildAt = this.curAbs + dataStart;
    return dataStart;
  }

  private feedData(buf: Uint8Array, pos: number, abs0: number): number {
    const n = Math.min(this.dRemain, buf.length - pos);
    let start = pos;
    if (n > 0 && this.dDecide) {
      // Whether to scan the literal as a pickle depends on its first three bytes: gather them whatever the chunking.
      while (this.dHead.length < 3 && start < pos + n) this.dHead.push(buf[start++] as number);
      if (this.dHead.length === 3 || this.dHead.length === this.dRemain) {
        this.dDecide = false;
        const h = this.dHead;
        this.dChild = this.spawnChild(this.dChildAt, h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, this.dText !== null);
        if (this.dChild) this.feedChild(Uint8Array.from(h), 0, h.length);
      }
    }
    if (!this.dDecide && this.dChild && start < pos + n) this.feedChild(buf, start, pos + n);
    this.dRemain -= n;
    const end = pos + n;
    if (this.dRemain === 0) {
      this.state = S_OPS;
      let found: NestedFind | null = null;
      if (this.dChild) found = this.closeChild();
      this.ctx.stack.push(this.literalValue(this.dValue, found));
      if (this.ctx.frameEnd >= 0) this.checkFrame(this.dAt, abs0 + end);
    }
    return end;
  }

  private feedChild(buf: Uint8Array, s: number, e: number): void {
    const child = this.dChild;
    if (!child || child.state === S_DEAD) return;
    if (this.dText) {
      const t = this.dText.feed(buf, s, e);
      if (t) child.push(t);
      else { this.dText = null; child.state = S_DEAD; child.error = new PickleError('pickle.parse-error', 'not latin1 text', 0); }
    } else child.push(buf.subarray(s, e));
  }

  private closeChild(): NestedFind | null {
    const child = this.dChild;
    this.dChild = null;
    if (!child) return null;
    if (child.state !== S_DEAD) child.finish();
    return this.found(child, this.dChildAt);
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
    const v = idx < 0 ? undefined : ctx.memo.get(idx);
    if (v === undefined) throw new PickleError('pickle.parse-error', `memo value not found at index ${idx}`, at);
    return v;
  }

  /** After an opcode that ended at `end`: a frame it crossed, or one it finished (joblib's deferred reads run then). */
  private checkFrame(start: number, end: number): void {
    const ctx = this.ctx;
    if (start < ctx.frameEnd && end > ctx.frameEnd) {
      this.frameProblem(`an opcode at ${hex(this.off(start))} crosses the end of its frame`, start);
      if (ctx.py) throw new Halt(); // Python's unpickler: "pickle exhausted before end of frame"
    }
    if (end >= ctx.frameEnd) {
      ctx.frameEnd = -1;
      if (ctx.deferred.length > 0) this.runDeferred(end);
    }
  }

  private frameProblem(message: string, at: number): void {
    // Python's unpickler raises here: joblib.load (which uses it) stops, so no later wrapper forks its reading.
    if (!this.ctx.py && !this.ctx.inline) this.forked.add('joblib');
    if (this.ctx.frameReported) return;
    this.ctx.frameReported = true;
    this.add('pickle.frame', 'high', `${message}: Python's unpickler rejects this while the C unpickler reads on — a parser differential used to hide payloads`,
      at, `frame:${at}`, 'Legitimate picklers never write this; treat the file as crafted.');
    if (this.ctx.py && !message.includes('crosses')) throw new Halt();
  }

  // ----------------------------- readings by other loaders -----------------------------

  /**
   * A second reading that starts at stream offset `startAt` with a copy of this one's state. Its findings are
   * merged at the end; the ones only it has say which loader reads the bytes that way.
   */
  private fork(startAt: number, label: string, setup: (child: PickleVM) => void = () => undefined, gap?: { cut: number; resume: number }): PickleVM | null {
    if (this.family.readings >= this.o.limits.maxReadings) {
      this.complete = false;
      this.add('pickle.limit', 'high', `the data is read ${this.o.limits.maxReadings} different ways by different loaders; the rest were not followed`,
        startAt, 'readings', 'Legitimate files are read the same way by every loader; treat this one as crafted.');
      return null;
    }
    if (startAt < this.curAbs) throw new Error(`pickle VM: a fork at ${startAt} starts before the bytes at hand (${this.curAbs})`);
    this.family.readings++;
    const child = new PickleVM(this.o);
    const c = new Cloner();
    const copy = (x: Ctx): Ctx => ({
      ...x, stack: x.stack.map((v) => c.v(v)), marks: [...x.marks], memo: x.memo.clone(c),
      deferred: x.deferred.map((d) => ({ ...d }))
    });
    child.family = this.family;
    child.ctx = copy(this.ctx);
    child.outer = this.outer.map(copy);
    child.pickles = this.pickles;
    child.totalOps = this.totalOps;
    child.retained = this.retained;
    child.legacy = this.legacy;
    child.storages = new Map(this.storages);
    child.legacyKeys = [...this.legacyKeys];
    child.legacyIdx = this.legacyIdx;
    child.wo = this.wo ? { ...this.wo } : null;
    child.frameHorizon = this.frameHorizon;
    child.forked = new Set(this.forked);
    child.joblibReader = this.joblibReader;
    child.mmapMode = this.mmapMode;
    child.streamLen = startAt;
    child.curAbs = startAt;
    child.mapOff = this.mapOff;
    if (gap) {
      const width = gap.resume - gap.cut;
      child.mapOff = (x) => this.off(x >= gap.cut ? x + width : x);
    }
    for (const f of this.formats) child.formats.add(f);
    for (const [k, list] of this.nestedPending) child.nestedPending.set(k, list);
    setup(child);
    const f: Fork = { vm: child, fedTo: startAt, label, startAt, joblib: child.joblibReader && !this.joblibReader };
    this.forks.push(f);
    // The bytes from startAt that this reading has in hand go to the fork now; later chunks follow in push().
    const bufEnd = this.curAbs + this.curBuf.length;
    if (gap) {
      child.push(this.curBuf.subarray(startAt - this.curAbs, gap.cut - this.curAbs));
      f.fedTo = gap.resume;
      if (gap.resume < bufEnd) {
        child.push(this.curBuf.subarray(gap.resume - this.curAbs));
        f.fedTo = bufEnd;
      }
    } else if (startAt < bufEnd) {
      f.fedTo = bufEnd;
      child.push(this.curBuf.subarray(startAt - this.curAbs));
    }
    return child;
  }

  /** The opcode at `at` reads past the frame ending at `frameEnd`: fork the reading that drops [cut, frameEnd). */
  private bufferedFrame(at: number, cut: number, frameEnd: number): void {
    this.forked.add(`cross:${at}`);
    this.fork(at, 'as the C unpickler reads a frame it buffered (io.BytesIO: torch.load of a zip member)', (child) => {
      child.ctx.frameEnd = -1;
      child.frameHorizon = 0;
    }, { cut, resume: frameEnd });
  }

  /** Merges what a fork found: findings and globals this reading does not have, marked with the fork's loader. */
  private absorb(f: Fork): void {
    const child = f.vm;
    if (f.joblib) {
      // What only this reading found after joblib.load went its own way is pickle.load's alone: say so.
      const theirs = new Set(child.findings.keyed().map(([k]) => k));
      for (const [key, finding] of this.findings.keyed()) {
        if (!theirs.has(key) && (finding.offset ?? 0) - this.o.baseOffset >= f.startAt && !/ \((?:as |reading on)[^()]*\)$/.test(finding.message)) {
          this.findings.relabel(key, ' (as pickle.load reads it, not joblib.load)');
        }
      }
    }
    for (const [key, finding] of child.findings.keyed()) {
      if (this.findings.has(key)) continue;
      const labelled = / \((?:as |reading on)[^()]*\)$/.test(finding.message);
      this.findings.add(key, labelled ? finding : { ...finding, message: `${finding.message} (${f.label})` });
    }
    for (const nf of child.nestedFindings) {
      if (this.nestedFindings.length < 500 && !this.nestedFindings.some((x) => x.message === nf.message && x.offset === nf.offset)) this.nestedFindings.push(nf);
    }
    for (const [k, g] of child.globals) if (!this.globals.has(k)) this.globals.set(k, g);
    for (const [k, t] of child.callTargets) if (!this.callTargets.has(k)) this.callTargets.set(k, t);
    this.calls = Math.max(this.calls, child.calls);
    if (!child.complete) this.complete = false;
    this.sawImport ||= child.sawImport;
    this.mustReport ||= child.mustReport;
    for (const fm of child.formats) this.formats.add(fm);
    this.nestedUnloaded += child.nestedUnloaded;
    if (f.joblib && this.reads.length === 0) this.reads = child.reads;
  }

  // ----------------------------- imports, calls, state -----------------------------

  private importGlobal(module0: string, name0: string, at: number, op: number): Glob {
    const [module, name] = this.ctx.proto < 3 ? mapPython2(module0, name0) : [module0, name0];
    const key = `${module}\n${name}`;
    this.sawImport = true;
    if (!this.plainRaised) this.effect = true;
    let entry = this.globals.get(key);
    if (!entry) {
      if (this.globals.size >= this.o.limits.maxGlobals) throw new PickleError('pickle.limit', `more than ${this.o.limits.maxGlobals} distinct globals`, at);
      const full = `${module}.${name}`;
      const verdict = wrapperKindOf(full) === 'array' ? JOBLIB_ARRAY_WRAPPER : describeGlobal(module, name, this.o.allow, { torchScript: this.o.torchScript });
      const woOk = WEIGHTS_ONLY_GLOBALS.has(full) && !WEIGHTS_ONLY_BLOCKED_MODULES.has(module);
      if (PARTIAL.has(full)) this.family.partial ??= { targets: new Map(), unsound: false };
      const glob = new Glob(module, name, verdict.tier, this.off(at), woOk);
      entry = { rec: { module, name, offset: this.off(at), opcode: opName(op), tier: verdict.tier, count: 0 }, glob };
      this.globals.set(key, entry);
      const sev = tierSeverity(verdict.tier);
      const shownName = module0 === module && name0 === name ? full : `${full} (written as ${module0}.${name0})`;
      if (sev) {
        const check = verdict.category === 'dunder' ? 'pickle.dunder' : `pickle.global.${verdict.tier}`;
        const what = verdict.tier === 'dangerous' ? `imports ${shownName}: ${verdict.reason}`
          : verdict.tier === 'unknown' ? `imports ${shownName}, which is not on the allowlist (${verdict.reason})`
            : `imports ${shownName}: ${verdict.reason}`;
        const help = verdict.tier === 'review'
          ? `Check that the file needs ${full}; the repository policy can allow it (allow_globals).`
          : verdict.tier === 'unknown'
            ? 'Only tensor and array reconstruction globals are allowed by default; anything else can run code on load.'
            : 'Loading this file runs this code. Do not approve it.';
        this.add(check, sev, `Pickle ${what}`, at, `global:${key}`, help, `${opName(op)} ${shownName}`);
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
    const computed = (v: V) => v instanceof Obj || v instanceof Glob || v instanceof Pers || v === LONG_STR ||
      (v instanceof Opaque && v !== FLOAT && v !== BYTES && v !== BIG_INT && v.what !== 'bytes');
    if (!computed(mod) && !computed(name)) {
      throw new PickleError('pickle.parse-error', `STACK_GLOBAL requires str, got ${describe(mod)} and ${describe(name)}`, at);
    }
    this.sawImport = true;
    if (!this.plainRaised) this.effect = true;
    const ev = `STACK_GLOBAL ${describe(mod)} . ${describe(name)}`;
    this.add('pickle.dynamic-import', 'critical', 'Pickle imports a name computed at load time (STACK_GLOBAL of values that are not plain string literals)',
      at, `dyn:${at}`, 'A computed import hides what runs; legitimate picklers always write literal names.', ev);
    return new Glob('?', '?', 'dangerous', this.off(at), false, true);
  }

  private call(fn: V, args: V, at: number, op: number): void {
    this.calls++;
    this.sawImport = true;
    if (!this.plainRaised) this.effect = true;
    if (this.family.partial) this.partialCall(fn, args);
    if (fn instanceof Glob) {
      const target = fn.dynamic ? '(computed import)' : `${fn.module}.${fn.name}`;
      const t = this.callTargets.get(target);
      if (t) t.count++;
      else if (this.callTargets.size < 1000) this.callTargets.set(target, { target, count: 1, offset: this.off(at) });
      if (this.woLive() && op !== OP.INST && op !== OP.OBJ && !fn.weightsOnly) this.woFail(`${opName(op)} on ${describe(fn)}`, at);
    } else {
      this.add('pickle.call.indirect', 'high', `Pickle calls ${describe(fn)} (${opName(op)}), not a named import`, at, `icall:${describe(fn)}`,
        'Calling the result of another call chains gadgets; legitimate pickles call imported classes and functions directly.', `${opName(op)} @ ${hex(this.off(at))}`);
      if (this.woLive()) this.woFail(`${opName(op)} on ${describe(fn)}`, at);
    }
    this.loadsArgs(fn, args);
    this.pushV(new Obj(fn, args, at, op));
  }

  /**
   * functools.partial only binds arguments to a callable (partialVerdict): it is as risky as what it binds, so long as
   * every use of it is one this VM follows. A partial built with an imported callable records that target; anything
   * else - a computed target, the class handed to another call, the partial object itself called - keeps it dangerous.
   */
  private partialCall(fn: V, args: V): void {
    const items = tupleItems(args);
    if (isPartial(fn)) this.partialTarget(items?.[0]);
    else if (fn instanceof Obj && isPartial(fn.fn)) this.family.partial!.unsound = true;
    if (items === null || items.some(isPartial)) this.family.partial!.unsound = true;
  }

  private partialTarget(v: V | undefined): void {
    const use = this.family.partial!;
    if (!(v instanceof Glob) || v.dynamic || isPartial(v)) { use.unsound = true; return; }
    const key = `${v.module}.${v.name}`;
    if (!use.targets.has(key) && use.targets.size < 64) {
      use.targets.set(key, { module: v.module, name: v.name, verdict: describeGlobal(v.module, v.name, this.o.allow, { torchScript: this.o.torchScript }) });
    } else if (!use.targets.has(key)) use.unsound = true;
  }

  /** The partial's grade once every reading is done: the worst of its targets, or dangerous when a use was not followed. */
  private settlePartial(): void {
    const use = this.family.partial;
    if (!use || use.unsound || use.targets.size === 0) return;
    let worst: GlobalVerdict | null = null;
    for (const t of use.targets.values()) {
      const v = partialVerdict(t);
      if (!worst || TIER_RANK[v.tier] > TIER_RANK[worst.tier]) worst = v;
    }
    if (!worst || worst.tier === 'dangerous') return;
    for (const [key, entry] of this.globals) {
      if (entry.rec.nested || !PARTIAL.has(`${entry.rec.module}.${entry.rec.name}`)) continue;
      const fkey = `global:${key}`;
      const old = this.findings.keyed().find(([k]) => k === fkey)?.[1];
      entry.rec.tier = worst.tier;
      const sev = tierSeverity(worst.tier);
      if (!old || !sev) continue;
      const full = `${entry.rec.module}.${entry.rec.name}`;
      this.findings.replace(fkey, {
        ...old, check: `pickle.global.${worst.tier}`, severity: sev, message: `Pickle imports ${full}: ${worst.reason}`,
        help: worst.tier === 'review' ? `Check that the file needs ${full} and what it binds; the repository policy can allow them (allow_globals).`
          : 'Only tensor and array reconstruction globals are allowed by default; anything else can run code on load.'
      });
    }
  }

  private build(inst: V, state: V, at: number, after: number): void {
    if (inst instanceof Glob) {
      this.add('pickle.build-on-import', 'critical', `BUILD sets attributes on the imported object ${describe(inst)} itself`,
        at, `build:${describe(inst)}`, 'Setting attributes on a class, function or module changes code that runs later; a known way to smuggle names.',
        `BUILD on ${describe(inst)} @ ${hex(this.off(at))}`);
    }
    if (this.woLive() && !(inst instanceof Obj && inst.fn instanceof Glob && inst.fn.weightsOnly)) {
      this.woFail(`BUILD on ${describe(inst)}`, at);
    }
    if (!(inst instanceof Obj)) return;
    // partial.__setstate__ takes (func, args, keywords, dict): the func it sets replaces the one it was built with.
    if (this.family.partial && isPartial(inst.fn)) this.partialTarget(tupleItems(state)?.[0]);
    inst.state = state;
    this.loadsArgs(inst.fn, state);
    // joblib expands wrappers in its own stream only: not in plain or legacy readings, nor in an object array's pickle.
    if (this.ctx.inline || !(this.joblibReader || this.o.mode === 'auto')) return;
    const wrapper = instanceOf(inst);
    if (wrapper === null) return;
    if (this.joblibReader) {
      this.joblibBuild(inst, wrapper, state, at, after);
      return;
    }
    if (this.forked.has('joblib')) return;
    // From here joblib.load reads this stream differently from pickle.load: it goes on in a fork, and this
    // reading (the C unpickler's) reads what follows as opcodes, as pickle.load does.
    this.forked.add('joblib');
    this.quiet = `pickle.load (the C unpickler) reads the raw array bytes joblib wrote after the NumpyArrayWrapper at ${hex(this.off(at))} as opcodes`;
    this.fork(after, 'as joblib.load reads it', (child) => {
      child.joblibReader = true;
      for (const c of [child.ctx, ...child.outer]) c.py = !c.inline;
      const top = child.ctx.stack[child.ctx.stack.length - 1];
      const again = instanceOf(top);
      if (top instanceof Obj && again) child.guard(() => child.joblibBuild(top, again, top.state ?? null, at, after));
    });
  }

  /** NumpyUnpickler.load_build: after BUILD, a wrapper on top of the stack is replaced by the array joblib reads. */
  private joblibBuild(inst: Obj, wrapper: Instance | { unknown: string }, state: V, at: number, after: number): void {
    if ('unknown' in wrapper) this.joblibUnknown(wrapper.unknown, at);
    const applied = applyBuild(inst, wrapper, state);
    if ('raises' in applied) this.joblibRaises(applied.raises, at);
    if ('unknown' in applied) this.joblibUnknown(applied.unknown, at);
    const p = plans(wrapper, inst.attrs ?? new Map());
    this.formats.add('joblib');
    const st = this.ctx.stack;
    st[st.length - 1] = ARRAY;
    if (p.mmap && !this.mmapMode && !this.forked.has('mmap')) {
      // joblib.load(..., mmap_mode=...) reads this array through numpy.memmap: a different layout from here.
      this.forked.add('mmap');
      if (p.mmap.kind === 'unknown') this.joblibUnknown(p.mmap.why, at);
      const plan = p.mmap;
      this.fork(after, 'as joblib.load(mmap_mode=...) reads it', (child) => {
        child.mmapMode = true;
        child.guard(() => child.joblibRead({ ...plan, at }, after));
      });
    }
    const plan = this.mmapMode && p.mmap ? p.mmap : p.read;
    this.joblibRead({ ...plan, at }, after);
  }

  private joblibRaises(why: string, at: number): never {
    this.add('pickle.joblib', 'high', `joblib.load raises at the wrapper built at ${hex(this.off(at))}: ${why}; nothing after it is read by joblib`,
      at, `joblib-raise:${at}`, 'joblib never writes such a wrapper; the file was crafted. What came before still runs on load.');
    throw new Halt();
  }

  private joblibUnknown(why: string, at: number): never {
    throw new PickleError('pickle.joblib', `joblib array after the NumpyArrayWrapper at ${hex(this.off(at))} cannot be skipped exactly: ${why}`, at,
      'joblib stores array bytes inside the pickle stream; without their exact size the rest of the file cannot be read as joblib reads it.');
  }

  /** One wrapper's read, now or (inside a frame with bytes left) when the frame is used up. */
  private joblibRead(plan: Deferred, after: number): void {
    const ctx = this.ctx;
    if (plan.kind === 'raises') this.joblibRaises(plan.why, plan.at);
    if (plan.kind === 'unknown') this.joblibUnknown(plan.why, plan.at);
    if (plan.kind === 'none') {
      const file = shown(plan.file);
      const odd = typeof plan.file !== 'string' || plan.file.startsWith('/') || plan.file.includes('..') || plan.file.includes('\\');
      this.add('pickle.joblib', odd ? 'high' : 'medium',
        `joblib.load reads the array of the wrapper at ${hex(this.off(plan.at))} from the file ${file} next to this one, with numpy.load(allow_pickle=True)`,
        plan.at, `joblib-file:${file}`, odd ? 'The path leaves the model folder or is not a plain name: joblib would load a file outside what was reviewed.'
          : 'That companion file is unpickled too: make sure it is part of the review.');
      return;
    }
    if (plan.kind === 'raw' && plan.pointers) {
      this.add('pickle.joblib', 'high', `the array at ${hex(this.off(plan.at))} is ${plan.pointers}`,
        plan.at, `joblib-pointers:${plan.at}`, 'Object pointers read from a file crash or corrupt the loading process; joblib never writes this.');
    }
    if (ctx.frameEnd > after) {
      ctx.deferred.push(plan);
      return;
    }
    if (ctx.frameEnd >= 0) ctx.frameEnd = -1;
    this.startRead(plan, after);
  }

  /** Where joblib's reads of the stream began and ended (details.joblibReads, for tests against joblib itself). */
  private reads: { start: number; end: number; objects: boolean }[] = [];
  private inlineRead: { start: number; end: number; objects: boolean } | null = null;

  private startRead(plan: Deferred, pos: number): void {
    const rec = { start: this.off(pos), end: -1, objects: plan.kind === 'objects' };
    if (this.reads.length < 1000) this.reads.push(rec);
    if (plan.kind === 'objects') {
      // An object array is a whole pickle read from the file (joblib 1.2: pickle.load; later joblib: its own
      // pickle._Unpickler); its contents are Python objects.
      this.outer.push(this.ctx);
      this.ctx = this.newCtx(this.ctx.index, true, false);
      this.inlineRead = rec;
      return;
    }
    if (plan.kind !== 'raw') return;
    const bytes = plan.bytes;
    const done = (end: number): void => { rec.end = this.off(end); this.resumeDeferred(end); };
    const skip = (at: number): void => { if (bytes > 0) this.raw(bytes, done); else done(at); };
    if (plan.padded) {
      this.header(1, (h, at) => {
        const pad = h[0] as number;
        if (pad > 0) this.raw(pad, skip);
        else skip(at + 1);
      });
    } else skip(pos);
  }

  /** The frame ended at `pos` with joblib reads pending: they come from the file now, in order. */
  private runDeferred(pos: number): void {
    const next = this.ctx.deferred.shift();
    if (next) this.startRead(next, pos);
  }

  private resumeDeferred(pos: number): void {
    if (this.ctx.deferred.length > 0 && this.ctx.frameEnd < 0) this.runDeferred(pos);
  }

  private raw(n: number, then: (end: number) => void): void {
    this.state = S_RAW;
    this.rawRemain = n;
    this.rawThen = then;
  }

  private afterRaw(end: number): void {
    this.state = S_OPS;
    const then = this.rawThen;
    this.rawThen = null;
    then?.(end);
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
    this.sawImport = true;
    this.plainRaised = true; // pickle.load has no persistent_load: it raises here
    if (this.woLive() && !(tag === 'storage' || typeof pid === 'number')) this.woFail(`${opName(op)} ${describe(tag ?? pid)}`, at);
    if (tag === 'storage') {
      if (this.legacy && this.ctx.index === 3 && items) this.legacyStorage(items, at);
    } else if (tag === 'module' && this.legacy) {
      // torch's legacy persistent_load returns the module class itself (its source is only compared, never run).
      const cls = items?.[1];
      if (cls instanceof Glob) return cls;
    } else {
      this.add('pickle.persid', 'medium', `Persistent id ${describe(tag ?? pid)} is not a torch storage: what it loads depends on the loader's persistent_load`,
        at, `persid:${describe(tag ?? pid)}`, 'torch writes only (\'storage\', …) ids; other ids need the loader that wrote them.', `${opName(op)} @ ${hex(this.off(at))}`);
    }
    return new Pers(pid);
  }

  // ----------------------------- pickle boundaries, legacy torch -----------------------------

  private endPickle(v: V, at: number, after: number): void {
    const ctx = this.ctx;
    // STOP with bytes of its frame left: a loader that buffered the whole frame (io.BytesIO, Python's unpickler,
    // frames larger than the file's read-ahead) goes on at the frame's end, one that peeked goes on after STOP.
    const leftover = ctx.frameEnd > after ? ctx.frameEnd : -1;
    if (leftover >= 0) {
      this.add('pickle.frame', 'high', `STOP at ${hex(this.off(at))} ends a pickle ${leftover - after} bytes before the end of its frame: loaders resume at different places (after STOP, or at the frame's end)`,
        at, `frame-stop:${at}`, 'Legitimate picklers end the frame with STOP; treat the file as crafted.');
    }
    if (ctx.inline) {
      const back = this.outer.pop();
      if (back) this.ctx = back;
      if (this.inlineRead) { this.inlineRead.end = this.off(after); this.inlineRead = null; }
      if (leftover >= 0 && !this.forked.has(`resume:${at}`)) {
        this.forked.add(`resume:${at}`);
        this.fork(leftover, 'reading on from the end of the frame, as a buffering unpickler does');
      }
      if (this.ctx.frameEnd < 0) this.resumeDeferred(after);
      return;
    }
    this.pickles++;
    if (this.pickles > this.o.limits.maxPickles) throw new PickleError('pickle.limit', `more than ${this.o.limits.maxPickles} stacked pickles`, at);
    if (ctx.index === 0 && !this.legacy && this.o.mode === 'auto' && v === LEGACY_MAGIC) {
      this.legacy = true;
      this.formats.add('torch-legacy');
      if (this.o.depth === 0) this.wo ??= { loads: true }; // torch.load reads all five pickles with its weights_only rules
    } else if (ctx.index === 0 && this.o.mode === 'legacy-torch') this.formats.add('torch-legacy');
    this.ctx = this.newCtx(ctx.index + 1, false, ctx.py);
    if (this.legacy && ctx.index === 4) this.legacyData(v, at);
    if (leftover >= 0) {
      if (ctx.py) {
        // Python's unpickler left the rest of the frame in its buffer: the next pickle starts at the frame's end.
        this.raw(leftover - after, (end) => this.continueDeferred(ctx, end));
      } else {
        if (ctx.deferred.length === 0) this.fork(leftover, 'reading on from the end of the frame, as a buffering unpickler does');
      }
    } else if (ctx.deferred.length > 0) this.continueDeferred(ctx, after);
  }

  /** A top-level pickle ended with joblib reads pending: they are in the file before the next pickle. */
  private continueDeferred(ended: Ctx, pos: number): void {
    this.ctx.deferred = ended.deferred;
    ended.deferred = [];
    this.runDeferred(pos);
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

  // ----------------------------- weights_only -----------------------------

  /** torch's weights_only rules apply: data.pkl's one pickle, or every pickle of a legacy file. */
  private woLive(): boolean {
    return this.wo !== null && (this.legacy || this.ctx.index === 0);
  }

  private woFail(what: string, at: number): void {
    if (this.wo === null || !this.wo.loads) return;
    this.wo = { loads: false, blockedBy: what, offset: this.off(at) };
  }

  private woTarget(target: V, want: 'list' | 'dict' | 'set', op: number, at: number): void {
    if (want === 'list' && target instanceof Cont && target.kind === 'list') return;
    if (want === 'dict' && target instanceof Cont && target.kind === 'dict') return;
    if (want === 'dict' && target instanceof Obj && target.fn instanceof Glob && target.fn.module === 'collections' &&
      (target.fn.name === 'OrderedDict' || target.fn.name === 'Counter')) return;
    this.woFail(`${opName(op)} on ${describe(target)}`, at);
  }

  // ----------------------------- results -----------------------------

  /** Where stream position `at` of this reading is in the file. */
  private off(at: number): number {
    return this.mapOff ? this.mapOff(at) : this.o.baseOffset + at;
  }

  private add(check: string, severity: Severity, message: string, at: number, key: string, help?: string, evidence?: string): void {
    const offset = this.off(at);
    this.findings.add(key, {
      check, severity, message, file: this.o.path, offset,
      evidence: evidence ? (evidence.includes('@') ? evidence : `${evidence} @ ${hex(offset)}`) : `@ ${hex(offset)}`,
      ...(help ? { help } : {})
    });
  }

  outcomeFindings(): Finding[] {
    this.settlePartial();
    return [...this.findings.list(), ...this.nestedFindings];
  }

  /** Whether the bytes were read as a pickle: the first opcode parsed, or pickle.load imported or called something before it failed. */
  readAsPickle(): boolean {
    return this.error === null || this.effect;
  }

  weightsOnly(): WeightsOnlyVerdict | undefined {
    if (this.wo === null) return undefined;
    if (this.wo.loads && (this.error || this.pickles === 0)) return { loads: false, blockedBy: 'the pickle does not parse', ...(this.error ? { offset: this.off(this.error.at) } : {}) };
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
    if (this.forks.length > 0) out.readings = 1 + this.forks.length;
    if (this.nestedUnloaded > 0) out.nestedFragments = this.nestedUnloaded;
    if (this.quietStop) out.plainReadStops = this.quietStop;
    if (this.reads.length > 0) out.joblibReads = this.reads;
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
