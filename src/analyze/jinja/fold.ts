// Evaluates template expressions over abstract values (values.ts): the strings, lists and dicts a template builds
// from its own literals are computed, with Python's and Jinja's semantics, so a name spelled by concatenation,
// `~`, `|join`, `|format`, `|replace`, `|reverse`, slicing, `%` or str.format is seen as the name it becomes.
// Variables are flow-insensitive: a name's value joins everything assigned to it anywhere (judge.ts solves that).
// Nothing is executed: this is arithmetic on constants the template wrote.
import type {
  BinaryExpression, CallExpression, FilterExpression, Identifier, JNode, KeywordArgumentExpression, Literal,
  MemberExpression, ObjectLiteral, SelectExpression, SliceExpression, Ternary, UnaryExpression
} from './ast.js';
import { STATEMENTS } from './ast.js';
import { percentFormat, strFormat } from './pyformat.js';
import { htmlEscape, jsonDumps, pyReverse, pySplit, pyStrip } from './pystr.js';
import {
  addConst, alternatives, bottom, constValue, dataValue, elements, flagsOf, isDict, isInt, isList, join, joinInto, lift,
  MAX_ITEMS, MAX_STRING, MAX_VALUES, meter, pyIndex, pySlice, pyStr, unresolved, type AV, type Py, type PyDict, type PyList
} from './values.js';

/** Thrown when an analysis exceeds its work budget; the caller fails closed. */
export class BudgetExceeded extends Error {}

export interface Args { positional: JNode[]; keyword: Map<string, JNode>; spread: boolean }

export function splitArgs(args: JNode[]): Args {
  const out: Args = { positional: [], keyword: new Map(), spread: false };
  for (const a of args) {
    if (a.type === 'KeywordArgumentExpression') out.keyword.set((a as KeywordArgumentExpression).key.value, (a as KeywordArgumentExpression).value);
    else if (a.type === 'SpreadExpression' || a.type === 'KeywordSpreadExpression') out.spread = true;
    else out.positional.push(a);
  }
  return out;
}

export interface FilterParts {
  name: string;
  args: Args;
  /** The node standing for the filter's result inside `wrapped` (the filter name, or its call with arguments). */
  core: JNode;
  /**
   * @huggingface/jinja parses what follows a filter's arguments into the filter: `x|attr('a')(1)` and
   * `x|attr('a')[0]` have filter nodes that call or index the filter's result. Jinja applies them to the result.
   */
  wrapped: boolean;
}

const NO_ARGS = (): Args => ({ positional: [], keyword: new Map(), spread: false });

/** The filter's name and argument nodes of `x|name`, `x|name(args)` (and what hf's parser attached after them). */
export function filterParts(f: FilterExpression): FilterParts {
  let n = f.filter;
  let wrapped = false;
  for (;;) {
    if (n.type === 'Identifier') return { name: (n as Identifier).value, args: NO_ARGS(), core: n, wrapped };
    if (n.type === 'CallExpression' && (n as CallExpression).callee.type === 'Identifier') {
      const c = n as CallExpression;
      return { name: (c.callee as Identifier).value, args: splitArgs(c.args), core: n, wrapped };
    }
    if (n.type === 'CallExpression') n = (n as CallExpression).callee;
    else if (n.type === 'MemberExpression') n = (n as MemberExpression).object;
    else return { name: '', args: NO_ARGS(), core: n, wrapped };
    wrapped = true;
  }
}

const CONSTANT_NAMES: Record<string, Py> = { true: true, True: true, false: false, False: false, none: null, None: null };

const str = (v: Py | undefined): v is string => typeof v === 'string';
const list = (items: Py[], tuple = false): PyList => (tuple ? { list: items, tuple: true } : { list: items });
const repeatOk = (len: number, n: number): boolean => n >= 0 && len * n <= MAX_STRING;

/** Filters whose output text comes only from their operand (their arguments select, they are not inserted). */
const SELECTING_FILTERS = new Set([
  'trim', 'upper', 'lower', 'capitalize', 'title', 'reverse', 'string', 'safe', 'e', 'escape', 'forceescape', 'list', 'first',
  'last', 'length', 'count', 'tojson', 'items', 'int', 'float', 'abs', 'round', 'unique', 'sort', 'dictsort', 'select', 'reject',
  'selectattr', 'rejectattr', 'batch', 'slice', 'random', 'min', 'max', 'sum', 'groupby', 'wordcount', 'striptags', 'attr',
  'filesizeformat', 'pprint', 'urlencode', 'bool'
]);

