// `model-gate scan` runs from dist/scan.cjs with a code cache written after the run (src/cli/script-cache.ts). The
// oracle for what it prints is the CLI's module path, the one every other command takes: the same dist/ without
// the script. And the cache is only ever a speed-up: missing, refused, corrupt, unwritable or turned off, the scan
// prints the same; it is written again only when V8 refused it or a run did something it does not hold.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCache, encodeCache, traceToWrite } from '../../src/cli/script-cache.js';
import { cacheDirRefusal, cacheOff, type FolderStat } from '../../src/cli/compile-cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const REAL = join(ROOT, '__tests__', 'fixtures', 'real');
const CHECKPOINT = join(REAL, 'torch', 'state_dict', 'model.pt');
const JOBLIB = join(REAL, 'joblib', 'arrays.joblib.gz');

let work: string;
let moduleDist: string;
let malicious: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mg-script-cache-'));
  // The module path's oracle: dist/ as built, less the script (src/cli.ts then imports cli/main.js).
  moduleDist = join(work, 'module-dist');
  mkdirSync(moduleDist);
  copyFileSync(join(ROOT, 'dist', 'cli.js'), join(moduleDist, 'cli.js'));
  cpSync(join(ROOT, 'dist', 'chunks'), join(moduleDist, 'chunks'), { recursive: true });
  writeFileSync(join(moduleDist, 'package.json'), '{"type":"module"}\n');
  // Raw bytes, never unpickled: protocol 2, GLOBAL os.system, the argument 'id', REDUCE.
  malicious = join(work, 'evil.pkl');
  writeFileSync(malicious, Buffer.concat([Buffer.from([0x80, 0x02]), Buffer.from('cos\nsystem\nX\x02\x00\x00\x00id\x85R.', 'latin1')]));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `cli scan ARGS` with its caches in `cache`, or with caches turned off (undefined); `more` adds to its environment. */
function scan(cli: string, cache: string | undefined, ...args: string[]): Run {
  return scanWith(cli, cache === undefined ? { NODE_DISABLE_COMPILE_CACHE: '1' } : { MODEL_GATE_CACHE_HOME: cache }, args);
}

function scanWith(cli: string, more: NodeJS.ProcessEnv, args: string[], cwd = ROOT): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: join(work, 'no-home'), NO_COLOR: '1', ...more };
  const r = spawnSync(process.execPath, [cli, 'scan', ...args], { encoding: 'utf8', env, cwd });
  return { status: r.status, stdout: r.stdout.replace(/"generatedAt": "[^"]*"/, '"generatedAt": "T"'), stderr: r.stderr };
}

const scriptCli = join(ROOT, 'dist', 'cli.js');
const cacheFiles = (cache: string): string[] => {
  const dir = join(cache, 'model-gate', 'compile-cache');
  return readdirSync(dir).filter((n) => n.startsWith('scan-')).map((n) => join(dir, n));
};

describe('the scan script against the module CLI', () => {
  test.each([
    ['a torch checkpoint, text', [CHECKPOINT]],
    ['a torch checkpoint, json', [CHECKPOINT, '--format', 'json']],
    ['a gzip joblib file, sarif', [JOBLIB, '--format', 'sarif']],
    ['a pickle calling os.system, json', ['--format=json', '--allow', 'x.y', 'EVIL']],
    ['a folder, markdown', [join(REAL, 'torch'), '--format', 'markdown']],
    ['a usage error', ['--formt', 'json', CHECKPOINT]],
    ['help', ['--help']],
    ['a path that is not there', [join(REAL, 'no-such-file')]]
  ])('%s: the same output and exit code', (_what, args) => {
    const argv = args.map((a) => (a === 'EVIL' ? malicious : a));
    const cache = mkdtempSync(join(work, 'cache-'));
    const viaModules = scan(join(moduleDist, 'cli.js'), cache, ...argv);
    const first = scan(scriptCli, cache, ...argv);
    const second = scan(scriptCli, cache, ...argv);
    expect(first).toEqual(viaModules);
    expect(second).toEqual(viaModules);
    expect(first.stdout.length + first.stderr.length).toBeGreaterThan(20);
  });

  test('a pickle that calls os.system blocks through the script (exit 1, the finding named)', () => {
    const r = scan(scriptCli, mkdtempSync(join(work, 'cache-')), '--format', 'json', malicious);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/os\.system/);
  });
});

