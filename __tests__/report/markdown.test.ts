import type { Review } from '../../src/core/review.js';
import { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from '../../src/report/markdown.js';
import { SUMMARY_LIMIT, renderSummary } from '../../src/report/summary.js';
import type { Finding } from '../../src/core/findings.js';
import { HUB, file, finding, input, outsideCode, review, sample, sha } from './fixtures.js';

/** Cells of a GFM table row, splitting on pipes not escaped by a backslash. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (ch === '\\') {
      cur += row.slice(i, i + 2);
      i++;
    } else if (ch === '|') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.slice(1, -1);
}

/** Removes inline code spans (a run of n backticks up to the next run of exactly n). */
function withoutCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] !== '`') {
      out += md[i];
      i++;
      continue;
    }
    const open = /^`+/.exec(md.slice(i))?.[0] ?? '`';
    const close = new RegExp(`(?<!\`)${open}(?!\`)`, 'g');
    close.lastIndex = i + open.length;
    const m = close.exec(md);
    if (!m) {
      out += open;
      i += open.length;
      continue;
    }
    out += '<CODE>';
    i = m.index + open.length;
  }
  return out;
}

function verdictRows(md: string): string[] {
  const start = md.indexOf('| Model | Verdict |');
  const lines = md.slice(start).split('\n').slice(2);
  const rows: string[] = [];
  for (const l of lines) {
    if (!l.startsWith('| ')) break;
    rows.push(l);
  }
  return rows;
}

