// Checksums the compressed formats carry, computed incrementally over bytes as they are produced: bzip2's
// MSB-first CRC-32, xz's CRC-64 (ECMA-182, reflected), and xxHash32/xxHash64 (lz4 and zstd). CRC-32 (reflected,
// as in gzip/xz) comes from node:zlib, except while a process has only checked a few small inputs: those use a
// table here, so a scan that checks only small members (a torch checkpoint's data.pkl) never loads node:zlib, about
// 3% of its start. zlib's vectorised CRC is many times faster than a table on anything long.

const CRC32_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/**
 * The table takes inputs shorter than this, while it has taken fewer than TABLE_BUDGET bytes in all: measured on
 * Node 24, the table's 256 KiB cost about what loading node:zlib does (3-5 ms), and every byte after is zlib's.
 */
const TABLE_MAX = 64 * 1024;
const TABLE_BUDGET = 256 * 1024;
let tableBytes = 0;
let zlibCrc: ((data: Uint8Array, value?: number) => number) | undefined;

/**
 * CRC-32 as zlib.crc32(data, value) computes it (reflected, polynomial 0xEDB88320), continuing from `value`, the CRC
 * of the bytes before `data`.
 */
export function crc32(data: Uint8Array, value = 0): number {
  if (zlibCrc === undefined && (data.length >= TABLE_MAX || (tableBytes += data.length) > TABLE_BUDGET)) {
    zlibCrc = process.getBuiltinModule('node:zlib').crc32;
  }
  return zlibCrc !== undefined ? zlibCrc(data, value) : crc32Table(data, value);
}

/** crc32 by the table alone (exported for the test that holds it to CPython's zlib.crc32). */
export function crc32Table(data: Uint8Array, value = 0): number {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = (c >>> 8) ^ (CRC32_TABLE[(c ^ (data[i] as number)) & 0xff] as number);
  return ~c >>> 0;
}

const BZ_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** bzip2's block CRC: CRC-32 with polynomial 0x04C11DB7, not reflected; start with 0xffffffff, finish with ~. */
export function bzCrcUpdate(crc: number, data: Uint8Array, from: number, to: number): number {
  let c = crc;
  for (let i = from; i < to; i++) c = (c << 8) ^ (BZ_TABLE[((c >>> 24) ^ (data[i] as number)) & 0xff] as number);
  return c >>> 0;
}

// CRC-64/XZ as two 32-bit halves (polynomial 0xC96C5795D7870F42, reflected).
const C64_LO = new Uint32Array(256);
const C64_HI = new Uint32Array(256);
(() => {
  const pLo = 0xd7870f42, pHi = 0xc96c5795;
  for (let i = 0; i < 256; i++) {
    let lo = i, hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (bit) { lo = (lo ^ pLo) >>> 0; hi = (hi ^ pHi) >>> 0; }
    }
    C64_LO[i] = lo;
    C64_HI[i] = hi;
  }
})();

export class Crc64 {
  private lo = 0xffffffff;
  private hi = 0xffffffff;
  update(data: Uint8Array): void {
    let lo = this.lo, hi = this.hi;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ (data[i] as number)) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ (C64_LO[idx] as number);
      hi = (hi >>> 8) ^ (C64_HI[idx] as number);
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }
  /** The 8 little-endian bytes xz stores. */
  digest(): Uint8Array {
    const out = new Uint8Array(8);
    const v = new DataView(out.buffer);
    v.setUint32(0, ~this.lo >>> 0, true);
    v.setUint32(4, ~this.hi >>> 0, true);
    return out;
  }
}

const P32_1 = 0x9e3779b1, P32_2 = 0x85ebca77, P32_3 = 0xc2b2ae3d, P32_4 = 0x27d4eb2f, P32_5 = 0x165667b1;
const rotl32 = (x: number, r: number): number => (x << r) | (x >>> (32 - r));
const rd32 = (b: Uint8Array, i: number): number => ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>> 0;

