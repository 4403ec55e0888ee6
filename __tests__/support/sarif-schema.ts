// The OASIS SARIF 2.1.0 schema (vendored in __tests__/fixtures/sarif/) as a validator, for every test that writes SARIF.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * The schema is draft-04; ajv 8 reads it as draft-07 once the draft-04 `id` is spelled `$id` (the schema uses no
 * keyword whose meaning changed between the two: no boolean exclusiveMinimum/Maximum).
 */
export function sarifValidator(): (log: unknown) => string[] {
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/dir/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile({ $id: String(id), ...rest });
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '$'}: ${e.message ?? e.keyword}`));
}

