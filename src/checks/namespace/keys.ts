// Comparison keys for Hub names (pure). A fold key says "the Hub would show these as different names, but a
// person reads them as the same word"; a visual key says "they look the same on screen".
import { trimOf } from '../../core/text.js';

const SEPARATORS = /[-_.]/g;

/** The Hub's name syntax: ASCII letters, digits, `-`, `_`, `.`; no `--` or `..`; word characters at both ends. */
const HUB_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
export const MAX_NAME_LENGTH = 96;

export type SyntaxProblem = { kind: 'non-ascii'; chars: string[] } | { kind: 'invalid'; reason: string };

/** Why `name` can never be a Hub namespace or repo name, or null when its syntax is fine. */
export function syntaxProblem(name: string): SyntaxProblem | null {
  const odd = [...name].filter((c) => c.codePointAt(0)! > 0x7e || c.codePointAt(0)! < 0x21);
  if (odd.some((c) => c.codePointAt(0)! > 0x7e)) return { kind: 'non-ascii', chars: odd.map(describeChar) };
  if (name.length === 0) return { kind: 'invalid', reason: 'is empty' };
  if (name.length > MAX_NAME_LENGTH) return { kind: 'invalid', reason: `is longer than ${MAX_NAME_LENGTH} characters` };
  if (odd.length > 0) return { kind: 'invalid', reason: `contains control or space characters (${odd.map(describeChar).join(', ')})` };
  if (name.includes('--') || name.includes('..')) return { kind: 'invalid', reason: "contains '--' or '..'" };
  if (!HUB_NAME.test(name)) {
    return { kind: 'invalid', reason: 'may only contain A-Z a-z 0-9 . _ - and must start and end with a letter, digit or _' };
  }
  return null;
}

/** `U+0435 CYRILLIC` style label for evidence; avoids printing invisible characters raw. */
export function describeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (DEFAULT_IGNORABLE.test(c)) return `${hex} (invisible)`;
  if (cp < 0x21) return `${hex} (control/space)`;
  return `${hex} '${c}'`;
}

/** Lowercase, separators removed: `Meta_Llama` and `metallama` share `metallama`. */
export function foldKey(name: string): string {
  return name.toLowerCase().replace(SEPARATORS, '');
}

// ---- visual key ---------------------------------------------------------------------------------------------

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const STRIP = /[\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]/gu;

/**
 * Cross-script homoglyphs of Latin letters and digits, hand-picked from the Unicode confusables data for the
 * scripts attackers use (Cyrillic, Greek, Armenian, Cherokee, Latin extensions and small capitals) and dash/dot
 * lookalikes. Compatibility forms (fullwidth, mathematical alphanumerics, circled, superscripts, ligatures) are
 * not listed: NFKC maps them to ASCII (see `confusable`).
 */