/** Methods whose result text comes only from their receiver. */
const SELECTING_METHODS = new Set([
  'split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'partition', 'rpartition', 'splitlines', 'lower', 'upper', 'title', 'capitalize',
  'swapcase', 'casefold', 'startswith', 'endswith', 'count', 'find', 'rfind', 'index', 'rindex', 'isdigit', 'isalpha', 'isspace',
  'items', 'keys', 'values', 'removeprefix', 'removesuffix'
]);

export interface Scope {
  /** The joined value of a template variable (`set`, loop, macro parameter), recording the read. */
  variable(name: string): AV;
  /** Whether a name is bound by the template itself (so not a global or a caller input). */
  bound(name: string): boolean;
  isMacro(name: string): boolean;
}

export class Folder {
  private memo: Map<JNode, AV> | undefined;
  /** Values standing in for nodes while a filter's attached calls and indexes are evaluated on its result. */
  private readonly override = new Map<JNode, AV>();

  constructor(private readonly scope: Scope, private readonly budget: number) {}

  /** Evaluations after the variables are solved can be memoised per node. */
  freeze(): void {
    this.memo = new Map();
  }

  value(n: JNode): AV {
    const m = this.override.get(n) ?? this.memo?.get(n);
    if (m) return m;
    if (++meter.work > this.budget) throw new BudgetExceeded();
    const v = this.compute(n);
    this.memo?.set(n, v);
    return v;
  }

  private compute(n: JNode): AV {
    switch (n.type) {
      case 'StringLiteral': return constValue((n as Literal<string>).value);
      case 'IntegerLiteral': {
        const v = (n as Literal<number>).value;
        return Number.isSafeInteger(v) ? constValue(v) : dataValue();
      }
      case 'FloatLiteral': return dataValue();
      case 'ArrayLiteral': case 'TupleLiteral': return this.sequence((n as Literal<JNode[]>).value, n.type === 'TupleLiteral');
      case 'ObjectLiteral': return this.object(n as ObjectLiteral);
      case 'Identifier': {
        const name = (n as Identifier).value;
        if (name in CONSTANT_NAMES) return constValue(CONSTANT_NAMES[name] as Py);
        return this.scope.variable(name);
      }
      case 'MemberExpression': return this.member(n as MemberExpression);
      case 'CallExpression': return this.call(n as CallExpression);
      case 'FilterExpression': return this.filter(n as FilterExpression);
      case 'BinaryExpression': return this.binary(n as BinaryExpression);
      case 'UnaryExpression': {
        const u = n as UnaryExpression;
        const a = this.value(u.argument);
        if (u.operator.value === '-') return lift([a], (x) => (isInt(x) ? -x : undefined));
        if (u.operator.value === '+') return lift([a], (x) => (isInt(x) ? x : undefined));
        return constValue(true, false);
      }
      case 'TestExpression': return constValue(true, false);
      case 'SelectExpression': return join(this.value((n as SelectExpression).lhs), dataValue());
      case 'Ternary': return join(this.value((n as Ternary).trueExpr), this.value((n as Ternary).falseExpr));
      case 'KeywordArgumentExpression': return this.value((n as KeywordArgumentExpression).value);
      case 'SpreadExpression': case 'KeywordSpreadExpression': return this.value((n as unknown as { argument: JNode }).argument);
      default: return dataValue();
    }
  }

  private sequence(items: JNode[], tuple: boolean): AV {
    const avs = items.map((i) => this.value(i));
    if (avs.length > MAX_ITEMS) return unresolved(...avs);
    let combos = 1;
    for (const a of avs) combos *= Math.max(1, alternatives(a).length);
    if (combos > MAX_VALUES) return unresolved(...avs);
    const out = bottom();
    const pick: Py[] = [];
    const rec = (k: number): void => {
      if (k === avs.length) {
        addConst(out, list([...pick], tuple));
        return;
      }
      const alts = alternatives(avs[k] as AV);
      for (const a of alts.length ? alts : [null]) {
        pick[k] = a;
        rec(k + 1);
      }
    };
    rec(0);
    return out;
  }

