
// src/sign/read-record.ts
import { readFile } from "node:fs/promises";
async function readRecordFile(path) {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return void 0;
    throw e;
  }
}

export {
  readRecordFile
};
