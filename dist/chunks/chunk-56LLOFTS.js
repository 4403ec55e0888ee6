
// src/core/secrets.ts
var MIN_SECRET = 6;
var MASK = "***";
var SHAPES = [
  /\bhf_[A-Za-z0-9]{20,}\b/g,
  /\bapi_org_[A-Za-z0-9]{20,}\b/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g
];
var known = /* @__PURE__ */ new Set();
var pattern;
function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function rememberSecret(value) {
  if (!value) return;
  const parts = [value.trim(), ...value.split(/\r?\n/).map((l) => l.trim())];
  let changed = false;
  for (const p of parts) {
    if (p.length < MIN_SECRET || /^-----(BEGIN|END) /.test(p) || known.has(p)) continue;
    known.add(p);
    const encoded = encodeURIComponent(p);
    if (encoded !== p) known.add(encoded);
    changed = true;
  }
  if (changed) {
    const alternatives = [...known].sort((a, b) => b.length - a.length).map(escape);
    pattern = new RegExp(alternatives.join("|"), "g");
  }
}
function redact(text) {
  let out = pattern ? text.replace(pattern, MASK) : text;
  for (const shape of SHAPES) out = out.replace(shape, MASK);
  return out;
}

export {
  rememberSecret,
  redact
};
