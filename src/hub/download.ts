// The verified streaming download of one tree file at a pinned commit (hub-api.md "A safe download, step by
// step"). Each byte is read once, hashed (sha256, plus git-sha1 for regular files), optionally copied, and handed
// to every consumer in order exactly once; broken or stalled connections resume with Range. Nothing touches the
// disk unless the caller asks for a copy. Each file has a wall-clock deadline from its size (a floor plus its
// bytes at a minimum rate) covering every request, resume and wait for it: a server dripping bytes ends there.
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HubError } from './errors.js';
import { type Deadline, type HubHttp, type Opened, deadlineError, isRedirect } from './http.js';
import { gitBlobHeader, lfsPointerOid } from './oid.js';
import type { TreeFile } from './types.js';

/** Receives a file's bytes in order, exactly once. Chunks must not be mutated; a returned promise is awaited. */
export interface ByteConsumer {
  write(chunk: Uint8Array): void | Promise<void>;
  /**
   * True when the consumer is done with each chunk once write() (or its promise) settles and keeps no reference
   * to it. When every consumer says so, the download reads into one reused buffer (faster, no fresh memory per
   * read); otherwise each chunk is fresh memory the consumer may keep.
   */
  borrowsChunks?: boolean;
  /** Called once after the last byte was delivered (before the digests are compared). */
  end?(): void | Promise<void>;
}

export interface DownloadRequest {
  /** Canonical repository id (from resolveRepo). */
  repo: string;
  /** The pinned 40-hex commit. */
  sha: string;
  item: TreeFile;
  consumers?: ByteConsumer[];
  /** Write a copy here, only after every check passed (a `.partial` file is used meanwhile and removed on error). */
  copyTo?: string;
  /** The file's last bytes fetched earlier (fetchTail): the stream's own last bytes must equal them. */
  expectTail?: Uint8Array;
}

export interface DownloadResult {
  path: string;
  size: number;
  /** sha256 of the content. */
  sha256: string;
  /** Git blob oid: of the content, or of the LFS pointer rebuilt from the verified sha256 and size. */
  gitOid: string;
  lfs: boolean;
  /** Retried requests plus resumed bodies. */
  retries: number;
  /** How many times the body was resumed with Range. */
  resumes: number;
  /** Origin the bytes came from (the Hub, or the CDN an LFS redirect pointed to). */
  source: string;
}

export interface DownloaderOptions {
  /**
   * Origins an LFS 302 may point to. Default: for the public Hub (https://huggingface.co), any https host under
   * hf.co or huggingface.co (its CDNs: cdn-lfs*.hf.co, cas-bridge.xethub.hf.co); for any other Hub, none — a
   * mirror or the local registry must list its CDN origin (the registry's cdnUrl) explicitly.
   */
  allowedCdnOrigins?: string[];
  /** Default 5. */
  maxResumes?: number;
  /** Every file's deadline starts with this much time. Default 120 s. */
  fileDeadlineFloorMs?: number;
  /** ...plus its size at this rate (bytes per second): slower is treated as a fault. Default 1 MiB/s. */
  minBytesPerSecond?: number;
}

const PUBLIC_HUB = 'https://huggingface.co';

/** Whether `origin` may serve LFS bytes for a Hub at `hubOrigin` (see DownloaderOptions.allowedCdnOrigins). */
export function cdnAllowed(hubOrigin: string, origin: string, allowed: string[] | undefined): boolean {
  if (allowed) return allowed.some((a) => new URL(a).origin === origin);
  if (hubOrigin !== PUBLIC_HUB) return false;
  const url = new URL(origin);
  return url.protocol === 'https:' && (url.hostname.endsWith('.hf.co') || url.hostname.endsWith('.huggingface.co'));
}

