#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  parseRange,
  pumpFile,
  readBody,
  sendBytes,
  sendError,
  sendJson
} from "./chunk-3GFYJNPL.js";
import {
  foldKey,
  osaDistance,
  visualKey
} from "./chunk-VYTMODJS.js";
import {
  readRecordFile
} from "./chunk-2I4UUYGL.js";
import {
  MODEL_SIG_FILE,
  VETTING_FILE
} from "./chunk-YW6UQOXA.js";
import {
  parseAllowlist
} from "./chunk-GVZINTXY.js";
import {
  TRUST_OPTIONS,
  trustFromOptions,
  trustsGiven
} from "./chunk-ZN62LNC2.js";
import {
  parseCommandArgs,
  readText
} from "./chunk-3VHUVBXD.js";
import {
  verifyBundleSignature
} from "./chunk-2YCH6UOH.js";
import {
  IN_TOTO_PAYLOAD_TYPE,
  ManifestError,
  parseModelSigningStatement,
  parseVettingStatement
} from "./chunk-R4KMGKFI.js";
import {
  FsBlobStore
} from "./chunk-2BFPKX7F.js";
import {
  normalizeHubUrl
} from "./chunk-CUREYGAP.js";
import {
  HubClient
} from "./chunk-RMNU2W7L.js";
import {
  unsafePathReason
} from "./chunk-53ORRVB5.js";
import {
  lfsPointerText
} from "./chunk-GFTXSUAY.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";

// src/cli/gateway.ts
import { readFile as readFile2 } from "node:fs/promises";
import { resolve } from "node:path";

// src/gateway/approval-state.ts
import { readFile } from "node:fs/promises";

// src/gateway/approved.ts
var HEX40 = /^[0-9a-f]{40}$/;
var ApprovedSet = class _ApprovedSet {
  byKey;
  constructor(models) {
    this.byKey = new Map(models.map((m) => [m.repo.toLowerCase(), m]));
  }
  static fromEntries(entries) {
    return new _ApprovedSet(entries.map((e) => ({ repo: e.repo, revision: e.revision, ...e.files ? { files: [...e.files] } : {} })));
  }
  get size() {
    return this.byKey.size;
  }
  get(repo) {
    return this.byKey.get(repo.toLowerCase());
  }
  all() {
    return [...this.byKey.values()];
  }
  /**
   * An approved repository `repo` imitates: same name under another owner, or a name one or two edits away, or
   * equal once case, separators and lookalike characters are folded. Undefined when nothing is close.
   */
  lookalikeOf(repo) {
    const [owner = "", name = ""] = repo.split("/");
    let best;
    for (const m of this.byKey.values()) {
      const [mo = "", mn = ""] = m.repo.split("/");
      const sameName = name.toLowerCase() === mn.toLowerCase() && owner.toLowerCase() !== mo.toLowerCase();
      const folded = visualKey(owner) === visualKey(mo) && visualKey(name) === visualKey(mn);
      const d = osaDistance(foldKey(repo), foldKey(m.repo), 2);
      const near = sameName || folded ? 0 : d <= 2 ? d : void 0;
      if (near !== void 0 && (!best || near < best.d)) best = { m, d: near };
    }
    return best?.m;
  }
};
function requestHelp(repo, revision) {
  const sha = revision !== void 0 && HEX40.test(revision) ? revision : "<40-hex commit sha>";
  return `${repo} is not approved; to request it open a PR adding \`${repo}@${sha}\` to approved-models.yaml`;
}

