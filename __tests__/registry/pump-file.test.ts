// pumpFile sends a file range through reused buffers: the bytes that arrive are the file's bytes, in order, for
// every range and buffer boundary; a client that goes away stops the pump; a file that shrank under it truncates
// the response instead of completing it with wrong bytes.
import { createServer, request, type Server } from 'node:http';
import { mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pumpFile } from '../../src/registry/pump-file.js';

let dir: string;
let file: string;
let content: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-pump-'));
  file = join(dir, 'blob');
  content = randomBytes(3 * (1 << 20) + 12345); // more than the three 1 MiB buffers, not a multiple of them
  await writeFile(file, content);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(port: number, onData?: (got: number, abort: () => void) => void): Promise<{ body: Buffer; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        got += c.byteLength;
        onData?.(got, () => req.destroy());
      });
      res.on('end', () => resolve({ body: Buffer.concat(chunks), complete: res.complete }));
      res.on('error', () => resolve({ body: Buffer.concat(chunks), complete: false }));
    });
    req.on('error', () => resolve({ body: Buffer.concat(chunks), complete: false }));
    req.end();
  });
}

test.each([
  [0, 3 * (1 << 20) + 12345],
  [0, 1],
  [1, (1 << 20) - 1],
  [(1 << 20) - 7, (1 << 20) + 14],
  [5, 3 * (1 << 20) + 12340]
])('range at %d of %d bytes arrives byte for byte', async (start, length) => {
  const { server, port } = await serve(async (_req, res) => {
    const fh = await open(file, 'r');
    res.writeHead(200, { 'Content-Length': length });
    await pumpFile(fh, start, length, res);
    await fh.close();
  });
  try {
    const { body, complete } = await get(port);
    expect(complete).toBe(true);
    expect(body.equals(content.subarray(start, start + length))).toBe(true);
  } finally {
    server.close();
  }
});

test('a client that goes away stops the pump before the end of the file', async () => {
  let finished: Promise<unknown> | undefined;
  let fhClosed = false;
  const { server, port } = await serve(async (_req, res) => {
    const fh = await open(file, 'r');
    res.writeHead(200, { 'Content-Length': content.byteLength });
    finished = pumpFile(fh, 0, content.byteLength, res).finally(async () => {
      await fh.close();
      fhClosed = true;
    });
  });
  try {
    const { complete } = await get(port, (got, abort) => {
      if (got > 100_000) abort();
    });
    expect(complete).toBe(false);
    await finished;
    expect(fhClosed).toBe(true);
  } finally {
    server.close();
  }
});

test('a file that shrank after the headers were sent truncates the response', async () => {
  const shrinking = join(dir, 'shrinking');
  await writeFile(shrinking, content);
  const { server, port } = await serve(async (_req, res) => {
    const fh = await open(shrinking, 'r');
    res.writeHead(200, { 'Content-Length': content.byteLength });
    await truncate(shrinking, 1000);
    await pumpFile(fh, 0, content.byteLength, res);
    await fh.close();
  });
  try {
    const { body, complete } = await get(port);
    expect(complete).toBe(false);
    expect(body.byteLength).toBe(1000);
    expect(body.equals(content.subarray(0, 1000))).toBe(true);
  } finally {
    server.close();
  }
});
