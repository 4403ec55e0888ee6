// One review end to end. An allowlist entry: resolve the pin, list the tree, stream every selected file once
// through the verified download into the scanners (and the text capture), run the repository checks, apply the
// policy's exceptions, and decide. Files on disk go through the same selection, examination, checks and verdict,
// with the checks that need the Hub reported as skipped. Anything not fully examined becomes a blocking finding;
// nothing here throws for bad input from the Hub, the disk or the repository.
import { compareFindings, verdictOf, type Finding } from '../core/findings.js';
import type { Entry, FileReport, LocalReview, Review } from '../core/review.js';
import type { HubClient } from '../hub/client.js';
import { likelyAccountKind } from '../hub/api/author.js';
import type { Author, ResolvedRepo, TreeFile } from '../hub/types.js';
import { applyExceptions, utcDate } from '../config/policy/exceptions.js';
import { policyForEntry } from '../config/policy/rules.js';
import type { Policy } from '../config/policy/schema.js';
import type { FilesCheckContext, HubCheckContext, RepoCheck } from '../checks/types.js';
import { TextCapture } from './capture.js';
import { checkHubPort } from './check-port.js';
import { combinedEvidence } from './evidence.js';
import { examineFiles, type ScanFile, type SourceFile } from './examine.js';
import { findingFromError } from './findings-from-errors.js';
import { progressTracker } from './progress.js';
import { reviewHub } from './review-hub.js';
import { selectFiles } from './select.js';
import { hubReader } from './sources/hub.js';
import { listLocal } from './sources/local.js';

export type { ScanFile } from './examine.js';

export interface ReviewDeps {
  hub: HubClient;
  policy: Policy;
  scanFile: ScanFile;
  checks: readonly RepoCheck[];
  /** Files downloaded at once within one entry. Default 4. */
  fileConcurrency?: number;
  now?: () => Date;
  /** Bytes read from each file's end before streaming it (zip central directories must be known first); a zip
   * whose directory needs more gets one larger read. Default 64 KiB. */
  tailBytes?: number;
  onProgress?: (line: string) => void;
}

/** A review of files on disk needs everything but the Hub. */
export type LocalReviewDeps = Omit<ReviewDeps, 'hub' | 'fileConcurrency'>;

/** Extra facts the review records for reports and the signed vetting record. */
export interface ReviewFacts {
  resolved?: ResolvedRepo;
  author?: Author;
}

export type FullReview = Review & ReviewFacts;

async function runChecks(checks: readonly RepoCheck[], ctx: FilesCheckContext, hubCtx: HubCheckContext | undefined): Promise<{ findings: Finding[]; complete: boolean }> {
  const findings: Finding[] = [];
  let complete = true;
  const skipped: string[] = [];
  for (const check of checks) {
    try {
      // A files check may use what the Hub says when the review has it (who publishes the repository).
      if (check.needs === 'files') findings.push(...(await check.run(hubCtx ?? ctx)));
      else if (hubCtx) findings.push(...(await check.run(hubCtx)));
      else skipped.push(check.id);
    } catch (err) {
      complete = false;
      findings.push(findingFromError(err, `${check.id}.failed`));
    }
  }
  if (skipped.length > 0) {
    findings.push({
      check: 'review.checks-skipped',
      severity: 'info',
      message: `${skipped.length} check(s) need the Hub's metadata and did not run on local files: ${skipped.join(', ')}`,
      help: 'Namespace, provenance and pin checks judge a repository on the Hub: review the allowlist entry (`model-gate review`) for them.'
    });
  }
  return { findings, complete };
}

/** Exceptions (allowlist entries only), then the verdict: anything not fully examined is rejected. */
function decide(findings: Finding[], policy: Policy, now: Date, entry: Entry | undefined, complete: boolean): { findings: Finding[]; verdict: Review['verdict'] } {
  let all = findings;
  if (entry) {
    const applied = applyExceptions(entry, findings, policy.exceptions, utcDate(now));
    all = [...applied.findings];
    for (const ex of applied.expired) {
      all.push({
        check: 'policy.exception-expired',
        severity: 'low',
        message: `the policy exception for ${ex.repo} (${ex.checks.join(', ')}) expired on ${ex.expires} and was not applied`,
        help: 'Renew it in the base branch policy with a new reason and date, or fix what it covered.'
      });
    }
  }
  const combined = combinedEvidence(all);
  if (combined) all = [...all, combined];
  all.sort(compareFindings);
  const verdict = verdictOf(all);
  return { findings: all, verdict: complete ? verdict : 'rejected' };
}

function finish(entry: Entry, partial: Omit<FullReview, 'entry' | 'verdict' | 'findings' | 'complete'>, findings: Finding[], policy: Policy, now: Date, complete: boolean): FullReview {
  return { entry, ...partial, ...decide(findings, policy, now, entry, complete), complete };
}

