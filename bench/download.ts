// Benchmark: verified streaming download of one large LFS file from the local registry, against the two limits
// that bound it on this machine — hashing (`openssl dgst -sha256` of the stored object) and transfer
// (`curl -s -o /dev/null` of the CDN URL). Our download runs in a child process so its peak RSS (VmHWM) and
// bytes written to disk (/proc/self/io write_bytes) are its own.
//
//   ./run bench download [--size-gib 4] [--runs 2]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HubClient } from '../src/hub/client.js';
import type { TreeFile } from '../src/hub/types.js';
import { buildStore } from '../src/registry/store-builder.js';
import { startRegistry } from '../src/registry/server.js';

const REPO = 'bench/big';
const FILE = 'model.safetensors';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : dflt;
}

function procField(pid: number | 'self', file: 'status' | 'io', field: string): number {
  const text = execFileSync('cat', [`/proc/${pid}/${file}`], { encoding: 'utf8' });
  const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Child mode: one verified download with a discarding consumer; prints its own measurements as JSON. */
async function child(hubUrl: string, cdnUrl: string, sha: string): Promise<void> {
  const client = new HubClient({ hubUrl, allowedCdnOrigins: [cdnUrl] });
  const tree = await client.listTree(REPO, sha);
  const item = tree.find((t): t is TreeFile => t.type === 'file' && t.path === FILE);
  if (!item) throw new Error('bench file missing from the tree');
  let seen = 0;
  let chunks = 0;
  const t0 = performance.now();
  const result = await client.download({
    repo: REPO,
    sha,
    item,
    consumers: [
      {
        write(c) {
          seen += c.byteLength;
          chunks++;
        }
      }
    ]
  });
  const seconds = (performance.now() - t0) / 1000;
  const out = {
    seconds,
    bytes: seen,
    chunks,
    sha256: result.sha256,
    retries: result.retries,
    vmHwmKiB: procField('self', 'status', 'VmHWM'),
    writeBytes: procField('self', 'io', 'write_bytes')
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Wall time of a command; async, because the registry serving it runs in this very process. */
function timeCommand(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

function runChild(script: string, hubUrl: string, cdnUrl: string, sha: string): Promise<{ seconds: number; bytes: number; chunks: number; sha256: string; retries: number; vmHwmKiB: number; writeBytes: number; wallSeconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [script, '--child', hubUrl, cdnUrl, sha], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}`));
      resolve({ ...JSON.parse(out), wallSeconds: (performance.now() - t0) / 1000 });
    });
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    await child(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string);
    return;
  }
  const sizeGiB = Number(arg('--size-gib', '4'));
  const runs = Number(arg('--runs', '2'));
  const size = Math.round(sizeGiB * 2 ** 30);
  const MB = 1e6;
  const dir = await mkdtemp(join(tmpdir(), 'mg-bench-'));
  try {
    console.log(`building a ${sizeGiB} GiB LFS file in ${dir} …`);
    const t = performance.now();
    const built = await buildStore(join(dir, 'store'), {
      accounts: [{ name: 'bench', type: 'org', createdAt: '2024-01-01T00:00:00.000Z' }],
      repos: [{ id: REPO, commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: { [FILE]: { content: { generate: { size } }, lfs: true } } }] }]
    });
    console.log(`  built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const repo = built.repos[REPO];
    const file = repo?.files[FILE];
    if (!repo || !file) throw new Error('store build lost the file');
    const sha = repo.shas[0] as string;
    const registry = await startRegistry({ storeDir: join(dir, 'store') });
    try {
      const objectPath = registry.store.objectPath(file.sha256);
      // The CDN URL the Hub's 302 points to (signed, valid for an hour).
      const res = await fetch(`${registry.hubUrl}/${REPO}/resolve/${sha}/${FILE}`, { redirect: 'manual' });
      const cdnUrl = res.headers.get('location');
      if (res.status !== 302 || !cdnUrl) throw new Error(`resolve answered ${res.status}`);
      // Warm the page cache so every contender reads from memory.
      await timeCommand('cat', [objectPath]);

      const openssl: number[] = [];
      const curl: number[] = [];
      const ours: Awaited<ReturnType<typeof runChild>>[] = [];
      for (let i = 0; i < runs; i++) {
        openssl.push(await timeCommand('openssl', ['dgst', '-sha256', objectPath]));
        curl.push(await timeCommand('curl', ['-s', '-f', '-o', '/dev/null', cdnUrl]));
        const o = await runChild(process.argv[1] as string, registry.hubUrl, registry.cdnUrl, sha);
        if (o.sha256 !== file.sha256 || o.bytes !== size) throw new Error('verified download returned the wrong bytes');
        ours.push(o);
        console.log(`  run ${i + 1}: openssl ${(size / MB / (openssl[i] as number)).toFixed(0)} MB/s, curl ${(size / MB / (curl[i] as number)).toFixed(0)} MB/s, ours ${(size / MB / o.seconds).toFixed(0)} MB/s (RSS ${(o.vmHwmKiB / 1024).toFixed(0)} MiB)`);
      }
      const best = (xs: number[]) => Math.min(...xs);
      const rate = (s: number) => size / MB / s;
      const opensslRate = rate(best(openssl));
      const curlRate = rate(best(curl));
      const oursRate = rate(best(ours.map((o) => o.seconds)));
      const slower = Math.min(opensslRate, curlRate);
      const peakRss = Math.max(...ours.map((o) => o.vmHwmKiB)) / 1024;
      const written = Math.max(...ours.map((o) => o.writeBytes));
      const ratio = oursRate / slower;
      const chunkAvg = size / (ours[0]?.chunks ?? 1);

      const node = process.version;
      const opensslVersion = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
      const curlVersion = execFileSync('curl', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
      const cpu = cpus()[0]?.model ?? 'unknown';
      const shaNi = /\bsha_ni\b/.test(await readFile('/proc/cpuinfo', 'utf8'));
      const pass = ratio >= 0.85 && peakRss <= 150 && written === 0;
      const md = `# Benchmark: verified streaming download

Command: \`./run bench download --size-gib ${sizeGiB} --runs ${runs}\` (${new Date().toISOString()})

Machine: ${cpus().length} CPUs (\`nproc\`), ${cpu}, SHA-NI ${shaNi ? 'yes' : 'no'}; Node ${node}; ${opensslVersion}; ${curlVersion}.
Server: the local registry (\`src/registry\`) in the benchmark's own process, one ${sizeGiB} GiB \`{generate}\` LFS file,
page cache warm. Best of ${runs} runs each, interleaved.

| contender | MB/s | ratio of ours to it |
| --- | ---: | ---: |
| \`openssl dgst -sha256 FILE\` (hashing limit) | ${opensslRate.toFixed(0)} | ${(oursRate / opensslRate).toFixed(2)} |
| \`curl -s -o /dev/null CDN-URL\` (transfer limit) | ${curlRate.toFixed(0)} | ${(oursRate / curlRate).toFixed(2)} |
| **ours**: resolve + 302 + stream + sha256 + pointer oid + size checks, discarding consumer | **${oursRate.toFixed(0)}** | — |

- Ours vs the slower of openssl/curl: **${ratio.toFixed(2)}×** (target ≥ 0.85×).
- Peak RSS of the downloading process (VmHWM): **${peakRss.toFixed(0)} MiB** (target ≤ 150 MB).
- Bytes written to disk by it (/proc/self/io write_bytes): **${written}** (target 0).
- Average chunk handed to consumers: ${(chunkAvg / 1024).toFixed(0)} KiB; retries: ${ours.map((o) => o.retries).join(', ')}.
- Every run: ${runs} × (openssl ${openssl.map((s) => rate(s).toFixed(0)).join(', ')}; curl ${curl.map((s) => rate(s).toFixed(0)).join(', ')}; ours ${ours.map((o) => rate(o.seconds).toFixed(0)).join(', ')}) MB/s.
- Result: ${pass ? 'PASS' : 'BELOW TARGET'}.
`;
      await mkdir('bench/results', { recursive: true });
      await writeFile('bench/results/download.md', md);
      console.log(`\n${md}`);
    } finally {
      await registry.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    console.log(`removed ${dir}`);
  }
}

await main();
