// Benchmark: `model-gate scan` of a local 2 GB torch checkpoint, whole process, against the peer scanners on the
// same file. Model Gate runs every interpretation the streaming scan runs, but a local scan reads only the bytes one
// of them looks at (scan/ahead.ts): local headers, data.pkl and the other records, each storage's 64 KiB sniffed
// head, the candidate HDF5 offsets, the central directory; tensor bytes are passed by. The table says how many bytes
// were read, measured in-process with the same reader.
//
// The file: by default a real checkpoint written by torch.save (bench/torch-checkpoint.py: 64 fp32 randn tensors,
// fixed seed), when some python3 here imports torch (Debian's python3-torch does); otherwise, or with --synthetic,
// the torch.save-shaped zip of __tests__/scan/support/big-zip.ts, whose tensor bytes are all 0x5a. The section
// written says which. --real insists on the torch file.
//
// Rows, each a whole process, interleaved with a `model-gate scan` before each (ours, peer, ours, peer...), after one
// untimed warm-up round; medians:
//   - the peers' operation done with CPython's own modules (central directory, `data.pkl`, pickletools.genops), which
//     needs no peer source;
//   - with --peers DIR, the peers' own code from their sources, DIR holding any of picklescan/, fickling/,
//     modelscan/: picklescan's CLI, fickling's zip scan API (fickling.scan_zip_archive; its CLI reads a torch zip as
//     one raw pickle and answers "No pickle files detected", timed and shown as such), modelscan's CLI. Each must
//     finish as expected (picklescan's summary, fickling's data.pkl result without errors, modelscan's data.pkl scan
//     and summary) or the bench fails. Each peer runs with the first interpreter that imports it: /usr/bin/python3,
//     then the interpreter behind `python3` on PATH (resolved, so a version manager's shim is not timed).
// Making DIR from the peers' snapshots (bare git repositories; archive only the package folders):
//   for p in mmaitre314+picklescan:picklescan:src trailofbits+fickling:fickling:fickling \
//            protectai+modelscan:modelscan:modelscan; do
//     IFS=: read repo name sub <<<"$p"; g=/work/.mirror/$repo/repo; mkdir -p DIR/$name
//     git --git-dir=$g archive HEAD $sub | tar -x -C DIR/$name
//     echo "$(git --git-dir=$g describe --tags) $(git --git-dir=$g show -s --format='%H %cs' HEAD)" > DIR/$name/.source
//   done
// (a git checkout works too: its describe and commit are read with git). modelscan needs click, rich, tomlkit and
// numpy (`apt-get install python3-click python3-rich python3-tomlkit python3-numpy` for /usr/bin/python3); fickling
// needs typing_extensions >= 4.6 (Debian 12's is 4.4, so it runs with the other interpreter where that has it).
//
//   ./run bench scan-local [--size-gib 2] [--runs 5] [--real | --synthetic] [--peers DIR] [--before DIST]
//   (DIST: another build's dist/, timed alongside). Appends a dated section to bench/results/scan-local.md.
import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { streamedTorchZip, streamParts } from '../__tests__/scan/support/big-zip.js';
import { TextCapture } from '../src/review/capture.js';
import { examineFiles } from '../src/review/examine.js';
import { defaultScanFile } from '../src/review/scan-file.js';
import { localReader } from '../src/review/sources/local.js';
import { arg } from './kit.js';

const PEER_OPERATION = `
import pickletools, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('data.pkl'):
        for _ in pickletools.genops(z.read(n)):
            pass
`;

// fickling's documented scan of a zip (loader.scan_zip_archive, exported by the package and used by its CLI's
// --huggingface mode for torch zips): one line per pickle member scanned.
const FICKLING_ZIP = `
import sys, fickling
for name, r in fickling.scan_zip_archive(sys.argv[1], graceful=True).items():
    print(name, r.severity.name, 'errors=%d' % len(r.errors))
`;

interface Done { s: number; code: number | null; out: string; cpu: number; rssMiB: number }

// GNU time, where present, for each process's CPU time (user + sys) and peak RSS: wall time on a shared 2-core
// machine swings with the load, CPU time much less. `measure` is the file it writes to (set in main).
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : '';
let measure = '';

