// What following the model card would make a user run. Every document a user is pointed to — Markdown, reST,
// plain-text and extension-less guides (INSTALL, USAGE), notebook markdown cells, and whatever those link to in
// the repository — is read for commands: code blocks in every language that runs a shell, inline code, and
// commands written in prose (after a colon, full-width or not, after "run", in numbered steps). Commands are
// judged by what they fetch, mount and run: downloads piped to shells, packages and containers, lookalike
// package names, clones installed or run (graded as the install they are), `make` targets (their recipes),
// `python -c` and here-documents (analysed as Python), and scripts of this repository (graded by their own
// findings). A trusted or verified publisher's own GitHub organisation, linked from its card, is a known source.
import type { Finding, Severity } from '../../core/findings.js';
import { codeFindings } from './code.js';
import { type Doc, type DocFormat, type DocLine, parseDoc } from '../../analyze/docs.js';
import { hostOf, isHubHost } from '../../analyze/patterns.js';
import { remoteCodeLoads } from '../../analyze/loads.js';
import type { SourceOptions } from '../../analyze/requirements.js';
import { isRequirementsFile } from '../../analyze/requirements-name.js';
import type { EmbeddedCode, ShellCommand, ShellHit, ShellKind, ShellState } from '../../analyze/shell/analyze.js';
import { allRecipes, type Makefile, parseMakefile, recipeFor } from '../../analyze/shell/makefile.js';
import { composeServices, judgeContainer } from '../../analyze/shell/containers.js';
import { isKnownHookRepo, justSteps, npmScriptSteps, parsePreCommit, type Step } from '../../analyze/shell/projectfiles.js';
import type { Dialect } from '../../analyze/shell/tokenize.js';
import type { ContentCheck, PathIndex, PublisherFacts, RepoContent, RepoFile } from './types.js';
import { pathIndex } from './paths.js';
import { basename, dedupeHits, dirname, extension, type Hit, hitsToFindings, joinPath, maxSeverity, splitLines } from '../../analyze/util.js';
import { cutFromFirstOf, isSpace, trimEndOf } from '../../core/text.js';
import { analyzers } from './analyzers.js';

const UNTYPED = new Set(['', 'text', 'none', 'plaintext', 'plain', 'txt', 'default', 'code', 'raw', 'nohighlight', 'output', 'cli', 'terminal', 'command', 'commandline', 'command-line', 'cmdline']);
const POSIX_LANGS = new Set([
  'bash', 'sh', 'shell', 'zsh', 'ksh', 'dash', 'ash', 'csh', 'tcsh', 'shellscript', 'shell-script', 'bash-script', 'console',
  'shell-session', 'sh-session', 'shellsession', 'bash-session', 'console-prompted', 'linux', 'unix', 'macos', 'ubuntu', ...UNTYPED
]);
const FISH_LANGS = new Set(['fish']);
const PS_LANGS = new Set(['powershell', 'ps1', 'pwsh', 'ps', 'posh', 'ps1con', 'pwsh-session', 'powershell-session']);
const BATCH_LANGS = new Set(['bat', 'cmd', 'batch', 'dos', 'doscon', 'winbatch']);
const PY_LANGS = new Set(['python', 'py', 'python3', 'py3', 'ipython', 'ipython3', 'jupyter', 'pycon', 'python-repl', 'pyrepl']);
const MAKE_LANGS = new Set(['make', 'makefile', 'mk']);
const DOCKER_LANGS = new Set(['dockerfile', 'docker', 'containerfile']);
/** Blocks whose lines are commands only where a prompt says so (output otherwise). */
const SESSION_LANGS = new Set(['console', 'console-prompted', 'shell-session', 'sh-session', 'shellsession', 'bash-session', 'ps1con', 'pwsh-session', 'powershell-session', 'doscon', ...UNTYPED]);

