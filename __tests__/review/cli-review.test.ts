// `model-gate review` on files and on a git repository, against the local registry with the sample repositories.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { review } from '../../src/cli/review.js';
import type { CliIO } from '../../src/cli/io.js';
import { SAMPLE, sampleAllowlists, sampleStoreSpec } from '../../src/registry/samples/index.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore } from '../../src/registry/store-builder.js';

let dir: string;
let registry: RunningRegistry;
let lists: { base: string; head: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-cli-review-'));
  lists = sampleAllowlists(await buildStore(join(dir, 'store'), sampleStoreSpec()));
  registry = await startRegistry({ storeDir: join(dir, 'store') });
});
afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, cwd: dir };
  const code = await review([...args, '--hub-url', registry.hubUrl, '--cdn-origin', registry.cdnUrl], io);
  return { code, out, err };
}

/** Only the clean sample, added on top of the base. */
function cleanOnly(): string {
  return lists.head.split('\n').filter((l) => !/Open-OSS|ml-tinkerer|helpful-models|revision:|reason:/.test(l)).join('\n');
}

describe('model-gate review', () => {
  it('prints the comment and exits 1 when the head adds rejected models', async () => {
    await writeFile(join(dir, 'base.yaml'), lists.base);
    await writeFile(join(dir, 'head.yaml'), lists.head);
    const r = await run(['--base', join(dir, 'base.yaml'), '--head', join(dir, 'head.yaml')]);
    expect(r.code).toBe(1);
    expect(r.out.startsWith('<!-- model-gate -->')).toBe(true);
    expect(r.out).toContain(`[${SAMPLE.maliciousPickle}@`);
  });

  it('exits 0 and prints JSON when only the clean model is added', async () => {
    await writeFile(join(dir, 'clean.yaml'), cleanOnly());
    const r = await run(['--base', join(dir, 'base.yaml'), '--head', join(dir, 'clean.yaml'), '--format', 'json']);
    const json = JSON.parse(r.out) as { reviews: { entry: { repo: string }; verdict: string }[] };
    expect(json.reviews.map((x) => [x.entry.repo, x.verdict])).toEqual([[SAMPLE.clean, 'approved']]);
    expect(r.code).toBe(0);
  });

  it('reads both allowlists from git refs', async () => {
    const repo = join(dir, 'git');
    await mkdir(repo, { recursive: true });
    const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q', '-b', 'main');
    await writeFile(join(repo, 'approved-models.yaml'), lists.base);
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'add-model');
    await writeFile(join(repo, 'approved-models.yaml'), cleanOnly());
    git('commit', '-qam', 'add clean model');
    const r = await run(['--repo', repo, '--base-ref', 'main', '--head-ref', 'add-model', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(SAMPLE.clean);
  });

  it('refuses bad usage with exit code 2 material', async () => {
    await expect(run(['--repo', dir])).rejects.toThrow(/--base-ref/);
    await expect(run(['--format', 'yaml', '--head', 'x'])).rejects.toThrow(/--format/);
    await expect(run(['--repo', dir, '--base-ref', '--evil', '--head-ref', 'x'])).rejects.toThrow();
  });

  it('reports an invalid allowlist as failing, with the line', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'version: 1\nmodels:\n  - openai/privacy-filter@main\n');
    const r = await run(['--head', join(dir, 'bad.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { errors: { line: number; message: string }[] };
    expect(json.errors[0]!.line).toBe(3);
  });
});

describe('model-gate review, sharded (--plan-out, --shard, --partials)', () => {
  it('plans, reviews each shard and aggregates to the unsharded review of the same change', async () => {
    await writeFile(join(dir, 'base.yaml'), lists.base);
    await writeFile(join(dir, 'head.yaml'), lists.head);
    const change = ['--base', join(dir, 'base.yaml'), '--head', join(dir, 'head.yaml')];
    const whole = await run([...change, '--format', 'json']);
    const planned = await run([...change, '--plan-out', join(dir, 'plan.json'), '--shards', '3']);
    expect(planned.code).toBe(0);
    const matrix = JSON.parse(planned.out) as { shard: number[] };
    expect(matrix.shard).toEqual([0, 1, 2]);
    await mkdir(join(dir, 'partials'), { recursive: true });
    for (const i of matrix.shard) {
      const s = await run([...change, '--plan', join(dir, 'plan.json'), '--shard', String(i), '--partial-out', join(dir, 'partials', `partial-${i}.json`)]);
      expect(s.code).toBe(0);
    }
    const merged = await run([...change, '--plan', join(dir, 'plan.json'), '--partials', join(dir, 'partials'), '--format', 'json']);
    expect(merged.code).toBe(whole.code);
    const reviews = (text: string) => (JSON.parse(text) as { reviews: unknown[] }).reviews;
    expect(reviews(merged.out)).toEqual(reviews(whole.out));
  });

  it('refuses an incomplete set of sharded options with a usage error', async () => {
    await expect(run(['--head', join(dir, 'head.yaml'), '--shard', '1', '--plan', join(dir, 'plan.json')])).rejects.toThrow(/a shard needs --plan, --shard and --partial-out/);
    await expect(run(['--head', join(dir, 'head.yaml'), '--partials', dir])).rejects.toThrow(/the aggregate needs --plan and --partials/);
    await expect(run(['--head', join(dir, 'head.yaml'), '--plan-out', 'p.json', '--shards', '0'])).rejects.toThrow(/--shards must be at least 1/);
  });
});
