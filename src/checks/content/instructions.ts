// Model cards and other Markdown: the quickstart is how the 2026 incident was delivered. Fenced shell blocks,
// inline code and prose commands are tokenized as shell; Python blocks are analysed as code. Instructions that
// run a script from this repository are graded by what that script does (its own code findings).
import type { Finding, Severity } from '../../core/findings.js';
import { codeFindings } from './code.js';
import { hostOf, isHubHost } from '../../analyze/patterns.js';
import { analyzePython } from '../../analyze/python/analyze.js';
import { analyzeShell, isInterpreter, newShellState, pipInstallArgs, type ShellCommand, type ShellHit, type ShellKind, type ShellState } from '../../analyze/shell/analyze.js';
import type { Dialect } from '../../analyze/shell/tokenize.js';
import type { ContentCheck, RepoContent, RepoFile } from './types.js';
import { basename, dedupeHits, dirname, extension, type Hit, hitsToFindings, joinPath, maxSeverity, splitLines } from '../../analyze/util.js';

const POSIX_LANGS = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'terminal', 'shell-session', 'sh-session', 'shellsession', 'bash-session', '', 'text', 'none', 'plaintext', 'txt', 'cli']);
const PS_LANGS = new Set(['powershell', 'ps1', 'pwsh', 'ps']);
const BATCH_LANGS = new Set(['bat', 'cmd', 'batch', 'dos', 'doscon']);
const PY_LANGS = new Set(['python', 'py', 'python3', 'ipython', 'ipython3', 'jupyter', 'pycon', 'python-repl']);
const COMMAND_WORD = /^(sudo\s+)?(python[\d.]*|py|pip[\d.]*|uv|bash|sh|zsh|source|\.|curl|wget|git|huggingface-cli|hf|cd|export|conda|chmod|iex|iwr|irm|powershell|pwsh|accelerate|torchrun|deepspeed|streamlit|gradio|\.\/\S+|\S+\.(sh|py|ps1|bat|exe))(\s|$)/;
const PROMPT = /^\s*(\([\w.-]+\)\s*)?([\w.-]+@[\w.-]+:[^$#]*)?(\$|PS [^>]*>|PS>|C:\\[^>]*>)\s+/;

const ID: Record<ShellKind, string> = {
  'pipe-to-shell': 'instructions.pipe-to-shell', 'decode-exec': 'instructions.pipe-to-shell', 'subst-exec': 'instructions.pipe-to-shell',
  'download-exec': 'instructions.run-binary', 'chmod-exec': 'instructions.run-binary', credentials: 'instructions.credentials',
  'env-sweep': 'instructions.env-sweep', 'network-send': 'instructions.network-send', 'reverse-shell': 'instructions.reverse-shell',
  obfuscation: 'instructions.obfuscation', 'install-from-url': 'instructions.git-install'
};

interface Line {
  text: string;
  line: number;
}

interface Doc {
  blocks: { lang: string; lines: Line[] }[];
  prose: Line[];
}

/** Fenced code blocks and the prose around them (front matter skipped). */
export function parseMarkdown(text: string): Doc {
  const lines = splitLines(text);
  const doc: Doc = { blocks: [], prose: [] };
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) i = end + 1;
  }
  for (; i < lines.length; i++) {
    const l = lines[i] as string;
    const fence = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`{]*)/.exec(l);
    if (fence) {
      const marker = fence[1] as string;
      const lang = (fence[2] ?? '').toLowerCase().replace(/^\{?\.?/, '');
      const block: Line[] = [];
      for (i++; i < lines.length; i++) {
        const c = lines[i] as string;
        if (new RegExp(`^\\s{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`).test(c)) break;
        block.push({ text: c, line: i + 1 });
      }
      doc.blocks.push({ lang, lines: block });
      continue;
    }
    doc.prose.push({ text: l, line: i + 1 });
  }
  return doc;
}

function dialectOf(lang: string): Dialect | undefined {
  if (POSIX_LANGS.has(lang)) return 'posix';
  if (PS_LANGS.has(lang)) return 'powershell';
  if (BATCH_LANGS.has(lang)) return 'batch';
  return undefined;
}

/** Command lines of a shell block, prompts stripped, aligned with the block's lines ('' for others). */
function commandLines(lang: string, lines: Line[]): string[] {
  const prompted = lines.some((l) => PROMPT.test(l.text));
  const untyped = ['', 'text', 'none', 'plaintext', 'txt'].includes(lang);
  return lines.map((l) => {
    if (prompted && (lang === 'console' || untyped || lang.includes('session'))) return PROMPT.test(l.text) ? l.text.replace(PROMPT, '') : '';
    const t = l.text.replace(PROMPT, '');
    if (untyped && !COMMAND_WORD.test(t.trim())) return '';
    return t;
  });
}

interface Ctx {
  repo: RepoContent;
  readme: string;
  present: Map<string, RepoFile>;
  dirs: Set<string>;
  hits: Hit[];
  state: ShellState;
  /** git URL most recently cloned by the instructions (not this repository). */
  cloned?: string;
}

export const instructionsCheck: ContentCheck = {
  id: 'instructions',
  run(repo) {
    const out: Finding[] = [];
    const present = new Map(repo.files.map((f) => [f.path, f]));
    const dirs = new Set<string>();
    for (const f of repo.files) for (let d = dirname(f.path); d !== ''; d = dirname(d)) dirs.add(d);
    for (const f of repo.files) {
      const ext = extension(f.path);
      if (!['md', 'markdown', 'mdx'].includes(ext) && !/^readme/i.test(basename(f.path))) continue;
      const text = repo.text(f.path);
      if (text === undefined) {
        if (f.complete !== false) {
          out.push({ check: 'instructions.not-examined', severity: 'high', file: f.path, message: `${f.path} (${f.size} bytes) was too large to keep for analysis; its instructions were not examined`, help: 'Read the model card by hand.' });
        }
        continue;
      }
      const ctx: Ctx = { repo, readme: f.path, present, dirs, hits: [], state: newShellState() };
      analyzeDoc(ctx, parseMarkdown(text));
      out.push(...hitsToFindings(dedupeHits(ctx.hits), f.path, splitLines(text)));
    }
    return out;
  }
};

function analyzeDoc(ctx: Ctx, doc: Doc): void {
  for (const block of doc.blocks) {
    const first = block.lines[0]?.line ?? 1;
    const dialect = dialectOf(block.lang);
    if (dialect) {
      const r = analyzeShell(commandLines(block.lang, block.lines).join('\n'), { dialect, state: ctx.state, firstLine: first });
      takeShell(ctx, r.hits, r.commands, false);
    } else if (PY_LANGS.has(block.lang)) {
      const py: string[] = [];
      const sh: string[] = [];
      for (const l of block.lines) {
        const t = l.text.replace(/^(>>>|\.\.\.) ?/, '');
        const indent = /^\s*/.exec(t)?.[0] ?? '';
        if (/^\s*!/.test(t) || /^\s*%(pip|conda)\s/.test(t)) {
          py.push(`${indent}pass`);
          sh.push(t.trim().replace(/^[!%]/, ''));
        } else {
          py.push(t);
          sh.push('');
        }
      }
      const r = analyzeShell(sh.join('\n'), { state: ctx.state, firstLine: first });
      takeShell(ctx, r.hits, r.commands, false);
      for (const h of analyzePython(py.join('\n'), { context: 'snippet', tolerateParseErrors: true, shellState: ctx.state }).hits) {
        ctx.hits.push({ ...h, line: h.line + first - 1, ...(h.related ? { related: h.related.map((x) => x + first - 1) } : {}) });
      }
    }
  }
  // Prose: inline code spans and sentences that contain a command.
  for (const l of doc.prose) {
    const candidates: string[] = [];
    for (const m of l.text.matchAll(/`([^`]+)`/g)) candidates.push((m[1] as string).replace(PROMPT, ''));
    const bare = l.text.replace(/`[^`]*`/g, ' ');
    const cmd = /(?:^|[\s:>(])((?:sudo\s+)?(?:python[\d.]*|bash|sh|source|curl|wget|pip[\d.]*|iex|iwr|powershell|pwsh|\.\/[\w./-]+)\s+\S.*)$/.exec(bare);
    if (cmd) candidates.push((cmd[1] as string).replace(/[.;,]\s*$/, ''));
    for (const c of candidates) {
      if (!COMMAND_WORD.test(c.trim())) continue;
      const r = analyzeShell(c, { state: ctx.state, firstLine: l.line });
      takeShell(ctx, r.hits.filter((h) => ['pipe-to-shell', 'decode-exec', 'subst-exec', 'download-exec', 'install-from-url'].includes(h.kind)), r.commands, true);
    }
  }
}

function takeShell(ctx: Ctx, hits: ShellHit[], commands: ShellCommand[], prose: boolean): void {
  for (const h of hits) {
    // Sending data in a model card (a curl to an inference API) needs a look, not a rejection, unless secrets go too.
    const severity: Severity = h.kind === 'network-send' && h.severity === 'high' ? 'medium' : h.severity;
    ctx.hits.push({ check: ID[h.kind], severity, line: h.line, message: `The instructions tell users to run a command that ${lowerFirst(h.message)}`, help: h.help, ...(h.related ? { related: h.related } : {}) });
  }
  let cwd = dirname(ctx.readme);
  for (const c of commands) {
    if (c.name === 'cd') {
      const target = c.args[0];
      const next = target !== undefined ? joinPath(cwd, target) : undefined;
      if (next !== undefined && (next === '' || ctx.dirs.has(next))) cwd = next;
      continue;
    }
    if (c.name === 'git' && c.args[0] === 'clone') {
      const url = c.args.slice(1).find((a) => !a.startsWith('-'));
      if (url && !isHubHost(hostOf(url))) ctx.cloned = url;
      continue;
    }
    repoScript(ctx, c, cwd, prose);
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** What a command runs from this repository, if anything: [path as written, how]. */
function scriptOf(c: ShellCommand): [string, string] | undefined {
  const { name, args } = c;
  if (/^(uv|poetry|pipenv)$/.test(name) && args[0] === 'run' && args[1]) {
    const inner = args[1];
    return scriptOf({ ...c, name: basename(inner).toLowerCase(), program: inner, args: args.slice(2) });
  }
  const pip = pipInstallArgs(name, args);
  if (pip) {
    const local = pip.find((a, i) => !a.startsWith('-') && (a === '.' || a.startsWith('./') || a.startsWith('../') || pip[i - 1] === '-e') && !/^[a-z+]+:\/\//i.test(a));
    return local !== undefined ? [local, 'pip-install'] : undefined;
  }
  if (/^python[\d.]*$|^py$|^pypy3?$/.test(name)) {
    const m = args.indexOf('-m');
    if (m >= 0) return args[m + 1] && args[m + 1] !== 'pip' ? [args[m + 1] as string, 'module'] : undefined;
    if (args.includes('-c')) return undefined;
    const s = args.find((a) => !a.startsWith('-'));
    return s ? [s, 'script'] : undefined;
  }
  if (/^(accelerate|torchrun|deepspeed|streamlit|gradio|chainlit)$/.test(name)) {
    const s = args.find((a) => /\.py$/.test(a));
    return s ? [s, 'script'] : undefined;
  }
  if (isInterpreter(name) || name === 'source' || name === '.') {
    if (name === 'powershell' || name === 'pwsh') {
      const f = args.findIndex((a) => /^-file$/i.test(a));
      return f >= 0 && args[f + 1] ? [args[f + 1] as string, 'script'] : undefined;
    }
    if (name === 'cmd') {
      const k = args.findIndex((a) => /^\/[ck]$/i.test(a));
      return k >= 0 && args[k + 1] ? [args[k + 1] as string, 'script'] : undefined;
    }
    const s = args.find((a) => !a.startsWith('-'));
    return s ? [s, 'script'] : undefined;
  }
  if (/^(https?|ftp):\/\//i.test(c.program)) return [c.program, 'url'];
  if (c.program.includes('/') || c.program.includes('\\') || /\.(sh|py|bat|cmd|ps1|exe|bin|run|appimage)$/i.test(c.program)) return [c.program, 'program'];
  return undefined;
}

function resolve(ctx: Ctx, written: string, cwd: string, kind: string): RepoFile | undefined {
  const p = written.replace(/\\/g, '/');
  const bases = [cwd, dirname(ctx.readme), ''];
  const cands: string[] = [];
  for (const b of bases) {
    if (kind === 'module') {
      const m = p.replace(/\./g, '/');
      cands.push(`${b ? `${b}/` : ''}${m}.py`, `${b ? `${b}/` : ''}${m}/__main__.py`);
    } else if (kind === 'pip-install') {
      const d = joinPath(b, p);
      if (d !== undefined) cands.push(`${d ? `${d}/` : ''}setup.py`, `${d ? `${d}/` : ''}pyproject.toml`);
    } else {
      const j = joinPath(b, p);
      if (j !== undefined) cands.push(j);
    }
  }
  for (const c of cands) {
    const f = ctx.present.get(c);
    if (f) return f;
  }
  return undefined;
}

/**
 * An instruction to run a script from this repository is graded by the script: critical/high when its own code
 * findings are, high when it could not be analysed (too large, binary), and medium otherwise — every user will
 * run it, so a reviewer reads it, but a benign `python train.py` is not a rejection.
 */
function repoScript(ctx: Ctx, c: ShellCommand, cwd: string, prose: boolean): void {
  const s = scriptOf(c);
  if (!s) return;
  const [written, kind] = s;
  const shown = c.words.join(' ').slice(0, 120);
  if (kind === 'url') {
    ctx.hits.push({ check: 'instructions.run-binary', severity: 'high', line: c.line, message: `The instructions run a program straight from a URL: \`${shown}\``, help: 'Running a downloaded program executes code nobody reviewed. Do not approve.' });
    return;
  }
  const f = resolve(ctx, written, cwd, kind);
  if (!f) {
    if (kind === 'pip-install' && ctx.cloned) {
      ctx.hits.push({ check: 'instructions.git-install', severity: 'medium', line: c.line, message: `The instructions install code from the cloned repository ${ctx.cloned} (\`${shown}\`)`, help: 'That repository is not part of this review; pin it to a commit and review it, or install released packages.' });
    }
    return;
  }
  if (f.formats.some((x) => ['elf', 'pe', 'macho', 'wasm', 'dex', 'unknown-binary'].includes(x))) {
    ctx.hits.push({ check: 'instructions.run-binary', severity: 'high', line: c.line, message: `The instructions run ${f.path}, a binary shipped in this repository (\`${shown}\`)`, help: 'A model needs no native program of its own; binaries cannot be reviewed as source. Do not approve.' });
    return;
  }
  const findings = codeFindings(ctx.repo, f);
  const notExamined = findings === undefined || findings.some((x) => x.check === 'code.not-examined');
  const serious = (findings ?? []).filter((x) => x.severity === 'critical' || x.severity === 'high');
  const worst = maxSeverity(serious);
  const severity: Severity = notExamined ? 'high' : worst ?? 'medium';
  const what = notExamined ? `; ${f.path} could not be analysed as code` :
    serious.length > 0 ? `; that script has ${serious.length} blocking finding(s): ${serious.slice(0, 3).map((x) => `${x.check}${x.line ? ` (line ${x.line})` : ''}`).join(', ')}` :
    '; its code has no blocking findings';
  ctx.hits.push({
    check: 'instructions.run-repo-script', severity, line: c.line,
    message: `The ${prose ? 'text' : 'instructions'} tell users to run ${f.path} from this repository (\`${shown}\`)${what}`,
    help: severity === 'medium'
      ? 'Every user will run this script; read it and confirm it only does what the model card says.'
      : 'Users are told to run code that does something a model never needs. Do not approve.'
  });
}
