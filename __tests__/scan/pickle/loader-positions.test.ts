// Files joblib and numpy wrote (__tests__/fixtures/loaders/, from scripts/fixtures/loader-positions.py), held to
// what the real readers did with them: joblib's NumpyUnpickler read each array from exactly the stream offsets the
// manifest records and resolved exactly those globals; numpy's format reader found the header fields, the dtype's
// object flag and the data offset recorded there. Model Gate must read the same bytes the same way.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, inflateSync } from 'node:zlib';
import { createFileScanner } from '../../../src/scan/file-scanner.js';
import { createNpyScanner } from '../../../src/scan/npy.js';
import { mapPython2 } from '../../../src/scan/pickle/names.js';
import { scan } from './helpers.js';

interface Entry {
  path: string;
  kind: 'joblib' | 'npy';
  call: string;
  sha256: string;
  reader: {
    globals?: string[]; reads?: { start: number; end: number; objects: boolean }[]; end?: number; streamSize?: number;
    hasobject?: boolean; itemsize?: number; bodyAt?: number; size?: number; shape?: number[];
  };
}

const DIR = new URL('../../fixtures/loaders/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as { files: Entry[] };
const bytesOf = (e: Entry): Uint8Array => new Uint8Array(readFileSync(new URL(e.path, DIR)));

/** The stream joblib's unpickler reads: the file itself, or the zlib/gzip stream inside it. */
function stream(e: Entry, b: Uint8Array): Uint8Array {
  if (/\.(zlib|gzip)\.joblib$/.test(e.path)) return new Uint8Array(e.path.includes('.zlib.') ? inflateSync(b) : gunzipSync(b));
  return b;
}

const py3 = (g: string): string => {
  const dot = g.lastIndexOf('.');
  const [m, n] = mapPython2(g.slice(0, dot), g.slice(dot + 1));
  return `${m}.${n}`;
};

// bz2, lzma, xz and lz4 streams are decompressed by src/scan/compression.ts; their positions are recorded for it.
const joblibFiles = manifest.files.filter((f) => f.kind === 'joblib' && !/\.(bz2|lzma|xz|lz4)\.joblib$/.test(f.path));
const npyFiles = manifest.files.filter((f) => f.kind === 'npy');

describe('joblib.load positions (joblib 1.2 NumpyUnpickler as the oracle)', () => {
  test('the fixtures are the ones the manifest lists, byte for byte', () => {
    expect(joblibFiles.length).toBeGreaterThanOrEqual(10);
    expect(npyFiles.length).toBeGreaterThanOrEqual(18);
    for (const e of manifest.files) expect({ path: e.path, sha256: createHash('sha256').update(bytesOf(e)).digest('hex') }).toEqual({ path: e.path, sha256: e.sha256 });
  });

  test.each(joblibFiles.map((f) => [f.path, f] as const))('%s', (_p, e) => {
    const s = stream(e, bytesOf(e)) as Uint8Array;
    for (const chunk of [1 << 20, 61, 7]) {
      const o = scan(s, {}, chunk);
      expect({ chunk, formats: o.formats, complete: o.complete }).toEqual({ chunk, formats: ['pickle', 'joblib'], complete: true });
      const broken = o.findings.filter((f) => /^pickle\.(parse-error|joblib|frame|differential|limit)$/.test(f.check));
      expect(broken).toEqual([]);
      // Every array read where joblib read it, from its first byte to its last.
      const reads = (o.details?.joblibReads ?? []) as { start: number; end: number; objects: boolean }[];
      expect(reads).toEqual(e.reader.reads);
      // Every global joblib resolved (Python 2 names as the unpickler maps them) is one Model Gate reports.
      const got = new Set(((o.details?.globals ?? []) as { module: string; name: string }[]).map((g) => `${g.module}.${g.name}`));
      expect([...new Set((e.reader.globals ?? []).map(py3))].filter((g) => !got.has(g))).toEqual([]);
    }
  });

  test.each(joblibFiles.filter((f) => /\.(zlib|gzip)\.joblib$|protocol[0-5]/.test(f.path)).map((f) => [f.path, f] as const))(
    'as a review reads it: %s', (_p, e) => {
      const b = bytesOf(e);
      const fs = createFileScanner({ path: e.path, size: b.length, tail: b });
      fs.push(b);
      const o = fs.end();
      expect(o.formats).toContain('joblib');
      expect(o.findings.filter((f) => f.check === 'file.unknown-binary' || /^pickle\.(parse-error|joblib)$/.test(f.check))).toEqual([]);
    });
});

describe('numpy.load positions (numpy.lib.format as the oracle)', () => {
  test.each(npyFiles.map((f) => [f.path, f] as const))('%s', (_p, e) => {
    const b = bytesOf(e);
    for (const chunk of [1 << 20, 5]) {
      const s = createNpyScanner({ path: e.path, size: b.length }, {});
      for (let i = 0; i < b.length; i += chunk) s.push(b.subarray(i, i + chunk));
      const o = s.end();
      const np = o.details?.numpy as { object: boolean; bodyAt: number; itemsize: number };
      expect({ chunk, object: np.object, bodyAt: np.bodyAt, itemsize: np.itemsize }).toEqual({ chunk, object: e.reader.hasobject, bodyAt: e.reader.bodyAt, itemsize: e.reader.itemsize });
      expect(o.complete).toBe(true);
      expect(o.findings.filter((f) => f.severity !== 'info' && !f.check.startsWith('pickle.global'))).toEqual([]);
    }
  });
});
