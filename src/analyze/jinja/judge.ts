// Judges a chat template on its syntax tree. Every way Jinja reaches an attribute is an access site: `x.name`,
// `x['name']` (Jinja's getitem falls back to getattr), `|attr(name)`, the attribute arguments of `map`,
// `selectattr`, `sort`, `groupby`… (dotted paths included), `{% set ns.name %}`, and the fields of str.format
// strings. Each site's name is the value of its expression as the template builds it (fold.ts), with variables
// solved over every assignment (`set`, loops, macro arguments, namespace attributes, `{% set %}` blocks), so names
// spelled in pieces are judged as the names they become. Calls of code-running names, Python module names and
// references to str.format (the Jinja sandbox escapes) are judged too. Nothing is rendered.
import {
  parseTemplate, show, walk, type CallExpression, type FilterExpression, type For, type Identifier, type JNode,
  type KeywordArgumentExpression, type Literal, type Macro, type MemberExpression, type Program, type SetStatement,
  type TestExpression
} from './ast.js';
import { BudgetExceeded, filterParts, Folder, methodNames, splitArgs, type Scope } from './fold.js';
import type { Hit } from './hit.js';
import { lexicalHits } from './lexical.js';
import { ATTRIBUTE_FILTERS, codeCall, entryGlobal, internalName, moduleName, privateName } from './names.js';
import { formatFields } from './pyformat.js';
import { bottom, constValue, dataValue, elements, join, joinInto, lift, meter, strings, type AV, type Py } from './values.js';

export interface TemplateJudgement {
  hits: Hit[];
  /** Why the template was not fully examined (parse error, nesting, budget); hits then come from a lexical scan. */
  incomplete?: string;
  /** How much work the analysis did: nodes in the tree and evaluation steps (bounded, see budgetFor). */
  stats: { nodes: number; work: number };
}

export interface JudgeOptions {
  /** Special-token values the loader passes to the template (`bos_token` …), when the configuration states them. */
  specialTokens?: Readonly<Record<string, string>>;
}

/** Deeper trees are refused: Jinja itself (Python's recursion limit) fails on templates nested a few hundred deep. */
export const MAX_DEPTH = 256;

/** Evaluation budget: linear in the template's size, generous for real templates (tens of steps per node). */
export function budgetFor(nodes: number): number {
  return 100_000 + 400 * nodes;
}

export function judgeTemplate(source: string, opts: JudgeOptions = {}): TemplateJudgement {
  meter.work = 0;
  const parsed = parseTemplate(source);
  if ('error' in parsed) {
    return { hits: lexicalHits(source), incomplete: `the Jinja parser rejected it: ${parsed.error}`, stats: { nodes: 0, work: meter.work } };
  }
  const tree = walk(parsed.program, MAX_DEPTH);
  if (tree.unknown !== undefined || tree.tooDeep) {
    return {
      hits: lexicalHits(source),
      incomplete: tree.tooDeep ? `it nests deeper than ${MAX_DEPTH} levels` : `it uses a construct this analysis does not know (${tree.unknown})`,
      stats: { nodes: tree.nodes.length, work: meter.work }
    };
  }
  try {
    const hits = new Judge(parsed.program, tree.nodes, opts).run();
    return { hits, stats: { nodes: tree.nodes.length, work: meter.work } };
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    return {
      hits: lexicalHits(source),
      incomplete: `following its string building took more than ${budgetFor(tree.nodes.length)} steps`,
      stats: { nodes: tree.nodes.length, work: meter.work }
    };
  }
}

interface Equation { target: string; compute: () => AV }

const isDunder = (n: string): boolean => n.length > 4 && n.startsWith('__') && n.endsWith('__') && /[A-Za-z]/.test(n);

