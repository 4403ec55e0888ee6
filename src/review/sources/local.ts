// A review's bytes from files on disk (`model-gate scan PATH...`): the paths are walked (folders sorted by name,
// `.git` skipped, links and special files reported and never followed), and each file is read once, after a
// positioned read of its tail, into one reused buffer, passing by (seeking over) the bytes every scanner says it
// would only count (scan/ahead.ts): a torch checkpoint is read like torch's loader reads it, not byte by byte.
// Synchronous calls throughout: a local scan is one job with nothing else waiting on the event loop, and
// node:fs/promises costs several of Node's internal modules at every start of the CLI (bench/scan-local.ts).
import { join, relative, resolve, sep } from 'node:path';
import { finding, type Finding } from '../../core/findings.js';
import type { ByteConsumer } from '../../hub/download.js';
import { combineAhead } from '../../scan/ahead.js';
import type { Ahead } from '../../scan/types.js';
import type { FileReader, ReadOutcome, ReadPlan, SourceFile } from '../examine.js';

// node:fs through getBuiltinModule, not an ESM import: the import's namespace runs fs's `promises` getter, which
// loads fs/promises and Node's streams at every start (about 4% of a local scan's instructions, callgrind).
const { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } = process.getBuiltinModule('node:fs');

export interface LocalListing {
  files: SourceFile[];
  /** Paths that could not be read, links, special files, skipped folders. */
  findings: Finding[];
  /** False when some path could not be examined at all. */
  complete: boolean;
}

/** Walks `paths` (relative to `cwd`); displayed paths are relative to `cwd` when inside it. */
export async function listLocal(paths: readonly string[], cwd: string, read: LocalReadOptions = {}): Promise<{ listing: LocalListing; reader: FileReader }> {
  const files: SourceFile[] = [];
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const absOf = new Map<string, string>();
  let complete = true;
  const display = (abs: string): string => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : abs;
  };
  const visit = async (abs: string, root: string): Promise<void> => {
    let st;
    try {
      st = lstatSync(abs);
    } catch (err) {
      complete = false;
      findings.push(finding('scan.path-error', 'high', `Cannot read ${display(abs)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: display(abs) }));
      return;
    }
    if (st.isSymbolicLink()) {
      let target = '?';
      try {
        target = readlinkSync(abs);
      } catch {
        // unreadable link: reported with '?'
      }
      const inside = !relative(root, resolve(abs, '..', target)).startsWith('..');
      findings.push(finding('file.symlink', inside ? 'medium' : 'high',
        `Symbolic link to ${target}${inside ? '' : ' (outside the scanned folder)'}: not followed`, { file: display(abs),
          help: 'Model repositories store files, not links; a link can point a loader at anything on the machine.' }));
      return;
    }
    if (st.isDirectory()) {
      let entries;
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch (err) {
        complete = false;
        findings.push(finding('scan.path-error', 'high', `Cannot list ${display(abs)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: display(abs) }));
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (e.isDirectory() && e.name === '.git') {
          skipped.push(display(join(abs, e.name)));
          continue;
        }
        await visit(join(abs, e.name), root);
      }
      return;
    }
    if (!st.isFile()) {
      findings.push(finding('file.special', 'medium', 'Not a regular file (device, socket or FIFO): not read', { file: display(abs) }));
      return;
    }
    const path = display(abs);
    absOf.set(path, abs);
    files.push({ path, size: st.size });
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    await visit(abs, abs);
  }
  if (skipped.length > 0) {
    findings.push(finding('scan.skipped', 'info', `${skipped.length} version-control folder(s) skipped: no loader reads them`, { evidence: skipped.join(', ') }));
  }
  const where = (f: SourceFile): string => absOf.get(f.path) ?? resolve(cwd, f.path);
  return { listing: { files, findings, complete }, reader: localReader(where, read) };
}

export interface LocalReadOptions {
  /** Largest single read (default 1 MiB). */
  chunkBytes?: number;
  /**
   * Pass by, unread, the bytes every consumer says it would only count (scan/ahead.ts: torch storages past their
   * sniffed head, safetensors tensor data). Default true; false streams every byte (the oracle in tests).
   */
  seek?: boolean;
  /** Bytes read and bytes passed by, summed over files (benchmarks, tests). */
  stats?: { read: number; skipped: number };
}

/**
 * Smallest read while seeking: a local header or a few bytes at a candidate offset cost one syscall, not several.
 * It doubles with each read that is not followed by a pass-by (a zip of many small deflated members reads in large
 * chunks again) and drops back after one.
 */
const MIN_SEEK_READ = 72 * 1024;

