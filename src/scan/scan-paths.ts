// `model-gate scan` over local files and folders: each file is read once (after a positioned read of its tail,
// which zips need first) and streamed through the file scanner. Repository-level checks plug in as RepoChecks.
import { type FileHandle, open, lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { type Finding, type Verdict, compareFindings, verdictOf, finding } from '../core/findings.js';
import { createFileScanner, type TextAnalyzer } from './file-scanner.js';
import { type ScanLimits } from './kit.js';
import { zipTailNeeded } from './zip/index.js';

export interface ScannedFile {
  /** Path as the user named it (relative to the working directory when inside it). */
  path: string;
  size: number;
  formats: string[];
  findings: Finding[];
  complete: boolean;
  details?: Record<string, unknown>;
}

/**
 * A repository-level check (namespace, layout, README instructions… in a later issue): sees every file's result
 * and returns findings about the whole set.
 */
export interface RepoCheck {
  id: string;
  run(files: readonly ScannedFile[]): Promise<Finding[]> | Finding[];
}

export interface ScanPathsOptions {
  cwd: string;
  allow?: string[];
  limits?: Partial<ScanLimits>;
  repoChecks?: readonly RepoCheck[];
  textAnalyzers?: readonly TextAnalyzer[];
  /** First tail read per file; grown to the zip central directory when needed. */
  tailBytes?: number;
  /** Read size for streaming. */
  chunkBytes?: number;
}

export interface ScanReport {
  verdict: Verdict;
  /** False when any file (or path) could not be fully examined. */
  complete: boolean;
  files: ScannedFile[];
  /** Findings about paths and the repository as a whole (not about one file's bytes). */
  findings: Finding[];
  skipped: string[];
}

const MAX_TAIL = 512 * 1024 * 1024;

export async function scanPaths(paths: readonly string[], opts: ScanPathsOptions): Promise<ScanReport> {
  const files: ScannedFile[] = [];
  const findings: Finding[] = [];
  const skipped: string[] = [];
  let complete = true;
  const display = (abs: string): string => {
    const rel = relative(opts.cwd, abs);
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
      const entries = await readdir(abs, { withFileTypes: true });
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
    try {
      const result = await scanFile(abs, display(abs), st.size, opts);
      if (!result.complete) complete = false;
      files.push(result);
    } catch (err) {
      complete = false;
      findings.push(finding('scan.path-error', 'high', `Reading ${display(abs)} failed: ${err instanceof Error ? err.message : String(err)}`, { file: display(abs) }));
    }
  };
  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    await visit(abs, abs);
  }
  for (const check of opts.repoChecks ?? []) findings.push(...(await check.run(files)));
  const all = [...findings, ...files.flatMap((f) => f.findings)];
  const verdict: Verdict = complete ? verdictOf(all) : 'rejected';
  findings.sort(compareFindings);
  return { verdict, complete, files, findings, skipped };
}

/** Reads the tail, then streams the file once through createFileScanner. */
export async function scanFile(abs: string, path: string, size: number, opts: Omit<ScanPathsOptions, 'cwd'>): Promise<ScannedFile> {
  const fh = await open(abs, 'r');
  try {
    let tailLen = Math.min(size, opts.tailBytes ?? 64 * 1024 + 22);
    let tail = await readAt(fh, size - tailLen, tailLen);
    const more = zipTailNeeded(tail, size);
    if (more !== undefined && more <= MAX_TAIL) {
      tailLen = more;
      tail = await readAt(fh, size - tailLen, tailLen);
    }
    const scanner = createFileScanner({ path, size, tail }, {
      ...(opts.allow ? { allow: opts.allow } : {}), ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.textAnalyzers ? { textAnalyzers: opts.textAnalyzers } : {})
    });
    // One read buffer for the whole file: scanners copy what they keep (StreamScanner's chunk ownership).
    const buf = new Uint8Array(Math.max(1, Math.min(opts.chunkBytes ?? 1024 * 1024, size)));
    let pos = 0;
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break; // truncated while reading: the scanner reports the size mismatch
      scanner.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    const o = scanner.end();
    const out: ScannedFile = { path, size, formats: o.formats, findings: o.findings.sort(compareFindings), complete: o.complete };
    if (o.details) out.details = o.details;
    return out;
  } finally {
    await fh.close();
  }
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
