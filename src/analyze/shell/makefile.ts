// Makefiles, read the way `make TARGET` would run them: variables (`=`, `:=`, `?=`, `+=`, `define`), rules with
// prerequisites, recipe lines (TAB-indented, `\` continued, `@`/`-`/`+` prefixes), automatic variables, and the
// shell commands make itself runs while reading the file (`$(shell …)`, `!=`). Conditionals are not evaluated:
// every branch is read, so nothing hides behind one. Expansion is bounded in depth and size.
import { splitLines } from '../util.js';

export interface MakeLine {
  text: string;
  /** 1-based line in the Makefile. */
  line: number;
}

export interface MakeRule {
  prereqs: string[];
  recipe: MakeLine[];
  line: number;
}

export interface Makefile {
  /** Characters expansion may still produce for this file (bounds `A = $(B)$(B)` chains). */
  budget: { left: number };
  vars: Map<string, { value: string; line: number }>;
  rules: Map<string, MakeRule>;
  defaultTarget?: string;
  /** `$(shell …)` and `VAR != …` commands: make runs these whenever it reads the file. */
  parseTimeCommands: MakeLine[];
  includes: string[];
}

const MAX_EXPAND_DEPTH = 8;
const MAX_EXPANDED = 16 * 1024;
const MAX_RECIPE_LINES = 2000;
const MAX_TOTAL_EXPANSION = 4 * 1024 * 1024;

const ASSIGN = /^(?:(?:export|override)\s+)?([A-Za-z_][\w.-]*)\s*(\?=|:::=|::=|:=|\+=|!=|=)(.*)$/;

/** Reads a Makefile into variables, rules and parse-time commands. */
export function parseMakefile(text: string): Makefile {
  const mk: Makefile = { budget: { left: MAX_TOTAL_EXPANSION }, vars: new Map(), rules: new Map(), parseTimeCommands: [], includes: [] };
  const raw = splitLines(text);
  let current: MakeRule[] = [];
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let l = raw[i] as string;
    while (l.endsWith('\\') && i + 1 < raw.length) l = `${l.slice(0, -1)} ${(raw[++i] as string).replace(/^\t/, '')}`;
    if (l.startsWith('\t') && current.length > 0) {
      for (const r of current) r.recipe.push({ text: l.slice(1), line: start + 1 });
      continue;
    }
    const t = l.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (t === '') continue;
    const def = /^(?:(?:export|override)\s+)?define\s+([A-Za-z_][\w.-]*)/.exec(t);
    if (def) {
      const body: string[] = [];
      for (i++; i < raw.length && !/^\s*endef\b/.test(raw[i] as string); i++) body.push(raw[i] as string);
      mk.vars.set(def[1] as string, { value: body.join('\n'), line: start + 1 });
      current = [];
      continue;
    }
    if (/^(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(t)) continue;
    const inc = /^-?include\s+(.+)$/.exec(t) ?? /^sinclude\s+(.+)$/.exec(t);
    if (inc) {
      mk.includes.push(...(inc[1] as string).split(/\s+/).filter(Boolean));
      continue;
    }
    const assign = ASSIGN.exec(t);
    if (assign && !/^[^=]*:[^=]/.test(t.slice(0, t.indexOf(assign[2] as string)))) {
      const name = assign[1] as string;
      const op = assign[2] as string;
      const value = (assign[3] as string).trim();
      if (name === '.DEFAULT_GOAL') mk.defaultTarget = value;
      if (op === '!=') mk.parseTimeCommands.push({ text: value, line: start + 1 });
      const prev = mk.vars.get(name);
      if (op === '?=' && prev) continue;
      mk.vars.set(name, { value: op === '+=' && prev ? `${prev.value} ${value}` : value, line: start + 1 });
      collectShellCalls(value, start + 1, mk.parseTimeCommands);
      current = [];
      continue;
    }
    const colon = ruleColon(t);
    if (colon < 0) {
      collectShellCalls(t, start + 1, mk.parseTimeCommands);
      continue;
    }
    const targets = t.slice(0, colon).trim().split(/\s+/).filter(Boolean);
    let rest = t.slice(colon + 1).replace(/^:/, '');
    let inline: string | undefined;
    const semi = rest.indexOf(';');
    if (semi >= 0) {
      inline = rest.slice(semi + 1).trim();
      rest = rest.slice(0, semi);
    }
    const prereqs = rest.replace(/\|/g, ' ').trim().split(/\s+/).filter(Boolean);
    current = [];
    for (const target of targets) {
      const rule = mk.rules.get(target) ?? { prereqs: [], recipe: [], line: start + 1 };
      rule.prereqs.push(...prereqs);
      if (inline) rule.recipe.push({ text: inline, line: start + 1 });
      mk.rules.set(target, rule);
      current.push(rule);
      if (mk.defaultTarget === undefined && !target.startsWith('.') && !target.includes('%')) mk.defaultTarget = target;
    }
  }
  return mk;
}

