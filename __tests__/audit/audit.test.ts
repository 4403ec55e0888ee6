// The audit end to end (issue 13): models are reviewed and signed (key mode) against the registry as it was at
// approval; later the registry answers with every event an approval must survive or report — a repository deleted,
// made private, gated or disabled, renamed, its namespace re-registered by someone else, its history rewritten, a
// file flagged by the Hub's scanners, new commits, an entry never signed — and the audit, with no state of its own
// (the allowlist and the signed vetting records), finds each one with the severity a release engineer acts on.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEntries, inShard, rejudgeOldest, type AuditEntryResult } from '../../src/audit/run.js';
import { auditFindings, type Approval } from '../../src/audit/rules.js';
import type { Entry } from '../../src/core/review.js';
import { HubClient } from '../../src/hub/client.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { audit } from '../../src/cli/audit.js';
import type { BuiltStore } from '../../src/registry/store-builder.js';
import { approveThenChange, ORGS } from './world.js';

let dir: string;
let before: BuiltStore;
let results: Map<string, AuditEntryResult>;
let hubCalls = 0;
let after: RunningRegistry;

let PUBLIC: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-audit-'));
  const world = await approveThenChange(dir);
  before = world.before;
  const allowlist = world.allowlist;
  PUBLIC = world.publicPem;
  // The audit: the same allowlist, the signatures folder, the Hub as it is now.
  const reg = await startRegistry({ storeDir: join(dir, 'after') });
  const counting = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (new URL(String(url)).pathname.startsWith('/api/')) hubCalls++;
    return fetch(url, init);
  };
  const hub = new HubClient({ hubUrl: reg.hubUrl, allowedCdnOrigins: [reg.cdnUrl], env: {}, maxRetries: 0, fetch: counting as never });
  const list: Entry[] = ORGS.map((o, i) => ({ repo: `${o}/ner-small`, revision: before.repos[`${o}/ner-small`]!.shas[1]!, line: 3 + i }));
  const audited = await auditEntries(list, {
    hub,
    records: {
      dir: join(dir, 'signatures'),
      trust: { kind: 'key', publicKeyPem: PUBLIC },
      read: (p) => readFile(p, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)))
    }
  });
  results = new Map(audited.map((r) => [r.entry.repo.split('/')[0]!, r]));
  await hub.close();
  after = reg;
  await writeFile(join(dir, 'approved-models.yaml'), allowlist);
  await writeFile(join(dir, 'signer.pem'), PUBLIC);
}, 180_000);

afterAll(async () => {
  await after.close();
  await rm(dir, { recursive: true, force: true });
});

const found = (org: string): string[] => results.get(org)!.findings.map((f) => `${f.check}:${f.severity}`).sort();

describe('the audit finds every event since the approval', () => {
  test('an unchanged, signed approval: nothing to act on', () => {
    expect(found('steady-lab')).toEqual([]);
    expect(results.get('steady-lab')!.approval.signature).toEqual({ state: 'valid' });
    expect(results.get('steady-lab')!.verdict).toBe('approved');
  });
  test('the repository was deleted', () => {
    expect(found('gone-lab')).toEqual(['audit.repo-gone:high']);
  });
  test('the namespace was deleted and registered again by someone else (the signed record holds the old ids)', () => {
    expect(found('helpdesk-ai')).toEqual(['audit.commit-missing:high', 'identity.author-changed:critical']);
    expect(results.get('helpdesk-ai')!.verdict).toBe('rejected');
  });
  test('transferred: the same repository (_id kept) now owned by another account', () => {
    expect(found('rename-old')).toEqual(['audit.transferred:high']);
  });
  test('history rewritten: the approved commit no longer resolves', () => {
    expect(found('rewrite-lab')).toEqual(['audit.commit-missing:high']);
  });
  test('private, gated, disabled', () => {
    expect(found('private-lab')).toEqual(['audit.repo-gone:high']);
    expect(found('gated-lab')).toEqual(['audit.repo-gated:medium']);
    expect(found('disabled-lab')).toEqual(['audit.repo-disabled:high']);
  });
  test('the Hub\'s scanners now flag an approved file', () => {
    expect(found('flag-lab')).toEqual(['audit.hub-flagged:high']);
    expect(results.get('flag-lab')!.findings[0]!.file).toBe('model.safetensors');
  });
  test('new commits on the default branch are information, never applied', () => {
    expect(found('newer-lab')).toEqual(['audit.new-commits:info']);
    expect(results.get('newer-lab')!.verdict).toBe('approved');
  });
  test('an entry the sign workflow never signed', () => {
    expect(found('unsigned-lab')).toEqual(['audit.identity-not-recorded:medium', 'audit.unsigned:high']);
  });
  test('bounded in Hub API calls: at most 4 per entry (model info, owner as user then org — once per account —, refs)', () => {
    expect(hubCalls).toBeLessThanOrEqual(4 * ORGS.length);
    expect(hubCalls).toBeGreaterThan(ORGS.length);
  });
});