describe('the cache', () => {
  test('written after the first run, kept while runs do what it holds, grown when one does more', () => {
    const cache = mkdtempSync(join(work, 'cache-'));
    scan(scriptCli, cache, CHECKPOINT);
    const [file] = cacheFiles(cache);
    expect(file).toMatch(/scan-[0-9a-f]{64}-v\d+\.\d+\.\d+-\w+\.bin$/);
    const written = statSync(file!);
    const decoded = decodeCache(readFileSync(file!));
    expect(decoded?.trace).toEqual(expect.arrayContaining(['output text', 'format zip', 'format pytorch-zip', 'check pickle.weights-only']));
    expect(decoded!.data.length).toBeGreaterThan(100_000);
    // The same kind of run: V8 took the cache (or it would have been written again) and it held everything.
    scan(scriptCli, cache, CHECKPOINT);
    expect(statSync(file!).ino).toBe(written.ino);
    // Another output format: written again (renamed into place), with both.
    scan(scriptCli, cache, CHECKPOINT, '--format', 'json');
    expect(statSync(file!).ino).not.toBe(written.ino);
    expect(decodeCache(readFileSync(file!))?.trace).toEqual(expect.arrayContaining(['output text', 'output json']));
    expect(cacheFiles(cache)).toEqual([file]);
  });

  test('a damaged cache (bytes changed, cut short, not a cache) is not used, the scan is unchanged, and the cache is written again', () => {
    const cache = mkdtempSync(join(work, 'cache-'));
    const want = scan(scriptCli, undefined, CHECKPOINT, '--format', 'json');
    scan(scriptCli, cache, CHECKPOINT, '--format', 'json');
    const [file] = cacheFiles(cache);
    const good = decodeCache(readFileSync(file!))!;
    // Changed bytes fail the CRC; data cut short with a matching checksum is refused by V8 itself.
    const damaged = [encodeCache(good), Buffer.from('not a cache'), Buffer.alloc(0), encodeCache({ ...good, data: good.data.subarray(0, 1000) })];
    damaged[0] = Buffer.from(damaged[0]!);
    for (let i = 4096; i < damaged[0].length; i += 997) damaged[0][i]! ^= 0x5a;
    for (const bytes of damaged) {
      writeFileSync(file!, bytes, { mode: 0o600 });
      const before = statSync(file!).ino;
      expect(scan(scriptCli, cache, CHECKPOINT, '--format', 'json')).toEqual(want);
      expect(statSync(file!).ino).not.toBe(before);
      expect(decodeCache(readFileSync(file!))?.data.length).toBeGreaterThan(100_000);
    }
  });

  test('none is written with NODE_DISABLE_COMPILE_CACHE, for a folder (the heap policy changes V8 flags), or in a folder others can write', () => {
    const off = mkdtempSync(join(work, 'cache-'));
    expect(scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: '1' }, [CHECKPOINT]).status).toBe(0);
    expect(readdirSync(off)).toEqual([]);
    // The real torch folder: findings or not, what matters is that it ran and left no cache.
    const folder = mkdtempSync(join(work, 'cache-'));
    expect(scan(scriptCli, folder, join(REAL, 'torch'), '--format', 'json').stdout).toMatch(/"formats"/);
    expect(cacheFiles(folder)).toEqual([]);
    const open = mkdtempSync(join(work, 'cache-'));
    mkdirSync(join(open, 'model-gate', 'compile-cache'), { recursive: true });
    chmodSync(join(open, 'model-gate', 'compile-cache'), 0o777);
    expect(scan(scriptCli, open, CHECKPOINT).status).toBe(0);
    expect(cacheFiles(open)).toEqual([]);
  });
});

