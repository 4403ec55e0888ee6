// The seed's expected-behaviour table, end to end on the sample store: review through the real pipeline, sign
// what is approved (key mode, as on the embedded default), then verify as a release pipeline would.
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubClient } from '../../src/hub/client.js';
import { fetchFiles } from '../../src/hub/fetch-repo.js';
import { SAMPLE, sampleAllowlists, sampleStoreSpec } from '../../src/registry/samples/index.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import type { ChangeResult } from '../../src/review/change.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { signApprovedReviews } from '../../src/sign/sign-reviews.js';
import { verifyModel } from '../../src/sign/verify.js';
import { verify } from '../../src/cli/verify.js';

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;
let hub: HubClient;
let result: ChangeResult;
let signedDirs: string[];
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const trust = { kind: 'key' as const, publicKeyPem };

/** A release pipeline's copy of a model: fetched at the pinned commit through the verified stream. */
async function mirror(repo: string, to: string): Promise<string> {
  const sha = built.repos[repo]!.shas.at(-1)!;
  const items = (await hub.listTree(repo, sha)).filter((i) => i.type === 'file');
  const out = await fetchFiles({ downloader: hub, repo, sha, items, copyDir: to });
  expect(out.every((o) => o.ok)).toBe(true);
  return to;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-acceptance-'));
  built = await buildStore(join(dir, 'store'), sampleStoreSpec());
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl] });
  const { base, head } = sampleAllowlists(built);
  result = await createReviewer({ hub, now: () => new Date('2026-11-22T00:00:00Z') }).reviewChange({
    allowlistPath: 'approved-models.yaml', baseText: base, headText: head, policyText: null, policySource: 'defaults'
  });
  const signed = await signApprovedReviews(result.reviews, {
    mode: { kind: 'key', privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    outDir: join(dir, 'signatures'),
    policy: result.policy.policy
  });
  signedDirs = signed.dirs;
}, 120_000);

afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

const sigOf = (repo: string) => join(dir, 'signatures', repo, built.repos[repo]!.shas.at(-1)!, 'model.sig');

describe('expected behaviour', () => {
  it('scanner finding in a newly submitted model → rejected and never signed', () => {
    const verdicts = Object.fromEntries(result.reviews.map((r) => [r.entry.repo, r.verdict]));
    expect(verdicts).toEqual({
      [SAMPLE.clean]: 'approved',
      [SAMPLE.typosquat]: 'rejected',
      [SAMPLE.maliciousPickle]: 'rejected',
      [SAMPLE.trojanedBin]: 'rejected'
    });
    expect(signedDirs).toEqual([join(dir, 'signatures', SAMPLE.clean, built.repos[SAMPLE.clean]!.shas.at(-1)!)]);
  });

  it('approved + pinned + valid signature → load (an internal mirror copy too)', async () => {
    const copy = await mirror(SAMPLE.clean, join(dir, 'mirror', 'clean'));
    const ok = await verifyModel({ modelDir: copy, bundle: await readFile(sigOf(SAMPLE.clean), 'utf8'), trust });
    expect(ok.ok).toBe(true);
  });

  it('signature missing → block', async () => {
    const copy = await mirror(SAMPLE.clean, join(dir, 'mirror', 'clean-unsigned'));
    const res = await verifyModel({ modelDir: copy, bundle: undefined, trust });
    expect(res).toMatchObject({ ok: false, reason: 'unsigned' });
  });

  it('typosquat not on the allowlist, unsigned model from an unknown source → block', async () => {
    const copy = await mirror(SAMPLE.typosquat, join(dir, 'mirror', 'typosquat'));
    const none = await readFile(sigOf(SAMPLE.typosquat), 'utf8').catch(() => undefined);
    expect(none).toBeUndefined();
    expect(await verifyModel({ modelDir: copy, bundle: none, trust })).toMatchObject({ ok: false, reason: 'unsigned' });
    // Nor does the clean model's signature vouch for the typosquat's bytes (its README and script differ).
    const borrowed = await verifyModel({ modelDir: copy, bundle: await readFile(sigOf(SAMPLE.clean), 'utf8'), trust });
    expect(borrowed.ok).toBe(false);
  });

  it('file tampered after approval → block', async () => {
    const copy = await mirror(SAMPLE.clean, join(dir, 'mirror', 'clean-tampered'));
    await appendFile(join(copy, 'config.json'), '\n');
    const res = await verifyModel({ modelDir: copy, bundle: await readFile(sigOf(SAMPLE.clean), 'utf8'), trust });
    expect(res).toMatchObject({ ok: false, reason: 'tampered-file', file: 'config.json' });
  });

  it('verify --from-hub streams the pinned files from the Hub and checks them against the signature', async () => {
    await writeFile(join(dir, 'key.pub'), publicKeyPem);
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), env: {}, cwd: dir };
    const args = (repo: string) => ['--from-hub', `${repo}@${built.repos[repo]!.shas.at(-1)!}`, '--hub-url', registry.hubUrl, '--cdn-origin', registry.cdnUrl, '--signature', sigOf(SAMPLE.clean), '--public-key', 'key.pub'];
    expect(await verify(args(SAMPLE.clean), io)).toBe(0);
    expect(out).toContain('verified');
    expect(await verify(args(SAMPLE.typosquat), io)).toBe(1);
    expect(err).toMatch(/verification FAILED/);
  });
});
