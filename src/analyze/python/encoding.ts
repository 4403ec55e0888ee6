// Python source read in the encoding CPython reads it in (PEP 263). A `coding:` cookie on line 1 or 2 names the
// codec the tokenizer decodes the file with; with utf-7, `#+AAo-import os` is a comment to a UTF-8 reader and a
// newline then `import os` to CPython. The analysis therefore decodes the source as CPython would before parsing:
// UTF-8 and ASCII-compatible single-byte codecs leave every ASCII character where it is (the text was read as
// UTF-8, so only non-ASCII characters could differ, and none of them is Python syntax); utf-7 is decoded; any other
// codec (UTF-16/32, EBCDIC, multi-byte codecs whose second bytes can be a quote or a backslash, names CPython may
// not even know) cannot be read the same way and is reported instead.

export interface SourceDecoding {
  /** The source as CPython's tokenizer sees it. */
  text: string;
  /** The codec named by the cookie, normalised as CPython's codecs.lookup does; undefined without a cookie. */
  codec?: string;
  /** Line (1-based, of the file as stored) of the cookie. */
  line?: number;
  /** Why the source could not be read as CPython reads it, or why its encoding is itself suspect. */
  issue?: { severity: 'high' | 'critical'; message: string };
}

/** PEP 263's cookie (CPython's tokenizer accepts this pattern on a comment line). */
const COOKIE = /^[ \t\f]*#[^\n]*?coding[:=][ \t]*([-\w.]+)/;
/** A line that holds nothing but whitespace or a comment: the cookie may then be on line 2. */
const BLANK_OR_COMMENT = /^[ \t\f]*(#[^\n]*)?$/;

/** Codecs that agree with ASCII on every ASCII byte, and use no ASCII byte inside a multi-byte character. */
const ASCII_SAFE = new Set([
  'utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001', 'utf_8_sig', 'ascii', 'us_ascii', '646', 'us',
  'latin_1', 'latin1', 'latin', 'l1', 'iso_8859_1', 'iso8859_1', 'iso8859', '8859', 'cp819', 'iso_ir_100',
  'cp437', 'cp720', 'cp737', 'cp775', 'cp850', 'cp852', 'cp855', 'cp856', 'cp857', 'cp858', 'cp860', 'cp861', 'cp862', 'cp863',
  'cp864', 'cp865', 'cp866', 'cp869', 'cp874', 'cp1006', 'cp1125', 'koi8_r', 'koi8_u', 'koi8_t', 'kz1048', 'ptcp154', 'tis_620',
  'tis620', 'mac_roman', 'macroman', 'mac_latin2', 'mac_cyrillic', 'mac_greek', 'mac_iceland', 'mac_turkish', 'hp_roman8',
  'euc_jp', 'eucjp', 'ujis', 'euc_kr', 'euckr', 'euc_jis_2004', 'euc_jisx0213', 'gb2312', 'euc_cn', 'euccn'
]);
const ASCII_SAFE_FAMILY = /^(iso_?8859_([2-9]|1[0-6])|latin[2-9]|latin10|l([2-9]|10)|(cp|windows_)125[0-8])$/;

/** CPython's get_normal_name (tokenizer) then encodings.normalize_encoding and the lower-casing of codecs.lookup. */
export function normalCodecName(name: string): string {
  const head = name.slice(0, 12).toLowerCase().replace(/_/g, '-');
  let n = name;
  if (head === 'utf-8' || head.startsWith('utf-8-')) n = 'utf-8';
  else if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(head)) n = 'iso-8859-1';
  return n.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The cookie CPython honours: on line 1, or on line 2 when line 1 is blank or a comment. */
export function codingCookie(text: string): { codec: string; line: number } | undefined {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  const firstEnd = src.search(/\r\n|\r|\n/);
  const first = firstEnd < 0 ? src : src.slice(0, firstEnd);
  const m1 = COOKIE.exec(first);
  if (m1) return { codec: m1[1] as string, line: 1 };
  if (firstEnd < 0 || !BLANK_OR_COMMENT.test(first)) return undefined;
  const restStart = firstEnd + (src.startsWith('\r\n', firstEnd) ? 2 : 1);
  const secondEnd = src.slice(restStart).search(/\r\n|\r|\n/);
  const second = secondEnd < 0 ? src.slice(restStart) : src.slice(restStart, restStart + secondEnd);
  const m2 = COOKIE.exec(second);
  return m2 ? { codec: m2[1] as string, line: 2 } : undefined;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * UTF-7 (RFC 2152) as CPython's codec decodes it: `+` opens a run of modified base64 holding UTF-16 code units,
 * ended by any character outside the base64 alphabet (a `-` right there is absorbed); `+-` is `+`. One pass.
 */
export function decodeUtf7(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c !== '+') {
      out += c;
      i++;
      continue;
    }
    i++;
    if (s[i] === '-') {
      out += '+';
      i++;
      continue;
    }
    let bits = 0;
    let nbits = 0;
    let units: number[] = [];
    while (i < s.length) {
      const v = B64.indexOf(s[i] as string);
      if (v < 0) break;
      bits = ((bits << 6) | v) & 0xffffff;
      nbits += 6;
      if (nbits >= 16) {
        nbits -= 16;
        units.push((bits >> nbits) & 0xffff);
        if (units.length >= 4096) {
          out += String.fromCharCode(...units);
          units = [];
        }
      }
      i++;
    }
    out += String.fromCharCode(...units);
    if (s[i] === '-') i++;
  }
  return out;
}

/** The source as CPython decodes it, with a finding when that cannot be done or the codec is a disguise. */
export function decodeSource(text: string): SourceDecoding {
  const cookie = codingCookie(text);
  if (!cookie) return { text };
  const codec = normalCodecName(cookie.codec);
  const base = { codec, line: cookie.line };
  if (ASCII_SAFE.has(codec) || ASCII_SAFE_FAMILY.test(codec)) return { text, ...base };
  if (codec === 'utf_7' || codec === 'utf7' || codec === 'u7' || codec === 'unicode_1_1_utf_7') {
    const decoded = decodeUtf7(text);
    return {
      text: decoded, ...base,
      issue: {
        severity: 'high',
        message: `The file declares the utf-7 source encoding (line ${cookie.line}), under which text that reads as comments or strings is code to Python; it was analysed as CPython decodes it`
      }
    };
  }
  return {
    text, ...base,
    issue: {
      severity: 'high',
      message: `The file declares the source encoding "${cookie.codec}" (line ${cookie.line}), which CPython decodes differently from the UTF-8 this analysis reads; the code Python would run was not examined`
    }
  };
}
