// A loopback GitHub REST server answering the routes the action uses, recording every request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

export interface GitHubUser {
  login: string;
  id?: number;
}

/** Who a token acts as. `installation` tokens (GITHUB_TOKEN, GitHub Apps) get 403 from `GET /user`, as on GitHub. */
export interface TokenIdentity {
  login: string;
  id: number;
  kind: 'user' | 'installation';
}

/** The workflow token's bot, as GitHub reports it (`GET /users/github-actions[bot]`). */
export const ACTIONS_BOT: TokenIdentity = { login: 'github-actions[bot]', id: 41898282, kind: 'installation' };

export interface GitHubServerState {
  /** `${ref}:${path}` → file text. */
  files: Map<string, string>;
  comments: { id: number; body: string; user: GitHubUser; html_url?: string }[];
  reviews: { id: number; state: string; body: string; commit_id: string; user?: GitHubUser }[];
  /** Issues (`/issues`); anyone with write access may edit any issue, as on GitHub. */
  issues: { number: number; title: string; body: string; state: 'open' | 'closed'; user: GitHubUser }[];
  requests: RecordedRequest[];
  /** Token → identity; tokens not listed act as ACTIONS_BOT. */
  identities: Map<string, TokenIdentity>;
  /** The repository's default branch (contents requests without `ref` read it). Default 'main'. */
  defaultBranch?: string;
  /** Status to answer comment/review writes with (e.g. 403 for a fork PR's read-only token). */
  denyWrites?: number;
  /** Status to answer comment edits (PATCH) with, while creating still works. */
  denyEdits?: number;
  /** Status for `GET /user` and GraphQL `viewer` (e.g. 500: GitHub will not say who the token is). */
  denyIdentity?: number;
  /** Stored attestations (`POST /repos/{o}/{r}/attestations`), indexed by every subject's sha256. */
  attestations: { id: number; bundle: unknown; digests: string[]; predicateType: string }[];
  /** Refuse APPROVE reviews as GitHub does when the repository does not let GitHub Actions approve pull requests (422). */
  refuseApprovals?: boolean;
  /** Status for attestation writes (e.g. 403: the job lacks `attestations: write`). */
  denyAttestations?: number;
  /** The Actions OIDC endpoint (ACTIONS_ID_TOKEN_REQUEST_URL = `${url}/_oidc/token`): token it hands out, and the
   * bearer it requires. */
  oidc?: { token: string; requestToken: string };
}

