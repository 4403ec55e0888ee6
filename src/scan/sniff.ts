// Content sniffing: which formats do these bytes claim, whatever the file is called (threats.md §1).
// Pure: takes the head (and the tail, for zip's end-of-central-directory record) and lists every match.
import { lastIndexOfBytes, looksLikeText, startsWith, u16le, u32be, u32le, u64leNumber } from './bytes.js';
import { isTarfileHeader } from './tar-header.js';
import { EOCD_BYTES } from './zip/central-directory.js';

export type Format =
  | 'zip' | 'pickle' | 'numpy' | 'tar' | '7z' | 'gzip' | 'bz2' | 'xz' | 'lzma' | 'zlib' | 'lz4' | 'zstd' | 'joblib-zf'
  | 'hdf5' | 'safetensors' | 'gguf' | 'elf' | 'pe' | 'macho' | 'wasm' | 'dex' | 'ole'
  | 'script' | 'notebook' | 'json' | 'python' | 'text' | 'protobuf' | 'image' | 'tflite' | 'empty' | 'unknown-binary';

export interface Sniffed {
  /** Every format whose signature matches, strongest first. Several = a polyglot candidate. */
  formats: Format[];
  /** False when the head reads as UTF-8 text. */
  binary: boolean;
  /** Where the HDF5 superblock signature was found (0, 512, 1024, …). */
  hdf5Offset?: number;
  /** A PE signature was found at e_lfanew (not just an `MZ` stub). */
  peConfirmed?: boolean;
  /** Zip evidence: a local header at 0, and/or an end-of-central-directory record in the tail. */
  zip?: { localHeaderAt0: boolean; eocdInTail: boolean };
}

export const EXECUTABLE_FORMATS: ReadonlySet<Format> = new Set(['elf', 'pe', 'macho', 'wasm', 'dex']);
/** Text-family formats: several at once (json + notebook, script + python) is normal, not a polyglot. */
export const TEXT_FORMATS: ReadonlySet<Format> = new Set(['script', 'notebook', 'json', 'python', 'text']);

const HDF5_SIG = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** The fields of the end-of-central-directory record at `at` (its signature already checked). */
export function eocdFields(b: Uint8Array, at: number): { disk: number; cdDisk: number; onDisk: number; total: number; cdSize: number; cdOffset: number } {
  return {
    disk: u16le(b, at + 4),
    cdDisk: u16le(b, at + 6),
    onDisk: u16le(b, at + 8),
    total: u16le(b, at + 10),
    cdSize: u32le(b, at + 12),
    cdOffset: u32le(b, at + 16)
  };
}

/**
 * Offset in `tail` of the last plausible end-of-central-directory record, or -1. Plausible: single-disk counts
 * that agree, and a central directory that fits before the record (zip64 markers defer that to the zip64
 * record). Random tensor bytes that happen to contain the signature do not pass.
 */
export function findEocd(tail: Uint8Array, size?: number): number {
  const tailStart = (size ?? tail.length) - tail.length;
  // The EOCD is 22 bytes plus a comment of at most 65535 bytes: search backwards from the last possible start.
  const floor = tail.length - 22 - 0xffff;
  for (let i = lastIndexOfBytes(tail, EOCD_BYTES, tail.length - 22, floor); i >= 0; i = lastIndexOfBytes(tail, EOCD_BYTES, i - 1, floor)) {
    const { disk, cdDisk, onDisk, total, cdSize, cdOffset } = eocdFields(tail, i);
    const zip64 = onDisk === 0xffff || total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
    const plausible = zip64 || ((disk === 0 || disk === 0xffff) && (cdDisk === 0 || cdDisk === 0xffff) &&
      onDisk <= total && cdSize >= total * 46 && cdOffset + cdSize <= tailStart + i);
    // Python's zipfile ignores the stated offset: it reads the central directory `cdSize` bytes before this record
    // (whatever precedes the archive, and whatever cdOffset says). A directory entry there is a zip to zipfile.
    const zipfileReads = cdSize >= 46 && cdSize <= i && startsWith(tail, [0x50, 0x4b, 0x01, 0x02], i - cdSize);
    if (plausible || zipfileReads) return i;
  }
  return -1;
}

