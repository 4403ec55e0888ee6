// The published JSON Schema must agree with the parser. The schema is generated from the same zod schema the parser
// validates with (src/config/allowlist/schema.ts); a real JSON Schema validator (ajv, draft 2020-12) checks
// samples against the committed file, so an editor's YAML server and Model Gate read a file alike.
import { readFileSync } from 'node:fs';
import { parseAllowlist } from '../../../src/config/allowlist/parse.js';
import { AllowlistFile } from '../../../src/config/allowlist/schema.js';
import { renderJsonSchema } from '../../../src/config/schema/json-schema.js';
import { parseStrictYaml } from '../../../src/config/yaml/strict.js';
import { jsonSchemaValidator, yamlToJson } from '../json-schema-validator.js';

type Schema = Record<string, unknown>;
const committed = readFileSync(new URL('../../../schema/approved-models.schema.json', import.meta.url), 'utf8');
const root = JSON.parse(committed) as Schema;
const check = jsonSchemaValidator(root);

/** Returns the list of violations (empty when valid). */
function validate(_schema: Schema, value: unknown): string[] {
  return check(value);
}

const toJson = yamlToJson;

const A = '0123456789abcdef0123456789abcdef01234567';

// Files whose validity is decidable by a JSON Schema (no duplicates, no YAML-level problems).
const samples: [string, string][] = [
  ['short form', `version: 1\nmodels:\n  - org/name@${A}\n`],
  ['long form', `version: 1\nmodels:\n  - repo: org/name\n    revision: ${A}\n    files: ["*.json"]\n    reason: ok\n`],
  ['empty list', 'version: 1\nmodels: []\n'],
  ['models with nothing', 'version: 1\nmodels:\n'],
  ['underscore ids', `version: 1\nmodels:\n  - _a/_b_@${A}\n`],
  ['96-char parts', `version: 1\nmodels:\n  - ${'x'.repeat(96)}/${'y'.repeat(96)}@${A}\n`],
  ['97-char name', `version: 1\nmodels:\n  - org/${'y'.repeat(97)}@${A}\n`],
  ['branch', 'version: 1\nmodels:\n  - org/name@main\n'],
  ['short sha', 'version: 1\nmodels:\n  - repo: org/name\n    revision: 1234567e8\n'],
  ['uppercase sha', `version: 1\nmodels:\n  - org/name@${A.toUpperCase()}\n`],
  ['no namespace', `version: 1\nmodels:\n  - gpt2@${A}\n`],
  ['double dash', `version: 1\nmodels:\n  - org--a/name@${A}\n`],
  ['double dot', `version: 1\nmodels:\n  - org/a..b@${A}\n`],
  ['leading dot', `version: 1\nmodels:\n  - .org/name@${A}\n`],
  ['trailing dash', `version: 1\nmodels:\n  - org/name-@${A}\n`],
  ['.git suffix (long)', `version: 1\nmodels:\n  - repo: org/name.git\n    revision: ${A}\n`],
  ['.git suffix (short)', `version: 1\nmodels:\n  - org/name.git@${A}\n`],
  ['non-ASCII', `version: 1\nmodels:\n  - org/n\u00e4me@${A}\n`],
  ['unknown entry key', `version: 1\nmodels:\n  - repo: org/name\n    revision: ${A}\n    note: x\n`],
  ['unknown top key', 'version: 1\nmodels: []\nextra: 1\n'],
  ['missing revision', 'version: 1\nmodels:\n  - repo: org/name\n'],
  ['missing version', 'models: []\n'],
  ['wrong version', 'version: 2\nmodels: []\n'],
  ['top-level list', `- org/name@${A}\n`],
  ['empty files', `version: 1\nmodels:\n  - repo: org/name\n    revision: ${A}\n    files: []\n`],
  ['files as a string', `version: 1\nmodels:\n  - repo: org/name\n    revision: ${A}\n    files: "*.json"\n`],
  ['absolute file pattern', `version: 1\nmodels:\n  - repo: org/name\n    revision: ${A}\n    files: ["/x"]\n`],
  ['nested list entry', `version: 1\nmodels:\n  - [org/name]\n`],
  ['long reason', `version: 1\nmodels:\n  - repo: org/name\n    revision: ${A}\n    reason: ${'r'.repeat(2001)}\n`]
];

describe('schema/approved-models.schema.json', () => {
  it('is a draft 2020-12 schema', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('is what the allowlist schema generates (`./run build` rewrites it)', () => {
    expect(committed).toBe(renderJsonSchema(AllowlistFile));
  });

  it.each(samples)('agrees with the parser: %s', (_label, text) => {
    const parsed = parseAllowlist(text, 'approved-models.yaml');
    const { root: node, problems } = parseStrictYaml(text, { maxBytes: 1 << 20, what: 'x' });
    expect(problems).toEqual([]);
    const schemaErrors = validate(root, node ? toJson(node) : null);
    expect({ schemaValid: schemaErrors.length === 0, schemaErrors }).toEqual({
      schemaValid: parsed.errors.length === 0,
      schemaErrors: parsed.errors.length === 0 ? [] : expect.any(Array)
    });
  });

  it('its documented examples are valid and parse cleanly', () => {
    const examples = root.examples as unknown[];
    expect(examples.length).toBeGreaterThan(0);
    for (const ex of examples) {
      expect(validate(root, ex)).toEqual([]);
      const text = JSON.stringify(ex, null, 2); // JSON is YAML
      expect(parseAllowlist(text, 'x.yaml').errors).toEqual([]);
    }
  });

  it('examples/approved-models.yaml is valid for both', () => {
    const text = readFileSync(new URL('../../../examples/approved-models.yaml', import.meta.url), 'utf8');
    const parsed = parseAllowlist(text, 'examples/approved-models.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.repo)).toEqual(['openai-community/gpt2', 'sentence-transformers/all-MiniLM-L6-v2']);
    const { root: node } = parseStrictYaml(text, { maxBytes: 1 << 20, what: 'x' });
    expect(validate(root, node ? toJson(node) : null)).toEqual([]);
  });

  it("the validator in this test really rejects (so agreement is meaningful)", () => {
    expect(validate(root, { version: 1, models: ['nope'] })).not.toEqual([]);
    expect(validate(root, { version: 1, models: [{ repo: 'a/b' }] })).not.toEqual([]);
  });
});
