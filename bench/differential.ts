// Differential campaign: Model Gate's file scanner against CPython's own parsers (scripts/differential/).
//   ./run bench differential --count N --seed S [--start I] [--minimize-budget K] [--no-numpy] [--no-write]
//   ./run bench differential --replay DIR      re-check saved reproducers (DIR/*.bin with their .json)
//   --repro-dir DIR --summary FILE --known-out FILE: where reproducers, the summary and the list of bypassing inputs go
//   (the CI sample's known list: --count 500 --seed 20261206 --no-numpy --repro-dir
//   __tests__/fixtures/differential/known-bypasses --summary none --known-out __tests__/fixtures/differential/known-bypasses.json)
// Writes bench/results/differential.md (counts per class, throughput) and one minimized reproducer per bypass class
// under bench/results/differential/ (CLASS.bin, CLASS.json: the class, the global, the oracle's and Model Gate's view).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { chunkFor, compare, familyOf, minimize, Oracle, scanWithModelGate, type Bypass, type GeneratedInput } from '../scripts/differential/driver.js';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

function slug(cls: string): string {
  return cls.replace(/[^A-Za-z0-9.+-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 120);
}

interface ClassStat { count: number; inputs: number; globals: Map<string, number>; example: GeneratedInput; bypass: Bypass }

async function replay(dir: string): Promise<void> {
  const oracle = new Oracle({ noNumpy: flag('no-numpy') });
  let still = 0;
  let fixed = 0;
  try {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.bin')).sort()) {
      const meta = JSON.parse(readFileSync(join(dir, f.replace(/\.bin$/, '.json')), 'utf8')) as { name: string; family: string; cls: string; i: number };
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const o = await oracle.check(meta.name, bytes);
      const c = compare(meta, o, scanWithModelGate(meta.name, bytes, chunkFor(meta.i, bytes.length)));
      const hit = c.bypasses.find((b) => b.cls === meta.cls) ?? c.bypasses[0];
      if (hit) still++;
      else fixed++;
      console.log(`${hit ? 'BYPASS' : 'fixed '} ${f}  ${hit ? `${hit.loader} resolves ${hit.global}; Model Gate: ${c.mgFormats}` : `Model Gate ${c.refused ? 'refuses it' : 'names every global'}`}`);
    }
  } finally {
    await oracle.close();
  }
  console.log(`${still} still bypass, ${fixed} fixed`);
}

