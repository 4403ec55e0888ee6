// Arguments of the text opcodes (protocol 0), parsed the way the C unpickler parses them. Lines arrive without
// their trailing '\n', as latin1 strings (one char per byte).

function pyIntLiteral(t: string, base0: boolean): bigint | null {
  // Python int() syntax: whitespace, sign, underscores between digits, 0x/0o/0b prefixes when base 0.
  const s = t.trim();
  const m = /^([+-]?)(.*)$/s.exec(s);
  if (!m) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  let body = m[2] ?? '';
  let radix = 10;
  if (base0 && /^0[xX]/.test(body)) { radix = 16; body = body.slice(2).replace(/^_/, ''); }
  else if (base0 && /^0[oO]/.test(body)) { radix = 8; body = body.slice(2).replace(/^_/, ''); }
  else if (base0 && /^0[bB]/.test(body)) { radix = 2; body = body.slice(2).replace(/^_/, ''); }
  if (body === '' || body.startsWith('_') || body.endsWith('_') || body.includes('__')) return null;
  body = body.replace(/_/g, '');
  const digits = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : radix === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return null;
  // Base 0 forbids leading zeros on a non-zero decimal ("010"), as Python does.
  if (base0 && radix === 10 && body.length > 1 && body.startsWith('0') && /[1-9]/.test(body)) return null;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  return sign * BigInt(prefix + body);
}

/** C strtol(s, &end, 0): leading space, sign, 0x hex, leading-0 octal, decimal; null unless it uses the whole line. */
function strtol0(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const d = m[2] ?? '0';
  if (/^0[xX]/.test(d)) return sign * BigInt(d);
  if (d.startsWith('0')) return sign * (d.length > 1 ? BigInt(`0o${d.slice(1)}`) : 0n);
  return sign * BigInt(d);
}

export type IntValue = number | bigint | boolean;

function small(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** INT: "00"/"01" are False/True; otherwise strtol base 0, then Python's int(s, 0). Null when both reject it. */
export function parseIntLine(line: string): IntValue | null {
  if (line.length < 1) return null;
  const v = strtol0(line) ?? pyIntLiteral(line, true);
  if (v === null) return null;
  if (line.length === 2 && (v === 0n || v === 1n)) return v === 1n;
  return small(v);
}

/** LONG: Python's int(s, 0) after dropping one trailing 'L'. */
export function parseLongLine(line: string): number | bigint | null {
  const s = line.endsWith('L') ? line.slice(0, -1) : line;
  const v = pyIntLiteral(s, true);
  return v === null ? null : small(v);
}

/** GET/PUT keys: Python's int(s, 10). */
export function parseMemoKey(line: string): number | null {
  const v = pyIntLiteral(line, false);
  if (v === null || v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return null;
  return Number(v);
}

/** FLOAT: anything C's string-to-double takes; only validity matters to the scanner. */
export function isFloatLine(line: string): boolean {
  const s = line.trim();
  return /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)$/i.test(s.replace(/_/g, ''));
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': ''
};

/** STRING: a quoted Python 2 str repr → its bytes as a latin1 string; null when not quoted or a bad \x escape. */
export function parseStringLine(line: string): string | null {
  if (line.length < 2) return null;
  const q = line[0];
  if ((q !== "'" && q !== '"') || line[line.length - 1] !== q) return null;
  const body = line.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') { out += c; continue; }
    const e = body[i + 1];
    if (e === undefined) return null; // trailing backslash: "Trailing \ in string"
    if (SIMPLE_ESCAPES[e] !== undefined) { out += SIMPLE_ESCAPES[e]; i++; continue; }
    if (e === 'x') {
      const h = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
      out += String.fromCharCode(parseInt(h, 16)); i += 3; continue;
    }
    if (/[0-7]/.test(e)) {
      const o = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? '0';
      out += String.fromCharCode(parseInt(o, 8) & 0xff); i += o.length; continue;
    }
    out += `\\${e}`; i++; // unknown escapes stay as they are
  }
  return out;
}

/** UNICODE: raw-unicode-escape — only \u plus 4 hex digits and \U plus 8 are escapes; other bytes are latin1 code points. */
export function parseUnicodeLine(line: string): string | null {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === '\\') {
      // An odd run of backslashes before u/U starts an escape.
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
      continue;
    }
    out += c;
  }
  return out;
}
