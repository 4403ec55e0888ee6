// The comment as GitHub shows it: rendered by a CommonMark + GFM renderer (micromark, which follows cmark-gfm's
// spec) and judged on the HTML, not on the markdown source. What a reviewer reads must agree with the findings,
// show code as code, and carry nothing invisible inside what they would copy.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { Finding } from '../../src/core/findings.js';
import type { LocalReview } from '../../src/core/review.js';
import { renderComment } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { file, input, review } from './fixtures.js';

function toHtml(md: string): string {
  return micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

function decode(html: string): string {
  return html.replace(/&amp;|&lt;|&gt;|&quot;|&#39;/g, (m) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[m] ?? m);
}

/** Text a reader sees outside code elements (code and pre content removed, tags stripped, entities decoded). */
function proseOf(html: string): string {
  return decode(html.replace(/<pre>[\s\S]*?<\/pre>/g, ' ').replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ''));
}

/** The cells of the Files table row whose first cell shows `path`. */
function inventoryRow(html: string, path: string): string[] | undefined {
  for (const row of html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const cells = [...(row[1] as string).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode((c[1] as string).replace(/<[^>]+>/g, '')).trim());
    if (cells[0] === path && cells.length === 6) return cells;
  }
  return undefined;
}

const SCRIPT = 'scripts/preprocess.py';
const README_FINDINGS: Finding[] = [
  {
    check: 'instructions.run-repo-script', severity: 'critical', file: SCRIPT, line: 1,
    message: `README.md tells users to run ${SCRIPT} (\`python scripts/preprocess.py --setup\`)`,
    evidence: 'import urllib.request\nurllib.request.urlretrieve(URL, "/tmp/x")\nos.chmod("/tmp/x", 0o755)',
    help: 'Compare with the original: `git ls-remote https://huggingface.co/openai/privacy-filter` and do not approve.'
  },
  { check: 'python.download-exec', severity: 'critical', file: SCRIPT, line: 2, message: 'The script downloads a program and makes it executable', evidence: 'urllib.request.urlretrieve(URL, "/tmp/x")' },
  { check: 'python.subprocess', severity: 'critical', file: SCRIPT, line: 4, message: 'The script runs `subprocess.Popen` on the downloaded file' }
];

function incident() {
  const r = review('Open-OSS/privacy-filter', 5, 'rejected', README_FINDINGS, {
    files: [file('model.safetensors'), file('README.md', { formats: ['markdown'] }), file(SCRIPT, { formats: ['python'], findings: [] })]
  });
  return input([r], { fullReportUrl: 'https://github.com/acme/models/actions/runs/42' });
}

describe('the comment as GitHub renders it', () => {
  const md = renderComment(incident());
  const html = toHtml(md);

  test('the Files table counts every finding about a file (the README findings point at the script)', () => {
    const row = inventoryRow(html, SCRIPT);
    expect(row).toBeDefined();
    expect(row?.[5]).toBe(String(README_FINDINGS.length));
    expect(inventoryRow(html, 'model.safetensors')?.[5]).toBe('0');
  });

  test('backtick-quoted parts of messages and help are code, never literal backticks', () => {
    expect(html).toContain('<code>python scripts/preprocess.py --setup</code>');
    expect(html).toContain('<code>subprocess.Popen</code>');
    expect(proseOf(html)).not.toContain('`');
    expect(html).not.toMatch(/\\`/);
  });

  test('multi-line evidence is a code block of its lines', () => {
    expect(decode(html)).toContain('<pre><code>import urllib.request\nurllib.request.urlretrieve(URL, "/tmp/x")\nos.chmod("/tmp/x", 0o755)\n</code></pre>');
  });

  test('nothing invisible anywhere, so a copied command is exactly the command', () => {
    expect(md).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/u);
    expect(html).toContain('<code>git ls-remote https://huggingface.co/openai/privacy-filter</code>');
    // Not a link: GitHub's autolinker and filters leave code alone, and the renderer made no <a> of it.
    expect(html).not.toContain('href="https://huggingface.co/openai/privacy-filter"');
  });

  test('no raw escapes show: every backslash in the markdown is consumed by the renderer', () => {
    expect(proseOf(html)).not.toMatch(/\\[!-/:-@[-`{-~]/);
  });

  test('the comment links the full report; the job summary (which that link opens) does not link itself', () => {
    expect(html).toContain('href="https://github.com/acme/models/actions/runs/42"');
    const summary = toHtml(renderSummary(incident()));
    expect(summary).not.toContain('actions/runs/42');
  });

  test('hostile file names stay inert text', () => {
    const name = '<img src=x onerror=alert(1)> @admin #1 https://evil.example/`x`.py';
    const r = review('acme/x', 3, 'rejected', [{ check: 'pickle.global', severity: 'high', file: name, message: `\`${name}\` imports os.system`, evidence: name }], {
      files: [file(name, { formats: ['pickle'] })]
    });
    const out = toHtml(renderComment(input([r])));
    expect(out).not.toMatch(/<img|<a href="https:\/\/evil|<script/i);
    const prose = proseOf(out);
    expect(prose).not.toMatch(/@admin|#1|https:\/\/evil/);
    expect(out).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/u);
    expect(inventoryRow(out, name)?.[5]).toBe('1');
  });
});

describe("scan's text output", () => {
  test('never puts a green check beside a file that findings point at', () => {
    const local: LocalReview = {
      kind: 'local', paths: ['model'], verdict: 'rejected', complete: true,
      files: [file('model/README.md', { formats: ['markdown'] }), file(`model/${SCRIPT}`, { formats: ['python'], findings: [] }), file('model/model.safetensors')],
      findings: README_FINDINGS.map((f) => ({ ...f, file: `model/${f.file}` }))
    };
    const text = renderText({ ...input([local]), hubUrl: undefined, allowlistPath: undefined });
    const line = text.split('\n').find((l) => l.includes(`model/${SCRIPT}`) && l.includes('[python]'));
    expect(line).toBeDefined();
    expect(line).not.toContain('✓');
    expect(line).toContain('✗');
    expect(line).toContain('3 critical');
    expect(text.split('\n').find((l) => l.includes('model/model.safetensors'))).toContain('✓');
  });
});
