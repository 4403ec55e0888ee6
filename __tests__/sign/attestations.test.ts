// Signatures that last: the sign workflow's bundles stored in GitHub's artifact attestations API (the loopback
// GitHub server answers the routes as GitHub's REST reference describes them), found again by digest the way
// `gh attestation verify FILE --repo` finds them, by `model-gate verify --attestations`, and by the release gate.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { releaseGateCommand } from '../../src/cli/release-gate.js';
import { verify as verifyCommand } from '../../src/cli/verify.js';
import type { CliIO } from '../../src/cli/io.js';
import { createAttestation, listAttestations } from '../../src/sign/github-attestations.js';
import { releaseGate } from '../../src/sign/release-gate.js';
import { signModel, writeSignatures, type SignedModel } from '../../src/sign/sign-model.js';
import { verifyBundleSignature, type VerifyTrust } from '../../src/sign/verify.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { githubClaims, mintOidcToken, startSigstoreServer, type SigstoreServer } from '../support/sigstore-server.js';
import { approvedReview, COMMIT, MODEL_FILES, digestsOf } from './fixtures.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const WORKFLOW = 'https://github.com/acme/models/.github/workflows/model-gate-sign.yml';
/** What gh enforces unless given --predicate-type (gh attestation verify manual). */
const GH_DEFAULT_PREDICATE = 'https://slsa.dev/provenance/v1';

let sigstore: SigstoreServer;
let gh: GitHubServer;
let root: string;
let signed: SignedModel;
let trustedRootPath: string;

const deploy = () => join(root, 'deploy');
const modelDir = () => join(deploy(), 'acme', 'bert-tiny');
const github = () => ({ apiUrl: gh.url, repository: 'acme/models', token: 'ghs_release' });

function trust(ref = 'refs/heads/main'): VerifyTrust {
  return { kind: 'identity', identity: `${WORKFLOW}@${ref}`, issuer: ISSUER, trustedRoot: sigstore.trustedRoot };
}

async function writeFiles(dir: string, files: Record<string, Buffer>): Promise<void> {
  for (const [path, b] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), b);
  }
}

/** sha256 of a file on disk by coreutils, not by this project. */
function sha256sum(path: string): string {
  return execFileSync('sha256sum', ['-b', path], { encoding: 'utf8' }).split(' ')[0]!;
}

function statementOf(bundle: unknown): { subject: { name: string; digest: { sha256: string } }[]; predicateType: string; predicate: Record<string, unknown> } {
  return JSON.parse(Buffer.from((bundle as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload, 'base64').toString('utf8'));
}

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env: { GITHUB_API_URL: gh.url, ...env }, cwd: root };
  return { cli, out };
}

const ALLOWLIST = `version: 1\nmodels:\n  - acme/bert-tiny@${COMMIT}\n`;

beforeAll(async () => {
  sigstore = await startSigstoreServer();
  gh = await startGitHubServer('acme', 'models');
  root = await mkdtemp(join(tmpdir(), 'mg-attest-'));
  await writeFiles(modelDir(), MODEL_FILES);
  trustedRootPath = join(root, 'trusted_root.json');
  await writeFile(trustedRootPath, JSON.stringify(sigstore.trustedRoot));
  await writeFile(join(root, 'approved-models.yaml'), ALLOWLIST);
  signed = await signModel({
    digests: digestsOf(MODEL_FILES),
    modelName: 'acme/bert-tiny',
    review: approvedReview(),
    signer: { kind: 'keyless', getIdToken: async () => mintOidcToken(githubClaims('acme/models', 'model-gate-sign.yml', 'refs/heads/main')), fulcioUrl: sigstore.url, rekorUrl: sigstore.url, retries: 0 },
    release: { builderId: `${WORKFLOW}@refs/heads/main` }
  });
  for (const b of [signed.modelSig, signed.vetting, signed.release]) await createAttestation(github(), b);
}, 60_000);

afterAll(async () => {
  await gh.close();
  await sigstore.close();
  await rm(root, { recursive: true, force: true });
});

