// Benchmark: verified streaming download of one large LFS file from the local registry, against the two limits
// that bound it on this machine — hashing (`openssl dgst -sha256` of the stored object) and transfer
// (`curl -s -o /dev/null` of the CDN URL). Our download runs in a child process so its peak RSS (VmHWM) and
// bytes written to disk (/proc/self/io write_bytes) are its own. It also runs with the raw-socket fast path off,
// i.e. through undici as every proxied request goes, to show whether the fast path still earns its place.
//
//   ./run bench download [--size-gib 4] [--runs 3]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HubClient } from '../src/hub/client.js';
import type { TreeFile } from '../src/hub/types.js';
import { buildStore } from '../src/registry/store-builder.js';
import { startRegistry } from '../src/registry/server.js';
import { arg, procField } from './kit.js';

const REPO = 'bench/big';
const FILE = 'model.safetensors';

/** Child mode: one verified download with a discarding consumer; prints its own measurements as JSON. */
async function child(hubUrl: string, cdnUrl: string, sha: string, borrow: boolean, transport: Transport): Promise<void> {
  // No proxy (env: {}): the comparison is fast path vs undici, not proxy overhead.
  const client = new HubClient({ hubUrl, allowedCdnOrigins: [cdnUrl], env: {}, rawSocketBytes: transport === 'socket' });
  if (client.http.bytesPath(cdnUrl) !== transport) throw new Error(`expected file bytes over ${transport}`);
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
        // A discarding consumer; with `borrow` it declares it keeps no chunk, letting the read buffer be reused.
        borrowsChunks: borrow,
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
    vmHwmKiB: procField('status', 'VmHWM'),
    writeBytes: procField('io', 'write_bytes')
  };
  await client.close();
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

type Transport = 'socket' | 'undici';

