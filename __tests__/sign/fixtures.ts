// A small model folder written to a temp dir, with its digests computed independently of src/sign/hash-dir.ts.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileDigest } from '../../src/sign/manifest.js';
import type { Review } from '../../src/core/review.js';

/** model_signing v1.1.0's own test vectors, vendored unmodified (see its NOTICE). */
export const MODEL_SIGNING_VECTORS = fileURLToPath(new URL('../fixtures/model_signing', import.meta.url));

export const MODEL_FILES: Record<string, Buffer> = {
  'config.json': Buffer.from('{"architectures":["BertModel"],"hidden_size":8}\n'),
  'model.safetensors': Buffer.alloc(300_000, 7),
  'tokenizer/tokenizer.json': Buffer.from('{"version":"1.0"}'),
  'a/b': Buffer.from('nested'),
  'a-c': Buffer.from('dash'),
  '.gitattributes': Buffer.from('*.safetensors filter=lfs diff=lfs merge=lfs -text\n')
};

export function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

export function digestsOf(files: Record<string, Buffer>): FileDigest[] {
  return Object.entries(files).map(([path, b]) => ({ path, size: b.length, sha256: sha256(b) }));
}

export async function writeModel(files: Record<string, Buffer> = MODEL_FILES): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'mg-sign-'));
  const dir = join(root, 'model');
  for (const [path, b] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), b);
  }
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export function p256(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString()
  };
}

export const COMMIT = '0123456789abcdef0123456789abcdef01234567';

export function approvedReview(overrides: Partial<Review> = {}): Review {
  return {
    entry: { repo: 'acme/bert-tiny', revision: COMMIT, line: 3 },
    canonicalId: 'acme/bert-tiny',
    repoId: '65f0c0ffee0000000000abcd',
    authorId: '60a0c0ffee00000000001234',
    commit: COMMIT,
    redirects: [],
    files: Object.entries(MODEL_FILES).map(([path, b]) => ({ path, size: b.length, sha256: sha256(b), lfs: false, formats: [], findings: [], complete: true })),
    findings: [{ check: 'hub.info', severity: 'info', message: 'model is 2 years old' }],
    complete: true,
    verdict: 'approved',
    ...overrides
  };
}

/** The parts of a bundle's JSON the tests look at. */
export interface BundleShape {
  mediaType: string;
  verificationMaterial: {
    publicKey?: { hint: string };
    certificate?: { rawBytes: string };
    tlogEntries: { kindVersion: unknown; inclusionPromise: { signedEntryTimestamp: string } }[];
    timestampVerificationData?: { rfc3161Timestamps: unknown[] };
  };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
}

export function shapeOf(bundle: unknown): BundleShape {
  return bundle as BundleShape;
}
