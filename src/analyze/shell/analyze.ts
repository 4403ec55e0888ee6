// What shell commands would do, from their tokens: pipe a download into an interpreter, run a downloaded or
// decoded file (with or without chmod +x), read credential files, sweep the environment, send data out, open
// reverse shells, hide commands in base64, install from git URLs or lookalike package names, run packages and
// containers (judged by what they fetch and mount). State (variables, fetched and written files) carries across
// lines, so `wget -O x …` on one line and `./x` on another are one flow. Code for other languages (`python -c`,
// a here-document fed to python) is handed back as `embedded` for the caller's Python analyzer.
import type { Severity } from '../../core/findings.js';
import { credentialLocation, hostOf, isHubHost, isLocalHost, SECRET_WORD, SENSITIVE_VARIABLES } from '../patterns.js';
import { judgeCondaChannel, judgePipArgs, type SourceOptions } from '../requirements.js';
import { containerRunOf, judgeContainer } from './containers.js';
import { judgeRunner } from './runners.js';
import { type Command, type Dialect, type Pipeline, type ShellLine, tokenizeShell, type Word } from './tokenize.js';
import { trimEndOf, cutFromFirstOf } from '../../core/text.js';

export type ShellKind =
  | 'pipe-to-shell' | 'decode-exec' | 'subst-exec' | 'download-exec' | 'chmod-exec' | 'credentials' | 'env-sweep' | 'network-send'
  | 'reverse-shell' | 'obfuscation' | 'install-from-url';

/**
 * Finer kinds for what is fetched and run: a lookalike package name, a package runner (`npx`, `uvx`), a
 * container. Their `kind` stays one of the above (install-from-url, or credentials when secrets are handed
 * over), so consumers that map kinds keep working; consumers that know `sub` name them precisely.
 */
export type ShellSubKind = 'typosquat' | 'package-runner' | 'container';

export interface ShellHit {
  kind: ShellKind;
  severity: Severity;
  line: number;
  message: string;
  help: string;
  related?: number[];
  /** When the file run was downloaded from a Hub repository: which, and which file (callers may know it is this one). */
  hub?: { repo: string; file: string };
  sub?: ShellSubKind;
  /** For network-send: the host the data goes to. */
  host?: string;
}

/** Code in another language the shell would run (`python -c`, a here-document or echo piped into python). */
export interface EmbeddedCode {
  lang: 'python';
  code: string;
  /** Source line of the code's first line. */
  line: number;
}

/** A command as the analyzer understood it (for README instructions: which scripts are run, where). */
export interface ShellCommand {
  line: number;
  /** Lower-case program name after wrappers (`sudo`, `env`, `nohup` …) are removed. */
  name: string;
  /** The program word as written (a path for `./run.sh`). */
  program: string;
  args: string[];
  /** Variable-expanded words as written, wrappers included. */
  words: string[];
}

export interface Fetched {
  line: number;
  how: string;
  hub?: { repo: string; file: string };
}

export interface ShellState {
  vars: Map<string, string>;
  /** Files written by a download or a decoder: key → where. */
  fetched: Map<string, Fetched>;
  executable: Map<string, number>;
  /** Files whose content the commands wrote (`cat > x.py <<EOF`): key → content. */
  written: Map<string, { code: string; line: number }>;
  /** Folders a whole repository was downloaded into (`hf download org/x --local-dir d`): key → where. */
  fetchedDirs?: Map<string, Fetched>;
}

export function newShellState(): ShellState {
  return { vars: new Map(), fetched: new Map(), executable: new Map(), written: new Map(), fetchedDirs: new Map() };
}

/** What fetched a file: itself, or the folder a repository was downloaded into (the file then named within it). */
function fetchedOf(state: ShellState, key: string): Fetched | undefined {
  const direct = state.fetched.get(key);
  if (direct) return direct;
  for (const [dir, f] of state.fetchedDirs ?? []) {
    if (key.startsWith(`${dir}/`)) return f.hub ? { ...f, hub: { repo: f.hub.repo, file: key.slice(dir.length + 1) } } : f;
  }
  return undefined;
}

export interface ShellOptions {
  dialect?: Dialect;
  state?: ShellState;
  firstLine?: number;
  /** What is known about the publisher (its own GitHub organisations and names). */
  sources?: SourceOptions;
  /** Nesting depth of `bash -c`/here-documents (internal). */
  depth?: number;
}

const MAX_DEPTH = 4;
const HELP = {
  pipe: 'Piping a download into an interpreter runs whatever the server sends at that moment. Do not approve; a model needs no such step.',
  run: 'Running a file fetched from the internet executes code nobody reviewed. Do not approve.',
  creds: 'Model code has no reason to touch credentials. Treat this as a credential stealer; do not approve.',
  env: 'Collecting environment variables that hold tokens and keys is credential theft. Do not approve.',
  send: 'Find out what is sent where and why; model tooling does not upload local data.',
  reverse: 'This opens a remote shell on the machine. Do not approve.',
  obf: 'Encoded commands hide what runs. Decode and read them; legitimate setup steps are written in the clear.',
  install: 'Installing from git URLs or unknown indexes runs unreviewed code at install time. Use released packages.'
} as const;