// src/gateway/approval-state.ts
function fileSource(path) {
  return {
    describe: path,
    read: () => readFile(path, "utf8").catch((e) => {
      throw new Error(`cannot read ${path}: ${e.code ?? e.message}`, { cause: e });
    })
  };
}
function githubSource(o) {
  const path = o.path ?? "approved-models.yaml";
  const url = `${o.apiUrl.replace(/\/+$/, "")}/repos/${o.repository}/contents/${path.split("/").map(encodeURIComponent).join("/")}`;
  const get = o.fetch ?? fetch;
  return {
    describe: `${o.repository}:${path} (default branch, ${new URL(o.apiUrl).origin})`,
    async read() {
      const res = await get(url, {
        headers: { Accept: "application/vnd.github.raw", "X-GitHub-Api-Version": "2022-11-28", ...o.token ? { Authorization: `Bearer ${o.token}` } : {} },
        signal: AbortSignal.timeout(o.timeoutMs ?? 3e4),
        redirect: "error"
      });
      if (!res.ok) throw new Error(`GitHub answered ${res.status} for ${path} of ${o.repository}${res.status === 404 ? " (no such file, or a private repository the token cannot read)" : ""}`);
      const text = await res.text();
      if (text.length > 1024 * 1024) throw new Error(`${path} of ${o.repository} is larger than 1 MiB`);
      return text;
    }
  };
}
var ApprovalState = class {
  constructor(source, opts) {
    this.source = source;
    this.opts = opts;
    this.now = opts.now ?? Date.now;
  }
  source;
  opts;
  current = new ApprovedSet([]);
  loadedAt;
  lastErrorText;
  timer;
  now;
  /** Bumped on each successful refresh: caches keyed on it (signatures) start over. */
  generation = 0;
  get approved() {
    return this.current;
  }
  get lastError() {
    return this.lastErrorText;
  }
  /** Seconds since the last successful read (Infinity before the first). */
  ageSeconds() {
    return this.loadedAt === void 0 ? Infinity : (this.now() - this.loadedAt) / 1e3;
  }
  fresh() {
    return this.loadedAt !== void 0 && this.now() - this.loadedAt <= this.opts.maxStaleMs;
  }
  /** Reads and parses the list; a list with any error is not used (the previous one stays). Never throws. */
  async refresh() {
    try {
      const text = await this.source.read();
      const parsed = parseAllowlist(text, this.source.describe);
      if (parsed.errors.length > 0) {
        const e = parsed.errors[0];
        throw new Error(`${this.source.describe}:${e.line ?? 0}: ${e.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more errors)` : ""}`);
      }
      this.current = ApprovedSet.fromEntries(parsed.entries);
      this.loadedAt = this.now();
      this.lastErrorText = void 0;
      this.generation++;
      this.opts.onRefresh?.({ ok: true, entries: parsed.entries.length });
      return true;
    } catch (e) {
      this.lastErrorText = `allowlist refresh from ${this.source.describe} failed: ${e.message}`;
      this.opts.onRefresh?.({ ok: false, error: this.lastErrorText });
      return false;
    }
  }
  start(intervalMs) {
    this.stop();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = void 0;
  }
};

// src/gateway/pull-through.ts
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
var PullError = class extends Error {
  constructor(message, reason) {
    super(message);
    this.reason = reason;
  }
  reason;
};
var PullThrough = class {
  constructor(store, upstream, events = {}) {
    this.store = store;
    this.upstream = upstream;
    this.events = events;
  }
  store;
  upstream;
  events;
  inflight = /* @__PURE__ */ new Map();
  /** Resolves once the blob is in the store (fetched now, or by a fetch already running). */
  async ensure(req) {
    if (await this.store.stat(req.sha256)) return;
    return this.fetchOnce(req);
  }
  /** Fetches even if a blob is stored (the stored one was found not to match its digest). */
  fetchOnce(req) {
    return this.start(req).done;
  }
  /**
   * Fetches with `sink` seeing every byte as it arrives (each exactly once, in order), so the first client is
   * answered while the file downloads instead of after. 'joined' when a fetch of the same content was already
   * running: the sink saw nothing, and the blob is stored once this resolves.
   */
  async fetchStreaming(req, sink) {
    const s = this.start(req, sink);
    await s.done;
    return s.joined ? "joined" : "fetched";
  }
  start(req, sink) {
    const running = this.inflight.get(req.sha256);
    if (running) return { done: running, joined: true };
    const p = this.fetch(req, sink).finally(() => this.inflight.delete(req.sha256));
    this.inflight.set(req.sha256, p);
    return { done: p, joined: false };
  }
  async fetch(req, sink) {
    const tmp = join(this.store.scratchDir, `${req.sha256}.${randomBytes(6).toString("hex")}`);
    const client = this.upstream();
    const what = `${req.repo}@${req.commit}/${req.item.path}`;
    try {
      let result;
      try {
        result = await client.download({ repo: req.repo, sha: req.commit, item: req.item, copyTo: tmp, ...sink ? { consumers: [sink] } : {} });
      } catch (e) {
        throw new PullError(`upstream fetch of ${what} failed: ${e.message}`, "upstream-failed");
      }
      if (result.sha256 !== req.sha256) {
        throw new PullError(`upstream served ${what} with sha256 ${result.sha256}, but the signed manifest says ${req.sha256}; not stored`, "upstream-mismatch");
      }
      await this.store.putFile(req.sha256, tmp, result.size);
      await this.events.onStored?.(req.sha256);
      this.events.onFetch?.(req, "stored", `${result.size} bytes from ${result.source}`);
    } catch (e) {
      this.events.onFetch?.(req, "failed", e.message);
      throw e;
    } finally {
      await rm(tmp, { force: true });
      await client.close();
    }
  }
};

// src/gateway/mirror.ts
async function mirrorModels(o) {
  const puller = new PullThrough(o.store, o.upstream);
  const results = [];
  for (const m of o.models) {
    const r = { repo: m.repo, revision: m.revision, ok: false, fetched: 0, present: 0, bytes: 0 };
    try {
      const state = await o.signatures(m.repo, m.revision);
      if (state.state !== "valid") throw new Error(`not served until signed: ${state.detail}`);
      const client = o.upstream();
      let tree;
      try {
        tree = await client.listTree(m.repo, m.revision);
      } finally {
        await client.close();
      }
      const byPath = new Map(tree.filter((t) => t.type === "file").map((t) => [t.path, t]));
      for (const [path, sha256] of state.files) {
        const item = byPath.get(path);
        if (!item) throw new Error(`signed file '${path}' is not in the upstream tree at ${m.revision}`);
        if (await o.store.stat(sha256)) r.present++;
        else {
          await puller.ensure({ repo: m.repo, commit: m.revision, item, sha256 });
          r.fetched++;
        }
        r.bytes += item.size;
      }
      r.ok = true;
    } catch (e) {
      r.problem = e.message;
    }
    results.push(r);
    o.onResult?.(r);
  }
  return results;
}

// src/gateway/server.ts
import { createServer as createHttp } from "node:http";
import { createServer as createHttps } from "node:https";

// src/gateway/decision.ts
var HEX402 = /^[0-9a-f]{40}$/i;
function decide(approved, repo, rev) {
  const model = approved.get(repo);
  if (!model) {
    const like = approved.lookalikeOf(repo);
    if (like) {
      return {
        ok: false,
        refusal: {
          status: 403,
          code: "ModelNotApproved",
          reason: "typosquat",
          message: `${repo} is not approved and looks like the approved ${like.repo}: check the name (a lookalike name is how typosquatted models are loaded). ${requestHelp(repo, rev)}`
        }
      };
    }
    return { ok: false, refusal: { status: 403, code: "ModelNotApproved", reason: "not-approved", message: requestHelp(repo, rev) } };
  }
  if (HEX402.test(rev) && rev.toLowerCase() !== model.revision) {
    return {
      ok: false,
      refusal: {
        status: 403,
        code: "RevisionNotApproved",
        reason: "unapproved-revision",
        message: `${model.repo}@${rev.toLowerCase()} is not approved (the approved commit is ${model.revision}); to request it open a PR changing the entry to \`${model.repo}@${rev.toLowerCase()}\` in approved-models.yaml`
      }
    };
  }
  return { ok: true, model };
}
function signatureRefusal(model, state) {
  if (state.state === "valid") return void 0;
  if (state.state === "missing") {
    return {
      status: 403,
      code: "ModelNotSigned",
      reason: "unsigned",
      message: `${model.repo}@${model.revision} is approved but not signed yet; it is served once the sign workflow has signed it (${state.detail})`
    };
  }
  return { status: 403, code: "ModelNotSigned", reason: "invalid-signature", message: `${model.repo}@${model.revision} is approved but its signature does not verify: ${state.detail}` };
}
var STALE_REFUSAL = (age, why) => ({
  status: 503,
  code: "AllowlistStale",
  reason: "stale-allowlist",
  message: `the gateway's allowlist is ${Number.isFinite(age) ? `${Math.round(age)} s old` : "not loaded"}, past its maximum age; nothing is served until it refreshes${why ? ` (${why})` : ""}`
});

// src/gateway/send-verified.ts
import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/gateway/hash-worker.ts
import { Worker } from "node:worker_threads";
var WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.t === 'open') { jobs.set(m.id, { hash: createHash('sha256'), bufs: m.bufs }); return; }
  const job = jobs.get(m.id);
  if (m.t === 'update') {
    if (job) job.hash.update(new Uint8Array(job.bufs[m.i], 0, m.len));
    parentPort.postMessage({ t: 'ack', id: m.id });
  } else if (m.t === 'digest') {
    jobs.delete(m.id);
    parentPort.postMessage({ t: 'digest', id: m.id, hex: job ? job.hash.digest('hex') : '' });
  } else if (m.t === 'drop') {
    jobs.delete(m.id);
  }
});
`;
var HashJob = class {
  constructor(owner, worker, id, buffers) {
    this.owner = owner;
    this.worker = worker;
    this.id = id;
    this.buffers = buffers;
  }
  owner;
  worker;
  id;
  buffers;
  pending = [];
  failed;
  done = false;
  send(msg) {
    if (this.failed) return Promise.reject(this.failed);
    if (this.done) return Promise.reject(new Error("hash job already finished"));
    return new Promise((resolve2, reject) => {
      this.pending.push({ resolve: resolve2, reject });
      this.worker.postMessage(msg);
    });
  }
  /** Hashes the first `length` bytes of buffer `index`; resolves once the worker is done reading them. */
  update(index, length) {
    return this.send({ t: "update", id: this.id, i: index, len: length }).then(() => void 0);
  }
  /** The sha256 (hex) of everything updated so far; ends the job. */
  async digest() {
    const hex = await this.send({ t: "digest", id: this.id });
    this.finish();
    return hex;
  }
  /** Ends the job without a digest (the response went away); safe to call more than once. */
  drop() {
    if (this.done) return;
    if (!this.failed) this.worker.postMessage({ t: "drop", id: this.id });
    this.finish();
  }
  /** @internal the worker answered. */
  settle(hex) {
    this.pending.shift()?.resolve(hex);
  }
  /** @internal the worker died: every wait fails, now and later. */
  fail(e) {
    this.failed = e;
    for (const p of this.pending.splice(0)) p.reject(e);
    this.owner.forget(this.id);
  }
  finish() {
    this.done = true;
    this.owner.forget(this.id);
  }
};
var HashWorker = class {
  worker;
  jobs = /* @__PURE__ */ new Map();
  nextId = 1;
  /** How many times a worker thread was started (a restart after a crash adds one). */
  starts = 0;
  /** Starts a job over `count` new shared buffers of `size` bytes each. */
  open(count, size) {
    const worker = this.worker ?? this.start();
    const sabs = Array.from({ length: count }, () => new SharedArrayBuffer(size));
    const job = new HashJob(this, worker, this.nextId++, sabs.map((s) => Buffer.from(s)));
    this.jobs.set(job.id, job);
    if (this.jobs.size === 1) worker.ref();
    worker.postMessage({ t: "open", id: job.id, bufs: sabs });
    return job;
  }
  /** @internal */
  forget(id) {
    if (this.jobs.delete(id) && this.jobs.size === 0) this.worker?.unref();
  }
  /** Stops the thread; jobs in flight fail. The next `open` starts a new one. */
  async terminate() {
    const w = this.worker;
    if (w) await w.terminate();
  }
  start() {
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 } });
    this.starts++;
    worker.on("message", (m) => this.jobs.get(m.id)?.settle(m.t === "digest" ? m.hex : ""));
    const down = (why) => {
      if (this.worker !== worker) return;
      this.worker = void 0;
      const e = new Error(`the hashing thread stopped (${why}); responses in flight were cut`);
      for (const job of [...this.jobs.values()]) job.fail(e);
    };
    worker.on("error", (e) => down(e.message));
    worker.on("exit", (code) => down(`exit code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }
};
var shared;
function sharedHashWorker() {
  shared ??= new HashWorker();
  return shared;
}

