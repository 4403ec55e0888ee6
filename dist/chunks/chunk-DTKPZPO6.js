import {
  EVENT_ID,
  SCALAR_STYLE,
  getScalarValue,
  parseEvents
} from "./chunk-PEH7TTTG.js";

// src/config/yaml/plain.ts
var pathKey = (path) => JSON.stringify(path.map((p) => typeof p === "number" ? p : String(p)));
function toPlain(root) {
  const placed = /* @__PURE__ */ new Map();
  let counter = 0;
  const walk = (node, path, key) => {
    const at = key ? { node, key, keyOrder: counter++, order: 0, after: 0 } : { node, order: 0, after: 0 };
    at.order = counter++;
    placed.set(pathKey(path), at);
    let value2;
    switch (node.kind) {
      case "scalar":
        value2 = node.value === "" && node.plain ? null : node.value;
        break;
      case "sequence":
        value2 = node.items.map((item, i) => walk(item, [...path, i]));
        break;
      case "mapping": {
        const out = {};
        for (const pair of node.pairs) {
          Object.defineProperty(out, pair.key.value, {
            value: walk(pair.value, [...path, pair.key.value], pair.key),
            enumerable: true,
            writable: true,
            configurable: true
          });
        }
        value2 = out;
        break;
      }
    }
    at.after = counter++;
    return value2;
  };
  const value = walk(root, []);
  const nearest = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const hit = placed.get(pathKey(path.slice(0, n)));
      if (hit) return { placed: hit, exact: n === path.length };
    }
    return { placed: placed.get(pathKey([])) ?? { node: root, order: 0, after: 0 }, exact: false };
  };
  return {
    value,
    nodeAt: (path) => nearest(path).placed.node,
    positionOf: (path, which = "value") => {
      const { placed: p, exact } = nearest(path);
      const node = which === "key" && exact && p.key ? p.key : p.node;
      return { line: node.line, column: node.column };
    },
    orderOf: (path, which = "value") => {
      const { placed: p, exact } = nearest(path);
      if (which === "key" && exact && p.keyOrder !== void 0) return p.keyOrder;
      return exact && p.node.kind === "scalar" ? p.order : p.after;
    }
  };
}

