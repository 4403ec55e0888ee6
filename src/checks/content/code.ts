// Every file that is code: Python (plain, remote-code modules, setup.py, build hooks, sitecustomize), the lines
// of .pth files the interpreter executes, shell/batch/PowerShell scripts, notebooks, dependency files — and the
// same inside archives a repository ships (wheels, sdists, zips), read from the members captured during the single
// pass. All Python of a repository is analysed as one program, so imports between its files are followed and a
// download in one module joined with its execution in another. Findings are memoised per repository so README
// instructions can ask what a script they tell users to run would do (its own findings and those of the
// repository modules it imports).
import type { Finding } from '../../core/findings.js';
import type { PyContext, PySource } from '../../analyze/python/analyze.js';
import { analyzeSetupCfg, readPth, readPyproject } from '../../analyze/python/packaging.js';
import { remoteCodeFiles } from './remote-code.js';
import { isRequirementsFile } from '../../analyze/requirements-name.js';
import type { Dialect } from '../../analyze/shell/tokenize.js';
import type { ContentCheck, RepoContent, RepoFile } from './types.js';
import { basename, dedupeHits, dirname, extension, type Hit, hitsToFindings, joinPath, splitLines } from '../../analyze/util.js';
import { analyzers } from './analyzers.js';

export type CodeKind = 'python' | 'pth' | 'notebook' | 'requirements' | Dialect;

const TEXT_FORMATS = new Set(['python', 'script', 'text', 'json', 'notebook', 'empty']);
const REMOTE_NAME = /^(modeling|configuration|tokenization|processing|image_processing|feature_extraction|video_processing)_\w+\.py$/;
/** Archives whose Python members are installed and imported (wheels, eggs, source distributions). */
const DISTRIBUTION = /\.(whl|egg|tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz)$/i;
/** Archives whose members are code someone may run or import (zipapps, zips put on sys.path) besides distributions. */
const CODE_ARCHIVE = /\.(whl|egg|zip|pyz|tar|tgz|gz|bz2|xz|tbz2|txz)$/i;
const STARTUP = /^(sitecustomize|usercustomize)\.py$/;
/**
 * The Python analysed per repository, in characters. The analysis is linear but costs about 10–30 µs per character
 * (lezer parse, flow analysis), and the text capture keeps up to 64 MiB per review: without a bound a repository of
 * 1 MiB modules could hold a review for half an hour. 4 Mi characters is 40 s – 2 min, far above real remote-code
 * repositories (a few hundred KiB); files beyond it are named, never silently passed.
 */
export const PYTHON_WORK_BOUND = 4 * 1024 * 1024;

/** What kind of code a file is, by name, then by shebang for extension-less scripts. */
export function codeKind(path: string, head?: string): CodeKind | undefined {
  const ext = extension(path);
  if (ext === 'py' || ext === 'pyw' || ext === 'pyi') return 'python';
  if (ext === 'pth' && head !== undefined && isSitePth(head)) return 'pth';
  if (ext === 'ipynb') return 'notebook';
  if (['sh', 'bash', 'zsh', 'ksh', 'command'].includes(ext)) return 'posix';
  if (ext === 'bat' || ext === 'cmd') return 'batch';
  if (ext === 'ps1' || ext === 'psm1') return 'powershell';
  if (isRequirementsFile(path)) return 'requirements';
  if (head?.startsWith('#!') && (ext === '' || ext === 'run' || ext === 'sh')) {
    const first = head.slice(0, head.indexOf('\n') >>> 0);
    if (/python/.test(first)) return 'python';
    if (/\b(ba|da|z|k)?sh\b/.test(first)) return 'posix';
    if (/pwsh|powershell/.test(first)) return 'powershell';
  }
  return undefined;
}

/** A .pth that site.py reads (text), as opposed to PyTorch weights saved under the same extension (binary). */
function isSitePth(head: string): boolean {
  return !/[\0\ufffd]/.test(head) && !head.startsWith('PK\u0003\u0004') && !head.startsWith('\u0080');
}

/** The archive a member path belongs to (`libs/x.whl` for `libs/x.whl!/pkg/a.py`), or undefined for plain files. */
function archiveOf(path: string): string | undefined {
  const at = path.indexOf('!/');
  return at < 0 ? undefined : path.slice(0, at);
}

interface Unit {
  path: string;
  kind: CodeKind;
  text: string;
  /** Lines as the analysed text numbers them (a .pth file's lines as Python splits them). */
  lines: string[];
  hits: Hit[];
  deps: string[];
}

