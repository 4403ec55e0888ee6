// Python string literals and the decoders obfuscated code uses to hide them (base64, hex, rot13, zlib). Pure
// functions over text: decoding a literal is reading data, never running it. Bytes are carried as latin1 text.
import { gunzipSync, inflateSync } from 'node:zlib';
import { trimEndOf } from '../../core/text.js';

/** Stands for text the analysis cannot know (a parameter, a call result). */
export const UNKNOWN = '\u0000';
/** Largest decoded/built string kept; longer results are cut (what matters is near the start). */
export const MAX_TEXT = 64 * 1024;

export interface PyString {
  text: string;
  bytes: boolean;
  raw: boolean;
  fstring: boolean;
}

/** Decodes one Python string literal token (prefix, quotes, escapes). */
export function decodePyString(token: string): PyString {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(token);
  const prefix = (m?.[1] ?? '').toLowerCase();
  const quote = m?.[2] ?? '"';
  const body = token.slice((m?.[0].length ?? 0), token.endsWith(quote) && token.length >= (m?.[0].length ?? 0) + quote.length ? token.length - quote.length : token.length);
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  const fstring = prefix.includes('f');
  return { text: raw ? body : unescape(body, bytes), bytes, raw, fstring };
}

function unescape(s: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[++i] as string;
    switch (e) {
      case '\n': break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const oct = /^[0-7]{1,3}/.exec(s.slice(i))?.[0] ?? e;
        out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        i += oct.length - 1;
        break;
      }
      case 'x': {
        const h = s.slice(i + 1, i + 3);
        if (/^[0-9a-fA-F]{2}$/.test(h)) { out += String.fromCharCode(parseInt(h, 16)); i += 2; } else out += '\\x';
        break;
      }
      case 'u': case 'U': {
        const n = e === 'u' ? 4 : 8;
        const h = s.slice(i + 1, i + 1 + n);
        if (!bytes && new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) {
          out += String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff));
          i += n;
        } else out += `\\${e}`;
        break;
      }
      case 'N': {
        const end = s.indexOf('}', i);
        const name = end > 0 ? s.slice(i + 2, end).toUpperCase() : '';
        out += name === 'LOW LINE' ? '_' : name === 'FULL STOP' ? '.' : name === 'SOLIDUS' ? '/' : UNKNOWN;
        i = end > 0 ? end : i;
        break;
      }
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      default: out += e === '\\' || e === "'" || e === '"' ? e : `\\${e}`;
    }
  }
  return out;
}

export function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** base64 (standard or URL-safe, padding optional) → latin1 text; undefined when it is not base64 at all. */
export function fromBase64(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

export function fromBase32(s: string): string | undefined {
  const clean = trimEndOf(s, '=').toUpperCase();
  if (!/^[A-Z2-7]*$/.test(clean)) return undefined;
  let bits = 0;
  let value = 0;
  let out = '';
  for (const ch of clean) {
    value = (value << 5) | 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out += String.fromCharCode((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

export function fromHex(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) return undefined;
  return Buffer.from(clean, 'hex').toString('latin1');
}

/** zlib/gzip inflate of latin1 bytes, bounded; undefined when the data does not inflate. */
export function inflate(latin1: string, kind: 'zlib' | 'gzip'): string | undefined {
  try {
    const buf = Buffer.from(latin1, 'latin1');
    const out = kind === 'zlib' ? inflateSync(buf, { maxOutputLength: MAX_TEXT }) : gunzipSync(buf, { maxOutputLength: MAX_TEXT });
    return out.toString('latin1');
  } catch {
    return undefined;
  }
}

/** Latin1 bytes read as UTF-8 text (what `.decode()` does); keeps unknown markers. */
export function utf8Decode(latin1: string): string {
  if (!/[\u0080-\u00ff]/.test(latin1)) return latin1;
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** Whether decoded text looks like something meant to run or reach (code, a command, a URL). */
export function looksActive(text: string): boolean {
  return /https?:\/\/|\b(import|exec|eval|system|popen|subprocess|socket|curl|wget|chmod|base64|__import__|os\.)\b|\/bin\/|powershell/i.test(text);
}
