// The gateway's test world: the project's registry on 127.0.0.1 as the upstream Hub (a small tokenizer model, an
// approved-but-unsigned one, one whose signed digest differs from what upstream serves, a typosquat and an
// unknown repo), key-mode signatures written by the sign code to a signatures folder, an allowlist file, and a
// gateway over a fresh filesystem store. Bytes to kilobytes only.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Review } from '../../src/core/review.js';
import { FsBlobStore, type BlobStore } from '../../src/gateway/blob-store.js';
import { fileSource } from '../../src/gateway/approval-state.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/gateway/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import type { StoreSpec } from '../../src/registry/spec.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { signModel, writeSignatures } from '../../src/sign/sign-model.js';
import { p256 } from '../sign/fixtures.js';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A WordLevel tokenizer in the `tokenizers` JSON format, small enough to read. */
export const TOKENIZER_JSON = JSON.stringify({
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [{ id: 0, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
  normalizer: null,
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: null,
  model: { type: 'WordLevel', vocab: { '[UNK]': 0, hello: 1, world: 2, gateway: 3 }, unk_token: '[UNK]' }
});
export const TOKENIZER_CONFIG = JSON.stringify({ tokenizer_class: 'PreTrainedTokenizerFast', unk_token: '[UNK]', model_max_length: 512 });
export const CONFIG = JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: 8 });
/** LFS weights: 3 MiB of a repeating pattern (several read chunks, so streaming and holdback are exercised). */
export const WEIGHTS = Buffer.alloc(3 * 1024 * 1024 + 17, 'weights-v2|');
export const OLD_WEIGHTS = Buffer.alloc(4096, 'weights-v1|');

const tokFiles = (weights: Buffer): Record<string, string | Uint8Array> => ({
  'README.md': '# tiny tokenizer\n',
  'config.json': CONFIG,
  'tokenizer.json': TOKENIZER_JSON,
  'tokenizer_config.json': TOKENIZER_CONFIG,
  'model.safetensors': weights
});

export const SPEC: StoreSpec = {
  accounts: [
    { name: 'acme', type: 'org', createdAt: '2023-05-01T10:20:30.000Z' },
    { name: 'acme-ai', type: 'org', createdAt: '2026-11-01T10:20:30.000Z' },
    { name: 'other', type: 'user', createdAt: '2022-01-01T00:00:00.000Z' }
  ],
  repos: [
    {
      id: 'acme/tiny-tok',
      commits: [
        { title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n', ...tokFiles(OLD_WEIGHTS) } },
        { title: 'v2 weights', date: '2024-02-01T00:00:00.000Z', files: { 'model.safetensors': WEIGHTS, 'nested/extra.txt': 'nested file\n' } },
        // main moves on past the approved commit: clients asking for main must still get the pin.
        { title: 'unreviewed change', date: '2024-03-01T00:00:00.000Z', files: { 'model.safetensors': Buffer.alloc(1000, 'evil|'), 'tokenizer.json': '{"changed":true}' } }
      ]
    },
    { id: 'acme/unsigned-model', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: tokFiles(Buffer.from('unsigned')) }] },
    { id: 'acme/swapped', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: tokFiles(Buffer.from('upstream bytes')) }] },
    { id: 'acme-ai/tiny-tok', commits: [{ title: 'initial commit', date: '2024-06-01T00:00:00.000Z', files: tokFiles(Buffer.from('typosquat weights')) }] },
    { id: 'other/unknown', commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: { 'config.json': '{}' } }] }
  ]
};

export interface World {
  built: BuiltStore;
  registry: RunningRegistry;
  /** Upstream registry log lines (`cdn GET /… 200`, `hub GET …`). */
  upstreamLog: string[];
  root: string;
  allowlistPath: string;
  sigDir: string;
  publicKeyPem: string;
  /** The approved pins. */
  pins: Record<string, string>;
  close(): Promise<void>;
}

