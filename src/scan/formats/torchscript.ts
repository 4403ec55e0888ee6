// TorchScript code (the code/__torch__/**.py members of a torch.jit.save archive): the program torch.jit.load
// compiles and runs. It is reviewable code, not arbitrary Python (the archive-level `zip.torchscript` finding asks for
// that review); this reads it for the features that reach beyond the tensor program: operators from namespaces that
// exist only after a native library was loaded (torch.ops.<ns>, torch.classes.<ns>), and the few builtins that touch
// files or the network (aten::save writes a file, aten::from_file reads one, the RPC builtins call other hosts).
import { finding } from '../../core/findings.js';
import type { Finding } from '../../core/findings.js';
import { limitsOf, type FileScanOptions } from '../kit.js';
import type { FileContext, ScanOutcome, StreamScanner } from '../types.js';

/** Operator namespaces PyTorch itself registers (a model that uses only these needs nothing but torch). */
const TORCH_NAMESPACES = new Set([
  'aten', 'prim', 'prims', 'quantized', '_quantized', 'quantized_decomposed', '_caffe2', 'profiler', 'cuda', 'mkldnn', 'mkl',
  'onednn', 'xnnpack', 'vulkan_prepack', '_nnapi', 'sparse', 'c10d', '_c10d_functional', '_dtensor', 'inductor', 'higher_order',
  'debugprims', 'rngprims', 'fbgemm', 'quantized_ops'
]);
/** Namespaces of well-known libraries' native operators (torchvision's nms, roi_align…): present once that library is installed. */
const LIBRARY_NAMESPACES: Readonly<Record<string, string>> = { torchvision: 'torchvision', torchaudio: 'torchaudio', torchtext: 'torchtext' };
/** TorchScript builtins that reach the host (printed as `torch.<op>(` or `ops.aten.<op>(`). */
const HOST_OPS: Readonly<Record<string, string>> = {
  save: 'writes a file (aten::save)', from_file: 'reads a file into a tensor (aten::from_file)', _load_for_mobile: 'loads another model file',
  rpc_sync: 'calls another host (torch.distributed.rpc)', rpc_async: 'calls another host (torch.distributed.rpc)', remote: 'calls another host (torch.distributed.rpc)'
};

const CODE_MEMBER = /!\/(?:[^/]+\/)?code\/__torch__\/[^!]*\.py$/;
const OPS = /\bops\.([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/g;
const CLASSES = /\btorch\.classes\.([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/g;
const HOST = /\b(?:torch|ops\.aten)\.(save|from_file|_load_for_mobile|rpc_sync|rpc_async|remote)\s*\(/g;

/** Findings for one TorchScript source text (exported for tests). */
export function analyzeTorchScript(path: string, text: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  let newlines: number[] | undefined;
  const lineOf = (at: number): number => {
    if (!newlines) {
      newlines = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    }
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? 0) < at) lo = mid + 1; else hi = mid;
    }
    return lo + 1;
  };
  // Built only for the first occurrence of each key (a hostile file can repeat a match millions of times).
  const add = (key: string, make: () => Finding): void => {
    if (seen.has(key) || seen.size >= 200) return;
    seen.add(key);
    out.push(make());
  };
  for (const m of text.matchAll(OPS)) {
    const ns = m[1] ?? '';
    if (TORCH_NAMESPACES.has(ns)) continue;
    const lib = LIBRARY_NAMESPACES[ns];
    add(`op:${ns}`, () => finding(`torchscript.${lib ? 'library-op' : 'custom-op'}`, lib ? 'medium' : 'high',
      lib ? `TorchScript calls ${lib}'s native operator ops.${ns}.${m[2] ?? ''}: it loads only where ${lib} is installed`
        : `TorchScript calls ops.${ns}.${m[2] ?? ''}: operator namespace \`${ns}\` exists only after a native library registered it`, {
        file: path, line: lineOf(m.index ?? 0), evidence: m[0],
        help: lib ? `Check that the model needs ${lib}'s operators.`
          : 'Find which native library provides this namespace (torch.ops.load_library) and review it: its code runs when the model is called.'
      }));
  }
  for (const m of text.matchAll(CLASSES)) {
    add(`class:${m[1] ?? ''}`, () => finding('torchscript.custom-class', 'high', `TorchScript uses torch.classes.${m[1] ?? ''}.${m[2] ?? ''}: a custom C++ class a native library must register`, {
      file: path, line: lineOf(m.index ?? 0), evidence: m[0],
      help: 'Find the native library that registers this class and review it: its methods run inside the model.'
    }));
  }
  for (const m of text.matchAll(HOST)) {
    const op = m[1] ?? '';
    add(`host:${op}`, () => finding('torchscript.host-op', 'high', `TorchScript calls ${op}: it ${HOST_OPS[op] ?? 'reaches the host'} when the model runs`, {
      file: path, line: lineOf(m.index ?? 0), evidence: m[0].endsWith('(') ? `${m[0].slice(0, -1).trimEnd()}(` : m[0],
      help: 'A model has no reason to touch files or other hosts; do not approve it unless this is explained.'
    }));
  }
  return out;
}

function createTorchScriptCodeScanner(ctx: FileContext, opts: FileScanOptions): StreamScanner {
  const max = limitsOf(opts).maxJsonBytes;
  const parts: Uint8Array[] = [];
  let n = 0;
  let over = false;
  let outcome: ScanOutcome | undefined;
  return {
    push(chunk) {
      if (over) return;
      n += chunk.length;
      if (n > max) { over = true; parts.length = 0; return; }
      parts.push(chunk.slice());
    },
    end() {
      if (outcome) return outcome;
      if (over) {
        outcome = { formats: ['torchscript-code'], complete: false, findings: [finding('torchscript.too-large', 'high',
          `TorchScript code file larger than ${max} bytes was not read`, { file: ctx.path, help: 'Review this file by hand; it was not examined.' })] };
        return outcome;
      }
      const text = Buffer.concat(parts).toString('utf8');
      outcome = { formats: ['torchscript-code'], complete: true, findings: analyzeTorchScript(ctx.path, text) };
      return outcome;
    }
  };
}

/**
 * Claims code/__torch__/**.py members of an archive (the layout torch.jit.save writes) whose head is text: they are
 * read as TorchScript in addition to every other interpretation.
 */
export const TORCHSCRIPT_CODE_PLUGIN = {
  format: 'torchscript-code',
  claims(head: Uint8Array, ctx: FileContext): boolean {
    return CODE_MEMBER.test(ctx.path) && !head.includes(0);
  },
  create(ctx: FileContext, opts: FileScanOptions): StreamScanner {
    return createTorchScriptCodeScanner(ctx, opts);
  }
};
// Registered in ./index.ts (FORMAT_PLUGINS), which checks it against FormatPlugin; no import back, no cycle.
