// One allowlist entry end to end: resolve the pin, list the tree, stream every selected file once through the
// verified download into the scanners (and a small-text capture), run the repository checks, apply the policy's
// exceptions, and decide. Anything not fully examined becomes a blocking finding; nothing here throws for bad
// input from the Hub or the repository.
import { compareFindings, isBlocking, verdictOf, type Finding } from '../core/findings.js';
import type { HubClient } from '../hub/client.js';
import type { ByteConsumer } from '../hub/download.js';
import { fetchFiles, type FilePlan } from '../hub/fetch-repo.js';
import type { Author, ResolvedRepo, TreeFile } from '../hub/types.js';
import { compileGlob, matchGlob, type Glob } from '../core/glob.js';
import { applyExceptions, utcDate } from '../config/policy/exceptions.js';
import { excludeDecision } from '../config/policy/exclude.js';
import type { Policy } from '../config/policy/schema.js';
import type { RepoCheck } from '../checks/types.js';
import type { FileContext, ScanOutcome, StreamScanner } from '../scan/types.js';
import { zipTailNeeded } from '../scan/zip/index.js';
import { TextCapture } from './capture.js';
import { findingFromError } from './findings-from-errors.js';
import type { Entry, FileReport, Review } from '../core/review.js';

export type ScanFile = (ctx: FileContext, opts: { allow: string[] }) => StreamScanner;

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

/** Extra facts the review records for reports and the signed vetting record. */
export interface ReviewFacts {
  resolved?: ResolvedRepo;
  author?: Author;
}

export type FullReview = Review & ReviewFacts;

const MIN_ZIP = 22;
/** Largest zip central directory fetched ahead of the stream; beyond it the zip scanner fails closed. */
const MAX_TAIL = 64 * 1024 * 1024;

function withFile(f: Finding, path: string): Finding {
  return f.file ? f : { ...f, file: path };
}

/** Feeds a scanner and never lets its exception escape into the download: a crash is a blocking finding. */
class GuardedScan implements ByteConsumer {
  /** Scanners copy what they keep (StreamScanner's chunk ownership), so the download may reuse its read buffer. */
  readonly borrowsChunks = true;
  private failure: unknown;
  constructor(
    private readonly scanner: StreamScanner,
    private readonly path: string
  ) {}
  write(chunk: Uint8Array): void {
    if (this.failure !== undefined) return;
    try {
      this.scanner.push(chunk);
    } catch (err) {
      this.failure = err ?? new Error('scanner failed');
    }
  }
  outcome(): ScanOutcome {
    if (this.failure === undefined) {
      try {
        return this.scanner.end();
      } catch (err) {
        this.failure = err ?? new Error('scanner failed');
      }
    }
    return { formats: [], complete: false, findings: [findingFromError(this.failure, 'scan', this.path)] };
  }
}

function selectFiles(entry: Entry, tree: TreeFile[], policy: Policy): { selected: TreeFile[]; notes: Finding[] } {
  const notes: Finding[] = [];
  let patterns: Glob[] | undefined;
  if (entry.files && entry.files.length > 0) {
    patterns = [];
    for (const p of entry.files) {
      const r = compileGlob(p);
      if (r.ok) patterns.push(r.glob);
      else notes.push({ check: 'allowlist.files', severity: 'high', message: `files pattern '${p}' is invalid: ${r.error}`, help: 'Fix the pattern in the allowlist entry.' });
    }
  }
  const selected: TreeFile[] = [];
  const outside: string[] = [];
  const excluded: string[] = [];
  const tooBig: TreeFile[] = [];
  for (const item of tree) {
    if (patterns && !patterns.some((g) => matchGlob(g, item.path))) {
      outside.push(item.path);
      continue;
    }
    if (excludeDecision(item.path, policy.exclude).excluded) {
      excluded.push(item.path);
      continue;
    }
    if (item.size > policy.maxFileSize) {
      tooBig.push(item);
      continue;
    }
    selected.push(item);
  }
  const list = (paths: string[]) => paths.slice(0, 20).join(', ') + (paths.length > 20 ? `, … ${paths.length - 20} more` : '');
  if (outside.length > 0) {
    notes.push({
      check: 'review.files-not-selected',
      severity: 'info',
      message: `${outside.length} file(s) outside the entry's \`files\` patterns were not fetched and are not part of the approval`,
      evidence: list(outside),
      help: 'Load only the approved files: verification fails on any file the signature does not list.'
    });
  }
  if (excluded.length > 0) {
    notes.push({
      check: 'review.files-excluded',
      severity: 'info',
      message: `${excluded.length} file(s) excluded by the policy were not fetched and are not part of the approval`,
      evidence: list(excluded)
    });
  }
  for (const item of tooBig) {
    notes.push({
      check: 'review.file-too-large',
      severity: 'high',
      file: item.path,
      message: `${item.path} is ${item.size} bytes, above the policy's max_file_size (${policy.maxFileSize}); it was not examined`,
      help: 'Raise max_file_size in the base branch policy if this size is expected, or pin fewer files with `files`.'
    });
  }
  return { selected, notes };
}

