// What several endpoints share: refusing a redirect where none is expected, and following `Link: rel="next"`
// pagination within the Hub origin only, with loop and page bounds.
import { HubError } from '../errors.js';
import type { HubHttp, JsonAnswer } from '../http.js';

export function parseLinkNext(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

/** A 3xx on a sub-route means the repository moved: the caller must resolve it first. */
export function refuseRedirect(answer: JsonAnswer, what: string): void {
  if (answer.location !== undefined) {
    throw new HubError(
      'unexpected-redirect',
      `${what}: HTTP ${answer.status} redirect; the repository moved — resolve it with resolveRepo and use the canonical id`,
      { url: answer.url, status: answer.status }
    );
  }
}

/** Reads pages until no `rel="next"`; returns false when maxPages was reached first. */
export async function paginate(
  http: HubHttp,
  first: string,
  what: string,
  maxPages: number,
  onPage: (a: JsonAnswer) => void
): Promise<boolean> {
  const seen = new Set<string>();
  let url = first;
  for (let page = 0; page < maxPages; page++) {
    seen.add(url);
    const answer = await http.getJson(url, { what, notFound: 'repo-not-found' });
    refuseRedirect(answer, what);
    onPage(answer);
    const link = parseLinkNext(answer.headers.get('link'));
    if (link === undefined) return true;
    let next: URL;
    try {
      next = new URL(link, url);
    } catch {
      throw new HubError('malformed-response', `${what}: unparseable pagination Link`, { url: answer.url });
    }
    if (next.origin !== http.hubOrigin) {
      throw new HubError(
        'foreign-link',
        `${what}: the next page is on ${next.origin}, not the Hub ${http.hubOrigin}; refusing to follow pagination off the Hub`,
        { url: answer.url, expected: http.hubOrigin, actual: next.origin }
      );
    }
    if (seen.has(next.href)) {
      throw new HubError('pagination-loop', `${what}: the next-page Link points back to a page already read`, { url: answer.url });
    }
    url = next.href;
  }
  return false;
}
