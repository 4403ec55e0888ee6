// The syntax tree of a chat template, from @huggingface/jinja's own lexer and parser (the Jinja implementation the
// Hugging Face ecosystem ships: transformers.js renders chat templates with it). Only `tokenize` and `parse` are
// used: nothing here compiles, renders or evaluates a template. The shapes below are the parts of its AST this
// analysis reads; a node of any other type makes the analysis fail closed (a newer parser may add constructs).
import { parse, tokenize } from '@huggingface/jinja';

export interface JNode { type: string }
export interface Token { value: string; type: string }

export interface Program extends JNode { body: JNode[] }
export interface If extends JNode { test: JNode; body: JNode[]; alternate: JNode[] }
export interface For extends JNode { loopvar: JNode; iterable: JNode; body: JNode[]; defaultBlock: JNode[] }
export interface SetStatement extends JNode { assignee: JNode; value: JNode | null; body: JNode[] }
export interface Macro extends JNode { name: Identifier; args: JNode[]; body: JNode[] }
export interface CallStatement extends JNode { call: CallExpression; callerArgs: JNode[] | null; body: JNode[] }
export interface FilterStatement extends JNode { filter: JNode; body: JNode[] }
export interface MemberExpression extends JNode { object: JNode; property: JNode; computed: boolean }
export interface CallExpression extends JNode { callee: JNode; args: JNode[] }
export interface Identifier extends JNode { value: string }
export interface Literal<T> extends JNode { value: T }
export interface ObjectLiteral extends JNode { value: Map<JNode, JNode> }
export interface BinaryExpression extends JNode { operator: Token; left: JNode; right: JNode }
export interface UnaryExpression extends JNode { operator: Token; argument: JNode }
export interface FilterExpression extends JNode { operand: JNode; filter: JNode }
export interface SelectExpression extends JNode { lhs: JNode; test: JNode }
export interface TestExpression extends JNode { operand: JNode; negate: boolean; test: Identifier }
export interface SliceExpression extends JNode { start?: JNode; stop?: JNode; step?: JNode }
export interface KeywordArgumentExpression extends JNode { key: Identifier; value: JNode }
export interface SpreadExpression extends JNode { argument: JNode }
export interface Ternary extends JNode { condition: JNode; trueExpr: JNode; falseExpr: JNode }

export type ParseResult = { program: Program } | { error: string };

/** Tokens after which `(` opens a call's arguments; after anything else it opens a parenthesised expression. */
const OPERAND_END = new Set(['Identifier', 'StringLiteral', 'NumericLiteral', 'CloseParen', 'CloseSquareBracket', 'CloseCurlyBracket']);
/** Names that are operators in Jinja: `x in ()` is a membership test on an empty tuple, not a call of `in`. */
const OPERATOR_WORDS = new Set(['in', 'not', 'and', 'or', 'if', 'else', 'is']);

/**
 * Jinja's empty tuple `()` (which public payloads start from: `().__class__`), which @huggingface/jinja's parser
 * does not accept, is given to it as the empty list `[]`: the same empty sequence as far as names are concerned.
 */
function emptyTuples(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = out[out.length - 1];
    const call = prev !== undefined && OPERAND_END.has(prev.type) && !(prev.type === 'Identifier' && OPERATOR_WORDS.has(prev.value));
    if (t.type === 'OpenParen' && tokens[i + 1]?.type === 'CloseParen' && !call) {
      out.push({ value: '[', type: 'OpenSquareBracket' }, { value: ']', type: 'CloseSquareBracket' });
      i++;
    } else out.push(t);
  }
  return out;
}

/** The template's syntax tree as @huggingface/jinja parses it, or the parser's error. */
export function parseTemplate(source: string): ParseResult {
  try {
    const tokens = emptyTuples(tokenize(source) as unknown as Token[]);
    return { program: parse(tokens as unknown as Parameters<typeof parse>[0]) as unknown as Program };
  } catch (e) {
    // The parser throws SyntaxError for bad templates, TypeError when tokens run out, RangeError when nesting
    // exhausts the stack: each means the template was not read.
    const message = e instanceof Error ? e.message : String(e);
    return { error: message.length > 200 ? `${message.slice(0, 200)}…` : message };
  }
}

/** Node types whose statements produce output as they are (template text and `{{ … }}` expressions). */
export const STATEMENTS = new Set(['Program', 'If', 'For', 'Break', 'Continue', 'Set', 'Macro', 'Comment', 'CallStatement', 'FilterStatement']);

