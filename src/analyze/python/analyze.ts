// Python read as code: @lezer/python parses the source (error-tolerant), and a small abstract interpreter walks
// the tree. It follows imports and their aliases, folds string constants (concatenation, join, reversal,
// base64/hex/rot13/zlib decoding, getattr/__import__ with built names), and tracks within and across functions
// which values were downloaded, decoded, made executable or read from credential stores, so that
// `url = b64decode(…); urlretrieve(url, p); os.chmod(p, …|S_IEXEC); Popen([p])` is one critical finding with
// its lines. Nothing is executed; decoding a literal is reading data.
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Severity } from '../../core/findings.js';
import { credentialLocation, hostOf, isHubHost, isLocalHost, isSecretVariable, SECRET_WORD } from '../patterns.js';
import { analyzeShell, newShellState, type ShellHit, type ShellKind, type ShellState } from '../shell/analyze.js';
import type { Hit } from '../util.js';
import {
  CODE_FROM_PATH, DANGER_ROOTS, DYNAMIC_EXEC, FETCH, FETCH_TO_PATH, FILE_ACCESS, isDangerousName, LOADS, NATIVE_LOAD,
  osExecProgramIndex, SCANNER_PACKAGES, SEND, SPAWN_ARGV, SPAWN_SHELL, TOKEN_GETTERS
} from './sinks.js';
import {
  decodePyString, fromBase32, fromBase64, fromHex, inflate, looksActive, rot13, UNKNOWN, utf8Decode
} from './strings.js';
import {
  cap, type ClassInfo, F, type FnInfo, isKnown, type Mark, newScope, normalizeRef, PROPAGATE, type Scope, textOf, unknown, val,
  type Val, withTaint
} from './values.js';

/** Where the code runs, which decides how severe plain process spawning is. */
export type PyContext = 'script' | 'remote-code' | 'setup' | 'notebook' | 'snippet';

export interface PyOptions {
  context?: PyContext;
  /** README snippets are fragments: their parse errors are not findings. */
  tolerateParseErrors?: boolean;
  shellState?: ShellState;
}

export interface PyImport {
  module: string;
  line: number;
}

export interface PyAnalysis {
  hits: Hit[];
  imports: PyImport[];
  parseErrorLines: number[];
}

const MAX_DEPTH = 250;
const MAX_ITEMS = 4096;
const HELP = {
  dlexec: 'The code downloads a file and runs it: whatever the server sends runs on the user\'s machine. Do not approve.',
  exec: 'Running code built at run time hides what runs. Read the code that produces the string; legitimate model code does not need exec/eval.',
  spawn: 'Check which program runs, with which arguments, and why a model file needs it.',
  creds: 'Model code has no reason to read credentials. Treat this as a credential stealer; do not approve.',
  env: 'Collecting environment variables that hold tokens and keys is credential theft. Do not approve.',
  send: 'Find out what is sent where and why; model code does not upload local data.',
  fetch: 'Model code that contacts a server when loaded can report users or fetch new code. Find out what it fetches and why.',
  obf: 'Encoded or assembled strings hide what the code does. Decode them (the evidence shows how) and judge what they hide.',
  imp: 'Imports by computed name hide which module is used. Resolve the name; legitimate code imports what it needs directly.',
  native: 'Loading a native library runs machine code that was not reviewed. Find out where it comes from.',
  scanner: 'Code that knows about model scanners is written to evade them. Do not approve.',
  parse: 'Parts of the file could not be parsed, so they were not examined. Fix the syntax or review the file by hand.'
} as const;

const BUILTINS = new Set([
  'exec', 'eval', 'compile', '__import__', 'getattr', 'setattr', 'open', 'globals', 'locals', 'vars', 'chr', 'ord', 'str',
  'bytes', 'bytearray', 'reversed', 'print', 'len', 'dict', 'list', 'tuple', 'set', 'map', 'filter', 'input', 'execfile',
  'isinstance', 'range', 'enumerate', 'zip', 'sorted', 'int', 'float', 'bool', 'hasattr', 'type', 'super', 'iter', 'next'
]);

export function analyzePython(src: string, opts: PyOptions = {}): PyAnalysis {
  return new PyAnalyzer(src, opts).run();
}

interface DecodeEvent {
  line: number;
  technique: string;
  inputLength: number;
  literal: boolean;
  active: boolean;
  /** The start of the decoded text, for the message. */
  preview?: string;
  reached?: { sink: string; line: number };
}

class PyAnalyzer {
  private readonly hits: Hit[] = [];
  private readonly imports: PyImport[] = [];
  private readonly lineStarts: number[] = [0];
  private readonly tree: Tree;
  private readonly context: PyContext;
  private readonly shellState: ShellState;
  private readonly decodes = new Map<number, DecodeEvent>();
  private readonly secretReads: { line: number; what: string }[] = [];
  private readonly sends: Hit[] = [];
  private readonly pendingFns: FnInfo[] = [];
  private quiet = 0;
  private depth = 0;
  private tooDeep = false;
  private module: Scope = newScope('module');

