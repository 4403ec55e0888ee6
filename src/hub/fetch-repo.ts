// Downloads many files of one pinned commit with bounded concurrency. Each file gets its own consumers from a
// caller-supplied factory; every file ends in exactly one outcome (verified result or its error), in input order,
// so one failing file neither aborts the others nor hides its error.
import { join, relative, resolve, sep } from 'node:path';
import { HubError } from './errors.js';
import type { ByteConsumer, DownloadRequest, DownloadResult } from './download.js';
import { unsafePathReason } from '../core/paths.js';
import type { TreeFile } from './types.js';

/** What to do with one file's bytes. */
export interface FilePlan {
  consumers: ByteConsumer[];
  /** The file's last bytes, if the caller fetched them first; the stream must end with the same bytes. */
  expectTail?: Uint8Array;
}

export type FileOutcome =
  | { item: TreeFile; ok: true; result: DownloadResult }
  | { item: TreeFile; ok: false; error: HubError };

export interface FetchFilesOptions {
  /** Something that downloads one file (HubClient satisfies it). */
  downloader: { download(req: DownloadRequest): Promise<DownloadResult> };
  repo: string;
  sha: string;
  items: TreeFile[];
  /** Files in flight at once. Default 4. */
  concurrency?: number;
  /** Consumers for one file (scanners), given its index in `items`; called just before that file starts. */
  plan?: (item: TreeFile, index: number) => ByteConsumer[] | FilePlan | Promise<ByteConsumer[] | FilePlan>;
  /** Write verified copies under this folder at their repository paths. */
  copyDir?: string;
  /** Called as each file finishes (progress). */
  onOutcome?: (outcome: FileOutcome) => void;
}

/** Where a repository path lands under `dir`, refusing anything that would escape it. */
export function copyPathFor(dir: string, path: string): string {
  const why = unsafePathReason(path);
  const target = resolve(dir, join(...path.split('/')));
  const rel = relative(resolve(dir), target);
  if (why || rel === '' || rel.startsWith(`..${sep}`) || rel === '..') {
    throw new HubError('invalid-tree', `refusing to write '${path}' outside ${dir}${why ? ` (it ${why})` : ''}`, { path });
  }
  return target;
}

/** Every file's outcome, in input order. */
export async function fetchFiles(opts: FetchFilesOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array<FileOutcome>(opts.items.length);
  await fetchEach(opts, (outcome, i) => {
    outcomes[i] = outcome;
    opts.onOutcome?.(outcome);
  });
  return outcomes;
}

/**
 * fetchFiles without the list: each outcome goes to `onOutcome` (with the file's index) as its file finishes, and
 * none is kept here, so a caller that keeps a few facts per file does not also hold every DownloadResult.
 */
export async function fetchEach(opts: Omit<FetchFilesOptions, 'onOutcome'>, onOutcome: (outcome: FileOutcome, index: number) => void): Promise<void> {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  let next = 0;

  const one = async (item: TreeFile, index: number): Promise<FileOutcome> => {
    try {
      const planned = opts.plan ? await opts.plan(item, index) : [];
      const plan: FilePlan = Array.isArray(planned) ? { consumers: planned } : planned;
      const req: DownloadRequest = { repo: opts.repo, sha: opts.sha, item, consumers: plan.consumers };
      if (plan.expectTail) req.expectTail = plan.expectTail;
      if (opts.copyDir !== undefined) req.copyTo = copyPathFor(opts.copyDir, item.path);
      return { item, ok: true, result: await opts.downloader.download(req) };
    } catch (err) {
      const error =
        err instanceof HubError
          ? err
          : new HubError('consumer-failed', `${item.path}: ${err instanceof Error ? err.message : String(err)}`, {
              path: item.path,
              cause: err
            });
      return { item, ok: false, error };
    }
  };

  const worker = async (): Promise<void> => {
    while (next < opts.items.length) {
      const i = next++;
      onOutcome(await one(opts.items[i] as TreeFile, i), i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, opts.items.length) }, worker));
}
