// MATLAB .mat files as scipy.io.loadmat reads them (scipy/io/matlab: _miobase, _mio4, _mio5, _mio5_utils):
// - version 4 (a zero among the first four bytes): matrices, each a 20-byte header (MOPT type code, rows, columns,
//   imaginary flag, name length), the name, the values.
// - version 5 (the 128-byte text header, 'IM'/'MI' byte order, version 0x0100): tagged data elements, small ones
//   packed into their tag; variables are miMATRIX elements (array flags, dimensions, name, then class-specific
//   sub-elements, nested for cells, structs and objects) or miCOMPRESSED ones (zlib, decompressed here and read the
//   same way, in bounded memory).
// Version 7.3 files are HDF5 and go to the HDF5 scanner. scipy builds arrays, MatlabObject (a struct with a class
// name) and MatlabFunction/MatlabOpaque wrappers: no code runs when scipy loads them. MATLAB itself is another
// loader: it calls the named class's loadobj and keeps function handles (anonymous ones carry code) that run when
// called, so those are reported for review.
import { finding, type Finding } from '../../core/findings.js';
import { startsWith, u32be, u32le } from '../bytes.js';
import { Feeder, type Need, type Parser } from '../feeder.js';
import { Inflater } from '../inflate.js';
import type { FileContext, StreamScanner } from '../types.js';
import { limitsOf, type FileScanOptions } from '../kit.js';
import type { FormatPlugin } from './plugin.js';

type Gen<T> = Generator<Need, T, Uint8Array | undefined>;

class FormatError extends Error {
  constructor(message: string, readonly offset: number, readonly limit = false) {
    super(message);
  }
}

const MI_INT8 = 1;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
const MAX_DEPTH = 256;
const CLASS_NAMES: Readonly<Record<number, string>> = {
  1: 'cell', 2: 'struct', 3: 'object', 4: 'char', 5: 'sparse', 6: 'double', 7: 'single', 8: 'int8', 9: 'uint8', 10: 'int16',
  11: 'uint16', 12: 'int32', 13: 'uint32', 14: 'int64', 15: 'uint64', 16: 'function', 17: 'opaque', 18: 'object'
};

interface Notes {
  functions: number;
  objects: string[];
  variables: number;
}

// ---------------- version 5 ----------------

interface Stream { at(): number; end: number }

function* readN(s: Stream, n: number, what: string): Gen<Uint8Array> {
  const from = s.at();
  if (from + n > s.end) throw new FormatError(`${what} runs past the element that holds it`, from);
  const b = yield { read: n };
  if (!b) throw new FormatError(`the stream ends inside ${what}`, from);
  return b;
}

function* skipN(s: Stream, n: number, what: string, to?: (c: Uint8Array) => void): Gen<void> {
  const from = s.at();
  if (from + n > s.end) throw new FormatError(`${what} (${n} bytes) runs past the element that holds it`, from);
  if (n === 0) return;
  const r = yield { pipe: n, ...(to ? { to } : {}) };
  if (!r) throw new FormatError(`the stream ends inside ${what}`, from);
}

interface Tag { type: number; bytes: number; small: boolean; data?: Uint8Array }

/** A data element tag, in the file's byte order; small data elements carry up to 4 bytes in the tag itself. */
function tagOf(b: Uint8Array, le: boolean): Tag {
  const first = le ? u32le(b, 0) : u32be(b, 0);
  if (first >>> 16 !== 0) return { type: first & 0xffff, bytes: first >>> 16, small: true, data: b.subarray(4, 8) };
  return { type: first, bytes: le ? u32le(b, 4) : u32be(b, 4), small: false };
}

