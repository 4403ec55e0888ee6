// Verifies a model against model.sig: the signature and signer, the manifest's ROOT, the optional vetting record
// (same ROOT, approved, expected repo and commit), then the exact file set and every file's sha256.
// Cheap checks run first so a wrong signer or a missing file never costs a pass over 100 GB.
import { DEFAULT_IGNORE_PATHS, IN_TOTO_PAYLOAD_TYPE, ManifestError, assertRelativePath, comparePathComponents, isIgnored, parseModelSigningStatement, type FileDigest, type ParsedManifest } from './manifest.js';
import { hashFiles, listModelDir, type HashOptions } from './hash-dir.js';
import { fail, verifyBundleSignature, type SignatureOk, type SignerInfo, type VerifyFailure, type VerifyTrust } from './verify-signature.js';
import { parseVettingStatement, type ParsedVetting } from './vetting.js';

export { verifyBundleSignature, checkIdentity, DEFAULT_SIGNING_REF } from './verify-signature.js';
export type { VerifyTrust, VerifyFailure, VerifyFailureReason, SignerInfo, SignatureOk } from './verify-signature.js';

export interface VerifyModelOptions {
  /** Directory to re-hash. Exactly one of modelDir and digests. */
  modelDir?: string;
  /** Digests already computed (e.g. by the verified Hub download). */
  digests?: readonly FileDigest[];
  /** model.sig: parsed JSON, JSON text, or undefined when there is none (→ `unsigned`). */
  bundle: unknown;
  trust: VerifyTrust;
  /** Ignored in addition to the manifest's own ignore_paths (e.g. the signature file inside the model dir). */
  ignorePaths?: readonly string[];
  /** Requires a vetting record naming this repo (requested or canonical id) and commit. */
  expect?: { repo?: string; commit?: string };
  vettingBundle?: unknown;
  hash?: HashOptions;
  /** Clock for certificate validity (certificate mode). */
  now?: Date;
}

export interface VettingSummary {
  requestedId: string;
  canonicalId: string;
  commit: string;
  verdict: string;
}

