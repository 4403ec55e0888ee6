// `model-gate demo`: the main job on the embedded default. Builds the sample store, serves it as a local Hub,
// reviews the sample allowlist change exactly as the action would, signs what is approved, and then leaves
// everything on disk for the newcomer to try by hand: the store, the two allowlists, the comment as markdown and as
// a page rendered the way GitHub renders it, the signatures and the key. It prints a short summary and the exact
// commands to review, fetch, serve and verify against the store.
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HubClient } from '../hub/client.js';
import { fetchFiles } from '../hub/fetch-repo.js';
import { commentPage } from '../report/html.js';
import { renderComment } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { compareReviews, reasonOf } from '../report/tally.js';
import { plain } from '../report/escape.js';
import { sampleAllowlists, sampleStoreSpec } from '../registry/samples/index.js';
import { renderCycloneDx } from '../report/bom.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import { bomModels } from '../review/bom-models.js';
import { signatureReferences } from '../sign/bom-references.js';
import { startRegistry } from '../registry/server.js';
import { buildStore } from '../registry/store-builder.js';
import { createReviewer } from '../review/reviewer.js';
import type { FullReview } from '../review/pipeline.js';
import { signApprovedReviews } from '../sign/sign-reviews.js';
import { MODEL_SIG_FILE } from '../sign/sign-model.js';
import { verifyModel } from '../sign/verify.js';
import { UsageError, type Command } from './io.js';

export const USAGE = `usage: model-gate demo [--out DIR] [--format summary|markdown|text] [--port N] [--cdn-port N]

  Reviews sample models (a clean one, a typosquat with a README that runs a script, a malicious pickle, a trojaned
  .bin beside safetensors) on a local Hub, and writes under DIR (default demo-out):
    comment.md, comment.html   the review comment, as markdown and as GitHub would show it
    store/                     the sample Hub (serve it with \`model-gate serve --store DIR/store\`)
    base.yaml, head.yaml       the allowlist before and after the change
    signatures/, signing-key.pub, models/   what was signed, the key to verify with, verified copies
    model-gate.cdx.json        the CycloneDX 1.6 ML-BOM of the approved models
  --format F      what to print: summary (default), markdown (the comment) or text (the terminal report)
  --port N, --cdn-port N   ports the printed commands use for \`model-gate serve\` (default 8080 and 8081)`;

export const demo: Command = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { format: { type: 'string', default: 'summary' }, out: { type: 'string', default: 'demo-out' }, port: { type: 'string', default: '8080' }, 'cdn-port': { type: 'string', default: '8081' } },
      strict: true
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (!['summary', 'markdown', 'text'].includes(values.format)) throw new UsageError(`--format must be summary, markdown or text\n${USAGE}`);
  for (const p of [values.port, values['cdn-port']]) if (!/^\d{1,5}$/.test(p) || Number(p) > 65535) throw new UsageError(`--port and --cdn-port take a port number\n${USAGE}`);
  const out = resolve(io.cwd, values.out);
  const show = (p: string): string => relative(io.cwd, p) || '.';
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const storeDir = join(out, 'store');
  const built = await buildStore(storeDir, sampleStoreSpec());
  const server = await startRegistry({ storeDir });
  try {
    const { base, head } = sampleAllowlists(built);
    await writeFile(join(out, 'base.yaml'), base);
    await writeFile(join(out, 'head.yaml'), head);
    io.stderr(`model-gate demo: local Hub at ${server.hubUrl} (CDN ${server.cdnUrl}); reviewing ${show(join(out, 'head.yaml'))}\n`);
    const hub = new HubClient({ hubUrl: server.hubUrl, allowedCdnOrigins: [server.cdnUrl] });
    const reviewer = createReviewer({ hub, onProgress: (line) => { if (io.stderrIsTTY) io.stderr(`  ${line}\n`); } });
    const result = await reviewer.reviewChange({
      allowlistPath: 'approved-models.yaml',
      baseText: base,
      headText: head,
      policyText: null,
      policySource: 'defaults (the demo has no .github/model-gate.yml)'
    });
    // The embedded default has no OIDC: approved samples are signed in key mode with a key made for this run.
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await writeFile(join(out, 'signing-key.pub'), publicKeyPem);
    const signed = await signApprovedReviews(result.reviews, {
      mode: { kind: 'key', privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      outDir: join(out, 'signatures'),
      policy: result.policy.policy
    });
    // The bill of materials of the approved set, referencing the signatures just written; its Hub links name the
    // sample Hub the models came from (serve the store again to follow them).
    const signatures = await signatureReferences(result.reviews, join(out, 'signatures'), out);
    await writeFile(join(out, 'model-gate.cdx.json'), renderCycloneDx(bomModels(result.reviews, { signatures }), {
      hubUrl: server.hubUrl, toolName: TOOL_NAME, toolVersion: TOOL_VERSION, now: new Date()
    }));
    // Links would point at this run's Hub, which is gone when the demo ends: the saved comment has none.
    const report = { ...result.report, signing: signed.statuses, hubUrl: undefined };
    const comment = renderComment(report);
    await writeFile(join(out, 'comment.md'), comment);
    await writeFile(join(out, 'comment.html'), commentPage(comment, 'Model Gate review (demo)'));

    if (values.format === 'markdown') io.stdout(`${comment}\n`);
    else if (values.format === 'text') io.stdout(renderText(report));
    else io.stdout(summary(result.reviews, result.failed));
    const release = await releaseStep(result.reviews, hub, out, publicKeyPem, io, values.format === 'summary' ? io.stdout : io.stderr);
    if (values.format === 'summary') io.stdout(nextSteps(out, show, values.port, values['cdn-port'], release));
    return 0;
  } finally {
    await server.close();
  }
};

