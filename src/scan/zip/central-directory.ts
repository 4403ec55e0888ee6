// Zip central directory, read from the file's tail the way loaders do (PyTorch's miniz, Python's zipfile): find
// the end-of-central-directory record from the end, follow zip64 when present, and list entries with
// central-directory names. Anomalies are returned as findings; only a directory we cannot read is an error.
import { finding } from '../../core/findings.js';
import type { Finding } from '../../core/findings.js';
import { latin1, u16le, u32le, u64leNumber, utf8 } from '../bytes.js';

import { eocdFields, findEocd } from '../sniff.js';

export interface ZipEntry {
  /** Central-directory name (what loaders use). */
  name: string;
  index: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Extra field length in the central directory (the local one may differ). */
  nameBytes: Uint8Array;
}

export interface CentralDirectory {
  entries: ZipEntry[];
  /** Absolute offsets. */
  cdOffset: number;
  cdSize: number;
  eocdOffset: number;
  /** End of the EOCD record and its comment. */
  endOfZip: number;
  zip64: boolean;
  comment: string;
  findings: Finding[];
}

export class ZipDirectoryError extends Error {
  constructor(message: string, readonly needTail?: number) {
    super(message);
  }
}

const CD_SIG = 0x02014b50;
const Z64_LOC_SIG = 0x07064b50;
const Z64_EOCD_SIG = 0x06064b50;

/**
 * Reads the central directory from `tail`, the last `tail.length` bytes of a `size`-byte file.
 * Throws ZipDirectoryError (with `needTail` when a longer tail would do) when it cannot be read.
 */
