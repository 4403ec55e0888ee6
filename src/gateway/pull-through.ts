// Pull-through: the first request for an approved file streams it from the upstream Hub through the verified
// download (size, git oid / LFS sha256, deadlines, resumes), checks its sha256 against the signed manifest, and
// only then adds it to the store. Concurrent first requests for the same content share one upstream fetch.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubClient } from '../hub/client.js';
import type { ByteConsumer } from '../hub/download.js';
import type { TreeFile } from '../hub/types.js';
import type { BlobStore } from './blob-store.js';

export class PullError extends Error {
  constructor(
    message: string,
    readonly reason: 'upstream-failed' | 'upstream-mismatch'
  ) {
    super(message);
  }
}

export interface PullRequest {
  repo: string;
  commit: string;
  item: TreeFile;
  /** The signed sha256 of the file. */
  sha256: string;
}

export interface PullEvents {
  onFetch?: (req: PullRequest, outcome: 'stored' | 'failed', detail: string) => void;
  /** The blob was just stored, its bytes hashed on the way in: the caller may count it as verified. */
  onStored?: (sha256: string) => Promise<void>;
}

export class PullThrough {
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: BlobStore,
    /** A fresh upstream client per fetch: its retry budgets are per operation, not per process lifetime. */
    private readonly upstream: () => HubClient,
    private readonly events: PullEvents = {}
  ) {}

  /** Resolves once the blob is in the store (fetched now, or by a fetch already running). */
  async ensure(req: PullRequest): Promise<void> {
    if (await this.store.stat(req.sha256)) return;
    return this.fetchOnce(req);
  }

  /** Fetches even if a blob is stored (the stored one was found not to match its digest). */
  fetchOnce(req: PullRequest): Promise<void> {
    return this.start(req).done;
  }

  /**
   * Fetches with `sink` seeing every byte as it arrives (each exactly once, in order), so the first client is
   * answered while the file downloads instead of after. 'joined' when a fetch of the same content was already
   * running: the sink saw nothing, and the blob is stored once this resolves.
   */
  async fetchStreaming(req: PullRequest, sink: ByteConsumer): Promise<'fetched' | 'joined'> {
    const s = this.start(req, sink);
    await s.done;
    return s.joined ? 'joined' : 'fetched';
  }

  private start(req: PullRequest, sink?: ByteConsumer): { done: Promise<void>; joined: boolean } {
    const running = this.inflight.get(req.sha256);
    if (running) return { done: running, joined: true };
    const p = this.fetch(req, sink).finally(() => this.inflight.delete(req.sha256));
    this.inflight.set(req.sha256, p);
    return { done: p, joined: false };
  }

  private async fetch(req: PullRequest, sink?: ByteConsumer): Promise<void> {
    const tmp = join(this.store.scratchDir, `${req.sha256}.${randomBytes(6).toString('hex')}`);
    const client = this.upstream();
    const what = `${req.repo}@${req.commit}/${req.item.path}`;
    try {
      let result;
      try {
        result = await client.download({ repo: req.repo, sha: req.commit, item: req.item, copyTo: tmp, ...(sink ? { consumers: [sink] } : {}) });
      } catch (e) {
        throw new PullError(`upstream fetch of ${what} failed: ${(e as Error).message}`, 'upstream-failed');
      }
      if (result.sha256 !== req.sha256) {
        throw new PullError(`upstream served ${what} with sha256 ${result.sha256}, but the signed manifest says ${req.sha256}; not stored`, 'upstream-mismatch');
      }
      await this.store.putFile(req.sha256, tmp, result.size);
      await this.events.onStored?.(req.sha256);
      this.events.onFetch?.(req, 'stored', `${result.size} bytes from ${result.source}`);
    } catch (e) {
      this.events.onFetch?.(req, 'failed', (e as Error).message);
      throw e;
    } finally {
      await rm(tmp, { force: true });
      await client.close();
    }
  }
}
