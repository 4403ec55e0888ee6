
// src/config/allowlist/diff.ts
function diffAllowlists(base, head) {
  const baseByKey = /* @__PURE__ */ new Map();
  for (const e of base ?? []) if (!baseByKey.has(keyOf(e))) baseByKey.set(keyOf(e), e);
  const headKeys = /* @__PURE__ */ new Set();
  const diff = { added: [], changed: [], removed: [], unchanged: [] };
  for (const to of head) {
    const key = keyOf(to);
    if (headKeys.has(key)) continue;
    headKeys.add(key);
    const from = baseByKey.get(key);
    if (!from) {
      diff.added.push(to);
      continue;
    }
    const kinds = [];
    if (from.revision !== to.revision) kinds.push("revision");
    if (!sameFiles(from.files, to.files)) kinds.push("files");
    if (from.repo !== to.repo) kinds.push("case");
    if ((from.repoId ?? "") !== (to.repoId ?? "") || (from.authorId ?? "") !== (to.authorId ?? "")) kinds.push("ids");
    if ((from.profile ?? "") !== (to.profile ?? "")) kinds.push("profile");
    if (kinds.length > 0) diff.changed.push({ from, to, kinds });
    else diff.unchanged.push(to);
  }
  for (const [key, e] of baseByKey) if (!headKeys.has(key)) diff.removed.push(e);
  return diff;
}
function entriesToReview(diff) {
  return [...diff.added, ...diff.changed.map((c) => c.to)].sort((a, b) => a.line - b.line);
}
function previousEntries(diff) {
  return new Map(diff.changed.map((c) => [c.to, c.from]));
}
function repoKey(repo) {
  return repo.toLowerCase();
}
function keyOf(e) {
  return repoKey(e.repo);
}
function sameFiles(a, b) {
  if (a === void 0 || b === void 0) return a === b;
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

export {
  diffAllowlists,
  entriesToReview,
  previousEntries,
  repoKey
};
