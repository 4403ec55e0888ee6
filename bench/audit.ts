// Benchmark: auditing an allowlist of N approved entries, metadata only (no re-judging), against the local
// registry: Hub API calls made, wall time, peak RSS. The registry runs in this process with its rate limit lifted;
// the Hub's documented anonymous quota (500 API calls per 5 minutes) is the yardstick for the calls.
//
//   ./run bench audit [--entries 1000] [--concurrency 8]
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditEntries } from '../src/audit/run.js';
import type { Entry } from '../src/core/review.js';
import { HubClient } from '../src/hub/client.js';
import { startRegistry } from '../src/registry/server.js';
import type { CommitSpec, StoreSpec } from '../src/registry/spec.js';
import { buildStore } from '../src/registry/store-builder.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : dflt;
}
const N = Number(arg('entries', '1000'));
const CONCURRENCY = Number(arg('concurrency', '8'));
const HUB_API_QUOTA = 500;

const hwm = (): number => Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;

const orgs = Array.from({ length: Math.ceil(N / 10) }, (_v, i) => `org-${i}`);
const spec: StoreSpec = {
  accounts: orgs.map((name) => ({ name, type: 'org', createdAt: '2021-01-01T00:00:00.000Z' })),
  repos: Array.from({ length: N }, (_v, i) => ({
    id: `org-${Math.floor(i / 10)}/model-${i}`,
    createdAt: '2022-03-01T00:00:00.000Z',
    commits: <CommitSpec[]>[
      { title: 'initial commit', date: '2022-03-01T00:00:00.000Z', files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' } },
      { title: 'Upload', date: '2022-03-02T00:00:00.000Z', files: { 'README.md': `# model ${i}\n`, 'config.json': `{"i": ${i}}`, 'model.safetensors': { content: new Uint8Array(64), lfs: true } } }
    ]
  }))
};

const dir = await mkdtemp(join(tmpdir(), 'mg-bench-audit-'));
try {
  const tBuild = performance.now();
  const built = await buildStore(join(dir, 'store'), spec);
  const buildS = (performance.now() - tBuild) / 1000;
  const reg = await startRegistry({ storeDir: join(dir, 'store'), rateLimit: { api: 1_000_000, resolvers: 1_000_000 } });
  let api = 0;
  const counting = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (new URL(String(url)).pathname.startsWith('/api/')) api++;
    return fetch(url, init);
  };
  const hub = new HubClient({ hubUrl: reg.hubUrl, allowedCdnOrigins: [reg.cdnUrl], env: {}, fetch: counting as never });
  const entries: Entry[] = spec.repos.map((r, i) => ({ repo: r.id, revision: built.repos[r.id]!.shas[1]!, line: 3 + 2 * i }));
  const t0 = performance.now();
  const results = await auditEntries(entries, { hub, concurrency: CONCURRENCY });
  const wall = (performance.now() - t0) / 1000;
  await hub.close();
  await reg.close();
  const holding = results.filter((r) => !r.findings.some((f) => f.check !== 'audit.unsigned' && (f.severity === 'high' || f.severity === 'critical'))).length;
  const out = [
    `# Benchmark: audit of ${N} approved entries (metadata only)`,
    '',
    `Command: \`./run bench audit --entries ${N} --concurrency ${CONCURRENCY}\` (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; registry in the same process (store built in ${buildS.toFixed(1)} s).`,
    '',
    '| entries | Hub API calls | per entry | wall time | entries/s | peak RSS (process, incl. registry) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${N} | ${api} | ${(api / N).toFixed(2)} | ${wall.toFixed(1)} s | ${(N / wall).toFixed(0)} | ${hwm().toFixed(0)} MiB |`,
    '',
    `- ${holding} of ${N} approvals hold (no signatures folder was given, so each also notes it is unsigned: the figure counts other findings).`,
    `- The Hub's anonymous quota is ${HUB_API_QUOTA} API calls per 5 minutes per IP: ${api} calls need ${Math.ceil(api / HUB_API_QUOTA)} windows (${Math.ceil(api / HUB_API_QUOTA) * 5} minutes) at that quota, so a scheduled audit of this size runs sharded (\`--shard I/N\`) or with a token whose quota is higher.`,
    ''
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/audit.md', out);
  process.stdout.write(out);
} finally {
  await rm(dir, { recursive: true, force: true });
}
