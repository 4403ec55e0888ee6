// The 'python' JSON dialect against CPython's own json.loads: the same documents accepted and refused, and the same
// values (NaN/Infinity, lone surrogates, last duplicate wins, exact integers). The 'serde' dialect keeps refusing
// what serde_json refuses. Inputs are generated and mutated from a fixed seed; python3 (stdlib) is the oracle.
import { canonicalJson, parseJson, type Json } from '../../src/analyze/json.js';
import { runPython } from '../support/cpython.js';

/** Python renders each value in the shape canonicalJson uses: strings as UTF-16 code units, floats by repr. */
const ORACLE = String.raw`
import json, sys, math
def units(s):
    b = s.encode('utf-16-le', 'surrogatepass')
    return [b[i] | (b[i+1] << 8) for i in range(0, len(b), 2)]
def canon(v):
    if v is None or v is True or v is False: return {'t': 'lit', 'v': json.dumps(v)}
    if isinstance(v, int): return {'t': 'int', 'v': str(v)}
    if isinstance(v, float): return {'t': 'float', 'v': 'nan' if math.isnan(v) else repr(v)}
    if isinstance(v, str): return {'t': 'str', 'v': units(v)}
    if isinstance(v, list): return {'t': 'arr', 'v': [canon(x) for x in v]}
    return {'t': 'obj', 'v': [[units(k), canon(x)] for k, x in v.items()]}
out = []
for doc in json.load(sys.stdin):
    try:
        out.append(canon(json.loads(doc)))
    except (ValueError, RecursionError) as e:
        out.append(None)
print(json.dumps(out))
`;

type Canon = { t: 'lit' | 'int' | 'float'; v: string } | { t: 'str'; v: number[] } | { t: 'arr'; v: Canon[] } | { t: 'obj'; v: [number[], Canon][] };

const units = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

function same(ours: Json, py: Canon): boolean {
  switch (py.t) {
    case 'lit': return JSON.stringify(ours) === py.v;
    case 'int': return typeof ours === 'bigint' && ours.toString() === py.v;
    case 'float': {
      if (typeof ours !== 'number') return false;
      if (py.v === 'nan') return Number.isNaN(ours);
      const want = py.v === 'inf' ? Infinity : py.v === '-inf' ? -Infinity : Number(py.v);
      return Object.is(ours, want) || ours === want;
    }
    case 'str': return typeof ours === 'string' && JSON.stringify(units(ours)) === JSON.stringify(py.v);
    case 'arr': return Array.isArray(ours) && ours.length === py.v.length && ours.every((x, i) => same(x, py.v[i] as Canon));
    case 'obj': {
      if (ours === null || typeof ours !== 'object' || Array.isArray(ours)) return false;
      const keys = Object.keys(ours);
      return keys.length === py.v.length && keys.every((k, i) => JSON.stringify(units(k)) === JSON.stringify((py.v[i] as [number[], Canon])[0]) &&
        same(ours[k] as Json, (py.v[i] as [number[], Canon])[1]));
    }
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  '{"a": 1, "a": 2}', '{"a": [1, 2], "a": [1, 2]}', '[NaN, Infinity, -Infinity]', '{"x": NaN}', '-Infinity', 'NaN',
  '"\\ud800"', '"\\udc00\\ud800"', '"\\ud83d\\ude00"', '"\\ud83dx"', '"\\ud800\\u0041"', '"\\uD800\\uDBFF"',
  '12345678901234567890123456789', '-0', '0.5e-3', '1E+400', '-1e-400', '1.0', '[1, 2.5, -3e2]',
  '{"class_name": "Lambda", "config": {"function": "x"}}', '{"chat_template": "{{ x }}"}',
  ' \t\n\r[ ]\n', '{"": null}', '{"\\u0000": "\\u001f"}', '"\\/\\b\\f\\n\\r\\t\\"\\\\"', '"é€😀"',
  '[' .repeat(300) + ']'.repeat(300), '{"a":'.repeat(200) + '1' + '}'.repeat(200)
];
const ALPHABET = ['', ' ', '\t', '\u00a0', '\u000b', '\ufeff', '"', '\\', 'u', 'N', 'a', 'I', 'n', 'f', 'i', 't', 'y', '-', '+', '.', 'e', 'E',
  '0', '1', '9', ',', ':', '[', ']', '{', '}', '\u0001', '\ud800', 'x', 'D', 'd', '8'];

function generate(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const docs = [...SEEDS];
  while (docs.length < count) {
    let d = pick(SEEDS);
    const edits = 1 + Math.floor(r() * 3);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(r() * (d.length + 1));
      const op = r();
      if (op < 0.4) d = d.slice(0, at) + pick(ALPHABET) + d.slice(at);
      else if (op < 0.7) d = d.slice(0, at) + d.slice(at + 1);
      else if (op < 0.85) d = d.slice(0, at) + pick(ALPHABET) + d.slice(at + 1);
      else d = `[${d}, ${pick(SEEDS)}]`;
    }
    docs.push(d);
  }
  return docs;
}

describe("the 'python' dialect reads JSON as CPython's json.loads does", () => {
  const docs = generate(3000, 0x5eed);
  const py = runPython<(Canon | null)[]>(ORACLE, docs);

  test('same accept/refuse decision and the same value for every generated document', () => {
    const disagreements: string[] = [];
    docs.forEach((d, i) => {
      let ours: Json | undefined;
      try {
        ours = parseJson(d, 'python').value;
      } catch {
        ours = undefined;
      }
      const want = py[i] ?? null;
      if (want === null ? ours !== undefined : ours === undefined || !same(ours, want)) disagreements.push(JSON.stringify(d));
    });
    expect(disagreements.slice(0, 10)).toEqual([]);
    // The generator reaches both outcomes often enough to mean something.
    expect(py.filter((x) => x === null).length).toBeGreaterThan(300);
    expect(py.filter((x) => x !== null).length).toBeGreaterThan(300);
  });

  test('duplicate keys: Python keeps the last value; differing values are reported as conflicts', () => {
    const r = parseJson('{"chat_template": "safe", "chat_template": "{{ evil }}", "n": 1, "n": 1}', 'python');
    expect(runPython<string>('import json,sys; print(json.dumps(json.loads(json.load(sys.stdin))["chat_template"]))',
      '{"chat_template": "safe", "chat_template": "{{ evil }}"}')).toBe('{{ evil }}');
    expect((r.value as { chat_template: string }).chat_template).toBe('{{ evil }}');
    expect(r.duplicates).toEqual(['chat_template', 'n']);
    expect(r.conflicts).toEqual(['chat_template']);
  });

  test('nesting is parsed without recursion, linear in the document (1,000,000 levels)', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(Array.isArray(parseJson(deep, 'python').value)).toBe(true);
    expect(canonicalJson(parseJson('[[1,{"a":[NaN]}]]', 'python').value)).toBe('[[1,{"a":[NaN]}]]');
  });

  test("the 'serde' dialect still refuses what serde_json refuses", () => {
    for (const d of ['NaN', '[Infinity]', '"\\ud800"', '"\\udc00"', `${'['.repeat(129)}${']'.repeat(129)}`]) {
      expect(() => parseJson(d)).toThrow();
    }
    expect(parseJson(`${'['.repeat(128)}${']'.repeat(128)}`).value).toBeDefined();
  });
});
