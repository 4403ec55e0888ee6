// The policy's publisher rules: `min_account_age`, `min_downloads`, `verified_publishers_only`, and the
// publisher side of `remote_code: allow-trusted`. Requirements only: each can block, none lowers another finding,
// and a missing fact (the Hub did not say) blocks rather than passes. Pure: facts in, findings out.
import type { Finding } from '../../core/findings.js';
import type { PolicyRules } from '../../config/policy/rules.js';

export interface PublisherFacts {
  repo: string;
  /** The account the repository belongs to, when the Hub answered for it. */
  author?: { name: string; type: 'user' | 'org'; createdAt: string; isVerified?: boolean };
  /** The Hub's download count (last 30 days), when it gave one. */
  downloads?: number;
  now: Date;
}

const DAY = 86_400_000;

export function publisherFindings(f: PublisherFacts, rules: PolicyRules): Finding[] {
  const out: Finding[] = [];
  const a = f.author;
  if (rules.minAccountAge !== undefined && rules.minAccountAge > 0) {
    const created = a ? Date.parse(a.createdAt) : NaN;
    if (!a || Number.isNaN(created)) {
      out.push({
        check: 'policy.publisher.account-age', severity: 'high',
        message: `the policy requires accounts at least ${rules.minAccountAge} days old, and the Hub did not say when ${a?.name ?? 'the publisher of ' + f.repo} was created`,
        help: 'Re-run the review when the Hub answers; an account age that cannot be checked does not pass.'
      });
    } else {
      const days = Math.floor((f.now.getTime() - created) / DAY);
      if (days < rules.minAccountAge) {
        out.push({
          check: 'policy.publisher.account-age', severity: 'high',
          message: `${a.type === 'org' ? 'organisation' : 'user'} ${a.name} is ${Math.max(days, 0)} days old; the policy requires at least ${rules.minAccountAge}`,
          evidence: `${a.name} created ${a.createdAt}`,
          help: 'Wait until the account is old enough, use the original publisher\'s repository, or record a policy exception naming policy.publisher.account-age.'
        });
      }
    }
  }
  if (rules.minDownloads !== undefined && rules.minDownloads > 0) {
    if (f.downloads === undefined) {
      out.push({
        check: 'policy.publisher.downloads', severity: 'high',
        message: `the policy requires at least ${rules.minDownloads} downloads, and the Hub gave no download count for ${f.repo}`,
        help: 'Re-run the review when the Hub answers; a count that cannot be checked does not pass.'
      });
    } else if (f.downloads < rules.minDownloads) {
      out.push({
        check: 'policy.publisher.downloads', severity: 'high',
        message: `${f.repo} has ${f.downloads} downloads; the policy requires at least ${rules.minDownloads}`,
        evidence: `downloads (last 30 days): ${f.downloads}`,
        help: 'Downloads can only block, never vouch: a popular model is not safer. Record a policy exception naming policy.publisher.downloads if the team wants this model anyway.'
      });
    }
  }
  if (rules.verifiedPublishersOnly === true && !(a?.type === 'org' && a.isVerified === true)) {
    out.push({
      check: 'policy.publisher.unverified', severity: 'high',
      message: a
        ? `${f.repo} is published by ${a.type === 'org' ? 'the organisation' : 'the user'} ${a.name}, ${a.type === 'org' ? 'which the Hub does not mark as verified' : 'not a verified organisation'}; the policy accepts verified organisations only`
        : `the policy accepts verified organisations only, and the Hub did not say who publishes ${f.repo}`,
      ...(a ? { evidence: `${a.name}: type ${a.type}, isVerified ${a.isVerified === true}` } : {}),
      help: 'Use the model from a verified organisation, or record a policy exception naming policy.publisher.unverified.'
    });
  }
  return out;
}
