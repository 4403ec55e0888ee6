// A small shell tokenizer: logical lines → statements (split on `;`, `&&`, `||`, `&`) → pipelines (split on `|`)
// → commands with words and redirects. It understands quoting, escapes, `$(…)`/backtick/`<(…)` substitutions,
// here-documents and line continuations for POSIX shells, fish's `(…)` substitutions, and the same shapes for
// PowerShell (`(…)` subexpressions, backtick escape) and batch (`^` escape). It never expands or runs anything;
// substitutions and here-document bodies are kept as text for the analyzer.

export type Dialect = 'posix' | 'fish' | 'powershell' | 'batch';

/** POSIX shells and fish share quoting, escapes and most operators. */
function posixLike(d: Dialect): boolean {
  return d === 'posix' || d === 'fish';
}

export interface Word {
  /** The word with quotes removed (substitutions kept as written). */
  text: string;
  /** Bodies of `$(…)`, backticks, `<(…)` and PowerShell `(…)` inside the word. */
  subs: string[];
}

export interface Redirect {
  op: string;
  target: Word;
  /** For `<<WORD` / `<<-WORD`: the lines up to the delimiter, and the line the body starts on. */
  heredoc?: { body: string; line: number };
}

export interface Command {
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  commands: Command[];
}

export interface ShellLine {
  /** 1-based line of the logical line's start (after `firstLine` offset). */
  line: number;
  /** Every physical line the logical line spans. */
  lines: number[];
  pipelines: Pipeline[];
}

const MAX_JOIN = 64;

/** Splits `src` into logical lines and tokenizes each. */
export function tokenizeShell(src: string, dialect: Dialect = 'posix', firstLine = 1): ShellLine[] {
  const physical = src.split(/\r\n|\r|\n/);
  const out: ShellLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    let text = physical[i] as string;
    const lines = [firstLine + i];
    // Join continuations and quotes left open, a bounded number of lines.
    while (i + 1 < physical.length && lines.length < MAX_JOIN) {
      const cont = continuation(text, dialect);
      if (cont === 'none') break;
      i++;
      text = cont === 'escape' ? `${text.replace(/[\\`^]\s*$/, '')} ${physical[i] as string}` : `${text}\n${physical[i] as string}`;
      lines.push(firstLine + i);
    }
    const pipelines = tokenizeLine(text, dialect);
    // Here-documents: the following lines, up to each delimiter in turn, are the commands' input, not commands.
    if (posixLike(dialect)) {
      for (const p of pipelines) for (const c of p.commands) for (const r of c.redirects) {
        if (r.op !== '<<' || r.target.text === '') continue;
        const dash = r.target.text.startsWith('-');
        const delim = dash ? r.target.text.slice(1) : r.target.text;
        const body: string[] = [];
        const start = i + 1;
        for (i++; i < physical.length && (physical[i] as string).trim() !== delim; i++) body.push(physical[i] as string);
        r.heredoc = { body: body.join('\n'), line: firstLine + start };
        for (let k = start; k <= Math.min(i, physical.length - 1); k++) lines.push(firstLine + k);
      }
    }
    if (pipelines.length > 0) out.push({ line: lines[0] as number, lines, pipelines });
  }
  return out;
}

function continuation(text: string, dialect: Dialect): 'escape' | 'quote' | 'none' {
  const esc = posixLike(dialect) ? '\\' : dialect === 'powershell' ? '`' : '^';
  if (text.endsWith(esc) && !text.endsWith(esc + esc)) return 'escape';
  if (posixLike(dialect) && /(\||&&)\s*$/.test(text) && !openQuote(text, dialect)) return 'quote';
  return openQuote(text, dialect) ? 'quote' : 'none';
}

function openQuote(text: string, dialect: Dialect): boolean {
  let q: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q === undefined && c === '#' && dialect !== 'batch' && (i === 0 || /\s/.test(text[i - 1] as string))) return false;
    if (c === '\\' && posixLike(dialect) && q !== "'") { i++; continue; }
    if (c === '`' && dialect === 'powershell') { i++; continue; }
    if (q === undefined && (c === '"' || (c === "'" && dialect !== 'batch'))) q = c;
    else if (c === q) q = undefined;
  }
  return q !== undefined;
}

/** Reads a balanced `(…)` body starting after the opening paren; returns [body, index after the close]. */
function balanced(s: string, at: number, open = '(', close = ')'): [string, number] {
  let depth = 1;
  let q: string | undefined;
  for (let i = at; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return [s.slice(at, i), i + 1];
  }
  return [s.slice(at), s.length];
}

