// The sharded review end to end: the bundled action run as separate processes standing for the jobs of one workflow
// run — plan, one process per shard of the plan's matrix, aggregate — against the local Hub registry (the sample
// repositories) and the loopback GitHub API server. The aggregate's comment, verdict, reports and signatures must
// equal those of the unsharded review of the same change, and a missing or tampered partial must block with a
// precise finding.
import { generateKeyPairSync } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE, sampleAllowlists, sampleStoreSpec } from '../../src/registry/samples/index.js';
import { startRegistry, type RunningRegistry } from '../../src/registry/server.js';
import { buildStore } from '../../src/registry/store-builder.js';
import { verifyModel } from '../../src/sign/verify.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { pullRequestPayload, runActionJob, type ActionRun } from '../support/run-action.js';

const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);

interface JsonFinding { check: string; severity: string; message: string; file?: string }
interface JsonReview {
  entry: { repo: string; revision: string };
  verdict: string;
  commit: string;
  findings: JsonFinding[];
  files: { path: string; size: number; sha256?: string; gitOid?: string; lfs: boolean; findings: JsonFinding[] }[];
}
interface PlanJson { planId: string; shards: number; entries: { repo: string; files: { path: string; size: number; shard: number }[] }[] }
interface PartialJson { planId: string; entries: { repo: string; files: { path: string; size: number; sha256?: string; lfs: boolean }[] }[] }

let dir: string;
let registry: RunningRegistry;
let gh: GitHubServer;
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const PR = pullRequestPayload(BASE, HEAD);

/** One job of the workflow run: the same repository, event and run id; its own workspace and report folder. */
function job(name: string, env: Record<string, string>, payload: unknown = PR): Promise<ActionRun> {
  const work = join(dir, name);
  return runActionJob({
    work,
    eventName: 'pull_request',
    payload,
    env: {
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '5151',
      'INPUT_GITHUB-TOKEN': 'ghs_sharded_token',
      'INPUT_HUB-URL': registry.hubUrl,
      'INPUT_CDN-ORIGINS': registry.cdnUrl,
      'INPUT_REPORT-DIR': join(work, 'report'),
      INPUT_SIGN: 'key',
      'INPUT_SIGNING-KEY': privatePem,
      ...env
    }
  });
}

const reviewsOf = async (run: ActionRun): Promise<JsonReview[]> =>
  (JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { reviews: JsonReview[] }).reviews;

let unsharded: ActionRun;
let unshardedComment: string;
let plan: ActionRun;
let planJson: PlanJson;
let shards: ActionRun[];
let aggregate: ActionRun;
let aggregateComment: string;

/** The partials as the aggregate job downloads them: every shard's artifact merged into one folder. */
async function partialsDir(name: string, edit?: (shard: number, partial: PartialJson) => PartialJson | undefined): Promise<string> {
  const out = join(dir, name);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const [i, s] of shards.entries()) {
    const text = await readFile(s.outputs['partial-path']!, 'utf8');
    if (!edit) {
      await copyFile(s.outputs['partial-path']!, join(out, `partial-${i}.json`));
      continue;
    }
    const edited = edit(i, JSON.parse(text) as PartialJson);
    if (edited) await writeFile(join(out, `partial-${i}.json`), JSON.stringify(edited));
  }
  return out;
}

