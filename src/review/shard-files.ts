// Reading a sharded review's files from disk (the action's artifacts, or the CLI's paths): plan.json and every
// shard's partial, each bounded in size before it is read. Parsing and validation are shard-plan.ts's and
// sharded.ts's; a partial that cannot be read is handed on as missing, with why, so the aggregate blocks on it.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_PLAN_BYTES, parsePlan, type Plan } from './shard-plan.js';
import { MAX_PARTIAL_BYTES, partialName } from './shard-partial.js';
import { sha256Hex, type ShardInput } from './sharded.js';

/** Reads a file of at most `max` bytes; a larger one is refused before it is read. */
export async function readBounded(path: string, max: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > max) throw new Error(`${path} is ${size} bytes, above the ${max}-byte limit`);
    const buf = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}

/** plan.json, validated, with the sha256 of its bytes (partials name it). */
export async function readPlanFile(path: string, hint: string): Promise<{ plan: Plan; sha256: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readBounded(path, MAX_PLAN_BYTES);
  } catch (err) {
    throw new Error(`could not read the plan at ${path} (${err instanceof Error ? err.message : String(err)}); ${hint}`, { cause: err });
  }
  return { plan: parsePlan(bytes, path), sha256: sha256Hex(bytes) };
}

/** partial-0.json … partial-(shards-1).json from `dir`: each one's bytes, or why it is missing. */
export async function readPartials(dir: string, shards: number): Promise<ShardInput[]> {
  const out: ShardInput[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const name = partialName(shard);
    try {
      out.push({ shard, bytes: await readBounded(join(dir, name), MAX_PARTIAL_BYTES) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      out.push({ shard, missing: code === 'ENOENT' ? `${name} is missing from ${dir}` : `${name} could not be read: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return out;
}
