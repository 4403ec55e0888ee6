// Which files the policy's `exclude` patterns keep from being fetched. An excluded file is still listed (name,
// size and hash as the Hub reports them) but not downloaded, scanned or signed, so a release pipeline verifying
// against the signed manifest refuses it. Files whose names say they carry code or instructions are never
// excluded, whatever the patterns say: scripts, notebooks, executables and libraries, model cards and other
// text, configuration (which selects remote code and templates), and extension-less files. Excluding is for
// weights and data a team does not use (e.g. `original/*.pth`).
import { compileGlob, matchGlob } from '../../core/glob.js';
import type { Glob } from '../../core/glob.js';

const NEVER_EXCLUDED_EXTENSIONS = new Set([
  // code and scripts
  'py', 'pyc', 'pyo', 'pyw', 'pyx', 'pxd', 'pyi', 'pyz', 'ipynb', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'psm1', 'bat',
  'cmd', 'vbs', 'js', 'mjs', 'cjs', 'ts', 'rb', 'pl', 'php', 'lua', 'r', 'jl', 'go', 'rs', 'c', 'cc', 'cpp', 'h', 'hpp',
  'cu', 'java', 'jar', 'class', 'scala', 'kt', 'swift', 'whl', 'egg',
  // executables and native libraries
  'exe', 'dll', 'so', 'dylib', 'msi', 'com', 'scr', 'app', 'elf', 'wasm', 'node', 'deb', 'rpm', 'apk', 'appimage',
  // text a person or a loader reads and acts on
  'md', 'markdown', 'rst', 'txt', 'html', 'htm', 'json', 'jsonl', 'yaml', 'yml', 'toml', 'cfg', 'ini', 'jinja',
  'jinja2', 'j2', 'xml', 'gitattributes', 'gitignore', 'dockerfile', 'makefile', 'cmake'
]);

/** Why `path` can never be excluded, or undefined when it can be. */
export function neverExcludedReason(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower.startsWith('readme')) return 'model cards are always reviewed';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return 'files without an extension are always reviewed';
  const ext = lower.slice(dot + 1);
  if (NEVER_EXCLUDED_EXTENSIONS.has(ext)) return `.${ext} files can carry code or instructions and are always reviewed`;
  return undefined;
}

export interface ExcludeDecision {
  excluded: boolean;
  /** The pattern that matched. */
  pattern?: string;
  /** Set when a pattern matched but the file is reviewed anyway. */
  keptBecause?: string;
}

const compiled = new WeakMap<readonly string[], Glob[]>();

function globsOf(patterns: readonly string[]): Glob[] {
  let globs = compiled.get(patterns);
  if (!globs) {
    globs = [];
    for (const p of patterns) {
      const r = compileGlob(p);
      if (r.ok) globs.push(r.glob); // invalid patterns were reported when the policy was loaded
    }
    compiled.set(patterns, globs);
  }
  return globs;
}

/** Decides whether the policy excludes `path` (repository-relative). */
export function excludeDecision(path: string, exclude: readonly string[]): ExcludeDecision {
  const hit = globsOf(exclude).find((g) => matchGlob(g, path));
  if (!hit) return { excluded: false };
  const keptBecause = neverExcludedReason(path);
  return keptBecause ? { excluded: false, pattern: hit.source, keptBecause } : { excluded: true, pattern: hit.source };
}
