// Which loaders a stream can reach by its name alone. A file named like a checkpoint is handed to torch.load or
// pickle.load whatever its bytes look like, so its bytes are read as a pickle whatever sniffing says. Names of
// decompressed streams (`x.pkl.gz#gunzip`) and container members (`a.zip!/b/data.pkl`) count by their own name.

/** Extensions conventional for files that pickle.load, torch.load or joblib.load read. */
const PICKLE_EXTENSIONS = new Set([
  'pkl', 'pickle', 'pck', 'pcl', 'p', 'dill', 'cpkl',
  'bin', 'pt', 'pth', 'ckpt', 'th', 'tar', 'mar', 'pdparams', 'pdopt', 'model',
  'joblib', 'jbl', 'sav', 'dat', 'data'
]);

/** Compression a loader undoes by itself (joblib, pandas, torch via gzip wrappers): the name underneath counts. */
const COMPRESSION_EXTENSIONS = new Set(['gz', 'gzip', 'z', 'zlib', 'bz2', 'xz', 'lzma', 'lz4', 'zst', 'zstd']);

/** The file name a loader would be given for this stream. */
function loaderName(path: string): string {
  const member = path.lastIndexOf('!/');
  let name = member >= 0 ? path.slice(member + 2) : path;
  const hash = name.indexOf('#');
  if (hash >= 0) name = name.slice(0, hash);
  name = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  for (;;) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0 || !COMPRESSION_EXTENSIONS.has(name.slice(dot + 1))) return name;
    name = name.slice(0, dot);
  }
}

/** True when a loader that unpickles would be handed this stream by its conventional name. */
export function pickleReachableByName(path: string): boolean {
  const name = loaderName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 && PICKLE_EXTENSIONS.has(name.slice(dot + 1));
}
