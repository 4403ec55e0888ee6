// The hashing thread: digests over shared buffers equal sha256sum's for many sizes and byte ranges; a file served
// through the pump with its verifier is complete when its bytes match and cut short of its Content-Length when any
// byte was altered; a crashed thread cuts the responses in flight and the next ones are served by a new thread.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashWorker } from '../../src/gateway/hash-worker.js';
import { sha256Verifier } from '../../src/gateway/send-verified.js';
import { pumpFile, type PumpResult } from '../../src/registry/pump-file.js';

const MiB = 1 << 20;
let dir: string;
const hasher = new HashWorker();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-hashw-'));
});
afterAll(async () => {
  await hasher.terminate();
  await rm(dir, { recursive: true, force: true });
});

/** sha256sum's digest of `length` bytes of `file` from `start` (tail and head cut the range). */
function sha256sum(file: string, start: number, length: number): string {
  const out = execFileSync('bash', ['-c', 'tail -c +"$2" "$1" | head -c "$3" | sha256sum', 'sh', file, String(start + 1), String(length)]);
  return out.toString().split(' ')[0] as string;
}

/** Reads the range through the job's shared buffers, in turn, and asks the worker for the digest. */
async function workerDigest(file: string, start: number, length: number, bufSize: number): Promise<string> {
  const job = hasher.open(3, bufSize);
  const fh = await open(file, 'r');
  try {
    let pos = start;
    let left = length;
    let i = 0;
    const acks: Promise<void>[] = [];
    while (left > 0) {
      await acks[i]; // this buffer's previous chunk was read by the worker
      const { bytesRead } = await fh.read(job.buffers[i] as Buffer, 0, Math.min(bufSize, left), pos);
      acks[i] = job.update(i, bytesRead);
      pos += bytesRead;
      left -= bytesRead;
      i = (i + 1) % 3;
    }
    return await job.digest();
  } finally {
    await fh.close();
  }
}

test.each([0, 1, 55, 64, MiB - 1, MiB, MiB + 1, 3 * MiB + 12345])('a whole file of %i bytes: the digest is sha256sum\'s', async (size) => {
  const file = join(dir, `whole-${size}`);
  await writeFile(file, randomBytes(size));
  expect(await workerDigest(file, 0, size, MiB)).toBe(sha256sum(file, 0, size));
});

test.each([
  [0, 1],
  [1, 100],
  [MiB - 1, 2],
  [12345, 2 * MiB],
  [3 * MiB, 1]
])('the range from %i, %i bytes long: the digest is sha256sum\'s', async (start, length) => {
  const file = join(dir, 'ranges');
  await writeFile(file, randomBytes(3 * MiB + 12345));
  // Small buffers too, so a range spans many chunks and buffer reuse is exercised.
  expect(await workerDigest(file, start, length, 4096)).toBe(sha256sum(file, start, length));
  expect(await workerDigest(file, start, length, MiB)).toBe(sha256sum(file, start, length));
});

/** Serves `file` whole through the pump, hashed on `hasher` against `sha`; records how each pump ended. */
async function serveVerified(file: string, size: number, sha: string, results: PumpResult[], worker = hasher): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    void (async () => {
      const fh = await open(file, 'r');
      try {
        res.writeHead(200, { 'Content-Length': size });
        results.push(await pumpFile(fh, 0, size, res, sha256Verifier(worker, sha, size)));
      } finally {
        await fh.close();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(port: number, onResponse?: (pause: () => void, resume: () => void) => void): Promise<{ body: Buffer; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      onResponse?.(
        () => res.pause(),
        () => res.resume()
      );
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), complete: res.complete }));
      res.on('error', () => resolve({ body: Buffer.concat(chunks), complete: false }));
      res.on('aborted', () => resolve({ body: Buffer.concat(chunks), complete: false }));
    });
    req.on('error', () => resolve({ body: Buffer.concat(chunks), complete: false }));
    req.end();
  });
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

test('a file whose bytes match is served whole; one altered byte anywhere cuts the response short', async () => {
  const size = 4 * MiB + 777;
  const content = randomBytes(size);
  const file = join(dir, 'served');
  await writeFile(file, content);
  const sha = sha256sum(file, 0, size);
  const results: PumpResult[] = [];
  const { server, port } = await serveVerified(file, size, sha, results);
  try {
    const good = await get(port);
    expect(good.complete).toBe(true);
    expect(good.body.equals(content)).toBe(true);
    expect(results).toEqual(['done']);
    for (const at of [0, 1, MiB - 1, MiB, 2 * MiB + 5, size - MiB, size - 1]) {
      const bad = Buffer.from(content);
      bad[at] = (bad[at] as number) ^ 0x01;
      await writeFile(file, bad);
      const got = await get(port);
      expect(got.complete).toBe(false);
      // The last chunk is never sent: the body stops at least one byte short of the Content-Length.
      expect(got.body.byteLength).toBeLessThan(size);
      expect(results.at(-1)).toBe('mismatch');
    }
  } finally {
    await close(server);
  }
});

test('a crashed hashing thread cuts the responses in flight; later ones are served by a new thread', async () => {
  const worker = new HashWorker();
  const size = 32 * MiB + 3;
  const content = randomBytes(size);
  const file = join(dir, 'crash');
  await writeFile(file, content);
  const sha = sha256sum(file, 0, size);
  const results: PumpResult[] = [];
  const { server, port } = await serveVerified(file, size, sha, results, worker);
  try {
    // Two clients read a little and stall, so their responses are mid-body when the thread dies.
    let stalled = 0;
    let resumeAll: (() => void)[] = [];
    let bothStalled!: () => void;
    const stalledP = new Promise<void>((r) => (bothStalled = r));
    const inFlight = [0, 1].map(() =>
      get(port, (pause, resume) => {
        pause();
        resumeAll.push(resume);
        if (++stalled === 2) bothStalled();
      })
    );
    await stalledP;
    expect(worker.starts).toBe(1);
    await worker.terminate();
    for (const r of resumeAll) r();
    resumeAll = [];
    for (const got of await Promise.all(inFlight)) {
      expect(got.complete).toBe(false);
      expect(got.body.byteLength).toBeLessThan(size);
    }
    expect(results).toEqual(['failed', 'failed']);
    const later = await get(port);
    expect(later.complete).toBe(true);
    expect(later.body.equals(content)).toBe(true);
    expect(worker.starts).toBe(2);
    expect(results.at(-1)).toBe('done');
  } finally {
    await worker.terminate();
    await close(server);
  }
});
