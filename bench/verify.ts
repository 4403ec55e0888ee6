// Benchmark: `model-gate verify` re-hashing a large key-signed model folder vs `openssl dgst -sha256` over the same
// files, side by side (interleaved rounds, best of each), plus peak RSS of the verifier and the time to sign a
// 100-file manifest.  Run: ./run bench verify [--size-gib 10] [--rounds 3] [--keep]
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verify as verifyCommand } from '../src/cli/verify.js';
import { buildManifest, manifestStatement, type FileDigest } from '../src/sign/manifest.js';
import { signModel } from '../src/sign/sign-model.js';
import { bundleBuilder, signStatement } from '../src/sign/signers.js';

const GiB = 1024 ** 3;

/** Child mode: run the verify command in this fresh process and report its peak RSS. */
async function child(args: string[]): Promise<void> {
  const code = await verifyCommand(args, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env, cwd: process.cwd() });
  process.stdout.write(`MAXRSS_KIB ${process.resourceUsage().maxRSS}\n`);
  process.exitCode = code;
}

function time(cmd: string, args: string[]): { seconds: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

/** Writes `size` bytes of non-repeating-per-block data while hashing it (one pass). */
function writeFileHashed(path: string, size: number, block: Buffer): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    let left = size;
    let n = 0;
    while (left > 0) {
      const len = Math.min(left, block.length);
      block.writeUInt32LE(n++, 0); // vary each block so no two are identical
      const chunk = block.subarray(0, len);
      writeSync(fd, chunk);
      h.update(chunk);
      left -= len;
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv.slice(3));
  const { values } = parseArgs({
    options: { 'size-gib': { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, dir: { type: 'string' } }
  });
  const sizeGiB = Number(values['size-gib']);
  const rounds = Number(values.rounds);
  const base = values.dir ?? tmpdir();
  const fs = statfsSync(base);
  const free = fs.bavail * fs.bsize;
  if (free < sizeGiB * GiB * 1.2) throw new Error(`only ${(free / GiB).toFixed(1)} GiB free under ${base}; pass a smaller --size-gib`);

  const work = mkdtempSync(join(base, 'mg-bench-verify-'));
  const model = join(work, 'model');
  try {
    // A model-shaped folder: a few multi-GB shards plus small config/tokenizer files.
    const total = Math.round(sizeGiB * GiB);
    const shards = Math.max(1, Math.round(sizeGiB / 2));
    const small = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'README.md'];
    mkdirSync(model, { recursive: true });
    const block = randomBytes(16 * 1024 * 1024);
    const digests: FileDigest[] = [];
    const t0 = Date.now();
    for (const name of small) digests.push({ path: name, size: 4096, sha256: writeFileHashed(join(model, name), 4096, block) });
    const shardSize = Math.floor((total - small.length * 4096) / shards);
    for (let i = 0; i < shards; i++) {
      const name = `model-${String(i + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
      digests.push({ path: name, size: shardSize, sha256: writeFileHashed(join(model, name), shardSize, block) });
    }
    const bytes = digests.reduce((n, d) => n + d.size, 0);
    console.log(`generated ${digests.length} files, ${(bytes / GiB).toFixed(2)} GiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(work, 'key.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    const signed = await signModel({ digests, modelName: 'bench/model', signer: { kind: 'key', privateKeyPem: privatePem } });
    writeFileSync(join(work, 'model.sig'), JSON.stringify(signed.modelSig));

    // Signing a 100-file approved model from digests already computed.
    const hundred: FileDigest[] = Array.from({ length: 100 }, (_, i) => ({ path: `shard-${i}.safetensors`, size: 1e9, sha256: createHash('sha256').update(String(i)).digest('hex') }));
    const builder = bundleBuilder({ kind: 'key', privateKeyPem: privatePem });
    const signTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s0 = process.hrtime.bigint();
      await signStatement(builder, manifestStatement(buildManifest({ digests: hundred, modelName: 'bench/hundred' })));
      signTimes.push(Number(process.hrtime.bigint() - s0) / 1e6);
    }

    const files = digests.map((d) => join(model, d.path));
    const self = process.argv[1]!;
    const verifyArgs = [...process.execArgv, self, '--child', model, '--signature', join(work, 'model.sig'), '--public-key', join(work, 'key.pub'), '--format', 'json'];
    // Warm the page cache so both tools read from memory (or both from disk when it does not fit).
    time('sh', ['-c', 'cat "$@" > /dev/null', 'sh', ...files]);
    const openssl: number[] = [];
    const ours: number[] = [];
    const single: number[] = [];
    let rss = 0;
    const runVerify = (jobs: string[]): number => {
      const v = time(process.execPath, [...verifyArgs, ...jobs]);
      const result = JSON.parse(v.stdout.slice(0, v.stdout.lastIndexOf('MAXRSS_KIB'))) as { ok: boolean; reason?: string };
      if (!result.ok) throw new Error(`verify failed: ${result.reason}`);
      rss = Math.max(rss, Number(/MAXRSS_KIB (\d+)/.exec(v.stdout)![1]));
      return v.seconds;
    };
    for (let r = 0; r < rounds; r++) {
      openssl.push(time('openssl', ['dgst', '-sha256', ...files]).seconds);
      ours.push(runVerify([]));
      single.push(runVerify(['--jobs', '1']));
      console.log(`round ${r + 1}: openssl ${openssl[r]!.toFixed(2)} s, verify ${ours[r]!.toFixed(2)} s, verify --jobs 1 ${single[r]!.toFixed(2)} s`);
    }
    const bestO = Math.min(...openssl);
    const bestV = Math.min(...ours);
    const bestS = Math.min(...single);
    const ratio = bestO / bestV;
    const gib = bytes / GiB;
    const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim();
    const report = `# verify benchmark

Command: \`./run bench verify --size-gib ${sizeGiB} --rounds ${rounds}\`

Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim()}; load average at the end: ${load}.
Folder: ${digests.length} files, ${gib.toFixed(2)} GiB (${shards} shards + ${small.length} small files), key-signed (ECDSA P-256), page cache warm.

| | best of ${rounds} | throughput |
| --- | --- | --- |
| \`openssl dgst -sha256\` over the files | ${bestO.toFixed(2)} s | ${(gib / bestO).toFixed(2)} GiB/s |
| \`model-gate verify\` (child process: signature + file set + sha256 of every file), default ${Math.min(4, availableParallelism())} jobs | ${bestV.toFixed(2)} s | ${(gib / bestV).toFixed(2)} GiB/s |
| \`model-gate verify --jobs 1\` (one file at a time, like openssl) | ${bestS.toFixed(2)} s | ${(gib / bestS).toFixed(2)} GiB/s |

Ratio (openssl time / verify time): **${ratio.toFixed(2)}×** with the default jobs, **${(bestO / bestS).toFixed(2)}×** with \`--jobs 1\` (target ≥ 0.85×).
All rounds (interleaved): openssl ${openssl.map((x) => x.toFixed(2)).join(', ')} s; verify ${ours.map((x) => x.toFixed(2)).join(', ')} s; verify --jobs 1 ${single.map((x) => x.toFixed(2)).join(', ')} s.
The machine is shared with other jobs (see load average), so single rounds vary; best-of-N is reported.

Peak RSS of the verify process: **${(rss / 1024).toFixed(0)} MiB** (files are streamed in 8 MiB chunks, ${Math.min(4, availableParallelism())} at a time).

Signing a 100-file manifest from existing digests (key mode, build + PAE + ECDSA + bundle JSON): ${signTimes.map((x) => x.toFixed(1)).join(', ')} ms (target < 1 s).
`;
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/verify.md', report);
    console.log(report);
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
}

await main();
