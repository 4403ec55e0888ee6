// Zip central directories as the two loaders that matter read them, from the file's tail:
// - Python's zipfile (CPython 3.11 Lib/zipfile.py: _EndRecData, _EndRecData64, _RealGetContents, _decodeExtra):
//   numpy's .npz, Keras' .keras, pandas' zip pickles;
// - miniz 2.1 (mz_zip_reader_read_central_dir, mz_zip_file_stat_internal), which torch's PyTorchStreamReader
//   (caffe2/serialize/inline_container.cc) uses for torch.load and torch.jit.load.
// They disagree on purpose-built files: which end record wins, where the zip64 record is (Python: right before the
// locator; miniz: where the locator points), whether prepended data shifts offsets (Python: yes), whether the entry
// count or the directory size ends the directory (miniz: count; Python: size), which duplicate a name means
// (Python: the last; miniz: a case-insensitive binary search). Each reading is kept; the stream scanner scans the
// union and reports where they differ.
import { finding } from '../../core/findings.js';
import type { Finding } from '../../core/findings.js';
import { lastIndexOfBytes, startsWith, u16le, u32le, u64le } from '../bytes.js';

export type ZipReader = 'zipfile' | 'torch';

export interface ZipEntry {
  /** The name as the reader decodes it (zipfile: UTF-8 or cp437, cut at NUL). */
  name: string;
  /** Index in that reader's directory order. */
  index: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Absolute offset of the local header (zipfile adds its `concat` shift). */
  localOffset: number;
  /** The name's bytes in the central directory (the local header should repeat them). */
  nameBytes: Uint8Array;
  /** zipfile compares the local name with this (decoded, before the NUL cut). */
  origName: string;
  reader: ZipReader;
}

export interface ZipView {
  reader: ZipReader;
  entries: ZipEntry[];
  cdOffset: number;
  cdSize: number;
  eocdOffset: number;
  zip64: boolean;
  /** zipfile's `concat`: how far every offset is shifted (data prepended to the archive). */
  shift: number;
}

export interface CentralDirectory {
  /** Every entry of every reading (a physical member read by both appears once per reader). */
  entries: ZipEntry[];
  /** The readings that succeeded, and why the others failed. */
  views: ZipView[];
  failures: { reader: ZipReader; reason: string }[];
  /** Where metadata starts: bytes from here on are directory and end records, read from the tail. */
  cdOffset: number;
  cdSize: number;
  eocdOffset: number;
  endOfZip: number;
  zip64: boolean;
  comment: string;
  /** Other end-record signatures that look plausible (checked against member data at the end of the stream). */
  otherEocds: number[];
  findings: Finding[];
}

export class ZipDirectoryError extends Error {
  constructor(message: string, readonly needTail?: number) {
    super(message);
  }
}

const EOCD_SIG = 0x06054b50;
/** EOCD_SIG as it is stored (little-endian): sniffing and the backward searches look for these bytes. */
export const EOCD_BYTES: readonly number[] = [0x50, 0x4b, 0x05, 0x06];
const CD_SIG = 0x02014b50;
const Z64_LOC_SIG = 0x07064b50;
const Z64_EOCD_SIG = 0x06064b50;
const U32MAX = 0xffffffff;
const MAX_EXTRACT_VERSION = 63;

class ViewFailure extends Error {}
class NeedTail extends Error {
  constructor(readonly need: number) {
    super(`needs the last ${need} bytes`);
  }
}