export function sniff(head: Uint8Array, size?: number, tail?: Uint8Array, moreFollows = false): Sniffed {
  const formats: Format[] = [];
  const total = size ?? head.length;
  // Whether the head is all there is: parsers that run out of head bytes may only count that as the end then.
  const headIsAll = !moreFollows && head.length >= total;
  if (total === 0 || head.length === 0) return { formats: ['empty'], binary: false };
  const binary = !looksLikeText(head.subarray(0, 8192));
  const add = (f: Format): void => {
    if (!formats.includes(f)) formats.push(f);
  };

  // Executables first: they decide severity.
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) add('elf');
  let peConfirmed = false;
  if (startsWith(head, 'MZ')) {
    const lfanew = u32le(head, 0x3c);
    peConfirmed = head.length >= 0x40 && lfanew + 4 <= head.length && startsWith(head, [0x50, 0x45, 0, 0], lfanew);
    if (peConfirmed || binary) add('pe'); // a DOS MZ stub whose PE header lies beyond the head is still an executable
  }
  const m = u32be(head, 0);
  if (head.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(m)) add('macho');
  if (head.length >= 8 && m === 0xcafebabe) add('macho'); // fat Mach-O (and Java class files, equally executable)
  if (startsWith(head, [0, 0x61, 0x73, 0x6d])) add('wasm');
  if (startsWith(head, 'dex\n') && head.length >= 8 && head[7] === 0) add('dex');
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) add('ole');

  // Containers and data formats.
  const localHeaderAt0 = startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, EOCD_BYTES);
  const eocdInTail = tail !== undefined ? findEocd(tail, size) >= 0 : total === head.length && findEocd(head) >= 0;
  if (localHeaderAt0 || eocdInTail) add('zip');
  // A protocol 2–5 header alone is two bytes (tensor data or a safetensors length can start so): the opcodes
  // after it must read as a pickle too.
  // A PROTO header already says "pickle": after it, one valid opcode whose argument runs past the head (a large
  // first literal, as joblib and numpy dumps have) is enough. Without it, demand more opcodes.
  if (head[0] === 0x80 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5) {
    if (plausiblePickle(head.subarray(2), headIsAll, 1)) add('pickle');
  } else if (plausiblePickle(head, headIsAll)) add('pickle');
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) add('numpy');
  if (isTarHeader(head)) add('tar');
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) add('7z');
  if (startsWith(head, [0x1f, 0x8b, 0x08])) add('gzip');
  if (startsWith(head, 'BZh') && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39 &&
      (startsWith(head, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4) || startsWith(head, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90], 4))) add('bz2');
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) add('xz');
  if (isLzmaAlone(head)) add('lzma');
  if (binary && isZlibHeader(head)) add('zlib');
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18]) || startsWith(head, [0x02, 0x21, 0x4c, 0x18])) add('lz4');
  if (startsWith(head, 'ZF0x')) add('joblib-zf');
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) add('zstd'); // pandas .pkl.zst, zstandard frames
  const hdf5Offset = findHdf5(head);
  if (hdf5Offset !== undefined) add('hdf5');
  if (isSafetensorsHead(head, size)) add('safetensors');
  if (startsWith(head, 'GGUF')) add('gguf');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || startsWith(head, [0xff, 0xd8, 0xff]) ||
      startsWith(head, 'GIF8') || (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8))) add('image');
  // TF Lite (`TFL3` at 4) is recognised by its format plugin (src/scan/formats/tflite.ts), which reads it.

  // Text family: classified here; code analysis of scripts and Python is a later issue's.
  if (startsWith(head, '#!')) add('script');
  if (!binary) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 65536));
    const trimmed = text.replace(/^\ufeff/, '').trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      add('json');
      if (/"cells"\s*:/.test(text) && /"nbformat"|"metadata"\s*:/.test(text)) add('notebook');
    }
    // Markdown that quotes Python in fenced blocks (every model card) is text, not a Python program.
    // Indentation is whitespace within the line: `^\s*` in multiline mode ran over every following blank line from
    // every line start, quadratic in a head of blank lines.
    const fenced = /^[^\S\n\r\u2028\u2029]*(?:```|~~~)/m.test(text);
    if ((!fenced && /^[^\S\n\r\u2028\u2029]*(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+[(:])/m.test(text)) ||
        /^#!.*python/.test(text)) add('python');
    if (formats.length === 0) add('text');
  }
  if (binary && formats.length === 0 && isProtobufWire(head, headIsAll)) add('protobuf');
  if (formats.length === 0) add(binary ? 'unknown-binary' : 'text');

  const out: Sniffed = { formats, binary };
  if (hdf5Offset !== undefined) out.hdf5Offset = hdf5Offset;
  if (peConfirmed) out.peConfirmed = true;
  if (formats.includes('zip')) out.zip = { localHeaderAt0, eocdInTail };
  return out;
}

/**
 * Sniffing looks for the HDF5 superblock within the first 64 KiB only, however much head a caller buffered, so the
 * outcome does not depend on chunk sizes; hdf5-late.ts watches every later 512·2^k offset in the stream.
 */
export const HDF5_SNIFF_BYTES = 64 * 1024;

function findHdf5(head: Uint8Array): number | undefined {
  const limit = Math.min(head.length, HDF5_SNIFF_BYTES);
  for (let off = 0; off + 8 <= limit; off = off === 0 ? 512 : off * 2) {
    if (startsWith(head, HDF5_SIG, off)) return off;
  }
  return undefined;
}

/** A first block tarfile.open accepts (signed or unsigned checksum, Python's number grammar): see tar-header.ts. */
export function isTarHeader(h: Uint8Array): boolean {
  return isTarfileHeader(h);
}

export function parseOctal(field: Uint8Array): number | undefined {
  let s = '';
  for (const c of field) {
    if (c === 0 || c === 0x20) {
      if (s.length > 0) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return undefined;
    s += String.fromCharCode(c);
  }
  return s.length > 0 ? parseInt(s, 8) : undefined;
}

function isLzmaAlone(h: Uint8Array): boolean {
  // .lzma "alone": properties byte (lc/lp/pb < 225, 0x5d by default), dictionary size, u64 size or all-ones.
  if (h.length < 13 || (h[0] as number) >= 225 || h[0] !== 0x5d) return false;
  const dict = u32le(h, 1);
  if (dict < 4096 || (dict & (dict - 1)) !== 0) return false;
  let allOnes = true;
  for (let i = 5; i < 13; i++) if (h[i] !== 0xff) allOnes = false;
  return allOnes || (h[12] === 0 && h[11] === 0);
}

function isZlibHeader(h: Uint8Array): boolean {
  if (h.length < 2) return false;
  const cmf = h[0] as number;
  const flg = h[1] as number;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

function isSafetensorsHead(h: Uint8Array, size?: number): boolean {
  if (h.length < 10) return false;
  const n = u64leNumber(h, 0);
  if (n === undefined || n < 2 || n > 100_000_000) return false;
  if (size !== undefined && 8 + n > size) return false;
  for (let i = 8; i < Math.min(h.length, 8 + n); i++) {
    const c = h[i];
    if (c === 0x7b) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return false;
}

/**
 * A pickle without the protocol-2+ header: walk opcodes with a stack-depth model and accept when the walk reaches
 * STOP with a value on the stack, or runs through the whole head (a large pickle) without an impossible step.
 * Text rarely survives this: a letter that is not an opcode, or an opcode without its argument, rejects it.
 */
export function plausiblePickle(b: Uint8Array, atEof: boolean, minOps = 9): boolean {
  let i = 0;
  let depth = 0;
  const marks: number[] = [];
  let ops = 0;
  const line = (): string | undefined => {
    const nl = b.indexOf(0x0a, i);
    if (nl < 0 || nl - i > 4096) return undefined;
    let s = '';
    for (let k = i; k < nl; k++) s += String.fromCharCode(b[k] as number);
    i = nl + 1;
    return s;
  };
  const need = (n: number): boolean => i + n <= b.length;
  const popMark = (): boolean => {
    const mk = marks.pop();
    if (mk === undefined || mk > depth) return false;
    depth = mk;
    return true;
  };
  const ident = /^[A-Za-z_][\w.]*$/;
  while (i < b.length) {
    const op = b[i++] as number;
    ops++;
    const ch = String.fromCharCode(op);
    let ok = true;
    switch (ch) {
      case '(': marks.push(depth); break;
      case '.': return depth >= 1 && ops >= 2;
      case '0': ok = depth-- >= 1; break;
      case '1': ok = popMark(); break;
      case '2': ok = depth >= 1; depth++; break;
      case 'N': case ']': case '}': case ')': case '\x88': case '\x89': case '\x8f': case '\x97': depth++; break;
      case 'I': case 'L': { const s = line(); if (s === undefined) return !atEof && ops >= minOps; ok = /^-?(\d+|0x[0-9a-f]+)L?$/i.test(s.trim()); depth++; break; }
      case 'F': { const s = line(); if (s === undefined) return !atEof && ops >= minOps; ok = s.trim() !== '' && !Number.isNaN(Number(s)); depth++; break; }
      case 'S': { const s = line(); if (s === undefined) return !atEof && ops >= minOps; ok = /^(['"]).*\1$/s.test(s); depth++; break; }
      case 'V': { const s = line(); if (s === undefined) return !atEof && ops >= minOps; depth++; break; }
      case 'P': { const s = line(); if (s === undefined) return !atEof && ops >= minOps; ok = /^[\x20-\x7e]*$/.test(s); depth++; break; }
      case 'g': case 'p': { const s = line(); if (s === undefined) return !atEof && ops >= minOps; ok = /^\d+$/.test(s); if (ch === 'g') depth++; else ok = ok && depth >= 1; break; }
      case 'c': case 'i': {
        const mod = line(); const name = mod === undefined ? undefined : line();
        if (mod === undefined || name === undefined) return !atEof && ops >= minOps;
        ok = ident.test(mod) && ident.test(name);
        if (ch === 'c') depth++; else { ok = ok && popMark(); depth++; }
        break;
      }
      case 'J': if (!need(4)) return !atEof && ops >= minOps; i += 4; depth++; break;
      case 'K': if (!need(1)) return !atEof && ops >= minOps; i += 1; depth++; break;
      case 'M': if (!need(2)) return !atEof && ops >= minOps; i += 2; depth++; break;
      case 'G': if (!need(8)) return !atEof && ops >= minOps; i += 8; depth++; break;
      case 'T': case 'X': case 'B': { if (!need(4)) return !atEof && ops >= minOps; const n = u32le(b, i); i += 4 + n; depth++; if (i > b.length) return !atEof && ops >= minOps; break; }
      case 'U': case 'C': case '\x8c': { if (!need(1)) return !atEof && ops >= minOps; const n = b[i] as number; i += 1 + n; depth++; if (i > b.length) return !atEof && ops >= minOps; break; }
      case '\x8a': { if (!need(1)) return !atEof && ops >= minOps; const n = b[i] as number; i += 1 + n; depth++; break; }
      case '\x8b': { if (!need(4)) return !atEof && ops >= minOps; i += 4 + u32le(b, i); depth++; break; }
      case '\x8d': case '\x8e': case '\x96': { if (!need(8)) return !atEof && ops >= minOps; const n = u64leNumber(b, i); if (n === undefined) return false; i += 8 + n; depth++; break; }
      case 'h': case 'q': if (!need(1)) return !atEof && ops >= minOps; i += 1; if (ch === 'h') depth++; else ok = depth >= 1; break;
      case 'j': case 'r': if (!need(4)) return !atEof && ops >= minOps; i += 4; if (ch === 'j') depth++; else ok = depth >= 1; break;
      case '\x82': i += 1; depth++; break;
      case '\x83': i += 2; depth++; break;
      case '\x84': i += 4; depth++; break;
      case '\x95': i += 8; break;
      case '\x94': case '\x98': ok = depth >= 1; break;
      case 'Q': ok = depth >= 1; break;
      case 'R': case 'b': case '\x93': case '\x81': ok = depth >= 2; depth--; break;
      case 'a': ok = depth >= 2; depth--; break;
      case 's': ok = depth >= 3; depth -= 2; break;
      case '\x92': ok = depth >= 3; depth -= 2; break;
      case '\x85': ok = depth >= 1; break;
      case '\x86': ok = depth >= 2; depth--; break;
      case '\x87': ok = depth >= 3; depth -= 2; break;
      case 'd': case 'l': case 't': case '\x91': ok = popMark(); depth++; break;
      case 'o': ok = popMark(); depth++; break;
      case 'e': case 'u': case '\x90': ok = popMark() && depth >= 1; break;
      default: return false;
    }
    if (!ok || depth < 0) return false;
  }
  return !atEof && ops >= minOps;
}

/**
 * Protobuf wire format (ONNX models, SentencePiece `tokenizer.model`, TF graphs): every field in the head must
 * have a valid wire type, a small field number and a length inside the file. Random binary fails within bytes.
 */
export function isProtobufWire(b: Uint8Array, atEof: boolean): boolean {
  let i = 0;
  let fields = 0;
  const varint = (): number | undefined => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      if (i >= b.length) return undefined;
      const c = b[i++] as number;
      v += (c & 0x7f) * mul;
      mul *= 128;
      if ((c & 0x80) === 0) return v;
    }
    return undefined;
  };
  while (i < b.length) {
    const key = varint();
    if (key === undefined) return !atEof && fields >= 4;
    const wt = key % 8;
    const field = Math.floor(key / 8);
    if (field === 0 || field > 20000) return false;
    if (wt === 0) { if (varint() === undefined) return !atEof && fields >= 4; }
    else if (wt === 1) i += 8;
    else if (wt === 5) i += 4;
    else if (wt === 2) {
      const n = varint();
      if (n === undefined) return !atEof && fields >= 4;
      i += n;
    } else return false;
    fields++;
    if (i > b.length) return !atEof && fields >= 2;
  }
  return fields >= 1 && (atEof ? i === b.length : fields >= 4);
}
