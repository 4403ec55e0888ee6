// Lists a model directory (after ignore paths) and hashes its files: each file read once, in large chunks into a
// reused buffer, a few files at a time. Memory stays at concurrency × chunk size whatever the model's size.
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isIgnored, type FileDigest } from './manifest.js';

export interface DirListing {
  /** Regular files, POSIX relative paths, not ignored. */
  files: { path: string; size: number }[];
  /** Symbolic links (never followed: model_signing's allow_symlinks=false). */
  symlinks: string[];
  /** Sockets, FIFOs, devices: nothing a model is made of. */
  special: string[];
}

/** Walks `dir` without following links; ignored paths are not descended into. */
export async function listModelDir(dir: string, ignorePaths: readonly string[]): Promise<DirListing> {
  const top = await stat(dir);
  if (!top.isDirectory()) throw new Error(`${dir} is not a directory`);
  const out: DirListing = { files: [], symlinks: [], special: [] };
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(dir, rel) : dir, { withFileTypes: true });
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (isIgnored(path, ignorePaths)) continue;
      if (e.isSymbolicLink()) out.symlinks.push(path);
      else if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.files.push({ path, size: (await stat(join(dir, path))).size });
      else out.special.push(path);
    }
  };
  await walk('');
  return out;
}

export interface HashOptions {
  /** Files hashed at once (default: min(4, cores)). */
  concurrency?: number;
  /** Read size per call (default 8 MiB). */
  chunkSize?: number;
}

async function hashOne(absPath: string, buf: Buffer): Promise<{ sha256: string; size: number }> {
  const fh = await open(absPath, 'r');
  try {
    const h = createHash('sha256');
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      // update() consumes the bytes synchronously, so the buffer can be refilled right after.
      h.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: h.digest('hex'), size };
  } finally {
    await fh.close();
  }
}

/** sha256 of each listed file under `dir`, in the given order. */
export async function hashFiles(dir: string, paths: readonly string[], opts: HashOptions = {}): Promise<FileDigest[]> {
  const workers = Math.max(1, Math.min(opts.concurrency ?? Math.min(4, availableParallelism()), paths.length));
  const chunk = opts.chunkSize ?? 8 * 1024 * 1024;
  const out: FileDigest[] = new Array<FileDigest>(paths.length);
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const buf = Buffer.allocUnsafe(chunk);
      while (!failed && next < paths.length) {
        const i = next++;
        const path = paths[i]!;
        try {
          const { sha256, size } = await hashOne(join(dir, path), buf);
          out[i] = { path, size, sha256 };
        } catch (e) {
          failed = true; // the other workers stop after their current file
          throw new Error(`cannot read ${path}: ${(e as Error).message}`, { cause: e });
        }
      }
    })
  );
  return out;
}

/** Lists and hashes a model folder for signing; throws on symlinks and special files (they cannot be signed). */
export async function digestDirectory(dir: string, ignorePaths: readonly string[], opts: HashOptions = {}): Promise<FileDigest[]> {
  const listing = await listModelDir(dir, ignorePaths);
  const odd = [...listing.symlinks, ...listing.special];
  if (odd.length > 0) throw new Error(`${odd[0]} is a symbolic link or special file; a signed model holds regular files only`);
  return hashFiles(dir, listing.files.map((f) => f.path), opts);
}
