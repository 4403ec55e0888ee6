// Every renderer, for both kinds of review (an allowlist entry on the Hub, files on disk), goes through the same
// escaping: whatever a repository names its files or puts in its findings, no output can drive a terminal (clear
// it, move the cursor, set a title or a hyperlink, reorder text) or smuggle markup, and the machine-readable
// outputs still carry the exact strings.
import fc from 'fast-check';
import type { FileReport, LocalReview, Review } from '../../src/core/review.js';
import type { ReportInput } from '../../src/core/report.js';
import { terminalSafe } from '../../src/cli/io.js';
import { annotationsFor } from '../../src/report/annotations.js';
import { renderJsonReport } from '../../src/report/json.js';
import { renderComment } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { input, sha } from './fixtures.js';

// What a terminal acts on instead of showing (C0 but \n and \t, DEL, C1, bidi/zero-width/tags, separators).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const SGR = /\u001b\[[0-9;]*m/g;

const FRAGMENTS = [
  '\u001b[2J', '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007', '\u001b]0;pwned\u0007', '\u009b31m', '\u202e', '\u2066',
  '\u200b', '\u2028', '\r', '\u0085', '\udc00', '<script>alert(1)</script>', '<!-- model-gate -->', '@admin', '#1', 'GH-2',
  '[x](javascript:alert(1))', '`', '```', '|', '\\', '*_~', 'https://evil.example', '\n::error::x', '\t', 'é', '🙂'
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

function fileReport(path: string, message: string): FileReport {
  return {
    path, size: 10, sha256: 'ab'.repeat(32), gitOid: 'cd'.repeat(20), lfs: false, formats: ['pickle'], complete: false,
    findings: [{ check: 'pickle.global', severity: 'critical', message, file: path, offset: 7, evidence: message, help: message }]
  };
}

function reports(name: string, text: string): ReportInput[] {
  const file = fileReport(name, text);
  const entry: Review = {
    entry: { repo: 'acme/model', revision: sha('acme/model'), line: 2, reason: text },
    canonicalId: name,
    repoId: text,
    authorId: text,
    commit: sha('acme/model'),
    redirects: [{ from: name, to: text, status: 301 }],
    files: [file],
    findings: [...file.findings, { check: text, severity: 'high', message: text, file: name, line: 3, evidence: `${text}\n${name}`, help: text }],
    verdict: 'rejected',
    complete: false
  };
  const local: LocalReview = { kind: 'local', paths: [name], files: [file], findings: [...file.findings], verdict: 'rejected', complete: false };
  const extra = { errors: [{ file: name, line: 1, message: text, help: text }], warnings: [text], policyChanges: [text], removed: [{ repo: name, revision: text, line: 4 }] };
  return [input([entry], extra), { ...input([local], extra), hubUrl: undefined, allowlistPath: undefined }];
}

describe('every renderer, both kinds of review, hostile names', () => {
  test('terminal outputs show every control and invisible character as an escape', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, text) => {
        for (const r of reports(name, text)) {
          expect(renderText(r)).not.toMatch(UNSAFE);
          expect(renderText(r, { color: true }).replace(SGR, '')).not.toMatch(UNSAFE);
          for (const a of annotationsFor(r.reviews, 'approved-models.yaml', r.errors)) expect(`${a.title}${a.message}`).not.toMatch(UNSAFE);
        }
      }),
      { numRuns: 300 }
    );
  });

  test('JSON and SARIF are printable as they are and still carry the exact strings', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, text) => {
        for (const r of reports(name, text)) {
          const json = renderJsonReport(r, new Date(0));
          expect(json).not.toMatch(UNSAFE);
          const parsed = JSON.parse(json) as { reviews: { findings: { message: string }[]; files: { path: string }[] }[]; warnings: string[] };
          expect(parsed.reviews[0]!.files[0]!.path).toBe(name.replace(/[\ud800-\udfff]/g, (c) => c)); // lone surrogates survive as escapes
          expect(parsed.warnings).toEqual([text]);
          const sarif = renderSarif(r);
          expect(sarif).not.toMatch(UNSAFE);
          expect(() => JSON.parse(sarif)).not.toThrow();
        }
      }),
      { numRuns: 300 }
    );
  });

  test('markdown outputs carry no control characters, no raw HTML from the repository, no second marker', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, text) => {
        for (const r of reports(name, text)) {
          for (const md of [renderComment(r), renderSummary(r)]) {
            expect(md).not.toMatch(UNSAFE);
            // Rendered as GitHub does (CommonMark + GFM, raw HTML passed through before GitHub's sanitiser): the
            // repository's text may become text, never elements, and the marker stays the first line's alone.
            const html = micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
            expect(html).not.toMatch(/<script|<img|<a href="javascript/i);
            expect(html.indexOf('<!-- model-gate -->')).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 200 }
    );
  });

  test('the CLI writes nothing a terminal acts on but colour, whatever a command prints', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(terminalSafe(text).replace(SGR, '')).not.toMatch(UNSAFE);
      }),
      { numRuns: 1000 }
    );
    expect(terminalSafe('a\u001b[2Jb \u001b[31mred\u001b[0m')).toBe('a\\u{001B}[2Jb \u001b[31mred\u001b[0m');
  });
});