describe('rules the registry cannot stage', () => {
  const approval: Approval = {
    repo: 'acme/m', revision: 'a'.repeat(40), line: 3, repoId: '650000000000000000000001', authorId: '650000000000000000000002',
    signature: { state: 'valid' },
    record: { rulesVersion: '2026-01-01', commitDate: '2024-01-01T00:00:00.000Z', files: [{ path: 'model.safetensors', sha256: 'b'.repeat(64), gitOid: null }, { path: 'config.json', sha256: null, gitOid: 'c'.repeat(40) }] }
  };
  const now = {
    state: 'ok' as const, canonicalId: 'acme/m', repoId: '650000000000000000000001', redirects: [],
    author: { name: 'acme', id: '650000000000000000000002', createdAt: '2021-01-01T00:00:00.000Z' },
    files: [{ path: 'model.safetensors', sha256: 'b'.repeat(64) }, { path: 'config.json', gitOid: 'c'.repeat(40) }]
  };
  const checks = (fs: { check: string; severity: string }[]): string[] => fs.map((f) => `${f.check}:${f.severity}`).sort();

  test('the same commit serving other bytes than were signed is critical', () => {
    expect(checks(auditFindings(approval, { ...now, files: [{ path: 'model.safetensors', sha256: 'd'.repeat(64) }, now.files[1]!] }, { rulesVersion: '2026-01-01' })))
      .toEqual(['audit.digests-changed:critical']);
  });
  test('recorded ids that differ: the namespace changed hands (the review\'s identity rules)', () => {
    expect(checks(auditFindings(approval, { ...now, author: { ...now.author, id: '660000000000000000000009', createdAt: '2026-04-01T00:00:00.000Z' } }, { rulesVersion: '2026-01-01' })))
      .toEqual(['identity.author-changed:critical', 'identity.namespace-reregistered:critical']);
  });
  test('renamed within the same owner is a move to note; to another repository _id it is critical', () => {
    const renamed = { ...now, canonicalId: 'acme/m-v1', redirects: [{ from: 'acme/m', to: 'acme/m-v1' }] };
    expect(checks(auditFindings(approval, renamed, { rulesVersion: '2026-01-01' }))).toEqual(['audit.moved:medium']);
    expect(checks(auditFindings(approval, { ...renamed, repoId: '670000000000000000000003' }, { rulesVersion: '2026-01-01' })))
      .toEqual(['audit.moved:critical', 'identity.repo-changed:critical']);
  });
  test('an approval judged by an older rule set is due for re-judging', () => {
    expect(checks(auditFindings(approval, now, { rulesVersion: '2026-12-06' }))).toEqual(['audit.rules-outdated:low']);
  });
  test('re-judging: the oldest outdated approvals within the budget, their findings replacing the note', async () => {
    const entry = (repo: string): Entry => ({ repo, revision: 'a'.repeat(40), line: 1 });
    const outdated = (repo: string, reviewedAt: string): AuditEntryResult => ({
      entry: entry(repo), approval: { ...approval, repo, record: { ...approval.record!, reviewedAt } },
      findings: auditFindings(approval, now, { rulesVersion: '2026-12-06' }), verdict: 'approved'
    });
    const results = [outdated('acme/new', '2025-06-01T00:00:00Z'), outdated('acme/old', '2024-01-01T00:00:00Z'), outdated('acme/mid', '2025-01-01T00:00:00Z')];
    const reviewed: string[] = [];
    await rejudgeOldest(results, { budget: 2, review: async (e) => {
      reviewed.push(e.repo);
      return e.repo === 'acme/old'
        ? { verdict: 'rejected', findings: [{ check: 'pickle.global.dangerous', severity: 'critical', message: 'os.system', help: 'x' }] }
        : { verdict: 'approved', findings: [] };
    } });
    expect(reviewed).toEqual(['acme/old', 'acme/mid']);
    expect(results.map((r) => `${r.entry.repo} ${r.verdict} ${r.findings.map((f) => f.check).join(',')}`)).toEqual([
      'acme/new approved audit.rules-outdated',
      'acme/old rejected audit.rejudged,pickle.global.dangerous',
      'acme/mid approved audit.rejudged'
    ]);
  });
  test('shards partition the allowlist', () => {
    const all = Array.from({ length: 10 }, (_v, i) => i);
    const parts = [0, 1, 2].map((index) => all.filter((i) => inShard(i, { index, count: 3 })));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(all);
  });
});

