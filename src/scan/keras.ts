// Keras model configs (`config.json` inside `.keras` zips, the `model_config` attribute of `.h5` files):
// Lambda layers carry marshalled Python bytecode, `module` names outside keras import arbitrary code,
// TorchModuleWrapper embeds a torch pickle, and configs can switch safe mode off or download files.
import { finding, truncate } from '../core/findings.js';
import type { Finding, Severity } from '../core/findings.js';
import type { FileContext, StreamScanner } from './types.js';
import { concatBytes, indexOfByte, indexOfBytes, utf8 } from './bytes.js';
import { type Json, isObject, parseJson } from '../analyze/json.js';
import { limitsOf, type FileScanOptions } from './kit.js';
import { classifyGlobal } from '../config/security/globals/index.js';

/** True when a parsed JSON document looks like a Keras model/layer config (what deserialize_keras_object accepts). */
export function looksLikeKerasConfig(v: Json): boolean {
  return isObject(v) && typeof v.class_name === 'string' &&
    ('config' in v || typeof v.module === 'string' || typeof v.keras_version === 'string' || typeof v.registered_name === 'string');
}

const KERAS_MODULE = /^(keras|tf_keras|keras_hub|keras_nlp|keras_cv|tensorflow\.keras|tensorflow\.python\.keras)(\.|$)/;

/**
 * Keras functions that act on files, the network or Keras' own safety switches. Keras 3.11 refuses them by their
 * public name (serialization_lib.NON_MODELING_APIS); older versions import any keras.* function a config names,
 * which is how CVE-2025-8747 (get_file) and CVE-2025-9906 (enable_unsafe_deserialization, load_model with
 * safe_mode off) ran code under safe_mode=True. Matched by the last name, whatever module path leads to it.
 */
const GADGETS = new Set([
  'get_file', 'load_model', 'model_from_json', 'model_from_yaml', 'model_from_config', 'save_model', 'load_weights', 'save_weights',
  'enable_unsafe_deserialization', 'set_global_attribute', 'deserialize_keras_object', 'serialize_keras_object',
  'register_keras_serializable', 'clear_session', 'image_dataset_from_directory', 'text_dataset_from_directory',
  'audio_dataset_from_directory', 'timeseries_dataset_from_array', 'load_img', 'save_img', 'func_load', 'exec', 'eval', 'system', 'popen'
]);

/** Python's builtins (CPython 3.11 dir(builtins)): Keras < 3.8 fell back to them for `module: "builtins"` functions. */
const PY_BUILTINS = new Set('ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip'.split(' '));

/** Layers whose config arguments name files that are read when the layer is built (CVE-2025-12058 and kin). */
const FILE_ARGS: Readonly<Record<string, readonly string[]>> = {
  StringLookup: ['vocabulary'], IntegerLookup: ['vocabulary'], TextVectorization: ['vocabulary', 'idf_weights'],
  Hashing: [], WordPieceTokenizer: ['vocabulary'], BytePairTokenizer: ['vocabulary', 'merges'],
  SentencePieceTokenizer: ['proto'], PARSeqTokenizer: ['vocabulary'], WhisperTokenizer: ['vocabulary', 'merges', 'special_tokens'],
  RWKVTokenizer: ['vocabulary'], FNetTokenizer: ['proto'], T5Tokenizer: ['proto']
};

/** The class name a config entry resolves to: `registered_name` "pkg>Name" and `module.Name` forms reduced to Name. */
function baseName(cls: string): string {
  const gt = cls.lastIndexOf('>');
  return gt >= 0 ? cls.slice(gt + 1) : cls;
}

/**
 * Walks a Keras config (any depth: Sequential inside Functional inside a layer's config, Keras 2 and Keras 3
 * `module`/`registered_name` forms) and reports every way it can run code or touch files when loaded. Iterative,
 * so nesting depth cannot hide anything.
 */
