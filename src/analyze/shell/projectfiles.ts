// Project files whose commands a one-word instruction runs: a justfile's recipes (`just setup`), package.json's
// lifecycle and named scripts (`npm install`, `npm run demo`), and .pre-commit-config.yaml's hooks
// (`pre-commit run`). Pure readers over text: what would run, with the line it is written on.
export interface Step {
  text: string;
  line: number;
}

interface JustRecipe {
  deps: string[];
  body: Step[];
}

/** A justfile's recipes in order: `name [params]: [deps]` at column 0, then its indented body. */
export function parseJustfile(text: string): Map<string, JustRecipe> {
  const out = new Map<string, JustRecipe>();
  let current: JustRecipe | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] as string).replace(/\r$/, '');
    if (/^\s/.test(l)) {
      const t = l.trim();
      if (current && t !== '' && !t.startsWith('#!')) current.body.push({ text: t.replace(/^[@-]+/, ''), line: i + 1 });
      continue;
    }
    if (l.trim() === '' || l.startsWith('#')) continue;
    // `name param='x' +rest: dep1 dep2` (not `x := value`, `set …`, `alias …`, `export …`).
    const head = recipeHead(l);
    if (!head || /^(set|alias|export|import|mod)$/.test(head[1] as string)) { current = undefined; continue; }
    current = { deps: (head[3] as string).split(/\s+/).filter((d) => /^[A-Za-z_][\w-]*$/.test(d)), body: [] };
    if (!out.has(head[1] as string)) out.set(head[1] as string, current);
  }
  return out;
}

/** The commands `just [recipe…]` runs: each recipe's dependencies first; the first recipe when none is named. */
export function justSteps(text: string, recipes: readonly string[]): Step[] {
  const all = parseJustfile(text);
  const named = recipes.length > 0 ? recipes : [...all.keys()].slice(0, 1);
  const out: Step[] = [];
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n) || seen.size > 64) return;
    seen.add(n);
    const r = all.get(n);
    if (!r) return;
    for (const d of r.deps) visit(d);
    out.push(...r.body);
  };
  for (const n of named) visit(n);
  return out;
}

/** The line in a JSON text where a key is written (1 when not found). */
function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/**
 * The scripts an npm-family command runs from package.json: an install (no package named) runs preinstall,
 * install, postinstall and prepare; `run X` / `start` / `test` runs preX, X and postX. Undefined when the command
 * runs none of them.
 */
export function npmScriptSteps(packageJson: string, tool: string, args: readonly string[]): Step[] | undefined {
  let names: string[];
  const plain = args.filter((a) => !a.startsWith('-'));
  const sub = plain[0];
  if (sub === undefined || /^(i|install|ci|add)$/.test(sub)) {
    // `npm install pkg` installs pkg (judged elsewhere); a bare install builds this package.
    if (plain.length > 1 || (sub === undefined && tool !== 'yarn' && tool !== 'pnpm' && tool !== 'bun')) return undefined;
    if (sub === 'add') return undefined;
    names = ['preinstall', 'install', 'postinstall', 'prepare'];
  } else if (sub === 'run' || sub === 'run-script' || (tool !== 'npm' && !/^(exec|dlx|x|create|init|publish|remove|why|list|info|view)$/.test(sub))) {
    const s = sub === 'run' || sub === 'run-script' ? plain[1] : sub;
    if (s === undefined) return undefined;
    names = [`pre${s}`, s, `post${s}`];
  } else if (sub === 'start' || sub === 'test' || sub === 'restart' || sub === 'stop') {
    names = [`pre${sub}`, sub, `post${sub}`];
  } else return undefined;
  let pkg: unknown;
  try { pkg = JSON.parse(packageJson); } catch { return undefined; }
  const scripts = typeof pkg === 'object' && pkg !== null ? (pkg as { scripts?: unknown }).scripts : undefined;
  if (typeof scripts !== 'object' || scripts === null) return [];
  const out: Step[] = [];
  for (const n of names) {
    const v = (scripts as Record<string, unknown>)[n];
    if (typeof v === 'string') out.push({ text: v, line: lineOfKey(packageJson, n) });
  }
  return out;
}