/** Random access into the tail; reads before it ask for a longer tail. */
class Tail {
  readonly start: number;
  constructor(readonly b: Uint8Array, readonly size: number) {
    this.start = size - b.length;
  }
  has(abs: number, len: number): boolean {
    return abs >= this.start && abs + len <= this.size;
  }
  need(abs: number): void {
    if (abs < this.start) throw new NeedTail(this.size - abs);
  }
  u16(abs: number): number {
    this.need(abs);
    return u16le(this.b, abs - this.start);
  }
  u32(abs: number): number {
    this.need(abs);
    return u32le(this.b, abs - this.start);
  }
  u64(abs: number): bigint {
    this.need(abs);
    return u64le(this.b, abs - this.start);
  }
  bytes(abs: number, len: number): Uint8Array {
    this.need(abs);
    const from = abs - this.start;
    return this.b.slice(from, Math.min(this.b.length, from + len));
  }
  sigAt(abs: number): boolean {
    return abs >= this.start && abs + 4 <= this.size && this.b[abs - this.start] === 0x50 && this.u32(abs) === EOCD_SIG;
  }
  /** The last end-record signature at or before `abs` and at or after `floor`, or -1 (what a walk back with sigAt finds). */
  lastSig(abs: number, floor: number): number {
    const i = lastIndexOfBytes(this.b, EOCD_BYTES, abs - this.start, floor - this.start);
    return i < 0 ? -1 : i + this.start;
  }
}

const big = (v: bigint, what: string): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ViewFailure(`${what} is out of range`);
  return Number(v);
};

/** zipfile's end record: the last 22 bytes when they are one without a comment, else the last signature in 64 KiB. */
function pythonEocd(t: Tail): number | undefined {
  const size = t.size;
  if (size < 22) return undefined;
  if (t.sigAt(size - 22) && t.u16(size - 2) === 0) return size - 22;
  const from = Math.max(size - 65536 - 22, 0);
  t.need(from);
  const p = t.lastSig(size - 4, from);
  if (p >= 0) return size - p >= 22 ? p : undefined; // a signature too close to the end: "not a zip file"
  return undefined;
}

/** miniz's end record: scanning back in 4 KiB reads, the last signature with 22 bytes after it, within ~64 KiB. */
function minizEocd(t: Tail): number | undefined {
  const size = t.size;
  if (size < 22) return undefined;
  let cur = Math.max(size - 4096, 0);
  for (;;) {
    t.need(cur);
    const n = Math.min(4096, size - cur);
    for (let p = t.lastSig(cur + n - 4, cur); p >= 0; p = t.lastSig(p - 1, cur)) {
      if (size - p >= 22) return p;
    }
    if (cur === 0 || size - cur >= 65535 + 22) return undefined;
    cur = Math.max(cur - (4096 - 3), 0);
  }
}

