// `model-gate review`: the pull request review, run locally before opening the PR.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { HubClient } from '../hub/client.js';
import { pickHubUrl } from '../hub/endpoint.js';
import { DEFAULT_POLICY_PATH } from '../config/policy/defaults.js';
import { writeFile } from 'node:fs/promises';
import { renderCycloneDx } from '../report/bom.js';
import { renderJsonReport } from '../report/json.js';
import { bomModels } from '../review/bom-models.js';
import { signatureReferences } from '../sign/bom-references.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import { renderComment } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { createReviewer } from '../review/reviewer.js';
import type { ChangeInput } from '../review/change.js';
import { readPartials, readPlanFile } from '../review/shard-files.js';
import { MAX_SHARDS } from '../review/shard-plan.js';
import { EXIT } from './conventions.js';
import { UsageError, type Command } from './io.js';
import { deadlineOption, retryWaitSeconds } from './fetch.js';
import { runDeadline } from '../hub/run-deadline.js';
import { readConfigFile } from './config-file.js';
import { ALLOWLIST_LIMITS } from '../config/allowlist/parse.js';
import { MAX_POLICY_BYTES } from '../config/policy/load.js';

export const USAGE = `usage: model-gate review (--base FILE --head FILE | --repo DIR --base-ref REF --head-ref REF)
         [--allowlist PATH] [--policy FILE] [--hub-url URL] [--cdn-origin URL]...
         [--format markdown|json|text|cyclonedx] [--bom FILE] [--signatures-dir DIR] [--progress] [--max-retry-wait SECONDS]
         [--deadline MINUTES]
       sharded (one review across jobs or machines, as the action's plan, shard and aggregate modes):
         model-gate review … --plan-out plan.json [--shards N]      prints the shards to run, as {"shard":[0,…]}
         model-gate review … --plan plan.json --shard I --partial-out partial-I.json
         model-gate review … --plan plan.json --partials DIR      the review from every DIR/partial-<i>.json

Reviews the entries the head allowlist adds or re-pins, exactly as the action does, and prints the comment.
Exit 0: nothing fails the check; 1: something is rejected or at/above fail_on; 2: usage or input error;
3: the check fails and some entry was not fully examined.
A missing --base file means every head entry is new. HF_TOKEN is sent to the Hub only.
Progress goes to stderr when it is a terminal; --progress prints it anyway (e.g. in CI logs).
--max-retry-wait: the longest Retry-After the Hub may ask for that is honoured (default 60 s); longer fails at once.
--format cyclonedx (or \`model-gate bom\`) prints the CycloneDX 1.6 bill of materials of the approved entries instead
of the comment; --bom FILE writes it besides. --signatures-dir DIR (the sign workflow's folder) adds references to
each approved entry's model.sig and vetting record found there.
--deadline: wall-clock minutes for the whole review (default 300); entries not finished by then are not fully
examined and block.`;

export const BOM_USAGE = `usage: model-gate bom (--base FILE --head FILE | --repo DIR --base-ref REF --head-ref REF)
         [--allowlist PATH] [--policy FILE] [--hub-url URL] [--cdn-origin URL]... [--signatures-dir DIR] [--progress]
         [--max-retry-wait SECONDS] [--deadline MINUTES]

Reviews the change as \`model-gate review\` does and prints the CycloneDX 1.6 ML-BOM of the approved entries: one
machine-learning-model component per entry (repository and commit, publisher, licence, model-card fields, every
file's sha256, references to the signature and vetting record). Exit codes as for review.`;