/** xxHash32 (seed 0), fed in pieces. */
export class Xxh32 {
  private v = [0, 0, 0, 0];
  private mem = new Uint8Array(16);
  private memLen = 0;
  private total = 0;
  constructor() {
    this.v = [(P32_1 + P32_2) | 0, P32_2 | 0, 0, (0 - P32_1) | 0];
  }
  private stripe(b: Uint8Array, i: number): void {
    const v = this.v;
    for (let k = 0; k < 4; k++) v[k] = Math.imul(rotl32(((v[k] as number) + Math.imul(rd32(b, i + 4 * k), P32_2)) | 0, 13), P32_1);
  }
  update(data: Uint8Array): void {
    this.total += data.length;
    let i = 0;
    if (this.memLen > 0) {
      const k = Math.min(16 - this.memLen, data.length);
      this.mem.set(data.subarray(0, k), this.memLen);
      this.memLen += k;
      i = k;
      if (this.memLen < 16) return;
      this.stripe(this.mem, 0);
      this.memLen = 0;
    }
    for (; i + 16 <= data.length; i += 16) this.stripe(data, i);
    if (i < data.length) {
      this.mem.set(data.subarray(i), 0);
      this.memLen = data.length - i;
    }
  }
  digest(): number {
    const v = this.v;
    let h = this.total >= 16 ? (rotl32(v[0] as number, 1) + rotl32(v[1] as number, 7) + rotl32(v[2] as number, 12) + rotl32(v[3] as number, 18)) | 0 : P32_5;
    h = (h + this.total) | 0;
    let i = 0;
    for (; i + 4 <= this.memLen; i += 4) h = Math.imul(rotl32((h + Math.imul(rd32(this.mem, i), P32_3)) | 0, 17), P32_4);
    for (; i < this.memLen; i++) h = Math.imul(rotl32((h + Math.imul(this.mem[i] as number, P32_5)) | 0, 11), P32_1);
    h ^= h >>> 15; h = Math.imul(h, P32_2);
    h ^= h >>> 13; h = Math.imul(h, P32_3);
    h ^= h >>> 16;
    return h >>> 0;
  }
}

