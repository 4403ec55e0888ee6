// Python literals as `ast.literal_eval` reads them (CPython 3.11: the tokenizer, the expression grammar and
// literal_eval's node rules), without evaluating anything. NumPy parses `.npy` headers this way, so a header must
// mean here exactly what it means to numpy: tuples and lists differ, strings carry escapes, adjacent strings
// concatenate, `(1)` is 1. What cannot be evaluated faithfully (`\N{...}` names) is refused, never guessed.
// One pass, linear in the input.

export class PyTuple { constructor(readonly items: PyLit[]) {} }
export class PyList { constructor(readonly items: PyLit[]) {} }
export class PySet { constructor(readonly items: PyLit[]) {} }
/** A dict; entries keep Python's order, and a repeated str key keeps its first place with the last value. */
export class PyDict { constructor(readonly entries: [PyLit, PyLit][]) {} }
export class PyBytes { constructor(readonly latin1: string) {} }
/** float and complex constants, kept as their source text. */
export class PyNum { constructor(readonly kind: 'float' | 'complex', readonly text: string) {} }
export const ELLIPSIS = Object.freeze({ ellipsis: true });

export type PyLit = null | boolean | bigint | string | PyNum | PyBytes | PyTuple | PyList | PySet | PyDict | typeof ELLIPSIS;

/** `kind` is the Python exception: SyntaxError (numpy retries v1/v2 headers without Python 2 'L' suffixes), ValueError, TypeError. */
export class PyLitError extends Error {
  constructor(message: string, readonly kind: 'SyntaxError' | 'ValueError' | 'TypeError' | 'Unsupported') { super(message); }
}

export interface LiteralOptions {
  /** numpy's _filter_header: drop a NAME token `L` that directly follows a NUMBER token. */
  py2Longs?: boolean;
}

/** The tokenizer's limit on open brackets (MAXLEVEL in Parser/tokenizer.c). */
const MAX_LEVEL = 200;
const MAX_STR_DIGITS = 4300;

type Tok =
  | { t: 'num'; text: string; at: number }
  | { t: 'str'; value: string; bytes: boolean; fstring: boolean; at: number; bad: PyLitError | null }
  | { t: 'name'; text: string; at: number }
  | { t: 'op'; text: string; at: number }
  | { t: 'nl'; at: number }
  | { t: 'end'; at: number };

const ID_START = /[A-Za-z_\u0080-\uffff]/;
const NUMBER = /0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?/y;
const ID_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;

class Lexer {
  private i = 0;
  private level = 0;
  private lineStart = true;
  private prevNum = false;
  private peeked: Tok | null = null;

  constructor(private readonly s: string, private readonly py2Longs: boolean) {}

  syntax(msg: string, at = this.i): never {
    throw new PyLitError(`${msg} at character ${at}`, 'SyntaxError');
  }

