// Copies of the VM's symbolic state for a second interpretation of the same bytes (a fork: joblib.load next to
// pickle.load, the two places a loader may resume after a frame). Containers and call results are mutable, so a
// fork gets its own copies, with sharing inside the copied graph preserved; imported names and opaque markers are
// immutable and shared. Iterative, so a deeply nested value cannot overflow the call stack.
import { Cont, Obj, Pers, type V } from './values.js';

export class Cloner {
  private readonly map = new Map<object, V>();

  v(x: V | undefined): V {
    if (x === undefined) return null;
    if (!cloneable(x)) return x;
    const have = this.map.get(x as object);
    if (have !== undefined) return have;
    const first = this.shell(x);
    const work: V[] = [x];
    while (work.length > 0) {
      const src = work.pop() as V;
      const dst = this.map.get(src as object);
      if (src instanceof Cont && dst instanceof Cont && src.items) {
        dst.items = src.items.map((i) => this.link(i, work));
      } else if (src instanceof Obj && dst instanceof Obj) {
        dst.fn = this.link(src.fn, work);
        dst.args = this.link(src.args, work);
        dst.state = src.state === undefined ? undefined : this.link(src.state, work);
        if (src.attrs) dst.attrs = new Map([...src.attrs].map(([k, a]) => [k, this.link(a, work)]));
      } else if (src instanceof Pers && dst instanceof Pers) {
        dst.pid = this.link(src.pid, work);
      }
    }
    return first;
  }

  /** The copy of `x` if it is already made or immutable; otherwise an empty copy, queued to be filled. */
  private link(x: V, work: V[]): V {
    if (!cloneable(x)) return x;
    const have = this.map.get(x as object);
    if (have !== undefined) return have;
    work.push(x);
    return this.shell(x);
  }

  private shell(x: V): V {
    if (!cloneable(x)) return x;
    const have = this.map.get(x as object);
    if (have !== undefined) return have;
    const c = x instanceof Cont ? new Cont(x.kind, null, x.n) : x instanceof Obj ? new Obj(null, null, x.offset, x.via) : new Pers(null);
    this.map.set(x, c);
    return c;
  }
}

function cloneable(x: V): x is Cont | Obj | Pers {
  return x instanceof Cont || x instanceof Obj || x instanceof Pers;
}