const INTERPRETER = /^((ba|da|z|k|c|tc|fi|a|mk)?sh|python(\d(\.\d+)?)?|py|pypy3?|perl|ruby|node|php|lua|pwsh|powershell|iex|invoke-expression|cmd)$/;
const SHELLS = /^((ba|da|z|k|a|mk)?sh)$/;
const WRAPPERS = new Set(['sudo', 'env', 'nohup', 'time', 'exec', 'command', 'builtin', 'nice', 'timeout', 'stdbuf', 'doas', 'caffeinate', 'start-process']);
/** Shell keywords that precede a command (`if curl …`, fish's `and ./x`). */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'and', 'or', 'not', 'begin']);
/** Project runners whose `run` executes the rest as a command (`uv run python x.py`, `conda run -n env python`). */
const PROJECT_RUNNERS = /^(uv|poetry|pipenv|pixi|hatch|pdm|rye|conda|mamba|micromamba)$/;
const RUNNER_VALUE_OPTIONS = new Set(['--with', '--python', '-p', '--extra', '--group', '--package', '--env-file', '--directory', '--project', '--index', '--index-url', '-n', '--name', '--prefix', '-e', '--environment']);
/** xargs options whose value is the next word (`-I {}`, `-n 1`); attached forms (`-I{}`) are one word. */
const XARGS_VALUE = new Set(['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-E', '-e', '-s', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--replace', '--max-lines', '--max-chars', '--eof']);
/** DNS lookups: the name asked for reaches the resolver of whoever owns the domain, so a computed name is a send. */
const DNS_LOOKUP = /^(nslookup|dig|host|drill|resolvectl|getent)$/;
const NETWORK = /^(nslookup|dig|host|drill|curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|nc|ncat|netcat|socat|telnet|scp|rsync|sftp|ftp|http|https|xh)$/;
const ENV_DUMP = /^(env|printenv|export|declare|set|get-childitem|gci|dir|ls)$/;

export function isInterpreter(name: string): boolean {
  return INTERPRETER.test(name);
}

function programName(word: string, dialect: Dialect): string {
  let w = word.replace(/\\/g, '/');
  if (dialect !== 'posix') w = w.toLowerCase();
  const base = w.slice(w.lastIndexOf('/') + 1).toLowerCase();
  const ident = dialect === 'powershell' ? (/^[\w.-]+/.exec(base)?.[0] ?? base) : base;
  return ident.replace(/\.exe$/, '');
}

function expand(text: string, vars: ReadonlyMap<string, string>): string {
  return text
    .replace(/\$\{(\w+)\}|\$env:(\w+)|\$(\w+)|%(\w+)%/gi, (m, a?: string, b?: string, c?: string, d?: string) => {
      const name = (a ?? b ?? c ?? d) as string;
      if (/^(HOME|USERPROFILE)$/i.test(name)) return '~';
      return vars.get(name) ?? m;
    });
}

/** Identity of a file path across spellings (`./x`, `x`, `"$DIR/x"` once DIR is known). */
function pathKey(p: string): string {
  return p.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
}

function urlBasename(url: string): string {
  const path = cutFromFirstOf(url, '?#').replace(/^[a-z]+:\/\/[^/]*/i, '');
  const b = path.slice(path.lastIndexOf('/') + 1);
  return b || 'index.html';
}

interface Download {
  tool: string;
  urls: string[];
  outputs: string[];
  toStdout: boolean;
}

const URL_RE = /^(https?|ftp):\/\//i;

function downloadOf(name: string, args: readonly string[], rawText: string, dialect: Dialect): Download | undefined {
  const urls = args.filter((a) => URL_RE.test(a));
  const outputs: string[] = [];
  if (name === 'curl' && dialect !== 'powershell') {
    let remote = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '-o' || a === '--output') { const v = args[++i]; if (v) outputs.push(v); continue; }
      if (a.startsWith('--output=')) { outputs.push(a.slice(9)); continue; }
      if (a === '-O' || a === '--remote-name' || a === '--remote-name-all') { remote = true; continue; }
      if (/^-[a-zA-Z]+$/.test(a)) {
        const oi = a.indexOf('o');
        if (oi > 0) outputs.push(oi === a.length - 1 ? (args[++i] ?? '') : a.slice(oi + 1));
        if (a.includes('O')) remote = true;
      }
    }
    if (remote) for (const u of urls) outputs.push(urlBasename(u));
    const out = outputs.filter((o) => o !== '' && o !== '-');
    return { tool: 'curl', urls, outputs: out, toStdout: out.length === 0 };
  }
  if (name === 'wget' && dialect !== 'powershell') {
    let stdout = false;
    let dir = '';
    let explicit = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a.startsWith('--output-document=')) { explicit = true; outputs.push(a.slice(18)); continue; }
      if (a === '--output-document') { explicit = true; outputs.push(args[++i] ?? ''); continue; }
      if (a === '-P' || a === '--directory-prefix') { dir = args[++i] ?? ''; continue; }
      const m = /^-[a-zA-NP-Z]*O(.*)$/.exec(a); // options bundled before the first O, whose argument is the rest
      if (m && !a.startsWith('--')) { explicit = true; outputs.push(m[1] !== '' ? (m[1] as string) : (args[++i] ?? '')); }
    }
    if (outputs.includes('-')) stdout = true;
    if (!explicit) for (const u of urls) outputs.push(dir ? `${dir}/${urlBasename(u)}` : urlBasename(u));
    return { tool: 'wget', urls, outputs: outputs.filter((o) => o !== '' && o !== '-'), toStdout: stdout };
  }
  if (/^(iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget|start-bitstransfer)$/.test(name)) {
    for (let i = 0; i < args.length; i++) {
      const a = (args[i] as string).toLowerCase();
      if (/^-(o|ou|out|outf|outfi|outfil|outfile|destination)$/.test(a)) { const v = args[++i]; if (v) outputs.push(v); }
      if (/^-(uri|source)$/.test(a) && args[i + 1]) urls.push(args[i + 1] as string);
    }
    return { tool: name, urls, outputs, toStdout: outputs.length === 0 };
  }
  if (name === 'certutil' && args.some((a) => /^[-/]urlcache$/i.test(a))) {
    const rest = args.filter((a) => !a.startsWith('-') && !a.startsWith('/') && !URL_RE.test(a));
    return { tool: 'certutil', urls, outputs: rest.slice(-1), toStdout: false };
  }
  if (name === 'bitsadmin' && args.some((a) => /^\/transfer$/i.test(a))) {
    return { tool: 'bitsadmin', urls, outputs: args.slice(-1), toStdout: false };
  }
  // `gh release download [TAG] -R owner/repo -p PATTERN [-O FILE | -D DIR]`: a release asset, never reviewed here.
  if (name === 'gh' && args[0] === 'release' && args[1] === 'download') {
    let repo = '';
    let dir = '';
    const patterns: string[] = [];
    for (let i = 2; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '-R' || a === '--repo') { repo = args[++i] ?? ''; continue; }
      if (a === '-p' || a === '--pattern') { patterns.push(args[++i] ?? ''); continue; }
      if (a === '-O' || a === '--output') { outputs.push(args[++i] ?? ''); continue; }
      if (a === '-D' || a === '--dir') { dir = args[++i] ?? ''; continue; }
    }
    if (outputs.length === 0) for (const pat of patterns) if (pat !== '' && !/[*?[]/.test(pat)) outputs.push(dir ? `${dir}/${pat}` : pat);
    const url = repo !== '' ? `https://github.com/${repo}/releases` : 'a GitHub release';
    return { tool: 'gh release download', urls: [url], outputs: outputs.filter((o) => o !== '' && o !== '-'), toStdout: outputs.includes('-') };
  }
  if (name === 'aria2c') {
    const o = args.indexOf('-o');
    return { tool: 'aria2c', urls, outputs: o >= 0 && args[o + 1] ? [args[o + 1] as string] : urls.map(urlBasename), toStdout: false };
  }
  if (dialect === 'powershell' && /net\.webclient|downloadstring|downloaddata|downloadfile/i.test(rawText)) {
    const file = /downloadfile\s*\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]/i.exec(rawText);
    return { tool: 'WebClient', urls, outputs: file ? [file[2] as string] : [], toStdout: !file };
  }
  return undefined;
}

/** Strips assignments and wrappers (`sudo -E`, `env A=1`, `nohup`, `timeout 10`) from a command's words. */
function unwrap(words: string[], dialect: Dialect, vars: Map<string, string>): { rest: string[]; onlyAssignments: boolean } {
  let i = 0;
  let sawAssignment = false;
  for (;;) {
    const w = words[i];
    if (w === undefined) return { rest: [], onlyAssignments: sawAssignment };
    const assign = dialect === 'posix' ? /^([A-Za-z_]\w*)=(.*)$/s.exec(w) : dialect === 'powershell' ? /^\$(\w+)=(.*)$/s.exec(w) : null;
    if (assign) {
      vars.set(assign[1] as string, assign[2] as string);
      sawAssignment = true;
      i++;
      continue;
    }
    if (dialect === 'batch' && /^set$/i.test(w) && words[i + 1]?.includes('=')) {
      const [k, ...v] = (words[i + 1] as string).split('=');
      vars.set(k as string, v.join('='));
      return { rest: [], onlyAssignments: true };
    }
    const name = programName(w, dialect);
    if ((w === '&' || w === '.') && dialect === 'powershell') { i++; continue; }
    if (KEYWORDS.has(w) && words.length > i + 1 && dialect === 'posix') { i++; continue; }
    // fish's `set -gx NAME value` (bash's `set` only takes flags, so nothing real is lost).
    if (w === 'set' && dialect === 'posix') {
      let j = i + 1;
      while (j < words.length && /^-[a-zA-Z]+$|^--(export|global|universal|local)$/.test(words[j] as string)) j++;
      const varName = words[j];
      if (varName !== undefined && /^[A-Za-z_]\w*$/.test(varName) && words.length > j + 1) {
        vars.set(varName, words.slice(j + 1).join(' '));
        return { rest: [], onlyAssignments: true };
      }
    }
    if (PROJECT_RUNNERS.test(name) && words[i + 1] === 'run' && words.length > i + 2) {
      i += 2;
      while (i < words.length && (words[i] as string).startsWith('-')) i += RUNNER_VALUE_OPTIONS.has(words[i] as string) ? 2 : 1;
      continue;
    }
    // `xargs [opts] CMD ARGS…` runs CMD with what it reads appended (or put in place of -I's marker).
    if (name === 'xargs' && dialect === 'posix') {
      i++;
      while (i < words.length && (words[i] as string).startsWith('-')) {
        const o = words[i] as string;
        i += XARGS_VALUE.has(o) ? 2 : 1;
      }
      if (i >= words.length) return { rest: [], onlyAssignments: false };
      continue;
    }
    if (WRAPPERS.has(name) && words.length > i + 1) {
      i++;
      while (i < words.length && ((words[i] as string).startsWith('-') || /^\d+[smhd]?$/.test(words[i] as string) || (name === 'env' && (words[i] as string).includes('=')))) {
        if (name === 'sudo' && /^-[ug]$/.test(words[i] as string)) i++;
        i++;
      }
      continue;
    }
    return { rest: words.slice(i), onlyAssignments: false };
  }
}