/** Runs a process to its end; its exit status is the caller's to judge. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Done> {
  const timed = GNU_TIME !== '' && measure !== '';
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const p = timed ? spawn(GNU_TIME, ['-o', measure, '-f', '%U %S %M', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env }) : spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const s = (performance.now() - t0) / 1000;
      // The last line: GNU time puts "Command exited with non-zero status N" before it.
      const [user, sys, rssKiB] = timed ? (readFileSync(measure, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number) : [];
      resolveRun({ s, code, out, cpu: (user ?? NaN) + (sys ?? NaN), rssMiB: (rssKiB ?? NaN) / 1024 });
    });
  });
}

async function ok(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Done> {
  const r = await run(cmd, args, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.out.trim().split('\n').slice(-3).join(' / ')}`);
  return r;
}

/** A row of the table: a command, how to tell that it did its job, and what it said. */
interface Row {
  label: string;
  interpreter: string;
  source: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** The outcome in a few words, or throws when the process did not finish as expected. */
  judge(r: Done): string;
  times: number[];
  cpu: number[];
  rss: number[];
  ours: number[];
  outcome: string;
}

/** A row's own, empty, sample arrays. */
const fresh = (): Pick<Row, 'times' | 'cpu' | 'rss' | 'ours' | 'outcome'> => ({ times: [], cpu: [], rss: [], ours: [], outcome: '' });

const lastLines = (out: string, n = 2): string => out.trim().split('\n').slice(-n).join(' / ');

function expect(label: string, cond: boolean, r: Done): void {
  if (!cond) throw new Error(`${label} did not finish as expected (exit ${r.code}): ${lastLines(r.out, 4)}`);
}

async function interpreterOf(python: string): Promise<string> {
  const v = (await run(python, ['-c', 'import sys; print(sys.version.split()[0])'])).out.trim();
  return `${python} (Python ${v})`;
}

/** The first of `pythons` that imports `module` with this PYTHONPATH, or why none could. */
async function pythonFor(pythons: string[], pythonPath: string, module: string): Promise<{ python?: string; why: string }> {
  let why = '';
  for (const python of pythons) {
    const r = await run(python, ['-c', `import ${module}`], { ...process.env, PYTHONPATH: pythonPath });
    if (r.code === 0) return { python, why: '' };
    why ||= `${python}: ${lastLines(r.out, 1)}`;
  }
  return { why };
}

/** "describe commit date" of a peer's source folder: its .source file (see the header), or git. */
async function sourceOf(dir: string): Promise<string> {
  if (existsSync(join(dir, '.source'))) return readFileSync(join(dir, '.source'), 'utf8').trim();
  const d = await run('git', ['-C', dir, 'describe', '--tags']);
  const c = await run('git', ['-C', dir, 'show', '-s', '--format=%H %cs', 'HEAD']);
  return d.code === 0 && c.code === 0 ? `${d.out.trim()} ${c.out.trim()}` : 'unknown';
}

async function peerRows(dir: string, pythons: string[], file: string): Promise<{ rows: Row[]; missing: string[] }> {
  const rows: Row[] = [];
  const missing: string[] = [];
  const add = async (name: string, sub: string, module: string, make: (python: string, env: NodeJS.ProcessEnv, source: string) => Row[]): Promise<void> => {
    const home = join(dir, name);
    if (!existsSync(home)) return;
    const pythonPath = join(home, sub);
    const { python, why } = await pythonFor(pythons, pythonPath, module);
    const source = await sourceOf(home);
    if (!python) {
      missing.push(`${name} (${source}) cannot run here: ${why}`);
      return;
    }
    rows.push(...make(python, { ...process.env, PYTHONPATH: pythonPath }, source));
  };
  await add('picklescan', 'src', 'picklescan.cli', (python, env, source) => [{
    ...fresh(), label: '[picklescan](https://github.com/mmaitre314/picklescan) CLI: `python -m picklescan --path FILE`', interpreter: python, source, env,
    cmd: python, args: ['-m', 'picklescan', '--path', file],
    judge: (r) => {
      expect('picklescan', r.code === 0 && r.out.includes('SCAN SUMMARY') && /Scanned files: 1\b/.test(r.out), r);
      return `exit 0, ${/Infected files: \d+/.exec(r.out)?.[0] ?? '?'}, ${/Dangerous globals: \d+/.exec(r.out)?.[0] ?? '?'}`;
    }
  }]);
  await add('fickling', '', 'fickling', (python, env, source) => [{
    ...fresh(), label: '[fickling](https://github.com/trailofbits/fickling) zip scan API: `fickling.scan_zip_archive(FILE)`', interpreter: python, source, env,
    cmd: python, args: ['-c', FICKLING_ZIP, file],
    judge: (r) => {
      const line = /^\S*data\.pkl (\w+) errors=0$/m.exec(r.out);
      expect('fickling.scan_zip_archive', r.code === 0 && line !== null, r);
      return `data.pkl: ${line![1]}`;
    }
  }, {
    ...fresh(), label: 'fickling CLI: `python -m fickling --check-safety FILE` (does not scan a torch zip)', interpreter: python, source, env,
    cmd: python, args: ['-m', 'fickling', '--check-safety', file],
    judge: (r) => {
      // Reads the zip as a stream of raw pickles; a torch zip holds none at offset 0.
      expect('fickling --check-safety', r.code !== null, r);
      return `exit ${r.code}: ${r.out.trim().split('\n')[0] ?? ''}`;
    }
  }]);
  await add('modelscan', '', 'modelscan.cli', (python, env, source) => [{
    ...fresh(), label: '[modelscan](https://github.com/protectai/modelscan) CLI: `python -m modelscan.cli -p FILE`', interpreter: python, source, env,
    cmd: python, args: ['-m', 'modelscan.cli', '-p', file],
    judge: (r) => {
      expect('modelscan', (r.code === 0 || r.code === 1) && /data\.pkl using modelscan\.scanners\.PickleUnsafeOpScan/.test(r.out) && r.out.includes('--- Summary ---'), r);
      return `exit ${r.code}, ${r.out.includes('No issues found') ? 'no issues found' : 'issues found'}`;
    }
  }]);
  return { rows, missing };
}