// 64-bit arithmetic on (hi, lo) pairs of uint32 for xxHash64.
function mul64(ah: number, al: number, bh: number, bl: number): [number, number] {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lo = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  const carry = p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536);
  const hi = (carry + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
  return [hi, lo];
}
function add64(ah: number, al: number, bh: number, bl: number): [number, number] {
  const lo = al + bl;
  return [(ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0, lo >>> 0];
}
function rotl64(h: number, l: number, r: number): [number, number] {
  if (r >= 32) { [h, l] = [l, h]; r -= 32; }
  if (r === 0) return [h, l];
  return [((h << r) | (l >>> (32 - r))) >>> 0, ((l << r) | (h >>> (32 - r))) >>> 0];
}
const P1: [number, number] = [0x9e3779b1, 0x85ebca87];
const P2: [number, number] = [0xc2b2ae3d, 0x27d4eb4f];
const P3: [number, number] = [0x165667b1, 0x9e3779f9];
const P4: [number, number] = [0x85ebca77, 0xc2b2ae63];
const P5: [number, number] = [0x27d4eb2f, 0x165667c5];

function round64(acc: [number, number], inH: number, inL: number): [number, number] {
  const m = mul64(inH, inL, P2[0], P2[1]);
  let a = add64(acc[0], acc[1], m[0], m[1]);
  a = rotl64(a[0], a[1], 31);
  return mul64(a[0], a[1], P1[0], P1[1]);
}

// The stripe loop (all but the last bytes) without allocations: 64-bit products land in RH:RL.
let RH = 0, RL = 0;
function mulTo(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  RL = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  RH = (p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536) + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** xxHash64 (seed 0), fed in pieces; zstd stores the low 32 bits of it. */
export class Xxh64 {
  private v: [number, number][] = [add64(P1[0], P1[1], P2[0], P2[1]), [P2[0], P2[1]], [0, 0], [(~P1[0] >>> 0) + (P1[1] === 0 ? 1 : 0) >>> 0, (-P1[1]) >>> 0]];
  /** Lanes as hi, lo pairs while streaming; `v` is refreshed from them before the digest. */
  private lanes = Uint32Array.from(this.v.flat());
  private mem = new Uint8Array(32);
  private memLen = 0;
  private total = 0;
  private stripe(b: Uint8Array, i: number): void {
    const L = this.lanes;
    for (let k = 0; k < 4; k++) {
      const o = i + 8 * k;
      mulTo(rd32(b, o + 4), rd32(b, o), P2[0], P2[1]);
      const sl = (L[2 * k + 1] as number) + RL;
      const h = ((L[2 * k] as number) + RH + (sl > 0xffffffff ? 1 : 0)) >>> 0;
      const l = sl >>> 0;
      mulTo(((h << 31) | (l >>> 1)) >>> 0, ((l << 31) | (h >>> 1)) >>> 0, P1[0], P1[1]);
      L[2 * k] = RH;
      L[2 * k + 1] = RL;
    }
  }
  update(data: Uint8Array): void {
    this.total += data.length;
    let i = 0;
    if (this.memLen > 0) {
      const k = Math.min(32 - this.memLen, data.length);
      this.mem.set(data.subarray(0, k), this.memLen);
      this.memLen += k;
      i = k;
      if (this.memLen < 32) return;
      this.stripe(this.mem, 0);
      this.memLen = 0;
    }
    for (; i + 32 <= data.length; i += 32) this.stripe(data, i);
    if (i < data.length) {
      this.mem.set(data.subarray(i), 0);
      this.memLen = data.length - i;
    }
  }
  /** The low 32 bits of the digest. */
  digestLow32(): number {
    for (let k = 0; k < 4; k++) this.v[k] = [this.lanes[2 * k] as number, this.lanes[2 * k + 1] as number];
    let h: [number, number];
    if (this.total >= 32) {
      const [v1, v2, v3, v4] = this.v as [[number, number], [number, number], [number, number], [number, number]];
      h = rotl64(v1[0], v1[1], 1);
      for (const [x, r] of [[v2, 7], [v3, 12], [v4, 18]] as const) { const t = rotl64(x[0], x[1], r); h = add64(h[0], h[1], t[0], t[1]); }
      for (const x of [v1, v2, v3, v4]) {
        const k = round64([0, 0], x[0], x[1]);
        h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
        h = mul64(h[0], h[1], P1[0], P1[1]);
        h = add64(h[0], h[1], P4[0], P4[1]);
      }
    } else h = [P5[0], P5[1]];
    h = add64(h[0], h[1], Math.floor(this.total / 2 ** 32) >>> 0, this.total >>> 0);
    let i = 0;
    for (; i + 8 <= this.memLen; i += 8) {
      const k = round64([0, 0], rd32(this.mem, i + 4), rd32(this.mem, i));
      h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
      h = rotl64(h[0], h[1], 27);
      h = mul64(h[0], h[1], P1[0], P1[1]);
      h = add64(h[0], h[1], P4[0], P4[1]);
    }
    if (i + 4 <= this.memLen) {
      const k = mul64(0, rd32(this.mem, i), P1[0], P1[1]);
      h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
      h = rotl64(h[0], h[1], 23);
      h = mul64(h[0], h[1], P2[0], P2[1]);
      h = add64(h[0], h[1], P3[0], P3[1]);
      i += 4;
    }
    for (; i < this.memLen; i++) {
      const k = mul64(0, this.mem[i] as number, P5[0], P5[1]);
      h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
      h = rotl64(h[0], h[1], 11);
      h = mul64(h[0], h[1], P1[0], P1[1]);
    }
    const shr = (x: [number, number], s: number): [number, number] => s >= 32 ? [0, x[0] >>> (s - 32)] : [x[0] >>> s, ((x[1] >>> s) | (x[0] << (32 - s))) >>> 0];
    let s = shr(h, 33); h = [(h[0] ^ s[0]) >>> 0, (h[1] ^ s[1]) >>> 0];
    h = mul64(h[0], h[1], P2[0], P2[1]);
    s = shr(h, 29); h = [(h[0] ^ s[0]) >>> 0, (h[1] ^ s[1]) >>> 0];
    h = mul64(h[0], h[1], P3[0], P3[1]);
    s = shr(h, 32); h = [(h[0] ^ s[0]) >>> 0, (h[1] ^ s[1]) >>> 0];
    return h[1];
  }
}