// src/config/yaml/strict.ts
var LineIndex = class {
  starts = [0];
  constructor(text) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  at(offset) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
};
function tabIndentedLines(text) {
  const out = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^[ \t?:-]*/.exec(lines[i] ?? "");
    const lead = m ? m[0] : "";
    const tab = lead.indexOf("	");
    if (tab >= 0) out.push({ line: i + 1, column: tab + 1 });
  }
  return out;
}
function parseStrictYaml(text, options) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > options.maxBytes) {
    return {
      root: null,
      problems: [
        {
          file: options.what,
          line: 1,
          column: 1,
          message: `${options.what} is ${bytes} bytes, over the ${options.maxBytes}-byte limit; it was not parsed`,
          help: "Keep the file small: one entry per model, no embedded data."
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
        message: "tab character in indentation",
        help: "YAML indentation must use spaces; replace the tab with spaces."
      }))
    };
  }
  let events;
  try {
    events = parseEvents(text, { maxDepth: options.maxDepth ?? 16 });
  } catch (err) {
    return { root: null, problems: [problemFromException(err, options.what)] };
  }
  return new Builder(text, events, options.what).build();
}
function problemFromException(err, what) {
  const e = err;
  const reason = typeof e.reason === "string" ? e.reason : typeof e.message === "string" ? e.message : String(err);
  const line = typeof e.mark?.line === "number" ? e.mark.line + 1 : 1;
  const column = typeof e.mark?.column === "number" ? e.mark.column + 1 : 1;
  return {
    file: what,
    line,
    column,
    message: `${what} is not valid YAML: ${reason}`,
    help: "Fix the syntax at this position (check quotes, brackets and indentation)."
  };
}
var Builder = class {
  constructor(text, events, file) {
    this.text = text;
    this.events = events;
    this.file = file;
    this.lines = new LineIndex(text);
  }
  text;
  events;
  file;
  i = 0;
  lines;
  problems = [];
  problem = (p) => {
    this.problems.push({ file: this.file, ...p });
  };
  /** Offset of the last positioned event, used to place empty scalars (which have no offset). */
  lastOffset = 0;
  build() {
    let root = null;
    let documents = 0;
    while (this.i < this.events.length) {
      const ev = this.events[this.i++];
      if (ev?.type !== EVENT_ID.DOCUMENT) break;
      documents++;
      const next = this.events[this.i];
      let node = null;
      if (next && next.type !== EVENT_ID.POP) node = this.node();
      this.expectPop();
      if (documents === 1) root = node;
      else if (documents === 2) {
        const at = node ?? { line: this.lines.at(this.lastOffset).line, column: 1 };
        this.problem({
          line: at.line,
          column: 1,
          message: "a second YAML document (after `---`) is not allowed",
          help: "Keep everything in one document: remove the `---` separator and merge the contents."
        });
      }
    }
    return { root, problems: this.problems };
  }
  expectPop() {
    const ev = this.events[this.i];
    if (ev?.type === EVENT_ID.POP) this.i++;
  }
  empty() {
    const at = this.pos(-1);
    return { kind: "scalar", value: "", plain: true, ...at, endLine: at.line };
  }
  pos(offset) {
    if (offset >= 0) this.lastOffset = offset;
    return this.lines.at(offset >= 0 ? offset : this.lastOffset);
  }
  checkDecorations(ev) {
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
        help: "Remove the tag; every value in this file is read as plain text."
      });
    }
  }
  node() {
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
        return { kind: "scalar", value: "", plain: false, ...at, endLine: at.line };
      }
      case EVENT_ID.SEQUENCE: {
        const at = this.pos(ev.start);
        this.checkDecorations(ev);
        const items = [];
        while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) items.push(this.node());
        this.expectPop();
        return { kind: "sequence", items, ...at, endLine: this.pos(-1).line };
      }
      case EVENT_ID.MAPPING: {
        const at = this.pos(ev.start);
        this.checkDecorations(ev);
        const pairs = [];
        const seen = /* @__PURE__ */ new Map();
        while (this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP) {
          const keyNode = this.node();
          const value = this.i < this.events.length && this.events[this.i]?.type !== EVENT_ID.POP ? this.node() : this.empty();
          if (keyNode.kind !== "scalar") {
            this.problem({
              line: keyNode.line,
              column: keyNode.column,
              message: `a ${keyNode.kind} used as a mapping key is not allowed`,
              help: "Mapping keys must be plain words like `repo:`."
            });
            continue;
          }
          if (keyNode.plain && keyNode.value === "<<") {
            this.problem({
              line: keyNode.line,
              column: keyNode.column,
              message: "YAML merge key '<<' is not allowed",
              help: "Write the keys out instead of merging them from another mapping."
            });
            continue;
          }
          const first = seen.get(keyNode.value);
          if (first !== void 0) {
            this.problem({
              line: keyNode.line,
              column: keyNode.column,
              message: `duplicate key '${keyNode.value}' (first defined on line ${first})`,
              help: "Remove one of the two; YAML parsers disagree about which one wins."
            });
            continue;
          }
          seen.set(keyNode.value, keyNode.line);
          pairs.push({ key: keyNode, value });
        }
        this.expectPop();
        return { kind: "mapping", pairs, ...at, endLine: this.pos(-1).line };
      }
      default:
        this.i--;
        return this.empty();
    }
  }
  scalar(ev) {
    const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
    const at = this.pos(ev.valueStart >= 0 ? Math.max(0, ev.valueStart - (quoted ? 1 : 0)) : -1);
    this.checkDecorations(ev);
    const value = ev.valueStart >= 0 ? getScalarValue(this.text, ev) : "";
    const endLine = ev.valueEnd > ev.valueStart ? this.pos(ev.valueEnd - 1).line : at.line;
    return { kind: "scalar", value, plain: ev.style === SCALAR_STYLE.PLAIN, ...at, endLine };
  }
};
function quoteScalar(value) {
  let shown = "";
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    shown += code < 32 || code > 126 ? `\\u{${code.toString(16).toUpperCase()}}` : ch;
  }
  return `'${shown.length > 60 ? `${shown.slice(0, 60)}\u2026` : shown}'`;
}

export {
  toPlain,
  parseStrictYaml,
  quoteScalar
};
