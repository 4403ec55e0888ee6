// Pin and redirect integrity: the allowlist names a repository; the Hub may answer for another name. A moved
// name is a finding, never followed silently (a deleted org's name can be re-registered by someone else).
import type { Finding } from '../core/findings.js';
import type { HubCheck } from './types.js';

export const pinCheck: HubCheck = {
  id: 'hub.pin',
  needs: 'hub',
  run({ entry, resolved }) {
    const findings: Finding[] = [];
    if (!resolved.renamed) return findings;
    const hops = resolved.redirects.map((h) => `${h.from} → ${h.to} (${h.status})`).join(', ');
    const caseOnly = resolved.canonicalId.toLowerCase() === entry.repo.toLowerCase();
    if (caseOnly) {
      findings.push({
        check: 'hub.pin.case',
        severity: 'low',
        message: `the Hub spells this repository ${resolved.canonicalId}`,
        evidence: hops || `requested ${entry.repo}, answered ${resolved.canonicalId}`,
        help: `Same account, different case. Write ${resolved.canonicalId} in the allowlist so the entry matches the signature.`
      });
      return findings;
    }
    findings.push({
      check: 'hub.pin.moved',
      severity: 'high',
      message: `${entry.repo} now answers as ${resolved.canonicalId} (renamed, transferred, or the name was re-used)`,
      evidence: hops || `requested ${entry.repo}, the Hub's id is ${resolved.canonicalId} (repo _id ${resolved.repoId})`,
      help:
        `Check that ${resolved.canonicalId} is the publisher you meant to approve. If it is, replace the entry with ` +
        `${resolved.canonicalId}@${entry.revision}; the gate never follows a moved name on its own.`
    });
    return findings;
  }
};
