// Base-vs-head comparison of the allowlist. Entries are keyed by repo id lowercased, because the Hub resolves ids
// case-insensitively: `Org/Name` and `org/name` are one repository. Order and line moves are not changes.
import type { Entry } from '../../core/review.js';

/** What differs between the base and head entry for one repository. */
export type ChangeKind = 'revision' | 'files' | 'case' | 'ids' | 'profile';

export interface ChangedEntry {
  from: Entry;
  to: Entry;
  /** Every difference, e.g. ['revision', 'files']. 'case' alone means the same repo at the same commit, respelled. */
  kinds: ChangeKind[];
}

export interface AllowlistDiff {
  /** In head, not in base: reviewed. */
  added: Entry[];
  /** In both with a different revision, file selection or spelling: the head entry is reviewed. */
  changed: ChangedEntry[];
  /** In base, not in head: listed, not reviewed. */
  removed: Entry[];
  /** In both and the same (a `reason` edit or a move is not a change). Head entries. */
  unchanged: Entry[];
}

/** `base === null` means the file did not exist at the base ref (first PR): every head entry is added. */
export function diffAllowlists(base: readonly Entry[] | null, head: readonly Entry[]): AllowlistDiff {
  const baseByKey = new Map<string, Entry>();
  for (const e of base ?? []) if (!baseByKey.has(keyOf(e))) baseByKey.set(keyOf(e), e);
  const headKeys = new Set<string>();
  const diff: AllowlistDiff = { added: [], changed: [], removed: [], unchanged: [] };

  for (const to of head) {
    const key = keyOf(to);
    if (headKeys.has(key)) continue; // the parser reports duplicates; the first one counts
    headKeys.add(key);
    const from = baseByKey.get(key);
    if (!from) {
      diff.added.push(to);
      continue;
    }
    const kinds: ChangeKind[] = [];
    if (from.revision !== to.revision) kinds.push('revision');
    if (!sameFiles(from.files, to.files)) kinds.push('files');
    if (from.repo !== to.repo) kinds.push('case');
    // Recorded ids bind the entry to one repository and one owner: changing them re-binds it, so it is reviewed.
    if ((from.repoId ?? '') !== (to.repoId ?? '') || (from.authorId ?? '') !== (to.authorId ?? '')) kinds.push('ids');
    // Another profile means other rules: the entry is judged again under them.
    if ((from.profile ?? '') !== (to.profile ?? '')) kinds.push('profile');
    if (kinds.length > 0) diff.changed.push({ from, to, kinds });
    else diff.unchanged.push(to);
  }
  for (const [key, e] of baseByKey) if (!headKeys.has(key)) diff.removed.push(e);
  return diff;
}

/** The head entries that need a review (added and changed), in head file order. */
export function entriesToReview(diff: AllowlistDiff): Entry[] {
  return [...diff.added, ...diff.changed.map((c) => c.to)].sort((a, b) => a.line - b.line);
}

/** The base entry each changed head entry replaces (what was approved before), for identity binding. */
export function previousEntries(diff: AllowlistDiff): Map<Entry, Entry> {
  return new Map(diff.changed.map((c) => [c.to, c.from]));
}

/** The key two entries share when they name the same Hub repository. */
export function repoKey(repo: string): string {
  return repo.toLowerCase();
}

function keyOf(e: Entry): string {
  return repoKey(e.repo);
}

/** File selections compare as sets; no `files` (everything) differs from any list. */
function sameFiles(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
