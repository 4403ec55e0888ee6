// Keras model configs (`config.json` inside `.keras` zips, the `model_config` attribute of `.h5` files):
// Lambda layers carry marshalled Python bytecode, `module` names outside keras import arbitrary code,
// TorchModuleWrapper embeds a torch pickle, and configs can switch safe mode off or download files.
import { finding, truncate } from '../core/findings.js';
import type { Finding, Severity } from '../core/findings.js';
import type { FileContext, StreamScanner } from './types.js';
import { indexOfBytes, utf8 } from './bytes.js';
import { type Json, isObject, parseJson } from '../analyze/json.js';
import { limitsOf, type FileScanOptions } from './kit.js';
import { classifyGlobal } from '../config/security/globals/index.js';

/** True when a parsed JSON document looks like a Keras model/layer config. */
export function looksLikeKerasConfig(v: Json): boolean {
  return isObject(v) && typeof v.class_name === 'string' && (isObject(v.config) || typeof v.module === 'string' || typeof v.keras_version === 'string');
}

const KERAS_MODULE = /^(keras|tf_keras|keras_hub|keras_nlp|keras_cv|tensorflow\.keras|tensorflow\.python\.keras)(\.|$)/;

/** Walks a Keras config and reports every way it can run code when loaded. */
export function checkKerasConfig(root: Json, path: string, where: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (check: string, severity: Severity, message: string, evidence: string): void => {
    const key = `${check}|${evidence}`;
    if (seen.has(key) || out.length > 200) return;
    seen.add(key);
    out.push(finding(check, severity, `${message} (${where})`, { file: path, evidence: truncate(evidence, 200),
      help: 'Keras runs this when the model is loaded; do not approve unless the code is reviewed and trusted.' }));
  };
  const walk = (v: Json, trail: string, depth: number): void => {
    if (depth > 200) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${trail}[${i}]`, depth + 1));
      return;
    }
    if (typeof v === 'string') {
      if (v.includes('__lambda__')) add('keras.lambda', 'critical', 'Config contains a `__lambda__` function (marshalled Python bytecode)', `${trail}: ${v}`);
      if (/\bget_file\b/.test(v)) add('keras.get-file', 'high', 'Config refers to keras.utils.get_file (downloads at load time)', `${trail}: ${v}`);
      return;
    }
    if (!isObject(v)) return;
    const cls = typeof v.class_name === 'string' ? v.class_name : undefined;
    const mod = typeof v.module === 'string' ? v.module : undefined;
    if (cls === 'Lambda' || cls?.endsWith('>Lambda')) {
      add('keras.lambda', 'critical', 'Lambda layer: its function is marshalled Python bytecode that runs on load', `${trail}.class_name: ${cls}`);
    }
    if (cls === 'TorchModuleWrapper' || cls?.endsWith('>TorchModuleWrapper')) {
      add('keras.torch-module-wrapper', 'critical', 'TorchModuleWrapper layer: embeds a pickled torch module that is unpickled on load', `${trail}.class_name: ${cls}`);
    }
    if (mod !== undefined && !KERAS_MODULE.test(mod)) {
      const tier = classifyGlobal(mod, cls ?? '');
      const sev: Severity = tier === 'dangerous' ? 'critical' : tier === 'unknown' ? 'high' : tier === 'review' ? 'medium' : 'low';
      add('keras.module', sev, `Config imports \`${mod}${cls ? `.${cls}` : ''}\`, a module outside keras`, `${trail}.module: ${mod}`);
    }
    if (typeof v.registered_name === 'string' && v.registered_name.includes('>') && !/^(keras|Keras)/.test(v.registered_name)) {
      add('keras.custom-object', 'medium', `Config needs the custom object \`${v.registered_name}\` (code from outside the model file)`, `${trail}.registered_name: ${v.registered_name}`);
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'safe_mode' && x === false) add('keras.safe-mode-off', 'high', 'Config switches Keras safe mode off', `${trail}.safe_mode: false`);
      if (k === 'function' && cls === undefined && (Array.isArray(x) || isObject(x))) {
        add('keras.lambda', 'critical', 'Config holds a serialized function', `${trail}.function`);
      }
      walk(x, trail ? `${trail}.${k}` : k, depth + 1);
    }
  };
  walk(root, '', 0);
  return out;
}

const CLASS_NAME = new TextEncoder().encode('"class_name"');

/** Bytes that may appear in JSON outside a string (structure, numbers, literals, whitespace). */
const JSON_OUTSIDE = new Uint8Array(256);
for (const c of ' \t\n\r{}[]:,"-+.0123456789eEtrufalsn') JSON_OUTSIDE[c.charCodeAt(0)] = 1;

/** A JSON document stored in HDF5 (attribute value, global heap) follows binary bytes, never text. */
function precedesDocument(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d;
}

