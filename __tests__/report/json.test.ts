import { buildJsonReport, renderJsonReport, type JsonEntryReview } from '../../src/report/json.js';
import type { Review } from '../../src/core/review.js';
import { finding, input, review, sample } from './fixtures.js';

const AT = new Date('2026-05-20T12:00:00.000Z');

/** Rebuilds every object with its keys in reverse insertion order. */
function scrambled<T>(value: T): T {
  if (Array.isArray(value)) return value.map(scrambled) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, scrambled(v)])) as T;
  }
  return value;
}

describe('JSON report', () => {
  it('has the documented top-level keys, in order', () => {
    const report = JSON.parse(renderJsonReport(sample(), AT)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'tool', 'version', 'generatedAt', 'policySource', 'verdict', 'counts', 'reviews', 'removed',
      'format', 'allowlistPath', 'policyChanges', 'errors', 'warnings', 'signing'
    ]);
    expect(report.tool).toBe('model-gate');
    expect(report.version).toBe('9.9.9');
    expect(report.generatedAt).toBe('2026-05-20T12:00:00.000Z');
    expect(report.verdict).toBe('rejected');
    expect(report.counts).toEqual({ approved: 1, needsReview: 1, rejected: 2 });
    expect(Object.keys(report.counts as object)).toEqual(['approved', 'needsReview', 'rejected']);
  });

  it('produces the same bytes whatever key order the inputs were built with', () => {
    const a = renderJsonReport(sample(), AT);
    const b = renderJsonReport(scrambled(sample()), AT);
    expect(b).toBe(a);
  });

  it('orders review, finding and file keys', () => {
    const report = buildJsonReport(sample(), AT);
    const r = JSON.parse(JSON.stringify(report.reviews[1])) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(['kind', 'entry', 'verdict', 'reason', 'complete', 'commit', 'redirects', 'findings', 'files']);
    const f = (r.findings as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(Object.keys(f)).toEqual(['check', 'severity', 'message', 'file', 'line', 'evidence', 'help']);
    const file = (r.files as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['path', 'size', 'sha256', 'gitOid', 'lfs', 'formats', 'complete', 'findings']);
  });

  it('lists reviews in allowlist order with findings most severe first', () => {
    const report = buildJsonReport(sample(), AT);
    expect(report.reviews.map((r) => (r as JsonEntryReview).entry.line)).toEqual([3, 5, 7, 9]);
    expect(report.reviews[1]?.findings.map((f) => f.severity)).toEqual(['critical', 'medium']);
    expect(report.reviews[1]?.reason).toBe('README tells users to run a script from the repository');
  });

  it('is rejected overall when the allowlist has errors, even with nothing to review', () => {
    const report = buildJsonReport(input([], { errors: [{ file: 'approved-models.yaml', line: 2, message: 'bad' }] }), AT);
    expect(report.verdict).toBe('rejected');
    expect(report.errors).toEqual([{ file: 'approved-models.yaml', line: 2, message: 'bad' }]);
  });

  it('keeps untrusted strings verbatim (JSON-escaped, not markdown-escaped)', () => {
    const r: Review = review('a/b', 2, 'rejected', [finding('high', '<img> @x [y](z) \u202E')]);
    const text = renderJsonReport(input([r]), AT);
    expect(JSON.parse(text).reviews[0].findings[0].message).toBe('<img> @x [y](z) \u202E');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
