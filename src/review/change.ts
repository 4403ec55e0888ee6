// Reviewing one allowlist change (base → head): the part the action, `model-gate review` and the demo share,
// through the reviewer (reviewer.ts). Inputs are texts already read (through the GitHub API, git, or files); the
// Hub client, scanners and checks come in.
import { diffAllowlists, entriesToReview, previousEntries } from '../config/allowlist/diff.js';
import { parseAllowlist } from '../config/allowlist/parse.js';
import type { RepoCheck } from '../checks/types.js';
import type { Finding } from '../core/findings.js';
import type { HubClient } from '../hub/client.js';
import { reviewHub } from './review-hub.js';
import { describePolicyChange } from '../config/policy/diff.js';
import { loadPolicy, type LoadedPolicy, type PolicyInputs } from '../config/policy/load.js';
import { severityRank } from '../core/findings.js';
import type { LocatedError } from '../core/errors.js';
import type { ReportInput } from '../core/report.js';
import { TOOL_VERSION } from '../core/version.js';
import { reviewEntries, type FullReview, type ReviewDeps, type ScanFile } from './pipeline.js';
import type { Entry } from '../core/review.js';
import { policyForEntry } from '../config/policy/rules.js';
import type { Policy } from '../config/policy/schema.js';

export interface ChangeInput {
  allowlistPath: string;
  /** Allowlist text at the base (null: the file did not exist — every entry is new). */
  baseText: string | null;
  headText: string | null;
  /** Policy text at the BASE ref: the one in effect. */
  policyText: string | null;
  /** Policy text at the head ref, only to call out a change the PR makes (it takes effect after merge). */
  headPolicyText?: string | null;
  /** Where the policy came from, for the report footer. */
  policySource: string;
  policyInputs?: PolicyInputs;
}

/** What reviewing a change needs besides its texts (the reviewer supplies it). */
export interface ChangeDeps {
  hub: HubClient;
  scanFile: ScanFile;
  checks: readonly RepoCheck[];
  now?: () => Date;
  onProgress?: (line: string) => void;
}

export interface ChangeResult {
  reviews: FullReview[];
  removed: Entry[];
  /** Allowlist and policy errors: each fails the check. */
  errors: LocatedError[];
  policy: LoadedPolicy;
  policyChanges: string[];
  /** True when the check must fail: a rejected entry, a finding at or above fail_on, or an invalid file. */
  failed: boolean;
  report: ReportInput;
}

function failsOn(findings: readonly Finding[], threshold: number): boolean {
  return findings.some((f) => severityRank(f.severity) >= threshold);
}

/** What reviewing a change decides before any entry is reviewed: the policy, the diff and the entries to review. */
export interface PreparedChange {
  input: ChangeInput;
  policy: LoadedPolicy;
  baseEntries: Entry[];
  toReview: Entry[];
  previous: Map<Entry, Entry>;
  removed: Entry[];
  errors: LocatedError[];
  policyChanges: string[];
}

/** Parses the texts and diffs the allowlists: the part of a review that needs no Hub (plan, shard and aggregate share it). */
export function prepareChange(input: ChangeInput): PreparedChange {
  const policy = loadPolicy(input.policyText, input.policySource, input.policyInputs ?? {});
  const base = input.baseText === null ? null : parseAllowlist(input.baseText, input.allowlistPath);
  const head = parseAllowlist(input.headText, input.allowlistPath);
  const errors: LocatedError[] = [
    ...head.errors,
    ...policy.errors.map((e) => ({ ...e, message: `policy: ${e.message}` }))
  ];
  // A base that does not parse cannot tell what is new: review every head entry rather than trust it.
  const baseEntries = base && base.errors.length === 0 ? base.entries : null;
  const diff = diffAllowlists(baseEntries, head.entries);
  const policyChanges =
    input.headPolicyText !== undefined && input.headPolicyText !== input.policyText
      ? describePolicyChange(input.policyText, input.headPolicyText, input.policySource)
      : [];
  return {
    input, policy, baseEntries: baseEntries ?? [], toReview: entriesToReview(diff), previous: previousEntries(diff), removed: diff.removed, errors, policyChanges
  };
}

/** The review's deps for a prepared change: one shared Hub view for the run (review-hub.ts). */
export function entryDeps(prepared: PreparedChange, deps: ChangeDeps): ReviewDeps {
  return {
    hub: reviewHub(deps.hub),
    policy: prepared.policy.policy,
    scanFile: deps.scanFile,
    checks: deps.checks,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {})
  };
}

/** Everything after the entries' reviews: the fast track, whether the check fails, and the report. */
export function concludeChange(prepared: PreparedChange, reviews: FullReview[], hubUrl: string): ChangeResult {
  const { input, policy, errors, policyChanges, removed } = prepared;
  markFastTrack(reviews, prepared.baseEntries, policy.policy);
  const threshold = severityRank(policy.policy.failOn);
  const failed = errors.length > 0 || reviews.some((r) => r.verdict === 'rejected' || failsOn(r.findings, threshold));
  const report: ReportInput = {
    reviews,
    removed,
    hubUrl,
    allowlistPath: input.allowlistPath,
    policySource: input.policySource,
    policyChanges,
    toolVersion: TOOL_VERSION,
    errors,
    warnings: policy.warnings
  };
  return { reviews, removed, errors, policy, policyChanges, failed, report };
}

export async function reviewChange(input: ChangeInput, deps: ChangeDeps): Promise<ChangeResult> {
  const prepared = prepareChange(input);
  const reviews = await reviewEntries(prepared.toReview, entryDeps(prepared, deps), prepared.policy.policy.concurrency, (e) => prepared.previous.get(e));
  return concludeChange(prepared, reviews, deps.hub.hubUrl);
}

const namespaceOf = (repo: string): string => (repo.split('/')[0] ?? '').toLowerCase();

/**
 * The policy's fast track: an entry whose rules set `fast_track`, approved with nothing above low and fully
 * examined, from a publisher the team already approved (a namespace of the base allowlist; the Hub's answer must
 * be in that namespace too, so a transfer cannot borrow it) is approved without waiting for a human. Everything
 * else is decided as without it. The review says so, with an info finding exceptions and reports can name.
 */
export function markFastTrack(reviews: FullReview[], baseEntries: readonly Entry[], policy: Policy): void {
  const approved = new Set(baseEntries.map((e) => namespaceOf(e.repo)));
  for (const r of reviews) {
    if (policyForEntry(policy, r.entry).policy.fastTrack !== true) continue;
    const ns = namespaceOf(r.entry.repo);
    const clean = r.verdict === 'approved' && r.complete && !r.findings.some((f) => severityRank(f.severity) > severityRank('low'));
    if (!clean || !approved.has(ns) || namespaceOf(r.canonicalId ?? r.entry.repo) !== ns) continue;
    const publisher = r.entry.repo.split('/')[0]!;
    r.fastTrack = { publisher };
    r.findings.push({
      check: 'policy.fast-track',
      severity: 'info',
      message: `fast track: ${publisher} is already approved in the base allowlist and nothing above low was found; approved without waiting for a human review`,
      help: 'Set `fast_track: false` (or use a profile without it) to have every entry wait for a human review.'
    });
  }
}
