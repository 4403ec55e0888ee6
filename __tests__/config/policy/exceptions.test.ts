import type { Finding } from '../../../src/core/findings.js';
import { verdictOf } from '../../../src/core/findings.js';
import { applyExceptions, checkMatches, utcDate } from '../../../src/config/policy/exceptions.js';
import { loadPolicy } from '../../../src/config/policy/load.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

const exceptions = loadPolicy(
  [
    'exceptions:',
    '  - repo: Acme/Model',
    '    checks: [namespace.*]',
    '    reason: our own org, reviewed in SEC-1',
    '    expires: 2026-06-30',
    '  - repo: acme/model',
    `    revision: ${A}`,
    '    checks: [layout.unexpected-file, pickle.global]',
    '    reason: legacy file, SEC-2',
    '    expires: 2026-12-31',
    '  - repo: acme/old',
    '    checks: [hub.scan-status]',
    '    reason: was fine',
    '    expires: 2025-01-01'
  ].join('\n'),
  'p.yml'
);
const ex = exceptions.policy.exceptions;

const f = (check: string, severity: Finding['severity']): Finding => ({ check, severity, message: `${check} fired` });

describe('applyExceptions', () => {
  it('reads the fixture policy cleanly', () => {
    expect(exceptions.errors).toEqual([]);
    expect(ex).toHaveLength(3);
  });

  it('matches exact ids and prefixes only', () => {
    expect(checkMatches('namespace.*', 'namespace.shadowing')).toBe(true);
    expect(checkMatches('namespace.*', 'namespacex.y')).toBe(false);
    expect(checkMatches('namespace.*', 'namespace')).toBe(false);
    expect(checkMatches('pickle.global', 'pickle.global')).toBe(true);
    expect(checkMatches('pickle.global', 'pickle.global-extra')).toBe(false);
  });

  it('waives covered findings (case-insensitive repo) by downgrading them, visibly', () => {
    const findings = [f('namespace.shadowing', 'high'), f('hub.hash-mismatch', 'high')];
    const out = applyExceptions({ repo: 'acme/MODEL', revision: B }, findings, ex, '2026-06-30');
    expect(out.waived.map((w) => w.finding.check)).toEqual(['namespace.shadowing']);
    expect(out.findings).toEqual([
      {
        check: 'namespace.shadowing',
        severity: 'info',
        message: '[waived, was high] namespace.shadowing fired',
        help: 'Waived by the policy exception for Acme/Model until 2026-06-30: our own org, reviewed in SEC-1'
      },
      findings[1]
    ]);
    expect(verdictOf(out.findings)).toBe('rejected');
  });

  it('a revision-pinned exception applies only to that commit', () => {
    const findings = [f('layout.unexpected-file', 'medium')];
    expect(applyExceptions({ repo: 'acme/model', revision: A }, findings, ex, '2026-01-01').waived).toHaveLength(1);
    expect(applyExceptions({ repo: 'acme/model', revision: B }, findings, ex, '2026-01-01').waived).toHaveLength(0);
  });

  it('expired exceptions are not applied and are reported', () => {
    const findings = [f('hub.scan-status', 'medium')];
    const out = applyExceptions({ repo: 'acme/old', revision: A }, findings, ex, '2026-01-02');
    expect(out.waived).toEqual([]);
    expect(out.expired.map((e) => e.repo)).toEqual(['acme/old']);
    expect(out.findings[0]).toBe(findings[0]);
    expect(out.findings[1]).toEqual(
      expect.objectContaining({ check: 'policy.exception-expired', severity: 'info', message: expect.stringContaining('expired on 2025-01-01') })
    );
    expect(verdictOf(out.findings)).toBe('needs-review');
    // the day after expiry is expired; the expiry day itself is not
    expect(applyExceptions({ repo: 'acme/model', revision: B }, [f('namespace.x', 'high')], ex, '2026-07-01').expired).toHaveLength(1);
    expect(applyExceptions({ repo: 'acme/model', revision: B }, [f('namespace.x', 'high')], ex, '2026-06-30').waived).toHaveLength(1);
  });

  it('critical findings are never waived', () => {
    const out = applyExceptions({ repo: 'acme/model', revision: A }, [f('pickle.global', 'critical')], ex, '2026-01-01');
    expect(out.waived).toEqual([]);
    expect(out.refused).toHaveLength(1);
    expect(out.findings[0]?.severity).toBe('critical');
    expect(out.findings.map((x) => x.check)).toEqual(['pickle.global', 'policy.exception-refused']);
    expect(verdictOf(out.findings)).toBe('rejected');
  });

  it('other repos are untouched', () => {
    const findings = [f('namespace.shadowing', 'high')];
    const out = applyExceptions({ repo: 'other/model', revision: A }, findings, ex, '2026-01-01');
    expect(out).toEqual({ findings, waived: [], expired: [], refused: [] });
  });

  it('utcDate formats the UTC day', () => {
    expect(utcDate(new Date('2026-03-04T23:59:59-05:00'))).toBe('2026-03-05');
  });
});
