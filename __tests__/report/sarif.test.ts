import { ALLOWLIST_RULE, SARIF_MAX_RESULTS, buildSarif, renderSarif, sarifLevel } from '../../src/report/sarif.js';
import { ruleText } from '../../src/report/rules.js';
import { HUB, finding, input, review, sample, sha } from './fixtures.js';

describe('SARIF', () => {
  const log = buildSarif(sample());
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with the required fields', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run?.tool.driver.name).toBe('model-gate');
    expect(run?.tool.driver.version).toBe('9.9.9');
    for (const result of run?.results ?? []) {
      expect(typeof result.ruleId).toBe('string');
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const loc = result.locations[0]?.physicalLocation;
      expect(loc?.artifactLocation.uri).toBe('approved-models.yaml');
      expect(Number.isInteger(loc?.region?.startLine)).toBe(true);
      expect(loc?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.values(result.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(JSON.parse(renderSarif(sample()))).toEqual(JSON.parse(JSON.stringify(log)));
  });

  it('has one rule per check id, with help text and the worst severity', () => {
    const ids = run?.tool.driver.rules.map((r) => r.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['code.remote', 'namespace.young', 'pickle.global', 'readme.run-script', 'test.info']);
    const readme = run?.tool.driver.rules.find((r) => r.id === 'readme.run-script');
    // Rule help is the check's general text (src/report/rules.ts), not the first finding's help.
    expect(readme?.help.text).toBe(ruleText('readme.run-script').help);
    expect(readme?.help.text).not.toBe('Do not approve; report the repository to the Hub.');
    expect(readme?.defaultConfiguration.level).toBe('error');
    expect(readme?.properties['security-severity']).toBe('9.5');
    expect(readme?.properties.tags).toContain('security');
  });

  it('maps severities to levels', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual(['error', 'error', 'warning', 'note', 'note']);
  });

  it('locates entry findings at the allowlist line, and file findings also by Hub path', () => {
    const young = run?.results.find((r) => r.ruleId === 'namespace.young');
    expect(young?.locations[0]?.physicalLocation.region?.startLine).toBe(5);
    expect(young?.message.text).toBe(`Open-OSS/privacy-filter@${sha('Open-OSS/privacy-filter').slice(0, 7)}: Organisation is 2 days old`);
    const readme = run?.results.find((r) => r.ruleId === 'readme.run-script');
    expect(readme?.message.text).toContain('— in README.md:12');
    expect(readme?.locations[0]?.logicalLocations?.map((l) => l.fullyQualifiedName)).toEqual([
      `Open-OSS/privacy-filter@${sha('Open-OSS/privacy-filter')}`,
      `Open-OSS/privacy-filter@${sha('Open-OSS/privacy-filter')}/README.md`
    ]);
    expect(readme?.properties.hubUrl).toBe(`${HUB}/Open-OSS/privacy-filter/blob/${sha('Open-OSS/privacy-filter')}/README.md#L12`);
  });

  it('reports allowlist errors as results of their own rule', () => {
    const withErrors = buildSarif(input([], { errors: [{ file: 'approved-models.yaml', line: 3, message: 'duplicate entry' }] }));
    const result = withErrors.runs[0]?.results[0];
    expect(result?.ruleId).toBe(ALLOWLIST_RULE);
    expect(result?.level).toBe('error');
    expect(result?.locations[0]?.physicalLocation.region?.startLine).toBe(3);
  });

  it('escapes embedded-link brackets and shows invisible characters in messages', () => {
    const r = review('a/b', 2, 'rejected', [finding('high', '[x](1) \u202E\n')]);
    const text = buildSarif(input([r])).runs[0]?.results[0]?.message.text;
    expect(text).toContain('\\[x\\](1) \\u{202E}');
    expect(text).not.toMatch(/[\u202E\n]/);
  });

  it('keeps the most severe results when over GitHub\'s per-run limit', () => {
    const many = Array.from({ length: SARIF_MAX_RESULTS + 10 }, (_, i) => finding(i < 5 ? 'critical' : 'info', `f${i}`));
    const big = buildSarif(input([review('a/b', 2, 'rejected', many)])).runs[0];
    expect(big?.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(big?.results.filter((r) => r.properties.severity === 'critical')).toHaveLength(5);
    expect(big?.properties.omittedResults).toBe(10);
  });
});
