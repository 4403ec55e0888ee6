// A review's bytes from files on disk (`model-gate scan PATH...`): the paths are walked (folders sorted by name,
// `.git` skipped, links and special files reported and never followed), and each file is read once, after a
// positioned read of its tail, into one reused buffer.
import { type FileHandle, lstat, open, readdir, readlink } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { finding, type Finding } from '../../core/findings.js';
import type { FileReader, ReadOutcome, SourceFile } from '../examine.js';

export interface LocalListing {
  files: SourceFile[];
  /** Paths that could not be read, links, special files, skipped folders. */
  findings: Finding[];
  /** False when some path could not be examined at all. */
  complete: boolean;
}

/** Walks `paths` (relative to `cwd`); displayed paths are relative to `cwd` when inside it. */
export async function listLocal(paths: readonly string[], cwd: string): Promise<{ listing: LocalListing; reader: FileReader }> {
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
      st = await lstat(abs);
    } catch (err) {
      complete = false;
      findings.push(finding('scan.path-error', 'high', `Cannot read ${display(abs)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: display(abs) }));
      return;
    }
    if (st.isSymbolicLink()) {
      const target = await readlink(abs).catch(() => '?');
      const inside = !relative(root, resolve(abs, '..', target)).startsWith('..');
      findings.push(finding('file.symlink', inside ? 'medium' : 'high',
        `Symbolic link to ${target}${inside ? '' : ' (outside the scanned folder)'}: not followed`, { file: display(abs),
          help: 'Model repositories store files, not links; a link can point a loader at anything on the machine.' }));
      return;
    }
    if (st.isDirectory()) {
      let entries;
      try {
        entries = await readdir(abs, { withFileTypes: true });
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
  return { listing: { files, findings, complete }, reader: localReader(where) };
}

/** Reads local files once each; a file that changes between its tail read and its stream is reported. */
export function localReader(where: (f: SourceFile) => string, chunkBytes = 1024 * 1024): FileReader {
  return {
    async tail(f, k) {
      const fh = await open(where(f), 'r');
      try {
        return await readAt(fh, Math.max(0, f.size - k), Math.min(k, f.size));
      } finally {
        await fh.close();
      }
    },
    async readAll(files, plan, onDone) {
      const out: ReadOutcome[] = [];
      for (const f of files) {
        let o: ReadOutcome;
        try {
          o = await readOne(f, where(f), await plan(f), chunkBytes);
        } catch (err) {
          o = { ok: false, finding: finding('scan.path-error', 'high', `Reading ${f.path} failed: ${err instanceof Error ? err.message : String(err)}`, { file: f.path }) };
        }
        onDone?.(f, o);
        out.push(o);
      }
      return out;
    }
  };
}

async function readOne(f: SourceFile, abs: string, plan: Awaited<ReturnType<Parameters<FileReader['readAll']>[1]>>, chunkBytes: number): Promise<ReadOutcome> {
  const fh = await open(abs, 'r');
  try {
    // One read buffer for the whole file when every consumer borrows chunks (scanners copy what they keep).
    const borrow = plan.consumers.every((c) => c.borrowsChunks === true);
    const size = Math.max(1, Math.min(chunkBytes, f.size));
    let buf = new Uint8Array(size);
    const tail = plan.expectTail;
    const last = tail ? new Uint8Array(tail.length) : undefined;
    let pos = 0;
    while (pos < f.size) {
      if (!borrow) buf = new Uint8Array(size);
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, f.size - pos), pos);
      if (bytesRead === 0) break; // truncated while reading: the scanner reports the size mismatch
      const chunk = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      if (last) keepLast(last, chunk, pos, f.size);
      for (const c of plan.consumers) await c.write(chunk);
      pos += bytesRead;
    }
    for (const c of plan.consumers) await c.end?.();
    if (tail && last && pos === f.size && !Buffer.from(last).equals(Buffer.from(tail))) {
      return { ok: false, finding: finding('scan.file-changed', 'high', `${f.path} changed while it was being read: its end differs from the tail read first`, {
        file: f.path, help: 'Scan files that are not being written to.' }) };
    }
    return { ok: true };
  } finally {
    await fh.close();
  }
}

/** Copies the bytes of `chunk` (at file offset `pos`) that fall in the file's last `last.length` bytes. */
function keepLast(last: Uint8Array, chunk: Uint8Array, pos: number, size: number): void {
  const start = size - last.length;
  const from = Math.max(0, start - pos);
  if (from >= chunk.length) return;
  last.set(chunk.subarray(from), pos + from - start);
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Uint8Array> {
  const buf = new Uint8Array(len);
  let got = 0;
  while (got < len) {
    const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === len ? buf : buf.subarray(0, got);
}