/** `model-gate bom`: the review, printed as its bill of materials. */
export const bom: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${BOM_USAGE}\n`);
    return 0;
  }
  if (args.some((a) => a === '--format' || a.startsWith('--format='))) throw new UsageError(`model-gate bom prints CycloneDX; --format is for review\n${BOM_USAGE}`);
  return review([...args, '--format', 'cyclonedx'], io);
};

const run = promisify(execFile);


/** A file's text at a git ref, or null when the file does not exist there. Runs git, never a shell. */
async function gitShow(dir: string, ref: string, path: string): Promise<string | null> {
  if (!/^[A-Za-z0-9._/-]+$/.test(ref) || ref.startsWith('-')) throw new UsageError(`'${ref}' is not a plain git ref`);
  try {
    const { stdout } = await run('git', ['-C', dir, 'show', `${ref}:${path}`], { maxBuffer: 2 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '');
    if (/does not exist|exists on disk, but not in/.test(stderr)) return null;
    throw new UsageError(`git show ${ref}:${path} in ${dir} failed: ${stderr.trim() || String(err)}`);
  }
}

type ShardedStep =
  | { kind: 'none' }
  | { kind: 'plan'; out: string; shards: number }
  | { kind: 'shard'; plan: string; shard: number; out: string }
  | { kind: 'aggregate'; plan: string; partials: string };

/** Which step of a sharded review the options ask for; a partial or mixed set of them is a usage error. */
function shardedStep(v: { 'plan-out'?: string; shards?: string; plan?: string; shard?: string; 'partial-out'?: string; partials?: string }): ShardedStep {
  const whole = (name: string, text: string, max: number): number => {
    if (!/^\d{1,3}$/.test(text) || Number(text) > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}\n${USAGE}`);
    return Number(text);
  };
  if (v['plan-out'] !== undefined) {
    if (v.plan !== undefined || v.shard !== undefined || v['partial-out'] !== undefined || v.partials !== undefined) throw new UsageError(`--plan-out makes a plan; it takes only --shards\n${USAGE}`);
    const shards = whole('--shards', v.shards ?? '8', MAX_SHARDS);
    if (shards < 1) throw new UsageError(`--shards must be at least 1\n${USAGE}`);
    return { kind: 'plan', out: v['plan-out'], shards };
  }
  if (v.shards !== undefined) throw new UsageError(`--shards goes with --plan-out\n${USAGE}`);
  if (v.shard !== undefined || v['partial-out'] !== undefined) {
    if (v.plan === undefined || v.shard === undefined || v['partial-out'] === undefined || v.partials !== undefined) throw new UsageError(`a shard needs --plan, --shard and --partial-out (and no --partials)\n${USAGE}`);
    return { kind: 'shard', plan: v.plan, shard: whole('--shard', v.shard, MAX_SHARDS - 1), out: v['partial-out'] };
  }
  if (v.plan !== undefined || v.partials !== undefined) {
    if (v.plan === undefined || v.partials === undefined) throw new UsageError(`the aggregate needs --plan and --partials\n${USAGE}`);
    return { kind: 'aggregate', plan: v.plan, partials: v.partials };
  }
  return { kind: 'none' };
}

