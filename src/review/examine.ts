// Examining a review's files: each file streams exactly once, from wherever its bytes come from (the verified Hub
// download or a local file), through its scanner and the review's text capture. A scanner crash, a read failure or
// anything not fully examined becomes a blocking finding on that file; nothing here throws for bad input.
import type { Finding } from '../core/findings.js';
import { isBlocking } from '../core/findings.js';
import type { FileReport } from '../core/review.js';
import type { ByteConsumer } from '../hub/download.js';
import type { TextAnalyzer } from '../scan/file-scanner.js';
import type { Ahead, FileContext, ScanOutcome, StreamScanner } from '../scan/types.js';
import { aheadOf, SKIP_ALL } from '../scan/ahead.js';
import { externalDataOf, markExternalData } from '../scan/formats/external-data.js';
import { zipTailNeeded } from '../scan/zip/index.js';
import type { TextCapture } from './capture.js';
import { findingFromError } from './findings-from-errors.js';

/** One file to examine, as its source lists it. */
export interface SourceFile {
  /** Repository-relative path (Hub), or the path as the user names it (local). */
  path: string;
  size: number;
  /** Stored in LFS (Hub only). */
  lfs?: boolean;
}

/** What to do with one file's bytes. */
export interface ReadPlan {
  consumers: ByteConsumer[];
  /** The file's last bytes, read first: the stream's own last bytes must equal them. */
  expectTail?: Uint8Array;
}

export type ReadOutcome = { ok: true; sha256?: string; gitOid?: string } | { ok: false; finding: Finding };

/** Where a review's bytes come from. Implementations: sources/hub.ts (verified download), sources/local.ts. */
export interface FileReader {
  /** The file's last `k` bytes (a zip's central directory is needed before its members stream). */
  tail(file: SourceFile, k: number): Promise<Uint8Array>;
  /**
   * Streams each file once into the consumers its plan names, and hands over each file's outcome (with the file's
   * index in `files`) as its read ends. Outcomes are not kept: a review of 50,000 files keeps what it makes of them.
   */
  readAll(files: readonly SourceFile[], plan: (file: SourceFile) => Promise<ReadPlan>, onDone: (file: SourceFile, o: ReadOutcome, index: number) => void): Promise<void>;
}

export type ScanFile = (ctx: FileContext, opts: { allow: string[]; textAnalyzers?: readonly TextAnalyzer[] }) => StreamScanner;

export interface ExamineOptions {
  scanFile: ScanFile;
  /** Extra pickle globals the policy allows. */
  allow: string[];
  capture: TextCapture;
  /** Bytes read from each file's end before streaming it; a zip whose directory needs more gets one larger read. */
  tailBytes?: number;
  onProgress?: (file: SourceFile, o: ReadOutcome) => void;
  /**
   * A sharded review examines part of a repository: the cross-file step (ONNX external data) is left to whoever
   * holds every file's report, and each file's scan details are handed over for it instead.
   */
  deferCrossFile?: (path: string, details: Record<string, unknown> | undefined) => void;
}

const MIN_ZIP = 22;
/** Largest zip central directory read ahead of the stream; beyond it the zip scanner fails closed. */
const MAX_TAIL = 64 * 1024 * 1024;

function withFile(f: Finding, path: string): Finding {
  return f.file ? f : { ...f, file: path };
}

/** The read's digests, when it has them (the Hub's verified download). */
function digests(o: ReadOutcome & { ok: true }): { sha256?: string; gitOid?: string } {
  return { ...(o.sha256 !== undefined ? { sha256: o.sha256 } : {}), ...(o.gitOid !== undefined ? { gitOid: o.gitOid } : {}) };
}

