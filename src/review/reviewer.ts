// The one reviewer every front end builds (the action, `model-gate review`, `model-gate scan`, the demo): the
// same scanners, repository checks, verdicts and report model for an allowlist change on the Hub and for files on
// disk. Front ends pass in their I/O (the Hub client, the clock, progress) and render the ReportInput it returns.
import { REPO_CHECKS } from '../checks/index.js';
import type { RepoCheck } from '../checks/types.js';
import { checkGlobal } from '../config/policy/check-global.js';
import { defaultPolicy } from '../config/policy/defaults.js';
import type { LoadedPolicy, PolicyInputs } from '../config/policy/load.js';
import type { LocatedError } from '../core/errors.js';
import type { LocalReview } from '../core/review.js';
import type { ReportInput } from '../core/report.js';
import { TOOL_VERSION } from '../core/version.js';
import type { HubClient } from '../hub/client.js';
import type { ChangeInput, ChangeResult } from './change.js';
import type { ShardInput } from './sharded.js';
import type { Plan } from './shard-plan.js';
import type { PartialReview } from './shard-partial.js';
import type { ScanFile } from './examine.js';
import { reviewLocal } from './pipeline.js';
import { defaultScanFile } from './scan-file.js';

export interface ReviewerOptions {
  /** The Hub, for allowlist reviews; a local scan needs none. */
  hub?: HubClient;
  /** Defaults to the full file scanner. */
  scanFile?: ScanFile;
  /** Defaults to every repository check (src/checks/index.ts). */
  checks?: readonly RepoCheck[];
  now?: () => Date;
  onProgress?: (line: string) => void;
}

export interface LocalInput {
  paths: readonly string[];
  /** Paths are resolved against, and shown relative to, this folder. */
  cwd: string;
  /** The policy file's text (null: defaults), where it came from, and input overrides. */
  policyText?: string | null;
  policySource?: string;
  policyInputs?: PolicyInputs;
  /** Extra pickle globals to allow (`--allow module.name`), validated like the policy's `allow_globals`. */
  allow?: readonly string[];
}

export interface LocalResult {
  review: LocalReview;
  policy: LoadedPolicy;
  report: ReportInput;
}

export interface Reviewer {
  /** The pull request review: the entries an allowlist change adds or re-pins. */
  reviewChange(input: ChangeInput): Promise<ChangeResult>;
  /** Files and folders on disk, reviewed as one repository. */
  reviewLocal(input: LocalInput): Promise<LocalResult>;
  /** A sharded review's plan job: the change's entries' metadata, split into at most `maxShards` shards by bytes. */
  planChange(input: ChangeInput, maxShards: number): Promise<Plan>;
  /** A shard job: the files the plan gives `shard`, examined; its partial review. */
  shardChange(input: ChangeInput, plan: Plan, planSha256: string, shard: number): Promise<PartialReview>;
  /** The aggregate job: the change judged from the plan and every shard's partial, as reviewChange would. */
  aggregateChange(input: ChangeInput, plan: Plan, planSha256: string, partials: readonly ShardInput[]): Promise<ChangeResult>;
}

/** A sharded review's steps and the change review they start from, loaded together. */
const shardedSteps = () => Promise.all([import('./change.js'), import('./sharded.js')]);

export function createReviewer(opts: ReviewerOptions = {}): Reviewer {
  const scanFile = opts.scanFile ?? defaultScanFile;
  const checks = opts.checks ?? REPO_CHECKS;
  const common = { scanFile, checks, ...(opts.now ? { now: opts.now } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
  const hubOf = (): HubClient => {
    if (!opts.hub) throw new Error('reviewing an allowlist change needs a Hub client');
    return opts.hub;
  };
  return {
    // An allowlist change's review (the allowlist parser, YAML and schema libraries) and the sharded review's steps
    // are loaded when a front end asks for them: a local scan never does.
    async reviewChange(input) {
      const { reviewChange } = await import('./change.js');
      return reviewChange(input, { hub: hubOf(), ...common });
    },
    async planChange(input, maxShards) {
      const [{ prepareChange }, { planChange }] = await shardedSteps();
      return planChange(prepareChange(input), { hub: hubOf(), ...common }, maxShards);
    },
    async shardChange(input, plan, planSha256, shard) {
      const [{ prepareChange }, { runShard }] = await shardedSteps();
      return runShard(prepareChange(input), plan, planSha256, shard, { hub: hubOf(), ...common });
    },
    async aggregateChange(input, plan, planSha256, partials) {
      const [{ concludeChange, prepareChange }, { aggregateChange }] = await shardedSteps();
      const hub = hubOf();
      const prepared = prepareChange(input);
      return concludeChange(prepared, await aggregateChange(prepared, plan, planSha256, partials, { hub, ...common }), hub.hubUrl);
    },
    async reviewLocal(input) {
      const policySource = input.policySource ?? 'defaults';
      const policy = await localPolicy(input);
      const errors: LocatedError[] = [...policy.errors];
      for (const g of input.allow ?? []) {
        const problem = checkGlobal(g);
        if (problem) errors.push({ file: 'option --allow', message: problem, help: 'Allow only classes a reviewer has read; code-running callables can never be allowed.' });
        else if (!policy.policy.allowGlobals.includes(g)) policy.policy.allowGlobals.push(g);
      }
      const review = await reviewLocal(input.paths, input.cwd, { policy: policy.policy, ...common });
      const report: ReportInput = {
        reviews: [review],
        removed: [],
        policySource,
        policyChanges: [],
        toolVersion: TOOL_VERSION,
        errors,
        warnings: policy.warnings
      };
      return { review, policy, report };
    }
  };
}

/**
 * The policy of a local scan. With no policy file and no inputs there is nothing to parse: the defaults, as
 * loadPolicy(null) gives them (a test holds the two equal), without loading the YAML and schema libraries.
 */
export async function localPolicy(input: Pick<LocalInput, 'policyText' | 'policySource' | 'policyInputs'>): Promise<LoadedPolicy> {
  const inputs = input.policyInputs ?? {};
  if ((input.policyText ?? null) === null && Object.values(inputs).every((v) => v === undefined || v.trim() === '')) {
    return { policy: defaultPolicy(), errors: [], warnings: [] };
  }
  const { loadPolicy } = await import('../config/policy/load.js');
  return loadPolicy(input.policyText ?? null, input.policySource ?? 'defaults', inputs);
}