  peek(): Tok {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  next(): Tok {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  private lex(): Tok {
    for (;;) {
      const t = this.raw();
      const wasNum = this.prevNum;
      this.prevNum = t.t === 'num';
      if (this.py2Longs && wasNum && t.t === 'name' && t.text === 'L') continue;
      return t;
    }
  }

  private raw(): Tok {
    const s = this.s;
    for (;;) {
      if (this.lineStart && this.level === 0) {
        // A logical line at the top level: indentation before a token is an IndentationError (a line continuation
        // keeps counting it); blank lines pass.
        let col = 0;
        for (;;) {
          const w = s[this.i];
          if (w === ' ' || w === '\t' || w === '\f') { col = w === '\f' ? 0 : col + 1; this.i++; continue; }
          if (w === '\\' && (s[this.i + 1] === '\n' || s[this.i + 1] === '\r')) { this.i++; this.eol(); this.eofAfterContinuation(); continue; }
          break;
        }
        const c = s[this.i];
        if (c === '#') { while (this.i < s.length && s[this.i] !== '\n' && s[this.i] !== '\r') this.i++; }
        if (this.i < s.length && (s[this.i] === '\n' || s[this.i] === '\r')) { this.newline(); continue; }
        if (this.i >= s.length) {
          if (col > 0) this.syntax('unexpected indent');
          return { t: 'end', at: this.i };
        }
        if (col > 0) this.syntax('unexpected indent');
        this.lineStart = false;
      }
      const c = s[this.i];
      if (c === undefined) return { t: 'end', at: this.i };
      if (c === ' ' || c === '\t' || c === '\f') { this.i++; continue; }
      if (c === '#') { while (this.i < s.length && s[this.i] !== '\n' && s[this.i] !== '\r') this.i++; continue; }
      if (c === '\\') {
        // Line continuation: a backslash right before the end of the line joins the next one.
        const n = s[this.i + 1];
        if (n === '\n' || n === '\r') { this.i++; this.eol(); this.eofAfterContinuation(); continue; }
        this.syntax('unexpected character after line continuation character');
      }
      if (c === '\n' || c === '\r') {
        const at = this.i;
        this.newline();
        if (this.level > 0) continue;
        return { t: 'nl', at };
      }
      if (c === '\0') this.syntax('source code string cannot contain null bytes');
      const at = this.i;
      if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[this.i + 1] ?? ''))) return this.number(at);
      if (ID_START.test(c)) {
        let j = this.i + 1;
        while (j < s.length && ID_CHAR.test(s[j] as string)) j++;
        const word = s.slice(this.i, j);
        const q = s[j];
        if ((q === "'" || q === '"') && /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/.test(word)) {
          this.i = j;
          return this.string(at, word.toLowerCase());
        }
        if (/[\u0080-\uffff]/.test(word)) this.syntax('invalid character in identifier', at);
        this.i = j;
        return { t: 'name', text: word, at };
      }
      if (c === "'" || c === '"') return this.string(at, '');
      if (s.startsWith('...', this.i)) { this.i += 3; return { t: 'op', text: '...', at }; }
      if (s.startsWith('**', this.i) || s.startsWith('//', this.i)) { this.i += 2; return { t: 'op', text: s.slice(at, at + 2), at }; }
      if ('([{'.includes(c)) {
        if (this.level >= MAX_LEVEL) this.syntax('too many nested parentheses');
        this.level++;
        this.i++;
        return { t: 'op', text: c, at };
      }
      if (')]}'.includes(c)) {
        if (this.level === 0) this.syntax(`unmatched '${c}'`);
        this.level--;
        this.i++;
        return { t: 'op', text: c, at };
      }
      if (',:+-*/%@&|^~<>=.;!'.includes(c)) { this.i++; return { t: 'op', text: c, at }; }
      this.syntax(`invalid character ${JSON.stringify(c)}`);
    }
  }

  private eofAfterContinuation(): void {
    if (this.i >= this.s.length) this.syntax('unexpected EOF while parsing');
  }

  private newline(): void {
    this.eol();
    if (this.level === 0) this.lineStart = true;
  }

  /** Consumes one line end: \n, \r\n or \r (Python reads all three as a newline). */
  private eol(): void {
    if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i += 2;
    else this.i++;
  }

  private number(at: number): Tok {
    const s = this.s;
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(s);
    if (!m) this.syntax('invalid number literal', at);
    const text = (m as RegExpExecArray)[0];
    this.i = at + text.length;
    const after = s[this.i];
    if (after !== undefined && (ID_CHAR.test(after) || after === '.')) {
      // "3L" is a NUMBER and a NAME to Python's own tokenize module, which numpy's filter uses.
      if (!(this.py2Longs && after === 'L')) this.syntax('invalid decimal literal', at);
    }
    if (/^0[0-9_]*[1-9]/.test(text) && /^[0-9_]+$/.test(text)) this.syntax('leading zeros in decimal integer literals are not permitted', at);
    return { t: 'num', text, at };
  }

  private string(at: number, prefix: string): Tok {
    const s = this.s;
    const q = s[this.i] as string;
    const triple = s.startsWith(q.repeat(3), this.i);
    const raw = prefix.includes('r');
    const bytes = prefix.includes('b');
    const fstring = prefix.includes('f');
    if (prefix.includes('u') && prefix.length > 1) this.syntax('invalid string prefix', at);
    this.i += triple ? 3 : 1;
    const parts: string[] = [];
    const from = this.i;
    for (;;) {
      const c = s[this.i];
      if (c === undefined) this.syntax('unterminated string literal', at);
      if (c === '\0') this.syntax('source code string cannot contain null bytes');
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === undefined) this.syntax('unterminated string literal', at);
        this.i += n === '\r' && s[this.i + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (!triple && (c === '\n' || c === '\r')) this.syntax('unterminated string literal', at);
      if (triple ? s.startsWith(q.repeat(3), this.i) : c === q) break;
      this.i++;
    }
    parts.push(s.slice(from, this.i));
    this.i += triple ? 3 : 1;
    const body = parts.join('').replace(/\r\n?/g, '\n');
    if (bytes && /[^\x00-\x7f]/.test(body)) this.syntax('bytes can only contain ASCII literal characters', at);
    let value = body;
    let bad: PyLitError | null = null;
    if (!raw && !fstring) {
      try {
        value = unescape(body, bytes, at);
      } catch (e) {
        if (!(e instanceof PyLitError && e.kind === 'Unsupported')) throw e;
        bad = e; // a \N{...} name: refused once the whole literal has parsed
      }
    }
    return { t: 'str', value, bytes, fstring, at, bad };
  }
}

