// Pickle VM throughput: an opcode-dense pickle (a dict of 1M small entries, ~100 MB, protocol 4 with frames) and a
// byte-heavy one (1 GB of BYTEARRAY8/BINBYTES8 literals, protocol 5). Each file is read with 1 MiB chunks and no
// work (the baseline), then read into the scanner; every run is its own child process so peak RSS (VmHWM) is
// the scan's own. Run: ./run bench pickle [--dense-entries N] [--heavy-mib N]; writes bench/results/pickle.md.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createPickleScanner } from '../src/scan/pickle/index.js';

const CHUNK = 1 << 20;

function vmHWM(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Buffered file writer: collects opcodes into 4 MiB blocks. */
class Out {
  private buf = Buffer.alloc(4 << 20);
  private n = 0;
  private readonly ws;
  constructor(path: string) { this.ws = createWriteStream(path); }
  async bytes(b: Uint8Array | number[]): Promise<void> {
    if (this.n + b.length > this.buf.length) await this.flush();
    if (b.length > this.buf.length) { await this.write(Buffer.from(b)); return; }
    for (let i = 0; i < b.length; i++) this.buf[this.n++] = b[i] as number;
  }
  async flush(): Promise<void> {
    if (this.n === 0) return;
    await this.write(Buffer.from(this.buf.subarray(0, this.n)));
    this.n = 0;
  }
  write(b: Buffer): Promise<void> {
    return new Promise((res) => { if (this.ws.write(b)) res(); else this.ws.once('drain', res); });
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((res) => this.ws.end(res));
  }
}

const le = (v: number, n: number): number[] => { const o: number[] = []; for (let i = 0; i < n; i++) { o.push(v % 256); v = Math.floor(v / 256); } return o; };
const sbu = (s: string): number[] => [0x8c, s.length, ...Buffer.from(s, 'latin1')];

/** {f"model.layers.{i}.self_attn.q_proj.w": (i, 0.5, f"dev{i}", [i, i+1, i+2, i+3]) for i in range(n)} */
async function writeDense(path: string, entries: number): Promise<void> {
  const out = new Out(path);
  await out.bytes([0x80, 4]);
  let frame: number[] = [0x7d, 0x94]; // EMPTY_DICT MEMOIZE
  const flushFrame = async () => { await out.bytes([0x95, ...le(frame.length, 8)]); await out.bytes(frame); frame = []; };
  for (let i = 0; i < entries; i += 1000) {
    frame.push(0x28); // MARK
    for (let j = i; j < Math.min(entries, i + 1000); j++) {
      frame.push(...sbu(`model.layers.${j}.self_attn.q_proj.w`), 0x94);
      frame.push(0x28, 0x4a, ...le(j, 4), 0x47, 0x3f, 0xe0, 0, 0, 0, 0, 0, 0, ...sbu(`dev${j}`), 0x94);
      frame.push(0x5d, 0x94, 0x28, 0x4a, ...le(j, 4), 0x4a, ...le(j + 1, 4), 0x4a, ...le(j + 2, 4), 0x4a, ...le(j + 3, 4), 0x65);
      frame.push(0x74, 0x94); // TUPLE MEMOIZE
      if (frame.length >= 65536) await flushFrame();
    }
    frame.push(0x75); // SETITEMS
  }
  frame.push(0x2e);
  await flushFrame();
  await out.close();
}

/** [bytearray(256 MiB), bytes(256 MiB), ...] totalling `mib` MiB of pseudo-random bytes. */
async function writeHeavy(path: string, mib: number): Promise<void> {
  const out = new Out(path);
  await out.bytes([0x80, 5, 0x95, ...le(3, 8), 0x5d, 0x94, 0x28]); // PROTO 5, FRAME, EMPTY_LIST MEMOIZE MARK
  const block = Buffer.alloc(CHUNK);
  let x = 0x9e3779b9;
  for (let i = 0; i < block.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; block[i] = x & 0xff; }
  const per = 256;
  for (let done = 0, k = 0; done < mib; done += per, k++) {
    const size = Math.min(per, mib - done) * CHUNK;
    await out.bytes([k % 2 === 0 ? 0x96 : 0x8e, ...le(size, 8)]);
    await out.flush();
    for (let w = 0; w < size; w += CHUNK) await out.write(block);
    await out.bytes([0x94]);
  }
  await out.bytes([0x95, ...le(2, 8), 0x65, 0x2e]); // FRAME, APPENDS, STOP
  await out.close();
}

async function child(kind: 'read' | 'scan', path: string): Promise<void> {
  const scanner = kind === 'scan' ? createPickleScanner({ path }) : null;
  const t0 = process.hrtime.bigint();
  let n = 0;
  for await (const c of createReadStream(path, { highWaterMark: CHUNK })) {
    const chunk = c as Buffer;
    n += chunk.length;
    scanner?.push(chunk);
  }
  const outcome = scanner?.end();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({
    bytes: n, ms, rss: vmHWM(), complete: outcome?.complete, findings: outcome?.findings.map((f) => f.check), details: outcome ? { pickles: outcome.details?.pickles, opcodes: outcome.details?.opcodes } : undefined
  }));
}

