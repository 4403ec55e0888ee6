// Every file that is code: Python (plain, remote-code modules, setup.py), shell/batch/PowerShell scripts,
// notebooks, and dependency files. Findings are memoised per repository so README instructions can ask what a
// script they tell users to run would do.
import type { Finding } from '../../core/findings.js';
import { analyzeNotebook } from '../../analyze/notebook.js';
import { analyzePython, type PyContext } from '../../analyze/python/analyze.js';
import { remoteCodeFiles } from './remote-code.js';
import { analyzeRequirements, isRequirementsFile } from '../../analyze/requirements.js';
import { analyzeShell } from '../../analyze/shell/analyze.js';
import type { Dialect } from '../../analyze/shell/tokenize.js';
import type { ContentCheck, RepoContent, RepoFile } from './types.js';
import { basename, dedupeHits, extension, type Hit, hitsToFindings, splitLines } from '../../analyze/util.js';

export type CodeKind = 'python' | 'notebook' | 'requirements' | Dialect;

const TEXT_FORMATS = new Set(['python', 'script', 'text', 'json', 'notebook', 'empty']);
const REMOTE_NAME = /^(modeling|configuration|tokenization|processing|image_processing|feature_extraction|video_processing)_\w+\.py$/;

/** What kind of code a file is, by name, then by shebang for extension-less scripts. */
export function codeKind(path: string, head?: string): CodeKind | undefined {
  const ext = extension(path);
  if (ext === 'py' || ext === 'pyw' || ext === 'pyi') return 'python';
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

const memo = new WeakMap<RepoContent, Map<string, Finding[]>>();

/** Findings for one code file (memoised per repository); undefined when it is not code. */
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
    return [{
      check: 'code.not-examined', severity: 'high', file: path,
      message: `${path} is code (${file.size} bytes) but its text was not kept for analysis (files above 1 MiB are not), so it was not examined`,
      help: 'Review this file by hand, or split it; code that was not read is not approved.'
    }];
  }
  const lines = splitLines(text);
  let hits: Hit[];
  switch (kind) {
    case 'python': {
      const remote = remoteCodeFiles(repo).has(path);
      const setup = basename(path) === 'setup.py';
      const context: PyContext = remote || REMOTE_NAME.test(basename(path)) ? 'remote-code' : setup ? 'setup' : 'script';
      hits = analyzePython(text, { context }).hits;
      if (setup) {
        hits.push({
          check: 'setup.py', severity: 'medium', line: 1,
          message: 'setup.py is code that runs when anyone installs this folder (`pip install .`)',
          help: 'Read it: an install script should only declare metadata and dependencies.'
        });
      }
      break;
    }
    case 'notebook': return analyzeNotebook(path, text);
    case 'requirements': hits = analyzeRequirements(path, text); break;
    default:
      hits = analyzeShell(text, { dialect: kind }).hits.map((h) => ({ check: `shell.${h.kind}`, severity: h.severity, line: h.line, message: h.message, help: h.help, ...(h.related ? { related: h.related } : {}) }));
  }
  return hitsToFindings(dedupeHits(hits), path, lines);
}

export const codeCheck: ContentCheck = {
  id: 'code',
  run(repo) {
    const out: Finding[] = [];
    for (const f of repo.files) out.push(...(codeFindings(repo, f) ?? []));
    return out;
  }
};
