// The approved set: approved-models.yaml's entries as a map from repository id (case-insensitive, as on the Hub)
// to the one commit that was reviewed. Every ref of an approved repository resolves to that pin; anything else is
// refused with the words a client prints, saying how to ask for it.
import type { Entry } from '../core/review.js';
import { foldKey, osaDistance, visualKey } from '../checks/namespace/keys.js';

export interface ApprovedModel {
  repo: string;
  /** The reviewed 40-hex commit. */
  revision: string;
  /** The entry's file patterns, when it limits the files (informational: the signed manifest decides). */
  files?: string[];
}

const HEX40 = /^[0-9a-f]{40}$/;

export class ApprovedSet {
  private readonly byKey: Map<string, ApprovedModel>;

  constructor(models: readonly ApprovedModel[]) {
    this.byKey = new Map(models.map((m) => [m.repo.toLowerCase(), m]));
  }

  static fromEntries(entries: readonly Entry[]): ApprovedSet {
    return new ApprovedSet(entries.map((e) => ({ repo: e.repo, revision: e.revision, ...(e.files ? { files: [...e.files] } : {}) })));
  }

  get size(): number {
    return this.byKey.size;
  }

  get(repo: string): ApprovedModel | undefined {
    return this.byKey.get(repo.toLowerCase());
  }

  all(): ApprovedModel[] {
    return [...this.byKey.values()];
  }

  /**
   * An approved repository `repo` imitates: same name under another owner, or a name one or two edits away, or
   * equal once case, separators and lookalike characters are folded. Undefined when nothing is close.
   */
  lookalikeOf(repo: string): ApprovedModel | undefined {
    const [owner = '', name = ''] = repo.split('/');
    let best: { m: ApprovedModel; d: number } | undefined;
    for (const m of this.byKey.values()) {
      const [mo = '', mn = ''] = m.repo.split('/');
      const sameName = name.toLowerCase() === mn.toLowerCase() && owner.toLowerCase() !== mo.toLowerCase();
      const folded = visualKey(owner) === visualKey(mo) && visualKey(name) === visualKey(mn);
      const d = osaDistance(foldKey(repo), foldKey(m.repo), 2);
      const near = sameName || folded ? 0 : d <= 2 ? d : undefined;
      if (near !== undefined && (!best || near < best.d)) best = { m, d: near };
    }
    return best?.m;
  }
}

/** What a client prints for a repository that is not approved: the PR that would approve it. */
export function requestHelp(repo: string, revision?: string): string {
  const sha = revision !== undefined && HEX40.test(revision) ? revision : '<40-hex commit sha>';
  return `${repo} is not approved; to request it open a PR adding \`${repo}@${sha}\` to approved-models.yaml`;
}
