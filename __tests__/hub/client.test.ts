// HubClient metadata calls over real HTTP against the local registry, with faults injected by the hostile proxy.
import { HubClient, hubScanStatus } from '../../src/hub/client.js';
import { pickHubUrl } from '../../src/hub/endpoint.js';
import { failure, startEnv, TOKEN, type Env } from './fixture.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.hub.clear();
  env.cdn.clear();
  env.sleeps.length = 0;
});


type Json = Record<string, unknown>;

describe('resolveRepo', () => {
  test('resolves a pinned commit to itself and reports the ids', async () => {
    const sha = env.head('acme/tiny');
    const r = await env.client().resolveRepo('acme/tiny', sha);
    expect(r).toMatchObject({ requested: 'acme/tiny', canonicalId: 'acme/tiny', sha, renamed: false, redirects: [] });
    expect(r.repoId).toBe(env.store.repos['acme/tiny']?._id);
    expect(r.info.securityRepoStatus?.scansDone).toBe(true);
    expect(env.hub.requests[0]?.url).toBe(`/api/models/acme/tiny/revision/${sha}?blobs=true&securityStatus=true`);
  });

  test('an older commit resolves too (pins need not be the head)', async () => {
    const first = env.store.repos['acme/tiny']?.shas[0] as string;
    expect((await env.client().resolveRepo('acme/tiny', first)).sha).toBe(first);
  });

  test('a rename is followed by hand, recorded hop by hop, and reported', async () => {
    const sha = env.head('acme/tiny');
    const r = await env.client().resolveRepo('oldname/tiny', sha);
    expect(r.renamed).toBe(true);
    expect(r.canonicalId).toBe('acme/tiny');
    expect(r.redirects).toEqual([
      { from: 'oldname/tiny', to: 'acme/tiny', status: 307, location: `${env.hub.url}/api/models/acme/tiny/revision/${sha}` }
    ]);
  });

  test('an id differing from the request without any redirect is reported as a rename', async () => {
    env.hub.add({ match: /\/api\/models\/acme\/tiny\/revision/, json: (b) => ({ ...(b as Json), id: 'someone/else' }) });
    const r = await env.client().resolveRepo('acme/tiny', env.head('acme/tiny'));
    expect(r.redirects).toEqual([]);
    expect(r.canonicalId).toBe('someone/else');
    expect(r.renamed).toBe(true);
  });

  test('a branch name or a short sha is refused before any request', async () => {
    const c = env.client();
    expect((await failure(c.resolveRepo('acme/tiny', 'main'))).code).toBe('invalid-revision');
    expect((await failure(c.resolveRepo('acme/tiny', env.head('acme/tiny').slice(0, 7)))).code).toBe('invalid-revision');
    expect(env.hub.requests).toHaveLength(0);
  });

  test('the Hub resolving the pin to another commit is revision-mismatch', async () => {
    const sha = env.head('acme/tiny');
    env.hub.add({ json: (b) => ({ ...(b as Json), sha: 'f'.repeat(40) }) });
    const e = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e.code).toBe('revision-mismatch');
    expect(e.expected).toBe(sha);
    expect(e.actual).toBe('f'.repeat(40));
  });

  test('a redirect loop is detected with the whole chain in the message', async () => {
    const sha = env.head('acme/tiny');
    env.hub.add({ match: /\/api\/models\/acme\/tiny\//, respond: { status: 307, headers: { location: `/api/models/loop/b/revision/${sha}` } } });
    env.hub.add({ match: /\/api\/models\/loop\/b\//, respond: { status: 307, headers: { location: `/api/models/acme/tiny/revision/${sha}?blobs=true&securityStatus=true` } } });
    const e = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e.code).toBe('redirect-loop');
    expect(e.message).toContain('acme/tiny -> loop/b -> acme/tiny');
  });

  test('an endless chain of distinct redirects stops at the hop limit', async () => {
    const sha = env.head('acme/tiny');
    let n = 0;
    env.hub.add({ respond: () => ({ status: 307, headers: { location: `/api/models/hop/n${n++}/revision/${sha}` } }) });
    const e = await failure(env.client({ maxRedirects: 3 }).resolveRepo('acme/tiny', sha));
    expect(e.code).toBe('redirect-loop');
    expect(e.message).toMatch(/more than 3 redirects/);
    expect(env.hub.requests).toHaveLength(4);
  });

  test('a redirect to another origin or another kind of page is not followed', async () => {
    const sha = env.head('acme/tiny');
    env.hub.add({ times: 1, respond: { status: 307, headers: { location: `https://evil.example/api/models/acme/tiny/revision/${sha}` } } });
    expect((await failure(env.client().resolveRepo('acme/tiny', sha))).code).toBe('unexpected-redirect');
    env.hub.add({ times: 1, respond: { status: 302, headers: { location: '/login' } } });
    expect((await failure(env.client().resolveRepo('acme/tiny', sha))).code).toBe('unexpected-redirect');
    env.hub.add({ times: 1, respond: { status: 307, headers: { location: '/api/models/acme/tiny/revision/main' } } });
    const e = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e.code).toBe('unexpected-redirect');
    expect(e.message).toMatch(/changes the revision/);
    expect(env.hub.requests).toHaveLength(3);
  });

  test('Hub errors become typed errors with the Hub’s code and advice', async () => {
    const c = env.client();
    const anon = await failure(c.resolveRepo('nobody/nothing', 'a'.repeat(40)));
    expect(anon.code).toBe('unauthorized');
    expect(anon.status).toBe(401);
    expect(anon.message).toMatch(/HF_TOKEN/);
    const authed = await failure(env.client({ token: TOKEN }).resolveRepo('nobody/nothing', 'a'.repeat(40)));
    expect(authed.code).toBe('repo-not-found');
    expect(authed.hubErrorCode).toBe('RepoNotFound');
    const rev = await failure(c.resolveRepo('acme/tiny', 'a'.repeat(40)));
    expect(rev.code).toBe('revision-not-found');
    expect(rev.hubErrorCode).toBe('RevisionNotFound');
  });

  test('a private repository needs the token, and resolves with it', async () => {
    const sha = env.head('acme/secret');
    expect((await failure(env.client().resolveRepo('acme/secret', sha))).code).toBe('unauthorized');
    const r = await env.client({ token: TOKEN }).resolveRepo('acme/secret', sha);
    expect(r.info.private).toBe(true);
  });

  test('a canonical id or a rename target that is not a Hub repo id is refused, not reported', async () => {
    const sha = env.head('acme/tiny');
    env.hub.add({ times: 1, json: (b) => ({ ...(b as Json), id: '../../outside' }) });
    const e1 = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e1.code).toBe('malformed-response');
    expect(e1.message).toMatch(/id should be a namespace\/name repo id/);
    env.hub.add({ times: 1, respond: { status: 307, headers: { location: `/api/models/acme/tiny--x/revision/${sha}` } } });
    const e2 = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e2.code).toBe('unexpected-redirect');
    expect(e2.message).toMatch(/cannot exist on the Hub/);
  });

  test('malformed JSON and wrong shapes are malformed-response, naming the field', async () => {
    const sha = env.head('acme/tiny');
    env.hub.add({ times: 1, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"_id": "abc", ' } });
    const e1 = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e1.code).toBe('malformed-response');
    expect(e1.message).toMatch(/not JSON/);
    env.hub.add({ times: 1, json: (b) => ({ ...(b as Json), _id: 'not-an-object-id' }) });
    const e2 = await failure(env.client().resolveRepo('acme/tiny', sha));
    expect(e2.code).toBe('malformed-response');
    expect(e2.message).toMatch(/_id should be a 24-hex ObjectId/);
  });
});

