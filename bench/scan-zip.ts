// Benchmark: what does content scanning add to hashing a 2 GB torch zip checkpoint, in the same single pass?
//   ./run bench scan-zip [SIZE_GB]
// Generates a torch.save-shaped zip (stored members, a real data.pkl, 64-byte aligned data/N storages, zip64
// end records) in a temp file, then alternates: sha256 alone vs sha256 + createFileScanner over the same reads.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileScanner } from '../src/scan/file-scanner.js';
import { streamedTorchZip, streamParts } from '../__tests__/scan/support/big-zip.js';

const GB = Number(process.argv[2] ?? 2);
const TENSORS = 64;
const CHUNK = 1 << 20;
const ROUNDS = 5;

async function generate(path: string): Promise<number> {
  const storage = Math.floor((GB * 1024 ** 3) / TENSORS / 64) * 64;
  const { parts, size } = streamedTorchZip(TENSORS, storage, 0xbd);
  const ws = createWriteStream(path, { highWaterMark: 8 * CHUNK });
  for (const c of streamParts(parts, CHUNK)) {
    if (!ws.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength))) await new Promise<void>((r) => ws.once('drain', () => r()));
  }
  await new Promise((r) => ws.end(r));
  return size;
}

async function pass(path: string, size: number, scan: boolean): Promise<{ ms: number; hashMs: number; scanMs: number; digest: string; findings: number; formats: string[] }> {
  const t0 = process.hrtime.bigint();
  const fh = await open(path, 'r');
  const hash = createHash('sha256');
  let scanner: ReturnType<typeof createFileScanner> | undefined;
  if (scan) {
    const tailLen = Math.min(size, 1 << 20);
    const tail = new Uint8Array(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    scanner = createFileScanner({ path: 'pytorch_model.bin', size, tail });
  }
  let pos = 0;
  // Time inside hash.update and inside the scanner, measured around each call: the CPU each adds to the pass,
  // independent of read latency and of other processes competing for the cores.
  let hashNs = 0n;
  let scanNs = 0n;
  while (pos < size) {
    const buf = new Uint8Array(Math.min(CHUNK, size - pos));
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    const chunk = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
    const h0 = process.hrtime.bigint();
    hash.update(chunk);
    const h1 = process.hrtime.bigint();
    scanner?.push(chunk);
    const h2 = process.hrtime.bigint();
    hashNs += h1 - h0;
    scanNs += h2 - h1;
    pos += bytesRead;
  }
  await fh.close();
  const e0 = process.hrtime.bigint();
  const o = scanner?.end();
  scanNs += process.hrtime.bigint() - e0;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, hashMs: Number(hashNs) / 1e6, scanMs: Number(scanNs) / 1e6, digest: hash.digest('hex'), findings: o?.findings.filter((f) => f.severity !== 'info').length ?? 0, formats: o?.formats ?? [] };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const dir = mkdtempSync(join(tmpdir(), 'mg-bench-'));
try {
  const file = join(dir, 'pytorch_model.bin');
  const size = await generate(file);
  console.log(`generated ${(size / 1024 ** 3).toFixed(2)} GiB torch zip (${TENSORS} storages) at ${file}`);
  await pass(file, size, false); // warm the page cache so both modes read from memory
  const hashOnly: number[] = [];
  const withScan: number[] = [];
  const hashCpu: number[] = [];
  const scanCpu: number[] = [];
  let last;
  for (let r = 0; r < ROUNDS; r++) {
    hashOnly.push((await pass(file, size, false)).ms);
    last = await pass(file, size, true);
    withScan.push(last.ms);
    hashCpu.push(last.hashMs);
    scanCpu.push(last.scanMs);
    console.log(`round ${r + 1}: sha256 ${hashOnly[r]?.toFixed(0)} ms, sha256+scan ${withScan[r]?.toFixed(0)} ms ` +
      `(in that pass: ${last.hashMs.toFixed(0)} ms in sha256, ${last.scanMs.toFixed(1)} ms in the scanner)`);
  }
  const a = median(hashOnly);
  const b = median(withScan);
  const overhead = ((b - a) / a) * 100;
  const cpuOverhead = (median(scanCpu) / median(hashCpu)) * 100;
  const rss = process.resourceUsage().maxRSS / 1024;
  const mbps = (ms: number): string => ((size / 1024 ** 2) / (ms / 1000)).toFixed(0);
  const lines = [
    '# scan-zip: scanning a 2 GB torch zip checkpoint in the hashing pass',
    '',
    `Command: \`./run bench scan-zip${process.argv[2] ? ` ${process.argv[2]}` : ''}\` (Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)})`,
    '',
    `File: ${(size / 1024 ** 3).toFixed(2)} GiB, stored torch zip, ${TENSORS} storages + data.pkl, zip64 end records; read in ${CHUNK / 1024} KiB chunks from the page cache.`,
    '',
    `| mode | median of ${ROUNDS} | throughput |`,
    '|---|---|---|',
    `| sha256 only | ${a.toFixed(0)} ms | ${mbps(a)} MiB/s |`,
    `| sha256 + createFileScanner | ${b.toFixed(0)} ms | ${mbps(b)} MiB/s |`,
    '',
    `Time inside the scanner vs inside sha256 in the same pass (median): ${median(scanCpu).toFixed(1)} ms vs ${median(hashCpu).toFixed(0)} ms = **${cpuOverhead.toFixed(2)}%** added work (target < 10%).`,
    `Wall clock, median of ${ROUNDS} alternating runs: ${overhead.toFixed(1)}% (on a 2-core machine shared with other jobs this figure is noise-dominated; min ${Math.min(...hashOnly).toFixed(0)} vs ${Math.min(...withScan).toFixed(0)} ms).`,
    `Peak RSS of the whole run: ${rss.toFixed(0)} MiB.`,
    `Scan result: formats ${JSON.stringify(last?.formats)}, ${last?.findings} non-info findings.`,
    ''
  ];
  console.log(lines.join('\n'));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/scan-zip.md', lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
