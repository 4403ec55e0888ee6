// Renderer cost on hostile-sized inputs: one entry with 10,000 findings (long paths, 2 KB evidence) plus 2,000
// inventory files, and 3,000 entries with one finding each. Median of 5 runs per renderer; output sizes show the
// budgets hold. Run: ./run bench report; writes bench/results/report.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Finding, Severity, Verdict } from '../src/core/findings.js';
import { annotationsFor } from '../src/report/annotations.js';
import { renderJsonReport } from '../src/report/json.js';
import { renderComment } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderSummary } from '../src/report/summary.js';
import { renderText } from '../src/report/text.js';
import type { ReportInput } from '../src/core/report.js';
import type { FileReport, Review } from '../src/core/review.js';

const SEVS: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const sha = (i: number): string => i.toString(16).padStart(40, 'a');

function fileReport(path: string): FileReport {
  return { path, size: 123_456_789, sha256: 'ab'.repeat(32), gitOid: 'cd'.repeat(20), lfs: true, formats: ['safetensors'], findings: [], complete: true };
}

function review(i: number, verdict: Verdict, findings: Finding[], files: FileReport[]): Review {
  return { entry: { repo: `org${i}/model-${i}`, revision: sha(i), line: i + 1 }, commit: sha(i), redirects: [], files, findings, verdict, complete: true };
}

function reportInput(reviews: Review[]): ReportInput {
  return { reviews, removed: [], hubUrl: 'https://huggingface.co', allowlistPath: 'approved-models.yaml', policySource: 'defaults', policyChanges: [], toolVersion: '0.0.0' };
}

const deep = `${'directory/'.repeat(100)}weights`;
const cases: Record<string, ReportInput> = {
  '1 entry × 10,000 findings': reportInput([
    review(
      0,
      'rejected',
      Array.from({ length: 10_000 }, (_, i) => ({
        check: `check.${i % 40}`,
        severity: SEVS[i % 5] as Severity,
        message: `Finding ${i}: <b>@team</b> [x](https://evil) ${'m'.repeat(80)}`,
        file: `${deep}/shard-${i}.bin`,
        offset: i * 1024,
        evidence: 'e'.repeat(2_000),
        help: 'Do the specific thing.'
      })),
      Array.from({ length: 2_000 }, (_, i) => fileReport(`${deep}/shard-${i}.bin`))
    )
  ]),
  '3,000 entries × 1 finding': reportInput(
    Array.from({ length: 3_000 }, (_, i) =>
      review(i, i % 3 === 0 ? 'rejected' : 'approved', [{ check: 'x.y', severity: i % 3 === 0 ? 'high' : 'low', message: 'x'.repeat(200) }], [fileReport('model.safetensors')])
    )
  )
};

const renderers: Record<string, (input: ReportInput) => string> = {
  comment: renderComment,
  summary: renderSummary,
  json: (input) => renderJsonReport(input, new Date(0)),
  sarif: renderSarif,
  text: (input) => renderText(input),
  annotations: (input) => JSON.stringify(annotationsFor(input.reviews, input.allowlistPath ?? 'approved-models.yaml'))
};

const rows: string[] = [];
for (const [caseName, input] of Object.entries(cases)) {
  for (const [name, render] of Object.entries(renderers)) {
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < 5; run++) {
      const t = performance.now();
      const out = render(input);
      times.push(performance.now() - t);
      size = out.length;
    }
    times.sort((a, b) => a - b);
    const row = `| ${caseName} | ${name} | ${(times[2] ?? 0).toFixed(0)} ms | ${size.toLocaleString('en')} |`;
    console.log(row);
    rows.push(row);
  }
}

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/report.md',
  `# Report renderers\n\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; median of 5 runs.\n\n` +
    `| Input | Renderer | Time | Output (UTF-16 units) |\n| :-- | :-- | --: | --: |\n${rows.join('\n')}\n`
);
