// Review mode: read the allowlist and policy through the API at the event's SHAs, review the change, write the
// reports, publish the sticky comment and review, annotate the allowlist lines, and fail the check when needed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HubClient } from '../hub/client.js';
import { runDeadline } from '../hub/run-deadline.js';
import { pickHubUrl } from '../hub/endpoint.js';
import { annotationsFor } from '../report/annotations.js';
import { renderCycloneDx } from '../report/bom.js';
import { renderJsonReport } from '../report/json.js';
import { renderComment } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { countVerdicts, overallVerdict } from '../report/tally.js';
import { bomModels } from '../review/bom-models.js';
import { createReviewer, type Reviewer } from '../review/reviewer.js';
import type { ChangeInput, ChangeResult } from '../review/change.js';
import { signatureReferences } from '../sign/bom-references.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import { signApprovedReviews } from '../sign/sign-reviews.js';
import { chooseSigner } from './signing.js';
import { publishAttestations } from './attest.js';
import { targetFromEvent } from './event.js';
import { octokitApi, type GitHubApi } from './github-api.js';
import type { ActionInputs } from './inputs.js';
import { approveFastTracked, resolveSelf, submitReview, upsertStickyComment } from './publish.js';
import type { Runner } from './runner.js';
import { redact } from '../core/secrets.js';

export interface ReviewDepsForAction {
  /** Builds the GitHub API client; the default talks to GITHUB_API_URL with the github-token input. */
  github?: (token: string, owner: string, repo: string, baseUrl: string | undefined) => GitHubApi;
  now?: () => Date;
}

/** The change a run reviews, as review mode reads it: the event, the API, the allowlist and policy texts, the Hub. */
export interface ActionChange {
  target: ReturnType<typeof targetFromEvent>;
  api: GitHubApi;
  owner: string;
  repo: string;
  input: ChangeInput;
  hub: HubClient;
}

/** Reads the change exactly as review mode does (every mode that reviews a change shares it). */
export async function readChange(runner: Runner, inputs: ActionInputs, deps: ReviewDepsForAction = {}): Promise<ActionChange> {
  const { env } = runner;
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as Record<string, unknown>;
  const target = targetFromEvent(eventName, payload);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set to owner/repo; is this running in GitHub Actions?');
  if (!inputs.githubToken) throw new Error("input 'github-token' is empty; the action needs it to read the allowlist at the base and head commits");

  const api = (deps.github ?? ((t, o, r, b) => octokitApi(t, { owner: o, repo: r }, b)))(inputs.githubToken, owner, repo, env.GITHUB_API_URL);
  const [baseSha, headSha] = target.kind === 'pull_request' ? [target.baseSha, target.headSha] : [target.beforeSha, target.afterSha];

  const baseText = baseSha ? await api.readFile(inputs.allowlist, baseSha) : null;
  const headText = await api.readFile(inputs.allowlist, headSha);
  // The policy in effect is the base's: a pull request cannot weaken the policy that reviews it. A push has
  // already been reviewed, so its own commit's policy applies.
  const policyRef = target.kind === 'pull_request' ? target.baseSha : target.afterSha;
  const policyText = await api.readFile(inputs.policy, policyRef);
  const headPolicyText = target.kind === 'pull_request' ? await api.readFile(inputs.policy, target.headSha) : undefined;

  const hub = new HubClient({
    hubUrl: pickHubUrl(inputs.hubUrl, env),
    ...(inputs.hubToken ? { token: inputs.hubToken } : {}),
    ...(inputs.cdnOrigins.length > 0 ? { allowedCdnOrigins: inputs.cdnOrigins } : {}),
    runDeadline: runDeadline(inputs.reviewDeadline, 'review-deadline'),
    maxWaitMs: inputs.maxRetryWait * 1000,
    onRetry: (m) => runner.info(m)
  });
  const input: ChangeInput = {
    allowlistPath: inputs.allowlist,
    baseText,
    headText,
    policyText,
    ...(headPolicyText !== undefined ? { headPolicyText } : {}),
    policySource: `${inputs.policy} at ${policyRef.slice(0, 7)}${policyText === null ? ' (absent: defaults)' : ''}`,
    policyInputs: { failOn: inputs.failOn, concurrency: inputs.concurrency }
  };
  return { target, api, owner, repo, input, hub };
}

/** The reviewer an action run uses, over the run's Hub client. */
export function actionReviewer(runner: Runner, change: ActionChange, deps: ReviewDepsForAction = {}): Reviewer {
  return createReviewer({ hub: change.hub, ...(deps.now ? { now: deps.now } : {}), onProgress: (line) => runner.info(line) });
}

export async function runReview(runner: Runner, inputs: ActionInputs, deps: ReviewDepsForAction = {}): Promise<void> {
  const change = await readChange(runner, inputs, deps);
  const result = await actionReviewer(runner, change, deps).reviewChange(change.input);
  await publishReview(runner, inputs, change, result, deps);
}

/**
 * Everything review mode does after the review: reports, signatures from the digests the download computed, the
 * sticky comment and review, annotations, the job summary, outputs and the check's failure. The sharded review's
 * aggregate job ends the same way.
 */
