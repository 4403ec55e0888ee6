// Differential testing of Model Gate's file scanner against CPython's own parsers (scripts/differential/oracle.py).
// One python3 side-car (worker.py) generates inputs and runs the oracle on each; this side scans the same bytes with
// createFileScanner, pushed in chunks with the file's tail, and classifies every disagreement:
//   bypass       a loader resolves a global (or, for JSON, keeps a chat template) that Model Gate neither names in
//                a finding nor refuses the file for (refused = verdict rejected, or not fully examined);
//   false alarm  CPython reads the file cleanly as pickles with only globals Model Gate itself calls safe, yet Model
//                Gate refuses it (counted, never a failure).
// Used by bench/differential.ts (the campaign) and __tests__/scan/differential.test.ts (the CI sample).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { verdictOf, type Finding } from '../../src/core/findings.js';
import { describeGlobal, tierSeverity } from '../../src/config/security/globals/index.js';
import { createFileScanner } from '../../src/scan/file-scanner.js';
import type { ScanOutcome } from '../../src/scan/types.js';
import { zipTailNeeded } from '../../src/scan/zip/index.js';

/** A global as CPython's find_class received it, plus the name its default find_class maps it to (protocol < 3). */
export type OracleGlobal = [string, string] | [string, string, string, string];

export interface OracleLoader {
  loader: string;
  globals: OracleGlobal[];
  pickles: number;
  error?: string;
  pos?: number;
  persistent?: string[];
  notes?: string[];
}

export interface OracleResult {
  name: string;
  size: number;
  loaders: OracleLoader[];
  zip?: { members: { name: string; size: number; error?: string }[]; endrec?: Record<string, unknown>; error?: string };
  tar?: { members: { name: string; size: number; type: string; error?: string }[]; error?: string };
  json?: { accepts: boolean; chat_template?: unknown; error?: string };
  timeout?: boolean;
  error?: string;
  numpy: boolean;
}

export interface GeneratedInput {
  i: number;
  name: string;
  family: string;
  bytes: Uint8Array;
  oracle: OracleResult;
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** The worker script, found from this module or from the project root (run-ts bundles this file elsewhere). */
export function workerPath(): string {
  for (const p of [join(HERE, 'worker.py'), join(process.cwd(), 'scripts/differential/worker.py')]) if (existsSync(p)) return p;
  throw new Error('scripts/differential/worker.py not found: run from the project root');
}

/** The python3 side-car. Requests are answered in order; one reader hands lines to whoever waits. */
export class Oracle {
  private proc!: ChildProcessWithoutNullStreams;
  private lines!: Interface;
  private queue: string[] = [];
  private waiters: ((line: string | null) => void)[] = [];
  private closed = false;
  private stderrTail = '';
  /** Inputs whose oracle run killed the python process (a crash inside CPython): skipped, listed here. */
  readonly crashed: number[] = [];

  constructor(private readonly opts: { noNumpy?: boolean } = {}) {
    this.start();
  }