class Judge implements Scope {
  private readonly env = new Map<string, AV>();
  /** Names bound by loops, macro parameters and call-block arguments: template-local, never caller inputs. */
  private readonly local = new Set<string>();
  /** Names assigned with `set` (callers may pass the same names: their values join the caller's data). */
  private readonly assigned = new Set<string>();
  private readonly macros = new Map<string, Macro>();
  private readonly equations: Equation[] = [];
  /** Callee nodes of calls. */
  private readonly called = new Set<JNode>();
  /** Identifier nodes that name something other than a variable (attributes, filters, tests, keywords). */
  private readonly notReferences = new Set<JNode>();
  /** Nodes that are statements of a body (template text and `{{ }}` output), not parts of expressions. */
  private readonly statements = new Set<JNode>();
  private readonly memberObjects = new Set<JNode>();
  /** The call nodes that are a filter with its arguments (`x|name(args)`), with their filter expression. */
  private readonly filterCores = new Map<JNode, FilterExpression>();
  private reads: Set<string> | undefined;
  private readonly folder: Folder;
  private readonly hits: Hit[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly program: Program, private readonly nodes: JNode[], private readonly opts: JudgeOptions) {
    this.folder = new Folder(this, budgetFor(nodes.length));
  }

  variable(name: string): AV {
    this.reads?.add(name);
    const v = this.env.get(name) ?? bottom();
    if (name.startsWith('.') || name.startsWith('macro:')) return v;
    return this.local.has(name) && !this.assigned.has(name) ? v : join(v, dataValue());
  }

  bound(name: string): boolean {
    return this.local.has(name) || this.assigned.has(name);
  }

  isMacro(name: string): boolean {
    return this.macros.has(name);
  }

  run(): Hit[] {
    this.collect();
    this.solve();
    this.folder.freeze();
    for (const n of this.nodes) this.judge(n);
    return this.hits;
  }

  private eq(target: string, compute: () => AV): void {
    this.equations.push({ target, compute });
  }

  /** One pass over the tree: scopes, equations for every assignment, and the roles of nodes. */
  private collect(): void {
    const f = this.folder;
    for (const n of this.nodes) {
      const x = n as unknown as Record<string, unknown>;
      for (const k of ['body', 'alternate', 'defaultBlock']) if (Array.isArray(x[k])) for (const s of x[k] as JNode[]) this.statements.add(s);
      if (n.type === 'Macro') this.macros.set((n as Macro).name.value, n as Macro);
    }
    this.statements.add(this.program);
    for (const s of this.program.body) this.statements.add(s);
    for (const n of this.nodes) {
      switch (n.type) {
        case 'For': {
          const fo = n as For;
          const targets = fo.loopvar.type === 'Identifier' ? [fo.loopvar as Identifier] : ((fo.loopvar as Literal<JNode[]>).value ?? []).filter((t): t is Identifier => t.type === 'Identifier');
          const nested = fo.loopvar.type !== 'Identifier';
          for (const t of targets) {
            this.local.add(t.value);
            this.notReferences.add(t);
            this.eq(t.value, () => (nested ? elements(elements(f.value(fo.iterable))) : elements(f.value(fo.iterable))));
          }
          break;
        }
        case 'Set': {
          const s = n as SetStatement;
          const value = (): AV => (s.value ? f.value(s.value) : f.outputs(s.body));
          if (s.assignee.type === 'Identifier') {
            const name = (s.assignee as Identifier).value;
            this.assigned.add(name);
            this.notReferences.add(s.assignee);
            this.eq(name, value);
          } else if (s.assignee.type === 'TupleLiteral') {
            for (const t of (s.assignee as Literal<JNode[]>).value) {
              if (t.type !== 'Identifier') continue;
              this.assigned.add((t as Identifier).value);
              this.notReferences.add(t);
              this.eq((t as Identifier).value, () => elements(value()));
            }
          } else if (s.assignee.type === 'MemberExpression' && !(s.assignee as MemberExpression).computed) {
            const prop = (s.assignee as MemberExpression).property;
            if (prop.type === 'Identifier') this.eq(`.${(prop as Identifier).value}`, value);
          }
          break;
        }
        case 'Macro': {
          const m = n as Macro;
          this.notReferences.add(m.name);
          for (const a of m.args) {
            if (a.type === 'Identifier') {
              this.local.add((a as Identifier).value);
              this.notReferences.add(a);
            } else if (a.type === 'KeywordArgumentExpression') {
              const k = a as KeywordArgumentExpression;
              this.local.add(k.key.value);
              this.eq(k.key.value, () => f.value(k.value));
            }
          }
          this.eq(`macro:${m.name.value}`, () => f.outputs(m.body));
          break;
        }
        case 'CallStatement': {
          const c = n as unknown as { callerArgs: JNode[] | null; body: JNode[] };
          for (const a of c.callerArgs ?? []) {
            const name = a.type === 'Identifier' ? (a as Identifier).value : a.type === 'KeywordArgumentExpression' ? (a as KeywordArgumentExpression).key.value : undefined;
            if (name !== undefined) this.local.add(name);
            if (a.type === 'Identifier') this.notReferences.add(a);
            if (a.type === 'KeywordArgumentExpression') this.eq(name as string, () => f.value((a as KeywordArgumentExpression).value));
          }
          this.eq('macro:caller', () => f.outputs(c.body));
          break;
        }
        case 'CallExpression': {
          const c = n as CallExpression;
          this.called.add(c.callee);
          if (c.callee.type === 'Identifier' && !this.filterCores.has(c)) this.callEquations((c.callee as Identifier).value, c.args);
          break;
        }
        case 'MemberExpression': {
          const m = n as MemberExpression;
          this.memberObjects.add(m.object);
          if (!m.computed) this.notReferences.add(m.property);
          break;
        }
        case 'FilterExpression': {
          const fe = n as FilterExpression;
          const { core } = filterParts(fe);
          this.notReferences.add(core.type === 'CallExpression' ? (core as CallExpression).callee : core);
          if (core.type === 'CallExpression') this.filterCores.set(core, fe);
          break;
        }
        case 'FilterStatement': {
          const flt = (n as unknown as { filter: JNode }).filter;
          this.notReferences.add(flt.type === 'CallExpression' ? (flt as CallExpression).callee : flt);
          break;
        }
        case 'TestExpression': this.notReferences.add((n as TestExpression).test); break;
        case 'KeywordArgumentExpression': this.notReferences.add((n as KeywordArgumentExpression).key); break;
        default: break;
      }
    }
    for (const [name, v] of Object.entries(this.opts.specialTokens ?? {})) this.eq(name, () => constValue(v));
  }

