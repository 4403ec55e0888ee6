// Small byte helpers shared by the format scanners: little-endian reads, text classification, evidence.

export function u16le(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}

export function u32le(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16)) + (b[o + 3] ?? 0) * 0x1000000;
}

export function u32be(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) * 0x1000000 + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0));
}

/** u64 little-endian as a bigint (sizes and offsets that may exceed 2^53 must be compared exactly). */
export function u64le(b: Uint8Array, o: number): bigint {
  return BigInt(u32le(b, o)) | (BigInt(u32le(b, o + 4)) << 32n);
}

/** u64 as a number, or undefined when it does not fit exactly (callers treat that as "too large"). */
export function u64leNumber(b: Uint8Array, o: number): number | undefined {
  const v = u64le(b, o);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

export function startsWith(b: Uint8Array, sig: readonly number[] | string, at = 0): boolean {
  const len = sig.length;
  if (b.length < at + len) return false;
  for (let i = 0; i < len; i++) {
    const want = typeof sig === 'string' ? sig.charCodeAt(i) : sig[i];
    if (b[at + i] !== want) return false;
  }
  return true;
}

/** The first `total` bytes (default: all) of `parts` joined; a single part of exactly that length is returned as is. */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  const n = total ?? parts.reduce((s, p) => s + p.length, 0);
  if (parts.length === 1 && parts[0]?.length === n) return parts[0];
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p.subarray(0, Math.min(p.length, n - o)), o);
    o += p.length;
    if (o >= n) break;
  }
  return out;
}

/** Below this many bytes V8's own search is as quick as making a Buffer view of the same memory. */
const VIEW_MIN = 256;

/** `hay` as a Node Buffer over the same memory (no copy), for Buffer's native search. */
function searchable(hay: Uint8Array): Uint8Array {
  return hay.length < VIEW_MIN || hay instanceof Buffer ? hay : Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
}

/**
 * The first index of `byte` in hay[from..], or -1: what TypedArray.prototype.indexOf answers, through Node's Buffer
 * search (memchr) over the same memory. V8's own compares a byte at a time: 96 ms against 2.4 ms over 256 MiB of a
 * plain Uint8Array (measured), and a scanner that looks for a byte in every chunk of a file paid that per byte.
 */
export function indexOfByte(hay: Uint8Array, byte: number, from = 0): number {
  // Buffer would take 256 as 0 and a negative start from the end; TypedArray.prototype.indexOf does neither.
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) return -1;
  return searchable(hay).indexOf(byte, Math.max(0, from));
}

export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  if (first === undefined) return from;
  const fast = searchable(hay);
  for (let i = fast.indexOf(first, Math.max(0, from)); i !== -1 && i + needle.length <= hay.length; i = fast.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/**
 * The last index in [floor, from] where `needle` starts and fits within `hay`, or -1: the walk back a signature
 * search does, jumping between occurrences of the needle's first byte with Buffer's native search (a byte-by-byte
 * walk of 64 KiB in not yet optimised code was most of a local scan's time in a zip's end records).
 */
export function lastIndexOfBytes(hay: Uint8Array, needle: ArrayLike<number>, from: number, floor = 0): number {
  const first = needle[0];
  const lo = Math.max(0, floor);
  let i = Math.min(from, hay.length - needle.length);
  if (first === undefined) return i >= lo ? i : -1;
  const fast = searchable(hay);
  while (i >= lo) {
    i = fast.lastIndexOf(first, i);
    if (i < lo) return -1;
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
    i--;
  }
  return -1;
}

/**
 * True when the bytes read as text: no NUL, few control characters, valid UTF-8 (a multi-byte sequence cut at
 * the end of the sample is allowed, since the sample is usually a head).
 */
export function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return true;
  let control = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      if (c === 0) return false;
      if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
      if (c === 0x7f) control++;
      i++;
      continue;
    }
    const need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? (c <= 0xef ? 2 : -1) : c >= 0xc2 && c <= 0xdf ? 1 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return control * 100 <= b.length;
      const cc = b[i + k] as number;
      if ((cc & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return control * 100 <= b.length;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, Math.min(b.length, i + 4096)));
  return s;
}

export function utf8(b: Uint8Array): string {
  return decoder.decode(b);
}

/** A short printable rendering of bytes for a finding's evidence. */
export function evidenceBytes(b: Uint8Array, max = 48): string {
  let s = '';
  for (let i = 0; i < Math.min(b.length, max); i++) {
    const c = b[i] as number;
    s += c >= 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return b.length > max ? `${s}…` : s;
}


export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