export function checkKerasConfig(root: Json, path: string, where: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (check: string, severity: Severity, message: string, evidence: string, help?: string): void => {
    const key = `${check}|${evidence}`;
    if (seen.has(key) || out.length > 200) return;
    seen.add(key);
    out.push(finding(check, severity, `${message} (${where})`, { file: path, evidence: truncate(evidence, 200),
      help: help ?? 'Keras runs this when the model is loaded; do not approve unless the code is reviewed and trusted.' }));
  };
  const stack: { v: Json; trail: string }[] = [{ v: root, trail: '' }];
  while (stack.length > 0) {
    const { v, trail } = stack.pop() as { v: Json; trail: string };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i] as Json, trail: `${trail}[${i}]` });
      continue;
    }
    if (typeof v === 'string') {
      if (v.includes('__lambda__')) add('keras.lambda', 'critical', 'Config contains a `__lambda__` function (marshalled Python bytecode, CVE-2024-3660)', `${trail}: ${v}`);
      if (/\bget_file\b/.test(v)) add('keras.get-file', 'high', 'Config refers to keras.utils.get_file (downloads at load time)', `${trail}: ${v}`);
      continue;
    }
    if (!isObject(v)) continue;
    const cls = typeof v.class_name === 'string' ? v.class_name : undefined;
    const reg = typeof v.registered_name === 'string' ? v.registered_name : undefined;
    const mod = typeof v.module === 'string' ? v.module : undefined;
    const names = new Set([cls, reg].filter((x): x is string => x !== undefined).map(baseName));
    if (names.has('Lambda')) {
      add('keras.lambda', 'critical', 'Lambda layer: its function is marshalled Python bytecode or a named Python function, called on load (CVE-2024-3660; .h5 ignores safe_mode, CVE-2025-9905)', `${trail}.class_name: ${cls ?? reg}`);
    }
    if (names.has('__lambda__')) add('keras.lambda', 'critical', 'Config holds a `__lambda__` (marshalled Python bytecode, CVE-2024-3660)', `${trail}.class_name: ${cls ?? reg}`);
    if (names.has('TorchModuleWrapper')) {
      add('keras.torch-module-wrapper', 'critical', 'TorchModuleWrapper layer: embeds a pickled torch module that is unpickled on load (CVE-2025-49655)', `${trail}.class_name: ${cls ?? reg}`);
    }
    if (names.has('TFSMLayer')) {
      const fp = isObject(v.config) && typeof v.config.filepath === 'string' ? v.config.filepath : '?';
      add('keras.tfsm-layer', 'critical', `TFSMLayer: loads the TensorFlow SavedModel at \`${fp}\`, whose graph runs with the model (CVE-2026-1462)`, `${trail}.config.filepath: ${fp}`);
    }
    for (const n of names) {
      const args = FILE_ARGS[n];
      if (!args || !isObject(v.config)) continue;
      for (const a of args) {
        const x = v.config[a];
        if (typeof x === 'string' && x !== '') {
          add('keras.file-read', n === 'RWKVTokenizer' ? 'critical' : 'high',
            `${n} reads \`${a}\` from the path or URL \`${x}\` when the model is built (local file read / SSRF, CVE-2025-12058)${n === 'RWKVTokenizer' ? ', and RWKVTokenizer evaluates its lines as Python' : ''}`,
            `${trail}.config.${a}: ${x}`, 'Keras opens this path through tf.io.gfile (local files, HTTP, GCS); legitimate archives ship vocabularies as assets. Do not approve.');
        }
      }
    }
    // A function reference: {"class_name": "function", "module": ..., "config": name, "registered_name": ...}.
    if (cls === 'function') {
      const fname = typeof v.config === 'string' ? v.config : reg ?? '';
      const last = fname.slice(Math.max(fname.lastIndexOf('.'), fname.lastIndexOf('>')) + 1);
      if (GADGETS.has(last) || (reg !== undefined && GADGETS.has(baseName(reg)))) {
        add('keras.gadget', 'critical', `Config calls \`${mod ?? '?'}.${fname}\`, a function that loads, downloads or switches safe mode off (CVE-2025-8747, CVE-2025-9906)`, `${trail}: ${mod ?? ''} ${fname}`);
      }
    }
    // `module: "builtins"` functions are looked up in Keras' own built-in modules first (relu, mse...): only a name
    // Keras lacks reaches Python's builtins.
    const kerasBuiltin = mod === 'builtins' && cls === 'function' && typeof v.config === 'string' && !PY_BUILTINS.has(v.config);
    if (mod !== undefined && !KERAS_MODULE.test(mod) && !kerasBuiltin) {
      const target = cls === 'function' && typeof v.config === 'string' ? v.config : cls ?? '';
      const tier = classifyGlobal(mod, target);
      const sev: Severity = tier === 'dangerous' ? 'critical' : tier === 'unknown' ? 'high' : tier === 'review' ? 'medium' : 'low';
      add('keras.module', sev, `Config imports \`${mod}${target ? `.${target}` : ''}\`, a module outside keras (CVE-2025-1550)`, `${trail}.module: ${mod}`);
    }
    if (reg !== undefined && reg.includes('>') && !/^(keras|Keras)/.test(reg)) {
      add('keras.custom-object', 'medium', `Config needs the custom object \`${reg}\` (code from outside the model file)`, `${trail}.registered_name: ${reg}`);
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      const x = v[k] as Json;
      if (k === 'safe_mode' && x === false) add('keras.safe-mode-off', 'high', 'Config switches Keras safe mode off (CVE-2025-9906)', `${trail}.safe_mode: false`);
      if (k === 'function' && cls === undefined && (Array.isArray(x) || isObject(x))) {
        add('keras.lambda', 'critical', 'Config holds a serialized function', `${trail}.function`);
      }
      if (k === 'function_type' && x === 'lambda') add('keras.lambda', 'critical', 'Config holds a marshalled lambda (Keras 2 `function_type: lambda`, CVE-2024-3660)', `${trail}.function_type`);
      stack.push({ v: x, trail: trail ? `${trail}.${k}` : k });
    }
  }
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

/** Every place `needle` starts in `hay`, overlaps included: so a stream's count is its chunks' counts plus the seams'. */
function countOf(hay: Uint8Array, needle: Uint8Array): number {
  let n = 0;
  for (let i = indexOfBytes(hay, needle); i >= 0; i = indexOfBytes(hay, needle, i + 1)) n++;
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

  // Counted in the chunk itself, plus across its start (the carried tail of the bytes before and the chunk's head,
  // each too short to hold a whole one), without copying the chunk.
  const keep = CLASS_NAME.length - 1;
  const countSeen = (chunk: Uint8Array): void => {
    const seam = concatBytes([carry, chunk.subarray(0, keep)]);
    seen += countOf(chunk, CLASS_NAME) + countOf(seam, CLASS_NAME);
    carry = (chunk.length >= keep ? chunk : seam).slice(-keep);
  };

  const finish = (): void => {
    const bytes = (cap as Uint8Array).subarray(0, capLen);
    cap = undefined;
    const n = countOf(bytes, CLASS_NAME);
    if (n === 0) return; // JSON that names no Keras objects
    let doc;
    try {
      doc = parseJson(utf8(bytes), 'python');
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
        const j = indexOfByte(chunk, 0x7b, pos);
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
