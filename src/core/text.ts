// Small string scanners that replace regular expressions which backtrack on repository text. A pattern such as
// /\/+$/ or /[?#].*$/ retries from every position of a long run and takes quadratic time; these walk the string once
// and return exactly what the pattern's replace would.

const LINE_END = /[\n\r\u2028\u2029]/;

/** `s` without its trailing characters from `chars` or those `also` accepts (`s.replace(/[chars]+$/, '')`). */
export function trimEndOf(s: string, chars: string, also: (c: string) => boolean = () => false): string {
  let end = s.length;
  while (end > 0 && (chars.includes(s[end - 1] as string) || also(s[end - 1] as string))) end--;
  return s.slice(0, end);
}

/** Whether `c` is what `\s` matches. */
export const isSpace = (c: string): boolean => /\s/.test(c);

/** `s` without leading and trailing characters from `chars` (`s.replace(/^[chars]+|[chars]+$/g, '')`). */
export function trimOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start] as string)) start++;
  return trimEndOf(s.slice(start), chars);
}

/** Index after the last line terminator (`.` does not match one, so `X.*$` can only match on the last line). */
function lastLineStart(s: string): number {
  let i = s.length;
  while (i > 0 && !LINE_END.test(s[i - 1] as string)) i--;
  return i;
}

/** `s` cut before the first character from `chars` on its last line (`s.replace(/[chars].*$/, '')`). */
export function cutFromFirstOf(s: string, chars: string): string {
  for (let i = lastLineStart(s); i < s.length; i++) if (chars.includes(s[i] as string)) return s.slice(0, i);
  return s;
}

/**
 * `s` without a trailing comment that starts with one of `marks` after whitespace, and the whitespace before it:
 * `s.replace(/\s+[marks].*$/, '')`; with `oneSpace`, only the one whitespace character (`/\s[marks].*$/`).
 */
export function cutComment(s: string, marks: string, oneSpace = false): string {
  for (let i = Math.max(1, lastLineStart(s)); i < s.length; i++) {
    if (!marks.includes(s[i] as string) || !/\s/.test(s[i - 1] as string)) continue;
    let start = i - 1;
    if (!oneSpace) while (start > 0 && /\s/.test(s[start - 1] as string)) start--;
    return s.slice(0, start);
  }
  return s;
}

/**
 * `s.replace(/open[^close stop]*close/g, by)` for a literal `open` and one-character `close`, in one pass: from each
 * `open`, the first `close` ends a match; a `stop` character first means no `open` before it can match either.
 */
export function replaceDelimited(s: string, open: string, close: string, by: string, stop: (c: string) => boolean = () => false): string {
  let out = '';
  let at = 0;
  let from = 0;
  for (;;) {
    const start = s.indexOf(open, from);
    if (start < 0) break;
    let k = start + open.length;
    while (k < s.length && s[k] !== close && !stop(s[k] as string)) k++;
    if (k >= s.length) break; // no close after this open, so none after a later one either
    if (s[k] !== close) {
      from = k + 1;
      continue;
    }
    out += s.slice(at, start) + by;
    at = from = k + 1;
  }
  return out + s.slice(at);
}

/** `s.replace(/<[^>]*>/g, by)`, or with `stopAtNewline` `/<[^>\n]*>/g`. */
export function replaceTags(s: string, by: string, stopAtNewline = false): string {
  return replaceDelimited(s, '<', '>', by, stopAtNewline ? (c) => c === '\n' : undefined);
}

/** `s` cut before the first `needle` on its last line (`s.replace(/needle.*$/, '')`; `needle` holds no line end). */
export function cutFromFirst(s: string, needle: string): string {
  const at = s.indexOf(needle, lastLineStart(s));
  return at < 0 ? s : s.slice(0, at);
}

/** Start of the `[A-Za-z_][\w.]*` that ends `s` (`/[A-Za-z_][\w.]*$/.exec(s)?.index`), or -1. */
export function dottedNameAtEnd(s: string): number {
  let start = s.length;
  while (start > 0 && /[\w.]/.test(s[start - 1] as string)) start--;
  for (let i = start; i < s.length; i++) if (/[A-Za-z_]/.test(s[i] as string)) return i;
  return -1;
}

/** `s.replace(/(^|[^\\])#.*$/, '$1')`: cut at the first `#` on the last line not escaped by a backslash. */
export function cutUnescapedComment(s: string): string {
  for (let i = lastLineStart(s); i < s.length; i++) if (s[i] === '#' && (i === 0 || s[i - 1] !== '\\')) return s.slice(0, i);
  return s;
}

/**
 * Orders strings by Unicode code point, as Python's `sorted` and a byte sort of UTF-8 do: the same order on every
 * machine. `localeCompare` depends on the runner's locale and ICU data (reports and SARIF must not), and its first
 * call costs a collator's start-up.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 puts astral characters (surrogates, D800–DFFF) before E000–FFFF; code point order puts them after.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
