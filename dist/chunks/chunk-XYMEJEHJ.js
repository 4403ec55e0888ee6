import {
  policyForEntry
} from "./chunk-47WNE3IU.js";
import {
  compareFindings,
  finding,
  isBlocking,
  severityRank,
  verdictOf
} from "./chunk-JTLQZMZU.js";
import {
  compileGlob,
  matchGlob
} from "./chunk-ZBA2DZXL.js";
import {
  trimEndOf
} from "./chunk-5USQP7RK.js";
import {
  fetchEach
} from "./chunk-HNYDULUR.js";
import {
  likelyAccountKind
} from "./chunk-53ORRVB5.js";
import {
  HubError
} from "./chunk-37FDLS5N.js";
import {
  createHash
} from "./chunk-GFTXSUAY.js";

// src/review/capture.ts
var TextCapture = class {
  constructor(perFile = 1024 * 1024, total = 64 * 1024 * 1024) {
    this.perFile = perFile;
    this.total = total;
  }
  perFile;
  total;
  texts = /* @__PURE__ */ new Map();
  over = [];
  used = 0;
  /** The scanner seam: a collector for a stream small enough to keep, else undefined. */
  analyzer = (ctx) => {
    if (ctx.size !== void 0 && (ctx.size > this.perFile || this.used + ctx.size > this.total)) {
      this.over.push(ctx.path);
      return void 0;
    }
    const parts = [];
    let n = 0;
    let over = false;
    return {
      push: (chunk) => {
        if (over) return;
        n += chunk.length;
        if (n > this.perFile || this.used + n > this.total) {
          over = true;
          parts.length = 0;
          this.over.push(ctx.path);
          return;
        }
        parts.push(chunk.slice());
      },
      end: () => {
        if (!over) {
          this.used += n;
          this.texts.set(ctx.path, Buffer.concat(parts).toString("utf8"));
        }
        return { formats: [], findings: [], complete: true };
      }
    };
  };
  text(path) {
    return this.texts.get(path);
  }
  /** Paths of every stream kept, container members included. */
  paths() {
    return [...this.texts.keys()];
  }
  /** Paths of streams not kept because of the per-stream or per-review limit. */
  skipped() {
    return [...this.over];
  }
};

// src/scan/formats/external-data.ts
var EXTERNAL_DATA_FORMAT = "onnx-external-data";
function externalDataOf(details) {
  const onnx = details?.onnx;
  return Array.isArray(onnx?.externalData) ? onnx.externalData : [];
}
function markExternalData(files, detailsOf) {
  const refs = /* @__PURE__ */ new Map();
  for (const f of files) {
    for (const r of externalDataOf(detailsOf(f.path))) {
      if (!r.path || r.path === f.path) continue;
      const list = refs.get(r.path) ?? [];
      const mine = list.find((x) => x.model === f.path);
      if (mine) {
        if (!mine.tensors.includes(r.tensor) && mine.tensors.length < 20) mine.tensors.push(r.tensor);
      } else list.push({ model: f.path, tensors: [r.tensor] });
      refs.set(r.path, list);
    }
  }
  if (refs.size === 0) return [...files];
  return files.map((f) => {
    const by = refs.get(f.path);
    if (!by) return f;
    const models = by.map((b) => `${b.model} (tensor${b.tensors.length > 1 ? "s" : ""} ${b.tensors.join(", ")})`).join("; ");
    const note = {
      check: "onnx.external-data",
      severity: "info",
      file: f.path,
      message: `External tensor data of ${models}: onnx.load copies these bytes into the tensors as they are`,
      help: "Raw tensor bytes: no loader runs them. Other readings of the same bytes (a pickle, an executable) are reported separately."
    };
    const unknownOnly = f.formats.length === 1 && f.formats[0] === "unknown-binary";
    if (!unknownOnly) return { ...f, findings: [...f.findings, note] };
    return {
      ...f,
      formats: [EXTERNAL_DATA_FORMAT],
      findings: [...f.findings.filter((x) => x.check !== "file.unknown-binary"), note]
    };
  });
}

// src/review/review-hub.ts
var VIEW = /* @__PURE__ */ Symbol("review hub");
function reviewHub(hub) {
  if (hub[VIEW]) return hub;
  const answers = /* @__PURE__ */ new Map();
  const once = (key, ask) => {
    let p = answers.get(key);
    if (!p) {
      p = ask();
      answers.set(key, p);
    }
    return p;
  };
  const view = Object.create(hub);
  view[VIEW] = true;
  view.getAuthor = (name, first) => once(`author\0${name}`, () => hub.getAuthor(name, first));
  view.listCommits = (repo, rev, opts = {}) => once(`commits\0${repo}\0${rev}\0${opts.maxPages ?? ""}`, () => hub.listCommits(repo, rev, opts));
  view.getRefs = (repo) => once(`refs\0${repo}`, () => hub.getRefs(repo));
  view.listTree = (repo, sha) => once(`tree\0${repo}\0${sha}`, () => hub.listTree(repo, sha));
  view.searchModels = (query, opts = {}) => once(`search\0${query}\0${JSON.stringify(opts)}`, () => hub.searchModels(query, opts));
  view.fetchMainCard = (repo, maxBytes) => once(`card\0${repo}\0${maxBytes}`, () => hub.fetchMainCard(repo, maxBytes));
  return view;
}

// src/config/policy/exceptions.ts
function checkMatches(pattern, check) {
  if (pattern.endsWith(".*")) return check.startsWith(pattern.slice(0, -1));
  return pattern === check;
}
function isLive(ex, today) {
  return today <= ex.expires;
}
function utcDate(now) {
  return now.toISOString().slice(0, 10);
}
function applyExceptions(entry, findings, exceptions, today) {
  const mine = exceptions.filter(
    (ex) => ex.repo.toLowerCase() === entry.repo.toLowerCase() && (ex.revision === void 0 || ex.revision === entry.revision)
  );
  const outcome = { findings: [], waived: [], expired: [], refused: [] };
  const expired = /* @__PURE__ */ new Set();
  const refusedBy = /* @__PURE__ */ new Set();
  for (const finding2 of findings) {
    const covering = mine.filter((ex) => ex.checks.some((c) => checkMatches(c, finding2.check)));
    const live = covering.find((ex) => isLive(ex, today));
    for (const ex of covering) if (!isLive(ex, today)) expired.add(ex);
    if (!live) {
      outcome.findings.push(finding2);
      continue;
    }
    if (finding2.severity === "critical") {
      outcome.refused.push({ finding: finding2, exception: live });
      refusedBy.add(live);
      outcome.findings.push(finding2);
      continue;
    }
    outcome.waived.push({ finding: finding2, exception: live });
    outcome.findings.push({
      ...finding2,
      severity: "info",
      message: `[waived, was ${finding2.severity}] ${finding2.message}`,
      help: `Waived by the policy exception for ${live.repo} until ${live.expires}: ${live.reason}`
    });
  }
  for (const ex of expired) {
    outcome.expired.push(ex);
    outcome.findings.push({
      check: "policy.exception-expired",
      severity: "info",
      message: `The policy exception for ${ex.repo} (${ex.checks.join(", ")}) expired on ${ex.expires} and was not applied`,
      ...ex.line !== void 0 ? { evidence: `policy line ${ex.line}: ${ex.reason}` } : { evidence: ex.reason },
      help: "Re-examine the findings; renew the exception with a new date on the base branch if they are still acceptable."
    });
  }
  for (const ex of refusedBy) {
    outcome.findings.push({
      check: "policy.exception-refused",
      severity: "info",
      message: `The policy exception for ${ex.repo} covers a critical finding; critical findings cannot be waived`,
      evidence: ex.reason,
      help: "Critical findings mean code execution or impersonation. If it is a false positive, report it rather than waiving it."
    });
  }
  return outcome;
}

// src/review/check-port.ts
var ABSENT = /* @__PURE__ */ new Set(["repo-not-found", "unauthorized", "not-found"]);
var PRESENT = /* @__PURE__ */ new Set(["gated", "disabled", "unexpected-redirect"]);
var MAX_ORIGINAL_CARD_BYTES = 1024 * 1024;
var SEARCH_LIMIT = 50;
function checkHubPort(hub) {
  return {
    repoExists: (repoId) => repoExists(hub, repoId),
    recentCommits: (repoId, sha) => hub.listCommits(repoId, sha, { maxPages: 1 }),
    modelCard: (repoId) => fetchModelCard(hub, repoId),
    searchModels: async (query) => {
      try {
        return await hub.searchModels(query, { limit: SEARCH_LIMIT });
      } catch {
        return void 0;
      }
    }
  };
}
async function repoExists(hub, repoId) {
  try {
    await hub.getRefs(repoId);
    return true;
  } catch (err) {
    if (err instanceof HubError) {
      if (ABSENT.has(err.code)) return false;
      if (PRESENT.has(err.code)) return true;
    }
    return void 0;
  }
}
async function fetchModelCard(hub, repo, maxBytes = MAX_ORIGINAL_CARD_BYTES) {
  try {
    const direct = await hub.fetchMainCard(repo, maxBytes);
    if (direct) return { ok: true, ...direct };
    const refs = await hub.getRefs(repo);
    const branch = refs.branches.find((b) => b.name === "main") ?? refs.branches[0];
    if (!branch) return { ok: false, reason: `${repo} has no branches` };
    const tree = await hub.listTree(repo, branch.targetCommit);
    const item = tree.find((i) => i.type === "file" && i.path.toLowerCase() === "readme.md");
    if (!item) return { ok: false, reason: `${repo} has no README.md at ${branch.name} (${branch.targetCommit})` };
    if (item.size > maxBytes) return { ok: false, reason: `${repo}'s README.md is ${item.size} bytes, above the ${maxBytes}-byte limit for comparison` };
    const chunks = [];
    let received = 0;
    await hub.download({
      repo,
      sha: branch.targetCommit,
      item,
      consumers: [
        {
          borrowsChunks: true,
          write: (chunk) => {
            received += chunk.length;
            if (received > maxBytes) throw new Error(`more than ${maxBytes} bytes`);
            chunks.push(chunk.slice());
          }
        }
      ]
    });
    return { ok: true, text: Buffer.concat(chunks).toString("utf8"), sha: branch.targetCommit, path: item.path };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

// src/review/evidence.ts
var IDENTITY = /* @__PURE__ */ new Set(["provenance.account-young", "provenance.account-after-repo", "provenance.popularity"]);
var CONTENT_PREFIXES = ["code.", "instructions.", "remote-code.", "layout.", "pickle.", "file.", "hub.scan."];
function familyOf(f) {
  if (severityRank(f.severity) < severityRank("medium")) return void 0;
  if (f.check.startsWith("namespace.")) return "impersonation";
  if (IDENTITY.has(f.check)) return "identity";
  if (CONTENT_PREFIXES.some((p) => f.check.startsWith(p))) return "content";
  return void 0;
}
function combinedEvidence(findings) {
  const first = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const fam = familyOf(f);
    if (fam && (!first.has(fam) || severityRank(f.severity) > severityRank(first.get(fam).severity))) first.set(fam, f);
  }
  const imp = first.get("impersonation");
  const id = first.get("identity");
  const content = first.get("content");
  const pair = imp && (id || content) ? [imp, ...id ? [id] : [], ...content ? [content] : []] : id && content ? [id, content] : void 0;
  if (!pair) return void 0;
  if (pair.some((f) => severityRank(f.severity) >= severityRank("high"))) return void 0;
  return {
    check: "review.combined-evidence",
    severity: "high",
    message: `Independent signals add up: ${pair.map((f) => `${f.check} (${f.message.slice(0, 120)}${f.message.length > 120 ? "\u2026" : ""})`).join("; ")}`,
    evidence: `rule ${imp ? "R1: impersonation with" + (id ? " provenance" : "") + (content ? `${id ? " and" : ""} content` : "") : "R2: provenance with content"}`,
    help: "Each signal alone asks for a look; together they are the shape of a repository posing as another. Do not approve unless a reviewer has ruled out each of them (record policy exceptions with reasons)."
  };
}

// src/scan/ahead.ts
var NEED_ALL = Object.freeze({ skip: 0, see: Infinity });
var SKIP_ALL = Object.freeze({ skip: Infinity, see: 0 });
function aheadOf(s) {
  if (!s) return SKIP_ALL;
  return s.ahead && s.skip ? s.ahead() : NEED_ALL;
}
function combineAhead(all) {
  let skip = Infinity;
  let see = Infinity;
  let needed = false;
  for (const a of all) {
    if (a.skip > 0 && !needed) skip = Math.min(skip, a.skip);
    else if (a.skip <= 0) {
      needed = true;
      see = Math.min(see, Math.max(1, a.see));
    }
  }
  return needed ? { skip: 0, see } : { skip, see: 0 };
}
function skipIn(s, n) {
  if (!s || n <= 0) return;
  if (!s.skip) throw new Error("skip() on a scanner that cannot skip");
  s.skip(n);
}

// src/scan/bytes.ts
function u16le(b, o) {
  return (b[o] ?? 0) | (b[o + 1] ?? 0) << 8;
}
function u32le(b, o) {
  return ((b[o] ?? 0) | (b[o + 1] ?? 0) << 8 | (b[o + 2] ?? 0) << 16) + (b[o + 3] ?? 0) * 16777216;
}
function u32be(b, o) {
  return (b[o] ?? 0) * 16777216 + ((b[o + 1] ?? 0) << 16 | (b[o + 2] ?? 0) << 8 | (b[o + 3] ?? 0));
}
function u64le(b, o) {
  return BigInt(u32le(b, o)) | BigInt(u32le(b, o + 4)) << 32n;
}
function u64leNumber(b, o) {
  const v = u64le(b, o);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : void 0;
}
function startsWith(b, sig, at = 0) {
  const len = sig.length;
  if (b.length < at + len) return false;
  for (let i = 0; i < len; i++) {
    const want = typeof sig === "string" ? sig.charCodeAt(i) : sig[i];
    if (b[at + i] !== want) return false;
  }
  return true;
}
function concatBytes(parts, total) {
  const n = total ?? parts.reduce((s, p) => s + p.length, 0);
  if (parts.length === 1 && parts[0]?.length === n) return parts[0];
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p.subarray(0, Math.min(p.length, n - o)), o);
    o += p.length;
    if (o >= n) break;
  }
  return out;
}
var VIEW_MIN = 256;
function searchable(hay) {
  return hay.length < VIEW_MIN || hay instanceof Buffer ? hay : Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
}
function indexOfByte(hay, byte, from = 0) {
  if (!Number.isInteger(byte) || byte < 0 || byte > 255) return -1;
  return searchable(hay).indexOf(byte, Math.max(0, from));
}
function indexOfBytes(hay, needle, from = 0) {
  const first = needle[0];
  if (first === void 0) return from;
  const fast = searchable(hay);
  for (let i = fast.indexOf(first, Math.max(0, from)); i !== -1 && i + needle.length <= hay.length; i = fast.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
function lastIndexOfBytes(hay, needle, from, floor = 0) {
  const first = needle[0];
  const lo = Math.max(0, floor);
  let i = Math.min(from, hay.length - needle.length);
  if (first === void 0) return i >= lo ? i : -1;
  const fast = searchable(hay);
  while (i >= lo) {
    i = fast.lastIndexOf(first, i);
    if (i < lo) return -1;
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
    i--;
  }
  return -1;
}
function looksLikeText(b) {
  if (b.length === 0) return true;
  let control = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 128) {
      if (c === 0) return false;
      if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
      if (c === 127) control++;
      i++;
      continue;
    }
    const need = c >= 240 && c <= 244 ? 3 : c >= 224 ? c <= 239 ? 2 : -1 : c >= 194 && c <= 223 ? 1 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return control * 100 <= b.length;
      const cc = b[i + k];
      if ((cc & 192) !== 128) return false;
    }
    i += need + 1;
  }
  return control * 100 <= b.length;
}
var decoder = new TextDecoder("utf-8", { fatal: false });
function utf8(b) {
  return decoder.decode(b);
}
function evidenceBytes(b, max = 48) {
  let s = "";
  for (let i = 0; i < Math.min(b.length, max); i++) {
    const c = b[i];
    s += c >= 32 && c < 127 && c !== 92 ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, "0")}`;
  }
  return b.length > max ? `${s}\u2026` : s;
}

// src/scan/zip/central-directory.ts
var ZipDirectoryError = class extends Error {
  constructor(message, needTail) {
    super(message);
    this.needTail = needTail;
  }
  needTail;
};
var EOCD_SIG = 101010256;
var EOCD_BYTES = [80, 75, 5, 6];
var CD_SIG = 33639248;
var Z64_LOC_SIG = 117853008;
var Z64_EOCD_SIG = 101075792;
var U32MAX = 4294967295;
var MAX_EXTRACT_VERSION = 63;
var ViewFailure = class extends Error {
};
var NeedTail = class extends Error {
  constructor(need) {
    super(`needs the last ${need} bytes`);
    this.need = need;
  }
  need;
};
var Tail = class {
  constructor(b, size) {
    this.b = b;
    this.size = size;
    this.start = size - b.length;
  }
  b;
  size;
  start;
  has(abs, len) {
    return abs >= this.start && abs + len <= this.size;
  }
  need(abs) {
    if (abs < this.start) throw new NeedTail(this.size - abs);
  }
  u16(abs) {
    this.need(abs);
    return u16le(this.b, abs - this.start);
  }
  u32(abs) {
    this.need(abs);
    return u32le(this.b, abs - this.start);
  }
  u64(abs) {
    this.need(abs);
    return u64le(this.b, abs - this.start);
  }
  bytes(abs, len) {
    this.need(abs);
    const from = abs - this.start;
    return this.b.slice(from, Math.min(this.b.length, from + len));
  }
  sigAt(abs) {
    return abs >= this.start && abs + 4 <= this.size && this.b[abs - this.start] === 80 && this.u32(abs) === EOCD_SIG;
  }
  /** The last end-record signature at or before `abs` and at or after `floor`, or -1 (what a walk back with sigAt finds). */
  lastSig(abs, floor) {
    const i = lastIndexOfBytes(this.b, EOCD_BYTES, abs - this.start, floor - this.start);
    return i < 0 ? -1 : i + this.start;
  }
};
var big = (v, what) => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ViewFailure(`${what} is out of range`);
  return Number(v);
};
function pythonEocd(t) {
  const size = t.size;
  if (size < 22) return void 0;
  if (t.sigAt(size - 22) && t.u16(size - 2) === 0) return size - 22;
  const from = Math.max(size - 65536 - 22, 0);
  t.need(from);
  const p = t.lastSig(size - 4, from);
  if (p >= 0) return size - p >= 22 ? p : void 0;
  return void 0;
}
function minizEocd(t) {
  const size = t.size;
  if (size < 22) return void 0;
  let cur = Math.max(size - 4096, 0);
  for (; ; ) {
    t.need(cur);
    const n = Math.min(4096, size - cur);
    for (let p = t.lastSig(cur + n - 4, cur); p >= 0; p = t.lastSig(p - 1, cur)) {
      if (size - p >= 22) return p;
    }
    if (cur === 0 || size - cur >= 65535 + 22) return void 0;
    cur = Math.max(cur - (4096 - 3), 0);
  }
}
function cp437(b) {
  const hi = "\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
  let s = "";
  for (const c of b) s += c < 128 ? String.fromCharCode(c) : hi[c - 128];
  return s;
}
var strictUtf8 = new TextDecoder("utf-8", { fatal: true });
function zipfileName(raw, flags) {
  if (flags & 2048) {
    try {
      return strictUtf8.decode(raw);
    } catch {
      throw new ViewFailure("a name flagged UTF-8 is not valid UTF-8");
    }
  }
  return cp437(raw);
}
function pythonView(t, maxEntries) {
  const eocd = pythonEocd(t);
  if (eocd === void 0) throw new ViewFailure("no end-of-central-directory record where zipfile looks (File is not a zip file)");
  let cdSize = t.u32(eocd + 12);
  let cdOffset = t.u32(eocd + 16);
  let zip64 = false;
  const loc = eocd - 20;
  if (loc >= 0 && t.has(loc, 20) && t.u32(loc) === Z64_LOC_SIG) {
    if (t.u32(loc + 4) !== 0 || t.u32(loc + 16) > 1) throw new ViewFailure("zipfiles that span multiple disks are not supported");
    const rec = loc - 56;
    if (rec >= 0) {
      t.need(rec);
      if (t.u32(rec) === Z64_EOCD_SIG) {
        zip64 = true;
        cdSize = big(t.u64(rec + 40), "the zip64 directory size");
        cdOffset = big(t.u64(rec + 48), "the zip64 directory offset");
      }
    }
  }
  const concat = eocd - cdSize - cdOffset - (zip64 ? 76 : 0);
  const start = cdOffset + concat;
  if (start < 0) throw new ViewFailure("Bad offset for central directory");
  t.need(start);
  const avail = Math.min(cdSize, t.size - start);
  const entries = [];
  let p = start;
  const stop = start + avail;
  while (p - start < cdSize) {
    if (p + 46 > stop) throw new ViewFailure("Truncated central directory");
    if (t.u32(p) !== CD_SIG) throw new ViewFailure("Bad magic number for central directory");
    const extractVersion = t.b[p - t.start + 6];
    const flags = t.u16(p + 8);
    const method = t.u16(p + 10);
    const crc = t.u32(p + 16);
    let csize = t.u32(p + 20);
    let usize = t.u32(p + 24);
    const nlen = t.u16(p + 28);
    const xlen = t.u16(p + 30);
    const clen = t.u16(p + 32);
    let local = t.u32(p + 42);
    if (p + 46 + nlen + xlen + clen > stop) throw new ViewFailure("Truncated central directory");
    const nameBytes = t.bytes(p + 46, nlen);
    if (extractVersion > MAX_EXTRACT_VERSION) throw new ViewFailure(`zip file version ${(extractVersion / 10).toFixed(1)} (NotImplementedError)`);
    const orig = zipfileName(nameBytes, flags);
    const nul = orig.indexOf("\0");
    const name = nul >= 0 ? orig.slice(0, nul) : orig;
    let x = p + 46 + nlen;
    const xEnd = x + xlen;
    while (xEnd - x >= 4) {
      const id = t.u16(x);
      const len = t.u16(x + 2);
      if (len + 4 > xEnd - x) throw new ViewFailure(`Corrupt extra field ${id.toString(16).padStart(4, "0")} (size=${len})`);
      if (id === 1) {
        let q = x + 4;
        const qEnd = q + len;
        const take = (what) => {
          if (q + 8 > qEnd) throw new ViewFailure(`Corrupt zip64 extra field. ${what} not found.`);
          const v = big(t.u64(q), what);
          q += 8;
          return v;
        };
        if (usize === U32MAX) usize = take("File size");
        if (csize === U32MAX) csize = take("Compress size");
        if (local === U32MAX) local = take("Header offset");
      }
      x += 4 + len;
    }
    entries.push({
      name,
      origName: orig,
      index: entries.length,
      flags,
      method,
      crc,
      compressedSize: csize,
      uncompressedSize: usize,
      localOffset: local + concat,
      nameBytes,
      reader: "zipfile"
    });
    if (entries.length > maxEntries) throw new ZipDirectoryError(`more than ${maxEntries} entries`);
    p += 46 + nlen + xlen + clen;
  }
  return { reader: "zipfile", entries, cdOffset: start, cdSize, eocdOffset: eocd, zip64, shift: concat };
}
function minizView(t, maxEntries) {
  const size = t.size;
  const eocd = minizEocd(t);
  if (eocd === void 0) throw new ViewFailure("miniz finds no end-of-central-directory record (MZ_ZIP_FAILED_FINDING_CENTRAL_DIR)");
  let total = t.u16(eocd + 10);
  let onDisk = t.u16(eocd + 8);
  let thisDisk = t.u16(eocd + 4);
  let cdDisk = t.u16(eocd + 6);
  let cdSize = t.u32(eocd + 12);
  let cdOffset = t.u32(eocd + 16);
  let zip64 = false;
  if (eocd >= 76) {
    const loc = eocd - 20;
    if (t.u32(loc) === Z64_LOC_SIG) {
      const recBig = t.u64(loc + 8);
      if (recBig > BigInt(size - 56)) throw new ViewFailure("the zip64 locator points past the file (MZ_ZIP_NOT_AN_ARCHIVE)");
      const rec = Number(recBig);
      t.need(rec);
      if (t.u32(rec) === Z64_EOCD_SIG) {
        zip64 = true;
        if (t.u64(rec + 4) < 44n) throw new ViewFailure("zip64 end record too small");
        if (t.u32(loc + 16) !== 1) throw new ViewFailure("multi-disk zip64 (MZ_ZIP_UNSUPPORTED_MULTIDISK)");
        const t64 = t.u64(rec + 32);
        const d64 = t.u64(rec + 24);
        const s64 = t.u64(rec + 40);
        if (t64 > 0xffffffffn || d64 > 0xffffffffn) throw new ViewFailure("too many files");
        if (s64 > 0xffffffffn) throw new ViewFailure("central directory too large");
        total = Number(t64);
        onDisk = Number(d64);
        cdSize = Number(s64);
        thisDisk = t.u32(rec + 16);
        cdDisk = t.u32(rec + 20);
        cdOffset = big(t.u64(rec + 48), "the zip64 directory offset");
      }
    }
  }
  if (total !== onDisk) throw new ViewFailure("entry counts disagree (MZ_ZIP_UNSUPPORTED_MULTIDISK)");
  if ((thisDisk | cdDisk) !== 0 && (thisDisk !== 1 || cdDisk !== 1)) throw new ViewFailure("multi-disk archive (MZ_ZIP_UNSUPPORTED_MULTIDISK)");
  if (cdSize < total * 46) throw new ViewFailure("central directory smaller than its entries (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)");
  if (cdOffset + cdSize > size) throw new ViewFailure("central directory past the end (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)");
  if (total > maxEntries) throw new ZipDirectoryError(`${total} entries exceed the limit of ${maxEntries}`);
  t.need(cdOffset);
  const entries = [];
  let p = cdOffset;
  let n = cdSize;
  for (let i = 0; i < total; i++) {
    if (n < 46 || t.u32(p) !== CD_SIG) throw new ViewFailure(`central directory entry #${i} is malformed (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    const flags = t.u16(p + 8);
    const method = t.u16(p + 10);
    const crc = t.u32(p + 16);
    let csize = t.u32(p + 20);
    let usize = t.u32(p + 24);
    const nlen = t.u16(p + 28);
    const xlen = t.u16(p + 30);
    const clen = t.u16(p + 32);
    const disk = t.u16(p + 34);
    let local = t.u32(p + 42);
    if (csize !== U32MAX && usize !== U32MAX) {
      if (t.u32(p + 10) === 0 && usize !== csize || usize !== 0 && csize === 0) throw new ViewFailure(`entry #${i} sizes are inconsistent (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    }
    if (disk === 65535 || disk !== thisDisk && disk !== 1) throw new ViewFailure(`entry #${i} is on another disk (MZ_ZIP_UNSUPPORTED_MULTIDISK)`);
    if (csize !== U32MAX && local + 30 + csize > size) throw new ViewFailure(`entry #${i} runs past the end of the file (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    if (flags & 8192) throw new ViewFailure(`entry #${i} has a masked local directory (MZ_ZIP_UNSUPPORTED_ENCRYPTION)`);
    if (46 + nlen + xlen + clen > n) throw new ViewFailure(`entry #${i} runs past the directory (MZ_ZIP_INVALID_HEADER_OR_CORRUPTED)`);
    const nameBytes = t.bytes(p + 46, nlen);
    if (Math.max(csize, usize, local) === U32MAX && xlen > 0) {
      let x = p + 46 + nlen;
      let left = xlen;
      while (left > 0) {
        if (left < 4) throw new ViewFailure(`entry #${i} extra field is corrupt`);
        const id = t.u16(x);
        const len = t.u16(x + 2);
        if (len + 4 > left) throw new ViewFailure(`entry #${i} extra field is corrupt`);
        if (id === 1) {
          let q = x + 4;
          let r = len;
          const take = () => {
            if (r < 8) throw new ViewFailure(`entry #${i} zip64 field is too short`);
            const v = big(t.u64(q), "a zip64 value");
            q += 8;
            r -= 8;
            return v;
          };
          if (usize === U32MAX) usize = take();
          if (csize === U32MAX) csize = take();
          if (local === U32MAX) local = take();
          break;
        }
        x += 4 + len;
        left -= 4 + len;
      }
    }
    entries.push({
      name: latin1Name(nameBytes),
      origName: latin1Name(nameBytes),
      index: i,
      flags,
      method,
      crc,
      compressedSize: csize,
      uncompressedSize: usize,
      localOffset: local,
      nameBytes,
      reader: "torch"
    });
    p += 46 + nlen + xlen + clen;
    n -= 46 + nlen + xlen + clen;
  }
  return { reader: "torch", entries, cdOffset, cdSize, eocdOffset: eocd, zip64, shift: 0 };
}
function latin1Name(b) {
  try {
    return strictUtf8.decode(b);
  } catch {
    let s = "";
    for (const c of b) s += String.fromCharCode(c);
    return s;
  }
}
function readCentralDirectory(tail, size, path, maxEntries) {
  const t = new Tail(tail, size);
  const views = [];
  const failures = [];
  let need = 0;
  for (const [reader, read] of [["zipfile", pythonView], ["torch", minizView]]) {
    try {
      views.push(read(t, maxEntries));
    } catch (err) {
      if (err instanceof NeedTail) need = Math.max(need, err.need);
      else if (err instanceof ViewFailure) failures.push({ reader, reason: err.message });
      else throw err;
    }
  }
  if (need > 0) throw new ZipDirectoryError(`the central directory lies before the last ${tail.length} bytes`, Math.min(size, need));
  if (views.length === 0) {
    throw new ZipDirectoryError(failures.map((f) => `${f.reader}: ${f.reason}`).join("; ") || "no end-of-central-directory record");
  }
  const findings = [];
  const first = views[0];
  const eocdOffset = Math.max(...views.map((v) => v.eocdOffset));
  const commentLen = t.u16(eocdOffset + 20);
  const endOfZip = eocdOffset + 22 + commentLen;
  let comment = "";
  for (const c of t.bytes(eocdOffset + 22, Math.min(commentLen, size - eocdOffset - 22))) comment += String.fromCharCode(c);
  if (endOfZip < size) {
    findings.push(finding("zip.trailing-data", "high", `${size - endOfZip} bytes follow the end of the zip (polyglot or hidden data)`, { file: path, offset: endOfZip }));
  } else if (endOfZip > size) {
    findings.push(finding("zip.comment-length", "high", `The end record announces a ${commentLen}-byte comment but only ${size - eocdOffset - 22} bytes follow: zip readers ignore the lie, other tools do not`, {
      file: path,
      offset: eocdOffset + 20
    }));
  }
  const disk = t.u16(eocdOffset + 4);
  const cdDisk = t.u16(eocdOffset + 6);
  if (disk !== 0 || cdDisk !== 0) findings.push(finding("zip.multi-disk", "high", "Multi-disk zip: loaders and scanners disagree on such files", { file: path, offset: eocdOffset }));
  for (const v of views) {
    if (v.zip64) {
      const stated = t.u32(v.eocdOffset + 16);
      const count = t.u16(v.eocdOffset + 10);
      if (stated !== U32MAX && stated !== v.cdOffset - v.shift || count !== 65535 && count !== v.entries.length) {
        findings.push(finding("zip.zip64-inconsistent", "high", "zip64 and classic end records disagree on the directory: tools that skip zip64 read other entries", {
          file: path,
          offset: v.eocdOffset,
          evidence: `classic ${count} entries @${stated}, zip64 ${v.entries.length} entries @${v.cdOffset - v.shift}`
        }));
      }
      continue;
    }
    const e = v.eocdOffset;
    if (t.u16(e + 8) === 65535 || t.u16(e + 10) === 65535 || t.u32(e + 12) === U32MAX || t.u32(e + 16) === U32MAX) {
      findings.push(finding("zip.zip64-inconsistent", "high", `End record has zip64 markers but ${v.reader === "zipfile" ? "zipfile" : "torch"} finds no zip64 record`, { file: path, offset: e }));
    }
  }
  const py = views.find((v) => v.reader === "zipfile");
  if (py) {
    const e = py.eocdOffset;
    const classicTotal = t.u16(e + 10);
    if (!py.zip64 && classicTotal !== py.entries.length && classicTotal !== 65535) {
      findings.push(finding("zip.entry-count", "high", `The end record counts ${classicTotal} entries but the directory holds ${py.entries.length}: zipfile reads by size, torch by count`, { file: path, offset: e }));
    }
    if (py.shift > 0) {
      findings.push(finding("zip.prepended-data", "high", `The central directory sits ${py.shift} bytes after where it says: data was prepended; zipfile shifts every offset, torch does not`, { file: path, offset: 0 }));
    } else if (py.shift < 0) {
      findings.push(finding("zip.invalid-offsets", "high", "The central directory overlaps its end record", { file: path, offset: py.cdOffset }));
    }
  }
  const cdOffset = Math.min(...views.map((v) => v.cdOffset));
  const cdSize = Math.max(...views.map((v) => v.cdOffset + v.cdSize)) - cdOffset;
  const otherEocds = [];
  const windowStart = Math.max(t.start, size - 65557 - 4096);
  for (let p = t.lastSig(size - 22, windowStart); p >= 0; p = t.lastSig(p - 1, windowStart)) {
    if (views.some((v) => v.eocdOffset === p)) continue;
    const z64 = t.u16(p + 8) === 65535 || t.u16(p + 10) === 65535 || t.u32(p + 12) === U32MAX || t.u32(p + 16) === U32MAX;
    const total = t.u16(p + 10);
    const plausible = z64 || t.u16(p + 4) === 0 && t.u16(p + 6) === 0 && t.u16(p + 8) <= total && t.u32(p + 12) >= total * 46 && t.u32(p + 16) + t.u32(p + 12) <= p;
    if (plausible) otherEocds.push(p);
  }
  const entries = views.flatMap((v) => v.entries);
  return {
    entries,
    views,
    failures,
    cdOffset,
    cdSize,
    eocdOffset,
    endOfZip: Math.min(endOfZip, size),
    zip64: views.some((v) => v.zip64) || first.zip64,
    comment,
    otherEocds,
    findings
  };
}
function isLocalHeader(b, at = 0) {
  return startsWith(b, [80, 75, 3, 4], at);
}

// src/scan/zip/layout.ts
function minizLower(s) {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
var TORCH_DATA_PKL = /^([^/]+\/)?data\.pkl$/;
var TORCH_STORAGE = /^([^/]+\/)?data\/\d+$/;
var TORCHSCRIPT_CODE = /^([^/]+\/)?code\//;
var TORCHSCRIPT_CONSTANTS = /^([^/]+\/)?constants\.pkl$/;
var TORCHSCRIPT_DEBUG_PKL = /^([^/]+\/)?code\/.*\.debug_pkl$/;
function detectZipLayout(names, torchFirst) {
  const formats = ["zip"];
  const lower = names.map(minizLower);
  const slash = torchFirst?.indexOf("/") ?? -1;
  const prefix = torchFirst !== void 0 && slash >= 0 ? minizLower(torchFirst.slice(0, slash + 1)) : void 0;
  const has = (re) => lower.some((n) => re.test(n));
  const torchRecords = prefix !== void 0 ? lower.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)) : [];
  const torch = torchRecords.includes("data.pkl") && torchRecords.some((r) => /^(\.data\/)?(version|byteorder)$/.test(r) || /^data\/\d+$/.test(r)) || has(TORCH_DATA_PKL) && (has(/^([^/]+\/)?(\.data\/)?(version|byteorder)$/) || has(TORCH_STORAGE));
  const script = torchRecords.includes("constants.pkl") || has(TORCHSCRIPT_CONSTANTS);
  if (torch || script) formats.push("pytorch-zip");
  if (script) formats.push("torchscript");
  if (names.length > 0 && names.every((n) => n.endsWith(".npy"))) formats.push("npz");
  if (names.includes("config.json") && names.some((n) => n.endsWith(".weights.h5") || n === "metadata.json")) formats.push("keras");
  return {
    formats,
    ...prefix !== void 0 && (torch || script) ? { torchPrefix: prefix } : {},
    torchScript: script,
    role(name) {
      if (script) {
        const n = minizLower(name);
        if (TORCH_DATA_PKL.test(n) || TORCHSCRIPT_CONSTANTS.test(n) || TORCHSCRIPT_DEBUG_PKL.test(n)) return "torchscript-pickle";
      }
      if (torch || script) {
        const n = minizLower(name);
        if (TORCH_DATA_PKL.test(n)) return "data.pkl";
        if (TORCH_STORAGE.test(n)) return "storage";
        if (script && TORCHSCRIPT_CODE.test(n)) return "code";
      }
      return "member";
    }
  };
}

