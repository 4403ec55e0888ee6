
// src/registry/http-util.ts
import { open } from "node:fs/promises";

// src/registry/pump-file.ts
var CHUNK = 1 << 20;
var BUFFERS = 3;
async function pumpFile(fh, start, length, res, verifier) {
  const buffers = verifier?.buffers ?? Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, length))));
  const free = buffers.map((_, i) => i);
  const waiting = [];
  let closed = false;
  let failure;
  const onClose = () => {
    closed = true;
    for (const w of waiting.splice(0)) w(void 0);
  };
  res.once("close", onClose);
  const give = (i) => {
    const w = waiting.shift();
    if (w) w(i);
    else free.push(i);
  };
  const take = () => closed ? Promise.resolve(void 0) : free.length > 0 ? Promise.resolve(free.pop()) : new Promise((r) => waiting.push(r));
  const cut = (e) => {
    failure ??= e;
    res.destroy(e);
  };
  let result;
  try {
    let pos = start;
    let left = length;
    while (left > 0) {
      const i = await take();
      if (i === void 0 || closed) return result = failure ? "failed" : "closed";
      const buf = buffers[i];
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.byteLength, left), pos);
      if (bytesRead === 0) {
        cut(new Error(`file ended ${left} bytes early`));
        return result = "short";
      }
      pos += bytesRead;
      left -= bytesRead;
      if (closed) return result = failure ? "failed" : "closed";
      const chunk = bytesRead === buf.byteLength ? buf : buf.subarray(0, bytesRead);
      let both = verifier ? 2 : 1;
      const release = () => {
        if (--both === 0) give(i);
      };
      if (verifier) {
        const read = verifier.update(i, bytesRead);
        if (left === 0) {
          await read;
          if (!await verifier.matches()) {
            cut(new Error("the bytes do not match their digest"));
            return result = "mismatch";
          }
          if (closed) return result = failure ? "failed" : "closed";
          release();
        } else {
          read.then(release, (e) => cut(e));
        }
      }
      const more = res.write(chunk, release);
      if (!more && left > 0) {
        await new Promise((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
      }
    }
    if (closed) return result = failure ? "failed" : "closed";
    await new Promise((resolve) => {
      res.once("close", resolve);
      res.end(resolve);
    });
    return result = closed && !res.writableFinished ? failure ? "failed" : "closed" : "done";
  } catch (e) {
    cut(e);
    return result = "failed";
  } finally {
    res.off("close", onClose);
    if (result !== "done" && result !== "mismatch") verifier?.drop();
  }
}

// src/registry/range.ts
function parseRange(header, size) {
  if (header === void 0) return { kind: "full" };
  if (size === 0) return { kind: "full" };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return { kind: "unsatisfiable" };
  const [, a = "", b = ""] = m;
  if (a === "" && b === "") return { kind: "unsatisfiable" };
  if (a === "") {
    const suffix = Number(b);
    if (!Number.isSafeInteger(suffix) || suffix === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || end < start) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end };
}

// src/registry/http-util.ts
function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text)
  });
  res.end(res.req.method === "HEAD" ? void 0 : text);
}
function sendError(res, status, message, code, headers = {}) {
  const extra = { ...headers, "X-Error-Message": headerSafe(message) };
  if (code) extra["X-Error-Code"] = code;
  sendJson(res, status, { error: message }, extra);
}
function headerSafe(text) {
  return text.replace(/[^\x20-\x7e]/g, "?");
}
var BodyError = class extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
};
function readBody(req, limit, drainCap = 64 * 1024 * 1024) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? NaN);
    const chunks = [];
    let total = 0;
    let over = Number.isFinite(declared) && declared > limit;
    const finish = () => {
      if (over) reject(new BodyError(413, `Request body is larger than ${limit} bytes`));
      else resolve(Buffer.concat(chunks));
    };
    req.on("data", (c) => {
      total += c.byteLength;
      if (total > limit) over = true;
      if (!over) chunks.push(c);
      else if (total > drainCap) {
        req.destroy();
        finish();
      }
    });
    req.on("end", finish);
    req.on("error", (e) => reject(e));
    req.on("close", finish);
  });
}
async function sendFile(req, res, path, size, headers, onError) {
  const range = parseRange(typeof req.headers.range === "string" ? req.headers.range : void 0, size);
  if (range.kind === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${size}`, "Content-Length": 0 });
    res.end();
    return;
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const status = range.kind === "partial" ? 206 : 200;
  const out = { ...headers, "Accept-Ranges": "bytes", "Content-Length": length };
  if (range.kind === "partial") out["Content-Range"] = `bytes ${start}-${end}/${size}`;
  if (req.method === "HEAD" || length === 0) {
    res.writeHead(status, out);
    res.end();
    return;
  }
  let fh;
  try {
    fh = await open(path, "r");
  } catch (e) {
    onError(500, `Stored object is unreadable: ${e.message}`);
    return;
  }
  res.writeHead(status, out);
  try {
    await pumpFile(fh, start, length, res);
  } finally {
    await fh.close().catch(() => void 0);
  }
}
function sendBytes(req, res, body, headers) {
  const range = parseRange(typeof req.headers.range === "string" ? req.headers.range : void 0, body.byteLength);
  if (range.kind === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${body.byteLength}`, "Content-Length": 0 });
    res.end();
    return;
  }
  const slice = range.kind === "partial" ? body.subarray(range.start, range.end + 1) : body;
  const out = { ...headers, "Accept-Ranges": "bytes", "Content-Length": slice.byteLength };
  if (range.kind === "partial") out["Content-Range"] = `bytes ${range.start}-${range.end}/${body.byteLength}`;
  res.writeHead(range.kind === "partial" ? 206 : 200, out);
  res.end(req.method === "HEAD" ? void 0 : slice);
}

export {
  pumpFile,
  parseRange,
  sendJson,
  sendError,
  BodyError,
  readBody,
  sendFile,
  sendBytes
};
