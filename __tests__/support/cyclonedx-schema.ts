// The official CycloneDX 1.6 JSON Schema (vendored in __tests__/fixtures/cyclonedx/ from the npm package
// @cyclonedx/cyclonedx-library, see its README) as a validator, for every test that writes a bill of materials.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/cyclonedx/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** The SPDX license ids the schema accepts as `license.id`. */
export function spdxLicenseIds(): string[] {
  return load('spdx.SNAPSHOT.schema.json').enum as string[];
}

/**
 * The schema is draft-07, which ajv 8 reads natively. Its references name the two companion schemas by file name
 * relative to its `$id` (http://cyclonedx.org/schema/), so they are registered under those addresses. Formats are
 * checked: date-time and e-mail by shape, URIs and IRI references by the WHATWG URL parser.
 */
export function cyclonedxValidator(): (bom: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('iri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/dir/'));
  ajv.addFormat('idn-email', (s: string) => /^[^\s@]+@[^\s@]+$/.test(s));
  for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
    const { $id: _id, ...rest } = load(name);
    ajv.addSchema(rest, `http://cyclonedx.org/schema/${name}`);
  }
  const validate = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
  return (bom) => (validate(bom) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '$'}: ${e.message ?? e.keyword}`));
}
