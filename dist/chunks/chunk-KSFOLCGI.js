
// src/sign/github-attestations.ts
var AttestationsApiError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  status;
};
var REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
var MAX_PAGES = 20;
function headers(token, json) {
  return {
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    "user-agent": "model-gate",
    ...json ? { "content-type": "application/json" } : {},
    ...token ? { authorization: `Bearer ${token}` } : {}
  };
}
function base(opts) {
  if (!REPO.test(opts.repository)) throw new AttestationsApiError(`'${opts.repository}' is not an owner/repo name`, 0);
  return `${opts.apiUrl.replace(/\/+$/, "")}/repos/${opts.repository}/attestations`;
}
async function failure(res, what) {
  let detail = "";
  try {
    const body = await res.json();
    if (typeof body.message === "string") detail = `: ${body.message}`;
  } catch {
  }
  const hint = res.status === 403 ? " (the token needs `attestations: write`, and `id-token: write` to sign)" : res.status === 404 ? " (no such repository, or the token cannot read it)" : "";
  return new AttestationsApiError(`GitHub attestations API: ${what} answered ${res.status}${detail}${hint}`, res.status);
}
function nextLink(link) {
  return link?.split(",").map((p) => /<([^>]+)>;\s*rel="next"/.exec(p)?.[1]).find((u) => u !== void 0);
}
async function listAttestations(opts, sha256Hex, predicateType) {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new AttestationsApiError(`'${sha256Hex}' is not a hex sha256 digest`, 0);
  const f = opts.fetch ?? fetch;
  const q = new URLSearchParams({ per_page: "100", ...predicateType ? { predicate_type: predicateType } : {} });
  let url = `${base(opts)}/sha256:${sha256Hex}?${q}`;
  const out = [];
  for (let page = 0; url !== void 0 && page < MAX_PAGES; page++) {
    const res = await f(url, { headers: headers(opts.token, false) });
    if (res.status === 404) return out;
    if (!res.ok) throw await failure(res, `listing attestations for sha256:${sha256Hex} in ${opts.repository}`);
    const body = await res.json();
    for (const a of Array.isArray(body.attestations) ? body.attestations : []) {
      let bundle = a.bundle;
      if ((bundle === void 0 || bundle === null) && typeof a.bundle_url === "string") {
        const b = await f(a.bundle_url, { headers: headers(void 0, false) });
        if (!b.ok) throw await failure(b, `fetching a bundle for sha256:${sha256Hex}`);
        bundle = await b.json().catch(() => {
          throw new AttestationsApiError(`bundle_url for sha256:${sha256Hex} did not answer JSON; compressed bundles are not read`, 0);
        });
      }
      if (bundle !== void 0 && bundle !== null) out.push({ bundle, ...typeof a.repository_id === "number" ? { repositoryId: a.repository_id } : {} });
    }
    url = nextLink(res.headers.get("link"));
  }
  return out;
}

export {
  listAttestations
};
