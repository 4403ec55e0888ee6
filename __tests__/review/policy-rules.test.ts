// The policy's approval rules end to end: the reviewer every front end uses (action, `model-gate review`, demo)
// reviews allowlist changes against the local registry over HTTP, on the sample store plus the repositories of
// policy-world.ts. For each rule: an approval it blocks, one it allows, the finding, and an exception naming it.
// Without any rule, every repository used below is approved (or needs review for its remote code): the first test.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/findings.js';
import { HubClient } from '../../src/hub/client.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { SAMPLE } from '../../src/registry/samples/index.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { renderJsonReport } from '../../src/report/json.js';
import { renderComment } from '../../src/report/markdown.js';
import type { ChangeResult } from '../../src/review/change.js';
import type { FullReview } from '../../src/review/pipeline.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { NOW, policyStoreSpec, REPO } from './policy-world.js';

/** The published JSON report schema (schema/report.schema.json), with ajv's draft 2020-12 validator. */
function reportValidator(): (doc: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '$'}: ${e.message ?? e.keyword}`));
}

let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-policy-rules-'));
  built = await buildStore(dir, policyStoreSpec());
  registry = await startRegistry({ storeDir: dir });
});
afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

const pin = (id: string): string => {
  const r = built.repos[id];
  if (!r) throw new Error(`no ${id} in the store`);
  return r.shas[r.shas.length - 1]!;
};

type Item = string | { repo: string; profile?: string };
const line = (i: Item): string =>
  typeof i === 'string' ? `  - ${i}@${pin(i)}\n` : `  - repo: ${i.repo}\n    revision: ${pin(i.repo)}\n${i.profile ? `    profile: ${i.profile}\n` : ''}`;
const allowlist = (items: readonly Item[]): string => `version: 1\nmodels:\n${items.map(line).join('')}`;

/** Reviews `head` added on top of `base` under the policy text. */
async function review(policyText: string | null, head: readonly Item[], base: readonly Item[] = []): Promise<ChangeResult> {
  const hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], sleep: async () => undefined, maxRetries: 0 });
  const result = await createReviewer({ hub, now: () => NOW }).reviewChange({
    allowlistPath: 'approved-models.yaml',
    baseText: allowlist(base),
    headText: allowlist([...base, ...head]),
    policyText,
    policySource: '.github/model-gate.yml'
  });
  expect(result.policy.errors).toEqual([]);
  return result;
}

const of = (r: ChangeResult, repo: string): FullReview => {
  const found = r.reviews.find((x) => x.entry.repo === repo);
  if (!found) throw new Error(`${repo} was not reviewed`);
  return found;
};
const verdicts = (r: ChangeResult): Record<string, string> => Object.fromEntries(r.reviews.map((x) => [x.entry.repo, x.verdict]));
const withCheck = (rv: FullReview, check: string): Finding[] => rv.findings.filter((f) => f.check === check);
const exception = (repo: string, check: string): string =>
  `exceptions:\n  - repo: ${repo}\n    checks: [${check}]\n    reason: reviewed by security, SEC-15\n    expires: 2026-12-31\n`;

/** The finding is there at `severity`, and an exception naming its id waives it (kept, as info) so the verdict moves. */
async function expectWaivable(policy: string, repo: string, check: string, after: string): Promise<void> {
  const r = await review(`${policy}${exception(repo, check)}`, [repo]);
  const f = withCheck(of(r, repo), check);
  expect(f.length).toBeGreaterThan(0);
  expect(f.every((x) => x.severity === 'info' && x.message.startsWith('[waived, was '))).toBe(true);
  expect(of(r, repo).verdict).toBe(after);
}

describe('without the approval rules', () => {
  it('approves every repository the rules are tested on (remote code needs review, as today)', async () => {
    const r = await review(null, [REPO.binOnly, REPO.joblib, REPO.customCode, REPO.nonCommercial, REPO.noLicense, REPO.rare, REPO.safe, REPO.user, REPO.youngOrg]);
    expect(verdicts(r)).toEqual({
      [REPO.binOnly]: 'approved', [REPO.joblib]: 'approved', [REPO.customCode]: 'needs-review', [REPO.nonCommercial]: 'approved',
      [REPO.noLicense]: 'approved', [REPO.rare]: 'approved', [REPO.safe]: 'approved', [REPO.user]: 'approved', [REPO.youngOrg]: 'approved'
    });
    expect(r.reviews.flatMap((x) => x.findings).filter((f) => f.check.startsWith('policy.'))).toEqual([]);
  });
});

describe('formats (by content)', () => {
  it('blocked: [pickle] blocks the pickled .bin and the joblib dump, and leaves safetensors approved', async () => {
    const r = await review('formats:\n  blocked: [pickle]\n', [REPO.binOnly, REPO.joblib, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.binOnly]: 'rejected', [REPO.joblib]: 'rejected', [REPO.safe]: 'approved' });
    const [f] = withCheck(of(r, REPO.binOnly), 'policy.format.blocked');
    expect(f).toMatchObject({ severity: 'high', file: 'pytorch_model.bin', evidence: 'pytorch_model.bin: pickle' });
    expect(withCheck(of(r, REPO.joblib), 'policy.format.blocked')[0]).toMatchObject({ file: 'model.joblib', evidence: 'model.joblib: pickle, joblib' });
    expect(r.failed).toBe(true);
  });

  it('blocked: [joblib] blocks the dump joblib wrote, not a plain pickle', async () => {
    const r = await review('formats:\n  blocked: [joblib]\n', [REPO.binOnly, REPO.joblib]);
    expect(verdicts(r)).toEqual({ [REPO.binOnly]: 'approved', [REPO.joblib]: 'rejected' });
  });

  it('a pickle named .safetensors is a pickle', async () => {
    const r = await review('formats:\n  blocked: [pickle]\n', [REPO.disguised]);
    expect(withCheck(of(r, REPO.disguised), 'policy.format.blocked')).toEqual([
      expect.objectContaining({ file: 'model.safetensors', evidence: 'model.safetensors: pickle', severity: 'high' })
    ]);
  });

  it('allowed: [safetensors] refuses any other weight format; text, JSON and code are not judged by it', async () => {
    const r = await review('formats:\n  allowed: [safetensors]\n', [REPO.binOnly, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.binOnly]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.binOnly), 'policy.format.not-allowed').map((f) => f.file)).toEqual(['pytorch_model.bin']);
  });

  it('an exception names policy.format.blocked', async () => {
    await expectWaivable('formats:\n  blocked: [pickle]\n', REPO.binOnly, 'policy.format.blocked', 'approved');
    await expectWaivable('formats:\n  allowed: [safetensors]\n', REPO.binOnly, 'policy.format.not-allowed', 'approved');
  });
});

describe('require_safetensors', () => {
  it('blocks a model whose only weights are a pickle, approves one with safetensors', async () => {
    const r = await review('require_safetensors: true\n', [REPO.binOnly, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.binOnly]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.binOnly), 'policy.safetensors-missing')).toEqual([
      expect.objectContaining({ severity: 'high', evidence: 'pytorch_model.bin: pickle' })
    ]);
  });

  it('a file named .safetensors that is a pickle does not count', async () => {
    const r = await review('require_safetensors: true\n', [REPO.disguised]);
    expect(withCheck(of(r, REPO.disguised), 'policy.safetensors-missing')).toHaveLength(1);
  });

  it('an exception names policy.safetensors-missing', async () => {
    await expectWaivable('require_safetensors: true\n', REPO.binOnly, 'policy.safetensors-missing', 'approved');
  });
});

describe('remote_code', () => {
  it('deny blocks auto_map code; a model without remote code stays approved', async () => {
    const r = await review('remote_code: deny\n', [REPO.customCode, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.customCode]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.customCode), 'policy.remote-code')).toEqual([
      expect.objectContaining({ severity: 'high', evidence: 'config.json AutoModel → modeling.Model' })
    ]);
  });

  it('review asks a human (needs-review)', async () => {
    const r = await review('remote_code: review\n', [REPO.customCode]);
    expect(of(r, REPO.customCode).verdict).toBe('needs-review');
    expect(withCheck(of(r, REPO.customCode), 'policy.remote-code').map((f) => f.severity)).toEqual(['medium']);
  });

  it('allow-trusted blocks an untrusted publisher\'s code and lets a trusted one\'s through to the usual code review', async () => {
    const untrusted = await review('remote_code: allow-trusted\n', [REPO.customCode]);
    expect(of(untrusted, REPO.customCode).verdict).toBe('rejected');
    expect(withCheck(of(untrusted, REPO.customCode), 'policy.remote-code').map((f) => f.severity)).toEqual(['high']);
    const trusted = await review('remote_code: allow-trusted\ntrusted_publishers: [acme]\n', [REPO.customCode]);
    expect(of(trusted, REPO.customCode).verdict).toBe('needs-review');
    expect(withCheck(of(trusted, REPO.customCode), 'policy.remote-code').map((f) => f.severity)).toEqual(['info']);
  });

  it('an exception names policy.remote-code (the code itself still needs its review)', async () => {
    await expectWaivable('remote_code: deny\n', REPO.customCode, 'policy.remote-code', 'needs-review');
  });
});

describe('min_account_age', () => {
  it('blocks a 74-day-old organisation under a 90-day rule; an old one is approved', async () => {
    const r = await review('min_account_age: 90d\n', [REPO.youngOrg, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.youngOrg]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.youngOrg), 'policy.publisher.account-age')).toEqual([
      expect.objectContaining({ severity: 'high', message: 'organisation fresh-org is 74 days old; the policy requires at least 90' })
    ]);
    const looser = await review('min_account_age: 60\n', [REPO.youngOrg]);
    expect(of(looser, REPO.youngOrg).verdict).toBe('approved');
  });

  it('an exception names policy.publisher.account-age', async () => {
    await expectWaivable('min_account_age: 90d\n', REPO.youngOrg, 'policy.publisher.account-age', 'approved');
  });
});

describe('min_downloads', () => {
  it('blocks a model with 12 downloads under a 1,000 rule; 5,000 passes', async () => {
    const r = await review('min_downloads: 1000\n', [REPO.rare, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.rare]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.rare), 'policy.publisher.downloads')[0]!.message).toBe('acme/rare has 12 downloads; the policy requires at least 1000');
  });

  it('can only block: 244,118 downloads change nothing about the typosquat', async () => {
    const without = await review(null, [SAMPLE.typosquat]);
    const withRule = await review('min_downloads: 1000\n', [SAMPLE.typosquat]);
    const keep = (rv: FullReview) => rv.findings.map((f) => `${f.severity} ${f.check}`);
    expect(keep(of(withRule, SAMPLE.typosquat))).toEqual(keep(of(without, SAMPLE.typosquat)));
    expect(of(withRule, SAMPLE.typosquat).verdict).toBe('rejected');
  });

  it('an exception names policy.publisher.downloads', async () => {
    await expectWaivable('min_downloads: 1000\n', REPO.rare, 'policy.publisher.downloads', 'approved');
  });
});

describe('verified_publishers_only', () => {
  it('blocks a user account and an unverified organisation; a verified organisation is approved', async () => {
    const r = await review('verified_publishers_only: true\n', [REPO.user, REPO.youngOrg, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.user]: 'rejected', [REPO.youngOrg]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.user), 'policy.publisher.unverified')[0]).toMatchObject({ severity: 'high', evidence: 'lonely-dev: type user, isVerified false' });
    expect(withCheck(of(r, REPO.youngOrg), 'policy.publisher.unverified')[0]).toMatchObject({ evidence: 'fresh-org: type org, isVerified false' });
  });

  it('an exception names policy.publisher.unverified', async () => {
    await expectWaivable('verified_publishers_only: true\n', REPO.user, 'policy.publisher.unverified', 'approved');
  });
});

describe('licenses (from the model card)', () => {
  const policy = 'licenses:\n  allowed: [Apache-2.0, mit]\n  denied: [cc-by-nc-4.0]\n';

  it('denied blocks, allowed passes (ids compare case-insensitively), an unknown licence needs review', async () => {
    const r = await review(policy, [REPO.nonCommercial, REPO.safe, REPO.user, REPO.noLicense]);
    expect(verdicts(r)).toEqual({ [REPO.nonCommercial]: 'rejected', [REPO.safe]: 'approved', [REPO.user]: 'approved', [REPO.noLicense]: 'needs-review' });
    expect(withCheck(of(r, REPO.nonCommercial), 'policy.license.denied')[0]).toMatchObject({ severity: 'high', evidence: 'license: cc-by-nc-4.0' });
    expect(withCheck(of(r, REPO.noLicense), 'policy.license.unknown')[0]).toMatchObject({
      severity: 'medium', message: 'the licence is unknown: the model card has no metadata block (--- … ---)'
    });
  });

  it('with allowed, any other licence blocks', async () => {
    const r = await review('licenses:\n  allowed: [apache-2.0]\n', [REPO.user, REPO.safe]);
    expect(verdicts(r)).toEqual({ [REPO.user]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.user), 'policy.license.not-allowed')[0]!.evidence).toBe('license: mit');
  });

  it('exceptions name policy.license.denied and policy.license.unknown', async () => {
    await expectWaivable(policy, REPO.nonCommercial, 'policy.license.denied', 'approved');
    await expectWaivable(policy, REPO.noLicense, 'policy.license.unknown', 'approved');
  });
});

describe('fast_track', () => {
  it('approves a clean new model from a publisher already in the base allowlist without a human, and says so', async () => {
    const r = await review('fast_track: true\n', [REPO.safe, REPO.user, REPO.customCode], [REPO.rare]);
    expect(of(r, REPO.safe).fastTrack).toEqual({ publisher: 'acme' });
    expect(withCheck(of(r, REPO.safe), 'policy.fast-track')).toEqual([expect.objectContaining({ severity: 'info' })]);
    // A publisher not in the base list, and an entry that needs review, are decided as without the fast track.
    expect(of(r, REPO.user).fastTrack).toBeUndefined();
    expect(of(r, REPO.user).verdict).toBe('approved');
    expect(of(r, REPO.customCode).fastTrack).toBeUndefined();
    expect(of(r, REPO.customCode).verdict).toBe('needs-review');
    const comment = renderComment(r.report);
    expect(comment).toContain('**Fast track**: acme is already approved in the base allowlist and nothing above low was found, so this entry is approved without waiting for a human review.');
    expect(comment.match(/\*\*Fast track\*\*/g)).toHaveLength(1);
    const json = JSON.parse(renderJsonReport(r.report, NOW)) as { reviews: { entry: { repo: string }; fastTrack?: unknown }[] };
    expect(json.reviews.filter((x) => x.fastTrack).map((x) => [x.entry.repo, x.fastTrack])).toEqual([[REPO.safe, { publisher: 'acme' }]]);
    expect(reportValidator()(json)).toEqual([]);
  });

  it('a re-pin counts; without fast_track nothing is fast-tracked', async () => {
    // The base approved the repository's first commit; the head moves the pin to the next one.
    const base = `version: 1\nmodels:\n  - ${REPO.safe}@${built.repos[REPO.safe]!.shas[0]!}\n`;
    const hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], sleep: async () => undefined, maxRetries: 0 });
    const run = (policyText: string | null) => createReviewer({ hub, now: () => NOW }).reviewChange({
      allowlistPath: 'approved-models.yaml', baseText: base, headText: allowlist([REPO.safe]), policyText, policySource: 'p'
    });
    const on = await run('fast_track: true\n');
    expect(on.reviews.flatMap((x) => x.findings).filter((f) => f.severity !== 'info')).toEqual([]);
    expect(on.reviews.map((x) => x.fastTrack)).toEqual([{ publisher: 'acme' }]);
    const off = await run(null);
    expect(off.reviews.map((x) => [x.verdict, x.fastTrack])).toEqual([['approved', undefined]]);
    expect(renderComment(off.report)).not.toContain('Fast track');
  });
});

describe('profiles', () => {
  const policy = [
    'remote_code: deny',
    'profiles:',
    '  production:',
    '    remote_code: deny',
    '    require_safetensors: true',
    '  research:',
    '    remote_code: review',
    ''
  ].join('\n');

  it('production and research side by side in one allowlist', async () => {
    const r = await review(policy, [
      { repo: REPO.customCode, profile: 'production' },
      { repo: REPO.customCode2, profile: 'research' },
      { repo: REPO.binOnly, profile: 'production' },
      { repo: REPO.safe, profile: 'research' }
    ]);
    expect(verdicts(r)).toEqual({ [REPO.customCode]: 'rejected', [REPO.customCode2]: 'needs-review', [REPO.binOnly]: 'rejected', [REPO.safe]: 'approved' });
    expect(withCheck(of(r, REPO.customCode), 'policy.remote-code').map((f) => f.severity)).toEqual(['high']);
    expect(withCheck(of(r, REPO.customCode2), 'policy.remote-code').map((f) => f.severity)).toEqual(['medium']);
    expect(withCheck(of(r, REPO.binOnly), 'policy.safetensors-missing')).toHaveLength(1);
    expect(renderComment(r.report)).toContain('Policy profile `research`');
  });

  it('an entry without a profile gets the top-level rules', async () => {
    const r = await review(policy, [REPO.customCode2, REPO.binOnly]);
    expect(verdicts(r)).toEqual({ [REPO.customCode2]: 'rejected', [REPO.binOnly]: 'approved' });
  });

  it('a profile the policy does not define is refused, not reviewed under other rules', async () => {
    const r = await review(policy, [{ repo: REPO.safe, profile: 'staging' }]);
    expect(of(r, REPO.safe).verdict).toBe('rejected');
    expect(withCheck(of(r, REPO.safe), 'policy.profile-unknown')[0]!.message).toBe(
      "acme/safe names the policy profile 'staging', which the policy does not define (profiles: production, research)"
    );
  });

  it('moving an entry to another profile re-reviews it', async () => {
    const hub = new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], sleep: async () => undefined, maxRetries: 0 });
    const r = await createReviewer({ hub, now: () => NOW }).reviewChange({
      allowlistPath: 'approved-models.yaml',
      baseText: allowlist([{ repo: REPO.customCode, profile: 'research' }]),
      headText: allowlist([{ repo: REPO.customCode, profile: 'production' }]),
      policyText: policy,
      policySource: 'p'
    });
    expect(verdicts(r)).toEqual({ [REPO.customCode]: 'rejected' });
  });
});