// src/gateway/send-verified.ts
var CHUNK = 1 << 20;
var BUFFERS = 4;
async function hashFile(fh) {
  const buf = Buffer.allocUnsafe(CHUNK);
  const h = createHash("sha256");
  let pos = 0;
  for (; ; ) {
    const { bytesRead } = await fh.read(buf, 0, buf.byteLength, pos);
    if (bytesRead === 0) break;
    h.update(bytesRead === buf.byteLength ? buf : buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return { sha256: h.digest("hex"), size: pos };
}
function sha256Verifier(worker, sha256, length) {
  const job = worker.open(BUFFERS, Math.min(CHUNK, Math.max(1, length)));
  return {
    buffers: job.buffers,
    update: (i, n) => job.update(i, n),
    matches: async () => await job.digest() === sha256,
    drop: () => job.drop()
  };
}
var VerifiedBlobs = class {
  constructor(store, max = 1e5) {
    this.store = store;
    this.max = max;
  }
  store;
  max;
  seen = /* @__PURE__ */ new Map();
  isVerified(sha256, info) {
    return this.seen.get(sha256) === info.identity;
  }
  remember(sha256, info) {
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.set(sha256, info.identity);
  }
  forget(sha256) {
    this.seen.delete(sha256);
  }
  /** Hashes the whole blob: true (and remembered) when it matches its name. */
  async check(sha256, info) {
    let got;
    if (this.store.openFile) {
      const fh = await this.store.openFile(sha256);
      try {
        got = await hashFile(fh);
      } finally {
        await fh.close();
      }
    } else {
      const h = createHash("sha256");
      let n = 0;
      for await (const chunk of await this.store.read(sha256)) {
        h.update(chunk);
        n += chunk.byteLength;
      }
      got = { sha256: h.digest("hex"), size: n };
    }
    const ok = got.size === info.size && got.sha256 === sha256;
    if (ok) this.remember(sha256, info);
    else this.forget(sha256);
    return ok;
  }
};
var DigestMismatch = class extends Error {
};
async function sendVerified(req, res, store, verified, sha256, info, headers, onBody, hasher = sharedHashWorker()) {
  const size = info.size;
  const range = parseRange(typeof req.headers.range === "string" ? req.headers.range : void 0, size);
  if (range.kind === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${size}`, "Content-Length": 0 });
    res.end();
    return { kind: "sent", bytes: 0, status: 416 };
  }
  if (!verified.isVerified(sha256, info) && !await verified.check(sha256, info)) return { kind: "tampered" };
  const partial = range.kind === "partial";
  const start = partial ? range.start : 0;
  const end = partial ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const status = partial ? 206 : 200;
  const out = { ...headers, "Accept-Ranges": "bytes", "Content-Length": length };
  if (partial) out["Content-Range"] = `bytes ${start}-${end}/${size}`;
  if (req.method === "HEAD" || length === 0) {
    res.writeHead(status, out);
    res.end();
    return { kind: "sent", bytes: 0, status };
  }
  if (store.openFile) {
    const fh = await store.openFile(sha256);
    try {
      res.writeHead(status, out);
      onBody?.(length);
      const r = await pumpFile(fh, start, length, res, partial ? void 0 : sha256Verifier(hasher, sha256, length));
      if (r === "done") return { kind: "sent", bytes: length, status };
      if (r === "mismatch") {
        verified.forget(sha256);
        return { kind: "cut" };
      }
      const detail = r === "short" ? "the stored file is shorter than its size" : r === "failed" ? "reading or hashing the stored file failed" : "the client closed the connection";
      return { kind: "aborted", detail };
    } finally {
      await fh.close();
    }
  }
  const source = await store.read(sha256, partial ? { start, end } : void 0);
  res.writeHead(status, out);
  onBody?.(length);
  let check;
  if (!partial) {
    const hash = createHash("sha256");
    let held;
    check = new Transform({
      transform(chunk, _enc, done) {
        hash.update(chunk);
        const prev = held;
        held = chunk;
        done(null, prev);
      },
      flush(done) {
        if (hash.digest("hex") !== sha256) done(new DigestMismatch());
        else done(null, held);
      }
    });
  }
  try {
    if (check) await pipeline(source, check, res);
    else await pipeline(source, res);
    return { kind: "sent", bytes: length, status };
  } catch (e) {
    res.destroy();
    if (e instanceof DigestMismatch) {
      verified.forget(sha256);
      return { kind: "cut" };
    }
    return { kind: "aborted", detail: e.message };
  }
}

// src/gateway/tokens.ts
import { createHash as createHash2, timingSafeEqual } from "node:crypto";
var digestOf = (t) => createHash2("sha256").update(t, "utf8").digest();
function parseTokens(text, where) {
  const out = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : `token-${i + 1}`;
    const token = colon > 0 ? line.slice(colon + 1).trim() : line;
    if (!/^[\x21-\x7e]{16,}$/.test(token)) throw new Error(`${where} line ${i + 1}: a token must be at least 16 printable ASCII characters without spaces`);
    if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error(`${where} line ${i + 1}: a token name must be 1-64 letters, digits, '.', '@', '_' or '-'`);
    out.push({ name, digest: digestOf(token) });
  });
  if (out.length === 0) throw new Error(`${where} holds no token`);
  return out;
}
function tokenHolder(tokens, header) {
  const m = header === void 0 ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const given = digestOf(m?.[1] ?? "");
  let found;
  for (const t of tokens) if (timingSafeEqual(t.digest, given) && found === void 0) found = t.name;
  return m ? found : void 0;
}

// src/gateway/handler.ts
var Refused = class extends Error {
  constructor(refusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
  refusal;
};
var NotFound = class extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
  code;
};
var NOT_FOUND = "Sorry, we can't find the page you are looking for.";
function segments(url) {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q + 1);
  const raw = path.split("/").slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  const segs = raw.map((s) => {
    let d;
    try {
      d = decodeURIComponent(s);
    } catch {
      throw new NotFound(`Invalid percent-encoding in path segment '${s}'`, "BadRequest");
    }
    if (d === "." || d === ".." || d.includes("\0") || d.includes("\\")) throw new NotFound("Invalid path: traversal segments are not allowed", "BadRequest");
    return d;
  });
  return { segs, query };
}
function takeRevision(segs, i) {
  const first = segs[i];
  if (first === void 0 || first === "") throw new NotFound("Missing revision", "RevisionNotFound");
  if (first === "refs" && segs.length >= i + 3) return { rev: segs.slice(i, i + 3).join("/"), next: i + 3 };
  return { rev: first, next: i + 1 };
}
function dispositionFor(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}";`;
}
function signedTree(tree, files) {
  const dirs = /* @__PURE__ */ new Set();
  for (const p of files.keys()) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  return tree.filter((t) => t.type === "file" ? files.has(t.path) : dirs.has(t.path));
}
function treeEntry(t, expand) {
  if (t.type === "directory") return { type: "directory", oid: t.oid, size: 0, path: t.path, ...expand && t.lastCommit ? { lastCommit: t.lastCommit } : {} };
  const f = t;
  return {
    type: "file",
    oid: f.oid,
    size: f.size,
    path: f.path,
    ...f.lfs ? { lfs: f.lfs } : {},
    ...expand && f.lastCommit ? { lastCommit: f.lastCommit } : {},
    ...expand && f.securityFileStatus ? { securityFileStatus: f.securityFileStatus } : {}
  };
}
function gatewayHandler(d) {
  async function authorised(c, repo, rev) {
    c.rec.repo = repo;
    c.rec.revision = rev;
    const decision = decide(d.approval.approved, repo, rev);
    if (!decision.ok) throw new Refused(decision.refusal);
    c.rec.commit = decision.model.revision;
    const state = await d.signatures(decision.model.repo, decision.model.revision);
    const refusal = signatureRefusal(decision.model, state);
    if (refusal || state.state !== "valid") throw new Refused(refusal);
    return { model: decision.model, files: state.files };
  }
  function requireMethod(c, allowed) {
    if (!allowed.includes(c.method)) {
      c.res.setHeader("Allow", allowed.join(", "));
      throw new NotFound(`Method ${c.method} is not allowed here; use ${allowed.join(" or ")}`, "MethodNotAllowed");
    }
  }
  async function modelInfo(c, repo, rest) {
    requireMethod(c, ["GET", "HEAD"]);
    let rev = "main";
    if (rest.length > 0) {
      if (rest[0] !== "revision") throw new NotFound(NOT_FOUND, "NotFound");
      const t = takeRevision(rest, 1);
      if (t.next !== rest.length) throw new NotFound(NOT_FOUND, "NotFound");
      rev = t.rev;
    }
    const { model, files } = await authorised(c, repo, rev);
    const doc = { ...await upstream(() => d.meta.info(model.repo, model.revision, c.query)) };
    doc["sha"] = model.revision;
    if (Array.isArray(doc["siblings"])) doc["siblings"] = doc["siblings"].filter((s) => typeof s.rfilename === "string" && files.has(s.rfilename));
    sendJson(c.res, 200, doc);
  }
  async function tree(c, repo, rest) {
    requireMethod(c, ["GET", "HEAD"]);
    const { rev, next } = takeRevision(rest, 1);
    const dir = rest.slice(next).join("/");
    const { model, files } = await authorised(c, repo, rev);
    const q = new URLSearchParams(c.query);
    const recursive = ["true", "True", "1"].includes(q.get("recursive") ?? "");
    const expand = ["true", "True", "1"].includes(q.get("expand") ?? "");
    const items = signedTree(await upstream(() => d.meta.tree(model.repo, model.revision)), files);
    if (dir && !items.some((t) => t.type === "directory" && t.path === dir)) throw new NotFound(`Entry not found: '${dir}' is not a directory at ${model.revision}`, "EntryNotFound");
    const prefix = dir ? `${dir}/` : "";
    const page = items.filter((t) => t.path.startsWith(prefix) && (recursive || !t.path.slice(prefix.length).includes("/")));
    sendJson(c.res, 200, page.map((t) => treeEntry(t, expand)));
  }
  async function pathsInfo(c, repo, rest) {
    requireMethod(c, ["POST"]);
    const { rev, next } = takeRevision(rest, 1);
    if (next !== rest.length) throw new NotFound(NOT_FOUND, "NotFound");
    const { model, files } = await authorised(c, repo, rev);
    const body = await readBody(c.req, 1024 * 1024);
    const type = (c.req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    let paths;
    let expand = false;
    if (type === "application/json") {
      try {
        const j = JSON.parse(body.toString("utf8"));
        paths = j.paths;
        expand = j.expand === true || j.expand === "true";
      } catch {
        throw new NotFound("Malformed JSON body", "BadRequest");
      }
    } else {
      const form = new URLSearchParams(body.toString("utf8"));
      paths = form.getAll("paths");
      expand = form.get("expand") === "true";
    }
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== "string")) throw new NotFound('"paths" must be an array of strings', "BadRequest");
    const items = signedTree(await upstream(() => d.meta.tree(model.repo, model.revision)), files);
    const wanted = new Set(paths.map((p) => p.replace(/\/+$/, "")));
    sendJson(c.res, 200, items.filter((t) => wanted.has(t.path)).map((t) => treeEntry(t, expand)));
  }
  async function refs(c, repo) {
    requireMethod(c, ["GET", "HEAD"]);
    const { model } = await authorised(c, repo, "main");
    sendJson(c.res, 200, { branches: [{ name: "main", ref: "refs/heads/main", targetCommit: model.revision }], converts: [], tags: [] });
  }
  async function listModels(c) {
    requireMethod(c, ["GET", "HEAD"]);
    const q = new URLSearchParams(c.query);
    const search = (q.get("search") ?? "").toLowerCase();
    const author = q.get("author")?.toLowerCase();
    const limit = Math.min(Number(q.get("limit") ?? 1e3) || 1e3, 1e3);
    const out = [];
    for (const m of d.approval.approved.all().sort((a, b) => a.repo < b.repo ? -1 : 1)) {
      if (out.length >= limit) break;
      if (!m.repo.toLowerCase().includes(search) || author !== void 0 && m.repo.split("/")[0]?.toLowerCase() !== author) continue;
      if ((await d.signatures(m.repo, m.revision)).state !== "valid") continue;
      let info = {};
      try {
        info = await d.meta.info(m.repo, m.revision, "");
      } catch (e) {
        d.alert({ event: "upstream-info-failed", repo: m.repo, commit: m.revision, error: e.message });
      }
      const item = { _id: info["_id"] ?? m.repo, id: m.repo, modelId: m.repo, sha: m.revision };
      for (const k of ["likes", "downloads", "trendingScore", "private", "tags", "pipeline_tag", "library_name", "createdAt"]) if (info[k] !== void 0) item[k] = info[k];
      item["private"] = false;
      out.push(item);
    }
    sendJson(c.res, 200, out);
  }
  async function upstream(f) {
    try {
      return await f();
    } catch (e) {
      d.metrics.inc("gateway_upstream_failures_total", { kind: "metadata" });
      throw new Refused({ status: 502, code: "UpstreamError", reason: "upstream-failed", message: `the upstream Hub could not be read: ${e.message}` });
    }
  }
  async function file(c, repo, kind, rest) {
    requireMethod(c, ["GET", "HEAD"]);
    const { rev, next } = takeRevision(rest, 0);
    const path = rest.slice(next).join("/");
    c.rec.file = path;
    if (path === "" || unsafePathReason(path)) throw new NotFound("Entry not found", "EntryNotFound");
    const { model, files } = await authorised(c, repo, rev);
    const sha256 = files.get(path);
    if (sha256 === void 0) {
      throw new Refused({
        status: 404,
        code: "EntryNotFound",
        reason: "not-signed-file",
        message: `Entry not found: '${path}' is not among the signed files of ${model.repo}@${model.revision}`
      });
    }
    const item = (await upstream(() => d.meta.tree(model.repo, model.revision))).find((t) => t.type === "file" && t.path === path);
    if (!item) throw new Refused({ status: 502, code: "UpstreamError", reason: "upstream-failed", message: `the upstream Hub no longer lists signed file '${path}' of ${model.repo}@${model.revision}` });
    const headers = {
      "X-Repo-Commit": model.revision,
      ETag: `"${item.lfs ? sha256 : item.oid}"`,
      "Cache-Control": "private, max-age=0, must-revalidate",
      "Content-Type": "application/octet-stream"
    };
    if (item.lfs) {
      headers["X-Linked-Etag"] = `"${sha256}"`;
      headers["X-Linked-Size"] = item.size;
    }
    if (kind === "raw" && item.lfs) {
      sendBytes(c.req, c.res, Buffer.from(lfsPointerText(sha256, item.size), "latin1"), { ...headers, "Content-Type": "text/plain; charset=utf-8" });
      return;
    }
    if (kind === "resolve") headers["Content-Disposition"] = dispositionFor(path);
    const pull = { repo: model.repo, commit: model.revision, item, sha256 };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const streamable = c.method === "GET" && c.req.headers.range === void 0 && item.size > 0 && item.size >= d.streamThroughMinBytes;
        if (streamable && !await d.store.stat(sha256)) {
          const sink = streamingSink(c, item.size, headers);
          if (await d.puller.fetchStreaming(pull, sink) === "fetched" && c.res.headersSent) {
            await sink.finish();
            return;
          }
        } else if (attempt === 0) await d.puller.ensure(pull);
        else await d.puller.fetchOnce(pull);
      } catch (e) {
        if (c.res.headersSent) {
          c.res.destroy();
          c.rec.outcome = "refused";
          c.rec.bytes = void 0;
        }
        d.metrics.inc("gateway_upstream_failures_total", { kind: "file" });
        d.alert({ event: "pull-through-failed", repo: model.repo, commit: model.revision, file: path, error: e.message });
        const reason = e instanceof PullError && e.reason === "upstream-mismatch" ? "tampered" : "upstream-failed";
        throw new Refused({ status: 502, code: "UpstreamError", reason, message: `${path} of ${model.repo}@${model.revision} could not be fetched and verified: ${e.message}` });
      }
      const info = await d.store.stat(sha256);
      if (!info) continue;
      const sent = await sendVerified(c.req, c.res, d.store, d.verified, sha256, info, headers, (n) => c.rec.bytes = n);
      if (sent.kind === "sent") return;
      if (sent.kind === "aborted") {
        c.rec.outcome = "error";
        c.rec.reason = "aborted";
        c.rec.message = sent.detail;
        return;
      }
      d.metrics.inc("gateway_tampered_blobs_total");
      d.alert({ event: "stored-blob-mismatch", sha256, repo: model.repo, file: path, action: sent.kind === "cut" ? "connection cut before the body completed; blob removed" : "blob removed and refetched" });
      await d.store.remove(sha256);
      if (sent.kind === "cut") {
        c.rec.outcome = "refused";
        c.rec.reason = "tampered";
        c.rec.message = "stored bytes did not match the signed digest; connection cut before the body completed";
        return;
      }
    }
    throw new Refused({ status: 502, code: "UpstreamError", reason: "tampered", message: `${path} of ${model.repo}@${model.revision}: the stored bytes do not match the signed sha256 even after refetching; refused` });
  }
  function streamingSink(c, size, headers) {
    let seen = 0;
    let held;
    const out = (chunk) => new Promise((resolve2) => {
      if (c.res.destroyed) return resolve2();
      const done = () => {
        c.res.off("close", done);
        resolve2();
      };
      c.res.once("close", done);
      c.res.write(chunk, done);
    });
    return {
      // Each chunk is written before write() resolves, except the last, which is copied.
      borrowsChunks: true,
      async write(chunk) {
        if (!c.res.headersSent) {
          c.res.writeHead(200, { ...headers, "Accept-Ranges": "bytes", "Content-Length": size });
          c.rec.bytes = size;
        }
        seen += chunk.byteLength;
        if (seen >= size) held = Buffer.from(chunk);
        else await out(chunk);
      },
      async finish() {
        if (held) await out(held);
        await new Promise((resolve2) => c.res.end(resolve2));
      }
    };
  }
  function whoami(c) {
    requireMethod(c, ["GET", "HEAD"]);
    if (c.who === "anonymous") throw new Refused({ status: 401, code: "Unauthorized", reason: "unauthenticated", message: "Invalid username or password." });
    sendJson(c.res, 200, {
      type: "user",
      id: "000000000000000000000000",
      name: c.who,
      fullname: c.who,
      email: null,
      emailVerified: false,
      canPay: false,
      isPro: false,
      periodEnd: null,
      avatarUrl: "",
      orgs: [],
      auth: { type: "access_token", accessToken: { displayName: "model-gate gateway", role: "read" } }
    });
  }
  async function route(c) {
    const s = c.segs;
    if (s[0] === "api") {
      if (s[1] === "models" && s.length === 2) return listModels(c);
      if (s[1] === "whoami-v2" && s.length === 2) return whoami(c);
      if (s[1] === "models" && s.length >= 4) {
        const repo = `${s[2]}/${s[3]}`;
        const rest = s.slice(4);
        switch (rest[0]) {
          case void 0:
          case "revision":
            return modelInfo(c, repo, rest);
          case "tree":
            return tree(c, repo, rest);
          case "paths-info":
            return pathsInfo(c, repo, rest);
          case "refs":
            return refs(c, repo);
        }
      }
    } else if (s.length >= 4 && (s[2] === "resolve" || s[2] === "raw")) {
      return file(c, `${s[0]}/${s[1]}`, s[2], s.slice(3));
    }
    throw new NotFound(NOT_FOUND, "NotFound");
  }
  return (req, res) => {
    const started = d.now();
    const method = req.method ?? "GET";
    const rec = {};
    let who = "anonymous";
    res.on("close", () => {
      if (!res.writableFinished && rec.outcome === void 0) {
        rec.outcome = "error";
        rec.reason = "aborted";
      }
      if (!res.writableFinished) rec.bytes = void 0;
      const outcome = rec.outcome ?? (res.statusCode < 400 ? "served" : res.statusCode >= 500 && rec.reason === void 0 ? "error" : "refused");
      d.metrics.inc("gateway_requests_total", { outcome, reason: String(rec.reason ?? (outcome === "served" ? "approved" : "other")) });
      if (rec.bytes) d.metrics.inc("gateway_served_bytes_total", {}, rec.bytes);
      d.access({
        time: new Date(started).toISOString(),
        client: req.socket.remoteAddress ?? "unknown",
        who,
        method,
        path: (req.url ?? "").split("?")[0] ?? "",
        ...rec,
        status: res.statusCode,
        outcome,
        ms: d.now() - started
      });
    });
    const fail = (err) => {
      if (err instanceof Refused) {
        rec.reason = err.refusal.reason;
        rec.message = err.refusal.message;
      } else if (!(err instanceof NotFound)) {
        rec.outcome = "error";
        rec.message = err.message;
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof Refused) sendError(res, err.refusal.status, err.refusal.message, err.refusal.code);
      else if (err instanceof NotFound) sendError(res, err.code === "BadRequest" ? 400 : err.code === "MethodNotAllowed" ? 405 : 404, err.message, err.code);
      else sendError(res, 500, `Internal gateway error: ${err.message}`);
    };
    try {
      const { segs, query } = segments(req.url ?? "/");
      if (d.tokens) {
        const holder = tokenHolder(d.tokens, req.headers.authorization);
        if (!holder) {
          throw new Refused({
            status: 401,
            code: "Unauthorized",
            reason: "unauthenticated",
            message: req.headers.authorization === void 0 ? "This gateway needs an access token: set HF_TOKEN to the token you were given." : "Invalid credentials in Authorization header"
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

// src/gateway/metrics.ts
function labelText(labels) {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return "";
  const esc = (v) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  return `{${keys.map((k) => `${k}="${esc(labels[k] ?? "")}"`).join(",")}}`;
}
var Metrics = class {
  families = /* @__PURE__ */ new Map();
  counter(name, help) {
    this.families.set(name, { help, type: "counter", values: /* @__PURE__ */ new Map() });
  }
  gauge(name, help, read) {
    this.families.set(name, { help, type: "gauge", values: /* @__PURE__ */ new Map(), ...read ? { read } : {} });
  }
  inc(name, labels = {}, by = 1) {
    const f = this.families.get(name);
    if (!f) throw new Error(`metric ${name} is not declared`);
    const key = labelText(labels);
    f.values.set(key, (f.values.get(key) ?? 0) + by);
  }
  set(name, value, labels = {}) {
    const f = this.families.get(name);
    if (!f) throw new Error(`metric ${name} is not declared`);
    f.values.set(labelText(labels), value);
  }
  value(name, labels = {}) {
    const f = this.families.get(name);
    if (f?.read && Object.keys(labels).length === 0) return f.read();
    return f?.values.get(labelText(labels)) ?? 0;
  }
  render() {
    const lines = [];
    for (const [name, f] of this.families) {
      lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      if (f.read) lines.push(`${name} ${f.read()}`);
      else if (f.values.size === 0 && f.type === "counter") lines.push(`${name} 0`);
      for (const [labels, v] of f.values) lines.push(`${name}${labels} ${v}`);
    }
    return `${lines.join("\n")}
`;
  }
};

// src/gateway/signed-model.ts
import { join as join2 } from "node:path";
function jsonOf(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not JSON (${e.message})`, { cause: e });
  }
}
async function signedStateOf(src, repo, commit) {
  const [org, name] = repo.split("/");
  const dir = join2(src.dir, org, name, commit);
  const [modelText, vettingText] = await Promise.all([src.read(join2(dir, MODEL_SIG_FILE)), src.read(join2(dir, VETTING_FILE))]);
  if (modelText === void 0) return { state: "missing", detail: `no ${MODEL_SIG_FILE} for ${repo}@${commit} in ${src.dir}` };
  if (vettingText === void 0) return { state: "missing", detail: `no ${VETTING_FILE} for ${repo}@${commit} in ${src.dir}` };
  const now = src.now?.() ?? /* @__PURE__ */ new Date();
  const invalid = (detail) => ({ state: "invalid", detail: `${repo}@${commit}: ${detail}` });
  try {
    const sig = verifyBundleSignature(jsonOf(modelText, MODEL_SIG_FILE), src.trust, now);
    if (!sig.ok) return invalid(`${MODEL_SIG_FILE}: ${sig.reason}: ${sig.message}`);
    if (sig.payloadType !== IN_TOTO_PAYLOAD_TYPE) return invalid(`${MODEL_SIG_FILE}: payloadType is '${sig.payloadType}'`);
    const manifest = parseModelSigningStatement(sig.payload);
    if (manifest.computedRoot !== manifest.subjectRoot) return invalid(`${MODEL_SIG_FILE}: its resources hash to ${manifest.computedRoot}, not the signed ROOT ${manifest.subjectRoot}`);
    const vet = verifyBundleSignature(jsonOf(vettingText, VETTING_FILE), src.trust, now);
    if (!vet.ok) return invalid(`${VETTING_FILE}: ${vet.reason}: ${vet.message}`);
    const v = parseVettingStatement(vet.payload);
    if (v.root !== manifest.subjectRoot) return invalid(`${VETTING_FILE} covers ROOT ${v.root}, ${MODEL_SIG_FILE} covers ${manifest.subjectRoot}`);
    const names = [v.requestedId, v.canonicalId].map((n) => n.toLowerCase());
    if (v.commit !== commit || !names.includes(repo.toLowerCase())) return invalid(`${VETTING_FILE} is the record of ${v.requestedId}@${v.commit}, not of this entry`);
    if (v.verdict !== "approved") return invalid(`${VETTING_FILE} records the verdict '${v.verdict}', not an approval`);
    return { state: "valid", root: manifest.subjectRoot, files: new Map(manifest.resources.map((r) => [r.name, r.digest])) };
  } catch (e) {
    if (e instanceof ManifestError) return invalid(`${MODEL_SIG_FILE}: ${e.message}`);
    return invalid(e.message);
  }
}

// src/gateway/upstream.ts
var UpstreamMeta = class {
  constructor(client, now = Date.now, infoTtlMs = 3e5) {
    this.client = client;
    this.now = now;
    this.infoTtlMs = infoTtlMs;
  }
  client;
  now;
  infoTtlMs;
  trees = /* @__PURE__ */ new Map();
  infos = /* @__PURE__ */ new Map();
  async using(f) {
    const c = this.client();
    try {
      return await f(c);
    } finally {
      await c.close();
    }
  }
  tree(repo, commit) {
    const key = `${repo.toLowerCase()}@${commit}`;
    let p = this.trees.get(key);
    if (!p) {
      p = this.using((c) => c.listTree(repo, commit));
      p.catch(() => this.trees.delete(key));
      if (this.trees.size > 1e4) this.trees.clear();
      this.trees.set(key, p);
    }
    return p;
  }
  /** The upstream model-info document of `repo` at `commit`, with the client's own query (expand[] and the like). */
  info(repo, commit, query) {
    const key = `${repo.toLowerCase()}@${commit}?${query}`;
    const hit = this.infos.get(key);
    if (hit && this.now() - hit.at < this.infoTtlMs) return hit.doc;
    const doc = this.using(async (c) => {
      const url = `${c.hubUrl}/api/models/${repo}/revision/${commit}${query ? `?${query}` : ""}`;
      const answer = await c.http.getJson(url, { what: `model info for ${repo}@${commit}`, notFound: "repo-not-found" });
      if (answer.status !== 200 || typeof answer.body !== "object" || answer.body === null || Array.isArray(answer.body)) {
        throw new Error(`upstream answered ${answer.status} for the model info of ${repo}@${commit}${answer.location ? ` (redirect to ${answer.location}: the repository moved; re-approve it under its new name)` : ""}`);
      }
      return answer.body;
    });
    doc.catch(() => this.infos.delete(key));
    if (this.infos.size > 1e4) this.infos.clear();
    this.infos.set(key, { at: this.now(), doc });
    return doc;
  }
};

// src/gateway/server.ts
function declareMetrics(m, approval) {
  m.counter("gateway_requests_total", "Requests answered, by outcome (served, refused, error) and reason.");
  m.counter("gateway_served_bytes_total", "File bytes sent to clients.");
  m.counter("gateway_upstream_fetches_total", "Pull-through fetches from the upstream Hub, by result.");
  m.counter("gateway_upstream_failures_total", "Upstream reads that failed, by kind (metadata, file).");
  m.counter("gateway_tampered_blobs_total", "Stored blobs found not to match their signed sha256 (removed; refetched or refused).");
  m.counter("gateway_allowlist_refreshes_total", "Allowlist refresh attempts, by result.");
  m.gauge("gateway_allowlist_entries", "Entries in the allowlist in force.", () => approval.approved.size);
  m.gauge("gateway_allowlist_age_seconds", "Seconds since the allowlist was last read successfully (-1 before the first).", () => {
    const a = approval.ageSeconds();
    return Number.isFinite(a) ? Math.round(a) : -1;
  });
  m.gauge("gateway_allowlist_fresh", "1 while the allowlist is within its maximum age, else 0 (nothing is served).", () => approval.fresh() ? 1 : 0);
}
async function startGateway(o) {
  const now = o.now ?? Date.now;
  const log = (obj) => o.log(JSON.stringify(obj));
  const metrics = new Metrics();
  const approval = new ApprovalState(o.allowlist, {
    maxStaleMs: o.maxStaleMs ?? 36e5,
    now,
    onRefresh: (r) => {
      metrics.inc("gateway_allowlist_refreshes_total", { result: r.ok ? "ok" : "failed" });
      if (!r.ok) log({ time: new Date(now()).toISOString(), event: "allowlist-refresh-failed", error: r.error });
    }
  });
  declareMetrics(metrics, approval);
  if (!await approval.refresh()) throw new Error(approval.lastError ?? "the allowlist could not be read");
  approval.start(o.refreshIntervalMs ?? 6e4);
  const sigCache = /* @__PURE__ */ new Map();
  const signatures = (repo, commit) => {
    const key = `${repo.toLowerCase()}@${commit}`;
    const hit = sigCache.get(key);
    if (hit && hit.gen === approval.generation) return hit.state;
    const state = signedStateOf({ dir: o.signatures.dir, trust: o.signatures.trust, read: readRecordFile }, repo, commit);
    if (sigCache.size > 1e4) sigCache.clear();
    sigCache.set(key, { gen: approval.generation, state });
    return state;
  };
  const client = () => new HubClient(o.upstream);
  const alert = (event) => log({ time: new Date(now()).toISOString(), ...event });
  const verified = new VerifiedBlobs(o.store);
  const puller = new PullThrough(o.store, client, {
    // Hashed against the signed digest on the way in: the first answer need not read it all again before sending.
    onStored: async (sha) => {
      const info = await o.store.stat(sha);
      if (info) verified.remember(sha, info);
    },
    onFetch: (req, outcome, detail) => {
      metrics.inc("gateway_upstream_fetches_total", { result: outcome });
      alert({ event: `pull-through-${outcome}`, repo: req.repo, commit: req.commit, file: req.item.path, sha256: req.sha256, detail });
    }
  });
  const hub = gatewayHandler({
    approval,
    signatures,
    meta: new UpstreamMeta(client, now),
    puller,
    store: o.store,
    verified,
    ...o.tokens ? { tokens: o.tokens } : {},
    metrics,
    access: (rec) => log(rec),
    alert,
    now,
    streamThroughMinBytes: o.streamThroughMinBytes ?? 8 * 1024 * 1024
  });
  const handler = (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/healthz") {
      const fresh = approval.fresh();
      const body = JSON.stringify({
        status: fresh ? "ok" : "stale",
        allowlist: approval.source.describe,
        entries: approval.approved.size,
        ageSeconds: Number.isFinite(approval.ageSeconds()) ? Math.round(approval.ageSeconds()) : null,
        ...approval.lastError ? { lastError: approval.lastError } : {}
      });
      res.writeHead(fresh ? 200 : 503, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? void 0 : body);
      return;
    }
    if (path === "/metrics") {
      const body = metrics.render();
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? void 0 : body);
      return;
    }
    hub(req, res);
  };
  const server = o.tls ? createHttps({ cert: o.tls.certPem, key: o.tls.keyPem, keepAlive: true }, handler) : createHttp({ keepAlive: true }, handler);
  const host = o.host ?? "127.0.0.1";
  const port = await new Promise((resolve2, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, () => {
      server.off("error", reject);
      resolve2(server.address().port);
    });
  });
  const url = `${o.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing;
  return {
    url,
    metrics,
    approval,
    close: () => closing ??= new Promise((resolve2) => {
      approval.stop();
      const cut = setTimeout(() => server.closeAllConnections(), o.closeGraceMs ?? 1e4);
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.close(() => {
        clearTimeout(cut);
        clearInterval(idle);
        resolve2();
      });
      server.closeIdleConnections();
    })
  };
}

// src/cli/gateway.ts
var COMMON_USAGE = `  where the allowlist comes from (one of):
    --allowlist FILE                  approved-models.yaml on disk (re-read every --refresh seconds)
    --allowlist-github OWNER/REPO     the file on the repository's default branch, through the GitHub API
      [--allowlist-path approved-models.yaml] [--github-api-url https://api.github.com]   (GH_TOKEN/GITHUB_TOKEN)
  signatures (the sign workflow's folder: ORG/NAME/SHA/model.sig and vetting.sigstore.json):
    --signatures DIR
    --public-key key.pub | --identity SAN --identity-provider ISSUER [--ref REF] [--trusted-root F] | --certificate-chain ca.pem
  store and upstream:
    --cache DIR                       content-addressed store folder (sha256/ab/<sha256>), or, for replicas:
    --s3-bucket NAME [--s3-prefix P] [--s3-endpoint URL] [--s3-region R]   an S3-compatible bucket (credentials:
                                      the AWS SDK's usual sources, e.g. AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)
    --upstream URL                    the Hub to pull from (default https://huggingface.co; token: MODEL_GATE_UPSTREAM_TOKEN)
    --cdn-origin URL ...              origins the upstream may redirect LFS downloads to (needed for a non-public upstream)`;
var GATEWAY_USAGE = `usage: model-gate serve --gateway [options]

Serves only approved, signed models, as a Hub endpoint: point HF_ENDPOINT (or a client's hub URL) at it.
Every ref of an approved repository resolves to its approved commit; anything else is refused with the PR to
open. Files are pulled through from upstream on first use, checked against the signed sha256, and stored.
${COMMON_USAGE}
  serving:
    --host 127.0.0.1 --port 8080
    --tls-cert cert.pem --tls-key key.pem     HTTPS
    --tokens-file FILE                lines NAME:TOKEN (or MODEL_GATE_GATEWAY_TOKENS, same format); without
                                      either, clients are not authenticated
    --refresh SECONDS                 allowlist and signature refresh interval (default 60)
    --max-stale SECONDS               refuse everything once the allowlist is this old (default 3600)
  GET /healthz (503 when stale) and /metrics (Prometheus text); one JSON access-log line per request on stdout.
`;
var MIRROR_USAGE = `usage: model-gate mirror [options]

Pre-populates the gateway's store with every signed file of the allowlist's entries (verified download,
signed sha256, content-addressed). Exit 0 all stored, 1 an entry could not be mirrored (printed), 2 usage error.
${COMMON_USAGE}
`;
var COMMON_OPTIONS = {
  allowlist: { type: "string" },
  "allowlist-github": { type: "string" },
  "allowlist-path": { type: "string" },
  "github-api-url": { type: "string" },
  signatures: { type: "string" },
  ...TRUST_OPTIONS,
  cache: { type: "string" },
  "s3-bucket": { type: "string" },
  "s3-prefix": { type: "string" },
  "s3-endpoint": { type: "string" },
  "s3-region": { type: "string" },
  upstream: { type: "string" },
  "cdn-origin": { type: "string", multiple: true }
};
async function common(v, io, usage) {
  const at = (p) => resolve(io.cwd, p);
  if (!!v.allowlist === !!v["allowlist-github"]) throw new UsageError(`give exactly one of --allowlist FILE and --allowlist-github OWNER/REPO

${usage}`);
  let allowlist;
  if (v.allowlist) allowlist = fileSource(at(v.allowlist));
  else {
    const repository = v["allowlist-github"];
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError(`--allowlist-github needs OWNER/REPO, got '${repository}'`);
    const token2 = io.env["GH_TOKEN"] || io.env["GITHUB_TOKEN"];
    allowlist = githubSource({
      apiUrl: v["github-api-url"] ?? "https://api.github.com",
      repository,
      ...v["allowlist-path"] ? { path: v["allowlist-path"] } : {},
      ...token2 ? { token: token2 } : {}
    });
  }
  if (!v.signatures) throw new UsageError(`--signatures DIR is required (approved models are served only once signed)

${usage}`);
  if (trustsGiven(v) !== 1) throw new UsageError(`give exactly one trust: --public-key, --identity with --identity-provider, or --certificate-chain

${usage}`);
  const trust = await trustFromOptions(v, at);
  if (!!v.cache === !!v["s3-bucket"]) throw new UsageError(`give exactly one store: --cache DIR or --s3-bucket NAME

${usage}`);
  let store;
  if (v.cache) store = await FsBlobStore.open(at(v.cache));
  else {
    const { S3BlobStore } = await import("./s3-store-JJNNKJIO.js");
    const endpoint = v["s3-endpoint"];
    store = await S3BlobStore.open({
      bucket: v["s3-bucket"],
      ...v["s3-prefix"] ? { prefix: v["s3-prefix"] } : {},
      client: { region: v["s3-region"] ?? io.env["AWS_REGION"] ?? "us-east-1", ...endpoint ? { endpoint, forcePathStyle: true } : {} }
    });
  }
  let hubUrl;
  try {
    hubUrl = normalizeHubUrl(v.upstream ?? "https://huggingface.co", "--upstream");
  } catch (e) {
    throw new UsageError(e.message);
  }
  const token = io.env["MODEL_GATE_UPSTREAM_TOKEN"];
  return {
    allowlist,
    signatures: { dir: at(v.signatures), trust },
    store,
    upstream: { hubUrl, ...token ? { token } : {}, ...v["cdn-origin"] ? { allowedCdnOrigins: v["cdn-origin"] } : {} }
  };
}
function seconds(flag, value, dflt) {
  if (value === void 0) return dflt;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} needs a whole number of seconds (at least 1)`);
  return Number(value);
}
async function gatewayUntil(args, io, stop) {
  const { values: v } = parseCommandArgs(
    args.filter((a) => a !== "--gateway"),
    {
      ...COMMON_OPTIONS,
      host: { type: "string" },
      port: { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "tokens-file": { type: "string" },
      refresh: { type: "string" },
      "max-stale": { type: "string" }
    },
    GATEWAY_USAGE
  );
  const c = await common(v, io, GATEWAY_USAGE);
  if (!!v["tls-cert"] !== !!v["tls-key"]) throw new UsageError("--tls-cert and --tls-key go together");
  const port = v.port === void 0 ? 0 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port needs a port number 0-65535");
  let tokens;
  try {
    if (v["tokens-file"]) tokens = parseTokens(await readText(resolve(io.cwd, v["tokens-file"]), "tokens file"), v["tokens-file"]);
    else if (io.env["MODEL_GATE_GATEWAY_TOKENS"]) tokens = parseTokens(io.env["MODEL_GATE_GATEWAY_TOKENS"], "MODEL_GATE_GATEWAY_TOKENS");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e.message);
  }
  const tls = v["tls-cert"] ? { certPem: await readText(resolve(io.cwd, v["tls-cert"]), "TLS certificate"), keyPem: await readFile2(resolve(io.cwd, v["tls-key"]), "utf8").catch(() => {
    throw new UsageError(`cannot read --tls-key ${v["tls-key"]}`);
  }) } : void 0;
  const gw = await startGateway({
    host: v.host ?? "127.0.0.1",
    port,
    ...tls ? { tls } : {},
    allowlist: c.allowlist,
    refreshIntervalMs: seconds("--refresh", v.refresh, 60) * 1e3,
    maxStaleMs: seconds("--max-stale", v["max-stale"], 3600) * 1e3,
    signatures: c.signatures,
    upstream: c.upstream,
    store: c.store,
    ...tokens ? { tokens } : {},
    log: (line) => io.stdout(`${line}
`)
  });
  io.stderr(`gateway: ${gw.url} (${gw.approval.approved.size} approved entries from ${c.allowlist.describe}; store ${c.store.where}; upstream ${c.upstream.hubUrl})
`);
  await new Promise((done) => {
    if (stop.aborted) done();
    else stop.addEventListener("abort", () => done(), { once: true });
  });
  await gw.close();
  io.stderr("gateway stopped\n");
  return 0;
}
async function mirror(args, io) {
  const { values: v } = parseCommandArgs(args, { ...COMMON_OPTIONS }, MIRROR_USAGE);
  const c = await common(v, io, MIRROR_USAGE);
  const approval = new ApprovalState(c.allowlist, { maxStaleMs: Infinity });
  if (!await approval.refresh()) {
    io.stderr(`model-gate mirror: ${approval.lastError}
`);
    return 1;
  }
  const results = await mirrorModels({
    models: approval.approved.all(),
    signatures: (repo, commit) => signedStateOf({ ...c.signatures, read: readRecordFile }, repo, commit),
    store: c.store,
    upstream: () => new HubClient(c.upstream),
    onResult: (r) => io.stdout(r.ok ? `mirrored ${r.repo}@${r.revision}: ${r.fetched} fetched, ${r.present} already stored, ${r.bytes} bytes
` : `NOT mirrored ${r.repo}@${r.revision}: ${r.problem}
`)
  });
  return results.every((r) => r.ok) ? 0 : 1;
}

export {
  GATEWAY_USAGE,
  MIRROR_USAGE,
  gatewayUntil,
  mirror
};