function tokenizeLine(s: string, dialect: Dialect): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let commands: Command[] = [];
  let cmd: Command = { words: [], redirects: [] };
  let word: Word | undefined;
  let pendingRedirect: string | undefined;
  /** Open `( … )` groups: their close ends a command even right after a word (`(a; echo "x") | b`). */
  let groups = 0;

  const endWord = (): void => {
    if (!word) return;
    if (pendingRedirect !== undefined) {
      cmd.redirects.push({ op: pendingRedirect, target: word });
      pendingRedirect = undefined;
    } else cmd.words.push(word);
    word = undefined;
  };
  const cur = (): Word => (word ??= { text: '', subs: [] });
  const endCommand = (): void => {
    endWord();
    if (cmd.words.length > 0 || cmd.redirects.length > 0) commands.push(cmd);
    cmd = { words: [], redirects: [] };
  };
  const endPipeline = (): void => {
    endCommand();
    if (commands.length > 0) pipelines.push({ commands });
    commands = [];
  };

  if (dialect === 'batch' && /^\s*(@?rem\b|::)/i.test(s)) return [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const next = s[i + 1];
    if (/\s/.test(c)) { endWord(); continue; }
    if (c === '#' && !word && dialect !== 'batch') {
      // A comment runs to the end of its physical line (continued lines are joined with newlines).
      const nl = s.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    // Escapes.
    if ((c === '\\' && posixLike(dialect)) || (c === '`' && dialect === 'powershell') || (c === '^' && dialect === 'batch')) {
      if (next !== undefined) cur().text += next;
      i++;
      continue;
    }
    // Quotes.
    if (c === "'" && dialect !== 'batch') {
      const end = s.indexOf("'", i + 1);
      const body = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
      cur().text += body;
      i = end < 0 ? s.length : end;
      continue;
    }
    if (c === '"') {
      const w = cur();
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        const d = s[j] as string;
        if ((d === '\\' && posixLike(dialect)) || (d === '`' && dialect === 'powershell')) {
          const e = s[j + 1];
          if (e !== undefined) w.text += posixLike(dialect) && !'"\\$`\n'.includes(e) ? d + e : e;
          j++;
          continue;
        }
        if (d === '$' && s[j + 1] === '(') {
          const [body, after] = balanced(s, j + 2);
          w.subs.push(body);
          w.text += `$(${body})`;
          j = after - 1;
          continue;
        }
        if (d === '`' && dialect === 'posix') {
          const end = s.indexOf('`', j + 1);
          const body = end < 0 ? s.slice(j + 1) : s.slice(j + 1, end);
          w.subs.push(body);
          w.text += `\`${body}\``;
          j = end < 0 ? s.length : end;
          continue;
        }
        w.text += d;
      }
      i = j;
      continue;
    }
    // Substitutions.
    if (c === '$' && next === '(') {
      const [body, after] = balanced(s, i + 2);
      const w = cur();
      w.subs.push(body);
      w.text += `$(${body})`;
      i = after - 1;
      continue;
    }
    if (c === '`' && dialect === 'posix') {
      const end = s.indexOf('`', i + 1);
      const body = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
      const w = cur();
      w.subs.push(body);
      w.text += `\`${body}\``;
      i = end < 0 ? s.length : end;
      continue;
    }
    if ((c === '<' || c === '>') && next === '(' && !word && dialect === 'posix') {
      const [body, after] = balanced(s, i + 2);
      endWord();
      cmd.words.push({ text: `${c}(${body})`, subs: [body] });
      i = after - 1;
      continue;
    }
    if (c === '(' && (dialect === 'powershell' || dialect === 'fish')) {
      const [body, after] = balanced(s, i + 1);
      const w = cur();
      w.subs.push(body);
      w.text += `(${body})`;
      i = after - 1;
      continue;
    }
    if (c === '$' && next === '{' && posixLike(dialect)) {
      const [body, after] = balanced(s, i + 2, '{', '}');
      cur().text += `\${${body}}`;
      i = after - 1;
      continue;
    }
    // Operators.
    if (c === '|') {
      if (next === '|') { endPipeline(); i++; continue; }
      endCommand();
      if (next === '&') i++;
      continue;
    }
    if (c === '&') {
      if (next === '&') { endPipeline(); i++; continue; }
      if (next === '>' && posixLike(dialect)) { endWord(); pendingRedirect = '&>'; i++; if (s[i + 1] === '>') i++; continue; }
      if (dialect === 'powershell' && !word) { cur().text += '&'; endWord(); continue; } // call operator
      endPipeline();
      continue;
    }
    if (c === ';') { endPipeline(); continue; }
    if (c === '>' || c === '<') {
      let op = c;
      // A leading file descriptor number belongs to the redirect (2>&1, 2>/dev/null).
      if (word && /^\d$/.test(word.text) && word.subs.length === 0) { op = word.text + op; word = undefined; }
      else endWord();
      while (s[i + 1] === '>' || s[i + 1] === '<') {
        op += s[i + 1];
        i++;
      }
      if (s[i + 1] === '&') {
        op += '&';
        i++;
        // `2>&1`, `>&-`: a descriptor duplication, no file target.
        if (/[\d-]/.test(s[i + 1] ?? '')) {
          op += s[i + 1];
          i++;
          cmd.redirects.push({ op, target: { text: '', subs: [] } });
          continue;
        }
      }
      pendingRedirect = op;
      continue;
    }
    if (c === ')' && word && groups > 0 && posixLike(dialect)) {
      groups--;
      endCommand();
      continue;
    }
    if ((c === '(' || c === ')' || c === '{' || c === '}') && !word && posixLike(dialect)) {
      if (c === '(') groups++;
      if (c === ')' && groups > 0) groups--;
      if (c === ')' || c === '}') endCommand();
      continue;
    }
    cur().text += c;
  }
  endPipeline();
  return pipelines;
}
