// Bundles the action (dist/index.js, one self-contained file) and the CLI (dist/cli.js plus its chunks) as ESM.
// Output is deterministic so CI can rebuild and compare it with the committed dist/.
import { build } from 'esbuild';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
// The CLI is split: each subcommand's code (and the libraries only it needs: sigstore, undici, the registry, …) is a
// chunk under dist/chunks/ loaded when that command runs, so `model-gate scan` does not parse 6 MB before it starts.
const cliBanner = `#!/usr/bin/env node\n${banner}`;
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: cliBanner }
});
// esbuild puts the banner on every chunk, and each copy runs createRequire(import.meta.url) when the chunk loads:
// about 2% of a local scan's start over the two dozen chunks it loads. Only chunks that name `require` keep it
// (a mention in a comment or string keeps it too: never removed where it could be needed).
for (const name of await readdir(`${outdir}/chunks`)) {
  const path = `${outdir}/chunks/${name}`;
  const text = await readFile(path, 'utf8');
  if (!text.startsWith(`${cliBanner}\n`)) throw new Error(`${path}: the banner esbuild was given is not at its start`);
  const body = text.slice(cliBanner.length + 1);
  if (!/\brequire\b/.test(body)) await writeFile(path, body);
}
