// The approval of one entry as recorded: the allowlist entry's ids, and the signed vetting record the sign workflow
// wrote for it (signatures folder: ORG/NAME/SHA/model.sig and vetting.sigstore.json). A record is used only when
// both signatures verify with the trust given and it names this repository and commit; otherwise the audit says
// why the entry is not validly signed, and judges it on the allowlist alone.
import type { Entry } from '../core/review.js';
import { MODEL_SIG_FILE, signatureDir, VETTING_FILE } from '../sign/sign-model.js';
import { verifyBundleSignature, type VerifyTrust } from '../sign/verify.js';
import { parseVettingStatement } from '../sign/vetting.js';
import { listAttestations, type AttestationsClientOptions } from '../sign/github-attestations.js';
import { MODEL_SIGNING_PREDICATE_TYPE } from '../sign/manifest.js';
import { SLSA_PROVENANCE_V1 } from '../sign/release-attestation.js';
import { VETTING_PREDICATE_TYPE } from '../sign/vetting.js';
import type { Approval, HubNow } from './rules.js';

/** Reads a file's text, or undefined when it does not exist (any other error throws). */
export type ReadOptional = (path: string) => Promise<string | undefined>;

/** The sign workflow's records in a folder (the action's `signatures-dir`: ORG/NAME/SHA/…). */
export interface FolderRecords {
  dir: string;
  trust: VerifyTrust;
  read: ReadOptional;
  now?: Date;
}

/**
 * The sign workflow's records in GitHub's artifact attestations: the per-file release attestation is found by the
 * sha256 of one of the entry's LFS files (the Hub states it), names the model_signing ROOT, and model.sig and the
 * vetting record are found by that ROOT.
 */
export interface AttestedRecords {
  attestations: AttestationsClientOptions;
  trust: VerifyTrust;
  now?: Date;
}

export type RecordSource = FolderRecords | AttestedRecords;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

type Base = Omit<Approval, 'signature' | 'record'>;

function baseOf(entry: Entry): Base {
  return {
    repo: entry.repo, revision: entry.revision, line: entry.line,
    ...(entry.repoId ? { repoId: entry.repoId } : {}), ...(entry.authorId ? { authorId: entry.authorId } : {})
  };
}

/** The approval of `entry` from its records, wherever they are kept (`hub` is what the Hub answers now). */
export async function approvalOf(entry: Entry, source: RecordSource | undefined, hub?: HubNow): Promise<Approval> {
  const base = baseOf(entry);
  if (!source) return { ...base, signature: { state: 'missing', detail: 'no signatures folder or attestations repository was given to the audit' } };
  if ('attestations' in source) return approvalFromAttestations(entry, source, hub);
  const dir = signatureDir(source.dir, entry.repo, entry.revision);
  const [modelSig, vetting] = await Promise.all([source.read(`${dir}/${MODEL_SIG_FILE}`), source.read(`${dir}/${VETTING_FILE}`)]);
  if (modelSig === undefined) return { ...base, signature: { state: 'missing', detail: `no ${MODEL_SIG_FILE} in ${dir}` } };
  if (vetting === undefined) return { ...base, signature: { state: 'missing', detail: `no ${VETTING_FILE} in ${dir}` } };
  let modelJson: unknown;
  let vettingJson: unknown;
  try {
    modelJson = JSON.parse(modelSig);
    vettingJson = JSON.parse(vetting);
  } catch (e) {
    return { ...base, signature: { state: 'invalid', detail: `a signature file in ${dir} is not JSON (${(e as Error).message})` } };
  }
  return approvalFromBundles(entry, modelJson, vettingJson, source.trust, source.now);
}