const SIMPLE: Readonly<Record<string, string>> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'
};

/** The escapes of a non-raw literal: str ones for str, bytes ones (no \u, \U, \N) for bytes. */
function unescape(body: string, bytes: boolean, at: number): string {
  if (!body.includes('\\')) return body;
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const j = body.indexOf('\\', i);
    if (j < 0) { out.push(body.slice(i)); break; }
    out.push(body.slice(i, j));
    const e = body[j + 1] as string;
    i = j + 2;
    if (SIMPLE[e] !== undefined) { out.push(SIMPLE[e] as string); continue; }
    if (e >= '0' && e <= '7') {
      let k = i;
      while (k < body.length && k < i + 2 && (body[k] as string) >= '0' && (body[k] as string) <= '7') k++;
      const v = parseInt(body.slice(j + 1, k), 8);
      out.push(String.fromCharCode(bytes ? v & 0xff : v));
      i = k;
      continue;
    }
    if (e === 'x') {
      const h = body.slice(i, i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new PyLitError(`truncated \\xXX escape in the string at character ${at}`, 'SyntaxError');
      out.push(String.fromCharCode(parseInt(h, 16)));
      i += 2;
      continue;
    }
    if (!bytes && (e === 'u' || e === 'U')) {
      const n = e === 'u' ? 4 : 8;
      const h = body.slice(i, i + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new PyLitError(`truncated \\${e} escape in the string at character ${at}`, 'SyntaxError');
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff) throw new PyLitError(`illegal Unicode character in the string at character ${at}`, 'SyntaxError');
      out.push(String.fromCodePoint(cp));
      i += n;
      continue;
    }
    if (!bytes && e === 'N') {
      throw new PyLitError(`a \\N{...} escape (a Unicode character name) in the string at character ${at} is not evaluated here`, 'Unsupported');
    }
    out.push(`\\${e}`); // an unknown escape keeps its backslash
  }
  return out.join('');
}

/** Whether a value can be a dict key or set element (ast.literal_eval builds the dict, so an unhashable key raises). */
function hashable(v: PyLit): boolean {
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet) return false;
  if (v instanceof PyTuple) return v.items.every(hashable);
  return true;
}

/** A key under which Python's equality holds: 1 == 1.0 == True, tuples item by item. */
function eqKey(v: PyLit): string {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return `n${v ? 1 : 0}`;
  if (typeof v === 'bigint') return `n${v}`;
  if (v === null) return 'N';
  if (v instanceof PyBytes) return `b${v.latin1}`;
  if (v instanceof PyNum) {
    if (v.kind === 'float') {
      const x = Number(v.text);
      return Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? `n${x}` : Number.isNaN(x) ? `nan${Math.random()}` : `f${x}`;
    }
    return `c${v.text}`;
  }
  if (v instanceof PyTuple) return `t(${v.items.map(eqKey).join(',')})`;
  return 'E';
}

interface Node { v: PyLit; num: 'int' | 'float' | 'complex' | null; signed: boolean; binop: boolean }

class Parser {
  /** The first error literal_eval raises after parsing; a SyntaxError anywhere comes first, so it waits. */
  deferred: PyLitError | null = null;

  constructor(private readonly lx: Lexer) {}

  /** A node literal_eval refuses (ValueError): noted, and parsing goes on with a stand-in. */
  value(): Node {
    this.defer(new PyLitError('malformed node or string', 'ValueError'));
    return leaf(null);
  }

  defer(e: PyLitError): void {
    this.deferred ??= e;
  }

  expr(): Node {
    const t = this.lx.peek();
    if (t.t === 'op' && (t.text === '+' || t.text === '-')) {
      this.lx.next();
      const operand = this.atom();
      if (operand.num === null || operand.signed || operand.binop) return this.maybeComplex(this.value());
      const v = t.text === '-' ? negate(operand) : operand.v;
      return this.maybeComplex({ v, num: operand.num, signed: true, binop: false });
    }
    return this.maybeComplex(this.atom());
  }

