// `model-gate demo`: the main job on the embedded default. Builds the sample store, serves it as a local Hub,
// reviews the sample allowlist change exactly as the action would, and prints the review comment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_CHECKS } from '../checks/index.js';
import { HubClient } from '../hub/client.js';
import { renderComment } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { sampleAllowlists, sampleStoreSpec } from '../registry/samples/index.js';
import { startRegistry } from '../registry/server.js';
import { buildStore } from '../registry/store-builder.js';
import { reviewChange } from '../review/change.js';
import { defaultScanFile } from '../review/scan-file.js';
import { UsageError, type Command } from './io.js';

const USAGE = 'usage: model-gate demo [--format markdown|text]';

export const demo: Command = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { format: { type: 'string', default: 'markdown' } }, strict: true }));
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
    const result = await reviewChange({
      allowlistPath: 'approved-models.yaml',
      baseText: base,
      headText: head,
      policyText: null,
      policySource: 'defaults (the demo has no .github/model-gate.yml)',
      hub,
      scanFile: defaultScanFile,
      checks: REPO_CHECKS,
      onProgress: (line) => io.stderr(`  ${line}\n`)
    });
    io.stdout(values.format === 'text' ? renderText(result.report) : `${renderComment(result.report)}\n`);
    const summary = result.reviews.map((r) => `${r.entry.repo}: ${r.verdict}`).join('\n  ');
    io.stderr(`\nmodel-gate demo: ${result.failed ? 'the check would FAIL' : 'the check would pass'}\n  ${summary}\n`);
    return 0;
  } finally {
    await registry.server.close();
    await rm(dir, { recursive: true, force: true });
  }
};
