// Audit mode of the action (issue 13), end to end: the allowlist is read through the GitHub API at the scheduled
// run's commit, the Hub is the registry as it is months after the approvals, the signed records are on disk, and
// the issues live on the loopback GitHub server. One issue per repository whose approval no longer holds, opened by
// the action's own identity; the next run changes nothing; a fixed entry's issue is closed; a planted marker is
// ignored.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../../src/action/audit.js';
import { octokitApi } from '../../src/action/github-api.js';
import { readInputs } from '../../src/action/inputs.js';
import type { Runner } from '../../src/action/runner.js';
import { markerFor } from '../../src/audit/issues.js';
import { createAttestation } from '../../src/sign/github-attestations.js';
import { sarifValidator } from '../support/sarif-schema.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { approveThenChange, type AuditWorld } from '../audit/world.js';
import { ACTIONS_BOT, startGitHubServer, type GitHubServer } from '../support/github-server.js';

let dir: string;
let world: AuditWorld;
let registry: RunningRegistry;
let gh: GitHubServer;
const SHA = 'f'.repeat(40);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-audit-action-'));
  world = await approveThenChange(dir);
  registry = await startRegistry({ storeDir: join(dir, 'after') });
  gh = await startGitHubServer('acme', 'models');
}, 180_000);
afterAll(async () => {
  await gh.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run { failed?: string; warnings: string[]; summary: string; outputs: Record<string, string | number> }

async function audit(allowlist: string, records: 'folder' | 'attestations' = 'folder'): Promise<Run> {
  gh.state.files.set(`${SHA}:approved-models.yaml`, allowlist);
  const inputs: Record<string, string> = {
    mode: 'audit', 'github-token': 'ghs_installation', 'hub-url': registry.hubUrl, 'cdn-origins': registry.cdnUrl,
    ...(records === 'folder' ? { 'signatures-dir': join(dir, 'signatures') } : {}),
    'public-key': world.publicPem, 'report-dir': join(dir, 'report'), 'rejudge-budget': '0'
  };
  const run: Run = { warnings: [], summary: '', outputs: {} };
  const runner: Runner = {
    env: { GITHUB_REPOSITORY: 'acme/models', GITHUB_SHA: SHA, GITHUB_API_URL: gh.url },
    getInput: (n) => inputs[n] ?? '',
    setOutput: (n, v) => { run.outputs[n] = v; },
    setSecret: () => undefined,
    info: () => undefined,
    warning: (m) => { run.warnings.push(m); },
    error: () => undefined,
    notice: () => undefined,
    setFailed: (m) => { run.failed = m; },
    writeSummary: async (md) => { run.summary += md; },
    getIDToken: async () => { throw new Error('not used'); }
  };
  await runAudit(runner, readInputs(runner.getInput), { github: (t, o, r, b) => octokitApi(t, { owner: o, repo: r }, b) });
  return run;
}

const openIssues = (): string[] => gh.state.issues.filter((i) => i.state === 'open').map((i) => i.body.split('\n', 1)[0]!).sort();

describe('audit mode', () => {
  test('first run: one issue per repository whose approval no longer holds, by the action\'s own identity; fails on critical findings', async () => {
    // Someone planted an issue with the marker for the re-registered namespace, saying all is well.
    gh.state.issues.push({ number: 1, title: 'all good', body: `${markerFor('helpdesk-ai/ner-small')}\nnothing to see`, state: 'open', user: { login: 'mallory', id: 666 } });
    const run = await audit(world.allowlist);
    const expected = ['gone-lab', 'helpdesk-ai', 'rename-old', 'rewrite-lab', 'private-lab', 'gated-lab', 'disabled-lab', 'flag-lab', 'unsigned-lab']
      .map((o) => markerFor(`${o}/ner-small`)).sort();
    const mine = gh.state.issues.filter((i) => i.user.login === ACTIONS_BOT.login);
    expect(mine.map((i) => i.body.split('\n', 1)[0]!).sort()).toEqual(expected);
    expect(gh.state.issues.find((i) => i.number === 1)).toMatchObject({ state: 'open', body: expect.stringContaining('nothing to see') });
    expect(run.warnings.some((w) => /ignored issue #1 by mallory/.test(w))).toBe(true);
    expect(run.failed).toMatch(/helpdesk-ai\/ner-small/);
    expect(run.summary).toContain('## Model Gate audit: 11 approved entries');
    // SARIF for code scanning, valid against the OASIS schema, one result per actionable finding at the entry's line.
    const sarif = JSON.parse(await readFile(String(run.outputs['sarif-path']), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarifValidator()(sarif)).toEqual([]);
    const gone = sarif.runs[0]!.results.find((r) => r.ruleId === 'audit.repo-gone')!;
    expect(gone.locations[0]!.physicalLocation.region.startLine).toBe(5);
  }, 120_000);

  test('second run with nothing new: no issue is written again', async () => {
    const before = gh.state.requests.length;
    await audit(world.allowlist);
    const writes = gh.state.requests.slice(before).filter((r) => r.method !== 'GET' && !r.path.startsWith('/graphql'));
    expect(writes).toEqual([]);
  }, 120_000);

  test('an entry removed from the allowlist: its issue is closed with a comment; the others stay open', async () => {
    const without = world.allowlist.split('\n').filter((l, i, a) => !l.includes('gone-lab/ner-small') && !(a[i - 1] ?? '').includes('gone-lab/ner-small')).join('\n');
    await audit(without);
    expect(openIssues()).not.toContain(markerFor('gone-lab/ner-small'));
    expect(openIssues()).toContain(markerFor('flag-lab/ner-small'));
    const closed = gh.state.issues.find((i) => i.body.startsWith(markerFor('gone-lab/ner-small')))!;
    expect(closed.state).toBe('closed');
    expect(gh.state.comments.some((c) => /no longer in the allowlist/.test(c.body))).toBe(true);
  }, 120_000);
});


describe('audit mode with the records in GitHub\'s artifact attestations (no folder)', () => {
  test('the signed records are found by digest: a signed, unchanged entry holds; the one never signed does not', async () => {
    // What the sign workflow stores (attest: true): model.sig, the vetting record and the per-file release attestation.
    const signed = join(dir, 'signatures');
    for (const org of ['steady-lab', 'newer-lab']) {
      const sha = world.before.repos[`${org}/ner-small`]!.shas[1]!;
      for (const f of ['model.sig', 'vetting.sigstore.json', 'release.sigstore.json']) {
        await createAttestation({ apiUrl: gh.url, repository: 'acme/models', token: 'ghs_installation' }, JSON.parse(await readFile(join(signed, org, 'ner-small', sha, f), 'utf8')));
      }
    }
    const only = (orgs: string[]): string => `version: 1\nmodels:\n${orgs.map((o) => `  - repo: ${o}/ner-small\n    revision: ${world.before.repos[`${o}/ner-small`]!.shas[1]}\n`).join('')}`;
    await audit(only(['steady-lab', 'newer-lab', 'unsigned-lab']), 'attestations');
    const report = JSON.parse(await readFile(join(dir, 'report', 'audit.json'), 'utf8')) as { entries: { repo: string; signature: { state: string }; findings: { check: string }[] }[] };
    expect(report.entries.map((e) => `${e.repo} ${e.signature.state}`)).toEqual(['steady-lab/ner-small valid', 'newer-lab/ner-small valid', 'unsigned-lab/ner-small missing']);
    expect(report.entries[0]!.findings).toEqual([]);
  }, 120_000);
});
