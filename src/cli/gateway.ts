// `model-gate serve --gateway` and `model-gate mirror`: the approved-model gateway and its store pre-populator.
// Shared here: where the allowlist comes from, the signatures and the trust that verifies them, the store and the
// upstream Hub. Secrets come from the environment only (never flags, which show in process listings): client
// tokens from MODEL_GATE_GATEWAY_TOKENS or a file, the upstream Hub token from MODEL_GATE_UPSTREAM_TOKEN, a GitHub
// token from GH_TOKEN or GITHUB_TOKEN.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { normalizeHubUrl } from '../hub/endpoint.js';
import type { HubClientOptions } from '../hub/client.js';
import { ApprovalState, fileSource, githubSource, type AllowlistSource } from '../gateway/approval-state.js';
import { FsBlobStore, type BlobStore } from '../gateway/blob-store.js';
import { mirrorModels } from '../gateway/mirror.js';
import { startGateway } from '../gateway/server.js';
import { signedStateOf } from '../gateway/signed-model.js';
import { parseTokens, type ClientToken } from '../gateway/tokens.js';
import { HubClient } from '../hub/client.js';
import type { VerifyTrust } from '../sign/verify.js';
import { parseCommandArgs, readText } from './args.js';
import { type CliIO, UsageError } from './io.js';
import { TRUST_OPTIONS, trustFromOptions, trustsGiven } from './trust.js';
import { readRecordFile } from '../sign/read-record.js';

const COMMON_USAGE = `  where the allowlist comes from (one of):
    --allowlist FILE                  approved-models.yaml on disk (re-read every --refresh seconds)
    --allowlist-github OWNER/REPO     the file on the repository's default branch, through the GitHub API
      [--allowlist-path approved-models.yaml] [--github-api-url https://api.github.com]   (GH_TOKEN/GITHUB_TOKEN)
  signatures (the sign workflow's folder: ORG/NAME/SHA/model.sig and vetting.sigstore.json):
    --signatures DIR
    --public-key key.pub | --identity SAN --identity-provider ISSUER [--ref REF] [--trusted-root F] | --certificate-chain ca.pem
  store and upstream:
    --cache DIR                       content-addressed store folder (sha256/ab/<sha256>), or, for replicas:
    --s3-bucket NAME [--s3-prefix P] [--s3-endpoint URL] [--s3-region R]   an S3-compatible bucket (credentials:
                                      the AWS SDK's usual sources, e.g. AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)
    --upstream URL                    the Hub to pull from (default https://huggingface.co; token: MODEL_GATE_UPSTREAM_TOKEN)
    --cdn-origin URL ...              origins the upstream may redirect LFS downloads to (needed for a non-public upstream)`;

export const GATEWAY_USAGE = `usage: model-gate serve --gateway [options]

Serves only approved, signed models, as a Hub endpoint: point HF_ENDPOINT (or a client's hub URL) at it.
Every ref of an approved repository resolves to its approved commit; anything else is refused with the PR to
open. Files are pulled through from upstream on first use, checked against the signed sha256, and stored.
${COMMON_USAGE}
  serving:
    --host 127.0.0.1 --port 8080
    --tls-cert cert.pem --tls-key key.pem     HTTPS
    --tokens-file FILE                lines NAME:TOKEN (or MODEL_GATE_GATEWAY_TOKENS, same format); without
                                      either, clients are not authenticated
    --refresh SECONDS                 allowlist and signature refresh interval (default 60)
    --max-stale SECONDS               refuse everything once the allowlist is this old (default 3600)
  GET /healthz (503 when stale) and /metrics (Prometheus text); one JSON access-log line per request on stdout.
`;

export const MIRROR_USAGE = `usage: model-gate mirror [options]

Pre-populates the gateway's store with every signed file of the allowlist's entries (verified download,
signed sha256, content-addressed). Exit 0 all stored, 1 an entry could not be mirrored (printed), 2 usage error.
${COMMON_USAGE}
`;

const COMMON_OPTIONS = {
  allowlist: { type: 'string' },
  'allowlist-github': { type: 'string' },
  'allowlist-path': { type: 'string' },
  'github-api-url': { type: 'string' },
  signatures: { type: 'string' },
  ...TRUST_OPTIONS,
  cache: { type: 'string' },
  's3-bucket': { type: 'string' },
  's3-prefix': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  upstream: { type: 'string' },
  'cdn-origin': { type: 'string', multiple: true }
} as const;

type CommonValues = { [K in keyof typeof COMMON_OPTIONS]?: (typeof COMMON_OPTIONS)[K] extends { multiple: true } ? string[] : string };

interface Common {
  allowlist: AllowlistSource;
  signatures: { dir: string; trust: VerifyTrust };
  store: BlobStore;
  upstream: HubClientOptions;
}

