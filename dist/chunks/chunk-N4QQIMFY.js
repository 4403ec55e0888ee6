import {
  BodyError,
  readBody,
  sendBytes,
  sendError,
  sendFile,
  sendJson
} from "./chunk-3GFYJNPL.js";
import {
  FAILSAFE_SCHEMA,
  load
} from "./chunk-PEH7TTTG.js";
import {
  DEFAULT_LIST_KEYS,
  LIST_SORT_KEYS
} from "./chunk-RMNU2W7L.js";
import {
  DEFAULT_MODEL_KEYS,
  MODEL_EXPAND_KEYS,
  unsafePathReason
} from "./chunk-53ORRVB5.js";
import {
  HEX40,
  HEX64,
  lfsPointerOid,
  lfsPointerText
} from "./chunk-GFTXSUAY.js";
import {
  checkNamespace,
  checkRepoId
} from "./chunk-VLZKHZEN.js";

// src/registry/server.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { createServer } from "node:http";

// src/registry/cdn-url.ts
import { createHmac, timingSafeEqual } from "node:crypto";
function cdnSigner(cdnUrl, key, ttlSeconds = 3600) {
  const mac = (path, expires, disposition) => createHmac("sha256", key).update(`${path}
${expires}
${disposition}`).digest("hex");
  return {
    sign(sha256, filename, nowSeconds) {
      const path = `/repos/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
      const expires = String(nowSeconds + ttlSeconds);
      const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, "_")}";`;
      const q = new URLSearchParams({ "response-content-disposition": disposition, Expires: expires, Signature: mac(path, expires, disposition) });
      return `${cdnUrl}${path}?${q.toString()}`;
    },
    verify(url, nowSeconds) {
      const m = /^\/repos\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(url.pathname);
      const sha256 = m?.[3];
      if (!m || !sha256 || !HEX64.test(sha256) || m[1] !== sha256.slice(0, 2) || m[2] !== sha256.slice(2, 4)) {
        return { ok: false, reason: "No such object" };
      }
      const expires = url.searchParams.get("Expires") ?? "";
      const disposition = url.searchParams.get("response-content-disposition") ?? "";
      const given = Buffer.from(url.searchParams.get("Signature") ?? "", "utf8");
      const want = Buffer.from(mac(url.pathname, expires, disposition), "utf8");
      if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: "Invalid signature" };
      if (!/^\d+$/.test(expires) || Number(expires) < nowSeconds) return { ok: false, reason: "Request has expired" };
      return { ok: true, sha256, disposition };
    }
  };
}

// src/registry/hub-handler.ts
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";

// src/registry/card.ts
function cardDataOf(readme) {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(readme);
  if (!m) return void 0;
  try {
    const doc = load(m[1] ?? "", { schema: FAILSAFE_SCHEMA, maxAliases: 100, maxDepth: 50 });
    return typeof doc === "object" && doc !== null && !Array.isArray(doc) ? doc : void 0;
  } catch {
    return void 0;
  }
}
var CONFIG_KEYS = ["architectures", "model_type", "auto_map", "quantization_config", "task_specific_params", "custom_pipelines"];
var TOKENIZER_KEYS = ["bos_token", "eos_token", "pad_token", "unk_token", "sep_token", "cls_token", "mask_token", "chat_template", "auto_map", "tokenizer_class"];
function parseObject(text) {
  if (text === void 0) return void 0;
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
  } catch {
    return void 0;
  }
}
function pick(o, keys) {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(o, k)).map((k) => [k, o[k]]));
}
function configOf(configJson, tokenizerConfigJson) {
  const config = parseObject(configJson);
  if (!config) return void 0;
  const out = pick(config, CONFIG_KEYS);
  const tok = parseObject(tokenizerConfigJson);
  if (tok) out["tokenizer_config"] = pick(tok, TOKENIZER_KEYS);
  return out;
}

