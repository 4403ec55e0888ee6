
// src/cli/conventions.ts
var EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3, failure: 4 };
function wantsHelp(args) {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "-h" || a === "--help") return true;
  }
  return false;
}
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i];
      const prev = d[i - 1];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
function didYouMean(word, candidates) {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return bestDistance <= limit ? best : void 0;
}
function optionsIn(usage) {
  return [...new Set([...usage.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0])), "--help"];
}
function unknownOptionIn(message) {
  return /unknown (?:option|argument) '(-[^'=\s]*)/i.exec(message)?.[1] ?? /^unknown option (-[^\s=]+)/i.exec(message)?.[1];
}

export {
  EXIT,
  wantsHelp,
  didYouMean,
  optionsIn,
  unknownOptionIn
};
