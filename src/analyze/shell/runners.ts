// Package runners and global installs: `npx`, `npm exec`, `pnpm dlx`, `yarn dlx`, `bunx`, `deno run`, `uvx`,
// `uv tool run|install`, `pipx run|install`, `npm install -g`. A runner downloads a package and executes it at
// once, so it is judged by what it fetches: a well-known package is normal, a lookalike of one is an attack, a
// URL or git source is an install from that source, and anything else is code nobody reviewed.
import type { Severity } from '../../core/findings.js';
import { isWellKnown, typosquatOf, type Ecosystem } from '../packages/typosquat.js';
import { hostOf } from '../patterns.js';
import { githubOrgOf, judgeSpecifier, type SourceOptions } from '../requirements.js';

export interface RunnerIssue {
  kind: 'package-runner' | 'typosquat' | 'install-from-url';
  severity: Severity;
  message: string;
  help: string;
}

export const RUNNER_HELP = {
  unknown: 'A package runner downloads the package and runs it immediately with your privileges. Find out who publishes it and why a model needs it; a model card rarely needs a tool that is not well known.',
  squat: 'The name imitates a well-known package: running it executes whatever its registrant uploaded. Do not approve.',
  source: 'Running a package straight from a URL or git repository executes code nobody reviewed. Do not approve unless it is the publisher\'s own, pinned source.'
} as const;

interface Invocation {
  eco: Ecosystem;
  tool: string;
  /** Packages fetched and run (or installed, for `install`). */
  packages: string[];
  mode: 'run' | 'install';
}

// Options whose next argument is a value, per tool.
const NPX_VALUE = new Set(['-p', '--package', '-c', '--call', '--cache', '--registry', '--userconfig', '-w', '--workspace']);
const UVX_VALUE = new Set(['--from', '--with', '--with-editable', '--with-requirements', '-p', '--python', '--index', '--index-url', '--extra-index-url', '--default-index', '-f', '--find-links', '--constraint', '--override', '-c', '--directory', '--cache-dir', '--env-file']);
const PIPX_VALUE = new Set(['--spec', '--python', '--index-url', '-i', '--pip-args', '--suffix']);
const DENO_VALUE = new Set(['--allow-read', '--config', '-c', '--import-map', '--lock', '--cert', '--location', '--seed', '--v8-flags', '--env-file']);

/** The packages a runner or global install command fetches, or undefined when the command is neither. */
function invocationOf(name: string, args: readonly string[]): Invocation | undefined {
  const positional = (from: number, valued: ReadonlySet<string>, extra: string[] = [], collect: RegExp = /^$/): string[] => {
    const out: string[] = [];
    for (let i = from; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '--') { if (args[i + 1] !== undefined) out.push(args[i + 1] as string); break; }
      const opt = a.includes('=') && a.startsWith('--') ? a.slice(0, a.indexOf('=')) : a;
      if (valued.has(opt)) {
        const v = opt === a ? args[++i] : a.slice(a.indexOf('=') + 1);
        if (v !== undefined && collect.test(opt)) extra.push(v);
        continue;
      }
      if (a.startsWith('-')) continue;
      out.push(a);
      break; // the first positional is the package; the rest are its arguments
    }
    return out;
  };
  const extra: string[] = [];
  const npmRun = (from: number): Invocation => {
    const pos = positional(from, NPX_VALUE, extra, /^(-p|--package)$/);
    // With --package, the positional is the command to run from it.
    return { eco: 'npm', tool: name, packages: extra.length > 0 ? [...extra] : pos, mode: 'run' };
  };
  switch (name) {
    case 'npx': return npmRun(0);
    case 'bunx': return npmRun(0);
    case 'npm':
      if (args[0] === 'exec' || args[0] === 'x') return npmRun(1);
      // An install runs the packages' install scripts: lookalike names are judged, unknown ones are not.
      if (/^(i|install|add)$/.test(args[0] ?? '')) return { eco: 'npm', tool: `npm ${args[0]}`, packages: args.slice(1).filter((a) => !a.startsWith('-')), mode: 'install' };
      return undefined;
    case 'pnpm': case 'yarn': case 'bun':
      if (args[0] === 'dlx' || (name === 'bun' && args[0] === 'x')) return npmRun(1);
      if (args[0] === 'add' || (args[0] === 'global' && args[1] === 'add')) return { eco: 'npm', tool: `${name} add`, packages: args.slice(args[0] === 'add' ? 1 : 2).filter((a) => !a.startsWith('-')), mode: 'install' };
      return undefined;
    case 'deno': {
      if (args[0] !== 'run' && args[0] !== 'x') return undefined;
      const pos = positional(1, DENO_VALUE);
      return { eco: 'npm', tool: `deno ${args[0]}`, packages: pos, mode: 'run' };
    }
    case 'uvx': case 'uv': {
      const from = name === 'uvx' ? 0 : args[0] === 'tool' && (args[1] === 'run' || args[1] === 'install') ? 2 : -1;
      if (from < 0) return undefined;
      // `--from SPEC` names the package the command comes from; `--with` adds packages beside it.
      const fromSpec: string[] = [];
      const withs: string[] = [];
      const pos = positional(from, UVX_VALUE, fromSpec, /^--from$/);
      positional(from, UVX_VALUE, withs, /^--with$/);
      const tool = name === 'uvx' ? 'uvx' : `uv tool ${args[1]}`;
      return { eco: 'pypi', tool, packages: [...(fromSpec.length > 0 ? fromSpec : pos), ...withs], mode: tool === 'uv tool install' ? 'install' : 'run' };
    }
    case 'pipx':
      if (args[0] === 'run' || args[0] === 'install') {
        const pos = positional(1, PIPX_VALUE, extra, /^--spec$/);
        return { eco: 'pypi', tool: `pipx ${args[0]}`, packages: extra.length > 0 ? extra : pos, mode: args[0] === 'run' ? 'run' : 'install' };
      }
      return undefined;
    default: return undefined;
  }
}

