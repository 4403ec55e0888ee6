// Examining files: a file no larger than the tail read ahead of a stream is read once and scanned at its end with
// itself as the tail; its report is the one the tail-then-stream path gives (the zip and its pickle member built
// by CPython's zipfile from raw bytes; nothing is unpickled).
import { execFileSync } from 'node:child_process';
import type { FileReport } from '../../src/core/review.js';
import { TextCapture } from '../../src/review/capture.js';
import { examineFiles, type FileReader, type ReadOutcome, type SourceFile } from '../../src/review/examine.js';
import { defaultScanFile } from '../../src/review/scan-file.js';

const ZIP = execFileSync('python3', ['-c', `
import io, sys, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    z.writestr('archive/data.pkl', b"cos\\nsystem\\n(S'echo hi'\\ntR.")
    z.writestr('archive/version', b'3\\n')
sys.stdout.buffer.write(b.getvalue())
`]);
const FILES = new Map<string, Uint8Array>([
  ['model.bin', ZIP],
  ['config.json', Buffer.from('{"model_type": "bert", "hidden_size": 768}')],
  ['notes.txt', Buffer.from('short')]
]);

/** Serves FILES from memory in 7-byte chunks, counting tail reads. */
function memoryReader(): { reader: FileReader; tails: string[] } {
  const tails: string[] = [];
  const bytes = (f: SourceFile) => FILES.get(f.path) as Uint8Array;
  return {
    tails,
    reader: {
      tail: async (f, k) => {
        tails.push(f.path);
        return bytes(f).subarray(bytes(f).length - k);
      },
      async readAll(files, plan, onDone) {
        for (const [i, f] of files.entries()) {
          const p = await plan(f);
          const b = bytes(f);
          for (let i = 0; i < b.length; i += 7) for (const c of p.consumers) await c.write(b.subarray(i, i + 7));
          for (const c of p.consumers) await c.end?.();
          const o: ReadOutcome = { ok: true };
          onDone(f, o, i);
        }
      }
    }
  };
}

async function examine(tailBytes: number): Promise<{ reports: FileReport[]; tails: string[] }> {
  const { reader, tails } = memoryReader();
  const files = [...FILES].map(([path, b]): SourceFile => ({ path, size: b.length }));
  const reports = await examineFiles(files, reader, { scanFile: defaultScanFile, allow: [], capture: new TextCapture(), tailBytes });
  return { reports, tails };
}

test('a file no larger than the tail is read once, and its report is the streamed one', async () => {
  const once = await examine(64 * 1024);
  const streamed = await examine(30); // every file of 22 bytes or more: tail first, then the stream
  expect(once.tails).toEqual([]);
  expect(streamed.tails).toEqual(expect.arrayContaining(['model.bin', 'config.json']));
  expect(once.reports).toEqual(streamed.reports);
  const model = once.reports.find((r) => r.path === 'model.bin');
  expect(model?.formats).toContain('zip');
  expect(model?.findings.some((f) => f.severity === 'critical')).toBe(true);
});

test('a file that delivers more bytes than listed is not examined', async () => {
  const { reader } = memoryReader();
  const reports = await examineFiles([{ path: 'config.json', size: 30 }], reader, { scanFile: defaultScanFile, allow: [], capture: new TextCapture() });
  expect(reports[0]?.complete).toBe(false);
  expect(reports[0]?.findings.some((f) => f.severity === 'high' || f.severity === 'critical')).toBe(true);
});

test("a report's fields come in one order, whichever digests the read has", async () => {
  const digests: Record<string, ReadOutcome> = {
    'model.bin': { ok: true, sha256: 'a'.repeat(64), gitOid: 'b'.repeat(40) },
    'config.json': { ok: true, gitOid: 'c'.repeat(40) },
    'notes.txt': { ok: true }
  };
  const { reader } = memoryReader();
  const withDigests: FileReader = { ...reader, readAll: (files, plan, onDone) => reader.readAll(files, plan, (f, _o, i) => onDone(f, digests[f.path] as ReadOutcome, i)) };
  const files = [...FILES].map(([path, b]): SourceFile => ({ path, size: b.length, lfs: path === 'model.bin' }));
  const reports = await examineFiles(files, withDigests, { scanFile: defaultScanFile, allow: [], capture: new TextCapture() });
  expect(reports.map((r) => Object.keys(r))).toEqual([
    ['path', 'size', 'lfs', 'sha256', 'gitOid', 'formats', 'findings', 'complete'],
    ['path', 'size', 'lfs', 'gitOid', 'formats', 'findings', 'complete'],
    ['path', 'size', 'lfs', 'formats', 'findings', 'complete']
  ]);
  expect(reports[0]).toMatchObject({ path: 'model.bin', size: ZIP.length, lfs: true, sha256: 'a'.repeat(64), gitOid: 'b'.repeat(40), complete: true });
  expect(reports[1]).toMatchObject({ path: 'config.json', lfs: false, gitOid: 'c'.repeat(40), complete: true });
});
