import {
  identityFindings
} from "./chunk-KUGKXF4P.js";
import {
  HubError
} from "./chunk-37FDLS5N.js";
import "./chunk-56LLOFTS.js";
import "./chunk-CVJYKYK3.js";

// src/checks/identity/check.ts
var identityCheck = {
  id: "identity",
  needs: "hub",
  async run(ctx) {
    const { entry, previous, resolved, author } = ctx;
    const base = previous && (previous.repoId || previous.authorId) ? previous : void 0;
    const recordedFrom = base ?? (entry.repoId || entry.authorId ? entry : void 0);
    const facts = {
      repo: resolved.canonicalId,
      repoId: resolved.repoId,
      ...resolved.info.createdAt ? { repoCreatedAt: resolved.info.createdAt } : {},
      ...author ? { author: { name: author.name, id: author.id, createdAt: author.createdAt } } : {}
    };
    if (recordedFrom) {
      facts.recorded = {
        ...recordedFrom.repoId ? { repoId: recordedFrom.repoId } : {},
        ...recordedFrom.authorId ? { authorId: recordedFrom.authorId } : {},
        from: base ? "base" : "entry"
      };
    }
    if (base && (base.repoId !== entry.repoId || base.authorId !== entry.authorId)) {
      facts.edited = {
        ...entry.repoId !== base.repoId && entry.repoId ? { repoId: entry.repoId } : {},
        ...entry.authorId !== base.authorId && entry.authorId ? { authorId: entry.authorId } : {}
      };
    }
    if (previous && previous.revision !== entry.revision) {
      const sha = previous.revision;
      const inHistory = (await ctx.hub.recentCommits(resolved.canonicalId, resolved.sha).catch(() => void 0))?.commits.find((c) => c.id === sha);
      if (inHistory) {
        facts.previousCommit = { sha, state: "found", date: inHistory.date };
      } else {
        try {
          const list = await ctx.hub.recentCommits(resolved.canonicalId, sha);
          const first = list.commits[0];
          facts.previousCommit = first && first.id === sha ? { sha, state: "found", date: first.date } : { sha, state: "found" };
        } catch (err) {
          facts.previousCommit = err instanceof HubError && (err.code === "revision-not-found" || err.code === "not-found") ? { sha, state: "missing" } : { sha, state: "unknown", reason: err instanceof Error ? err.message : String(err) };
        }
      }
    }
    return identityFindings(facts);
  }
};
export {
  identityCheck
};