test('a script that cannot run is a failure of the tool (exit 4, one line), not "findings block"', () => {
  const broken = join(work, 'broken-dist');
  cpSync(moduleDist, broken, { recursive: true });
  writeFileSync(join(broken, 'scan.cjs'), `// model-gate scan script sha256:${'0'.repeat(64)}\n(function () { throw new Error('no scanner here'); })\n`);
  const r = scan(join(broken, 'cli.js'), mkdtempSync(join(work, 'cache-')), CHECKPOINT);
  expect(r.status).toBe(4);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^model-gate: dist\/scan\.cjs could not run \(Error: no scanner here\): reinstall model-gate\n$/);
});

/** A copy of dist/ (with the script) whose text renderer says POLICY where the real one says policy: same length, same first line. */
function editedDist(): string {
  const dist = join(work, `edited-${Math.random().toString(36).slice(2)}`);
  cpSync(moduleDist, dist, { recursive: true });
  const text = readFileSync(join(ROOT, 'dist', 'scan.cjs'), 'latin1');
  const from = 'lines.push("", paint("2", `policy: ';
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(join(dist, 'scan.cjs'), text.replace(from, from.replace('policy', 'POLICY')), 'latin1');
  return dist;
}

const cacheName = (): string =>
  `scan-${/sha256:([0-9a-f]{64})/.exec(readFileSync(join(ROOT, 'dist', 'scan.cjs'), 'latin1'))![1]}-${process.version}-${process.arch}.bin`;

