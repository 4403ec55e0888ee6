// Bundles the action (dist/index.js) and the CLI (dist/cli.js) into self-contained ESM files.
// Output is deterministic so CI can rebuild and compare it with the committed dist/.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { argv } from 'node:process';

const outdir = argv[2] ?? 'dist';
// CommonJS dependencies call require() for Node built-ins; ESM bundles need a real require for that.
const banner = "import { createRequire as __mgCreateRequire } from 'node:module';\nconst require = __mgCreateRequire(import.meta.url);";

await rm(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  legalComments: 'none',
  logLevel: 'warning',
  sourcemap: false
};
await build({ ...common, entryPoints: ['src/main.ts'], outfile: `${outdir}/index.js`, banner: { js: banner } });
await build({ ...common, entryPoints: ['src/cli.ts'], outfile: `${outdir}/cli.js`, banner: { js: `#!/usr/bin/env node\n${banner}` } });