const COMMAND_WORD = /^(sudo\s+)?(python[\d.]*|py|pip[\d.]*|uvx?|pipx|npx|bunx|pnpm|yarn|npm|deno|bash|sh|zsh|fish|source|\.|curl|wget|git|huggingface-cli|hf|cd|export|set|conda|mamba|chmod|eval|iex|iwr|irm|powershell|pwsh|docker|docker-compose|podman|nerdctl|make|gmake|just|direnv|pre-commit|accelerate|torchrun|deepspeed|streamlit|gradio|\.\/\S+|\S+\.(sh|py|ps1|bat|exe))(\s|$)/;
// Prompts ❯ ➜ »; non-ASCII in these patterns is written as \u escapes so the bundle stays ASCII (an ASCII chunk
// is read and hashed by Node's compile cache as one-byte text; one non-ASCII character makes all of it two-byte).
const PROMPT = /^\s*(?:\([\w.-]+\)\s*)?(?:[\w.-]+@[\w.-]+(?::[^$#\s]*)?\s*[$#]|[$%\u276F\u279C\u00BB]|PS [^>\n]*>|PS>|[A-Za-z]:\\[^>\n]*>)\s+/;
/** Where a command starts in prose: a command word not inside another word or path. */
const PROSE_START = /(?<![\w./\\-])(?:sudo\s+)?(?:python[\d.]*|pip[\d.]*|uvx?|pipx|npx|bunx|bash|sh|zsh|fish|source|curl|wget|git|huggingface-cli|hf|docker|podman|make|chmod|eval|iex|iwr|irm|powershell|pwsh|conda|\.\/[\w./-]+)(?=\s+\S|$)/g;
/** Where a command written in prose ends: full-width punctuation, or a sentence's end before a capital. */
// 。；！？，
const PROSE_END = /[\u3002\uFF1B\uFF01\uFF1F\uFF0C]|[.!?]\s+(?=[A-Z])/;
/** The model card at the repository's root. */
const CARD = /^readme\.md$/i;
const PROSE_JOINT = /\s(?:and|then|before|after|to|so|once|which|from|in|on|or)\s/;
const MAX_PROSE_CANDIDATES = 8;
const MAX_PROSE_COMMAND = 2000;
/** Kinds taken from prose (where a sentence describing a command is not the command): those that fetch or run. */
const PROSE_KINDS = new Set<ShellKind>(['pipe-to-shell', 'decode-exec', 'subst-exec', 'download-exec', 'chmod-exec', 'install-from-url']);

const ID: Record<ShellKind, string> = {
  'pipe-to-shell': 'instructions.pipe-to-shell', 'decode-exec': 'instructions.pipe-to-shell', 'subst-exec': 'instructions.pipe-to-shell',
  'download-exec': 'instructions.run-binary', 'chmod-exec': 'instructions.run-binary', credentials: 'instructions.credentials',
  'env-sweep': 'instructions.env-sweep', 'network-send': 'instructions.network-send', 'reverse-shell': 'instructions.reverse-shell',
  obfuscation: 'instructions.obfuscation', 'install-from-url': 'instructions.git-install'
};

const MAX_DOCS = 2000;
const MAX_MAKE_DEPTH = 3;
const DOC_NAME = /^(readme|install(ation)?|usage|setup|quick[-_ ]?start|getting[-_ ]?started|instructions?|how[-_]?to|guide|tutorial|running|run|build|notes|docs?)([-_.].*)?$/i;
const CODE_EXT = new Set(['py', 'pyw', 'pyi', 'ipynb', 'sh', 'bash', 'zsh', 'ksh', 'command', 'bat', 'cmd', 'ps1', 'psm1', 'json', 'yaml', 'yml', 'toml', 'cfg', 'ini', 'jinja', 'j2', 'safetensors', 'bin', 'gguf', 'onnx', 'pt', 'pth', 'ckpt', 'h5', 'msgpack', 'model', 'npz', 'npy', 'pkl', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'mp3', 'wav', 'mp4']);

interface Ctx {
  repo: RepoContent;
  /** The document being read. */
  doc: string;
  paths: PathIndex;
  hits: Hit[];
  state: ShellState;
  sources: SourceOptions;
  publisher?: PublisherFacts;
  /** Working directory in the repository the instructions have `cd`-ed to. */
  cwd: string;
  /** Folders the instructions cloned from outside this repository: folder → URL. */
  clones: Map<string, string>;
  /** The clone the instructions are inside (after `cd` into it). */
  inClone?: string;
  makeDepth: number;
  /** Set while grading the commands of a `make` target: findings go to the card line that ran make. */
  via?: { line: number; label: string };
}

/** The format a document is read in, by its name; undefined for files that are not documents. */
function docFormat(path: string, linked: boolean): DocFormat | undefined {
  const ext = extension(path);
  const base = basename(path);
  if (['md', 'markdown', 'mdx', 'mdown', 'mkd'].includes(ext)) return 'markdown';
  if (ext === 'rst' || ext === 'rest') return 'rst';
  if (isRequirementsFile(path) || CODE_EXT.has(ext)) return undefined;
  if (/^readme/i.test(base)) return 'markdown';
  if (ext === '' && DOC_NAME.test(base)) return 'markdown';
  if (ext === 'txt' && (DOC_NAME.test(base.replace(/\.txt$/i, '')) || /(^|\/)docs?\//i.test(path))) return 'text';
  return linked ? 'text' : undefined;
}

/** GitHub organisations a card links to (lower-case). */
function githubOrgs(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})(?=[/)\s"'>#?\]]|$)/gi)) {
    const org = (m[1] as string).toLowerCase();
    if (!/^(orgs|features|settings|marketplace|sponsors|topics|login|about|pricing|apps|site|search|collections)$/.test(org)) out.add(org);
  }
  return [...out];
}

/** What the instructions may trust as the publisher's own: only a trusted or verified publisher's card speaks for it. */
function sourcesOf(repo: RepoContent): SourceOptions {
  const p = repo.publisher;
  if (!p?.vouched) return {};
  const card = repo.files.find((f) => /^readme\.md$/i.test(f.path));
  const text = card ? repo.text(card.path) : undefined;
  // Only what the card says and links to, not what its code blocks run.
  const doc = text !== undefined ? parseDoc('markdown', text) : undefined;
  const said = doc ? [...doc.prose.map((l) => l.text), ...doc.links].join('\n') : '';
  // Its own GitHub organisation: the one named exactly like its Hub namespace, or one its card or profile links to.
  const orgs = [...new Set([p.namespace.toLowerCase(), ...githubOrgs(said), ...(p.githubOrgs ?? []).map((o) => o.toLowerCase())])];
  return { ownGitOrgs: orgs, ownNames: [p.namespace, ...orgs], vouched: true };
}

export const instructionsCheck: ContentCheck = {
  id: 'instructions',
  run(repo) {
    const out: Finding[] = [];
    const paths = pathIndex(repo);
    const sources = sourcesOf(repo);
    const queue: { path: string; format: DocFormat | 'notebook'; linked: boolean }[] = [];
    const queued = new Set<string>();
    let skipped = 0;
    const enqueue = (path: string, linked: boolean): void => {
      if (queued.has(path)) return;
      const format = extension(path) === 'ipynb' ? 'notebook' : docFormat(path, linked);
      if (!format) return;
      if (queue.length >= MAX_DOCS) {
        skipped++;
        return;
      }
      queued.add(path);
      queue.push({ path, format, linked });
    };
    // The card first, so its links are followed even from deep folders; then every other document.
    for (const f of repo.files) if (CARD.test(f.path)) enqueue(f.path, false);
    for (const f of repo.files) if (!CARD.test(f.path)) enqueue(f.path, false);
    for (let q = 0; q < queue.length; q++) {
      const { path, format, linked } = queue[q] as (typeof queue)[number];
      const f = paths.file(path) as RepoFile;
      const text = repo.text(path);
      if (text === undefined) {
        if (f.complete !== false && (format !== 'text' || linked) && format !== 'notebook') {
          out.push({ check: 'instructions.not-examined', severity: 'high', file: path, message: `${path} (${f.size} bytes) was too large to keep for analysis; its instructions were not examined`, help: 'Read the model card by hand.' });
        }
        continue;
      }
      const ctx: Ctx = { repo, doc: path, paths, hits: [], state: analyzers().newShellState(), sources, cwd: dirname(path), clones: new Map(), makeDepth: 0, ...(repo.publisher ? { publisher: repo.publisher } : {}) };
      if (format === 'notebook') {
        for (const cell of analyzers().notebookMarkdown(text) ?? []) {
          const first = cell[0]?.line ?? 1;
          const doc = parseDoc('markdown', cell.map((l) => l.text).join('\n'), 1);
          analyzeDoc(ctx, remap(doc, (n) => cell[n - 1]?.line ?? first));
        }
      } else {
        const doc = parseDoc(format, text);
        analyzeDoc(ctx, doc);
        for (const link of doc.links) {
          const target = linkTarget(dirname(path), link, repo.publisher?.repo);
          if (target !== undefined && paths.has(target)) enqueue(target, true);
        }
        // Files a document names in inline code (`see SETUP.txt`) are pointed to as well.
        for (const s of doc.spans) {
          const target = /^[\w./-]+$/.test(s.text) ? joinPath(dirname(path), s.text) : undefined;
          if (target !== undefined && paths.has(target)) enqueue(target, true);
        }
      }
      out.push(...hitsToFindings(dedupeHits(ctx.hits), path, splitLines(text)));
    }
    if (skipped > 0) {
      out.push({
        check: 'instructions.not-examined', severity: 'high',
        message: `The repository has more than ${MAX_DOCS} documents; ${skipped} were not read for instructions`,
        help: 'A model repository rarely needs this many documents; read the ones the card points to by hand.'
      });
    }
    out.push(...makefileFindings(repo));
    return out;
  }
};

/**
 * A repository path for a link from `dir`: relative links, and links to this repository's own files on the Hub
 * (`https://huggingface.co/org/name/blob/main/docs/setup.md`; any repository's when the review does not know its
 * own id, since only files present in this review are followed). Undefined for other URLs and anchors.
 */
function linkTarget(dir: string, link: string, self: string | undefined): string | undefined {
  const hub = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:models\/)?([\w.-]+\/[\w.-]+)\/(?:blob|resolve|raw)\/[^/]+\/([^?#]+)/i.exec(link);
  if (hub) return self === undefined || self.toLowerCase() === (hub[1] as string).toLowerCase() ? linkTarget('', hub[2] as string, self) : undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#') || link.startsWith('//')) return undefined;
  let p = cutFromFirstOf(link, '?#');
  try {
    p = decodeURIComponent(p);
  } catch {
    return undefined;
  }
  if (p === '') return undefined;
  return joinPath(p.startsWith('/') ? '' : dir, p.replace(/^\//, ''));
}

function remap(doc: Doc, map: (n: number) => number): Doc {
  const m = (l: DocLine): DocLine => ({ text: l.text, line: map(l.line) });
  return { blocks: doc.blocks.map((b) => ({ lang: b.lang, lines: b.lines.map(m) })), prose: doc.prose.map(m), spans: doc.spans.map(m), links: doc.links };
}

function dialectOf(lang: string): Dialect | undefined {
  if (POSIX_LANGS.has(lang)) return 'posix';
  if (FISH_LANGS.has(lang)) return 'fish';
  if (PS_LANGS.has(lang)) return 'powershell';
  if (BATCH_LANGS.has(lang)) return 'batch';
  return undefined;
}

/**
 * Command lines of a shell block, prompts stripped, aligned with the block's lines ('' for others). In a session
 * with prompts, a line continuing a command (after a trailing `\`, with or without a `> ` prompt) is part of it.
 */
function commandLines(lang: string, lines: DocLine[]): string[] {
  const prompted = lines.some((l) => PROMPT.test(l.text));
  const untyped = UNTYPED.has(lang);
  let continuing = false;
  return lines.map((l) => {
    let out: string;
    if (prompted && SESSION_LANGS.has(lang)) {
      out = PROMPT.test(l.text) ? l.text.replace(PROMPT, '') : continuing ? l.text.replace(/^\s*>\s?/, '') : '';
    } else {
      const t = l.text.replace(PROMPT, '');
      out = continuing ? t.replace(/^\s*>\s?/, '') : untyped && !COMMAND_WORD.test(t.trim()) ? '' : t;
    }
    continuing = out !== '' && /[\\`^]\s*$|\|\s*$|&&\s*$/.test(out);
    return out;
  });
}

function analyzeDoc(ctx: Ctx, doc: Doc): void {
  for (const block of doc.blocks) {
    const first = block.lines[0]?.line ?? 1;
    const dialect = dialectOf(block.lang);
    // Lines are contiguous within a block except in notebooks' remapped cells: analyse line by line there.
    const contiguous = block.lines.every((l, k) => l.line === first + k);
    if (dialect) {
      const cmds = commandLines(block.lang, block.lines);
      if (contiguous) takeShell(ctx, analyzers().analyzeShell(cmds.join('\n'), { dialect, state: ctx.state, firstLine: first, sources: ctx.sources }), false);
      else cmds.forEach((c, k) => { if (c) takeShell(ctx, analyzers().analyzeShell(c, { dialect, state: ctx.state, firstLine: (block.lines[k] as DocLine).line, sources: ctx.sources }), false); });
    } else if (PY_LANGS.has(block.lang)) {
      pythonBlock(ctx, block.lines);
    } else if (MAKE_LANGS.has(block.lang)) {
      const mk = parseMakefile(block.lines.map((l) => l.text).join('\n'));
      for (const r of allRecipes(mk)) takeShell(ctx, analyzers().analyzeShell(r.text, { state: ctx.state, firstLine: (block.lines[r.line - 1] as DocLine | undefined)?.line ?? first, sources: ctx.sources }), false);
    } else if (DOCKER_LANGS.has(block.lang)) {
      for (const [text, line] of dockerRuns(block.lines)) takeShell(ctx, analyzers().analyzeShell(text, { state: ctx.state, firstLine: line, sources: ctx.sources }), false);
    }
  }
  // Prose and inline code: commands a sentence tells the reader to type.
  for (const s of doc.spans) {
    const c = s.text.replace(PROMPT, '');
    if (COMMAND_WORD.test(c.trim())) takeShell(ctx, analyzers().analyzeShell(c, { state: ctx.state, firstLine: s.line, sources: ctx.sources }), true);
  }
  for (const l of doc.prose) {
    for (const c of proseCommands(l.text)) takeShell(ctx, analyzers().analyzeShell(c.text, { state: ctx.state, firstLine: l.line, sources: ctx.sources }), c.strong ? true : 'weak');
  }
}

/** Text before a command that says "type this": a line start, a list marker or step, a colon, "run"/"execute". */
// • ： 运行 执行 输入 実行
const COMMAND_LEAD = /(?:^|(?:^|\s)(?:\d+[.)]|[-*\u2022+]|step\s*\d+\s*[:.]?)|[:\uFF1A>]|\b(?:run|execute|type|enter|command)|\u8FD0\u884C|\u6267\u884C|\u8F93\u5165|\u5B9F\u884C)\s*$/i;

/**
 * Commands written in a sentence: each starts at a command word and runs to the sentence's end. `strong` when the
 * text before it says "type this" (line start, list marker, colon, "run"); a command word mid-sentence ("npx is a
 * runner") is weak. Bounded per line.
 */
export function proseCommands(text: string): { text: string; strong: boolean }[] {
  const out: { text: string; strong: boolean }[] = [];
  PROSE_START.lastIndex = 0;
  for (let m = PROSE_START.exec(text); m && out.length < MAX_PROSE_CANDIDATES; m = PROSE_START.exec(text)) {
    const rest = text.slice(m.index, m.index + MAX_PROSE_COMMAND);
    const end = PROSE_END.exec(rest);
    const c = trimEndOf(end ? rest.slice(0, end.index) : rest, '.,;:)', isSpace);
    const strong = COMMAND_LEAD.test(text.slice(Math.max(0, m.index - 40), m.index));
    if (c.includes(' ') || c.startsWith('./')) out.push({ text: c, strong });
    // "run X and restart": the command may end where the sentence goes on.
    const joint = PROSE_JOINT.exec(c);
    if (joint) out.push({ text: trimEndOf(c.slice(0, joint.index), '.,;:)', isSpace), strong });
    if (m[0].length === 0) PROSE_START.lastIndex++;
  }
  return out;
}

/** `RUN` instructions of a Dockerfile (continuations joined, `--mount=…` flags dropped, JSON form read), as shell. */
function dockerRuns(lines: DocLine[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as DocLine;
    const m = /^\s*RUN\s+(\S.*)?$/i.exec(l.text); // \S first: the spaces cannot be traded with the rest
    if (!m) continue;
    let text = m[1] ?? '';
    while (text.trimEnd().endsWith('\\') && i + 1 < lines.length) text = `${text.trimEnd().slice(0, -1)} ${(lines[++i] as DocLine).text}`;
    const flag = /--[\w-]+=\S+\s+/y;
    let start = 0;
    while (flag.exec(text)) start = flag.lastIndex;
    text = text.slice(start);
    if (text.startsWith('[')) {
      try {
        const argv: unknown = JSON.parse(text);
        if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) {
          text = argv.length === 3 && /(^|\/)(ba)?sh$/.test(argv[0] as string) && argv[1] === '-c' ? argv[2] as string : argv.map((a) => `'${(a as string).replace(/'/g, "'\\''")}'`).join(' ');
        }
      } catch { /* not JSON: read as shell */ }
    }
    out.push([text, l.line]);
  }
  return out;
}

/** A Python block: `!cmd` and `%pip` lines as shell, the rest as Python (sharing what the shell fetched). */
function pythonBlock(ctx: Ctx, lines: DocLine[]): void {
  const first = lines[0]?.line ?? 1;
  const py: string[] = [];
  const sh: string[] = [];
  for (const l of lines) {
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
  takeShell(ctx, analyzers().analyzeShell(sh.join('\n'), { state: ctx.state, firstLine: first, sources: ctx.sources }), false);
  for (const h of analyzers().analyzePython(py.join('\n'), { context: 'snippet', tolerateParseErrors: true, shellState: ctx.state }).hits) {
    const at = lines[h.line - 1]?.line ?? first;
    push(ctx, { ...h, line: at, ...(h.related ? { related: h.related.map((x) => lines[x - 1]?.line ?? first) } : {}) });
  }
  remoteLoads(ctx, py.join('\n'), lines, first);
}

const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/**
 * The code a snippet runs with `trust_remote_code=True` is the code of the repository and revision it loads, and
 * only this repository at the reviewed commit was read. So: another repository is code outside the review (high;
 * a note to review it too when it belongs to the same publisher (medium) or to a namespace the policy trusts
 * (low)); this repository at another revision (a branch, a tag, another commit) is code nobody reviewed (high).
 * Only in a Hub review, where the repository and commit are known.
 */
function remoteLoads(ctx: Ctx, code: string, lines: DocLine[], first: number): void {
  customPipelines(ctx, code, lines, first);
  const p = ctx.publisher;
  if (!p) return;
  for (const l of remoteCodeLoads(code)) {
    if (l.repo === undefined || !REPO_ID.test(l.repo)) continue;
    const line = lines[l.line - 1]?.line ?? first;
    if (l.repo.toLowerCase() !== p.repo.toLowerCase()) {
      const ns = (l.repo.split('/')[0] as string).toLowerCase();
      const own = ns === p.namespace.toLowerCase();
      const trusted = (p.trusted ?? []).some((t) => t.toLowerCase() === ns);
      const severity: Severity = own ? 'medium' : trusted ? 'low' : 'high';
      push(ctx, {
        check: 'instructions.remote-code', severity, line,
        message: `The instructions run remote code from another repository, ${l.repo} (\`${l.callee}(…, trust_remote_code=True)\`)${own ? ', of the same publisher' : trusted ? ', of a trusted publisher' : ''}: its code is not part of this review`,
        help: own || trusted ? `Review ${l.repo} at a pinned commit as well; its code runs for every user of this card.` : `Users following this card run ${l.repo}'s code, which nobody reviewed here. Do not approve unless that repository is reviewed and pinned too.`
      });
      continue;
    }
    if (l.revision !== undefined && !isReviewedRevision(l.revision, p.commit)) {
      push(ctx, {
        check: 'instructions.remote-code', severity: 'high', line,
        message: `The instructions run this repository's remote code at revision "${l.revision}" (\`${l.callee}(…, revision=…, trust_remote_code=True)\`), not the reviewed commit${p.commit ? ` ${p.commit.slice(0, 12)}` : ''}`,
        help: 'The code at another branch, tag or commit was not reviewed. Review and pin that revision, or load the reviewed commit.'
      });
    }
  }
}

/** Whether a `revision=` names what was reviewed: the default branch (what loading without one gets), or the commit. */
/**
 * diffusers' `custom_pipeline=`: a name is a community pipeline from diffusers' own repository; a repository id
 * or a URL imports that repository's or URL's Python file when the pipeline loads, as trust_remote_code does.
 */
function customPipelines(ctx: Ctx, code: string, lines: DocLine[], first: number): void {
  const consts = new Map<string, string>();
  for (const m of code.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')[ \t]*$/gm)) consts.set(m[1] as string, (m[2] ?? m[3]) as string);
  const p = ctx.publisher;
  for (const m of code.matchAll(/\bcustom_pipeline[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z_]\w*))/g)) {
    const v = m[1] ?? m[2] ?? consts.get(m[3] ?? '');
    if (v === undefined) continue;
    const line = lines[code.slice(0, m.index).split('\n').length - 1]?.line ?? first;
    if (/^(https?|ftp):\/\//i.test(v)) {
      const org = analyzers().githubOrgOf(v.replace(/^https:\/\/raw\.githubusercontent\.com\//i, 'https://github.com/'));
      const own = org !== undefined && (ctx.sources.ownGitOrgs ?? []).includes(org);
      push(ctx, {
        check: 'instructions.remote-code', severity: own ? 'medium' : 'high', line,
        message: `The instructions load a diffusers pipeline whose code is fetched from ${v} (\`custom_pipeline=\`)${own ? ', the publisher\'s own GitHub organisation' : ''}: that code runs and is not part of this review`,
        help: 'diffusers downloads and imports the custom pipeline file. Review it at a pinned commit, or do not approve.'
      });
      continue;
    }
    if (!REPO_ID.test(v) || ctx.paths.isDir(v) || ctx.paths.has(v) || (p && v.toLowerCase() === p.repo.toLowerCase())) continue;
    const ns = (v.split('/')[0] as string).toLowerCase();
    const own = p !== undefined && ns === p.namespace.toLowerCase();
    const trusted = p !== undefined && (p.trusted ?? []).some((t) => t.toLowerCase() === ns);
    push(ctx, {
      check: 'instructions.remote-code', severity: own ? 'medium' : trusted ? 'low' : 'high', line,
      message: `The instructions load a diffusers pipeline whose code comes from another repository, ${v} (\`custom_pipeline=\`)${own ? ', of the same publisher' : trusted ? ', of a trusted publisher' : ''}: its code is not part of this review`,
      help: own || trusted ? `Review ${v} at a pinned commit as well; its code runs for every user of this card.` : `Users following this card run ${v}'s code, which nobody reviewed here. Do not approve unless that repository is reviewed and pinned too.`
    });
  }
}

function isReviewedRevision(revision: string, commit: string | undefined): boolean {
  if (revision === 'main') return true;
  const r = revision.toLowerCase();
  return commit !== undefined && /^[0-9a-f]{7,40}$/.test(r) && commit.toLowerCase().startsWith(r);
}

/** Records a hit, on the card line that ran `make` when grading a recipe. */
function push(ctx: Ctx, h: Hit): void {
  if (!ctx.via) {
    ctx.hits.push(h);
    return;
  }
  const { related: _related, ...rest } = h;
  ctx.hits.push({ ...rest, line: ctx.via.line, message: `${ctx.via.label}: ${lowerFirst(h.message)}` });
}

/**
 * Records what a shell reading found. `prose`: from inline code or a sentence that says "type this" (only kinds
 * that fetch or run count); `'weak'`: a command word mid-sentence, where only critical findings count.
 */
function takeShell(ctx: Ctx, r: { hits: ShellHit[]; commands: ShellCommand[]; embedded: EmbeddedCode[] }, mode: boolean | 'weak'): void {
  const prose = mode !== false;
  for (const h of r.hits) {
    if (prose && !PROSE_KINDS.has(h.kind) && !h.sub) continue;
    if (mode === 'weak' && h.severity !== 'critical') continue;
    if (h.hub && hubFileOfThisRepo(ctx, h)) continue;
    // Sending data in a model card (a curl to an inference API) needs a look, not a rejection, unless secrets go
    // too; to a trusted or verified publisher's own domain (`api.jina.ai` for jinaai) it is its documented API.
    const api = h.kind === 'network-send' && h.severity === 'high';
    const severity: Severity = api ? (h.host !== undefined && ownHost(h.host, ctx.sources) ? 'low' : 'medium') : h.severity;
    push(ctx, {
      check: h.sub ? `instructions.${h.sub}` : ID[h.kind], severity, line: h.line,
      message: `The instructions tell users to run a command that ${lowerFirst(h.message)}`, help: h.help, ...(h.related ? { related: h.related } : {})
    });
  }
  for (const e of r.embedded) embeddedPython(ctx, e, prose);
  for (const c of r.commands) command(ctx, c, prose);
}

/**
 * `a; b` as two lines when the line has no top-level `:` (so no compound statement or lambda is split): one-liners
 * written for `python -c` are read statement by statement, as Python runs them.
 */
export function splitSimpleStatements(code: string): string {
  return code.split('\n').map((line) => {
    const cuts: number[] = [];
    let depth = 0;
    let q: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (q) {
        if (c === '\\') i++;
        else if (c === q) q = undefined;
        continue;
      }
      if (c === '#') break;
      if (c === '"' || c === "'") q = c;
      else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && c === ':') return line;
      else if (depth === 0 && c === ';') cuts.push(i);
    }
    if (cuts.length === 0) return line;
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    const parts: string[] = [];
    let from = 0;
    for (const c of cuts) {
      parts.push(line.slice(from, c).trim());
      from = c + 1;
    }
    parts.push(line.slice(from).trim());
    return parts.filter(Boolean).map((p) => indent + p).join('\n');
  }).join('\n');
}

/** `python -c "…"` and here-documents: the same Python analysis as a code block, on the command's line. */
function embeddedPython(ctx: Ctx, e: EmbeddedCode, prose: boolean): void {
  for (const h of analyzers().analyzePython(splitSimpleStatements(e.code), { context: 'snippet', tolerateParseErrors: true, shellState: ctx.state }).hits) {
    if (prose && h.severity !== 'critical' && h.severity !== 'high') continue;
    push(ctx, { ...h, line: e.line, message: `${h.message} (in Python the instructions run)` });
  }
}

/**
 * A file downloaded from the Hub and run: when it is a file of the repository under review, it is graded as that
 * file (a binary shipped in the repo, or a script by its own findings) rather than as an unknown download.
 */
function hubFileOfThisRepo(ctx: Ctx, h: ShellHit): boolean {
  const hub = h.hub as NonNullable<ShellHit['hub']>;
  const self = ctx.publisher?.repo;
  if (self !== undefined && self.toLowerCase() !== hub.repo.toLowerCase()) return false;
  const f = ctx.paths.file(hub.file.replace(/^\.\//, ''));
  if (!f) return false;
  // A package archive of this repository installed from its Hub URL: the code check reads its members as the
  // code they are (and reports what it could not examine), so the install is graded there, not as a script.
  if (h.kind === 'install-from-url' && /\.(whl|zip|tar\.gz|tgz|egg)$/i.test(f.path)) return true;
  gradeFile(ctx, f, h.line, `${h.kind === 'chmod-exec' ? 'chmod +x' : 'run'} ${hub.file} (downloaded from ${hub.repo})`, false);
  return true;
}

/** Whether a host is the publisher's own domain: its registrable name folds to one of the publisher's names. */
function ownHost(host: string, sources: SourceOptions): boolean {
  const labels = host.toLowerCase().split('.');
  if (labels.length < 2) return false;
  const site = labels.slice(-2);
  const fold = (s: string): string => s.toLowerCase().replace(/[-_.]/g, '');
  const keys = [fold(site.join('')), fold(site[0] as string)];
  return (sources.ownNames ?? []).some((n) => fold(n).length >= 3 && keys.includes(fold(n)));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Where the instructions are and what they run: `cd`, `git clone`, `make`, clones' code, this repository's scripts. */
function command(ctx: Ctx, c: ShellCommand, prose: boolean): void {
  if (c.name === 'cd') {
    cd(ctx, c.args[0]);
    return;
  }
  if (c.name === 'git' && c.args[0] === 'clone') {
    clone(ctx, c.args.slice(1));
    return;
  }
  if (c.name === 'make' || c.name === 'gmake') {
    make(ctx, c, prose);
    return;
  }
  if (/^(docker|podman|nerdctl|buildah)$/.test(c.name) && dockerBuild(ctx, c, prose)) return;
  if (!ctx.inClone && projectFileRun(ctx, c, prose)) return;
  const cloned = cloneRun(ctx, c);
  if (cloned) {
    cloneInstall(ctx, c, cloned);
    return;
  }
  repoScript(ctx, c, ctx.cwd, prose);
}

function cd(ctx: Ctx, target: string | undefined): void {
  if (target === undefined || target === '~' || target === '-') {
    ctx.inClone = undefined;
    ctx.cwd = dirname(ctx.doc);
    return;
  }
  const first = trimEndOf(target, '/').split('/')[0] as string;
  const url = ctx.clones.get(first);
  if (url !== undefined) {
    if (url === '') ctx.cwd = '';
    else ctx.inClone = url;
    return;
  }
  if (ctx.inClone && target.startsWith('..')) {
    ctx.inClone = undefined;
    return;
  }
  if (ctx.inClone) return;
  const next = joinPath(ctx.cwd, target);
  if (next !== undefined && (next === '' || ctx.paths.isDir(next))) ctx.cwd = next;
}

const CLONE_VALUE = new Set(['-b', '--branch', '--depth', '-o', '--origin', '--reference', '-c', '--config', '--filter', '-j', '--jobs', '--separate-git-dir', '--template', '--shallow-since', '--shallow-exclude', '-u', '--upload-pack']);

function clone(ctx: Ctx, args: string[]): void {
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (CLONE_VALUE.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    pos.push(a);
  }
  const url = pos[0];
  if (url === undefined) return;
  const dir = pos[1] ?? (trimEndOf(url, '/').replace(/\.git$/, '').split(/[/:]/).pop() ?? '');
  if (dir === '') return;
  if (isHubHost(hostOf(url))) {
    // A clone of this repository is this repository; another Hub repository is code outside the review.
    const id = /huggingface\.co\/(?:models\/)?([\w.-]+\/[\w.-]+)/i.exec(url)?.[1]?.replace(/\.git$/, '');
    const self = ctx.publisher?.repo;
    const isSelf = id !== undefined && /^(spaces|datasets)\//i.test(id) === false && (self === undefined || self.toLowerCase() === id.toLowerCase());
    ctx.clones.set(dir, isSelf ? '' : url);
    return;
  }
  ctx.clones.set(dir, url);
}

/** The clone whose code a command runs or installs (inside it after `cd`, or by path), if any. */
function cloneRun(ctx: Ctx, c: ShellCommand): string | undefined {
  const pip = analyzers().pipInstallArgs(c.name, c.args);
  const localArg = (a: string): string | undefined => {
    const first = a.replace(/^\.\//, '').split('/')[0] as string;
    const url = ctx.clones.get(first);
    return url !== undefined && url !== '' ? url : undefined;
  };
  if (pip) {
    for (let i = 0; i < pip.length; i++) {
      const a = pip[i] as string;
      const isLocal = a === '.' || a.startsWith('./') || a.startsWith('../') || pip[i - 1] === '-e' || pip[i - 1] === '-r' || pip[i - 1] === '--requirement' || /^\.\[/.test(a);
      if (!isLocal) {
        const url = !a.startsWith('-') && !/^[a-z+]+:\/\//i.test(a) ? localArg(a) : undefined;
        if (url) return url;
        continue;
      }
      if (ctx.inClone) return ctx.inClone;
      const url = localArg(a);
      if (url) return url;
    }
    return undefined;
  }
  if (!ctx.inClone) {
    // `python other-repo/run.py`, `bash other-repo/install.sh` without cd.
    const target = /^python[\d.]*$|^(ba|z)?sh$/.test(c.name) ? c.args.find((a) => !a.startsWith('-')) : c.program.includes('/') ? c.program : undefined;
    return target !== undefined && target.includes('/') ? localArg(target) : undefined;
  }
  if (/^(python[\d.]*|py|pip[\d.]*|uv|poetry|pdm|pipenv|hatch|npm|yarn|pnpm|bun|cargo|go|bash|sh|zsh|source|\.|make|cmake|accelerate|torchrun|deepspeed|streamlit|gradio)$/.test(c.name) ||
      c.program.startsWith('./') || /\.(sh|py)$/.test(c.program)) {
    if (c.name === 'pip' || /^python/.test(c.name) && c.args[0] === '-m' && c.args[1] === 'pip') return undefined; // non-local pip handled above
    if ((c.name === 'uv' || c.name === 'poetry' || c.name === 'pdm') && !/^(sync|install|run|pip)$/.test(c.args[0] ?? '')) return undefined;
    if ((c.name === 'npm' || c.name === 'yarn' || c.name === 'pnpm' || c.name === 'bun') && !/^(install|i|ci|run|start|exec)?$/.test(c.args[0] ?? '')) return undefined;
    return ctx.inClone;
  }
  return undefined;
}

/** Installing or running a clone's code is installing from its git URL: graded exactly as `pip install git+URL`. */
function cloneInstall(ctx: Ctx, c: ShellCommand, url: string): void {
  const shown = c.words.join(' ').slice(0, 120);
  const spec = /^git\+|^git@/.test(url) ? url : `git+${url}`;
  const r = analyzers().judgeSpecifier(spec, ctx.sources);
  if (!r || r.kind === 'local-path') return;
  push(ctx, {
    check: 'instructions.git-install', severity: r.severity, line: c.line,
    message: `The instructions run code from the cloned repository ${url} (\`${shown}\`), which is the same as installing it from git: ${lowerFirst(r.message)}`,
    help: r.help
  });
}

/** `make [-C dir] [-f file] [targets]`: the recipes it would run, judged as the instructions' own commands. */
function make(ctx: Ctx, c: ShellCommand, prose: boolean): void {
  if (ctx.inClone) {
    cloneInstall(ctx, c, ctx.inClone);
    return;
  }
  let dir = ctx.cwd;
  let file: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i] as string;
    if (a === '-C' || a === '--directory') { dir = joinPath(dir, c.args[++i] ?? '') ?? dir; continue; }
    if (a.startsWith('--directory=')) { dir = joinPath(dir, a.slice(12)) ?? dir; continue; }
    if (a === '-f' || a === '--file' || a === '--makefile') { file = c.args[++i]; continue; }
    if (/^-[jlIoW]$/.test(a)) { i++; continue; }
    if (a.startsWith('-') || a.includes('=')) continue;
    targets.push(a);
  }
  const candidates = file !== undefined ? [joinPath(dir, file)] : ['GNUmakefile', 'makefile', 'Makefile'].map((n) => joinPath(dir, n));
  const path = candidates.find((p) => p !== undefined && ctx.paths.has(p));
  if (path === undefined) return;
  const f = ctx.paths.file(path) as RepoFile;
  const text = ctx.repo.text(path);
  const shown = c.words.join(' ').slice(0, 120);
  if (text === undefined) {
    push(ctx, { check: 'instructions.run-repo-script', severity: 'high', line: c.line, message: `The instructions run \`${shown}\`, but ${f.path} could not be analysed`, help: 'Read the Makefile by hand.' });
    return;
  }
  if (ctx.makeDepth >= MAX_MAKE_DEPTH) return;
  const mk = withIncludes(ctx, parseMakefile(text), dirname(path));
  const recipe = recipeFor(mk, targets);
  const before = ctx.hits.length;
  const saved = { via: ctx.via, cwd: ctx.cwd, depth: ctx.makeDepth };
  ctx.makeDepth++;
  ctx.cwd = dirname(path);
  for (const r of recipe) {
    ctx.via = saved.via ?? { line: c.line, label: `\`${shown}\` runs \`${r.text.trim().slice(0, 100)}\` (${path} line ${r.line})` };
    takeShell(ctx, analyzers().analyzeShell(r.text, { state: ctx.state, firstLine: c.line, sources: ctx.sources }), prose);
  }
  ctx.via = saved.via;
  ctx.cwd = saved.cwd;
  ctx.makeDepth = saved.depth;
  if (ctx.hits.length === before && !saved.via && recipe.length > 0) {
    push(ctx, {
      check: 'instructions.run-repo-script', severity: 'medium', line: c.line,
      message: `The instructions tell users to run \`${shown}\`, which runs ${recipe.length} command(s) from ${path}; they have no blocking findings`,
      help: 'Every user will run these commands; read the Makefile target and confirm it only does what the model card says.'
    });
  }
}

const BUILD_VALUE = new Set(['-t', '--tag', '--build-arg', '--target', '--platform', '--label', '--network', '--secret', '--ssh', '--cache-from', '--cache-to', '-o', '--output', '--progress', '--iidfile', '--add-host']);

/** `docker build [-f FILE] [CONTEXT]`: the Dockerfile's RUN steps run on the build machine; judged like make's recipes. */
function dockerBuild(ctx: Ctx, c: ShellCommand, prose: boolean): boolean {
  const args = c.args[0] === 'buildx' || c.args[0] === 'image' ? c.args.slice(1) : c.args;
  if (args[0] !== 'build' && args[0] !== 'bud') return false;
  let file: string | undefined;
  let context = '.';
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-f' || a === '--file') { file = args[++i]; continue; }
    if (a.startsWith('--file=')) { file = a.slice(7); continue; }
    if (BUILD_VALUE.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    context = a;
  }
  if (ctx.inClone) {
    cloneInstall(ctx, c, ctx.inClone);
    return true;
  }
  if (/^[a-z]+:\/\//i.test(context)) return false; // a remote context: the URL itself was judged
  const dir = joinPath(ctx.cwd, context);
  const path = file !== undefined ? joinPath(ctx.cwd, file) : ['Dockerfile', 'Containerfile', 'dockerfile'].map((n) => joinPath(dir ?? '', n)).find((p) => p !== undefined && ctx.paths.has(p));
  if (path === undefined || !ctx.paths.has(path)) return false;
  const text = ctx.repo.text(path);
  const shown = c.words.join(' ').slice(0, 120);
  if (text === undefined) {
    push(ctx, { check: 'instructions.run-repo-script', severity: 'high', line: c.line, message: `The instructions run \`${shown}\`, but ${path} could not be analysed`, help: 'Read the Dockerfile by hand.' });
    return true;
  }
  const steps = dockerRuns(splitLines(text).map((t, k) => ({ text: t, line: k + 1 })));
  const before = ctx.hits.length;
  const saved = ctx.via;
  for (const [step, line] of steps) {
    ctx.via = saved ?? { line: c.line, label: `\`${shown}\` runs \`${step.trim().slice(0, 100)}\` (${path} line ${line})` };
    takeShell(ctx, analyzers().analyzeShell(step, { state: analyzers().newShellState(), firstLine: c.line, sources: ctx.sources }), prose);
  }
  ctx.via = saved;
  if (ctx.hits.length === before && !saved && steps.length > 0) {
    push(ctx, {
      check: 'instructions.run-repo-script', severity: 'medium', line: c.line,
      message: `The instructions tell users to run \`${shown}\`, which runs ${steps.length} RUN step(s) from ${path}; they have no blocking findings`,
      help: 'Every user will build this image; read the Dockerfile and confirm it only does what the model card says.'
    });
  }
  return true;
}

/**
 * One-word instructions that run commands written in a project file: `just [recipe]` (justfile), `npm install`
 * / `npm run X` (package.json's lifecycle and named scripts), `pre-commit install|run` (.pre-commit-config.yaml:
 * hooks from other repositories, and local `entry:` commands). Judged like make's recipes.
 */
function projectFileRun(ctx: Ctx, c: ShellCommand, prose: boolean): boolean {
  const find = (names: string[]): string | undefined => names.map((n) => joinPath(ctx.cwd, n)).find((p) => p !== undefined && ctx.paths.has(p));
  let path: string | undefined;
  let steps: (text: string) => Step[] | undefined;
  if (c.name === 'just') {
    path = find(['justfile', 'Justfile', '.justfile']);
    const recipes = c.args.filter((a) => !a.startsWith('-') && !a.includes('='));
    steps = (t) => justSteps(t, recipes);
  } else if (/^(npm|yarn|pnpm|bun)$/.test(c.name)) {
    path = find(['package.json']);
    steps = (t) => npmScriptSteps(t, c.name, c.args);
  } else if (c.name === 'pre-commit' && /^(install|run|try-repo|install-hooks)$/.test(c.args[0] ?? '')) {
    path = find(['.pre-commit-config.yaml', '.pre-commit-config.yml']);
    steps = (t) => {
      const cfg = parsePreCommit(t);
      for (const r of cfg.repos) {
        if (isKnownHookRepo(r.text)) continue;
        const org = analyzers().githubOrgOf(r.text);
        const own = org !== undefined && (ctx.sources.ownGitOrgs ?? []).includes(org);
        push(ctx, {
          check: 'instructions.install-from-url', severity: own ? 'medium' : 'high', line: c.line,
          message: `The instructions run \`${c.words.join(' ').slice(0, 80)}\`, which installs and runs hooks from ${r.text} (${path} line ${r.line})${own ? ', the publisher\'s own GitHub organisation' : ', a repository nobody reviewed'}`,
          help: 'pre-commit clones each hook repository and runs its code on your machine. Review the hook repository at the pinned rev, or remove the hook.'
        });
      }
      return cfg.commands;
    };
  } else if (c.name === 'direnv' && c.args[0] === 'allow') {
    // `direnv allow` runs .envrc now and on every later `cd` into the folder.
    const dir = c.args[1] !== undefined ? joinPath(ctx.cwd, c.args[1].replace(/\/?\.envrc$/, '')) : ctx.cwd;
    path = [dir !== undefined ? joinPath(dir, '.envrc') : undefined].find((p) => p !== undefined && ctx.paths.has(p));
    steps = (t) => [{ text: t, line: 1 }];
  } else if (composeCommand(c)) {
    // `docker compose up|run|start|create`: each service is a `docker run` of its image with its volumes.
    const f = composeCommand(c) as { file?: string };
    path = f.file !== undefined ? find([f.file]) : find(['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']);
    steps = (t) => {
      for (const svc of composeServices(t)) {
        for (const r of judgeContainer(svc, ctx.sources)) {
          push(ctx, {
            check: 'instructions.container', severity: r.severity, line: c.line,
            message: `The instructions run \`${c.words.join(' ').slice(0, 80)}\`, whose service ${svc.service} (${path} line ${svc.line}): ${lowerFirst(r.message)}`, help: r.help
          });
        }
      }
      return [];
    };
  } else return false;
  if (path === undefined) return false;
  const text = ctx.repo.text(path);
  const shown = c.words.join(' ').slice(0, 120);
  if (text === undefined) {
    push(ctx, { check: 'instructions.run-repo-script', severity: 'high', line: c.line, message: `The instructions run \`${shown}\`, but ${path} could not be analysed`, help: `Read ${path} by hand.` });
    return true;
  }
  if (ctx.makeDepth >= MAX_MAKE_DEPTH) return true;
  const before = ctx.hits.length;
  const found = steps(text);
  if (found === undefined) return false;
  const saved = { via: ctx.via, depth: ctx.makeDepth };
  ctx.makeDepth++;
  for (const s of found) {
    ctx.via = saved.via ?? { line: c.line, label: `\`${shown}\` runs \`${s.text.trim().slice(0, 100)}\` (${path} line ${s.line})` };
    takeShell(ctx, analyzers().analyzeShell(s.text, { state: ctx.state, firstLine: c.line, sources: ctx.sources }), prose);
  }
  ctx.via = saved.via;
  ctx.makeDepth = saved.depth;
  if (ctx.hits.length === before && !saved.via && found.length > 0) {
    push(ctx, {
      check: 'instructions.run-repo-script', severity: 'medium', line: c.line,
      message: `The instructions tell users to run \`${shown}\`, which runs ${found.length} command(s) from ${path}; they have no blocking findings`,
      help: `Every user will run these commands; read ${path} and confirm they only do what the model card says.`
    });
  }
  return true;
}

/** `docker compose [-f FILE] up|run|start|create` and `docker-compose …`: the compose file named, if any. */
function composeCommand(c: ShellCommand): { file?: string } | undefined {
  const args = c.name === 'docker-compose' || c.name === 'podman-compose' ? c.args : /^(docker|podman)$/.test(c.name) && c.args[0] === 'compose' ? c.args.slice(1) : undefined;
  if (!args) return undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-f' || a === '--file') { file = args[++i]; continue; }
    if (a === '-p' || a === '--project-name' || a === '--env-file' || a === '--profile') { i++; continue; }
    if (a.startsWith('-')) continue;
    return /^(up|run|start|create|restart)$/.test(a) ? (file !== undefined ? { file } : {}) : undefined;
  }
  return undefined;
}

function withIncludes(ctx: Ctx, mk: Makefile, dir: string): Makefile {
  for (const inc of mk.includes.slice(0, 8)) {
    const p = joinPath(dir, inc);
    const t = p !== undefined ? ctx.repo.text(p) : undefined;
    if (t === undefined) continue;
    const sub = parseMakefile(t);
    for (const [k, v] of sub.vars) if (!mk.vars.has(k)) mk.vars.set(k, v);
    for (const [k, v] of sub.rules) if (!mk.rules.has(k)) mk.rules.set(k, v);
    mk.parseTimeCommands.push(...sub.parseTimeCommands);
  }
  return mk;
}

/** Every Makefile and Dockerfile in the repository read as the script it is: findings on the file itself. */
function makefileFindings(repo: RepoContent): Finding[] {
  const out: Finding[] = [];
  for (const f of repo.files) {
    const make = /^(gnu)?makefile$/i.test(basename(f.path)) || extension(f.path) === 'mk';
    const docker = /^(dockerfile|containerfile)$/i.test(basename(f.path)) || extension(f.path) === 'dockerfile';
    if (!make && !docker) continue;
    const text = repo.text(f.path);
    if (text === undefined) continue;
    const state = analyzers().newShellState();
    const hits: Hit[] = [];
    const steps = make ? allRecipes(parseMakefile(text)) : dockerRuns(splitLines(text).map((t, k) => ({ text: t, line: k + 1 }))).map(([t, line]) => ({ text: t, line }));
    for (const r of steps) {
      for (const h of analyzers().analyzeShell(r.text, { state, firstLine: r.line }).hits) {
        hits.push({ check: `shell.${h.sub ?? h.kind}`, severity: h.severity, line: r.line, message: h.message, help: h.help });
      }
    }
    out.push(...hitsToFindings(dedupeHits(hits), f.path, splitLines(text)));
  }
  return out;
}

/** What a command runs from this repository, if anything: [path as written, how]. */
function scriptOf(c: ShellCommand): [string, string] | undefined {
  const { name, args } = c;
  if (/^(uv|poetry|pipenv)$/.test(name) && args[0] === 'run' && args[1]) {
    const inner = args[1];
    return scriptOf({ ...c, name: basename(inner).toLowerCase(), program: inner, args: args.slice(2) });
  }
  const pip = analyzers().pipInstallArgs(name, args);
  if (pip) {
    const local = pip.find((a, i) => !a.startsWith('-') && (a === '.' || a.startsWith('./') || a.startsWith('../') || pip[i - 1] === '-e') && !/^[a-z+]+:\/\//i.test(a));
    return local !== undefined ? [local, 'pip-install'] : undefined;
  }
  if (/^python[\d.]*$|^py$|^pypy3?$/.test(name)) {
    const m = args.indexOf('-m');
    if (m >= 0) return args[m + 1] && args[m + 1] !== 'pip' ? [args[m + 1] as string, 'module'] : undefined;
    if (args.includes('-c')) return undefined;
    const s = args.find((a) => !a.startsWith('-'));
    if (s === 'setup.py' || s?.endsWith('/setup.py')) return [s.replace(/setup\.py$/, '') || '.', 'pip-install'];
    return s ? [s, 'script'] : undefined;
  }
  if (/^(accelerate|torchrun|deepspeed|streamlit|gradio|chainlit)$/.test(name)) {
    const s = args.find((a) => /\.py$/.test(a));
    return s ? [s, 'script'] : undefined;
  }
  if (analyzers().isInterpreter(name) || name === 'source' || name === '.') {
    if (name === 'powershell' || name === 'pwsh') {
      const f = args.findIndex((a) => /^-file$/i.test(a));
      return f >= 0 && args[f + 1] ? [args[f + 1] as string, 'script'] : undefined;
    }
    if (name === 'cmd') {
      const k = args.findIndex((a) => /^\/[ck]$/i.test(a));
      return k >= 0 && args[k + 1] ? [args[k + 1] as string, 'script'] : undefined;
    }
    if (args.some((a) => /^-\w*c$/.test(a))) return undefined;
    const s = args.find((a) => !a.startsWith('-'));
    return s ? [s, 'script'] : undefined;
  }
  if (/^(https?|ftp):\/\//i.test(c.program)) return [c.program, 'url'];
  if (c.program.includes('/') || c.program.includes('\\') || /\.(sh|py|bat|cmd|ps1|exe|bin|run|appimage)$/i.test(c.program)) return [c.program, 'program'];
  return undefined;
}

function resolve(ctx: Ctx, written: string, cwd: string, kind: string): RepoFile | undefined {
  const p = written.replace(/\\/g, '/');
  const bases = [cwd, dirname(ctx.doc), ''];
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
    const f = ctx.paths.file(c);
    if (f) return f;
  }
  return undefined;
}

/** An instruction to run a script from this repository is graded by the script (see gradeFile). */
function repoScript(ctx: Ctx, c: ShellCommand, cwd: string, prose: boolean): void {
  const s = scriptOf(c);
  if (!s) return;
  const [written, kind] = s;
  // A sentence naming a file in inline code (`This repository implements a custom \`handler.py\``) mentions it;
  // a shell looks a bare name up on PATH, not in the folder. `./handler.py` or `python handler.py` still run it.
  if (prose && kind === 'program' && !/[/\\]/.test(written) && c.args.length === 0) return;
  const shown = c.words.join(' ').slice(0, 120);
  if (kind === 'url') {
    push(ctx, { check: 'instructions.run-binary', severity: 'high', line: c.line, message: `The instructions run a program straight from a URL: \`${shown}\``, help: 'Running a downloaded program executes code nobody reviewed. Do not approve.' });
    return;
  }
  const f = resolve(ctx, written, cwd, kind);
  if (f) gradeFile(ctx, f, c.line, shown, prose);
}

/**
 * A file of this repository the instructions run, graded by the file: critical/high when its own code findings
 * are, high when it is a binary or could not be analysed (too large), and medium otherwise — every user will run
 * it, so a reviewer reads it, but a benign `python train.py` is not a rejection.
 */
function gradeFile(ctx: Ctx, f: RepoFile, line: number, shown: string, prose: boolean): void {
  if (f.formats.some((x) => ['elf', 'pe', 'macho', 'wasm', 'dex', 'unknown-binary'].includes(x))) {
    push(ctx, { check: 'instructions.run-binary', severity: 'high', line, message: `The instructions run ${f.path}, a binary shipped in this repository (\`${shown}\`)`, help: 'A model needs no native program of its own; binaries cannot be reviewed as source. Do not approve.' });
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
  push(ctx, {
    check: 'instructions.run-repo-script', severity, line,
    message: `The ${prose ? 'text' : 'instructions'} tell users to run ${f.path} from this repository (\`${shown}\`)${what}`,
    help: severity === 'medium'
      ? 'Every user will run this script; read it and confirm it only does what the model card says.'
      : 'Users are told to run code that does something a model never needs. Do not approve.'
  });
}
