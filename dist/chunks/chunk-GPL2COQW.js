import {
  BLOCKING,
  Bzip2Decoder,
  DecoderShell,
  EOCD_BYTES,
  Feeder,
  Inflater,
  MAX_WINDOW,
  NEED_ALL,
  SKIP_ALL,
  Stop,
  Xxh32,
  Xxh64,
  XzDecoder,
  ZipDirectoryError,
  aheadOf,
  combineAhead,
  concatBytes,
  crc32,
  createTarScanner,
  createZipStreamScanner,
  evidenceBytes,
  fail,
  fixedScanner,
  guarded,
  indexOfByte,
  indexOfBytes,
  isTarfileHeader,
  lastIndexOfBytes,
  limitsOf,
  looksLikeText,
  mergeOutcomes,
  readCentralDirectory,
  skipIn,
  startsWith,
  u16le,
  u32be,
  u32le,
  u32le2,
  u64le,
  u64leNumber,
  utf8
} from "./chunk-XYMEJEHJ.js";
import {
  TEXT_LIKE_FORMATS,
  TORCH_1_13_WEIGHTS_ONLY_GLOBALS,
  TORCH_1_13_WEIGHTS_ONLY_OPCODES,
  TORCH_STORAGE_ELEMENT_SIZE,
  WEIGHTS_ONLY_BLOCKED_MODULES,
  WEIGHTS_ONLY_GLOBALS,
  classifyGlobal,
  describeGlobal,
  formatMembers,
  partialVerdict,
  tierSeverity
} from "./chunk-47WNE3IU.js";
import {
  finding,
  truncate
} from "./chunk-JTLQZMZU.js";
import {
  JsonError,
  analyzeSetupCfg,
  basename,
  composeServices,
  dedupeHits,
  dirname,
  evidenceOf,
  extension,
  hitsToFindings,
  hostOf,
  isHubHost,
  isObject,
  isRequirementsFile,
  joinPath,
  judgeContainer,
  maxSeverity,
  parseJson,
  readPth,
  readPyproject,
  splitLines,
  truncateEvidence
} from "./chunk-DPVLMUUI.js";
import {
  cutFromFirstOf,
  cutUnescapedComment,
  dottedNameAtEnd,
  isSpace,
  replaceDelimited,
  replaceTags,
  trimEndOf
} from "./chunk-5USQP7RK.js";

// src/checks/content/analyzers.ts
var AnalyzersNotLoaded = class extends Error {
  constructor() {
    super("the content analyzers are not loaded: await loadAnalyzers() first");
  }
};
var loaded;
var asked = false;
function analyzers() {
  if (!loaded) {
    asked = true;
    throw new AnalyzersNotLoaded();
  }
  return loaded;
}
function runRecordingAsks(f) {
  asked = false;
  try {
    const value = f();
    return { value, asked };
  } catch (error) {
    return { error, asked };
  } finally {
    asked = false;
  }
}
async function loadAnalyzers() {
  loaded ??= await import("./heavy-AJ4BHTFM.js");
}

// node_modules/@huggingface/jinja/dist/index.js
var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => {
  __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
  return value;
};
var TOKEN_TYPES = Object.freeze({
  Text: "Text",
  // The text between Jinja statements or expressions
  NumericLiteral: "NumericLiteral",
  // e.g., 123, 1.0
  StringLiteral: "StringLiteral",
  // 'string'
  Identifier: "Identifier",
  // Variables, functions, statements, booleans, etc.
  Equals: "Equals",
  // =
  OpenParen: "OpenParen",
  // (
  CloseParen: "CloseParen",
  // )
  OpenStatement: "OpenStatement",
  // {%
  CloseStatement: "CloseStatement",
  // %}
  OpenExpression: "OpenExpression",
  // {{
  CloseExpression: "CloseExpression",
  // }}
  OpenSquareBracket: "OpenSquareBracket",
  // [
  CloseSquareBracket: "CloseSquareBracket",
  // ]
  OpenCurlyBracket: "OpenCurlyBracket",
  // {
  CloseCurlyBracket: "CloseCurlyBracket",
  // }
  Comma: "Comma",
  // ,
  Dot: "Dot",
  // .
  Colon: "Colon",
  // :
  Pipe: "Pipe",
  // |
  CallOperator: "CallOperator",
  // ()
  AdditiveBinaryOperator: "AdditiveBinaryOperator",
  // + - ~
  MultiplicativeBinaryOperator: "MultiplicativeBinaryOperator",
  // * / // %
  ExponentiationBinaryOperator: "ExponentiationBinaryOperator",
  // **
  ComparisonBinaryOperator: "ComparisonBinaryOperator",
  // < > <= >= == !=
  UnaryOperator: "UnaryOperator",
  // ! - +
  Comment: "Comment"
  // {# ... #}
});
var Token = class {
  /**
   * Constructs a new Token.
   * @param {string} value The raw value as seen inside the source code.
   * @param {TokenType} type The type of token.
   */
  constructor(value, type) {
    this.value = value;
    this.type = type;
  }
};
function isWord(code) {
  return code >= 97 && code <= 122 || // a-z
  code >= 65 && code <= 90 || // A-Z
  code >= 48 && code <= 57 || // 0-9
  code === 95;
}
function isInteger(code) {
  return code >= 48 && code <= 57;
}
function isWhitespace(code) {
  if (code <= 32) {
    return code === 32 || code >= 9 && code <= 13;
  }
  return code > 127 && (code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279);
}
var ORDERED_MAPPING_TABLE = [
  // Control sequences
  ["{%", TOKEN_TYPES.OpenStatement],
  ["%}", TOKEN_TYPES.CloseStatement],
  ["{{", TOKEN_TYPES.OpenExpression],
  ["}}", TOKEN_TYPES.CloseExpression],
  // Single character tokens
  ["(", TOKEN_TYPES.OpenParen],
  [")", TOKEN_TYPES.CloseParen],
  ["{", TOKEN_TYPES.OpenCurlyBracket],
  ["}", TOKEN_TYPES.CloseCurlyBracket],
  ["[", TOKEN_TYPES.OpenSquareBracket],
  ["]", TOKEN_TYPES.CloseSquareBracket],
  [",", TOKEN_TYPES.Comma],
  [".", TOKEN_TYPES.Dot],
  [":", TOKEN_TYPES.Colon],
  ["|", TOKEN_TYPES.Pipe],
  // Comparison operators
  ["<=", TOKEN_TYPES.ComparisonBinaryOperator],
  [">=", TOKEN_TYPES.ComparisonBinaryOperator],
  ["==", TOKEN_TYPES.ComparisonBinaryOperator],
  ["!=", TOKEN_TYPES.ComparisonBinaryOperator],
  ["<", TOKEN_TYPES.ComparisonBinaryOperator],
  [">", TOKEN_TYPES.ComparisonBinaryOperator],
  // Arithmetic operators
  ["+", TOKEN_TYPES.AdditiveBinaryOperator],
  ["-", TOKEN_TYPES.AdditiveBinaryOperator],
  ["~", TOKEN_TYPES.AdditiveBinaryOperator],
  ["**", TOKEN_TYPES.ExponentiationBinaryOperator],
  // NOTE: must come before "*" so that "**" is matched first
  ["*", TOKEN_TYPES.MultiplicativeBinaryOperator],
  ["//", TOKEN_TYPES.MultiplicativeBinaryOperator],
  // NOTE: must come before "/" so that "//" is matched first
  ["/", TOKEN_TYPES.MultiplicativeBinaryOperator],
  ["%", TOKEN_TYPES.MultiplicativeBinaryOperator],
  // Assignment operator
  ["=", TOKEN_TYPES.Equals]
];
var RULES_BY_FIRST_CHAR_CODE = [];
for (const rule of ORDERED_MAPPING_TABLE) {
  (RULES_BY_FIRST_CHAR_CODE[rule[0].charCodeAt(0)] ??= []).push(rule);
}
var ESCAPE_CHARACTERS = /* @__PURE__ */ new Map([
  ["n", "\n"],
  // New line
  ["t", "	"],
  // Horizontal tab
  ["r", "\r"],
  // Carriage return
  ["b", "\b"],
  // Backspace
  ["f", "\f"],
  // Form feed
  ["v", "\v"],
  // Vertical tab
  ["'", "'"],
  // Single quote
  ['"', '"'],
  // Double quote
  ["\\", "\\"]
  // Backslash
]);
function preprocess(template, options = {}) {
  if (template.endsWith("\n")) {
    template = template.slice(0, -1);
  }
  if (options.lstrip_blocks) {
    template = template.replace(/^[ \t]*({[#%-])/gm, "$1");
  }
  if (options.trim_blocks) {
    template = template.replace(/([#%-]})\n/g, "$1");
  }
  let result = "";
  let lastIndex = 0;
  for (const match of template.matchAll(/{%(-?)\s*(?:end)?generation\s*(-?)%}(\s*)/gs)) {
    const [fullMatch, lstrip, rstrip, after] = match;
    let endIndex = match.index;
    while (lstrip && endIndex > lastIndex && isWhitespace(template.charCodeAt(endIndex - 1))) {
      --endIndex;
    }
    result += template.slice(lastIndex, endIndex) + (rstrip ? "" : after);
    lastIndex = match.index + fullMatch.length;
  }
  return result + template.slice(lastIndex);
}
function tokenize(source, options = {}) {
  const tokens = [];
  const src = preprocess(source, options);
  const length = src.length;
  let cursorPosition = 0;
  let curlyBracketDepth = 0;
  const names = /* @__PURE__ */ new Map();
  const consumeWhile = (predicate) => {
    const start = cursorPosition;
    while (predicate(src.charCodeAt(cursorPosition))) {
      if (++cursorPosition >= length) {
        throw new SyntaxError("Unexpected end of input");
      }
    }
    return src.slice(start, cursorPosition);
  };
  const consumeString = (quote) => {
    let str2 = "";
    let start = cursorPosition;
    while (true) {
      if (cursorPosition >= length) {
        throw new SyntaxError("Unexpected end of input");
      }
      const char = src[cursorPosition];
      if (char === quote) {
        break;
      }
      ++cursorPosition;
      if (char !== "\\") {
        continue;
      }
      str2 += src.slice(start, cursorPosition - 1);
      if (cursorPosition >= length) {
        throw new SyntaxError("Unexpected end of input");
      }
      const escaped = src[cursorPosition++];
      if (escaped === "x" || escaped === "u") {
        const hexLength = escaped === "x" ? 2 : 4;
        const hex2 = src.slice(cursorPosition, cursorPosition + hexLength);
        if (hex2.length !== hexLength || /[^0-9a-f]/i.test(hex2)) {
          throw new SyntaxError(`Invalid hexadecimal escape sequence: \\${escaped}${hex2}`);
        }
        str2 += String.fromCharCode(parseInt(hex2, 16));
        cursorPosition += hexLength;
      } else {
        const unescaped = ESCAPE_CHARACTERS.get(escaped);
        if (unescaped === void 0) {
          throw new SyntaxError(`Unexpected escaped character: ${escaped}`);
        }
        str2 += unescaped;
      }
      start = cursorPosition;
    }
    return str2 + src.slice(start, cursorPosition);
  };
  const stripTrailingWhitespace = () => {
    const lastToken = tokens.at(-1);
    if (lastToken && lastToken.type === TOKEN_TYPES.Text) {
      lastToken.value = lastToken.value.trimEnd();
      if (lastToken.value === "") {
        tokens.pop();
      }
    }
  };
  const skipLeadingWhitespace = () => {
    while (cursorPosition < length && isWhitespace(src.charCodeAt(cursorPosition))) {
      ++cursorPosition;
    }
  };
  main:
    while (cursorPosition < length) {
      const lastTokenType = tokens.at(-1)?.type;
      if (lastTokenType === void 0 || lastTokenType === TOKEN_TYPES.CloseStatement || lastTokenType === TOKEN_TYPES.CloseExpression || lastTokenType === TOKEN_TYPES.Comment) {
        let end = cursorPosition;
        while (true) {
          end = src.indexOf("{", end);
          if (end === -1) {
            end = length;
            break;
          }
          const next = src[end + 1];
          if (next === "%" || next === "{" || next === "#") {
            break;
          }
          ++end;
        }
        if (end > cursorPosition) {
          tokens.push(new Token(src.slice(cursorPosition, end), TOKEN_TYPES.Text));
          cursorPosition = end;
          continue;
        }
      }
      if (src[cursorPosition] === "{") {
        const nextChar = src[cursorPosition + 1];
        if (nextChar === "#") {
          cursorPosition += 2;
          const stripBefore = src[cursorPosition] === "-";
          if (stripBefore) {
            ++cursorPosition;
          }
          const end = src.indexOf("#}", cursorPosition);
          if (end === -1) {
            throw new SyntaxError("Missing end of comment tag");
          }
          let comment = src.slice(cursorPosition, end);
          const stripAfter = comment.endsWith("-");
          if (stripAfter) {
            comment = comment.slice(0, -1);
          }
          if (stripBefore) {
            stripTrailingWhitespace();
          }
          tokens.push(new Token(comment, TOKEN_TYPES.Comment));
          cursorPosition = end + 2;
          if (stripAfter) {
            skipLeadingWhitespace();
          }
          continue;
        }
        if (src[cursorPosition + 2] === "-") {
          if (nextChar === "%") {
            stripTrailingWhitespace();
            tokens.push(new Token("{%", TOKEN_TYPES.OpenStatement));
            cursorPosition += 3;
            continue;
          }
          if (nextChar === "{") {
            stripTrailingWhitespace();
            tokens.push(new Token("{{", TOKEN_TYPES.OpenExpression));
            curlyBracketDepth = 0;
            cursorPosition += 3;
            continue;
          }
        }
      }
      consumeWhile(isWhitespace);
      const char = src[cursorPosition];
      if (char === "-" && src[cursorPosition + 2] === "}") {
        const nextChar = src[cursorPosition + 1];
        if (nextChar === "%") {
          tokens.push(new Token("%}", TOKEN_TYPES.CloseStatement));
          cursorPosition += 3;
          skipLeadingWhitespace();
          continue;
        }
        if (nextChar === "}") {
          tokens.push(new Token("}}", TOKEN_TYPES.CloseExpression));
          cursorPosition += 3;
          skipLeadingWhitespace();
          continue;
        }
      }
      if (char === "-" || char === "+") {
        if (lastTokenType === TOKEN_TYPES.Text || lastTokenType === void 0) {
          throw new SyntaxError(`Unexpected character: ${char}`);
        }
        switch (lastTokenType) {
          case TOKEN_TYPES.Identifier:
          case TOKEN_TYPES.NumericLiteral:
          case TOKEN_TYPES.StringLiteral:
          case TOKEN_TYPES.CloseParen:
          case TOKEN_TYPES.CloseSquareBracket:
            break;
          default: {
            ++cursorPosition;
            let num = consumeWhile(isInteger);
            if (num.length > 0 && src[cursorPosition] === "." && isInteger(src.charCodeAt(cursorPosition + 1))) {
              ++cursorPosition;
              const frac = consumeWhile(isInteger);
              num = `${num}.${frac}`;
            }
            tokens.push(
              new Token(`${char}${num}`, num.length > 0 ? TOKEN_TYPES.NumericLiteral : TOKEN_TYPES.UnaryOperator)
            );
            continue;
          }
        }
      }
      const code = src.charCodeAt(cursorPosition);
      const rules = RULES_BY_FIRST_CHAR_CODE[code];
      if (rules !== void 0) {
        for (const [seq, type] of rules) {
          if (seq === "}}" && curlyBracketDepth > 0) {
            continue;
          }
          if (src.startsWith(seq, cursorPosition)) {
            tokens.push(new Token(seq, type));
            if (type === TOKEN_TYPES.OpenExpression) {
              curlyBracketDepth = 0;
            } else if (type === TOKEN_TYPES.OpenCurlyBracket) {
              ++curlyBracketDepth;
            } else if (type === TOKEN_TYPES.CloseCurlyBracket) {
              --curlyBracketDepth;
            }
            cursorPosition += seq.length;
            continue main;
          }
        }
      }
      if (char === "'" || char === '"') {
        ++cursorPosition;
        const str2 = consumeString(char);
        tokens.push(new Token(str2, TOKEN_TYPES.StringLiteral));
        ++cursorPosition;
        continue;
      }
      if (isInteger(code)) {
        let num = consumeWhile(isInteger);
        if (lastTokenType !== TOKEN_TYPES.Dot && src[cursorPosition] === "." && isInteger(src.charCodeAt(cursorPosition + 1))) {
          ++cursorPosition;
          const frac = consumeWhile(isInteger);
          num = `${num}.${frac}`;
        }
        tokens.push(new Token(num, TOKEN_TYPES.NumericLiteral));
        continue;
      }
      if (isWord(code)) {
        let word = consumeWhile(isWord);
        const name = names.get(word);
        if (name === void 0) {
          names.set(word, word);
        } else {
          word = name;
        }
        tokens.push(new Token(word, TOKEN_TYPES.Identifier));
        continue;
      }
      throw new SyntaxError(`Unexpected character: ${char}`);
    }
  return tokens;
}
var Statement = class {
  type = "Statement";
};
var Program = class extends Statement {
  constructor(body) {
    super();
    this.body = body;
  }
  type = "Program";
};
var If = class extends Statement {
  constructor(test, body, alternate) {
    super();
    this.test = test;
    this.body = body;
    this.alternate = alternate;
  }
  type = "If";
};
var For = class extends Statement {
  constructor(loopvar, iterable, body, defaultBlock) {
    super();
    this.loopvar = loopvar;
    this.iterable = iterable;
    this.body = body;
    this.defaultBlock = defaultBlock;
  }
  type = "For";
};
var Break = class extends Statement {
  type = "Break";
};
var Continue = class extends Statement {
  type = "Continue";
};
var SetStatement = class extends Statement {
  constructor(assignee, value, body) {
    super();
    this.assignee = assignee;
    this.value = value;
    this.body = body;
  }
  type = "Set";
};
var Macro = class extends Statement {
  constructor(name, args, body) {
    super();
    this.name = name;
    this.args = args;
    this.body = body;
  }
  type = "Macro";
};
var Comment = class extends Statement {
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Comment";
};
var Expression = class extends Statement {
  type = "Expression";
};
var MemberExpression = class extends Expression {
  constructor(object, property, computed) {
    super();
    this.object = object;
    this.property = property;
    this.computed = computed;
  }
  type = "MemberExpression";
};
var CallExpression = class extends Expression {
  constructor(callee, args) {
    super();
    this.callee = callee;
    this.args = args;
  }
  type = "CallExpression";
};
var Identifier = class extends Expression {
  /**
   * @param {string} value The name of the identifier
   */
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Identifier";
};
var Literal = class extends Expression {
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Literal";
};
var IntegerLiteral = class extends Literal {
  type = "IntegerLiteral";
};
var FloatLiteral = class extends Literal {
  type = "FloatLiteral";
};
var StringLiteral = class extends Literal {
  type = "StringLiteral";
};
var ArrayLiteral = class extends Literal {
  type = "ArrayLiteral";
};
var TupleLiteral = class extends Literal {
  type = "TupleLiteral";
};
var ObjectLiteral = class extends Literal {
  type = "ObjectLiteral";
};
var BinaryExpression = class extends Expression {
  constructor(operator, left, right) {
    super();
    this.operator = operator;
    this.left = left;
    this.right = right;
  }
  type = "BinaryExpression";
};
var FilterExpression = class extends Expression {
  constructor(operand, filter) {
    super();
    this.operand = operand;
    this.filter = filter;
  }
  type = "FilterExpression";
};
var FilterStatement = class extends Statement {
  constructor(filter, body) {
    super();
    this.filter = filter;
    this.body = body;
  }
  type = "FilterStatement";
};
var SelectExpression = class extends Expression {
  constructor(lhs, test) {
    super();
    this.lhs = lhs;
    this.test = test;
  }
  type = "SelectExpression";
};
var TestExpression = class extends Expression {
  constructor(operand, negate2, test) {
    super();
    this.operand = operand;
    this.negate = negate2;
    this.test = test;
  }
  type = "TestExpression";
};
var UnaryExpression = class extends Expression {
  constructor(operator, argument) {
    super();
    this.operator = operator;
    this.argument = argument;
  }
  type = "UnaryExpression";
};
var SliceExpression = class extends Expression {
  constructor(start = void 0, stop = void 0, step = void 0) {
    super();
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
  type = "SliceExpression";
};
var KeywordArgumentExpression = class extends Expression {
  constructor(key, value) {
    super();
    this.key = key;
    this.value = value;
  }
  type = "KeywordArgumentExpression";
};
var SpreadExpression = class extends Expression {
  constructor(argument) {
    super();
    this.argument = argument;
  }
  type = "SpreadExpression";
};
var KeywordSpreadExpression = class extends Expression {
  constructor(argument) {
    super();
    this.argument = argument;
  }
  type = "KeywordSpreadExpression";
};
var CallStatement = class extends Statement {
  constructor(call, callerArgs, body) {
    super();
    this.call = call;
    this.callerArgs = callerArgs;
    this.body = body;
  }
  type = "CallStatement";
};
var Ternary = class extends Expression {
  constructor(condition, trueExpr, falseExpr) {
    super();
    this.condition = condition;
    this.trueExpr = trueExpr;
    this.falseExpr = falseExpr;
  }
  type = "Ternary";
};
function parse(tokens) {
  const program = new Program([]);
  let current = 0;
  function expect(type, error) {
    const prev = tokens[current++];
    if (!prev || prev.type !== type) {
      throw new Error(`Parser Error: ${error}. ${prev.type} !== ${type}.`);
    }
    return prev;
  }
  function expectIdentifier(name) {
    if (!isIdentifier(name)) {
      throw new SyntaxError(`Expected ${name}`);
    }
    ++current;
  }
  function parseAny() {
    switch (tokens[current].type) {
      case TOKEN_TYPES.Comment:
        return new Comment(tokens[current++].value);
      case TOKEN_TYPES.Text:
        return parseText2();
      case TOKEN_TYPES.OpenStatement:
        return parseJinjaStatement();
      case TOKEN_TYPES.OpenExpression:
        return parseJinjaExpression();
      default:
        throw new SyntaxError(`Unexpected token type: ${tokens[current].type}`);
    }
  }
  function is(...types) {
    return current + types.length <= tokens.length && types.every((type, i) => type === tokens[current + i].type);
  }
  function isStatement(...names) {
    return tokens[current]?.type === TOKEN_TYPES.OpenStatement && tokens[current + 1]?.type === TOKEN_TYPES.Identifier && names.includes(tokens[current + 1]?.value);
  }
  function isIdentifier(...names) {
    return current + names.length <= tokens.length && names.every((name, i) => tokens[current + i].type === "Identifier" && name === tokens[current + i].value);
  }
  function parseText2() {
    return new StringLiteral(expect(TOKEN_TYPES.Text, "Expected text token").value);
  }
  function parseJinjaStatement() {
    expect(TOKEN_TYPES.OpenStatement, "Expected opening statement token");
    if (tokens[current].type !== TOKEN_TYPES.Identifier) {
      throw new SyntaxError(`Unknown statement, got ${tokens[current].type}`);
    }
    const name = tokens[current].value;
    let result;
    switch (name) {
      case "set":
        ++current;
        result = parseSetStatement();
        break;
      case "if":
        ++current;
        result = parseIfStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endif");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "macro":
        ++current;
        result = parseMacroStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endmacro");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "for":
        ++current;
        result = parseForStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endfor");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "call": {
        ++current;
        let callerArgs = null;
        if (is(TOKEN_TYPES.OpenParen)) {
          callerArgs = parseArgs("parameters");
        }
        const callee = parsePrimaryExpression();
        if (callee.type !== "Identifier") {
          throw new SyntaxError(`Expected identifier following call statement`);
        }
        const callArgs = parseArgs("call");
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const body = [];
        while (!isStatement("endcall")) {
          body.push(parseAny());
        }
        expect(TOKEN_TYPES.OpenStatement, "Expected '{%'");
        expectIdentifier("endcall");
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const callExpr = new CallExpression(callee, callArgs);
        result = new CallStatement(callExpr, callerArgs, body);
        break;
      }
      case "break":
        ++current;
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        result = new Break();
        break;
      case "continue":
        ++current;
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        result = new Continue();
        break;
      case "filter": {
        ++current;
        let filterNode = parsePrimaryExpression();
        if (filterNode instanceof Identifier && is(TOKEN_TYPES.OpenParen)) {
          filterNode = parseCallExpression(filterNode);
        }
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const filterBody = [];
        while (!isStatement("endfilter")) {
          filterBody.push(parseAny());
        }
        expect(TOKEN_TYPES.OpenStatement, "Expected '{%'");
        expectIdentifier("endfilter");
        expect(TOKEN_TYPES.CloseStatement, "Expected '%}'");
        result = new FilterStatement(filterNode, filterBody);
        break;
      }
      default:
        throw new SyntaxError(`Unknown statement type: ${name}`);
    }
    return result;
  }
  function parseJinjaExpression() {
    expect(TOKEN_TYPES.OpenExpression, "Expected opening expression token");
    const result = parseExpression();
    expect(TOKEN_TYPES.CloseExpression, "Expected closing expression token");
    return result;
  }
  function parseSetStatement() {
    const left = parseExpressionSequence();
    let value = null;
    const body = [];
    if (is(TOKEN_TYPES.Equals)) {
      ++current;
      value = parseExpressionSequence();
    } else {
      expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
      while (!isStatement("endset")) {
        body.push(parseAny());
      }
      expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
      expectIdentifier("endset");
    }
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    return new SetStatement(left, value, body);
  }
  function parseIfStatement() {
    const test = parseExpression();
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    const alternate = [];
    while (!isStatement("elif", "else", "endif")) {
      body.push(parseAny());
    }
    if (isStatement("elif")) {
      ++current;
      ++current;
      const result = parseIfStatement();
      alternate.push(result);
    } else if (isStatement("else")) {
      ++current;
      ++current;
      expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
      while (!isStatement("endif")) {
        alternate.push(parseAny());
      }
    }
    return new If(test, body, alternate);
  }
  function parseMacroStatement() {
    const name = parsePrimaryExpression();
    if (name.type !== "Identifier") {
      throw new SyntaxError(`Expected identifier following macro statement`);
    }
    const args = parseArgs("parameters");
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    while (!isStatement("endmacro")) {
      body.push(parseAny());
    }
    return new Macro(name, args, body);
  }
  function parseExpressionSequence(primary = false) {
    const fn2 = primary ? parsePrimaryExpression : parseExpression;
    const expressions = [fn2()];
    const isTuple = is(TOKEN_TYPES.Comma);
    while (isTuple) {
      ++current;
      expressions.push(fn2());
      if (!is(TOKEN_TYPES.Comma)) {
        break;
      }
    }
    return isTuple ? new TupleLiteral(expressions) : expressions[0];
  }
  function parseForStatement() {
    const loopVariable = parseExpressionSequence(true);
    if (!(loopVariable instanceof Identifier || loopVariable instanceof TupleLiteral)) {
      throw new SyntaxError(`Expected identifier/tuple for the loop variable, got ${loopVariable.type} instead`);
    }
    if (!isIdentifier("in")) {
      throw new SyntaxError("Expected `in` keyword following loop variable");
    }
    ++current;
    const iterable = parseExpression();
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    while (!isStatement("endfor", "else")) {
      body.push(parseAny());
    }
    const alternative = [];
    if (isStatement("else")) {
      ++current;
      ++current;
      expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
      while (!isStatement("endfor")) {
        alternative.push(parseAny());
      }
    }
    return new For(loopVariable, iterable, body, alternative);
  }
  function parseExpression() {
    return parseIfExpression();
  }
  function parseIfExpression() {
    const a = parseLogicalOrExpression();
    if (isIdentifier("if")) {
      ++current;
      const test = parseLogicalOrExpression();
      if (isIdentifier("else")) {
        ++current;
        const falseExpr = parseIfExpression();
        return new Ternary(test, a, falseExpr);
      } else {
        return new SelectExpression(a, test);
      }
    }
    return a;
  }
  function parseLogicalOrExpression() {
    let left = parseLogicalAndExpression();
    while (isIdentifier("or")) {
      const operator = tokens[current];
      ++current;
      const right = parseLogicalAndExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseLogicalAndExpression() {
    let left = parseLogicalNegationExpression();
    while (isIdentifier("and")) {
      const operator = tokens[current];
      ++current;
      const right = parseLogicalNegationExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseLogicalNegationExpression() {
    let right;
    while (isIdentifier("not")) {
      const operator = tokens[current];
      ++current;
      const arg = parseLogicalNegationExpression();
      right = new UnaryExpression(operator, arg);
    }
    return right ?? parseComparisonExpression();
  }
  function parseComparisonExpression() {
    let left = parseAdditiveExpression();
    while (true) {
      let operator;
      if (isIdentifier("not", "in")) {
        operator = new Token("not in", TOKEN_TYPES.Identifier);
        current += 2;
      } else if (isIdentifier("in")) {
        operator = tokens[current++];
      } else if (is(TOKEN_TYPES.ComparisonBinaryOperator)) {
        operator = tokens[current++];
      } else {
        break;
      }
      const right = parseAdditiveExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseAdditiveExpression() {
    let left = parseMultiplicativeExpression();
    while (is(TOKEN_TYPES.AdditiveBinaryOperator)) {
      const operator = tokens[current];
      ++current;
      const right = parseMultiplicativeExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseCallMemberExpression() {
    const member = parseMemberExpression(parsePrimaryExpression());
    if (is(TOKEN_TYPES.OpenParen)) {
      return parseCallExpression(member);
    }
    return member;
  }
  function parseCallExpression(callee) {
    let expression = new CallExpression(callee, parseArgs("call"));
    expression = parseMemberExpression(expression);
    if (is(TOKEN_TYPES.OpenParen)) {
      expression = parseCallExpression(expression);
    }
    return expression;
  }
  function parseArgs(mode) {
    expect(TOKEN_TYPES.OpenParen, "Expected opening parenthesis for arguments list");
    const args = parseArgumentsList(mode);
    expect(TOKEN_TYPES.CloseParen, "Expected closing parenthesis for arguments list");
    return args;
  }
  function parseArgumentsList(mode) {
    const args = [];
    const parameterNames = /* @__PURE__ */ new Set();
    let sawKeywordOrDefault = false;
    let sawSpreadArgument = false;
    while (!is(TOKEN_TYPES.CloseParen)) {
      const isKeywordSpread = is(TOKEN_TYPES.ExponentiationBinaryOperator);
      const isPositionalSpread = is(TOKEN_TYPES.MultiplicativeBinaryOperator) && tokens[current].value === "*";
      if (mode === "parameters" && (isKeywordSpread || isPositionalSpread)) {
        throw new SyntaxError("Argument unpacking is not allowed in parameter declarations");
      }
      if (isKeywordSpread) {
        ++current;
        args.push(new KeywordSpreadExpression(parseExpression()));
        if (is(TOKEN_TYPES.Comma)) {
          ++current;
        }
        if (!is(TOKEN_TYPES.CloseParen)) {
          throw new SyntaxError("Expected closing parenthesis: `**` must be applied to the final argument");
        }
        break;
      }
      let argument;
      if (isPositionalSpread) {
        if (sawSpreadArgument) {
          throw new SyntaxError("Only one `*` argument unpacking is allowed");
        }
        sawSpreadArgument = true;
        ++current;
        const expr = parseExpression();
        argument = new SpreadExpression(expr);
      } else {
        argument = parseExpression();
        if (is(TOKEN_TYPES.Equals)) {
          ++current;
          if (!(argument instanceof Identifier)) {
            throw new SyntaxError(
              mode === "parameters" ? "Expected identifier for parameter declaration" : "Expected identifier for keyword argument"
            );
          }
          const value = parseExpression();
          argument = new KeywordArgumentExpression(argument, value);
        }
        if (mode === "parameters") {
          if (!(argument instanceof Identifier || argument instanceof KeywordArgumentExpression)) {
            throw new SyntaxError("Expected identifier for parameter declaration");
          }
          const parameterName = argument instanceof Identifier ? argument.value : argument.key.value;
          if (parameterNames.has(parameterName)) {
            throw new SyntaxError(`Duplicate parameter name: ${parameterName}`);
          }
          parameterNames.add(parameterName);
        }
        if (argument instanceof KeywordArgumentExpression) {
          sawKeywordOrDefault = true;
        } else if (sawKeywordOrDefault) {
          throw new SyntaxError(
            mode === "call" ? "Positional arguments must come before keyword arguments" : "Non-default argument follows default argument"
          );
        } else if (sawSpreadArgument) {
          throw new SyntaxError("Positional arguments must not follow `*` argument unpacking");
        }
      }
      args.push(argument);
      if (is(TOKEN_TYPES.Comma)) {
        ++current;
      }
    }
    return args;
  }
  function parseMemberExpressionArgumentsList() {
    const slices = [];
    let isSlice = false;
    while (!is(TOKEN_TYPES.CloseSquareBracket)) {
      if (is(TOKEN_TYPES.Colon)) {
        slices.push(void 0);
        ++current;
        isSlice = true;
      } else {
        slices.push(parseExpression());
        if (is(TOKEN_TYPES.Colon)) {
          ++current;
          isSlice = true;
        }
      }
    }
    if (slices.length === 0) {
      throw new SyntaxError(`Expected at least one argument for member/slice expression`);
    }
    if (isSlice) {
      if (slices.length > 3) {
        throw new SyntaxError(`Expected 0-3 arguments for slice expression`);
      }
      return new SliceExpression(...slices);
    }
    return slices[0];
  }
  function parseMemberExpression(object) {
    while (is(TOKEN_TYPES.Dot) || is(TOKEN_TYPES.OpenSquareBracket)) {
      const operator = tokens[current];
      ++current;
      let property;
      const computed = operator.type === TOKEN_TYPES.OpenSquareBracket;
      if (computed) {
        property = parseMemberExpressionArgumentsList();
        expect(TOKEN_TYPES.CloseSquareBracket, "Expected closing square bracket");
      } else {
        property = parsePrimaryExpression();
        if (property.type !== "Identifier" && property.type !== "IntegerLiteral") {
          throw new SyntaxError(`Expected identifier or integer following dot operator`);
        }
      }
      object = new MemberExpression(object, property, computed);
    }
    return object;
  }
  function parseMultiplicativeExpression() {
    let left = parsePowerExpression();
    while (is(TOKEN_TYPES.MultiplicativeBinaryOperator)) {
      const operator = tokens[current++];
      const right = parsePowerExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parsePowerExpression() {
    let left = parseTestExpression();
    while (is(TOKEN_TYPES.ExponentiationBinaryOperator)) {
      const operator = tokens[current++];
      const right = parseTestExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseTestExpression() {
    let operand = parseFilterExpression();
    while (isIdentifier("is")) {
      ++current;
      const negate2 = isIdentifier("not");
      if (negate2) {
        ++current;
      }
      const filter = parsePrimaryExpression();
      if (!(filter instanceof Identifier)) {
        throw new SyntaxError(`Expected identifier for the test`);
      }
      operand = new TestExpression(operand, negate2, filter);
    }
    return operand;
  }
  function parseFilterExpression() {
    let operand = parseUnarySignExpression();
    while (is(TOKEN_TYPES.Pipe)) {
      ++current;
      let filter = parsePrimaryExpression();
      if (!(filter instanceof Identifier)) {
        throw new SyntaxError(`Expected identifier for the filter`);
      }
      if (is(TOKEN_TYPES.OpenParen)) {
        filter = parseCallExpression(filter);
      }
      operand = new FilterExpression(operand, filter);
    }
    return operand;
  }
  function parseUnarySignExpression() {
    const token = tokens[current];
    if (token && (token.type === TOKEN_TYPES.UnaryOperator || token.type === TOKEN_TYPES.AdditiveBinaryOperator) && (token.value === "-" || token.value === "+")) {
      const operator = tokens[current++];
      const argument = parseUnarySignExpression();
      return new UnaryExpression(operator, argument);
    }
    return parseCallMemberExpression();
  }
  function parsePrimaryExpression() {
    const token = tokens[current++];
    switch (token.type) {
      case TOKEN_TYPES.NumericLiteral: {
        const num = token.value;
        return num.includes(".") ? new FloatLiteral(Number(num)) : new IntegerLiteral(Number(num));
      }
      case TOKEN_TYPES.StringLiteral: {
        let value = token.value;
        while (is(TOKEN_TYPES.StringLiteral)) {
          value += tokens[current++].value;
        }
        return new StringLiteral(value);
      }
      case TOKEN_TYPES.Identifier:
        return new Identifier(token.value);
      case TOKEN_TYPES.OpenParen: {
        const expression = parseExpressionSequence();
        expect(TOKEN_TYPES.CloseParen, "Expected closing parenthesis, got ${tokens[current].type} instead.");
        return expression;
      }
      case TOKEN_TYPES.OpenSquareBracket: {
        const values = [];
        while (!is(TOKEN_TYPES.CloseSquareBracket)) {
          values.push(parseExpression());
          if (is(TOKEN_TYPES.Comma)) {
            ++current;
          }
        }
        ++current;
        return new ArrayLiteral(values);
      }
      case TOKEN_TYPES.OpenCurlyBracket: {
        const values = /* @__PURE__ */ new Map();
        while (!is(TOKEN_TYPES.CloseCurlyBracket)) {
          const key = parseExpression();
          expect(TOKEN_TYPES.Colon, "Expected colon between key and value in object literal");
          const value = parseExpression();
          values.set(key, value);
          if (is(TOKEN_TYPES.Comma)) {
            ++current;
          }
        }
        ++current;
        return new ObjectLiteral(values);
      }
      default:
        throw new SyntaxError(`Unexpected token: ${token.type}`);
    }
  }
  while (current < tokens.length) {
    program.body.push(parseAny());
  }
  return program;
}
function titleCase(value) {
  return value.replace(/\b\w/g, (c) => c.toUpperCase());
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function replace(str2, oldvalue, newvalue, count2) {
  if (count2 === 0) {
    return str2;
  }
  let remaining = count2 == null || count2 < 0 ? Infinity : count2;
  const pattern = oldvalue.length === 0 ? new RegExp("(?=)", "gu") : new RegExp(escapeRegExp(oldvalue), "gu");
  return str2.replaceAll(pattern, (match) => {
    if (remaining > 0) {
      --remaining;
      return newvalue;
    }
    return match;
  });
}
var EMPTY_BUILTINS = /* @__PURE__ */ new Map();
var RuntimeValue = class {
  /**
   * A collection of built-in functions for this type.
   */
  get builtins() {
    return EMPTY_BUILTINS;
  }
  /**
   * Creates a new RuntimeValue.
   */
  constructor(value = void 0) {
    this.type = "RuntimeValue";
    this.value = value;
  }
  /**
   * Determines truthiness or falsiness of the runtime value.
   * This function should be overridden by subclasses if it has custom truthiness criteria.
   * @returns {BooleanValue} BooleanValue(true) if the value is truthy, BooleanValue(false) otherwise.
   */
  __bool__() {
    return new BooleanValue(!!this.value);
  }
  toString() {
    return String(this.value);
  }
};
var IntegerValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "IntegerValue";
  }
};
var FloatValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "FloatValue";
  }
  toString() {
    if (Object.is(this.value, -0)) {
      return "-0.0";
    }
    return this.value % 1 === 0 ? this.value.toFixed(1) : this.value.toString();
  }
};
var StringValue = class extends RuntimeValue {
  _builtins;
  constructor(value) {
    super(value);
    this.type = "StringValue";
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([
      [
        "upper",
        new FunctionValue(() => {
          return new StringValue(this.value.toUpperCase());
        })
      ],
      [
        "lower",
        new FunctionValue(() => {
          return new StringValue(this.value.toLowerCase());
        })
      ],
      [
        "strip",
        new FunctionValue(() => {
          return new StringValue(this.value.trim());
        })
      ],
      [
        "title",
        new FunctionValue(() => {
          return new StringValue(titleCase(this.value));
        })
      ],
      [
        "capitalize",
        new FunctionValue(() => {
          return new StringValue(this.value.charAt(0).toUpperCase() + this.value.slice(1));
        })
      ],
      ["length", new IntegerValue(this.value.length)],
      [
        "rstrip",
        new FunctionValue(() => {
          return new StringValue(this.value.trimEnd());
        })
      ],
      [
        "lstrip",
        new FunctionValue(() => {
          return new StringValue(this.value.trimStart());
        })
      ],
      [
        "startswith",
        new FunctionValue((args) => {
          if (args.length === 0) {
            throw new Error("startswith() requires at least one argument");
          }
          const pattern = args[0];
          if (pattern instanceof StringValue) {
            return new BooleanValue(this.value.startsWith(pattern.value));
          } else if (pattern instanceof ArrayValue) {
            for (const item of pattern.value) {
              if (!(item instanceof StringValue)) {
                throw new Error("startswith() tuple elements must be strings");
              }
              if (this.value.startsWith(item.value)) {
                return new BooleanValue(true);
              }
            }
            return new BooleanValue(false);
          }
          throw new Error("startswith() argument must be a string or tuple of strings");
        })
      ],
      [
        "endswith",
        new FunctionValue((args) => {
          if (args.length === 0) {
            throw new Error("endswith() requires at least one argument");
          }
          const pattern = args[0];
          if (pattern instanceof StringValue) {
            return new BooleanValue(this.value.endsWith(pattern.value));
          } else if (pattern instanceof ArrayValue) {
            for (const item of pattern.value) {
              if (!(item instanceof StringValue)) {
                throw new Error("endswith() tuple elements must be strings");
              }
              if (this.value.endsWith(item.value)) {
                return new BooleanValue(true);
              }
            }
            return new BooleanValue(false);
          }
          throw new Error("endswith() argument must be a string or tuple of strings");
        })
      ],
      [
        "split",
        // follows Python's `str.split(sep=None, maxsplit=-1)` function behavior
        // https://docs.python.org/3.13/library/stdtypes.html#str.split
        new FunctionValue((args) => {
          const sep = args[0] ?? new NullValue();
          if (!(sep instanceof StringValue || sep instanceof NullValue)) {
            throw new Error("sep argument must be a string or null");
          }
          const maxsplit = args[1] ?? new IntegerValue(-1);
          if (!(maxsplit instanceof IntegerValue)) {
            throw new Error("maxsplit argument must be a number");
          }
          let result = [];
          if (sep instanceof NullValue) {
            const text = this.value.trimStart();
            for (const { 0: match, index } of text.matchAll(/\S+/g)) {
              if (maxsplit.value >= 0 && result.length >= maxsplit.value && index !== void 0) {
                result.push(match + text.slice(index + match.length));
                break;
              }
              result.push(match);
            }
          } else {
            if (sep.value === "") {
              throw new Error("empty separator");
            }
            result = this.value.split(sep.value);
            if (maxsplit.value >= 0 && result.length > maxsplit.value) {
              result.push(result.splice(maxsplit.value).join(sep.value));
            }
          }
          return new ArrayValue(result.map((part) => new StringValue(part)));
        })
      ],
      [
        "replace",
        new FunctionValue((args) => {
          if (args.length < 2) {
            throw new Error("replace() requires at least two arguments");
          }
          const oldValue = args[0];
          const newValue = args[1];
          if (!(oldValue instanceof StringValue && newValue instanceof StringValue)) {
            throw new Error("replace() arguments must be strings");
          }
          let count2;
          if (args.length > 2) {
            if (args[2].type === "KeywordArgumentsValue") {
              count2 = args[2].value.get("count") ?? new NullValue();
            } else {
              count2 = args[2];
            }
          } else {
            count2 = new NullValue();
          }
          if (!(count2 instanceof IntegerValue || count2 instanceof NullValue)) {
            throw new Error("replace() count argument must be a number or null");
          }
          return new StringValue(replace(this.value, oldValue.value, newValue.value, count2.value));
        })
      ]
    ]);
  }
};
var BooleanValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "BooleanValue";
  }
};
var NON_ASCII_CHARS = /[\x7f-\uffff]/g;
function makeAsciiSafe(str2) {
  return str2.replace(NON_ASCII_CHARS, (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0"));
}
function toJSON(input, options = {}, depth = 0, convertUndefinedToNull = true) {
  const { indent = null, ensureAscii = false, separators = null, sortKeys = false } = options;
  let itemSeparator;
  let keySeparator;
  if (separators) {
    [itemSeparator, keySeparator] = separators;
  } else if (indent) {
    itemSeparator = ",";
    keySeparator = ": ";
  } else {
    itemSeparator = ", ";
    keySeparator = ": ";
  }
  switch (input.type) {
    case "NullValue":
      return "null";
    case "UndefinedValue":
      return convertUndefinedToNull ? "null" : "undefined";
    case "IntegerValue":
    case "FloatValue":
    case "BooleanValue":
      return JSON.stringify(input.value);
    case "StringValue": {
      let result = JSON.stringify(input.value);
      if (ensureAscii) {
        result = makeAsciiSafe(result);
      }
      return result;
    }
    case "ArrayValue":
    case "NamespaceValue":
    case "ObjectValue": {
      const indentValue = indent ? " ".repeat(indent) : "";
      const basePadding = "\n" + indentValue.repeat(depth);
      const childrenPadding = basePadding + indentValue;
      if (input.type === "ArrayValue") {
        const core = input.value.map((x) => toJSON(x, options, depth + 1, convertUndefinedToNull));
        return indent && core.length > 0 ? `[${childrenPadding}${core.join(`${itemSeparator}${childrenPadding}`)}${basePadding}]` : `[${core.join(itemSeparator)}]`;
      } else {
        let entries = Array.from(input.value.entries());
        if (sortKeys) {
          entries = entries.sort(([a], [b]) => a.localeCompare(b));
        }
        const core = entries.map(([key, value]) => {
          let keyStr = JSON.stringify(key);
          if (ensureAscii) {
            keyStr = makeAsciiSafe(keyStr);
          }
          const v = `${keyStr}${keySeparator}${toJSON(value, options, depth + 1, convertUndefinedToNull)}`;
          return indent ? `${childrenPadding}${v}` : v;
        });
        return indent && core.length > 0 ? `{${core.join(itemSeparator)}${basePadding}}` : `{${core.join(itemSeparator)}}`;
      }
    }
    default:
      throw new Error(`Cannot convert to JSON: ${input.type}`);
  }
}
var ObjectValue = class extends RuntimeValue {
  _builtins;
  constructor(value) {
    super(value);
    this.type = "ObjectValue";
  }
  /**
   * NOTE: necessary to override since all JavaScript arrays are considered truthy,
   * while only non-empty Python arrays are consider truthy.
   *
   * e.g.,
   *  - JavaScript:  {} && 5 -> 5
   *  - Python:      {} and 5 -> {}
   */
  __bool__() {
    return new BooleanValue(this.value.size > 0);
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([
      [
        "get",
        new FunctionValue(([key, defaultValue]) => {
          if (!(key instanceof StringValue)) {
            throw new Error(`Object key must be a string: got ${key.type}`);
          }
          return this.value.get(key.value) ?? defaultValue ?? new NullValue();
        })
      ],
      ["items", new FunctionValue(() => this.items())],
      ["keys", new FunctionValue(() => this.keys())],
      ["values", new FunctionValue(() => this.values())],
      [
        "dictsort",
        new FunctionValue((args) => {
          let kwargs = /* @__PURE__ */ new Map();
          const positionalArgs = args.filter((arg) => {
            if (arg instanceof KeywordArgumentsValue) {
              kwargs = arg.value;
              return false;
            }
            return true;
          });
          const caseSensitive = positionalArgs.at(0) ?? kwargs.get("case_sensitive") ?? new BooleanValue(false);
          if (!(caseSensitive instanceof BooleanValue)) {
            throw new Error("case_sensitive must be a boolean");
          }
          const by = positionalArgs.at(1) ?? kwargs.get("by") ?? new StringValue("key");
          if (!(by instanceof StringValue)) {
            throw new Error("by must be a string");
          }
          if (!["key", "value"].includes(by.value)) {
            throw new Error("by must be either 'key' or 'value'");
          }
          const reverse = positionalArgs.at(2) ?? kwargs.get("reverse") ?? new BooleanValue(false);
          if (!(reverse instanceof BooleanValue)) {
            throw new Error("reverse must be a boolean");
          }
          const items = Array.from(this.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value])).sort((a, b) => {
            const index = by.value === "key" ? 0 : 1;
            const aVal = a.value[index];
            const bVal = b.value[index];
            const result = compareRuntimeValues(aVal, bVal, caseSensitive.value);
            return reverse.value ? -result : result;
          });
          return new ArrayValue(items);
        })
      ]
    ]);
  }
  items() {
    return new ArrayValue(
      Array.from(this.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value]))
    );
  }
  keys() {
    return new ArrayValue(Array.from(this.value.keys()).map((key) => new StringValue(key)));
  }
  values() {
    return new ArrayValue(Array.from(this.value.values()));
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var LoopValue = class extends ObjectValue {
  constructor(iteration, length, previtem, nextitem) {
    super();
    this.iteration = iteration;
    this.length = length;
    this.previtem = previtem;
    this.nextitem = nextitem;
  }
  createEntries() {
    const i = this.iteration;
    const length = this.length;
    return /* @__PURE__ */ new Map([
      ["index", new IntegerValue(i + 1)],
      ["index0", new IntegerValue(i)],
      ["revindex", new IntegerValue(length - i)],
      ["revindex0", new IntegerValue(length - i - 1)],
      ["first", new BooleanValue(i === 0)],
      ["last", new BooleanValue(i === length - 1)],
      ["length", new IntegerValue(length)],
      ["previtem", this.previtem ?? new UndefinedValue()],
      ["nextitem", this.nextitem ?? new UndefinedValue()]
    ]);
  }
};
Object.defineProperty(LoopValue.prototype, "value", {
  get() {
    return this.entries ??= this.createEntries();
  },
  set(entries) {
    this.entries = entries;
  },
  configurable: true
});
var KeywordArgumentsValue = class extends ObjectValue {
  constructor(value) {
    super(value);
    this.type = "KeywordArgumentsValue";
  }
};
var NamespaceValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "NamespaceValue";
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var ArrayValue = class extends RuntimeValue {
  _builtins;
  constructor(value) {
    super(value);
    this.type = "ArrayValue";
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([["length", new IntegerValue(this.value.length)]]);
  }
  /**
   * NOTE: necessary to override since all JavaScript arrays are considered truthy,
   * while only non-empty Python arrays are consider truthy.
   *
   * e.g.,
   *  - JavaScript:  [] && 5 -> 5
   *  - Python:      [] and 5 -> []
   */
  __bool__() {
    return new BooleanValue(this.value.length > 0);
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var FunctionValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "FunctionValue";
  }
};
var NullValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "NullValue";
  }
};
var UndefinedValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "UndefinedValue";
  }
};
function normalizeNamespaceEntry(pair) {
  let values;
  if (pair instanceof ArrayValue) {
    values = pair.value;
  } else if (pair instanceof StringValue) {
    values = Array.from(pair.value, (char) => new StringValue(char));
  }
  if (!values || values.length !== 2) {
    throw new Error("namespace expected an object or an iterable of [key, value] pairs");
  }
  const [key, value] = values;
  if (!(key instanceof StringValue)) {
    throw new Error("namespace keys must be strings");
  }
  return [key, value];
}
function namespaceBuiltin(args) {
  const positional = args.slice();
  let kwargs;
  if (positional.at(-1) instanceof KeywordArgumentsValue) {
    kwargs = positional.pop();
  }
  if (positional.length > 1) {
    throw new Error(`namespace expected at most 1 argument, got ${positional.length}`);
  }
  const entries = /* @__PURE__ */ new Map();
  if (positional.length === 1) {
    const source = positional[0];
    if (source instanceof ObjectValue) {
      for (const [key, value] of source.value) {
        entries.set(key, value);
      }
    } else if (source instanceof ArrayValue) {
      for (const pair of source.value) {
        const [key, value] = normalizeNamespaceEntry(pair);
        entries.set(key.value, value);
      }
    } else {
      throw new Error(`'${source.type}' object is not iterable`);
    }
  }
  if (kwargs) {
    for (const [key, value] of kwargs.value) {
      entries.set(key, value);
    }
  }
  return new NamespaceValue(entries);
}
var _Environment = class {
  constructor(parent) {
    this.parent = parent;
  }
  /**
   * The variables declared in this environment.
   */
  variables = (/* @__PURE__ */ new Map()).set(
    "namespace",
    new FunctionValue(namespaceBuiltin)
  );
  tests = _Environment.TESTS;
  /**
   * Set the value of a variable in the current environment.
   */
  set(name, value) {
    return this.declareVariable(name, convertToRuntimeValues(value));
  }
  declareVariable(name, value) {
    if (this.variables.has(name)) {
      throw new SyntaxError(`Variable already declared: ${name}`);
    }
    this.variables.set(name, value);
    return value;
  }
  // private assignVariable(name: string, value: AnyRuntimeValue): AnyRuntimeValue {
  // 	const env = this.resolve(name);
  // 	env.variables.set(name, value);
  // 	return value;
  // }
  /**
   * Set variable in the current scope.
   * See https://jinja.palletsprojects.com/en/3.0.x/templates/#assignments for more information.
   */
  setVariable(name, value) {
    this.variables.set(name, value);
    return value;
  }
  /**
   * Resolve the environment in which the variable is declared.
   * @param {string} name The name of the variable.
   * @returns {Environment | undefined} The environment containing the variable, if declared.
   */
  resolve(name) {
    if (this.variables.has(name)) {
      return this;
    }
    if (this.parent) {
      return this.parent.resolve(name);
    }
    return void 0;
  }
  lookupVariable(name) {
    try {
      return this.resolve(name)?.variables.get(name) ?? new UndefinedValue();
    } catch {
      return new UndefinedValue();
    }
  }
};
var Environment = _Environment;
__publicField(Environment, "TESTS", /* @__PURE__ */ new Map([
  ["boolean", (operand) => operand.type === "BooleanValue"],
  ["callable", (operand) => operand instanceof FunctionValue],
  [
    "odd",
    (operand) => {
      if (!(operand instanceof IntegerValue)) {
        throw new Error(`cannot odd on ${operand.type}`);
      }
      return operand.value % 2 !== 0;
    }
  ],
  [
    "even",
    (operand) => {
      if (!(operand instanceof IntegerValue)) {
        throw new Error(`cannot even on ${operand.type}`);
      }
      return operand.value % 2 === 0;
    }
  ],
  ["false", (operand) => operand.type === "BooleanValue" && !operand.value],
  ["true", (operand) => operand.type === "BooleanValue" && operand.value],
  ["none", (operand) => operand.type === "NullValue"],
  ["string", (operand) => operand.type === "StringValue"],
  ["number", (operand) => operand instanceof IntegerValue || operand instanceof FloatValue],
  ["integer", (operand) => operand instanceof IntegerValue],
  ["iterable", (operand) => operand.type === "ArrayValue" || operand.type === "StringValue"],
  ["mapping", (operand) => operand instanceof ObjectValue],
  [
    "sequence",
    (operand) => operand instanceof ArrayValue || operand instanceof ObjectValue || operand instanceof StringValue
  ],
  [
    "lower",
    (operand) => {
      const str2 = operand.value;
      return operand.type === "StringValue" && str2 === str2.toLowerCase();
    }
  ],
  [
    "upper",
    (operand) => {
      const str2 = operand.value;
      return operand.type === "StringValue" && str2 === str2.toUpperCase();
    }
  ],
  ["none", (operand) => operand.type === "NullValue"],
  ["defined", (operand) => operand.type !== "UndefinedValue"],
  ["undefined", (operand) => operand.type === "UndefinedValue"],
  ["equalto", (a, b) => a.value === b.value],
  ["eq", (a, b) => a.value === b.value]
]));
function isNumericLikeValue(value) {
  return value instanceof IntegerValue || value instanceof FloatValue || value instanceof BooleanValue;
}
function getNumericValue(value) {
  return value instanceof BooleanValue ? Number(value.value) : value.value;
}
function compareRuntimeValues(a, b, caseSensitive = false) {
  if (a instanceof NullValue && b instanceof NullValue) {
    return 0;
  }
  if (a instanceof NullValue || b instanceof NullValue) {
    throw new Error(`Cannot compare ${a.type} with ${b.type}`);
  }
  if (a instanceof UndefinedValue && b instanceof UndefinedValue) {
    return 0;
  }
  if (a instanceof UndefinedValue || b instanceof UndefinedValue) {
    throw new Error(`Cannot compare ${a.type} with ${b.type}`);
  }
  if (isNumericLikeValue(a) && isNumericLikeValue(b)) {
    const aNum = getNumericValue(a);
    const bNum = getNumericValue(b);
    return aNum < bNum ? -1 : aNum > bNum ? 1 : 0;
  }
  if (a.type !== b.type) {
    throw new Error(`Cannot compare different types: ${a.type} and ${b.type}`);
  }
  switch (a.type) {
    case "StringValue": {
      let aStr = a.value;
      let bStr = b.value;
      if (!caseSensitive) {
        aStr = aStr.toLowerCase();
        bStr = bStr.toLowerCase();
      }
      return aStr < bStr ? -1 : aStr > bStr ? 1 : 0;
    }
    default:
      throw new Error(`Cannot compare type: ${a.type}`);
  }
}
function convertToRuntimeValues(input) {
  switch (typeof input) {
    case "number":
      return Number.isInteger(input) ? new IntegerValue(input) : new FloatValue(input);
    case "string":
      return new StringValue(input);
    case "boolean":
      return new BooleanValue(input);
    case "undefined":
      return new UndefinedValue();
    case "object":
      if (input === null) {
        return new NullValue();
      } else if (Array.isArray(input)) {
        return new ArrayValue(input.map(convertToRuntimeValues));
      } else {
        return new ObjectValue(
          new Map(Object.entries(input).map(([key, value]) => [key, convertToRuntimeValues(value)]))
        );
      }
    case "function":
      return new FunctionValue((args, _scope) => {
        const result = input(...args.map((x) => x.value)) ?? null;
        return convertToRuntimeValues(result);
      });
    default:
      throw new Error(`Cannot convert to runtime value: ${input}`);
  }
}
var PRECEDENCE = Object.freeze({
  CONDITIONAL: 0,
  // a if b else c
  LOGICAL_OR: 1,
  // or
  LOGICAL_AND: 2,
  // and
  LOGICAL_NOT: 3,
  // not a
  COMPARISON: 4,
  // == != < <= > >= in, not in
  ADDITIVE: 5,
  // + -
  MULTIPLICATIVE: 6,
  // * / // %
  EXPONENTIATION: 7,
  // **
  TEST: 8,
  // is
  FILTER: 9,
  // |
  UNARY_SIGN: 10,
  // -a +a
  ATOM: 11
  // literals, identifiers, calls, member accesses
});

// src/analyze/jinja/ast.ts
var OPERAND_END = /* @__PURE__ */ new Set(["Identifier", "StringLiteral", "NumericLiteral", "CloseParen", "CloseSquareBracket", "CloseCurlyBracket"]);
var OPERATOR_WORDS = /* @__PURE__ */ new Set(["in", "not", "and", "or", "if", "else", "is"]);
function emptyTuples(tokens) {
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = out[out.length - 1];
    const call = prev !== void 0 && OPERAND_END.has(prev.type) && !(prev.type === "Identifier" && OPERATOR_WORDS.has(prev.value));
    if (t.type === "OpenParen" && tokens[i + 1]?.type === "CloseParen" && !call) {
      out.push({ value: "[", type: "OpenSquareBracket" }, { value: "]", type: "CloseSquareBracket" });
      i++;
    } else out.push(t);
  }
  return out;
}
function parseTemplate(source) {
  try {
    const tokens = emptyTuples(tokenize(source));
    return { program: parse(tokens) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { error: message.length > 200 ? `${message.slice(0, 200)}\u2026` : message };
  }
}
var STATEMENTS = /* @__PURE__ */ new Set(["Program", "If", "For", "Break", "Continue", "Set", "Macro", "Comment", "CallStatement", "FilterStatement"]);
function children(n) {
  const x = n;
  const list2 = (v) => Array.isArray(v) ? v : [];
  const one = (v) => v ? [v] : [];
  switch (n.type) {
    case "Program":
      return list2(x.body);
    case "If":
      return [...one(x.test), ...list2(x.body), ...list2(x.alternate)];
    case "For":
      return [...one(x.loopvar), ...one(x.iterable), ...list2(x.body), ...list2(x.defaultBlock)];
    case "Set":
      return [...one(x.assignee), ...one(x.value), ...list2(x.body)];
    case "Macro":
      return [...one(x.name), ...list2(x.args), ...list2(x.body)];
    case "CallStatement":
      return [...one(x.call), ...list2(x.callerArgs), ...list2(x.body)];
    case "FilterStatement":
      return [...one(x.filter), ...list2(x.body)];
    case "Comment":
    case "Break":
    case "Continue":
      return [];
    case "MemberExpression":
      return [...one(x.object), ...one(x.property)];
    case "CallExpression":
      return [...one(x.callee), ...list2(x.args)];
    case "Identifier":
    case "IntegerLiteral":
    case "FloatLiteral":
    case "StringLiteral":
      return [];
    case "ArrayLiteral":
    case "TupleLiteral":
      return list2(x.value);
    case "ObjectLiteral":
      return [...x.value.entries()].flat();
    case "BinaryExpression":
      return [...one(x.left), ...one(x.right)];
    case "FilterExpression":
      return [...one(x.operand), ...one(x.filter)];
    case "SelectExpression":
      return [...one(x.lhs), ...one(x.test)];
    case "TestExpression":
      return [...one(x.operand), ...one(x.test)];
    case "UnaryExpression":
      return one(x.argument);
    case "SliceExpression":
      return [...one(x.start), ...one(x.stop), ...one(x.step)];
    case "KeywordArgumentExpression":
      return [...one(x.key), ...one(x.value)];
    case "SpreadExpression":
    case "KeywordSpreadExpression":
      return one(x.argument);
    case "Ternary":
      return [...one(x.condition), ...one(x.trueExpr), ...one(x.falseExpr)];
    default:
      return void 0;
  }
}
function walk(program, maxDepth) {
  const nodes = [];
  let depth = 0;
  const stack = [[program, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop();
    if (d > maxDepth) return { nodes, depth: d, tooDeep: true };
    depth = Math.max(depth, d);
    nodes.push(n);
    const kids = children(n);
    if (!kids) return { nodes, depth, unknown: n.type };
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], d + 1]);
  }
  return { nodes, depth };
}
var PRINT_MAX = 200;
function show(n, budget = PRINT_MAX) {
  const s = print(n, 0);
  return s.length > budget ? `${s.slice(0, budget)}\u2026` : s;
}
function print(n, depth) {
  if (!n) return "";
  if (depth > 40) return "\u2026";
  const p = (c) => print(c, depth + 1);
  const x = n;
  switch (n.type) {
    case "Identifier":
      return n.value;
    case "IntegerLiteral":
    case "FloatLiteral":
      return String(n.value);
    case "StringLiteral": {
      const v = n.value;
      return `'${JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}\u2026` : v).slice(1, -1)}'`;
    }
    case "MemberExpression": {
      const m = n;
      return m.computed ? `${p(m.object)}[${p(m.property)}]` : `${p(m.object)}.${p(m.property)}`;
    }
    case "CallExpression": {
      const c = n;
      return `${p(c.callee)}(${c.args.slice(0, 6).map(p).join(", ")}${c.args.length > 6 ? ", \u2026" : ""})`;
    }
    case "FilterExpression":
      return `${p(x.operand)}|${p(x.filter)}`;
    case "BinaryExpression": {
      const b = n;
      return `${p(b.left)} ${b.operator.value} ${p(b.right)}`;
    }
    case "UnaryExpression": {
      const u = n;
      return `${u.operator.value}${u.operator.value === "not" ? " " : ""}${p(u.argument)}`;
    }
    case "KeywordArgumentExpression":
      return `${p(x.key)}=${p(x.value)}`;
    case "ArrayLiteral":
      return `[${x.value.slice(0, 6).map(p).join(", ")}]`;
    case "TupleLiteral":
      return `(${x.value.slice(0, 6).map(p).join(", ")})`;
    case "SliceExpression":
      return `${p(x.start)}:${p(x.stop)}${x.step ? `:${p(x.step)}` : ""}`;
    case "Ternary":
      return `${p(x.trueExpr)} if ${p(x.condition)} else ${p(x.falseExpr)}`;
    case "TestExpression":
      return `${p(x.operand)} is ${x.negate ? "not " : ""}${p(x.test)}`;
    case "SelectExpression":
      return `${p(x.lhs)} if ${p(x.test)}`;
    case "SpreadExpression":
      return `*${p(x.argument)}`;
    case "KeywordSpreadExpression":
      return `**${p(x.argument)}`;
    case "ObjectLiteral":
      return "{\u2026}";
    default:
      return n.type;
  }
}

// src/analyze/jinja/values.ts
var MAX_VALUES = 32;
var MAX_STRING = 1024;
var MAX_ITEMS = 64;
var meter = { work: 0 };
var UD = Object.freeze({ unknown: "data" });
var UB = Object.freeze({ unknown: "built" });
function bottom() {
  return { consts: [], keys: /* @__PURE__ */ new Set(), data: false, built: false };
}
function dataValue() {
  return { ...bottom(), data: true };
}
function builtValue() {
  return { ...bottom(), built: true };
}
var isUnknown = (v) => typeof v === "object" && v !== null && "unknown" in v;
var isList = (v) => typeof v === "object" && v !== null && "list" in v;
var isDict = (v) => typeof v === "object" && v !== null && "dict" in v;
function keyOf(v) {
  if (typeof v === "string") return `s${v}`;
  if (typeof v === "number") return `n${v}`;
  if (typeof v === "boolean") return v ? "T" : "F";
  if (v === null) return "N";
  if (isUnknown(v)) return v.unknown === "data" ? "?d" : "?b";
  if (isList(v)) return `${v.tuple ? "(" : "["}${v.list.map(keyOf).join(",")}]`;
  return `{${v.dict.map(([k, x]) => `${keyOf(k)}:${keyOf(x)}`).join(",")}}`;
}
function carriesText(v) {
  if (typeof v === "string") return true;
  if (isUnknown(v)) return v.unknown === "built";
  if (isList(v)) return v.list.some(carriesText);
  if (isDict(v)) return v.dict.some(([k, x]) => carriesText(k) || carriesText(x));
  return false;
}
function tooBig(v) {
  if (typeof v === "string") return v.length > MAX_STRING;
  if (isList(v)) return v.list.length > MAX_ITEMS || v.list.some(tooBig);
  if (isDict(v)) return v.dict.length > MAX_ITEMS || v.dict.some(([k, x]) => tooBig(k) || tooBig(x));
  return false;
}
function addConst(av, v) {
  if (isUnknown(v)) {
    if (v.unknown === "data") av.data = true;
    else av.built = true;
    return;
  }
  if (tooBig(v) || av.consts.length >= MAX_VALUES) {
    if (carriesText(v)) av.built = true;
    else av.data = true;
    return;
  }
  const k = keyOf(v);
  meter.work += 1 + (k.length >> 6);
  if (!av.keys.has(k)) {
    av.keys.add(k);
    av.consts.push(v);
  }
}
function constValue(...vs) {
  const av = bottom();
  for (const v of vs) addConst(av, v);
  return av;
}
function join(...avs) {
  const out = bottom();
  for (const a of avs) {
    out.data ||= a.data;
    out.built ||= a.built;
    for (const c of a.consts) addConst(out, c);
  }
  return out;
}
function joinInto(a, b) {
  const before = a.consts.length;
  const flags = `${a.data}${a.built}`;
  a.data ||= b.data;
  a.built ||= b.built;
  for (const c of b.consts) addConst(a, c);
  return a.consts.length !== before || `${a.data}${a.built}` !== flags;
}
function unresolved(...inputs) {
  const built = inputs.some((i) => i.built || i.consts.some(carriesText));
  return built ? builtValue() : dataValue();
}
function alternatives(av) {
  const out = [...av.consts];
  if (av.data) out.push(UD);
  if (av.built) out.push(UB);
  return out;
}
function flaggedPart(inputs, flows) {
  const out = bottom();
  const flowsAt = (j) => flows === void 0 || flows[j] === true;
  inputs.forEach((a, i) => {
    if (!a.data && !a.built) return;
    const others = inputs.some((o, j) => j !== i && flowsAt(j) && (o.built || o.consts.some(carriesText)));
    if (others || a.built && flowsAt(i)) out.built = true;
    else out.data = true;
  });
  return out;
}
function lift(inputs, fn2, flows) {
  const out = flaggedPart(inputs, flows);
  const flowing = (vs) => vs.filter((_v, i) => flows === void 0 || flows[i] === true);
  let combos = 1;
  for (const i of inputs) combos *= i.consts.length;
  if (combos === 0) return out;
  if (combos > MAX_VALUES) return join(out, unresolved(...flowing(inputs)));
  const pick = new Array(inputs.length);
  const rec = (k) => {
    if (k === inputs.length) {
      const r = fn2(...pick);
      if (r === void 0) joinInto(out, unresolved(...flowing(pick.map((p) => constValue(p)))));
      else addConst(out, r);
      return;
    }
    for (const c of inputs[k].consts) {
      pick[k] = c;
      rec(k + 1);
    }
  };
  rec(0);
  return out;
}
function flagsOf(av) {
  return { ...bottom(), data: av.data, built: av.built };
}
function isInt(v) {
  return typeof v === "number" && Number.isSafeInteger(v);
}
function pyStr(v) {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  if (isInt(v)) return String(v);
  if (isList(v) || isDict(v)) return pyRepr(v);
  return void 0;
}
function pyRepr(v) {
  if (typeof v === "string") {
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 32 || c > 126 || c === 92) return void 0;
    }
    if (v.includes("'") && !v.includes('"')) return `"${v}"`;
    if (v.includes("'")) return void 0;
    return `'${v}'`;
  }
  if (isList(v)) {
    const parts = v.list.map(pyRepr);
    if (parts.some((p) => p === void 0)) return void 0;
    return v.tuple ? `(${parts.join(", ")}${parts.length === 1 ? "," : ""})` : `[${parts.join(", ")}]`;
  }
  if (isDict(v)) {
    const parts = v.dict.map(([k, x]) => {
      const a = pyRepr(k);
      const b = pyRepr(x);
      return a === void 0 || b === void 0 ? void 0 : `${a}: ${b}`;
    });
    return parts.some((p) => p === void 0) ? void 0 : `{${parts.join(", ")}}`;
  }
  return pyStr(v);
}
function strings(av) {
  return av.consts.filter((c) => typeof c === "string");
}
function elements(av) {
  const out = flagsOf(av);
  for (const c of av.consts) {
    if (typeof c === "string") for (const ch of c) addConst(out, ch);
    else if (isList(c)) for (const x of c.list) addConst(out, x);
    else if (isDict(c)) for (const [k] of c.dict) addConst(out, k);
  }
  return out;
}
function pyIndex(i, len) {
  const j = i < 0 ? len + i : i;
  return j >= 0 && j < len ? j : void 0;
}
function pySlice(len, start, stop, step) {
  const st = step === null ? 1 : isInt(step) ? step : void 0;
  if (st === void 0 || st === 0) return void 0;
  if (start !== null && !isInt(start) || stop !== null && !isInt(stop)) return void 0;
  const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
  const norm = (v, dflt, lo, hi) => v === null ? dflt : clamp(v < 0 ? v + len : v, lo, hi);
  const out = [];
  if (st > 0) {
    const a = norm(start, 0, 0, len);
    const b = norm(stop, len, 0, len);
    for (let i = a; i < b && out.length <= MAX_STRING; i += st) out.push(i);
  } else {
    const a = norm(start, len - 1, -1, len - 1);
    const b = norm(stop, -1, -1, len - 1);
    for (let i = a; i > b && out.length <= MAX_STRING; i += st) out.push(i);
  }
  return out;
}

// src/analyze/jinja/pyformat.ts
function formatFields(s) {
  const fields = [];
  const literals = [];
  let lit = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "}") {
      if (s[i + 1] !== "}") return void 0;
      lit += "}";
      i += 2;
      continue;
    }
    if (c !== "{") {
      lit += c;
      i++;
      continue;
    }
    if (s[i + 1] === "{") {
      lit += "{";
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    while (j < s.length && depth > 0) {
      if (s[j] === "{") depth++;
      else if (s[j] === "}") depth--;
      if (depth > 0) j++;
    }
    if (depth !== 0) return void 0;
    const body = s.slice(i + 1, j);
    const f = parseField(body);
    if (!f) return void 0;
    literals.push(lit);
    lit = "";
    fields.push(f);
    if (f.spec.includes("{")) {
      const nested = formatFields(f.spec);
      if (!nested) return void 0;
      fields.push(...nested.fields);
    }
    i = j + 1;
  }
  literals.push(lit);
  return { fields, literals };
}
function parseField(body) {
  let k = 0;
  let inBracket = false;
  for (; k < body.length; k++) {
    const c = body[k];
    if (c === "[") inBracket = true;
    else if (c === "]") inBracket = false;
    else if (!inBracket && (c === "!" || c === ":")) break;
  }
  const name = body.slice(0, k);
  let conversion;
  let spec = "";
  if (body[k] === "!") {
    conversion = body[k + 1];
    if (conversion === void 0 || !"rsa".includes(conversion)) return void 0;
    if (k + 2 < body.length && body[k + 2] !== ":") return void 0;
    spec = body.slice(k + 3);
  } else if (body[k] === ":") spec = body.slice(k + 1);
  let p = 0;
  while (p < name.length && name[p] !== "." && name[p] !== "[") p++;
  const arg = name.slice(0, p);
  const path2 = [];
  while (p < name.length) {
    if (name[p] === ".") {
      let q = p + 1;
      while (q < name.length && name[q] !== "." && name[q] !== "[") q++;
      const attr = name.slice(p + 1, q);
      if (attr === "") return void 0;
      path2.push({ attr });
      p = q;
    } else if (name[p] === "[") {
      const q = name.indexOf("]", p + 1);
      if (q < 0) return void 0;
      const item = name.slice(p + 1, q);
      if (item === "") return void 0;
      path2.push({ item });
      p = q + 1;
      if (p < name.length && name[p] !== "." && name[p] !== "[") return void 0;
    } else return void 0;
  }
  const out = { arg, path: path2, spec };
  if (conversion !== void 0) out.conversion = conversion;
  return out;
}
function strFormat(s, args, kwargs) {
  const parsed = formatFields(s);
  if (!parsed) return void 0;
  let out = parsed.literals[0] ?? "";
  let auto = 0;
  for (let n = 0; n < parsed.fields.length; n++) {
    const f = parsed.fields[n];
    if (f.path.length > 0 || f.spec !== "") return void 0;
    const v = f.arg === "" ? args[auto++] : /^\d+$/.test(f.arg) ? args[Number(f.arg)] : kwargs.get(f.arg);
    if (v === void 0) return void 0;
    const text = f.conversion === "r" ? pyRepr(v) : f.conversion === "a" ? void 0 : pyStr(v);
    if (text === void 0) return void 0;
    out += text + (parsed.literals[n + 1] ?? "");
  }
  return out;
}
function percentFormat(fmt, arg) {
  const tuple = isList(arg) && arg.tuple ? arg.list : [arg];
  const mapping = isDict(arg) ? arg : void 0;
  let used = 0;
  let out = "";
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    i++;
    let v;
    if (fmt[i] === "(") {
      const close = fmt.indexOf(")", i);
      if (close < 0 || !mapping) return void 0;
      const key = fmt.slice(i + 1, close);
      v = mapping.dict.find(([k]) => k === key)?.[1];
      if (v === void 0) return void 0;
      i = close + 1;
    }
    let flags = "";
    while (i < fmt.length && "-+ #0".includes(fmt[i])) flags += fmt[i++];
    let width = "";
    while (i < fmt.length && fmt[i] >= "0" && fmt[i] <= "9") width += fmt[i++];
    if (fmt[i] === ".") return void 0;
    const conv = fmt[i++];
    if (conv === void 0) return void 0;
    if (conv === "%") {
      out += "%";
      continue;
    }
    if (v === void 0) {
      if (mapping) return void 0;
      v = tuple[used++];
      if (v === void 0) return void 0;
    }
    let text;
    if (conv === "s") text = pyStr(v);
    else if (conv === "r") text = pyRepr(v);
    else if (conv === "d" || conv === "i" || conv === "u") text = isInt(v) ? String(v) : void 0;
    else if (conv === "c") text = isInt(v) && v >= 0 && v <= 1114111 ? String.fromCodePoint(v) : typeof v === "string" && [...v].length === 1 ? v : void 0;
    else if (conv === "x" || conv === "X" || conv === "o") text = isInt(v) ? conv === "o" ? v.toString(8) : conv === "x" ? v.toString(16) : v.toString(16).toUpperCase() : void 0;
    if (text === void 0) return void 0;
    const w = width === "" ? 0 : Number(width);
    if (w > 4096) return void 0;
    if (text.length < w) text = flags.includes("-") ? text.padEnd(w) : text.padStart(w, flags.includes("0") && conv !== "s" && conv !== "c" ? "0" : " ");
    out += text;
  }
  if (!mapping && used !== tuple.length) return void 0;
  return out;
}

// src/analyze/jinja/pystr.ts
function pySpace(c) {
  return c >= 9 && c <= 13 || c >= 28 && c <= 32 || c === 133 || c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288;
}
function pyStrip(s, chars, mode) {
  const cps = [...s];
  const set = chars === null ? void 0 : /* @__PURE__ */ new Set([...chars]);
  const strip = (ch) => set ? set.has(ch) : pySpace(ch.codePointAt(0));
  let a = 0;
  let b = cps.length;
  if (mode !== "right") while (a < b && strip(cps[a])) a++;
  if (mode !== "left") while (b > a && strip(cps[b - 1])) b--;
  return cps.slice(a, b).join("");
}
function pySplit(s, sep, maxsplit) {
  const out = [];
  if (sep === null) {
    const cps = [...s];
    let i = 0;
    while (i < cps.length) {
      while (i < cps.length && pySpace(cps[i].codePointAt(0))) i++;
      if (i >= cps.length) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(pyStrip(cps.slice(i).join(""), null, "right"));
        return out;
      }
      let j = i;
      while (j < cps.length && !pySpace(cps[j].codePointAt(0))) j++;
      out.push(cps.slice(i, j).join(""));
      i = j;
    }
    return out;
  }
  if (sep === "") return void 0;
  let from = 0;
  for (; ; ) {
    const at = maxsplit >= 0 && out.length === maxsplit ? -1 : s.indexOf(sep, from);
    if (at < 0) {
      out.push(s.slice(from));
      return out;
    }
    out.push(s.slice(from, at));
    from = at + sep.length;
  }
}
function pyReverse(s) {
  return [...s].reverse().join("");
}
function htmlEscape(s) {
  let out = "";
  for (const ch of s) {
    out += ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === '"' ? "&#34;" : ch === "'" ? "&#39;" : ch;
  }
  return out;
}
function jsonDumps(v) {
  if (typeof v === "string") {
    let out = '"';
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      const ch = v[i];
      if (ch === '"') out += '\\"';
      else if (ch === "\\") out += "\\\\";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "	") out += "\\t";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else if (c < 32) out += `\\u${c.toString(16).padStart(4, "0")}`;
      else out += ch;
    }
    return `${out}"`;
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) return "null";
  if (isInt(v)) return String(v);
  if (isUnknown(v) || typeof v === "number") return void 0;
  if (isList(v)) {
    const parts = v.list.map(jsonDumps);
    return parts.some((p) => p === void 0) ? void 0 : `[${parts.join(", ")}]`;
  }
  if (isDict(v)) {
    const parts = v.dict.map(([k, x]) => {
      const key = typeof k === "string" ? k : typeof k === "boolean" ? k ? "true" : "false" : k === null ? "null" : isInt(k) ? String(k) : void 0;
      const val = jsonDumps(x);
      return key === void 0 || val === void 0 ? void 0 : `${jsonDumps(key)}: ${val}`;
    });
    return parts.some((p) => p === void 0) ? void 0 : `{${parts.join(", ")}}`;
  }
  return void 0;
}

// src/analyze/jinja/fold.ts
var BudgetExceeded = class extends Error {
};
function splitArgs(args) {
  const out = { positional: [], keyword: /* @__PURE__ */ new Map(), spread: false };
  for (const a of args) {
    if (a.type === "KeywordArgumentExpression") out.keyword.set(a.key.value, a.value);
    else if (a.type === "SpreadExpression" || a.type === "KeywordSpreadExpression") out.spread = true;
    else out.positional.push(a);
  }
  return out;
}
var NO_ARGS = () => ({ positional: [], keyword: /* @__PURE__ */ new Map(), spread: false });
function filterParts(f) {
  let n = f.filter;
  let wrapped = false;
  for (; ; ) {
    if (n.type === "Identifier") return { name: n.value, args: NO_ARGS(), core: n, wrapped };
    if (n.type === "CallExpression" && n.callee.type === "Identifier") {
      const c = n;
      return { name: c.callee.value, args: splitArgs(c.args), core: n, wrapped };
    }
    if (n.type === "CallExpression") n = n.callee;
    else if (n.type === "MemberExpression") n = n.object;
    else return { name: "", args: NO_ARGS(), core: n, wrapped };
    wrapped = true;
  }
}
var CONSTANT_NAMES = { true: true, True: true, false: false, False: false, none: null, None: null };
var str = (v) => typeof v === "string";
var list = (items, tuple = false) => tuple ? { list: items, tuple: true } : { list: items };
var repeatOk = (len, n) => n >= 0 && len * n <= MAX_STRING;
var SELECTING_FILTERS = /* @__PURE__ */ new Set([
  "trim",
  "upper",
  "lower",
  "capitalize",
  "title",
  "reverse",
  "string",
  "safe",
  "e",
  "escape",
  "forceescape",
  "list",
  "first",
  "last",
  "length",
  "count",
  "tojson",
  "items",
  "int",
  "float",
  "abs",
  "round",
  "unique",
  "sort",
  "dictsort",
  "select",
  "reject",
  "selectattr",
  "rejectattr",
  "batch",
  "slice",
  "random",
  "min",
  "max",
  "sum",
  "groupby",
  "wordcount",
  "striptags",
  "attr",
  "filesizeformat",
  "pprint",
  "urlencode",
  "bool"
]);
var SELECTING_METHODS = /* @__PURE__ */ new Set([
  "split",
  "rsplit",
  "strip",
  "lstrip",
  "rstrip",
  "partition",
  "rpartition",
  "splitlines",
  "lower",
  "upper",
  "title",
  "capitalize",
  "swapcase",
  "casefold",
  "startswith",
  "endswith",
  "count",
  "find",
  "rfind",
  "index",
  "rindex",
  "isdigit",
  "isalpha",
  "isspace",
  "items",
  "keys",
  "values",
  "removeprefix",
  "removesuffix"
]);
var Folder = class {
  constructor(scope, budget) {
    this.scope = scope;
    this.budget = budget;
  }
  scope;
  budget;
  memo;
  /** Values standing in for nodes while a filter's attached calls and indexes are evaluated on its result. */
  override = /* @__PURE__ */ new Map();
  /** Evaluations after the variables are solved can be memoised per node. */
  freeze() {
    this.memo = /* @__PURE__ */ new Map();
  }
  value(n) {
    const m = this.override.get(n) ?? this.memo?.get(n);
    if (m) return m;
    if (++meter.work > this.budget) throw new BudgetExceeded();
    const v = this.compute(n);
    this.memo?.set(n, v);
    return v;
  }
  compute(n) {
    switch (n.type) {
      case "StringLiteral":
        return constValue(n.value);
      case "IntegerLiteral": {
        const v = n.value;
        return Number.isSafeInteger(v) ? constValue(v) : dataValue();
      }
      case "FloatLiteral":
        return dataValue();
      case "ArrayLiteral":
      case "TupleLiteral":
        return this.sequence(n.value, n.type === "TupleLiteral");
      case "ObjectLiteral":
        return this.object(n);
      case "Identifier": {
        const name = n.value;
        if (name in CONSTANT_NAMES) return constValue(CONSTANT_NAMES[name]);
        return this.scope.variable(name);
      }
      case "MemberExpression":
        return this.member(n);
      case "CallExpression":
        return this.call(n);
      case "FilterExpression":
        return this.filter(n);
      case "BinaryExpression":
        return this.binary(n);
      case "UnaryExpression": {
        const u = n;
        const a = this.value(u.argument);
        if (u.operator.value === "-") return lift([a], (x) => isInt(x) ? -x : void 0);
        if (u.operator.value === "+") return lift([a], (x) => isInt(x) ? x : void 0);
        return constValue(true, false);
      }
      case "TestExpression":
        return constValue(true, false);
      case "SelectExpression":
        return join(this.value(n.lhs), dataValue());
      case "Ternary":
        return join(this.value(n.trueExpr), this.value(n.falseExpr));
      case "KeywordArgumentExpression":
        return this.value(n.value);
      case "SpreadExpression":
      case "KeywordSpreadExpression":
        return this.value(n.argument);
      default:
        return dataValue();
    }
  }
  sequence(items, tuple) {
    const avs = items.map((i) => this.value(i));
    if (avs.length > MAX_ITEMS) return unresolved(...avs);
    let combos = 1;
    for (const a of avs) combos *= Math.max(1, alternatives(a).length);
    if (combos > MAX_VALUES) return unresolved(...avs);
    const out = bottom();
    const pick = [];
    const rec = (k) => {
      if (k === avs.length) {
        addConst(out, list([...pick], tuple));
        return;
      }
      const alts = alternatives(avs[k]);
      for (const a of alts.length ? alts : [null]) {
        pick[k] = a;
        rec(k + 1);
      }
    };
    rec(0);
    return out;
  }
  object(o) {
    const entries = [...o.value.entries()];
    if (entries.length > MAX_ITEMS) return unresolved(...entries.flatMap(([k, v]) => [this.value(k), this.value(v)]));
    const keys = entries.map(([k]) => this.value(k));
    const vals = entries.map(([, v]) => this.value(v));
    const one = (a) => a.consts.length === 1 && !a.data && !a.built ? a.consts[0] : a.built || a.consts.length > 0 ? { unknown: "built" } : { unknown: "data" };
    if (keys.some((k) => k.consts.length > 1)) return unresolved(...keys, ...vals);
    const d = { dict: entries.map((_e, i) => [one(keys[i]), one(vals[i])]) };
    const out = constValue(d);
    for (const v of vals) if (v.consts.length > 1) joinInto(out, unresolved(v));
    return out;
  }
  /** `x.name` reads an attribute (or an item: Jinja's getattr falls back to getitem). */
  attribute(object, name) {
    const out = join(dataValue(), this.scope.variable(`.${name}`));
    for (const c of object.consts) if (isDict(c)) {
      for (const [k, v] of c.dict) if (k === name) addConst(out, v);
    }
    return out;
  }
  member(m) {
    const object = this.value(m.object);
    if (!m.computed) {
      if (m.property.type === "IntegerLiteral") return this.item(object, constValue(m.property.value));
      return this.attribute(object, m.property.value);
    }
    if (m.property.type === "SliceExpression") {
      const s = m.property;
      const part = (x) => x ? this.value(x) : constValue(null);
      return lift([object, part(s.start), part(s.stop), part(s.step)], (o, a, b, c) => {
        if (typeof o === "string") {
          const cps = [...o];
          const at = pySlice(cps.length, a, b, c);
          return at ? at.map((i) => cps[i]).join("") : void 0;
        }
        if (isList(o)) {
          const at = pySlice(o.list.length, a, b, c);
          return at ? list(at.map((i) => o.list[i]), o.tuple) : void 0;
        }
        return void 0;
      }, [true, false, false, false]);
    }
    return this.item(object, this.value(m.property));
  }
  /** `x[key]`: an item (or an attribute: Jinja's getitem falls back to getattr for string keys). */
  item(object, key) {
    const out = flagsOf(object);
    for (const o of object.consts) {
      if (typeof o === "string" || isList(o)) {
        const seq = typeof o === "string" ? [...o] : o.list;
        for (const k of key.consts) {
          if (isInt(k)) {
            const at = pyIndex(k, seq.length);
            if (at !== void 0) addConst(out, seq[at]);
          }
        }
        if (key.data || key.built) for (const x of seq) addConst(out, x);
      } else if (isDict(o)) {
        for (const k of key.consts) for (const [dk, dv] of o.dict) if (typeof dk === typeof k && dk === k) addConst(out, dv);
        if (key.data || key.built) for (const [, dv] of o.dict) addConst(out, dv);
      }
    }
    joinInto(out, dataValue());
    return out;
  }
  binary(b) {
    const op = b.operator.value;
    const l = this.value(b.left);
    const r = this.value(b.right);
    switch (op) {
      case "and":
      case "or":
        return join(l, r);
      case "+":
        return lift([l, r], (x, y) => {
          if (str(x) && str(y)) return x + y;
          if (isInt(x) && isInt(y)) return Number.isSafeInteger(x + y) ? x + y : void 0;
          if (isList(x) && isList(y) && !!x.tuple === !!y.tuple) return list([...x.list, ...y.list], x.tuple);
          return void 0;
        });
      case "~":
        return lift([l, r], (x, y) => {
          const a = pyStr(x);
          const c = pyStr(y);
          return a === void 0 || c === void 0 ? void 0 : a + c;
        });
      case "-":
        return lift([l, r], (x, y) => isInt(x) && isInt(y) && Number.isSafeInteger(x - y) ? x - y : void 0);
      case "*":
        return lift([l, r], (x, y) => {
          if (str(x) && isInt(y)) return repeatOk(x.length, y) ? x.repeat(y) : void 0;
          if (isInt(x) && str(y)) return repeatOk(y.length, x) ? y.repeat(x) : void 0;
          if (isList(x) && isInt(y) && y >= 0 && x.list.length * y <= MAX_ITEMS) return list(Array.from({ length: y }, () => x.list).flat(), x.tuple);
          if (isInt(x) && isInt(y)) return Number.isSafeInteger(x * y) ? x * y : void 0;
          return void 0;
        });
      case "//":
        return lift([l, r], (x, y) => isInt(x) && isInt(y) && y !== 0 ? Math.floor(x / y) : void 0);
      case "%":
        return lift([l, r], (x, y) => {
          if (str(x)) return percentFormat(x, y);
          if (isInt(x) && isInt(y) && y !== 0) return (x % y + y) % y;
          return void 0;
        });
      case "**":
        return lift([l, r], (x, y) => isInt(x) && isInt(y) && y >= 0 && y < 64 && Number.isSafeInteger(x ** y) ? x ** y : void 0);
      case "/":
        return unresolved(l, r);
      default:
        return constValue(true, false);
    }
  }
  args(a) {
    return { pos: a.positional.map((p) => this.value(p)), kw: new Map([...a.keyword].map(([k, v]) => [k, this.value(v)])) };
  }
  filter(f) {
    const { name, args, core, wrapped } = filterParts(f);
    const operand = this.value(f.operand);
    const { pos, kw } = this.args(args);
    const result = args.spread || name === "" ? unresolved(operand, ...pos, ...kw.values()) : this.applyFilter(name, operand, pos, kw);
    if (!wrapped) return result;
    this.override.set(core, result);
    this.memo?.set(core, result);
    try {
      return this.value(f.filter);
    } finally {
      this.override.delete(core);
    }
  }
  applyFilter(name, operand, pos, kw) {
    const all = [operand, ...pos, ...kw.values()];
    const selecting = SELECTING_FILTERS.has(name);
    const flows = all.map((_a, i) => i === 0 || !selecting);
    const one = (fn2) => kw.size > 0 ? unresolved(...all) : lift([operand, ...pos], fn2, flows);
    switch (name) {
      case "upper":
        return one((v) => str(v) ? v.toUpperCase() : void 0);
      case "lower":
        return one((v) => str(v) ? v.toLowerCase() : void 0);
      case "capitalize":
        return one((v) => str(v) ? v.slice(0, 1).toUpperCase() + v.slice(1).toLowerCase() : void 0);
      case "trim":
        return one((v, chars) => str(v) && (chars === void 0 || chars === null || str(chars)) ? pyStrip(v, chars ?? null, "both") : void 0);
      case "reverse":
        return one((v) => str(v) ? pyReverse(v) : isList(v) ? list([...v.list].reverse()) : void 0);
      case "string":
        return one((v) => pyStr(v));
      case "safe":
        return one((v) => str(v) ? v : void 0);
      case "e":
      case "escape":
      case "forceescape":
        return one((v) => str(v) ? htmlEscape(v) : void 0);
      case "list":
        return one((v) => str(v) ? list([...v]) : isList(v) ? list(v.list) : isDict(v) ? list(v.dict.map(([k]) => k)) : void 0);
      case "first":
      case "last":
        return one((v) => {
          const seq = str(v) ? [...v] : isList(v) ? v.list : isDict(v) ? v.dict.map(([k]) => k) : void 0;
          return seq && seq.length > 0 ? seq[name === "first" ? 0 : seq.length - 1] : void 0;
        });
      case "length":
      case "count":
        return one((v) => str(v) ? [...v].length : isList(v) ? v.list.length : isDict(v) ? v.dict.length : void 0);
      case "join": {
        if (kw.has("attribute") || pos.length > 1) return unresolved(...all);
        return lift([operand, pos[0] ?? constValue("")], (v, sep) => {
          const items = str(v) ? [...v] : isList(v) ? v.list : void 0;
          if (!items || !str(sep)) return void 0;
          const parts = items.map(pyStr);
          return parts.some((p) => p === void 0) ? void 0 : parts.join(sep);
        });
      }
      case "replace":
        return one((v, a, b, c) => {
          if (!str(v) || !str(a) || !str(b) || c !== void 0 && c !== null && !isInt(c)) return void 0;
          return pyReplace(v, a, b, isInt(c) ? c : -1);
        });
      case "format": {
        if (kw.size > 0 && pos.length > 0) return unresolved(...all);
        if (kw.size > 0) {
          const names = [...kw.keys()];
          return lift([operand, ...kw.values()], (v, ...vals) => str(v) ? percentFormat(v, { dict: names.map((k, i) => [k, vals[i]]) }) : void 0);
        }
        return lift([operand, ...pos], (v, ...a) => str(v) ? percentFormat(v, list(a, true)) : void 0);
      }
      case "default":
      case "d":
        return join(operand, pos[0] ?? constValue(""));
      case "tojson":
        return one((v) => jsonDumps(v));
      case "items":
        return one((v) => isDict(v) ? list(v.dict.map(([k, x]) => list([k, x], true))) : void 0);
      case "int":
        return one((v) => isInt(v) ? v : str(v) ? pyInt(v) : void 0);
      case "abs":
        return one((v) => isInt(v) ? Math.abs(v) : void 0);
      case "unique":
      case "sort":
        return one((v, ...rest) => {
          if (!isList(v) || rest.length > 0) return void 0;
          if (v.list.every(str)) {
            const items = v.list;
            if (name === "unique") {
              const seen = /* @__PURE__ */ new Set();
              return list(items.filter((s) => seen.has(s.toLowerCase()) ? false : (seen.add(s.toLowerCase()), true)));
            }
            return list([...items].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
          }
          if (name === "sort" && v.list.every(isInt)) return list([...v.list].sort((a, b) => a - b));
          return void 0;
        });
      case "map":
        return this.mapFilter(operand, pos, kw);
      case "attr":
        return dataValue();
      default:
        return unresolved(...all.filter((_a, i) => flows[i]));
    }
  }
  mapFilter(operand, pos, kw) {
    if (kw.has("attribute") || pos.length === 0) return unresolved(operand);
    const [fname, ...rest] = pos;
    const out = bottom();
    if (fname.data || fname.built) joinInto(out, unresolved(operand, ...pos));
    for (const f of fname.consts) {
      if (!str(f)) continue;
      const mapped = this.applyFilter(f, elements(operand), rest, kw);
      const lists = lift([operand], (v) => {
        const items = str(v) ? [...v] : isList(v) ? v.list : void 0;
        if (!items) return void 0;
        const each = items.map((x) => this.applyFilter(f, constValue(x), rest, kw));
        return each.every((e) => e.consts.length === 1 && !e.data && !e.built) ? list(each.map((e) => e.consts[0])) : void 0;
      });
      joinInto(out, lists);
      out.built ||= mapped.built;
      out.data ||= mapped.data || operand.data;
    }
    return out;
  }
  call(c) {
    const a = splitArgs(c.args);
    const { pos, kw } = this.args(a);
    const all = [...pos, ...kw.values()];
    if (c.callee.type === "Identifier") {
      const name = c.callee.value;
      if (this.scope.isMacro(name) && !this.scope.bound(name)) return join(this.scope.variable(`macro:${name}`), dataValue());
      if (name === "caller") return join(this.scope.variable("macro:caller"), dataValue());
      if (!this.scope.bound(name)) {
        if (name === "range" && kw.size === 0 && !a.spread) {
          return lift(pos, (...xs) => {
            if (!xs.every(isInt) || xs.length < 1 || xs.length > 3) return void 0;
            const [start, stop, step] = xs.length === 1 ? [0, xs[0], 1] : [xs[0], xs[1], xs[2] ?? 1];
            if (step === 0) return void 0;
            const n = Math.max(0, Math.ceil((stop - start) / step));
            return n > MAX_ITEMS ? void 0 : list(Array.from({ length: n }, (_v, i) => start + i * step));
          });
        }
        if (name === "dict" && pos.length === 0 && !a.spread) {
          const names = [...kw.keys()];
          const vals = [...kw.values()];
          const d = constValue({ dict: names.map((k, i) => [k, single(vals[i])]) });
          for (const v of vals) if (v.consts.length > 1) joinInto(d, unresolved(v));
          return d;
        }
        if (name === "namespace") return dataValue();
      }
      return join(dataValue(), unresolved(...all));
    }
    if (c.callee.type === "MemberExpression") {
      const m = c.callee;
      const names = methodNames(this, m);
      const receiver = this.value(m.object);
      if (names === void 0 || names.length === 0 || a.spread) return join(dataValue(), unresolved(receiver, ...all));
      const out = bottom();
      for (const name of names) joinInto(out, this.method(name, receiver, pos, kw));
      return out;
    }
    return join(dataValue(), unresolved(this.value(c.callee), ...all));
  }
  method(name, receiver, pos, kw) {
    const all = [receiver, ...pos, ...kw.values()];
    const flows = all.map((_a, i) => i === 0 || !SELECTING_METHODS.has(name));
    return join(dataValue(), lift(all, (r, ...args) => {
      if (str(r)) return strMethod(name, r, args.slice(0, pos.length), new Map([...kw.keys()].map((k, i) => [k, args[pos.length + i]])));
      if (isDict(r) && kw.size === 0) {
        if (name === "keys") return list(r.dict.map(([k]) => k));
        if (name === "values") return list(r.dict.map(([, v]) => v));
        if (name === "items") return list(r.dict.map(([k, v]) => list([k, v], true)));
        if (name === "get") return r.dict.find(([k]) => k === args[0])?.[1] ?? (args[1] ?? null);
      }
      return void 0;
    }, flows));
  }
  /** What a list of statements outputs (a `{% set x %}...{% endset %}` body, a macro's body). */
  outputs(body) {
    let acc = constValue("");
    for (const st of body) {
      if (st.type === "Comment" || st.type === "Set" || st.type === "Macro") continue;
      let part;
      if (st.type === "If") {
        const i = st;
        part = join(this.outputs(i.body), this.outputs(i.alternate));
      } else if (STATEMENTS.has(st.type)) part = join(unresolved(this.outputsOf(st)), constValue(""));
      else part = lift([this.value(st)], (v) => pyStr(v));
      acc = lift([acc, part], (x, y) => str(x) && str(y) && x.length + y.length <= MAX_STRING ? x + y : void 0);
    }
    return acc;
  }
  /** Loops and call blocks repeat or wrap their bodies: only what flows out is kept, not the exact text. */
  outputsOf(st) {
    const x = st;
    return join(this.outputs(x.body ?? []), this.outputs(x.defaultBlock ?? []));
  }
};
function single(a) {
  if (a.consts.length === 1 && !a.data && !a.built) return a.consts[0];
  return a.built || a.consts.length > 0 ? { unknown: "built" } : { unknown: "data" };
}
function methodNames(folder, m) {
  if (!m.computed) return m.property.type === "Identifier" ? [m.property.value] : [];
  if (m.property.type === "SliceExpression") return [];
  const k = folder.value(m.property);
  if (k.built) return void 0;
  return k.consts.filter(str);
}
function pyReplace(s, a, b, count2) {
  if (a === "") {
    const cps = [...s];
    const out2 = [];
    let n2 = 0;
    for (let i = 0; i <= cps.length; i++) {
      if (count2 < 0 || n2 < count2) {
        out2.push(b);
        n2++;
      }
      if (i < cps.length) out2.push(cps[i]);
    }
    const r = out2.join("");
    return r.length <= MAX_STRING ? r : void 0;
  }
  let out = "";
  let from = 0;
  let n = 0;
  for (; ; ) {
    const at = count2 >= 0 && n >= count2 ? -1 : s.indexOf(a, from);
    if (at < 0) break;
    out += s.slice(from, at) + b;
    from = at + a.length;
    n++;
    if (out.length > MAX_STRING) return void 0;
  }
  return out + s.slice(from);
}
function pyInt(s) {
  const t = pyStrip(s, null, "both").replace(/_/g, "");
  if (t.length > 15) return 0;
  let i = t[0] === "-" || t[0] === "+" ? 1 : 0;
  if (i === t.length) return 0;
  for (; i < t.length; i++) if (t[i] < "0" || t[i] > "9") return 0;
  return Number(t);
}
function strMethod(name, s, args, kw) {
  const a0 = args[0];
  const a1 = args[1];
  const optStr = (v) => v === void 0 || v === null ? null : str(v) ? v : void 0;
  if (name === "format") return strFormat(s, args, kw);
  if (kw.size > 0) return void 0;
  switch (name) {
    case "upper":
      return s.toUpperCase();
    case "lower":
    case "casefold":
      return s.toLowerCase();
    case "capitalize":
      return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
    case "swapcase":
      return [...s].map((c) => c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()).join("");
    case "strip":
    case "lstrip":
    case "rstrip": {
      const chars = optStr(a0);
      return chars === void 0 ? void 0 : pyStrip(s, chars, name === "strip" ? "both" : name === "lstrip" ? "left" : "right");
    }
    case "replace":
      return str(a0) && str(a1) && (args[2] === void 0 || isInt(args[2])) ? pyReplace(s, a0, a1, isInt(args[2]) ? args[2] : -1) : void 0;
    case "split": {
      const sep = optStr(a0);
      if (sep === void 0 || a1 !== void 0 && !isInt(a1)) return void 0;
      const parts = pySplit(s, sep, isInt(a1) ? a1 : -1);
      return parts && parts.length <= MAX_ITEMS ? list(parts) : void 0;
    }
    case "join": {
      const items = str(a0) ? [...a0] : a0 !== void 0 && isList(a0) ? a0.list : void 0;
      if (!items || !items.every(str)) return void 0;
      const r = items.join(s);
      return r.length <= MAX_STRING ? r : void 0;
    }
    case "removeprefix":
      return str(a0) ? s.startsWith(a0) ? s.slice(a0.length) : s : void 0;
    case "removesuffix":
      return str(a0) ? a0 !== "" && s.endsWith(a0) ? s.slice(0, -a0.length) : s : void 0;
    case "zfill":
    case "center":
    case "ljust":
    case "rjust": {
      if (!isInt(a0) || a0 > MAX_STRING) return void 0;
      const fill2 = a1 === void 0 ? " " : str(a1) && [...a1].length === 1 ? a1 : void 0;
      if (fill2 === void 0) return void 0;
      if (name === "zfill") return s.length >= a0 ? s : s[0] === "-" || s[0] === "+" ? s[0] + "0".repeat(a0 - s.length) + s.slice(1) : "0".repeat(a0 - s.length) + s;
      if (name === "ljust") return s.padEnd(a0, fill2);
      if (name === "rjust") return s.padStart(a0, fill2);
      return void 0;
    }
    case "partition":
    case "rpartition": {
      if (!str(a0) || a0 === "") return void 0;
      const at = name === "partition" ? s.indexOf(a0) : s.lastIndexOf(a0);
      if (at < 0) return name === "partition" ? list([s, "", ""], true) : list(["", "", s], true);
      return list([s.slice(0, at), a0, s.slice(at + a0.length)], true);
    }
    case "find":
    case "index":
      return str(a0) ? s.indexOf(a0) : void 0;
    case "count":
      return str(a0) && a0 !== "" ? s.split(a0).length - 1 : void 0;
    case "startswith":
      return str(a0) ? s.startsWith(a0) : void 0;
    case "endswith":
      return str(a0) ? s.endsWith(a0) : void 0;
    default:
      return void 0;
  }
}

// src/analyze/jinja/names.ts
var INTERNAL = /* @__PURE__ */ new Set([
  "func_globals",
  "func_code",
  "func_closure",
  "func_defaults",
  "func_dict",
  "im_func",
  "im_self",
  "im_class",
  "gi_frame",
  "gi_code",
  "gi_yieldfrom",
  "cr_frame",
  "cr_code",
  "cr_await",
  "cr_origin",
  "ag_frame",
  "ag_code",
  "ag_await",
  "f_back",
  "f_globals",
  "f_locals",
  "f_builtins",
  "f_code",
  "tb_frame",
  "tb_next",
  "co_code",
  "co_consts",
  "co_names",
  "mro"
]);
function internalName(name) {
  if (name.startsWith("__")) return "walks Python object internals";
  const mangled = name.indexOf("__", 2);
  if (name.startsWith("_") && mangled > 1 && mangled + 2 < name.length) return "reads a name-mangled private attribute";
  if (INTERNAL.has(name)) return "walks Python frame, code or type internals";
  if (name === "format_map") return "reaches str.format_map (how CVE-2019-10906 escaped the Jinja sandbox)";
  return void 0;
}
function privateName(name) {
  return name.startsWith("_") && internalName(name) === void 0;
}
var CODE_CALLS = /* @__PURE__ */ new Set([
  "popen",
  "Popen",
  "system",
  "fork",
  "forkpty",
  "check_output",
  "check_call",
  "getoutput",
  "getstatusoutput",
  "eval",
  "exec",
  "compile",
  "__import__",
  "import_module",
  "load_module",
  "exec_module",
  "getattr",
  "setattr",
  "delattr",
  "open",
  "globals",
  "locals",
  "vars",
  "breakpoint",
  "input",
  "execfile",
  "urlopen",
  "unlink",
  "rmtree",
  "remove",
  "kill",
  "run_path",
  "run_module"
]);
function codeCall(name) {
  if (CODE_CALLS.has(name) || /^exec[lv]p?e?$/.test(name) || /^spawn[lv]p?e?$/.test(name) || /^posix_spawnp?$/.test(name)) {
    return `calls ${name}(), which runs code or commands`;
  }
  return void 0;
}
var MODULES = /* @__PURE__ */ new Set([
  "os",
  "sys",
  "subprocess",
  "builtins",
  "__builtins__",
  "importlib",
  "posix",
  "nt",
  "pty",
  "socket",
  "shutil",
  "ctypes",
  "pickle",
  "marshal",
  "runpy",
  "codecs",
  "io",
  "pathlib",
  "platform",
  "commands"
]);
function moduleName(name) {
  return MODULES.has(name);
}
var ENTRY_GLOBALS = /* @__PURE__ */ new Set(["lipsum", "self", "request", "config", "url_for", "get_flashed_messages", "session"]);
function entryGlobal(name) {
  return ENTRY_GLOBALS.has(name);
}
var ATTRIBUTE_FILTERS = {
  attr: { positional: 0 },
  map: { keyword: "attribute" },
  selectattr: { positional: 0 },
  rejectattr: { positional: 0 },
  sort: { positional: 2, keyword: "attribute" },
  unique: { positional: 1, keyword: "attribute" },
  min: { positional: 1, keyword: "attribute" },
  max: { positional: 1, keyword: "attribute" },
  sum: { positional: 0, keyword: "attribute" },
  groupby: { positional: 0, keyword: "attribute" },
  join: { positional: 1, keyword: "attribute" }
};

// src/analyze/jinja/lexical.ts
var isIdentStart = (c) => c === "_" || new RegExp("\\p{L}", "u").test(c);
var isIdentPart = (c) => c === "_" || /[\p{L}\p{N}]/u.test(c);
var isHex = (c) => c !== void 0 && (c >= "0" && c <= "9" || c >= "a" && c <= "f" || c >= "A" && c <= "F");
var isNameChar = (c) => c >= "a" && c <= "z" || c >= "A" && c <= "Z" || c >= "0" && c <= "9" || c === "_" || c === ".";
var SIMPLE_ESCAPES = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "	", v: "\v", "\n": "" };
function namedChar(name) {
  const n = name.toUpperCase();
  if (n === "LOW LINE") return "_";
  if (n === "FULL STOP") return ".";
  if (n === "SPACE") return " ";
  const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(n);
  if (letter) return letter[1] === "SMALL" ? letter[2].toLowerCase() : letter[2];
  const digits = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
  if (n.startsWith("DIGIT ") && digits.includes(n.slice(6))) return String(digits.indexOf(n.slice(6)));
  return "\uFFFD";
}
function decodePyString(raw) {
  let value = "";
  let obfuscated = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c !== "\\" || i + 1 >= raw.length) {
      value += c;
      i++;
      continue;
    }
    const e = raw[i + 1];
    let out;
    let used = 2;
    if (e in SIMPLE_ESCAPES) out = SIMPLE_ESCAPES[e];
    else if (e >= "0" && e <= "7") {
      let j = i + 1;
      let digits = "";
      while (j < raw.length && digits.length < 3 && raw[j] >= "0" && raw[j] <= "7") digits += raw[j++];
      out = String.fromCodePoint(parseInt(digits, 8));
      used = 1 + digits.length;
    } else if (e === "x" || e === "u" || e === "U") {
      const len = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex2 = raw.slice(i + 2, i + 2 + len);
      if (hex2.length === len && [...hex2].every(isHex) && parseInt(hex2, 16) <= 1114111) {
        out = String.fromCodePoint(parseInt(hex2, 16));
        used = 2 + len;
      }
    } else if (e === "N" && raw[i + 2] === "{") {
      const close = raw.indexOf("}", i + 3);
      if (close > 0 && close - i < 100) {
        out = namedChar(raw.slice(i + 3, close));
        used = close + 1 - i;
        if (out === "\uFFFD") obfuscated = true;
      }
    }
    if (out === void 0) {
      value += c;
      i++;
      continue;
    }
    if (e !== "\\" && e !== "'" && e !== '"' && [...out].some(isNameChar)) obfuscated = true;
    value += out;
    i += used;
  }
  return { value, obfuscated };
}
function lexCode(source) {
  const tokens = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const open = source.indexOf("{", i);
    if (open < 0) break;
    const kind = source[open + 1];
    if (kind === "#") {
      const end = source.indexOf("#}", open + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (kind !== "{" && kind !== "%") {
      i = open + 1;
      continue;
    }
    const closer = kind === "{" ? "}}" : "%}";
    let p = open + 2;
    let depth = 0;
    while (p < n) {
      const c = source[p];
      if (c === "'" || c === '"') {
        let q = p + 1;
        while (q < n && source[q] !== c) q += source[q] === "\\" ? 2 : 1;
        const { value, obfuscated } = decodePyString(source.slice(p + 1, Math.min(q, n)));
        tokens.push({ kind: "string", value, obfuscated });
        p = q + 1;
        continue;
      }
      if (depth === 0 && source.startsWith(closer, p)) {
        p += 2;
        break;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
      if (isIdentStart(c)) {
        let q = p + 1;
        while (q < n && isIdentPart(source[q])) q++;
        tokens.push({ kind: "name", value: source.slice(p, q) });
        p = q;
        continue;
      }
      if (c === "(" || c === "." || c === "[" || c === "|") tokens.push({ kind: "op", value: c });
      p++;
    }
    i = p;
  }
  return tokens;
}
function pieces(s) {
  const out = [];
  let cur = "";
  for (const c of s) {
    if (c === "_" || c >= "a" && c <= "z" || c >= "A" && c <= "Z" || c >= "0" && c <= "9") cur += c;
    else {
      if (cur) out.push(cur);
      cur = "";
    }
  }
  if (cur) out.push(cur);
  return out;
}
var SUFFIX = " (found by a lexical scan: the template was not parsed)";
function lexicalHits(source) {
  const hits = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (severity, why, evidence, detail) => {
    const key = `${severity}${why}${detail ?? ""}`;
    if (seen.has(key) || hits.length >= 20) return;
    seen.add(key);
    hits.push({ severity, why: why + SUFFIX, evidence, ...detail !== void 0 ? { detail } : {} });
  };
  const tokens = lexCode(source);
  tokens.forEach((t, k) => {
    const next = tokens[k + 1];
    if (t.kind === "name") {
      const why = internalName(t.value);
      if (why) add("critical", why, t.value, `\`${t.value}\``);
      const call = codeCall(t.value);
      if (call && next?.value === "(") add("critical", call, `${t.value}(`);
      if (moduleName(t.value) && (next?.value === "." || next?.value === "(")) add("critical", "reaches for a Python module", `${t.value}${next.value}`, `\`${t.value}\``);
    } else if (t.kind === "string") {
      for (const p of pieces(t.value)) {
        if (/^_+$/.test(p)) continue;
        const why = internalName(p);
        if (why) add("critical", why, JSON.stringify(t.value.slice(0, 120)), `string \`${p}\``);
      }
      if (t.obfuscated) add("high", "spells letters or underscores with escape sequences, a way to hide attribute names", JSON.stringify(t.value.slice(0, 120)));
    }
  });
  return hits;
}

// src/analyze/jinja/judge.ts
var MAX_DEPTH = 256;
function budgetFor(nodes) {
  return 1e5 + 400 * nodes;
}
function judgeTemplate(source, opts = {}) {
  meter.work = 0;
  const parsed = parseTemplate(source);
  if ("error" in parsed) {
    return { hits: lexicalHits(source), incomplete: `the Jinja parser rejected it: ${parsed.error}`, stats: { nodes: 0, work: meter.work } };
  }
  const tree = walk(parsed.program, MAX_DEPTH);
  if (tree.unknown !== void 0 || tree.tooDeep) {
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
var isDunder = (n) => n.length > 4 && n.startsWith("__") && n.endsWith("__") && /[A-Za-z]/.test(n);
var Judge = class {
  constructor(program, nodes, opts) {
    this.program = program;
    this.nodes = nodes;
    this.opts = opts;
    this.folder = new Folder(this, budgetFor(nodes.length));
  }
  program;
  nodes;
  opts;
  env = /* @__PURE__ */ new Map();
  /** Names bound by loops, macro parameters and call-block arguments: template-local, never caller inputs. */
  local = /* @__PURE__ */ new Set();
  /** Names assigned with `set` (callers may pass the same names: their values join the caller's data). */
  assigned = /* @__PURE__ */ new Set();
  macros = /* @__PURE__ */ new Map();
  equations = [];
  /** Callee nodes of calls. */
  called = /* @__PURE__ */ new Set();
  /** Identifier nodes that name something other than a variable (attributes, filters, tests, keywords). */
  notReferences = /* @__PURE__ */ new Set();
  /** Nodes that are statements of a body (template text and `{{ }}` output), not parts of expressions. */
  statements = /* @__PURE__ */ new Set();
  memberObjects = /* @__PURE__ */ new Set();
  /** The call nodes that are a filter with its arguments (`x|name(args)`), with their filter expression. */
  filterCores = /* @__PURE__ */ new Map();
  reads;
  folder;
  hits = [];
  seen = /* @__PURE__ */ new Set();
  variable(name) {
    this.reads?.add(name);
    const v = this.env.get(name) ?? bottom();
    if (name.startsWith(".") || name.startsWith("macro:")) return v;
    return this.local.has(name) && !this.assigned.has(name) ? v : join(v, dataValue());
  }
  bound(name) {
    return this.local.has(name) || this.assigned.has(name);
  }
  isMacro(name) {
    return this.macros.has(name);
  }
  run() {
    this.collect();
    this.solve();
    this.folder.freeze();
    for (const n of this.nodes) this.judge(n);
    return this.hits;
  }
  eq(target, compute) {
    this.equations.push({ target, compute });
  }
  /** One pass over the tree: scopes, equations for every assignment, and the roles of nodes. */
  collect() {
    const f = this.folder;
    for (const n of this.nodes) {
      const x = n;
      for (const k of ["body", "alternate", "defaultBlock"]) if (Array.isArray(x[k])) for (const s of x[k]) this.statements.add(s);
      if (n.type === "Macro") this.macros.set(n.name.value, n);
    }
    this.statements.add(this.program);
    for (const s of this.program.body) this.statements.add(s);
    for (const n of this.nodes) {
      switch (n.type) {
        case "For": {
          const fo = n;
          const targets = fo.loopvar.type === "Identifier" ? [fo.loopvar] : (fo.loopvar.value ?? []).filter((t) => t.type === "Identifier");
          const nested = fo.loopvar.type !== "Identifier";
          for (const t of targets) {
            this.local.add(t.value);
            this.notReferences.add(t);
            this.eq(t.value, () => nested ? elements(elements(f.value(fo.iterable))) : elements(f.value(fo.iterable)));
          }
          break;
        }
        case "Set": {
          const s = n;
          const value = () => s.value ? f.value(s.value) : f.outputs(s.body);
          if (s.assignee.type === "Identifier") {
            const name = s.assignee.value;
            this.assigned.add(name);
            this.notReferences.add(s.assignee);
            this.eq(name, value);
          } else if (s.assignee.type === "TupleLiteral") {
            for (const t of s.assignee.value) {
              if (t.type !== "Identifier") continue;
              this.assigned.add(t.value);
              this.notReferences.add(t);
              this.eq(t.value, () => elements(value()));
            }
          } else if (s.assignee.type === "MemberExpression" && !s.assignee.computed) {
            const prop = s.assignee.property;
            if (prop.type === "Identifier") this.eq(`.${prop.value}`, value);
          }
          break;
        }
        case "Macro": {
          const m = n;
          this.notReferences.add(m.name);
          for (const a of m.args) {
            if (a.type === "Identifier") {
              this.local.add(a.value);
              this.notReferences.add(a);
            } else if (a.type === "KeywordArgumentExpression") {
              const k = a;
              this.local.add(k.key.value);
              this.eq(k.key.value, () => f.value(k.value));
            }
          }
          this.eq(`macro:${m.name.value}`, () => f.outputs(m.body));
          break;
        }
        case "CallStatement": {
          const c = n;
          for (const a of c.callerArgs ?? []) {
            const name = a.type === "Identifier" ? a.value : a.type === "KeywordArgumentExpression" ? a.key.value : void 0;
            if (name !== void 0) this.local.add(name);
            if (a.type === "Identifier") this.notReferences.add(a);
            if (a.type === "KeywordArgumentExpression") this.eq(name, () => f.value(a.value));
          }
          this.eq("macro:caller", () => f.outputs(c.body));
          break;
        }
        case "CallExpression": {
          const c = n;
          this.called.add(c.callee);
          if (c.callee.type === "Identifier" && !this.filterCores.has(c)) this.callEquations(c.callee.value, c.args);
          break;
        }
        case "MemberExpression": {
          const m = n;
          this.memberObjects.add(m.object);
          if (!m.computed) this.notReferences.add(m.property);
          break;
        }
        case "FilterExpression": {
          const fe = n;
          const { core } = filterParts(fe);
          this.notReferences.add(core.type === "CallExpression" ? core.callee : core);
          if (core.type === "CallExpression") this.filterCores.set(core, fe);
          break;
        }
        case "FilterStatement": {
          const flt = n.filter;
          this.notReferences.add(flt.type === "CallExpression" ? flt.callee : flt);
          break;
        }
        case "TestExpression":
          this.notReferences.add(n.test);
          break;
        case "KeywordArgumentExpression":
          this.notReferences.add(n.key);
          break;
        default:
          break;
      }
    }
    for (const [name, v] of Object.entries(this.opts.specialTokens ?? {})) this.eq(name, () => constValue(v));
  }
  /** Arguments of macro calls flow into its parameters; `namespace(k=v)` into namespace attribute `k`. */
  callEquations(name, args) {
    const f = this.folder;
    const a = splitArgs(args);
    const macro = this.macros.get(name);
    if (macro && !this.bound(name)) {
      const params = macro.args.map((p) => p.type === "Identifier" ? p.value : p.key.value);
      a.positional.forEach((arg, i) => {
        const p = params[i];
        if (p !== void 0) this.eq(p, () => f.value(arg));
        else this.eq("varargs", () => lift([f.value(arg)], (v) => ({ list: [v] })));
      });
      for (const [k, v] of a.keyword) {
        if (params.includes(k)) this.eq(k, () => f.value(v));
        else this.eq("kwargs", () => lift([f.value(v)], (x) => ({ dict: [[k, x]] })));
      }
    } else if (name === "namespace" && !this.bound(name)) {
      for (const [k, v] of a.keyword) this.eq(`.${k}`, () => f.value(v));
    }
  }
  /** Solves the equations: a worklist re-evaluates an assignment when a variable it read grew. */
  solve() {
    const deps = /* @__PURE__ */ new Map();
    const queued = new Array(this.equations.length).fill(true);
    const queue = this.equations.map((_e, i) => i);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      queued[i] = false;
      const e = this.equations[i];
      this.reads = /* @__PURE__ */ new Set();
      const v = e.compute();
      for (const r of this.reads) {
        let d = deps.get(r);
        if (!d) deps.set(r, d = /* @__PURE__ */ new Set());
        d.add(i);
      }
      this.reads = void 0;
      let cur = this.env.get(e.target);
      if (!cur) this.env.set(e.target, cur = bottom());
      if (joinInto(cur, v)) {
        for (const j of deps.get(e.target) ?? []) {
          if (!queued[j]) {
            queued[j] = true;
            queue.push(j);
          }
        }
      }
      if (q > 1e6) throw new BudgetExceeded();
    }
  }
  hit(severity, why, node2, detail) {
    const evidence = show(node2);
    const key = `${severity}\0${why}\0${detail ?? ""}\0${evidence}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.hits.push({ severity, why, evidence, ...detail !== void 0 ? { detail } : {} });
  }
  /** An attribute or item name reached by `how`. True when the name alone is a finding. */
  name(name, node2, how) {
    return this.names([name], node2, how);
  }
  /**
   * The names one access site can reach (a folded key may have several values): one hit per kind, naming the
   * most telling names first (whole dunders), so a loop that builds `__class__` reads as one problem.
   */
  names(names, node2, how) {
    const byWhy = /* @__PURE__ */ new Map();
    const priv = [];
    for (const n of names) {
      const why = internalName(n);
      if (why) byWhy.set(why, [...byWhy.get(why) ?? [], n]);
      else if (privateName(n)) priv.push(n);
    }
    const list2 = (ns) => {
      const sorted = [...ns].sort((a, b) => Number(isDunder(b)) - Number(isDunder(a)));
      return `${sorted.slice(0, 3).map((x) => `\`${x}\``).join(", ")}${sorted.length > 3 ? ` and ${sorted.length - 3} more` : ""}`;
    };
    for (const [why, ns] of byWhy) this.hit("critical", why, node2, `${how} ${list2(ns)}`);
    if (priv.length > 0) this.hit("high", "reads a private attribute", node2, `${how} ${list2(priv)}`);
    return byWhy.size > 0 || priv.length > 0;
  }
  judge(n) {
    const f = this.folder;
    switch (n.type) {
      case "Identifier": {
        if (this.notReferences.has(n)) return;
        const name = n.value;
        if (this.bound(name) || this.macros.has(name)) return;
        if (name.startsWith("__")) this.hit("critical", "names interpreter internals", n, `\`${name}\``);
        else if (moduleName(name) && (this.memberObjects.has(n) || this.called.has(n))) this.hit("critical", "reaches for a Python module", n, `\`${name}\``);
        else if (entryGlobal(name)) this.hit("medium", "uses a global that template-injection payloads start from", n, `\`${name}\``);
        return;
      }
      case "MemberExpression": {
        const m = n;
        if (m.property.type === "SliceExpression") return;
        if (!m.computed) {
          if (m.property.type !== "Identifier") return;
          const name = m.property.value;
          this.name(name, n, "attribute");
          if (name === "format" && !this.called.has(n)) this.formatReference(f.value(m.object), n);
          return;
        }
        const key = f.value(m.property);
        this.names(strings(key), n, "item");
        if (strings(key).includes("format") && !this.called.has(n)) this.formatReference(f.value(m.object), n);
        if (key.built) this.hit("high", "indexes with a name it builds from strings in a way this scanner cannot follow (Jinja reads `x[name]` as an attribute too)", n);
        return;
      }
      case "FilterExpression":
        f.value(n);
        this.attributeFilter(n);
        return;
      case "CallExpression":
        this.call(n);
        return;
      case "StringLiteral": {
        if (this.statements.has(n)) return;
        const v = n.value;
        if (!v.includes("{")) return;
        for (const field of formatFields(v)?.fields ?? []) {
          for (const p of field.path) {
            const name = p.attr ?? p.item ?? "";
            const why = internalName(name);
            if (why) this.hit("critical", `holds a str.format field that ${why}`, n, `\`${name}\``);
          }
        }
        return;
      }
      default:
        return;
    }
  }
  /** `x.format` taken without calling it on a string the template wrote: the CVE-2024-56326 sandbox escape. */
  formatReference(receiver, n) {
    if (receiver.built || strings(receiver).length > 0) {
      this.hit("critical", "takes a reference to str.format without calling it (how CVE-2024-56326 escaped the Jinja sandbox)", n);
    }
  }
  attributeFilter(fe) {
    const f = this.folder;
    const { name, args } = filterParts(fe);
    let spec = ATTRIBUTE_FILTERS[name];
    if (name === "map" && args.positional[0] && strings(f.value(args.positional[0])).includes("attr")) {
      spec = { positional: 1 };
    }
    if (!spec) return;
    const argNode = (spec.keyword !== void 0 ? args.keyword.get(spec.keyword) : void 0) ?? (spec.positional !== void 0 ? args.positional[spec.positional] : void 0);
    if (!argNode) {
      if (name === "attr" || name === "map" && spec.positional === 1) this.hit("medium", `uses the attr filter (\`|${name}\`)`, fe);
      return;
    }
    const v = f.value(argNode);
    const direct = name === "attr" || name === "map" && spec.positional === 1;
    const parts = strings(v).flatMap((s) => direct ? [s] : s.split(".").filter((p) => !/^\d+$/.test(p)));
    const flagged = this.names(parts, fe, `|${name}`);
    if (direct && parts.includes("format")) {
      this.hit("critical", "reads str.format through the attr filter (how CVE-2025-27516 escaped the Jinja sandbox)", fe);
    } else if (direct && !flagged && parts.length > 0) {
      this.hit("medium", "reads an attribute through the attr filter, which chat templates do not need", fe, parts.slice(0, 3).map((p) => `\`${p}\``).join(", "));
    }
    if (v.built) this.hit("high", `reads an attribute through \`|${name}\` named by a string it builds in a way this scanner cannot follow`, fe);
    else if (direct && parts.length === 0) this.hit("high", "reads an attribute through the attr filter named by runtime data", fe);
  }
  call(c) {
    const f = this.folder;
    const callee = c.callee;
    if (this.filterCores.has(c)) return;
    const calledFilter = this.filterCores.get(callee);
    if (calledFilter) {
      this.calledAttr(calledFilter, c);
      return;
    }
    if (callee.type === "Identifier") {
      const name = callee.value;
      if (!this.bound(name) && !this.macros.has(name)) {
        const why = codeCall(name);
        if (why) this.hit("critical", why, c);
      }
      return;
    }
    if (callee.type === "MemberExpression") {
      const m = callee;
      const names = methodNames(f, m) ?? [];
      for (const name of names) {
        const why = codeCall(name);
        if (why) this.hit("critical", why, c);
      }
      if (names.includes("format")) this.formatCall(f.value(m.object), c);
      return;
    }
    if (callee.type === "FilterExpression") this.calledAttr(callee, c);
  }
  /** `(x|attr(name))(...)`: calling the attribute the filter read. */
  calledAttr(fe, c) {
    const { name, args } = filterParts(fe);
    if (name !== "attr" || !args.positional[0]) return;
    for (const s of strings(this.folder.value(args.positional[0]))) {
      const why = codeCall(s);
      if (why) this.hit("critical", why, c);
    }
  }
  /** str.format walks the attributes its fields name: judge the fields of every format string it can be called on. */
  formatCall(receiver, c) {
    for (const s of strings(receiver)) {
      for (const field of formatFields(s)?.fields ?? []) {
        for (const p of field.path) {
          const name = p.attr ?? p.item ?? "";
          if (!this.name(name, c, "str.format field") && p.attr !== void 0) {
            this.hit("high", "formats with a str.format field that reads an attribute", c, `\`${name}\``);
          }
        }
      }
    }
    if (receiver.built) this.hit("high", "calls str.format on a format string it builds in a way this scanner cannot follow", c);
    else if (strings(receiver).length === 0 && receiver.data) {
      this.hit("high", "calls str.format on runtime data: a format string can walk attributes ({0.__class__})", c);
    }
  }
};

// src/analyze/template.ts
var CHECK = { critical: "template.injection", high: "template.suspicious", medium: "template.unusual" };
var LOADERS = {
  gguf: "llama-cpp-python before 0.2.72 rendered GGUF chat templates without a sandbox (CVE-2024-34359), so this runs code on load there; sandboxed loaders are what these constructs are written to escape",
  transformers: "transformers renders chat templates in Jinja's sandbox, which these constructs are written to escape (its str.format escapes were closed only in Jinja 3.1.5 and 3.1.6)"
};
function analyzeChatTemplate(template, ctx) {
  const j = judgeTemplate(template, ctx.specialTokens ? { specialTokens: ctx.specialTokens } : {});
  const extra = { file: ctx.path, ...ctx.offset !== void 0 ? { offset: ctx.offset } : {} };
  const findings = [];
  const worst = ["critical", "high", "medium"].find((s) => j.hits.some((h) => h.severity === s));
  if (worst) {
    const hits = j.hits.filter((h) => h.severity === worst);
    findings.push(finding(CHECK[worst], worst, `Chat template in ${ctx.where} ${reasons(hits)}${worst === "critical" ? ": template injection runs code when the model is loaded" : ""}`, {
      ...extra,
      evidence: truncate([...new Set(hits.map((h) => h.evidence))].join(" \xB7 "), 200),
      help: worst === "critical" ? `Legitimate chat templates only format messages. ${LOADERS[ctx.source]}. Do not approve; remove the template or the model.` : worst === "high" ? "Read the template: it should only loop over messages and add role markers; nothing in it should compute attribute names." : "Read the template: chat templates do not need this; approve only if you understand why it is there."
    }));
  }
  if (j.incomplete !== void 0) {
    findings.push(finding("template.unparsed", "high", `Chat template in ${ctx.where} was not examined: ${j.incomplete}`, {
      ...extra,
      evidence: truncate(template.slice(0, 200), 200),
      help: "Model Gate judges chat templates on the syntax tree of @huggingface/jinja (the parser transformers.js renders with). If transformers' apply_chat_template also fails on this template, it is broken: remove or fix it. Otherwise have it reviewed by hand before approving."
    }));
  }
  return { findings, complete: j.incomplete === void 0, stats: j.stats };
}
function reasons(hits) {
  const byWhy = /* @__PURE__ */ new Map();
  for (const h of hits) {
    const d = byWhy.get(h.why) ?? [];
    if (h.detail !== void 0 && !d.includes(h.detail)) d.push(h.detail);
    byWhy.set(h.why, d);
  }
  const parts = [...byWhy].map(([why, d]) => d.length === 0 ? why : `${why} (${d.length > 4 ? `${d.slice(0, 4).join(", ")} and ${d.length - 4} more` : d.join(", ")})`);
  return parts.length > 5 ? `${parts.slice(0, 5).join("; ")}; and ${parts.length - 5} more` : parts.join("; ");
}

// src/checks/content/paths.ts
function indexPaths(files) {
  let order;
  const sorted = () => {
    if (!order) {
      order = new Uint32Array(files.length).map((_, i) => i);
      order.sort((a, b) => {
        const pa = files[a].path;
        const pb = files[b].path;
        return pa < pb ? -1 : pa > pb ? 1 : b - a;
      });
    }
    return order;
  };
  const lowerBound = (key) => {
    const o = sorted();
    let lo = 0;
    let hi = o.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (files[o[mid]].path < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const at = (k) => {
    const o = sorted();
    return k < o.length ? files[o[k]] : void 0;
  };
  const file = (path2) => {
    const f = at(lowerBound(path2));
    return f !== void 0 && f.path === path2 ? f : void 0;
  };
  return {
    file,
    has: (path2) => file(path2) !== void 0,
    // The paths under `dir/` sort together, from the first one not below `dir/`.
    isDir: (dir) => dir !== "" && (at(lowerBound(`${dir}/`))?.path.startsWith(`${dir}/`) ?? false)
  };
}
var indexes = /* @__PURE__ */ new WeakMap();
function pathIndex(repo) {
  if (repo.paths) return repo.paths();
  let index = indexes.get(repo);
  if (!index) {
    index = indexPaths(repo.files);
    indexes.set(repo, index);
  }
  return index;
}

// src/checks/content/remote-code.ts
var CONFIGS = /* @__PURE__ */ new Set([
  "config.json",
  "tokenizer_config.json",
  "processor_config.json",
  "preprocessor_config.json",
  "feature_extractor_config.json",
  "image_processor_config.json",
  "video_preprocessor_config.json",
  "generation_config.json"
]);
function codeReferences(configPath, doc) {
  const out = [];
  if (!isObject(doc)) return out;
  const add = (slot, v) => {
    if (typeof v !== "string" || v === "") return;
    const [repoPart, ref] = v.includes("--") ? [v.slice(0, v.indexOf("--")), v.slice(v.indexOf("--") + 2)] : [void 0, v];
    const dot = ref.lastIndexOf(".");
    if (dot <= 0) return;
    const module = ref.slice(0, dot);
    const r = { config: configPath, slot, module, className: ref.slice(dot + 1) };
    if (repoPart) r.repo = repoPart;
    else {
      const file = joinPath(dirname(configPath), `${module.replace(/\./g, "/")}.py`);
      if (file !== void 0) r.file = file;
    }
    out.push(r);
  };
  const autoMap = doc.auto_map;
  if (isObject(autoMap)) {
    for (const [slot, v] of Object.entries(autoMap)) {
      if (Array.isArray(v)) for (const x of v) add(slot, x);
      else add(slot, v);
    }
  }
  const pipelines = doc.custom_pipelines;
  if (isObject(pipelines)) {
    for (const [task, spec] of Object.entries(pipelines)) if (isObject(spec)) add(`pipeline ${task}`, spec.impl);
  }
  return out;
}
function stModuleReferences(configPath, doc) {
  const out = [];
  if (!Array.isArray(doc)) return out;
  for (const entry2 of doc) {
    if (!isObject(entry2) || typeof entry2.type !== "string") continue;
    const type = entry2.type.trim();
    if (type === "" || type.startsWith("sentence_transformers.")) continue;
    const [repoPart, ref] = type.includes("--") ? [type.slice(0, type.indexOf("--")), type.slice(type.indexOf("--") + 2)] : [void 0, type];
    const dot = ref.lastIndexOf(".");
    const module = dot > 0 ? ref.slice(0, dot) : ref;
    const r = { config: configPath, type, module };
    if (repoPart) r.repo = repoPart;
    else if (ref.split(".").length === 2) {
      const file = joinPath(dirname(configPath), `${module}.py`);
      if (file !== void 0) r.file = file;
    }
    out.push(r);
  }
  return out;
}
function stDocs(repo) {
  const out = [];
  for (const f of repo.files) {
    if (basename(f.path) !== "modules.json") continue;
    const text = repo.text(f.path);
    if (text === void 0) continue;
    try {
      out.push({ path: f.path, text, doc: parseJson(text.replace(/^\ufeff/, "")).value });
    } catch {
    }
  }
  return out;
}
function configDocs(repo) {
  const out = [];
  for (const f of repo.files) {
    if (!CONFIGS.has(basename(f.path))) continue;
    const text = repo.text(f.path);
    if (text === void 0) continue;
    try {
      out.push({ path: f.path, text, doc: parseJson(text.replace(/^\ufeff/, "")).value });
    } catch {
    }
  }
  return out;
}
function remoteCodeUses(repo) {
  const out = [];
  for (const { path: path2, doc } of configDocs(repo)) {
    for (const r of codeReferences(path2, doc)) out.push(`${path2} ${r.slot} \u2192 ${r.repo ? `${r.repo}--` : ""}${r.module}.${r.className}`);
  }
  for (const { path: path2, doc } of stDocs(repo)) {
    for (const r of stModuleReferences(path2, doc)) out.push(`${path2} module ${r.type}`);
  }
  return [...new Set(out)];
}
var memo = /* @__PURE__ */ new WeakMap();
function remoteCodeFiles(repo) {
  const cached = memo.get(repo);
  if (cached) return cached;
  const present = pathIndex(repo);
  const out = /* @__PURE__ */ new Map();
  const queue = [];
  for (const { path: path2, doc } of configDocs(repo)) {
    for (const r of codeReferences(path2, doc)) {
      if (r.file && present.has(r.file) && !out.has(r.file)) {
        out.set(r.file, `${basename(path2)} auto_map ${r.slot}`);
        queue.push(r.file);
      }
    }
  }
  for (const { path: path2, doc } of stDocs(repo)) {
    for (const r of stModuleReferences(path2, doc)) {
      if (r.file && present.has(r.file) && !out.has(r.file)) {
        out.set(r.file, `modules.json module ${r.type}`);
        queue.push(r.file);
      }
    }
  }
  while (queue.length > 0) {
    const file = queue.shift();
    const text = repo.text(file);
    if (text === void 0) continue;
    for (const rel of analyzers().relativeImports(text)) {
      const dots = /^\.+/.exec(rel)?.[0].length ?? 1;
      let dir = dirname(file);
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      const base = joinPath(dir, rel.slice(dots).replace(/\./g, "/"));
      if (base === void 0) continue;
      for (const cand of [`${base}.py`, `${base}/__init__.py`]) {
        if (present.has(cand) && !out.has(cand)) {
          out.set(cand, `imported by ${file}`);
          queue.push(cand);
        }
      }
    }
  }
  memo.set(repo, out);
  return out;
}
function lineOf(text, needle) {
  const at = text.indexOf(needle);
  return at < 0 ? void 0 : text.slice(0, at).split("\n").length;
}
function ownerOf(repoId) {
  return (repoId.split("/")[0] ?? "").toLowerCase();
}
function crossRepoFinding(path2, line, evidence, target, what, self) {
  const same = self !== void 0 && ownerOf(self) === ownerOf(target) && self.toLowerCase() !== target.toLowerCase();
  const at = { file: path2, ...line ? { line } : {}, evidence };
  if (same) {
    return {
      ...at,
      check: "remote-code.cross-repo",
      severity: "medium",
      message: `${basename(path2)} loads code from ${target}, another repository of the same publisher (${what}); that code is not pinned by this entry and not part of this review`,
      help: `Read ${target}'s code at the commit users will get, and pin it (\`code_revision=\` in from_pretrained, or approve ${target} at a pinned commit as its own entry).`
    };
  }
  return {
    ...at,
    check: "remote-code.cross-repo",
    severity: "high",
    message: `${basename(path2)} loads code from another repository, ${target} (${what}); that code is not part of this review`,
    help: `Review ${target} at a pinned commit too, or do not approve: its code can change at any time.`
  };
}
var remoteCodeCheck = {
  id: "remote-code",
  run(repo) {
    const out = [];
    const present = pathIndex(repo);
    const remote = remoteCodeFiles(repo);
    for (const { path: path2, text, doc } of configDocs(repo)) {
      const refs = codeReferences(path2, doc);
      if (refs.length === 0) continue;
      const key = isObject(doc) && isObject(doc.auto_map) ? '"auto_map"' : '"custom_pipelines"';
      const line = lineOf(text, key);
      const all = splitLines(text);
      const at = line ?? 1;
      const evidence = evidenceOf(all, at, [1, 2, 3, 4, 5].map((k) => at + k).filter((n) => n <= all.length));
      const local = refs.filter((r) => r.file);
      const files = [...new Set(local.map((r) => r.file))];
      if (files.length > 0) {
        const imported = [...remote.entries()].filter(([f, why]) => !files.includes(f) && why.startsWith("imported")).map(([f]) => f);
        out.push({
          check: "remote-code.auto-map",
          severity: "medium",
          file: path2,
          ...line ? { line } : {},
          evidence,
          message: `${basename(path2)} loads custom code from this repository (needs trust_remote_code=True): ${local.map((r) => `${r.file} (${r.slot} \u2192 ${r.className})`).filter((v, i, a) => a.indexOf(v) === i).join(", ")}${imported.length ? `; they import ${imported.join(", ")}` : ""}`,
          help: "This code runs with the user's privileges when the model loads. Its own findings are listed under each file; read it before approving."
        });
      }
      for (const r of local) {
        if (r.file && !present.has(r.file)) {
          out.push({
            check: "remote-code.missing-file",
            severity: "medium",
            file: path2,
            ...line ? { line } : {},
            evidence,
            message: `${r.slot} refers to ${r.module}.${r.className}, but ${r.file} is not in the reviewed files`,
            help: "Loading would fail or pick the module up from elsewhere; find out where this code comes from."
          });
        }
      }
      for (const repoId of [...new Set(refs.filter((r) => r.repo).map((r) => r.repo))]) {
        const slots = refs.filter((r) => r.repo === repoId).map((r) => `${r.slot} \u2192 ${r.module}.${r.className}`);
        out.push(crossRepoFinding(path2, line, evidence, repoId, slots.join(", "), repo.repo));
      }
    }
    for (const { path: path2, text, doc } of stDocs(repo)) {
      const refs = stModuleReferences(path2, doc);
      for (const r of refs) {
        const line = lineOf(text, r.type);
        const evidence = truncateEvidence(splitLines(text)[(line ?? 1) - 1] ?? "");
        const at = { file: path2, ...line ? { line } : {}, evidence };
        if (r.repo) {
          out.push(crossRepoFinding(path2, line, at.evidence, r.repo, `module ${r.type}`, repo.repo));
        } else if (r.file && present.has(r.file)) {
          const imported = [...remote.entries()].filter(([f, why]) => f !== r.file && why === `imported by ${r.file}`).map(([f]) => f);
          out.push({
            ...at,
            check: "remote-code.st-module",
            severity: "medium",
            message: `${basename(path2)} makes sentence-transformers import custom code from this repository: ${r.file} (${r.type})${imported.length ? `, which imports ${imported.join(", ")}` : ""}; it runs with trust_remote_code=True, and also without it when the model is loaded from a local clone`,
            help: "This code runs with the user's privileges when the model loads. Its own findings are listed under each file; read it before approving."
          });
        } else {
          out.push({
            ...at,
            check: "remote-code.st-package",
            severity: "medium",
            message: `${basename(path2)} names module ${r.type}, which no file of this repository provides${r.file ? ` (${r.file} is missing)` : ""}: sentence-transformers then imports ${r.module} from whatever package is installed under that name`,
            help: "Find out which package provides it and whether the model card tells users to install it; that package is not part of this review."
          });
        }
      }
    }
    for (const f of repo.files) {
      if (!["jinja", "jinja2", "j2"].includes(extension(f.path))) continue;
      const text = repo.text(f.path);
      if (text !== void 0) out.push(...analyzeChatTemplate(text, { path: f.path, where: basename(f.path), source: "transformers" }).findings);
      else if (f.complete !== false) {
        out.push({
          check: "template.too-large",
          severity: "high",
          file: f.path,
          message: `Chat template file ${basename(f.path)} (${f.size} bytes) was not kept for examination`,
          help: "Template files are examined from the text kept during the review (up to 1 MiB each); this one was not, so it was not examined. Do not approve it unexamined."
        });
      }
    }
    return out;
  }
};

// src/checks/content/code.ts
var TEXT_FORMATS = /* @__PURE__ */ new Set(["python", "script", "text", "json", "notebook", "empty"]);
var REMOTE_NAME = /^(modeling|configuration|tokenization|processing|image_processing|feature_extraction|video_processing)_\w+\.py$/;
var DISTRIBUTION = /\.(whl|egg|tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz)$/i;
var CODE_ARCHIVE = /\.(whl|egg|zip|pyz|tar|tgz|gz|bz2|xz|tbz2|txz)$/i;
var STARTUP = /^(sitecustomize|usercustomize)\.py$/;
var PYTHON_WORK_BOUND = 4 * 1024 * 1024;
function codeKind(path2, head) {
  const ext = extension(path2);
  if (ext === "py" || ext === "pyw" || ext === "pyi") return "python";
  if (ext === "pth" && head !== void 0 && isSitePth(head)) return "pth";
  if (ext === "ipynb") return "notebook";
  if (["sh", "bash", "zsh", "ksh", "command"].includes(ext)) return "posix";
  if (ext === "bat" || ext === "cmd") return "batch";
  if (ext === "ps1" || ext === "psm1") return "powershell";
  if (isRequirementsFile(path2)) return "requirements";
  if (head?.startsWith("#!") && (ext === "" || ext === "run" || ext === "sh")) {
    const first = head.slice(0, head.indexOf("\n") >>> 0);
    if (/python/.test(first)) return "python";
    if (/\b(ba|da|z|k)?sh\b/.test(first)) return "posix";
    if (/pwsh|powershell/.test(first)) return "powershell";
  }
  return void 0;
}
function isSitePth(head) {
  return !/[\0\ufffd]/.test(head) && !head.startsWith("PK") && !head.startsWith("\x80");
}
function archiveOf(path2) {
  const at = path2.indexOf("!/");
  return at < 0 ? void 0 : path2.slice(0, at);
}
var programs = /* @__PURE__ */ new WeakMap();
function containerOf(path2) {
  const archive = archiveOf(path2);
  return archive === void 0 ? void 0 : archive.split("!/")[0].replace(/#\w+$/, "");
}
function memberPaths(repo) {
  const out = [];
  for (const p of repo.captured?.() ?? []) {
    const top = containerOf(p);
    if (top !== void 0 && archiveKind(repo, top) !== void 0) out.push(p);
  }
  return out.sort();
}
var archiveKinds = /* @__PURE__ */ new WeakMap();
function archiveKind(repo, top) {
  if (DISTRIBUTION.test(top)) return "distribution";
  if (CODE_ARCHIVE.test(top)) return "code";
  let kinds = archiveKinds.get(repo);
  if (!kinds) {
    kinds = /* @__PURE__ */ new Map();
    const zips = new Set(repo.files.filter((f) => f.formats.includes("zip")).map((f) => f.path));
    const members = /* @__PURE__ */ new Map();
    for (const p of [...repo.captured?.() ?? [], ...repo.skipped?.() ?? []]) {
      const c = containerOf(p);
      if (c === void 0 || !zips.has(c)) continue;
      const list2 = members.get(c) ?? [];
      list2.push(p.slice(p.indexOf("!/") + 2));
      members.set(c, list2);
    }
    for (const z of zips) {
      const names = members.get(z) ?? [];
      const kind = names.some((n) => /^[^/]+\.dist-info\//.test(n)) ? "distribution" : names.some((n) => /^[^/]+\.py[cw]?$/.test(n) || /(^|\/)__init__\.py$/.test(n)) ? "code" : void 0;
      kinds.set(z, kind);
    }
    archiveKinds.set(repo, kinds);
  }
  return kinds.get(top);
}
function contextOf(repo, path2, hooks) {
  const b = basename(path2);
  const archive = archiveOf(path2);
  if (remoteCodeFiles(repo).has(path2) || archive === void 0 && REMOTE_NAME.test(b)) return "remote-code";
  if (b === "setup.py" || STARTUP.test(b) || hooks.has(path2)) return "setup";
  if (archive !== void 0 && archiveKind(repo, containerOf(path2)) === "distribution") return "setup";
  return "script";
}
function buildHooks(repo) {
  const out = /* @__PURE__ */ new Map();
  for (const f of repo.files) {
    if (basename(f.path) !== "pyproject.toml") continue;
    const text = repo.text(f.path);
    if (text === void 0) continue;
    for (const h of readPyproject(text).hookFiles) {
      const p = joinPath(dirname(f.path), `${h.path}.py`);
      if (p !== void 0) out.set(p, { from: f.path, line: h.line, what: h.what });
    }
  }
  return out;
}
function programOf(repo) {
  const cached = programs.get(repo);
  if (cached) return cached;
  const hooks = buildHooks(repo);
  const units = /* @__PURE__ */ new Map();
  const sources = [];
  const extra = /* @__PURE__ */ new Map();
  let analysed = 0;
  const consider = (path2) => {
    if (units.has(path2)) return;
    const text = repo.text(path2);
    if (text === void 0) return;
    const kind = codeKind(path2, text.slice(0, 200));
    if (kind !== "python" && kind !== "pth") return;
    if (kind === "pth") {
      const pth = readPth(text);
      if (pth.execLines.length === 0) return;
      units.set(path2, { path: path2, kind, text, lines: pth.lines, hits: [], deps: [] });
      sources.push({ path: path2, text: pth.code, context: "setup" });
      extra.set(path2, pth.execLines.map((line) => ({
        check: "code.pth-exec",
        severity: "high",
        line,
        message: `This .pth line is executed by Python at every interpreter start once the file is in site-packages: ${JSON.stringify(pth.lines[line - 1]?.slice(0, 100) ?? "")}`,
        help: "A .pth file with an import line runs code in every Python process (pip, the user's own scripts). Model repositories have no reason to ship one. Do not approve."
      })));
      return;
    }
    units.set(path2, { path: path2, kind, text, lines: splitLines(text), hits: [], deps: [] });
    const b = basename(path2);
    const hits = [];
    if (analysed + text.length > PYTHON_WORK_BOUND) {
      hits.push({
        check: "code.not-examined",
        severity: "high",
        line: 1,
        message: `Not fully analysed: ${text.length} characters beyond the work bound (a repository's Python is analysed up to ${PYTHON_WORK_BOUND} characters; ${analysed} were spent on earlier files) \u2014 review by hand`,
        help: "Review this file by hand, or split the repository; code that was not read is not approved."
      });
    } else {
      analysed += text.length;
      sources.push({ path: path2, text, context: contextOf(repo, path2, hooks) });
    }
    if (b === "setup.py" && archiveOf(path2) === void 0) {
      hits.push({
        check: "setup.py",
        severity: "medium",
        line: 1,
        message: "setup.py is code that runs when anyone installs this folder (`pip install .`)",
        help: "Read it: an install script should only declare metadata and dependencies."
      });
    }
    if (STARTUP.test(b)) {
      hits.push({
        check: "code.startup-hook",
        severity: "high",
        line: 1,
        message: `${b} is imported by Python at every interpreter start when it is on the path (installed, or in PYTHONPATH)`,
        help: "A start-up hook runs in every Python process, long after the model loaded. Model repositories have no reason to ship one. Do not approve."
      });
    }
    const hook = hooks.get(path2);
    if (hook) {
      hits.push({
        check: "setup.build-hook",
        severity: "medium",
        line: 1,
        message: `${hook.from} (line ${hook.line}) runs this file as its ${hook.what} when the folder is built or installed`,
        help: "Build hooks run with the installing user's privileges; read it as install-time code."
      });
    }
    if (hits.length) extra.set(path2, hits);
  };
  for (const f of repo.files) consider(f.path);
  for (const p of memberPaths(repo)) consider(p);
  const files = [...repo.files.map((f) => f.path), ...repo.captured?.() ?? []];
  const results = analyzers().analyzePythonProgram({ sources, files });
  const own = /* @__PURE__ */ new Map();
  for (const u of units.values()) {
    const r = results.get(u.path);
    u.hits = [...r?.hits ?? [], ...extra.get(u.path) ?? []];
    u.deps = r?.deps ?? [];
    if (r?.decoded !== void 0 && u.kind === "python") u.lines = splitLines(r.decoded);
    own.set(u.path, hitsToFindings(dedupeHits(u.hits), u.path, u.lines));
  }
  const program = { units, own };
  programs.set(repo, program);
  return program;
}
function pythonFindings(program, path2) {
  const seen = /* @__PURE__ */ new Set([path2]);
  const queue = [path2];
  const out = [];
  while (queue.length > 0) {
    const p = queue.shift();
    out.push(...program.own.get(p) ?? []);
    for (const d of program.units.get(p)?.deps ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        queue.push(d);
      }
    }
  }
  return out;
}
var memo2 = /* @__PURE__ */ new WeakMap();
function codeFindings(repo, file) {
  let cache = memo2.get(repo);
  if (!cache) {
    cache = /* @__PURE__ */ new Map();
    memo2.set(repo, cache);
  }
  const cached = cache.get(file.path);
  if (cached) return cached;
  const text = repo.text(file.path);
  const kind = codeKind(file.path, text?.slice(0, 200));
  if (!kind) return void 0;
  const out = analyze(repo, file, kind, text);
  cache.set(file.path, out);
  return out;
}
function analyze(repo, file, kind, text) {
  const path2 = file.path;
  if (text === void 0) {
    const textual = file.formats.length === 0 || file.formats.some((f) => TEXT_FORMATS.has(f));
    if (file.complete === false || !textual) return [];
    return [notExamined(path2, `${path2} is code (${file.size} bytes) but its text was not kept for analysis (files above 1 MiB are not), so it was not examined`)];
  }
  if (kind === "python" || kind === "pth") return pythonFindings(programOf(repo), path2);
  const lines = splitLines(text);
  let hits;
  switch (kind) {
    case "notebook":
      return analyzers().analyzeNotebook(path2, text);
    case "requirements": {
      hits = analyzers().analyzeRequirements(path2, text);
      if (basename(path2) === "setup.cfg") hits.push(...analyzeSetupCfg(text));
      if (basename(path2) === "pyproject.toml") hits.push(...readPyproject(text).hits);
      break;
    }
    default:
      hits = analyzers().analyzeShell(text, { dialect: kind }).hits.map((h) => ({ check: `shell.${h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...h.related ? { related: h.related } : {} }));
  }
  return hitsToFindings(dedupeHits(hits), path2, lines);
}
function notExamined(path2, message) {
  return {
    check: "code.not-examined",
    severity: "high",
    file: path2,
    message,
    help: "Review this file by hand, or split it; code that was not read is not approved."
  };
}
function memberFindings(repo) {
  const out = [];
  const packages = /* @__PURE__ */ new Map();
  for (const p of memberPaths(repo)) {
    const text = repo.text(p);
    const kind = codeKind(p, text?.slice(0, 200));
    if (!kind || text === void 0) continue;
    if (kind === "python" || kind === "pth") {
      out.push(...programOf(repo).own.get(p) ?? []);
      const top = containerOf(p);
      if (archiveKind(repo, top) === "distribution") packages.set(top, (packages.get(top) ?? 0) + 1);
    } else if (kind === "notebook") out.push(...analyzers().analyzeNotebook(p, text));
    else if (kind !== "requirements") {
      const hits = analyzers().analyzeShell(text, { dialect: kind }).hits.map((h) => ({ check: `shell.${h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...h.related ? { related: h.related } : {} }));
      out.push(...hitsToFindings(dedupeHits(hits), p, splitLines(text)));
    }
  }
  for (const [archive, n] of packages) {
    out.push({
      check: "code.packaged",
      severity: "medium",
      file: archive,
      message: `${archive} is a Python package with ${n} code file(s); installing it puts that code where every \`import\` finds it (its own findings are listed under ${archive}!/\u2026)`,
      help: "A model has no need to ship installable code. Find out what installs it and read it as code that runs on import."
    });
  }
  for (const p of repo.skipped?.() ?? []) {
    const top = containerOf(p);
    if (top === void 0 || archiveKind(repo, top) === void 0) continue;
    if (!["py", "pyw", "pth", "sh", "bash", "ps1", "bat", "cmd"].includes(extension(p))) continue;
    out.push(notExamined(p, `${p} is code inside an archive, but it is above the 1 MiB text limit, so it was not examined`));
  }
  return out;
}
function findingKey(f) {
  return `${f.file ?? ""}\0${f.check}\0${f.line ?? ""}\0${f.message}`;
}
var codeCheck = {
  id: "code",
  run(repo) {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const add = (fs) => {
      for (const f of fs) {
        const k = findingKey(f);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(f);
        }
      }
    };
    for (const f of repo.files) {
      const text = repo.text(f.path);
      const kind = codeKind(f.path, text?.slice(0, 200));
      if ((kind === "python" || kind === "pth") && text !== void 0) add(programOf(repo).own.get(f.path) ?? []);
      else add(codeFindings(repo, f) ?? []);
    }
    add(memberFindings(repo));
    return out;
  }
};

// src/analyze/docs.ts
function fenceLanguage(info) {
  const first = info.trim().split(/\s/)[0] ?? "";
  const cleaned = first.replace(/^\{/, "").replace(/^\./, "").replace(/^language-/i, "").toLowerCase();
  return /^[a-z0-9_+#-]*/.exec(cleaned)?.[0] ?? "";
}
var MD_FENCE = /^([ \t]*(?:>[ \t]*)*)(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
var HTML_CODE = /<(code|kbd|samp)(?:\s[^<>]*)?>([^<]*)<\/\1>/gi;
var MD_LINK = /\]\(\s*<?([^)\s>]+)/g;
var HTML_LINK = /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;
var REF_LINK = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/;
function backtickSpans(text) {
  const runs = [];
  for (let i = text.indexOf("`"); i >= 0; i = text.indexOf("`", i)) {
    let k = i;
    while (text[k] === "`") k++;
    runs.push([i, k - i]);
    i = k;
  }
  const next = new Array(runs.length).fill(-1);
  const seen = /* @__PURE__ */ new Map();
  for (let r = runs.length - 1; r >= 0; r--) {
    const len = runs[r][1];
    next[r] = seen.get(len) ?? -1;
    seen.set(len, r);
  }
  const spans = [];
  let bare = "";
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    const close = next[r];
    if (close < 0) continue;
    const [start, len] = runs[r];
    const end = runs[close][0];
    spans.push(text.slice(start + len, end).trim());
    bare += `${text.slice(at, start)} `;
    at = end + len;
    r = close;
  }
  return { spans, bare: bare + text.slice(at) };
}
function spansOf(text, line, out) {
  let bare = text;
  if (text.includes("`")) {
    const r = backtickSpans(text);
    for (const sp of r.spans) out.push({ text: sp, line });
    bare = r.bare;
  }
  if (text.includes("<")) {
    for (const m of bare.matchAll(HTML_CODE)) out.push({ text: decodeEntities(m[2]).trim(), line });
    bare = bare.replace(HTML_CODE, " ");
  }
  return bare;
}
var NAMED_ENTITIES = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&", nbsp: " ", vert: "|", verbar: "|", colon: ":", semi: ";", dollar: "$", lpar: "(", rpar: ")", sol: "/", bsol: "\\", grave: "`", tilde: "~", num: "#" };
function decodeEntities(s) {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g, (m, dec, hex2, name) => {
    const cp = dec !== void 0 ? Number(dec) : hex2 !== void 0 ? parseInt(hex2, 16) : void 0;
    if (cp !== void 0) return cp > 0 && cp <= 1114111 ? String.fromCodePoint(cp === 160 ? 32 : cp) : m;
    return NAMED_ENTITIES[name.toLowerCase()] ?? m;
  });
}
function parseMarkdown(text, firstLine = 1) {
  const lines = splitLines(text);
  const doc = { blocks: [], prose: [], spans: [], links: [] };
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) i = end + 1;
  }
  let previousBlank = true;
  for (; i < lines.length; i++) {
    const l = lines[i];
    const fence = MD_FENCE.exec(l);
    if (fence) {
      const prefix = fence[1];
      const marker = fence[2];
      const info = fence[3];
      if (marker[0] === "`" && info.includes("`")) {
      } else {
        const quoted = prefix.includes(">");
        const indent = prefix.replace(/>/g, "").length;
        const block = [];
        for (i++; i < lines.length; i++) {
          let c = lines[i];
          if (quoted) c = c.replace(/^[ \t]*(?:>[ \t]?)+/, "");
          const close = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(c);
          if (close && close[1][0] === marker[0] && close[1].length >= marker.length) break;
          let k = 0;
          while (k < indent && (c[k] === " " || c[k] === "	")) k++;
          block.push({ text: c.slice(k), line: firstLine + i });
        }
        doc.blocks.push({ lang: fenceLanguage(info), lines: block });
        previousBlank = false;
        continue;
      }
    }
    const pre = /<pre(\s[^<>]*)?>/i.exec(l);
    if (pre && !/<\/pre>/i.test(l.slice(pre.index))) {
      const cls = /class\s*=\s*["'][^"']*(?:language|lang)-([\w+-]+)/i.exec(l);
      const block = [];
      const rest = l.slice(pre.index + pre[0].length).replace(/<code[^<>]*>/i, "");
      if (rest.trim() !== "") block.push({ text: decodeEntities(replaceTags(rest, "")), line: firstLine + i });
      for (i++; i < lines.length; i++) {
        const c = lines[i];
        const end = c.search(/<\/pre>/i);
        const body = end >= 0 ? c.slice(0, end) : c;
        block.push({ text: decodeEntities(replaceTags(body, "")), line: firstLine + i });
        if (end >= 0) break;
      }
      doc.blocks.push({ lang: cls ? cls[1].toLowerCase() : "", lines: block });
      continue;
    }
    if (previousBlank && /^( {4}|\t)\s*\S/.test(l)) {
      const block = [];
      for (; i < lines.length && (/^( {4}|\t)/.test(lines[i]) || lines[i].trim() === "" && /^( {4}|\t)\S/.test(lines[i + 1] ?? "")); i++) {
        block.push({ text: lines[i].replace(/^( {4}|\t)/, ""), line: firstLine + i });
      }
      i--;
      doc.blocks.push({ lang: "", lines: block });
      for (const b of block) doc.prose.push(b);
      previousBlank = false;
      continue;
    }
    previousBlank = l.trim() === "";
    for (const m of l.matchAll(MD_LINK)) doc.links.push(m[1]);
    if (l.includes("=")) for (const m of l.matchAll(HTML_LINK)) doc.links.push(m[1]);
    const ref = REF_LINK.exec(l);
    if (ref) doc.links.push(ref[1]);
    const bare = spansOf(l, firstLine + i, doc.spans);
    doc.prose.push({ text: decodeEntities(bare), line: firstLine + i });
  }
  return doc;
}
var RST_DIRECTIVE = /^(\s*)\.\.\s+(code-block|code|sourcecode|prompt)::\s*(\S*)/i;
var RST_SPAN = /``([^`]+)``/g;
var RST_LINK = /`[^`<]*<([^>`]+)>`_{1,2}/g;
var RST_INCLUDE = /^\s*\.\.\s+(?:include|literalinclude)::\s*(\S+)/i;
var RST_DOC_ROLE = /:doc:`(?:[^`<]*<)?([^`>]+)>?`/g;
function indentOf(s) {
  return s.length - s.trimStart().length;
}
function parseRst(text, firstLine = 1) {
  const lines = splitLines(text);
  const doc = { blocks: [], prose: [], spans: [], links: [] };
  let highlight = "";
  const body = (at, base, skipOptions) => {
    const out = [];
    let j = at + 1;
    if (skipOptions) while (j < lines.length && /^\s+:[\w-]+:/.test(lines[j]) && indentOf(lines[j]) > base) j++;
    let minIndent = Infinity;
    for (; j < lines.length; j++) {
      const c = lines[j];
      if (c.trim() === "") {
        out.push({ text: "", line: firstLine + j });
        continue;
      }
      if (indentOf(c) <= base) break;
      minIndent = Math.min(minIndent, indentOf(c));
      out.push({ text: c, line: firstLine + j });
    }
    while (out.length > 0 && out[out.length - 1].text === "") out.pop();
    const lead = out.findIndex((d) => d.text !== "");
    const cut = minIndent === Infinity ? 0 : minIndent;
    return [out.slice(Math.max(0, lead)).map((d) => ({ text: d.text.slice(Math.min(cut, indentOf(d.text))), line: d.line })), j - 1];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const hl = /^\s*\.\.\s+highlight::\s*(\S+)/i.exec(l);
    if (hl) {
      highlight = hl[1].toLowerCase();
      continue;
    }
    const dir = RST_DIRECTIVE.exec(l);
    if (dir) {
      const [block, end] = body(i, dir[1].length, true);
      const lang = dir[3].toLowerCase() || highlight;
      doc.blocks.push({ lang: dir[2]?.toLowerCase() === "prompt" && /^(bash|sh|shell|console)$/.test(lang) ? "console-prompted" : lang, lines: block });
      i = end;
      continue;
    }
    const inc = RST_INCLUDE.exec(l);
    if (inc) doc.links.push(inc[1]);
    if (/::\s*$/.test(l) && !/^\s*\.\.\s/.test(l)) {
      const bareText = l.replace(/::\s*$/, ":");
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
function spansRst(text, line, doc) {
  if (!text.includes("`") && !text.includes(":")) return text;
  for (const m of text.matchAll(RST_SPAN)) doc.spans.push({ text: m[1].trim(), line });
  for (const m of text.matchAll(RST_LINK)) doc.links.push(m[1]);
  for (const m of text.matchAll(RST_DOC_ROLE)) doc.links.push(`${m[1]}.rst`);
  return text.replace(RST_SPAN, " ");
}
function parseText(text, firstLine = 1) {
  const lines = splitLines(text);
  const doc = { blocks: [], prose: [], spans: [], links: [] };
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (previousBlank && /^(\s{2,}|\t)\S/.test(l)) {
      const block = [];
      for (; i < lines.length && /^(\s{2,}|\t)\S/.test(lines[i]); i++) block.push({ text: lines[i].trim(), line: firstLine + i });
      i--;
      doc.blocks.push({ lang: "", lines: block });
      previousBlank = false;
      continue;
    }
    previousBlank = l.trim() === "";
    doc.prose.push({ text: spansOf(l, firstLine + i, doc.spans), line: firstLine + i });
  }
  return doc;
}
function parseDoc(format, text, firstLine = 1) {
  return format === "markdown" ? parseMarkdown(text, firstLine) : format === "rst" ? parseRst(text, firstLine) : parseText(text, firstLine);
}

// src/analyze/loads.ts
var REPO_KEYWORDS = /* @__PURE__ */ new Set(["pretrained_model_name_or_path", "model", "model_name_or_path", "model_id", "repo_id", "custom_generate"]);
var MAX_LOADS = 64;
function remoteCodeLoads(code) {
  const consts = /* @__PURE__ */ new Map();
  for (const m of code.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')[ \t]*(?:#.*)?$/gm)) {
    consts.set(m[1], m[2] ?? m[3]);
  }
  const value = (expr) => {
    if (expr === void 0) return void 0;
    const e = expr.trim();
    const lit = /^[rRuU]?(?:"([^"\n]*)"|'([^'\n]*)')$/.exec(e);
    if (lit) return lit[1] ?? lit[2];
    return /^[A-Za-z_]\w*$/.test(e) ? consts.get(e) : void 0;
  };
  const out = [];
  for (const m of code.matchAll(/\btrust_remote_code[ \t]*=[ \t]*True\b/g)) {
    if (out.length >= MAX_LOADS) break;
    const open = openParenBefore(code, m.index);
    if (open < 0) continue;
    const before = code.slice(Math.max(0, open - 200), open);
    const at = dottedNameAtEnd(before);
    const callee = at < 0 ? "" : before.slice(at);
    const args = splitTopLevel(code.slice(open + 1, closeParenAfter(code, open)));
    let repo;
    let revision;
    let positional = 0;
    for (const a of args) {
      const kw = /^\s*([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/.exec(a);
      if (!kw) {
        if (positional++ === 0 && !/^\s*\*/.test(a)) repo ??= value(a);
        continue;
      }
      if (REPO_KEYWORDS.has(kw[1])) repo = value(kw[2]) ?? repo;
      if (kw[1] === "revision") revision = value(kw[2]);
    }
    const line = countLines(code, m.index);
    out.push({ line, callee, ...repo !== void 0 ? { repo } : {}, ...revision !== void 0 ? { revision } : {} });
  }
  return out;
}
function openParenBefore(code, at) {
  let depth = 0;
  for (let i = at - 1; i >= 0 && at - i < 4e3; i--) {
    const c = code[i];
    if (c === ")" || c === "]" || c === "}") depth++;
    else if (c === "(" || c === "[" || c === "{") {
      if (depth === 0) return c === "(" ? i : -1;
      depth--;
    }
  }
  return -1;
}
function closeParenAfter(code, open) {
  let depth = 0;
  let q;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (q) {
      if (c === "\\") i++;
      else if (c === q) q = void 0;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && --depth === 0) return i;
  }
  return code.length;
}
function splitTopLevel(s) {
  const out = [];
  let depth = 0;
  let q;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === "\\") i++;
      else if (c === q) q = void 0;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.filter((a) => a.trim() !== "");
}
function countLines(s, to) {
  let n = 1;
  for (let i = 0; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

// src/analyze/shell/makefile.ts
var MAX_EXPAND_DEPTH = 8;
var MAX_EXPANDED = 16 * 1024;
var MAX_RECIPE_LINES = 2e3;
var MAX_TOTAL_EXPANSION = 4 * 1024 * 1024;
var ASSIGN = /^(?:(?:export|override)\s+)?([A-Za-z_][\w.-]*)\s*(\?=|:::=|::=|:=|\+=|!=|=)(.*)$/;
function parseMakefile(text) {
  const mk = { budget: { left: MAX_TOTAL_EXPANSION }, vars: /* @__PURE__ */ new Map(), rules: /* @__PURE__ */ new Map(), parseTimeCommands: [], includes: [] };
  const raw = splitLines(text);
  let current = [];
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let l = raw[i];
    while (l.endsWith("\\") && i + 1 < raw.length) l = `${l.slice(0, -1)} ${raw[++i].replace(/^\t/, "")}`;
    if (l.startsWith("	") && current.length > 0) {
      for (const r of current) r.recipe.push({ text: l.slice(1), line: start + 1 });
      continue;
    }
    const t = cutUnescapedComment(l).trim();
    if (t === "") continue;
    const def = /^(?:(?:export|override)\s+)?define\s+([A-Za-z_][\w.-]*)/.exec(t);
    if (def) {
      const body = [];
      for (i++; i < raw.length && !/^\s*endef\b/.test(raw[i]); i++) body.push(raw[i]);
      mk.vars.set(def[1], { value: body.join("\n"), line: start + 1 });
      current = [];
      continue;
    }
    if (/^(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(t)) continue;
    const inc = /^-?include\s+(\S.*)$/.exec(t) ?? /^sinclude\s+(\S.*)$/.exec(t);
    if (inc) {
      mk.includes.push(...inc[1].split(/\s+/).filter(Boolean));
      continue;
    }
    const assign = ASSIGN.exec(t);
    if (assign && !/^[^=]*:[^=]/.test(t.slice(0, t.indexOf(assign[2])))) {
      const name = assign[1];
      const op = assign[2];
      const value = assign[3].trim();
      if (name === ".DEFAULT_GOAL") mk.defaultTarget = value;
      if (op === "!=") mk.parseTimeCommands.push({ text: value, line: start + 1 });
      const prev = mk.vars.get(name);
      if (op === "?=" && prev) continue;
      mk.vars.set(name, { value: op === "+=" && prev ? `${prev.value} ${value}` : value, line: start + 1 });
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
    let rest = t.slice(colon + 1).replace(/^:/, "");
    let inline;
    const semi = rest.indexOf(";");
    if (semi >= 0) {
      inline = rest.slice(semi + 1).trim();
      rest = rest.slice(0, semi);
    }
    const prereqs = rest.replace(/\|/g, " ").trim().split(/\s+/).filter(Boolean);
    current = [];
    for (const target of targets) {
      const rule = mk.rules.get(target) ?? { prereqs: [], recipe: [], line: start + 1 };
      rule.prereqs.push(...prereqs);
      if (inline) rule.recipe.push({ text: inline, line: start + 1 });
      mk.rules.set(target, rule);
      current.push(rule);
      if (mk.defaultTarget === void 0 && !target.startsWith(".") && !target.includes("%")) mk.defaultTarget = target;
    }
  }
  return mk;
}
function ruleColon(t) {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === "$" && (t[i + 1] === "(" || t[i + 1] === "{")) {
      depth++;
      i++;
      continue;
    }
    if ((c === ")" || c === "}") && depth > 0) {
      depth--;
      continue;
    }
    if (c === ":" && depth === 0 && t[i + 1] !== "=") return i;
    if (c === "=" && depth === 0) return -1;
  }
  return -1;
}
function collectShellCalls(text, line, out) {
  let from = 0;
  for (; ; ) {
    const at = text.indexOf("$(shell", from);
    if (at < 0) return;
    const [body, end] = balancedParen(text, at + 1);
    out.push({ text: body.replace(/^shell\s+/, ""), line });
    from = end;
  }
}
function balancedParen(s, open) {
  const o = s[open];
  const c = o === "{" ? "}" : ")";
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return [s.slice(open + 1, i), i + 1];
  }
  return [s.slice(open + 1), s.length];
}
function expandMake(text, mk, auto = /* @__PURE__ */ new Map(), depth = 0) {
  let out = "";
  for (let i = 0; i < text.length && out.length < MAX_EXPANDED && mk.budget.left > 0; i++) {
    mk.budget.left--;
    const ch = text[i];
    if (ch !== "$") {
      out += ch;
      continue;
    }
    const n = text[i + 1];
    if (n === void 0) {
      out += ch;
      break;
    }
    if (n === "$") {
      out += "$";
      i++;
      continue;
    }
    if (n === "(" || n === "{") {
      const [body, end] = balancedParen(text, i + 1);
      i = end - 1;
      const deeper = depth < MAX_EXPAND_DEPTH;
      const name = deeper && body.includes("$") && !/^[a-z]+\s/.test(body) ? expandMake(body, mk, auto, depth + 1).trim() : body.trim();
      if (/^shell\s/.test(name)) {
        out += `$(${deeper ? expandMake(body.slice(body.indexOf("shell") + 5).trim(), mk, auto, depth + 1) : body})`;
        continue;
      }
      const fn2 = /^(subst|patsubst|strip|call|value|addprefix|addsuffix|firstword|findstring|if|or|and)\s/.exec(name);
      if (fn2 && depth < MAX_EXPAND_DEPTH) {
        out += makeFunction(fn2[1], body.slice(body.indexOf(fn2[1]) + fn2[1].length + 1), mk, auto, depth);
        continue;
      }
      if (auto.has(name)) {
        out += auto.get(name);
        continue;
      }
      const v = mk.vars.get(name);
      if (v !== void 0) {
        out += depth < MAX_EXPAND_DEPTH ? expandMake(v.value, mk, auto, depth + 1) : v.value;
        continue;
      }
      out += /^[\w.-]+$/.test(name) ? "" : `$(${body})`;
      continue;
    }
    i++;
    if (auto.has(n)) out += auto.get(n);
    else {
      const v = mk.vars.get(n);
      if (v !== void 0 && depth < MAX_EXPAND_DEPTH) out += expandMake(v.value, mk, auto, depth + 1);
    }
  }
  return out.slice(0, MAX_EXPANDED);
}
function splitArgs2(s) {
  const out = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(" || c === "{") depth++;
    else if ((c === ")" || c === "}") && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}
function makeFunction(fn2, rawArgs, mk, auto, depth) {
  const args = splitArgs2(rawArgs);
  const x = (i) => expandMake(args[i] ?? "", mk, auto, depth + 1);
  switch (fn2) {
    case "subst":
      return x(0) === "" ? x(2) : x(2).split(x(0)).join(x(1));
    case "patsubst": {
      const [pat, rep] = [x(0).trim(), x(1).trim()];
      const p = pat.indexOf("%");
      return x(2).trim().split(/\s+/).map((w) => {
        if (p < 0) return w === pat ? rep : w;
        const [pre, post] = [pat.slice(0, p), pat.slice(p + 1)];
        if (!w.startsWith(pre) || !w.endsWith(post) || w.length < pre.length + post.length) return w;
        return rep.replace("%", w.slice(pre.length, w.length - post.length));
      }).join(" ");
    }
    case "strip":
      return x(0).trim().replace(/\s+/g, " ");
    case "addprefix":
      return x(1).trim().split(/\s+/).filter(Boolean).map((w) => x(0).trim() + w).join(" ");
    case "addsuffix":
      return x(1).trim().split(/\s+/).filter(Boolean).map((w) => w + x(0).trim()).join(" ");
    case "firstword":
      return x(0).trim().split(/\s+/)[0] ?? "";
    case "findstring":
      return x(1).includes(x(0)) ? x(0) : "";
    case "value":
      return mk.vars.get(x(0).trim())?.value ?? "";
    case "if":
      return `${x(1)} ${x(2)}`;
    // both branches: nothing hides behind a condition
    case "or":
    case "and":
      return args.map((_, i) => x(i)).join(" ");
    case "call": {
      const v = mk.vars.get(x(0).trim());
      if (!v) return "";
      const params = new Map(auto);
      args.slice(1).forEach((_, i) => params.set(String(i + 1), x(i + 1)));
      return expandMake(v.value, mk, params, depth + 1);
    }
    default:
      return "";
  }
}
function recipeFor(mk, targets) {
  const out = mk.parseTimeCommands.map((c) => ({ text: expandMake(c.text, mk), line: c.line }));
  const done = /* @__PURE__ */ new Set();
  const visit = (target, depth) => {
    if (done.has(target) || depth > 32 || out.length >= MAX_RECIPE_LINES) return;
    done.add(target);
    const rule = mk.rules.get(target);
    if (!rule) return;
    for (const p of rule.prereqs) visit(expandMake(p, mk), depth + 1);
    const auto = /* @__PURE__ */ new Map([["@", target], ["<", rule.prereqs[0] ?? ""], ["^", rule.prereqs.join(" ")], ["*", target]]);
    for (const r of rule.recipe) {
      if (out.length >= MAX_RECIPE_LINES) return;
      out.push({ text: expandMake(r.text.replace(/^[\s@+-]*/, ""), mk, auto), line: r.line });
    }
  };
  const goals = targets.length > 0 ? targets : mk.defaultTarget !== void 0 ? [mk.defaultTarget] : [];
  for (const t of goals) visit(t, 0);
  return out;
}
function allRecipes(mk) {
  const out = mk.parseTimeCommands.map((c) => ({ text: expandMake(c.text, mk), line: c.line }));
  const seen = /* @__PURE__ */ new Set();
  for (const [target, rule] of mk.rules) {
    if (seen.has(rule)) continue;
    seen.add(rule);
    const auto = /* @__PURE__ */ new Map([["@", target], ["<", rule.prereqs[0] ?? ""], ["^", rule.prereqs.join(" ")]]);
    for (const r of rule.recipe) {
      if (out.length >= MAX_RECIPE_LINES) return out;
      out.push({ text: expandMake(r.text.replace(/^[\s@+-]*/, ""), mk, auto), line: r.line });
    }
  }
  return out;
}

// src/analyze/shell/projectfiles.ts
function parseJustfile(text) {
  const out = /* @__PURE__ */ new Map();
  let current;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, "");
    if (/^\s/.test(l)) {
      const t = l.trim();
      if (current && t !== "" && !t.startsWith("#!")) current.body.push({ text: t.replace(/^[@-]+/, ""), line: i + 1 });
      continue;
    }
    if (l.trim() === "" || l.startsWith("#")) continue;
    const head = recipeHead(l);
    if (!head || /^(set|alias|export|import|mod)$/.test(head[1])) {
      current = void 0;
      continue;
    }
    current = { deps: head[3].split(/\s+/).filter((d) => /^[A-Za-z_][\w-]*$/.test(d)), body: [] };
    if (!out.has(head[1])) out.set(head[1], current);
  }
  return out;
}
function justSteps(text, recipes) {
  const all = parseJustfile(text);
  const named = recipes.length > 0 ? recipes : [...all.keys()].slice(0, 1);
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const visit = (n) => {
    if (seen.has(n) || seen.size > 64) return;
    seen.add(n);
    const r = all.get(n);
    if (!r) return;
    for (const d of r.deps) visit(d);
    out.push(...r.body);
  };
  for (const n of named) visit(n);
  return out;
}
function lineOfKey(text, key) {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}
function npmScriptSteps(packageJson, tool, args) {
  let names;
  const plain = args.filter((a) => !a.startsWith("-"));
  const sub = plain[0];
  if (sub === void 0 || /^(i|install|ci|add)$/.test(sub)) {
    if (plain.length > 1 || sub === void 0 && tool !== "yarn" && tool !== "pnpm" && tool !== "bun") return void 0;
    if (sub === "add") return void 0;
    names = ["preinstall", "install", "postinstall", "prepare"];
  } else if (sub === "run" || sub === "run-script" || tool !== "npm" && !/^(exec|dlx|x|create|init|publish|remove|why|list|info|view)$/.test(sub)) {
    const s = sub === "run" || sub === "run-script" ? plain[1] : sub;
    if (s === void 0) return void 0;
    names = [`pre${s}`, s, `post${s}`];
  } else if (sub === "start" || sub === "test" || sub === "restart" || sub === "stop") {
    names = [`pre${sub}`, sub, `post${sub}`];
  } else return void 0;
  let pkg;
  try {
    pkg = JSON.parse(packageJson);
  } catch {
    return void 0;
  }
  const scripts = typeof pkg === "object" && pkg !== null ? pkg.scripts : void 0;
  if (typeof scripts !== "object" || scripts === null) return [];
  const out = [];
  for (const n of names) {
    const v = scripts[n];
    if (typeof v === "string") out.push({ text: v, line: lineOfKey(packageJson, n) });
  }
  return out;
}
function parsePreCommit(text) {
  const repos = [];
  const commands = [];
  const lines = text.split("\n");
  let local = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, "");
    const repo = yamlField(l, "repo", (v) => /^[^'"\s#]+/.exec(v.replace(/^['"]/, ""))?.[0]);
    if (repo) {
      local = /^(local|meta)$/.test(repo[1]);
      if (!local) repos.push({ text: repo[1], line: i + 1 });
      continue;
    }
    const entry2 = yamlField(l, "entry", (v) => {
      const t = v.trimEnd();
      return t === "" || /[\n\r\u2028\u2029]/.test(t) ? void 0 : t;
    });
    if (entry2 && local) commands.push({ text: entry2[1].replace(/^(['"])(.*)\1$/, "$2"), line: i + 1 });
  }
  return { repos, commands };
}
var KNOWN_HOOK_REPOS = /^https:\/\/github\.com\/(pre-commit|psf|astral-sh|pycqa|PyCQA|python-jsonschema|asottile|pre-commit-ci|codespell-project|google|kynan|nbQA-dev|adamchainz|pappasam|igorshubovych|shellcheck-py|rhysd|hadolint|DavidAnson|executablebooks|pre-commit-mirrors|lyz-code|tox-dev|abravalheri|hukkin|MarcoGorelli|charliermarsh|returntocorp|gitleaks|Yelp|jumanjihouse|crate-ci|streetsidesoftware|editorconfig-checker|python-poetry|commitizen-tools|compilerla|dosisod|pylint-dev|regebro)\/[\w.-]+\/?$/i;
function isKnownHookRepo(url) {
  return KNOWN_HOOK_REPOS.test(url.replace(/\.git$/, ""));
}
function recipeHead(l) {
  const name = /^@?([A-Za-z_][\w-]*)/.exec(l);
  if (!name) return null;
  const after = l.slice(name[0].length);
  let i = 0;
  while (i < after.length && after[i] !== ":" && after[i] !== "=") i++;
  if (after[i] !== ":" || after[i + 1] === "=") return null;
  const rest = after.slice(i + 1);
  if (/[\n\r\u2028\u2029]/.test(rest)) return null;
  return [l, name[1], after.slice(0, i), rest];
}
function yamlField(l, key, read) {
  let s = l.trimStart();
  if (s.startsWith("-")) s = s.slice(1).trimStart();
  if (!s.startsWith(`${key}:`)) return null;
  const got = read(s.slice(key.length + 1).trimStart());
  return got === void 0 ? null : [l, got];
}

// src/checks/content/instructions.ts
var UNTYPED = /* @__PURE__ */ new Set(["", "text", "none", "plaintext", "plain", "txt", "default", "code", "raw", "nohighlight", "output", "cli", "terminal", "command", "commandline", "command-line", "cmdline"]);
var POSIX_LANGS = /* @__PURE__ */ new Set([
  "bash",
  "sh",
  "shell",
  "zsh",
  "ksh",
  "dash",
  "ash",
  "csh",
  "tcsh",
  "shellscript",
  "shell-script",
  "bash-script",
  "console",
  "shell-session",
  "sh-session",
  "shellsession",
  "bash-session",
  "console-prompted",
  "linux",
  "unix",
  "macos",
  "ubuntu",
  ...UNTYPED
]);
var FISH_LANGS = /* @__PURE__ */ new Set(["fish"]);
var PS_LANGS = /* @__PURE__ */ new Set(["powershell", "ps1", "pwsh", "ps", "posh", "ps1con", "pwsh-session", "powershell-session"]);
var BATCH_LANGS = /* @__PURE__ */ new Set(["bat", "cmd", "batch", "dos", "doscon", "winbatch"]);
var PY_LANGS = /* @__PURE__ */ new Set(["python", "py", "python3", "py3", "ipython", "ipython3", "jupyter", "pycon", "python-repl", "pyrepl"]);
var MAKE_LANGS = /* @__PURE__ */ new Set(["make", "makefile", "mk"]);
var DOCKER_LANGS = /* @__PURE__ */ new Set(["dockerfile", "docker", "containerfile"]);
var SESSION_LANGS = /* @__PURE__ */ new Set(["console", "console-prompted", "shell-session", "sh-session", "shellsession", "bash-session", "ps1con", "pwsh-session", "powershell-session", "doscon", ...UNTYPED]);
var COMMAND_WORD = /^(sudo\s+)?(python[\d.]*|py|pip[\d.]*|uvx?|pipx|npx|bunx|pnpm|yarn|npm|deno|bash|sh|zsh|fish|source|\.|curl|wget|git|huggingface-cli|hf|cd|export|set|conda|mamba|chmod|eval|iex|iwr|irm|powershell|pwsh|docker|docker-compose|podman|nerdctl|make|gmake|just|direnv|pre-commit|accelerate|torchrun|deepspeed|streamlit|gradio|\.\/\S+|\S+\.(sh|py|ps1|bat|exe))(\s|$)/;
var PROMPT = /^\s*(?:\([\w.-]+\)\s*)?(?:[\w.-]+@[\w.-]+(?::[^$#\s]*)?\s*[$#]|[$%\u276F\u279C\u00BB]|PS [^>\n]*>|PS>|[A-Za-z]:\\[^>\n]*>)\s+/;
var PROSE_START = /(?<![\w./\\-])(?:sudo\s+)?(?:python[\d.]*|pip[\d.]*|uvx?|pipx|npx|bunx|bash|sh|zsh|fish|source|curl|wget|git|huggingface-cli|hf|docker|podman|make|chmod|eval|iex|iwr|irm|powershell|pwsh|conda|\.\/[\w./-]+)(?=\s+\S|$)/g;
var PROSE_END = /[\u3002\uFF1B\uFF01\uFF1F\uFF0C]|[.!?]\s+(?=[A-Z])/;
var CARD = /^readme\.md$/i;
var PROSE_JOINT = /\s(?:and|then|before|after|to|so|once|which|from|in|on|or)\s/;
var MAX_PROSE_CANDIDATES = 8;
var MAX_PROSE_COMMAND = 2e3;
var PROSE_KINDS = /* @__PURE__ */ new Set(["pipe-to-shell", "decode-exec", "subst-exec", "download-exec", "chmod-exec", "install-from-url"]);
var ID = {
  "pipe-to-shell": "instructions.pipe-to-shell",
  "decode-exec": "instructions.pipe-to-shell",
  "subst-exec": "instructions.pipe-to-shell",
  "download-exec": "instructions.run-binary",
  "chmod-exec": "instructions.run-binary",
  credentials: "instructions.credentials",
  "env-sweep": "instructions.env-sweep",
  "network-send": "instructions.network-send",
  "reverse-shell": "instructions.reverse-shell",
  obfuscation: "instructions.obfuscation",
  "install-from-url": "instructions.git-install"
};
var MAX_DOCS = 2e3;
var MAX_MAKE_DEPTH = 3;
var DOC_NAME = /^(readme|install(ation)?|usage|setup|quick[-_ ]?start|getting[-_ ]?started|instructions?|how[-_]?to|guide|tutorial|running|run|build|notes|docs?)([-_.].*)?$/i;
var CODE_EXT = /* @__PURE__ */ new Set(["py", "pyw", "pyi", "ipynb", "sh", "bash", "zsh", "ksh", "command", "bat", "cmd", "ps1", "psm1", "json", "yaml", "yml", "toml", "cfg", "ini", "jinja", "j2", "safetensors", "bin", "gguf", "onnx", "pt", "pth", "ckpt", "h5", "msgpack", "model", "npz", "npy", "pkl", "png", "jpg", "jpeg", "gif", "svg", "webp", "mp3", "wav", "mp4"]);
function docFormat(path2, linked) {
  const ext = extension(path2);
  const base = basename(path2);
  if (["md", "markdown", "mdx", "mdown", "mkd"].includes(ext)) return "markdown";
  if (ext === "rst" || ext === "rest") return "rst";
  if (isRequirementsFile(path2) || CODE_EXT.has(ext)) return void 0;
  if (/^readme/i.test(base)) return "markdown";
  if (ext === "" && DOC_NAME.test(base)) return "markdown";
  if (ext === "txt" && (DOC_NAME.test(base.replace(/\.txt$/i, "")) || /(^|\/)docs?\//i.test(path2))) return "text";
  return linked ? "text" : void 0;
}
function githubOrgs(text) {
  const out = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(/github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})(?=[/)\s"'>#?\]]|$)/gi)) {
    const org = m[1].toLowerCase();
    if (!/^(orgs|features|settings|marketplace|sponsors|topics|login|about|pricing|apps|site|search|collections)$/.test(org)) out.add(org);
  }
  return [...out];
}
function sourcesOf(repo) {
  const p = repo.publisher;
  if (!p?.vouched) return {};
  const card = repo.files.find((f) => /^readme\.md$/i.test(f.path));
  const text = card ? repo.text(card.path) : void 0;
  const doc = text !== void 0 ? parseDoc("markdown", text) : void 0;
  const said = doc ? [...doc.prose.map((l) => l.text), ...doc.links].join("\n") : "";
  const orgs = [.../* @__PURE__ */ new Set([p.namespace.toLowerCase(), ...githubOrgs(said), ...(p.githubOrgs ?? []).map((o) => o.toLowerCase())])];
  return { ownGitOrgs: orgs, ownNames: [p.namespace, ...orgs], vouched: true };
}
var instructionsCheck = {
  id: "instructions",
  run(repo) {
    const out = [];
    const paths = pathIndex(repo);
    const sources = sourcesOf(repo);
    const queue = [];
    const queued = /* @__PURE__ */ new Set();
    let skipped = 0;
    const enqueue = (path2, linked) => {
      if (queued.has(path2)) return;
      const format = extension(path2) === "ipynb" ? "notebook" : docFormat(path2, linked);
      if (!format) return;
      if (queue.length >= MAX_DOCS) {
        skipped++;
        return;
      }
      queued.add(path2);
      queue.push({ path: path2, format, linked });
    };
    for (const f of repo.files) if (CARD.test(f.path)) enqueue(f.path, false);
    for (const f of repo.files) if (!CARD.test(f.path)) enqueue(f.path, false);
    for (let q = 0; q < queue.length; q++) {
      const { path: path2, format, linked } = queue[q];
      const f = paths.file(path2);
      const text = repo.text(path2);
      if (text === void 0) {
        if (f.complete !== false && (format !== "text" || linked) && format !== "notebook") {
          out.push({ check: "instructions.not-examined", severity: "high", file: path2, message: `${path2} (${f.size} bytes) was too large to keep for analysis; its instructions were not examined`, help: "Read the model card by hand." });
        }
        continue;
      }
      const ctx = { repo, doc: path2, paths, hits: [], state: analyzers().newShellState(), sources, cwd: dirname(path2), clones: /* @__PURE__ */ new Map(), makeDepth: 0, ...repo.publisher ? { publisher: repo.publisher } : {} };
      if (format === "notebook") {
        for (const cell of analyzers().notebookMarkdown(text) ?? []) {
          const first = cell[0]?.line ?? 1;
          const doc = parseDoc("markdown", cell.map((l) => l.text).join("\n"), 1);
          analyzeDoc(ctx, remap(doc, (n) => cell[n - 1]?.line ?? first));
        }
      } else {
        const doc = parseDoc(format, text);
        analyzeDoc(ctx, doc);
        for (const link of doc.links) {
          const target = linkTarget(dirname(path2), link, repo.publisher?.repo);
          if (target !== void 0 && paths.has(target)) enqueue(target, true);
        }
        for (const s of doc.spans) {
          const target = /^[\w./-]+$/.test(s.text) ? joinPath(dirname(path2), s.text) : void 0;
          if (target !== void 0 && paths.has(target)) enqueue(target, true);
        }
      }
      out.push(...hitsToFindings(dedupeHits(ctx.hits), path2, splitLines(text)));
    }
    if (skipped > 0) {
      out.push({
        check: "instructions.not-examined",
        severity: "high",
        message: `The repository has more than ${MAX_DOCS} documents; ${skipped} were not read for instructions`,
        help: "A model repository rarely needs this many documents; read the ones the card points to by hand."
      });
    }
    out.push(...makefileFindings(repo));
    return out;
  }
};
function linkTarget(dir, link, self) {
  const hub = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:models\/)?([\w.-]+\/[\w.-]+)\/(?:blob|resolve|raw)\/[^/]+\/([^?#]+)/i.exec(link);
  if (hub) return self === void 0 || self.toLowerCase() === hub[1].toLowerCase() ? linkTarget("", hub[2], self) : void 0;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("#") || link.startsWith("//")) return void 0;
  let p = cutFromFirstOf(link, "?#");
  try {
    p = decodeURIComponent(p);
  } catch {
    return void 0;
  }
  if (p === "") return void 0;
  return joinPath(p.startsWith("/") ? "" : dir, p.replace(/^\//, ""));
}
function remap(doc, map) {
  const m = (l) => ({ text: l.text, line: map(l.line) });
  return { blocks: doc.blocks.map((b) => ({ lang: b.lang, lines: b.lines.map(m) })), prose: doc.prose.map(m), spans: doc.spans.map(m), links: doc.links };
}
function dialectOf(lang) {
  if (POSIX_LANGS.has(lang)) return "posix";
  if (FISH_LANGS.has(lang)) return "fish";
  if (PS_LANGS.has(lang)) return "powershell";
  if (BATCH_LANGS.has(lang)) return "batch";
  return void 0;
}
function commandLines(lang, lines) {
  const prompted = lines.some((l) => PROMPT.test(l.text));
  const untyped = UNTYPED.has(lang);
  let continuing = false;
  return lines.map((l) => {
    let out;
    if (prompted && SESSION_LANGS.has(lang)) {
      out = PROMPT.test(l.text) ? l.text.replace(PROMPT, "") : continuing ? l.text.replace(/^\s*>\s?/, "") : "";
    } else {
      const t = l.text.replace(PROMPT, "");
      out = continuing ? t.replace(/^\s*>\s?/, "") : untyped && !COMMAND_WORD.test(t.trim()) ? "" : t;
    }
    continuing = out !== "" && /[\\`^]\s*$|\|\s*$|&&\s*$/.test(out);
    return out;
  });
}
function analyzeDoc(ctx, doc) {
  for (const block of doc.blocks) {
    const first = block.lines[0]?.line ?? 1;
    const dialect = dialectOf(block.lang);
    const contiguous = block.lines.every((l, k) => l.line === first + k);
    if (dialect) {
      const cmds = commandLines(block.lang, block.lines);
      if (contiguous) takeShell(ctx, analyzers().analyzeShell(cmds.join("\n"), { dialect, state: ctx.state, firstLine: first, sources: ctx.sources }), false);
      else cmds.forEach((c, k) => {
        if (c) takeShell(ctx, analyzers().analyzeShell(c, { dialect, state: ctx.state, firstLine: block.lines[k].line, sources: ctx.sources }), false);
      });
    } else if (PY_LANGS.has(block.lang)) {
      pythonBlock(ctx, block.lines);
    } else if (MAKE_LANGS.has(block.lang)) {
      const mk = parseMakefile(block.lines.map((l) => l.text).join("\n"));
      for (const r of allRecipes(mk)) takeShell(ctx, analyzers().analyzeShell(r.text, { state: ctx.state, firstLine: block.lines[r.line - 1]?.line ?? first, sources: ctx.sources }), false);
    } else if (DOCKER_LANGS.has(block.lang)) {
      for (const [text, line] of dockerRuns(block.lines)) takeShell(ctx, analyzers().analyzeShell(text, { state: ctx.state, firstLine: line, sources: ctx.sources }), false);
    }
  }
  for (const s of doc.spans) {
    const c = s.text.replace(PROMPT, "");
    if (COMMAND_WORD.test(c.trim())) takeShell(ctx, analyzers().analyzeShell(c, { state: ctx.state, firstLine: s.line, sources: ctx.sources }), true);
  }
  for (const l of doc.prose) {
    for (const c of proseCommands(l.text)) takeShell(ctx, analyzers().analyzeShell(c.text, { state: ctx.state, firstLine: l.line, sources: ctx.sources }), c.strong ? true : "weak");
  }
}
var COMMAND_LEAD = /(?:^|(?:^|\s)(?:\d+[.)]|[-*\u2022+]|step\s*\d+\s*[:.]?)|[:\uFF1A>]|\b(?:run|execute|type|enter|command)|\u8FD0\u884C|\u6267\u884C|\u8F93\u5165|\u5B9F\u884C)\s*$/i;
function proseCommands(text) {
  const out = [];
  PROSE_START.lastIndex = 0;
  for (let m = PROSE_START.exec(text); m && out.length < MAX_PROSE_CANDIDATES; m = PROSE_START.exec(text)) {
    const rest = text.slice(m.index, m.index + MAX_PROSE_COMMAND);
    const end = PROSE_END.exec(rest);
    const c = trimEndOf(end ? rest.slice(0, end.index) : rest, ".,;:)", isSpace);
    const strong = COMMAND_LEAD.test(text.slice(Math.max(0, m.index - 40), m.index));
    if (c.includes(" ") || c.startsWith("./")) out.push({ text: c, strong });
    const joint = PROSE_JOINT.exec(c);
    if (joint) out.push({ text: trimEndOf(c.slice(0, joint.index), ".,;:)", isSpace), strong });
    if (m[0].length === 0) PROSE_START.lastIndex++;
  }
  return out;
}
function dockerRuns(lines) {
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const m = /^\s*RUN\s+(\S.*)?$/i.exec(l.text);
    if (!m) continue;
    let text = m[1] ?? "";
    while (text.trimEnd().endsWith("\\") && i + 1 < lines.length) text = `${text.trimEnd().slice(0, -1)} ${lines[++i].text}`;
    const flag = /--[\w-]+=\S+\s+/y;
    let start = 0;
    while (flag.exec(text)) start = flag.lastIndex;
    text = text.slice(start);
    if (text.startsWith("[")) {
      try {
        const argv = JSON.parse(text);
        if (Array.isArray(argv) && argv.every((a) => typeof a === "string")) {
          text = argv.length === 3 && /(^|\/)(ba)?sh$/.test(argv[0]) && argv[1] === "-c" ? argv[2] : argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
        }
      } catch {
      }
    }
    out.push([text, l.line]);
  }
  return out;
}
function pythonBlock(ctx, lines) {
  const first = lines[0]?.line ?? 1;
  const py = [];
  const sh = [];
  for (const l of lines) {
    const t = l.text.replace(/^(>>>|\.\.\.) ?/, "");
    const indent = /^\s*/.exec(t)?.[0] ?? "";
    if (/^\s*!/.test(t) || /^\s*%(pip|conda)\s/.test(t)) {
      py.push(`${indent}pass`);
      sh.push(t.trim().replace(/^[!%]/, ""));
    } else {
      py.push(t);
      sh.push("");
    }
  }
  takeShell(ctx, analyzers().analyzeShell(sh.join("\n"), { state: ctx.state, firstLine: first, sources: ctx.sources }), false);
  for (const h of analyzers().analyzePython(py.join("\n"), { context: "snippet", tolerateParseErrors: true, shellState: ctx.state }).hits) {
    const at = lines[h.line - 1]?.line ?? first;
    push(ctx, { ...h, line: at, ...h.related ? { related: h.related.map((x) => lines[x - 1]?.line ?? first) } : {} });
  }
  remoteLoads(ctx, py.join("\n"), lines, first);
}
var REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
function remoteLoads(ctx, code, lines, first) {
  customPipelines(ctx, code, lines, first);
  const p = ctx.publisher;
  if (!p) return;
  for (const l of remoteCodeLoads(code)) {
    if (l.repo === void 0 || !REPO_ID.test(l.repo)) continue;
    const line = lines[l.line - 1]?.line ?? first;
    if (l.repo.toLowerCase() !== p.repo.toLowerCase()) {
      const ns = l.repo.split("/")[0].toLowerCase();
      const own = ns === p.namespace.toLowerCase();
      const trusted = (p.trusted ?? []).some((t) => t.toLowerCase() === ns);
      const severity = own ? "medium" : trusted ? "low" : "high";
      push(ctx, {
        check: "instructions.remote-code",
        severity,
        line,
        message: `The instructions run remote code from another repository, ${l.repo} (\`${l.callee}(\u2026, trust_remote_code=True)\`)${own ? ", of the same publisher" : trusted ? ", of a trusted publisher" : ""}: its code is not part of this review`,
        help: own || trusted ? `Review ${l.repo} at a pinned commit as well; its code runs for every user of this card.` : `Users following this card run ${l.repo}'s code, which nobody reviewed here. Do not approve unless that repository is reviewed and pinned too.`
      });
      continue;
    }
    if (l.revision !== void 0 && !isReviewedRevision(l.revision, p.commit)) {
      push(ctx, {
        check: "instructions.remote-code",
        severity: "high",
        line,
        message: `The instructions run this repository's remote code at revision "${l.revision}" (\`${l.callee}(\u2026, revision=\u2026, trust_remote_code=True)\`), not the reviewed commit${p.commit ? ` ${p.commit.slice(0, 12)}` : ""}`,
        help: "The code at another branch, tag or commit was not reviewed. Review and pin that revision, or load the reviewed commit."
      });
    }
  }
}
function customPipelines(ctx, code, lines, first) {
  const consts = /* @__PURE__ */ new Map();
  for (const m of code.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')[ \t]*$/gm)) consts.set(m[1], m[2] ?? m[3]);
  const p = ctx.publisher;
  for (const m of code.matchAll(/\bcustom_pipeline[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z_]\w*))/g)) {
    const v = m[1] ?? m[2] ?? consts.get(m[3] ?? "");
    if (v === void 0) continue;
    const line = lines[code.slice(0, m.index).split("\n").length - 1]?.line ?? first;
    if (/^(https?|ftp):\/\//i.test(v)) {
      const org = analyzers().githubOrgOf(v.replace(/^https:\/\/raw\.githubusercontent\.com\//i, "https://github.com/"));
      const own2 = org !== void 0 && (ctx.sources.ownGitOrgs ?? []).includes(org);
      push(ctx, {
        check: "instructions.remote-code",
        severity: own2 ? "medium" : "high",
        line,
        message: `The instructions load a diffusers pipeline whose code is fetched from ${v} (\`custom_pipeline=\`)${own2 ? ", the publisher's own GitHub organisation" : ""}: that code runs and is not part of this review`,
        help: "diffusers downloads and imports the custom pipeline file. Review it at a pinned commit, or do not approve."
      });
      continue;
    }
    if (!REPO_ID.test(v) || ctx.paths.isDir(v) || ctx.paths.has(v) || p && v.toLowerCase() === p.repo.toLowerCase()) continue;
    const ns = v.split("/")[0].toLowerCase();
    const own = p !== void 0 && ns === p.namespace.toLowerCase();
    const trusted = p !== void 0 && (p.trusted ?? []).some((t) => t.toLowerCase() === ns);
    push(ctx, {
      check: "instructions.remote-code",
      severity: own ? "medium" : trusted ? "low" : "high",
      line,
      message: `The instructions load a diffusers pipeline whose code comes from another repository, ${v} (\`custom_pipeline=\`)${own ? ", of the same publisher" : trusted ? ", of a trusted publisher" : ""}: its code is not part of this review`,
      help: own || trusted ? `Review ${v} at a pinned commit as well; its code runs for every user of this card.` : `Users following this card run ${v}'s code, which nobody reviewed here. Do not approve unless that repository is reviewed and pinned too.`
    });
  }
}
function isReviewedRevision(revision, commit) {
  if (revision === "main") return true;
  const r = revision.toLowerCase();
  return commit !== void 0 && /^[0-9a-f]{7,40}$/.test(r) && commit.toLowerCase().startsWith(r);
}
function push(ctx, h) {
  if (!ctx.via) {
    ctx.hits.push(h);
    return;
  }
  const { related: _related, ...rest } = h;
  ctx.hits.push({ ...rest, line: ctx.via.line, message: `${ctx.via.label}: ${lowerFirst(h.message)}` });
}
function takeShell(ctx, r, mode) {
  const prose = mode !== false;
  for (const h of r.hits) {
    if (prose && !PROSE_KINDS.has(h.kind) && !h.sub) continue;
    if (mode === "weak" && h.severity !== "critical") continue;
    if (h.hub && hubFileOfThisRepo(ctx, h)) continue;
    const api = h.kind === "network-send" && h.severity === "high";
    const severity = api ? h.host !== void 0 && ownHost(h.host, ctx.sources) ? "low" : "medium" : h.severity;
    push(ctx, {
      check: h.sub ? `instructions.${h.sub}` : ID[h.kind],
      severity,
      line: h.line,
      message: `The instructions tell users to run a command that ${lowerFirst(h.message)}`,
      help: h.help,
      ...h.related ? { related: h.related } : {}
    });
  }
  for (const e of r.embedded) embeddedPython(ctx, e, prose);
  for (const c of r.commands) command(ctx, c, prose);
}
function splitSimpleStatements(code) {
  return code.split("\n").map((line) => {
    const cuts = [];
    let depth = 0;
    let q;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (q) {
        if (c === "\\") i++;
        else if (c === q) q = void 0;
        continue;
      }
      if (c === "#") break;
      if (c === '"' || c === "'") q = c;
      else if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && c === ":") return line;
      else if (depth === 0 && c === ";") cuts.push(i);
    }
    if (cuts.length === 0) return line;
    const indent = /^\s*/.exec(line)?.[0] ?? "";
    const parts = [];
    let from = 0;
    for (const c of cuts) {
      parts.push(line.slice(from, c).trim());
      from = c + 1;
    }
    parts.push(line.slice(from).trim());
    return parts.filter(Boolean).map((p) => indent + p).join("\n");
  }).join("\n");
}
function embeddedPython(ctx, e, prose) {
  for (const h of analyzers().analyzePython(splitSimpleStatements(e.code), { context: "snippet", tolerateParseErrors: true, shellState: ctx.state }).hits) {
    if (prose && h.severity !== "critical" && h.severity !== "high") continue;
    push(ctx, { ...h, line: e.line, message: `${h.message} (in Python the instructions run)` });
  }
}
function hubFileOfThisRepo(ctx, h) {
  const hub = h.hub;
  const self = ctx.publisher?.repo;
  if (self !== void 0 && self.toLowerCase() !== hub.repo.toLowerCase()) return false;
  const f = ctx.paths.file(hub.file.replace(/^\.\//, ""));
  if (!f) return false;
  if (h.kind === "install-from-url" && /\.(whl|zip|tar\.gz|tgz|egg)$/i.test(f.path)) return true;
  gradeFile(ctx, f, h.line, `${h.kind === "chmod-exec" ? "chmod +x" : "run"} ${hub.file} (downloaded from ${hub.repo})`, false);
  return true;
}
function ownHost(host, sources) {
  const labels = host.toLowerCase().split(".");
  if (labels.length < 2) return false;
  const site = labels.slice(-2);
  const fold = (s) => s.toLowerCase().replace(/[-_.]/g, "");
  const keys = [fold(site.join("")), fold(site[0])];
  return (sources.ownNames ?? []).some((n) => fold(n).length >= 3 && keys.includes(fold(n)));
}
function lowerFirst(s) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
function command(ctx, c, prose) {
  if (c.name === "cd") {
    cd(ctx, c.args[0]);
    return;
  }
  if (c.name === "git" && c.args[0] === "clone") {
    clone(ctx, c.args.slice(1));
    return;
  }
  if (c.name === "make" || c.name === "gmake") {
    make(ctx, c, prose);
    return;
  }
  if (/^(docker|podman|nerdctl|buildah)$/.test(c.name) && dockerBuild(ctx, c, prose)) return;
  if (!ctx.inClone && projectFileRun(ctx, c, prose)) return;
  const cloned = cloneRun(ctx, c);
  if (cloned) {
    cloneInstall(ctx, c, cloned);
    return;
  }
  repoScript(ctx, c, ctx.cwd, prose);
}
function cd(ctx, target) {
  if (target === void 0 || target === "~" || target === "-") {
    ctx.inClone = void 0;
    ctx.cwd = dirname(ctx.doc);
    return;
  }
  const first = trimEndOf(target, "/").split("/")[0];
  const url = ctx.clones.get(first);
  if (url !== void 0) {
    if (url === "") ctx.cwd = "";
    else ctx.inClone = url;
    return;
  }
  if (ctx.inClone && target.startsWith("..")) {
    ctx.inClone = void 0;
    return;
  }
  if (ctx.inClone) return;
  const next = joinPath(ctx.cwd, target);
  if (next !== void 0 && (next === "" || ctx.paths.isDir(next))) ctx.cwd = next;
}
var CLONE_VALUE = /* @__PURE__ */ new Set(["-b", "--branch", "--depth", "-o", "--origin", "--reference", "-c", "--config", "--filter", "-j", "--jobs", "--separate-git-dir", "--template", "--shallow-since", "--shallow-exclude", "-u", "--upload-pack"]);
function clone(ctx, args) {
  const pos = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (CLONE_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    pos.push(a);
  }
  const url = pos[0];
  if (url === void 0) return;
  const dir = pos[1] ?? (trimEndOf(url, "/").replace(/\.git$/, "").split(/[/:]/).pop() ?? "");
  if (dir === "") return;
  if (isHubHost(hostOf(url))) {
    const id = /huggingface\.co\/(?:models\/)?([\w.-]+\/[\w.-]+)/i.exec(url)?.[1]?.replace(/\.git$/, "");
    const self = ctx.publisher?.repo;
    const isSelf = id !== void 0 && /^(spaces|datasets)\//i.test(id) === false && (self === void 0 || self.toLowerCase() === id.toLowerCase());
    ctx.clones.set(dir, isSelf ? "" : url);
    return;
  }
  ctx.clones.set(dir, url);
}
function cloneRun(ctx, c) {
  const pip = analyzers().pipInstallArgs(c.name, c.args);
  const localArg = (a) => {
    const first = a.replace(/^\.\//, "").split("/")[0];
    const url = ctx.clones.get(first);
    return url !== void 0 && url !== "" ? url : void 0;
  };
  if (pip) {
    for (let i = 0; i < pip.length; i++) {
      const a = pip[i];
      const isLocal = a === "." || a.startsWith("./") || a.startsWith("../") || pip[i - 1] === "-e" || pip[i - 1] === "-r" || pip[i - 1] === "--requirement" || /^\.\[/.test(a);
      if (!isLocal) {
        const url2 = !a.startsWith("-") && !/^[a-z+]+:\/\//i.test(a) ? localArg(a) : void 0;
        if (url2) return url2;
        continue;
      }
      if (ctx.inClone) return ctx.inClone;
      const url = localArg(a);
      if (url) return url;
    }
    return void 0;
  }
  if (!ctx.inClone) {
    const target = /^python[\d.]*$|^(ba|z)?sh$/.test(c.name) ? c.args.find((a) => !a.startsWith("-")) : c.program.includes("/") ? c.program : void 0;
    return target !== void 0 && target.includes("/") ? localArg(target) : void 0;
  }
  if (/^(python[\d.]*|py|pip[\d.]*|uv|poetry|pdm|pipenv|hatch|npm|yarn|pnpm|bun|cargo|go|bash|sh|zsh|source|\.|make|cmake|accelerate|torchrun|deepspeed|streamlit|gradio)$/.test(c.name) || c.program.startsWith("./") || /\.(sh|py)$/.test(c.program)) {
    if (c.name === "pip" || /^python/.test(c.name) && c.args[0] === "-m" && c.args[1] === "pip") return void 0;
    if ((c.name === "uv" || c.name === "poetry" || c.name === "pdm") && !/^(sync|install|run|pip)$/.test(c.args[0] ?? "")) return void 0;
    if ((c.name === "npm" || c.name === "yarn" || c.name === "pnpm" || c.name === "bun") && !/^(install|i|ci|run|start|exec)?$/.test(c.args[0] ?? "")) return void 0;
    return ctx.inClone;
  }
  return void 0;
}
function cloneInstall(ctx, c, url) {
  const shown2 = c.words.join(" ").slice(0, 120);
  const spec = /^git\+|^git@/.test(url) ? url : `git+${url}`;
  const r = analyzers().judgeSpecifier(spec, ctx.sources);
  if (!r || r.kind === "local-path") return;
  push(ctx, {
    check: "instructions.git-install",
    severity: r.severity,
    line: c.line,
    message: `The instructions run code from the cloned repository ${url} (\`${shown2}\`), which is the same as installing it from git: ${lowerFirst(r.message)}`,
    help: r.help
  });
}
function make(ctx, c, prose) {
  if (ctx.inClone) {
    cloneInstall(ctx, c, ctx.inClone);
    return;
  }
  let dir = ctx.cwd;
  let file;
  const targets = [];
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i];
    if (a === "-C" || a === "--directory") {
      dir = joinPath(dir, c.args[++i] ?? "") ?? dir;
      continue;
    }
    if (a.startsWith("--directory=")) {
      dir = joinPath(dir, a.slice(12)) ?? dir;
      continue;
    }
    if (a === "-f" || a === "--file" || a === "--makefile") {
      file = c.args[++i];
      continue;
    }
    if (/^-[jlIoW]$/.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-") || a.includes("=")) continue;
    targets.push(a);
  }
  const candidates = file !== void 0 ? [joinPath(dir, file)] : ["GNUmakefile", "makefile", "Makefile"].map((n) => joinPath(dir, n));
  const path2 = candidates.find((p) => p !== void 0 && ctx.paths.has(p));
  if (path2 === void 0) return;
  const f = ctx.paths.file(path2);
  const text = ctx.repo.text(path2);
  const shown2 = c.words.join(" ").slice(0, 120);
  if (text === void 0) {
    push(ctx, { check: "instructions.run-repo-script", severity: "high", line: c.line, message: `The instructions run \`${shown2}\`, but ${f.path} could not be analysed`, help: "Read the Makefile by hand." });
    return;
  }
  if (ctx.makeDepth >= MAX_MAKE_DEPTH) return;
  const mk = withIncludes(ctx, parseMakefile(text), dirname(path2));
  const recipe = recipeFor(mk, targets);
  const before = ctx.hits.length;
  const saved = { via: ctx.via, cwd: ctx.cwd, depth: ctx.makeDepth };
  ctx.makeDepth++;
  ctx.cwd = dirname(path2);
  for (const r of recipe) {
    ctx.via = saved.via ?? { line: c.line, label: `\`${shown2}\` runs \`${r.text.trim().slice(0, 100)}\` (${path2} line ${r.line})` };
    takeShell(ctx, analyzers().analyzeShell(r.text, { state: ctx.state, firstLine: c.line, sources: ctx.sources }), prose);
  }
  ctx.via = saved.via;
  ctx.cwd = saved.cwd;
  ctx.makeDepth = saved.depth;
  if (ctx.hits.length === before && !saved.via && recipe.length > 0) {
    push(ctx, {
      check: "instructions.run-repo-script",
      severity: "medium",
      line: c.line,
      message: `The instructions tell users to run \`${shown2}\`, which runs ${recipe.length} command(s) from ${path2}; they have no blocking findings`,
      help: "Every user will run these commands; read the Makefile target and confirm it only does what the model card says."
    });
  }
}
var BUILD_VALUE = /* @__PURE__ */ new Set(["-t", "--tag", "--build-arg", "--target", "--platform", "--label", "--network", "--secret", "--ssh", "--cache-from", "--cache-to", "-o", "--output", "--progress", "--iidfile", "--add-host"]);
function dockerBuild(ctx, c, prose) {
  const args = c.args[0] === "buildx" || c.args[0] === "image" ? c.args.slice(1) : c.args;
  if (args[0] !== "build" && args[0] !== "bud") return false;
  let file;
  let context = ".";
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === "-f" || a === "--file") {
      file = args[++i];
      continue;
    }
    if (a.startsWith("--file=")) {
      file = a.slice(7);
      continue;
    }
    if (BUILD_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    context = a;
  }
  if (ctx.inClone) {
    cloneInstall(ctx, c, ctx.inClone);
    return true;
  }
  if (/^[a-z]+:\/\//i.test(context)) return false;
  const dir = joinPath(ctx.cwd, context);
  const path2 = file !== void 0 ? joinPath(ctx.cwd, file) : ["Dockerfile", "Containerfile", "dockerfile"].map((n) => joinPath(dir ?? "", n)).find((p) => p !== void 0 && ctx.paths.has(p));
  if (path2 === void 0 || !ctx.paths.has(path2)) return false;
  const text = ctx.repo.text(path2);
  const shown2 = c.words.join(" ").slice(0, 120);
  if (text === void 0) {
    push(ctx, { check: "instructions.run-repo-script", severity: "high", line: c.line, message: `The instructions run \`${shown2}\`, but ${path2} could not be analysed`, help: "Read the Dockerfile by hand." });
    return true;
  }
  const steps = dockerRuns(splitLines(text).map((t, k) => ({ text: t, line: k + 1 })));
  const before = ctx.hits.length;
  const saved = ctx.via;
  for (const [step, line] of steps) {
    ctx.via = saved ?? { line: c.line, label: `\`${shown2}\` runs \`${step.trim().slice(0, 100)}\` (${path2} line ${line})` };
    takeShell(ctx, analyzers().analyzeShell(step, { state: analyzers().newShellState(), firstLine: c.line, sources: ctx.sources }), prose);
  }
  ctx.via = saved;
  if (ctx.hits.length === before && !saved && steps.length > 0) {
    push(ctx, {
      check: "instructions.run-repo-script",
      severity: "medium",
      line: c.line,
      message: `The instructions tell users to run \`${shown2}\`, which runs ${steps.length} RUN step(s) from ${path2}; they have no blocking findings`,
      help: "Every user will build this image; read the Dockerfile and confirm it only does what the model card says."
    });
  }
  return true;
}
function projectFileRun(ctx, c, prose) {
  const find = (names) => names.map((n) => joinPath(ctx.cwd, n)).find((p) => p !== void 0 && ctx.paths.has(p));
  let path2;
  let steps;
  if (c.name === "just") {
    path2 = find(["justfile", "Justfile", ".justfile"]);
    const recipes = c.args.filter((a) => !a.startsWith("-") && !a.includes("="));
    steps = (t) => justSteps(t, recipes);
  } else if (/^(npm|yarn|pnpm|bun)$/.test(c.name)) {
    path2 = find(["package.json"]);
    steps = (t) => npmScriptSteps(t, c.name, c.args);
  } else if (c.name === "pre-commit" && /^(install|run|try-repo|install-hooks)$/.test(c.args[0] ?? "")) {
    path2 = find([".pre-commit-config.yaml", ".pre-commit-config.yml"]);
    steps = (t) => {
      const cfg = parsePreCommit(t);
      for (const r of cfg.repos) {
        if (isKnownHookRepo(r.text)) continue;
        const org = analyzers().githubOrgOf(r.text);
        const own = org !== void 0 && (ctx.sources.ownGitOrgs ?? []).includes(org);
        push(ctx, {
          check: "instructions.install-from-url",
          severity: own ? "medium" : "high",
          line: c.line,
          message: `The instructions run \`${c.words.join(" ").slice(0, 80)}\`, which installs and runs hooks from ${r.text} (${path2} line ${r.line})${own ? ", the publisher's own GitHub organisation" : ", a repository nobody reviewed"}`,
          help: "pre-commit clones each hook repository and runs its code on your machine. Review the hook repository at the pinned rev, or remove the hook."
        });
      }
      return cfg.commands;
    };
  } else if (c.name === "direnv" && c.args[0] === "allow") {
    const dir = c.args[1] !== void 0 ? joinPath(ctx.cwd, c.args[1].replace(/\/?\.envrc$/, "")) : ctx.cwd;
    path2 = [dir !== void 0 ? joinPath(dir, ".envrc") : void 0].find((p) => p !== void 0 && ctx.paths.has(p));
    steps = (t) => [{ text: t, line: 1 }];
  } else if (composeCommand(c)) {
    const f = composeCommand(c);
    path2 = f.file !== void 0 ? find([f.file]) : find(["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]);
    steps = (t) => {
      for (const svc of composeServices(t)) {
        for (const r of judgeContainer(svc, ctx.sources)) {
          push(ctx, {
            check: "instructions.container",
            severity: r.severity,
            line: c.line,
            message: `The instructions run \`${c.words.join(" ").slice(0, 80)}\`, whose service ${svc.service} (${path2} line ${svc.line}): ${lowerFirst(r.message)}`,
            help: r.help
          });
        }
      }
      return [];
    };
  } else return false;
  if (path2 === void 0) return false;
  const text = ctx.repo.text(path2);
  const shown2 = c.words.join(" ").slice(0, 120);
  if (text === void 0) {
    push(ctx, { check: "instructions.run-repo-script", severity: "high", line: c.line, message: `The instructions run \`${shown2}\`, but ${path2} could not be analysed`, help: `Read ${path2} by hand.` });
    return true;
  }
  if (ctx.makeDepth >= MAX_MAKE_DEPTH) return true;
  const before = ctx.hits.length;
  const found = steps(text);
  if (found === void 0) return false;
  const saved = { via: ctx.via, depth: ctx.makeDepth };
  ctx.makeDepth++;
  for (const s of found) {
    ctx.via = saved.via ?? { line: c.line, label: `\`${shown2}\` runs \`${s.text.trim().slice(0, 100)}\` (${path2} line ${s.line})` };
    takeShell(ctx, analyzers().analyzeShell(s.text, { state: ctx.state, firstLine: c.line, sources: ctx.sources }), prose);
  }
  ctx.via = saved.via;
  ctx.makeDepth = saved.depth;
  if (ctx.hits.length === before && !saved.via && found.length > 0) {
    push(ctx, {
      check: "instructions.run-repo-script",
      severity: "medium",
      line: c.line,
      message: `The instructions tell users to run \`${shown2}\`, which runs ${found.length} command(s) from ${path2}; they have no blocking findings`,
      help: `Every user will run these commands; read ${path2} and confirm they only do what the model card says.`
    });
  }
  return true;
}
function composeCommand(c) {
  const args = c.name === "docker-compose" || c.name === "podman-compose" ? c.args : /^(docker|podman)$/.test(c.name) && c.args[0] === "compose" ? c.args.slice(1) : void 0;
  if (!args) return void 0;
  let file;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-f" || a === "--file") {
      file = args[++i];
      continue;
    }
    if (a === "-p" || a === "--project-name" || a === "--env-file" || a === "--profile") {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    return /^(up|run|start|create|restart)$/.test(a) ? file !== void 0 ? { file } : {} : void 0;
  }
  return void 0;
}
function withIncludes(ctx, mk, dir) {
  for (const inc of mk.includes.slice(0, 8)) {
    const p = joinPath(dir, inc);
    const t = p !== void 0 ? ctx.repo.text(p) : void 0;
    if (t === void 0) continue;
    const sub = parseMakefile(t);
    for (const [k, v] of sub.vars) if (!mk.vars.has(k)) mk.vars.set(k, v);
    for (const [k, v] of sub.rules) if (!mk.rules.has(k)) mk.rules.set(k, v);
    mk.parseTimeCommands.push(...sub.parseTimeCommands);
  }
  return mk;
}
function makefileFindings(repo) {
  const out = [];
  for (const f of repo.files) {
    const make2 = /^(gnu)?makefile$/i.test(basename(f.path)) || extension(f.path) === "mk";
    const docker = /^(dockerfile|containerfile)$/i.test(basename(f.path)) || extension(f.path) === "dockerfile";
    if (!make2 && !docker) continue;
    const text = repo.text(f.path);
    if (text === void 0) continue;
    const state = analyzers().newShellState();
    const hits = [];
    const steps = make2 ? allRecipes(parseMakefile(text)) : dockerRuns(splitLines(text).map((t, k) => ({ text: t, line: k + 1 }))).map(([t, line]) => ({ text: t, line }));
    for (const r of steps) {
      for (const h of analyzers().analyzeShell(r.text, { state, firstLine: r.line }).hits) {
        hits.push({ check: `shell.${h.sub ?? h.kind}`, severity: h.severity, line: r.line, message: h.message, help: h.help });
      }
    }
    out.push(...hitsToFindings(dedupeHits(hits), f.path, splitLines(text)));
  }
  return out;
}
function scriptOf(c) {
  const { name, args } = c;
  if (/^(uv|poetry|pipenv)$/.test(name) && args[0] === "run" && args[1]) {
    const inner = args[1];
    return scriptOf({ ...c, name: basename(inner).toLowerCase(), program: inner, args: args.slice(2) });
  }
  const pip = analyzers().pipInstallArgs(name, args);
  if (pip) {
    const local = pip.find((a, i) => !a.startsWith("-") && (a === "." || a.startsWith("./") || a.startsWith("../") || pip[i - 1] === "-e") && !/^[a-z+]+:\/\//i.test(a));
    return local !== void 0 ? [local, "pip-install"] : void 0;
  }
  if (/^python[\d.]*$|^py$|^pypy3?$/.test(name)) {
    const m = args.indexOf("-m");
    if (m >= 0) return args[m + 1] && args[m + 1] !== "pip" ? [args[m + 1], "module"] : void 0;
    if (args.includes("-c")) return void 0;
    const s = args.find((a) => !a.startsWith("-"));
    if (s === "setup.py" || s?.endsWith("/setup.py")) return [s.replace(/setup\.py$/, "") || ".", "pip-install"];
    return s ? [s, "script"] : void 0;
  }
  if (/^(accelerate|torchrun|deepspeed|streamlit|gradio|chainlit)$/.test(name)) {
    const s = args.find((a) => /\.py$/.test(a));
    return s ? [s, "script"] : void 0;
  }
  if (analyzers().isInterpreter(name) || name === "source" || name === ".") {
    if (name === "powershell" || name === "pwsh") {
      const f = args.findIndex((a) => /^-file$/i.test(a));
      return f >= 0 && args[f + 1] ? [args[f + 1], "script"] : void 0;
    }
    if (name === "cmd") {
      const k = args.findIndex((a) => /^\/[ck]$/i.test(a));
      return k >= 0 && args[k + 1] ? [args[k + 1], "script"] : void 0;
    }
    if (args.some((a) => /^-\w*c$/.test(a))) return void 0;
    const s = args.find((a) => !a.startsWith("-"));
    return s ? [s, "script"] : void 0;
  }
  if (/^(https?|ftp):\/\//i.test(c.program)) return [c.program, "url"];
  if (c.program.includes("/") || c.program.includes("\\") || /\.(sh|py|bat|cmd|ps1|exe|bin|run|appimage)$/i.test(c.program)) return [c.program, "program"];
  return void 0;
}
function resolve(ctx, written, cwd, kind) {
  const p = written.replace(/\\/g, "/");
  const bases = [cwd, dirname(ctx.doc), ""];
  const cands = [];
  for (const b of bases) {
    if (kind === "module") {
      const m = p.replace(/\./g, "/");
      cands.push(`${b ? `${b}/` : ""}${m}.py`, `${b ? `${b}/` : ""}${m}/__main__.py`);
    } else if (kind === "pip-install") {
      const d = joinPath(b, p);
      if (d !== void 0) cands.push(`${d ? `${d}/` : ""}setup.py`, `${d ? `${d}/` : ""}pyproject.toml`);
    } else {
      const j = joinPath(b, p);
      if (j !== void 0) cands.push(j);
    }
  }
  for (const c of cands) {
    const f = ctx.paths.file(c);
    if (f) return f;
  }
  return void 0;
}
function repoScript(ctx, c, cwd, prose) {
  const s = scriptOf(c);
  if (!s) return;
  const [written, kind] = s;
  if (prose && kind === "program" && !/[/\\]/.test(written) && c.args.length === 0) return;
  const shown2 = c.words.join(" ").slice(0, 120);
  if (kind === "url") {
    push(ctx, { check: "instructions.run-binary", severity: "high", line: c.line, message: `The instructions run a program straight from a URL: \`${shown2}\``, help: "Running a downloaded program executes code nobody reviewed. Do not approve." });
    return;
  }
  const f = resolve(ctx, written, cwd, kind);
  if (f) gradeFile(ctx, f, c.line, shown2, prose);
}
function gradeFile(ctx, f, line, shown2, prose) {
  if (f.formats.some((x) => ["elf", "pe", "macho", "wasm", "dex", "unknown-binary"].includes(x))) {
    push(ctx, { check: "instructions.run-binary", severity: "high", line, message: `The instructions run ${f.path}, a binary shipped in this repository (\`${shown2}\`)`, help: "A model needs no native program of its own; binaries cannot be reviewed as source. Do not approve." });
    return;
  }
  const findings = codeFindings(ctx.repo, f);
  const notExamined2 = findings === void 0 || findings.some((x) => x.check === "code.not-examined");
  const serious = (findings ?? []).filter((x) => x.severity === "critical" || x.severity === "high");
  const worst = maxSeverity(serious);
  const severity = notExamined2 ? "high" : worst ?? "medium";
  const what = notExamined2 ? `; ${f.path} could not be analysed as code` : serious.length > 0 ? `; that script has ${serious.length} blocking finding(s): ${serious.slice(0, 3).map((x) => `${x.check}${x.line ? ` (line ${x.line})` : ""}`).join(", ")}` : "; its code has no blocking findings";
  push(ctx, {
    check: "instructions.run-repo-script",
    severity,
    line,
    message: `The ${prose ? "text" : "instructions"} tell users to run ${f.path} from this repository (\`${shown2}\`)${what}`,
    help: severity === "medium" ? "Every user will run this script; read it and confirm it only does what the model card says." : "Users are told to run code that does something a model never needs. Do not approve."
  });
}

// src/scan/extensions.ts
var EXPECT = {
  safetensors: ["safetensors"],
  json: ["json", "notebook", "text", "empty"],
  jsonl: ["json", "text", "empty"],
  txt: ["text", "json", "python", "script", "empty"],
  md: ["text", "json", "python", "script", "empty"],
  npy: ["numpy"],
  npz: ["zip"],
  gguf: ["gguf"],
  h5: ["hdf5"],
  hdf5: ["hdf5"],
  keras: ["zip"],
  onnx: ["protobuf"],
  // sentencepiece writes protobuf under `.model`, gensim's save() a pickle (judged as the pickle it is).
  model: ["protobuf", "text", "pickle"],
  tflite: ["tflite"],
  py: ["python", "text", "script", "empty"],
  ipynb: ["notebook", "json"],
  png: ["image"],
  jpg: ["image"],
  jpeg: ["image"],
  gif: ["image"],
  tar: ["tar"],
  gz: ["gzip"],
  zip: ["zip"],
  yaml: ["text", "empty"],
  yml: ["text", "empty"]
};
var CODE_CAPABLE = /* @__PURE__ */ new Set([
  "pickle",
  "elf",
  "pe",
  "macho",
  "wasm",
  "dex",
  "ole",
  "zip",
  "tar",
  "gzip",
  "zlib",
  "bz2",
  "xz",
  "lzma",
  "lz4",
  "zstd",
  "7z",
  "joblib-zf",
  "script",
  "hdf5",
  "unknown-binary"
]);
var TORCH_TAR = /\.(?:pth|pt|ckpt|pkl)\.tar$/i;
var TORCH_TAR_EXPECT = ["tar", "zip", "pickle"];
function extensionMismatch(path2, formats) {
  const base = path2.split("/").pop() ?? path2;
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return void 0;
  const extension2 = base.slice(dot + 1).toLowerCase();
  const expected = TORCH_TAR.test(base) ? TORCH_TAR_EXPECT : EXPECT[extension2];
  if (!expected || formats.some((f) => expected.includes(f))) return void 0;
  return { extension: extension2, expected, severity: formats.some((f) => CODE_CAPABLE.has(f)) ? "high" : "low" };
}

// src/checks/content/layout.ts
var EXECUTABLE = /* @__PURE__ */ new Set(["elf", "pe", "macho", "wasm", "dex"]);
var DATA_EXTENSIONS = /* @__PURE__ */ new Set(["bin", "pt", "pth", "ckpt", "vocab", "spm", "tiktoken", "msgpack", "pb", "params", "weights", "data", "dat", "pkl", "pickle", "joblib", "index", "ot", "mlmodel", "nemo", "tflite", "onnx_data", "model"]);
var NATIVE = /* @__PURE__ */ new Set(["exe", "dll", "so", "dylib", "msi", "scr", "com", "sys", "ko", "apk", "dmg", "deb", "rpm", "appimage", "jar", "class", "pyc", "pyo", "pyd", "node", "elf", "app"]);
var ARCHIVES = /* @__PURE__ */ new Set(["zip", "tar", "tgz", "gz", "bz2", "xz", "7z", "rar", "zst", "lz4", "tbz2", "txz"]);
var PICKLE_WEIGHTS = /* @__PURE__ */ new Set(["bin", "pt", "pth", "ckpt", "pkl"]);
function weightStem(path2) {
  const b = basename(path2);
  return b.slice(0, b.lastIndexOf(".")).replace(/^pytorch_/, "").replace(/^diffusion_pytorch_/, "diffusion_");
}
var layoutCheck = {
  id: "layout",
  run(repo) {
    const out = [];
    const byDir = /* @__PURE__ */ new Map();
    for (const f of repo.files) {
      const ext = extension(f.path);
      const exe = f.formats.filter((x) => EXECUTABLE.has(x));
      if (exe.length > 0 && DATA_EXTENSIONS.has(ext) && !extensionMismatch(f.path, f.formats)) {
        out.push({
          check: "layout.executable",
          severity: "critical",
          file: f.path,
          evidence: `${f.path}: ${f.formats.join(", ")}, ${f.size} bytes`,
          message: `${f.path} is named like model data (.${ext}) but is a native executable (${exe.join(", ")})`,
          help: "A binary disguised as weights or a tokenizer is there to be run by a script. Reject."
        });
      }
      const lower = basename(f.path).toLowerCase();
      const isNative = NATIVE.has(ext) || /\.so(\.\d+)+$/.test(lower);
      if (isNative) {
        out.push({
          check: "layout.unused-file",
          severity: "medium",
          file: f.path,
          evidence: `${f.path}: ${f.formats.join(", ") || "unknown"}, ${f.size} bytes`,
          message: `${f.path} is a native library, installer or compiled code file that no model loader reads`,
          help: "Find out what would run it (a script, a README step) and why a model ships it; compiled files cannot be reviewed as source."
        });
      } else if (ARCHIVES.has(ext) && !f.formats.includes("pytorch-zip")) {
        out.push({
          check: "layout.unused-file",
          severity: "low",
          file: f.path,
          evidence: `${f.path}: ${f.formats.join(", ") || "unknown"}, ${f.size} bytes`,
          message: `${f.path} is an archive; model loaders do not unpack archives, so something else is meant to`,
          help: "Check what the README or scripts do with it. Its members were scanned where the format allows."
        });
      }
      const d = byDir.get(dirname(f.path)) ?? { safetensors: [], pickles: [] };
      if (ext === "safetensors") d.safetensors.push(f.path);
      else if (PICKLE_WEIGHTS.has(ext) && !/\.index\.json$/.test(lower) && !/^(training_args|optimizer|scheduler|rng_state)/.test(lower)) d.pickles.push(f.path);
      byDir.set(dirname(f.path), d);
    }
    for (const [dir, d] of byDir) {
      const stems = new Set(d.safetensors.map(weightStem));
      const pairs = d.pickles.filter((p) => stems.has(weightStem(p)));
      if (pairs.length === 0) continue;
      out.push({
        check: "layout.mixed-weights",
        severity: "info",
        file: pairs[0],
        evidence: [...d.safetensors, ...pairs].slice(0, 6).join(", "),
        message: `${dir ? `${dir}/: ` : ""}the same weights are shipped as safetensors and as pickle-based files (${pairs.slice(0, 4).join(", ")}${pairs.length > 4 ? ", \u2026" : ""}); some loaders or versions pick the pickle files`,
        help: "Each file was judged on its own: the pickle files' own findings decide. Pin `files` to the safetensors if the pickles are not needed."
      });
    }
    return out;
  }
};

// src/checks/content/index.ts
var CONTENT_CHECKS = [codeCheck, instructionsCheck, remoteCodeCheck, layoutCheck];
var contents = /* @__PURE__ */ new WeakMap();
var indexes2 = /* @__PURE__ */ new WeakMap();
function indexOf(ctx) {
  let index = indexes2.get(ctx);
  if (!index) {
    index = indexPaths(ctx.files);
    indexes2.set(ctx, index);
  }
  return index;
}
function contentOf(ctx) {
  let c = contents.get(ctx);
  if (!c) {
    const publisher = publisherOf(ctx);
    c = {
      // The reports themselves (a FileReport is a RepoFile): a copy per file was megabytes at 50,000 files.
      files: ctx.files,
      text: (p) => ctx.text(p),
      captured: () => ctx.captured?.() ?? [],
      skipped: () => ctx.skipped?.() ?? [],
      paths: () => indexOf(ctx),
      ...ctx.repo ? { repo: ctx.repo } : {},
      ...publisher ? { publisher } : {}
    };
    contents.set(ctx, c);
  }
  return c;
}
function publisherOf(ctx) {
  const hub = ctx;
  if (!hub.resolved) return void 0;
  const repo = hub.resolved.canonicalId;
  const namespace = repo.split("/")[0];
  const trusted = ctx.policy.trustedPublishers.some((p) => p.toLowerCase() === namespace.toLowerCase());
  const legitimate = ctx.policy.legitimateNamespaces.some((p) => p.toLowerCase() === namespace.toLowerCase());
  return { repo, namespace, vouched: trusted || legitimate || hub.author?.isVerified === true, commit: hub.resolved.sha, trusted: ctx.policy.trustedPublishers };
}
function asRepoCheck(c) {
  return {
    id: c.id,
    needs: "files",
    async run(ctx) {
      const first = runRecordingAsks(() => c.run(contentOf(ctx)));
      if (!first.asked) {
        if (first.error !== void 0) throw first.error;
        return first.value;
      }
      contents.delete(ctx);
      await loadAnalyzers();
      return c.run(contentOf(ctx));
    }
  };
}

// src/checks/pin.ts
var pinCheck = {
  id: "hub.pin",
  needs: "hub",
  run({ entry: entry2, resolved }) {
    const findings = [];
    if (!resolved.renamed) return findings;
    const hops = resolved.redirects.map((h) => `${h.from} \u2192 ${h.to} (${h.status})`).join(", ");
    const caseOnly = resolved.canonicalId.toLowerCase() === entry2.repo.toLowerCase();
    if (caseOnly) {
      findings.push({
        check: "hub.pin.case",
        severity: "low",
        message: `the Hub spells this repository ${resolved.canonicalId}`,
        evidence: hops || `requested ${entry2.repo}, answered ${resolved.canonicalId}`,
        help: `Same account, different case. Write ${resolved.canonicalId} in the allowlist so the entry matches the signature.`
      });
      return findings;
    }
    findings.push({
      check: "hub.pin.moved",
      severity: "high",
      message: `${entry2.repo} now answers as ${resolved.canonicalId} (renamed, transferred, or the name was re-used)`,
      evidence: hops || `requested ${entry2.repo}, the Hub's id is ${resolved.canonicalId} (repo _id ${resolved.repoId})`,
      help: `Check that ${resolved.canonicalId} is the publisher you meant to approve. If it is, replace the entry with ${resolved.canonicalId}@${entry2.revision}; the gate never follows a moved name on its own.`
    });
    return findings;
  }
};

// src/checks/policy/formats.ts
var CONTAINERS = /* @__PURE__ */ new Set(["zip", "tar", "7z", "gzip", "bz2", "xz", "lzma", "zlib", "lz4", "zstd"]);
var covers = (names, format) => names.some((n) => formatMembers(n).includes(format));
function formatFindings(files, rules) {
  const out = [];
  const blocked = rules.formats?.blocked ?? [];
  const allowed = rules.formats?.allowed;
  for (const f of files) {
    const evidence = `${f.path}: ${f.formats.join(", ") || "no format recognised"}`;
    const hit = blocked.filter((name) => f.formats.some((fmt) => formatMembers(name).includes(fmt)));
    if (hit.length > 0) {
      out.push({
        check: "policy.format.blocked",
        severity: "high",
        file: f.path,
        evidence,
        message: `${f.path} is ${hit.join(" / ")} by content, a format the policy blocks`,
        help: "Ask for the weights in an allowed format (safetensors), limit the entry's `files:` to them, or record a policy exception naming policy.format.blocked."
      });
      continue;
    }
    if (allowed === void 0) continue;
    const judged = f.formats.filter((fmt) => !TEXT_LIKE_FORMATS.has(fmt));
    const inner = judged.filter((fmt) => !CONTAINERS.has(fmt));
    const needed = inner.length > 0 ? inner : judged;
    const refused = needed.filter((fmt) => !covers(allowed, fmt));
    if (refused.length > 0) {
      out.push({
        check: "policy.format.not-allowed",
        severity: "high",
        file: f.path,
        evidence,
        message: `${f.path} is ${refused.join(" / ")} by content, not one of the formats the policy allows (${allowed.join(", ") || "none"})`,
        help: "Ask for the weights in an allowed format, limit the entry's `files:` to allowed files, or record a policy exception naming policy.format.not-allowed."
      });
    }
  }
  return out;
}
function safetensorsFindings(files, rules) {
  if (rules.requireSafetensors !== true) return [];
  if (files.some((f) => f.complete && f.formats.includes("safetensors"))) return [];
  const weights = files.filter((f) => f.formats.some((fmt) => !TEXT_LIKE_FORMATS.has(fmt)));
  return [{
    check: "policy.safetensors-missing",
    severity: "high",
    message: "the policy requires safetensors weights, and no reviewed file is safetensors by content",
    evidence: weights.length > 0 ? truncateList(weights.map((f) => `${f.path}: ${f.formats.join(", ")}`)) : "no weight files among the reviewed files",
    help: "Some community models exist only as pickled .bin files: ask the publisher for a safetensors conversion, use a converted copy from a publisher you trust, or record a policy exception naming policy.safetensors-missing."
  }];
}
function truncateList(items, max = 5) {
  return items.length > max ? `${items.slice(0, max).join("; ")}; and ${items.length - max} more` : items.join("; ");
}

// src/checks/policy/publisher.ts
var DAY = 864e5;
function publisherFindings(f, rules) {
  const out = [];
  const a = f.author;
  if (rules.minAccountAge !== void 0 && rules.minAccountAge > 0) {
    const created = a ? Date.parse(a.createdAt) : NaN;
    if (!a || Number.isNaN(created)) {
      out.push({
        check: "policy.publisher.account-age",
        severity: "high",
        message: `the policy requires accounts at least ${rules.minAccountAge} days old, and the Hub did not say when ${a?.name ?? "the publisher of " + f.repo} was created`,
        help: "Re-run the review when the Hub answers; an account age that cannot be checked does not pass."
      });
    } else {
      const days = Math.floor((f.now.getTime() - created) / DAY);
      if (days < rules.minAccountAge) {
        out.push({
          check: "policy.publisher.account-age",
          severity: "high",
          message: `${a.type === "org" ? "organisation" : "user"} ${a.name} is ${Math.max(days, 0)} days old; the policy requires at least ${rules.minAccountAge}`,
          evidence: `${a.name} created ${a.createdAt}`,
          help: "Wait until the account is old enough, use the original publisher's repository, or record a policy exception naming policy.publisher.account-age."
        });
      }
    }
  }
  if (rules.minDownloads !== void 0 && rules.minDownloads > 0) {
    if (f.downloads === void 0) {
      out.push({
        check: "policy.publisher.downloads",
        severity: "high",
        message: `the policy requires at least ${rules.minDownloads} downloads, and the Hub gave no download count for ${f.repo}`,
        help: "Re-run the review when the Hub answers; a count that cannot be checked does not pass."
      });
    } else if (f.downloads < rules.minDownloads) {
      out.push({
        check: "policy.publisher.downloads",
        severity: "high",
        message: `${f.repo} has ${f.downloads} downloads; the policy requires at least ${rules.minDownloads}`,
        evidence: `downloads (last 30 days): ${f.downloads}`,
        help: "Downloads can only block, never vouch: a popular model is not safer. Record a policy exception naming policy.publisher.downloads if the team wants this model anyway."
      });
    }
  }
  if (rules.verifiedPublishersOnly === true && !(a?.type === "org" && a.isVerified === true)) {
    out.push({
      check: "policy.publisher.unverified",
      severity: "high",
      message: a ? `${f.repo} is published by ${a.type === "org" ? "the organisation" : "the user"} ${a.name}, ${a.type === "org" ? "which the Hub does not mark as verified" : "not a verified organisation"}; the policy accepts verified organisations only` : `the policy accepts verified organisations only, and the Hub did not say who publishes ${f.repo}`,
      ...a ? { evidence: `${a.name}: type ${a.type}, isVerified ${a.isVerified === true}` } : {},
      help: "Use the model from a verified organisation, or record a policy exception naming policy.publisher.unverified."
    });
  }
  return out;
}

// src/checks/policy/check.ts
var README = /^readme\.md$/i;
function remoteCodeFindings(uses, rules, publisher) {
  const mode = rules.remoteCode;
  if (mode === void 0 || uses.length === 0) return [];
  const evidence = uses.slice(0, 5).join("; ") + (uses.length > 5 ? `; and ${uses.length - 5} more` : "");
  if (mode === "allow-trusted" && publisher?.trusted) {
    return [{
      check: "policy.remote-code",
      severity: "info",
      evidence,
      message: `remote code from trusted publisher ${publisher.namespace}: allowed by \`remote_code: allow-trusted\` (its code is still reviewed file by file)`
    }];
  }
  const needs = "loads custom code with trust_remote_code";
  if (mode === "review") {
    return [{
      check: "policy.remote-code",
      severity: "medium",
      evidence,
      message: `the model ${needs}; the policy (\`remote_code: review\`) requires a security review of that code`,
      help: "A security reviewer reads the code listed (and its findings below) and approves or rejects the entry."
    }];
  }
  return [{
    check: "policy.remote-code",
    severity: "high",
    evidence,
    message: mode === "deny" ? `the model ${needs}; the policy does not allow remote code (\`remote_code: deny\`)` : `the model ${needs}, and ${publisher ? `${publisher.namespace} is not a trusted publisher` : "files on disk have no publisher"}; the policy allows remote code from trusted publishers only (\`remote_code: allow-trusted\`)`,
    help: "Use a model that loads with the library's own classes, or record a policy exception naming policy.remote-code after a security review."
  }];
}
var policyCheck = {
  id: "policy",
  needs: "files",
  async run(ctx) {
    const rules = ctx.policy;
    const out = [...formatFindings(ctx.files, rules), ...safetensorsFindings(ctx.files, rules)];
    const hub = ctx;
    const namespace = hub.resolved?.canonicalId.split("/")[0];
    if (rules.remoteCode !== void 0) {
      const uses = remoteCodeUses({ files: ctx.files, text: (p) => ctx.text(p) });
      const trusted = namespace !== void 0 && rules.trustedPublishers.some((p) => p.toLowerCase() === namespace.toLowerCase());
      out.push(...remoteCodeFindings(uses, rules, namespace !== void 0 ? { namespace, trusted } : void 0));
    }
    if (rules.licenses) {
      const { licenseFindings } = await import("./licenses-ET2366CG.js");
      const card = ctx.files.find((f) => README.test(f.path));
      out.push(...licenseFindings(card ? ctx.text(card.path) : void 0, rules, card?.path));
    }
    const publisherRules = rules.minAccountAge !== void 0 || rules.minDownloads !== void 0 || rules.verifiedPublishersOnly !== void 0;
    if (publisherRules && hub.resolved) {
      out.push(...publisherFindings({
        repo: hub.resolved.canonicalId,
        ...hub.author ? { author: hub.author } : {},
        ...hub.resolved.info.downloads !== void 0 ? { downloads: hub.resolved.info.downloads } : {},
        now: ctx.now
      }, rules));
    } else if (publisherRules) {
      out.push({
        check: "policy.publisher.not-judged",
        severity: "info",
        message: "the policy's publisher rules (min_account_age, min_downloads, verified_publishers_only) need the Hub and were not judged for files on disk",
        help: "Review the allowlist entry (`model-gate review`) to apply them."
      });
    }
    return out;
  }
};

// src/checks/index.ts
function lazyHubCheck(id, load) {
  let loaded2;
  return {
    id,
    needs: "hub",
    async run(ctx) {
      return (await (loaded2 ??= load())).run(ctx);
    }
  };
}
var REPO_CHECKS = [
  pinCheck,
  lazyHubCheck("identity", async () => (await import("./check-WRC3W66E.js")).identityCheck),
  lazyHubCheck("hub.scan", async () => (await import("./hub-scan-FIA5TE3V.js")).hubScanCheck),
  lazyHubCheck("namespace", async () => (await import("./namespace-check-N2AGW2T3.js")).namespaceCheck),
  lazyHubCheck("provenance", async () => (await import("./check-K37TKOK3.js")).provenanceCheck),
  ...CONTENT_CHECKS.map(asRepoCheck),
  policyCheck
];

// src/scan/decode/lz4.ts
var MAGIC = 407708164;
var HISTORY = 64 * 1024;
var Lz4Decoder = class extends DecoderShell {
  constructor(emit) {
    super();
    this.emit = emit;
  }
  emit;
  state = "magic";
  skipLeft = 0;
  win = new Uint8Array(0);
  wlen = 0;
  independent = false;
  blockCheck = false;
  contentCheck;
  contentSize;
  produced = 0;
  blockMax = 0;
  frameStart = 0;
  inTrail() {
    return this.state === "trail";
  }
  out(from, to) {
    const piece = this.win.subarray(from, to);
    this.contentCheck?.update(piece);
    this.produced += to - from;
    if (!this.emit(piece)) this.stopped = true;
  }
  steps(final) {
    const ib = this.inb;
    for (; ; ) {
      if (this.stopped) return;
      const b = ib.b;
      switch (this.state) {
        case "magic": {
          if (ib.avail < 4) {
            if (!final) return;
            if (this.streams === 0) fail("compression.invalid", "Corrupt lz4 stream: truncated frame header", ib.offset);
            if (b.subarray(ib.p, ib.n).some((x) => x !== 0)) this.trailing = { offset: ib.offset, bytes: ib.avail };
            ib.p = ib.n;
            return;
          }
          const m = u32le2(b, ib.p);
          this.frameStart = ib.offset;
          if (m === MAGIC) {
            ib.p += 4;
            this.state = "header";
            continue;
          }
          if ((m & 4294967280) === 407710288) {
            if (ib.avail < 8) {
              if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated skippable frame", ib.offset);
              return;
            }
            this.skipLeft = u32le2(b, ib.p + 4);
            ib.p += 8;
            this.state = "skip";
            continue;
          }
          if (this.streams === 0) fail("compression.invalid", m === 407642370 ? "legacy lz4 format, which lz4.frame does not read" : "bad lz4 frame magic", ib.offset);
          this.state = "trail";
          const rest = b.subarray(ib.p, ib.n);
          ib.p = ib.n;
          this.countTrailing(rest);
          if (this.trailing) this.trailing.offset = this.frameStart;
          return;
        }
        case "skip": {
          const k = Math.min(this.skipLeft, ib.avail);
          ib.p += k;
          this.skipLeft -= k;
          if (this.skipLeft > 0) {
            if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated skippable frame", ib.offset);
            return;
          }
          this.streams++;
          this.state = "magic";
          continue;
        }
        case "header": {
          if (ib.avail < 2) {
            if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated frame descriptor", ib.offset);
            return;
          }
          const flg = b[ib.p], bd = b[ib.p + 1];
          if (flg >> 6 !== 1) fail("compression.invalid", `Corrupt lz4 stream: frame version ${flg >> 6} is not 1`, ib.offset);
          if (flg & 2 || bd & 143) fail("compression.invalid", "Corrupt lz4 stream: reserved descriptor bits set", ib.offset);
          const bsid = bd >> 4 & 7;
          if (bsid < 4) fail("compression.invalid", `Corrupt lz4 stream: block size id ${bsid} is reserved`, ib.offset + 1);
          const len = 3 + (flg & 8 ? 8 : 0) + (flg & 1 ? 4 : 0);
          if (ib.avail < len) {
            if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated frame descriptor", ib.offset);
            return;
          }
          const h = new Xxh32();
          h.update(b.subarray(ib.p, ib.p + len - 1));
          if ((h.digest() >>> 8 & 255) !== b[ib.p + len - 1]) fail("compression.crc-mismatch", "lz4 frame descriptor checksum does not match", ib.offset + len - 1);
          this.independent = (flg & 32) !== 0;
          this.blockCheck = (flg & 16) !== 0;
          this.contentCheck = flg & 4 ? new Xxh32() : void 0;
          this.contentSize = flg & 8 ? u32le2(b, ib.p + 2) + u32le2(b, ib.p + 6) * 2 ** 32 : void 0;
          this.blockMax = 1 << 8 + 2 * bsid;
          if (this.win.length < HISTORY + 2 * this.blockMax) this.win = new Uint8Array(HISTORY + 2 * this.blockMax);
          this.wlen = 0;
          this.produced = 0;
          ib.p += len;
          this.state = "block";
          continue;
        }
        case "block": {
          if (ib.avail < 4) {
            if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated before a block header (no end mark)", ib.offset);
            return;
          }
          const word = u32le2(b, ib.p);
          if (word === 0) {
            ib.p += 4;
            if (this.contentSize !== void 0 && this.contentSize !== this.produced) {
              fail("compression.invalid", `Corrupt lz4 stream: frame declares ${this.contentSize} bytes of content, holds ${this.produced}`, ib.offset);
            }
            this.state = "content-check";
            continue;
          }
          const size = word & 2147483647;
          const raw = (word & 2147483648) !== 0;
          if (size > this.blockMax) fail("compression.invalid", `Corrupt lz4 stream: block of ${size} bytes exceeds the frame's maximum ${this.blockMax}`, ib.offset);
          const need = 4 + size + (this.blockCheck ? 4 : 0);
          if (ib.avail < need) {
            if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated block", ib.offset);
            return;
          }
          const start = ib.p + 4;
          if (this.blockCheck) {
            const h = new Xxh32();
            h.update(b.subarray(start, start + size));
            if (h.digest() !== u32le2(b, start + size)) fail("compression.crc-mismatch", "lz4 block checksum does not match: corrupted or tampered", ib.offset);
          }
          if (this.independent) this.wlen = 0;
          else if (this.wlen + this.blockMax > this.win.length) {
            this.win.copyWithin(0, this.wlen - HISTORY, this.wlen);
            this.wlen = HISTORY;
          }
          const from = this.wlen;
          let to;
          if (raw) {
            this.win.set(b.subarray(start, start + size), from);
            to = from + size;
          } else {
            to = decodeBlock(b, start, start + size, this.win, from, this.blockMax, ib.offset);
          }
          ib.p += need;
          this.out(from, to);
          this.wlen = to;
          continue;
        }
        case "content-check": {
          if (this.contentCheck) {
            if (ib.avail < 4) {
              if (final) fail("compression.invalid", "Corrupt lz4 stream: truncated content checksum", ib.offset);
              return;
            }
            if (this.contentCheck.digest() !== u32le2(b, ib.p)) fail("compression.crc-mismatch", "lz4 content checksum does not match: corrupted or tampered", ib.offset);
            ib.p += 4;
          }
          this.streams++;
          this.state = "magic";
          continue;
        }
        case "trail":
          return;
      }
    }
  }
};
function decodeBlock(src, s, end, out, o, max, at) {
  const limit = o + max;
  const bad = (why) => fail("compression.invalid", `Corrupt lz4 block: ${why}`, at);
  for (; ; ) {
    if (s >= end) bad("truncated sequence");
    const token = src[s++];
    let lit = token >> 4;
    if (lit === 15) {
      for (let c = 255; c === 255; ) {
        if (s >= end) bad("truncated literal length");
        c = src[s++];
        lit += c;
      }
    }
    if (s + lit > end) bad("literals run past the block");
    if (o + lit > limit) bad("output exceeds the block maximum");
    if (lit < 32) {
      for (let i = 0; i < lit; i++) out[o + i] = src[s + i];
    } else out.set(src.subarray(s, s + lit), o);
    o += lit;
    s += lit;
    if (s === end) return o;
    if (s + 2 > end) bad("truncated match offset");
    const off = src[s] | src[s + 1] << 8;
    s += 2;
    if (off === 0 || off > o) bad(`match offset ${off} points before the history`);
    let len = (token & 15) + 4;
    if ((token & 15) === 15) {
      for (let c = 255; c === 255; ) {
        if (s >= end) bad("truncated match length");
        c = src[s++];
        len += c;
      }
    }
    if (o + len > limit) bad("output exceeds the block maximum");
    let from = o - off;
    if (off >= len && len >= 32) {
      out.copyWithin(o, from, from + len);
      o += len;
    } else {
      for (let i = 0; i < len; i++) out[o++] = out[from++];
    }
  }
}

// node_modules/fzstd/esm/index.mjs
var ab = ArrayBuffer;
var u8 = Uint8Array;
var u16 = Uint16Array;
var i16 = Int16Array;
var i32 = Int32Array;
var slc = function(v, s, e) {
  if (u8.prototype.slice)
    return u8.prototype.slice.call(v, s, e);
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  var n = new u8(e - s);
  n.set(v.subarray(s, e));
  return n;
};
var fill = function(v, n, s, e) {
  if (u8.prototype.fill)
    return u8.prototype.fill.call(v, n, s, e);
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  for (; s < e; ++s)
    v[s] = n;
  return v;
};
var cpw = function(v, t, s, e) {
  if (u8.prototype.copyWithin)
    return u8.prototype.copyWithin.call(v, t, s, e);
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  while (s < e) {
    v[t++] = v[s++];
  }
};
var ec = [
  "invalid zstd data",
  "window size too large (>2046MB)",
  "invalid block type",
  "FSE accuracy too high",
  "match distance too far back",
  "unexpected EOF"
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var rb = function(d, b, n) {
  var i = 0, o = 0;
  for (; i < n; ++i)
    o |= d[b++] << (i << 3);
  return o;
};
var b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
};
var rzfh = function(dat, w) {
  var n3 = dat[0] | dat[1] << 8 | dat[2] << 16;
  if (n3 == 3126568 && dat[3] == 253) {
    var flg = dat[4];
    var ss = flg >> 5 & 1, cc = flg >> 2 & 1, df = flg & 3, fcf = flg >> 6;
    if (flg & 8)
      err(0);
    var bt = 6 - ss;
    var db = df == 3 ? 4 : df;
    var di = rb(dat, bt, db);
    bt += db;
    var fsb = fcf ? 1 << fcf : ss;
    var fss = rb(dat, bt, fsb) + (fcf == 1 && 256);
    var ws = fss;
    if (!ss) {
      var wb = 1 << 10 + (dat[5] >> 3);
      ws = wb + (wb >> 3) * (dat[5] & 7);
    }
    if (ws > 2145386496)
      err(1);
    var buf = new u8((w == 1 ? fss || ws : w ? 0 : ws) + 12);
    buf[0] = 1, buf[4] = 4, buf[8] = 8;
    return {
      b: bt + fsb,
      y: 0,
      l: 0,
      d: di,
      w: w && w != 1 ? w : buf.subarray(12),
      e: ws,
      o: new i32(buf.buffer, 0, 3),
      u: fss,
      c: cc,
      m: Math.min(131072, ws)
    };
  } else if ((n3 >> 4 | dat[3] << 20) == 25481893) {
    return b4(dat, 4) + 8;
  }
  err(0);
};
var msb = function(val) {
  var bits = 0;
  for (; 1 << bits <= val; ++bits)
    ;
  return bits - 1;
};
var rfse = function(dat, bt, mal) {
  var tpos = (bt << 3) + 4;
  var al = (dat[bt] & 15) + 5;
  if (al > mal)
    err(3);
  var sz = 1 << al;
  var probs = sz, sym = -1, re = -1, i = -1, ht = sz;
  var buf = new ab(512 + (sz << 2));
  var freq = new i16(buf, 0, 256);
  var dstate = new u16(buf, 0, 256);
  var nstate = new u16(buf, 512, sz);
  var bb1 = 512 + (sz << 1);
  var syms = new u8(buf, bb1, sz);
  var nbits = new u8(buf, bb1 + sz);
  while (sym < 255 && probs > 0) {
    var bits = msb(probs + 1);
    var cbt = tpos >> 3;
    var msk = (1 << bits + 1) - 1;
    var val = (dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (tpos & 7) & msk;
    var msk1fb = (1 << bits) - 1;
    var msv = msk - probs - 1;
    var sval = val & msk1fb;
    if (sval < msv)
      tpos += bits, val = sval;
    else {
      tpos += bits + 1;
      if (val > msk1fb)
        val -= msv;
    }
    freq[++sym] = --val;
    if (val == -1) {
      probs += val;
      syms[--ht] = sym;
    } else
      probs -= val;
    if (!val) {
      do {
        var rbt = tpos >> 3;
        re = (dat[rbt] | dat[rbt + 1] << 8) >> (tpos & 7) & 3;
        tpos += 2;
        sym += re;
      } while (re == 3);
    }
  }
  if (sym > 255 || probs)
    err(0);
  var sympos = 0;
  var sstep = (sz >> 1) + (sz >> 3) + 3;
  var smask = sz - 1;
  for (var s = 0; s <= sym; ++s) {
    var sf = freq[s];
    if (sf < 1) {
      dstate[s] = -sf;
      continue;
    }
    for (i = 0; i < sf; ++i) {
      syms[sympos] = s;
      do {
        sympos = sympos + sstep & smask;
      } while (sympos >= ht);
    }
  }
  if (sympos)
    err(0);
  for (i = 0; i < sz; ++i) {
    var ns = dstate[syms[i]]++;
    var nb = nbits[i] = al - msb(ns);
    nstate[i] = (ns << nb) - sz;
  }
  return [tpos + 7 >> 3, {
    b: al,
    s: syms,
    n: nbits,
    t: nstate
  }];
};
var rhu = function(dat, bt) {
  var i = 0, wc = -1;
  var buf = new u8(292), hb = dat[bt];
  var hw = buf.subarray(0, 256);
  var rc = buf.subarray(256, 268);
  var ri = new u16(buf.buffer, 268);
  if (hb < 128) {
    var _a = rfse(dat, bt + 1, 6), ebt = _a[0], fdt = _a[1];
    bt += hb;
    var epos = ebt << 3;
    var lb = dat[bt];
    if (!lb)
      err(0);
    var st1 = 0, st2 = 0, btr1 = fdt.b, btr2 = btr1;
    var fpos = (++bt << 3) - 8 + msb(lb);
    for (; ; ) {
      fpos -= btr1;
      if (fpos < epos)
        break;
      var cbt = fpos >> 3;
      st1 += (dat[cbt] | dat[cbt + 1] << 8) >> (fpos & 7) & (1 << btr1) - 1;
      hw[++wc] = fdt.s[st1];
      fpos -= btr2;
      if (fpos < epos)
        break;
      cbt = fpos >> 3;
      st2 += (dat[cbt] | dat[cbt + 1] << 8) >> (fpos & 7) & (1 << btr2) - 1;
      hw[++wc] = fdt.s[st2];
      btr1 = fdt.n[st1];
      st1 = fdt.t[st1];
      btr2 = fdt.n[st2];
      st2 = fdt.t[st2];
    }
    if (++wc > 255)
      err(0);
  } else {
    wc = hb - 127;
    for (; i < wc; i += 2) {
      var byte = dat[++bt];
      hw[i] = byte >> 4;
      hw[i + 1] = byte & 15;
    }
    ++bt;
  }
  var wes = 0;
  for (i = 0; i < wc; ++i) {
    var wt = hw[i];
    if (wt > 11)
      err(0);
    wes += wt && 1 << wt - 1;
  }
  var mb = msb(wes) + 1;
  var ts = 1 << mb;
  var rem = ts - wes;
  if (rem & rem - 1)
    err(0);
  hw[wc++] = msb(rem) + 1;
  for (i = 0; i < wc; ++i) {
    var wt = hw[i];
    ++rc[hw[i] = wt && mb + 1 - wt];
  }
  var hbuf = new u8(ts << 1);
  var syms = hbuf.subarray(0, ts), nb = hbuf.subarray(ts);
  ri[mb] = 0;
  for (i = mb; i > 0; --i) {
    var pv = ri[i];
    fill(nb, i, pv, ri[i - 1] = pv + rc[i] * (1 << mb - i));
  }
  if (ri[0] != ts)
    err(0);
  for (i = 0; i < wc; ++i) {
    var bits = hw[i];
    if (bits) {
      var code = ri[bits];
      fill(syms, i, code, ri[bits] = code + (1 << mb - bits));
    }
  }
  return [bt, {
    n: nb,
    b: mb,
    s: syms
  }];
};
var dllt = rfse(/* @__PURE__ */ new u8([
  81,
  16,
  99,
  140,
  49,
  198,
  24,
  99,
  12,
  33,
  196,
  24,
  99,
  102,
  102,
  134,
  70,
  146,
  4
]), 0, 6)[1];
var dmlt = rfse(/* @__PURE__ */ new u8([
  33,
  20,
  196,
  24,
  99,
  140,
  33,
  132,
  16,
  66,
  8,
  33,
  132,
  16,
  66,
  8,
  33,
  68,
  68,
  68,
  68,
  68,
  68,
  68,
  68,
  36,
  9
]), 0, 6)[1];
var doct = rfse(/* @__PURE__ */ new u8([
  32,
  132,
  16,
  66,
  102,
  70,
  68,
  68,
  68,
  68,
  36,
  73,
  2
]), 0, 5)[1];
var b2bl = function(b, s) {
  var len = b.length, bl = new i32(len);
  for (var i = 0; i < len; ++i) {
    bl[i] = s;
    s += 1 << b[i];
  }
  return bl;
};
var llb = /* @__PURE__ */ new u8((/* @__PURE__ */ new i32([
  0,
  0,
  0,
  0,
  16843009,
  50528770,
  134678020,
  202050057,
  269422093
])).buffer, 0, 36);
var llbl = /* @__PURE__ */ b2bl(llb, 0);
var mlb = /* @__PURE__ */ new u8((/* @__PURE__ */ new i32([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  16843009,
  50528770,
  117769220,
  185207048,
  252579084,
  16
])).buffer, 0, 53);
var mlbl = /* @__PURE__ */ b2bl(mlb, 3);
var dhu = function(dat, out, hu) {
  var len = dat.length, ss = out.length, lb = dat[len - 1], msk = (1 << hu.b) - 1, eb = -hu.b;
  if (!lb)
    err(0);
  var st = 0, btr = hu.b, pos = (len << 3) - 8 + msb(lb) - btr, i = -1;
  for (; pos > eb && i < ss; ) {
    var cbt = pos >> 3;
    var val = (dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (pos & 7);
    st = (st << btr | val) & msk;
    out[++i] = hu.s[st];
    pos -= btr = hu.n[st];
  }
  if (pos != eb || i + 1 != ss)
    err(0);
};
var dhu4 = function(dat, out, hu) {
  var bt = 6;
  var ss = out.length, sz1 = ss + 3 >> 2, sz2 = sz1 << 1, sz3 = sz1 + sz2;
  dhu(dat.subarray(bt, bt += dat[0] | dat[1] << 8), out.subarray(0, sz1), hu);
  dhu(dat.subarray(bt, bt += dat[2] | dat[3] << 8), out.subarray(sz1, sz2), hu);
  dhu(dat.subarray(bt, bt += dat[4] | dat[5] << 8), out.subarray(sz2, sz3), hu);
  dhu(dat.subarray(bt), out.subarray(sz3), hu);
};
var rzb = function(dat, st, out) {
  var _a;
  var bt = st.b;
  var b0 = dat[bt], btype = b0 >> 1 & 3;
  st.l = b0 & 1;
  var sz = b0 >> 3 | dat[bt + 1] << 5 | dat[bt + 2] << 13;
  var ebt = (bt += 3) + sz;
  if (btype == 1) {
    if (bt >= dat.length)
      return;
    st.b = bt + 1;
    if (out) {
      fill(out, dat[bt], st.y, st.y += sz);
      return out;
    }
    return fill(new u8(sz), dat[bt]);
  }
  if (ebt > dat.length)
    return;
  if (btype == 0) {
    st.b = ebt;
    if (out) {
      out.set(dat.subarray(bt, ebt), st.y);
      st.y += sz;
      return out;
    }
    return slc(dat, bt, ebt);
  }
  if (btype == 2) {
    var b3 = dat[bt], lbt = b3 & 3, sf = b3 >> 2 & 3;
    var lss = b3 >> 4, lcs = 0, s4 = 0;
    if (lbt < 2) {
      if (sf & 1)
        lss |= dat[++bt] << 4 | (sf & 2 && dat[++bt] << 12);
      else
        lss = b3 >> 3;
    } else {
      s4 = sf;
      if (sf < 2)
        lss |= (dat[++bt] & 63) << 4, lcs = dat[bt] >> 6 | dat[++bt] << 2;
      else if (sf == 2)
        lss |= dat[++bt] << 4 | (dat[++bt] & 3) << 12, lcs = dat[bt] >> 2 | dat[++bt] << 6;
      else
        lss |= dat[++bt] << 4 | (dat[++bt] & 63) << 12, lcs = dat[bt] >> 6 | dat[++bt] << 2 | dat[++bt] << 10;
    }
    ++bt;
    var buf = out ? out.subarray(st.y, st.y + st.m) : new u8(st.m);
    var spl = buf.length - lss;
    if (lbt == 0)
      buf.set(dat.subarray(bt, bt += lss), spl);
    else if (lbt == 1)
      fill(buf, dat[bt++], spl);
    else {
      var hu = st.h;
      if (lbt == 2) {
        var hud = rhu(dat, bt);
        lcs += bt - (bt = hud[0]);
        st.h = hu = hud[1];
      } else if (!hu)
        err(0);
      (s4 ? dhu4 : dhu)(dat.subarray(bt, bt += lcs), buf.subarray(spl), hu);
    }
    var ns = dat[bt++];
    if (ns) {
      if (ns == 255)
        ns = (dat[bt++] | dat[bt++] << 8) + 32512;
      else if (ns > 127)
        ns = ns - 128 << 8 | dat[bt++];
      var scm = dat[bt++];
      if (scm & 3)
        err(0);
      var dts = [dmlt, doct, dllt];
      for (var i = 2; i > -1; --i) {
        var md = scm >> (i << 1) + 2 & 3;
        if (md == 1) {
          var rbuf = new u8([0, 0, dat[bt++]]);
          dts[i] = {
            s: rbuf.subarray(2, 3),
            n: rbuf.subarray(0, 1),
            t: new u16(rbuf.buffer, 0, 1),
            b: 0
          };
        } else if (md == 2) {
          _a = rfse(dat, bt, 9 - (i & 1)), bt = _a[0], dts[i] = _a[1];
        } else if (md == 3) {
          if (!st.t)
            err(0);
          dts[i] = st.t[i];
        }
      }
      var _b = st.t = dts, mlt = _b[0], oct = _b[1], llt = _b[2];
      var lb = dat[ebt - 1];
      if (!lb)
        err(0);
      var spos = (ebt << 3) - 8 + msb(lb) - llt.b, cbt = spos >> 3, oubt = 0;
      var lst = (dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << llt.b) - 1;
      cbt = (spos -= oct.b) >> 3;
      var ost = (dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << oct.b) - 1;
      cbt = (spos -= mlt.b) >> 3;
      var mst = (dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << mlt.b) - 1;
      for (++ns; --ns; ) {
        var llc = llt.s[lst];
        var lbtr = llt.n[lst];
        var mlc = mlt.s[mst];
        var mbtr = mlt.n[mst];
        var ofc = oct.s[ost];
        var obtr = oct.n[ost];
        cbt = (spos -= ofc) >> 3;
        var ofp = 1 << ofc;
        var off = ofp + ((dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16 | dat[cbt + 3] << 24) >>> (spos & 7) & ofp - 1);
        cbt = (spos -= mlb[mlc]) >> 3;
        var ml = mlbl[mlc] + ((dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (spos & 7) & (1 << mlb[mlc]) - 1);
        cbt = (spos -= llb[llc]) >> 3;
        var ll = llbl[llc] + ((dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (spos & 7) & (1 << llb[llc]) - 1);
        cbt = (spos -= lbtr) >> 3;
        lst = llt.t[lst] + ((dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << lbtr) - 1);
        cbt = (spos -= mbtr) >> 3;
        mst = mlt.t[mst] + ((dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << mbtr) - 1);
        cbt = (spos -= obtr) >> 3;
        ost = oct.t[ost] + ((dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << obtr) - 1);
        if (off > 3) {
          st.o[2] = st.o[1];
          st.o[1] = st.o[0];
          st.o[0] = off -= 3;
        } else {
          var idx = off - (ll != 0);
          if (idx) {
            off = idx == 3 ? st.o[0] - 1 : st.o[idx];
            if (idx > 1)
              st.o[2] = st.o[1];
            st.o[1] = st.o[0];
            st.o[0] = off;
          } else
            off = st.o[0];
        }
        for (var i = 0; i < ll; ++i) {
          buf[oubt + i] = buf[spl + i];
        }
        oubt += ll, spl += ll;
        var stin = oubt - off;
        if (stin < 0) {
          var len = -stin;
          var bs = st.e + stin;
          if (len > ml)
            len = ml;
          for (var i = 0; i < len; ++i) {
            buf[oubt + i] = st.w[bs + i];
          }
          oubt += len, ml -= len, stin = 0;
        }
        for (var i = 0; i < ml; ++i) {
          buf[oubt + i] = buf[stin + i];
        }
        oubt += ml;
      }
      if (oubt != spl) {
        while (spl < buf.length) {
          buf[oubt++] = buf[spl++];
        }
      } else
        oubt = buf.length;
      if (out)
        st.y += oubt;
      else
        buf = slc(buf, 0, oubt);
    } else if (out) {
      st.y += lss;
      if (spl) {
        for (var i = 0; i < lss; ++i) {
          buf[i] = buf[spl + i];
        }
      }
    } else if (spl)
      buf = slc(buf, spl);
    st.b = ebt;
    return buf;
  }
  err(2);
};
var cct = function(bufs, ol) {
  if (bufs.length == 1)
    return bufs[0];
  var buf = new u8(ol);
  for (var i = 0, b = 0; i < bufs.length; ++i) {
    var chk = bufs[i];
    buf.set(chk, b);
    b += chk.length;
  }
  return buf;
};
var Decompress = /* @__PURE__ */ (function() {
  function Decompress2(ondata) {
    this.ondata = ondata;
    this.c = [];
    this.l = 0;
    this.z = 0;
  }
  Decompress2.prototype.push = function(chunk, final) {
    if (typeof this.s == "number") {
      var sub = Math.min(chunk.length, this.s);
      chunk = chunk.subarray(sub);
      this.s -= sub;
    }
    var sl = chunk.length;
    var ncs = sl + this.l;
    if (!this.s) {
      if (final) {
        if (!ncs) {
          this.ondata(new u8(0), true);
          return;
        }
        if (ncs < 5)
          err(5);
      } else if (ncs < 18) {
        this.c.push(chunk);
        this.l = ncs;
        return;
      }
      if (this.l) {
        this.c.push(chunk);
        chunk = cct(this.c, ncs);
        this.c = [];
        this.l = 0;
      }
      if (typeof (this.s = rzfh(chunk)) == "number")
        return this.push(chunk, final);
    }
    if (typeof this.s != "number") {
      if (ncs < (this.z || 3)) {
        if (final)
          err(5);
        this.c.push(chunk);
        this.l = ncs;
        return;
      }
      if (this.l) {
        this.c.push(chunk);
        chunk = cct(this.c, ncs);
        this.c = [];
        this.l = 0;
      }
      if (!this.z && ncs < (this.z = chunk[this.s.b] & 2 ? 4 : 3 + (chunk[this.s.b] >> 3 | chunk[this.s.b + 1] << 5 | chunk[this.s.b + 2] << 13))) {
        if (final)
          err(5);
        this.c.push(chunk);
        this.l = ncs;
        return;
      } else
        this.z = 0;
      for (; ; ) {
        var blk = rzb(chunk, this.s);
        if (!blk) {
          if (final)
            err(5);
          var adc = chunk.subarray(this.s.b);
          this.s.b = 0;
          this.c.push(adc), this.l += adc.length;
          return;
        } else {
          this.ondata(blk, false);
          cpw(this.s.w, 0, blk.length);
          this.s.w.set(blk, this.s.w.length - blk.length);
        }
        if (this.s.l) {
          var rest = chunk.subarray(this.s.b);
          this.s = this.s.c * 4;
          this.push(rest, final);
          return;
        }
      }
    } else if (final)
      err(5);
  };
  return Decompress2;
})();

// src/scan/decode/zstd.ts
var EMPTY = new Uint8Array(0);
var WORK_FACTOR = 128;
var WORK_ALLOWANCE = 2 ** 30;
var ZstdDecoder = class extends DecoderShell {
  constructor(emit) {
    super();
    this.emit = emit;
  }
  emit;
  state = "magic";
  skipLeft = 0;
  dec;
  hash;
  contentSize;
  produced = 0;
  lastBlock = false;
  frameAt = 0;
  /** fzstd moves its whole window on every block: the bytes moved so far, against the bytes produced. */
  windowBytes = 0;
  moved = 0;
  total = 0;
  inTrail() {
    return this.state === "trail";
  }
  feed(bytes, final = false) {
    try {
      this.dec.push(final ? bytes : bytes.slice(), final);
    } catch (e) {
      if (e instanceof Stop) throw e;
      fail("compression.invalid", `Corrupt zstd frame: ${e instanceof Error ? e.message : String(e)}`, this.frameAt);
    }
  }
  steps(final) {
    const ib = this.inb;
    for (; ; ) {
      if (this.stopped) return;
      const b = ib.b;
      const truncated = (what) => {
        if (final) fail("compression.invalid", `Corrupt zstd stream: truncated ${what}`, ib.offset);
      };
      switch (this.state) {
        case "trail":
          return;
        case "magic": {
          if (ib.avail < 4) {
            if (!final) return;
            if (this.streams === 0) fail("compression.invalid", "Corrupt zstd stream: truncated frame header", ib.offset);
            if (b.subarray(ib.p, ib.n).some((x) => x !== 0)) this.trailing = { offset: ib.offset, bytes: ib.avail };
            ib.p = ib.n;
            return;
          }
          const m = u32le2(b, ib.p);
          this.frameAt = ib.offset;
          if ((m & 4294967280) >>> 0 === 407710288) {
            if (ib.avail < 8) {
              truncated("skippable frame");
              return;
            }
            this.skipLeft = u32le2(b, ib.p + 4);
            ib.p += 8;
            this.state = "skip";
            continue;
          }
          if (m !== 4247762216) {
            if (this.streams === 0) fail("compression.invalid", "Corrupt zstd stream: bad frame magic", ib.offset);
            this.state = "trail";
            const rest = b.subarray(ib.p, ib.n);
            ib.p = ib.n;
            this.countTrailing(rest);
            if (this.trailing) this.trailing.offset = this.frameAt;
            return;
          }
          if (ib.avail < 5) {
            truncated("frame header");
            return;
          }
          const fhd = b[ib.p + 4];
          const single2 = fhd >> 5 & 1, fcsFlag = fhd >> 6, dictFlag = fhd & 3;
          if (fhd & 8) fail("compression.invalid", "Corrupt zstd frame: reserved header bit set", ib.offset + 4);
          const fcsBytes = fcsFlag === 0 ? single2 : 1 << fcsFlag;
          const hlen = 5 + (single2 ? 0 : 1) + [0, 1, 2, 4][dictFlag] + fcsBytes;
          if (ib.avail < hlen) {
            truncated("frame header");
            return;
          }
          let q = ib.p + 5;
          let window = 0;
          if (!single2) {
            const wd = b[q++];
            const wb = 2 ** (10 + (wd >> 3));
            window = wb + wb / 8 * (wd & 7);
          }
          let dictId = 0;
          for (let i = 0, n = [0, 1, 2, 4][dictFlag]; i < n; i++) dictId += b[q++] * 2 ** (8 * i);
          let fcs;
          if (fcsBytes > 0) {
            fcs = 0;
            for (let i = 0; i < fcsBytes; i++) fcs += b[q++] * 2 ** (8 * i);
            if (fcsBytes === 2) fcs += 256;
          }
          if (single2) window = fcs ?? 0;
          if (dictId !== 0) fail("compression.unsupported", `zstd frame needs dictionary ${dictId}, which the file does not carry (pandas and zstandard.open would fail too)`, ib.offset);
          if (window > MAX_WINDOW) {
            fail("compression.window", `zstd frame declares a ${Math.ceil(window / 2 ** 20)} MiB window, more than the ${MAX_WINDOW >> 20} MiB this scanner holds`, ib.offset);
          }
          this.contentSize = fcs;
          this.windowBytes = window;
          this.produced = 0;
          this.hash = fhd & 4 ? new Xxh64() : void 0;
          this.dec = new Decompress((data) => {
            if (this.stopped || data.length === 0) return;
            this.produced += data.length;
            this.total += data.length;
            this.hash?.update(data);
            if (!this.emit(data)) this.stopped = true;
          });
          this.feed(b.subarray(ib.p, ib.p + hlen));
          ib.p += hlen;
          this.lastBlock = false;
          this.state = "block";
          continue;
        }
        case "skip": {
          const k = Math.min(this.skipLeft, ib.avail);
          ib.p += k;
          this.skipLeft -= k;
          if (this.skipLeft > 0) {
            truncated("skippable frame");
            return;
          }
          this.streams++;
          this.state = "magic";
          continue;
        }
        case "block": {
          if (this.lastBlock) {
            this.state = "checksum";
            continue;
          }
          if (ib.avail < 3) {
            truncated("block header");
            return;
          }
          const h = b[ib.p] | b[ib.p + 1] << 8 | b[ib.p + 2] << 16;
          const type = h >> 1 & 3;
          if (type === 3) fail("compression.invalid", "Corrupt zstd frame: reserved block type", ib.offset);
          const size = type === 1 ? 1 : h >>> 3;
          if (ib.avail < 3 + size) {
            truncated("block");
            return;
          }
          this.lastBlock = (h & 1) === 1;
          this.moved += this.windowBytes;
          if (this.moved > WORK_FACTOR * this.total + WORK_ALLOWANCE) {
            fail("compression.window", `zstd frame with a ${Math.ceil(this.windowBytes / 2 ** 20)} MiB window and ${this.total} bytes out so far needs more work per byte than this scanner allows (the decoder moves its window on every block)`, ib.offset);
          }
          this.feed(b.subarray(ib.p, ib.p + 3 + size));
          ib.p += 3 + size;
          continue;
        }
        case "checksum": {
          const n = this.hash ? 4 : 0;
          if (ib.avail < n) {
            truncated("frame checksum");
            return;
          }
          if (n) this.feed(b.subarray(ib.p, ib.p + n));
          this.feed(EMPTY, true);
          if (this.stopped) return;
          if (this.contentSize !== void 0 && this.contentSize !== this.produced) {
            fail("compression.invalid", `Corrupt zstd frame: declares ${this.contentSize} bytes of content, decodes to ${this.produced}`, this.frameAt);
          }
          if (this.hash && this.hash.digestLow32() !== u32le2(b, ib.p)) fail("compression.crc-mismatch", "zstd frame checksum does not match the content: corrupted or tampered", ib.offset);
          ib.p += n;
          this.dec = void 0;
          this.streams++;
          this.state = "magic";
          continue;
        }
      }
    }
  }
};

// src/scan/compression.ts
var SUFFIX2 = {
  gzip: "gunzip",
  zlib: "inflate",
  "joblib-zf": "zf",
  bz2: "bunzip2",
  xz: "unxz",
  lzma: "unlzma",
  lz4: "unlz4",
  zstd: "unzstd"
};
var LOADER = {
  bz2: "Python's bz2",
  xz: "Python's lzma",
  lzma: "Python's lzma",
  lz4: "lz4.frame",
  zstd: "zstandard"
};
function decoderFor(kind, emit) {
  switch (kind) {
    case "bz2":
      return new Bzip2Decoder(emit);
    // lzma.LZMAFile's FORMAT_AUTO reads both, stream after stream, whichever the file starts with.
    case "xz":
    case "lzma":
      return new XzDecoder(emit);
    case "lz4":
      return new Lz4Decoder(emit);
    case "zstd":
      return new ZstdDecoder(emit);
    default:
      return void 0;
  }
}
var UNPACK = {
  bz2: "`bzip2 -dk FILE` (or Python `bz2.open`)",
  xz: "`xz -dk FILE` (or Python `lzma.open`)",
  lzma: "`xz --format=lzma -dk FILE` (or Python `lzma.open(format=lzma.FORMAT_ALONE)`)",
  lz4: "`lz4 -d FILE` (or Python `lz4.frame.open`)",
  zstd: "`zstd -d FILE` (or Python `zstandard.open`)",
  "7z": "`7z x FILE`"
};
function unscannableCompression(format, path2) {
  return fixedScanner({
    formats: [format],
    findings: [finding("compression.unscannable", "high", `${format} compression cannot be decompressed here yet, so its content was not examined (joblib.load / pandas.read_pickle would unpickle it)`, {
      file: path2,
      offset: 0,
      help: `Ask the publisher for an uncompressed (or gzip/zlib) file, or decompress it with ${UNPACK[format] ?? "its tool"} on an isolated machine and scan the result with \`model-gate scan\`; until then it may hide a pickle and is not approved.`
    })],
    complete: false
  });
}
function createDecompressScanner(kind, ctx, opts, nested) {
  const limits = limitsOf(opts);
  const depth = opts.depth ?? 0;
  const base = opts.baseOffset ?? 0;
  const findings = [];
  let complete = true;
  let stopped = false;
  let consumed = 0;
  let produced = 0;
  let members = 0;
  let crc = 0;
  const suffix = SUFFIX2[kind];
  const inner = depth + 1 > limits.maxDepth ? void 0 : nested({ path: `${ctx.path}#${suffix}` }, { ...opts, depth: depth + 1, baseOffset: 0, rawData: false });
  if (!inner) {
    complete = false;
    findings.push(finding("compression.depth", "high", `Compressed content nested deeper than ${limits.maxDepth} levels was not examined`, { file: ctx.path, offset: base }));
  }
  const block = (check, message) => {
    if (stopped) return;
    stopped = true;
    complete = false;
    findings.push(finding(check, "high", message, { file: ctx.path, offset: base, help: "Decompression stopped here: the rest of the content is unexamined. Treat it as a compression bomb or a hidden payload." }));
  };
  const sink = (chunk) => {
    if (stopped) return;
    produced += chunk.length;
    if (produced > limits.maxDecompressedBytes) return block("compression.limit", `Decompressed size passed ${limits.maxDecompressedBytes} bytes`);
    if (produced > limits.ratioMinBytes && produced > consumed * limits.maxRatio) {
      return block("compression.bomb", `Compression ratio passed ${limits.maxRatio}:1 (${produced} bytes out of ${consumed})`);
    }
    if (kind === "gzip") crc = crc32(chunk, crc);
    inner?.push(chunk);
  };
  const bad = (message, offset) => {
    if (stopped) return;
    stopped = true;
    complete = false;
    findings.push(finding("compression.invalid", "high", `Corrupt ${kind} stream: ${message}`, {
      file: ctx.path,
      offset: base + offset,
      help: "The decompressed content could not be fully read, so it was not examined."
    }));
  };
  function* inflateRest(inf) {
    yield { rest: (c) => {
      if (!inf.done && !inf.error) inf.push(c);
      else if (c.length) inf.trailing.push(c.slice());
    } };
    inf.end();
    if (inf.error) {
      bad(inf.error, feeder.offset);
      return void 0;
    }
    const n = inf.trailing.reduce((s, t) => s + t.length, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const t of inf.trailing) {
      out.set(t, o);
      o += t.length;
    }
    return out;
  }
  function* parse2() {
    if (kind === "gzip") {
      const h = yield { read: 10 };
      if (!h || h[0] !== 31 || h[1] !== 139) return bad("bad header", 0);
      if (h[2] !== 8) return bad(`compression method ${h[2]} is not deflate`, 2);
      const flags = h[3];
      if (flags & 224) return bad("reserved flag bits set", 3);
      if (flags & 4) {
        const x = yield { read: 2 };
        if (!x) return bad("truncated header", 10);
        const r = yield { pipe: x[0] | x[1] << 8 };
        if (!r) return bad("truncated header", 12);
      }
      for (const bit of [8, 16]) {
        if (!(flags & bit)) continue;
        for (let guard = 0; ; guard++) {
          const c = yield { read: 1 };
          if (!c) return bad("truncated header", feeder.offset);
          if (c[0] === 0) break;
          if (guard > 65536) return bad("header name or comment too long", feeder.offset);
        }
      }
      if (flags & 2) {
        const r = yield { read: 2 };
        if (!r) return bad("truncated header", feeder.offset);
      }
    } else if (kind === "zlib") {
      const h = yield { read: 2 };
      if (!h) return bad("truncated header", 0);
      if (h[1] !== void 0 && h[1] & 32) return bad("preset dictionary required", 1);
    } else {
      const h = yield { read: 21 };
      if (!h) return bad("truncated ZF header", 0);
      const len = new TextDecoder().decode(h.subarray(2)).trim();
      if (!/^0x[0-9a-fA-F]+L?$/.test(len)) return bad(`ZF length field ${JSON.stringify(len)} is not hex`, 2);
      const next = yield { read: 1 };
      if (!next) return bad("truncated after ZF header", 21);
      const z = next[0] === 32 ? yield { read: 2 } : Uint8Array.of(next[0], ...(yield { read: 1 }) ?? new Uint8Array(0));
      if (!z || z.length < 2) return bad("truncated zlib header", 22);
    }
    const inf = new Inflater(sink);
    members++;
    const after = yield* inflateRest(inf);
    if (!after) return;
    const trailerLen = kind === "gzip" ? 8 : 4;
    if (after.length < trailerLen) return bad("missing trailer", feeder.offset);
    if (kind === "gzip") {
      const want = u32le(after, 0);
      const isize = u32le(after, 4);
      if (want !== crc || isize !== produced % 2 ** 32) {
        findings.push(finding("compression.crc-mismatch", "high", `gzip trailer does not match the content (CRC-32 ${crc.toString(16)} vs ${want.toString(16)}, size ${produced} vs ${isize}): corrupted or tampered`, { file: ctx.path }));
      }
    }
    const extra = after.subarray(trailerLen);
    if (extra.length > 0 && !extra.every((b) => b === 0)) {
      findings.push(finding("compression.trailing-bytes", "high", `${extra.length} bytes follow the ${kind} stream (not decompressed by loaders, may hide a payload)`, { file: ctx.path, offset: base + consumed - extra.length }));
      if (kind === "gzip" && extra[0] === 31 && extra[1] === 139) {
        findings.pop();
        findings.push(finding("compression.multi-member", "medium", "Several gzip members follow each other; only the first was examined", { file: ctx.path }));
        complete = false;
        findings.push(finding("compression.unexamined", "high", "A second gzip member was not decompressed", { file: ctx.path, offset: base + consumed - extra.length }));
      }
    }
  }
  const decoder2 = decoderFor(kind, (c) => {
    sink(c);
    return !stopped;
  });
  const feeder = new Feeder(parse2());
  const finishDecoder = (d) => {
    if (!stopped) d.end();
    members = d.streams;
    const f = d.failure;
    if (f && !stopped) {
      stopped = true;
      complete = false;
      findings.push(finding(f.check, "high", `${f.message} (${LOADER[kind] ?? kind} would raise here)`, {
        file: ctx.path,
        offset: base + f.offset,
        help: f.check === "compression.window" || f.check === "compression.unsupported" ? `Decompress it with ${UNPACK[kind] ?? "its tool"} on an isolated machine and scan the result with \`model-gate scan\`; until then its content is not examined and it is not approved.` : "The decompressed content could not be fully read (corrupt, truncated or tampered), so it was not examined beyond this point."
      }));
    }
    const t = d.trailing;
    if (t && !f) {
      findings.push(finding("compression.trailing-bytes", "high", `${t.bytes} bytes follow the last ${kind} stream; ${LOADER[kind] ?? "the loader"} stops before them, other tools may not`, {
        file: ctx.path,
        offset: base + t.offset,
        help: "They were not decompressed or examined. Ask the publisher for a file without them."
      }));
    }
  };
  return {
    push(chunk) {
      consumed += chunk.length;
      if (stopped) return;
      if (decoder2) decoder2.push(chunk);
      else feeder.push(chunk);
    },
    end() {
      if (decoder2) finishDecoder(decoder2);
      else if (!stopped) feeder.end();
      const formats = [kind];
      const outcome = { formats, findings, complete, details: { [`${kind}Out`]: produced, members } };
      if (inner) {
        const o = inner.end();
        if (!stopped || o.findings.length) findings.push(...o.findings);
        if (!o.complete) outcome.complete = false;
        for (const f of o.formats) if (!formats.includes(f)) formats.push(f);
        outcome.details = { ...outcome.details, ...o.details ?? {} };
      }
      return outcome;
    }
  };
}

// src/scan/formats/embeddings.ts
var FormatError = class extends Error {
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
  offset;
};
var FASTTEXT_MAGIC = 793712314;
var FASTTEXT_VERSION = 12;
var MAX_WORD = 64 * 1024;
function* readN(s, n, what) {
  const from = s.at();
  if (n > s.left()) throw new FormatError(`${what} needs ${n} bytes, only ${s.left()} remain`, from);
  const b = yield { read: n };
  if (!b) throw new FormatError(`the stream ends inside ${what}`, from);
  return b;
}
function* skipN(s, n, what) {
  const from = s.at();
  if (!Number.isSafeInteger(n) || n < 0) throw new FormatError(`${what} has an impossible size (${n})`, from);
  if (n > s.left()) throw new FormatError(`${what} of ${n} bytes runs past the end (${s.left()} bytes remain)`, from);
  if (n === 0) return;
  const r = yield { pipe: n };
  if (!r) throw new FormatError(`the stream ends inside ${what}`, from);
}
var i64 = (b, o) => Number(BigInt.asIntN(64, u64le(b, o)));
var i322 = (b, o) => u32le(b, o) | 0;
function* fastTextMatrix(s, quant, what) {
  if (!quant) {
    const at2 = s.at();
    const h2 = yield* readN(s, 16, `the ${what} matrix shape`);
    const m2 = i64(h2, 0);
    const n = i64(h2, 8);
    if (m2 < 0 || n < 0 || m2 * n * 4 > s.left()) throw new FormatError(`the ${what} matrix claims ${m2} \xD7 ${n} floats`, at2);
    yield* skipN(s, m2 * n * 4, `the ${what} matrix`);
    return;
  }
  const at = s.at();
  const h = yield* readN(s, 1 + 8 + 8 + 4, `the quantized ${what} matrix header`);
  const qnorm = h[0] !== 0;
  const m = i64(h, 1);
  const codes = i322(h, 17);
  if (m < 0 || codes < 0) throw new FormatError(`the quantized ${what} matrix claims ${m} rows and ${codes} code bytes`, at);
  yield* skipN(s, codes, `the ${what} codes`);
  yield* productQuantizer(s, what);
  if (qnorm) {
    yield* skipN(s, m, `the ${what} norm codes`);
    yield* productQuantizer(s, `${what} norm`);
  }
}
function* productQuantizer(s, what) {
  const at = s.at();
  const h = yield* readN(s, 16, `the ${what} quantizer`);
  const dim = i322(h, 0);
  if (dim < 0) throw new FormatError(`the ${what} quantizer claims dimension ${dim}`, at);
  yield* skipN(s, dim * 256 * 4, `the ${what} centroids`);
}
function* fastText(s, details) {
  const h = yield* readN(s, 8, "the header");
  const version = i322(h, 4);
  if (u32le(h, 0) !== FASTTEXT_MAGIC) throw new FormatError("the magic number is not fastText's", 0);
  if (version > FASTTEXT_VERSION || version < 0) throw new FormatError(`version ${version} (fastText reads up to ${FASTTEXT_VERSION})`, 4);
  const args = yield* readN(s, 56, "the model arguments");
  const dim = i322(args, 0);
  const loss = i322(args, 24);
  const model = i322(args, 28);
  if (loss < 1 || loss > 4 || model < 1 || model > 3 || dim <= 0) throw new FormatError(`the model arguments (dim ${dim}, loss ${loss}, model ${model}) are not fastText's`, 8);
  const dAt = s.at();
  const d = yield* readN(s, 28, "the dictionary header");
  const size = i322(d, 0);
  const nwords = i322(d, 4);
  const nlabels = i322(d, 8);
  const prune = i64(d, 20);
  if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels !== size) throw new FormatError(`the dictionary counts (${size} entries, ${nwords} words, ${nlabels} labels) do not add up`, dAt);
  for (let i = 0; i < size; i++) {
    const wAt = s.at();
    let len = 0;
    for (; ; ) {
      const c = yield* readN(s, 1, `word #${i}`);
      if (c[0] === 0) break;
      if (++len > MAX_WORD) throw new FormatError(`word #${i} is longer than ${MAX_WORD} bytes`, wAt);
    }
    const e = yield* readN(s, 9, `the count and type of word #${i}`);
    if (e[8] > 1) throw new FormatError(`word #${i} has entry type ${e[8]} (0 word, 1 label)`, wAt);
  }
  if (prune > 0) yield* skipN(s, prune * 8, "the prune index");
  const quantIn = (yield* readN(s, 1, "the quantization flag"))[0] !== 0;
  yield* fastTextMatrix(s, quantIn, "input");
  const qout = (yield* readN(s, 1, "the output quantization flag"))[0] !== 0;
  yield* fastTextMatrix(s, quantIn && qout, "output");
  details.fasttext = { version, dim, words: nwords, labels: nlabels, quantized: quantIn, supervised: model === 3 };
}
function* word2vec(s, details) {
  let header = "";
  for (; ; ) {
    const c = (yield* readN(s, 1, "the header line"))[0];
    if (c === 10) break;
    header += String.fromCharCode(c);
    if (header.length > 64) throw new FormatError('the header line is longer than "<vocab> <dim>"', 0);
  }
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(header);
  if (!m) throw new FormatError(`the header "${header}" is not "<vocab> <dim>"`, 0);
  const vocab = Number(m[1]);
  const dim = Number(m[2]);
  if (dim <= 0 || vocab <= 0 || vocab * (dim * 4 + 2) > s.left()) throw new FormatError(`the header claims ${vocab} words of ${dim} floats`, 0);
  const dec = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < vocab; i++) {
    const wAt = s.at();
    const bytes = [];
    for (; ; ) {
      const c = (yield* readN(s, 1, `word #${i}`))[0];
      if (c === 32) break;
      if (bytes.length >= MAX_WORD) throw new FormatError(`word #${i} has no space within ${MAX_WORD} bytes`, wAt);
      bytes.push(c);
    }
    try {
      dec.decode(Uint8Array.from(bytes));
    } catch {
      throw new FormatError(`word #${i} is not UTF-8 (gensim decodes words strictly)`, wAt);
    }
    yield* skipN(s, dim * 4, `the vector of word #${i}`);
  }
  details.word2vec = { words: vocab, dim };
}
function createScanner(ctx, opts, kind) {
  const base = opts.baseOffset ?? 0;
  const findings = [];
  const details = {};
  let failure;
  let total = 0;
  const s = { at: () => feeder.offset, left: () => ctx.size === void 0 ? Infinity : ctx.size - feeder.offset };
  function* parse2() {
    try {
      yield* kind === "fasttext" ? fastText(s, details) : word2vec(s, details);
    } catch (err2) {
      if (!(err2 instanceof FormatError)) throw err2;
      failure = err2;
    }
  }
  const feeder = new Feeder(parse2());
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      let complete = true;
      const name = kind === "fasttext" ? "fastText model" : "word2vec binary file";
      const rest = total - feeder.offset;
      if (!failure && rest > 0 && !(kind === "word2vec" && rest === 1)) {
        failure = new FormatError(`${rest} bytes follow the ${kind === "fasttext" ? "output matrix" : "last vector"}, which the loader never reads`, feeder.offset);
      }
      if (failure) {
        complete = false;
        findings.push(finding(`${kind}.invalid`, "high", `Not a valid ${name}: ${failure.message}`, {
          file: ctx.path,
          offset: base + failure.offset,
          help: "Not what the library writes, so not what it claims to be; do not approve the file."
        }));
      }
      return { formats: [kind], findings, complete, details };
    }
  };
}
function looksLikeFastText(head) {
  return head.length >= 8 && u32le(head, 0) === FASTTEXT_MAGIC && (u32le(head, 4) | 0) >= 0 && (u32le(head, 4) | 0) <= FASTTEXT_VERSION;
}
function looksLikeWord2VecBinary(head) {
  const nl = head.subarray(0, 66).indexOf(10);
  if (nl < 3) return false;
  const m = /^(\d+) (\d+)$/.exec(String.fromCharCode(...head.subarray(0, nl)).trim());
  if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0) return false;
  const sp = head.subarray(nl + 1, nl + 1 + 1024).indexOf(32);
  if (sp <= 0) return false;
  return !looksLikeText(head.subarray(0, 8192));
}
var fastTextPlugin = {
  format: "fasttext",
  claims: (head) => looksLikeFastText(head),
  create: (ctx, opts) => createScanner(ctx, opts, "fasttext"),
  dataOnly: true
};
var word2vecPlugin = {
  format: "word2vec",
  claims: (head) => looksLikeWord2VecBinary(head),
  create: (ctx, opts) => createScanner(ctx, opts, "word2vec"),
  dataOnly: true
};

// src/scan/formats/matlab.ts
var FormatError2 = class extends Error {
  constructor(message, offset, limit = false) {
    super(message);
    this.offset = offset;
    this.limit = limit;
  }
  offset;
  limit;
};
var MI_INT8 = 1;
var MI_MATRIX = 14;
var MI_COMPRESSED = 15;
var MAX_DEPTH2 = 256;
var CLASS_NAMES = {
  1: "cell",
  2: "struct",
  3: "object",
  4: "char",
  5: "sparse",
  6: "double",
  7: "single",
  8: "int8",
  9: "uint8",
  10: "int16",
  11: "uint16",
  12: "int32",
  13: "uint32",
  14: "int64",
  15: "uint64",
  16: "function",
  17: "opaque",
  18: "object"
};
function* readN2(s, n, what) {
  const from = s.at();
  if (from + n > s.end) throw new FormatError2(`${what} runs past the element that holds it`, from);
  const b = yield { read: n };
  if (!b) throw new FormatError2(`the stream ends inside ${what}`, from);
  return b;
}
function* skipN2(s, n, what, to) {
  const from = s.at();
  if (from + n > s.end) throw new FormatError2(`${what} (${n} bytes) runs past the element that holds it`, from);
  if (n === 0) return;
  const r = yield { pipe: n, ...to ? { to } : {} };
  if (!r) throw new FormatError2(`the stream ends inside ${what}`, from);
}
function tagOf(b, le) {
  const first = le ? u32le(b, 0) : u32be(b, 0);
  if (first >>> 16 !== 0) return { type: first & 65535, bytes: first >>> 16, small: true, data: b.subarray(4, 8) };
  return { type: first, bytes: le ? u32le(b, 4) : u32be(b, 4), small: false };
}
function* matrix(s, le, end, depth, notes) {
  if (depth > MAX_DEPTH2) throw new FormatError2(`arrays nested more than ${MAX_DEPTH2} deep`, s.at(), true);
  const outer = s.end;
  s.end = end;
  let index = 0;
  let cls = 0;
  const texts = [];
  while (s.at() < end) {
    const at = s.at();
    const t = tagOf(yield* readN2(s, 8, "a sub-element tag"), le);
    if (t.small) {
      if (t.bytes > 4) throw new FormatError2("a small data element claims more than 4 bytes", at);
      if (index === 0) throw new FormatError2("array flags packed as a small element", at);
      if (t.type === MI_INT8 && t.data) texts.push(String.fromCharCode(...t.data.subarray(0, t.bytes)));
    } else {
      const pad = (8 - t.bytes % 8) % 8;
      if (index === 0) {
        if (t.bytes !== 8) throw new FormatError2(`array flags of ${t.bytes} bytes (8 expected)`, at);
        const f = yield* readN2(s, 8, "the array flags");
        cls = (le ? u32le(f, 0) : u32be(f, 0)) & 255;
        if (!CLASS_NAMES[cls]) throw new FormatError2(`array class ${cls} does not exist`, at + 8);
      } else if (t.type === MI_MATRIX) {
        yield* matrix(s, le, s.at() + t.bytes, depth + 1, notes);
        s.end = end;
      } else if (t.type === MI_COMPRESSED) {
        throw new FormatError2("a compressed element inside an array (scipy reads them only at the top level)", at);
      } else if (t.type === MI_INT8 && t.bytes <= 256) {
        texts.push(String.fromCharCode(...yield* readN2(s, t.bytes, "a name")));
      } else {
        yield* skipN2(s, t.bytes, "array data");
      }
      yield* skipN2(s, pad, "padding");
    }
    index++;
  }
  if (s.at() !== end) throw new FormatError2("sub-elements run past their array", s.at());
  s.end = outer;
  const name = (i) => (texts[i] ?? "").replace(/[^\x20-\x7e]/g, "?").slice(0, 80);
  if (cls === 16) notes.functions++;
  if ((cls === 3 || cls === 18) && notes.objects.length < 20) notes.objects.push(name(1) || "?");
  if (cls === 17 && notes.objects.length < 20) notes.objects.push(`${name(1)}:${name(2)}`);
}
function* elements2(s, le, notes, compressed, inside) {
  for (; ; ) {
    const at = s.at();
    const h = yield { read: 8 };
    if (!h) return;
    const t = tagOf(h, le);
    if (t.small) throw new FormatError2("a small data element at the top level (scipy expects variables)", at);
    if (t.type === MI_MATRIX) {
      notes.variables++;
      yield* matrix(s, le, s.at() + t.bytes, 0, notes);
    } else if (t.type === MI_COMPRESSED && !inside) {
      yield* compressed(t.bytes, at);
    } else {
      throw new FormatError2(`a top-level element of type ${t.type} (scipy expects miMATRIX or miCOMPRESSED)`, at);
    }
  }
}
var V4_SIZES = [8, 4, 4, 2, 2, 1];
function v4Header(h) {
  for (const le of [true, false]) {
    const r = (o2) => (le ? u32le(h, o2) : u32be(h, o2)) | 0;
    const mopt = r(0);
    if (mopt < 0 || mopt > 4052) continue;
    const m = Math.floor(mopt / 1e3);
    const o = Math.floor(mopt % 1e3 / 100);
    const p = Math.floor(mopt % 100 / 10);
    const t = mopt % 10;
    if (m !== (le ? 0 : 1) || o !== 0 || p > 5 || t > 2) continue;
    const rows = r(4);
    const cols = r(8);
    const imag = r(12);
    const namelen = r(16);
    if (rows < 0 || cols < 0 || imag !== 0 && imag !== 1 || namelen < 1 || namelen > 4096) return "a header whose sizes are impossible";
    return { le, bytes: rows * cols * V4_SIZES[p] * (imag ? 2 : 1), namelen };
  }
  return "a type code that is not MATLAB 4's";
}
function* version4(s, notes) {
  for (; ; ) {
    const at = s.at();
    const h = yield { read: 20 };
    if (!h) return;
    const v = v4Header(h);
    if (typeof v === "string") throw new FormatError2(`matrix #${notes.variables} has ${v}`, at);
    const name = yield* readN2(s, v.namelen, `the name of matrix #${notes.variables}`);
    if (name[v.namelen - 1] !== 0) throw new FormatError2(`the name of matrix #${notes.variables} is not NUL-terminated`, at + 20);
    yield* skipN2(s, v.bytes, `the values of matrix #${notes.variables}`);
    notes.variables++;
  }
}
function createMatScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const limits = limitsOf(opts);
  const findings = [];
  const notes = { functions: 0, objects: [], variables: 0 };
  let failure;
  let version = 0;
  let total = 0;
  const s = { at: () => feeder.offset, end: ctx.size ?? Infinity };
  function* compressed(n, at, le) {
    const inner = { at: () => innerFeeder.offset, end: Infinity };
    let innerFailure;
    function* innerParse() {
      try {
        yield* elements2(inner, le, notes, () => {
          throw new FormatError2("nested compression", inner.at());
        }, true);
      } catch (err2) {
        if (!(err2 instanceof FormatError2)) throw err2;
        innerFailure = err2;
      }
    }
    const innerFeeder = new Feeder(innerParse());
    let produced = 0;
    let over = false;
    const inf = new Inflater((c) => {
      produced += c.length;
      if (produced > limits.maxDecompressedBytes || produced > limits.ratioMinBytes && produced > n * limits.maxRatio) {
        over = true;
        return;
      }
      if (!over) innerFeeder.push(c);
    });
    const z = yield* readN2(s, 2, "a zlib header");
    if ((z[0] & 15) !== 8 || (z[0] << 8 | z[1]) % 31 !== 0 || (z[1] & 32) !== 0) {
      throw new FormatError2("a compressed element without a zlib header", at + 8);
    }
    yield* skipN2(s, n - 2, "a compressed element", (c) => inf.push(c));
    inf.end();
    innerFeeder.end();
    if (over) throw new FormatError2(`a compressed element expands past ${limits.maxDecompressedBytes} bytes or ${limits.maxRatio}\xD7 its size`, at, true);
    if (inf.error) throw new FormatError2(`a compressed element is not a valid zlib stream (${inf.error})`, at);
    if (innerFailure) throw new FormatError2(`inside the compressed element at offset ${at}: ${innerFailure.message}`, at, innerFailure.limit);
    if (innerFeeder.offset < produced) throw new FormatError2(`the compressed element at offset ${at} holds ${produced - innerFeeder.offset} bytes that are not an element`, at);
  }
  function* parse2() {
    try {
      const h = yield* readN2(s, 4, "the header");
      if (h.includes(0)) {
        version = 4;
        const first = yield* readN2(s, 16, "the first matrix header");
        const all = new Uint8Array(20);
        all.set(h);
        all.set(first, 4);
        const v = v4Header(all);
        if (typeof v === "string") throw new FormatError2(`the first matrix has ${v}`, 0);
        const name = yield* readN2(s, v.namelen, "the first matrix name");
        if (name[v.namelen - 1] !== 0) throw new FormatError2("the first matrix name is not NUL-terminated", 20);
        yield* skipN2(s, v.bytes, "the values of the first matrix");
        notes.variables++;
        yield* version4(s, notes);
        return;
      }
      const rest = yield* readN2(s, 124, "the 128-byte header");
      const le = rest[122] === 73 && rest[123] === 77;
      const be = rest[122] === 77 && rest[123] === 73;
      if (!le && !be) throw new FormatError2("the byte-order mark is neither IM nor MI", 126);
      const ver = le ? rest[120] | rest[121] << 8 : rest[120] << 8 | rest[121];
      if (ver !== 256) throw new FormatError2(`header version 0x${ver.toString(16)} (scipy reads 0x0100 here; 7.3 files are HDF5)`, 124);
      version = 5;
      yield* elements2(s, le, notes, (n, at) => compressed(n, at, le), false);
    } catch (err2) {
      if (!(err2 instanceof FormatError2)) throw err2;
      failure = err2;
    }
  }
  const feeder = new Feeder(parse2());
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      let complete = true;
      if (!failure && feeder.offset < total) failure = new FormatError2(`${total - feeder.offset} bytes after the last element are not an element`, feeder.offset);
      if (failure) {
        complete = false;
        findings.push(finding(
          failure.limit ? "matlab.not-examined" : "matlab.invalid",
          "high",
          failure.limit ? `The MATLAB file was not fully examined: ${failure.message}` : `Not a valid MATLAB file: ${failure.message}`,
          {
            file: ctx.path,
            offset: base + failure.offset,
            help: failure.limit ? "Review the file by hand." : "scipy.io.loadmat refuses these bytes, so they are not what they claim; do not approve the file."
          }
        ));
      }
      if (notes.functions > 0) {
        findings.push(finding("matlab.function-handle", "medium", `${notes.functions} MATLAB function handle(s): MATLAB keeps them as callables (an anonymous one carries code) and runs them when called`, {
          file: ctx.path,
          help: "scipy reads them as opaque data; loaded in MATLAB they are code. Find out what they are before approving."
        }));
      }
      if (notes.objects.length > 0) {
        findings.push(finding("matlab.object", "low", `MATLAB objects of class ${notes.objects.join(", ")}: MATLAB calls the class's loadobj when it loads them`, {
          file: ctx.path,
          help: "scipy reads them as structs; in MATLAB the class code on the path runs. Fine for data classes; know which class it is."
        }));
      }
      return { formats: ["matlab"], findings, complete, details: { matlab: { version, variables: notes.variables } } };
    }
  };
}
function looksLikeMat(head) {
  if (head.length >= 128 && !head.subarray(0, 4).includes(0)) {
    const le = head[126] === 73 && head[127] === 77;
    const be = head[126] === 77 && head[127] === 73;
    if (!le && !be) return false;
    const ver = le ? head[124] | head[125] << 8 : head[124] << 8 | head[125];
    return ver === 256 && startsWith(head, "MATLAB");
  }
  if (head.length < 21 || !head.subarray(0, 4).includes(0)) return false;
  const v = v4Header(head);
  if (typeof v === "string" || head.length < 20 + v.namelen) return false;
  const name = head.subarray(20, 20 + v.namelen);
  return name[v.namelen - 1] === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(String.fromCharCode(...name.subarray(0, v.namelen - 1)));
}
var matPlugin = {
  format: "matlab",
  claims: (head) => looksLikeMat(head),
  create: (ctx, opts) => createMatScanner(ctx, opts),
  dataOnly: true
};

// src/scan/formats/msgpack.ts
var MSGPACK_MAX_DEPTH = 1024;
var MAX_KEPT_STRING = 256;
var DTYPES = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  float128: 16,
  complex64: 8,
  complex128: 16,
  complex256: 32,
  float8_e4m3fn: 1,
  float8_e4m3fnuz: 1,
  float8_e4m3b11fnuz: 1,
  float8_e5m2: 1,
  float8_e5m2fnuz: 1,
  float8_e8m0fnu: 1,
  float8_e3m4: 1,
  float8_e4m3: 1,
  float4_e2m1fn: 1,
  int4: 1,
  uint4: 1,
  int2: 1,
  uint2: 1
};
var MsgpackError = class extends Error {
  constructor(message, offset, limit = false) {
    super(message);
    this.offset = offset;
    this.limit = limit;
  }
  offset;
  limit;
};
var strict = new TextDecoder("utf-8", { fatal: true });
var lossy = new TextDecoder("utf-8", { fatal: false });
function u16be(b, o) {
  return (b[o] ?? 0) << 8 | (b[o + 1] ?? 0);
}
function createMsgpackScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const findings = [];
  let complete = true;
  let total = 0;
  let failure;
  let arrays = 0;
  const topKeys = [];
  const at = () => feeder.offset;
  function* read(n, limit) {
    const from = at();
    if (from + n > limit) throw new MsgpackError(`a value runs ${from + n - limit} bytes past the ext payload that holds it`, from);
    const b = yield { read: n };
    if (!b) throw new MsgpackError(`the stream ends inside a value (${n} bytes needed at offset ${from})`, from);
    return b;
  }
  function* skip(n, limit) {
    const from = at();
    if (from + n > limit) throw new MsgpackError(`a value runs ${from + n - limit} bytes past the ext payload that holds it`, from);
    if (n === 0) return;
    const r = yield { pipe: n };
    if (!r) throw new MsgpackError(`the stream ends inside a ${n}-byte value`, from);
  }
  function* str2(n, limit, isStr) {
    const from = at();
    if (isStr) {
      if (from + n > limit) throw new MsgpackError("a string runs past the ext payload that holds it", from);
      const kept = new Uint8Array(Math.min(n, MAX_KEPT_STRING));
      let k = 0;
      const dec = new TextDecoder("utf-8", { fatal: true });
      let bad = false;
      const r = n === 0 ? new Uint8Array(0) : yield {
        pipe: n,
        to: (c) => {
          if (k < kept.length) {
            const take = Math.min(c.length, kept.length - k);
            kept.set(c.subarray(0, take), k);
            k += take;
          }
          if (bad) return;
          try {
            dec.decode(c, { stream: true });
          } catch {
            bad = true;
          }
        }
      };
      if (!r) throw new MsgpackError("the stream ends inside a string", from);
      if (!bad) {
        try {
          dec.decode();
        } catch {
          bad = true;
        }
      }
      if (bad) throw new MsgpackError("a string is not valid UTF-8 (unpackb(raw=False) refuses it)", from);
      return { kind: "str", bytes: kept, length: n };
    }
    if (n <= MAX_KEPT_STRING) return { kind: "bin", bytes: yield* read(n, limit), length: n };
    yield* skip(n, limit);
    return { kind: "bin", length: n };
  }
  function* value(depth, limit, keep) {
    if (depth > MSGPACK_MAX_DEPTH) throw new MsgpackError(`values nested more than ${MSGPACK_MAX_DEPTH} deep (msgpack's unpacker refuses it)`, at());
    const start = at();
    const t = (yield* read(1, limit))[0];
    if (t <= 127) return { kind: "int", n: t };
    if (t >= 224) return { kind: "int", n: t - 256 };
    if (t <= 143) return yield* container(t & 15, true, depth, limit, keep);
    if (t <= 159) return yield* container(t & 15, false, depth, limit, keep);
    if (t <= 191) return yield* str2(t & 31, limit, true);
    switch (t) {
      case 192:
        return { kind: "nil" };
      case 193:
        throw new MsgpackError("byte 0xc1 is never used in msgpack", start);
      case 194:
      case 195:
        return { kind: "bool" };
      case 196:
        return yield* str2((yield* read(1, limit))[0], limit, false);
      case 197:
        return yield* str2(u16be(yield* read(2, limit), 0), limit, false);
      case 198:
        return yield* str2(u32be(yield* read(4, limit), 0), limit, false);
      case 199: {
        const h = yield* read(2, limit);
        return yield* ext(h[1], h[0], depth, limit, start);
      }
      case 200: {
        const h = yield* read(3, limit);
        return yield* ext(h[2], u16be(h, 0), depth, limit, start);
      }
      case 201: {
        const h = yield* read(5, limit);
        return yield* ext(h[4], u32be(h, 0), depth, limit, start);
      }
      case 202:
        yield* read(4, limit);
        return { kind: "float" };
      case 203:
        yield* read(8, limit);
        return { kind: "float" };
      case 204:
        return { kind: "int", n: (yield* read(1, limit))[0] };
      case 205:
        return { kind: "int", n: u16be(yield* read(2, limit), 0) };
      case 206:
        return { kind: "int", n: u32be(yield* read(4, limit), 0) };
      case 207: {
        const b = yield* read(8, limit);
        return { kind: "int", n: u32be(b, 0) * 2 ** 32 + u32be(b, 4) };
      }
      case 208: {
        const b = yield* read(1, limit);
        return { kind: "int", n: b[0] << 24 >> 24 };
      }
      case 209: {
        const b = yield* read(2, limit);
        return { kind: "int", n: u16be(b, 0) << 16 >> 16 };
      }
      case 210: {
        const b = yield* read(4, limit);
        return { kind: "int", n: u32be(b, 0) | 0 };
      }
      case 211: {
        const b = yield* read(8, limit);
        return { kind: "int", n: (u32be(b, 0) | 0) * 2 ** 32 + u32be(b, 4) };
      }
      case 212:
      case 213:
      case 214:
      case 215:
      case 216: {
        const type = (yield* read(1, limit))[0];
        return yield* ext(type, 1 << t - 212, depth, limit, start);
      }
      case 217:
        return yield* str2((yield* read(1, limit))[0], limit, true);
      case 218:
        return yield* str2(u16be(yield* read(2, limit), 0), limit, true);
      case 219:
        return yield* str2(u32be(yield* read(4, limit), 0), limit, true);
      case 220:
        return yield* container(u16be(yield* read(2, limit), 0), false, depth, limit, keep);
      case 221:
        return yield* container(u32be(yield* read(4, limit), 0), false, depth, limit, keep);
      case 222:
        return yield* container(u16be(yield* read(2, limit), 0), true, depth, limit, keep);
      default:
        return yield* container(u32be(yield* read(4, limit), 0), true, depth, limit, keep);
    }
  }
  function* container(n, map, depth, limit, keep) {
    const items = keep && !map && n <= 8 ? [] : void 0;
    const top = depth === 0 && map;
    for (let i = 0; i < n; i++) {
      if (map) {
        const keyAt = at();
        const k = yield* value(depth + 1, limit, false);
        if (k.kind === "array" || k.kind === "map") throw new MsgpackError("a map key is an array or a map (unhashable: unpacking fails)", keyAt);
        if (top && topKeys.length < 20 && k.kind === "str" && k.bytes) topKeys.push(lossy.decode(k.bytes.subarray(0, 64)).replace(/[\u0000-\u001f]/g, "?"));
      }
      const v = yield* value(depth + 1, limit, keep && !map);
      items?.push(v);
    }
    return { kind: map ? "map" : "array", n, ...items ? { items } : {} };
  }
  function* ext(type, len, depth, limit, start) {
    const end = at() + len;
    if (end > limit) throw new MsgpackError("an ext value runs past the ext payload that holds it", start);
    if (type !== 1 && type !== 2 && type !== 3) {
      yield* skip(len, limit);
      return { kind: "ext" };
    }
    const payload = at();
    if (len === 0) throw new MsgpackError(`flax ext type ${type} with an empty payload (flax cannot decode it)`, start);
    const v = yield* value(depth + 1, end, true);
    if (at() !== end) throw new MsgpackError(`flax ext type ${type} holds ${end - at()} bytes after its value (unpackb raises ExtraData)`, at());
    if (type === 2) {
      if (v.kind !== "array" || v.n !== 2 || !v.items?.every((x) => x.kind === "float" || x.kind === "int")) {
        arrayIssue("a complex number (ext 2) that is not a (real, imag) pair", payload);
      }
      return { kind: "ext" };
    }
    arrays++;
    checkArray(v, type, payload);
    return { kind: "ext" };
  }
  function arrayIssue(what, offset) {
    if (findings.filter((f) => f.check === "flax.array").length >= 20) return;
    findings.push(finding("flax.array", "medium", `flax cannot decode ${what}`, {
      file: ctx.path,
      offset: base + offset,
      help: "flax.serialization writes (shape, dtype name, buffer) tuples that numpy rebuilds; this one would make from_bytes fail. Not code, but not what flax writes: find out what produced it."
    }));
  }
  function checkArray(v, type, offset) {
    const what = type === 1 ? "an array (ext 1)" : "a numpy scalar (ext 3)";
    const [shape, name, buf] = v.items ?? [];
    if (v.kind !== "array" || v.n !== 3 || !shape || !name || !buf) return arrayIssue(`${what} that is not a (shape, dtype, buffer) triple`, offset);
    if (shape.kind !== "array" || shape.items === void 0 && (shape.n ?? 0) > 0) return arrayIssue(`${what} whose shape is not a short list of integers`, offset);
    const dims = shape.items ?? [];
    if (!dims.every((d) => d.kind === "int" && (d.n ?? -1) >= 0)) return arrayIssue(`${what} whose shape is not a list of non-negative integers`, offset);
    if (name.kind !== "str" && name.kind !== "bin" || !name.bytes) return arrayIssue(`${what} whose dtype is not a name`, offset);
    const dtype = new TextDecoder("latin1").decode(name.bytes);
    if (buf.kind !== "bin") return arrayIssue(`${what} whose buffer is not bytes`, offset);
    const size = DTYPES[dtype];
    if (size === void 0) return arrayIssue(`${what} of dtype "${dtype.slice(0, 40)}", which flax does not write`, offset);
    const count2 = dims.reduce((p, d) => p * (d.n ?? 0), 1);
    if (count2 * size !== buf.length) return arrayIssue(`${what} whose ${buf.length}-byte buffer does not hold ${dims.map((d) => d.n).join("\xD7") || "one"} ${dtype} values`, offset);
  }
  function* parse2() {
    try {
      yield* value(0, Infinity, false);
    } catch (err2) {
      if (!(err2 instanceof MsgpackError)) throw err2;
      failure = err2;
    }
  }
  const feeder = new Feeder(parse2());
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      if (!failure && feeder.offset < total) failure = new MsgpackError(`${total - feeder.offset} bytes follow the document (unpackb raises ExtraData)`, feeder.offset);
      if (failure) {
        complete = false;
        findings.push(finding("msgpack.invalid", "high", `Not a valid msgpack document: ${failure.message}`, {
          file: ctx.path,
          offset: base + failure.offset,
          help: "msgpack.unpackb (and flax.serialization.from_bytes) refuse these bytes, so they are not what they claim; do not approve the file."
        }));
      }
      return {
        formats: ["msgpack"],
        findings,
        complete,
        details: { msgpack: { flaxArrays: arrays, ...topKeys.length ? { keys: topKeys } : {} } }
      };
    }
  };
}
function looksLikeMsgpackMap(b, atEof) {
  const t0 = b[0];
  if (t0 === void 0) return false;
  const isMap = t0 >= 129 && t0 <= 143 || t0 === 222 || t0 === 223;
  if (!isMap) return false;
  const k = b[t0 === 222 ? 3 : t0 === 223 ? 5 : 1];
  if (k === void 0 || !(k >= 160 && k <= 191 || k >= 217 && k <= 219)) return false;
  const stack = [1];
  let i = 0;
  const need = (n) => i + n <= b.length;
  while (stack.length > 0) {
    if (stack.length > 256) return false;
    const top = stack.length - 1;
    if (stack[top] === 0) {
      stack.pop();
      continue;
    }
    stack[top] = stack[top] - 1;
    if (i >= b.length) return !atEof;
    const t = b[i++];
    let len = 0;
    let items = -1;
    let text = false;
    if (t <= 127 || t >= 224 || t === 192 || t === 194 || t === 195) continue;
    if (t <= 143) items = 2 * (t & 15);
    else if (t <= 159) items = t & 15;
    else if (t <= 191) {
      len = t & 31;
      text = true;
    } else {
      switch (t) {
        case 193:
          return false;
        case 196:
        case 217:
          if (!need(1)) return !atEof;
          len = b[i];
          i += 1;
          text = t === 217;
          break;
        case 197:
        case 218:
          if (!need(2)) return !atEof;
          len = u16be(b, i);
          i += 2;
          text = t === 218;
          break;
        case 198:
        case 219:
          if (!need(4)) return !atEof;
          len = u32be(b, i);
          i += 4;
          text = t === 219;
          break;
        case 199:
          if (!need(2)) return !atEof;
          len = b[i] + 1;
          i += 1;
          break;
        case 200:
          if (!need(3)) return !atEof;
          len = u16be(b, i) + 1;
          i += 2;
          break;
        case 201:
          if (!need(5)) return !atEof;
          len = u32be(b, i) + 1;
          i += 4;
          break;
        case 202:
          len = 4;
          break;
        case 203:
          len = 8;
          break;
        case 204:
        case 208:
          len = 1;
          break;
        case 205:
        case 209:
          len = 2;
          break;
        case 206:
        case 210:
          len = 4;
          break;
        case 207:
        case 211:
          len = 8;
          break;
        case 212:
        case 213:
        case 214:
        case 215:
        case 216:
          len = 1 + (1 << t - 212);
          break;
        case 220:
          if (!need(2)) return !atEof;
          items = u16be(b, i);
          i += 2;
          break;
        case 221:
          if (!need(4)) return !atEof;
          items = u32be(b, i);
          i += 4;
          break;
        case 222:
          if (!need(2)) return !atEof;
          items = 2 * u16be(b, i);
          i += 2;
          break;
        default:
          if (!need(4)) return !atEof;
          items = 2 * u32be(b, i);
          i += 4;
          break;
      }
    }
    if (items >= 0) {
      stack.push(items);
      continue;
    }
    if (!need(len)) return !atEof;
    if (text) {
      try {
        strict.decode(b.subarray(i, i + len));
      } catch {
        return false;
      }
    }
    i += len;
  }
  return atEof && i === b.length;
}
var msgpackPlugin = {
  format: "msgpack",
  claims: (head, ctx) => looksLikeMsgpackMap(head, ctx.size !== void 0 && head.length >= ctx.size),
  create: (ctx, opts) => createMsgpackScanner(ctx, opts),
  dataOnly: true
};

// src/scan/sniff.ts
var EXECUTABLE_FORMATS = /* @__PURE__ */ new Set(["elf", "pe", "macho", "wasm", "dex"]);
var TEXT_FORMATS2 = /* @__PURE__ */ new Set(["script", "notebook", "json", "python", "text"]);
var HDF5_SIG = [137, 72, 68, 70, 13, 10, 26, 10];
function eocdFields(b, at) {
  return {
    disk: u16le(b, at + 4),
    cdDisk: u16le(b, at + 6),
    onDisk: u16le(b, at + 8),
    total: u16le(b, at + 10),
    cdSize: u32le(b, at + 12),
    cdOffset: u32le(b, at + 16)
  };
}
function findEocd(tail, size) {
  const tailStart = (size ?? tail.length) - tail.length;
  const floor = tail.length - 22 - 65535;
  for (let i = lastIndexOfBytes(tail, EOCD_BYTES, tail.length - 22, floor); i >= 0; i = lastIndexOfBytes(tail, EOCD_BYTES, i - 1, floor)) {
    const { disk, cdDisk, onDisk, total, cdSize, cdOffset } = eocdFields(tail, i);
    const zip64 = onDisk === 65535 || total === 65535 || cdSize === 4294967295 || cdOffset === 4294967295;
    const plausible = zip64 || (disk === 0 || disk === 65535) && (cdDisk === 0 || cdDisk === 65535) && onDisk <= total && cdSize >= total * 46 && cdOffset + cdSize <= tailStart + i;
    const zipfileReads = cdSize >= 46 && cdSize <= i && startsWith(tail, [80, 75, 1, 2], i - cdSize);
    if (plausible || zipfileReads) return i;
  }
  return -1;
}
function sniff(head, size, tail, moreFollows = false) {
  const formats = [];
  const total = size ?? head.length;
  const headIsAll = !moreFollows && head.length >= total;
  if (total === 0 || head.length === 0) return { formats: ["empty"], binary: false };
  const binary = !looksLikeText(head.subarray(0, 8192));
  const add = (f) => {
    if (!formats.includes(f)) formats.push(f);
  };
  if (startsWith(head, [127, 69, 76, 70])) add("elf");
  let peConfirmed = false;
  if (startsWith(head, "MZ")) {
    const lfanew = u32le(head, 60);
    peConfirmed = head.length >= 64 && lfanew + 4 <= head.length && startsWith(head, [80, 69, 0, 0], lfanew);
    if (peConfirmed || binary) add("pe");
  }
  const m = u32be(head, 0);
  if (head.length >= 4 && [4277009102, 4277009103, 3472551422, 3489328638].includes(m)) add("macho");
  if (head.length >= 8 && m === 3405691582) add("macho");
  if (startsWith(head, [0, 97, 115, 109])) add("wasm");
  if (startsWith(head, "dex\n") && head.length >= 8 && head[7] === 0) add("dex");
  if (startsWith(head, [208, 207, 17, 224, 161, 177, 26, 225])) add("ole");
  const localHeaderAt0 = startsWith(head, [80, 75, 3, 4]) || startsWith(head, EOCD_BYTES);
  const eocdInTail = tail !== void 0 ? findEocd(tail, size) >= 0 : total === head.length && findEocd(head) >= 0;
  if (localHeaderAt0 || eocdInTail) add("zip");
  if (head[0] === 128 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5) {
    if (plausiblePickle(head.subarray(2), headIsAll, 1)) add("pickle");
  } else if (plausiblePickle(head, headIsAll)) add("pickle");
  if (startsWith(head, [147, 78, 85, 77, 80, 89])) add("numpy");
  if (isTarHeader(head)) add("tar");
  if (startsWith(head, [55, 122, 188, 175, 39, 28])) add("7z");
  if (startsWith(head, [31, 139, 8])) add("gzip");
  if (startsWith(head, "BZh") && (head[3] ?? 0) >= 49 && (head[3] ?? 0) <= 57 && (startsWith(head, [49, 65, 89, 38, 83, 89], 4) || startsWith(head, [23, 114, 69, 56, 80, 144], 4))) add("bz2");
  if (startsWith(head, [253, 55, 122, 88, 90, 0])) add("xz");
  if (isLzmaAlone(head)) add("lzma");
  if (binary && isZlibHeader(head)) add("zlib");
  if (startsWith(head, [4, 34, 77, 24]) || startsWith(head, [2, 33, 76, 24])) add("lz4");
  if (startsWith(head, "ZF0x")) add("joblib-zf");
  if (startsWith(head, [40, 181, 47, 253])) add("zstd");
  const hdf5Offset = findHdf5(head);
  if (hdf5Offset !== void 0) add("hdf5");
  if (isSafetensorsHead(head, size)) add("safetensors");
  if (startsWith(head, "GGUF")) add("gguf");
  if (startsWith(head, [137, 80, 78, 71, 13, 10, 26, 10]) || startsWith(head, [255, 216, 255]) || startsWith(head, "GIF8") || startsWith(head, "RIFF") && startsWith(head, "WEBP", 8)) add("image");
  if (startsWith(head, "#!")) add("script");
  if (!binary) {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, 65536));
    const trimmed = text.replace(/^\ufeff/, "").trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      add("json");
      if (/"cells"\s*:/.test(text) && /"nbformat"|"metadata"\s*:/.test(text)) add("notebook");
    }
    const fenced = /^[^\S\n\r\u2028\u2029]*(?:```|~~~)/m.test(text);
    if (!fenced && /^[^\S\n\r\u2028\u2029]*(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+[(:])/m.test(text) || /^#!.*python/.test(text)) add("python");
    if (formats.length === 0) add("text");
  }
  if (binary && formats.length === 0 && isProtobufWire(head, headIsAll)) add("protobuf");
  if (formats.length === 0) add(binary ? "unknown-binary" : "text");
  const out = { formats, binary };
  if (hdf5Offset !== void 0) out.hdf5Offset = hdf5Offset;
  if (peConfirmed) out.peConfirmed = true;
  if (formats.includes("zip")) out.zip = { localHeaderAt0, eocdInTail };
  return out;
}
var HDF5_SNIFF_BYTES = 64 * 1024;
function findHdf5(head) {
  const limit = Math.min(head.length, HDF5_SNIFF_BYTES);
  for (let off = 0; off + 8 <= limit; off = off === 0 ? 512 : off * 2) {
    if (startsWith(head, HDF5_SIG, off)) return off;
  }
  return void 0;
}
function isTarHeader(h) {
  return isTarfileHeader(h);
}
function isLzmaAlone(h) {
  if (h.length < 13 || h[0] >= 225 || h[0] !== 93) return false;
  const dict = u32le(h, 1);
  if (dict < 4096 || (dict & dict - 1) !== 0) return false;
  let allOnes = true;
  for (let i = 5; i < 13; i++) if (h[i] !== 255) allOnes = false;
  return allOnes || h[12] === 0 && h[11] === 0;
}
function isZlibHeader(h) {
  if (h.length < 2) return false;
  const cmf = h[0];
  const flg = h[1];
  return (cmf & 15) === 8 && cmf >> 4 <= 7 && (cmf << 8 | flg) % 31 === 0 && (flg & 32) === 0;
}
function isSafetensorsHead(h, size) {
  if (h.length < 10) return false;
  const n = u64leNumber(h, 0);
  if (n === void 0 || n < 2 || n > 1e8) return false;
  if (size !== void 0 && 8 + n > size) return false;
  for (let i = 8; i < Math.min(h.length, 8 + n); i++) {
    const c = h[i];
    if (c === 123) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return false;
}
function plausiblePickle(b, atEof, minOps = 9) {
  let i = 0;
  let depth = 0;
  const marks = [];
  let ops = 0;
  const line = () => {
    const nl = b.indexOf(10, i);
    if (nl < 0 || nl - i > 4096) return void 0;
    let s = "";
    for (let k = i; k < nl; k++) s += String.fromCharCode(b[k]);
    i = nl + 1;
    return s;
  };
  const need = (n) => i + n <= b.length;
  const popMark = () => {
    const mk = marks.pop();
    if (mk === void 0 || mk > depth) return false;
    depth = mk;
    return true;
  };
  const ident = /^[A-Za-z_][\w.]*$/;
  while (i < b.length) {
    const op = b[i++];
    ops++;
    const ch = String.fromCharCode(op);
    let ok = true;
    switch (ch) {
      case "(":
        marks.push(depth);
        break;
      case ".":
        return depth >= 1 && ops >= 2;
      case "0":
        ok = depth-- >= 1;
        break;
      case "1":
        ok = popMark();
        break;
      case "2":
        ok = depth >= 1;
        depth++;
        break;
      case "N":
      case "]":
      case "}":
      case ")":
      case "\x88":
      case "\x89":
      case "\x8F":
      case "\x97":
        depth++;
        break;
      case "I":
      case "L": {
        const s = line();
        if (s === void 0) return !atEof && ops >= minOps;
        ok = /^-?(\d+|0x[0-9a-f]+)L?$/i.test(s.trim());
        depth++;
        break;
      }
      case "F": {
        const s = line();
        if (s === void 0) return !atEof && ops >= minOps;
        ok = s.trim() !== "" && !Number.isNaN(Number(s));
        depth++;
        break;
      }
      case "S": {
        const s = line();
        if (s === void 0) return !atEof && ops >= minOps;
        ok = /^(['"]).*\1$/s.test(s);
        depth++;
        break;
      }
      case "V": {
        const s = line();
        if (s === void 0) return !atEof && ops >= minOps;
        depth++;
        break;
      }
      case "P": {
        const s = line();
        if (s === void 0) return !atEof && ops >= minOps;
        ok = /^[\x20-\x7e]*$/.test(s);
        depth++;
        break;
      }
      case "g":
      case "p": {
        const s = line();
        if (s === void 0) return !atEof && ops >= minOps;
        ok = /^\d+$/.test(s);
        if (ch === "g") depth++;
        else ok = ok && depth >= 1;
        break;
      }
      case "c":
      case "i": {
        const mod = line();
        const name = mod === void 0 ? void 0 : line();
        if (mod === void 0 || name === void 0) return !atEof && ops >= minOps;
        ok = ident.test(mod) && ident.test(name);
        if (ch === "c") depth++;
        else {
          ok = ok && popMark();
          depth++;
        }
        break;
      }
      case "J":
        if (!need(4)) return !atEof && ops >= minOps;
        i += 4;
        depth++;
        break;
      case "K":
        if (!need(1)) return !atEof && ops >= minOps;
        i += 1;
        depth++;
        break;
      case "M":
        if (!need(2)) return !atEof && ops >= minOps;
        i += 2;
        depth++;
        break;
      case "G":
        if (!need(8)) return !atEof && ops >= minOps;
        i += 8;
        depth++;
        break;
      case "T":
      case "X":
      case "B": {
        if (!need(4)) return !atEof && ops >= minOps;
        const n = u32le(b, i);
        i += 4 + n;
        depth++;
        if (i > b.length) return !atEof && ops >= minOps;
        break;
      }
      case "U":
      case "C":
      case "\x8C": {
        if (!need(1)) return !atEof && ops >= minOps;
        const n = b[i];
        i += 1 + n;
        depth++;
        if (i > b.length) return !atEof && ops >= minOps;
        break;
      }
      case "\x8A": {
        if (!need(1)) return !atEof && ops >= minOps;
        const n = b[i];
        i += 1 + n;
        depth++;
        break;
      }
      case "\x8B": {
        if (!need(4)) return !atEof && ops >= minOps;
        i += 4 + u32le(b, i);
        depth++;
        break;
      }
      case "\x8D":
      case "\x8E":
      case "\x96": {
        if (!need(8)) return !atEof && ops >= minOps;
        const n = u64leNumber(b, i);
        if (n === void 0) return false;
        i += 8 + n;
        depth++;
        break;
      }
      case "h":
      case "q":
        if (!need(1)) return !atEof && ops >= minOps;
        i += 1;
        if (ch === "h") depth++;
        else ok = depth >= 1;
        break;
      case "j":
      case "r":
        if (!need(4)) return !atEof && ops >= minOps;
        i += 4;
        if (ch === "j") depth++;
        else ok = depth >= 1;
        break;
      case "\x82":
        i += 1;
        depth++;
        break;
      case "\x83":
        i += 2;
        depth++;
        break;
      case "\x84":
        i += 4;
        depth++;
        break;
      case "\x95":
        i += 8;
        break;
      case "\x94":
      case "\x98":
        ok = depth >= 1;
        break;
      case "Q":
        ok = depth >= 1;
        break;
      case "R":
      case "b":
      case "\x93":
      case "\x81":
        ok = depth >= 2;
        depth--;
        break;
      case "a":
        ok = depth >= 2;
        depth--;
        break;
      case "s":
        ok = depth >= 3;
        depth -= 2;
        break;
      case "\x92":
        ok = depth >= 3;
        depth -= 2;
        break;
      case "\x85":
        ok = depth >= 1;
        break;
      case "\x86":
        ok = depth >= 2;
        depth--;
        break;
      case "\x87":
        ok = depth >= 3;
        depth -= 2;
        break;
      case "d":
      case "l":
      case "t":
      case "\x91":
        ok = popMark();
        depth++;
        break;
      case "o":
        ok = popMark();
        depth++;
        break;
      case "e":
      case "u":
      case "\x90":
        ok = popMark() && depth >= 1;
        break;
      default:
        return false;
    }
    if (!ok || depth < 0) return false;
  }
  return !atEof && ops >= minOps;
}
function isProtobufWire(b, atEof) {
  let i = 0;
  let fields = 0;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      if (i >= b.length) return void 0;
      const c = b[i++];
      v += (c & 127) * mul;
      mul *= 128;
      if ((c & 128) === 0) return v;
    }
    return void 0;
  };
  while (i < b.length) {
    const key = varint();
    if (key === void 0) return !atEof && fields >= 4;
    const wt = key % 8;
    const field = Math.floor(key / 8);
    if (field === 0 || field > 2e4) return false;
    if (wt === 0) {
      if (varint() === void 0) return !atEof && fields >= 4;
    } else if (wt === 1) i += 8;
    else if (wt === 5) i += 4;
    else if (wt === 2) {
      const n = varint();
      if (n === void 0) return !atEof && fields >= 4;
      i += n;
    } else return false;
    fields++;
    if (i > b.length) return !atEof && fields >= 2;
  }
  return fields >= 1 && (atEof ? i === b.length : fields >= 4);
}

// src/scan/formats/external-path.ts
var ORT_MEMORY_TAG = "*/_ORT_MEM_ADDR_/*";
var decoder = new TextDecoder("utf-8", { fatal: true });
function judgeLocation(raw, modelPath) {
  let text;
  try {
    text = decoder.decode(raw);
  } catch {
    return { severity: "high", reason: "is not valid UTF-8 (loaders disagree on which file it names)" };
  }
  if (text.length === 0) return { severity: "high", reason: "is empty (the loader opens the model folder itself)" };
  if (text === ORT_MEMORY_TAG || text.includes("_ORT_MEM_ADDR_")) {
    return { severity: "critical", reason: `is onnxruntime's in-memory tag ${ORT_MEMORY_TAG}: runtimes that honour it read the process memory at "offset"` };
  }
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return { severity: "high", reason: "holds control characters (C++ loaders stop at a NUL, so they open a different file than Python does)" };
  }
  if (/^[A-Za-z]:/.test(text)) return { severity: "critical", reason: "names a Windows drive", cve: "CVE-2022-25882" };
  if (/^[\\/]{2}/.test(text)) return { severity: "critical", reason: "is a UNC or network path (Windows opens it over the network)", cve: "CVE-2022-25882" };
  if (/^[\\/]/.test(text)) return { severity: "critical", reason: "is absolute: joined to the model folder it replaces it", cve: "CVE-2022-25882" };
  if (/^~/.test(text)) return { severity: "high", reason: "starts with ~ (shells and some loaders expand it to a home folder)" };
  const parts = text.split(/[\\/]/);
  const kept = [];
  let sawDots = false;
  let escaped = 0;
  let first = true;
  let leading = false;
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      sawDots = true;
      if (first) leading = true;
      if (kept.length === 0) escaped++;
      else kept.pop();
      first = false;
      continue;
    }
    if (p.includes(":")) return { severity: "high", reason: `has a component with ":" (${p}): a Windows drive or alternate data stream` };
    kept.push(p);
    first = false;
  }
  if (escaped > 0) {
    return {
      severity: "critical",
      reason: `escapes the model's folder by ${escaped} level${escaped > 1 ? "s" : ""}`,
      cve: leading ? "CVE-2022-25882" : "CVE-2024-27318"
    };
  }
  const dir = modelPath.includes("/") ? modelPath.slice(0, modelPath.lastIndexOf("/")) : "";
  const resolved = [...dir ? [dir] : [], ...kept].join("/");
  if (kept.length === 0) return { severity: "high", reason: "names the model folder itself, not a file" };
  if (sawDots) {
    return { severity: "high", reason: 'contains ".." (onnx >= 1.16 refuses it; a symlinked folder on the way would redirect it)', cve: "CVE-2024-27318", resolved };
  }
  return { resolved };
}

// src/scan/formats/protobuf.ts
var PROTOBUF_MAX_DEPTH = 100;
var PROTOBUF_MAX_KEPT = 32 * 1024 * 1024;
var ENTRY_COST = 64;
var PbError = class extends Error {
  /** `limit`: Model Gate's own bound was hit (the bytes may be valid); otherwise the bytes are not valid protobuf. */
  constructor(message, offset, limit = false) {
    super(message);
    this.offset = offset;
    this.limit = limit;
  }
  offset;
  limit;
};
var PbReader = class {
  constructor(at, visitor, limit = PROTOBUF_MAX_DEPTH) {
    this.at = at;
    this.visitor = visitor;
    this.limit = limit;
  }
  at;
  visitor;
  limit;
  /** Deepest nesting reached (messages and groups). */
  maxDepth = 0;
  /** The top-level message, readable while it is being parsed (its fields so far) and after a parse error. */
  root;
  live = 0;
  /** A varint, or undefined at a clean end of stream before its first byte. Throws on a cut or overlong one. */
  *varint(allowEof = false) {
    let v = 0;
    let mul = 1;
    const start = this.at();
    for (let k = 0; k < 10; k++) {
      const b = yield { read: 1 };
      if (!b) {
        if (k === 0 && allowEof) return void 0;
        throw new PbError("the stream ends inside a varint", start);
      }
      const c = b[0];
      if (k === 9 && c > 1) throw new PbError("a varint longer than 64 bits", start);
      v += (c & 127) * mul;
      mul *= 128;
      if ((c & 128) === 0) return v;
    }
    throw new PbError("a varint longer than 10 bytes", start);
  }
  /**
   * The fields of one message until `end` (a stream offset), or until the stream ends when `end` is undefined
   * (the top-level message). Returns the decoded message after the visitor has seen it.
   */
  *message(schema, end, stack) {
    const msg = { schema, offset: this.at(), strings: {}, varints: {}, children: {}, cost: 0 };
    if (stack.length === 0) this.root = msg;
    const depth = stack.length + 1;
    if (depth > this.limit) throw new PbError(`messages nested more than ${this.limit} deep (protobuf parsers refuse it)`, this.at());
    this.maxDepth = Math.max(this.maxDepth, depth);
    for (; ; ) {
      if (end !== void 0 && this.at() >= end) break;
      const keyAt = this.at();
      const key = yield* this.varint(end === void 0);
      if (key === void 0) break;
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (field === 0) throw new PbError("field number 0", keyAt);
      const spec = schema.fields[field];
      switch (wire) {
        case 0: {
          const v = yield* this.varint();
          if (spec?.kind === "varint") {
            (msg.varints[spec.name] ??= []).push(v);
            this.keep(msg, ENTRY_COST, keyAt);
          }
          break;
        }
        case 1:
          yield* this.skip(8, end);
          break;
        case 5:
          yield* this.skip(4, end);
          break;
        case 2: {
          const lenAt = this.at();
          const n = yield* this.varint();
          const len = n;
          if (len > 2147483647) throw new PbError(`a length-delimited field of ${len} bytes (protobuf's limit is 2 GiB)`, lenAt);
          const stop = this.at() + len;
          if (end !== void 0 && stop > end) throw new PbError(`field ${field} runs ${stop - end} bytes past its enclosing ${schema.name}`, lenAt);
          if (spec?.kind === "message") {
            stack.push(msg);
            const child = yield* this.message(spec.schema(), stop, stack);
            stack.pop();
            if (spec.collect) {
              (msg.children[spec.name] ??= []).push(child);
              msg.cost += child.cost;
            } else this.live -= child.cost;
          } else if (spec?.kind === "string" && (spec.maxCount === void 0 || (msg.strings[spec.name]?.length ?? 0) < spec.maxCount)) {
            const keep = Math.min(len, spec.max);
            const offset = this.at();
            const b = keep > 0 ? yield { read: keep } : new Uint8Array(0);
            if (!b) throw new PbError(`the stream ends inside field ${field}`, offset);
            if (len > keep) yield* this.skip(len - keep, end);
            (msg.strings[spec.name] ??= []).push({ bytes: b, length: len, offset });
            this.keep(msg, keep + ENTRY_COST, offset);
          } else {
            yield* this.skip(len, end);
          }
          break;
        }
        case 3:
          yield* this.group(field, end, depth + 1);
          break;
        case 4:
          throw new PbError(`an end-group tag for field ${field} outside a group`, keyAt);
        default:
          throw new PbError(`wire type ${wire} does not exist`, keyAt);
      }
    }
    if (end !== void 0 && this.at() !== end) throw new PbError(`a field runs past the end of its ${schema.name}`, this.at());
    this.visitor.leave(msg, stack);
    if (stack.length === 0) this.live -= msg.cost;
    return msg;
  }
  keep(msg, n, offset) {
    msg.cost += n;
    this.live += n;
    if (this.live > PROTOBUF_MAX_KEPT) throw new PbError(`more than ${PROTOBUF_MAX_KEPT} bytes of fields to keep at once`, offset, true);
  }
  /** Skips a group (wire type 3) up to its matching end tag, as parsers skip unknown groups. */
  *group(field, end, depth) {
    if (depth > this.limit) throw new PbError(`groups nested more than ${this.limit} deep`, this.at());
    this.maxDepth = Math.max(this.maxDepth, depth);
    for (; ; ) {
      const keyAt = this.at();
      if (end !== void 0 && keyAt >= end) throw new PbError(`group ${field} is not closed inside its message`, keyAt);
      const key = yield* this.varint();
      const f = Math.floor(key / 8);
      const wire = key % 8;
      if (f === 0) throw new PbError("field number 0", keyAt);
      if (wire === 4) {
        if (f !== field) throw new PbError(`group ${field} closed by an end tag for ${f}`, keyAt);
        return;
      }
      if (wire === 0) yield* this.varint();
      else if (wire === 1) yield* this.skip(8, end);
      else if (wire === 5) yield* this.skip(4, end);
      else if (wire === 2) {
        const n = yield* this.varint();
        if (end !== void 0 && this.at() + n > end) throw new PbError(`field ${f} runs past its enclosing message`, keyAt);
        yield* this.skip(n, end);
      } else if (wire === 3) yield* this.group(f, end, depth + 1);
      else throw new PbError(`wire type ${wire} does not exist`, keyAt);
    }
  }
  *skip(n, end) {
    const from = this.at();
    if (end !== void 0 && from + n > end) throw new PbError("a fixed-size field runs past its enclosing message", from);
    if (n === 0) return;
    const r = yield { pipe: n };
    if (!r) throw new PbError("the stream ends inside a field", from);
  }
};
function pbText(m, name) {
  const all = m.strings[name];
  const last = all?.[all.length - 1];
  return last ? new TextDecoder("utf-8", { fatal: false }).decode(last.bytes) : void 0;
}
function pbTexts(m, name) {
  return (m.strings[name] ?? []).map((s) => new TextDecoder("utf-8", { fatal: false }).decode(s.bytes));
}
function pbVarint(m, name) {
  const all = m.varints[name];
  return all?.[all.length - 1];
}

// src/scan/formats/onnx.ts
var NAME = 1024;
var entry = { name: "StringStringEntryProto", fields: { 1: { kind: "string", name: "key", max: NAME }, 2: { kind: "string", name: "value", max: 64 * 1024 } } };
var opset = { name: "OperatorSetIdProto", fields: { 1: { kind: "string", name: "domain", max: NAME }, 2: { kind: "varint", name: "version" } } };
var tensor = {
  name: "TensorProto",
  fields: {
    8: { kind: "string", name: "name", max: NAME },
    13: { kind: "message", name: "external_data", schema: () => entry, collect: true },
    14: { kind: "varint", name: "data_location" }
  }
};
var sparse = { name: "SparseTensorProto", fields: { 1: { kind: "message", name: "values", schema: () => tensor }, 2: { kind: "message", name: "indices", schema: () => tensor } } };
var attribute = {
  name: "AttributeProto",
  fields: {
    1: { kind: "string", name: "name", max: NAME },
    5: { kind: "message", name: "t", schema: () => tensor },
    6: { kind: "message", name: "g", schema: () => graph },
    10: { kind: "message", name: "tensors", schema: () => tensor },
    11: { kind: "message", name: "graphs", schema: () => graph },
    22: { kind: "message", name: "sparse_tensor", schema: () => sparse },
    23: { kind: "message", name: "sparse_tensors", schema: () => sparse }
  }
};
var node = {
  name: "NodeProto",
  fields: {
    3: { kind: "string", name: "name", max: NAME },
    4: { kind: "string", name: "op_type", max: NAME },
    5: { kind: "message", name: "attribute", schema: () => attribute },
    7: { kind: "string", name: "domain", max: NAME }
  }
};
var graph = {
  name: "GraphProto",
  fields: {
    1: { kind: "message", name: "node", schema: () => node },
    5: { kind: "message", name: "initializer", schema: () => tensor },
    15: { kind: "message", name: "sparse_initializer", schema: () => sparse }
  }
};
var fn = {
  name: "FunctionProto",
  fields: {
    1: { kind: "string", name: "name", max: NAME },
    7: { kind: "message", name: "node", schema: () => node },
    9: { kind: "message", name: "opset_import", schema: () => opset, collect: true },
    10: { kind: "string", name: "domain", max: NAME }
  }
};
var training = { name: "TrainingInfoProto", fields: { 1: { kind: "message", name: "initialization", schema: () => graph }, 2: { kind: "message", name: "algorithm", schema: () => graph } } };
var ONNX_MODEL = {
  name: "ModelProto",
  fields: {
    1: { kind: "varint", name: "ir_version" },
    2: { kind: "string", name: "producer_name", max: NAME },
    3: { kind: "string", name: "producer_version", max: NAME },
    7: { kind: "message", name: "graph", schema: () => graph },
    8: { kind: "message", name: "opset_import", schema: () => opset, collect: true },
    14: { kind: "message", name: "metadata_props", schema: () => entry, collect: true },
    20: { kind: "message", name: "training_info", schema: () => training },
    25: { kind: "message", name: "functions", schema: () => fn }
  }
};
var STANDARD_DOMAINS = /* @__PURE__ */ new Set([
  "",
  "ai.onnx",
  "ai.onnx.ml",
  "ai.onnx.training",
  "ai.onnx.preview.training",
  "com.microsoft",
  // onnxruntime's internal layout domains, written by its own graph optimisations
  "com.microsoft.nchwc",
  "com.ms.internal.nhwc",
  "com.microsoft.experimental"
]);
var PYTHON_OPS = /* @__PURE__ */ new Set(["com.microsoft:PythonOp", "com.microsoft:PythonOpGrad"]);
var EXTERNAL_KEYS = /* @__PURE__ */ new Set(["location", "offset", "length", "checksum", "basepath"]);
var decode = (b) => utf8(b);
var short = (s, n = 120) => s.length > n ? `${s.slice(0, n)}\u2026` : s;
function createOnnxScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const findings = [];
  const external = [];
  const usedOps = /* @__PURE__ */ new Map();
  const localFunctions = /* @__PURE__ */ new Set();
  const declared = /* @__PURE__ */ new Map();
  const metadataKeys = [];
  let sawGraph = false;
  let model;
  let failure;
  let complete = true;
  const tensorLeft = (m) => {
    const entries = m.children.external_data ?? [];
    if (entries.length === 0) return;
    const name = pbText(m, "name") ?? "";
    const externalFlag = pbVarint(m, "data_location") === 1;
    for (const e of entries) {
      const key = pbText(e, "key") ?? "";
      const value = e.strings.value?.[e.strings.value.length - 1];
      if (!EXTERNAL_KEYS.has(key)) {
        findings.push(finding(
          "onnx.external-data.unknown-key",
          "high",
          `Tensor ${short(name)} has an external_data key "${short(key, 60)}" that is not part of the ONNX spec`,
          {
            file: ctx.path,
            offset: base + e.offset,
            evidence: short(key, 200),
            help: "onnx < 1.21 sets any key as an attribute of its ExternalDataInfo object (CVE-2026-34445: crashes, bypassed checks). A file written by onnx has only location, offset, length and checksum; do not approve it."
          }
        ));
        continue;
      }
      if (key !== "location") continue;
      const raw = value?.bytes ?? new Uint8Array(0);
      if (value && value.length > value.bytes.length) {
        complete = false;
        findings.push(finding("onnx.external-data.not-examined", "high", `Tensor ${short(name)} has an external-data location of ${value.length} bytes, too long to examine`, {
          file: ctx.path,
          offset: base + value.offset,
          help: "A real location is a short file name; do not approve it."
        }));
        continue;
      }
      const location = decode(raw);
      const j = judgeLocation(raw, ctx.path);
      const ref = { tensor: name, location };
      if (j.resolved && !j.severity) ref.path = j.resolved;
      if (external.length < 1e4) external.push(ref);
      if (j.severity) {
        const cve = j.cve ? ` (${j.cve})` : "";
        findings.push(finding(
          j.severity === "critical" ? "onnx.external-data.traversal" : "onnx.external-data.location",
          j.severity,
          `Tensor ${short(name)} reads its data from "${short(location)}", which ${j.reason}${cve}`,
          {
            file: ctx.path,
            offset: base + (value?.offset ?? e.offset),
            evidence: short(location, 200),
            help: externalFlag ? "Loading this model reads that file into the tensor (and onnxruntime serves it back through the outputs). A model must keep its external data in plain files beside it; do not approve it." : "data_location is not EXTERNAL, so onnx.load ignores it today, but a loader that honours external_data alone reads that file. Do not approve it."
          }
        ));
      }
    }
  };
  const reader = new PbReader(() => feeder.offset, {
    leave(m, stack) {
      const parent = stack[stack.length - 1];
      switch (m.schema.name) {
        case "TensorProto":
          tensorLeft(m);
          break;
        case "NodeProto": {
          const domain = pbText(m, "domain") ?? "";
          const op = pbText(m, "op_type") ?? "";
          const k = `${domain}:${op}`;
          if (!usedOps.has(k) && usedOps.size < 1e5) usedOps.set(k, { domain, op, offset: m.offset });
          break;
        }
        case "FunctionProto":
          localFunctions.add(`${pbText(m, "domain") ?? ""}:${pbText(m, "name") ?? ""}`);
          break;
        case "GraphProto":
          if (parent?.schema === ONNX_MODEL) sawGraph = true;
          break;
        case "ModelProto":
          model = m;
          break;
        default:
          break;
      }
      if (m.schema.name === "OperatorSetIdProto" && parent?.schema === ONNX_MODEL) {
        const d = pbText(m, "domain") ?? "";
        if (!declared.has(d)) declared.set(d, m.offset);
      }
      if (m.schema.name === "StringStringEntryProto" && parent?.schema === ONNX_MODEL && metadataKeys.length < 50) metadataKeys.push(short(pbText(m, "key") ?? "", 80));
    }
  });
  function* parse2() {
    try {
      yield* reader.message(ONNX_MODEL, void 0, []);
    } catch (err2) {
      if (!(err2 instanceof PbError)) throw err2;
      failure = err2;
    }
  }
  const feeder = new Feeder(parse2());
  return {
    push: (c) => feeder.push(c),
    end() {
      feeder.end();
      model ??= reader.root;
      const recognised = sawGraph || model !== void 0 && pbVarint(model, "ir_version") !== void 0 && declared.size > 0;
      const out = [...findings];
      if (failure) {
        if (recognised || failure.limit) {
          complete = false;
          out.push(finding(
            failure.limit ? "onnx.not-examined" : "onnx.invalid",
            "high",
            failure.limit ? `The ONNX model was not fully examined: ${failure.message}` : `Not a valid ONNX model: ${failure.message}`,
            {
              file: ctx.path,
              offset: base + failure.offset,
              help: failure.limit ? "Model Gate bounds what it keeps in memory; review this model by hand." : "onnx.load refuses these bytes, so they are not the model they claim to be; do not approve the file."
            }
          ));
        }
      }
      const details = {};
      if (recognised) {
        judgeDomains(out);
        details.onnx = {
          irVersion: model ? pbVarint(model, "ir_version") : void 0,
          producer: model ? pbText(model, "producer_name") : void 0,
          opsets: [...declared.keys()],
          functions: [...localFunctions],
          ...metadataKeys.length ? { metadataProps: metadataKeys } : {},
          externalData: external
        };
      } else if (external.length > 0) {
        details.onnx = { externalData: external };
      }
      if (!recognised) details.notFormats = ["onnx"];
      return { formats: recognised ? ["onnx"] : [], findings: out, complete, details };
    }
  };
  function judgeDomains(out) {
    const custom = /* @__PURE__ */ new Map();
    for (const { domain, op, offset } of usedOps.values()) {
      if (PYTHON_OPS.has(`${domain}:${op}`)) {
        out.push(finding("onnx.python-op", "medium", `Operator ${domain}.${op} calls a Python function registered in the loading process`, {
          file: ctx.path,
          offset: base + offset,
          help: "onnxruntime training runs the torch.autograd.Function this node names; find out what registers it before approving."
        }));
      }
      if (STANDARD_DOMAINS.has(domain) || localFunctions.has(`${domain}:${op}`)) continue;
      const c = custom.get(domain) ?? { ops: /* @__PURE__ */ new Set(), offset };
      c.ops.add(op);
      custom.set(domain, c);
    }
    for (const [domain, offset] of declared) {
      if (STANDARD_DOMAINS.has(domain) || custom.has(domain)) continue;
      if ([...localFunctions].some((f) => f.startsWith(`${domain}:`))) continue;
      custom.set(domain, { ops: /* @__PURE__ */ new Set(), offset });
    }
    for (const [domain, c] of custom) {
      const ops = [...c.ops].slice(0, 8).join(", ");
      out.push(finding(
        "onnx.custom-domain",
        "medium",
        `Custom operator domain "${short(domain, 80)}"${ops ? ` (${ops})` : " is declared"}: running the model needs a native custom-op library`,
        {
          file: ctx.path,
          offset: base + c.offset,
          evidence: short(domain, 200),
          help: "onnxruntime runs custom operators from a shared library the user registers (register_custom_ops_library); that library is native code. Find out which library provides this domain and review it."
        }
      ));
    }
  }
}

// src/scan/formats/tf-ops.ts
var PYTHON = ["PyFunc", "PyFuncStateless", "EagerPyFunc"];
var FILE_READ = [
  "ReadFile",
  "MatchingFiles",
  "ImmutableConst",
  "WholeFileReader",
  "WholeFileReaderV2",
  "TextLineReader",
  "TextLineReaderV2",
  "FixedLengthRecordReader",
  "FixedLengthRecordReaderV2",
  "TFRecordReader",
  "TFRecordReaderV2",
  "LMDBReader",
  "IdentityReader",
  "IdentityReaderV2",
  "InitializeTableFromTextFile",
  "InitializeTableFromTextFileV2",
  "TFRecordDataset",
  "TFRecordDatasetV2",
  "TextLineDataset",
  "FixedLengthRecordDataset",
  "FixedLengthRecordDatasetV2",
  "CSVDataset",
  "CSVDatasetV2",
  "ExperimentalCSVDataset",
  "LMDBDataset",
  "ExperimentalLMDBDataset",
  "SqlDataset",
  "ExperimentalSqlDataset",
  "LoadDataset",
  "LoadAndRemapMatrix",
  "GenerateVocabRemapping",
  "DecodeProtoV2",
  "EncodeProto",
  "ParseExampleDatasetV2",
  "ReaderReadV2",
  "ReaderRead",
  "ReaderReadUpTo",
  "ReaderReadUpToV2",
  "ReaderRestoreState",
  "ReaderRestoreStateV2"
];
var FILE_WRITE = [
  "WriteFile",
  "CreateSummaryFileWriter",
  "CreateSummaryDbWriter",
  "DatasetToTFRecord",
  "ExperimentalDatasetToTFRecord",
  "SaveDataset",
  "SaveDatasetV2",
  "SnapshotDataset",
  "SnapshotDatasetV2",
  "SnapshotDatasetReader",
  "CacheDataset",
  "CacheDatasetV2",
  "DebugIdentity",
  "DebugIdentityV2",
  "DebugIdentityV3",
  "DebugNanCount",
  "DebugNumericSummary",
  "DebugNumericSummaryV2",
  "WriteAudioSummary",
  "WriteGraphSummary",
  "WriteHistogramSummary",
  "WriteImageSummary",
  "WriteRawProtoSummary",
  "WriteScalarSummary",
  "WriteSummary",
  "ImportEvent"
];
var NETWORK = [
  "Rpc",
  "TryRpc",
  "RpcCall",
  "RpcClient",
  "RpcServer",
  "RpcServerStart",
  "RpcServerRegister",
  "RpcCheckStatus",
  "RpcGetValue",
  "DataServiceDataset",
  "DataServiceDatasetV2",
  "DataServiceDatasetV3",
  "DataServiceDatasetV4",
  "RegisterDataset",
  "RegisterDatasetV2",
  "BigQueryReader",
  "GenerateBigQueryReaderPartitions"
];
var SAVER = ["Save", "SaveV2", "SaveSlices", "Restore", "RestoreV2", "RestoreSlice", "MergeV2Checkpoints", "ShardedFilename", "ShardedFilespec"];
var TABLE = new Map([
  ...PYTHON.map((o) => [o, "python"]),
  ...FILE_READ.map((o) => [o, "file-read"]),
  ...FILE_WRITE.map((o) => [o, "file-write"]),
  ...NETWORK.map((o) => [o, "network"]),
  ...SAVER.map((o) => [o, "saver"])
]);
function opRisk(op) {
  return TABLE.get(op);
}
var RISK_TEXT = {
  python: "calls a Python function registered in the loading process",
  "file-read": "reads files when the graph runs",
  "file-write": "writes files when the graph runs",
  network: "talks to the network when the graph runs",
  saver: "saves or restores a checkpoint"
};
function looksLikeOutsidePath(s) {
  return /^(\/|[A-Za-z]:[\\/]|\\\\|~|file:|gs:|s3:|hdfs:|https?:|ftp:|ram:)/i.test(s) || /(^|[\\/])\.\.([\\/]|$)/.test(s);
}
function customNamespace(op) {
  const i = op.indexOf(">");
  return i > 0 ? op.slice(0, i) : void 0;
}

// src/scan/formats/tensorflow.ts
var NAME2 = 1024;
var tensorProto = { name: "TensorProto", fields: { 8: { kind: "string", name: "string_val", max: 4096, maxCount: 64 } } };
var listValue = { name: "ListValue", fields: { 2: { kind: "string", name: "s", max: 4096, maxCount: 64 }, 8: { kind: "message", name: "tensor", schema: () => tensorProto, collect: true } } };
var attrValue = {
  name: "AttrValue",
  fields: {
    1: { kind: "message", name: "list", schema: () => listValue, collect: true },
    2: { kind: "string", name: "s", max: 4096 },
    8: { kind: "message", name: "tensor", schema: () => tensorProto, collect: true }
  }
};
var attrEntry = { name: "AttrEntry", fields: { 1: { kind: "string", name: "key", max: 256 }, 2: { kind: "message", name: "value", schema: () => attrValue, collect: true } } };
var nodeDef = {
  name: "NodeDef",
  fields: {
    1: { kind: "string", name: "name", max: NAME2 },
    2: { kind: "string", name: "op", max: NAME2 },
    5: { kind: "message", name: "attr", schema: () => attrEntry, collect: true }
  }
};
var opDef = { name: "OpDef", fields: { 1: { kind: "string", name: "name", max: NAME2 } } };
var functionDef = { name: "FunctionDef", fields: { 1: { kind: "message", name: "signature", schema: () => opDef, collect: true }, 3: { kind: "message", name: "node_def", schema: () => nodeDef } } };
var library = { name: "FunctionDefLibrary", fields: { 1: { kind: "message", name: "function", schema: () => functionDef } } };
var TF_GRAPH_DEF = { name: "GraphDef", fields: { 1: { kind: "message", name: "node", schema: () => nodeDef }, 2: { kind: "message", name: "library", schema: () => library } } };
var metaInfo = { name: "MetaInfoDef", fields: { 4: { kind: "string", name: "tags", max: 256 }, 5: { kind: "string", name: "tensorflow_version", max: 64 } } };
var metaGraph = { name: "MetaGraphDef", fields: { 1: { kind: "message", name: "meta_info_def", schema: () => metaInfo }, 2: { kind: "message", name: "graph_def", schema: () => TF_GRAPH_DEF } } };
var TF_SAVED_MODEL = { name: "SavedModel", fields: { 1: { kind: "varint", name: "saved_model_schema_version" }, 2: { kind: "message", name: "meta_graphs", schema: () => metaGraph } } };
var short2 = (s, n = 120) => s.length > n ? `${s.slice(0, n)}\u2026` : s;
var IDENT = /^[A-Za-z_][\w>.]*$/;
function interpretation(root, at) {
  const nodes = [];
  const ops = /* @__PURE__ */ new Map();
  const functions = /* @__PURE__ */ new Set();
  let nodeCount = 0;
  let graphs = 0;
  let tfVersion;
  const pathStrings = /* @__PURE__ */ new Set();
  const flagged = [];
  let failure;
  const reader = new PbReader(at, {
    leave(m, stack) {
      if (m.schema === nodeDef) {
        nodeCount++;
        const op = pbText(m, "op") ?? "";
        const note = { op, name: pbText(m, "name") ?? "", offset: m.offset, attrs: /* @__PURE__ */ new Map(), strings: [] };
        for (const e of m.children.attr ?? []) {
          const key = pbText(e, "key") ?? "";
          const values = [];
          for (const v of e.children.value ?? []) {
            values.push(...pbTexts(v, "s"));
            for (const l of v.children.list ?? []) values.push(...pbTexts(l, "s"));
            for (const t of [...v.children.tensor ?? [], ...(v.children.list ?? []).flatMap((l) => l.children.tensor ?? [])]) note.strings.push(...pbTexts(t, "string_val"));
          }
          note.attrs.set(key, values);
        }
        for (const s of note.strings) if (looksLikeOutsidePath(s) && pathStrings.size < 50) pathStrings.add(short2(s, 200));
        if (!ops.has(op) && ops.size < 1e5) ops.set(op, note);
        if (opRisk(op) !== void 0 && opRisk(op) !== "saver" || op === "PrintV2" || customNamespace(op)) {
          if (flagged.length < 200) flagged.push(note);
        } else if (opRisk(op) === "saver" && nodes.length < 200) nodes.push(note);
      } else if (m.schema === opDef && stack[stack.length - 1]?.schema === functionDef) {
        functions.add(pbText(m, "name") ?? "");
      } else if (m.schema === TF_GRAPH_DEF) {
        graphs++;
      } else if (m.schema === metaInfo) {
        tfVersion ??= pbText(m, "tensorflow_version");
      }
    }
  });
  return {
    reader,
    *parse() {
      try {
        yield* reader.message(root, void 0, []);
      } catch (err2) {
        if (!(err2 instanceof PbError)) throw err2;
        failure = err2;
      }
    },
    result() {
      const named = [...ops.keys()].filter((o) => o !== "");
      const recognised = nodeCount > 0 && named.length > 0 && named.every((o) => IDENT.test(o)) && (root !== TF_SAVED_MODEL || graphs > 0);
      return { recognised, failure, flagged, savers: nodes, pathStrings, ops: named, functions, nodeCount, tfVersion };
    }
  };
}
function createTensorFlowScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const saved = interpretation(TF_SAVED_MODEL, () => savedFeeder.offset);
  const graph2 = interpretation(TF_GRAPH_DEF, () => graphFeeder.offset);
  const savedFeeder = new Feeder(saved.parse());
  const graphFeeder = new Feeder(graph2.parse());
  return {
    push(c) {
      savedFeeder.push(c);
      graphFeeder.push(c);
    },
    end() {
      savedFeeder.end();
      graphFeeder.end();
      const findings = [];
      const formats = [];
      let complete = true;
      const details = {};
      for (const [label, r] of [["tf-savedmodel", saved.result()], ["tf-graphdef", graph2.result()]]) {
        if (!r.recognised) continue;
        formats.push(label);
        details[label === "tf-savedmodel" ? "savedModel" : "graphDef"] = { nodes: r.nodeCount, ops: r.ops.slice(0, 200), functions: r.functions.size, ...r.tfVersion ? { tensorflowVersion: r.tfVersion } : {} };
        if (r.failure) {
          complete = false;
          findings.push(finding(r.failure.limit ? "tf.not-examined" : "tf.invalid", "high", `${label === "tf-savedmodel" ? "SavedModel" : "GraphDef"} ${r.failure.limit ? "not fully examined" : "is not valid protobuf"}: ${r.failure.message}`, {
            file: ctx.path,
            offset: base + r.failure.offset,
            help: r.failure.limit ? "Review the graph by hand." : "TensorFlow refuses these bytes, so they are not the graph they claim to be; do not approve the file."
          }));
        }
        judge(r, findings);
      }
      if (!formats.includes("tf-savedmodel")) details.notFormats = ["tf-savedmodel"];
      const seen = /* @__PURE__ */ new Set();
      const unique = findings.filter((f) => {
        const k = `${f.check}|${f.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return { formats, findings: unique, complete, details };
    }
  };
  function judge(r, out) {
    const byOp = /* @__PURE__ */ new Map();
    for (const n of r.flagged) byOp.set(n.op, [...byOp.get(n.op) ?? [], n]);
    for (const [op, list2] of byOp) {
      const first = list2[0];
      const names = list2.slice(0, 5).map((n) => short2(n.name, 60)).join(", ");
      const ns = customNamespace(op);
      if (ns) {
        out.push(finding("tf.custom-op", "medium", `Op ${short2(op, 80)} comes from the custom-op library "${short2(ns, 40)}": running the graph needs that native library loaded`, {
          file: ctx.path,
          offset: base + first.offset,
          evidence: names,
          help: "Custom ops are native code loaded with tf.load_op_library; find out which library provides them and review it."
        }));
        continue;
      }
      if (op === "PrintV2") {
        const streams = list2.flatMap((n) => n.attrs.get("output_stream") ?? []).filter((s) => /^file:/i.test(s));
        if (streams.length === 0) continue;
        out.push(finding("tf.file-op", "high", `PrintV2 writes to ${short2(streams[0])} when the graph runs (node ${names})`, {
          file: ctx.path,
          offset: base + first.offset,
          evidence: short2(streams.join(", "), 200),
          help: "A model graph has no reason to write files; do not approve it."
        }));
        continue;
      }
      const risk = opRisk(op);
      if (!risk) continue;
      const where = [...new Set(list2.flatMap((n) => [...n.strings, ...[...n.attrs.values()].flat()]).filter(looksLikeOutsidePath))].slice(0, 3);
      out.push(finding(
        risk === "python" ? "tf.python-op" : risk === "network" ? "tf.network-op" : "tf.file-op",
        "high",
        `Op ${op} ${RISK_TEXT[risk]} (node${list2.length > 1 ? "s" : ""} ${names}${list2.length > 5 ? ", \u2026" : ""})${where.length ? `; paths: ${where.map((w) => short2(w, 80)).join(", ")}` : ""}`,
        {
          file: ctx.path,
          offset: base + first.offset,
          evidence: names,
          help: risk === "python" ? "py_function/numpy_function ops run whatever Python the loading process registered under that token; a shared model must not depend on them. Do not approve it." : "Serving this model would reach outside its tensors. Find out why the graph does this; do not approve it otherwise."
        }
      ));
    }
    if (r.savers.length > 0 && r.pathStrings.size > 0) {
      const paths = [...r.pathStrings].slice(0, 3);
      out.push(finding("tf.file-path", "high", `The graph has checkpoint ops (${[...new Set(r.savers.map((n) => n.op))].slice(0, 4).join(", ")}) and spells out a path outside the model: ${paths.map((p) => short2(p, 80)).join(", ")}`, {
        file: ctx.path,
        offset: base + r.savers[0].offset,
        evidence: paths.join(", "),
        help: "SavedModels restore from their own variables/ folder, fed at load time; a literal absolute, parent or remote path makes the graph read or write elsewhere. Do not approve it."
      }));
    }
  }
}

// src/scan/formats/protobuf-models.ts
var protobufModelsPlugin = {
  format: "onnx",
  claims: (head, ctx) => isProtobufWire(head, ctx.size !== void 0 && head.length >= ctx.size),
  create(ctx, opts) {
    const scanners = [createOnnxScanner(ctx, opts), createTensorFlowScanner(ctx, opts)];
    return {
      push(c) {
        for (const s of scanners) s.push(c);
      },
      end() {
        const outcomes = scanners.map((s) => s.end());
        const refuted = outcomes.flatMap((o) => Array.isArray(o.details?.notFormats) ? o.details.notFormats : []);
        const merged = mergeOutcomes(outcomes);
        const details = { ...merged.details ?? {} };
        delete details.notFormats;
        if (refuted.length > 0) details.notFormats = [...new Set(refuted)];
        return { ...merged, details };
      }
    };
  },
  // Neither format carries code: their dangers (file references, Python-calling ops) are findings of their own.
  dataOnly: true
};

// src/scan/formats/crc32c.ts
var TABLE2 = (() => {
  const t = new Uint32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 2197175160 ^ c >>> 1 : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let s = 1; s < 4; s++) {
      c = t[c & 255] ^ c >>> 8;
      t[s * 256 + n] = c >>> 0;
    }
  }
  return t;
})();
function crc32c(b, crc = 0) {
  let c = ~crc >>> 0;
  let i = 0;
  const n4 = b.length - b.length % 4;
  for (; i < n4; i += 4) {
    c ^= b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24;
    c = TABLE2[768 + (c & 255)] ^ TABLE2[512 + (c >>> 8 & 255)] ^ TABLE2[256 + (c >>> 16 & 255)] ^ TABLE2[c >>> 24];
  }
  for (; i < b.length; i++) c = TABLE2[(c ^ b[i]) & 255] ^ c >>> 8;
  return ~c >>> 0;
}
function maskCrc(crc) {
  return ((crc >>> 15 | crc << 17) >>> 0) + 2726488792 >>> 0;
}

// src/scan/formats/tfrecord.ts
var EVENT_HEAD = 4096;
function eventFileVersion(b) {
  let i = 0;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 10 && i < b.length; k++) {
      const c = b[i++];
      v += (c & 127) * mul;
      mul *= 128;
      if ((c & 128) === 0) return v;
    }
    return void 0;
  };
  while (i < b.length) {
    const key = varint();
    if (key === void 0) return void 0;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) {
      if (varint() === void 0) return void 0;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const n = varint();
      if (n === void 0 || i + n > b.length) return void 0;
      if (field === 3) return new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(i, i + n));
      i += n;
    } else return void 0;
  }
  return void 0;
}
function createTfRecordScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const findings = [];
  let complete = true;
  let records = 0;
  let fileVersion;
  let total = 0;
  const invalid = (message, offset) => {
    complete = false;
    findings.push(finding("tfrecord.invalid", "high", `Not a valid TFRecord file: ${message}`, {
      file: ctx.path,
      offset: base + offset,
      help: "TensorFlow and TensorBoard refuse a record whose checksum does not match, so these bytes are not what they claim; do not approve the file."
    }));
  };
  function* parse2() {
    for (; ; ) {
      const at = feeder.offset;
      const h = yield { read: 12 };
      if (!h) return;
      const len = u64le(h, 0);
      if (maskCrc(crc32c(h.subarray(0, 8))) !== u32le(h, 8)) return invalid(`record #${records} has a length checksum that does not match`, at);
      if (len > BigInt(Number.MAX_SAFE_INTEGER)) return invalid(`record #${records} claims ${len} bytes`, at);
      const n = Number(len);
      let crc = 0;
      let kept = 0;
      const first = records === 0 ? new Uint8Array(Math.min(n, EVENT_HEAD)) : void 0;
      const r = yield {
        pipe: n,
        to: (c) => {
          crc = crc32c(c, crc);
          if (first && kept < first.length) {
            const k = Math.min(c.length, first.length - kept);
            first.set(c.subarray(0, k), kept);
            kept += k;
          }
        }
      };
      const f = r ? yield { read: 4 } : void 0;
      if (!r || !f) {
        findings.push(finding("tfrecord.truncated", "low", `The last record (#${records}) is cut short: ${n} bytes announced at offset ${at}, the file ends first`, {
          file: ctx.path,
          offset: base + at,
          help: "Readers stop at a cut record (a file copied while it was being written looks like this). Nothing after it is read by them."
        }));
        return;
      }
      if (maskCrc(crc) !== u32le(f, 0)) return invalid(`record #${records} has a data checksum that does not match`, at + 12 + n);
      if (first) fileVersion = eventFileVersion(first);
      records++;
    }
  }
  const feeder = new Feeder(parse2());
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      if (complete && feeder.offset < total && !findings.some((f) => f.check === "tfrecord.truncated")) {
        findings.push(finding("tfrecord.truncated", "low", `${total - feeder.offset} bytes after the last record are too short to be a record header`, {
          file: ctx.path,
          offset: base + feeder.offset,
          help: "Readers stop there (a file copied while it was being written looks like this)."
        }));
      }
      const events = fileVersion?.startsWith("brain.Event:") === true;
      return {
        formats: events ? ["tfrecord", "tensorboard-events"] : ["tfrecord"],
        findings,
        complete,
        details: { tfrecord: { records, ...fileVersion !== void 0 ? { fileVersion: fileVersion.slice(0, 64) } : {} } }
      };
    }
  };
}
function looksLikeTfRecord(head, size) {
  if (head.length < 12) return false;
  if (maskCrc(crc32c(head.subarray(0, 8))) !== u32le(head, 8)) return false;
  return size === void 0 || u64le(head, 0) + 16n <= BigInt(size);
}
var tfrecordPlugin = {
  format: "tfrecord",
  claims: (head, ctx) => looksLikeTfRecord(head, ctx.size),
  create: (ctx, opts) => createTfRecordScanner(ctx, opts),
  dataOnly: true
};

// src/scan/formats/tflite.ts
var TFLITE_MAX_KEPT = 64 * 1024 * 1024;
var TFLITE_MAX_BUILTIN = 209;
var CUSTOM = 32;
var BUILTIN_CUSTOM = /* @__PURE__ */ new Set(["TFLite_Detection_PostProcess", "Mfcc", "AudioSpectrogram", "NumericVerify"]);
var MAX_ITEMS2 = 1e6;
var FbError = class extends Error {
  constructor(message, offset, missing = false) {
    super(message);
    this.offset = offset;
    this.missing = missing;
  }
  offset;
  missing;
};
var Sparse = class {
  starts = [];
  runs = [];
  kept = 0;
  add(at, b) {
    if (b.length === 0) return;
    const last = this.runs.length - 1;
    const prevEnd = last >= 0 ? this.starts[last] + this.runs[last].length : -1;
    if (prevEnd === at && this.runs[last].length < 1 << 20) {
      const merged = new Uint8Array(this.runs[last].length + b.length);
      merged.set(this.runs[last]);
      merged.set(b, this.runs[last].length);
      this.runs[last] = merged;
    } else {
      this.starts.push(at);
      this.runs.push(b.slice());
    }
    this.kept += b.length;
  }
  /** `n` bytes at `at`, or undefined when any of them is not kept (yet). */
  get(at, n) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (this.starts[mid] <= at) lo = mid + 1;
      else hi = mid - 1;
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (let i = hi; i >= 0 && i < this.runs.length && o < n; i++) {
      const s = this.starts[i];
      const r = this.runs[i];
      const from = at + o;
      if (from < s || from >= s + r.length) return void 0;
      const k = Math.min(n - o, s + r.length - from);
      out.set(r.subarray(from - s, from - s + k), o);
      o += k;
    }
    return o === n ? out : void 0;
  }
};
var Fb = class {
  constructor(mem, size) {
    this.mem = mem;
    this.size = size;
  }
  mem;
  size;
  bytes(at, n) {
    if (at < 0 || n < 0 || at + n > this.size) throw new FbError(`an offset points outside the file (${at}+${n} of ${this.size})`, at);
    const b = this.mem.get(at, n);
    if (!b) throw new FbError(`bytes at ${at} are tensor data or not there`, at, true);
    return b;
  }
  /** Whether `n` bytes at `at` are kept (arrived and not skipped). */
  has(at, n) {
    return at >= 0 && at + n <= this.size && this.mem.get(at, n) !== void 0;
  }
  u8(at) {
    return this.bytes(at, 1)[0];
  }
  u16(at) {
    const b = this.bytes(at, 2);
    return b[0] | b[1] << 8;
  }
  u32(at) {
    return u32le(this.bytes(at, 4), 0);
  }
  i32(at) {
    return this.u32(at) | 0;
  }
  u64(at) {
    return u64le(this.bytes(at, 8), 0);
  }
  /** The position a uoffset at `at` points to (forward). */
  deref(at) {
    return at + this.u32(at);
  }
  /** Field `k` of the table at `t`: its position, or undefined when absent. */
  field(t, k) {
    const vt = t - this.i32(t);
    const vsize = this.u16(vt);
    const tsize = this.u16(vt + 2);
    if (vsize < 4 || vsize % 2 !== 0) throw new FbError(`a vtable of ${vsize} bytes`, vt);
    if (4 + 2 * k + 2 > vsize) return void 0;
    const off = this.u16(vt + 4 + 2 * k);
    if (off === 0) return void 0;
    if (off >= tsize) throw new FbError(`a field at ${off} past its ${tsize}-byte table`, t);
    return t + off;
  }
  table(t, k) {
    const f = this.field(t, k);
    return f === void 0 ? void 0 : this.deref(f);
  }
  /** A vector field: [position of the first element, length]. */
  vector(t, k, elem) {
    const v = this.table(t, k);
    if (v === void 0) return void 0;
    const n = this.u32(v);
    if (n > MAX_ITEMS2 || v + 4 + n * elem > this.size) throw new FbError(`a vector of ${n} items runs past the file`, v);
    return [v + 4, n];
  }
  string(t, k, max = 4096) {
    const v = this.table(t, k);
    if (v === void 0) return void 0;
    const n = this.u32(v);
    if (v + 4 + n > this.size) throw new FbError("a string runs past the file", v);
    return new TextDecoder("utf-8", { fatal: false }).decode(this.bytes(v + 4, Math.min(n, max)));
  }
};
function createTfliteScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const mem = new Sparse();
  const skips = [];
  let total = 0;
  let over = false;
  let pending = [];
  let buffersVec;
  let size = ctx.size ?? Infinity;
  const fbNow = () => new Fb(mem, Number.isFinite(size) ? size : total);
  const skippedVectors = /* @__PURE__ */ new Set();
  const discover = () => {
    const fb = fbNow();
    if (!buffersVec) {
      try {
        const root = fb.deref(0);
        buffersVec = fb.vector(root, 4, 4) ?? [0, 0];
        pending = Array.from({ length: buffersVec[1] }, (_v, i) => i);
      } catch {
        return;
      }
    }
    const first = buffersVec[0];
    pending = pending.filter((i) => {
      try {
        const bt = fb.deref(first + 4 * i);
        let data;
        let known = true;
        try {
          data = fb.table(bt, 0);
        } catch (err2) {
          if (!(err2 instanceof FbError) || !err2.missing || !fb.has(bt, 8)) throw err2;
          known = false;
          const v = bt + 4 + fb.u32(bt + 4);
          if (v > bt + 4 && v + 4 <= fb.size) data = v;
        }
        if (data !== void 0) {
          const len = fb.u32(data);
          if (len > 0 && addSkip(data + 4, data + 4 + len)) skippedVectors.add(data);
        }
        if (known) {
          const off = fb.field(bt, 1);
          const sz = fb.field(bt, 2);
          if (off !== void 0 && sz !== void 0) {
            const o = Number(fb.u64(off));
            const sLen = Number(fb.u64(sz));
            if (o > 1 && sLen > 0) addSkip(o, o + sLen);
          }
        }
        return false;
      } catch {
        return true;
      }
    });
  };
  const addSkip = (a, b) => {
    if (b <= total || skips.length >= MAX_ITEMS2) return false;
    skips.push([Math.max(a, total), b]);
    skips.sort((x, y) => x[0] - y[0]);
    return true;
  };
  return {
    push(c) {
      const at = total;
      total += c.length;
      if (over) return;
      let from = at;
      const end = at + c.length;
      for (const [a, b] of skips) {
        if (b <= from || a >= end) continue;
        if (a > from) mem.add(from, c.subarray(from - at, a - at));
        from = Math.min(end, b);
      }
      if (from < end) mem.add(from, c.subarray(from - at));
      while (skips.length > 0 && skips[0][1] <= total) skips.shift();
      if (mem.kept > TFLITE_MAX_KEPT) {
        over = true;
        return;
      }
      if (total >= 8) discover();
    },
    end() {
      size = total;
      const findings = [];
      const details = {};
      if (over) {
        findings.push(finding("tflite.not-examined", "high", `The TF Lite model's structure is larger than ${TFLITE_MAX_KEPT} bytes (tensor data aside): it was not examined`, {
          file: ctx.path,
          help: "Review this model by hand."
        }));
        return { formats: ["tflite"], findings, complete: false, details };
      }
      try {
        judge(new Fb(mem, total), findings, details);
      } catch (err2) {
        if (!(err2 instanceof FbError)) throw err2;
        findings.push(finding("tflite.invalid", "high", `Not a valid TF Lite model: ${err2.missing ? `the structure overlaps tensor data (${err2.message})` : err2.message}`, {
          file: ctx.path,
          offset: base + err2.offset,
          help: "The TF Lite verifier refuses such files, and interpreters that skip it read out of bounds (several TF Lite CVEs). Do not approve it."
        }));
        return { formats: ["tflite"], findings, complete: false, details };
      }
      return { formats: ["tflite"], findings, complete: true, details };
    }
  };
  function judge(fb, out, details) {
    if (fb.size < 8) throw new FbError("shorter than a FlatBuffer header", 0);
    const root = fb.deref(0);
    const version = fb.field(root, 0) !== void 0 ? fb.u32(fb.field(root, 0)) : 0;
    const codes = fb.vector(root, 1, 4) ?? [0, 0];
    const ops = [];
    for (let i = 0; i < codes[1]; i++) {
      const t = fb.deref(codes[0] + 4 * i);
      const dep = fb.field(t, 0);
      const cur = fb.field(t, 3);
      const deprecated = dep === void 0 ? 0 : fb.u8(dep) << 24 >> 24;
      const builtin = Math.max(deprecated, cur === void 0 ? 0 : fb.i32(cur));
      const custom = fb.string(t, 1, 256);
      ops.push({ builtin, ...custom !== void 0 ? { custom } : {}, at: t });
    }
    const subgraphs = fb.vector(root, 2, 4) ?? [0, 0];
    let operators = 0;
    for (let g = 0; g < subgraphs[1]; g++) {
      const sg = fb.deref(subgraphs[0] + 4 * g);
      const list2 = fb.vector(sg, 3, 4) ?? [0, 0];
      for (let i = 0; i < list2[1]; i++) {
        const op = fb.deref(list2[0] + 4 * i);
        const idxAt = fb.field(op, 0);
        const idx = idxAt === void 0 ? 0 : fb.u32(idxAt);
        if (idx >= ops.length) throw new FbError(`operator #${i} of subgraph #${g} uses operator code ${idx}, but there are ${ops.length}`, op);
        operators++;
      }
    }
    const buffers = fb.vector(root, 4, 4) ?? [0, 0];
    const dataVectors = /* @__PURE__ */ new Set();
    for (let i = 0; i < buffers[1]; i++) {
      const bt = fb.deref(buffers[0] + 4 * i);
      const data = fb.table(bt, 0);
      if (data !== void 0) dataVectors.add(data);
      if (data !== void 0 && data + 4 + fb.u32(data) > fb.size) throw new FbError(`buffer #${i} runs past the file`, data);
      const off = fb.field(bt, 1);
      const sz = fb.field(bt, 2);
      if (off !== void 0 && sz !== void 0 && fb.u64(off) > 1n && fb.u64(off) + fb.u64(sz) > BigInt(fb.size)) {
        throw new FbError(`buffer #${i} points at bytes ${fb.u64(off)}..${fb.u64(off) + fb.u64(sz)} past the file`, off);
      }
    }
    for (const v of skippedVectors) {
      if (!dataVectors.has(v)) throw new FbError(`the bytes after offset ${v} looked like a buffer's data and were not kept, but no buffer points there`, v);
    }
    details.tflite = { version, operatorCodes: ops.length, operators, subgraphs: subgraphs[1], structureBytes: mem.kept };
    for (const op of ops) judgeOp(op, out);
  }
  function judgeOp(op, out) {
    if (op.builtin < 0) throw new FbError(`builtin operator code ${op.builtin}`, op.at);
    if (op.builtin !== CUSTOM) {
      if (op.builtin > TFLITE_MAX_BUILTIN) {
        out.push(finding("tflite.unknown-builtin", "medium", `Builtin operator code ${op.builtin} is beyond the TF Lite schema Model Gate knows (up to ${TFLITE_MAX_BUILTIN})`, {
          file: ctx.path,
          offset: base + op.at,
          help: "A newer converter may write it; an interpreter that does not know it refuses the model, one that mis-dispatches it runs the wrong kernel. Check which TF Lite version wrote the model."
        }));
      }
      return;
    }
    const name = op.custom ?? "";
    if (name.startsWith("Flex")) {
      const tfOp = name.slice(4);
      const risk = opRisk(tfOp);
      if (risk && risk !== "saver") {
        out.push(finding(risk === "python" ? "tflite.flex-python-op" : "tflite.flex-op", "high", `Flex op ${name} runs TensorFlow's ${tfOp}, which ${RISK_TEXT[risk]}`, {
          file: ctx.path,
          offset: base + op.at,
          evidence: name,
          help: "With the Flex delegate (select TF ops) the interpreter runs this TensorFlow op. A model has no reason to; do not approve it."
        }));
      }
      return;
    }
    if (BUILTIN_CUSTOM.has(name)) return;
    out.push(finding("tflite.custom-op", "medium", `Custom operator "${name.slice(0, 80)}": the application must register a native kernel for it`, {
      file: ctx.path,
      offset: base + op.at,
      evidence: name.slice(0, 200),
      help: "TF Lite runs custom operators with kernels the app links in; find out which library provides this one and review it."
    }));
  }
}
var tflitePlugin = {
  format: "tflite",
  claims: (head) => head.length >= 8 && startsWith(head, "TFL3", 4) && u32le(head, 0) >= 8,
  create: (ctx, opts) => createTfliteScanner(ctx, opts),
  dataOnly: true
};

// src/scan/formats/xgboost.ts
var FormatError3 = class extends Error {
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
  offset;
};
var UBJ_MAX_DEPTH = 1e3;
var MAX_NAME = 64 * 1024;
var bigToNumber = (v, at, what) => {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError3(`${what} of ${v}`, at);
  return Number(v);
};
function* readN3(s, n, what) {
  const from = s.at();
  if (n > s.left()) throw new FormatError3(`${what} needs ${n} bytes at offset ${from}, only ${s.left()} remain`, from);
  const b = yield { read: n };
  if (!b) throw new FormatError3(`the stream ends inside ${what}`, from);
  return b;
}
function* skipN3(s, n, what) {
  const from = s.at();
  if (n > s.left()) throw new FormatError3(`${what} of ${n} bytes at offset ${from} runs past the end (${s.left()} bytes remain)`, from);
  if (n === 0) return;
  const r = yield { pipe: n };
  if (!r) throw new FormatError3(`the stream ends inside ${what}`, from);
}
var UBJ_SIZE = { i: 1, U: 1, I: 2, l: 4, L: 8, d: 4, D: 8, C: 1, Z: 0, T: 0, F: 0 };
function* ubjInt(s, marker, what) {
  const at = s.at();
  const size = { i: 1, U: 1, I: 2, l: 4, L: 8 }[marker];
  if (size === void 0) throw new FormatError3(`${what} has marker "${printable(marker)}", not an integer type`, at);
  const b = yield* readN3(s, size, what);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const v = marker === "i" ? dv.getInt8(0) : marker === "U" ? dv.getUint8(0) : marker === "I" ? dv.getInt16(0) : marker === "l" ? dv.getInt32(0) : dv.getBigInt64(0);
  if (typeof v === "bigint") return bigToNumber(v, at, what);
  if (v < 0) throw new FormatError3(`${what} of ${v}`, at);
  return v;
}
function printable(c) {
  return /^[\x20-\x7e]$/.test(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
}
function* ubjMarker(s, what) {
  return String.fromCharCode((yield* readN3(s, 1, what))[0]);
}
function* ubjString(s, what, keep = 0) {
  const n = yield* ubjInt(s, yield* ubjMarker(s, `${what} length`), `${what} length`);
  if (keep > 0 && n <= keep) return yield* readN3(s, n, what);
  yield* skipN3(s, n, what);
  return void 0;
}
function* ubjValue(s, marker, depth, keys) {
  let m = marker;
  while (m === "N") m = yield* ubjMarker(s, "a value");
  const at = s.at() - 1;
  switch (m) {
    case "Z":
    case "T":
    case "F":
      return;
    case "i":
    case "U":
    case "C":
    case "I":
    case "l":
    case "L":
    case "d":
    case "D":
      yield* skipN3(s, UBJ_SIZE[m], "a number");
      return;
    case "S":
    case "H":
      yield* ubjString(s, m === "S" ? "a string" : "a high-precision number");
      return;
    case "[":
    case "{":
      yield* ubjContainer(s, m === "{", depth + 1, keys);
      return;
    default:
      throw new FormatError3(`unknown UBJSON marker "${printable(m)}"`, at);
  }
}
function* ubjContainer(s, object, depth, keys) {
  if (depth > UBJ_MAX_DEPTH) throw new FormatError3(`containers nested more than ${UBJ_MAX_DEPTH} deep`, s.at());
  let type;
  let count2;
  let m = yield* ubjMarker(s, "a container");
  if (m === "$") {
    type = yield* ubjMarker(s, "a container type");
    if (type === "N" || type === "$" || type === "#") throw new FormatError3(`"${type}" cannot be a container's element type`, s.at() - 1);
    m = yield* ubjMarker(s, "a container count");
    if (m !== "#") throw new FormatError3('a typed container without a count ("$" must be followed by "#")', s.at() - 1);
  }
  if (m === "#") {
    count2 = yield* ubjInt(s, yield* ubjMarker(s, "a container count"), "a container count");
    const size = type ? UBJ_SIZE[type] : void 0;
    const least = size !== void 0 ? size : 1;
    if (least > 0 && count2 * least > s.left()) throw new FormatError3(`a container of ${count2} elements cannot fit in the ${s.left()} bytes left`, s.at());
    if (!object && size !== void 0) {
      yield* skipN3(s, count2 * size, "a typed array");
      return;
    }
  }
  const one = function* (first) {
    if (object) {
      const n = yield* ubjInt(s, first ?? (yield* ubjMarker(s, "a key length")), "a key length");
      const k = n <= 128 ? yield* readN3(s, n, "a key") : (yield* skipN3(s, n, "a key"), void 0);
      if (keys && k && keys.length < 20) keys.push(new TextDecoder("utf-8", { fatal: false }).decode(k));
    }
    if (type !== void 0) yield* ubjValue(s, type, depth);
    else yield* ubjValue(s, yield* ubjMarker(s, "a value"), depth);
  };
  if (count2 !== void 0) {
    for (let i = 0; i < count2; i++) yield* one(void 0);
    return;
  }
  let pending = m;
  for (; ; ) {
    let c = pending ?? (yield* ubjMarker(s, object ? 'an object (no closing "}")' : 'an array (no closing "]")'));
    pending = void 0;
    while (c === "N") c = yield* ubjMarker(s, "a container");
    if (c === (object ? "}" : "]")) return;
    if (object) yield* one(c);
    else yield* ubjValue(s, c, depth);
  }
}
function learnerParam(b, o) {
  const extraAttrs = u32le(b, o + 12);
  const evalMetrics = u32le(b, o + 16);
  const major = u32le(b, o + 20);
  const minor = u32le(b, o + 24);
  if (extraAttrs > 1 || evalMetrics > 1) return "flags that are neither 0 nor 1";
  if (major > 100 || minor > 1e3) return `version ${major}.${minor}`;
  for (let i = o + 36; i < o + 136; i++) if (b[i] !== 0) return "non-zero reserved bytes";
  return { extraAttrs, major, minor };
}
var BOOSTERS = /* @__PURE__ */ new Set(["gbtree", "dart", "gblinear"]);
function* dmlcString(s, what) {
  const at = s.at();
  const n = bigToNumber(u64le(yield* readN3(s, 8, `${what} length`), 0), at, `${what} length`);
  if (n > MAX_NAME) throw new FormatError3(`${what} of ${n} bytes`, at);
  return new TextDecoder("utf-8", { fatal: false }).decode(yield* readN3(s, n, what));
}
function* binaryModel(s, details) {
  let h = yield* readN3(s, 4, "the header");
  const binf = startsWith(h, "binf");
  const rest = yield* readN3(s, binf ? 136 : 132, "the learner parameters");
  const param = binf ? rest : new Uint8Array([...h, ...rest]);
  h = param;
  const p = learnerParam(h, 0);
  if (typeof p === "string") throw new FormatError3(`the learner parameters have ${p}`, binf ? 4 : 0);
  const objective = yield* dmlcString(s, "the objective name");
  const booster = yield* dmlcString(s, "the booster name");
  details.xgboost = { format: "binary", version: `${p.major}.${p.minor}`, objective: objective.slice(0, 64), booster: booster.slice(0, 32) };
  if (!BOOSTERS.has(booster)) throw new FormatError3(`booster "${booster.slice(0, 40)}" is not one xgboost has (gbtree, dart, gblinear)`, s.at());
  if (booster === "gblinear") {
    yield* readN3(s, 136, "the linear model parameters");
    yield* floatVector(s, "the linear weights");
  } else {
    const at = s.at();
    const g = yield* readN3(s, 160, "the tree model parameters");
    const trees = u32le(g, 0) | 0;
    if (trees < 0 || trees * 148 > s.left()) throw new FormatError3(`${trees} trees cannot fit in the ${s.left()} bytes left`, at);
    for (let t = 0; t < trees; t++) {
      const tAt = s.at();
      const tp = yield* readN3(s, 148, `tree #${t}`);
      const nodes = u32le(tp, 4) | 0;
      if (nodes <= 0 || nodes * 36 > s.left()) throw new FormatError3(`tree #${t} claims ${nodes} nodes`, tAt);
      yield* skipN3(s, nodes * 20, `the nodes of tree #${t}`);
      yield* skipN3(s, nodes * 16, `the node statistics of tree #${t}`);
    }
    yield* skipN3(s, trees * 4, "the tree info");
    if (booster === "dart" && trees !== 0) yield* floatVector(s, "the dart weights");
  }
  if (p.extraAttrs !== 0) {
    const at = s.at();
    const n = bigToNumber(u64le(yield* readN3(s, 8, "the attribute count"), 0), at, "the attribute count");
    if (n * 16 > s.left()) throw new FormatError3(`${n} attributes cannot fit in the ${s.left()} bytes left`, at);
    for (let i = 0; i < n; i++) {
      yield* dmlcString(s, `attribute #${i} name`);
      yield* dmlcString(s, `attribute #${i} value`);
    }
  }
}
function* floatVector(s, what) {
  const at = s.at();
  const n = bigToNumber(u64le(yield* readN3(s, 8, `${what} length`), 0), at, `${what} length`);
  yield* skipN3(s, n * 4, what);
}
function createScanner2(ctx, opts, kind) {
  const base = opts.baseOffset ?? 0;
  const findings = [];
  const details = {};
  const keys = [];
  let failure;
  let total = 0;
  const s = { at: () => feeder.offset, left: () => ctx.size === void 0 ? Infinity : ctx.size - feeder.offset };
  function* parse2() {
    try {
      if (kind === "ubj") {
        const m = yield* ubjMarker(s, "the document");
        yield* ubjValue(s, m, 0, keys);
        details.xgboost = { format: "ubjson", keys };
      } else yield* binaryModel(s, details);
    } catch (err2) {
      if (!(err2 instanceof FormatError3)) throw err2;
      failure = err2;
    }
  }
  const feeder = new Feeder(parse2());
  const label = kind === "ubj" ? "UBJSON" : "binary";
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      let complete = true;
      if (!failure && feeder.offset < total) failure = new FormatError3(`${total - feeder.offset} bytes follow the model, which xgboost never reads`, feeder.offset);
      if (failure) {
        complete = false;
        findings.push(finding("xgboost.invalid", "high", `Not a valid XGBoost ${label} model: ${failure.message}`, {
          file: ctx.path,
          offset: base + failure.offset,
          help: kind === "ubj" ? "xgboost 1.7 reads UBJSON lengths without checking them against the file, so a model that is not well-formed makes it read past its buffer. Not what xgboost writes; do not approve it." : "Not what xgboost writes: xgboost refuses it or reads something other than the model. Do not approve it."
        }));
      }
      return { formats: [kind === "ubj" ? "xgboost-ubj" : "xgboost-binary"], findings, complete, details };
    }
  };
}
function looksLikeXgboostUbj(head) {
  if (head.length < 3 || head[0] !== 123) return false;
  const m = String.fromCharCode(head[1]);
  const size = { i: 1, U: 1, I: 2, l: 4, L: 8 }[m];
  if (size === void 0 || head.length < 2 + size) return false;
  let n = 0;
  for (let k = 0; k < size; k++) n = n * 256 + head[2 + k];
  if (n === 0 || n > 1024) return false;
  const key = head.subarray(2 + size, 2 + size + n);
  return [...key].every((c) => c >= 32 && c < 127);
}
function looksLikeXgboostBinary(head) {
  const o = startsWith(head, "binf") ? 4 : 0;
  if (head.length < o + 144) return false;
  if (typeof learnerParam(head, o) === "string") return false;
  const n = u64le(head, o + 136);
  if (n === 0n || n > 256n) return false;
  const name = head.subarray(o + 144, o + 144 + Number(n));
  return name.length === Number(n) && [...name].every((c) => c > 32 && c < 127);
}
var xgboostUbjPlugin = {
  format: "xgboost-ubj",
  claims: (head) => looksLikeXgboostUbj(head),
  create: (ctx, opts) => createScanner2(ctx, opts, "ubj"),
  dataOnly: true
};
var xgboostBinaryPlugin = {
  format: "xgboost-binary",
  claims: (head) => looksLikeXgboostBinary(head),
  create: (ctx, opts) => createScanner2(ctx, opts, "binary"),
  dataOnly: true
};

// src/scan/formats/torchscript.ts
var TORCH_NAMESPACES = /* @__PURE__ */ new Set([
  "aten",
  "prim",
  "prims",
  "quantized",
  "_quantized",
  "quantized_decomposed",
  "_caffe2",
  "profiler",
  "cuda",
  "mkldnn",
  "mkl",
  "onednn",
  "xnnpack",
  "vulkan_prepack",
  "_nnapi",
  "sparse",
  "c10d",
  "_c10d_functional",
  "_dtensor",
  "inductor",
  "higher_order",
  "debugprims",
  "rngprims",
  "fbgemm",
  "quantized_ops"
]);
var LIBRARY_NAMESPACES = { torchvision: "torchvision", torchaudio: "torchaudio", torchtext: "torchtext" };
var HOST_OPS = {
  save: "writes a file (aten::save)",
  from_file: "reads a file into a tensor (aten::from_file)",
  _load_for_mobile: "loads another model file",
  rpc_sync: "calls another host (torch.distributed.rpc)",
  rpc_async: "calls another host (torch.distributed.rpc)",
  remote: "calls another host (torch.distributed.rpc)"
};
var CODE_MEMBER = /!\/(?:[^/]+\/)?code\/__torch__\/[^!]*\.py$/;
var OPS = /\bops\.([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/g;
var CLASSES = /\btorch\.classes\.([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/g;
var HOST = /\b(?:torch|ops\.aten)\.(save|from_file|_load_for_mobile|rpc_sync|rpc_async|remote)\s*\(/g;
function analyzeTorchScript(path2, text) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  let newlines;
  const lineOf2 = (at) => {
    if (!newlines) {
      newlines = [];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
    }
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if ((newlines[mid] ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const add = (key, make2) => {
    if (seen.has(key) || seen.size >= 200) return;
    seen.add(key);
    out.push(make2());
  };
  for (const m of text.matchAll(OPS)) {
    const ns = m[1] ?? "";
    if (TORCH_NAMESPACES.has(ns)) continue;
    const lib = LIBRARY_NAMESPACES[ns];
    add(`op:${ns}`, () => finding(
      `torchscript.${lib ? "library-op" : "custom-op"}`,
      lib ? "medium" : "high",
      lib ? `TorchScript calls ${lib}'s native operator ops.${ns}.${m[2] ?? ""}: it loads only where ${lib} is installed` : `TorchScript calls ops.${ns}.${m[2] ?? ""}: operator namespace \`${ns}\` exists only after a native library registered it`,
      {
        file: path2,
        line: lineOf2(m.index ?? 0),
        evidence: m[0],
        help: lib ? `Check that the model needs ${lib}'s operators.` : "Find which native library provides this namespace (torch.ops.load_library) and review it: its code runs when the model is called."
      }
    ));
  }
  for (const m of text.matchAll(CLASSES)) {
    add(`class:${m[1] ?? ""}`, () => finding("torchscript.custom-class", "high", `TorchScript uses torch.classes.${m[1] ?? ""}.${m[2] ?? ""}: a custom C++ class a native library must register`, {
      file: path2,
      line: lineOf2(m.index ?? 0),
      evidence: m[0],
      help: "Find the native library that registers this class and review it: its methods run inside the model."
    }));
  }
  for (const m of text.matchAll(HOST)) {
    const op = m[1] ?? "";
    add(`host:${op}`, () => finding("torchscript.host-op", "high", `TorchScript calls ${op}: it ${HOST_OPS[op] ?? "reaches the host"} when the model runs`, {
      file: path2,
      line: lineOf2(m.index ?? 0),
      evidence: m[0].endsWith("(") ? `${m[0].slice(0, -1).trimEnd()}(` : m[0],
      help: "A model has no reason to touch files or other hosts; do not approve it unless this is explained."
    }));
  }
  return out;
}
function createTorchScriptCodeScanner(ctx, opts) {
  const max = limitsOf(opts).maxJsonBytes;
  const parts = [];
  let n = 0;
  let over = false;
  let outcome;
  return {
    push(chunk) {
      if (over) return;
      n += chunk.length;
      if (n > max) {
        over = true;
        parts.length = 0;
        return;
      }
      parts.push(chunk.slice());
    },
    end() {
      if (outcome) return outcome;
      if (over) {
        outcome = { formats: ["torchscript-code"], complete: false, findings: [finding(
          "torchscript.too-large",
          "high",
          `TorchScript code file larger than ${max} bytes was not read`,
          { file: ctx.path, help: "Review this file by hand; it was not examined." }
        )] };
        return outcome;
      }
      const text = Buffer.concat(parts).toString("utf8");
      outcome = { formats: ["torchscript-code"], complete: true, findings: analyzeTorchScript(ctx.path, text) };
      return outcome;
    }
  };
}
var TORCHSCRIPT_CODE_PLUGIN = {
  format: "torchscript-code",
  claims(head, ctx) {
    return CODE_MEMBER.test(ctx.path) && !head.includes(0);
  },
  create(ctx, opts) {
    return createTorchScriptCodeScanner(ctx, opts);
  }
};

// src/scan/formats/index.ts
var FORMAT_PLUGINS = [protobufModelsPlugin, tfrecordPlugin, msgpackPlugin, xgboostUbjPlugin, xgboostBinaryPlugin, fastTextPlugin, word2vecPlugin, matPlugin, tflitePlugin, TORCHSCRIPT_CODE_PLUGIN];

// src/scan/executables.ts
var ELF_MACHINE = { 3: "x86", 40: "ARM", 62: "x86-64", 183: "AArch64", 243: "RISC-V", 8: "MIPS", 20: "PowerPC", 21: "PowerPC64" };
var PE_MACHINE = { 332: "x86", 34404: "x86-64", 43620: "ARM64", 448: "ARM", 452: "ARMv7" };
function describeExecutable(format, head) {
  switch (format) {
    case "elf": {
      const type = u16le(head, 16);
      const kind = type === 2 ? "executable" : type === 3 ? "shared object or PIE executable" : type === 1 ? "relocatable object" : "binary";
      return `ELF ${kind} (${ELF_MACHINE[u16le(head, 18)] ?? `machine ${u16le(head, 18)}`}, ${head[4] === 2 ? "64" : "32"}-bit)`;
    }
    case "pe": {
      const at = u32le(head, 60);
      const m = at + 6 <= head.length ? PE_MACHINE[u16le(head, at + 4)] : void 0;
      const chars = at + 24 <= head.length ? u16le(head, at + 22) : 0;
      return `Windows PE ${chars & 8192 ? "DLL" : "executable"}${m ? ` (${m})` : ""}`;
    }
    case "macho":
      return head[0] === 202 ? "Mach-O universal binary (or Java class file)" : "Mach-O executable";
    case "wasm":
      return "WebAssembly module";
    case "dex":
      return "Android DEX bytecode";
    default:
      return format;
  }
}
function executableFinding(format, head, path2) {
  return finding("file.executable", "critical", `${describeExecutable(format, head)} in a model repository`, {
    file: path2,
    offset: 0,
    help: "Model repositories have no reason to ship native code; whatever its name, this file can be run by a script or a loader. Reject."
  });
}
function oleFinding(path2) {
  return finding("file.ole", "high", "OLE compound document (legacy Office/MSI container, can carry macros)", {
    file: path2,
    offset: 0,
    help: "Not a model format; find out why it is here before approving."
  });
}

// src/scan/gguf.ts
var MAX_KV = 1e6;
var MAX_TENSORS = 1e6;
var MAX_ARRAY = 5e7;
var MAX_STRING2 = 4 * 1024 * 1024;
var SCALAR_SIZE = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
function createGgufScanner(ctx, opts) {
  const base = opts.baseOffset ?? 0;
  const findings = [];
  let complete = true;
  const details = {};
  const invalid = (message, offset) => {
    complete = false;
    findings.push(finding("gguf.invalid", "high", `Not a valid GGUF file: ${message}`, {
      file: ctx.path,
      offset: base + offset,
      help: "The GGUF metadata could not be fully read, so it was not examined; do not approve it."
    }));
  };
  const at = () => feeder.offset;
  function* parse2() {
    const h = yield { read: 8 };
    if (!h) return invalid("truncated header", 0);
    const version = u32le(h, 4);
    if (version < 1 || version > 3) return invalid(`unsupported version ${version}`, 4);
    const wide = version >= 2;
    function* count2() {
      const b = yield { read: wide ? 8 : 4 };
      if (!b) return void 0;
      return wide ? u64le(b, 0) : BigInt(u32le(b, 0));
    }
    function* str2(keep) {
      const n = yield* count2();
      if (n === void 0) return void 0;
      if (n > BigInt(Number.MAX_SAFE_INTEGER)) return void 0;
      if (!keep || n > BigInt(MAX_STRING2)) {
        const r = yield { pipe: Number(n) };
        return r ? null : void 0;
      }
      const b = yield { read: Number(n) };
      return b ? utf8(b) : void 0;
    }
    const tensors = yield* count2();
    const kvs = yield* count2();
    if (tensors === void 0 || kvs === void 0) return invalid("truncated header", 8);
    if (tensors > BigInt(MAX_TENSORS) || kvs > BigInt(MAX_KV)) return invalid(`implausible counts (${tensors} tensors, ${kvs} keys)`, 8);
    details.gguf = { version, tensors: Number(tensors), keys: Number(kvs) };
    let alignment = 32;
    for (let k = 0; k < Number(kvs); k++) {
      const keyAt = at();
      const key = yield* str2(true);
      if (key === void 0 || key === null) return invalid(`truncated or oversized key #${k}`, keyAt);
      const tb = yield { read: 4 };
      if (!tb) return invalid(`truncated value type of ${key}`, at());
      const type = u32le(tb, 0);
      const isTemplate = key === "tokenizer.chat_template" || key.startsWith("tokenizer.chat_template.");
      if (type === 8) {
        const valAt = at();
        const s = yield* str2(isTemplate);
        if (s === void 0) return invalid(`truncated string value of ${key}`, valAt);
        if (isTemplate) {
          if (s === null) {
            complete = false;
            findings.push(finding("template.too-large", "high", `Chat template ${key} is larger than ${MAX_STRING2} bytes and was not examined`, { file: ctx.path, offset: base + valAt }));
          } else {
            const r = analyzeChatTemplate(s, { path: ctx.path, where: `GGUF key ${key}`, offset: base + valAt, source: "gguf" });
            findings.push(...r.findings);
            complete &&= r.complete;
          }
        }
      } else if (type === 9) {
        const ab2 = yield { read: 4 };
        const n = yield* count2();
        if (!ab2 || n === void 0) return invalid(`truncated array ${key}`, at());
        const itemType = u32le(ab2, 0);
        if (n > BigInt(MAX_ARRAY)) return invalid(`array ${key} has ${n} items`, at());
        if (itemType === 8) {
          for (let j = 0; j < Number(n); j++) {
            const s = yield* str2(false);
            if (s === void 0) return invalid(`truncated string #${j} of ${key}`, at());
          }
        } else {
          const size = SCALAR_SIZE[itemType];
          if (size === void 0) return invalid(`array ${key} has unsupported item type ${itemType}`, at());
          const r = yield { pipe: size * Number(n) };
          if (!r) return invalid(`truncated array ${key}`, at());
        }
      } else {
        const size = SCALAR_SIZE[type];
        if (size === void 0) return invalid(`key ${key} has unknown value type ${type}`, at());
        const v = yield { read: size };
        if (!v) return invalid(`truncated value of ${key}`, at());
        if (key === "general.alignment" && type === 4) alignment = u32le(v, 0);
      }
    }
    for (let t = 0; t < Number(tensors); t++) {
      const tAt = at();
      const name = yield* str2(false);
      const nd = yield { read: 4 };
      if (name === void 0 || !nd) return invalid(`truncated tensor info #${t}`, tAt);
      const dims = u32le(nd, 0);
      if (dims > 8) return invalid(`tensor #${t} has ${dims} dimensions`, tAt);
      const rest = yield { read: 8 * dims + 4 + 8 };
      if (!rest) return invalid(`truncated tensor info #${t}`, tAt);
    }
    if (alignment === 0 || (alignment & alignment - 1) !== 0) invalid(`general.alignment ${alignment} is not a power of two`, at());
    details.ggufDataOffset = at();
    yield { rest: "count" };
  }
  const feeder = new Feeder(parse2());
  return {
    push: (c) => feeder.push(c),
    ahead: () => feeder.streamAhead(),
    skip: (n) => feeder.streamSkip(n),
    end() {
      feeder.end();
      return { formats: ["gguf"], findings, complete, details };
    }
  };
}

// src/scan/keras.ts
function looksLikeKerasConfig(v) {
  return isObject(v) && typeof v.class_name === "string" && ("config" in v || typeof v.module === "string" || typeof v.keras_version === "string" || typeof v.registered_name === "string");
}
var KERAS_MODULE = /^(keras|tf_keras|keras_hub|keras_nlp|keras_cv|tensorflow\.keras|tensorflow\.python\.keras)(\.|$)/;
var GADGETS = /* @__PURE__ */ new Set([
  "get_file",
  "load_model",
  "model_from_json",
  "model_from_yaml",
  "model_from_config",
  "save_model",
  "load_weights",
  "save_weights",
  "enable_unsafe_deserialization",
  "set_global_attribute",
  "deserialize_keras_object",
  "serialize_keras_object",
  "register_keras_serializable",
  "clear_session",
  "image_dataset_from_directory",
  "text_dataset_from_directory",
  "audio_dataset_from_directory",
  "timeseries_dataset_from_array",
  "load_img",
  "save_img",
  "func_load",
  "exec",
  "eval",
  "system",
  "popen"
]);
var PY_BUILTINS = new Set("ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip".split(" "));
var FILE_ARGS = {
  StringLookup: ["vocabulary"],
  IntegerLookup: ["vocabulary"],
  TextVectorization: ["vocabulary", "idf_weights"],
  Hashing: [],
  WordPieceTokenizer: ["vocabulary"],
  BytePairTokenizer: ["vocabulary", "merges"],
  SentencePieceTokenizer: ["proto"],
  PARSeqTokenizer: ["vocabulary"],
  WhisperTokenizer: ["vocabulary", "merges", "special_tokens"],
  RWKVTokenizer: ["vocabulary"],
  FNetTokenizer: ["proto"],
  T5Tokenizer: ["proto"]
};
function baseName(cls) {
  const gt = cls.lastIndexOf(">");
  return gt >= 0 ? cls.slice(gt + 1) : cls;
}
function checkKerasConfig(root, path2, where) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (check, severity, message, evidence, help) => {
    const key = `${check}|${evidence}`;
    if (seen.has(key) || out.length > 200) return;
    seen.add(key);
    out.push(finding(check, severity, `${message} (${where})`, {
      file: path2,
      evidence: truncate(evidence, 200),
      help: help ?? "Keras runs this when the model is loaded; do not approve unless the code is reviewed and trusted."
    }));
  };
  const stack = [{ v: root, trail: "" }];
  while (stack.length > 0) {
    const { v, trail } = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], trail: `${trail}[${i}]` });
      continue;
    }
    if (typeof v === "string") {
      if (v.includes("__lambda__")) add("keras.lambda", "critical", "Config contains a `__lambda__` function (marshalled Python bytecode, CVE-2024-3660)", `${trail}: ${v}`);
      if (/\bget_file\b/.test(v)) add("keras.get-file", "high", "Config refers to keras.utils.get_file (downloads at load time)", `${trail}: ${v}`);
      continue;
    }
    if (!isObject(v)) continue;
    const cls = typeof v.class_name === "string" ? v.class_name : void 0;
    const reg = typeof v.registered_name === "string" ? v.registered_name : void 0;
    const mod = typeof v.module === "string" ? v.module : void 0;
    const names = new Set([cls, reg].filter((x) => x !== void 0).map(baseName));
    if (names.has("Lambda")) {
      add("keras.lambda", "critical", "Lambda layer: its function is marshalled Python bytecode or a named Python function, called on load (CVE-2024-3660; .h5 ignores safe_mode, CVE-2025-9905)", `${trail}.class_name: ${cls ?? reg}`);
    }
    if (names.has("__lambda__")) add("keras.lambda", "critical", "Config holds a `__lambda__` (marshalled Python bytecode, CVE-2024-3660)", `${trail}.class_name: ${cls ?? reg}`);
    if (names.has("TorchModuleWrapper")) {
      add("keras.torch-module-wrapper", "critical", "TorchModuleWrapper layer: embeds a pickled torch module that is unpickled on load (CVE-2025-49655)", `${trail}.class_name: ${cls ?? reg}`);
    }
    if (names.has("TFSMLayer")) {
      const fp = isObject(v.config) && typeof v.config.filepath === "string" ? v.config.filepath : "?";
      add("keras.tfsm-layer", "critical", `TFSMLayer: loads the TensorFlow SavedModel at \`${fp}\`, whose graph runs with the model (CVE-2026-1462)`, `${trail}.config.filepath: ${fp}`);
    }
    for (const n of names) {
      const args = FILE_ARGS[n];
      if (!args || !isObject(v.config)) continue;
      for (const a of args) {
        const x = v.config[a];
        if (typeof x === "string" && x !== "") {
          add(
            "keras.file-read",
            n === "RWKVTokenizer" ? "critical" : "high",
            `${n} reads \`${a}\` from the path or URL \`${x}\` when the model is built (local file read / SSRF, CVE-2025-12058)${n === "RWKVTokenizer" ? ", and RWKVTokenizer evaluates its lines as Python" : ""}`,
            `${trail}.config.${a}: ${x}`,
            "Keras opens this path through tf.io.gfile (local files, HTTP, GCS); legitimate archives ship vocabularies as assets. Do not approve."
          );
        }
      }
    }
    if (cls === "function") {
      const fname = typeof v.config === "string" ? v.config : reg ?? "";
      const last = fname.slice(Math.max(fname.lastIndexOf("."), fname.lastIndexOf(">")) + 1);
      if (GADGETS.has(last) || reg !== void 0 && GADGETS.has(baseName(reg))) {
        add("keras.gadget", "critical", `Config calls \`${mod ?? "?"}.${fname}\`, a function that loads, downloads or switches safe mode off (CVE-2025-8747, CVE-2025-9906)`, `${trail}: ${mod ?? ""} ${fname}`);
      }
    }
    const kerasBuiltin = mod === "builtins" && cls === "function" && typeof v.config === "string" && !PY_BUILTINS.has(v.config);
    if (mod !== void 0 && !KERAS_MODULE.test(mod) && !kerasBuiltin) {
      const target = cls === "function" && typeof v.config === "string" ? v.config : cls ?? "";
      const tier = classifyGlobal(mod, target);
      const sev = tier === "dangerous" ? "critical" : tier === "unknown" ? "high" : tier === "review" ? "medium" : "low";
      add("keras.module", sev, `Config imports \`${mod}${target ? `.${target}` : ""}\`, a module outside keras (CVE-2025-1550)`, `${trail}.module: ${mod}`);
    }
    if (reg !== void 0 && reg.includes(">") && !/^(keras|Keras)/.test(reg)) {
      add("keras.custom-object", "medium", `Config needs the custom object \`${reg}\` (code from outside the model file)`, `${trail}.registered_name: ${reg}`);
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      const x = v[k];
      if (k === "safe_mode" && x === false) add("keras.safe-mode-off", "high", "Config switches Keras safe mode off (CVE-2025-9906)", `${trail}.safe_mode: false`);
      if (k === "function" && cls === void 0 && (Array.isArray(x) || isObject(x))) {
        add("keras.lambda", "critical", "Config holds a serialized function", `${trail}.function`);
      }
      if (k === "function_type" && x === "lambda") add("keras.lambda", "critical", "Config holds a marshalled lambda (Keras 2 `function_type: lambda`, CVE-2024-3660)", `${trail}.function_type`);
      stack.push({ v: x, trail: trail ? `${trail}.${k}` : k });
    }
  }
  return out;
}
var CLASS_NAME = new TextEncoder().encode('"class_name"');
var JSON_OUTSIDE = new Uint8Array(256);
for (const c of ' 	\n\r{}[]:,"-+.0123456789eEtrufalsn') JSON_OUTSIDE[c.charCodeAt(0)] = 1;
function precedesDocument(b) {
  return b < 32 && b !== 9 && b !== 10 && b !== 13;
}
function countOf(hay, needle) {
  let n = 0;
  for (let i = indexOfBytes(hay, needle); i >= 0; i = indexOfBytes(hay, needle, i + 1)) n++;
  return n;
}
function createKerasH5Scanner(ctx, opts) {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const findings = [];
  let complete = true;
  let configs = 0;
  let seen = 0;
  let covered = 0;
  let carry = new Uint8Array(0);
  let prevByte = 0;
  let total = 0;
  let cap;
  let capLen = 0;
  let capAt = 0;
  let depth = 0;
  let inStr = false;
  let esc = false;
  let started = false;
  const keep = CLASS_NAME.length - 1;
  const countSeen = (chunk) => {
    const seam = concatBytes([carry, chunk.subarray(0, keep)]);
    seen += countOf(chunk, CLASS_NAME) + countOf(seam, CLASS_NAME);
    carry = (chunk.length >= keep ? chunk : seam).slice(-keep);
  };
  const finish = () => {
    const bytes = cap.subarray(0, capLen);
    cap = void 0;
    const n = countOf(bytes, CLASS_NAME);
    if (n === 0) return;
    let doc;
    try {
      doc = parseJson(utf8(bytes), "python");
    } catch {
      return;
    }
    covered += n;
    configs++;
    findings.push(...checkKerasConfig(doc.value, ctx.path, `HDF5 JSON at ${capAt}`));
  };
  const feed = (b, from) => {
    for (let i = from; i < b.length; i++) {
      const c = b[i];
      if (capLen >= limits.maxJsonBytes) {
        complete = false;
        findings.push(finding("keras.config-too-large", "high", `A JSON document in this HDF5 file is larger than ${limits.maxJsonBytes} bytes and was not examined`, { file: ctx.path, offset: base + capAt }));
        cap = void 0;
        return i;
      }
      if (capLen === cap.length) {
        const grown = new Uint8Array(Math.min(limits.maxJsonBytes, capLen * 2));
        grown.set(cap);
        cap = grown;
      }
      cap[capLen++] = c;
      if (inStr) {
        if (esc) esc = false;
        else if (c === 92) esc = true;
        else if (c === 34) inStr = false;
        else if (c < 32) return abort(i);
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      if (!started) {
        started = true;
        if (c !== 34 && c !== 125) return abort(i);
      }
      if (c === 34) inStr = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) {
          finish();
          return i + 1;
        }
      } else if (!JSON_OUTSIDE[c]) return abort(i);
    }
    return b.length;
  };
  const abort = (i) => {
    cap = void 0;
    return i;
  };
  return {
    push(chunk) {
      countSeen(chunk);
      let pos = cap ? feed(chunk, 0) : 0;
      while (!cap && pos < chunk.length) {
        const j = indexOfByte(chunk, 123, pos);
        if (j < 0) break;
        pos = j + 1;
        if (!precedesDocument(j > 0 ? chunk[j - 1] : prevByte)) continue;
        cap = new Uint8Array(4096);
        cap[0] = 123;
        capLen = 1;
        capAt = total + j;
        depth = 1;
        inStr = false;
        esc = false;
        started = false;
        pos = feed(chunk, j + 1);
      }
      if (chunk.length > 0) prevByte = chunk[chunk.length - 1];
      total += chunk.length;
    },
    end() {
      if (cap) {
        complete = false;
        findings.push(finding("keras.config-truncated", "high", "A Keras config runs to the end of the file without closing", { file: ctx.path, offset: base + capAt }));
      } else if (seen > covered) {
        complete = false;
        findings.push(finding(
          "keras.config-unexamined",
          "high",
          `${seen - covered} of ${seen} Keras object descriptions ("class_name") in this HDF5 file are not inside a JSON document that could be parsed and checked`,
          { file: ctx.path, help: 'The model config could not be fully examined: open it with h5py (attrs["model_config"]) on an isolated machine and review it, or ask for a safetensors/.keras export.' }
        ));
      }
      return { formats: ["hdf5"], findings, complete, details: { kerasConfigs: configs } };
    }
  };
}

// src/scan/hdf5-late.ts
var SIGNATURE = [137, 72, 68, 70, 13, 10, 26, 10];
function createLateHdf5Watcher(ctx, opts, from) {
  const base = opts.baseOffset ?? 0;
  let next = from;
  let at = 0;
  let matched = 0;
  let found;
  let inner;
  return {
    push(chunk) {
      const end = at + chunk.length;
      if (found === void 0) {
        while (next < end) {
          const i = next + matched - at;
          if (i >= chunk.length) break;
          if (chunk[i] !== SIGNATURE[matched]) {
            matched = 0;
            next *= 2;
            continue;
          }
          matched++;
          if (matched === SIGNATURE.length) {
            found = next;
            inner = createKerasH5Scanner({ path: `${ctx.path}#hdf5@${next}` }, { ...opts, baseOffset: base + next });
            if (next < at) {
              inner.push(Uint8Array.from(SIGNATURE.slice(0, at - next)));
              inner.push(chunk);
            } else inner.push(chunk.subarray(next - at));
            break;
          }
        }
      } else inner?.push(chunk);
      at = end;
    },
    // Before a signature is found only the bytes at the candidate offsets are looked at.
    ahead() {
      if (found !== void 0) return aheadOf(inner);
      const want = next + matched;
      return want > at ? { skip: want - at, see: 0 } : { skip: 0, see: SIGNATURE.length - matched };
    },
    skip(n) {
      if (found !== void 0) skipIn(inner, n);
      else if (at + n > next + matched) throw new Error("hdf5 watcher: skip() past a candidate offset");
      at += n;
    },
    end() {
      if (found === void 0 || !inner) return { formats: [], findings: [], complete: true };
      const o = inner.end();
      const own = finding(
        "hdf5.late-superblock",
        "high",
        `An HDF5 superblock starts at byte ${found}: h5py and Keras open this file as HDF5 from there, whatever the bytes before it are`,
        {
          file: ctx.path,
          offset: base + found,
          help: "A model file is one format. The HDF5 content was examined (its findings follow), but a file that is something else for its first bytes and HDF5 further on is built to be read two ways; do not approve it."
        }
      );
      return { formats: ["hdf5"], findings: [own, ...o.findings], complete: o.complete, ...o.details ? { details: o.details } : {} };
    }
  };
}
function firstUnsniffedHdf5Offset(headLength) {
  let off = 512;
  while (off + SIGNATURE.length <= headLength) off *= 2;
  return off;
}

// src/scan/pylit.ts
var PyTuple = class {
  constructor(items) {
    this.items = items;
  }
  items;
};
var PyList = class {
  constructor(items) {
    this.items = items;
  }
  items;
};
var PySet = class {
  constructor(items) {
    this.items = items;
  }
  items;
};
var PyDict = class {
  constructor(entries) {
    this.entries = entries;
  }
  entries;
};
var PyBytes = class {
  constructor(latin12) {
    this.latin1 = latin12;
  }
  latin1;
};
var PyNum = class {
  constructor(kind, text) {
    this.kind = kind;
    this.text = text;
  }
  kind;
  text;
};
var ELLIPSIS = Object.freeze({ ellipsis: true });
var PyLitError = class extends Error {
  constructor(message, kind) {
    super(message);
    this.kind = kind;
  }
  kind;
};
var MAX_LEVEL = 200;
var MAX_STR_DIGITS = 4300;
var ID_START = /[A-Za-z_\u0080-\uffff]/;
var NUMBER = /0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?/y;
var ID_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;
var Lexer = class {
  constructor(s, py2Longs) {
    this.s = s;
    this.py2Longs = py2Longs;
  }
  s;
  py2Longs;
  i = 0;
  level = 0;
  lineStart = true;
  prevNum = false;
  peeked = null;
  syntax(msg, at = this.i) {
    throw new PyLitError(`${msg} at character ${at}`, "SyntaxError");
  }
  peek() {
    this.peeked ??= this.lex();
    return this.peeked;
  }
  next() {
    const t = this.peek();
    this.peeked = null;
    return t;
  }
  lex() {
    for (; ; ) {
      const t = this.raw();
      const wasNum = this.prevNum;
      this.prevNum = t.t === "num";
      if (this.py2Longs && wasNum && t.t === "name" && t.text === "L") continue;
      return t;
    }
  }
  raw() {
    const s = this.s;
    for (; ; ) {
      if (this.lineStart && this.level === 0) {
        let col = 0;
        for (; ; ) {
          const w = s[this.i];
          if (w === " " || w === "	" || w === "\f") {
            col = w === "\f" ? 0 : col + 1;
            this.i++;
            continue;
          }
          if (w === "\\" && (s[this.i + 1] === "\n" || s[this.i + 1] === "\r")) {
            this.i++;
            this.eol();
            this.eofAfterContinuation();
            continue;
          }
          break;
        }
        const c2 = s[this.i];
        if (c2 === "#") {
          while (this.i < s.length && s[this.i] !== "\n" && s[this.i] !== "\r") this.i++;
        }
        if (this.i < s.length && (s[this.i] === "\n" || s[this.i] === "\r")) {
          this.newline();
          continue;
        }
        if (this.i >= s.length) {
          if (col > 0) this.syntax("unexpected indent");
          return { t: "end", at: this.i };
        }
        if (col > 0) this.syntax("unexpected indent");
        this.lineStart = false;
      }
      const c = s[this.i];
      if (c === void 0) return { t: "end", at: this.i };
      if (c === " " || c === "	" || c === "\f") {
        this.i++;
        continue;
      }
      if (c === "#") {
        while (this.i < s.length && s[this.i] !== "\n" && s[this.i] !== "\r") this.i++;
        continue;
      }
      if (c === "\\") {
        const n = s[this.i + 1];
        if (n === "\n" || n === "\r") {
          this.i++;
          this.eol();
          this.eofAfterContinuation();
          continue;
        }
        this.syntax("unexpected character after line continuation character");
      }
      if (c === "\n" || c === "\r") {
        const at2 = this.i;
        this.newline();
        if (this.level > 0) continue;
        return { t: "nl", at: at2 };
      }
      if (c === "\0") this.syntax("source code string cannot contain null bytes");
      const at = this.i;
      if (/[0-9]/.test(c) || c === "." && /[0-9]/.test(s[this.i + 1] ?? "")) return this.number(at);
      if (ID_START.test(c)) {
        let j = this.i + 1;
        while (j < s.length && ID_CHAR.test(s[j])) j++;
        const word = s.slice(this.i, j);
        const q = s[j];
        if ((q === "'" || q === '"') && /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/.test(word)) {
          this.i = j;
          return this.string(at, word.toLowerCase());
        }
        if (/[\u0080-\uffff]/.test(word)) this.syntax("invalid character in identifier", at);
        this.i = j;
        return { t: "name", text: word, at };
      }
      if (c === "'" || c === '"') return this.string(at, "");
      if (s.startsWith("...", this.i)) {
        this.i += 3;
        return { t: "op", text: "...", at };
      }
      if (s.startsWith("**", this.i) || s.startsWith("//", this.i)) {
        this.i += 2;
        return { t: "op", text: s.slice(at, at + 2), at };
      }
      if ("([{".includes(c)) {
        if (this.level >= MAX_LEVEL) this.syntax("too many nested parentheses");
        this.level++;
        this.i++;
        return { t: "op", text: c, at };
      }
      if (")]}".includes(c)) {
        if (this.level === 0) this.syntax(`unmatched '${c}'`);
        this.level--;
        this.i++;
        return { t: "op", text: c, at };
      }
      if (",:+-*/%@&|^~<>=.;!".includes(c)) {
        this.i++;
        return { t: "op", text: c, at };
      }
      this.syntax(`invalid character ${JSON.stringify(c)}`);
    }
  }
  eofAfterContinuation() {
    if (this.i >= this.s.length) this.syntax("unexpected EOF while parsing");
  }
  newline() {
    this.eol();
    if (this.level === 0) this.lineStart = true;
  }
  /** Consumes one line end: \n, \r\n or \r (Python reads all three as a newline). */
  eol() {
    if (this.s[this.i] === "\r" && this.s[this.i + 1] === "\n") this.i += 2;
    else this.i++;
  }
  number(at) {
    const s = this.s;
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(s);
    if (!m) this.syntax("invalid number literal", at);
    const text = m[0];
    this.i = at + text.length;
    const after = s[this.i];
    if (after !== void 0 && (ID_CHAR.test(after) || after === ".")) {
      if (!(this.py2Longs && after === "L")) this.syntax("invalid decimal literal", at);
    }
    if (/^0[0-9_]*[1-9]/.test(text) && /^[0-9_]+$/.test(text)) this.syntax("leading zeros in decimal integer literals are not permitted", at);
    return { t: "num", text, at };
  }
  string(at, prefix) {
    const s = this.s;
    const q = s[this.i];
    const triple = s.startsWith(q.repeat(3), this.i);
    const raw = prefix.includes("r");
    const bytes = prefix.includes("b");
    const fstring = prefix.includes("f");
    if (prefix.includes("u") && prefix.length > 1) this.syntax("invalid string prefix", at);
    this.i += triple ? 3 : 1;
    const parts = [];
    const from = this.i;
    for (; ; ) {
      const c = s[this.i];
      if (c === void 0) this.syntax("unterminated string literal", at);
      if (c === "\0") this.syntax("source code string cannot contain null bytes");
      if (c === "\\") {
        const n = s[this.i + 1];
        if (n === void 0) this.syntax("unterminated string literal", at);
        this.i += n === "\r" && s[this.i + 2] === "\n" ? 3 : 2;
        continue;
      }
      if (!triple && (c === "\n" || c === "\r")) this.syntax("unterminated string literal", at);
      if (triple ? s.startsWith(q.repeat(3), this.i) : c === q) break;
      this.i++;
    }
    parts.push(s.slice(from, this.i));
    this.i += triple ? 3 : 1;
    const body = parts.join("").replace(/\r\n?/g, "\n");
    if (bytes && /[^\x00-\x7f]/.test(body)) this.syntax("bytes can only contain ASCII literal characters", at);
    let value = body;
    let bad = null;
    if (!raw && !fstring) {
      try {
        value = unescape(body, bytes, at);
      } catch (e) {
        if (!(e instanceof PyLitError && e.kind === "Unsupported")) throw e;
        bad = e;
      }
    }
    return { t: "str", value, bytes, fstring, at, bad };
  }
};
var SIMPLE = {
  "\n": "",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v"
};
function unescape(body, bytes, at) {
  if (!body.includes("\\")) return body;
  const out = [];
  let i = 0;
  while (i < body.length) {
    const j = body.indexOf("\\", i);
    if (j < 0) {
      out.push(body.slice(i));
      break;
    }
    out.push(body.slice(i, j));
    const e = body[j + 1];
    i = j + 2;
    if (SIMPLE[e] !== void 0) {
      out.push(SIMPLE[e]);
      continue;
    }
    if (e >= "0" && e <= "7") {
      let k = i;
      while (k < body.length && k < i + 2 && body[k] >= "0" && body[k] <= "7") k++;
      const v = parseInt(body.slice(j + 1, k), 8);
      out.push(String.fromCharCode(bytes ? v & 255 : v));
      i = k;
      continue;
    }
    if (e === "x") {
      const h = body.slice(i, i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new PyLitError(`truncated \\xXX escape in the string at character ${at}`, "SyntaxError");
      out.push(String.fromCharCode(parseInt(h, 16)));
      i += 2;
      continue;
    }
    if (!bytes && (e === "u" || e === "U")) {
      const n = e === "u" ? 4 : 8;
      const h = body.slice(i, i + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new PyLitError(`truncated \\${e} escape in the string at character ${at}`, "SyntaxError");
      const cp = parseInt(h, 16);
      if (cp > 1114111) throw new PyLitError(`illegal Unicode character in the string at character ${at}`, "SyntaxError");
      out.push(String.fromCodePoint(cp));
      i += n;
      continue;
    }
    if (!bytes && e === "N") {
      throw new PyLitError(`a \\N{...} escape (a Unicode character name) in the string at character ${at} is not evaluated here`, "Unsupported");
    }
    out.push(`\\${e}`);
  }
  return out.join("");
}
function hashable(v) {
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet) return false;
  if (v instanceof PyTuple) return v.items.every(hashable);
  return true;
}
function eqKey(v) {
  if (typeof v === "string") return `s${v}`;
  if (typeof v === "boolean") return `n${v ? 1 : 0}`;
  if (typeof v === "bigint") return `n${v}`;
  if (v === null) return "N";
  if (v instanceof PyBytes) return `b${v.latin1}`;
  if (v instanceof PyNum) {
    if (v.kind === "float") {
      const x = Number(v.text);
      return Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? `n${x}` : Number.isNaN(x) ? `nan${Math.random()}` : `f${x}`;
    }
    return `c${v.text}`;
  }
  if (v instanceof PyTuple) return `t(${v.items.map(eqKey).join(",")})`;
  return "E";
}
var Parser = class {
  constructor(lx) {
    this.lx = lx;
  }
  lx;
  /** The first error literal_eval raises after parsing; a SyntaxError anywhere comes first, so it waits. */
  deferred = null;
  /** A node literal_eval refuses (ValueError): noted, and parsing goes on with a stand-in. */
  value() {
    this.defer(new PyLitError("malformed node or string", "ValueError"));
    return leaf(null);
  }
  defer(e) {
    this.deferred ??= e;
  }
  expr() {
    const t = this.lx.peek();
    if (t.t === "op" && (t.text === "+" || t.text === "-")) {
      this.lx.next();
      const operand = this.atom();
      if (operand.num === null || operand.signed || operand.binop) return this.maybeComplex(this.value());
      const v = t.text === "-" ? negate(operand) : operand.v;
      return this.maybeComplex({ v, num: operand.num, signed: true, binop: false });
    }
    return this.maybeComplex(this.atom());
  }
  /** `left + imag` / `left - imag`: the one binary operation literal_eval allows. */
  maybeComplex(left) {
    const t = this.lx.peek();
    if (!(t.t === "op" && (t.text === "+" || t.text === "-"))) return left;
    this.lx.next();
    const right = this.lx.peek().t === "op" && "+-".includes(this.lx.peek().text) ? this.expr() : this.atom();
    if (left.binop || left.num !== "int" && left.num !== "float" || right.num !== "complex" || right.signed || right.binop) return this.value();
    const sign = t.text === "-" ? "-" : "+";
    return { v: new PyNum("complex", `(${numText(left.v)}${sign}${numText(right.v)})`), num: "complex", signed: false, binop: true };
  }
  atom() {
    const lx = this.lx;
    const t = lx.next();
    switch (t.t) {
      case "num":
        return number(t.text);
      case "str": {
        const bytes = t.bytes;
        let f = t.fstring;
        let bad = t.bad;
        const parts = [t.value];
        for (let n = lx.peek(); n.t === "str"; n = lx.peek()) {
          lx.next();
          if (n.bytes !== bytes) lx.syntax("cannot mix bytes and nonbytes literals", n.at);
          f ||= n.fstring;
          bad ??= n.bad;
          parts.push(n.value);
        }
        if (bad) {
          this.defer(bad);
          return leaf(null);
        }
        if (f) return this.value();
        const s = parts.join("");
        return leaf(bytes ? new PyBytes(s) : s);
      }
      case "name": {
        if (t.text === "True") return leaf(true);
        if (t.text === "False") return leaf(false);
        if (t.text === "None") return leaf(null);
        if (t.text === "set" && lx.peek().t === "op" && lx.peek().text === "(") {
          lx.next();
          const close = lx.peek();
          if (close.t === "op" && close.text === ")") {
            lx.next();
            return leaf(new PySet([]));
          }
          this.skipBrackets(1);
          this.trailers();
          return this.value();
        }
        this.trailers();
        return this.value();
      }
      case "op": {
        if (t.text === "...") return leaf(ELLIPSIS);
        if (t.text === "(") return this.paren();
        if (t.text === "[") return leaf(new PyList(this.seq("]")));
        if (t.text === "{") return this.brace();
        return lx.syntax("invalid syntax", t.at);
      }
      default:
        return lx.syntax("invalid syntax", t.at);
    }
  }
  /** Calls, subscripts and attributes after a name: their insides are skipped (the node is refused anyway). */
  trailers() {
    for (; ; ) {
      const p = this.lx.peek();
      if (p.t !== "op") return;
      if (p.text === "(" || p.text === "[") {
        this.lx.next();
        this.skipBrackets(1);
        continue;
      }
      if (p.text === ".") {
        this.lx.next();
        const n = this.lx.next();
        if (n.t !== "name") this.lx.syntax("invalid syntax", n.at);
        continue;
      }
      return;
    }
  }
  /** Tokens up to the bracket that closes `depth` open ones (the lexer keeps brackets balanced). */
  skipBrackets(depth) {
    let d = depth;
    while (d > 0) {
      const t = this.lx.next();
      if (t.t === "end") this.lx.syntax("unexpected EOF while parsing", t.at);
      if (t.t === "op" && "([{".includes(t.text)) d++;
      if (t.t === "op" && ")]}".includes(t.text)) d--;
    }
  }
  paren() {
    const lx = this.lx;
    const p = lx.peek();
    if (p.t === "op" && p.text === ")") {
      lx.next();
      return leaf(new PyTuple([]));
    }
    const first = this.expr();
    const n = lx.next();
    if (n.t === "op" && n.text === ")") return first;
    if (!(n.t === "op" && n.text === ",")) lx.syntax("invalid syntax", n.at);
    const items = [first.v, ...this.seq(")")];
    return leaf(new PyTuple(items));
  }
  /** Items up to `close`, a trailing comma allowed. */
  seq(close) {
    const lx = this.lx;
    const items = [];
    for (; ; ) {
      const p = lx.peek();
      if (p.t === "op" && p.text === close) {
        lx.next();
        return items;
      }
      items.push(this.expr().v);
      const n = lx.next();
      if (n.t === "op" && n.text === close) return items;
      if (!(n.t === "op" && n.text === ",")) lx.syntax("invalid syntax", n.at);
    }
  }
  brace() {
    const lx = this.lx;
    const p = lx.peek();
    if (p.t === "op" && p.text === "}") {
      lx.next();
      return leaf(new PyDict([]));
    }
    const first = this.expr().v;
    const n = lx.peek();
    if (n.t === "op" && n.text === ":") {
      const entries = [];
      const index = /* @__PURE__ */ new Map();
      let key = first;
      for (; ; ) {
        const colon = lx.next();
        if (!(colon.t === "op" && colon.text === ":")) lx.syntax("invalid syntax", colon.at);
        const value = this.expr().v;
        if (!hashable(key)) this.defer(new PyLitError("unhashable dict key", "TypeError"));
        else {
          const k = eqKey(key);
          const at = index.get(k);
          if (at !== void 0) entries[at][1] = value;
          else {
            index.set(k, entries.length);
            entries.push([key, value]);
          }
        }
        const sep2 = lx.next();
        if (sep2.t === "op" && sep2.text === "}") return leaf(new PyDict(entries));
        if (!(sep2.t === "op" && sep2.text === ",")) lx.syntax("invalid syntax", sep2.at);
        const q = lx.peek();
        if (q.t === "op" && q.text === "}") {
          lx.next();
          return leaf(new PyDict(entries));
        }
        key = this.expr().v;
      }
    }
    const items = [first];
    const sep = lx.next();
    if (!(sep.t === "op" && (sep.text === "}" || sep.text === ","))) return lx.syntax("invalid syntax", sep.at);
    if (sep.text === ",") items.push(...this.seq("}"));
    if (!items.every(hashable)) {
      this.defer(new PyLitError("unhashable set element", "TypeError"));
      return leaf(null);
    }
    const seen = /* @__PURE__ */ new Set();
    return leaf(new PySet(items.filter((x) => {
      const k = eqKey(x);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })));
  }
};
function leaf(v) {
  return { v, num: null, signed: false, binop: false };
}
function number(text) {
  const clean = text.replace(/_/g, "");
  if (/[jJ]$/.test(clean)) return { v: new PyNum("complex", clean), num: "complex", signed: false, binop: false };
  if (/^0[xX]/.test(clean) || /^0[oO]/.test(clean) || /^0[bB]/.test(clean)) {
    return { v: BigInt(clean.toLowerCase()), num: "int", signed: false, binop: false };
  }
  if (/[.eE]/.test(clean)) return { v: new PyNum("float", clean), num: "float", signed: false, binop: false };
  if (clean.replace(/^0+(?=.)/, "").length > MAX_STR_DIGITS) throw new PyLitError("an integer literal exceeds the limit of 4300 digits", "SyntaxError");
  return { v: BigInt(clean), num: "int", signed: false, binop: false };
}
function numText(v) {
  return typeof v === "bigint" ? v.toString() : v instanceof PyNum ? v.text : String(v);
}
function negate(n) {
  if (typeof n.v === "bigint") return -n.v;
  if (n.v instanceof PyNum) return new PyNum(n.v.kind, n.v.text.startsWith("-") ? n.v.text.slice(1) : `-${n.v.text}`);
  return n.v;
}
function literalEval(src, opts = {}) {
  let start = 0;
  while (start < src.length && (src[start] === " " || src[start] === "	")) start++;
  const lx = new Lexer(src.slice(start), opts.py2Longs ?? false);
  const p = new Parser(lx);
  const first = lx.peek();
  if (first.t === "end") lx.syntax("invalid syntax (empty)", first.at);
  let v = p.expr().v;
  if (lx.peek().t === "op" && lx.peek().text === ",") {
    const items = [v];
    while (lx.peek().t === "op" && lx.peek().text === ",") {
      lx.next();
      const n = lx.peek();
      if (n.t === "nl" || n.t === "end") break;
      items.push(p.expr().v);
    }
    v = new PyTuple(items);
  }
  for (let t = lx.next(); t.t !== "end"; t = lx.next()) {
    if (t.t !== "nl") lx.syntax("invalid syntax", t.at);
  }
  if (p.deferred) throw p.deferred;
  return v;
}

// src/scan/npy-dtype.ts
function isDtype(r) {
  return "itemsize" in r;
}
var INT_MAX = 2 ** 31 - 1;
var T = (kind, itemsize, hasobject = false) => ({ itemsize, hasobject, kind, flexible: kind === "S" || kind === "U" || kind === "V" });
var CHAR_CODES = {
  "?": T("b", 1),
  b: T("i", 1),
  B: T("u", 1),
  h: T("i", 2),
  H: T("u", 2),
  i: T("i", 4),
  I: T("u", 4),
  l: T("i", 8),
  L: T("u", 8),
  q: T("i", 8),
  Q: T("u", 8),
  p: T("i", 8),
  P: T("u", 8),
  e: T("f", 2),
  f: T("f", 4),
  d: T("f", 8),
  g: T("f", 16),
  F: T("c", 8),
  D: T("c", 16),
  G: T("c", 32),
  O: T("O", 8, true),
  S: T("S", 0),
  U: T("U", 0),
  V: T("V", 0),
  c: T("S", 1),
  M: T("M", 8),
  m: T("m", 8)
};
var SIZED = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8, 16],
  c: [8, 16, 32],
  O: [8]
};
var NAMES = (() => {
  const out = {};
  const add = (d, ...names) => {
    for (const n of names) out[n] = d;
  };
  add(T("O", 8, true), "object", "object_", "object0");
  add(T("b", 1), "bool", "bool_", "bool8");
  add(T("i", 1), "int8", "byte");
  add(T("u", 1), "uint8", "ubyte");
  add(T("i", 2), "int16", "short");
  add(T("u", 2), "uint16", "ushort");
  add(T("i", 4), "int32", "intc");
  add(T("u", 4), "uint32", "uintc");
  add(T("i", 8), "int64", "int_", "int", "intp", "long", "longlong", "int0");
  add(T("u", 8), "uint64", "uint", "uintp", "ulong", "ulonglong", "uint0");
  add(T("f", 2), "float16", "half");
  add(T("f", 4), "float32", "single");
  add(T("f", 8), "float64", "double", "float", "float_");
  add(T("f", 16), "float128", "longdouble", "longfloat");
  add(T("c", 8), "complex64", "csingle", "singlecomplex");
  add(T("c", 16), "complex128", "cdouble", "complex", "cfloat", "complex_");
  add(T("c", 32), "complex256", "clongdouble", "clongfloat", "longcomplex");
  add(T("U", 0), "str", "str_", "unicode", "unicode_", "str0");
  add(T("S", 0), "bytes", "bytes_", "string_", "bytes0");
  add(T("V", 0), "void", "void0");
  return out;
})();
function strtol10(s) {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m) return null;
  const v = Number(m[2]) * (m[1] === "-" ? -1 : 1);
  return v;
}
function isDatetime(s) {
  return s.length >= 2 && (s[0] === "M" || s[0] === "m") && s[1] === "8" || s.startsWith("datetime64") || s.startsWith("timedelta64");
}
function dtypeFromString(s) {
  const shown2 = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}\u2026` : s);
  const notUnderstood = { raises: `data type ${shown2} not understood` };
  if (s.length === 0) return notUnderstood;
  const c0 = s[0];
  const bo = c0 === "<" || c0 === ">" || c0 === "|" || c0 === "=";
  if (/[0-9]/.test(c0) || s.length > 1 && bo && /[0-9]/.test(s[1]) || s.startsWith("()") || s.length > 3 && bo && s.startsWith("()", 1) || replaceDelimited(s, "[", "]", "").includes(",")) {
    return { unknown: `the comma-string dtype ${shown2} is not evaluated by Model Gate` };
  }
  const type = bo ? s.slice(1) : s;
  if (type.length === 0) return notUnderstood;
  if (isDatetime(type)) return T(type[0] === "m" || type.startsWith("timedelta") ? "m" : "M", 8);
  if (type.length === 1) {
    const d = CHAR_CODES[type];
    return d ?? NAMES[s] ?? { unknown: `the type code ${shown2} is not one Model Gate knows` };
  }
  const n = strtol10(type.slice(1));
  if (n !== null) {
    if (n > INT_MAX || n < 0) return notUnderstood;
    const kind = type[0];
    if (kind === "S" || kind === "V") return T(kind, n);
    if (kind === "U") return n > INT_MAX / 4 ? notUnderstood : T("U", n * 4);
    const sizes = SIZED[kind];
    if (sizes?.includes(n)) return kind === "b" ? T("b", 1) : T(kind, n, kind === "O");
    if (sizes) return NAMES[s] ?? notUnderstood;
    return NAMES[s] ?? { unknown: `the type code ${shown2} is not one Model Gate knows` };
  }
  if (/^[0-9]/.test(type.slice(1).trimStart())) return notUnderstood;
  const named = NAMES[s];
  if (named) return named;
  if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s)) return { unknown: `the dtype name ${shown2} is not one Model Gate knows` };
  return notUnderstood;
}
function prod(dims) {
  return dims.reduce((a, b) => a * b, 1);
}
function subShape(v) {
  const items = typeof v === "bigint" || typeof v === "boolean" ? [v] : v instanceof PyTuple || v instanceof PyList ? v.items : null;
  if (!items) return { unknown: "a subarray shape that is not an int or a sequence of ints" };
  const out = [];
  for (const d of items) {
    const n = typeof d === "boolean" ? d ? 1 : 0 : typeof d === "bigint" ? d : null;
    if (n === null) return { unknown: "a subarray dimension that is not an int" };
    if (n < 0n || n > BigInt(INT_MAX)) return { raises: "invalid shape in fixed-type tuple" };
    out.push(Number(n));
  }
  if (out.length > 64) return { raises: "invalid shape in fixed-type tuple" };
  return out;
}
function dtypeWithShape(base, second) {
  if (typeof second === "string" || second instanceof PyList || second instanceof PyDict || second instanceof PySet) {
    return { unknown: "a (dtype, dtype) union or metadata tuple is not evaluated by Model Gate" };
  }
  if (base.flexible && base.itemsize === 0 && (typeof second === "bigint" || typeof second === "boolean")) {
    const n = Number(second);
    const size = base.kind === "U" ? n * 4 : n;
    if (n < 0 || size > INT_MAX) return { raises: "invalid itemsize in generic type tuple" };
    return { ...base, itemsize: size };
  }
  const shape = subShape(second);
  if (!Array.isArray(shape)) return shape;
  if (second instanceof PyTuple && shape.length === 0) return base;
  const items = prod(shape);
  const bytes = items * base.itemsize;
  if (items > INT_MAX || bytes > INT_MAX) return { raises: "invalid shape in fixed-type tuple: dtype size in bytes must fit into a C int" };
  return { itemsize: bytes, hasobject: base.hasobject, kind: "V", flexible: true };
}
function descrToDtype(descr, depth = 0) {
  if (depth > 64) return { unknown: "the descr nests too deeply" };
  if (typeof descr === "string") return dtypeFromString(descr);
  if (descr instanceof PyTuple) {
    if (descr.items.length !== 2) {
      if (descr.items.length < 2) return { raises: "descr tuple is too short" };
      const first = descrToDtype(descr.items[0], depth + 1);
      return isDtype(first) ? { raises: "Tuple must have size 2" } : first;
    }
    const base = descrToDtype(descr.items[0], depth + 1);
    if (!isDtype(base)) return base;
    return dtypeWithShape(base, descr.items[1]);
  }
  let fields;
  if (descr instanceof PyList) fields = descr.items;
  else if (descr instanceof PyDict) fields = descr.entries.map(([k]) => k);
  else if (descr instanceof PySet) {
    if (descr.items.length > 1) return { unknown: "a descr that is a set of fields has no defined order" };
    fields = descr.items;
  } else if (descr instanceof PyBytes || descr === null || typeof descr === "boolean" || typeof descr === "bigint" || descr instanceof PyNum || descr === ELLIPSIS) {
    return { raises: "descr is not a valid dtype descriptor" };
  } else return { unknown: "descr of an unexpected kind" };
  let size = 0;
  let hasobject = false;
  for (const field of fields) {
    const parts = fieldParts(field);
    if (!Array.isArray(parts)) return parts;
    let dt = descrToDtype(parts[1], depth + 1);
    if (!isDtype(dt)) return dt;
    if (parts.length === 3) {
      dt = dtypeWithShape(dt, parts[2]);
      if (!isDtype(dt)) return dt;
    }
    hasobject ||= dt.hasobject;
    size += dt.itemsize;
    if (size > INT_MAX) return { raises: "structured dtype larger than a C int" };
  }
  return { itemsize: size, hasobject, kind: "V", flexible: true };
}
function fieldParts(field) {
  let items;
  if (field instanceof PyTuple || field instanceof PyList) items = field.items;
  else if (typeof field === "string") items = [...field];
  else if (field instanceof PyDict) items = field.entries.map(([k]) => k);
  else if (field instanceof PyBytes) return { raises: "a bytes field unpacks into ints, which are not dtypes" };
  else if (field instanceof PySet) {
    if (field.items.length > 1) return { unknown: "a field that is a set has no defined order" };
    items = field.items;
  } else return { raises: "a field must be a (name, format[, shape]) sequence" };
  if (items.length !== 2 && items.length !== 3) return { raises: "a field must have 2 or 3 items" };
  return items;
}

// src/scan/pickle/report.ts
var FindingSet = class {
  constructor(max = 2e3) {
    this.max = max;
  }
  max;
  entries = /* @__PURE__ */ new Map();
  dropped = 0;
  /** Adds `f` under `key`, or counts another occurrence of the finding already there. */
  add(key, f) {
    const e = this.entries.get(key);
    if (e) {
      e.count++;
      return;
    }
    if (this.entries.size >= this.max) {
      this.dropped++;
      return;
    }
    this.entries.set(key, { f, count: 1 });
  }
  /** Counts another occurrence of an existing finding; nothing when there is none under `key`. */
  bump(key) {
    const e = this.entries.get(key);
    if (e) e.count++;
  }
  has(key) {
    return this.entries.has(key);
  }
  /** Replaces the finding under `key`, keeping its count; nothing when there is none. */
  replace(key, f) {
    const e = this.entries.get(key);
    if (e) e.f = f;
  }
  /** Appends `suffix` to the message of the finding under `key` (which reading of the bytes found it). */
  relabel(key, suffix) {
    const e = this.entries.get(key);
    if (e) e.f = { ...e.f, message: `${e.f.message}${suffix}` };
  }
  /** Every finding under its key, for merging what another reading of the same bytes found. */
  keyed() {
    return [...this.entries].map(([k, e]) => [k, e.f]);
  }
  list() {
    const out = [];
    for (const { f, count: count2 } of this.entries.values()) {
      out.push(count2 > 1 ? { ...f, message: `${f.message} (${count2} times; first shown)` } : f);
    }
    if (this.dropped > 0) {
      out.push({
        check: "pickle.limit",
        severity: "high",
        message: `${this.dropped} more distinct findings were not listed`,
        help: "The pickle produced more distinct findings than a report can hold; treat it as hostile."
      });
    }
    return out;
  }
};
var BUILDS_OK_1_13 = (g) => g === "collections.OrderedDict" || g === "torch.nn.parameter.Parameter" || g === "torch.Tensor" || g.startsWith("torch._utils._rebuild_") || /^torch\.(cuda\.)?(sparse\.)?[A-Za-z0-9]+Tensor$/.test(g);
function weightsOnlyVersions(ev) {
  const v26 = ev.verdict.loads ? { torch: "2.6.0", loads: true } : { torch: "2.6.0", loads: false, because: ev.verdict.blockedBy ?? "the pickle does not parse" };
  const refuse = (because) => ({ torch: "1.13.1", loads: false, because });
  for (const g of ev.globals) {
    const full = `${g.module}.${g.name}`;
    if (g.opcode !== "GLOBAL") return [v26, refuse(`${g.opcode} ${full}: 1.13 reads imports only from GLOBAL`)];
    if (!TORCH_1_13_WEIGHTS_ONLY_GLOBALS.has(full)) return [v26, refuse(`GLOBAL ${full} is not in its allowlist`)];
  }
  if (ev.opcodes) {
    const bad = ev.opcodes.find((o) => !TORCH_1_13_WEIGHTS_ONLY_OPCODES.includes(o));
    if (bad) return [v26, refuse(`${bad} opcode`)];
  }
  const undetermined = (because) => ({ torch: "1.13.1", loads: "not determined", because });
  if (!ev.verdict.loads) return [v26, undetermined(`2.6.0 refuses it (${v26.loads === false ? v26.because : ""}) and the scan does not replay 1.13's rules past that`)];
  if (!ev.opcodes) return [v26, undetermined("1.13 also refuses pickled floats (BINFLOAT), NEWOBJ other than Parameter and BUILD other than on tensors and OrderedDict, which this scan did not record")];
  if (ev.opcodes.includes("NEWOBJ")) return [v26, undetermined("1.13 calls NEWOBJ only on Parameter and the target was not recorded")];
  if (ev.opcodes.includes("BUILD") && !(ev.callTargets && ev.callTargets.every(BUILDS_OK_1_13))) {
    return [v26, undetermined("1.13 runs BUILD only on tensors, Parameter and OrderedDict and the targets were not all recorded")];
  }
  return [v26, { torch: "1.13.1", loads: true }];
}
var phrase = (v) => v.loads === true ? `PyTorch ${v.torch} loads it` : v.loads === false ? `PyTorch ${v.torch} refuses it (${v.because})` : `PyTorch ${v.torch}: not determined (${v.because})`;
function weightsOnlyFinding(path2, what, ev) {
  const [v26, v113] = weightsOnlyVersions(ev);
  const head = v26.loads === true ? `${what} loads with torch.load(weights_only=True) under PyTorch 2.6.0's rules (the default since 2.6)` : `${what} would not load with torch.load(weights_only=True) under PyTorch 2.6.0's rules: ${v26.loads === false ? v26.because : ""}`;
  return {
    check: "pickle.weights-only",
    severity: "info",
    file: path2,
    message: `${head}; ${phrase(v113)}`,
    ...ev.verdict.offset !== void 0 ? { offset: ev.verdict.offset } : {},
    evidence: `modelled on torch/_weights_only_unpickler.py of PyTorch 2.6.0 and 1.13.1`,
    help: "Other PyTorch releases have other allowlists; a load is only claimed for the releases named."
  };
}

// src/scan/pickle/values.ts
var Cont = class {
  constructor(kind, items, n) {
    this.kind = kind;
    this.items = items;
    this.n = n;
  }
  kind;
  items;
  n;
};
var Glob = class {
  constructor(module, name, tier, offset, weightsOnly, dynamic = false) {
    this.module = module;
    this.name = name;
    this.tier = tier;
    this.offset = offset;
    this.weightsOnly = weightsOnly;
    this.dynamic = dynamic;
  }
  module;
  name;
  tier;
  offset;
  weightsOnly;
  dynamic;
};
var Obj = class {
  constructor(fn2, args, offset, via = 0) {
    this.fn = fn2;
    this.args = args;
    this.offset = offset;
    this.via = via;
  }
  fn;
  args;
  offset;
  via;
  state = void 0;
  /** Instance attributes a joblib wrapper has gathered from __init__ and every BUILD so far (joblib.ts). */
  attrs = null;
};
var Pers = class {
  constructor(pid) {
    this.pid = pid;
  }
  pid;
};
var Opaque = class {
  constructor(what) {
    this.what = what;
  }
  what;
};
var FLOAT = new Opaque("float");
var BYTES = new Opaque("bytes");
var LONG_STR = new Opaque("str");
var BIG_INT = new Opaque("int");
var ARRAY = new Opaque("ndarray");
var MAX_CHAIN = 3;
function describe(v) {
  if (v === void 0) return "nothing";
  if (v === null) return "None";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}\u2026` : v);
  if (typeof v !== "object") return String(v);
  if (v instanceof Glob) return v.dynamic ? "a computed import" : `${v.module}.${v.name}`;
  if (v instanceof Obj) {
    let n = 0;
    let root = v;
    while (root instanceof Obj) {
      root = root.fn;
      n++;
    }
    return n <= MAX_CHAIN ? `${"the result of calling ".repeat(n)}${describe(root)}` : `the result of a chain of more than ${MAX_CHAIN} calls starting at ${describe(root)}`;
  }
  if (v instanceof Cont) return `a ${v.kind}`;
  if (v instanceof Pers) return "a persistent-id object";
  return `a ${v.what}`;
}
function tupleItems(v) {
  return v instanceof Cont && v.kind === "tuple" ? v.items : null;
}

// src/scan/pickle/clone.ts
var Cloner = class {
  map = /* @__PURE__ */ new Map();
  v(x) {
    if (x === void 0) return null;
    if (!cloneable(x)) return x;
    const have = this.map.get(x);
    if (have !== void 0) return have;
    const first = this.shell(x);
    const work = [x];
    while (work.length > 0) {
      const src = work.pop();
      const dst = this.map.get(src);
      if (src instanceof Cont && dst instanceof Cont && src.items) {
        dst.items = src.items.map((i) => this.link(i, work));
      } else if (src instanceof Obj && dst instanceof Obj) {
        dst.fn = this.link(src.fn, work);
        dst.args = this.link(src.args, work);
        dst.state = src.state === void 0 ? void 0 : this.link(src.state, work);
        if (src.attrs) dst.attrs = new Map([...src.attrs].map(([k, a]) => [k, this.link(a, work)]));
      } else if (src instanceof Pers && dst instanceof Pers) {
        dst.pid = this.link(src.pid, work);
      }
    }
    return first;
  }
  /** The copy of `x` if it is already made or immutable; otherwise an empty copy, queued to be filled. */
  link(x, work) {
    if (!cloneable(x)) return x;
    const have = this.map.get(x);
    if (have !== void 0) return have;
    work.push(x);
    return this.shell(x);
  }
  shell(x) {
    if (!cloneable(x)) return x;
    const have = this.map.get(x);
    if (have !== void 0) return have;
    const c = x instanceof Cont ? new Cont(x.kind, null, x.n) : x instanceof Obj ? new Obj(null, null, x.offset, x.via) : new Pers(null);
    this.map.set(x, c);
    return c;
  }
};
function cloneable(x) {
  return x instanceof Cont || x instanceof Obj || x instanceof Pers;
}

// src/scan/pickle/opcodes.ts
var OP = {
  MARK: 40,
  STOP: 46,
  POP: 48,
  POP_MARK: 49,
  DUP: 50,
  FLOAT: 70,
  INT: 73,
  BININT: 74,
  BININT1: 75,
  LONG: 76,
  BININT2: 77,
  NONE: 78,
  PERSID: 80,
  BINPERSID: 81,
  REDUCE: 82,
  STRING: 83,
  BINSTRING: 84,
  SHORT_BINSTRING: 85,
  UNICODE: 86,
  BINUNICODE: 88,
  APPEND: 97,
  BUILD: 98,
  GLOBAL: 99,
  DICT: 100,
  EMPTY_DICT: 125,
  APPENDS: 101,
  GET: 103,
  BINGET: 104,
  INST: 105,
  LONG_BINGET: 106,
  LIST: 108,
  EMPTY_LIST: 93,
  OBJ: 111,
  PUT: 112,
  BINPUT: 113,
  LONG_BINPUT: 114,
  SETITEM: 115,
  TUPLE: 116,
  EMPTY_TUPLE: 41,
  SETITEMS: 117,
  BINFLOAT: 71,
  // protocol 2
  PROTO: 128,
  NEWOBJ: 129,
  EXT1: 130,
  EXT2: 131,
  EXT4: 132,
  TUPLE1: 133,
  TUPLE2: 134,
  TUPLE3: 135,
  NEWTRUE: 136,
  NEWFALSE: 137,
  LONG1: 138,
  LONG4: 139,
  // protocol 3
  BINBYTES: 66,
  SHORT_BINBYTES: 67,
  // protocol 4
  SHORT_BINUNICODE: 140,
  BINUNICODE8: 141,
  BINBYTES8: 142,
  EMPTY_SET: 143,
  ADDITEMS: 144,
  FROZENSET: 145,
  NEWOBJ_EX: 146,
  STACK_GLOBAL: 147,
  MEMOIZE: 148,
  FRAME: 149,
  // protocol 5
  BYTEARRAY8: 150,
  NEXT_BUFFER: 151,
  READONLY_BUFFER: 152
};
var HIGHEST_PROTOCOL = 5;
var NAMES2 = [];
for (const [name, code] of Object.entries(OP)) NAMES2[code] = name;
function opName(code) {
  return NAMES2[code] ?? `0x${code.toString(16).padStart(2, "0")}`;
}
var IS_OPCODE = new Uint8Array(256);
for (const code of Object.values(OP)) IS_OPCODE[code] = 1;
var WEIGHTS_ONLY_OPS = new Uint8Array(256);
for (const code of [
  OP.GLOBAL,
  OP.NEWOBJ,
  OP.REDUCE,
  OP.BUILD,
  OP.APPEND,
  OP.APPENDS,
  OP.SETITEM,
  OP.SETITEMS,
  OP.MARK,
  OP.TUPLE,
  OP.TUPLE1,
  OP.TUPLE2,
  OP.TUPLE3,
  OP.NONE,
  OP.NEWFALSE,
  OP.NEWTRUE,
  OP.EMPTY_TUPLE,
  OP.EMPTY_LIST,
  OP.EMPTY_DICT,
  OP.EMPTY_SET,
  OP.BININT,
  OP.BININT1,
  OP.BININT2,
  OP.BINFLOAT,
  OP.BINUNICODE,
  OP.SHORT_BINSTRING,
  OP.BINPERSID,
  OP.BINGET,
  OP.LONG_BINGET,
  OP.BINPUT,
  OP.LONG_BINPUT,
  OP.LONG1,
  OP.PROTO,
  OP.STOP
]) WEIGHTS_ONLY_OPS[code] = 1;

// src/scan/pickle/joblib.ts
var CLASSES2 = new Map([
  ...["joblib.numpy_pickle", "sklearn.externals.joblib.numpy_pickle"].map((m) => [`${m}.NumpyArrayWrapper`, "array"]),
  ...["joblib.numpy_pickle", "joblib.numpy_pickle_compat", "sklearn.externals.joblib.numpy_pickle", "sklearn.externals.joblib.numpy_pickle_compat"].flatMap((m) => [[`${m}.NDArrayWrapper`, "nd"], [`${m}.ZNDArrayWrapper`, "znd"]])
]);
var DTYPE_CLASSES = /* @__PURE__ */ new Set([
  "numpy.dtype",
  "numpy.core.multiarray.dtype",
  "numpy._core.multiarray.dtype",
  "numpy.core._multiarray_umath.dtype",
  "numpy._core._multiarray_umath.dtype"
]);
function path(v) {
  return v instanceof Glob && !v.dynamic ? `${v.module}.${v.name}` : null;
}
function wrapperKindOf(full) {
  return CLASSES2.get(full) ?? null;
}
function wrapperClass(v) {
  const p = path(v);
  return p === null ? null : CLASSES2.get(p) ?? null;
}
function instanceOf(v) {
  if (!(v instanceof Obj)) return null;
  const direct = wrapperClass(v.fn);
  const args = tupleItems(v.args);
  if (direct) {
    if (v.via === OP.NEWOBJ || v.via === OP.NEWOBJ_EX) return { kind: direct, init: null };
    if (!args) return { unknown: "the arguments of the call that built the wrapper were not kept" };
    if ((v.via === OP.INST || v.via === OP.OBJ) && args.length === 0) return { kind: direct, init: null };
    return { kind: direct, init: args };
  }
  const fn2 = path(v.fn);
  if (fn2 === "copyreg._reconstructor" || fn2 === "copyreg.__newobj__" || fn2 === "copyreg.__newobj_ex__") {
    const cls = args ? wrapperClass(args[0] ?? null) : null;
    if (!args) return null;
    if (!cls) return null;
    if (fn2 === "copyreg._reconstructor" && path(args[1] ?? null) !== "builtins.object") {
      return { unknown: "copyreg._reconstructor builds the wrapper through a base class other than object" };
    }
    return { kind: cls, init: null };
  }
  return null;
}
var INIT_PARAMS = {
  array: ["subclass", "shape", "order", "dtype", "allow_mmap", "numpy_array_alignment_bytes"],
  nd: ["filename", "subclass", "allow_mmap"],
  znd: ["filename", "init_args", "state"]
};
var INIT_DEFAULTS = {
  array: [false, 16],
  nd: [true],
  znd: []
};
function truthy(v) {
  if (v === null || v === false || v === 0 || v === 0n || v === "") return false;
  if (v === true || typeof v === "number" || typeof v === "bigint" || typeof v === "string") return true;
  if (v instanceof Cont) return v.n > 0;
  if (v instanceof Glob) return true;
  return null;
}
function dictEntries(v) {
  if (!(v instanceof Cont) || v.kind !== "dict" || !v.items) return null;
  const out = [];
  for (let i = 0; i + 1 < v.items.length; i += 2) out.push([v.items[i], v.items[i + 1]]);
  return out;
}
function applyBuild(obj, inst, state) {
  if (!obj.attrs) {
    obj.attrs = /* @__PURE__ */ new Map();
    if (inst.init) {
      const params = INIT_PARAMS[inst.kind];
      const defaults = INIT_DEFAULTS[inst.kind];
      const required = params.length - defaults.length;
      if (inst.init.length < required || inst.init.length > params.length) {
        return { raises: `${inst.kind === "array" ? "NumpyArrayWrapper" : "NDArrayWrapper"}.__init__ got ${inst.init.length} arguments` };
      }
      params.forEach((p, i) => obj.attrs?.set(p, i < inst.init.length ? inst.init[i] : defaults[i - required]));
    }
  }
  let dictState = state;
  let slotState = null;
  const pair = tupleItems(state);
  if (state instanceof Cont && state.kind === "tuple") {
    if (!pair) return { unknown: "the BUILD state tuple was not kept" };
    if (pair.length === 2) {
      dictState = pair[0];
      slotState = pair[1];
    }
  }
  for (const [part, what] of [[dictState, "state"], [slotState, "slot state"]]) {
    const t = truthy(part);
    if (t === false) continue;
    const entries = dictEntries(part);
    if (!entries) {
      if (part instanceof Cont && part.kind !== "dict") return { raises: `the BUILD ${what} is not a dict` };
      if (typeof part === "string" || typeof part === "number" || typeof part === "bigint" || part === true) return { raises: `the BUILD ${what} is not a dict` };
      return { unknown: `the BUILD ${what} is not a dict whose items were kept` };
    }
    for (const [k, v] of entries) {
      if (typeof k === "string") obj.attrs.set(k, v);
      else if (!(typeof k === "number" || typeof k === "bigint" || k === null || typeof k === "boolean")) {
        return { unknown: "a BUILD state key is not a plain value" };
      }
    }
  }
  return { ok: true };
}
function pickledDtype(v) {
  if (v instanceof Opaque || typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" || v === null) {
    return { raises: "the dtype attribute is not a dtype (it has no 'hasobject')" };
  }
  if (!(v instanceof Obj) || !DTYPE_CLASSES.has(path(v.fn) ?? "") || !(v.via === OP.REDUCE || v.via === OP.NEWOBJ)) {
    return { unknown: "the dtype attribute is not a numpy.dtype(...) call" };
  }
  const code = tupleItems(v.args)?.[0];
  if (typeof code !== "string") return { unknown: "the numpy.dtype(...) argument is not a literal string" };
  const base = dtypeFromString(code);
  if (!isDtype(base) || v.state === void 0) return base;
  return setState(base, v.state);
}
function int(v) {
  return typeof v === "number" && Number.isInteger(v) ? v : typeof v === "boolean" ? v ? 1 : 0 : null;
}
function setState(base, state) {
  const items = tupleItems(state);
  if (!items) return { unknown: "the dtype state is not a kept tuple" };
  if (items.length < 7 || items.length > 9) return { unknown: `a dtype state of ${items.length} items is not evaluated by Model Gate` };
  const [version, endian, , names, fields, elsize] = items;
  const ver = int(version);
  if (ver === null) return { unknown: "the dtype state version is not an int" };
  if (ver < 0 || ver > 4) return { raises: `numpy cannot handle version ${ver} of a dtype pickle` };
  if (typeof endian !== "string" || endian.length !== 1) return { unknown: "the dtype byte order is not a one-character str" };
  if (fields === null !== (names === null)) return { raises: "inconsistent fields and names in a numpy dtype pickle" };
  let itemsize = base.itemsize;
  if (base.flexible) {
    const n = int(elsize);
    if (n === null || n < 0) return { unknown: "the dtype state item size is not a non-negative int" };
    itemsize = n;
  }
  let hasobject;
  if (ver >= 3) {
    const f = items.length >= 8 ? int(items[7]) : 0;
    if (f === null) return { unknown: "the dtype state flags are not an int" };
    if (f < -128) return { raises: "incorrect value for the dtype flags (overflow)" };
    hasobject = ((f < 0 ? f + 128 : f) & 1) === 1;
  } else {
    const f = items.length >= 8 ? int(items[7]) : 0;
    if (f === null) return { unknown: "the dtype state flags are not an int" };
    hasobject = f !== 0 || base.kind === "O";
    if (!hasobject && fields !== null && fields !== void 0) {
      const entries = dictEntries(fields);
      if (!entries) return { unknown: "the fields of a structured dtype were not kept" };
      for (const [, spec] of entries) {
        const sub = pickledDtype(tupleItems(spec)?.[0]);
        if (!isDtype(sub)) return sub;
        hasobject ||= sub.hasobject;
      }
    }
  }
  return { ...base, itemsize, hasobject };
}
var INT64_MAX = (1n << 63n) - 1n;
function count(shape) {
  if (shape === void 0) return { kind: "raises", why: "the wrapper has no 'shape'" };
  if (typeof shape === "string") return { kind: "raises", why: "the shape is a str, which the array cannot be reshaped to" };
  if (!(shape instanceof Cont) || shape.kind !== "tuple" && shape.kind !== "list") {
    if (shape === null || typeof shape === "number" || typeof shape === "bigint" || typeof shape === "boolean") return { kind: "raises", why: "the shape has no len()" };
    return { kind: "unknown", why: "the shape is not a literal tuple or list" };
  }
  if (!shape.items) return { kind: "unknown", why: "the shape was not kept" };
  let n = 1n;
  for (const d of shape.items) {
    const v = typeof d === "number" && Number.isInteger(d) ? BigInt(d) : typeof d === "bigint" ? d : typeof d === "boolean" ? d ? 1n : 0n : null;
    if (v === null) {
      if (d === null || typeof d === "string" || d instanceof Cont || d === void 0) return { kind: "raises", why: "a dimension is not an int" };
      return { kind: "unknown", why: "a dimension is not a literal int" };
    }
    if (v < 0n) return { kind: "raises", why: "a dimension is negative" };
    if (v > INT64_MAX) return { kind: "raises", why: "a dimension does not fit numpy.int64" };
    n *= v;
  }
  if (n > INT64_MAX) return { kind: "raises", why: "the element count overflows int64, so the array cannot be reshaped" };
  return n;
}
function plans(inst, attrs) {
  if (inst.kind !== "array") return { read: { kind: "none", file: attrs.get("filename") ?? null }, mmap: null };
  const c = count(attrs.get("shape"));
  if (typeof c !== "bigint") return { read: c, mmap: null };
  if (!attrs.has("dtype")) return { read: { kind: "raises", why: "the wrapper has no 'dtype'" }, mmap: null };
  const dt = pickledDtype(attrs.get("dtype"));
  if (!isDtype(dt)) return { read: "raises" in dt ? { kind: "raises", why: dt.raises } : { kind: "unknown", why: dt.unknown }, mmap: null };
  const align = attrs.get("numpy_array_alignment_bytes");
  const padded = align !== void 0 && align !== null;
  const bytes = c * BigInt(dt.itemsize);
  const sized = (pointers) => bytes > BigInt(Number.MAX_SAFE_INTEGER) ? { kind: "raises", why: "the array is larger than any file" } : { kind: "raw", padded, bytes: Number(bytes), pointers };
  const read = dt.hasobject ? { kind: "objects" } : dt.itemsize === 0 ? { kind: "raises", why: "the item size is 0 (joblib divides by it)" } : sized(dt.kind === "O" ? "an object dtype without numpy's object flag: joblib builds Python objects from raw file bytes" : null);
  const mm = attrs.get("allow_mmap");
  const mmapOn = mm === void 0 ? false : truthy(mm);
  let mmap = null;
  if (mmapOn === null) mmap = { kind: "unknown", why: "allow_mmap is not a literal" };
  else if (mmapOn && (dt.hasobject || dt.itemsize === 0)) {
    mmap = sized(dt.hasobject ? "an object array that allow_mmap lets joblib.load(mmap_mode=...) memory-map: its Python object pointers come from the file" : null);
  }
  return { read, mmap };
}
function shown(v) {
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}\u2026` : v);
  if (v instanceof Pers) return "a persistent-id object";
  return typeof v === "object" && v !== null ? "a value that is not a literal string" : String(v);
}

// src/scan/pickle/memo.ts
var DROPPED_STR = new Opaque("str (not kept)");
var DROPPED_INT = new Opaque("int (not kept)");
var PERS_ANY = new Opaque("persistent object");
var HUSK = {
  list: new Cont("list", null, 0),
  tuple: new Cont("tuple", null, 0),
  dict: new Cont("dict", null, 0),
  set: new Cont("set", null, 0),
  frozenset: new Cont("frozenset", null, 0)
};
var MAX_INTERNED = 1 << 18;
var Memo = class _Memo {
  refs = new Int32Array(256);
  far = null;
  table = [HUSK.list, HUSK.tuple, HUSK.dict, HUSK.set, HUSK.frozenset, DROPPED_STR, DROPPED_INT, PERS_ANY];
  interned = /* @__PURE__ */ new Map();
  /** The last few keys written, so STACK_GLOBAL can pin the name strings it just used. */
  recent = [-1, -1, -1, -1];
  recentAt = 0;
  count = 0;
  /** An independent copy for a fork, its values copied through `c` (so sharing with the fork's stack holds). */
  clone(c) {
    const m = new _Memo();
    m.refs = this.refs.slice();
    m.far = this.far ? new Map(this.far) : null;
    m.table.length = 0;
    for (const v of this.table) m.table.push(c.v(v));
    for (const [k, ref] of this.interned) m.interned.set(k !== null && typeof k === "object" ? c.v(k) : k, ref);
    for (let i = 0; i < 4; i++) m.recent[i] = this.recent[i];
    m.recentAt = this.recentAt;
    m.count = this.count;
    return m;
  }
  /** Stores `v` under `idx`; `keep` false means the budget is spent. Returns true for a new key. */
  put(idx, v, keep) {
    const fresh = this.setRef(idx, keep ? this.table.push(v) : this.stand(v));
    if (fresh) this.count++;
    this.recent[this.recentAt++ & 3] = idx;
    return fresh;
  }
  get(idx) {
    const ref = idx < this.refs.length ? this.refs[idx] : this.far?.get(idx) ?? 0;
    return ref === 0 ? void 0 : this.table[ref - 1];
  }
  /**
   * Keeps `s` in full under any recently written key that holds only a stand-in for it. The protocol 4 pickler
   * memoizes a global's module and name strings just before STACK_GLOBAL and fetches them back for later globals.
   */
  pin(s, stood) {
    if (!stood) return;
    for (const idx of this.recent) {
      if (idx >= 0 && this.get(idx) === DROPPED_STR) this.setRef(idx, this.internString(s));
    }
  }
  setRef(idx, ref) {
    if (idx < this.refs.length) {
      const fresh2 = this.refs[idx] === 0;
      this.refs[idx] = ref;
      return fresh2;
    }
    if (idx < 1 << 26 && idx < this.refs.length * 2 + 65536) {
      const grown = new Int32Array(Math.max(idx + 1, this.refs.length * 2));
      grown.set(this.refs);
      this.refs = grown;
      this.refs[idx] = ref;
      return true;
    }
    this.far ??= /* @__PURE__ */ new Map();
    const fresh = !this.far.has(idx);
    this.far.set(idx, ref);
    return fresh;
  }
  internString(s) {
    const have = this.interned.get(s);
    if (have !== void 0) return have;
    const ref = this.table.push(s);
    if (this.interned.size < MAX_INTERNED) this.interned.set(s, ref);
    return ref;
  }
  /** A shared stand-in's table reference (1-based). */
  stand(v) {
    if (v instanceof Cont) return v.kind === "list" ? 1 : v.kind === "tuple" ? 2 : v.kind === "dict" ? 3 : v.kind === "set" ? 4 : 5;
    if (typeof v === "string") return 6;
    if (typeof v === "number" || typeof v === "bigint") return 7;
    if (v instanceof Pers) return 8;
    const key = v instanceof Obj ? v.fn : v;
    const have = this.interned.get(key);
    if (have !== void 0) return have;
    const ref = this.table.push(v instanceof Obj ? new Obj(v.fn, null, v.offset) : v);
    this.interned.set(key, ref);
    return ref;
  }
};

// src/scan/pickle/names.ts
var IMPORT_MAPPING = new Map(Object.entries({
  __builtin__: "builtins",
  copy_reg: "copyreg",
  Queue: "queue",
  SocketServer: "socketserver",
  ConfigParser: "configparser",
  repr: "reprlib",
  tkFileDialog: "tkinter.filedialog",
  tkSimpleDialog: "tkinter.simpledialog",
  tkColorChooser: "tkinter.colorchooser",
  tkCommonDialog: "tkinter.commondialog",
  Dialog: "tkinter.dialog",
  Tkdnd: "tkinter.dnd",
  tkFont: "tkinter.font",
  tkMessageBox: "tkinter.messagebox",
  ScrolledText: "tkinter.scrolledtext",
  Tkconstants: "tkinter.constants",
  Tix: "tkinter.tix",
  ttk: "tkinter.ttk",
  Tkinter: "tkinter",
  markupbase: "_markupbase",
  _winreg: "winreg",
  thread: "_thread",
  dummy_thread: "_dummy_thread",
  dbhash: "dbm.bsd",
  dumbdbm: "dbm.dumb",
  dbm: "dbm.ndbm",
  gdbm: "dbm.gnu",
  xmlrpclib: "xmlrpc.client",
  DocXMLRPCServer: "xmlrpc.server",
  SimpleXMLRPCServer: "xmlrpc.server",
  httplib: "http.client",
  htmlentitydefs: "html.entities",
  HTMLParser: "html.parser",
  Cookie: "http.cookies",
  cookielib: "http.cookiejar",
  BaseHTTPServer: "http.server",
  SimpleHTTPServer: "http.server",
  CGIHTTPServer: "http.server",
  "test.test_support": "test.support",
  commands: "subprocess",
  urlparse: "urllib.parse",
  robotparser: "urllib.robotparser",
  urllib2: "urllib.request",
  anydbm: "dbm",
  _abcoll: "collections.abc",
  cPickle: "pickle",
  _elementtree: "xml.etree.ElementTree",
  FileDialog: "tkinter.filedialog",
  SimpleDialog: "tkinter.simpledialog",
  StringIO: "io",
  cStringIO: "io",
  UserDict: "collections",
  UserList: "collections",
  UserString: "collections",
  whichdb: "dbm",
  exceptions: "builtins"
}));
var NAME_MAPPING = /* @__PURE__ */ new Map([
  ["__builtin__.xrange", ["builtins", "range"]],
  ["__builtin__.reduce", ["functools", "reduce"]],
  ["__builtin__.intern", ["sys", "intern"]],
  ["__builtin__.unichr", ["builtins", "chr"]],
  ["__builtin__.unicode", ["builtins", "str"]],
  ["__builtin__.long", ["builtins", "int"]],
  ["__builtin__.basestring", ["builtins", "str"]],
  ["__builtin__.raw_input", ["builtins", "input"]],
  ["__builtin__.execfile", ["builtins", "exec"]],
  ["__builtin__.file", ["io", "open"]],
  ["itertools.izip", ["builtins", "zip"]],
  ["itertools.imap", ["builtins", "map"]],
  ["itertools.ifilter", ["builtins", "filter"]],
  ["itertools.ifilterfalse", ["itertools", "filterfalse"]],
  ["itertools.izip_longest", ["itertools", "zip_longest"]],
  ["UserDict.IterableUserDict", ["collections", "UserDict"]],
  ["UserList.UserList", ["collections", "UserList"]],
  ["UserString.UserString", ["collections", "UserString"]],
  ["whichdb.whichdb", ["dbm", "whichdb"]],
  ["_socket.fromfd", ["socket", "fromfd"]],
  ["_multiprocessing.Connection", ["multiprocessing.connection", "Connection"]],
  ["multiprocessing.process.Process", ["multiprocessing.context", "Process"]],
  ["multiprocessing.forking.Popen", ["multiprocessing.popen_fork", "Popen"]],
  ["urllib.ContentTooShortError", ["urllib.error", "ContentTooShortError"]],
  ["urllib.getproxies", ["urllib.request", "getproxies"]],
  ["urllib.pathname2url", ["urllib.request", "pathname2url"]],
  ["urllib.quote_plus", ["urllib.parse", "quote_plus"]],
  ["urllib.quote", ["urllib.parse", "quote"]],
  ["urllib.unquote_plus", ["urllib.parse", "unquote_plus"]],
  ["urllib.unquote", ["urllib.parse", "unquote"]],
  ["urllib.url2pathname", ["urllib.request", "url2pathname"]],
  ["urllib.urlcleanup", ["urllib.request", "urlcleanup"]],
  ["urllib.urlencode", ["urllib.parse", "urlencode"]],
  ["urllib.urlopen", ["urllib.request", "urlopen"]],
  ["urllib.urlretrieve", ["urllib.request", "urlretrieve"]],
  ["urllib2.HTTPError", ["urllib.error", "HTTPError"]],
  ["urllib2.URLError", ["urllib.error", "URLError"]],
  ["exceptions.StandardError", ["builtins", "Exception"]],
  ["UserDict.UserDict", ["collections", "UserDict"]],
  ["socket._socketobject", ["socket", "SocketType"]]
]);
function mapPython2(module, name) {
  const both = NAME_MAPPING.get(`${module}.${name}`);
  if (both) return [both[0], both[1]];
  const m = IMPORT_MAPPING.get(module);
  return m === void 0 ? [module, name] : [m, name];
}

// src/scan/pickle/text-args.ts
function isSpace2(c) {
  return c === " " || c === "	" || c === "\n" || c === "\r" || c === "\v" || c === "\f";
}
function cString(s) {
  const z = s.indexOf("\0");
  return z < 0 ? s : s.slice(0, z);
}
function small(v) {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
var MAX_STR_DIGITS2 = 4300;
var DIGITS = { 2: /^[01]$/, 8: /^[0-7]$/, 10: /^[0-9]$/, 16: /^[0-9a-fA-F]$/ };
function pyLong(s, base) {
  let i = 0;
  const n = s.length;
  while (i < n && isSpace2(s[i])) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") {
    neg = s[i] === "-";
    i++;
  }
  let radix = 10;
  if (base === 0 && s[i] === "0" && /[xXoObB]/.test(s[i + 1] ?? "")) {
    const p = s[i + 1].toLowerCase();
    radix = p === "x" ? 16 : p === "o" ? 8 : 2;
    i += 2;
    if (s[i] === "_") i++;
  }
  const digitRe = DIGITS[radix];
  let digits = "";
  let lastUnderscore = false;
  for (; i < n; i++) {
    const c = s[i];
    if (c === "_") {
      if (lastUnderscore || digits === "") return null;
      lastUnderscore = true;
      continue;
    }
    if (!digitRe.test(c)) break;
    digits += c;
    lastUnderscore = false;
  }
  if (digits === "" || lastUnderscore) return null;
  while (i < n && isSpace2(s[i])) i++;
  if (i !== n) return null;
  if (base === 0 && radix === 10 && digits.length > 1 && digits[0] === "0" && /[1-9]/.test(digits)) return null;
  if (radix === 10 && digits.length > MAX_STR_DIGITS2) return null;
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}
var LONG_MAX = (1n << 63n) - 1n;
function strtol0(s) {
  let i = 0;
  while (i < s.length && isSpace2(s[i])) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") {
    neg = s[i] === "-";
    i++;
  }
  let radix = 10;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) {
    radix = 16;
    i += 2;
  } else if (s[i] === "0") radix = 8;
  const re = DIGITS[radix];
  const start = i;
  while (i < s.length && re.test(s[i])) i++;
  if (i === start) return { v: 0n, end: 0, range: false };
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : "";
  const mag = BigInt(prefix + s.slice(start, i));
  const v = neg ? -mag : mag;
  return { v, end: i, range: v > LONG_MAX || v < -LONG_MAX - 1n };
}
function intArg(line, py) {
  if (py) {
    if (line === "00") return false;
    if (line === "01") return true;
    if (line.includes("\0")) return null;
    const v2 = pyLong(`${line}
`, 0);
    return v2 === null ? null : small(v2);
  }
  if (line.length < 1) return null;
  const r = strtol0(line);
  const stop = r.end === line.length || line[r.end] === "\0";
  if (!r.range && stop) {
    if (line.length === 2 && (r.v === 0n || r.v === 1n)) return r.v === 1n;
    return small(r.v);
  }
  const v = pyLong(cString(`${line}
`), 0);
  return v === null ? null : small(v);
}
function longArg(line, py) {
  if (line.length < 1 && !py) return null;
  const body = line.endsWith("L") ? line.slice(0, -1) : `${line}
`;
  if (py && line.includes("\0")) return null;
  const v = pyLong(py ? body : cString(body), 0);
  return v === null ? null : small(v);
}
function memoKeyArg(line, py) {
  if (line.length < 1 && !py) return null;
  if (py && line.includes("\0")) return null;
  const v = pyLong(py ? line : cString(`${line}
`), 10);
  if (v === null || !py && (v > LONG_MAX || v < -LONG_MAX - 1n)) return null;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v > 0n ? Number.MAX_SAFE_INTEGER : -1;
  return Number(v);
}
var FLOAT_BODY = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i;
function floatArg(line, py) {
  if (py) {
    if (line.includes("\0")) return false;
    let t = line;
    if (t.includes("_")) {
      for (let i = 0; i < t.length; i++) if (t[i] === "_" && !(/[0-9]/.test(t[i - 1] ?? "") && /[0-9]/.test(t[i + 1] ?? ""))) return false;
      t = t.replace(/_/g, "");
    }
    let a = 0;
    let b = t.length;
    while (a < b && isSpace2(t[a])) a++;
    while (b > a && isSpace2(t[b - 1])) b--;
    t = t.slice(a, b);
    const m2 = FLOAT_BODY.exec(t);
    return m2 !== null && m2[0].length === t.length;
  }
  if (line.length < 1) return false;
  const s = cString(line);
  const m = FLOAT_BODY.exec(s);
  if (!m || m[0].length !== s.length) return false;
  return /inf|nan/i.test(m[0]) || Number.isFinite(Number(m[0]));
}
var SIMPLE_ESCAPES2 = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v",
  "\n": ""
};
function stringArg(line) {
  if (line.length < 2) return null;
  const q = line[0];
  if (q !== "'" && q !== '"' || line[line.length - 1] !== q) return null;
  const body = line.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[i + 1];
    if (e === void 0) return null;
    if (SIMPLE_ESCAPES2[e] !== void 0) {
      out += SIMPLE_ESCAPES2[e];
      i++;
      continue;
    }
    if (e === "x") {
      const h = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
      out += String.fromCharCode(parseInt(h, 16));
      i += 3;
      continue;
    }
    if (e >= "0" && e <= "7") {
      const o = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? "0";
      out += String.fromCharCode(parseInt(o, 8) & 255);
      i += o.length;
      continue;
    }
    out += `\\${e}`;
    i++;
  }
  return out;
}
function unicodeArg(line) {
  let out = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    let run = 1;
    while (line[i + run] === "\\") run++;
    const next = line[i + run];
    if ((next === "u" || next === "U") && run % 2 === 1) {
      out += "\\".repeat(run - 1);
      const n = next === "u" ? 4 : 8;
      const h = line.slice(i + run + 1, i + run + 1 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return null;
      const cp = parseInt(h, 16);
      if (cp > 1114111) return null;
      out += String.fromCodePoint(cp);
      i += run + n;
      continue;
    }
    out += "\\".repeat(run);
    i += run - 1;
  }
  return out;
}
var UTF8_STRICT = new TextDecoder("utf-8", { fatal: true });
function globalLine(buf, s, e) {
  if (e <= s) return null;
  let ascii = true;
  for (let i = s; i < e; i++) if (buf[i] >= 128) {
    ascii = false;
    break;
  }
  if (ascii) return latin1Of(buf, s, e);
  try {
    return UTF8_STRICT.decode(buf.subarray(s, e));
  } catch {
    return null;
  }
}
function instLine(buf, s, e) {
  if (e <= s) return null;
  for (let i = s; i < e; i++) if (buf[i] >= 128) return null;
  return latin1Of(buf, s, e);
}
function latin1Of(buf, s, e) {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("latin1");
}

// src/scan/pickle/vm.ts
var DEFAULT_PICKLE_LIMITS = {
  maxOpcodes: 5e8,
  maxStack: 2e6,
  maxMarks: 1e5,
  maxMemo: 8e6,
  maxLine: 1 << 20,
  maxGlobals: 1e4,
  maxPickles: 1e5,
  maxDepth: 3,
  maxRetained: 1 << 16,
  maxStorages: 1e6,
  maxReadings: 12
};
var KEEP_LITERAL = 1024;
var SMALL_CONTAINER = 32;
var CONTAINER_CAP = 4096;
var LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
var JOBLIB_ARRAY_WRAPPER = { tier: "safe", reason: "joblib's array wrapper, whose array bytes this scan read as joblib.load reads them" };
var S_OPS = 0;
var S_DATA = 1;
var S_RAW = 2;
var S_HDR = 3;
var S_DEAD = 4;
var STARTER = new Uint8Array(256);
for (const c of [
  OP.PROTO,
  OP.FRAME,
  OP.MARK,
  OP.GLOBAL,
  OP.FLOAT,
  OP.INT,
  OP.BININT,
  OP.BININT1,
  OP.LONG,
  OP.BININT2,
  OP.NONE,
  OP.PERSID,
  OP.STRING,
  OP.BINSTRING,
  OP.SHORT_BINSTRING,
  OP.UNICODE,
  OP.BINUNICODE,
  OP.EMPTY_DICT,
  OP.EMPTY_LIST,
  OP.EMPTY_TUPLE,
  OP.BINFLOAT,
  OP.EXT1,
  OP.EXT2,
  OP.EXT4,
  OP.NEWTRUE,
  OP.NEWFALSE,
  OP.LONG1,
  OP.LONG4,
  OP.BINBYTES,
  OP.SHORT_BINBYTES,
  OP.SHORT_BINUNICODE,
  OP.BINUNICODE8,
  OP.BINBYTES8,
  OP.EMPTY_SET,
  OP.BYTEARRAY8
]) STARTER[c] = 1;
var TEXT_OP = new Uint8Array(256);
for (const c of [OP.INT, OP.LONG, OP.FLOAT, OP.STRING, OP.UNICODE, OP.GET, OP.PUT, OP.GLOBAL, OP.INST, OP.PERSID]) TEXT_OP[c] = 1;
var VARIABLE_OP = new Uint8Array(256);
for (const c of [
  OP.LONG1,
  OP.LONG4,
  OP.SHORT_BINUNICODE,
  OP.BINUNICODE,
  OP.BINUNICODE8,
  OP.SHORT_BINSTRING,
  OP.BINSTRING,
  OP.SHORT_BINBYTES,
  OP.BINBYTES,
  OP.BINBYTES8,
  OP.BYTEARRAY8,
  OP.FRAME
]) VARIABLE_OP[c] = 1;
for (let c = 0; c < 256; c++) if (TEXT_OP[c]) VARIABLE_OP[c] = 1;
var SHORT_LEN_OP = new Uint8Array(256);
for (const c of [OP.LONG1, OP.SHORT_BINUNICODE, OP.SHORT_BINSTRING, OP.SHORT_BINBYTES]) SHORT_LEN_OP[c] = 1;
var FIXED_ARG = {
  [OP.BININT1]: 1,
  [OP.BINGET]: 1,
  [OP.BINPUT]: 1,
  [OP.PROTO]: 1,
  [OP.EXT1]: 1,
  [OP.BININT2]: 2,
  [OP.EXT2]: 2,
  [OP.BININT]: 4,
  [OP.LONG_BINGET]: 4,
  [OP.LONG_BINPUT]: 4,
  [OP.EXT4]: 4,
  [OP.BINFLOAT]: 8
};
function crossCut(buf, pos, fe) {
  const op = buf[pos];
  const p = pos + 1;
  const fixed = FIXED_ARG[op];
  if (fixed !== void 0) return p + fixed <= fe || p >= fe ? -1 : p;
  if (TEXT_OP[op] === 1) {
    const nl = buf.indexOf(10, p);
    if (nl < 0) return -2;
    if (nl >= fe) return p < fe ? p : -1;
    if (op !== OP.GLOBAL && op !== OP.INST) return -1;
    const q2 = nl + 1;
    const nl2 = buf.indexOf(10, q2);
    if (nl2 < 0) return -2;
    return nl2 < fe || q2 >= fe ? -1 : q2;
  }
  let k;
  switch (op) {
    case OP.LONG1:
    case OP.SHORT_BINUNICODE:
    case OP.SHORT_BINSTRING:
    case OP.SHORT_BINBYTES:
      k = 1;
      break;
    case OP.LONG4:
    case OP.BINUNICODE:
    case OP.BINSTRING:
    case OP.BINBYTES:
      k = 4;
      break;
    case OP.BINUNICODE8:
    case OP.BINBYTES8:
    case OP.BYTEARRAY8:
    case OP.FRAME:
      k = 8;
      break;
    default:
      return -1;
  }
  if (p + k > fe) return p < fe ? p : -1;
  if (p + k > buf.length) return -2;
  let n = 0;
  for (let i = k - 1; i >= 0; i--) n = n * 256 + buf[p + i];
  if (op === OP.SHORT_BINBYTES || op === OP.BINBYTES || op === OP.BINBYTES8 || op === OP.BYTEARRAY8) return -1;
  const q = p + k;
  return q + n <= fe || q >= fe ? -1 : q;
}
var PickleError = class extends Error {
  constructor(check, message, at, help) {
    super(message);
    this.check = check;
    this.at = at;
    this.help = help;
  }
  check;
  at;
  help;
};
var Halt = class extends Error {
};
var ASCII_MODULE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
var NOT_ASCII = /[^\0-\x7f]/;
var unicodeModulePath;
function isModulePath(s) {
  if (!NOT_ASCII.test(s)) return ASCII_MODULE_PATH.test(s);
  unicodeModulePath ??= /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;
  return unicodeModulePath.test(s);
}
var PARTIAL = /* @__PURE__ */ new Set(["functools.partial", "_functools.partial"]);
var isPartial = (v) => v instanceof Glob && !v.dynamic && PARTIAL.has(`${v.module}.${v.name}`);
var TIER_RANK = { safe: 0, review: 1, unknown: 2, dangerous: 3 };
function hex(n) {
  return `0x${n.toString(16)}`;
}
var SLICERS = Buffer.prototype;
function latin1(buf, s, e) {
  return SLICERS.latin1Slice.call(buf, s, e);
}
var UTF8_STRICT2 = new TextDecoder("utf-8", { fatal: true });
function utf8Pass(buf, s, e) {
  const fast = SLICERS.utf8Slice.call(buf, s, e);
  if (!fast.includes("\uFFFD")) return fast;
  try {
    return UTF8_STRICT2.decode(buf.subarray(s, e));
  } catch {
    let out = "";
    let i = s;
    while (i < e) {
      const b = buf[i];
      if (b === 237 && i + 2 < e && (buf[i + 1] & 224) === 160 && (buf[i + 2] & 192) === 128) {
        out += String.fromCharCode(53248 | (buf[i + 1] & 63) << 6 | buf[i + 2] & 63);
        i += 3;
        continue;
      }
      let j = i;
      while (j < e && !(buf[j] === 237 && j + 1 < e && (buf[j + 1] & 224) === 160)) j++;
      try {
        out += UTF8_STRICT2.decode(buf.subarray(i, j));
      } catch {
        return null;
      }
      if (j === i) return null;
      i = j;
    }
    return out;
  }
}
function mayImport(buf, s, e) {
  if (e - s < 5 || STARTER[buf[s]] !== 1) return false;
  let nl = false, ci = false;
  for (let i = s; i < e; i++) {
    const b = buf[i];
    if (b === 147 || b === 130 || b === 131 || b === 132) return true;
    if (b === 10) nl = true;
    else if (b === 99 || b === 105) ci = true;
  }
  return nl && ci;
}
var Latin1Transcoder = class {
  lead = 0;
  feed(buf, s, e) {
    const out = new Uint8Array(e - s + 1);
    let n = 0;
    for (let i = s; i < e; i++) {
      const b = buf[i];
      if (this.lead !== 0) {
        if ((b & 192) !== 128) return null;
        out[n++] = (this.lead & 3) << 6 | b & 63;
        this.lead = 0;
      } else if (b < 128) out[n++] = b;
      else if (b === 194 || b === 195) this.lead = b;
      else return null;
    }
    return out.subarray(0, n);
  }
};
function latin1Bytes(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return null;
    out[i] = c;
  }
  return out;
}
var PickleVM = class _PickleVM {
  constructor(o) {
    this.o = o;
    this.legacy = o.mode === "legacy-torch";
    this.joblibReader = o.mode === "joblib";
    this.wo = o.torchDataPkl || this.legacy ? { loads: true } : null;
    this.ctx = this.newCtx(0, false, this.joblibReader);
  }
  o;
  state = S_OPS;
  /** An opcode cut by a chunk's end: its bytes so far (a growable buffer), from stream offset carryAbs. */
  carry = null;
  carryLen = 0;
  carryAbs = 0;
  /** Carry length at the last attempt: it is retried when it doubles (or a line ends), so long lines stay linear. */
  carryTried = 0;
  carryText = false;
  /** Bytes pushed so far (the stream offset after them). */
  streamLen = 0;
  ctx;
  outer = [];
  pickles = 0;
  totalOps = 0;
  retained = 0;
  error = null;
  findings = new FindingSet();
  nestedFindings = [];
  globals = /* @__PURE__ */ new Map();
  callTargets = /* @__PURE__ */ new Map();
  calls = 0;
  complete = true;
  /** Something was imported or called (here or in a nested literal that is reported). */
  sawImport = false;
  /** pickle.load has imported or called something by now: no EXT or persistent id (which make it raise) came first. */
  effect = false;
  plainRaised = false;
  /** Something an enclosing scan must report even without imports (a nesting limit hit). */
  mustReport = false;
  /** Furthest end of any FRAME seen: past the end of the data, the C unpickler fails at that FRAME. */
  frameHorizon = 0;
  formats = /* @__PURE__ */ new Set(["pickle"]);
  // Large literal being skipped.
  dRemain = 0;
  dValue = null;
  dAt = 0;
  dOp = 0;
  dChild = null;
  dDecide = false;
  dHead = [];
  dText = null;
  dChildAt = 0;
  // Raw bytes (legacy storages, joblib arrays) and small headers before them.
  rawRemain = 0;
  rawThen = null;
  hdr = new Uint8Array(8);
  hdrHave = 0;
  hdrNeed = 0;
  hdrThen = null;
  // Legacy torch (pre-1.6) layout.
  legacy;
  storages = /* @__PURE__ */ new Map();
  legacyKeys = [];
  legacyIdx = 0;
  // torch weights_only verdict for data.pkl.
  wo;
  // Readings of the same bytes by other loaders.
  forks = [];
  family = { readings: 1 };
  /** Which forks this reading has made (each kind once). */
  forked = /* @__PURE__ */ new Set();
  /** This reading is joblib.load's: wrapper BUILDs read arrays from the stream. */
  joblibReader;
  /** joblib.load(..., mmap_mode=...): wrappers that allow it are memory-mapped. */
  mmapMode = false;
  /** Set once the root knows its own parse errors are expected: pickle.load of a joblib file stops at the arrays. */
  quiet = null;
  quietStop = null;
  /** Pickles in literals, pending until something unpickles the literal (or the scan ends). */
  nestedPending = /* @__PURE__ */ new Map();
  nestedUnloaded = 0;
  /**
   * A reading that dropped bytes (the C unpickler discarding the rest of a buffered frame) sees later bytes at
   * lower positions: this maps its positions back to where they are in the file.
   */
  mapOff = null;
  /** The buffer runOps is working on, and the stream offset of its byte 0 (forks start inside it). */
  curBuf = new Uint8Array(0);
  curAbs = 0;
  newCtx(index, inline, py) {
    const legacyKeys = this.legacy && index === 4 && !inline;
    return {
      stack: [],
      marks: [],
      memo: new Memo(),
      proto: 0,
      frameEnd: -1,
      frameReported: false,
      ops: 0,
      index,
      inline,
      containerCap: legacyKeys ? this.o.limits.maxStorages : CONTAINER_CAP,
      py,
      deferred: []
    };
  }
  // ----------------------------- stream driving -----------------------------
  push(chunk) {
    const abs = this.streamLen;
    this.streamLen += chunk.length;
    if (chunk.length === 0) return;
    if (this.state !== S_DEAD) {
      this.guard(() => {
        let rest = chunk;
        let restAbs = abs;
        while (this.carry && rest.length > 0 && this.state !== S_DEAD) {
          const k = Math.min(rest.length, Math.max(65536, this.carryLen * 2));
          this.appendCarry(rest, k);
          const piece = rest.subarray(0, k);
          rest = rest.subarray(k);
          restAbs += k;
          const lineEnded = this.carryText && piece.includes(10);
          if (!lineEnded && this.carryLen < this.carryTried * 2 && rest.length === 0) break;
          const joined = this.carry.subarray(0, this.carryLen);
          const jAbs = this.carryAbs;
          this.carry = null;
          this.carryLen = 0;
          this.drive(joined, jAbs, false);
        }
        if (rest.length > 0 && this.state !== S_DEAD) this.drive(rest, restAbs, false);
      });
    }
    this.forward(chunk, abs);
  }
  /**
   * Nothing ahead is read: this reading and every other reading of the stream (forks) have stopped, so later
   * bytes would only be counted (the local reader may pass them by unread).
   */
  idle() {
    return this.state === S_DEAD && this.carry === null && this.forks.every((f) => f.vm.idle());
  }
  /** `n` bytes pass by unread; only while idle(). Positions move on as push() would move them. */
  skip(n) {
    if (!this.idle()) throw new Error("pickle VM: skip() while still reading");
    const abs = this.streamLen;
    this.streamLen += n;
    const end = abs + n;
    for (const f of this.forks) {
      const from = Math.max(f.fedTo, abs);
      if (from < end) {
        f.vm.skip(end - from);
        f.fedTo = end;
      }
    }
  }
  appendCarry(src, k) {
    let buf = this.carry;
    if (this.carryLen + k > buf.length) {
      const grown = new Uint8Array(Math.max(this.carryLen + k, buf.length * 2));
      grown.set(buf.subarray(0, this.carryLen));
      buf = grown;
      this.carry = grown;
    }
    buf.set(src.subarray(0, k), this.carryLen);
    this.carryLen += k;
  }
  setCarry(buf, pos, abs0) {
    const n = buf.length - pos;
    const c = new Uint8Array(Math.max(256, n * 2));
    c.set(buf.subarray(pos));
    this.carry = c;
    this.carryLen = n;
    this.carryTried = n;
    this.carryAbs = abs0 + pos;
    this.carryText = TEXT_OP[buf[pos]] === 1;
  }
  /** Hands the forks the bytes of this chunk they have not seen (each started at its own offset). */
  forward(chunk, abs) {
    const end = abs + chunk.length;
    for (const f of this.forks) {
      const from = Math.max(f.fedTo, abs);
      if (from < end) {
        f.vm.push(chunk.subarray(from - abs));
        f.fedTo = end;
      }
    }
  }
  /** Ends the stream; afterwards the VM holds its final findings. */
  finish() {
    this.guard(() => {
      if (this.carry) {
        const c = this.carry.subarray(0, this.carryLen);
        const at = this.carryAbs;
        this.carry = null;
        this.carryLen = 0;
        this.drive(c, at, true);
      }
      if (this.state === S_DEAD) return;
      const end = this.streamLen;
      if (this.state === S_DATA) throw new PickleError("pickle.parse-error", `${opName(this.dOp)} literal is truncated: ${this.dRemain} bytes missing`, this.dAt);
      if (this.state === S_RAW) throw new PickleError("pickle.parse-error", `raw data after the pickle is truncated: ${this.rawRemain} bytes missing`, end);
      if (this.state === S_HDR) throw new PickleError("pickle.parse-error", "raw data header is truncated", end);
      if (this.frameHorizon > end && !this.ctx.py) throw new PickleError("pickle.frame", `FRAME runs past the end of the data (to ${hex(this.off(this.frameHorizon))})`, end);
      if (this.ctx.ops > 0 || this.outer.length > 0 || this.ctx.deferred.length > 0) throw new PickleError("pickle.parse-error", "pickle ends without STOP (truncated)", end);
      if (this.legacy && this.pickles > 0 && this.pickles < 5 && this.o.mode === "auto") {
        this.add("pickle.legacy", "high", `legacy torch file ends after ${this.pickles} of its 5 pickles`, end, "legacy-short");
        this.complete = false;
      }
      if (this.pickles === 0) throw new PickleError("pickle.parse-error", "no pickle: the data is empty", 0);
    });
    if (this.dChild) this.closeChild();
    for (const f of this.forks) {
      f.vm.finish();
      this.absorb(f);
    }
    this.settleNested();
  }
  guard(fn2) {
    try {
      fn2();
    } catch (err2) {
      if (err2 instanceof Halt) {
        this.halt();
        return;
      }
      if (!(err2 instanceof PickleError)) throw err2;
      this.fail(err2);
    }
  }
  halt() {
    this.state = S_DEAD;
    this.carry = null;
  }
  fail(err2) {
    this.halt();
    this.error = err2;
    const after = this.pickles > 0 && this.ctx.ops <= 1 && this.outer.length === 0 && err2.check === "pickle.parse-error";
    const message = after ? `data after pickle #${this.pickles} is not a pickle: ${err2.message}` : err2.message;
    if (this.quiet !== null && err2.check === "pickle.parse-error") {
      this.quietStop = `${this.quiet}; it stops at ${hex(this.off(err2.at))} (${message})`;
      return;
    }
    this.complete = false;
    this.add(err2.check, "high", message, err2.at, `error:${err2.check}`, err2.help ?? "The file could not be read to its end as the unpickler would read it. What came before the error still runs on load; treat the file as unsafe.");
  }
  drive(buf, abs0, final) {
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      switch (this.state) {
        case S_OPS: {
          pos = this.runOps(buf, pos, abs0, final);
          if (this.state === S_OPS && pos < len) {
            const rest = len - pos;
            if (rest > this.o.limits.maxLine * 2 + 64) {
              throw new PickleError("pickle.limit", `text argument longer than ${this.o.limits.maxLine} bytes`, abs0 + pos);
            }
            this.setCarry(buf, pos, abs0);
            return;
          }
          break;
        }
        case S_DATA:
          pos = this.feedData(buf, pos, abs0);
          break;
        case S_RAW: {
          const n = Math.min(this.rawRemain, len - pos);
          this.rawRemain -= n;
          pos += n;
          if (this.rawRemain === 0) this.afterRaw(abs0 + pos);
          break;
        }
        case S_HDR: {
          while (this.hdrHave < this.hdrNeed && pos < len) this.hdr[this.hdrHave++] = buf[pos++];
          if (this.hdrHave === this.hdrNeed) {
            const then = this.hdrThen;
            this.hdrThen = null;
            this.state = S_OPS;
            this.curBuf = buf;
            this.curAbs = abs0;
            then?.(this.hdr, abs0 + pos - this.hdrNeed);
          }
          break;
        }
        default:
          return;
      }
    }
  }
  // ----------------------------- the opcode loop -----------------------------
  // Case labels are numeric literals (named in comments) so the switch compiles to a jump table.
  runOps(buf, pos, abs0, final) {
    const len = buf.length;
    const L = this.o.limits;
    this.curBuf = buf;
    this.curAbs = abs0;
    while (pos < len && this.state === S_OPS) {
      const ctx = this.ctx;
      const op = buf[pos];
      const at = abs0 + pos;
      if (ctx.frameEnd >= 0 && !ctx.py) {
        const fe = ctx.frameEnd - abs0;
        if (fe - pos < 10 || VARIABLE_OP[op] === 1 && (SHORT_LEN_OP[op] === 0 || fe - pos < 258)) {
          const cut = crossCut(buf, pos, fe);
          if (cut >= 0 && !this.forked.has(`cross:${at}`)) this.bufferedFrame(at, abs0 + cut, ctx.frameEnd);
        }
      }
      if (++this.totalOps > L.maxOpcodes) throw new PickleError("pickle.limit", `more than ${L.maxOpcodes} opcodes`, at);
      ctx.ops++;
      if (this.wo !== null && WEIGHTS_ONLY_OPS[op] === 0 && (this.legacy || ctx.index === 0)) this.woFail(`${opName(op)} opcode`, at);
      let next = -1;
      const st = ctx.stack;
      switch (op) {
        // -- values --
        case 78:
          st.push(null);
          next = pos + 1;
          break;
        case 136:
          st.push(true);
          next = pos + 1;
          break;
        case 137:
          st.push(false);
          next = pos + 1;
          break;
        case 75:
          if (pos + 2 <= len) {
            st.push(buf[pos + 1]);
            next = pos + 2;
          }
          break;
        case 77:
          if (pos + 3 <= len) {
            st.push(buf[pos + 1] | buf[pos + 2] << 8);
            next = pos + 3;
          }
          break;
        case 74:
          if (pos + 5 <= len) {
            st.push(buf[pos + 1] | buf[pos + 2] << 8 | buf[pos + 3] << 16 | buf[pos + 4] << 24);
            next = pos + 5;
          }
          break;
        case 71:
          if (pos + 9 <= len) {
            st.push(FLOAT);
            next = pos + 9;
          }
          break;
        case 138:
          if (pos + 2 <= len) {
            const n = buf[pos + 1];
            if (pos + 2 + n <= len) {
              st.push(decodeLong(buf, pos + 2, n));
              next = pos + 2 + n;
            }
          }
          break;
        case 139:
          if (pos + 5 <= len) {
            const n = i323(buf, pos + 1);
            if (n < 0) throw new PickleError("pickle.parse-error", "LONG4 has a negative byte count", at);
            if (n > KEEP_LITERAL) next = this.beginData(op, at, n, BIG_INT, pos + 5, false, false);
            else if (pos + 5 + n <= len) {
              st.push(decodeLong(buf, pos + 5, n));
              next = pos + 5 + n;
            }
          }
          break;
        case 140:
          if (pos + 2 <= len) {
            const n = buf[pos + 1];
            if (pos + 2 + n <= len) {
              this.pushStr(this.utf8(buf, pos + 2, pos + 2 + n, op, at), pos + 2);
              next = pos + 2 + n;
            }
          }
          break;
        case 88:
          if (pos + 5 <= len) next = this.lenPrefixed(buf, pos, op, at, u32(buf, pos + 1), 5, "str");
          break;
        case 141:
          if (pos + 9 <= len) next = this.lenPrefixed(buf, pos, op, at, u64(buf, pos + 1, at), 9, "str");
          break;
        case 85:
        case 67:
          if (pos + 2 <= len) {
            const n = buf[pos + 1];
            if (pos + 2 + n <= len) {
              const found = this.nestedSmall(buf, pos + 2, pos + 2 + n);
              st.push(this.literalValue(op === OP.SHORT_BINSTRING ? latin1(buf, pos + 2, pos + 2 + n) : BYTES, found));
              next = pos + 2 + n;
            }
          }
          break;
        case 84:
          if (pos + 5 <= len) {
            const n = i323(buf, pos + 1);
            if (n < 0) throw new PickleError("pickle.parse-error", "BINSTRING has a negative byte count", at);
            next = this.lenPrefixed(buf, pos, op, at, n, 5, "bstr");
          }
          break;
        case 66:
          if (pos + 5 <= len) next = this.lenPrefixed(buf, pos, op, at, u32(buf, pos + 1), 5, "bytes");
          break;
        case 142:
        case 150:
          if (pos + 9 <= len) next = this.lenPrefixed(buf, pos, op, at, u64(buf, pos + 1, at), 9, "bytes");
          break;
        case 73:
        case 76:
        case 70:
        case 83:
        case 86: {
          const nl = this.lineEnd(buf, pos + 1, at);
          if (nl < 0) break;
          const line = latin1(buf, pos + 1, nl);
          next = nl + 1;
          if (op === OP.STRING || op === OP.UNICODE) {
            const v = op === OP.STRING ? stringArg(line) : unicodeArg(line);
            if (v === null) throw new PickleError("pickle.parse-error", `${opName(op)} argument is malformed`, at);
            this.pushStr(v, pos + 1);
            break;
          }
          this.textNumber(line, op, at, nl + 1 - pos);
          break;
        }
        // -- containers --
        case 93:
          st.push(new Cont("list", [], 0));
          next = pos + 1;
          break;
        case 125:
          st.push(new Cont("dict", [], 0));
          next = pos + 1;
          break;
        case 41:
          st.push(new Cont("tuple", [], 0));
          next = pos + 1;
          break;
        case 143:
          st.push(new Cont("set", [], 0));
          next = pos + 1;
          break;
        case 133:
        case 134:
        case 135: {
          const n = op - OP.TUPLE1 + 1;
          if (st.length - n < this.fence()) this.underflow(op, at);
          const items = st.splice(st.length - n, n);
          this.retained += n;
          st.push(new Cont("tuple", items, n));
          next = pos + 1;
          break;
        }
        case 116:
        case 108:
        case 145:
        case 100: {
          const kind = op === OP.TUPLE ? "tuple" : op === OP.LIST ? "list" : op === OP.DICT ? "dict" : "frozenset";
          st.push(this.containerFromMark(kind, op, at));
          next = pos + 1;
          break;
        }
        case 97: {
          if (st.length - 1 <= this.fence()) this.underflow(op, at);
          const v = st.pop();
          this.addTo(st[st.length - 1], v, "list", op, at);
          next = pos + 1;
          break;
        }
        case 115: {
          if (st.length - 2 <= this.fence()) this.underflow(op, at);
          const v = st.pop();
          const k = st.pop();
          this.setItems(st[st.length - 1], k, v, op, at);
          next = pos + 1;
          break;
        }
        case 101:
        case 117:
        case 144: {
          const mark = this.marker(op, at);
          if (mark > st.length || mark <= this.fence()) this.underflow(op, at);
          const n = st.length - mark;
          if (op === OP.SETITEMS && n % 2 !== 0) throw new PickleError("pickle.parse-error", "odd number of items for SETITEMS", at);
          const target = st[mark - 1];
          if (n > 0) {
            if (op === OP.SETITEMS) for (let i = mark; i < st.length; i += 2) this.setItems(target, st[i], st[i + 1], op, at);
            else for (let i = mark; i < st.length; i++) this.addTo(target, st[i], op === OP.APPENDS ? "list" : "set", op, at);
            st.length = mark;
          } else if (this.woLive()) {
            this.woTarget(target, op === OP.SETITEMS ? "dict" : "list", op, at);
          }
          next = pos + 1;
          break;
        }
        // -- stack --
        case 40:
          if (ctx.marks.length >= L.maxMarks) throw new PickleError("pickle.limit", `more than ${L.maxMarks} open MARKs`, at);
          ctx.marks.push(st.length);
          next = pos + 1;
          break;
        case 48:
          if (ctx.marks.length > 0 && ctx.marks[ctx.marks.length - 1] === st.length) ctx.marks.pop();
          else if (st.length <= this.fence()) this.underflow(op, at);
          else st.pop();
          next = pos + 1;
          break;
        case 49:
          this.popMark(op, at);
          next = pos + 1;
          break;
        case 50:
          if (st.length <= this.fence()) this.underflow(op, at);
          st.push(st[st.length - 1]);
          next = pos + 1;
          break;
        // -- memo --
        case 113:
          if (pos + 2 <= len) {
            this.memoPut(buf[pos + 1], op, at);
            next = pos + 2;
          }
          break;
        case 114:
          if (pos + 5 <= len) {
            this.memoPut(u32(buf, pos + 1), op, at);
            next = pos + 5;
          }
          break;
        case 148:
          this.memoPut(ctx.memo.count, op, at);
          next = pos + 1;
          break;
        case 104:
          if (pos + 2 <= len) {
            st.push(this.memoGet(buf[pos + 1], at));
            next = pos + 2;
          }
          break;
        case 106:
          if (pos + 5 <= len) {
            st.push(this.memoGet(u32(buf, pos + 1), at));
            next = pos + 5;
          }
          break;
        case 112:
        case 103: {
          const nl = this.lineEnd(buf, pos + 1, at);
          if (nl < 0) break;
          const line = latin1(buf, pos + 1, nl);
          this.textMemo(line, op, at, nl + 1 - pos);
          next = nl + 1;
          break;
        }
        // -- imports --
        case 99:
        case 105: {
          const nl1 = this.lineEnd(buf, pos + 1, at);
          const nl2 = nl1 < 0 ? -1 : this.lineEnd(buf, nl1 + 1, at);
          if (nl2 < 0) {
            if (final && (ctx.py || this.o.mode === "auto")) this.pyLastLine(buf, pos, nl1, op, at);
            break;
          }
          const line = op === OP.GLOBAL ? globalLine : instLine;
          const mod = line(buf, pos + 1, nl1);
          const name = line(buf, nl1 + 1, nl2);
          if (mod === null || name === null) {
            throw new PickleError("pickle.parse-error", `${opName(op)} names must be non-empty ${op === OP.GLOBAL ? "UTF-8" : "ASCII"} lines`, at);
          }
          const g = this.importGlobal(mod, name, at, op);
          if (op === OP.GLOBAL) st.push(g);
          else {
            const args = this.popMark(op, at);
            this.call(g, new Cont("tuple", args, args.length), at, op);
          }
          next = nl2 + 1;
          break;
        }
        case 147: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const name = st.pop();
          const mod = st.pop();
          st.push(this.stackGlobal(mod, name, at));
          next = pos + 1;
          break;
        }
        case 130:
        case 131:
        case 132: {
          const n = op === OP.EXT1 ? 1 : op === OP.EXT2 ? 2 : 4;
          if (pos + 1 + n > len) break;
          const code = n === 1 ? buf[pos + 1] : n === 2 ? buf[pos + 1] | buf[pos + 2] << 8 : i323(buf, pos + 1);
          if (code <= 0) throw new PickleError("pickle.parse-error", `${opName(op)} extension code ${code} is not positive`, at);
          this.sawImport = true;
          this.plainRaised = true;
          this.add(
            "pickle.ext",
            "critical",
            `${opName(op)} imports extension code ${code} through copyreg's registry: the imported name is invisible`,
            at,
            `ext:${code}`,
            "Extension codes import whatever the loading process registered; a model file has no reason to use them.",
            `${opName(op)} ${code}`
          );
          st.push(new Glob("copyreg extension", String(code), "dangerous", this.off(at), false, true));
          next = pos + 1 + n;
          break;
        }
        // -- calls --
        case 82: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const args = st.pop();
          const fn2 = st.pop();
          this.call(fn2, args, at, op);
          next = pos + 1;
          break;
        }
        case 129: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const args = st.pop();
          const cls = st.pop();
          this.call(cls, args, at, op);
          next = pos + 1;
          break;
        }
        case 146: {
          if (st.length - 3 < this.fence()) this.underflow(op, at);
          st.pop();
          const args = st.pop();
          const cls = st.pop();
          this.call(cls, args, at, op);
          next = pos + 1;
          break;
        }
        case 111: {
          const items = this.popMark(op, at);
          if (items.length < 1) this.underflow(op, at);
          const cls = items[0];
          this.call(cls, new Cont("tuple", items.slice(1), items.length - 1), at, op);
          next = pos + 1;
          break;
        }
        case 98: {
          if (st.length - 2 < this.fence()) this.underflow(op, at);
          const state = st.pop();
          next = pos + 1;
          this.build(st[st.length - 1], state, at, abs0 + next);
          break;
        }
        // -- persistent ids --
        case 81: {
          if (st.length <= this.fence()) this.underflow(op, at);
          const pid = st.pop();
          st.push(this.persistent(pid, at, op));
          next = pos + 1;
          break;
        }
        case 80: {
          const nl = this.lineEnd(buf, pos + 1, at);
          if (nl < 0) break;
          const pid = instLine(buf, pos + 1, nl) ?? (nl === pos + 1 ? "" : null);
          if (pid === null) throw new PickleError("pickle.parse-error", "persistent IDs in protocol 0 must be ASCII strings", at);
          st.push(this.persistent(pid, at, op));
          next = nl + 1;
          break;
        }
        // -- framing and protocol --
        case 128:
          if (pos + 2 <= len) {
            const p = buf[pos + 1];
            if (p > HIGHEST_PROTOCOL) throw new PickleError("pickle.parse-error", `unsupported pickle protocol ${p}`, at);
            ctx.proto = p;
            next = pos + 2;
          }
          break;
        case 149:
          if (pos + 9 <= len) {
            const n = Math.min(u32(buf, pos + 1) + u32(buf, pos + 5) * 4294967296, Number.MAX_SAFE_INTEGER - abs0 - pos - 9);
            next = pos + 9;
            if (ctx.frameEnd >= 0 && abs0 + next <= ctx.frameEnd) {
              if (abs0 + next < ctx.frameEnd) this.frameProblem("a FRAME starts inside an open frame", at);
              if (ctx.deferred.length > 0) {
                throw new PickleError("pickle.joblib", "a FRAME opcode closes the frame in which joblib arrays are still to be read; where the new frame starts cannot be known", at);
              }
            } else if (ctx.frameEnd >= 0) this.checkFrame(at, abs0 + next);
            ctx.frameEnd = abs0 + next + n;
            if (ctx.frameEnd > this.frameHorizon) this.frameHorizon = ctx.frameEnd;
          }
          break;
        case 151:
          throw new PickleError("pickle.parse-error", "NEXT_BUFFER refers to out-of-band data, which a file load does not provide", at);
        case 152:
          if (st.length <= this.fence()) this.underflow(op, at);
          next = pos + 1;
          break;
        case 46: {
          if (st.length <= this.fence()) this.underflow(op, at);
          const v = st.pop();
          next = pos + 1;
          this.endPickle(v, at, abs0 + next);
          pos = next;
          continue;
        }
        default:
          throw new PickleError("pickle.parse-error", `invalid opcode ${hex(op)}`, at);
      }
      if (next < 0) {
        if (final) throw new PickleError("pickle.parse-error", `${opName(op)} is truncated: the data ends inside it`, at);
        this.totalOps--;
        ctx.ops--;
        return pos;
      }
      if (st.length > L.maxStack) throw new PickleError("pickle.limit", `stack deeper than ${L.maxStack}`, at);
      if (this.ctx === ctx && ctx.frameEnd >= 0 && op !== OP.FRAME && this.state !== S_DATA) this.checkFrame(at, abs0 + next);
      pos = next;
    }
    return pos;
  }
  // ----------------------------- helpers of the loop -----------------------------
  pushV(v) {
    this.ctx.stack.push(v);
  }
  fence() {
    const m = this.ctx.marks;
    return m.length > 0 ? m[m.length - 1] : 0;
  }
  underflow(op, at) {
    throw new PickleError("pickle.parse-error", `${opName(op)}: stack underflow`, at);
  }
  marker(op, at) {
    const m = this.ctx.marks.pop();
    if (m === void 0) throw new PickleError("pickle.parse-error", `${opName(op)}: could not find MARK`, at);
    return m;
  }
  popMark(op, at) {
    const mark = this.marker(op, at);
    const st = this.ctx.stack;
    if (mark > st.length) this.underflow(op, at);
    return st.splice(mark, st.length - mark);
  }
  /** TUPLE, LIST, FROZENSET, DICT: the items since the last MARK become a container (kept when small or affordable). */
  containerFromMark(kind, op, at) {
    const mark = this.marker(op, at);
    const st = this.ctx.stack;
    if (mark > st.length) this.underflow(op, at);
    const count2 = st.length - mark;
    if (kind === "dict" && count2 % 2 !== 0) throw new PickleError("pickle.parse-error", "odd number of items for DICT", at);
    const n = kind === "dict" ? count2 / 2 : count2;
    if (count2 <= SMALL_CONTAINER || count2 <= this.ctx.containerCap && this.retained < this.o.limits.maxRetained) {
      this.retained += count2;
      return new Cont(kind, st.splice(mark, count2), n);
    }
    st.length = mark;
    return new Cont(kind, null, n);
  }
  keep(c, v) {
    const items = c.items;
    if (items === null) return;
    if (items.length < SMALL_CONTAINER || items.length < this.ctx.containerCap && this.retained < this.o.limits.maxRetained) {
      items.push(v);
      this.retained++;
    } else c.items = null;
  }
  addTo(target, v, want, op, at) {
    if (this.woLive()) this.woTarget(target, want, op, at);
    if (target instanceof Cont) {
      target.n++;
      this.keep(target, v);
    }
  }
  setItems(target, k, v, op, at) {
    if (this.woLive()) this.woTarget(target, "dict", op, at);
    if (target instanceof Cont) {
      target.n++;
      this.keep(target, k);
      this.keep(target, v);
    }
  }
  lineEnd(buf, from, at) {
    const nl = buf.indexOf(10, from);
    if (nl >= 0 && nl - from <= this.o.limits.maxLine) return nl;
    if (nl >= 0 || buf.length - from > this.o.limits.maxLine) {
      throw new PickleError("pickle.limit", `text argument longer than ${this.o.limits.maxLine} bytes`, at);
    }
    return -1;
  }
  // Closures live out here: one inside runOps would give every opcode's `op` and `at` a heap-allocated context.
  textNumber(line, op, at, size) {
    const read = (py) => {
      if (op === OP.INT) return intArg(line, py) ?? void 0;
      if (op === OP.LONG) return longArg(line, py) ?? void 0;
      return floatArg(line, py) ? FLOAT : void 0;
    };
    this.textValue(read, (vm, v) => vm.pushV(v), op, at, line, size);
  }
  textMemo(line, op, at, size) {
    this.textValue((py) => memoKeyArg(line, py) ?? void 0, (vm, key) => {
      const k = key;
      if (op === OP.GET) {
        vm.pushV(vm.memoGet(k, at));
        return;
      }
      if (k < 0) throw new PickleError("pickle.parse-error", "negative PUT argument", at);
      vm.memoPut(k, op, at);
    }, op, at, line, size);
  }
  /**
   * A text argument read by this reading's rules. Where the C and the Python unpickler disagree on whether it
   * parses, that is a differential: the reading that goes on is followed, and joblib.load (Python's reader) gets
   * its own fork when the C reader stops here.
   */
  textValue(read, apply, op, at, line, size) {
    const ctx = this.ctx;
    const mine = read(ctx.py);
    const other = read(!ctx.py);
    const what = `${opName(op)} ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}\u2026` : line)}`;
    if (mine === void 0 !== (other === void 0)) {
      const reader = (py) => py ? "Python's unpickler (joblib.load)" : "the C unpickler (pickle.load, torch.load)";
      const goesOn = reader(mine === void 0 ? !ctx.py : ctx.py);
      const stops = reader(mine === void 0 ? ctx.py : !ctx.py);
      this.add(
        "pickle.differential",
        "high",
        `${what} is read by ${goesOn} but rejected by ${stops}: the two loaders execute different pickles from here`,
        at,
        `diff:${at}`,
        "Legitimate picklers never write text arguments that CPython's two unpicklers read differently; treat the file as crafted.",
        `${what} @ ${hex(this.off(at))}`
      );
      if (mine !== void 0 && !ctx.py && !ctx.inline) this.forked.add("joblib");
      const kind = ctx.inline ? "inline-py" : "joblib";
      const mayFork = ctx.inline ? this.joblibReader : this.o.mode === "auto" && this.outer.length === 0;
      if (mine === void 0 && !ctx.py && mayFork && !this.forked.has(kind)) {
        this.forked.add(kind);
        const value = other;
        this.fork(at + size, ctx.inline ? "as joblib >= 1.3 reads this object array" : "as joblib.load reads it", (child) => {
          if (!ctx.inline) child.joblibReader = true;
          child.ctx.py = true;
          child.guard(() => apply(child, value));
        });
      }
    }
    if (mine === void 0) throw new PickleError("pickle.parse-error", `${opName(op)} argument ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}\u2026` : line)} is not ${op === OP.FLOAT ? "a number" : "an integer"}`, at);
    apply(this, mine);
  }
  /**
   * Python's unpickler (joblib.load) at the end of the data inside GLOBAL or INST: readline() returns the
   * unfinished line, which loses its last character to `[:-1]`, and find_class is called with that (importing the
   * module) before the load fails. The C unpickler fails without importing.
   */
  pyLastLine(buf, pos, nl1, op, at) {
    const decode2 = op === OP.GLOBAL ? globalLine : instLine;
    const mod = nl1 < 0 ? decode2(buf, pos + 1, Math.max(pos + 1, buf.length - 1)) : decode2(buf, pos + 1, nl1);
    const name = nl1 < 0 ? "" : buf.length - 1 > nl1 + 1 ? decode2(buf, nl1 + 1, buf.length - 1) : "";
    if (mod && name !== null && isModulePath(mod)) this.importGlobal(mod, name, at, op);
  }
  utf8(buf, s, e, op, at) {
    const v = utf8Pass(buf, s, e);
    if (v === null) throw new PickleError("pickle.parse-error", `${opName(op)} is not valid UTF-8`, at);
    return v;
  }
  /** A length-prefixed literal: small ones become values, large ones are skipped by counting. */
  lenPrefixed(buf, pos, op, at, n, hdr, kind) {
    const s = pos + hdr;
    if (n > KEEP_LITERAL) return this.beginData(op, at, n, kind === "bytes" ? BYTES : LONG_STR, s, true, kind === "str");
    if (s + n > buf.length) return -1;
    if (kind === "str") this.pushStr(this.utf8(buf, s, s + n, op, at), s);
    else {
      const found = this.nestedSmall(buf, s, s + n);
      this.pushV(this.literalValue(kind === "bstr" ? latin1(buf, s, s + n) : BYTES, found));
    }
    return s + n;
  }
  /** Pushes a str literal that started at buf[s], after scanning it when it may be a pickle itself. */
  pushStr(v, s) {
    let found = null;
    if (v.length >= 5 && STARTER[v.charCodeAt(0)] === 1 && (v.includes("\n") && (v.includes("c") || v.includes("i")) || /[\x93\x82-\x84]/.test(v))) {
      const b = latin1Bytes(v);
      if (b) found = this.nestedRun(b, this.curAbs + s);
    }
    this.pushV(this.literalValue(v, found));
  }
  // ----------------------------- pickles inside literals -----------------------------
  nestedSmall(buf, s, e) {
    if (!mayImport(buf, s, e)) return null;
    return this.nestedRun(buf.subarray(s, e), this.curAbs + s);
  }
  nestedRun(bytes, streamAt) {
    const child = this.spawnChild(streamAt, bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, false);
    if (!child) return null;
    child.push(bytes);
    child.finish();
    return this.found(child, streamAt);
  }
  spawnChild(streamAt, b0, b1, b2, text) {
    const first = text && b0 === 194 ? 128 : b0;
    const second = text && b0 === 194 ? b2 : b1;
    if (STARTER[first] !== 1) return null;
    if (this.o.depth >= this.o.limits.maxDepth) {
      if (first === OP.PROTO && second <= HIGHEST_PROTOCOL) {
        const lim = new _PickleVM({ ...this.o, baseOffset: this.off(streamAt), mode: "plain", torchDataPkl: false, torchScript: false, depth: this.o.depth + 1 });
        lim.mustReport = true;
        lim.complete = false;
        lim.add("pickle.limit", "high", `a literal holds a pickle nested more than ${this.o.limits.maxDepth} levels deep; it was not scanned`, 0, "nested-depth");
        lim.state = S_DEAD;
        return lim;
      }
      return null;
    }
    return new _PickleVM({
      ...this.o,
      baseOffset: this.off(streamAt),
      mode: "plain",
      torchDataPkl: false,
      torchScript: false,
      depth: this.o.depth + 1
    });
  }
  /** A finished nested scan worth keeping: it imported something, or it hit the nesting limit. */
  found(child, streamAt) {
    if (!child.sawImport && !child.mustReport) return null;
    const wellFormed = child.mustReport || child.error === null && child.pickles > 0;
    return { child, at: streamAt, wellFormed, reported: false };
  }
  /** The value a literal pushes; one that holds a pickle is a distinct value, so where it flows can be followed. */
  literalValue(v, found) {
    if (!found) return v;
    const key = typeof v === "string" ? v : new Opaque(v instanceof Opaque ? v.what : "bytes");
    const list2 = this.nestedPending.get(key) ?? [];
    list2.push(found);
    this.nestedPending.set(key, list2);
    return key;
  }
  /** A call or BUILD that may unpickle its arguments: report every pending literal pickle that reaches it. */
  loadsArgs(target, args) {
    if (this.nestedPending.size === 0) return;
    if (target instanceof Glob && !target.dynamic && (target.tier === "safe" || target.tier === "review")) return;
    const seen = /* @__PURE__ */ new Set();
    const work = [args];
    let budget = 4096;
    while (work.length > 0 && budget-- > 0) {
      const v = work.pop();
      if (v === null || seen.has(v)) continue;
      seen.add(v);
      const hits = this.nestedPending.get(v);
      if (hits) for (const h of hits) this.report(h, target);
      if (v instanceof Cont && v.items) work.push(...v.items);
      else if (v instanceof Obj) work.push(v.args);
    }
  }
  report(h, loader) {
    if (h.reported) return;
    h.reported = true;
    const child = h.child;
    this.sawImport ||= child.sawImport;
    this.mustReport ||= child.mustReport;
    if (!child.complete) this.complete = false;
    const where = hex(this.off(h.at));
    if (child.sawImport) {
      const how = loader ? `it is passed to ${describe(loader)}, which can unpickle it` : "nothing in this file unpickles it, but it is a complete pickle an application may load";
      this.add(
        "pickle.nested",
        "medium",
        `a literal at ${where} is itself a pickle that imports ${child.globals.size} global(s); ${how}`,
        h.at,
        `nested:${h.at}`,
        "Embedded pickles have no place in a weights file; see the findings for what it imports."
      );
    }
    for (const f of child.outcomeFindings()) {
      if (this.nestedFindings.length < 500) this.nestedFindings.push({ ...f, message: `in the pickle embedded at ${where}: ${f.message}` });
    }
    for (const [k, g] of child.globals) if (!this.globals.has(k)) this.globals.set(k, { rec: { ...g.rec, nested: true }, glob: g.glob });
    this.calls += child.calls;
    for (const f of child.formats) if (f !== "pickle") this.formats.add(f);
  }
  /** At the end: whole pickles in literals are reported even if nothing here loads them; fragments are not. */
  settleNested() {
    for (const list2 of this.nestedPending.values()) {
      for (const h of list2) {
        if (h.reported) continue;
        if (h.wellFormed) this.report(h, null);
        else this.nestedUnloaded++;
      }
    }
    this.nestedPending.clear();
  }
  beginData(op, at, n, value, dataStart, nested, text) {
    this.state = S_DATA;
    this.dRemain = n;
    this.dValue = value;
    this.dAt = at;
    this.dOp = op;
    this.dChild = null;
    this.dDecide = nested;
    this.dHead = [];
    this.dText = text ? new Latin1Transcoder() : null;
    this.dChildAt = this.curAbs + dataStart;
    return dataStart;
  }
  feedData(buf, pos, abs0) {
    const n = Math.min(this.dRemain, buf.length - pos);
    let start = pos;
    if (n > 0 && this.dDecide) {
      while (this.dHead.length < 3 && start < pos + n) this.dHead.push(buf[start++]);
      if (this.dHead.length === 3 || this.dHead.length === this.dRemain) {
        this.dDecide = false;
        const h = this.dHead;
        this.dChild = this.spawnChild(this.dChildAt, h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, this.dText !== null);
        if (this.dChild) this.feedChild(Uint8Array.from(h), 0, h.length);
      }
    }
    if (!this.dDecide && this.dChild && start < pos + n) this.feedChild(buf, start, pos + n);
    this.dRemain -= n;
    const end = pos + n;
    if (this.dRemain === 0) {
      this.state = S_OPS;
      let found = null;
      if (this.dChild) found = this.closeChild();
      this.ctx.stack.push(this.literalValue(this.dValue, found));
      if (this.ctx.frameEnd >= 0) this.checkFrame(this.dAt, abs0 + end);
    }
    return end;
  }
  feedChild(buf, s, e) {
    const child = this.dChild;
    if (!child || child.state === S_DEAD) return;
    if (this.dText) {
      const t = this.dText.feed(buf, s, e);
      if (t) child.push(t);
      else {
        this.dText = null;
        child.state = S_DEAD;
        child.error = new PickleError("pickle.parse-error", "not latin1 text", 0);
      }
    } else child.push(buf.subarray(s, e));
  }
  closeChild() {
    const child = this.dChild;
    this.dChild = null;
    if (!child) return null;
    if (child.state !== S_DEAD) child.finish();
    return this.found(child, this.dChildAt);
  }
  memoPut(idx, op, at) {
    const ctx = this.ctx;
    if (ctx.stack.length <= this.fence()) this.underflow(op, at);
    const v = ctx.stack[ctx.stack.length - 1];
    const keep = this.retained < this.o.limits.maxRetained;
    if (keep) this.retained += typeof v === "string" ? 1 + (v.length >> 5) : 1;
    if (ctx.memo.put(idx, v, keep) && ctx.memo.count > this.o.limits.maxMemo) throw new PickleError("pickle.limit", `more than ${this.o.limits.maxMemo} memo entries`, at);
  }
  memoGet(idx, at) {
    const ctx = this.ctx;
    const v = idx < 0 ? void 0 : ctx.memo.get(idx);
    if (v === void 0) throw new PickleError("pickle.parse-error", `memo value not found at index ${idx}`, at);
    return v;
  }
  /** After an opcode that ended at `end`: a frame it crossed, or one it finished (joblib's deferred reads run then). */
  checkFrame(start, end) {
    const ctx = this.ctx;
    if (start < ctx.frameEnd && end > ctx.frameEnd) {
      this.frameProblem(`an opcode at ${hex(this.off(start))} crosses the end of its frame`, start);
      if (ctx.py) throw new Halt();
    }
    if (end >= ctx.frameEnd) {
      ctx.frameEnd = -1;
      if (ctx.deferred.length > 0) this.runDeferred(end);
    }
  }
  frameProblem(message, at) {
    if (!this.ctx.py && !this.ctx.inline) this.forked.add("joblib");
    if (this.ctx.frameReported) return;
    this.ctx.frameReported = true;
    this.add(
      "pickle.frame",
      "high",
      `${message}: Python's unpickler rejects this while the C unpickler reads on \u2014 a parser differential used to hide payloads`,
      at,
      `frame:${at}`,
      "Legitimate picklers never write this; treat the file as crafted."
    );
    if (this.ctx.py && !message.includes("crosses")) throw new Halt();
  }
  // ----------------------------- readings by other loaders -----------------------------
  /**
   * A second reading that starts at stream offset `startAt` with a copy of this one's state. Its findings are
   * merged at the end; the ones only it has say which loader reads the bytes that way.
   */
  fork(startAt, label, setup = () => void 0, gap) {
    if (this.family.readings >= this.o.limits.maxReadings) {
      this.complete = false;
      this.add(
        "pickle.limit",
        "high",
        `the data is read ${this.o.limits.maxReadings} different ways by different loaders; the rest were not followed`,
        startAt,
        "readings",
        "Legitimate files are read the same way by every loader; treat this one as crafted."
      );
      return null;
    }
    if (startAt < this.curAbs) throw new Error(`pickle VM: a fork at ${startAt} starts before the bytes at hand (${this.curAbs})`);
    this.family.readings++;
    const child = new _PickleVM(this.o);
    const c = new Cloner();
    const copy = (x) => ({
      ...x,
      stack: x.stack.map((v) => c.v(v)),
      marks: [...x.marks],
      memo: x.memo.clone(c),
      deferred: x.deferred.map((d) => ({ ...d }))
    });
    child.family = this.family;
    child.ctx = copy(this.ctx);
    child.outer = this.outer.map(copy);
    child.pickles = this.pickles;
    child.totalOps = this.totalOps;
    child.retained = this.retained;
    child.legacy = this.legacy;
    child.storages = new Map(this.storages);
    child.legacyKeys = [...this.legacyKeys];
    child.legacyIdx = this.legacyIdx;
    child.wo = this.wo ? { ...this.wo } : null;
    child.frameHorizon = this.frameHorizon;
    child.forked = new Set(this.forked);
    child.joblibReader = this.joblibReader;
    child.mmapMode = this.mmapMode;
    child.streamLen = startAt;
    child.curAbs = startAt;
    child.mapOff = this.mapOff;
    if (gap) {
      const width = gap.resume - gap.cut;
      child.mapOff = (x) => this.off(x >= gap.cut ? x + width : x);
    }
    for (const f2 of this.formats) child.formats.add(f2);
    for (const [k, list2] of this.nestedPending) child.nestedPending.set(k, list2);
    setup(child);
    const f = { vm: child, fedTo: startAt, label, startAt, joblib: child.joblibReader && !this.joblibReader };
    this.forks.push(f);
    const bufEnd = this.curAbs + this.curBuf.length;
    if (gap) {
      child.push(this.curBuf.subarray(startAt - this.curAbs, gap.cut - this.curAbs));
      f.fedTo = gap.resume;
      if (gap.resume < bufEnd) {
        child.push(this.curBuf.subarray(gap.resume - this.curAbs));
        f.fedTo = bufEnd;
      }
    } else if (startAt < bufEnd) {
      f.fedTo = bufEnd;
      child.push(this.curBuf.subarray(startAt - this.curAbs));
    }
    return child;
  }
  /** The opcode at `at` reads past the frame ending at `frameEnd`: fork the reading that drops [cut, frameEnd). */
  bufferedFrame(at, cut, frameEnd) {
    this.forked.add(`cross:${at}`);
    this.fork(at, "as the C unpickler reads a frame it buffered (io.BytesIO: torch.load of a zip member)", (child) => {
      child.ctx.frameEnd = -1;
      child.frameHorizon = 0;
    }, { cut, resume: frameEnd });
  }
  /** Merges what a fork found: findings and globals this reading does not have, marked with the fork's loader. */
  absorb(f) {
    const child = f.vm;
    if (f.joblib) {
      const theirs = new Set(child.findings.keyed().map(([k]) => k));
      for (const [key, finding2] of this.findings.keyed()) {
        if (!theirs.has(key) && (finding2.offset ?? 0) - this.o.baseOffset >= f.startAt && !/ \((?:as |reading on)[^()]*\)$/.test(finding2.message)) {
          this.findings.relabel(key, " (as pickle.load reads it, not joblib.load)");
        }
      }
    }
    for (const [key, finding2] of child.findings.keyed()) {
      if (this.findings.has(key)) continue;
      const labelled = / \((?:as |reading on)[^()]*\)$/.test(finding2.message);
      this.findings.add(key, labelled ? finding2 : { ...finding2, message: `${finding2.message} (${f.label})` });
    }
    for (const nf of child.nestedFindings) {
      if (this.nestedFindings.length < 500 && !this.nestedFindings.some((x) => x.message === nf.message && x.offset === nf.offset)) this.nestedFindings.push(nf);
    }
    for (const [k, g] of child.globals) if (!this.globals.has(k)) this.globals.set(k, g);
    for (const [k, t] of child.callTargets) if (!this.callTargets.has(k)) this.callTargets.set(k, t);
    this.calls = Math.max(this.calls, child.calls);
    if (!child.complete) this.complete = false;
    this.sawImport ||= child.sawImport;
    this.mustReport ||= child.mustReport;
    for (const fm of child.formats) this.formats.add(fm);
    this.nestedUnloaded += child.nestedUnloaded;
    if (f.joblib && this.reads.length === 0) this.reads = child.reads;
  }
  // ----------------------------- imports, calls, state -----------------------------
  importGlobal(module0, name0, at, op) {
    const [module, name] = this.ctx.proto < 3 ? mapPython2(module0, name0) : [module0, name0];
    const key = `${module}
${name}`;
    this.sawImport = true;
    if (!this.plainRaised) this.effect = true;
    let entry2 = this.globals.get(key);
    if (!entry2) {
      if (this.globals.size >= this.o.limits.maxGlobals) throw new PickleError("pickle.limit", `more than ${this.o.limits.maxGlobals} distinct globals`, at);
      const full = `${module}.${name}`;
      const verdict = wrapperKindOf(full) === "array" ? JOBLIB_ARRAY_WRAPPER : describeGlobal(module, name, this.o.allow, { torchScript: this.o.torchScript });
      const woOk = WEIGHTS_ONLY_GLOBALS.has(full) && !WEIGHTS_ONLY_BLOCKED_MODULES.has(module);
      if (PARTIAL.has(full)) this.family.partial ??= { targets: /* @__PURE__ */ new Map(), unsound: false };
      const glob = new Glob(module, name, verdict.tier, this.off(at), woOk);
      entry2 = { rec: { module, name, offset: this.off(at), opcode: opName(op), tier: verdict.tier, count: 0 }, glob };
      this.globals.set(key, entry2);
      const sev = tierSeverity(verdict.tier);
      const shownName = module0 === module && name0 === name ? full : `${full} (written as ${module0}.${name0})`;
      if (sev) {
        const check = verdict.category === "dunder" ? "pickle.dunder" : `pickle.global.${verdict.tier}`;
        const what = verdict.tier === "dangerous" ? `imports ${shownName}: ${verdict.reason}` : verdict.tier === "unknown" ? `imports ${shownName}, which is not on the allowlist (${verdict.reason})` : `imports ${shownName}: ${verdict.reason}`;
        const help = verdict.tier === "review" ? `Check that the file needs ${full}; the repository policy can allow it (allow_globals).` : verdict.tier === "unknown" ? "Only tensor and array reconstruction globals are allowed by default; anything else can run code on load." : "Loading this file runs this code. Do not approve it.";
        this.add(check, sev, `Pickle ${what}`, at, `global:${key}`, help, `${opName(op)} ${shownName}`);
      }
    }
    entry2.rec.count++;
    if (entry2.rec.count > 1) this.findings.bump(`global:${key}`);
    if (this.woLive() && op === OP.GLOBAL && !entry2.glob.weightsOnly) {
      this.woFail(`GLOBAL ${module}.${name}`, at);
    }
    return entry2.glob;
  }
  stackGlobal(mod, name, at) {
    if (typeof mod === "string" && typeof name === "string") {
      const spent = this.retained >= this.o.limits.maxRetained;
      this.ctx.memo.pin(mod, spent);
      this.ctx.memo.pin(name, spent);
      return this.importGlobal(mod, name, at, OP.STACK_GLOBAL);
    }
    if (mod === DROPPED_STR || name === DROPPED_STR) {
      throw new PickleError("pickle.limit", "STACK_GLOBAL uses a memo string that was not kept (memory bound for huge pickles); the import cannot be named", at);
    }
    const computed = (v) => v instanceof Obj || v instanceof Glob || v instanceof Pers || v === LONG_STR || v instanceof Opaque && v !== FLOAT && v !== BYTES && v !== BIG_INT && v.what !== "bytes";
    if (!computed(mod) && !computed(name)) {
      throw new PickleError("pickle.parse-error", `STACK_GLOBAL requires str, got ${describe(mod)} and ${describe(name)}`, at);
    }
    this.sawImport = true;
    if (!this.plainRaised) this.effect = true;
    const ev = `STACK_GLOBAL ${describe(mod)} . ${describe(name)}`;
    this.add(
      "pickle.dynamic-import",
      "critical",
      "Pickle imports a name computed at load time (STACK_GLOBAL of values that are not plain string literals)",
      at,
      `dyn:${at}`,
      "A computed import hides what runs; legitimate picklers always write literal names.",
      ev
    );
    return new Glob("?", "?", "dangerous", this.off(at), false, true);
  }
  call(fn2, args, at, op) {
    this.calls++;
    this.sawImport = true;
    if (!this.plainRaised) this.effect = true;
    if (this.family.partial) this.partialCall(fn2, args);
    if (fn2 instanceof Glob) {
      const target = fn2.dynamic ? "(computed import)" : `${fn2.module}.${fn2.name}`;
      const t = this.callTargets.get(target);
      if (t) t.count++;
      else if (this.callTargets.size < 1e3) this.callTargets.set(target, { target, count: 1, offset: this.off(at) });
      if (this.woLive() && op !== OP.INST && op !== OP.OBJ && !fn2.weightsOnly) this.woFail(`${opName(op)} on ${describe(fn2)}`, at);
    } else {
      this.add(
        "pickle.call.indirect",
        "high",
        `Pickle calls ${describe(fn2)} (${opName(op)}), not a named import`,
        at,
        `icall:${describe(fn2)}`,
        "Calling the result of another call chains gadgets; legitimate pickles call imported classes and functions directly.",
        `${opName(op)} @ ${hex(this.off(at))}`
      );
      if (this.woLive()) this.woFail(`${opName(op)} on ${describe(fn2)}`, at);
    }
    this.loadsArgs(fn2, args);
    this.pushV(new Obj(fn2, args, at, op));
  }
  /**
   * functools.partial only binds arguments to a callable (partialVerdict): it is as risky as what it binds, so long as
   * every use of it is one this VM follows. A partial built with an imported callable records that target; anything
   * else - a computed target, the class handed to another call, the partial object itself called - keeps it dangerous.
   */
  partialCall(fn2, args) {
    const items = tupleItems(args);
    if (isPartial(fn2)) this.partialTarget(items?.[0]);
    else if (fn2 instanceof Obj && isPartial(fn2.fn)) this.family.partial.unsound = true;
    if (items === null || items.some(isPartial)) this.family.partial.unsound = true;
  }
  partialTarget(v) {
    const use = this.family.partial;
    if (!(v instanceof Glob) || v.dynamic || isPartial(v)) {
      use.unsound = true;
      return;
    }
    const key = `${v.module}.${v.name}`;
    if (!use.targets.has(key) && use.targets.size < 64) {
      use.targets.set(key, { module: v.module, name: v.name, verdict: describeGlobal(v.module, v.name, this.o.allow, { torchScript: this.o.torchScript }) });
    } else if (!use.targets.has(key)) use.unsound = true;
  }
  /** The partial's grade once every reading is done: the worst of its targets, or dangerous when a use was not followed. */
  settlePartial() {
    const use = this.family.partial;
    if (!use || use.unsound || use.targets.size === 0) return;
    let worst = null;
    for (const t of use.targets.values()) {
      const v = partialVerdict(t);
      if (!worst || TIER_RANK[v.tier] > TIER_RANK[worst.tier]) worst = v;
    }
    if (!worst || worst.tier === "dangerous") return;
    for (const [key, entry2] of this.globals) {
      if (entry2.rec.nested || !PARTIAL.has(`${entry2.rec.module}.${entry2.rec.name}`)) continue;
      const fkey = `global:${key}`;
      const old = this.findings.keyed().find(([k]) => k === fkey)?.[1];
      entry2.rec.tier = worst.tier;
      const sev = tierSeverity(worst.tier);
      if (!old || !sev) continue;
      const full = `${entry2.rec.module}.${entry2.rec.name}`;
      this.findings.replace(fkey, {
        ...old,
        check: `pickle.global.${worst.tier}`,
        severity: sev,
        message: `Pickle imports ${full}: ${worst.reason}`,
        help: worst.tier === "review" ? `Check that the file needs ${full} and what it binds; the repository policy can allow them (allow_globals).` : "Only tensor and array reconstruction globals are allowed by default; anything else can run code on load."
      });
    }
  }
  build(inst, state, at, after) {
    if (inst instanceof Glob) {
      this.add(
        "pickle.build-on-import",
        "critical",
        `BUILD sets attributes on the imported object ${describe(inst)} itself`,
        at,
        `build:${describe(inst)}`,
        "Setting attributes on a class, function or module changes code that runs later; a known way to smuggle names.",
        `BUILD on ${describe(inst)} @ ${hex(this.off(at))}`
      );
    }
    if (this.woLive() && !(inst instanceof Obj && inst.fn instanceof Glob && inst.fn.weightsOnly)) {
      this.woFail(`BUILD on ${describe(inst)}`, at);
    }
    if (!(inst instanceof Obj)) return;
    if (this.family.partial && isPartial(inst.fn)) this.partialTarget(tupleItems(state)?.[0]);
    inst.state = state;
    this.loadsArgs(inst.fn, state);
    if (this.ctx.inline || !(this.joblibReader || this.o.mode === "auto")) return;
    const wrapper = instanceOf(inst);
    if (wrapper === null) return;
    if (this.joblibReader) {
      this.joblibBuild(inst, wrapper, state, at, after);
      return;
    }
    if (this.forked.has("joblib")) return;
    this.forked.add("joblib");
    this.quiet = `pickle.load (the C unpickler) reads the raw array bytes joblib wrote after the NumpyArrayWrapper at ${hex(this.off(at))} as opcodes`;
    this.fork(after, "as joblib.load reads it", (child) => {
      child.joblibReader = true;
      for (const c of [child.ctx, ...child.outer]) c.py = !c.inline;
      const top = child.ctx.stack[child.ctx.stack.length - 1];
      const again = instanceOf(top);
      if (top instanceof Obj && again) child.guard(() => child.joblibBuild(top, again, top.state ?? null, at, after));
    });
  }
  /** NumpyUnpickler.load_build: after BUILD, a wrapper on top of the stack is replaced by the array joblib reads. */
  joblibBuild(inst, wrapper, state, at, after) {
    if ("unknown" in wrapper) this.joblibUnknown(wrapper.unknown, at);
    const applied = applyBuild(inst, wrapper, state);
    if ("raises" in applied) this.joblibRaises(applied.raises, at);
    if ("unknown" in applied) this.joblibUnknown(applied.unknown, at);
    const p = plans(wrapper, inst.attrs ?? /* @__PURE__ */ new Map());
    this.formats.add("joblib");
    const st = this.ctx.stack;
    st[st.length - 1] = ARRAY;
    if (p.mmap && !this.mmapMode && !this.forked.has("mmap")) {
      this.forked.add("mmap");
      if (p.mmap.kind === "unknown") this.joblibUnknown(p.mmap.why, at);
      const plan2 = p.mmap;
      this.fork(after, "as joblib.load(mmap_mode=...) reads it", (child) => {
        child.mmapMode = true;
        child.guard(() => child.joblibRead({ ...plan2, at }, after));
      });
    }
    const plan = this.mmapMode && p.mmap ? p.mmap : p.read;
    this.joblibRead({ ...plan, at }, after);
  }
  joblibRaises(why, at) {
    this.add(
      "pickle.joblib",
      "high",
      `joblib.load raises at the wrapper built at ${hex(this.off(at))}: ${why}; nothing after it is read by joblib`,
      at,
      `joblib-raise:${at}`,
      "joblib never writes such a wrapper; the file was crafted. What came before still runs on load."
    );
    throw new Halt();
  }
  joblibUnknown(why, at) {
    throw new PickleError(
      "pickle.joblib",
      `joblib array after the NumpyArrayWrapper at ${hex(this.off(at))} cannot be skipped exactly: ${why}`,
      at,
      "joblib stores array bytes inside the pickle stream; without their exact size the rest of the file cannot be read as joblib reads it."
    );
  }
  /** One wrapper's read, now or (inside a frame with bytes left) when the frame is used up. */
  joblibRead(plan, after) {
    const ctx = this.ctx;
    if (plan.kind === "raises") this.joblibRaises(plan.why, plan.at);
    if (plan.kind === "unknown") this.joblibUnknown(plan.why, plan.at);
    if (plan.kind === "none") {
      const file = shown(plan.file);
      const odd = typeof plan.file !== "string" || plan.file.startsWith("/") || plan.file.includes("..") || plan.file.includes("\\");
      this.add(
        "pickle.joblib",
        odd ? "high" : "medium",
        `joblib.load reads the array of the wrapper at ${hex(this.off(plan.at))} from the file ${file} next to this one, with numpy.load(allow_pickle=True)`,
        plan.at,
        `joblib-file:${file}`,
        odd ? "The path leaves the model folder or is not a plain name: joblib would load a file outside what was reviewed." : "That companion file is unpickled too: make sure it is part of the review."
      );
      return;
    }
    if (plan.kind === "raw" && plan.pointers) {
      this.add(
        "pickle.joblib",
        "high",
        `the array at ${hex(this.off(plan.at))} is ${plan.pointers}`,
        plan.at,
        `joblib-pointers:${plan.at}`,
        "Object pointers read from a file crash or corrupt the loading process; joblib never writes this."
      );
    }
    if (ctx.frameEnd > after) {
      ctx.deferred.push(plan);
      return;
    }
    if (ctx.frameEnd >= 0) ctx.frameEnd = -1;
    this.startRead(plan, after);
  }
  /** Where joblib's reads of the stream began and ended (details.joblibReads, for tests against joblib itself). */
  reads = [];
  inlineRead = null;
  startRead(plan, pos) {
    const rec = { start: this.off(pos), end: -1, objects: plan.kind === "objects" };
    if (this.reads.length < 1e3) this.reads.push(rec);
    if (plan.kind === "objects") {
      this.outer.push(this.ctx);
      this.ctx = this.newCtx(this.ctx.index, true, false);
      this.inlineRead = rec;
      return;
    }
    if (plan.kind !== "raw") return;
    const bytes = plan.bytes;
    const done = (end) => {
      rec.end = this.off(end);
      this.resumeDeferred(end);
    };
    const skip = (at) => {
      if (bytes > 0) this.raw(bytes, done);
      else done(at);
    };
    if (plan.padded) {
      this.header(1, (h, at) => {
        const pad = h[0];
        if (pad > 0) this.raw(pad, skip);
        else skip(at + 1);
      });
    } else skip(pos);
  }
  /** The frame ended at `pos` with joblib reads pending: they come from the file now, in order. */
  runDeferred(pos) {
    const next = this.ctx.deferred.shift();
    if (next) this.startRead(next, pos);
  }
  resumeDeferred(pos) {
    if (this.ctx.deferred.length > 0 && this.ctx.frameEnd < 0) this.runDeferred(pos);
  }
  raw(n, then) {
    this.state = S_RAW;
    this.rawRemain = n;
    this.rawThen = then;
  }
  afterRaw(end) {
    this.state = S_OPS;
    const then = this.rawThen;
    this.rawThen = null;
    then?.(end);
  }
  header(n, then) {
    this.state = S_HDR;
    this.hdrNeed = n;
    this.hdrHave = 0;
    this.hdrThen = then;
  }
  persistent(pid, at, op) {
    const items = tupleItems(pid);
    const tag = items?.[0];
    this.sawImport = true;
    this.plainRaised = true;
    if (this.woLive() && !(tag === "storage" || typeof pid === "number")) this.woFail(`${opName(op)} ${describe(tag ?? pid)}`, at);
    if (tag === "storage") {
      if (this.legacy && this.ctx.index === 3 && items) this.legacyStorage(items, at);
    } else if (tag === "module" && this.legacy) {
      const cls = items?.[1];
      if (cls instanceof Glob) return cls;
    } else {
      this.add(
        "pickle.persid",
        "medium",
        `Persistent id ${describe(tag ?? pid)} is not a torch storage: what it loads depends on the loader's persistent_load`,
        at,
        `persid:${describe(tag ?? pid)}`,
        "torch writes only ('storage', \u2026) ids; other ids need the loader that wrote them.",
        `${opName(op)} @ ${hex(this.off(at))}`
      );
    }
    return new Pers(pid);
  }
  // ----------------------------- pickle boundaries, legacy torch -----------------------------
  endPickle(v, at, after) {
    const ctx = this.ctx;
    const leftover = ctx.frameEnd > after ? ctx.frameEnd : -1;
    if (leftover >= 0) {
      this.add(
        "pickle.frame",
        "high",
        `STOP at ${hex(this.off(at))} ends a pickle ${leftover - after} bytes before the end of its frame: loaders resume at different places (after STOP, or at the frame's end)`,
        at,
        `frame-stop:${at}`,
        "Legitimate picklers end the frame with STOP; treat the file as crafted."
      );
    }
    if (ctx.inline) {
      const back = this.outer.pop();
      if (back) this.ctx = back;
      if (this.inlineRead) {
        this.inlineRead.end = this.off(after);
        this.inlineRead = null;
      }
      if (leftover >= 0 && !this.forked.has(`resume:${at}`)) {
        this.forked.add(`resume:${at}`);
        this.fork(leftover, "reading on from the end of the frame, as a buffering unpickler does");
      }
      if (this.ctx.frameEnd < 0) this.resumeDeferred(after);
      return;
    }
    this.pickles++;
    if (this.pickles > this.o.limits.maxPickles) throw new PickleError("pickle.limit", `more than ${this.o.limits.maxPickles} stacked pickles`, at);
    if (ctx.index === 0 && !this.legacy && this.o.mode === "auto" && v === LEGACY_MAGIC) {
      this.legacy = true;
      this.formats.add("torch-legacy");
      if (this.o.depth === 0) this.wo ??= { loads: true };
    } else if (ctx.index === 0 && this.o.mode === "legacy-torch") this.formats.add("torch-legacy");
    this.ctx = this.newCtx(ctx.index + 1, false, ctx.py);
    if (this.legacy && ctx.index === 4) this.legacyData(v, at);
    if (leftover >= 0) {
      if (ctx.py) {
        this.raw(leftover - after, (end) => this.continueDeferred(ctx, end));
      } else {
        if (ctx.deferred.length === 0) this.fork(leftover, "reading on from the end of the frame, as a buffering unpickler does");
      }
    } else if (ctx.deferred.length > 0) this.continueDeferred(ctx, after);
  }
  /** A top-level pickle ended with joblib reads pending: they are in the file before the next pickle. */
  continueDeferred(ended, pos) {
    this.ctx.deferred = ended.deferred;
    ended.deferred = [];
    this.runDeferred(pos);
  }
  legacyStorage(items, at) {
    const [, type, key, , numel] = items;
    if (!(type instanceof Glob) || typeof key !== "string" || typeof numel !== "number") return;
    const stem = /^(?:torch|torch\.cuda)\.(\w+)Storage$/.exec(`${type.module}.${type.name}`)?.[1];
    const elsize = stem ? TORCH_STORAGE_ELEMENT_SIZE[stem] : void 0;
    if (elsize === void 0) return;
    if (!this.storages.has(key)) {
      if (this.storages.size >= this.o.limits.maxStorages) throw new PickleError("pickle.limit", `more than ${this.o.limits.maxStorages} storages`, at);
      this.storages.set(key, { elsize, numel });
    }
  }
  /** After the storage-key list: for each key, an 8-byte element count and the storage's raw bytes. */
  legacyData(v, at) {
    const items = v instanceof Cont && v.kind === "list" ? v.items : null;
    if (!items || !items.every((k) => typeof k === "string")) {
      throw new PickleError("pickle.legacy", "legacy torch file: the fifth pickle is not a list of storage keys, so the raw storage bytes after it cannot be located", at);
    }
    this.legacyKeys = items;
    this.legacyIdx = 0;
    this.legacyNext(at + 1);
  }
  /** The next storage's header and bytes, which start at `pos` (a position in the data, never a chunk's end). */
  legacyNext(pos) {
    if (this.legacyIdx >= this.legacyKeys.length) return;
    const key = this.legacyKeys[this.legacyIdx++];
    const s = this.storages.get(key);
    if (!s) throw new PickleError("pickle.legacy", `legacy torch file: storage key ${JSON.stringify(key)} has no matching ('storage', \u2026) id`, pos);
    this.header(8, (h, hat) => {
      const numel = u64(h, 0, hat);
      if (numel !== s.numel) {
        throw new PickleError("pickle.legacy", `legacy torch file: storage ${JSON.stringify(key)} says ${numel} elements, its id says ${s.numel}`, hat);
      }
      const bytes = numel * s.elsize;
      if (bytes > 0) this.raw(bytes, () => this.legacyNext(hat + 8 + bytes));
      else this.legacyNext(hat + 8);
    });
  }
  // ----------------------------- weights_only -----------------------------
  /** torch's weights_only rules apply: data.pkl's one pickle, or every pickle of a legacy file. */
  woLive() {
    return this.wo !== null && (this.legacy || this.ctx.index === 0);
  }
  woFail(what, at) {
    if (this.wo === null || !this.wo.loads) return;
    this.wo = { loads: false, blockedBy: what, offset: this.off(at) };
  }
  woTarget(target, want, op, at) {
    if (want === "list" && target instanceof Cont && target.kind === "list") return;
    if (want === "dict" && target instanceof Cont && target.kind === "dict") return;
    if (want === "dict" && target instanceof Obj && target.fn instanceof Glob && target.fn.module === "collections" && (target.fn.name === "OrderedDict" || target.fn.name === "Counter")) return;
    this.woFail(`${opName(op)} on ${describe(target)}`, at);
  }
  // ----------------------------- results -----------------------------
  /** Where stream position `at` of this reading is in the file. */
  off(at) {
    return this.mapOff ? this.mapOff(at) : this.o.baseOffset + at;
  }
  add(check, severity, message, at, key, help, evidence) {
    const offset = this.off(at);
    this.findings.add(key, {
      check,
      severity,
      message,
      file: this.o.path,
      offset,
      evidence: evidence ? evidence.includes("@") ? evidence : `${evidence} @ ${hex(offset)}` : `@ ${hex(offset)}`,
      ...help ? { help } : {}
    });
  }
  outcomeFindings() {
    this.settlePartial();
    return [...this.findings.list(), ...this.nestedFindings];
  }
  /** Whether the bytes were read as a pickle: the first opcode parsed, or pickle.load imported or called something before it failed. */
  readAsPickle() {
    return this.error === null || this.effect;
  }
  weightsOnly() {
    if (this.wo === null) return void 0;
    if (this.wo.loads && (this.error || this.pickles === 0)) return { loads: false, blockedBy: "the pickle does not parse", ...this.error ? { offset: this.off(this.error.at) } : {} };
    return this.wo;
  }
  details() {
    const globals = [...this.globals.values()].map((g) => g.rec);
    const out = {
      globals,
      calls: this.calls,
      callTargets: [...this.callTargets.values()],
      pickles: this.pickles,
      opcodes: this.totalOps
    };
    const wo = this.weightsOnly();
    if (wo) out.weightsOnly = wo;
    if (this.legacy) out.legacyStorages = this.storages.size;
    if (this.forks.length > 0) out.readings = 1 + this.forks.length;
    if (this.nestedUnloaded > 0) out.nestedFragments = this.nestedUnloaded;
    if (this.quietStop) out.plainReadStops = this.quietStop;
    if (this.reads.length > 0) out.joblibReads = this.reads;
    return out;
  }
};
function u32(b, p) {
  return (b[p] | b[p + 1] << 8 | b[p + 2] << 16 | b[p + 3] << 24) >>> 0;
}
function i323(b, p) {
  return b[p] | b[p + 1] << 8 | b[p + 2] << 16 | b[p + 3] << 24;
}
function u64(b, p, at) {
  const lo = u32(b, p);
  const hi = u32(b, p + 4);
  if (hi >= 2097152) throw new PickleError("pickle.parse-error", "an 8-byte length is larger than any file", at);
  return hi * 4294967296 + lo;
}
function decodeLong(b, s, n) {
  if (n === 0) return 0;
  if (n <= 6) {
    let v2 = 0;
    for (let i = n - 1; i >= 0; i--) v2 = v2 * 256 + b[s + i];
    if (b[s + n - 1] & 128) v2 -= 2 ** (8 * n);
    return v2;
  }
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = v << 8n | BigInt(b[s + i]);
  if (b[s + n - 1] & 128) v -= 1n << BigInt(8 * n);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

// src/scan/pickle/index.ts
function createPickleScanner(opts) {
  const vm = new PickleVM({
    path: opts.path,
    baseOffset: opts.baseOffset ?? 0,
    mode: opts.mode ?? "auto",
    torchDataPkl: opts.torchDataPkl ?? false,
    torchScript: opts.torchScript ?? false,
    allow: new Set(opts.allow ?? []),
    depth: opts.depth ?? 0,
    limits: { ...DEFAULT_PICKLE_LIMITS, ...opts.limits ?? {} }
  });
  let outcome;
  return {
    push(chunk) {
      if (outcome) throw new Error(`pickle scanner for ${opts.path}: push() after end()`);
      vm.push(chunk);
    },
    // Once every reading has stopped (a parse error, a zip's bytes read as opcodes) the rest is only counted.
    ahead: () => !outcome && vm.idle() ? SKIP_ALL : NEED_ALL,
    skip(n) {
      vm.skip(n);
    },
    end() {
      if (outcome) return outcome;
      vm.finish();
      const findings = vm.outcomeFindings();
      const wo = vm.weightsOnly();
      if (wo) {
        const details = vm.details();
        findings.push(weightsOnlyFinding(opts.path, opts.torchDataPkl ? "data.pkl" : "this legacy torch file", { verdict: wo, globals: (details.globals ?? []).filter((g) => !g.nested) }));
      }
      outcome = { formats: [...vm.formats], findings, complete: vm.complete, details: vm.details() };
      return outcome;
    }
  };
}
function readsAsPickle(head, atEof) {
  const vm = new PickleVM({
    path: "",
    baseOffset: 0,
    mode: "auto",
    torchDataPkl: false,
    torchScript: false,
    allow: /* @__PURE__ */ new Set(),
    depth: 0,
    limits: DEFAULT_PICKLE_LIMITS
  });
  vm.push(head);
  if (atEof) vm.finish();
  return vm.readAsPickle();
}

// src/scan/npy.ts
var SAFE_HEADER_CHARS = 1e4;
var INT64_MAX2 = (1n << 63n) - 1n;
var UTF8_STRICT3 = new TextDecoder("utf-8", { fatal: true });
function repr(v, budget = { n: 200 }) {
  if (budget.n-- <= 0) return "\u2026";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}\u2026` : v);
  if (typeof v === "bigint") return v.toString();
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v instanceof PyTuple) return `(${v.items.map((x) => repr(x, budget)).join(", ")}${v.items.length === 1 ? "," : ""})`;
  if (v instanceof PyDict) return `{${v.entries.map(([k, x]) => `${repr(k, budget)}: ${repr(x, budget)}`).join(", ")}}`;
  if ("items" in v) return `[${v.items.map((x) => repr(x, budget)).join(", ")}]`;
  if ("text" in v) return v.text;
  if ("latin1" in v) return `b${JSON.stringify(v.latin1.slice(0, 40))}`;
  return "...";
}
function createNpyScanner(ctx, opts, nested) {
  const base = opts.baseOffset ?? 0;
  const limits = limitsOf(opts);
  const findings = [];
  let complete = true;
  const details = {};
  let pickle;
  let trailing;
  let trailingBytes = 0;
  const invalid = (message, offset) => {
    complete = false;
    findings.push(finding("numpy.invalid", "high", `Not a valid .npy file: ${message}`, {
      file: ctx.path,
      offset: base + offset,
      help: "numpy.load refuses or misreads it; do not approve it."
    }));
  };
  const undecided = (message, offset) => {
    complete = false;
    findings.push(finding("numpy.unsupported", "high", `The .npy header cannot be read exactly: ${message}`, {
      file: ctx.path,
      offset: base + offset,
      help: "numpy may read this descriptor as an object dtype, whose data is a pickle; it was not examined. Do not approve it."
    }));
  };
  function* parse2() {
    const pre = yield { read: 8 };
    if (!pre) return invalid("truncated before the header", 0);
    if (Buffer.from(pre.subarray(0, 6)).toString("latin1") !== "\x93NUMPY") return invalid("the magic string is not \\x93NUMPY", 0);
    const major = pre[6];
    const minor = pre[7];
    if (!(major >= 1 && major <= 3 && minor === 0)) return invalid(`numpy reads format versions 1.0, 2.0 and 3.0, not ${major}.${minor}`, 6);
    const lenBytes = yield { read: major === 1 ? 2 : 4 };
    if (!lenBytes) return invalid("truncated before the header", 8);
    const hlen = major === 1 ? u16le(lenBytes, 0) : u32le(lenBytes, 0);
    const start = major === 1 ? 10 : 12;
    if (hlen > limits.maxHeaderBytes) return undecided(`a header of ${hlen} bytes is longer than the ${limits.maxHeaderBytes} this scan reads`, 8);
    const hb = new Uint8Array(hlen);
    let have = 0;
    yield { pipe: hlen, to: (c) => {
      hb.set(c, have);
      have += c.length;
    } };
    if (have < hlen) return invalid("truncated inside the header", start + have);
    let text;
    if (major === 3) {
      try {
        text = UTF8_STRICT3.decode(hb);
      } catch {
        return invalid("a version 3.0 header is not valid UTF-8", start);
      }
    } else text = Buffer.from(hb.buffer, hb.byteOffset, hb.length).toString("latin1");
    if (text.length > SAFE_HEADER_CHARS) details.numpyHeaderNeedsAllowPickle = true;
    let lit;
    try {
      try {
        lit = literalEval(text);
      } catch (err2) {
        if (!(err2 instanceof PyLitError && err2.kind === "SyntaxError" && major <= 2)) throw err2;
        lit = literalEval(text, { py2Longs: true });
      }
    } catch (err2) {
      if (err2 instanceof PyLitError && err2.kind === "Unsupported") return undecided(err2.message, start);
      return invalid(`the header is not a Python literal (${err2 instanceof PyLitError ? `${err2.kind}: ${err2.message}` : String(err2)})`, start);
    }
    if (!(lit instanceof PyDict)) return invalid("the header is not a dict", start);
    const keys = new Set(lit.entries.map(([k]) => typeof k === "string" ? k : null));
    if (keys.size !== 3 || !["descr", "fortran_order", "shape"].every((k) => keys.has(k)) || lit.entries.some(([k]) => typeof k !== "string")) {
      return invalid(`the header keys must be exactly descr, fortran_order and shape: ${repr(lit)}`, start);
    }
    const get = (k) => lit.entries.find(([x]) => x === k)?.[1];
    const shape = get("shape");
    if (!(shape instanceof PyTuple) || !shape.items.every((d) => typeof d === "bigint" || typeof d === "boolean")) {
      return invalid(`shape is not a tuple of ints: ${repr(shape)}`, start);
    }
    if (typeof get("fortran_order") !== "boolean") return invalid(`fortran_order is not a bool: ${repr(get("fortran_order"))}`, start);
    const descr = get("descr");
    const dt = descrToDtype(descr);
    const dims = shape.items.map((d) => typeof d === "boolean" ? d ? 1n : 0n : d);
    details.numpy = {
      descr: repr(descr),
      shape: dims.map((d) => d >= BigInt(Number.MIN_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(d) : d.toString()),
      object: isDtype(dt) ? dt.hasobject : null,
      itemsize: isDtype(dt) ? dt.itemsize : null,
      bodyAt: base + start + hlen
    };
    if (!isDtype(dt)) {
      if ("raises" in dt) return invalid(`descr is not a valid dtype descriptor: ${dt.raises}`, start);
      return undecided(dt.unknown, start);
    }
    if (dims.some((d) => d > INT64_MAX2 || d < -INT64_MAX2 - 1n)) return invalid("a dimension does not fit numpy.int64", start);
    const bodyAt = start + hlen;
    if (dt.hasobject) {
      findings.push(finding(
        "numpy.object-dtype",
        "info",
        "Object-dtype array: its data is a pickle, loaded only with allow_pickle=True (scanned as a pickle)",
        { file: ctx.path, offset: base + bodyAt }
      ));
      pickle = createPickleScanner({ path: ctx.path, baseOffset: base + bodyAt, mode: "plain", ...opts.allow ? { allow: opts.allow } : {}, depth: opts.depth ?? 0 });
      yield { rest: (c) => pickle?.push(c) };
      return;
    }
    let count2 = 1n;
    for (const d of dims) count2 *= d;
    if (dims.some((d) => d < 0n) || count2 > INT64_MAX2) return invalid(`shape ${repr(shape)} has no valid element count`, start);
    const body = count2 * BigInt(dt.itemsize);
    if (body > BigInt(Number.MAX_SAFE_INTEGER)) return invalid(`array of ${body} bytes is too large`, start);
    const got = yield { pipe: Number(body) };
    if (!got) return invalid(`array body is truncated: expected ${body} bytes`, bodyAt);
  }
  const feeder = new Feeder(parse2(), (chunk, offset) => {
    if (trailingBytes === 0) {
      findings.push(finding(
        "numpy.trailing-bytes",
        "high",
        "Bytes follow the array data: numpy ignores them, other tools may not (polyglot)",
        { file: ctx.path, offset: base + offset }
      ));
      if (nested && (opts.depth ?? 0) < limits.maxDepth) trailing = nested({ path: `${ctx.path}#trailing` }, { ...opts, depth: (opts.depth ?? 0) + 1, baseOffset: base + offset });
    }
    trailingBytes += chunk.length;
    trailing?.push(chunk);
  });
  return {
    push: (c) => feeder.push(c),
    // A numeric body is counted, not read (a local scan passes it by); trailing bytes are scanned.
    ahead: () => feeder.streamAhead(),
    skip: (n) => feeder.streamSkip(n),
    end() {
      feeder.end();
      const outcomes = [];
      if (pickle) outcomes.push(pickle.end());
      if (trailing) outcomes.push(trailing.end());
      const formats = ["numpy"];
      for (const o of outcomes) {
        findings.push(...o.findings);
        if (!o.complete) complete = false;
        for (const f of o.formats) if (!formats.includes(f)) formats.push(f);
        if (o.details) Object.assign(details, o.details);
      }
      return { formats, findings, complete, details };
    }
  };
}

// src/scan/loaders.ts
var PICKLE_EXTENSIONS = /* @__PURE__ */ new Set([
  "pkl",
  "pickle",
  "pck",
  "pcl",
  "p",
  "dill",
  "cpkl",
  "bin",
  "pt",
  "pth",
  "ckpt",
  "th",
  "tar",
  "mar",
  "pdparams",
  "pdopt",
  "model",
  "joblib",
  "jbl",
  "sav",
  "dat",
  "data"
]);
var COMPRESSION_EXTENSIONS = /* @__PURE__ */ new Set(["gz", "gzip", "z", "zlib", "bz2", "xz", "lzma", "lz4", "zst", "zstd"]);
function loaderName(path2) {
  const member = path2.lastIndexOf("!/");
  let name = member >= 0 ? path2.slice(member + 2) : path2;
  const hash = name.indexOf("#");
  if (hash >= 0) name = name.slice(0, hash);
  name = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
  for (; ; ) {
    const dot = name.lastIndexOf(".");
    if (dot <= 0 || !COMPRESSION_EXTENSIONS.has(name.slice(dot + 1))) return name;
    name = name.slice(0, dot);
  }
}
function pickleReachableByName(path2) {
  const name = loaderName(path2);
  const dot = name.lastIndexOf(".");
  return dot > 0 && PICKLE_EXTENSIONS.has(name.slice(dot + 1));
}

// src/scan/safetensors.ts
var SAFETENSORS_DTYPE_BITS = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64
};
var MAX_HEADER = 100000000n;
var USIZE_MAX = (1n << 64n) - 1n;
var SafetensorsError = class extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
  }
  code;
};
var isUsize = (v) => typeof v === "bigint" && v >= 0n && v <= USIZE_MAX;
function parseSafetensorsHeader(text) {
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (err2) {
    throw new SafetensorsError("InvalidHeaderDeserialization", err2 instanceof JsonError ? err2.message : String(err2));
  }
  const root = parsed.value;
  if (!isObject(root)) throw new SafetensorsError("InvalidHeaderDeserialization", "the header is not a JSON object");
  const tensors = [];
  let metadata;
  for (const [name, v] of Object.entries(root)) {
    if (name === "__metadata__") {
      if (v === null) continue;
      if (!isObject(v)) throw new SafetensorsError("InvalidHeaderDeserialization", "__metadata__ is not a map of strings");
      metadata = {};
      for (const [k, s] of Object.entries(v)) {
        if (typeof s !== "string") throw new SafetensorsError("InvalidHeaderDeserialization", `__metadata__.${k} is not a string`);
        metadata[k] = s;
      }
      continue;
    }
    if (!isObject(v)) throw new SafetensorsError("InvalidHeaderDeserialization", `tensor \`${name}\` is not an object`);
    const { dtype, shape, data_offsets: offs } = v;
    if (typeof dtype !== "string" || SAFETENSORS_DTYPE_BITS[dtype] === void 0) {
      throw new SafetensorsError("InvalidHeaderDeserialization", `tensor \`${name}\` has unknown dtype ${JSON.stringify(dtype ?? null)}`);
    }
    if (!Array.isArray(shape) || !shape.every(isUsize)) {
      throw new SafetensorsError("InvalidHeaderDeserialization", `tensor \`${name}\` shape is not a list of non-negative integers`);
    }
    if (!Array.isArray(offs) || offs.length !== 2 || !isUsize(offs[0]) || !isUsize(offs[1])) {
      throw new SafetensorsError("InvalidHeaderDeserialization", `tensor \`${name}\` data_offsets is not a pair of non-negative integers`);
    }
    tensors.push({ name, dtype, shape, start: offs[0], end: offs[1] });
  }
  tensors.sort((a, b) => a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0);
  let start = 0n;
  for (const t of tensors) {
    if (t.start !== start || t.end < t.start) {
      const why = t.start > start ? `a gap of ${t.start - start} bytes before it` : t.start < start ? "it overlaps the previous tensor" : "its end is before its start";
      throw new SafetensorsError("InvalidOffset", `tensor \`${t.name}\` [${t.start}, ${t.end}]: ${why}`);
    }
    start = t.end;
    let n = 1n;
    for (const d of t.shape) {
      n *= d;
      if (n > USIZE_MAX) throw new SafetensorsError("ValidationOverflow", `tensor \`${t.name}\` element count overflows`);
    }
    const bits = n * BigInt(SAFETENSORS_DTYPE_BITS[t.dtype]);
    if (bits > USIZE_MAX) throw new SafetensorsError("ValidationOverflow", `tensor \`${t.name}\` bit size overflows`);
    if (bits % 8n !== 0n) throw new SafetensorsError("MisalignedSlice", `tensor \`${t.name}\` is not a whole number of bytes`);
    if (t.end - t.start !== bits / 8n) {
      throw new SafetensorsError(
        "TensorInvalidInfo",
        `tensor \`${t.name}\` ${t.dtype}${JSON.stringify(t.shape.map(String))} needs ${bits / 8n} bytes but spans ${t.end - t.start}`
      );
    }
  }
  const header = { tensors, dataLength: start };
  if (metadata) header.metadata = metadata;
  return { header, duplicates: parsed.duplicates };
}
function createSafetensorsScanner(ctx, opts, nested) {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const findings = [];
  let complete = true;
  let seen = 0;
  const pre = [];
  let preLen = 0;
  let n;
  let header;
  let failed = false;
  let dataEnd = 0;
  let trailing;
  let trailingBytes = 0;
  const details = {};
  const fail2 = (code, message, offset) => {
    failed = true;
    complete = false;
    findings.push(finding("safetensors.invalid", "high", `Not a valid safetensors file (${code}): ${message}`, {
      file: ctx.path,
      ...offset !== void 0 ? { offset: base + offset } : {},
      help: "The safetensors loader refuses this file, or reads it differently than it looks; do not approve it."
    }));
  };
  const parseHeader = (all) => {
    const nn = n;
    const bytes = all.subarray(8, 8 + Number(nn));
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      fail2("InvalidHeader", "the header is not valid UTF-8", 8);
      return;
    }
    try {
      const { header: h, duplicates } = parseSafetensorsHeader(text);
      header = h;
      for (const d of duplicates) {
        findings.push(finding(
          "safetensors.duplicate-key",
          "high",
          `Header key "${d}" appears more than once; loaders keep only one of them, so what you review is not what loads`,
          { file: ctx.path, offset: base + 8 }
        ));
      }
      if (h.dataLength > BigInt(Number.MAX_SAFE_INTEGER)) {
        fail2("ValidationOverflow", "tensor data larger than 2^53 bytes");
        return;
      }
      dataEnd = 8 + Number(nn) + Number(h.dataLength);
      details.safetensors = { tensors: h.tensors.length, dataBytes: Number(h.dataLength), metadataKeys: Object.keys(h.metadata ?? {}).length };
      if (ctx.size !== void 0 && ctx.size !== dataEnd) {
        if (ctx.size < dataEnd) fail2("MetadataIncompleteBuffer", `the header describes ${dataEnd} bytes but the file has ${ctx.size}`);
      }
    } catch (err2) {
      if (err2 instanceof SafetensorsError) fail2(err2.code, err2.message.slice(err2.code.length + 2), 8);
      else throw err2;
    }
  };
  const onTrailing = (chunk) => {
    if (trailingBytes === 0) {
      findings.push(finding(
        "safetensors.trailing-bytes",
        "high",
        "Bytes follow the last tensor: the file is longer than its header says (a polyglot hides data there)",
        {
          file: ctx.path,
          offset: base + dataEnd,
          help: "The safetensors loader rejects such files; other tools may read the extra bytes."
        }
      ));
      if (nested && (opts.depth ?? 0) < limits.maxDepth) {
        trailing = nested({ path: `${ctx.path}#trailing` }, { ...opts, depth: (opts.depth ?? 0) + 1, baseOffset: base + dataEnd });
      }
    }
    trailingBytes += chunk.length;
    trailing?.push(chunk);
  };
  return {
    // The length prefix and header are read; tensor bytes are only counted (their bounds were checked against
    // the header and the file size); bytes after the last tensor are scanned as a stream of their own.
    ahead() {
      if (failed) return SKIP_ALL;
      if (!header) {
        if (n === void 0) return { skip: 0, see: 8 - preLen };
        return { skip: 0, see: Math.max(1, 8 + Number(n) - preLen) };
      }
      return seen < dataEnd ? { skip: dataEnd - seen, see: 0 } : NEED_ALL;
    },
    skip(k) {
      if (!failed && (!header || seen + k > dataEnd)) throw new Error("safetensors: skip() outside the tensor data");
      seen += k;
    },
    push(chunk) {
      const start = seen;
      seen += chunk.length;
      if (failed) return;
      if (!header) {
        pre.push(chunk.slice());
        preLen += chunk.length;
        if (n === void 0 && preLen >= 8) {
          const all = concat(pre, preLen);
          n = u64le(all, 0);
          if (n > MAX_HEADER || n > BigInt(limits.maxHeaderBytes)) {
            fail2("HeaderTooLarge", `header length ${n} exceeds 100,000,000 bytes`, 0);
            pre.length = 0;
            return;
          }
          if (ctx.size !== void 0 && 8n + n > BigInt(ctx.size)) {
            fail2("InvalidHeaderLength", `header length ${n} runs past the end of the ${ctx.size}-byte file`, 0);
            pre.length = 0;
            return;
          }
        }
        if (n !== void 0 && BigInt(preLen) >= 8n + n) {
          const all = concat(pre, preLen);
          pre.length = 0;
          parseHeader(all);
          if (failed || !header) return;
          const rest = all.subarray(8 + Number(n));
          handleData(8 + Number(n), rest);
        }
        return;
      }
      handleData(start, chunk);
    },
    end() {
      if (!failed) {
        if (n === void 0) fail2("HeaderTooSmall", "fewer than 8 bytes", 0);
        else if (!header) fail2("InvalidHeaderLength", `header length ${n} runs past the end of the file (${seen} bytes)`, 0);
        else if (seen < dataEnd) fail2("MetadataIncompleteBuffer", `the header describes ${dataEnd} bytes but the file has ${seen}`, seen);
      }
      if (trailing) {
        const t = trailing.end();
        findings.push(...t.findings);
        if (!t.complete) complete = false;
        details.trailingFormats = t.formats;
      }
      if (trailingBytes) details.trailingBytes = trailingBytes;
      return { formats: ["safetensors"], findings, complete, details };
    }
  };
  function handleData(at, chunk) {
    const end = at + chunk.length;
    if (end <= dataEnd || chunk.length === 0) return;
    onTrailing(chunk.subarray(Math.max(0, dataEnd - at)));
  }
}
function concat(parts, len) {
  const out = concatBytes(parts, len);
  parts.length = 0;
  parts.push(out);
  return out;
}

// src/scan/text.ts
var NEEDLE = new TextEncoder().encode("chat_template");
var SPECIAL_TOKENS = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];
function specialTokens(doc) {
  const out = {};
  for (const k of SPECIAL_TOKENS) {
    const v = doc[k];
    const s = typeof v === "string" ? v : isObject(v) && typeof v.content === "string" ? v.content : void 0;
    if (s !== void 0) out[k] = s;
  }
  return out;
}
function chatTemplatesOf(doc) {
  if (!isObject(doc)) return [];
  const t = doc.chat_template;
  const out = [];
  if (typeof t === "string") out.push({ where: "chat_template", template: t });
  else if (Array.isArray(t)) {
    t.forEach((item, i) => {
      if (isObject(item) && typeof item.template === "string") {
        out.push({ where: `chat_template "${typeof item.name === "string" ? item.name : `#${i}`}"`, template: item.template });
      }
    });
  } else if (isObject(t)) {
    for (const [name, v] of Object.entries(t)) if (typeof v === "string") out.push({ where: `chat_template "${name}"`, template: v });
  }
  return out;
}
function checkJsonDocument(doc, path2) {
  const findings = [];
  let complete = true;
  if (isObject(doc)) {
    const tokens = specialTokens(doc);
    for (const { where, template } of chatTemplatesOf(doc)) {
      const r = analyzeChatTemplate(template, { path: path2, where, source: "transformers", specialTokens: tokens });
      findings.push(...r.findings);
      complete &&= r.complete;
    }
    if (looksLikeKerasConfig(doc)) findings.push(...checkKerasConfig(doc, path2, "Keras config"));
  }
  return { findings, complete };
}
function escapedNameChar(b, i) {
  if (b[i] !== 92 || b[i + 1] !== 117 || b[i + 2] !== 48 || b[i + 3] !== 48) return false;
  const hex2 = (c) => c === void 0 ? -1 : c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
  const hi = hex2(b[i + 4]);
  const lo = hex2(b[i + 5]);
  if (hi < 0 || lo < 0) return false;
  const ch = hi * 16 + lo;
  return ch === 95 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122;
}
function mentionsTemplate(b) {
  if (indexOfBytes(b, NEEDLE) >= 0) return true;
  for (let i = b.indexOf(92); i >= 0; i = b.indexOf(92, i + 1)) if (escapedNameChar(b, i)) return true;
  return false;
}
function createJsonDocumentScanner(ctx, opts) {
  const limits = limitsOf(opts);
  const parts = [];
  let size = 0;
  let tooLarge = false;
  let sawTemplate = false;
  let carry = new Uint8Array(0);
  return {
    push(chunk) {
      size += chunk.length;
      if (!tooLarge && size > limits.maxJsonBytes) {
        tooLarge = true;
        for (const p of parts) if (mentionsTemplate(p)) sawTemplate = true;
        carry = (parts.at(-1) ?? new Uint8Array(0)).slice(-NEEDLE.length);
        parts.length = 0;
      }
      if (!tooLarge) {
        parts.push(chunk.slice());
        return;
      }
      const w = new Uint8Array(carry.length + chunk.length);
      w.set(carry);
      w.set(chunk, carry.length);
      if (mentionsTemplate(w)) sawTemplate = true;
      carry = w.slice(Math.max(0, w.length - NEEDLE.length));
    },
    end() {
      const findings = [];
      let complete = true;
      if (tooLarge) {
        if (sawTemplate) {
          complete = false;
          findings.push(finding("template.too-large", "high", `A JSON file of ${size} bytes may hold a chat_template but is too large to examine`, { file: ctx.path }));
        }
        return { formats: ["json"], findings, complete };
      }
      const all = new Uint8Array(size);
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
      const text = utf8(all).replace(/^\ufeff/, "");
      let doc;
      let conflicts;
      try {
        ({ value: doc, conflicts } = parseJson(text, "python"));
      } catch {
        return { formats: ["text"], findings, complete, details: { jsonValid: false, notFormats: ["json"] } };
      }
      for (const key of conflicts.slice(0, 20)) {
        findings.push(finding("json.duplicate-key", "high", `Key \`${key}\` appears more than once with different values: Python's json keeps the last, other readers the first`, {
          file: ctx.path,
          evidence: key,
          help: "Loaders disagree on what this document says, and only one reading was checked; ask for a file without duplicate keys."
        }));
      }
      const checked = checkJsonDocument(doc, ctx.path);
      findings.push(...checked.findings);
      return { formats: ["json"], findings, complete: complete && checked.complete };
    }
  };
}

// src/scan/file-scanner.ts
var HEAD_BYTES = 64 * 1024;
var DATA_ONLY = /* @__PURE__ */ new Set(["protobuf", "image", "tflite", "empty"]);
var WEAK_IN_RAW = /* @__PURE__ */ new Set(["zlib", "lzma", "protobuf", "text", "json", "python", "notebook", "script", "unknown-binary", "tflite", "pe"]);
var NAME_HINTS = { safetensors: "safetensors", npy: "numpy", gguf: "gguf" };
function extensionOf(path2) {
  const base = path2.slice(path2.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}
function pickleProbe(vm, reach) {
  return {
    push: (chunk) => vm.push(chunk),
    ahead: () => aheadOf(vm),
    skip: (n) => vm.skip?.(n),
    end() {
      const o = vm.end();
      const d = o.details ?? {};
      const imports = Array.isArray(d.globals) ? d.globals.length : 0;
      const calls = typeof d.calls === "number" ? d.calls : 0;
      const pickles = typeof d.pickles === "number" ? d.pickles : 0;
      const effects = imports > 0 || calls > 0;
      const counts = reach === "name" ? effects : effects && (calls > 0 || pickles > 0 && imports > 0);
      if (counts) return o;
      if (imports === 0) return { formats: [], findings: [], complete: true };
      const findings = o.findings.filter((f) => f.check.startsWith("pickle.global.") || f.check === "pickle.dunder").map((f) => ({
        ...f,
        check: "pickle.stray-import",
        severity: f.severity === "critical" ? "medium" : "info",
        message: `If unpickled, these bytes import ${f.message.replace(/^Pickle imports /, "")} \u2014 then the unpickler fails`,
        help: "No loader reads this file as a pickle by its name. Check that nothing in the repository (README, scripts) passes it to pickle.load, torch.load or joblib.load."
      }));
      return { formats: [], findings, complete: true };
    }
  };
}
function createFileScanner(ctx, opts = {}) {
  const limits = limitsOf(opts);
  const nested = (c, o) => createFileScanner(c, { ...o, ...opts.textAnalyzers ? { textAnalyzers: opts.textAnalyzers } : {} });
  const headParts = [];
  let headLen = 0;
  let total = 0;
  let scanners;
  let sniffed;
  let formats = [];
  const own = [];
  let ownComplete = true;
  const decide = (atEof, whole) => {
    const head = whole ?? concatBytes(headParts, headLen);
    headParts.length = 0;
    const size = ctx.size ?? (atEof ? headLen : void 0);
    const tail = ctx.tail ?? (atEof ? head : void 0);
    sniffed = sniff(head, size, tail, !atEof && size === void 0);
    let fmts = sniffed.formats;
    if (opts.rawData) {
      fmts = fmts.filter((f) => !WEAK_IN_RAW.has(f) || f === "pe" && sniffed?.peConfirmed);
      if (fmts.length === 0) fmts = ["raw-data"];
    }
    if (!opts.rawData && fmts.includes("unknown-binary") && readsAsPickle(head, atEof)) fmts = fmts.map((f) => f === "unknown-binary" ? "pickle" : f);
    const hinted = NAME_HINTS[extensionOf(ctx.path)];
    if (hinted && !opts.rawData && fmts.every((f) => f === "unknown-binary" || TEXT_FORMATS2.has(f))) fmts = [hinted];
    const claimed = opts.rawData ? [] : FORMAT_PLUGINS.filter((p) => !fmts.includes(p.format) && p.claims(head, { ...ctx, ...size !== void 0 ? { size } : {}, ...tail ? { tail } : {} }));
    if (claimed.length > 0) fmts = fmts.filter((f) => f !== "unknown-binary");
    formats = [...fmts, ...claimed.map((p) => p.format)];
    scanners = [];
    const strong = [
      ...fmts.filter((f) => !TEXT_FORMATS2.has(f) && !DATA_ONLY.has(f) && f !== "unknown-binary" && f !== "raw-data"),
      ...claimed.filter((p) => !p.dataOnly).map((p) => p.format)
    ];
    if (strong.length >= 2) {
      own.push(finding("file.polyglot", "high", `Content is several formats at once (${strong.join(", ")}): different tools will read different things`, {
        file: ctx.path,
        offset: opts.baseOffset ?? 0,
        evidence: evidenceBytes(head.subarray(0, 24)),
        help: "Legitimate model files are one format. Every interpretation was scanned; reject unless the extra format is explained."
      }));
    }
    if (!opts.rawData && (opts.depth ?? 0) === 0) {
      const mismatch = extensionMismatch(ctx.path, formats);
      if (mismatch) {
        own.push(finding(
          "file.extension-mismatch",
          mismatch.severity,
          `Named .${mismatch.extension} but the content is ${fmts.join(" + ")} (expected ${mismatch.expected.join(" or ")})`,
          {
            file: ctx.path,
            offset: 0,
            evidence: evidenceBytes(head.subarray(0, 24)),
            help: "Loaders pick a parser by content or by a different name than reviewers expect; judge the file by what it is."
          }
        ));
      }
    }
    for (const f of fmts) {
      const s = interpretation2(f, head);
      if (s) scanners.push({ name: f, scanner: guarded(ctx.path, f, s) });
    }
    for (const plugin of claimed) {
      scanners.push({ name: plugin.format, scanner: guarded(ctx.path, plugin.format, plugin.create(ctx, opts, nested)) });
    }
    if (!opts.rawData && !fmts.includes("pickle")) {
      const reach = pickleReachableByName(ctx.path) ? "name" : "content";
      scanners.push({ name: "pickle", scanner: guarded(ctx.path, "pickle", pickleProbe(pickleScanner(), reach)) });
    }
    if (!opts.rawData && !fmts.includes("hdf5")) {
      scanners.push({ name: "hdf5-late", scanner: guarded(ctx.path, "hdf5", createLateHdf5Watcher(ctx, opts, firstUnsniffedHdf5Offset(Math.min(head.length, HDF5_SNIFF_BYTES)))) });
    }
    if (!opts.rawData && opts.textAnalyzers) {
      for (const a of opts.textAnalyzers) {
        const s = a(ctx, fmts);
        if (s) scanners.push({ name: "text-analyzer", scanner: guarded(ctx.path, "text analyzer", s) });
      }
    }
    for (const { scanner } of scanners) scanner.push(head);
  };
  const pickleScanner = () => createPickleScanner({
    path: ctx.path,
    baseOffset: opts.baseOffset ?? 0,
    mode: "auto",
    depth: opts.depth ?? 0,
    ...opts.torchDataPkl ? { torchDataPkl: true } : {},
    ...opts.torchScript ? { torchScript: true } : {},
    ...opts.allow ? { allow: opts.allow } : {}
  });
  const interpretation2 = (f, head) => {
    const o = { ...opts };
    if (EXECUTABLE_FORMATS.has(f)) return fixedScanner({ formats: [f], findings: [executableFinding(f, head, ctx.path)], complete: true });
    switch (f) {
      case "ole":
        return fixedScanner({ formats: [f], findings: [oleFinding(ctx.path)], complete: true });
      case "zip":
        return zipInterpretation();
      case "pickle":
        return pickleScanner();
      case "numpy":
        return createNpyScanner(ctx, o, nested);
      case "tar":
        return createTarScanner(ctx, o, nested);
      case "gzip":
      case "zlib":
      case "joblib-zf":
      case "bz2":
      case "xz":
      case "lzma":
      case "lz4":
      case "zstd":
        return createDecompressScanner(f, ctx, o, nested);
      case "7z":
        return unscannableCompression(f, ctx.path);
      case "hdf5":
        return createKerasH5Scanner(ctx, o);
      case "safetensors":
        return createSafetensorsScanner(ctx, o, nested);
      case "gguf":
        return createGgufScanner(ctx, o);
      case "json":
      case "notebook":
        return f === "json" ? createJsonDocumentScanner(ctx, o) : void 0;
      case "unknown-binary":
        return fixedScanner({ formats: [f], findings: [finding(
          "file.unknown-binary",
          "high",
          "Binary content that no scanner recognises: it was not examined",
          {
            file: ctx.path,
            offset: opts.baseOffset ?? 0,
            evidence: evidenceBytes(head.subarray(0, 24)),
            help: "Find out what this file is and what loads it; unknown binaries are not approved."
          }
        )], complete: true });
      default:
        return void 0;
    }
  };
  const zipInterpretation = () => {
    const tail = ctx.tail;
    const size = ctx.size;
    if (tail && size !== void 0) {
      try {
        const cd2 = readCentralDirectory(tail, size, ctx.path, limits.maxMembers);
        return createZipStreamScanner(ctx, cd2, opts, nested);
      } catch (err2) {
        if (err2 instanceof ZipDirectoryError && err2.needTail === void 0) return zipFailure(`Unreadable zip central directory: ${err2.message}`, "zip.invalid");
        if (!(err2 instanceof ZipDirectoryError)) throw err2;
        if (size > limits.zipBufferBytes) {
          return zipFailure(`The zip central directory is not within the ${tail.length} tail bytes provided (${err2.message}); fetch at least the last ${err2.needTail} bytes first`, "zip.needs-tail");
        }
      }
    }
    if (size !== void 0 && size > limits.zipBufferBytes) {
      return zipFailure("A zip needs its central directory (the file tail) before its bytes stream; none was provided", "zip.needs-tail");
    }
    return bufferedZip();
  };
  const zipFailure = (message, check) => fixedScanner({
    formats: ["zip"],
    complete: false,
    findings: [finding(check, "high", message, { file: ctx.path, help: "The archive members were not examined; do not approve it." })]
  });
  const bufferedZip = () => {
    const parts = [];
    let n = 0;
    let over = false;
    return {
      push(c) {
        if (over) return;
        n += c.length;
        if (n > limits.zipBufferBytes) {
          over = true;
          parts.length = 0;
          return;
        }
        parts.push(c.slice());
      },
      end() {
        if (over) return zipFailure(`A zip larger than ${limits.zipBufferBytes} bytes arrived without its tail; provide the tail to scan it`, "zip.needs-tail").end();
        const all = concatBytes(parts, n);
        let cd2;
        try {
          cd2 = readCentralDirectory(all.subarray(Math.max(0, n - 65557 - 1024 * 1024 * 16)), n, ctx.path, limits.maxMembers);
        } catch (err2) {
          if (!(err2 instanceof ZipDirectoryError)) throw err2;
          try {
            cd2 = readCentralDirectory(all, n, ctx.path, limits.maxMembers);
          } catch (err22) {
            if (!(err22 instanceof ZipDirectoryError)) throw err22;
            return zipFailure(`Unreadable zip central directory: ${err22.message}`, "zip.invalid").end();
          }
        }
        const z = createZipStreamScanner(ctx, cd2, opts, nested);
        z.push(all);
        return z.end();
      }
    };
  };
  const pushAll = (chunk) => {
    for (const { scanner } of scanners ?? []) scanner.push(chunk);
  };
  return {
    // Until the head is sniffed every byte of it is needed; then the bytes ahead are needed by whichever
    // interpretation needs them (an unknown one needs all), and passed by only when none does.
    ahead() {
      if (!scanners) return headLen < HEAD_BYTES ? { skip: 0, see: HEAD_BYTES - headLen } : NEED_ALL;
      return combineAhead(scanners.map(({ scanner }) => aheadOf(scanner)));
    },
    skip(n) {
      if (!scanners) throw new Error("skip() before the head was sniffed");
      total += n;
      for (const { scanner } of scanners) scanner.skip?.(n);
    },
    push(chunk) {
      if (chunk.length === 0) return;
      total += chunk.length;
      if (scanners) {
        pushAll(chunk);
        return;
      }
      const take = Math.min(chunk.length, HEAD_BYTES - headLen);
      if (headLen === 0 && take === HEAD_BYTES) {
        headLen = take;
        decide(false, chunk.subarray(0, take));
      } else {
        headParts.push(chunk.slice(0, take));
        headLen += take;
        if (headLen < HEAD_BYTES) return;
        decide(false);
      }
      if (take < chunk.length) pushAll(chunk.subarray(take));
    },
    end() {
      try {
        if (!scanners) decide(true);
      } catch (err2) {
        own.push(finding("scan.internal-error", "high", `Sniffing failed: ${err2 instanceof Error ? err2.message : String(err2)}`, { file: ctx.path }));
        ownComplete = false;
        scanners = [];
      }
      const outcomes = (scanners ?? []).map(({ scanner }) => scanner.end());
      const merged = mergeOutcomes(outcomes);
      const refuted = new Set(Array.isArray(merged.details?.notFormats) ? merged.details.notFormats : []);
      const out = {
        formats: formats.filter((f) => !refuted.has(f)),
        findings: [...own, ...merged.findings],
        complete: ownComplete && merged.complete,
        details: { ...merged.details ?? {}, bytes: total }
      };
      for (const f of merged.formats) if (!out.formats.includes(f)) out.formats.push(f);
      if (ctx.size !== void 0 && total !== ctx.size) {
        out.complete = false;
        out.findings.unshift(finding("file.size-mismatch", "high", `Expected ${ctx.size} bytes but ${total} arrived`, { file: ctx.path, offset: (opts.baseOffset ?? 0) + total }));
      }
      for (const f of out.findings) if (f.file === void 0) f.file = ctx.path;
      if (!out.complete && !out.findings.some((f) => BLOCKING.has(f.severity))) {
        out.findings.push(finding("scan.incomplete", "high", "The file was not fully examined", { file: ctx.path }));
      }
      return out;
    }
  };
}

// src/review/scan-file.ts
var defaultScanFile = (ctx, opts) => createFileScanner(ctx, opts);

export {
  REPO_CHECKS,
  defaultScanFile
};
