// What the gateway asks the upstream Hub about an approved pin: its file tree (all pages, validated; cached for
// good, a commit's tree never changes) and its model-info document (cached for a few minutes: download counts
// move). Every call uses a fresh client so one slow or failing repository cannot spend another's retry budget.
import type { HubClient } from '../hub/client.js';
import type { TreeItem } from '../hub/types.js';

export class UpstreamMeta {
  private readonly trees = new Map<string, Promise<TreeItem[]>>();
  private readonly infos = new Map<string, { at: number; doc: Promise<Record<string, unknown>> }>();

  constructor(
    private readonly client: () => HubClient,
    private readonly now: () => number = Date.now,
    private readonly infoTtlMs = 300_000
  ) {}

  private async using<T>(f: (c: HubClient) => Promise<T>): Promise<T> {
    const c = this.client();
    try {
      return await f(c);
    } finally {
      await c.close();
    }
  }

  tree(repo: string, commit: string): Promise<TreeItem[]> {
    const key = `${repo.toLowerCase()}@${commit}`;
    let p = this.trees.get(key);
    if (!p) {
      p = this.using((c) => c.listTree(repo, commit));
      p.catch(() => this.trees.delete(key));
      if (this.trees.size > 10_000) this.trees.clear();
      this.trees.set(key, p);
    }
    return p;
  }

  /** The upstream model-info document of `repo` at `commit`, with the client's own query (expand[] and the like). */
  info(repo: string, commit: string, query: string): Promise<Record<string, unknown>> {
    const key = `${repo.toLowerCase()}@${commit}?${query}`;
    const hit = this.infos.get(key);
    if (hit && this.now() - hit.at < this.infoTtlMs) return hit.doc;
    const doc = this.using(async (c) => {
      const url = `${c.hubUrl}/api/models/${repo}/revision/${commit}${query ? `?${query}` : ''}`;
      const answer = await c.http.getJson(url, { what: `model info for ${repo}@${commit}`, notFound: 'repo-not-found' });
      if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null || Array.isArray(answer.body)) {
        throw new Error(`upstream answered ${answer.status} for the model info of ${repo}@${commit}${answer.location ? ` (redirect to ${answer.location}: the repository moved; re-approve it under its new name)` : ''}`);
      }
      return answer.body as Record<string, unknown>;
    });
    doc.catch(() => this.infos.delete(key));
    if (this.infos.size > 10_000) this.infos.clear();
    this.infos.set(key, { at: this.now(), doc });
    return doc;
  }
}
