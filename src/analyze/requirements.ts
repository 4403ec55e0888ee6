// Where dependencies come from: requirements files, environment.yml, pyproject.toml/Pipfile sources, and the
// arguments of `pip install` in scripts and model cards. Installing from a git URL, an arbitrary URL or an
// unknown index runs code nobody reviewed (setup.py and build hooks run at install time).
import type { Severity } from '../core/findings.js';
import { hostOf, isKnownGitSource, isKnownPackageHost } from './patterns.js';
import { type Hit, basename, splitLines } from './util.js';

export type SourceKind = 'git-url' | 'index-url' | 'url' | 'local-path';

export interface SourceIssue {
  kind: SourceKind;
  severity: Severity;
  message: string;
  help: string;
}

const HELP: Record<SourceKind, string> = {
  'git-url': 'A git source installs whatever that branch holds when someone installs it, and its setup code runs. Pin a released package from PyPI, or review the exact commit.',
  'index-url': 'Packages from an unknown index can shadow PyPI names with anything. Remove the index or confirm who runs it and why it is needed.',
  url: 'A package downloaded from a URL is code nobody reviewed; its build hooks run at install. Use a released package from PyPI.',
  'local-path': 'Installing from a path in this repository runs its setup code (setup.py/pyproject build hooks); review that code as part of this model.'
};

const VCS = /^(git|hg|svn|bzr)\+/i;
const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host']);

function issue(kind: SourceKind, severity: Severity, message: string): SourceIssue {
  return { kind, severity, message, help: HELP[kind] };
}

/** Judges one requirement specifier (`pkg==1.0`, `pkg @ https://…`, `git+https://…`, `./local`). */
export function judgeSpecifier(spec: string): SourceIssue | undefined {
  const s = spec.trim().replace(/^["']|["']$/g, '');
  if (s === '' || s.startsWith('#')) return undefined;
  const at = /^[A-Za-z0-9._-]+(\[[^\]]*\])?\s*@\s*(\S+)/.exec(s);
  const target = at ? (at[2] as string) : s;
  if (VCS.test(target)) {
    if (isKnownGitSource(target)) return undefined;
    return issue('git-url', 'high', `Installs from a version-control URL: ${target}`);
  }
  if (/^(https?|ftp):\/\//i.test(target)) {
    if (isKnownPackageHost(hostOf(target)) || isKnownGitSource(target)) return undefined;
    return issue('url', 'high', `Installs a package downloaded from ${hostOf(target) ?? target}: ${target}`);
  }
  if (/^file:/i.test(target) || /^(\.{1,2}|~)?\//.test(target) || target === '.' || target === '..' || /\.(whl|tar\.gz|zip|egg)$/i.test(target)) {
    return issue('local-path', 'medium', `Installs from a local path: ${target}`);
  }
  return undefined;
}

function judgeIndex(option: string, value: string): SourceIssue | undefined {
  const host = option === '--trusted-host' ? value.trim().toLowerCase() : hostOf(value);
  if (isKnownPackageHost(host)) return undefined;
  if (option === '-f' || option === '--find-links') {
    if (!/^[a-z]+:\/\//i.test(value)) return issue('local-path', 'medium', `Finds packages in a local folder: ${value}`);
  }
  const what = option === '--trusted-host' ? `turns off TLS checks for ${value}` : `adds the package source ${value}`;
  return issue('index-url', 'high', `${option} ${what}${host ? ` (${host} is not PyPI)` : ''}`);
}

/** Judges the arguments after `pip install` (options with their values, then specifiers). */
export function judgePipArgs(args: readonly string[]): SourceIssue[] {
  const out: SourceIssue[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const opt = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (INDEX_OPTIONS.has(opt)) {
      const v = opt !== a ? a.slice(eq + 1) : args[++i];
      if (v !== undefined) {
        const r = judgeIndex(opt, v);
        if (r) out.push(r);
      }
      continue;
    }
    if (/^-i\S/.test(a)) {
      const r = judgeIndex('-i', a.slice(2));
      if (r) out.push(r);
      continue;
    }
    if (opt === '-r' || opt === '--requirement' || opt === '-c' || opt === '--constraint') {
      if (opt === a) i++;
      continue;
    }
    if (opt === '-e' || opt === '--editable') {
      const v = opt !== a ? a.slice(eq + 1) : args[++i];
      if (v !== undefined) {
        const r = judgeSpecifier(v);
        if (r) out.push(r);
      }
      continue;
    }
    if (a.startsWith('-')) continue;
    const r = judgeSpecifier(a);
    if (r) out.push(r);
  }
  return out;
}

/** Tokens of one requirements-file line (options may share the line with their values). */
function lineArgs(line: string): string[] {
  return line.replace(/\s+#.*$/, '').trim().split(/\s+/).filter(Boolean);
}

export function isRequirementsFile(path: string): boolean {
  const b = basename(path).toLowerCase();
  return /^(requirements|constraints|dev-requirements)[\w.-]*\.(txt|in)$/.test(b) || /requirements.*\.txt$/.test(b) ||
    /^environment\.ya?ml$/.test(b) || b === 'pyproject.toml' || b === 'pipfile' || b === 'setup.cfg';
}

/** Hits for a dependency file, by its kind. */
export function analyzeRequirements(path: string, text: string): Hit[] {
  const b = basename(path).toLowerCase();
  const lines = splitLines(text);
  const hits: Hit[] = [];
  const push = (line: number, r: SourceIssue): void => {
    hits.push({ check: `requirements.${r.kind}`, severity: r.severity, line, message: r.message, help: r.help });
  };
  if (b === 'pyproject.toml' || b === 'pipfile' || b === 'setup.cfg') {
    let section = '';
    lines.forEach((raw, i) => {
      const line = raw.replace(/\s+#.*$/, '');
      const sec = /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(line);
      if (sec) {
        section = (sec[1] as string).toLowerCase();
        return;
      }
      const kv = /^\s*(url|index-url|extra-index-url|git|path)\s*=\s*["']([^"']+)["']/.exec(line);
      if (kv && /source|index|pip/.test(section) && (kv[1] === 'url' || kv[1]?.endsWith('index-url'))) {
        const r = judgeIndex('--index-url', kv[2] as string);
        if (r) push(i + 1, r);
        return;
      }
      for (const m of line.matchAll(/(?:git\s*=\s*)?["']([^"']+)["']/g)) {
        const value = m[1] as string;
        if (/^\s*git\s*=/.test(m[0]) && !isKnownGitSource(value)) {
          push(i + 1, issue('git-url', 'high', `Installs a dependency from git: ${value}`));
          continue;
        }
        if (VCS.test(value) || /@\s*(https?|git\+|file:)/i.test(value)) {
          const r = judgeSpecifier(value);
          if (r && r.kind !== 'local-path') push(i + 1, r);
        }
      }
    });
    return hits;
  }
  const yaml = /^environment\.ya?ml$/.test(b);
  lines.forEach((raw, i) => {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (yaml) {
      // Only list items are specifiers; the pip section's items use the same syntax as requirements files.
      const item = /^-\s+(.+)$/.exec(line);
      if (!item) return;
      line = (item[1] as string).replace(/^["']|["']$/g, '');
      if (!/[+:/@]|^-/.test(line)) return;
    }
    for (const r of judgePipArgs(lineArgs(line))) push(i + 1, r);
  });
  return hits;
}
