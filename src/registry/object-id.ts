// Mongo-style ObjectIds as the Hub hands out for repos and accounts: the first 4 bytes are the creation second,
// so a client can date an account even where the API omits createdAt (organisation overviews; the client reads it
// back with hub/shapes/author.ts objectIdTime).
import { createHash } from 'node:crypto';

/** 24-hex ObjectId: big-endian seconds of `createdAt`, then 8 bytes derived from `seed` (stable across builds). */
export function objectIdFor(createdAt: string, seed: string): string {
  const ms = Date.parse(createdAt);
  if (!Number.isFinite(ms)) throw new Error(`objectIdFor: '${createdAt}' is not an ISO date`);
  const seconds = Math.floor(ms / 1000);
  if (seconds < 0 || seconds > 0xffffffff) throw new Error(`objectIdFor: '${createdAt}' is outside the ObjectId range`);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(seconds);
  const tail = createHash('sha256').update(`model-gate-objectid\0${seed}`).digest().subarray(0, 8);
  return Buffer.concat([head, tail]).toString('hex');
}

