// Benchmark: a sharded review of one very large model against one job reviewing it whole. The model is simulated:
// `--files` safetensors files (a valid header, then zeros) totalling `--total-gib`, stored sparse in the local
// registry (the store keeps runs of zeros as holes), so nothing near that size is written to disk. Each job is
// its own process, run one after another on this machine — real shards run on separate runners — and the slowest
// shard's wall time is compared with the whole job's. Plan and aggregate (metadata only) are timed too.
//
//   ./run bench sharded [--total-gib 100] [--files 24] [--shards 8]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HubClient } from '../src/hub/client.js';
import { startRegistry } from '../src/registry/server.js';
import { buildStore } from '../src/registry/store-builder.js';
import type { ChangeInput } from '../src/review/change.js';
import { createReviewer } from '../src/review/reviewer.js';
import { parsePlan } from '../src/review/shard-plan.js';
import { sha256Hex, type ShardInput } from '../src/review/sharded.js';
import { arg, procField } from './kit.js';

const REPO = 'bench-org/huge-model';
const NOW = () => new Date('2026-12-06T00:00:00Z');

/** A safetensors file of `bytes`: its header, then a hole (zeros) up to the size. */
async function writeSparseSafetensors(path: string, bytes: number): Promise<void> {
  let header = JSON.stringify({ __metadata__: { format: 'pt' }, 'model.weight': { dtype: 'U8', shape: [0], data_offsets: [0, 0] } });
  const elems = bytes - 8 - header.length - 64;
  header = JSON.stringify({ __metadata__: { format: 'pt' }, 'model.weight': { dtype: 'U8', shape: [elems], data_offsets: [0, elems] } });
  header += ' '.repeat(bytes - 8 - header.length - elems);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  const f = await open(path, 'w');
  try {
    await f.write(Buffer.concat([len, Buffer.from(header)]));
    await f.truncate(bytes);
  } finally {
    await f.close();
  }
}

function change(sha: string): ChangeInput {
  return {
    allowlistPath: 'approved-models.yaml',
    baseText: 'version: 1\nmodels: []\n',
    headText: `version: 1\nmodels:\n  - ${REPO}@${sha}\n`,
    policyText: null,
    policySource: 'defaults'
  };
}

/** One job, in this (child) process: prints its wall time, peak RSS and what it found. */
async function child(kind: string, hubUrl: string, cdnUrl: string, sha: string, dir: string, shard: number): Promise<void> {
  const hub = new HubClient({ hubUrl, allowedCdnOrigins: [cdnUrl] });
  const reviewer = createReviewer({ hub, now: NOW });
  const input = change(sha);
  const t0 = performance.now();
  let detail: Record<string, unknown>;
  if (kind === 'whole') {
    const r = await reviewer.reviewChange(input);
    detail = { verdict: r.reviews[0]?.verdict, bytes: r.reviews[0]?.files.reduce((n, f) => n + f.size, 0), digests: r.reviews[0]?.files.map((f) => `${f.path}:${f.sha256}`) };
  } else if (kind === 'plan') {
    const plan = await reviewer.planChange(input, shard);
    await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
    detail = { shards: plan.shards };
  } else if (kind === 'shard') {
    const bytes = await readFile(join(dir, 'plan.json'));
    const p = await reviewer.shardChange(input, parsePlan(bytes, 'plan.json'), sha256Hex(bytes), shard);
    await writeFile(join(dir, `partial-${shard}.json`), JSON.stringify(p));
    const files = p.entries.flatMap((e) => e.files);
    detail = { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0), incomplete: files.filter((f) => !f.complete).length };
  } else {
    const bytes = await readFile(join(dir, 'plan.json'));
    const plan = parsePlan(bytes, 'plan.json');
    const partials: ShardInput[] = [];
    for (let i = 0; i < plan.shards; i++) partials.push({ shard: i, bytes: await readFile(join(dir, `partial-${i}.json`)) });
    const r = await reviewer.aggregateChange(input, plan, sha256Hex(bytes), partials);
    detail = { verdict: r.reviews[0]?.verdict, bytes: r.reviews[0]?.files.reduce((n, f) => n + f.size, 0), digests: r.reviews[0]?.files.map((f) => `${f.path}:${f.sha256}`) };
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, vmHwmKiB: procField('status', 'VmHWM'), writeBytes: procField('io', 'write_bytes'), ...detail }));
}

interface JobResult { seconds: number; vmHwmKiB: number; writeBytes: number; load: number; [k: string]: unknown }

