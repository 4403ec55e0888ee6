import {
  replaceDelimited,
  replaceTags,
  trimEndOf
} from "./chunk-5USQP7RK.js";

// src/checks/provenance/card-text.ts
function splitFrontMatter(text) {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text.replace(/^\uFEFF/, "") };
  return { body: text.slice(m[0].length), frontMatter: m[1] ?? "" };
}
function proseOf(body) {
  const noCode = withoutFences(body.replace(/<!--[\s\S]*?(?:-->|$)/g, " ")).replace(/`[^`\n]*`/g, " ");
  return replaceDelimited(replaceTags(noCode, " ", true), "](", ")", "] ", (c) => /\s/.test(c)).replace(/\bhttps?:\/\/\S+/g, " ");
}
function fencedCodeLines(body) {
  let n = 0;
  let fence;
  for (const line of body.split("\n")) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence.ch && m[1].length >= fence.len && line.trim() === m[1]) fence = void 0;
      else if (line.trim() !== "") n++;
      continue;
    }
    if (m) fence = { ch: m[1][0], len: m[1].length };
  }
  return n;
}
function withoutFences(text) {
  const kept = [];
  let fence;
  for (const line of text.split("\n")) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence.ch && m[1].length >= fence.len && line.trim() === m[1]) fence = void 0;
      continue;
    }
    if (m) {
      fence = { ch: m[1][0], len: m[1].length };
      continue;
    }
    kept.push(line);
  }
  return kept.join("\n");
}
function letterWords(text) {
  return text.normalize("NFKC").match(new RegExp("\\p{L}{2,}", "gu")) ?? [];
}
function comparableWords(card) {
  return splitFrontMatter(card).body.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
function shingles(words, k = 5) {
  const out = /* @__PURE__ */ new Set();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(" "));
  return out;
}
function jaccard(a, b) {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}
function containment(part, whole) {
  if (part.size === 0) return 0;
  let common = 0;
  for (const s of part) if (whole.has(s)) common++;
  return common / part.size;
}
function cardFingerprint(card) {
  const body = splitFrontMatter(card).body.normalize("NFKC");
  const out = /* @__PURE__ */ new Set();
  for (const m of body.matchAll(/\bhttps?:\/\/[^\s)<>\]"'`]{4,200}/g)) out.add(`url:${trimEndOf(m[0], ".,;:").toLowerCase()}`);
  for (const m of body.matchAll(/(?<![\p{L}\p{N}.])\d{1,4}[.,]\d{1,4}(?![\p{N}])%?|(?<![\p{L}\p{N}.])\d{1,3}%/gu)) out.add(`num:${m[0].replace(",", ".")}`);
  for (const m of body.matchAll(/(?<![\p{L}\p{N}])(?=[\p{L}\p{N}._-]{3,40}(?![\p{L}\p{N}]))(?:[\p{Lu}\p{N}]{3,}|[\p{L}][\p{L}._-]{0,30}\d[\p{L}\p{N}._-]*)(?![\p{L}\p{N}])/gu)) {
    out.add(`name:${m[0].toLowerCase()}`);
  }
  let fence = false;
  for (const line of body.split("\n")) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      continue;
    }
    const code = line.trim().replace(/\s+/g, " ");
    if (fence && code.length >= 12) out.add(`code:${code}`);
  }
  return out;
}
function cardSimilarity(candidate, original, selfIds = {}, k = 5) {
  const neutral = (text, ids2) => {
    let out = text;
    for (const id of ids2) if (id) out = out.split(new RegExp(escapeRegExp(id), "gi")).join(" selfrepoid ");
    return out;
  };
  const ids = [selfIds.candidate, selfIds.original];
  const a = shingles(comparableWords(neutral(candidate, ids)), k);
  const b = shingles(comparableWords(neutral(original, ids)), k);
  const fa = cardFingerprint(neutral(candidate, ids));
  const fb = cardFingerprint(neutral(original, ids));
  return {
    jaccard: jaccard(a, b),
    containment: containment(b, a),
    candidateShingles: a.size,
    originalShingles: b.size,
    fingerprint: containment(fb, fa),
    originalFingerprint: fb.size
  };
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export {
  splitFrontMatter,
  proseOf,
  fencedCodeLines,
  letterWords,
  cardSimilarity
};
