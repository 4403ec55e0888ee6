// Registry streaming benchmark: builds a store holding one generated LFS file of SIZE bytes (default 4 GiB), then
// downloads it through the Hub's 302 and the CDN origin, hashing as it goes. Reports throughput of both phases and
// peak RSS, which must stay flat (no phase may hold the file in memory).
//   ./run bench registry-stream [SIZE_BYTES]
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStore } from '../src/registry/store-builder.js';
import { startRegistry } from '../src/registry/server.js';

const size = Number(process.argv[2] ?? 4 * 1024 ** 3);
const mib = (n: number): string => `${(n / 1024 ** 2).toFixed(0)} MiB`;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);

const dir = await mkdtemp(join(tmpdir(), 'mg-bench-registry-'));
try {
  const rssStart = process.memoryUsage.rss();
  let t = performance.now();
  const built = await buildStore(dir, {
    accounts: [],
    repos: [{ id: 'bench/big', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00Z', files: { 'model.safetensors': { generate: { size, seed: 1 } } } }] }]
  });
  const buildSeconds = (performance.now() - t) / 1000;
  const peakBuild = peak;
  const registry = await startRegistry({ storeDir: dir });
  try {
    t = performance.now();
    const res = await fetch(`${registry.hubUrl}/bench/big/resolve/main/model.safetensors`);
    const hash = createHash('sha256');
    let got = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      got += chunk.byteLength;
    }
    const serveSeconds = (performance.now() - t) / 1000;
    const ok = got === size && hash.digest('hex') === built.repos['bench/big']?.files['model.safetensors']?.sha256;
    console.log(
      JSON.stringify(
        {
          size,
          build: { seconds: +buildSeconds.toFixed(2), mibPerSecond: +(size / 1024 ** 2 / buildSeconds).toFixed(0), peakRss: mib(peakBuild) },
          download: { seconds: +serveSeconds.toFixed(2), mibPerSecond: +(size / 1024 ** 2 / serveSeconds).toFixed(0), sha256Matches: ok },
          rss: { start: mib(rssStart), peak: mib(peak) },
          node: process.version
        },
        null,
        2
      )
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await registry.close();
  }
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
}