/** Index of the rule's `:` (outside `$(…)`), or -1 when the line is not a rule. */
function ruleColon(t: string): number {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) { depth++; i++; continue; }
    if ((c === ')' || c === '}') && depth > 0) { depth--; continue; }
    if (c === ':' && depth === 0 && t[i + 1] !== '=') return i;
    if (c === '=' && depth === 0) return -1;
  }
  return -1;
}

/** The `$(shell …)` bodies in a text, in order. */
function collectShellCalls(text: string, line: number, out: MakeLine[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('$(shell', from);
    if (at < 0) return;
    const [body, end] = balancedParen(text, at + 1);
    out.push({ text: body.replace(/^shell\s+/, ''), line });
    from = end;
  }
}

/** The body of a `(…)`/`{…}` starting at `open`, and the index after its close. */
function balancedParen(s: string, open: number): [string, number] {
  const o = s[open];
  const c = o === '{' ? '}' : ')';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return [s.slice(open + 1, i), i + 1];
  }
  return [s.slice(open + 1), s.length];
}

/** Expands make variables in `text` (`$(X)`, `${X}`, `$X`, `$$`), bounded. */
export function expandMake(text: string, mk: Makefile, auto: ReadonlyMap<string, string> = new Map(), depth = 0): string {
  let out = '';
  for (let i = 0; i < text.length && out.length < MAX_EXPANDED && mk.budget.left > 0; i++) {
    mk.budget.left--;
    const ch = text[i] as string;
    if (ch !== '$') { out += ch; continue; }
    const n = text[i + 1];
    if (n === undefined) { out += ch; break; }
    if (n === '$') { out += '$'; i++; continue; }
    if (n === '(' || n === '{') {
      const [body, end] = balancedParen(text, i + 1);
      i = end - 1;
      // A computed name (`$($(X))`) is expanded first, as make does.
      const deeper = depth < MAX_EXPAND_DEPTH;
      const name = deeper && body.includes('$') && !/^[a-z]+\s/.test(body) ? expandMake(body, mk, auto, depth + 1).trim() : body.trim();
      if (/^shell\s/.test(name)) { out += `$(${deeper ? expandMake(body.slice(body.indexOf('shell') + 5).trim(), mk, auto, depth + 1) : body})`; continue; }
      const fn = /^(subst|patsubst|strip|call|value|addprefix|addsuffix|firstword|findstring|if|or|and)\s/.exec(name);
      if (fn && depth < MAX_EXPAND_DEPTH) { out += makeFunction(fn[1] as string, body.slice(body.indexOf(fn[1] as string) + (fn[1] as string).length + 1), mk, auto, depth); continue; }
      if (auto.has(name)) { out += auto.get(name); continue; }
      const v = mk.vars.get(name);
      if (v !== undefined) { out += depth < MAX_EXPAND_DEPTH ? expandMake(v.value, mk, auto, depth + 1) : v.value; continue; }
      out += /^[\w.-]+$/.test(name) ? '' : `$(${body})`; // an unset variable is empty; a function stays as written
      continue;
    }
    i++;
    if (auto.has(n)) out += auto.get(n);
    else {
      const v = mk.vars.get(n);
      if (v !== undefined && depth < MAX_EXPAND_DEPTH) out += expandMake(v.value, mk, auto, depth + 1);
    }
  }
  return out.slice(0, MAX_EXPANDED);
}

