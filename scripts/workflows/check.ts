// `./run check` step: lints the example workflows users copy and the project's own (see lint.ts for the rules).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintWorkflow } from './lint.js';

const DIRS = ['.github/examples', '.github/workflows'];
const files = DIRS.flatMap((d) => readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f)));
let bad = 0;
for (const file of files) {
  for (const f of await lintWorkflow(file, readFileSync(file, 'utf8'))) {
    bad++;
    console.error(`${f.file}:${f.line}: [${f.rule}] ${f.message}`);
  }
}
if (bad > 0) {
  console.error(`${bad} workflow problem(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.log(`workflows: ${files.length} file(s) pass the SchemaStore schema, actionlint and the safety rules`);