  private object(o: ObjectLiteral): AV {
    const entries = [...o.value.entries()];
    if (entries.length > MAX_ITEMS) return unresolved(...entries.flatMap(([k, v]) => [this.value(k), this.value(v)]));
    const keys = entries.map(([k]) => this.value(k));
    const vals = entries.map(([, v]) => this.value(v));
    // Each key and value: its single constant, or an unknown element (dict lookups then stay unresolved).
    const one = (a: AV): Py => (a.consts.length === 1 && !a.data && !a.built ? (a.consts[0] as Py) : a.built || a.consts.length > 0 ? { unknown: 'built' } : { unknown: 'data' });
    if (keys.some((k) => k.consts.length > 1)) return unresolved(...keys, ...vals);
    const d: PyDict = { dict: entries.map((_e, i) => [one(keys[i] as AV), one(vals[i] as AV)] as [Py, Py]) };
    const out = constValue(d);
    // Values with several constants are kept as unknown elements above; their text still flows.
    for (const v of vals) if (v.consts.length > 1) joinInto(out, unresolved(v));
    return out;
  }

  /** `x.name` reads an attribute (or an item: Jinja's getattr falls back to getitem). */
  attribute(object: AV, name: string): AV {
    // Runtime objects, namespace attributes the template assigned, and the template's own dicts.
    const out = join(dataValue(), this.scope.variable(`.${name}`));
    for (const c of object.consts) if (isDict(c)) for (const [k, v] of c.dict) if (k === name) addConst(out, v);
    return out;
  }

  private member(m: MemberExpression): AV {
    const object = this.value(m.object);
    if (!m.computed) {
      if (m.property.type === 'IntegerLiteral') return this.item(object, constValue((m.property as Literal<number>).value));
      return this.attribute(object, (m.property as Identifier).value);
    }
    if (m.property.type === 'SliceExpression') {
      const s = m.property as SliceExpression;
      const part = (x: JNode | undefined): AV => (x ? this.value(x) : constValue(null));
      return lift([object, part(s.start), part(s.stop), part(s.step)], (o, a, b, c) => {
        if (typeof o === 'string') {
          const cps = [...o];
          const at = pySlice(cps.length, a as Py, b as Py, c as Py);
          return at ? at.map((i) => cps[i]).join('') : undefined;
        }
        if (isList(o)) {
          const at = pySlice(o.list.length, a as Py, b as Py, c as Py);
          return at ? list(at.map((i) => o.list[i] as Py), o.tuple) : undefined;
        }
        return undefined;
      }, [true, false, false, false]);
    }
    return this.item(object, this.value(m.property));
  }

  /** `x[key]`: an item (or an attribute: Jinja's getitem falls back to getattr for string keys). */
  private item(object: AV, key: AV): AV {
    const out = flagsOf(object);
    for (const o of object.consts) {
      if (typeof o === 'string' || isList(o)) {
        const seq = typeof o === 'string' ? [...o] : o.list;
        for (const k of key.consts) {
          if (isInt(k)) {
            const at = pyIndex(k, seq.length);
            if (at !== undefined) addConst(out, seq[at] as Py);
          }
        }
        // An index the template did not fix can pick any element.
        if (key.data || key.built) for (const x of seq) addConst(out, x);
      } else if (isDict(o)) {
        for (const k of key.consts) for (const [dk, dv] of o.dict) if (typeof dk === typeof k && dk === k) addConst(out, dv);
        if (key.data || key.built) for (const [, dv] of o.dict) addConst(out, dv);
      }
    }
    // Attributes of runtime objects are caller data.
    joinInto(out, dataValue());
    return out;
  }

