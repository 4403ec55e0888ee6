// safetensors, validated as the reference implementation (huggingface/safetensors `read_metadata` and
// `Metadata::validate`) does, plus what it lets through: duplicate keys and bytes after the last tensor.
// Tensor bytes are counted, never kept.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, ScanOutcome, StreamScanner } from './types.js';
import { concatBytes, u64le } from './bytes.js';
import { type Json, isObject, JsonError, parseJson } from '../analyze/json.js';
import { limitsOf, type FileScanOptions, type NestedScan } from './kit.js';
import { NEED_ALL, SKIP_ALL } from './ahead.js';

/** Bits per element, as `Dtype::bitsize` in the reference. */
export const SAFETENSORS_DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, C64: 64, F64: 64, I64: 64, U64: 64
};

const MAX_HEADER = 100_000_000n;
const USIZE_MAX = (1n << 64n) - 1n;

export interface SafetensorsHeader {
  tensors: { name: string; dtype: string; shape: bigint[]; start: bigint; end: bigint }[];
  metadata?: Record<string, string>;
  /** Bytes of tensor data the header accounts for (the last end offset). */
  dataLength: bigint;
}

/** Reference error names, so a finding reads like the loader's own refusal. */
export class SafetensorsError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

const isUsize = (v: Json | undefined): v is bigint => typeof v === 'bigint' && v >= 0n && v <= USIZE_MAX;

/** Parses and validates header JSON text exactly as `serde_json` + `Metadata::validate` would accept it. */
export function parseSafetensorsHeader(text: string): { header: SafetensorsHeader; duplicates: string[] } {
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (err) {
    throw new SafetensorsError('InvalidHeaderDeserialization', err instanceof JsonError ? err.message : String(err));
  }
  const root = parsed.value;
  if (!isObject(root)) throw new SafetensorsError('InvalidHeaderDeserialization', 'the header is not a JSON object');
  const tensors: SafetensorsHeader['tensors'] = [];
  let metadata: Record<string, string> | undefined;
  for (const [name, v] of Object.entries(root)) {
    if (name === '__metadata__') {
      if (v === null) continue;
      if (!isObject(v)) throw new SafetensorsError('InvalidHeaderDeserialization', '__metadata__ is not a map of strings');
      metadata = {};
      for (const [k, s] of Object.entries(v)) {
        if (typeof s !== 'string') throw new SafetensorsError('InvalidHeaderDeserialization', `__metadata__.${k} is not a string`);
        metadata[k] = s;
      }
      continue;
    }
    if (!isObject(v)) throw new SafetensorsError('InvalidHeaderDeserialization', `tensor \`${name}\` is not an object`);
    const { dtype, shape, data_offsets: offs } = v;
    if (typeof dtype !== 'string' || SAFETENSORS_DTYPE_BITS[dtype] === undefined) {
      throw new SafetensorsError('InvalidHeaderDeserialization', `tensor \`${name}\` has unknown dtype ${JSON.stringify(dtype ?? null)}`);
    }
    if (!Array.isArray(shape) || !shape.every(isUsize)) {
      throw new SafetensorsError('InvalidHeaderDeserialization', `tensor \`${name}\` shape is not a list of non-negative integers`);
    }
    if (!Array.isArray(offs) || offs.length !== 2 || !isUsize(offs[0]) || !isUsize(offs[1])) {
      throw new SafetensorsError('InvalidHeaderDeserialization', `tensor \`${name}\` data_offsets is not a pair of non-negative integers`);
    }
    tensors.push({ name, dtype, shape: shape as bigint[], start: offs[0], end: offs[1] });
  }
  tensors.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  let start = 0n;
  for (const t of tensors) {
    if (t.start !== start || t.end < t.start) {
      const why = t.start > start ? `a gap of ${t.start - start} bytes before it` : t.start < start ? 'it overlaps the previous tensor' : 'its end is before its start';
      throw new SafetensorsError('InvalidOffset', `tensor \`${t.name}\` [${t.start}, ${t.end}]: ${why}`);
    }
    start = t.end;
    let n = 1n;
    for (const d of t.shape) {
      n *= d;
      if (n > USIZE_MAX) throw new SafetensorsError('ValidationOverflow', `tensor \`${t.name}\` element count overflows`);
    }
    const bits = n * BigInt(SAFETENSORS_DTYPE_BITS[t.dtype] as number);
    if (bits > USIZE_MAX) throw new SafetensorsError('ValidationOverflow', `tensor \`${t.name}\` bit size overflows`);
    if (bits % 8n !== 0n) throw new SafetensorsError('MisalignedSlice', `tensor \`${t.name}\` is not a whole number of bytes`);
    if (t.end - t.start !== bits / 8n) {
      throw new SafetensorsError('TensorInvalidInfo',
        `tensor \`${t.name}\` ${t.dtype}${JSON.stringify(t.shape.map(String))} needs ${bits / 8n} bytes but spans ${t.end - t.start}`);
    }
  }
  const header: SafetensorsHeader = { tensors, dataLength: start };
  if (metadata) header.metadata = metadata;
  return { header, duplicates: parsed.duplicates };
}