  /** `left + imag` / `left - imag`: the one binary operation literal_eval allows. */
  private maybeComplex(left: Node): Node {
    const t = this.lx.peek();
    if (!(t.t === 'op' && (t.text === '+' || t.text === '-'))) return left;
    this.lx.next();
    const right = this.lx.peek().t === 'op' && '+-'.includes((this.lx.peek() as { text: string }).text) ? this.expr() : this.atom();
    if (left.binop || (left.num !== 'int' && left.num !== 'float') || right.num !== 'complex' || right.signed || right.binop) return this.value();
    const sign = t.text === '-' ? '-' : '+';
    return { v: new PyNum('complex', `(${numText(left.v)}${sign}${numText(right.v)})`), num: 'complex', signed: false, binop: true };
  }

  atom(): Node {
    const lx = this.lx;
    const t = lx.next();
    switch (t.t) {
      case 'num': return number(t.text);
      case 'str': {
        const bytes = t.bytes;
        let f = t.fstring;
        let bad = t.bad;
        const parts = [t.value];
        for (let n = lx.peek(); n.t === 'str'; n = lx.peek()) {
          lx.next();
          if (n.bytes !== bytes) lx.syntax('cannot mix bytes and nonbytes literals', n.at);
          f ||= n.fstring;
          bad ??= n.bad;
          parts.push(n.value);
        }
        if (bad) { this.defer(bad); return leaf(null); }
        if (f) return this.value(); // an f-string is a JoinedStr, not a constant
        const s = parts.join('');
        return leaf(bytes ? new PyBytes(s) : s);
      }
      case 'name': {
        if (t.text === 'True') return leaf(true);
        if (t.text === 'False') return leaf(false);
        if (t.text === 'None') return leaf(null);
        if (t.text === 'set' && lx.peek().t === 'op' && (lx.peek() as { text: string }).text === '(') {
          lx.next();
          const close = lx.peek();
          if (close.t === 'op' && close.text === ')') { lx.next(); return leaf(new PySet([])); }
          this.skipBrackets(1);
          this.trailers();
          return this.value();
        }
        // Any other name is a Name node, which literal_eval refuses; what follows must still parse.
        this.trailers();
        return this.value();
      }
      case 'op': {
        if (t.text === '...') return leaf(ELLIPSIS);
        if (t.text === '(') return this.paren();
        if (t.text === '[') return leaf(new PyList(this.seq(']')));
        if (t.text === '{') return this.brace();
        return lx.syntax('invalid syntax', t.at);
      }
      default:
        return lx.syntax('invalid syntax', t.at);
    }
  }

  /** Calls, subscripts and attributes after a name: their insides are skipped (the node is refused anyway). */
  private trailers(): void {
    for (;;) {
      const p = this.lx.peek();
      if (p.t !== 'op') return;
      if (p.text === '(' || p.text === '[') { this.lx.next(); this.skipBrackets(1); continue; }
      if (p.text === '.') {
        this.lx.next();
        const n = this.lx.next();
        if (n.t !== 'name') this.lx.syntax('invalid syntax', n.at);
        continue;
      }
      return;
    }
  }

  /** Tokens up to the bracket that closes `depth` open ones (the lexer keeps brackets balanced). */
  private skipBrackets(depth: number): void {
    let d = depth;
    while (d > 0) {
      const t = this.lx.next();
      if (t.t === 'end') this.lx.syntax('unexpected EOF while parsing', t.at);
      if (t.t === 'op' && '([{'.includes(t.text)) d++;
      if (t.t === 'op' && ')]}'.includes(t.text)) d--;
    }
  }

  private paren(): Node {
    const lx = this.lx;
    const p = lx.peek();
    if (p.t === 'op' && p.text === ')') { lx.next(); return leaf(new PyTuple([])); }
    const first = this.expr();
    const n = lx.next();
    if (n.t === 'op' && n.text === ')') return first; // grouping: (1) is 1
    if (!(n.t === 'op' && n.text === ',')) lx.syntax('invalid syntax', n.at);
    const items = [first.v, ...this.seq(')')];
    return leaf(new PyTuple(items));
  }

  /** Items up to `close`, a trailing comma allowed. */
  private seq(close: string): PyLit[] {
    const lx = this.lx;
    const items: PyLit[] = [];
    for (;;) {
      const p = lx.peek();
      if (p.t === 'op' && p.text === close) { lx.next(); return items; }
      items.push(this.expr().v);
      const n = lx.next();
      if (n.t === 'op' && n.text === close) return items;
      if (!(n.t === 'op' && n.text === ',')) lx.syntax('invalid syntax', n.at);
    }
  }

