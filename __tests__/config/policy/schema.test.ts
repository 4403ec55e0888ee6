// The policy's schema: the generated JSON Schema agrees with loadPolicy (checked by ajv, a real draft 2020-12
// validator), and `allow_globals` refuses exactly what the pickle scanner's classifier still calls dangerous.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { loadPolicy } from '../../../src/config/policy/load.js';
import { checkGlobal } from '../../../src/config/policy/check-global.js';
import { PolicyFile } from '../../../src/config/policy/schema.js';
import { renderJsonSchema } from '../../../src/config/schema/json-schema.js';
import { DANGER, DANGER_HELP, describeGlobal } from '../../../src/config/security/globals/index.js';
import { parseStrictYaml } from '../../../src/config/yaml/strict.js';
import { jsonSchemaValidator, yamlToJson } from '../json-schema-validator.js';

const SRC = '.github/model-gate.yml';
const A = 'a'.repeat(40);
const text = readFileSync(new URL('../../../schema/policy.schema.json', import.meta.url), 'utf8');
const root = JSON.parse(text) as Record<string, unknown>;
const validate = jsonSchemaValidator(root);

function jsonOf(yaml: string): unknown {
  const { root: node, problems } = parseStrictYaml(yaml, { maxBytes: 1 << 20, what: 'x' });
  expect(problems).toEqual([]);
  return node ? yamlToJson(node) : null;
}

