// Runs `model-gate scan` from dist/scan.cjs (cli/scan-main.ts, one classic script) with a code cache written after
// a run. A local scan is mostly Node starting and V8 compiling the CLI, and Node's compile cache of ES modules is
// written when a module is compiled, before it runs: every function V8 compiles lazily (the pickle VM, the zip
// reader, the renderers) is compiled again at every start. vm.Script can write its cache after it ran, with those
// functions in it. Measured with callgrind on a torch checkpoint's scan: 260M instructions for the whole process
// through the modules, 160M through the cached script (`node -e 0` is 86M).
//
// The cache is code, so it lives only in the folder cli/compile-cache.ts vets (this user's, writable by no one
// else), named by the script's SHA-256 (V8 checks a cache against the source's length, not its text). A cache that
// is missing, refused by V8, or lacks what this run did (another file format, output format or finding) is
// written again after the run, for the union of what the runs have done: a few rewrites, then one that stays.
// Anything wrong with the cache costs only speed: V8 refuses a cache that does not fit and compiles from source.
import { ownCacheDir } from './compile-cache.js';

const KEY_LINE = /^\/\/ model-gate scan script sha256:([0-9a-f]{64})\n/;

/**
 * V8 does not check a code cache's bytes outside debug builds (--verify-snapshot-checksum) and would run a damaged
 * one, so the file carries the CRC-32 of V8's data, as Node's own compile cache does, and a cache whose bytes
 * changed on disk is not used. That is for damage (a disk, a partial copy); against someone writing to the
 * folder, its permissions are the guard (cli/compile-cache.ts). zlib's native CRC: a CRC in JavaScript over the
 * cache's megabyte cost between 15M and 80M instructions, as V8 happened to optimise the loop, against about 12M.
 */
function crc32(data: Uint8Array): number {
  return process.getBuiltinModule('node:zlib').crc32(data);
}

const HEADER = 8;

/** A cache file: the trace's length and the CRC-32 of V8's data (4 bytes each, little-endian), the trace, the data. */
export function encodeCache(trace: readonly string[], data: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(trace.join('\n'));
  const out = new Uint8Array(HEADER + text.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, text.length, true);
  view.setUint32(4, crc32(data), true);
  out.set(text, HEADER);
  out.set(data, HEADER + text.length);
  return out;
}

/** The trace and V8's data of a cache file; undefined when it is not one or its data is not what was written. */
export function decodeCache(bytes: Uint8Array): { trace: string[]; data: Uint8Array } | undefined {
  if (bytes.length < HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const length = view.getUint32(0, true);
  if (HEADER + length > bytes.length) return undefined;
  const data = bytes.subarray(HEADER + length);
  if (crc32(data) !== view.getUint32(4, true)) return undefined;
  const text = new TextDecoder().decode(bytes.subarray(HEADER, HEADER + length));
  return { trace: text === '' ? [] : text.split('\n'), data };
}

const STALE_MS = 30 * 24 * 3600 * 1000;

/** Other builds' caches not written for a month (each is about 1 MB); one still in use is only written again. */
function removeStale(dir: string, keep: string): void {
  const fs = process.getBuiltinModule('node:fs');
  for (const name of fs.readdirSync(dir)) {
    const path = `${dir}/${name}`;
    if (!/^scan-[0-9a-f]{64}-.*\.bin$/.test(name) || path === keep) continue;
    const st = fs.lstatSync(path, { throwIfNoEntry: false });
    if (st?.isFile() === true && Date.now() - st.mtimeMs > STALE_MS) fs.rmSync(path, { force: true });
  }
}

/** A require for the script: Node's built-ins only, the one thing dist/scan.cjs requires (scripts/build.mjs). */
function builtinRequire(id: string): unknown {
  const m = process.getBuiltinModule(id);
  if (m === undefined) throw new Error(`dist/scan.cjs asked for ${id}, which is not a Node built-in: rebuild dist/`);
  return m;
}

/**
 * What to write after a run that did `trace`: undefined when the cache V8 took already holds all of it; otherwise
 * the trace of the new cache, the union of the one V8 took (none if it refused it) and this run's.
 */
export function traceToWrite(cachedTrace: readonly string[] | undefined, rejected: boolean, trace: readonly string[]): string[] | undefined {
  const kept = cachedTrace === undefined || rejected ? [] : cachedTrace;
  const have = new Set(kept);
  const missing = [...new Set(trace)].filter((t) => !have.has(t));
  return cachedTrace !== undefined && !rejected && missing.length === 0 ? undefined : [...kept, ...missing];
}

/** Where the cache of the script whose text is `source` lives; undefined when it has no key or there is no folder. */
function cacheFile(source: string): { dir: string; path: string } | undefined {
  const key = KEY_LINE.exec(source)?.[1];
  const dir = key === undefined ? undefined : ownCacheDir();
  // Node's version and the machine in the name as well: V8 refuses another version's cache, and two installs of
  // Node taking turns would otherwise rewrite it at every run.
  return dir === undefined ? undefined : { dir, path: `${dir}/scan-${key}-${process.version}-${process.arch}.bin` };
}

/**
 * Runs the scan script at `file`; false, having run nothing, when there is no such file (the CLI then runs `scan`
 * through its modules). The command's exit code is set on the process as the module CLI sets it.
 */
export async function runScanScript(file: string): Promise<boolean> {
  const fs = process.getBuiltinModule('node:fs');
  let source: string;
  try {
    // Latin-1 is the script's text exactly: the build leaves it ASCII, and a one-byte string is cheaper for V8.
    source = fs.readFileSync(file, 'latin1');
  } catch {
    return false;
  }
  const where = cacheFile(source);
  let cached: { trace: string[]; data: Uint8Array } | undefined;
  try {
    if (where !== undefined) cached = decodeCache(fs.readFileSync(where.path));
  } catch {
    // No cache yet.
  }
  // The file is one function expression, CommonJS's wrapper around the bundle (scripts/build.mjs).
  const script = new (process.getBuiltinModule('node:vm').Script)(source, { filename: file, ...(cached ? { cachedData: cached.data } : {}) });
  const module = { exports: {} as { main?: () => Promise<string[] | undefined> } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, builtinRequire, module, file, file.replace(/[\\/][^\\/]*$/, ''));
  if (typeof module.exports.main !== 'function') throw new Error(`${file} has no main(): rebuild dist/`);
  const trace = await module.exports.main();
  const write = where === undefined || trace === undefined ? undefined : traceToWrite(cached?.trace, script.cachedDataRejected === true, trace);
  if (where === undefined || write === undefined) return true;
  // Written whole under another name, then renamed: a scan running beside this one reads the old cache or the new.
  const temp = `${where.path}.${process.pid}`;
  try {
    fs.writeFileSync(temp, encodeCache(write, script.createCachedData()), { mode: 0o600 });
    fs.renameSync(temp, where.path);
    removeStale(where.dir, where.path);
  } catch {
    // A cache that cannot be written costs the next start its speed only.
    fs.rmSync(temp, { force: true });
  }
  return true;
}
