// Bundles the action (dist/index.js, one self-contained file) and the CLI (dist/cli.js plus its chunks) as ESM.
// Output is deterministic so CI can rebuild and compare it with the committed dist/.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { argv } from 'node:process';
import { Script } from 'node:vm';

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
for (const path of [`${outdir}/cli.js`, ...(await readdir(`${outdir}/chunks`)).map((name) => `${outdir}/chunks/${name}`)]) {
  const text = await readFile(path, 'utf8');
  if (!text.startsWith(`${cliBanner}\n`)) throw new Error(`${path}: the banner esbuild was given is not at its start`);
  const body = text.slice(cliBanner.length + 1);
  if (!/\brequire\b/.test(body)) await writeFile(path, path.endsWith('/cli.js') ? `#!/usr/bin/env node\n${body}` : body);
}

// `model-gate scan` again, as one classic script (dist/scan.cjs) that src/cli.ts runs through vm.Script: V8 can
// write a code cache of a script after it ran, with the functions compiled while it ran, which Node's compile cache
// of ES modules (written when a module is compiled, before it runs) cannot hold. Measured with callgrind on a
// checkpoint's scan: about a third fewer instructions for the whole process (src/cli/script-cache.ts).
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/scan-main.ts'],
  outfile: `${outdir}/scan.cjs`,
  // import.meta means nothing in a classic script: esbuild would make it {} with a warning.
  logOverride: { 'empty-import-meta': 'error' }
});
{
  const path = `${outdir}/scan.cjs`;
  let body = await readFile(path, 'utf8');
  // The loader reads the script as Latin-1 (a one-byte string: V8 compiles and checks its cache faster than over
  // two-byte text: measured, 30% more instructions for the whole scan). esbuild already escapes non-ASCII wherever it
  // means something (strings, templates, patterns, names); what is left is in comments, where an escape is as good.
  body = body.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // The script runs with a require that gives only Node's built-ins (everything else is bundled), and without an
  // ES module loader: a dynamic import() would fail at run time, so it fails the build.
  const required = [...body.matchAll(/\brequire\(("[^"]*"|'[^']*'|[^)]*)\)/g)].map((m) => m[1]);
  const foreign = required.filter((id) => !/^(["'])node:[a-z_/]+\1$/.test(id));
  if (foreign.length > 0) throw new Error(`${path}: requires what is not a node: built-in (${[...new Set(foreign)].join(', ')})`);
  // Strict, as the ES modules it was bundled from (esbuild says so in the bundle's first line).
  if (!body.startsWith('"use strict";\n')) throw new Error(`${path}: the bundle does not start with "use strict"`);
  if (/\bimport\(/.test(body) || /\bimport(\.|_)meta\b/.test(body)) throw new Error(`${path}: import() or import.meta left in a classic script`);
  // CommonJS's own wrapper, written here rather than by the loader: the file is the one function expression V8
  // compiles, so its line numbers are the file's.
  const script = `(function (exports, require, module, __filename, __dirname) {\n${body}})\n`;
  // The first line names the rest of the file by its SHA-256: the key of the code cache, because V8 checks a cache
  // against the source's length only.
  const text = `// model-gate scan script sha256:${createHash('sha256').update(script).digest('hex')}\n${script}`;
  // Compiled once here, as the CLI will compile it: a script that does not parse fails the build, not a user's scan.
  new Script(text, { filename: path });
  await writeFile(path, text);
}