const aggregateWith = (name: string, partials: string): Promise<ActionRun> =>
  job(name, { INPUT_MODE: 'aggregate', 'INPUT_PLAN-PATH': plan.outputs['plan-path']!, 'INPUT_PARTIALS-DIR': partials, INPUT_COMMENT: 'false' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mg-sharded-'));
  const built = await buildStore(join(dir, 'store'), sampleStoreSpec());
  const allowlists = sampleAllowlists(built);
  registry = await startRegistry({ storeDir: join(dir, 'store') });
  gh = await startGitHubServer('acme', 'models');
  gh.state.files.set(`${BASE}:approved-models.yaml`, allowlists.base);
  gh.state.files.set(`${HEAD}:approved-models.yaml`, allowlists.head);

  unsharded = await job('unsharded', {});
  unshardedComment = gh.state.comments[0]!.body;
  plan = await job('plan', { INPUT_MODE: 'plan', INPUT_SHARDS: '3' });
  planJson = JSON.parse(await readFile(plan.outputs['plan-path']!, 'utf8')) as PlanJson;
  const matrix = JSON.parse(plan.outputs.matrix!) as { shard: number[] };
  shards = [];
  for (const i of matrix.shard) {
    shards.push(await job(`shard-${i}`, { INPUT_MODE: 'shard', INPUT_SHARD: String(i), 'INPUT_PLAN-PATH': plan.outputs['plan-path']! }));
  }
  aggregate = await job('aggregate', { INPUT_MODE: 'aggregate', 'INPUT_PLAN-PATH': plan.outputs['plan-path']!, 'INPUT_PARTIALS-DIR': await partialsDir('partials') });
  aggregateComment = gh.state.comments[0]!.body;
}, 300_000);

afterAll(async () => {
  await gh.close();
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a sharded review of the sample change (plan, 3 shards, aggregate)', () => {
  it('plans every new entry into the matrix, spreading at least one entry across shards', () => {
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.outputs.matrix!)).toEqual({ shard: Array.from({ length: planJson.shards }, (_, i) => i) });
    expect(planJson.shards).toBe(3);
    expect(planJson.entries.map((e) => e.repo).sort()).toEqual(Object.values(SAMPLE).sort());
    expect(planJson.entries.some((e) => new Set(e.files.map((f) => f.shard)).size > 1)).toBe(true);
  });

  it('runs each shard without a verdict, a comment or a signature', () => {
    for (const s of shards) {
      expect(s.code).toBe(0);
      expect(s.outputs.verdict).toBeUndefined();
      expect(s.outputs['partial-path']).toMatch(/partial-\d\.json$/);
    }
    expect(gh.state.comments).toHaveLength(1);
  });

  it('gives the same verdict, outputs and failure as the unsharded review', () => {
    expect(unsharded.code).toBe(1);
    expect(aggregate.code).toBe(1);
    for (const k of ['verdict', 'approved', 'needs-review', 'rejected']) expect(aggregate.outputs[k]).toBe(unsharded.outputs[k]);
    expect(aggregate.outputs.rejected).toBe('3');
    expect(aggregate.stdout).toMatch(/::error::Model Gate: 3 model\(s\) rejected/);
  });

  it('updates the one sticky comment with the same body', () => {
    expect(gh.state.comments).toHaveLength(1);
    // The jobs write to their own report folders, which the signing lines name.
    const folderless = (body: string, job: string) => body.replaceAll(join(dir, job, 'report'), 'REPORT');
    expect(folderless(aggregateComment, 'aggregate')).toBe(folderless(unshardedComment, 'unsharded'));
    expect(aggregateComment).toContain('signed →');
  });

  it('reports the same findings and digests per entry and per file', async () => {
    const [a, b] = [await reviewsOf(unsharded), await reviewsOf(aggregate)];
    expect(b).toEqual(a);
    expect(b.flatMap((r) => r.files).every((f) => /^[0-9a-f]{64}$/.test(f.sha256 ?? ''))).toBe(true);
  });

  it('signs the approved model from the merged digests, verifiable with the public key', async () => {
    const clean = (await reviewsOf(aggregate)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('approved');
    const bundle = await readFile(join(aggregate.outputs['signatures-dir']!, SAMPLE.clean, clean.commit, 'model.sig'), 'utf8');
    const digests = clean.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256! }));
    expect((await verifyModel({ digests, bundle, trust: { kind: 'key', publicKeyPem: publicPem } })).ok).toBe(true);
    // The unsharded run's digests verify against the aggregate's signature: the same bytes were signed.
    const before = (await reviewsOf(unsharded)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect((await verifyModel({ digests: before.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256! })), bundle, trust: { kind: 'key', publicKeyPem: publicPem } })).ok).toBe(true);
    const weights = clean.files.find((f) => f.lfs)!.path;
    const changed = digests.map((d) => (d.path === weights ? { ...d, sha256: '0'.repeat(64) } : d));
    expect((await verifyModel({ digests: changed, bundle, trust: { kind: 'key', publicKeyPem: publicPem } })).ok).toBe(false);
  });
});