/** Reads local files once each; a file that changes between its tail read and its stream is reported. */
export function localReader(where: (f: SourceFile) => string, options: LocalReadOptions = {}): FileReader {
  return {
    async tail(f, k) {
      const fd = openRegular(where(f));
      try {
        return readAt(fd, Math.max(0, f.size - k), Math.min(k, f.size));
      } finally {
        closeSync(fd);
      }
    },
    async readAll(files, plan, onDone) {
      for (const [i, f] of files.entries()) {
        let o: ReadOutcome;
        try {
          o = await readOne(f, where(f), await plan(f), options);
        } catch (err) {
          o = { ok: false, finding: finding('scan.path-error', 'high', `Reading ${f.path} failed: ${err instanceof Error ? err.message : String(err)}`, { file: f.path }) };
        }
        onDone(f, o, i);
      }
    }
  };
}

interface SeekingConsumer extends ByteConsumer {
  ahead(): Ahead;
  skip(n: number): void;
}

const canSeek = (c: ByteConsumer): c is SeekingConsumer =>
  typeof (c as Partial<SeekingConsumer>).ahead === 'function' && typeof (c as Partial<SeekingConsumer>).skip === 'function';

async function readOne(f: SourceFile, abs: string, plan: ReadPlan, options: LocalReadOptions): Promise<ReadOutcome> {
  const fd = openRegular(abs);
  try {
    // One read buffer for the whole file when every consumer borrows chunks (scanners copy what they keep).
    const borrow = plan.consumers.every((c) => c.borrowsChunks === true);
    const size = Math.max(1, Math.min(options.chunkBytes ?? 1024 * 1024, f.size));
    let buf = new Uint8Array(size);
    const tail = plan.expectTail;
    const last = tail ? new Uint8Array(tail.length) : undefined;
    // Seeking only when every consumer can say what it skips (a digest needs every byte), and never into the tail:
    // its bytes are compared with the tail read first, and a file cut short anywhere fails that last read.
    const seekers = options.seek !== false && tail && tail.length > 0 && plan.consumers.every(canSeek) ? plan.consumers : undefined;
    const seekTo = f.size - (tail?.length ?? 0);
    let pos = 0;
    let minRead = MIN_SEEK_READ;
    while (pos < f.size) {
      let want = Math.min(buf.length, f.size - pos);
      if (seekers && pos < seekTo) {
        const a = combineAhead(seekers.map((c) => c.ahead()));
        const n = Math.min(a.skip, seekTo - pos);
        if (n > 0) {
          for (const c of seekers) c.skip(n);
          pos += n;
          if (options.stats) options.stats.skipped += n;
          minRead = MIN_SEEK_READ;
          continue;
        }
        if (a.see < Infinity) want = Math.min(want, Math.max(a.see, minRead));
        minRead = Math.min(size, minRead * 2);
      }
      if (!borrow) buf = new Uint8Array(size);
      // Synchronous positioned reads: one file at a time, nothing else waits on the loop, and a thread-pool round
      // trip per read cost more than the read itself once most of a checkpoint is passed by.
      const bytesRead = readSync(fd, buf, 0, want, pos);
      if (bytesRead === 0) break; // truncated while reading: the scanner reports the size mismatch
      const chunk = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      if (last) keepLast(last, chunk, pos, f.size);
      for (const c of plan.consumers) {
        const w = c.write(chunk);
        if (w) await w;
      }
      pos += bytesRead;
      if (options.stats) options.stats.read += bytesRead;
    }
    for (const c of plan.consumers) await c.end?.();
    const changed = (why: string): ReadOutcome => ({ ok: false, finding: finding('scan.file-changed', 'high', `${f.path} changed while it was being read: ${why}`, {
      file: f.path, help: 'Scan files that are not being written to.' }) });
    if (tail && last && pos === f.size && !Buffer.from(last).equals(Buffer.from(tail))) return changed('its end differs from the tail read first');
    // A file that grew (or was replaced) after it was listed: the bytes read are not the whole file.
    const now = fstatSync(fd).size;
    if (pos === f.size && now !== f.size) return changed(`it was listed with ${f.size} bytes and has ${now} now`);
    return { ok: true };
  } finally {
    closeSync(fd);
  }
}

/** Copies the bytes of `chunk` (at file offset `pos`) that fall in the file's last `last.length` bytes. */
function keepLast(last: Uint8Array, chunk: Uint8Array, pos: number, size: number): void {
  const start = size - last.length;
  const from = Math.max(0, start - pos);
  if (from >= chunk.length) return;
  last.set(chunk.subarray(from), pos + from - start);
}

/**
 * Opens a file listed as regular for reading. Non-blocking, so a FIFO put in its place after the listing cannot
 * hang the scan (opening one for reading waits for a writer), and refused unless it is still a regular file.
 */
function openRegular(abs: string): number {
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Error('it is no longer a regular file');
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

function readAt(fd: number, pos: number, len: number): Uint8Array {
  const buf = new Uint8Array(len);
  let got = 0;
  while (got < len) {
    const bytesRead = readSync(fd, buf, got, len - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === len ? buf : buf.subarray(0, got);
}
