// Which repository, at which revision, a Python snippet loads with `trust_remote_code=True`: the repository whose
// code then runs. Read from the text (a snippet in a model card is short and often not valid Python on its own):
// the call around each `trust_remote_code=True`, its first positional argument or model keyword, and `revision=`,
// each a string literal or a name bound to one by a plain `name = "…"` line. Linear in the snippet.

export interface RemoteCodeLoad {
  /** 1-based line of `trust_remote_code=True` in the snippet. */
  line: number;
  /** The callee as written (`AutoModel.from_pretrained`, `pipeline`). */
  callee: string;
  /** The repository id loaded, when it is a literal (or a name bound to one). */
  repo?: string;
  /** The revision asked for, when given as a literal (or a name bound to one). */
  revision?: string;
}

/** Keywords that name the repository whose code is loaded. */
const REPO_KEYWORDS = new Set(['pretrained_model_name_or_path', 'model', 'model_name_or_path', 'model_id', 'repo_id', 'custom_generate']);
const MAX_LOADS = 64;

export function remoteCodeLoads(code: string): RemoteCodeLoad[] {
  const consts = new Map<string, string>();
  for (const m of code.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')[ \t]*(?:#.*)?$/gm)) {
    consts.set(m[1] as string, (m[2] ?? m[3]) as string);
  }
  const value = (expr: string | undefined): string | undefined => {
    if (expr === undefined) return undefined;
    const e = expr.trim();
    const lit = /^[rRuU]?(?:"([^"\n]*)"|'([^'\n]*)')$/.exec(e);
    if (lit) return (lit[1] ?? lit[2]) as string;
    return /^[A-Za-z_]\w*$/.test(e) ? consts.get(e) : undefined;
  };
  const out: RemoteCodeLoad[] = [];
  for (const m of code.matchAll(/\btrust_remote_code[ \t]*=[ \t]*True\b/g)) {
    if (out.length >= MAX_LOADS) break;
    const open = openParenBefore(code, m.index);
    if (open < 0) continue;
    const callee = /[A-Za-z_][\w.]*$/.exec(code.slice(Math.max(0, open - 200), open))?.[0] ?? '';
    const args = splitTopLevel(code.slice(open + 1, closeParenAfter(code, open)));
    let repo: string | undefined;
    let revision: string | undefined;
    let positional = 0;
    for (const a of args) {
      const kw = /^\s*([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/.exec(a);
      if (!kw) {
        if (positional++ === 0 && !/^\s*\*/.test(a)) repo ??= value(a);
        continue;
      }
      if (REPO_KEYWORDS.has(kw[1] as string)) repo = value(kw[2]) ?? repo;
      if (kw[1] === 'revision') revision = value(kw[2]);
    }
    const line = countLines(code, m.index);
    out.push({ line, callee, ...(repo !== undefined ? { repo } : {}), ...(revision !== undefined ? { revision } : {}) });
  }
  return out;
}

/** The `(` that opens the call `at` is inside, or -1 (brackets balanced backwards). */
function openParenBefore(code: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0 && at - i < 4000; i--) {
    const c = code[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) return c === '(' ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** The index of the `)` closing `open` (or the text's end), skipping strings. */
function closeParenAfter(code: string, open: number): number {
  let depth = 0;
  let q: string | undefined;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return i;
  }
  return code.length;
}

/** Arguments split at top-level commas (strings and brackets respected). */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let q: string | undefined;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.filter((a) => a.trim() !== '');
}

function countLines(s: string, to: number): number {
  let n = 1;
  for (let i = 0; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