async function writeSynthetic(file: string, gib: number): Promise<string> {
  const tensors = 64;
  const { parts } = streamedTorchZip(tensors, Math.floor((gib * 1024 ** 3) / tensors / 64) * 64, 0x5a);
  const ws = createWriteStream(file, { highWaterMark: 8 << 20 });
  for (const c of streamParts(parts, 1 << 20)) {
    if (!ws.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength))) await new Promise<void>((r) => ws.once('drain', () => r()));
  }
  await new Promise((r) => ws.end(r));
  return `a synthetic torch.save-shaped zip (${tensors} stored storages of 0x5a bytes, data.pkl, zip64 end records; __tests__/scan/support/big-zip.ts)`;
}

async function main(): Promise<void> {
  const gib = Number(arg('--size-gib', '2'));
  const runs = Number(arg('--runs', '5'));
  const before = arg('--before', '');
  const peersDir = arg('--peers', '');
  const wantReal = process.argv.includes('--real');
  const wantSynthetic = process.argv.includes('--synthetic');
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-local-'));
  measure = join(dir, 'time.txt');
  try {
    const file = join(dir, 'pytorch_model.bin');
    // The interpreter itself, not a version-manager shim in front of it (pyenv's adds a shell start to each run).
    const pathPython = (await ok('python3', ['-c', 'import sys; print(sys.executable)'])).out.trim();
    const pythons = [...new Set(['/usr/bin/python3', pathPython].filter((p) => existsSync(p)))];
    const torchPython = wantSynthetic ? undefined : (await pythonFor(pythons, '', 'torch')).python;
    if (wantReal && !torchPython) throw new Error(`--real: no python3 here imports torch (tried ${pythons.join(', ')}); install python3-torch or drop --real`);
    let what: string;
    if (torchPython) {
      const t0 = performance.now();
      const g = await ok(torchPython, [resolve('bench/torch-checkpoint.py'), String(gib), file]);
      process.stderr.write(`${g.out.trim()} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      what = `a real checkpoint written by torch.save (\`${torchPython} bench/torch-checkpoint.py ${gib} FILE\`: ${g.out.trim().replace(/^[^:]*: /, '')})`;
    } else {
      what = await writeSynthetic(file, gib);
      if (!wantSynthetic) process.stderr.write('no python3 here imports torch: timing the synthetic zip\n');
    }
    await ok('sh', ['-c', 'cat "$1" > /dev/null', 'sh', file]); // page cache warm for all
    const load0 = loadavg().map((x) => x.toFixed(2)).join(' ');

    const ourArgs = ['dist/cli.js', 'scan', file, '--format', 'json'];
    let verdict = '';
    const ours = async (): Promise<Done> => {
      const o = await ok(process.execPath, ourArgs);
      verdict = (JSON.parse(o.out) as { verdict?: string }).verdict ?? '?';
      return o;
    };
    const rows: Row[] = [{
      ...fresh(), label: "the peers' operation in CPython (central directory, `data.pkl`, `pickletools.genops`)", interpreter: pathPython, source: '',
      cmd: pathPython, args: ['-c', PEER_OPERATION, file], judge: (r) => {
        expect('the CPython operation', r.code === 0, r);
        return 'exit 0';
      }
    }];
    if (before) {
      rows.push({
        ...fresh(), label: `\`model-gate scan\` with \`${before}\``, interpreter: '', source: '',
        cmd: process.execPath, args: [join(before, 'cli.js'), ...ourArgs.slice(1)], judge: (r) => {
          expect(before, r.code === 0, r);
          return 'exit 0';
        }
      });
    }
    const missing: string[] = [];
    if (peersDir) {
      const p = await peerRows(peersDir, pythons, file);
      rows.push(...p.rows);
      missing.push(...p.missing);
      for (const m of p.missing) process.stderr.write(`${m}\n`);
    }

    // Warm-up: byte-code caches, Node's compile cache, each interpreter's own files in the page cache.
    await ours();
    for (const row of rows) row.outcome = row.judge(await run(row.cmd, row.args, row.env));
    const oursAll: Done[] = [];
    for (let i = 0; i < runs; i++) {
      const line: string[] = [];
      for (const row of rows) {
        const a = await ours();
        row.ours.push(a.s);
        oursAll.push(a);
        const r = await run(row.cmd, row.args, row.env);
        const outcome = row.judge(r);
        if (outcome !== row.outcome) throw new Error(`${row.label}: outcome changed between runs: ${row.outcome} then ${outcome}`);
        row.times.push(r.s);
        row.cpu.push(r.cpu);
        row.rss.push(r.rssMiB);
        line.push(`${a.s.toFixed(2)}/${r.s.toFixed(2)}`);
      }
      process.stderr.write(`run ${i + 1} (ours/peer): ${line.join('  ')}\n`);
    }
    const load1 = loadavg().map((x) => x.toFixed(2)).join(' ');
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Bytes the local reader read and passed by, in-process (the same reader and scanners as the CLI).
    const stats = { read: 0, skipped: 0 };
    await examineFiles([{ path: file, size: statSync(file).size }], localReader(() => file, { stats }), { scanFile: defaultScanFile, allow: [], capture: new TextCapture() });
    const mib = (n: number): string => (n / 1024 ** 2).toFixed(1);
    // One after another: three node processes at once on a 2-core machine measured the machine, not the start.
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) starts.push((await ok(process.execPath, ['dist/cli.js', '--version'])).s);
    const versions = new Map<string, string>();
    for (const p of new Set(rows.map((r) => r.interpreter).filter(Boolean))) versions.set(p, await interpreterOf(p));
    const s2 = (x: number): string => x.toFixed(2);
    const mib1 = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(0)} MiB` : '-');
    const flags = `--size-gib ${gib} --runs ${runs}${wantReal ? ' --real' : ''}${wantSynthetic ? ' --synthetic' : ''}${peersDir ? ` --peers ${peersDir}` : ''}${before ? ` --before ${before}` : ''}`;
    const now = new Date().toISOString();
    const md = `
## ${now.slice(0, 10)} ${now.slice(11, 16)} UTC: ${torchPython ? 'a torch.save checkpoint' : 'the synthetic zip'}, ${gib} GiB

Command: \`./run bench scan-local ${flags}\`; ${cpus().length} CPUs, Node ${process.version}; load average before: ${load0}, after: ${load1}.
File: ${what}, page cache warm. One untimed warm-up round, then ${runs} rounds of (\`model-gate scan\`, row) pairs.
\`model-gate scan\` ran before each row's command (${oursAll.length} runs); its verdict: ${verdict}; it reads ${mib(stats.read)} MiB and passes ${mib(stats.skipped)} MiB by. \`model-gate --version\` (process start, for scale): ${s2(med(starts))} s. CPU is user + sys and peak RSS the largest, from GNU time${GNU_TIME ? '' : ' (not present here: not measured)'}.

| | wall, median | CPU, median | peak RSS | \`model-gate scan\` wall in the same pairs | all runs (wall) | outcome | interpreter | source |
| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |
| \`model-gate scan FILE --format json\` | ${s2(med(oursAll.map((o) => o.s)))} s | ${s2(med(oursAll.map((o) => o.cpu)))} s | ${mib1(Math.max(...oursAll.map((o) => o.rssMiB)))} | | ${oursAll.length} runs, ${s2(Math.min(...oursAll.map((o) => o.s)))}-${s2(Math.max(...oursAll.map((o) => o.s)))} | verdict ${verdict} | Node ${process.version} | this branch's dist/ |
${rows.map((r) => `| ${r.label} | ${s2(med(r.times))} s | ${s2(med(r.cpu))} s | ${mib1(Math.max(...r.rss))} | ${s2(med(r.ours))} s | ${r.times.map(s2).join(', ')} | ${r.outcome} | ${versions.get(r.interpreter) ?? ''} | ${r.source} |`).join('\n')}
${missing.map((m) => `\nNot timed: ${m}`).join('')}
`;
    mkdirSync('bench/results', { recursive: true });
    appendFileSync('bench/results/scan-local.md', md);
    process.stdout.write(md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
