// Python's two string formatting languages, as far as a chat template can use them: `%` (Jinja's `|format` filter
// and the `%` operator) and str.format. str.format field names walk attributes (`{0.__class__}`): it is how the
// Jinja sandbox was escaped (CVE-2016-10745, CVE-2019-10906, CVE-2024-56326, CVE-2025-27516), so its fields are
// parsed the way CPython's formatter_parser reads them. Small hand-written scanners: linear in the format string.
import { isDict, isInt, isList, pyRepr, pyStr, type Py } from './values.js';

export interface FormatField {
  /** The argument: '' (automatic numbering), a number, or a keyword name. */
  arg: string;
  /** What the field name walks after the argument: `.name` attributes and `[key]` items, in order. */
  path: { attr?: string; item?: string }[];
  conversion?: string;
  spec: string;
}

/** The replacement fields of a str.format string, or undefined when CPython would reject it (ValueError). */
export function formatFields(s: string): { fields: FormatField[]; literals: string[] } | undefined {
  const fields: FormatField[] = [];
  const literals: string[] = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '}') {
      if (s[i + 1] !== '}') return undefined;
      lit += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      lit += c;
      i++;
      continue;
    }
    if (s[i + 1] === '{') {
      lit += '{';
      i += 2;
      continue;
    }
    // A field runs to its matching brace; braces nest one level inside the spec.
    let depth = 1;
    let j = i + 1;
    while (j < s.length && depth > 0) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth !== 0) return undefined;
    const body = s.slice(i + 1, j);
    const f = parseField(body);
    if (!f) return undefined;
    literals.push(lit);
    lit = '';
    fields.push(f);
    // Nested fields in the spec are fields too (CPython formats them first).
    if (f.spec.includes('{')) {
      const nested = formatFields(f.spec);
      if (!nested) return undefined;
      fields.push(...nested.fields);
    }
    i = j + 1;
  }
  literals.push(lit);
  return { fields, literals };
}

function parseField(body: string): FormatField | undefined {
  // field_name ends at the first '!' or ':' outside brackets.
  let k = 0;
  let inBracket = false;
  for (; k < body.length; k++) {
    const c = body[k];
    if (c === '[') inBracket = true;
    else if (c === ']') inBracket = false;
    else if (!inBracket && (c === '!' || c === ':')) break;
  }
  const name = body.slice(0, k);
  let conversion: string | undefined;
  let spec = '';
  if (body[k] === '!') {
    conversion = body[k + 1];
    if (conversion === undefined || !'rsa'.includes(conversion)) return undefined;
    if (k + 2 < body.length && body[k + 2] !== ':') return undefined;
    spec = body.slice(k + 3);
  } else if (body[k] === ':') spec = body.slice(k + 1);
  // arg_name runs to the first '.' or '['; then `.attr` and `[item]` parts.
  let p = 0;
  while (p < name.length && name[p] !== '.' && name[p] !== '[') p++;
  const arg = name.slice(0, p);
  const path: FormatField['path'] = [];
  while (p < name.length) {
    if (name[p] === '.') {
      let q = p + 1;
      while (q < name.length && name[q] !== '.' && name[q] !== '[') q++;
      const attr = name.slice(p + 1, q);
      if (attr === '') return undefined;
      path.push({ attr });
      p = q;
    } else if (name[p] === '[') {
      const q = name.indexOf(']', p + 1);
      if (q < 0) return undefined;
      const item = name.slice(p + 1, q);
      if (item === '') return undefined;
      path.push({ item });
      p = q + 1;
      if (p < name.length && name[p] !== '.' && name[p] !== '[') return undefined;
    } else return undefined;
  }
  const out: FormatField = { arg, path, spec };
  if (conversion !== undefined) out.conversion = conversion;
  return out;
}

/** str.format over constants, for fields without walks, conversions other than s/r, or specs; else undefined. */
export function strFormat(s: string, args: Py[], kwargs: Map<string, Py>): string | undefined {
  const parsed = formatFields(s);
  if (!parsed) return undefined;
  let out = parsed.literals[0] ?? '';
  let auto = 0;
  for (let n = 0; n < parsed.fields.length; n++) {
    const f = parsed.fields[n] as FormatField;
    if (f.path.length > 0 || f.spec !== '') return undefined;
    const v = f.arg === '' ? args[auto++] : /^\d+$/.test(f.arg) ? args[Number(f.arg)] : kwargs.get(f.arg);
    if (v === undefined) return undefined;
    const text = f.conversion === 'r' ? pyRepr(v) : f.conversion === 'a' ? undefined : pyStr(v);
    if (text === undefined) return undefined;
    out += text + (parsed.literals[n + 1] ?? '');
  }
  return out;
}

/** `fmt % args` for the conversions a name could be spelled with; undefined when not followed exactly. */
export function percentFormat(fmt: string, arg: Py): string | undefined {
  const tuple = isList(arg) && arg.tuple ? arg.list : [arg];
  const mapping = isDict(arg) ? arg : undefined;
  let used = 0;
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    let v: Py | undefined;
    if (fmt[i] === '(') {
      const close = fmt.indexOf(')', i);
      if (close < 0 || !mapping) return undefined;
      const key = fmt.slice(i + 1, close);
      v = mapping.dict.find(([k]) => k === key)?.[1];
      if (v === undefined) return undefined;
      i = close + 1;
    }
    let flags = '';
    while (i < fmt.length && '-+ #0'.includes(fmt[i] as string)) flags += fmt[i++];
    let width = '';
    while (i < fmt.length && (fmt[i] as string) >= '0' && (fmt[i] as string) <= '9') width += fmt[i++];
    if (fmt[i] === '.') return undefined; // precision: not needed to spell a name; not followed
    const conv = fmt[i++];
    if (conv === undefined) return undefined;
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (v === undefined) {
      if (mapping) return undefined;
      v = tuple[used++];
      if (v === undefined) return undefined;
    }
    let text: string | undefined;
    if (conv === 's') text = pyStr(v);
    else if (conv === 'r') text = pyRepr(v);
    else if (conv === 'd' || conv === 'i' || conv === 'u') text = isInt(v) ? String(v) : undefined;
    else if (conv === 'c') text = isInt(v) && v >= 0 && v <= 0x10ffff ? String.fromCodePoint(v) : typeof v === 'string' && [...v].length === 1 ? v : undefined;
    else if (conv === 'x' || conv === 'X' || conv === 'o') text = isInt(v) ? (conv === 'o' ? v.toString(8) : conv === 'x' ? v.toString(16) : v.toString(16).toUpperCase()) : undefined;
    if (text === undefined) return undefined;
    const w = width === '' ? 0 : Number(width);
    if (w > 4096) return undefined;
    if (text.length < w) text = flags.includes('-') ? text.padEnd(w) : text.padStart(w, flags.includes('0') && conv !== 's' && conv !== 'c' ? '0' : ' ');
    out += text;
  }
  if (!mapping && used !== tuple.length) return undefined; // CPython: not all arguments converted
  return out;
}
