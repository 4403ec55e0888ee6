// Downloads and likes out of proportion to a repository's age. Both are cheap to inflate (the May 2026 fake had
// 244k downloads in 36 hours, which put it at the top of search), so they can only ever raise a concern: a popular
// repository is never treated as safer. Pure.
import type { Finding } from '../../core/findings.js';
import { count, daysBetween, isoDay, span } from './time.js';

/** Only repositories younger than this (days) are judged: the Hub's download count covers the last 30 days. */
export const YOUNG_REPO_DAYS = 30;
export const DOWNLOADS_MIN = 10_000;
export const DOWNLOADS_PER_DAY = 1_000;
export const LIKES_MIN = 100;
export const LIKES_PER_DAY = 10;

export interface PopularityFacts {
  repo: string;
  downloads?: number;
  likes?: number;
  repoCreatedAt?: number;
  now: number;
  /** A protected publisher's own release drawing a crowd is normal; nothing is said (and nothing is lowered). */
  protectedNamespace: boolean;
}

export interface PopularityVerdict {
  inflated: boolean;
  findings: Finding[];
}

export function popularityFindings(f: PopularityFacts): PopularityVerdict {
  if (f.protectedNamespace || f.repoCreatedAt === undefined) return { inflated: false, findings: [] };
  const age = daysBetween(f.repoCreatedAt, f.now);
  if (age < 0 || age >= YOUNG_REPO_DAYS) return { inflated: false, findings: [] };
  const perDayBase = Math.max(age, 1);
  const downloads = f.downloads ?? 0;
  const likes = f.likes ?? 0;
  const manyDownloads = downloads >= DOWNLOADS_MIN && downloads / perDayBase >= DOWNLOADS_PER_DAY;
  const manyLikes = likes >= LIKES_MIN && likes / perDayBase >= LIKES_PER_DAY;
  if (!manyDownloads && !manyLikes) return { inflated: false, findings: [] };
  const what = [manyDownloads ? `${count(downloads)} downloads` : '', manyLikes ? `${count(likes)} likes` : ''].filter(Boolean).join(' and ');
  return {
    inflated: true,
    findings: [
      {
        check: 'provenance.popularity',
        severity: 'medium',
        message: `${what} within ${span(age)} of the repository's creation (${isoDay(f.repoCreatedAt)}): popularity is attacker-controlled and says nothing about safety`,
        evidence: `downloads ${count(downloads)} (~${count(downloads / perDayBase)}/day), likes ${count(likes)} (~${count(likes / perDayBase)}/day), repository age ${span(age)}`,
        help: 'Download counts and likes are easy to inflate and were inflated in the May 2026 incident. Judge the repository by who published it and what it contains, never by its popularity.'
      }
    ]
  };
}
