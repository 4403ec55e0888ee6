// Another repository's model card for a comparison, in one request: `GET /{repo}/resolve/main/README.md`, read up to
// a bound. It is evidence about an original (is this card copied from it?), never bytes that get approved, so it
// does not need the verified download's tree entry — and skipping refs and tree saves two API calls per original.
// An answer this path cannot give (README.md in LFS, another branch name or file spelling) is `undefined`: the
// caller falls back to refs, tree and the verified download.
import { HubError } from '../errors.js';
import { isRedirect, type HubHttp } from '../http.js';
import { assertRepoId } from './args.js';

export interface CardText {
  text: string;
  /** The commit `main` resolved to (X-Repo-Commit). */
  sha: string;
  path: string;
}

export async function fetchMainCard(http: HubHttp, repo: string, maxBytes: number): Promise<CardText | undefined> {
  assertRepoId(repo);
  const what = `model card of ${repo}`;
  let opened;
  try {
    // A small document: the transport's metadata deadline (requestTimeoutMs) applies, as to any JSON answer.
    opened = await http.open(`${http.hubOrigin}/${repo}/resolve/main/README.md`, { what, headers: { 'accept-encoding': 'identity' }, notFound: 'entry-not-found' });
  } catch (err) {
    if (err instanceof HubError && (err.code === 'entry-not-found' || err.code === 'revision-not-found')) return undefined;
    throw err;
  }
  const sha = opened.headers.get('x-repo-commit')?.trim();
  const encoding = opened.headers.get('content-encoding')?.trim().toLowerCase();
  if (isRedirect(opened.status) || !sha || !/^[0-9a-f]{40}$/.test(sha) || (encoding !== undefined && encoding !== '' && encoding !== 'identity')) {
    await opened.body.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const c = await opened.body.read();
    if (!c) break;
    received += c.length;
    if (received > maxBytes) {
      await opened.body.cancel();
      throw new HubError('limit-exceeded', `${what}: README.md is larger than the ${maxBytes}-byte limit for comparison`, { url: opened.url });
    }
    chunks.push(c);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), sha, path: 'README.md' };
}
