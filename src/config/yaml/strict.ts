// A deliberately small YAML reader for configuration files a pull request can edit (approved-models.yaml,
// .github/model-gate.yml). It keeps every scalar a string (YAML 1.2 failsafe schema) and every node's line, and
// refuses the YAML features that only serve attacks or confusion in such files: anchors and aliases (billion
// laughs), merge keys, tags (`!!python/object`), duplicate keys, non-scalar keys, several documents, tabs in
// indentation. It never throws: every problem comes back with a 1-based line and column.
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { LocatedError } from '../../core/errors.js';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units). */
  column: number;
}

interface Extent extends Position {
  /** 1-based line where the node's last content is. */
  endLine: number;
}

export interface YamlScalar extends Extent {
  kind: 'scalar';
  value: string;
  /** True for an unquoted scalar (`foo`), false for quoted or block scalars. */
  plain: boolean;
}
export interface YamlSequence extends Extent {
  kind: 'sequence';
  items: YamlNode[];
}
export interface YamlMapping extends Extent {
  kind: 'mapping';
  pairs: { key: YamlScalar; value: YamlNode }[];
}
export type YamlNode = YamlScalar | YamlSequence | YamlMapping;

/** A YAML-level problem: the one located error type, always with a line and column. */
export type YamlProblem = LocatedError & Position;

export interface StrictYamlOptions {
  /** Refuse inputs larger than this many UTF-8 bytes before parsing. */
  maxBytes: number;
  /** Maximum nesting of collections. */
  maxDepth?: number;
  /** What the file is called in messages and errors ("approved-models.yaml"). */
  what: string;
}

export interface StrictYamlResult {
  /** The single document's root, or null for an empty document (or when parsing failed). */
  root: YamlNode | null;
  problems: YamlProblem[];
}

/** Maps source offsets to 1-based line/column. Line breaks: LF, CRLF, or a lone CR (as YAML defines them). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) this.starts.push(i + 1);
      else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) this.starts.push(i + 1);
    }
  }
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** Lines whose indentation contains a tab (YAML forbids it; editors disagree about what it means). */
export function tabIndentedLines(text: string): Position[] {
  const out: Position[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^[ \t?:-]*/.exec(lines[i] ?? '');
    const lead = m ? m[0] : '';
    const tab = lead.indexOf('\t');
    if (tab >= 0) out.push({ line: i + 1, column: tab + 1 });
  }
  return out;
}

/** Parses one YAML document strictly. Never throws. */
export function parseStrictYaml(text: string, options: StrictYamlOptions): StrictYamlResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > options.maxBytes) {
    return {
      root: null,
      problems: [
        {
          file: options.what,
          line: 1,
          column: 1,
          message: `${options.what} is ${bytes} bytes, over the ${options.maxBytes}-byte limit; it was not parsed`,
          help: 'Keep the file small: one entry per model, no embedded data.'
        }
      ]
    };
  }
  const tabs = tabIndentedLines(text);
  if (tabs.length > 0) {
    return {
      root: null,
      problems: tabs.slice(0, 20).map((p) => ({
        file: options.what,
        ...p,
        message: 'tab character in indentation',
        help: 'YAML indentation must use spaces; replace the tab with spaces.'
      }))
    };
  }

  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: options.maxDepth ?? 16 });
  } catch (err) {
    return { root: null, problems: [problemFromException(err, options.what)] };
  }
  return new Builder(text, events, options.what).build();
}

function problemFromException(err: unknown, what: string): YamlProblem {
  const e = err as { reason?: unknown; mark?: { line?: unknown; column?: unknown }; message?: unknown };
  const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(err);
  const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : 1;
  const column = typeof e.mark?.column === 'number' ? e.mark.column + 1 : 1;
  return {
    file: what,
    line,
    column,
    message: `${what} is not valid YAML: ${reason}`,
    help: 'Fix the syntax at this position (check quotes, brackets and indentation).'
  };
}

/** Turns the flat event stream into positioned nodes, checking the strict rules as it goes. */
class Builder {
  private i = 0;
  private readonly lines: LineIndex;
  private readonly problems: YamlProblem[] = [];
  private readonly problem = (p: Omit<YamlProblem, 'file'>): void => {
    this.problems.push({ file: this.file, ...p });
  };
  /** Offset of the last positioned event, used to place empty scalars (which have no offset). */
  private lastOffset = 0;

  constructor(
    private readonly text: string,
    private readonly events: Event[],
    private readonly file: string
  ) {
    this.lines = new LineIndex(text);
  }

  build(): StrictYamlResult {
    let root: YamlNode | null = null;
    let documents = 0;
    while (this.i < this.events.length) {
      const ev = this.events[this.i++];
      if (ev?.type !== EVENT_ID.DOCUMENT) break; // cannot happen with a well-formed stream
      documents++;
      const next = this.events[this.i];
      let node: YamlNode | null = null;
      if (next && next.type !== EVENT_ID.POP) node = this.node();
      this.expectPop();
      if (documents === 1) root = node;
      else if (documents === 2) {
        const at = node ?? { line: this.lines.at(this.lastOffset).line, column: 1 };
        this.problem({
          line: at.line,
          column: 1,
          message: 'a second YAML document (after `---`) is not allowed',
          help: 'Keep everything in one document: remove the `---` separator and merge the contents.'
        });
      }
    }
    return { root, problems: this.problems };
  }

