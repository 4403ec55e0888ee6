// Serving stored bytes that are checked on the way out. A blob whose stored identity (inode, size, times; an S3
// ETag) has not been seen verified is hashed in full before its headers go out, so a blob altered at rest is
// caught before a byte is sent and the caller can refetch it. A whole-file answer is hashed again while it
// streams and its last chunk is held back until the digest matches: if the bytes changed under the same identity,
// the connection is cut before the body completes, so a client never receives a complete wrong file (its
// Content-Length is never reached). Memory stays at a couple of read chunks whatever the file size.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseRange } from '../registry/range.js';
import type { BlobInfo, BlobStore } from './blob-store.js';
import { hashFile, pumpVerified } from './pump-verified.js';

export type Headers = Record<string, string | number>;

/** Which stored blobs were hashed and matched, by identity (bounded: forgotten wholesale past `max`). */
export class VerifiedBlobs {
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly store: BlobStore,
    private readonly max = 100_000
  ) {}

  isVerified(sha256: string, info: BlobInfo): boolean {
    return this.seen.get(sha256) === info.identity;
  }

  remember(sha256: string, info: BlobInfo): void {
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.set(sha256, info.identity);
  }

  forget(sha256: string): void {
    this.seen.delete(sha256);
  }

  /** Hashes the whole blob: true (and remembered) when it matches its name. */
  async check(sha256: string, info: BlobInfo): Promise<boolean> {
    let got: { sha256: string; size: number };
    if (this.store.openFile) {
      const fh = await this.store.openFile(sha256);
      try {
        got = await hashFile(fh);
      } finally {
        await fh.close();
      }
    } else {
      const h = createHash('sha256');
      let n = 0;
      for await (const chunk of await this.store.read(sha256)) {
        h.update(chunk as Buffer);
        n += (chunk as Buffer).byteLength;
      }
      got = { sha256: h.digest('hex'), size: n };
    }
    const ok = got.size === info.size && got.sha256 === sha256;
    if (ok) this.remember(sha256, info);
    else this.forget(sha256);
    return ok;
  }
}

export type SendOutcome =
  | { kind: 'sent'; bytes: number; status: number }
  /** Found altered before anything was sent: the caller refetches or refuses. */
  | { kind: 'tampered' }
  /** Found altered while streaming: the connection was cut before the body completed. */
  | { kind: 'cut' }
  /** The client went away or the store failed mid-stream. */
  | { kind: 'aborted'; detail: string };

class DigestMismatch extends Error {}

export async function sendVerified(
  req: IncomingMessage,
  res: ServerResponse,
  store: BlobStore,
  verified: VerifiedBlobs,
  sha256: string,
  info: BlobInfo,
  headers: Headers,
  /** Told the body length as the body starts (an access log written when the connection closes reads it). */
  onBody?: (length: number) => void
): Promise<SendOutcome> {
  const size = info.size;
  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, size);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    res.end();
    return { kind: 'sent', bytes: 0, status: 416 };
  }
  if (!verified.isVerified(sha256, info) && !(await verified.check(sha256, info))) return { kind: 'tampered' };
  const partial = range.kind === 'partial';
  const start = partial ? range.start : 0;
  const end = partial ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const status = partial ? 206 : 200;
  const out: Headers = { ...headers, 'Accept-Ranges': 'bytes', 'Content-Length': length };
  if (partial) out['Content-Range'] = `bytes ${start}-${end}/${size}`;
  if (req.method === 'HEAD' || length === 0) {
    res.writeHead(status, out);
    res.end();
    return { kind: 'sent', bytes: 0, status };
  }
  if (store.openFile) {
    const fh = await store.openFile(sha256);
    try {
      res.writeHead(status, out);
      onBody?.(length);
      const r = await pumpVerified(fh, start, length, res, partial ? undefined : sha256);
      if (r === 'done') return { kind: 'sent', bytes: length, status };
      if (r === 'mismatch') {
        verified.forget(sha256);
        return { kind: 'cut' };
      }
      return { kind: 'aborted', detail: r === 'short' ? 'the stored file is shorter than its size' : 'the client closed the connection' };
    } finally {
      await fh.close();
    }
  }
  const source = await store.read(sha256, partial ? { start, end } : undefined);
  res.writeHead(status, out);
  onBody?.(length);
  let check: Transform | undefined;
  if (!partial) {
    // The whole file: hash as it goes, and hold the last chunk back until the digest is known.
    const hash = createHash('sha256');
    let held: Buffer | undefined;
    check = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          const prev = held;
          held = chunk;
          done(null, prev);
        },
        flush(done) {
          if (hash.digest('hex') !== sha256) done(new DigestMismatch());
          else done(null, held);
        }
      });
  }
  try {
    if (check) await pipeline(source, check, res);
    else await pipeline(source, res);
    return { kind: 'sent', bytes: length, status };
  } catch (e) {
    res.destroy();
    if (e instanceof DigestMismatch) {
      verified.forget(sha256);
      return { kind: 'cut' };
    }
    return { kind: 'aborted', detail: (e as Error).message };
  }
}