interface Run { bytes: number; ms: number; rss: number; complete?: boolean; findings?: string[]; details?: unknown }

function runChild(kind: string, path: string): Run {
  const r = spawnSync(process.execPath, [process.argv[1] as string, 'child', kind, path], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

function best(kind: string, path: string, reps: number): Run {
  let b: Run | undefined;
  for (let i = 0; i < reps; i++) { const r = runChild(kind, path); if (!b || r.ms < b.ms) b = r; }
  return b as Run;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === 'child') return child(args[1] as 'read' | 'scan', args[2] as string);
  const opt = (name: string, dflt: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
  const entries = opt('--dense-entries', 1_000_000);
  const heavyMib = opt('--heavy-mib', 1024);
  const dir = mkdtempSync(join(tmpdir(), 'pickle-bench-'));
  const rows: string[] = [];
  try {
    const files: [string, string, () => Promise<void>][] = [
      ['opcode-dense', join(dir, 'dense.pkl'), () => writeDense(join(dir, 'dense.pkl'), entries)],
      ['byte-heavy', join(dir, 'heavy.pkl'), () => writeHeavy(join(dir, 'heavy.pkl'), heavyMib)]
    ];
    for (const [label, path, gen] of files) {
      await gen();
      const size = statSync(path).size;
      runChild('read', path); // warm the page cache
      const read = best('read', path, 3);
      const scan = best('scan', path, 3);
      const mb = size / 1e6;
      const row = {
        label, sizeMB: mb.toFixed(1), readMBs: (mb / (read.ms / 1000)).toFixed(0), scanMBs: (mb / (scan.ms / 1000)).toFixed(0),
        ratio: (scan.ms / read.ms).toFixed(2), readRss: (read.rss / 2 ** 20).toFixed(0), scanRss: (scan.rss / 2 ** 20).toFixed(0)
      };
      console.log(JSON.stringify({ ...row, complete: scan.complete, findings: scan.findings, details: scan.details }));
      rows.push(`| ${label} | ${row.sizeMB} | ${row.readMBs} | ${row.scanMBs} | ${row.ratio}× | ${row.readRss} | ${row.scanRss} | ${scan.complete ? 'yes' : 'NO'} |`);
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const md = [
    '# Pickle VM throughput', '',
    `Command: \`./run bench pickle${args.length ? ` ${args.join(' ')}` : ''}\` — ${new Date().toISOString().slice(0, 10)}`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.versions.node}; shared with other jobs.`,
    '', 'Each figure is the best of 3 child processes reading the file with 1 MiB chunks from a warm page cache.',
    '"read" does nothing with the chunks; "scan" pushes them into `createPickleScanner`. Peak RSS is VmHWM of that process.', '',
    '| file | MB | read MB/s | scan MB/s | scan/read time | read peak RSS MiB | scan peak RSS MiB | complete |',
    '|---|---|---|---|---|---|---|---|', ...rows, '',
    'Targets: ≥ 50 MB/s opcode-dense, ≥ 1 GB/s byte-heavy, peak RSS < 150 MB whatever the size.', ''
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/pickle.md', md);
  console.log(md);
}

await main();