// src/scan/feeder.ts
var EMPTY = new Uint8Array(0);
var Feeder = class {
  /** The parser starts on the first push (or end), so it may refer to the feeder it is given to. */
  constructor(gen, onTrailing) {
    this.gen = gen;
    this.onTrailing = onTrailing;
  }
  gen;
  onTrailing;
  /** Bytes handed to the parser (read or piped) so far: the stream offset the parser is at. */
  offset = 0;
  finished = false;
  /** Bytes that arrived after the parser returned. */
  trailingBytes = 0;
  queue = [];
  queued = 0;
  need;
  pipeLeft = 0;
  started = false;
  start() {
    if (this.started) return;
    this.started = true;
    this.step(EMPTY, true);
  }
  push(chunk) {
    if (chunk.length === 0) return;
    this.start();
    if (this.finished) {
      this.trail(chunk);
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.pump();
    const last = this.queue.length - 1;
    const left = this.queue[last];
    if (left !== void 0 && left.buffer === chunk.buffer) this.queue[last] = left.slice();
  }
  /** The stream ended: the parser sees `undefined` for whatever it was waiting for. */
  end() {
    this.start();
    this.pump();
    for (let guard = 0; !this.finished && guard < 64; guard++) this.step(void 0);
    if (!this.finished) {
      this.gen.return();
      this.finished = true;
    }
  }
  /** What the parser does with the bytes ahead; null once it has returned (later bytes are trailing). */
  ahead() {
    this.start();
    if (this.finished) return null;
    const need = this.need;
    if (!need) return NEED_ALL;
    if ("read" in need) return { skip: 0, see: Math.max(1, need.read - this.queued) };
    if ("rest" in need) return need.rest === "count" && this.queued === 0 ? SKIP_ALL : NEED_ALL;
    if (!("pipe" in need) || this.queued > 0 || this.pipeLeft <= 0) return NEED_ALL;
    if (!need.to) return { skip: this.pipeLeft, see: 0 };
    if (!need.ahead || !need.skip) return NEED_ALL;
    const a = need.ahead();
    return a.skip > 0 ? { skip: Math.min(a.skip, this.pipeLeft), see: 0 } : a;
  }
  /**
   * Passes `n` bytes of the current pipe, or of a counted rest, by unread (`n <= ahead().skip`); the parser resumes
   * when the pipe ends.
   */
  skip(n) {
    const need = this.need;
    if (!this.finished && need && "rest" in need && need.rest === "count" && this.queued === 0) {
      if (n > 0) this.offset += n;
      return;
    }
    if (this.finished || !need || !("pipe" in need) || this.queued > 0 || n > this.pipeLeft) throw new Error("Feeder: skip() outside a pipe");
    if (n <= 0) return;
    if (need.to) need.skip?.(n);
    this.pipeLeft -= n;
    this.offset += n;
    if (this.pipeLeft === 0) {
      this.step(EMPTY);
      this.pump();
    }
  }
  /**
   * ahead() for a feeder that reads a whole stream (a file's scanner, not one reading among several): once the
   * parser has returned, trailing bytes are needed if onTrailing reads them and passed by if nobody does.
   */
  streamAhead() {
    return this.ahead() ?? (this.onTrailing ? NEED_ALL : SKIP_ALL);
  }
  /** skip() for a whole stream's feeder: after the parser returned, the bytes passed by are counted as trailing. */
  streamSkip(n) {
    if (!this.finished) return this.skip(n);
    if (this.onTrailing) throw new Error("Feeder: skip() of trailing bytes that onTrailing reads");
    if (n > 0) this.trailingBytes += n;
  }
  trail(chunk) {
    this.onTrailing?.(chunk, this.offset + this.trailingBytes);
    this.trailingBytes += chunk.length;
  }
  step(value, first = false) {
    const r = first ? this.gen.next() : this.gen.next(value);
    if (r.done) {
      this.finished = true;
      this.need = void 0;
      const rest = this.queue;
      this.queue = [];
      this.queued = 0;
      for (const c of rest) this.trail(c);
      return;
    }
    this.need = r.value;
    if ("pipe" in r.value) this.pipeLeft = r.value.pipe;
  }
  /** The next `n` queued bytes: a view for pipes (used during the push), a copy for reads (kept by the parser). */
  take(n, keep) {
    if (n === 0) return new Uint8Array(0);
    const first = this.queue[0];
    let out;
    if (first.length >= n) {
      out = keep ? first.slice(0, n) : first.subarray(0, n);
      if (first.length === n) this.queue.shift();
      else this.queue[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let o = 0;
      while (o < n) {
        const c = this.queue[0];
        const k = Math.min(c.length, n - o);
        out.set(c.subarray(0, k), o);
        o += k;
        if (k === c.length) this.queue.shift();
        else this.queue[0] = c.subarray(k);
      }
    }
    this.queued -= n;
    this.offset += n;
    return out;
  }
  pump() {
    while (!this.finished && this.need) {
      const need = this.need;
      if ("read" in need) {
        if (this.queued < need.read) return;
        this.step(this.take(need.read, true));
      } else if ("pipe" in need) {
        while (this.pipeLeft > 0 && this.queued > 0) {
          const c = this.queue[0];
          const piece = this.take(Math.min(c.length, this.pipeLeft), false);
          this.pipeLeft -= piece.length;
          need.to?.(piece);
        }
        if (this.pipeLeft > 0) return;
        this.step(EMPTY);
      } else {
        const rest = need.rest;
        while (this.queued > 0) {
          const piece = this.take(this.queue[0].length, false);
          if (rest !== "count") rest(piece);
        }
        return;
      }
    }
  }
};

// src/scan/inflate.ts
var WSIZE = 32768;
var OUT_CHUNK = 65536;
var LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
var LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
var DIST_BASE = [
  1,
  2,
  3,
  4,
  5,
  7,
  9,
  13,
  17,
  25,
  33,
  49,
  65,
  97,
  129,
  193,
  257,
  385,
  513,
  769,
  1025,
  1537,
  2049,
  3073,
  4097,
  6145,
  8193,
  12289,
  16385,
  24577
];
var DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
var CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
var NeedInput = class {
};
var NEED = new NeedInput();
var InflateError = class extends Error {
};
function buildHuffman(lengths, n) {
  let max = 0;
  const count = new Array(16).fill(0);
  for (let i = 0; i < n; i++) {
    const l = lengths[i];
    count[l] = (count[l] ?? 0) + 1;
    if (l > max) max = l;
  }
  if (max === 0) return { table: new Int32Array(1), bits: 1 };
  count[0] = 0;
  const next = new Array(16).fill(0);
  let code = 0;
  let left = 1;
  for (let l = 1; l <= 15; l++) {
    left = left * 2 - (count[l] ?? 0);
    if (left < 0) throw new InflateError("over-subscribed Huffman code");
    code = code + (count[l - 1] ?? 0) << 1;
    next[l] = code;
  }
  const size = 1 << max;
  const table = new Int32Array(size);
  for (let sym = 0; sym < n; sym++) {
    const l = lengths[sym];
    if (l === 0) continue;
    const c = next[l];
    next[l] = c + 1;
    let r = 0;
    for (let k = 0; k < l; k++) r |= (c >> k & 1) << l - 1 - k;
    for (let j = r; j < size; j += 1 << l) table[j] = sym << 4 | l;
  }
  return { table, bits: max };
}
var fixedLit;
var fixedDist;
function fixedTables() {
  if (!fixedLit || !fixedDist) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144);
    l.fill(9, 144, 256);
    l.fill(7, 256, 280);
    l.fill(8, 280, 288);
    fixedLit = buildHuffman(l, 288);
    fixedDist = buildHuffman(new Uint8Array(30).fill(5), 30);
  }
  return [fixedLit, fixedDist];
}
var Inflater = class {
  constructor(sink) {
    this.sink = sink;
  }
  sink;
  /** Set when the stream is malformed; no more output follows. */
  error;
  /** True once the final block ended. */
  done = false;
  /** Total bytes produced. */
  produced = 0;
  /** Bytes pushed after the end of the deflate stream (gzip/zlib trailers, or appended data): copies. */
  trailing = [];
  buf = new Uint8Array(0);
  pos = 0;
  bitBuf = 0;
  bitCnt = 0;
  state = "header";
  final = false;
  storedLeft = 0;
  lit;
  dist;
  out = new Uint8Array(WSIZE + OUT_CHUNK + 258);
  op = 0;
  flushedTo = 0;
  ending = false;
  push(chunk) {
    if (this.done) {
      if (chunk.length) this.trailing.push(chunk.slice());
      return;
    }
    if (this.error) return;
    if (this.pos < this.buf.length) {
      const rest = this.buf.subarray(this.pos);
      const merged = new Uint8Array(rest.length + chunk.length);
      merged.set(rest);
      merged.set(chunk, rest.length);
      this.buf = merged;
    } else {
      this.buf = chunk;
    }
    this.pos = 0;
    this.run();
    if (this.buf === chunk) {
      this.buf = this.pos < chunk.length ? chunk.slice(this.pos) : new Uint8Array(0);
      this.pos = 0;
    }
  }
  /** No more input: decodes what is left; a stream cut short sets `error`. */
  end() {
    if (this.done || this.error) return;
    this.ending = true;
    this.run();
    if (!this.done && !this.error) this.error = "deflate stream truncated";
  }
  run() {
    try {
      this.loop();
    } catch (e) {
      if (e instanceof InflateError) this.error = e.message;
      else if (e !== NEED) throw e;
    }
    this.flush();
  }
  need(n) {
    while (this.bitCnt < n) {
      if (this.pos >= this.buf.length) throw NEED;
      this.bitBuf |= this.buf[this.pos++] << this.bitCnt;
      this.bitCnt += 8;
    }
  }
  bits(n) {
    this.need(n);
    const v = this.bitBuf & (1 << n) - 1;
    this.bitBuf >>>= n;
    this.bitCnt -= n;
    return v;
  }
  decode(h) {
    while (this.bitCnt < h.bits && this.pos < this.buf.length) {
      this.bitBuf |= this.buf[this.pos++] << this.bitCnt;
      this.bitCnt += 8;
    }
    const e = h.table[this.bitBuf & (1 << h.bits) - 1];
    const len = e & 15;
    if (len === 0) {
      if (this.bitCnt < h.bits) throw NEED;
      throw new InflateError("invalid Huffman code");
    }
    if (len > this.bitCnt) throw NEED;
    this.bitBuf >>>= len;
    this.bitCnt -= len;
    return e >> 4;
  }
  loop() {
    for (; ; ) {
      const sPos = this.pos, sBuf = this.bitBuf, sCnt = this.bitCnt;
      try {
        if (this.state === "header") this.header();
        else if (this.state === "stored") {
          if (!this.stored()) return;
        } else if (!this.codes()) return;
        if (this.done) return;
      } catch (e) {
        if (e === NEED) {
          this.pos = sPos;
          this.bitBuf = sBuf;
          this.bitCnt = sCnt;
          if (this.ending) throw new InflateError("deflate stream truncated");
        }
        throw e;
      }
    }
  }
  header() {
    const final = this.bits(1) === 1;
    const type = this.bits(2);
    if (type === 0) {
      const drop = this.bitCnt & 7;
      this.bits(drop);
      const len = this.bits(16);
      const nlen = this.bits(16);
      if ((len ^ 65535) !== nlen) throw new InflateError("stored block length check failed");
      this.pos -= this.bitCnt >> 3;
      this.bitBuf = 0;
      this.bitCnt = 0;
      this.storedLeft = len;
      this.state = "stored";
    } else if (type === 1) {
      [this.lit, this.dist] = fixedTables();
      this.state = "codes";
    } else if (type === 2) {
      const hlit = this.bits(5) + 257;
      const hdist = this.bits(5) + 1;
      const hclen = this.bits(4) + 4;
      const cl = new Uint8Array(19);
      for (let i2 = 0; i2 < hclen; i2++) cl[CL_ORDER[i2]] = this.bits(3);
      const clh = buildHuffman(cl, 19);
      const lens = new Uint8Array(hlit + hdist);
      let i = 0;
      while (i < hlit + hdist) {
        const sym = this.decode(clh);
        if (sym < 16) lens[i++] = sym;
        else {
          let rep;
          let val = 0;
          if (sym === 16) {
            if (i === 0) throw new InflateError("repeat with no previous length");
            val = lens[i - 1];
            rep = 3 + this.bits(2);
          } else if (sym === 17) rep = 3 + this.bits(3);
          else rep = 11 + this.bits(7);
          if (i + rep > hlit + hdist) throw new InflateError("too many code lengths");
          lens.fill(val, i, i + rep);
          i += rep;
        }
      }
      if (lens[256] === 0) throw new InflateError("no end-of-block code");
      this.lit = buildHuffman(lens.subarray(0, hlit), hlit);
      this.dist = buildHuffman(lens.subarray(hlit), hdist);
      this.state = "codes";
    } else {
      throw new InflateError("invalid block type 3");
    }
    this.final = final;
  }
  stored() {
    while (this.storedLeft > 0) {
      const avail = this.buf.length - this.pos;
      if (avail === 0) {
        if (this.ending) throw new InflateError("deflate stream truncated");
        return false;
      }
      const n = Math.min(avail, this.storedLeft, this.out.length - this.op);
      this.out.set(this.buf.subarray(this.pos, this.pos + n), this.op);
      this.op += n;
      this.pos += n;
      this.storedLeft -= n;
      this.produced += n;
      if (this.op >= WSIZE + OUT_CHUNK) this.flush();
    }
    this.blockEnd();
    return true;
  }
  blockEnd() {
    if (this.final) {
      this.done = true;
      this.pos -= this.bitCnt >> 3;
      this.bitBuf = 0;
      this.bitCnt = 0;
      if (this.pos < this.buf.length) this.trailing.push(this.buf.slice(this.pos));
      this.pos = this.buf.length;
    } else {
      this.state = "header";
    }
  }
  codes() {
    const lit = this.lit;
    const dist = this.dist;
    const out = this.out;
    for (; ; ) {
      if (this.op >= WSIZE + OUT_CHUNK) this.flush();
      const sPos = this.pos, sBuf = this.bitBuf, sCnt = this.bitCnt;
      try {
        const sym = this.decode(lit);
        if (sym < 256) {
          out[this.op++] = sym;
          this.produced++;
          continue;
        }
        if (sym === 256) {
          this.blockEnd();
          return true;
        }
        const li = sym - 257;
        if (li >= 29) throw new InflateError("invalid length symbol");
        const len = LEN_BASE[li] + this.bits(LEN_EXTRA[li]);
        const ds = this.decode(dist);
        if (ds >= 30) throw new InflateError("invalid distance symbol");
        const d = DIST_BASE[ds] + this.bits(DIST_EXTRA[ds]);
        if (d > this.produced || d > this.op) throw new InflateError("distance too far back");
        let from = this.op - d;
        if (d >= len) {
          out.copyWithin(this.op, from, from + len);
          this.op += len;
        } else {
          let op = this.op;
          for (let k = 0; k < len; k++) out[op++] = out[from++];
          this.op = op;
        }
        this.produced += len;
      } catch (e) {
        if (e === NEED) {
          this.pos = sPos;
          this.bitBuf = sBuf;
          this.bitCnt = sCnt;
          if (this.ending) throw new InflateError("deflate stream truncated");
          return false;
        }
        throw e;
      }
    }
  }
  flush() {
    if (this.op > this.flushedTo) {
      this.sink(this.out.slice(this.flushedTo, this.op));
      this.flushedTo = this.op;
    }
    if (this.op >= WSIZE + OUT_CHUNK) {
      this.out.copyWithin(0, this.op - WSIZE, this.op);
      this.op = WSIZE;
      this.flushedTo = WSIZE;
    }
  }
};

