// Where dependencies come from: requirements files, environment.yml, pyproject.toml/Pipfile/setup.cfg, and the
// arguments of `pip install` in scripts and model cards. Installing from a git URL, an arbitrary URL or an
// unknown index runs code nobody reviewed (setup.py and build hooks run at install time); a name that imitates a
// well-known package (`transfomers`) installs whatever its registrant uploaded.
import type { Severity } from '../core/findings.js';
import { typosquatOf } from './packages/typosquat.js';
import { hostOf, isKnownGitSource, isKnownPackageHost } from './patterns.js';
import { type Hit, basename, splitLines } from './util.js';
import { trimEndOf, cutComment, cutFromFirst } from '../core/text.js';

export type SourceKind = 'git-url' | 'index-url' | 'url' | 'local-path' | 'typosquat' | 'own-source';

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
  'local-path': 'Installing from a path in this repository runs its setup code (setup.py/pyproject build hooks); review that code as part of this model.',
  typosquat: 'The name imitates a well-known package: installing it runs whatever its registrant uploaded. Do not approve; a real card names the real package.',
  'own-source': 'The publisher installs its own code from its own GitHub organisation; pin it to a commit or release if you can.'
};

/** What the caller knows about a trusted or verified publisher (nothing, for anyone else). */
export interface SourceOptions {
  /** GitHub organisations that are its own (lower-case), from its card or Hub profile. */
  ownGitOrgs?: readonly string[];
  /** Its own names (Hub namespace, GitHub organisations), for packages and images named after it. */
  ownNames?: readonly string[];
  /**
   * The instructions are a trusted or verified publisher's own card: an extra package index it names is its
   * documented choice, to review rather than reject (an index that turns TLS off is not).
   */
  vouched?: boolean;
}

