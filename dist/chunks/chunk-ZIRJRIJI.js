#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  unsafePathReason
} from "./chunk-3I6N5AUR.js";
import {
  HEX40,
  HEX64
} from "./chunk-XULFKTRK.js";
import {
  checkRepoId
} from "./chunk-VLZKHZEN.js";

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

// src/hub/shapes/tree.ts
var SCANNERS = ["avScan", "pickleImportScan", "protectAiScan", "jFrogScan", "virusTotalScan"];
function lastCommit(v, where) {
  if (v === void 0 || v === null) return void 0;
  const o = obj(v, where);
  return {
    id: matching(o.id, HEX40, `${where}.id`, "a 40-hex commit"),
    title: str(o.title, `${where}.title`),
    date: isoDate(o.date, `${where}.date`)
  };
}
function scanner(v, where) {
  if (v === void 0 || v === null) return void 0;
  const o = obj(v, where);
  const out = { status: str(o.status, `${where}.status`) };
  const message = optStr(o.message, `${where}.message`);
  if (message !== void 0) out.message = message;
  if (o.pickleImports !== void 0 && o.pickleImports !== null) {
    out.pickleImports = arr(o.pickleImports, `${where}.pickleImports`).map((p, i) => {
      const w = `${where}.pickleImports[${i}]`;
      const po = obj(p, w);
      return { module: str(po.module, `${w}.module`), name: str(po.name, `${w}.name`), safety: str(po.safety, `${w}.safety`) };
    });
  }
  return out;
}
function parseSecurityFileStatus(v, where) {
  if (v === void 0 || v === null) return void 0;
  const o = obj(v, where);
  const out = { status: str(o.status, `${where}.status`) };
  for (const name of SCANNERS) {
    const s = scanner(o[name], `${where}.${name}`);
    if (s) out[name] = s;
  }
  return out;
}
function parseTreeItem(v, where) {
  const o = obj(v, where);
  const path = str(o.path, `${where}.path`);
  const why = unsafePathReason(path);
  if (why) throw new ShapeError(`${where}.path`, "a relative POSIX path", `${JSON.stringify(path)} (it ${why})`);
  const oid = matching(o.oid, HEX40, `${where}.oid`, "a 40-hex git oid");
  const commit = lastCommit(o.lastCommit, `${where}.lastCommit`);
  if (o.type === "directory") {
    return { type: "directory", path, oid, ...commit ? { lastCommit: commit } : {} };
  }
  if (o.type !== "file") throw new ShapeError(`${where}.type`, "'file' or 'directory'", o.type);
  const size = count(o.size, `${where}.size`);
  const item = { type: "file", path, oid, size };
  if (o.lfs !== void 0 && o.lfs !== null) {
    const l = obj(o.lfs, `${where}.lfs`);
    const lfsSize = count(l.size, `${where}.lfs.size`);
    if (lfsSize !== size) throw new ShapeError(`${where}.lfs.size`, `equal to size ${size}`, lfsSize);
    const pointerSize = optCount(l.pointerSize, `${where}.lfs.pointerSize`);
    item.lfs = {
      oid: matching(l.oid, HEX64, `${where}.lfs.oid`, "a 64-hex sha256"),
      size: lfsSize,
      ...pointerSize !== void 0 ? { pointerSize } : {}
    };
  }
  const xetHash = optStr(o.xetHash, `${where}.xetHash`);
  if (xetHash !== void 0) item.xetHash = xetHash;
  if (commit) item.lastCommit = commit;
  const sec = parseSecurityFileStatus(o.securityFileStatus, `${where}.securityFileStatus`);
  if (sec) item.securityFileStatus = sec;
  return item;
}
function parseTreePage(v, offset = 0) {
  return arr(v, "tree").map((item, i) => parseTreeItem(item, `tree[${offset + i}]`));
}

// src/hub/shapes/commits.ts
function parseCommit(v, where) {
  const o = obj(v, where);
  const out = {
    id: matching(o.id, HEX40, `${where}.id`, "a 40-hex commit"),
    title: str(o.title, `${where}.title`),
    authors: arr(o.authors ?? [], `${where}.authors`).map((a, i) => ({
      user: str(obj(a, `${where}.authors[${i}]`).user, `${where}.authors[${i}].user`)
    })),
    date: isoDate(o.date, `${where}.date`)
  };
  const message = optStr(o.message, `${where}.message`);
  if (message !== void 0) out.message = message;
  return out;
}
function parseCommitPage(v, offset = 0) {
  return arr(v, "commits").map((c, i) => parseCommit(c, `commits[${offset + i}]`));
}

// src/hub/shapes/refs.ts
function refList(v, where) {
  return arr(v ?? [], where).map((r, i) => {
    const w = `${where}[${i}]`;
    const o = obj(r, w);
    return {
      name: str(o.name, `${w}.name`),
      ref: str(o.ref, `${w}.ref`),
      targetCommit: matching(o.targetCommit, HEX40, `${w}.targetCommit`, "a 40-hex commit")
    };
  });
}
function parseRefs(v) {
  const o = obj(v, "refs");
  return { branches: refList(o.branches, "branches"), tags: refList(o.tags, "tags"), converts: refList(o.converts, "converts") };
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

// src/hub/shapes/model-list.ts
var DEFAULT_LIST_KEYS = [
  "_id",
  "id",
  "likes",
  "trendingScore",
  "private",
  "downloads",
  "tags",
  "pipeline_tag",
  "library_name",
  "createdAt",
  "modelId"
];
var LIST_SORT_KEYS = ["downloads", "likes", "trendingScore", "createdAt", "lastModified"];
function parseModelList(v) {
  return arr(v, "models").map((item, i) => {
    const w = `models[${i}]`;
    const o = obj(item, w);
    const id = str(o.id, `${w}.id`);
    if (!/^[^/]+\/[^/]+$/.test(id)) throw new ShapeError(`${w}.id`, "namespace/name", id);
    const _id = str(o._id, `${w}._id`);
    if (!OBJECT_ID.test(_id)) throw new ShapeError(`${w}._id`, "a 24-hex ObjectId", _id);
    const out = { _id, id };
    const downloads = optCount(o.downloads, `${w}.downloads`);
    const likes = optCount(o.likes, `${w}.likes`);
    const createdAt = optIsoDate(o.createdAt, `${w}.createdAt`);
    const priv = optBool(o.private, `${w}.private`);
    if (downloads !== void 0) out.downloads = downloads;
    if (likes !== void 0) out.likes = likes;
    if (createdAt !== void 0) out.createdAt = createdAt;
    if (priv !== void 0) out.private = priv;
    return out;
  });
}

export {
  ShapeError,
  MODEL_EXPAND_KEYS,
  DEFAULT_MODEL_KEYS,
  parseModelInfo,
  parseTreePage,
  parseCommitPage,
  parseRefs,
  parseUserOverview,
  parseOrgOverview,
  DEFAULT_LIST_KEYS,
  LIST_SORT_KEYS,
  parseModelList
};