// src/scan/decode/checksums.ts
var CRC32_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? c >>> 1 ^ 3988292384 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();
var TABLE_MAX = 64 * 1024;
var TABLE_BUDGET = 256 * 1024;
var tableBytes = 0;
var zlibCrc;
function crc32(data, value = 0) {
  if (zlibCrc === void 0 && (data.length >= TABLE_MAX || (tableBytes += data.length) > TABLE_BUDGET)) {
    zlibCrc = process.getBuiltinModule("node:zlib").crc32;
  }
  return zlibCrc !== void 0 ? zlibCrc(data, value) : crc32Table(data, value);
}
function crc32Table(data, value = 0) {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = c >>> 8 ^ CRC32_TABLE[(c ^ data[i]) & 255];
  return ~c >>> 0;
}
var BZ_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 2147483648 ? c << 1 ^ 79764919 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();
function bzCrcUpdate(crc, data, from, to) {
  let c = crc;
  for (let i = from; i < to; i++) c = c << 8 ^ BZ_TABLE[(c >>> 24 ^ data[i]) & 255];
  return c >>> 0;
}
var C64_LO = new Uint32Array(256);
var C64_HI = new Uint32Array(256);
(() => {
  const pLo = 3615952706, pHi = 3379320725;
  for (let i = 0; i < 256; i++) {
    let lo = i, hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = (lo >>> 1 | (hi & 1) << 31) >>> 0;
      hi = hi >>> 1;
      if (bit) {
        lo = (lo ^ pLo) >>> 0;
        hi = (hi ^ pHi) >>> 0;
      }
    }
    C64_LO[i] = lo;
    C64_HI[i] = hi;
  }
})();
var Crc64 = class {
  lo = 4294967295;
  hi = 4294967295;
  update(data) {
    let lo = this.lo, hi = this.hi;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]) & 255;
      lo = (lo >>> 8 | hi << 24) ^ C64_LO[idx];
      hi = hi >>> 8 ^ C64_HI[idx];
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }
  /** The 8 little-endian bytes xz stores. */
  digest() {
    const out = new Uint8Array(8);
    const v = new DataView(out.buffer);
    v.setUint32(0, ~this.lo >>> 0, true);
    v.setUint32(4, ~this.hi >>> 0, true);
    return out;
  }
};
var P32_1 = 2654435761;
var P32_2 = 2246822519;
var P32_3 = 3266489917;
var P32_4 = 668265263;
var P32_5 = 374761393;
var rotl32 = (x, r) => x << r | x >>> 32 - r;
var rd32 = (b, i) => (b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24) >>> 0;
var Xxh32 = class {
  v = [0, 0, 0, 0];
  mem = new Uint8Array(16);
  memLen = 0;
  total = 0;
  constructor() {
    this.v = [P32_1 + P32_2 | 0, P32_2 | 0, 0, 0 - P32_1 | 0];
  }
  stripe(b, i) {
    const v = this.v;
    for (let k = 0; k < 4; k++) v[k] = Math.imul(rotl32(v[k] + Math.imul(rd32(b, i + 4 * k), P32_2) | 0, 13), P32_1);
  }
  update(data) {
    this.total += data.length;
    let i = 0;
    if (this.memLen > 0) {
      const k = Math.min(16 - this.memLen, data.length);
      this.mem.set(data.subarray(0, k), this.memLen);
      this.memLen += k;
      i = k;
      if (this.memLen < 16) return;
      this.stripe(this.mem, 0);
      this.memLen = 0;
    }
    for (; i + 16 <= data.length; i += 16) this.stripe(data, i);
    if (i < data.length) {
      this.mem.set(data.subarray(i), 0);
      this.memLen = data.length - i;
    }
  }
  digest() {
    const v = this.v;
    let h = this.total >= 16 ? rotl32(v[0], 1) + rotl32(v[1], 7) + rotl32(v[2], 12) + rotl32(v[3], 18) | 0 : P32_5;
    h = h + this.total | 0;
    let i = 0;
    for (; i + 4 <= this.memLen; i += 4) h = Math.imul(rotl32(h + Math.imul(rd32(this.mem, i), P32_3) | 0, 17), P32_4);
    for (; i < this.memLen; i++) h = Math.imul(rotl32(h + Math.imul(this.mem[i], P32_5) | 0, 11), P32_1);
    h ^= h >>> 15;
    h = Math.imul(h, P32_2);
    h ^= h >>> 13;
    h = Math.imul(h, P32_3);
    h ^= h >>> 16;
    return h >>> 0;
  }
};
function mul64(ah, al, bh, bl) {
  const a0 = al & 65535, a1 = al >>> 16, b0 = bl & 65535, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 65535) + (p10 & 65535);
  const lo = (mid << 16 | p00 & 65535) >>> 0;
  const carry = p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536);
  const hi = carry + Math.imul(ah, bl) + Math.imul(al, bh) >>> 0;
  return [hi, lo];
}
function add64(ah, al, bh, bl) {
  const lo = al + bl;
  return [ah + bh + (lo > 4294967295 ? 1 : 0) >>> 0, lo >>> 0];
}
function rotl64(h, l, r) {
  if (r >= 32) {
    [h, l] = [l, h];
    r -= 32;
  }
  if (r === 0) return [h, l];
  return [(h << r | l >>> 32 - r) >>> 0, (l << r | h >>> 32 - r) >>> 0];
}
var P1 = [2654435761, 2246822535];
var P2 = [3266489917, 668265295];
var P3 = [374761393, 2654435833];
var P4 = [2246822519, 3266489955];
var P5 = [668265263, 374761413];
function round64(acc, inH, inL) {
  const m = mul64(inH, inL, P2[0], P2[1]);
  let a = add64(acc[0], acc[1], m[0], m[1]);
  a = rotl64(a[0], a[1], 31);
  return mul64(a[0], a[1], P1[0], P1[1]);
}
var RH = 0;
var RL = 0;
function mulTo(ah, al, bh, bl) {
  const a0 = al & 65535, a1 = al >>> 16, b0 = bl & 65535, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 65535) + (p10 & 65535);
  RL = (mid << 16 | p00 & 65535) >>> 0;
  RH = p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536) + Math.imul(ah, bl) + Math.imul(al, bh) >>> 0;
}
var Xxh64 = class {
  v = [add64(P1[0], P1[1], P2[0], P2[1]), [P2[0], P2[1]], [0, 0], [(~P1[0] >>> 0) + (P1[1] === 0 ? 1 : 0) >>> 0, -P1[1] >>> 0]];
  /** Lanes as hi, lo pairs while streaming; `v` is refreshed from them before the digest. */
  lanes = Uint32Array.from(this.v.flat());
  mem = new Uint8Array(32);
  memLen = 0;
  total = 0;
  stripe(b, i) {
    const L = this.lanes;
    for (let k = 0; k < 4; k++) {
      const o = i + 8 * k;
      mulTo(rd32(b, o + 4), rd32(b, o), P2[0], P2[1]);
      const sl = L[2 * k + 1] + RL;
      const h = L[2 * k] + RH + (sl > 4294967295 ? 1 : 0) >>> 0;
      const l = sl >>> 0;
      mulTo((h << 31 | l >>> 1) >>> 0, (l << 31 | h >>> 1) >>> 0, P1[0], P1[1]);
      L[2 * k] = RH;
      L[2 * k + 1] = RL;
    }
  }
  update(data) {
    this.total += data.length;
    let i = 0;
    if (this.memLen > 0) {
      const k = Math.min(32 - this.memLen, data.length);
      this.mem.set(data.subarray(0, k), this.memLen);
      this.memLen += k;
      i = k;
      if (this.memLen < 32) return;
      this.stripe(this.mem, 0);
      this.memLen = 0;
    }
    for (; i + 32 <= data.length; i += 32) this.stripe(data, i);
    if (i < data.length) {
      this.mem.set(data.subarray(i), 0);
      this.memLen = data.length - i;
    }
  }
  /** The low 32 bits of the digest. */
  digestLow32() {
    for (let k = 0; k < 4; k++) this.v[k] = [this.lanes[2 * k], this.lanes[2 * k + 1]];
    let h;
    if (this.total >= 32) {
      const [v1, v2, v3, v4] = this.v;
      h = rotl64(v1[0], v1[1], 1);
      for (const [x, r] of [[v2, 7], [v3, 12], [v4, 18]]) {
        const t = rotl64(x[0], x[1], r);
        h = add64(h[0], h[1], t[0], t[1]);
      }
      for (const x of [v1, v2, v3, v4]) {
        const k = round64([0, 0], x[0], x[1]);
        h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
        h = mul64(h[0], h[1], P1[0], P1[1]);
        h = add64(h[0], h[1], P4[0], P4[1]);
      }
    } else h = [P5[0], P5[1]];
    h = add64(h[0], h[1], Math.floor(this.total / 2 ** 32) >>> 0, this.total >>> 0);
    let i = 0;
    for (; i + 8 <= this.memLen; i += 8) {
      const k = round64([0, 0], rd32(this.mem, i + 4), rd32(this.mem, i));
      h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
      h = rotl64(h[0], h[1], 27);
      h = mul64(h[0], h[1], P1[0], P1[1]);
      h = add64(h[0], h[1], P4[0], P4[1]);
    }
    if (i + 4 <= this.memLen) {
      const k = mul64(0, rd32(this.mem, i), P1[0], P1[1]);
      h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
      h = rotl64(h[0], h[1], 23);
      h = mul64(h[0], h[1], P2[0], P2[1]);
      h = add64(h[0], h[1], P3[0], P3[1]);
      i += 4;
    }
    for (; i < this.memLen; i++) {
      const k = mul64(0, this.mem[i], P5[0], P5[1]);
      h = [(h[0] ^ k[0]) >>> 0, (h[1] ^ k[1]) >>> 0];
      h = rotl64(h[0], h[1], 11);
      h = mul64(h[0], h[1], P1[0], P1[1]);
    }
    const shr = (x, s2) => s2 >= 32 ? [0, x[0] >>> s2 - 32] : [x[0] >>> s2, (x[1] >>> s2 | x[0] << 32 - s2) >>> 0];
    let s = shr(h, 33);
    h = [(h[0] ^ s[0]) >>> 0, (h[1] ^ s[1]) >>> 0];
    h = mul64(h[0], h[1], P2[0], P2[1]);
    s = shr(h, 29);
    h = [(h[0] ^ s[0]) >>> 0, (h[1] ^ s[1]) >>> 0];
    h = mul64(h[0], h[1], P3[0], P3[1]);
    s = shr(h, 32);
    h = [(h[0] ^ s[0]) >>> 0, (h[1] ^ s[1]) >>> 0];
    return h[1];
  }
};

// src/scan/decode/stream.ts
var MAX_WINDOW = 128 * 1024 * 1024;
var InBuf = class {
  b = new Uint8Array(0);
  p = 0;
  n = 0;
  base = 0;
  append(chunk) {
    const keep = this.n - this.p;
    if (keep + chunk.length > this.b.length) {
      const nb = new Uint8Array(Math.max(keep + chunk.length, Math.min(this.b.length * 2, keep + chunk.length + (1 << 20))));
      nb.set(this.b.subarray(this.p, this.n), 0);
      this.b = nb;
    } else if (this.p > 0) this.b.copyWithin(0, this.p, this.n);
    this.base += this.p;
    this.p = 0;
    this.n = keep;
    this.b.set(chunk, this.n);
    this.n += chunk.length;
  }
  get avail() {
    return this.n - this.p;
  }
  get offset() {
    return this.base + this.p;
  }
  /** Drops the buffer when everything has been consumed, so a large chunk's copy is not kept. */
  release() {
    if (this.p === this.n && this.b.length > 1 << 20) {
      this.base += this.p;
      this.b = new Uint8Array(0);
      this.p = this.n = 0;
    }
  }
};
var u32le2 = (b, i) => (b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24) >>> 0;
var Stop = class extends Error {
  constructor(failure) {
    super(failure.message);
    this.failure = failure;
  }
  failure;
};
var fail = (check, message, offset) => {
  throw new Stop({ check, message, offset });
};
var DecoderShell = class {
  failure;
  streams = 0;
  trailing;
  inb = new InBuf();
  stopped = false;
  push(chunk) {
    if (this.failure || this.stopped) return;
    if (this.inTrail()) return this.countTrailing(chunk);
    this.inb.append(chunk);
    this.run(false);
  }
  end() {
    if (this.failure || this.stopped) return;
    this.run(true);
  }
  countTrailing(chunk) {
    if (this.trailing) this.trailing.bytes += chunk.length;
    else if (chunk.some((b) => b !== 0)) this.trailing = { offset: this.inb.offset, bytes: chunk.length };
  }
  run(final) {
    try {
      this.steps(final);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      this.failure = e.failure;
    }
    this.inb.release();
  }
};