/** `@scope/name@1.2` → `@scope/name`; `name==1.0` / `name@1.0` / `name[extra]` → `name`. */
function packageName(spec: string, eco: Ecosystem): string {
  if (eco === 'npm') {
    const s = spec.replace(/^npm:/, '');
    const at = s.indexOf('@', 1);
    return at > 0 ? s.slice(0, at) : s;
  }
  const m = /^[^\s[\]<>=!~;@]+/.exec(spec.trim());
  return m ? m[0] : spec;
}

function isSourceSpec(spec: string): boolean {
  return /^(git\+|git:|github:|gitlab:|bitbucket:|https?:|file:|ftp:)/i.test(spec) || /^git@/.test(spec) || /\.(tgz|tar\.gz|whl|zip)$/i.test(spec) ||
    /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec) && !spec.startsWith('@'); // npm's `user/repo` GitHub shorthand
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[-_.@/]/g, '');
}

/** Whether a package carries the publisher's own name (`@jina-ai/cli` for a publisher whose org is jina-ai). */
function ownPackage(name: string, opts: SourceOptions): boolean {
  const f = fold(name);
  return (opts.ownNames ?? []).some((o) => fold(o).length >= 3 && f.startsWith(fold(o)));
}

/** Homebrew's own taps (homebrew/core, homebrew/cask …): reviewed by Homebrew's maintainers. */
const HOMEBREW_OWN = /^homebrew$/i;

/**
 * Installers that build or fetch code from a source given on the command line, not from a reviewed registry:
 * `brew tap USER/REPO [URL]` (and `brew install USER/REPO/FORMULA`, which taps it), `cargo install --git URL`,
 * `go install MODULE@VERSION`. Each is judged by whose source it is, as a pip git install is: the publisher's
 * own GitHub organisation is reviewable, anything else is code nobody reviewed.
 */
function sourceInstallOf(name: string, args: readonly string[]): { tool: string; sources: { url: string; org?: string }[] } | undefined {
  const plain = args.filter((a) => !a.startsWith('-'));
  if (name === 'brew' && args[0] === 'tap') {
    const tap = plain[1];
    if (tap === undefined || !/^[\w.-]+\/[\w.-]+$/.test(tap)) return undefined;
    const [user] = tap.split('/') as [string];
    if (HOMEBREW_OWN.test(user)) return undefined;
    const url = plain[2] ?? `https://github.com/${user}/homebrew-${tap.slice(user.length + 1)}`;
    return { tool: 'brew tap', sources: [{ url }] };
  }
  if (name === 'brew' && (args[0] === 'install' || args[0] === 'reinstall')) {
    // `brew install user/repo/formula` taps user/repo first.
    const tapped = plain.slice(1).filter((a) => /^[\w.-]+\/[\w.-]+\/[\w.@+-]+$/.test(a) && !HOMEBREW_OWN.test(a.split('/')[0] as string));
    if (tapped.length === 0) return undefined;
    return { tool: 'brew install', sources: tapped.map((t) => { const [u, r] = t.split('/') as [string, string]; return { url: `https://github.com/${u}/homebrew-${r}` }; }) };
  }
  if (name === 'cargo' && args[0] === 'install') {
    const sources: { url: string }[] = [];
    for (let i = 1; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '--git') { const v = args[++i]; if (v !== undefined) sources.push({ url: v }); continue; }
      if (a.startsWith('--git=')) sources.push({ url: a.slice(6) });
    }
    return sources.length > 0 ? { tool: 'cargo install --git', sources } : undefined;
  }
  if (name === 'go' && (args[0] === 'install' || args[0] === 'run' || args[0] === 'get')) {
    // Module paths with a version (`github.com/x/y/cmd/z@latest`); local packages (`./cmd/x`) are the repository's own.
    const mods = plain.slice(1).filter(isVersionedModule);
    const known = /^(golang\.org\/x|google\.golang\.org|go\.uber\.org|k8s\.io|sigs\.k8s\.io|honnef\.co\/go\/tools|gotest\.tools|mvdan\.cc)\//i;
    const sources = mods.filter((m) => !known.test(m)).map((m) => ({ url: `https://${m.slice(0, m.lastIndexOf('@'))}` }));
    return sources.length > 0 ? { tool: `go ${args[0]}`, sources } : undefined;
  }
  return undefined;
}