export function createSafetensorsScanner(ctx: FileContext, opts: FileScanOptions, nested?: NestedScan): StreamScanner {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  let seen = 0; // bytes pushed so far
  const pre: Uint8Array[] = []; // bytes of length prefix + header, until parsed
  let preLen = 0;
  let n: bigint | undefined;
  let header: SafetensorsHeader | undefined;
  let failed = false;
  let dataEnd = 0; // absolute end of tensor data, once the header is parsed
  let trailing: StreamScanner | undefined;
  let trailingBytes = 0;
  const details: Record<string, unknown> = {};

  const fail = (code: string, message: string, offset?: number): void => {
    failed = true;
    complete = false;
    findings.push(finding('safetensors.invalid', 'high', `Not a valid safetensors file (${code}): ${message}`, {
      file: ctx.path, ...(offset !== undefined ? { offset: base + offset } : {}),
      help: 'The safetensors loader refuses this file, or reads it differently than it looks; do not approve it.'
    }));
  };

  const parseHeader = (all: Uint8Array): void => {
    const nn = n as bigint;
    const bytes = all.subarray(8, 8 + Number(nn));
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      fail('InvalidHeader', 'the header is not valid UTF-8', 8);
      return;
    }
    try {
      const { header: h, duplicates } = parseSafetensorsHeader(text);
      header = h;
      for (const d of duplicates) {
        findings.push(finding('safetensors.duplicate-key', 'high',
          `Header key "${d}" appears more than once; loaders keep only one of them, so what you review is not what loads`,
          { file: ctx.path, offset: base + 8 }));
      }
      if (h.dataLength > BigInt(Number.MAX_SAFE_INTEGER)) {
        fail('ValidationOverflow', 'tensor data larger than 2^53 bytes');
        return;
      }
      dataEnd = 8 + Number(nn) + Number(h.dataLength);
      details.safetensors = { tensors: h.tensors.length, dataBytes: Number(h.dataLength), metadataKeys: Object.keys(h.metadata ?? {}).length };
      if (ctx.size !== undefined && ctx.size !== dataEnd) {
        if (ctx.size < dataEnd) fail('MetadataIncompleteBuffer', `the header describes ${dataEnd} bytes but the file has ${ctx.size}`);
      }
    } catch (err) {
      if (err instanceof SafetensorsError) fail(err.code, err.message.slice(err.code.length + 2), 8);
      else throw err;
    }
  };

  const onTrailing = (chunk: Uint8Array): void => {
    if (trailingBytes === 0) {
      findings.push(finding('safetensors.trailing-bytes', 'high',
        'Bytes follow the last tensor: the file is longer than its header says (a polyglot hides data there)', {
          file: ctx.path, offset: base + dataEnd, help: 'The safetensors loader rejects such files; other tools may read the extra bytes.'
        }));
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
        if (n === undefined) return { skip: 0, see: 8 - preLen };
        return { skip: 0, see: Math.max(1, 8 + Number(n) - preLen) };
      }
      return seen < dataEnd ? { skip: dataEnd - seen, see: 0 } : NEED_ALL;
    },
    skip(k) {
      if (!failed && (!header || seen + k > dataEnd)) throw new Error('safetensors: skip() outside the tensor data');
      seen += k;
    },
    push(chunk) {
      const start = seen;
      seen += chunk.length;
      if (failed) return;
      if (!header) {
        // Header bytes are kept until the whole header is here; the pushed chunk is only valid during this call.
        pre.push(chunk.slice());
        preLen += chunk.length;
        if (n === undefined && preLen >= 8) {
          const all = concat(pre, preLen);
          n = u64le(all, 0);
          if (n > MAX_HEADER || n > BigInt(limits.maxHeaderBytes)) {
            fail('HeaderTooLarge', `header length ${n} exceeds 100,000,000 bytes`, 0);
            pre.length = 0;
            return;
          }
          if (ctx.size !== undefined && 8n + n > BigInt(ctx.size)) {
            fail('InvalidHeaderLength', `header length ${n} runs past the end of the ${ctx.size}-byte file`, 0);
            pre.length = 0;
            return;
          }
        }
        if (n !== undefined && BigInt(preLen) >= 8n + n) {
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
        if (n === undefined) fail('HeaderTooSmall', 'fewer than 8 bytes', 0);
        else if (!header) fail('InvalidHeaderLength', `header length ${n} runs past the end of the file (${seen} bytes)`, 0);
        else if (seen < dataEnd) fail('MetadataIncompleteBuffer', `the header describes ${dataEnd} bytes but the file has ${seen}`, seen);
      }
      if (trailing) {
        const t = trailing.end();
        findings.push(...t.findings);
        if (!t.complete) complete = false;
        details.trailingFormats = t.formats;
      }
      if (trailingBytes) details.trailingBytes = trailingBytes;
      return { formats: ['safetensors'], findings, complete, details } satisfies ScanOutcome;
    }
  };

  function handleData(at: number, chunk: Uint8Array): void {
    const end = at + chunk.length;
    if (end <= dataEnd || chunk.length === 0) return;
    onTrailing(chunk.subarray(Math.max(0, dataEnd - at)));
  }
}

/** Joins `parts` and keeps the joined copy as the only part, so the next join does not copy these bytes again. */
function concat(parts: Uint8Array[], len: number): Uint8Array {
  const out = concatBytes(parts, len);
  parts.length = 0;
  parts.push(out);
  return out;
}