describe('a cache that this user did not write where it belongs is never run', () => {
  test('an edited script (same length, same first line) does not run the cache of the one before', () => {
    const cache = mkdtempSync(join(work, 'cache-'));
    expect(scan(scriptCli, cache, CHECKPOINT).stdout).toMatch(/^policy: defaults$/m);
    const edited = editedDist();
    mkdirSync(join(cache, 'model-gate', 'compile-cache'), { recursive: true });
    // The genuine script's cache, under the same name the edited script looks for.
    expect(scan(join(edited, 'cli.js'), cache, CHECKPOINT).stdout).toMatch(/^POLICY: defaults$/m);
    expect(scan(join(edited, 'cli.js'), cache, CHECKPOINT).stdout).toMatch(/^POLICY: defaults$/m);
  });

  // The attack: someone else's script (here the edited one), its cache relabelled as the genuine script's (the
  // script's bytes are public, so its CRC is too), planted where the CLI might look.
  function forgedCache(): Buffer {
    const cache = mkdtempSync(join(work, 'cache-'));
    const edited = editedDist();
    scan(join(edited, 'cli.js'), cache, CHECKPOINT);
    const made = decodeCache(readFileSync(cacheFiles(cache)[0]!))!;
    return Buffer.from(encodeCache({ ...made, scriptCrc: crc32(readFileSync(join(ROOT, 'dist', 'scan.cjs'))) }));
  }

  test('a forged cache runs where the user keeps theirs (the folder is the trust), and nowhere a repository can put it', () => {
    const forged = forgedCache();
    const plant = (cacheHome: string, mode = 0o600): string => {
      const dir = join(cacheHome, 'model-gate', 'compile-cache');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, cacheName());
      rmSync(file, { force: true });
      writeFileSync(file, forged, { mode });
      return file;
    };
    // The control: in the user's own cache folder, V8 runs it (this is what the checks below keep a repository from).
    const own = mkdtempSync(join(work, 'cache-'));
    plant(own);
    expect(scan(scriptCli, own, CHECKPOINT).stdout).toMatch(/^POLICY: defaults$/m);
    // Inside the folder being scanned (a CI workspace with MODEL_GATE_CACHE_HOME in it).
    const repo = mkdtempSync(join(work, 'repo-'));
    copyFileSync(CHECKPOINT, join(repo, 'model.pt'));
    plant(join(repo, '.cache'));
    const inRepo = scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: join(repo, '.cache') }, [repo, '--format', 'text']);
    expect(inRepo.stdout).toMatch(/^policy: defaults$/m);
    // Inside the folder the CLI runs in, scanning a file elsewhere.
    const fromRepo = scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: join(repo, '.cache') }, [CHECKPOINT], repo);
    expect(fromRepo.stdout).toMatch(/^policy: defaults$/m);
    // As a checkout or an archive leaves a file (readable by others), a link, or a second name of another file.
    const checkedOut = mkdtempSync(join(work, 'cache-'));
    const file = plant(checkedOut, 0o644);
    expect(scan(scriptCli, checkedOut, CHECKPOINT).stdout).toMatch(/^policy: defaults$/m);
    const elsewhere = join(work, `forged-${Math.random().toString(36).slice(2)}.bin`);
    writeFileSync(elsewhere, forged, { mode: 0o600 });
    rmSync(file);
    symlinkSync(elsewhere, file);
    expect(scan(scriptCli, checkedOut, CHECKPOINT).stdout).toMatch(/^policy: defaults$/m);
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(elsewhere)).toEqual(forged);
    rmSync(file);
    linkSync(elsewhere, file);
    expect(scan(scriptCli, checkedOut, CHECKPOINT).stdout).toMatch(/^policy: defaults$/m);
    expect(readFileSync(elsewhere)).toEqual(forged);
  });

  test('a folder above the cache that others can write refuses it, unless sticky (/tmp)', () => {
    const open = mkdtempSync(join(work, 'open-'));
    chmodSync(open, 0o777);
    scan(scriptCli, join(open, 'cache'), CHECKPOINT);
    expect(cacheFiles(join(open, 'cache'))).toEqual([]);
    chmodSync(open, 0o1777);
    scan(scriptCli, join(open, 'cache'), CHECKPOINT);
    expect(cacheFiles(join(open, 'cache'))).toHaveLength(1);
  });

  test('run from a folder that holds the account\'s home (from the user database), the cache is kept; HOME and XDG_CACHE_HOME pointed into a workspace are not read', () => {
    // "/" holds every home: the folder run in is not avoided, so a cache below it is fine.
    const cache = mkdtempSync(join(work, 'cache-'));
    expect(scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: cache }, [CHECKPOINT], '/').status).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(1);
    // A job that points HOME or XDG_CACHE_HOME into its workspace: neither is read, so the workspace's cache is not.
    const workspace = mkdtempSync(join(work, 'ws-'));
    const forged = forgedCache();
    for (const base of [join(workspace, 'home', '.cache'), join(workspace, '.cache')]) {
      const dir = join(base, 'model-gate', 'compile-cache');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, cacheName()), forged, { mode: 0o600 });
    }
    for (const env of [{ HOME: join(workspace, 'home') }, { XDG_CACHE_HOME: join(workspace, '.cache') }]) {
      const r = scanWith(scriptCli, env, [CHECKPOINT], join(workspace, 'home'));
      expect({ env, out: r.stdout }).toEqual({ env, out: expect.stringMatching(/^policy: defaults$/m) });
    }
    expect(readFileSync(join(workspace, '.cache', 'model-gate', 'compile-cache', cacheName()))).toEqual(forged);
  });

  test('a cache folder reached through a link committed in a checkout is not used, though its real path is outside', () => {
    const checkout = mkdtempSync(join(work, 'checkout-'));
    mkdirSync(join(checkout, '.git'));
    const unpacked = mkdtempSync(join(work, 'unpacked-'));
    copyFileSync(CHECKPOINT, join(unpacked, 'model.pt'));
    const dir = join(unpacked, 'model-gate', 'compile-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const forged = forgedCache();
    writeFileSync(join(dir, cacheName()), forged, { mode: 0o600 });
    symlinkSync(unpacked, join(checkout, '.cache'));
    const r = scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: join(checkout, '.cache') }, [join(unpacked, 'model.pt')], checkout);
    expect(r.stdout).toMatch(/^policy: defaults$/m);
    // The control: named by its real path, outside any checkout and not scanned as a folder, the user's folder is used.
    expect(scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: unpacked }, [CHECKPOINT]).stdout).toMatch(/^POLICY: defaults$/m);
  });

  test('a cache folder anywhere inside a repository\'s checkout is not used, whatever part of it is scanned from wherever', () => {
    const workspace = mkdtempSync(join(work, 'ws-'));
    mkdirSync(join(workspace, '.git'));
    mkdirSync(join(workspace, 'models'));
    mkdirSync(join(workspace, 'tools'));
    copyFileSync(CHECKPOINT, join(workspace, 'models', 'model.pt'));
    const forged = forgedCache();
    const dir = join(workspace, '.cache', 'model-gate', 'compile-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, cacheName()), forged, { mode: 0o600 });
    for (const [cwd, path] of [[join(workspace, 'tools'), '../models'], [ROOT, join(workspace, 'models', 'model.pt')], [join(workspace, 'models'), '.']] as const) {
      const r = scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: join(workspace, '.cache') }, [path], cwd);
      expect({ cwd, path, out: r.stdout }).toEqual({ cwd, path, out: expect.stringMatching(/^policy: defaults$/m) });
    }
    // The control: the same forged file outside any repository, in a folder only the user can change, is run.
    const own = mkdtempSync(join(work, 'cache-'));
    mkdirSync(join(own, 'model-gate', 'compile-cache'), { recursive: true, mode: 0o700 });
    writeFileSync(join(own, 'model-gate', 'compile-cache', cacheName()), forged, { mode: 0o600 });
    expect(scan(scriptCli, own, CHECKPOINT).stdout).toMatch(/^POLICY: defaults$/m);
  });

  test('no cache is read or written in CI', () => {
    const cache = mkdtempSync(join(work, 'cache-'));
    expect(scanWith(scriptCli, { MODEL_GATE_CACHE_HOME: cache, CI: 'true' }, [CHECKPOINT]).status).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });

  test('a cache that cannot be written (a folder at its name) leaves output and exit code alone, and no file behind', () => {
    const cache = mkdtempSync(join(work, 'cache-'));
    const dir = join(cache, 'model-gate', 'compile-cache');
    mkdirSync(join(dir, cacheName()), { recursive: true, mode: 0o700 });
    chmodSync(join(cache, 'model-gate'), 0o700);
    chmodSync(dir, 0o700);
    expect(scan(scriptCli, cache, '--format', 'json', malicious)).toEqual(scan(scriptCli, undefined, '--format', 'json', malicious));
    expect(readdirSync(dir)).toEqual([cacheName()]);
  });
});