  private binary(b: BinaryExpression): AV {
    const op = b.operator.value;
    const l = this.value(b.left);
    const r = this.value(b.right);
    switch (op) {
      case 'and': case 'or': return join(l, r);
      case '+': return lift([l, r], (x, y) => {
        if (str(x) && str(y)) return x + y;
        if (isInt(x) && isInt(y)) return Number.isSafeInteger(x + y) ? x + y : undefined;
        if (isList(x) && isList(y) && !!x.tuple === !!y.tuple) return list([...x.list, ...y.list], x.tuple);
        return undefined;
      });
      case '~': return lift([l, r], (x, y) => {
        const a = pyStr(x);
        const c = pyStr(y);
        return a === undefined || c === undefined ? undefined : a + c;
      });
      case '-': return lift([l, r], (x, y) => (isInt(x) && isInt(y) && Number.isSafeInteger(x - y) ? x - y : undefined));
      case '*': return lift([l, r], (x, y) => {
        if (str(x) && isInt(y)) return repeatOk(x.length, y) ? x.repeat(y) : undefined;
        if (isInt(x) && str(y)) return repeatOk(y.length, x) ? y.repeat(x) : undefined;
        if (isList(x) && isInt(y) && y >= 0 && x.list.length * y <= MAX_ITEMS) return list(Array.from({ length: y }, () => x.list).flat(), x.tuple);
        if (isInt(x) && isInt(y)) return Number.isSafeInteger(x * y) ? x * y : undefined;
        return undefined;
      });
      case '//': return lift([l, r], (x, y) => (isInt(x) && isInt(y) && y !== 0 ? Math.floor(x / y) : undefined));
      case '%': return lift([l, r], (x, y) => {
        if (str(x)) return percentFormat(x, y);
        if (isInt(x) && isInt(y) && y !== 0) return ((x % y) + y) % y;
        return undefined;
      });
      case '**': return lift([l, r], (x, y) => (isInt(x) && isInt(y) && y >= 0 && y < 64 && Number.isSafeInteger(x ** y) ? x ** y : undefined));
      case '/': return unresolved(l, r);
      default: return constValue(true, false); // comparisons, `in`, `not in`
    }
  }

  private args(a: Args): { pos: AV[]; kw: Map<string, AV> } {
    return { pos: a.positional.map((p) => this.value(p)), kw: new Map([...a.keyword].map(([k, v]) => [k, this.value(v)])) };
  }

  private filter(f: FilterExpression): AV {
    const { name, args, core, wrapped } = filterParts(f);
    const operand = this.value(f.operand);
    const { pos, kw } = this.args(args);
    const result = args.spread || name === '' ? unresolved(operand, ...pos, ...kw.values()) : this.applyFilter(name, operand, pos, kw);
    if (!wrapped) return result;
    // Calls and indexes attached to the filter apply to its result.
    this.override.set(core, result);
    this.memo?.set(core, result);
    try {
      return this.value(f.filter);
    } finally {
      this.override.delete(core);
    }
  }