  private start(): void {
    const env = { ...process.env, PYTHONHASHSEED: '0', ...(this.opts.noNumpy ? { MG_ORACLE_NO_NUMPY: '1' } : {}) };
    this.queue = [];
    this.waiters = [];
    this.closed = false;
    this.stderrTail = '';
    const proc = spawn('python3', [workerPath()], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stderr.on('data', (d: Buffer) => { if (this.proc === proc) this.stderrTail = (this.stderrTail + d.toString()).slice(-2000); });
    proc.stdin.on('error', () => undefined);
    const lines = createInterface({ input: proc.stdout });
    this.lines = lines;
    lines.on('line', (l) => {
      if (this.proc !== proc) return;
      const w = this.waiters.shift();
      if (w) w(l);
      else this.queue.push(l);
    });
    lines.on('close', () => {
      if (this.proc !== proc) return;
      this.closed = true;
      for (const w of this.waiters.splice(0)) w(null);
    });
  }

  private send(req: unknown): void {
    this.proc.stdin.write(`${JSON.stringify(req)}\n`);
  }

  private next(): Promise<string> {
    const l = this.queue.shift();
    if (l !== undefined) return Promise.resolve(l);
    if (this.closed) return Promise.reject(new Error(`oracle worker exited: ${this.stderrTail}`));
    return new Promise((resolve, reject) => this.waiters.push((x) => (x === null ? reject(new Error(`oracle worker exited: ${this.stderrTail}`)) : resolve(x))));
  }

  /**
   * Inputs start..start+count-1 of `seed`, with the oracle's view of each; requests go out `ahead` batches early.
   * A worker that dies (CPython itself crashing on an input) is restarted after that input, which is recorded.
   */
  async *generate(seed: number, start: number, count: number, batch = 200, ahead = 2): AsyncGenerator<GeneratedInput> {
    const end = start + count;
    let from = start;
    while (from < end) {
      let sent = from;
      let expect = from;
      const sendOne = (): void => {
        if (sent >= end) return;
        const n = Math.min(batch, end - sent);
        this.send({ op: 'gen', seed, start: sent, count: n });
        sent += n;
      };
      for (let k = 0; k < ahead; k++) sendOne();
      try {
        while (expect < end) {
          const msg = JSON.parse(await this.next()) as { done?: boolean; i: number; name: string; family: string; b64: string; oracle: OracleResult };
          if (msg.done) { sendOne(); continue; }
          expect = msg.i + 1;
          yield { i: msg.i, name: msg.name, family: msg.family, bytes: new Uint8Array(Buffer.from(msg.b64, 'base64')), oracle: msg.oracle };
        }
        // The last batch's done marker, so the next request starts clean.
        while ((await this.next()) !== '{"done": true}');
        return;
      } catch (err) {
        if (!this.closed) throw err;
        this.crashed.push(expect);
        this.proc.kill();
        this.start();
        from = expect + 1;
      }
    }
  }

  async check(name: string, bytes: Uint8Array): Promise<OracleResult> {
    this.send({ op: 'check', name, b64: Buffer.from(bytes).toString('base64') });
    try {
      const msg = JSON.parse(await this.next()) as { oracle: OracleResult };
      return msg.oracle;
    } catch (err) {
      if (!this.closed) throw err;
      this.proc.kill();
      this.start();
      return { name, size: bytes.length, loaders: [], error: 'oracle worker crashed', numpy: false };
    }
  }

  /** Stops the worker; resolves once it has exited (so test runners see no open handle). */
  close(): Promise<void> {
    const proc = this.proc;
    return new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.stdin.end();
      proc.kill();
    });
  }
}

// ───────────────────────────── Model Gate's side ─────────────────────────────

export interface MgView {
  outcome: ScanOutcome;
  refused: boolean;
  /** Lower-cased text of every finding, to look global names up in. */
  text: string;
}

/** Scans `bytes` as the review does: the tail read first (more when a zip's directory needs it), then chunks. */
export function scanWithModelGate(name: string, bytes: Uint8Array, chunk: number): MgView {
  const size = bytes.length;
  let tail = bytes.subarray(Math.max(0, size - 64 * 1024));
  if (size >= 22) {
    const need = zipTailNeeded(tail, size);
    if (need !== undefined) tail = bytes.subarray(size - need);
  }
  const s = createFileScanner({ path: name, size, ...(size >= 22 ? { tail: tail.slice() } : {}) });
  for (let o = 0; o < size; o += chunk) {
    // A fresh copy per push: the scanner may only keep what it copies (StreamScanner's chunk ownership).
    s.push(bytes.slice(o, Math.min(size, o + chunk)));
  }
  const outcome = s.end();
  const refused = !outcome.complete || verdictOf(outcome.findings) === 'rejected';
  const parts: string[] = outcome.findings.map((f: Finding) => `${f.check} ${f.message} ${f.evidence ?? ''}`);
  const globals = outcome.details?.globals;
  if (Array.isArray(globals)) for (const g of globals as { module: string; name: string }[]) parts.push(`${g.module}.${g.name}`);
  return { outcome, refused, text: parts.join('\n') };
}

// ───────────────────────────── comparison ─────────────────────────────

export interface Bypass {
  /** Which loader read it (zip/tar member names collapsed, pickle(latin1) kept apart). */
  loader: string;
  /** module.name as CPython received it. */
  global: string;
  /** The class this disagreement is filed under. */
  cls: string;
}

export interface Comparison {
  bypasses: Bypass[];
  falseAlarm?: string;
  mgFormats: string;
  refused: boolean;
  oracleTimeout: boolean;
}

/** zip:archive/data.pkl:pickle → zip-member:pickle. */
export function loaderKind(loader: string): string {
  const m = /^(zip|tar):.*:([^:]+)$/s.exec(loader);
  return m ? `${m[1]}-member:${m[2]}` : loader;
}

function isSafe(module: string, name: string): boolean {
  try {
    return tierSeverity(describeGlobal(module, name).tier) === undefined;
  } catch {
    return false;
  }
}

function names(text: string, g: OracleGlobal): boolean {
  const cands = [`${g[0]}.${g[1]}`];
  if (g.length === 4) cands.push(`${g[2]}.${g[3]}`);
  return cands.some((c) => text.includes(c));
}

