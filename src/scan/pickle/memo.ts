// The unpickler's memo with bounded memory. Keys map to slots of a value table through an Int32Array (4 bytes per
// key). While the scan's retention budget lasts every value is kept as is; after that a value is replaced by a
// shared stand-in of the same kind (a container husk, a call result without its arguments), so a pickle with
// millions of memo entries costs a few bytes per entry. Strings a STACK_GLOBAL used are pinned back in full, since
// the pickler fetches module names back from the memo for later globals.
import type { Cloner } from './clone.js';
import { Cont, type ContKind, Obj, Opaque, Pers, type V } from './values.js';

export const DROPPED_STR = new Opaque('str (not kept)');
export const DROPPED_INT = new Opaque('int (not kept)');
const PERS_ANY = new Opaque('persistent object');
const HUSK: Record<ContKind, Cont> = {
  list: new Cont('list', null, 0), tuple: new Cont('tuple', null, 0), dict: new Cont('dict', null, 0),
  set: new Cont('set', null, 0), frozenset: new Cont('frozenset', null, 0)
};
const MAX_INTERNED = 1 << 18;

export class Memo {
  private refs = new Int32Array(256);
  private far: Map<number, number> | null = null;
  private readonly table: V[] = [HUSK.list, HUSK.tuple, HUSK.dict, HUSK.set, HUSK.frozenset, DROPPED_STR, DROPPED_INT, PERS_ANY];
  private readonly interned = new Map<unknown, number>();
  /** The last few keys written, so STACK_GLOBAL can pin the name strings it just used. */
  private readonly recent: number[] = [-1, -1, -1, -1];
  private recentAt = 0;
  count = 0;

  /** An independent copy for a fork, its values copied through `c` (so sharing with the fork's stack holds). */
  clone(c: Cloner): Memo {
    const m = new Memo();
    m.refs = this.refs.slice();
    m.far = this.far ? new Map(this.far) : null;
    m.table.length = 0;
    for (const v of this.table) m.table.push(c.v(v));
    for (const [k, ref] of this.interned) m.interned.set(k !== null && typeof k === 'object' ? c.v(k as V) : k, ref);
    for (let i = 0; i < 4; i++) m.recent[i] = this.recent[i] as number;
    m.recentAt = this.recentAt;
    m.count = this.count;
    return m;
  }

  /** Stores `v` under `idx`; `keep` false means the budget is spent. Returns true for a new key. */
  put(idx: number, v: V, keep: boolean): boolean {
    const fresh = this.setRef(idx, keep ? this.table.push(v) : this.stand(v));
    if (fresh) this.count++;
    this.recent[this.recentAt++ & 3] = idx;
    return fresh;
  }

  get(idx: number): V | undefined {
    const ref = idx < this.refs.length ? (this.refs[idx] as number) : (this.far?.get(idx) ?? 0);
    return ref === 0 ? undefined : this.table[ref - 1];
  }

  /**
   * Keeps `s` in full under any recently written key that holds only a stand-in for it. The protocol 4 pickler
   * memoizes a global's module and name strings just before STACK_GLOBAL and fetches them back for later globals.
   */
  pin(s: string, stood: boolean): void {
    if (!stood) return;
    for (const idx of this.recent) {
      if (idx >= 0 && this.get(idx) === DROPPED_STR) this.setRef(idx, this.internString(s));
    }
  }

  private setRef(idx: number, ref: number): boolean {
    if (idx < this.refs.length) {
      const fresh = this.refs[idx] === 0;
      this.refs[idx] = ref;
      return fresh;
    }
    if (idx < 1 << 26 && idx < this.refs.length * 2 + 65536) {
      const grown = new Int32Array(Math.max(idx + 1, this.refs.length * 2));
      grown.set(this.refs);
      this.refs = grown;
      this.refs[idx] = ref;
      return true;
    }
    this.far ??= new Map();
    const fresh = !this.far.has(idx);
    this.far.set(idx, ref);
    return fresh;
  }

  private internString(s: string): number {
    const have = this.interned.get(s);
    if (have !== undefined) return have;
    const ref = this.table.push(s);
    if (this.interned.size < MAX_INTERNED) this.interned.set(s, ref);
    return ref;
  }

  /** A shared stand-in's table reference (1-based). */
  private stand(v: V): number {
    if (v instanceof Cont) return v.kind === 'list' ? 1 : v.kind === 'tuple' ? 2 : v.kind === 'dict' ? 3 : v.kind === 'set' ? 4 : 5;
    if (typeof v === 'string') return 6;
    if (typeof v === 'number' || typeof v === 'bigint') return 7;
    if (v instanceof Pers) return 8;
    const key: unknown = v instanceof Obj ? v.fn : v;
    const have = this.interned.get(key);
    if (have !== undefined) return have;
    const ref = this.table.push(v instanceof Obj ? new Obj(v.fn, null, v.offset) : v);
    this.interned.set(key, ref);
    return ref;
  }
}