function isStdinExec(name: string, args: readonly string[]): boolean {
  // bash `source /dev/stdin`, fish `curl … | source`.
  if (name === 'source' || name === '.') return args.length === 0 || args[0] === '-' || args[0] === '/dev/stdin';
  if (!INTERPRETER.test(name)) return false;
  if (/^(iex|invoke-expression)$/.test(name)) return true;
  if (name === 'cmd') return false;
  if (args.some((a) => /^-(c|e|command|Command|EncodedCommand|enc)$/.test(a))) return false;
  const script = args.find((a) => !a.startsWith('-'));
  return script === undefined || script === '-';
}

function decoderOf(name: string, args: readonly string[]): string | undefined {
  if (name === 'base64' && args.some((a) => /^(-d|--decode|-D)$/.test(a) || /^-\w*d/.test(a))) return 'base64';
  if (name === 'openssl' && args.includes('-d') && args.some((a) => /base64|-a/.test(a))) return 'openssl';
  if (name === 'xxd' && args.some((a) => /^-r/.test(a))) return 'xxd';
  if (name === 'certutil' && args.some((a) => /^[-/]decode(hex)?$/i.test(a))) return 'certutil';
  if (/^(gunzip|zcat|xz|bzip2|unxz)$/.test(name) || (name === 'gzip' && args.includes('-d'))) return name;
  return undefined;
}

/** A chmod mode that sets an execute bit: `+x`, `u+rwx`, or octal with an odd digit among its last three. */
function chmodX(mode: string): boolean {
  const sym = /^[ugoa]*\+([rwxXst]*)$/.exec(mode);
  if (sym) return (sym[1] as string).includes('x');
  return /^[0-7]+$/.test(mode) && /[1357]/.test(mode.slice(-3));
}

export interface ShellResult {
  hits: ShellHit[];
  commands: ShellCommand[];
  embedded: EmbeddedCode[];
}

/** One analysis run: where hits, commands and embedded code go. */
interface Run {
  dialect: Dialect;
  state: ShellState;
  hits: ShellHit[];
  commands: ShellCommand[];
  embedded: EmbeddedCode[];
  depth: number;
  sources: SourceOptions;
}

export function analyzeShell(src: string, opts: ShellOptions = {}): ShellResult {
  const tokens = opts.dialect ?? 'posix';
  // fish is tokenized as itself (its `(…)` substitutions) and then judged like any POSIX shell.
  const run: Run = {
    dialect: tokens === 'fish' ? 'posix' : tokens, state: opts.state ?? newShellState(), hits: [], commands: [], embedded: [],
    depth: opts.depth ?? 0, sources: opts.sources ?? {}
  };
  for (const line of tokenizeShell(src, tokens, opts.firstLine ?? 1)) analyzeLine(line, run);
  return { hits: run.hits, commands: run.commands, embedded: run.embedded };
}

/** Analyses nested shell code (`bash -c`, a here-document fed to bash) into the same run. */
function nested(run: Run, code: string, dialect: Dialect, line: number, suffix = ''): void {
  if (run.depth >= MAX_DEPTH) return;
  const inner = analyzeShell(code, { dialect, state: run.state, firstLine: line, sources: run.sources, depth: run.depth + 1 });
  for (const h of inner.hits) run.hits.push({ ...h, message: `${h.message}${suffix}` });
  run.embedded.push(...inner.embedded);
}

/** Whether shell text (a substitution body) fetches something to stdout. */
function fetchesToStdout(text: string, dialect: Dialect, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (dialect === 'powershell' && /downloadstring|downloaddata|\biwr\b|\birm\b|invoke-webrequest|invoke-restmethod|net\.webclient/i.test(text)) {
    return 'a web request';
  }
  for (const l of tokenizeShell(text, dialect)) {
    for (const p of l.pipelines) {
      for (const c of p.commands) {
        const words = c.words.map((w) => w.text);
        const { rest } = unwrap(words, dialect, new Map());
        if (rest.length === 0) continue;
        const name = programName(rest[0] as string, dialect);
        const d = downloadOf(name, rest.slice(1), words.join(' '), dialect);
        if (d && (d.toStdout || dialect === 'powershell')) return `${d.tool} ${d.urls[0] ?? ''}`.trim();
        for (const w of c.words) for (const s of w.subs) {
          const inner = fetchesToStdout(s, dialect, depth + 1);
          if (inner) return inner;
        }
      }
    }
  }
  return undefined;
}

function allTexts(cmd: Command): string[] {
  const out: string[] = [];
  // Loops, not push(...spread): a line of a million substitutions would overflow the call stack.
  for (const w of [...cmd.words, ...cmd.redirects.map((r) => r.target)]) {
    out.push(w.text);
    for (const s of w.subs) out.push(s);
  }
  return out;
}

function analyzeLine(line: ShellLine, run: Run): void {
  const { dialect, state } = run;
  const at = line.line;
  const hit = (kind: ShellKind | ShellSubKind, severity: Severity, message: string, help: string, related?: number[], hub?: ShellHit['hub']): void => {
    const sub = kind === 'typosquat' || kind === 'package-runner' || kind === 'container' ? kind : undefined;
    run.hits.push({
      kind: sub ? 'install-from-url' : kind as ShellKind, severity, line: at, message, help,
      ...(related && related.length ? { related } : {}), ...(hub ? { hub } : {}), ...(sub ? { sub } : {})
    });
  };
  let lineHasSecret = false;
  let lineHasCreds = false;

  for (const pipeline of line.pipelines) {
    const parsed = pipeline.commands.map((c) => parseCommand(c, dialect, state));
    // Credentials and sensitive variables anywhere on the line.
    for (const p of parsed) {
      for (const t of allTexts(p.cmd)) {
        const cred = credentialLocation(expand(t, state.vars));
        if (cred && !lineHasCreds) {
          lineHasCreds = true;
          hit('credentials', 'critical', `Reads or references ${cred} (${t.slice(0, 80)})`, HELP.creds);
        }
      }
    }
    // Pipelines: download/decoder → … → interpreter reading stdin.
    const sourceIdx = parsed.findIndex((p) => (p.download && p.download.toStdout) || p.decoder !== undefined || p.envDump);
    for (let j = 0; j < parsed.length; j++) {
      const p = parsed[j] as ParsedCommand;
      if (!p.name || !isStdinExec(p.name, p.args)) continue;
      const dl = parsed.slice(0, j).find((q) => q.download && q.download.toStdout);
      const dec = parsed.slice(0, j).find((q) => q.decoder !== undefined);
      if (dl) {
        hit('pipe-to-shell', 'critical', `Pipes a download (${trimEndOf(`${dl.download?.tool} ${dl.download?.urls[0] ?? ''}`, ' \t\n')}) into ${p.name}${dec ? ` after decoding it with ${dec.decoder}` : ''}`, HELP.pipe);
      } else if (dec) {
        hit('decode-exec', 'critical', `Decodes hidden content with ${dec.decoder} and pipes it into ${p.name}`, HELP.obf);
      }
    }
    // Environment sweeps: a dump of the environment sent out or filtered for secrets.
    const dump = parsed.find((p) => p.envDump);
    if (dump && sourceIdx >= 0) {
      const out = parsed.find((p) => p.name !== undefined && NETWORK.test(p.name));
      const filter = parsed.find((p) => p.name !== undefined && /^(grep|egrep|findstr|select-string|where-object|where|awk|sed)$/.test(p.name) && p.args.some((a) => SECRET_WORD.test(a)));
      if (out || filter) {
        hit('env-sweep', 'critical', `Dumps the environment (${dump.name}) and ${out ? `sends it with ${out.name}` : 'filters it for secrets'}`, HELP.env);
        lineHasSecret = true;
      }
    }
    parsed.forEach((p, k) => analyzeCommand(p, pipeline, run, hit, at, () => lineHasSecret || lineHasCreds, () => { lineHasSecret = true; }, parsed[k - 1]));
  }
}