// src/scan/decode/bzip2.ts
var NeedMore = class extends Error {
};
var NEED2 = new NeedMore();
var MAX_GROUPS = 6;
var MAX_ALPHA = 258;
var MAX_SELECTORS = 18002;
var MAX_BLOCK_INPUT = 4 * 1024 * 1024;
var Bzip2Decoder = class extends DecoderShell {
  constructor(emit) {
    super();
    this.emit = emit;
  }
  emit;
  state = "stream";
  level = 9;
  combined = 0;
  // Bit reader over inb (position is inb.p plus bits held).
  bitBuf = 0;
  bitCount = 0;
  final = false;
  lastTry = 0;
  tt = new Uint32Array(0);
  out = new Uint8Array(1 << 16);
  inTrail() {
    return this.state === "trail";
  }
  run(final) {
    this.final = final;
    super.run(final);
  }
  bits(n) {
    while (this.bitCount < n) {
      const ib = this.inb;
      if (ib.p >= ib.n) {
        if (this.final) fail("compression.invalid", "Corrupt bz2 stream: truncated", ib.offset);
        throw NEED2;
      }
      this.bitBuf = (this.bitBuf << 8 | ib.b[ib.p++]) >>> 0;
      this.bitCount += 8;
    }
    this.bitCount -= n;
    return this.bitBuf >>> this.bitCount & (1 << n) - 1;
  }
  bit() {
    return this.bits(1);
  }
  notAStream(why) {
    const ib = this.inb;
    if (this.streams === 0) fail("compression.invalid", `Corrupt bz2 stream: ${why}`, ib.offset);
    this.state = "trail";
    const rest = ib.b.subarray(ib.p, ib.n);
    const at = ib.offset;
    ib.p = ib.n;
    this.countTrailing(rest);
    if (this.trailing) this.trailing.offset = at;
  }
  steps(final) {
    const ib = this.inb;
    for (; ; ) {
      if (this.stopped || this.state === "trail") return;
      if (this.state === "stream") {
        if (ib.avail === 0) {
          if (final && this.streams === 0) fail("compression.invalid", "Corrupt bz2 stream: empty", ib.offset);
          return;
        }
        const want = [66, 90, 104];
        for (let i = 0; i < 4; i++) {
          if (i >= ib.avail) {
            if (final) {
              if (this.streams === 0) fail("compression.invalid", "Corrupt bz2 stream: truncated header", ib.offset);
              fail("compression.invalid", "Corrupt bz2 stream: a further stream is cut inside its header (Python raises EOFError)", ib.offset);
            }
            return;
          }
          const c = ib.b[ib.p + i];
          if (i < 3 ? c !== want[i] : c < 49 || c > 57) {
            if (this.streams > 0 && ib.b.subarray(ib.p, ib.n).every((x) => x === 0)) {
              this.notAStream("zeros");
              return;
            }
            this.notAStream('bad magic (not "BZh1"\u2013"BZh9")');
            return;
          }
        }
        this.level = ib.b[ib.p + 3] - 48;
        ib.p += 4;
        this.bitBuf = 0;
        this.bitCount = 0;
        this.combined = 0;
        this.lastTry = 0;
        this.state = "block";
        continue;
      }
      const avail = ib.avail;
      if (!final && avail < Math.max(2 * this.lastTry, 1)) return;
      const save = { p: ib.p, buf: this.bitBuf, count: this.bitCount };
      try {
        const more = this.block();
        this.lastTry = 0;
        if (!more) {
          this.streams++;
          this.bitCount = 0;
          this.state = "stream";
        }
      } catch (e) {
        if (e !== NEED2) throw e;
        ib.p = save.p;
        this.bitBuf = save.buf;
        this.bitCount = save.count;
        this.lastTry = avail;
        if (avail > MAX_BLOCK_INPUT) fail("compression.invalid", "Corrupt bz2 stream: a block runs past any valid size", ib.offset);
        return;
      }
    }
  }
  /** Reads one block (or the end-of-stream marker, returning false) and emits its output. */
  block() {
    const at = this.inb.offset;
    const bad = (why) => fail("compression.invalid", `Corrupt bz2 stream: ${why}`, at);
    const m1 = this.bits(24), m2 = this.bits(24);
    if (m1 === 1536581 && m2 === 3690640) {
      const want = this.bits(16) * 65536 + this.bits(16);
      if (want !== this.combined) fail("compression.crc-mismatch", `bz2 stream CRC does not match the content (${this.combined.toString(16)} vs ${want.toString(16)}): corrupted or tampered`, at);
      return false;
    }
    if (m1 !== 3227993 || m2 !== 2511705) bad("bad block magic");
    const blockCrc = this.bits(16) * 65536 + this.bits(16);
    if (this.bit()) fail("compression.unsupported", 'bz2 block uses the obsolete "randomised" mode, which is not decoded here', at);
    const origPtr = this.bits(24);
    const used = this.bits(16);
    const seqToUnseq = new Uint8Array(256);
    let nInUse = 0;
    for (let i = 0; i < 16; i++) {
      if (used & 32768 >> i) {
        const w = this.bits(16);
        for (let j = 0; j < 16; j++) if (w & 32768 >> j) seqToUnseq[nInUse++] = i * 16 + j;
      }
    }
    if (nInUse === 0) bad("no symbols in use");
    const alphaSize = nInUse + 2;
    const nGroups = this.bits(3);
    if (nGroups < 2 || nGroups > MAX_GROUPS) bad(`${nGroups} Huffman groups`);
    let nSelectors = this.bits(15);
    if (nSelectors < 1) bad("no selectors");
    const selMtf = new Uint8Array(Math.min(nSelectors, MAX_SELECTORS));
    for (let i = 0; i < nSelectors; i++) {
      let j = 0;
      while (this.bit()) {
        j++;
        if (j >= nGroups) bad("selector out of range");
      }
      if (i < MAX_SELECTORS) selMtf[i] = j;
    }
    if (nSelectors > MAX_SELECTORS) nSelectors = MAX_SELECTORS;
    const pos = [0, 1, 2, 3, 4, 5].slice(0, nGroups);
    const selectors = new Uint8Array(nSelectors);
    for (let i = 0; i < nSelectors; i++) {
      let v = selMtf[i];
      const tmp = pos[v];
      for (; v > 0; v--) pos[v] = pos[v - 1];
      pos[0] = tmp;
      selectors[i] = tmp;
    }
    const limit = [], base = [], perm = [], minLens = [];
    for (let t = 0; t < nGroups; t++) {
      const len = new Uint8Array(alphaSize);
      let curr = this.bits(5);
      for (let i = 0; i < alphaSize; i++) {
        for (; ; ) {
          if (curr < 1 || curr > 20) bad("code length out of range");
          if (!this.bit()) break;
          curr += this.bit() ? -1 : 1;
        }
        len[i] = curr;
      }
      let minLen2 = 32, maxLen = 0;
      for (let i = 0; i < alphaSize; i++) {
        minLen2 = Math.min(minLen2, len[i]);
        maxLen = Math.max(maxLen, len[i]);
      }
      const lim2 = new Int32Array(23).fill(-1), bs2 = new Int32Array(23), pm2 = new Int32Array(MAX_ALPHA);
      let pp = 0;
      for (let l = minLen2; l <= maxLen; l++) for (let s = 0; s < alphaSize; s++) if (len[s] === l) pm2[pp++] = s;
      for (let i = 0; i < alphaSize; i++) {
        const k = len[i] + 1;
        bs2[k] = bs2[k] + 1;
      }
      for (let i = 1; i < 23; i++) bs2[i] = bs2[i] + bs2[i - 1];
      let vec = 0;
      for (let l = minLen2; l <= maxLen; l++) {
        vec += bs2[l + 1] - bs2[l];
        lim2[l] = vec - 1;
        vec <<= 1;
      }
      for (let l = minLen2 + 1; l <= maxLen; l++) bs2[l] = (lim2[l - 1] + 1 << 1) - bs2[l];
      limit.push(lim2);
      base.push(bs2);
      perm.push(pm2);
      minLens.push(minLen2);
    }
    const max = this.level * 1e5;
    if (this.tt.length < max) this.tt = new Uint32Array(max);
    const tt = this.tt;
    const counts = new Int32Array(256);
    const mtf = new Uint8Array(256);
    for (let i = 0; i < 256; i++) mtf[i] = i;
    const eob = nInUse + 1;
    let nblock = 0, groupPos = 0, groupNo = -1;
    let lim = limit[0], bs = base[0], pm = perm[0], minLen = 0;
    let runPos = 0, runLen = 0;
    const ib = this.inb, src = ib.b, srcEnd = ib.n;
    let bb = this.bitBuf, bc = this.bitCount, p = ib.p;
    for (; ; ) {
      if (groupPos === 0) {
        groupNo++;
        if (groupNo >= nSelectors) bad("ran out of selectors");
        groupPos = 50;
        const g = selectors[groupNo];
        lim = limit[g];
        bs = base[g];
        pm = perm[g];
        minLen = minLens[g];
      }
      groupPos--;
      while (bc <= 24 && p < srcEnd) {
        bb = (bb << 8 | src[p++]) >>> 0;
        bc += 8;
      }
      let n = minLen;
      let v;
      if (bc >= 20) {
        v = bb >>> bc - n & (1 << n) - 1;
        while (n <= 20 && v > lim[n]) {
          n++;
          v = bb >>> bc - n & (1 << n) - 1;
        }
        if (n > 20) bad("bad Huffman code");
        bc -= n;
      } else {
        this.bitBuf = bb;
        this.bitCount = bc;
        ib.p = p;
        v = this.bits(n);
        while (n <= 20 && v > lim[n]) {
          n++;
          v = v << 1 | this.bit();
        }
        if (n > 20) bad("bad Huffman code");
        bb = this.bitBuf;
        bc = this.bitCount;
        p = ib.p;
      }
      const idx = v - bs[n];
      if (idx < 0 || idx >= MAX_ALPHA) bad("bad Huffman code");
      const sym = pm[idx];
      if (sym <= 1) {
        if (runPos === 0) {
          runPos = 1;
          runLen = 0;
        }
        runLen += (sym + 1) * runPos;
        runPos <<= 1;
        if (runLen > max) bad("run exceeds the block size");
        continue;
      }
      if (runPos) {
        runPos = 0;
        if (nblock + runLen > max) bad("block exceeds its declared size");
        const ch2 = seqToUnseq[mtf[0]];
        counts[ch2] = counts[ch2] + runLen;
        tt.fill(ch2, nblock, nblock + runLen);
        nblock += runLen;
        runLen = 0;
      }
      if (sym === eob) break;
      if (nblock >= max) bad("block exceeds its declared size");
      let k = sym - 1;
      const front = mtf[k];
      if (k < 16) {
        for (; k > 0; k--) mtf[k] = mtf[k - 1];
      } else mtf.copyWithin(1, 0, k);
      mtf[0] = front;
      const ch = seqToUnseq[front];
      counts[ch] = counts[ch] + 1;
      tt[nblock++] = ch;
    }
    this.bitBuf = bb;
    this.bitCount = bc;
    ib.p = p;
    if (origPtr >= nblock) bad("origin pointer outside the block");
    const cf = new Int32Array(256);
    for (let i = 0, s = 0; i < 256; i++) {
      cf[i] = s;
      s += counts[i];
    }
    for (let i = 0; i < nblock; i++) {
      const ch = tt[i] & 255;
      const j = cf[ch];
      cf[ch] = j + 1;
      tt[j] = (tt[j] | i << 8) >>> 0;
    }
    const out = this.out;
    let o = 0;
    let crc = 4294967295;
    let tPos = tt[origPtr] >>> 8;
    let last = -1, same = 0;
    const flushOut = () => {
      crc = bzCrcUpdate(crc, out, 0, o);
      if (!this.stopped && !this.emit(out)) this.stopped = true;
      o = 0;
    };
    const cap = out.length;
    for (let i = 0; i < nblock && !this.stopped; i++) {
      const e = tt[tPos];
      const ch = e & 255;
      tPos = e >>> 8;
      if (same === 4) {
        for (let r = 0; r < ch; r++) {
          out[o++] = last;
          if (o === cap) {
            flushOut();
            if (this.stopped) break;
          }
        }
        same = 0;
        last = -1;
        continue;
      }
      if (ch === last) same++;
      else {
        last = ch;
        same = 1;
      }
      out[o++] = ch;
      if (o === cap) flushOut();
    }
    if (this.stopped) return true;
    if (o > 0) {
      crc = bzCrcUpdate(crc, out, 0, o);
      if (!this.emit(out.subarray(0, o))) this.stopped = true;
    }
    crc = ~crc >>> 0;
    if (crc !== blockCrc) fail("compression.crc-mismatch", `bz2 block CRC does not match the content (${crc.toString(16)} vs ${blockCrc.toString(16)}): corrupted or tampered`, at);
    this.combined = ((this.combined << 1 | this.combined >>> 31) ^ crc) >>> 0;
    return true;
  }
};

// src/scan/decode/lzma.ts
var MARGIN = 64;
var kNumStates = 12;
var kMatchMinLen = 2;
var LenDecoder = class {
  choice = new Uint16Array(2);
  low = new Uint16Array(16 << 3);
  mid = new Uint16Array(16 << 3);
  high = new Uint16Array(256);
  reset() {
    this.choice.fill(1024);
    this.low.fill(1024);
    this.mid.fill(1024);
    this.high.fill(1024);
  }
};
var Window = class {
  constructor(size, out) {
    this.size = size;
    this.out = out;
  }
  size;
  out;
  buf = new Uint8Array(0);
  pos = 0;
  /** How many bytes of history are valid (for distance checks). */
  full = 0;
  flushed = 0;
  total = 0;
  /** Set by the owner when the consumer wants no more output: decoding stops at the next flush point. */
  halted = false;
  /** Dictionary reset: no history, positions (for posState) restart. */
  reset() {
    this.flush();
    this.full = 0;
    this.total = 0;
  }
  /** Makes room for at least one byte at `pos`. */
  room() {
    if (this.pos < this.buf.length) return;
    this.flush();
    if (this.buf.length < this.size) {
      const nb = new Uint8Array(Math.min(this.size, Math.max(1 << 16, this.buf.length * 2)));
      nb.set(this.buf);
      this.buf = nb;
    } else {
      this.pos = 0;
      this.flushed = 0;
    }
  }
  flush() {
    if (this.pos > this.flushed) {
      const piece = this.buf.subarray(this.flushed, this.pos);
      this.flushed = this.pos;
      this.out(piece);
    }
  }
  put(b) {
    if (this.pos >= this.buf.length) this.room();
    this.buf[this.pos++] = b;
    if (this.full < this.size) this.full++;
    this.total++;
  }
  /** The byte `dist` + 1 back. */
  get(dist) {
    let i = this.pos - dist - 1;
    if (i < 0) i += this.buf.length;
    return this.buf[i];
  }
  pending() {
    return this.pos - this.flushed;
  }
};
var LzmaDecoder = class {
  constructor(win, label) {
    this.win = win;
    this.label = label;
  }
  win;
  label;
  lc = 3;
  lp = 0;
  pb = 2;
  literal = new Uint16Array(768);
  isMatch = new Uint16Array(kNumStates << 4);
  isRep = new Uint16Array(kNumStates);
  isRepG0 = new Uint16Array(kNumStates);
  isRepG1 = new Uint16Array(kNumStates);
  isRepG2 = new Uint16Array(kNumStates);
  isRep0Long = new Uint16Array(kNumStates << 4);
  posSlot = new Uint16Array(4 << 6);
  posSpecial = new Uint16Array(1 + 114);
  align = new Uint16Array(16);
  lenDec = new LenDecoder();
  repLenDec = new LenDecoder();
  state = 0;
  rep0 = 0;
  rep1 = 0;
  rep2 = 0;
  rep3 = 0;
  /** A match cut by an LZMA2 chunk's size limit continues in the next chunk. */
  pendingLen = 0;
  range = 0;
  code = 0;
  setProps(props, at) {
    if (props >= 225) fail("compression.invalid", `Corrupt ${this.label} stream: LZMA properties byte ${props} is invalid`, at);
    this.lc = props % 9;
    const r = Math.floor(props / 9);
    this.lp = r % 5;
    this.pb = Math.floor(r / 5);
    if (this.lc + this.lp > 4) fail("compression.invalid", `Corrupt ${this.label} stream: lc + lp > 4, which liblzma rejects`, at);
    const n = 768 << this.lc + this.lp;
    if (this.literal.length !== n) this.literal = new Uint16Array(n);
  }
  resetState() {
    this.literal.fill(1024);
    this.isMatch.fill(1024);
    this.isRep.fill(1024);
    this.isRepG0.fill(1024);
    this.isRepG1.fill(1024);
    this.isRepG2.fill(1024);
    this.isRep0Long.fill(1024);
    this.posSlot.fill(1024);
    this.posSpecial.fill(1024);
    this.align.fill(1024);
    this.lenDec.reset();
    this.repLenDec.reset();
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.pendingLen = 0;
  }
  /** Range decoder start: 5 bytes, the first 0. */
  rcInit(b, p, at) {
    if (b[p] !== 0) fail("compression.invalid", `Corrupt ${this.label} stream: range coder does not start with 0`, at);
    this.range = 4294967295;
    this.code = b[p + 1] * 2 ** 24 + b[p + 2] * 65536 + b[p + 3] * 256 + b[p + 4];
    if (this.code === 4294967295) fail("compression.invalid", `Corrupt ${this.label} stream: range coder start`, at);
  }
  /**
   * Decodes from `b[p..end)` until `limit` more bytes are out, an end marker, or (unless `final`) fewer than MARGIN
   * input bytes remain. `base` is the stream offset of `b[0]`, for messages.
   */
  decode(b, p, end, limit, final, base) {
    const win = this.win;
    let range = this.range, code = this.code;
    let overrun = false;
    const label = this.label;
    const next = () => {
      if (p >= end) {
        overrun = true;
        p++;
        return 0;
      }
      return b[p++];
    };
    const bit = (probs, i) => {
      const prob = probs[i];
      const bound = (range >>> 11) * prob;
      let r;
      if (code < bound) {
        range = bound;
        probs[i] = prob + (2048 - prob >> 5);
        r = 0;
      } else {
        range -= bound;
        code -= bound;
        probs[i] = prob - (prob >> 5);
        r = 1;
      }
      if (range < 16777216) {
        range = range * 256;
        code = code * 256 + next();
      }
      return r;
    };
    const tree = (probs, off, bits) => {
      let m = 1;
      for (let i = 0; i < bits; i++) m = m << 1 | bit(probs, off + m);
      return m - (1 << bits);
    };
    const reverse = (probs, off, bits) => {
      let m = 1, sym = 0;
      for (let i = 0; i < bits; i++) {
        const x = bit(probs, off + m);
        m = m << 1 | x;
        sym |= x << i;
      }
      return sym;
    };
    const direct = (bits) => {
      let res = 0;
      for (let i = 0; i < bits; i++) {
        range = range >>> 1;
        let x = 0;
        if (code >= range) {
          code -= range;
          x = 1;
        }
        res = res * 2 + x;
        if (range < 16777216) {
          range = range * 256;
          code = code * 256 + next();
        }
      }
      return res;
    };
    const length = (d, posState) => {
      if (bit(d.choice, 0) === 0) return tree(d.low, posState << 3, 3);
      if (bit(d.choice, 1) === 0) return 8 + tree(d.mid, posState << 3, 3);
      return 16 + tree(d.high, 0, 8);
    };
    const bad = (why) => {
      win.flush();
      return fail("compression.invalid", `Corrupt ${label} stream: ${why}`, base + Math.min(p, end));
    };
    const copy = (len, dist) => {
      let n = Math.min(len, limit - done);
      done += n;
      const left = len - n;
      while (n-- > 0) win.put(win.get(dist));
      return left;
    };
    const pbMask = (1 << this.pb) - 1, lpMask = (1 << this.lp) - 1, lc = this.lc;
    let done = 0;
    if (this.pendingLen > 0) this.pendingLen = copy(this.pendingLen, this.rep0);
    let status = "more";
    while (done < limit) {
      if (!final && end - p < MARGIN) break;
      if (final && p > end) break;
      if (win.pending() >= 1 << 20) {
        win.flush();
        if (win.halted) break;
      }
      const posState = win.total & pbMask;
      const st = this.state;
      if (bit(this.isMatch, (st << 4) + posState) === 0) {
        const prev = win.total > 0 && win.full > 0 ? win.get(0) : 0;
        const off = 768 * (((win.total & lpMask) << lc) + (prev >> 8 - lc));
        let sym = 1;
        if (st < 7) {
          while (sym < 256) sym = sym << 1 | bit(this.literal, off + sym);
        } else {
          if (this.rep0 >= win.full) bad("match byte distance beyond the dictionary");
          let matchByte = win.get(this.rep0) << 1;
          let offs = 256;
          while (sym < 256) {
            const mb = matchByte & offs;
            matchByte <<= 1;
            const x = bit(this.literal, off + offs + mb + sym);
            sym = sym << 1 | x;
            offs = x ? mb : offs & ~mb;
          }
        }
        if (overrun) break;
        win.put(sym & 255);
        done++;
        this.state = st < 4 ? 0 : st < 10 ? st - 3 : st - 6;
        continue;
      }
      let len;
      if (bit(this.isRep, st) === 0) {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = length(this.lenDec, posState);
        this.state = st < 7 ? 7 : 10;
        const lenState = Math.min(len, 3);
        const slot = tree(this.posSlot, lenState << 6, 6);
        let dist;
        if (slot < 4) dist = slot;
        else {
          const nd = (slot >> 1) - 1;
          dist = (2 | slot & 1) * 2 ** nd;
          if (slot < 14) dist += reverse(this.posSpecial, dist - slot, nd);
          else dist += direct(nd - 4) * 16 + reverse(this.align, 0, 4);
        }
        if (dist === 4294967295) {
          status = "end-marker";
          this.rep0 = dist;
          break;
        }
        this.rep0 = dist;
      } else {
        if (bit(this.isRepG0, st) === 0) {
          if (bit(this.isRep0Long, (st << 4) + posState) === 0) {
            this.state = st < 7 ? 9 : 11;
            if (this.rep0 >= win.full) bad("distance beyond the dictionary");
            if (overrun) break;
            win.put(win.get(this.rep0));
            done++;
            continue;
          }
        } else {
          let dist;
          if (bit(this.isRepG1, st) === 0) dist = this.rep1;
          else {
            if (bit(this.isRepG2, st) === 0) dist = this.rep2;
            else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = length(this.repLenDec, posState);
        this.state = st < 7 ? 8 : 11;
      }
      if (overrun) break;
      if (this.rep0 >= win.full) {
        if (win.full >= win.size && win.size < this.declared) {
          win.flush();
          fail("compression.window", `${label} stream refers ${this.rep0 + 1} bytes back, beyond the ${win.size >> 20} MiB dictionary this scanner holds (the stream declares ${Math.ceil(this.declared / 2 ** 20)} MiB)`, base + p);
        }
        bad(`match distance ${this.rep0 + 1} beyond the ${win.full} bytes decoded`);
      }
      this.pendingLen = copy(len + kMatchMinLen, this.rep0);
    }
    if (overrun || p > end) bad("truncated");
    this.range = range;
    this.code = code;
    if (status === "more" && done >= limit) status = "limit";
    return { pos: p, status };
  }
  /** The dictionary size the stream declared (may exceed what the window holds). */
  declared = 0;
  /** True when the range coder finished cleanly (code 0), as liblzma requires at the end of LZMA2 chunks. */
  finished() {
    return this.code === 0;
  }
};

// src/scan/decode/xz.ts
var XZ_MAGIC = [253, 55, 122, 88, 90, 0];
var CHECK_SIZE = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];
function makeCheck(id) {
  if (id === 1) {
    let c = 0;
    return { update: (d) => {
      c = crc32(d, c);
    }, value: () => {
      const o = new Uint8Array(4);
      new DataView(o.buffer).setUint32(0, c, true);
      return o;
    } };
  }
  if (id === 4) {
    const c = new Crc64();
    return { update: (d) => c.update(d), value: () => c.digest() };
  }
  if (id === 10) {
    const h = createHash("sha256");
    return { update: (d) => {
      h.update(d);
    }, value: () => new Uint8Array(h.digest()) };
  }
  return { update: () => void 0, value: () => void 0 };
}
function readVarint(b, p, end) {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    if (p + i >= end) return void 0;
    const x = b[p + i];
    v += (x & 127) * 2 ** (7 * i);
    if (!(x & 128)) {
      if (x === 0 && i > 0) return void 0;
      return [v, p + i + 1];
    }
  }
  return void 0;
}
var XzDecoder = class extends DecoderShell {
  constructor(emit) {
    super();
    this.emit = emit;
  }
  emit;
  state = "stream";
  win;
  lz;
  // .lzma
  aloneLeft = -1;
  // xz stream
  flags = 0;
  checkId = 0;
  check = makeCheck(0);
  blocks = 0;
  blockHash = 0;
  blockStart = 0;
  blockOut = 0;
  declaredComp;
  declaredOut;
  needDictReset = true;
  needProps = true;
  delta;
  indexStart = 0;
  indexCount = -1;
  indexSeen = 0;
  indexHash = 0;
  indexCrc = 0;
  inTrail() {
    return this.state === "trail";
  }
  output(piece) {
    if (this.stopped) return;
    let data = piece;
    if (this.delta) {
      const d = this.delta;
      data = new Uint8Array(piece.length);
      for (let i = 0; i < piece.length; i++) {
        const v = piece[i] + d.hist[d.pos + 256 - d.dist & 255] & 255;
        d.hist[d.pos] = v;
        d.pos = d.pos + 1 & 255;
        data[i] = v;
      }
    }
    this.check.update(data);
    if (!this.emit(data)) {
      this.stopped = true;
      if (this.win) this.win.halted = true;
    }
  }
  newWindow(dict, label) {
    const size = Math.min(MAX_WINDOW, Math.max(4096, dict));
    if (!this.win || this.win.size !== size) {
      this.win = new Window(size, (c) => this.output(c));
      this.lz = new LzmaDecoder(this.win, label);
    }
    this.win.reset();
    this.lz.declared = dict;
  }
  /** Not the start of a stream the auto decoder accepts: the first time corrupt, later what the loader ignores. */
  notAStream(why) {
    const ib = this.inb;
    if (this.streams === 0) fail("compression.invalid", `Corrupt xz/lzma stream: ${why}`, ib.offset);
    this.state = "trail";
    const rest = ib.b.subarray(ib.p, ib.n);
    const at = ib.offset;
    ib.p = ib.n;
    this.countTrailing(rest);
    if (this.trailing) this.trailing.offset = at;
  }
  steps(final) {
    const ib = this.inb;
    for (; ; ) {
      if (this.stopped) return;
      const b = ib.b;
      const truncated = (what) => {
        if (final) fail("compression.invalid", `Corrupt xz/lzma stream: truncated ${what}`, ib.offset);
      };
      switch (this.state) {
        case "trail":
          return;
        case "stream": {
          if (ib.avail === 0) {
            if (final && this.streams === 0) fail("compression.invalid", "Corrupt xz/lzma stream: empty", ib.offset);
            return;
          }
          if (b[ib.p] === 253) {
            if (ib.avail < 12) {
              if (final) {
                if (this.streams === 0) truncated("stream header");
                else this.notAStream("truncated stream header");
              }
              return;
            }
            for (let i = 0; i < 6; i++) if (b[ib.p + i] !== XZ_MAGIC[i]) {
              this.notAStream("bad xz magic");
              return;
            }
            if (crc32(b.subarray(ib.p + 6, ib.p + 8)) !== u32le2(b, ib.p + 8)) {
              if (this.streams === 0) fail("compression.crc-mismatch", "xz stream header CRC-32 does not match", ib.offset + 8);
              this.notAStream("header CRC");
              return;
            }
            if (b[ib.p + 6] !== 0 || b[ib.p + 7] & 240) {
              this.notAStream("unsupported stream flags");
              return;
            }
            this.flags = b[ib.p + 7];
            this.checkId = this.flags & 15;
            this.blocks = 0;
            this.blockHash = 0;
            ib.p += 12;
            this.state = "xz-block";
            continue;
          }
          if (ib.avail < 13) {
            if (final) {
              if (this.streams === 0) truncated(".lzma header");
              fail("compression.invalid", "Corrupt xz/lzma stream: a few bytes follow the last stream, which lzma.open reads as a cut .lzma header (EOFError)", ib.offset);
            }
            return;
          }
          const props = b[ib.p];
          const dict = u32le2(b, ib.p + 1);
          const lo = u32le2(b, ib.p + 5), hi = u32le2(b, ib.p + 9);
          const unknown = lo === 4294967295 && hi === 4294967295;
          let d = dict - 1;
          d |= d >>> 2;
          d |= d >>> 3;
          d |= d >>> 4;
          d |= d >>> 8;
          d |= d >>> 16;
          d = d + 1 >>> 0;
          const okDict = dict !== 0 && (d === dict || dict === 4294967295);
          const props_ok = props < 225 && props % 9 + Math.floor(props / 9) % 5 <= 4;
          if (!props_ok || !okDict || !unknown && hi >= 64) {
            this.notAStream("not an xz or .lzma header");
            return;
          }
          this.newWindow(dict, ".lzma");
          const lz = this.lz;
          lz.setProps(props, ib.offset);
          lz.resetState();
          this.aloneLeft = unknown ? -1 : lo + hi * 2 ** 32;
          if (ib.avail < 18) {
            truncated(".lzma start");
            if (!final) return;
          }
          lz.rcInit(b, ib.p + 13, ib.offset + 13);
          ib.p += 18;
          this.check = makeCheck(0);
          this.delta = void 0;
          this.state = "alone";
          continue;
        }
        case "alone": {
          const lz = this.lz;
          const win = this.win;
          if (!final && ib.avail < MARGIN) return;
          const limit = this.aloneLeft < 0 ? Infinity : this.aloneLeft;
          const before = win.total;
          const r = lz.decode(b, ib.p, ib.n, limit, final, ib.base);
          ib.p = r.pos;
          win.flush();
          if (this.aloneLeft >= 0) this.aloneLeft -= win.total - before;
          if (r.status === "end-marker" || this.aloneLeft === 0) {
            if (r.status === "end-marker" && this.aloneLeft > 0) fail("compression.invalid", "Corrupt .lzma stream: end marker before the declared size", ib.offset);
            this.streams++;
            this.state = "stream";
            continue;
          }
          if (final) fail("compression.invalid", "Corrupt .lzma stream: truncated", ib.offset);
          return;
        }
        case "xz-block": {
          if (ib.avail < 1) {
            truncated("block header");
            return;
          }
          const h0 = b[ib.p];
          if (h0 === 0) {
            this.indexStart = ib.offset;
            this.indexCount = -1;
            this.indexSeen = 0;
            this.indexHash = 0;
            this.indexCrc = crc32(b.subarray(ib.p, ib.p + 1));
            ib.p += 1;
            this.state = "index";
            continue;
          }
          const hs = (h0 + 1) * 4;
          if (ib.avail < hs) {
            truncated("block header");
            return;
          }
          const at = ib.offset;
          if (crc32(b.subarray(ib.p, ib.p + hs - 4)) !== u32le2(b, ib.p + hs - 4)) fail("compression.crc-mismatch", "xz block header CRC-32 does not match", at);
          const bf = b[ib.p + 1];
          if (bf & 60) fail("compression.invalid", "Corrupt xz stream: reserved block flags set", at + 1);
          let q = ib.p + 2;
          const hend = ib.p + hs - 4;
          const varint = () => {
            const r = readVarint(b, q, hend);
            if (!r) return fail("compression.invalid", "Corrupt xz stream: bad block header field", at);
            q = r[1];
            return r[0];
          };
          this.declaredComp = bf & 64 ? varint() : void 0;
          this.declaredOut = bf & 128 ? varint() : void 0;
          const nf = (bf & 3) + 1;
          let dict = -1;
          this.delta = void 0;
          for (let i = 0; i < nf; i++) {
            const id = varint();
            const psize = varint();
            if (q + psize > hend) fail("compression.invalid", "Corrupt xz stream: filter properties run past the block header", at);
            const last = i === nf - 1;
            if (id === 33 && last) {
              if (psize !== 1) fail("compression.invalid", "Corrupt xz stream: LZMA2 properties", at);
              const dp = b[q] & 63;
              if (b[q] & 192 || dp > 40) fail("compression.invalid", "Corrupt xz stream: LZMA2 dictionary size", at);
              dict = dp === 40 ? 4294967295 : (2 | dp & 1) * 2 ** (Math.floor(dp / 2) + 11);
            } else if (id === 3 && !last) {
              if (psize !== 1) fail("compression.invalid", "Corrupt xz stream: delta properties", at);
              this.delta = { dist: b[q] + 1, hist: new Uint8Array(256), pos: 0 };
            } else {
              fail("compression.unsupported", `xz filter 0x${id.toString(16)} (${last ? "as the last filter" : "before LZMA2"}) is not decoded here`, at);
            }
            q += psize;
          }
          for (; q < hend; q++) if (b[q] !== 0) fail("compression.invalid", "Corrupt xz stream: block header padding is not zero", at);
          this.newWindow(dict, "xz");
          this.needDictReset = true;
          this.needProps = true;
          this.check = makeCheck(this.checkId);
          this.blockStart = ib.offset;
          this.blockOut = 0;
          ib.p += hs;
          this.headerSize = hs;
          this.state = "lzma2";
          continue;
        }
        case "lzma2": {
          if (ib.avail < 1) {
            truncated("LZMA2 chunk");
            return;
          }
          const c = b[ib.p];
          const at = ib.offset;
          const win = this.win;
          const lz = this.lz;
          if (c === 0) {
            ib.p += 1;
            this.state = "block-end";
            continue;
          }
          if (c >= 224 || c === 1) this.needProps = true;
          else if (this.needDictReset) fail("compression.invalid", "Corrupt xz stream: first LZMA2 chunk does not reset the dictionary", at);
          if (c >= 128) {
            const hdr = c >= 192 ? 6 : 5;
            if (ib.avail < hdr) {
              truncated("LZMA2 chunk header");
              return;
            }
            const usize = ((c & 31) << 16) + (b[ib.p + 1] << 8) + b[ib.p + 2] + 1;
            const csize = (b[ib.p + 3] << 8) + b[ib.p + 4] + 1;
            if (ib.avail < hdr + csize) {
              truncated("LZMA2 chunk");
              return;
            }
            const reset = c >> 5 & 3;
            if (reset >= 2) {
              lz.setProps(b[ib.p + 5], at + 5);
              this.needProps = false;
            } else if (this.needProps) fail("compression.invalid", "Corrupt xz stream: LZMA2 chunk without properties", at);
            if (c >= 224) {
              win.reset();
              this.needDictReset = false;
            }
            if (reset >= 1) lz.resetState();
            const start = ib.p + hdr;
            lz.rcInit(b, start, at + hdr);
            const before = win.total;
            const r = lz.decode(b, start + 5, start + csize, usize, true, ib.base);
            if (r.status === "end-marker" || win.total - before !== usize) fail("compression.invalid", "Corrupt xz stream: LZMA2 chunk decodes to the wrong size", at);
            if (r.pos !== start + csize || !lz.finished()) fail("compression.invalid", "Corrupt xz stream: LZMA2 chunk does not end where its size says", at);
            ib.p = start + csize;
            this.blockOut += usize;
            win.flush();
            continue;
          }
          if (c > 2) fail("compression.invalid", `Corrupt xz stream: LZMA2 control byte 0x${c.toString(16)}`, at);
          if (ib.avail < 3) {
            truncated("LZMA2 chunk header");
            return;
          }
          const size = (b[ib.p + 1] << 8) + b[ib.p + 2] + 1;
          if (ib.avail < 3 + size) {
            truncated("LZMA2 chunk");
            return;
          }
          if (c === 1) {
            win.reset();
            this.needDictReset = false;
          }
          for (let i = 0; i < size; i++) win.put(b[ib.p + 3 + i]);
          ib.p += 3 + size;
          this.blockOut += size;
          win.flush();
          continue;
        }
        case "block-end": {
          const comp = ib.offset - this.blockStart;
          const pad = (4 - comp % 4) % 4;
          const cs = CHECK_SIZE[this.checkId];
          if (ib.avail < pad + cs) {
            truncated("block check");
            return;
          }
          for (let i = 0; i < pad; i++) if (b[ib.p + i] !== 0) fail("compression.invalid", "Corrupt xz stream: block padding is not zero", ib.offset);
          if (this.declaredComp !== void 0 && this.declaredComp !== comp - this.headerSize) fail("compression.invalid", "Corrupt xz stream: block compressed size differs from its header", ib.offset);
          if (this.declaredOut !== void 0 && this.declaredOut !== this.blockOut) fail("compression.invalid", "Corrupt xz stream: block uncompressed size differs from its header", ib.offset);
          const want = this.check.value();
          if (want) {
            for (let i = 0; i < cs; i++) {
              if (want[i] !== b[ib.p + pad + i]) fail("compression.crc-mismatch", `xz block check (${["", "CRC-32", "", "", "CRC-64", "", "", "", "", "", "SHA-256"][this.checkId]}) does not match the content: corrupted or tampered`, ib.offset + pad);
            }
          }
          ib.p += pad + cs;
          const unpadded = comp + cs;
          this.blocks++;
          this.blockHash = mix(this.blockHash, unpadded, this.blockOut);
          this.state = "xz-block";
          continue;
        }
        case "index": {
          if (this.indexCount < 0) {
            const r = readVarint(b, ib.p, ib.n);
            if (!r) {
              if (ib.avail >= 9) fail("compression.invalid", "Corrupt xz index", ib.offset);
              truncated("index");
              return;
            }
            this.indexCrc = crc32(b.subarray(ib.p, r[1]), this.indexCrc);
            this.indexCount = r[0];
            ib.p = r[1];
            if (this.indexCount !== this.blocks) fail("compression.invalid", `Corrupt xz stream: index lists ${this.indexCount} blocks, the stream has ${this.blocks}`, ib.offset);
            continue;
          }
          if (this.indexSeen < this.indexCount) {
            const r1 = readVarint(b, ib.p, ib.n);
            const r2 = r1 && readVarint(b, r1[1], ib.n);
            if (!r1 || !r2) {
              if (ib.avail >= 18) fail("compression.invalid", "Corrupt xz index record", ib.offset);
              truncated("index");
              return;
            }
            this.indexCrc = crc32(b.subarray(ib.p, r2[1]), this.indexCrc);
            this.indexHash = mix(this.indexHash, r1[0], r2[0]);
            this.indexSeen++;
            ib.p = r2[1];
            continue;
          }
          const size = ib.offset - this.indexStart;
          const pad = (4 - size % 4) % 4;
          if (ib.avail < pad + 4) {
            truncated("index");
            return;
          }
          for (let i = 0; i < pad; i++) if (b[ib.p + i] !== 0) fail("compression.invalid", "Corrupt xz stream: index padding is not zero", ib.offset);
          this.indexCrc = crc32(b.subarray(ib.p, ib.p + pad), this.indexCrc);
          if (this.indexHash !== this.blockHash) fail("compression.invalid", "Corrupt xz stream: index does not match the blocks", this.indexStart);
          if (this.indexCrc !== u32le2(b, ib.p + pad)) fail("compression.crc-mismatch", "xz index CRC-32 does not match", ib.offset + pad);
          ib.p += pad + 4;
          this.indexSize = size + pad + 4;
          this.state = "footer";
          continue;
        }
        case "footer": {
          if (ib.avail < 12) {
            truncated("stream footer");
            return;
          }
          const at = ib.offset;
          if (crc32(b.subarray(ib.p + 4, ib.p + 10)) !== u32le2(b, ib.p)) fail("compression.crc-mismatch", "xz stream footer CRC-32 does not match", at);
          if ((u32le2(b, ib.p + 4) + 1) * 4 !== this.indexSize) fail("compression.invalid", "Corrupt xz stream: footer backward size does not match the index", at);
          if (b[ib.p + 8] !== 0 || b[ib.p + 9] !== this.flags || b[ib.p + 10] !== 89 || b[ib.p + 11] !== 90) fail("compression.invalid", "Corrupt xz stream: bad stream footer", at);
          ib.p += 12;
          this.streams++;
          this.state = "stream";
          continue;
        }
      }
    }
  }
  headerSize = 0;
  indexSize = 0;
};
function mix(h, a, b) {
  let x = Math.imul(h ^ a >>> 0, 2654435761) ^ Math.floor(a / 2 ** 32);
  x = Math.imul(x ^ b >>> 0, 2246822519) ^ Math.floor(b / 2 ** 32);
  return (x ^ x >>> 15) >>> 0;
}

