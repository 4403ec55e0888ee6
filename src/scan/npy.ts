// NumPy `.npy`: the header dict is parsed as a literal, never evaluated; an object dtype ('O' anywhere in
// descr) means the array body is a pickle, which goes to the pickle VM. Plain array bodies are counted.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { latin1, u16le, u32le } from './bytes.js';
import { Feeder, type Parser } from './feeder.js';
import { limitsOf, type FileScanOptions, type NestedScan } from './kit.js';
import { parsePyLiteral, type PyLit } from './pylit.js';
import { createPickleScanner } from './pickle/index.js';

/** Bytes per element of a descr NumPy writes, or undefined when it cannot be computed statically. */
export function itemSize(descr: PyLit): number | undefined {
  if (typeof descr === 'string') {
    const m = /^[<>|=]?([a-zA-Z?])(\d*)$/.exec(descr);
    if (!m) return undefined;
    const kind = m[1] as string;
    const n = m[2] ? Number(m[2]) : undefined;
    if (kind === '?' || kind === 'b' || kind === 'B') return n ?? 1;
    if (kind === 'U') return n === undefined ? undefined : n * 4;
    if (kind === 'O') return 8;
    return n;
  }
  if (Array.isArray(descr)) {
    let total = 0;
    for (const field of descr) {
      if (!Array.isArray(field) || field.length < 2) return undefined;
      const sub = itemSize(field[1] as PyLit);
      if (sub === undefined) return undefined;
      let count = 1;
      if (field.length >= 3 && Array.isArray(field[2])) for (const d of field[2]) count *= typeof d === 'bigint' ? Number(d) : NaN;
      if (!Number.isFinite(count)) return undefined;
      total += sub * count;
    }
    return total;
  }
  return undefined;
}

/** True when an object ('O') dtype appears anywhere in descr: the body is then a pickle. */
export function hasObjectDtype(descr: PyLit): boolean {
  if (typeof descr === 'string') return /^[<>|=]?O\d*$/.test(descr);
  if (Array.isArray(descr)) return descr.some((d) => hasObjectDtype(d));
  return false;
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

  function* parse(): Parser {
    const pre = yield { read: 10 };
    if (!pre) return invalid('truncated before the header', 0);
    const major = pre[6] as number;
    let hlen: number;
    let start: number;
    if (major === 1) { hlen = u16le(pre, 8); start = 10; }
    else if (major === 2 || major === 3) {
      const more = yield { read: 2 };
      if (!more) return invalid('truncated before the header', 10);
      hlen = u32le(Uint8Array.of(pre[8] as number, pre[9] as number, more[0] as number, more[1] as number), 0);
      start = 12;
    } else return invalid(`unknown format version ${major}.${pre[7]}`, 6);
    if (hlen > limits.maxHeaderBytes) return invalid(`header length ${hlen} is too large`, 8);
    const hb = yield { read: hlen };
    if (!hb) return invalid('truncated inside the header', start);
    const text = major === 3 ? new TextDecoder().decode(hb) : latin1(hb);
    let lit: PyLit;
    try {
      lit = parsePyLiteral(text.trim());
    } catch (err) {
      return invalid(`header is not a literal dict (${(err as Error).message})`, start);
    }
    if (typeof lit !== 'object' || lit === null || Array.isArray(lit)) return invalid('header is not a dict', start);
    const { descr, fortran_order: fo, shape } = lit;
    if (descr === undefined || typeof fo !== 'boolean' || !Array.isArray(shape) || !shape.every((d) => typeof d === 'bigint' && d >= 0n)) {
      return invalid(`header must have descr, fortran_order and a shape of non-negative integers: ${text.trim().slice(0, 120)}`, start);
    }
    const extra = Object.keys(lit).filter((k) => !['descr', 'fortran_order', 'shape'].includes(k));
    if (extra.length) invalid(`header has unexpected keys ${extra.join(', ')}`, start);
    const bodyAt = start + hlen;
    details.numpy = { descr: JSON.stringify(descr, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)), shape: shape.map(Number), object: hasObjectDtype(descr) };
    if (hasObjectDtype(descr)) {
      // Informational: the pickle that follows is judged by the pickle scanner on what it imports and calls.
      findings.push(finding('numpy.object-dtype', 'info',
        'Object-dtype array: its data is a pickle, loaded only with allow_pickle=True (scanned as a pickle)', { file: ctx.path, offset: base + bodyAt }));
      pickle = createPickleScanner({ path: ctx.path, baseOffset: base + bodyAt, mode: 'plain', ...(opts.allow ? { allow: opts.allow } : {}), depth: opts.depth ?? 0 });
      const end = yield { rest: (c) => pickle?.push(c) };
      void end;
      return;
    }
    const size = itemSize(descr);
    let count = 1n;
    for (const d of shape as bigint[]) count *= d;
    if (size === undefined) {
      details.numpyUnsizedBody = true;
      yield { rest: () => undefined };
      return;
    }
    const body = count * BigInt(size);
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
