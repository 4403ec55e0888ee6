// Verify and release-gate modes, for release pipelines: the model folder(s) must match signatures by the expected
// signer. Without a `signature` path the bundles come from GitHub's artifact attestations of `attestations-repo`
// (the sign workflow stored them there), so no artifact from another run is needed.
import { readFile } from 'node:fs/promises';
import { releaseGate } from '../sign/release-gate.js';
import { verifyAttested } from '../sign/verify-attested.js';
import { verifyModel, type VerifyTrust } from '../sign/verify.js';
import type { ActionInputs } from './inputs.js';
import type { Runner } from './runner.js';

export async function trustFrom(inputs: ActionInputs, mode: string): Promise<VerifyTrust> {
  let trustedRoot: unknown;
  if (inputs.trustedRoot) {
    try {
      trustedRoot = JSON.parse(await readFile(inputs.trustedRoot, 'utf8'));
    } catch (e) {
      throw new Error(`cannot read the trusted root ${inputs.trustedRoot}: ${(e as Error).message}`, { cause: e });
    }
  }
  const root = trustedRoot !== undefined ? { trustedRoot } : {};
  if (inputs.publicKey.trim()) return { kind: 'key', publicKeyPem: inputs.publicKey, ...root };
  if (inputs.identity) return { kind: 'identity', identity: inputs.identity, issuer: inputs.identityProvider, ...root };
  throw new Error(`${mode} mode needs 'public-key', or 'identity' (and 'identity-provider')`);
}

function github(runner: Runner, inputs: ActionInputs) {
  const repository = inputs.attestationsRepo || runner.env.GITHUB_REPOSITORY || '';
  if (!repository) throw new Error("set 'attestations-repo' to the OWNER/REPO whose sign workflow stored the attestations");
  return { apiUrl: runner.env.GITHUB_API_URL ?? 'https://api.github.com', repository, ...(inputs.githubToken ? { token: inputs.githubToken } : {}) };
}

export async function runVerify(runner: Runner, inputs: ActionInputs): Promise<void> {
  if (!inputs.modelDir) throw new Error("verify mode needs the 'model-dir' input");
  const trust = await trustFrom(inputs, 'verify');
  if (!inputs.signature) {
    const gh = github(runner, inputs);
    const result = await verifyAttested({ modelDir: inputs.modelDir, trust, github: gh });
    if (result.ok) {
      runner.info(`verified ${result.files} files (${result.bytes} bytes) of ${inputs.modelDir} against the attestations of ${gh.repository}; ROOT ${result.root}`);
      runner.setOutput('verdict', 'verified');
      return;
    }
    runner.setOutput('verdict', result.reason);
    runner.setFailed(`Model Gate verify: ${result.reason}: ${result.message}`);
    return;
  }
  let bundle: unknown;
  try {
    bundle = await readFile(inputs.signature, 'utf8');
  } catch {
    bundle = undefined; // reported as `unsigned` below, with the path
  }
  const result = await verifyModel({ modelDir: inputs.modelDir, bundle, trust });
  if (result.ok) {
    runner.info(`verified ${result.files} files (${result.bytes} bytes) of ${inputs.modelDir} against ${inputs.signature}; ROOT ${result.root}`);
    runner.setOutput('verdict', 'verified');
    return;
  }
  const where = bundle === undefined ? ` (${inputs.signature} could not be read)` : '';
  runner.setOutput('verdict', result.reason);
  runner.setFailed(`Model Gate verify: ${result.reason}: ${result.message}${where}`);
}

export async function runReleaseGate(runner: Runner, inputs: ActionInputs): Promise<void> {
  if (!inputs.modelsDir) throw new Error("release-gate mode needs the 'models-dir' input");
  const trust = await trustFrom(inputs, 'release-gate');
  // An unreadable allowlist is reported by the gate as missing.
  const allowlistText = await readFile(inputs.allowlist, 'utf8').catch(() => null);
  const result = await releaseGate({ modelsDir: inputs.modelsDir, allowlistText, allowlistPath: inputs.allowlist, trust, source: { kind: 'attestations', github: github(runner, inputs) } });
  for (const p of result.problems) runner.error(`release gate: ${p.message}`);
  for (const m of result.models) {
    if (m.ok) runner.info(`ok  ${m.folder}: ${m.message}`);
    else runner.error(`${m.folder}: ${m.problem}: ${m.message}`, m.entry ? { file: inputs.allowlist, startLine: m.entry.line, title: 'Model Gate release gate' } : undefined);
  }
  runner.setOutput('verdict', result.ok ? 'verified' : 'rejected');
  if (!result.ok) {
    const bad = result.models.filter((m) => !m.ok).length;
    runner.setFailed(`Model Gate release gate: ${bad} of ${result.models.length} model folder(s) failed${result.problems.length ? `, ${result.problems.length} other problem(s)` : ''}; nothing may ship.`);
  }
}