/** The GitHub organisation of a git/https URL on github.com (lower-case), if any. */
export function githubOrgOf(url: string): string | undefined {
  const m = /^(?:[a-z]+\+)?(?:https?|ssh|git):\/\/(?:[^@/]*@)?(?:www\.)?github\.com[/:]([A-Za-z0-9][A-Za-z0-9-]{0,38})(?:[/?#]|$)/i.exec(url.trim()) ??
    /^git@github\.com:([A-Za-z0-9][A-Za-z0-9-]{0,38})\//i.exec(url.trim());
  return m?.[1]?.toLowerCase();
}

function ownSource(url: string, opts: SourceOptions): string | undefined {
  const org = githubOrgOf(url);
  return org !== undefined && (opts.ownGitOrgs ?? []).includes(org) ? org : undefined;
}

/** The project name a PEP 508 requirement starts with (non-ASCII kept, so lookalikes can be named). */
export function requirementName(spec: string): string | undefined {
  const m = /^([^\s[\]<>=!~;@,'"()/\\:]+)/.exec(spec.trim());
  const name = m?.[1];
  if (name === undefined || name === '.' || name === '..' || /^-/.test(name) || /\.(whl|zip|gz|egg|tar)$/i.test(name)) return undefined;
  return name;
}

/** A name that imitates a well-known PyPI package, as an issue. */
export function typosquatIssue(name: string, eco: 'pypi' | 'npm' = 'pypi'): SourceIssue | undefined {
  const sq = typosquatOf(eco, name);
  if (!sq) return undefined;
  return issue('typosquat', 'critical', `Installs ${name}, which imitates the well-known ${eco === 'npm' ? 'npm' : 'PyPI'} package ${sq.imitates} (${sq.detail})`);
}

const VCS = /^(git|hg|svn|bzr)\+/i;
const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host']);
/** pip/uv options whose next argument is a value, not a requirement. */
const VALUE_OPTIONS = new Set([
  '-t', '--target', '--root', '--prefix', '--python-version', '--platform', '--implementation', '--abi', '--only-binary',
  '--no-binary', '--config-settings', '-C', '--global-option', '--install-option', '--upgrade-strategy', '--src', '--log',
  '--cache-dir', '--progress-bar', '--timeout', '--retries', '--python', '-p', '--cert', '--client-cert', '--proxy',
  '--exists-action', '--report', '--index-strategy', '--extra', '--group', '--torch-backend'
]);

function issue(kind: SourceKind, severity: Severity, message: string): SourceIssue {
  return { kind, severity, message, help: HELP[kind] };
}

/** Judges one requirement specifier (`pkg==1.0`, `pkg @ https://…`, `git+https://…`, `./local`). */
export function judgeSpecifier(spec: string, opts: SourceOptions = {}): SourceIssue | undefined {
  const s = spec.trim().replace(/^["']|["']$/g, '');
  if (s === '' || s.startsWith('#')) return undefined;
  const at = /^[A-Za-z0-9._-]+(\[[^\]]*\])?\s*@\s*(\S+)/.exec(s);
  const target = at ? (at[2] as string) : s;
  if (VCS.test(target) || /^git@/i.test(target)) {
    if (isKnownGitSource(target)) return undefined;
    const own = ownSource(target, opts);
    if (own) return issue('own-source', 'low', `Installs from github.com/${own}, the publisher's own GitHub organisation: ${target}`);
    return issue('git-url', 'high', `Installs from a version-control URL: ${target}`);
  }
  if (/^(https?|ftp):\/\//i.test(target)) {
    if (isKnownPackageHost(hostOf(target)) || isKnownGitSource(target)) return undefined;
    const own = ownSource(target, opts);
    if (own) return issue('own-source', 'low', `Installs an archive from github.com/${own}, the publisher's own GitHub organisation: ${target}`);
    return issue('url', 'high', `Installs a package downloaded from ${hostOf(target) ?? target}: ${target}`);
  }
  if (/^file:/i.test(target) || /^(\.{1,2}|~)?\//.test(target) || target === '.' || target === '..' || /\.(whl|tar\.gz|zip|egg)$/i.test(target)) {
    return issue('local-path', 'medium', `Installs from a local path: ${target}`);
  }
  const name = requirementName(s);
  return name !== undefined ? typosquatIssue(name) : undefined;
}

function judgeIndex(option: string, value: string, opts: SourceOptions = {}): SourceIssue | undefined {
  const host = option === '--trusted-host' ? value.trim().toLowerCase() : hostOf(value);
  if (isKnownPackageHost(host)) return undefined;
  if (option === '-f' || option === '--find-links') {
    if (!/^[a-z]+:\/\//i.test(value)) return issue('local-path', 'medium', `Finds packages in a local folder: ${value}`);
  }
  // `<org>.github.io` is served from the GitHub account `org`: the publisher's own GitHub Pages, when that account
  // is its own (the same rule as a git URL under its own organisation). Turning TLS off for it is still not.
  const pages = /^([a-z0-9][a-z0-9-]{0,38})\.github\.io$/.exec(host ?? '')?.[1];
  if (option !== '--trusted-host' && pages !== undefined && (opts.ownGitOrgs ?? []).includes(pages)) {
    return issue('own-source', 'low', `${option} adds the package source ${value}, the GitHub Pages site of ${pages}, the publisher's own GitHub account`);
  }
  const what = option === '--trusted-host' ? `turns off TLS checks for ${value}` : `adds the package source ${value}`;
  const severity: Severity = opts.vouched && option !== '--trusted-host' ? 'medium' : 'high';
  return issue('index-url', severity, `${option} ${what}${host ? ` (${host} is not PyPI)` : ''}${severity === 'medium' ? ', in the trusted publisher\'s own card' : ''}`);
}

/** Channels that ship the packages model cards install (Anaconda's own, conda-forge, the frameworks' vendors). */
const KNOWN_CONDA_CHANNELS = new Set([
  'conda-forge', 'defaults', 'anaconda', 'main', 'r', 'msys2', 'pkgs/main', 'pkgs/r', 'pkgs/msys2', 'pytorch', 'pytorch-nightly',
  'nvidia', 'bioconda', 'huggingface', 'intel', 'rapidsai', 'rapidsai-nightly', 'xformers', 'pyg', 'dglteam', 'fastai', 'numba', 'plotly', 'esri'
]);

/**
 * A conda channel: anyone can create an anaconda.org channel and upload packages to it, so a channel that is not
 * a well-known one is an unknown index (high; medium in a vouched publisher's own card). Labels of a known channel
 * (`conda-forge/label/x`) and its anaconda.org URL are that channel.
 */
export function judgeCondaChannel(channel: string, opts: SourceOptions = {}): SourceIssue | undefined {
  const key = trimEndOf(cutFromFirst(channel.trim().toLowerCase().replace(/^https?:\/\/(?:conda\.)?anaconda\.org\//, ''), '/label/'), '/');
  if (KNOWN_CONDA_CHANNELS.has(key)) return undefined;
  const severity: Severity = opts.vouched ? 'medium' : 'high';
  return issue('index-url', severity, `Installs from the conda channel ${channel}, which is not a well-known channel${severity === 'medium' ? ' (in the trusted publisher\'s own card)' : ''}`);
}

/** Judges the arguments after `pip install` (options with their values, then specifiers). */
export function judgePipArgs(args: readonly string[], opts: SourceOptions = {}): SourceIssue[] {
  const out: SourceIssue[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const opt = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (INDEX_OPTIONS.has(opt)) {
      const v = opt !== a ? a.slice(eq + 1) : args[++i];
      if (v !== undefined) {
        const r = judgeIndex(opt, v, opts);
        if (r) out.push(r);
      }
      continue;
    }
    if (/^-i\S/.test(a)) {
      const r = judgeIndex('-i', a.slice(2), opts);
      if (r) out.push(r);
      continue;
    }
    if (opt === '-r' || opt === '--requirement' || opt === '-c' || opt === '--constraint') {
      const v = opt !== a ? a.slice(eq + 1) : args[++i];
      // A requirements file fetched from a URL is a list nobody reviewed: its lines install whatever it says today.
      if (v !== undefined && /^(https?|ftp):\/\//i.test(v) && !isKnownPackageHost(hostOf(v))) {
        const own = ownSource(v, opts);
        out.push(own
          ? issue('own-source', 'medium', `${opt} reads the requirements at ${v}, from the publisher's own GitHub organisation ${own}, not from this repository`)
          : issue('url', 'high', `${opt} reads the requirements at ${v}: a list of packages fetched when it runs, which nobody reviewed`));
      }
      continue;
    }
    if (opt === '-e' || opt === '--editable') {
      const v = opt !== a ? a.slice(eq + 1) : args[++i];
      if (v !== undefined) {
        const r = judgeSpecifier(v, opts);
        if (r) out.push(r);
      }
      continue;
    }
    if (VALUE_OPTIONS.has(opt)) {
      if (opt === a) i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    const r = judgeSpecifier(a, opts);
    if (r) out.push(r);
  }
  return out;
}

/** Tokens of one requirements-file line (options may share the line with their values). */
function lineArgs(line: string): string[] {
  return cutComment(line, '#').trim().split(/\s+/).filter(Boolean);
}

export { isRequirementsFile } from './requirements-name.js';

/** Sections whose arrays (pyproject) or keys (Pipfile, Poetry) name dependencies. */
const DEP_SECTIONS = /^(project|project\.optional-dependencies|build-system|dependency-groups|tool\.uv|tool\.pdm\.dev-dependencies)$/;
const KEY_SECTIONS = /^(packages|dev-packages|tool\.poetry\.(dev-)?dependencies|tool\.poetry\.group\.[\w.-]+\.dependencies)$/;

function isDependencyArray(section: string, key: string): boolean {
  switch (section) {
    case 'project': return key === 'dependencies';
    case 'build-system': return key === 'requires';
    case 'tool.uv': return /^(dev|constraint|override)-dependencies$/.test(key);
    default: return DEP_SECTIONS.test(section);
  }
}

/** The dependency names one line of pyproject.toml, Pipfile or setup.cfg declares. */
function dependencyNames(file: string, section: string, line: string, st: { inArray: boolean; inCfgList: boolean }): string[] {
  if (file === 'setup.cfg') {
    const value = /^\s+(\S.*)$/.exec(line)?.[1] ?? /^(?:install_requires|setup_requires|tests_require|[\w-]+)\s*=\s*(\S.*)$/.exec(line)?.[1];
    if (value === undefined || !(st.inCfgList || /^(install_requires|setup_requires|tests_require)\s*=/.test(line))) return [];
    const n = requirementName(value);
    return n ? [n] : [];
  }
  if (KEY_SECTIONS.test(section)) {
    const key = /^\s*["']?([^\s"'=]+)["']?\s*=/.exec(line)?.[1];
    return key && key !== 'python' ? [key] : [];
  }
  if (!DEP_SECTIONS.test(section)) return [];
  const key = /^\s*([\w-]+)\s*=\s*\[/.exec(line)?.[1];
  if (!(st.inArray || (key !== undefined && isDependencyArray(section, key)))) return [];
  const out: string[] = [];
  for (const m of line.matchAll(/["']([^"']+)["']/g)) {
    const n = requirementName(m[1] as string);
    if (n) out.push(n);
  }
  return out;
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
    let inArray = false;
    let inCfgList = false;
    lines.forEach((raw, i) => {
      const line = cutComment(raw, '#');
      const sec = /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(line);
      if (sec) {
        section = (sec[1] as string).toLowerCase();
        inArray = false;
        inCfgList = false;
        return;
      }
      for (const name of dependencyNames(b, section, line, { inArray, inCfgList })) {
        const r = typosquatIssue(name);
        if (r) push(i + 1, r);
      }
      if (b === 'setup.cfg') {
        if (/^\S/.test(line)) inCfgList = /^(install_requires|setup_requires|tests_require)\s*=/.test(line) || section === 'options.extras_require';
      } else {
        const key = /^\s*([\w-]+)\s*=\s*\[/.exec(line)?.[1];
        if (key !== undefined) inArray = isDependencyArray(section, key) && !/\]\s*$/.test(line);
        else if (inArray && /\]/.test(line)) inArray = false;
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
  let inPip = false;
  let pipIndent = -1;
  let inChannels = false;
  lines.forEach((raw, i) => {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (yaml && /^\S/.test(raw)) inChannels = /^channels\s*:\s*$/.test(raw.trimEnd());
    if (yaml && inChannels) {
      // `channels:` lists where conda fetches every package from.
      const ch = /^-\s+["']?([^"'\s#]+)/.exec(line)?.[1];
      const r = ch !== undefined ? judgeCondaChannel(ch) : undefined;
      if (r) push(i + 1, r);
      return;
    }
    if (yaml) {
      // The items under `- pip:` are pip requirements; a line indented no deeper than `- pip:` ends them.
      const indent = raw.length - raw.trimStart().length;
      if (/^-\s+pip\s*:\s*$/.test(line)) {
        inPip = true;
        pipIndent = indent;
        return;
      }
      if (inPip && indent <= pipIndent) inPip = false;
    }
    if (yaml) {
      // Only list items are specifiers; the pip section's items use the same syntax as requirements files.
      const item = /^-\s+(\S.*)$/.exec(line);
      if (!item) return;
      line = (item[1] as string).replace(/^["']|["']$/g, '');
      if (!/[+:/@]|^-/.test(line) && !inPip) return;
    }
    for (const r of judgePipArgs(lineArgs(line))) push(i + 1, r);
  });
  return hits;
}
