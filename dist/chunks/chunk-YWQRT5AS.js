
// src/report/escape.ts
var ELLIPSIS = "\u2026";
var PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
var unicode;
var patterns = () => unicode ??= {
  // Also the whole-string check of a one-line text: the character loop below changes exactly these (tabs and
  // newlines are controls, flattened to spaces).
  invisible: /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u,
  // The whole-string check of a multi-line text, where tabs and newlines stay.
  needsWorkMultiline: /[\0-\x08\x0B-\x1F\x7F-\x9F\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|\r/u,
  jsonUnsafe: /[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu
};
function visible(cp) {
  return `\\u{${cp.toString(16).toUpperCase().padStart(4, "0")}}`;
}
function sanitize(input, opts) {
  const max = Math.max(1, Math.floor(opts.max));
  if (PRINTABLE_ASCII.test(input) || !(opts.multiline ? patterns().needsWorkMultiline : patterns().invisible).test(input)) {
    if (input.length <= max) return input;
    let end = max - 1;
    const last = input.charCodeAt(end - 1);
    if (last >= 55296 && last <= 56319) end--;
    return input.slice(0, end) + ELLIPSIS;
  }
  let out = "";
  let cut = 0;
  let prev = "";
  for (const ch of input) {
    let piece;
    if (ch === "\n" && prev === "\r") piece = "";
    else if (ch === "\r" || ch === "\n") piece = opts.multiline ? "\n" : " ";
    else if (ch === "	") piece = opts.multiline ? "	" : " ";
    else if (patterns().invisible.test(ch)) piece = visible(ch.codePointAt(0) ?? 0);
    else piece = ch;
    prev = ch;
    out += piece;
    if (out.length <= max - 1) cut = out.length;
    else if (out.length > max) return out.slice(0, cut) + ELLIPSIS;
  }
  return out;
}
var LINKABLE = /[@#]|:\/\/|GH-\d|www\.|(?:javascript|data|vbscript|mailto|xmpp|file)\s*:/i;
function isLinkable(text) {
  return LINKABLE.test(text);
}
var MD_SYNTAX = /[&<>\\`*_{}[\]()!~|$#]/g;
var ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function escapeSyntax(text) {
  return text.replace(MD_SYNTAX, (ch) => ENTITY[ch] ?? `\\${ch}`);
}
function escapeLineStart(md) {
  return md.replace(/^(\d+)\./, "$1\\.").replace(/^[-+=]/, (ch) => `\\${ch}`);
}
function wordTokens(text) {
  return text.split(/( +)/).filter((w) => w !== "").map((w) => ({ code: isLinkable(w), text: w }));
}
function renderTokens(tokens) {
  const flat = [];
  for (const t of tokens) {
    const parts = t.code ? t.text.split(/(\|)/).filter((p) => p !== "") : [t.text];
    for (const p of parts) {
      const code = t.code && p !== "|";
      const last = flat.at(-1);
      if (last && last.code === code) last.text += p;
      else flat.push({ code, text: p });
    }
  }
  return escapeLineStart(flat.map((t) => t.code ? fencedSpan(t.text) : escapeSyntax(t.text)).join(""));
}
var CAPS = { name: 200, message: 300, help: 600, evidence: 1500, line: 400 };
function escapeInline(text, max = CAPS.line) {
  return renderTokens(wordTokens(sanitize(text, { max })));
}
function escapeProse(text, max = CAPS.message) {
  const clean = sanitize(text, { max });
  const tokens = [];
  let at = 0;
  for (const m of clean.matchAll(/`([^`]+)`/g)) {
    for (const t of wordTokens(clean.slice(at, m.index))) tokens.push(t);
    tokens.push({ code: true, text: m[1] });
    at = m.index + m[0].length;
  }
  for (const t of wordTokens(clean.slice(at))) tokens.push(t);
  return renderTokens(tokens);
}
function escapeHtml(text, max = CAPS.line) {
  return wordTokens(sanitize(text, { max })).map((t) => t.code ? `<code>${htmlEntities(t.text)}</code>` : htmlEntities(t.text)).join("");
}
function htmlEntities(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function longestBacktickRun(text) {
  let best = 0;
  for (const m of text.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}
function codeSpan(text, max = CAPS.line) {
  const body = sanitize(text, { max });
  if (body.length === 0) return "*(empty)*";
  return fencedSpan(body);
}
function fencedSpan(body) {
  const fence = "`".repeat(longestBacktickRun(body) + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || body.startsWith(" ") && body.endsWith(" ") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}
function codeCell(text, max = CAPS.line) {
  const body = sanitize(text, { max });
  if (body.length === 0) return "*(empty)*";
  if (isLinkable(body)) return renderTokens([{ code: true, text: body }]);
  return `<code>${escapeSyntax(body)}</code>`;
}
function codeBlock(text, max = CAPS.evidence, info = "") {
  let body = sanitize(text, { max, multiline: true });
  let end = body.length;
  while (end > 0 && body.charCodeAt(end - 1) === 10) end--;
  body = body.slice(0, end);
  const fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${info}
${body}
${fence}`;
}
function plain(text, max = CAPS.line) {
  return sanitize(text, { max });
}
var BELOW_DEL = /^[\0-\x7e]*$/;
function safeJson(value, indent) {
  const json = JSON.stringify(value, null, indent);
  if (BELOW_DEL.test(json)) return json;
  return json.replace(
    patterns().jsonUnsafe,
    (ch) => Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`).join("")
  );
}

export {
  sanitize,
  CAPS,
  escapeInline,
  escapeProse,
  escapeHtml,
  codeSpan,
  codeCell,
  codeBlock,
  plain,
  safeJson
};
