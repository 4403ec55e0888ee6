// JSON documents that loaders act on: `chat_template` in tokenizer configs (template injection) and Keras
// model configs. Documents up to maxJsonBytes are parsed whole; larger ones are searched for a chat template
// and fail closed if one is there, since it could not be examined.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import type { FileContext, StreamScanner } from './types.js';
import { indexOfBytes, utf8 } from './bytes.js';
import { checkChatTemplate } from '../analyze/template.js';
import { type Json, isObject, parseJson } from '../analyze/json.js';
import { checkKerasConfig, looksLikeKerasConfig } from './keras.js';
import { limitsOf, type FileScanOptions } from './kit.js';

const NEEDLE = new TextEncoder().encode('chat_template');

export function checkJsonDocument(doc: Json, path: string): Finding[] {
  const out: Finding[] = [];
  if (isObject(doc)) {
    const t = doc.chat_template;
    if (typeof t === 'string') out.push(...checkChatTemplate(t, path, 'chat_template'));
    else if (Array.isArray(t)) {
      for (const item of t) {
        if (isObject(item) && typeof item.template === 'string') {
          out.push(...checkChatTemplate(item.template, path, `chat_template "${typeof item.name === 'string' ? item.name : '?'}"`));
        }
      }
    }
    if (looksLikeKerasConfig(doc)) out.push(...checkKerasConfig(doc, path, 'Keras config'));
  }
  return out;
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
        for (const p of parts) if (indexOfBytes(p, NEEDLE) >= 0) sawTemplate = true;
        parts.length = 0;
      }
      if (!tooLarge) {
        parts.push(chunk.slice());
        return;
      }
      const w = new Uint8Array(carry.length + chunk.length);
      w.set(carry);
      w.set(chunk, carry.length);
      if (indexOfBytes(w, NEEDLE) >= 0) sawTemplate = true;
      carry = w.slice(Math.max(0, w.length - NEEDLE.length));
    },
    end() {
      const findings: Finding[] = [];
      let complete = true;
      if (tooLarge) {
        if (sawTemplate) {
          complete = false;
          findings.push(finding('template.too-large', 'high', `A JSON file of ${size} bytes mentions chat_template but is too large to examine`, { file: ctx.path }));
        }
        return { formats: ['json'], findings, complete };
      }
      const all = new Uint8Array(size);
      let o = 0;
      for (const p of parts) { all.set(p, o); o += p.length; }
      let doc: Json;
      let conflicts: string[];
      try {
        // Python's json (transformers, keras, jupyter) is the reader: NaN, lone surrogates and any nesting depth
        // parse. A BOM is stripped: json.loads(bytes) accepts it even though json.loads(str) does not.
        ({ value: doc, conflicts } = parseJson(utf8(all).replace(/^\ufeff/, ''), 'python'));
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
      findings.push(...checkJsonDocument(doc, ctx.path));
      return { formats: ['json'], findings, complete };
    }
  };
}
