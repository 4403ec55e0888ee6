// Model info at a pinned commit, `GET /api/models/{repo}/revision/{sha}?blobs=true&securityStatus=true`, with
// renames followed by hand: only same-origin model-info Locations, at most maxRedirects hops, no loops, every hop
// recorded. The Hub must resolve the sha to itself.
import { checkRepoId } from '../../core/ids.js';
import { HubError } from '../errors.js';
import type { HubHttp } from '../http.js';
import { parseModelInfo } from '../shapes/model-info.js';
import type { RedirectHop, ResolvedRepo } from '../types.js';
import { assertRepoId, assertRevision } from './args.js';

export interface ModelInfoOptions {
  /** Redirects followed. Default 5. */
  maxRedirects?: number;
}

export function modelInfoUrl(hubOrigin: string, repo: string, revision: string): string {
  return `${hubOrigin}/api/models/${repo}/revision/${revision}?blobs=true&securityStatus=true`;
}

export async function resolveRepo(http: HubHttp, repo: string, revision: string, opts: ModelInfoOptions = {}): Promise<ResolvedRepo> {
  assertRepoId(repo);
  assertRevision(revision);
  const maxRedirects = opts.maxRedirects ?? 5;
  const hubUrl = http.hubOrigin;
  const redirects: RedirectHop[] = [];
  let current = repo;
  let url = modelInfoUrl(hubUrl, repo, revision);
  const seen = new Set<string>([url]);
  for (;;) {
    const what = `model info for ${current}@${revision}`;
    const answer = await http.getJson(url, { what, notFound: 'repo-not-found' });
    if (answer.location === undefined) {
      const info = http.validate(answer, what, parseModelInfo);
      if (info.sha !== revision) {
        throw new HubError(
          'revision-mismatch',
          `${what}: the Hub resolved the pinned commit to ${info.sha}; a pinned sha must resolve to itself, so this answer cannot be trusted`,
          { url: answer.url, expected: revision, actual: info.sha }
        );
      }
      return {
        requested: repo,
        canonicalId: info.id,
        repoId: info._id,
        sha: info.sha,
        redirects,
        renamed: redirects.length > 0 || info.id !== repo,
        info
      };
    }
    const next = new URL(answer.location, url);
    const target = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(next.pathname);
    if (next.origin !== hubUrl || !target) {
      throw new HubError(
        'unexpected-redirect',
        `${what}: HTTP ${answer.status} to ${next.origin}${next.pathname}, which is not model info on this Hub; only renames within ${hubUrl} are followed`,
        { url: answer.url, status: answer.status }
      );
    }
    const toRepo = decodeURIComponent(target[1] ?? '');
    const toRev = decodeURIComponent(target[2] ?? '');
    const toProblem = checkRepoId(toRepo);
    if (toProblem) {
      throw new HubError('unexpected-redirect', `${what}: HTTP ${answer.status} to a repository that cannot exist on the Hub: ${toProblem.message}`, {
        url: answer.url,
        status: answer.status
      });
    }
    if (toRev !== revision) {
      throw new HubError(
        'unexpected-redirect',
        `${what}: the redirect changes the revision to '${toRev.slice(0, 80)}'; a pinned commit must not move`,
        { url: answer.url, status: answer.status, expected: revision, actual: toRev }
      );
    }
    redirects.push({ from: current, to: toRepo, status: answer.status, location: `${next.origin}${next.pathname}` });
    if (seen.has(next.href)) {
      throw new HubError(
        'redirect-loop',
        `${what}: redirect loop ${[repo, ...redirects.map((h) => h.to)].join(' -> ')}; the Hub's rename records are inconsistent`,
        { url: answer.url, status: answer.status }
      );
    }
    if (redirects.length > maxRedirects) {
      throw new HubError(
        'redirect-loop',
        `${what}: more than ${maxRedirects} redirects (${[repo, ...redirects.map((h) => h.to)].join(' -> ')}); refusing to follow further`,
        { url: answer.url, status: answer.status }
      );
    }
    seen.add(next.href);
    current = toRepo;
    url = next.href;
  }
}
