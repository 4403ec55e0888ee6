// Syntax rules for what a store may contain: repo ids, account names and file paths. Shared by the builder (to
// refuse a bad spec) and the loader (to refuse a bad store folder someone assembled).

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;

/** A Hub namespace or repo name: ASCII `[A-Za-z0-9._-]`, no `--`/`..`, at most 96 characters. */
export function isValidName(name: string): boolean {
  return NAME.test(name) && !name.includes('--') && !name.includes('..');
}

/** `namespace/name` with both parts valid. */
export function isValidRepoId(id: string): boolean {
  const parts = id.split('/');
  return parts.length === 2 && isValidName(parts[0] ?? '') && isValidName(parts[1] ?? '');
}

/**
 * Why a repository file path is unsafe, or undefined when it is fine: relative, `/`-separated, no empty, `.` or
 * `..` segments, no backslashes or control characters, no `.git/` internals.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return 'empty path';
  if (path.length > 4096) return 'path longer than 4096 characters';
  if (path.startsWith('/')) return 'absolute path';
  if (path.includes('\\')) return 'backslash in path';
  if (/[\x00-\x1f\x7f]/.test(path)) return 'control character in path';
  for (const seg of path.split('/')) {
    if (seg === '') return 'empty path segment';
    if (seg === '.' || seg === '..') return `'${seg}' path segment`;
  }
  if (path === '.git' || path.startsWith('.git/')) return 'path inside .git';
  return undefined;
}