/** The resolved repository without model info's file list (`siblings`), once the review has its files. */
function withoutSiblings(r: ResolvedRepo): ResolvedRepo {
  if (r.info.siblings === undefined) return r;
  const { siblings: _unused, ...info } = r.info;
  return { ...r, info };
}

/** What the metadata phase learnt about an entry: everything before its files' bytes are read. */
export interface EntryMetadata {
  entry: Entry;
  previous?: Entry;
  /** The entry's rules (its profile's, when it names one). */
  policy: Policy;
  now: Date;
  /** The review's view of the Hub (review-hub.ts): the files and the checks are read through the same one. */
  hub: HubClient;
  base: Omit<FullReview, 'entry' | 'verdict' | 'findings' | 'complete' | 'files' | 'author' | 'authorId'> & { resolved: ResolvedRepo };
  author?: Author;
  tree: TreeFile[];
  /** The files the review reads, in the tree's order. */
  selected: SourceFile[];
  /** Findings so far (profile, author lookup, selection notes). */
  findings: Finding[];
  complete: boolean;
}

/** The metadata phase's answer: the entry's metadata, or the finished review when the Hub left nothing to read. */
export type MetadataOutcome = { ok: true; meta: EntryMetadata } | { ok: false; review: FullReview };

/** Phase 1: resolve the pin, look up the author, list the tree and select the files. No file bytes. */
export async function entryMetadata(entry: Entry, deps: Pick<ReviewDeps, 'hub' | 'policy' | 'now'>, previous?: Entry): Promise<MetadataOutcome> {
  // Within a review the review's view is passed in; an entry reviewed alone (the audit) gets its own.
  const hub = reviewHub(deps.hub);
  // The entry's profile (if it names one) decides the rules; an undefined profile is a blocking finding.
  const { policy, finding: profileFinding } = policyForEntry(deps.policy, entry);
  const now = (deps.now ?? (() => new Date()))();
  let resolved: ResolvedRepo;
  try {
    resolved = await hub.resolveRepo(entry.repo, entry.revision);
  } catch (err) {
    return { ok: false, review: finish(entry, { redirects: [], files: [] }, [...(profileFinding ? [profileFinding] : []), findingFromError(err, 'hub.resolve')], policy, now, false) };
  }
  const base = {
    canonicalId: resolved.canonicalId,
    repoId: resolved.repoId,
    commit: resolved.sha,
    redirects: resolved.redirects.map((h) => ({ from: h.from, to: h.to, status: h.status })),
    resolved
  };
  const findings: Finding[] = profileFinding ? [profileFinding] : [];
  let complete = true;
  let author: Author | undefined;
  const authorName = resolved.info.author ?? resolved.canonicalId.split('/')[0]!;
  // The commits' first page, which the identity and provenance checks read anyway (the review's Hub answers it once),
  // tells whether the namespace is a user's or an organisation's, so the account is usually one request, not two.
  const recent = await checkHubPort(hub).recentCommits(resolved.canonicalId, resolved.sha).catch(() => undefined);
  try {
    author = await hub.getAuthor(authorName, recent ? likelyAccountKind(authorName, recent.commits) : 'users');
  } catch (err) {
    complete = false;
    findings.push(findingFromError(err, 'hub.author'));
  }
  const who = author ? { author, authorId: author.id } : {};
  let tree: TreeFile[];
  try {
    tree = await hub.listFiles(resolved);
  } catch (err) {
    return { ok: false, review: finish(entry, { ...base, ...who, files: [] }, [...findings, findingFromError(err, 'hub.tree')], policy, now, false) };
  }
  // The files are listed: the model info's own list (~10 MB at 50,000 files) is not kept to the end of the review.
  base.resolved = withoutSiblings(resolved);
  const selection = selectFiles(tree.map((i): SourceFile => ({ path: i.path, size: i.size, lfs: i.lfs !== undefined })), policy, entry.files);
  findings.push(...selection.notes);
  if (!selection.complete) complete = false;
  return {
    ok: true,
    meta: { entry, ...(previous ? { previous } : {}), policy, now, hub, base, ...(author ? { author } : {}), tree, selected: selection.selected, findings, complete }
  };
}

/** What the judgement reads of the files' text: the capture of one read, or the merge of several (shards). */
export type CapturedText = Pick<TextCapture, 'text' | 'paths' | 'skipped'>;

export interface ExaminePart {
  capture: TextCapture;
  /** Sharded reviews: leave the cross-file step to the aggregate and hand over what it needs (examine.ts). */
  deferCrossFile?: (path: string, details: Record<string, unknown> | undefined) => void;
}

