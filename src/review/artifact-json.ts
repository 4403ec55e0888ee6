// A sharded review's artifacts (plan.json, each shard's partial) are untrusted JSON read back from another job:
// bounded in size before parsing, then validated by the format's schema, with the first problem named.

interface Schema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Parses `bytes` as a `kind` ("a Model Gate plan"); throws an error naming `where` and the first problem. */
export function parseArtifactJson(bytes: Uint8Array, where: string, kind: string, limits: { maxBytes: number; schema: Schema; hint?: string }): unknown {
  if (bytes.byteLength > limits.maxBytes) throw new Error(`${where} is ${bytes.byteLength} bytes, above the ${limits.maxBytes}-byte limit of ${kind}`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new Error(`${where} is not JSON (${err instanceof Error ? err.message : String(err)})${limits.hint ? `; ${limits.hint}` : ''}`, { cause: err });
  }
  const r = limits.schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${where} is not ${kind}: \`${issue?.path.map(String).join('.') ?? ''}\` ${issue?.message ?? 'is invalid'}`);
  }
  return r.data;
}
