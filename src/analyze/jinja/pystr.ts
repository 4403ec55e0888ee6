// The few Python str behaviours string building in templates relies on, where JavaScript's differ: whitespace for
// strip()/split() (str.isspace), code-point reversal, markupsafe's escape, and json.dumps as transformers' tojson
// calls it (ensure_ascii=False). Character scanners, linear in their input.
import { isDict, isInt, isList, isUnknown, type Py } from './values.js';

/** str.isspace() for one code point. */
export function pySpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** str.strip / lstrip / rstrip, with Python's whitespace or the given characters. */
export function pyStrip(s: string, chars: string | null, mode: 'both' | 'left' | 'right'): string {
  const cps = [...s];
  const set = chars === null ? undefined : new Set([...chars]);
  const strip = (ch: string): boolean => (set ? set.has(ch) : pySpace(ch.codePointAt(0) as number));
  let a = 0;
  let b = cps.length;
  if (mode !== 'right') while (a < b && strip(cps[a] as string)) a++;
  if (mode !== 'left') while (b > a && strip(cps[b - 1] as string)) b--;
  return cps.slice(a, b).join('');
}

/** str.split(sep, maxsplit) and str.split() (runs of whitespace). */
export function pySplit(s: string, sep: string | null, maxsplit: number): string[] | undefined {
  const out: string[] = [];
  if (sep === null) {
    const cps = [...s];
    let i = 0;
    while (i < cps.length) {
      while (i < cps.length && pySpace((cps[i] as string).codePointAt(0) as number)) i++;
      if (i >= cps.length) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(pyStrip(cps.slice(i).join(''), null, 'right'));
        return out;
      }
      let j = i;
      while (j < cps.length && !pySpace((cps[j] as string).codePointAt(0) as number)) j++;
      out.push(cps.slice(i, j).join(''));
      i = j;
    }
    return out;
  }
  if (sep === '') return undefined; // ValueError: empty separator
  let from = 0;
  for (;;) {
    const at = maxsplit >= 0 && out.length === maxsplit ? -1 : s.indexOf(sep, from);
    if (at < 0) {
      out.push(s.slice(from));
      return out;
    }
    out.push(s.slice(from, at));
    from = at + sep.length;
  }
}

/** Code-point reversal (Python reverses code points; JavaScript's split('') would break surrogate pairs). */
export function pyReverse(s: string): string {
  return [...s].reverse().join('');
}

/** markupsafe.escape of a plain string. */
export function htmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&#34;' : ch === "'" ? '&#39;' : ch;
  }
  return out;
}

/** json.dumps(v, ensure_ascii=False) for constants, or undefined. */
export function jsonDumps(v: Py): string | undefined {
  if (typeof v === 'string') {
    let out = '"';
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      const ch = v[i] as string;
      if (ch === '"') out += '\\"';
      else if (ch === '\\') out += '\\\\';
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\b') out += '\\b';
      else if (ch === '\f') out += '\\f';
      else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
      else out += ch;
    }
    return `${out}"`;
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (isInt(v)) return String(v);
  if (isUnknown(v) || typeof v === 'number') return undefined;
  if (isList(v)) {
    const parts = v.list.map(jsonDumps);
    return parts.some((p) => p === undefined) ? undefined : `[${parts.join(', ')}]`;
  }
  if (isDict(v)) {
    const parts = v.dict.map(([k, x]) => {
      const key = typeof k === 'string' ? k : typeof k === 'boolean' ? (k ? 'true' : 'false') : k === null ? 'null' : isInt(k) ? String(k) : undefined;
      const val = jsonDumps(x);
      return key === undefined || val === undefined ? undefined : `${jsonDumps(key)}: ${val}`;
    });
    return parts.some((p) => p === undefined) ? undefined : `{${parts.join(', ')}}`;
  }
  return undefined;
}
