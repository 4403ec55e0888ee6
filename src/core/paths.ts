// What a safe repository file path is. One rule for both sides: the registry refuses to store or serve anything
// else, and the Hub client refuses a tree listing that names anything else (fail closed), so a path that reaches
// the scanners or the disk is always a plain relative POSIX path that cannot climb out of a folder.

/** Longest path accepted; real repositories stay far below it. */
export const MAX_REPO_PATH = 4096;

/**
 * Why a repository file path is unsafe, or undefined when it is a clean relative POSIX path: not empty, not
 * absolute, no drive letter, `/`-separated with no empty, `.` or `..` segments, no backslashes, NUL or other
 * control characters, nothing inside `.git`. The reason reads after the path: "'a/../b' has a '..' segment".
 */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_REPO_PATH) return `is longer than ${MAX_REPO_PATH} characters`;
  if (path.includes('\0')) return 'contains a NUL byte';
  if (/[\u0001-\u001f\u007f]/.test(path)) return 'contains a control character';
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  for (const seg of path.split('/')) {
    if (seg === '..') return "has a '..' segment";
    if (seg === '.') return "has a '.' segment";
    if (seg === '') return 'has an empty segment';
  }
  if (path === '.git' || path.startsWith('.git/')) return 'is inside .git';
  return undefined;
}
