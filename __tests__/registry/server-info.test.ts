// Model info, commits, refs and account overviews over real HTTP.
import { lfsPointerText } from '../../src/hub/oid.js';
import { objectIdTime } from '../../src/hub/shapes/index.js';
import { SPEC, TOKEN, startFixture, type Harness } from './fixture.js';

let h: Harness;
let base: string;
const repo = 'acme/privacy-filter';
const shas = (): string[] => h.built.repos[repo]?.shas ?? [];

beforeAll(async () => {
  h = await startFixture();
  base = h.registry.hubUrl;
});
afterAll(async () => {
  await h.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response documents are checked field by field below
async function json(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('model info', () => {
  test('default document has the Hub fields and sha = the commit main resolves to', async () => {
    const { status, headers, body } = await json(`/api/models/${repo}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(body).sort()).toEqual(
      ['_id', 'id', 'modelId', 'author', 'sha', 'lastModified', 'private', 'gated', 'disabled', 'downloads', 'likes', 'tags', 'pipeline_tag', 'library_name', 'cardData', 'config', 'createdAt', 'siblings', 'spaces', 'usedStorage'].sort()
    );
    expect(body).toMatchObject({
      id: repo,
      modelId: repo,
      author: 'acme',
      sha: shas()[2],
      private: false,
      gated: false,
      disabled: false,
      downloads: 1234,
      likes: 56,
      tags: ['transformers', 'pytorch'],
      pipeline_tag: 'text-classification',
      library_name: 'transformers',
      createdAt: '2023-06-01T00:00:00.000Z',
      lastModified: '2023-06-03T00:00:00.000Z',
      cardData: { license: 'apache-2.0', tags: ['text-classification'], base_model: 'acme/base' },
      config: { architectures: ['BertModel'], model_type: 'bert', auto_map: { AutoModel: 'modeling.Model' } },
      spaces: []
    });
    expect(body.config.hidden_size).toBeUndefined();
    expect(body.siblings).toEqual(
      ['.gitattributes', 'README.md', 'big.txt', 'config.json', 'model.safetensors', 'scripts/data/vocab.txt', 'scripts/preprocess.py'].map((rfilename) => ({ rfilename }))
    );
    expect(body.securityRepoStatus).toBeUndefined();
  });

  test('repo _id is an ObjectId whose timestamp is createdAt', async () => {
    const { body } = await json(`/api/models/${repo}`);
    expect(body._id).toMatch(/^[0-9a-f]{24}$/);
    expect(objectIdTime(body._id)).toBe(body.createdAt);
    expect(body._id).toBe(h.built.repos[repo]?._id);
  });

  test('blobs=true adds size, blobId and lfs {sha256,size,pointerSize}', async () => {
    const { body } = await json(`/api/models/${repo}?blobs=true`);
    const files = h.built.repos[repo]?.files ?? {};
    for (const s of body.siblings) {
      const f = files[s.rfilename];
      expect(s.size).toBe(f?.size);
      expect(s.blobId).toBe(f?.gitOid);
      if (f?.lfs) expect(s.lfs).toEqual({ sha256: f.sha256, size: f.size, pointerSize: lfsPointerText(f.sha256, f.size).length });
      else expect(s.lfs).toBeUndefined();
    }
    expect(body.securityRepoStatus).toBeUndefined();
  });

  test('securityStatus=true (any boolean spelling) adds securityRepoStatus; old pin lists the unsafe pickle', async () => {
    const now = await json(`/api/models/${repo}?blobs=True&securityStatus=1`);
    expect(now.body.securityRepoStatus).toEqual({ scansDone: true, filesWithIssues: [] });
    expect(now.body.siblings[0].blobId).toMatch(/^[0-9a-f]{40}$/);
    const old = await json(`/api/models/${repo}/revision/${shas()[1]}?securityStatus=true`);
    expect(old.body.sha).toBe(shas()[1]);
    expect(old.body.securityRepoStatus).toEqual({ scansDone: true, filesWithIssues: [{ path: 'pytorch_model.bin', level: 'unsafe' }] });
    const fresh = await json('/api/models/Open-OSS/privacy-filter?securityStatus=true');
    expect(fresh.body.securityRepoStatus).toEqual({ scansDone: false, filesWithIssues: [] });
    expect((await json(`/api/models/${repo}?blobs=maybe`)).status).toBe(400);
  });

  test('expand returns exactly _id, id and the requested fields, in both spellings', async () => {
    const a = await json(`/api/models/${repo}?expand=sha&expand=downloads&expand=siblings`);
    expect(Object.keys(a.body).sort()).toEqual(['_id', 'downloads', 'id', 'sha', 'siblings']);
    expect(a.body.sha).toBe(shas()[2]);
    const b = await json(`/api/models/${repo}?expand[]=likes&expand[]=cardData`);
    expect(Object.keys(b.body).sort()).toEqual(['_id', 'cardData', 'id', 'likes']);
    const noData = await json(`/api/models/${repo}?expand=safetensors`);
    expect(Object.keys(noData.body).sort()).toEqual(['_id', 'id']);
  });

  test('expand: unknown key → 400; combined with blobs or securityStatus → 400', async () => {
    const unknown = await json(`/api/models/${repo}?expand=sha&expand=evil`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('"expand[1]" must be one of');
    expect((await json(`/api/models/${repo}?expand=sha&blobs=true`)).status).toBe(400);
    expect((await json(`/api/models/${repo}?expand=sha&securityStatus=true`)).status).toBe(400);
  });

  test('revisions: branch, tag, %2F-encoded ref, refs/heads/, HEAD, full sha; unknown → RevisionNotFound', async () => {
    const sha = async (rev: string) => (await json(`/api/models/${repo}/revision/${rev}?expand=sha`)).body.sha;
    expect(await sha('main')).toBe(shas()[2]);
    expect(await sha('HEAD')).toBe(shas()[2]);
    expect(await sha('v1.0')).toBe(shas()[1]);
    expect(await sha('refs%2Fpr%2F1')).toBe(shas()[1]);
    expect(await sha('refs%2Fheads%2Fmain')).toBe(shas()[2]);
    expect(await sha(shas()[0] ?? '')).toBe(shas()[0]);
    for (const rev of ['nope', 'f'.repeat(40), h.built.repos['acme/gated-model']?.shas[0] ?? '']) {
      const r = await json(`/api/models/${repo}/revision/${rev}`);
      expect(r.status).toBe(404);
      expect(r.headers.get('x-error-code')).toBe('RevisionNotFound');
      expect(r.body.error).toContain(rev);
    }
  });

  test('cardData and config are absent when the files are absent or unparseable', async () => {
    const { body } = await json('/api/models/Open-OSS/privacy-filter');
    expect(body.cardData).toBeUndefined();
    expect(body.config).toBeUndefined();
    expect(body.pipeline_tag).toBeUndefined();
  });
});

describe('commits', () => {
  test('newest first with id/title/message/authors/date; X-Total-Count; absolute Link on p', async () => {
    const first = await json(`/api/models/${repo}/commits/main?limit=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-total-count')).toBe('3');
    expect(first.body).toEqual([
      { id: shas()[2], title: 'Update weights and add scripts', message: '', authors: [{ user: 'alice' }], date: '2023-06-03T00:00:00.000Z' },
      { id: shas()[1], title: 'Add weights', message: 'First weights.', authors: [{ user: 'alice' }, { user: 'bob' }], date: '2023-06-02T00:00:00.000Z' }
    ]);
    const link = first.headers.get('link') ?? '';
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? '';
    expect(next.startsWith(`${base}/api/models/${repo}/commits/main?`)).toBe(true);
    expect(new URL(next).searchParams.get('p')).toBe('1');
    expect(new URL(next).searchParams.get('limit')).toBe('2');
    const second = await fetch(next);
    expect(((await second.json()) as { title: string }[]).map((c) => c.title)).toEqual(['initial commit']);
    expect(second.headers.get('link')).toBeNull();
  });

  test('history of an old pin stops at that pin; bad p/limit → 400', async () => {
    const old = await json(`/api/models/${repo}/commits/${shas()[1]}`);
    expect(old.headers.get('x-total-count')).toBe('2');
    expect(old.body.map((c: { id: string }) => c.id)).toEqual([shas()[1], shas()[0]]);
    expect((await json(`/api/models/${repo}/commits/main?limit=0`)).status).toBe(400);
    expect((await json(`/api/models/${repo}/commits/main?p=-1`)).status).toBe(400);
    expect((await json(`/api/models/${repo}/commits/main?p=5`)).body).toEqual([]);
  });
});

describe('refs', () => {
  test('branches, tags and (on request) pull-request refs', async () => {
    const { body } = await json(`/api/models/${repo}/refs`);
    expect(body).toEqual({
      branches: [{ name: 'main', ref: 'refs/heads/main', targetCommit: shas()[2] }],
      converts: [],
      tags: [{ name: 'v1.0', ref: 'refs/tags/v1.0', targetCommit: shas()[1] }]
    });
    const prs = await json(`/api/models/${repo}/refs?include_prs=1`);
    expect(prs.body.pullRequests).toEqual([{ name: 'refs/pr/1', ref: 'refs/pr/1', targetCommit: shas()[1] }]);
  });
});

describe('accounts', () => {
  test('user overview: ObjectId timestamp == createdAt; case-insensitive; org name → 404', async () => {
    const { status, body } = await json('/api/users/ALICE/overview');
    expect(status).toBe(200);
    expect(body).toMatchObject({ user: 'alice', type: 'user', fullname: 'Alice A', isPro: true, createdAt: '2022-07-14T08:00:00.000Z', numModels: 0 });
    expect(objectIdTime(body._id)).toBe(body.createdAt);
    const org = await json('/api/users/acme/overview');
    expect(org.status).toBe(404);
    expect(org.body).toEqual({ error: 'This user does not exist' });
    expect((await json('/api/users/nobody/overview')).status).toBe(404);
  });

  test('organisation overview has no createdAt; its _id carries the creation second', async () => {
    const { status, body } = await json('/api/organizations/acme/overview');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'acme', type: 'org', fullname: 'Acme Corp', isVerified: true });
    expect(body.createdAt).toBeUndefined();
    expect(objectIdTime(body._id)).toBe(SPEC.accounts[0]?.createdAt);
    // public repos only: privacy-filter, gated-model, disabled-model (secret-model is private)
    expect(body.numModels).toBe(3);
    expect((await json('/api/organizations/alice/overview')).status).toBe(404);
  });

  test('whoami-v2: anonymous 401, token → the user', async () => {
    const anon = await json('/api/whoami-v2');
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({ error: 'Invalid username or password.' });
    const me = await json('/api/whoami-v2', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ type: 'user', name: 'local-user', auth: { type: 'access_token' } });
  });
});