function unquoteEtag(v: string | null): string | undefined {
  if (v === null) return undefined;
  return v.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

interface Source {
  opened: Opened;
  /** Origin of the bytes. */
  origin: string;
  retries: number;
}

interface Range {
  start: number;
  end: number;
}

export class Downloader {
  private readonly allowed: string[] | undefined;
  private readonly maxResumes: number;
  private readonly floorMs: number;
  private readonly minRate: number;

  constructor(
    private readonly http: HubHttp,
    opts: DownloaderOptions = {}
  ) {
    this.allowed = opts.allowedCdnOrigins?.map((o) => new URL(o).origin);
    this.maxResumes = opts.maxResumes ?? 5;
    this.floorMs = opts.fileDeadlineFloorMs ?? 120_000;
    this.minRate = opts.minBytesPerSecond ?? 1024 * 1024;
  }

  /** The wall-clock deadline for reading `bytes` bytes, starting now (never later than the run's deadline). */
  deadlineFor(bytes: number): Deadline {
    const ms = Math.ceil(this.floorMs + (bytes * 1000) / this.minRate);
    const s = (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
    const own = { at: Date.now() + ms, why: `the file's ${s} s deadline (${this.floorMs / 1000} s plus ${bytes} bytes at ${this.minRate} bytes/s)` };
    return this.http.bound(own) ?? own;
  }

  /** Sleeps before a resume, unless that would pass the deadline. */
  private async pause(ms: number, deadline: Deadline, what: string): Promise<void> {
    if (Date.now() + ms >= deadline.at) throw deadlineError(what, deadline, '');
    await this.http.sleep(ms);
  }

  async download(req: DownloadRequest): Promise<DownloadResult> {
    const { item } = req;
    const size = item.size;
    const what = `${req.repo}@${req.sha.slice(0, 12)}:${item.path}`;
    const deadline = this.deadlineFor(size);
    const fail = (code: HubError['code'], message: string, expected?: string | number, actual?: string | number): HubError =>
      new HubError(code, `${what}: ${message}`, {
        path: item.path,
        ...(expected !== undefined ? { expected } : {}),
        ...(actual !== undefined ? { actual } : {})
      });
    const sha256 = createHash('sha256');
    const sha1: Hash | undefined = item.lfs ? undefined : createHash('sha1').update(gitBlobHeader(size));
    const consumers = req.consumers ?? [];
    const tail = req.expectTail;
    const tailStart = tail ? size - tail.byteLength : size;
    if (tail && tailStart < 0) throw fail('tail-mismatch', `expected tail of ${tail.byteLength} bytes is longer than the file`);
    const copy = req.copyTo ? await Copy.open(req.copyTo, what) : undefined;
    // Everything else that touches a chunk (hashes, tail check, the copy's awaited write) is done with it at once.
    const reuse = consumers.every((c) => c.borrowsChunks === true);
    let delivered = 0;
    let retries = 0;
    let resumes = 0;
    let origin: string;
    try {
      for (;;) {
        const range = delivered > 0 ? { start: delivered, end: size - 1 } : undefined;
        const src = await this.openSource(req.repo, req.sha, item, range, what, reuse, deadline);
        retries += src.retries;
        origin = src.origin;
        let broke: HubError | undefined;
        try {
          for (;;) {
            const chunk = await src.opened.body.read();
            if (chunk === null) break;
            const n = chunk.byteLength;
            if (delivered + n > size) {
              await src.opened.body.cancel();
              throw fail('size-mismatch', `the server sent more than the ${size} bytes the tree lists`, size, `> ${size}`);
            }
            sha256.update(chunk);
            sha1?.update(chunk);
            if (tail && delivered + n > tailStart) {
              const from = Math.max(0, tailStart - delivered);
              const a = chunk.subarray(from);
              const b = tail.subarray(delivered + from - tailStart, delivered + n - tailStart);
              if (Buffer.compare(a, b) !== 0) {
                await src.opened.body.cancel();
                throw fail('tail-mismatch', 'the streamed last bytes differ from the tail fetched earlier; the server answers inconsistently');
              }
            }
            if (copy) await copy.write(chunk);
            for (const c of consumers) {
              try {
                const r = c.write(chunk);
                if (r) await r;
              } catch (err) {
                await src.opened.body.cancel();
                throw new HubError('consumer-failed', `${what}: a consumer failed at byte ${delivered}: ${(err as Error).message}`, {
                  path: item.path,
                  cause: err
                });
              }
            }
            delivered += n;
          }
        } catch (err) {
          if (err instanceof HubError && (err.code === 'network' || err.code === 'timeout')) broke = err;
          else throw err;
        }
        // All bytes arrived (a connection that breaks after the last byte loses nothing).
        if (delivered === size) break;
        broke ??= fail('truncated', `the body ended after ${delivered} of ${size} bytes`, size, delivered);
        if (resumes >= this.maxResumes || !this.http.spendRetry()) {
          throw fail(
            broke.code === 'timeout' ? 'timeout' : 'truncated',
            `stopped after ${delivered} of ${size} bytes (${broke.message}); gave up after ${resumes} resumes. Retry later.`,
            size,
            delivered
          );
        }
        await this.pause(this.http.backoffMs(resumes), deadline, what);
        resumes++;
        retries++;
      }
      for (const c of consumers) {
        try {
          await c.end?.();
        } catch (err) {
          throw new HubError('consumer-failed', `${what}: a consumer failed at the end: ${(err as Error).message}`, {
            path: item.path,
            cause: err
          });
        }
      }
      let gotSha = sha256.digest('hex');
      let gitOid: string;
      if (item.lfs) {
        if (gotSha !== item.lfs.oid) {
          throw fail('sha256-mismatch', `content sha256 ${gotSha} differs from the tree's lfs.oid ${item.lfs.oid}`, item.lfs.oid, gotSha);
        }
        gotSha = item.lfs.oid; // equal: the tree's string is kept already, so the result holds no second copy
        gitOid = lfsPointerOid(gotSha, size);
      } else {
        gitOid = (sha1 as Hash).digest('hex');
      }
      if (gitOid !== item.oid) {
        throw fail(
          'git-oid-mismatch',
          `git oid ${gitOid} ${item.lfs ? 'of the rebuilt LFS pointer' : 'of the content'} differs from the tree's ${item.oid}`,
          item.oid,
          gitOid
        );
      }
      if (copy) await copy.commit();
      // gitOid equals item.oid here: return the tree's string (a review of many files keeps every result's digests).
      return { path: item.path, size, sha256: gotSha, gitOid: item.oid, lfs: item.lfs !== undefined, retries, resumes, source: origin };
    } finally {
      if (copy) await copy.discard();
    }
  }

  /** The last `k` bytes of the file (fewer if the file is shorter), through the same checked resolve path. */
  async fetchTail(repo: string, sha: string, item: TreeFile, k: number): Promise<Uint8Array> {
    const n = Math.min(Math.max(0, Math.floor(k)), item.size);
    if (n === 0) return new Uint8Array(0);
    const what = `${repo}@${sha.slice(0, 12)}:${item.path} (last ${n} bytes)`;
    const deadline = this.deadlineFor(n);
    for (let attempt = 0; ; attempt++) {
      const src = await this.openSource(repo, sha, item, { start: item.size - n, end: item.size - 1 }, what, true, deadline);
      const out = Buffer.allocUnsafe(n);
      let got = 0;
      try {
        for (;;) {
          const chunk = await src.opened.body.read();
          if (chunk === null) break;
          if (got + chunk.byteLength > n) {
            await src.opened.body.cancel();
            throw new HubError('size-mismatch', `${what}: the server sent more bytes than asked for`, { path: item.path, expected: n });
          }
          out.set(chunk, got);
          got += chunk.byteLength;
        }
        if (got === n) return new Uint8Array(out.buffer, out.byteOffset, n);
        throw new HubError('truncated', `${what}: the body ended after ${got} of ${n} bytes`, { path: item.path, expected: n, actual: got });
      } catch (err) {
        const transient = err instanceof HubError && (err.code === 'network' || err.code === 'timeout' || err.code === 'truncated');
        if (!transient || attempt >= this.maxResumes || !this.http.spendRetry()) throw err;
        await this.pause(this.http.backoffMs(attempt), deadline, what);
      }
    }
  }

  /**
   * Opens the byte source for `item` (from `range.start` when resuming): resolve at the sha with manual redirects,
   * check X-Repo-Commit, the ETag (regular files) or X-Linked-Etag/X-Linked-Size (LFS), then for LFS the CDN
   * Location — only on an allowed origin and without the token — and the status/Content-Range/Content-Length.
   */
  private async openSource(
    repo: string,
    sha: string,
    item: TreeFile,
    range: Range | undefined,
    what: string,
    reuseBuffer: boolean,
    deadline: Deadline
  ): Promise<Source> {
    const resolveUrl = `${this.http.hubOrigin}/${repo}/resolve/${sha}/${encodePath(item.path)}`;
    const rangeHeader: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
    const base = { 'accept-encoding': 'identity' };
    const hub = await this.http.open(resolveUrl, {
      what,
      headers: item.lfs ? base : { ...base, ...rangeHeader },
      notFound: 'entry-not-found',
      bytes: { reuseBuffer },
      deadline
    });
    let retries = hub.retries;
    const h = hub.headers;
    const ctx = (expected?: string | number, actual?: string | number): ConstructorParameters<typeof HubError>[2] => ({
      url: hub.url,
      status: hub.status,
      path: item.path,
      ...(expected !== undefined ? { expected } : {}),
      ...(actual !== undefined ? { actual } : {})
    });
    const reject = async (code: HubError['code'], message: string, expected?: string | number, actual?: string | number): Promise<never> => {
      await hub.body.cancel();
      throw new HubError(code, `${what}: ${message}`, ctx(expected, actual));
    };
    const commit = h.get('x-repo-commit')?.trim();
    if (commit !== sha) {
      await reject(
        'commit-mismatch',
        commit ? `the Hub served commit ${commit}, not the pinned ${sha}` : 'the Hub did not say which commit it served (no X-Repo-Commit)',
        sha,
        commit ?? '(missing)'
      );
    }
    if (!isRedirect(hub.status)) {
      if (item.lfs) {
        await reject('unexpected-redirect', `an LFS file was answered with HTTP ${hub.status} instead of a redirect to its CDN`);
      }
      const etag = unquoteEtag(h.get('etag'));
      if (etag !== item.oid) await reject('etag-mismatch', `ETag ${etag ?? '(missing)'} is not the tree's git oid ${item.oid}`, item.oid, etag ?? '(missing)');
      await this.checkBody(hub, item, range, what);
      return { opened: hub, origin: this.http.hubOrigin, retries };
    }
    if (!item.lfs) {
      await reject(
        'unexpected-redirect',
        `HTTP ${hub.status} for a regular (non-LFS) file; a 307 means the repository moved — resolve it and use the canonical id`
      );
    }
    const lfs = item.lfs as NonNullable<TreeFile['lfs']>;
    const linked = unquoteEtag(h.get('x-linked-etag'));
    if (linked !== lfs.oid) await reject('etag-mismatch', `X-Linked-Etag ${linked ?? '(missing)'} is not the tree's lfs.oid ${lfs.oid}`, lfs.oid, linked ?? '(missing)');
    const linkedSize = h.get('x-linked-size')?.trim();
    if (linkedSize !== String(item.size)) {
      await reject('size-mismatch', `X-Linked-Size ${linkedSize ?? '(missing)'} is not the tree's size ${item.size}`, item.size, linkedSize ?? '(missing)');
    }
    const location = h.get('location');
    let cdn: URL;
    try {
      cdn = new URL(location ?? '', resolveUrl);
    } catch {
      return reject('malformed-response', 'unparseable Location on the LFS redirect');
    }
    if (!location) await reject('malformed-response', 'LFS redirect without a Location');
    if (!cdnAllowed(this.http.hubOrigin, cdn.origin, this.allowed)) {
      await reject(
        'unexpected-cdn-origin',
        `the LFS redirect points to ${cdn.origin}, which is not an allowed CDN origin for ${this.http.hubOrigin}; allow it only if you trust it: --cdn-origin ${cdn.origin} on the command line, or the action's cdn-origins input`,
        this.allowed?.join(' ') ?? 'https://*.hf.co',
        cdn.origin
      );
    }
    await hub.body.cancel();
    // The token goes only to the Hub origin (HubHttp.sendsTokenTo), so a CDN on another origin never sees it.
    const bytes = await this.http.open(cdn.href, {
      what: `${what} from the CDN`,
      headers: { ...base, ...rangeHeader },
      notFound: 'entry-not-found',
      bytes: { reuseBuffer },
      deadline
    });
    retries += bytes.retries;
    if (isRedirect(bytes.status)) {
      await bytes.body.cancel();
      throw new HubError('unexpected-redirect', `${what}: the CDN redirected again (HTTP ${bytes.status}); refusing a second hop`, {
        url: bytes.url,
        status: bytes.status,
        path: item.path
      });
    }
    await this.checkBody(bytes, item, range, what);
    return { opened: bytes, origin: cdn.origin, retries };
  }

  /** Status, Content-Range, Content-Length and Content-Encoding of the response that carries the bytes. */
  private async checkBody(src: Opened, item: TreeFile, range: Range | undefined, what: string): Promise<void> {
    const res = src;
    const h = res.headers;
    const bad = async (code: HubError['code'], message: string, expected?: string | number, actual?: string | number): Promise<never> => {
      await src.body.cancel();
      throw new HubError(code, `${what}: ${message}`, {
        url: src.url,
        status: res.status,
        path: item.path,
        ...(expected !== undefined ? { expected } : {}),
        ...(actual !== undefined ? { actual } : {})
      });
    };
    const encoding = h.get('content-encoding')?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') await bad('malformed-response', `the server applied Content-Encoding '${encoding}' although identity was asked for`);
    const whole = !range || (range.start === 0 && range.end === item.size - 1);
    let expectedLength = item.size;
    if (range && res.status === 206) {
      const cr = h.get('content-range')?.trim() ?? '';
      const want = `bytes ${range.start}-${range.end}/${item.size}`;
      if (cr !== want) await bad('range-not-honoured', `Content-Range '${cr || '(missing)'}' does not match the request (${want})`, want, cr || '(missing)');
      expectedLength = range.end - range.start + 1;
    } else if (range && !(whole && res.status === 200)) {
      await bad(
        'range-not-honoured',
        `asked for bytes ${range.start}-${range.end} but got HTTP ${res.status}; restarting would deliver bytes twice, so the download fails`,
        206,
        res.status
      );
    } else if (res.status !== 200) {
      await bad('http-error', `unexpected HTTP ${res.status} for the file's bytes`, 200, res.status);
    }
    const cl = h.get('content-length');
    if (cl !== null && Number(cl) !== expectedLength) {
      await bad('size-mismatch', `Content-Length ${cl} is not the expected ${expectedLength} bytes`, expectedLength, Number(cl));
    }
  }
}

/** A copy written beside its destination as `.partial` and renamed into place only after verification. */
class Copy {
  private committed = false;

  private constructor(
    private readonly fh: FileHandle,
    private readonly partial: string,
    private readonly dest: string,
    private readonly what: string
  ) {}

  static async open(dest: string, what: string): Promise<Copy> {
    const partial = `${dest}.partial`;
    try {
      await mkdir(dirname(dest), { recursive: true });
      return new Copy(await open(partial, 'w'), partial, dest, what);
    } catch (err) {
      throw new HubError('write-failed', `${what}: cannot create ${partial}: ${(err as Error).message}`, { cause: err });
    }
  }

  async write(chunk: Uint8Array): Promise<void> {
    try {
      let off = 0;
      while (off < chunk.byteLength) off += (await this.fh.write(chunk, off, chunk.byteLength - off)).bytesWritten;
    } catch (err) {
      throw new HubError('write-failed', `${this.what}: writing ${this.partial} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  async commit(): Promise<void> {
    try {
      await this.fh.close();
      await rename(this.partial, this.dest);
      this.committed = true;
    } catch (err) {
      throw new HubError('write-failed', `${this.what}: moving the verified copy to ${this.dest} failed: ${(err as Error).message}`, {
        cause: err
      });
    }
  }

  async discard(): Promise<void> {
    if (this.committed) return;
    await this.fh.close().catch(() => undefined);
    await rm(this.partial, { force: true });
  }
}
