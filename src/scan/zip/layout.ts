// Which zip members mean what: PyTorch's checkpoint layout (torch.save since 1.6), TorchScript archives, .npz.

export interface ZipLayout {
  formats: string[];
  /** True when torch.load would hand the archive to torch.jit.load (it has a constants.pkl record). */
  torchScript: boolean;
  /**
   * Per member name: how to scan it. `torchscript-pickle` is a pickle TorchScript's own loader reads (data.pkl,
   * constants.pkl, code/**.debug_pkl): its `__torch__.*` globals are TorchScript classes (the pickle scanner's
   * `torchScript` context). `data.pkl` is a torch.save checkpoint's pickle, read by torch.load's unpickler.
   */
  role(name: string): 'data.pkl' | 'storage' | 'code' | 'torchscript-pickle' | 'member';
}

const TORCH_DATA_PKL = /^([^/]+\/)?data\.pkl$/;
const TORCH_STORAGE = /^([^/]+\/)?data\/\d+$/;
const TORCHSCRIPT_CODE = /^([^/]+\/)?code\//;
const TORCHSCRIPT_CONSTANTS = /^([^/]+\/)?constants\.pkl$/;
const TORCHSCRIPT_DEBUG_PKL = /^([^/]+\/)?code\/.*\.debug_pkl$/;

export function detectZipLayout(names: readonly string[]): ZipLayout {
  const formats = ['zip'];
  const torch = names.some((n) => TORCH_DATA_PKL.test(n)) &&
    names.some((n) => /^([^/]+\/)?(\.data\/)?(version|byteorder)$/.test(n) || TORCH_STORAGE.test(n));
  // torch.serialization._is_torchscript_zip: a `constants.pkl` record makes torch.load dispatch to torch.jit.load
  // (1.13 even under weights_only=True; 2.6 refuses weights_only=True for it). code/ alone does not.
  const script = names.some((n) => TORCHSCRIPT_CONSTANTS.test(n));
  if (torch || script) formats.push('pytorch-zip');
  if (script) formats.push('torchscript');
  if (names.length > 0 && names.every((n) => n.endsWith('.npy'))) formats.push('npz');
  if (names.includes('config.json') && names.some((n) => n.endsWith('.weights.h5') || n === 'metadata.json')) formats.push('keras');
  return {
    formats,
    torchScript: script,
    role(name) {
      if (script && (TORCH_DATA_PKL.test(name) || TORCHSCRIPT_CONSTANTS.test(name) || TORCHSCRIPT_DEBUG_PKL.test(name))) return 'torchscript-pickle';
      if (torch || script) {
        if (TORCH_DATA_PKL.test(name)) return 'data.pkl';
        if (TORCH_STORAGE.test(name)) return 'storage';
        if (script && TORCHSCRIPT_CODE.test(name)) return 'code';
      }
      return 'member';
    }
  };
}