/** Findings for a runner or global-install command (empty when the command is neither, or fetches only well-known packages). */
export function judgeRunner(name: string, args: readonly string[], opts: SourceOptions = {}): RunnerIssue[] {
  const src = sourceInstallOf(name, args);
  if (src) {
    return src.sources.map(({ url }) => {
      const org = githubOrgOf(url);
      if (org !== undefined && (opts.ownGitOrgs ?? []).includes(org)) {
        return { kind: 'install-from-url' as const, severity: 'medium' as const, message: `${src.tool} builds and installs code from github.com/${org}, the publisher's own GitHub organisation: ${url}`, help: RUNNER_HELP.source };
      }
      return { kind: 'install-from-url' as const, severity: 'high' as const, message: `${src.tool} installs and runs code from ${hostOf(url) ?? url}, which nobody reviewed: ${url}`, help: RUNNER_HELP.source };
    });
  }
  const inv = invocationOf(name, args);
  if (!inv) return [];
  const out: RunnerIssue[] = [];
  for (const spec of inv.packages) {
    if (isSourceSpec(spec)) {
      if (inv.eco === 'pypi') {
        const r = judgeSpecifier(spec, opts);
        if (r && r.kind !== 'local-path') out.push({ kind: r.kind === 'typosquat' ? 'typosquat' : 'install-from-url', severity: r.severity, message: `${inv.tool} ${r.message.charAt(0).toLowerCase()}${r.message.slice(1)}`, help: r.help });
        continue;
      }
      const url = spec.replace(/^github:/i, 'https://github.com/').replace(/^(?=[\w.-]+\/[\w.-]+(#.*)?$)/, 'https://github.com/');
      const org = githubOrgOf(url.replace(/^git\+/, ''));
      if (org !== undefined && (opts.ownGitOrgs ?? []).includes(org)) {
        out.push({ kind: 'install-from-url', severity: 'low', message: `${inv.tool} runs ${spec} from github.com/${org}, the publisher's own GitHub organisation`, help: RUNNER_HELP.source });
      } else if (!/^file:/.test(spec)) {
        out.push({ kind: 'install-from-url', severity: 'high', message: `${inv.tool} ${inv.mode === 'run' ? 'runs' : 'installs'} a package straight from ${hostOf(url) ?? spec}: ${spec}`, help: RUNNER_HELP.source });
      }
      continue;
    }
    if (spec.startsWith('.') || spec.startsWith('/')) continue; // a local path: the repository's own code
    const pkg = packageName(spec, inv.eco);
    if (pkg === '') continue;
    const squat = typosquatOf(inv.eco, pkg);
    if (squat) {
      out.push({ kind: 'typosquat', severity: 'critical', message: `${inv.tool} ${inv.mode === 'run' ? 'runs' : 'installs'} ${pkg}, which imitates the well-known ${inv.eco === 'npm' ? 'npm' : 'PyPI'} package ${squat.imitates} (${squat.detail})`, help: RUNNER_HELP.squat });
      continue;
    }
    if (inv.mode === 'install' || isWellKnown(inv.eco, pkg)) continue;
    if (ownPackage(pkg, opts)) {
      out.push({ kind: 'package-runner', severity: 'low', message: `${inv.tool} runs ${pkg}, a package named for the publisher itself`, help: RUNNER_HELP.unknown });
      continue;
    }
    out.push({ kind: 'package-runner', severity: 'high', message: `${inv.tool} downloads and runs ${pkg}, which is not a well-known ${inv.eco === 'npm' ? 'npm' : 'PyPI'} package`, help: RUNNER_HELP.unknown });
  }
  return out;
}

/**
 * `/^[a-z0-9.-]+\.[a-z]{2,}\/\S+@\S+$/i.test(a)` in one pass: a host with a dotted top-level name, a path, and an
 * `@version` (`github.com/x/y/cmd/z@latest`). The host ends at the first `/`; its top-level name follows its last dot.
 */
function isVersionedModule(a: string): boolean {
  if (/\s/.test(a)) return false;
  const slash = a.indexOf('/');
  if (slash < 0) return false;
  const host = a.slice(0, slash);
  const dot = host.lastIndexOf('.');
  if (dot <= 0 || !/^[a-z0-9.-]+$/i.test(host.slice(0, dot)) || !/^[a-z]{2,}$/i.test(host.slice(dot + 1))) return false;
  return a.slice(slash + 2, -1).includes('@') && a.length - slash >= 4;
}