type HitFn = (kind: ShellKind | ShellSubKind, severity: Severity, message: string, help: string, related?: number[], hub?: ShellHit['hub']) => void;

interface ParsedCommand {
  cmd: Command;
  words: string[];
  name?: string;
  program?: string;
  args: string[];
  download?: Download;
  decoder?: string;
  envDump: boolean;
}

function parseCommand(cmd: Command, dialect: Dialect, state: ShellState): ParsedCommand {
  const words = cmd.words.map((w) => expand(w.text, state.vars));
  const { rest } = unwrap(words, dialect, state.vars);
  if (rest.length === 0) return { cmd, words, args: [], envDump: false };
  const program = rest[0] as string;
  const name = programName(program, dialect);
  const args = rest.slice(1);
  const raw = words.join(' ');
  const download = downloadOf(name, args, raw, dialect);
  const decoder = decoderOf(name, args);
  const envDump = (ENV_DUMP.test(name) && (
    (name === 'env' || name === 'printenv') ? args.length === 0 :
    (name === 'export' || name === 'declare') ? args.some((a) => /^-(p|x)$/.test(a)) :
    name === 'set' ? dialect === 'batch' && args.length === 0 :
    args.some((a) => /^env:/i.test(a)))) ||
    (name === 'cat' && args.some((a) => /\/proc\/[^/]+\/environ/.test(a)));
  return { cmd, words, name, program, args, ...(download ? { download } : {}), ...(decoder ? { decoder } : {}), envDump };
}

