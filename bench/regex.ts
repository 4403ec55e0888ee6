// Regular expressions applied to repository data, before and after the linear-time rewrite (issue 10 item 3).
// Each row is a pattern found super-linear by recheck (scripts/check-regex.mjs) or eslint-plugin-regexp, its
// adversarial input (recheck's attack shape), and the replacement as it now runs in src/. The old pattern is timed
// on growing inputs (doubling n: quadratic doubles-squared, ×4 per step) until one run passes a second; the new one
// on 1 MiB. Plus the chat template analysis on a 560 KB template (an external run took 104 s with the old
// pattern matcher) and on megabyte adversarial templates.
// Run: ./run bench regex; writes bench/results/regex.md. The new column calls src/core/text.ts where a scanner
// replaced the pattern.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { analyzeChatTemplate } from '../src/analyze/template.js';
import { cutComment, cutFromFirstOf, cutUnescapedComment, isSpace, replaceDelimited, replaceTags, trimEndOf, trimOf } from '../src/core/text.js';

interface Row {
  site: string;
  before: RegExp;
  /** The code path as it runs now (a rewritten pattern, or a small scanner). */
  after: (s: string) => unknown;
  attack: (n: number) => string;
  /** How the old pattern was applied. */
  op: 'test' | 'replace' | 'exec';
}

