// Parses the Python literals NumPy writes in `.npy` headers (dict, tuple, list, str, int, True/False/None)
// without evaluating anything: `ast.literal_eval`'s grammar, minus everything NumPy never writes.

export type PyLit = null | boolean | bigint | number | string | PyLit[] | { [k: string]: PyLit };

export class PyLitError extends Error {}

export function parsePyLiteral(src: string, maxDepth = 32): PyLit {
  let i = 0;
  const ws = (): void => {
    while (i < src.length && /[ \t\r\n]/.test(src[i] as string)) i++;
  };
  const fail = (msg: string): never => {
    throw new PyLitError(`${msg} at character ${i}`);
  };
  const str = (): string => {
    const q = src[i];
    i++;
    let out = '';
    while (i < src.length && src[i] !== q) {
      if (src[i] === '\\') {
        const e = src[i + 1];
        i += 2;
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' ? '\\' : e === "'" ? "'" : e === '"' ? '"' : `\\${e ?? ''}`;
        continue;
      }
      out += src[i];
      i++;
    }
    if (src[i] !== q) fail('unterminated string');
    i++;
    return out;
  };
  const seq = (close: string, depth: number): PyLit[] => {
    const items: PyLit[] = [];
    for (;;) {
      ws();
      if (src[i] === close) { i++; return items; }
      items.push(value(depth + 1));
      ws();
      if (src[i] === ',') { i++; continue; }
      if (src[i] === close) { i++; return items; }
      fail(`expected ',' or '${close}'`);
    }
  };
  const value = (depth: number): PyLit => {
    if (depth > maxDepth) fail('nesting too deep');
    ws();
    const c = src[i];
    if (c === "'" || c === '"') return str();
    if (c === '(') { i++; return seq(')', depth); }
    if (c === '[') { i++; return seq(']', depth); }
    if (c === '{') {
      i++;
      const obj: { [k: string]: PyLit } = Object.create(null) as { [k: string]: PyLit };
      for (;;) {
        ws();
        if (src[i] === '}') { i++; return obj; }
        const k = value(depth + 1);
        if (typeof k !== 'string') fail('dict keys must be strings');
        ws();
        if (src[i] !== ':') fail("expected ':'");
        i++;
        obj[k as string] = value(depth + 1);
        ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === '}') { i++; return obj; }
        fail("expected ',' or '}'");
      }
    }
    for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
      if (src.startsWith(word, i)) { i += word.length; return v; }
    }
    const m = /^[+-]?\d+L?/.exec(src.slice(i, i + 64));
    if (m) { i += m[0].length; return BigInt(m[0].replace('L', '')); }
    return fail('unsupported literal');
  };
  const v = value(0);
  ws();
  if (i !== src.length) fail('trailing characters');
  return v;
}