async function main(): Promise<void> {
  const replayDir = arg('replay');
  if (replayDir) return replay(replayDir);
  const count = Number(arg('count', '10000'));
  const seed = Number(arg('seed', '1'));
  const start = Number(arg('start', '0'));
  const budget = Number(arg('minimize-budget', '300'));
  const write = !flag('no-write');
  const oracle = new Oracle({ noNumpy: flag('no-numpy') });
  const classes = new Map<string, ClassStat>();
  const bypassing: Record<string, string> = {};
  const falseAlarms = new Map<string, { count: number; example: GeneratedInput }>();
  const families = new Map<string, { inputs: number; bypassInputs: number }>();
  let inputs = 0;
  let bypassInputs = 0;
  let timeouts = 0;
  let bytes = 0;
  let mgMs = 0;
  let numpy = false;
  const t0 = performance.now();
  try {
    for await (const input of oracle.generate(seed, start, count)) {
      inputs++;
      bytes += input.bytes.length;
      numpy ||= input.oracle.numpy;
      const m0 = performance.now();
      const mg = scanWithModelGate(input.name, input.bytes, chunkFor(input.i, input.bytes.length));
      mgMs += performance.now() - m0;
      const c = compare(input, input.oracle, mg);
      if (c.oracleTimeout) timeouts++;
      const fam = families.get(familyOf(input.family)) ?? { inputs: 0, bypassInputs: 0 };
      fam.inputs++;
      if (c.bypasses.length > 0) { bypassInputs++; fam.bypassInputs++; bypassing[String(input.i)] = c.bypasses[0]?.cls ?? ''; }
      families.set(familyOf(input.family), fam);
      const seen = new Set<string>();
      for (const b of c.bypasses) {
        const s = classes.get(b.cls) ?? { count: 0, inputs: 0, globals: new Map<string, number>(), example: input, bypass: b };
        s.count++;
        if (!seen.has(b.cls)) { s.inputs++; seen.add(b.cls); }
        s.globals.set(b.global, (s.globals.get(b.global) ?? 0) + 1);
        if (input.bytes.length < s.example.bytes.length) { s.example = input; s.bypass = b; }
        classes.set(b.cls, s);
      }
      if (c.falseAlarm) {
        const f = falseAlarms.get(c.falseAlarm) ?? { count: 0, example: input };
        f.count++;
        if (input.bytes.length < f.example.bytes.length) f.example = input;
        falseAlarms.set(c.falseAlarm, f);
      }
      if (inputs % 5000 === 0) {
        const s = (performance.now() - t0) / 1000;
        console.error(`${inputs} inputs, ${bypassInputs} with a bypass, ${classes.size} classes, ${(inputs / s).toFixed(0)} inputs/s`);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const sorted = [...classes.entries()].sort((a, b) => b[1].inputs - a[1].inputs);
    const outDir = arg('repro-dir', 'bench/results/differential') as string;
    const summary = arg('summary', 'bench/results/differential.md') as string;
    const knownOut = arg('known-out');
    if (knownOut) writeFileSync(knownOut, `${JSON.stringify({ seed, start, count, numpy, inputs: bypassing }, null, 1)}\n`);
    const saved: Record<string, string> = {};
    if (write) {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      const checker = new Oracle({ noNumpy: flag('no-numpy') });
      try {
        for (const [cls, s] of sorted) {
          const min = await minimize(checker, s.example, s.example.bytes, cls, budget, s.bypass.global);
          const o = await checker.check(s.example.name, min);
          const mg = scanWithModelGate(s.example.name, min, chunkFor(s.example.i, min.length));
          const c = compare(s.example, o, mg);
          const file = slug(cls);
          saved[cls] = `${outDir.split('/').pop()}/${file}`;
          writeFileSync(join(outDir, `${file}.bin`), min);
          writeFileSync(join(outDir, `${file}.json`), `${JSON.stringify({
            cls, name: s.example.name, family: s.example.family, seed, i: s.example.i, originalBytes: s.example.bytes.length,
            bypass: c.bypasses.find((b) => b.cls === cls) ?? s.bypass,
            oracle: o.loaders.filter((l) => l.globals.length > 0 || l.error),
            modelGate: { formats: mg.outcome.formats, complete: mg.outcome.complete, findings: mg.outcome.findings.map((f) => `${f.severity} ${f.check}: ${f.message}`) }
          }, null, 1)}\n`);
        }
      } finally {
        await checker.close();
      }
    }
    const lines: string[] = [];
    lines.push('# Differential campaign: Model Gate vs CPython\'s own parsers', '');
    lines.push(`Command: \`./run bench differential --count ${count} --seed ${seed}${start ? ` --start ${start}` : ''}\` — ${new Date().toISOString().slice(0, 10)}`);
    lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.versions.node}; oracle numpy: ${numpy ? 'yes' : 'no'}.`, '');
    lines.push(`Inputs: ${inputs} (${(bytes / 1024 ** 2).toFixed(1)} MiB) in ${seconds.toFixed(1)} s — **${(inputs / seconds).toFixed(0)} inputs/s** end to end `
      + `(oracle side-car and Model Gate pipelined; Model Gate alone ${(inputs / (mgMs / 1000)).toFixed(0)} inputs/s). Oracle timeouts: ${timeouts}. `
      + `Inputs that crashed CPython itself (skipped): ${oracle.crashed.length ? oracle.crashed.join(', ') : 'none'}.`, '');
    lines.push(`**Bypasses: ${bypassInputs} inputs** (${(100 * bypassInputs / Math.max(1, inputs)).toFixed(2)} %) in ${classes.size} classes. `
      + 'A bypass: a loader resolves a global that Model Gate neither names in a finding nor refuses the file for '
      + '(JSON: Python keeps a chat template that walks `__globals__` and Model Gate has no template finding).', '');
    lines.push('| class (family \\| Model Gate formats \\| loaders that get through) | inputs | globals (most frequent) | reproducer |', '|---|---|---|---|');
    for (const [cls, s] of sorted) {
      const g = [...s.globals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k]) => `\`${k}\``).join(', ');
      lines.push(`| ${cls.replace(/\|/g, '\\|')} | ${s.inputs} | ${g} | ${saved[cls] ? `${saved[cls]}.bin` : '—'} |`);
    }
    lines.push('', '## Per family', '', '| family | inputs | with a bypass |', '|---|---|---|');
    for (const [f, s] of [...families.entries()].sort()) lines.push(`| ${f} | ${s.inputs} | ${s.bypassInputs} |`);
    lines.push('', '## False alarms', '', 'A whole-file loader reads the file without error, every loader resolves only globals Model Gate calls safe, and Model Gate refuses it.', '');
    lines.push('| class (clean loader \\| blocking check \\| family) | inputs |', '|---|---|');
    for (const [cls, f] of [...falseAlarms.entries()].sort((a, b) => b[1].count - a[1].count)) lines.push(`| ${cls.replace(/^false-alarm \| /, '').replace(/\|/g, '\\|')} | ${f.count} |`);
    const md = `${lines.join('\n')}\n`;
    if (write && summary !== 'none') writeFileSync(summary, md);
    console.log(md);
  } finally {
    await oracle.close();
  }
}

await main();
