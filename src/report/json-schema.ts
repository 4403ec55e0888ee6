// The JSON Schema of the JSON report (`--format json`, the action's report file), published as
// schema/report.schema.json by scripts/gen-schemas.mjs (`./run build`; `./run check` fails when it is stale).
// The report says which version of this shape it follows in `format`; a change to the shape bumps
// JSON_REPORT_FORMAT and this schema together. Not part of the action's bundle.
import * as z from 'zod/mini';
import { SEVERITIES } from '../core/findings.js';
import { JSON_REPORT_FORMAT } from './json.js';

const Verdict = z.enum(['approved', 'needs-review', 'rejected']);
const text = z.string();
const count = z.number().check(z.int(), z.minimum(0));

const Finding = z.strictObject({
  check: z.string().check(z.meta({ description: 'Stable dotted id of the check, e.g. pickle.global' })),
  severity: z.enum(SEVERITIES),
  message: text,
  file: z.optional(text),
  line: z.optional(count),
  offset: z.optional(count),
  evidence: z.optional(text),
  help: z.optional(text)
});

const Entry = z.strictObject({
  repo: text,
  revision: text,
  line: count,
  files: z.optional(z.array(text)),
  reason: z.optional(text),
  profile: z.optional(text)
});

const FileReport = z.strictObject({
  path: text,
  size: z.number(),
  sha256: z.optional(text),
  gitOid: z.optional(text),
  lfs: z.boolean(),
  formats: z.array(text),
  complete: z.boolean(),
  findings: z.array(Finding)
});

const common = {
  verdict: Verdict,
  reason: text,
  complete: z.boolean(),
  findings: z.array(Finding),
  files: z.array(FileReport)
};

const EntryReview = z.strictObject({
  kind: z.literal('entry'),
  entry: Entry,
  canonicalId: z.optional(text),
  repoId: z.optional(text),
  authorId: z.optional(text),
  commit: z.optional(text),
  redirects: z.array(z.strictObject({ from: text, to: text, status: z.number() })),
  fastTrack: z.optional(z.strictObject({ publisher: text })),
  ...common
});

const LocalReview = z.strictObject({ kind: z.literal('local'), paths: z.array(text), ...common });

export const JsonReportSchema = z
  .strictObject({
    tool: z.literal('model-gate'),
    version: text,
    generatedAt: z.iso.datetime(),
    policySource: text,
    verdict: Verdict,
    counts: z.strictObject({ approved: count, needsReview: count, rejected: count }),
    reviews: z.array(z.union([EntryReview, LocalReview])),
    removed: z.array(Entry),
    format: z.literal(JSON_REPORT_FORMAT).check(z.meta({ description: 'Version of this document shape; bumped with any change to it.' })),
    allowlistPath: z.optional(text),
    policyChanges: z.array(text),
    errors: z.array(z.strictObject({ file: text, line: z.optional(count), column: z.optional(count), message: text, help: z.optional(text) })),
    warnings: z.array(text),
    signing: z.array(z.strictObject({ repo: text, revision: text, status: z.enum(['signed', 'skipped', 'failed']), detail: text }))
  })
  .check(
    z.meta({
      $id: 'https://github.com/model-gate/model-gate/schema/report.schema.json',
      title: 'Model Gate JSON report',
      description: `The JSON report of a Model Gate review (format ${JSON_REPORT_FORMAT}): every review with its findings and files, the overall verdict, and the context of the run.`
    })
  );

export const GENERATED_REPORT_SCHEMAS: readonly { path: string; schema: z.ZodMiniType }[] = [
  { path: 'schema/report.schema.json', schema: JsonReportSchema }
];
