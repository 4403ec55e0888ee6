// Where the sign workflow put each approved entry's signature bundle and vetting record, as the bill of materials
// references them: paths relative to the BOM's folder (so the report folder can move as a whole).
import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { referenceKey } from '../review/bom-models.js';
import type { FullReview } from '../review/pipeline.js';
import { MODEL_SIG_FILE, signatureDir, VETTING_FILE } from './sign-model.js';

/** Signature and vetting record of each approved entry, where the sign workflow's folder has them. */
export async function signatureReferences(reviews: readonly FullReview[], dir: string, bomDir: string): Promise<Map<string, { signature: string; vetting?: string }>> {
  const out = new Map<string, { signature: string; vetting?: string }>();
  const exists = (p: string) => access(p).then(() => true, () => false);
  for (const r of reviews) {
    if (r.verdict !== 'approved' || !r.commit || !r.canonicalId) continue;
    const folder = signatureDir(dir, r.canonicalId, r.commit);
    const sig = join(folder, MODEL_SIG_FILE);
    if (!(await exists(sig))) continue;
    const vetting = join(folder, VETTING_FILE);
    out.set(referenceKey(r.entry.repo, r.entry.revision), {
      signature: relative(bomDir, sig).split('\\').join('/'),
      ...((await exists(vetting)) ? { vetting: relative(bomDir, vetting).split('\\').join('/') } : {})
    });
  }
  return out;
}