async function approvalFromAttestations(entry: Entry, source: AttestedRecords, hub: HubNow | undefined): Promise<Approval> {
  const base = baseOf(entry);
  const missing = (detail: string): Approval => ({ ...base, signature: { state: 'missing', detail } });
  const lfs = hub?.state === 'ok' ? hub.files.find((f) => f.sha256 !== undefined) : undefined;
  if (!lfs?.sha256) return missing('no LFS file of the approved commit whose sha256 could find its attestation in GitHub (the Hub did not list one)');
  let root: string | undefined;
  try {
    for (const a of await listAttestations(source.attestations, lfs.sha256, SLSA_PROVENANCE_V1)) {
      const sig = verifyBundleSignature(a.bundle, source.trust, source.now);
      if (!sig.ok) continue;
      const p = parseStatement(sig.payload);
      const ext = p?.predicate?.buildDefinition?.externalParameters;
      const int = p?.predicate?.buildDefinition?.internalParameters;
      const names = [ext?.model, ext?.requested].filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase());
      if (ext?.commit === entry.revision && names.includes(entry.repo.toLowerCase()) && typeof int?.manifestRoot === 'string') {
        root = int.manifestRoot;
        break;
      }
    }
    if (!root) return missing(`no release attestation signed by the trusted signer names ${entry.repo}@${entry.revision.slice(0, 7)} for ${lfs.path} in ${source.attestations.repository}`);
    let modelSig: unknown;
    let vetting: unknown;
    for (const a of await listAttestations(source.attestations, root)) {
      const sig = verifyBundleSignature(a.bundle, source.trust, source.now);
      if (!sig.ok) continue;
      const type = parseStatement(sig.payload)?.predicateType;
      if (type === MODEL_SIGNING_PREDICATE_TYPE) modelSig ??= a.bundle;
      else if (type === VETTING_PREDICATE_TYPE) vetting ??= a.bundle;
    }
    if (modelSig === undefined || vetting === undefined) {
      return missing(`the attestations for ROOT ${root.slice(0, 12)}… in ${source.attestations.repository} lack ${modelSig === undefined ? 'model.sig' : 'the vetting record'}`);
    }
    return approvalFromBundles(entry, modelSig, vetting, source.trust, source.now);
  } catch (e) {
    return missing(`the attestations of ${source.attestations.repository} could not be read: ${(e as Error).message}`);
  }
}

interface LooseStatement {
  predicateType?: unknown;
  predicate?: { buildDefinition?: { externalParameters?: Record<string, unknown>; internalParameters?: Record<string, unknown> } };
}

function parseStatement(payload: Buffer): LooseStatement | undefined {
  try {
    const d = JSON.parse(payload.toString('utf8')) as unknown;
    return typeof d === 'object' && d !== null ? (d as LooseStatement) : undefined;
  } catch {
    return undefined;
  }
}

/** model.sig and the vetting record, both verified with the trust and naming this entry: the approval they record. */
function approvalFromBundles(entry: Entry, modelJson: unknown, vettingJson: unknown, trust: VerifyTrust, now?: Date): Approval {
  const base = baseOf(entry);
  const invalid = (detail: string): Approval => ({ ...base, signature: { state: 'invalid', detail } });
  const sig = verifyBundleSignature(modelJson, trust, now);
  if (!sig.ok) return invalid(`${MODEL_SIG_FILE}: ${sig.reason}: ${sig.message}`);
  const vet = verifyBundleSignature(vettingJson, trust, now);
  if (!vet.ok) return invalid(`${VETTING_FILE}: ${vet.reason}: ${vet.message}`);
  let parsed;
  try {
    parsed = parseVettingStatement(vet.payload);
  } catch (e) {
    return invalid(`${VETTING_FILE}: ${(e as Error).message}`);
  }
  const names = [parsed.requestedId, parsed.canonicalId].map((n) => n.toLowerCase());
  if (parsed.commit !== entry.revision || !names.includes(entry.repo.toLowerCase())) {
    return invalid(`${VETTING_FILE} is the record of ${parsed.requestedId}@${parsed.commit}, not of this entry`);
  }
  if (parsed.verdict !== 'approved') return invalid(`${VETTING_FILE} records the verdict '${parsed.verdict}', not an approval`);
  const p = parsed.predicate;
  const created = typeof p.createdAt === 'object' && p.createdAt !== null ? (p.createdAt as Record<string, unknown>) : {};
  const hubScan = typeof p.hubScan === 'object' && p.hubScan !== null ? (p.hubScan as { scansDone?: unknown; files?: unknown }) : undefined;
  const files = Array.isArray(p.files)
    ? p.files.flatMap((f: unknown) => {
      const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
      const path = str(o.path);
      return path ? [{ path, sha256: str(o.sha256) ?? null, gitOid: str(o.gitOid) ?? null }] : [];
    })
    : [];
  // The ids the signed record holds stand in for ids the allowlist entry does not carry.
  const repoId = entry.repoId ?? str(p.repoId);
  const authorId = entry.authorId ?? str(p.authorId);
  const reviewedAt = str(p.reviewedAt);
  const rulesVersion = str(p.rulesVersion);
  const commitDate = str(created.commit);
  return {
    ...base,
    ...(repoId ? { repoId } : {}),
    ...(authorId ? { authorId } : {}),
    signature: { state: 'valid' },
    record: {
      ...(reviewedAt ? { reviewedAt } : {}),
      ...(rulesVersion ? { rulesVersion } : {}),
      ...(commitDate ? { commitDate } : {}),
      files,
      ...(hubScan && typeof hubScan.scansDone === 'boolean' ? { hubScansDone: hubScan.scansDone } : {}),
      ...(hubScan && Array.isArray(hubScan.files)
        ? { hubFlagged: hubScan.files.flatMap((f: unknown) => {
          const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
          return typeof o.path === 'string' && o.status !== 'safe' && o.status !== 'unscanned' ? [o.path] : [];
        }) }
        : {})
    }
  };
}
