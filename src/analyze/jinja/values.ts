// Abstract values for following string building in a chat template without rendering it. A value is the set of
// constants it may be (strings, ints, lists, dicts the template writes itself), plus two flags for what is not
// followed: `data` (the caller's inputs, or objects not modelled: harmless as a key) and `built` (a string the
// template assembled in a way not followed here: it may hold any name, so as a key it is unresolved).
// Sets are capped; past a cap a value keeps the flag that says what it lost, so the analysis stays sound and finite.

/** An unknown element inside a constant list or dict: caller data, or something the template built. */
export interface Unknown { unknown: 'data' | 'built' }
/** A list, or a tuple (`%` formatting treats only tuples as several arguments). */
export interface PyList { list: Py[]; tuple?: boolean }
export interface PyDict { dict: [Py, Py][] }
/** Python values the template can write as literals (floats are never constants: Python prints them differently). */
export type Py = string | number | boolean | null | PyList | PyDict | Unknown;

export interface AV {
  consts: Py[];
  /** keyOf of each constant, for de-duplication. */
  keys: Set<string>;
  data: boolean;
  built: boolean;
}

export const MAX_VALUES = 32;
export const MAX_STRING = 1024;
export const MAX_ITEMS = 64;

/** Work done by one analysis (nodes evaluated, plus string lengths produced), checked against its budget. */
export const meter = { work: 0 };

export const UD: Unknown = Object.freeze({ unknown: 'data' });
export const UB: Unknown = Object.freeze({ unknown: 'built' });

export function bottom(): AV {
  return { consts: [], keys: new Set(), data: false, built: false };
}
export function dataValue(): AV {
  return { ...bottom(), data: true };
}
export function builtValue(): AV {
  return { ...bottom(), built: true };
}

export const isUnknown = (v: Py | undefined): v is Unknown => typeof v === 'object' && v !== null && 'unknown' in v;
export const isList = (v: Py | undefined): v is PyList => typeof v === 'object' && v !== null && 'list' in v;
export const isDict = (v: Py | undefined): v is PyDict => typeof v === 'object' && v !== null && 'dict' in v;

/** Canonical key of a value, for de-duplication (bounded by the caps on strings and items). */
export function keyOf(v: Py): string {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') return `n${v}`;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (v === null) return 'N';
  if (isUnknown(v)) return v.unknown === 'data' ? '?d' : '?b';
  if (isList(v)) return `${v.tuple ? '(' : '['}${v.list.map(keyOf).join(',')}]`;
  return `{${v.dict.map(([k, x]) => `${keyOf(k)}:${keyOf(x)}`).join(',')}}`;
}

/** Whether a value carries text the template chose (a string, or a list or dict holding one). */
export function carriesText(v: Py): boolean {
  if (typeof v === 'string') return true;
  if (isUnknown(v)) return v.unknown === 'built';
  if (isList(v)) return v.list.some(carriesText);
  if (isDict(v)) return v.dict.some(([k, x]) => carriesText(k) || carriesText(x));
  return false;
}

function tooBig(v: Py): boolean {
  if (typeof v === 'string') return v.length > MAX_STRING;
  if (isList(v)) return v.list.length > MAX_ITEMS || v.list.some(tooBig);
  if (isDict(v)) return v.dict.length > MAX_ITEMS || v.dict.some(([k, x]) => tooBig(k) || tooBig(x));
  return false;
}

/** Adds a constant to `av` in place; past the caps the value is lost and the matching flag raised instead. */
export function addConst(av: AV, v: Py): void {
  if (isUnknown(v)) {
    if (v.unknown === 'data') av.data = true;
    else av.built = true;
    return;
  }
  if (tooBig(v) || av.consts.length >= MAX_VALUES) {
    if (carriesText(v)) av.built = true;
    else av.data = true;
    return;
  }
  const k = keyOf(v);
  meter.work += 1 + (k.length >> 6);
  if (!av.keys.has(k)) {
    av.keys.add(k);
    av.consts.push(v);
  }
}

export function constValue(...vs: Py[]): AV {
  const av = bottom();
  for (const v of vs) addConst(av, v);
  return av;
}

export function join(...avs: AV[]): AV {
  const out = bottom();
  for (const a of avs) {
    out.data ||= a.data;
    out.built ||= a.built;
    for (const c of a.consts) addConst(out, c);
  }
  return out;
}

/** Joins `b` into `a` in place; true when `a` grew. */
export function joinInto(a: AV, b: AV): boolean {
  const before = a.consts.length;
  const flags = `${a.data}${a.built}`;
  a.data ||= b.data;
  a.built ||= b.built;
  for (const c of b.consts) addConst(a, c);
  return a.consts.length !== before || `${a.data}${a.built}` !== flags;
}

/** What an operation yields when it is not followed: built when any template text flows in, else data. */
export function unresolved(...inputs: AV[]): AV {
  const built = inputs.some((i) => i.built || i.consts.some(carriesText));
  return built ? builtValue() : dataValue();
}

/** The alternatives of a value as constants, the flags as unknown elements (for building lists and dicts). */
export function alternatives(av: AV): Py[] {
  const out: Py[] = [...av.consts];
  if (av.data) out.push(UD);
  if (av.built) out.push(UB);
  return out;
}

