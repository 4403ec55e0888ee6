// Python code that runs without being a module someone imports: `.pth` lines the interpreter executes at every
// start, install-time hooks declared in setup.cfg and pyproject.toml (in-tree build backends, hatch hooks), files
// `data_files` drops outside the package, and console scripts that shadow everyday commands. Pure text readers; the
// code they point at is analysed as Python by the caller.
import type { Hit } from '../util.js';
import { cutComment } from '../../core/text.js';

/** Line separators of Python's str.splitlines(), which site.py uses to read .pth files since 3.13. */
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** Separators str.splitlines() has and universal newlines (3.8–3.12's line iteration) has not. */
const EXTRA_BREAK = /[\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

export interface PthFile {
  /** Python source of what site.py executes, one line per str.splitlines() line (other lines blank). */
  code: string;
  /** The file's lines as str.splitlines() numbers them (for evidence). */
  lines: string[];
  /** 1-based numbers of the lines some Python version executes. */
  execLines: number[];
  /** Lines read as directories to add to sys.path. */
  paths: string[];
}

const isImportLine = (l: string): boolean => l.startsWith('import ') || l.startsWith('import\t');

/**
 * Reads a .pth file as site.addpackage does, in every version at once: 3.8–3.12 iterate the file by universal
 * newlines (\n, \r, \r\n) and exec a whole physical line that starts with "import " or "import\t", BOM included in
 * the text; 3.13 strips a BOM and uses str.splitlines(), which also breaks at \v \f \x1c-\x1e \x85 \u2028 \u2029.
 * What either executes is kept (a physical line with extra breaks is kept whole, the breaks read as spaces), so a
 * statement hidden after a form feed is analysed whichever Python reads the file. Nothing is executed here.
 */
export function readPth(text: string): PthFile {
  const bare = text.replace(/^\ufeff/, '');
  const lines = bare.split(PY_LINE_BREAK);
  const code = lines.map(() => '');
  const exec = new Set<number>();
  const paths: string[] = [];
  let index = 0;
  for (const physical of bare.split(/\r\n|\r|\n/)) {
    const segments = physical.split(EXTRA_BREAK);
    if (isImportLine(physical)) {
      code[index] = physical.replace(EXTRA_BREAK, ' ');
      exec.add(index + 1);
    }
    segments.forEach((seg, j) => {
      if (j > 0 && isImportLine(seg)) {
        code[index + j] = seg;
        exec.add(index + j + 1);
      } else if (!isImportLine(seg) && !seg.startsWith('#') && seg.trim() !== '') paths.push(seg.trimEnd());
    });
    index += segments.length;
  }
  return { code: code.join('\n'), lines, execLines: [...exec].sort((a, b) => a - b), paths };
}

/** Console-script names that would shadow a command people type every day. */
const SHADOWED_COMMANDS = /^(python[\d.]*|pip[\d.]*|pip3|git|ls|cd|cat|sudo|su|sh|bash|zsh|curl|wget|ssh|scp|gpg|docker|kubectl|conda|node|npm|npx|huggingface-cli|hf|apt|apt-get|brew|env|which|cp|mv|rm|make|gcc|cc|ld|nvidia-smi|uv|uvx|pipx|poetry|aws|gcloud|az|gh|vim|nano|less|more|grep|find|tar|unzip|chmod|chown|id|whoami|ps|kill|top)$/;

/** Install targets outside the package: absolute paths, home, parent directories, or site-packages itself. */
function suspiciousTarget(dir: string, files: readonly string[]): string | undefined {
  if (files.some((f) => /\.pth$/i.test(f))) return `installs a .pth file (${files.find((f) => /\.pth$/i.test(f))}), which runs at every Python start`;
  if (files.some((f) => /(^|\/)(sitecustomize|usercustomize)\.py$/.test(f))) return 'installs sitecustomize/usercustomize, which runs at every Python start';
  if (/^(\/|~|\$HOME|\.\.)/.test(dir) || /(^|\/)\.\.(\/|$)/.test(dir)) return `installs files into ${dir}, outside the package`;
  if (/site-packages|dist-packages|(^|\/)bin$|(^|\/)etc(\/|$)|\.config|\.ssh|\.bashrc|\.profile|systemd|cron/.test(dir)) return `installs files into ${dir}`;
  return undefined;
}

export interface DataFileEntry {
  dir: string;
  files: string[];
  line: number;
}

/** One finding per data_files target that lands outside the package or runs at start-up. */
export function judgeDataFiles(entries: readonly DataFileEntry[], where: string): Hit[] {
  const out: Hit[] = [];
  for (const e of entries) {
    const why = suspiciousTarget(e.dir, e.files);
    if (!why) continue;
    out.push({
      check: 'setup.data-files', severity: 'high', line: e.line,
      message: `${where} data_files ${why}`,
      help: 'Installing a package should not place files outside it; a .pth or sitecustomize file runs code in every Python process. Do not approve.'
    });
  }
  return out;
}

/** Console scripts named like everyday commands (`python = evil:main`). */
export function judgeEntryPoints(scripts: readonly { name: string; target: string; line: number }[], where: string): Hit[] {
  return scripts.filter((s) => SHADOWED_COMMANDS.test(s.name.trim())).map((s) => ({
    check: 'setup.entry-point', severity: 'high' as const, line: s.line,
    message: `${where} installs a command named \`${s.name.trim()}\` (→ ${s.target.trim()}), shadowing the real one`,
    help: 'A package that replaces python, pip, git or a shell command runs its own code whenever the user types it. Do not approve.'
  }));
}

/** `key = value` split at the first separator, both sides trimmed (no backtracking regex over repository text). */
function splitKey(line: string, sep: RegExp): [string, string] | undefined {
  const at = line.search(sep);
  if (at <= 0) return undefined;
  return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
}

// ── setup.cfg (INI) ─────────────────────────────────────────────────────────────────────────────────────────

/** Findings for setup.cfg: data_files and entry points. */
export function analyzeSetupCfg(text: string): Hit[] {
  const lines = text.split(/\r\n|\r|\n/);
  let section = '';
  let key = '';
  const data: DataFileEntry[] = [];
  const scripts: { name: string; target: string; line: number }[] = [];
  lines.forEach((raw, i) => {
    const line = cutComment(raw, '#;', true);
    const open = line.trimStart();
    if (open.startsWith('[') && open.includes(']')) {
      section = open.slice(1, open.indexOf(']')).trim().toLowerCase();
      key = '';
      return;
    }
    if (/^\s*([#;]|$)/.test(raw)) return;
    const continued = /^\s+\S/.test(line);
    const kv = continued ? undefined : splitKey(line, /[=:]/);
    if (section === 'options.data_files') {
      if (kv) data.push({ dir: kv[0], files: kv[1].split(/[,\s]+/).filter(Boolean), line: i + 1 });
      else if (continued && data.length > 0) (data[data.length - 1] as DataFileEntry).files.push(...line.split(/[,\s]+/).filter(Boolean));
    }
    if (section === 'options.entry_points') {
      if (kv) key = kv[0];
      else if (continued && /^(console_scripts|gui_scripts)$/.test(key)) {
        const m = splitKey(line, /=/);
        if (m && m[0] && m[1]) scripts.push({ name: m[0], target: m[1], line: i + 1 });
      }
    }
  });
  return [...judgeDataFiles(data, 'setup.cfg'), ...judgeEntryPoints(scripts, 'setup.cfg')];
}

// ── pyproject.toml (the few keys that run or place code) ─────────────────────────────────────────────────────

export interface PyprojectHooks {
  /** Repository-relative module paths (without .py) of in-tree build backends and build hooks. */
  hookFiles: { path: string; line: number; what: string }[];
  hits: Hit[];
}

function tomlStrings(value: string): string[] {
  const out: string[] = [];
  // What /"((?:[^"\\]|\\.)*)"|'([^']*)'/g finds, in one pass: that pattern rescanned an unclosed string from each
  // quote inside it. A `"` string fails where it meets the end or a backslash before a line end, and so does every
  // `"` start before that point; a `'` string fails only when no `'` follows, and so does every later one.
  let dqFailsBefore = 0;
  let sqFails = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && i >= dqFailsBefore) {
      let k = i + 1;
      while (k < value.length && value[k] !== '"') {
        if (value[k] !== '\\') k++;
        else if (k + 1 < value.length && !/[\n\r\u2028\u2029]/.test(value[k + 1] as string)) k += 2;
        else break;
      }
      if (value[k] === '"') {
        out.push(value.slice(i + 1, k));
        i = k;
      } else dqFailsBefore = k;
    } else if (c === "'" && !sqFails) {
      const k = value.indexOf("'", i + 1);
      if (k < 0) sqFails = true;
      else {
        out.push(value.slice(i + 1, k));
        i = k;
      }
    }
  }
  return out;
}

/**
 * Reads the keys of pyproject.toml that make code run at build or install time: `[build-system] build-backend`
 * with `backend-path` (an in-tree backend), hatch's custom build and metadata hooks, PDM's build script,
 * `[project.scripts]` and setuptools `data-files`. A line reader, not a TOML parser: multi-line arrays are joined.
 */
export function readPyproject(text: string): PyprojectHooks {
  const raw = text.split(/\r\n|\r|\n/);
  const hookFiles: PyprojectHooks['hookFiles'] = [];
  const data: DataFileEntry[] = [];
  const scripts: { name: string; target: string; line: number }[] = [];
  let section = '';
  let backend: { name: string; line: number } | undefined;
  let backendPath: string[] = [];
  const hatchHookSections: { section: string; line: number; path?: string }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = (raw[i] as string).replace(/^\s+/, '');
    if (line.startsWith('#') || line === '') continue;
    if (line.startsWith('[') && line.includes(']')) {
      section = line.slice(0, line.indexOf(']')).replace(/^\[+/, '').replace(/\s+/g, '').replace(/"/g, '');
      if (/^tool\.hatch\.(build(\.targets\.[\w-]+)?|metadata)\.hooks\.custom$/.test(section)) hatchHookSections.push({ section, line: i + 1 });
      continue;
    }
    // key = value; a quoted key may hold any character but a quote.
    const quoted = /^"([^"]*)"|^'([^']*)'/.exec(line);
    const rest = quoted ? line.slice(quoted[0].length) : line;
    const kv = splitKey(quoted ? `k${rest}` : rest, /=/);
    if (!kv) continue;
    const key = quoted ? (quoted[1] ?? quoted[2] ?? '') : kv[0].replace(/["']/g, '');
    let value = kv[1];
    const start = i;
    // Arrays and inline tables may continue over lines.
    let depth = (value.match(/[[{]/g) ?? []).length - (value.match(/[\]}]/g) ?? []).length;
    while (depth > 0 && i + 1 < raw.length) {
      i++;
      value += ` ${raw[i] as string}`;
      depth = (value.match(/[[{]/g) ?? []).length - (value.match(/[\]}]/g) ?? []).length;
    }
    if (section === 'build-system' && key === 'build-backend') backend = { name: tomlStrings(value)[0] ?? '', line: start + 1 };
    if (section === 'build-system' && key === 'backend-path') backendPath = tomlStrings(value);
    const hatch = hatchHookSections.find((h) => h.section === section);
    if (hatch && key === 'path') hatch.path = tomlStrings(value)[0];
    if (section === 'tool.pdm.build' && (key === 'setup-script' || key === 'run-setuptools')) {
      const s = tomlStrings(value)[0];
      if (s) hookFiles.push({ path: s.replace(/\.py$/, ''), line: start + 1, what: 'PDM build script' });
    }
    if ((section === 'project.scripts' || section === 'project.gui-scripts' || section === 'tool.poetry.scripts') && tomlStrings(value)[0] !== undefined) {
      scripts.push({ name: key, target: tomlStrings(value)[0] as string, line: start + 1 });
    }
    if (section === 'tool.setuptools.data-files' || section === 'tool.setuptools' && key === 'data-files') {
      if (section === 'tool.setuptools.data-files') data.push({ dir: key, files: tomlStrings(value), line: start + 1 });
      else for (const [dir, files] of dataFileTables(value)) data.push({ dir, files: tomlStrings(files), line: start + 1 });
    }
  }
  if (backend && backendPath.length > 0 && backend.name) {
    const mod = backend.name.split(':')[0] as string;
    for (const dir of backendPath) hookFiles.push({ path: `${dir.replace(/\/$/, '')}/${mod.replace(/\./g, '/')}`.replace(/^\.\//, '').replace(/^\.?\//, ''), line: backend.line, what: 'in-tree build backend' });
  }
  for (const h of hatchHookSections) hookFiles.push({ path: (h.path ?? 'hatch_build.py').replace(/\.py$/, '').replace(/^\.\//, ''), line: h.line, what: 'hatch build hook' });
  return { hookFiles, hits: [...judgeDataFiles(data, 'pyproject.toml'), ...judgeEntryPoints(scripts, 'pyproject.toml')] };
}

/**
 * `"dir" = [files]` pairs of an inline table, as /"([^"]*)"\s*=\s*\[([^\]]*)\]/g finds them, in one pass: that
 * pattern rescanned from each quote to the end when no `]` followed.
 */
function dataFileTables(value: string): [string, string][] {
  const out: [string, string][] = [];
  const eq = /\s*=\s*\[/y;
  for (let i = value.indexOf('"'); i >= 0;) {
    const close = value.indexOf('"', i + 1);
    if (close < 0) break;
    eq.lastIndex = close + 1;
    if (!eq.test(value)) {
      i = close; // the closing quote may open the next match
      continue;
    }
    const end = value.indexOf(']', eq.lastIndex);
    if (end < 0) break; // no `]` after this one, so none after a later one either
    out.push([value.slice(i + 1, close), value.slice(eq.lastIndex, end)]);
    i = value.indexOf('"', end + 1);
  }
  return out;
}
