// A shard's partial review: per file the report the verified download and the scanners made (digests, formats,
// findings, complete), the text the repository checks read, and what the cross-file step needs (an ONNX model's
// external data). No verdict, no signature. Written by a shard job, read by the aggregate job from an artifact:
// untrusted input, so reading it bounds its size and validates its shape and paths.
import * as z from 'zod/mini';
import { SEVERITIES } from '../core/findings.js';
import type { FileReport } from '../core/review.js';
import { unsafePathReason } from '../core/paths.js';
import { parseArtifactJson } from './artifact-json.js';
import type { ExternalDataRef } from '../scan/formats/onnx.js';

export const PARTIAL_FORMAT = 'model-gate-partial/1';
/** Largest partial read: a shard's captured text is bounded at 64 MiB (base64: 86 MiB) plus its files' reports. */
export const MAX_PARTIAL_BYTES = 256 * 1024 * 1024;

export interface PartialFile extends FileReport {
  /** The external data an ONNX model names (its scan's details), for the aggregate's cross-file step. */
  externalData?: ExternalDataRef[];
}

export interface PartialEntry {
  repo: string;
  revision: string;
  line: number;
  /** The commit the shard read the files at. */
  commit?: string;
  files: PartialFile[];
  /** Captured text of small files and archive members, base64 of its UTF-8. */
  texts: { path: string; base64: string }[];
  /** Streams whose text was not kept (size limits). */
  skipped: string[];
}

export interface PartialReview {
  format: typeof PARTIAL_FORMAT;
  planId: string;
  /** sha256 of plan.json's bytes as the shard read them. */
  planSha256: string;
  shard: number;
  entries: PartialEntry[];
}

const count = z.number().check(z.int(), z.minimum(0));
const bounded = (max: number) => z.string().check(z.maxLength(max));
const repoPath = z.string().check(
  z.refine((p: string) => unsafePathReason(p) === undefined, { error: (iss) => `is not a safe repository-relative path (${unsafePathReason(String(iss.input)) ?? 'invalid'})` })
);
/** A captured stream: a file, or a member inside one (`model.zip!/pkg/a.py`). */
const streamPath = bounded(16384).check(
  z.refine((p: string) => unsafePathReason(p.split('!/')[0]!) === undefined, { error: 'does not start with a safe repository-relative path' })
);

const FindingSchema = z.strictObject({
  check: bounded(200),
  severity: z.enum(SEVERITIES),
  message: bounded(65536),
  file: z.optional(bounded(16384)),
  line: z.optional(count),
  offset: z.optional(count),
  evidence: z.optional(bounded(65536)),
  help: z.optional(bounded(65536))
});

const PartialFileSchema = z.strictObject({
  path: repoPath,
  size: count,
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  gitOid: z.optional(z.string().check(z.regex(/^[0-9a-f]{40}$/))),
  lfs: z.boolean(),
  formats: z.array(bounded(100)).check(z.maxLength(100)),
  findings: z.array(FindingSchema),
  complete: z.boolean(),
  externalData: z.optional(z.array(z.strictObject({ tensor: bounded(4096), location: bounded(4096), path: z.optional(repoPath) })).check(z.maxLength(100000)))
});

export const PartialSchema = z.strictObject({
  format: z.literal(PARTIAL_FORMAT),
  planId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  planSha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  shard: count,
  entries: z.array(
    z.strictObject({
      repo: bounded(200),
      revision: bounded(200),
      line: count,
      commit: z.optional(z.string().check(z.regex(/^[0-9a-f]{40}$/))),
      files: z.array(PartialFileSchema),
      texts: z.array(z.strictObject({ path: streamPath, base64: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)) })),
      skipped: z.array(streamPath)
    })
  )
});

/** Parses a partial's bytes; throws an error saying what is wrong. */
export function parsePartial(bytes: Uint8Array, where: string): PartialReview {
  return parseArtifactJson(bytes, where, 'a Model Gate partial review', { maxBytes: MAX_PARTIAL_BYTES, schema: PartialSchema }) as PartialReview;
}

/** The name a shard's partial is written under and read back by. */
export const partialName = (shard: number): string => `partial-${shard}.json`;