/** The child nodes of a node, or undefined for a node type this analysis does not know. */
export function children(n: JNode): JNode[] | undefined {
  const x = n as unknown as Record<string, unknown>;
  const list = (v: unknown): JNode[] => (Array.isArray(v) ? (v as JNode[]) : []);
  const one = (v: unknown): JNode[] => (v ? [v as JNode] : []);
  switch (n.type) {
    case 'Program': return list(x.body);
    case 'If': return [...one(x.test), ...list(x.body), ...list(x.alternate)];
    case 'For': return [...one(x.loopvar), ...one(x.iterable), ...list(x.body), ...list(x.defaultBlock)];
    case 'Set': return [...one(x.assignee), ...one(x.value), ...list(x.body)];
    case 'Macro': return [...one(x.name), ...list(x.args), ...list(x.body)];
    case 'CallStatement': return [...one(x.call), ...list(x.callerArgs), ...list(x.body)];
    case 'FilterStatement': return [...one(x.filter), ...list(x.body)];
    case 'Comment': case 'Break': case 'Continue': return [];
    case 'MemberExpression': return [...one(x.object), ...one(x.property)];
    case 'CallExpression': return [...one(x.callee), ...list(x.args)];
    case 'Identifier': case 'IntegerLiteral': case 'FloatLiteral': case 'StringLiteral': return [];
    case 'ArrayLiteral': case 'TupleLiteral': return list(x.value);
    case 'ObjectLiteral': return [...(x.value as Map<JNode, JNode>).entries()].flat();
    case 'BinaryExpression': return [...one(x.left), ...one(x.right)];
    case 'FilterExpression': return [...one(x.operand), ...one(x.filter)];
    case 'SelectExpression': return [...one(x.lhs), ...one(x.test)];
    case 'TestExpression': return [...one(x.operand), ...one(x.test)];
    case 'UnaryExpression': return one(x.argument);
    case 'SliceExpression': return [...one(x.start), ...one(x.stop), ...one(x.step)];
    case 'KeywordArgumentExpression': return [...one(x.key), ...one(x.value)];
    case 'SpreadExpression': case 'KeywordSpreadExpression': return one(x.argument);
    case 'Ternary': return [...one(x.condition), ...one(x.trueExpr), ...one(x.falseExpr)];
    default: return undefined;
  }
}

/** Every node with its depth, without recursion; stops at the first unknown node type or past `maxDepth`. */
export function walk(program: Program, maxDepth: number): { nodes: JNode[]; depth: number; unknown?: string; tooDeep?: boolean } {
  const nodes: JNode[] = [];
  let depth = 0;
  const stack: [JNode, number][] = [[program, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop() as [JNode, number];
    if (d > maxDepth) return { nodes, depth: d, tooDeep: true };
    depth = Math.max(depth, d);
    nodes.push(n);
    const kids = children(n);
    if (!kids) return { nodes, depth, unknown: n.type };
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as JNode, d + 1]);
  }
  return { nodes, depth };
}

const PRINT_MAX = 200;

/** A short source-like rendering of an expression, for evidence. */
export function show(n: JNode | undefined, budget = PRINT_MAX): string {
  const s = print(n, 0);
  return s.length > budget ? `${s.slice(0, budget)}…` : s;
}

function print(n: JNode | undefined, depth: number): string {
  if (!n) return '';
  if (depth > 40) return '…';
  const p = (c: JNode | undefined): string => print(c, depth + 1);
  const x = n as unknown as Record<string, unknown>;
  switch (n.type) {
    case 'Identifier': return (n as Identifier).value;
    case 'IntegerLiteral': case 'FloatLiteral': return String((n as Literal<number>).value);
    case 'StringLiteral': {
      const v = (n as Literal<string>).value;
      return `'${JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…` : v).slice(1, -1)}'`;
    }
    case 'MemberExpression': {
      const m = n as MemberExpression;
      return m.computed ? `${p(m.object)}[${p(m.property)}]` : `${p(m.object)}.${p(m.property)}`;
    }
    case 'CallExpression': {
      const c = n as CallExpression;
      return `${p(c.callee)}(${c.args.slice(0, 6).map(p).join(', ')}${c.args.length > 6 ? ', …' : ''})`;
    }
    case 'FilterExpression': return `${p(x.operand as JNode)}|${p(x.filter as JNode)}`;
    case 'BinaryExpression': {
      const b = n as BinaryExpression;
      return `${p(b.left)} ${b.operator.value} ${p(b.right)}`;
    }
    case 'UnaryExpression': {
      const u = n as UnaryExpression;
      return `${u.operator.value}${u.operator.value === 'not' ? ' ' : ''}${p(u.argument)}`;
    }
    case 'KeywordArgumentExpression': return `${p(x.key as JNode)}=${p(x.value as JNode)}`;
    case 'ArrayLiteral': return `[${(x.value as JNode[]).slice(0, 6).map(p).join(', ')}]`;
    case 'TupleLiteral': return `(${(x.value as JNode[]).slice(0, 6).map(p).join(', ')})`;
    case 'SliceExpression': return `${p(x.start as JNode)}:${p(x.stop as JNode)}${x.step ? `:${p(x.step as JNode)}` : ''}`;
    case 'Ternary': return `${p(x.trueExpr as JNode)} if ${p(x.condition as JNode)} else ${p(x.falseExpr as JNode)}`;
    case 'TestExpression': return `${p(x.operand as JNode)} is ${(x.negate as boolean) ? 'not ' : ''}${p(x.test as JNode)}`;
    case 'SelectExpression': return `${p(x.lhs as JNode)} if ${p(x.test as JNode)}`;
    case 'SpreadExpression': return `*${p(x.argument as JNode)}`;
    case 'KeywordSpreadExpression': return `**${p(x.argument as JNode)}`;
    case 'ObjectLiteral': return '{…}';
    default: return n.type;
  }
}