/** Splits function arguments at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** The text functions an obfuscated recipe is most likely to use, as make evaluates them. */
function makeFunction(fn: string, rawArgs: string, mk: Makefile, auto: ReadonlyMap<string, string>, depth: number): string {
  const args = splitArgs(rawArgs);
  const x = (i: number): string => expandMake(args[i] ?? '', mk, auto, depth + 1);
  switch (fn) {
    case 'subst': return x(0) === '' ? x(2) : x(2).split(x(0)).join(x(1));
    case 'patsubst': {
      const [pat, rep] = [x(0).trim(), x(1).trim()];
      const p = pat.indexOf('%');
      return x(2).trim().split(/\s+/).map((w) => {
        if (p < 0) return w === pat ? rep : w;
        const [pre, post] = [pat.slice(0, p), pat.slice(p + 1)];
        if (!w.startsWith(pre) || !w.endsWith(post) || w.length < pre.length + post.length) return w;
        return rep.replace('%', w.slice(pre.length, w.length - post.length));
      }).join(' ');
    }
    case 'strip': return x(0).trim().replace(/\s+/g, ' ');
    case 'addprefix': return x(1).trim().split(/\s+/).filter(Boolean).map((w) => x(0).trim() + w).join(' ');
    case 'addsuffix': return x(1).trim().split(/\s+/).filter(Boolean).map((w) => w + x(0).trim()).join(' ');
    case 'firstword': return x(0).trim().split(/\s+/)[0] ?? '';
    case 'findstring': return x(1).includes(x(0)) ? x(0) : '';
    case 'value': return mk.vars.get(x(0).trim())?.value ?? '';
    case 'if': return `${x(1)} ${x(2)}`; // both branches: nothing hides behind a condition
    case 'or': case 'and': return args.map((_, i) => x(i)).join(' ');
    case 'call': {
      const v = mk.vars.get(x(0).trim());
      if (!v) return '';
      const params = new Map(auto);
      args.slice(1).forEach((_, i) => params.set(String(i + 1), x(i + 1)));
      return expandMake(v.value, mk, params, depth + 1);
    }
    default: return '';
  }
}

/**
 * The commands `make TARGETS` runs, in order: parse-time commands, then each target's prerequisites before its
 * own recipe (each target once). Recipe prefixes (`@`, `-`, `+`) removed; variables expanded.
 */
export function recipeFor(mk: Makefile, targets: readonly string[]): MakeLine[] {
  const out: MakeLine[] = mk.parseTimeCommands.map((c) => ({ text: expandMake(c.text, mk), line: c.line }));
  const done = new Set<string>();
  const visit = (target: string, depth: number): void => {
    if (done.has(target) || depth > 32 || out.length >= MAX_RECIPE_LINES) return;
    done.add(target);
    const rule = mk.rules.get(target);
    if (!rule) return;
    for (const p of rule.prereqs) visit(expandMake(p, mk), depth + 1);
    const auto = new Map([['@', target], ['<', rule.prereqs[0] ?? ''], ['^', rule.prereqs.join(' ')], ['*', target]]);
    for (const r of rule.recipe) {
      if (out.length >= MAX_RECIPE_LINES) return;
      out.push({ text: expandMake(r.text.replace(/^[\s@+-]*/, ''), mk, auto), line: r.line });
    }
  };
  const goals = targets.length > 0 ? targets : mk.defaultTarget !== undefined ? [mk.defaultTarget] : [];
  for (const t of goals) visit(t, 0);
  return out;
}

/** Every recipe line of every rule and every parse-time command, expanded (for reading the Makefile as a script). */
export function allRecipes(mk: Makefile): MakeLine[] {
  const out: MakeLine[] = mk.parseTimeCommands.map((c) => ({ text: expandMake(c.text, mk), line: c.line }));
  const seen = new Set<MakeRule>();
  for (const [target, rule] of mk.rules) {
    if (seen.has(rule)) continue;
    seen.add(rule);
    const auto = new Map([['@', target], ['<', rule.prereqs[0] ?? ''], ['^', rule.prereqs.join(' ')]]);
    for (const r of rule.recipe) {
      if (out.length >= MAX_RECIPE_LINES) return out;
      out.push({ text: expandMake(r.text.replace(/^[\s@+-]*/, ''), mk, auto), line: r.line });
    }
  }
  return out;
}
