// Which zip members mean what: PyTorch's checkpoint layout (torch.save since 1.6), TorchScript archives, .npz,
// .keras. Torch finds its records the way PyTorchStreamReader does: the archive name is the first directory entry's
// name up to its first '/', and every record is looked up as "<archive>/<record>" with miniz's case-insensitive
// comparison (mz_zip_reader_locate_file without MZ_ZIP_FLAG_CASE_SENSITIVE).

export interface ZipLayout {
  formats: string[];
  /** torch's archive name (the record prefix), when torch would read this zip. */
  torchPrefix?: string;
  /** True when torch.load would hand the archive to torch.jit.load (it has a constants.pkl record). */
  torchScript: boolean;
  /**
   * Per member name: how to scan it. `torchscript-pickle` is a pickle TorchScript's own loader reads (data.pkl,
   * constants.pkl, code/**.debug_pkl): its `__torch__.*` globals are TorchScript classes (the pickle scanner's
   * `torchScript` context). `data.pkl` is a torch.save checkpoint's pickle, read by torch.load's unpickler.
   */
  role(name: string): 'data.pkl' | 'storage' | 'code' | 'torchscript-pickle' | 'member';
}

/** ASCII-only lower case, as miniz's MZ_TOLOWER. */
export function minizLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

const TORCH_DATA_PKL = /^([^/]+\/)?data\.pkl$/;
const TORCH_STORAGE = /^([^/]+\/)?data\/\d+$/;
const TORCHSCRIPT_CODE = /^([^/]+\/)?code\//;
const TORCHSCRIPT_CONSTANTS = /^([^/]+\/)?constants\.pkl$/;
const TORCHSCRIPT_DEBUG_PKL = /^([^/]+\/)?code\/.*\.debug_pkl$/;

/**
 * `names`: every entry name any reader sees; `torchFirst`: the first entry of torch's own directory reading (its
 * archive name comes from there), when torch reads the directory at all.
 */
export function detectZipLayout(names: readonly string[], torchFirst?: string): ZipLayout {
  const formats = ['zip'];
  const lower = names.map(minizLower);
  const slash = torchFirst?.indexOf('/') ?? -1;
  const prefix = torchFirst !== undefined && slash >= 0 ? minizLower(torchFirst.slice(0, slash + 1)) : undefined;
  const has = (re: RegExp): boolean => lower.some((n) => re.test(n));
  const torchRecords = prefix !== undefined ? lower.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)) : [];
  // torch.load reads <archive>/data.pkl; torch.jit.load needs constants.pkl and code/. Either layout, by torch's prefix
  // or (when torch does not read the directory) by any single-folder prefix.
  const torch = (torchRecords.includes('data.pkl') && torchRecords.some((r) => /^(\.data\/)?(version|byteorder)$/.test(r) || /^data\/\d+$/.test(r))) ||
    (has(TORCH_DATA_PKL) && (has(/^([^/]+\/)?(\.data\/)?(version|byteorder)$/) || has(TORCH_STORAGE)));
  // torch.serialization._is_torchscript_zip: a `constants.pkl` record makes torch.load dispatch to torch.jit.load
  // (1.13 even under weights_only=True; 2.6 refuses weights_only=True for it). code/ alone does not.
  const script = torchRecords.includes('constants.pkl') || has(TORCHSCRIPT_CONSTANTS);
  if (torch || script) formats.push('pytorch-zip');
  if (script) formats.push('torchscript');
  if (names.length > 0 && names.every((n) => n.endsWith('.npy'))) formats.push('npz');
  if (names.includes('config.json') && names.some((n) => n.endsWith('.weights.h5') || n === 'metadata.json')) formats.push('keras');
  return {
    formats,
    ...(prefix !== undefined && (torch || script) ? { torchPrefix: prefix } : {}),
    torchScript: script,
    role(name) {
      if (script) {
        const n = minizLower(name);
        if (TORCH_DATA_PKL.test(n) || TORCHSCRIPT_CONSTANTS.test(n) || TORCHSCRIPT_DEBUG_PKL.test(n)) return 'torchscript-pickle';
      }
      if (torch || script) {
        const n = minizLower(name);
        if (TORCH_DATA_PKL.test(n)) return 'data.pkl';
        if (TORCH_STORAGE.test(n)) return 'storage';
        if (script && TORCHSCRIPT_CODE.test(n)) return 'code';
      }
      return 'member';
    }
  };
}
