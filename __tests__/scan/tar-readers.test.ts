// tar read as CPython's tarfile reads it. The oracle is tarfile itself (python3, stdlib): for every archive, with
// ignore_zeros off and on, each member extractfile() returns and its exact bytes. Every one of them must reach a
// nested scanner with the same bytes. Archives are written by tarfile with its format options where it can
// write them, and laid out by hand for what only other writers (or attackers) produce.
import { createTarScanner } from '../../src/scan/tar.js';
import type { StreamScanner } from '../../src/scan/types.js';
import { runPython, toLatin1, fromLatin1 } from '../support/cpython.js';
import { cat, checks, enc, evilPickle, latin, scanBytes } from './support/fixtures.js';

const READ = String.raw`
import io, json, sys, tarfile
out = []
for data in json.load(sys.stdin):
    b = data.encode('latin-1')
    res = {}
    for iz in (False, True):
        try:
            t = tarfile.open(fileobj=io.BytesIO(b), mode='r:', ignore_zeros=iz)
            got = []
            for m in t.getmembers():
                if m.isreg() or m.type not in tarfile.SUPPORTED_TYPES:
                    got.append([m.name, t.extractfile(m).read().decode('latin-1')])
            res[str(iz)] = got
        except Exception as e:
            res[str(iz)] = type(e).__name__
    out.append(res)
print(json.dumps(out))
`;
const WRITE = String.raw`
import io, json, sys, tarfile
out = []
for spec in json.load(sys.stdin):
    buf = io.BytesIO()
    fmt = {'pax': tarfile.PAX_FORMAT, 'gnu': tarfile.GNU_FORMAT, 'ustar': tarfile.USTAR_FORMAT}[spec['format']]
    with tarfile.open(fileobj=buf, mode='w', format=fmt, pax_headers=spec.get('global', {})) as t:
        for m in spec['members']:
            data = m['data'].encode('latin-1')
            ti = tarfile.TarInfo(m['name'])
            ti.size = len(data)
            ti.pax_headers = m.get('pax', {})
            if 'type' in m: ti.type = m['type'].encode()
            t.addfile(ti, io.BytesIO(data))
    out.append(buf.getvalue().decode('latin-1'))
print(json.dumps(out))
`;

type Reads = Record<'False' | 'True', [string, string][] | string>;
const tarfileReads = (files: Uint8Array[]): Reads[] => runPython<Reads[]>(READ, files.map(toLatin1));
const tarfileWrites = (specs: unknown[]): Uint8Array[] => runPython<string[]>(WRITE, specs).map(fromLatin1);

/** What our tar scanner hands to nested scanners: member path → bytes, at a given chunk size. */
function ourReads(b: Uint8Array, chunk: number): Map<string, string[]> {
  const got = new Map<string, string[]>();
  const nested = (ctx: { path: string }): StreamScanner => {
    const parts: number[] = [];
    return {
      push: (c) => { for (const x of c) parts.push(x); },
      end: () => {
        const name = ctx.path.slice(ctx.path.indexOf('!/') + 2);
        got.set(name, [...(got.get(name) ?? []), toLatin1(Uint8Array.from(parts))]);
        return { formats: [], findings: [], complete: true };
      }
    };
  };
  const s = createTarScanner({ path: 't.tar', size: b.length }, {}, nested);
  for (let i = 0; i < b.length; i += chunk) s.push(b.slice(i, i + chunk));
  s.end();
  return got;
}

/** Every (name, bytes) tarfile extracts in either mode is among ours, at every chunk size. */
function expectSameMembers(files: Uint8Array[]): void {
  const py = tarfileReads(files);
  files.forEach((b, i) => {
    for (const chunk of [3, 512, 1 << 20]) {
      const ours = ourReads(b, chunk);
      for (const mode of ['False', 'True'] as const) {
        const r = (py[i] as Reads)[mode];
        if (typeof r === 'string') continue;
        for (const [name, data] of r) {
          // Names are compared loosely (tarfile decodes undecodable bytes as surrogates); the bytes exactly.
          const found = data === '' || [...ours.values()].some((list) => list.includes(data));
          expect({ file: i, chunk, mode, name, found }).toEqual({ file: i, chunk, mode, name, found: true });
        }
      }
    }
  });
}

