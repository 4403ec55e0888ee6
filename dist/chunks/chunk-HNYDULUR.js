import {
  unsafePathReason
} from "./chunk-53ORRVB5.js";
import {
  HubError
} from "./chunk-37FDLS5N.js";

// src/hub/fetch-repo.ts
import { join, relative, resolve, sep } from "node:path";
function copyPathFor(dir, path) {
  const why = unsafePathReason(path);
  const target = resolve(dir, join(...path.split("/")));
  const rel = relative(resolve(dir), target);
  if (why || rel === "" || rel.startsWith(`..${sep}`) || rel === "..") {
    throw new HubError("invalid-tree", `refusing to write '${path}' outside ${dir}${why ? ` (it ${why})` : ""}`, { path });
  }
  return target;
}
async function fetchFiles(opts) {
  const outcomes = new Array(opts.items.length);
  await fetchEach(opts, (outcome, i) => {
    outcomes[i] = outcome;
    opts.onOutcome?.(outcome);
  });
  return outcomes;
}
async function fetchEach(opts, onOutcome) {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  let next = 0;
  const one = async (item, index) => {
    try {
      const planned = opts.plan ? await opts.plan(item, index) : [];
      const plan = Array.isArray(planned) ? { consumers: planned } : planned;
      const req = { repo: opts.repo, sha: opts.sha, item, consumers: plan.consumers };
      if (plan.expectTail) req.expectTail = plan.expectTail;
      if (opts.copyDir !== void 0) req.copyTo = copyPathFor(opts.copyDir, item.path);
      return { item, ok: true, result: await opts.downloader.download(req) };
    } catch (err) {
      const error = err instanceof HubError ? err : new HubError("consumer-failed", `${item.path}: ${err instanceof Error ? err.message : String(err)}`, {
        path: item.path,
        cause: err
      });
      return { item, ok: false, error };
    }
  };
  const worker = async () => {
    while (next < opts.items.length) {
      const i = next++;
      onOutcome(await one(opts.items[i], i), i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, opts.items.length) }, worker));
}

export {
  fetchFiles,
  fetchEach
};
