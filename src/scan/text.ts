// JSON documents that loaders act on: chat templates in tokenizer and processor configs (template injection) and
// Keras model configs. transformers reads these files with Python's json, so a document RFC 8259 rejects but Python
// accepts (NaN, Infinity, lone surrogates) is read the way Python reads it. Documents up to maxJsonBytes are parsed
// whole; larger ones are searched for a chat template key (raw or spelled with \u escapes) and fail closed if one
// could be there, since it could not be examined.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, StreamScanner } from './types.js';
import { indexOfBytes, utf8 } from './bytes.js';
import { analyzeChatTemplate } from '../analyze/template.js';
import { type Json, isObject, parseJson } from '../analyze/json.js';
import { checkKerasConfig, looksLikeKerasConfig } from './keras.js';
import { limitsOf, type FileScanOptions } from './kit.js';

const NEEDLE = new TextEncoder().encode('chat_template');

/** The special tokens transformers passes to chat templates, with the values this configuration gives them. */
const SPECIAL_TOKENS = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'];

function specialTokens(doc: { [k: string]: Json }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of SPECIAL_TOKENS) {
    const v = doc[k];
    // A plain string, or a serialized AddedToken ({"content": …}).
    const s = typeof v === 'string' ? v : isObject(v) && typeof v.content === 'string' ? v.content : undefined;
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * Every chat template transformers would load from a configuration document: `chat_template` as a string, as a
 * list of {name, template} (the form tokenizers save several templates in), or as a {name: template} object.
 */
export function chatTemplatesOf(doc: Json): { where: string; template: string }[] {
  if (!isObject(doc)) return [];
  const t = doc.chat_template;
  const out: { where: string; template: string }[] = [];
  if (typeof t === 'string') out.push({ where: 'chat_template', template: t });
  else if (Array.isArray(t)) {
    t.forEach((item, i) => {
      if (isObject(item) && typeof item.template === 'string') {
        out.push({ where: `chat_template "${typeof item.name === 'string' ? item.name : `#${i}`}"`, template: item.template });
      }
    });
  } else if (isObject(t)) {
    for (const [name, v] of Object.entries(t)) if (typeof v === 'string') out.push({ where: `chat_template "${name}"`, template: v });
  }
  return out;
}

export function checkJsonDocument(doc: Json, path: string): { findings: Finding[]; complete: boolean } {
  const findings: Finding[] = [];
  let complete = true;
  if (isObject(doc)) {
    const tokens = specialTokens(doc);
    for (const { where, template } of chatTemplatesOf(doc)) {
      const r = analyzeChatTemplate(template, { path, where, source: 'transformers', specialTokens: tokens });
      findings.push(...r.findings);
      complete &&= r.complete;
    }
    if (looksLikeKerasConfig(doc)) findings.push(...checkKerasConfig(doc, path, 'Keras config'));
  }
  return { findings, complete };
}

/** A `\u00XX` escape spelling a letter or `_`: serializers never escape those, so it can only hide a key. */
function escapedNameChar(b: Uint8Array, i: number): boolean {
  if (b[i] !== 0x5c || b[i + 1] !== 0x75 || b[i + 2] !== 0x30 || b[i + 3] !== 0x30) return false;
  const hex = (c: number | undefined): number => (c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
  const hi = hex(b[i + 4]);
  const lo = hex(b[i + 5]);
  if (hi < 0 || lo < 0) return false;
  const ch = hi * 16 + lo;
  return ch === 0x5f || (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a);
}

/** Whether bytes may hold a `chat_template` key: the raw name, or any name spelled with escapes. */
function mentionsTemplate(b: Uint8Array): boolean {
  if (indexOfBytes(b, NEEDLE) >= 0) return true;
  for (let i = b.indexOf(0x5c); i >= 0; i = b.indexOf(0x5c, i + 1)) if (escapedNameChar(b, i)) return true;
  return false;
}

export function createJsonDocumentScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const limits = limitsOf(opts);
  const parts: Uint8Array[] = [];
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
      const findings: Finding[] = [];
      let complete = true;
      if (tooLarge) {
        if (sawTemplate) {
          complete = false;
          findings.push(finding('template.too-large', 'high', `A JSON file of ${size} bytes may hold a chat_template but is too large to examine`, { file: ctx.path }));
        }
        return { formats: ['json'], findings, complete };
      }
      const all = new Uint8Array(size);
      let o = 0;
      for (const p of parts) { all.set(p, o); o += p.length; }
      const text = utf8(all).replace(/^\ufeff/, '');
      let doc: Json;
      let conflicts: string[];
      try {
        // Python's json (transformers, keras, jupyter) is the reader: NaN, lone surrogates and any nesting depth
        // parse. A BOM is stripped: json.loads(bytes) accepts it even though json.loads(str) does not.
        ({ value: doc, conflicts } = parseJson(text, 'python'));
      } catch {
        // Starts like JSON but is not (a vocab.txt of `[PAD]` lines): plain text, not a JSON document.
        return { formats: ['text'], findings, complete, details: { jsonValid: false, notFormats: ['json'] } };
      }
      for (const key of conflicts.slice(0, 20)) {
        findings.push(finding('json.duplicate-key', 'high', `Key \`${key}\` appears more than once with different values: Python's json keeps the last, other readers the first`, {
          file: ctx.path, evidence: key,
          help: 'Loaders disagree on what this document says, and only one reading was checked; ask for a file without duplicate keys.'
        }));
      }
      const checked = checkJsonDocument(doc, ctx.path);
      findings.push(...checked.findings);
      return { formats: ['json'], findings, complete: complete && checked.complete };
    }
  };
}
