// Every regular expression that src/analyze, src/checks, src/scan and src/report apply to repository data must run
// in linear time. This checks each regex literal (and each `new RegExp` of a literal) with recheck, a ReDoS checker
// that decides by automata theory or by fuzzing with attack strings (https://makenowjust-labs.github.io/recheck/),
// and fails on any it finds super-linear. `./run check` runs it; its verdicts are cached in check-regex.json by
// pattern, so only new or changed patterns cost a check (a second or so each). `new RegExp` of a computed pattern
// must be listed in DYNAMIC with why it is linear. Offline: recheck ships a native binary (and a JS fallback).
//   node scripts/check-regex.mjs           check (computes what the cache lacks; says when to refresh it)
//   node scripts/check-regex.mjs --write   check and rewrite the cache to exactly the patterns in use
import ts from 'typescript';
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['src/analyze', 'src/checks', 'src/scan', 'src/report'];
const CACHE = 'scripts/check-regex.json';
/** Super-linear patterns waiting for a rewrite, by file: printed on every run. Empty: every pattern is linear. */
const KNOWN = new Map([]);
/** Patterns applied only to text of a bounded length, by file and pattern, with the bound. */
const BOUNDED = new Map([
  ['src/checks/content/instructions.ts', [['/(?:^|(?:^|\\s)(?:\\d+[.)]|[-*\\u2022+]|step\\s*\\d+\\s*[:.]?)|[:\\uFF1A>]|\\b(?:run|execute|type|enter|command)|\\u8FD0\\u884C|\\u6267\\u884C|\\u8F93\\u5165|\\u5B9F\\u884C)\\s*$/i', 'COMMAND_LEAD: tested on the 40 characters before a command']]],
  ['src/checks/provenance/card-text.ts', [['/(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}._-]{3,40}(?![\\p{L}\\p{N}]))(?:[\\p{Lu}\\p{N}]{3,}|[\\p{L}][\\p{L}._-]{0,30}\\d[\\p{L}\\p{N}._-]*)(?![\\p{L}\\p{N}])/gu', 'tokens: the lookahead bounds the letters and digits from a start to 40 and {0,30} the search for a digit, and the final run never gives back (the next character is outside its class); linear, 1 MiB of recheck\'s attack in about 0.1 s (linear-time.test.ts)']]]
]);
/** Computed patterns, by file and the source text of the call, with why they are linear. */
const DYNAMIC = new Map([
  ['src/checks/content/instructions.ts', ['a fence line: `^\\s{0,3}` then one fence character repeated, then `\\s*$`: no two quantifiers can trade characters']],
  ['src/checks/provenance/card-text.ts', ['an escaped literal (escapeRegExp): no quantifiers']],
  ['src/analyze/python/strings.ts', ['`^[0-9a-fA-F]{n}$`: one bounded quantifier']],
  ['src/checks/namespace/quantised.ts', ['QUANTISED (TOKEN after ^ or a separator): checked by recheck in __tests__/analyze/linear-time.test.ts', 'QUANTISED_ALL: the same']]
]);

const write = process.argv.includes('--write');
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
ROOTS.forEach(walk);

const found = []; // { file, line, source, flags }
const dynamic = new Map(); // file -> count
for (const file of files.sort()) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const lineOf = (n) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const t = node.text;
      const at = t.lastIndexOf('/');
      found.push({ file, line: lineOf(node), source: t.slice(1, at), flags: t.slice(at + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern && ts.isStringLiteral(pattern) && (!flags || ts.isStringLiteral(flags))) {
        found.push({ file, line: lineOf(node), source: pattern.text, flags: flags ? flags.text : '' });
      } else dynamic.set(file, (dynamic.get(file) ?? 0) + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const cache = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : {};
// g changes where matching starts, not how a match backtracks; y anchors each match where the last one ended, so
// recheck judges a sticky pattern as anchored at the start.
const anchored = (r) => (r.flags.includes('y') ? `^(?:${r.source})` : r.source);
const keyOf = (r) => `/${anchored(r)}/${r.flags.replace(/[gyd]/g, '')}`;
const fresh = {};
let computed = 0;
let recheck;
for (const r of found) {
  const key = keyOf(r);
  if (fresh[key]) continue;
  if (cache[key]) {
    fresh[key] = cache[key];
    continue;
  }
  recheck ??= await import('recheck');
  const d = recheck.checkSync(anchored(r), r.flags.replace(/[gyd]/g, ''), { timeout: 20000 });
  computed++;
  fresh[key] = d.status === 'vulnerable'
    ? `vulnerable: ${d.complexity?.type ?? ''}${d.complexity?.degree ? ` degree ${d.complexity.degree}` : ''}${d.attack ? `, attack ${d.attack.pattern}` : ''}`
    : d.status;
}

const failures = [];
for (const r of found) {
  const verdict = fresh[keyOf(r)];
  if (verdict === 'safe') continue;
  const bound = (BOUNDED.get(r.file) ?? []).find(([pat]) => pat === `/${r.source}/${r.flags}`);
  if (bound) continue; // linear in the text's bound: the reason is in BOUNDED
  if ((KNOWN.get(r.file) ?? []).includes(`/${r.source}/${r.flags}`)) {
    console.log(`check-regex: known, owned elsewhere: ${r.file}:${r.line} /${r.source}/${r.flags} (${verdict})`);
    continue;
  }
  failures.push(`${r.file}:${r.line} /${r.source}/${r.flags} — ${verdict}`);
}
for (const [file, n] of dynamic) {
  const reasons = DYNAMIC.get(file) ?? [];
  if (reasons.length < n) failures.push(`${file}: ${n} RegExp built from a computed pattern, ${reasons.length} reviewed (list it in DYNAMIC in scripts/check-regex.mjs with why it is linear)`);
}

const stale = computed > 0 || Object.keys(cache).some((k) => !(k in fresh));
if (write) {
  const sorted = Object.fromEntries(Object.keys(fresh).sort().map((k) => [k, fresh[k]]));
  writeFileSync(CACHE, `${JSON.stringify(sorted, null, 1)}\n`);
} else if (stale) {
  console.log(`check-regex: ${CACHE} is not up to date (${computed} pattern(s) checked now); refresh it with node scripts/check-regex.mjs --write`);
}
if (failures.length > 0) {
  console.error(`check-regex: regular expressions applied to repository data must run in linear time; recheck finds these super-linear:\n  ${failures.join('\n  ')}\nRewrite them (anchor, make adjacent quantifiers disjoint, bound lengths) or replace them with a small scanner; bench/regex.ts shows how.`);
  process.exit(1);
}
console.log(`check-regex: ${found.length} regular expressions in ${ROOTS.join(', ')} run in linear time (recheck)`);
