// Links to the Hub at the pinned commit. Only built from a full commit sha and well-formed names, so a link can
// never point at a moving branch or, through dot segments, at another repository. A local scan has no links.
import { isLocalReview, type AnyReview } from '../core/review.js';
import { trimEndOf } from '../core/text.js';

const SHA = /^[0-9a-f]{40}$/;

function base(hubUrl: string): string {
  // Configuration, not model data; still keep it from ending a markdown link early.
  return trimEndOf(hubUrl, '/').replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * encodeURIComponent plus the characters it leaves that markdown link destinations or browsers treat specially. A
 * lone surrogate (which JSON from the Hub can carry) would make encodeURIComponent throw; it becomes U+FFFD.
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment.toWellFormed()).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function repoPath(repo: string): string | undefined {
  const parts = repo.split('/');
  if (parts.length < 1 || parts.length > 2) return undefined;
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return parts.map(encodeSegment).join('/');
}

/** `HUB/ORG/NAME/tree/SHA`, or undefined when the repo id or sha cannot make a trustworthy link. */
export function hubTreeUrl(hubUrl: string, repo: string, sha: string | undefined): string | undefined {
  const r = repoPath(repo);
  if (!r || !sha || !SHA.test(sha)) return undefined;
  return `${base(hubUrl)}/${r}/tree/${sha}`;
}

/** `HUB/ORG/NAME/blob/SHA/PATH#Lline`, path-encoded segment by segment; undefined for dot or empty segments. */
export function hubBlobUrl(hubUrl: string, repo: string, sha: string | undefined, path: string, line?: number): string | undefined {
  const r = repoPath(repo);
  if (!r || !sha || !SHA.test(sha)) return undefined;
  // `model.bin!/archive/data.pkl` names a member inside a container file: link to the container.
  const member = path.indexOf('!/');
  const segments = (member >= 0 ? path.slice(0, member) : path).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  const anchor = member < 0 && line !== undefined && Number.isSafeInteger(line) && line > 0 ? `#L${line}` : '';
  return `${base(hubUrl)}/${r}/blob/${sha}/${segments.map(encodeSegment).join('/')}${anchor}`;
}

/** The commit a review is pinned to: what the Hub resolved, else what the allowlist says, if it is a full sha. */
export function pinnedSha(review: AnyReview): string | undefined {
  if (isLocalReview(review)) return undefined;
  if (review.commit && SHA.test(review.commit)) return review.commit;
  return SHA.test(review.entry.revision) ? review.entry.revision : undefined;
}

/** The Hub page of the reviewed commit; undefined for a local scan or when no trustworthy link can be made. */
export function reviewTreeUrl(hubUrl: string | undefined, review: AnyReview): string | undefined {
  if (hubUrl === undefined || isLocalReview(review)) return undefined;
  return hubTreeUrl(hubUrl, review.entry.repo, pinnedSha(review));
}

/** The Hub page of one file of the reviewed commit; undefined for a local scan. */
export function reviewFileUrl(hubUrl: string | undefined, review: AnyReview, path: string, line?: number): string | undefined {
  if (hubUrl === undefined || isLocalReview(review)) return undefined;
  return hubBlobUrl(hubUrl, review.entry.repo, pinnedSha(review), path, line);
}

export function isFullSha(s: string | undefined): s is string {
  return s !== undefined && SHA.test(s);
}
