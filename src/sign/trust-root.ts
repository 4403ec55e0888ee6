// Trusted roots for offline verification: the Sigstore public-good root seeded inside @sigstore/tuf (no network),
// or one the caller passes (private Fulcio/Rekor/TSA, air-gapped runners, tests).
import { TrustedRoot } from '@sigstore/protobuf-specs';
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' };

const PUBLIC_GOOD_TUF = 'https://tuf-repo-cdn.sigstore.dev';
export const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';

/** The public-good trusted_root.json (as JSON) that @sigstore/tuf ships as a seed. */
export function publicGoodTrustedRootJSON(): unknown {
  const target = (seeds as Record<string, { targets?: Record<string, string> }>)[PUBLIC_GOOD_TUF]?.targets?.['trusted_root.json'];
  if (!target) throw new Error('@sigstore/tuf seeds carry no public-good trusted_root.json; pass --trusted-root');
  return JSON.parse(Buffer.from(target, 'base64').toString('utf8'));
}

/** Parses trusted_root.json content; throws when it has no authority of any kind. */
export function toTrustedRoot(json: unknown): TrustedRoot {
  if (typeof json !== 'object' || json === null) throw new Error('trusted root is not a JSON object');
  const root = TrustedRoot.fromJSON(json);
  if (root.certificateAuthorities.length + root.tlogs.length + root.timestampAuthorities.length === 0) {
    throw new Error('trusted root lists no certificate authority, transparency log or timestamp authority');
  }
  return root;
}

/** A root with no authorities: for key-only verification with no transparency log. */
export function emptyTrustedRoot(): TrustedRoot {
  return TrustedRoot.fromJSON({ mediaType: TRUSTED_ROOT_MEDIA_TYPE, tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] });
}