describe('the aggregate fails closed', () => {
  /** The shard that reads some of the clean model's files, and one of them. */
  const cleanShard = (): { shard: number; path: string } => {
    const f = planJson.entries.find((e) => e.repo === SAMPLE.clean)!.files[0]!;
    return { shard: f.shard, path: f.path };
  };
  const findingsOf = (r: JsonReview): JsonFinding[] => [...r.findings, ...r.files.flatMap((f) => f.findings)];

  it('on a missing partial: the files of that shard block, naming the shard and the missing file', async () => {
    const { shard, path } = cleanShard();
    const run = await aggregateWith('missing', await partialsDir('partials-missing', (i, p) => (i === shard ? undefined : p)));
    expect(run.code).toBe(1);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    const found = findingsOf(clean);
    expect(found).toContainEqual(expect.objectContaining({ check: 'shard.partial-missing', severity: 'high', message: expect.stringContaining(`partial-${shard}.json is missing`) }));
    expect(found).toContainEqual(expect.objectContaining({ check: 'shard.file-missing', file: path, message: expect.stringContaining(`planned for shard ${shard}`) }));
    await expect(readFile(join(run.outputs['signatures-dir']!, SAMPLE.clean), 'utf8')).rejects.toThrow();
  }, 120_000);

  it('on a changed digest of a planned file: a critical finding against what the Hub lists', async () => {
    let tampered = '';
    const partials = await partialsDir('partials-digest', (_, p) => {
      for (const e of p.entries) {
        if (e.repo !== SAMPLE.clean || tampered) continue;
        const f = e.files.find((x) => x.lfs);
        if (f) {
          f.sha256 = 'f'.repeat(64);
          tampered = f.path;
        }
      }
      return p;
    });
    expect(tampered).not.toBe('');
    const run = await aggregateWith('digest', partials);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.digest-mismatch', severity: 'critical', file: tampered, message: expect.stringContaining(`sha256 ${'f'.repeat(64)}`) }));
  }, 120_000);

  it('on an extra file no shard was given: the report is refused with a finding naming it', async () => {
    const { shard } = cleanShard();
    const partials = await partialsDir('partials-extra', (i, p) => {
      if (i === shard) p.entries.find((e) => e.repo === SAMPLE.clean)!.files.push({ path: 'extra/payload.bin', size: 3, sha256: 'a'.repeat(64), lfs: false, formats: [], findings: [], complete: true } as never);
      return p;
    });
    const run = await aggregateWith('extra', partials);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.file-unplanned', file: 'extra/payload.bin', message: expect.stringContaining('does not list') }));
  }, 120_000);

  it('on a file reported with another size, or for another commit: the reports are not used', async () => {
    const { shard, path } = cleanShard();
    const partials = await partialsDir('partials-size', (i, p) => {
      if (i === shard) p.entries.find((x) => x.repo === SAMPLE.clean)!.files.find((f) => f.path === path)!.size += 1;
      return p;
    });
    const run = await aggregateWith('size', partials);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.file-mismatch', file: path, message: expect.stringContaining('but the plan lists') }));
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.file-missing', file: path }));
    const other = await partialsDir('partials-commit', (i, p) => {
      if (i === shard) (p.entries.find((x) => x.repo === SAMPLE.clean) as unknown as { commit: string }).commit = 'c'.repeat(40);
      return p;
    });
    const moved = (await reviewsOf(await aggregateWith('commit', other))).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(moved.verdict).toBe('rejected');
    expect(findingsOf(moved)).toContainEqual(expect.objectContaining({ check: 'shard.file-mismatch', message: expect.stringContaining(`at commit ${'c'.repeat(40)}, but the plan pins`) }));
  }, 120_000);

  it('on a file reported twice: neither report is used', async () => {
    const { shard, path } = cleanShard();
    const partials = await partialsDir('partials-twice', (i, p) => {
      if (i === shard) {
        const e = p.entries.find((x) => x.repo === SAMPLE.clean)!;
        e.files.push({ ...e.files.find((f) => f.path === path)! });
      }
      return p;
    });
    const run = await aggregateWith('twice', partials);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.file-duplicate', file: path, message: expect.stringContaining(`reported 2 times (shards ${shard}, ${shard})`) }));
  }, 120_000);

  it('on a partial made for another plan: that shard counts as missing, saying which plan it was for', async () => {
    const { shard } = cleanShard();
    const other = '0123456789abcdef0123456789abcdef';
    const partials = await partialsDir('partials-other', (i, p) => (i === shard ? { ...p, planId: other } : p));
    const run = await aggregateWith('other-plan', partials);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.partial-missing', message: expect.stringContaining(`made for plan ${other}`) }));
  }, 120_000);

  it('on a partial that is not a partial review: refused with the field that is wrong', async () => {
    const { shard } = cleanShard();
    const partials = await partialsDir('partials-shape', (i, p) => (i === shard ? ({ ...p, entries: 'all clean' } as never) : p));
    const run = await aggregateWith('shape', partials);
    const clean = (await reviewsOf(run)).find((r) => r.entry.repo === SAMPLE.clean)!;
    expect(clean.verdict).toBe('rejected');
    expect(findingsOf(clean)).toContainEqual(expect.objectContaining({ check: 'shard.partial-missing', message: expect.stringContaining('`entries`') }));
  }, 120_000);
});