/** A header block laid out by hand; the checksum written as `checksum(h)` returns it. */
function header(fields: { name?: string | Uint8Array; size?: string | Uint8Array; type?: string; magic?: string; checksum?: (h: Uint8Array) => string }): Uint8Array {
  const h = new Uint8Array(512);
  h.set(typeof fields.name === 'string' || fields.name === undefined ? latin(fields.name ?? 'member') : fields.name, 0);
  h.set(latin('0000644\0'), 100);
  h.set(latin('0000000\0'), 108);
  h.set(latin('0000000\0'), 116);
  h.set(typeof fields.size === 'string' ? latin(fields.size) : fields.size ?? latin('00000000000\0'), 124);
  h.set(latin('00000000000\0'), 136);
  h[156] = (fields.type ?? '0').charCodeAt(0);
  h.set(latin(fields.magic ?? 'ustar\x0000'), 257);
  h.fill(0x20, 148, 156);
  const unsigned = h.reduce((a, c) => a + c, 0);
  const signed = h.reduce((a, c) => a + (c >= 128 ? c - 256 : c), 0);
  h.fill(0, 148, 156);
  h.set(latin(fields.checksum ? fields.checksum(h) : `${unsigned.toString(8).padStart(6, '0')}\0 `), 148);
  void signed;
  return h;
}
const pad = (d: Uint8Array): Uint8Array => cat(d, new Uint8Array((512 - (d.length % 512)) % 512));
const sums = (h: Uint8Array): { unsigned: number; signed: number } => {
  const c = h.slice(); c.fill(0x20, 148, 156);
  return { unsigned: c.reduce((a, x) => a + x, 0), signed: c.reduce((a, x) => a + (x >= 128 ? x - 256 : x), 0) };
};
const evil = evilPickle('id');
const octal = (n: number): string => `${n.toString(8).padStart(11, '0')}\0`;

