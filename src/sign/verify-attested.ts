// Verification without a signature file: the model's files are hashed once, their model_signing ROOT names the
// bundles to fetch from GitHub's attestations API (model.sig and the vetting record both have ROOT as subject),
// and each candidate goes through the same verifyModel as a local model.sig. Whatever the API returns is only a
// candidate: a bundle counts when its signature, signer, manifest and (when asked) vetting record all check out.
import { hashFiles, listModelDir, type HashOptions } from './hash-dir.js';
import { listAttestations, type AttestationsClientOptions } from './github-attestations.js';
import { DEFAULT_IGNORE_PATHS, IN_TOTO_PAYLOAD_TYPE, MODEL_SIGNING_PREDICATE_TYPE, comparePathComponents, isIgnored, rootDigest, type FileDigest } from './manifest.js';
import { VETTING_PREDICATE_TYPE } from './vetting.js';
import { fail, type VerifyFailure, type VerifyTrust } from './verify-signature.js';
import { normalizeIgnorePath, verifyModel, type VerifyResult } from './verify.js';

/** Candidates tried per kind: a digest with more bundles than this is being flooded. */
const MAX_CANDIDATES = 16;

export interface VerifyAttestedOptions {
  modelDir?: string;
  digests?: readonly FileDigest[];
  trust: VerifyTrust;
  github: AttestationsClientOptions;
  ignorePaths?: readonly string[];
  /** Also require an approved vetting record (fetched the same way) naming this repo and commit. */
  expect?: { repo?: string; commit?: string };
  /** Require a vetting record even without `expect` (release-gate always does). */
  requireVetting?: boolean;
  hash?: HashOptions;
  now?: Date;
}

export type AttestedResult = VerifyResult & { root?: string };

/** The statement's predicate type, read without trusting it (only to sort candidates). */
function predicateTypeOf(bundle: unknown): string | undefined {
  const env = (bundle as { dsseEnvelope?: { payload?: unknown; payloadType?: unknown } } | null)?.dsseEnvelope;
  if (!env || env.payloadType !== IN_TOTO_PAYLOAD_TYPE || typeof env.payload !== 'string') return undefined;
  try {
    const t = (JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicateType?: unknown }).predicateType;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** Hashes a model folder like verifyModel does (no links, no special files), or says why it cannot. */
export async function digestModelFolder(dir: string, ignorePaths: readonly string[], hash?: HashOptions): Promise<FileDigest[] | VerifyFailure> {
  let listing;
  try {
    listing = await listModelDir(dir, ignorePaths);
  } catch (e) {
    return fail('unreadable-file', `cannot list ${dir}: ${(e as Error).message}`);
  }
  if (listing.symlinks.length > 0) return fail('symlink', `'${listing.symlinks[0]}' is a symbolic link; symlinks are not allowed in a signed model`, { file: listing.symlinks[0], files: listing.symlinks });
  if (listing.special.length > 0) return fail('unreadable-file', `'${listing.special[0]}' is not a regular file`, { file: listing.special[0], files: listing.special });
  try {
    return await hashFiles(dir, listing.files.map((f) => f.path), hash);
  } catch (e) {
    return fail('unreadable-file', (e as Error).message);
  }
}

/** The ROOT a model_signing manifest of these files has (default ignore paths plus `extra`). */
export function rootOf(digests: readonly FileDigest[], extraIgnore: readonly string[] = []): string {
  const ignore = [...DEFAULT_IGNORE_PATHS, ...extraIgnore];
  const kept = digests.filter((d) => !isIgnored(d.path, ignore)).sort((a, b) => comparePathComponents(a.path, b.path));
  return rootDigest(kept.map((d) => d.sha256));
}

export async function verifyAttested(opts: VerifyAttestedOptions): Promise<AttestedResult> {
  if ((opts.modelDir === undefined) === (opts.digests === undefined)) throw new Error('verifyAttested needs exactly one of modelDir and digests');
  const extra = (opts.ignorePaths ?? []).map(normalizeIgnorePath);
  let digests: readonly FileDigest[];
  if (opts.digests) digests = opts.digests;
  else {
    const d = await digestModelFolder(opts.modelDir!, [...DEFAULT_IGNORE_PATHS, ...extra], opts.hash);
    if (!Array.isArray(d)) return d;
    digests = d;
  }
  const root = rootOf(digests, extra);
  let stored;
  try {
    stored = await listAttestations(opts.github, root);
  } catch (e) {
    return { ...fail('unsigned', `could not fetch attestations for ROOT ${root} from ${opts.github.repository}: ${(e as Error).message}`), root };
  }
  const ofType = (t: string) => stored.filter((a) => predicateTypeOf(a.bundle) === t).map((a) => a.bundle).slice(0, MAX_CANDIDATES);
  const sigs = ofType(MODEL_SIGNING_PREDICATE_TYPE);
  if (sigs.length === 0) {
    return {
      ...fail('unsigned', `no model_signing attestation in ${opts.github.repository} for these files (ROOT ${root}): the files differ from every signed model, or it was never signed there`),
      root
    };
  }
  const wantsVetting = opts.requireVetting === true || opts.expect !== undefined;
  const vettings: (unknown | undefined)[] = wantsVetting ? ofType(VETTING_PREDICATE_TYPE) : [undefined];
  if (wantsVetting && vettings.length === 0) return { ...fail('wrong-repo-or-commit', `no vetting record in ${opts.github.repository} for ROOT ${root}`), root };
  let last: VerifyResult | undefined;
  for (const bundle of sigs) {
    for (const vettingBundle of vettings) {
      const r = await verifyModel({
        digests,
        bundle,
        trust: opts.trust,
        ignorePaths: extra,
        ...(vettingBundle !== undefined ? { vettingBundle, expect: opts.expect ?? {} } : {}),
        ...(opts.now ? { now: opts.now } : {})
      });
      if (r.ok) return { ...r, root };
      // Keep the most telling failure: a signer mismatch says more than a vetting record of another model.
      if (!last || last.ok || r.reason === 'wrong-signer' || r.reason === 'wrong-ref' || r.reason === 'not-approved') last = r;
    }
  }
  return { ...(last as VerifyFailure), root };
}