const rows: Row[] = [
  { site: 'analyze/docs.ts fence line', before: /^([ \t]*(?:>[ \t]*)*)(`{3,}|~{3,})(.*)$/, op: 'exec', attack: (n) => `\`\`\`${'`'.repeat(n)}\n`, after: (s) => /^([ \t]*(?:>[ \t]*)*)(`{3,}(?!`)|~{3,}(?!~))(.*)$/.exec(s) },
  { site: 'analyze/docs.ts <code>/<kbd> spans', before: /<(code|kbd|samp)(?:\s[^>]*)?>([^<]*)<\/\1>/gi, op: 'replace', attack: (n) => '<KBD\tK'.repeat(n / 6), after: (s) => s.replace(/<(code|kbd|samp)(?:\s[^<>]*)?>([^<]*)<\/\1>/gi, '') },
  { site: 'analyze/docs.ts tags in <pre>', before: /<[^>]*>/g, op: 'replace', attack: (n) => '<'.repeat(n), after: (s) => replaceTags(s, '') },
  { site: 'analyze/shell/makefile.ts comments', before: /(^|[^\\])#.*$/, op: 'replace', attack: (n) => `#${'\u0000#'.repeat(n / 2)}\n#`, after: (s) => cutUnescapedComment(s) },
  { site: 'checks/content/instructions.ts RUN line', before: /^\s*RUN\s+(.*)$/i, op: 'exec', attack: (n) => `RUN\n${'\t'.repeat(n)}U\n`, after: (s) => /^\s*RUN\s+(\S.*)?$/i.exec(s) },
  { site: 'scan/tar.ts GNU sparse pax', before: /\d+ GNU\.sparse\.offset=(\d+)\n/g, op: 'replace', attack: (n) => '0'.repeat(n), after: (s) => s.replace(/(?<!\d)\d+ GNU\.sparse\.offset=(\d+)\n/g, '') },
  { site: 'scan/npy-dtype.ts sub-array brackets', before: /\[[^\]]*\]/g, op: 'replace', attack: (n) => '['.repeat(n), after: (s) => replaceDelimited(s, '[', ']', '') },
  { site: 'analyze/python/analyze.ts %-format fields', before: /%[-#0 +]*\d*(?:\.\d+)?[sdrifxa%]/g, op: 'replace', attack: (n) => `%${'0'.repeat(n)}`, after: (s) => s.replace(/%[-#0 +]*(?:[1-9]\d*)?(?:\.\d+)?[sdrifxa%]/g, '') },
  { site: 'analyze/python/analyze.ts str.format fields', before: /\{(\w*)(![rsa])?(:[^}]*)?\}/g, op: 'replace', attack: (n) => '{:'.repeat(n / 2), after: (s) => s.replace(/\{(\w*)(![rsa])?(:[^{}]*)?\}/g, '') },
  { site: 'analyze/python/imports.ts relative import', before: /^from (\.+)([\w.]*) import \(?\s*([^)]*)/, op: 'exec', attack: (n) => `from .${'.'.repeat(n)}`, after: (s) => /^from (\.+)(\w[\w.]*)? import \(?\s*([^)]*)/.exec(s) },
  { site: 'analyze/python/strings.ts base32 padding', before: /=+$/, op: 'replace', attack: (n) => `${'='.repeat(n)}\u0000=`, after: (s) => trimEndOf(s, '=') },
  { site: 'analyze/requirements.ts comments', before: /\s+#.*$/, op: 'replace', attack: (n) => `${'\t'.repeat(n)}\u0000\t#`, after: (s) => cutComment(s, '#') },
  { site: 'analyze/requirements.ts yaml list item', before: /^-\s+(.+)$/, op: 'exec', attack: (n) => `-${'\t'.repeat(n)}\u2028`, after: (s) => /^-\s+(\S.*)$/.exec(s) },
  { site: 'analyze/requirements.ts requirements*.txt', before: /requirements.*\.txt$/, op: 'test', attack: (n) => `${'requirements'.repeat(n / 12)}\n`, after: (s) => s.endsWith('.txt') && s.slice(0, -4).includes('requirements') },
  { site: 'analyze/shell/analyze.ts URL query', before: /[?#].*$/, op: 'replace', attack: (n) => `${'#'.repeat(n)}\n#`, after: (s) => cutFromFirstOf(s, '?#') },
  { site: 'analyze/shell/analyze.ts wget -O', before: /^-[a-zA-Z]*O(.*)$/, op: 'exec', attack: (n) => `-${'O'.repeat(n)}\n`, after: (s) => /^-[a-zA-NP-Z]*O(.*)$/.exec(s) },
  { site: 'analyze/shell/analyze.ts chmod +x', before: /^([ugoa]*\+[rwxXst]*x[rwxXst]*|[0-7]?[0-7]*[1357][0-7]{0,2})$/, op: 'test', attack: (n) => `+${'x'.repeat(n)}+`, after: (s) => /^[ugoa]*\+([rwxXst]*)$/.exec(s) ?? (/^[0-7]+$/.test(s) && /[1357]/.test(s.slice(-3))) },
  { site: 'analyze/shell/analyze.ts message spaces', before: /\s+\)/, op: 'replace', attack: (n) => `${'\t'.repeat(n)}\u0000\t)`, after: (s) => trimEndOf(s, ' \t\n') },
  { site: 'analyze/shell/analyze.ts scp remote', before: /^[^-][^/]*@?[\w.-]+:/, op: 'test', attack: (n) => `@${'-'.repeat(n)}`, after: (s) => { for (let k = 1; k < s.length; k++) { if (s[k] === '/') return false; if (s[k] === ':') return true; } return false; } },
  { site: 'checks/content/instructions.ts prompt', before: /^\s*(\([\w.-]+\)\s*)?([\w.-]+@[\w.-]+:[^$#]*)?(\$|PS [^>]*>|PS>|C:\\[^>]*>)\s+/, op: 'test', attack: (n) => `P@P:${'C:\\'.repeat(n / 3)}`, after: (s) => /^\s*(\([\w.-]+\)\s*)?([\w.-]+@[\w.-]+:[^$#]*(?=\$))?(\$|PS [^>]*>|PS>|C:\\[^>]*>)\s+/.test(s) },
  { site: 'checks/content/instructions.ts prose command', before: /(?:^|[\s:>(])((?:sudo\s+)?(?:python[\d.]*|bash|sh|source|curl|wget|pip[\d.]*|iex|iwr|powershell|pwsh|\.\/[\w./-]+)\s+\S.*)$/, op: 'exec', attack: (n) => `sudo\t${'iex\t-\t'.repeat(n / 6)}\u2028`, after: (s) => /(?:^|[\s:>(])((?:sudo\s+)?(?:python[\d.]*|bash|sh|source|curl|wget|pip[\d.]*|iex|iwr|powershell|pwsh|\.\/[\w./-]+)\s+\S[^]*)$/.exec(s) },
  { site: 'checks/provenance/card-text.ts tags', before: /<[^>\n]*>/g, op: 'replace', attack: (n) => `${'<'.repeat(n)}\n<>`, after: (s) => replaceTags(s, ' ', true) },
  { site: 'checks/provenance/card-text.ts link targets', before: /\]\([^)\s]*\)/g, op: 'replace', attack: (n) => `${']('.repeat(n / 2)}\t]()`, after: (s) => replaceDelimited(s, '](', ')', '] ', isSpace) },
  { site: 'checks/namespace/quantised.ts quantised names', before: /(?:^|[-_.])(?:gguf|[0-9.]+bpw)(?=$|[-_.])/i, op: 'test', attack: (n) => `6${'.4'.repeat(n / 2)}N`, after: (s) => /(?:^|[-_.])(?:gguf|[0-9]+(?:\.[0-9]+)?bpw)(?=$|[-_.])/i.test(s) },
  { site: 'checks/namespace/keys.ts separators', before: /^[-_.]+|[-_.]+$/g, op: 'replace', attack: (n) => `\u0000${'-'.repeat(n)}-\u0000`, after: (s) => trimOf(s, '-_.') },
  { site: 'checks/namespace/rules.ts version suffix', before: /v?[0-9]+$/, op: 'exec', attack: (n) => `${'0'.repeat(n)}\u0000`, after: (s) => s.length },
  { site: 'checks/namespace-check.ts original id', before: /^(\S+\/\S+) \(/, op: 'exec', attack: (n) => `\u0000${'//'.repeat(n / 2)}`, after: (s) => s.indexOf(' (') },
  { site: 'report/links.ts trailing slashes', before: /\/+$/, op: 'replace', attack: (n) => `${'/'.repeat(n)}\u0000/`, after: (s) => trimEndOf(s, '/') },
  { site: 'scan/sniff.ts fenced code (64 KiB head)', before: /^\s*(?:```|~~~)/m, op: 'test', attack: (n) => `${'\n'.repeat(n)}\u0000\n~~~`, after: (s) => /^[^\S\n\r\u2028\u2029]*(?:```|~~~)/m.test(s) },
  { site: 'scan/sniff.ts python head (64 KiB head)', before: /^\s*(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+[(:])/m, op: 'test', attack: (n) => `${'\t\n'.repeat(n / 2)}s`, after: (s) => /^[^\S\n\r\u2028\u2029]*(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+[(:])/m.test(s) }
];

function time(fn: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

function applyOld(row: Row, s: string): unknown {
  const re = new RegExp(row.before.source, row.before.flags);
  return row.op === 'test' ? re.test(s) : row.op === 'exec' ? re.exec(s) : s.replace(re, '');
}

const lines: string[] = [];
const out = (l = ''): void => { lines.push(l); console.log(l); };
out('# Regular expressions on repository data: before and after');
out();
out(`Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, best of 3. \`./run bench regex\` (bench/regex.ts).`);
out('Old patterns: time on an adversarial input of n characters, n doubling until a run passes 1 s (×4 per doubling is');
out('quadratic). New code path: the same input shape at 1 MiB.');
out();
out('| site | old: n → ms | growth per doubling | new: 1 MiB ms |');
out('|---|---|---|---|');
for (const row of rows) {
  const pts: [number, number][] = [];
  for (let n = 2048; n <= 1 << 20; n *= 2) {
    const s = row.attack(n);
    const ms = time(() => applyOld(row, s), 1);
    pts.push([n, ms]);
    if (ms > 1000) break;
  }
  const tail = pts.slice(-3);
  const growth = tail.length >= 2 ? (tail[tail.length - 1] as [number, number])[1] / Math.max(0.001, (tail[tail.length - 2] as [number, number])[1]) : NaN;
  const big = row.attack(1 << 20);
  const after = time(() => row.after(big));
  out(`| ${row.site} | ${tail.map(([n, ms]) => `${n >= 1024 ? `${n / 1024}K` : n} → ${ms.toFixed(1)}`).join(', ')} | ×${growth.toFixed(1)} | ${after.toFixed(2)} |`);
}

out();
out('## Chat templates');
out();
out('| template | size | analysis ms | tree nodes | work steps | findings |');
out('|---|---|---|---|---|---|');
const tpl = (name: string, t: string): void => {
  let r: ReturnType<typeof analyzeChatTemplate> | undefined;
  const ms = time(() => { r = analyzeChatTemplate(t, { path: 'x', where: 'chat_template', source: 'transformers' }); });
  const res = r as ReturnType<typeof analyzeChatTemplate>;
  out(`| ${name} | ${(t.length / 1024).toFixed(0)} KB | ${ms.toFixed(0)} | ${res.stats.nodes} | ${res.stats.work} | ${res.findings.map((f) => `${f.severity} ${f.check}`).join(', ') || 'none'} |`);
};
const msg = "{% for m in messages %}{{ '<|' + m['role'] + '|>\\n' + m['content'] + eos_token }}{% endfor %}";
tpl('560 KB of `{{` (the old matcher: 104 s in an external run)', '{{'.repeat(280 * 1024));
tpl('560 KB benign template (a loop repeated)', msg.repeat(Math.ceil(560 * 1024 / msg.length)));
tpl('1 MiB of `{%` without `%}`', '{%'.repeat(512 * 1024));
tpl('1 MiB string literal in one expression', `{{ '${'a'.repeat(1 << 20)}' }}`);
tpl('1 MiB: 20,000 `{% set %}` building one name', Array.from({ length: 20000 }, (_v, i) => `{% set ns.k = ns.k ~ '${i % 2 ? '_' : 'x'}' %}`).join('') + '{{ x[ns.k] }}');
tpl('1 MiB: a list literal of 100,000 strings joined', `{{ x[[${Array.from({ length: 100000 }, () => "'ab'").join(',')}]|join] }}`);
tpl('1 MiB: nesting 100,000 deep', `{{ ${'('.repeat(100000)}x${')'.repeat(100000)} }}`);
tpl('1 MiB: a+a+…+a (200,000 terms)', `{{ ${Array.from({ length: 200000 }, () => 'a').join('+')} }}`);
writeFileSync('bench/results/regex.md', `${lines.join('\n')}\n`);
