// A review split across jobs (a GitHub Actions matrix): plan → shards → aggregate, built from the entry review's
// three phases (pipeline.ts). The plan lists every new entry's tree (no file bytes) and splits the files by bytes;
// each shard streams only its files through the same verified download and scanners; the aggregate re-reads the
// entries' metadata (no file bytes), merges the shards' reports and runs the judgement over all of them. The
// aggregate fails closed: a missing shard, a partial made for another plan, a file planned but not reported,
// reported twice, not planned, or reported with another size, commit or digest than the Hub lists, each becomes a
// blocking finding on its entry.
import { createHash, randomBytes } from 'node:crypto';
import type { Finding } from '../core/findings.js';
import type { Entry, FileReport } from '../core/review.js';
import type { TreeFile } from '../hub/types.js';
import { markExternalData } from '../scan/formats/external-data.js';
import type { ExternalDataRef } from '../scan/formats/onnx.js';
import { TextCapture } from './capture.js';
import { entryDeps, type ChangeDeps, type PreparedChange } from './change.js';
import { entryMetadata, examineEntryFiles, judgeEntry, type CapturedText, type EntryMetadata, type FullReview, type ReviewDeps } from './pipeline.js';
import { PLAN_FORMAT, splitIntoShards, type Plan, type PlannedEntry } from './shard-plan.js';
import { PARTIAL_FORMAT, parsePartial, partialName, type PartialEntry, type PartialFile, type PartialReview } from './shard-partial.js';

/** One entry of a change as a plan and a partial name it. */
export const entryKey = (e: { repo: string; revision: string; line: number }): string => `${e.repo}@${e.revision}#${e.line}`;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** The plan job: every entry's metadata (pin, tree, selection; no file bytes), split into at most `maxShards`. */
export async function planChange(prepared: PreparedChange, deps: ChangeDeps, maxShards: number): Promise<Plan> {
  const rdeps = entryDeps(prepared, deps);
  const metas = await mapLimited(prepared.toReview, prepared.policy.policy.concurrency, (e) => entryMetadata(e, rdeps, prepared.previous.get(e)));
  const listed = metas.map((m) => (m.ok ? m.meta.selected : []));
  const { assignments, shards } = splitIntoShards(listed.map((files) => ({ files })), maxShards);
  const entries = prepared.toReview.map((e, i): PlannedEntry => {
    const m = metas[i]!;
    return {
      repo: e.repo,
      revision: e.revision,
      line: e.line,
      ...(m.ok ? { commit: m.meta.base.commit } : {}),
      files: listed[i]!.map((f, j) => ({ path: f.path, size: f.size, shard: assignments[i]![j]! }))
    };
  });
  return { format: PLAN_FORMAT, planId: randomBytes(16).toString('hex'), shards, entries };
}

const failedFile = (f: { path: string; size: number; lfs?: boolean }, finding: Finding): FileReport => ({
  path: f.path, size: f.size, lfs: f.lfs === true, formats: [], findings: [{ ...finding, file: f.path }], complete: false
});

