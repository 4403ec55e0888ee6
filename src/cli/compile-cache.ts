// Node's on-disk compile cache for the CLI's own code (module.enableCompileCache): V8 keeps what it compiled of
// dist/chunks/*.js, so the next start of `model-gate` compiles less. The cache lives in the user's cache folder,
// never beside the files a scan reads, and is used only when that folder is the user's own and not writable by
// others, and not inside the folder the CLI runs in or the paths it is given (a planted cache entry would be code:
// cacheDirRefusal). NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch), and
// with it the scan script's cache, which lives in the same folder (cli/script-cache.ts).
import { dirname, isAbsolute, join, sep } from 'node:path';

/** The per-user cache folder for the compile cache, or undefined when there is none to use. */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg
    : platform === 'win32' ? env.LOCALAPPDATA
      : platform === 'darwin' ? join(home, 'Library', 'Caches')
        : join(home, '.cache');
  return base && isAbsolute(base) ? join(base, 'model-gate', 'compile-cache') : undefined;
}

/** One folder on the way from the cache folder to the root, as lstat saw it. */
export interface FolderStat {
  path: string;
  uid: number;
  mode: number;
  isDirectory: boolean;
}

// macOS and Windows folders are usually case-insensitive: `/Work/Repo/.cache` is inside `/work/repo` there.
const fold = (p: string): string => (process.platform === 'darwin' || process.platform === 'win32' ? p.toLowerCase() : p);

const inside = (path: string, folder: string, sep: string): boolean => {
  const [p, f] = [fold(path), fold(folder)];
  return p === f || p.startsWith(f.endsWith(sep) ? f : f + sep);
};

/**
 * Why the cache folder must not be used, or undefined when it may. The cache is code, so the folder and every
 * folder above it must be this user's or root's and writable by no one else (a sticky /tmp-like folder is), and it
 * must not lie inside what the user runs in or names on the command line: a checked-out or unpacked repository
 * (a CI workspace with XDG_CACHE_HOME inside it) would otherwise bring its own cache, which V8 would run.
 * Pure: `chain` is the folder's real path and each parent's, `avoid` the real paths of the working folder (left out
 * when it holds the home folder, where ~/.cache lives) and of the arguments.
 */
export function cacheDirRefusal(chain: readonly FolderStat[], uid: number | undefined, avoid: readonly string[], sep = '/'): string | undefined {
  const [dir] = chain;
  if (dir === undefined || !dir.isDirectory) return 'not a folder';
  const near = avoid.find((a) => inside(dir.path, a, sep));
  if (near !== undefined) return `inside ${near}`;
  if (uid === undefined) return undefined;
  if (dir.uid !== uid || (dir.mode & 0o022) !== 0) return `${dir.path} is not this user's alone`;
  const open = chain.slice(1).find((f) => (f.uid !== uid && f.uid !== 0) || ((f.mode & 0o022) !== 0 && (f.mode & 0o1000) === 0));
  return open === undefined ? undefined : `${open.path} can be changed by another user`;
}

/**
 * The cache folder, created if need be, when cacheDirRefusal finds nothing against it; undefined when the cache is
 * turned off or there is no such folder (read-only home, no home, someone else's folder, inside `args`' paths).
 * `args`: the command's arguments; those that name something on disk are kept clear of.
 */
export function ownCacheDir(args: readonly string[] = []): string | undefined {
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
    const real = (p: string): string | undefined => {
      try {
        return fs.realpathSync(p);
      } catch {
        return undefined;
      }
    };
    const cwd = real(process.cwd());
    const homeReal = real(home);
    const avoid = [
      ...(cwd !== undefined && !(homeReal !== undefined && inside(homeReal, cwd, sep)) ? [cwd] : []),
      ...args.map(real).filter((p): p is string => p !== undefined)
    ];
    // Where the folder would be, before it is made: never made inside what is to be avoided.
    let existing = dir;
    while (real(existing) === undefined && dirname(existing) !== existing) existing = dirname(existing);
    const planned = join(real(existing) ?? existing, dir.slice(existing.length));
    if (avoid.some((a) => inside(planned, a, sep))) return undefined;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const chain: FolderStat[] = [];
    for (let p = fs.realpathSync(dir); ; p = dirname(p)) {
      const st = fs.lstatSync(p);
      chain.push({ path: p, uid: st.uid, mode: st.mode, isDirectory: st.isDirectory() });
      if (dirname(p) === p) break;
    }
    return cacheDirRefusal(chain, process.getuid?.(), avoid, sep) === undefined ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Turns Node's cache on for the modules loaded from now on; any failure leaves it off (it is only a speed-up). */
export function enableCliCompileCache(args: readonly string[]): void {
  const dir = ownCacheDir(args);
  if (dir === undefined) return;
  try {
    // node:module through getBuiltinModule: the scan script's start (src/cli.ts) loads this file and never calls this.
    process.getBuiltinModule('node:module').enableCompileCache(dir);
  } catch {
    // Start without the cache.
  }
}
