// One review model: the same bytes reviewed as an allowlist entry on the Hub (verified download) and as files on
// disk (`model-gate scan`) get the same file-level findings. For every repository the demo serves, the pinned
// commit is reviewed through the registry, then fetched to disk and scanned; the scanners' and the file-level
// checks' findings must agree exactly, and only the checks that need the Hub differ (and say they were skipped).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_CHECKS } from '../../src/checks/index.js';
import { compareFindings, type Finding } from '../../src/core/findings.js';
import { HubClient } from '../../src/hub/client.js';
import { fetchFiles } from '../../src/hub/fetch-repo.js';
import { SAMPLE, sampleStoreSpec } from '../../src/registry/samples/index.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { createReviewer } from '../../src/review/reviewer.js';

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
let hub: HubClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-scan-vs-review-'));
  built = await buildStore(join(dir, 'store'), sampleStoreSpec());
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl] });
}, 60_000);

afterAll(async () => {
  await hub.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

/** Findings of the checks that judge a repository on the Hub (and of the Hub lookups themselves). */
const HUB_PREFIXES = [...REPO_CHECKS.filter((c) => c.needs === 'hub').map((c) => c.id), 'hub'];
const fromHub = (f: Finding): boolean => HUB_PREFIXES.some((p) => f.check === p || f.check.startsWith(`${p}.`));
/** Notes only a local scan makes (skipped folders, skipped Hub checks). */
const LOCAL_NOTES = new Set(['scan.skipped', 'review.checks-skipped']);
const comparable = (findings: readonly Finding[]): Finding[] => [...findings].sort(compareFindings);

describe.each(Object.values(SAMPLE))('%s: scan and review agree on the same bytes', (repo) => {
  test('same files, formats and file-level findings', async () => {
    const sha = built.repos[repo]!.shas.at(-1)!;
    const reviewer = createReviewer({ hub, now: () => new Date('2026-11-22T00:00:00Z') });
    const { reviews } = await reviewer.reviewChange({
      allowlistPath: 'approved-models.yaml', baseText: null, headText: `version: 1\nmodels:\n  - ${repo}@${sha}\n`,
      policyText: null, policySource: 'defaults'
    });
    const online = reviews[0]!;
    expect(online.complete).toBe(true);

    const folder = join(dir, 'copies', repo);
    const items = (await hub.listTree(repo, sha)).filter((i) => i.type === 'file');
    expect((await fetchFiles({ downloader: hub, repo, sha, items, copyDir: folder })).every((o) => o.ok)).toBe(true);
    const { review: offline } = await reviewer.reviewLocal({ paths: ['.'], cwd: folder });

    expect(offline.files.map((f) => f.path)).toEqual(online.files.map((f) => f.path));
    for (const [i, f] of offline.files.entries()) {
      const o = online.files[i]!;
      expect({ path: f.path, size: f.size, formats: f.formats, complete: f.complete, findings: comparable(f.findings) })
        .toEqual({ path: o.path, size: o.size, formats: o.formats, complete: o.complete, findings: comparable(o.findings) });
    }
    expect(comparable(offline.findings.filter((f) => !LOCAL_NOTES.has(f.check)))).toEqual(comparable(online.findings.filter((f) => !fromHub(f))));
    expect(offline.findings.find((f) => f.check === 'review.checks-skipped')?.message).toContain('namespace');
    // The verdict differs only where a Hub check decided it.
    if (!online.findings.some((f) => fromHub(f) && f.severity !== 'info' && f.severity !== 'low')) expect(offline.verdict).toBe(online.verdict);
  }, 60_000);
});
