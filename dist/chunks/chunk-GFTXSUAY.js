
// src/core/hash.ts
function createHash(algorithm) {
  return process.getBuiltinModule("node:crypto").createHash(algorithm);
}

// src/hub/oid.ts
function gitBlobHeader(size) {
  return Buffer.from(`blob ${size}\0`, "latin1");
}
function gitBlobOid(content) {
  return createHash("sha1").update(gitBlobHeader(content.byteLength)).update(content).digest("hex");
}
function lfsPointerText(sha256, size) {
  return `version https://git-lfs.github.com/spec/v1
oid sha256:${sha256}
size ${size}
`;
}
function lfsPointerOid(sha256, size) {
  return gitBlobOid(Buffer.from(lfsPointerText(sha256, size), "latin1"));
}
var HEX40 = /^[0-9a-f]{40}$/;
var HEX64 = /^[0-9a-f]{64}$/;

export {
  createHash,
  gitBlobHeader,
  lfsPointerText,
  lfsPointerOid,
  HEX40,
  HEX64
};
