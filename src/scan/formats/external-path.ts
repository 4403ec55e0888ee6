// Where an ONNX external-data `location` leads, judged for every platform a loader runs on. onnx.load joins it to the
// model's folder (os.path.join: an absolute location replaces the folder), onnxruntime and OpenVINO do the same in
// C++ (std::filesystem `/`), Windows treats `\` as a separator and `C:x`, `\x` and `\\host\share` as rooted. The
// published escapes: CVE-2022-25882 (absolute and leading `../` locations, onnx < 1.13) and CVE-2024-27318 (a `..`
// after a normal component, `subdir/../../x`, which slipped past the prefix check of onnx < 1.16). A location never
// resolves on disk here: no symlink is followed, so `..` is judged lexically and any `..` at all is reported.

/** onnxruntime's in-memory sentinel: with it, `offset` is read as a process memory address, not a file offset. */
export const ORT_MEMORY_TAG = '*/_ORT_MEM_ADDR_/*';

export interface LocationJudgement {
  /** undefined: a plain relative path inside the model's folder. */
  severity?: 'critical' | 'high';
  /** Why, in a phrase ("is absolute", "escapes the model's folder by 2 levels"). */
  reason?: string;
  /** The advisory the escape is the form of. */
  cve?: string;
  /** The repository path the location names (POSIX, folder-relative resolved), when it stays inside. */
  resolved?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Judges the raw bytes of a location against the folder of `modelPath` (a repository-relative POSIX path). */
export function judgeLocation(raw: Uint8Array, modelPath: string): LocationJudgement {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return { severity: 'high', reason: 'is not valid UTF-8 (loaders disagree on which file it names)' };
  }
  if (text.length === 0) return { severity: 'high', reason: 'is empty (the loader opens the model folder itself)' };
  if (text === ORT_MEMORY_TAG || text.includes('_ORT_MEM_ADDR_')) {
    return { severity: 'critical', reason: `is onnxruntime's in-memory tag ${ORT_MEMORY_TAG}: runtimes that honour it read the process memory at "offset"` };
  }
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return { severity: 'high', reason: 'holds control characters (C++ loaders stop at a NUL, so they open a different file than Python does)' };
  }
  if (/^[A-Za-z]:/.test(text)) return { severity: 'critical', reason: 'names a Windows drive', cve: 'CVE-2022-25882' };
  if (/^[\\/]{2}/.test(text)) return { severity: 'critical', reason: 'is a UNC or network path (Windows opens it over the network)', cve: 'CVE-2022-25882' };
  if (/^[\\/]/.test(text)) return { severity: 'critical', reason: 'is absolute: joined to the model folder it replaces it', cve: 'CVE-2022-25882' };
  if (/^~/.test(text)) return { severity: 'high', reason: 'starts with ~ (shells and some loaders expand it to a home folder)' };
  const parts = text.split(/[\\/]/);
  const kept: string[] = [];
  let sawDots = false;
  let escaped = 0;
  let first = true;
  let leading = false;
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      sawDots = true;
      if (first) leading = true;
      if (kept.length === 0) escaped++;
      else kept.pop();
      first = false;
      continue;
    }
    if (p.includes(':')) return { severity: 'high', reason: `has a component with ":" (${p}): a Windows drive or alternate data stream` };
    kept.push(p);
    first = false;
  }
  if (escaped > 0) {
    return {
      severity: 'critical',
      reason: `escapes the model's folder by ${escaped} level${escaped > 1 ? 's' : ''}`,
      cve: leading ? 'CVE-2022-25882' : 'CVE-2024-27318'
    };
  }
  const dir = modelPath.includes('/') ? modelPath.slice(0, modelPath.lastIndexOf('/')) : '';
  const resolved = [...(dir ? [dir] : []), ...kept].join('/');
  if (kept.length === 0) return { severity: 'high', reason: 'names the model folder itself, not a file' };
  if (sawDots) {
    return { severity: 'high', reason: 'contains ".." (onnx >= 1.16 refuses it; a symlinked folder on the way would redirect it)', cve: 'CVE-2024-27318', resolved };
  }
  return { resolved };
}
