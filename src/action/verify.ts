// Verify mode, for release pipelines: the model folder must match a signature by the expected signer.
import { readFile } from 'node:fs/promises';
import { verifyModel } from '../sign/verify.js';
import type { ActionInputs } from './inputs.js';
import type { Runner } from './runner.js';

export async function runVerify(runner: Runner, inputs: ActionInputs): Promise<void> {
  if (!inputs.modelDir || !inputs.signature) throw new Error("verify mode needs the 'model-dir' and 'signature' inputs");
  let bundle: unknown;
  try {
    bundle = await readFile(inputs.signature, 'utf8');
  } catch {
    bundle = undefined; // reported as `unsigned` below, with the path
  }
  const trust = inputs.publicKey.trim()
    ? { kind: 'key' as const, publicKeyPem: inputs.publicKey }
    : inputs.identity
      ? { kind: 'identity' as const, identity: inputs.identity, issuer: inputs.identityProvider }
      : undefined;
  if (!trust) throw new Error("verify mode needs 'public-key', or 'identity' (and 'identity-provider')");
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
