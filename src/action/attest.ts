// Publishes what the run signed to GitHub's artifact attestations API, so the signatures outlive workflow artifacts
// and release jobs find them by digest (`gh attestation verify FILE --repo`, `model-gate verify`, release-gate).
import type { SignReviewsResult } from '../sign/sign-reviews.js';
import { AttestationsApiError, createAttestation } from '../sign/github-attestations.js';
import type { ActionInputs } from './inputs.js';
import type { Runner } from './runner.js';

export interface PublishedAttestations {
  stored: number;
  failed: string[];
}

/** True when a bundle carries a Fulcio certificate: what gh (and the keyless trust policies) can verify. */
function isKeyless(bundle: unknown): boolean {
  const vm = (bundle as { verificationMaterial?: Record<string, unknown> } | null)?.verificationMaterial;
  return Boolean(vm && (vm.certificate || vm.x509CertificateChain));
}

export async function publishAttestations(
  runner: Runner,
  inputs: ActionInputs,
  signed: SignReviewsResult['signed'],
  api: { apiUrl: string; repository: string; token: string; fetch?: typeof fetch }
): Promise<PublishedAttestations> {
  const result: PublishedAttestations = { stored: 0, failed: [] };
  if (inputs.attest === 'false') return result;
  for (const s of signed) {
    const bundles = [s.bundles.modelSig, s.bundles.vetting, s.bundles.release].filter((b) => b !== undefined);
    const chosen = inputs.attest === 'true' ? bundles : bundles.filter(isKeyless);
    for (const bundle of chosen) {
      try {
        await createAttestation(api, bundle);
        result.stored++;
      } catch (err) {
        const why = err instanceof AttestationsApiError ? err.message : `${err instanceof Error ? err.message : String(err)}`;
        result.failed.push(`${s.repo}@${s.revision}: ${why}`);
        break; // the rest of this entry's bundles would fail the same way
      }
    }
  }
  for (const f of result.failed) {
    const msg = `attestation not stored for ${f}; the bundles are still in the signatures folder`;
    if (inputs.attest === 'true') runner.error(msg);
    else runner.warning(msg);
  }
  if (result.stored > 0) runner.info(`stored ${result.stored} attestation(s) in ${api.repository}; verify with \`gh attestation verify FILE --repo ${api.repository}\``);
  return result;
}
