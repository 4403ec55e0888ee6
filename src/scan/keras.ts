// Keras model configs (`config.json` inside `.keras` zips, the `model_config` attribute of `.h5` files):
// Lambda layers carry marshalled Python bytecode, `module` names outside keras import arbitrary code,
// TorchModuleWrapper embeds a torch pickle, and configs can switch safe mode off or download files.
import type { Finding, Severity } from '../findings.js';
import type { FileContext, StreamScanner } from './types.js';
import { indexOfBytes, truncate, utf8 } from './bytes.js';
import { type Json, isObject, parseJson } from './json.js';
import { finding, limitsOf, type FileScanOptions } from './kit.js';
import { classifyGlobal } from './globals/index.js';

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

const NEEDLES = ['{"class_name"', '{"module"'].map((s) => new TextEncoder().encode(s));
const CARRY = 64;

/**
 * `.h5` (HDF5): the model config is stored as an attribute holding JSON text. A bounded streaming search finds
 * each JSON object that starts like a Keras config, captures it (up to maxJsonBytes) and checks it.
 */
export function createKerasH5Scanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const limits = limitsOf(opts);
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  let complete = true;
  let configs = 0;
  let carry = new Uint8Array(0);
  let total = 0; // bytes pushed before the current chunk
  // Capture state for a JSON object being collected.
  let capture: number[] | undefined;
  let captureAt = 0;
  let depth = 0;
  let inStr = false;
  let esc = false;

  const finish = (): void => {
    const bytes = Uint8Array.from(capture ?? []);
    capture = undefined;
    let doc;
    try {
      doc = parseJson(utf8(bytes));
    } catch {
      return; // not JSON after all: ordinary binary that happened to contain the needle
    }
    if (!looksLikeKerasConfig(doc.value)) return;
    configs++;
    findings.push(...checkKerasConfig(doc.value, ctx.path, `HDF5 model config at ${captureAt}`));
  };

  const feedCapture = (b: Uint8Array, from: number): number => {
    // Returns how many bytes of b (from `from`) the capture consumed.
    let i = from;
    for (; i < b.length && capture; i++) {
      const c = b[i] as number;
      capture.push(c);
      if (capture.length > limits.maxJsonBytes) {
        complete = false;
        findings.push(finding('keras.config-too-large', 'high', `A Keras config is larger than ${limits.maxJsonBytes} bytes and was not examined`, { file: ctx.path, offset: base + captureAt }));
        capture = undefined;
        return i + 1 - from;
      }
      if (inStr) {
        if (esc) esc = false;
        else if (c === 0x5c) esc = true;
        else if (c === 0x22) inStr = false;
      } else if (c === 0x22) inStr = true;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) {
        finish();
        return i + 1 - from;
      }
    }
    return i - from;
  };

  return {
    push(chunk) {
      const chunkAt = total;
      total += chunk.length;
      let pos = 0;
      if (capture) {
        pos = feedCapture(chunk, 0);
        if (capture) return;
        carry = new Uint8Array(0);
      }
      // Search carry+chunk[pos..] for needles.
      const window = new Uint8Array(carry.length + chunk.length - pos);
      window.set(carry);
      window.set(chunk.subarray(pos), carry.length);
      const windowStart = chunkAt + pos - carry.length;
      let searchFrom = 0;
      for (;;) {
        let hit = -1;
        for (const n of NEEDLES) {
          const h = indexOfBytes(window, n, searchFrom);
          if (h >= 0 && (hit < 0 || h < hit)) hit = h;
        }
        if (hit < 0) break;
        capture = [];
        captureAt = windowStart + hit;
        depth = 0; inStr = false; esc = false;
        const used = feedCapture(window, hit);
        if (capture) {
          carry = new Uint8Array(0);
          return;
        }
        searchFrom = hit + used;
      }
      const keep = Math.min(CARRY, window.length - searchFrom);
      carry = window.slice(window.length - keep);
    },
    end() {
      if (capture) {
        complete = false;
        findings.push(finding('keras.config-truncated', 'high', 'A Keras config runs to the end of the file without closing', { file: ctx.path, offset: base + captureAt }));
      }
      return { formats: ['hdf5'], findings, complete, details: { kerasConfigs: configs } };
    }
  };
}