// src/registry/answers.ts
function pointerSize(f) {
  return Buffer.byteLength(lfsPointerText(f.sha256, f.size), "latin1");
}
function securityFileStatus(scan) {
  const status = scan?.status ?? "unscanned";
  const out = {
    status,
    avScan: { status: scan?.avScan ?? status },
    pickleImportScan: { status: scan?.pickleImportScan ?? status, ...scan?.pickleImports ? { pickleImports: scan.pickleImports } : {} }
  };
  if (scan?.protectAiScan) out.protectAiScan = { status: scan.protectAiScan };
  return out;
}
function lastCommitOf(c) {
  return { id: c.id, title: c.title, date: c.date };
}
function fileItem(f, expand) {
  const item = {
    type: "file",
    oid: f.gitOid,
    size: f.size,
    ...f.lfs ? { lfs: { oid: f.sha256, size: f.size, pointerSize: pointerSize(f) } } : {},
    path: f.path
  };
  if (expand) {
    item.lastCommit = lastCommitOf(f.lastCommit);
    item.securityFileStatus = securityFileStatus(f.scan);
  }
  return item;
}
function dirItem(d, expand) {
  const item = { type: "directory", oid: d.oid, size: 0, path: d.path };
  if (expand) item.lastCommit = lastCommitOf(d.lastCommit);
  return item;
}
function pathItem(snap, path, expand) {
  const f = snap.files.get(path);
  if (f) return fileItem(f, expand);
  const d = snap.dirs.get(path);
  return d ? dirItem(d, expand) : void 0;
}
function sortedFiles(snap) {
  return snap.paths.flatMap((p) => {
    const f = snap.files.get(p);
    return f ? [f] : [];
  });
}
var ISSUE_LEVELS = /* @__PURE__ */ new Set(["caution", "suspicious", "unsafe"]);
function securityRepoStatus(repo, snap) {
  const filesWithIssues = sortedFiles(snap).filter((f) => ISSUE_LEVELS.has(f.scan?.status ?? "")).map((f) => ({ path: f.path, level: f.scan?.status ?? "unscanned" }));
  return { scansDone: repo.scansDone, filesWithIssues };
}
function modelFields(repo, commit, snap, files) {
  const cardData = files.readme === void 0 ? void 0 : cardDataOf(files.readme);
  const config = configOf(files.config, files.tokenizerConfig);
  const fields = {
    _id: repo._id,
    id: repo.id,
    modelId: repo.id,
    author: repo.id.split("/")[0],
    sha: commit.id,
    lastModified: commit.date,
    createdAt: repo.createdAt,
    private: repo.private,
    gated: repo.gated,
    disabled: repo.disabled,
    downloads: repo.downloads,
    downloadsAllTime: repo.downloads,
    likes: repo.likes,
    trendingScore: 0,
    tags: repo.tags,
    spaces: [],
    siblings: sortedFiles(snap).map((f) => ({ rfilename: f.path })),
    usedStorage: repo.usedStorage,
    xetEnabled: false
  };
  if (repo.pipeline_tag !== void 0) fields.pipeline_tag = repo.pipeline_tag;
  if (repo.library_name !== void 0) fields.library_name = repo.library_name;
  if (cardData) fields.cardData = cardData;
  if (config) fields.config = config;
  return fields;
}
function copyKeys(doc, fields, keys) {
  const from = fields;
  const to = doc;
  for (const k of keys) if (from[k] !== void 0) to[k] = from[k];
}
function modelInfoDefault(fields, repo, snap, opts) {
  const doc = { _id: fields._id, id: fields.id };
  copyKeys(doc, fields, DEFAULT_MODEL_KEYS);
  if (opts.blobs) {
    doc.siblings = sortedFiles(snap).map((f) => ({
      rfilename: f.path,
      size: f.size,
      blobId: f.gitOid,
      ...f.lfs ? { lfs: { sha256: f.sha256, size: f.size, pointerSize: pointerSize(f) } } : {}
    }));
  }
  if (opts.securityStatus) doc.securityRepoStatus = securityRepoStatus(repo, snap);
  return doc;
}
function modelInfoExpanded(fields, keys) {
  const doc = { _id: fields._id, id: fields.id };
  copyKeys(doc, fields, keys);
  return doc;
}
function commitItem(c) {
  return { id: c.id, title: c.title, message: c.message, authors: c.authors.map((user) => ({ user })), date: c.date };
}
function refsDocument(repo, includePrs) {
  const byName = ([a], [b]) => a < b ? -1 : a > b ? 1 : 0;
  const all = Object.entries(repo.branches).sort(byName);
  const ref = (name, refName, targetCommit) => ({ name, ref: refName, targetCommit });
  const doc = {
    branches: all.filter(([n]) => !n.startsWith("refs/")).map(([n, t]) => ref(n, `refs/heads/${n}`, t)),
    converts: all.filter(([n]) => n.startsWith("refs/convert/")).map(([n, t]) => ref(n.slice("refs/convert/".length), n, t)),
    tags: Object.entries(repo.tags_refs).sort(byName).map(([n, t]) => ref(n, `refs/tags/${n}`, t))
  };
  if (includePrs) doc.pullRequests = all.filter(([n]) => /^refs\/pr\/\d+$/.test(n)).map(([n, t]) => ref(n, n, t));
  return doc;
}
function userOverview(a, numModels, hubUrl) {
  return {
    _id: a._id,
    avatarUrl: `${hubUrl}/avatars/${a.name}.svg`,
    isPro: a.isPro,
    fullname: a.fullname,
    user: a.name,
    type: "user",
    createdAt: a.createdAt,
    numModels,
    numDatasets: 0,
    numSpaces: 0,
    numDiscussions: 0,
    numPapers: 0,
    numUpvotes: 0,
    numLikes: 0,
    numFollowers: 0,
    numFollowing: 0,
    orgs: [],
    isFollowing: false
  };
}
function orgOverview(a, numModels, hubUrl) {
  return {
    _id: a._id,
    avatarUrl: `${hubUrl}/avatars/${a.name}.svg`,
    fullname: a.fullname,
    name: a.name,
    type: "org",
    isVerified: a.isVerified,
    isEnterprise: false,
    plan: a.isPro ? "team" : "free",
    numUsers: 1,
    numModels,
    numDatasets: 0,
    numSpaces: 0,
    numFollowers: 0,
    numPapers: 0,
    isFollowing: false
  };
}

// src/registry/names.ts
function isValidName(name) {
  return checkNamespace(name) === null;
}
function isValidRepoId(id) {
  return checkRepoId(id) === null;
}

