// JSON parsers for the documents loaders act on, in the dialect of the loader that reads them:
// - 'serde' (default): RFC 8259 as Rust's serde_json reads it (safetensors headers): no NaN, no lone surrogates,
//   nesting capped at serde_json's recursion limit of 128.
// - 'python': as CPython's json.loads (the C scanner, Modules/_json.c) reads it: NaN, Infinity and -Infinity are
//   numbers, \u escapes may leave lone surrogates, duplicate keys keep the last value, integers are exact.
// Both are iterative (an explicit stack), so nesting costs memory linear in the document and never the call stack.
// Integers stay exact (bigint); duplicate keys are reported instead of silently overwritten.

export type Json = null | boolean | number | bigint | string | Json[] | JsonObject;
export interface JsonObject { [key: string]: Json }

export type JsonDialect = 'serde' | 'python';

export interface JsonParse {
  value: Json;
  /** Paths (`a.b`) of keys that appeared more than once in the same object; the last value is kept. */
  duplicates: string[];
  /** The subset of `duplicates` whose values differ: a first-wins reader sees something else than a last-wins one. */
  conflicts: string[];
}

export class JsonError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at character ${offset}`);
  }
}

class Literal {
  constructor(readonly text: string) {}
}

const OPEN_OBJ = Symbol('{');
const OPEN_ARR = Symbol('[');

/** serde_json's default recursion limit. */
const SERDE_MAX_DEPTH = 128;

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A canonical rendering for comparing two values (duplicate keys with different values); iterative. */
export function canonicalJson(v: Json): string {
  const out: string[] = [];
  const stack: (Json | Literal)[] = [v];
  while (stack.length > 0) {
    const x = stack.pop() as Json | Literal;
    if (x instanceof Literal) out.push(x.text);
    else if (x === null || typeof x === 'boolean' || typeof x === 'string') out.push(JSON.stringify(x));
    else if (typeof x === 'bigint') out.push(`${x}`);
    else if (typeof x === 'number') out.push(Number.isNaN(x) ? 'NaN' : `${x}f`);
    else if (Array.isArray(x)) {
      out.push('[');
      stack.push(new Literal(']'));
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push(x[i] as Json);
        if (i > 0) stack.push(new Literal(','));
      }
    } else {
      out.push('{');
      stack.push(new Literal('}'));
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push(x[k] as Json);
        stack.push(new Literal(`${JSON.stringify(k)}:`));
        if (i > 0) stack.push(new Literal(','));
      }
    }
  }
  return out.join('');
}

interface Frame {
  container: Json[] | JsonObject;
  /** The key whose value is being parsed (objects). */
  key?: string;
  /** Position in the parent (for paths): a key or an index. */
  at: string | number;
}

export function parseJson(text: string, dialect: JsonDialect = 'serde'): JsonParse {
  const python = dialect === 'python';
  let i = 0;
  const duplicates: string[] = [];
  const conflicts: string[] = [];
  const n = text.length;
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
  const hex4 = (): number => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (d < 0) fail('invalid \\u escape');
      v = v * 16 + d;
    }
    i += 4;
    return v;
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) fail('unterminated string');
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
            const u = hex4();
            if (u >= 0xd800 && u <= 0xdbff) {
              // Python pairs a following \uDC00-\uDFFF escape and otherwise keeps the lone surrogate; serde refuses.
              if (text[i] === '\\' && text[i + 1] === 'u') {
                const save = i;
                i += 2;
                const lo = hex4();
                if (lo >= 0xdc00 && lo <= 0xdfff) out += String.fromCharCode(u, lo);
                else if (python) {
                  i = save;
                  out += String.fromCharCode(u);
                } else fail('invalid trailing surrogate');
              } else if (python) out += String.fromCharCode(u);
              else fail('lone leading surrogate');
            } else if (u >= 0xdc00 && u <= 0xdfff && !python) fail('lone trailing surrogate');
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
  const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
  const num = (): number | bigint => {
    const s = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (python && text.startsWith('Infinity', i)) {
      i += 8;
      return text.charCodeAt(s) === 0x2d ? -Infinity : Infinity;
    }
    const c0 = text.charCodeAt(i);
    if (c0 === 0x30) i++;
    else if (c0 >= 0x31 && c0 <= 0x39) while (isDigit(text.charCodeAt(i))) i++;
    else {
      i = s;
      return fail('invalid value');
    }
    let float = false;
    if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
      float = true;
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      if (isDigit(text.charCodeAt(j))) {
        float = true;
        i = j;
        while (isDigit(text.charCodeAt(i))) i++;
      }
    }
    const lit = text.slice(s, i);
    return float ? Number(lit) : BigInt(lit);
  };
  /** A scalar value, or the container it opens (pushed by the caller). */
  const scalar = (): Json | typeof OPEN_OBJ | typeof OPEN_ARR => {
    const c = text.charCodeAt(i);
    if (c === 0x7b) { i++; return OPEN_OBJ; }
    if (c === 0x5b) { i++; return OPEN_ARR; }
    if (c === 0x22) return str();
    if (c === 0x74 && text.startsWith('true', i)) { i += 4; return true; }
    if (c === 0x66 && text.startsWith('false', i)) { i += 5; return false; }
    if (c === 0x6e && text.startsWith('null', i)) { i += 4; return null; }
    if (python && c === 0x4e && text.startsWith('NaN', i)) { i += 3; return NaN; }
    if (python && c === 0x49 && text.startsWith('Infinity', i)) { i += 8; return Infinity; }
    if (c === 0x2d || isDigit(c)) return num();
    return fail('invalid value');
  };

  const stack: Frame[] = [];
  const pathOf = (key: string): string => {
    let p = '';
    for (let k = 1; k < stack.length; k++) {
      const at = (stack[k] as Frame).at;
      p = typeof at === 'number' ? `${p}[${at}]` : p ? `${p}.${at}` : at;
    }
    return p ? `${p}.${key}` : key;
  };
  /** Stores a finished value into the innermost container. */
  const store = (v: Json): void => {
    const top = stack[stack.length - 1] as Frame;
    if (Array.isArray(top.container)) {
      top.container.push(v);
      return;
    }
    const k = top.key as string;
    const obj = top.container;
    if (Object.prototype.hasOwnProperty.call(obj, k)) {
      const p = pathOf(k);
      duplicates.push(p);
      if (canonicalJson(obj[k] as Json) !== canonicalJson(v)) conflicts.push(p);
    }
    obj[k] = v;
  };

  let result: Json | undefined;
  let done = false;
  // `pending` holds a value to place; containers are opened by pushing a frame and closed by popping it.
  ws();
  let first = scalar();
  const open = (kind: typeof OPEN_OBJ | typeof OPEN_ARR, at: string | number): void => {
    if (!python && stack.length >= SERDE_MAX_DEPTH) fail('nesting too deep');
    const container: Json[] | JsonObject = kind === OPEN_ARR ? [] : (Object.create(null) as JsonObject);
    stack.push({ container, at });
  };
  const finish = (v: Json): void => {
    if (stack.length === 0) {
      result = v;
      done = true;
    } else store(v);
  };
  if (first === OPEN_OBJ || first === OPEN_ARR) open(first, '');
  else finish(first);
  // After opening a container: expect its first element or its end. After a value: ',' or the end.
  let afterOpen = stack.length > 0;
  while (!done) {
    const top = stack[stack.length - 1] as Frame;
    const isArr = Array.isArray(top.container);
    ws();
    if (afterOpen) {
      afterOpen = false;
      const c = text.charCodeAt(i);
      if (c === (isArr ? 0x5d : 0x7d)) {
        i++;
        stack.pop();
        finish(top.container);
        continue;
      }
    } else {
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        ws();
      } else if (c === (isArr ? 0x5d : 0x7d)) {
        i++;
        stack.pop();
        finish(top.container);
        continue;
      } else fail(isArr ? "expected ',' or ']'" : "expected ',' or '}'");
    }
    // The next element.
    let at: string | number;
    if (isArr) at = (top.container as Json[]).length;
    else {
      if (text.charCodeAt(i) !== 0x22) fail('expected a key');
      const k = str();
      ws();
      if (text.charCodeAt(i) !== 0x3a) fail("expected ':'");
      i++;
      ws();
      top.key = k;
      at = k;
    }
    first = scalar();
    if (first === OPEN_OBJ || first === OPEN_ARR) {
      open(first, at);
      afterOpen = true;
    } else store(first);
  }
  ws();
  if (i !== n) fail('trailing characters');
  return { value: result as Json, duplicates, conflicts };
}
