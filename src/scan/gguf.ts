// GGUF: a bounded streaming reader of the header, key/value metadata and tensor infos (the tensor data that
// follows is counted, not read). Chat templates found in the metadata (`tokenizer.chat_template` and the named
// `tokenizer.chat_template.<name>` ones) are checked for template injection.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, StreamScanner } from './types.js';
import { u32le, u64le, utf8 } from './bytes.js';
import { analyzeChatTemplate } from '../analyze/template.js';
import { Feeder, type Need, type Parser } from './feeder.js';
import { type FileScanOptions } from './kit.js';

const MAX_KV = 1_000_000;
const MAX_TENSORS = 1_000_000;
const MAX_ARRAY = 50_000_000;
/** Strings longer than this are skipped unread (templates are kept up to it). */
const MAX_STRING = 4 * 1024 * 1024;
const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export function createGgufScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  const details: Record<string, unknown> = {};
  const invalid = (message: string, offset: number): void => {
    complete = false;
    findings.push(finding('gguf.invalid', 'high', `Not a valid GGUF file: ${message}`, { file: ctx.path, offset: base + offset,
      help: 'The GGUF metadata could not be fully read, so it was not examined; do not approve it.' }));
  };
  const at = (): number => feeder.offset;

  function* parse(): Parser {
    const h = yield { read: 8 };
    if (!h) return invalid('truncated header', 0);
    const version = u32le(h, 4);
    if (version < 1 || version > 3) return invalid(`unsupported version ${version}`, 4);
    const wide = version >= 2; // v1 used u32 counts and string lengths
    function* count(): Generator<Need, bigint | undefined, Uint8Array | undefined> {
      const b = yield { read: wide ? 8 : 4 };
      if (!b) return undefined;
      return wide ? u64le(b, 0) : BigInt(u32le(b, 0));
    }
    function* str(keep: boolean): Generator<Need, string | null | undefined, Uint8Array | undefined> {
      const n = yield* count();
      if (n === undefined) return undefined;
      if (n > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
      if (!keep || n > BigInt(MAX_STRING)) {
        const r = yield { pipe: Number(n) };
        return r ? null : undefined;
      }
      const b = yield { read: Number(n) };
      return b ? utf8(b) : undefined;
    }
    const tensors = yield* count();
    const kvs = yield* count();
    if (tensors === undefined || kvs === undefined) return invalid('truncated header', 8);
    if (tensors > BigInt(MAX_TENSORS) || kvs > BigInt(MAX_KV)) return invalid(`implausible counts (${tensors} tensors, ${kvs} keys)`, 8);
    details.gguf = { version, tensors: Number(tensors), keys: Number(kvs) };
    let alignment = 32;
    for (let k = 0; k < Number(kvs); k++) {
      const keyAt = at();
      const key = yield* str(true);
      if (key === undefined || key === null) return invalid(`truncated or oversized key #${k}`, keyAt);
      const tb = yield { read: 4 };
      if (!tb) return invalid(`truncated value type of ${key}`, at());
      const type = u32le(tb, 0);
      const isTemplate = key === 'tokenizer.chat_template' || key.startsWith('tokenizer.chat_template.');
      if (type === 8) {
        const valAt = at();
        const s = yield* str(isTemplate);
        if (s === undefined) return invalid(`truncated string value of ${key}`, valAt);
        if (isTemplate) {
          if (s === null) {
            complete = false;
            findings.push(finding('template.too-large', 'high', `Chat template ${key} is larger than ${MAX_STRING} bytes and was not examined`, { file: ctx.path, offset: base + valAt }));
          } else {
            const r = analyzeChatTemplate(s, { path: ctx.path, where: `GGUF key ${key}`, offset: base + valAt, source: 'gguf' });
            findings.push(...r.findings);
            complete &&= r.complete;
          }
        }
      } else if (type === 9) {
        const ab = yield { read: 4 };
        const n = yield* count();
        if (!ab || n === undefined) return invalid(`truncated array ${key}`, at());
        const itemType = u32le(ab, 0);
        if (n > BigInt(MAX_ARRAY)) return invalid(`array ${key} has ${n} items`, at());
        if (itemType === 8) {
          for (let j = 0; j < Number(n); j++) {
            const s = yield* str(false);
            if (s === undefined) return invalid(`truncated string #${j} of ${key}`, at());
          }
        } else {
          const size = SCALAR_SIZE[itemType];
          if (size === undefined) return invalid(`array ${key} has unsupported item type ${itemType}`, at());
          const r = yield { pipe: size * Number(n) };
          if (!r) return invalid(`truncated array ${key}`, at());
        }
      } else {
        const size = SCALAR_SIZE[type];
        if (size === undefined) return invalid(`key ${key} has unknown value type ${type}`, at());
        const v = yield { read: size };
        if (!v) return invalid(`truncated value of ${key}`, at());
        if (key === 'general.alignment' && type === 4) alignment = u32le(v, 0);
      }
    }
    for (let t = 0; t < Number(tensors); t++) {
      const tAt = at();
      const name = yield* str(false);
      const nd = yield { read: 4 };
      if (name === undefined || !nd) return invalid(`truncated tensor info #${t}`, tAt);
      const dims = u32le(nd, 0);
      if (dims > 8) return invalid(`tensor #${t} has ${dims} dimensions`, tAt);
      const rest = yield { read: 8 * dims + 4 + 8 };
      if (!rest) return invalid(`truncated tensor info #${t}`, tAt);
    }
    if (alignment === 0 || (alignment & (alignment - 1)) !== 0) invalid(`general.alignment ${alignment} is not a power of two`, at());
    details.ggufDataOffset = at();
    yield { rest: 'count' }; // tensor data: counted, not examined (a local scan passes it by)
  }

  const feeder: Feeder = new Feeder(parse());
  return {
    push: (c) => feeder.push(c),
    ahead: () => feeder.streamAhead(),
    skip: (n) => feeder.streamSkip(n),
    end() {
      feeder.end();
      return { formats: ['gguf'], findings, complete, details };
    }
  };
}
