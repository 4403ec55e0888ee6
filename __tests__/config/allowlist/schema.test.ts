// The published JSON Schema must agree with the parser. No JSON Schema library is available, so this file has a
// small validator for exactly the keywords the schema uses; it fails loudly on any other keyword, so the schema
// cannot grow a rule this check silently ignores.
import { readFileSync } from 'node:fs';
import { parseAllowlist } from '../../../src/config/allowlist/parse.js';
import { parseStrictYaml } from '../../../src/config/yaml/strict.js';
import type { YamlNode } from '../../../src/config/yaml/strict.js';

type Schema = Record<string, unknown>;
const root = JSON.parse(readFileSync(new URL('../../../schema/approved-models.schema.json', import.meta.url), 'utf8')) as Schema;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', '$defs']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

function resolve(ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Schema)[part];
  if (!node || typeof node !== 'object') throw new Error(`dangling $ref ${ref}`);
  return node as Schema;
}

/** Returns the list of violations (empty when valid). */
function validate(schema: Schema, value: unknown, path = '$'): string[] {
  const errs: string[] = [];
  for (const [kw, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(kw)) continue;
    switch (kw) {
      case '$ref':
        errs.push(...validate(resolve(arg as string), value, path));
        break;
      case 'type': {
        const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
        const t = typeOf(value);
        if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) errs.push(`${path}: type ${t} not in ${types.join('|')}`);
        break;
      }
      case 'enum':
        if (!(arg as unknown[]).some((x) => x === value)) errs.push(`${path}: not in enum`);
        break;
      case 'required':
        if (typeOf(value) === 'object') for (const k of arg as string[]) if (!(k in (value as object))) errs.push(`${path}: missing ${k}`);
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [k, sub] of Object.entries(arg as Record<string, Schema>)) {
            if (k in (value as object)) errs.push(...validate(sub, (value as Record<string, unknown>)[k], `${path}.${k}`));
          }
        }
        break;
      case 'additionalProperties':
        if (arg !== false) throw new Error('only additionalProperties: false is supported');
        if (typeOf(value) === 'object') {
          const known = Object.keys((schema.properties ?? {}) as object);
          for (const k of Object.keys(value as object)) if (!known.includes(k)) errs.push(`${path}: unknown property ${k}`);
        }
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((v, i) => errs.push(...validate(arg as Schema, v, `${path}[${i}]`)));
        break;
      case 'oneOf': {
        const passing = (arg as Schema[]).filter((s) => validate(s, value, path).length === 0).length;
        if (passing !== 1) errs.push(`${path}: matches ${passing} of oneOf`);
        break;
      }
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) errs.push(`${path}: does not match pattern`);
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (arg as number)) errs.push(`${path}: too few items`);
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > (arg as number)) errs.push(`${path}: too many items`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (arg as number)) errs.push(`${path}: too short`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (arg as number)) errs.push(`${path}: too long`);
        break;
      default:
        throw new Error(`the schema uses '${kw}', which this test's validator does not implement`);
    }
  }
  return errs;
}

/** YAML → the JSON an editor's YAML language server would see (failsafe: strings; `key:` alone is null). */
function toJson(node: YamlNode): unknown {
  if (node.kind === 'scalar') return node.value === '' && node.plain ? null : node.value;
  if (node.kind === 'sequence') return node.items.map(toJson);
  return Object.fromEntries(node.pairs.map((p) => [p.key.value, toJson(p.value)]));
}

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