// Files whose validity a JSON Schema can decide (no YAML-level problems, no calendar or size arithmetic).
const samples: [string, string][] = [
  ['empty mapping', '{}\n'],
  ['version', 'version: 1\n'],
  ['every key', [
    'version: 1', 'trusted_publishers: [acme-ai]', 'legitimate_namespaces:', '  - acme-community', 'fail_on: medium',
    'exclude: ["original/**"]', 'exceptions:', '  - repo: acme-ai/model', `    revision: ${A}`, '    checks: [namespace.shadowing, layout.*]',
    '    reason: SEC-42', '    expires: 2026-12-31', 'allow_globals: [collections.OrderedDict]', 'max_file_size: 50GiB', 'concurrency: 8'
  ].join('\n')],
  ['lists with nothing', 'trusted_publishers:\nexclude:\nexceptions:\nallow_globals:\n'],
  ['fail_on in capitals', 'fail_on: HIGH\n'],
  ['fail_on junk', 'fail_on: hihg\n'],
  ['fail_on a list', 'fail_on: [high]\n'],
  ['concurrency 32', 'concurrency: 32\n'],
  ['concurrency 0', 'concurrency: 0\n'],
  ['concurrency 33', 'concurrency: 33\n'],
  ['concurrency 4.5', 'concurrency: 4.5\n'],
  ['max_file_size bytes', 'max_file_size: 123\n'],
  ['max_file_size with a space', 'max_file_size: 10 GB\n'],
  ['max_file_size junk unit', 'max_file_size: 10 GBs\n'],
  ['max_file_size float', 'max_file_size: 1.5GB\n'],
  ['unknown key', 'fail-on: high\n'],
  ['version 2', 'version: 2\n'],
  ['top-level list', '- a\n'],
  ['bad namespace', 'trusted_publishers: ["bad name"]\n'],
  ['namespace with a slash', 'trusted_publishers: [org/name]\n'],
  ['exclude a string', 'exclude: "*.bin"\n'],
  ['absolute exclude', 'exclude: ["/abs"]\n'],
  ['allow a dangerous global', 'allow_globals: [timeit.timeit]\n'],
  ['allow through an attribute chain', 'allow_globals: [mylib.os.system]\n'],
  ['allow a dunder', 'allow_globals: [torch.__builtins__]\n'],
  ['allow a code-running name', 'allow_globals: [mymod.exec_script]\n'],
  ['allow a wildcard', 'allow_globals: ["torch.*"]\n'],
  ['allow a review-tier class', 'allow_globals: [argparse.Namespace, mylib.Net]\n'],
  ['exception without reason', 'exceptions:\n  - repo: org/a\n    checks: [x]\n    expires: 2026-01-01\n'],
  ['exception with an unknown key', 'exceptions:\n  - repo: org/a\n    checks: [x]\n    reason: r\n    expires: 2026-01-01\n    expiry: 2026-01-01\n'],
  ['exception with a bare *', 'exceptions:\n  - repo: org/a\n    checks: ["*"]\n    reason: r\n    expires: 2026-01-01\n'],
  ['exception with no checks', 'exceptions:\n  - repo: org/a\n    checks: []\n    reason: r\n    expires: 2026-01-01\n'],
  ['exception with a branch', 'exceptions:\n  - repo: org/a\n    revision: main\n    checks: [x]\n    reason: r\n    expires: 2026-01-01\n'],
  ['exception not a mapping', 'exceptions:\n  - org/a\n'],
  // The approval rules and profiles (issue 15).
  ['every approval rule', [
    'formats:', '  allowed: [safetensors, gguf]', '  blocked: [pickle, joblib]', 'require_safetensors: true', 'remote_code: allow-trusted',
    'min_account_age: 90d', 'min_downloads: 1000', 'verified_publishers_only: false', 'licenses:', '  allowed: [apache-2.0, MIT]',
    '  denied: [cc-by-nc-4.0]', 'fast_track: TRUE'
  ].join('\n')],
  ['profiles', 'profiles:\n  production:\n    remote_code: deny\n  research:\n    remote_code: Review\n    min_account_age: 30 days\n  empty:\n'],
  ['formats with nothing', 'formats:\n'],
  ['formats lists with nothing', 'formats:\n  allowed:\n  blocked:\n'],
  ['an unknown format', 'formats:\n  blocked: [pickles]\n'],
  ['formats a list', 'formats: [pickle]\n'],
  ['formats with an unknown key', 'formats:\n  block: [pickle]\n'],
  ['require_safetensors yes', 'require_safetensors: yes\n'],
  ['remote_code junk', 'remote_code: maybe\n'],
  ['remote_code allow_trusted', 'remote_code: allow_trusted\n'],
  ['min_account_age in weeks', 'min_account_age: 12w\n'],
  ['min_account_age too large', 'min_account_age: 100000\n'],
  ['min_account_age negative', 'min_account_age: -1\n'],
  ['min_downloads with a separator', 'min_downloads: 1,000\n'],
  ['min_downloads 0', 'min_downloads: 0\n'],
  ['a licence with a space', 'licenses:\n  denied: ["cc by"]\n'],
  ['licenses with an unknown key', 'licenses:\n  allow: [mit]\n'],
  ['a profile name in capitals', 'profiles:\n  Production:\n    remote_code: deny\n'],
  ['a profile with a top-level key', 'profiles:\n  research:\n    fail_on: low\n'],
  ['a profile not a mapping', 'profiles:\n  research: deny\n'],
  ['profiles a list', 'profiles: [research]\n']
];

describe('schema/policy.schema.json', () => {
  it('is a draft 2020-12 schema generated from the policy schema (`./run build` rewrites it)', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(text).toBe(renderJsonSchema(PolicyFile));
  });

  it.each(samples)('agrees with loadPolicy: %s', (_label, yaml) => {
    const { errors } = loadPolicy(yaml, SRC);
    const schemaErrors = validate(jsonOf(yaml));
    expect({ schemaValid: schemaErrors.length === 0, schemaErrors }).toEqual({
      schemaValid: errors.length === 0,
      schemaErrors: errors.length === 0 ? [] : expect.any(Array)
    });
  });

  it('its documented examples are valid and load cleanly', () => {
    const examples = root.examples as unknown[];
    expect(examples.length).toBeGreaterThan(0);
    for (const ex of examples) {
      expect(validate(ex)).toEqual([]);
      expect(loadPolicy(JSON.stringify(ex, null, 2), 'x.yml').errors).toEqual([]);
    }
  });

  it('examples/model-gate.yml is valid for both', () => {
    const yaml = readFileSync(new URL('../../../examples/model-gate.yml', import.meta.url), 'utf8');
    expect(loadPolicy(yaml, 'examples/model-gate.yml').errors).toEqual([]);
    expect(validate(jsonOf(yaml))).toEqual([]);
  });

  it('the validator really rejects (so agreement is meaningful)', () => {
    expect(validate({ concurrency: '0' })).not.toEqual([]);
    expect(validate({ allow_globals: ['os.system'] })).not.toEqual([]);
    expect(validate({ exceptions: [{ repo: 'a/b' }] })).not.toEqual([]);
    expect(validate({ formats: { blocked: ['pickles'] } })).not.toEqual([]);
    expect(validate({ profiles: { research: { fail_on: 'low' } } })).not.toEqual([]);
  });
});

