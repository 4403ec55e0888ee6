// The Hub origin: routes, auth, redirects, rate limits and errors, answering in the real Hub's shapes
// (hub-api.md). Repository data comes from a loaded Store; LFS bytes are handed to the CDN origin by signed 302s.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { lfsPointerText } from '../hub/oid.js';
import { unsafePathReason } from '../core/paths.js';
import type { CdnSigner } from './cdn-url.js';
import { BodyError, readBody, sendBytes, sendError, sendFile, sendJson, type Headers } from './http-util.js';
import { DEFAULT_LIST_KEYS, LIST_SORT_KEYS, MODEL_EXPAND_KEYS, type ApiModelInfo, type ApiModelListItem, type ApiTreeEntry } from '../hub/shapes/index.js';
import {
  commitItem,
  fileItem,
  dirItem,
  modelFields,
  modelInfoDefault,
  modelInfoExpanded,
  orgOverview,
  pathItem,
  refsDocument,
  userOverview,
  type CardFiles
} from './answers.js';
import { isValidName, isValidRepoId } from './names.js';
import type { Bucket, RateDecision } from './rate-limit.js';
import type { Store, StoreCommit, StoreFile, StoreRepo } from './store.js';

export interface HubContext {
  store: Store;
  /** Absolute base of this origin, for Link headers. */
  hubUrl: () => string;
  cdn: CdnSigner;
  /** The one accepted access token; without it no request is authenticated. */
  token?: string;
  /** Account whoami-v2 reports for the token. */
  tokenUser?: string;
  treePageSize: number;
  treeExpandPageSize: number;
  limit: (client: string, bucket: Bucket) => RateDecision;
  now: () => number;
  log?: (line: string) => void;
}

export const MAX_BODY = 1024 * 1024;
const ANON_MESSAGE = 'Invalid username or password.';
const DISABLED_MESSAGE = 'Access to this resource is disabled.';
const MAX_PATHS = 10_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string
  ) {
    super(message);
  }
}

type Auth = 'anonymous' | 'valid';

interface Req {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  rawSegs: string[];
  segs: string[];
  rawPath: string;
  query: URLSearchParams;
  rawQuery: string;
  auth: Auth;
}

function parseBool(q: URLSearchParams, key: string): boolean {
  const v = q.get(key);
  if (v === null) return false;
  if (v === 'true' || v === 'True' || v === '1') return true;
  if (v === 'false' || v === 'False' || v === '0' || v === '') return false;
  throw new HttpError(400, `"${key}" must be a boolean`);
}

function parseBoolValue(v: unknown, key: string): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'string') {
    if (v === 'true' || v === 'True' || v === '1') return true;
    if (v === 'false' || v === 'False' || v === '0' || v === '') return false;
  }
  throw new HttpError(400, `"${key}" must be a boolean`);
}

function parseIntParam(q: URLSearchParams, key: string, dflt: number, min: number, max: number): number {
  const v = q.get(key);
  if (v === null) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new HttpError(400, `"${key}" must be an integer between ${min} and ${max}`);
  return Number(v);
}

/** Splits a request target into raw and decoded segments, refusing traversal and malformed escapes. */
function splitTarget(url: string): { rawPath: string; rawQuery: string; rawSegs: string[]; segs: string[] } {
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  if (!rawPath.startsWith('/')) throw new HttpError(400, 'Invalid request target');
  const rawSegs = rawPath.slice(1).split('/');
  if (rawSegs.length > 1 && rawSegs[rawSegs.length - 1] === '') rawSegs.pop();
  const segs = rawSegs.map((raw) => {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, `Invalid percent-encoding in path segment '${raw}'`);
    }
    if (seg === '.' || seg === '..' || seg.includes('\0') || seg.includes('\\')) throw new HttpError(400, 'Invalid path: traversal segments are not allowed');
    return seg;
  });
  if (segs.slice(0, -1).some((s) => s === '')) throw new HttpError(400, 'Invalid path: empty segment');
  return { rawPath, rawQuery, rawSegs, segs };
}

