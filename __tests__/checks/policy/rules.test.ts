// The policy check's pure parts and its local-scan behaviour: missing facts block (fail closed), containers are
// judged by what they hold, the licence comes from the card's metadata as YAML reads it, and files on disk — read
// by the same reviewer as `model-gate scan` — get the content rules but say the publisher rules were not judged.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFindings, safetensorsFindings } from '../../../src/checks/policy/formats.js';
import { cardLicense, licenseFindings } from '../../../src/checks/policy/licenses.js';
import { publisherFindings } from '../../../src/checks/policy/publisher.js';
import type { FileReport } from '../../../src/core/review.js';
import { createReviewer } from '../../../src/review/reviewer.js';

const NOW = new Date('2026-05-14T12:00:00Z');
const file = (path: string, formats: string[], complete = true): FileReport => ({ path, size: 1, lfs: false, formats, findings: [], complete });

describe('publisher rules fail closed', () => {
  it('an author or a download count the Hub did not give blocks', () => {
    const f = publisherFindings({ repo: 'a/b', now: NOW }, { minAccountAge: 90, minDownloads: 1000, verifiedPublishersOnly: true });
    expect(f.map((x) => [x.check, x.severity])).toEqual([
      ['policy.publisher.account-age', 'high'], ['policy.publisher.downloads', 'high'], ['policy.publisher.unverified', 'high']
    ]);
  });

  it('0 means no requirement; an old verified organisation with enough downloads passes', () => {
    const author = { name: 'acme', type: 'org' as const, createdAt: '2020-01-01T00:00:00Z', isVerified: true };
    expect(publisherFindings({ repo: 'a/b', now: NOW }, { minAccountAge: 0, minDownloads: 0 })).toEqual([]);
    expect(publisherFindings({ repo: 'acme/b', author, downloads: 1000, now: NOW }, { minAccountAge: 90, minDownloads: 1000, verifiedPublishersOnly: true })).toEqual([]);
  });
});

describe('formats by content', () => {
  it('a container is judged by what it holds; with nothing recognised inside, by itself', () => {
    expect(formatFindings([file('m.bin', ['zip', 'pytorch-zip'])], { formats: { allowed: ['safetensors'] } })[0]!.message).toMatch(/is pytorch-zip by content/);
    expect(formatFindings([file('m.bin', ['zip', 'pytorch-zip'])], { formats: { allowed: ['pickle'] } })).toEqual([]);
    expect(formatFindings([file('a.zip', ['zip'])], { formats: { allowed: ['safetensors'] } })[0]!.check).toBe('policy.format.not-allowed');
    expect(formatFindings([file('w.gz', ['gzip', 'safetensors'])], { formats: { allowed: ['safetensors'] } })).toEqual([]);
  });

  it('a polyglot is blocked when any of its formats is', () => {
    expect(formatFindings([file('m.safetensors', ['safetensors', 'pickle'])], { formats: { blocked: ['pickle'], allowed: ['safetensors'] } }).map((f) => f.check)).toEqual(['policy.format.blocked']);
  });

  it('require_safetensors counts only fully examined safetensors', () => {
    expect(safetensorsFindings([file('m.safetensors', ['safetensors'], false)], { requireSafetensors: true })).toHaveLength(1);
    expect(safetensorsFindings([file('m.safetensors', ['safetensors'])], { requireSafetensors: true })).toEqual([]);
    expect(safetensorsFindings([], { requireSafetensors: false })).toEqual([]);
  });
});

describe('the licence in the card', () => {
  it('reads a single id or a list; other, none and unreadable metadata are unknown', () => {
    expect(cardLicense('---\nlicense: apache-2.0\n---\n# m\n')).toEqual({ ok: true, ids: ['apache-2.0'] });
    expect(cardLicense('---\nlicense:\n- mit\n- cc-by-4.0\n---\n')).toEqual({ ok: true, ids: ['mit', 'cc-by-4.0'] });
    expect(cardLicense('---\nlicense: other\nlicense_name: acme-research\n---\n')).toEqual({ ok: false, why: 'the model card declares `license: other`' });
    expect(cardLicense('---\nlicense: mit\nlicense: apache-2.0\n---\n').ok).toBe(false); // duplicate key: two readers, two answers
    expect(cardLicense('---\ntags: [a]\n---\n')).toEqual({ ok: false, why: 'the model card\'s metadata declares no `license`' });
    expect(cardLicense(undefined).ok).toBe(false);
  });

  it('a list with one denied id is denied', () => {
    const f = licenseFindings('---\nlicense: [mit, cc-by-nc-4.0]\n---\n', { licenses: { denied: ['CC-BY-NC-4.0'] } });
    expect(f.map((x) => [x.check, x.severity])).toEqual([['policy.license.denied', 'high']]);
  });
});

describe('files on disk (model-gate scan) under the rules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mg-policy-local-'));
    // A real joblib dump (written by joblib, fixtures/real) named like weights, and a card without a licence.
    await writeFile(join(dir, 'model.joblib'), readFileSync(new URL('../../fixtures/real/joblib/arrays.joblib.gz', import.meta.url)));
    await writeFile(join(dir, 'README.md'), '# m\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('applies the content rules and says the publisher rules were not judged', async () => {
    const { review, policy } = await createReviewer({ now: () => NOW }).reviewLocal({
      paths: ['.'], cwd: dir, policyText: 'formats:\n  blocked: [joblib]\nlicenses:\n  allowed: [mit]\nmin_downloads: 1000\n', policySource: 'p.yml'
    });
    expect(policy.errors).toEqual([]);
    const checks = review.findings.filter((f) => f.check.startsWith('policy.')).map((f) => `${f.severity} ${f.check} ${f.file ?? ''}`.trim());
    expect(checks).toEqual(['high policy.format.blocked model.joblib', 'medium policy.license.unknown README.md', 'info policy.publisher.not-judged']);
    expect(review.verdict).toBe('rejected');
  });
});
