// Writes a byte range of an open file to a response through a few fixed buffers that are reused once the socket has
// taken them. fs streams allocate a fresh buffer per read, which on a large file costs more in garbage collection
// and small writes than the copy itself (measured: 2 GiB served 1.5–2× faster this way on the 2-core runner).
import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

const CHUNK = 1 << 20;
const BUFFERS = 3;

/**
 * Sends `length` bytes from `start`. Resolves when the last byte is handed to the socket, or early when the client
 * goes away (the response is then destroyed). A read error or a file shorter than promised destroys the response,
 * so the client sees a truncated body rather than a complete-looking wrong one. Never closes `fh`.
 */
export async function pumpFile(fh: FileHandle, start: number, length: number, res: Writable): Promise<void> {
  const free: Buffer[] = Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, length))));
  const waiting: ((b: Buffer | undefined) => void)[] = [];
  let closed = false;
  const onClose = (): void => {
    closed = true;
    for (const w of waiting.splice(0)) w(undefined);
  };
  res.once('close', onClose);
  // A buffer comes back only when the socket has consumed it (the write callback), so no byte is overwritten early.
  const give = (b: Buffer): void => {
    const w = waiting.shift();
    if (w) w(b);
    else free.push(b);
  };
  const take = (): Promise<Buffer | undefined> => (closed ? Promise.resolve(undefined) : free.length > 0 ? Promise.resolve(free.pop()) : new Promise((r) => waiting.push(r)));
  try {
    let pos = start;
    let left = length;
    while (left > 0) {
      const buf = await take();
      if (!buf || closed) return;
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.byteLength, left), pos);
      if (bytesRead === 0) {
        res.destroy(new Error(`file ended ${left} bytes early`));
        return;
      }
      pos += bytesRead;
      left -= bytesRead;
      if (closed) return;
      const more = res.write(bytesRead === buf.byteLength ? buf : buf.subarray(0, bytesRead), () => give(buf));
      if (!more && left > 0) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!closed) res.end();
  } catch (e) {
    res.destroy(e as Error);
  } finally {
    res.off('close', onClose);
  }
}
