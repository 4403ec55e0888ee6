// The approval of one entry as recorded: the allowlist entry's ids, and the signed vetting record the sign workflow
// wrote for it (signatures folder: ORG/NAME/SHA/model.sig and vetting.sigstore.json). A record is used only when
// both signatures verify with the trust given and it names this repository and commit; otherwise the audit says
// why the entry is not validly signed, and judges it on the allowlist alone.
import type { Entry } from '../core/review.js';
import { MODEL_SIG_FILE, signatureDir, VETTING_FILE } from '../sign/sign-model.js';
import { verifyBundleSignature, type VerifyTrust } from '../sign/verify.js';
import { parseVettingStatement } from '../sign/vetting.js';
import type { Approval } from './rules.js';

/** Reads a file's text, or undefined when it does not exist (any other error throws). */
export type ReadOptional = (path: string) => Promise<string | undefined>;

export interface RecordSource {
  /** The folder the sign workflow writes to (the action's `signatures-dir`). */
  dir: string;
  trust: VerifyTrust;
  read: ReadOptional;
  now?: Date;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export async function approvalOf(entry: Entry, source: RecordSource | undefined): Promise<Approval> {
  const base = {
    repo: entry.repo, revision: entry.revision, line: entry.line,
    ...(entry.repoId ? { repoId: entry.repoId } : {}), ...(entry.authorId ? { authorId: entry.authorId } : {})
  };
  if (!source) return { ...base, signature: { state: 'missing', detail: 'no signatures folder was given to the audit' } };
  const dir = signatureDir(source.dir, entry.repo, entry.revision);
  const [modelSig, vetting] = await Promise.all([source.read(`${dir}/${MODEL_SIG_FILE}`), source.read(`${dir}/${VETTING_FILE}`)]);
  if (modelSig === undefined) return { ...base, signature: { state: 'missing', detail: `no ${MODEL_SIG_FILE} in ${dir}` } };
  if (vetting === undefined) return { ...base, signature: { state: 'missing', detail: `no ${VETTING_FILE} in ${dir}` } };
  const invalid = (detail: string): Approval => ({ ...base, signature: { state: 'invalid', detail } });
  let modelJson: unknown;
  let vettingJson: unknown;
  try {
    modelJson = JSON.parse(modelSig);
    vettingJson = JSON.parse(vetting);
  } catch (e) {
    return invalid(`a signature file in ${dir} is not JSON (${(e as Error).message})`);
  }
  const sig = verifyBundleSignature(modelJson, source.trust, source.now);
  if (!sig.ok) return invalid(`${MODEL_SIG_FILE}: ${sig.reason}: ${sig.message}`);
  const vet = verifyBundleSignature(vettingJson, source.trust, source.now);
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