export interface GitHubServer {
  url: string;
  state: GitHubServerState;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startGitHubServer(owner: string, repo: string): Promise<GitHubServer> {
  const state: GitHubServerState = { files: new Map(), comments: [], reviews: [], issues: [], requests: [], identities: new Map(), attestations: [] };
  let nextId = 1000;
  const prefix = `/repos/${owner}/${repo}`;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readBody(req);
      state.requests.push({ method: req.method ?? '', path: url.pathname + url.search, body, authorization: req.headers.authorization });
      if (url.pathname === '/_oidc/token') {
        const ok = state.oidc && req.headers.authorization === `Bearer ${state.oidc.requestToken}` && url.searchParams.get('audience') === 'sigstore';
        return ok ? send(res, 200, { value: state.oidc!.token }) : send(res, 401, { message: 'bad OIDC request' });
      }
      const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '');
      const me = state.identities.get(token) ?? ACTIONS_BOT;
      const meUser: GitHubUser = { login: me.login, id: me.id };
      if (req.method === 'GET' && url.pathname === '/user') {
        if (state.denyIdentity) return send(res, state.denyIdentity, { message: 'identity unavailable' });
        // As on GitHub: an installation token is not a user.
        if (me.kind === 'installation') return send(res, 403, { message: 'Resource not accessible by integration', status: '403' });
        return send(res, 200, { login: me.login, id: me.id, type: 'User' });
      }
      if (req.method === 'POST' && url.pathname === '/graphql') {
        if (state.denyIdentity) return send(res, state.denyIdentity, { message: 'identity unavailable' });
        const query = String((body as { query?: unknown } | undefined)?.query ?? '');
        if (!/viewer\s*\{[^}]*login/.test(query)) return send(res, 200, { errors: [{ message: `unsupported query: ${query}` }] });
        return send(res, 200, { data: { viewer: { login: me.login, databaseId: me.id } } });
      }
      const p = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null;
      if (p === null) return send(res, 404, { message: 'Not Found' });
      const denied = (): boolean => {
        if (state.denyWrites === undefined) return false;
        send(res, state.denyWrites, { message: 'Resource not accessible by integration' });
        return true;
      };
      let m: RegExpMatchArray | null;
      // Artifact attestations, as GitHub's REST reference describes them: POST {bundle} → 201 {id};
      // GET /attestations/{subject_digest}[?predicate_type=] → 200 {attestations: [{bundle, repository_id}]}.
      if (p === '/attestations' && req.method === 'POST') {
        if (denied()) return;
        if (state.denyAttestations) return send(res, state.denyAttestations, { message: 'Resource not accessible by integration' });
        const bundle = (body as { bundle?: { mediaType?: unknown; dsseEnvelope?: { payload?: unknown } } } | undefined)?.bundle;
        if (!bundle || typeof bundle.mediaType !== 'string' || typeof bundle.dsseEnvelope?.payload !== 'string') return send(res, 422, { message: 'Validation Failed' });
        const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { subject?: { digest?: { sha256?: string } }[]; predicateType?: string };
        const digests = (statement.subject ?? []).flatMap((x) => (x.digest?.sha256 ? [x.digest.sha256] : []));
        if (digests.length === 0) return send(res, 422, { message: 'Validation Failed: no subjects' });
        const id = nextId++;
        state.attestations.push({ id, bundle, digests, predicateType: statement.predicateType ?? '' });
        return send(res, 201, { id });
      }
      if (req.method === 'GET' && (m = p.match(/^\/attestations\/sha256:([0-9a-f]{64})$/))) {
        const type = url.searchParams.get('predicate_type');
        const found = state.attestations.filter((a) => a.digests.includes(m![1]!) && (!type || a.predicateType === type));
        if (found.length === 0) return send(res, 404, { message: 'Not Found' });
        return send(res, 200, { attestations: found.map((a) => ({ bundle: a.bundle, repository_id: 4242 })) });
      }
      if (req.method === 'GET' && (m = p.match(/^\/contents\/(.+)$/))) {
        // Without `ref`, GitHub reads the default branch.
        const text = state.files.get(`${url.searchParams.get('ref') ?? state.defaultBranch ?? 'main'}:${decodeURIComponent(m[1]!)}`);
        if (text === undefined) return send(res, 404, { message: 'Not Found' });
        return send(res, 200, text, { 'content-type': 'application/vnd.github.raw' });
      }
      // Issues, as GitHub's REST reference describes them: GET /issues?state=all (paginated), POST /issues,
      // PATCH /issues/{n} with title/body/state.
      if (p === '/issues') {
        if (req.method === 'GET') {
          const which = url.searchParams.get('state') ?? 'open';
          const list = state.issues.filter((i) => which === 'all' || i.state === which);
          const page = Number(url.searchParams.get('page') ?? '1');
          const per = Number(url.searchParams.get('per_page') ?? '30');
          const last = Math.max(1, Math.ceil(list.length / per));
          const headers: Record<string, string> = {};
          if (page < last) headers.link = `<http://${req.headers.host}${url.pathname}?state=${which}&per_page=${per}&page=${page + 1}>; rel="next"`;
          return send(res, 200, list.slice((page - 1) * per, page * per), headers);
        }
        if (req.method === 'POST') {
          if (denied()) return;
          const b = body as { title: string; body?: string };
          const issue = { number: state.issues.length + state.comments.length + 1, title: b.title, body: b.body ?? '', state: 'open' as const, user: meUser };
          state.issues.push(issue);
          return send(res, 201, issue);
        }
      }
      if (req.method === 'PATCH' && (m = p.match(/^\/issues\/(\d+)$/))) {
        if (denied()) return;
        const issue = state.issues.find((i) => i.number === Number(m![1]));
        if (!issue) return send(res, 404, { message: 'Not Found' });
        const b = body as { title?: string; body?: string; state?: 'open' | 'closed' };
        if (b.title !== undefined) issue.title = b.title;
        if (b.body !== undefined) issue.body = b.body;
        if (b.state !== undefined) issue.state = b.state;
        return send(res, 200, issue);
      }
      if ((m = p.match(/^\/issues\/(\d+)\/comments$/))) {
        if (req.method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? '1');
          const per = Number(url.searchParams.get('per_page') ?? '30');
          const slice = state.comments.slice((page - 1) * per, page * per);
          const last = Math.max(1, Math.ceil(state.comments.length / per));
          const headers: Record<string, string> = {};
          if (page < last) headers.link = `<http://${req.headers.host}${url.pathname}?per_page=${per}&page=${page + 1}>; rel="next"`;
          return send(res, 200, slice, headers);
        }
        if (req.method === 'POST') {
          if (denied()) return;
          const id = nextId++;
          const c = { id, body: (body as { body: string }).body, user: meUser, html_url: `https://github.com/${owner}/${repo}/pull/${m[1]}#issuecomment-${id}` };
          state.comments.push(c);
          return send(res, 201, c);
        }
      }
      if (req.method === 'PATCH' && (m = p.match(/^\/issues\/comments\/(\d+)$/))) {
        if (denied()) return;
        if (state.denyEdits) return send(res, state.denyEdits, { message: 'Resource not accessible by integration' });
        const c = state.comments.find((x) => x.id === Number(m![1]));
        if (!c) return send(res, 404, { message: 'Not Found' });
        // GitHub lets only the author (or a maintainer) edit a comment; the bot is neither for other people's.
        if (c.user.login !== me.login) return send(res, 403, { message: 'You cannot edit this comment' });
        c.body = (body as { body: string }).body;
        return send(res, 200, c);
      }
      if ((m = p.match(/^\/pulls\/(\d+)\/reviews$/))) {
        if (req.method === 'GET') return send(res, 200, state.reviews);
        if (req.method === 'POST') {
          if (denied()) return;
          const b = body as { event: string; body: string; commit_id: string };
          if (b.event === 'APPROVE' && state.refuseApprovals) return send(res, 422, { message: 'Unprocessable Entity', errors: ['GitHub Actions is not permitted to approve pull requests.'] });
          const r = { id: nextId++, state: b.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : b.event === 'APPROVE' ? 'APPROVED' : 'COMMENTED', body: b.body, commit_id: b.commit_id, user: meUser };
          state.reviews.push(r);
          return send(res, 200, r);
        }
      }
      if (req.method === 'PUT' && (m = p.match(/^\/pulls\/(\d+)\/reviews\/(\d+)$/))) {
        if (denied()) return;
        const r = state.reviews.find((x) => x.id === Number(m![2]));
        if (!r) return send(res, 404, { message: 'Not Found' });
        if (r.user?.login !== me.login) return send(res, 403, { message: 'You cannot update this review' });
        r.body = (body as { body: string }).body;
        return send(res, 200, r);
      }
      if (req.method === 'PUT' && (m = p.match(/^\/pulls\/(\d+)\/reviews\/(\d+)\/dismissals$/))) {
        if (denied()) return;
        const r = state.reviews.find((x) => x.id === Number(m![2]));
        if (!r) return send(res, 404, { message: 'Not Found' });
        r.state = 'DISMISSED';
        return send(res, 200, r);
      }
      return send(res, 404, { message: `no route for ${req.method} ${url.pathname}` });
    })().catch((err: unknown) => send(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); })
  };
}