  private expectPop(): void {
    const ev = this.events[this.i];
    if (ev?.type === EVENT_ID.POP) this.i++;
  }

  private empty(): YamlScalar {
    const at = this.pos(-1);
    return { kind: 'scalar', value: '', plain: true, ...at, endLine: at.line };
  }

  private pos(offset: number): Position {
    if (offset >= 0) this.lastOffset = offset;
    return this.lines.at(offset >= 0 ? offset : this.lastOffset);
  }

  private checkDecorations(ev: { anchorStart: number; anchorEnd: number; tagStart: number; tagEnd: number }): void {
    if (ev.anchorStart >= 0) {
      const name = this.text.slice(ev.anchorStart, ev.anchorEnd);
      this.problem({
        ...this.pos(ev.anchorStart - 1),
        message: `YAML anchor '&${name}' is not allowed`,
        help: 'Anchors and aliases are refused (they enable exponential "billion laughs" expansion); write the value out.'
      });
    }
    if (ev.tagStart >= 0) {
      const tag = this.text.slice(ev.tagStart, ev.tagEnd);
      this.problem({
        ...this.pos(ev.tagStart),
        message: `YAML tag '${tag}' is not allowed`,
        help: 'Remove the tag; every value in this file is read as plain text.'
      });
    }
  }

  private node(): YamlNode {
    const ev = this.events[this.i++];
    if (!ev) return this.empty();
    switch (ev.type) {
      case EVENT_ID.SCALAR:
        return this.scalar(ev);
      case EVENT_ID.ALIAS: {
        const at = this.pos(Math.max(0, ev.anchorStart - 1));
        const name = this.text.slice(ev.anchorStart, ev.anchorEnd);
        this.problem({
          ...at,
          message: `YAML alias '*${name}' is not allowed`,
          help: 'Anchors and aliases are refused (they enable exponential "billion laughs" expansion); write the value out.'
        });
        return { kind: 'scalar', value: '', plain: false, ...at, endLine: at.line };
      }
      case EVENT_ID.SEQUENCE: {
        const at = this.pos(ev.start);
        this.checkDecorations(ev);
        const items: YamlNode[] = [];
        while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) items.push(this.node());
        this.expectPop();
        return { kind: 'sequence', items, ...at, endLine: this.pos(-1).line };
      }
      case EVENT_ID.MAPPING: {
        const at = this.pos(ev.start);
        this.checkDecorations(ev);
        const pairs: { key: YamlScalar; value: YamlNode }[] = [];
        const seen = new Map<string, number>();
        while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) {
          const keyNode = this.node();
          const value: YamlNode =
            this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP
              ? this.node()
              : this.empty();
          if (keyNode.kind !== 'scalar') {
            this.problem({
              line: keyNode.line,
              column: keyNode.column,
              message: `a ${keyNode.kind} used as a mapping key is not allowed`,
              help: 'Mapping keys must be plain words like `repo:`.'
            });
            continue;
          }
          if (keyNode.plain && keyNode.value === '<<') {
            this.problem({
              line: keyNode.line,
              column: keyNode.column,
              message: "YAML merge key '<<' is not allowed",
              help: 'Write the keys out instead of merging them from another mapping.'
            });
            continue;
          }
          const first = seen.get(keyNode.value);
          if (first !== undefined) {
            this.problem({
              line: keyNode.line,
              column: keyNode.column,
              message: `duplicate key '${keyNode.value}' (first defined on line ${first})`,
              help: 'Remove one of the two; YAML parsers disagree about which one wins.'
            });
            continue;
          }
          seen.set(keyNode.value, keyNode.line);
          pairs.push({ key: keyNode, value });
        }
        this.expectPop();
        return { kind: 'mapping', pairs, ...at, endLine: this.pos(-1).line };
      }
      default:
        // DOCUMENT or POP where a node was expected: treat as an empty scalar and let the caller resync.
        this.i--;
        return this.empty();
    }
  }

  private scalar(ev: ScalarEvent): YamlScalar {
    const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
    const at = this.pos(ev.valueStart >= 0 ? Math.max(0, ev.valueStart - (quoted ? 1 : 0)) : -1);
    this.checkDecorations(ev);
    const value = ev.valueStart >= 0 ? getScalarValue(this.text, ev) : '';
    const endLine = ev.valueEnd > ev.valueStart ? this.pos(ev.valueEnd - 1).line : at.line;
    return { kind: 'scalar', value, plain: ev.style === SCALAR_STYLE.PLAIN, ...at, endLine };
  }
}

/** How a node reads in a message: `'value'`, `nothing`, `a list`, `a mapping`. */
export function describeNode(node: YamlNode): string {
  if (node.kind === 'scalar') return node.value === '' ? 'nothing' : quoteScalar(node.value);
  return node.kind === 'sequence' ? 'a list' : 'a mapping';
}

/** `'text'` with control and non-ASCII characters escaped, cut at 60 characters. */
export function quoteScalar(value: string): string {
  let shown = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    shown += code < 0x20 || code > 0x7e ? `\\u{${code.toString(16).toUpperCase()}}` : ch;
  }
  return `'${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}'`;
}
