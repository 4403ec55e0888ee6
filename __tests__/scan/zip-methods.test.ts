// Zip members compressed with bzip2 (method 12) and LZMA (method 14), written by CPython's zipfile: np.load reads
// them through zipfile, so they are decompressed and scanned like deflate members, with zipfile's sizes and CRC-32.
// The pickles are raw bytes built here; Python only packs them into the archive, never loads them.
import { runPython, fromLatin1, toLatin1 } from '../support/cpython.js';
import { benignPickle, checks, evilPickle, npy, scanBytes } from './support/fixtures.js';

const WRITE = `
import io, json, sys, zipfile
req = json.load(sys.stdin)
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', compression=req['method']) as z:
    for name, data in req['members']:
        z.writestr(name, data.encode('latin-1'))
print(json.dumps(buf.getvalue().decode('latin-1')))
`;

const METHODS = [['bzip2', 12], ['LZMA', 14]] as const;

function zipWith(method: number, members: [string, Uint8Array][]): Uint8Array {
  return fromLatin1(runPython<string>(WRITE, { method, members: members.map(([n, d]) => [n, toLatin1(d)]) }));
}

describe.each(METHODS)('%s members (method %d)', (_name, method) => {
  test('a pickle calling os.system inside is found, as in a deflated member', () => {
    const z = zipWith(method, [['arr_0.npy', npy('<f4', [4], new Uint8Array(16))], ['payload.pkl', evilPickle('touch /tmp/x')]]);
    expect(z[8]).toBe(method); // the first local header's method, as zipfile wrote it
    const o = scanBytes(z, 'weights.npz');
    expect(o.complete).toBe(true);
    expect(o.findings.some((f) => f.severity === 'critical' && /os\.system|posix\.system/.test(`${f.message} ${f.evidence ?? ''}`))).toBe(true);
  });

  test('benign members are read to their end: no finding above info, sizes and CRC agree', () => {
    const z = zipWith(method, [['arr_0.npy', npy('<f4', [64], new Uint8Array(256))], ['meta.pkl', benignPickle()]]);
    const o = scanBytes(z, 'weights.npz');
    expect(o.complete).toBe(true);
    expect(o.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('a corrupted member fails closed with what failed', () => {
    const z = zipWith(method, [['payload.pkl', evilPickle()]]);
    // Overwrite the middle of the compressed data (after the 30-byte local header and the 11-byte name).
    for (let i = 30 + 11 + 12; i < 30 + 11 + 24; i++) z[i] = 0x55;
    const o = scanBytes(z, 'weights.npz');
    expect(o.complete).toBe(false);
    expect(checks(o).some((c) => c === 'zip.bad-compression' || c === 'zip.crc-mismatch' || c === 'zip.size-mismatch')).toBe(true);
  });
});
