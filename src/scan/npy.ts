// NumPy `.npy`, read as numpy/lib/format.py reads it: the magic and version (1.0, 2.0, 3.0), the header length,
// the header decoded (latin1, or UTF-8 for 3.0) and parsed by ast.literal_eval's rules (pylit.ts, with the
// Python 2 'L' retry numpy applies to 1.0/2.0 headers), exactly the keys descr, fortran_order and shape, then the
// dtype built from descr (npy-dtype.ts). An object dtype anywhere means the body is a pickle that
// numpy.load(allow_pickle=True) unpickles: it goes to the pickle VM. Otherwise the body is counted and whatever
// follows it is a polyglot. What numpy refuses is reported as such; what cannot be decided fails closed.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { u16le, u32le } from './bytes.js';
import { Feeder, type Parser } from './feeder.js';
import { limitsOf, type FileScanOptions, type NestedScan } from './kit.js';
import { descrToDtype, isDtype } from './npy-dtype.js';
import { literalEval, PyDict, PyLitError, PyTuple, type PyLit } from './pylit.js';
import { createPickleScanner } from './pickle/index.js';

/** numpy's default max_header_size: numpy.load without allow_pickle refuses longer headers (allow_pickle=True reads them). */
const SAFE_HEADER_CHARS = 10_000;
const INT64_MAX = (1n << 63n) - 1n;
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/** A short Python-like rendering of a header value, for details and messages. */
function repr(v: PyLit, budget = { n: 200 }): string {
  if (budget.n-- <= 0) return '…';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return v.toString();
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof PyTuple) return `(${v.items.map((x) => repr(x, budget)).join(', ')}${v.items.length === 1 ? ',' : ''})`;
  if (v instanceof PyDict) return `{${v.entries.map(([k, x]) => `${repr(k, budget)}: ${repr(x, budget)}`).join(', ')}}`;
  if ('items' in v) return `[${v.items.map((x) => repr(x, budget)).join(', ')}]`;
  if ('text' in v) return v.text;
  if ('latin1' in v) return `b${JSON.stringify(v.latin1.slice(0, 40))}`;
  return '...';
}