const utf8Base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A shard job: streams and scans only the files the plan gives shard `shard`; no verdict, no signature. */
export async function runShard(prepared: PreparedChange, plan: Plan, planSha256: string, shard: number, deps: ChangeDeps): Promise<PartialReview> {
  if (!Number.isInteger(shard) || shard < 0 || shard >= plan.shards) throw new Error(`shard ${shard} is not in the plan, which has shards 0 to ${plan.shards - 1}`);
  const rdeps = entryDeps(prepared, deps);
  const byKey = new Map(prepared.toReview.map((e) => [entryKey(e), e]));
  const mine = plan.entries.filter((p) => p.files.some((f) => f.shard === shard));
  const entries: PartialEntry[] = [];
  for (const planned of mine) {
    const files = planned.files.filter((f) => f.shard === shard);
    const entry = byKey.get(entryKey(planned));
    // An entry the change does not add: the aggregate reviews the change, not the plan, and reports the difference.
    if (!entry) {
      deps.onProgress?.(`${planned.repo}@${planned.revision}: not an entry this change adds; skipped`);
      continue;
    }
    const out: PartialEntry = { repo: planned.repo, revision: planned.revision, line: planned.line, files: [], texts: [], skipped: [] };
    entries.push(out);
    const got = await entryMetadata(entry, rdeps, prepared.previous.get(entry));
    if (!got.ok) {
      const why = got.review.findings.find((f) => f.severity === 'high' || f.severity === 'critical')?.message ?? 'its metadata could not be read';
      out.files = files.map((f) => failedFile(f, { check: 'shard.metadata', severity: 'high', message: `shard ${shard} could not read ${entry.repo}'s metadata: ${why}` }));
      continue;
    }
    const meta = got.meta;
    out.commit = meta.base.commit;
    if (meta.base.commit !== planned.commit) {
      out.files = files.map((f) => failedFile(f, {
        check: 'shard.commit-mismatch', severity: 'high',
        message: `the plan says ${entry.repo}@${entry.revision} is commit ${planned.commit ?? '(unresolved)'}, the Hub answered ${meta.base.commit ?? '?'} to shard ${shard}`
      }));
      continue;
    }
    const selected = new Map(meta.selected.map((f) => [f.path, f]));
    const toRead = files.flatMap((f) => {
      const s = selected.get(f.path);
      return s && s.size === f.size ? [s] : [];
    });
    const external = new Map<string, ExternalDataRef[]>();
    const capture = new TextCapture();
    const reports = await examineEntryFiles(meta, toRead, rdeps, {
      capture,
      deferCrossFile: (path, details) => {
        const refs = (details?.onnx as { externalData?: unknown } | undefined)?.externalData;
        if (Array.isArray(refs) && refs.length > 0) external.set(path, refs as ExternalDataRef[]);
      }
    });
    const byPath = new Map(reports.map((r) => [r.path, r]));
    out.files = files.map((f): PartialFile => {
      const r = byPath.get(f.path);
      if (!r) {
        return failedFile(f, {
          check: 'shard.file-mismatch', severity: 'high',
          message: `${f.path} is planned with ${f.size} bytes, but the selection at ${meta.base.commit ?? '?'} ${selected.has(f.path) ? `lists ${selected.get(f.path)!.size} bytes` : 'does not include it'}`
        });
      }
      const refs = external.get(f.path);
      return refs ? { ...r, externalData: refs.map((x) => ({ tensor: x.tensor, location: x.location, ...(x.path !== undefined ? { path: x.path } : {}) })) } : r;
    });
    out.texts = capture.paths().map((p) => ({ path: p, base64: utf8Base64(capture.text(p) ?? '') }));
    out.skipped = capture.skipped();
  }
  return { format: PARTIAL_FORMAT, planId: plan.planId, planSha256, shard, entries };
}

/** One shard's partial as the aggregate found it: its bytes, or why there are none. */
export interface ShardInput {
  shard: number;
  bytes?: Uint8Array;
  /** Why the partial could not be read (missing file, read error). */
  missing?: string;
}

interface Reported {
  report: PartialFile;
  shard: number;
}

/** What the partials say about one planned entry, checked against the plan. */
interface MergedEntry {
  reports: Map<string, Reported>;
  /** Files reported more than once (by one shard or by two). */
  duplicates: Map<string, number[]>;
  texts: Map<string, string>;
  skipped: string[];
  findings: Finding[];
  /** Shards whose partial was refused, and why. */
  refused: Map<number, string>;
}

