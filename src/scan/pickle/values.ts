// The symbolic values on the VM's stack and memo. Nothing here is ever executed: a call is recorded as an Obj
// holding what was called and with what. Small values are plain JS values (null, boolean, number, bigint, string).
import type { GlobalTier } from '../../config/security/globals/index.js';

export type ContKind = 'list' | 'tuple' | 'dict' | 'set' | 'frozenset';

/** A container; `items` is null once it grew past what the VM keeps (its length is still counted in `n`). */
export class Cont {
  constructor(public kind: ContKind, public items: V[] | null, public n: number) {}
}

/** An imported object (GLOBAL, INST, STACK_GLOBAL, EXT). */
export class Glob {
  constructor(
    public module: string,
    public name: string,
    public tier: GlobalTier,
    public offset: number,
    /** torch's weights_only unpickler would accept it. */
    public weightsOnly: boolean,
    /** Not a named import (EXT code, STACK_GLOBAL of computed strings). */
    public dynamic = false
  ) {}
}

/** The result of a call (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST); `state` is set by BUILD. */
export class Obj {
  state: V | undefined = undefined;
  /** Instance attributes a joblib wrapper has gathered from __init__ and every BUILD so far (joblib.ts). */
  attrs: Map<string, V> | null = null;
  constructor(public fn: V, public args: V, public offset: number, /** The opcode that made it. */ public via = 0) {}
}

/** What a persistent id resolves to (torch storages). */
export class Pers {
  constructor(public pid: V) {}
}

/** A value whose contents the VM does not keep. */
export class Opaque {
  constructor(public what: string) {}
}

export type V = null | boolean | number | bigint | string | Cont | Glob | Obj | Pers | Opaque;

export const FLOAT = new Opaque('float');
export const BYTES = new Opaque('bytes');
export const LONG_STR = new Opaque('str');
export const BIG_INT = new Opaque('int');
export const ARRAY = new Opaque('ndarray');

/** Calls named one by one in a description; longer chains are summarised. */
const MAX_CHAIN = 3;

/** Short human description for evidence. */
export function describe(v: V | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v !== 'object') return String(v);
  if (v instanceof Glob) return v.dynamic ? 'a computed import' : `${v.module}.${v.name}`;
  if (v instanceof Obj) {
    // Chains of calls (REDUCE on REDUCE …) are walked, not recursed, and named by their first callable: a description
    // that grew with the chain made each finding's text linear in it and the whole file quadratic (8 KB: 6 s).
    let n = 0;
    let root: V = v;
    while (root instanceof Obj) { root = root.fn; n++; }
    return n <= MAX_CHAIN ? `${'the result of calling '.repeat(n)}${describe(root)}` : `the result of a chain of more than ${MAX_CHAIN} calls starting at ${describe(root)}`;
  }
  if (v instanceof Cont) return `a ${v.kind}`;
  if (v instanceof Pers) return 'a persistent-id object';
  return `a ${v.what}`;
}

/** Tuple items when kept, else null. */
export function tupleItems(v: V | undefined): V[] | null {
  return v instanceof Cont && v.kind === 'tuple' ? v.items : null;
}

/** Value under `key` in a kept dict, undefined when absent or not known. */
export function dictGet(v: V | undefined, key: string): V | undefined {
  if (!(v instanceof Cont) || v.kind !== 'dict' || !v.items) return undefined;
  for (let i = 0; i + 1 < v.items.length; i += 2) if (v.items[i] === key) return v.items[i + 1];
  return undefined;
}
