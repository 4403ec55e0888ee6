// A torch-zip-shaped checkpoint laid out for streaming: headers are built here, tensor storage bytes are produced
// chunk by chunk by the caller, so a multi-GB file never sits in memory (used by tests and bench/scan-zip.ts).
import { crc32 } from 'node:zlib';
import { cat, enc, torchStateDictPickle, u16, u32, u64 } from './fixtures.js';

export interface StreamedZipPart { bytes?: Uint8Array; fill?: { length: number; byte: number } }

/** Parts of a stored, 64-byte aligned torch zip whose `tensors` storages each hold `storageBytes` bytes of `byte`. */
export function streamedTorchZip(tensors: number, storageBytes: number, byte = 0x3c): { parts: StreamedZipPart[]; size: number } {
  const parts: StreamedZipPart[] = [];
  let pos = 0;
  const central: Uint8Array[] = [];
  const numel = storageBytes / 4;
  const pkl = torchStateDictPickle(Array.from({ length: tensors }, (_v, i) => ({ name: `layers.${i}.weight`, key: String(i), numel, shape: [numel] })));
  // CRC of a constant fill, computed by chunks so the number matches what a real writer stores.
  const fillCrc = (len: number): number => {
    const block = new Uint8Array(1 << 20).fill(byte);
    let c = 0;
    for (let left = len; left > 0; left -= block.length) c = crc32(left >= block.length ? block : block.subarray(0, left), c);
    return c;
  };
  const constCrc = fillCrc(storageBytes);
  const add = (name: string, data: Uint8Array | number, crc: number): void => {
    const nb = enc(name);
    const size = typeof data === 'number' ? data : data.length;
    const big = size >= 0xffffffff || pos >= 0xffffffff;
    const base = pos + 30 + nb.length;
    const pad = (64 - ((base + 4 + (big ? 20 : 0)) % 64)) % 64;
    const z64local = big ? cat(u16(1), u16(16), u64(size), u64(size)) : new Uint8Array(0);
    const extra = cat(z64local, u16(0x4246), u16(pad), new Uint8Array(pad).fill(0x5a));
    const local = pos;
    const h = cat(u32(0x04034b50), u16(big ? 45 : 20), u16(0), u16(0), u16(0), u16(0x21), u32(crc), u32(big ? 0xffffffff : size), u32(big ? 0xffffffff : size),
      u16(nb.length), u16(extra.length), nb, extra);
    parts.push({ bytes: h });
    pos += h.length;
    if (typeof data === 'number') parts.push({ fill: { length: data, byte } });
    else parts.push({ bytes: data });
    pos += size;
    const x64 = big || local >= 0xffffffff ? cat(u16(1), u16(24), u64(size), u64(size), u64(local)) : new Uint8Array(0);
    const sat = x64.length > 0;
    central.push(cat(u32(0x02014b50), u16(0x031e), u16(sat ? 45 : 20), u16(0), u16(0), u16(0), u16(0x21), u32(crc),
      u32(sat ? 0xffffffff : size), u32(sat ? 0xffffffff : size), u16(nb.length), u16(x64.length), u16(0), u16(0), u16(0), u32(0), u32(sat ? 0xffffffff : local), nb, x64));
  };
  add('archive/data.pkl', pkl, crc32(pkl));
  add('archive/byteorder', enc('little'), crc32(enc('little')));
  for (let i = 0; i < tensors; i++) add(`archive/data/${i}`, storageBytes, constCrc);
  add('archive/version', enc('3\n'), crc32(enc('3\n')));
  add('archive/.data/serialization_id', enc('0123456789'), crc32(enc('0123456789')));
  const cdStart = pos;
  const cd = cat(...central);
  pos += cd.length;
  const n = central.length;
  const rec = pos;
  const end = cat(
    cat(u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(n), u64(n), u64(cd.length), u64(cdStart)),
    cat(u32(0x07064b50), u32(0), u64(rec), u32(1)),
    cat(u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(0)));
  parts.push({ bytes: cat(cd, end) });
  pos += end.length;
  return { parts, size: pos };
}

/** Yields the file's bytes in chunks of at most `chunk` (fill parts reuse one buffer: consumers must not keep it). */
export function* streamParts(parts: StreamedZipPart[], chunk = 1 << 20): Generator<Uint8Array> {
  const blocks = new Map<number, Uint8Array>();
  for (const p of parts) {
    if (p.bytes) {
      for (let i = 0; i < p.bytes.length; i += chunk) yield p.bytes.subarray(i, i + chunk);
    } else if (p.fill) {
      let block = blocks.get(p.fill.byte);
      if (!block) blocks.set(p.fill.byte, (block = new Uint8Array(chunk).fill(p.fill.byte)));
      for (let left = p.fill.length; left > 0; left -= chunk) yield left >= chunk ? block : block.subarray(0, left);
    }
  }
}

/** The last `n` bytes of the file (the central directory and end records). */
export function tailOf(parts: StreamedZipPart[], size: number, n: number): Uint8Array {
  const out = new Uint8Array(Math.min(n, size));
  let pos = 0;
  const start = size - out.length;
  for (const p of parts) {
    const len = p.bytes ? p.bytes.length : (p.fill as { length: number }).length;
    const lo = Math.max(pos, start);
    const hi = pos + len;
    if (hi > lo) {
      if (p.bytes) out.set(p.bytes.subarray(lo - pos, hi - pos), lo - start);
      else out.fill((p.fill as { byte: number }).byte, lo - start, hi - start);
    }
    pos += len;
  }
  return out;
}
