// The identity check in the review: the facts identityFindings (rules.ts) judges, from the entry, the base
// branch's entry it replaces, the resolved repository and its author, and one Hub read for a re-pin.
import { HubError } from '../../hub/errors.js';
import type { HubCheck } from '../types.js';
import { identityFindings, type IdentityFacts } from './rules.js';

export const identityCheck: HubCheck = {
  id: 'identity',
  needs: 'hub',
  async run(ctx) {
    const { entry, previous, resolved, author } = ctx;
    const base = previous && (previous.repoId || previous.authorId) ? previous : undefined;
    const recordedFrom = base ?? (entry.repoId || entry.authorId ? entry : undefined);
    const facts: IdentityFacts = {
      repo: resolved.canonicalId,
      repoId: resolved.repoId,
      ...(resolved.info.createdAt ? { repoCreatedAt: resolved.info.createdAt } : {}),
      ...(author ? { author: { name: author.name, id: author.id, createdAt: author.createdAt } } : {})
    };
    if (recordedFrom) {
      facts.recorded = {
        ...(recordedFrom.repoId ? { repoId: recordedFrom.repoId } : {}),
        ...(recordedFrom.authorId ? { authorId: recordedFrom.authorId } : {}),
        from: base ? 'base' : 'entry'
      };
    }
    if (base && (base.repoId !== entry.repoId || base.authorId !== entry.authorId)) {
      facts.edited = {
        ...(entry.repoId !== base.repoId && entry.repoId ? { repoId: entry.repoId } : {}),
        ...(entry.authorId !== base.authorId && entry.authorId ? { authorId: entry.authorId } : {})
      };
    }
    if (previous && previous.revision !== entry.revision) {
      const sha = previous.revision;
      // A re-pin usually moves forward a few commits: the new pin's newest commits (read for provenance anyway) then
      // hold the previous one, and asking the Hub for it again would tell nothing more.
      const inHistory = (await ctx.hub.recentCommits(resolved.canonicalId, resolved.sha).catch(() => undefined))?.commits.find((c) => c.id === sha);
      if (inHistory) {
        facts.previousCommit = { sha, state: 'found', date: inHistory.date };
      } else {
        try {
          const list = await ctx.hub.recentCommits(resolved.canonicalId, sha);
          const first = list.commits[0];
          facts.previousCommit = first && first.id === sha ? { sha, state: 'found', date: first.date } : { sha, state: 'found' };
        } catch (err) {
          facts.previousCommit = err instanceof HubError && (err.code === 'revision-not-found' || err.code === 'not-found')
            ? { sha, state: 'missing' }
            : { sha, state: 'unknown', reason: err instanceof Error ? err.message : String(err) };
        }
      }
    }
    return identityFindings(facts);
  }
};