export function createNpyScanner(ctx: FileContext, opts: FileScanOptions, nested?: NestedScan): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const limits = limitsOf(opts);
  const findings: Finding[] = [];
  let complete = true;
  const details: Record<string, unknown> = {};
  let pickle: StreamScanner | undefined;
  let trailing: StreamScanner | undefined;
  let trailingBytes = 0;
  const invalid = (message: string, offset: number): void => {
    complete = false;
    findings.push(finding('numpy.invalid', 'high', `Not a valid .npy file: ${message}`, { file: ctx.path, offset: base + offset,
      help: 'numpy.load refuses or misreads it; do not approve it.' }));
  };
  const undecided = (message: string, offset: number): void => {
    complete = false;
    findings.push(finding('numpy.unsupported', 'high', `The .npy header cannot be read exactly: ${message}`, { file: ctx.path, offset: base + offset,
      help: 'numpy may read this descriptor as an object dtype, whose data is a pickle; it was not examined. Do not approve it.' }));
  };

  function* parse(): Parser {
    const pre = yield { read: 8 };
    if (!pre) return invalid('truncated before the header', 0);
    if (Buffer.from(pre.subarray(0, 6)).toString('latin1') !== '\x93NUMPY') return invalid('the magic string is not \\x93NUMPY', 0);
    const major = pre[6] as number;
    const minor = pre[7] as number;
    if (!(major >= 1 && major <= 3 && minor === 0)) return invalid(`numpy reads format versions 1.0, 2.0 and 3.0, not ${major}.${minor}`, 6);
    const lenBytes = yield { read: major === 1 ? 2 : 4 };
    if (!lenBytes) return invalid('truncated before the header', 8);
    const hlen = major === 1 ? u16le(lenBytes, 0) : u32le(lenBytes, 0);
    const start = major === 1 ? 10 : 12;
    if (hlen > limits.maxHeaderBytes) return undecided(`a header of ${hlen} bytes is longer than the ${limits.maxHeaderBytes} this scan reads`, 8);
    // The header is gathered piece by piece into one buffer, so its cost stays linear however it is chunked.
    const hb = new Uint8Array(hlen);
    let have = 0;
    yield { pipe: hlen, to: (c) => { hb.set(c, have); have += c.length; } };
    if (have < hlen) return invalid('truncated inside the header', start + have);
    let text: string;
    if (major === 3) {
      try {
        text = UTF8_STRICT.decode(hb);
      } catch {
        return invalid('a version 3.0 header is not valid UTF-8', start);
      }
    } else text = Buffer.from(hb.buffer, hb.byteOffset, hb.length).toString('latin1');
    if (text.length > SAFE_HEADER_CHARS) details.numpyHeaderNeedsAllowPickle = true;
    let lit: PyLit;
    try {
      try {
        lit = literalEval(text);
      } catch (err) {
        // numpy retries 1.0 and 2.0 headers without Python 2 long suffixes ("3L") after a SyntaxError.
        if (!(err instanceof PyLitError && err.kind === 'SyntaxError' && major <= 2)) throw err;
        lit = literalEval(text, { py2Longs: true });
      }
    } catch (err) {
      if (err instanceof PyLitError && err.kind === 'Unsupported') return undecided(err.message, start);
      return invalid(`the header is not a Python literal (${err instanceof PyLitError ? `${err.kind}: ${err.message}` : String(err)})`, start);
    }
    if (!(lit instanceof PyDict)) return invalid('the header is not a dict', start);
    const keys = new Set(lit.entries.map(([k]) => (typeof k === 'string' ? k : null)));
    if (keys.size !== 3 || !['descr', 'fortran_order', 'shape'].every((k) => keys.has(k)) || lit.entries.some(([k]) => typeof k !== 'string')) {
      return invalid(`the header keys must be exactly descr, fortran_order and shape: ${repr(lit)}`, start);
    }
    const get = (k: string): PyLit => (lit as PyDict).entries.find(([x]) => x === k)?.[1] as PyLit;
    const shape = get('shape');
    if (!(shape instanceof PyTuple) || !shape.items.every((d) => typeof d === 'bigint' || typeof d === 'boolean')) {
      return invalid(`shape is not a tuple of ints: ${repr(shape)}`, start);
    }
    if (typeof get('fortran_order') !== 'boolean') return invalid(`fortran_order is not a bool: ${repr(get('fortran_order'))}`, start);
    const descr = get('descr');
    const dt = descrToDtype(descr);
    const dims = shape.items.map((d) => (typeof d === 'boolean' ? (d ? 1n : 0n) : d as bigint));
    details.numpy = {
      descr: repr(descr), shape: dims.map((d) => (d >= BigInt(Number.MIN_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(d) : d.toString())),
      object: isDtype(dt) ? dt.hasobject : null, itemsize: isDtype(dt) ? dt.itemsize : null, bodyAt: base + start + hlen
    };
    if (!isDtype(dt)) {
      if ('raises' in dt) return invalid(`descr is not a valid dtype descriptor: ${dt.raises}`, start);
      return undecided(dt.unknown, start);
    }
    // numpy multiplies the shape as int64 first: a dimension outside int64 raises before anything is read.
    if (dims.some((d) => d > INT64_MAX || d < -INT64_MAX - 1n)) return invalid('a dimension does not fit numpy.int64', start);
    const bodyAt = start + hlen;
    if (dt.hasobject) {
      // Informational: the pickle that follows is judged by the pickle scanner on what it imports and calls.
      findings.push(finding('numpy.object-dtype', 'info',
        'Object-dtype array: its data is a pickle, loaded only with allow_pickle=True (scanned as a pickle)', { file: ctx.path, offset: base + bodyAt }));
      pickle = createPickleScanner({ path: ctx.path, baseOffset: base + bodyAt, mode: 'plain', ...(opts.allow ? { allow: opts.allow } : {}), depth: opts.depth ?? 0 });
      yield { rest: (c) => pickle?.push(c) };
      return;
    }
    let count = 1n;
    for (const d of dims) count *= d;
    if (dims.some((d) => d < 0n) || count > INT64_MAX) return invalid(`shape ${repr(shape)} has no valid element count`, start);
    const body = count * BigInt(dt.itemsize);
    if (body > BigInt(Number.MAX_SAFE_INTEGER)) return invalid(`array of ${body} bytes is too large`, start);
    const got = yield { pipe: Number(body) };
    if (!got) return invalid(`array body is truncated: expected ${body} bytes`, bodyAt);
  }

  const feeder = new Feeder(parse(), (chunk, offset) => {
    if (trailingBytes === 0) {
      findings.push(finding('numpy.trailing-bytes', 'high', 'Bytes follow the array data: numpy ignores them, other tools may not (polyglot)',
        { file: ctx.path, offset: base + offset }));
      if (nested && (opts.depth ?? 0) < limits.maxDepth) trailing = nested({ path: `${ctx.path}#trailing` }, { ...opts, depth: (opts.depth ?? 0) + 1, baseOffset: base + offset });
    }
    trailingBytes += chunk.length;
    trailing?.push(chunk);
  });
  return {
    push: (c) => feeder.push(c),
    // A numeric body is counted, not read (a local scan passes it by); trailing bytes are scanned.
    ahead: () => feeder.streamAhead(),
    skip: (n) => feeder.streamSkip(n),
    end() {
      feeder.end();
      const outcomes: ScanOutcome[] = [];
      if (pickle) outcomes.push(pickle.end());
      if (trailing) outcomes.push(trailing.end());
      const formats = ['numpy'];
      for (const o of outcomes) {
        findings.push(...o.findings);
        if (!o.complete) complete = false;
        for (const f of o.formats) if (!formats.includes(f)) formats.push(f);
        if (o.details) Object.assign(details, o.details);
      }
      return { formats, findings, complete, details };
    }
  };
}