export interface VerifySuccess {
  ok: true;
  modelName: string;
  root: string;
  files: number;
  bytes: number;
  signer: SignerInfo;
  vetting?: VettingSummary;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

/** `./a/`, `a/` → `a`; throws on anything that is not a clean relative path. */
export function normalizeIgnorePath(p: string): string {
  const n = p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  assertRelativePath(n, 'ignore path');
  return n;
}

function checkManifest(sig: SignatureOk, label: string): ParsedManifest | VerifyFailure {
  if (sig.payloadType !== IN_TOTO_PAYLOAD_TYPE) return fail('malformed-bundle', `${label}: payloadType is '${sig.payloadType}', expected ${IN_TOTO_PAYLOAD_TYPE}`);
  let m: ParsedManifest;
  try {
    m = parseModelSigningStatement(sig.payload);
  } catch (e) {
    if (e instanceof ManifestError) return fail(e.kind === 'unsupported' ? 'unsupported' : 'malformed-bundle', `${label}: ${e.message}`);
    throw e;
  }
  if (m.computedRoot !== m.subjectRoot) {
    return fail('inconsistent-manifest', `${label}: manifest is inconsistent: subject ROOT is ${m.subjectRoot} but its resources hash to ${m.computedRoot}`, {
      expected: m.subjectRoot,
      actual: m.computedRoot
    });
  }
  return m;
}

function checkVetting(opts: VerifyModelOptions, root: string): ParsedVetting | VerifyFailure | undefined {
  const { expect } = opts;
  const wantsVetting = opts.vettingBundle !== undefined || expect?.repo !== undefined || expect?.commit !== undefined;
  if (!wantsVetting) return undefined;
  if (opts.vettingBundle === undefined) return fail('wrong-repo-or-commit', 'a repo or commit was required but no vetting record was given to check it against');
  const sig = verifyBundleSignature(opts.vettingBundle, opts.trust, opts.now);
  if (!sig.ok) return { ...sig, message: `vetting record: ${sig.message}` };
  if (sig.payloadType !== IN_TOTO_PAYLOAD_TYPE) return fail('malformed-bundle', `vetting record: payloadType is '${sig.payloadType}'`);
  let v: ParsedVetting;
  try {
    v = parseVettingStatement(sig.payload);
  } catch (e) {
    return fail('malformed-bundle', `vetting record: ${(e as Error).message}`);
  }
  if (v.root !== root) return fail('vetting-mismatch', `vetting record covers ROOT ${v.root}, but model.sig covers ${root}: they are about different files`, { expected: root, actual: v.root });
  if (v.verdict !== 'approved') return fail('not-approved', `vetting record verdict is '${v.verdict}', not 'approved'`, { actual: v.verdict });
  if (expect?.repo !== undefined && expect.repo !== v.requestedId && expect.repo !== v.canonicalId) {
    return fail('wrong-repo-or-commit', `vetting record is for ${v.requestedId}${v.canonicalId !== v.requestedId ? ` (canonical ${v.canonicalId})` : ''}, expected ${expect.repo}`, {
      expected: expect.repo,
      actual: v.requestedId
    });
  }
  if (expect?.commit !== undefined && expect.commit.toLowerCase() !== v.commit) {
    return fail('wrong-repo-or-commit', `vetting record is for commit ${v.commit}, expected ${expect.commit}`, { expected: expect.commit, actual: v.commit });
  }
  return v;
}

function compareFileSets(expected: readonly string[], actual: readonly string[]): VerifyFailure | undefined {
  const want = new Set(expected);
  const have = new Set(actual);
  const missing = expected.filter((p) => !have.has(p)).sort(comparePathComponents);
  const extra = actual.filter((p) => !want.has(p)).sort(comparePathComponents);
  const more = (list: string[]): string => (list.length > 1 ? ` and ${list.length - 1} more` : '');
  if (missing.length > 0) {
    const also = extra.length > 0 ? `; also ${extra.length} file(s) not in the signature: ${extra.slice(0, 5).join(', ')}` : '';
    return fail('missing-file', `signed file '${missing[0]}' is missing${more(missing)}${also}`, { file: missing[0], files: [...missing, ...extra] });
  }
  if (extra.length > 0) return fail('extra-file', `file '${extra[0]}'${more(extra)} is not covered by the signature`, { file: extra[0], files: extra });
  return undefined;
}

export async function verifyModel(opts: VerifyModelOptions): Promise<VerifyResult> {
  if ((opts.modelDir === undefined) === (opts.digests === undefined)) throw new Error('verifyModel needs exactly one of modelDir and digests');
  const sig = verifyBundleSignature(opts.bundle, opts.trust, opts.now);
  if (!sig.ok) return sig;
  const manifest = checkManifest(sig, 'model.sig');
  if ('ok' in manifest) return manifest;
  const vetting = checkVetting(opts, manifest.subjectRoot);
  if (vetting && 'ok' in vetting) return vetting;

  const ignore = [...new Set([...manifest.ignorePaths, ...(opts.ignorePaths ?? []).map(normalizeIgnorePath)])];
  const expected = new Map(manifest.resources.map((r) => [r.name, r.digest]));
  let actual: FileDigest[];
  if (opts.digests) {
    if (new Set(opts.digests.map((d) => d.path)).size !== opts.digests.length) throw new Error('verifyModel: digests list a path twice');
    actual = opts.digests.filter((d) => !isIgnored(d.path, ignore));
    const bad = compareFileSets([...expected.keys()], actual.map((d) => d.path));
    if (bad) return bad;
  } else {
    let listing;
    try {
      listing = await listModelDir(opts.modelDir!, ignore);
    } catch (e) {
      return fail('unreadable-file', `cannot list ${opts.modelDir}: ${(e as Error).message}`);
    }
    if (listing.symlinks.length > 0) {
      return fail('symlink', `'${listing.symlinks[0]}' is a symbolic link; symlinks are not allowed in a signed model`, { file: listing.symlinks[0], files: listing.symlinks });
    }
    if (listing.special.length > 0) return fail('unreadable-file', `'${listing.special[0]}' is not a regular file`, { file: listing.special[0], files: listing.special });
    const bad = compareFileSets([...expected.keys()], listing.files.map((f) => f.path));
    if (bad) return bad;
    try {
      actual = await hashFiles(opts.modelDir!, listing.files.map((f) => f.path), opts.hash);
    } catch (e) {
      return fail('unreadable-file', (e as Error).message);
    }
  }
  const tampered = actual.filter((d) => d.sha256 !== expected.get(d.path)).sort((a, b) => comparePathComponents(a.path, b.path));
  if (tampered.length > 0) {
    const t = tampered[0]!;
    const want = expected.get(t.path)!;
    return fail('tampered-file', `'${t.path}' changed after signing: sha256 ${t.sha256}, signed ${want}${tampered.length > 1 ? ` (and ${tampered.length - 1} more file(s))` : ''}`, {
      file: t.path,
      expected: want,
      actual: t.sha256,
      files: tampered.map((d) => d.path)
    });
  }
  const result: VerifySuccess = {
    ok: true,
    modelName: manifest.modelName,
    root: manifest.subjectRoot,
    files: actual.length,
    bytes: actual.reduce((n, d) => n + d.size, 0),
    signer: sig.signer
  };
  if (vetting) result.vetting = { requestedId: vetting.requestedId, canonicalId: vetting.canonicalId, commit: vetting.commit, verdict: vetting.verdict };
  return result;
}

/** Defaults a signer uses; re-exported for callers that build ignore lists. */
export { DEFAULT_IGNORE_PATHS };
