// A strict JSON parser (RFC 8259, as serde_json reads it) for headers and configs inside model files:
// integers stay exact (bigint), duplicate keys are reported instead of silently overwritten, depth is capped.
// With `python: true` it reads what Python's json.loads accepts as well (transformers loads configs with it):
// NaN, Infinity and -Infinity, lone surrogates in \u escapes, numbers of any length, nesting to Python's limit.

export type Json = null | boolean | number | bigint | string | Json[] | JsonObject;
export interface JsonObject { [key: string]: Json }

export interface JsonParse {
  value: Json;
  /** Paths (`a.b`) of keys that appeared more than once in the same object; the last value is kept. */
  duplicates: string[];
}

export class JsonError extends Error {
  constructor(message: string, readonly offset: number, readonly limit = false) {
    super(`${message} at character ${offset}`);
  }
}

const MAX_DEPTH = 128;
/** Python's json nests until the interpreter's recursion limit (1000 by default); deeper is a limit, not an error. */
const PYTHON_MAX_DEPTH = 1100;

export interface JsonOptions {
  /** Accept what Python's json module accepts beyond RFC 8259. */
  python?: boolean;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJson(text: string, opts: JsonOptions = {}): JsonParse {
  const python = opts.python === true;
  let i = 0;
  const duplicates: string[] = [];
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else return;
    }
  };
  const fail = (msg: string): never => {
    throw new JsonError(msg, i);
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex4 = (): number => {
              const h = text.slice(i, i + 4);
              if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('invalid \\u escape');
              i += 4;
              return parseInt(h, 16);
            };
            const u = hex4();
            if (python) {
              // Python pairs a high surrogate with a following \uDC00-\uDFFF escape and keeps lone ones as they are.
              out += String.fromCharCode(u);
              break;
            }
            if (u >= 0xd800 && u <= 0xdbff) {
              if (text[i] !== '\\' || text[i + 1] !== 'u') fail('lone leading surrogate');
              i += 2;
              const lo = hex4();
              if (lo < 0xdc00 || lo > 0xdfff) fail('invalid trailing surrogate');
              out += String.fromCharCode(u, lo);
            } else if (u >= 0xdc00 && u <= 0xdfff) fail('lone trailing surrogate');
            else out += String.fromCharCode(u);
            break;
          }
          default: fail('invalid escape');
        }
        start = i;
        continue;
      }
      i++;
    }
  };
  const digits = (): number => {
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i - start;
  };
  const pyNum = (): number | bigint => {
    // json.scanner's NUMBER_RE, scanned by hand: numbers of any length (Python has no 400-character window).
    const start = i;
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (digits() === 0) return fail('invalid number');
    let int = true;
    if (text[i] === '.' && text.charCodeAt(i + 1) >= 0x30 && text.charCodeAt(i + 1) <= 0x39) {
      i++;
      digits();
      int = false;
    }
    if ((text[i] === 'e' || text[i] === 'E')) {
      const save = i;
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (digits() === 0) i = save;
      else int = false;
    }
    const t = text.slice(start, i);
    return int ? BigInt(t) : Number(t);
  };
  const num = (): number | bigint => {
    if (python) {
      if (text.startsWith('NaN', i)) { i += 3; return NaN; }
      if (text.startsWith('Infinity', i)) { i += 8; return Infinity; }
      if (text.startsWith('-Infinity', i)) { i += 9; return -Infinity; }
      return pyNum();
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('invalid number');
    i += m[0].length;
    return m[2] === undefined && m[3] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const value = (depth: number, path: string): Json => {
    if (depth > (python ? PYTHON_MAX_DEPTH : MAX_DEPTH)) {
      if (python) throw new JsonError('nesting deeper than this parser follows', i, true);
      fail('nesting too deep');
    }
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: JsonObject = Object.create(null) as JsonObject;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const k = str();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        const p = path ? `${path}.${k}` : k;
        const v = value(depth + 1, p);
        if (seen.has(k)) duplicates.push(p);
        seen.add(k);
        obj[k] = v;
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1, `${path}[${arr.length}]`));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    return num();
  };
  const v = value(0, '');
  ws();
  if (i !== text.length) fail('trailing characters');
  return { value: v, duplicates };
}
