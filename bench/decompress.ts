// Benchmark: decoding the compressed formats joblib and pandas write (bz2, xz, .lzma, lz4, zstd) in the stream,
// against the reference tool decompressing the same file to /dev/null.
//   ./run bench decompress [SIZE_MIB]
// Data: a pickle-like mix (repeated opcodes and names, float arrays, some noise), compressed by the CLIs (bzip2 -9,
// xz -6, xz --format=lzma, lz4, zstd -3). Throughput is decompressed MiB/s, best of 3. "decoder" is the decoder
// alone (src/scan/decode/); "scan" is createFileScanner on the compressed file (decoder + nested scan of the output).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bzip2Decoder } from '../src/scan/decode/bzip2.js';
import { Lz4Decoder } from '../src/scan/decode/lz4.js';
import type { StreamDecoder } from '../src/scan/decode/stream.js';
import { XzDecoder } from '../src/scan/decode/xz.js';
import { ZstdDecoder } from '../src/scan/decode/zstd.js';
import { createFileScanner } from '../src/scan/file-scanner.js';

const MIB = Number(process.argv[2] ?? 32);
const CHUNK = 1 << 20;
const RUNS = 3;

function data(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  const rnd = (): number => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x >>> 0; };
  const words = ['\x80\x04\x95', 'numpy.core.multiarray', '_reconstruct', 'sklearn.tree._tree', 'Tree', 'q\x01', 'K\x05', 'X\x04\x00\x00\x00name'].map((w) => Uint8Array.from(w, (c) => c.charCodeAt(0)));
  let o = 0;
  while (o < n) {
    const r = rnd() % 10;
    if (r < 5) { const w = words[rnd() % words.length] as Uint8Array; out.set(w.subarray(0, Math.min(w.length, n - o)), o); o += w.length; }
    else if (r < 8) { const f = new Float32Array(64); for (let i = 0; i < 64; i++) f[i] = Math.round((rnd() % 1000) / 10) / 100; const b = new Uint8Array(f.buffer); out.set(b.subarray(0, Math.min(b.length, n - o)), o); o += b.length; }
    else { for (let i = 0; i < 32 && o < n; i++) out[o++] = rnd() & 0xff; }
  }
  return out;
}

const FORMATS: { name: string; ext: string; compress: string[]; decompress: string[]; make: (e: (c: Uint8Array) => boolean) => StreamDecoder }[] = [
  { name: 'bz2', ext: 'bz2', compress: ['bzip2', '-9', '-k'], decompress: ['bzip2', '-dc'], make: (e) => new Bzip2Decoder(e) },
  { name: 'xz', ext: 'xz', compress: ['xz', '-6', '-k'], decompress: ['xz', '-dc'], make: (e) => new XzDecoder(e) },
  { name: 'lzma', ext: 'lzma', compress: ['xz', '--format=lzma', '-6', '-k'], decompress: ['xz', '--format=lzma', '-dc'], make: (e) => new XzDecoder(e) },
  { name: 'lz4', ext: 'lz4', compress: ['lz4', '-q', '-k'], decompress: ['lz4', '-dc'], make: (e) => new Lz4Decoder(e) },
  { name: 'zstd', ext: 'zst', compress: ['zstd', '-q', '-3', '-k'], decompress: ['zstd', '-dc'], make: (e) => new ZstdDecoder(e) }
];

function best(f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < RUNS; i++) { const t = performance.now(); f(); b = Math.min(b, performance.now() - t); }
  return b;
}

const dir = mkdtempSync(join(tmpdir(), 'mg-decompress-'));
try {
  const raw = join(dir, 'data.bin');
  const size = MIB * 1024 * 1024;
  writeFileSync(raw, data(size));
  const rows: string[] = [];
  for (const f of FORMATS) {
    const out = `${raw}.${f.ext}`;
    const c = f.ext === 'lz4' ? spawnSync(f.compress[0] as string, [...f.compress.slice(1), raw, out]) : spawnSync(f.compress[0] as string, [...f.compress.slice(1), raw]);
    if (c.status !== 0) { rows.push(`| ${f.name} | (compressor failed: ${String(c.stderr)}) | | | |`); continue; }
    const comp = new Uint8Array(readFileSync(out));
    let n = 0;
    const dec = best(() => {
      n = 0;
      const d = f.make((x) => { n += x.length; return true; });
      for (let i = 0; i < comp.length; i += CHUNK) d.push(comp.subarray(i, i + CHUNK));
      d.end();
      if (d.failure || n !== size) throw new Error(`${f.name}: ${JSON.stringify(d.failure)} ${n}`);
    });
    const scan = best(() => {
      const s = createFileScanner({ path: `model.pkl.${f.ext}`, size: comp.length }, { limits: { maxRatio: 1e9 } });
      for (let i = 0; i < comp.length; i += CHUNK) s.push(comp.subarray(i, i + CHUNK));
      s.end();
    });
    const cli = best(() => { const r = spawnSync(f.decompress[0] as string, [...f.decompress.slice(1), out], { stdio: ['ignore', 'ignore', 'ignore'] }); if (r.status !== 0) throw new Error(`${f.name} CLI failed`); });
    const mibs = (ms: number): string => (MIB / (ms / 1000)).toFixed(1);
    rows.push(`| ${f.name} | ${(comp.length / 1024 / 1024).toFixed(2)} MiB | ${mibs(dec)} MiB/s | ${mibs(scan)} MiB/s | ${mibs(cli)} MiB/s (\`${f.decompress.join(' ')}\`) | ${(dec / cli).toFixed(1)}× |`);
    console.log(rows[rows.length - 1]);
  }
  const md = [
    '# decompress: decoding bz2, xz, .lzma, lz4 and zstd in the stream',
    '',
    `Command: \`./run bench decompress ${MIB}\` (Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}); best of ${RUNS}; 2-core machine shared with other jobs.`,
    '',
    `Load average when it finished: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores: absolute figures move with the load; the ratio to the CLI run at the same time is the figure to compare.`,
    '',
    `Data: ${MIB} MiB pickle-like mix (opcodes and names, float32 arrays, 20% noise), compressed by the CLI tools; pushed in 1 MiB chunks.`,
    '',
    '| format | compressed | decoder alone | createFileScanner | reference CLI to /dev/null | decoder time / CLI time |',
    '|---|---|---|---|---|---|',
    ...rows,
    ''
  ].join('\n');
  writeFileSync(join('bench', 'results', 'decompress.md'), md);
  console.log(md);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
