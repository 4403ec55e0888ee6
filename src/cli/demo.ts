// `model-gate demo`: the main job on the embedded default. Builds the sample store, serves it as a local Hub,
// reviews the sample allowlist change exactly as the action would, and prints the review comment.
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { HubClient } from '../hub/client.js';
import { fetchFiles } from '../hub/fetch-repo.js';
import { renderComment } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { sampleAllowlists, sampleStoreSpec } from '../registry/samples/index.js';
import { startRegistry } from '../registry/server.js';
import { buildStore } from '../registry/store-builder.js';
import { createReviewer } from '../review/reviewer.js';
import type { FullReview } from '../review/pipeline.js';
import { signApprovedReviews } from '../sign/sign-reviews.js';
import { MODEL_SIG_FILE } from '../sign/sign-model.js';
import { verifyModel } from '../sign/verify.js';
import { UsageError, type Command } from './io.js';

export const USAGE = 'usage: model-gate demo [--format markdown|text] [--out DIR]';

export const demo: Command = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { format: { type: 'string', default: 'markdown' }, out: { type: 'string', default: 'demo-out' } }, strict: true }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.format !== 'markdown' && values.format !== 'text') throw new UsageError(USAGE);
  const dir = await mkdtemp(join(tmpdir(), 'model-gate-demo-'));
  const registry = await (async () => {
    const built = await buildStore(join(dir, 'store'), sampleStoreSpec());
    return { built, server: await startRegistry({ storeDir: join(dir, 'store') }) };
  })();
  try {
    const { base, head } = sampleAllowlists(registry.built);
    io.stderr(`model-gate demo: local Hub at ${registry.server.hubUrl} (CDN ${registry.server.cdnUrl}), reviewing approved-models.yaml:\n${head}\n`);
    const hub = new HubClient({ hubUrl: registry.server.hubUrl, allowedCdnOrigins: [registry.server.cdnUrl] });
    const reviewer = createReviewer({ hub, onProgress: (line) => io.stderr(`  ${line}\n`) });
    const result = await reviewer.reviewChange({
      allowlistPath: 'approved-models.yaml',
      baseText: base,
      headText: head,
      policyText: null,
      policySource: 'defaults (the demo has no .github/model-gate.yml)'
    });
    // The embedded default has no OIDC: approved samples are signed in key mode with a key made for this run.
    const out = values.out;
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await writeFile(join(out, 'signing-key.pub'), publicKeyPem);
    const signed = await signApprovedReviews(result.reviews, {
      mode: { kind: 'key', privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      outDir: join(out, 'signatures'),
      policy: result.policy.policy
    });
    result.report.signing = signed.statuses;
    io.stdout(values.format === 'text' ? renderText(result.report) : `${renderComment(result.report)}\n`);
    const summary = result.reviews.map((r) => `${r.entry.repo}: ${r.verdict}`).join('\n  ');
    io.stderr(`\nmodel-gate demo: ${result.failed ? 'the check would FAIL' : 'the check would pass'}\n  ${summary}\n`);
    await releaseStep(result.reviews, hub, out, publicKeyPem, io);
    return 0;
  } finally {
    await registry.server.close();
    await rm(dir, { recursive: true, force: true });
  }
};

/** What a release pipeline does next: fetch the approved model (a mirror copy), verify it, and refuse a tampered copy. */
async function releaseStep(reviews: FullReview[], hub: HubClient, out: string, publicKeyPem: string, io: Parameters<Command>[1]): Promise<void> {
  const show = (p: string) => relative(io.cwd, p) || '.';
  for (const review of reviews) {
    if (review.verdict !== 'approved' || !review.canonicalId || !review.commit) continue;
    const modelDir = join(out, 'models', review.canonicalId);
    const sigPath = join(out, 'signatures', review.canonicalId, review.commit, MODEL_SIG_FILE);
    const items = review.resolved ? (await hub.listTree(review.canonicalId, review.commit)).filter((i) => i.type === 'file') : [];
    const fetched = await fetchFiles({ downloader: hub, repo: review.canonicalId, sha: review.commit, items, copyDir: modelDir });
    if (fetched.some((f) => !f.ok)) {
      io.stderr(`model-gate demo: could not fetch ${review.canonicalId} for the release step\n`);
      continue;
    }
    const bundle = await readFile(sigPath, 'utf8');
    const ok = await verifyModel({ modelDir, bundle, trust: { kind: 'key', publicKeyPem } });
    io.stderr(`\nrelease step: ${show(modelDir)} against ${show(sigPath)}: ${ok.ok ? `verified (${ok.files} files, ROOT ${ok.root.slice(0, 12)}…)` : `BLOCKED: ${ok.reason}: ${ok.message}`}\n`);
    io.stderr(`  same check by hand: node dist/cli.js verify ${show(modelDir)} --signature ${show(sigPath)} --public-key ${show(join(out, 'signing-key.pub'))}\n`);
    // A file changed after approval must be refused.
    const victim = join(modelDir, 'config.json');
    await appendFile(victim, ' ');
    const tampered = await verifyModel({ modelDir, bundle, trust: { kind: 'key', publicKeyPem } });
    io.stderr(`  after appending a byte to config.json: ${tampered.ok ? 'verified (UNEXPECTED)' : `blocked: ${tampered.reason}`}\n`);
    await writeFile(victim, (await readFile(victim, 'utf8')).slice(0, -1));
  }
}
