// Escaping for every string that came from a model repository, the Hub or a pull request (file names, card text,
// author names, entry ids, evidence). GitHub renders comments as GFM, then runs its own filters over the HTML text
// (mentions, issue references, autolinks), so escaping has two layers: markdown/HTML syntax, and the text patterns
// those filters match. The filters never look inside code, so a word they would link (a mention, a ref, a URL) is
// shown as a code span: nothing invisible is inserted, and a copied command or URL is exactly what was written.
// Each context below returns text that renders as exactly the characters it was given (invisible ones shown as
// `\u{…}`), and can do nothing else.

const ELLIPSIS = '…';

// Control, format (bidi, zero-width, tags), line/paragraph separators and lone surrogates: shown, never rendered.
// The Unicode patterns are built on the first text that is not printable ASCII, which none of them can match but
// for its controls: building them loads ICU's property tables, a few percent of a local scan's whole run.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
let unicode: { invisible: RegExp; needsWorkMultiline: RegExp; jsonUnsafe: RegExp } | undefined;
const patterns = (): NonNullable<typeof unicode> => (unicode ??= {
  // Also the whole-string check of a one-line text: the character loop below changes exactly these (tabs and
  // newlines are controls, flattened to spaces).
  invisible: /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u,
  // The whole-string check of a multi-line text, where tabs and newlines stay.
  needsWorkMultiline: /[\0-\x08\x0B-\x1F\x7F-\x9F\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|\r/u,
  jsonUnsafe: /[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu
});

export interface SanitizeOptions {
  /** Maximum length of the result in UTF-16 units, including the trailing "…" when truncated. */
  max: number;
  /** Keep line breaks (normalised to \n) and tabs; otherwise both become spaces. */
  multiline?: boolean;
}

function visible(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/**
 * Makes untrusted text safe to display anywhere: invisible and control characters become `\u{…}` escapes, and
 * the result is cut at `max` with "…". Truncation never splits a character or an escape.
 */
export function sanitize(input: string, opts: SanitizeOptions): string {
  const max = Math.max(1, Math.floor(opts.max));
  // Fast path for the common case: nothing to show as an escape, so only the length can need work.
  if (PRINTABLE_ASCII.test(input) || !(opts.multiline ? patterns().needsWorkMultiline : patterns().invisible).test(input)) {
    if (input.length <= max) return input;
    let end = max - 1;
    const last = input.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    return input.slice(0, end) + ELLIPSIS;
  }
  let out = '';
  // Longest prefix (at a character boundary) that still leaves room for the ellipsis.
  let cut = 0;
  let prev = '';
  // Iterating a string yields code points; lone surrogates come out alone and are escaped below.
  for (const ch of input) {
    let piece: string;
    if (ch === '\n' && prev === '\r') piece = '';
    else if (ch === '\r' || ch === '\n') piece = opts.multiline ? '\n' : ' ';
    else if (ch === '\t') piece = opts.multiline ? '\t' : ' ';
    else if (patterns().invisible.test(ch)) piece = visible(ch.codePointAt(0) ?? 0);
    else piece = ch;
    prev = ch;
    out += piece;
    if (out.length <= max - 1) cut = out.length;
    else if (out.length > max) return out.slice(0, cut) + ELLIPSIS;
  }
  return out;
}

// A word GitHub would turn into a link or a notification: mentions, team mentions and emails (@), issue refs (#1,
// org/repo#1, GH-1), scheme URLs, javascript:/data:-style schemes, and www. hosts; anywhere in the word, which is
// more than GitHub links, so nothing it links is missed.
const LINKABLE = /[@#]|:\/\/|GH-\d|www\.|(?:javascript|data|vbscript|mailto|xmpp|file)\s*:/i;

/** True when GitHub's autolinker or mention/reference filters would act on some part of `text`. */
export function isLinkable(text: string): boolean {
  return LINKABLE.test(text);
}

// Characters with meaning in GFM inline syntax (and GitHub's $math$), escaped with a backslash; HTML as entities.
const MD_SYNTAX = /[&<>\\`*_{}[\]()!~|$#]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escapeSyntax(text: string): string {
  return text.replace(MD_SYNTAX, (ch) => ENTITY[ch] ?? `\\${ch}`);
}

/** Only meaningful at the start of a line: "1." lists, "-"/"+" bullets, "=" setext underlines. */
function escapeLineStart(md: string): string {
  return md.replace(/^(\d+)\./, '$1\\.').replace(/^[-+=]/, (ch) => `\\${ch}`);
}

interface Token {
  code: boolean;
  text: string;
}

/** Sanitized text as tokens: every space-separated word GitHub would link becomes code, the rest stays text. */
function wordTokens(text: string): Token[] {
  return text.split(/( +)/).filter((w) => w !== '').map((w) => ({ code: isLinkable(w), text: w }));
}

/**
 * Inline markdown for tokens. A `|` never goes inside a code span (a table cell would split there, and `\|` inside
 * a span shows its backslash outside tables), so code is cut around it and the `|` escaped as text; adjacent code
 * merges into one span, because two spans side by side would read as one longer fence.
 */
function renderTokens(tokens: readonly Token[]): string {
  const flat: Token[] = [];
  for (const t of tokens) {
    const parts = t.code ? t.text.split(/(\|)/).filter((p) => p !== '') : [t.text];
    for (const p of parts) {
      const code = t.code && p !== '|';
      const last = flat.at(-1);
      if (last && last.code === code) last.text += p;
      else flat.push({ code, text: p });
    }
  }
  return escapeLineStart(flat.map((t) => (t.code ? fencedSpan(t.text) : escapeSyntax(t.text))).join(''));
}

/** Default caps, in characters of untrusted input shown. */
export const CAPS = { name: 200, message: 300, help: 600, evidence: 1500, line: 400 } as const;

/**
 * Untrusted text in markdown inline context (paragraphs, list items, link text, headings, table cells): one line,
 * every syntax character escaped, HTML as entities, mentions/refs/URLs broken.
 */
export function escapeInline(text: string, max: number = CAPS.line): string {
  return renderTokens(wordTokens(sanitize(text, { max })));
}

/**
 * A message, help or reason in markdown inline context. Messages quote code, commands and names between single
 * backticks (`python x.py`); those parts render as code spans, the rest as escapeInline does. The backticks are
 * markup of our own messages; untrusted text inside a quote cannot end the span early (the fence adapts).
 */
export function escapeProse(text: string, max: number = CAPS.message): string {
  const clean = sanitize(text, { max });
  const tokens: Token[] = [];
  let at = 0;
  for (const m of clean.matchAll(/`([^`]+)`/g)) {
    for (const t of wordTokens(clean.slice(at, m.index))) tokens.push(t);
    tokens.push({ code: true, text: m[1] as string });
    at = m.index + m[0].length;
  }
  for (const t of wordTokens(clean.slice(at))) tokens.push(t); // a loop: spreading a megabyte of tokens overflows the stack
  return renderTokens(tokens);
}

/**
 * Untrusted text inside a raw HTML block (e.g. `<summary>` on the `<details>` line), where markdown is not parsed
 * and backslashes would show: entities only, plus the breaks for GitHub's text filters.
 */
export function escapeHtml(text: string, max: number = CAPS.line): string {
  return wordTokens(sanitize(text, { max }))
    .map((t) => (t.code ? `<code>${htmlEntities(t.text)}</code>` : htmlEntities(t.text)))
    .join('');
}

function htmlEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function longestBacktickRun(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}

/**
 * Untrusted text as an inline code span, outside tables: a backtick fence longer than any run inside. Code spans
 * render literally (no HTML, mentions or links). Empty text renders as an explicit "(empty)".
 */
export function codeSpan(text: string, max: number = CAPS.line): string {
  const body = sanitize(text, { max });
  if (body.length === 0) return '*(empty)*';
  return fencedSpan(body);
}

/** Already sanitized, non-empty text as a code span. */
function fencedSpan(body: string): string {
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  // A leading/trailing backtick would merge with the fence; a space on both sides would be stripped by one.
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Untrusted text in code style inside a table cell. Backtick spans cannot hold a literal `|` there (GFM splits
 * cells before parsing spans, and `\|` cannot be escaped reliably), so this is `<code>` around escaped inline text.
 */
export function codeCell(text: string, max: number = CAPS.line): string {
  const body = sanitize(text, { max });
  if (body.length === 0) return '*(empty)*';
  // Text inside a raw `<code>` tag is still parsed (autolinked) by GFM: linkable text becomes real code spans.
  if (isLinkable(body)) return renderTokens([{ code: true, text: body }]);
  return `<code>${escapeSyntax(body)}</code>`;
}

/**
 * Untrusted multi-line text as a fenced code block: backtick fence longer than any backtick run inside (at least
 * three), so no line of the content can close it. Content renders literally.
 */
export function codeBlock(text: string, max: number = CAPS.evidence, info = ''): string {
  let body = sanitize(text, { max, multiline: true });
  let end = body.length;
  while (end > 0 && body.charCodeAt(end - 1) === 10) end--;
  body = body.slice(0, end);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Untrusted text for plain-text outputs (terminal, annotations, SARIF): one line, invisible characters shown. */
export function plain(text: string, max: number = CAPS.line): string {
  return sanitize(text, { max });
}

// Characters a terminal or editor may act on rather than show and that JSON.stringify leaves raw inside strings:
// DEL and C1 controls, format characters (bidi, zero-width, tags), line/paragraph separators, lone surrogates.
// (It already escapes C0 controls in strings, so a raw newline in its output is layout, and stays.) Text below DEL
// has none of them.
const BELOW_DEL = /^[\0-\x7e]*$/;

/**
 * JSON text for machine outputs (JSON report, SARIF) that is also safe to print: every character a terminal could
 * act on is written as a `\uXXXX` escape, so the parsed values stay exactly what the repository said while the
 * bytes on screen cannot move the cursor, recolour, retitle or reorder anything.
 */
export function safeJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  if (BELOW_DEL.test(json)) return json;
  return json.replace(patterns().jsonUnsafe, (ch) =>
    Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')
  );
}
