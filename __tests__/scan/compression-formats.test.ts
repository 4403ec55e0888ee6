// bz2, xz, .lzma, lz4 frames and zstd frames decoded in the stream (src/scan/decode/). Oracles: the loaders' own
// readers. Committed files in __tests__/fixtures/compression/ were written by Python's bz2/lzma, python-lz4 and
// python-zstandard (scripts/fixtures/compression.py), and oracle.json holds what bz2.open, lzma.open,
// lz4.frame.open and zstandard return for each (or the exception they raise); random streams are also made by
// CPython's bz2 and lzma at test time (python3, stdlib) and compared byte for byte (sha256).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bzip2Decoder } from '../../src/scan/decode/bzip2.js';
import { Lz4Decoder } from '../../src/scan/decode/lz4.js';
import type { StreamDecoder } from '../../src/scan/decode/stream.js';
import { XzDecoder } from '../../src/scan/decode/xz.js';
import { ZstdDecoder } from '../../src/scan/decode/zstd.js';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { runPython, fromLatin1 } from '../support/cpython.js';
import { checks } from './support/fixtures.js';

const DIR = join('__tests__', 'fixtures', 'compression');
type Outcome = { sha256: string; size: number } | { error: string };
const ORACLE = (JSON.parse(readFileSync(join(DIR, 'oracle.json'), 'utf8')) as { files: Record<string, Record<string, Outcome>> }).files;
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

function decoderFor(name: string, emit: (c: Uint8Array) => boolean): StreamDecoder {
  if (name.endsWith('.bz2')) return new Bzip2Decoder(emit);
  if (name.endsWith('.lz4')) return new Lz4Decoder(emit);
  if (name.endsWith('.zst')) return new ZstdDecoder(emit);
  return new XzDecoder(emit);
}

/** Decodes in `chunk`-sized pieces pushed from one reused buffer (overwritten after each push). */
function decode(name: string, bytes: Uint8Array, chunk: number): { sha256: string; size: number; d: StreamDecoder } {
  const h = createHash('sha256');
  let size = 0;
  const d = decoderFor(name, (c) => { h.update(c); size += c.length; return true; });
  const buf = new Uint8Array(chunk);
  for (let i = 0; i < bytes.length; i += chunk) {
    const piece = bytes.subarray(i, i + chunk);
    buf.set(piece);
    d.push(buf.subarray(0, piece.length));
    buf.fill(0xa5);
  }
  d.end();
  return { sha256: h.digest('hex'), size, d };
}

/** What the loader reads: Python's reader for the format; for zstd all frames (pandas' reader stops after the first). */
const loaderOutcome = (name: string): Outcome => {
  const o = ORACLE[name] as Record<string, Outcome>;
  return (o['all-frames'] ?? Object.values(o)[0]) as Outcome;
};

// Where we fail closed although the loader reads the file: filters and short reads we do not reproduce.
const FAIL_CLOSED_ON_PURPOSE: Record<string, string> = {
  'bcj.xz': 'compression.unsupported', // x86 BCJ filter is not decoded here
  'truncated.zst': 'compression.invalid', // python-zstandard returns a short read without raising; we block
  'window-128m-tiny-blocks.zst': 'compression.window' // fzstd would move 128 MiB per one-byte block: refused
};

describe('decoders agree with the loaders on files the real libraries wrote', () => {
  const names = Object.keys(ORACLE);
  test('the fixture set is there', () => expect(names.length).toBeGreaterThan(50));
  test.each(names)('%s', (name) => {
    const bytes = read(name);
    const want = loaderOutcome(name);
    for (const chunk of [1 << 20, 4096, 7, ...(bytes.length < 20_000 ? [1] : [])]) {
      const got = decode(name, bytes, chunk);
      const forced = FAIL_CLOSED_ON_PURPOSE[name];
      if (forced) {
        expect(got.d.failure?.check).toBe(forced);
      } else if ('sha256' in want) {
        // Same bytes as the loader; bytes after the last stream that the loader ignores are reported.
        expect(got.d.failure).toBeUndefined();
        expect({ sha256: got.sha256, size: got.size }).toEqual(want);
        expect(got.d.trailing !== undefined).toBe(/trailing-garbage|padding-then/.test(name));
      } else {
        // The loader raises: we never pass the file silently.
        expect(got.d.failure !== undefined || got.d.trailing !== undefined).toBe(true);
      }
    }
  });
});