const CONFUSABLES: Readonly<Record<string, string>> = (() => {
  const pairs: [string, string][] = [
    // Cyrillic lowercase
    ['а', 'a'], ['в', 'b'], ['г', 'r'], ['е', 'e'], ['ё', 'e'], ['з', '3'], ['к', 'k'], ['м', 'm'], ['н', 'h'],
    ['о', 'o'], ['п', 'n'], ['р', 'p'], ['с', 'c'], ['т', 't'], ['у', 'y'], ['х', 'x'], ['ь', 'b'], ['ѕ', 's'],
    ['і', 'i'], ['ї', 'i'], ['ј', 'j'], ['ԁ', 'd'], ['ԛ', 'q'], ['ԝ', 'w'], ['һ', 'h'], ['ӏ', 'l'], ['ѵ', 'v'],
    ['ɡ', 'g'], ['ԍ', 'g'], ['ү', 'y'], ['ҫ', 'c'], ['ѡ', 'w'], ['ꙇ', 'i'], ['ⅼ', 'l'],
    // Cyrillic uppercase
    ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['Ё', 'E'], ['З', '3'], ['К', 'K'], ['М', 'M'], ['Н', 'H'], ['О', 'O'],
    ['Р', 'P'], ['С', 'C'], ['Т', 'T'], ['У', 'Y'], ['Х', 'X'], ['Ѕ', 'S'], ['І', 'I'], ['Ї', 'I'], ['Ј', 'J'],
    ['Ԛ', 'Q'], ['Ԝ', 'W'], ['Ӏ', 'l'], ['Һ', 'h'], ['Ү', 'Y'], ['Ь', 'b'], ['Ԁ', 'd'], ['Ꙇ', 'l'],
    // Greek
    ['α', 'a'], ['β', 'b'], ['γ', 'y'], ['ε', 'e'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['ο', 'o'], ['ρ', 'p'],
    ['σ', 'o'], ['τ', 't'], ['υ', 'u'], ['χ', 'x'], ['ω', 'w'], ['ϲ', 'c'], ['ϳ', 'j'], ['ς', 'c'], ['η', 'n'],
    ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'], ['Ζ', 'Z'], ['Η', 'H'], ['Ι', 'l'], ['Κ', 'K'], ['Μ', 'M'], ['Ν', 'N'],
    ['Ο', 'O'], ['Ρ', 'P'], ['Τ', 'T'], ['Υ', 'Y'], ['Χ', 'X'], ['Ϲ', 'C'], ['Ϳ', 'J'],
    // Armenian and Cherokee letters that pass for Latin
    ['օ', 'o'], ['ս', 'u'], ['ց', 'g'], ['ո', 'n'], ['հ', 'h'], ['զ', 'q'], ['Ꭺ', 'A'], ['Ᏼ', 'B'], ['Ꮯ', 'C'],
    ['Ꭼ', 'E'], ['Ꮋ', 'H'], ['Ꭻ', 'J'], ['Ꮶ', 'K'], ['Ꮮ', 'L'], ['Ꮇ', 'M'], ['Ꮲ', 'P'], ['Ꮪ', 'S'], ['Ꭲ', 'T'],
    ['Ꮃ', 'W'], ['Ꮓ', 'Z'],
    // Latin extensions, IPA and small capitals
    ['ı', 'i'], ['ȷ', 'j'], ['ɑ', 'a'], ['ɩ', 'i'], ['ɪ', 'i'], ['ʟ', 'l'], ['ɫ', 'l'], ['ł', 'l'], ['ƚ', 'l'],
    ['ø', 'o'], ['Ø', 'O'], ['ɔ', 'c'], ['ᴄ', 'c'], ['ᴏ', 'o'], ['ᴠ', 'v'], ['ᴡ', 'w'], ['ᴢ', 'z'], ['ʀ', 'r'],
    ['ᴀ', 'a'], ['ʙ', 'b'], ['ᴅ', 'd'], ['ᴇ', 'e'], ['ɢ', 'g'], ['ʜ', 'h'], ['ᴊ', 'j'], ['ᴋ', 'k'], ['ᴍ', 'm'],
    ['ɴ', 'n'], ['ᴘ', 'p'], ['ꜱ', 's'], ['ᴛ', 't'], ['ᴜ', 'u'], ['ʏ', 'y'], ['đ', 'd'], ['ħ', 'h'], ['ŧ', 't'],
    ['ƅ', 'b'], ['ɓ', 'b'], ['ɗ', 'd'], ['ƙ', 'k'], ['ɱ', 'm'], ['ɲ', 'n'], ['ƥ', 'p'], ['ʠ', 'q'], ['ɽ', 'r'],
    ['ʂ', 's'], ['ƭ', 't'], ['ʋ', 'u'], ['ⱳ', 'w'], ['ƴ', 'y'], ['ȥ', 'z'], ['Ɩ', 'l'], ['ǀ', 'l'],
    // dashes, dots and low lines that pass for separators
    ['‐', '-'], ['‑', '-'], ['‒', '-'], ['–', '-'], ['—', '-'], ['―', '-'], ['−', '-'], ['⁃', '-'], ['˗', '-'],
    ['‧', '.'], ['․', '.'], ['·', '.'], ['•', '.'], ['‿', '_'], ['⁀', '_']
  ];
  return Object.freeze(Object.fromEntries(pairs));
})();

/** ASCII characters that stand in for others (applied before lowercasing, so `I` in `meta-Ilama` reads `l`). */
const ASCII_LOOKALIKE: Readonly<Record<string, string>> = { I: 'l', '1': 'l', '0': 'o', '|': 'l' };

/** ASCII letter pairs that read as one letter (applied after lowercasing). */
const ASCII_PAIRS: readonly [RegExp, string][] = [
  [/rn/g, 'm'], [/vv/g, 'w'], [/cl/g, 'd'], [/nn/g, 'm']
];

function confusable(c: string): string {
  if (c.length === 1 && c.charCodeAt(0) < 0x80) return ASCII_LOOKALIKE[c] ?? c;
  // Cross-script first (Cyrillic І → I), then compatibility forms (fullwidth Ｉ → I), then the ASCII lookalikes
  // (I → l), so every route to a capital I ends at the same letter.
  const latin = CONFUSABLES[c] ?? (c.codePointAt(0)! > 0x7f ? c.normalize('NFKC') : c);
  return [...latin].map((k) => ASCII_LOOKALIKE[k] ?? CONFUSABLES[k] ?? k).join('');
}

function mapConfusables(s: string): string {
  if (/^[a-z2-9._-]*$/.test(s)) return s; // nothing to map: skip the normalisation passes
  return [...s.normalize('NFD').replace(STRIP, '')].map(confusable).join('').normalize('NFD').replace(STRIP, '');
}

/**
 * The name as it looks, separators kept: a UTS #39-style skeleton (NFD, default-ignorables and combining marks
 * dropped, confusables mapped before and after lowercasing), then the ASCII pairs (`rn`→`m`, `vv`→`w`, `cl`→`d`,
 * `nn`→`m`, `0`→`o`, `1`/`I`→`l`). Also used to say which ASCII name a non-ASCII name imitates.
 */
export function skeleton(name: string): string {
  let s = mapConfusables(mapConfusables(name).toLowerCase());
  for (const [re, to] of ASCII_PAIRS) s = s.replace(re, to);
  return s;
}

/** The skeleton with separators removed: `meta-Ilama`, `rneta_llama` and `metа-llama` all give `metallama`. */
export function visualKey(name: string): string {
  return skeleton(name).replace(SEPARATORS, '');
}

/** Runs of one character collapsed: `gooogle` and `google` both give `gogle`. */
export function collapseRepeats(key: string): string {
  return key.replace(/(.)\1+/gu, '$1');
}

/** Words of a name, split at separators and camelCase/digit boundaries, lowercased: `HuggingFaceTB` → hugging, face, tb. */
export function words(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(/[-_.]+/)) {
    for (const w of part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? []) out.push(w.toLowerCase());
  }
  return out;
}

