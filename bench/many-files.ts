// Benchmark: the review of one repository with many small files (5,000 and 50,000 by default), as the action runs
// it, in a child process so its peak RSS (VmHWM) is its own: memory must stay flat in the number of files.
//
//   ./run bench many-files [--files 5000,50000]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_CHECKS } from '../src/checks/index.js';
import { defaultPolicy } from '../src/config/policy/defaults.js';
import { HubClient } from '../src/hub/client.js';
import { startRegistry } from '../src/registry/server.js';
import { buildStore } from '../src/registry/store-builder.js';
import { reviewEntry } from '../src/review/pipeline.js';
import { defaultScanFile } from '../src/review/scan-file.js';
import { START_FLAGS, steadyHeap } from '../src/core/steady-heap.js';
import { arg, procField } from './kit.js';

const REPO = 'bench-org/many-files';

async function child(hubUrl: string, cdnUrl: string, sha: string): Promise<void> {
  // As the action's and the CLI's entry points do (src/main.ts, src/cli.ts); MG_DEFAULT_HEAP=1 measures V8's defaults.
  if (process.env.MG_DEFAULT_HEAP !== '1') steadyHeap();
  const hub = new HubClient({ hubUrl, allowedCdnOrigins: [cdnUrl] });
  const peak: Record<string, number> = {};
  const sampler = setInterval(() => {
    for (const [k, v] of Object.entries(process.memoryUsage())) peak[k] = Math.max(peak[k] ?? 0, v);
  }, 50);
  const t0 = performance.now();
  const policy = defaultPolicy();
  const review = await reviewEntry({ repo: REPO, revision: sha, line: 1 }, { hub, policy, scanFile: defaultScanFile, checks: REPO_CHECKS, now: () => new Date('2026-11-22T00:00:00Z') });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  // What the process still holds once the review is done (the child runs with --expose-gc for this one collection).
  (globalThis as { gc?: () => void }).gc?.();
  const liveEnd = process.memoryUsage().heapUsed;
  process.stdout.write(JSON.stringify({
    seconds,
    files: review.files.length,
    verdict: review.verdict,
    blocking: [...new Set(review.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.check))],
    vmHwmKiB: procField('status', 'VmHWM'),
    memory: peak,
    liveEndBytes: liveEnd
  }));
  // MG_HEAP_SNAPSHOT=DIR: what the process still holds once the review is done (per-file state that is not flat).
  if (process.env.MG_HEAP_SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(join(process.env.MG_HEAP_SNAPSHOT, `many-files-${review.files.length}.heapsnapshot`));
  await hub.close();
}

function runChild(hubUrl: string, cdnUrl: string, sha: string): Promise<{ seconds: number; files: number; verdict: string; blocking: string[]; vmHwmKiB: number; memory: NodeJS.MemoryUsage; liveEndBytes: number }> {
  return new Promise((resolve, reject) => {
    // Started as the action restarts itself (src/main.ts: restartWithStartFlags), unless V8's defaults are measured.
    const p = spawn(process.execPath, [...(process.env.MG_DEFAULT_HEAP === '1' ? [] : START_FLAGS), '--expose-gc', process.argv[1] as string, '--child', hubUrl, cdnUrl, sha], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string);
  const counts = arg('--files', '5000,50000').split(',').map(Number);
  const rows: string[] = [];
  for (const n of counts) {
    const dir = await mkdtemp(join(tmpdir(), 'mg-bench-many-'));
    try {
      // Small text files in folders of 100, the shape of a dataset-like model repository (tokenizer shards, configs).
      const files: Record<string, string> = { 'README.md': '---\nlicense: apache-2.0\n---\n# many files\n\nA benchmark repository with many small files in nested folders, each a short JSON document.\n', 'config.json': '{"model_type": "bert"}' };
      for (let i = 0; i < n; i++) files[`shards/${String(Math.floor(i / 100)).padStart(4, '0')}/part-${String(i).padStart(6, '0')}.json`] = `{"index": ${i}, "values": [${i % 7}, ${i % 11}, ${i % 13}]}`;
      const built = await buildStore(join(dir, 'store'), {
        accounts: [{ name: 'bench-org', type: 'org', createdAt: '2022-01-01T00:00:00.000Z' }, { name: 'bench-dev', type: 'user', createdAt: '2022-01-01T00:00:00.000Z' }],
        repos: [{ id: REPO, createdAt: '2023-01-01T00:00:00.000Z', commits: [
          { title: 'initial commit', date: '2023-01-01T00:00:00.000Z', authors: ['bench-dev'], files: { '.gitattributes': '*.safetensors filter=lfs\n' } },
          { title: 'add files', date: '2023-01-02T00:00:00.000Z', authors: ['bench-dev'], files }
        ] }]
      });
      const sha = built.repos[REPO]!.shas.at(-1)!;
      const registry = await startRegistry({ storeDir: join(dir, 'store'), rateLimit: { api: 1_000_000, resolvers: 10_000_000 } });
      try {
        const r = await runChild(registry.hubUrl, registry.cdnUrl, sha);
        const uptime = loadavg().map((l) => l.toFixed(1)).join(' ');
        process.stderr.write(`${n} files: ${r.seconds.toFixed(1)} s, peak RSS ${(r.vmHwmKiB / 1024).toFixed(0)} MiB, ${r.verdict}; peaks during the run: heap used ${(r.memory.heapUsed / 2 ** 20).toFixed(0)} MiB of ${(r.memory.heapTotal / 2 ** 20).toFixed(0)}, array buffers ${(r.memory.arrayBuffers / 2 ** 20).toFixed(0)} MiB\n`);
        rows.push(`| ${n.toLocaleString('en')} | ${r.files.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${(r.seconds * 1000 / r.files).toFixed(2)} ms | **${(r.vmHwmKiB / 1024).toFixed(0)} MiB** (${((r.vmHwmKiB * 1024) / 1e6).toFixed(0)} MB) | ${(r.memory.heapTotal / 2 ** 20).toFixed(0)} MiB | ${(r.liveEndBytes / 2 ** 20).toFixed(0)} MiB | ${uptime} | ${r.verdict}${r.blocking.length ? ` (${r.blocking.join(', ')})` : ''} |`);
      } finally {
        await registry.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const md = `# Benchmark: reviews of repositories with many files

Command: \`./run bench many-files --files ${counts.join(',')}\` (${new Date().toISOString().slice(0, 10)}); ${cpus().length} CPUs, Node ${process.version}.
What runs: \`reviewEntry\` as the action calls it (resolve, tree pages, one verified download per file, scanners,
every repository check) in a child process against the local registry; peak RSS is the child's VmHWM; the child
applies the action's heap policy (src/core/steady-heap.ts: the start flags the action restarts with, and the
run-time flags; \`MG_DEFAULT_HEAP=1\` measures V8's defaults). Live
heap at the end: after one full collection once the review returned. Load average: 1, 5 and 15 minutes, after the run.

| files asked | files reviewed | wall time | per file | peak RSS | peak V8 heap | live heap at the end | load average | verdict |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}
`;
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/many-files.md', md);
  process.stdout.write(md);
}

await main();
