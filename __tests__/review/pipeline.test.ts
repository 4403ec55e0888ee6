// The review pipeline end to end against the local registry over HTTP: Hub problems become blocking findings,
// file selection and policy apply, and every file's digests come from the single verified stream.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_CHECKS } from '../../src/checks/index.js';
import { HubClient } from '../../src/hub/client.js';
import { defaultPolicy } from '../../src/config/policy/defaults.js';
import type { Policy } from '../../src/config/policy/schema.js';
import { safetensorsBytes } from '../../src/registry/samples/bytes.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore, type BuiltStore } from '../../src/registry/store-builder.js';
import { reviewEntry, type ReviewDeps } from '../../src/review/pipeline.js';
import { defaultScanFile } from '../../src/review/scan-file.js';
import type { Entry } from '../../src/core/review.js';
import type { StreamScanner } from '../../src/scan/types.js';

const NOW = new Date('2026-11-20T12:00:00Z');
let dir: string;
let built: BuiltStore;
let registry: RunningRegistry;

const CARD = '---\nlicense: apache-2.0\n---\n# tiny\n\nA tiny safetensors encoder trained by Acme on the public support-ticket corpus. It classifies short\ncustomer messages into eight intents and is meant for routing, not for decisions about people. Evaluation\nresults and the training recipe are in the sections below.\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-pipeline-'));
  built = await buildStore(dir, {
    accounts: [
      { name: 'acme', type: 'org', createdAt: '2021-03-01T00:00:00.000Z' },
      { name: 'acme-dev', type: 'user', createdAt: '2021-03-01T00:00:00.000Z' }
    ],
    repos: [
      {
        id: 'acme/tiny',
        createdAt: '2023-01-01T00:00:00.000Z',
        commits: [
          { title: 'initial commit', date: '2023-01-01T00:00:00.000Z', authors: ['acme-dev'], files: { '.gitattributes': '*.safetensors filter=lfs\n' } },
          {
            title: 'add weights',
            date: '2023-01-02T00:00:00.000Z',
            authors: ['acme-dev'],
            files: {
              'model.safetensors': { content: safetensorsBytes({ w: { dtype: 'F32', shape: [8, 8] } }), scan: { status: 'safe' } },
              'config.json': '{"model_type": "bert"}',
              'README.md': CARD
            }
          },
          { title: 'add big file', date: '2023-02-01T00:00:00.000Z', authors: ['acme-dev'], files: { 'extra/blob.safetensors': { content: safetensorsBytes({ x: { dtype: 'F16', shape: [1024, 64] } }) } } }
        ]
      }
    ],
    redirects: [{ from: 'acme/tiny-old', to: 'acme/tiny' }]
  });
  registry = await startRegistry({ storeDir: dir });
});

afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

function deps(over: Partial<ReviewDeps> = {}, policy: Partial<Policy> = {}): ReviewDeps {
  return {
    hub: new HubClient({ hubUrl: registry.hubUrl, allowedCdnOrigins: [registry.cdnUrl], sleep: async () => undefined, maxRetries: 0 }),
    policy: { ...defaultPolicy(), ...policy },
    scanFile: defaultScanFile,
    checks: REPO_CHECKS,
    now: () => NOW,
    ...over
  };
}

const head = () => built.repos['acme/tiny']!.shas[2]!;
const entry = (over: Partial<Entry> = {}): Entry => ({ repo: 'acme/tiny', revision: head(), line: 3, ...over });

