// Pre-populates a store with every signed file of the allowlist's entries (the sign workflow can call it after
// signing), through the same pull-through the gateway uses: verified download, signed digest, content-addressed.
import type { HubClient } from '../hub/client.js';
import type { TreeFile } from '../hub/types.js';
import type { ApprovedModel } from './approved.js';
import type { BlobStore } from './blob-store.js';
import { PullThrough } from './pull-through.js';
import type { SignedState } from './signed-model.js';

export interface MirrorResult {
  repo: string;
  revision: string;
  ok: boolean;
  /** Files stored now, files already there. */
  fetched: number;
  present: number;
  bytes: number;
  problem?: string;
}

export interface MirrorOptions {
  models: readonly ApprovedModel[];
  signatures: (repo: string, commit: string) => Promise<SignedState>;
  store: BlobStore;
  upstream: () => HubClient;
  onResult?: (r: MirrorResult) => void;
}

export async function mirrorModels(o: MirrorOptions): Promise<MirrorResult[]> {
  const puller = new PullThrough(o.store, o.upstream);
  const results: MirrorResult[] = [];
  for (const m of o.models) {
    const r: MirrorResult = { repo: m.repo, revision: m.revision, ok: false, fetched: 0, present: 0, bytes: 0 };
    try {
      const state = await o.signatures(m.repo, m.revision);
      if (state.state !== 'valid') throw new Error(`not served until signed: ${state.detail}`);
      const client = o.upstream();
      let tree;
      try {
        tree = await client.listTree(m.repo, m.revision);
      } finally {
        await client.close();
      }
      const byPath = new Map(tree.filter((t): t is TreeFile => t.type === 'file').map((t) => [t.path, t]));
      for (const [path, sha256] of state.files) {
        const item = byPath.get(path);
        if (!item) throw new Error(`signed file '${path}' is not in the upstream tree at ${m.revision}`);
        if (await o.store.stat(sha256)) r.present++;
        else {
          await puller.ensure({ repo: m.repo, commit: m.revision, item, sha256 });
          r.fetched++;
        }
        r.bytes += item.size;
      }
      r.ok = true;
    } catch (e) {
      r.problem = (e as Error).message;
    }
    results.push(r);
    o.onResult?.(r);
  }
  return results;
}
