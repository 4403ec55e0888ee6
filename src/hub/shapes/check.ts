// The primitives every shape validator is built from. They throw ShapeError naming the offending field
// (`tree[3].lfs.oid`); the transport turns that into a `malformed-response` HubError carrying the URL.

export class ShapeError extends Error {
  constructor(where: string, expected: string, got: unknown) {
    super(`${where} should be ${expected}, got ${describe(got)}`);
    this.name = 'ShapeError';
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export type Obj = Record<string, unknown>;

export function obj(v: unknown, where: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(where, 'an object', v);
  return v as Obj;
}

export function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(where, 'an array', v);
  return v;
}

export function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new ShapeError(where, 'a string', v);
  return v;
}

export function optStr(v: unknown, where: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, where);
}

export function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(where, 'a boolean', v);
  return v;
}

export function optBool(v: unknown, where: string): boolean | undefined {
  return v === undefined || v === null ? undefined : bool(v, where);
}

export function matching(v: unknown, re: RegExp, where: string, what: string): string {
  const s = str(v, where);
  if (!re.test(s)) throw new ShapeError(where, what, s);
  return s;
}

/** A non-negative safe integer (sizes, counts). */
export function count(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new ShapeError(where, 'a non-negative safe integer', v);
  }
  return v;
}

export function optCount(v: unknown, where: string): number | undefined {
  return v === undefined || v === null ? undefined : count(v, where);
}

/** An ISO-8601 date string that Date can parse. */
export function isoDate(v: unknown, where: string): string {
  const s = str(v, where);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s) || Number.isNaN(Date.parse(s))) throw new ShapeError(where, 'an ISO date', s);
  return s;
}

export function optIsoDate(v: unknown, where: string): string | undefined {
  return v === undefined || v === null ? undefined : isoDate(v, where);
}

export function strArray(v: unknown, where: string): string[] {
  return arr(v, where).map((x, i) => str(x, `${where}[${i}]`));
}