describe('tar: every member tarfile extracts is scanned, with its bytes', () => {
  test('tarfile-written archives: pax (long and non-ASCII names, per-member and global headers), GNU long names, ustar', () => {
    const long = `${'d/'.repeat(80)}model.pkl`;
    const files = tarfileWrites([
      { format: 'pax', members: [{ name: long, data: toLatin1(evil) }, { name: 'é/ü.pkl', data: 'abc' }], global: { comment: 'x' } },
      { format: 'gnu', members: [{ name: long, data: toLatin1(evil) }, { name: 'b', data: 'x'.repeat(1000) }] },
      { format: 'ustar', members: [{ name: 'a/b.pkl', data: toLatin1(evil) }] },
      { format: 'pax', members: [{ name: 'x.pkl', data: toLatin1(evil), pax: { path: 'renamed.pkl' } }] }
    ]);
    expectSameMembers(files);
    for (const f of files) expect(scanBytes(f, 'x.tar').findings.some((x) => x.severity === 'critical')).toBe(true);
  });

  test('signed checksums (Sun/NeXT tars) are accepted like tarfile does', () => {
    const name = cat(latin('sig\xff\xfe.pkl'));
    const h = header({ name, size: octal(evil.length), checksum: (b) => `${sums(b).signed.toString(8).padStart(6, '0')}\0 ` });
    const t = cat(h, pad(evil), new Uint8Array(1024));
    expect(sums(h).signed).not.toBe(sums(h).unsigned);
    expectSameMembers([t]);
    expect(scanBytes(t, 'x.tar').findings.some((f) => f.severity === 'critical')).toBe(true);
  });

  test("numbers in Python's grammar: base-256, 0o prefix, underscores, signs, spaces", () => {
    const b256 = cat([0x80], new Uint8Array(7), [0, 0, 0, evil.length]);
    const files = [b256, latin(`0o${evil.length.toString(8)}\0`), latin(` +${evil.length.toString(8).split('').join('_')} \0`)].map((size) =>
      cat(header({ name: 'n.pkl', size }), pad(evil), new Uint8Array(1024)));
    expectSameMembers(files);
    for (const f of files) expect(scanBytes(f, 'x.tar').findings.some((x) => x.severity === 'critical')).toBe(true);
  });

  test('unknown type flags are regular files to tarfile', () => {
    const t = cat(header({ name: 'v.pkl', size: octal(evil.length), type: 'V' }), pad(evil), new Uint8Array(1024));
    expectSameMembers([t]);
    const o = scanBytes(t, 'x.tar');
    expect(o.findings.some((f) => f.severity === 'critical')).toBe(true);
    expect(checks(o)).toContain('tar.unknown-type');
  });

  test('pax size overrides the header size (local and global)', () => {
    const paxRec = (k: string, v: string): string => {
      let len = k.length + v.length + 3;
      len += String(len).length;
      if (String(len).length !== String(len - String(len).length).length) len++;
      return `${len} ${k}=${v}\n`;
    };
    const local = enc(paxRec('size', String(evil.length)));
    const a = cat(header({ name: 'PaxHeader', size: octal(local.length), type: 'x' }), pad(local), header({ name: 'z.pkl', size: octal(0) }), pad(evil), new Uint8Array(1024));
    const glob = enc(paxRec('size', String(evil.length)));
    const g = cat(header({ name: 'GlobalHead', size: octal(glob.length), type: 'g' }), pad(glob), header({ name: 'z.pkl', size: octal(0) }), pad(evil), new Uint8Array(1024));
    expectSameMembers([a, g]);
    for (const f of [a, g]) expect(scanBytes(f, 'x.tar').findings.some((x) => x.severity === 'critical')).toBe(true);
  });

  test('a member after the end-of-archive marker: read with ignore_zeros=True, scanned and reported', () => {
    const t = cat(header({ name: 'ok.txt', size: octal(2) }), pad(enc('hi')), new Uint8Array(1024), header({ name: 'late.pkl', size: octal(evil.length) }), pad(evil), new Uint8Array(1024));
    const py = tarfileReads([t])[0] as Reads;
    expect((py.False as [string, string][]).map((m) => m[0])).toEqual(['ok.txt']);
    expect((py.True as [string, string][]).map((m) => m[0])).toEqual(['ok.txt', 'late.pkl']);
    expectSameMembers([t]);
    const o = scanBytes(t, 'x.tar');
    expect(checks(o)).toContain('tar.hidden-member');
    expect(o.findings.some((f) => f.severity === 'critical')).toBe(true);
  });

  test('old GNU sparse members are rebuilt with their holes, as extractfile returns them', () => {
    // 'S' header: two data segments (offset 0, 4 bytes) and (offset 1024, evil), real size 1024 + evil.
    const h = header({ name: 'sparse.bin', size: octal(512 + evil.length), type: 'S', magic: 'ustar  \0' });
    const o12 = (n: number): Uint8Array => latin(`${n.toString(8).padStart(11, '0')}\0`);
    h.set(o12(0), 386); h.set(o12(4), 398); h.set(o12(1024), 410); h.set(o12(evil.length), 422);
    h.set(o12(1024 + evil.length), 483);
    h.fill(0, 148, 156);
    h.set(latin(`${sums(h).unsigned.toString(8).padStart(6, '0')}\0 `), 148);
    const stored = cat(enc('ABCD'), evil);
    const t = cat(h, pad(stored), new Uint8Array(1024));
    expectSameMembers([t]);
  });

  test('a link or directory with a size: tarfile does not skip it, other readers do (reported)', () => {
    const t = cat(header({ name: 'd/', size: octal(512), type: '5' }), header({ name: 'x.pkl', size: octal(evil.length) }), pad(evil), new Uint8Array(1024));
    expectSameMembers([t]);
    expect(checks(scanBytes(t, 'x.tar'))).toContain('tar.nonregular-size');
  });

  test('generated and mutated headers: we scan whatever tarfile extracts', () => {
    let seed = 7;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    const base = tarfileWrites([{ format: 'gnu', members: [{ name: 'a.pkl', data: toLatin1(evil) }, { name: 'b', data: 'hello' }] },
      { format: 'pax', members: [{ name: 'c'.repeat(120), data: 'x' }, { name: 'd', data: toLatin1(evil) }] }]);
    const files: Uint8Array[] = [];
    for (let i = 0; i < 150; i++) {
      const f = (base[i % 2] as Uint8Array).slice();
      const blockAt = 512 * Math.floor(rnd() * 4);
      const field = [124, 156, 148, 0, 345][Math.floor(rnd() * 5)] as number;
      f[blockAt + field + Math.floor(rnd() * 3)] = [0x30, 0x37, 0x20, 0, 0x80, 0xff, 0x56, 0x5f, 0x2b][Math.floor(rnd() * 9)] as number;
      // Keep the checksum valid half the time, so headers are accepted with their odd fields.
      if (rnd() < 0.5) {
        const h = f.subarray(blockAt, blockAt + 512);
        h.fill(0, 148, 156);
        h.set(latin(`${sums(h).unsigned.toString(8).padStart(6, '0')}\0 `), 148);
      }
      files.push(f);
    }
    expectSameMembers(files);
  });
});