// src/scan/decode/zip-lzma.ts
var HEADER = 4;
var PROPS = 5;
var ZipLzmaDecoder = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  failure;
  head = new Uint8Array(HEADER + PROPS);
  have = 0;
  inner;
  get streams() {
    return this.inner?.streams ?? 0;
  }
  get trailing() {
    const t = this.inner?.trailing;
    return t ? { offset: t.offset + HEADER + PROPS - 13, bytes: t.bytes } : void 0;
  }
  push(chunk) {
    if (this.failure) return;
    let c = chunk;
    if (!this.inner) {
      const take = Math.min(c.length, this.head.length - this.have);
      this.head.set(c.subarray(0, take), this.have);
      this.have += take;
      c = c.subarray(take);
      if (this.have < HEADER) return;
      const propsLen = this.head[2] | this.head[3] << 8;
      if (propsLen !== PROPS) {
        this.failure = { check: "compression.invalid", message: `the LZMA properties are ${propsLen} bytes; LZMA1 has 5`, offset: 2 };
        return;
      }
      if (this.have < HEADER + PROPS) return;
      this.inner = new XzDecoder(this.emit);
      const alone = new Uint8Array(13).fill(255);
      alone.set(this.head.subarray(HEADER, HEADER + PROPS), 0);
      this.inner.push(alone);
    }
    if (c.length > 0) this.inner.push(c);
    this.adopt();
  }
  end() {
    if (this.failure) return;
    if (!this.inner) {
      this.failure = { check: "compression.invalid", message: `the member ends inside its ${HEADER + PROPS}-byte LZMA header`, offset: this.have };
      return;
    }
    this.inner.end();
    this.adopt();
  }
  /** The inner decoder's failure, with offsets in the member's terms. */
  adopt() {
    const f = this.inner?.failure;
    if (f && !this.failure) this.failure = { ...f, offset: Math.max(0, f.offset + HEADER + PROPS - 13) };
  }
};

// src/scan/kit.ts
var DEFAULT_LIMITS = {
  maxDecompressedBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 16 * 1024 * 1024,
  maxDepth: 3,
  maxMembers: 1e5,
  maxHeaderBytes: 1e8,
  maxJsonBytes: 16 * 1024 * 1024,
  zipBufferBytes: 64 * 1024 * 1024
};
function limitsOf(opts) {
  return { ...DEFAULT_LIMITS, ...opts?.limits ?? {} };
}
var BLOCKING = /* @__PURE__ */ new Set(["critical", "high"]);
function mergeOutcomes(outcomes) {
  const formats = [];
  const findings = [];
  let complete = true;
  let details;
  for (const o of outcomes) {
    for (const f of o.formats) if (!formats.includes(f)) formats.push(f);
    findings.push(...o.findings);
    complete &&= o.complete;
    if (o.details) {
      const refuted = [...Array.isArray(details?.notFormats) ? details.notFormats : [], ...Array.isArray(o.details.notFormats) ? o.details.notFormats : []];
      details = { ...details ?? {}, ...o.details, ...refuted.length > 0 ? { notFormats: [...new Set(refuted)] } : {} };
    }
  }
  const out = { formats, findings, complete };
  if (details) out.details = details;
  return out;
}
function fixedScanner(outcome) {
  return { push: () => void 0, end: () => outcome, ahead: () => SKIP_ALL, skip: () => void 0 };
}
function guarded(path, name, inner) {
  let failure;
  const fail2 = (err) => ({
    formats: [],
    findings: [finding(
      "scan.internal-error",
      "high",
      `The ${name} scanner failed on this file, so it was not fully examined: ${err instanceof Error ? err.message : String(err)}`,
      { file: path, help: "Report this to the Model Gate maintainers with the file; treat the file as unreviewed." }
    )],
    complete: false
  });
  return {
    push(chunk) {
      if (failure !== void 0) return;
      try {
        inner.push(chunk);
      } catch (err) {
        failure = err;
      }
    },
    // A failed scanner ignores what follows; one that cannot tell needs every byte (aheadOf).
    ahead() {
      if (failure !== void 0) return SKIP_ALL;
      try {
        return aheadOf(inner);
      } catch (err) {
        failure = err;
        return SKIP_ALL;
      }
    },
    skip(n) {
      if (failure !== void 0) return;
      try {
        inner.skip?.(n);
      } catch (err) {
        failure = err;
      }
    },
    end() {
      if (failure !== void 0) return fail2(failure);
      try {
        return inner.end();
      } catch (err) {
        return fail2(err);
      }
    }
  };
}

