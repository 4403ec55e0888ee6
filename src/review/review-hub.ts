// One review's view of the Hub: the same client, with the metadata several entries or checks of one review ask for
// answered once — an account's overview (entries from one namespace), a repository's commits (identity and
// provenance both read them), refs, trees, searches and originals' cards (an original several entries copy, a name
// searched twice).
// File bytes are never cached: every download still streams through the verified pass. Answers live as long as
// the review, so every entry of it is judged on the same Hub answers. An entry's own file list is not kept: only
// that entry reads it, and a review of several large repositories would otherwise hold every list to the end.
import type { HubClient } from '../hub/client.js';

const VIEW = Symbol('review hub');

/** The review's view of `hub`; a view is returned as it is, so an entry reviewed within a review shares its answers. */
export function reviewHub(hub: HubClient): HubClient {
  if ((hub as HubClient & { [VIEW]?: true })[VIEW]) return hub;
  const answers = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, ask: () => Promise<T>): Promise<T> => {
    let p = answers.get(key) as Promise<T> | undefined;
    if (!p) {
      p = ask();
      answers.set(key, p);
    }
    return p;
  };
  // The client's own methods stay reachable through the prototype (download, fetchTail, resolveRepo, http, …).
  const view = Object.create(hub) as HubClient & { [VIEW]?: true };
  view[VIEW] = true;
  // The kind asked first only orders two requests; the account is the same, so one answer serves every entry.
  view.getAuthor = (name, first) => once(`author\0${name}`, () => hub.getAuthor(name, first));
  view.listCommits = (repo, rev, opts = {}) => once(`commits\0${repo}\0${rev}\0${opts.maxPages ?? ''}`, () => hub.listCommits(repo, rev, opts));
  view.getRefs = (repo) => once(`refs\0${repo}`, () => hub.getRefs(repo));
  view.listTree = (repo, sha) => once(`tree\0${repo}\0${sha}`, () => hub.listTree(repo, sha));
  view.searchModels = (query, opts = {}) => once(`search\0${query}\0${JSON.stringify(opts)}`, () => hub.searchModels(query, opts));
  view.fetchMainCard = (repo, maxBytes) => once(`card\0${repo}\0${maxBytes}`, () => hub.fetchMainCard(repo, maxBytes));
  return view;
}
