// What a file's name promises, to catch content that contradicts it (a pickle called model.safetensors).
// Only unambiguous extensions are listed: `.bin`, `.pt`, `.msgpack`… hold several formats legitimately.

const EXPECT: Record<string, readonly string[]> = {
  safetensors: ['safetensors'],
  json: ['json', 'notebook', 'text', 'empty'],
  jsonl: ['json', 'text', 'empty'],
  txt: ['text', 'json', 'python', 'script', 'empty'],
  md: ['text', 'json', 'python', 'script', 'empty'],
  npy: ['numpy'],
  npz: ['zip'],
  gguf: ['gguf'],
  h5: ['hdf5'],
  hdf5: ['hdf5'],
  keras: ['zip'],
  onnx: ['protobuf'],
  // sentencepiece writes protobuf under `.model`, gensim's save() a pickle (judged as the pickle it is).
  model: ['protobuf', 'text', 'pickle'],
  tflite: ['tflite'],
  py: ['python', 'text', 'script', 'empty'],
  ipynb: ['notebook', 'json'],
  png: ['image'],
  jpg: ['image'],
  jpeg: ['image'],
  gif: ['image'],
  tar: ['tar'],
  gz: ['gzip'],
  zip: ['zip'],
  yaml: ['text', 'empty'],
  yml: ['text', 'empty']
};

/** Formats that can carry code or hide other content: a mismatch involving them is blocking. */
const CODE_CAPABLE = new Set(['pickle', 'elf', 'pe', 'macho', 'wasm', 'dex', 'ole', 'zip', 'tar', 'gzip', 'zlib', 'bz2', 'xz', 'lzma', 'lz4', 'zstd', '7z',
  'joblib-zf', 'script', 'hdf5', 'unknown-binary']);

/**
 * Double extensions that name a torch checkpoint kept under `.tar` (`checkpoint.pth.tar`, the ImageNet example's
 * convention): torch.save writes a zip (or, before 1.6 or with the legacy writer, a pickle) and torch.load reads it
 * whatever the name; very old torch wrote a real tar.
 */
const TORCH_TAR = /\.(?:pth|pt|ckpt|pkl)\.tar$/i;
const TORCH_TAR_EXPECT: readonly string[] = ['tar', 'zip', 'pickle'];

export interface ExtensionCheck { extension: string; expected: readonly string[]; severity: 'high' | 'low' }

/** A mismatch between the name's extension and the sniffed formats, or undefined when they agree. */
export function extensionMismatch(path: string, formats: readonly string[]): ExtensionCheck | undefined {
  const base = path.split('/').pop() ?? path;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = base.slice(dot + 1).toLowerCase();
  const expected = TORCH_TAR.test(base) ? TORCH_TAR_EXPECT : EXPECT[extension];
  if (!expected || formats.some((f) => expected.includes(f))) return undefined;
  return { extension, expected, severity: formats.some((f) => CODE_CAPABLE.has(f)) ? 'high' : 'low' };
}