/** Validates every partial against the plan and collects, per planned entry, what its shards reported. */
export function mergePartials(plan: Plan, planSha256: string, inputs: readonly ShardInput[]): Map<string, MergedEntry> {
  const merged = new Map<string, MergedEntry>();
  for (const e of plan.entries) {
    merged.set(entryKey(e), { reports: new Map(), duplicates: new Map(), texts: new Map(), skipped: [], findings: [], refused: new Map() });
  }
  const planned = new Map(plan.entries.map((e) => [entryKey(e), new Map(e.files.map((f) => [f.path, f]))]));
  const refuse = (shard: number, why: string) => {
    for (const m of merged.values()) m.refused.set(shard, why);
  };
  const given = new Map(inputs.map((i) => [i.shard, i]));
  for (let shard = 0; shard < plan.shards; shard++) {
    const input = given.get(shard);
    const name = partialName(shard);
    if (!input?.bytes) {
      refuse(shard, input?.missing ?? `${name} is missing`);
      continue;
    }
    let partial: PartialReview;
    try {
      partial = parsePartial(input.bytes, name);
    } catch (err) {
      refuse(shard, err instanceof Error ? err.message : String(err));
      continue;
    }
    if (partial.planId !== plan.planId || partial.planSha256 !== planSha256) {
      refuse(shard, `${name} was made for plan ${partial.planId} (plan.json sha256 ${partial.planSha256.slice(0, 12)}…), not this plan ${plan.planId} (sha256 ${planSha256.slice(0, 12)}…)`);
      continue;
    }
    if (partial.shard !== shard) {
      refuse(shard, `${name} says it is shard ${partial.shard}'s partial`);
      continue;
    }
    const unknown = partial.entries.find((e) => !merged.has(entryKey(e)));
    if (unknown) {
      refuse(shard, `${name} reports ${unknown.repo}@${unknown.revision} (line ${unknown.line}), which the plan does not list`);
      continue;
    }
    for (const pe of partial.entries) {
      const key = entryKey(pe);
      const m = merged.get(key)!;
      const files = planned.get(key)!;
      const planEntry = plan.entries.find((e) => entryKey(e) === key)!;
      if (pe.commit !== undefined && pe.commit !== planEntry.commit) {
        m.findings.push({
          check: 'shard.file-mismatch', severity: 'high',
          message: `${name} reports ${pe.repo} at commit ${pe.commit}, but the plan pins ${planEntry.commit ?? '(unresolved)'}; its ${pe.files.length} file report(s) are not used`
        });
        continue;
      }
      const mineHere = new Set<string>();
      for (const r of pe.files) {
        const p = files.get(r.path);
        if (!p || p.shard !== shard) {
          m.findings.push({
            check: 'shard.file-unplanned', severity: 'high', file: r.path,
            message: `${name} reports ${r.path}, which the plan ${p ? `gives to shard ${p.shard}` : 'does not list'} for ${pe.repo}; the report is not used`
          });
          continue;
        }
        if (r.size !== p.size) {
          m.findings.push({
            check: 'shard.file-mismatch', severity: 'high', file: r.path,
            message: `${name} reports ${r.path} with ${r.size} bytes, but the plan lists ${p.size}; the report is not used`
          });
          continue;
        }
        if (m.reports.has(r.path) || m.duplicates.has(r.path)) {
          const shards = m.duplicates.get(r.path) ?? [m.reports.get(r.path)!.shard];
          m.duplicates.set(r.path, [...shards, shard]);
          m.reports.delete(r.path);
          continue;
        }
        m.reports.set(r.path, { report: r, shard });
        mineHere.add(r.path);
      }
      // Text only of files this shard reported and the plan gave it (members named `file!/member`).
      for (const t of pe.texts) {
        const owner = t.path.split('!/')[0]!;
        if (!mineHere.has(owner) || m.texts.has(t.path)) continue;
        m.texts.set(t.path, Buffer.from(t.base64, 'base64').toString('utf8'));
      }
      m.skipped.push(...pe.skipped.filter((p) => mineHere.has(p.split('!/')[0]!)));
    }
  }
  return merged;
}

/** The merged text, with the single review's limits (capture.ts): per stream, and in total, in the plan's file order. */
function mergedText(m: MergedEntry | undefined, order: readonly string[]): CapturedText {
  const limits = new TextCapture();
  const texts = new Map<string, string>();
  const skipped = [...(m?.skipped ?? [])];
  let used = 0;
  const rank = new Map(order.map((p, i) => [p, i]));
  const entries = [...(m?.texts ?? new Map<string, string>()).entries()].sort(
    (a, b) => (rank.get(a[0].split('!/')[0]!) ?? 0) - (rank.get(b[0].split('!/')[0]!) ?? 0)
  );
  for (const [path, text] of entries) {
    const n = Buffer.byteLength(text, 'utf8');
    if (n > limits.perFile || used + n > limits.total) skipped.push(path);
    else {
      texts.set(path, text);
      used += n;
    }
  }
  return { text: (p) => texts.get(p), paths: () => [...texts.keys()], skipped: () => [...skipped] };
}

/** Every reported digest against what the Hub's tree lists for the file (LFS sha256; a plain file's git oid). */
function digestProblem(r: PartialFile, item: TreeFile | undefined): string | undefined {
  if (!r.complete) return undefined;
  if (!item) return `${r.path} is not in the tree`;
  if (!r.sha256 || !r.gitOid) return `${r.path} is reported complete without its digests`;
  if (item.lfs && item.lfs.oid !== r.sha256) return `${r.path} is reported with sha256 ${r.sha256}, but the Hub lists ${item.lfs.oid}`;
  if (!item.lfs && item.oid !== r.gitOid) return `${r.path} is reported with git oid ${r.gitOid}, but the Hub lists ${item.oid}`;
  return undefined;
}

