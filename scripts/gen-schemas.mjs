// Writes schema/*.schema.json from the configuration schemas in src/config (see src/config/schema/json-schema.ts) and
// the JSON report's schema in src/report/json-schema.ts.
// `--check`: write nothing, fail when a committed file differs from what the sources generate.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const check = process.argv.includes('--check');
mkdirSync('.tools', { recursive: true });
const dir = mkdtempSync(join('.tools', 'gen-schemas-'));
try {
  const out = join(dir, 'json-schema.mjs');
  const entry = join(dir, 'entry.ts');
  // One bundle, so both lists share one zod registry (renderJsonSchema reads examples from it).
  writeFileSync(entry, [
    `export { GENERATED_SCHEMAS, renderJsonSchema } from ${JSON.stringify(resolve('src/config/schema/json-schema.ts'))};`,
    `export { GENERATED_REPORT_SCHEMAS } from ${JSON.stringify(resolve('src/report/json-schema.ts'))};`
  ].join('\n'));
  await build({
    entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm',
    target: 'node24', logLevel: 'warning'
  });
  const { GENERATED_SCHEMAS, GENERATED_REPORT_SCHEMAS, renderJsonSchema } = await import(pathToFileURL(resolve(out)).href);
  const stale = [];
  for (const { path, schema } of [...GENERATED_SCHEMAS, ...GENERATED_REPORT_SCHEMAS]) {
    const text = renderJsonSchema(schema);
    let committed = null;
    try { committed = readFileSync(path, 'utf8'); } catch { /* not generated yet */ }
    if (committed === text) continue;
    if (check) stale.push(path);
    else { writeFileSync(path, text); console.log(`wrote ${path}`); }
  }
  if (stale.length > 0) {
    console.error(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale: run \`./run build\` and commit schema/.`);
    process.exitCode = 1;
  } else if (check) console.log('schema/ is up to date');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
