// Evidence that adds up. Each check grades its own signal; alone, a medium signal asks a human to look. But the
// May 2026 incident was three medium signals from independent families at once — a name reusing another's, a
// days-old account or a copied card, and a card that runs code — and a verdict that only takes the worst single
// finding called it "needs review". The rule, applied after the policy's exceptions (a waived signal does not
// count), and shown in the report as its own finding:
//
//   R1  impersonation (a namespace lookalike or repo-name shadowing) together with an identity signal of
//       provenance (young account, account newer than the repo, popularity out of proportion) or with a content
//       signal (code, instructions, remote code, pickles, layout)  → high (rejected);
//   R2  an identity signal of provenance together with a content signal → high (rejected).
//
// Weak provenance signals (a single commit, a placeholder card) never combine: legitimate uploads have them too. A
// copied card already blocks on its own unless the account is long established, when it is a re-upload a
// reviewer judges (provenance/check.ts), so it does not combine either.
// Popularity never lowers anything.
import { severityRank, type Finding } from '../core/findings.js';

type Family = 'impersonation' | 'identity' | 'content';

const IDENTITY = new Set(['provenance.account-young', 'provenance.account-after-repo', 'provenance.popularity']);
const CONTENT_PREFIXES = ['code.', 'instructions.', 'remote-code.', 'layout.', 'pickle.', 'file.', 'hub.scan.'];

function familyOf(f: Finding): Family | undefined {
  if (severityRank(f.severity) < severityRank('medium')) return undefined;
  if (f.check.startsWith('namespace.')) return 'impersonation';
  if (IDENTITY.has(f.check)) return 'identity';
  if (CONTENT_PREFIXES.some((p) => f.check.startsWith(p))) return 'content';
  return undefined;
}

/** The combined-evidence finding the rule calls for, or undefined when the signals do not add up. */
export function combinedEvidence(findings: readonly Finding[]): Finding | undefined {
  const first = new Map<Family, Finding>();
  for (const f of findings) {
    const fam = familyOf(f);
    if (fam && (!first.has(fam) || severityRank(f.severity) > severityRank(first.get(fam)!.severity))) first.set(fam, f);
  }
  const imp = first.get('impersonation');
  const id = first.get('identity');
  const content = first.get('content');
  const pair: Finding[] | undefined = imp && (id || content) ? [imp, ...(id ? [id] : []), ...(content ? [content] : [])]
    : id && content ? [id, content] : undefined;
  if (!pair) return undefined;
  // Nothing to add when one of them already blocks on its own.
  if (pair.some((f) => severityRank(f.severity) >= severityRank('high'))) return undefined;
  return {
    check: 'review.combined-evidence',
    severity: 'high',
    message: `Independent signals add up: ${pair.map((f) => `${f.check} (${f.message.slice(0, 120)}${f.message.length > 120 ? '…' : ''})`).join('; ')}`,
    evidence: `rule ${imp ? 'R1: impersonation with' + (id ? ' provenance' : '') + (content ? `${id ? ' and' : ''} content` : '') : 'R2: provenance with content'}`,
    help: 'Each signal alone asks for a look; together they are the shape of a repository posing as another. Do not approve unless a reviewer has ruled out each of them (record policy exceptions with reasons).'
  };
}
