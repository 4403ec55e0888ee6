// Runs the bundled action (dist/index.js) as the runner would: an event payload file, INPUT_* and GITHUB_*
// variables, against a loopback GitHub API server and the local Hub registry seeded with the sample repositories.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE, sampleAllowlists, sampleStoreSpec } from '../../src/registry/samples/index.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore } from '../../src/registry/store-builder.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { githubClaims, mintOidcToken, startSigstoreServer, type SigstoreServer } from '../support/sigstore-server.js';
import { verifyModel } from '../../src/sign/verify.js';
import { fetchCommand } from '../../src/cli/fetch.js';
import { cyclonedxValidator } from '../support/cyclonedx-schema.js';
import { pullRequestPayload, runActionJob, type ActionRun } from '../support/run-action.js';

const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);

let dir: string;
let registry: RunningRegistry;
let gh: GitHubServer;
let allowlists: { base: string; head: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-e2e-'));
  const built = await buildStore(join(dir, 'store'), sampleStoreSpec());
  allowlists = sampleAllowlists(built);
  registry = await startRegistry({ storeDir: join(dir, 'store'), token: 'hf_e2e_secret_token' });
  gh = await startGitHubServer('acme', 'models');
  gh.state.files.set(`${BASE}:approved-models.yaml`, allowlists.base);
  gh.state.files.set(`${HEAD}:approved-models.yaml`, allowlists.head);
});

