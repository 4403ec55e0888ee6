// GitHub's artifact attestations API, where `gh attestation verify` looks: store a Sigstore bundle with
// `POST /repos/{owner}/{repo}/attestations` (body `{bundle}`, 201 `{id}`; needs `attestations: write`), and find
// bundles by subject digest with `GET /repos/{owner}/{repo}/attestations/sha256:{hex}` (200 `{attestations:
// [{bundle, repository_id, bundle_url?}]}`, paged by `after` cursors in the Link header). Plain fetch, so the
// CLI and the action share it; nothing found here is trusted until verified.

export interface AttestationsClientOptions {
  /** `https://api.github.com`, or GITHUB_API_URL (GitHub Enterprise), or a loopback test server. */
  apiUrl: string;
  /** `owner/repo` holding the attestations (the repository whose sign workflow made them). */
  repository: string;
  token?: string;
  fetch?: typeof fetch;
}

export class AttestationsApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
  }
}

export interface StoredAttestation {
  bundle: unknown;
  repositoryId?: number;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** Enough for any model's bundles; a digest with more is someone filling the list (every page is still read). */
const MAX_PAGES = 20;

function headers(token: string | undefined, json: boolean): Record<string, string> {
  return {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'model-gate',
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {})
  };
}

function base(opts: AttestationsClientOptions): string {
  if (!REPO.test(opts.repository)) throw new AttestationsApiError(`'${opts.repository}' is not an owner/repo name`, 0);
  return `${opts.apiUrl.replace(/\/+$/, '')}/repos/${opts.repository}/attestations`;
}

async function failure(res: Response, what: string): Promise<AttestationsApiError> {
  let detail = '';
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body.message === 'string') detail = `: ${body.message}`;
  } catch {
    // no JSON body; the status says enough
  }
  const hint = res.status === 403 ? ' (the token needs `attestations: write`, and `id-token: write` to sign)' : res.status === 404 ? ' (no such repository, or the token cannot read it)' : '';
  return new AttestationsApiError(`GitHub attestations API: ${what} answered ${res.status}${detail}${hint}`, res.status);
}

/** Stores one bundle; returns GitHub's attestation id. */
export async function createAttestation(opts: AttestationsClientOptions, bundle: unknown): Promise<number> {
  const f = opts.fetch ?? fetch;
  const res = await f(base(opts), { method: 'POST', headers: headers(opts.token, true), body: JSON.stringify({ bundle }) });
  if (res.status !== 201 && res.status !== 200) throw await failure(res, `storing an attestation in ${opts.repository}`);
  const body = (await res.json()) as { id?: unknown };
  return typeof body.id === 'number' ? body.id : 0;
}

function nextLink(link: string | null): string | undefined {
  return link?.split(',').map((p) => /<([^>]+)>;\s*rel="next"/.exec(p)?.[1]).find((u) => u !== undefined);
}

/** Every bundle stored for a sha256 subject digest (hex), following pages; bundle_url-only entries are fetched. */
export async function listAttestations(opts: AttestationsClientOptions, sha256Hex: string, predicateType?: string): Promise<StoredAttestation[]> {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new AttestationsApiError(`'${sha256Hex}' is not a hex sha256 digest`, 0);
  const f = opts.fetch ?? fetch;
  const q = new URLSearchParams({ per_page: '100', ...(predicateType ? { predicate_type: predicateType } : {}) });
  let url: string | undefined = `${base(opts)}/sha256:${sha256Hex}?${q}`;
  const out: StoredAttestation[] = [];
  for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
    const res = await f(url, { headers: headers(opts.token, false) });
    if (res.status === 404) return out; // GitHub answers 404 when nothing is stored for the digest
    if (!res.ok) throw await failure(res, `listing attestations for sha256:${sha256Hex} in ${opts.repository}`);
    const body = (await res.json()) as { attestations?: { bundle?: unknown; bundle_url?: unknown; repository_id?: unknown }[] };
    for (const a of Array.isArray(body.attestations) ? body.attestations : []) {
      let bundle = a.bundle;
      if ((bundle === undefined || bundle === null) && typeof a.bundle_url === 'string') {
        const b = await f(a.bundle_url, { headers: headers(undefined, false) });
        if (!b.ok) throw await failure(b, `fetching a bundle for sha256:${sha256Hex}`);
        // Inline bundles are what API version 2022-11-28 returns; a bundle_url that is not plain JSON is refused.
        bundle = await b.json().catch(() => {
          throw new AttestationsApiError(`bundle_url for sha256:${sha256Hex} did not answer JSON; compressed bundles are not read`, 0);
        });
      }
      if (bundle !== undefined && bundle !== null) out.push({ bundle, ...(typeof a.repository_id === 'number' ? { repositoryId: a.repository_id } : {}) });
    }
    url = nextLink(res.headers.get('link'));
  }
  return out;
}