/** The sub-elements of one miMATRIX, ending exactly at `end`; nested miMATRIX elements are read the same way. */
function* matrix(s: Stream, le: boolean, end: number, depth: number, notes: Notes): Gen<void> {
  if (depth > MAX_DEPTH) throw new FormatError(`arrays nested more than ${MAX_DEPTH} deep`, s.at(), true);
  const outer = s.end;
  s.end = end;
  let index = 0;
  let cls = 0;
  const texts: string[] = [];
  while (s.at() < end) {
    const at = s.at();
    const t = tagOf(yield* readN(s, 8, 'a sub-element tag'), le);
    if (t.small) {
      if (t.bytes > 4) throw new FormatError('a small data element claims more than 4 bytes', at);
      if (index === 0) throw new FormatError('array flags packed as a small element', at);
      if (t.type === MI_INT8 && t.data) texts.push(String.fromCharCode(...t.data.subarray(0, t.bytes)));
    } else {
      const pad = (8 - (t.bytes % 8)) % 8;
      if (index === 0) {
        if (t.bytes !== 8) throw new FormatError(`array flags of ${t.bytes} bytes (8 expected)`, at);
        const f = yield* readN(s, 8, 'the array flags');
        cls = (le ? u32le(f, 0) : u32be(f, 0)) & 0xff;
        if (!CLASS_NAMES[cls]) throw new FormatError(`array class ${cls} does not exist`, at + 8);
      } else if (t.type === MI_MATRIX) {
        yield* matrix(s, le, s.at() + t.bytes, depth + 1, notes);
        s.end = end;
      } else if (t.type === MI_COMPRESSED) {
        throw new FormatError('a compressed element inside an array (scipy reads them only at the top level)', at);
      } else if (t.type === MI_INT8 && t.bytes <= 256) {
        texts.push(String.fromCharCode(...(yield* readN(s, t.bytes, 'a name'))));
      } else {
        yield* skipN(s, t.bytes, 'array data');
      }
      yield* skipN(s, pad, 'padding');
    }
    index++;
  }
  if (s.at() !== end) throw new FormatError('sub-elements run past their array', s.at());
  s.end = outer;
  const name = (i: number): string => (texts[i] ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
  if (cls === 16) notes.functions++;
  // object: name, then class name; opaque (MCOS): name, type system, class name.
  if ((cls === 3 || cls === 18) && notes.objects.length < 20) notes.objects.push(name(1) || '?');
  if (cls === 17 && notes.objects.length < 20) notes.objects.push(`${name(1)}:${name(2)}`);
}

/** Top-level elements until the stream (or the decompressed element) ends. */
function* elements(s: Stream, le: boolean, notes: Notes, compressed: (n: number, at: number) => Gen<void>, inside: boolean): Gen<void> {
  for (;;) {
    const at = s.at();
    const h = yield { read: 8 };
    if (!h) return;
    const t = tagOf(h, le);
    if (t.small) throw new FormatError('a small data element at the top level (scipy expects variables)', at);
    if (t.type === MI_MATRIX) {
      notes.variables++;
      yield* matrix(s, le, s.at() + t.bytes, 0, notes);
    } else if (t.type === MI_COMPRESSED && !inside) {
      yield* compressed(t.bytes, at);
    } else {
      throw new FormatError(`a top-level element of type ${t.type} (scipy expects miMATRIX or miCOMPRESSED)`, at);
    }
  }
}

// ---------------- version 4 ----------------

const V4_SIZES = [8, 4, 4, 2, 2, 1];

/** A version-4 matrix header, or why it is not one. */
function v4Header(h: Uint8Array): { le: boolean; bytes: number; namelen: number } | string {
  for (const le of [true, false]) {
    const r = (o: number): number => (le ? u32le(h, o) : u32be(h, o)) | 0;
    const mopt = r(0);
    if (mopt < 0 || mopt > 4052) continue;
    const m = Math.floor(mopt / 1000);
    const o = Math.floor((mopt % 1000) / 100);
    const p = Math.floor((mopt % 100) / 10);
    const t = mopt % 10;
    if (m !== (le ? 0 : 1) || o !== 0 || p > 5 || t > 2) continue;
    const rows = r(4);
    const cols = r(8);
    const imag = r(12);
    const namelen = r(16);
    if (rows < 0 || cols < 0 || (imag !== 0 && imag !== 1) || namelen < 1 || namelen > 4096) return 'a header whose sizes are impossible';
    return { le, bytes: rows * cols * (V4_SIZES[p] as number) * (imag ? 2 : 1), namelen };
  }
  return 'a type code that is not MATLAB 4\'s';
}

function* version4(s: Stream, notes: Notes): Gen<void> {
  for (;;) {
    const at = s.at();
    const h = yield { read: 20 };
    if (!h) return;
    const v = v4Header(h);
    if (typeof v === 'string') throw new FormatError(`matrix #${notes.variables} has ${v}`, at);
    const name = yield* readN(s, v.namelen, `the name of matrix #${notes.variables}`);
    if (name[v.namelen - 1] !== 0) throw new FormatError(`the name of matrix #${notes.variables} is not NUL-terminated`, at + 20);
    yield* skipN(s, v.bytes, `the values of matrix #${notes.variables}`);
    notes.variables++;
  }
}

// ---------------- scanner ----------------

export function createMatScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const limits = limitsOf(opts);
  const findings: Finding[] = [];
  const notes: Notes = { functions: 0, objects: [], variables: 0 };
  let failure: FormatError | undefined;
  let version = 0;
  let total = 0;
  const s: Stream = { at: () => feeder.offset, end: ctx.size ?? Infinity };

  /** A miCOMPRESSED element: zlib header, deflate, Adler-32; its output is read as top-level elements. */
  function* compressed(n: number, at: number, le: boolean): Gen<void> {
    const inner: Stream = { at: () => innerFeeder.offset, end: Infinity };
    let innerFailure: FormatError | undefined;
    function* innerParse(): Parser {
      try {
        yield* elements(inner, le, notes, () => { throw new FormatError('nested compression', inner.at()); }, true);
      } catch (err) {
        if (!(err instanceof FormatError)) throw err;
        innerFailure = err;
      }
    }
    const innerFeeder: Feeder = new Feeder(innerParse());
    let produced = 0;
    let over = false;
    const inf = new Inflater((c) => {
      produced += c.length;
      if (produced > limits.maxDecompressedBytes || (produced > limits.ratioMinBytes && produced > n * limits.maxRatio)) {
        over = true;
        return;
      }
      if (!over) innerFeeder.push(c);
    });
    const z = yield* readN(s, 2, 'a zlib header');
    if (((z[0] as number) & 0x0f) !== 8 || (((z[0] as number) << 8) | (z[1] as number)) % 31 !== 0 || ((z[1] as number) & 0x20) !== 0) {
      throw new FormatError('a compressed element without a zlib header', at + 8);
    }
    yield* skipN(s, n - 2, 'a compressed element', (c) => inf.push(c));
    inf.end();
    innerFeeder.end();
    if (over) throw new FormatError(`a compressed element expands past ${limits.maxDecompressedBytes} bytes or ${limits.maxRatio}× its size`, at, true);
    // The Adler-32 trailer follows the deflate stream; scipy's zlib.decompressobj stops there.
    if (inf.error) throw new FormatError(`a compressed element is not a valid zlib stream (${inf.error})`, at);
    if (innerFailure) throw new FormatError(`inside the compressed element at offset ${at}: ${innerFailure.message}`, at, innerFailure.limit);
    if (innerFeeder.offset < produced) throw new FormatError(`the compressed element at offset ${at} holds ${produced - innerFeeder.offset} bytes that are not an element`, at);
  }

  function* parse(): Parser {
    try {
      const h = yield* readN(s, 4, 'the header');
      if (h.includes(0)) {
        version = 4;
        // version 4 starts at 0: feed the four bytes back in front of the matrix reader.
        const first = yield* readN(s, 16, 'the first matrix header');
        const all = new Uint8Array(20);
        all.set(h);
        all.set(first, 4);
        const v = v4Header(all);
        if (typeof v === 'string') throw new FormatError(`the first matrix has ${v}`, 0);
        const name = yield* readN(s, v.namelen, 'the first matrix name');
        if (name[v.namelen - 1] !== 0) throw new FormatError('the first matrix name is not NUL-terminated', 20);
        yield* skipN(s, v.bytes, 'the values of the first matrix');
        notes.variables++;
        yield* version4(s, notes);
        return;
      }
      const rest = yield* readN(s, 124, 'the 128-byte header');
      const le = rest[122] === 0x49 && rest[123] === 0x4d; // 'IM'
      const be = rest[122] === 0x4d && rest[123] === 0x49; // 'MI'
      if (!le && !be) throw new FormatError('the byte-order mark is neither IM nor MI', 126);
      const ver = le ? (rest[120] as number) | ((rest[121] as number) << 8) : ((rest[120] as number) << 8) | (rest[121] as number);
      if (ver !== 0x0100) throw new FormatError(`header version 0x${ver.toString(16)} (scipy reads 0x0100 here; 7.3 files are HDF5)`, 124);
      version = 5;
      yield* elements(s, le, notes, (n, at) => compressed(n, at, le), false);
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
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
      let complete = true;
      if (!failure && feeder.offset < total) failure = new FormatError(`${total - feeder.offset} bytes after the last element are not an element`, feeder.offset);
      if (failure) {
        complete = false;
        findings.push(finding(failure.limit ? 'matlab.not-examined' : 'matlab.invalid', 'high',
          failure.limit ? `The MATLAB file was not fully examined: ${failure.message}` : `Not a valid MATLAB file: ${failure.message}`, {
            file: ctx.path, offset: base + failure.offset,
            help: failure.limit ? 'Review the file by hand.' : 'scipy.io.loadmat refuses these bytes, so they are not what they claim; do not approve the file.'
          }));
      }
      if (notes.functions > 0) {
        findings.push(finding('matlab.function-handle', 'medium', `${notes.functions} MATLAB function handle(s): MATLAB keeps them as callables (an anonymous one carries code) and runs them when called`, {
          file: ctx.path,
          help: 'scipy reads them as opaque data; loaded in MATLAB they are code. Find out what they are before approving.'
        }));
      }
      if (notes.objects.length > 0) {
        findings.push(finding('matlab.object', 'low', `MATLAB objects of class ${notes.objects.join(', ')}: MATLAB calls the class's loadobj when it loads them`, {
          file: ctx.path, help: 'scipy reads them as structs; in MATLAB the class code on the path runs. Fine for data classes; know which class it is.'
        }));
      }
      return { formats: ['matlab'], findings, complete, details: { matlab: { version, variables: notes.variables } } };
    }
  };
}

/** Version 5: the 128-byte header with its byte-order mark and version; version 4: a valid first matrix header. */
export function looksLikeMat(head: Uint8Array): boolean {
  if (head.length >= 128 && !head.subarray(0, 4).includes(0)) {
    const le = head[126] === 0x49 && head[127] === 0x4d;
    const be = head[126] === 0x4d && head[127] === 0x49;
    if (!le && !be) return false;
    const ver = le ? (head[124] as number) | ((head[125] as number) << 8) : ((head[124] as number) << 8) | (head[125] as number);
    return ver === 0x0100 && startsWith(head, 'MATLAB');
  }
  if (head.length < 21 || !head.subarray(0, 4).includes(0)) return false;
  const v = v4Header(head);
  if (typeof v === 'string' || head.length < 20 + v.namelen) return false;
  const name = head.subarray(20, 20 + v.namelen);
  return name[v.namelen - 1] === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(String.fromCharCode(...name.subarray(0, v.namelen - 1)));
}

export const matPlugin: FormatPlugin = {
  format: 'matlab',
  claims: (head) => looksLikeMat(head),
  create: (ctx, opts) => createMatScanner(ctx, opts),
  dataOnly: true
};
