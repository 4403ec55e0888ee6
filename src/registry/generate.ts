// Deterministic pseudo-random file content of any size, produced block by block so a 4 GiB fixture never sits in
// memory. One 1 MiB block is drawn from the seed; every emitted block is that block with its block index stamped
// every 4 KiB, so no two blocks (and no two files with different seeds) are equal.
import { createCipheriv, createHash } from 'node:crypto';

export const GENERATE_BLOCK = 1 << 20;
const STAMP_EVERY = 4096;

function baseBlock(seed: number): Buffer {
  // AES-128-CTR keystream keyed by the seed: fast, and identical on every platform.
  const key = createHash('sha256').update(`model-gate-generate:${seed}`).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(GENERATE_BLOCK));
}

/** Yields `size` bytes derived from `seed`, in chunks of at most 1 MiB (a fresh Buffer each time). */
export function* generateContent(size: number, seed = 0): Generator<Buffer> {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`generate: size ${size} is not a non-negative integer`);
  const base = baseBlock(seed);
  for (let index = 0, done = 0; done < size; index++) {
    const n = Math.min(GENERATE_BLOCK, size - done);
    const chunk = Buffer.from(base.subarray(0, n));
    for (let at = 0; at + 8 <= n; at += STAMP_EVERY) chunk.writeBigUInt64LE(BigInt(index) ^ BigInt(at), at);
    yield chunk;
    done += n;
  }
}