describe('reviewEntry', () => {
  it('approves a clean repository and records digests from the verified stream', async () => {
    const r = await reviewEntry(entry(), deps());
    expect(r.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low')).toEqual([]);
    expect(r.verdict).toBe('approved');
    expect(r.commit).toBe(head());
    expect(r.repoId).toBe(built.repos['acme/tiny']!._id);
    const files = built.repos['acme/tiny']!.commits[2]!.files;
    expect(r.files.map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
    for (const f of r.files) {
      expect(f.complete).toBe(true);
      expect(f.sha256).toBe(files[f.path]!.sha256);
      expect(f.gitOid).toBe(files[f.path]!.gitOid);
    }
    expect(r.files.find((f) => f.path === 'model.safetensors')!.formats).toContain('safetensors');
  });

  it('reviews the pinned commit, not main: an old pin lacks files added later', async () => {
    const old = built.repos['acme/tiny']!.shas[1]!;
    const r = await reviewEntry(entry({ revision: old }), deps());
    expect(r.commit).toBe(old);
    expect(r.files.map((f) => f.path)).not.toContain('extra/blob.safetensors');
  });

  it.each([
    ['a branch name', 'main', 'hub.resolve.invalid-revision'],
    ['a short sha', 'abcdef1', 'hub.resolve.invalid-revision'],
    ['a commit that does not exist', 'f'.repeat(40), 'hub.resolve.revision-not-found']
  ])('rejects %s as revision with a precise finding', async (_what, revision, check) => {
    const r = await reviewEntry(entry({ revision }), deps());
    expect(r.verdict).toBe('rejected');
    expect(r.findings.map((f) => f.check)).toContain(check);
    expect(r.files).toEqual([]);
  });

  it('rejects a repository that does not exist (anonymous 401 or 404), never crashes', async () => {
    const r = await reviewEntry(entry({ repo: 'acme/nope' }), deps());
    expect(r.verdict).toBe('rejected');
    expect(r.findings[0]!.check).toMatch(/^hub\.resolve\./);
    expect(r.findings[0]!.severity).toBe('high');
  });

  it('reports a renamed repository instead of following it silently', async () => {
    const r = await reviewEntry(entry({ repo: 'acme/tiny-old' }), deps());
    expect(r.canonicalId).toBe('acme/tiny');
    expect(r.redirects.length).toBeGreaterThan(0);
    const moved = r.findings.find((f) => f.check === 'hub.pin.moved');
    expect(moved?.severity).toBe('high');
    expect(r.verdict).toBe('rejected');
  });

  it('fetches only the entry\'s files patterns and says what it left out', async () => {
    const r = await reviewEntry(entry({ files: ['*.json', '*.md'] }), deps());
    expect(r.files.map((f) => f.path).sort()).toEqual(['README.md', 'config.json']);
    const note = r.findings.find((f) => f.check === 'review.files-not-selected');
    expect(note?.evidence).toContain('model.safetensors');
    expect(r.verdict).toBe('approved');
  });

  it('blocks a file above max_file_size as not examined', async () => {
    const r = await reviewEntry(entry(), deps({}, { maxFileSize: 100_000 }));
    const big = r.findings.find((f) => f.check === 'review.file-too-large');
    expect(big?.file).toBe('extra/blob.safetensors');
    expect(r.verdict).toBe('rejected');
  });

  it('turns a scanner crash into a blocking finding for that file only', async () => {
    const crashing = (): StreamScanner => ({
      push() {
        throw new Error('boom');
      },
      end() {
        return { formats: [], findings: [], complete: true };
      }
    });
    const r = await reviewEntry(entry(), deps({ scanFile: (ctx, o) => (ctx.path === 'config.json' ? crashing() : defaultScanFile(ctx, o)) }));
    const f = r.findings.find((x) => x.file === 'config.json' && x.severity === 'high');
    expect(f?.message).toContain('boom');
    expect(r.files.find((x) => x.path === 'config.json')!.complete).toBe(false);
    expect(r.files.find((x) => x.path === 'model.safetensors')!.complete).toBe(true);
    expect(r.verdict).toBe('rejected');
  });

  it('turns a failing repository check into a blocking finding', async () => {
    const r = await reviewEntry(entry(), deps({ checks: [{ id: 'test.broken', needs: 'files', run: () => { throw new Error('check exploded'); } }] }));
    expect(r.findings.some((f) => f.check.startsWith('test.broken.failed') && f.severity === 'high')).toBe(true);
    expect(r.verdict).toBe('rejected');
  });

  it('applies a live policy exception and reports an expired one', async () => {
    const check = { id: 'test.noisy', needs: 'files' as const, run: () => [{ check: 'test.noisy.thing', severity: 'medium' as const, message: 'noisy' }] };
    const live = await reviewEntry(entry(), deps({ checks: [check] }, { exceptions: [{ repo: 'acme/tiny', checks: ['test.noisy.*'], reason: 'reviewed', expires: '2027-01-01' }] }));
    expect(live.verdict).toBe('approved');
    expect(live.findings.find((f) => f.check === 'test.noisy.thing')!.severity).toBe('info');
    const expired = await reviewEntry(entry(), deps({ checks: [check] }, { exceptions: [{ repo: 'acme/tiny', checks: ['test.noisy.*'], reason: 'reviewed', expires: '2026-01-01' }] }));
    expect(expired.verdict).toBe('needs-review');
    expect(expired.findings.some((f) => f.check === 'policy.exception-expired')).toBe(true);
  });
});