interface Program {
  units: Map<string, Unit>;
  /** Findings per path, each file's own. */
  own: Map<string, Finding[]>;
}

const programs = new WeakMap<RepoContent, Program>();

/** The repository file an archive member belongs to (`x.tar.gz` for `x.tar.gz#gunzip!/pkg/setup.py`). */
function containerOf(path: string): string | undefined {
  const archive = archiveOf(path);
  return archive === undefined ? undefined : (archive.split('!/')[0] as string).replace(/#\w+$/, '');
}

/** Members of archives captured during the read that are code, in a stable order. */
function memberPaths(repo: RepoContent): string[] {
  const out: string[] = [];
  for (const p of repo.captured?.() ?? []) {
    const top = containerOf(p);
    if (top !== undefined && archiveKind(repo, top) !== undefined) out.push(p);
  }
  return out.sort();
}

const archiveKinds = new WeakMap<RepoContent, Map<string, 'distribution' | 'code' | undefined>>();

/**
 * Whether a repository file is an archive of code: by its name (wheels, eggs, sdists; zips and zipapps), or by its
 * bytes — a zip stored as `.bin`/`.dat` is still put on sys.path or copied to a `.whl` name and installed. A zip by
 * content holding a `*.dist-info/` is a distribution; one holding importable Python (modules at its root, packages
 * with `__init__.py`) is code; others (PyTorch checkpoints, whose TorchScript `archive/code/` is not importable,
 * data zips) are not.
 */
function archiveKind(repo: RepoContent, top: string): 'distribution' | 'code' | undefined {
  if (DISTRIBUTION.test(top)) return 'distribution';
  if (CODE_ARCHIVE.test(top)) return 'code';
  let kinds = archiveKinds.get(repo);
  if (!kinds) {
    kinds = new Map();
    const zips = new Set(repo.files.filter((f) => f.formats.includes('zip')).map((f) => f.path));
    const members = new Map<string, string[]>();
    for (const p of [...(repo.captured?.() ?? []), ...(repo.skipped?.() ?? [])]) {
      const c = containerOf(p);
      if (c === undefined || !zips.has(c)) continue;
      const list = members.get(c) ?? [];
      list.push(p.slice(p.indexOf('!/') + 2));
      members.set(c, list);
    }
    for (const z of zips) {
      const names = members.get(z) ?? [];
      const kind = names.some((n) => /^[^/]+\.dist-info\//.test(n)) ? 'distribution'
        : names.some((n) => /^[^/]+\.py[cw]?$/.test(n) || /(^|\/)__init__\.py$/.test(n)) ? 'code' : undefined;
      kinds.set(z, kind);
    }
    archiveKinds.set(repo, kinds);
  }
  return kinds.get(top);
}

function contextOf(repo: RepoContent, path: string, hooks: ReadonlyMap<string, unknown>): PyContext {
  const b = basename(path);
  const archive = archiveOf(path);
  if (remoteCodeFiles(repo).has(path) || (archive === undefined && REMOTE_NAME.test(b))) return 'remote-code';
  if (b === 'setup.py' || STARTUP.test(b) || hooks.has(path)) return 'setup';
  if (archive !== undefined && archiveKind(repo, containerOf(path) as string) === 'distribution') return 'setup';
  return 'script';
}

/** Build hooks pyproject.toml files declare (in-tree backends, hatch hooks): install-time code. */
function buildHooks(repo: RepoContent): Map<string, { from: string; line: number; what: string }> {
  const out = new Map<string, { from: string; line: number; what: string }>();
  for (const f of repo.files) {
    if (basename(f.path) !== 'pyproject.toml') continue;
    const text = repo.text(f.path);
    if (text === undefined) continue;
    for (const h of readPyproject(text).hookFiles) {
      const p = joinPath(dirname(f.path), `${h.path}.py`);
      if (p !== undefined) out.set(p, { from: f.path, line: h.line, what: h.what });
    }
  }
  return out;
}

function programOf(repo: RepoContent): Program {
  const cached = programs.get(repo);
  if (cached) return cached;
  const hooks = buildHooks(repo);
  const units = new Map<string, Unit>();
  const sources: PySource[] = [];
  const extra = new Map<string, Hit[]>();
  let analysed = 0;
  const consider = (path: string): void => {
    if (units.has(path)) return;
    const text = repo.text(path);
    if (text === undefined) return;
    const kind = codeKind(path, text.slice(0, 200));
    if (kind !== 'python' && kind !== 'pth') return;
    if (kind === 'pth') {
      const pth = readPth(text);
      if (pth.execLines.length === 0) return;
      units.set(path, { path, kind, text, lines: pth.lines, hits: [], deps: [] });
      sources.push({ path, text: pth.code, context: 'setup' });
      extra.set(path, pth.execLines.map((line) => ({
        check: 'code.pth-exec', severity: 'high', line,
        message: `This .pth line is executed by Python at every interpreter start once the file is in site-packages: ${JSON.stringify(pth.lines[line - 1]?.slice(0, 100) ?? '')}`,
        help: 'A .pth file with an import line runs code in every Python process (pip, the user\'s own scripts). Model repositories have no reason to ship one. Do not approve.'
      })));
      return;
    }
    units.set(path, { path, kind, text, lines: splitLines(text), hits: [], deps: [] });
    const b = basename(path);
    const hits: Hit[] = [];
    if (analysed + text.length > PYTHON_WORK_BOUND) {
      hits.push({
        check: 'code.not-examined', severity: 'high', line: 1,
        message: `Not fully analysed: ${text.length} characters beyond the work bound (a repository's Python is analysed up to ${PYTHON_WORK_BOUND} characters; ${analysed} were spent on earlier files) — review by hand`,
        help: 'Review this file by hand, or split the repository; code that was not read is not approved.'
      });
    } else {
      analysed += text.length;
      sources.push({ path, text, context: contextOf(repo, path, hooks) });
    }
    if (b === 'setup.py' && archiveOf(path) === undefined) {
      hits.push({
        check: 'setup.py', severity: 'medium', line: 1,
        message: 'setup.py is code that runs when anyone installs this folder (`pip install .`)',
        help: 'Read it: an install script should only declare metadata and dependencies.'
      });
    }
    if (STARTUP.test(b)) {
      hits.push({
        check: 'code.startup-hook', severity: 'high', line: 1,
        message: `${b} is imported by Python at every interpreter start when it is on the path (installed, or in PYTHONPATH)`,
        help: 'A start-up hook runs in every Python process, long after the model loaded. Model repositories have no reason to ship one. Do not approve.'
      });
    }
    const hook = hooks.get(path);
    if (hook) {
      hits.push({
        check: 'setup.build-hook', severity: 'medium', line: 1,
        message: `${hook.from} (line ${hook.line}) runs this file as its ${hook.what} when the folder is built or installed`,
        help: 'Build hooks run with the installing user\'s privileges; read it as install-time code.'
      });
    }
    if (hits.length) extra.set(path, hits);
  };
  for (const f of repo.files) consider(f.path);
  for (const p of memberPaths(repo)) consider(p);
  const files = [...repo.files.map((f) => f.path), ...(repo.captured?.() ?? [])];
  const results = analyzers().analyzePythonProgram({ sources, files });
  const own = new Map<string, Finding[]>();
  for (const u of units.values()) {
    const r = results.get(u.path);
    u.hits = [...(r?.hits ?? []), ...(extra.get(u.path) ?? [])];
    u.deps = r?.deps ?? [];
    // A source decoded by its coding cookie (utf-7) is numbered and quoted as Python reads it.
    if (r?.decoded !== undefined && u.kind === 'python') u.lines = splitLines(r.decoded);
    own.set(u.path, hitsToFindings(dedupeHits(u.hits), u.path, u.lines));
  }
  const program = { units, own };
  programs.set(repo, program);
  return program;
}

/** A Python file's own findings plus those of the repository modules it imports, directly or not. */
function pythonFindings(program: Program, path: string): Finding[] {
  const seen = new Set<string>([path]);
  const queue = [path];
  const out: Finding[] = [];
  while (queue.length > 0) {
    const p = queue.shift() as string;
    out.push(...(program.own.get(p) ?? []));
    for (const d of program.units.get(p)?.deps ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        queue.push(d);
      }
    }
  }
  return out;
}

const memo = new WeakMap<RepoContent, Map<string, Finding[]>>();

/**
 * Findings for one code file (memoised per repository); undefined when it is not code. For Python, the findings of
 * the repository modules it imports are included: running the file runs them.
 */
export function codeFindings(repo: RepoContent, file: RepoFile): Finding[] | undefined {
  let cache = memo.get(repo);
  if (!cache) {
    cache = new Map();
    memo.set(repo, cache);
  }
  const cached = cache.get(file.path);
  if (cached) return cached;
  const text = repo.text(file.path);
  const kind = codeKind(file.path, text?.slice(0, 200));
  if (!kind) return undefined;
  const out = analyze(repo, file, kind, text);
  cache.set(file.path, out);
  return out;
}

function analyze(repo: RepoContent, file: RepoFile, kind: CodeKind, text: string | undefined): Finding[] {
  const path = file.path;
  if (text === undefined) {
    // Binary content under a code name is the scanners' finding (extension mismatch); only missing text is ours.
    const textual = file.formats.length === 0 || file.formats.some((f) => TEXT_FORMATS.has(f));
    if (file.complete === false || !textual) return [];
    return [notExamined(path, `${path} is code (${file.size} bytes) but its text was not kept for analysis (files above 1 MiB are not), so it was not examined`)];
  }
  if (kind === 'python' || kind === 'pth') return pythonFindings(programOf(repo), path);
  const lines = splitLines(text);
  let hits: Hit[];
  switch (kind) {
    case 'notebook': return analyzers().analyzeNotebook(path, text);
    case 'requirements': {
      hits = analyzers().analyzeRequirements(path, text);
      if (basename(path) === 'setup.cfg') hits.push(...analyzeSetupCfg(text));
      if (basename(path) === 'pyproject.toml') hits.push(...readPyproject(text).hits);
      break;
    }
    default:
      hits = analyzers().analyzeShell(text, { dialect: kind }).hits.map((h) => ({ check: `shell.${h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...(h.related ? { related: h.related } : {}) }));
  }
  return hitsToFindings(dedupeHits(hits), path, lines);
}

function notExamined(path: string, message: string): Finding {
  return {
    check: 'code.not-examined', severity: 'high', file: path, message,
    help: 'Review this file by hand, or split it; code that was not read is not approved.'
  };
}

/** Archive members that are code: analysed like files (their own findings), plus a note for installable packages. */
function memberFindings(repo: RepoContent): Finding[] {
  const out: Finding[] = [];
  const packages = new Map<string, number>();
  for (const p of memberPaths(repo)) {
    const text = repo.text(p);
    const kind = codeKind(p, text?.slice(0, 200));
    if (!kind || text === undefined) continue;
    if (kind === 'python' || kind === 'pth') {
      out.push(...(programOf(repo).own.get(p) ?? []));
      const top = containerOf(p) as string;
      if (archiveKind(repo, top) === 'distribution') packages.set(top, (packages.get(top) ?? 0) + 1);
    } else if (kind === 'notebook') out.push(...analyzers().analyzeNotebook(p, text));
    else if (kind !== 'requirements') {
      const hits = analyzers().analyzeShell(text, { dialect: kind }).hits.map((h) => ({ check: `shell.${h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...(h.related ? { related: h.related } : {}) }));
      out.push(...hitsToFindings(dedupeHits(hits), p, splitLines(text)));
    }
  }
  for (const [archive, n] of packages) {
    out.push({
      check: 'code.packaged', severity: 'medium', file: archive,
      message: `${archive} is a Python package with ${n} code file(s); installing it puts that code where every \`import\` finds it (its own findings are listed under ${archive}!/…)`,
      help: 'A model has no need to ship installable code. Find out what installs it and read it as code that runs on import.'
    });
  }
  // Code members too large to keep were not read.
  for (const p of repo.skipped?.() ?? []) {
    const top = containerOf(p);
    if (top === undefined || archiveKind(repo, top) === undefined) continue;
    if (!['py', 'pyw', 'pth', 'sh', 'bash', 'ps1', 'bat', 'cmd'].includes(extension(p))) continue;
    out.push(notExamined(p, `${p} is code inside an archive, but it is above the 1 MiB text limit, so it was not examined`));
  }
  return out;
}

function findingKey(f: Finding): string {
  return `${f.file ?? ''}\u0000${f.check}\u0000${f.line ?? ''}\u0000${f.message}`;
}

export const codeCheck: ContentCheck = {
  id: 'code',
  run(repo) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const add = (fs: readonly Finding[]): void => {
      for (const f of fs) {
        const k = findingKey(f);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(f);
        }
      }
    };
    for (const f of repo.files) {
      const text = repo.text(f.path);
      const kind = codeKind(f.path, text?.slice(0, 200));
      // Python: each file's own findings (the import closure is for callers asking about one script).
      if ((kind === 'python' || kind === 'pth') && text !== undefined) add(programOf(repo).own.get(f.path) ?? []);
      else add(codeFindings(repo, f) ?? []);
    }
    add(memberFindings(repo));
    return out;
  }
};
