// Benchmark: `model-gate scan` of a local 2 GB torch checkpoint, whole process, against what the peer scanners do
// with the same file (picklescan, modelscan and fickling cannot be installed here: no PyPI). Their operation, done
// with CPython's own modules: open the zip's central directory, read `data.pkl`, walk its opcodes with
// pickletools.genops. Model Gate runs every interpretation the streaming scan runs, but a local scan reads only the
// bytes one of them looks at (scan/ahead.ts): local headers, data.pkl and the other records, each storage's 64 KiB
// sniffed head, the candidate HDF5 offsets, the central directory; tensor bytes are passed by. The table says how
// many bytes were read, measured in-process with the same reader.
//   ./run bench scan-local [--size-gib 2] [--runs 5] [--before DIST]   (DIST: another build's dist/, timed alongside)
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { streamedTorchZip, streamParts } from '../__tests__/scan/support/big-zip.js';
import { TextCapture } from '../src/review/capture.js';
import { examineFiles } from '../src/review/examine.js';
import { defaultScanFile } from '../src/review/scan-file.js';
import { localReader } from '../src/review/sources/local.js';
import { arg } from './kit.js';

const PEER = `
import pickletools, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('data.pkl'):
        for _ in pickletools.genops(z.read(n)):
            pass
`;

function timed(cmd: string, args: string[], keepOut = true): Promise<{ s: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', keepOut ? 'pipe' : 'ignore', 'inherit'] });
    let out = '';
    p.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ s: (performance.now() - t0) / 1000, out }) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const gib = Number(arg('--size-gib', '2'));
  const runs = Number(arg('--runs', '5'));
  const before = arg('--before', '');
  const load0 = loadavg().map((x) => x.toFixed(2)).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-local-'));
  try {
    const file = join(dir, 'pytorch_model.bin');
    const tensors = 64;
    const { parts } = streamedTorchZip(tensors, Math.floor((gib * 1024 ** 3) / tensors / 64) * 64, 0x5a);
    const ws = createWriteStream(file, { highWaterMark: 8 << 20 });
    for (const c of streamParts(parts, 1 << 20)) {
      if (!ws.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength))) await new Promise<void>((r) => ws.once('drain', () => r()));
    }
    await new Promise((r) => ws.end(r));
    await timed('cat', [file], false); // page cache warm for both
    // The interpreter itself, not a version-manager shim in front of it (pyenv's adds a shell start to each run).
    const python = (await timed('python3', ['-c', 'import sys; print(sys.executable)'])).out.trim();
    const ours: number[] = [];
    const peer: number[] = [];
    const old: number[] = [];
    let verdict = '';
    for (let i = 0; i < runs; i++) {
      const o = await timed(process.execPath, ['dist/cli.js', 'scan', file, '--format', 'json']);
      ours.push(o.s);
      verdict = (JSON.parse(o.out) as { verdict?: string }).verdict ?? '?';
      peer.push((await timed(python, ['-c', PEER, file], false)).s);
      if (before) old.push((await timed(process.execPath, [join(before, 'cli.js'), 'scan', file, '--format', 'json'], false).catch(() => ({ s: NaN }))).s);
      process.stderr.write(`run ${i + 1}: model-gate scan ${o.s.toFixed(2)} s, peer operation ${peer.at(-1)!.toFixed(2)} s${before ? `, before ${old.at(-1)!.toFixed(2)} s` : ''}\n`);
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Bytes the local reader read and passed by, in-process (the same reader and scanners as the CLI).
    const stats = { read: 0, skipped: 0 };
    await examineFiles([{ path: file, size: statSync(file).size }], localReader(() => file, { stats }), { scanFile: defaultScanFile, allow: [], capture: new TextCapture() });
    const mib = (n: number): string => (n / 1024 ** 2).toFixed(1);
    // One after another: three node processes at once on a 2-core machine measured the machine, not the start.
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) starts.push((await timed(process.execPath, ['dist/cli.js', '--version'])).s);
    const startup = med(starts);
    const md = `# Benchmark: local scan of a ${gib} GiB torch checkpoint, whole process

Command: \`./run bench scan-local --size-gib ${gib} --runs ${runs}${before ? ` --before ${before}` : ''}\` (${new Date().toISOString().slice(0, 10)}); ${cpus().length} CPUs, Node ${process.version}; load average before: ${load0}, after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}.
File: a torch.save-shaped zip (${tensors} stored storages, data.pkl, zip64 end records), page cache warm.

| | median of ${runs} | all runs |
| --- | ---: | --- |
| \`model-gate scan FILE --format json\` (every interpretation; reads ${mib(stats.read)} MiB, passes ${mib(stats.skipped)} MiB by) | ${med(ours).toFixed(2)} s | ${ours.map((x) => x.toFixed(2)).join(', ')} |${before ? `
| the same with \`${before}\` | ${med(old).toFixed(2)} s | ${old.map((x) => x.toFixed(2)).join(', ')} |` : ''}
| the peers' operation in CPython (central directory, \`data.pkl\`, \`pickletools.genops\`) | ${med(peer).toFixed(2)} s | ${peer.map((x) => x.toFixed(2)).join(', ')} |
| \`model-gate --version\` (process start, for scale) | ${startup.toFixed(2)} s | |

Verdict of the scan: ${verdict}.
`;
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/scan-local.md', md);
    process.stdout.write(md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
