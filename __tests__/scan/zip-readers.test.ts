// Zip archives read as their two loaders read them: Python's zipfile (CPython 3.11, the oracle here: it runs in
// python3 on the same bytes and reports which bytes it reads for each name) and torch's miniz (modelled from
// miniz 2.1's mz_zip_reader_read_central_dir and PyTorchStreamReader). Each file is laid out by hand, since no
// writer produces these shapes; every reading either loader would use must be scanned, and a record the two read
// differently is a blocking `zip.differential`.
import { crc32 } from 'node:zlib';
import { readCentralDirectory } from '../../src/scan/zip/central-directory.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { runPython, toLatin1 } from '../support/cpython.js';
import { benignPickle, buildZip, cat, checks, enc, evilPickle, floatData, scanBytes, torchStateDictPickle, u16, u32, u64, type ZipMember } from './support/fixtures.js';

/** What CPython's zipfile reads: each name (last duplicate) → its bytes, or the exception it raises. */
const ZIPFILE = String.raw`
import io, json, sys, zipfile
out = []
for data in json.load(sys.stdin):
    b = data.encode('latin-1')
    try:
        z = zipfile.ZipFile(io.BytesIO(b))
        names = {}
        for n in z.namelist():
            try:
                names[n] = z.read(n).decode('latin-1')
            except Exception as e:
                names[n] = {'error': type(e).__name__}
        out.append({'names': names})
    except Exception as e:
        out.append({'error': type(e).__name__ + ': ' + str(e)})
print(json.dumps(out))
`;
type ZipfileView = { names: Record<string, string | { error: string }> } | { error: string };
const zipfileReads = (files: Uint8Array[]): ZipfileView[] => runPython<ZipfileView[]>(ZIPFILE, files.map(toLatin1));

const stateDict = (): Uint8Array => torchStateDictPickle([{ name: 'w', key: '0', numel: 4, shape: [4] }]);
const torchMembers = (dataPkl: Uint8Array = stateDict()): ZipMember[] => [
  { name: 'archive/data.pkl', data: dataPkl, align: 64 },
  { name: 'archive/byteorder', data: enc('little'), align: 64 },
  { name: 'archive/data/0', data: floatData(4), align: 64 },
  { name: 'archive/version', data: enc('3\n'), align: 64 }
];

/** Scans at several chunk sizes and checks every run agrees (chunking invariance). */
function scanAll(z: Uint8Array, path = 'pytorch_model.bin'): ScanOutcome {
  const runs = [1, 7, 4096, 1 << 20].map((chunk) => scanBytes(z, path, { chunk }));
  const key = (o: ScanOutcome): string => JSON.stringify({ f: o.formats, c: o.complete, x: o.findings.map((f) => `${f.check}|${f.severity}|${f.file}|${f.offset}`).sort() });
  for (const r of runs) expect(key(r)).toBe(key(runs[0] as ScanOutcome));
  return runs[0] as ScanOutcome;
}

const evilIn = (o: ScanOutcome): boolean => o.findings.some((f) => f.severity === 'critical' && /data\.pkl|DATA\.PKL/.test(f.file ?? '') && f.check.startsWith('pickle'));

