// Commits (hub-api.md "Endpoints" 5): `GET /api/models/{ns}/{name}/commits/{rev}?p=&limit=`, newest first, paged by
// `Link: rel="next"` with `X-Total-Count`. The first commit is titled "initial commit".
import { HEX40 } from '../oid.js';
import { arr, isoDate, matching, obj, optStr, str } from './check.js';

export interface ApiCommitAuthor {
  user: string;
  avatar?: string;
}

export interface ApiCommit {
  id: string;
  title: string;
  message: string;
  authors: ApiCommitAuthor[];
  date: string;
}

// The client's view: authors by name only; a missing message is tolerated.
export interface Commit extends Omit<ApiCommit, 'message' | 'authors'> {
  message?: string;
  authors: Pick<ApiCommitAuthor, 'user'>[];
}

export function parseCommit(v: unknown, where: string): Commit {
  const o = obj(v, where);
  const out: Commit = {
    id: matching(o.id, HEX40, `${where}.id`, 'a 40-hex commit'),
    title: str(o.title, `${where}.title`),
    authors: arr(o.authors ?? [], `${where}.authors`).map((a, i) => ({
      user: str(obj(a, `${where}.authors[${i}]`).user, `${where}.authors[${i}].user`)
    })),
    date: isoDate(o.date, `${where}.date`)
  };
  const message = optStr(o.message, `${where}.message`);
  if (message !== undefined) out.message = message;
  return out;
}

/** A page of commits; `offset` numbers them across pages in messages. */
export function parseCommitPage(v: unknown, offset = 0): Commit[] {
  return arr(v, 'commits').map((c, i) => parseCommit(c, `commits[${offset + i}]`));
}
