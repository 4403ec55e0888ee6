// Node's on-disk compile cache for the CLI's own code (module.enableCompileCache): V8 keeps what it compiled of
// dist/chunks/*.js, so the next start of `model-gate` compiles less. The cache lives in the user's cache folder,
// never beside the files a scan reads, and is used only when that folder is the user's own and not writable by
// others (a planted cache entry would be code). NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch), and
// with it the scan script's cache, which lives in the same folder (cli/script-cache.ts).
import { isAbsolute, join } from 'node:path';

/** The per-user cache folder for the compile cache, or undefined when there is none to use. */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg
    : platform === 'win32' ? env.LOCALAPPDATA
      : platform === 'darwin' ? join(home, 'Library', 'Caches')
        : join(home, '.cache');
  return base && isAbsolute(base) ? join(base, 'model-gate', 'compile-cache') : undefined;
}

/**
 * The cache folder, created if need be, when it is this user's and no one else can write to it; undefined when the
 * cache is turned off or there is no such folder (read-only home, no home, someone else's folder).
 */
export function ownCacheDir(): string | undefined {
  try {
    const env = process.env;
    if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '') return undefined;
    // os.homedir() is $HOME when it is set (outside Windows); node:os is loaded only when it is not.
    const home = process.platform !== 'win32' && env.HOME ? env.HOME : process.getBuiltinModule('node:os').homedir();
    const dir = compileCacheDir(env, process.platform, home);
    if (!dir) return undefined;
    // node:fs through getBuiltinModule, not an ESM import: the import's namespace runs fs's `promises` getter,
    // which loads fs/promises and Node's streams at every start.
    const fs = process.getBuiltinModule('node:fs');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    const uid = process.getuid?.();
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (process.platform !== 'win32' && (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** Turns Node's cache on for the modules loaded from now on; any failure leaves it off (it is only a speed-up). */
export function enableCliCompileCache(): void {
  const dir = ownCacheDir();
  if (dir === undefined) return;
  try {
    // node:module through getBuiltinModule: the scan script's start (src/cli.ts) loads this file and never calls this.
    process.getBuiltinModule('node:module').enableCompileCache(dir);
  } catch {
    // Start without the cache.
  }
}
