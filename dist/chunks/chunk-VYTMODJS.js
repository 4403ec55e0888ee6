import {
  trimOf
} from "./chunk-5USQP7RK.js";

// src/checks/namespace/keys.ts
var SEPARATORS = /[-_.]/g;
var HUB_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
var MAX_NAME_LENGTH = 96;
function syntaxProblem(name) {
  const odd = [...name].filter((c) => c.codePointAt(0) > 126 || c.codePointAt(0) < 33);
  if (odd.some((c) => c.codePointAt(0) > 126)) return { kind: "non-ascii", chars: odd.map(describeChar) };
  if (name.length === 0) return { kind: "invalid", reason: "is empty" };
  if (name.length > MAX_NAME_LENGTH) return { kind: "invalid", reason: `is longer than ${MAX_NAME_LENGTH} characters` };
  if (odd.length > 0) return { kind: "invalid", reason: `contains control or space characters (${odd.map(describeChar).join(", ")})` };
  if (name.includes("--") || name.includes("..")) return { kind: "invalid", reason: "contains '--' or '..'" };
  if (!HUB_NAME.test(name)) {
    return { kind: "invalid", reason: "may only contain A-Z a-z 0-9 . _ - and must start and end with a letter, digit or _" };
  }
  return null;
}
function describeChar(c) {
  const cp = c.codePointAt(0);
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (DEFAULT_IGNORABLE.test(c)) return `${hex} (invisible)`;
  if (cp < 33) return `${hex} (control/space)`;
  return `${hex} '${c}'`;
}
function foldKey(name) {
  return name.toLowerCase().replace(SEPARATORS, "");
}
var DEFAULT_IGNORABLE = new RegExp("\\p{Default_Ignorable_Code_Point}", "u");
var STRIP = /[\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]/gu;
var CONFUSABLES = (() => {
  const pairs = [
    // Cyrillic lowercase
    ["\u0430", "a"],
    ["\u0432", "b"],
    ["\u0433", "r"],
    ["\u0435", "e"],
    ["\u0451", "e"],
    ["\u0437", "3"],
    ["\u043A", "k"],
    ["\u043C", "m"],
    ["\u043D", "h"],
    ["\u043E", "o"],
    ["\u043F", "n"],
    ["\u0440", "p"],
    ["\u0441", "c"],
    ["\u0442", "t"],
    ["\u0443", "y"],
    ["\u0445", "x"],
    ["\u044C", "b"],
    ["\u0455", "s"],
    ["\u0456", "i"],
    ["\u0457", "i"],
    ["\u0458", "j"],
    ["\u0501", "d"],
    ["\u051B", "q"],
    ["\u051D", "w"],
    ["\u04BB", "h"],
    ["\u04CF", "l"],
    ["\u0475", "v"],
    ["\u0261", "g"],
    ["\u050D", "g"],
    ["\u04AF", "y"],
    ["\u04AB", "c"],
    ["\u0461", "w"],
    ["\uA647", "i"],
    ["\u217C", "l"],
    // Cyrillic uppercase
    ["\u0410", "A"],
    ["\u0412", "B"],
    ["\u0415", "E"],
    ["\u0401", "E"],
    ["\u0417", "3"],
    ["\u041A", "K"],
    ["\u041C", "M"],
    ["\u041D", "H"],
    ["\u041E", "O"],
    ["\u0420", "P"],
    ["\u0421", "C"],
    ["\u0422", "T"],
    ["\u0423", "Y"],
    ["\u0425", "X"],
    ["\u0405", "S"],
    ["\u0406", "I"],
    ["\u0407", "I"],
    ["\u0408", "J"],
    ["\u051A", "Q"],
    ["\u051C", "W"],
    ["\u04C0", "l"],
    ["\u04BA", "h"],
    ["\u04AE", "Y"],
    ["\u042C", "b"],
    ["\u0500", "d"],
    ["\uA646", "l"],
    // Greek
    ["\u03B1", "a"],
    ["\u03B2", "b"],
    ["\u03B3", "y"],
    ["\u03B5", "e"],
    ["\u03B9", "i"],
    ["\u03BA", "k"],
    ["\u03BD", "v"],
    ["\u03BF", "o"],
    ["\u03C1", "p"],
    ["\u03C3", "o"],
    ["\u03C4", "t"],
    ["\u03C5", "u"],
    ["\u03C7", "x"],
    ["\u03C9", "w"],
    ["\u03F2", "c"],
    ["\u03F3", "j"],
    ["\u03C2", "c"],
    ["\u03B7", "n"],
    ["\u0391", "A"],
    ["\u0392", "B"],
    ["\u0395", "E"],
    ["\u0396", "Z"],
    ["\u0397", "H"],
    ["\u0399", "l"],
    ["\u039A", "K"],
    ["\u039C", "M"],
    ["\u039D", "N"],
    ["\u039F", "O"],
    ["\u03A1", "P"],
    ["\u03A4", "T"],
    ["\u03A5", "Y"],
    ["\u03A7", "X"],
    ["\u03F9", "C"],
    ["\u037F", "J"],
    // Armenian and Cherokee letters that pass for Latin
    ["\u0585", "o"],
    ["\u057D", "u"],
    ["\u0581", "g"],
    ["\u0578", "n"],
    ["\u0570", "h"],
    ["\u0566", "q"],
    ["\u13AA", "A"],
    ["\u13F4", "B"],
    ["\u13DF", "C"],
    ["\u13AC", "E"],
    ["\u13BB", "H"],
    ["\u13AB", "J"],
    ["\u13E6", "K"],
    ["\u13DE", "L"],
    ["\u13B7", "M"],
    ["\u13E2", "P"],
    ["\u13DA", "S"],
    ["\u13A2", "T"],
    ["\u13B3", "W"],
    ["\u13C3", "Z"],
    // Latin extensions, IPA and small capitals
    ["\u0131", "i"],
    ["\u0237", "j"],
    ["\u0251", "a"],
    ["\u0269", "i"],
    ["\u026A", "i"],
    ["\u029F", "l"],
    ["\u026B", "l"],
    ["\u0142", "l"],
    ["\u019A", "l"],
    ["\xF8", "o"],
    ["\xD8", "O"],
    ["\u0254", "c"],
    ["\u1D04", "c"],
    ["\u1D0F", "o"],
    ["\u1D20", "v"],
    ["\u1D21", "w"],
    ["\u1D22", "z"],
    ["\u0280", "r"],
    ["\u1D00", "a"],
    ["\u0299", "b"],
    ["\u1D05", "d"],
    ["\u1D07", "e"],
    ["\u0262", "g"],
    ["\u029C", "h"],
    ["\u1D0A", "j"],
    ["\u1D0B", "k"],
    ["\u1D0D", "m"],
    ["\u0274", "n"],
    ["\u1D18", "p"],
    ["\uA731", "s"],
    ["\u1D1B", "t"],
    ["\u1D1C", "u"],
    ["\u028F", "y"],
    ["\u0111", "d"],
    ["\u0127", "h"],
    ["\u0167", "t"],
    ["\u0185", "b"],
    ["\u0253", "b"],
    ["\u0257", "d"],
    ["\u0199", "k"],
    ["\u0271", "m"],
    ["\u0272", "n"],
    ["\u01A5", "p"],
    ["\u02A0", "q"],
    ["\u027D", "r"],
    ["\u0282", "s"],
    ["\u01AD", "t"],
    ["\u028B", "u"],
    ["\u2C73", "w"],
    ["\u01B4", "y"],
    ["\u0225", "z"],
    ["\u0196", "l"],
    ["\u01C0", "l"],
    // dashes, dots and low lines that pass for separators
    ["\u2010", "-"],
    ["\u2011", "-"],
    ["\u2012", "-"],
    ["\u2013", "-"],
    ["\u2014", "-"],
    ["\u2015", "-"],
    ["\u2212", "-"],
    ["\u2043", "-"],
    ["\u02D7", "-"],
    ["\u2027", "."],
    ["\u2024", "."],
    ["\xB7", "."],
    ["\u2022", "."],
    ["\u203F", "_"],
    ["\u2040", "_"]
  ];
  return Object.freeze(Object.fromEntries(pairs));
})();
var ASCII_LOOKALIKE = { I: "l", "1": "l", "0": "o", "|": "l" };
var ASCII_PAIRS = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/cl/g, "d"],
  [/nn/g, "m"]
];
function confusable(c) {
  if (c.length === 1 && c.charCodeAt(0) < 128) return ASCII_LOOKALIKE[c] ?? c;
  const latin = CONFUSABLES[c] ?? (c.codePointAt(0) > 127 ? c.normalize("NFKC") : c);
  return [...latin].map((k) => ASCII_LOOKALIKE[k] ?? CONFUSABLES[k] ?? k).join("");
}
function mapConfusables(s) {
  if (/^[a-z2-9._-]*$/.test(s)) return s;
  return [...s.normalize("NFD").replace(STRIP, "")].map(confusable).join("").normalize("NFD").replace(STRIP, "");
}
function skeleton(name) {
  let s = mapConfusables(mapConfusables(name).toLowerCase());
  for (const [re, to] of ASCII_PAIRS) s = s.replace(re, to);
  return s;
}
function visualKey(name) {
  return skeleton(name).replace(SEPARATORS, "");
}
function collapseRepeats(key) {
  return key.replace(/(.)\1+/gu, "$1");
}
function words(name) {
  const out = [];
  for (const part of name.split(/[-_.]+/)) {
    for (const w of part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? []) out.push(w.toLowerCase());
  }
  return out;
}
function osaDistance(a, b, max = Infinity) {
  const A = [...a];
  const B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  const rows = [];
  for (let i = 0; i <= A.length; i++) rows.push(new Array(B.length + 1).fill(0));
  const at = (i, j) => rows[i][j];
  for (let i = 0; i <= A.length; i++) rows[i][0] = i;
  for (let j = 0; j <= B.length; j++) rows[0][j] = j;
  for (let i = 1; i <= A.length; i++) {
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) d = Math.min(d, at(i - 2, j - 2) + 1);
      rows[i][j] = d;
    }
  }
  return at(A.length, B.length);
}
function stripAffix(name, affix, at) {
  const fold = foldKey(name);
  if (fold.length <= affix.length) return null;
  if (at === "suffix" ? !fold.endsWith(affix) : !fold.startsWith(affix)) return null;
  const keep = fold.length - affix.length;
  const chars = [...name];
  let seen = 0;
  if (at === "suffix") {
    let cut2 = 0;
    while (cut2 < chars.length && seen < keep) {
      if (!/[-_.]/.test(chars[cut2])) seen++;
      cut2++;
    }
    return trimSeparators(chars.slice(0, cut2).join(""));
  }
  let cut = 0;
  while (cut < chars.length && seen < affix.length) {
    if (!/[-_.]/.test(chars[cut])) seen++;
    cut++;
  }
  return trimSeparators(chars.slice(cut).join(""));
}
function trimSeparators(s) {
  return trimOf(s, "-_.");
}
function hasBoundaryAt(name, pos) {
  const chars = [...name];
  let seen = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (/[-_.]/.test(c)) {
      if (seen === pos) return true;
      continue;
    }
    if (seen === pos && i > 0) {
      const prev = chars[i - 1];
      return /[a-z0-9]/.test(prev) && /[A-Z]/.test(c);
    }
    seen++;
  }
  return false;
}

export {
  syntaxProblem,
  foldKey,
  skeleton,
  visualKey,
  collapseRepeats,
  words,
  osaDistance,
  stripAffix,
  hasBoundaryAt
};