export interface PreCommitConfig {
  /** Hook repositories (their URLs, with the line), `local` and `meta` left out. */
  repos: Step[];
  /** Local hooks that run a command on this machine (`language: system`/`script`): their entries. */
  commands: Step[];
}

/** Reads .pre-commit-config.yaml's `repo:` URLs and local `entry:` commands, line by line (no YAML evaluation). */
export function parsePreCommit(text: string): PreCommitConfig {
  const repos: Step[] = [];
  const commands: Step[] = [];
  const lines = text.split('\n');
  let local = false;
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] as string).replace(/\r$/, '');
    const repo = yamlField(l, 'repo', (v) => /^[^'"\s#]+/.exec(v.replace(/^['"]/, ''))?.[0]);
    if (repo) {
      local = /^(local|meta)$/.test(repo[1] as string);
      if (!local) repos.push({ text: repo[1] as string, line: i + 1 });
      continue;
    }
    const entry = yamlField(l, 'entry', (v) => { const t = v.trimEnd(); return t === '' || /[\n\r\u2028\u2029]/.test(t) ? undefined : t; });
    if (entry && local) commands.push({ text: (entry[1] as string).replace(/^(['"])(.*)\1$/, '$2'), line: i + 1 });
  }
  return { repos, commands };
}

/** Hook repositories of the tools' own publishers (pre-commit's own, formatters and linters everyone uses). */
const KNOWN_HOOK_REPOS = /^https:\/\/github\.com\/(pre-commit|psf|astral-sh|pycqa|PyCQA|python-jsonschema|asottile|pre-commit-ci|codespell-project|google|kynan|nbQA-dev|adamchainz|pappasam|igorshubovych|shellcheck-py|rhysd|hadolint|DavidAnson|executablebooks|pre-commit-mirrors|lyz-code|tox-dev|abravalheri|hukkin|MarcoGorelli|charliermarsh|returntocorp|gitleaks|Yelp|jumanjihouse|crate-ci|streetsidesoftware|editorconfig-checker|python-poetry|commitizen-tools|compilerla|dosisod|pylint-dev|regebro)\/[\w.-]+\/?$/i;

export function isKnownHookRepo(url: string): boolean {
  return KNOWN_HOOK_REPOS.test(url.replace(/\.git$/, ''));
}

/**
 * `/^@?([A-Za-z_][\w-]*)([^:=]*):(?!=)(.*)$/.exec(l)` in one pass. The name is greedy: whatever split the pattern
 * chose, the first `:` or `=` after the name decides, so the greedy name gives the same groups.
 */
function recipeHead(l: string): [string, string, string, string] | null {
  const name = /^@?([A-Za-z_][\w-]*)/.exec(l);
  if (!name) return null;
  const after = l.slice(name[0].length);
  let i = 0;
  while (i < after.length && after[i] !== ':' && after[i] !== '=') i++;
  if (after[i] !== ':' || after[i + 1] === '=') return null;
  const rest = after.slice(i + 1);
  if (/[\n\r\u2028\u2029]/.test(rest)) return null;
  return [l, name[1] as string, after.slice(0, i), rest];
}

/**
 * A `  - key: value` line of a YAML list (`/^\s*-?\s*key:\s*…/` in one pass): `value` is what follows the key and
 * its blanks, handed to `read`, whose answer becomes group 1.
 */
function yamlField(l: string, key: string, read: (value: string) => string | undefined): [string, string] | null {
  let s = l.trimStart();
  if (s.startsWith('-')) s = s.slice(1).trimStart();
  if (!s.startsWith(`${key}:`)) return null;
  const got = read(s.slice(key.length + 1).trimStart());
  return got === undefined ? null : [l, got];
}
