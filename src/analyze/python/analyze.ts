// Python read as code: @lezer/python parses the source (error-tolerant), and a small abstract interpreter walks
// the tree. It follows imports — into the repository's own files too, so a download in one module and its
// execution in another are one flow — and their aliases, folds string constants (concatenation, join, reversal,
// base64/hex/rot13/zlib decoding, getattr/__import__ with built names), and tracks within and across functions
// which values were downloaded, decoded, made executable or read from credential stores, so that
// `url = b64decode(…); urlretrieve(url, p); os.chmod(p, …|S_IEXEC); Popen([p])` is one critical finding with
// its lines. Values are followed where they go: a function handed to a thread, a timer, an exit hook, a process,
// functools.partial, operator.methodcaller, a decorator or a lambda is judged as a call of that function with the
// arguments it will get; a function called with arguments worth knowing (a callable, a secret, a constant command)
// is analysed again with them, within a depth and step budget. Identifiers are NFKC-normalised as Python does.
// Nothing is executed; decoding a literal is reading data.
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Severity } from '../../core/findings.js';
import { credentialLocation, hostOf, isHubHost, isLocalHost, isSecretVariable, SECRET_WORD } from '../patterns.js';
import { analyzeShell, newShellState, type ShellHit, type ShellKind, type ShellState } from '../shell/analyze.js';
import { dirname, type Hit, joinPath } from '../util.js';
import { CODE_STRING_RUNNERS, HOOK_ATTRS, invocationOf, type ArgAt, type Invocation, RUNNABLE_BASES, runsCode } from './callables.js';
import { decodeSource } from './encoding.js';
import { judgeDataFiles, judgeEntryPoints } from './packaging.js';
import { SITE_PACKAGES, startupPlace } from './startup.js';
import { allSecretsHome, destHost, DNS_LOOKUPS, isKnownHost, isSecretHome, netOp, type NetOp, staysLocal } from './network.js';
import {
  CODE_FROM_PATH, CREDENTIAL_GETTERS, DANGER_ROOTS, DYNAMIC_EXEC, FETCH, FETCH_TO_PATH, FILE_ACCESS, isDangerousName, LOADS, NATIVE_LOAD,
  osExecProgramIndex, SCANNER_PACKAGES, SEND, SHELL_ARG_INDEX, SPAWN_ARGV, SPAWN_SHELL, TOKEN_GETTERS, CREDENTIAL_PROGRAMS
} from './sinks.js';
import {
  decodePyString, fromBase32, fromBase64, fromHex, inflate, looksActive, rot13, UNKNOWN, utf8Decode
} from './strings.js';
import {
  cap, type ClassInfo, F, type FnInfo, isKnown, type Mark, type ModuleRef, newScope, normalizeRef, PROPAGATE, type Scope, type Snapshot, TAINT,
  textOf, unknown, val, type Val, withTaint
} from './values.js';

/** Where the code runs, which decides how severe plain process spawning is. */
export type PyContext = 'script' | 'remote-code' | 'setup' | 'notebook' | 'snippet';

export interface PyOptions {
  context?: PyContext;
  /** README snippets are fragments: their parse errors are not findings. */
  tolerateParseErrors?: boolean;
  shellState?: ShellState;
}

export interface PyImport {
  module: string;
  line: number;
}

export interface PyAnalysis {
  hits: Hit[];
  imports: PyImport[];
  parseErrorLines: number[];
}

/** One Python source of a program: a repository file, an archive member, the executed lines of a .pth file. */
export interface PySource {
  path: string;
  text: string;
  context: PyContext;
  tolerateParseErrors?: boolean;
}

export interface PyProgramInput {
  /** Every source, analysed in this order (each is an entry point unless an earlier one imported it). */
  sources: readonly PySource[];
  /** Every path of the repository, archives included, so `sys.path.insert(0, "libs/x.zip")` can be resolved. */
  files?: readonly string[];
  shellState?: ShellState;
}

export interface PyFileAnalysis extends PyAnalysis {
  path: string;
  /** Repository modules this one imports (directly). */
  deps: string[];
  /** The source as CPython decodes it, when its coding cookie made it differ from the stored text (lines are its). */
  decoded?: string;
}

// ── limits ────────────────────────────────────────────────────────────────────────────────────────────────────
// Expression nesting followed before a branch is given up (reported as not examined).
const MAX_DEPTH = 250;
/**
 * Calls followed into with their callers' arguments, one inside another. Deeper chains fall back to the callee's
 * own analysis (made once, without arguments), and when that loses a callable or tainted argument the file gets a
 * blocking `code.analysis-limit` finding. Twelve covers real helper chains; attackers' wrappers are refused.
 */
export const MAX_CALL_DEPTH = 12;
/**
 * Steps (expressions evaluated) allowed per syntax node of the loaded code, plus a base: the whole analysis stays
 * linear in the size of the code however calls multiply. Every function is still analysed once on its own; only
 * the re-analyses with arguments stop, with a blocking finding when they would have followed something that matters.
 */
export const STEPS_PER_NODE = 40;
export const STEP_BASE = 200_000;
/** Loops over a literal list of at most this many items are followed once per item. */
const MAX_UNROLL = 8;
/** Modules being loaded one inside another (a imports b imports c …); deeper ones load later as their own entries. */
export const MAX_IMPORT_DEPTH = 48;
const MAX_ITEMS = 4096;
/** Library modules star-imported by one file whose names are followed (each unresolved name is looked up in all). */
const MAX_STARS = 16;
/** Hub snapshots downloaded into known folders that imports are compared with. */
const MAX_SNAPSHOTS = 64;
/** Lines are kept program-wide as (module index + 1) × SPAN + line, so flows can cross files. */
const SPAN = 2 ** 22;

const HELP = {
  dlexec: 'The code downloads a file and runs it: whatever the server sends runs on the user\'s machine. Do not approve.',
  exec: 'Running code built at run time hides what runs. Read the code that produces the string; legitimate model code does not need exec/eval.',
  spawn: 'Check which program runs, with which arguments, and why a model file needs it.',
  creds: 'Model code has no reason to read credentials. Treat this as a credential stealer; do not approve.',
  exfil: 'Secrets leave the machine here, whatever the method (a GET query, a DNS name, a header to a foreign host). Treat this as a credential stealer; do not approve.',
  env: 'Collecting environment variables that hold tokens and keys is credential theft. Do not approve.',
  send: 'Find out what is sent where and why; model code does not upload local data.',
  fetch: 'Model code that contacts a server when loaded can report users or fetch new code. Find out what it fetches and why.',
  obf: 'Encoded or assembled strings hide what the code does. Decode them (the evidence shows how) and judge what they hide.',
  imp: 'Imports by computed name hide which module is used. Resolve the name; legitimate code imports what it needs directly.',
  native: 'Loading a native library runs machine code that was not reviewed. Find out where it comes from.',
  scanner: 'Code that knows about model scanners is written to evade them. Do not approve.',
  parse: 'Parts of the file could not be parsed, so they were not examined. Fix the syntax or review the file by hand.',
  limit: 'The analysis has a depth and step budget so that hostile code cannot stall it; code built to exhaust it is not approved. Review the call chain by hand.',
  indirect: 'A function that runs programs or code, handed to something that calls it later, runs exactly as if called here. Find out what it runs.'
} as const;

const BUILTINS = new Set([
  'exec', 'eval', 'compile', '__import__', 'getattr', 'setattr', 'open', 'globals', 'locals', 'vars', 'chr', 'ord', 'str',
  'bytes', 'bytearray', 'reversed', 'print', 'len', 'dict', 'list', 'tuple', 'set', 'map', 'filter', 'input', 'execfile',
  'isinstance', 'range', 'enumerate', 'zip', 'sorted', 'int', 'float', 'bool', 'hasattr', 'type', 'super', 'iter', 'next',
  'min', 'max', 'staticmethod', 'classmethod', 'property', 'callable', 'breakpoint', 'frozenset', 'memoryview', 'repr', 'format'
]);

/** Modules the interpreter has loaded before any script runs: a repository file of that name never shadows them. */
const PRELOADED = new Set([
  'builtins', 'sys', 'os', 'posix', 'nt', 'posixpath', 'ntpath', 'io', 'abc', 'codecs', 'site', 'stat', 'genericpath', 'marshal',
  'time', 'zipimport', 'encodings', '_io', '_thread', '_weakref', '_warnings', '_signal', '_abc', '_codecs', '_stat', '_sitebuiltins',
  '_collections_abc', '_frozen_importlib', '_frozen_importlib_external', '_imp', '__future__'
]);

/** Constructors of connections: the host they will talk to is their first argument (or `url`). */
const CONNECTIONS = new Map<string, string>([
  ['http.client.HTTPConnection', 'host'], ['http.client.HTTPSConnection', 'host'], ['smtplib.SMTP', 'host'], ['smtplib.SMTP_SSL', 'host'],
  ['smtplib.LMTP', 'host'], ['ftplib.FTP', 'host'], ['ftplib.FTP_TLS', 'host'], ['telnetlib.Telnet', 'host'], ['xmlrpc.client.ServerProxy', 'uri']
]);

/** Where the Hugging Face token is stored, as huggingface_hub names it. */
const HF_TOKEN_PATHS = new Set(['huggingface_hub.constants.HF_TOKEN_PATH', 'huggingface_hub.constants.HF_STORED_TOKENS_PATH', 'huggingface_hub.HfFolder.path_token']);

/** Method names that run programs or code, for operator.methodcaller / attrgetter. */
const RUNNER_METHOD = /^(system|popen\d?|exec\w*|spawn\w*|startfile|posix_spawnp?|run|call|check_call|check_output|getoutput|getstatusoutput|Popen|__import__|import_module|eval|compile|run_path|run_module|load_source|LoadLibrary|CDLL)$/;

