// Fails when the committed dist/ is not what the current sources build to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'mg-dist-'));
try {
  execFileSync(process.execPath, ['scripts/build.mjs', fresh], { stdio: 'inherit' });
  // Every file under the folder (the CLI's chunks live in dist/chunks/), as paths relative to it.
  const names = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
  const want = names(fresh);
  let have = [];
  try { have = names('dist'); } catch { /* no dist/ yet */ }
  const stale = [...new Set([...want, ...have])].filter((name) => {
    try { return !readFileSync(join(fresh, name)).equals(readFileSync(join('dist', name))); } catch { return true; }
  });
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(', ')}): run \`./run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log('dist/ is up to date');
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
