// Signs one approved model: model.sig (model_signing v1.0) and, with a review, the vetting record beside it;
// writes both to a predictable folder for upload or release.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SerializedBundle } from '@sigstore/bundle';
import type { BundleBuilder } from '@sigstore/sign';
import { HEX40 } from '../hub/oid.js';
import { checkRepoId, printable } from '../core/ids.js';
import type { Review } from '../core/review.js';
import { buildManifest, manifestStatement, type FileDigest, type ModelManifest } from './manifest.js';
import { bundleBuilder, signStatement, type SigningMode } from './signers.js';
import { releaseStatement, type ReleaseAttestationContext } from './release-attestation.js';
import { vettingStatement, type VettingContext } from './vetting.js';

export const MODEL_SIG_FILE = 'model.sig';
export const VETTING_FILE = 'vetting.sigstore.json';
/** The per-file release attestation (SLSA provenance v1 shape), for `gh attestation verify FILE`. */
export const RELEASE_FILE = 'release.sigstore.json';

export interface SignModelOptions {
  /** Defaults to the review's file digests (see digestsFromReview). */
  digests?: readonly FileDigest[];
  /** Subject name, `org/name` for Hub models. */
  modelName: string;
  ignorePaths?: readonly string[];
  /** With a review: also sign the vetting record. Only `approved` reviews are signed. */
  review?: Review;
  vetting?: VettingContext;
  /** With a review: also sign the per-file release attestation, in this context (one more signature). */
  release?: ReleaseAttestationContext;
  /** A signing mode, or a ready builder (shared between calls, or for tests). */
  signer: SigningMode | BundleBuilder;
}

export interface SignedModel {
  manifest: ModelManifest;
  modelSig: SerializedBundle;
  vetting?: SerializedBundle;
  /** Per-file subjects; signed with the vetting record. */
  release?: SerializedBundle;
}

/** The digests the verified download computed, from a review; throws if any file lacks a verified sha256. */
export function digestsFromReview(review: Review): FileDigest[] {
  return review.files.map((f) => {
    if (!f.complete || !f.sha256) throw new Error(`${review.entry.repo}: ${f.path} was not fully verified (no sha256); refusing to sign`);
    return { path: f.path, size: f.size, sha256: f.sha256 };
  });
}

function isBuilder(s: SigningMode | BundleBuilder): s is BundleBuilder {
  return typeof (s as BundleBuilder).create === 'function';
}

export async function signModel(opts: SignModelOptions): Promise<SignedModel> {
  const { review } = opts;
  if (review && review.verdict !== 'approved') {
    throw new Error(`${review.entry.repo}@${review.entry.revision}: verdict is '${review.verdict}'; only approved models are signed`);
  }
  if (review?.files.some((f) => !f.complete)) {
    throw new Error(`${review.entry.repo}: some files were not fully verified; refusing to sign`);
  }
  const digests = opts.digests ?? (review ? digestsFromReview(review) : undefined);
  if (!digests) throw new Error('signModel needs digests or a review to take them from');
  const manifest = buildManifest({ digests, modelName: opts.modelName, ignorePaths: opts.ignorePaths });
  const builder = isBuilder(opts.signer) ? opts.signer : bundleBuilder(opts.signer);
  const modelSig = await signStatement(builder, manifestStatement(manifest));
  if (!review) return { manifest, modelSig };
  const vetting = await signStatement(builder, vettingStatement(review, { name: manifest.modelName, root: manifest.root }, opts.vetting));
  if (!opts.release) return { manifest, modelSig, vetting };
  const release = await signStatement(builder, releaseStatement(review, manifest, opts.release));
  return { manifest, modelSig, vetting, release };
}

/** `<outDir>/<org>/<name>/<commit>/` — the folder signModel's output is written to. */
export function signatureDir(outDir: string, repo: string, commit: string): string {
  // The Hub's id rules admit no '.', '..' or separators as a part, so the folder stays under outDir.
  const problem = checkRepoId(repo);
  if (problem) throw new Error(`'${printable(repo)}' is not an org/name repository id: ${problem.message}`);
  if (!HEX40.test(commit)) throw new Error(`'${printable(commit)}' is not a 40-hex commit`);
  const [org, name] = repo.split('/') as [string, string];
  return join(outDir, org, name, commit);
}

export interface WrittenSignatures {
  dir: string;
  modelSig: string;
  vetting?: string;
  release?: string;
}

export async function writeSignatures(outDir: string, repo: string, commit: string, signed: SignedModel): Promise<WrittenSignatures> {
  const dir = signatureDir(outDir, repo, commit);
  await mkdir(dir, { recursive: true });
  const modelSig = join(dir, MODEL_SIG_FILE);
  await writeFile(modelSig, JSON.stringify(signed.modelSig));
  if (!signed.vetting) return { dir, modelSig };
  const vetting = join(dir, VETTING_FILE);
  await writeFile(vetting, JSON.stringify(signed.vetting));
  if (!signed.release) return { dir, modelSig, vetting };
  const release = join(dir, RELEASE_FILE);
  await writeFile(release, JSON.stringify(signed.release));
  return { dir, modelSig, vetting, release };
}
