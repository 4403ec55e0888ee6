// A small store shared by the registry tests: several commits, LFS and git files, scan statuses, private, gated,
// disabled, renamed and mis-cased repos, users and an organisation. Bytes to kilobytes only.
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import type { StoreSpec } from '../../src/registry/spec.js';
import { startRegistry, type RegistryOptions, type RunningRegistry } from '../../src/registry/server.js';

export const TOKEN = 'hf_local_test_token';

export const README = `---
license: apache-2.0
tags:
- text-classification
base_model: acme/base
---
# Privacy filter

Run it.
`;

export const CONFIG = JSON.stringify({ architectures: ['BertModel'], model_type: 'bert', hidden_size: 768, auto_map: { AutoModel: 'modeling.Model' } });

export const SPEC: StoreSpec = {
  accounts: [
    { name: 'acme', type: 'org', createdAt: '2023-05-01T10:20:30.000Z', fullname: 'Acme Corp', isVerified: true },
    { name: 'alice', type: 'user', createdAt: '2022-07-14T08:00:00.000Z', fullname: 'Alice A', isPro: true },
    { name: 'Open-OSS', type: 'org', createdAt: '2026-05-10T12:00:00.000Z' }
  ],
  repos: [
    {
      id: 'acme/privacy-filter',
      createdAt: '2023-06-01T00:00:00.000Z',
      downloads: 1234,
      likes: 56,
      tags: ['transformers', 'pytorch'],
      pipeline_tag: 'text-classification',
      library_name: 'transformers',
      commits: [
        { title: 'initial commit', authors: ['alice'], date: '2023-06-01T00:00:00.000Z', files: { '.gitattributes': '*.bin filter=lfs\n' } },
        {
          title: 'Add weights',
          message: 'First weights.',
          authors: ['alice', 'bob'],
          date: '2023-06-02T00:00:00.000Z',
          files: {
            'README.md': README,
            'config.json': CONFIG,
            'model.safetensors': { content: 'SAFETENSORS-v1-bytes', scan: { status: 'safe' } },
            'pytorch_model.bin': {
              content: new Uint8Array([0x80, 0x02, 0x63, 0x6f, 0x73, 0x0a]),
              scan: { status: 'unsafe', pickleImportScan: 'unsafe', pickleImports: [{ module: 'os', name: 'system', safety: 'dangerous' }] }
            }
          }
        },
        {
          title: 'Update weights and add scripts',
          authors: ['alice'],
          date: '2023-06-03T00:00:00.000Z',
          files: {
            'model.safetensors': { content: 'SAFETENSORS-v2-bytes!', scan: { status: 'safe' } },
            'pytorch_model.bin': null,
            'scripts/preprocess.py': 'print("hello")\n',
            'scripts/data/vocab.txt': 'a\nb\nc\n',
            'big.txt': { content: { generate: { size: 3 * 1024 * 1024 + 17, seed: 7 } }, lfs: false }
          }
        }
      ],
      branches: { main: 2, 'refs/pr/1': 1 },
      tags_refs: { 'v1.0': 1 }
    },
    {
      id: 'acme/secret-model',
      private: true,
      commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: { 'README.md': '# secret\n' } }]
    },
    {
      id: 'acme/gated-model',
      gated: 'manual',
      commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: { 'README.md': '# gated\n', 'w.safetensors': 'gated weights' } }]
    },
    {
      id: 'acme/disabled-model',
      disabled: true,
      commits: [{ title: 'initial commit', date: '2024-01-01T00:00:00.000Z', files: { 'README.md': '# disabled\n' } }]
    },
    {
      id: 'Open-OSS/privacy-filter',
      scansDone: false,
      commits: [
        { title: 'initial commit', date: '2026-05-10T12:30:00.000Z', files: { 'README.md': 'run python scripts/preprocess.py --setup\n', 'model.safetensors': { content: 'benign', lfs: true } } }
      ]
    }
  ],
  redirects: [{ from: 'acme/old-filter', to: 'acme/privacy-filter' }]
};

export interface Harness {
  dir: string;
  built: BuiltStore;
  registry: RunningRegistry;
  logs: string[];
  close(): Promise<void>;
}

export async function startFixture(spec: StoreSpec = SPEC, opts: Partial<RegistryOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'mg-registry-'));
  const built = await buildStore(dir, spec);
  const logs: string[] = [];
  const registry = await startRegistry({ storeDir: dir, token: TOKEN, log: (l) => logs.push(l), ...opts });
  return {
    dir,
    built,
    registry,
    logs,
    close: async () => {
      await registry.close();
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/** A request sent byte-exact (fetch and URL would normalise `..` away before it reaches the server). */
export function rawRequest(
  base: string,
  target: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port: Number(port), path: target, method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
