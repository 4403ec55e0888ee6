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
  /** Streams each file once into the consumers its plan names; one outcome per file, in input order. */
  readAll(files: readonly SourceFile[], plan: (file: SourceFile) => Promise<ReadPlan>, onDone?: (file: SourceFile, o: ReadOutcome) => void): Promise<ReadOutcome[]>;
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
 * What a file's outcome must keep until its report is built: its formats in an array of their own size (the
 * scanner's has grown by pushes), and details only where the repository context reads them (external data an ONNX
 * model names). Held for every file of the review, so a few hundred bytes here are megabytes at 50,000 files.
 */
function compact(o: ScanOutcome): ScanOutcome {
  const kept: ScanOutcome = { formats: [...o.formats], findings: o.findings, complete: o.complete };
  if (externalDataOf(o.details).length > 0) kept.details = o.details;
  return kept;
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
  // A file's outcome is taken as soon as its read ends and its scanner dropped: holding every scanner until the
  // last file made a 50,000-file review's memory grow with the number of files.
  const finished = new Map<string, ScanOutcome>();
  const done = (file: SourceFile, o: ReadOutcome): void => {
    const scan = scans.get(file.path);
    if (scan) {
      finished.set(file.path, compact(scan.outcome()));
      scans.delete(file.path);
    }
    opts.onProgress?.(file, o);
  };
  const outcomes = await reader.readAll(files, plan, done);
  const details = new Map<string, Record<string, unknown> | undefined>();
  const reports = files.map((file, i): FileReport => {
    const o = outcomes[i] ?? { ok: false as const, finding: findingFromError(new Error('no outcome'), 'review.read', file.path) };
    const base = { path: file.path, size: file.size, lfs: file.lfs === true };
    if (!o.ok) return { ...base, formats: [], complete: false, findings: [withFile(o.finding, file.path)] };
    const scan = scans.get(file.path);
    const kept = finished.get(file.path);
    finished.delete(file.path); // each outcome goes as its report is made, not after the last one
    const outcome: ScanOutcome = kept ?? (scan
      ? scan.outcome()
      : { formats: [], complete: false, findings: [findingFromError(new Error('no scanner ran'), 'scan', file.path)] });
    if (outcome.details) details.set(file.path, outcome.details);
    const findings = outcome.findings.map((f) => withFile(f, file.path));
    if (!outcome.complete && !findings.some((f) => isBlocking(f.severity))) {
      findings.push({ check: 'scan.incomplete', severity: 'high', file: file.path, message: `${file.path} was not fully examined`, help: 'Not fully examined, so not approved.' });
    }
    return {
      ...base,
      ...(o.sha256 !== undefined ? { sha256: o.sha256 } : {}),
      ...(o.gitOid !== undefined ? { gitOid: o.gitOid } : {}),
      formats: outcome.formats,
      findings,
      complete: outcome.complete
    };
  });
  if (opts.deferCrossFile) {
    for (const f of files) opts.deferCrossFile(f.path, details.get(f.path));
    return reports;
  }
  // Repository context: files an ONNX model of this review names as its external data are raw tensor bytes.
  return markExternalData(reports, (p) => details.get(p));
}
