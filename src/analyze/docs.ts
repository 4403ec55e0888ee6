// Documents a model card points users to, read as the reader would: Markdown (fences with any info string,
// fences inside lists and block quotes, indented code, `<pre>` blocks), reStructuredText (`code-block`, `code`,
// `sourcecode` and `prompt` directives, `::` literal blocks with the `highlight` language), and plain text
// (indented blocks). Each becomes code blocks with their language, prose lines, inline code spans, and the
// repository-relative links it makes. Every pattern here is linear: no nested quantifiers over document text.
import { splitLines } from './util.js';

export type DocFormat = 'markdown' | 'rst' | 'text';

export interface DocLine {
  text: string;
  /** 1-based line in the document's file (or the caller's mapping of it). */
  line: number;
}

export interface DocBlock {
  lang: string;
  lines: DocLine[];
}

export interface Doc {
  blocks: DocBlock[];
  prose: DocLine[];
  /** Inline code spans (`…`, ``…``, <code>…</code>) with their line. */
  spans: DocLine[];
  /** Link targets as written (relative ones name files of the repository). */
  links: string[];
}

/** Lower-case language of a fence info string: ```` ```{.bash} ````, ```` ```shell title="x" ````, `language-sh`. */
export function fenceLanguage(info: string): string {
  const first = info.trim().split(/\s/)[0] ?? '';
  const cleaned = first.replace(/^\{/, '').replace(/^\./, '').replace(/^language-/i, '').toLowerCase();
  return /^[a-z0-9_+#-]*/.exec(cleaned)?.[0] ?? '';
}

const MD_FENCE = /^([ \t]*(?:>[ \t]*)*)(`{3,}|~{3,})(.*)$/;
const HTML_CODE = /<(code|kbd|samp)(?:\s[^>]*)?>([^<]*)<\/\1>/gi;
const MD_LINK = /\]\(\s*<?([^)\s>]+)/g;
const HTML_LINK = /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;
const REF_LINK = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/;

/**
 * CommonMark code spans: a run of n backticks up to the next run of exactly n. Scanned by hand in one pass (the
 * runs, then each run's next run of the same length): a back-referencing regular expression backtracks.
 */
function backtickSpans(text: string): { spans: string[]; bare: string } {
  const runs: [number, number][] = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    let k = i;
    while (text[k] === '`') k++;
    runs.push([i, k - i]);
    i = k;
  }
  const next = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const len = (runs[r] as [number, number])[1];
    next[r] = seen.get(len) ?? -1;
    seen.set(len, r);
  }
  const spans: string[] = [];
  let bare = '';
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    const close = next[r] as number;
    if (close < 0) continue;
    const [start, len] = runs[r] as [number, number];
    const end = (runs[close] as [number, number])[0];
    spans.push(text.slice(start + len, end).trim());
    bare += `${text.slice(at, start)} `;
    at = end + len;
    r = close;
  }
  return { spans, bare: bare + text.slice(at) };
}

