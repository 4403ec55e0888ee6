// The Hub's access states for a repository: disabled (the Hub took it down — never approve), private and gated
// (fine, but say who can see it: release pipelines need a token with access). Pure.
import type { Finding } from '../../core/findings.js';
import type { ModelInfo } from '../../hub/types.js';

export function accessFindings(repo: string, info: Pick<ModelInfo, 'disabled' | 'private' | 'gated'>): Finding[] {
  const findings: Finding[] = [];
  if (info.disabled === true) {
    findings.push({
      check: 'provenance.disabled',
      severity: 'high',
      message: `the Hub has disabled ${repo}`,
      evidence: 'model info: disabled: true',
      help: 'The Hub disables repositories for abuse, malware or legal reasons. Do not approve it.'
    });
  }
  if (info.private === true) {
    findings.push({
      check: 'provenance.private',
      severity: 'low',
      message: `${repo} is private: only accounts with access to it can download or audit it`,
      evidence: 'model info: private: true',
      help: 'Jobs that load this model need a Hub token with read access; reviewers outside the organisation cannot check it.'
    });
  }
  if (info.gated === 'auto' || info.gated === 'manual') {
    findings.push({
      check: 'provenance.gated',
      severity: 'info',
      message: `${repo} is gated (${info.gated} approval): downloads need an account that accepted its terms`,
      evidence: `model info: gated: ${info.gated}`,
      help: 'Release pipelines need a token of an account that was granted access.'
    });
  }
  return findings;
}