describe('allow_globals asks the scanner', () => {
  it('timeit.timeit (an interpreter gadget to the scanner) is an error at its line, with the reason', () => {
    const { policy, errors } = loadPolicy('fail_on: high\nallow_globals:\n  - collections.OrderedDict\n  - timeit.timeit\n', SRC);
    expect(policy.allowGlobals).toEqual(['collections.OrderedDict']);
    expect(errors).toEqual([
      {
        file: SRC,
        line: 4,
        column: 5,
        message: "'timeit.timeit' can never be allowed: the pickle scanner treats it as dangerous (interpreter gadget: an interpreter tool that can run code or a shell)"
      }
    ]);
  });

  // Names that continue a module entry (`os` → `os.<name>`), never dunder-shaped (a dunder is refused for another reason).
  const member = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);

  it('refuses every danger-list entry, and names under module entries, with the classifier\'s category', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DANGER), member, ([entry, category], name) => {
        for (const g of entry.includes('.') ? [entry, `${entry}.${name}`] : [`${entry}.${name}`]) {
          const why = checkGlobal(g);
          expect(why).toContain('can never be allowed');
          // The category the classifier names (an entry like `builtins.__import__` is refused as a dunder first).
          expect(why).toMatch(/__\w+__/.test(entry) ? /dunder component/ : new RegExp(`\\(${category}: ${DANGER_HELP[category]}`));
          expect(loadPolicy(`allow_globals: [${g}]\n`, SRC).policy.allowGlobals).toEqual([]);
        }
      }),
      { numRuns: 2000 }
    );
    // And every entry at least once, exactly as listed.
    for (const [entry] of DANGER) if (entry.includes('.')) expect(checkGlobal(entry)).toMatch(/can never be allowed/);
  });

  it('refuses exactly what describeGlobal calls dangerous under some split, and the JSON Schema agrees', () => {
    const parts = [...new Set(DANGER.flatMap(([e]) => e.split('.')))];
    const part = fc.oneof(
      fc.constantFrom(...parts, 'collections', 'OrderedDict', 'torch', 'mylib', 'Net', 'exec_script', 'spawnv', 'loads', 'system', '__main__', '__x__', '____', 'timeit'),
      fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/)
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 2, maxLength: 5 }), (ps) => {
        const g = ps.join('.');
        const dangerous = ps.slice(1).some((_, i) => describeGlobal(ps.slice(0, i + 1).join('.'), ps.slice(i + 1).join('.')).tier === 'dangerous');
        expect(checkGlobal(g) !== null).toBe(dangerous);
        expect(validate({ allow_globals: [g] }).length > 0).toBe(dangerous);
      }),
      { numRuns: 3000 }
    );
  });

  it('what it allows, the scanner then honours', () => {
    for (const g of ['argparse.Namespace', 'mylib.Net', 'collections.OrderedDict', 'sklearn.tree._tree.Tree']) {
      expect(checkGlobal(g)).toBeNull();
      const dot = g.lastIndexOf('.');
      expect(describeGlobal(g.slice(0, dot), g.slice(dot + 1), [g]).tier).toBe('safe');
    }
  });
});