describe('a sharded review of a change that adds no model', () => {
  it('plans one shard with nothing to read, and the aggregate passes with no entry reviewed', async () => {
    const [base, head] = ['3'.repeat(40), '4'.repeat(40)];
    const list = gh.state.files.get(`${BASE}:approved-models.yaml`)!;
    gh.state.files.set(`${base}:approved-models.yaml`, list);
    gh.state.files.set(`${head}:approved-models.yaml`, `${list}# a comment only\n`);
    const payload = structuredClone(PR);
    payload.number = 11;
    payload.pull_request.number = 11;
    payload.pull_request.base.sha = base;
    payload.pull_request.head.sha = head;
    const p = await job('empty-plan', { INPUT_MODE: 'plan' }, payload);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.outputs.matrix!)).toEqual({ shard: [0] });
    const s = await job('empty-shard', { INPUT_MODE: 'shard', INPUT_SHARD: '0', 'INPUT_PLAN-PATH': p.outputs['plan-path']! }, payload);
    expect(s.code).toBe(0);
    expect((JSON.parse(await readFile(s.outputs['partial-path']!, 'utf8')) as PartialJson).entries).toEqual([]);
    const partials = join(dir, 'empty-partials');
    await mkdir(partials, { recursive: true });
    await copyFile(s.outputs['partial-path']!, join(partials, 'partial-0.json'));
    const a = await job('empty-aggregate', { INPUT_MODE: 'aggregate', 'INPUT_PLAN-PATH': p.outputs['plan-path']!, 'INPUT_PARTIALS-DIR': partials, INPUT_COMMENT: 'false' }, payload);
    expect(a.stdout).not.toMatch(/::error/);
    expect(a.code).toBe(0);
    expect(await reviewsOf(a)).toEqual([]);
  }, 120_000);

  it('refuses to run a shard the plan does not have, and an aggregate without a readable plan', async () => {
    const s = await job('no-such-shard', { INPUT_MODE: 'shard', INPUT_SHARD: '9', 'INPUT_PLAN-PATH': plan.outputs['plan-path']! });
    expect(s.code).toBe(1);
    expect(s.stdout).toContain(`::error::Model Gate: shard 9 is not in the plan, which has shards 0 to ${planJson.shards - 1}`);
    const a = await job('no-plan', { INPUT_MODE: 'aggregate', 'INPUT_PLAN-PATH': join(dir, 'nowhere', 'plan.json') });
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/::error::Model Gate: could not read the plan at .*nowhere\/plan\.json/);
  }, 120_000);
});