async function examineFiles(
  entry: Entry,
  resolved: ResolvedRepo,
  items: TreeFile[],
  deps: ReviewDeps,
  capture: TextCapture
): Promise<FileReport[]> {
  const { hub } = deps;
  const scans = new Map<string, GuardedScan>();
  const tailBytes = deps.tailBytes ?? 64 * 1024;
  const allow = deps.policy.allowGlobals;
  const outcomes = await fetchFiles({
    downloader: hub,
    repo: resolved.canonicalId,
    sha: resolved.sha,
    items,
    concurrency: deps.fileConcurrency ?? 4,
    plan: async (item): Promise<FilePlan> => {
      let tail = item.size >= MIN_ZIP ? await hub.fetchTail(resolved.canonicalId, resolved.sha, item, Math.min(item.size, tailBytes)) : undefined;
      // A zip whose central directory is larger than the first tail: fetch exactly what it needs, once.
      const need = tail ? zipTailNeeded(tail, item.size) : undefined;
      if (need !== undefined && need > (tail?.byteLength ?? 0) && need <= MAX_TAIL) {
        tail = await hub.fetchTail(resolved.canonicalId, resolved.sha, item, Math.min(item.size, need));
      }
      const ctx: FileContext = { path: item.path, size: item.size, ...(tail ? { tail } : {}) };
      const scan = new GuardedScan(deps.scanFile(ctx, { allow }), item.path);
      scans.set(item.path, scan);
      const consumers: ByteConsumer[] = [scan];
      const keep = capture.consumerFor(item.path, item.size);
      if (keep) consumers.push(keep);
      return { consumers, ...(tail ? { expectTail: tail } : {}) };
    },
    onOutcome: (o) => deps.onProgress?.(`${entry.repo}: ${o.item.path} ${o.ok ? 'verified' : `failed (${o.error.code})`}`)
  });
  return outcomes.map((o): FileReport => {
    const base = { path: o.item.path, size: o.item.size, lfs: o.item.lfs !== undefined };
    if (!o.ok) {
      return { ...base, formats: [], complete: false, findings: [findingFromError(o.error, 'hub.download', o.item.path)] };
    }
    const scan = scans.get(o.item.path);
    const outcome: ScanOutcome = scan
      ? scan.outcome()
      : { formats: [], complete: false, findings: [findingFromError(new Error('no scanner ran'), 'scan', o.item.path)] };
    const findings = outcome.findings.map((f) => withFile(f, o.item.path));
    if (!outcome.complete && !findings.some((f) => isBlocking(f.severity))) {
      findings.push({ check: 'scan.incomplete', severity: 'high', file: o.item.path, message: `${o.item.path} was not fully examined`, help: 'Not fully examined, so not approved.' });
    }
    return { ...base, sha256: o.result.sha256, gitOid: o.result.gitOid, formats: outcome.formats, findings, complete: outcome.complete };
  });
}

async function runChecks(checks: readonly RepoCheck[], ctx: Parameters<RepoCheck['run']>[0]): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const check of checks) {
    try {
      out.push(...(await check.run(ctx)));
    } catch (err) {
      out.push(findingFromError(err, `${check.id}.failed`));
    }
  }
  return out;
}

function finish(entry: Entry, partial: Omit<FullReview, 'entry' | 'verdict' | 'findings'>, findings: Finding[], policy: Policy, now: Date): FullReview {
  const applied = applyExceptions(entry, findings, policy.exceptions, utcDate(now));
  const all = [...applied.findings];
  for (const ex of applied.expired) {
    all.push({
      check: 'policy.exception-expired',
      severity: 'low',
      message: `the policy exception for ${ex.repo} (${ex.checks.join(', ')}) expired on ${ex.expires} and was not applied`,
      help: 'Renew it in the base branch policy with a new reason and date, or fix what it covered.'
    });
  }
  all.sort(compareFindings);
  return { entry, ...partial, findings: all, verdict: verdictOf(all) };
}

/** Reviews one entry. Never throws for Hub or repository problems: they become findings. */
export async function reviewEntry(entry: Entry, deps: ReviewDeps): Promise<FullReview> {
  const { hub, policy } = deps;
  const now = (deps.now ?? (() => new Date()))();
  let resolved: ResolvedRepo;
  try {
    resolved = await hub.resolveRepo(entry.repo, entry.revision);
  } catch (err) {
    return finish(entry, { redirects: [], files: [] }, [findingFromError(err, 'hub.resolve')], policy, now);
  }
  const base = {
    canonicalId: resolved.canonicalId,
    repoId: resolved.repoId,
    commit: resolved.sha,
    redirects: resolved.redirects.map((h) => ({ from: h.from, to: h.to, status: h.status })),
    resolved
  };
  const findings: Finding[] = [];
  let author: Author | undefined;
  const authorName = resolved.info.author ?? resolved.canonicalId.split('/')[0]!;
  try {
    author = await hub.getAuthor(authorName);
  } catch (err) {
    findings.push(findingFromError(err, 'hub.author'));
  }
  const who = author ? { author, authorId: author.id } : {};
  let tree: TreeFile[];
  try {
    tree = (await hub.listTree(resolved.canonicalId, resolved.sha)).filter((i): i is TreeFile => i.type === 'file');
  } catch (err) {
    return finish(entry, { ...base, ...who, files: [] }, [...findings, findingFromError(err, 'hub.tree')], policy, now);
  }
  const { selected, notes } = selectFiles(entry, tree, policy);
  findings.push(...notes);
  const capture = new TextCapture();
  const files = await examineFiles(entry, resolved, selected, deps, capture);
  for (const f of files) findings.push(...f.findings);
  findings.push(
    ...(await runChecks(deps.checks, {
      entry,
      resolved,
      tree,
      files,
      text: (p) => capture.text(p),
      hub,
      ...(author ? { author } : {}),
      policy,
      now
    }))
  );
  return finish(entry, { ...base, ...who, files }, findings, policy, now);
}

/** Reviews entries with bounded concurrency, in input order. */
export async function reviewEntries(entries: readonly Entry[], deps: ReviewDeps, concurrency = 2): Promise<FullReview[]> {
  const out = new Array<FullReview>(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      out[i] = await reviewEntry(entries[i]!, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, worker));
  return out;
}
