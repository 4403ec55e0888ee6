// Arguments of the text opcodes (protocol 0), parsed exactly as CPython parses them. Lines arrive without their
// trailing '\n', as latin1 strings (one char per byte). Two readers exist and they disagree: the C unpickler
// (Modules/_pickle.c: strtol, PyLong_FromString and PyOS_string_to_double on a NUL-terminated copy of the line)
// behind pickle.load and torch.load, and the pure-Python one (Lib/pickle.py: int(), float() on the bytes) that
// joblib.load uses. `py` selects the second. Each parser returns null where that reader raises.

export type IntValue = number | bigint | boolean;

/** CPython's Py_ISSPACE: the ASCII whitespace int() and float() strip. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\x0b' || c === '\x0c';
}

/** The line as C code sees it: up to the first NUL. */
function cString(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

function small(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** int()'s limit on decimal digits (sys.int_info.default_max_str_digits, Python 3.11+); other bases are exempt. */
const MAX_STR_DIGITS = 4300;

const DIGITS: Readonly<Record<number, RegExp>> = { 2: /^[01]$/, 8: /^[0-7]$/, 10: /^[0-9]$/, 16: /^[0-9a-fA-F]$/ };

/**
 * PyLong_FromString(s, NULL, base) over the whole of `s`: whitespace, sign, a 0x/0o/0b prefix when base is 0 (an
 * underscore may follow it), digits with single underscores between them, whitespace, end. Base 0 refuses leading
 * zeros on a non-zero decimal ("010"); base 10 takes them.
 */
export function pyLong(s: string, base: 0 | 10): bigint | null {
  let i = 0;
  const n = s.length;
  while (i < n && isSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  let radix = 10;
  if (base === 0 && s[i] === '0' && /[xXoObB]/.test(s[i + 1] ?? '')) {
    const p = (s[i + 1] as string).toLowerCase();
    radix = p === 'x' ? 16 : p === 'o' ? 8 : 2;
    i += 2;
    if (s[i] === '_') i++;
  }
  const digitRe = DIGITS[radix] as RegExp;
  let digits = '';
  let lastUnderscore = false;
  for (; i < n; i++) {
    const c = s[i] as string;
    if (c === '_') {
      if (lastUnderscore || digits === '') return null;
      lastUnderscore = true;
      continue;
    }
    if (!digitRe.test(c)) break;
    digits += c;
    lastUnderscore = false;
  }
  if (digits === '' || lastUnderscore) return null;
  while (i < n && isSpace(s[i])) i++;
  if (i !== n) return null;
  if (base === 0 && radix === 10 && digits.length > 1 && digits[0] === '0' && /[1-9]/.test(digits)) return null;
  if (radix === 10 && digits.length > MAX_STR_DIGITS) return null;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

const LONG_MAX = (1n << 63n) - 1n;

/** glibc strtol(s, &end, 0): value, where it stopped, and whether it overflowed a C long. */
function strtol0(s: string): { v: bigint; end: number; range: boolean } {
  let i = 0;
  while (i < s.length && isSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  let radix = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) { radix = 16; i += 2; }
  else if (s[i] === '0') radix = 8;
  const re = DIGITS[radix] as RegExp;
  const start = i;
  while (i < s.length && re.test(s[i] as string)) i++;
  if (i === start) return { v: 0n, end: 0, range: false }; // no conversion: end is the start of the string
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : '';
  const mag = BigInt(prefix + s.slice(start, i));
  const v = neg ? -mag : mag;
  return { v, end: i, range: v > LONG_MAX || v < -LONG_MAX - 1n };
}

/**
 * INT. C: strtol base 0 on the line, accepted when it stops at the newline or a NUL ("00"/"01" and any other
 * two-character 0 or 1 are bools); otherwise PyLong_FromString base 0 on the line up to a NUL. Python: the exact
 * lines "00" and "01" are bools, anything else int(line, 0) (a NUL anywhere is an error).
 */
export function intArg(line: string, py: boolean): IntValue | null {
  if (py) {
    if (line === '00') return false;
    if (line === '01') return true;
    if (line.includes('\0')) return null;
    const v = pyLong(`${line}\n`, 0);
    return v === null ? null : small(v);
  }
  if (line.length < 1) return null;
  const r = strtol0(line);
  const stop = r.end === line.length || line[r.end] === '\0';
  if (!r.range && stop) {
    if (line.length === 2 && (r.v === 0n || r.v === 1n)) return r.v === 1n;
    return small(r.v);
  }
  const v = pyLong(cString(`${line}\n`), 0);
  return v === null ? null : small(v);
}

/** LONG: one trailing 'L' dropped, then base-0 int syntax (C: up to a NUL; Python: a NUL is an error). */
export function longArg(line: string, py: boolean): number | bigint | null {
  if (line.length < 1 && !py) return null;
  const body = line.endsWith('L') ? line.slice(0, -1) : `${line}\n`;
  if (py && line.includes('\0')) return null;
  const v = pyLong(py ? body : cString(body), 0);
  return v === null ? null : small(v);
}

/** GET/PUT: base-10 int syntax, C up to a NUL (and within a Py_ssize_t), Python with a NUL an error. */
export function memoKeyArg(line: string, py: boolean): number | null {
  if (line.length < 1 && !py) return null;
  if (py && line.includes('\0')) return null;
  const v = pyLong(py ? line : cString(`${line}\n`), 10);
  // The C memo is an array indexed by Py_ssize_t; Python's is a dict that takes any int.
  if (v === null || (!py && (v > LONG_MAX || v < -LONG_MAX - 1n))) return null;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v > 0n ? Number.MAX_SAFE_INTEGER : -1;
  return Number(v);
}

const FLOAT_BODY = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i;

/**
 * FLOAT. C: PyOS_string_to_double with no leading space, no underscores, overflow an error, and the parse must
 * stop at the newline or a NUL. Python: float() on the bytes — surrounding whitespace, underscores between
 * digits, overflow to inf, a NUL an error.
 */
export function floatArg(line: string, py: boolean): boolean {
  if (py) {
    if (line.includes('\0')) return false;
    let t = line;
    if (t.includes('_')) {
      // An underscore must sit between two digits; then they are dropped.
      for (let i = 0; i < t.length; i++) if (t[i] === '_' && !(/[0-9]/.test(t[i - 1] ?? '') && /[0-9]/.test(t[i + 1] ?? ''))) return false;
      t = t.replace(/_/g, '');
    }
    let a = 0;
    let b = t.length;
    while (a < b && isSpace(t[a])) a++;
    while (b > a && isSpace(t[b - 1])) b--;
    t = t.slice(a, b);
    const m = FLOAT_BODY.exec(t);
    return m !== null && m[0].length === t.length;
  }
  if (line.length < 1) return false;
  const s = cString(line);
  const m = FLOAT_BODY.exec(s);
  if (!m || m[0].length !== s.length) return false;
  return /inf|nan/i.test(m[0]) || Number.isFinite(Number(m[0]));
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': ''
};

/** STRING: quoted, then PyBytes_DecodeEscape — the bytes as a latin1 string; null where CPython raises. */
export function stringArg(line: string): string | null {
  if (line.length < 2) return null;
  const q = line[0];
  if ((q !== "'" && q !== '"') || line[line.length - 1] !== q) return null;
  const body = line.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') { out += c; continue; }
    const e = body[i + 1];
    if (e === undefined) return null; // "Trailing \ in string"
    if (SIMPLE_ESCAPES[e] !== undefined) { out += SIMPLE_ESCAPES[e]; i++; continue; }
    if (e === 'x') {
      const h = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null; // "invalid \x escape"
      out += String.fromCharCode(parseInt(h, 16)); i += 3; continue;
    }
    if (e >= '0' && e <= '7') {
      const o = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? '0';
      out += String.fromCharCode(parseInt(o, 8) & 0xff); i += o.length; continue;
    }
    out += `\\${e}`; i++; // an unknown escape stays as it is (a DeprecationWarning, not an error)
  }
  return out;
}

/** The UNICODE opcode's argument is raw-unicode-escape — \uXXXX and \UXXXXXXXX after an odd run of backslashes; other bytes are code points. */
export function unicodeArg(line: string): string | null {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c !== '\\') { out += c; continue; }
    let run = 1;
    while (line[i + run] === '\\') run++;
    const next = line[i + run];
    if ((next === 'u' || next === 'U') && run % 2 === 1) {
      out += '\\'.repeat(run - 1);
      const n = next === 'u' ? 4 : 8;
      const h = line.slice(i + run + 1, i + run + 1 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return null;
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff) return null;
      out += String.fromCodePoint(cp);
      i += run + n;
      continue;
    }
    out += '\\'.repeat(run);
    i += run - 1;
  }
  return out;
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/** GLOBAL's module and name lines: UTF-8, strictly, and not empty; null where CPython raises. */
export function globalLine(buf: Uint8Array, s: number, e: number): string | null {
  if (e <= s) return null;
  let ascii = true;
  for (let i = s; i < e; i++) if ((buf[i] as number) >= 0x80) { ascii = false; break; }
  if (ascii) return latin1Of(buf, s, e);
  try {
    return UTF8_STRICT.decode(buf.subarray(s, e));
  } catch {
    return null;
  }
}

/** INST's lines: ASCII only, not empty. */
export function instLine(buf: Uint8Array, s: number, e: number): string | null {
  if (e <= s) return null;
  for (let i = s; i < e; i++) if ((buf[i] as number) >= 0x80) return null;
  return latin1Of(buf, s, e);
}

function latin1Of(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}
