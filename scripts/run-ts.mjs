// Runs a TypeScript script (a benchmark, a fixture generator) by bundling it to a temporary ESM file first,
// so it resolves the project's `.js` import specifiers exactly as the build does.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

const [script, ...args] = process.argv.slice(2);
if (!script) { console.error('usage: node scripts/run-ts.mjs FILE.ts [ARGS...]'); process.exit(2); }
// Inside the project so the bundle's bare imports resolve from ./node_modules.
mkdirSync('.tools', { recursive: true });
const dir = mkdtempSync(join('.tools', 'ts-run-'));
const out = join(dir, basename(script).replace(/\.ts$/, '.mjs'));
try {
  await build({
    entryPoints: [script], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node24',
    packages: 'external', logLevel: 'warning', absWorkingDir: process.cwd()
  });
  const r = spawnSync(process.execPath, [...process.execArgv, out, ...args], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
