// Writes a byte range of an open file to a response through a few fixed buffers that are reused once the socket has
// taken them. fs streams allocate a fresh buffer per read, which on a large file costs more in garbage collection
// and small writes than the copy itself (measured: 2 GiB served 1.5–2× faster this way on the 2-core runner).
// An optional verifier (the gateway's: sha256 on another thread) reads each chunk as the socket sends it; a buffer
// is reused only when both are done with it, and the last chunk goes out only once the verifier says all matched.
import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

const CHUNK = 1 << 20;
const BUFFERS = 3;

/** Checks the bytes as they are sent (e.g. hashes them on another thread). */
export interface PumpVerifier {
  /** The buffers to read into (shared with whatever checks them); chunks are named by index. */
  readonly buffers: Buffer[];
  /** Takes the first `length` bytes of buffer `index`; resolves when that buffer may be overwritten. */
  update(index: number, length: number): Promise<void>;
  /** Whether every byte given so far is right; asked before the last chunk is written. */
  matches(): Promise<boolean>;
  /** The pump stopped early (client gone, short file): release whatever the verifier holds. */
  drop(): void;
}

/** done: every byte handed to the socket; closed: the client went away; mismatch: the verifier refused the bytes
 * (response cut); short: the file ended early (response cut); failed: a read or the verifier failed (response cut). */
export type PumpResult = 'done' | 'closed' | 'mismatch' | 'short' | 'failed';

/**
 * Sends `length` bytes from `start`. Resolves when the last byte is handed to the socket, or early when the client
 * goes away (the response is then destroyed). A read error, a verifier failure or refusal, or a file shorter than
 * promised destroys the response, so the client sees a truncated body rather than a complete-looking wrong one.
 * Never closes `fh`.
 */
export async function pumpFile(fh: FileHandle, start: number, length: number, res: Writable, verifier?: PumpVerifier): Promise<PumpResult> {
  const buffers = verifier?.buffers ?? Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, length))));
  const free: number[] = buffers.map((_, i) => i);
  const waiting: ((i: number | undefined) => void)[] = [];
  let closed = false;
  let failure: Error | undefined;
  const onClose = (): void => {
    closed = true;
    for (const w of waiting.splice(0)) w(undefined);
  };
  res.once('close', onClose);
  // A buffer comes back only when the socket has consumed it (the write callback) and the verifier has read it, so
  // no byte is overwritten early.
  const give = (i: number): void => {
    const w = waiting.shift();
    if (w) w(i);
    else free.push(i);
  };
  const take = (): Promise<number | undefined> => (closed ? Promise.resolve(undefined) : free.length > 0 ? Promise.resolve(free.pop()) : new Promise((r) => waiting.push(r)));
  const cut = (e: Error): void => {
    failure ??= e;
    res.destroy(e);
  };
  let result: PumpResult | undefined;
  try {
    let pos = start;
    let left = length;
    while (left > 0) {
      const i = await take();
      if (i === undefined || closed) return (result = failure ? 'failed' : 'closed');
      const buf = buffers[i] as Buffer;
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.byteLength, left), pos);
      if (bytesRead === 0) {
        cut(new Error(`file ended ${left} bytes early`));
        return (result = 'short');
      }
      pos += bytesRead;
      left -= bytesRead;
      if (closed) return (result = failure ? 'failed' : 'closed');
      const chunk = bytesRead === buf.byteLength ? buf : buf.subarray(0, bytesRead);
      let both = verifier ? 2 : 1;
      const release = (): void => {
        if (--both === 0) give(i);
      };
      if (verifier) {
        const read = verifier.update(i, bytesRead);
        if (left === 0) {
          // The last chunk waits for the verdict on every byte, this one included.
          await read;
          if (!(await verifier.matches())) {
            cut(new Error('the bytes do not match their digest'));
            return (result = 'mismatch');
          }
          if (closed) return (result = failure ? 'failed' : 'closed');
          release();
        } else {
          read.then(release, (e: Error) => cut(e));
        }
      }
      const more = res.write(chunk, release);
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
    if (closed) return (result = failure ? 'failed' : 'closed');
    await new Promise<void>((resolve) => {
      res.once('close', resolve);
      res.end(resolve);
    });
    return (result = closed && !res.writableFinished ? (failure ? 'failed' : 'closed') : 'done');
  } catch (e) {
    cut(e as Error);
    return (result = 'failed');
  } finally {
    res.off('close', onClose);
    if (result !== 'done' && result !== 'mismatch') verifier?.drop();
  }
}