function summary(reviews: readonly FullReview[], failed: boolean): string {
  const width = Math.max(...reviews.map((r) => r.entry.repo.length));
  // Worst first, as in the comment.
  const lines = [...reviews].sort(compareReviews).map((r) => `  ${r.verdict.padEnd(12)} ${plain(r.entry.repo, 200).padEnd(width)}  ${plain(reasonOf(r), 110)}`);
  return `Model Gate reviewed ${reviews.length} new allowlist entries: the pull request check would ${failed ? 'FAIL' : 'pass'}.\n\n${lines.join('\n')}\n`;
}

function nextSteps(out: string, show: (p: string) => string, port: string, cdnPort: string, release: { repo: string; commit: string; dir: string; sig: string } | undefined): string {
  const o = show(out);
  const hub = `http://127.0.0.1:${port}`;
  const cdn = `http://127.0.0.1:${cdnPort}`;
  const lines = [
    '',
    `The comment: ${o}/comment.html (open it in a browser) and ${o}/comment.md; the approved set's CycloneDX ML-BOM: ${o}/model-gate.cdx.json.`,
    '',
    'Try it yourself against the sample Hub (the store stays on disk):',
    `  model-gate serve --store ${o}/store --port ${port} --cdn-port ${cdnPort}      # in a second terminal`,
    `  model-gate review --base ${o}/base.yaml --head ${o}/head.yaml --hub-url ${hub} --cdn-origin ${cdn} --format text`
  ];
  if (release) {
    lines.push(
      `  model-gate fetch ${release.repo}@${release.commit} --hub-url ${hub} --cdn-origin ${cdn} --out ${o}/fetched`,
      `  model-gate verify ${o}/fetched --signature ${show(release.sig)} --public-key ${o}/signing-key.pub`
    );
  }
  lines.push('(from a checkout, `model-gate` is `./run cli` or `node dist/cli.js`)', '');
  return lines.join('\n');
}

/**
 * What a release pipeline does next: fetch the approved model (a mirror copy), verify it, and refuse a tampered copy.
 * Returns the first approved model it verified, for the commands the demo prints.
 */
async function releaseStep(
  reviews: FullReview[], hub: HubClient, out: string, publicKeyPem: string, io: Parameters<Command>[1], say: (t: string) => void
): Promise<{ repo: string; commit: string; dir: string; sig: string } | undefined> {
  const show = (p: string) => relative(io.cwd, p) || '.';
  let first: { repo: string; commit: string; dir: string; sig: string } | undefined;
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
    say(`\nRelease step: ${show(modelDir)} against its signature: ${ok.ok ? `verified (${ok.files} files)` : `BLOCKED: ${ok.reason}: ${ok.message}`}`);
    // A file changed after approval must be refused.
    const victim = join(modelDir, 'config.json');
    await appendFile(victim, ' ');
    const tampered = await verifyModel({ modelDir, bundle, trust: { kind: 'key', publicKeyPem } });
    say(`; after appending a byte to config.json: ${tampered.ok ? 'verified (UNEXPECTED)' : `blocked (${tampered.reason})`}\n`);
    await writeFile(victim, (await readFile(victim, 'utf8')).slice(0, -1));
    if (ok.ok) first ??= { repo: review.canonicalId, commit: review.commit, dir: modelDir, sig: sigPath };
  }
  return first;
}
