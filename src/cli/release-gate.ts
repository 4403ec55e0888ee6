// `model-gate release-gate`: a deployment's model folders against the allowlist, before anything ships. Every
// ORG/NAME folder must be on the allowlist, pinned, and match the sign workflow's model.sig and approved vetting
// record for that entry (from GitHub's attestations API, or from a folder of signatures).
import { resolve } from 'node:path';
import { safeJson } from '../report/escape.js';
import { releaseGate, type SignatureSource } from '../sign/release-gate.js';
import { parseCommandArgs, readText } from './args.js';
import { trustFromOptions } from './trust.js';
import { type Command, UsageError } from './io.js';

export const RELEASE_GATE_USAGE = `usage: model-gate release-gate MODELS_DIR --allowlist approved-models.yaml
         (--attestations OWNER/REPO [--github-api-url URL] | --signatures DIR)
         (--identity SAN --identity-provider ISSUER [--ref refs/heads/main] [--trusted-root trusted_root.json]
          | --public-key key.pub)
         [--format text|json] [--jobs N]

MODELS_DIR holds one folder per model, named by its Hub id: MODELS_DIR/ORG/NAME/. Each must be on the allowlist,
pinned to a commit, and match a model.sig and an approved vetting record for that repo and commit signed by the
given identity (the sign workflow at refs/heads/main) or key. Files outside ORG/NAME folders fail the gate.
Signatures come from OWNER/REPO's GitHub artifact attestations (GITHUB_API_URL or https://api.github.com; GH_TOKEN
or GITHUB_TOKEN for private repositories), or from DIR laid out as the sign workflow writes it
(DIR/ORG/NAME/COMMIT/model.sig and vetting.sigstore.json).
Exit 0 every model verified, 1 the gate failed (each reason printed), 2 usage error.
`;

export const releaseGateCommand: Command = async (argv, io) => {
  const { values: v, positionals } = parseCommandArgs(
    argv,
    {
      allowlist: { type: 'string' },
      attestations: { type: 'string' },
      'github-api-url': { type: 'string' },
      signatures: { type: 'string' },
      'public-key': { type: 'string' },
      identity: { type: 'string' },
      'identity-provider': { type: 'string' },
      ref: { type: 'string' },
      'trusted-root': { type: 'string' },
      format: { type: 'string', default: 'text' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    RELEASE_GATE_USAGE
  );
  if (v.help) {
    io.stdout(RELEASE_GATE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one MODELS_DIR\n\n${RELEASE_GATE_USAGE}`);
  if (!v.allowlist) throw new UsageError(`--allowlist is required\n\n${RELEASE_GATE_USAGE}`);
  if (!v.attestations === !v.signatures) throw new UsageError(`give --attestations OWNER/REPO or --signatures DIR (one of them)\n\n${RELEASE_GATE_USAGE}`);
  if (v.format !== 'text' && v.format !== 'json') throw new UsageError('--format must be text or json');
  const chosen = [v['public-key'] && 'key', (v.identity || v['identity-provider']) && 'identity'].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError(`give exactly one signer: --identity with --identity-provider, or --public-key\n\n${RELEASE_GATE_USAGE}`);
  const jobs = v.jobs === undefined ? undefined : Number(v.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) throw new UsageError('--jobs must be an integer from 1 to 64');

  const at = (p: string): string => resolve(io.cwd, p);
  const trust = await trustFromOptions(v, at);
  const allowlistText = await readText(at(v.allowlist), 'allowlist');
  let source: SignatureSource;
  if (v.attestations) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.attestations)) throw new UsageError(`--attestations wants OWNER/REPO, got '${v.attestations}'`);
    const token = io.env.GH_TOKEN || io.env.GITHUB_TOKEN;
    source = { kind: 'attestations', github: { apiUrl: v['github-api-url'] ?? io.env.GITHUB_API_URL ?? 'https://api.github.com', repository: v.attestations, ...(token ? { token } : {}) } };
  } else {
    source = { kind: 'folder', dir: at(v.signatures!) };
  }
  const result = await releaseGate({ modelsDir: at(positionals[0]!), allowlistText, allowlistPath: v.allowlist, trust, source, hash: { concurrency: jobs } });
  if (v.format === 'json') io.stdout(`${safeJson(result, 2)}\n`);
  else {
    const lines = [
      ...result.problems.map((p) => `FAIL  ${p.message}`),
      ...result.models.map((m) => `${m.ok ? 'ok  ' : 'FAIL'}  ${m.folder}: ${m.ok ? m.message : `${m.problem}: ${m.message}`}`),
      result.ok ? `release gate passed: ${result.models.length} model(s) verified` : 'release gate FAILED'
    ];
    (result.ok ? io.stdout : io.stderr)(`${lines.join('\n')}\n`);
  }
  return result.ok ? 0 : 1;
};
