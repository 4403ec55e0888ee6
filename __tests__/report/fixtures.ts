// Builders for report inputs. Reviews are plain data: the renderers are pure, so no servers are involved.
import type { Finding, Severity, Verdict } from '../../src/core/findings.js';
import type { AnyReview, FileReport, Review } from '../../src/core/review.js';
import type { ReportInput } from '../../src/core/report.js';

export const HUB = 'https://hub.example';

export function sha(seed: string): string {
  return Buffer.from(seed).toString('hex').padEnd(40, '0').slice(0, 40);
}

export function finding(severity: Severity, message: string, extra: Partial<Finding> = {}): Finding {
  return { check: `test.${severity}`, severity, message, ...extra };
}

export function file(path: string, extra: Partial<FileReport> = {}): FileReport {
  return { path, size: 1536, sha256: 'ab'.repeat(32), gitOid: 'cd'.repeat(20), lfs: false, formats: ['safetensors'], findings: [], complete: true, ...extra };
}

export function review(repo: string, line: number, verdict: Verdict, findings: Finding[] = [], extra: Partial<Review> = {}): Review {
  const revision = sha(repo);
  return {
    entry: { repo, revision, line },
    commit: revision,
    redirects: [],
    files: [file('model.safetensors'), file('config.json', { formats: ['json'], size: 512 })],
    findings,
    verdict,
    complete: true,
    ...extra
  };
}

export function input(reviews: AnyReview[], extra: Partial<ReportInput> = {}): ReportInput {
  return {
    reviews,
    removed: [],
    hubUrl: HUB,
    allowlistPath: 'approved-models.yaml',
    policySource: '.github/model-gate.yml at base 0123abc',
    policyChanges: [],
    toolVersion: '9.9.9',
    ...extra
  };
}

/** Four entries: one per verdict plus a second rejected one. */
export function sample(): ReportInput {
  return input([
    review('good-org/clean', 3, 'approved', [finding('info', 'README has no license field')]),
    review('Open-OSS/privacy-filter', 5, 'rejected', [
      finding('critical', 'README tells users to run a script from the repository', {
        check: 'readme.run-script',
        file: 'README.md',
        line: 12,
        evidence: 'python scripts/preprocess.py --setup',
        help: 'Do not approve; report the repository to the Hub.'
      }),
      finding('medium', 'Organisation is 2 days old', { check: 'namespace.young' })
    ]),
    review('acme/pickled', 7, 'rejected', [
      finding('high', 'Pickle imports os.system', { check: 'pickle.global', file: 'pytorch_model.bin', offset: 123, evidence: 'GLOBAL os system' })
    ]),
    review('acme/check-me', 9, 'needs-review', [finding('medium', 'Custom code in repository', { check: 'code.remote', file: 'modeling.py' })])
  ]);
}

/** Markdown with fenced code blocks removed (their content is literal, never rendered as markup). */
export function outsideCode(md: string): string {
  return md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\n/gm, '');
}