/** Restricted Damerau-Levenshtein (optimal string alignment) distance: a swap of neighbours costs 1. */
export function osaDistance(a: string, b: string, max = Infinity): number {
  const A = [...a];
  const B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= A.length; i++) rows.push(new Array<number>(B.length + 1).fill(0));
  const at = (i: number, j: number): number => rows[i]![j]!;
  for (let i = 0; i <= A.length; i++) rows[i]![0] = i;
  for (let j = 0; j <= B.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= A.length; i++) {
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) d = Math.min(d, at(i - 2, j - 2) + 1);
      rows[i]![j] = d;
    }
  }
  return at(A.length, B.length);
}

/**
 * `name` with a fold-key prefix or suffix `affix` removed, case and inner separators preserved, or null when the
 * fold key does not start/end with it. Affixes are found on the fold key so `FacebookAI` loses `AI` before its
 * `I` could be read as `l`.
 */
export function stripAffix(name: string, affix: string, at: 'prefix' | 'suffix'): string | null {
  const fold = foldKey(name);
  if (fold.length <= affix.length) return null;
  if (at === 'suffix' ? !fold.endsWith(affix) : !fold.startsWith(affix)) return null;
  // Walk the raw name counting non-separator characters to find the cut point.
  const keep = fold.length - affix.length;
  const chars = [...name];
  let seen = 0;
  if (at === 'suffix') {
    let cut = 0;
    while (cut < chars.length && seen < keep) {
      if (!/[-_.]/.test(chars[cut]!)) seen++;
      cut++;
    }
    return trimSeparators(chars.slice(0, cut).join(''));
  }
  let cut = 0;
  while (cut < chars.length && seen < affix.length) {
    if (!/[-_.]/.test(chars[cut]!)) seen++;
    cut++;
  }
  return trimSeparators(chars.slice(cut).join(''));
}

function trimSeparators(s: string): string {
  return trimOf(s, '-_.');
}

/** True when `name` has a separator or a lower→upper case change right at fold-key position `pos`. */
export function hasBoundaryAt(name: string, pos: number): boolean {
  const chars = [...name];
  let seen = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (/[-_.]/.test(c)) {
      if (seen === pos) return true;
      continue;
    }
    if (seen === pos && i > 0) {
      const prev = chars[i - 1]!;
      return /[a-z0-9]/.test(prev) && /[A-Z]/.test(c);
    }
    seen++;
  }
  return false;
}
