// A sharded review's plan: which files of which entries each shard job reads. The plan job lists every new entry's
// tree (metadata only) and splits the selected files into at most N shards by bytes — whole entries where they fit,
// the files of a very large model spread across shards. Pure: the entries' selections come in, the plan goes out;
// reading a plan back validates it like any other untrusted JSON (shard jobs and the aggregate read it from an
// artifact).
import * as z from 'zod/mini';
import { unsafePathReason } from '../core/paths.js';
import { parseArtifactJson } from './artifact-json.js';

export const PLAN_FORMAT = 'model-gate-plan/1';
/** Most shards a plan makes (GitHub Actions allows 256 jobs per matrix). */
export const MAX_SHARDS = 256;
/** Largest plan.json read back. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;
/**
 * Each file costs time beyond its bytes (requests, a scanner, the report): about 4.4 ms per file measured, which
 * sha256 at ~1.7 GB/s spends on ~7 MB. A file weighs its size plus this much, so many small files spread too.
 */
export const PER_FILE_WEIGHT = 4 * 1024 * 1024;

export interface PlannedFile {
  path: string;
  size: number;
  /** The shard that reads it, 0-based. */
  shard: number;
}

export interface PlannedEntry {
  repo: string;
  revision: string;
  /** The allowlist line, to tell apart two entries of one repository. */
  line: number;
  /** The commit the pin resolved to; absent when the plan job could not resolve it (the aggregate reports why). */
  commit?: string;
  files: PlannedFile[];
}

export interface Plan {
  format: typeof PLAN_FORMAT;
  /** Random per plan: a partial made for another plan is refused. */
  planId: string;
  /** Shards to run, numbered 0 … shards-1; at least 1 (an empty change has one shard with nothing to read). */
  shards: number;
  entries: PlannedEntry[];
}

export interface EntryToSplit {
  files: readonly { path: string; size: number }[];
}

const weight = (f: { size: number }): number => f.size + PER_FILE_WEIGHT;

/**
 * Assigns every file a shard: entries (largest first) go whole to the least-loaded shard when that keeps it under
 * an even share of the total; a larger entry's files (largest first) each go to the least-loaded shard. Shards left
 * empty are dropped, so every shard has work. Returns, per entry, each file's shard, and the number of shards.
 */
export function splitIntoShards(entries: readonly EntryToSplit[], maxShards: number): { assignments: number[][]; shards: number } {
  const fileCount = entries.reduce((n, e) => n + e.files.length, 0);
  const n = Math.max(1, Math.min(maxShards, fileCount));
  const assignments = entries.map((e) => e.files.map(() => 0));
  if (fileCount === 0) return { assignments, shards: 1 };
  const total = entries.reduce((t, e) => t + e.files.reduce((s, f) => s + weight(f), 0), 0);
  const largest = Math.max(...entries.flatMap((e) => e.files.map(weight)));
  const cap = Math.max(Math.ceil(total / n), largest);
  const loads = new Array<number>(n).fill(0);
  const least = (): number => loads.reduce((best, l, i) => (l < loads[best]! ? i : best), 0);
  const order = entries.map((e, i) => ({ i, w: e.files.reduce((s, f) => s + weight(f), 0) })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i, w } of order) {
    const files = entries[i]!.files;
    const s = least();
    if (loads[s]! + w <= cap) {
      assignments[i] = files.map(() => s);
      loads[s] = loads[s]! + w;
      continue;
    }
    const byWeight = files.map((f, j) => ({ j, w: weight(f) })).sort((a, b) => b.w - a.w || a.j - b.j);
    for (const { j, w: fw } of byWeight) {
      const t = least();
      assignments[i]![j] = t;
      loads[t] = loads[t]! + fw;
    }
  }
  // Renumber the shards that have work 0 … k-1, in order.
  const used = [...new Set(assignments.flat())].sort((a, b) => a - b);
  const renumber = new Map(used.map((s, k) => [s, k]));
  return { assignments: assignments.map((a) => a.map((s) => renumber.get(s)!)), shards: used.length };
}

const count = z.number().check(z.int(), z.minimum(0));
const repoPath = z.string().check(
  z.refine((p: string) => unsafePathReason(p) === undefined, { error: (iss) => `is not a safe repository-relative path (${unsafePathReason(String(iss.input)) ?? 'invalid'})` })
);
const sha = z.string().check(z.regex(/^[0-9a-f]{40}$/));

export const PlanSchema = z.strictObject({
  format: z.literal(PLAN_FORMAT),
  planId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  shards: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_SHARDS)),
  entries: z.array(
    z.strictObject({
      repo: z.string().check(z.maxLength(200)),
      revision: z.string().check(z.maxLength(200)),
      line: count,
      commit: z.optional(sha),
      files: z.array(z.strictObject({ path: repoPath, size: count, shard: count }))
    })
  )
});

/** Which shard reads which file of which entry: a file listed twice, or a shard outside the plan, is refused. */
function planProblem(plan: Plan): string | undefined {
  for (const e of plan.entries) {
    const seen = new Set<string>();
    for (const f of e.files) {
      if (f.shard >= plan.shards) return `${e.repo}: ${f.path} is assigned shard ${f.shard}, but the plan has ${plan.shards} shard(s)`;
      if (seen.has(f.path)) return `${e.repo}: ${f.path} is listed twice`;
      seen.add(f.path);
    }
  }
  return undefined;
}

/** Parses plan.json's bytes; throws an error saying what is wrong (the plan is an artifact: untrusted input). */
export function parsePlan(bytes: Uint8Array, where: string): Plan {
  const plan = parseArtifactJson(bytes, where, 'a Model Gate plan', { maxBytes: MAX_PLAN_BYTES, schema: PlanSchema, hint: "download the plan job's artifact unchanged" }) as Plan;
  const problem = planProblem(plan);
  if (problem) throw new Error(`${where} is not a consistent plan: ${problem}`);
  return plan;
}
