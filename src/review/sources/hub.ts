// A review's bytes from the Hub: every file through the verified download (hashes, sizes, commit, CDN origin
// checked), zip tails through a Range request bound to the stream, with the download's bounded concurrency.
import type { HubClient } from '../../hub/client.js';
import { fetchEach } from '../../hub/fetch-repo.js';
import type { TreeFile } from '../../hub/types.js';
import type { FileReader, ReadOutcome, SourceFile } from '../examine.js';
import { findingFromError } from '../findings-from-errors.js';

export function hubReader(hub: HubClient, repo: string, sha: string, items: readonly TreeFile[], concurrency = 4): FileReader {
  const byPath = new Map(items.map((i) => [i.path, i]));
  const item = (f: SourceFile): TreeFile => {
    const it = byPath.get(f.path);
    if (!it) throw new Error(`${f.path} is not in the tree of ${repo}@${sha}`);
    return it;
  };
  return {
    tail: (f, k) => hub.fetchTail(repo, sha, item(f), k),
    async readAll(files, plan, onDone) {
      // Each outcome is handed over as its file ends, with only the digests of the DownloadResult; none is kept here.
      await fetchEach({
        downloader: hub,
        repo,
        sha,
        items: files.map(item),
        concurrency,
        plan: (_it, i) => plan(files[i] as SourceFile)
      }, (o, i) => {
        const outcome: ReadOutcome = o.ok
          ? { ok: true, sha256: o.result.sha256, gitOid: o.result.gitOid }
          : { ok: false, finding: findingFromError(o.error, 'hub.download', o.item.path) };
        onDone(files[i] as SourceFile, outcome, i);
      });
    }
  };
}