// src/registry/hub-handler.ts
var MAX_BODY = 1024 * 1024;
var ANON_MESSAGE = "Invalid username or password.";
var DISABLED_MESSAGE = "Access to this resource is disabled.";
var MAX_PATHS = 1e4;
var HttpError = class extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
  status;
  code;
};
function parseBool(q, key) {
  const v = q.get(key);
  if (v === null) return false;
  if (v === "true" || v === "True" || v === "1") return true;
  if (v === "false" || v === "False" || v === "0" || v === "") return false;
  throw new HttpError(400, `"${key}" must be a boolean`);
}
function parseBoolValue(v, key) {
  if (v === void 0 || v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === "string") {
    if (v === "true" || v === "True" || v === "1") return true;
    if (v === "false" || v === "False" || v === "0" || v === "") return false;
  }
  throw new HttpError(400, `"${key}" must be a boolean`);
}
function parseIntParam(q, key, dflt, min, max) {
  const v = q.get(key);
  if (v === null) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new HttpError(400, `"${key}" must be an integer between ${min} and ${max}`);
  return Number(v);
}
function splitTarget(url) {
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? "" : url.slice(q + 1);
  if (!rawPath.startsWith("/")) throw new HttpError(400, "Invalid request target");
  const rawSegs = rawPath.slice(1).split("/");
  if (rawSegs.length > 1 && rawSegs[rawSegs.length - 1] === "") rawSegs.pop();
  const segs = rawSegs.map((raw) => {
    let seg;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, `Invalid percent-encoding in path segment '${raw}'`);
    }
    if (seg === "." || seg === ".." || seg.includes("\0") || seg.includes("\\")) throw new HttpError(400, "Invalid path: traversal segments are not allowed");
    return seg;
  });
  if (segs.slice(0, -1).some((s) => s === "")) throw new HttpError(400, "Invalid path: empty segment");
  return { rawPath, rawQuery, rawSegs, segs };
}
function takeRevision(segs, i) {
  const first = segs[i];
  if (first === void 0 || first === "") throw new HttpError(400, "Missing revision");
  if (first === "refs" && segs.length >= i + 3) return { rev: segs.slice(i, i + 3).join("/"), next: i + 3 };
  return { rev: first, next: i + 1 };
}
function filePathOf(segs) {
  const path = segs.join("/");
  const bad = unsafePathReason(path);
  if (bad) throw new HttpError(400, `Invalid file path: '${path}' ${bad}`);
  return path;
}
function textType(path) {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const text = ["md", "txt", "json", "py", "yaml", "yml", "cfg", "toml", "ini", "jinja", "js", "ts", "sh", "csv", "gitattributes", "ipynb", "html", "xml", "tsv", "model_card"];
  return text.includes(ext) || !path.includes(".") ? "text/plain; charset=utf-8" : "application/octet-stream";
}
function dispositionFor(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}";`;
}
function hubHandler(ctx) {
  const cardCache = /* @__PURE__ */ new Map();
  async function readSmall(f) {
    if (!f || f.size > MAX_BODY) return void 0;
    return readFile(ctx.store.objectPath(f.sha256), "utf8");
  }
  async function fieldsOf(repo, commit) {
    const key = `${repo.id}@${commit.id}`;
    const cached = cardCache.get(key);
    if (cached) return cached;
    const snap = ctx.store.snapshot(repo, commit);
    const files = {};
    const readme = await readSmall(snap.files.get("README.md"));
    const config = await readSmall(snap.files.get("config.json"));
    const tokenizerConfig = await readSmall(snap.files.get("tokenizer_config.json"));
    if (readme !== void 0) files.readme = readme;
    if (config !== void 0) files.config = config;
    if (tokenizerConfig !== void 0) files.tokenizerConfig = tokenizerConfig;
    const fields = modelFields(repo, commit, snap, files);
    if (cardCache.size > 1e3) cardCache.clear();
    cardCache.set(key, fields);
    return fields;
  }
  function authOf(req) {
    const header = req.headers.authorization;
    if (header === void 0) return "anonymous";
    const m = /^Bearer (\S+)$/i.exec(header.trim());
    if (ctx.token !== void 0 && m?.[1] === ctx.token) return "valid";
    throw new HttpError(401, "Invalid credentials in Authorization header");
  }
  function requireMethod(r, allowed) {
    if (!allowed.includes(r.method)) {
      r.res.setHeader("Allow", allowed.join(", "));
      throw new HttpError(405, `Method ${r.method} is not allowed here; use ${allowed.join(" or ")}`);
    }
  }
  function notFoundRepo(r) {
    if (r.auth === "anonymous") throw new HttpError(401, ANON_MESSAGE);
    throw new HttpError(404, "Repository not found", "RepoNotFound");
  }
  function revisionOf(repo, rev) {
    const found = ctx.store.resolveRevision(repo, rev);
    if (found.kind === "missing") throw new HttpError(404, `Invalid rev id: ${rev}`, "RevisionNotFound");
    return found.commit;
  }
  function repoAt(r, at) {
    const id = `${r.segs[at]}/${r.segs[at + 1]}`;
    if (!isValidRepoId(id)) notFoundRepo(r);
    const found = ctx.store.lookup(id);
    if (found.kind === "missing") notFoundRepo(r);
    if (found.kind === "redirect") {
      const target = ctx.store.lookup(found.to);
      if (target.kind === "repo" && target.repo.private && r.auth !== "valid") notFoundRepo(r);
      const [ns, name] = found.to.split("/");
      const segs = [...r.rawSegs];
      segs.splice(at, 2, encodeURIComponent(ns), encodeURIComponent(name));
      const location = `/${segs.join("/")}${r.rawQuery ? `?${r.rawQuery}` : ""}`;
      const body = `Temporary Redirect. Redirecting to ${location}`;
      r.res.writeHead(307, { Location: location, "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
      r.res.end(r.method === "HEAD" ? void 0 : body);
      return void 0;
    }
    const repo = found.repo;
    if (repo.private && r.auth !== "valid") notFoundRepo(r);
    return repo;
  }
  function refuseDisabled(repo) {
    if (repo.disabled) throw new HttpError(403, DISABLED_MESSAGE);
  }
  function nextLink(r, set) {
    const q = new URLSearchParams(r.rawQuery);
    for (const [k, v] of Object.entries(set)) q.set(k, v);
    return `<${ctx.hubUrl()}${r.rawPath}?${q.toString()}>; rel="next"`;
  }
  async function modelInfo(r, repo, rest) {
    requireMethod(r, ["GET", "HEAD"]);
    let rev = "main";
    if (rest.length > 0) {
      if (rest[0] !== "revision") throw new HttpError(404, "Sorry, we can't find the page you are looking for.");
      const t = takeRevision(rest, 1);
      if (t.next !== rest.length) throw new HttpError(404, "Sorry, we can't find the page you are looking for.");
      rev = t.rev;
    }
    const expand = [...r.query.getAll("expand"), ...r.query.getAll("expand[]")];
    if (expand.length > 0 && (r.query.has("blobs") || r.query.has("securityStatus"))) {
      throw new HttpError(400, '"expand" cannot be combined with "blobs" or "securityStatus"');
    }
    expand.forEach((k, i) => {
      if (!MODEL_EXPAND_KEYS.includes(k)) {
        throw new HttpError(400, `"expand[${i}]" must be one of [${MODEL_EXPAND_KEYS.join(", ")}]`);
      }
    });
    const blobs = parseBool(r.query, "blobs");
    const securityStatus = parseBool(r.query, "securityStatus");
    const commit = revisionOf(repo, rev);
    const fields = await fieldsOf(repo, commit);
    const snap = ctx.store.snapshot(repo, commit);
    const doc = expand.length > 0 ? modelInfoExpanded(fields, expand) : modelInfoDefault(fields, repo, snap, { blobs, securityStatus });
    sendJson(r.res, 200, doc);
  }
  function tree(r, repo, rest) {
    requireMethod(r, ["GET", "HEAD"]);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 1);
    const dir = rest.length > next ? filePathOf(rest.slice(next)) : "";
    const recursive = parseBool(r.query, "recursive");
    const expand = parseBool(r.query, "expand");
    const commit = revisionOf(repo, rev);
    const snap = ctx.store.snapshot(repo, commit);
    if (dir && !snap.dirs.has(dir)) throw new HttpError(404, `Entry not found: '${dir}' is not a directory at ${commit.id}`, "EntryNotFound");
    const cursor = r.query.get("cursor");
    let after;
    if (cursor !== null) {
      try {
        const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
        if (typeof parsed !== "object" || parsed === null || typeof parsed.a !== "string") throw new Error("shape");
        after = parsed.a;
      } catch {
        throw new HttpError(400, "Invalid cursor");
      }
    }
    const prefix = dir ? `${dir}/` : "";
    const afterBuf = after === void 0 ? void 0 : Buffer.from(after);
    const pageSize = expand ? ctx.treeExpandPageSize : ctx.treePageSize;
    const page = [];
    let more = false;
    for (const p of snap.paths) {
      if (!p.startsWith(prefix) || !recursive && p.slice(prefix.length).includes("/")) continue;
      if (afterBuf && Buffer.compare(Buffer.from(p), afterBuf) <= 0) continue;
      if (page.length === pageSize) {
        more = true;
        break;
      }
      page.push(p);
    }
    const items = page.map((p) => {
      const f = snap.files.get(p);
      return f ? fileItem(f, expand) : dirItem(snap.dirs.get(p) ?? { path: p, oid: "", lastCommit: commit }, expand);
    });
    const headers = {};
    const last = page[page.length - 1];
    if (more && last !== void 0) headers["Link"] = nextLink(r, { cursor: Buffer.from(JSON.stringify({ a: last })).toString("base64url") });
    sendJson(r.res, 200, items, headers);
  }
  async function pathsInfo(r, repo, rest) {
    requireMethod(r, ["POST"]);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 1);
    if (next !== rest.length) throw new HttpError(404, "Sorry, we can't find the page you are looking for.");
    let body;
    try {
      body = await readBody(r.req, MAX_BODY);
    } catch (e) {
      if (e instanceof BodyError) throw new HttpError(e.status, e.message);
      throw e;
    }
    const type = (r.req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    let paths;
    let expandRaw;
    if (type === "application/json") {
      let json;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch (e) {
        throw new HttpError(400, `Malformed JSON body: ${e.message}`);
      }
      if (typeof json !== "object" || json === null || Array.isArray(json)) throw new HttpError(400, 'Body must be a JSON object {"paths": [...], "expand": bool}');
      paths = json["paths"];
      expandRaw = json["expand"];
    } else if (type === "application/x-www-form-urlencoded") {
      const form = new URLSearchParams(body.toString("utf8"));
      paths = form.getAll("paths");
      expandRaw = form.get("expand") ?? void 0;
    } else {
      throw new HttpError(415, `Unsupported Content-Type '${type}'; send application/json or application/x-www-form-urlencoded`);
    }
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== "string")) throw new HttpError(400, '"paths" must be an array of strings');
    if (paths.length > MAX_PATHS) throw new HttpError(400, `"paths" may hold at most ${MAX_PATHS} entries`);
    const expand = parseBoolValue(expandRaw, "expand");
    const commit = revisionOf(repo, rev);
    const snap = ctx.store.snapshot(repo, commit);
    const seen = /* @__PURE__ */ new Set();
    const items = [];
    for (const p of paths) {
      const path = p.replace(/\/+$/, "");
      if (seen.has(path)) continue;
      seen.add(path);
      const item = pathItem(snap, path, expand);
      if (item) items.push(item);
    }
    sendJson(r.res, 200, items);
  }
  function commits(r, repo, rest) {
    requireMethod(r, ["GET", "HEAD"]);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 1);
    if (next !== rest.length) throw new HttpError(404, "Sorry, we can't find the page you are looking for.");
    const p = parseIntParam(r.query, "p", 0, 0, 1e6);
    const limit = parseIntParam(r.query, "limit", 50, 1, 1e3);
    const commit = revisionOf(repo, rev);
    const history = repo.commits.slice(0, commit.index + 1).reverse();
    const page = history.slice(p * limit, (p + 1) * limit);
    const headers = { "X-Total-Count": history.length };
    if ((p + 1) * limit < history.length) headers["Link"] = nextLink(r, { p: String(p + 1) });
    sendJson(r.res, 200, page.map(commitItem), headers);
  }
  function refs(r, repo, rest) {
    requireMethod(r, ["GET", "HEAD"]);
    refuseDisabled(repo);
    if (rest.length !== 1) throw new HttpError(404, "Sorry, we can't find the page you are looking for.");
    sendJson(r.res, 200, refsDocument(repo, parseBool(r.query, "include_prs")));
  }
  async function resolve(r, repo, kind, rest) {
    requireMethod(r, ["GET", "HEAD"]);
    refuseDisabled(repo);
    const { rev, next } = takeRevision(rest, 0);
    if (rest.length <= next) throw new HttpError(404, "Entry not found", "EntryNotFound");
    const path = filePathOf(rest.slice(next));
    if (repo.gated !== false && r.auth !== "valid") {
      throw new HttpError(
        401,
        `Access to model ${repo.id} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
        "GatedRepo"
      );
    }
    const commit = revisionOf(repo, rev);
    const file = ctx.store.snapshot(repo, commit).files.get(path);
    if (!file) throw new HttpError(404, "Entry not found", "EntryNotFound");
    const headers = { "X-Repo-Commit": commit.id, ETag: `"${file.gitOid}"`, "Cache-Control": "private, max-age=0, must-revalidate" };
    if (file.lfs && kind === "raw") {
      sendBytes(r.req, r.res, Buffer.from(lfsPointerText(file.sha256, file.size), "latin1"), { ...headers, "Content-Type": "text/plain; charset=utf-8" });
      return;
    }
    if (file.lfs) {
      const location = ctx.cdn.sign(file.sha256, path.slice(path.lastIndexOf("/") + 1), Math.floor(ctx.now() / 1e3));
      const body = `Found. Redirecting to ${location}`;
      r.res.writeHead(302, {
        Location: location,
        "X-Repo-Commit": commit.id,
        "X-Linked-Etag": `"${file.sha256}"`,
        "X-Linked-Size": file.size,
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Length": Buffer.byteLength(body)
      });
      r.res.end(r.method === "HEAD" ? void 0 : body);
      return;
    }
    await sendFile(
      r.req,
      r.res,
      ctx.store.objectPath(file.sha256),
      file.size,
      { ...headers, "Content-Type": textType(path), ...kind === "resolve" ? { "Content-Disposition": dispositionFor(path) } : {} },
      (status, message) => sendError(r.res, status, message)
    );
  }
  function whoami(r) {
    requireMethod(r, ["GET", "HEAD"]);
    if (r.auth !== "valid") throw new HttpError(401, ANON_MESSAGE);
    const name = ctx.tokenUser ?? "local-user";
    const account = ctx.store.account(name);
    sendJson(r.res, 200, {
      type: "user",
      id: account?._id ?? "000000000000000000000000",
      name: account?.name ?? name,
      fullname: account?.fullname ?? name,
      email: null,
      emailVerified: false,
      canPay: false,
      isPro: account?.isPro ?? false,
      periodEnd: null,
      avatarUrl: `${ctx.hubUrl()}/avatars/${name}.svg`,
      orgs: [],
      auth: { type: "access_token", accessToken: { displayName: "model-gate local registry", role: "read" } }
    });
  }
  function overview(r, kind) {
    requireMethod(r, ["GET", "HEAD"]);
    const name = r.segs[2] ?? "";
    const account = isValidName(name) ? ctx.store.account(name) : void 0;
    const numModels = account ? ctx.store.reposOf(account.name).filter((repo) => !repo.private).length : 0;
    if (kind === "users") {
      if (!account || account.type !== "user") throw new HttpError(404, "This user does not exist");
      sendJson(r.res, 200, userOverview(account, numModels, ctx.hubUrl()));
    } else {
      if (!account || account.type !== "org") throw new HttpError(404, "This organization does not exist");
      sendJson(r.res, 200, orgOverview(account, numModels, ctx.hubUrl()));
    }
  }
  async function listModels(r) {
    requireMethod(r, ["GET", "HEAD"]);
    const search = (r.query.get("search") ?? "").toLowerCase();
    const author = r.query.get("author")?.toLowerCase();
    const sort = r.query.get("sort");
    if (sort !== null && !LIST_SORT_KEYS.includes(sort)) {
      throw new HttpError(400, `"sort" must be one of [${LIST_SORT_KEYS.join(", ")}]`);
    }
    const direction = r.query.get("direction") ?? "-1";
    if (direction !== "-1" && direction !== "1") throw new HttpError(400, '"direction" must be one of [-1, 1]');
    const limitText = r.query.get("limit");
    const limit = limitText === null ? 1e3 : Number(limitText);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new HttpError(400, '"limit" must be a positive integer');
    const expand = [...r.query.getAll("expand"), ...r.query.getAll("expand[]")];
    expand.forEach((k, i) => {
      if (!MODEL_EXPAND_KEYS.includes(k)) throw new HttpError(400, `"expand[${i}]" must be one of [${MODEL_EXPAND_KEYS.join(", ")}]`);
    });
    const visible = ctx.store.allRepos().filter((repo) => (!repo.private || r.auth === "valid") && !repo.disabled && repo.id.toLowerCase().includes(search) && (author === void 0 || repo.id.split("/")[0]?.toLowerCase() === author));
    const found = [];
    for (const repo of visible) {
      const head = repo.branches["main"];
      if (!head) continue;
      const fields = await fieldsOf(repo, revisionOf(repo, head));
      const doc = { _id: fields._id, id: fields.id };
      for (const k of expand.length > 0 ? expand : DEFAULT_LIST_KEYS) if (fields[k] !== void 0) doc[k] = fields[k];
      found.push({ item: doc, fields });
    }
    if (sort !== null) {
      const key = (f) => {
        const v = f[sort];
        return typeof v === "number" || typeof v === "string" ? v : 0;
      };
      const sign = direction === "1" ? 1 : -1;
      found.sort((a, b) => {
        const ka = key(a.fields);
        const kb = key(b.fields);
        return (ka < kb ? -1 : ka > kb ? 1 : 0) * sign || (a.item.id < b.item.id ? -1 : 1);
      });
    }
    sendJson(r.res, 200, found.slice(0, Math.min(limit, 1e3)).map((f) => f.item));
  }
  async function route(r) {
    const s = r.segs;
    if (s[0] === "api") {
      if (s[1] === "models" && s.length === 2) return listModels(r);
      if (s[1] === "whoami-v2" && s.length === 2) return whoami(r);
      if ((s[1] === "users" || s[1] === "organizations") && s.length === 4 && s[3] === "overview") return overview(r, s[1]);
      if (s[1] === "models" && s.length >= 4) {
        const repo = repoAt(r, 2);
        if (!repo) return;
        const rest = s.slice(4);
        switch (rest[0]) {
          case void 0:
          case "revision":
            return modelInfo(r, repo, rest);
          case "tree":
            return tree(r, repo, rest);
          case "paths-info":
            return pathsInfo(r, repo, rest);
          case "commits":
            return commits(r, repo, rest);
          case "refs":
            return refs(r, repo, rest);
        }
      }
    } else if (s.length >= 3 && (s[2] === "resolve" || s[2] === "raw")) {
      const repo = repoAt(r, 0);
      if (!repo) return;
      return resolve(r, repo, s[2], s.slice(3));
    }
    throw new HttpError(404, "Sorry, we can't find the page you are looking for.");
  }
  return (req, res) => {
    const started = ctx.now();
    const method = req.method ?? "GET";
    res.setHeader("X-Request-Id", `Root=1-${randomBytes(12).toString("hex")}`);
    res.on("finish", () => ctx.log?.(`hub ${method} ${req.url ?? ""} ${res.statusCode} ${ctx.now() - started}ms`));
    const fail2 = (err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) sendError(res, err.status, err.message, err.code);
      else sendError(res, 500, `Internal registry error: ${err instanceof Error ? err.message : String(err)}`);
    };
    try {
      const target = splitTarget(req.url ?? "/");
      const bucket = target.segs[0] !== "api" && (target.segs[2] === "resolve" || target.segs[2] === "raw") ? "resolvers" : "api";
      const decision = ctx.limit(req.socket.remoteAddress ?? "unknown", bucket);
      for (const [k, v] of Object.entries(decision.headers)) res.setHeader(k, v);
      if (!decision.allowed) {
        res.setHeader("Retry-After", String(decision.retryAfter));
        throw new HttpError(429, `You have exceeded the rate limit for ${bucket} requests; retry in ${decision.retryAfter} seconds.`);
      }
      const r = { req, res, method, ...target, query: new URLSearchParams(target.rawQuery), auth: authOf(req) };
      route(r).catch(fail2);
    } catch (err) {
      fail2(err);
    }
  };
}

// src/registry/rate-limit.ts
function rateLimiter(opts, now) {
  const quota = { api: opts.api ?? 500, resolvers: opts.resolvers ?? 3e3 };
  const windowMs = (opts.windowSeconds ?? 300) * 1e3;
  const windows = /* @__PURE__ */ new Map();
  return (client, bucket) => {
    const key = `${bucket}\0${client}`;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      if (windows.size > 1e4) windows.clear();
      w = { start: t, used: 0 };
      windows.set(key, w);
    }
    w.used++;
    const q = quota[bucket];
    const reset = Math.max(0, Math.ceil((w.start + windowMs - t) / 1e3));
    return {
      allowed: w.used <= q,
      retryAfter: reset,
      headers: {
        RateLimit: `"${bucket}";r=${Math.max(0, q - w.used)};t=${reset}`,
        "RateLimit-Policy": `"fixed window";"${bucket}";q=${q};w=${windowMs / 1e3}`
      }
    };
  };
}

// src/registry/store.ts
import { lstat, readFile as readFile2, readdir } from "node:fs/promises";
import { join } from "node:path";

// src/registry/git-objects.ts
import { createHash } from "node:crypto";
function gitHash(type, body) {
  return createHash("sha1").update(`${type} ${body.byteLength}\0`, "latin1").update(body).digest("hex");
}
function insert(root, path, oid) {
  const parts = path.split("/");
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    let sub = dir.dirs.get(part);
    if (!sub) {
      sub = { files: /* @__PURE__ */ new Map(), dirs: /* @__PURE__ */ new Map() };
      dir.dirs.set(part, sub);
    }
    dir = sub;
  }
  dir.files.set(parts[parts.length - 1] ?? "", oid);
}
function treeOids(files) {
  const root = { files: /* @__PURE__ */ new Map(), dirs: /* @__PURE__ */ new Map() };
  for (const f of files) insert(root, f.path, f.gitOid);
  const out = /* @__PURE__ */ new Map();
  const visit = (dir, prefix) => {
    const entries = [];
    for (const [name, oid2] of dir.files) entries.push({ key: name, mode: "100644", name, oid: oid2 });
    for (const [name, sub] of dir.dirs) {
      const oid2 = visit(sub, prefix ? `${prefix}/${name}` : name);
      entries.push({ key: `${name}/`, mode: "40000", name, oid: oid2 });
    }
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    const body = Buffer.concat(
      entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`, "utf8"), Buffer.from(e.oid, "hex")])
    );
    const oid = gitHash("tree", body);
    out.set(prefix, oid);
    return oid;
  };
  visit(root, "");
  return out;
}
function commitSha(c) {
  const seconds = Math.floor(Date.parse(c.date) / 1e3);
  const who = c.authors[0] ?? "system";
  const ident = `${who} <${who}@users.noreply.huggingface.co> ${seconds} +0000`;
  const lines = [`tree ${c.tree}`];
  if (c.parent) lines.push(`parent ${c.parent}`);
  lines.push(`author ${ident}`, `committer ${ident}`, "");
  const coAuthors = c.authors.slice(1).map((a) => `Co-authored-by: ${a} <${a}@users.noreply.huggingface.co>`);
  const text = [c.title, c.message, coAuthors.join("\n")].filter((s) => s.length > 0).join("\n\n");
  return gitHash("commit", Buffer.from(`${lines.join("\n")}
${text}
`, "utf8"));
}

