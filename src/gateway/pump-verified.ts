// Sends a byte range of an open file through three reused 1 MiB buffers (as the registry's pump-file.ts does: fs
// streams' fresh buffer per read cost more in garbage collection and peak memory than the copy itself), hashing a
// whole-file answer as it goes and checking the digest before the last chunk is handed to the socket.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

const CHUNK = 1 << 20;
const BUFFERS = 3;

export type PumpResult = 'done' | 'closed' | 'mismatch' | 'short';

/**
 * Writes `length` bytes from `start` to `res` and ends it. With `sha256`, the whole file is being sent: every byte is
 * hashed and the last chunk goes out only if the digest matches; otherwise the response is destroyed ('mismatch').
 * A file shorter than promised destroys the response ('short'). Never closes `fh`.
 */
export async function pumpVerified(fh: FileHandle, start: number, length: number, res: Writable, sha256?: string): Promise<PumpResult> {
  const free: Buffer[] = Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, length))));
  const waiting: ((b: Buffer | undefined) => void)[] = [];
  let closed = false;
  const onClose = (): void => {
    closed = true;
    for (const w of waiting.splice(0)) w(undefined);
  };
  res.once('close', onClose);
  // A buffer is reused only once the socket has taken its bytes (the write callback).
  const give = (b: Buffer): void => {
    const w = waiting.shift();
    if (w) w(b);
    else free.push(b);
  };
  const take = (): Promise<Buffer | undefined> => (closed ? Promise.resolve(undefined) : free.length > 0 ? Promise.resolve(free.pop()) : new Promise((r) => waiting.push(r)));
  const hash = sha256 === undefined ? undefined : createHash('sha256');
  try {
    let pos = start;
    let left = length;
    while (left > 0) {
      const buf = await take();
      if (!buf || closed) return 'closed';
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.byteLength, left), pos);
      if (bytesRead === 0) {
        res.destroy(new Error(`file ended ${left} bytes early`));
        return 'short';
      }
      const chunk = bytesRead === buf.byteLength ? buf : buf.subarray(0, bytesRead);
      hash?.update(chunk);
      pos += bytesRead;
      left -= bytesRead;
      if (hash && left === 0 && hash.digest('hex') !== sha256) {
        res.destroy(new Error('stored bytes do not match their sha256'));
        return 'mismatch';
      }
      res.write(chunk, () => give(buf));
    }
    if (closed) return 'closed';
    await new Promise<void>((resolve) => res.end(resolve));
    return closed && !res.writableFinished ? 'closed' : 'done';
  } finally {
    res.off('close', onClose);
  }
}

/** The sha256 of a whole open file, read through one reused buffer. */
export async function hashFile(fh: FileHandle): Promise<{ sha256: string; size: number }> {
  const buf = Buffer.allocUnsafe(CHUNK);
  const h = createHash('sha256');
  let pos = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.byteLength, pos);
    if (bytesRead === 0) break;
    h.update(bytesRead === buf.byteLength ? buf : buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return { sha256: h.digest('hex'), size: pos };
}