describe('cacheDirRefusal and cacheOff', () => {
  const f = (path: string, uid: number, mode: number, more: Partial<FolderStat> = {}): FolderStat => ({ path, id: `1:${path}`, uid, mode, isDirectory: true, repository: false, ...more });
  const chain = [f('/home/u/.cache/model-gate/compile-cache', 1000, 0o40700), f('/home/u/.cache/model-gate', 1000, 0o40700), f('/home/u/.cache', 1000, 0o40755), f('/home/u', 1000, 0o40750), f('/home', 0, 0o40755), f('/', 0, 0o40755)];
  const none = new Set<string>();
  test('the user\'s folder under folders of theirs or root\'s that no one else can change', () => {
    expect(cacheDirRefusal(chain, 1000, none)).toBeUndefined();
    expect(cacheDirRefusal([chain[0]!, f('/tmp', 0, 0o41777), f('/', 0, 0o40755)], 1000, none)).toBeUndefined();
  });
  test('refused: no owner to check, another owner, writable by others up the chain (not sticky), not a folder', () => {
    expect(cacheDirRefusal(chain, undefined, none)).toBe('no owner to check');
    expect(cacheDirRefusal([f(chain[0]!.path, 1001, 0o40700), ...chain.slice(1)], 1000, none)).toMatch(/not this user's alone/);
    expect(cacheDirRefusal([f(chain[0]!.path, 1000, 0o40770), ...chain.slice(1)], 1000, none)).toMatch(/not this user's alone/);
    expect(cacheDirRefusal([chain[0]!, chain[1]!, f('/home/u/.cache', 1000, 0o40777), ...chain.slice(3)], 1000, none)).toMatch(/^\/home\/u\/.cache can be changed/);
    expect(cacheDirRefusal([...chain.slice(0, 4), f('/home', 1002, 0o40755), chain[5]!], 1000, none)).toMatch(/^\/home can be changed/);
    expect(cacheDirRefusal([f(chain[0]!.path, 1000, 0o100600, { isDirectory: false }), ...chain.slice(1)], 1000, none)).toBe('not a folder');
  });
  test('refused: inside a folder the command runs in or reads, by identity (another path to it changes nothing), or inside a repository', () => {
    expect(cacheDirRefusal(chain, 1000, new Set(['1:/home/u/.cache']))).toMatch(/^inside \/home\/u\/.cache, which/);
    expect(cacheDirRefusal(chain, 1000, new Set(['1:/']))).toMatch(/^inside \/,/);
    // The same folder reached as /mnt/src (a second mount): its identity is the one avoided.
    expect(cacheDirRefusal([chain[0]!, chain[1]!, f('/home/u/.cache', 1000, 0o40755, { id: '7:42' }), ...chain.slice(3)], 1000, new Set(['7:42']))).toMatch(/^inside/);
    expect(cacheDirRefusal(chain, 1000, new Set(['1:/home/u/.cach', '2:/home/u/.cache']))).toBeUndefined();
    expect(cacheDirRefusal([chain[0]!, chain[1]!, chain[2]!, f('/home/u', 1000, 0o40750, { repository: true }), ...chain.slice(4)], 1000, none)).toBe('inside the repository at /home/u');
  });
  test('no cache in CI, on Windows, or when Node\'s switch says so', () => {
    expect(cacheOff({}, 'linux')).toBeUndefined();
    expect(cacheOff({ CI: 'true' }, 'linux')).toBe('CI');
    expect(cacheOff({ CI: 'false', GITHUB_ACTIONS: 'true' }, 'linux')).toBe('GITHUB_ACTIONS');
    expect(cacheOff({ CI: '0', JENKINS_URL: '' }, 'darwin')).toBeUndefined();
    expect(cacheOff({ TF_BUILD: 'True' }, 'linux')).toBe('TF_BUILD');
    expect(cacheOff({ CODEBUILD_BUILD_ID: 'p:1' }, 'linux')).toBe('CODEBUILD_BUILD_ID');
    expect(cacheOff({ NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux')).toBe('NODE_DISABLE_COMPILE_CACHE');
    expect(cacheOff({}, 'win32')).toBe('Windows');
  });
});

describe('traceToWrite', () => {
  test('nothing when the cache V8 took holds the run; the union when it lacks some; the run alone when refused or absent', () => {
    expect(traceToWrite(['output text', 'format zip'], false, ['format zip', 'output text'])).toBeUndefined();
    expect(traceToWrite(['output text'], false, ['output text', 'output json', 'output json'])).toEqual(['output text', 'output json']);
    expect(traceToWrite(['output text'], true, ['output json'])).toEqual(['output json']);
    expect(traceToWrite(undefined, false, ['output text', 'output text'])).toEqual(['output text']);
    expect(traceToWrite(undefined, false, [])).toEqual([]);
  });
  test('the file format round-trips; what is not one, or whose data changed, decodes to nothing', () => {
    for (const data of [Uint8Array.from([1, 2, 3]), Uint8Array.from({ length: 4099 }, (_, i) => (i * 7) & 0xff), new Uint8Array(0)]) {
      for (const trace of [['a', 'b c'], [], ['output text', 'format zip']]) {
        const file = encodeCache({ trace, scriptCrc: 0xdeadbeef, data });
        expect(decodeCache(file)).toEqual({ trace, scriptCrc: 0xdeadbeef, data });
        // One bit changed anywhere in the data, or the data one byte shorter: refused.
        for (let i = file.length - data.length; i < file.length; i += 13) {
          const flipped = Uint8Array.from(file);
          flipped[i]! ^= 1;
          expect(decodeCache(flipped)).toBeUndefined();
        }
        if (data.length > 0) expect(decodeCache(file.subarray(0, file.length - 1))).toBeUndefined();
      }
    }
    expect(decodeCache(Uint8Array.from([9, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]))).toBeUndefined();
    expect(decodeCache(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBeUndefined();
    expect(decodeCache(Uint8Array.from([1, 2]))).toBeUndefined();
  });
});
