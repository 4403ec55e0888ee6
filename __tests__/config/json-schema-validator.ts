// A real JSON Schema validator (ajv, draft 2020-12, strict mode) for the published schemas: what an editor's YAML
// language server would say about a file, independent of Model Gate's own parser.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { YamlNode } from '../../src/config/yaml/strict.js';

/** A function returning the schema's violations for a value (empty when valid). */
export function jsonSchemaValidator(schema: Record<string, unknown>): (value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '$'}: ${e.message ?? e.keyword}`));
}

/** YAML → the JSON an editor's YAML language server would see (failsafe: strings; `key:` alone is null). */
export function yamlToJson(node: YamlNode): unknown {
  if (node.kind === 'scalar') return node.value === '' && node.plain ? null : node.value;
  if (node.kind === 'sequence') return node.items.map(yamlToJson);
  return Object.fromEntries(node.pairs.map((p) => [p.key.value, yamlToJson(p.value)]));
}