  /** Arguments of macro calls flow into its parameters; `namespace(k=v)` into namespace attribute `k`. */
  private callEquations(name: string, args: JNode[]): void {
    const f = this.folder;
    const a = splitArgs(args);
    const macro = this.macros.get(name);
    if (macro && !this.bound(name)) {
      const params = macro.args.map((p) => (p.type === 'Identifier' ? (p as Identifier).value : (p as KeywordArgumentExpression).key.value));
      a.positional.forEach((arg, i) => {
        const p = params[i];
        if (p !== undefined) this.eq(p, () => f.value(arg));
        else this.eq('varargs', () => lift([f.value(arg)], (v) => ({ list: [v] })));
      });
      for (const [k, v] of a.keyword) {
        if (params.includes(k)) this.eq(k, () => f.value(v));
        else this.eq('kwargs', () => lift([f.value(v)], (x) => ({ dict: [[k, x] as [Py, Py]] })));
      }
    } else if (name === 'namespace' && !this.bound(name)) {
      for (const [k, v] of a.keyword) this.eq(`.${k}`, () => f.value(v));
    }
  }

  /** Solves the equations: a worklist re-evaluates an assignment when a variable it read grew. */
  private solve(): void {
    const deps = new Map<string, Set<number>>();
    const queued = new Array<boolean>(this.equations.length).fill(true);
    const queue = this.equations.map((_e, i) => i);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q] as number;
      queued[i] = false;
      const e = this.equations[i] as Equation;
      this.reads = new Set();
      const v = e.compute();
      for (const r of this.reads) {
        let d = deps.get(r);
        if (!d) deps.set(r, (d = new Set()));
        d.add(i);
      }
      this.reads = undefined;
      let cur = this.env.get(e.target);
      if (!cur) this.env.set(e.target, (cur = bottom()));
      if (joinInto(cur, v)) {
        for (const j of deps.get(e.target) ?? []) {
          if (!queued[j]) {
            queued[j] = true;
            queue.push(j);
          }
        }
      }
      // The queue only grows while values grow, and values are capped: this ends.
      if (q > 1_000_000) throw new BudgetExceeded();
    }
  }

  private hit(severity: Hit['severity'], why: string, node: JNode, detail?: string): void {
    const evidence = show(node);
    const key = `${severity}\u0000${why}\u0000${detail ?? ''}\u0000${evidence}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.hits.push({ severity, why, evidence, ...(detail !== undefined ? { detail } : {}) });
  }

  /** An attribute or item name reached by `how`. True when the name alone is a finding. */
  private name(name: string, node: JNode, how: string): boolean {
    return this.names([name], node, how);
  }

  /**
   * The names one access site can reach (a folded key may have several values): one hit per kind, naming the
   * most telling names first (whole dunders), so a loop that builds `__class__` reads as one problem.
   */
  private names(names: string[], node: JNode, how: string): boolean {
    const byWhy = new Map<string, string[]>();
    const priv: string[] = [];
    for (const n of names) {
      const why = internalName(n);
      if (why) byWhy.set(why, [...(byWhy.get(why) ?? []), n]);
      else if (privateName(n)) priv.push(n);
    }
    const list = (ns: string[]): string => {
      const sorted = [...ns].sort((a, b) => Number(isDunder(b)) - Number(isDunder(a)));
      return `${sorted.slice(0, 3).map((x) => `\`${x}\``).join(', ')}${sorted.length > 3 ? ` and ${sorted.length - 3} more` : ''}`;
    };
    for (const [why, ns] of byWhy) this.hit('critical', why, node, `${how} ${list(ns)}`);
    if (priv.length > 0) this.hit('high', 'reads a private attribute', node, `${how} ${list(priv)}`);
    return byWhy.size > 0 || priv.length > 0;
  }

  private judge(n: JNode): void {
    const f = this.folder;
    switch (n.type) {
      case 'Identifier': {
        if (this.notReferences.has(n)) return;
        const name = (n as Identifier).value;
        if (this.bound(name) || this.macros.has(name)) return;
        if (name.startsWith('__')) this.hit('critical', 'names interpreter internals', n, `\`${name}\``);
        else if (moduleName(name) && (this.memberObjects.has(n) || this.called.has(n))) this.hit('critical', 'reaches for a Python module', n, `\`${name}\``);
        else if (entryGlobal(name)) this.hit('medium', 'uses a global that template-injection payloads start from', n, `\`${name}\``);
        return;
      }
      case 'MemberExpression': {
        const m = n as MemberExpression;
        if (m.property.type === 'SliceExpression') return;
        if (!m.computed) {
          if (m.property.type !== 'Identifier') return;
          const name = (m.property as Identifier).value;
          this.name(name, n, 'attribute');
          if (name === 'format' && !this.called.has(n)) this.formatReference(f.value(m.object), n);
          return;
        }
        const key = f.value(m.property);
        this.names(strings(key), n, 'item');
        if (strings(key).includes('format') && !this.called.has(n)) this.formatReference(f.value(m.object), n);
        if (key.built) this.hit('high', 'indexes with a name it builds from strings in a way this scanner cannot follow (Jinja reads `x[name]` as an attribute too)', n);
        return;
      }
      case 'FilterExpression':
        // Evaluating the filter first also gives what hf's parser attached after it (`x|attr('a')(1)`) its operand.
        f.value(n);
        this.attributeFilter(n as FilterExpression);
        return;
      case 'CallExpression': this.call(n as CallExpression); return;
      case 'StringLiteral': {
        if (this.statements.has(n)) return;
        const v = (n as Literal<string>).value;
        if (!v.includes('{')) return;
        for (const field of formatFields(v)?.fields ?? []) {
          for (const p of field.path) {
            const name = p.attr ?? p.item ?? '';
            const why = internalName(name);
            if (why) this.hit('critical', `holds a str.format field that ${why}`, n, `\`${name}\``);
          }
        }
        return;
      }
      default: return;
    }
  }

  /** `x.format` taken without calling it on a string the template wrote: the CVE-2024-56326 sandbox escape. */
  private formatReference(receiver: AV, n: JNode): void {
    if (receiver.built || strings(receiver).length > 0) {
      this.hit('critical', 'takes a reference to str.format without calling it (how CVE-2024-56326 escaped the Jinja sandbox)', n);
    }
  }

  private attributeFilter(fe: FilterExpression): void {
    const f = this.folder;
    const { name, args } = filterParts(fe);
    let spec = ATTRIBUTE_FILTERS[name];
    // map('attr', name) applies the attr filter to every element.
    if (name === 'map' && args.positional[0] && strings(f.value(args.positional[0])).includes('attr')) {
      spec = { positional: 1 };
    }
    if (!spec) return;
    const argNode = (spec.keyword !== undefined ? args.keyword.get(spec.keyword) : undefined) ??
      (spec.positional !== undefined ? args.positional[spec.positional] : undefined);
    if (!argNode) {
      if (name === 'attr' || (name === 'map' && spec.positional === 1)) this.hit('medium', `uses the attr filter (\`|${name}\`)`, fe);
      return;
    }
    const v = f.value(argNode);
    const direct = name === 'attr' || (name === 'map' && spec.positional === 1);
    // attr takes one name; the other filters take dotted paths (make_attrgetter), whose integer parts are indexes.
    const parts = strings(v).flatMap((s) => (direct ? [s] : s.split('.').filter((p) => !/^\d+$/.test(p))));
    const flagged = this.names(parts, fe, `|${name}`);
    if (direct && parts.includes('format')) {
      this.hit('critical', 'reads str.format through the attr filter (how CVE-2025-27516 escaped the Jinja sandbox)', fe);
    } else if (direct && !flagged && parts.length > 0) {
      this.hit('medium', 'reads an attribute through the attr filter, which chat templates do not need', fe, parts.slice(0, 3).map((p) => `\`${p}\``).join(', '));
    }
    if (v.built) this.hit('high', `reads an attribute through \`|${name}\` named by a string it builds in a way this scanner cannot follow`, fe);
    else if (direct && parts.length === 0) this.hit('high', 'reads an attribute through the attr filter named by runtime data', fe);
  }

  private call(c: CallExpression): void {
    const f = this.folder;
    const callee = c.callee;
    if (this.filterCores.has(c)) return;
    const calledFilter = this.filterCores.get(callee);
    if (calledFilter) {
      this.calledAttr(calledFilter, c);
      return;
    }
    if (callee.type === 'Identifier') {
      const name = (callee as Identifier).value;
      if (!this.bound(name) && !this.macros.has(name)) {
        const why = codeCall(name);
        if (why) this.hit('critical', why, c);
      }
      return;
    }
    if (callee.type === 'MemberExpression') {
      const m = callee as MemberExpression;
      const names = methodNames(f, m) ?? [];
      for (const name of names) {
        const why = codeCall(name);
        if (why) this.hit('critical', why, c);
      }
      if (names.includes('format')) this.formatCall(f.value(m.object), c);
      return;
    }
    if (callee.type === 'FilterExpression') this.calledAttr(callee as FilterExpression, c);
  }

  /** `(x|attr(name))(...)`: calling the attribute the filter read. */
  private calledAttr(fe: FilterExpression, c: CallExpression): void {
    const { name, args } = filterParts(fe);
    if (name !== 'attr' || !args.positional[0]) return;
    for (const s of strings(this.folder.value(args.positional[0]))) {
      const why = codeCall(s);
      if (why) this.hit('critical', why, c);
    }
  }

  /** str.format walks the attributes its fields name: judge the fields of every format string it can be called on. */
  private formatCall(receiver: AV, c: CallExpression): void {
    for (const s of strings(receiver)) {
      for (const field of formatFields(s)?.fields ?? []) {
        for (const p of field.path) {
          const name = p.attr ?? p.item ?? '';
          if (!this.name(name, c, 'str.format field') && p.attr !== undefined) {
            this.hit('high', 'formats with a str.format field that reads an attribute', c, `\`${name}\``);
          }
        }
      }
    }
    if (receiver.built) this.hit('high', 'calls str.format on a format string it builds in a way this scanner cannot follow', c);
    else if (strings(receiver).length === 0 && receiver.data) {
      this.hit('high', 'calls str.format on runtime data: a format string can walk attributes ({0.__class__})', c);
    }
  }
}

