// Shared setup for the Hub tests: a real local registry (Hub + CDN origins) built from a spec, each origin behind a
// hostile proxy, and a client factory with a fast recording sleep and short timeouts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { startRegistry, type RegistryOptions, type RunningRegistry } from '../../src/registry/server.js';
import type { StoreSpec } from '../../src/registry/spec.js';
import { HubClient, type HubClientOptions } from '../../src/hub/client.js';
import { HubError } from '../../src/hub/errors.js';
import type { TreeFile } from '../../src/hub/types.js';
import { startHostileProxy, type HostileProxy } from '../support/hostile-proxy.js';

export const TOKEN = 'hf_testtoken_0123456789abcdef';
export const LFS_SIZE = 3 * 1024 * 1024 + 12345;

export const SPEC: StoreSpec = {
  accounts: [
    { name: 'acme', type: 'org', createdAt: '2023-05-06T07:08:09.000Z', fullname: 'Acme Corp', isVerified: true },
    { name: 'alice', type: 'user', createdAt: '2024-01-02T03:04:05.000Z', fullname: 'Alice' }
  ],
  repos: [
    {
      id: 'acme/tiny',
      createdAt: '2024-02-03T04:05:06.000Z',
      commits: [
        {
          title: 'initial commit',
          authors: ['alice'],
          date: '2024-02-03T04:05:06.000Z',
          files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' }
        },
        {
          title: 'add model',
          authors: ['alice'],
          date: '2024-02-04T04:05:06.000Z',
          files: {
            'README.md': '# tiny\nHello, World!\n',
            'config.json': '{"model_type":"bert"}\n',
            'model.safetensors': { content: { generate: { size: LFS_SIZE, seed: 7 } }, lfs: true, scan: { status: 'safe' } },
            'sub/dir/notes.txt': 'x'.repeat(200_000),
            'empty.txt': ''
          }
        }
      ]
    },
    {
      id: 'acme/many',
      commits: [
        {
          title: 'initial commit',
          date: '2024-03-01T00:00:00.000Z',
          files: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, `file ${i}\n`]))
        },
        ...Array.from({ length: 6 }, (_, i) => ({
          title: `change ${i}`,
          date: `2024-03-0${i + 2}T00:00:00.000Z`,
          files: { 'f00.txt': `v${i}\n` }
        }))
      ]
    },
    {
      id: 'acme/secret',
      private: true,
      commits: [{ title: 'initial commit', date: '2024-04-01T00:00:00.000Z', files: { 'a.txt': 'secret\n' } }]
    },
    {
      id: 'acme/gated',
      gated: 'manual',
      commits: [{ title: 'initial commit', date: '2024-04-01T00:00:00.000Z', files: { 'a.txt': 'gated\n' } }]
    },
    {
      id: 'acme/off',
      disabled: true,
      commits: [{ title: 'initial commit', date: '2024-04-01T00:00:00.000Z', files: { 'a.txt': 'off\n' } }]
    }
  ],
  redirects: [{ from: 'oldname/tiny', to: 'acme/tiny' }]
};

export interface Env {
  store: BuiltStore;
  registry: RunningRegistry;
  hub: HostileProxy;
  cdn: HostileProxy;
  /** Delays passed to the injected sleep. */
  sleeps: number[];
  client(extra?: Partial<HubClientOptions>): HubClient;
  /** Pinned head commit of a repo. */
  head(repo: string): string;
  close(): Promise<void>;
}

export async function startEnv(registryOpts: Partial<RegistryOptions> = {}, spec: StoreSpec = SPEC): Promise<Env> {
  const dir = await mkdtemp(join(tmpdir(), 'mg-hub-'));
  const store = await buildStore(join(dir, 'store'), spec);
  const registry = await startRegistry({ storeDir: join(dir, 'store'), token: TOKEN, treeExpandPageSize: 10, ...registryOpts });
  const cdn = await startHostileProxy({ upstream: registry.cdnUrl });
  const hub = await startHostileProxy({ upstream: registry.hubUrl, mapOrigins: { [registry.cdnUrl]: cdn.url } });
  const sleeps: number[] = [];
  return {
    store,
    registry,
    hub,
    cdn,
    sleeps,
    client: (extra = {}) =>
      new HubClient({
        hubUrl: hub.url,
        allowedCdnOrigins: [cdn.url],
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        headersTimeoutMs: 2000,
        stallTimeoutMs: 300,
        // Proxy variables come from here, not from whatever the machine running the tests has set.
        env: {},
        ...extra
      }),
    head: (repo) => {
      const r = store.repos[repo];
      if (!r) throw new Error(`no repo ${repo} in the fixture`);
      return r.shas[r.shas.length - 1] as string;
    },
    close: async () => {
      await hub.close();
      await cdn.close();
      await registry.close();
      await rm(dir, { recursive: true, force: true });
    }
  };
}

export function fileOf(items: { type: string; path: string }[], path: string): TreeFile {
  const f = items.find((i) => i.path === path);
  if (!f || f.type !== 'file') throw new Error(`no file ${path}`);
  return f as TreeFile;
}

/** A consumer that keeps every byte (small files only) and counts calls. */
export function collector(): { write(c: Uint8Array): void; end(): void; bytes(): Buffer; ended: number; writes: number } {
  const chunks: Buffer[] = [];
  const c = {
    ended: 0,
    writes: 0,
    write(chunk: Uint8Array) {
      c.writes++;
      chunks.push(Buffer.from(chunk));
    },
    end() {
      c.ended++;
    },
    bytes: () => Buffer.concat(chunks)
  };
  return c;
}

/** The HubError a call fails with; a success or any other error fails the test. */
export async function failure(p: Promise<unknown>): Promise<HubError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a HubError, but the call succeeded');
}