  constructor(private readonly src: string, private readonly opts: PyOptions) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.tree = parser.parse(src);
    this.context = opts.context ?? 'script';
    this.shellState = opts.shellState ?? newShellState();
  }

  run(): PyAnalysis {
    const parseErrorLines = this.parseErrors();
    this.walkBody(this.tree.topNode, this.module);
    // Functions never called from module level are still code someone can run.
    while (this.pendingFns.length > 0) {
      const fn = this.pendingFns.shift() as FnInfo;
      if (fn.state === 'new') this.analyzeFn(fn);
    }
    this.finish();
    return { hits: this.hits, imports: this.imports, parseErrorLines };
  }

  // ── plumbing ──────────────────────────────────────────────────────────────────────────────────────────────

  private line(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private t(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  private hit(check: string, severity: Severity, line: number, message: string, help: string, related: number[] = []): Hit | undefined {
    if (this.quiet > 0) return undefined;
    const h: Hit = { check, severity, line, message, help, ...(related.length ? { related: [...new Set(related)].filter((l) => l !== line).slice(0, 4) } : {}) };
    this.hits.push(h);
    return h;
  }

  private parseErrors(): number[] {
    const lines: number[] = [];
    this.tree.iterate({
      enter: (n) => {
        if (n.type.isError) {
          const l = this.line(n.from);
          if (!lines.includes(l)) lines.push(l);
        }
      }
    });
    if (lines.length > 0 && !this.opts.tolerateParseErrors) {
      this.hit('code.parse-error', 'high', lines[0] as number,
        `The Python parser could not read ${lines.length} region(s) of this file (first at line ${lines[0]}); those parts were not examined`, HELP.parse);
    }
    return lines;
  }

  private finish(): void {
    if (this.tooDeep) this.hit('code.parse-error', 'high', 1, 'Expressions nest too deeply to analyse; parts of this file were not examined', HELP.parse);
    // A token read plus any network send in the same file: the send may carry the token.
    const first = this.secretReads[0];
    if (first && this.sends.length > 0) {
      for (const s of this.sends) {
        if (s.severity !== 'critical') {
          s.severity = 'critical';
          s.message += `; the same file reads ${first.what} (line ${first.line})`;
          s.related = [...(s.related ?? []), first.line];
          s.help = HELP.creds;
        }
      }
      const send = this.sends[0] as Hit;
      this.hits.push({ check: 'code.credentials', severity: 'critical', line: first.line, message: `Reads ${first.what} and the same file sends data over the network (line ${send.line})`, help: HELP.creds, related: [send.line] });
    }
    for (const d of this.decodes.values()) {
      const what = (d.literal ? `a ${d.inputLength}-character ${d.technique} literal` : `a value with ${d.technique}`) + (d.preview ? ` (→ "${d.preview}")` : '');
      if (d.reached) {
        this.hits.push({ check: 'code.obfuscation', severity: 'critical', line: d.line, message: `Decodes ${what} that is then used by ${d.reached.sink} (line ${d.reached.line})`, help: HELP.obf, related: [d.reached.line] });
      } else if (d.literal && (['rot13', 'marshal', 'zlib', 'gzip'].includes(d.technique) || (d.active && d.inputLength >= 24))) {
        this.hits.push({ check: 'code.obfuscation', severity: 'high', line: d.line, message: `Decodes ${what}${d.active ? ' that contains code, a command or a URL' : ''}`, help: HELP.obf });
      } else if (d.literal && d.inputLength >= 200) {
        this.hits.push({ check: 'code.obfuscation', severity: 'medium', line: d.line, message: `Decodes ${what}`, help: HELP.obf });
      }
    }
  }

  // ── scopes and marks ──────────────────────────────────────────────────────────────────────────────────────

  private lookup(name: string, scope: Scope): Val {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'class' && s !== scope) continue; // class bodies are not enclosing scopes for methods
      const v = s.vars.get(name);
      if (v) return { ...v, key: name };
    }
    if (name === '__builtins__') return val({ ref: 'builtins' });
    if (BUILTINS.has(name)) return val({ ref: `builtins.${name}` });
    const p = scope.params.get(name);
    return val({ key: name, ...(p !== undefined ? { param: p } : {}) });
  }

  private bind(name: string, v: Val, scope: Scope): void {
    scope.vars.set(name, v);
  }

  private findMark(v: Val, scope: Scope): Mark | undefined {
    const keys = [v.key, isKnown(v) ? `text:${v.text}` : undefined].filter((k): k is string => k !== undefined);
    let flags = 0;
    const lines: number[] = [];
    const why: string[] = [];
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      for (const k of keys) {
        const m = s.marks.get(k);
        if (m) {
          flags |= m.flags;
          lines.push(...m.lines);
          why.push(...m.why);
        }
      }
    }
    if (isKnown(v)) {
      const f = this.shellState.fetched.get(v.text.replace(/^\.\//, ''));
      if (f) {
        flags |= F.DL_PATH;
        lines.push(f.line);
        why.push(`${f.how} at line ${f.line}`);
      }
    }
    return flags ? { flags, lines, why } : undefined;
  }

  private pathFlags(v: Val, scope: Scope): Mark {
    const m = this.findMark(v, scope);
    return { flags: v.flags | (m?.flags ?? 0), lines: [...v.lines, ...(m?.lines ?? [])], why: [...v.why, ...(m?.why ?? [])] };
  }

  private mark(v: Val, flag: number, line: number, why: string, scope: Scope): void {
    const add = (map: Map<string, Mark>, k: string): void => {
      const m = map.get(k) ?? { flags: 0, lines: [], why: [] };
      m.flags |= flag;
      if (!m.lines.includes(line)) m.lines.push(line);
      if (!m.why.includes(why)) m.why.push(why);
      map.set(k, m);
    };
    if (v.key) {
      add(scope.marks, v.key);
      const bound = scope.vars.get(v.key);
      if (bound) scope.vars.set(v.key, { ...bound, flags: bound.flags | flag, lines: [...bound.lines, line], why: [...bound.why, why] });
      if (v.param !== undefined && scope.fn) {
        const pm = scope.fn.paramMarks.get(v.param) ?? { flags: 0, lines: [], why: [] };
        pm.flags |= flag;
        pm.lines.push(line);
        pm.why.push(why);
        scope.fn.paramMarks.set(v.param, pm);
      }
    }
    if (isKnown(v)) {
      add(this.module.marks, `text:${v.text}`);
      if (flag & F.DL_PATH) this.shellState.fetched.set(v.text.replace(/^\.\//, ''), { line, how: why.replace(/ at line \d+$/, '') });
    }
  }

  // ── statements ────────────────────────────────────────────────────────────────────────────────────────────

  private walkBody(body: SyntaxNode, scope: Scope): void {
    for (let c = body.firstChild; c; c = c.nextSibling) this.stmt(c, scope);
  }

  private stmt(n: SyntaxNode, scope: Scope): void {
    switch (n.name) {
      case 'ImportStatement': return this.importStmt(n, scope);
      case 'AssignStatement': return this.assign(n, scope);
      case 'UpdateStatement': return this.update(n, scope);
      case 'FunctionDefinition': return this.defineFn(n, scope);
      case 'ClassDefinition': return this.defineClass(n, scope);
      case 'DecoratedStatement': {
        for (const c of this.kids(n)) {
          if (c.name === 'Decorator') this.evalChildren(c, scope);
          else this.stmt(c, scope);
        }
        return;
      }
      case 'ReturnStatement': {
        const e = n.lastChild;
        const v = e && e.name !== 'return' ? this.eval(e, scope) : val();
        scope.returns = scope.returns ? this.merge(scope.returns, v) : v;
        return;
      }
      case 'ForStatement': return this.forStmt(n, scope);
      case 'WithStatement': return this.withStmt(n, scope);
      case 'TryStatement': {
        const ks = this.kids(n);
        for (let i = 0; i < ks.length; i++) {
          const c = ks[i] as SyntaxNode;
          if (c.name === 'Body') this.walkBody(c, scope);
          else if (c.name === 'as' && ks[i + 1]?.name === 'VariableName') this.bind(this.t(ks[i + 1] as SyntaxNode), val(), scope);
          else if (c.name !== 'VariableName') this.eval(c, scope);
        }
        return;
      }
      case 'Body': return this.walkBody(n, scope);
      default: {
        if (n.name.endsWith('Statement') || n.name === 'Script') {
          for (const c of this.kids(n)) {
            if (c.name === 'Body' || c.name.endsWith('Statement') || c.name.endsWith('Definition')) this.stmt(c, scope);
            else this.eval(c, scope);
          }
          return;
        }
        this.eval(n, scope);
      }
    }
  }

  private importStmt(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    const line = this.line(n.from);
    const record = (module: string): void => {
      this.imports.push({ module, line });
      const root = module.replace(/^\.+/, '').split('.')[0] as string;
      if (SCANNER_PACKAGES.has(root)) this.hit('code.scanner-aware', 'high', line, `Imports ${module}, a model-scanner package`, HELP.scanner);
    };
    if (ks[0]?.name === 'from') {
      let i = 1;
      let mod = '';
      for (; i < ks.length && ks[i]?.name !== 'import'; i++) mod += this.t(ks[i] as SyntaxNode);
      i++;
      const names: [string, string][] = [];
      for (; i < ks.length; i++) {
        const k = ks[i] as SyntaxNode;
        if (k.name === 'VariableName') {
          if (ks[i + 1]?.name === 'as' && ks[i + 2]) {
            names.push([this.t(k), this.t(ks[i + 2] as SyntaxNode)]);
            i += 2;
          } else names.push([this.t(k), this.t(k)]);
        }
      }
      const onlyDots = /^\.+$/.test(mod);
      if (!onlyDots) record(mod);
      for (const [name, alias] of names) {
        const full = onlyDots ? `${mod}${name}` : `${mod}.${name}`;
        if (onlyDots) record(full);
        this.bind(alias, val({ ref: full }), scope);
      }
      return;
    }
    // import a.b.c [as x], d
    let parts: string[] = [];
    const flush = (alias?: string): void => {
      if (parts.length === 0) return;
      const full = parts.join('.');
      record(full);
      if (alias) this.bind(alias, val({ ref: full }), scope);
      else this.bind(parts[0] as string, val({ ref: parts[0] as string }), scope);
      parts = [];
    };
    for (let i = 1; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (k.name === 'VariableName') parts.push(this.t(k));
      else if (k.name === 'as' && ks[i + 1]) {
        flush(this.t(ks[i + 1] as SyntaxNode));
        i++;
      } else if (k.name === ',') flush();
    }
    flush();
  }

  private assign(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n).filter((k) => k.name !== 'TypeDef');
    const ops = ks.map((k, i) => (k.name === 'AssignOp' ? i : -1)).filter((i) => i >= 0);
    if (ops.length === 0) {
      for (const k of ks) this.eval(k, scope);
      return;
    }
    const last = ops[ops.length - 1] as number;
    const rhsNodes = ks.slice(last + 1).filter((k) => k.name !== ',');
    const rhs = rhsNodes.length === 1 ? this.eval(rhsNodes[0] as SyntaxNode, scope) : val({ items: rhsNodes.map((r) => this.eval(r, scope)) });
    let start = 0;
    for (const op of ops) {
      const targets = ks.slice(start, op).filter((k) => k.name !== ',');
      this.assignTargets(targets, rhs, scope);
      start = op + 1;
    }
  }

  private assignTargets(targets: SyntaxNode[], v: Val, scope: Scope): void {
    if (targets.length === 1) return this.assignTarget(targets[0] as SyntaxNode, v, scope);
    targets.forEach((t, i) => this.assignTarget(t, v.items?.[i] ?? withTaint(val(), [v]), scope));
  }

  private assignTarget(t: SyntaxNode, v: Val, scope: Scope): void {
    if (t.name === 'VariableName') {
      this.bind(this.t(t), v, scope);
      return;
    }
    if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression') {
      this.assignTargets(this.kids(t).filter((k) => !['(', ')', '[', ']', ','].includes(k.name)), v, scope);
      return;
    }
    if (t.name === 'MemberExpression') {
      const obj = t.firstChild as SyntaxNode;
      const prop = t.lastChild;
      if (prop?.name === 'PropertyName' && obj.name === 'VariableName') {
        const key = `${this.t(obj)}.${this.t(prop)}`;
        this.bind(key, v, scope);
        if (scope.cls && this.t(obj) === scope.selfName) scope.cls.members.set(this.t(prop), v);
        return;
      }
      // d[k] = v, obj.attr = v: the container now holds v's taint.
      const base = this.eval(obj, scope);
      this.evalChildren(t, scope, true);
      if (base.key && (v.flags & PROPAGATE)) {
        const bound = this.lookup(base.key, scope);
        this.bind(base.key, withTaint({ ...bound }, [v]), scope);
      }
      return;
    }
    this.eval(t, scope);
  }

  private update(n: SyntaxNode, scope: Scope): void {
    const [target, op, value] = this.kids(n);
    if (!target || !value) return;
    const cur = this.eval(target, scope);
    const v = this.eval(value, scope);
    const res = this.t(op as SyntaxNode) === '+=' ? this.binary(cur, '+', v) : withTaint(val(), [cur, v]);
    if (target.name === 'VariableName') this.bind(this.t(target), res, scope);
    else if (cur.key) this.bind(cur.key, res, scope);
  }

  private defineFn(n: SyntaxNode, scope: Scope): void {
    const name = n.getChild('VariableName');
    const fn: FnInfo = { node: n, name: name ? this.t(name) : '?', outer: scope, state: 'new', paramMarks: new Map(), ...(scope.cls ? { cls: scope.cls } : {}) };
    // Default values are evaluated where the function is defined.
    const params = n.getChild('ParamList');
    if (params) for (const c of this.kids(params)) if (c.name !== 'VariableName' && !['(', ')', ',', '*', '**', 'AssignOp', '/'].includes(c.name)) this.eval(c, scope);
    const v = val({ fn });
    if (name) this.bind(this.t(name), v, scope);
    if (scope.cls && name) scope.cls.members.set(this.t(name), v);
    this.pendingFns.push(fn);
  }

  private defineClass(n: SyntaxNode, scope: Scope): void {
    const name = n.getChild('VariableName');
    const args = n.getChild('ArgList');
    if (args) this.evalChildren(args, scope);
    const cls: ClassInfo = { name: name ? this.t(name) : '?', members: new Map() };
    const inner = newScope('class', scope);
    inner.cls = cls;
    const body = n.getChild('Body');
    if (body) this.walkBody(body, inner);
    if (name) this.bind(this.t(name), val({ cls, ref: `<local>.${cls.name}` }), scope);
  }

  private analyzeFn(fn: FnInfo): void {
    fn.state = 'running';
    const scope = newScope('function', fn.outer);
    scope.fn = fn;
    if (fn.cls) scope.cls = fn.cls;
    const params = fn.node.getChild('ParamList');
    let index = 0;
    if (params) {
      for (const c of this.kids(params)) {
        if (c.name !== 'VariableName') continue;
        const prev = c.prevSibling;
        if (prev && (prev.name === 'AssignOp' || prev.name === ':')) continue;
        const pname = this.t(c);
        if (index === 0 && fn.cls) scope.selfName = pname;
        scope.params.set(pname, index);
        scope.vars.set(pname, val({ key: pname, param: index }));
        index++;
      }
    }
    const body = fn.node.getChild('Body');
    const saveQuiet = this.quiet;
    this.quiet = 0;
    if (body) this.walkBody(body, scope);
    this.quiet = saveQuiet;
    fn.returns = scope.returns ?? val();
    fn.state = 'done';
  }

  private forStmt(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    const inAt = ks.findIndex((k) => k.name === 'in');
    const iterNodes = ks.slice(inAt + 1).filter((k) => k.name !== 'Body' && k.name !== ':' && k.name !== ',');
    const iter = iterNodes.length === 1 ? this.eval(iterNodes[0] as SyntaxNode, scope) : unknown(iterNodes.map((x) => this.eval(x, scope)));
    const targets = ks.slice(1, inAt).filter((k) => k.name !== ',');
    const each = iter.flags & F.ENV_ALL ? withTaint(val({ flags: F.SECRET }), [iter], F.SECRET | F.DOWNLOADED | F.DECODED) : withTaint(val(), [iter]);
    this.assignTargets(targets, targets.length > 1 ? val({ items: targets.map(() => each) }) : each, scope);
    if (iter.flags & F.ENV_ALL) this.envSweep(n, this.line(n.from));
    for (const k of ks) if (k.name === 'Body') this.walkBody(k, scope);
  }

  private envSweep(n: SyntaxNode, line: number): void {
    const words: string[] = [];
    n.cursor().iterate((c) => {
      if (c.name === 'String') {
        const s = decodePyString(this.src.slice(c.from, c.to)).text;
        if (SECRET_WORD.test(s)) words.push(s);
      }
    });
    if (words.length > 0) {
      this.hit('code.env-sweep', 'critical', line, `Goes through every environment variable looking for ${words.slice(0, 4).map((w) => `"${w}"`).join(', ')}`, HELP.env);
    }
  }

  private withStmt(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    let last: Val | undefined;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (k.name === 'with' || k.name === ',' || k.name === 'async') continue;
      if (k.name === 'Body') { this.walkBody(k, scope); continue; }
      if (k.name === 'as') {
        const target = ks[i + 1];
        if (target) this.assignTarget(target, last ?? val(), scope);
        i++;
        continue;
      }
      last = this.eval(k, scope);
    }
  }

  // ── expressions ───────────────────────────────────────────────────────────────────────────────────────────

  private evalChildren(n: SyntaxNode, scope: Scope, skipFirst = false): Val[] {
    const out: Val[] = [];
    let c = n.firstChild;
    if (skipFirst && c) c = c.nextSibling;
    for (; c; c = c.nextSibling) {
      if (c.name === 'Body') this.walkBody(c, scope);
      else out.push(this.eval(c, scope));
    }
    return out;
  }

  private eval(n: SyntaxNode, scope: Scope): Val {
    if (this.depth > MAX_DEPTH) {
      this.tooDeep = true;
      return val();
    }
    this.depth++;
    try {
      return this.evalInner(n, scope);
    } finally {
      this.depth--;
    }
  }

  private evalInner(n: SyntaxNode, scope: Scope): Val {
    switch (n.name) {
      case 'VariableName': {
        const name = this.t(n);
        const v = this.lookup(name, scope);
        if (v.ref === 'os.environ') v.flags |= F.ENV_ALL;
        return v;
      }
      case 'String': {
        const s = decodePyString(this.t(n));
        return val({ text: cap(s.text), ...(s.bytes ? { bytes: true } : {}) });
      }
      case 'ContinuedString': {
        const parts = this.evalChildren(n, scope);
        const v = val({ text: cap(parts.map(textOf).join('')) });
        if (parts.some((p) => p.flags & F.BUILT)) v.flags |= F.BUILT;
        return withTaint(v, parts);
      }
      case 'FormatString': return this.fstring(n, scope);
      case 'Number': {
        const raw = this.t(n).replace(/_/g, '').toLowerCase();
        const num = /^0o[0-7]+$/.test(raw) ? parseInt(raw.slice(2), 8) : /^0x/.test(raw) ? parseInt(raw.slice(2), 16) : /^0b/.test(raw) ? parseInt(raw.slice(2), 2) : Number(raw);
        return val({ num, exeBit: Number.isInteger(num) && (num & 0o111) !== 0 });
      }
      case 'ParenthesizedExpression': {
        const inner = this.kids(n).filter((k) => k.name !== '(' && k.name !== ')');
        return inner.length === 1 ? this.eval(inner[0] as SyntaxNode, scope) : unknown(inner.map((k) => this.eval(k, scope)));
      }
      case 'TupleExpression': case 'ArrayExpression': case 'SetExpression': {
        const items = this.kids(n).filter((k) => !['(', ')', '[', ']', '{', '}', ','].includes(k.name)).map((k) => this.eval(k, scope));
        return withTaint(val({ items: items.slice(0, MAX_ITEMS) }), items);
      }
      case 'DictionaryExpression': return unknown(this.evalChildren(n, scope));
      case 'ArrayComprehensionExpression': case 'SetComprehensionExpression': case 'DictionaryComprehensionExpression': case 'ComprehensionExpression':
        return this.comprehension(n, scope);
      case 'MemberExpression': return this.member(n, scope);
      case 'CallExpression': return this.callExpr(n, scope);
      case 'BinaryExpression': {
        const ks = this.kids(n);
        const l = this.eval(ks[0] as SyntaxNode, scope);
        const r = this.eval(ks[ks.length - 1] as SyntaxNode, scope);
        const op = ks.length >= 3 ? this.t(ks[1] as SyntaxNode) : '';
        return this.binary(l, op, r);
      }
      case 'UnaryExpression': {
        const ks = this.kids(n);
        const v = this.eval(ks[ks.length - 1] as SyntaxNode, scope);
        return this.t(ks[0] as SyntaxNode) === '-' && v.num !== undefined ? val({ num: -v.num }) : withTaint(val(), [v]);
      }
      case 'ConditionalExpression': {
        const vs = this.evalChildren(n, scope);
        return vs.reduce((a, b) => this.merge(a, b), val());
      }
      case 'LambdaExpression': {
        const inner = newScope('function', scope);
        const params = n.getChild('ParamList');
        if (params) for (const p of params.getChildren('VariableName')) inner.vars.set(this.t(p), val({ key: this.t(p) }));
        const body = n.lastChild;
        const ret = body && body !== params ? this.eval(body, inner) : val();
        return val({ fn: { node: n, name: '<lambda>', outer: scope, state: 'done', returns: ret, paramMarks: new Map() } });
      }
      case 'AwaitExpression': case 'YieldExpression': case 'StarExpression': {
        const vs = this.evalChildren(n, scope);
        return vs.length === 1 ? (vs[0] as Val) : unknown(vs);
      }
      case 'Boolean': case 'None': case 'Ellipsis': case 'Comment': return val();
      default: {
        if (!n.firstChild) return val();
        return unknown(this.evalChildren(n, scope));
      }
    }
  }

  private merge(a: Val, b: Val): Val {
    const v = isKnown(a) ? { ...a } : isKnown(b) ? { ...b } : val();
    return withTaint(v, [a, b], ~0);
  }

  private fstring(n: SyntaxNode, scope: Scope): Val {
    const raw = this.t(n);
    const prefix = /^[a-zA-Z]*/.exec(raw)?.[0] ?? '';
    const q = /^[a-zA-Z]*('''|"""|'|")/.exec(raw)?.[1] ?? '"';
    let out = '';
    let pos = n.from + prefix.length + q.length;
    const end = n.to - q.length;
    const parts: Val[] = [];
    for (const r of n.getChildren('FormatReplacement')) {
      out += this.src.slice(pos, r.from).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      const inner = this.kids(r).filter((k) => !['{', '}', 'FormatSpec', 'FormatConversion', '='].includes(k.name));
      const v = inner.length === 1 ? this.eval(inner[0] as SyntaxNode, scope) : unknown(inner.map((k) => this.eval(k, scope)));
      parts.push(v);
      out += v.text !== undefined ? v.text : v.num !== undefined ? String(v.num) : UNKNOWN;
      pos = r.to;
    }
    out += this.src.slice(pos, Math.max(pos, end)).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    const text = prefix.toLowerCase().includes('r') ? out : decodePyString(`"${out.replace(/"/g, '\\"')}"`).text;
    return withTaint(val({ text: cap(text), flags: parts.length ? F.BUILT : 0 }), parts, ~0 & ~F.BUILT);
  }

  private binary(l: Val, op: string, r: Val): Val {
    const taint = (v: Val): Val => withTaint(v, [l, r]);
    if (op === '+' || op === '|') {
      if (l.num !== undefined && r.num !== undefined) return val({ num: op === '+' ? l.num + r.num : l.num | r.num, exeBit: !!(l.exeBit || r.exeBit) });
      if (l.text !== undefined && r.text !== undefined && op === '+') return taint(val({ text: cap(l.text + r.text), flags: F.BUILT, ...(l.bytes ? { bytes: true } : {}) }));
      if (l.items && r.items && op === '+') return taint(val({ items: [...l.items, ...r.items].slice(0, MAX_ITEMS) }));
      if (l.exeBit || r.exeBit) return taint(val({ exeBit: true }));
      if (op === '+' && (l.text !== undefined || r.text !== undefined)) return taint(val({ text: cap(textOf(l) + textOf(r)), flags: F.BUILT }));
    }
    if (op === '%' && l.text !== undefined) {
      const args = r.items ?? [r];
      let i = 0;
      const text = l.text.replace(/%[-#0 +]*\d*(?:\.\d+)?[sdrifxa%]/g, (m) => (m === '%%' ? '%' : (() => { const a = args[i++]; return a ? (a.text ?? (a.num !== undefined ? String(a.num) : UNKNOWN)) : UNKNOWN; })()));
      return taint(val({ text: cap(text), flags: F.BUILT }));
    }
    if (op === '*' && l.text !== undefined && r.num !== undefined) return taint(val({ text: cap(l.text.repeat(Math.max(0, Math.min(r.num, 1000)))), flags: F.BUILT }));
    if (op === '/' && (l.ref?.startsWith('pathlib.Path') || normalizeRef(l.ref ?? '').startsWith('pathlib.Path'))) {
      return taint(val({ ref: 'pathlib.Path()', text: `${textOf(l)}/${textOf(r)}`, ...(l.key ? {} : {}) }));
    }
    if (op === 'or' || op === 'and') return this.merge(l, r);
    if (op === '&' && l.num !== undefined && r.num !== undefined) return val({ num: l.num & r.num });
    return taint(val());
  }

  private comprehension(n: SyntaxNode, scope: Scope): Val {
    const ks = this.kids(n);
    const forAt = ks.findIndex((k) => k.name === 'for');
    const inAt = ks.findIndex((k, i) => i > forAt && k.name === 'in');
    const inner = newScope('function', scope);
    inner.params = scope.params;
    let iter = val();
    if (forAt >= 0 && inAt > forAt) {
      const iterNode = ks[inAt + 1];
      iter = iterNode ? this.eval(iterNode, scope) : val();
      const targets = ks.slice(forAt + 1, inAt).filter((k) => k.name !== ',');
      const each = iter.flags & F.ENV_ALL ? withTaint(val({ flags: F.SECRET }), [iter], F.SECRET | F.DOWNLOADED | F.DECODED) : withTaint(val(), [iter]);
      this.assignTargets(targets, targets.length > 1 ? val({ items: targets.map(() => each) }) : each, inner);
      if (iter.flags & F.ENV_ALL) this.envSweep(n, this.line(n.from));
    }
    const rest = ks.filter((_, i) => i !== inAt + 1 && !(i > forAt && i < inAt));
    const vals = rest.filter((k) => !['[', ']', '{', '}', '(', ')', 'for', 'in', 'if', ':', ','].includes(k.name)).map((k) => this.eval(k, inner));
    const res = unknown([...vals, iter], PROPAGATE | F.SECRET);
    if (iter.flags & F.ENV_ALL) res.flags |= F.SECRET;
    // Constant folding over literal lists: ''.join(chr(c) for c in [111, 115]).
    const elem = ks[1];
    if (iter.items && forAt === 2 && elem && iter.items.length <= MAX_ITEMS) {
      const targets = ks.slice(forAt + 1, inAt).filter((k) => k.name !== ',');
      if (targets.length === 1 && targets[0]?.name === 'VariableName' && !ks.some((k, i) => i > inAt + 1 && k.name === 'if')) {
        this.quiet++;
        try {
          res.items = iter.items.map((item) => {
            inner.vars.set(this.t(targets[0] as SyntaxNode), item);
            return this.eval(elem, inner);
          });
        } finally {
          this.quiet--;
        }
      }
    }
    return res;
  }

  private member(n: SyntaxNode, scope: Scope): Val {
    const ks = this.kids(n);
    const objNode = ks[0] as SyntaxNode;
    const last = ks[ks.length - 1] as SyntaxNode;
    if (last.name === 'PropertyName' && ks.length === 3) {
      const attr = this.t(last);
      if (objNode.name === 'VariableName') {
        const dotted = `${this.t(objNode)}.${attr}`;
        for (let s: Scope | undefined = scope; s; s = s.parent) {
          const v = s.vars.get(dotted);
          if (v) return { ...v, key: dotted };
        }
        if (scope.cls && this.t(objNode) === scope.selfName) {
          const m = scope.cls.members.get(attr);
          if (m) return { ...m, key: dotted };
        }
      }
      const obj = this.eval(objNode, scope);
      return this.attribute(obj, attr, this.line(n.from), objNode.name === 'VariableName' ? `${this.t(objNode)}.${attr}` : undefined);
    }
    // Subscript or slice.
    const obj = this.eval(objNode, scope);
    const inside = ks.slice(1).filter((k) => k.name !== '[' && k.name !== ']');
    const idxVals = inside.filter((k) => k.name !== ':' && k.name !== ',').map((k) => this.eval(k, scope));
    const line = this.line(n.from);
    const sliceText = this.src.slice(objNode.to, n.to).replace(/\s+/g, '');
    if (sliceText === '[::-1]' && obj.text !== undefined) {
      return withTaint(val({ text: [...obj.text].reverse().join(''), flags: F.BUILT, ...(obj.bytes ? { bytes: true } : {}) }), [obj]);
    }
    const idx = idxVals[0];
    if (inside.some((k) => k.name === ':')) return withTaint(val(obj.text !== undefined ? { text: UNKNOWN } : {}), [obj]);
    if (!idx) return withTaint(val(), [obj]);
    const ref = obj.ref ? normalizeRef(obj.ref) : undefined;
    if (ref === 'os.environ' || ref === 'os.environb') return this.envRead(idx, line);
    if (ref === 'sys.modules' && isKnown(idx)) return this.importByName(idx, line, 'sys.modules');
    if (ref && /^builtins\.(globals|locals|vars)$/.test(ref) && isKnown(idx)) {
      if (idx.text === '__builtins__') return val({ ref: 'builtins' });
      const v = this.lookup(idx.text, scope);
      return v.ref || v.fn ? v : val({ ref: `builtins.${idx.text}` });
    }
    if (ref && /(^builtins|\.__dict__)$/.test(ref) && isKnown(idx)) {
      const base = ref.replace(/\.__dict__$/, '');
      return this.resolvedName(`${base}.${idx.text}`, idx, line, 'a subscript');
    }
    if (obj.items && idx.num !== undefined) {
      const item = obj.items[idx.num < 0 ? obj.items.length + idx.num : idx.num];
      if (item) return item;
    }
    return withTaint(val(obj.flags & F.ENV_ALL ? { flags: F.SECRET } : {}), [obj, idx], PROPAGATE & ~F.ENV_ALL);
  }

  private attribute(obj: Val, attr: string, line: number, key?: string): Val {
    if (/^__(subclasses|globals|builtins|code|bases|base|mro|loader|getattribute)__$/.test(attr) && !(obj.ref === 'builtins' && attr === '__builtins__')) {
      this.hit('code.dynamic-import', 'high', line, `Reaches Python interpreter internals through .${attr}`, HELP.imp);
    }
    if (obj.ref) {
      const ref = `${obj.ref}.${attr}`;
      const v = withTaint(val({ ref, recv: obj, attr, ...(key ? { key } : {}) }), [obj], ~0);
      if (normalizeRef(ref) === 'os.environ') v.flags |= F.ENV_ALL;
      if (/^stat\.S_I(EXEC|XUSR|XGRP|XOTH|RWXU|RWXG|RWXO)$/.test(normalizeRef(ref))) v.exeBit = true;
      return v;
    }
    if (obj.cls) {
      const m = obj.cls.members.get(attr);
      if (m) return m;
    }
    return withTaint(val({ recv: obj, attr, ...(key ? { key } : {}) }), [obj], ~F.BUILT);
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────────────────────

  private callExpr(n: SyntaxNode, scope: Scope): Val {
    const calleeNode = n.firstChild as SyntaxNode;
    const callee = this.eval(calleeNode, scope);
    const argList = n.getChild('ArgList');
    const pos: Val[] = [];
    const kw = new Map<string, Val>();
    const all: Val[] = [];
    if (argList && argList.getChild('for')) {
      // f(x for x in xs): the single argument is a generator.
      const g = this.comprehension(argList, scope);
      pos.push(g);
      all.push(g);
    } else if (argList) {
      const ks = this.kids(argList);
      for (let i = 0; i < ks.length; i++) {
        const k = ks[i] as SyntaxNode;
        if (['(', ')', ','].includes(k.name)) continue;
        if (k.name === 'VariableName' && ks[i + 1]?.name === 'AssignOp' && ks[i + 2]) {
          const v = this.eval(ks[i + 2] as SyntaxNode, scope);
          kw.set(this.t(k), v);
          all.push(v);
          i += 2;
          continue;
        }
        if (k.name === '*' || k.name === '**') {
          const v = ks[i + 1] ? this.eval(ks[i + 1] as SyntaxNode, scope) : val();
          all.push(v);
          if (k.name === '*' && v.items) pos.push(...v.items);
          i++;
          continue;
        }
        const v = this.eval(k, scope);
        pos.push(v);
        all.push(v);
      }
    }
    return this.call(callee, pos, kw, all, this.line(n.from), scope);
  }

  private call(callee: Val, pos: Val[], kw: Map<string, Val>, all: Val[], line: number, scope: Scope): Val {
    if (callee.fn) return this.callLocal(callee.fn, pos, scope);
    if (callee.cls) return withTaint(val({ ref: `${callee.cls.name}()`, cls: callee.cls }), all);
    const name = callee.ref ? normalizeRef(callee.ref) : callee.attr ? `.${callee.attr}` : '';
    const arg = (i: number, k?: string): Val | undefined => pos[i] ?? (k ? kw.get(k) : undefined);
    const generic = (): Val => {
      const v = withTaint(val(callee.ref ? { ref: `${callee.ref}()` } : {}), [...all, ...(callee.recv ? [callee.recv] : [])]);
      // Mutating methods carry their arguments' taint into the receiver (collected.append(secret)).
      if (callee.recv?.key && /^(append|extend|update|add|insert|setdefault|write|writelines|put)$/.test(callee.attr ?? '') && all.some((a) => a.flags & PROPAGATE)) {
        const bound = this.lookup(callee.recv.key, scope);
        this.bind(callee.recv.key, withTaint({ ...bound }, all), scope);
      }
      return v;
    };

    // Strings and bytes.
    const strOp = this.stringMethod(callee, pos, kw, line);
    if (strOp) return strOp;
    const decoded = this.decoderCall(name, pos, kw, line);
    if (decoded) return decoded;

    switch (name) {
      case 'builtins.__import__': case 'importlib.import_module': case 'importlib.__import__': {
        const a = arg(0, 'name');
        return a ? this.importByName(a, line, name.replace('builtins.', '')) : val();
      }
      case 'builtins.getattr': {
        const [obj, attr] = pos;
        if (!obj || !attr) return val();
        if (isKnown(attr) && !(attr.flags & (F.BUILT | F.DECODED))) return this.attribute(obj, attr.text, line);
        const root = obj.ref ? normalizeRef(obj.ref).split('.')[0] as string : undefined;
        const moduleLike = obj.ref !== undefined && !obj.ref.includes('()') && root !== undefined && (DANGER_ROOTS.has(root) || obj.ref === 'builtins');
        if (isKnown(attr)) return moduleLike || obj.ref ? this.resolvedName(`${normalizeRef(obj.ref ?? '?')}.${attr.text}`, attr, line, 'getattr') : withTaint(val(), [obj, attr]);
        if (moduleLike) this.hit('code.dynamic-import', 'high', line, `Reaches an attribute of ${normalizeRef(obj.ref as string)} whose name is computed at run time`, HELP.imp, attr.lines);
        return withTaint(val(), [obj, attr]);
      }
      case 'builtins.globals': case 'builtins.locals': case 'builtins.vars':
        return val({ ref: `${name}()` });
      case 'builtins.chr': {
        const a = arg(0);
        return a?.num !== undefined && a.num >= 0 && a.num <= 0x10ffff ? val({ text: String.fromCodePoint(a.num), flags: F.BUILT }) : val({ text: UNKNOWN });
      }
      case 'builtins.str': {
        const a = arg(0);
        return a ? withTaint(val({ ...(a.text !== undefined ? { text: a.text } : a.num !== undefined ? { text: String(a.num) } : {}), ...(a.key ? { key: a.key } : {}) }), [a], ~0) : val({ text: '' });
      }
      case 'builtins.bytes': case 'builtins.bytearray': {
        const a = arg(0);
        if (a?.items && a.items.every((i) => i.num !== undefined)) return val({ text: String.fromCharCode(...a.items.map((i) => (i.num as number) & 0xff)), bytes: true, flags: F.BUILT });
        return a ? withTaint(val({ ...(a.text !== undefined ? { text: a.text } : {}), bytes: true }), [a], ~0) : val({ text: '', bytes: true });
      }
      case 'builtins.reversed': {
        const a = arg(0);
        return a?.text !== undefined ? withTaint(val({ text: [...a.text].reverse().join(''), flags: F.BUILT }), [a]) : withTaint(val(), all);
      }
      case 'builtins.list': case 'builtins.tuple': {
        const a = arg(0);
        return a ? { ...a, key: undefined as unknown as string } : val({ items: [] });
      }
      case 'os.path.join': case 'os.path.expanduser': case 'os.path.expandvars': case 'os.path.abspath': case 'os.path.realpath':
      case 'os.path.normpath': case 'os.fspath': case 'os.path.dirname': {
        if (name === 'os.path.join') return this.pathJoin(pos, 'str');
        const a = arg(0);
        if (!a) return val();
        if (name === 'os.path.dirname') return withTaint(val({ text: a.text?.replace(/\/[^/]*$/, '') ?? UNKNOWN }), [a], ~0);
        return withTaint(val({ ...(a.text !== undefined ? { text: a.text } : {}), ...(a.key ? { key: a.key } : {}) }), [a], ~0);
      }
      case 'pathlib.Path': return this.pathJoin(pos, 'path');
      case 'pathlib.Path.home': return val({ ref: 'pathlib.Path()', text: '~' });
      case 'pathlib.Path.joinpath': return this.pathJoin([callee.recv ?? val(), ...pos], 'path');
      case 'pathlib.Path.expanduser': case 'pathlib.Path.resolve': case 'pathlib.Path.absolute':
        return callee.recv ? { ...callee.recv } : val();
      case 'tempfile.gettempdir': return val({ text: '/tmp' });
      case 'os.getenv': case 'os.environ.get': case 'os.environ.setdefault': case 'os.environ.pop': case 'os.getenvb': {
        const a = arg(0, 'key');
        return a ? this.envRead(a, line) : val();
      }
      case 'os.chmod': case 'os.lchmod': case 'pathlib.Path.chmod': {
        const path = name === 'pathlib.Path.chmod' ? callee.recv : arg(0, 'path');
        const mode = name === 'pathlib.Path.chmod' ? arg(0, 'mode') : arg(1, 'mode');
        if (path && mode?.exeBit) this.chmodX(path, line, scope);
        return val();
      }
      case 'builtins.open': case 'os.open': case 'os.fdopen': case 'pathlib.Path.open': {
        const path = name === 'pathlib.Path.open' ? callee.recv : arg(0, 'file');
        const mode = name === 'pathlib.Path.open' ? arg(0, 'mode') : arg(1, 'mode');
        if (!path) return generic();
        this.fileAccess(name, path, line);
        const p = this.pathFlags(path, scope);
        const write = mode !== undefined && /[wax+]/.test(textOf(mode));
        const v = withTaint(val({ ref: 'builtins.open()', handle: { path, write } }), [path], F.SECRET);
        if (!write && p.flags & F.DL_PATH) withTaint(v, [val({ flags: F.DOWNLOADED, lines: p.lines, why: p.why })]);
        if (credentialLocation(textOf(path))) v.flags |= F.SECRET;
        return v;
      }
      case 'urllib.request.Request': {
        const data = arg(1, 'data');
        const method = kw.get('method');
        const v = withTaint(val({ ref: 'urllib.request.Request()' }), all, ~0);
        const url = arg(0, 'url');
        if (url) v.text = url.text ?? UNKNOWN;
        if (data || (method && /POST|PUT|PATCH/i.test(textOf(method)))) v.flags |= F.REQUEST_BODY;
        return v;
      }
    }

    const fileWrite = ((callee.attr === 'write' || callee.attr === 'writelines') && callee.recv?.handle !== undefined) ||
      name === 'pathlib.Path.write_bytes' || name === 'pathlib.Path.write_text';
    if (fileWrite) {
      const data = arg(0);
      const target = name.startsWith('pathlib') ? callee.recv : callee.recv?.handle?.path;
      if (data && target && data.flags & F.DOWNLOADED) {
        this.mark(target, F.DL_PATH, line, `written with downloaded content at line ${line}`, scope);
        scope.downloads.push(line);
        this.reachDecodes(data, 'a file write', line);
      }
      if (data && target && data.flags & F.DECODED && !(data.flags & F.DOWNLOADED)) {
        this.mark(target, F.DL_PATH, line, `written with decoded content at line ${line}`, scope);
      }
      return generic();
    }
    if (name === 'shutil.copyfileobj') {
      const [src, dst] = pos;
      if (src && dst?.handle && src.flags & F.DOWNLOADED) {
        this.mark(dst.handle.path, F.DL_PATH, line, `written with downloaded content at line ${line}`, scope);
        scope.downloads.push(line);
      }
      return generic();
    }
    if (TOKEN_GETTERS.has(name)) {
      this.secretReads.push({ line, what: 'the Hugging Face token' });
      return val({ flags: F.SECRET, lines: [line], why: [`the Hugging Face token read at line ${line}`] });
    }
    if (FILE_ACCESS.has(name)) {
      const path = name.startsWith('pathlib.Path.') ? callee.recv : arg(0);
      if (path) this.fileAccess(name, path, line);
      const v = generic();
      if (path && credentialLocation(textOf(path))) v.flags |= F.SECRET;
      return v;
    }
    if (SPAWN_ARGV.has(name) || SPAWN_SHELL.has(name) || osExecProgramIndex(name) !== undefined) {
      this.spawn(name, pos, kw, line, scope);
      return withTaint(val({ ref: `${name}()` }), all);
    }
    if (DYNAMIC_EXEC.has(name) || name === 'code.InteractiveInterpreter.runsource') {
      const a = arg(0, name === 'builtins.compile' ? 'source' : 'source') ?? arg(0, 'code');
      if (a) this.dynamicExec(name, a, line, scope);
      return withTaint(val({ ref: `${name}()`, flags: a && a.flags & F.DECODED ? F.DECODED : 0 }), all);
    }
    if (name === 'marshal.loads' || name === 'marshal.load') {
      const a = arg(0);
      const v = val({ ref: 'marshal.loads()', flags: F.DECODED, lines: [line], why: [`a code object unmarshalled at line ${line}`] });
      if (a && (isKnown(a) || a.flags & (F.DECODED | F.DOWNLOADED))) {
        this.decodes.set(line, { line, technique: 'marshal', inputLength: textOf(a).length, literal: isKnown(a), active: true });
        this.reachDecodes(a, 'marshal.loads', line);
      } else this.hit('code.obfuscation', 'high', line, 'Unmarshals a Python code object (marshal), which only obfuscated code needs', HELP.obf);
      return withTaint(v, [a ?? val()]);
    }
    if (LOADS.has(name)) {
      const a = arg(0);
      if (a && (a.flags & (F.DECODED | F.DOWNLOADED) || (isKnown(a) && a.bytes && a.text.length > 2))) {
        const src = a.flags & F.DOWNLOADED ? 'downloaded' : a.flags & F.DECODED ? 'decoded' : 'embedded';
        this.hit(a.flags & F.DOWNLOADED ? 'code.download-exec' : 'code.dynamic-exec', 'critical', line, `Deserializes ${src} data with ${name}, which can run arbitrary code${a.why[0] ? ` (${a.why[0]})` : ''}`, HELP.exec, a.lines);
        this.reachDecodes(a, name, line);
      } else if (a && this.pathFlags(a, scope).flags & F.DL_PATH) {
        this.hit('code.download-exec', 'critical', line, `Deserializes a downloaded file with ${name}, which can run arbitrary code`, HELP.dlexec, this.pathFlags(a, scope).lines);
      }
      return generic();
    }
    if (NATIVE_LOAD.has(name) && name !== 'ctypes.util.find_library') {
      const a = arg(0);
      const p = a ? this.pathFlags(a, scope) : undefined;
      if (p && p.flags & (F.DL_PATH | F.DOWNLOADED)) this.hit('code.download-exec', 'critical', line, `Loads a downloaded native library (${p.why[0] ?? 'downloaded'})`, HELP.dlexec, p.lines);
      else this.hit('code.native-load', 'high', line, `Loads a native library with ${name}${a && isKnown(a) ? ` (${a.text})` : ''}`, HELP.native);
      return generic();
    }
    if (CODE_FROM_PATH.has(name)) {
      const a = arg(1, 'location') ?? arg(0);
      const p = a ? this.pathFlags(a, scope) : undefined;
      if (p && p.flags & (F.DL_PATH | F.DOWNLOADED)) this.hit('code.download-exec', 'critical', line, `Imports Python code from a downloaded file (${p.why[0] ?? 'downloaded'})`, HELP.dlexec, p.lines);
      else this.hit('code.dynamic-import', 'high', line, `Loads Python code from a file path at run time with ${name}`, HELP.imp);
      return generic();
    }
    const toPath = FETCH_TO_PATH.get(name);
    if (toPath !== undefined) return this.fetchToPath(name, toPath, pos, kw, line, scope);
    if (FETCH.has(name) || SEND.has(name) || name === 'urllib.request.urlopen') return this.network(name, pos, kw, all, line);
    return generic();
  }

  private callLocal(fn: FnInfo, pos: Val[], scope: Scope): Val {
    if (fn.state === 'new') this.analyzeFn(fn);
    const offset = fn.cls ? 1 : 0;
    for (const [i, m] of fn.paramMarks) {
      const a = pos[i - offset];
      if (a) for (const l of m.lines) this.mark(a, m.flags, l, m.why[0] ?? `marked at line ${l}`, scope);
    }
    const r = fn.returns ?? val();
    return { ...r, why: [...r.why], lines: [...r.lines] };
  }

  private stringMethod(callee: Val, pos: Val[], kw: Map<string, Val>, line: number): Val | undefined {
    const recv = callee.recv;
    const attr = callee.attr;
    if (!recv || !attr || recv.text === undefined || callee.ref && !/^(builtins\.(str|bytes))/.test(normalizeRef(callee.ref)) && recv.ref) return undefined;
    const t = recv.text;
    const a0 = pos[0];
    const out = (text: string, extra: Partial<Val> = {}): Val => withTaint(val({ text: cap(text), flags: recv.flags & F.BUILT, ...extra }), [recv, ...pos], ~0);
    switch (attr) {
      case 'decode': {
        const enc = textOf(a0 ?? kw.get('encoding') ?? val({ text: 'utf-8' })).toLowerCase().replace(/[-_]/g, '');
        if (enc === 'rot13') return this.decoded(recv, rot13(t), 'rot13', line);
        if (enc === 'hex') return this.decoded(recv, fromHex(t), 'hex', line);
        if (enc === 'base64') return this.decoded(recv, fromBase64(t), 'base64', line);
        return out(recv.bytes ? utf8Decode(t) : t);
      }
      case 'encode': return out(t, { bytes: true });
      case 'strip': case 'lstrip': case 'rstrip': return out(attr === 'strip' ? t.trim() : attr === 'lstrip' ? t.trimStart() : t.trimEnd());
      case 'lower': return out(t.toLowerCase());
      case 'upper': return out(t.toUpperCase());
      case 'replace': {
        if (a0?.text !== undefined && pos[1]?.text !== undefined && a0.text !== '') return withTaint(out(t.split(a0.text).join(pos[1].text)), [], 0);
        return out(UNKNOWN);
      }
      case 'join': {
        const items = a0?.items;
        if (items) {
          const v = out(items.map((i) => i.text ?? (i.num !== undefined ? String(i.num) : UNKNOWN)).join(t), { flags: F.BUILT });
          return withTaint(v, items, ~0);
        }
        return withTaint(out(UNKNOWN, { flags: F.BUILT }), a0 ? [a0] : [], ~0);
      }
      case 'format': {
        let i = 0;
        const text = t.replace(/\{(\w*)(![rsa])?(:[^}]*)?\}/g, (_m, k: string) => {
          const v = k === '' ? pos[i++] : /^\d+$/.test(k) ? pos[Number(k)] : kw.get(k);
          return v?.text ?? (v?.num !== undefined ? String(v.num) : UNKNOWN);
        });
        return withTaint(out(text, { flags: F.BUILT }), [...kw.values()], ~0);
      }
      case 'zfill': case 'title': case 'capitalize': case 'swapcase': case 'casefold': return out(t);
      default: return undefined;
    }
  }

  private decoderCall(name: string, pos: Val[], kw: Map<string, Val>, line: number): Val | undefined {
    const a = pos[0] ?? kw.get('s') ?? kw.get('data') ?? kw.get('obj');
    const b64 = /^(base64\.(b64decode|standard_b64decode|urlsafe_b64decode|decodebytes|decodestring)|binascii\.a2b_base64)$/;
    if (b64.test(name)) return a ? this.decoded(a, isKnown(a) ? fromBase64(a.text) : undefined, 'base64', line) : val();
    if (name === 'base64.b32decode') return a ? this.decoded(a, isKnown(a) ? fromBase32(a.text) : undefined, 'base32', line) : val();
    if (/^(base64\.b16decode|binascii\.(unhexlify|a2b_hex)|builtins\.(bytes|bytearray)\.fromhex)$/.test(name)) return a ? this.decoded(a, isKnown(a) ? fromHex(a.text) : undefined, 'hex', line) : val();
    if (/^base64\.(b85decode|a85decode|z85decode)$/.test(name)) return a ? this.decoded(a, undefined, name.slice(7, 10), line) : val();
    if (name === 'zlib.decompress' || name === 'gzip.decompress') return a ? this.decoded(a, isKnown(a) ? inflate(a.text, name.startsWith('zlib') ? 'zlib' : 'gzip') : undefined, name.split('.')[0] as string, line) : val();
    if (/^(bz2|lzma)\.decompress$/.test(name)) return a ? this.decoded(a, undefined, name.split('.')[0] as string, line) : val();
    if (name === 'codecs.decode' || name === 'codecs.encode') {
      if (!a) return val();
      const enc = textOf(pos[1] ?? kw.get('encoding') ?? val({ text: 'utf-8' })).toLowerCase().replace(/[-_]/g, '');
      if (enc === 'rot13') return this.decoded(a, isKnown(a) ? rot13(a.text) : undefined, 'rot13', line);
      if (name === 'codecs.decode' && (enc === 'hex' || enc === 'hexcodec')) return this.decoded(a, isKnown(a) ? fromHex(a.text) : undefined, 'hex', line);
      if (name === 'codecs.decode' && (enc === 'base64' || enc === 'base64codec')) return this.decoded(a, isKnown(a) ? fromBase64(a.text) : undefined, 'base64', line);
      if (name === 'codecs.decode' && (enc === 'zlib' || enc === 'zlibcodec')) return this.decoded(a, isKnown(a) ? inflate(a.text, 'zlib') : undefined, 'zlib', line);
      return withTaint(val({ ...(a.text !== undefined ? { text: a.text } : {}) }), [a], ~0);
    }
    return undefined;
  }

  private decoded(input: Val, out: string | undefined, technique: string, line: number): Val {
    const literal = isKnown(input) && !(input.flags & F.DOWNLOADED);
    const text = out !== undefined ? cap(out) : UNKNOWN;
    if (this.quiet === 0) {
      const prev = this.decodes.get(line);
      const preview = out !== undefined && /^[\x20-\x7e\s]*$/.test(out.slice(0, 120)) ? out.slice(0, 100).replace(/\s+/g, ' ') : undefined;
      if (!prev) this.decodes.set(line, { line, technique, inputLength: textOf(input).length, literal, active: out !== undefined && looksActive(out), ...(preview ? { preview } : {}) });
    }
    const v = val({ text, bytes: true, flags: F.DECODED, lines: [line], why: [`decoded with ${technique} at line ${line}`] });
    return withTaint(v, [input], ~F.BUILT);
  }

  private reachDecodes(v: Val, sink: string, line: number): void {
    if (this.quiet > 0 || !(v.flags & F.DECODED)) return;
    for (const l of v.lines) {
      const d = this.decodes.get(l);
      if (d && !d.reached) d.reached = { sink, line };
    }
  }

  private pathJoin(parts: Val[], kind: 'str' | 'path'): Val {
    const texts = parts.map((p) => (p.text !== undefined ? p.text : UNKNOWN));
    let text = '';
    for (const t of texts) text = t.startsWith('/') ? t : text === '' ? t : `${text.replace(/\/$/, '')}/${t}`;
    const key = parts.length === 1 ? parts[0]?.key : undefined;
    return withTaint(val({ text: cap(text), ...(kind === 'path' ? { ref: 'pathlib.Path()' } : {}), ...(key ? { key } : {}) }), parts, ~F.BUILT);
  }

  private envRead(name: Val, line: number): Val {
    if (!isKnown(name)) return withTaint(val(), [name]);
    if (/^(HOME|USERPROFILE)$/.test(name.text)) return val({ text: '~' });
    if (/^(APPDATA|LOCALAPPDATA|XDG_CONFIG_HOME)$/.test(name.text)) return val({ text: `~/${name.text}` });
    if (isSecretVariable(name.text)) {
      this.secretReads.push({ line, what: `$${name.text}` });
      return val({ flags: F.SECRET, lines: [line], why: [`$${name.text} read at line ${line}`] });
    }
    return val({ text: UNKNOWN });
  }

  private importByName(nameVal: Val, line: number, via: string): Val {
    this.reachDecodes(nameVal, via, line);
    if (!isKnown(nameVal)) {
      this.hit('code.dynamic-import', 'high', line, `Imports a module whose name is computed at run time (${via})`, HELP.imp, nameVal.lines);
      return withTaint(val(), [nameVal]);
    }
    const mod = nameVal.text;
    this.imports.push({ module: mod, line });
    if (nameVal.flags & (F.BUILT | F.DECODED)) {
      const root = mod.split('.')[0] as string;
      const bad = DANGER_ROOTS.has(root);
      this.hit('code.dynamic-import', bad ? 'critical' : 'high', line,
        `Imports "${mod}" through ${via} with a name ${nameVal.flags & F.DECODED ? 'decoded' : 'assembled'} at run time${bad ? ` (${root} can run commands or code)` : ''}`, HELP.obf, nameVal.lines);
    }
    if (SCANNER_PACKAGES.has(mod.split('.')[0] as string)) this.hit('code.scanner-aware', 'high', line, `Imports ${mod}, a model-scanner package`, HELP.scanner);
    return val({ ref: mod });
  }

  /** A name reached through getattr/subscripts with a constant but assembled or decoded name. */
  private resolvedName(full: string, nameVal: Val, line: number, via: string): Val {
    this.reachDecodes(nameVal, via, line);
    if (nameVal.flags & (F.BUILT | F.DECODED)) {
      const bad = isDangerousName(full);
      this.hit('code.dynamic-import', bad ? 'critical' : 'high', line,
        `Reaches ${full} through ${via} with a name ${nameVal.flags & F.DECODED ? 'decoded' : 'assembled'} at run time`, HELP.obf, nameVal.lines);
    }
    return val({ ref: full });
  }

  private fileAccess(name: string, path: Val, line: number): void {
    const cred = credentialLocation(textOf(path));
    if (cred) {
      this.reachDecodes(path, name, line);
      this.hit('code.credentials', 'critical', line, `Accesses ${cred} (${textOf(path).replace(/\0+/g, '…')}) with ${name}`, HELP.creds, path.lines);
      this.secretReads.push({ line, what: cred });
    }
  }

  private chmodX(path: Val, line: number, scope: Scope): void {
    const p = this.pathFlags(path, scope);
    this.mark(path, F.EXECUTABLE, line, `made executable at line ${line}`, scope);
    if (p.flags & F.DL_PATH) {
      this.hit('code.chmod-exec', 'critical', line, `Makes a downloaded file executable (${p.why[0] ?? 'downloaded'})`, HELP.dlexec, p.lines);
    }
  }

  private fetchToPath(name: string, where: number | 'return', pos: Val[], kw: Map<string, Val>, line: number, scope: Scope): Val {
    const url = pos[0] ?? kw.get('url') ?? kw.get('repo_id');
    const hub = name.startsWith('huggingface_hub') || name.startsWith('transformers');
    if (url) this.fetchNote(name, url, line, hub);
    // Weights fetched from the Hub by its own client are how models load; they are not treated as code downloads.
    if (hub) return val({ text: UNKNOWN });
    const from = url && isKnown(url) ? ` from ${url.text.slice(0, 80)}` : '';
    const why = `downloaded${from} by ${name} at line ${line}`;
    if (where !== 'return') {
      const dest = pos[where] ?? kw.get('filename') ?? kw.get('out') ?? kw.get('output') ?? kw.get('dst');
      if (dest) {
        this.mark(dest, F.DL_PATH, line, why, scope);
        scope.downloads.push(line);
        const r = withTaint(val({ ...(dest.text !== undefined ? { text: dest.text } : {}), flags: F.DL_PATH, lines: [line], why: [why] }), [dest], ~0);
        return name === 'urllib.request.urlretrieve' ? val({ items: [r, val()] }) : r;
      }
    }
    scope.downloads.push(line);
    const r = val({ flags: F.DL_PATH, lines: [line], why: [why] });
    return name === 'urllib.request.urlretrieve' ? val({ items: [r, val()] }) : r;
  }

  private fetchNote(name: string, url: Val, line: number, hub: boolean): void {
    this.reachDecodes(url, name, line);
    if (this.context === 'remote-code' && !hub && !isHubHost(hostOf(textOf(url))) && !isLocalHost(hostOf(textOf(url)))) {
      this.hit('code.network-fetch', 'high', line, `Model code contacts ${hostOf(textOf(url)) ?? 'a server'} when it runs (${name})`, HELP.fetch, url.lines);
    }
  }

  private network(name: string, pos: Val[], kw: Map<string, Val>, all: Val[], line: number): Val {
    const first = pos[0] ?? kw.get('url') ?? kw.get('address') ?? val();
    const method = name === 'requests.request' || name === 'requests.Session.request' ? textOf(first).toUpperCase() : '';
    const urlVal = method ? (pos[1] ?? kw.get('url') ?? val()) : first;
    const hasBody = (name === 'urllib.request.urlopen' && (pos[1] !== undefined || kw.has('data') || (first.flags & F.REQUEST_BODY) !== 0)) ||
      (method !== '' && /POST|PUT|PATCH/.test(method));
    const isSend = SEND.has(name) || hasBody;
    const host = hostOf(textOf(urlVal)) ?? (urlVal.items ? textOf(urlVal.items[0] ?? val()) : undefined);
    const result = withTaint(val({ ref: `${name}()`, flags: F.DOWNLOADED, lines: [line], why: [`downloaded by ${name} at line ${line}`] }), [urlVal], F.DECODED);
    this.reachDecodes(urlVal, name, line);
    if (!isSend) {
      this.fetchNote(name, urlVal, line, false);
      return result;
    }
    for (const a of all) this.reachDecodes(a, name, line);
    if (isLocalHost(host) || (isHubHost(host) && !all.some((a) => a.flags & (F.SECRET | F.ENV_ALL)))) return result;
    const secret = all.find((a) => a.flags & (F.SECRET | F.ENV_ALL)) ?? (first.flags & (F.SECRET | F.ENV_ALL) ? first : undefined);
    const where = host && !host.includes(UNKNOWN) ? host : 'a remote host';
    if (secret) {
      const what = secret.flags & F.ENV_ALL ? 'the whole environment' : secret.why[0] ? secret.why[0] : 'secrets';
      this.hit(secret.flags & F.ENV_ALL ? 'code.env-sweep' : 'code.network-send', 'critical', line, `Sends ${what} to ${where} (${name})`, HELP.creds, secret.lines);
    } else {
      const h = this.hit('code.network-send', 'high', line, `Sends data to ${where} (${name})`, HELP.send);
      if (h) this.sends.push(h);
    }
    return result;
  }

  private dynamicExec(name: string, code: Val, line: number, scope: Scope): void {
    const short = name.replace(/^builtins\./, '');
    const p = this.pathFlags(code, scope);
    this.reachDecodes(code, short, line);
    if (code.flags & F.DOWNLOADED || (name.startsWith('runpy.run_path') && p.flags & F.DL_PATH)) {
      this.hit('code.download-exec', 'critical', line, `Runs code downloaded from the network with ${short}${code.why[0] ? ` (${code.why[0]})` : ''}`, HELP.dlexec, code.lines);
    } else if (code.flags & F.DECODED) {
      this.hit('code.dynamic-exec', 'critical', line, `Runs hidden code with ${short}: ${code.why[0] ?? 'decoded at run time'}${isKnown(code) ? ` → ${JSON.stringify(code.text.slice(0, 80))}` : ''}`, HELP.exec, code.lines);
    } else if (isKnown(code) && code.flags & F.BUILT) {
      this.hit('code.dynamic-exec', 'critical', line, `Runs code assembled from pieces with ${short}: ${JSON.stringify(code.text.slice(0, 80))}`, HELP.exec);
    } else if (!isKnown(code)) {
      this.hit('code.dynamic-exec', 'high', line, `Runs code computed at run time with ${short}`, HELP.exec, code.lines);
    } else {
      this.hit('code.dynamic-exec', 'high', line, `Runs a code string with ${short}: ${JSON.stringify(code.text.slice(0, 80))}`, HELP.exec);
    }
  }

  // ── processes ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Severity of running a process: critical when the program or its script was downloaded, decoded or chmod'ed
   * (+x) here, or the shell text pipes a download into an interpreter; high when the program is computed at run
   * time or assembled from pieces, or when a fixed tool runs from remote code or setup.py (it runs on load or
   * install); medium for a fixed tool in a script a user runs on purpose (a convert script calling git).
   */
  private spawn(name: string, pos: Val[], kw: Map<string, Val>, line: number, scope: Scope): void {
    const execIdx = osExecProgramIndex(name);
    const shellKw = kw.get('shell');
    const shell = SPAWN_SHELL.has(name) || (shellKw !== undefined && !/^(False|0|None)$/.test(textOf(shellKw)) && shellKw.text !== '');
    const cmd = execIdx !== undefined ? pos[execIdx] : pos[0] ?? kw.get('args') ?? kw.get('cmd') ?? kw.get('command');
    if (!cmd) return;
    const related: number[] = [];
    let program: Val;
    let argv: Val[] = [];
    let shellText: string | undefined;
    if (cmd.items) {
      argv = cmd.items;
      program = argv[0] ?? val();
    } else if (execIdx !== undefined) {
      program = cmd;
      argv = [cmd, ...pos.slice(execIdx + 2)];
    } else if (shell) {
      program = cmd;
      shellText = textOf(cmd).replace(/\0+/g, '__UNKNOWN__');
    } else {
      program = cmd;
      argv = [cmd];
    }
    this.reachDecodes(cmd, name, line);
    for (const a of argv) this.reachDecodes(a, name, line);

    // Download, decode and chmod flows on the program or the script an interpreter runs.
    const progName = isKnown(program) ? (program.text.trim().split(/\s+/)[0] ?? '').replace(/^.*\//, '').toLowerCase() : '';
    const candidates = [program];
    if (/^(ba|da|z|k)?sh$|^python[\d.]*$|^py$|^perl$|^node$|^ruby$|^pwsh$|^powershell$/.test(progName) && argv.length > 1) {
      const script = argv.slice(1).find((a) => !isKnown(a) || !a.text.startsWith('-'));
      if (script) candidates.push(script);
    }
    for (const c of candidates) {
      const p = this.pathFlags(c, scope);
      if (p.flags & (F.DL_PATH | F.DOWNLOADED)) {
        const chmod = p.flags & F.EXECUTABLE ? ' and made executable' : '';
        this.hit('code.download-exec', 'critical', line, `Runs a file that was downloaded${chmod}, with ${name} (${p.why.slice(0, 2).join('; ') || 'downloaded earlier'})`, HELP.dlexec, [...p.lines, ...related]);
        return;
      }
      if (p.flags & F.EXECUTABLE) {
        this.hit('code.chmod-exec', 'critical', line, `Makes a file executable and runs it with ${name} (${p.why[0] ?? ''})`, HELP.dlexec, p.lines);
        return;
      }
    }
    if (cmd.flags & F.DECODED || program.flags & F.DECODED) {
      this.hit('code.process-spawn', 'critical', line, `Runs a command decoded at run time with ${name}: ${cmd.why[0] ?? program.why[0] ?? ''}${isKnown(cmd) ? ` → ${JSON.stringify(cmd.text.slice(0, 80))}` : ''}`, HELP.obf, [...cmd.lines, ...program.lines]);
      if (shellText) this.shellHits(shellText, line);
      return;
    }
    // argv-form downloads and chmods (subprocess.run(["curl", "-o", path, url])).
    if (argv.length > 0 && isKnown(program)) {
      if (progName === 'chmod' && argv[1] && isKnown(argv[1]) && /^([ugoa]*\+[rwxXst]*x|[0-7]*[1357][0-7]{0,2})$/.test(argv[1].text)) {
        for (const t of argv.slice(2)) this.chmodX(t, line, scope);
      }
      if (progName === 'curl' || progName === 'wget') {
        const o = argv.findIndex((a) => isKnown(a) && /^(-o|-O|--output|--output-document)$/.test(a.text));
        const dest = o >= 0 ? argv[o + 1] : undefined;
        if (dest) {
          this.mark(dest, F.DL_PATH, line, `downloaded by ${progName} at line ${line}`, scope);
          scope.downloads.push(line);
        }
      }
    }
    const words = shellText ?? argv.map((a) => (a.text !== undefined ? `'${a.text.replace(/\0+/g, '__UNKNOWN__').replace(/'/g, "'\\''")}'` : '__UNKNOWN__')).join(' ');
    const shellFound = this.shellHits(words, line);
    if (shellFound) return;
    if (!isKnown(program) && !(shellText && /^\s*[\w./-]+/.test(shellText) && !shellText.trimStart().startsWith('__UNKNOWN__'))) {
      const dl = scope.downloads[0];
      if (dl !== undefined) {
        this.hit('code.download-exec', 'critical', line, `Downloads a file (line ${dl}) and runs a program whose path is computed at run time (${name})`, HELP.dlexec, [dl]);
      } else {
        this.hit('code.process-spawn', 'high', line, `Runs a program computed at run time with ${name}`, HELP.spawn, program.lines);
      }
      return;
    }
    const shown = shellText ?? argv.map((a) => a.text?.replace(/\0+/g, '…') ?? '…').join(' ');
    if (program.flags & F.BUILT && isKnown(program) && !shellText) {
      this.hit('code.process-spawn', 'high', line, `Runs a program whose name is assembled from pieces: ${shown.slice(0, 100)}`, HELP.obf);
      return;
    }
    const sensitive = this.context === 'remote-code' || this.context === 'setup';
    const where = this.context === 'remote-code' ? 'model code loaded with trust_remote_code' : this.context === 'setup' ? 'install-time code' : 'this script';
    this.hit('code.process-spawn', sensitive ? 'high' : 'medium', line, `Runs \`${shown.replace(/__UNKNOWN__/g, '…').slice(0, 100)}\` (${name}) from ${where}`, HELP.spawn);
  }

  /** Runs the shell analyzer over a command line; returns whether it found something blocking. */
  private shellHits(text: string, line: number): boolean {
    if (this.quiet > 0) return false;
    const r = analyzeShell(text, { state: this.shellState, firstLine: line });
    let blocking = false;
    for (const h of r.hits) {
      this.hit(SHELL_TO_CODE[h.kind], h.severity, line, h.message, h.help, (h.related ?? []).filter((l) => l !== line));
      if (h.severity === 'critical' || h.severity === 'high') blocking = true;
    }
    return blocking;
  }
}

const SHELL_TO_CODE: Record<ShellKind, string> = {
  'pipe-to-shell': 'code.download-exec', 'decode-exec': 'code.obfuscation', 'subst-exec': 'code.download-exec', 'download-exec': 'code.download-exec',
  'chmod-exec': 'code.chmod-exec', credentials: 'code.credentials', 'env-sweep': 'code.env-sweep', 'network-send': 'code.network-send',
  'reverse-shell': 'code.reverse-shell', obfuscation: 'code.obfuscation', 'install-from-url': 'code.install-from-url'
};

export type { ShellHit };