  applyFilter(name: string, operand: AV, pos: AV[], kw: Map<string, AV>): AV {
    const all = [operand, ...pos, ...kw.values()];
    const selecting = SELECTING_FILTERS.has(name);
    const flows = all.map((_a, i) => i === 0 || !selecting);
    const one = (fn: (v: Py, ...a: Py[]) => Py | undefined): AV => (kw.size > 0 ? unresolved(...all) : lift([operand, ...pos], fn, flows));
    switch (name) {
      case 'upper': return one((v) => (str(v) ? v.toUpperCase() : undefined));
      case 'lower': return one((v) => (str(v) ? v.toLowerCase() : undefined));
      case 'capitalize': return one((v) => (str(v) ? (v.slice(0, 1).toUpperCase() + v.slice(1).toLowerCase()) : undefined));
      case 'trim': return one((v, chars) => (str(v) && (chars === undefined || chars === null || str(chars)) ? pyStrip(v, (chars as string | undefined) ?? null, 'both') : undefined));
      case 'reverse': return one((v) => (str(v) ? pyReverse(v) : isList(v) ? list([...v.list].reverse()) : undefined));
      case 'string': return one((v) => pyStr(v));
      case 'safe': return one((v) => (str(v) ? v : undefined));
      case 'e': case 'escape': case 'forceescape': return one((v) => (str(v) ? htmlEscape(v) : undefined));
      case 'list': return one((v) => (str(v) ? list([...v]) : isList(v) ? list(v.list) : isDict(v) ? list(v.dict.map(([k]) => k)) : undefined));
      case 'first': case 'last': return one((v) => {
        const seq = str(v) ? [...v] : isList(v) ? v.list : isDict(v) ? v.dict.map(([k]) => k) : undefined;
        return seq && seq.length > 0 ? (seq[name === 'first' ? 0 : seq.length - 1] as Py) : undefined;
      });
      case 'length': case 'count': return one((v) => (str(v) ? [...v].length : isList(v) ? v.list.length : isDict(v) ? v.dict.length : undefined));
      case 'join': {
        if (kw.has('attribute') || pos.length > 1) return unresolved(...all);
        return lift([operand, pos[0] ?? constValue('')], (v, sep) => {
          const items = str(v) ? [...v] : isList(v) ? v.list : undefined;
          if (!items || !str(sep)) return undefined;
          const parts = items.map(pyStr);
          return parts.some((p) => p === undefined) ? undefined : parts.join(sep);
        });
      }
      case 'replace': return one((v, a, b, c) => {
        if (!str(v) || !str(a) || !str(b) || (c !== undefined && c !== null && !isInt(c))) return undefined;
        return pyReplace(v, a, b, isInt(c) ? c : -1);
      });
      case 'format': {
        if (kw.size > 0 && pos.length > 0) return unresolved(...all);
        if (kw.size > 0) {
          const names = [...kw.keys()];
          return lift([operand, ...kw.values()], (v, ...vals) => (str(v) ? percentFormat(v, { dict: names.map((k, i) => [k, vals[i] as Py] as [Py, Py]) }) : undefined));
        }
        return lift([operand, ...pos], (v, ...a) => (str(v) ? percentFormat(v, list(a, true)) : undefined));
      }
      case 'default': case 'd': return join(operand, pos[0] ?? constValue(''));
      case 'tojson': return one((v) => jsonDumps(v));
      case 'items': return one((v) => (isDict(v) ? list(v.dict.map(([k, x]) => list([k, x], true))) : undefined));
      case 'int': return one((v) => (isInt(v) ? v : str(v) ? pyInt(v) : undefined));
      case 'abs': return one((v) => (isInt(v) ? Math.abs(v) : undefined));
      case 'unique': case 'sort': return one((v, ...rest) => {
        if (!isList(v) || rest.length > 0) return undefined;
        if (v.list.every(str)) {
          const items = v.list as string[];
          if (name === 'unique') {
            const seen = new Set<string>();
            return list(items.filter((s) => (seen.has(s.toLowerCase()) ? false : (seen.add(s.toLowerCase()), true))));
          }
          return list([...items].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
        }
        if (name === 'sort' && v.list.every(isInt)) return list([...(v.list as number[])].sort((a, b) => a - b));
        return undefined;
      });
      case 'map': return this.mapFilter(operand, pos, kw);
      case 'attr': return dataValue();
      default:
        // Other filters are not followed: their result is unresolved from what flows into it.
        return unresolved(...all.filter((_a, i) => flows[i]));
    }
  }

  private mapFilter(operand: AV, pos: AV[], kw: Map<string, AV>): AV {
    if (kw.has('attribute') || pos.length === 0) return unresolved(operand);
    const [fname, ...rest] = pos;
    const out = bottom();
    if ((fname as AV).data || (fname as AV).built) joinInto(out, unresolved(operand, ...pos));
    for (const f of (fname as AV).consts) {
      if (!str(f)) continue;
      // Apply the named filter to the elements, then rebuild the lists (each element's alternatives joined).
      const mapped = this.applyFilter(f, elements(operand), rest, kw);
      const lists = lift([operand], (v) => {
        const items = str(v) ? [...v] : isList(v) ? v.list : undefined;
        if (!items) return undefined;
        const each = items.map((x) => this.applyFilter(f, constValue(x), rest, kw));
        return each.every((e) => e.consts.length === 1 && !e.data && !e.built) ? list(each.map((e) => e.consts[0] as Py)) : undefined;
      });
      joinInto(out, lists);
      out.built ||= mapped.built;
      out.data ||= mapped.data || operand.data;
    }
    return out;
  }

  private call(c: CallExpression): AV {
    const a = splitArgs(c.args);
    const { pos, kw } = this.args(a);
    const all = [...pos, ...kw.values()];
    if (c.callee.type === 'Identifier') {
      const name = (c.callee as Identifier).value;
      if (this.scope.isMacro(name) && !this.scope.bound(name)) return join(this.scope.variable(`macro:${name}`), dataValue());
      if (name === 'caller') return join(this.scope.variable('macro:caller'), dataValue());
      if (!this.scope.bound(name)) {
        if (name === 'range' && kw.size === 0 && !a.spread) {
          return lift(pos, (...xs) => {
            if (!xs.every(isInt) || xs.length < 1 || xs.length > 3) return undefined;
            const [start, stop, step] = xs.length === 1 ? [0, xs[0] as number, 1] : [xs[0] as number, xs[1] as number, (xs[2] as number | undefined) ?? 1];
            if (step === 0) return undefined;
            const n = Math.max(0, Math.ceil((stop - start) / step));
            return n > MAX_ITEMS ? undefined : list(Array.from({ length: n }, (_v, i) => start + i * step));
          });
        }
        if (name === 'dict' && pos.length === 0 && !a.spread) {
          const names = [...kw.keys()];
          const vals = [...kw.values()];
          const d = constValue({ dict: names.map((k, i) => [k, single(vals[i] as AV)] as [Py, Py]) });
          for (const v of vals) if (v.consts.length > 1) joinInto(d, unresolved(v));
          return d;
        }
        if (name === 'namespace') return dataValue();
      }
      return join(dataValue(), unresolved(...all));
    }
    if (c.callee.type === 'MemberExpression') {
      const m = c.callee as MemberExpression;
      const names = methodNames(this, m);
      const receiver = this.value(m.object);
      if (names === undefined || names.length === 0 || a.spread) return join(dataValue(), unresolved(receiver, ...all));
      const out = bottom();
      for (const name of names) joinInto(out, this.method(name, receiver, pos, kw));
      return out;
    }
    return join(dataValue(), unresolved(this.value(c.callee), ...all));
  }

  private method(name: string, receiver: AV, pos: AV[], kw: Map<string, AV>): AV {
    const all = [receiver, ...pos, ...kw.values()];
    const flows = all.map((_a, i) => i === 0 || !SELECTING_METHODS.has(name));
    // Methods of runtime objects return caller data; methods of the template's own strings and dicts are computed.
    return join(dataValue(), lift(all, (r, ...args) => {
      if (str(r)) return strMethod(name, r, args.slice(0, pos.length), new Map([...kw.keys()].map((k, i) => [k, args[pos.length + i] as Py])));
      if (isDict(r) && kw.size === 0) {
        if (name === 'keys') return list(r.dict.map(([k]) => k));
        if (name === 'values') return list(r.dict.map(([, v]) => v));
        if (name === 'items') return list(r.dict.map(([k, v]) => list([k, v], true)));
        if (name === 'get') return r.dict.find(([k]) => k === args[0])?.[1] ?? (args[1] ?? null);
      }
      return undefined;
    }, flows));
  }

  /** What a list of statements outputs (a `{% set x %}...{% endset %}` body, a macro's body). */
  outputs(body: JNode[]): AV {
    let acc = constValue('');
    for (const st of body) {
      if (st.type === 'Comment' || st.type === 'Set' || st.type === 'Macro') continue;
      let part: AV;
      if (st.type === 'If') {
        const i = st as unknown as { body: JNode[]; alternate: JNode[] };
        part = join(this.outputs(i.body), this.outputs(i.alternate));
      } else if (STATEMENTS.has(st.type)) part = join(unresolved(this.outputsOf(st)), constValue(''));
      else part = lift([this.value(st)], (v) => pyStr(v));
      acc = lift([acc, part], (x, y) => (str(x) && str(y) && x.length + y.length <= MAX_STRING ? x + y : undefined));
    }
    return acc;
  }

  /** Loops and call blocks repeat or wrap their bodies: only what flows out is kept, not the exact text. */
  private outputsOf(st: JNode): AV {
    const x = st as unknown as { body?: JNode[]; defaultBlock?: JNode[] };
    return join(this.outputs(x.body ?? []), this.outputs(x.defaultBlock ?? []));
  }
}

function single(a: AV): Py {
  if (a.consts.length === 1 && !a.data && !a.built) return a.consts[0] as Py;
  return a.built || a.consts.length > 0 ? { unknown: 'built' } : { unknown: 'data' };
}

/** The method name(s) of `obj.name(…)` or `obj[expr](…)`, or undefined when a computed name is not resolved. */
export function methodNames(folder: Folder, m: MemberExpression): string[] | undefined {
  if (!m.computed) return m.property.type === 'Identifier' ? [(m.property as Identifier).value] : [];
  if (m.property.type === 'SliceExpression') return [];
  const k = folder.value(m.property);
  if (k.built) return undefined;
  return k.consts.filter(str);
}

function pyReplace(s: string, a: string, b: string, count: number): string | undefined {
  if (a === '') {
    // Python inserts `b` between every character (and at both ends), up to count times.
    const cps = [...s];
    const out: string[] = [];
    let n = 0;
    for (let i = 0; i <= cps.length; i++) {
      if (count < 0 || n < count) {
        out.push(b);
        n++;
      }
      if (i < cps.length) out.push(cps[i] as string);
    }
    const r = out.join('');
    return r.length <= MAX_STRING ? r : undefined;
  }
  let out = '';
  let from = 0;
  let n = 0;
  for (;;) {
    const at = count >= 0 && n >= count ? -1 : s.indexOf(a, from);
    if (at < 0) break;
    out += s.slice(from, at) + b;
    from = at + a.length;
    n++;
    if (out.length > MAX_STRING) return undefined;
  }
  return out + s.slice(from);
}

/** Python int() of a string as Jinja's `int` filter uses it (0 when it is not a number). */
function pyInt(s: string): number {
  const t = pyStrip(s, null, 'both').replace(/_/g, '');
  if (t.length > 15) return 0;
  let i = t[0] === '-' || t[0] === '+' ? 1 : 0;
  if (i === t.length) return 0;
  for (; i < t.length; i++) if ((t[i] as string) < '0' || (t[i] as string) > '9') return 0;
  return Number(t);
}

function strMethod(name: string, s: string, args: Py[], kw: Map<string, Py>): Py | undefined {
  const a0 = args[0];
  const a1 = args[1];
  const optStr = (v: Py | undefined): string | null | undefined => (v === undefined || v === null ? null : str(v) ? v : undefined);
  if (name === 'format') return strFormat(s, args, kw);
  if (kw.size > 0) return undefined;
  switch (name) {
    case 'upper': return s.toUpperCase();
    case 'lower': case 'casefold': return s.toLowerCase();
    case 'capitalize': return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
    case 'swapcase': return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    case 'strip': case 'lstrip': case 'rstrip': {
      const chars = optStr(a0);
      return chars === undefined ? undefined : pyStrip(s, chars, name === 'strip' ? 'both' : name === 'lstrip' ? 'left' : 'right');
    }
    case 'replace': return str(a0) && str(a1) && (args[2] === undefined || isInt(args[2])) ? pyReplace(s, a0, a1, isInt(args[2]) ? args[2] : -1) : undefined;
    case 'split': {
      const sep = optStr(a0);
      if (sep === undefined || (a1 !== undefined && !isInt(a1))) return undefined;
      const parts = pySplit(s, sep, isInt(a1) ? a1 : -1);
      return parts && parts.length <= MAX_ITEMS ? list(parts) : undefined;
    }
    case 'join': {
      const items = str(a0) ? [...a0] : a0 !== undefined && isList(a0) ? a0.list : undefined;
      if (!items || !items.every(str)) return undefined;
      const r = (items as string[]).join(s);
      return r.length <= MAX_STRING ? r : undefined;
    }
    case 'removeprefix': return str(a0) ? (s.startsWith(a0) ? s.slice(a0.length) : s) : undefined;
    case 'removesuffix': return str(a0) ? (a0 !== '' && s.endsWith(a0) ? s.slice(0, -a0.length) : s) : undefined;
    case 'zfill': case 'center': case 'ljust': case 'rjust': {
      if (!isInt(a0) || a0 > MAX_STRING) return undefined;
      const fill = a1 === undefined ? ' ' : str(a1) && [...a1].length === 1 ? a1 : undefined;
      if (fill === undefined) return undefined;
      if (name === 'zfill') return s.length >= a0 ? s : (s[0] === '-' || s[0] === '+' ? s[0] + '0'.repeat(a0 - s.length) + s.slice(1) : '0'.repeat(a0 - s.length) + s);
      if (name === 'ljust') return s.padEnd(a0, fill);
      if (name === 'rjust') return s.padStart(a0, fill);
      return undefined; // center's padding split is not followed
    }
    case 'partition': case 'rpartition': {
      if (!str(a0) || a0 === '') return undefined;
      const at = name === 'partition' ? s.indexOf(a0) : s.lastIndexOf(a0);
      if (at < 0) return name === 'partition' ? list([s, '', ''], true) : list(['', '', s], true);
      return list([s.slice(0, at), a0, s.slice(at + a0.length)], true);
    }
    case 'find': case 'index': return str(a0) ? s.indexOf(a0) : undefined;
    case 'count': return str(a0) && a0 !== '' ? s.split(a0).length - 1 : undefined;
    case 'startswith': return str(a0) ? s.startsWith(a0) : undefined;
    case 'endswith': return str(a0) ? s.endsWith(a0) : undefined;
    default: return undefined;
  }
}
