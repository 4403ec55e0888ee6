// Benchmark: the approved-model gateway serving one large file.
//   1. cached: the gateway (a child process, filesystem store, the file already pulled through and verified) answers
//      `curl -o /dev/null` for it, against `curl` of the same file from `python3 -m http.server`; the gateway
//      process's peak RSS (VmHWM) is read from /proc.
//   2. pull-through: the first request through a gateway with an empty store (upstream = the project's registry on
//      127.0.0.1; verified download, signed digest, store, then the answer) against the verified download alone
//      (HubClient.download with a copy to disk, the same work minus the gateway).
//
//   ./run bench gateway [--size-gib 4] [--runs 3]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateKeyPairSync } from 'node:crypto';
import { serve } from '../src/cli/serve.js';
import { HubClient } from '../src/hub/client.js';
import { startRegistry } from '../src/registry/server.js';
import { buildStore } from '../src/registry/store-builder.js';
import { signModel, writeSignatures } from '../src/sign/sign-model.js';
import { arg } from './kit.js';

const REPO = 'bench-org/big-model';

async function writeBig(path: string, bytes: number): Promise<void> {
  const f = await open(path, 'w');
  try {
    const block = Buffer.alloc(8 << 20);
    for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
    for (let left = bytes; left > 0; left -= block.length) await f.write(block, 0, Math.min(block.length, left));
  } finally {
    await f.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function timed(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

const curl = (url: string): Promise<number> => timed('curl', ['-sf', '-o', '/dev/null', url]);

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} did not answer`);
}

interface Gw {
  url: string;
  child: ChildProcess;
  peakKiB(): number;
  stop(): Promise<void>;
}

async function startGatewayProcess(args: string[]): Promise<Gw> {
  const child = spawn(process.execPath, [process.argv[1] as string, '--child', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  for (let i = 0; !/gateway: (\S+)/.test(err); i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`gateway did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: /gateway: (\S+)/.exec(err)![1]!,
    child,
    peakKiB: () => Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN),
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    // The gateway as `model-gate serve --gateway` runs it; access-log lines go to stdout (ignored here).
    process.exitCode = await serve(process.argv.slice(3), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: {}, cwd: process.cwd() });
    return;
  }
  const sizeGiB = Number(arg('--size-gib', '4'));
  const runs = Number(arg('--runs', '3'));
  const dir = await mkdtemp(join(tmpdir(), 'mg-bench-gateway-'));
  const children: ChildProcess[] = [];
  try {
    const staticDir = join(dir, 'static');
    await mkdir(staticDir);
    const weights = join(staticDir, 'model.safetensors');
    await writeBig(weights, sizeGiB * 2 ** 30);
    const built = await buildStore(join(dir, 'upstream'), {
      accounts: [{ name: 'bench-org', type: 'org', createdAt: '2022-01-01T00:00:00.000Z' }],
      repos: [{ id: REPO, commits: [{ title: 'weights', date: '2023-01-02T00:00:00.000Z', files: { 'model.safetensors': { content: { fromFile: weights } }, 'config.json': '{"model_type": "bert"}' } }] }]
    });
    const repo = built.repos[REPO]!;
    const sha = repo.shas.at(-1)!;
    const files = Object.values(repo.files);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signed = await signModel({
      modelName: REPO,
      review: { entry: { repo: REPO, revision: sha, line: 1 }, canonicalId: REPO, commit: sha, redirects: [], findings: [], complete: true, verdict: 'approved', files: files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, lfs: f.lfs, formats: [], findings: [], complete: true })) },
      signer: { kind: 'key', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
    });
    await writeSignatures(join(dir, 'signatures'), REPO, sha, signed);
    await writeFile(join(dir, 'key.pub'), publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await writeFile(join(dir, 'approved-models.yaml'), `version: 1\nmodels:\n  - ${REPO}@${sha}\n`);
    const registry = await startRegistry({ storeDir: join(dir, 'upstream') });
    const staticPort = await freePort();
    const py = spawn('python3', ['-m', 'http.server', String(staticPort), '--bind', '127.0.0.1', '--directory', staticDir], { stdio: 'ignore' });
    children.push(py);
    const staticUrl = `http://127.0.0.1:${staticPort}/model.safetensors`;
    await waitFor(staticUrl.replace('model.safetensors', ''));
    const gwArgs = (cache: string): string[] => ['--gateway', '--allowlist', join(dir, 'approved-models.yaml'), '--signatures', join(dir, 'signatures'), '--public-key', join(dir, 'key.pub'),
      '--cache', cache, '--upstream', registry.hubUrl, '--cdn-origin', registry.cdnUrl];
    const path = `/${REPO}/resolve/main/model.safetensors`;
    const rows: { staticS: number; cachedS: number; verifiedS: number; pullS: number; cachedPeak: number; pullPeak: number }[] = [];
    try {
      const cached = await startGatewayProcess(gwArgs(join(dir, 'cache-warm')));
      children.push(cached.child);
      await curl(`${cached.url}${path}`); // pull through once; later answers come from the store
      for (let i = 0; i < runs; i++) {
        const staticS = await curl(staticUrl);
        const cachedS = await curl(`${cached.url}${path}`);
        // The verified download alone, copying to disk as the pull-through does.
        const client = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl] });
        const item = { type: 'file' as const, path: 'model.safetensors', oid: repo.files['model.safetensors']!.gitOid, size: repo.files['model.safetensors']!.size, lfs: { oid: repo.files['model.safetensors']!.sha256, size: repo.files['model.safetensors']!.size } };
        const t0 = performance.now();
        await client.download({ repo: REPO, sha, item, copyTo: join(dir, 'verified-copy') });
        const verifiedS = (performance.now() - t0) / 1000;
        await client.close();
        await rm(join(dir, 'verified-copy'), { force: true });
        const cold = await startGatewayProcess(gwArgs(join(dir, `cache-cold-${i}`)));
        children.push(cold.child);
        const pullS = await curl(`${cold.url}${path}`);
        const pullPeak = cold.peakKiB();
        await cold.stop();
        await rm(join(dir, `cache-cold-${i}`), { recursive: true, force: true });
        rows.push({ staticS, cachedS, verifiedS, pullS, cachedPeak: cached.peakKiB(), pullPeak });
        process.stderr.write(`run ${i + 1}: static curl ${staticS.toFixed(2)} s, gateway cached ${cachedS.toFixed(2)} s, verified download ${verifiedS.toFixed(2)} s, pull-through ${pullS.toFixed(2)} s, peak RSS cached ${(cached.peakKiB() / 1024).toFixed(0)} MiB, pull-through ${(pullPeak / 1024).toFixed(0)} MiB\n`);
      }
      await cached.stop();
    } finally {
      await registry.close();
    }
    const bytes = sizeGiB * 2 ** 30;
    const best = (k: keyof (typeof rows)[number]): number => Math.min(...rows.map((r) => r[k]));
    const worst = (k: keyof (typeof rows)[number]): number => Math.max(...rows.map((r) => r[k]));
    const mbs = (s: number): string => (bytes / s / 1e6).toFixed(0);
    const md = `# Benchmark: the approved-model gateway with a ${sizeGiB} GiB file

Command: \`./run bench gateway --size-gib ${sizeGiB} --runs ${runs}\` (${new Date().toISOString().slice(0, 10)})

Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${execFileSync('curl', ['--version']).toString().split('\n')[0]}; load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}.
The gateway runs as \`model-gate serve --gateway\` in its own process over a filesystem store; clients are \`curl -o /dev/null\`.

| | best of ${runs} | MB/s |
| --- | ---: | ---: |
| \`curl\` from \`python3 -m http.server\` (static baseline) | ${best('staticS').toFixed(2)} s | ${mbs(best('staticS'))} |
| \`curl\` from the gateway, file cached (hashed while streaming, last chunk held until the digest matches) | ${best('cachedS').toFixed(2)} s | ${mbs(best('cachedS'))} |
| verified download alone (HubClient.download from the registry, copy to disk) | ${best('verifiedS').toFixed(2)} s | ${mbs(best('verifiedS'))} |
| \`curl\` from the gateway, first request (pull-through: verified download, signed digest, store, answer) | ${best('pullS').toFixed(2)} s | ${mbs(best('pullS'))} |

- Cached serving vs static curl: **${(best('staticS') / best('cachedS')).toFixed(2)}×** (target ≥ 0.9×); runs: ${rows.map((r) => `${r.staticS.toFixed(2)}/${r.cachedS.toFixed(2)} s`).join(', ')}.
- Pull-through vs the verified download alone: **${(best('verifiedS') / best('pullS')).toFixed(2)}×** (target ≥ 0.85×); runs: ${rows.map((r) => `${r.verifiedS.toFixed(2)}/${r.pullS.toFixed(2)} s`).join(', ')}.
- Peak RSS of the gateway process (VmHWM): serving cached **${(worst('cachedPeak') / 1024).toFixed(0)} MiB**, pull-through **${(worst('pullPeak') / 1024).toFixed(0)} MiB** (target ≤ 150 MB).
`;
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/gateway.md', md);
    process.stdout.write(md);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
