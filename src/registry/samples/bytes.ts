// Byte builders for the sample repositories: real formats written byte by byte (nothing is pickled or run).
import { crc32 } from 'node:zlib';

/** A safetensors file: 8-byte LE header length, JSON header padded with spaces to 8 bytes, then the data. */
export function safetensorsBytes(tensors: Record<string, { dtype: 'F32' | 'F16' | 'BF16' | 'I64'; shape: number[] }>, metadata?: Record<string, string>): Buffer {
  const width = { F32: 4, F16: 2, BF16: 2, I64: 8 } as const;
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = t.shape.reduce((a, b) => a * b, 1) * width[t.dtype];
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  const data = Buffer.alloc(offset);
  for (let i = 0; i < offset; i++) data[i] = (i * 31 + 7) & 0xff;
  return Buffer.concat([len, Buffer.from(json, 'utf8'), data]);
}

/** A zip of stored (uncompressed) members, as torch.save writes them. */
export function storedZip(members: { name: string; data: Uint8Array }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const crc = crc32(m.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(m.data.byteLength, 18);
    local.writeUInt32LE(m.data.byteLength, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(m.data.byteLength, 20);
    central.writeUInt32LE(m.data.byteLength, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(m.data));
    centrals.push(central, name);
    offset += 30 + name.length + m.data.byteLength;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Protocol-2 pickle bytes calling `module.name(arg)`: PROTO 2, GLOBAL, BINUNICODE arg, TUPLE1, REDUCE, STOP. */
export function pickleCall(module: string, name: string, arg: string): Buffer {
  const text = Buffer.from(arg, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(text.length);
  return Buffer.concat([
    Buffer.from([0x80, 0x02]),
    Buffer.from(`c${module}\n${name}\n`, 'latin1'),
    Buffer.from([0x58]),
    len,
    text,
    Buffer.from([0x85, 0x52, 0x2e])
  ]);
}
