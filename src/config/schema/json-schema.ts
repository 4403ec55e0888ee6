// The published JSON Schemas (schema/*.schema.json), generated from the very schemas that validate the files, so
// an editor's YAML server and Model Gate read a file alike. scripts/gen-schemas.mjs writes them (`./run build`) and
// `./run check` fails when the committed ones are stale. Not part of the action's bundle.
import { AllowlistFile } from '../allowlist/schema.js';
import { PolicyFile } from '../policy/schema.js';
import * as z from 'zod/mini';

export const GENERATED_SCHEMAS: readonly { path: string; schema: z.ZodMiniType }[] = [
  { path: 'schema/approved-models.schema.json', schema: AllowlistFile },
  { path: 'schema/policy.schema.json', schema: PolicyFile }
];

/** The JSON Schema (draft 2020-12) of what a file may contain, as the text to commit. */
export function renderJsonSchema(schema: z.ZodMiniType): string {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  // zod leaves `examples` out of a schema whose output is transformed; ours are examples of the file as written.
  const examples = z.globalRegistry.get(schema)?.examples;
  if (examples !== undefined) json.examples = examples;
  const { $schema, $id, title, description, ...rest } = json;
  return `${JSON.stringify({ $schema, $id, title, description, ...rest }, null, 2)}\n`;
}
