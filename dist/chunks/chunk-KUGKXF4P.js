
// src/checks/identity/rules.ts
var DAY = 864e5;
function later(a, b) {
  const ta = a ? Date.parse(a) : Number.NaN;
  const tb = b ? Date.parse(b) : Number.NaN;
  return !Number.isNaN(ta) && !Number.isNaN(tb) && ta > tb + DAY;
}
function identityFindings(f) {
  const out = [];
  const where = f.recorded?.from === "base" ? "the approval on the base branch" : f.recorded?.from === "approval" ? "the approval" : "this entry";
  if (f.recorded?.repoId && f.recorded.repoId !== f.repoId) {
    out.push({
      check: "identity.repo-changed",
      severity: "critical",
      message: `${f.repo} is not the repository ${where} recorded: its _id is ${f.repoId}, the approval says ${f.recorded.repoId}`,
      evidence: `recorded repo_id ${f.recorded.repoId}; the Hub now answers ${f.repoId}`,
      help: "The name now points at another repository: it was deleted and re-created, or the name changed hands. Do not approve; find out what happened to the approved repository."
    });
  }
  if (f.recorded?.authorId && f.author && f.recorded.authorId !== f.author.id) {
    out.push({
      check: "identity.author-changed",
      severity: "critical",
      message: `the namespace ${f.author.name} changed hands: its account _id is ${f.author.id}, ${where} recorded ${f.recorded.authorId}`,
      evidence: `recorded author_id ${f.recorded.authorId}; the Hub now answers ${f.author.id} (created ${f.author.createdAt})`,
      help: "The organisation or user that published the approved model was deleted and its name registered again by someone else. Do not approve anything from this namespace until its new owner is identified."
    });
  }
  if (f.edited && f.recorded?.from === "base") {
    const what = [f.edited.repoId !== void 0 ? `repo_id \u2192 ${f.edited.repoId}` : "", f.edited.authorId !== void 0 ? `author_id \u2192 ${f.edited.authorId}` : ""].filter(Boolean).join(", ");
    out.push({
      check: "identity.ids-edited",
      severity: "medium",
      message: `this pull request changes the identity recorded for ${f.repo} (${what || "removes it"})`,
      evidence: `base: repo_id ${f.recorded.repoId ?? "\u2014"}, author_id ${f.recorded.authorId ?? "\u2014"}`,
      help: "The review holds the entry to the base branch's ids. Re-binding an approval to another repository or owner needs a reviewer's explicit decision."
    });
  }
  const prev = f.previousCommit;
  if (prev?.state === "missing") {
    out.push({
      check: "identity.history-lost",
      severity: "high",
      message: `the previously approved commit ${prev.sha} no longer exists in ${f.repo}: its history was rewritten, or the repository was deleted and re-created`,
      help: "A re-pin is reviewed as a continuation of what was approved. Find out why the approved history is gone before approving the new commit."
    });
  } else if (prev?.state === "found") {
    if (f.author && later(f.author.createdAt, prev.date)) {
      out.push({
        check: "identity.namespace-reregistered",
        severity: "critical",
        message: `the account ${f.author.name} was created ${f.author.createdAt.slice(0, 10)}, after the approved commit ${prev.sha.slice(0, 7)} (${prev.date?.slice(0, 10)}): the namespace changed hands since the approval`,
        evidence: `approved commit date ${prev.date}; account created ${f.author.createdAt}`,
        help: "The account that holds this name now did not exist when the approved model was published. Do not approve; the name was re-registered."
      });
    }
    if (later(f.repoCreatedAt, prev.date)) {
      out.push({
        check: "identity.repo-recreated",
        severity: "critical",
        message: `${f.repo} was created ${f.repoCreatedAt?.slice(0, 10)}, after the approved commit ${prev.sha.slice(0, 7)} (${prev.date?.slice(0, 10)}): it is a new repository carrying the old history`,
        evidence: `approved commit date ${prev.date}; repository created ${f.repoCreatedAt}`,
        help: "The approved repository was deleted and a new one pushed with its commits. Do not approve."
      });
    }
  } else if (prev?.state === "unknown") {
    out.push({
      check: "identity.history-unchecked",
      severity: "info",
      message: `could not check that the previously approved commit ${prev.sha.slice(0, 7)} still exists: ${prev.reason}`,
      help: "Re-run when the Hub answers; until then the re-pin is judged on its own."
    });
  }
  if (!f.recorded && !prev) {
    out.push({
      check: "identity.not-recorded",
      severity: "info",
      message: `record the repository's and author's ids in the entry so a later re-pin is bound to them: repo_id: ${f.repoId}${f.author ? `, author_id: ${f.author.id}` : ""}`,
      help: "Write them under the entry (long form). A namespace deleted and re-registered by someone else then cannot carry an approval over."
    });
  }
  return out;
}

export {
  identityFindings
};
