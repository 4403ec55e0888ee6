// The gateway's Hub origin: the Hub's routes for approved, signed pins only. Every ref of an approved repository
// resolves to its pin; listings, trees and file answers hold only the files the signed manifest lists; file bytes
// come from the content-addressed store, pulled through from upstream on first use and checked on the way out.
// Everything else is refused in the Hub's error shape with a message the client prints. One JSON access-log
// record per request says who asked for what, and whether it was served or refused and why.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ByteConsumer } from '../hub/download.js';
import { lfsPointerText } from '../hub/oid.js';
import type { TreeFile, TreeItem } from '../hub/types.js';
import { unsafePathReason } from '../core/paths.js';
import { readBody, sendBytes, sendError, sendJson } from '../registry/http-util.js';
import type { ApprovedModel } from './approved.js';
import type { ApprovalState } from './approval-state.js';
import type { BlobStore } from './blob-store.js';
import { decide, signatureRefusal, STALE_REFUSAL, type Refusal, type RefusalReason } from './decision.js';
import type { Metrics } from './metrics.js';
import { PullError, type PullThrough } from './pull-through.js';
import { sendVerified, type VerifiedBlobs } from './send-verified.js';
import type { SignedFiles, SignedState } from './signed-model.js';
import { tokenHolder, type ClientToken } from './tokens.js';
import type { UpstreamMeta } from './upstream.js';

export interface AccessRecord {
  time: string;
  client: string;
  /** The token's name, or `anonymous`. Never the token. */
  who: string;
  method: string;
  path: string;
  repo?: string;
  revision?: string;
  commit?: string;
  file?: string;
  status: number;
  outcome: 'served' | 'refused' | 'error';
  reason?: RefusalReason | string;
  message?: string;
  bytes?: number;
  ms: number;
}

export interface GatewayDeps {
  approval: ApprovalState;
  /** The signed state of a pin (cached by the caller). */
  signatures: (repo: string, commit: string) => Promise<SignedState>;
  meta: UpstreamMeta;
  puller: PullThrough;
  store: BlobStore;
  verified: VerifiedBlobs;
  /** Without tokens, every client is served (anonymous). */
  tokens?: readonly ClientToken[];
  metrics: Metrics;
  access: (rec: AccessRecord) => void;
  /** Told of what an operator must know beyond one request (tampered blobs, pull failures). */
  alert: (event: Record<string, unknown>) => void;
  now: () => number;
  /**
   * Files at least this large are answered while they download on a first request (a failed check then cuts the
   * connection short); smaller ones are checked before the answer starts, so a refusal is a clean Hub error.
   */
  streamThroughMinBytes: number;
}

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

class NotFound extends Error {
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message);
  }
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  segs: string[];
  query: string;
  who: string;
  rec: Partial<AccessRecord>;
}

const NOT_FOUND = "Sorry, we can't find the page you are looking for.";

function segments(url: string): { segs: string[]; query: string } {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  const raw = path.split('/').slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const segs = raw.map((s) => {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      throw new NotFound(`Invalid percent-encoding in path segment '${s}'`, 'BadRequest');
    }
    if (d === '.' || d === '..' || d.includes('\0') || d.includes('\\')) throw new NotFound('Invalid path: traversal segments are not allowed', 'BadRequest');
    return d;
  });
  return { segs, query };
}

/** A revision is one segment (maybe `%2F`-encoded) or an unencoded `refs/<kind>/<name>`. */
function takeRevision(segs: string[], i: number): { rev: string; next: number } {
  const first = segs[i];
  if (first === undefined || first === '') throw new NotFound('Missing revision', 'RevisionNotFound');
  if (first === 'refs' && segs.length >= i + 3) return { rev: segs.slice(i, i + 3).join('/'), next: i + 3 };
  return { rev: first, next: i + 1 };
}

function dispositionFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}";`;
}