describe('listTree', () => {
  test('lists every file and directory with hashes, sizes and scan status', async () => {
    const sha = env.head('acme/tiny');
    const tree = await env.client().listTree('acme/tiny', sha);
    const built = env.store.repos['acme/tiny']?.files ?? {};
    const files = tree.filter((t) => t.type === 'file');
    expect(files.map((f) => f.path).sort()).toEqual(Object.keys(built).sort());
    for (const f of files) {
      const b = built[f.path];
      expect(f.type === 'file' && f.size).toBe(b?.size);
      expect(f.oid).toBe(b?.gitOid);
      if (f.type === 'file' && b?.lfs) expect(f.lfs?.oid).toBe(b.sha256);
    }
    expect(tree.filter((t) => t.type === 'directory').map((d) => d.path)).toEqual(['sub', 'sub/dir']);
    const status = hubScanStatus((await env.client().resolveRepo('acme/tiny', sha)).info, tree);
    expect(status.scansDone).toBe(true);
    expect(status.files.get('model.safetensors')?.status).toBe('safe');
  });

  test('items naming the same last commit or scan status share one object, with the values the Hub sent', async () => {
    const sha = env.head('acme/many');
    const tree = await env.client().listTree('acme/many', sha);
    // The Hub's own JSON, page by page, straight from the registry.
    const raw: { path: string; lastCommit?: { id: string; title: string; date: string } }[] = [];
    for (let url: string | undefined = `${env.registry.hubUrl}/api/models/acme/many/tree/${sha}?recursive=true&expand=true`; url !== undefined;) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      raw.push(...((await res.json()) as typeof raw));
      const next = /<([^>]*)>\s*;\s*rel="?next"?/.exec(res.headers.get('link') ?? '')?.[1];
      url = next === undefined ? undefined : new URL(next, url).href;
    }
    expect(raw).toHaveLength(25);
    const pick = (c: { id: string; title: string; date: string } | undefined) => c && { id: c.id, title: c.title, date: c.date };
    expect(tree.map((t) => [t.path, t.lastCommit])).toEqual(raw.map((r) => [r.path, pick(r.lastCommit)]));
    const byValue = new Map<string, Set<object>>();
    let parts = 0;
    for (const t of tree) {
      for (const part of [t.lastCommit, t.type === 'file' ? t.securityFileStatus : undefined]) {
        if (!part) continue;
        parts++;
        const key = JSON.stringify(part);
        const same = byValue.get(key) ?? new Set<object>();
        same.add(part);
        byValue.set(key, same);
      }
    }
    expect(parts).toBeGreaterThan(byValue.size);
    for (const same of byValue.values()) expect(same.size).toBe(1);
  });

  test('follows Link pagination on the Hub origin', async () => {
    const tree = await env.client().listTree('acme/many', env.head('acme/many'));
    expect(tree).toHaveLength(25);
    expect(new Set(tree.map((t) => t.path)).size).toBe(25);
    expect(env.hub.requests.length).toBe(3);
    expect(env.hub.requests[1]?.url).toMatch(/cursor=/);
  });

  test('a pagination Link to another host is refused', async () => {
    env.hub.add({
      match: /\/tree\//,
      response: (status, headers) => ({ status, headers: { ...headers, link: '<https://evil.example/api/models/acme/many/tree/x?cursor=1>; rel="next"' } })
    });
    const e = await failure(env.client().listTree('acme/many', env.head('acme/many')));
    expect(e.code).toBe('foreign-link');
    expect(e.actual).toBe('https://evil.example');
    expect(env.hub.requests).toHaveLength(1);
  });

  test('a Link back to a page already read is a pagination loop', async () => {
    const sha = env.head('acme/many');
    env.hub.add({
      match: /\/tree\//,
      response: (status, headers) => ({
        status,
        headers: { ...headers, link: `<${env.hub.url}/api/models/acme/many/tree/${sha}?recursive=true&expand=true>; rel="next"` }
      })
    });
    expect((await failure(env.client().listTree('acme/many', sha))).code).toBe('pagination-loop');
  });

  test.each([
    ['../escape.txt', /'\.\.' segment/],
    ['/etc/passwd', /absolute/],
    ['dir\\evil.dll', /backslash/],
    ['a\u0000b', /NUL/]
  ])('a listed path %j is refused', async (bad, why) => {
    env.hub.add({ match: /\/tree\//, json: (b) => (b as Json[]).map((it, i) => (i === 0 ? { ...it, path: bad } : it)) });
    const e = await failure(env.client().listTree('acme/tiny', env.head('acme/tiny')));
    expect(e.code).toBe('malformed-response');
    expect(e.message).toMatch(why);
  });

  test('a duplicate path, even across pages, is invalid-tree', async () => {
    env.hub.add({ match: /cursor=/, times: 1, json: (b) => (b as Json[]).map((it, i) => (i === 0 ? { ...it, path: 'f00.txt' } : it)) });
    const e = await failure(env.client().listTree('acme/many', env.head('acme/many')));
    expect(e.code).toBe('invalid-tree');
    expect(e.path).toBe('f00.txt');
  });

  test('a file listed inside another file is invalid-tree', async () => {
    env.hub.add({ match: /\/tree\//, json: (b) => [...(b as Json[]), { type: 'file', path: 'README.md/x', oid: 'a'.repeat(40), size: 1 }] });
    const e = await failure(env.client().listTree('acme/tiny', env.head('acme/tiny')));
    expect(e.code).toBe('invalid-tree');
    expect(e.message).toMatch(/inside the file 'README.md'/);
  });

  test('a moved repository is not silently listed', async () => {
    const e = await failure(env.client().listTree('oldname/tiny', env.head('acme/tiny')));
    expect(e.code).toBe('unexpected-redirect');
    expect(e.message).toMatch(/canonical id/);
  });
});

describe('commits, refs, authors', () => {
  test('commits come from every page, newest first', async () => {
    const shas = [...(env.store.repos['acme/many']?.shas ?? [])].reverse();
    // Ask the registry for pages of 3 so the client has to follow Link twice.
    env.hub.add({ match: /\/commits\/[0-9a-f]{40}$/, path: (u) => `${u}?limit=3` });
    const list = await env.client().listCommits('acme/many', env.head('acme/many'));
    expect(list.complete).toBe(true);
    expect(list.total).toBe(7);
    expect(list.commits.map((c) => c.id)).toEqual(shas);
    expect(list.commits.at(-1)?.title).toBe('initial commit');
    expect(env.hub.requests.map((q) => q.url.replace(/.*\?/, '?'))).toEqual([expect.stringMatching(/^\/api/), '?limit=3&p=1', '?limit=3&p=2']);
  });

  test('the page bound returns what was read, marked incomplete', async () => {
    let page = 0;
    env.hub.add({
      match: /\/commits\//,
      response: (status, headers) => ({ status, headers: { ...headers, link: `<${env.hub.url}/api/models/acme/many/commits/main?p=${++page}>; rel="next"` } })
    });
    const list = await env.client({ maxCommitPages: 2 }).listCommits('acme/many', 'main');
    expect(list.complete).toBe(false);
    expect(list.commits.length).toBeGreaterThan(0);
  });

  test('refs', async () => {
    const refs = await env.client().getRefs('acme/tiny');
    expect(refs.branches).toEqual([{ name: 'main', ref: 'refs/heads/main', targetCommit: env.head('acme/tiny') }]);
  });

  test('a user has createdAt; an org’s creation time comes from its ObjectId', async () => {
    const c = env.client();
    const alice = await c.getAuthor('alice');
    expect(alice).toMatchObject({ name: 'alice', type: 'user', createdAt: '2024-01-02T03:04:05.000Z', createdAtSource: 'createdAt' });
    const acme = await c.getAuthor('acme');
    expect(acme).toMatchObject({ name: 'acme', type: 'org', createdAt: '2023-05-06T07:08:09.000Z', createdAtSource: 'objectId', isVerified: true });
    expect(acme.id).toBe(env.store.accounts.acme?._id);
  });

  test('an unknown account is author-not-found after trying user then org', async () => {
    const e = await failure(env.client().getAuthor('ghost-org'));
    expect(e.code).toBe('author-not-found');
    expect(env.hub.requests.map((q) => q.url)).toEqual(['/api/users/ghost-org/overview', '/api/organizations/ghost-org/overview']);
  });
});

describe('retries, rate limits, timeouts', () => {
  test('429 with Retry-After waits as asked, then succeeds', async () => {
    env.hub.add({ times: 1, respond: { status: 429, headers: { 'retry-after': '2' }, body: '{"error":"slow down"}' } });
    await env.client().getRefs('acme/tiny');
    expect(env.sleeps).toHaveLength(1);
    expect(env.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(env.sleeps[0]).toBeLessThanOrEqual(2200);
    expect(env.hub.requests).toHaveLength(2);
  });

  test('429 with RateLimit r=0;t=N waits N seconds', async () => {
    env.hub.add({ times: 1, respond: { status: 429, headers: { ratelimit: '"api";r=0;t=7' } } });
    await env.client().getRefs('acme/tiny');
    expect(env.sleeps[0]).toBeGreaterThanOrEqual(7000);
  });

  test('5xx are retried with growing backoff', async () => {
    env.hub.add({ times: 3, respond: { status: 503 } });
    await env.client({ random: () => 0.999 }).getRefs('acme/tiny');
    expect(env.sleeps).toHaveLength(3);
    expect(env.sleeps[1]).toBeGreaterThan(env.sleeps[0] as number);
    expect(env.sleeps[2]).toBeGreaterThan(env.sleeps[1] as number);
  });

  test('a 429 storm ends in rate-limited after the retry limit, with the Hub’s message', async () => {
    env.hub.add({ respond: { status: 429, headers: { 'retry-after': '1' }, body: '{"error":"Too many requests"}' } });
    const e = await failure(env.client({ maxRetries: 4 }).getRefs('acme/tiny'));
    expect(e.code).toBe('rate-limited');
    expect(e.message).toMatch(/gave up after 4 retries/);
    expect(e.hubErrorMessage).toBe('Too many requests');
    expect(env.hub.requests).toHaveLength(5);
  });

  test('the retry budget is shared across requests', async () => {
    env.hub.add({ respond: { status: 500 } });
    const c = env.client({ retryBudget: 3, maxRetries: 10 });
    const e = await failure(c.getRefs('acme/tiny'));
    expect(e.code).toBe('server-error');
    expect(e.message).toMatch(/retry budget/);
    await failure(c.getRefs('acme/tiny'));
    expect(env.hub.requests).toHaveLength(5);
  });

  test('a wait longer than allowed fails at once instead of sleeping', async () => {
    env.hub.add({ respond: { status: 429, headers: { 'retry-after': '3600' } } });
    const e = await failure(env.client().getRefs('acme/tiny'));
    expect(e.code).toBe('rate-limited');
    expect(e.message).toMatch(/asks to wait 3600 s/);
    expect(env.sleeps).toHaveLength(0);
  });

  test('a reset connection is retried', async () => {
    env.hub.add({ times: 2, resetBeforeResponse: true });
    await env.client().getRefs('acme/tiny');
    expect(env.sleeps).toHaveLength(2);
  });

  test('a server that never answers times out', async () => {
    env.hub.add({ hang: true });
    const e = await failure(env.client({ headersTimeoutMs: 100, maxRetries: 1 }).getRefs('acme/tiny'));
    expect(e.code).toBe('timeout');
    expect(env.hub.requests).toHaveLength(2);
  });

  test('a JSON body that stalls midway is retried, then succeeds', async () => {
    env.hub.add({ times: 1, cut: { after: 20, mode: 'stall' } });
    const refs = await env.client({ stallTimeoutMs: 100 }).getRefs('acme/tiny');
    expect(refs.branches).toHaveLength(1);
    expect(env.hub.requests).toHaveLength(2);
  });
});

describe('endpoint and token', () => {
  test('HF_ENDPOINT is honoured when no hub-url is given', async () => {
    const hubUrl = pickHubUrl(undefined, { HF_ENDPOINT: env.hub.url });
    const c = new HubClient({ hubUrl });
    await c.getRefs('acme/tiny');
    expect(env.hub.requests).toHaveLength(1);
  });

  test('the token goes to the Hub origin only and never into error messages', async () => {
    const c = env.client({ token: TOKEN });
    await c.resolveRepo('acme/tiny', env.head('acme/tiny'));
    expect(env.hub.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(c.http.sendsTokenTo(`${env.cdn.url}/x`)).toBe(false);
    expect(c.http.sendsTokenTo(`${env.hub.url}/x`)).toBe(true);
    env.hub.add({ respond: { status: 500, body: 'oops' } });
    const e = await failure(env.client({ token: TOKEN, maxRetries: 0 }).getRefs('acme/tiny'));
    expect(JSON.stringify({ m: e.message, u: e.url, s: e.stack })).not.toContain(TOKEN);
  });
});