export async function publishReview(runner: Runner, inputs: ActionInputs, change: ActionChange, result: ChangeResult, deps: ReviewDepsForAction = {}): Promise<void> {
  const { env } = runner;
  const { target, api, owner, repo } = change;
  for (const w of result.policy.warnings) runner.warning(`Model Gate policy: ${w}`);

  const report = result.report;
  if (env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID) {
    report.fullReportUrl = `${env.GITHUB_SERVER_URL}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  // Only approved entries are signed, from the digests the download already computed.
  const signaturesDir = join(inputs.reportDir, 'signatures');
  const approved = result.reviews.filter((r) => r.verdict === 'approved');
  let attestations = 0;
  let attestFailed = false;
  if (approved.length > 0) {
    const choice = chooseSigner(inputs, runner, target.kind === 'pull_request' && target.fork);
    if ('mode' in choice) {
      const signed = await signApprovedReviews(approved, {
        mode: choice.mode,
        outDir: signaturesDir,
        policy: result.policy.policy,
        ...(target.kind === 'pull_request' && target.url ? { prUrl: target.url } : {}),
        release: {
          hubUrl: pickHubUrl(inputs.hubUrl, env),
          ...(env.GITHUB_WORKFLOW_REF ? { builderId: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_WORKFLOW_REF}` } : {}),
          ...(env.GITHUB_RUN_ID
            ? { invocationId: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${env.GITHUB_RUN_ATTEMPT ?? '1'}` }
            : {})
        }
      });
      report.signing = signed.statuses;
      for (const s of signed.statuses) if (s.status === 'failed') runner.warning(`signing ${s.repo}@${s.revision} failed: ${s.detail}`);
      const published = await publishAttestations(runner, inputs, signed.signed, {
        apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
        repository: `${owner}/${repo}`,
        token: inputs.githubToken
      });
      attestations = published.stored;
      attestFailed = inputs.attest === 'true' && published.failed.length > 0;
    } else {
      report.signing = approved.map((r) => ({ repo: r.entry.repo, revision: r.entry.revision, status: 'skipped' as const, detail: choice.skip }));
    }
  }

  const now = (deps.now ?? (() => new Date()))();
  await mkdir(inputs.reportDir, { recursive: true });
  const jsonPath = join(inputs.reportDir, 'model-gate.json');
  const sarifPath = join(inputs.reportDir, 'model-gate.sarif');
  // Reports and the comment leave the process here: through the one redaction point, like every log line.
  await writeFile(jsonPath, redact(renderJsonReport(report, now)));
  await writeFile(sarifPath, redact(renderSarif(report)));
  const comment = redact(renderComment(report));
  await writeFile(join(inputs.reportDir, 'comment.md'), comment);
  // The bill of materials of what this run approved, referencing the signatures written above.
  const bomPath = join(inputs.reportDir, 'model-gate.cdx.json');
  const signatures = await signatureReferences(result.reviews, signaturesDir, inputs.reportDir);
  await writeFile(bomPath, redact(renderCycloneDx(bomModels(result.reviews, { signatures }), {
    hubUrl: pickHubUrl(inputs.hubUrl, env), toolName: TOOL_NAME, toolVersion: TOOL_VERSION, now
  })));

  const counts = countVerdicts(result.reviews);
  const rejected = result.reviews.filter((r) => r.verdict === 'rejected').length;
  if (target.kind === 'pull_request' && inputs.comment) {
    const warn = (m: string) => runner.warning(m);
    // Resolved once per run and checked on every comment and review touched (publish.ts).
    const self = await resolveSelf(api, warn);
    if (self) runner.info(`publishing as @${self.login}`);
    const posted = await upsertStickyComment(api, target.number, comment, warn, self);
    if (posted.status !== 'skipped') runner.info(`comment ${posted.status} (id ${posted.id})`);
    // The review names the account whose comment carries the verdict: a marker alone proves nothing.
    const where = self ? `the Model Gate comment by @${self.login}` : 'the job summary';
    await submitReview(api, target.number, target.headSha, { count: rejected, summary: `Model Gate rejected ${rejected} model(s); see ${where} for why.` }, warn, self);
    // Only a policy with a fast track (at the top level or in a profile) ever approves or withdraws an approval.
    const policy = result.policy.policy;
    if (policy.fastTrack === true || Object.values(policy.profiles).some((p) => p.fastTrack === true)) {
      const all = result.reviews.length > 0 && result.reviews.every((r) => r.fastTrack) && !result.failed;
      const outcome = await approveFastTracked(api, target.number, target.headSha, {
        approve: all,
        summary: `Model Gate fast track: every model this pull request adds comes from a publisher already approved and was approved with nothing above low; see ${where}.`
      }, warn, self);
      runner.info(`fast track: ${outcome}`);
    }
  }
  for (const a of annotationsFor(result.reviews, inputs.allowlist, result.errors)) {
    runner[a.level](a.message, { file: a.file, startLine: a.startLine, title: a.title });
  }
  await runner.writeSummary(renderSummary(report));

  runner.setOutput('verdict', overallVerdict(report));
  runner.setOutput('approved', counts.approved);
  runner.setOutput('needs-review', counts.needsReview);
  runner.setOutput('rejected', counts.rejected);
  runner.setOutput('report-path', jsonPath);
  runner.setOutput('sarif-path', sarifPath);
  runner.setOutput('bom-path', bomPath);
  runner.setOutput('fast-tracked', result.reviews.filter((r) => r.fastTrack).length);
  runner.setOutput('signatures-dir', signaturesDir);
  runner.setOutput('attestations', attestations);
  if (attestFailed && !result.failed) runner.setFailed('Model Gate: signatures were made but could not be stored as attestations (`attest: true`); see the errors above.');
  if (result.failed) {
    const why = [
      rejected > 0 ? `${rejected} model(s) rejected` : '',
      result.errors.length > 0 ? `${result.errors.length} allowlist/policy error(s)` : '',
      rejected === 0 && result.errors.length === 0 ? `findings at or above fail-on (${result.policy.policy.failOn})` : ''
    ].filter(Boolean);
    runner.setFailed(`Model Gate: ${why.join(', ')}. See the comment or the job summary.`);
  }
}
