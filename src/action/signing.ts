// Which signer the action uses, from the `sign` input and what the job has: keyless needs an OIDC token
// (`permissions: id-token: write`; fork PRs never get one), key mode needs the `signing-key` secret.
import type { SigningMode } from '../sign/signers.js';
import type { ActionInputs } from './inputs.js';
import type { Runner } from './runner.js';

export const PUBLIC_FULCIO = 'https://fulcio.sigstore.dev';
export const PUBLIC_REKOR = 'https://rekor.sigstore.dev';

export type SigningChoice = { mode: SigningMode } | { skip: string };

export function chooseSigner(inputs: ActionInputs, runner: Runner, fork: boolean): SigningChoice {
  if (inputs.sign === 'none') return { skip: 'signing is off (`sign: none`); the sign workflow signs after merge' };
  if (inputs.sign === 'key') {
    if (!inputs.signingKey.trim()) return { skip: "`sign: key` but the `signing-key` input is empty (pass the PEM from a secret)" };
    return { mode: { kind: 'key', privateKeyPem: inputs.signingKey, ...(inputs.rekorUrl ? { rekorUrl: inputs.rekorUrl } : {}) } };
  }
  if (fork) return { skip: 'fork pull requests get no OIDC token; the sign workflow signs after merge' };
  const hasOidc = Boolean(runner.env.ACTIONS_ID_TOKEN_REQUEST_URL && runner.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  if (!hasOidc) {
    const why = 'no OIDC token in this job (add `permissions: id-token: write`)';
    return inputs.sign === 'auto' ? { skip: why } : { skip: `\`sign: keyless\` but ${why}` };
  }
  return {
    mode: {
      kind: 'keyless',
      getIdToken: () => runner.getIDToken('sigstore'),
      fulcioUrl: inputs.fulcioUrl || PUBLIC_FULCIO,
      ...(inputs.tsaUrl ? { tsaUrl: inputs.tsaUrl } : {}),
      ...(inputs.rekorUrl || !inputs.tsaUrl ? { rekorUrl: inputs.rekorUrl || PUBLIC_REKOR } : {})
    }
  };
}