afterAll(async () => {
  await gh.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

type RunResult = Omit<ActionRun, 'work'>;

interface RunSpec {
  eventName: string;
  payload: unknown;
  env?: Record<string, string>;
}

const PR_EVENT: RunSpec = { eventName: 'pull_request', payload: pullRequestPayload(BASE, HEAD) };

async function runAction(run: number, spec: RunSpec = PR_EVENT): Promise<RunResult> {
  const work = join(dir, `run-${run}`);
  const { code, stdout, outputs, summary } = await runActionJob({
    work,
    eventName: spec.eventName,
    payload: spec.payload,
    env: {
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      'INPUT_GITHUB-TOKEN': 'ghs_e2e_token_value',
      'INPUT_HUB-URL': registry.hubUrl,
      'INPUT_CDN-ORIGINS': registry.cdnUrl,
      'INPUT_HUB-TOKEN': 'hf_e2e_secret_token',
      'INPUT_REPORT-DIR': join(work, 'report'),
      INPUT_SIGN: 'none',
      ...spec.env
    }
  });
  return { code, stdout, outputs, summary };
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('the bundled action on a pull request adding the sample models', () => {
  let first: RunResult;
  let second: RunResult;

  beforeAll(async () => {
    first = await runAction(1);
    second = await runAction(2);
  }, 240_000);

  it('fails the check because models are rejected', () => {
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/::error::Model Gate: \d+ model\(s\) rejected/);
  });

  it('sets the outputs', () => {
    expect(first.outputs.rejected).toBe('3');
    expect(first.outputs.approved).toBe('1');
    expect(first.outputs.verdict).toBe('rejected');
    expect(first.outputs['report-path']).toMatch(/model-gate\.json$/);
  });

  it('approves the clean model and rejects the malicious ones in the comment', () => {
    expect(gh.state.comments).toHaveLength(1);
    const body = gh.state.comments[0]!.body;
    expect(body.split('\n')[0]).toBe('<!-- model-gate -->');
    const row = (repo: string) => body.split('\n').find((l) => l.startsWith('| [') && l.includes(`[${repo}@`)) ?? '';
    expect(row(SAMPLE.clean)).toMatch(/approved/i);
    expect(row(SAMPLE.maliciousPickle)).toMatch(/rejected/i);
    expect(row(SAMPLE.trojanedBin)).toMatch(/rejected/i);
    expect(row(SAMPLE.typosquat)).toMatch(/rejected/i);
    expect(body).toContain('pytorch_model.bin');
    expect(body).toContain(`${registry.hubUrl}/${SAMPLE.clean}/tree/`);
  });

  it('names every signal of the May 2026 incident in the typosquat\'s findings', () => {
    const body = gh.state.comments[0]!.body;
    const section = body.slice(body.indexOf(`<b>${SAMPLE.typosquat}</b>`));
    for (const check of ['namespace.repo-shadowing', 'provenance.account-young', 'provenance.card-copied', 'instructions.run-repo-script', 'code.download-exec']) {
      expect(section).toContain(check);
    }
    expect(section).toContain('scripts/preprocess.py');
  });

  it('annotates the exact allowlist lines', () => {
    const line = lineOf(allowlists.head, SAMPLE.maliciousPickle);
    expect(first.stdout).toMatch(new RegExp(`::error [^\\n]*file=approved-models\\.yaml,[^\\n]*line=${line}`));
  });

  it('requests changes on the pull request', () => {
    expect(gh.state.reviews.filter((r) => r.state === 'CHANGES_REQUESTED').length).toBeGreaterThanOrEqual(1);
    expect(gh.state.reviews[0]!.commit_id).toBe(HEAD);
  });

  it('writes the job summary, the JSON and SARIF reports', async () => {
    expect(first.summary).toContain(SAMPLE.maliciousPickle.split('/')[1]);
    const json = JSON.parse(await readFile(first.outputs['report-path']!, 'utf8')) as { reviews: unknown[] };
    expect(json.reviews).toHaveLength(4);
    const sarif = JSON.parse(await readFile(first.outputs['sarif-path']!, 'utf8')) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe('2.1.0');
  });

  it('writes the CycloneDX ML-BOM of the approved set, schema-valid (no signature on a pull request)', async () => {
    const bom = JSON.parse(await readFile(first.outputs['bom-path']!, 'utf8')) as { components: { group: string; name: string; externalReferences: { type: string }[] }[] };
    expect(cyclonedxValidator()(bom)).toEqual([]);
    expect(bom.components.map((c) => `${c.group}/${c.name}`)).toEqual([SAMPLE.clean]);
    expect(bom.components[0]!.externalReferences.map((r) => r.type)).not.toContain('digital-signature');
  });

  it('updates the same comment on a re-run instead of adding one', () => {
    expect(second.code).toBe(1);
    expect(gh.state.comments).toHaveLength(1);
    const commentWrites = gh.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues/7/comments'));
    const commentUpdates = gh.state.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/issues/comments/'));
    expect(commentWrites).toHaveLength(1);
    expect(commentUpdates).toHaveLength(1);
  });

  it('masks the secrets and never prints or sends them where they do not belong', () => {
    for (const run of [first, second]) {
      expect(run.stdout).toContain('::add-mask::hf_e2e_secret_token');
      expect(run.stdout).toContain('::add-mask::ghs_e2e_token_value');
      const printed = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
      expect(printed).not.toContain('hf_e2e_secret_token');
      expect(printed).not.toContain('ghs_e2e_token_value');
    }
    expect(gh.state.requests.every((r) => !JSON.stringify(r.body ?? '').includes('hf_e2e_secret_token'))).toBe(true);
    expect(gh.state.requests.every((r) => r.authorization === 'token ghs_e2e_token_value')).toBe(true);
  });
});

describe('the bundled action on the push that merges the change, signing keylessly', () => {
  let sigstore: SigstoreServer;
  let pushed: RunResult;
  const identity = 'https://github.com/acme/models/.github/workflows/model-gate-sign.yml@refs/heads/main';

  beforeAll(async () => {
    sigstore = await startSigstoreServer();
    gh.state.oidc = { token: mintOidcToken(githubClaims('acme/models', 'model-gate-sign.yml', 'refs/heads/main')), requestToken: 'oidc-request-token' };
    pushed = await runAction(3, {
      eventName: 'push',
      payload: { ref: 'refs/heads/main', before: BASE, after: HEAD },
      env: {
        INPUT_SIGN: 'keyless',
        'INPUT_FULCIO-URL': sigstore.url,
        'INPUT_REKOR-URL': sigstore.url,
        ACTIONS_ID_TOKEN_REQUEST_URL: `${gh.url}/_oidc/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token'
      }
    });
  }, 240_000);

  afterAll(async () => {
    await sigstore.close();
  });

  it('reviews before..after, comments nowhere, and still fails on the rejected models', () => {
    expect(pushed.code).toBe(1);
    expect(pushed.outputs.rejected).toBe('3');
    expect(gh.state.requests.filter((r) => r.path.includes('/issues/') && r.method !== 'GET').length).toBe(2); // the PR runs' create + update only
  });

  it('writes the ML-BOM of the approved set with references to the signature and vetting record it made', async () => {
    const bomPath = pushed.outputs['bom-path']!;
    const bom = JSON.parse(await readFile(bomPath, 'utf8')) as { components: { group: string; name: string; externalReferences: { type: string; url: string }[] }[] };
    expect(cyclonedxValidator()(bom)).toEqual([]);
    expect(bom.components.map((c) => `${c.group}/${c.name}`)).toEqual([SAMPLE.clean]);
    const ref = (type: string) => bom.components[0]!.externalReferences.find((r) => r.type === type)!.url;
    expect(await readFile(join(bomPath, '..', ref('digital-signature')), 'utf8')).toContain('dsseEnvelope');
    expect(await readFile(join(bomPath, '..', ref('attestation')), 'utf8')).toContain('dsseEnvelope');
  });

  it('signs only the approved model, with a certificate for the sign workflow at refs/heads/main', async () => {
    const dir = pushed.outputs['signatures-dir']!;
    const json = JSON.parse(await readFile(pushed.outputs['report-path']!, 'utf8')) as { reviews: { entry: { repo: string }; commit: string; files: { path: string; size: number; sha256: string }[] }[] };
    const clean = json.reviews.find((r) => r.entry.repo === SAMPLE.clean)!;
    const bundle = await readFile(join(dir, SAMPLE.clean, clean.commit, 'model.sig'), 'utf8');
    const digests = clean.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 }));
    const ok = await verifyModel({ digests, bundle, trust: { kind: 'identity', identity, issuer: 'https://token.actions.githubusercontent.com', trustedRoot: sigstore.trustedRoot } });
    expect(ok.ok).toBe(true);
    const wrong = await verifyModel({ digests, bundle, trust: { kind: 'identity', identity: identity.replace('main', 'dev'), issuer: 'https://token.actions.githubusercontent.com', trustedRoot: sigstore.trustedRoot } });
    expect(wrong.ok).toBe(false);
    expect(sigstore.requests.some((r) => r.path === '/api/v1/log/entries')).toBe(true);
    for (const rejected of [SAMPLE.typosquat, SAMPLE.maliciousPickle, SAMPLE.trojanedBin]) {
      await expect(readFile(join(dir, rejected), 'utf8')).rejects.toThrow();
    }
  });

  it('stores model.sig, the vetting record and a per-file release attestation in the attestations API', async () => {
    expect(pushed.outputs.attestations).toBe('3');
    const json = JSON.parse(await readFile(pushed.outputs['report-path']!, 'utf8')) as { reviews: { entry: { repo: string }; files: { path: string; sha256: string }[] }[] };
    const clean = json.reviews.find((r) => r.entry.repo === SAMPLE.clean)!;
    const types = gh.state.attestations.map((a) => a.predicateType).sort();
    expect(types).toEqual(['https://model-gate.dev/vetting/v1', 'https://model_signing/signature/v1.0', 'https://slsa.dev/provenance/v1']);
    const release = gh.state.attestations.find((a) => a.predicateType === 'https://slsa.dev/provenance/v1')!;
    for (const f of clean.files.filter((x) => x.path !== '.gitattributes')) expect(release.digests).toContain(f.sha256);
  });

  it('release-gate mode passes the approved model fetched into a deployment folder, with no artifact from the sign run', async () => {
    const json = JSON.parse(await readFile(pushed.outputs['report-path']!, 'utf8')) as { reviews: { entry: { repo: string }; commit: string }[] };
    const clean = json.reviews.find((r) => r.entry.repo === SAMPLE.clean)!;
    const work = join(dir, 'release');
    const models = join(work, 'models');
    const sink = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: work };
    const got = await fetchCommand([`${SAMPLE.clean}@${clean.commit}`, '--hub-url', registry.hubUrl, '--cdn-origin', registry.cdnUrl, '--out', join(models, SAMPLE.clean)], sink);
    expect(got).toBe(0);
    await writeFile(join(dir, 'trusted_root.json'), JSON.stringify(sigstore.trustedRoot));
    const env = {
      INPUT_MODE: 'release-gate',
      'INPUT_MODELS-DIR': models,
      INPUT_ALLOWLIST: join(dir, 'approved-models.yaml'),
      INPUT_IDENTITY: identity,
      'INPUT_TRUSTED-ROOT': join(dir, 'trusted_root.json')
    };
    await writeFile(join(dir, 'approved-models.yaml'), allowlists.head);
    const passed = await runAction(5, { eventName: 'workflow_dispatch', payload: {}, env });
    expect(passed.stdout).not.toMatch(/::error/);
    expect(passed.code).toBe(0);
    expect(passed.outputs.verdict).toBe('verified');
    // The same folder against a signer at another ref fails, naming the model.
    const failed = await runAction(6, { eventName: 'workflow_dispatch', payload: {}, env: { ...env, INPUT_IDENTITY: identity.replace('main', 'dev') } });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(SAMPLE.clean);
    expect(failed.outputs.verdict).toBe('rejected');
  }, 120_000);
});

describe('the bundled action on a fork pull request (read-only token, no OIDC)', () => {
  let forked: RunResult;
  beforeAll(async () => {
    gh.state.denyWrites = 403;
    const payload = structuredClone(PR_EVENT.payload) as { pull_request: { number: number; head: { repo: { full_name: string } } }; number: number };
    payload.number = 8;
    payload.pull_request.number = 8;
    payload.pull_request.head.repo.full_name = 'mallory/models';
    forked = await runAction(4, { eventName: 'pull_request_target', payload, env: { INPUT_SIGN: 'auto' } });
    gh.state.denyWrites = undefined;
  }, 240_000);

  it('degrades to a warning, keeps the summary and annotations, and still fails the check', () => {
    expect(forked.code).toBe(1);
    expect(forked.stdout).toMatch(/::warning::could not comment on #8 \(403\)/);
    expect(forked.stdout).toMatch(/::error [^\n]*file=approved-models\.yaml/);
    expect(forked.summary).toContain(SAMPLE.typosquat);
    expect(gh.state.comments).toHaveLength(1); // only PR #7's; nothing was written for #8
  });

  it('says why the approved model was not signed instead of failing', () => {
    expect(forked.summary).toMatch(/fork pull requests get no OIDC token/);
  });
});

describe('the bundled action on a pull request the policy fast-tracks', () => {
  const [base, head] = ['5'.repeat(40), '6'.repeat(40)];
  let run: RunResult;
  beforeAll(async () => {
    // The team already approved an openai model; the pull request adds the clean openai sample.
    const cleanLine = allowlists.head.split('\n').find((l) => l.includes(SAMPLE.clean))!;
    const baseList = `version: 1\nmodels:\n  - openai/whisper-tiny@${'a'.repeat(40)}\n`;
    gh.state.files.set(`${base}:approved-models.yaml`, baseList);
    gh.state.files.set(`${head}:approved-models.yaml`, `${baseList}${cleanLine}\n`);
    gh.state.files.set(`${base}:.github/model-gate.yml`, 'fast_track: true\n');
    const payload = structuredClone(PR_EVENT.payload) as { number: number; pull_request: { number: number; base: { sha: string }; head: { sha: string } } };
    payload.number = 9;
    payload.pull_request.number = 9;
    payload.pull_request.base.sha = base;
    payload.pull_request.head.sha = head;
    run = await runAction(9, { eventName: 'pull_request', payload });
  }, 240_000);

  it('approves the pull request itself and says so in the comment and the outputs', () => {
    expect(run.code).toBe(0);
    expect(run.outputs['fast-tracked']).toBe('1');
    expect(gh.state.reviews.filter((r) => r.state === 'APPROVED' && r.commit_id === head)).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ login: 'github-actions[bot]' }) })
    ]);
    expect(run.summary).toContain('Fast track');
  });
});
