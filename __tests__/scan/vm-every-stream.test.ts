// The pickle VM reads every stream from its start, as pickle.load would, whatever sniffing decides the bytes look
// like: a pickle behind an image signature or written as printable text is read; a text file whose first lines
// happen to parse as an import is not turned into a rejection. Bypass classes of the differential campaign
// (bench/results/differential.md: prefix, text0, single).
import { createFileScanner } from '../../src/scan/file-scanner.js';
import type { ScanOutcome } from '../../src/scan/types.js';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const cat = (...parts: (string | Uint8Array)[]): Uint8Array => {
  const bs = parts.map((p) => (typeof p === 'string' ? enc(p) : p));
  const out = new Uint8Array(bs.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bs) { out.set(b, at); at += b.length; }
  return out;
};

function scan(path: string, bytes: Uint8Array, chunk = 3): ScanOutcome {
  const s = createFileScanner({ path, size: bytes.length, tail: bytes.slice(Math.max(0, bytes.length - 65558)) });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.slice(i, i + chunk));
  return s.end();
}
const checks = (o: ScanOutcome): string[] => o.findings.map((f) => `${f.severity} ${f.check}`);

// Protocol 0: GLOBAL os system, MARK, STRING 'id', TUPLE, REDUCE, STOP — printable from the first byte to the last.
const CALL = "cos\nsystem\n(S'id'\ntR.";

describe('the VM runs on every stream', () => {
  test('a printable pickle that calls before it breaks is read, though sniffing calls it text (named like a text file)', () => {
    // No STOP: the REDUCE runs, then the unpickler fails on the prose that follows.
    const o = scan('notes.txt', enc("cos\nsystem\n(S'id'\ntR and then ordinary prose.\n"));
    expect(checks(o)).toContain('critical pickle.global.dangerous');
    expect(o.formats).toContain('pickle');
  });

  test('a pickle behind a GIF signature: BINFLOAT swallows "IF89a" + 3 bytes, then the payload runs', () => {
    // 'G' is BINFLOAT (8 bytes of argument), then POP, then the call; the unpickler fails only after it (0xff).
    const o = scan('preview.gif', cat('GIF89a\x01\x00\x00', '0', "cos\nsystem\n(S'id'\ntR", '\xff'));
    expect(checks(o)).toContain('critical pickle.global.dangerous');
  });

  test('a stream a loader picks by name counts from its first import, complete or not', () => {
    const o = scan('pytorch_model.bin', enc('cos\nsystem\n'));
    expect(checks(o)).toContain('critical pickle.global.dangerous');
  });

  test('a text file whose first lines parse as an import is not a rejection (requirements.txt: "click", "numpy")', () => {
    const o = scan('requirements.txt', enc('click\nnumpy\ntorch>=2.1\n'));
    expect(o.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(o.formats).not.toContain('pickle');
  });

  test('a dangerous import in a file no loader picks, without a call, asks for review and names it', () => {
    const o = scan('NOTICE', enc('cos\nsystem\nand then some prose that is not a pickle\n'));
    expect(o.findings).toEqual([expect.objectContaining({ check: 'pickle.stray-import', severity: 'medium' })]);
    expect(o.findings[0]?.message).toContain('os.system');
  });

  test('a zip named like a checkpoint is not a pickle to pickle.load (PERSID without persistent_load raises)', () => {
    const zipHead = cat('PK\x03\x04\x14\x00\x00\x00\x00\x00', new Uint8Array(20), 'archive/data.pkl');
    const o = scan('weights.bin', zipHead, 1);
    expect(o.findings.some((f) => f.check.startsWith('pickle.'))).toBe(false);
  });

  test('the outcome does not depend on chunking', () => {
    for (const [path, bytes] of [['notes.txt', enc(CALL)], ['preview.gif', cat('GIF89a\x01\x00\x00', '0', CALL)], ['NOTICE', enc('cos\nsystem\nprose\n')]] as const) {
      const whole = scan(path, bytes, bytes.length);
      for (const c of [1, 2, 5, 7]) expect(scan(path, bytes, c)).toEqual(whole);
    }
  });
});
