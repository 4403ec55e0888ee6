// Jupyter notebooks: code cells are analysed as one Python program (cells share state), `!cmd`, `%pip`, `%system`
// lines and `%%bash`-style cells as shell. A shell line that interpolates Python values (`!{cmd}`, `!ls $path`)
// is also read as the get_ipython().system(f"…") call IPython makes of it, so the value is followed; files a
// `%%writefile` cell creates are analysed as the scripts they are. Findings point at the notebook's JSON line
// holding the source line.
import type { Finding } from '../core/findings.js';
import { isObject, type Json, parseJson } from './json.js';
import { analyzePython, type PyContext } from './python/analyze.js';
import { analyzeRequirements, isRequirementsFile } from './requirements.js';
import { analyzeShell, newShellState } from './shell/analyze.js';
import { basename, evidenceOf, extension, type Hit } from './util.js';

interface SourceLine {
  text: string;
  cell: number;
  fileLine: number;
}

const SHELL_CELL = /^%%(bash|sh|script\s+(ba)?sh|shell|system)\b/;
const OTHER_CELL = /^%%(javascript|js|html|latex|markdown|svg|perl|ruby|writefile|file|capture\s+\S+\s*$)/;
/** `%%writefile [-a] path` (and its old name `%%file`): the cell's text becomes a file. */
const WRITEFILE = /^%%(?:writefile|file)(\s+-a)?\s+(\S+)\s*$/;
/** Python names a notebook assigns (`SETUP = "…"`), which `$name` in a shell line expands to. */
const ASSIGNED = /^\s*([A-Za-z_]\w*)\s*(?::[^=]*)?=[^=]/;
/** Names remembered; past this, every `$name` is read as a Python value (the wider reading). */
const MAX_ASSIGNED = 4096;

/**
 * The Python call IPython turns a shell line into when it interpolates values: `!{cmd} x` runs
 * get_ipython().system(f"{cmd} x"). `$name` expands only names the notebook assigns (otherwise it is the shell's
 * variable, as IPython leaves it when the name is not defined). Undefined when the line interpolates nothing or
 * cannot be written as an f-string.
 */
export function shellLineAsPython(cmd: string, assigned: ReadonlySet<string>, method: 'system' | 'getoutput'): string | undefined {
  let out = '';
  let exprs = '';
  let interpolated = false;
  // The next `}` after a position, found once per run of text (each scan starts past the previous one: linear).
  let close = -1;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i] as string;
    if (c === '{' && cmd[i + 1] === '{') { out += '{{'; i++; continue; }
    if (c === '}' && cmd[i + 1] === '}') { out += '}}'; i++; continue; }
    if (c === '{') {
      if (close !== Number.MAX_SAFE_INTEGER && close <= i) close = cmd.indexOf('}', i + 1);
      if (close < 0) close = Number.MAX_SAFE_INTEGER;
      const end = close === Number.MAX_SAFE_INTEGER ? -1 : close;
      const expr = end < 0 ? '' : cmd.slice(i + 1, end);
      if (end < 0 || expr.trim() === '' || expr.includes('{')) { out += '{{'; continue; }
      out += `{${expr}}`;
      exprs += expr;
      interpolated = true;
      i = end;
      continue;
    }
    if (c === '}') { out += '}}'; continue; }
    if (c === '$') {
      if (cmd[i + 1] === '$') { out += '$'; i++; continue; }
      const name = /^[A-Za-z_]\w*/.exec(cmd.slice(i + 1, i + 81))?.[0];
      if (name && (assigned.has(name) || assigned.size >= MAX_ASSIGNED)) {
        out += `{${name}}`;
        interpolated = true;
        i += name.length;
        continue;
      }
      out += '$';
      continue;
    }
    out += c === '\\' ? '\\\\' : c;
  }
  if (!interpolated) return undefined;
  const quote = !exprs.includes('"') ? '"' : !exprs.includes("'") ? "'" : undefined;
  if (!quote) return undefined;
  return `get_ipython().${method}(f${quote}${out.split(quote).join(`\\${quote}`)}${quote})`;
}

