// The differential campaign's CI sample: a fixed-seed set of generated pickles, containers and JSON documents is
// read by CPython's own parsers (scripts/differential/oracle.py: the C unpickler with a recording find_class that
// never imports or calls anything, zipfile, tarfile, json) and by Model Gate's file scanner. A bypass is a global a
// loader resolves that Model Gate neither names nor refuses the file for (bench/differential.ts runs the long
// campaign; bench/results/differential.md has its figures).
//
// Today's bypasses are listed in __tests__/fixtures/differential/known-bypasses.json (sample inputs) and
// known-bypasses/ (minimized reproducers). Both lists are exact: a new bypass fails this test, and so does a listed one
// that Model Gate now handles — delete it from the list. Re-run: see the header of bench/differential.ts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chunkFor, compare, Oracle, scanWithModelGate } from '../../scripts/differential/driver.js';

const FIXTURES = '__tests__/fixtures/differential';
const known = JSON.parse(readFileSync(join(FIXTURES, 'known-bypasses.json'), 'utf8')) as { seed: number; start: number; count: number; inputs: Record<string, string> };

describe('Model Gate against CPython on a fixed differential sample', () => {
  // numpy off: the oracle's dtype sizing then uses its documented no-numpy subset, the same on every machine.
  const oracle = new Oracle({ noNumpy: true });
  afterAll(async () => { await oracle.close(); });

  test(`no bypass among the ${known.count} sample inputs (seed ${known.seed}) outside the known list`, async () => {
    const found = new Map<string, string>();
    let n = 0;
    let withGlobals = 0;
    for await (const input of oracle.generate(known.seed, known.start, known.count)) {
      n++;
      if (input.oracle.loaders.some((l) => l.globals.length > 0)) withGlobals++;
      const c = compare(input, input.oracle, scanWithModelGate(input.name, input.bytes, chunkFor(input.i, input.bytes.length)));
      const b = c.bypasses[0];
      if (b) found.set(String(input.i), `${b.cls}: ${b.loader} resolves ${b.global}`);
    }
    expect(n).toBe(known.count);
    // The sample must exercise the oracle: most inputs make CPython resolve a global.
    expect(withGlobals).toBeGreaterThan(known.count / 3);
    const listed = [...found.entries()].filter(([i]) => i in known.inputs);
    if (listed.length > 0) console.log(`known bypasses still present (${listed.length}):\n${listed.map(([i, w]) => `  #${i} ${w}`).join('\n')}`);
    const unexpected = [...found.entries()].filter(([i]) => !(i in known.inputs)).map(([i, w]) => `#${i} ${w}`);
    const nowHandled = Object.keys(known.inputs).filter((i) => !found.has(i)).map((i) => `#${i} (remove it from known-bypasses.json)`);
    expect(unexpected).toEqual([]);
    expect(nowHandled).toEqual([]);
  }, 60_000);

  test('each committed reproducer is still a bypass of its class (delete the ones Model Gate now handles)', async () => {
    const dir = join(FIXTURES, 'known-bypasses');
    // The folder holds only a README when the sample finds nothing (git keeps no empty folder).
    const files = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('.bin')).sort();
    const handled: string[] = [];
    for (const f of files) {
      const meta = JSON.parse(readFileSync(join(dir, f.replace(/\.bin$/, '.json')), 'utf8')) as { name: string; family: string; cls: string; i: number };
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const c = compare(meta, await oracle.check(meta.name, bytes), scanWithModelGate(meta.name, bytes, chunkFor(meta.i, bytes.length)));
      const hit = c.bypasses.find((b) => b.cls === meta.cls);
      if (hit) console.log(`known bypass ${f}: ${hit.loader} resolves ${hit.global}; Model Gate reads ${c.mgFormats}`);
      else handled.push(f);
    }
    expect(handled).toEqual([]);
  }, 60_000);
});