/**
 * What combining unknown parts with the rest yields: for each flagged input, text reaches the result when it was
 * built itself, or when another input whose text flows carries template text. Otherwise the result is data.
 */
function flaggedPart(inputs: AV[], flows: readonly boolean[] | undefined): AV {
  const out = bottom();
  const flowsAt = (j: number): boolean => flows === undefined || flows[j] === true;
  inputs.forEach((a, i) => {
    if (!a.data && !a.built) return;
    const others = inputs.some((o, j) => j !== i && flowsAt(j) && (o.built || o.consts.some(carriesText)));
    if (others || (a.built && flowsAt(i))) out.built = true;
    else out.data = true;
  });
  return out;
}

/**
 * Applies `fn` to every combination of the inputs' constants (at most MAX_VALUES combinations). Flags, and results
 * `fn` cannot compute (undefined), become unresolved from the inputs whose text can reach the result: `flows`
 * lists them (all by default; a filter that only selects, like `trim` or `split`, passes only its operand).
 */
export function lift(inputs: AV[], fn: (...vs: Py[]) => Py | undefined, flows?: readonly boolean[]): AV {
  const out = flaggedPart(inputs, flows);
  const flowing = (vs: AV[]): AV[] => vs.filter((_v, i) => flows === undefined || flows[i] === true);
  let combos = 1;
  for (const i of inputs) combos *= i.consts.length;
  if (combos === 0) return out;
  if (combos > MAX_VALUES) return join(out, unresolved(...flowing(inputs)));
  const pick: Py[] = new Array<Py>(inputs.length);
  const rec = (k: number): void => {
    if (k === inputs.length) {
      const r = fn(...pick);
      if (r === undefined) joinInto(out, unresolved(...flowing(pick.map((p) => constValue(p)))));
      else addConst(out, r);
      return;
    }
    for (const c of (inputs[k] as AV).consts) {
      pick[k] = c;
      rec(k + 1);
    }
  };
  rec(0);
  return out;
}

/** The flags of a value, without its constants. */
export function flagsOf(av: AV): AV {
  return { ...bottom(), data: av.data, built: av.built };
}

export function isInt(v: Py | undefined): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** Python's str() of a constant, or undefined when it is not followed exactly. */
export function pyStr(v: Py): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  if (isInt(v)) return String(v);
  if (isList(v) || isDict(v)) return pyRepr(v);
  return undefined;
}

/** Python's repr() for the constants whose repr is plain (printable ASCII strings), else undefined. */
export function pyRepr(v: Py): string | undefined {
  if (typeof v === 'string') {
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x5c) return undefined;
    }
    if (v.includes("'") && !v.includes('"')) return `"${v}"`;
    if (v.includes("'")) return undefined;
    return `'${v}'`;
  }
  if (isList(v)) {
    const parts = v.list.map(pyRepr);
    if (parts.some((p) => p === undefined)) return undefined;
    return v.tuple ? `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})` : `[${parts.join(', ')}]`;
  }
  if (isDict(v)) {
    const parts = v.dict.map(([k, x]) => {
      const a = pyRepr(k);
      const b = pyRepr(x);
      return a === undefined || b === undefined ? undefined : `${a}: ${b}`;
    });
    return parts.some((p) => p === undefined) ? undefined : `{${parts.join(', ')}}`;
  }
  return pyStr(v);
}

/** The strings among a value's constants. */
export function strings(av: AV): string[] {
  return av.consts.filter((c): c is string => typeof c === 'string');
}

/** The elements Python iterates over: characters of strings, items of lists, keys of dicts. */
export function elements(av: AV): AV {
  const out = flagsOf(av);
  for (const c of av.consts) {
    if (typeof c === 'string') for (const ch of c) addConst(out, ch);
    else if (isList(c)) for (const x of c.list) addConst(out, x);
    else if (isDict(c)) for (const [k] of c.dict) addConst(out, k);
  }
  return out;
}

/** Python's index normalisation for one position; undefined when out of range. */
export function pyIndex(i: number, len: number): number | undefined {
  const j = i < 0 ? len + i : i;
  return j >= 0 && j < len ? j : undefined;
}

/** Python slice semantics over a sequence of `len` items: the selected positions, or undefined for step 0. */
export function pySlice(len: number, start: Py, stop: Py, step: Py): number[] | undefined {
  const st = step === null ? 1 : isInt(step) ? step : undefined;
  if (st === undefined || st === 0) return undefined;
  if ((start !== null && !isInt(start)) || (stop !== null && !isInt(stop))) return undefined;
  const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const norm = (v: number | null, dflt: number, lo: number, hi: number): number =>
    v === null ? dflt : clamp(v < 0 ? v + len : v, lo, hi);
  const out: number[] = [];
  if (st > 0) {
    const a = norm(start as number | null, 0, 0, len);
    const b = norm(stop as number | null, len, 0, len);
    for (let i = a; i < b && out.length <= MAX_STRING; i += st) out.push(i);
  } else {
    const a = norm(start as number | null, len - 1, -1, len - 1);
    const b = norm(stop as number | null, -1, -1, len - 1);
    for (let i = a; i > b && out.length <= MAX_STRING; i += st) out.push(i);
  }
  return out;
}