/** IBM code page 437, the zip default when the UTF-8 flag is clear (ASCII range maps to itself). */
export function cp437(b: Uint8Array): string {
  const hi = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
  let s = '';
  for (const c of b) s += c < 0x80 ? String.fromCharCode(c) : (hi[c - 0x80] as string);
  return s;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A name as zipfile decodes it; throws (zipfile refuses the archive) on invalid UTF-8 under the UTF-8 flag. */
export function zipfileName(raw: Uint8Array, flags: number): string {
  if (flags & 0x800) {
    try {
      return strictUtf8.decode(raw);
    } catch {
      throw new ViewFailure('a name flagged UTF-8 is not valid UTF-8');
    }
  }
  return cp437(raw);
}

function pythonView(t: Tail, maxEntries: number): ZipView {
  const eocd = pythonEocd(t);
  if (eocd === undefined) throw new ViewFailure('no end-of-central-directory record where zipfile looks (File is not a zip file)');
  let cdSize = t.u32(eocd + 12);
  let cdOffset = t.u32(eocd + 16);
  let zip64 = false;
  const loc = eocd - 20;
  if (loc >= 0 && t.has(loc, 20) && t.u32(loc) === Z64_LOC_SIG) {
    if (t.u32(loc + 4) !== 0 || t.u32(loc + 16) > 1) throw new ViewFailure('zipfiles that span multiple disks are not supported');
    // zipfile assumes no zip64 extensible data: the record sits right before the locator, wherever the locator points.
    const rec = loc - 56;
    if (rec >= 0) {
      t.need(rec);
      if (t.u32(rec) === Z64_EOCD_SIG) {
        zip64 = true;
        cdSize = big(t.u64(rec + 40), 'the zip64 directory size');
        cdOffset = big(t.u64(rec + 48), 'the zip64 directory offset');
      }
    }
  }
  const concat = eocd - cdSize - cdOffset - (zip64 ? 76 : 0);
  const start = cdOffset + concat;
  if (start < 0) throw new ViewFailure('Bad offset for central directory');
  t.need(start);
  const avail = Math.min(cdSize, t.size - start);
  const entries: ZipEntry[] = [];
  let p = start;
  const stop = start + avail;
  while (p - start < cdSize) {
    if (p + 46 > stop) throw new ViewFailure('Truncated central directory');
    if (t.u32(p) !== CD_SIG) throw new ViewFailure('Bad magic number for central directory');
    const extractVersion = t.b[p - t.start + 6] as number;
    const flags = t.u16(p + 8);
    const method = t.u16(p + 10);
    const crc = t.u32(p + 16);
    let csize = t.u32(p + 20);
    let usize = t.u32(p + 24);
    const nlen = t.u16(p + 28);
    const xlen = t.u16(p + 30);
    const clen = t.u16(p + 32);
    let local = t.u32(p + 42);
    if (p + 46 + nlen + xlen + clen > stop) throw new ViewFailure('Truncated central directory');
    const nameBytes = t.bytes(p + 46, nlen);
    if (extractVersion > MAX_EXTRACT_VERSION) throw new ViewFailure(`zip file version ${(extractVersion / 10).toFixed(1)} (NotImplementedError)`);
    const orig = zipfileName(nameBytes, flags);
    const nul = orig.indexOf('\0');
    const name = nul >= 0 ? orig.slice(0, nul) : orig;
    // _decodeExtra: each field must fit; the zip64 field supplies the saturated values in order.
    let x = p + 46 + nlen;
    const xEnd = x + xlen;
    while (xEnd - x >= 4) {
      const id = t.u16(x);
      const len = t.u16(x + 2);
      if (len + 4 > xEnd - x) throw new ViewFailure(`Corrupt extra field ${id.toString(16).padStart(4, '0')} (size=${len})`);
      if (id === 0x0001) {
        let q = x + 4;
        const qEnd = q + len;
        const take = (what: string): number => {
          if (q + 8 > qEnd) throw new ViewFailure(`Corrupt zip64 extra field. ${what} not found.`);
          const v = big(t.u64(q), what);
          q += 8;
          return v;
        };
        if (usize === U32MAX) usize = take('File size');
        if (csize === U32MAX) csize = take('Compress size');
        if (local === U32MAX) local = take('Header offset');
      }
      x += 4 + len;
    }
    entries.push({ name, origName: orig, index: entries.length, flags, method, crc, compressedSize: csize, uncompressedSize: usize,
      localOffset: local + concat, nameBytes, reader: 'zipfile' });
    if (entries.length > maxEntries) throw new ZipDirectoryError(`more than ${maxEntries} entries`);
    p += 46 + nlen + xlen + clen;
  }
  return { reader: 'zipfile', entries, cdOffset: start, cdSize, eocdOffset: eocd, zip64, shift: concat };
}

function minizView(t: Tail, maxEntries: number): ZipView {
  const size = t.size;
  const eocd = minizEocd(t);
  if (eocd === undefined) throw new ViewFailure('miniz finds no end-of-central-directory record (MZ_ZIP_FAILED_FINDING_CENTRAL_DIR)');
  let total = t.u16(eocd + 10);
  let onDisk = t.u16(eocd + 8);
  let thisDisk = t.u16(eocd + 4);
  let cdDisk = t.u16(eocd + 6);
  let cdSize = t.u32(eocd + 12);
  let cdOffset = t.u32(eocd + 16);
  let zip64 = false;
  if (eocd >= 76) {
    const loc = eocd - 20;
    if (t.u32(loc) === Z64_LOC_SIG) {
      const recBig = t.u64(loc + 8);
      if (recBig > BigInt(size - 56)) throw new ViewFailure('the zip64 locator points past the file (MZ_ZIP_NOT_AN_ARCHIVE)');
      const rec = Number(recBig);
      t.need(rec);
      if (t.u32(rec) === Z64_EOCD_SIG) {
        zip64 = true;
        if (t.u64(rec + 4) < 44n) throw new ViewFailure('zip64 end record too small');
        if (t.u32(loc + 16) !== 1) throw new ViewFailure('multi-disk zip64 (MZ_ZIP_UNSUPPORTED_MULTIDISK)');
        const t64 = t.u64(rec + 32);
        const d64 = t.u64(rec + 24);
        const s64 = t.u64(rec + 40);
        if (t64 > 0xffffffffn || d64 > 0xffffffffn) throw new ViewFailure('too many files');
        if (s64 > 0xffffffffn) throw new ViewFailure('central directory too large');
        total = Number(t64);
        onDisk = Number(d64);
        cdSize = Number(s64);
        thisDisk = t.u32(rec + 16);
        cdDisk = t.u32(rec + 20);
        cdOffset = big(t.u64(rec + 48), 'the zip64 directory offset');
      }
    }
  }
  if (total !== onDisk) throw new ViewFailure('entry counts disagree (MZ_ZIP_UNSUPPORTED_MULTIDISK)');
  if ((thisDisk | cdDisk) !== 0 && (thisDisk !== 1 || cdDisk !== 1)) throw new ViewFailure('multi-disk archive (MZ_ZIP_UNSUPPORTED_MULTIDISK)');
  if (cdSize < total * 46) throw new ViewFailure('central directory smaller than its entries (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)');
  if (cdOffset + cdSize > size) throw new ViewFailure('central directory past the end (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)');
  if (total > maxEntries) throw new ZipDirectoryError(`${total} entries exceed the limit of ${maxEntries}`);
  t.need(cdOffset);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let n = cdSize;
  for (let i = 0; i < total; i++) {
    if (n < 46 || t.u32(p) !== CD_SIG) throw new ViewFailure(`central directory entry #${i} is malformed (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    const flags = t.u16(p + 8);
    const method = t.u16(p + 10);
    const crc = t.u32(p + 16);
    let csize = t.u32(p + 20);
    let usize = t.u32(p + 24);
    const nlen = t.u16(p + 28);
    const xlen = t.u16(p + 30);
    const clen = t.u16(p + 32);
    const disk = t.u16(p + 34);
    let local = t.u32(p + 42);
    if (csize !== U32MAX && usize !== U32MAX) {
      // miniz reads the method as 32 bits (method and time): the stored-size check only bites when both are zero.
      if ((t.u32(p + 10) === 0 && usize !== csize) || (usize !== 0 && csize === 0)) throw new ViewFailure(`entry #${i} sizes are inconsistent (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    }
    if (disk === 0xffff || (disk !== thisDisk && disk !== 1)) throw new ViewFailure(`entry #${i} is on another disk (MZ_ZIP_UNSUPPORTED_MULTIDISK)`);
    if (csize !== U32MAX && local + 30 + csize > size) throw new ViewFailure(`entry #${i} runs past the end of the file (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    if (flags & 0x2000) throw new ViewFailure(`entry #${i} has a masked local directory (MZ_ZIP_UNSUPPORTED_ENCRYPTION)`);
    if (46 + nlen + xlen + clen > n) throw new ViewFailure(`entry #${i} runs past the directory (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    const nameBytes = t.bytes(p + 46, nlen);
    if (Math.max(csize, usize, local) === U32MAX && xlen > 0) {
      let x = p + 46 + nlen;
      let left = xlen;
      while (left > 0) {
        if (left < 4) throw new ViewFailure(`entry #${i} extra field is corrupt`);
        const id = t.u16(x);
        const len = t.u16(x + 2);
        if (len + 4 > left) throw new ViewFailure(`entry #${i} extra field is corrupt`);
        if (id === 0x0001) {
          let q = x + 4;
          let r = len;
          const take = (): number => {
            if (r < 8) throw new ViewFailure(`entry #${i} zip64 field is too short`);
            const v = big(t.u64(q), 'a zip64 value');
            q += 8;
            r -= 8;
            return v;
          };
          if (usize === U32MAX) usize = take();
          if (csize === U32MAX) csize = take();
          if (local === U32MAX) local = take();
          break;
        }
        x += 4 + len;
        left -= 4 + len;
      }
    }
    entries.push({ name: latin1Name(nameBytes), origName: latin1Name(nameBytes), index: i, flags, method, crc, compressedSize: csize,
      uncompressedSize: usize, localOffset: local, nameBytes, reader: 'torch' });
    p += 46 + nlen + xlen + clen;
    n -= 46 + nlen + xlen + clen;
  }
  return { reader: 'torch', entries, cdOffset, cdSize, eocdOffset: eocd, zip64, shift: 0 };
}

/** miniz names are bytes; shown as UTF-8 when they decode, byte for byte otherwise. */
function latin1Name(b: Uint8Array): string {
  try {
    return strictUtf8.decode(b);
  } catch {
    let s = '';
    for (const c of b) s += String.fromCharCode(c);
    return s;
  }
}

/**
 * Reads the central directory from `tail`, the last `tail.length` bytes of a `size`-byte file, as zipfile and as
 * torch's miniz read it. Throws ZipDirectoryError (with `needTail` when a longer tail would do) when neither can.
 */
export function readCentralDirectory(tail: Uint8Array, size: number, path: string, maxEntries: number): CentralDirectory {
  const t = new Tail(tail, size);
  const views: ZipView[] = [];
  const failures: { reader: ZipReader; reason: string }[] = [];
  let need = 0;
  for (const [reader, read] of [['zipfile', pythonView], ['torch', minizView]] as const) {
    try {
      views.push(read(t, maxEntries));
    } catch (err) {
      if (err instanceof NeedTail) need = Math.max(need, err.need);
      else if (err instanceof ViewFailure) failures.push({ reader, reason: err.message });
      else throw err;
    }
  }
  // A reader that needs bytes before the tail may read differently once it has them: ask for them first.
  if (need > 0) throw new ZipDirectoryError(`the central directory lies before the last ${tail.length} bytes`, Math.min(size, need));
  if (views.length === 0) {
    throw new ZipDirectoryError((failures.map((f) => `${f.reader}: ${f.reason}`).join('; ')) || 'no end-of-central-directory record');
  }
  const findings: Finding[] = [];
  const first = views[0] as ZipView;
  const eocdOffset = Math.max(...views.map((v) => v.eocdOffset));
  const commentLen = t.u16(eocdOffset + 20);
  const endOfZip = eocdOffset + 22 + commentLen;
  let comment = '';
  for (const c of t.bytes(eocdOffset + 22, Math.min(commentLen, size - eocdOffset - 22))) comment += String.fromCharCode(c);
  if (endOfZip < size) {
    findings.push(finding('zip.trailing-data', 'high', `${size - endOfZip} bytes follow the end of the zip (polyglot or hidden data)`, { file: path, offset: endOfZip }));
  } else if (endOfZip > size) {
    findings.push(finding('zip.comment-length', 'high', `The end record announces a ${commentLen}-byte comment but only ${size - eocdOffset - 22} bytes follow: zip readers ignore the lie, other tools do not`, {
      file: path, offset: eocdOffset + 20 }));
  }
  const disk = t.u16(eocdOffset + 4);
  const cdDisk = t.u16(eocdOffset + 6);
  if (disk !== 0 || cdDisk !== 0) findings.push(finding('zip.multi-disk', 'high', 'Multi-disk zip: loaders and scanners disagree on such files', { file: path, offset: eocdOffset }));
  for (const v of views) {
    if (v.zip64) {
      const stated = t.u32(v.eocdOffset + 16);
      const count = t.u16(v.eocdOffset + 10);
      if ((stated !== U32MAX && stated !== v.cdOffset - v.shift) || (count !== 0xffff && count !== v.entries.length)) {
        findings.push(finding('zip.zip64-inconsistent', 'high', 'zip64 and classic end records disagree on the directory: tools that skip zip64 read other entries', {
          file: path, offset: v.eocdOffset, evidence: `classic ${count} entries @${stated}, zip64 ${v.entries.length} entries @${v.cdOffset - v.shift}` }));
      }
      continue;
    }
    const e = v.eocdOffset;
    if (t.u16(e + 8) === 0xffff || t.u16(e + 10) === 0xffff || t.u32(e + 12) === U32MAX || t.u32(e + 16) === U32MAX) {
      findings.push(finding('zip.zip64-inconsistent', 'high', `End record has zip64 markers but ${v.reader === 'zipfile' ? 'zipfile' : 'torch'} finds no zip64 record`, { file: path, offset: e }));
    }
  }
  const py = views.find((v) => v.reader === 'zipfile');
  if (py) {
    const e = py.eocdOffset;
    const classicTotal = t.u16(e + 10);
    if (!py.zip64 && classicTotal !== py.entries.length && classicTotal !== 0xffff) {
      findings.push(finding('zip.entry-count', 'high', `The end record counts ${classicTotal} entries but the directory holds ${py.entries.length}: zipfile reads by size, torch by count`, { file: path, offset: e }));
    }
    if (py.shift > 0) {
      findings.push(finding('zip.prepended-data', 'high', `The central directory sits ${py.shift} bytes after where it says: data was prepended; zipfile shifts every offset, torch does not`, { file: path, offset: 0 }));
    } else if (py.shift < 0) {
      findings.push(finding('zip.invalid-offsets', 'high', 'The central directory overlaps its end record', { file: path, offset: py.cdOffset }));
    }
  }
  // Where bytes stop being members: the earliest directory any reader uses.
  const cdOffset = Math.min(...views.map((v) => v.cdOffset));
  const cdSize = Math.max(...views.map((v) => v.cdOffset + v.cdSize)) - cdOffset;
  // Other end records a different tool could pick: plausible signatures in the last 64 KiB besides the ones used.
  const otherEocds: number[] = [];
  const windowStart = Math.max(t.start, size - 65557 - 4096);
  for (let p = t.lastSig(size - 22, windowStart); p >= 0; p = t.lastSig(p - 1, windowStart)) {
    if (views.some((v) => v.eocdOffset === p)) continue;
    const z64 = t.u16(p + 8) === 0xffff || t.u16(p + 10) === 0xffff || t.u32(p + 12) === U32MAX || t.u32(p + 16) === U32MAX;
    const total = t.u16(p + 10);
    const plausible = z64 || ((t.u16(p + 4) === 0) && (t.u16(p + 6) === 0) && t.u16(p + 8) <= total && t.u32(p + 12) >= total * 46 &&
      t.u32(p + 16) + t.u32(p + 12) <= p);
    if (plausible) otherEocds.push(p);
  }
  const entries = views.flatMap((v) => v.entries);
  return {
    entries, views, failures, cdOffset, cdSize, eocdOffset, endOfZip: Math.min(endOfZip, size),
    zip64: views.some((v) => v.zip64) || first.zip64, comment, otherEocds, findings
  };
}

/** True when the bytes at `at` in `b` start a local file header. */
export function isLocalHeader(b: Uint8Array, at = 0): boolean {
  return startsWith(b, [0x50, 0x4b, 0x03, 0x04], at);
}
