// A bounded, streaming reader of the protobuf wire format, driven by a small schema: the fields a judge needs are
// decoded (short strings, varints, the messages that hold them), everything else is skipped exactly as a protobuf
// parser skips unknown fields. No schema compiler: the schemas are tables of field numbers (onnx.proto,
// tensorflow's saved_model/graph/node_def/function/attr_value protos). Tolerance follows the C++/upb parsers: any
// field order, repeated singular fields (last wins, so every value is kept), unknown fields and fields whose wire
// type differs from the schema (both are unknown fields to protobuf), groups; what they refuse (bad wire types,
// lengths past the enclosing message, nesting deeper than their recursion limit) is a parse error here too.
import type { Need } from '../feeder.js';

/** Protobuf's default recursion limit (C++ and upb): deeper messages make the loader refuse the file. */
export const PROTOBUF_MAX_DEPTH = 100;
/** Most bytes of decoded fields alive at once (a message's kept strings and collected children). */
export const PROTOBUF_MAX_KEPT = 32 * 1024 * 1024;
const ENTRY_COST = 64;

export type FieldSpec =
  | { kind: 'message'; name: string; schema: () => MessageSchema; /** attach the finished child to its parent */ collect?: boolean }
  | { kind: 'string'; name: string; /** bytes kept; longer values are kept cut (`length` tells) */ max: number; /** values kept per message; later ones are skipped */ maxCount?: number }
  | { kind: 'varint'; name: string };

export interface MessageSchema {
  name: string;
  fields: Readonly<Record<number, FieldSpec>>;
}

export interface PbString {
  bytes: Uint8Array;
  /** Full length on the wire (bytes holds at most the field's `max`). */
  length: number;
  offset: number;
}

/** One decoded message: the kept fields by name, in wire order (so repeated and last-wins both read right). */
export interface PbMessage {
  schema: MessageSchema;
  offset: number;
  strings: Record<string, PbString[]>;
  varints: Record<string, number[]>;
  children: Record<string, PbMessage[]>;
  /** Bytes this message keeps alive (its strings and collected children), for the reader's memory bound. */
  cost: number;
}

export interface PbVisitor {
  /** A message of the schema has been read whole (children first). `stack` holds its enclosing messages. */
  leave(msg: PbMessage, stack: readonly PbMessage[]): void;
}

export class PbError extends Error {
  /** `limit`: Model Gate's own bound was hit (the bytes may be valid); otherwise the bytes are not valid protobuf. */
  constructor(message: string, readonly offset: number, readonly limit = false) {
    super(message);
  }
}

type Gen<T> = Generator<Need, T, Uint8Array | undefined>;

/** Reads messages from a Feeder-driven stream. `at()` is the stream offset the parser is at. */
export class PbReader {
  /** Deepest nesting reached (messages and groups). */
  maxDepth = 0;
  /** The top-level message, readable while it is being parsed (its fields so far) and after a parse error. */
  root: PbMessage | undefined;
  private live = 0;
  constructor(private readonly at: () => number, private readonly visitor: PbVisitor, private readonly limit = PROTOBUF_MAX_DEPTH) {}

  /** A varint, or undefined at a clean end of stream before its first byte. Throws on a cut or overlong one. */
  *varint(allowEof = false): Gen<number | undefined> {
    let v = 0;
    let mul = 1;
    const start = this.at();
    for (let k = 0; k < 10; k++) {
      const b = yield { read: 1 };
      if (!b) {
        if (k === 0 && allowEof) return undefined;
        throw new PbError('the stream ends inside a varint', start);
      }
      const c = b[0] as number;
      if (k === 9 && c > 1) throw new PbError('a varint longer than 64 bits', start);
      v += (c & 0x7f) * mul;
      mul *= 128;
      if ((c & 0x80) === 0) return v;
    }
    throw new PbError('a varint longer than 10 bytes', start);
  }

