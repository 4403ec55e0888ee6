// Where the CLI keeps compiled code across runs: Node's compile cache of its modules (module.enableCompileCache) and
// the scan script's code cache (cli/script-cache.ts). A cache is code V8 runs unchecked, so a folder is used only
// when nothing a scanned repository or archive brings could be in it. Three attacker reviews found ways for a job's
// settings to put the folder inside what is under review (XDG_CACHE_HOME or HOME in a workspace, a link committed in
// a checkout, a second mount), so the folder is not taken from those variables at all: it is the account's own
// cache folder (home from the user database), or MODEL_GATE_CACHE_HOME when the user names one, and then only if
// cacheDirRefusal finds nothing. No cache is only slower. NODE_DISABLE_COMPILE_CACHE=1 turns both off (Node's own
// switch). NODE_COMPILE_CACHE, like NODE_OPTIONS, is Node's own and acts before this code runs: whoever sets the
// environment chooses the code.
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';

/**
 * The cache folder: under MODEL_GATE_CACHE_HOME when that is an absolute path, else the platform's cache folder in
 * the account's home (`accountHome`, from the user database); undefined when there is none.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, accountHome: string): string | undefined {
  const named = env.MODEL_GATE_CACHE_HOME;
  const base = named && isAbsolute(named) ? resolve(named)
    : !accountHome || !isAbsolute(accountHome) ? undefined
      : platform === 'darwin' ? join(accountHome, 'Library', 'Caches')
        : join(accountHome, '.cache');
  return base === undefined ? undefined : join(base, 'model-gate', 'compile-cache');
}

/**
 * Why no cache is kept at all in this process, or undefined. CI: a job's machine is new each time (a cache there saves
 * little) and its workspace holds what is under review, so no cache location is trusted there. Windows: the folder's
 * access lists cannot be checked from here, and the checks below are of owners and mode bits.
 */
export function cacheOff(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '') return 'NODE_DISABLE_COMPILE_CACHE';
  for (const ci of ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TF_BUILD', 'JENKINS_URL', 'BUILDKITE', 'CIRCLECI', 'TEAMCITY_VERSION', 'CODEBUILD_BUILD_ID', 'bamboo_buildKey']) {
    const v = env[ci];
    if (v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0') return ci;
  }
  return platform === 'win32' ? 'Windows' : undefined;
}

/** One folder on the way from the cache folder to the root, as lstat saw it. */
export interface FolderStat {
  path: string;
  /** Device and inode: the folder's identity, whatever path (a link, a second mount) reaches it. */
  id: string;
  uid: number;
  mode: number;
  isDirectory: boolean;
  /** It holds a `.git`: the top of a repository's checkout. */
  repository: boolean;
}

/**
 * Why the cache folder must not be used, or undefined when it may. `chain` is the folder (by its real path) and each
 * folder above it to the root; `avoid` the identities of the folder the CLI runs in (left out when it holds the
 * user's home, where ~/.cache lives) and of every path on the command line. Refused:
 * - anywhere inside an avoided folder, by identity: no spelling of a path (case, links, a second mount) hides it;
 * - anywhere inside a repository's checkout: a workspace's content is what is under review, whatever subfolder;
 * - a folder not this user's alone, or below one that someone other than the user or root can change (a sticky
 *   folder such as /tmp excepted).
 */
export function cacheDirRefusal(chain: readonly FolderStat[], uid: number | undefined, avoid: ReadonlySet<string>): string | undefined {
  const [dir] = chain;
  if (dir === undefined || !dir.isDirectory) return 'not a folder';
  const within = chain.find((f) => avoid.has(f.id));
  if (within !== undefined) return `inside ${within.path}, which this command runs in or reads`;
  const repo = chain.find((f) => f.repository);
  if (repo !== undefined) return `inside the repository at ${repo.path}`;
  if (uid === undefined) return 'no owner to check';
  if (dir.uid !== uid || (dir.mode & 0o022) !== 0) return `${dir.path} is not this user's alone`;
  const open = chain.slice(1).find((f) => (f.uid !== uid && f.uid !== 0) || ((f.mode & 0o022) !== 0 && (f.mode & 0o1000) === 0));
  return open === undefined ? undefined : `${open.path} can be changed by another user`;
}

/**
 * The cache folder, created if need be, when neither cacheOff nor cacheDirRefusal finds anything against it;
 * undefined otherwise. `args`: the command's arguments; those that name something on disk are kept clear of.
 */
export function ownCacheDir(args: readonly string[] = []): string | undefined {
  try {
    const env = process.env;
    if (cacheOff(env, process.platform) !== undefined) return undefined;
    // node:fs and node:os through getBuiltinModule, not an ESM import: the import's namespace runs fs's `promises`
    // getter, which loads fs/promises and Node's streams at every start.
    const fs = process.getBuiltinModule('node:fs');
    const os = process.getBuiltinModule('node:os');
    // The home folder from the user database, not $HOME, which a job can point anywhere.
    const accountHome = fs.realpathSync(os.userInfo().homedir);
    const dir = compileCacheDir(env, process.platform, accountHome);
    if (!dir) return undefined;
    // As bigints: an inode number can pass 2^53, where two numbers would compare equal.
    const idOf = (p: string): string | undefined => {
      const st = fs.statSync(p, { bigint: true, throwIfNoEntry: false });
      return st === undefined ? undefined : `${st.dev}:${st.ino}`;
    };
    const cwd = fs.realpathSync(process.cwd());
    const holdsHome = accountHome === cwd || accountHome.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep);
    const avoid = new Set([...(holdsHome ? [] : [cwd]), ...args].map(idOf).filter((id): id is string => id !== undefined));
    // The nearest folder on the way that exists.
    let existing = dir;
    while (idOf(existing) === undefined && dirname(existing) !== existing) existing = dirname(existing);
    const folder = (p: string): FolderStat | undefined => {
      const st = fs.lstatSync(p, { bigint: true, throwIfNoEntry: false });
      if (st === undefined) return undefined;
      const repository = fs.lstatSync(join(p, '.git'), { throwIfNoEntry: false }) !== undefined;
      return { path: p, id: `${st.dev}:${st.ino}`, uid: Number(st.uid), mode: Number(st.mode), isDirectory: st.isDirectory(), repository };
    };
    /** The folders from `from` up to the root, by its real path, or (`asWritten`) by the path as it is spelt. */
    const chainOf = (from: string, asWritten = false): FolderStat[] => {
      const chain: FolderStat[] = [];
      for (let p = asWritten ? from : fs.realpathSync(from); ; p = dirname(p)) {
        const f = folder(p);
        if (f !== undefined) chain.push(f);
        if (dirname(p) === p) return chain;
      }
    };
    // The folders the path names as written count as well: a link on the way (a `.cache` committed in a checkout that
    // points elsewhere) leaves the real path outside the checkout while the path runs through it. Checked before the
    // folder is made, so it is never made inside what is refused.
    // The real path's folders are walked once when the cache folder exists (the usual start), twice when it is made.
    const above = chainOf(existing);
    if ([...above, ...chainOf(dir, true)].some((f) => avoid.has(f.id) || f.repository)) return undefined;
    if (existing !== dir) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return cacheDirRefusal(existing === dir ? above : chainOf(dir), process.getuid?.(), avoid) === undefined ? dir : undefined;
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