describe('renderComment: structure', () => {
  const md = renderComment(sample());

  it('puts the hidden marker on the first line', () => {
    expect(md.split('\n')[0]).toBe(COMMENT_MARKER);
  });

  it('leads with a headline counting rejections', () => {
    expect(md.split('\n')[1]).toBe('## ❌ Model Gate: 2 of 4 new models rejected');
  });

  it('has one verdict row per entry, rejected first, each linking the Hub tree at the pinned sha', () => {
    const rows = verdictRows(md);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('Open-OSS/privacy-filter');
    expect(rows[0]).toContain('❌ Rejected');
    expect(rows[0]).toContain('README tells users to run a script from the repository (+1 more)');
    expect(rows[2]).toContain('⚠️ Needs review');
    expect(rows[3]).toContain('✅ Approved');
    for (const r of sample().reviews as Review[]) {
      expect(md).toContain(`](${HUB}/${r.entry.repo}/tree/${r.entry.revision})`);
    }
    for (const row of rows) expect(cells(row)).toHaveLength(4);
  });

  it('shows the allowlist line of each entry', () => {
    const rows = verdictRows(md);
    expect(cells(rows[0] as string)[3]?.trim()).toBe('5');
    expect(cells(rows[3] as string)[3]?.trim()).toBe('3');
  });

  it('opens sections for rejected and needs-review entries, collapses approved ones', () => {
    expect(md).toMatch(/<details open>\n<summary>❌ <b>Open-OSS\/privacy-filter<\/b>/);
    expect(md).toMatch(/<details open>\n<summary>❌ <b>acme\/pickled<\/b>/);
    expect(md).toMatch(/<details open>\n<summary>⚠️ <b>acme\/check-me<\/b>/);
    expect(md).toMatch(/<details>\n<summary>✅ <b>good-org\/clean<\/b>/);
  });

  it('groups findings by severity with file links at the pinned commit, evidence and help', () => {
    const rev = sha('Open-OSS/privacy-filter');
    expect(md).toContain('#### 🔴 Critical (1)');
    expect(md).toContain('#### 🟡 Medium (1)');
    expect(md).toContain(`[\`README.md\`](${HUB}/Open-OSS/privacy-filter/blob/${rev}/README.md#L12)`);
    expect(md).toContain('```\npython scripts/preprocess.py --setup\n```');
    expect(md).toContain('**What to do:** Do not approve; report the repository to the Hub.');
    expect(md.indexOf('#### 🔴 Critical')).toBeLessThan(md.indexOf('#### 🟡 Medium'));
  });

  it('has a collapsed file inventory with human sizes and short digests', () => {
    expect(md).toContain('<details><summary>Files (2)</summary>');
    expect(md).toContain('| 1.5 KiB | safetensors | <code>abababababab</code> | ✅ | 0 |');
  });

  it('counts every finding about a file in the inventory, not only the scanner\'s (a README instruction names the script it runs)', () => {
    const script = file('scripts/preprocess.py', { formats: ['python'] });
    const r = review('Open-OSS/privacy-filter', 5, 'rejected', [
      finding('critical', 'Downloads and runs a binary', { check: 'code.download-exec', file: 'scripts/preprocess.py', line: 19 }),
      finding('high', 'Decodes a hidden URL', { check: 'code.obfuscation', file: 'scripts/preprocess.py', line: 15 }),
      finding('high', 'Pickle imports os.system', { check: 'pickle.global', file: 'model.bin!/archive/data.pkl', offset: 3 })
    ], { files: [script, file('model.bin', { formats: ['zip'] })] });
    const rows = renderComment(input([r])).split('\n').filter((l) => l.startsWith('| [scripts/') || l.startsWith('| [model.bin'));
    expect(rows.map((l) => cells(l).at(-1)?.trim())).toEqual(['2', '1']);
  });

  it('ends with a footer naming the tool version and the policy source', () => {
    const last = md.trimEnd().split('\n').at(-1) as string;
    expect(last).toMatch(/^<sub>model-gate 9\\\.9\.9 · policy: /);
    expect(last).toContain('.github/model-gate.yml at base 0123abc');
  });

  it('balances every <details>', () => {
    expect((md.match(/<details[ >]/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  });
});

describe('renderComment: context sections', () => {
  it('puts allowlist errors at the top, before the verdict table', () => {
    const md = renderComment(input([], { errors: [{ file: 'approved-models.yaml', line: 4, message: 'revision must be a full commit sha' }] }));
    expect(md).toContain('## ❌ Model Gate: allowlist has 1 error · no new models to review');
    expect(md).toContain('> [!CAUTION]');
    expect(md).toContain('line 4: revision must be a full commit sha');
  });

  it('calls out a policy change as not in effect in this PR', () => {
    const md = renderComment({ ...sample(), policyChanges: ['trusted_publishers: adds evil-org'] });
    expect(md).toContain('> [!IMPORTANT]');
    expect(md).toContain('not in effect in this PR');
    expect(md).toContain('> - trusted\\_publishers: adds evil-org');
  });

  it('lists removed entries and signing status', () => {
    const md = renderComment({
      ...sample(),
      removed: [{ repo: 'old/model', revision: 'f'.repeat(40), line: 8 }],
      signing: [
        { repo: 'good-org/clean', revision: sha('good-org/clean'), status: 'signed', detail: 'signatures/good-org__clean.sigstore.json' },
        { repo: 'x/y', revision: sha('x/y'), status: 'skipped', detail: 'no OIDC token on fork PRs' }
      ]
    });
    expect(md).toContain('### Removed from the allowlist (1)');
    expect(md).toContain('- old/model @ `fffffff` (line 8 of the base allowlist)');
    expect(md).toContain('signed → `signatures/good-org__clean.sigstore.json`');
    expect(md).toContain('skipped: no OIDC token on fork PRs');
  });

  it('says when the Hub answered under another name and when there is nothing to review', () => {
    const md = renderComment(input([review('trusted/model', 2, 'rejected', [finding('high', 'renamed')], { canonicalId: 'evil/model' })]));
    expect(md).toContain('Hub answers as evil/model');
    expect(renderComment(input([]))).toContain('## ✅ Model Gate: no new models to review');
  });

  it('does not link a revision that is not a full commit sha', () => {
    const r = review('a/b', 2, 'rejected', [finding('high', 'x', { file: 'w.bin' })], { commit: undefined });
    r.entry.revision = 'main';
    const md = renderComment(input([r]));
    expect(md).not.toContain('/tree/');
    expect(md).not.toContain('/blob/');
    expect(md).toContain('(not a full commit sha)');
  });
});

describe('renderComment: hostile strings from a model repo', () => {
  const evilPath = 'dir|x/<img src=x onerror=alert(1)>[click](javascript:alert(1))@org/team`</details>\u202Egnp.exe';
  const evilMessage = 'Card says: <script>alert(1)</script> [click](https://evil) @org/team #1 ![i](https://evil/i.png) </details> **bold** \u202E';
  const r = review('evil-org/model', 4, 'rejected', [
    finding('critical', evilMessage, {
      file: evilPath,
      evidence: '```\n</details>\n<img src=x onerror=alert(1)>\n@org/team https://evil\n````',
      help: 'Ask @maintainer; see https://evil and [x](javascript:alert(1))'
    })
  ], {
    authorId: '@org/team <b>',
    canonicalId: 'evil-org/model<img>',
    files: [file(evilPath, { formats: ['pickle|zip', '<b>'] })]
  });
  r.entry.reason = '@security-team please approve [now](https://evil)';
  const md = renderComment(input([r], { policyChanges: ['trust @org/team <b>x</b>'] }));
  // What GitHub parses as markup: fenced blocks and code spans are literal.
  const prose = withoutCodeSpans(outsideCode(md));

  it('never lets HTML, links, mentions, autolinks or bidi controls through outside code blocks', () => {
    expect(prose).not.toMatch(/<(img|script|b>x)/);
    expect(prose).not.toContain('](https://evil');
    expect(prose).not.toContain('](javascript');
    expect(prose).not.toMatch(/@(org|maintainer|security)/);
    expect(prose).not.toMatch(/https?:\/\/evil/);
    expect(prose).not.toMatch(/#1\b/);
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(md).toContain('\\u{202E}');
  });

  it('keeps <details> balanced whatever the file names say', () => {
    expect((prose.match(/<details[ >]/g) ?? []).length).toBe(2);
    expect((prose.match(/<\/details>/g) ?? []).length).toBe(2);
  });

  it('keeps evidence literal inside a fence it cannot close', () => {
    expect(md).toContain('`````\n```\n</details>\n<img src=x onerror=alert(1)>\n@org/team https://evil\n````\n`````');
  });

  it('keeps table cells intact when a path holds a pipe', () => {
    const inventory = md.split('\n').filter((l) => l.startsWith('| [dir'));
    expect(inventory).toHaveLength(1);
    expect(cells(inventory[0] as string)).toHaveLength(6);
    for (const row of verdictRows(md)) expect(cells(row)).toHaveLength(4);
  });

  it('path-encodes file links', () => {
    expect(md).toContain(`/blob/${sha('evil-org/model')}/dir%7Cx/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%5Bclick%5D%28javascript%3Aalert%281%29%29%40org/team%60%3C/`);
    // A path with an empty segment ("https://") gets no link at all rather than a wrong one.
    const slashes = renderComment(input([review('a/b', 2, 'rejected', [finding('high', 'x', { file: 'x/https://evil' })], { files: [] })]));
    expect(slashes).not.toContain('/blob/');
  });

  it('does not link paths with dot segments', () => {
    const dots = renderComment(input([review('a/b', 2, 'rejected', [finding('high', 'x', { file: '../../other/repo/x' })], { files: [] })]));
    expect(dots).not.toContain('/blob/');
    expect(dots).toContain('`../../other/repo/x`');
  });
});

function manyFindings(n: number, repo: string, evidenceSize = 300): Finding[] {
  const sevs = ['critical', 'high', 'medium', 'low', 'info'] as const;
  return Array.from({ length: n }, (_, i) =>
    finding(sevs[i % 5] ?? 'info', `Finding ${i} in ${repo}: ${'m'.repeat(100)}`, {
      file: `weights/${'long-name-'.repeat(20)}${i}.bin`,
      evidence: 'e'.repeat(evidenceSize),
      help: 'Do something specific about it.'
    })
  );
}

describe('renderComment: the 65,536-character limit', () => {
  it('fits 10,000 findings and very long file names, keeping the verdict table complete', () => {
    const longName = `${'very-long-directory-name/'.repeat(400)}model.bin`;
    const reviews = [
      review('huge/one', 2, 'rejected', manyFindings(10_000, 'huge/one'), {
        files: Array.from({ length: 2_000 }, (_, i) => file(`${longName}.${i}`))
      }),
      review('small/two', 4, 'rejected', [finding('high', 'Small but bad', { file: longName })]),
      review('ok/three', 6, 'approved'),
      review('meh/four', 8, 'needs-review', manyFindings(50, 'meh/four').map((f) => ({ ...f, severity: 'medium' as const })))
    ];
    const md = renderComment(input(reviews, { fullReportUrl: 'https://github.com/acme/models/actions/runs/42' }));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.split('\n')[0]).toBe(COMMENT_MARKER);
    const rows = verdictRows(md);
    expect(rows).toHaveLength(4);
    for (const repo of ['huge/one', 'small/two', 'ok/three', 'meh/four']) expect(rows.some((r) => r.includes(repo))).toBe(true);
    expect(md).toMatch(/… \d+ more findings \(.*\) — see \[the full report\]\(https:\/\/github\.com\/acme\/models\/actions\/runs\/42\)/);
    // The small entry keeps its only finding; the huge one keeps its worst first.
    expect(md).toContain('**Small but bad**');
    expect(md).toContain('Finding 0 in huge/one');
    expect((outsideCode(md).match(/<details[ >]/g) ?? []).length).toBe((outsideCode(md).match(/<\/details>/g) ?? []).length);
    expect(md.trimEnd().split('\n').at(-1)).toMatch(/^<sub>model-gate /);
  });

  it('sheds low and info details first, keeping every critical finding', () => {
    const findings = [
      ...Array.from({ length: 5 }, (_, i) => finding('critical', `Critical ${i}`)),
      ...Array.from({ length: 600 }, (_, i) => finding('info', `Info ${i}`, { evidence: 'i'.repeat(200) }))
    ];
    const md = renderComment(input([review('a/b', 2, 'rejected', findings)]));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    for (let i = 0; i < 5; i++) expect(md).toContain(`**Critical ${i}**`);
    expect(md).not.toContain('**Info 0**');
    expect(md).toContain('… 600 more findings (600 info)');
    expect(md).toContain('<details><summary>Files (2)</summary>');
  });

  it('truncates the table itself only when thousands of entries cannot fit, with a pointer', () => {
    const reviews = Array.from({ length: 3_000 }, (_, i) => review(`org${i}/${'n'.repeat(60)}`, i + 1, i % 3 === 0 ? 'rejected' : 'approved', [finding('high', 'x'.repeat(200))]));
    const md = renderComment(input(reviews));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/\*\*… \d+ more entries\*\* \(\d+ rejected, \d+ needing review, \d+ approved\) — see the full report/);
    expect(verdictRows(md).length).toBeGreaterThan(100);
  });

  it('stays under the limit with a huge allowlist error list and policy change list', () => {
    const errors = Array.from({ length: 5_000 }, (_, i) => ({ file: 'approved-models.yaml', line: i + 1, message: 'bad '.repeat(100) }));
    const policyChanges = Array.from({ length: 5_000 }, () => 'change '.repeat(100));
    const md = renderComment(input([review('a/b', 2, 'rejected', [finding('high', 'x')])], { errors, policyChanges }));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(verdictRows(md)).toHaveLength(1);
    expect(md).toMatch(/more errors in the full report/);
  });
});

describe('renderSummary', () => {
  it('has no marker, keeps low/info findings the comment sheds, and stays under 1 MiB', () => {
    const findings = [
      ...Array.from({ length: 5 }, (_, i) => finding('critical', `Critical ${i}`)),
      ...Array.from({ length: 600 }, (_, i) => finding('info', `Info ${i}`, { evidence: 'i'.repeat(200) }))
    ];
    const data = input([review('a/b', 2, 'rejected', findings)]);
    const summary = renderSummary(data);
    expect(summary.startsWith(COMMENT_MARKER)).toBe(false);
    expect(summary).toContain('**Info 599**');
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
  });

  it('fits 10,000 findings with multi-byte text in 1 MiB of UTF-8', () => {
    const findings = manyFindings(10_000, 'ünïcödé/模型', 2_000).map((f) => ({ ...f, message: `${f.message} 模型模型模型` }));
    const summary = renderSummary(input([review('ünïcödé/模型', 2, 'rejected', findings)]));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary).toMatch(/more findings/);
    expect(verdictRows(summary)).toHaveLength(1);
  });
});

describe('renderComment: report link', () => {
  it('links only http(s) report URLs', () => {
    expect(renderComment(input([], { fullReportUrl: 'javascript:alert(1)' }))).not.toContain('javascript');
    expect(renderComment(input([], { fullReportUrl: 'https://github.com/a/b/actions/runs/1' }))).toContain('[the full report](https://github.com/a/b/actions/runs/1)');
  });
});