function runJob(args: string[]): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [process.argv[1] as string, '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve({ ...(JSON.parse(out) as JobResult), load: loadavg()[0]! }) : reject(new Error(`job ${args[0]} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [kind, hubUrl, cdnUrl, sha, dir, shard] = process.argv.slice(3) as [string, string, string, string, string, string];
    await child(kind, hubUrl, cdnUrl, sha, dir, Number(shard));
    return;
  }
  const totalGiB = Number(arg('--total-gib', '100'));
  const fileCount = Number(arg('--files', '24'));
  const shards = Number(arg('--shards', '8'));
  const dir = await mkdtemp(join(tmpdir(), 'mg-bench-sharded-'));
  try {
    const per = Math.floor((totalGiB * 2 ** 30) / fileCount);
    const src = join(dir, 'weights.safetensors');
    await writeSparseSafetensors(src, per);
    const files: Record<string, { content: { fromFile: string } }> = {};
    for (let i = 0; i < fileCount; i++) {
      const name = `model-${String(i + 1).padStart(5, '0')}-of-${String(fileCount).padStart(5, '0')}.safetensors`;
      files[name] = { content: { fromFile: src } };
    }
    const t0 = performance.now();
    const built = await buildStore(join(dir, 'store'), {
      accounts: [{ name: 'bench-org', type: 'org', createdAt: '2022-01-01T00:00:00.000Z' }, { name: 'bench-dev', type: 'user', createdAt: '2022-01-01T00:00:00.000Z' }],
      repos: [{
        id: REPO,
        createdAt: '2023-01-01T00:00:00.000Z',
        commits: [
          { title: 'initial commit', date: '2023-01-01T00:00:00.000Z', authors: ['bench-dev'], files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' } },
          {
            title: 'add weights', date: '2023-01-02T00:00:00.000Z', authors: ['bench-dev'],
            files: { ...files, 'config.json': '{"model_type": "llama"}', 'README.md': '---\nlicense: apache-2.0\n---\n# huge-model\n\nA simulated very large model for the sharded review benchmark: its weights are zeros behind valid safetensors headers.\n' }
          }
        ]
      }]
    });
    process.stderr.write(`store built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const sha = built.repos[REPO]!.shas.at(-1)!;
    const registry = await startRegistry({ storeDir: join(dir, 'store') });
    const common = [registry.hubUrl, registry.cdnUrl, sha, dir];
    const log = (what: string, r: JobResult) => process.stderr.write(`${what}: ${r.seconds.toFixed(1)} s, peak RSS ${(r.vmHwmKiB / 1024).toFixed(0)} MiB, load ${r.load.toFixed(2)}\n`);
    let whole: JobResult, plan: JobResult, aggregate: JobResult;
    const shardRuns: JobResult[] = [];
    const loadBefore = loadavg();
    try {
      whole = await runJob(['whole', ...common, '0']);
      log('whole', whole);
      plan = await runJob(['plan', ...common, String(shards)]);
      log('plan', plan);
      for (let i = 0; i < Number(plan.shards); i++) {
        const r = await runJob(['shard', ...common, String(i)]);
        shardRuns.push(r);
        log(`shard ${i}`, r);
      }
      aggregate = await runJob(['aggregate', ...common, '0']);
      log('aggregate', aggregate);
    } finally {
      await registry.close();
    }
    const slowest = shardRuns.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const gib = (n: unknown) => (Number(n) / 2 ** 30).toFixed(1);
    const same = JSON.stringify(whole.digests) === JSON.stringify(aggregate.digests);
    const md = `# Benchmark: sharded review of a simulated ${totalGiB} GiB model across ${shards} shards

Command: \`./run bench sharded --total-gib ${totalGiB} --files ${fileCount} --shards ${shards}\` (${new Date().toISOString().slice(0, 10)})

Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}; shared with other work: load
average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')}.
The model: ${fileCount} safetensors files of ${gib(per)} GiB (valid header, then zeros) plus a config and a card, in the
local registry's store as sparse files (no disk used for the weights). Every job is its own process doing what the
action's mode does (\`reviewChange\`, \`planChange\`, \`shardChange\`, \`aggregateChange\`), one after another:
real shard jobs run at the same time on separate runners, so the sharded review's wall time is plan + the slowest
shard + aggregate.

| job | wall time | peak RSS | load (1 min) after |
| --- | ---: | ---: | ---: |
| one job reviewing the whole model (${gib(whole.bytes)} GiB) | ${whole.seconds.toFixed(1)} s | ${(whole.vmHwmKiB / 1024).toFixed(0)} MiB | ${whole.load.toFixed(2)} |
| plan (metadata only) | ${plan.seconds.toFixed(1)} s | ${(plan.vmHwmKiB / 1024).toFixed(0)} MiB | ${plan.load.toFixed(2)} |
${shardRuns.map((r, i) => `| shard ${i} (${r.files} files, ${gib(r.bytes)} GiB) | ${r.seconds.toFixed(1)} s | ${(r.vmHwmKiB / 1024).toFixed(0)} MiB | ${r.load.toFixed(2)} |`).join('\n')}
| aggregate (metadata, merge, judgement) | ${aggregate.seconds.toFixed(1)} s | ${(aggregate.vmHwmKiB / 1024).toFixed(0)} MiB | ${aggregate.load.toFixed(2)} |

- Slowest shard: **${slowest.seconds.toFixed(1)} s** against **${whole.seconds.toFixed(1)} s** for one job
  (${(whole.seconds / slowest.seconds).toFixed(1)}× faster); plan + slowest shard + aggregate:
  **${(plan.seconds + slowest.seconds + aggregate.seconds).toFixed(1)} s** (${(whole.seconds / (plan.seconds + slowest.seconds + aggregate.seconds)).toFixed(1)}×).
- Verdicts: whole ${String(whole.verdict)}, aggregate ${String(aggregate.verdict)}; the aggregate's digests ${same ? 'equal' : 'DIFFER FROM'} the whole job's.
- Bytes each process wrote to disk: at most ${Math.max(whole.writeBytes, ...shardRuns.map((r) => r.writeBytes))} (the shards' partials and the plan are the only files).
`;
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/sharded.md', md);
    process.stdout.write(md);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