function cellSources(doc: Json, type: 'code' | 'markdown' = 'code'): string[][] | undefined {
  if (!isObject(doc)) return undefined;
  const cells: Json[] = Array.isArray(doc.cells) ? doc.cells :
    Array.isArray(doc.worksheets) ? doc.worksheets.flatMap((w) => (isObject(w) && Array.isArray(w.cells) ? w.cells : [])) : [];
  const out: string[][] = [];
  for (const c of cells) {
    if (!isObject(c) || c.cell_type !== type) {
      out.push([]);
      continue;
    }
    const src = c.source ?? c.input;
    const text = typeof src === 'string' ? src : Array.isArray(src) ? src.filter((x): x is string => typeof x === 'string').join('') : '';
    out.push(text.split(/\r\n|\r|\n/));
  }
  return out;
}

/** Finds, in order, the JSON line that holds each source line (nbformat writes one array element per line). */
function locate(raw: string, cells: string[][]): SourceLine[] {
  const starts = [0];
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) starts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const out: SourceLine[] = [];
  let cursor = 0;
  cells.forEach((lines, cell) => {
    for (const text of lines) {
      const needle = JSON.stringify(text).slice(1, -1);
      const at = needle.length > 0 ? raw.indexOf(needle, cursor) : -1;
      if (at >= 0) cursor = at + needle.length;
      out.push({ text, cell: cell + 1, fileLine: lineAt(at >= 0 ? at : cursor) });
    }
  });
  return out;
}

/**
 * The markdown cells of a notebook (the instructions around its code), each line with the notebook's JSON line
 * that holds it; undefined when the notebook is not valid JSON (analyzeNotebook reports that).
 */
export function notebookMarkdown(raw: string): { text: string; line: number }[][] | undefined {
  let doc: Json;
  try {
    doc = parseJson(raw.replace(/^\ufeff/, '')).value;
  } catch {
    return undefined;
  }
  const cells = cellSources(doc, 'markdown');
  if (!cells) return undefined;
  const located = locate(raw, cells);
  const out: { text: string; line: number }[][] = [];
  let k = 0;
  for (const cell of cells) {
    const lines: { text: string; line: number }[] = [];
    for (const text of cell) lines.push({ text, line: (located[k++] as SourceLine).fileLine });
    if (lines.length > 0) out.push(lines);
  }
  return out;
}