describe('model-gate audit (the CLI a scheduled workflow runs)', () => {
  const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await audit(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd: dir });
    return { code, out, err };
  };
  test('text: each entry with what no longer holds and what to do; exit 1 when an approval no longer holds', async () => {
    const r = await run('--hub-url', after.hubUrl, '--cdn-origin', after.cdnUrl, '--signatures', 'signatures', '--public-key', 'signer.pem', '--rejudge-budget', '0');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^steady-lab\/ner-small@[0-9a-f]{12} \(line 3\): holds$/m);
    expect(r.out).toMatch(/^gone-lab\/ner-small@[0-9a-f]{12} \(line 5\): no longer holds\n {2}high {5}audit\.repo-gone: /m);
    expect(r.out).toContain(`${ORGS.length} approved entries audited`);
  });
  test('json, one shard: the entries of that slice only, with a schema name', async () => {
    const r = await run('--hub-url', after.hubUrl, '--format', 'json', '--shard', '0/4', '--rejudge-budget', '0');
    const doc = JSON.parse(r.out) as { schema: string; entries: { repo: string }[] };
    expect(doc.schema).toBe('model-gate/audit/v1');
    expect(doc.entries.map((e) => e.repo)).toEqual(ORGS.filter((_o, i) => i % 4 === 0).map((o) => `${o}/ner-small`));
  });
  test('usage errors say what is wrong', async () => {
    await expect(run('--shard', '4/4')).rejects.toThrow(/--shard must be I\/N/);
    await expect(run('--signatures', 'signatures')).rejects.toThrow(/exactly one trust/);
    expect((await run('--help')).code).toBe(0);
  });
});

describe('within the Hub\'s rate limits', () => {
  test('an audit that outruns the quota waits for the next window (RateLimit t=) instead of failing', async () => {
    // A quota of 6 API calls per 2-second window: the 11 entries need about 25 calls, so the audit must wait.
    const reg = await startRegistry({ storeDir: join(dir, 'after'), rateLimit: { api: 6, windowSeconds: 2 } });
    let limited = 0;
    const counting = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const res = await fetch(url, init);
      if (res.status === 429) limited++;
      return res;
    };
    const hub = new HubClient({ hubUrl: reg.hubUrl, allowedCdnOrigins: [reg.cdnUrl], env: {}, fetch: counting as never, maxWaitMs: 300_000, retryWaitBudgetMs: 60_000 });
    try {
      const list: Entry[] = ORGS.map((o, i) => ({ repo: `${o}/ner-small`, revision: before.repos[`${o}/ner-small`]!.shas[1]!, line: 3 + i }));
      const audited = await auditEntries(list, {
        hub, concurrency: 2,
        records: {
          dir: join(dir, 'signatures'), trust: { kind: 'key', publicKeyPem: PUBLIC },
          read: (p) => readFile(p, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)))
        }
      });
      expect(limited).toBeGreaterThan(0);
      // The same conclusions as without a quota: nothing unreachable, nothing unknown.
      expect(audited.map((r) => r.findings.map((f) => `${f.check}:${f.severity}`).sort())).toEqual(ORGS.map((o) => found(o)));
    } finally {
      await hub.close();
      await reg.close();
    }
  }, 120_000);

  test('a namespace re-registered: an owner lookup the Hub refuses is a finding, never a silent pass', async () => {
    // One API call per five minutes: the model info answers (the commit is gone), the owner lookup meets a 429
    // whose wait is longer than the run allows. The question that catches the change of hands went unanswered.
    const reg = await startRegistry({ storeDir: join(dir, 'after'), rateLimit: { api: 1, windowSeconds: 300 } });
    const hub = new HubClient({ hubUrl: reg.hubUrl, allowedCdnOrigins: [reg.cdnUrl], env: {} });
    try {
      const line = 3 + ORGS.indexOf('helpdesk-ai');
      const [r] = await auditEntries([{ repo: 'helpdesk-ai/ner-small', revision: before.repos['helpdesk-ai/ner-small']!.shas[1]!, line }], {
        hub,
        records: {
          dir: join(dir, 'signatures'), trust: { kind: 'key', publicKeyPem: PUBLIC },
          read: (p) => readFile(p, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)))
        }
      });
      expect(r!.findings.map((f) => `${f.check}:${f.severity}`).sort()).toEqual(['audit.author-unknown:high', 'audit.commit-missing:high']);
      expect(r!.findings.find((f) => f.check === 'audit.author-unknown')!.message).toMatch(/^the owner of helpdesk-ai\/ner-small could not be looked up: .*rate-limiting.*asks to wait 300 s/);
      expect(r!.verdict).toBe('rejected');
    } finally {
      await hub.close();
      await reg.close();
    }
  });
});
