
// src/core/ids.ts
var MAX_ID_PART = 96;
var PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
var FULL_SHA = /^[0-9a-f]{40}$/;
function checkRepoId(id) {
  if (id.length === 0) return { message: "repo id is empty", help: "Write the model's id as `namespace/name`." };
  for (let i = 0; i < id.length; i++) {
    const code = id.codePointAt(i) ?? 0;
    if (code > 126 || code < 33) {
      const hex = code.toString(16).toUpperCase().padStart(4, "0");
      return {
        message: `repo id '${printable(id)}' contains the character U+${hex} at position ${i + 1}; Hub ids are plain ASCII`,
        help: "This is either a typo or a lookalike (homoglyph) of a real name. Copy the id from the model page URL."
      };
    }
  }
  const url = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/(.*)$/.exec(id);
  if (url) {
    return {
      message: `repo id '${id}' is a URL`,
      help: `Write only \`namespace/name\` (for example \`${url[1]?.split("/").slice(0, 2).join("/") ?? "org/name"}\`).`
    };
  }
  const parts = id.split("/");
  if (parts.length === 1) {
    return {
      message: `repo id '${id}' has no namespace`,
      help: "Write `namespace/name`. Legacy ids without a namespace redirect to another repo (e.g. `gpt2` is `openai-community/gpt2`); pin the canonical one."
    };
  }
  if (parts.length > 2) {
    const first = parts[0];
    const hint = first === "models" || first === "datasets" || first === "spaces" ? ` Drop the '${first}/' prefix; only models are reviewed.` : "";
    return {
      message: `repo id '${id}' has ${parts.length - 1} slashes; it must be exactly \`namespace/name\``,
      help: `Write \`namespace/name\`; file paths belong in \`files\`.${hint}`
    };
  }
  for (const [label, part] of [
    ["namespace", parts[0] ?? ""],
    ["name", parts[1] ?? ""]
  ]) {
    if (part.length === 0) return { message: `repo id '${id}' has an empty ${label}`, help: "Write `namespace/name`." };
    if (part.length > MAX_ID_PART) {
      return {
        message: `repo id '${id}': ${label} is ${part.length} characters, over the Hub's ${MAX_ID_PART}`,
        help: "Copy the id from the model page URL."
      };
    }
    if (!PART.test(part)) {
      return {
        message: `repo id '${id}': ${label} '${part}' may only use letters, digits, '-', '_' and '.', and must not start or end with '-' or '.'`,
        help: "Copy the id from the model page URL."
      };
    }
  }
  if (id.includes("--") || id.includes("..")) {
    return { message: `repo id '${id}' contains '--' or '..', which the Hub does not allow`, help: "Copy the id from the model page URL." };
  }
  if (id.endsWith(".git")) {
    return { message: `repo id '${id}' ends with '.git'`, help: "Drop the `.git` suffix." };
  }
  return null;
}
function checkRevision(rev, repo) {
  if (FULL_SHA.test(rev)) return null;
  const target = repo && checkRepoId(repo) === null ? repo : "NAMESPACE/NAME";
  const find = `find it with \`git ls-remote https://huggingface.co/${target} refs/heads/main\` or on the model page under "Files and versions" \u2192 History`;
  if (rev.length === 0) return { message: "revision is empty", help: `Pin the full 40-character commit sha; ${find}.` };
  if (/^[0-9a-fA-F]{40}$/.test(rev)) {
    return { message: `revision '${rev}' has uppercase letters`, help: `Write the sha in lowercase: ${rev.toLowerCase()}.` };
  }
  if (/^[0-9a-fA-F]{4,39}$/.test(rev) && /[0-9]/.test(rev)) {
    return {
      message: `revision '${rev}' is not a full 40-character commit sha (it has ${rev.length}); abbreviated shas can become ambiguous`,
      help: `Pin the full 40-character commit sha; ${find}.`
    };
  }
  if (/^[0-9a-fA-F]{64}$/.test(rev)) {
    return {
      message: `revision '${printable(rev)}' is 64 hex characters (a sha256, such as a file hash), not a git commit`,
      help: `Pin the 40-character commit sha; ${find}.`
    };
  }
  if (/^[0-9.eE+-]+$/.test(rev)) {
    return {
      message: `revision '${rev}' is not a 40-character commit sha`,
      help: `Pin the full 40-character commit sha (quote it if your editor shows it as a number); ${find}.`
    };
  }
  if (/^[A-Za-z0-9._/-]+$/.test(rev)) {
    return {
      message: `revision '${rev}' is a branch or tag name, which can move after review`,
      help: `Pin the 40-character commit sha it points to now; ${find.replace("refs/heads/main", `${rev}`)}.`
    };
  }
  return { message: `revision '${printable(rev)}' is not a 40-character commit sha`, help: `Pin the full commit sha; ${find}.` };
}
function printable(s, max = 120) {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 32 || code > 126 ? `\\u{${code.toString(16).toUpperCase()}}` : ch;
    if (out.length > max) return `${out.slice(0, max)}\u2026`;
  }
  return out;
}
function checkNamespace(ns) {
  const help = "Copy the name from the organisation or user page URL on the Hub.";
  if (ns.includes("/")) return { message: `namespace '${printable(ns)}' contains '/'`, help: "Give only the organisation or user name, without the model name." };
  if (!/^[\x21-\x7e]+$/.test(ns)) return { message: `namespace '${printable(ns)}' is empty or not plain ASCII`, help };
  if (ns.length > MAX_ID_PART) return { message: `namespace '${ns}' is ${ns.length} characters, over the Hub's ${MAX_ID_PART}`, help };
  if (!PART.test(ns) || ns.includes("--") || ns.includes("..")) {
    return { message: `namespace '${ns}' may only use letters, digits, '-', '_' and '.' (no '--' or '..', no '-' or '.' at either end)`, help };
  }
  return null;
}

export {
  checkRepoId,
  checkRevision,
  printable,
  checkNamespace
};
