// What the CLI's start costs a local scan of a checkpoint, which is mostly start (bench/scan-local.ts): measured
// with callgrind, an ESM import of node:fs or node:process ran their lazy getters and loaded fs/promises, Node's
// streams and process.report (about 12% of the whole process's instructions); node:v8 (the heap policy) and
// node:zlib (for one small CRC) another 6%; and one non-ASCII character in a chunk made Node's compile cache hash
// all of it as two-byte text (7%). This runs the built CLI (dist/cli.js) on a real torch checkpoint and on a small
// file, and holds each of those away from the start: a regression here is a slower scan, not a wrong one. And the
// commands that review many files start as the action does, restarted once with V8's start flags. `scan` runs from
// one classic script (dist/scan.cjs), whose text must be ASCII for the one-byte string it is read as.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { START_FLAGS } from '../../src/core/steady-heap.js';

const CHECKPOINT = join(import.meta.dirname, '..', 'fixtures', 'real', 'torch', 'state_dict', 'model.pt');
const SMALL = join(import.meta.dirname, '..', 'fixtures', 'real', 'manifest.json');

// Records Node's built-in modules loaded after the preload itself, and every file: URL loaded (module.registerHooks
// sees each one); built-ins reached through getBuiltinModule so the preload loads nothing of its own.
const PRELOAD = `data:text/javascript,${encodeURIComponent(`
const base = new Set(process.moduleLoadList);
const files = [];
process.getBuiltinModule('node:module').registerHooks({ load(url, context, next) { if (url.startsWith('file:')) files.push(url); return next(url, context); } });
process.on('exit', () => {
  const loaded = JSON.stringify({ builtins: process.moduleLoadList.filter((m) => !base.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13)), files });
  process.getBuiltinModule('node:fs').writeSync(2, 'LOADED ' + loaded + '\\n');
});
`)}`;

/** `dist/cli.js scan PATH` with no cache (the module path), or with a fresh cache folder (the scan script's path). */
function scanStart(path: string, cacheHome?: string): { status: number | null; builtins: string[]; files: string[] } {
  const r = spawnSync(process.execPath, ['--import', PRELOAD, 'dist/cli.js', 'scan', path], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(cacheHome === undefined ? { NODE_DISABLE_COMPILE_CACHE: '1' } : { MODEL_GATE_CACHE_HOME: cacheHome }) }
  });
  const line = /^LOADED (.*)$/m.exec(r.stderr);
  if (!line) throw new Error(`no load record from dist/cli.js scan ${path}: ${r.stderr}`);
  const { builtins, files } = JSON.parse(line[1]!) as { builtins: string[]; files: string[] };
  return { status: r.status, builtins, files: files.map((u) => fileURLToPath(u)) };
}

// node:stream and net: process.stdout on the pipe spawnSync gives the child (the CLI writes to the descriptor).
const AWAY = ['v8', 'zlib', 'internal/fs/promises', 'internal/process/report', 'internal/heap_utils', 'stream', 'net'];
const CASES = [['a torch checkpoint', CHECKPOINT], ['a small JSON file', SMALL]];

test.each(CASES)('without a cache, a scan of %s runs through the modules and loads neither node:v8, node:zlib, fs/promises nor process.report, and only ASCII code', (_what, path) => {
  const { status, builtins, files } = scanStart(path!);
  expect(status).toBe(0);
  expect(builtins.filter((m) => AWAY.includes(m))).toEqual([]);
  // The scanners were loaded (the hook saw them), and every file loaded is ASCII.
  expect(files.length).toBeGreaterThan(5);
  const nonAscii = files.filter((f) => readFileSync(f).some((b) => b > 0x7f));
  expect(nonAscii).toEqual([]);
});

test.each(CASES)('with a cache folder, a scan of %s runs from the script, twice (writing its cache, then from it), loading none of those but zlib and its streams (the cache\'s CRC)', (_what, path) => {
  const cacheHome = mkdtempSync(join(tmpdir(), 'mg-start-'));
  try {
    for (let run = 0; run < 2; run++) {
      const { status, builtins, files } = scanStart(path!, cacheHome);
      expect(status).toBe(0);
      // node:zlib (with the streams it requires) is the CRC-32 of the cache, about 12M instructions of 290M: the one
      // way to a native CRC, and V8 would run a damaged cache unchecked.
      expect(builtins.filter((m) => AWAY.includes(m) && m !== 'zlib' && m !== 'stream')).toEqual([]);
      // The script (src/cli/script-cache.ts) is not seen by the module loader: dist/cli.js and the small chunks of
      // its start (heap policy, exit codes, what they share) loaded, none of the scanners' chunks.
      expect(files.length).toBeLessThanOrEqual(4);
      expect(files.every((f) => statSync(f).size < 16_384)).toBe(true);
      expect(builtins).toContain('vm');
    }
    expect(readdirSync(join(cacheHome, 'model-gate', 'compile-cache')).filter((n) => n.startsWith('scan-'))).toHaveLength(1);
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
  // The script is read as a one-byte string: it must be ASCII.
  expect(readFileSync('dist/scan.cjs').some((b) => b > 0x7f)).toBe(false);
});

test('the heap policy (node:v8) still applies to a scan of a folder, and to every other command', () => {
  const folder = scanStart(join(import.meta.dirname, '..', 'fixtures', 'real', 'torch'));
  expect(folder.builtins).toContain('v8');
  const r = spawnSync(process.execPath, ['--import', PRELOAD, 'dist/cli.js', 'name', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_DISABLE_COMPILE_CACHE: '1' } });
  expect(r.status).toBe(0);
  expect((JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)![1]!) as { builtins: string[] }).builtins).toContain('v8');
});

test('the commands that review many files restart once with the start flags, as the action does; scan does not', () => {
  const argvOf = (...args: string[]): string[] => {
    const probe = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write('EXECARGV ' + JSON.stringify(process.execArgv) + '\\n'));")}`;
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', NODE_DISABLE_COMPILE_CACHE: '1' };
    const r = spawnSync(process.execPath, ['--import', probe, 'dist/cli.js', ...args], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    // execve replaced the first process: one exit, with the flags first and the preload kept.
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('EXECARGV '));
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]!.slice('EXECARGV '.length)) as string[];
  };
  expect(argvOf('review', '--help')).toEqual([...START_FLAGS, '--import', expect.stringMatching(/^data:/)]);
  expect(argvOf('audit', '--help')).toEqual([...START_FLAGS, '--import', expect.stringMatching(/^data:/)]);
  expect(argvOf('scan', '--help')).toEqual(['--import', expect.stringMatching(/^data:/)]);
});