function spansOf(text: string, line: number, out: DocLine[]): string {
  let bare = text;
  if (text.includes('`')) {
    const r = backtickSpans(text);
    for (const sp of r.spans) out.push({ text: sp, line });
    bare = r.bare;
  }
  if (text.includes('<')) {
    for (const m of bare.matchAll(HTML_CODE)) out.push({ text: decodeEntities(m[2] as string).trim(), line });
    bare = bare.replace(HTML_CODE, ' ');
  }
  return bare;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', nbsp: ' ', vert: '|', verbar: '|', colon: ':', semi: ';', dollar: '$', lpar: '(', rpar: ')', sol: '/', bsol: '\\', grave: '`', tilde: '~', num: '#' };

/** HTML character references as a browser renders them (what a reader copies). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g, (m, dec?: string, hex?: string, name?: string) => {
    const cp = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (cp !== undefined) return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp === 0xa0 ? 0x20 : cp) : m;
    return NAMED_ENTITIES[(name as string).toLowerCase()] ?? m;
  });
}

/** Markdown, as CommonMark readers see it, plus `<pre>` blocks. */
export function parseMarkdown(text: string, firstLine = 1): Doc {
  const lines = splitLines(text);
  const doc: Doc = { blocks: [], prose: [], spans: [], links: [] };
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) i = end + 1;
  }
  let previousBlank = true;
  for (; i < lines.length; i++) {
    const l = lines[i] as string;
    const fence = MD_FENCE.exec(l);
    if (fence) {
      const prefix = fence[1] as string;
      const marker = fence[2] as string;
      const info = fence[3] as string;
      if (marker[0] === '`' && info.includes('`')) { /* inline code, not a fence */ } else {
        const quoted = prefix.includes('>');
        const indent = prefix.replace(/>/g, '').length;
        const block: DocLine[] = [];
        for (i++; i < lines.length; i++) {
          let c = lines[i] as string;
          if (quoted) c = c.replace(/^[ \t]*(?:>[ \t]?)+/, '');
          const close = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(c);
          if (close && (close[1] as string)[0] === marker[0] && (close[1] as string).length >= marker.length) break;
          // Strip at most the fence's own indentation (fences inside list items).
          let k = 0;
          while (k < indent && (c[k] === ' ' || c[k] === '\t')) k++;
          block.push({ text: c.slice(k), line: firstLine + i });
        }
        doc.blocks.push({ lang: fenceLanguage(info), lines: block });
        previousBlank = false;
        continue;
      }
    }
    // <pre> blocks (model cards written in HTML).
    const pre = /<pre(\s[^>]*)?>/i.exec(l);
    if (pre && !/<\/pre>/i.test(l.slice(pre.index))) {
      const cls = /class\s*=\s*["'][^"']*(?:language|lang)-([\w+-]+)/i.exec(l);
      const block: DocLine[] = [];
      const rest = l.slice(pre.index + pre[0].length).replace(/<code[^>]*>/i, '');
      if (rest.trim() !== '') block.push({ text: decodeEntities(rest.replace(/<[^>]*>/g, '')), line: firstLine + i });
      for (i++; i < lines.length; i++) {
        const c = lines[i] as string;
        const end = c.search(/<\/pre>/i);
        const body = end >= 0 ? c.slice(0, end) : c;
        block.push({ text: decodeEntities(body.replace(/<[^>]*>/g, '')), line: firstLine + i });
        if (end >= 0) break;
      }
      doc.blocks.push({ lang: cls ? (cls[1] as string).toLowerCase() : '', lines: block });
      continue;
    }
    // Indented code (four spaces or a tab after a blank line).
    if (previousBlank && /^( {4}|\t)\s*\S/.test(l)) {
      const block: DocLine[] = [];
      for (; i < lines.length && (/^( {4}|\t)/.test(lines[i] as string) || ((lines[i] as string).trim() === '' && /^( {4}|\t)\S/.test(lines[i + 1] ?? ''))); i++) {
        block.push({ text: (lines[i] as string).replace(/^( {4}|\t)/, ''), line: firstLine + i });
      }
      i--;
      doc.blocks.push({ lang: '', lines: block });
      // The same lines are also prose for readers that do not treat them as code (list continuations).
      for (const b of block) doc.prose.push(b);
      previousBlank = false;
      continue;
    }
    previousBlank = l.trim() === '';
    for (const m of l.matchAll(MD_LINK)) doc.links.push(m[1] as string);
    if (l.includes('=')) for (const m of l.matchAll(HTML_LINK)) doc.links.push(m[1] as string);
    const ref = REF_LINK.exec(l);
    if (ref) doc.links.push(ref[1] as string);
    const bare = spansOf(l, firstLine + i, doc.spans);
    doc.prose.push({ text: decodeEntities(bare), line: firstLine + i });
  }
  return doc;
}

const RST_DIRECTIVE = /^(\s*)\.\.\s+(code-block|code|sourcecode|prompt)::\s*(\S*)/i;
const RST_SPAN = /``([^`]+)``/g;
const RST_LINK = /`[^`<]*<([^>`]+)>`_{1,2}/g;
const RST_INCLUDE = /^\s*\.\.\s+(?:include|literalinclude)::\s*(\S+)/i;
const RST_DOC_ROLE = /:doc:`(?:[^`<]*<)?([^`>]+)>?`/g;

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

/** reStructuredText (Sphinx): code directives, literal blocks, inline literals, links and includes. */
export function parseRst(text: string, firstLine = 1): Doc {
  const lines = splitLines(text);
  const doc: Doc = { blocks: [], prose: [], spans: [], links: [] };
  let highlight = '';
  // Collects the indented body after line `at` (options and blank lines skipped at its start).
  const body = (at: number, base: number, skipOptions: boolean): [DocLine[], number] => {
    const out: DocLine[] = [];
    let j = at + 1;
    if (skipOptions) while (j < lines.length && /^\s+:[\w-]+:/.test(lines[j] as string) && indentOf(lines[j] as string) > base) j++;
    let minIndent = Infinity;
    for (; j < lines.length; j++) {
      const c = lines[j] as string;
      if (c.trim() === '') { out.push({ text: '', line: firstLine + j }); continue; }
      if (indentOf(c) <= base) break;
      minIndent = Math.min(minIndent, indentOf(c));
      out.push({ text: c, line: firstLine + j });
    }
    while (out.length > 0 && (out[out.length - 1] as DocLine).text === '') out.pop();
    const lead = out.findIndex((d) => d.text !== '');
    const cut = minIndent === Infinity ? 0 : minIndent;
    return [out.slice(Math.max(0, lead)).map((d) => ({ text: d.text.slice(Math.min(cut, indentOf(d.text))), line: d.line })), j - 1];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const hl = /^\s*\.\.\s+highlight::\s*(\S+)/i.exec(l);
    if (hl) { highlight = (hl[1] as string).toLowerCase(); continue; }
    const dir = RST_DIRECTIVE.exec(l);
    if (dir) {
      const [block, end] = body(i, (dir[1] as string).length, true);
      const lang = (dir[3] as string).toLowerCase() || highlight;
      doc.blocks.push({ lang: dir[2]?.toLowerCase() === 'prompt' && /^(bash|sh|shell|console)$/.test(lang) ? 'console-prompted' : lang, lines: block });
      i = end;
      continue;
    }
    const inc = RST_INCLUDE.exec(l);
    if (inc) doc.links.push(inc[1] as string);
    if (/::\s*$/.test(l) && !/^\s*\.\.\s/.test(l)) {
      const bareText = l.replace(/::\s*$/, ':');
      doc.prose.push({ text: spansRst(bareText, firstLine + i, doc), line: firstLine + i });
      const [block, end] = body(i, indentOf(l), false);
      if (block.length > 0) {
        doc.blocks.push({ lang: highlight, lines: block });
        i = end;
      }
      continue;
    }
    doc.prose.push({ text: spansRst(l, firstLine + i, doc), line: firstLine + i });
  }
  return doc;
}

function spansRst(text: string, line: number, doc: Doc): string {
  if (!text.includes('`') && !text.includes(':')) return text;
  for (const m of text.matchAll(RST_SPAN)) doc.spans.push({ text: (m[1] as string).trim(), line });
  for (const m of text.matchAll(RST_LINK)) doc.links.push(m[1] as string);
  for (const m of text.matchAll(RST_DOC_ROLE)) doc.links.push(`${m[1] as string}.rst`);
  return text.replace(RST_SPAN, ' ');
}

/** Plain text: every line is prose; indented blocks after a blank line are also read as commands. */
export function parseText(text: string, firstLine = 1): Doc {
  const lines = splitLines(text);
  const doc: Doc = { blocks: [], prose: [], spans: [], links: [] };
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (previousBlank && /^(\s{2,}|\t)\S/.test(l)) {
      const block: DocLine[] = [];
      for (; i < lines.length && /^(\s{2,}|\t)\S/.test(lines[i] as string); i++) block.push({ text: (lines[i] as string).trim(), line: firstLine + i });
      i--;
      doc.blocks.push({ lang: '', lines: block });
      previousBlank = false;
      continue;
    }
    previousBlank = l.trim() === '';
    doc.prose.push({ text: spansOf(l, firstLine + i, doc.spans), line: firstLine + i });
  }
  return doc;
}

export function parseDoc(format: DocFormat, text: string, firstLine = 1): Doc {
  return format === 'markdown' ? parseMarkdown(text, firstLine) : format === 'rst' ? parseRst(text, firstLine) : parseText(text, firstLine);
}
