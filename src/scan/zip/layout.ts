// Which zip members mean what: PyTorch's checkpoint layout (torch.save since 1.6), TorchScript archives, .npz.

export interface ZipLayout {
  formats: string[];
  /** Per member name: how to scan it. */
  role(name: string): 'data.pkl' | 'storage' | 'code' | 'member';
}

const TORCH_DATA_PKL = /^([^/]+\/)?data\.pkl$/;
const TORCH_STORAGE = /^([^/]+\/)?data\/\d+$/;
const TORCHSCRIPT_CODE = /^([^/]+\/)?code\//;

export function detectZipLayout(names: readonly string[]): ZipLayout {
  const formats = ['zip'];
  const torch = names.some((n) => TORCH_DATA_PKL.test(n)) &&
    names.some((n) => /^([^/]+\/)?(\.data\/)?(version|byteorder)$/.test(n) || TORCH_STORAGE.test(n));
  const script = names.some((n) => /^([^/]+\/)?constants\.pkl$/.test(n)) && names.some((n) => TORCHSCRIPT_CODE.test(n));
  if (torch || script) formats.push('pytorch-zip');
  if (script) formats.push('torchscript');
  if (names.length > 0 && names.every((n) => n.endsWith('.npy'))) formats.push('npz');
  if (names.includes('config.json') && names.some((n) => n.endsWith('.weights.h5') || n === 'metadata.json')) formats.push('keras');
  return {
    formats,
    role(name) {
      if (torch || script) {
        if (TORCH_DATA_PKL.test(name)) return 'data.pkl';
        if (TORCH_STORAGE.test(name)) return 'storage';
        if (script && TORCHSCRIPT_CODE.test(name)) return 'code';
      }
      return 'member';
    }
  };
}
