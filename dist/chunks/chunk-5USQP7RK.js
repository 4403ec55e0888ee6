
// src/core/text.ts
var LINE_END = /[\n\r\u2028\u2029]/;
function trimEndOf(s, chars, also = () => false) {
  let end = s.length;
  while (end > 0 && (chars.includes(s[end - 1]) || also(s[end - 1]))) end--;
  return s.slice(0, end);
}
var isSpace = (c) => /\s/.test(c);
function trimOf(s, chars) {
  let start = 0;
  while (start < s.length && chars.includes(s[start])) start++;
  return trimEndOf(s.slice(start), chars);
}
function lastLineStart(s) {
  let i = s.length;
  while (i > 0 && !LINE_END.test(s[i - 1])) i--;
  return i;
}
function cutFromFirstOf(s, chars) {
  for (let i = lastLineStart(s); i < s.length; i++) if (chars.includes(s[i])) return s.slice(0, i);
  return s;
}
function cutComment(s, marks, oneSpace = false) {
  for (let i = Math.max(1, lastLineStart(s)); i < s.length; i++) {
    if (!marks.includes(s[i]) || !/\s/.test(s[i - 1])) continue;
    let start = i - 1;
    if (!oneSpace) while (start > 0 && /\s/.test(s[start - 1])) start--;
    return s.slice(0, start);
  }
  return s;
}
function replaceDelimited(s, open, close, by, stop = () => false) {
  let out = "";
  let at = 0;
  let from = 0;
  for (; ; ) {
    const start = s.indexOf(open, from);
    if (start < 0) break;
    let k = start + open.length;
    while (k < s.length && s[k] !== close && !stop(s[k])) k++;
    if (k >= s.length) break;
    if (s[k] !== close) {
      from = k + 1;
      continue;
    }
    out += s.slice(at, start) + by;
    at = from = k + 1;
  }
  return out + s.slice(at);
}
function replaceTags(s, by, stopAtNewline = false) {
  return replaceDelimited(s, "<", ">", by, stopAtNewline ? (c) => c === "\n" : void 0);
}
function cutFromFirst(s, needle) {
  const at = s.indexOf(needle, lastLineStart(s));
  return at < 0 ? s : s.slice(0, at);
}
function dottedNameAtEnd(s) {
  let start = s.length;
  while (start > 0 && /[\w.]/.test(s[start - 1])) start--;
  for (let i = start; i < s.length; i++) if (/[A-Za-z_]/.test(s[i])) return i;
  return -1;
}
function cutUnescapedComment(s) {
  for (let i = lastLineStart(s); i < s.length; i++) if (s[i] === "#" && (i === 0 || s[i - 1] !== "\\")) return s.slice(0, i);
  return s;
}
function compareText(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 55296 && y >= 55296) {
      x = x >= 57344 ? x - 2048 : x + 8192;
      y = y >= 57344 ? y - 2048 : y + 8192;
    }
    return x - y;
  }
  return a.length - b.length;
}

export {
  trimEndOf,
  isSpace,
  trimOf,
  cutFromFirstOf,
  cutComment,
  replaceDelimited,
  replaceTags,
  cutFromFirst,
  dottedNameAtEnd,
  cutUnescapedComment,
  compareText
};
