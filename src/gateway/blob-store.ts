// Where verified bytes live, named by their sha256 (content-addressed: one copy per content, whatever repos share
// it). The filesystem store is the default; s3-store.ts implements the same interface over an S3 bucket for
// several replicas. A blob is only ever added after its digest was checked against a signed manifest.
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface BlobInfo {
  size: number;
  /** Changes whenever the stored bytes may have changed (inode, size, mtime, ctime; an S3 ETag and date). */
  identity: string;
}

export interface BlobStore {
  /** Human-readable location, for logs. */
  readonly where: string;
  /** A local folder for downloads in progress (same filesystem as the store, for the filesystem store). */
  readonly scratchDir: string;
  stat(sha256: string): Promise<BlobInfo | undefined>;
  /** The blob's bytes, or the inclusive byte range of them. */
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Adds the verified file at `localPath` as `sha256` (moved or copied; the caller removes what is left). */
  putFile(sha256: string, localPath: string, size: number): Promise<void>;
  /** Removes a blob (found not to match its name). */
  remove(sha256: string): Promise<void>;
  /** A local file handle on the blob, when the store is a local folder (the fast path: reused buffers, no streams). */
  openFile?(sha256: string): Promise<FileHandle>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error(`'${sha256}' is not a sha256 (64 lowercase hex)`);
}

/** `<root>/sha256/ab/<sha256>`, and `<root>/tmp/` for downloads in progress. */
export class FsBlobStore implements BlobStore {
  readonly scratchDir: string;

  private constructor(readonly where: string) {
    this.scratchDir = join(where, 'tmp');
  }

  static async open(root: string): Promise<FsBlobStore> {
    const s = new FsBlobStore(root);
    await mkdir(join(root, 'sha256'), { recursive: true });
    // Leftovers of a killed download are never served; clear them.
    await rm(s.scratchDir, { recursive: true, force: true });
    await mkdir(s.scratchDir, { recursive: true });
    return s;
  }

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.where, 'sha256', sha256.slice(0, 2), sha256);
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    try {
      const s = await stat(this.pathOf(sha256), { bigint: true });
      if (!s.isFile()) return undefined;
      return { size: Number(s.size), identity: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.pathOf(sha256);
    return new Promise((resolve, reject) => {
      const s = createReadStream(path, { highWaterMark: 1024 * 1024, ...(range ? { start: range.start, end: range.end } : {}) });
      s.once('open', () => resolve(s));
      s.once('error', reject);
    });
  }

  async putFile(sha256: string, localPath: string): Promise<void> {
    const dest = this.pathOf(sha256);
    await mkdir(join(this.where, 'sha256', sha256.slice(0, 2)), { recursive: true });
    await rename(localPath, dest);
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  openFile(sha256: string): Promise<FileHandle> {
    return open(this.pathOf(sha256), 'r');
  }
}
