// Evidence that adds up (issue 11 family 7): independent medium signals combine into a rejection by a documented
// rule (src/review/evidence.ts); weak ones and waived ones do not; popularity never lowers anything.
import type { Finding, Severity } from '../../src/core/findings.js';
import { combinedEvidence } from '../../src/review/evidence.js';

const f = (check: string, severity: Severity = 'medium'): Finding => ({ check, severity, message: `${check} said so` });

describe('combinedEvidence', () => {
  test('R1: repo-name shadowing with a young account blocks', () => {
    const c = combinedEvidence([f('namespace.repo-shadowing'), f('provenance.account-young')]);
    expect(c).toMatchObject({ check: 'review.combined-evidence', severity: 'high' });
    expect(c?.message).toContain('namespace.repo-shadowing');
    expect(c?.message).toContain('provenance.account-young');
    expect(c?.evidence).toMatch(/^rule R1/);
  });

  test('R1: a lookalike namespace whose README runs a repository script blocks', () => {
    expect(combinedEvidence([f('namespace.edit-distance'), f('instructions.run-repo-script')])?.severity).toBe('high');
  });

  test('R1: shadowing with downloads out of proportion to the repository\'s age blocks (popularity never lowers)', () => {
    expect(combinedEvidence([f('namespace.repo-shadowing'), f('provenance.popularity')])?.severity).toBe('high');
  });

  test('R2: a young account shipping remote code blocks without any name signal', () => {
    expect(combinedEvidence([f('provenance.account-young'), f('remote-code.auto-map')])?.evidence).toMatch(/^rule R2/);
  });

  test('weak provenance signals do not combine: a community upload in one commit with a reused name stays a review', () => {
    expect(combinedEvidence([f('namespace.repo-shadowing'), f('provenance.single-commit'), f('provenance.card-placeholder')])).toBeUndefined();
  });

  test('a long-established account\'s copied card (medium) is a re-upload for a reviewer, not a combination', () => {
    expect(combinedEvidence([f('namespace.repo-shadowing'), f('provenance.card-copied')])).toBeUndefined();
  });

  test('signals in one family, low or waived (info) signals, or one that already blocks add nothing', () => {
    expect(combinedEvidence([f('code.exec'), f('instructions.pip-git')])).toBeUndefined();
    expect(combinedEvidence([f('namespace.repo-shadowing', 'low'), f('provenance.account-young')])).toBeUndefined();
    expect(combinedEvidence([f('namespace.repo-shadowing', 'info'), f('provenance.account-young')])).toBeUndefined();
    expect(combinedEvidence([f('namespace.repo-shadowing', 'high'), f('provenance.account-young')])).toBeUndefined();
  });
});