/** Tree items restricted to the signed files and the folders that hold them. */
function signedTree(tree: readonly TreeItem[], files: SignedFiles): TreeItem[] {
  const dirs = new Set<string>();
  for (const p of files.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return tree.filter((t) => (t.type === 'file' ? files.has(t.path) : dirs.has(t.path)));
}

function treeEntry(t: TreeItem, expand: boolean): Record<string, unknown> {
  if (t.type === 'directory') return { type: 'directory', oid: t.oid, size: 0, path: t.path, ...(expand && t.lastCommit ? { lastCommit: t.lastCommit } : {}) };
  const f = t;
  return {
    type: 'file',
    oid: f.oid,
    size: f.size,
    path: f.path,
    ...(f.lfs ? { lfs: f.lfs } : {}),
    ...(expand && f.lastCommit ? { lastCommit: f.lastCommit } : {}),
    ...(expand && f.securityFileStatus ? { securityFileStatus: f.securityFileStatus } : {})
  };
}

export function gatewayHandler(d: GatewayDeps): (req: IncomingMessage, res: ServerResponse) => void {
  async function authorised(c: Ctx, repo: string, rev: string): Promise<{ model: ApprovedModel; files: SignedFiles }> {
    c.rec.repo = repo;
    c.rec.revision = rev;
    const decision = decide(d.approval.approved, repo, rev);
    if (!decision.ok) throw new Refused(decision.refusal);
    c.rec.commit = decision.model.revision;
    const state = await d.signatures(decision.model.repo, decision.model.revision);
    const refusal = signatureRefusal(decision.model, state);
    if (refusal || state.state !== 'valid') throw new Refused(refusal!);
    return { model: decision.model, files: state.files };
  }

  function requireMethod(c: Ctx, allowed: string[]): void {
    if (!allowed.includes(c.method)) {
      c.res.setHeader('Allow', allowed.join(', '));
      throw new NotFound(`Method ${c.method} is not allowed here; use ${allowed.join(' or ')}`, 'MethodNotAllowed');
    }
  }

  async function modelInfo(c: Ctx, repo: string, rest: string[]): Promise<void> {
    requireMethod(c, ['GET', 'HEAD']);
    let rev = 'main';
    if (rest.length > 0) {
      if (rest[0] !== 'revision') throw new NotFound(NOT_FOUND, 'NotFound');
      const t = takeRevision(rest, 1);
      if (t.next !== rest.length) throw new NotFound(NOT_FOUND, 'NotFound');
      rev = t.rev;
    }
    const { model, files } = await authorised(c, repo, rev);
    const doc = { ...(await upstream(() => d.meta.info(model.repo, model.revision, c.query))) };
    doc['sha'] = model.revision;
    if (Array.isArray(doc['siblings'])) doc['siblings'] = (doc['siblings'] as { rfilename?: unknown }[]).filter((s) => typeof s.rfilename === 'string' && files.has(s.rfilename));
    sendJson(c.res, 200, doc);
  }

  async function tree(c: Ctx, repo: string, rest: string[]): Promise<void> {
    requireMethod(c, ['GET', 'HEAD']);
    const { rev, next } = takeRevision(rest, 1);
    const dir = rest.slice(next).join('/');
    const { model, files } = await authorised(c, repo, rev);
    const q = new URLSearchParams(c.query);
    const recursive = ['true', 'True', '1'].includes(q.get('recursive') ?? '');
    const expand = ['true', 'True', '1'].includes(q.get('expand') ?? '');
    const items = signedTree(await upstream(() => d.meta.tree(model.repo, model.revision)), files);
    if (dir && !items.some((t) => t.type === 'directory' && t.path === dir)) throw new NotFound(`Entry not found: '${dir}' is not a directory at ${model.revision}`, 'EntryNotFound');
    const prefix = dir ? `${dir}/` : '';
    const page = items.filter((t) => t.path.startsWith(prefix) && (recursive || !t.path.slice(prefix.length).includes('/')));
    sendJson(c.res, 200, page.map((t) => treeEntry(t, expand)));
  }

  async function pathsInfo(c: Ctx, repo: string, rest: string[]): Promise<void> {
    requireMethod(c, ['POST']);
    const { rev, next } = takeRevision(rest, 1);
    if (next !== rest.length) throw new NotFound(NOT_FOUND, 'NotFound');
    const { model, files } = await authorised(c, repo, rev);
    const body = await readBody(c.req, 1024 * 1024);
    const type = (c.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    let paths: unknown;
    let expand = false;
    if (type === 'application/json') {
      try {
        const j = JSON.parse(body.toString('utf8')) as { paths?: unknown; expand?: unknown };
        paths = j.paths;
        expand = j.expand === true || j.expand === 'true';
      } catch {
        throw new NotFound('Malformed JSON body', 'BadRequest');
      }
    } else {
      const form = new URLSearchParams(body.toString('utf8'));
      paths = form.getAll('paths');
      expand = form.get('expand') === 'true';
    }
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw new NotFound('"paths" must be an array of strings', 'BadRequest');
    const items = signedTree(await upstream(() => d.meta.tree(model.repo, model.revision)), files);
    const wanted = new Set((paths as string[]).map((p) => p.replace(/\/+$/, '')));
    sendJson(c.res, 200, items.filter((t) => wanted.has(t.path)).map((t) => treeEntry(t, expand)));
  }

  async function refs(c: Ctx, repo: string): Promise<void> {
    requireMethod(c, ['GET', 'HEAD']);
    const { model } = await authorised(c, repo, 'main');
    sendJson(c.res, 200, { branches: [{ name: 'main', ref: 'refs/heads/main', targetCommit: model.revision }], converts: [], tags: [] });
  }

  async function listModels(c: Ctx): Promise<void> {
    requireMethod(c, ['GET', 'HEAD']);
    const q = new URLSearchParams(c.query);
    const search = (q.get('search') ?? '').toLowerCase();
    const author = q.get('author')?.toLowerCase();
    const limit = Math.min(Number(q.get('limit') ?? 1000) || 1000, 1000);
    const out: Record<string, unknown>[] = [];
    for (const m of d.approval.approved.all().sort((a, b) => (a.repo < b.repo ? -1 : 1))) {
      if (out.length >= limit) break;
      if (!m.repo.toLowerCase().includes(search) || (author !== undefined && m.repo.split('/')[0]?.toLowerCase() !== author)) continue;
      if ((await d.signatures(m.repo, m.revision)).state !== 'valid') continue;
      let info: Record<string, unknown> = {};
      try {
        info = await d.meta.info(m.repo, m.revision, '');
      } catch (e) {
        d.alert({ event: 'upstream-info-failed', repo: m.repo, commit: m.revision, error: (e as Error).message });
      }
      const item: Record<string, unknown> = { _id: info['_id'] ?? m.repo, id: m.repo, modelId: m.repo, sha: m.revision };
      for (const k of ['likes', 'downloads', 'trendingScore', 'private', 'tags', 'pipeline_tag', 'library_name', 'createdAt']) if (info[k] !== undefined) item[k] = info[k];
      item['private'] = false;
      out.push(item);
    }
    sendJson(c.res, 200, out);
  }

  async function upstream<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      d.metrics.inc('gateway_upstream_failures_total', { kind: 'metadata' });
      throw new Refused({ status: 502, code: 'UpstreamError', reason: 'upstream-failed', message: `the upstream Hub could not be read: ${(e as Error).message}` });
    }
  }

  async function file(c: Ctx, repo: string, kind: 'resolve' | 'raw', rest: string[]): Promise<void> {
    requireMethod(c, ['GET', 'HEAD']);
    const { rev, next } = takeRevision(rest, 0);
    const path = rest.slice(next).join('/');
    c.rec.file = path;
    if (path === '' || unsafePathReason(path)) throw new NotFound('Entry not found', 'EntryNotFound');
    const { model, files } = await authorised(c, repo, rev);
    const sha256 = files.get(path);
    if (sha256 === undefined) {
      throw new Refused({
        status: 404,
        code: 'EntryNotFound',
        reason: 'not-signed-file',
        message: `Entry not found: '${path}' is not among the signed files of ${model.repo}@${model.revision}`
      });
    }
    const item = (await upstream(() => d.meta.tree(model.repo, model.revision))).find((t): t is TreeFile => t.type === 'file' && t.path === path);
    if (!item) throw new Refused({ status: 502, code: 'UpstreamError', reason: 'upstream-failed', message: `the upstream Hub no longer lists signed file '${path}' of ${model.repo}@${model.revision}` });
    const headers: Record<string, string | number> = {
      'X-Repo-Commit': model.revision,
      ETag: `"${item.lfs ? sha256 : item.oid}"`,
      'Cache-Control': 'private, max-age=0, must-revalidate',
      'Content-Type': 'application/octet-stream'
    };
    if (item.lfs) {
      headers['X-Linked-Etag'] = `"${sha256}"`;
      headers['X-Linked-Size'] = item.size;
    }
    if (kind === 'raw' && item.lfs) {
      sendBytes(c.req, c.res, Buffer.from(lfsPointerText(sha256, item.size), 'latin1'), { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    if (kind === 'resolve') headers['Content-Disposition'] = dispositionFor(path);
    const pull = { repo: model.repo, commit: model.revision, item, sha256 };
    // Two tries: a stored blob found altered is removed and fetched again once; a second mismatch is refused.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const streamable = c.method === 'GET' && c.req.headers.range === undefined && item.size > 0 && item.size >= d.streamThroughMinBytes;
        if (streamable && !(await d.store.stat(sha256))) {
          // The first client is answered while the file downloads; its last chunk waits for every check.
          const sink = streamingSink(c, item.size, headers);
          if ((await d.puller.fetchStreaming(pull, sink)) === 'fetched' && c.res.headersSent) {
            await sink.finish();
            return;
          }
        } else if (attempt === 0) await d.puller.ensure(pull);
        else await d.puller.fetchOnce(pull);
      } catch (e) {
        if (c.res.headersSent) {
          // Bytes already went out: cut the connection short of its Content-Length, so nothing completes.
          c.res.destroy();
          c.rec.outcome = 'refused';
          c.rec.bytes = undefined;
        }
        d.metrics.inc('gateway_upstream_failures_total', { kind: 'file' });
        d.alert({ event: 'pull-through-failed', repo: model.repo, commit: model.revision, file: path, error: (e as Error).message });
        const reason = e instanceof PullError && e.reason === 'upstream-mismatch' ? 'tampered' : 'upstream-failed';
        throw new Refused({ status: 502, code: 'UpstreamError', reason, message: `${path} of ${model.repo}@${model.revision} could not be fetched and verified: ${(e as Error).message}` });
      }
      const info = await d.store.stat(sha256);
      if (!info) continue;
      const sent = await sendVerified(c.req, c.res, d.store, d.verified, sha256, info, headers, (n) => (c.rec.bytes = n));
      if (sent.kind === 'sent') return;
      if (sent.kind === 'aborted') {
        c.rec.outcome = 'error';
        c.rec.reason = 'aborted';
        c.rec.message = sent.detail;
        return;
      }
      d.metrics.inc('gateway_tampered_blobs_total');
      d.alert({ event: 'stored-blob-mismatch', sha256, repo: model.repo, file: path, action: sent.kind === 'cut' ? 'connection cut before the body completed; blob removed' : 'blob removed and refetched' });
      await d.store.remove(sha256);
      if (sent.kind === 'cut') {
        c.rec.outcome = 'refused';
        c.rec.reason = 'tampered';
        c.rec.message = 'stored bytes did not match the signed digest; connection cut before the body completed';
        return;
      }
    }
    throw new Refused({ status: 502, code: 'UpstreamError', reason: 'tampered', message: `${path} of ${model.repo}@${model.revision}: the stored bytes do not match the signed sha256 even after refetching; refused` });
  }

  /** A download consumer writing to the response as bytes arrive, all but the last chunk (sent by finish()). */
  function streamingSink(c: Ctx, size: number, headers: Record<string, string | number>): ByteConsumer & { finish(): Promise<void> } {
    let seen = 0;
    let held: Buffer | undefined;
    const out = (chunk: Uint8Array): Promise<void> =>
      new Promise((resolve) => {
        if (c.res.destroyed) return resolve();
        const done = (): void => {
          c.res.off('close', done);
          resolve();
        };
        c.res.once('close', done);
        c.res.write(chunk, done);
      });
    return {
      // Each chunk is written before write() resolves, except the last, which is copied.
      borrowsChunks: true,
      async write(chunk) {
        if (!c.res.headersSent) {
          c.res.writeHead(200, { ...headers, 'Accept-Ranges': 'bytes', 'Content-Length': size });
          c.rec.bytes = size;
        }
        seen += chunk.byteLength;
        if (seen >= size) held = Buffer.from(chunk);
        else await out(chunk);
      },
      async finish() {
        if (held) await out(held);
        await new Promise<void>((resolve) => c.res.end(resolve));
      }
    };
  }

  function whoami(c: Ctx): void {
    requireMethod(c, ['GET', 'HEAD']);
    if (c.who === 'anonymous') throw new Refused({ status: 401, code: 'Unauthorized', reason: 'unauthenticated', message: 'Invalid username or password.' });
    sendJson(c.res, 200, {
      type: 'user', id: '000000000000000000000000', name: c.who, fullname: c.who, email: null, emailVerified: false, canPay: false, isPro: false, periodEnd: null,
      avatarUrl: '', orgs: [], auth: { type: 'access_token', accessToken: { displayName: 'model-gate gateway', role: 'read' } }
    });
  }

  async function route(c: Ctx): Promise<void> {
    const s = c.segs;
    if (s[0] === 'api') {
      if (s[1] === 'models' && s.length === 2) return listModels(c);
      if (s[1] === 'whoami-v2' && s.length === 2) return whoami(c);
      if (s[1] === 'models' && s.length >= 4) {
        const repo = `${s[2]}/${s[3]}`;
        const rest = s.slice(4);
        switch (rest[0]) {
          case undefined:
          case 'revision':
            return modelInfo(c, repo, rest);
          case 'tree':
            return tree(c, repo, rest);
          case 'paths-info':
            return pathsInfo(c, repo, rest);
          case 'refs':
            return refs(c, repo);
        }
      }
    } else if (s.length >= 4 && (s[2] === 'resolve' || s[2] === 'raw')) {
      return file(c, `${s[0]}/${s[1]}`, s[2], s.slice(3));
    }
    throw new NotFound(NOT_FOUND, 'NotFound');
  }

  return (req, res) => {
    const started = d.now();
    const method = req.method ?? 'GET';
    const rec: Partial<AccessRecord> = {};
    let who = 'anonymous';
    res.on('close', () => {
      // A body that did not complete (client gone, store failed, or cut on a digest mismatch) was not served.
      if (!res.writableFinished && rec.outcome === undefined) {
        rec.outcome = 'error';
        rec.reason = 'aborted';
      }
      if (!res.writableFinished) rec.bytes = undefined;
      const outcome = rec.outcome ?? (res.statusCode < 400 ? 'served' : res.statusCode >= 500 && rec.reason === undefined ? 'error' : 'refused');
      d.metrics.inc('gateway_requests_total', { outcome, reason: String(rec.reason ?? (outcome === 'served' ? 'approved' : 'other')) });
      if (rec.bytes) d.metrics.inc('gateway_served_bytes_total', {}, rec.bytes);
      d.access({
        time: new Date(started).toISOString(),
        client: req.socket.remoteAddress ?? 'unknown',
        who,
        method,
        path: (req.url ?? '').split('?')[0] ?? '',
        ...rec,
        status: res.statusCode,
        outcome,
        ms: d.now() - started
      });
    });
    const fail = (err: unknown): void => {
      if (err instanceof Refused) {
        rec.reason = err.refusal.reason;
        rec.message = err.refusal.message;
      } else if (!(err instanceof NotFound)) {
        rec.outcome = 'error';
        rec.message = (err as Error).message;
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof Refused) sendError(res, err.refusal.status, err.refusal.message, err.refusal.code);
      else if (err instanceof NotFound) sendError(res, err.code === 'BadRequest' ? 400 : err.code === 'MethodNotAllowed' ? 405 : 404, err.message, err.code);
      else sendError(res, 500, `Internal gateway error: ${(err as Error).message}`);
    };
    try {
      const { segs, query } = segments(req.url ?? '/');
      if (d.tokens) {
        const holder = tokenHolder(d.tokens, req.headers.authorization);
        if (!holder) {
          throw new Refused({
            status: 401,
            code: 'Unauthorized',
            reason: 'unauthenticated',
            message: req.headers.authorization === undefined ? 'This gateway needs an access token: set HF_TOKEN to the token you were given.' : 'Invalid credentials in Authorization header'
          });
        }
        who = holder;
      }
      if (!d.approval.fresh()) throw new Refused(STALE_REFUSAL(d.approval.ageSeconds(), d.approval.lastError));
      route({ req, res, method, segs, query, who, rec }).catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}
