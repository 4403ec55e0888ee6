import {
  HubError
} from "./chunk-37FDLS5N.js";
import {
  HEX40,
  HEX64
} from "./chunk-GFTXSUAY.js";
import {
  checkNamespace,
  checkRepoId
} from "./chunk-VLZKHZEN.js";

// src/hub/api/args.ts
function assertRepoId(repo) {
  const problem = checkRepoId(repo);
  if (problem) throw new HubError("invalid-repo-id", `${problem.message}. ${problem.help}`);
}
function assertNamespace(name) {
  const problem = checkNamespace(name);
  if (problem) throw new HubError("invalid-repo-id", `${problem.message}. ${problem.help}`);
}
function assertRevision(revision) {
  if (!HEX40.test(revision)) {
    const hint = /^[0-9a-fA-F]{7,39}$/.test(revision) ? "a short sha is ambiguous and can be made to collide" : /^[0-9a-fA-F]{40}$/.test(revision) ? "write it in lowercase" : "a branch or tag name can be moved to other bytes at any time";
    throw new HubError(
      "invalid-revision",
      `revision '${revision.slice(0, 100)}' is not a full 40-hex commit sha (${hint}); pin the exact commit, e.g. from the repository's "Files and versions" history`
    );
  }
}

// src/core/paths.ts
var MAX_REPO_PATH = 4096;
function unsafePathReason(path) {
  if (path.length === 0) return "is empty";
  if (path.length > MAX_REPO_PATH) return `is longer than ${MAX_REPO_PATH} characters`;
  if (path.includes("\0")) return "contains a NUL byte";
  if (/[\u0001-\u001f\u007f]/.test(path)) return "contains a control character";
  if (path.includes("\\")) return "contains a backslash";
  if (path.startsWith("/")) return "is an absolute path";
  if (/^[A-Za-z]:/.test(path)) return "starts with a drive letter";
  for (const seg of path.split("/")) {
    if (seg === "..") return "has a '..' segment";
    if (seg === ".") return "has a '.' segment";
    if (seg === "") return "has an empty segment";
  }
  if (path === ".git" || path.startsWith(".git/")) return "is inside .git";
  return void 0;
}

