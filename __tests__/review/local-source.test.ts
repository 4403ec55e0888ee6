// Files on disk as a review reads them (review/sources/local.ts): special files are reported and never read, and a
// file swapped for a FIFO after it was listed fails closed at once instead of blocking the scan on a reader-less
// pipe (the reads are synchronous, so a blocking open would hang the whole process).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextCapture } from '../../src/review/capture.js';
import { examineFiles } from '../../src/review/examine.js';
import { defaultScanFile } from '../../src/review/scan-file.js';
import { listLocal } from '../../src/review/sources/local.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-local-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a FIFO in the folder is reported as a special file and not read', async () => {
  const folder = await mkdtemp(join(dir, 'special-'));
  await writeFile(join(folder, 'config.json'), '{"model_type": "bert"}');
  execFileSync('mkfifo', [join(folder, 'weights.bin')]);
  const { listing } = await listLocal([folder], dir);
  expect(listing.files.map((f) => f.path)).toEqual([join(folder.slice(dir.length + 1), 'config.json')]);
  expect(listing.findings.map((f) => [f.check, f.severity, f.file])).toEqual([['file.special', 'medium', join(folder.slice(dir.length + 1), 'weights.bin')]]);
});

test('a file replaced by a FIFO after the listing fails closed without blocking', async () => {
  const folder = await mkdtemp(join(dir, 'swap-'));
  const path = join(folder, 'pytorch_model.bin');
  await writeFile(path, new Uint8Array(200_000).fill(7));
  const { listing, reader } = await listLocal([folder], dir);
  await unlink(path);
  execFileSync('mkfifo', [path]);
  const reports = await examineFiles(listing.files, reader, { scanFile: defaultScanFile, allow: [], capture: new TextCapture() });
  expect(reports).toHaveLength(1);
  expect(reports[0]?.complete).toBe(false);
  expect(reports[0]?.findings.some((f) => f.severity === 'high' && /no longer a regular file/.test(f.message))).toBe(true);
});
