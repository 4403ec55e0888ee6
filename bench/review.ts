// Benchmark: the whole review of one repository holding a large safetensors file, as the action runs it —
// resolve, tree, verified download, content sniffing and the safetensors scanner, repository checks — in a child
// process, so its peak RSS (VmHWM) and bytes written to disk (/proc/self/io write_bytes) are its own. The hashing
// limit (`openssl dgst -sha256` of the same file) is measured beside it.
//
//   ./run bench review [--size-gib 2] [--runs 3] [--cpu-prof DIR]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_CHECKS } from '../src/checks/index.js';
import { HubClient } from '../src/hub/client.js';
import { defaultPolicy } from '../src/config/policy/defaults.js';
import { startRegistry } from '../src/registry/server.js';
import { buildStore } from '../src/registry/store-builder.js';
import { reviewEntry } from '../src/review/pipeline.js';
import { defaultScanFile } from '../src/review/scan-file.js';
import { START_FLAGS, steadyHeap } from '../src/core/steady-heap.js';
import { arg, procField } from './kit.js';

const REPO = 'bench-org/big-model';

/** A valid safetensors file of about `bytes`: one F32 tensor, written in 8 MiB blocks. */
async function writeSafetensors(path: string, bytes: number): Promise<void> {
  const elems = Math.floor(bytes / 4);
  let header = JSON.stringify({ __metadata__: { format: 'pt' }, 'model.weight': { dtype: 'F32', shape: [elems], data_offsets: [0, elems * 4] } });
  header += ' '.repeat((8 - ((8 + header.length) % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  const f = await open(path, 'w');
  try {
    await f.write(Buffer.concat([len, Buffer.from(header)]));
    const block = Buffer.alloc(8 << 20);
    for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
    for (let left = elems * 4; left > 0; left -= block.length) await f.write(block, 0, Math.min(block.length, left));
  } finally {
    await f.close();
  }
}

async function child(hubUrl: string, cdnUrl: string, sha: string): Promise<void> {
  // As the action's and the CLI's entry points do (src/main.ts, src/cli.ts); MG_DEFAULT_HEAP=1 measures V8's defaults.
  if (process.env.MG_DEFAULT_HEAP !== '1') steadyHeap();
  const hub = new HubClient({ hubUrl, allowedCdnOrigins: [cdnUrl] });
  const t0 = performance.now();
  const review = await reviewEntry(
    { repo: REPO, revision: sha, line: 1 },
    { hub, policy: defaultPolicy(), scanFile: defaultScanFile, checks: REPO_CHECKS, now: () => new Date('2026-11-22T00:00:00Z') }
  );
  const seconds = (performance.now() - t0) / 1000;
  const bytes = review.files.reduce((a, f) => a + f.size, 0);
  process.stdout.write(
    JSON.stringify({
      seconds,
      bytes,
      verdict: review.verdict,
      blocking: review.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.check),
      formats: review.files.map((f) => `${f.path}: ${f.formats.join('+')}`),
      vmHwmKiB: procField('status', 'VmHWM'),
      writeBytes: procField('io', 'write_bytes')
    })
  );
}

function timed(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

function runChild(script: string, hubUrl: string, cdnUrl: string, sha: string): Promise<{ seconds: number; bytes: number; verdict: string; blocking: string[]; formats: string[]; vmHwmKiB: number; writeBytes: number }> {
  return new Promise((resolve, reject) => {
    // --cpu-prof DIR: the reviewing process writes a V8 CPU profile there (where the time goes beyond sha256).
    const prof = arg('--cpu-prof', '');
    // Started as the action starts (src/main.ts restarts itself with START_FLAGS).
    const flags = [...START_FLAGS, ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [])];
    const p = spawn(process.execPath, [...flags, script, '--child', hubUrl, cdnUrl, sha], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    await child(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string);
    return;
  }
  const sizeGiB = Number(arg('--size-gib', '2'));
  const runs = Number(arg('--runs', '3'));
  const dir = await mkdtemp(join(tmpdir(), 'mg-bench-review-'));
  try {
    const weights = join(dir, 'model.safetensors');
    await writeSafetensors(weights, sizeGiB * 2 ** 30);
    const card = '---\nlicense: apache-2.0\n---\n# big-model\n\nA large benchmark model: one float32 tensor, a config and a model card long enough to be a real card, with usage, training data and evaluation sections described in prose.\n';
    const built = await buildStore(join(dir, 'store'), {
      accounts: [{ name: 'bench-org', type: 'org', createdAt: '2022-01-01T00:00:00.000Z' }, { name: 'bench-dev', type: 'user', createdAt: '2022-01-01T00:00:00.000Z' }],
      repos: [{
        id: REPO,
        createdAt: '2023-01-01T00:00:00.000Z',
        commits: [
          { title: 'initial commit', date: '2023-01-01T00:00:00.000Z', authors: ['bench-dev'], files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' } },
          { title: 'add weights', date: '2023-01-02T00:00:00.000Z', authors: ['bench-dev'], files: { 'model.safetensors': { content: { fromFile: weights }, scan: { status: 'safe' } }, 'config.json': '{"model_type": "bert"}', 'README.md': card } }
        ]
      }]
    });
    const sha = built.repos[REPO]!.shas.at(-1)!;
    const registry = await startRegistry({ storeDir: join(dir, 'store') });
    const results: { openssl: number; review: Awaited<ReturnType<typeof runChild>> }[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const openssl = await timed('openssl', ['dgst', '-sha256', weights]);
        const review = await runChild(process.argv[1] as string, registry.hubUrl, registry.cdnUrl, sha);
        results.push({ openssl, review });
        process.stderr.write(`run ${i + 1}: openssl ${openssl.toFixed(2)} s, review ${review.seconds.toFixed(2)} s (${review.verdict}), peak RSS ${(review.vmHwmKiB / 1024).toFixed(0)} MiB, written ${review.writeBytes} B\n`);
      }
    } finally {
      await registry.close();
    }
    const bytes = results[0]!.review.bytes;
    const mbs = (s: number) => bytes / s / 1e6;
    const best = (xs: number[]) => Math.min(...xs);
    const bestOpenssl = best(results.map((r) => r.openssl));
    const bestReview = best(results.map((r) => r.review.seconds));
    const peak = Math.max(...results.map((r) => r.review.vmHwmKiB)) / 1024;
    const written = Math.max(...results.map((r) => r.review.writeBytes));
    const r0 = results[0]!.review;
    const md = `# Benchmark: review of one repository with a ${sizeGiB} GiB safetensors file

Command: \`./run bench review --size-gib ${sizeGiB} --runs ${runs}\` (${new Date().toISOString().slice(0, 10)})

Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${execFileSync('openssl', ['version']).toString().trim()}; load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}.
What runs: \`reviewEntry\` exactly as the action calls it — resolve the pin, tree, author, one verified streaming download
per file (sha256 + git oid + size + X-Repo-Commit + LFS headers) feeding content sniffing and the safetensors scanner,
the tail fetch that zip detection needs, and every repository check — in a child process against the local registry.

| | best of ${runs} | MB/s |
| --- | ---: | ---: |
| \`openssl dgst -sha256\` of the same ${sizeGiB} GiB file (hashing limit) | ${bestOpenssl.toFixed(2)} s | ${mbs(bestOpenssl).toFixed(0)} |
| the whole review (${(bytes / 2 ** 30).toFixed(2)} GiB of files) | ${bestReview.toFixed(2)} s | ${mbs(bestReview).toFixed(0)} |

- Ratio of the review to openssl: **${(bestOpenssl / bestReview).toFixed(2)}×** (all runs: ${results.map((r) => `${r.openssl.toFixed(2)}/${r.review.seconds.toFixed(2)} s`).join(', ')}).
- Peak RSS of the reviewing process (VmHWM), worst run: **${peak.toFixed(0)} MiB**; bytes it wrote to disk: **${written}**.
- Verdict: ${r0.verdict}; blocking findings: ${r0.blocking.length === 0 ? 'none' : r0.blocking.join(', ')}; formats: ${r0.formats.join('; ')}.
`;
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/review.md', md);
    process.stdout.write(md);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