  /**
   * The fields of one message until `end` (a stream offset), or until the stream ends when `end` is undefined
   * (the top-level message). Returns the decoded message after the visitor has seen it.
   */
  *message(schema: MessageSchema, end: number | undefined, stack: PbMessage[]): Gen<PbMessage> {
    const msg: PbMessage = { schema, offset: this.at(), strings: {}, varints: {}, children: {}, cost: 0 };
    if (stack.length === 0) this.root = msg;
    const depth = stack.length + 1;
    if (depth > this.limit) throw new PbError(`messages nested more than ${this.limit} deep (protobuf parsers refuse it)`, this.at());
    this.maxDepth = Math.max(this.maxDepth, depth);
    for (;;) {
      if (end !== undefined && this.at() >= end) break;
      const keyAt = this.at();
      const key = yield* this.varint(end === undefined);
      if (key === undefined) break;
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (field === 0) throw new PbError('field number 0', keyAt);
      const spec = schema.fields[field];
      switch (wire) {
        case 0: {
          const v = yield* this.varint();
          if (spec?.kind === 'varint') {
            (msg.varints[spec.name] ??= []).push(v as number);
            this.keep(msg, ENTRY_COST, keyAt);
          }
          break;
        }
        case 1: yield* this.skip(8, end); break;
        case 5: yield* this.skip(4, end); break;
        case 2: {
          const lenAt = this.at();
          const n = yield* this.varint();
          const len = n as number;
          if (len > 0x7fffffff) throw new PbError(`a length-delimited field of ${len} bytes (protobuf's limit is 2 GiB)`, lenAt);
          const stop = this.at() + len;
          if (end !== undefined && stop > end) throw new PbError(`field ${field} runs ${stop - end} bytes past its enclosing ${schema.name}`, lenAt);
          if (spec?.kind === 'message') {
            stack.push(msg);
            const child = yield* this.message(spec.schema(), stop, stack);
            stack.pop();
            if (spec.collect) {
              (msg.children[spec.name] ??= []).push(child);
              msg.cost += child.cost;
            } else this.live -= child.cost;
          } else if (spec?.kind === 'string' && (spec.maxCount === undefined || (msg.strings[spec.name]?.length ?? 0) < spec.maxCount)) {
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
        case 3: yield* this.group(field, end, depth + 1); break;
        case 4: throw new PbError(`an end-group tag for field ${field} outside a group`, keyAt);
        default: throw new PbError(`wire type ${wire} does not exist`, keyAt);
      }
    }
    if (end !== undefined && this.at() !== end) throw new PbError(`a field runs past the end of its ${schema.name}`, this.at());
    this.visitor.leave(msg, stack);
    if (stack.length === 0) this.live -= msg.cost;
    return msg;
  }

  private keep(msg: PbMessage, n: number, offset: number): void {
    msg.cost += n;
    this.live += n;
    if (this.live > PROTOBUF_MAX_KEPT) throw new PbError(`more than ${PROTOBUF_MAX_KEPT} bytes of fields to keep at once`, offset, true);
  }

  /** Skips a group (wire type 3) up to its matching end tag, as parsers skip unknown groups. */
  private *group(field: number, end: number | undefined, depth: number): Gen<void> {
    if (depth > this.limit) throw new PbError(`groups nested more than ${this.limit} deep`, this.at());
    this.maxDepth = Math.max(this.maxDepth, depth);
    for (;;) {
      const keyAt = this.at();
      if (end !== undefined && keyAt >= end) throw new PbError(`group ${field} is not closed inside its message`, keyAt);
      const key = (yield* this.varint()) as number;
      const f = Math.floor(key / 8);
      const wire = key % 8;
      if (f === 0) throw new PbError('field number 0', keyAt);
      if (wire === 4) {
        if (f !== field) throw new PbError(`group ${field} closed by an end tag for ${f}`, keyAt);
        return;
      }
      if (wire === 0) yield* this.varint();
      else if (wire === 1) yield* this.skip(8, end);
      else if (wire === 5) yield* this.skip(4, end);
      else if (wire === 2) {
        const n = (yield* this.varint()) as number;
        if (end !== undefined && this.at() + n > end) throw new PbError(`field ${f} runs past its enclosing message`, keyAt);
        yield* this.skip(n, end);
      } else if (wire === 3) yield* this.group(f, end, depth + 1);
      else throw new PbError(`wire type ${wire} does not exist`, keyAt);
    }
  }

  private *skip(n: number, end: number | undefined): Gen<void> {
    const from = this.at();
    if (end !== undefined && from + n > end) throw new PbError('a fixed-size field runs past its enclosing message', from);
    if (n === 0) return;
    const r = yield { pipe: n };
    if (!r) throw new PbError('the stream ends inside a field', from);
  }
}

/** Last value of a decoded string field, as UTF-8 text (lossy: for reports and matching). */
export function pbText(m: PbMessage, name: string): string | undefined {
  const all = m.strings[name];
  const last = all?.[all.length - 1];
  return last ? new TextDecoder('utf-8', { fatal: false }).decode(last.bytes) : undefined;
}

export function pbTexts(m: PbMessage, name: string): string[] {
  return (m.strings[name] ?? []).map((s) => new TextDecoder('utf-8', { fatal: false }).decode(s.bytes));
}

export function pbVarint(m: PbMessage, name: string): number | undefined {
  const all = m.varints[name];
  return all?.[all.length - 1];
}

/**
 * Whether the head is protobuf wire format to the end (or to where more bytes follow): every key has an existing
 * wire type and a field number, every length stays inside the data. Cheap and allocation-free; a claim check.
 */
export function wireValid(b: Uint8Array, atEof: boolean, maxField = 0x1fffffff): boolean {
  let i = 0;
  let fields = 0;
  const groups: number[] = [];
  const varint = (): number | undefined => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      if (i >= b.length) return undefined;
      const c = b[i++] as number;
      v += (c & 0x7f) * mul;
      mul *= 128;
      if ((c & 0x80) === 0) return v;
    }
    return -1;
  };
  while (i < b.length) {
    const key = varint();
    if (key === undefined) return !atEof && fields >= 2;
    if (key < 0) return false;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (field === 0 || field > maxField) return false;
    if (wire === 0) {
      const v = varint();
      if (v === undefined) return !atEof && fields >= 2;
      if (v < 0) return false;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const n = varint();
      if (n === undefined) return !atEof && fields >= 2;
      if (n < 0) return false;
      i += n;
    } else if (wire === 3) groups.push(field);
    else if (wire === 4) {
      if (groups.pop() !== field) return false;
    } else return false;
    fields++;
    if (i > b.length) return !atEof && fields >= 2;
  }
  return fields >= 1 && (atEof ? i === b.length && groups.length === 0 : true);
}