describe('publishing to the attestations API', () => {
  it('posts each Sigstore bundle as {bundle} to /repos/{owner}/{repo}/attestations with the token', () => {
    const posts = gh.state.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/models/attestations');
    expect(posts).toHaveLength(3);
    for (const p of posts) {
      expect(Object.keys(p.body as object)).toEqual(['bundle']);
      expect((p.body as { bundle: { mediaType: string } }).bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
      expect(p.authorization).toBe('Bearer ghs_release');
    }
  });

  it('the release attestation names every signed file as a subject, by its sha256, with the predicate type gh enforces', async () => {
    const st = statementOf(signed.release);
    expect(st.predicateType).toBe(GH_DEFAULT_PREDICATE);
    const files = Object.keys(MODEL_FILES).filter((p) => p !== '.gitattributes');
    expect(st.subject.map((s) => s.name).sort()).toEqual([...files].sort());
    for (const s of st.subject) expect(s.digest.sha256).toBe(sha256sum(join(modelDir(), s.name)));
    expect(st.predicate).toMatchObject({
      buildDefinition: { externalParameters: { model: 'acme/bert-tiny', commit: COMMIT }, resolvedDependencies: [{ uri: 'https://huggingface.co/acme/bert-tiny', digest: { gitCommit: COMMIT } }] },
      runDetails: { builder: { id: `${WORKFLOW}@refs/heads/main` } }
    });
    // Signed by the sign workflow's certificate, like model.sig.
    expect(verifyBundleSignature(signed.release, trust()).ok).toBe(true);
  });

  it('finds, for each file by its own digest, a verified statement listing that digest (what gh attestation verify FILE does)', async () => {
    for (const path of ['model.safetensors', 'config.json', 'tokenizer/tokenizer.json']) {
      const digest = sha256sum(join(modelDir(), path));
      const found = await listAttestations(github(), digest, GH_DEFAULT_PREDICATE);
      expect(found).toHaveLength(1);
      const sig = verifyBundleSignature(found[0]!.bundle, trust());
      expect(sig.ok).toBe(true);
      expect(statementOf(found[0]!.bundle).subject.some((s) => s.digest.sha256 === digest)).toBe(true);
    }
    expect(gh.state.requests.some((r) => r.path.startsWith('/repos/acme/models/attestations/sha256:') && r.path.includes('predicate_type=https%3A%2F%2Fslsa.dev%2Fprovenance%2Fv1'))).toBe(true);
  });

  it('an API refusal is an error naming the permission', async () => {
    gh.state.denyAttestations = 403;
    try {
      await expect(createAttestation(github(), signed.release)).rejects.toThrow(/403.*attestations: write/);
    } finally {
      gh.state.denyAttestations = undefined;
    }
  });
});

describe('model-gate verify --attestations', () => {
  const args = (...extra: string[]) => [modelDir(), '--attestations', 'acme/models', '--identity', `${WORKFLOW}@refs/heads/main`, '--identity-provider', ISSUER, '--trusted-root', trustedRootPath, ...extra];

  it('fetches model.sig by the files\' ROOT and verifies the folder', async () => {
    const { cli, out } = io();
    expect(await verifyCommand(args(), cli)).toBe(0);
    expect(out.stdout).toMatch(/verified acme\/bert-tiny: 5 files/);
    expect(out.stdout).toContain('source: attestations of acme/models');
  });

  it('checks the vetting record too with --repo/--commit, and refuses another commit', async () => {
    const ok = io();
    expect(await verifyCommand(args('--repo', 'acme/bert-tiny', '--commit', COMMIT), ok.cli)).toBe(0);
    expect(ok.out.stdout).toMatch(/vetting: approved acme\/bert-tiny@/);
    const bad = io();
    expect(await verifyCommand(args('--repo', 'acme/bert-tiny', '--commit', 'f'.repeat(40)), bad.cli)).toBe(1);
    expect(bad.out.stderr).toMatch(/wrong-repo-or-commit/);
  });

  it('finds nothing for changed bytes, and refuses another signer', async () => {
    const copy = join(root, 'copy', 'acme', 'bert-tiny');
    await writeFiles(copy, { ...MODEL_FILES, 'config.json': Buffer.from('{"architectures":["BertModel"],"hidden_size":9}\n') });
    const changed = io();
    expect(await verifyCommand([copy, ...args().slice(1)], changed.cli)).toBe(1);
    expect(changed.out.stderr).toMatch(/unsigned.*no model_signing attestation in acme\/models/);
    const other = io();
    const wrong = args().map((a) => (a === `${WORKFLOW}@refs/heads/main` ? `${WORKFLOW}@refs/heads/dev` : a));
    expect(await verifyCommand(wrong, other.cli)).toBe(1);
    expect(other.out.stderr).toMatch(/wrong-(signer|ref)/);
  });
});

describe('release gate', () => {
  const gate = (over: Partial<Parameters<typeof releaseGate>[0]> = {}) =>
    releaseGate({ modelsDir: deploy(), allowlistText: ALLOWLIST, allowlistPath: 'approved-models.yaml', trust: trust(), source: { kind: 'attestations', github: github() }, ...over });

  it('passes a deployment whose every model is on the allowlist, pinned, and signed by the sign workflow', async () => {
    const r = await gate();
    expect(r.problems).toEqual([]);
    expect(r.models).toMatchObject([{ folder: 'acme/bert-tiny', ok: true, entry: { revision: COMMIT } }]);
    expect(r.ok).toBe(true);
  });

  it('fails a model folder that is not on the allowlist, and a file outside any model folder', async () => {
    const extra = join(root, 'deploy2');
    await writeFiles(join(extra, 'acme', 'bert-tiny'), MODEL_FILES);
    await writeFiles(join(extra, 'evil', 'model'), { 'model.safetensors': Buffer.from('x') });
    await writeFiles(extra, { 'run.sh': Buffer.from('#!/bin/sh\n') });
    const r = await gate({ modelsDir: extra });
    expect(r.ok).toBe(false);
    expect(r.models.find((m) => m.folder === 'evil/model')).toMatchObject({ ok: false, problem: 'not-on-allowlist' });
    expect(r.models.find((m) => m.folder === 'acme/bert-tiny')!.ok).toBe(true);
    expect(r.problems).toEqual([expect.objectContaining({ problem: 'not-a-model-folder', message: expect.stringContaining("'run.sh'") })]);
  });

  it('fails when the allowlist pins a commit other than the one approved, or is not valid', async () => {
    const moved = await gate({ allowlistText: `version: 1\nmodels:\n  - acme/bert-tiny@${'e'.repeat(40)}\n` });
    expect(moved.ok).toBe(false);
    expect(moved.models[0]).toMatchObject({ problem: 'wrong-repo-or-commit' });
    const unpinned = await gate({ allowlistText: 'version: 1\nmodels:\n  - acme/bert-tiny\n' });
    expect(unpinned.ok).toBe(false);
    expect(unpinned.problems[0]!.message).toMatch(/no pinned revision/);
  });

  it('fails a signature from another ref, and an empty deployment', async () => {
    expect((await gate({ trust: trust('refs/heads/dev') })).ok).toBe(false);
    const empty = join(root, 'empty');
    await mkdir(empty, { recursive: true });
    const r = await gate({ modelsDir: empty });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.problem).toBe('no-models');
  });

  it('reads a signatures folder in the sign workflow\'s layout as well', async () => {
    const sigs = join(root, 'signatures');
    await writeSignatures(sigs, 'acme/bert-tiny', COMMIT, signed);
    expect((await gate({ source: { kind: 'folder', dir: sigs } })).ok).toBe(true);
    expect((await gate({ source: { kind: 'folder', dir: join(root, 'nowhere') } })).models[0]).toMatchObject({ ok: false, problem: 'unsigned' });
  });

  it('as a command: exit 0 when every model verifies, 1 with each reason when not, 2 on usage errors', async () => {
    const base = ['--allowlist', 'approved-models.yaml', '--attestations', 'acme/models', '--identity', `${WORKFLOW}@refs/heads/main`, '--identity-provider', ISSUER, '--trusted-root', trustedRootPath];
    const ok = io();
    expect(await releaseGateCommand([deploy(), ...base], ok.cli)).toBe(0);
    expect(ok.out.stdout).toMatch(/^ok +acme\/bert-tiny: verified 5 files/m);
    const bad = io();
    expect(await releaseGateCommand([join(root, 'deploy2'), ...base], bad.cli)).toBe(1);
    expect(bad.out.stderr).toMatch(/^FAIL +evil\/model: not-on-allowlist/m);
    await expect(releaseGateCommand([deploy(), '--allowlist', 'approved-models.yaml'], io().cli)).rejects.toThrow(/--attestations OWNER\/REPO or --signatures DIR/);
  });
});
