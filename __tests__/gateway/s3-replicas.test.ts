// Two gateway processes (the CLI, as built from src/) sharing one bucket on an S3-compatible server: the first
// pulls a file through and stores it; the second serves it from the bucket without asking upstream; an object
// altered in the bucket is caught, removed and fetched again; both stop cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { startS3Server, type S3Server } from '../support/s3-server.js';
import { cdnFetches, sha256, startWorld, WEIGHTS, type World } from './fixture.js';

const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
const BUCKET = 'model-gate-store';
const KEY = `replicas/sha256/${sha256(WEIGHTS)}`;
const repo = 'acme/tiny-tok';

let w: World;
let s3srv: S3Server;
let s3: S3Client;
let bundleDir: string;
let cli: string;

beforeAll(async () => {
  [w, s3srv] = await Promise.all([startWorld(), startS3Server()]);
  s3 = new S3Client({ region: 'us-east-1', endpoint: s3srv.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await writeFile(join(w.root, 'key.pub'), w.publicKeyPem);
  // The CLI from the current sources, bundled like scripts/run-ts.mjs does (bare imports from ./node_modules).
  mkdirSync('.tools', { recursive: true });
  bundleDir = mkdtempSync(join('.tools', 'gw-cli-'));
  cli = join(process.cwd(), bundleDir, 'cli.mjs');
  await build({ entryPoints: ['src/cli.ts'], outfile: cli, bundle: true, platform: 'node', format: 'esm', target: 'node24', packages: 'external', logLevel: 'warning' });
}, 120_000);
afterAll(async () => {
  s3?.destroy();
  await Promise.all([w?.close(), s3srv?.close()]);
  rmSync(bundleDir, { recursive: true, force: true });
});

interface Proc {
  url: string;
  child: ChildProcess;
  stdout: string[];
}

async function startProcess(name: string): Promise<Proc> {
  const child = spawn(process.execPath, [cli, 'serve', '--gateway', '--allowlist', w.allowlistPath, '--signatures', w.sigDir, '--public-key', join(w.root, 'key.pub'),
    '--s3-bucket', BUCKET, '--s3-prefix', 'replicas/', '--s3-endpoint', s3srv.endpoint, '--upstream', w.registry.hubUrl, '--cdn-origin', w.registry.cdnUrl], {
    env: { PATH: process.env['PATH'] ?? '', ...CREDS },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const stdout: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => stdout.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 30_000;
  while (!/gateway: (\S+)/.test(stderr)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`gateway ${name} did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { url: /gateway: (\S+)/.exec(stderr)![1]!, child, stdout };
}

function stop(p: Proc): Promise<number | null> {
  return new Promise((resolve) => {
    p.child.once('exit', (code) => resolve(code));
    p.child.kill('SIGTERM');
  });
}

const body = async (url: string): Promise<string> => sha256(Buffer.from(await (await fetch(url)).arrayBuffer()));

test('two gateway processes share one bucket: fetched upstream once, served by both, an altered object refetched', async () => {
  const [a, b] = await Promise.all([startProcess('a'), startProcess('b')]);
  try {
    const path = `/${repo}/resolve/main/model.safetensors`;
    const before = cdnFetches(w, sha256(WEIGHTS));
    expect(await body(`${a.url}${path}`)).toBe(sha256(WEIGHTS));
    expect(cdnFetches(w, sha256(WEIGHTS)) - before).toBe(1);
    // The object is in the bucket, named by its sha256, with those bytes (read back by the test's own S3 client).
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(head.ContentLength).toBe(WEIGHTS.length);
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(sha256(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(sha256(WEIGHTS));

    expect(await body(`${b.url}${path}`)).toBe(sha256(WEIGHTS));
    expect(cdnFetches(w, sha256(WEIGHTS)) - before).toBe(1);

    // Someone with write access to the bucket replaces the object: replica b catches it before sending and refetches.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: Buffer.alloc(WEIGHTS.length, 'x') }));
    expect(await body(`${b.url}${path}`)).toBe(sha256(WEIGHTS));
    expect(cdnFetches(w, sha256(WEIGHTS)) - before).toBe(2);
    const logB = b.stdout.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logB.some((l) => l['event'] === 'stored-blob-mismatch')).toBe(true);
    const again = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(sha256(Buffer.from(await again.Body!.transformToByteArray()))).toBe(sha256(WEIGHTS));
  } finally {
    expect(await stop(a)).toBe(0);
    expect(await stop(b)).toBe(0);
  }
}, 120_000);

test('the S3 store: multipart upload past the part size, ranged reads, removal', async () => {
  const { S3BlobStore } = await import('../../src/gateway/s3-store.js');
  const store = await S3BlobStore.open({
    bucket: BUCKET,
    prefix: 'unit/',
    partSize: 5 * 1024 * 1024,
    client: { region: 'us-east-1', endpoint: s3srv.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }
  });
  const big = Buffer.alloc(11 * 1024 * 1024 + 5, 'multipart|');
  const file = join(store.scratchDir, 'big');
  await writeFile(file, big);
  await store.putFile(sha256(big), file, big.length);
  expect((await store.stat(sha256(big)))?.size).toBe(big.length);
  const chunks: Buffer[] = [];
  for await (const c of await store.read(sha256(big), { start: 5 * 1024 * 1024 - 3, end: 5 * 1024 * 1024 + 2 })) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks)).toEqual(big.subarray(5 * 1024 * 1024 - 3, 5 * 1024 * 1024 + 3));
  await store.remove(sha256(big));
  expect(await store.stat(sha256(big))).toBeUndefined();
});