function reviewOf(repo: string, commit: string, files: { path: string; size: number; sha256: string; lfs: boolean }[]): Review {
  return {
    entry: { repo, revision: commit, line: 1 },
    canonicalId: repo,
    commit,
    redirects: [],
    files: files.map((f) => ({ ...f, formats: [], findings: [], complete: true })),
    findings: [],
    complete: true,
    verdict: 'approved'
  };
}

/** Signs `repo@commit` over `digests` (path, size, sha256) with the world's key, into the signatures folder. */
export async function signInto(sigDir: string, privatePem: string, repo: string, commit: string, files: { path: string; size: number; sha256: string; lfs: boolean }[]): Promise<void> {
  const signed = await signModel({ modelName: repo, review: reviewOf(repo, commit, files), signer: { kind: 'key', privateKeyPem: privatePem } });
  await writeSignatures(sigDir, repo, commit, signed);
}

export async function startWorld(): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), 'mg-gateway-'));
  const built = await buildStore(join(root, 'upstream'), SPEC);
  const upstreamLog: string[] = [];
  const registry = await startRegistry({ storeDir: join(root, 'upstream'), log: (l) => upstreamLog.push(l) });
  const key = p256();
  const sigDir = join(root, 'signatures');
  const pins: Record<string, string> = {
    'acme/tiny-tok': built.repos['acme/tiny-tok']!.shas[1]!,
    'acme/unsigned-model': built.repos['acme/unsigned-model']!.shas[0]!,
    'acme/swapped': built.repos['acme/swapped']!.shas[0]!
  };
  const filesAt = (repo: string, sha: string) => Object.values(built.repos[repo]!.commits.find((c) => c.sha === sha)!.files).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, lfs: f.lfs }));
  await signInto(sigDir, key.privatePem, 'acme/tiny-tok', pins['acme/tiny-tok']!, filesAt('acme/tiny-tok', pins['acme/tiny-tok']!));
  // Signed over different weights than upstream now serves: a swapped file must never reach a client.
  const swapped = filesAt('acme/swapped', pins['acme/swapped']!).map((f) =>
    f.path === 'model.safetensors' ? { ...f, sha256: sha256('the reviewed bytes') } : f.path === 'tokenizer.json' ? { ...f, sha256: sha256('the reviewed tokenizer') } : f);
  await signInto(sigDir, key.privatePem, 'acme/swapped', pins['acme/swapped']!, swapped);
  const allowlistPath = join(root, 'approved-models.yaml');
  await writeFile(allowlistPath, `version: 1\nmodels:\n${Object.entries(pins).map(([r, s]) => `  - ${r}@${s}\n`).join('')}`);
  return {
    built,
    registry,
    upstreamLog,
    root,
    allowlistPath,
    sigDir,
    publicKeyPem: key.publicPem,
    pins,
    close: async () => {
      await registry.close();
      await rm(root, { recursive: true, force: true });
    }
  };
}

export interface Gateway {
  gw: RunningGateway;
  store: BlobStore;
  storeDir: string;
  log: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startTestGateway(w: World, opts: Partial<GatewayOptions> & { storeDir?: string } = {}): Promise<Gateway> {
  const storeDir = opts.storeDir ?? (await mkdtemp(join(w.root, 'store-')));
  const store = opts.store ?? (await FsBlobStore.open(storeDir));
  const log: Record<string, unknown>[] = [];
  const gw = await startGateway({
    allowlist: fileSource(w.allowlistPath),
    signatures: { dir: w.sigDir, trust: { kind: 'key', publicKeyPem: w.publicKeyPem } },
    upstream: { hubUrl: w.registry.hubUrl, allowedCdnOrigins: [w.registry.cdnUrl] },
    store,
    log: (l) => log.push(JSON.parse(l) as Record<string, unknown>),
    ...opts
  });
  return { gw, store, storeDir, log, close: () => gw.close() };
}

/** Upstream CDN fetches of the blob with this sha256 (the registry logs each CDN answer). */
export function cdnFetches(w: World, sha: string): number {
  return w.upstreamLog.filter((l) => l.startsWith('cdn GET') && l.includes(sha)).length;
}