function countOf(hay: Uint8Array, needle: Uint8Array): number {
  let n = 0;
  for (let i = indexOfBytes(hay, needle); i >= 0; i = indexOfBytes(hay, needle, i + needle.length)) n++;
  return n;
}

/**
 * `.h5` (HDF5): the model config is an attribute holding JSON text. HDF5 is not parsed structurally; instead every
 * JSON object that starts right after binary bytes is captured (bounded), parsed and, when it describes Keras
 * objects, checked — whatever its key order or whitespace. Fail closed: every `"class_name"` in the file must lie
 * inside a document that was parsed and checked, else the file was not fully examined.
 */
export function createKerasH5Scanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  let configs = 0;
  let seen = 0; // "class_name" anywhere in the file
  let covered = 0; // ...inside documents that were parsed and checked
  let carry = new Uint8Array(0);
  let prevByte = 0; // the byte before the current chunk; the file start counts as binary
  let total = 0; // bytes pushed before the current chunk
  // The document being captured, if any.
  let cap: Uint8Array | undefined;
  let capLen = 0;
  let capAt = 0;
  let depth = 0;
  let inStr = false;
  let esc = false;
  let started = false;

  const countSeen = (chunk: Uint8Array): void => {
    const w = new Uint8Array(carry.length + chunk.length);
    w.set(carry);
    w.set(chunk, carry.length);
    seen += countOf(w, CLASS_NAME);
    carry = w.slice(Math.max(0, w.length - (CLASS_NAME.length - 1)));
  };

  const finish = (): void => {
    const bytes = (cap as Uint8Array).subarray(0, capLen);
    cap = undefined;
    const n = countOf(bytes, CLASS_NAME);
    if (n === 0) return; // JSON that names no Keras objects
    let doc;
    try {
      doc = parseJson(utf8(bytes));
    } catch {
      return; // left uncovered: reported at the end
    }
    covered += n;
    configs++;
    findings.push(...checkKerasConfig(doc.value, ctx.path, `HDF5 JSON at ${capAt}`));
  };

  /** Feeds b[from..] to the capture; returns the index after the last byte it took. */
  const feed = (b: Uint8Array, from: number): number => {
    for (let i = from; i < b.length; i++) {
      const c = b[i] as number;
      if (capLen >= limits.maxJsonBytes) {
        complete = false;
        findings.push(finding('keras.config-too-large', 'high', `A JSON document in this HDF5 file is larger than ${limits.maxJsonBytes} bytes and was not examined`, { file: ctx.path, offset: base + capAt }));
        cap = undefined;
        return i;
      }
      if (capLen === (cap as Uint8Array).length) {
        const grown = new Uint8Array(Math.min(limits.maxJsonBytes, capLen * 2));
        grown.set(cap as Uint8Array);
        cap = grown;
      }
      (cap as Uint8Array)[capLen++] = c;
      if (inStr) {
        if (esc) esc = false;
        else if (c === 0x5c) esc = true;
        else if (c === 0x22) inStr = false;
        else if (c < 0x20) return abort(i);
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
      if (!started) {
        started = true;
        if (c !== 0x22 && c !== 0x7d) return abort(i); // an object starts with a key or is empty
      }
      if (c === 0x22) inStr = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          finish();
          return i + 1;
        }
      } else if (!JSON_OUTSIDE[c]) return abort(i);
    }
    return b.length;
  };
  // Not JSON after all. The byte that ended it is looked at again: it may precede a real document.
  const abort = (i: number): number => {
    cap = undefined;
    return i;
  };

  return {
    push(chunk) {
      countSeen(chunk);
      let pos = cap ? feed(chunk, 0) : 0;
      while (!cap && pos < chunk.length) {
        const j = chunk.indexOf(0x7b, pos);
        if (j < 0) break;
        pos = j + 1;
        if (!precedesDocument(j > 0 ? (chunk[j - 1] as number) : prevByte)) continue;
        cap = new Uint8Array(4096);
        cap[0] = 0x7b;
        capLen = 1;
        capAt = total + j;
        depth = 1;
        inStr = false;
        esc = false;
        started = false;
        pos = feed(chunk, j + 1);
      }
      if (chunk.length > 0) prevByte = chunk[chunk.length - 1] as number;
      total += chunk.length;
    },
    end() {
      if (cap) {
        complete = false;
        findings.push(finding('keras.config-truncated', 'high', 'A Keras config runs to the end of the file without closing', { file: ctx.path, offset: base + capAt }));
      } else if (seen > covered) {
        complete = false;
        findings.push(finding('keras.config-unexamined', 'high',
          `${seen - covered} of ${seen} Keras object descriptions ("class_name") in this HDF5 file are not inside a JSON document that could be parsed and checked`,
          { file: ctx.path, help: 'The model config could not be fully examined: open it with h5py (attrs["model_config"]) on an isolated machine and review it, or ask for a safetensors/.keras export.' }));
      }
      return { formats: ['hdf5'], findings, complete, details: { kerasConfigs: configs } };
    }
  };
}