// src/registry/store-format.ts
var STORE_FORMAT = "model-gate-store";
var STORE_VERSION = 1;
function objectRelPath(sha256) {
  return `objects/${sha256.slice(0, 2)}/${sha256}`;
}

// src/registry/store.ts
var StoreError = class extends Error {
};
var SCAN_STATES = /* @__PURE__ */ new Set(["unscanned", "safe", "queued", "error", "caution", "suspicious", "unsafe"]);
function fail(where, what) {
  throw new StoreError(`${where}: ${what}`);
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function str(o, key, where) {
  const v = o[key];
  if (typeof v !== "string") fail(where, `'${key}' must be a string`);
  return v;
}
function bool(o, key, where) {
  const v = o[key];
  if (typeof v !== "boolean") fail(where, `'${key}' must be a boolean`);
  return v;
}
function count(o, key, where) {
  const v = o[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) fail(where, `'${key}' must be a non-negative integer`);
  return v;
}
function isoDate(o, key, where) {
  const v = str(o, key, where);
  if (!Number.isFinite(Date.parse(v))) fail(where, `'${key}' is not an ISO date`);
  return new Date(Date.parse(v)).toISOString();
}
function strings(v, what, where) {
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) fail(where, `'${what}' must be an array of strings`);
  return v;
}
async function readJson(path, where) {
  const st = await lstat(path).catch(() => fail(where, `missing ${path}`));
  if (!st.isFile()) fail(where, `${path} is not a regular file`);
  if (st.size > 256 * 1024 * 1024) fail(where, `${path} is larger than 256 MiB`);
  try {
    return JSON.parse(await readFile2(path, "utf8"));
  } catch (e) {
    fail(where, `${path} is not valid JSON (${e.message})`);
  }
}
function validScan(v, where) {
  if (!isObject(v)) fail(where, `'scan' must be an object`);
  for (const key of ["status", "avScan", "pickleImportScan", "protectAiScan"]) {
    const s = v[key];
    if (s !== void 0 && (typeof s !== "string" || !SCAN_STATES.has(s))) fail(where, `scan '${key}' must be one of ${[...SCAN_STATES].join(", ")}`);
  }
  if (v["pickleImports"] !== void 0) {
    const list = v["pickleImports"];
    if (!Array.isArray(list)) fail(where, `scan 'pickleImports' must be an array`);
    for (const p of list) {
      if (!isObject(p) || typeof p["module"] !== "string" || typeof p["name"] !== "string" || !["innocuous", "suspicious", "dangerous"].includes(p["safety"])) {
        fail(where, `scan 'pickleImports' entries must be {module, name, safety}`);
      }
    }
  }
  return v;
}
function validFile(v, where) {
  if (!isObject(v)) fail(where, "must be an object or null");
  const sha256 = str(v, "sha256", where);
  const gitOid = str(v, "gitOid", where);
  if (!HEX64.test(sha256)) fail(where, `'sha256' must be 64 lowercase hex digits`);
  if (!HEX40.test(gitOid)) fail(where, `'gitOid' must be 40 lowercase hex digits`);
  const size = count(v, "size", where);
  const lfs = bool(v, "lfs", where);
  if (lfs && gitOid !== lfsPointerOid(sha256, size)) fail(where, `'gitOid' is not the oid of the LFS pointer for its sha256 and size`);
  const file = { sha256, size, gitOid, lfs };
  if (v["scan"] !== void 0) file.scan = validScan(v["scan"], where);
  return file;
}
function validRepo(raw, where) {
  if (!isObject(raw)) fail(where, "must be a JSON object");
  const id = str(raw, "id", where);
  if (!isValidRepoId(id)) fail(where, `'id' '${id}' is not a valid repo id`);
  const _id = str(raw, "_id", where);
  if (!/^[0-9a-f]{24}$/.test(_id)) fail(where, `'_id' must be a 24-hex ObjectId`);
  const gated = raw["gated"];
  if (gated !== false && gated !== "auto" && gated !== "manual") fail(where, `'gated' must be false, "auto" or "manual"`);
  if (!Array.isArray(raw["commits"]) || raw["commits"].length === 0) fail(where, `'commits' must be a non-empty array`);
  const shas = /* @__PURE__ */ new Set();
  let previous = null;
  const commits = raw["commits"].map((c, i) => {
    const cw = `${where} commit ${i}`;
    if (!isObject(c)) fail(cw, "must be an object");
    const cid = str(c, "id", cw);
    if (!HEX40.test(cid)) fail(cw, `'id' must be 40 lowercase hex digits`);
    if (shas.has(cid)) fail(cw, `duplicate commit id ${cid}`);
    shas.add(cid);
    const parent = c["parent"] === null ? null : str(c, "parent", cw);
    if (parent !== previous) fail(cw, `'parent' must be the previous commit (${previous ?? "null"}); history is linear`);
    previous = cid;
    if (!isObject(c["changes"])) fail(cw, `'changes' must be an object`);
    const changes = {};
    for (const [path, f] of Object.entries(c["changes"])) {
      const bad = unsafePathReason(path);
      if (bad) fail(cw, `path '${path}' ${bad}`);
      changes[path] = f === null ? null : validFile(f, `${cw} file '${path}'`);
    }
    return {
      id: cid,
      parent,
      title: str(c, "title", cw),
      message: str(c, "message", cw),
      authors: strings(c["authors"], "authors", cw),
      date: isoDate(c, "date", cw),
      changes
    };
  });
  const refs = (key) => {
    const v = raw[key];
    if (!isObject(v)) fail(where, `'${key}' must be an object`);
    for (const [name, sha] of Object.entries(v)) {
      if (!name || unsafePathReason(name)) fail(where, `${key} name '${name}' is not valid`);
      if (typeof sha !== "string" || !shas.has(sha)) fail(where, `${key} '${name}' must name one of the repo's commits`);
    }
    return v;
  };
  const repo = {
    id,
    _id,
    createdAt: isoDate(raw, "createdAt", where),
    private: bool(raw, "private", where),
    gated,
    disabled: bool(raw, "disabled", where),
    downloads: count(raw, "downloads", where),
    likes: count(raw, "likes", where),
    tags: strings(raw["tags"], "tags", where),
    scansDone: bool(raw, "scansDone", where),
    commits,
    branches: refs("branches"),
    tags_refs: refs("tags_refs")
  };
  if (raw["pipeline_tag"] !== void 0) repo.pipeline_tag = str(raw, "pipeline_tag", where);
  if (raw["library_name"] !== void 0) repo.library_name = str(raw, "library_name", where);
  return repo;
}
function validAccount(raw, where) {
  if (!isObject(raw)) fail(where, "must be a JSON object");
  const name = str(raw, "name", where);
  if (!isValidName(name)) fail(where, `'name' '${name}' is not a valid Hub name`);
  const type = raw["type"];
  if (type !== "user" && type !== "org") fail(where, `'type' must be "user" or "org"`);
  const _id = str(raw, "_id", where);
  if (!/^[0-9a-f]{24}$/.test(_id)) fail(where, `'_id' must be a 24-hex ObjectId`);
  return {
    name,
    type,
    _id,
    createdAt: isoDate(raw, "createdAt", where),
    fullname: str(raw, "fullname", where),
    isVerified: bool(raw, "isVerified", where),
    isPro: bool(raw, "isPro", where)
  };
}
var Store = class _Store {
  constructor(dir) {
    this.dir = dir;
  }
  dir;
  repos = /* @__PURE__ */ new Map();
  accounts = /* @__PURE__ */ new Map();
  redirects = /* @__PURE__ */ new Map();
  /** sha256 → size of every object some commit references (the CDN serves only these). */
  objects = /* @__PURE__ */ new Map();
  /** Reads and validates `dir`; throws StoreError naming the file and field at fault. */
  static async load(dir) {
    const store = new _Store(dir);
    const root = await readJson(join(dir, "store.json"), "store.json");
    if (!isObject(root) || root["format"] !== STORE_FORMAT) fail("store.json", `not a ${STORE_FORMAT} folder`);
    if (root["version"] !== STORE_VERSION) fail("store.json", `version ${String(root["version"])} is not supported (expected ${STORE_VERSION})`);
    if (!Array.isArray(root["redirects"])) fail("store.json", `'redirects' must be an array`);
    for (const r of root["redirects"]) {
      if (!isObject(r)) fail("store.json", "redirects must be {from, to} objects");
      const rd = { from: str(r, "from", "store.json redirect"), to: str(r, "to", "store.json redirect") };
      if (!isValidRepoId(rd.from) || !isValidRepoId(rd.to)) fail("store.json", `redirect '${rd.from}' \u2192 '${rd.to}' must join valid repo ids`);
      store.redirects.set(rd.from.toLowerCase(), rd.to);
    }
    for (const name of await listJson(join(dir, "accounts"))) {
      const where = `accounts/${name}`;
      const acc = validAccount(await readJson(join(dir, "accounts", name), where), where);
      if (`${acc.name}.json` !== name) fail(where, `holds account '${acc.name}'; file name must match`);
      if (store.accounts.has(acc.name.toLowerCase())) fail(where, `account '${acc.name}' is declared twice`);
      store.accounts.set(acc.name.toLowerCase(), acc);
    }
    const nsDirs = await readdir(join(dir, "repos"), { withFileTypes: true }).catch(() => fail("repos/", "missing folder"));
    for (const ns of nsDirs) {
      if (!ns.isDirectory() || !isValidName(ns.name)) fail(`repos/${ns.name}`, "must be a namespace folder");
      for (const file of await listJson(join(dir, "repos", ns.name))) {
        const where = `repos/${ns.name}/${file}`;
        const stored = validRepo(await readJson(join(dir, "repos", ns.name, file), where), where);
        if (`${stored.id}.json` !== `${ns.name}/${file}`) fail(where, `holds repo '${stored.id}'; its path must match`);
        if (store.repos.has(stored.id.toLowerCase())) fail(where, `repo '${stored.id}' is declared twice`);
        store.repos.set(stored.id.toLowerCase(), await store.prepare(stored, where));
      }
    }
    return store;
  }
  async prepare(stored, where) {
    const objects = /* @__PURE__ */ new Map();
    for (const c of stored.commits) {
      for (const [path, f] of Object.entries(c.changes)) {
        if (f && !objects.has(f.sha256)) {
          await this.checkObject(f, `${where} commit ${c.id} file '${path}'`);
          objects.set(f.sha256, f.size);
          this.objects.set(f.sha256, f.size);
        }
      }
    }
    const commits = stored.commits.map(({ changes: _changes, ...c }, index) => ({ ...c, index }));
    const { commits: _c, ...rest } = stored;
    const repo = { ...rest, commits, usedStorage: [...objects.values()].reduce((a, b) => a + b, 0) };
    const state = { repo, stored: stored.commits, snapshots: /* @__PURE__ */ new Map() };
    for (let i = 0; i < commits.length; i++) this.snapshotOf(state, i, where);
    state.snapshots.clear();
    return state;
  }
  async checkObject(f, where) {
    const path = join(this.dir, objectRelPath(f.sha256));
    const st = await lstat(path).catch(() => fail(where, `object ${objectRelPath(f.sha256)} is missing`));
    if (!st.isFile()) fail(where, `object ${objectRelPath(f.sha256)} is not a regular file`);
    if (st.size !== f.size) fail(where, `object ${objectRelPath(f.sha256)} is ${st.size} bytes, metadata says ${f.size}`);
  }
  /** Size of a referenced object, or undefined when no commit in the store references it. */
  objectSize(sha256) {
    return this.objects.get(sha256);
  }
  /** Where an object's bytes live on disk (sha256 already validated as hex). */
  objectPath(sha256) {
    if (!HEX64.test(sha256)) throw new StoreError(`'${sha256}' is not a sha256`);
    return join(this.dir, objectRelPath(sha256));
  }
  /** Exact id, else a redirect, else a case-insensitive match (answered as a redirect to the canonical id). */
  lookup(id) {
    const state = this.repos.get(id.toLowerCase());
    if (state) return state.repo.id === id ? { kind: "repo", repo: state.repo } : { kind: "redirect", to: state.repo.id };
    const to = this.redirects.get(id.toLowerCase());
    return to ? { kind: "redirect", to } : { kind: "missing" };
  }
  account(name) {
    return this.accounts.get(name.toLowerCase());
  }
  /** Every repository, in id order. */
  allRepos() {
    return [...this.repos.values()].map((s) => s.repo).sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  reposOf(namespace) {
    return [...this.repos.values()].map((s) => s.repo).filter((r) => r.id.split("/")[0]?.toLowerCase() === namespace.toLowerCase());
  }
  /** Branch, tag, `refs/heads/x`, `refs/tags/x`, `HEAD`, or a full commit sha of the repo. */
  resolveRevision(repo, rev) {
    let sha;
    if (rev === "HEAD") sha = repo.branches["main"];
    else if (rev.startsWith("refs/heads/")) sha = repo.branches[rev.slice("refs/heads/".length)];
    else if (rev.startsWith("refs/tags/")) sha = repo.tags_refs[rev.slice("refs/tags/".length)];
    else sha = Object.hasOwn(repo.branches, rev) ? repo.branches[rev] : Object.hasOwn(repo.tags_refs, rev) ? repo.tags_refs[rev] : void 0;
    if (sha === void 0 && HEX40.test(rev)) sha = rev;
    const commit = sha === void 0 ? void 0 : repo.commits.find((c) => c.id === sha);
    return commit ? { kind: "commit", commit } : { kind: "missing" };
  }
  /** Files and directories at a commit (built on first use, then cached). */
  snapshot(repo, commit) {
    const state = this.repos.get(repo.id.toLowerCase());
    if (!state) throw new StoreError(`repo '${repo.id}' is not in the store`);
    return this.snapshotOf(state, commit.index, `repo '${repo.id}'`);
  }
  snapshotOf(state, index, where) {
    const cached = state.snapshots.get(index);
    if (cached) return cached;
    const files = /* @__PURE__ */ new Map();
    for (let i = 0; i <= index; i++) {
      const commit = state.repo.commits[i];
      const changes = state.stored[i]?.changes ?? {};
      if (!commit) break;
      for (const [path, f] of Object.entries(changes)) {
        if (f === null) {
          if (!files.delete(path)) fail(`${where} commit ${commit.id}`, `deletes '${path}', which does not exist`);
        } else {
          files.set(path, { ...f, path, lastCommit: commit });
        }
      }
    }
    const dirs = /* @__PURE__ */ new Map();
    const oids = treeOids([...files.values()]);
    for (const f of files.values()) {
      for (let i = f.path.indexOf("/"); i !== -1; i = f.path.indexOf("/", i + 1)) {
        const dir = f.path.slice(0, i);
        if (files.has(dir)) fail(`${where} commit ${state.repo.commits[index]?.id}`, `'${dir}' is both a file and a directory`);
        const known = dirs.get(dir);
        if (!known) dirs.set(dir, { path: dir, oid: oids.get(dir) ?? "", lastCommit: f.lastCommit });
        else if (f.lastCommit.index > known.lastCommit.index) known.lastCommit = f.lastCommit;
      }
    }
    const paths = [...files.keys(), ...dirs.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const snap = { files, dirs, paths };
    state.snapshots.set(index, snap);
    return snap;
  }
};
async function listJson(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => fail(dir, "missing folder"));
  return entries.filter((e) => {
    if (!e.name.endsWith(".json")) fail(join(dir, e.name), "unexpected entry (only <name>.json files belong here)");
    return true;
  }).map((e) => e.name).sort();
}

// src/registry/server.ts
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}
function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
function origin(host, port) {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
function s3Error(res, status, code, message, headers = {}) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { ...headers, "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body) });
  res.end(res.req.method === "HEAD" ? void 0 : body);
}
function cdnHandler(store, signer, now, log) {
  return (req, res) => {
    const started = now();
    res.on("finish", () => log?.(`cdn ${req.method ?? ""} ${(req.url ?? "").split("?")[0] ?? ""} ${res.statusCode} ${now() - started}ms`));
    if (req.method !== "GET" && req.method !== "HEAD") {
      s3Error(res, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.", { Allow: "GET, HEAD" });
      return;
    }
    if (req.headers.authorization !== void 0) {
      s3Error(res, 400, "InvalidArgument", "Only one auth mechanism allowed; the Signature query parameter or the Authorization header should be specified");
      return;
    }
    let url;
    try {
      url = new URL(req.url ?? "/", "http://cdn.invalid");
    } catch {
      s3Error(res, 400, "InvalidURI", "Could not parse the specified URI.");
      return;
    }
    const current = signer();
    if (!current) {
      s3Error(res, 503, "ServiceUnavailable", "The registry is starting.");
      return;
    }
    const verdict = current.verify(url, Math.floor(now() / 1e3));
    if (!verdict.ok) {
      s3Error(res, 403, "AccessDenied", verdict.reason);
      return;
    }
    const size = store.objectSize(verdict.sha256);
    if (size === void 0) {
      s3Error(res, 404, "NoSuchKey", "The specified key does not exist.");
      return;
    }
    void sendFile(
      req,
      res,
      store.objectPath(verdict.sha256),
      size,
      {
        ETag: `"${verdict.sha256}"`,
        "Content-Type": "application/octet-stream",
        "Content-Disposition": verdict.disposition,
        "Cache-Control": "public, max-age=604800, immutable"
      },
      (status, message) => s3Error(res, status, "InternalError", message)
    );
  };
}
async function startRegistry(opts) {
  const store = await Store.load(opts.storeDir);
  const host = opts.host ?? "127.0.0.1";
  const now = opts.now ?? Date.now;
  const key = randomBytes2(32);
  const holder = {};
  const cdn = createServer({ keepAlive: true }, cdnHandler(store, () => holder.signer, now, opts.log));
  const cdnPort = await listen(cdn, opts.cdnPort ?? 0, host);
  const cdnUrl = origin(host, cdnPort);
  const signer = cdnSigner(cdnUrl, key, opts.cdnUrlTtlSeconds ?? 3600);
  holder.signer = signer;
  let hubUrl = "";
  const hub = createServer(
    { keepAlive: true },
    hubHandler({
      store,
      hubUrl: () => hubUrl,
      cdn: signer,
      ...opts.token !== void 0 ? { token: opts.token } : {},
      ...opts.tokenUser !== void 0 ? { tokenUser: opts.tokenUser } : {},
      treePageSize: opts.treePageSize ?? 1e3,
      treeExpandPageSize: opts.treeExpandPageSize ?? 100,
      limit: rateLimiter(opts.rateLimit ?? {}, now),
      now,
      ...opts.log ? { log: opts.log } : {}
    })
  );
  let hubPort;
  try {
    hubPort = await listen(hub, opts.port ?? 0, host);
  } catch (err) {
    await closeServer(cdn);
    throw err;
  }
  hubUrl = origin(host, hubPort);
  let closing;
  return {
    hubUrl,
    cdnUrl,
    store,
    close: () => closing ??= Promise.all([closeServer(hub), closeServer(cdn)]).then(() => void 0)
  };
}

export {
  isValidName,
  isValidRepoId,
  treeOids,
  commitSha,
  STORE_FORMAT,
  STORE_VERSION,
  objectRelPath,
  startRegistry
};
