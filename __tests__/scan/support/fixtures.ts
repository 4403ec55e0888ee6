// Byte-level builders for the shapes real tools write (torch.save zips, numpy .npy/.npz, safetensors, GGUF, tar)
// and for the malicious variants. Nothing here runs Python; every byte is laid out from the format documents.
import { crc32, deflateRawSync } from 'node:zlib';
import { createFileScanner } from '../../../src/scan/file-scanner.js';
import type { ScanOutcome } from '../../../src/scan/types.js';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const latin = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

export function cat(...parts: (Uint8Array | number[] | string)[]): Uint8Array {
  const arrs = parts.map((p) => (typeof p === 'string' ? latin(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrs.reduce((s, a) => s + a.length, 0));
  let o = 0;
  for (const a of arrs) { out.set(a, o); o += a.length; }
  return out;
}

export const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
export const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
export const u64 = (v: number | bigint): number[] => {
  const b = BigInt(v);
  return [...u32(Number(b & 0xffffffffn)), ...u32(Number(b >> 32n))];
};

// ---------- pickle (protocol 2, opcodes written by hand, the way torch.save's pickler emits them) ----------

/** X: BINUNICODE */
export const pStr = (s: string): Uint8Array => { const b = enc(s); return cat('X', u32(b.length), b); };
/** c: GLOBAL module\nname\n */
export const pGlobal = (m: string, n: string): Uint8Array => latin(`c${m}\n${n}\n`);

/** A torch state_dict pickle: {name: tensor} with persistent ids pointing at archive/data/<key>. */
export function torchStateDictPickle(tensors: { name: string; key: string; numel: number; shape: number[] }[]): Uint8Array {
  const parts: Uint8Array[] = [latin('\x80\x02}q\x00(')];
  let memo = 1;
  const put = (): Uint8Array => latin(`q${String.fromCharCode(memo++ & 0xff)}`);
  for (const t of tensors) {
    parts.push(pStr(t.name), put(), pGlobal('torch._utils', '_rebuild_tensor_v2'), put(), latin('(('), pStr('storage'), put(),
      pGlobal('torch', 'FloatStorage'), put(), pStr(t.key), put(), pStr('cpu'), put(), cat('J', u32(t.numel)), latin('t'), put(), latin('Q'),
      latin('K\x00'));
    parts.push(latin('('), ...t.shape.map((d) => cat('J', u32(d))), latin('t'), put());
    const strides = t.shape.map((_d, i) => t.shape.slice(i + 1).reduce((a, b) => a * b, 1));
    parts.push(latin('('), ...strides.map((d) => cat('J', u32(d))), latin('t'), put());
    parts.push(latin('\x89'), pGlobal('collections', 'OrderedDict'), put(), latin(')R'), put(), latin('t'), put(), latin('R'), put());
  }
  parts.push(latin('u.'));
  return cat(...parts);
}

/** The classic payload: os.system('id') via GLOBAL + REDUCE. */
export const evilPickle = (cmd = 'id'): Uint8Array => cat('\x80\x02', pGlobal('os', 'system'), pStr(cmd), '\x85R.');
/** A benign protocol-2 pickle: {'a': 1}. */
export const benignPickle = (): Uint8Array => cat('\x80\x02}q\x00', pStr('a'), 'K\x01s.');

// ---------- zip ----------

export interface ZipMember {
  name: string;
  data: Uint8Array;
  method?: 0 | 8;
  /** Pad the local extra field so data starts on this alignment (torch uses 64). */
  align?: number;
  localName?: string;
  flags?: number;
  crc?: number;
  /** Point this central entry at another member's local header. */
  localOffsetOf?: string;
}

export interface ZipOptions { prefix?: Uint8Array; suffix?: Uint8Array; zip64?: boolean; comment?: string; gapAfterFirst?: Uint8Array }

export function buildZip(members: ZipMember[], o: ZipOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  let pos = 0;
  const push = (b: Uint8Array): void => { parts.push(b); pos += b.length; };
  if (o.prefix) push(o.prefix);
  const offsets = new Map<string, number>();
  const central: Uint8Array[] = [];
  const info: { m: ZipMember; local: number; comp: Uint8Array; crc: number }[] = [];
  members.forEach((m, idx) => {
    const method = m.method ?? 0;
    const comp = method === 8 ? new Uint8Array(deflateRawSync(m.data)) : m.data;
    const crc = m.crc ?? crc32(m.data);
    const lname = enc(m.localName ?? m.name);
    const local = pos;
    let extra: Uint8Array = new Uint8Array(0);
    if (m.align) {
      const base = pos + 30 + lname.length;
      const pad = (m.align - ((base + 4) % m.align)) % m.align;
      extra = cat(u16(0x4246), u16(pad), new Uint8Array(pad).fill(0x5a));
    }
    push(cat(u32(0x04034b50), u16(20), u16(m.flags ?? 0), u16(method), u16(0), u16(0x21), u32(crc),
      u32(comp.length), u32(m.data.length), u16(lname.length), u16(extra.length), lname, extra));
    push(comp);
    if (!offsets.has(m.name)) offsets.set(m.name, local);
    info.push({ m, local, comp, crc });
    if (idx === 0 && o.gapAfterFirst) push(o.gapAfterFirst);
  });
  const cdStart = pos;
  for (const { m, local, comp, crc } of info) {
    const name = enc(m.name);
    const at = m.localOffsetOf !== undefined ? (offsets.get(m.localOffsetOf) as number) : local;
    const x64 = o.zip64 ? cat(u16(1), u16(24), u64(m.data.length), u64(comp.length), u64(at)) : new Uint8Array(0);
    central.push(cat(u32(0x02014b50), u16(0x031e), u16(o.zip64 ? 45 : 20), u16(m.flags ?? 0), u16(m.method ?? 0), u16(0), u16(0x21), u32(crc),
      u32(o.zip64 ? 0xffffffff : comp.length), u32(o.zip64 ? 0xffffffff : m.data.length), u16(name.length), u16(x64.length), u16(0), u16(0), u16(0), u32(0),
      u32(o.zip64 ? 0xffffffff : at), name, x64));
  }
  for (const c of central) push(c);
  const cdSize = pos - cdStart;
  const n = members.length;
  if (o.zip64) {
    const rec = pos;
    push(cat(u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(n), u64(n), u64(cdSize), u64(cdStart)));
    push(cat(u32(0x07064b50), u32(0), u64(rec), u32(1)));
  }
  const comment = latin(o.comment ?? '');
  push(cat(u32(0x06054b50), u16(0), u16(0), u16(o.zip64 ? 0xffff : n), u16(o.zip64 ? 0xffff : n), u32(o.zip64 ? 0xffffffff : cdSize),
    u32(o.zip64 ? 0xffffffff : cdStart), u16(comment.length), comment));
  if (o.suffix) push(o.suffix);
  return cat(...parts);
}

/** A torch.save (>= 1.6) checkpoint: archive/data.pkl, byteorder, data/<n> (64-byte aligned), version, serialization_id. */
export function torchZip(opts: { tensors?: number; numel?: number; dataPkl?: Uint8Array; prefix?: string } = {}): Uint8Array {
  const p = opts.prefix ?? 'archive';
  const count = opts.tensors ?? 2;
  const numel = opts.numel ?? 6;
  const tensors = Array.from({ length: count }, (_v, i) => ({ name: `layer${i}.weight`, key: String(i), numel, shape: [numel] }));
  const members: ZipMember[] = [
    { name: `${p}/data.pkl`, data: opts.dataPkl ?? torchStateDictPickle(tensors), align: 64 },
    { name: `${p}/.format_version`, data: enc('1'), align: 64 },
    { name: `${p}/.storage_alignment`, data: enc('64'), align: 64 },
    { name: `${p}/byteorder`, data: enc('little'), align: 64 },
    ...tensors.map((t, i) => ({ name: `${p}/data/${t.key}`, data: floatData(numel, i), align: 64 })),
    { name: `${p}/version`, data: enc('3\n'), align: 64 },
    { name: `${p}/.data/serialization_id`, data: enc('1234567890123456789012345678901234567890'), align: 64 }
  ];
  return buildZip(members);
}

export function floatData(n: number, seed = 0): Uint8Array {
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = Math.sin(i + seed * 7) * 0.02;
  return new Uint8Array(f.buffer);
}

// ---------- numpy ----------

export function npy(descr: string, shape: number[], body: Uint8Array, fortran = false): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  return cat([0x93], 'NUMPY', [1, 0], u16(header.length), header, body);
}

// ---------- safetensors ----------

export function safetensors(tensors: Record<string, { dtype: string; shape: number[]; bytes: number }>, metadata?: Record<string, string>, rawHeader?: string): Uint8Array {
  let off = 0;
  const h: Record<string, unknown> = {};
  if (metadata) h.__metadata__ = metadata;
  for (const [k, t] of Object.entries(tensors)) {
    h[k] = { dtype: t.dtype, shape: t.shape, data_offsets: [off, off + t.bytes] };
    off += t.bytes;
  }
  let json = rawHeader ?? JSON.stringify(h);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const data = new Uint8Array(off);
  for (let i = 0; i < off; i++) data[i] = (i * 31) & 0xff;
  return cat(u64(enc(json).length), enc(json), data);
}

// ---------- GGUF v3 ----------

export function gguf(kv: [string, 'str' | 'u32' | 'strarr', string | number | string[]][], tensors = 1): Uint8Array {
  const gstr = (s: string): Uint8Array => { const b = enc(s); return cat(u64(b.length), b); };
  const parts: Uint8Array[] = [cat('GGUF', u32(3), u64(tensors), u64(kv.length))];
  for (const [k, t, v] of kv) {
    parts.push(gstr(k));
    if (t === 'str') parts.push(cat(u32(8), gstr(v as string)));
    else if (t === 'u32') parts.push(cat(u32(4), u32(v as number)));
    else parts.push(cat(u32(9), u32(8), u64((v as string[]).length), ...(v as string[]).map(gstr)));
  }
  for (let i = 0; i < tensors; i++) parts.push(cat(gstr(`blk.${i}.weight`), u32(1), u64(8), u32(0), u64(i * 32)));
  const len = parts.reduce((s, p) => s + p.length, 0);
  parts.push(new Uint8Array((32 - (len % 32)) % 32));
  parts.push(floatData(8 * tensors));
  return cat(...parts);
}

// ---------- tar ----------

export function tar(members: { name: string; data: Uint8Array; type?: string; link?: string }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    const h = new Uint8Array(512);
    h.set(enc(m.name).subarray(0, 100), 0);
    h.set(latin('0000644\0'), 100);
    h.set(latin('0000000\0'), 108);
    h.set(latin('0000000\0'), 116);
    h.set(latin(`${m.data.length.toString(8).padStart(11, '0')}\0`), 124);
    h.set(latin('00000000000\0'), 136);
    h[156] = (m.type ?? '0').charCodeAt(0);
    if (m.link) h.set(enc(m.link), 157);
    h.set(latin('ustar\x0000'), 257);
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const c of h) sum += c;
    h.set(latin(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    parts.push(h, m.data, new Uint8Array((512 - (m.data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return cat(...parts);
}

// ---------- scanning helpers ----------

export interface ScanBytesOptions { chunk?: number; tail?: boolean | number; path?: string }

/** Scans bytes the way callers do: tail first (64 KiB by default), then the stream in `chunk`-sized pieces. */
export function scanBytes(bytes: Uint8Array, path = 'model.bin', o: Omit<ScanBytesOptions, 'path'> = {}): ScanOutcome {
  const tailLen = o.tail === false ? 0 : typeof o.tail === 'number' ? o.tail : 64 * 1024 + 22;
  const ctx = { path, size: bytes.length, ...(tailLen ? { tail: bytes.subarray(Math.max(0, bytes.length - tailLen)) } : {}) };
  const s = createFileScanner(ctx);
  const step = o.chunk ?? 1 << 20;
  for (let i = 0; i < bytes.length; i += step) s.push(bytes.slice(i, i + step));
  return s.end();
}

export const checks = (o: ScanOutcome): string[] => o.findings.map((f) => f.check);
export const blocking = (o: ScanOutcome): boolean => o.findings.some((f) => f.severity === 'critical' || f.severity === 'high');