// src/hub/shapes/check.ts
var ShapeError = class extends Error {
  constructor(where, expected, got) {
    super(`${where} should be ${expected}, got ${describe(got)}`);
    this.name = "ShapeError";
  }
};
function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}\u2026` : v);
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}
function obj(v, where) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new ShapeError(where, "an object", v);
  return v;
}
function arr(v, where) {
  if (!Array.isArray(v)) throw new ShapeError(where, "an array", v);
  return v;
}
function str(v, where) {
  if (typeof v !== "string") throw new ShapeError(where, "a string", v);
  return v;
}
function optStr(v, where) {
  return v === void 0 || v === null ? void 0 : str(v, where);
}
function bool(v, where) {
  if (typeof v !== "boolean") throw new ShapeError(where, "a boolean", v);
  return v;
}
function optBool(v, where) {
  return v === void 0 || v === null ? void 0 : bool(v, where);
}
function matching(v, re, where, what) {
  const s = str(v, where);
  if (!re.test(s)) throw new ShapeError(where, what, s);
  return s;
}
function count(v, where) {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new ShapeError(where, "a non-negative safe integer", v);
  }
  return v;
}
function optCount(v, where) {
  return v === void 0 || v === null ? void 0 : count(v, where);
}
function isoDate(v, where) {
  const s = str(v, where);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s) || Number.isNaN(Date.parse(s))) throw new ShapeError(where, "an ISO date", s);
  return s;
}
function optIsoDate(v, where) {
  return v === void 0 || v === null ? void 0 : isoDate(v, where);
}
function strArray(v, where) {
  return arr(v, where).map((x, i) => str(x, `${where}[${i}]`));
}

// src/hub/shapes/model-info.ts
var OBJECT_ID = /^[0-9a-f]{24}$/;
var MODEL_EXPAND_KEYS = [
  "author",
  "baseModels",
  "cardData",
  "childrenModelCount",
  "config",
  "createdAt",
  "disabled",
  "downloads",
  "downloadsAllTime",
  "evalResults",
  "gated",
  "gguf",
  "gitalyUid",
  "inference",
  "inferenceProviderMapping",
  "lastModified",
  "library_name",
  "likes",
  "mask_token",
  "model-index",
  "pipeline_tag",
  "private",
  "resourceGroup",
  "safetensors",
  "sha",
  "siblings",
  "spaces",
  "tags",
  "transformersInfo",
  "trendingScore",
  "usedStorage",
  "widgetData",
  "xetEnabled"
];
var DEFAULT_MODEL_KEYS = [
  "_id",
  "id",
  "modelId",
  "author",
  "sha",
  "lastModified",
  "private",
  "gated",
  "disabled",
  "downloads",
  "likes",
  "tags",
  "pipeline_tag",
  "library_name",
  "cardData",
  "config",
  "createdAt",
  "siblings",
  "spaces",
  "usedStorage"
];
function repoId(v, where) {
  const id = str(v, where);
  const problem = checkRepoId(id);
  if (problem) throw new ShapeError(where, "a namespace/name repo id", `${JSON.stringify(id.slice(0, 200))} (${problem.message})`);
  return id;
}
function sibling(v, where) {
  const o = obj(v, where);
  const out = { rfilename: str(o.rfilename, `${where}.rfilename`) };
  const size = optCount(o.size, `${where}.size`);
  if (size !== void 0) out.size = size;
  if (o.blobId !== void 0) out.blobId = matching(o.blobId, HEX40, `${where}.blobId`, "a 40-hex git oid");
  if (o.lfs !== void 0 && o.lfs !== null) {
    const l = obj(o.lfs, `${where}.lfs`);
    const pointerSize = optCount(l.pointerSize, `${where}.lfs.pointerSize`);
    out.lfs = {
      sha256: matching(l.sha256, HEX64, `${where}.lfs.sha256`, "a 64-hex sha256"),
      size: count(l.size, `${where}.lfs.size`),
      ...pointerSize !== void 0 ? { pointerSize } : {}
    };
  }
  return out;
}
function securityRepoStatus(v, where) {
  if (v === void 0 || v === null) return void 0;
  const o = obj(v, where);
  return {
    scansDone: bool(o.scansDone, `${where}.scansDone`),
    filesWithIssues: arr(o.filesWithIssues ?? [], `${where}.filesWithIssues`).map((f, i) => {
      const fo = obj(f, `${where}.filesWithIssues[${i}]`);
      return { path: str(fo.path, `${where}.filesWithIssues[${i}].path`), level: str(fo.level, `${where}.filesWithIssues[${i}].level`) };
    })
  };
}
function parseModelInfo(v) {
  const o = obj(v, "model info");
  const info = {
    _id: matching(o._id, OBJECT_ID, "_id", "a 24-hex ObjectId"),
    id: repoId(o.id, "id"),
    sha: matching(o.sha, HEX40, "sha", "a 40-hex commit")
  };
  const setStr = (k) => {
    const s = optStr(o[k], k);
    if (s !== void 0) info[k] = s;
  };
  setStr("author");
  setStr("pipeline_tag");
  setStr("library_name");
  const createdAt = optIsoDate(o.createdAt, "createdAt");
  if (createdAt !== void 0) info.createdAt = createdAt;
  const lastModified = optIsoDate(o.lastModified, "lastModified");
  if (lastModified !== void 0) info.lastModified = lastModified;
  const priv = optBool(o.private, "private");
  if (priv !== void 0) info.private = priv;
  const disabled = optBool(o.disabled, "disabled");
  if (disabled !== void 0) info.disabled = disabled;
  if (o.gated !== void 0 && o.gated !== null) {
    if (o.gated !== false && o.gated !== "auto" && o.gated !== "manual") {
      throw new ShapeError("gated", "false, 'auto' or 'manual'", o.gated);
    }
    info.gated = o.gated;
  }
  const downloads = optCount(o.downloads, "downloads");
  if (downloads !== void 0) info.downloads = downloads;
  const likes = optCount(o.likes, "likes");
  if (likes !== void 0) info.likes = likes;
  if (o.tags !== void 0 && o.tags !== null) info.tags = strArray(o.tags, "tags");
  if (o.siblings !== void 0 && o.siblings !== null) {
    info.siblings = arr(o.siblings, "siblings").map((s, i) => sibling(s, `siblings[${i}]`));
  }
  const srs = securityRepoStatus(o.securityRepoStatus, "securityRepoStatus");
  if (srs) info.securityRepoStatus = srs;
  if (o.cardData !== void 0) info.cardData = o.cardData;
  if (o.config !== void 0) info.config = o.config;
  return info;
}

// src/hub/shapes/author.ts
function objectIdTime(id) {
  return new Date(parseInt(id.slice(0, 8), 16) * 1e3).toISOString();
}
function authorFrom(o, type, nameKey) {
  const id = matching(o._id, OBJECT_ID, "_id", "a 24-hex ObjectId");
  const createdAt = optIsoDate(o.createdAt, "createdAt");
  const out = {
    name: str(o[nameKey], nameKey),
    type,
    id,
    createdAt: createdAt ?? objectIdTime(id),
    createdAtSource: createdAt ? "createdAt" : "objectId"
  };
  const fullname = optStr(o.fullname, "fullname");
  if (fullname !== void 0) out.fullname = fullname;
  const isVerified = optBool(o.isVerified, "isVerified");
  if (isVerified !== void 0) out.isVerified = isVerified;
  const isPro = optBool(o.isPro, "isPro");
  if (isPro !== void 0) out.isPro = isPro;
  return out;
}
function parseUserOverview(v) {
  return authorFrom(obj(v, "user overview"), "user", "user");
}
function parseOrgOverview(v) {
  return authorFrom(obj(v, "organization overview"), "org", "name");
}

// src/hub/api/pages.ts
function parseLinkNext(header) {
  if (!header) return void 0;
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? "")) return m[1];
  }
  return void 0;
}
function refuseRedirect(answer, what) {
  if (answer.location !== void 0) {
    throw new HubError(
      "unexpected-redirect",
      `${what}: HTTP ${answer.status} redirect; the repository moved \u2014 resolve it with resolveRepo and use the canonical id`,
      { url: answer.url, status: answer.status }
    );
  }
}
async function paginate(http, first, what, maxPages, onPage) {
  const seen = /* @__PURE__ */ new Set();
  let url = first;
  for (let page = 0; page < maxPages; page++) {
    seen.add(url);
    const answer = await http.getJson(url, { what, notFound: "repo-not-found" });
    refuseRedirect(answer, what);
    onPage(answer);
    const link = parseLinkNext(answer.headers.get("link"));
    if (link === void 0) return true;
    let next;
    try {
      next = new URL(link, url);
    } catch {
      throw new HubError("malformed-response", `${what}: unparseable pagination Link`, { url: answer.url });
    }
    if (next.origin !== http.hubOrigin) {
      throw new HubError(
        "foreign-link",
        `${what}: the next page is on ${next.origin}, not the Hub ${http.hubOrigin}; refusing to follow pagination off the Hub`,
        { url: answer.url, expected: http.hubOrigin, actual: next.origin }
      );
    }
    if (seen.has(next.href)) {
      throw new HubError("pagination-loop", `${what}: the next-page Link points back to a page already read`, { url: answer.url });
    }
    url = next.href;
  }
  return false;
}

// src/hub/api/author.ts
function overviewUrl(hubOrigin, kind, name) {
  return `${hubOrigin}/api/${kind}/${name}/overview`;
}
async function overview(http, kind, name) {
  const what = `${kind === "users" ? "user" : "organization"} overview of ${name}`;
  try {
    const answer = await http.getJson(overviewUrl(http.hubOrigin, kind, name), { what, notFound: "author-not-found" });
    refuseRedirect(answer, what);
    return http.validate(answer, what, kind === "users" ? parseUserOverview : parseOrgOverview);
  } catch (err) {
    if (err instanceof HubError && err.code === "author-not-found") return void 0;
    throw err;
  }
}
async function getAuthor(http, name, first = "users") {
  assertNamespace(name);
  const second = first === "users" ? "organizations" : "users";
  const found = await overview(http, first, name) ?? await overview(http, second, name);
  if (!found) {
    throw new HubError(
      "author-not-found",
      `no Hub user or organization named '${name}'; the namespace may have been deleted (and could be re-registered by anyone)`
    );
  }
  return found;
}
function likelyAccountKind(name, commits) {
  const lower = name.toLowerCase();
  return commits.some((c) => c.authors.some((a) => a.user.toLowerCase() === lower)) ? "users" : "organizations";
}

export {
  unsafePathReason,
  ShapeError,
  obj,
  arr,
  str,
  optStr,
  optBool,
  matching,
  count,
  optCount,
  isoDate,
  optIsoDate,
  OBJECT_ID,
  MODEL_EXPAND_KEYS,
  DEFAULT_MODEL_KEYS,
  parseModelInfo,
  assertRepoId,
  assertRevision,
  refuseRedirect,
  paginate,
  getAuthor,
  likelyAccountKind
};