describe('zip: where zipfile and torch read different archives', () => {
  test('benign torch.save layout: both readers agree, no differential', () => {
    const z = buildZip(torchMembers());
    const o = scanAll(z);
    expect(checks(o)).not.toContain('zip.differential');
    const py = zipfileReads([z])[0] as { names: Record<string, string> };
    expect(Object.keys(py.names)).toEqual(['archive/data.pkl', 'archive/byteorder', 'archive/data/0', 'archive/version']);
    const cd = readCentralDirectory(z, z.length, 'x', 100);
    expect(cd.views.map((v) => v.reader)).toEqual(['zipfile', 'torch']);
  });

  test('entry count vs directory size: a fifth entry only zipfile reads replaces data.pkl', () => {
    // Four entries counted (torch stops there); the directory size covers a fifth, a second archive/data.pkl that
    // zipfile reads last and keeps.
    const members = [...torchMembers(), { name: 'archive/data.pkl', data: evilPickle('id'), align: 64 }];
    const z = buildZip(members);
    const eocd = z.length - 22;
    z.set(u16(4), eocd + 8);
    z.set(u16(4), eocd + 10);
    const py = zipfileReads([z])[0] as { names: Record<string, string> };
    expect(py.names['archive/data.pkl']).toContain('system'); // the oracle: zipfile reads the evil copy
    const o = scanAll(z);
    expect(o.findings.find((f) => f.check === 'zip.differential')?.severity).toBe('critical');
    expect(evilIn(o)).toBe(true);
    expect(checks(o)).toContain('zip.entry-count');
  });

  test('zip64: the locator points at one record (torch), the bytes before it hold another (zipfile)', () => {
    // A benign torch zip with zip64 end records; a second central directory (evil data.pkl) and a second zip64
    // record are inserted so that the record right before the locator (zipfile) names the second directory while
    // the locator (torch) still points at the first.
    const benign = buildZip(torchMembers(), { zip64: true });
    const eocd = benign.length - 22;
    const loc = eocd - 20;
    const rec1 = Number(benign[loc + 8]! | (benign[loc + 9]! << 8) | (benign[loc + 10]! << 16)) + benign[loc + 11]! * 0x1000000;
    const cd1 = Number(benign[rec1 + 48]! | (benign[rec1 + 49]! << 8) | (benign[rec1 + 50]! << 16)) + benign[rec1 + 51]! * 0x1000000;
    // An evil member, then a directory naming it, placed between record 1 and the locator.
    const evil = evilPickle('id');
    const name = enc('archive/data.pkl');
    const local = cat(u32(0x04034b50), u16(20), u16(0), u16(0), u16(0), u16(0x21), u32(crc32(evil)), u32(evil.length), u32(evil.length), u16(name.length), u16(0), name, evil);
    const localAt = rec1 + 56;
    const cd2At = localAt + local.length;
    // zipfile's directory: the benign entries (offsets unchanged) except data.pkl, which points at the evil member.
    const cd1Bytes = benign.subarray(cd1, rec1);
    const cd2 = cat(cd1Bytes);
    const x64 = 46 + (cd2[28]! | (cd2[29]! << 8));
    cd2.set(u32(crc32(evil)), 16);
    cd2.set(u64(evil.length), x64 + 4);
    cd2.set(u64(evil.length), x64 + 12);
    cd2.set(u64(localAt), x64 + 20);
    const n = 4;
    const rec2 = cat(u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(n), u64(n), u64(cd2.length), u64(cd2At));
    const z = cat(benign.subarray(0, rec1 + 56), local, cd2, rec2, cat(u32(0x07064b50), u32(0), u64(rec1), u32(1)), benign.subarray(eocd));
    const py = zipfileReads([z])[0] as { names: Record<string, string> };
    expect(py.names['archive/data.pkl']).toContain('system');
    const o = scanAll(z);
    expect(o.findings.find((f) => f.check === 'zip.differential')?.severity).toBe('critical');
    expect(evilIn(o)).toBe(true);
    const cd = readCentralDirectory(z, z.length, 'x', 100);
    expect(cd.views.find((v) => v.reader === 'torch')?.entries.find((e) => e.name === 'archive/data.pkl')?.localOffset).toBe(0);
  });

  test("case: torch's lookup of archive/data.pkl also matches archive/DATA.PKL", () => {
    const z = buildZip([...torchMembers(), { name: 'archive/DATA.PKL', data: evilPickle('id'), align: 64 }]);
    const py = zipfileReads([z])[0] as { names: Record<string, string> };
    expect(py.names['archive/data.pkl']).not.toContain('system');
    expect(py.names['archive/DATA.PKL']).toContain('system');
    const o = scanAll(z);
    expect(o.findings.find((f) => f.check === 'zip.differential')?.severity).toBe('critical');
    expect(o.findings.some((f) => f.severity === 'critical' && f.file?.endsWith('archive/DATA.PKL'))).toBe(true);
  });

  test('two zips concatenated: zipfile shifts offsets into the second (torch refuses); the other end record is reported', () => {
    const a = buildZip(torchMembers());
    const b = buildZip(torchMembers(evilPickle('id')));
    const z = cat(a, b);
    const py = zipfileReads([z])[0] as { names: Record<string, string> };
    expect(py.names['archive/data.pkl']).toContain('system');
    const o = scanAll(z);
    expect(evilIn(o)).toBe(true);
    // torch reads the second end record's unshifted offsets, which land inside the first zip: miniz refuses.
    expect(readCentralDirectory(z, z.length, 'x', 100).failures.map((f) => f.reader)).toEqual(['torch']);
    expect(checks(o)).toEqual(expect.arrayContaining(['zip.prepended-data', 'zip.multiple-end-records']));
  });

  test('an end-record signature in the last 21 bytes: zipfile refuses the archive, torch reads it', () => {
    const z = buildZip(torchMembers(), { comment: 'xxxxPK\x05\x06xxxxxxxxxx' });
    const py = zipfileReads([z])[0] as { error: string };
    expect(py.error).toMatch(/BadZipFile/);
    const o = scanAll(z);
    expect(o.findings.find((f) => f.check === 'zip.differential')?.message).toMatch(/zipfile refuses/);
    expect(o.complete).toBe(true);
  });

  test('a local header naming another file: zipfile refuses the member, torch reads it (still scanned)', () => {
    const z = buildZip(torchMembers(evilPickle('id')).map((m) => (m.name === 'archive/data.pkl' ? { ...m, localName: 'archive/data.pkx' } : m)));
    const py = zipfileReads([z])[0] as { names: Record<string, { error: string }> };
    expect(py.names['archive/data.pkl']).toEqual({ error: 'BadZipFile' });
    const o = scanAll(z);
    expect(checks(o)).toContain('zip.name-mismatch');
    expect(o.findings.find((f) => f.check === 'zip.name-mismatch')?.message).toMatch(/zipfile refuses it/);
    expect(evilIn(o)).toBe(true);
  });

  test('a deflated member whose directory size is short: zipfile hands out only the declared bytes', () => {
    const cfg = enc('{"class_name": "Sequential", "config": {}}');
    const z = buildZip([{ name: 'config.json', data: cat(cfg, ' '.repeat(40)), method: 8 }, { name: 'metadata.json', data: enc('{}') }]);
    // Declare only the JSON's length; the deflated stream holds more.
    const cdAt = z.length - 22 - (46 + 11) - (46 + 13);
    z.set(u32(cfg.length), cdAt + 24);
    const py = zipfileReads([z])[0] as { names: Record<string, string | { error: string }> };
    expect(py.names['config.json']).toEqual({ error: 'BadZipFile' }); // CRC of the declared bytes does not match
    const o = scanAll(z, 'model.keras');
    expect(checks(o)).toContain('zip.size-mismatch');
  });

  test('overlapping members are all scanned (each reading gets the bytes it covers)', () => {
    // Two directory entries point at the same local header: a zip bomb shape; both readings scanned.
    const z = buildZip([{ name: 'a.pkl', data: benignPickle() }, { name: 'b.pkl', data: evilPickle(), localOffsetOf: 'a.pkl' }, { name: 'c.pkl', data: evilPickle() }]);
    const o = scanAll(z, 'm.zip');
    expect(o.findings.some((f) => f.severity === 'critical' && f.file === 'm.zip!/c.pkl')).toBe(true);
    expect(checks(o)).toContain('zip.overlap');
    // b.pkl's reading starts at a.pkl's header and was scanned; the member written for b.pkl that nothing points
    // at is hidden data, scanned too.
    expect(o.findings.some((f) => f.file === 'm.zip!/b.pkl')).toBe(true);
    expect(o.findings.some((f) => f.file?.startsWith('m.zip#'))).toBe(true);
  });

  test('prepended data shifts zipfile offsets (no local header at 0, torch does not read it as a zip)', () => {
    const z = cat(enc('#!/bin/sh\necho hi\n'), buildZip([{ name: 'a.npy', data: benignPickle() }]));
    const py = zipfileReads([z])[0] as { names: Record<string, string> };
    expect(Object.keys(py.names)).toEqual(['a.npy']);
    const o = scanAll(z, 'x.npz');
    expect(checks(o)).toContain('zip.prepended-data');
    expect(checks(o)).not.toContain('zip.differential');
  });
});

// Differential campaign, seed 20261206, input 9288 (a mutated zip behind a GIF prefix): Python's zipfile reads the
// central directory `size` bytes before the end record whatever its stated offset says, finds data.pkl and unpickles
// os.system; sniffing had called the end record implausible (offset + size past it) and saw only an image.
describe('regression: the differential campaign\'s GIF-prefixed zip', () => {
  test('a central directory zipfile finds by its size alone makes the file a zip, and its pickle is read', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync('__tests__/fixtures/differential/regressions/gif-prefix-zip-seed20261206-9288.pt'));
    for (const chunk of [1 << 20, 7]) {
      const o = scanBytes(bytes, 'model.pt', { chunk });
      expect(o.formats).toContain('zip');
      expect(o.findings.filter((f) => f.check === 'pickle.global.dangerous').map((f) => f.evidence ?? f.message).join()).toMatch(/os.*system|system/);
    }
  });
});
