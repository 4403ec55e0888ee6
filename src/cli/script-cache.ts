// Runs `model-gate scan` from dist/scan.cjs (cli/scan-main.ts, one classic script) with a code cache written after
// a run. A local scan is mostly Node starting and V8 compiling the CLI, and Node's compile cache of ES modules is
// written when a module is compiled, before it runs: every function V8 compiles lazily (the pickle VM, the zip
// reader, the renderers) is compiled again at every start. vm.Script can write its cache after it ran, with those
// functions in it. Measured with callgrind on a torch checkpoint's scan (bench/results/scan-local.md).
//
// The cache is code that V8 runs without checking it beyond the source's length, so:
// - it lives only in the folder cli/compile-cache.ts vets (this user's, writable by no one else up to the root, not
//   inside the folder the CLI runs in or the paths it scans), and the file itself must be this user's, private and
//   not a link: a repository or archive checked out elsewhere cannot bring one;
// - it carries the CRC-32 of the script it was made from (an edited script never runs a stale cache) and of V8's
//   data (V8 checks those bytes only in debug builds; a damaged cache is not used).
// Its name carries the script's SHA-256 (from the build), Node's version and arch, so installs do not overwrite each
// other's. A cache that is missing, refused or lacks what this run did (another file format, output format or
// finding) is written again after the run, for the union of what the runs have done: a few writes, then it stays.
// Anything wrong with the cache costs only speed, never the scan's output or exit code.
import { ownCacheDir } from './compile-cache.js';

const KEY_LINE = /^\/\/ model-gate scan script sha256:([0-9a-f]{64})\n/;

/**
 * zlib's CRC-32, as Node's own compile cache uses: a CRC in JavaScript over the cache's megabyte cost 15M-80M
 * instructions, as V8 happened to optimise the loop, against about 12M. Called directly rather than through
 * scan/decode/checksums.ts, which would be one more module at every start for the same native call.
 */
function crc32(data: Uint8Array): number {
  return process.getBuiltinModule('node:zlib').crc32(data);
}

const HEADER = 12;

/** A cache file's parts. */
export interface CacheFile {
  /** What the runs that made it did (cli/scan-main.ts). */
  trace: string[];
  /** CRC-32 of the script's bytes it was made from. */
  scriptCrc: number;
  /** V8's data. */
  data: Uint8Array;
}

/** A cache file: trace length, script CRC, data CRC (4 bytes each, little-endian), the trace (UTF-8 lines), the data. */
export function encodeCache({ trace, scriptCrc, data }: CacheFile): Uint8Array {
  const text = new TextEncoder().encode(trace.join('\n'));
  const out = new Uint8Array(HEADER + text.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, text.length, true);
  view.setUint32(4, scriptCrc, true);
  view.setUint32(8, crc32(data), true);
  out.set(text, HEADER);
  out.set(data, HEADER + text.length);
  return out;
}

/** A cache file's parts; undefined when it is not one or its data is not what was written. */
export function decodeCache(bytes: Uint8Array): CacheFile | undefined {
  if (bytes.length < HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const length = view.getUint32(0, true);
  if (HEADER + length > bytes.length) return undefined;
  const data = bytes.subarray(HEADER + length);
  if (crc32(data) !== view.getUint32(8, true)) return undefined;
  const text = new TextDecoder().decode(bytes.subarray(HEADER, HEADER + length));
  return { trace: text === '' ? [] : text.split('\n'), scriptCrc: view.getUint32(4, true), data };
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

/** The cache file's bytes, when it is a regular file of this user's that no one else can read or write, not a link. */
function readPrivate(path: string): Uint8Array | undefined {
  const fs = process.getBuiltinModule('node:fs');
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if (!st.isFile() || st.nlink !== 1) return undefined;
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0)) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

const STALE_MS = 30 * 24 * 3600 * 1000;

/** Writes the cache: a new private file under a name no one else picked, renamed over the old one; then tidies. */
function writeCache(where: { dir: string; path: string }, bytes: Uint8Array): void {
  const fs = process.getBuiltinModule('node:fs');
  const temp = `${where.path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    // 'wx': created here or not at all (never through a link someone left at that name).
    fs.writeFileSync(temp, bytes, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, where.path);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing more to do: the cache is only a speed-up.
    }
    return;
  }
  // Other builds' caches not written for a month (each is about 1 MB); one still in use is only written again.
  for (const name of fs.readdirSync(where.dir)) {
    const path = `${where.dir}/${name}`;
    if (!/^scan-[0-9a-f]{64}-.*\.bin$/.test(name) || path === where.path) continue;
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
 * Runs the scan script at `file` for the command's `args`; false, having run nothing, when there is no such file or
 * no folder to keep its cache in (the CLI then runs `scan` through its modules, which compile less without a cache:
 * callgrind, a 2 GiB checkpoint's whole scan, 470M instructions through the modules against 650M for the script's
 * first run, which writes its cache; 295M from the cache). The command's exit code is set on the process as the
 * module CLI sets it; nothing about the cache can change it.
 */
export async function runScanScript(file: string, args: readonly string[]): Promise<boolean> {
  const fs = process.getBuiltinModule('node:fs');
  const dir = ownCacheDir(args);
  if (dir === undefined) return false;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return false;
  }
  // Latin-1 is the script's text exactly: the build leaves it ASCII, and a one-byte string is cheaper for V8.
  const source = bytes.toString('latin1');
  const key = KEY_LINE.exec(source)?.[1];
  if (key === undefined) return false;
  const where = { dir, path: `${dir}/scan-${key}-${process.version}-${process.arch}.bin` };
  const scriptCrc = crc32(bytes);
  const stored = readPrivate(where.path);
  const decoded = stored === undefined ? undefined : decodeCache(stored);
  // Made from other bytes than these (the script was edited in place, to the same length): never used.
  const cached = decoded?.scriptCrc === scriptCrc ? decoded : undefined;
  // The file is one function expression, CommonJS's wrapper around the bundle (scripts/build.mjs).
  const script = new (process.getBuiltinModule('node:vm').Script)(source, { filename: file, ...(cached ? { cachedData: cached.data } : {}) });
  const module = { exports: {} as { main?: () => Promise<string[] | undefined> } };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, builtinRequire, module, file, file.replace(/[\\/][^\\/]*$/, ''));
  if (typeof module.exports.main !== 'function') throw new Error(`${file} has no main(): rebuild dist/`);
  const trace = await module.exports.main();
  try {
    const write = trace === undefined ? undefined : traceToWrite(cached?.trace, script.cachedDataRejected === true, trace);
    if (write !== undefined) {
      writeCache(where, encodeCache({ trace: write, scriptCrc, data: script.createCachedData() }));
    }
  } catch {
    // The scan has ended and set its exit code; a cache that cannot be written costs the next start its speed only.
  }
  return true;
}
