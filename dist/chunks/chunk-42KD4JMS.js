import {
  UsageError
} from "./chunk-EMOG55AG.js";

// src/cli/config-file.ts
import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
function kindOf(s) {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "not a regular file";
}
function refuse(what, path, why, help) {
  return new UsageError(`${what} ${path} ${why}; ${help}`);
}
async function readConfigFile(path, what, maxBytes) {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return null;
    throw refuse(what, path, `cannot be read (${code ?? err.message})`, "check the path and its permissions");
  }
  const check = (st) => {
    if (!st.isFile()) throw refuse(what, path, `is ${kindOf(st)}`, "give the path of the YAML file itself");
    if (st.size > maxBytes) {
      throw refuse(what, path, `is ${st.size} bytes, over the ${maxBytes}-byte limit for this file`, "an allowlist or policy that large is refused; check the path");
    }
  };
  check(s);
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw refuse(what, path, `cannot be opened (${err.code ?? err.message})`, "check the path and its permissions");
  }
  try {
    check(await fh.stat());
    const buf = Buffer.alloc(maxBytes + 1);
    let got = 0;
    for (; ; ) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > maxBytes) throw refuse(what, path, `grew past the ${maxBytes}-byte limit while being read`, "check the path");
    }
    return buf.subarray(0, got).toString("utf8");
  } finally {
    await fh.close();
  }
}

export {
  readConfigFile
};