export function analyzeNotebook(path: string, raw: string, context: PyContext = 'notebook'): Finding[] {
  let doc: Json;
  try {
    doc = parseJson(raw.replace(/^\ufeff/, '')).value;
  } catch (err) {
    return [{
      check: 'notebook.invalid', severity: 'high', file: path, message: `The notebook is not valid JSON (${err instanceof Error ? err.message : String(err)}); its cells were not examined`,
      help: 'Jupyter would not open it either; remove it or fix it and review its code.'
    }];
  }
  const cells = cellSources(doc);
  if (!cells) return [];
  const lines = locate(raw, cells);
  const assigned = new Set<string>();
  for (const cellLines of cells) {
    for (const text of cellLines) {
      const m = ASSIGNED.exec(text);
      if (m && assigned.size < MAX_ASSIGNED) assigned.add(m[1] as string);
    }
  }
  // Build one Python program and one shell script with the same line numbering.
  const py: string[] = [];
  const sh: string[] = [];
  const written: { path: string; text: string; base: number }[] = [];
  for (const cellLines of cells) {
    const first = (cellLines[0] ?? '').trim();
    const wholeShell = SHELL_CELL.test(first);
    const skip = OTHER_CELL.test(first);
    const wf = WRITEFILE.exec(first);
    if (wf) written.push({ path: wf[2] as string, text: cellLines.slice(1).join('\n'), base: py.length + 1 });
    cellLines.forEach((text, j) => {
      const indent = /^\s*/.exec(text)?.[0] ?? '';
      const body = text.trim();
      if (skip || (j === 0 && body.startsWith('%%'))) {
        py.push('');
        sh.push('');
      } else if (wholeShell) {
        py.push('');
        sh.push(text);
      } else if (/^(\w+\s*=\s*)?!/.test(body)) {
        const assign = /^(\w+)\s*=\s*!/.exec(body)?.[1];
        const cmd = body.replace(/^(\w+\s*=\s*)?!/, '');
        const call = shellLineAsPython(cmd, assigned, assign ? 'getoutput' : 'system');
        py.push(call ? `${indent}${assign ? `${assign} = ` : ''}${call}` : `${indent}pass`);
        sh.push(cmd);
      } else if (/^%(pip|conda)\s/.test(body)) {
        py.push(`${indent}pass`);
        sh.push(body.slice(1));
      } else if (/^%(system|sx)\s/.test(body)) {
        py.push(`${indent}pass`);
        sh.push(body.replace(/^%(system|sx)\s+/, ''));
      } else if (body.startsWith('%') || /^[\w.]+\?{1,2}$/.test(body)) {
        py.push(`${indent}pass`);
        sh.push('');
      } else {
        py.push(text);
        sh.push('');
      }
    });
  }
  const shellState = newShellState();
  const hits: Hit[] = [];
  const shRes = analyzeShell(sh.join('\n'), { state: shellState });
  for (const h of shRes.hits) hits.push({ check: `notebook.${h.sub ?? h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...(h.related ? { related: h.related } : {}) });
  // `!python -c "…"` and here-documents fed to python: the same Python analysis, on the cell's line.
  for (const e of shRes.embedded) {
    for (const h of analyzePython(e.code, { context, shellState, tolerateParseErrors: true }).hits) hits.push({ ...h, line: e.line, related: [] });
  }
  hits.push(...analyzePython(py.join('\n'), { context, shellState }).hits);
  for (const w of written) hits.push(...writtenFileHits(w.path, w.text).map((h) => ({ ...h, line: h.line + w.base, ...(h.related ? { related: h.related.map((l) => l + w.base) } : {}) })));
  const texts = lines.map((l) => l.text);
  return hits.map((h) => {
    const at = lines[h.line - 1];
    return {
      check: h.check, severity: h.severity, file: path,
      message: `${h.message}${at ? ` (cell ${at.cell})` : ''}`,
      ...(at ? { line: at.fileLine } : {}),
      evidence: evidenceOf(texts, h.line, h.related),
      help: h.help
    };
  });
}

/**
 * A file a `%%writefile` cell creates is code of the notebook's repository as much as a file shipped in it: a
 * script (by extension or shebang), Python, or a requirements file, analysed as such. Lines are the cell's.
 */
function writtenFileHits(path: string, text: string): Hit[] {
  const ext = extension(path);
  const shebang = /^#!.*\b(ba|da|z|k)?sh\b/.test(text.slice(0, 120));
  const note = (h: Hit): Hit => ({ ...h, message: `${path} (written by %%writefile): ${h.message}` });
  if (['sh', 'bash', 'zsh', 'ksh', 'command'].includes(ext) || (ext === '' && shebang)) {
    return analyzeShell(text, {}).hits.map((h) => note({ check: `notebook.${h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...(h.related ? { related: h.related } : {}) }));
  }
  if (ext === 'py' || ext === 'pyw' || (ext === '' && /^#!.*python/.test(text.slice(0, 120)))) {
    return analyzePython(text, { context: basename(path) === 'setup.py' ? 'setup' : 'script' }).hits.map(note);
  }
  if (isRequirementsFile(path)) return analyzeRequirements(path, text).map(note);
  return [];
}
