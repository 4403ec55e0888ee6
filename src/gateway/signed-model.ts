// The signature an approved pin must carry before a byte of it is served: the sign workflow's records in a folder
// (ORG/NAME/SHA/model.sig and vetting.sigstore.json, as `model-gate` writes them), both verified with the trust
// root the gateway was started with. model.sig's manifest is the authority on the file set and every file's
// sha256; the vetting record binds that manifest (its ROOT) to this repository and commit, approved.
import { join } from 'node:path';
import { IN_TOTO_PAYLOAD_TYPE, ManifestError, parseModelSigningStatement } from '../sign/manifest.js';
import { MODEL_SIG_FILE, VETTING_FILE } from '../sign/sign-model.js';
import { verifyBundleSignature, type VerifyTrust } from '../sign/verify.js';
import { parseVettingStatement } from '../sign/vetting.js';

/** Path → sha256 of every signed file (ignored paths such as .gitattributes are not served). */
export type SignedFiles = ReadonlyMap<string, string>;

export type SignedState =
  | { state: 'valid'; root: string; files: SignedFiles }
  | { state: 'missing' | 'invalid'; detail: string };

/** Reads a file's text, or undefined when it does not exist. */
export type ReadOptional = (path: string) => Promise<string | undefined>;

export interface SignatureSource {
  dir: string;
  trust: VerifyTrust;
  read: ReadOptional;
  now?: () => Date;
}

function jsonOf(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not JSON (${(e as Error).message})`, { cause: e });
  }
}

/** The signed state of `repo@commit` (never throws for bad records: they are `invalid`, with why). */
export async function signedStateOf(src: SignatureSource, repo: string, commit: string): Promise<SignedState> {
  const [org, name] = repo.split('/') as [string, string];
  const dir = join(src.dir, org, name, commit);
  const [modelText, vettingText] = await Promise.all([src.read(join(dir, MODEL_SIG_FILE)), src.read(join(dir, VETTING_FILE))]);
  if (modelText === undefined) return { state: 'missing', detail: `no ${MODEL_SIG_FILE} for ${repo}@${commit} in ${src.dir}` };
  if (vettingText === undefined) return { state: 'missing', detail: `no ${VETTING_FILE} for ${repo}@${commit} in ${src.dir}` };
  const now = src.now?.() ?? new Date();
  const invalid = (detail: string): SignedState => ({ state: 'invalid', detail: `${repo}@${commit}: ${detail}` });
  try {
    const sig = verifyBundleSignature(jsonOf(modelText, MODEL_SIG_FILE), src.trust, now);
    if (!sig.ok) return invalid(`${MODEL_SIG_FILE}: ${sig.reason}: ${sig.message}`);
    if (sig.payloadType !== IN_TOTO_PAYLOAD_TYPE) return invalid(`${MODEL_SIG_FILE}: payloadType is '${sig.payloadType}'`);
    const manifest = parseModelSigningStatement(sig.payload);
    if (manifest.computedRoot !== manifest.subjectRoot) return invalid(`${MODEL_SIG_FILE}: its resources hash to ${manifest.computedRoot}, not the signed ROOT ${manifest.subjectRoot}`);
    const vet = verifyBundleSignature(jsonOf(vettingText, VETTING_FILE), src.trust, now);
    if (!vet.ok) return invalid(`${VETTING_FILE}: ${vet.reason}: ${vet.message}`);
    const v = parseVettingStatement(vet.payload);
    if (v.root !== manifest.subjectRoot) return invalid(`${VETTING_FILE} covers ROOT ${v.root}, ${MODEL_SIG_FILE} covers ${manifest.subjectRoot}`);
    const names = [v.requestedId, v.canonicalId].map((n) => n.toLowerCase());
    if (v.commit !== commit || !names.includes(repo.toLowerCase())) return invalid(`${VETTING_FILE} is the record of ${v.requestedId}@${v.commit}, not of this entry`);
    if (v.verdict !== 'approved') return invalid(`${VETTING_FILE} records the verdict '${v.verdict}', not an approval`);
    return { state: 'valid', root: manifest.subjectRoot, files: new Map(manifest.resources.map((r) => [r.name, r.digest])) };
  } catch (e) {
    if (e instanceof ManifestError) return invalid(`${MODEL_SIG_FILE}: ${e.message}`);
    return invalid((e as Error).message);
  }
}
