// What can still be said about a template the parser did not read (a syntax the parser rejects, nesting too deep,
// a budget exceeded): the template is blocked as unexamined anyway, and this scan says whether it also names
// interpreter internals, so a reviewer sees an injection as one. It splits the text into Jinja code regions the
// way Jinja's lexer does (string literals whole, `}}` inside brackets not an end), decodes string literals the way
// Jinja does (Python's unicode-escape: \x5f, \137, \u005f, \N{LOW LINE}) and looks at names and string contents.
// One pass; no regular expression runs over the template.
import type { Hit } from './hit.js';
import { codeCall, internalName, moduleName } from './names.js';

export interface LexToken { kind: 'name' | 'string' | 'op'; value: string; obfuscated?: boolean }

const isIdentStart = (c: string): boolean => c === '_' || /\p{L}/u.test(c);
const isIdentPart = (c: string): boolean => c === '_' || /[\p{L}\p{N}]/u.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
/** Characters that spell names: an escape that decodes to one of them hides a name. */
const isNameChar = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '.';

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

/** \N{…} names a name could be spelled with; anything else decodes to U+FFFD (and counts as obfuscation). */
function namedChar(name: string): string {
  const n = name.toUpperCase();
  if (n === 'LOW LINE') return '_';
  if (n === 'FULL STOP') return '.';
  if (n === 'SPACE') return ' ';
  const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(n);
  if (letter) return letter[1] === 'SMALL' ? (letter[2] as string).toLowerCase() : (letter[2] as string);
  const digits = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];
  if (n.startsWith('DIGIT ') && digits.includes(n.slice(6))) return String(digits.indexOf(n.slice(6)));
  return '\ufffd';
}

/** A string literal's body decoded as Python's unicode-escape codec decodes Jinja string literals. */
export function decodePyString(raw: string): { value: string; obfuscated: boolean } {
  let value = '';
  let obfuscated = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] as string;
    if (c !== '\\' || i + 1 >= raw.length) {
      value += c;
      i++;
      continue;
    }
    const e = raw[i + 1] as string;
    let out: string | undefined;
    let used = 2;
    if (e in SIMPLE_ESCAPES) out = SIMPLE_ESCAPES[e];
    else if (e >= '0' && e <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < raw.length && digits.length < 3 && (raw[j] as string) >= '0' && (raw[j] as string) <= '7') digits += raw[j++];
      out = String.fromCodePoint(parseInt(digits, 8));
      used = 1 + digits.length;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + len);
      if (hex.length === len && [...hex].every(isHex) && parseInt(hex, 16) <= 0x10ffff) {
        out = String.fromCodePoint(parseInt(hex, 16));
        used = 2 + len;
      }
    } else if (e === 'N' && raw[i + 2] === '{') {
      const close = raw.indexOf('}', i + 3);
      if (close > 0 && close - i < 100) {
        out = namedChar(raw.slice(i + 3, close));
        used = close + 1 - i;
        if (out === '\ufffd') obfuscated = true;
      }
    }
    if (out === undefined) {
      // Python keeps an unknown escape as it is (backslash included).
      value += c;
      i++;
      continue;
    }
    if (e !== '\\' && e !== "'" && e !== '"' && [...out].some(isNameChar)) obfuscated = true;
    value += out;
    i += used;
  }
  return { value, obfuscated };
}

/** The tokens of every Jinja code region (`{{ }}`, `{% %}`), comments and text skipped. */
export function lexCode(source: string): LexToken[] {
  const tokens: LexToken[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const open = source.indexOf('{', i);
    if (open < 0) break;
    const kind = source[open + 1];
    if (kind === '#') {
      const end = source.indexOf('#}', open + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (kind !== '{' && kind !== '%') {
      i = open + 1;
      continue;
    }
    const closer = kind === '{' ? '}}' : '%}';
    let p = open + 2;
    let depth = 0;
    while (p < n) {
      const c = source[p] as string;
      if (c === "'" || c === '"') {
        let q = p + 1;
        while (q < n && source[q] !== c) q += source[q] === '\\' ? 2 : 1;
        const { value, obfuscated } = decodePyString(source.slice(p + 1, Math.min(q, n)));
        tokens.push({ kind: 'string', value, obfuscated });
        p = q + 1;
        continue;
      }
      if (depth === 0 && source.startsWith(closer, p)) {
        p += 2;
        break;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      if (isIdentStart(c)) {
        let q = p + 1;
        while (q < n && isIdentPart(source[q] as string)) q++;
        tokens.push({ kind: 'name', value: source.slice(p, q) });
        p = q;
        continue;
      }
      if (c === '(' || c === '.' || c === '[' || c === '|') tokens.push({ kind: 'op', value: c });
      p++;
    }
    i = p;
  }
  return tokens;
}

/** Name-like pieces of a string (`'{0.__class__}'` → 0, __class__; `'a.b'` → a, b). */
function pieces(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of s) {
    if (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) cur += c;
    else {
      if (cur) out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

const SUFFIX = ' (found by a lexical scan: the template was not parsed)';

/** Findings a lexical scan can support on a template that was not parsed. */
export function lexicalHits(source: string): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const add = (severity: Hit['severity'], why: string, evidence: string, detail?: string): void => {
    const key = `${severity}${why}${detail ?? ''}`;
    if (seen.has(key) || hits.length >= 20) return;
    seen.add(key);
    hits.push({ severity, why: why + SUFFIX, evidence, ...(detail !== undefined ? { detail } : {}) });
  };
  const tokens = lexCode(source);
  tokens.forEach((t, k) => {
    const next = tokens[k + 1];
    if (t.kind === 'name') {
      const why = internalName(t.value);
      if (why) add('critical', why, t.value, `\`${t.value}\``);
      const call = codeCall(t.value);
      if (call && next?.value === '(') add('critical', call, `${t.value}(`);
      if (moduleName(t.value) && (next?.value === '.' || next?.value === '(')) add('critical', 'reaches for a Python module', `${t.value}${next.value}`, `\`${t.value}\``);
    } else if (t.kind === 'string') {
      for (const p of pieces(t.value)) {
        if (/^_+$/.test(p)) continue;
        const why = internalName(p);
        if (why) add('critical', why, JSON.stringify(t.value.slice(0, 120)), `string \`${p}\``);
      }
      if (t.obfuscated) add('high', 'spells letters or underscores with escape sequences, a way to hide attribute names', JSON.stringify(t.value.slice(0, 120)));
    }
  });
  return hits;
}
