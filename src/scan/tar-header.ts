// One tar header block as CPython's tarfile reads it (Lib/tarfile.py 3.11: nti, nts, calc_chksums,
// TarInfo.frombuf). tarfile is the reader that matters: torch's legacy loader opens any non-zip checkpoint with
// tarfile.open, and Python code extracts model tarballs with it. It is more tolerant than ustar: checksums summed
// as signed or unsigned bytes, numbers in octal with Python's int() grammar (signs, 0o prefixes, underscores,
// surrounding whitespace) or GNU base-256 (0x80 positive, 0xff negative), prefixes joined whatever the magic.
import { trimEndOf } from '../core/text.js';

/** Python's str.isspace() characters (CPython 3.11), what str.strip() and int() trim. */
const PY_SPACE = new Set([9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200,
  8201, 8202, 8232, 8233, 8239, 8287, 12288]);

export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && PY_SPACE.has(s.charCodeAt(a))) a++;
  while (b > a && PY_SPACE.has(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** int(s, 8) for an ASCII string, or undefined where Python raises ValueError. */
export function pyIntOctal(s: string): bigint | undefined {
  const t = pyStrip(s);
  const m = /^([+-]?)(?:0[oO]_?)?([0-7](?:_?[0-7])*)$/.exec(t);
  if (!m) return undefined;
  const v = BigInt(`0o${(m[2] as string).replace(/_/g, '')}`);
  return m[1] === '-' ? -v : v;
}

/** Value of a Unicode decimal digit (category Nd): digits come in runs of ten starting at zero. */
function digitValue(s: string, i: number): number {
  const c = s.codePointAt(i) as number;
  let start = c;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1)) && c - start < 9) start--;
  // Runs of several ten-digit sets (mathematical digits) are contiguous: count from the run's true start.
  let runStart = start;
  while (runStart > 0 && /\p{Nd}/u.test(String.fromCodePoint(runStart - 1))) runStart--;
  return (c - runStart) % 10;
}

/** int(s) for a str (base 10, any Unicode decimal digits), or undefined where Python raises ValueError. */
export function pyIntDecimal(s: string): bigint | undefined {
  const t = pyStrip(s);
  const m = /^([+-]?)(\p{Nd}(?:_?\p{Nd})*)$/u.exec(t);
  if (!m) return undefined;
  let v = 0n;
  const digits = (m[2] as string).replace(/_/g, '');
  for (let i = 0; i < digits.length;) {
    const cp = digits.codePointAt(i) as number;
    v = v * 10n + BigInt(digitValue(digits, i));
    i += cp > 0xffff ? 2 : 1;
  }
  return m[1] === '-' ? -v : v;
}

/** tarfile's nti(): a numeric field, or undefined where tarfile raises InvalidHeaderError. */
export function nti(f: Uint8Array): bigint | undefined {
  const first = f[0] as number;
  if (first === 0o200 || first === 0o377) {
    let n = 0n;
    for (let i = 1; i < f.length; i++) n = (n << 8n) + BigInt(f[i] as number);
    if (first === 0o377) n = -(256n ** BigInt(f.length - 1) - n);
    return n;
  }
  const z = f.indexOf(0);
  const b = z >= 0 ? f.subarray(0, z) : f;
  let s = '';
  for (const c of b) {
    if (c >= 0x80) return undefined; // ascii, strict
    s += String.fromCharCode(c);
  }
  const t = pyStrip(s);
  return t === '' ? 0n : pyIntOctal(t);
}

/** tarfile's nts(): up to the first NUL, decoded (UTF-8; undecodable bytes kept as U+FFFD here, names only). */
export function nts(f: Uint8Array): string {
  const z = f.indexOf(0);
  return new TextDecoder('utf-8', { fatal: false }).decode(z >= 0 ? f.subarray(0, z) : f);
}

export type HeaderResult =
  | { kind: 'eof' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'header'; h: TarHeader };

export interface TarHeader {
  name: string;
  linkname: string;
  type: string;
  size: bigint;
  prefix: string;
  /** Old GNU sparse ('S'): the four in-header entries, the extension flag, the real size. */
  sparse?: { structs: [bigint, bigint][]; extended: boolean; origsize: bigint };
}

/** TarInfo.frombuf on one 512-byte block. */
export function parseTarHeader(buf: Uint8Array): HeaderResult {
  if (buf.every((c) => c === 0)) return { kind: 'eof' };
  const chk = nti(buf.subarray(148, 156));
  if (chk === undefined) return { kind: 'invalid', reason: 'unreadable checksum field' };
  let unsigned = 256;
  let signed = 256;
  for (let i = 0; i < 512; i++) {
    if (i >= 148 && i < 156) continue;
    const c = buf[i] as number;
    unsigned += c;
    signed += c >= 128 ? c - 256 : c;
  }
  if (chk !== BigInt(unsigned) && chk !== BigInt(signed)) return { kind: 'invalid', reason: 'bad checksum' };
  const fields: [number, number][] = [[100, 108], [108, 116], [116, 124], [124, 136], [136, 148], [329, 337], [337, 345]];
  const nums = fields.map(([a, b]) => nti(buf.subarray(a, b)));
  if (nums.some((n) => n === undefined)) return { kind: 'invalid', reason: 'unreadable numeric field' };
  let name = nts(buf.subarray(0, 100));
  let type = String.fromCharCode(buf[156] as number);
  const h: TarHeader = { name, linkname: nts(buf.subarray(157, 257)), type, size: nums[3] as bigint, prefix: nts(buf.subarray(345, 500)) };
  if (type === '\0' && name.endsWith('/')) type = '5';
  if (type === 'S') {
    const structs: [bigint, bigint][] = [];
    for (let i = 0, pos = 386; i < 4; i++, pos += 24) {
      const o = nti(buf.subarray(pos, pos + 12));
      const n = nti(buf.subarray(pos + 12, pos + 24));
      // tarfile catches ValueError here, but nti raises InvalidHeaderError: the whole header is invalid.
      if (o === undefined || n === undefined) return { kind: 'invalid', reason: 'unreadable sparse entry' };
      structs.push([o, n]);
    }
    const origsize = nti(buf.subarray(483, 495));
    if (origsize === undefined) return { kind: 'invalid', reason: 'unreadable sparse size' };
    h.sparse = { structs, extended: buf[482] !== 0, origsize };
  }
  if (type === '5') name = trimEndOf(name, '/');
  if (h.prefix && !['L', 'K', 'S'].includes(type)) name = `${h.prefix}/${name}`;
  h.name = name;
  h.type = type;
  return { kind: 'header', h };
}

/** Whether tarfile.open would accept this block as the first header (what sniffing uses). */
export function isTarfileHeader(block: Uint8Array): boolean {
  return block.length >= 512 && parseTarHeader(block.subarray(0, 512)).kind === 'header';
}