/** The files of one entry in the selection's order, from the partials, with every inconsistency as a finding. */
function entryFiles(meta: EntryMetadata, planned: PlannedEntry | undefined, m: MergedEntry | undefined): { files: FileReport[]; extra: Finding[]; text: CapturedText } {
  const { entry } = meta;
  const extra: Finding[] = [];
  if (!planned || !m) {
    extra.push({
      check: 'shard.entry-not-planned', severity: 'high',
      message: `${entry.repo}@${entry.revision} (line ${entry.line}) is not in the plan: none of its files were examined`,
      help: 'Run the plan, shard and aggregate jobs of one workflow run on the same pull request commit.'
    });
    return { files: [], extra, text: mergedText(undefined, []) };
  }
  extra.push(...m.findings);
  for (const [shard, why] of m.refused) {
    if (planned.files.some((f) => f.shard === shard)) {
      extra.push({ check: 'shard.partial-missing', severity: 'high', message: `shard ${shard}'s partial review was not usable: ${why}`, help: 'Re-run the failed shard jobs, then the aggregate job.' });
    }
  }
  if (planned.commit !== meta.base.commit) {
    extra.push({ check: 'shard.plan-mismatch', severity: 'high', message: `the plan pins ${entry.repo} at ${planned.commit ?? '(unresolved)'}, the Hub now answers ${meta.base.commit ?? '?'}` });
  }
  const plannedFiles = new Map(planned.files.map((f) => [f.path, f]));
  const selected = new Set(meta.selected.map((f) => f.path));
  for (const f of planned.files) {
    if (!selected.has(f.path)) extra.push({ check: 'shard.plan-mismatch', severity: 'high', file: f.path, message: `the plan lists ${f.path}, which the review does not select at ${meta.base.commit ?? '?'}` });
  }
  const tree = new Map(meta.tree.map((t) => [t.path, t]));
  const details = new Map<string, Record<string, unknown>>();
  const files = meta.selected.map((s): FileReport => {
    const p = plannedFiles.get(s.path);
    if (!p || p.size !== s.size) {
      return failedFile(s, { check: 'shard.plan-mismatch', severity: 'high', message: `${s.path} (${s.size} bytes) is ${p ? `planned with ${p.size} bytes` : 'not in the plan'}; it was not examined` });
    }
    const dup = m.duplicates.get(s.path);
    if (dup) return failedFile(s, { check: 'shard.file-duplicate', severity: 'high', message: `${s.path} is reported ${dup.length} times (shards ${dup.join(', ')}); none of the reports is used` });
    const got = m.reports.get(s.path);
    if (!got) {
      const why = m.refused.get(p.shard);
      return failedFile(s, { check: 'shard.file-missing', severity: 'high', message: `${s.path} was planned for shard ${p.shard}, which did not report it${why ? ` (${why})` : ''}; it was not examined` });
    }
    const problem = digestProblem(got.report, tree.get(s.path));
    if (problem) return failedFile(s, { check: 'shard.digest-mismatch', severity: 'critical', message: `${problem} (shard ${got.shard})` });
    const { externalData, ...report } = got.report;
    if (externalData) details.set(s.path, { onnx: { externalData } });
    return { ...report, path: s.path, size: s.size, lfs: s.lfs === true };
  });
  return { files: markExternalData(files, (p) => details.get(p)), extra, text: mergedText(m, meta.selected.map((f) => f.path)) };
}

/** The aggregate job: each entry's metadata again (no file bytes), the shards' reports, and the judgement. */
export async function aggregateChange(prepared: PreparedChange, plan: Plan, planSha256: string, inputs: readonly ShardInput[], deps: ChangeDeps): Promise<FullReview[]> {
  const rdeps: ReviewDeps = entryDeps(prepared, deps);
  const merged = mergePartials(plan, planSha256, inputs);
  const planned = new Map(plan.entries.map((e) => [entryKey(e), e]));
  return mapLimited(prepared.toReview, prepared.policy.policy.concurrency, async (entry: Entry) => {
    const got = await entryMetadata(entry, rdeps, prepared.previous.get(entry));
    if (!got.ok) return got.review;
    const key = entryKey(entry);
    const { files, extra, text } = entryFiles(got.meta, planned.get(key), merged.get(key));
    return judgeEntry(got.meta, files, text, rdeps, extra);
  });
}