function runChild(script: string, hubUrl: string, cdnUrl: string, sha: string, borrow: boolean, transport: Transport = 'socket'): Promise<{ seconds: number; bytes: number; chunks: number; sha256: string; retries: number; vmHwmKiB: number; writeBytes: number; wallSeconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [script, '--child', hubUrl, cdnUrl, sha, borrow ? 'borrow' : 'keep', transport], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    await child(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string, process.argv[6] === 'borrow', process.argv[7] === 'undici' ? 'undici' : 'socket');
    return;
  }
  const sizeGiB = Number(arg('--size-gib', '4'));
  const runs = Number(arg('--runs', '3'));
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

      const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
      const openssl: number[] = [];
      const curl: number[] = [];
      const ours: Awaited<ReturnType<typeof runChild>>[] = [];
      const fresh: Awaited<ReturnType<typeof runChild>>[] = [];
      const viaUndici: Awaited<ReturnType<typeof runChild>>[] = [];
      for (let i = 0; i < runs; i++) {
        openssl.push(await timeCommand('openssl', ['dgst', '-sha256', objectPath]));
        curl.push(await timeCommand('curl', ['-s', '-f', '-o', '/dev/null', cdnUrl]));
        const o = await runChild(process.argv[1] as string, registry.hubUrl, registry.cdnUrl, sha, true);
        const f = await runChild(process.argv[1] as string, registry.hubUrl, registry.cdnUrl, sha, false);
        const u = await runChild(process.argv[1] as string, registry.hubUrl, registry.cdnUrl, sha, true, 'undici');
        for (const x of [o, f, u]) if (x.sha256 !== file.sha256 || x.bytes !== size) throw new Error('verified download returned the wrong bytes');
        ours.push(o);
        fresh.push(f);
        viaUndici.push(u);
        console.log(`  run ${i + 1}: openssl ${(size / MB / (openssl[i] as number)).toFixed(0)} MB/s, curl ${(size / MB / (curl[i] as number)).toFixed(0)} MB/s, ours ${(size / MB / o.seconds).toFixed(0)} MB/s (RSS ${(o.vmHwmKiB / 1024).toFixed(0)} MiB), ours with fresh chunks ${(size / MB / f.seconds).toFixed(0)} MB/s (RSS ${(f.vmHwmKiB / 1024).toFixed(0)} MiB), ours through undici ${(size / MB / u.seconds).toFixed(0)} MB/s (RSS ${(u.vmHwmKiB / 1024).toFixed(0)} MiB)`);
      }
      const best = (xs: number[]) => Math.min(...xs);
      const rate = (s: number) => size / MB / s;
      const opensslRate = rate(best(openssl));
      const curlRate = rate(best(curl));
      const oursRate = rate(best(ours.map((o) => o.seconds)));
      const slower = Math.min(opensslRate, curlRate);
      const freshRate = rate(best(fresh.map((o) => o.seconds)));
      const undiciRate = rate(best(viaUndici.map((o) => o.seconds)));
      const undiciRss = Math.max(...viaUndici.map((o) => o.vmHwmKiB)) / 1024;
      // Per run: the fast path against undici measured right after it.
      const fastPerRun = ours.map((o, i) => (viaUndici[i] as { seconds: number }).seconds / o.seconds);
      const fastMedian = [...fastPerRun].sort((a, b) => a - b)[Math.floor(fastPerRun.length / 2)] as number;
      const all = [...ours, ...fresh, ...viaUndici];
      const borrowRss = Math.max(...ours.map((o) => o.vmHwmKiB)) / 1024;
      const written = Math.max(...all.map((o) => o.writeBytes));
      const ratio = oursRate / slower;
      // Per run, against the contenders measured right before it: less sensitive to load drifting between runs.
      const perRun = ours.map((o, i) => rate(o.seconds) / Math.min(rate(openssl[i] as number), rate(curl[i] as number)));
      const medianPerRun = [...perRun].sort((a, b) => a - b)[Math.floor(perRun.length / 2)] as number;
      const chunkAvg = size / (ours[0]?.chunks ?? 1);

      const node = process.version;
      const opensslVersion = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
      const curlVersion = execFileSync('curl', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
      const cpu = cpus()[0]?.model ?? 'unknown';
      const shaNi = /\bsha_ni\b/.test(await readFile('/proc/cpuinfo', 'utf8'));
      const pass = ratio >= 0.85 && borrowRss <= 150 && written === 0;
      const md = `# Benchmark: verified streaming download

Command: \`./run bench download --size-gib ${sizeGiB} --runs ${runs}\` (${new Date().toISOString()})

Machine: ${cpus().length} CPUs (\`nproc\`), ${cpu}, SHA-NI ${shaNi ? 'yes' : 'no'}; Node ${node}; ${opensslVersion}; ${curlVersion}.
Server: the local registry (\`src/registry\`) in the benchmark's own process, one ${sizeGiB} GiB \`{generate}\` LFS file,
page cache warm. Best of ${runs} runs each, interleaved.

| contender | MB/s | ratio of ours to it |
| --- | ---: | ---: |
| \`openssl dgst -sha256 FILE\` (hashing limit) | ${opensslRate.toFixed(0)} | ${(oursRate / opensslRate).toFixed(2)} |
| \`curl -s -o /dev/null CDN-URL\` (transfer limit) | ${curlRate.toFixed(0)} | ${(oursRate / curlRate).toFixed(2)} |
| **ours**: resolve + 302 + stream + sha256 + pointer oid + size checks, discarding consumer that borrows chunks | **${oursRate.toFixed(0)}** | — |
| ours, consumer that may keep chunks (a fresh buffer per socket read) | ${freshRate.toFixed(0)} | ${(freshRate / slower).toFixed(2)} of the slower |
| ours, fast path off: file bytes through undici (\`rawSocketBytes: false\`, as every proxied request), borrowing consumer | ${undiciRate.toFixed(0)} | ${(undiciRate / slower).toFixed(2)} of the slower |

**Raw-socket fast path vs undici** (no proxy, same borrowing consumer): best of runs ${oursRate.toFixed(0)} vs ${undiciRate.toFixed(0)} MB/s,
**${(oursRate / undiciRate).toFixed(2)}×**; per run ${fastPerRun.map((r) => r.toFixed(2)).join(', ')} (median ${fastMedian.toFixed(2)}×); peak RSS ${borrowRss.toFixed(0)} vs ${undiciRss.toFixed(0)} MiB.
${fastMedian >= 1.1 ? 'The fast path still wins measurably, so it stays — for origins no proxy applies to (src/hub/http.ts `bytesPath`).' : 'The fast path no longer wins measurably: remove it and send file bytes through undici.'}

- Ours vs the slower of openssl/curl: **${ratio.toFixed(2)}×** best-of-runs (target ≥ 0.85×); per run ${perRun.map((r) => r.toFixed(2)).join(', ')} (median ${medianPerRun.toFixed(2)}).
- Peak RSS of the downloading process (VmHWM): **${borrowRss.toFixed(0)} MiB** with the discarding consumer, ${(Math.max(...fresh.map((o) => o.vmHwmKiB)) / 1024).toFixed(0)} MiB with fresh chunks (garbage slabs awaiting GC) (target ≤ 150 MB).
- Bytes written to disk by it (/proc/self/io write_bytes), worst run: **${written}** (target 0).
- Average chunk handed to consumers: ${(chunkAvg / 1024).toFixed(0)} KiB; retries: ${ours.map((o) => o.retries).join(', ')}.
- Every run: ${runs} × (openssl ${openssl.map((s) => rate(s).toFixed(0)).join(', ')}; curl ${curl.map((s) => rate(s).toFixed(0)).join(', ')}; ours ${ours.map((o) => rate(o.seconds).toFixed(0)).join(', ')}; fresh chunks ${fresh.map((o) => rate(o.seconds).toFixed(0)).join(', ')}; through undici ${viaUndici.map((o) => rate(o.seconds).toFixed(0)).join(', ')}) MB/s.
- Load: other work was running on this shared 2-CPU machine (load average ${loadBefore} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after), so single runs vary; the ratios compare contenders measured back to back.
- Result (discarding consumer): ${pass ? 'PASS' : 'BELOW TARGET'}.

## Where the time goes (profiling notes, same machine)

- sha256 itself runs at ~1.05 GB/s here in both Node and \`openssl speed -evp sha256\` (same OpenSSL assembly), so
  hashing alone costs ~1.0 CPU-s per GiB and a single-threaded verified download can at best approach openssl.
- Node's \`fetch\` body stream costs ~2 CPU-s/GiB and \`node:http\` ~1 CPU-s/GiB before any hashing (a fresh 64 KiB
  buffer per socket read): download+verify through fetch measured 185–260 MB/s. File bytes therefore go through
  \`src/hub/socket-get.ts\` (raw socket, \`onread\` into our own 1 MiB buffer, ~0.25 CPU-s/GiB); the download loop
  then measures ~1.25–1.3 CPU-s/GiB in total (\`process.cpuUsage\`), i.e. hash + receive and little else.
- Every request the Hub client makes goes through undici (the package, with its \`EnvHttpProxyAgent\` as
  dispatcher, so HTTPS_PROXY/HTTP_PROXY/NO_PROXY apply). The raw socket cannot speak to a proxy, so it is used only
  for file bytes from an origin no proxy applies to; the "through undici" row is what proxied runners get.
- Reading into fresh memory for consumers that keep chunks adds ~0.5 CPU-s/GiB (page faults on new buffers); that is
  the "fresh chunks" row. Scanners that only look at each chunk once can set \`borrowsChunks\` to get the fast path.
- Hashing in a worker thread over a SharedArrayBuffer ring (Atomics, no copies) measured the same throughput as
  inline hashing on these 2 CPUs (the registry server needs the other one), so it was not adopted. Parallel Range
  requests were not tried for the same reason: the limit is CPU, not one connection's bandwidth.
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