async function common(v: CommonValues, io: CliIO, usage: string): Promise<Common> {
  const at = (p: string): string => resolve(io.cwd, p);
  if (!!v.allowlist === !!v['allowlist-github']) throw new UsageError(`give exactly one of --allowlist FILE and --allowlist-github OWNER/REPO\n\n${usage}`);
  let allowlist: AllowlistSource;
  if (v.allowlist) allowlist = fileSource(at(v.allowlist));
  else {
    const repository = v['allowlist-github']!;
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError(`--allowlist-github needs OWNER/REPO, got '${repository}'`);
    const token = io.env['GH_TOKEN'] || io.env['GITHUB_TOKEN'];
    allowlist = githubSource({
      apiUrl: v['github-api-url'] ?? 'https://api.github.com',
      repository,
      ...(v['allowlist-path'] ? { path: v['allowlist-path'] } : {}),
      ...(token ? { token } : {})
    });
  }
  if (!v.signatures) throw new UsageError(`--signatures DIR is required (approved models are served only once signed)\n\n${usage}`);
  if (trustsGiven(v) !== 1) throw new UsageError(`give exactly one trust: --public-key, --identity with --identity-provider, or --certificate-chain\n\n${usage}`);
  const trust = await trustFromOptions(v, at);
  if (!!v.cache === !!v['s3-bucket']) throw new UsageError(`give exactly one store: --cache DIR or --s3-bucket NAME\n\n${usage}`);
  let store: BlobStore;
  if (v.cache) store = await FsBlobStore.open(at(v.cache));
  else {
    // Loaded only when asked for: the AWS SDK is large and the filesystem store is the default.
    const { S3BlobStore } = await import('../gateway/s3-store.js');
    const endpoint = v['s3-endpoint'];
    store = await S3BlobStore.open({
      bucket: v['s3-bucket']!,
      ...(v['s3-prefix'] ? { prefix: v['s3-prefix'] } : {}),
      client: { region: v['s3-region'] ?? io.env['AWS_REGION'] ?? 'us-east-1', ...(endpoint ? { endpoint, forcePathStyle: true } : {}) }
    });
  }
  let hubUrl: string;
  try {
    hubUrl = normalizeHubUrl(v.upstream ?? 'https://huggingface.co', '--upstream');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const token = io.env['MODEL_GATE_UPSTREAM_TOKEN'];
  return {
    allowlist,
    signatures: { dir: at(v.signatures), trust },
    store,
    upstream: { hubUrl, ...(token ? { token } : {}), ...(v['cdn-origin'] ? { allowedCdnOrigins: v['cdn-origin'] } : {}) }
  };
}

function seconds(flag: string, value: string | undefined, dflt: number): number {
  if (value === undefined) return dflt;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} needs a whole number of seconds (at least 1)`);
  return Number(value);
}

/** Serves until `stop` aborts; returns the exit code. */
export async function gatewayUntil(args: string[], io: CliIO, stop: AbortSignal): Promise<number> {
  const { values: v } = parseCommandArgs(
    args.filter((a) => a !== '--gateway'),
    {
      ...COMMON_OPTIONS,
      host: { type: 'string' },
      port: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tokens-file': { type: 'string' },
      refresh: { type: 'string' },
      'max-stale': { type: 'string' }
    },
    GATEWAY_USAGE
  );
  const c = await common(v, io, GATEWAY_USAGE);
  if (!!v['tls-cert'] !== !!v['tls-key']) throw new UsageError('--tls-cert and --tls-key go together');
  const port = v.port === undefined ? 0 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port needs a port number 0-65535');
  let tokens: ClientToken[] | undefined;
  try {
    if (v['tokens-file']) tokens = parseTokens(await readText(resolve(io.cwd, v['tokens-file']), 'tokens file'), v['tokens-file']);
    else if (io.env['MODEL_GATE_GATEWAY_TOKENS']) tokens = parseTokens(io.env['MODEL_GATE_GATEWAY_TOKENS'], 'MODEL_GATE_GATEWAY_TOKENS');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  const tls = v['tls-cert'] ? { certPem: await readText(resolve(io.cwd, v['tls-cert']), 'TLS certificate'), keyPem: await readFile(resolve(io.cwd, v['tls-key']!), 'utf8').catch(() => { throw new UsageError(`cannot read --tls-key ${v['tls-key']}`); }) } : undefined;
  const gw = await startGateway({
    host: v.host ?? '127.0.0.1',
    port,
    ...(tls ? { tls } : {}),
    allowlist: c.allowlist,
    refreshIntervalMs: seconds('--refresh', v.refresh, 60) * 1000,
    maxStaleMs: seconds('--max-stale', v['max-stale'], 3600) * 1000,
    signatures: c.signatures,
    upstream: c.upstream,
    store: c.store,
    ...(tokens ? { tokens } : {}),
    log: (line) => io.stdout(`${line}\n`)
  });
  io.stderr(`gateway: ${gw.url} (${gw.approval.approved.size} approved entries from ${c.allowlist.describe}; store ${c.store.where}; upstream ${c.upstream.hubUrl})\n`);
  await new Promise<void>((done) => {
    if (stop.aborted) done();
    else stop.addEventListener('abort', () => done(), { once: true });
  });
  await gw.close();
  io.stderr('gateway stopped\n');
  return 0;
}

export async function mirror(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parseCommandArgs(args, { ...COMMON_OPTIONS }, MIRROR_USAGE);
  const c = await common(v, io, MIRROR_USAGE);
  const approval = new ApprovalState(c.allowlist, { maxStaleMs: Infinity });
  if (!(await approval.refresh())) {
    io.stderr(`model-gate mirror: ${approval.lastError}\n`);
    return 1;
  }
  const results = await mirrorModels({
    models: approval.approved.all(),
    signatures: (repo, commit) => signedStateOf({ ...c.signatures, read: readRecordFile }, repo, commit),
    store: c.store,
    upstream: () => new HubClient(c.upstream),
    onResult: (r) =>
      io.stdout(r.ok ? `mirrored ${r.repo}@${r.revision}: ${r.fetched} fetched, ${r.present} already stored, ${r.bytes} bytes\n` : `NOT mirrored ${r.repo}@${r.revision}: ${r.problem}\n`)
  });
  return results.every((r) => r.ok) ? 0 : 1;
}