/** Feeds a scanner and never lets its exception escape into the read: a crash is a blocking finding. */
class GuardedScan implements ByteConsumer {
  /** Scanners copy what they keep (StreamScanner's chunk ownership), so the reader may reuse its read buffer. */
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
  /** Which bytes ahead the scanner would only count (scan/ahead.ts): a local read may pass them by unread. */
  ahead(): Ahead {
    if (this.failure !== undefined) return SKIP_ALL;
    try {
      return aheadOf(this.scanner);
    } catch (err) {
      this.failure = err ?? new Error('scanner failed');
      return SKIP_ALL;
    }
  }
  skip(n: number): void {
    if (this.failure !== undefined) return;
    try {
      this.scanner.skip?.(n);
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

/**
 * A file no larger than the tail read ahead of a stream is its own tail. Rather than reading it twice (the tail,
 * then the stream), its one read is kept (at most tailBytes) and scanned when the read ends, with the whole file as
 * its tail: what the scanner saw before, from half the requests (a review of many small files made two per file).
 * The outcome counts only when the read itself succeeded (verified, for the Hub), as for a streamed file.
 */
class WholeFileScan implements ByteConsumer {
  readonly borrowsChunks = true;
  private readonly bytes: Uint8Array;
  private got = 0;
  private over = false;
  constructor(
    private readonly file: SourceFile,
    private readonly start: (ctx: FileContext) => StreamScanner
  ) {
    this.bytes = new Uint8Array(file.size);
  }
  write(chunk: Uint8Array): void {
    if (this.got + chunk.length > this.bytes.length) {
      this.over = true;
      return;
    }
    this.bytes.set(chunk, this.got);
    this.got += chunk.length;
  }
  outcome(): ScanOutcome {
    const path = this.file.path;
    if (this.over) return { formats: [], complete: false, findings: [findingFromError(new Error(`more than the ${this.file.size} bytes listed arrived`), 'scan', path)] };
    const bytes = this.bytes.subarray(0, this.got);
    let scan: GuardedScan;
    try {
      scan = new GuardedScan(this.start({ path, size: this.file.size, tail: bytes }), path);
    } catch (err) {
      return { formats: [], complete: false, findings: [findingFromError(err ?? new Error('scanner failed'), 'scan', path)] };
    }
    scan.write(bytes);
    return scan.outcome();
  }
}

/**
 * The report of a file whose read succeeded, its fields in the order reports always had. Written out whole where
 * the read has both digests (every Hub file): an object spread from a smaller one keeps the extra fields in a
 * separate property array, 32 bytes more a file (50,000 in one review).
 */
function verified(file: SourceFile, o: ReadOutcome & { ok: true }, formats: string[], findings: Finding[], complete: boolean): FileReport {
  const lfs = file.lfs === true;
  if (o.sha256 !== undefined && o.gitOid !== undefined) return { path: file.path, size: file.size, lfs, sha256: o.sha256, gitOid: o.gitOid, formats, findings, complete };
  return { path: file.path, size: file.size, lfs, ...digests(o), formats, findings, complete };
}

/** One shared empty list for the many files without findings (a review may have 50,000); frozen, so never grown. */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** One shared, frozen formats list per distinct list: a review of many files has a handful of different ones. */
function sharedFormats(pool: Map<string, string[]>, formats: readonly string[]): string[] {
  const key = formats.join('\n');
  let shared = pool.get(key);
  if (!shared) {
    shared = Object.freeze([...formats]) as unknown as string[];
    pool.set(key, shared);
  }
  return shared;
}

export async function examineFiles(files: readonly SourceFile[], reader: FileReader, opts: ExamineOptions): Promise<FileReport[]> {
  const scans = new Map<string, GuardedScan | WholeFileScan>();
  const tailBytes = opts.tailBytes ?? 64 * 1024;
  const start = (ctx: FileContext): StreamScanner => opts.scanFile(ctx, { allow: opts.allow, textAnalyzers: [opts.capture.analyzer] });
  const plan = async (file: SourceFile): Promise<ReadPlan> => {
    if (file.size >= MIN_ZIP && file.size <= tailBytes) {
      const whole = new WholeFileScan(file, start);
      scans.set(file.path, whole);
      return { consumers: [whole] };
    }
    let tail = file.size >= MIN_ZIP ? await reader.tail(file, Math.min(file.size, tailBytes)) : undefined;
    // A zip whose central directory is larger than the first tail: read exactly what it needs, once.
    const need = tail ? zipTailNeeded(tail, file.size) : undefined;
    if (need !== undefined && need > (tail?.byteLength ?? 0) && need <= MAX_TAIL) tail = await reader.tail(file, Math.min(file.size, need));
    const ctx: FileContext = { path: file.path, size: file.size, ...(tail ? { tail } : {}) };
    const scan = new GuardedScan(start(ctx), file.path);
    scans.set(file.path, scan);
    return { consumers: [scan], ...(tail ? { expectTail: tail } : {}) };
  };
  // Each file's report is made as soon as its read ends and its scanner is dropped: nothing else is held per file
  // until the last one (neither the read's outcome nor the scan's), so a 50,000-file review holds its reports only.
  const reports = new Array<FileReport | undefined>(files.length);
  // Scan details only where the repository context reads them (external data an ONNX model names).
  const details = new Map<string, Record<string, unknown>>();
  const formatsPool = new Map<string, string[]>();
  const report = (file: SourceFile, o: ReadOutcome): FileReport => {
    const base = { path: file.path, size: file.size, lfs: file.lfs === true };
    const scan = scans.get(file.path);
    scans.delete(file.path);
    if (!o.ok) return { ...base, formats: [], complete: false, findings: [withFile(o.finding, file.path)] };
    let outcome: ScanOutcome;
    if (scan) outcome = scan.outcome();
    else outcome = { formats: [], complete: false, findings: [findingFromError(new Error('no scanner ran'), 'scan', file.path)] };
    if (externalDataOf(outcome.details).length > 0) details.set(file.path, outcome.details as Record<string, unknown>);
    const findings = outcome.findings.length === 0 ? NO_FINDINGS : outcome.findings.map((f) => withFile(f, file.path));
    if (!outcome.complete && !findings.some((f) => isBlocking(f.severity))) {
      const incomplete: Finding = { check: 'scan.incomplete', severity: 'high', file: file.path, message: `${file.path} was not fully examined`, help: 'Not fully examined, so not approved.' };
      return verified(file, o, sharedFormats(formatsPool, outcome.formats), [...findings, incomplete], false);
    }
    return verified(file, o, sharedFormats(formatsPool, outcome.formats), findings, outcome.complete);
  };
  await reader.readAll(files, plan, (file, o, i) => {
    reports[i] = report(file, o);
    opts.onProgress?.(file, o);
  });
  // A reader that ended without an outcome for a file has not examined it.
  const all = files.map((file, i): FileReport => reports[i] ?? report(file, { ok: false, finding: findingFromError(new Error('no outcome'), 'review.read', file.path) }));
  reports.length = 0;
  if (opts.deferCrossFile) {
    for (const f of files) opts.deferCrossFile(f.path, details.get(f.path));
    return all;
  }
  // Repository context: files an ONNX model of this review names as its external data are raw tensor bytes.
  return details.size === 0 ? all : markExternalData(all, (p) => details.get(p));
}