describe('CPython bz2 and lzma as oracles (random data, made at test time)', () => {
  const cases = runPython<{ name: string; data: string; sha: string }[]>(`
import bz2, lzma, hashlib, json, random, sys
random.seed(7)
out = []
def add(name, raw, comp):
    out.append({'name': name, 'data': comp.decode('latin-1'), 'sha': hashlib.sha256(raw).hexdigest()})
for n in (0, 1, 255, 70000, 400000):
    for kind in ('noise', 'runs', 'words'):
        if kind == 'noise': raw = bytes(random.getrandbits(8) for _ in range(n))
        elif kind == 'runs': raw = b''.join(bytes([random.randrange(3)]) * random.randrange(1, 700) for _ in range(n // 300 + 1))[:n]
        else: raw = b' '.join(random.choice([b'pickle', b'\\x80\\x02', b'torch', b'numpy']) for _ in range(n // 6 + 1))[:n]
        add(f'{kind}-{n}.bz2', raw, bz2.compress(raw, 1 + n % 9))
        add(f'{kind}-{n}.xz', raw, lzma.compress(raw, preset=n % 10))
        add(f'{kind}-{n}.lzma', raw, lzma.compress(raw, format=lzma.FORMAT_ALONE))
        add(f'{kind}-{n}.two.bz2', raw + raw[:99], bz2.compress(raw) + bz2.compress(raw[:99]))
        add(f'{kind}-{n}.two.xz', raw * 2, lzma.compress(raw, check=lzma.CHECK_SHA256) + lzma.compress(raw, format=lzma.FORMAT_ALONE))
json.dump(out, sys.stdout)
`, null);
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const bytes = fromLatin1(c.data);
    for (const chunk of [1 << 20, 1000, 3]) {
      if (chunk === 3 && bytes.length > 50_000) continue;
      const got = decode(c.name, bytes, chunk);
      expect(got.d.failure).toBeUndefined();
      expect(got.d.trailing).toBeUndefined();
      expect(got.sha256).toBe(c.sha);
    }
  });
});

function scanFile(name: string, limits?: Record<string, number>, chunk = 65536): ScanOutcome {
  const bytes = read(name);
  const s = createFileScanner({ path: `model.pkl.${name}`, size: bytes.length }, limits ? { limits: limits as never } : {});
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.slice(i, i + chunk));
  return s.end();
}
const critical = (o: ScanOutcome): string[] => o.findings.filter((f) => f.severity === 'critical').map((f) => f.check);

describe('scanning the decompressed content', () => {
  test.each(['evil.bz2', 'big-evil.bz2', 'multi-stream.bz2', 'evil.xz', 'big-evil.xz', 'multi-stream.xz', 'evil.lzma', 'big-evil.lzma',
    'alone-then-xz.lzma', 'evil.lz4', 'big-evil.lz4', 'big-evil-independent.lz4', 'linked-many-blocks.lz4', 'multi-frame.lz4', 'evil.zst', 'big-evil.zst', 'multi-frame.zst'])(
    'a pickle calling os.system inside %s is caught', (name) => {
      const o = scanFile(name);
      expect(critical(o).length).toBeGreaterThan(0);
      expect(checks(o)).not.toContain('compression.unscannable');
    });
  test.each(['benign.bz2', 'benign.xz', 'benign.lz4', 'benign.zst', 'crc64.xz', 'sha256.xz', 'delta.xz', 'lclppb.xz'])('%s: decoded, complete, nothing blocking from compression', (name) => {
    const o = scanFile(name);
    expect(o.complete).toBe(true);
    expect(checks(o).filter((c) => c.startsWith('compression.'))).toEqual([]);
  });
  test.each([['bad-block-crc.bz2', 'compression.crc-mismatch'], ['bad-crc64.xz', 'compression.crc-mismatch'], ['bad-sha256.xz', 'compression.crc-mismatch'],
    ['bad-content-checksum.lz4', 'compression.crc-mismatch'], ['bad-block-checksum.lz4', 'compression.crc-mismatch'], ['bad-checksum.zst', 'compression.crc-mismatch'],
    ['truncated.bz2', 'compression.invalid'], ['second-stream-truncated.bz2', 'compression.invalid'], ['truncated.xz', 'compression.invalid'],
    ['truncated.lzma', 'compression.invalid'], ['truncated.lz4', 'compression.invalid'], ['truncated.zst', 'compression.invalid'],
    ['window-256m.zst', 'compression.window'], ['window-128m-tiny-blocks.zst', 'compression.window'], ['bcj.xz', 'compression.unsupported']])('%s fails closed with %s', (name, check) => {
    const o = scanFile(name);
    expect(o.complete).toBe(false);
    expect(o.findings.find((f) => f.check === check)?.severity).toBe('high');
  });
  test.each(['bad-data.bz2', 'bad-data.xz', 'bad-data.lzma', 'bad-data.zst'])('%s (flipped bit) fails closed', (name) => {
    const o = scanFile(name);
    expect(o.complete).toBe(false);
    expect(checks(o).some((c) => c === 'compression.invalid' || c === 'compression.crc-mismatch')).toBe(true);
  });
  test.each(['trailing-garbage.bz2', 'padding-then-stream.xz', 'trailing-garbage.lz4', 'trailing-garbage.zst'])('%s: bytes after the last stream are reported', (name) => {
    const o = scanFile(name);
    expect(o.findings.find((f) => f.check === 'compression.trailing-bytes')?.severity).toBe('high');
  });
  test.each(['zeros.bz2', 'zeros.xz', 'zeros.lzma', 'zeros.lz4', 'zeros.zst'])('%s: bombs stop at the size limit and the ratio limit', (name) => {
    const size = scanFile(name, { maxDecompressedBytes: 1 << 20 }, 1);
    expect(checks(size)).toContain('compression.limit');
    expect(size.complete).toBe(false);
    const ratio = scanFile(name, { maxRatio: 100, ratioMinBytes: 1 << 20 });
    expect(checks(ratio)).toContain('compression.bomb');
    expect(ratio.complete).toBe(false);
  });
  test('the nested scan depth limit applies', () => {
    const o = scanFile('evil.xz', { maxDepth: 0 });
    expect(checks(o)).toContain('compression.depth');
    expect(o.complete).toBe(false);
  });
});
