// What the set of files says: executables wearing a data file's name (when the scanners' extension check does
// not already say so), the same weights in two formats (loaders may pick the pickle), and files no model loader
// uses (native libraries, installers, archives, compiled Python).
import type { Finding } from '../../core/findings.js';
import { extensionMismatch } from '../../scan/extensions.js';
import type { ContentCheck } from './types.js';
import { basename, dirname, extension } from '../../analyze/util.js';

const EXECUTABLE = new Set(['elf', 'pe', 'macho', 'wasm', 'dex']);
/** Names of data a loader reads: an executable under one of these is disguised. */
const DATA_EXTENSIONS = new Set(['bin', 'pt', 'pth', 'ckpt', 'vocab', 'spm', 'tiktoken', 'msgpack', 'pb', 'params', 'weights', 'data', 'dat', 'pkl', 'pickle', 'joblib', 'index', 'ot', 'mlmodel', 'nemo', 'tflite', 'onnx_data', 'model']);
const NATIVE = new Set(['exe', 'dll', 'so', 'dylib', 'msi', 'scr', 'com', 'sys', 'ko', 'apk', 'dmg', 'deb', 'rpm', 'appimage', 'jar', 'class', 'pyc', 'pyo', 'pyd', 'node', 'elf', 'app']);
const ARCHIVES = new Set(['zip', 'tar', 'tgz', 'gz', 'bz2', 'xz', '7z', 'rar', 'zst', 'lz4', 'tbz2', 'txz']);
const PICKLE_WEIGHTS = new Set(['bin', 'pt', 'pth', 'ckpt', 'pkl']);

function weightStem(path: string): string {
  const b = basename(path);
  return b.slice(0, b.lastIndexOf('.')).replace(/^pytorch_/, '').replace(/^diffusion_pytorch_/, 'diffusion_');
}

export const layoutCheck: ContentCheck = {
  id: 'layout',
  run(repo) {
    const out: Finding[] = [];
    const byDir = new Map<string, { safetensors: string[]; pickles: string[] }>();
    for (const f of repo.files) {
      const ext = extension(f.path);
      const exe = f.formats.filter((x) => EXECUTABLE.has(x));
      if (exe.length > 0 && DATA_EXTENSIONS.has(ext) && !extensionMismatch(f.path, f.formats)) {
        out.push({
          check: 'layout.executable', severity: 'critical', file: f.path, evidence: `${f.path}: ${f.formats.join(', ')}, ${f.size} bytes`,
          message: `${f.path} is named like model data (.${ext}) but is a native executable (${exe.join(', ')})`,
          help: 'A binary disguised as weights or a tokenizer is there to be run by a script. Reject.'
        });
      }
      const lower = basename(f.path).toLowerCase();
      const isNative = NATIVE.has(ext) || /\.so(\.\d+)+$/.test(lower);
      if (isNative) {
        out.push({
          check: 'layout.unused-file', severity: 'medium', file: f.path, evidence: `${f.path}: ${f.formats.join(', ') || 'unknown'}, ${f.size} bytes`,
          message: `${f.path} is a native library, installer or compiled code file that no model loader reads`,
          help: 'Find out what would run it (a script, a README step) and why a model ships it; compiled files cannot be reviewed as source.'
        });
      } else if (ARCHIVES.has(ext) && !f.formats.includes('pytorch-zip')) {
        out.push({
          check: 'layout.unused-file', severity: 'low', file: f.path, evidence: `${f.path}: ${f.formats.join(', ') || 'unknown'}, ${f.size} bytes`,
          message: `${f.path} is an archive; model loaders do not unpack archives, so something else is meant to`,
          help: 'Check what the README or scripts do with it. Its members were scanned where the format allows.'
        });
      }
      const d = byDir.get(dirname(f.path)) ?? { safetensors: [], pickles: [] };
      if (ext === 'safetensors') d.safetensors.push(f.path);
      else if (PICKLE_WEIGHTS.has(ext) && !/\.index\.json$/.test(lower) && !/^(training_args|optimizer|scheduler|rng_state)/.test(lower)) d.pickles.push(f.path);
      byDir.set(dirname(f.path), d);
    }
    for (const [dir, d] of byDir) {
      const stems = new Set(d.safetensors.map(weightStem));
      const pairs = d.pickles.filter((p) => stems.has(weightStem(p)));
      if (pairs.length === 0) continue;
      out.push({
        check: 'layout.mixed-weights', severity: 'info', file: pairs[0] as string, evidence: [...d.safetensors, ...pairs].slice(0, 6).join(', '),
        message: `${dir ? `${dir}/: ` : ''}the same weights are shipped as safetensors and as pickle-based files (${pairs.slice(0, 4).join(', ')}${pairs.length > 4 ? ', …' : ''}); some loaders or versions pick the pickle files`,
        help: 'Each file was judged on its own: the pickle files\' own findings decide. Pin `files` to the safetensors if the pickles are not needed.'
      });
    }
    return out;
  }
};
