import {
  ALLOWLIST_LIMITS,
  AllowlistFile,
  AllowlistItem,
  checkDocument,
  validItems
} from "./chunk-WGSXY4MX.js";
import {
  parseStrictYaml
} from "./chunk-DTKPZPO6.js";

// src/config/allowlist/parse.ts
function parseAllowlist(text, file) {
  if (text === null) return { entries: [], errors: [] };
  const { root, problems } = parseStrictYaml(text, { maxBytes: ALLOWLIST_LIMITS.maxBytes, what: file });
  const errors = [...problems];
  if (root === null) return { entries: [], errors: sorted(errors) };
  const doc = checkDocument(AllowlistFile, root, file);
  errors.push(...doc.errors);
  const entries = [];
  const firstLine = /* @__PURE__ */ new Map();
  for (const { index, value } of validItems(doc, ["models"], AllowlistItem)) {
    const item = doc.plain.nodeAt(["models", index]);
    if (problems.some((p) => p.line >= item.line && p.line <= item.endLine)) continue;
    const key = value.repo.toLowerCase();
    const first = firstLine.get(key);
    if (first) {
      const caseNote = first.repo !== value.repo ? ` as '${first.repo}'; repo ids are case-insensitive on the Hub` : "";
      errors.push({
        file,
        line: item.line,
        column: item.column,
        message: `model '${value.repo}' is listed twice (first on line ${first.line}${caseNote})`,
        help: "Keep one entry per model: remove this one or the other."
      });
      continue;
    }
    firstLine.set(key, { line: item.line, repo: value.repo });
    const entry = { repo: value.repo, revision: value.revision, line: item.line };
    if (value.files) entry.files = value.files;
    if (value.reason !== void 0) entry.reason = value.reason;
    if (value.repoId !== void 0) entry.repoId = value.repoId;
    if (value.authorId !== void 0) entry.authorId = value.authorId;
    if (value.profile !== void 0) entry.profile = value.profile;
    entries.push(entry);
  }
  return { entries, errors: sorted(errors) };
}
function sorted(errors) {
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export {
  parseAllowlist
};