/** Programs that talk to the network: a secret on their command line leaves the machine. */
const NET_TOOL = /^(curl|wget|nc|ncat|netcat|socat|nslookup|dig|host|ping6?|telnet|ssh|scp|sftp|ftp|rsync|openssl|smbclient|http|https|aria2c|xh|fetch|drill|kdig|resolvectl)$/;
const NET_TOOL_WORD = /(^|[\s;|&(`'"/])(curl|wget|nc|ncat|netcat|socat|nslookup|dig|host|ping6?|telnet|ssh|scp|sftp|ftp|rsync|openssl|aria2c|drill)(?=[\s'"]|$)/;

/** GitHub owners of repositories in PyTorch's own hub listing (pytorch.org/hub). */
const TORCH_HUB_PUBLISHERS = new Set([
  'pytorch', 'facebookresearch', 'huggingface', 'nvidia', 'intel-isl', 'isl-org', 'ultralytics', 'snakers4', 'mateuszbuda', 'hustvl',
  'nicolalandro', 'datvuthanh', 'sigsep'
]);

/** Where locations named by the environment are when the variable is unset (huggingface_hub, XDG, AWS CLI docs). */
const ENV_LOCATIONS = new Map<string, string>([
  ['HF_HOME', '~/.cache/huggingface'], ['HUGGINGFACE_HOME', '~/.cache/huggingface'], ['HF_TOKEN_PATH', '~/.cache/huggingface/token'],
  ['HF_STORED_TOKENS_PATH', '~/.cache/huggingface/stored_tokens'], ['HF_HUB_CACHE', '~/.cache/huggingface/hub'],
  ['HUGGINGFACE_HUB_CACHE', '~/.cache/huggingface/hub'], ['XDG_CACHE_HOME', '~/.cache'], ['XDG_CONFIG_HOME', '~/.config'],
  ['XDG_DATA_HOME', '~/.local/share'], ['AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials'], ['AWS_CONFIG_FILE', '~/.aws/config'],
  ['KUBECONFIG', '~/.kube/config'], ['DOCKER_CONFIG', '~/.docker'], ['CLOUDSDK_CONFIG', '~/.config/gcloud'], ['NETRC', '~/.netrc']
]);
/** Variables naming a directory or file: their default, when the code gives one, is where they point. */
const LOCATION_VARIABLE = /(HOME|DIR|PATH|CACHE|FILE|ROOT|FOLDER|CONFIG)$/;

export function analyzePython(src: string, opts: PyOptions = {}): PyAnalysis {
  const r = analyzePythonProgram({
    sources: [{ path: '<input>', text: src, context: opts.context ?? 'script', ...(opts.tolerateParseErrors ? { tolerateParseErrors: true } : {}) }],
    ...(opts.shellState ? { shellState: opts.shellState } : {})
  }).get('<input>') as PyFileAnalysis;
  return { hits: r.hits, imports: r.imports, parseErrorLines: r.parseErrorLines };
}

/** Analyses Python sources as one program: imports between them are followed, flows join across files. */
export function analyzePythonProgram(input: PyProgramInput): Map<string, PyFileAnalysis> {
  return new PyAnalyzer(input).run();
}

interface DecodeEvent {
  line: number;
  technique: string;
  inputLength: number;
  literal: boolean;
  active: boolean;
  /** The start of the decoded text, for the message. */
  preview?: string;
  reached?: { sink: string; line: number };
}

interface Mod {
  index: number;
  path: string;
  src: string;
  tree: Tree;
  lineStarts: number[];
  context: PyContext;
  tolerate: boolean;
  scope: Scope;
  ref: ModuleRef;
  status: 'loading' | 'done';
  hits: Hit[];
  imports: PyImport[];
  parseErrorLines: number[];
  deps: Set<string>;
  secretReads: { line: number; what: string }[];
  sends: { hit: Hit; host: string | undefined }[];
}

interface Param {
  name: string;
  kind: 'pos' | 'star' | 'kwonly' | 'dstar';
}

class PyAnalyzer {
  private readonly sources = new Map<string, PySource>();
  private readonly files: Set<string>;
  private readonly mods: Mod[] = [];
  private readonly byPath = new Map<string, Mod>();
  /** Namespace packages (directories without __init__.py) met on the way to a module. */
  private readonly namespaces = new Map<string, ModuleRef>();
  private readonly shellState: ShellState;
  private readonly decodes = new Map<number, DecodeEvent>();
  private readonly pendingFns: FnInfo[] = [];
  /** Servers that logged records or tracked values go to (remote logging handlers, an MLflow tracking URI). */
  private readonly telemetryDests: Val[] = [];
  private readonly globalMarks = new Map<string, Mark>();
  private readonly paramSpecs = new WeakMap<SyntaxNode, Param[]>();
  /** Directories (or archives, as `x.zip!`) the code put on sys.path. */
  private readonly sysPaths: string[] = [];
  /** Snapshots of Hub repositories downloaded into known folders (snapshot_download(…, local_dir=…)). */
  private readonly snapshots: Snapshot[] = [];
  /** Functions being analysed with their callers' arguments, innermost last. */
  private readonly inline: FnInfo[] = [];
  /** The library call through which the current code was reached (threading.Timer …), for messages. */
  private readonly via: string[] = [];
  private readonly limitLines = new Set<number>();
  /** Whether definitions met now belong to an analysis with callers' arguments (their own analysis is queued elsewhere). */
  private inlineMode = false;
  private cur!: Mod;
  private quiet = 0;
  private depth = 0;
  private unrolling = 0;
  private loadDepth = 0;
  private tooDeep = new Set<number>();
  private steps = 0;
  private budget = STEP_BASE;
  private nextId = 1;

  constructor(private readonly input: PyProgramInput) {
    for (const s of input.sources) if (!this.sources.has(s.path)) this.sources.set(s.path, s);
    this.files = new Set(input.files ?? []);
    for (const p of this.sources.keys()) this.files.add(p);
    this.shellState = input.shellState ?? newShellState();
  }

  run(): Map<string, PyFileAnalysis> {
    for (const s of this.sources.values()) this.load(s.path);
    // Functions never called are still code someone can run.
    while (this.pendingFns.length > 0) {
      const fn = this.pendingFns.shift() as FnInfo;
      if (fn.state === 'new') this.analyzeFn(fn);
    }
    this.finish();
    const out = new Map<string, PyFileAnalysis>();
    for (const m of this.mods) {
      const stored = this.sources.get(m.path)?.text;
      out.set(m.path, { path: m.path, hits: m.hits, imports: m.imports, parseErrorLines: m.parseErrorLines, deps: [...m.deps], ...(stored !== undefined && stored !== m.src ? { decoded: m.src } : {}) });
    }
    return out;
  }

  // ── modules ───────────────────────────────────────────────────────────────────────────────────────────────

  /** Loads (parses and runs the top level of) a source once; a module being loaded is returned as it stands. */
  private load(path: string): Mod | undefined {
    const existing = this.byPath.get(path);
    if (existing) return existing;
    const source = this.sources.get(path);
    if (!source) return undefined;
    if (this.loadDepth >= MAX_IMPORT_DEPTH) {
      // Still analysed on its own (every source is an entry); only flows through this import are not joined.
      if (this.cur) this.hit('code.analysis-limit', 'high', (this.cur.index + 1) * SPAN + 1, `Imports nest more than ${MAX_IMPORT_DEPTH} modules deep (at ${path}); flows across them were not followed`, HELP.limit);
      return undefined;
    }
    const index = this.mods.length;
    // Read as CPython's tokenizer reads it (PEP 263 coding cookie), so a utf-7 "comment" is the code it is.
    const decoding = decodeSource(source.text);
    const text = decoding.text;
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const scope = newScope('module', undefined, index);
    scope.vars.set('__file__', val({ text: path }));
    const mod: Mod = {
      index, path, src: text, tree: parser.parse(text), lineStarts, context: source.context, tolerate: source.tolerateParseErrors === true,
      scope, ref: { path, scope }, status: 'loading', hits: [], imports: [], parseErrorLines: [], deps: new Set(), secretReads: [], sends: []
    };
    this.mods.push(mod);
    this.byPath.set(path, mod);
    const saveMode = this.inlineMode;
    const saveDepth = this.depth;
    this.inlineMode = false;
    this.loadDepth++;
    try {
      this.withMod(mod, () => {
        if (decoding.issue) {
          this.hit('code.source-encoding', decoding.issue.severity, (index + 1) * SPAN + (decoding.line ?? 1), decoding.issue.message,
            'A source encoding other than UTF-8 or Latin-1 only serves to make the code read differently to people and tools than to Python. Do not approve.');
        }
        mod.parseErrorLines = this.parseErrors(mod);
        this.walkBody(mod.tree.topNode, scope);
      });
    } finally {
      this.inlineMode = saveMode;
      this.loadDepth--;
      this.depth = saveDepth;
    }
    mod.status = 'done';
    return mod;
  }

  private withMod<T>(mod: Mod, f: () => T): T {
    const prev = this.cur;
    this.cur = mod;
    try {
      return f();
    } finally {
      if (prev) this.cur = prev;
    }
  }

  private modOf(gline: number): Mod | undefined {
    return this.mods[Math.floor(gline / SPAN) - 1];
  }

  /** The repository file `name` (dotted, with leading dots when relative) resolves to from `importer`. */
  private resolveModule(name: string, importer: Mod): string | undefined {
    const dots = /^\.*/.exec(name)?.[0].length ?? 0;
    const rest = name.slice(dots);
    const find = (base: string): string | undefined => {
      const rel = rest.replace(/\./g, '/');
      if (rel === '') return this.sources.has(base === '' ? '__init__.py' : `${base}/__init__.py`) ? (base === '' ? '__init__.py' : `${base}/__init__.py`) : undefined;
      const stem = base === '' ? rel : `${base}/${rel}`;
      for (const c of [`${stem}.py`, `${stem}/__init__.py`]) if (this.sources.has(c)) return c;
      return undefined;
    };
    if (dots > 0) {
      let base = dirname(importer.path);
      for (let i = 1; i < dots; i++) base = dirname(base);
      return find(base);
    }
    if (PRELOADED.has(rest.split('.')[0] as string)) return undefined;
    // The importing file's directory is sys.path[0] for a script; its ancestors stand for the working directory
    // (`python -m`, notebooks). Inside an archive, the archive's root is as far as it goes.
    const roots: string[] = [];
    for (let d = dirname(importer.path); ; d = dirname(d)) {
      roots.push(d);
      if (d === '' || d.endsWith('!')) break;
    }
    roots.push(...this.sysPaths);
    for (const r of roots) {
      const hit = find(r);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Imports `name` as `import name` would: every package on the way, then the module; undefined when none is ours. */
  private importChain(name: string, importer: Mod): ModuleRef[] | undefined {
    const dots = /^\.*/.exec(name)?.[0] ?? '';
    const parts = name.slice(dots.length).split('.').filter(Boolean);
    const chain: ModuleRef[] = [];
    let any = false;
    for (let i = dots ? 0 : 1; i <= parts.length; i++) {
      const prefix = dots + parts.slice(0, i).join('.');
      if (prefix === '') continue;
      const path = this.resolveModule(prefix, importer);
      let ref: ModuleRef | undefined;
      if (path) {
        const m = this.load(path);
        if (m) {
          this.cur.deps.add(m.path);
          ref = m.ref;
          any = true;
        }
      }
      if (!ref) {
        // A directory without __init__.py on the way: a namespace package, if something below it is ours.
        const key = `${importer.path}\u0000${prefix}`;
        ref = this.namespaces.get(key) ?? { path: `${prefix} (namespace)`, scope: newScope('module', undefined, importer.index) };
        this.namespaces.set(key, ref);
      }
      const parent = chain[chain.length - 1];
      if (parent && !parent.scope.vars.has(parts[i - 1] as string)) parent.scope.vars.set(parts[i - 1] as string, val({ mod: ref }));
      chain.push(ref);
    }
    return any ? chain : undefined;
  }

  /** The snapshot of another Hub repository a path is in: by the value's origin, or by a known folder. */
  private snapshotOf(p: Val): Snapshot | undefined {
    if (p.snapshot) return p.snapshot;
    if (!isKnown(p)) return undefined;
    const dir = joinPath('', p.text.replace(/^\.\//, ''));
    return dir === undefined ? undefined : this.snapshots.find((s) => s.dir !== undefined && (dir === s.dir || dir.startsWith(`${s.dir}/`)));
  }

  /**
   * Code run from a Hub snapshot downloaded here is another repository's code, outside this review (this one's
   * own files are read as the repository): high wherever it runs.
   */
  private snapshotCode(p: Val, line: number, how: string): boolean {
    const snap = this.snapshotOf(p);
    if (!snap) return false;
    this.hit('code.remote-import', 'high', line,
      `Downloads ${snap.repo} from the Hub (snapshot_download, ${this.at(snap.line)}) and ${how}; that repository's code is not part of this review`,
      'Code imported from another repository runs with the user\'s privileges and was not reviewed here. Review that repository as well (pinned to a commit), or do not approve.', [snap.line]);
    return true;
  }

  /** `import notam_tools.x` after snapshot_download(…, local_dir="notam_tools"): the import runs the snapshot. */
  private snapshotImport(module: string, line: number): void {
    if (this.snapshots.length === 0 || module.startsWith('.')) return;
    const root = module.split('.')[0] as string;
    const dirs = [root, ...this.sysPaths.filter((d) => !d.endsWith('!')).map((d) => (d === '' ? root : `${d}/${root}`))];
    const snap = this.snapshots.find((s) => s.dir !== undefined && dirs.includes(s.dir));
    if (snap) this.snapshotCode(val({ snapshot: snap }), line, `imports ${module} from it`);
  }

  private addSysPath(p: Val): void {
    if (!isKnown(p)) return;
    let dir = joinPath('', p.text.replace(/^\.\//, ''));
    if (dir === undefined) return;
    if (this.files.has(dir) && /\.(zip|whl|egg|pyz|jar)$/i.test(dir)) dir = `${dir}!`;
    if (!this.sysPaths.includes(dir) && this.sysPaths.length < 64) this.sysPaths.push(dir);
  }

  // ── plumbing ──────────────────────────────────────────────────────────────────────────────────────────────

  /** The program-wide line of a source position in the current module. */
  private line(pos: number): number {
    const starts = this.cur.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return (this.cur.index + 1) * SPAN + lo + 1;
  }

  /** How a line reads in a message: `line N` (rendered per file when the hit is recorded). */
  private at(gline: number): string {
    return `line ${gline}`;
  }

  /** Source text of a node; identifiers NFKC-normalised as Python's tokenizer does (PEP 3131). */
  private t(n: SyntaxNode): string {
    const s = this.cur.src.slice(n.from, n.to);
    return (n.name === 'VariableName' || n.name === 'PropertyName') && /[^\x00-\x7f]/.test(s) ? s.normalize('NFKC') : s;
  }

  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  /** Program-wide line numbers in a message, written for the file the hit is in. */
  private render(message: string, mod: Mod): string {
    return message.replace(/\bline (\d{7,})\b/g, (all, n: string) => {
      const g = Number(n);
      const m = this.modOf(g);
      if (!m) return all;
      const local = g - (m.index + 1) * SPAN;
      return m === mod ? `line ${local}` : `line ${local} of ${m.path}`;
    });
  }

  private hit(check: string, severity: Severity, gline: number, message: string, help: string, related: number[] = []): Hit | undefined {
    if (this.quiet > 0) return undefined;
    return this.record(check, severity, gline, message, help, related);
  }

  private record(check: string, severity: Severity, gline: number, message: string, help: string, related: number[] = []): Hit {
    const mod = this.modOf(gline) ?? this.cur;
    const base = (mod.index + 1) * SPAN;
    const line = gline - base;
    const rel = [...new Set(related)].filter((l) => l !== gline && l > base && l < base + SPAN).map((l) => l - base).slice(0, 4);
    const via = this.via.length > 0 ? ` (called through ${this.via[this.via.length - 1]})` : '';
    const h: Hit = { check, severity, line, message: this.render(message + via, mod), help, ...(rel.length ? { related: rel } : {}) };
    mod.hits.push(h);
    return h;
  }

  private parseErrors(mod: Mod): number[] {
    const lines: number[] = [];
    let nodes = 0;
    mod.tree.iterate({
      enter: (n) => {
        nodes++;
        // lezer/python marks a bare `yield` statement (valid Python) with an empty error node; nothing is skipped.
        if (n.type.isError && !(n.from === n.to && n.node.parent?.name === 'YieldStatement' && n.node.prevSibling?.name === 'yield')) {
          const l = this.line(n.from) - (mod.index + 1) * SPAN;
          if (!lines.includes(l)) lines.push(l);
        }
      }
    });
    this.budget += nodes * STEPS_PER_NODE;
    if (lines.length > 0 && !mod.tolerate) {
      this.hit('code.parse-error', 'high', (mod.index + 1) * SPAN + (lines[0] as number),
        `The Python parser could not read ${lines.length} region(s) of this file (first at line ${lines[0]}); those parts were not examined`, HELP.parse);
    }
    return lines;
  }

  private finish(): void {
    for (const i of this.tooDeep) {
      const m = this.mods[i] as Mod;
      this.record('code.parse-error', 'high', (m.index + 1) * SPAN + 1, 'Expressions nest too deeply to analyse; parts of this file were not examined', HELP.parse);
    }
    for (const mod of this.mods) {
      // A token read plus any network send in the same file: the send may carry the token.
      const first = mod.secretReads[0];
      // A send to the service every secret read here belongs to (WANDB_API_KEY and api.wandb.ai) is that service's use.
      const sends = mod.sends.filter(({ host }) => !(host !== undefined && mod.secretReads.every((r) => /^\$\w+$/.test(r.what) && isSecretHome(r.what.slice(1), host)))).map((x) => x.hit);
      if (!first || sends.length === 0) continue;
      const base = (mod.index + 1) * SPAN;
      for (const s of sends) {
        if (s.severity !== 'critical') {
          s.severity = 'critical';
          s.message += `; the same file reads ${first.what} (line ${first.line - base})`;
          s.related = [...(s.related ?? []), first.line - base];
          s.help = HELP.creds;
        }
      }
      const send = sends[0] as Hit;
      this.record('code.credentials', 'critical', first.line, `Reads ${first.what} and the same file sends data over the network (line ${send.line})`, HELP.creds, [base + send.line]);
    }
    for (const d of this.decodes.values()) {
      const what = (d.literal ? `a ${d.inputLength}-character ${d.technique} literal` : `a value with ${d.technique}`) + (d.preview ? ` (→ "${d.preview}")` : '');
      if (d.reached) {
        this.record('code.obfuscation', 'critical', d.line, `Decodes ${what} that is then used by ${d.reached.sink} (${this.at(d.reached.line)})`, HELP.obf, [d.reached.line]);
      } else if (d.literal && (['rot13', 'marshal', 'zlib', 'gzip'].includes(d.technique) || (d.active && d.inputLength >= 24))) {
        this.record('code.obfuscation', 'high', d.line, `Decodes ${what}${d.active ? ' that contains code, a command or a URL' : ''}`, HELP.obf);
      } else if (d.literal && d.inputLength >= 200) {
        this.record('code.obfuscation', 'medium', d.line, `Decodes ${what}`, HELP.obf);
      }
    }
  }

  // ── scopes and marks ──────────────────────────────────────────────────────────────────────────────────────

  private lookup(name: string, scope: Scope): Val {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'class' && s !== scope) continue; // class bodies are not enclosing scopes for methods
      const v = s.vars.get(name);
      if (v) return { ...v, key: name };
    }
    if (name === '__builtins__') return val({ ref: 'builtins' });
    // `from subprocess import *` binds getoutput: a star-imported library name that runs code shadows a builtin.
    const stars = this.rootScope(scope).stars;
    if (stars) {
      for (let i = stars.length - 1; i >= 0; i--) {
        const full = `${stars[i] as string}.${name}`;
        if (isSinkName(full)) return val({ ref: full, key: name });
      }
    }
    if (BUILTINS.has(name)) return val({ ref: `builtins.${name}` });
    // IPython defines get_ipython() in every notebook and IPython session.
    if (name === 'get_ipython') return val({ ref: 'IPython.get_ipython', key: name });
    if (stars && !name.startsWith('_')) return val({ ref: `${stars[stars.length - 1] as string}.${name}`, key: name });
    const p = scope.params.get(name);
    return val({ key: name, ...(p !== undefined ? { param: p } : {}) });
  }

  private rootScope(scope: Scope): Scope {
    let s = scope;
    while (s.parent) s = s.parent;
    return s;
  }

  private bind(name: string, v: Val, scope: Scope): void {
    let target = scope;
    if (scope.globals?.has(name)) while (target.parent) target = target.parent;
    target.vars.set(name, v);
    // Names bound in a class body are its attributes (methods, class-level values).
    if (target.kind === 'class' && target.cls && !name.includes('.')) this.setMember(target.cls, name, v);
  }

  private findMark(v: Val, scope: Scope): Mark | undefined {
    const keys = [v.key].filter((k): k is string => k !== undefined);
    let flags = 0;
    const lines: number[] = [];
    const why: string[] = [];
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      for (const k of keys) {
        const m = s.marks.get(k);
        if (m) {
          flags |= m.flags;
          lines.push(...m.lines);
          why.push(...m.why);
        }
      }
    }
    if (isKnown(v)) {
      const m = this.globalMarks.get(`text:${v.text}`);
      if (m) {
        flags |= m.flags;
        lines.push(...m.lines);
        why.push(...m.why);
      }
      const f = this.shellState.fetched.get(v.text.replace(/^\.\//, ''));
      if (f) {
        flags |= F.DL_PATH;
        lines.push(f.line);
        why.push(`${f.how} at ${this.at(f.line)}`);
      }
    }
    return flags ? { flags, lines, why } : undefined;
  }

  private pathFlags(v: Val, scope: Scope): Mark {
    const m = this.findMark(v, scope);
    return { flags: v.flags | (m?.flags ?? 0), lines: [...v.lines, ...(m?.lines ?? [])], why: [...v.why, ...(m?.why ?? [])] };
  }

  private mark(v: Val, flag: number, line: number, why: string, scope: Scope): void {
    const add = (map: Map<string, Mark>, k: string): void => {
      const m = map.get(k) ?? { flags: 0, lines: [], why: [] };
      m.flags |= flag;
      if (!m.lines.includes(line) && m.lines.length < 8) m.lines.push(line);
      if (!m.why.includes(why) && m.why.length < 8) m.why.push(why);
      map.set(k, m);
    };
    if (v.key) {
      add(scope.marks, v.key);
      const bound = scope.vars.get(v.key);
      if (bound) scope.vars.set(v.key, { ...bound, flags: bound.flags | flag, lines: [...bound.lines, line].slice(-8), why: [...bound.why, why].slice(-8) });
      if (v.param !== undefined && scope.fn) {
        const pm = scope.fn.paramMarks.get(v.param) ?? { flags: 0, lines: [], why: [] };
        pm.flags |= flag;
        if (!pm.lines.includes(line) && pm.lines.length < 8) pm.lines.push(line);
        if (!pm.why.includes(why) && pm.why.length < 8) pm.why.push(why);
        scope.fn.paramMarks.set(v.param, pm);
      }
    }
    if (isKnown(v)) {
      add(this.globalMarks, `text:${v.text}`);
      if (flag & F.DL_PATH) this.shellState.fetched.set(v.text.replace(/^\.\//, ''), { line, how: why.replace(/ at line \d+$/, '') });
    }
  }

  // ── statements ────────────────────────────────────────────────────────────────────────────────────────────

  private walkBody(body: SyntaxNode, scope: Scope): void {
    for (let c = body.firstChild; c; c = c.nextSibling) this.stmt(c, scope);
  }

  private stmt(n: SyntaxNode, scope: Scope): void {
    switch (n.name) {
      case 'ImportStatement': return this.importStmt(n, scope);
      case 'AssignStatement': return this.assign(n, scope);
      case 'UpdateStatement': return this.update(n, scope);
      case 'FunctionDefinition': this.defineFn(n, scope); return;
      case 'ClassDefinition': this.defineClass(n, scope); return;
      case 'DecoratedStatement': return this.decorated(n, scope);
      case 'ScopeStatement': {
        const ks = this.kids(n);
        if (ks[0] && this.t(ks[0]) === 'global' && scope.kind !== 'module') {
          scope.globals ??= new Set();
          for (const k of ks) if (k.name === 'VariableName') scope.globals.add(this.t(k));
        }
        return;
      }
      case 'ReturnStatement': {
        const e = n.lastChild;
        const v = e && e.name !== 'return' ? this.eval(e, scope) : val();
        scope.returns = scope.returns ? this.merge(scope.returns, v) : v;
        return;
      }
      case 'ForStatement': return this.forStmt(n, scope);
      case 'WithStatement': return this.withStmt(n, scope);
      case 'TryStatement': {
        const ks = this.kids(n);
        for (let i = 0; i < ks.length; i++) {
          const c = ks[i] as SyntaxNode;
          if (c.name === 'Body') this.walkBody(c, scope);
          else if (c.name === 'as' && ks[i + 1]?.name === 'VariableName') this.bind(this.t(ks[i + 1] as SyntaxNode), val(), scope);
          else if (c.name !== 'VariableName') this.eval(c, scope);
        }
        return;
      }
      // `a; b` on one line: statements, in order.
      case 'Body': case 'StatementGroup': return this.walkBody(n, scope);
      default: {
        if (n.name.endsWith('Statement') || n.name === 'Script') {
          for (const c of this.kids(n)) {
            if (c.name === 'Body' || c.name.endsWith('Statement') || c.name.endsWith('Definition')) this.stmt(c, scope);
            else this.eval(c, scope);
          }
          return;
        }
        this.eval(n, scope);
      }
    }
  }

  private importStmt(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    const line = this.line(n.from);
    const record = (module: string): void => {
      this.cur.imports.push({ module, line: line - (this.cur.index + 1) * SPAN });
      const root = module.replace(/^\.+/, '').split('.')[0] as string;
      if (SCANNER_PACKAGES.has(root)) this.hit('code.scanner-aware', 'high', line, `Imports ${module}, a model-scanner package`, HELP.scanner);
    };
    if (ks[0]?.name === 'from') {
      let i = 1;
      let mod = '';
      for (; i < ks.length && ks[i]?.name !== 'import'; i++) mod += this.t(ks[i] as SyntaxNode);
      i++;
      const names: [string, string][] = [];
      let star = false;
      for (; i < ks.length; i++) {
        const k = ks[i] as SyntaxNode;
        if (k.name === 'VariableName') {
          if (ks[i + 1]?.name === 'as' && ks[i + 2]) {
            names.push([this.t(k), this.t(ks[i + 2] as SyntaxNode)]);
            i += 2;
          } else names.push([this.t(k), this.t(k)]);
        } else if (this.t(k) === '*') star = true;
      }
      const onlyDots = /^\.+$/.test(mod);
      if (!onlyDots) record(mod);
      const chain = this.importChain(mod, this.cur);
      if (!chain) this.snapshotImport(mod, line);
      const source = chain?.[chain.length - 1];
      if (source && star) {
        for (const [k, v] of source.scope.vars) if (!k.startsWith('_') && !k.includes('.')) this.bind(k, v, scope);
      } else if (star && !onlyDots) {
        // A library module's names are not listed here: a name bound nowhere else is looked up in it (lookup()).
        const root = this.rootScope(scope);
        const lib = normalizeRef(mod);
        const stars = [...(root.stars ?? []).filter((m) => m !== lib), lib];
        if (stars.length > MAX_STARS) {
          this.hit('code.analysis-limit', 'high', line, `More than ${MAX_STARS} modules are star-imported; the names the earliest ones bind are not followed`, HELP.limit);
          stars.shift();
        }
        root.stars = stars;
      }
      for (const [name, alias] of names) {
        const full = onlyDots ? `${mod}${name}` : `${mod}.${name}`;
        if (onlyDots) record(full);
        let v: Val | undefined = source?.scope.vars.get(name);
        if (!v || (source && !v.mod && !v.fn && !v.cls && v.text === undefined && v.ref === undefined && !v.items && !v.entries && !v.partial && !v.getter)) {
          const sub = this.importChain(onlyDots ? `${mod}${name}` : `${mod}.${name}`, this.cur);
          if (sub) v = val({ mod: sub[sub.length - 1] as ModuleRef });
        }
        this.bind(alias, v ? { ...v } : val({ ref: full }), scope);
      }
      return;
    }
    // import a.b.c [as x], d
    let parts: string[] = [];
    const flush = (alias?: string): void => {
      if (parts.length === 0) return;
      const full = parts.join('.');
      record(full);
      const chain = this.importChain(full, this.cur);
      if (!chain) this.snapshotImport(full, line);
      if (alias) this.bind(alias, chain ? val({ mod: chain[chain.length - 1] as ModuleRef }) : val({ ref: full }), scope);
      else this.bind(parts[0] as string, chain ? val({ mod: chain[0] as ModuleRef }) : val({ ref: parts[0] as string }), scope);
      parts = [];
    };
    for (let i = 1; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (k.name === 'VariableName') parts.push(this.t(k));
      else if (k.name === 'as' && ks[i + 1]) {
        flush(this.t(ks[i + 1] as SyntaxNode));
        i++;
      } else if (k.name === ',') flush();
    }
    flush();
  }

  private assign(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n).filter((k) => k.name !== 'TypeDef');
    const ops = ks.map((k, i) => (k.name === 'AssignOp' ? i : -1)).filter((i) => i >= 0);
    if (ops.length === 0) {
      for (const k of ks) this.eval(k, scope);
      return;
    }
    const last = ops[ops.length - 1] as number;
    const rhsNodes = ks.slice(last + 1).filter((k) => k.name !== ',');
    const rhs = rhsNodes.length === 1 ? this.eval(rhsNodes[0] as SyntaxNode, scope) : val({ items: rhsNodes.map((r) => this.eval(r, scope)) });
    let start = 0;
    for (const op of ops) {
      const targets = ks.slice(start, op).filter((k) => k.name !== ',');
      this.assignTargets(targets, rhs, scope);
      start = op + 1;
    }
  }

  private assignTargets(targets: SyntaxNode[], v: Val, scope: Scope): void {
    if (targets.length === 1) return this.assignTarget(targets[0] as SyntaxNode, v, scope);
    targets.forEach((t, i) => this.assignTarget(t, v.items?.[i] ?? withTaint(val(), [v]), scope));
  }

  private assignTarget(t: SyntaxNode, v: Val, scope: Scope): void {
    if (t.name === 'VariableName') {
      this.bind(this.t(t), v, scope);
      return;
    }
    if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression') {
      this.assignTargets(this.kids(t).filter((k) => !['(', ')', '[', ']', ','].includes(k.name)), v, scope);
      return;
    }
    if (t.name === 'MemberExpression') {
      const obj = t.firstChild as SyntaxNode;
      const prop = t.lastChild;
      if (prop?.name === 'PropertyName' && obj.name === 'VariableName') {
        const objName = this.t(obj);
        const attr = this.t(prop);
        const key = `${objName}.${attr}`;
        this.bind(key, v, scope);
        const base = this.lookup(objName, scope);
        const cls = base.cls ?? (scope.cls && objName === scope.selfName ? scope.cls : undefined);
        if (cls && (base.inst || objName === scope.selfName)) this.setMember(cls, attr, v);
        else if (base.mod) base.mod.scope.vars.set(attr, v);
        this.hooked(base, attr, v, this.line(t.from), scope);
        return;
      }
      // d[k] = v, obj.attr = v: the container now holds v's taint (and a constant key, the value itself).
      const base = this.eval(obj, scope);
      const inside = this.kids(t).slice(1).filter((k) => !['[', ']', '.'].includes(k.name));
      const idx = inside.length === 1 && prop?.name !== 'PropertyName' ? this.eval(inside[0] as SyntaxNode, scope) : undefined;
      if (prop?.name === 'PropertyName') this.hooked(base, this.t(prop), v, this.line(t.from), scope);
      if (idx && isKnown(idx) && base.entries && base.entries.size < MAX_ITEMS) base.entries.set(idx.text, v);
      if (idx && isKnown(idx) && base.ref && /^builtins\.(globals|vars)(\(\))?$/.test(base.ref)) this.moduleScope(scope).vars.set(idx.text, v);
      if (base.key && (v.flags & TAINT)) {
        const bound = this.lookup(base.key, scope);
        this.bind(base.key, withTaint({ ...bound }, [v]), scope);
      }
      return;
    }
    this.eval(t, scope);
  }

  private setMember(cls: ClassInfo, attr: string, v: Val): void {
    cls.members.set(attr, v);
    cls.version++;
    if (this.strong(v)) cls.hot = true;
  }

  /** Assignment through globals()[…]: a module-level name. */
  private moduleScope(scope: Scope): Scope {
    let s = scope;
    while (s.parent) s = s.parent;
    return s;
  }

  /**
   * A callable stored where the interpreter or a library will call it: an interpreter hook (sys.excepthook), or
   * an attribute of an imported module (monkeypatching requests.get). It runs as if called here.
   */
  private hooked(base: Val, attr: string, v: Val, line: number, scope: Scope): void {
    if (!this.callable(v) || !base.ref || base.ref.includes('()')) return;
    const target = normalizeRef(`${base.ref}.${attr}`);
    if (!HOOK_ATTRS.has(target) && !this.dangerousCallable(v)) return;
    this.via.push(`${target} = …`);
    try {
      this.call(v, [val(), val(), val()].slice(0, HOOK_ATTRS.has(target) ? 3 : 1), new Map(), [], line, scope);
    } finally {
      this.via.pop();
    }
  }

  private update(n: SyntaxNode, scope: Scope): void {
    const [target, op, value] = this.kids(n);
    if (!target || !value) return;
    const cur = this.eval(target, scope);
    const v = this.eval(value, scope);
    const res = this.t(op as SyntaxNode) === '+=' ? this.binary(cur, '+', v) : withTaint(val(), [cur, v]);
    if (target.name === 'VariableName') this.bind(this.t(target), res, scope);
    else if (cur.key) this.bind(cur.key, res, scope);
  }

  private newFn(node: SyntaxNode, name: string, scope: Scope): FnInfo {
    return {
      id: this.nextId++, node, name, mod: this.cur.index, outer: scope, state: 'new', paramMarks: new Map(), defaults: new Map(), memo: new Map(),
      ...(scope.kind === 'class' && scope.cls ? { cls: scope.cls } : {})
    };
  }

  private defineFn(n: SyntaxNode, scope: Scope): Val {
    const name = n.getChild('VariableName');
    const fn = this.newFn(n, name ? this.t(name) : '?', scope);
    // Default values are evaluated where the function is defined.
    const params = n.getChild('ParamList');
    if (params) this.evalDefaults(params, fn, scope);
    const v = val({ fn });
    if (name) this.bind(this.t(name), v, scope);
    if (!this.inlineMode) this.pendingFns.push(fn);
    return v;
  }

  private evalDefaults(params: SyntaxNode, fn: FnInfo, scope: Scope): void {
    const ks = this.kids(params);
    for (let i = 0; i < ks.length; i++) {
      const c = ks[i] as SyntaxNode;
      if (c.name === 'AssignOp' && ks[i + 1]) {
        let j = i - 1;
        while (j >= 0 && (ks[j] as SyntaxNode).name === 'TypeDef') j--;
        const v = this.eval(ks[i + 1] as SyntaxNode, scope);
        if (j >= 0 && (ks[j] as SyntaxNode).name === 'VariableName') fn.defaults.set(this.t(ks[j] as SyntaxNode), v);
        i++;
      } else if (c.name === 'TypeDef') this.evalChildren(c, scope);
    }
  }

  private defineClass(n: SyntaxNode, scope: Scope): Val {
    const name = n.getChild('VariableName');
    const args = n.getChild('ArgList');
    const cls: ClassInfo = { id: this.nextId++, name: name ? this.t(name) : '?', members: new Map(), bases: [], extBases: [], version: 0, hot: false };
    if (args) {
      const parsed = this.args(args, scope);
      for (const b of parsed.pos) {
        if (b.cls && !b.inst) cls.bases.push(b.cls);
        else if (b.ref) cls.extBases.push(normalizeRef(b.ref));
      }
      // A metaclass defined here runs when the class is created.
      const meta = parsed.kw.get('metaclass');
      if (meta?.cls) for (const m of ['__new__', '__init__']) {
        const f = this.memberOf(meta.cls, m);
        if (f?.fn) this.callFn(f.fn, [val({ text: cls.name }), val({ items: [] }), val()], new Map(), this.line(n.from), scope, val({ cls: meta.cls, inst: true }));
      }
    }
    const inner = newScope('class', scope);
    inner.cls = cls;
    const body = n.getChild('Body');
    if (body) this.walkBody(body, inner);
    const v = val({ cls, ref: `<local>.${cls.name}` });
    if (name) this.bind(this.t(name), v, scope);
    // A base class defined here is told about its subclasses.
    for (const b of cls.bases) {
      const hook = this.memberOf(b, '__init_subclass__');
      if (hook?.fn) this.callFn(hook.fn, [], new Map(), this.line(n.from), scope, v);
    }
    return v;
  }

  /** A decorated function or class: each decorator is called with it, innermost first; a wrapper it returns replaces it. */
  private decorated(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    const target = ks.find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
    const decos = ks.filter((c) => c.name === 'Decorator');
    if (!target) {
      for (const d of decos) this.evalChildren(d, scope);
      return;
    }
    const decoVals = decos.map((d) => this.decoratorValue(d, scope));
    let v = target.name === 'FunctionDefinition' ? this.defineFn(target, scope) : this.defineClass(target, scope);
    const nameNode = target.getChild('VariableName');
    const line = this.line(target.from);
    for (let i = decoVals.length - 1; i >= 0; i--) {
      const d = decoVals[i] as Val;
      const ref = d.ref ? normalizeRef(d.ref) : '';
      if (ref === 'builtins.staticmethod' && v.fn) {
        v.fn.isStatic = true;
        continue;
      }
      if (/^builtins\.(classmethod|property)$|^functools\.(wraps|cache|lru_cache|cached_property)|^(abc\.abstractmethod|typing\.|dataclasses\.dataclass|torch\.(no_grad|inference_mode|jit))/.test(ref)) continue;
      const res = this.call(d, [v], new Map(), [v], line, scope);
      if (res.fn || res.partial || res.getter || (res.cls && !res.inst)) v = res;
    }
    if (nameNode) this.bind(this.t(nameNode), v, scope);
  }

  /** `@a.b.c` or `@a.b(args)`: the decorator's value. */
  private decoratorValue(d: SyntaxNode, scope: Scope): Val {
    const ks = this.kids(d).filter((k) => k.name !== 'At');
    let v: Val | undefined;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (k.name === 'VariableName') {
        v = v === undefined ? this.lookup(this.t(k), scope) : this.attribute(v, this.t(k), this.line(k.from));
      } else if (k.name === 'ArgList' && v) {
        const a = this.args(k, scope);
        v = this.call(v, a.pos, a.kw, a.all, this.line(k.from), scope);
      } else if (k.name !== '.') {
        v = this.eval(k, scope);
      }
    }
    return v ?? val();
  }

  private params(fnNode: SyntaxNode): Param[] {
    const cached = this.paramSpecs.get(fnNode);
    if (cached) return cached;
    const out: Param[] = [];
    const list = fnNode.getChild('ParamList');
    if (list) {
      const ks = this.kids(list);
      let kwonly = false;
      for (let i = 0; i < ks.length; i++) {
        const c = ks[i] as SyntaxNode;
        if (c.name === '*' || c.name === '**') {
          const next = ks[i + 1];
          if (next?.name === 'VariableName') {
            out.push({ name: this.t(next), kind: c.name === '*' ? 'star' : 'dstar' });
            i++;
          }
          if (c.name === '*') kwonly = true;
          continue;
        }
        if (c.name !== 'VariableName') continue;
        const prev = c.prevSibling;
        if (prev && (prev.name === 'AssignOp' || prev.name === ':')) continue;
        out.push({ name: this.t(c), kind: kwonly ? 'kwonly' : 'pos' });
      }
    }
    this.paramSpecs.set(fnNode, out);
    return out;
  }

  private isMethod(fn: FnInfo): boolean {
    return fn.cls !== undefined && !fn.isStatic && fn.node.name !== 'LambdaExpression';
  }

  /** The function's own analysis: parameters unknown, run once; gives its summary and its own findings. */
  private analyzeFn(fn: FnInfo): void {
    fn.state = 'running';
    const mod = this.mods[fn.mod] as Mod;
    this.withMod(mod, () => {
      const scope = newScope('function', fn.outer);
      scope.fn = fn;
      if (fn.cls) scope.cls = fn.cls;
      this.params(fn.node).forEach((p, index) => {
        if (index === 0 && this.isMethod(fn)) {
          scope.selfName = p.name;
          scope.vars.set(p.name, val({ cls: fn.cls as ClassInfo, inst: true, ref: `${(fn.cls as ClassInfo).name}()`, key: p.name, param: 0 }));
        } else {
          scope.vars.set(p.name, val({ key: p.name, param: index, flags: F.PARAM }));
        }
        scope.params.set(p.name, index);
      });
      const saveQuiet = this.quiet;
      const saveMode = this.inlineMode;
      this.quiet = 0;
      this.inlineMode = false;
      try {
        fn.returns = this.runBody(fn, scope);
      } finally {
        this.quiet = saveQuiet;
        this.inlineMode = saveMode;
      }
    });
    fn.state = 'done';
  }

  private runBody(fn: FnInfo, scope: Scope): Val {
    if (fn.node.name === 'LambdaExpression') {
      const body = fn.node.lastChild;
      return body && body.name !== 'ParamList' && body.name !== ':' && body.name !== 'lambda' ? this.eval(body, scope) : val();
    }
    const body = fn.node.getChild('Body');
    if (body) this.walkBody(body, scope);
    return scope.returns ?? val();
  }

  private forStmt(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    const inAt = ks.findIndex((k) => k.name === 'in');
    const iterNodes = ks.slice(inAt + 1).filter((k) => k.name !== 'Body' && k.name !== ':' && k.name !== ',');
    const iter = iterNodes.length === 1 ? this.eval(iterNodes[0] as SyntaxNode, scope) : unknown(iterNodes.map((x) => this.eval(x, scope)));
    const targets = ks.slice(1, inAt).filter((k) => k.name !== ',');
    const bodies = ks.filter((k) => k.name === 'Body');
    const assign = (each: Val): void => this.assignTargets(targets, targets.length > 1 && !each.items ? val({ items: targets.map(() => each) }) : each, scope);
    // A short literal list of values worth knowing (commands, callables) is followed item by item.
    if (iter.items && iter.items.length > 0 && iter.items.length <= MAX_UNROLL && this.unrolling < 2 && !this.overBudget() && iter.items.some((i) => this.interesting(i))) {
      this.unrolling++;
      try {
        for (const item of iter.items) {
          assign(item);
          for (const b of bodies.slice(0, 1)) this.walkBody(b, scope);
        }
        for (const b of bodies.slice(1)) this.walkBody(b, scope);
      } finally {
        this.unrolling--;
      }
      return;
    }
    const each = iter.flags & F.ENV_ALL ? withTaint(val({ flags: F.SECRET }), [iter], F.SECRET | F.DOWNLOADED | F.DECODED) : withTaint(val(), [iter]);
    assign(each);
    if (iter.flags & F.ENV_ALL) this.envSweep(n, this.line(n.from));
    for (const b of bodies) this.walkBody(b, scope);
  }

  private envSweep(n: SyntaxNode, line: number): void {
    const words: string[] = [];
    n.cursor().iterate((c) => {
      if (c.name === 'String') {
        const s = decodePyString(this.cur.src.slice(c.from, c.to)).text;
        if (SECRET_WORD.test(s)) words.push(s);
      }
    });
    if (words.length > 0) {
      this.hit('code.env-sweep', 'critical', line, `Goes through every environment variable looking for ${words.slice(0, 4).map((w) => `"${w}"`).join(', ')}`, HELP.env);
    }
  }

  private withStmt(n: SyntaxNode, scope: Scope): void {
    const ks = this.kids(n);
    let last: Val | undefined;
    const exits: Val[] = [];
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (k.name === 'with' || k.name === ',' || k.name === 'async') continue;
      if (k.name === 'Body') { this.walkBody(k, scope); continue; }
      if (k.name === 'as') {
        const target = ks[i + 1];
        if (target) this.assignTarget(target, last ?? val(), scope);
        i++;
        continue;
      }
      last = this.eval(k, scope);
      // A context manager defined here: __enter__ runs now, __exit__ after the body.
      if (last.inst && last.cls) {
        const enter = this.memberOf(last.cls, '__enter__') ?? this.memberOf(last.cls, '__aenter__');
        if (enter?.fn) {
          const r = this.callFn(enter.fn, [], new Map(), this.line(k.from), scope, last);
          if (!(r.text === undefined && !r.ref && !r.fn && !r.cls && !r.items && r.flags === 0)) last = r;
        }
        exits.push(last);
      }
    }
    for (const e of exits) {
      const exit = e.cls ? this.memberOf(e.cls, '__exit__') ?? this.memberOf(e.cls, '__aexit__') : undefined;
      if (exit?.fn) this.callFn(exit.fn, [val(), val(), val()], new Map(), this.line(n.from), scope, e);
    }
  }

  // ── expressions ───────────────────────────────────────────────────────────────────────────────────────────

  private evalChildren(n: SyntaxNode, scope: Scope, skipFirst = false): Val[] {
    const out: Val[] = [];
    let c = n.firstChild;
    if (skipFirst && c) c = c.nextSibling;
    for (; c; c = c.nextSibling) {
      if (c.name === 'Body') this.walkBody(c, scope);
      else out.push(this.eval(c, scope));
    }
    return out;
  }

  private overBudget(): boolean {
    return this.steps > this.budget;
  }

  private eval(n: SyntaxNode, scope: Scope): Val {
    if (this.depth > MAX_DEPTH) {
      this.tooDeep.add(this.cur.index);
      return val();
    }
    this.steps++;
    this.depth++;
    try {
      return this.evalInner(n, scope);
    } finally {
      this.depth--;
    }
  }

  private evalInner(n: SyntaxNode, scope: Scope): Val {
    switch (n.name) {
      case 'VariableName': {
        const name = this.t(n);
        const v = this.lookup(name, scope);
        if (v.ref === 'os.environ') v.flags |= F.ENV_ALL;
        if (v.ref && HF_TOKEN_PATHS.has(normalizeRef(v.ref))) return val({ text: '~/.cache/huggingface/token' });
        if (v.ref === 'sys.executable') return { ...v, text: 'python3' };
        return v;
      }
      case 'String': {
        const s = decodePyString(this.t(n));
        return val({ text: cap(s.text), ...(s.bytes ? { bytes: true } : {}) });
      }
      case 'ContinuedString': {
        const parts = this.evalChildren(n, scope);
        const v = val({ text: cap(parts.map(textOf).join('')) });
        if (parts.some((p) => p.flags & F.BUILT)) v.flags |= F.BUILT;
        return withTaint(v, parts);
      }
      case 'FormatString': return this.fstring(n, scope);
      case 'Number': {
        const raw = this.t(n).replace(/_/g, '').toLowerCase();
        const num = /^0o[0-7]+$/.test(raw) ? parseInt(raw.slice(2), 8) : /^0x/.test(raw) ? parseInt(raw.slice(2), 16) : /^0b/.test(raw) ? parseInt(raw.slice(2), 2) : Number(raw);
        return val({ num, exeBit: Number.isInteger(num) && (num & 0o111) !== 0 });
      }
      case 'ParenthesizedExpression': {
        const inner = this.kids(n).filter((k) => k.name !== '(' && k.name !== ')');
        return inner.length === 1 ? this.eval(inner[0] as SyntaxNode, scope) : unknown(inner.map((k) => this.eval(k, scope)));
      }
      case 'TupleExpression': case 'ArrayExpression': case 'SetExpression': {
        const items: Val[] = [];
        const ks = this.kids(n).filter((k) => !['(', ')', '[', ']', '{', '}', ','].includes(k.name));
        for (let i = 0; i < ks.length; i++) {
          const k = ks[i] as SyntaxNode;
          if (k.name === '*' && ks[i + 1]) {
            const v = this.eval(ks[++i] as SyntaxNode, scope);
            if (v.items) items.push(...v.items);
            else items.push(withTaint(val(), [v]));
          } else items.push(this.eval(k, scope));
        }
        return withTaint(val({ items: items.slice(0, MAX_ITEMS) }), items);
      }
      case 'DictionaryExpression': return this.dict(n, scope);
      case 'ArrayComprehensionExpression': case 'SetComprehensionExpression': case 'DictionaryComprehensionExpression': case 'ComprehensionExpression':
        return this.comprehension(n, scope);
      case 'MemberExpression': return this.member(n, scope);
      case 'CallExpression': return this.callExpr(n, scope);
      case 'BinaryExpression': {
        const ks = this.kids(n);
        const l = this.eval(ks[0] as SyntaxNode, scope);
        const r = this.eval(ks[ks.length - 1] as SyntaxNode, scope);
        const op = ks.length >= 3 ? this.t(ks[1] as SyntaxNode) : '';
        return this.binary(l, op, r);
      }
      case 'UnaryExpression': {
        const ks = this.kids(n);
        const v = this.eval(ks[ks.length - 1] as SyntaxNode, scope);
        return this.t(ks[0] as SyntaxNode) === '-' && v.num !== undefined ? val({ num: -v.num }) : withTaint(val(), [v]);
      }
      case 'ConditionalExpression': {
        const vs = this.evalChildren(n, scope);
        return vs.reduce((a, b) => this.merge(a, b), val());
      }
      case 'LambdaExpression': {
        const fn = this.newFn(n, '<lambda>', scope);
        delete fn.cls;
        const params = n.getChild('ParamList');
        if (params) this.evalDefaults(params, fn, scope);
        if (!this.inlineMode) this.pendingFns.push(fn);
        return val({ fn });
      }
      case 'AwaitExpression': case 'YieldExpression': case 'StarExpression': {
        const vs = this.evalChildren(n, scope);
        return vs.length === 1 ? (vs[0] as Val) : unknown(vs);
      }
      case 'NamedExpression': {
        // (x := value)
        const ks = this.kids(n);
        const v = ks[2] ? this.eval(ks[2], scope) : val();
        if (ks[0]?.name === 'VariableName') this.bind(this.t(ks[0]), v, scope);
        return v;
      }
      // True and False are the integers 1 and 0 (trust_repo=True, items[True]).
      case 'Boolean': return val({ num: this.t(n) === 'True' ? 1 : 0 });
      case 'None': case 'Ellipsis': case 'Comment': return val();
      default: {
        if (!n.firstChild) return val();
        return unknown(this.evalChildren(n, scope));
      }
    }
  }

  private dict(n: SyntaxNode, scope: Scope): Val {
    const ks = this.kids(n).filter((k) => !['{', '}', ','].includes(k.name));
    const entries = new Map<string, Val>();
    const all: Val[] = [];
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (k.name === '**' && ks[i + 1]) {
        const v = this.eval(ks[++i] as SyntaxNode, scope);
        all.push(v);
        if (v.entries) for (const [ek, ev] of v.entries) entries.set(ek, ev);
        continue;
      }
      if (ks[i + 1]?.name === ':' && ks[i + 2]) {
        const key = this.eval(k, scope);
        const v = this.eval(ks[i + 2] as SyntaxNode, scope);
        all.push(key, v);
        if (isKnown(key) && entries.size < MAX_ITEMS) entries.set(key.text, v);
        i += 2;
        continue;
      }
      all.push(this.eval(k, scope));
    }
    return withTaint(val({ entries }), all);
  }

  /**
   * One of several values, chosen at run time (a dict looked up by a key the analysis cannot know): judged as the
   * one that matters most — a callable that runs programs or code, then tainted data, then any callable.
   */
  private anyOf(options: readonly Val[], also: readonly Val[]): Val {
    // Dicts hold at most MAX_ITEMS constant keys; a module's namespace can be larger: every value is looked at,
    // and counted against the step budget.
    const vs = [...options];
    this.steps += vs.length;
    const pick = vs.find((v) => this.dangerousCallable(v)) ?? vs.find((v) => this.strong(v)) ?? vs.find((v) => this.callable(v) && !v.inst);
    return withTaint(pick ? { ...pick, why: [...pick.why], lines: [...pick.lines] } : val(), [...vs, ...also]);
  }

  private merge(a: Val, b: Val): Val {
    const v = isKnown(a) ? { ...a } : isKnown(b) ? { ...b } : a.fn || a.ref || a.cls || a.partial || a.getter ? { ...a } : b.fn || b.ref || b.cls || b.partial || b.getter ? { ...b } : val();
    return withTaint(v, [a, b], ~0);
  }

  private fstring(n: SyntaxNode, scope: Scope): Val {
    const raw = this.t(n);
    const prefix = /^[a-zA-Z]*/.exec(raw)?.[0] ?? '';
    const q = /^[a-zA-Z]*('''|"""|'|")/.exec(raw)?.[1] ?? '"';
    let out = '';
    let pos = n.from + prefix.length + q.length;
    const end = n.to - q.length;
    const parts: Val[] = [];
    for (const r of n.getChildren('FormatReplacement')) {
      out += this.cur.src.slice(pos, r.from).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      const inner = this.kids(r).filter((k) => !['{', '}', 'FormatSpec', 'FormatConversion', '='].includes(k.name));
      const v = inner.length === 1 ? this.eval(inner[0] as SyntaxNode, scope) : unknown(inner.map((k) => this.eval(k, scope)));
      parts.push(v);
      out += v.text !== undefined ? v.text : v.num !== undefined ? String(v.num) : UNKNOWN;
      pos = r.to;
    }
    out += this.cur.src.slice(pos, Math.max(pos, end)).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    const text = prefix.toLowerCase().includes('r') ? out : decodePyString(`"${out.replace(/"/g, '\\"')}"`).text;
    return withTaint(val({ text: cap(text), flags: parts.length ? F.BUILT : 0 }), parts, ~0 & ~F.BUILT);
  }

  private binary(l: Val, op: string, r: Val): Val {
    const taint = (v: Val): Val => withTaint(v, [l, r]);
    if (op === '+' || op === '|') {
      if (l.num !== undefined && r.num !== undefined) return val({ num: op === '+' ? l.num + r.num : l.num | r.num, exeBit: !!(l.exeBit || r.exeBit) });
      if (l.text !== undefined && r.text !== undefined && op === '+') return taint(val({ text: cap(l.text + r.text), flags: F.BUILT, ...(l.bytes ? { bytes: true } : {}) }));
      if (l.items && r.items && op === '+') return taint(val({ items: [...l.items, ...r.items].slice(0, MAX_ITEMS) }));
      if (l.exeBit || r.exeBit) return taint(val({ exeBit: true }));
      if (op === '+' && (l.text !== undefined || r.text !== undefined)) return taint(val({ text: cap(textOf(l) + textOf(r)), flags: F.BUILT }));
      if (op === '|' && (l.entries || r.entries)) return taint(val({ entries: new Map([...(l.entries ?? []), ...(r.entries ?? [])]) }));
    }
    if (op === '%' && l.text !== undefined) {
      const args = r.items ?? [r];
      let i = 0;
      const text = l.text.replace(/%[-#0 +]*\d*(?:\.\d+)?[sdrifxa%]/g, (m) => (m === '%%' ? '%' : (() => { const a = args[i++]; return a ? (a.text ?? (a.num !== undefined ? String(a.num) : UNKNOWN)) : UNKNOWN; })()));
      return taint(val({ text: cap(text), flags: F.BUILT }));
    }
    if (op === '*' && l.text !== undefined && r.num !== undefined) return taint(val({ text: cap(l.text.repeat(Math.max(0, Math.min(r.num, 1000)))), flags: F.BUILT }));
    if (op === '/' && (l.ref?.startsWith('pathlib.Path') || normalizeRef(l.ref ?? '').startsWith('pathlib.Path'))) {
      return taint(val({ ref: 'pathlib.Path()', text: `${textOf(l)}/${textOf(r)}`, ...(l.snapshot ? { snapshot: l.snapshot } : {}) }));
    }
    if (op === 'or' || op === 'and') return this.merge(l, r);
    if (op === '&' && l.num !== undefined && r.num !== undefined) return val({ num: l.num & r.num });
    return taint(val());
  }

  private comprehension(n: SyntaxNode, scope: Scope): Val {
    const ks = this.kids(n);
    const forAt = ks.findIndex((k) => k.name === 'for');
    const inAt = ks.findIndex((k, i) => i > forAt && k.name === 'in');
    const inner = newScope('function', scope);
    inner.params = scope.params;
    let iter = val();
    if (forAt >= 0 && inAt > forAt) {
      const iterNode = ks[inAt + 1];
      iter = iterNode ? this.eval(iterNode, scope) : val();
      const targets = ks.slice(forAt + 1, inAt).filter((k) => k.name !== ',');
      const each = iter.flags & F.ENV_ALL ? withTaint(val({ flags: F.SECRET }), [iter], F.SECRET | F.DOWNLOADED | F.DECODED) : withTaint(val(), [iter]);
      this.assignTargets(targets, targets.length > 1 ? val({ items: targets.map(() => each) }) : each, inner);
      if (iter.flags & F.ENV_ALL) this.envSweep(n, this.line(n.from));
    }
    const rest = ks.filter((_, i) => i !== inAt + 1 && !(i > forAt && i < inAt));
    const vals = rest.filter((k) => !['[', ']', '{', '}', '(', ')', 'for', 'in', 'if', ':', ','].includes(k.name)).map((k) => this.eval(k, inner));
    const res = unknown([...vals, iter], PROPAGATE | F.SECRET);
    if (iter.flags & F.ENV_ALL) res.flags |= F.SECRET;
    // Constant folding over literal lists: ''.join(chr(c) for c in [111, 115]).
    const elem = ks[1];
    if (iter.items && forAt === 2 && elem && iter.items.length <= MAX_ITEMS && !this.overBudget()) {
      const targets = ks.slice(forAt + 1, inAt).filter((k) => k.name !== ',');
      if (targets.length === 1 && targets[0]?.name === 'VariableName' && !ks.some((k, i) => i > inAt + 1 && k.name === 'if')) {
        this.quiet++;
        try {
          res.items = iter.items.map((item) => {
            inner.vars.set(this.t(targets[0] as SyntaxNode), item);
            return this.eval(elem, inner);
          });
        } finally {
          this.quiet--;
        }
      }
    }
    return res;
  }

  private member(n: SyntaxNode, scope: Scope): Val {
    const ks = this.kids(n);
    const objNode = ks[0] as SyntaxNode;
    const last = ks[ks.length - 1] as SyntaxNode;
    if (last.name === 'PropertyName' && ks.length === 3) {
      const attr = this.t(last);
      if (objNode.name === 'VariableName') {
        const dotted = `${this.t(objNode)}.${attr}`;
        for (let s: Scope | undefined = scope; s; s = s.parent) {
          if (s.kind === 'class' && s !== scope) continue;
          const v = s.vars.get(dotted);
          if (v) return { ...v, key: dotted };
        }
        if (scope.cls && this.t(objNode) === scope.selfName) {
          const m = this.memberOf(scope.cls, attr);
          if (m) return m.fn && this.isMethod(m.fn) ? { ...m, key: dotted, self: this.lookup(scope.selfName, scope) } : { ...m, key: dotted };
        }
      }
      const obj = this.eval(objNode, scope);
      return this.attribute(obj, attr, this.line(n.from), objNode.name === 'VariableName' ? `${this.t(objNode)}.${attr}` : undefined);
    }
    // Subscript or slice.
    const obj = this.eval(objNode, scope);
    const inside = ks.slice(1).filter((k) => k.name !== '[' && k.name !== ']');
    const idxVals = inside.filter((k) => k.name !== ':' && k.name !== ',').map((k) => this.eval(k, scope));
    const line = this.line(n.from);
    const sliceText = this.cur.src.slice(objNode.to, n.to).replace(/\s+/g, '');
    if (sliceText === '[::-1]' && obj.text !== undefined) {
      return withTaint(val({ text: [...obj.text].reverse().join(''), flags: F.BUILT, ...(obj.bytes ? { bytes: true } : {}) }), [obj]);
    }
    const idx = idxVals[0];
    if (inside.some((k) => k.name === ':')) return withTaint(val(obj.text !== undefined ? { text: UNKNOWN } : {}), [obj]);
    if (!idx) return withTaint(val(), [obj]);
    return this.subscript(obj, idx, line, scope);
  }

  private subscript(obj: Val, idx: Val, line: number, scope: Scope): Val {
    const ref = obj.ref ? normalizeRef(obj.ref) : undefined;
    if (ref === 'os.environ' || ref === 'os.environb') return this.envRead(idx, line);
    if (ref === 'sys.modules' && isKnown(idx)) return this.importByName(idx, line, 'sys.modules');
    if (ref && /^builtins\.(globals|locals|vars)$/.test(ref) && isKnown(idx)) {
      if (idx.text === '__builtins__') return val({ ref: 'builtins' });
      const v = this.lookup(idx.text, scope);
      return v.ref || v.fn || v.mod || v.cls ? v : val({ ref: `builtins.${idx.text}` });
    }
    if (ref && /(^builtins|\.__dict__)$/.test(ref) && isKnown(idx)) {
      const base = ref.replace(/\.__dict__$/, '');
      return this.resolvedName(`${base}.${idx.text}`, idx, line, 'a subscript');
    }
    if (obj.entries && isKnown(idx)) {
      const e = obj.entries.get(idx.text);
      if (e) return e;
    }
    if (obj.entries && obj.entries.size > 0 && !isKnown(idx)) return this.anyOf([...obj.entries.values()], [obj, idx]);
    if (obj.items && idx.num !== undefined) {
      const item = obj.items[idx.num < 0 ? obj.items.length + idx.num : idx.num];
      if (item) return item;
    }
    return withTaint(val(obj.flags & F.ENV_ALL ? { flags: F.SECRET } : {}), [obj, idx], PROPAGATE & ~F.ENV_ALL);
  }

  private memberOf(cls: ClassInfo, name: string, depth = 0): Val | undefined {
    const m = cls.members.get(name);
    if (m) return m;
    if (depth > 8) return undefined;
    for (const b of cls.bases) {
      const r = this.memberOf(b, name, depth + 1);
      if (r) return r;
    }
    return undefined;
  }

  private extBasesOf(cls: ClassInfo, depth = 0): string[] {
    if (depth > 8) return [];
    return [...cls.extBases, ...cls.bases.flatMap((b) => this.extBasesOf(b, depth + 1))];
  }

  private attribute(obj: Val, attr: string, line: number, key?: string): Val {
    if (/^__(subclasses|globals|builtins|code|bases|base|mro|loader|getattribute)__$/.test(attr) && !(obj.ref === 'builtins' && attr === '__builtins__')) {
      this.hit('code.dynamic-import', 'high', line, `Reaches Python interpreter internals through .${attr}`, HELP.imp);
    }
    if (obj.mod) {
      if (attr === '__dict__') return val({ entries: obj.mod.scope.vars });
      const v = obj.mod.scope.vars.get(attr);
      return v ? { ...v } : withTaint(val(), [obj]);
    }
    if (obj.cls) {
      if (attr === '__dict__') return val({ entries: obj.cls.members });
      const m = this.memberOf(obj.cls, attr);
      if (m) return obj.inst && m.fn && this.isMethod(m.fn) ? { ...m, self: obj } : m;
      // threading.Thread / multiprocessing.Process subclasses: start() runs run().
      if (obj.inst && attr === 'start' && this.extBasesOf(obj.cls).some((b) => RUNNABLE_BASES.has(b))) {
        const run = this.memberOf(obj.cls, 'run');
        if (run?.fn) return { ...run, self: obj };
      }
      return withTaint(val({ recv: obj, attr, ...(key ? { key } : {}) }), [obj], ~F.BUILT);
    }
    if (obj.ref) {
      const ref = `${obj.ref}.${attr}`;
      const norm = normalizeRef(ref);
      if (HF_TOKEN_PATHS.has(norm)) return val({ text: '~/.cache/huggingface/token' });
      if (attr === 'parent' && normalizeRef(obj.ref).startsWith('pathlib.Path') && obj.text !== undefined) {
        return withTaint(val({ ref: 'pathlib.Path()', text: obj.text.includes('/') ? obj.text.replace(/\/[^/]*$/, '') : '' }), [obj], ~0);
      }
      const v = withTaint(val({ ref, recv: obj, attr, ...(key ? { key } : {}) }), [obj], ~0);
      if (norm === 'os.environ') v.flags |= F.ENV_ALL;
      // The interpreter running the code: `[sys.executable, "-m", "pip", …]` runs Python, not a computed program.
      if (norm === 'sys.executable') v.text = 'python3';
      if (/^stat\.S_I(EXEC|XUSR|XGRP|XOTH|RWXU|RWXG|RWXO)$/.test(norm)) v.exeBit = true;
      return v;
    }
    return withTaint(val({ recv: obj, attr, ...(key ? { key } : {}) }), [obj], ~F.BUILT);
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────────────────────

  private args(argList: SyntaxNode, scope: Scope): { pos: Val[]; kw: Map<string, Val>; all: Val[] } {
    const pos: Val[] = [];
    const kw = new Map<string, Val>();
    const all: Val[] = [];
    if (argList.getChild('for')) {
      // f(x for x in xs): the single argument is a generator.
      const g = this.comprehension(argList, scope);
      return { pos: [g], kw, all: [g] };
    }
    const ks = this.kids(argList);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i] as SyntaxNode;
      if (['(', ')', ','].includes(k.name)) continue;
      if (k.name === 'VariableName' && ks[i + 1]?.name === 'AssignOp' && ks[i + 2]) {
        const v = this.eval(ks[i + 2] as SyntaxNode, scope);
        kw.set(this.t(k), v);
        all.push(v);
        i += 2;
        continue;
      }
      if (k.name === '*' || k.name === '**') {
        const v = ks[i + 1] ? this.eval(ks[i + 1] as SyntaxNode, scope) : val();
        all.push(v);
        if (k.name === '*' && v.items) pos.push(...v.items);
        if (k.name === '**' && v.entries) for (const [ek, ev] of v.entries) kw.set(ek, ev);
        i++;
        continue;
      }
      const v = this.eval(k, scope);
      pos.push(v);
      all.push(v);
    }
    return { pos, kw, all };
  }

  private callExpr(n: SyntaxNode, scope: Scope): Val {
    const calleeNode = n.firstChild as SyntaxNode;
    const callee = this.eval(calleeNode, scope);
    const argList = n.getChild('ArgList');
    const a = argList ? this.args(argList, scope) : { pos: [], kw: new Map<string, Val>(), all: [] };
    return this.call(callee, a.pos, a.kw, a.all, this.line(n.from), scope);
  }

  /** Whether a value can be called (a function, a bound or partial callable, a class, a library function). */
  private callable(v: Val): boolean {
    return !!(v.fn || v.partial || v.getter || (v.cls && !v.inst) || (v.cls && v.inst && this.memberOf(v.cls, '__call__')) || (v.ref && !v.ref.endsWith('()')));
  }

  /** A callable that runs programs or code: os.system, or a partial/methodcaller that ends in one. */
  private dangerousCallable(v: Val, depth = 0): boolean {
    if (depth > 4) return false;
    if (v.ref && !v.ref.endsWith('()') && runsCode(normalizeRef(v.ref))) return true;
    if (v.partial) return this.dangerousCallable(v.partial.callee, depth + 1) || [...v.partial.pos, ...v.partial.kw.values()].some((a) => this.strong(a, 1));
    if (v.getter) return RUNNER_METHOD.test(v.getter.name.split('.').pop() as string);
    return false;
  }

  /** A value the analysis must not lose: a callable that runs code, or tainted data. */
  private strong(v: Val, depth = 0): boolean {
    if (v.inst) return false;
    if (this.dangerousCallable(v)) return true;
    if (v.flags & (TAINT | F.DL_PATH | F.EXECUTABLE)) return true;
    if (depth < 2 && v.items) return v.items.slice(0, 16).some((i) => this.strong(i, depth + 1));
    if (depth < 2 && v.entries) return [...v.entries.values()].slice(0, 16).some((i) => this.strong(i, depth + 1));
    return false;
  }

  /** Arguments worth analysing a callee again for: callables, tainted data, constant text. */
  private interesting(v: Val, depth = 0): boolean {
    if (this.strong(v, depth)) return true;
    if (v.fn || v.cls || v.mod) return true;
    // Constant text only when it can matter downstream: a command, a URL, code, a path.
    if (v.text !== undefined && v.text.length > 2 && (looksActive(v.text) || /[/\\|;&$`]/.test(v.text))) return true;
    if (depth < 2 && v.items) return v.items.slice(0, 16).some((i) => this.interesting(i, depth + 1));
    return false;
  }

  /** A short, stable description of a value, to tell analyses with different arguments apart. */
  private sig(v: Val, depth = 0): string {
    const p: string[] = [];
    if (v.text !== undefined) p.push(`t${v.text.slice(0, 96)}`);
    if (v.num !== undefined) p.push(`n${v.num}`);
    if (v.ref) p.push(`r${v.ref}`);
    if (v.fn) p.push(`f${v.fn.id}`);
    if (v.cls) p.push(`c${v.cls.id}${v.inst ? 'i' : ''}`);
    if (v.mod) p.push(`m${v.mod.path}`);
    if (v.partial && depth < 3) p.push(`p(${this.sig(v.partial.callee, depth + 1)};${v.partial.pos.map((x) => this.sig(x, depth + 1)).join(',')})`);
    if (v.getter && depth < 3) p.push(`g(${v.getter.kind}:${v.getter.name};${v.getter.pos.map((x) => this.sig(x, depth + 1)).join(',')})`);
    if (v.items && depth < 2) p.push(`[${v.items.slice(0, 8).map((x) => this.sig(x, depth + 1)).join(',')}]`);
    if (v.flags) p.push(`F${v.flags}`);
    return p.join('|');
  }

  /**
   * Calls a function defined in the analysed code. Its own analysis (arguments unknown) gives a summary; with
   * arguments worth knowing it is analysed again with them, within the call-depth and step budgets.
   */
  private callFn(fn: FnInfo, pos: Val[], kw: Map<string, Val>, line: number, scope: Scope, self?: Val, force = false): Val {
    if (fn.state === 'new') this.analyzeFn(fn);
    const method = this.isMethod(fn);
    const positional = method && self ? [self, ...pos] : pos;
    const args = [...positional, ...kw.values()];
    let result: Val | undefined;
    const worth = force || args.some((a) => this.interesting(a));
    if (worth) {
      const must = args.some((a) => this.strong(a)) || force;
      if (this.inline.includes(fn)) {
        // Recursion: the outer analysis with these arguments covers the body.
      } else if (this.inline.length >= MAX_CALL_DEPTH || this.overBudget()) {
        if (must) this.limit(line, fn, this.inline.length >= MAX_CALL_DEPTH ? `calls nest more than ${MAX_CALL_DEPTH} deep` : 'the step budget for this code is spent');
      } else {
        const key = `${force ? `v${(self ?? positional[0])?.cls?.version ?? ''}` : ''}${args.length}:${positional.map((a) => this.sig(a)).join('\u0001')}\u0002${[...kw].map(([k, v]) => `${k}=${this.sig(v)}`).join('\u0001')}`;
        const memo = fn.memo.get(key);
        if (memo) result = memo;
        else {
          result = this.inlineCall(fn, positional, kw);
          if (fn.memo.size < 64) fn.memo.set(key, result);
        }
      }
    }
    for (const [i, m] of fn.paramMarks) {
      const a = positional[i];
      if (a) for (const l of m.lines) this.mark(a, m.flags, l, m.why[0] ?? `marked at ${this.at(l)}`, scope);
    }
    if (!result) {
      const r = fn.returns ?? val();
      result = r.param !== undefined && positional[r.param] ? (positional[r.param] as Val) : r;
    }
    return { ...result, why: [...result.why], lines: [...result.lines] };
  }

  private inlineCall(fn: FnInfo, positional: Val[], kw: Map<string, Val>): Val {
    const mod = this.mods[fn.mod] as Mod;
    return this.withMod(mod, () => {
      const scope = newScope('function', fn.outer);
      scope.fn = fn;
      if (fn.cls) scope.cls = fn.cls;
      const specs = this.params(fn.node);
      let i = 0;
      const used = new Set<string>();
      specs.forEach((p, index) => {
        let v: Val;
        if (p.kind === 'pos') {
          v = i < positional.length ? (positional[i++] as Val) : kw.get(p.name) ?? fn.defaults.get(p.name) ?? val({ flags: F.PARAM });
          used.add(p.name);
        } else if (p.kind === 'star') {
          v = val({ items: positional.slice(i) });
          i = positional.length;
        } else if (p.kind === 'kwonly') {
          v = kw.get(p.name) ?? fn.defaults.get(p.name) ?? val({ flags: F.PARAM });
          used.add(p.name);
        } else {
          v = val({ entries: new Map([...kw].filter(([k]) => !used.has(k))) });
        }
        if (index === 0 && this.isMethod(fn)) scope.selfName = p.name;
        scope.vars.set(p.name, { ...v, key: p.name, param: index });
        scope.params.set(p.name, index);
      });
      this.inline.push(fn);
      const saveQuiet = this.quiet;
      const saveMode = this.inlineMode;
      this.quiet = 0;
      this.inlineMode = true;
      try {
        return this.runBody(fn, scope);
      } finally {
        this.quiet = saveQuiet;
        this.inlineMode = saveMode;
        this.inline.pop();
      }
    });
  }

  private limit(line: number, fn: FnInfo, why: string): void {
    if (this.limitLines.has(line)) return;
    this.limitLines.add(line);
    this.hit('code.analysis-limit', 'high', line,
      `The analysis stopped following a callable or tainted value into ${fn.name}(): ${why}, so what that call does with it was not examined`, HELP.limit);
  }

  /** Calls made by a library function that calls what it is given (Timer, Thread, atexit.register, map …). */
  private invoke(inv: Invocation, name: string, pos: Val[], kw: Map<string, Val>, line: number, scope: Scope): void {
    const argAt = (a: ArgAt): Val | undefined => (a.pos !== undefined ? pos[a.pos] : undefined) ?? (a.kw ? kw.get(a.kw) : undefined);
    for (const where of inv.fn) {
      const f = argAt(where);
      if (!f || !this.callable(f)) continue;
      const kwargs = inv.kwargs ? argAt(inv.kwargs)?.entries ?? new Map<string, Val>() : new Map<string, Val>();
      const calls: Val[][] = [];
      const spec = inv.args;
      if ('seq' in spec) {
        const s = argAt(spec.seq);
        calls.push(s ? s.items ?? [withTaint(val(), [s])] : []);
      } else if ('rest' in spec) calls.push(pos.slice(spec.rest));
      else if ('unknown' in spec) calls.push(Array.from({ length: spec.unknown }, () => val()));
      else {
        const it = argAt(spec.each);
        const items = it?.items && it.items.length <= MAX_UNROLL ? it.items : [it ? withTaint(val(), [it], TAINT) : val()];
        for (const item of items) calls.push(spec.star ? item.items ?? [item] : [item]);
      }
      this.via.push(name.replace(/^builtins\./, ''));
      try {
        for (const c of calls) this.call(f, c, kwargs, [...c, ...kwargs.values()], line, scope);
      } finally {
        this.via.pop();
      }
    }
  }

  private call(callee: Val, pos: Val[], kw: Map<string, Val>, all: Val[], line: number, scope: Scope): Val {
    if (callee.fn) return this.callFn(callee.fn, pos, kw, line, scope, callee.self);
    if (callee.partial) {
      const p = callee.partial;
      const merged = new Map([...p.kw, ...kw]);
      return this.call(p.callee, [...p.pos, ...pos], merged, [...p.pos, ...pos, ...merged.values()], line, scope);
    }
    if (callee.getter) {
      const g = callee.getter;
      const obj = pos[0] ?? val();
      let v = obj;
      for (const part of g.name.split('.')) v = this.attribute(v, part, line);
      if (g.kind === 'attrgetter') return v;
      return this.call(v, g.pos, g.kw, [...g.pos, ...g.kw.values()], line, scope);
    }
    if (callee.cls && !callee.inst) return this.instantiate(callee.cls, pos, kw, all, line, scope);
    if (callee.cls && callee.inst) {
      const c = this.memberOf(callee.cls, '__call__');
      if (c?.fn) return this.callFn(c.fn, pos, kw, line, scope, callee);
    }
    if (callee.mod) return withTaint(val(), all);
    const name = callee.ref ? normalizeRef(callee.ref) : callee.attr ? `.${callee.attr}` : '';
    const arg = (i: number, k?: string): Val | undefined => pos[i] ?? (k ? kw.get(k) : undefined);
    const inv = name ? invocationOf(name) : undefined;
    const generic = (): Val => {
      const v = withTaint(val(callee.ref ? { ref: `${callee.ref}()` } : {}), [...all, ...(callee.recv ? [callee.recv] : [])]);
      // Mutating methods carry their arguments' taint into the receiver (collected.append(secret)).
      if (callee.recv?.key && /^(append|extend|update|add|insert|setdefault|write|writelines|put)$/.test(callee.attr ?? '') && all.some((a) => a.flags & TAINT)) {
        const bound = this.lookup(callee.recv.key, scope);
        this.bind(callee.recv.key, withTaint({ ...bound }, all), scope);
      }
      if (callee.recv?.entries && /^(get|pop|setdefault)$/.test(callee.attr ?? '') && pos[0]) {
        const e = isKnown(pos[0]) ? callee.recv.entries.get(pos[0].text) : undefined;
        if (e) return e;
        // A key known only at run time ({"posix": os.system}.get(os.name, print)) can select any value, or the default.
        if (!isKnown(pos[0])) return this.anyOf([...callee.recv.entries.values(), ...(pos[1] ? [pos[1]] : [])], [pos[0]]);
      }
      // A function that runs programs or code handed to a call the analysis does not model may be called there.
      const passed = all.find((a) => this.dangerousCallable(a));
      if (passed && name && !inv && !name.startsWith('builtins.')) {
        const what = passed.ref ? normalizeRef(passed.ref) : passed.partial ? 'a functools.partial' : 'an operator.methodcaller';
        this.hit('code.indirect-call', 'high', line, `Hands ${what} to ${name.replace(/^\./, '')}, which can call it later`, HELP.indirect, passed.lines);
      }
      return v;
    };

    // Library calls that call a function they are given.
    if (inv) this.invoke(inv, name, pos, kw, line, scope);
    const codeArgs = CODE_STRING_RUNNERS.get(name);
    if (codeArgs) {
      for (const a of codeArgs) {
        const v = (a.pos !== undefined ? pos[a.pos] : undefined) ?? (a.kw ? kw.get(a.kw) : undefined);
        if (!v) continue;
        if (this.callable(v) && v.text === undefined) this.call(v, [], new Map(), [], line, scope);
        else this.dynamicExec(name, v, line, scope);
      }
      return withTaint(val({ ref: `${name}()` }), all);
    }

    // Strings and bytes.
    const strOp = this.stringMethod(callee, pos, kw, line);
    if (strOp) return strOp;
    const decoded = this.decoderCall(name, pos, kw, line);
    if (decoded) return decoded;

    switch (name) {
      case 'builtins.__import__': case 'importlib.import_module': case 'importlib.__import__': {
        const a = arg(0, 'name');
        return a ? this.importByName(a, line, name.replace('builtins.', '')) : val();
      }
      // Where site-packages is, known only at run time: a marker, so a file written there is recognised.
      case 'site.getsitepackages': return val({ items: [val({ text: SITE_PACKAGES })] });
      case 'site.getusersitepackages': return val({ text: SITE_PACKAGES });
      case 'sysconfig.get_path': {
        const a = arg(0, 'name');
        return a && isKnown(a) && /^(pure|plat)lib$/.test(a.text) ? val({ text: SITE_PACKAGES }) : withTaint(val(), all);
      }
      case 'pkgutil.resolve_name': {
        // "pkg.mod:attr.attr" (or "pkg.mod.attr"): an import plus attribute lookups, by a string.
        const a = arg(0, 'name');
        if (!a) return val();
        if (!isKnown(a)) return withTaint(val(), [a]);
        const colon = a.text.indexOf(':');
        if (colon < 0) return this.resolvedName(a.text, a, line, 'pkgutil.resolve_name');
        let v = this.importByName({ ...a, text: a.text.slice(0, colon) }, line, 'pkgutil.resolve_name');
        for (const part of a.text.slice(colon + 1).split('.').filter((x) => x.length > 0)) v = this.attribute(v, part, line);
        return v;
      }
      case 'builtins.getattr': {
        const [obj, attr] = pos;
        if (!obj || !attr) return val();
        if (isKnown(attr) && !(attr.flags & (F.BUILT | F.DECODED))) return this.attribute(obj, attr.text, line);
        // The analysed code's own objects dispatch by name (getattr(self, "do_" + cmd)): a member, not a hidden import.
        if (obj.cls || obj.mod) return isKnown(attr) ? withTaint(this.attribute(obj, attr.text, line), [attr]) : withTaint(val(), [obj, attr]);
        const root = obj.ref ? normalizeRef(obj.ref).split('.')[0] as string : undefined;
        const moduleLike = obj.ref !== undefined && !obj.ref.includes('()') && root !== undefined && (DANGER_ROOTS.has(root) || obj.ref === 'builtins');
        if (isKnown(attr)) return moduleLike || obj.ref ? this.resolvedName(`${normalizeRef(obj.ref ?? '?')}.${attr.text}`, attr, line, 'getattr') : withTaint(this.attribute(obj, attr.text, line), [attr]);
        if (moduleLike) this.hit('code.dynamic-import', 'high', line, `Reaches an attribute of ${normalizeRef(obj.ref as string)} whose name is computed at run time`, HELP.imp, attr.lines);
        return withTaint(val(), [obj, attr]);
      }
      case 'builtins.setattr': {
        const [obj, attr, v] = pos;
        if (obj && attr && v && isKnown(attr)) {
          if (obj.cls) this.setMember(obj.cls, attr.text, v);
          else if (obj.mod) obj.mod.scope.vars.set(attr.text, v);
          this.hooked(obj, attr.text, v, line, scope);
        }
        return val();
      }
      case 'builtins.globals': case 'builtins.locals':
        return val({ ref: `${name}()` });
      case 'builtins.vars': {
        const a = arg(0);
        if (!a) return val({ ref: 'builtins.vars()' });
        if (a.mod) return val({ entries: a.mod.scope.vars });
        if (a.cls) return val({ entries: a.cls.members });
        if (a.ref) return val({ ref: `${normalizeRef(a.ref)}.__dict__` });
        return withTaint(val(), [a]);
      }
      case 'builtins.staticmethod': case 'builtins.classmethod': case 'builtins.property':
        return pos[0] ? { ...pos[0] } : val();
      case 'types.MethodType':
        return pos[0]?.fn ? { ...pos[0], ...(pos[1] ? { self: pos[1] } : {}) } : generic();
      case 'functools.partial': case 'functools.partialmethod': {
        const f = pos[0] ?? kw.get('func');
        if (!f) return val();
        return withTaint(val({ ref: 'functools.partial()', partial: { callee: f, pos: pos.slice(1), kw: new Map(kw) } }), pos.slice(1), TAINT);
      }
      case 'operator.methodcaller': case 'operator.attrgetter': {
        const n0 = pos[0];
        if (!n0 || !isKnown(n0)) {
          if (n0) this.hit('code.dynamic-import', 'high', line, `Builds an ${name} whose name is computed at run time`, HELP.imp, n0.lines);
          return generic();
        }
        if (n0.flags & (F.BUILT | F.DECODED)) this.resolvedName(`<object>.${n0.text}`, n0, line, name);
        return val({ ref: `${name}()`, getter: { kind: name === 'operator.methodcaller' ? 'methodcaller' : 'attrgetter', name: n0.text, pos: pos.slice(1), kw: new Map(kw) } });
      }
      case 'builtins.super': {
        for (let s: Scope | undefined = scope; s; s = s.parent) {
          const base = s.cls?.bases[0];
          if (s.cls) return base ? val({ cls: base, inst: true, ref: 'builtins.super()' }) : val({ ref: 'builtins.super()' });
        }
        return val({ ref: 'builtins.super()' });
      }
      case 'builtins.dict': {
        const base = pos[0];
        return withTaint(val({ entries: new Map([...(base?.entries ?? []), ...kw]) }), all);
      }
      case 'builtins.chr': {
        const a = arg(0);
        return a?.num !== undefined && a.num >= 0 && a.num <= 0x10ffff ? val({ text: String.fromCodePoint(a.num), flags: F.BUILT }) : val({ text: UNKNOWN });
      }
      case 'builtins.str': {
        const a = arg(0);
        return a ? withTaint(val({ ...(a.text !== undefined ? { text: a.text } : a.num !== undefined ? { text: String(a.num) } : {}), ...(a.key ? { key: a.key } : {}) }), [a], ~0) : val({ text: '' });
      }
      case 'builtins.bytes': case 'builtins.bytearray': {
        const a = arg(0);
        if (a?.items && a.items.every((i) => i.num !== undefined)) return val({ text: String.fromCharCode(...a.items.map((i) => (i.num as number) & 0xff)), bytes: true, flags: F.BUILT });
        return a ? withTaint(val({ ...(a.text !== undefined ? { text: a.text } : {}), bytes: true }), [a], ~0) : val({ text: '', bytes: true });
      }
      case 'builtins.reversed': {
        const a = arg(0);
        return a?.text !== undefined ? withTaint(val({ text: [...a.text].reverse().join(''), flags: F.BUILT }), [a]) : withTaint(val(), all);
      }
      case 'builtins.list': case 'builtins.tuple': {
        const a = arg(0);
        return a ? { ...a, key: undefined as unknown as string } : val({ items: [] });
      }
      case 'os.path.join': case 'os.path.expanduser': case 'os.path.expandvars': case 'os.path.abspath': case 'os.path.realpath':
      case 'os.path.normpath': case 'os.fspath': case 'os.path.dirname': {
        if (name === 'os.path.join') return this.pathJoin(pos, 'str');
        const a = arg(0);
        if (!a) return val();
        if (name === 'os.path.dirname') return withTaint(val({ text: a.text === undefined ? UNKNOWN : a.text.includes('/') ? a.text.replace(/\/[^/]*$/, '') : '' }), [a], ~0);
        return withTaint(val({ ...(a.text !== undefined ? { text: a.text } : {}), ...(a.key ? { key: a.key } : {}) }), [a], ~0);
      }
      case 'pathlib.Path': return this.pathJoin(pos, 'path');
      case 'pathlib.Path.home': return val({ ref: 'pathlib.Path()', text: '~' });
      case 'pathlib.Path.joinpath': return this.pathJoin([callee.recv ?? val(), ...pos], 'path');
      case 'pathlib.Path.expanduser': case 'pathlib.Path.resolve': case 'pathlib.Path.absolute':
        return callee.recv ? { ...callee.recv } : val();
      case 'tempfile.gettempdir': return val({ text: '/tmp' });
      case 'os.getenv': case 'os.environ.get': case 'os.environ.setdefault': case 'os.environ.pop': case 'os.getenvb': {
        const a = arg(0, 'key');
        return a ? this.envRead(a, line, arg(1, name === 'os.getenv' || name === 'os.getenvb' ? 'default' : undefined)) : val();
      }
      case 'sys.path.insert': { const p = arg(1); if (p) { this.snapshotCode(p, line, 'puts it on sys.path, so the modules imported next can come from it'); this.addSysPath(p); } return val(); }
      case 'sys.path.append': case 'site.addsitedir': { const p = arg(0); if (p) { this.snapshotCode(p, line, 'puts it on sys.path, so the modules imported next can come from it'); this.addSysPath(p); } return val(); }
      case 'sys.path.extend': { for (const p of arg(0)?.items ?? []) this.addSysPath(p); return val(); }
      case 'os.chmod': case 'os.lchmod': case 'pathlib.Path.chmod': {
        const path = name === 'pathlib.Path.chmod' ? callee.recv : arg(0, 'path');
        const mode = name === 'pathlib.Path.chmod' ? arg(0, 'mode') : arg(1, 'mode');
        if (path && mode?.exeBit) this.chmodX(path, line, scope);
        return val();
      }
      case 'builtins.open': case 'os.open': case 'os.fdopen': case 'pathlib.Path.open': {
        const path = name === 'pathlib.Path.open' ? callee.recv : arg(0, 'file');
        const mode = name === 'pathlib.Path.open' ? arg(0, 'mode') : arg(1, 'mode');
        if (!path) return generic();
        this.fileAccess(name, path, line);
        const p = this.pathFlags(path, scope);
        const write = mode !== undefined && /[wax+]/.test(textOf(mode));
        const v = withTaint(val({ ref: 'builtins.open()', handle: { path, write } }), [path], F.SECRET);
        if (!write && p.flags & F.DL_PATH) withTaint(v, [val({ flags: F.DOWNLOADED, lines: p.lines, why: p.why })]);
        const cred = credentialLocation(textOf(path));
        if (cred) withTaint(v, [val({ flags: F.SECRET, lines: [line], why: [`${cred} read at ${this.at(line)}`] })]);
        return v;
      }
      case 'urllib.request.Request': {
        const url = arg(0, 'url') ?? val();
        const data = arg(1, 'data');
        const headers = arg(2, 'headers');
        const method = kw.get('method');
        const v = withTaint(val({ ref: 'urllib.request.Request()', items: [url, data ?? val(), headers ?? val()] }), [url], ~0);
        v.text = url.text ?? UNKNOWN;
        if (data || (method && /POST|PUT|PATCH/i.test(textOf(method)))) v.flags |= F.REQUEST_BODY;
        return v;
      }
      case 'zipimport.zipimporter': {
        const p = arg(0, 'archivepath');
        this.hit('code.dynamic-import', 'high', line, `Loads Python code from an archive at run time with ${name}${p && isKnown(p) ? ` (${p.text})` : ''}`, HELP.imp);
        return withTaint(val({ ref: 'zipimport.zipimporter()', ...(p?.text !== undefined ? { text: p.text } : {}) }), all);
      }
      case 'zipimport.zipimporter.load_module': case 'zipimport.zipimporter.exec_module': case 'zipimport.zipimporter.find_spec': {
        const archive = callee.recv;
        const m = arg(0, 'fullname');
        if (archive && isKnown(archive) && m && isKnown(m)) {
          const root = `${joinPath('', archive.text.replace(/^\.\//, '')) ?? archive.text}!`;
          for (const c of [`${root}/${m.text.replace(/\./g, '/')}.py`, `${root}/${m.text.replace(/\./g, '/')}/__init__.py`]) {
            const loaded = this.load(c);
            if (loaded) {
              this.cur.deps.add(loaded.path);
              return val({ mod: loaded.ref });
            }
          }
        }
        return generic();
      }
    }

    if (name === 'setuptools.setup' || name === 'distutils.core.setup') this.setupCall(kw, line);
    if (name === 'torch.hub.load' || name === 'torch.hub.list' || name === 'torch.hub.help') {
      // torch.hub imports hubconf.py from a GitHub repository (unless source="local"): code from outside this review.
      const repoArg = arg(0, 'repo_or_dir');
      const source = kw.get('source');
      if (!(source && isKnown(source) && source.text === 'local')) {
        const sensitive = this.cur.context === 'remote-code' || this.cur.context === 'setup';
        const gh = repoArg && isKnown(repoArg) ? /^([\w.-]+)\/([\w.-]+)(?::(\S+))?$/.exec(repoArg.text.trim()) : null;
        const owner = gh?.[1]?.toLowerCase();
        const ref = gh?.[3];
        const known = owner !== undefined && TORCH_HUB_PUBLISHERS.has(owner);
        const pinned = ref !== undefined && !/^(main|master|dev|develop|latest|head)$/i.test(ref);
        const trustRepo = kw.get('trust_repo');
        const preTrusted = trustRepo !== undefined && (trustRepo.num === 1 || trustRepo.text === 'True');
        const shown = repoArg && isKnown(repoArg) ? repoArg.text : '(computed at run time)';
        // A well-known publisher's repository pinned to a release is how torch.hub is meant to be used: a note.
        // trust_repo=True answers torch's "do you trust this repository?" for the user: on a repository of an
        // unknown owner, not pinned to a commit, that is unreviewed code run on the card's say-so.
        const severity: Severity = known && pinned && !sensitive ? 'low'
          : sensitive || (preTrusted && !known && !(ref && /^[0-9a-f]{40}$/i.test(ref))) ? 'high' : 'medium';
        this.hit('code.remote-import', severity, line,
          `Imports hubconf.py from the GitHub repository ${shown} with ${name}${preTrusted && !known ? ' with trust_repo=True, which skips torch\'s own trust prompt' : ''}; that code is not part of this review`,
          'torch.hub runs the repository\'s hubconf.py with the user\'s privileges. Pin it (owner/repo:commit) and review it, or do not approve.', repoArg?.lines ?? []);
      }
    }
    const connection = CONNECTIONS.get(name);
    if (connection) {
      const host = arg(0, connection);
      return withTaint(val({ ref: `${name}()`, ...(host?.text !== undefined ? { text: host.text } : {}) }), all, ~0 & ~F.BUILT);
    }
    if (callee.recv?.handle && !callee.recv.handle.write && /^(read|readlines)$/.test(callee.attr ?? '') && isKnown(callee.recv.handle.path)) {
      return { ...generic(), fromFile: callee.recv.handle.path.text };
    }
    if (name === 'pathlib.Path.read_text' && callee.recv && isKnown(callee.recv) && !credentialLocation(callee.recv.text)) {
      return { ...generic(), fromFile: callee.recv.text };
    }
    const fileWrite = ((callee.attr === 'write' || callee.attr === 'writelines') && callee.recv?.handle !== undefined) ||
      name === 'pathlib.Path.write_bytes' || name === 'pathlib.Path.write_text';
    if (fileWrite) {
      const data = arg(0);
      const target = name.startsWith('pathlib') ? callee.recv : callee.recv?.handle?.path;
      if (target) this.persists(target, data, line, 'Writes');
      if (data && target && data.flags & F.DOWNLOADED) {
        this.mark(target, F.DL_PATH, line, `written with downloaded content at ${this.at(line)}`, scope);
        scope.downloads.push(line);
        this.reachDecodes(data, 'a file write', line);
      }
      if (data && target && data.flags & F.DECODED && !(data.flags & F.DOWNLOADED)) {
        this.mark(target, F.DL_PATH, line, `written with decoded content at ${this.at(line)}`, scope);
      }
      return generic();
    }
    if (name === 'shutil.copyfileobj') {
      const [src, dst] = pos;
      if (src && dst?.handle && src.flags & F.DOWNLOADED) {
        this.mark(dst.handle.path, F.DL_PATH, line, `written with downloaded content at ${this.at(line)}`, scope);
        scope.downloads.push(line);
      }
      return generic();
    }
    const cloud = CREDENTIAL_GETTERS.get(name);
    if (cloud) {
      this.cur.secretReads.push({ line, what: cloud });
      return val({ flags: F.SECRET, lines: [line], why: [`${cloud} read at ${this.at(line)}`] });
    }
    if (TOKEN_GETTERS.has(name)) {
      this.cur.secretReads.push({ line, what: 'the Hugging Face token' });
      return val({ flags: F.SECRET, lines: [line], why: [`the Hugging Face token read at ${this.at(line)}`] });
    }
    if (FILE_ACCESS.has(name)) {
      const copied = /^shutil\.(copy|copy2|copyfile|move)$/.test(name) ? arg(1, 'dst') : undefined;
      if (copied) this.persists(copied, arg(0, 'src'), line, `Copies ${textOf(arg(0, 'src') ?? val()).replace(/\0+/g, '…').slice(0, 60) || 'a file'} into`);
      const path = name.startsWith('pathlib.Path.') ? callee.recv : arg(0);
      if (path) this.fileAccess(name, path, line);
      const v = generic();
      const cred = path ? credentialLocation(textOf(path)) : undefined;
      if (cred) withTaint(v, [val({ flags: F.SECRET, lines: [line], why: [`${cred} read at ${this.at(line)}`] })]);
      return v;
    }
    const ipy = /^IPython\.get_ipython\.(system|getoutput|system_piped|system_raw|run_line_magic|magic|run_cell_magic)$/.exec(name)?.[1];
    if (ipy) {
      const cmd = this.ipythonShell(ipy, pos, kw);
      if (cmd) this.spawn(`get_ipython().${ipy}`, [cmd], new Map(), line, scope, true);
      return withTaint(val({ ref: `${name}()` }), all);
    }
    if (SPAWN_ARGV.has(name) || SPAWN_SHELL.has(name) || osExecProgramIndex(name) !== undefined) {
      const shellAt = SHELL_ARG_INDEX.get(name);
      const cmdArg = shellAt ? pos[shellAt[0]] ?? kw.get(shellAt[1]) : undefined;
      if (shellAt) {
        if (cmdArg) this.spawn(name, [cmdArg], new Map(), line, scope, true);
      } else this.spawn(name, pos, kw, line, scope);
      const out = withTaint(val({ ref: `${name}()` }), all);
      // A credential helper's output (gh auth token) is the credential it prints.
      const cmd = shellAt ? cmdArg : pos[osExecProgramIndex(name) ?? 0] ?? kw.get('args');
      const text = cmd?.items ? cmd.items.map((v) => textOf(v)).join(' ') : cmd ? textOf(cmd) : '';
      const cred = CREDENTIAL_PROGRAMS.find(([re]) => re.test(text.trim()))?.[1];
      if (cred) {
        this.cur.secretReads.push({ line, what: cred });
        return withTaint(out, [val({ flags: F.SECRET, lines: [line], why: [`${cred} read at ${this.at(line)}`] })]);
      }
      return out;
    }
    if (DYNAMIC_EXEC.has(name) || name === 'code.InteractiveInterpreter.runsource') {
      const a = arg(0, 'source') ?? arg(0, 'code') ?? arg(0, 'path_name') ?? arg(0, 'mod_name');
      if (a && name === 'runpy.run_path') this.snapshotCode(a, line, 'runs a file of it with runpy.run_path');
      if (a) this.dynamicExec(name, a, line, scope);
      if (a && isKnown(a) && (name === 'runpy.run_path' || name === 'runpy.run_module')) {
        const path = name === 'runpy.run_path' ? joinPath('', a.text.replace(/^\.\//, '')) : this.resolveModule(a.text, this.cur);
        const loaded = path ? this.load(path) : undefined;
        if (loaded) this.cur.deps.add(loaded.path);
      }
      return withTaint(val({ ref: `${name}()`, flags: a && a.flags & F.DECODED ? F.DECODED : 0 }), all);
    }
    if (name === 'marshal.loads' || name === 'marshal.load') {
      const a = arg(0);
      const v = val({ ref: 'marshal.loads()', flags: F.DECODED, lines: [line], why: [`a code object unmarshalled at ${this.at(line)}`] });
      if (a && (isKnown(a) || a.flags & (F.DECODED | F.DOWNLOADED))) {
        this.decodes.set(line, { line, technique: 'marshal', inputLength: textOf(a).length, literal: isKnown(a), active: true });
        this.reachDecodes(a, 'marshal.loads', line);
      } else this.hit('code.obfuscation', 'high', line, 'Unmarshals a Python code object (marshal), which only obfuscated code needs', HELP.obf);
      return withTaint(v, [a ?? val()]);
    }
    if (LOADS.has(name)) {
      const a = arg(0);
      if (a && (a.flags & (F.DECODED | F.DOWNLOADED) || (isKnown(a) && a.bytes && a.text.length > 2))) {
        const src = a.flags & F.DOWNLOADED ? 'downloaded' : a.flags & F.DECODED ? 'decoded' : 'embedded';
        this.hit(a.flags & F.DOWNLOADED ? 'code.download-exec' : 'code.dynamic-exec', 'critical', line, `Deserializes ${src} data with ${name}, which can run arbitrary code${a.why[0] ? ` (${a.why[0]})` : ''}`, HELP.exec, a.lines);
        this.reachDecodes(a, name, line);
      } else if (a && this.pathFlags(a, scope).flags & F.DL_PATH) {
        this.hit('code.download-exec', 'critical', line, `Deserializes a downloaded file with ${name}, which can run arbitrary code`, HELP.dlexec, this.pathFlags(a, scope).lines);
      }
      return generic();
    }
    if (NATIVE_LOAD.has(name) && name !== 'ctypes.util.find_library') {
      const a = arg(0);
      const p = a ? this.pathFlags(a, scope) : undefined;
      if (p && p.flags & (F.DL_PATH | F.DOWNLOADED)) this.hit('code.download-exec', 'critical', line, `Loads a downloaded native library (${p.why[0] ?? 'downloaded'})`, HELP.dlexec, p.lines);
      else this.hit('code.native-load', 'high', line, `Loads a native library with ${name}${a && isKnown(a) ? ` (${a.text})` : ''}`, HELP.native);
      return generic();
    }
    if (CODE_FROM_PATH.has(name)) {
      const a = arg(1, 'location') ?? arg(0);
      if (a) this.snapshotCode(a, line, `loads Python code from it with ${name}`);
      const p = a ? this.pathFlags(a, scope) : undefined;
      if (p && p.flags & (F.DL_PATH | F.DOWNLOADED)) this.hit('code.download-exec', 'critical', line, `Imports Python code from a downloaded file (${p.why[0] ?? 'downloaded'})`, HELP.dlexec, p.lines);
      else this.hit('code.dynamic-import', 'high', line, `Loads Python code from a file path at run time with ${name}`, HELP.imp);
      if (a && isKnown(a)) {
        const path = joinPath('', a.text.replace(/^\.\//, ''));
        const loaded = path ? this.load(path) : undefined;
        if (loaded) this.cur.deps.add(loaded.path);
      }
      return generic();
    }
    const shipped = this.telemetry(name, callee, pos, kw, all, line);
    if (shipped) return shipped;
    const toPath = FETCH_TO_PATH.get(name);
    if (toPath !== undefined) {
      const op = netOp('urllib.request.urlretrieve', [pos[0] ?? kw.get('url') ?? val()], new Map());
      if (op && !name.startsWith('huggingface_hub') && !name.startsWith('transformers')) this.leaks(name, op, line);
      else if (name.startsWith('huggingface_hub')) {
        // The Hub client puts the repository, file name, revision and folder in the request URL (the token goes in
        // a header, to the Hub): a secret in any of those travels in the URL path.
        const inUrl = [arg(0, 'repo_id'), arg(1, 'filename'), kw.get('revision'), kw.get('subfolder'), kw.get('repo_type')].filter((v): v is Val => v !== undefined);
        this.leaks(name, { kind: 'http', method: 'GET', dest: val({ text: 'https://huggingface.co' }), parts: inUrl.map((v) => ({ where: 'url' as const, v })), sends: false }, line);
      }
      return this.fetchToPath(name, toPath, pos, kw, line, scope);
    }
    // Any method of an XML-RPC proxy is a request to its server.
    const rpc = callee.recv?.ref && normalizeRef(callee.recv.ref) === 'xmlrpc.client.ServerProxy' ? callee.recv : undefined;
    const op = rpc ? { kind: 'http' as const, method: 'POST', dest: rpc, parts: [...all.map((v) => ({ where: 'body' as const, v })), { where: 'host' as const, v: rpc }], sends: true }
      : netOp(name, pos, kw, callee.recv?.ref && CONNECTIONS.has(normalizeRef(callee.recv.ref)) ? callee.recv : undefined);
    if (op) return this.network(name, op, line);
    if (FETCH.has(name) || SEND.has(name)) {
      const first = pos[0] ?? kw.get('url');
      const parts: NetOp['parts'] = all.map((v) => ({ where: v === first ? 'url' as const : 'body' as const, v }));
      return this.network(name, { kind: 'http', method: '', ...(first ? { dest: first } : {}), parts, sends: SEND.has(name) }, line);
    }
    return generic();
  }

  /**
   * The shell text an IPython call runs, as the `!cmd`, `%sx`/`%system`/`%pip` line or `%%bash` cell it stands
   * for: get_ipython().system(cmd), .getoutput(cmd), .run_line_magic("sx", cmd), .magic("sx cmd"),
   * .run_cell_magic("bash", "", cell). Undefined for magics that run no shell.
   */
  private ipythonShell(method: string, pos: Val[], kw: Map<string, Val>): Val | undefined {
    const shellMagic = /^(system|sx|sc|pip|conda|mamba|uv)$/;
    if (method === 'run_line_magic' || method === 'magic') {
      let magic = pos[0] ?? kw.get('magic_name') ?? kw.get('arg_s');
      let rest = method === 'magic' ? undefined : pos[1] ?? kw.get('line');
      if (!magic) return undefined;
      if (method === 'magic') {
        if (!isKnown(magic)) return withTaint(val(), [magic]);
        const m = /^\s*%?(\w+)\s*([^]*)$/.exec(magic.text);
        rest = withTaint(val({ text: m?.[2] ?? '' }), [magic], ~0);
        magic = val({ text: m?.[1] ?? '' });
      }
      if (!isKnown(magic)) return withTaint(val(), [magic, ...(rest ? [rest] : [])]);
      if (!shellMagic.test(magic.text) || !rest) return undefined;
      return /^(pip|conda|mamba|uv)$/.test(magic.text) ? this.binary(val({ text: `${magic.text} ` }), '+', rest) : rest;
    }
    if (method === 'run_cell_magic') {
      const magic = pos[0] ?? kw.get('magic_name');
      const cell = pos[2] ?? kw.get('cell');
      if (!magic || !cell) return undefined;
      if (!isKnown(magic)) return withTaint(val(), [magic, cell]);
      const lineArg = pos[1] ?? kw.get('line');
      const interp = lineArg && isKnown(lineArg) ? lineArg.text.trim().split(/\s+/)[0] ?? '' : '';
      return /^(bash|sh|system)$/.test(magic.text) || (magic.text === 'script' && /^(ba|z|da|k)?sh$/.test(interp)) ? cell : undefined;
    }
    return pos[0] ?? kw.get('cmd');
  }

  /** setup(data_files=…, entry_points=…, py_modules=…): files installed outside the package, commands shadowed. */
  private setupCall(kw: Map<string, Val>, line: number): void {
    const texts = (v: Val | undefined): string[] => (v?.items ?? (v ? [v] : [])).filter(isKnown).map((x) => x.text);
    const data = (kw.get('data_files')?.items ?? []).map((e) => ({ dir: e.items?.[0] && isKnown(e.items[0]) ? e.items[0].text : '', files: texts(e.items?.[1]), line }));
    const scripts: { name: string; target: string; line: number }[] = [];
    const ep = kw.get('entry_points');
    const lists = ep?.entries ? [ep.entries.get('console_scripts'), ep.entries.get('gui_scripts')] : [];
    for (const spec of lists.flatMap((l) => texts(l)).concat(ep && isKnown(ep) ? ep.text.split('\n') : [])) {
      const at = spec.indexOf('=');
      if (at > 0) scripts.push({ name: spec.slice(0, at).trim(), target: spec.slice(at + 1).trim(), line });
    }
    for (const h of [...judgeDataFiles(data, 'setup()'), ...judgeEntryPoints(scripts, 'setup()')]) this.hit(h.check, h.severity, line, h.message, h.help);
    const startup = texts(kw.get('py_modules')).find((m) => /^(sitecustomize|usercustomize)$/.test(m));
    if (startup) {
      this.hit('setup.data-files', 'high', line, `setup() installs ${startup}.py as a top-level module, which Python imports at every interpreter start`,
        'A start-up hook runs in every Python process. Do not approve.');
    }
  }

  /** A class defined here, called: __new__, __init__ (and a dataclass's __post_init__) run, and later __del__. */
  private instantiate(cls: ClassInfo, pos: Val[], kw: Map<string, Val>, all: Val[], line: number, scope: Scope): Val {
    // The object carries its arguments' taint (it may be sent somewhere whole); its state is in its members.
    const inst = withTaint(val({ ref: `${cls.name}()`, cls, inst: true }), all);
    for (const m of ['__new__', '__init__', '__post_init__']) {
      const f = this.memberOf(cls, m);
      if (f?.fn) this.callFn(f.fn, pos, kw, line, scope, inst);
    }
    // A class deriving from a process runner (class R(subprocess.Popen)) runs its arguments as that runner does.
    if (!this.memberOf(cls, '__init__') && !this.memberOf(cls, '__new__')) {
      const runner = this.extBasesOf(cls).find((b) => SPAWN_ARGV.has(b) || SPAWN_SHELL.has(b));
      if (runner) this.call(val({ ref: runner }), pos, kw, all, line, scope);
    }
    const del = this.memberOf(cls, '__del__');
    if (del?.fn) this.callFn(del.fn, [], new Map(), line, scope, { ...inst, cls }, cls.hot);
    return { ...inst, cls };
  }

  private stringMethod(callee: Val, pos: Val[], kw: Map<string, Val>, line: number): Val | undefined {
    const recv = callee.recv;
    const attr = callee.attr;
    if (!recv || !attr || recv.text === undefined || callee.ref && !/^(builtins\.(str|bytes))/.test(normalizeRef(callee.ref)) && recv.ref) return undefined;
    const t = recv.text;
    const a0 = pos[0];
    const out = (text: string, extra: Partial<Val> = {}): Val => withTaint(val({ text: cap(text), flags: recv.flags & F.BUILT, ...extra }), [recv, ...pos], ~0);
    switch (attr) {
      case 'decode': {
        const enc = textOf(a0 ?? kw.get('encoding') ?? val({ text: 'utf-8' })).toLowerCase().replace(/[-_]/g, '');
        if (enc === 'rot13') return this.decoded(recv, rot13(t), 'rot13', line);
        if (enc === 'hex') return this.decoded(recv, fromHex(t), 'hex', line);
        if (enc === 'base64') return this.decoded(recv, fromBase64(t), 'base64', line);
        return out(recv.bytes ? utf8Decode(t) : t);
      }
      case 'encode': return out(t, { bytes: true });
      case 'strip': case 'lstrip': case 'rstrip': return out(attr === 'strip' ? t.trim() : attr === 'lstrip' ? t.trimStart() : t.trimEnd());
      case 'lower': return out(t.toLowerCase());
      case 'upper': return out(t.toUpperCase());
      case 'replace': {
        if (a0?.text !== undefined && pos[1]?.text !== undefined && a0.text !== '') return withTaint(out(t.split(a0.text).join(pos[1].text)), [], 0);
        return out(UNKNOWN);
      }
      case 'join': {
        const items = a0?.items;
        if (items) {
          const v = out(items.map((i) => i.text ?? (i.num !== undefined ? String(i.num) : UNKNOWN)).join(t), { flags: F.BUILT });
          return withTaint(v, items, ~0);
        }
        return withTaint(out(UNKNOWN, { flags: F.BUILT }), a0 ? [a0] : [], ~0);
      }
      case 'format': {
        let i = 0;
        const text = t.replace(/\{(\w*)(![rsa])?(:[^}]*)?\}/g, (_m, k: string) => {
          const v = k === '' ? pos[i++] : /^\d+$/.test(k) ? pos[Number(k)] : kw.get(k);
          return v?.text ?? (v?.num !== undefined ? String(v.num) : UNKNOWN);
        });
        return withTaint(out(text, { flags: F.BUILT }), [...kw.values()], ~0);
      }
      case 'zfill': case 'title': case 'capitalize': case 'swapcase': case 'casefold': return out(t);
      default: return undefined;
    }
  }

  private decoderCall(name: string, pos: Val[], kw: Map<string, Val>, line: number): Val | undefined {
    const a = pos[0] ?? kw.get('s') ?? kw.get('data') ?? kw.get('obj');
    const b64 = /^(base64\.(b64decode|standard_b64decode|urlsafe_b64decode|decodebytes|decodestring)|binascii\.a2b_base64)$/;
    if (b64.test(name)) return a ? this.decoded(a, isKnown(a) ? fromBase64(a.text) : undefined, 'base64', line) : val();
    if (name === 'base64.b32decode') return a ? this.decoded(a, isKnown(a) ? fromBase32(a.text) : undefined, 'base32', line) : val();
    if (/^(base64\.b16decode|binascii\.(unhexlify|a2b_hex)|builtins\.(bytes|bytearray)\.fromhex)$/.test(name)) return a ? this.decoded(a, isKnown(a) ? fromHex(a.text) : undefined, 'hex', line) : val();
    if (/^base64\.(b85decode|a85decode|z85decode)$/.test(name)) return a ? this.decoded(a, undefined, name.slice(7, 10), line) : val();
    if (name === 'zlib.decompress' || name === 'gzip.decompress') return a ? this.decoded(a, isKnown(a) ? inflate(a.text, name.startsWith('zlib') ? 'zlib' : 'gzip') : undefined, name.split('.')[0] as string, line) : val();
    if (/^(bz2|lzma)\.decompress$/.test(name)) return a ? this.decoded(a, undefined, name.split('.')[0] as string, line) : val();
    if (name === 'codecs.decode' || name === 'codecs.encode') {
      if (!a) return val();
      const enc = textOf(pos[1] ?? kw.get('encoding') ?? val({ text: 'utf-8' })).toLowerCase().replace(/[-_]/g, '');
      if (enc === 'rot13') return this.decoded(a, isKnown(a) ? rot13(a.text) : undefined, 'rot13', line);
      if (name === 'codecs.decode' && (enc === 'hex' || enc === 'hexcodec')) return this.decoded(a, isKnown(a) ? fromHex(a.text) : undefined, 'hex', line);
      if (name === 'codecs.decode' && (enc === 'base64' || enc === 'base64codec')) return this.decoded(a, isKnown(a) ? fromBase64(a.text) : undefined, 'base64', line);
      if (name === 'codecs.decode' && (enc === 'zlib' || enc === 'zlibcodec')) return this.decoded(a, isKnown(a) ? inflate(a.text, 'zlib') : undefined, 'zlib', line);
      return withTaint(val({ ...(a.text !== undefined ? { text: a.text } : {}) }), [a], ~0);
    }
    return undefined;
  }

  private decoded(input: Val, out: string | undefined, technique: string, line: number): Val {
    const literal = isKnown(input) && !(input.flags & F.DOWNLOADED);
    const text = out !== undefined ? cap(out) : UNKNOWN;
    if (this.quiet === 0) {
      const prev = this.decodes.get(line);
      const preview = out !== undefined && /^[\x20-\x7e\s]*$/.test(out.slice(0, 120)) ? out.slice(0, 100).replace(/\s+/g, ' ') : undefined;
      if (!prev) this.decodes.set(line, { line, technique, inputLength: textOf(input).length, literal, active: out !== undefined && looksActive(out), ...(preview ? { preview } : {}) });
    }
    const v = val({ text, bytes: true, flags: F.DECODED, lines: [line], why: [`decoded with ${technique} at ${this.at(line)}`] });
    return withTaint(v, [input], ~F.BUILT);
  }

  private reachDecodes(v: Val, sink: string, line: number): void {
    if (this.quiet > 0 || !(v.flags & F.DECODED)) return;
    for (const l of v.lines) {
      const d = this.decodes.get(l);
      if (d && !d.reached) d.reached = { sink, line };
    }
  }

  private pathJoin(parts: Val[], kind: 'str' | 'path'): Val {
    const texts = parts.map((p) => (p.text !== undefined ? p.text : UNKNOWN));
    let text = '';
    for (const t of texts) text = t.startsWith('/') ? t : text === '' ? t : `${text.replace(/\/$/, '')}/${t}`;
    const key = parts.length === 1 ? parts[0]?.key : undefined;
    const snapshot = parts[0]?.snapshot;
    return withTaint(val({ text: cap(text), ...(kind === 'path' ? { ref: 'pathlib.Path()' } : {}), ...(key ? { key } : {}), ...(snapshot ? { snapshot } : {}) }), parts, ~F.BUILT);
  }

  /**
   * A variable of the environment. Locations are read as they are where the variable is unset (the usual case):
   * HF_HOME is ~/.cache/huggingface, so join(HF_HOME, "token") is the Hub token file; a location variable with
   * a default path (os.environ.get("HF_HOME", "~/.cache/huggingface")) is that path.
   */
  private envRead(name: Val, line: number, dflt?: Val): Val {
    if (!isKnown(name)) return withTaint(val(), [name]);
    if (/^(HOME|USERPROFILE)$/.test(name.text)) return val({ text: '~' });
    const unset = ENV_LOCATIONS.get(name.text);
    if (unset !== undefined) return val({ text: unset, flags: F.ENV_VALUE });
    if (/^(APPDATA|LOCALAPPDATA)$/.test(name.text)) return val({ text: `~/${name.text}` });
    if (isSecretVariable(name.text)) {
      this.cur.secretReads.push({ line, what: `$${name.text}` });
      return val({ flags: F.SECRET, lines: [line], why: [`$${name.text} read at ${this.at(line)}`] });
    }
    if (dflt && isKnown(dflt) && (LOCATION_VARIABLE.test(name.text) || /^(~|\.{0,2}\/)/.test(dflt.text))) return withTaint(val({ text: dflt.text, flags: F.ENV_VALUE }), [dflt], ~0);
    return val({ text: UNKNOWN, flags: F.ENV_VALUE });
  }

  private importByName(nameVal: Val, line: number, via: string): Val {
    this.reachDecodes(nameVal, via, line);
    if (!isKnown(nameVal)) {
      this.hit('code.dynamic-import', 'high', line, `Imports a module whose name is computed at run time (${via})`, HELP.imp, nameVal.lines);
      return withTaint(val(), [nameVal]);
    }
    const mod = nameVal.text;
    this.cur.imports.push({ module: mod, line: line - (this.cur.index + 1) * SPAN });
    if (nameVal.flags & (F.BUILT | F.DECODED)) {
      const root = mod.split('.')[0] as string;
      const bad = DANGER_ROOTS.has(root);
      this.hit('code.dynamic-import', bad ? 'critical' : 'high', line,
        `Imports "${mod}" through ${via} with a name ${nameVal.flags & F.DECODED ? 'decoded' : 'assembled'} at run time${bad ? ` (${root} can run commands or code)` : ''}`, HELP.obf, nameVal.lines);
    }
    if (SCANNER_PACKAGES.has(mod.split('.')[0] as string)) this.hit('code.scanner-aware', 'high', line, `Imports ${mod}, a model-scanner package`, HELP.scanner);
    const chain = /^[\w.]+$/.test(mod) ? this.importChain(mod, this.cur) : undefined;
    // __import__("a.b") returns the top package; import_module("a.b") the module itself.
    if (chain) return val({ mod: (via === '__import__' ? chain[0] : chain[chain.length - 1]) as ModuleRef });
    return val({ ref: mod });
  }

  /** A name reached through getattr/subscripts with a constant but assembled or decoded name. */
  private resolvedName(full: string, nameVal: Val, line: number, via: string): Val {
    this.reachDecodes(nameVal, via, line);
    if (nameVal.flags & (F.BUILT | F.DECODED)) {
      const bad = isDangerousName(full);
      this.hit('code.dynamic-import', bad ? 'critical' : 'high', line,
        `Reaches ${full} through ${via} with a name ${nameVal.flags & F.DECODED ? 'decoded' : 'assembled'} at run time`, HELP.obf, nameVal.lines);
    }
    return val({ ref: full });
  }

  private fileAccess(name: string, path: Val, line: number): void {
    const cred = credentialLocation(textOf(path));
    if (cred) {
      this.reachDecodes(path, name, line);
      this.hit('code.credentials', 'critical', line, `Accesses ${cred} (${textOf(path).replace(/\0+/g, '…')}) with ${name}`, HELP.creds, path.lines);
      this.cur.secretReads.push({ line, what: cred });
    }
  }

  private chmodX(path: Val, line: number, scope: Scope): void {
    const p = this.pathFlags(path, scope);
    this.mark(path, F.EXECUTABLE, line, `made executable at ${this.at(line)}`, scope);
    if (p.flags & F.DL_PATH) {
      this.hit('code.chmod-exec', 'critical', line, `Makes a downloaded file executable (${p.why[0] ?? 'downloaded'})`, HELP.dlexec, p.lines);
    }
  }

  private fetchToPath(name: string, where: number | 'return', pos: Val[], kw: Map<string, Val>, line: number, scope: Scope): Val {
    const url = pos[0] ?? kw.get('url') ?? kw.get('repo_id');
    const hub = name.startsWith('huggingface_hub') || name.startsWith('transformers');
    if (url) this.fetchNote(name, url, line, hub);
    // Weights fetched from the Hub by its own client are how models load; they are not treated as code downloads.
    // A whole snapshot is remembered: importing from it, or putting it on sys.path, runs that repository's code.
    if (hub && name === 'huggingface_hub.snapshot_download') {
      const local = kw.get('local_dir');
      const dir = local && isKnown(local) ? joinPath('', local.text.replace(/^\.\//, '')) : undefined;
      const snap: Snapshot = { repo: url && isKnown(url) ? url.text : '(computed at run time)', line, ...(dir ? { dir } : {}) };
      if (dir && this.snapshots.length < MAX_SNAPSHOTS) this.snapshots.push(snap);
      else if (dir) this.hit('code.analysis-limit', 'high', line, `More than ${MAX_SNAPSHOTS} Hub snapshots are downloaded into folders; imports from the later ones are not followed`, HELP.limit);
      return val({ text: dir ?? UNKNOWN, snapshot: snap });
    }
    if (hub) return val({ text: UNKNOWN });
    const from = url && isKnown(url) ? ` from ${url.text.slice(0, 80)}` : '';
    const why = `downloaded${from} by ${name} at ${this.at(line)}`;
    if (where !== 'return') {
      const dest = pos[where] ?? kw.get('filename') ?? kw.get('out') ?? kw.get('output') ?? kw.get('dst');
      if (dest) {
        this.persists(dest, val({ flags: F.DOWNLOADED, lines: [line], why: [why] }), line, `Downloads${from} into`);
        this.mark(dest, F.DL_PATH, line, why, scope);
        scope.downloads.push(line);
        const r = withTaint(val({ ...(dest.text !== undefined ? { text: dest.text } : {}), flags: F.DL_PATH, lines: [line], why: [why] }), [dest], ~0);
        return name === 'urllib.request.urlretrieve' ? val({ items: [r, val()] }) : r;
      }
    }
    scope.downloads.push(line);
    const r = val({ flags: F.DL_PATH, lines: [line], why: [why] });
    return name === 'urllib.request.urlretrieve' ? val({ items: [r, val()] }) : r;
  }

  private fetchNote(name: string, url: Val, line: number, hub: boolean): void {
    this.reachDecodes(url, name, line);
    if (this.cur.context === 'remote-code' && !hub && !isHubHost(hostOf(textOf(url))) && !isLocalHost(hostOf(textOf(url)))) {
      this.hit('code.network-fetch', 'high', line, `Model code contacts ${hostOf(textOf(url)) ?? 'a server'} when it runs (${name})`, HELP.fetch, url.lines);
    }
  }

  /**
   * Secrets leaving the machine through a network operation, whatever its method: in the URL (host, path, query),
   * a DNS name, a body, or headers to a host that is not the secret's own service. Returns whether it reported.
   */
  private leaks(name: string, op: NetOp, line: number): boolean {
    const dest = op.dest;
    const host = destHost(dest);
    if (staysLocal(host)) return false;
    const url = op.parts.find((p) => p.where === 'url')?.v ?? dest;
    const bad = op.parts.filter((p) => p.v.flags & (F.SECRET | F.ENV_ALL)).filter((p) => {
      if (p.where !== 'headers') return true;
      if (p.v.flags & F.ENV_ALL) return true;
      if (allSecretsHome(p.v, host)) return false;
      // A URL the user configures (an environment variable) or the caller passes: the caller's analysis decides.
      return !(!isKnownHost(host) && url && url.flags & (F.PARAM | F.ENV_VALUE));
    });
    const first = bad[0];
    if (!first) return false;
    const env = (first.v.flags & F.ENV_ALL) !== 0;
    const what = env ? 'the whole environment' : secretWhat(first.v);
    const where = isKnownHost(host) ? host : host && /[a-z0-9-]\.[a-z]{2,}$/i.test(host) ? `a host under ${host.replace(/^.*\0+\.?/, '')}` : 'a host computed at run time';
    const how = op.kind === 'dns' ? 'a DNS lookup of a name built from it' : `the ${first.where}${op.method ? ` of an HTTP ${op.method}` : ''}`;
    this.hit(env ? 'code.env-sweep' : 'code.network-send', 'critical', line, `Exfiltration: sends ${what} to ${where} in ${how} (${name})`, HELP.exfil, first.v.lines);
    for (const p of op.parts) this.reachDecodes(p.v, name, line);
    return true;
  }

  /**
   * A file written where it runs later (startup.ts): persistence, high; critical when what is written was
   * downloaded or decoded here, or is a command that pipes a download into a shell.
   */
  private persists(target: Val, data: Val | undefined, line: number, how: string): void {
    const path = textOf(target);
    const place = startupPlace(path);
    if (!place) return;
    const fetched = data !== undefined && (data.flags & (F.DOWNLOADED | F.DECODED)) !== 0;
    const piped = data !== undefined && /\b(curl|wget)\b[^\n|;]*\|\s*(sudo\s+)?(ba|da|z|k)?sh\b/.test(textOf(data));
    const shown = path.replace(SITE_PACKAGES, 'site-packages').replace(/\0+/g, '…');
    this.hit('code.persistence', fetched || piped ? 'critical' : 'high', line,
      `${how} ${place.what} (${shown}), where ${place.when}${fetched && !how.startsWith('Downloads') ? `: the content was ${data?.why[0] ?? 'downloaded'}` : piped ? ': a command that pipes a download into a shell' : ''}`,
      'Code or settings written there run after this script ends, outside any review. A model\'s setup has no reason to; do not approve.',
      data?.lines ?? []);
  }

  /**
   * Channels that ship what a program logs or tracks to a server: logging handlers with a remote address (HTTP,
   * socket, datagram, syslog), an MLflow tracking server set by the script, and Weights & Biases runs (their config
   * and logged values go to W&B). A secret or the whole environment reaching one leaves the machine.
   */
  private telemetry(name: string, callee: Val, pos: Val[], kw: Map<string, Val>, all: Val[], line: number): Val | undefined {
    const handler = /^logging\.handlers\.(HTTPHandler|SocketHandler|DatagramHandler|SysLogHandler)$/.exec(name)?.[1];
    if (handler) {
      const addr = pos[0] ?? kw.get(handler === 'SysLogHandler' ? 'address' : 'host');
      const host = addr?.items?.[0] ?? addr;
      // SysLogHandler() without an address logs to this machine (localhost:514 or a /dev/log socket).
      if (host && !textOf(host).startsWith('/') && !staysLocal(destHost(host))) this.telemetryDests.push(host);
      return withTaint(val({ ref: `${name}()` }), all);
    }
    if (name === 'mlflow.set_tracking_uri' || name === 'mlflow.tracking.set_tracking_uri') {
      const uri = pos[0] ?? kw.get('uri');
      // file: and bare paths keep runs on disk; a server URL sends them.
      if (uri && (!isKnown(uri) || /^(https?|databricks):/i.test(uri.text)) && !staysLocal(destHost(uri))) this.telemetryDests.push(uri);
      return val();
    }
    const logs = /^(debug|info|warning|warn|error|critical|exception|fatal|log)$/.test(callee.attr ?? name.slice(name.lastIndexOf('.') + 1)) && name.startsWith('logging.');
    const tracks = /^mlflow\.(log_param|log_params|log_metric|log_metrics|set_tag|set_tags|log_dict|log_text|log_table)$/.test(name);
    if ((logs || tracks) && this.telemetryDests.length > 0) {
      for (const dest of this.telemetryDests) {
        if (this.leaks(name, { kind: 'socket', method: '', dest, parts: all.map((v) => ({ where: 'body' as const, v })), sends: true }, line)) break;
      }
      return withTaint(val(), all);
    }
    if (/^wandb\.(init|log|config\.update|init\.log|init\.config\.update|sdk\.init)$/.test(name)) {
      this.leaks(name, { kind: 'http', method: 'POST', dest: val({ text: 'https://api.wandb.ai' }), parts: all.map((v) => ({ where: 'body' as const, v })), sends: true }, line);
      return withTaint(val({ ref: `${name}()` }), all);
    }
    return undefined;
  }

  private network(name: string, op: NetOp, line: number): Val {
    const url = op.parts.find((p) => p.where === 'url')?.v ?? op.dest ?? val();
    const host = destHost(op.dest) ?? (url.items ? textOf(url.items[0] ?? val()) : undefined);
    const result = withTaint(val({ ref: `${name}()`, flags: op.kind === 'http' || op.kind === 'socket' ? F.DOWNLOADED : 0, lines: [line], why: [`downloaded by ${name} at ${this.at(line)}`] }), [url], F.DECODED);
    this.reachDecodes(url, name, line);
    if (this.leaks(name, op, line)) return result;
    if (!op.sends) {
      if (op.kind === 'http') this.fetchNote(name, url, line, false);
      return result;
    }
    for (const p of op.parts) this.reachDecodes(p.v, name, line);
    if (isLocalHost(host) || isHubHost(host)) return result;
    const where = host && !host.includes(UNKNOWN) ? host : 'a remote host';
    // A credential in the headers to its own service (or to an endpoint the user configures): an API call.
    const auth = op.parts.find((p) => p.where === 'headers' && p.v.flags & F.SECRET);
    if (auth) {
      this.hit('code.network-send', 'medium', line, `Calls ${where} with ${secretWhat(auth.v)} as its credential (${name})`, HELP.send);
      return result;
    }
    const h = this.hit('code.network-send', 'high', line, `Sends data to ${where} (${name})`, HELP.send);
    if (h) this.cur.sends.push({ hit: h, host });
    return result;
  }

  /** A repository file exec(open(p).read()) runs: analysed as part of the program. */
  private execFile(code: Val): Mod | undefined {
    if (code.fromFile === undefined || code.flags & (F.DOWNLOADED | F.DECODED)) return undefined;
    const rel = code.fromFile.replace(/^\.\//, '');
    for (const base of [dirname(this.cur.path), '']) {
      const p = joinPath(base, rel);
      if (p === undefined || !this.sources.has(p)) continue;
      const m = this.load(p);
      if (m) this.cur.deps.add(m.path);
      return m;
    }
    return undefined;
  }

  private dynamicExec(name: string, code: Val, line: number, scope: Scope): void {
    const short = name.replace(/^builtins\./, '');
    const p = this.pathFlags(code, scope);
    this.reachDecodes(code, short, line);
    const file = this.execFile(code);
    if (file) {
      this.hit('code.dynamic-exec', 'medium', line, `Runs the code of ${file.path} with ${short} (that file is analysed with this one)`, HELP.exec);
    } else if (code.flags & F.DOWNLOADED || (name.startsWith('runpy.run_path') && p.flags & F.DL_PATH)) {
      this.hit('code.download-exec', 'critical', line, `Runs code downloaded from the network with ${short}${code.why[0] ? ` (${code.why[0]})` : ''}`, HELP.dlexec, code.lines);
    } else if (code.flags & F.DECODED) {
      this.hit('code.dynamic-exec', 'critical', line, `Runs hidden code with ${short}: ${code.why[0] ?? 'decoded at run time'}${isKnown(code) ? ` → ${JSON.stringify(code.text.slice(0, 80))}` : ''}`, HELP.exec, code.lines);
    } else if (isKnown(code) && code.flags & F.BUILT) {
      this.hit('code.dynamic-exec', 'critical', line, `Runs code assembled from pieces with ${short}: ${JSON.stringify(code.text.slice(0, 80))}`, HELP.exec);
    } else if (!isKnown(code)) {
      this.hit('code.dynamic-exec', 'high', line, `Runs code computed at run time with ${short}`, HELP.exec, code.lines);
    } else {
      this.hit('code.dynamic-exec', 'high', line, `Runs a code string with ${short}: ${JSON.stringify(code.text.slice(0, 80))}`, HELP.exec);
    }
  }

  // ── processes ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Severity of running a process: critical when the program or its script was downloaded, decoded or chmod'ed
   * (+x) here, when the shell text pipes a download into an interpreter, or when a network tool carries a secret;
   * high when the program is computed at run time or assembled from pieces, or when a fixed tool runs from remote
   * code or setup.py (it runs on load or install); medium for a fixed tool in a script a user runs on purpose.
   */
  private spawn(name: string, pos: Val[], kw: Map<string, Val>, line: number, scope: Scope, shellLine = false): void {
    const execIdx = shellLine ? undefined : osExecProgramIndex(name);
    const shellKw = kw.get('shell');
    const shell = shellLine || SPAWN_SHELL.has(name) || (shellKw !== undefined && !/^(False|0|None)$/.test(textOf(shellKw)) && shellKw.text !== '');
    const cmd = execIdx !== undefined ? pos[execIdx] : pos[0] ?? kw.get('args') ?? kw.get('cmd') ?? kw.get('command');
    if (!cmd) return;
    const related: number[] = [];
    let program: Val;
    let argv: Val[] = [];
    let shellText: string | undefined;
    if (cmd.items) {
      argv = cmd.items;
      program = argv[0] ?? val();
    } else if (execIdx !== undefined) {
      program = cmd;
      argv = [cmd, ...pos.slice(execIdx + 2)];
    } else if (shell) {
      program = cmd;
      shellText = textOf(cmd).replace(/\0+/g, '__UNKNOWN__');
    } else {
      program = cmd;
      argv = [cmd];
    }
    this.reachDecodes(cmd, name, line);
    for (const a of argv) this.reachDecodes(a, name, line);

    // Download, decode and chmod flows on the program or the script an interpreter runs.
    const progName = isKnown(program) ? (program.text.trim().split(/\s+/)[0] ?? '').replace(/^.*\//, '').toLowerCase() : '';
    // Secrets on the command line of a program that talks to the network leave the machine.
    const carrier = [cmd, ...argv].find((a) => a.flags & (F.SECRET | F.ENV_ALL));
    if (carrier) {
      const words = [shellText ?? '', ...argv.map((a) => a.text ?? '')].join(' ');
      if (NET_TOOL.test(progName) || NET_TOOL_WORD.test(words)) {
        const env = (carrier.flags & F.ENV_ALL) !== 0;
        const tool = NET_TOOL.test(progName) ? progName : NET_TOOL_WORD.exec(words)?.[2] ?? 'a network tool';
        this.hit(env ? 'code.env-sweep' : 'code.network-send', 'critical', line,
          `Exfiltration: runs ${tool} with ${env ? 'the whole environment' : secretWhat(carrier)} on its command line (${name})`, HELP.exfil, carrier.lines);
        return;
      }
    }
    const candidates = [program];
    if (/^(ba|da|z|k)?sh$|^python[\d.]*$|^py$|^perl$|^node$|^ruby$|^pwsh$|^powershell$/.test(progName) && argv.length > 1) {
      const script = argv.slice(1).find((a) => !isKnown(a) || !a.text.startsWith('-'));
      if (script) candidates.push(script);
    }
    for (const c of candidates) {
      const p = this.pathFlags(c, scope);
      if (p.flags & (F.DL_PATH | F.DOWNLOADED)) {
        const chmod = p.flags & F.EXECUTABLE ? ' and made executable' : '';
        this.hit('code.download-exec', 'critical', line, `Runs a file that was downloaded${chmod}, with ${name} (${p.why.slice(0, 2).join('; ') || 'downloaded earlier'})`, HELP.dlexec, [...p.lines, ...related]);
        return;
      }
      if (p.flags & F.EXECUTABLE) {
        this.hit('code.chmod-exec', 'critical', line, `Makes a file executable and runs it with ${name} (${p.why[0] ?? ''})`, HELP.dlexec, p.lines);
        return;
      }
    }
    if (cmd.flags & F.DECODED || program.flags & F.DECODED) {
      this.hit('code.process-spawn', 'critical', line, `Runs a command decoded at run time with ${name}: ${cmd.why[0] ?? program.why[0] ?? ''}${isKnown(cmd) ? ` → ${JSON.stringify(cmd.text.slice(0, 80))}` : ''}`, HELP.obf, [...cmd.lines, ...program.lines]);
      if (shellText) this.shellHits(shellText, line);
      return;
    }
    // argv-form downloads and chmods (subprocess.run(["curl", "-o", path, url])).
    if (argv.length > 0 && isKnown(program)) {
      if (progName === 'chmod' && argv[1] && isKnown(argv[1]) && /^([ugoa]*\+[rwxXst]*x|[0-7]*[1357][0-7]{0,2})$/.test(argv[1].text)) {
        for (const t of argv.slice(2)) this.chmodX(t, line, scope);
      }
      if (progName === 'curl' || progName === 'wget') {
        const o = argv.findIndex((a) => isKnown(a) && /^(-o|-O|--output|--output-document)$/.test(a.text));
        const dest = o >= 0 ? argv[o + 1] : undefined;
        if (dest) {
          this.mark(dest, F.DL_PATH, line, `downloaded by ${progName} at ${this.at(line)}`, scope);
          scope.downloads.push(line);
        }
      }
    }
    const words = shellText ?? argv.map((a) => (a.text !== undefined ? `'${a.text.replace(/\0+/g, '__UNKNOWN__').replace(/'/g, "'\\''")}'` : '__UNKNOWN__')).join(' ');
    const shellFound = this.shellHits(words, line);
    if (shellFound) return;
    if (!isKnown(program) && !(shellText && /^\s*[\w./-]+/.test(shellText) && !shellText.trimStart().startsWith('__UNKNOWN__'))) {
      const dl = scope.downloads[0];
      if (dl !== undefined) {
        this.hit('code.download-exec', 'critical', line, `Downloads a file (${this.at(dl)}) and runs a program whose path is computed at run time (${name})`, HELP.dlexec, [dl]);
      } else {
        this.hit('code.process-spawn', 'high', line, `Runs a program computed at run time with ${name}`, HELP.spawn, program.lines);
      }
      return;
    }
    const shown = shellText ?? argv.map((a) => a.text?.replace(/\0+/g, '…') ?? '…').join(' ');
    if (program.flags & F.BUILT && isKnown(program) && !shellText) {
      this.hit('code.process-spawn', 'high', line, `Runs a program whose name is assembled from pieces: ${shown.slice(0, 100)}`, HELP.obf);
      return;
    }
    // A notebook's shell line (`!pip install …`, get_ipython().system) is judged by its shell text alone, like `!cmd`.
    if (shellLine) return;
    const context = this.cur.context;
    const sensitive = context === 'remote-code' || context === 'setup';
    const where = context === 'remote-code' ? 'model code loaded with trust_remote_code' : context === 'setup' ? 'install-time code' : 'this script';
    this.hit('code.process-spawn', sensitive ? 'high' : 'medium', line, `Runs \`${shown.replace(/__UNKNOWN__/g, '…').slice(0, 100)}\` (${name}) from ${where}`, HELP.spawn);
  }

  /** Runs the shell analyzer over a command line; returns whether it found something blocking. */
  private shellHits(text: string, line: number): boolean {
    if (this.quiet > 0) return false;
    const r = analyzeShell(text, { state: this.shellState, firstLine: line });
    let blocking = false;
    for (const h of r.hits) {
      this.hit(SHELL_TO_CODE[h.kind], h.severity, line, h.message, h.help, (h.related ?? []).filter((l) => l !== line));
      if (h.severity === 'critical' || h.severity === 'high') blocking = true;
    }
    return blocking;
  }
}

/** A library name the analysis judges when it is called (a process, code, a download, a send, a deserializer). */
function isSinkName(full: string): boolean {
  return isDangerousName(full) || runsCode(full) || FETCH.has(full) || SEND.has(full) || FETCH_TO_PATH.has(full) || LOADS.has(full) || invocationOf(full) !== undefined;
}

/** What secret a value carries, for messages: `$HF_TOKEN (read at line 3)`. */
function secretWhat(v: Val): string {
  const w = v.why.find((x) => / read at /.test(x));
  return w ? w.replace(/ read at (.*)$/, ' (read at $1)') : 'a secret';
}

const SHELL_TO_CODE: Record<ShellKind, string> = {
  'pipe-to-shell': 'code.download-exec', 'decode-exec': 'code.obfuscation', 'subst-exec': 'code.download-exec', 'download-exec': 'code.download-exec',
  'chmod-exec': 'code.chmod-exec', credentials: 'code.credentials', 'env-sweep': 'code.env-sweep', 'network-send': 'code.network-send',
  'reverse-shell': 'code.reverse-shell', obfuscation: 'code.obfuscation', 'install-from-url': 'code.install-from-url'
};

export { DNS_LOOKUPS };
export type { ShellHit };
