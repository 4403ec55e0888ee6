
// src/gateway/blob-store.ts
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
var SHA256 = /^[0-9a-f]{64}$/;
function assertSha256(sha256) {
  if (!SHA256.test(sha256)) throw new Error(`'${sha256}' is not a sha256 (64 lowercase hex)`);
}
var FsBlobStore = class _FsBlobStore {
  constructor(where) {
    this.where = where;
    this.scratchDir = join(where, "tmp");
  }
  where;
  scratchDir;
  static async open(root) {
    const s = new _FsBlobStore(root);
    await mkdir(join(root, "sha256"), { recursive: true });
    await rm(s.scratchDir, { recursive: true, force: true });
    await mkdir(s.scratchDir, { recursive: true });
    return s;
  }
  pathOf(sha256) {
    assertSha256(sha256);
    return join(this.where, "sha256", sha256.slice(0, 2), sha256);
  }
  async stat(sha256) {
    try {
      const s = await stat(this.pathOf(sha256), { bigint: true });
      if (!s.isFile()) return void 0;
      return { size: Number(s.size), identity: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` };
    } catch (e) {
      if (e.code === "ENOENT") return void 0;
      throw e;
    }
  }
  read(sha256, range) {
    const path = this.pathOf(sha256);
    return new Promise((resolve, reject) => {
      const s = createReadStream(path, { highWaterMark: 1024 * 1024, ...range ? { start: range.start, end: range.end } : {} });
      s.once("open", () => resolve(s));
      s.once("error", reject);
    });
  }
  async putFile(sha256, localPath) {
    const dest = this.pathOf(sha256);
    await mkdir(join(this.where, "sha256", sha256.slice(0, 2)), { recursive: true });
    await rename(localPath, dest);
  }
  async remove(sha256) {
    await rm(this.pathOf(sha256), { force: true });
  }
  openFile(sha256) {
    return open(this.pathOf(sha256), "r");
  }
};

export {
  assertSha256,
  FsBlobStore
};
