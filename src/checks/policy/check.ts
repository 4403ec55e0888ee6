// The policy's approval rules (src/config/policy/rules.ts) as one repository check: formats by content,
// safetensors, remote code, licences, and — in a Hub review — the publisher's account age, downloads and
// verification. Every rule only adds findings; each has its own id, so a policy exception can name it. A local
// scan has no publisher: the publisher rules say they were not judged.
import type { Finding } from '../../core/findings.js';
import type { PolicyRules } from '../../config/policy/rules.js';
import { remoteCodeUses } from '../content/remote-code.js';
import type { FilesCheck, HubCheckContext } from '../types.js';
import { formatFindings, safetensorsFindings } from './formats.js';
import { publisherFindings } from './publisher.js';

const README = /^readme\.md$/i;

export function remoteCodeFindings(uses: readonly string[], rules: PolicyRules, publisher: { namespace: string; trusted: boolean } | undefined): Finding[] {
  const mode = rules.remoteCode;
  if (mode === undefined || uses.length === 0) return [];
  const evidence = uses.slice(0, 5).join('; ') + (uses.length > 5 ? `; and ${uses.length - 5} more` : '');
  if (mode === 'allow-trusted' && publisher?.trusted) {
    return [{
      check: 'policy.remote-code', severity: 'info', evidence,
      message: `remote code from trusted publisher ${publisher.namespace}: allowed by \`remote_code: allow-trusted\` (its code is still reviewed file by file)`
    }];
  }
  const needs = 'loads custom code with trust_remote_code';
  if (mode === 'review') {
    return [{
      check: 'policy.remote-code', severity: 'medium', evidence,
      message: `the model ${needs}; the policy (\`remote_code: review\`) requires a security review of that code`,
      help: 'A security reviewer reads the code listed (and its findings below) and approves or rejects the entry.'
    }];
  }
  return [{
    check: 'policy.remote-code', severity: 'high', evidence,
    message: mode === 'deny'
      ? `the model ${needs}; the policy does not allow remote code (\`remote_code: deny\`)`
      : `the model ${needs}, and ${publisher ? `${publisher.namespace} is not a trusted publisher` : 'files on disk have no publisher'}; the policy allows remote code from trusted publishers only (\`remote_code: allow-trusted\`)`,
    help: 'Use a model that loads with the library\'s own classes, or record a policy exception naming policy.remote-code after a security review.'
  }];
}

export const policyCheck: FilesCheck = {
  id: 'policy',
  needs: 'files',
  async run(ctx) {
    const rules = ctx.policy;
    const out: Finding[] = [...formatFindings(ctx.files, rules), ...safetensorsFindings(ctx.files, rules)];
    const hub = ctx as Partial<HubCheckContext>;
    const namespace = hub.resolved?.canonicalId.split('/')[0];
    if (rules.remoteCode !== undefined) {
      const uses = remoteCodeUses({ files: ctx.files, text: (p) => ctx.text(p) });
      const trusted = namespace !== undefined && rules.trustedPublishers.some((p) => p.toLowerCase() === namespace.toLowerCase());
      out.push(...remoteCodeFindings(uses, rules, namespace !== undefined ? { namespace, trusted } : undefined));
    }
    if (rules.licenses) {
      // Loaded only for a policy with licence rules: reading the card's metadata needs the YAML library, which a
      // scan would otherwise load (and evaluate) at every start.
      const { licenseFindings } = await import('./licenses.js');
      const card = ctx.files.find((f) => README.test(f.path));
      out.push(...licenseFindings(card ? ctx.text(card.path) : undefined, rules, card?.path));
    }
    const publisherRules = rules.minAccountAge !== undefined || rules.minDownloads !== undefined || rules.verifiedPublishersOnly !== undefined;
    if (publisherRules && hub.resolved) {
      out.push(...publisherFindings({
        repo: hub.resolved.canonicalId,
        ...(hub.author ? { author: hub.author } : {}),
        ...(hub.resolved.info.downloads !== undefined ? { downloads: hub.resolved.info.downloads } : {}),
        now: ctx.now
      }, rules));
    } else if (publisherRules) {
      out.push({
        check: 'policy.publisher.not-judged', severity: 'info',
        message: 'the policy\'s publisher rules (min_account_age, min_downloads, verified_publishers_only) need the Hub and were not judged for files on disk',
        help: 'Review the allowlist entry (`model-gate review`) to apply them.'
      });
    }
    return out;
  }
};
