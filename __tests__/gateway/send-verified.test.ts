// Serving checked bytes: a blob changed at rest under an identity already verified (what a filesystem that keeps
// times, or an object store that keeps its ETag, could present) is hashed while it streams, and the connection is
// cut before the last chunk, so the client never receives a complete wrong file.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore, type BlobInfo, type BlobStore } from '../../src/gateway/blob-store.js';
import { sendVerified, VerifiedBlobs, type SendOutcome } from '../../src/gateway/send-verified.js';
import { sha256 } from './fixture.js';

const CONTENT = Buffer.alloc(5 * 1024 * 1024 + 3, 'abcdefg');
const SHA = sha256(CONTENT);

let dir: string;
let fs: FsBlobStore;
let server: Server;
let url: string;
const outcomes: SendOutcome[] = [];
/** Whether the store offers file handles (the filesystem fast path) or only streams (as the S3 store does). */
let withFile = false;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-send-'));
  fs = await FsBlobStore.open(dir);
  const src = join(dir, 'src');
  await writeFile(src, CONTENT);
  await fs.putFile(SHA, src);
  // The same store, but it reports one unchanging identity whatever happens to the bytes.
  const sameIdentity: BlobStore = {
    where: fs.where,
    scratchDir: fs.scratchDir,
    stat: async (s) => ((await fs.stat(s)) ? ({ size: CONTENT.length, identity: 'fixed' } satisfies BlobInfo) : undefined),
    read: (s, r) => fs.read(s, r),
    putFile: (s, p) => fs.putFile(s, p),
    remove: (s) => fs.remove(s),
    openFile: (s) => (withFile ? fs.openFile(s) : Promise.reject(new Error('not offered')))
  };
  const streamsOnly: BlobStore = { ...sameIdentity };
  delete streamsOnly.openFile;
  const verifiedFile = new VerifiedBlobs(sameIdentity);
  const verifiedStream = new VerifiedBlobs(streamsOnly);
  server = createServer((req, res) => {
    void (async () => {
      const store = withFile ? sameIdentity : streamsOnly;
      const info = (await store.stat(SHA))!;
      const out = await sendVerified(req, res, store, withFile ? verifiedFile : verifiedStream, SHA, info, { 'Content-Type': 'application/octet-stream' });
      if (out.kind === 'tampered') res.writeHead(502).end();
      outcomes.push(out);
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

async function outcome(n: number): Promise<SendOutcome | undefined> {
  while (outcomes.length < n) await new Promise((r) => setTimeout(r, 5));
  return outcomes[n - 1];
}

function download(): Promise<{ declared: number; received: Buffer; error?: string }> {
  return new Promise((resolve) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      const declared = Number(res.headers['content-length']);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ declared, received: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ declared, received: Buffer.concat(chunks), error: e.message }));
    });
  });
}

test.each([
  ['streams', false, 0],
  ['file handles', true, 3]
])('intact bytes are served whole; bytes changed under a verified identity are cut short of their length (%s)', async (_name, file, seen) => {
  withFile = file;
  await writeFile(fs.pathOf(SHA), CONTENT);
  const first = await download();
  expect(first.error).toBeUndefined();
  expect(sha256(first.received)).toBe(SHA);
  expect(await outcome(seen + 1)).toEqual({ kind: 'sent', bytes: CONTENT.length, status: 200 });
  const altered = Buffer.from(CONTENT);
  altered[CONTENT.length - 10] = 0x00;
  await writeFile(fs.pathOf(SHA), altered);
  const second = await download();
  expect(second.declared).toBe(CONTENT.length);
  expect(second.error).toMatch(/aborted/);
  expect(second.received.length).toBeLessThan(CONTENT.length);
  expect(await outcome(seen + 2)).toEqual({ kind: 'cut' });
  // Forgotten as verified: the next answer hashes before sending and reports it, sending nothing.
  const third = await download();
  expect(third.received.length).toBe(0);
  expect(await outcome(seen + 3)).toEqual({ kind: 'tampered' });
});
