// The signer a verification trusts, from the options `verify`, `audit` and the gateway share: a public key, a Sigstore identity
// with its OIDC issuer (and optional trusted root), or private CA certificates.
import type { VerifyTrust } from '../sign/verify.js';
import { readText } from './args.js';
import { UsageError } from './io.js';

/** The trust options as parseArgs declares them, shared by every command that verifies signatures. */
export const TRUST_OPTIONS = {
  'public-key': { type: 'string' },
  identity: { type: 'string' },
  'identity-provider': { type: 'string' },
  ref: { type: 'string' },
  'trusted-root': { type: 'string' },
  'certificate-chain': { type: 'string', multiple: true }
} as const;

export interface TrustOptions {
  'public-key'?: string;
  identity?: string;
  'identity-provider'?: string;
  ref?: string;
  'trusted-root'?: string;
  'certificate-chain'?: string[];
}

/** The one trust the options name (the caller checked exactly one is given); `at` resolves paths. */
export async function trustFromOptions(v: TrustOptions, at: (p: string) => string): Promise<VerifyTrust> {
  if (v['public-key']) return { kind: 'key', publicKeyPem: await readText(at(v['public-key']), 'public key') };
  if (v.identity || v['identity-provider']) {
    if (!v.identity || !v['identity-provider']) throw new UsageError('--identity and --identity-provider go together');
    let trustedRoot: unknown;
    if (v['trusted-root']) {
      try {
        trustedRoot = JSON.parse(await readText(at(v['trusted-root']), 'trusted root'));
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`--trusted-root is not JSON: ${(e as Error).message}`);
      }
    }
    return { kind: 'identity', identity: v.identity, issuer: v['identity-provider'], ...(v.ref ? { ref: v.ref } : {}), trustedRoot };
  }
  const pems = await Promise.all((v['certificate-chain'] ?? []).map((p) => readText(at(p), 'certificate chain')));
  return { kind: 'certificate', caCertificatesPem: pems.join('\n') };
}

/** How many trusts the options name (exactly one is required wherever a signature is checked). */
export function trustsGiven(v: TrustOptions): number {
  return [v['public-key'], v.identity || v['identity-provider'], v['certificate-chain']?.length].filter(Boolean).length;
}