/** A revision is one segment (possibly `%2F`-encoded) or an unencoded `refs/<kind>/<name>`. */
function takeRevision(segs: string[], i: number): { rev: string; next: number } {
  const first = segs[i];
  if (first === undefined || first === '') throw new HttpError(400, 'Missing revision');
  if (first === 'refs' && segs.length >= i + 3) return { rev: segs.slice(i, i + 3).join('/'), next: i + 3 };
  return { rev: first, next: i + 1 };
}

function filePathOf(segs: string[]): string {
  const path = segs.join('/');
  const bad = unsafePathReason(path);
  if (bad) throw new HttpError(400, `Invalid file path: '${path}' ${bad}`);
  return path;
}

function textType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const text = ['md', 'txt', 'json', 'py', 'yaml', 'yml', 'cfg', 'toml', 'ini', 'jinja', 'js', 'ts', 'sh', 'csv', 'gitattributes', 'ipynb', 'html', 'xml', 'tsv', 'model_card'];
  return text.includes(ext) || !path.includes('.') ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

function dispositionFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}";`;
}

export function hubHandler(ctx: HubContext): (req: IncomingMessage, res: ServerResponse) => void {
  const cardCache = new Map<string, ApiModelInfo>();

  async function readSmall(f: StoreFile | undefined): Promise<string | undefined> {
    if (!f || f.size > MAX_BODY) return undefined;
    return readFile(ctx.store.objectPath(f.sha256), 'utf8');
  }

  async function fieldsOf(repo: StoreRepo, commit: StoreCommit): Promise<ApiModelInfo> {
    const key = `${repo.id}@${commit.id}`;
    const cached = cardCache.get(key);
    if (cached) return cached;
    const snap = ctx.store.snapshot(repo, commit);
    const files: CardFiles = {};
    const readme = await readSmall(snap.files.get('README.md'));
    const config = await readSmall(snap.files.get('config.json'));
    const tokenizerConfig = await readSmall(snap.files.get('tokenizer_config.json'));
    if (readme !== undefined) files.readme = readme;
    if (config !== undefined) files.config = config;
    if (tokenizerConfig !== undefined) files.tokenizerConfig = tokenizerConfig;
    const fields = modelFields(repo, commit, snap, files);
    if (cardCache.size > 1000) cardCache.clear();
    cardCache.set(key, fields);
    return fields;
  }

  function authOf(req: IncomingMessage): Auth {
    const header = req.headers.authorization;
    if (header === undefined) return 'anonymous';
    const m = /^Bearer (\S+)$/i.exec(header.trim());
    if (ctx.token !== undefined && m?.[1] === ctx.token) return 'valid';
    throw new HttpError(401, 'Invalid credentials in Authorization header');
  }

  function requireMethod(r: Req, allowed: string[]): void {
    if (!allowed.includes(r.method)) {
      r.res.setHeader('Allow', allowed.join(', '));
      throw new HttpError(405, `Method ${r.method} is not allowed here; use ${allowed.join(' or ')}`);
    }
  }

  function notFoundRepo(r: Req): never {
    if (r.auth === 'anonymous') throw new HttpError(401, ANON_MESSAGE);
    throw new HttpError(404, 'Repository not found', 'RepoNotFound');
  }

  function revisionOf(repo: StoreRepo, rev: string): StoreCommit {
    const found = ctx.store.resolveRevision(repo, rev);
    if (found.kind === 'missing') throw new HttpError(404, `Invalid rev id: ${rev}`, 'RevisionNotFound');
    return found.commit;
  }

  /** Repo addressed by segs[at], segs[at+1]: served, redirected (307) or refused. */
  function repoAt(r: Req, at: number): StoreRepo | undefined {
    const id = `${r.segs[at]}/${r.segs[at + 1]}`;
    if (!isValidRepoId(id)) notFoundRepo(r);
    const found = ctx.store.lookup(id);
    if (found.kind === 'missing') notFoundRepo(r);
    if (found.kind === 'redirect') {
      // Never reveal, through a redirect, that a private repository exists.
      const target = ctx.store.lookup(found.to);
      if (target.kind === 'repo' && target.repo.private && r.auth !== 'valid') notFoundRepo(r);
      const [ns, name] = found.to.split('/') as [string, string];
      const segs = [...r.rawSegs];
      segs.splice(at, 2, encodeURIComponent(ns), encodeURIComponent(name));
      const location = `/${segs.join('/')}${r.rawQuery ? `?${r.rawQuery}` : ''}`;
      const body = `Temporary Redirect. Redirecting to ${location}`;
      r.res.writeHead(307, { Location: location, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      r.res.end(r.method === 'HEAD' ? undefined : body);
      return undefined;
    }
    const repo = found.repo;
    if (repo.private && r.auth !== 'valid') notFoundRepo(r);
    return repo;
  }

  function refuseDisabled(repo: StoreRepo): void {
    if (repo.disabled) throw new HttpError(403, DISABLED_MESSAGE);
  }

  function nextLink(r: Req, set: Record<string, string>): string {
    const q = new URLSearchParams(r.rawQuery);
    for (const [k, v] of Object.entries(set)) q.set(k, v);
    return `<${ctx.hubUrl()}${r.rawPath}?${q.toString()}>; rel="next"`;
  }

  async function modelInfo(r: Req, repo: StoreRepo, rest: string[]): Promise<void> {
    requireMethod(r, ['GET', 'HEAD']);
    let rev = 'main';
    if (rest.length > 0) {
      if (rest[0] !== 'revision') throw new HttpError(404, 'Sorry, we can\'t find the page you are looking for.');
      const t = takeRevision(rest, 1);
      if (t.next !== rest.length) throw new HttpError(404, 'Sorry, we can\'t find the page you are looking for.');
      rev = t.rev;
    }
    const expand = [...r.query.getAll('expand'), ...r.query.getAll('expand[]')];
    if (expand.length > 0 && (r.query.has('blobs') || r.query.has('securityStatus'))) {
      throw new HttpError(400, '"expand" cannot be combined with "blobs" or "securityStatus"');
    }
    expand.forEach((k, i) => {
      if (!(MODEL_EXPAND_KEYS as readonly string[]).includes(k)) {
        throw new HttpError(400, `"expand[${i}]" must be one of [${MODEL_EXPAND_KEYS.join(', ')}]`);
      }
    });
    const blobs = parseBool(r.query, 'blobs');
    const securityStatus = parseBool(r.query, 'securityStatus');
    const commit = revisionOf(repo, rev);
    const fields = await fieldsOf(repo, commit);
    const snap = ctx.store.snapshot(repo, commit);
    const doc = expand.length > 0 ? modelInfoExpanded(fields, expand) : modelInfoDefault(fields, repo, snap, { blobs, securityStatus });
    sendJson(r.res, 200, doc);
  }

  function tree(r: Req, repo: StoreRepo, rest: string[]): void {
    requireMethod(r, ['GET', 'HEAD']);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 1);
    const dir = rest.length > next ? filePathOf(rest.slice(next)) : '';
    const recursive = parseBool(r.query, 'recursive');
    const expand = parseBool(r.query, 'expand');
    const commit = revisionOf(repo, rev);
    const snap = ctx.store.snapshot(repo, commit);
    if (dir && !snap.dirs.has(dir)) throw new HttpError(404, `Entry not found: '${dir}' is not a directory at ${commit.id}`, 'EntryNotFound');
    const cursor = r.query.get('cursor');
    let after: string | undefined;
    if (cursor !== null) {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { a?: unknown }).a !== 'string') throw new Error('shape');
        after = (parsed as { a: string }).a;
      } catch {
        throw new HttpError(400, 'Invalid cursor');
      }
    }
    const prefix = dir ? `${dir}/` : '';
    const afterBuf = after === undefined ? undefined : Buffer.from(after);
    const pageSize = expand ? ctx.treeExpandPageSize : ctx.treePageSize;
    const page: string[] = [];
    let more = false;
    for (const p of snap.paths) {
      if (!p.startsWith(prefix) || (!recursive && p.slice(prefix.length).includes('/'))) continue;
      if (afterBuf && Buffer.compare(Buffer.from(p), afterBuf) <= 0) continue;
      if (page.length === pageSize) {
        more = true;
        break;
      }
      page.push(p);
    }
    const items = page.map((p) => {
      const f = snap.files.get(p);
      return f ? fileItem(f, expand) : dirItem(snap.dirs.get(p) ?? { path: p, oid: '', lastCommit: commit }, expand);
    });
    const headers: Headers = {};
    const last = page[page.length - 1];
    if (more && last !== undefined) headers['Link'] = nextLink(r, { cursor: Buffer.from(JSON.stringify({ a: last })).toString('base64url') });
    sendJson(r.res, 200, items, headers);
  }

  async function pathsInfo(r: Req, repo: StoreRepo, rest: string[]): Promise<void> {
    requireMethod(r, ['POST']);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 1);
    if (next !== rest.length) throw new HttpError(404, 'Sorry, we can\'t find the page you are looking for.');
    let body: Buffer;
    try {
      body = await readBody(r.req, MAX_BODY);
    } catch (e) {
      if (e instanceof BodyError) throw new HttpError(e.status, e.message);
      throw e;
    }
    const type = (r.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let paths: unknown;
    let expandRaw: unknown;
    if (type === 'application/json') {
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (e) {
        throw new HttpError(400, `Malformed JSON body: ${(e as Error).message}`);
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new HttpError(400, 'Body must be a JSON object {"paths": [...], "expand": bool}');
      paths = (json as Record<string, unknown>)['paths'];
      expandRaw = (json as Record<string, unknown>)['expand'];
    } else if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(body.toString('utf8'));
      paths = form.getAll('paths');
      expandRaw = form.get('expand') ?? undefined;
    } else {
      throw new HttpError(415, `Unsupported Content-Type '${type}'; send application/json or application/x-www-form-urlencoded`);
    }
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw new HttpError(400, '"paths" must be an array of strings');
    if (paths.length > MAX_PATHS) throw new HttpError(400, `"paths" may hold at most ${MAX_PATHS} entries`);
    const expand = parseBoolValue(expandRaw, 'expand');
    const commit = revisionOf(repo, rev);
    const snap = ctx.store.snapshot(repo, commit);
    const seen = new Set<string>();
    const items: ApiTreeEntry[] = [];
    for (const p of paths as string[]) {
      const path = p.replace(/\/+$/, '');
      if (seen.has(path)) continue;
      seen.add(path);
      const item = pathItem(snap, path, expand);
      if (item) items.push(item);
    }
    sendJson(r.res, 200, items);
  }

  function commits(r: Req, repo: StoreRepo, rest: string[]): void {
    requireMethod(r, ['GET', 'HEAD']);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 1);
    if (next !== rest.length) throw new HttpError(404, 'Sorry, we can\'t find the page you are looking for.');
    const p = parseIntParam(r.query, 'p', 0, 0, 1_000_000);
    const limit = parseIntParam(r.query, 'limit', 50, 1, 1000);
    const commit = revisionOf(repo, rev);
    const history = repo.commits.slice(0, commit.index + 1).reverse();
    const page = history.slice(p * limit, (p + 1) * limit);
    const headers: Headers = { 'X-Total-Count': history.length };
    if ((p + 1) * limit < history.length) headers['Link'] = nextLink(r, { p: String(p + 1) });
    sendJson(r.res, 200, page.map(commitItem), headers);
  }

  function refs(r: Req, repo: StoreRepo, rest: string[]): void {
    requireMethod(r, ['GET', 'HEAD']);
    refuseDisabled(repo);
    if (rest.length !== 1) throw new HttpError(404, 'Sorry, we can\'t find the page you are looking for.');
    sendJson(r.res, 200, refsDocument(repo, parseBool(r.query, 'include_prs')));
  }

  async function resolve(r: Req, repo: StoreRepo, kind: 'resolve' | 'raw', rest: string[]): Promise<void> {
    requireMethod(r, ['GET', 'HEAD']);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 0);
    if (rest.length <= next) throw new HttpError(404, 'Entry not found', 'EntryNotFound');
    const path = filePathOf(rest.slice(next));
    if (repo.gated !== false && r.auth !== 'valid') {
      throw new HttpError(
        401,
        `Access to model ${repo.id} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
        'GatedRepo'
      );
    }
    const commit = revisionOf(repo, rev);
    const file = ctx.store.snapshot(repo, commit).files.get(path);
    if (!file) throw new HttpError(404, 'Entry not found', 'EntryNotFound');
    const headers: Headers = { 'X-Repo-Commit': commit.id, ETag: `"${file.gitOid}"`, 'Cache-Control': 'private, max-age=0, must-revalidate' };
    if (file.lfs && kind === 'raw') {
      sendBytes(r.req, r.res, Buffer.from(lfsPointerText(file.sha256, file.size), 'latin1'), { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    if (file.lfs) {
      const location = ctx.cdn.sign(file.sha256, path.slice(path.lastIndexOf('/') + 1), Math.floor(ctx.now() / 1000));
      const body = `Found. Redirecting to ${location}`;
      r.res.writeHead(302, {
        Location: location,
        'X-Repo-Commit': commit.id,
        'X-Linked-Etag': `"${file.sha256}"`,
        'X-Linked-Size': file.size,
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(body)
      });
      r.res.end(r.method === 'HEAD' ? undefined : body);
      return;
    }
    await sendFile(
      r.req,
      r.res,
      ctx.store.objectPath(file.sha256),
      file.size,
      { ...headers, 'Content-Type': textType(path), ...(kind === 'resolve' ? { 'Content-Disposition': dispositionFor(path) } : {}) },
      (status, message) => sendError(r.res, status, message)
    );
  }

  function whoami(r: Req): void {
    requireMethod(r, ['GET', 'HEAD']);
    if (r.auth !== 'valid') throw new HttpError(401, ANON_MESSAGE);
    const name = ctx.tokenUser ?? 'local-user';
    const account = ctx.store.account(name);
    sendJson(r.res, 200, {
      type: 'user',
      id: account?._id ?? '000000000000000000000000',
      name: account?.name ?? name,
      fullname: account?.fullname ?? name,
      email: null,
      emailVerified: false,
      canPay: false,
      isPro: account?.isPro ?? false,
      periodEnd: null,
      avatarUrl: `${ctx.hubUrl()}/avatars/${name}.svg`,
      orgs: [],
      auth: { type: 'access_token', accessToken: { displayName: 'model-gate local registry', role: 'read' } }
    });
  }

  function overview(r: Req, kind: 'users' | 'organizations'): void {
    requireMethod(r, ['GET', 'HEAD']);
    const name = r.segs[2] ?? '';
    const account = isValidName(name) ? ctx.store.account(name) : undefined;
    const numModels = account ? ctx.store.reposOf(account.name).filter((repo) => !repo.private).length : 0;
    if (kind === 'users') {
      if (!account || account.type !== 'user') throw new HttpError(404, 'This user does not exist');
      sendJson(r.res, 200, userOverview(account, numModels, ctx.hubUrl()));
    } else {
      if (!account || account.type !== 'org') throw new HttpError(404, 'This organization does not exist');
      sendJson(r.res, 200, orgOverview(account, numModels, ctx.hubUrl()));
    }
  }

  /**
   * `GET /api/models?search=&author=&sort=&direction=&limit=&expand=`: public repositories (and private ones for the
   * token's owner) whose id contains `search`, case-insensitively, sorted, at most `limit` (1000 by default and at
   * most). Items carry the list fields, or exactly `_id`, `id` and the expanded keys.
   */
  async function listModels(r: Req): Promise<void> {
    requireMethod(r, ['GET', 'HEAD']);
    const search = (r.query.get('search') ?? '').toLowerCase();
    const author = r.query.get('author')?.toLowerCase();
    const sort = r.query.get('sort');
    if (sort !== null && !(LIST_SORT_KEYS as readonly string[]).includes(sort)) {
      throw new HttpError(400, `"sort" must be one of [${LIST_SORT_KEYS.join(', ')}]`);
    }
    const direction = r.query.get('direction') ?? '-1';
    if (direction !== '-1' && direction !== '1') throw new HttpError(400, '"direction" must be one of [-1, 1]');
    const limitText = r.query.get('limit');
    const limit = limitText === null ? 1000 : Number(limitText);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new HttpError(400, '"limit" must be a positive integer');
    const expand = [...r.query.getAll('expand'), ...r.query.getAll('expand[]')];
    expand.forEach((k, i) => {
      if (!(MODEL_EXPAND_KEYS as readonly string[]).includes(k)) throw new HttpError(400, `"expand[${i}]" must be one of [${MODEL_EXPAND_KEYS.join(', ')}]`);
    });
    const visible = ctx.store.allRepos().filter((repo) =>
      (!repo.private || r.auth === 'valid') && !repo.disabled &&
      repo.id.toLowerCase().includes(search) && (author === undefined || repo.id.split('/')[0]?.toLowerCase() === author));
    const found: { item: ApiModelListItem; fields: Record<string, unknown> }[] = [];
    for (const repo of visible) {
      const head = repo.branches['main'];
      if (!head) continue;
      const fields = (await fieldsOf(repo, revisionOf(repo, head))) as unknown as Record<string, unknown>;
      const doc: Record<string, unknown> = { _id: fields._id, id: fields.id };
      for (const k of expand.length > 0 ? expand : DEFAULT_LIST_KEYS) if (fields[k] !== undefined) doc[k] = fields[k];
      found.push({ item: doc as unknown as ApiModelListItem, fields });
    }
    if (sort !== null) {
      const key = (f: Record<string, unknown>): number | string => {
        const v = f[sort];
        return typeof v === 'number' || typeof v === 'string' ? v : 0;
      };
      const sign = direction === '1' ? 1 : -1;
      found.sort((a, b) => {
        const ka = key(a.fields);
        const kb = key(b.fields);
        return (ka < kb ? -1 : ka > kb ? 1 : 0) * sign || (a.item.id < b.item.id ? -1 : 1);
      });
    }
    sendJson(r.res, 200, found.slice(0, Math.min(limit, 1000)).map((f) => f.item));
  }

  async function route(r: Req): Promise<void> {
    const s = r.segs;
    if (s[0] === 'api') {
      if (s[1] === 'models' && s.length === 2) return listModels(r);
      if (s[1] === 'whoami-v2' && s.length === 2) return whoami(r);
      if ((s[1] === 'users' || s[1] === 'organizations') && s.length === 4 && s[3] === 'overview') return overview(r, s[1]);
      if (s[1] === 'models' && s.length >= 4) {
        const repo = repoAt(r, 2);
        if (!repo) return;
        const rest = s.slice(4);
        switch (rest[0]) {
          case undefined:
          case 'revision':
            return modelInfo(r, repo, rest);
          case 'tree':
            return tree(r, repo, rest);
          case 'paths-info':
            return pathsInfo(r, repo, rest);
          case 'commits':
            return commits(r, repo, rest);
          case 'refs':
            return refs(r, repo, rest);
        }
      }
    } else if (s.length >= 3 && (s[2] === 'resolve' || s[2] === 'raw')) {
      const repo = repoAt(r, 0);
      if (!repo) return;
      return resolve(r, repo, s[2], s.slice(3));
    }
    throw new HttpError(404, 'Sorry, we can\'t find the page you are looking for.');
  }

  return (req, res) => {
    const started = ctx.now();
    const method = req.method ?? 'GET';
    res.setHeader('X-Request-Id', `Root=1-${randomBytes(12).toString('hex')}`);
    res.on('finish', () => ctx.log?.(`hub ${method} ${req.url ?? ''} ${res.statusCode} ${ctx.now() - started}ms`));
    const fail = (err: unknown): void => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) sendError(res, err.status, err.message, err.code);
      else sendError(res, 500, `Internal registry error: ${err instanceof Error ? err.message : String(err)}`);
    };
    try {
      const target = splitTarget(req.url ?? '/');
      const bucket: Bucket = target.segs[0] !== 'api' && (target.segs[2] === 'resolve' || target.segs[2] === 'raw') ? 'resolvers' : 'api';
      const decision = ctx.limit(req.socket.remoteAddress ?? 'unknown', bucket);
      for (const [k, v] of Object.entries(decision.headers)) res.setHeader(k, v);
      if (!decision.allowed) {
        res.setHeader('Retry-After', String(decision.retryAfter));
        throw new HttpError(429, `You have exceeded the rate limit for ${bucket} requests; retry in ${decision.retryAfter} seconds.`);
      }
      const r: Req = { req, res, method, ...target, query: new URLSearchParams(target.rawQuery), auth: authOf(req) };
      route(r).catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}