  private brace(): Node {
    const lx = this.lx;
    const p = lx.peek();
    if (p.t === 'op' && p.text === '}') { lx.next(); return leaf(new PyDict([])); }
    const first = this.expr().v;
    const n = lx.peek();
    if (n.t === 'op' && n.text === ':') {
      const entries: [PyLit, PyLit][] = [];
      const index = new Map<string, number>();
      let key = first;
      for (;;) {
        const colon = lx.next();
        if (!(colon.t === 'op' && colon.text === ':')) lx.syntax('invalid syntax', colon.at);
        const value = this.expr().v;
        if (!hashable(key)) this.defer(new PyLitError('unhashable dict key', 'TypeError'));
        else {
          const k = eqKey(key);
          const at = index.get(k);
          if (at !== undefined) (entries[at] as [PyLit, PyLit])[1] = value;
          else { index.set(k, entries.length); entries.push([key, value]); }
        }
        const sep = lx.next();
        if (sep.t === 'op' && sep.text === '}') return leaf(new PyDict(entries));
        if (!(sep.t === 'op' && sep.text === ',')) lx.syntax('invalid syntax', sep.at);
        const q = lx.peek();
        if (q.t === 'op' && q.text === '}') { lx.next(); return leaf(new PyDict(entries)); }
        key = this.expr().v;
      }
    }
    const items = [first];
    const sep = lx.next();
    if (!(sep.t === 'op' && (sep.text === '}' || sep.text === ','))) return lx.syntax('invalid syntax', sep.at);
    if (sep.text === ',') items.push(...this.seq('}'));
    if (!items.every(hashable)) { this.defer(new PyLitError('unhashable set element', 'TypeError')); return leaf(null); }
    const seen = new Set<string>();
    return leaf(new PySet(items.filter((x) => { const k = eqKey(x); if (seen.has(k)) return false; seen.add(k); return true; })));
  }
}

function leaf(v: PyLit): Node {
  return { v, num: null, signed: false, binop: false };
}

function number(text: string): Node {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { v: new PyNum('complex', clean), num: 'complex', signed: false, binop: false };
  if (/^0[xX]/.test(clean) || /^0[oO]/.test(clean) || /^0[bB]/.test(clean)) {
    return { v: BigInt(clean.toLowerCase()), num: 'int', signed: false, binop: false };
  }
  if (/[.eE]/.test(clean)) return { v: new PyNum('float', clean), num: 'float', signed: false, binop: false };
  if (clean.replace(/^0+(?=.)/, '').length > MAX_STR_DIGITS) throw new PyLitError('an integer literal exceeds the limit of 4300 digits', 'SyntaxError');
  return { v: BigInt(clean), num: 'int', signed: false, binop: false };
}

function numText(v: PyLit): string {
  return typeof v === 'bigint' ? v.toString() : v instanceof PyNum ? v.text : String(v);
}

function negate(n: Node): PyLit {
  if (typeof n.v === 'bigint') return -n.v;
  if (n.v instanceof PyNum) return new PyNum(n.v.kind, n.v.text.startsWith('-') ? n.v.text.slice(1) : `-${n.v.text}`);
  return n.v;
}

/** ast.literal_eval(src): the value, or a PyLitError saying which Python exception it raises. */
export function literalEval(src: string, opts: LiteralOptions = {}): PyLit {
  // literal_eval strips leading spaces and tabs before parsing in 'eval' mode.
  let start = 0;
  while (start < src.length && (src[start] === ' ' || src[start] === '\t')) start++;
  const lx = new Lexer(src.slice(start), opts.py2Longs ?? false);
  const p = new Parser(lx);
  const first = lx.peek();
  if (first.t === 'end') lx.syntax('invalid syntax (empty)', first.at);
  let v = p.expr().v;
  if (lx.peek().t === 'op' && (lx.peek() as { text: string }).text === ',') {
    // A bare tuple at the top level: `1, 2` and `1,` are tuples too.
    const items = [v];
    while (lx.peek().t === 'op' && (lx.peek() as { text: string }).text === ',') {
      lx.next();
      const n = lx.peek();
      if (n.t === 'nl' || n.t === 'end') break;
      items.push(p.expr().v);
    }
    v = new PyTuple(items);
  }
  for (let t = lx.next(); t.t !== 'end'; t = lx.next()) {
    if (t.t !== 'nl') lx.syntax('invalid syntax', t.at);
  }
  if (p.deferred) throw p.deferred;
  return v;
}
