// YAML nodes → the plain value a schema validates, plus where each part of it was written. Scalars stay strings
// (failsafe); an empty plain scalar (`key:` with nothing after it) is null, as editors' YAML servers read it, so
// `models:` can mean an empty list. Quoted '' stays ''.
import type { Position, YamlNode, YamlScalar } from './strict.js';

export type ValuePath = readonly PropertyKey[];

interface Placed {
  node: YamlNode;
  /** The key's node, for a mapping value. */
  key?: YamlScalar;
  /** Reading order: the key, then the node, then (for a collection) `after`, once everything inside it is read. */
  keyOrder?: number;
  order: number;
  after: number;
}

export interface PlainDocument {
  value: unknown;
  /** The node at `path` (or, when nothing is there, e.g. a missing key, the nearest enclosing node). */
  nodeAt(path: ValuePath): YamlNode;
  /** Where to point for `path`: its key (`which: 'key'`) or its value; the nearest enclosing node when absent. */
  positionOf(path: ValuePath, which?: 'key' | 'value'): Position;
  /**
   * Where an error about `path` comes in reading order, to order errors that share a position: a key or a scalar
   * where it is written; a whole mapping or list (or a key missing from it) once everything inside it is read.
   */
  orderOf(path: ValuePath, which?: 'key' | 'value'): number;
}

const pathKey = (path: ValuePath): string => JSON.stringify(path.map((p) => (typeof p === 'number' ? p : String(p))));

export function toPlain(root: YamlNode): PlainDocument {
  const placed = new Map<string, Placed>();
  let counter = 0;
  const walk = (node: YamlNode, path: PropertyKey[], key?: YamlScalar): unknown => {
    const at: Placed = key ? { node, key, keyOrder: counter++, order: 0, after: 0 } : { node, order: 0, after: 0 };
    at.order = counter++;
    placed.set(pathKey(path), at);
    let value: unknown;
    switch (node.kind) {
      case 'scalar':
        value = node.value === '' && node.plain ? null : node.value;
        break;
      case 'sequence':
        value = node.items.map((item, i) => walk(item, [...path, i]));
        break;
      case 'mapping': {
        const out: Record<string, unknown> = {};
        // defineProperty, so a key named `__proto__` is data, not the object's prototype.
        for (const pair of node.pairs) {
          Object.defineProperty(out, pair.key.value, {
            value: walk(pair.value, [...path, pair.key.value], pair.key),
            enumerable: true,
            writable: true,
            configurable: true
          });
        }
        value = out;
        break;
      }
    }
    at.after = counter++;
    return value;
  };
  const value = walk(root, []);
  const nearest = (path: ValuePath): { placed: Placed; exact: boolean } => {
    for (let n = path.length; n >= 0; n--) {
      const hit = placed.get(pathKey(path.slice(0, n)));
      if (hit) return { placed: hit, exact: n === path.length };
    }
    return { placed: placed.get(pathKey([])) ?? { node: root, order: 0, after: 0 }, exact: false };
  };
  return {
    value,
    nodeAt: (path) => nearest(path).placed.node,
    positionOf: (path, which = 'value') => {
      const { placed: p, exact } = nearest(path);
      const node = which === 'key' && exact && p.key ? p.key : p.node;
      return { line: node.line, column: node.column };
    },
    orderOf: (path, which = 'value') => {
      const { placed: p, exact } = nearest(path);
      if (which === 'key' && exact && p.keyOrder !== undefined) return p.keyOrder;
      return exact && p.node.kind === 'scalar' ? p.order : p.after;
    }
  };
}