export function readCentralDirectory(tail: Uint8Array, size: number, path: string, maxEntries: number): CentralDirectory {
  const findings: Finding[] = [];
  const tailStart = size - tail.length;
  const at = (abs: number): number => abs - tailStart; // absolute → index in tail
  const e = findEocd(tail, size);
  if (e < 0) throw new ZipDirectoryError('no end-of-central-directory record in the last bytes of the file', Math.min(size, 65557));
  const eocdOffset = tailStart + e;
  const commentLen = u16le(tail, e + 20);
  const endOfZip = eocdOffset + 22 + commentLen;
  if (endOfZip > size) throw new ZipDirectoryError('the end-of-central-directory comment runs past the end of the file');
  const comment = latin1(tail.subarray(e + 22, e + 22 + commentLen));
  if (endOfZip < size) {
    findings.push(finding('zip.trailing-data', 'high', `${size - endOfZip} bytes follow the end of the zip (polyglot or hidden data)`, { file: path, offset: endOfZip }));
  }
  const eocd = eocdFields(tail, e);
  const { disk, cdDisk } = eocd;
  let { onDisk: diskEntries, total, cdSize, cdOffset } = eocd;
  if (disk !== 0 || cdDisk !== 0) findings.push(finding('zip.multi-disk', 'high', 'Multi-disk zip: loaders and scanners disagree on such files', { file: path, offset: eocdOffset }));
  let zip64 = false;
  let cdEnd = eocdOffset; // where the central directory should end
  const loc = e - 20;
  if (loc >= 0 && u32le(tail, loc) === Z64_LOC_SIG) {
    zip64 = true;
    const recOffset = u64leNumber(tail, loc + 8);
    if (recOffset === undefined || recOffset >= size) throw new ZipDirectoryError('zip64 locator points outside the file');
    const r = at(recOffset);
    if (r < 0) throw new ZipDirectoryError('zip64 end-of-central-directory record lies before the tail', size - recOffset);
    if (u32le(tail, r) !== Z64_EOCD_SIG) throw new ZipDirectoryError('zip64 locator does not point at a zip64 end-of-central-directory record');
    const d64 = u64leNumber(tail, r + 24);
    const t64 = u64leNumber(tail, r + 32);
    const s64 = u64leNumber(tail, r + 40);
    const o64 = u64leNumber(tail, r + 48);
    if (d64 === undefined || t64 === undefined || s64 === undefined || o64 === undefined) throw new ZipDirectoryError('zip64 sizes are out of range');
    const clash = (v32: number, max: number, v64: number): boolean => v32 !== max && v32 !== v64;
    if (clash(diskEntries, 0xffff, d64) || clash(total, 0xffff, t64) || clash(cdSize, 0xffffffff, s64) || clash(cdOffset, 0xffffffff, o64)) {
      findings.push(finding('zip.zip64-inconsistent', 'high', 'zip64 and classic end records disagree: different tools will see different entries', {
        file: path, offset: recOffset, evidence: `classic ${total} entries @${cdOffset}+${cdSize}, zip64 ${t64} entries @${o64}+${s64}` }));
    }
    diskEntries = d64; total = t64; cdSize = s64; cdOffset = o64;
    cdEnd = recOffset;
    if (recOffset + 56 > loc + tailStart) findings.push(finding('zip.zip64-inconsistent', 'high', 'zip64 record overlaps its locator', { file: path, offset: recOffset }));
  } else if (diskEntries === 0xffff || total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    findings.push(finding('zip.zip64-inconsistent', 'high', 'End record has zip64 markers but no zip64 locator', { file: path, offset: eocdOffset }));
  }
  if (diskEntries !== total) findings.push(finding('zip.zip64-inconsistent', 'high', `End record counts ${diskEntries} entries on this disk but ${total} in total`, { file: path, offset: eocdOffset }));
  if (total > maxEntries) throw new ZipDirectoryError(`${total} entries exceed the limit of ${maxEntries}`);
  // Loaders differ on prepended data: zipfile shifts every offset by (cdEnd - cdSize - cdOffset), miniz does not.
  const shift = cdEnd - cdSize - cdOffset;
  if (shift !== 0) {
    findings.push(finding(shift > 0 ? 'zip.prepended-data' : 'zip.invalid-offsets', 'high',
      shift > 0 ? `The central directory sits ${shift} bytes after where it says: data was prepended (polyglot); zip readers disagree on such files`
        : 'The central directory overlaps its end record', { file: path, offset: cdOffset }));
  }
  const cdStart = cdOffset;
  if (cdStart < 0 || cdStart + cdSize > size) throw new ZipDirectoryError('the central directory lies outside the file');
  if (cdStart < tailStart) throw new ZipDirectoryError('the central directory starts before the tail that was read', size - cdStart);
  const entries: ZipEntry[] = [];
  let p = at(cdStart);
  const stop = at(cdStart + cdSize);
  for (let i = 0; i < total; i++) {
    if (p + 46 > stop || u32le(tail, p) !== CD_SIG) {
      throw new ZipDirectoryError(`central directory entry #${i} is missing or malformed (${total} announced)`);
    }
    const flags = u16le(tail, p + 8);
    const method = u16le(tail, p + 10);
    const crc = u32le(tail, p + 16);
    let csize = u32le(tail, p + 20);
    let usize = u32le(tail, p + 24);
    const nlen = u16le(tail, p + 28);
    const xlen = u16le(tail, p + 30);
    const clen = u16le(tail, p + 32);
    let local = u32le(tail, p + 42);
    if (p + 46 + nlen + xlen + clen > stop) throw new ZipDirectoryError(`central directory entry #${i} runs past the directory`);
    const nameBytes = tail.slice(p + 46, p + 46 + nlen);
    const name = flags & 0x800 ? utf8(nameBytes) : cp437(nameBytes);
    // zip64 extended information: only the fields whose classic value is saturated are present, in this order.
    let x = p + 46 + nlen;
    const xEnd = x + xlen;
    while (x + 4 <= xEnd) {
      const id = u16le(tail, x);
      const len = u16le(tail, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const next = (): number | undefined => {
          if (q + 8 > x + 4 + len) return undefined;
          const v = u64leNumber(tail, q);
          q += 8;
          return v;
        };
        if (usize === 0xffffffff) usize = next() ?? -1;
        if (csize === 0xffffffff) csize = next() ?? -1;
        if (local === 0xffffffff) local = next() ?? -1;
        if (usize < 0 || csize < 0 || local < 0) throw new ZipDirectoryError(`entry "${name}" has a malformed zip64 extra field`);
        zip64 = true;
      }
      x += 4 + len;
    }
    entries.push({ name, index: i, flags, method, crc, compressedSize: csize, uncompressedSize: usize, localOffset: local, nameBytes });
    p += 46 + nlen + xlen + clen;
  }
  if (p !== stop) findings.push(finding('zip.hidden-data', 'high', `${stop - p} unexplained bytes inside the central directory`, { file: path, offset: tailStart + p }));
  return { entries, cdOffset, cdSize, eocdOffset, endOfZip, zip64, comment, findings };
}

/** IBM code page 437, the zip default when the UTF-8 flag is clear (ASCII range maps to itself). */
function cp437(b: Uint8Array): string {
  const hi = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
  let s = '';
  for (const c of b) s += c < 0x80 ? String.fromCharCode(c) : (hi[c - 0x80] as string);
  return s;
}