/** Phase 2: streams `files` (all of the selection, or a shard's part of it) once through the verified download. */
export async function examineEntryFiles(meta: EntryMetadata, files: readonly SourceFile[], deps: ReviewDeps, part: ExaminePart): Promise<FileReport[]> {
  const { resolved } = meta.base;
  const progress = progressTracker(meta.entry.repo, files.reduce((n, f) => n + f.size, 0), () => Date.now());
  const reader = hubReader(meta.hub, resolved.canonicalId, resolved.sha, meta.tree, deps.fileConcurrency ?? 4);
  return examineFiles(files, reader, {
    scanFile: deps.scanFile,
    allow: meta.policy.allowGlobals,
    capture: part.capture,
    ...(deps.tailBytes !== undefined ? { tailBytes: deps.tailBytes } : {}),
    ...(part.deferCrossFile ? { deferCrossFile: part.deferCrossFile } : {}),
    onProgress: (f, o) => deps.onProgress?.(progress(f.path, f.size, o.ok ? 'verified' : `failed (${o.finding.check})`))
  });
}

/**
 * Phase 3: the repository checks over every file's report and captured text, the exceptions and the verdict.
 * `extra` are findings about how the reports were gathered (a sharded review's missing or inconsistent parts).
 */
export async function judgeEntry(meta: EntryMetadata, files: FileReport[], text: CapturedText, deps: Pick<ReviewDeps, 'checks'>, extra: readonly Finding[] = []): Promise<FullReview> {
  const { entry, previous, policy, now, author, tree } = meta;
  const { resolved } = meta.base;
  const findings = [...meta.findings];
  let complete = meta.complete;
  for (const f of files) {
    findings.push(...f.findings);
    if (!f.complete) complete = false;
  }
  if (extra.length > 0) {
    findings.push(...extra);
    complete = false;
  }
  const ctx: FilesCheckContext = { files, text: (p) => text.text(p), captured: () => text.paths(), skipped: () => text.skipped(), repo: entry.repo, policy, now };
  const hubCtx: HubCheckContext = {
    ...ctx, entry, ...(previous ? { previous } : {}), resolved, tree, ...(author ? { author } : {}), hub: checkHubPort(meta.hub)
  };
  const checked = await runChecks(deps.checks, ctx, hubCtx);
  findings.push(...checked.findings);
  const who = author ? { author, authorId: author.id } : {};
  return finish(entry, { ...meta.base, ...who, files }, findings, policy, now, complete && checked.complete);
}

/**
 * Reviews one allowlist entry on the Hub. `previous` is the base branch's entry this one replaces (a re-pin), whose
 * recorded identity the checks hold it to. Never throws for Hub or repository problems: they become findings.
 */
export async function reviewEntry(entry: Entry, deps: ReviewDeps, previous?: Entry): Promise<FullReview> {
  const got = await entryMetadata(entry, deps, previous);
  if (!got.ok) return got.review;
  return examineAndJudge(got.meta, deps);
}

/**
 * Phases 2 and 3 of one entry. Neither this nor reviewEntry awaits the judgement in its own frame, so the selection
 * (an object per file, read only by the examination) is not held through the repository checks.
 */
async function examineAndJudge(meta: EntryMetadata, deps: ReviewDeps): Promise<FullReview> {
  const capture = new TextCapture();
  const files = await examineEntryFiles(meta, meta.selected, deps, { capture });
  return judgeEntry({ ...meta, selected: [] }, files, capture, deps);
}

/** Reviews files and folders on disk with the same scanners, file-level checks and verdict as an entry review. */
export async function reviewLocal(paths: readonly string[], cwd: string, deps: LocalReviewDeps): Promise<LocalReview> {
  const { policy } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const { listing, reader } = await listLocal(paths, cwd);
  const findings: Finding[] = [...listing.findings];
  let complete = listing.complete;
  const selection = selectFiles(listing.files, policy);
  findings.push(...selection.notes);
  if (!selection.complete) complete = false;
  const capture = new TextCapture();
  const files = await examineFiles(selection.selected, reader, {
    scanFile: deps.scanFile,
    allow: policy.allowGlobals,
    capture,
    ...(deps.tailBytes !== undefined ? { tailBytes: deps.tailBytes } : {}),
    onProgress: (f, o) => deps.onProgress?.(`${f.path} ${o.ok ? 'read' : `failed (${o.finding.check})`}`)
  });
  for (const f of files) {
    findings.push(...f.findings);
    if (!f.complete) complete = false;
  }
  const checked = await runChecks(deps.checks, { files, text: (p) => capture.text(p), captured: () => capture.paths(), skipped: () => capture.skipped(), policy, now }, undefined);
  findings.push(...checked.findings);
  complete &&= checked.complete;
  return { kind: 'local', paths: [...paths], files, ...decide(findings, policy, now, undefined, complete), complete };
}

/** Reviews entries with bounded concurrency, in input order; `previousOf` gives the base entry a re-pin replaces. */
export async function reviewEntries(
  entries: readonly Entry[], deps: ReviewDeps, concurrency = 2, previousOf: (e: Entry) => Entry | undefined = () => undefined
): Promise<FullReview[]> {
  const out = new Array<FullReview>(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      out[i] = await reviewEntry(entries[i]!, deps, previousOf(entries[i]!));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, worker));
  return out;
}
