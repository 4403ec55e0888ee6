// Jupyter notebooks: code cells are analysed as one Python program (cells share state), `!cmd`, `%pip`, `%system`
// lines and `%%bash`-style cells as shell. Findings point at the notebook's JSON line holding the source line.
import type { Finding } from '../core/findings.js';
import { isObject, type Json, parseJson } from './json.js';
import { analyzePython, type PyContext } from './python/analyze.js';
import { analyzeShell, newShellState } from './shell/analyze.js';
import { evidenceOf, type Hit } from './util.js';

interface SourceLine {
  text: string;
  cell: number;
  fileLine: number;
}

const SHELL_CELL = /^%%(bash|sh|script\s+(ba)?sh|shell|system)\b/;
const OTHER_CELL = /^%%(javascript|js|html|latex|markdown|svg|perl|ruby|writefile|file|capture\s+\S+\s*$)/;

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
  // Build one Python program and one shell script with the same line numbering.
  const py: string[] = [];
  const sh: string[] = [];
  for (const cellLines of cells) {
    const first = (cellLines[0] ?? '').trim();
    const wholeShell = SHELL_CELL.test(first);
    const skip = OTHER_CELL.test(first);
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
        py.push(`${indent}pass`);
        sh.push(body.replace(/^(\w+\s*=\s*)?!/, ''));
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
