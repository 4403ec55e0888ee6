// One definition of each response shape: every answer the registry gives on a route the Hub client reads, for the
// sample store the demo and end-to-end tests use, passes the client's own validators (src/hub/shapes) — and the
// validators keep every field the registry sends that the client's types carry.
import { parseLinkNext } from '../../src/hub/api/pages.js';
import {
  parseCommitPage, parseModelInfo, parseOrgOverview, parseRefs, parseTreePage, parseUserOverview
} from '../../src/hub/shapes/index.js';
import { HubClient } from '../../src/hub/client.js';
import { sampleStoreSpec } from '../../src/registry/samples/index.js';
import type { StoreSpec } from '../../src/registry/spec.js';
import { TOKEN, startFixture, type Harness } from './fixture.js';

type Json = Record<string, unknown>;
const spec: StoreSpec = sampleStoreSpec();
let h: Harness;

beforeAll(async () => {
  // Small pages, so the paginated routes are read across several answers.
  h = await startFixture(spec, { treeExpandPageSize: 3 });
});
afterAll(async () => {
  await h.close();
});

async function getJson(url: string): Promise<{ body: unknown; next?: string }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, redirect: 'manual' });
  expect(res.status).toBe(200);
  const next = parseLinkNext(res.headers.get('link'));
  return { body: (await res.json()) as unknown, ...(next ? { next } : {}) };
}

/** Every page of a paginated route, each page checked by `parse` as it arrives. */
async function allPages<T>(first: string, parse: (page: unknown, offset: number) => T[]): Promise<{ raw: Json[]; parsed: T[] }> {
  const raw: Json[] = [];
  const parsed: T[] = [];
  let url: string | undefined = first;
  while (url) {
    const page: { body: unknown; next?: string } = await getJson(url);
    parsed.push(...parse(page.body, parsed.length));
    raw.push(...(page.body as Json[]));
    url = page.next;
  }
  return { raw, parsed };
}

const repos = spec.repos.map((r) => r.id);
const commitsOf = (repo: string): string[] => h.built.repos[repo]?.shas ?? [];

test('the sample store has what this test walks', () => {
  expect(repos.length).toBeGreaterThanOrEqual(4);
  expect(spec.accounts.some((a) => a.type === 'user')).toBe(true);
  expect(spec.accounts.some((a) => a.type === 'org')).toBe(true);
});

describe.each(repos)('%s', (repo) => {
  test('model info at every commit (blobs + securityStatus, as the client asks)', async () => {
    for (const sha of commitsOf(repo)) {
      const { body } = await getJson(`${h.registry.hubUrl}/api/models/${repo}/revision/${sha}?blobs=true&securityStatus=true`);
      const raw = body as Json;
      const info = parseModelInfo(raw);
      expect(info.sha).toBe(sha);
      expect(info.id).toBe(repo);
      // Nothing the client's type carries is lost in validation.
      for (const k of Object.keys(info)) expect((info as unknown as Json)[k]).toEqual(raw[k]);
      expect(info.siblings?.length).toBeGreaterThan(0);
      expect(info.securityRepoStatus).toBeDefined();
    }
  });

  test('the tree at every commit, all pages (recursive, expanded)', async () => {
    for (const sha of commitsOf(repo)) {
      const { raw, parsed } = await allPages(`${h.registry.hubUrl}/api/models/${repo}/tree/${sha}?recursive=true&expand=true`, parseTreePage);
      expect(parsed.length).toBe(raw.length);
      parsed.forEach((item, i) => {
        const wire = raw[i] as Json;
        // Files come back exactly as served; directories without the wire's constant `size: 0`.
        const { size, ...dir } = wire;
        expect(item).toEqual(item.type === 'file' ? wire : dir);
        if (item.type === 'directory') expect(size).toBe(0);
      });
    }
  });

  test('the commit history, all pages, and the refs', async () => {
    const head = commitsOf(repo).at(-1) as string;
    const { raw, parsed } = await allPages(`${h.registry.hubUrl}/api/models/${repo}/commits/${head}?limit=1`, parseCommitPage);
    expect(parsed.map((c) => c.id)).toEqual([...commitsOf(repo)].reverse());
    expect(parsed).toEqual(raw);
    const { body } = await getJson(`${h.registry.hubUrl}/api/models/${repo}/refs`);
    const { pullRequests, ...refs } = body as Json;
    expect(pullRequests).toBeUndefined();
    expect(parseRefs(body)).toEqual(refs);
  });
});

describe.each(spec.accounts.map((a) => [a.name, a.type] as const))('account %s (%s)', (name, type) => {
  test('its overview', async () => {
    const { body } = await getJson(`${h.registry.hubUrl}/api/${type === 'user' ? 'users' : 'organizations'}/${name}/overview`);
    const raw = body as Json;
    const author = type === 'user' ? parseUserOverview(raw) : parseOrgOverview(raw);
    expect(author).toMatchObject({ name, type, id: raw._id, fullname: raw.fullname });
    expect(author.createdAtSource).toBe(type === 'user' ? 'createdAt' : 'objectId');
  });
});

test('and the Hub client itself reads every sample repository end to end', async () => {
  const c = new HubClient({ hubUrl: h.registry.hubUrl, allowedCdnOrigins: [h.registry.cdnUrl], env: {} });
  for (const repo of repos) {
    const sha = commitsOf(repo).at(-1) as string;
    const r = await c.resolveRepo(repo, sha);
    expect(r.canonicalId).toBe(repo);
    expect((await c.listTree(repo, sha)).length).toBeGreaterThan(0);
    expect((await c.listCommits(repo, sha)).complete).toBe(true);
    expect((await c.getRefs(repo)).branches.length).toBeGreaterThan(0);
    expect((await c.getAuthor(repo.split('/')[0] as string)).name).toBe(repo.split('/')[0]);
  }
  await c.close();
});