function analyzeCommand(
  p: ParsedCommand, pipeline: Pipeline, run: Run, hit: HitFn, at: number, secretOnLine: () => boolean, markSecret: () => void,
  before: ParsedCommand | undefined
): void {
  const { dialect, state, depth } = run;
  const { name, program, args, cmd } = p;
  if (!name || !program) return;
  run.commands.push({ line: at, name, program, args, words: p.words });

  // Files downloaded from the Hub (`huggingface-cli download REPO FILE --local-dir D`, `hf download …`).
  const hubDl = hubDownloadOf(name, args);
  if (hubDl) {
    if (hubDl.files.length === 0 && hubDl.dir !== undefined) {
      state.fetchedDirs?.set(pathKey(hubDl.dir), { line: at, how: `downloaded from the Hub repository ${hubDl.repo} by ${name}`, hub: { repo: hubDl.repo, file: '' } });
    }
    for (const f of hubDl.files) {
      const entry: Fetched = { line: at, how: `downloaded from the Hub repository ${hubDl.repo} by ${name}`, hub: { repo: hubDl.repo, file: f } };
      state.fetched.set(pathKey(hubDl.dir ? `${hubDl.dir}/${f}` : f), entry);
      if (!state.fetched.has(pathKey(f))) state.fetched.set(pathKey(f), entry);
    }
  }
  // Content written by the commands themselves (`cat > setup.py <<'EOF'`, `echo '…' > x.sh`).
  const toFile = cmd.redirects.find((r) => r.op === '>' || r.op === '>>' || r.op === '>|');
  const heredoc = cmd.redirects.find((r) => r.heredoc !== undefined)?.heredoc;
  if (toFile && (name === 'cat' || name === 'tee') && heredoc) state.written.set(pathKey(expand(toFile.target.text, state.vars)), { code: heredoc.body, line: heredoc.line });
  else if (name === 'tee' && heredoc) for (const f of args.filter((a) => !a.startsWith('-'))) state.written.set(pathKey(f), { code: heredoc.body, line: heredoc.line });
  else if (toFile && (name === 'echo' || name === 'printf')) state.written.set(pathKey(expand(toFile.target.text, state.vars)), { code: args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\\n/g, '\n'), line: at });

  // Outputs of downloads and decoders (explicit, or through `>`/`tee`).
  const redirectOut = cmd.redirects.filter((r) => r.op.endsWith('>') || r.op === '>|').map((r) => expand(r.target.text, state.vars));
  if (p.download) {
    for (const o of [...p.download.outputs, ...(p.download.toStdout ? redirectOut : [])]) state.fetched.set(pathKey(o), { line: at, how: `downloaded by ${p.download.tool}` });
    if (p.download.toStdout) {
      const idx = pipeline.commands.indexOf(cmd);
      for (const later of pipeline.commands.slice(idx + 1)) {
        const w = later.words.map((x) => expand(x.text, state.vars));
        if (programName(w[0] ?? '', dialect) === 'tee') for (const o of w.slice(1).filter((x) => !x.startsWith('-'))) state.fetched.set(pathKey(o), { line: at, how: `downloaded by ${p.download.tool}` });
        for (const r of later.redirects) if (r.op.endsWith('>')) state.fetched.set(pathKey(expand(r.target.text, state.vars)), { line: at, how: `downloaded by ${p.download.tool}` });
      }
    }
  }
  if (p.decoder) {
    for (const o of redirectOut) state.fetched.set(pathKey(o), { line: at, how: `decoded by ${p.decoder}` });
    if (p.decoder === 'certutil') {
      const files = args.filter((a) => !/^[-/]/.test(a));
      if (files[1]) state.fetched.set(pathKey(files[1]), { line: at, how: 'decoded by certutil' });
    }
  }
  if ((name === 'mv' || name === 'cp' || name === 'copy' || name === 'move' || name === 'move-item' || name === 'copy-item') && args.length >= 2) {
    const files = args.filter((a) => !a.startsWith('-'));
    const src = fetchedOf(state, pathKey(files[0] ?? ''));
    if (src && files[1]) state.fetched.set(pathKey(files[files.length - 1] as string), src);
  }

  // chmod +x of a fetched file.
  if (name === 'chmod') {
    const mode = args.find((a) => !a.startsWith('-'));
    if (mode && chmodX(mode)) {
      for (const t of args.slice(args.indexOf(mode) + 1).filter((a) => !a.startsWith('-'))) {
        const k = pathKey(t);
        state.executable.set(k, at);
        const f = fetchedOf(state, k);
        if (f) hit('chmod-exec', 'critical', `Makes ${t} executable after it was ${f.how} (line ${f.line})`, HELP.run, [f.line], f.hub);
      }
    }
  }

  // Running a fetched file: directly, through an interpreter, or through a launcher.
  const runTargets: string[] = [program];
  if (INTERPRETER.test(name) && !/^(iex|invoke-expression)$/.test(name)) {
    const script = args.find((a) => !a.startsWith('-') && !(dialect !== 'posix' && a.startsWith('/')));
    if (script) runTargets.push(script);
  }
  if (/^(start-process|saps|start|invoke-item|ii|call|rundll32|source|\.|msiexec|wscript|cscript|mshta|regsvr32|open|xdg-open)$/.test(name)) {
    for (const a of args) if (!a.startsWith('-') && !(dialect !== 'posix' && a.startsWith('/'))) runTargets.push(a);
  }
  if (name === 'cmd') {
    const c = args.findIndex((a) => /^\/[ck]$/i.test(a));
    if (c >= 0 && args[c + 1]) runTargets.push(args[c + 1] as string);
  }
  for (const t of runTargets) {
    const f = fetchedOf(state, pathKey(t));
    if (f) {
      const chmod = state.executable.get(pathKey(t));
      hit('download-exec', 'critical', `Runs ${t}, which was ${f.how} (line ${f.line})${chmod !== undefined ? ` and made executable (line ${chmod})` : ''}`, HELP.run,
        [f.line, ...(chmod !== undefined ? [chmod] : [])], f.hub);
      break;
    }
  }

  // Code from a download run through eval/source/-c/process substitution/here-strings.
  const codeWords: Word[] = [];
  if (/^(eval|source|\.|iex|invoke-expression|exec)$/.test(name)) for (const w of cmd.words.slice(1)) codeWords.push(w);
  if (INTERPRETER.test(name)) {
    for (const w of cmd.words) if (w.text.startsWith('<(')) codeWords.push(w);
    const c = args.findIndex((a) => /^-(c|command|Command|e)$/.test(a));
    if (c >= 0) {
      const inline = cmd.words.find((w) => expand(w.text, state.vars) === args[c + 1]);
      if (inline) codeWords.push(inline);
      const code = args[c + 1];
      if (code !== undefined && (SHELLS.test(name) || name === 'pwsh' || name === 'powershell' || name === 'cmd')) {
        nested(run, code, SHELLS.test(name) ? 'posix' : name === 'cmd' ? 'batch' : 'powershell', at);
      }
      if (code !== undefined && PYTHON.test(name) && args[c] === '-c') run.embedded.push({ lang: 'python', code, line: at });
    }
    for (const r of cmd.redirects) if (r.op === '<<<' || r.op === '<') codeWords.push(r.target);
    // Code on standard input: a here-document or here-string, or echo/printf/cat piped in.
    if (isStdinExec(name, args) || (PYTHON.test(name) && args.some((a) => a === '-' || a === '/dev/stdin'))) {
      const stdin = stdinCode(cmd, before, state);
      if (stdin) runCode(run, name, stdin.code, stdin.line, at);
    }
    // A script the commands wrote themselves.
    const script = args.find((a) => !a.startsWith('-'));
    const written = script !== undefined ? state.written.get(pathKey(script)) : undefined;
    if (written && !isStdinExec(name, args)) runCode(run, name, written.code, written.line, at);
  }
  if ((name === 'source' || name === '.') && args[0] !== undefined) {
    const written = state.written.get(pathKey(args[0]));
    if (written) runCode(run, 'sh', written.code, written.line, at);
  } else if (name === 'source' || name === '.') {
    const stdin = stdinCode(cmd, before, state);
    if (stdin) runCode(run, 'sh', stdin.code, stdin.line, at);
  }
  if (program.includes('/') && state.written.has(pathKey(program))) {
    const written = state.written.get(pathKey(program)) as { code: string; line: number };
    runCode(run, /^#!.*python/.test(written.code) ? 'python' : 'sh', written.code, written.line, at);
  }

  // Text written into a place something runs later (login scripts, rc files, cron, the dynamic loader's preload
  // list, apt's sources): judged as what will run there.
  for (const target of writeTargets(name, args, cmd, state)) {
    const where = startupLocation(target);
    if (!where) continue;
    const content = name === 'tee' ? stdinCode(cmd, before, state) : writtenContent(name, args, cmd);
    if (where === 'preload') {
      const libs = (content?.code ?? '').split(/\s+/).filter((x) => x !== '');
      const fetched = libs.map((l) => ({ l, f: fetchedOf(state, pathKey(l)) })).find((x) => x.f !== undefined);
      hit('download-exec', fetched ? 'critical' : 'high', fetched
        ? `Adds ${fetched.l} to ${target}, so every program loads it, after it was ${fetched.f?.how} (line ${fetched.f?.line})`
        : `Writes ${target}: every program on the machine then loads the libraries it lists`, HELP.run, fetched ? [fetched.f?.line as number] : undefined);
      continue;
    }
    if (!content) continue;
    if (where === 'apt') {
      for (const l of content.code.split('\n')) {
        if (/^\s*deb(-src)?\s+\[[^\]]*\b(trusted=yes|allow-insecure=yes|allow-weak=yes)/i.test(l)) {
          hit('install-from-url', 'high', `Adds an apt repository whose packages are not signature-checked (${l.trim().slice(0, 100)}): anything it serves installs as root`, HELP.install);
        }
      }
      continue;
    }
    const code = where === 'cron-system' ? cronCommands(content.code, true).join('\n') : where === 'cron' ? cronCommands(content.code).join('\n') : content.code;
    nested(run, code, 'posix', at, ` (written to ${target}, which runs ${where === 'login' ? 'in every new shell' : 'on a schedule'})`);
  }
  // apt told to install what is not signed.
  if (/^(apt|apt-get|aptitude)$/.test(name) && args.some((a) => /^--allow-unauthenticated$|^--allow-insecure-repositories$|AllowInsecureRepositories=(true|1|yes)|AllowUnauthenticated=(true|1|yes)/i.test(a))) {
    hit('install-from-url', 'high', `${name} is told to accept unsigned packages (${p.words.join(' ').slice(0, 100)})`, HELP.install);
  }
  if (name === 'add-apt-repository' && args.some((a) => bracketOptionSays(a, /\btrusted=yes/i))) {
    hit('install-from-url', 'high', `Adds an apt repository whose packages are not signature-checked: ${args.join(' ').slice(0, 100)}`, HELP.install);
  }
  // `alias pip='pip --index-url …'`: every later pip (or python) uses what the alias says.
  if (name === 'alias') {
    for (const a of args) {
      const m = /^([\w.-]+)=(.*)$/s.exec(a);
      if (!m) continue;
      const value = (m[2] as string).trim();
      const words = value.split(/\s+/);
      const prog = programName(words[0] ?? '', dialect);
      const pipArgs = /^pip(\d(\.\d+)?)?$|^uv$/.test(prog) ? words.slice(prog === 'uv' && words[1] === 'pip' ? 2 : 1) :
        PYTHON.test(prog) && words[1] === '-m' && words[2] === 'pip' ? words.slice(3) : undefined;
      if (pipArgs) {
        for (const r of judgePipArgs(pipArgs.filter((w) => w !== 'install'), run.sources)) {
          if (r.kind === 'local-path') continue;
          hit(r.kind === 'typosquat' ? 'typosquat' : 'install-from-url', r.severity, `alias ${m[1] as string}: ${r.message} for every later ${m[1] as string} command`, r.kind === 'typosquat' || r.kind === 'own-source' ? r.help : HELP.install);
        }
      }
      nested(run, value, 'posix', at, ` (in the alias ${m[1] as string})`);
    }
  }

  // Package runners and global installs, judged by what they fetch.
  for (const r of judgeRunner(name, args, run.sources)) hit(r.kind, r.severity, r.message, r.help);
  // Containers, judged by their image and what they are given.
  const container = containerRunOf(name, args);
  if (container) {
    for (const r of judgeContainer(container, run.sources)) {
      run.hits.push({ kind: r.kind === 'credentials' ? 'credentials' : 'install-from-url', sub: 'container', severity: r.severity, line: at, message: r.message, help: r.help });
    }
    const [prog, ...rest] = container.command;
    if (prog !== undefined && SHELLS.test(programName(prog, 'posix'))) {
      const c = rest.findIndex((a) => /^-\w*c$/.test(a));
      if (c >= 0 && rest[c + 1] !== undefined) nested(run, rest[c + 1] as string, 'posix', at, ' (inside the container)');
    }
  }
  if (name === 'iex' || name === 'invoke-expression') codeWords.push({ text: p.words.join(' '), subs: [p.words.join(' ')] });
  for (const w of codeWords) {
    for (const s of w.subs) {
      const fetched = fetchesToStdout(s, dialect, depth + 1);
      if (fetched) {
        hit('subst-exec', 'critical', `Runs code downloaded by ${fetched} through ${name}`, HELP.pipe);
        break;
      }
      // `python -c "$(echo … | base64 -d)"`, `eval "$(… | base64 -d)"`: decoded text run as code, as when piped.
      const dec = decodesToStdout(s, dialect);
      if (dec) {
        hit('decode-exec', 'critical', `Runs code decoded by ${dec.decoder} through ${name}${dec.decoded !== undefined ? `: ${dec.decoded.replace(/\s+/g, ' ').slice(0, 100)}` : ''}`, HELP.obf);
        if (dec.decoded !== undefined) runCode(run, PYTHON.test(name) ? name : 'sh', dec.decoded, at, at);
        break;
      }
    }
  }

  // A file a Hub download prints the path of, run at once: `python "$(huggingface-cli download org/x f.py)"`.
  for (const w of cmd.words.filter((x) => runTargets.includes(expand(x.text, state.vars)))) {
    const dl = w.subs.map((x) => hubDownloadInSub(x, dialect)).find((x) => x !== undefined);
    if (dl) hit('download-exec', 'critical', `Runs ${dl.file}, whose path \`${dl.tool} download\` prints after downloading it from the Hub repository ${dl.repo}`, HELP.run, undefined, { repo: dl.repo, file: dl.file });
  }

  // App runners given a script by URL (`streamlit run https://…/app.py`) download it and run it.
  if (name === 'streamlit' && args[0] === 'run' && args[1] !== undefined && URL_RE.test(args[1])) {
    const url = args[1];
    const hub = /^https?:\/\/(?:huggingface\.co|hf\.co)\/([\w.-]+\/[\w.-]+)\/(?:resolve|raw|blob)\/[^/]+\/([^?#]+)/i.exec(url);
    const org = /^https?:\/\/(?:raw\.githubusercontent\.com|github\.com)\/([A-Za-z0-9-]+)\//i.exec(url)?.[1]?.toLowerCase();
    const own = org !== undefined && (run.sources.ownGitOrgs ?? []).includes(org);
    hit('download-exec', own ? 'medium' : 'critical', `Runs the script at ${url} with streamlit: code fetched when it runs${own ? `, from the publisher's own GitHub organisation ${org}` : ', which nobody reviewed'}`, HELP.run,
      undefined, hub ? { repo: hub[1] as string, file: hub[2] as string } : undefined);
  }

  // A crontab installed from what is piped in, a here-document or a file the commands wrote: cron runs each line.
  if (name === 'crontab' && !args.some((a) => /^-[lre]$/.test(a))) {
    const file = args.find((a) => !a.startsWith('-'));
    const table = file !== undefined ? state.written.get(pathKey(file)) : stdinCode(cmd, before, state);
    if (table) for (const c of cronCommands(table.code)) nested(run, c, 'posix', at, ' (in the crontab the commands install, run on a schedule)');
  }

  // conda channels: anyone can upload to an anaconda.org channel, so an unknown one is an unknown index.
  for (const ch of condaChannels(name, args)) {
    const r = judgeCondaChannel(ch, run.sources);
    if (r) hit('install-from-url', r.severity, r.message, HELP.install);
  }

  // PowerShell encoded commands.
  if ((name === 'powershell' || name === 'pwsh')) {
    const e = args.findIndex((a) => /^-(e|ec|en|enc|enco|encod|encode|encoded|encodedc\w*)$/i.test(a));
    const b64 = e >= 0 ? args[e + 1] : undefined;
    if (b64 !== undefined) {
      const decoded = Buffer.from(b64, 'base64').toString('utf16le').replace(/\0/g, '');
      hit('obfuscation', 'critical', `Runs a base64-encoded PowerShell command: ${decoded.slice(0, 100)}`, HELP.obf);
      nested(run, decoded, 'powershell', at, ' (inside the encoded command)');
    }
  }

  // Reverse shells.
  const texts = allTexts(cmd);
  if (texts.some((t) => /\/dev\/(tcp|udp)\//.test(t)) || (/^(nc|ncat|netcat)$/.test(name) && args.some((a) => /^-[a-z]*[ec]$/.test(a))) ||
      (name === 'socat' && args.some((a) => /exec:|system:/i.test(a)))) {
    hit('reverse-shell', 'critical', `Connects a shell to a remote host (${p.words.join(' ').slice(0, 100)})`, HELP.reverse);
    return;
  }

  // Data sent out; secrets in the request.
  if (NETWORK.test(name)) {
    const urls = [...args.filter((a) => URL_RE.test(a)), ...(p.download?.urls ?? [])];
    // curl/wget accept scheme-less hosts (`curl localhost:8080/generate`).
    if (urls.length === 0) {
      const bare = args.find((a) => /^[\w-]+(\.[\w-]+)*(:\d+)?(\/\S*)?$/.test(a) && (/[.:]/.test(a) || a.startsWith('localhost')) && !/^\d+(\.\d+)?$/.test(a));
      if (bare) urls.push(`http://${bare}`);
    }
    for (const a of args) if (/^rsync:\/\//i.test(a)) urls.push(a);
    const dnsName = DNS_LOOKUP.test(name) ? args.find((a) => !a.startsWith('-')) : undefined;
    const host = urls.map(hostOf).find((h) => h !== undefined) ?? (/^(nc|ncat|netcat|socat|telnet)$/.test(name) ? args.find((a) => !a.startsWith('-')) : undefined) ??
      (dnsName !== undefined ? (dnsName.split(/[^\w.-]/).pop() ?? '').replace(/^\.+/, '') || undefined : undefined);
    const sensitive = p.words.flatMap((w) => [...w.matchAll(/\$\{?(?:env:)?(\w+)\}?|%(\w+)%/gi)].map((m) => (m[1] ?? m[2]) as string)).filter((v) => SENSITIVE_VARIABLES.test(v));
    const hfOnly = sensitive.every((v) => /^H/i.test(v));
    const subsDumpEnv = cmd.words.some((w) => w.subs.some((s) => /(^|[\s;|(])(env|printenv)(\s|$|\))/.test(s)));
    if (subsDumpEnv) {
      hit('env-sweep', 'critical', `Sends the whole environment with ${name}`, HELP.env);
      markSecret();
    }
    if (sensitive.length > 0 && !(hfOnly && isHubHost(host)) && !isLocalHost(host)) {
      hit('credentials', 'critical', `Sends $${sensitive[0]} to ${host ?? 'a remote host'}`, HELP.creds);
      markSecret();
    }
    const sends = sendsData(name, args);
    if (sends && !isLocalHost(host) && !isHubHost(host)) {
      // The Hub's cache folder holds its login token (`token`, `stored_tokens`): sending it whole sends the token.
      const secret = secretOnLine() || args.some((a) => /(^|[~/])\.cache\/huggingface\/?$|(^|[~/])\.huggingface\/?$/.test(a));
      hit('network-send', secret ? 'critical' : 'high', `Sends data to ${host ?? 'a remote host'} with ${name}${secret ? ', on the same line that reads secrets' : ''}`, secret ? HELP.creds : HELP.send);
      const last = run.hits[run.hits.length - 1];
      if (last && host !== undefined) last.host = host;
    }
  }

  // Installs from git URLs, unknown indexes and lookalike names.
  const pipArgs = pipInstallArgs(name, args);
  // `export VAR=…` sets what later commands see (pip's index settings among them).
  if (name === 'export') {
    for (const a of args) {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a);
      if (m) state.vars.set(m[1] as string, m[2] as string);
    }
  }
  // pip's package sources set outside its arguments: environment variables and `pip config set`.
  const configured = name === 'pip' || /^pip\d/.test(name) ? pipConfigArgs(args) : [];
  if (pipArgs || configured.length > 0) {
    const envArgs = pipArgs ? INDEX_ENV.flatMap(([v, opt]) => (state.vars.has(v) ? [opt, expand(state.vars.get(v) as string, state.vars)] : [])) : [];
    // A package file served from a Hub repository (`pip install https://huggingface.co/org/x/resolve/main/x.whl`):
    // callers that know it is this repository's own, reviewed file grade it as that file.
    const hubFiles = (pipArgs ?? []).map((a) => ({ a, m: /^https?:\/\/(?:huggingface\.co|hf\.co)\/([\w.-]+\/[\w.-]+)\/resolve\/[^/]+\/([^?#]+)$/i.exec(a) }));
    for (const r of judgePipArgs([...envArgs, ...configured, ...(pipArgs ?? [])], run.sources)) {
      if (r.kind === 'local-path') continue;
      const hf = r.kind === 'url' ? hubFiles.find((x) => x.m && r.message.endsWith(x.a))?.m : undefined;
      hit(r.kind === 'typosquat' ? 'typosquat' : 'install-from-url', r.severity, r.message, r.kind === 'typosquat' || r.kind === 'own-source' ? r.help : HELP.install,
        undefined, hf ? { repo: hf[1] as string, file: safeDecode(hf[2] as string) } : undefined);
    }
  }
}

const PYTHON = /^(python(\d(\.\d+)?)?|py|pypy3?)$/;

/** Environment variables pip and uv read as package sources, with the option each stands for. */
const INDEX_ENV: readonly [string, string][] = [
  ['PIP_INDEX_URL', '--index-url'], ['PIP_EXTRA_INDEX_URL', '--extra-index-url'], ['PIP_FIND_LINKS', '--find-links'],
  ['PIP_TRUSTED_HOST', '--trusted-host'], ['UV_INDEX_URL', '--index-url'], ['UV_EXTRA_INDEX_URL', '--extra-index-url'],
  ['UV_DEFAULT_INDEX', '--index-url'], ['UV_INDEX', '--extra-index-url'], ['UV_FIND_LINKS', '--find-links']
];

/** `pip config set global.index-url URL` as the option it sets. */
function pipConfigArgs(args: readonly string[]): string[] {
  if (args[0] !== 'config' || args[1] !== 'set' || args[3] === undefined) return [];
  const key = /(?:^|\.)(index-url|extra-index-url|find-links|trusted-host)$/.exec(args[2] ?? '');
  return key ? [`--${key[1] as string}`, args[3]] : [];
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** Runs code in the interpreter `name` would use: shells nested, Python handed back. */
function runCode(run: Run, name: string, code: string, line: number, at: number): void {
  const first = line > 0 ? line : at;
  if (PYTHON.test(name)) run.embedded.push({ lang: 'python', code, line: first });
  else if (SHELLS.test(name) || name === 'source' || name === '.') nested(run, code, 'posix', first);
}

/** What a command reads as code on standard input: its here-document/here-string, or what echo/printf/cat pipe in. */
function stdinCode(cmd: Command, before: ParsedCommand | undefined, state: ShellState): { code: string; line: number } | undefined {
  for (const r of cmd.redirects) {
    if (r.heredoc) return { code: r.heredoc.body, line: r.heredoc.line };
    if (r.op === '<<<') return { code: r.target.text, line: -1 };
    if (r.op === '<') {
      const w = state.written.get(pathKey(r.target.text));
      if (w) return w;
    }
  }
  if (!before?.name) return undefined;
  const doc = before.cmd.redirects.find((r) => r.heredoc)?.heredoc;
  if (before.name === 'cat' && doc) return { code: doc.body, line: doc.line };
  if (before.name === 'cat' && before.args[0] !== undefined) return state.written.get(pathKey(before.args[0]));
  if (before.name === 'echo' || before.name === 'printf') return { code: before.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\\n/g, '\n'), line: -1 };
  return undefined;
}

/** A substitution body that decodes to stdout: the decoder, and the decoded text when its input is a literal. */
function decodesToStdout(text: string, dialect: Dialect): { decoder: string; decoded?: string } | undefined {
  for (const l of tokenizeShell(text, dialect)) {
    for (const p of l.pipelines) {
      const cmds = p.commands.map((c) => unwrap(c.words.map((w) => w.text), dialect, new Map()).rest);
      for (let k = 0; k < cmds.length; k++) {
        const words = cmds[k] as string[];
        if (words.length === 0) continue;
        const decoder = decoderOf(programName(words[0] as string, dialect), words.slice(1));
        if (!decoder) continue;
        const prev = k > 0 ? (cmds[k - 1] as string[]) : [];
        const here = p.commands[k]?.redirects.find((r) => r.op === '<<<')?.target.text;
        const literal = here ?? (prev[0] !== undefined && /^(echo|printf)$/.test(programName(prev[0], dialect)) ? prev.slice(1).filter((a) => !/^-[neE]+$/.test(a)).join(' ') : undefined);
        const decoded = decoder === 'base64' && literal !== undefined && /^[A-Za-z0-9+/=\s]+$/.test(literal) ? Buffer.from(literal.replace(/\s/g, ''), 'base64').toString('utf8') : undefined;
        return { decoder, ...(decoded !== undefined ? { decoded } : {}) };
      }
    }
  }
  return undefined;
}

/** A substitution that is one Hub download of one file (whose printed output is the file's local path). */
function hubDownloadInSub(text: string, dialect: Dialect): { tool: string; repo: string; file: string } | undefined {
  const first = tokenizeShell(text, dialect)[0]?.pipelines[0]?.commands[0];
  if (!first) return undefined;
  const { rest } = unwrap(first.words.map((w) => w.text), dialect, new Map());
  if (rest.length === 0) return undefined;
  const tool = programName(rest[0] as string, dialect);
  const dl = hubDownloadOf(tool, rest.slice(1));
  return dl && dl.files.length === 1 ? { tool, repo: dl.repo, file: dl.files[0] as string } : undefined;
}

/** Files a command writes: its `>`/`>>` targets, and tee's operands. */
function writeTargets(name: string, args: readonly string[], cmd: Command, state: ShellState): string[] {
  const out = cmd.redirects.filter((r) => r.op === '>' || r.op === '>>' || r.op === '>|').map((r) => expand(r.target.text, state.vars));
  if (name === 'tee') out.push(...args.filter((a) => !a.startsWith('-')));
  return out.filter((t) => t !== '/dev/null');
}

/** What echo/printf/cat (here-document) write through a redirection. */
function writtenContent(name: string, args: readonly string[], cmd: Command): { code: string; line: number } | undefined {
  const doc = cmd.redirects.find((r) => r.heredoc)?.heredoc;
  if (doc && (name === 'cat' || name === 'tee')) return { code: doc.body, line: doc.line };
  if (name === 'echo' || name === 'printf') return { code: args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\\n/g, '\n'), line: -1 };
  return undefined;
}

/** Where something runs what is written to it later: login shells, cron, the loader's preload list, apt sources. */
function startupLocation(target: string): 'login' | 'cron' | 'cron-system' | 'preload' | 'apt' | undefined {
  const t = target.replace(/^\$HOME\b|^\$\{HOME\}/, '~').replace(/\/{2,}/g, '/');
  if (t === '/etc/ld.so.preload') return 'preload';
  if (/^\/etc\/apt\/sources\.list(\.d\/[^/]+)?$/.test(t)) return 'apt';
  if (/^\/etc\/(crontab|cron\.d\/[^/]+)$/.test(t)) return 'cron-system';
  if (/^\/var\/spool\/cron\/(crontabs\/)?[^/]+$/.test(t)) return 'cron';
  if (/^\/etc\/cron\.(hourly|daily|weekly|monthly)\/[^/]+$/.test(t)) return 'login';
  if (/^\/etc\/(profile|bash\.bashrc|bashrc|zshrc|zsh\/zshrc|zprofile|zsh\/zprofile|environment|rc\.local)$|^\/etc\/profile\.d\/[^/]+$/.test(t)) return 'login';
  if (/^~\/\.(bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin|kshrc|mkshrc|config\/fish\/config\.fish|config\/fish\/conf\.d\/[^/]+)$/.test(t)) return 'login';
  return undefined;
}

/** The commands of a crontab's schedule lines (comments, variable settings and the times dropped). */
function cronCommands(table: string, withUser = false): string[] {
  const out: string[] = [];
  for (const l of table.split('\n')) {
    const t = l.trim();
    if (t === '' || t.startsWith('#') || /^[A-Za-z_]\w*\s*=/.test(t)) continue;
    const m = /^(?:@[a-z]+|(?:\S+\s+){4}\S+)\s+(\S.*)$/.exec(t);
    // /etc/crontab and /etc/cron.d name the user before the command.
    if (m) out.push(withUser ? (m[1] as string).replace(/^\S+\s+/, '') : m[1] as string);
  }
  return out;
}

/** The channels of `conda|mamba|micromamba install|create|update` (`-c X`, `--channel X`, `X::pkg`). */
function condaChannels(name: string, args: readonly string[]): string[] {
  if (!/^(conda|mamba|micromamba)$/.test(name)) return [];
  const sub = args[0] === 'env' ? args[1] : args[0];
  if (!/^(install|create|update|upgrade)$/.test(sub ?? '')) return [];
  const out: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c' || a === '--channel') { const v = args[++i]; if (v !== undefined) out.push(v); continue; }
    if (a.startsWith('--channel=')) { out.push(a.slice(10)); continue; }
    if (/^-c\S/.test(a)) { out.push(a.slice(2)); continue; }
    const pinned = /^([\w.-]+(?:\/[\w.-]+)?)::/.exec(a);
    if (pinned && !a.startsWith('-')) out.push(pinned[1] as string);
  }
  return out;
}

/** `huggingface-cli download REPO [FILES…] [--local-dir D]` and `hf download …`: what lands where. */
function hubDownloadOf(name: string, args: readonly string[]): { repo: string; files: string[]; dir?: string } | undefined {
  if (!((name === 'huggingface-cli' || name === 'hf') && args[0] === 'download')) return undefined;
  const positional: string[] = [];
  let dir: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const opt = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (opt !== a ? a.slice(eq + 1) : args[++i]);
    if (opt === '--local-dir') { dir = value(); continue; }
    if (/^--(cache-dir|revision|repo-type|include|exclude|token|max-workers|local-dir-use-symlinks|etag-timeout)$/.test(opt)) { value(); continue; }
    if (a.startsWith('-')) continue;
    positional.push(a);
  }
  const [repo, ...files] = positional;
  if (repo === undefined) return undefined;
  const local = dir === undefined || dir === '.' || dir === './' ? undefined : trimEndOf(dir, '/');
  return { repo, files, ...(local !== undefined ? { dir: local } : {}) };
}

function sendsData(name: string, args: readonly string[]): boolean {
  if (name === 'curl') {
    return args.some((a) => /^(-d|-F|-T|--data\S*|--form\S*|--upload-file|--json)$/.test(a) || /^-[a-zA-Z]*[dFT]$/.test(a)) ||
      args.some((a, i) => (a === '-X' || a === '--request') && /^(POST|PUT|PATCH)$/i.test(args[i + 1] ?? ''));
  }
  if (name === 'wget') return args.some((a) => /^--(post-data|post-file|body-data|body-file|method=(POST|PUT))/i.test(a));
  if (/^(iwr|irm|invoke-webrequest|invoke-restmethod)$/.test(name)) {
    return args.some((a, i) => /^-(body|infile)$/i.test(a) || (/^-method$/i.test(a) && /^(post|put|patch)$/i.test(args[i + 1] ?? '')));
  }
  if (/^(nc|ncat|netcat|socat|telnet|ftp|sftp)$/.test(name)) return true;
  if (name === 'scp' || name === 'rsync') {
    const plain = args.filter((a) => !a.startsWith('-'));
    // The destination is the last operand: `host:path`, `user@host:path`, or an rsync:// daemon URL.
    const dest = plain[plain.length - 1];
    return plain.length >= 2 && dest !== undefined && (remoteSpec(dest) && !/^[a-z]+:\/\//i.test(dest) || /^rsync:\/\//i.test(dest));
  }
  // A name computed from data (`$(…)`, `$VAR`) carries that data to the domain's nameserver.
  if (DNS_LOOKUP.test(name)) return args.some((a) => !a.startsWith('-') && /\$/.test(a));
  return false;
}

/** The arguments after `install` for pip-like commands, or undefined. */
export function pipInstallArgs(name: string, args: readonly string[]): string[] | undefined {
  let rest = [...args];
  if (/^python(\d(\.\d+)?)?$|^py$/.test(name)) {
    const m = rest.indexOf('-m');
    if (m < 0 || rest[m + 1] !== 'pip') return undefined;
    rest = rest.slice(m + 2);
  } else if (name === 'uv') {
    if (rest[0] === 'pip') rest = rest.slice(1);
    else if (rest[0] === 'add') return rest.slice(1);
    else return undefined;
  } else if (name === 'poetry' || name === 'pdm' || name === 'rye') {
    return rest[0] === 'add' ? rest.slice(1) : undefined;
  } else if (name === 'pipenv') {
    return rest[0] === 'install' ? rest.slice(1) : undefined;
  } else if (!/^pip(\d(\.\d+)?)?$|^pipx$/.test(name)) return undefined;
  const i = rest.indexOf('install');
  return i < 0 ? undefined : rest.slice(i + 1);
}

/**
 * scp/rsync's `[user@]host:path` (what /^[^/]*@?[\w.-]+:/ matched, in one left-to-right pass): a `:` after a
 * host-like character with no `/` before it.
 */
function remoteSpec(a: string): boolean {
  for (let k = 1; k < a.length; k++) {
    const c = a[k] as string;
    if (c === '/') return false;
    if (c === ':' && /[\w.-]/.test(a[k - 1] as string)) return true;
  }
  return false;
}

/**
 * Whether some `[...]` option group of an apt source line (from a `[` to the next `]`, or to the end) matches `re`:
 * `/\[[^\]]*\bx/` without its quadratic retries. Each group starts at its first `[`, so the groups are disjoint.
 */
function bracketOptionSays(a: string, re: RegExp): boolean {
  for (let i = a.indexOf('['); i >= 0;) {
    const end = a.indexOf(']', i);
    if (re.test(a.slice(i, end < 0 ? a.length : end))) return true;
    if (end < 0) return false;
    i = a.indexOf('[', end);
  }
  return false;
}
