// The action's run: binds the Actions runtime, reads inputs, runs the mode (src/main.ts starts it).
import * as core from '@actions/core';
import { env } from 'node:process';
import { readInputs, InputError } from './inputs.js';
import { runAudit } from './audit.js';
import { runReview } from './review.js';
import { runAggregate, runPlan, runShardJob } from './sharded.js';
import { runReleaseGate, runVerify } from './verify.js';
import { redactingRunner, type Runner } from './runner.js';
import { redact, rememberSecret } from '../core/secrets.js';

const runner: Runner = redactingRunner({
  env,
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  info: (m) => core.info(m),
  warning: (m, p) => core.warning(m, p),
  error: (m, p) => core.error(m, p),
  notice: (m, p) => core.notice(m, p),
  setFailed: (m) => core.setFailed(m),
  writeSummary: async (md) => {
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md).write();
  },
  getIDToken: (aud) => core.getIDToken(aud)
});

export async function main(): Promise<void> {
  try {
    const inputs = readInputs(runner.getInput);
    for (const secret of [inputs.hubToken, inputs.githubToken, ...inputs.signingKey.split('\n')]) {
      if (secret.trim()) runner.setSecret(secret.trim());
      rememberSecret(secret);
    }
    if (inputs.mode === 'verify') await runVerify(runner, inputs);
    else if (inputs.mode === 'release-gate') await runReleaseGate(runner, inputs);
    else if (inputs.mode === 'audit') await runAudit(runner, inputs);
    else if (inputs.mode === 'plan') await runPlan(runner, inputs);
    else if (inputs.mode === 'shard') await runShardJob(runner, inputs);
    else if (inputs.mode === 'aggregate') await runAggregate(runner, inputs);
    else await runReview(runner, inputs);
  } catch (err) {
    const message = err instanceof InputError ? err.message : err instanceof Error ? err.message : String(err);
    core.setFailed(redact(`Model Gate: ${message}`));
  }
}