/** The generator's template: Jinja code (inside {{ }}) that walks to `__globals__`; text outside is never evaluated. */
function chatTemplateIsEvil(t: unknown): boolean {
  if (typeof t === 'string') return /\{\{[^}]*__globals__[^}]*\}\}/.test(t);
  if (Array.isArray(t)) return t.some(chatTemplateIsEvil);
  if (t && typeof t === 'object') return Object.values(t).some(chatTemplateIsEvil);
  return false;
}

export function familyOf(family: string): string {
  return family.replace(/\+mut$/, '');
}

export function compare(input: { name: string; family: string }, oracle: OracleResult, mg: MgView): Comparison {
  const mgFormats = [...new Set(mg.outcome.formats)].sort().join('+') || '(none)';
  const fam = familyOf(input.family);
  const bypasses: Bypass[] = [];
  if (!mg.refused) {
    for (const l of oracle.loaders) {
      for (const g of l.globals) {
        if (isSafe(g[0], g[1]) || (g.length === 4 && isSafe(g[2], g[3]))) continue;
        if (names(mg.text, g)) continue;
        bypasses.push({ loader: loaderKind(l.loader), global: `${g[0]}.${g[1]}`, cls: '' });
      }
    }
    if (oracle.json?.accepts && chatTemplateIsEvil(oracle.json.chat_template) && !mg.outcome.findings.some((f) => f.check.startsWith('template.'))) {
      bypasses.push({ loader: 'json', global: 'chat_template', cls: '' });
    }
    // One class per input: the family, what Model Gate took the bytes for, and every loader that gets through.
    const loaders = [...new Set(bypasses.map((b) => b.loader))].sort().join(',');
    for (const b of bypasses) b.cls = `${fam} | mg:${mgFormats} | ${loaders}`;
  }
  let falseAlarm: string | undefined;
  // Some whole-file loader (pickle.load to EOF, joblib, torch legacy, np.load, torch's zip) reads it without error.
  // ... and consumes it to the last byte (a loader that stops early never vouches for what follows).
  const clean = oracle.loaders.find((l) => !l.loader.includes(':') && l.error === undefined && l.pickles > 0 && l.pos === oracle.size);
  const anyUnsafe = oracle.loaders.some((l) => l.globals.some((g) => !isSafe(g[0], g[1])));
  if (mg.refused && clean && !anyUnsafe && !oracle.timeout) {
    const blocking = mg.outcome.findings.find((f) => f.severity === 'critical' || f.severity === 'high');
    falseAlarm = `false-alarm | ${clean.loader} | ${blocking?.check ?? 'incomplete'} | ${fam}`;
  }
  return { bypasses, ...(falseAlarm ? { falseAlarm } : {}), mgFormats, refused: mg.refused, oracleTimeout: oracle.timeout === true };
}

/** Chunk size for input i: varied so chunk boundaries land everywhere, deterministic per input. */
export function chunkFor(i: number, size: number): number {
  const sizes = [1, 3, 61, 512, 4096, 65536];
  const c = sizes[i % sizes.length] as number;
  return size > 20000 && c < 61 ? 61 : c;
}

// ───────────────────────────── minimization ─────────────────────────────

/**
 * Shrinks `bytes` while the disagreement keeps its class and (when given) its global (ddmin over byte ranges), asking
 * the oracle and Model Gate again for every candidate.
 */
export async function minimize(oracle: Oracle, input: { name: string; family: string; i: number }, bytes: Uint8Array, cls: string, budget = 400, global?: string): Promise<Uint8Array> {
  let best = bytes;
  let tries = 0;
  const still = async (cand: Uint8Array): Promise<boolean> => {
    if (tries++ >= budget || cand.length === 0) return false;
    const o = await oracle.check(input.name, cand);
    const c = compare(input, o, scanWithModelGate(input.name, cand, chunkFor(input.i, cand.length)));
    return c.bypasses.some((b) => b.cls === cls && (global === undefined || b.global === global));
  };
  let n = 2;
  while (best.length >= 2 && tries < budget) {
    const step = Math.ceil(best.length / n);
    let reduced = false;
    for (let s = 0; s < best.length && tries < budget; s += step) {
      const cand = new Uint8Array(best.length - Math.min(step, best.length - s));
      cand.set(best.subarray(0, s), 0);
      cand.set(best.subarray(s + step), s);
      if (await still(cand)) {
        best = cand;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= best.length) break;
      n = Math.min(best.length, n * 2);
    }
  }
  return best;
}