// src/scan/ranges.ts
var RangeRouter = class {
  constructor(maxActive = 256) {
    this.maxActive = maxActive;
  }
  maxActive;
  /** Absolute offset of the next chunk. */
  pos = 0;
  pending = [];
  sorted = true;
  active = [];
  /** Where the chunk being pushed starts (readings may be added during the push from this offset on). */
  chunkStart = 0;
  /** Registers a reading from `start` (at or after the chunk being pushed). False when too many are active at once. */
  add(start, reader) {
    if (start < this.chunkStart) throw new Error(`reading at ${start} registered after its bytes streamed (at ${this.chunkStart})`);
    if (this.pending.length + this.active.length >= this.maxActive * 64) return false;
    const last = this.pending[this.pending.length - 1];
    if (last && last.start > start) this.sorted = false;
    this.pending.push({ start, reader, done: false });
    return true;
  }
  /** Number of readings not yet finished. */
  get open() {
    return this.pending.length + this.active.length;
  }
  /**
   * Routes `chunk` to the readings that cover it. `uncovered` receives the parts no reading used (offset absolute),
   * `overflow` each reading that could not start because too many were active.
   */
  push(chunk, uncovered, overflow) {
    const start = this.pos;
    const end = start + chunk.length;
    this.chunkStart = start;
    if (!this.sorted) {
      this.pending.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
    let covered = uncovered ? [] : void 0;
    const feed = (s) => {
      const from = Math.max(0, s.start - start);
      if (from >= chunk.length) return;
      const part = from === 0 ? chunk : chunk.subarray(from);
      const used = s.reader.push(part);
      covered?.push([from, from + used]);
      if (used < part.length) s.done = true;
    };
    for (const s of this.active) feed(s);
    for (; ; ) {
      let took = false;
      while (this.pending.length > 0 && this.pending[0].start < end) {
        const s = this.pending.shift();
        took = true;
        if (this.active.filter((a) => !a.done).length >= this.maxActive) {
          overflow?.(s.start, s.reader);
          continue;
        }
        this.active.push(s);
        feed(s);
      }
      if (!took) break;
      if (!this.sorted) {
        this.pending.sort((a, b) => a.start - b.start);
        this.sorted = true;
      }
    }
    this.active = this.active.filter((s) => !s.done);
    this.pos = end;
    if (uncovered && covered) {
      covered.sort((a, b) => a[0] - b[0]);
      let at = 0;
      for (const [a, b] of covered) {
        if (a > at) uncovered(chunk.subarray(at, a), start + at);
        at = Math.max(at, b);
      }
      if (at < chunk.length) uncovered(chunk.subarray(at), start + at);
    }
    covered = void 0;
    this.chunkStart = end;
  }
  /** Offset of the next reading that has not started (Infinity: none). */
  nextStart() {
    this.sortPending();
    return this.pending[0]?.start ?? Infinity;
  }
  /**
   * What the readings covering the bytes at `pos` do with the bytes ahead, up to the next reading's start; null
   * when no reading covers them (they are uncovered: the caller decides).
   */
  ahead() {
    const next = this.nextStart();
    const all = [];
    for (const s of this.active) {
      if (s.done) continue;
      const a2 = s.reader.ahead && s.reader.skip ? s.reader.ahead() : NEED_ALL;
      if (a2) all.push(a2);
    }
    for (const s of this.pending) {
      if (s.start > this.pos) break;
      const a2 = s.reader.ahead && s.reader.skip ? s.reader.ahead() : NEED_ALL;
      all.push(a2 ? { skip: 0, see: Math.max(1, a2.skip > 0 ? 1 : a2.see) } : { skip: 0, see: 1 });
    }
    if (all.length === 0) return null;
    const a = combineAhead(all);
    return a.skip > 0 ? { skip: Math.min(a.skip, next - this.pos), see: 0 } : a;
  }
  /** Passes `n` bytes by unread: only as far as ahead() said (every covering reading skips them). */
  skip(n) {
    if (n <= 0) return;
    if (this.nextStart() < this.pos + n) throw new Error(`RangeRouter: skip() over the start of a reading at ${this.nextStart()}`);
    for (const s of this.active) {
      if (s.done) continue;
      if (!s.reader.ahead || !s.reader.skip) throw new Error("RangeRouter: skip() over a reading that cannot skip");
      if (s.reader.ahead() === null) s.done = true;
      else s.reader.skip(n);
    }
    this.active = this.active.filter((s) => !s.done);
    this.pos += n;
    this.chunkStart = this.pos;
  }
  sortPending() {
    if (!this.sorted) {
      this.pending.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
  }
  /** The stream ended: every reading still open is told so, and readings that never started are returned. */
  end() {
    for (const s of this.active) s.reader.end();
    const notStarted = this.pending.map((s) => s.start);
    for (const s of this.pending) s.reader.end();
    this.active = [];
    this.pending = [];
    return { notStarted };
  }
};

// src/scan/tar-header.ts
var PY_SPACE = /* @__PURE__ */ new Set([
  9,
  10,
  11,
  12,
  13,
  28,
  29,
  30,
  31,
  32,
  133,
  160,
  5760,
  8192,
  8193,
  8194,
  8195,
  8196,
  8197,
  8198,
  8199,
  8200,
  8201,
  8202,
  8232,
  8233,
  8239,
  8287,
  12288
]);
function pyStrip(s) {
  let a = 0;
  let b = s.length;
  while (a < b && PY_SPACE.has(s.charCodeAt(a))) a++;
  while (b > a && PY_SPACE.has(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
function pyIntOctal(s) {
  const t = pyStrip(s);
  const m = /^([+-]?)(?:0[oO]_?)?([0-7](?:_?[0-7])*)$/.exec(t);
  if (!m) return void 0;
  const v = BigInt(`0o${m[2].replace(/_/g, "")}`);
  return m[1] === "-" ? -v : v;
}
function digitValue(s, i) {
  const c = s.codePointAt(i);
  let start = c;
  while (start > 0 && new RegExp("\\p{Nd}", "u").test(String.fromCodePoint(start - 1)) && c - start < 9) start--;
  let runStart = start;
  while (runStart > 0 && new RegExp("\\p{Nd}", "u").test(String.fromCodePoint(runStart - 1))) runStart--;
  return (c - runStart) % 10;
}
function pyIntDecimal(s) {
  const t = pyStrip(s);
  const m = new RegExp("^([+-]?)(\\p{Nd}(?:_?\\p{Nd})*)$", "u").exec(t);
  if (!m) return void 0;
  let v = 0n;
  const digits = m[2].replace(/_/g, "");
  for (let i = 0; i < digits.length; ) {
    const cp = digits.codePointAt(i);
    v = v * 10n + BigInt(digitValue(digits, i));
    i += cp > 65535 ? 2 : 1;
  }
  return m[1] === "-" ? -v : v;
}
function nti(f) {
  const first = f[0];
  if (first === 128 || first === 255) {
    let n = 0n;
    for (let i = 1; i < f.length; i++) n = (n << 8n) + BigInt(f[i]);
    if (first === 255) n = -(256n ** BigInt(f.length - 1) - n);
    return n;
  }
  const z = f.indexOf(0);
  const b = z >= 0 ? f.subarray(0, z) : f;
  let s = "";
  for (const c of b) {
    if (c >= 128) return void 0;
    s += String.fromCharCode(c);
  }
  const t = pyStrip(s);
  return t === "" ? 0n : pyIntOctal(t);
}
function nts(f) {
  const z = f.indexOf(0);
  return new TextDecoder("utf-8", { fatal: false }).decode(z >= 0 ? f.subarray(0, z) : f);
}
function parseTarHeader(buf) {
  if (buf.every((c) => c === 0)) return { kind: "eof" };
  const chk = nti(buf.subarray(148, 156));
  if (chk === void 0) return { kind: "invalid", reason: "unreadable checksum field" };
  let unsigned = 256;
  let signed = 256;
  for (let i = 0; i < 512; i++) {
    if (i >= 148 && i < 156) continue;
    const c = buf[i];
    unsigned += c;
    signed += c >= 128 ? c - 256 : c;
  }
  if (chk !== BigInt(unsigned) && chk !== BigInt(signed)) return { kind: "invalid", reason: "bad checksum" };
  const fields = [[100, 108], [108, 116], [116, 124], [124, 136], [136, 148], [329, 337], [337, 345]];
  const nums = fields.map(([a, b]) => nti(buf.subarray(a, b)));
  if (nums.some((n) => n === void 0)) return { kind: "invalid", reason: "unreadable numeric field" };
  let name = nts(buf.subarray(0, 100));
  let type = String.fromCharCode(buf[156]);
  const h = { name, linkname: nts(buf.subarray(157, 257)), type, size: nums[3], prefix: nts(buf.subarray(345, 500)) };
  if (type === "\0" && name.endsWith("/")) type = "5";
  if (type === "S") {
    const structs = [];
    for (let i = 0, pos = 386; i < 4; i++, pos += 24) {
      const o = nti(buf.subarray(pos, pos + 12));
      const n = nti(buf.subarray(pos + 12, pos + 24));
      if (o === void 0 || n === void 0) return { kind: "invalid", reason: "unreadable sparse entry" };
      structs.push([o, n]);
    }
    const origsize = nti(buf.subarray(483, 495));
    if (origsize === void 0) return { kind: "invalid", reason: "unreadable sparse size" };
    h.sparse = { structs, extended: buf[482] !== 0, origsize };
  }
  if (type === "5") name = trimEndOf(name, "/");
  if (h.prefix && !["L", "K", "S"].includes(type)) name = `${h.prefix}/${name}`;
  h.name = name;
  h.type = type;
  return { kind: "header", h };
}
function isTarfileHeader(block2) {
  return block2.length >= 512 && parseTarHeader(block2.subarray(0, 512)).kind === "header";
}

// src/scan/tar.ts
function isUnsafeMemberPath(name) {
  const n = name.replace(/\\/g, "/");
  return n.startsWith("/") || /^[a-zA-Z]:/.test(n) || n.split("/").includes("..");
}
var SUPPORTED = /* @__PURE__ */ new Set(["0", "\0", "1", "2", "5", "6", "7", "3", "4", "L", "K", "S"]);
var REGULAR = /* @__PURE__ */ new Set(["0", "\0", "7", "S"]);
var MAX_EXTENDED = 16 * 1024 * 1024;
var MAX_CHAIN = 64;
var BLOCK = 512n;
var block = (n) => {
  const q = n >= 0n ? n / BLOCK : -((-n + BLOCK - 1n) / BLOCK);
  const r = n - q * BLOCK;
  return (q + (r !== 0n ? 1n : 0n)) * BLOCK;
};
var TarFailure = class extends Error {
  constructor(check, message) {
    super(message);
    this.check = check;
  }
  check;
};
function dataReader(size, sparse, sink, onEnd) {
  const map = [];
  let stored = 0;
  if (!sparse) map.push({ data: true, len: size });
  else {
    let last = 0;
    for (const [off, len] of sparse) {
      if (off > last) map.push({ data: false, len: off - last });
      map.push({ data: true, len });
      stored += len;
      last = off + len;
    }
    if (last < size) map.push({ data: false, len: size - last });
  }
  if (!sparse) stored = size;
  let idx = 0;
  let left = map[0]?.len ?? 0;
  let produced = 0;
  const ZERO = new Uint8Array(64 * 1024);
  const holes = () => {
    while (idx < map.length && produced < size) {
      const seg = map[idx];
      if (seg.data && left > 0) return;
      if (!seg.data) {
        while (left > 0 && produced < size) {
          const n = Math.min(left, ZERO.length, size - produced);
          sink(ZERO.subarray(0, n));
          left -= n;
          produced += n;
        }
      }
      idx++;
      left = map[idx]?.len ?? 0;
    }
  };
  let ended = false;
  const reader = {
    stored,
    push(c) {
      holes();
      let used = 0;
      while (used < c.length && idx < map.length && produced < size) {
        const seg = map[idx];
        if (!seg.data) {
          holes();
          continue;
        }
        const n = Math.min(left, c.length - used, size - produced);
        if (n > 0) sink(c.subarray(used, used + n));
        used += n;
        left -= n;
        produced += n;
        if (left === 0) {
          idx++;
          left = map[idx]?.len ?? 0;
          holes();
        }
        if (n === 0) break;
      }
      if (produced >= size || idx >= map.length) {
        if (!ended) {
          ended = true;
          onEnd(true);
        }
        return used;
      }
      return used;
    },
    end() {
      if (ended) return;
      holes();
      ended = true;
      onEnd(produced >= size);
    }
  };
  if (size === 0 || sparse && stored === 0) {
    holes();
    ended = true;
    onEnd(true);
  }
  return reader;
}
function createTarScanner(ctx, opts, nested) {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const depth = opts.depth ?? 0;
  const findings = [];
  const outcomes = [];
  const members = [];
  const memberFormats = [];
  let complete = true;
  const fail2 = (check, message, offset) => {
    complete = false;
    findings.push(finding(check, "high", message, { file: ctx.path, offset: base + offset, help: "The archive was not fully examined; do not approve it." }));
  };
  const note = (check, severity, message, offset) => {
    if (findings.some((f) => f.check === check && f.offset === base + offset)) return;
    findings.push(finding(check, severity, message, { file: ctx.path, offset: base + offset }));
  };
  const router = new RangeRouter(64);
  let totalOut = 0;
  const at = () => feeder.offset;
  const globalPax = /* @__PURE__ */ new Map();
  const applyPax = (m, pax) => {
    for (const [k, v] of pax) {
      if (k === "GNU.sparse.name") m.name = v;
      else if (k === "GNU.sparse.size" || k === "GNU.sparse.realsize") {
        const n = pyIntDecimal(v);
        if (n === void 0) throw new TarFailure("tar.invalid", `pax ${k}=${JSON.stringify(v)} makes tarfile raise ValueError`);
        m.size = n;
      } else if (k === "size") m.size = pyIntDecimal(v) ?? 0n;
      else if (k === "path") m.name = trimEndOf(v, "/");
      else if (k === "linkpath") m.linkname = v;
    }
  };
  const parsePax = (buf, pax, hAt) => {
    const dec = new TextDecoder("utf-8", { fatal: false });
    let pos = 0;
    for (; ; ) {
      let i = pos;
      while (i < buf.length && buf[i] >= 48 && buf[i] <= 57) i++;
      if (i === pos || buf[i] !== 32) break;
      const eq = buf.indexOf(61, i + 1);
      if (eq <= i + 1) break;
      const length = Number(dec.decode(buf.subarray(pos, i)));
      if (length === 0) throw new TarFailure("invalid", `pax record of length 0 at ${hAt}`);
      const keyword = dec.decode(buf.subarray(i + 1, eq));
      const value = dec.decode(buf.subarray(eq + 1, Math.max(eq + 1, pos + length - 1)));
      pax.set(keyword, value);
      pos += length;
    }
  };
  function* fromtarfile(buf, hAt, chain) {
    const r = parseTarHeader(buf);
    if (r.kind === "eof") return "eof";
    if (r.kind === "invalid") throw new TarFailure("invalid", r.reason);
    const h = r.h;
    if (chain > MAX_CHAIN) throw new TarFailure("tar.invalid", `More than ${MAX_CHAIN} extended headers in a row at ${hAt}`);
    const readBlock = function* (n, what) {
      if (n < 0n) throw new TarFailure("tar.invalid", `${what} at ${hAt} has a negative size`);
      if (n > BigInt(MAX_EXTENDED)) throw new TarFailure("tar.invalid", `${what} at ${hAt} is ${n} bytes, larger than ${MAX_EXTENDED}`);
      const got = yield { read: Number(n) };
      if (!got) throw new TarFailure("tar.truncated", `Archive ends inside ${what} at ${hAt}`);
      return got;
    };
    const nextHeader = function* () {
      const nAt = at();
      const nb = yield { read: 512 };
      if (!nb) throw new TarFailure("tar.truncated", `Archive ends where the header after ${hAt} should be`);
      try {
        const m2 = yield* fromtarfile(nb, nAt, chain + 1);
        if (m2 === "eof") throw new TarFailure("subsequent", "end of file header");
        return m2;
      } catch (e) {
        if (e instanceof TarFailure && (e.check === "invalid" || e.check === "subsequent")) {
          throw new TarFailure("subsequent", `the header after the extended header at ${hAt} is invalid (${e.message}): tarfile raises ReadError`);
        }
        throw e;
      }
    };
    if (h.type === "L" || h.type === "K") {
      const data = yield* readBlock(block(h.size), "a GNU long name");
      const next = yield* nextHeader();
      if (h.type === "L") next.name = nts(data);
      else next.linkname = nts(data);
      if (next.type === "5") next.name = next.name.replace(/\/$/, "");
      return next;
    }
    if (h.type === "S" && h.sparse) {
      const structs = [...h.sparse.structs];
      let ext = h.sparse.extended;
      while (ext) {
        const b = yield { read: 512 };
        if (!b) throw new TarFailure("tar.truncated", `Archive ends inside the sparse map of ${hAt}`);
        for (let i = 0, pos = 0; i < 21; i++, pos += 24) {
          const o = nti(b.subarray(pos, pos + 12));
          const n = nti(b.subarray(pos + 12, pos + 24));
          if (o === void 0 || n === void 0) throw new TarFailure("tar.invalid", `Unreadable sparse map entry after ${hAt}: tarfile raises here`);
          if (o !== 0n && n !== 0n) structs.push([o, n]);
        }
        ext = b[504] !== 0;
      }
      const offsetData2 = at();
      const m2 = { name: h.name, type: "S", size: h.sparse.origsize, linkname: h.linkname, offsetData: offsetData2, next: 0, sparse: structs, pax: new Map(globalPax) };
      const nxt2 = BigInt(offsetData2) + block(h.size);
      if (nxt2 < BigInt(offsetData2)) throw new TarFailure("tar.invalid", `Member at ${hAt} has a negative size`);
      m2.next = Number(nxt2);
      return m2;
    }
    if (h.type === "x" || h.type === "g" || h.type === "X") {
      const buf2 = yield* readBlock(block(h.size), "a pax header");
      const pax = h.type === "g" ? globalPax : new Map(globalPax);
      parsePax(buf2.subarray(0, Math.min(buf2.length, Number(h.size < 0n ? 0n : h.size))), pax, hAt);
      const next = yield* nextHeader();
      if (pax.has("GNU.sparse.map")) {
        const nums = pax.get("GNU.sparse.map").split(",").map((x) => pyIntDecimal(x));
        if (nums.some((x) => x === void 0)) throw new TarFailure("tar.invalid", `Unreadable GNU.sparse.map at ${hAt}: tarfile raises ValueError`);
        next.sparse = [];
        for (let i = 0; i + 1 < nums.length; i += 2) next.sparse.push([nums[i], nums[i + 1]]);
      } else if (pax.has("GNU.sparse.size")) {
        const text = new TextDecoder("latin1").decode(buf2);
        const offs = [...text.matchAll(/(?<!\d)\d+ GNU\.sparse\.offset=(\d+)\n/g)].map((x) => BigInt(x[1]));
        const nbs = [...text.matchAll(/(?<!\d)\d+ GNU\.sparse\.numbytes=(\d+)\n/g)].map((x) => BigInt(x[1]));
        next.sparse = offs.slice(0, Math.min(offs.length, nbs.length)).map((o, i) => [o, nbs[i]]);
      } else if (pax.get("GNU.sparse.major") === "1" && pax.get("GNU.sparse.minor") === "0") {
        let text = "";
        const nums = [];
        let fields;
        for (let guard = 0; guard < 4096; guard++) {
          const b = yield { read: 512 };
          if (!b) throw new TarFailure("tar.truncated", `Archive ends inside the sparse map after ${hAt}`);
          text += new TextDecoder("latin1").decode(b);
          const lines = text.split("\n");
          text = lines.pop();
          for (const l of lines) {
            const v = pyIntDecimal(l);
            if (v === void 0) throw new TarFailure("tar.invalid", `Unreadable sparse map line after ${hAt}: tarfile raises ValueError`);
            if (fields === void 0) fields = v;
            else nums.push(v);
          }
          if (fields !== void 0 && BigInt(nums.length) >= fields * 2n) break;
        }
        if (fields === void 0 || BigInt(nums.length) < fields * 2n) throw new TarFailure("tar.invalid", `Sparse map after ${hAt} too long to follow`);
        next.sparse = [];
        for (let i = 0; i + 1 < Number(fields) * 2; i += 2) next.sparse.push([nums[i], nums[i + 1]]);
        next.offsetData = at();
      }
      if (h.type === "x" || h.type === "X") {
        applyPax(next, pax);
        next.pax = pax;
        if (pax.has("size")) {
          const readsData2 = REGULAR.has(next.type) || !SUPPORTED.has(next.type);
          next.next = Number(BigInt(next.offsetData) + (readsData2 ? block(next.size) : 0n));
        }
      }
      return next;
    }
    const offsetData = at();
    const readsData = REGULAR.has(h.type) || !SUPPORTED.has(h.type);
    const m = { name: h.name, type: h.type, size: h.size, linkname: h.linkname, offsetData, next: 0, pax: new Map(globalPax) };
    const nxt = BigInt(offsetData) + (readsData ? block(h.size) : 0n);
    if (nxt < BigInt(hAt) + 512n) throw new TarFailure("tar.invalid", `Member at ${hAt} has a negative size: tarfile loops on it`);
    m.next = Number(nxt);
    applyPax(m, globalPax);
    if (m.type === "5") m.name = trimEndOf(m.name, "/");
    if (!readsData && h.size > 0n) {
      note("tar.nonregular-size", "high", `Member "${m.name}" (type ${JSON.stringify(h.type)}) declares ${h.size} bytes that tarfile does not skip: tarfile reads them as headers, other tar readers skip them`, hAt);
    }
    return m;
  }
  const readMember = (m, hidden) => {
    const readsData = REGULAR.has(m.type) || !SUPPORTED.has(m.type);
    if (!readsData) return;
    const size = m.size;
    if (size <= 0n) return;
    if (size > BigInt(limits.maxDecompressedBytes)) return fail2("tar.limit", `Member "${m.name}" is ${size} bytes, past the ${limits.maxDecompressedBytes}-byte limit`, m.offsetData);
    let sparse;
    if (m.sparse) {
      sparse = [];
      let last = 0n;
      for (const [o, n] of m.sparse) {
        if (n === 0n) continue;
        if (o < last || n < 0n || o + n > size) return fail2("tar.sparse", `Member "${m.name}" has a sparse map tarfile reads out of order or past its size: not followed`, m.offsetData);
        sparse.push([Number(o), Number(n)]);
        last = o + n;
      }
    }
    totalOut += Number(size);
    if (totalOut > limits.maxDecompressedBytes) return fail2("tar.limit", `The archive's members add up to more than ${limits.maxDecompressedBytes} bytes`, m.offsetData);
    const name = m.name.replace(/^\.\//, "");
    const scanner = depth + 1 > limits.maxDepth ? void 0 : nested({ path: `${ctx.path}!/${name}`, size: Number(size) }, { ...opts, depth: depth + 1, baseOffset: sparse ? 0 : base + m.offsetData, rawData: false });
    if (!scanner) return fail2("tar.depth", `Member "${name}" nested deeper than ${limits.maxDepth} levels was not examined`, m.offsetData);
    const reader = dataReader(Number(size), sparse, (c) => scanner.push(c), (ok) => {
      const o = scanner.end();
      outcomes.push(o);
      memberFormats.push({ name, formats: o.formats });
      if (!ok) fail2("tar.truncated", `Archive ends inside member "${name}"`, m.offsetData);
    });
    if (hidden) note("tar.hidden-member", "high", `Member "${name}" lies after the end-of-archive marker: only readers with ignore_zeros=True (and tools that skip bad blocks) extract it`, m.offsetData);
    if (reader.stored > 0 && !router.add(m.offsetData, reader)) fail2("tar.limit", `Too many overlapping members at ${m.offsetData}`, m.offsetData);
  };
  function* walk() {
    let offset = 0;
    let stoppedAt;
    let trailing = false;
    for (; ; ) {
      if (offset > at()) {
        const r = yield { pipe: offset - at() };
        if (!r) {
          if (stoppedAt === void 0) fail2("tar.truncated", "Archive ends inside a member (no end-of-archive marker)", at());
          return;
        }
      } else if (offset < at()) {
        return fail2("tar.invalid", `The next header at ${offset} lies before bytes already read (${at()}): not followed`, offset);
      }
      const hAt = at();
      const h = yield { read: 512 };
      if (!h) {
        if (stoppedAt === void 0 && hAt === 0) fail2("tar.invalid", "Empty or truncated tar", 0);
        else if (stoppedAt === void 0) fail2("tar.truncated", "Archive ends inside a header (no end-of-archive marker)", hAt);
        return;
      }
      let m;
      try {
        m = yield* fromtarfile(h, hAt, 0);
      } catch (e) {
        if (!(e instanceof TarFailure)) throw e;
        if (e.check === "invalid") {
          if (hAt === 0 && stoppedAt === void 0) {
            stoppedAt = 0;
            trailing = true;
            fail2("tar.invalid", `The first header is invalid (${e.message}): tarfile refuses the archive unless ignore_zeros=True, which reads what follows (scanned)`, 0);
          }
          if (stoppedAt === void 0) {
            stoppedAt = hAt;
            trailing = true;
            fail2("tar.invalid", `Header at ${hAt} is invalid (${e.message}): tarfile ends the archive there, other readers skip it and go on; what follows was scanned as those readers see it`, hAt);
          }
          if (!h.every((c) => c === 0) && !trailing) {
            trailing = true;
            note("tar.trailing-bytes", "high", `Data follows the end of the archive at ${hAt} (tarfile stops at an invalid header; hidden from tar readers)`, hAt);
          }
          offset = hAt + 512;
          if (at() > offset) return fail2("tar.invalid", `An invalid extended header at ${hAt}: the blocks after it were not followed`, hAt);
          continue;
        }
        if (e.check === "subsequent") return fail2("tar.invalid", e.message, hAt);
        return fail2(e.check, e.message, hAt);
      }
      if (m === "eof") {
        if (stoppedAt === void 0) stoppedAt = hAt;
        offset = hAt + 512;
        continue;
      }
      if (members.length >= limits.maxMembers) return fail2("tar.limit", `More than ${limits.maxMembers} members`, hAt);
      members.push(m.name);
      if (isUnsafeMemberPath(m.name)) note("tar.path-traversal", "high", `Member "${m.name}" would be written outside the extraction folder`, hAt);
      if (m.type === "1" || m.type === "2") note("tar.link", "medium", `Member "${m.name}" is a ${m.type === "2" ? "symbolic" : "hard"} link to "${m.linkname}"`, hAt);
      if (!SUPPORTED.has(m.type)) note("tar.unknown-type", "medium", `Member "${m.name}" has type flag ${JSON.stringify(m.type)}: tarfile treats it as a regular file (scanned), other tools skip it`, hAt);
      const dataEnd = BigInt(m.offsetData) + (m.sparse ? m.sparse.reduce((s, [, n]) => s + n, 0n) : m.size);
      if (m.next < dataEnd && (REGULAR.has(m.type) || !SUPPORTED.has(m.type)) && m.size > 0n) {
        note("tar.size-override", "high", `Member "${m.name}" is read as ${m.size} bytes, past where the next header is (${m.next}): a pax size or sparse map makes readers disagree`, hAt);
      }
      readMember(m, stoppedAt !== void 0);
      offset = m.next;
    }
  }
  const feeder = new Feeder(walk());
  return {
    push(c) {
      feeder.push(c);
      router.push(c);
    },
    end() {
      feeder.end();
      router.end();
      const merged = mergeOutcomes(outcomes);
      const formats = ["tar"];
      if (members.some((m) => /(^|\/)(sys_info|pickle|storages|tensors)$/.test(m)) && members.some((m) => /(^|\/)pickle$/.test(m))) formats.push("pytorch-legacy-tar");
      return {
        formats,
        findings: [...findings, ...merged.findings],
        complete: complete && merged.complete,
        details: { tarMembers: members.length, memberFormats: memberFormats.slice(0, 1e3) }
      };
    }
  };
}

// src/scan/zip/stream.ts
var CRC_RAW_LIMIT = 1024 * 1024;
var DECODED_METHODS = /* @__PURE__ */ new Set([0, 8, 12, 14]);
var MAX_ACTIVE = 64;
var readingKey = (e) => `${e.localOffset}:${e.compressedSize}:${e.uncompressedSize}:${e.method}:${e.flags & 1}`;
function describe(r) {
  if (!r) return "nothing";
  return `the member at offset ${r.offset} (${r.entry.compressedSize} bytes, method ${r.entry.method})`;
}
function differentials(cd, layout, readings) {
  const out = [];
  const prefix = layout.torchPrefix;
  const py = cd.views.find((v) => v.reader === "zipfile");
  const tv = cd.views.find((v) => v.reader === "torch");
  if (prefix === void 0) return out;
  if (!tv) return out;
  if (!py) {
    const why = cd.failures.find((f) => f.reader === "zipfile")?.reason ?? "unreadable";
    out.push(finding("zip.differential", "high", `Python's zipfile refuses this torch archive (${why}) while torch reads ${tv.entries.length} records: zipfile-based tools and scanners see nothing`, {
      help: "Every member torch reads was scanned; a file only torch can open is built to evade inspection. Do not approve."
    }));
    return out;
  }
  const key = (e) => readings.get(readingKey(e));
  const torchBy = /* @__PURE__ */ new Map();
  for (const e of tv.entries) {
    const l = minizLower(e.name);
    if (!l.startsWith(prefix)) continue;
    const set = torchBy.get(l) ?? /* @__PURE__ */ new Set();
    const r = key(e);
    if (r) set.add(r);
    torchBy.set(l, set);
  }
  const last = /* @__PURE__ */ new Map();
  for (const e of py.entries) last.set(e.name, e);
  const pyBy = /* @__PURE__ */ new Map();
  for (const [name, e] of last) {
    const l = minizLower(name);
    if (!l.startsWith(prefix)) continue;
    const set = pyBy.get(l) ?? /* @__PURE__ */ new Set();
    const r = key(e);
    if (r) set.add(r);
    pyBy.set(l, set);
  }
  for (const l of /* @__PURE__ */ new Set([...torchBy.keys(), ...pyBy.keys()])) {
    if (out.length >= 20) break;
    const t = [...torchBy.get(l) ?? []];
    const p = [...pyBy.get(l) ?? []];
    const record = l.slice(prefix.length);
    if (t.length === 0 || p.length === 0) {
      out.push(finding("zip.differential", "high", `Record "${record}" is read by ${t.length === 0 ? "Python's zipfile only" : "torch only"}: the two readers see different archives`, {
        evidence: `zipfile: ${p.map(describe).join(" / ") || "nothing"}; torch: ${t.map(describe).join(" / ") || "nothing"}`,
        help: "Both readings were scanned. No writer produces this; it is built to show scanners one archive and loaders another. Do not approve."
      }));
    } else if (t.length > 1 || p.length > 1 || t[0] !== p[0]) {
      out.push(finding("zip.differential", "critical", `torch and Python's zipfile read different bytes for "${record}"${t.length > 1 ? " (torch's case-insensitive lookup is ambiguous)" : ""}`, {
        evidence: `zipfile: ${p.map(describe).join(" / ")}; torch: ${t.map(describe).join(" / ")}`,
        help: "Both readings were scanned. An archive whose loaders disagree about a record is built to deceive; do not approve."
      }));
    }
  }
  return out;
}
function createZipStreamScanner(ctx, cd, opts, nested) {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const depth = opts.depth ?? 0;
  let order = [-Infinity, 0];
  const findings = cd.findings.map((f) => ({ at: order, f }));
  const outcomes = [];
  const memberFormats = [];
  const inOrder = (xs, get) => [...xs].sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]).map((x) => get(x));
  let complete = true;
  const tv = cd.views.find((v) => v.reader === "torch");
  const names = [...new Set(cd.entries.map((e) => e.name))];
  const layout = detectZipLayout(names, tv?.entries[0]?.name);
  const add = (check, severity, message, offset, extra = {}) => {
    findings.push({ at: order, f: finding(check, severity, message, { file: ctx.path, ...offset !== void 0 ? { offset: base + offset } : {}, ...extra }) });
  };
  const unexamined = (check, message, offset) => {
    complete = false;
    add(check, "high", message, offset, { help: "Part of the archive was not examined; do not approve it." });
  };
  const readings = /* @__PURE__ */ new Map();
  for (const e of cd.entries) {
    const k = readingKey(e);
    const r = readings.get(k);
    if (r) r.entries.push(e);
    else readings.set(k, { key: k, offset: e.localOffset, entry: e, entries: [e] });
  }
  for (const v of cd.views) {
    const seen2 = /* @__PURE__ */ new Set();
    for (const e of v.entries) {
      const norm = e.name.replace(/\\/g, "/");
      if (seen2.has(norm)) add("zip.duplicate-name", "high", `Member "${e.name}" appears more than once: loaders pick one copy, scanners may read the other`);
      seen2.add(norm);
    }
  }
  const reported = /* @__PURE__ */ new Set();
  for (const e of cd.entries) {
    if (reported.has(e.name)) continue;
    reported.add(e.name);
    if (isUnsafeMemberPath(e.name)) add("zip.path-traversal", "high", `Member "${e.name}" would be extracted outside the target folder`, e.localOffset);
    if (e.flags & 1) add("zip.encrypted-flag", "high", `Member "${e.name}" is flagged encrypted: zipfile and torch refuse it, other tools may read it anyway (a trick to make scanners skip it)`, e.localOffset);
  }
  if (layout.formats.includes("torchscript")) {
    add("zip.torchscript", "medium", "TorchScript archive: torch.jit.load runs the TorchScript program in code/ (review it)");
  }
  const diffs = differentials(cd, layout, readings);
  let totalOut = 0;
  let gapScanner;
  let gapFrom = -1;
  let gapEnd = -1;
  let gapLen = 0;
  let gapOrder = [0, -1];
  const spans = [];
  const closeGap = () => {
    if (!gapScanner) return;
    const o = gapScanner.end();
    gapScanner = void 0;
    outcomes.push({ at: gapOrder, o });
    memberFormats.push({ at: gapOrder, m: { name: `(bytes ${gapFrom}..${gapFrom + gapLen})`, formats: o.formats } });
  };
  const uncovered = (part, at) => {
    const end = Math.min(at + part.length, cd.cdOffset);
    if (end <= at) return;
    const from = at;
    const slice = part.subarray(from - at, end - at);
    if (!gapScanner || from !== gapEnd) {
      closeGap();
      order = gapOrder = [from, -1];
      gapFrom = from;
      gapLen = 0;
      if (from === 0) add("zip.prepended-data", "high", "Data before the first member: the file is also something else (polyglot)", 0);
      else add("zip.hidden-data", "high", `Bytes at ${from} belong to no member: hidden data`, from);
      gapScanner = depth + 1 > limits.maxDepth ? void 0 : nested({ path: `${ctx.path}#${from}` }, { ...opts, depth: depth + 1, baseOffset: base + from, rawData: false });
      if (!gapScanner) unexamined("zip.depth", `Hidden bytes at ${from} are nested deeper than ${limits.maxDepth} levels and were not examined`, from);
    }
    gapLen += slice.length;
    gapEnd = from + slice.length;
    gapScanner?.push(slice);
  };
  const memberScanner = (r, dataAt, suffix = "") => {
    if (depth + 1 > limits.maxDepth) return void 0;
    const roles = r.entries.map((e) => layout.role(e.name));
    const name = r.entries.map((e) => e.name).filter((n, i, a) => a.indexOf(n) === i).join('" = "');
    return nested(
      { path: `${ctx.path}!/${name}${suffix}`, ...suffix ? {} : { size: r.entry.uncompressedSize } },
      { ...opts, depth: depth + 1, baseOffset: r.entry.method === 0 && !suffix ? base + dataAt : 0, rawData: roles.every((x) => x === "storage"), torchDataPkl: roles.includes("data.pkl"), torchScript: roles.includes("torchscript-pickle") }
    );
  };
  function* member(r) {
    const e = r.entry;
    const label = r.entries.map((x) => x.name).filter((n, i, a) => a.indexOf(n) === i).join('" = "');
    const hAt = r.offset;
    const h = yield { read: 30 };
    if (!h) return unexamined("zip.truncated", `The file ends before member "${label}"`, hAt);
    if (u32le(h, 0) !== 67324752) return unexamined("zip.bad-local-header", `No local header where the directory puts "${label}"`, hAt);
    const lflags = u16le(h, 6);
    const lmethod = u16le(h, 8);
    const lcrc = u32le(h, 14);
    const lcsize = u32le(h, 18);
    const lusize = u32le(h, 22);
    const nlen = u16le(h, 26);
    const xlen = u16le(h, 28);
    const nx = yield { read: nlen + xlen };
    if (!nx) return unexamined("zip.truncated", `The file ends inside the local header of "${label}"`, hAt);
    const lname = nx.subarray(0, nlen);
    let localZip64 = false;
    for (let x = nlen; x + 4 <= nlen + xlen; ) {
      if (u16le(nx, x) === 1) localZip64 = true;
      x += 4 + u16le(nx, x + 2);
    }
    for (const ce of r.entries) {
      const same = lname.length === ce.nameBytes.length && lname.every((c, i) => c === ce.nameBytes[i]);
      if (same) continue;
      let pyRefuses = false;
      if (ce.reader === "zipfile") {
        try {
          pyRefuses = zipfileName(lname, lflags) !== ce.origName;
        } catch {
          pyRefuses = true;
        }
      }
      add("zip.name-mismatch", "high", `Local header names "${utf8(lname)}" where the central directory says "${ce.name}"${pyRefuses ? " (zipfile refuses it, torch reads it)" : ""}: tools disagree on what this member is`, hAt);
      break;
    }
    if (lmethod !== e.method) add("zip.method-mismatch", "high", `Local and central headers of "${label}" disagree on the compression method (${lmethod} vs ${e.method})`, hAt);
    if ((lflags & 1) !== (e.flags & 1)) add("zip.encrypted-flag", "high", `Local and central headers of "${label}" disagree on the encryption flag`, hAt);
    if (!(lflags & 8) && !(e.flags & 8) && (lcrc !== e.crc || lcsize !== e.compressedSize && lcsize !== 4294967295 || lusize !== e.uncompressedSize && lusize !== 4294967295)) {
      add(
        "zip.size-mismatch",
        "high",
        `Local and central headers of "${label}" disagree on its CRC or sizes: streaming readers read other bytes than zipfile and torch`,
        hAt,
        { evidence: `local crc ${lcrc.toString(16)} ${lcsize}/${lusize}, central crc ${e.crc.toString(16)} ${e.compressedSize}/${e.uncompressedSize}` }
      );
    }
    const dataAt = hAt + 30 + nlen + xlen;
    const scanner = memberScanner(r, dataAt);
    if (!scanner) unexamined("zip.depth", `Member "${label}" is nested deeper than ${limits.maxDepth} levels and was not examined`, hAt);
    const raw = r.entries.every((x) => layout.role(x.name) === "storage");
    const doCrc = !raw || e.uncompressedSize <= CRC_RAW_LIMIT;
    let crc = 0;
    let usize = 0;
    let consumed = 0;
    let stopped = false;
    let past;
    const out = (c) => {
      if (stopped) return;
      totalOut += c.length;
      if (totalOut > limits.maxDecompressedBytes) {
        stopped = true;
        return unexamined("compression.limit", `The archive's members decompress to more than ${limits.maxDecompressedBytes} bytes: the rest was not examined`, dataAt);
      }
      if (e.method !== 0 && usize + c.length > limits.ratioMinBytes && usize + c.length > consumed * limits.maxRatio) {
        stopped = true;
        return unexamined("compression.bomb", `Member "${label}" passed a ${limits.maxRatio}:1 compression ratio (${usize + c.length} bytes out of ${consumed})`, dataAt);
      }
      const within = Math.max(0, Math.min(c.length, e.uncompressedSize - usize));
      if (within > 0) {
        const part = within === c.length ? c : c.subarray(0, within);
        if (doCrc) crc = crc32(part, crc);
        scanner?.push(part);
      }
      if (within < c.length) {
        if (!past && depth + 1 <= limits.maxDepth) past = memberScanner(r, dataAt, "#past-declared-size");
        past?.push(c.subarray(within));
      }
      usize += c.length;
    };
    const storedAhead = () => {
      if (stopped) return SKIP_ALL;
      const within = e.uncompressedSize - usize;
      if (doCrc || within <= 0) return NEED_ALL;
      const a = aheadOf(scanner);
      return a.skip > 0 ? { skip: Math.min(a.skip, within), see: 0 } : a;
    };
    const storedSkip = (n) => {
      consumed += n;
      if (stopped) return;
      totalOut += n;
      if (totalOut > limits.maxDecompressedBytes) {
        stopped = true;
        return unexamined("compression.limit", `The archive's members decompress to more than ${limits.maxDecompressedBytes} bytes: the rest was not examined`, dataAt);
      }
      skipIn(scanner, n);
      usize += n;
    };
    let piped;
    if (e.method === 0) {
      piped = yield { pipe: e.compressedSize, to: (c) => {
        consumed += c.length;
        out(c);
      }, ahead: storedAhead, skip: storedSkip };
    } else if (e.method === 8) {
      const inf = new Inflater(out);
      piped = yield { pipe: e.compressedSize, to: (c) => {
        consumed += c.length;
        if (!stopped) inf.push(c);
      } };
      if (piped && !stopped) {
        inf.end();
        if (inf.error) unexamined("zip.bad-deflate", `Member "${label}" does not inflate: ${inf.error}`, dataAt);
        else if (inf.trailing.some((t) => t.length > 0)) add("zip.hidden-data", "high", `Member "${label}" has bytes after its deflate stream`, dataAt);
      }
    } else if (e.method === 12 || e.method === 14) {
      const dec = e.method === 12 ? new Bzip2Decoder((c) => {
        out(c);
        return !stopped;
      }) : new ZipLzmaDecoder((c) => {
        out(c);
        return !stopped;
      });
      piped = yield { pipe: e.compressedSize, to: (c) => {
        consumed += c.length;
        if (!stopped) dec.push(c);
      } };
      if (piped && !stopped) {
        dec.end();
        const kind = e.method === 12 ? "bzip2" : "LZMA";
        if (dec.failure) unexamined("zip.bad-compression", `Member "${label}" does not decompress (${kind}): ${dec.failure.message}`, dataAt);
        else if (dec.trailing) add("zip.hidden-data", "high", `Member "${label}" has ${dec.trailing.bytes} bytes after its ${kind} stream`, dataAt);
      }
    } else {
      unexamined("zip.unsupported-method", `Member "${label}" uses compression method ${e.method}, which cannot be decompressed here`, dataAt);
      piped = yield { pipe: e.compressedSize };
    }
    if (scanner) {
      const o = scanner.end();
      outcomes.push({ at: order, o });
      memberFormats.push({ at: order, m: { name: label, formats: o.formats } });
    }
    if (past) {
      const o = past.end();
      outcomes.push({ at: order, o });
    }
    const dataEnd = dataAt + e.compressedSize;
    spans.push([hAt, dataEnd, label]);
    if (!piped) return unexamined("zip.truncated", `The file ends inside member "${label}"`, dataAt);
    if (DECODED_METHODS.has(e.method) && !stopped) {
      if (usize !== e.uncompressedSize) {
        add("zip.size-mismatch", "high", `Member "${label}" holds ${usize} bytes but the directory says ${e.uncompressedSize}: zipfile reads ${Math.min(usize, e.uncompressedSize)}, torch refuses it`, dataAt);
      } else if (doCrc && crc !== e.crc) {
        add("zip.crc-mismatch", "high", `Member "${label}" CRC-32 is ${crc.toString(16).padStart(8, "0")}, the directory says ${e.crc.toString(16).padStart(8, "0")} (torch loads it anyway; other tools refuse)`, dataAt);
      }
    }
    if (lflags & 8) {
      const first = yield { read: 4 };
      if (!first) return;
      const signed = u32le(first, 0) === 134695760;
      const rest = yield { read: (signed ? 4 : 0) + (localZip64 ? 16 : 8) };
      if (!rest) return;
      const dcrc = signed ? u32le(rest, 0) : u32le(first, 0);
      const o = signed ? 4 : 0;
      const dcs = localZip64 ? Number(BigInt(u32le(rest, o)) | BigInt(u32le(rest, o + 4)) << 32n) : u32le(rest, o);
      const dus = localZip64 ? Number(BigInt(u32le(rest, o + 8)) | BigInt(u32le(rest, o + 12)) << 32n) : u32le(rest, o + 4);
      if (dcrc !== e.crc || dcs !== e.compressedSize || dus !== e.uncompressedSize) {
        add("zip.descriptor-mismatch", "high", `The data descriptor of "${label}" disagrees with the central directory: streaming readers see other sizes`, dataEnd);
      }
    }
  }
  const router = new RangeRouter(MAX_ACTIVE);
  const sorted = [...readings.values()].sort((a, b) => a.offset - b.offset);
  sorted.forEach((r, index) => {
    if (r.offset < 0) {
      unexamined("zip.invalid-offsets", `The directory puts "${r.entry.name}" before the start of the file`);
      return;
    }
    const at = [r.offset, index];
    const f = new Feeder(member(r));
    router.add(r.offset, {
      push(c) {
        const before = f.trailingBytes;
        order = at;
        f.push(c);
        return c.length - (f.trailingBytes - before);
      },
      end() {
        order = at;
        f.end();
      },
      ahead() {
        order = at;
        return f.ahead();
      },
      skip(n) {
        order = at;
        f.skip(n);
      }
    });
  });
  let firstBytes;
  let seen = 0;
  return {
    // Members' bytes are needed as their readings need them; bytes no member covers are hidden data (scanned)
    // before the central directory and ignored from it on (it was read from the tail).
    ahead() {
      if (seen < 4) return { skip: 0, see: 4 - seen };
      const a = router.ahead();
      if (a) return a;
      const until = router.nextStart() - router.pos;
      if (router.pos >= cd.cdOffset) return { skip: until, see: 0 };
      return { skip: 0, see: Math.min(until, cd.cdOffset - router.pos) };
    },
    skip(n) {
      seen += n;
      router.skip(n);
    },
    push(c) {
      if (c.length === 0) return;
      if (firstBytes === void 0 || firstBytes.length < 4) {
        firstBytes = new Uint8Array([...firstBytes ?? [], ...c.subarray(0, 4 - (firstBytes?.length ?? 0))]);
      }
      seen += c.length;
      router.push(c, uncovered, (start) => {
        order = [start, -2];
        unexamined("zip.overlap", `Too many members overlap at ${start}: not all were examined`, start);
      });
    },
    end() {
      const { notStarted } = router.end();
      for (const at of notStarted) {
        order = [at, -3];
        unexamined("zip.truncated", `The file ends before the member at ${at}`, at);
      }
      closeGap();
      order = [Infinity, 0];
      spans.sort((a, b) => a[0] - b[0]);
      let reach = -1;
      let reachName = "";
      for (const [s, en, name] of spans) {
        if (s < reach) {
          add("zip.overlap", "high", `Member "${name}" at ${s} overlaps "${reachName}" (which runs to ${reach}): both were scanned, but no writer produces this (zip bomb or disguise)`, s);
          break;
        }
        if (en > reach) {
          reach = en;
          reachName = name;
        }
      }
      for (const p of cd.otherEocds) {
        if (!spans.some(([s, en]) => p >= s && p < en)) {
          add("zip.multiple-end-records", "high", `Another end-of-central-directory record at ${p}: tools that pick it read a different archive`, p);
          break;
        }
      }
      if (firstBytes && isLocalHeader(firstBytes) && seen >= 4) findings.push(...diffs.map((d) => ({ at: order, f: { ...d, file: ctx.path } })));
      const merged = mergeOutcomes(inOrder(outcomes, (x) => x.o));
      return {
        formats: layout.formats,
        findings: [...inOrder(findings, (x) => x.f), ...merged.findings],
        complete: complete && merged.complete,
        details: { ...merged.details ?? {}, zipEntries: readings.size, zip64: cd.zip64, members: inOrder(memberFormats, (x) => x.m).slice(0, 1e3) }
      };
    }
  };
}

// src/scan/zip/index.ts
var EOCD = Uint8Array.of(80, 75, 5, 6);
function zipTailNeeded(tail, size) {
  if (indexOfBytes(tail, EOCD) < 0) return void 0;
  try {
    readCentralDirectory(tail, size, "", Number.MAX_SAFE_INTEGER);
    return void 0;
  } catch (err) {
    if (err instanceof ZipDirectoryError && err.needTail !== void 0 && err.needTail > tail.length) return Math.min(size, err.needTail);
    return void 0;
  }
}

// src/review/findings-from-errors.ts
var HELP = {
  "invalid-repo-id": "Fix the entry: write the repository as namespace/name.",
  "invalid-revision": "Pin the full 40-character commit sha shown in the repository's commit history.",
  "repo-not-found": "Check the spelling; a private repository needs a Hub token (`hub-token`).",
  "revision-not-found": "The commit does not exist in this repository; copy the sha from its commit history.",
  unauthorized: "The repository is private or does not exist; provide a Hub token with read access, or fix the name.",
  gated: "Accept the model's terms on the Hub with the account whose token the gate uses (`hub-token`).",
  disabled: "The Hub disabled this repository; it cannot be approved.",
  "rate-limited": "The Hub rate-limited the review; re-run the job later, or use a Hub token for a higher limit.",
  "server-error": "The Hub failed; re-run the job. Nothing from this repository was approved.",
  network: "The Hub could not be reached; re-run the job.",
  timeout: "The Hub stopped answering; re-run the job.",
  "deadline-exceeded": "The Hub or its CDN was too slow to finish within the deadline (a slow or dripping server); re-run the job later.",
  unreachable: "Nothing answers at the Hub URL: check `hub-url` / HF_ENDPOINT; a mirror must be running and reachable from the runner.",
  "tls-error": "The server's TLS certificate was refused: for a mirror with a private CA, make the runner trust that CA.",
  "limit-exceeded": "The Hub sent more than the gate reads (size, nesting or number of values); do not approve until it answers normally.",
  "revision-mismatch": "The Hub answered for a different commit than the pin; do not approve until it resolves the pin to itself.",
  "sha256-mismatch": "The bytes served differ from what the Hub lists for this commit: do not use this file; report it to the Hub.",
  "git-oid-mismatch": "The bytes served differ from the git object the commit names: do not use this file.",
  "size-mismatch": "The file served has a different size from the commit's listing: do not use it.",
  "commit-mismatch": "The Hub served this file from another commit than the pin: re-run; if it persists, do not approve.",
  "unexpected-cdn-origin": "An LFS redirect pointed outside the expected CDN; if you run a mirror, list its CDN origin.",
  "proxy-error": "The runner's proxy (HTTPS_PROXY / HTTP_PROXY) refused the connection or wants credentials: fix the proxy settings, or list the Hub in NO_PROXY."
};
function findingFromError(err, check, file) {
  if (err instanceof HubError) {
    return {
      check: `${check}.${err.code}`,
      severity: "high",
      message: err.message,
      ...file ? { file } : {},
      ...err.expected !== void 0 ? { evidence: `expected ${String(err.expected)}, got ${String(err.actual)}` } : {},
      help: HELP[err.code] ?? "Not fully examined, so not approved. Re-run; if it persists, investigate the repository."
    };
  }
  return {
    check: `${check}.error`,
    severity: "high",
    message: `${file ? `${file}: ` : ""}${err instanceof Error ? err.message : String(err)}`,
    ...file ? { file } : {},
    help: "Not fully examined, so not approved. This is a Model Gate error: re-run, and report it if it persists."
  };
}

// src/review/examine.ts
var MIN_ZIP = 22;
var MAX_TAIL = 64 * 1024 * 1024;
function withFile(f, path) {
  return f.file ? f : { ...f, file: path };
}
function digests(o) {
  return { ...o.sha256 !== void 0 ? { sha256: o.sha256 } : {}, ...o.gitOid !== void 0 ? { gitOid: o.gitOid } : {} };
}
var GuardedScan = class {
  constructor(scanner, path) {
    this.scanner = scanner;
    this.path = path;
  }
  scanner;
  path;
  /** Scanners copy what they keep (StreamScanner's chunk ownership), so the reader may reuse its read buffer. */
  borrowsChunks = true;
  failure;
  write(chunk) {
    if (this.failure !== void 0) return;
    try {
      this.scanner.push(chunk);
    } catch (err) {
      this.failure = err ?? new Error("scanner failed");
    }
  }
  /** Which bytes ahead the scanner would only count (scan/ahead.ts): a local read may pass them by unread. */
  ahead() {
    if (this.failure !== void 0) return SKIP_ALL;
    try {
      return aheadOf(this.scanner);
    } catch (err) {
      this.failure = err ?? new Error("scanner failed");
      return SKIP_ALL;
    }
  }
  skip(n) {
    if (this.failure !== void 0) return;
    try {
      this.scanner.skip?.(n);
    } catch (err) {
      this.failure = err ?? new Error("scanner failed");
    }
  }
  outcome() {
    if (this.failure === void 0) {
      try {
        return this.scanner.end();
      } catch (err) {
        this.failure = err ?? new Error("scanner failed");
      }
    }
    return { formats: [], complete: false, findings: [findingFromError(this.failure, "scan", this.path)] };
  }
};
var WholeFileScan = class {
  constructor(file, start) {
    this.file = file;
    this.start = start;
    this.bytes = new Uint8Array(file.size);
  }
  file;
  start;
  borrowsChunks = true;
  bytes;
  got = 0;
  over = false;
  write(chunk) {
    if (this.got + chunk.length > this.bytes.length) {
      this.over = true;
      return;
    }
    this.bytes.set(chunk, this.got);
    this.got += chunk.length;
  }
  outcome() {
    const path = this.file.path;
    if (this.over) return { formats: [], complete: false, findings: [findingFromError(new Error(`more than the ${this.file.size} bytes listed arrived`), "scan", path)] };
    const bytes = this.bytes.subarray(0, this.got);
    let scan;
    try {
      scan = new GuardedScan(this.start({ path, size: this.file.size, tail: bytes }), path);
    } catch (err) {
      return { formats: [], complete: false, findings: [findingFromError(err ?? new Error("scanner failed"), "scan", path)] };
    }
    scan.write(bytes);
    return scan.outcome();
  }
};
function verified(file, o, formats, findings, complete) {
  const lfs = file.lfs === true;
  if (o.sha256 !== void 0 && o.gitOid !== void 0) return { path: file.path, size: file.size, lfs, sha256: o.sha256, gitOid: o.gitOid, formats, findings, complete };
  return { path: file.path, size: file.size, lfs, ...digests(o), formats, findings, complete };
}
var NO_FINDINGS = Object.freeze([]);
function sharedFormats(pool, formats) {
  const key = formats.join("\n");
  let shared = pool.get(key);
  if (!shared) {
    shared = Object.freeze([...formats]);
    pool.set(key, shared);
  }
  return shared;
}
async function examineFiles(files, reader, opts) {
  const scans = /* @__PURE__ */ new Map();
  const tailBytes = opts.tailBytes ?? 64 * 1024;
  const start = (ctx) => opts.scanFile(ctx, { allow: opts.allow, textAnalyzers: [opts.capture.analyzer] });
  const plan = async (file) => {
    if (file.size >= MIN_ZIP && file.size <= tailBytes) {
      const whole = new WholeFileScan(file, start);
      scans.set(file.path, whole);
      return { consumers: [whole] };
    }
    let tail = file.size >= MIN_ZIP ? await reader.tail(file, Math.min(file.size, tailBytes)) : void 0;
    const need = tail ? zipTailNeeded(tail, file.size) : void 0;
    if (need !== void 0 && need > (tail?.byteLength ?? 0) && need <= MAX_TAIL) tail = await reader.tail(file, Math.min(file.size, need));
    const ctx = { path: file.path, size: file.size, ...tail ? { tail } : {} };
    const scan = new GuardedScan(start(ctx), file.path);
    scans.set(file.path, scan);
    return { consumers: [scan], ...tail ? { expectTail: tail } : {} };
  };
  const reports = new Array(files.length);
  const details = /* @__PURE__ */ new Map();
  const formatsPool = /* @__PURE__ */ new Map();
  const report = (file, o) => {
    const base = { path: file.path, size: file.size, lfs: file.lfs === true };
    const scan = scans.get(file.path);
    scans.delete(file.path);
    if (!o.ok) return { ...base, formats: [], complete: false, findings: [withFile(o.finding, file.path)] };
    let outcome;
    if (scan) outcome = scan.outcome();
    else outcome = { formats: [], complete: false, findings: [findingFromError(new Error("no scanner ran"), "scan", file.path)] };
    if (externalDataOf(outcome.details).length > 0) details.set(file.path, outcome.details);
    const findings = outcome.findings.length === 0 ? NO_FINDINGS : outcome.findings.map((f) => withFile(f, file.path));
    if (!outcome.complete && !findings.some((f) => isBlocking(f.severity))) {
      const incomplete = { check: "scan.incomplete", severity: "high", file: file.path, message: `${file.path} was not fully examined`, help: "Not fully examined, so not approved." };
      return verified(file, o, sharedFormats(formatsPool, outcome.formats), [...findings, incomplete], false);
    }
    return verified(file, o, sharedFormats(formatsPool, outcome.formats), findings, outcome.complete);
  };
  await reader.readAll(files, plan, (file, o, i) => {
    reports[i] = report(file, o);
    opts.onProgress?.(file, o);
  });
  const all = files.map((file, i) => reports[i] ?? report(file, { ok: false, finding: findingFromError(new Error("no outcome"), "review.read", file.path) }));
  reports.length = 0;
  if (opts.deferCrossFile) {
    for (const f of files) opts.deferCrossFile(f.path, details.get(f.path));
    return all;
  }
  return details.size === 0 ? all : markExternalData(all, (p) => details.get(p));
}

// src/review/progress.ts
var UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
function formatBytes(n) {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${UNITS[u]}`;
}
function formatSeconds(s) {
  if (!Number.isFinite(s)) return "?";
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
function progressTracker(label, totalBytes, now) {
  const start = now();
  let bytes = 0;
  return (path, size, outcome) => {
    bytes += size;
    const seconds = Math.max((now() - start) / 1e3, 1e-3);
    const rate = bytes / seconds;
    const left = Math.max(totalBytes - bytes, 0);
    return `${label}: ${path} ${outcome} (${formatBytes(size)}; ${formatBytes(bytes)} of ${formatBytes(totalBytes)}, ${formatBytes(rate)}/s, ${left === 0 ? "done" : `about ${formatSeconds(left / rate)} left`})`;
  };
}

// src/config/policy/exclude.ts
var NEVER_EXCLUDED_EXTENSIONS = /* @__PURE__ */ new Set([
  // code and scripts
  "py",
  "pyc",
  "pyo",
  "pyw",
  "pyx",
  "pxd",
  "pyi",
  "pyz",
  "ipynb",
  "sh",
  "bash",
  "zsh",
  "fish",
  "ps1",
  "psm1",
  "bat",
  "cmd",
  "vbs",
  "js",
  "mjs",
  "cjs",
  "ts",
  "rb",
  "pl",
  "php",
  "lua",
  "r",
  "jl",
  "go",
  "rs",
  "c",
  "cc",
  "cpp",
  "h",
  "hpp",
  "cu",
  "java",
  "jar",
  "class",
  "scala",
  "kt",
  "swift",
  "whl",
  "egg",
  // executables and native libraries
  "exe",
  "dll",
  "so",
  "dylib",
  "msi",
  "com",
  "scr",
  "app",
  "elf",
  "wasm",
  "node",
  "deb",
  "rpm",
  "apk",
  "appimage",
  // text a person or a loader reads and acts on
  "md",
  "markdown",
  "rst",
  "txt",
  "html",
  "htm",
  "json",
  "jsonl",
  "yaml",
  "yml",
  "toml",
  "cfg",
  "ini",
  "jinja",
  "jinja2",
  "j2",
  "xml",
  "gitattributes",
  "gitignore",
  "dockerfile",
  "makefile",
  "cmake"
]);
function neverExcludedReason(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const lower = name.toLowerCase();
  if (lower.startsWith("readme")) return "model cards are always reviewed";
  const dot = lower.lastIndexOf(".");
  if (dot <= 0) return "files without an extension are always reviewed";
  const ext = lower.slice(dot + 1);
  if (NEVER_EXCLUDED_EXTENSIONS.has(ext)) return `.${ext} files can carry code or instructions and are always reviewed`;
  return void 0;
}
var compiled = /* @__PURE__ */ new WeakMap();
function globsOf(patterns) {
  let globs = compiled.get(patterns);
  if (!globs) {
    globs = [];
    for (const p of patterns) {
      const r = compileGlob(p);
      if (r.ok) globs.push(r.glob);
    }
    compiled.set(patterns, globs);
  }
  return globs;
}
function excludeDecision(path, exclude) {
  const hit = globsOf(exclude).find((g) => matchGlob(g, path));
  if (!hit) return { excluded: false };
  const keptBecause = neverExcludedReason(path);
  return keptBecause ? { excluded: false, pattern: hit.source, keptBecause } : { excluded: true, pattern: hit.source };
}

// src/review/select.ts
function selectFiles(listed, policy, patternsText) {
  const notes = [];
  let complete = true;
  let patterns;
  if (patternsText && patternsText.length > 0) {
    patterns = [];
    for (const p of patternsText) {
      const r = compileGlob(p);
      if (r.ok) patterns.push(r.glob);
      else {
        complete = false;
        notes.push({ check: "allowlist.files", severity: "high", message: `files pattern '${p}' is invalid: ${r.error}`, help: "Fix the pattern in the allowlist entry." });
      }
    }
  }
  const selected = [];
  const outside = [];
  const excluded = [];
  const tooBig = [];
  for (const item of listed) {
    if (patterns && !patterns.some((g) => matchGlob(g, item.path))) {
      outside.push(item.path);
      continue;
    }
    if (excludeDecision(item.path, policy.exclude).excluded) {
      excluded.push(item.path);
      continue;
    }
    if (item.size > policy.maxFileSize) {
      tooBig.push(item);
      continue;
    }
    selected.push(item);
  }
  const list = (paths) => paths.slice(0, 20).join(", ") + (paths.length > 20 ? `, \u2026 ${paths.length - 20} more` : "");
  if (outside.length > 0) {
    notes.push({
      check: "review.files-not-selected",
      severity: "info",
      message: `${outside.length} file(s) outside the entry's \`files\` patterns were not fetched and are not part of the approval`,
      evidence: list(outside),
      help: "Load only the approved files: verification fails on any file the signature does not list."
    });
  }
  if (excluded.length > 0) {
    notes.push({
      check: "review.files-excluded",
      severity: "info",
      message: `${excluded.length} file(s) excluded by the policy were not fetched and are not part of the approval`,
      evidence: list(excluded)
    });
  }
  for (const item of tooBig) {
    complete = false;
    notes.push({
      check: "review.file-too-large",
      severity: "high",
      file: item.path,
      message: `${item.path} is ${item.size} bytes, above the policy's max_file_size (${policy.maxFileSize}); it was not examined`,
      help: "Raise max_file_size in the base branch policy if this size is expected, or pin fewer files with `files`."
    });
  }
  return { selected, notes, complete };
}

// src/review/sources/hub.ts
function hubReader(hub, repo, sha, items, concurrency = 4) {
  const byPath = new Map(items.map((i) => [i.path, i]));
  const item = (f) => {
    const it = byPath.get(f.path);
    if (!it) throw new Error(`${f.path} is not in the tree of ${repo}@${sha}`);
    return it;
  };
  return {
    tail: (f, k) => hub.fetchTail(repo, sha, item(f), k),
    async readAll(files, plan, onDone) {
      await fetchEach({
        downloader: hub,
        repo,
        sha,
        items: files.map(item),
        concurrency,
        plan: (_it, i) => plan(files[i])
      }, (o, i) => {
        const outcome = o.ok ? { ok: true, sha256: o.result.sha256, gitOid: o.result.gitOid } : { ok: false, finding: findingFromError(o.error, "hub.download", o.item.path) };
        onDone(files[i], outcome, i);
      });
    }
  };
}

// src/review/sources/local.ts
import { join, relative, resolve, sep } from "node:path";
var { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } = process.getBuiltinModule("node:fs");
async function listLocal(paths, cwd, read = {}) {
  const files = [];
  const findings = [];
  const skipped = [];
  const absOf = /* @__PURE__ */ new Map();
  let complete = true;
  const display = (abs) => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith("..") && !rel.startsWith(sep) ? rel.split(sep).join("/") : abs;
  };
  const visit = async (abs, root) => {
    let st;
    try {
      st = lstatSync(abs);
    } catch (err) {
      complete = false;
      findings.push(finding("scan.path-error", "high", `Cannot read ${display(abs)}: ${err.code ?? String(err)}`, { file: display(abs) }));
      return;
    }
    if (st.isSymbolicLink()) {
      let target = "?";
      try {
        target = readlinkSync(abs);
      } catch {
      }
      const inside = !relative(root, resolve(abs, "..", target)).startsWith("..");
      findings.push(finding(
        "file.symlink",
        inside ? "medium" : "high",
        `Symbolic link to ${target}${inside ? "" : " (outside the scanned folder)"}: not followed`,
        {
          file: display(abs),
          help: "Model repositories store files, not links; a link can point a loader at anything on the machine."
        }
      ));
      return;
    }
    if (st.isDirectory()) {
      let entries;
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch (err) {
        complete = false;
        findings.push(finding("scan.path-error", "high", `Cannot list ${display(abs)}: ${err.code ?? String(err)}`, { file: display(abs) }));
        return;
      }
      entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      for (const e of entries) {
        if (e.isDirectory() && e.name === ".git") {
          skipped.push(display(join(abs, e.name)));
          continue;
        }
        await visit(join(abs, e.name), root);
      }
      return;
    }
    if (!st.isFile()) {
      findings.push(finding("file.special", "medium", "Not a regular file (device, socket or FIFO): not read", { file: display(abs) }));
      return;
    }
    const path = display(abs);
    absOf.set(path, abs);
    files.push({ path, size: st.size });
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    await visit(abs, abs);
  }
  if (skipped.length > 0) {
    findings.push(finding("scan.skipped", "info", `${skipped.length} version-control folder(s) skipped: no loader reads them`, { evidence: skipped.join(", ") }));
  }
  const where = (f) => absOf.get(f.path) ?? resolve(cwd, f.path);
  return { listing: { files, findings, complete }, reader: localReader(where, read) };
}
var MIN_SEEK_READ = 72 * 1024;
function localReader(where, options = {}) {
  return {
    async tail(f, k) {
      const fd = openRegular(where(f));
      try {
        return readAt(fd, Math.max(0, f.size - k), Math.min(k, f.size));
      } finally {
        closeSync(fd);
      }
    },
    async readAll(files, plan, onDone) {
      for (const [i, f] of files.entries()) {
        let o;
        try {
          o = await readOne(f, where(f), await plan(f), options);
        } catch (err) {
          o = { ok: false, finding: finding("scan.path-error", "high", `Reading ${f.path} failed: ${err instanceof Error ? err.message : String(err)}`, { file: f.path }) };
        }
        onDone(f, o, i);
      }
    }
  };
}
var canSeek = (c) => typeof c.ahead === "function" && typeof c.skip === "function";
async function readOne(f, abs, plan, options) {
  const fd = openRegular(abs);
  try {
    const borrow = plan.consumers.every((c) => c.borrowsChunks === true);
    const size = Math.max(1, Math.min(options.chunkBytes ?? 1024 * 1024, f.size));
    let buf = new Uint8Array(size);
    const tail = plan.expectTail;
    const last = tail ? new Uint8Array(tail.length) : void 0;
    const seekers = options.seek !== false && tail && tail.length > 0 && plan.consumers.every(canSeek) ? plan.consumers : void 0;
    const seekTo = f.size - (tail?.length ?? 0);
    let pos = 0;
    let minRead = MIN_SEEK_READ;
    while (pos < f.size) {
      let want = Math.min(buf.length, f.size - pos);
      if (seekers && pos < seekTo) {
        const a = combineAhead(seekers.map((c) => c.ahead()));
        const n = Math.min(a.skip, seekTo - pos);
        if (n > 0) {
          for (const c of seekers) c.skip(n);
          pos += n;
          if (options.stats) options.stats.skipped += n;
          minRead = MIN_SEEK_READ;
          continue;
        }
        if (a.see < Infinity) want = Math.min(want, Math.max(a.see, minRead));
        minRead = Math.min(size, minRead * 2);
      }
      if (!borrow) buf = new Uint8Array(size);
      const bytesRead = readSync(fd, buf, 0, want, pos);
      if (bytesRead === 0) break;
      const chunk = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      if (last) keepLast(last, chunk, pos, f.size);
      for (const c of plan.consumers) {
        const w = c.write(chunk);
        if (w) await w;
      }
      pos += bytesRead;
      if (options.stats) options.stats.read += bytesRead;
    }
    for (const c of plan.consumers) await c.end?.();
    const changed = (why) => ({ ok: false, finding: finding("scan.file-changed", "high", `${f.path} changed while it was being read: ${why}`, {
      file: f.path,
      help: "Scan files that are not being written to."
    }) });
    if (tail && last && pos === f.size && !Buffer.from(last).equals(Buffer.from(tail))) return changed("its end differs from the tail read first");
    const now = fstatSync(fd).size;
    if (pos === f.size && now !== f.size) return changed(`it was listed with ${f.size} bytes and has ${now} now`);
    return { ok: true };
  } finally {
    closeSync(fd);
  }
}
function keepLast(last, chunk, pos, size) {
  const start = size - last.length;
  const from = Math.max(0, start - pos);
  if (from >= chunk.length) return;
  last.set(chunk.subarray(from), pos + from - start);
}
function openRegular(abs) {
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Error("it is no longer a regular file");
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}
function readAt(fd, pos, len) {
  const buf = new Uint8Array(len);
  let got = 0;
  while (got < len) {
    const bytesRead = readSync(fd, buf, got, len - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === len ? buf : buf.subarray(0, got);
}

// src/review/pipeline.ts
async function runChecks(checks, ctx, hubCtx) {
  const findings = [];
  let complete = true;
  const skipped = [];
  for (const check of checks) {
    try {
      if (check.needs === "files") findings.push(...await check.run(hubCtx ?? ctx));
      else if (hubCtx) findings.push(...await check.run(hubCtx));
      else skipped.push(check.id);
    } catch (err) {
      complete = false;
      findings.push(findingFromError(err, `${check.id}.failed`));
    }
  }
  if (skipped.length > 0) {
    findings.push({
      check: "review.checks-skipped",
      severity: "info",
      message: `${skipped.length} check(s) need the Hub's metadata and did not run on local files: ${skipped.join(", ")}`,
      help: "Namespace, provenance and pin checks judge a repository on the Hub: review the allowlist entry (`model-gate review`) for them."
    });
  }
  return { findings, complete };
}
function decide(findings, policy, now, entry, complete) {
  let all = findings;
  if (entry) {
    const applied = applyExceptions(entry, findings, policy.exceptions, utcDate(now));
    all = [...applied.findings];
    for (const ex of applied.expired) {
      all.push({
        check: "policy.exception-expired",
        severity: "low",
        message: `the policy exception for ${ex.repo} (${ex.checks.join(", ")}) expired on ${ex.expires} and was not applied`,
        help: "Renew it in the base branch policy with a new reason and date, or fix what it covered."
      });
    }
  }
  const combined = combinedEvidence(all);
  if (combined) all = [...all, combined];
  all.sort(compareFindings);
  const verdict = verdictOf(all);
  return { findings: all, verdict: complete ? verdict : "rejected" };
}
function finish(entry, partial, findings, policy, now, complete) {
  return { entry, ...partial, ...decide(findings, policy, now, entry, complete), complete };
}
function withoutSiblings(r) {
  if (r.info.siblings === void 0) return r;
  const { siblings: _unused, ...info } = r.info;
  return { ...r, info };
}
async function entryMetadata(entry, deps, previous) {
  const hub = reviewHub(deps.hub);
  const { policy, finding: profileFinding } = policyForEntry(deps.policy, entry);
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  let resolved;
  try {
    resolved = await hub.resolveRepo(entry.repo, entry.revision);
  } catch (err) {
    return { ok: false, review: finish(entry, { redirects: [], files: [] }, [...profileFinding ? [profileFinding] : [], findingFromError(err, "hub.resolve")], policy, now, false) };
  }
  const base = {
    canonicalId: resolved.canonicalId,
    repoId: resolved.repoId,
    commit: resolved.sha,
    redirects: resolved.redirects.map((h) => ({ from: h.from, to: h.to, status: h.status })),
    resolved
  };
  const findings = profileFinding ? [profileFinding] : [];
  let complete = true;
  let author;
  const authorName = resolved.info.author ?? resolved.canonicalId.split("/")[0];
  const recent = await checkHubPort(hub).recentCommits(resolved.canonicalId, resolved.sha).catch(() => void 0);
  try {
    author = await hub.getAuthor(authorName, recent ? likelyAccountKind(authorName, recent.commits) : "users");
  } catch (err) {
    complete = false;
    findings.push(findingFromError(err, "hub.author"));
  }
  const who = author ? { author, authorId: author.id } : {};
  let tree;
  try {
    tree = await hub.listFiles(resolved);
  } catch (err) {
    return { ok: false, review: finish(entry, { ...base, ...who, files: [] }, [...findings, findingFromError(err, "hub.tree")], policy, now, false) };
  }
  base.resolved = withoutSiblings(resolved);
  const selection = selectFiles(tree.map((i) => ({ path: i.path, size: i.size, lfs: i.lfs !== void 0 })), policy, entry.files);
  findings.push(...selection.notes);
  if (!selection.complete) complete = false;
  return {
    ok: true,
    meta: { entry, ...previous ? { previous } : {}, policy, now, hub, base, ...author ? { author } : {}, tree, selected: selection.selected, findings, complete }
  };
}
async function examineEntryFiles(meta, files, deps, part) {
  const { resolved } = meta.base;
  const progress = progressTracker(meta.entry.repo, files.reduce((n, f) => n + f.size, 0), () => Date.now());
  const reader = hubReader(meta.hub, resolved.canonicalId, resolved.sha, meta.tree, deps.fileConcurrency ?? 4);
  return examineFiles(files, reader, {
    scanFile: deps.scanFile,
    allow: meta.policy.allowGlobals,
    capture: part.capture,
    ...deps.tailBytes !== void 0 ? { tailBytes: deps.tailBytes } : {},
    ...part.deferCrossFile ? { deferCrossFile: part.deferCrossFile } : {},
    onProgress: (f, o) => deps.onProgress?.(progress(f.path, f.size, o.ok ? "verified" : `failed (${o.finding.check})`))
  });
}
async function judgeEntry(meta, files, text, deps, extra = []) {
  const { entry, previous, policy, now, author, tree } = meta;
  const { resolved } = meta.base;
  const findings = [...meta.findings];
  let complete = meta.complete;
  for (const f of files) {
    findings.push(...f.findings);
    if (!f.complete) complete = false;
  }
  if (extra.length > 0) {
    findings.push(...extra);
    complete = false;
  }
  const ctx = { files, text: (p) => text.text(p), captured: () => text.paths(), skipped: () => text.skipped(), repo: entry.repo, policy, now };
  const hubCtx = {
    ...ctx,
    entry,
    ...previous ? { previous } : {},
    resolved,
    tree,
    ...author ? { author } : {},
    hub: checkHubPort(meta.hub)
  };
  const checked = await runChecks(deps.checks, ctx, hubCtx);
  findings.push(...checked.findings);
  const who = author ? { author, authorId: author.id } : {};
  return finish(entry, { ...meta.base, ...who, files }, findings, policy, now, complete && checked.complete);
}
async function reviewEntry(entry, deps, previous) {
  const got = await entryMetadata(entry, deps, previous);
  if (!got.ok) return got.review;
  return examineAndJudge(got.meta, deps);
}
async function examineAndJudge(meta, deps) {
  const capture = new TextCapture();
  const files = await examineEntryFiles(meta, meta.selected, deps, { capture });
  return judgeEntry({ ...meta, selected: [] }, files, capture, deps);
}
async function reviewLocal(paths, cwd, deps) {
  const { policy } = deps;
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const { listing, reader } = await listLocal(paths, cwd);
  const findings = [...listing.findings];
  let complete = listing.complete;
  const selection = selectFiles(listing.files, policy);
  findings.push(...selection.notes);
  if (!selection.complete) complete = false;
  const capture = new TextCapture();
  const files = await examineFiles(selection.selected, reader, {
    scanFile: deps.scanFile,
    allow: policy.allowGlobals,
    capture,
    ...deps.tailBytes !== void 0 ? { tailBytes: deps.tailBytes } : {},
    onProgress: (f, o) => deps.onProgress?.(`${f.path} ${o.ok ? "read" : `failed (${o.finding.check})`}`)
  });
  for (const f of files) {
    findings.push(...f.findings);
    if (!f.complete) complete = false;
  }
  const checked = await runChecks(deps.checks, { files, text: (p) => capture.text(p), captured: () => capture.paths(), skipped: () => capture.skipped(), policy, now }, void 0);
  findings.push(...checked.findings);
  complete &&= checked.complete;
  return { kind: "local", paths: [...paths], files, ...decide(findings, policy, now, void 0, complete), complete };
}
async function reviewEntries(entries, deps, concurrency = 2, previousOf = () => void 0) {
  const out = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      out[i] = await reviewEntry(entries[i], deps, previousOf(entries[i]));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, worker));
  return out;
}

export {
  TextCapture,
  NEED_ALL,
  SKIP_ALL,
  aheadOf,
  combineAhead,
  skipIn,
  markExternalData,
  u16le,
  u32le,
  u32be,
  u64le,
  u64leNumber,
  startsWith,
  concatBytes,
  indexOfByte,
  indexOfBytes,
  lastIndexOfBytes,
  looksLikeText,
  utf8,
  evidenceBytes,
  ZipDirectoryError,
  EOCD_BYTES,
  readCentralDirectory,
  Feeder,
  Inflater,
  crc32,
  Xxh32,
  Xxh64,
  MAX_WINDOW,
  u32le2,
  Stop,
  fail,
  DecoderShell,
  Bzip2Decoder,
  XzDecoder,
  limitsOf,
  BLOCKING,
  mergeOutcomes,
  fixedScanner,
  guarded,
  isTarfileHeader,
  createTarScanner,
  createZipStreamScanner,
  reviewHub,
  entryMetadata,
  examineEntryFiles,
  judgeEntry,
  reviewEntry,
  reviewLocal,
  reviewEntries
};
