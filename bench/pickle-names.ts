// How the cost of one import grows with the length of its dotted name, measured from the pickle VM's side: a
// GLOBAL (and a STACK_GLOBAL) whose module and name have N dotted parts each, scanned whole, against the same
// name classified directly (src/config/security/globals/classify.ts, which the VM calls once per distinct
// global). Run: ./run bench pickle-names [--parts 2001]; writes bench/results/pickle-names.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describeGlobal } from '../src/config/security/globals/index.js';
import { createPickleScanner } from '../src/scan/pickle/index.js';

function globalPickle(mod: string, name: string, stack: boolean): Uint8Array {
  if (!stack) return Buffer.from(`c${mod}\n${name}\n.`, 'latin1');
  const u = (s: string): Buffer => { const b = Buffer.from(s, 'utf8'); const h = Buffer.alloc(5); h[0] = 0x58; h.writeUInt32LE(b.length, 1); return Buffer.concat([h, b]); };
  return Buffer.concat([Buffer.from([0x80, 4]), u(mod), u(name), Buffer.from([0x93, 0x2e])]);
}

function best(fn: () => void, reps = 3): number {
  let b = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    b = Math.min(b, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return b;
}

const args = process.argv.slice(2);
const i = args.indexOf('--parts');
const maxParts = i >= 0 ? Number(args[i + 1]) : 2001;
const rows: string[] = [];
for (const parts of [250, 500, 1000, maxParts]) {
  const mod = Array.from({ length: parts }, (_v, k) => `m${k}`).join('.');
  const name = Array.from({ length: parts }, (_v, k) => `n${k}`).join('.');
  const scan = (stack: boolean) => () => { const s = createPickleScanner({ path: 'x' }); s.push(globalPickle(mod, name, stack)); s.end(); };
  const vmGlobal = best(scan(false));
  const vmStack = best(scan(true));
  const classify = best(() => { describeGlobal(mod, name); });
  const row = `| ${parts} | ${mod.length + name.length} | ${vmGlobal.toFixed(1)} | ${vmStack.toFixed(1)} | ${classify.toFixed(1)} |`;
  console.log(row);
  rows.push(row);
}
const md = [
  '# Pickle import names: cost by dotted length', '',
  `Command: \`./run bench pickle-names${args.length ? ` ${args.join(' ')}` : ''}\` — ${new Date().toISOString().slice(0, 10)}`, '',
  'Best of 3, milliseconds. "VM" scans a one-import pickle whose module and name each have N dotted parts; "classify"',
  'is describeGlobal on the same name alone. The VM parses the name once and classifies each distinct global once, so',
  'any growth beyond linear in the VM columns comes from classify.', '',
  '| parts (each side) | name bytes | VM, GLOBAL ms | VM, STACK_GLOBAL ms | classify ms |', '|---|---|---|---|---|', ...rows, ''
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/pickle-names.md', md);