export const review: Command = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        repo: { type: 'string' },
        'base-ref': { type: 'string' },
        'head-ref': { type: 'string' },
        allowlist: { type: 'string', default: 'approved-models.yaml' },
        policy: { type: 'string' },
        'hub-url': { type: 'string' },
        'cdn-origin': { type: 'string', multiple: true },
        'max-retry-wait': { type: 'string' },
        deadline: { type: 'string' },
        format: { type: 'string', default: 'markdown' },
        bom: { type: 'string' },
        'signatures-dir': { type: 'string' },
        progress: { type: 'boolean' },
        'plan-out': { type: 'string' },
        shards: { type: 'string' },
        plan: { type: 'string' },
        shard: { type: 'string' },
        'partial-out': { type: 'string' },
        partials: { type: 'string' },
        help: { type: 'boolean' }
      },
      strict: true
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (!['markdown', 'json', 'text', 'cyclonedx'].includes(values.format)) throw new UsageError(`--format must be markdown, json, text or cyclonedx\n${USAGE}`);
  const sharded = shardedStep(values);
  const allowlist = values.allowlist;
  let baseText: string | null;
  let headText: string | null;
  let policyText: string | null = null;
  let headPolicyText: string | null | undefined;
  let policySource = 'defaults';
  const policyPath = DEFAULT_POLICY_PATH;
  if (values.repo) {
    if (!values['base-ref'] || !values['head-ref']) throw new UsageError(`--repo needs --base-ref and --head-ref\n${USAGE}`);
    const repo = resolve(io.cwd, values.repo);
    baseText = await gitShow(repo, values['base-ref'], allowlist);
    headText = await gitShow(repo, values['head-ref'], allowlist);
    if (headText === null) throw new UsageError(`${allowlist} does not exist at ${values['head-ref']} in ${values.repo}`);
    if (!values.policy) {
      policyText = await gitShow(repo, values['base-ref'], policyPath);
      headPolicyText = await gitShow(repo, values['head-ref'], policyPath);
      policySource = `${policyPath} at ${values['base-ref']}${policyText === null ? ' (absent: defaults)' : ''}`;
    }
  } else {
    if (!values.head) throw new UsageError(`give --head FILE (and --base FILE), or --repo DIR with refs\n${USAGE}`);
    baseText = values.base ? await readConfigFile(resolve(io.cwd, values.base), '--base allowlist', ALLOWLIST_LIMITS.maxBytes) : null;
    headText = await readConfigFile(resolve(io.cwd, values.head), '--head allowlist', ALLOWLIST_LIMITS.maxBytes);
    if (headText === null) throw new UsageError(`${values.head} does not exist`);
  }
  if (values.policy) {
    policyText = await readConfigFile(resolve(io.cwd, values.policy), '--policy', MAX_POLICY_BYTES);
    if (policyText === null) throw new UsageError(`--policy ${values.policy} does not exist`);
    policySource = values.policy;
  }
  const hub = new HubClient({
    hubUrl: pickHubUrl(values['hub-url'], io.env),
    ...(io.env.HF_TOKEN ? { token: io.env.HF_TOKEN } : {}),
    ...(values['cdn-origin'] ? { allowedCdnOrigins: values['cdn-origin'] } : {}),
    ...(values['max-retry-wait'] !== undefined ? { maxWaitMs: retryWaitSeconds(values['max-retry-wait']) * 1000 } : {}),
    runDeadline: runDeadline(deadlineOption(values.deadline), '--deadline'),
    onRetry: (m) => io.stderr(`model-gate review: ${m}\n`)
  });
  // Progress is for a person watching: on a terminal, or when asked for; a CI log gets the result only.
  const progress = values.progress === true || io.stderrIsTTY === true;
  const reviewer = createReviewer({ hub, onProgress: (line) => { if (progress) io.stderr(`${line}\n`); } });
  const input: ChangeInput = {
    allowlistPath: allowlist,
    baseText,
    headText,
    policyText,
    ...(headPolicyText !== undefined ? { headPolicyText } : {}),
    policySource
  };
  if (sharded.kind === 'plan') {
    const plan = await reviewer.planChange(input, sharded.shards);
    await writeFile(resolve(io.cwd, sharded.out), JSON.stringify(plan));
    io.stdout(`${JSON.stringify({ shard: Array.from({ length: plan.shards }, (_, i) => i) })}\n`);
    return EXIT.ok;
  }
  if (sharded.kind === 'shard') {
    const { plan, sha256 } = await readPlanFile(resolve(io.cwd, sharded.plan), 'give the plan --plan-out wrote');
    const partial = await reviewer.shardChange(input, plan, sha256, sharded.shard);
    await writeFile(resolve(io.cwd, sharded.out), JSON.stringify(partial));
    return EXIT.ok;
  }
  let result;
  if (sharded.kind === 'aggregate') {
    const { plan, sha256 } = await readPlanFile(resolve(io.cwd, sharded.plan), 'give the plan --plan-out wrote');
    result = await reviewer.aggregateChange(input, plan, sha256, await readPartials(resolve(io.cwd, sharded.partials), plan.shards));
  } else {
    result = await reviewer.reviewChange(input);
  }
  for (const w of result.policy.warnings) io.stderr(`warning: ${w}\n`);
  const now = new Date();
  if (values.format === 'cyclonedx' || values.bom) {
    const bomPath = values.bom ? resolve(io.cwd, values.bom) : undefined;
    const refs = values['signatures-dir']
      ? await signatureReferences(result.reviews, resolve(io.cwd, values['signatures-dir']), bomPath ? resolve(bomPath, '..') : io.cwd)
      : undefined;
    const text = renderCycloneDx(bomModels(result.reviews, refs ? { signatures: refs } : {}), { hubUrl: hub.hubUrl, toolName: TOOL_NAME, toolVersion: TOOL_VERSION, now });
    if (bomPath) await writeFile(bomPath, text);
    if (values.format === 'cyclonedx') io.stdout(text);
  }
  if (values.format === 'json') io.stdout(renderJsonReport(result.report, now));
  else if (values.format === 'text') io.stdout(renderText(result.report));
  else if (values.format === 'markdown') io.stdout(`${renderComment(result.report)}\n`);
  if (!result.failed) return EXIT.ok;
  // Fail closed either way; the code says whether the block rests on something not fully examined.
  return result.reviews.some((r) => !r.complete) ? EXIT.incomplete : EXIT.findings;
};
