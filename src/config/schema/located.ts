// Schema validation of a YAML document with every error at its line: YAML nodes → plain value (and where each part
// was written) → schema → each issue mapped back to the node at its path: the key for an unknown key, the value
// for a bad value, the enclosing mapping for a missing key.
import type { LocatedError } from '../../core/errors.js';
import { printable } from '../../core/ids.js';
import type { YamlNode } from '../yaml/strict.js';
import { toPlain, type PlainDocument, type ValuePath } from '../yaml/plain.js';
import * as z from 'zod/mini';
import { decodeMessage } from './kit.js';

export interface CheckedDocument<T> {
  plain: PlainDocument;
  /** The parsed document when it is valid throughout. */
  data: T | undefined;
  errors: LocatedError[];
  /** True when an issue is about `path` itself (or about the document as a whole). */
  failedAt(path: ValuePath): boolean;
  /** True when an issue is about `path` or anything inside it. */
  failedWithin(path: ValuePath): boolean;
}

interface Leaf {
  path: PropertyKey[];
  message: string;
  /** Unknown keys of the mapping at `path`. */
  keys?: string[];
}

type Issue = z.core.$ZodIssue;

/** A union's issues, reduced to those of the alternative the value was meant for. */
function leaves(issue: Issue, prefix: PropertyKey[], out: Leaf[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The alternative whose own type matched (its issues are deeper than a type mismatch at the root).
    const meant = issue.errors.find((alt) => alt.some((i) => !(i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'))));
    if (meant) {
      for (const i of meant) leaves(i, path, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') out.push({ path, message: issue.message, keys: [...issue.keys] });
  else out.push({ path, message: issue.message });
}

const keyOf = (path: ValuePath): string => JSON.stringify(path.map((p) => (typeof p === 'number' ? p : String(p))));

/** Validates the document at `root` with `schema`. `file` names it in messages. Never throws. */
export function checkDocument<S extends z.ZodMiniType>(schema: S, root: YamlNode, file: string): CheckedDocument<z.output<S>> {
  const plain = toPlain(root);
  const result = schema.safeParse(plain.value);
  const found: Leaf[] = [];
  if (!result.success) for (const issue of result.error.issues) leaves(issue, [], found);

  const errors: { error: LocatedError; order: number }[] = [];
  // Paths with an issue, and every path that contains one: set look-ups keep a 10,000-entry file linear.
  const failedExactly = new Set<string>();
  const failedInside = new Set<string>();
  const failed = (path: PropertyKey[]): void => {
    failedExactly.add(keyOf(path));
    for (let n = 0; n <= path.length; n++) failedInside.add(keyOf(path.slice(0, n)));
  };
  const place = (path: ValuePath, which: 'key' | 'value') => plain.positionOf(path, which);
  for (const leaf of found) {
    const decoded = decodeMessage(leaf.message);
    if (leaf.keys) {
      for (const key of leaf.keys) {
        const keyPath = [...leaf.path, key];
        failed(keyPath);
        const said = decoded.kind === 'perKey' ? decoded.keys[key] : undefined;
        const message = said?.message ?? `unknown key '${printable(key)}'`;
        errors.push({ error: { file, ...place(keyPath, 'key'), message, ...(said?.help ? { help: said.help } : {}) }, order: plain.orderOf(keyPath, 'key') });
      }
      continue;
    }
    failed(leaf.path);
    if (decoded.kind === 'skip') continue;
    const at = place(leaf.path, 'value');
    const order = plain.orderOf(leaf.path, 'value');
    if (decoded.kind === 'said') {
      const { message, help, aboutFile } = decoded.said;
      errors.push({ error: { file, ...at, message: aboutFile ? `${file}${message}` : message, ...(help ? { help } : {}) }, order });
    } else {
      // A schema without its own message for this case: still an error, never a silent pass.
      const where = leaf.path.length > 0 ? `\`${leaf.path.join('.')}\`: ` : '';
      errors.push({ error: { file, ...at, message: `${where}${decoded.kind === 'foreign' ? decoded.message : 'invalid'}` }, order });
    }
  }
  return {
    plain,
    data: result.success ? result.data : undefined,
    // In reading order (stable for one node), so that errors sharing a position keep the order a reader meets them.
    errors: errors.sort((a, b) => a.order - b.order).map((e) => e.error),
    failedAt: (path) => failedExactly.has('[]') || failedExactly.has(keyOf(path)),
    failedWithin: (path) => failedExactly.has('[]') || failedInside.has(keyOf(path))
  };
}

/** The items of the list at `path` that passed (each parsed again by `item` for its output), with their index. */
export function validItems<S extends z.ZodMiniType>(
  doc: CheckedDocument<unknown>,
  path: ValuePath,
  item: S
): { index: number; value: z.output<S> }[] {
  const list = valueAt(doc, path);
  if (!Array.isArray(list) || doc.failedAt(path)) return [];
  const out: { index: number; value: z.output<S> }[] = [];
  list.forEach((raw, index) => {
    if (doc.failedWithin([...path, index])) return;
    const r = item.safeParse(raw);
    if (r.success) out.push({ index, value: r.data });
  });
  return out;
}

/** The value at `path` as written, or undefined when there is none. */
export function valueAt(doc: CheckedDocument<unknown>, path: ValuePath): unknown {
  let v: unknown = doc.plain.value;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * The value at `path`, parsed by `schema` for its output, when it passed; a list keeps the items that passed (an
 * invalid item is reported and left out, the rest still apply). Undefined when absent or invalid itself.
 */
export function validPart<S extends z.ZodMiniType>(doc: CheckedDocument<unknown>, path: ValuePath, schema: S): z.output<S> | undefined {
  let value = valueAt(doc, path);
  if (value === undefined || doc.failedAt(path)) return undefined;
  if (Array.isArray(value)) value = value.filter((_, i) => !doc.failedWithin([...path, i]));
  else if (doc.failedWithin(path)) return undefined;
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}
