// Remote code: `auto_map` (and `custom_pipelines`) in config files make transformers import Python from the
// repository when a user passes trust_remote_code=True. List the modules (and what they import relatively),
// flag references into other repositories and missing files, and check standalone chat template files.
import type { Finding } from '../../core/findings.js';
import { isObject, type Json, parseJson } from '../../analyze/json.js';
import { analyzeChatTemplate } from '../../analyze/template.js';
import type { ContentCheck, RepoContent } from './types.js';
import { pathIndex } from './paths.js';
import { basename, dirname, evidenceOf, extension, joinPath, splitLines, truncateEvidence } from '../../analyze/util.js';
import { analyzers } from './analyzers.js';

const CONFIGS = new Set([
  'config.json', 'tokenizer_config.json', 'processor_config.json', 'preprocessor_config.json', 'feature_extractor_config.json',
  'image_processor_config.json', 'video_preprocessor_config.json', 'generation_config.json'
]);

export interface CodeReference {
  config: string;
  /** The auto class or pipeline task that loads it. */
  slot: string;
  /** `org/name` when the reference points into another repository. */
  repo?: string;
  module: string;
  className: string;
  /** Repository path of the module file (for references inside this repository). */
  file?: string;
}

/** Every custom-code reference in one config document. */
export function codeReferences(configPath: string, doc: Json): CodeReference[] {
  const out: CodeReference[] = [];
  if (!isObject(doc)) return out;
  const add = (slot: string, v: Json | undefined): void => {
    if (typeof v !== 'string' || v === '') return;
    const [repoPart, ref] = v.includes('--') ? [v.slice(0, v.indexOf('--')), v.slice(v.indexOf('--') + 2)] : [undefined, v];
    const dot = ref.lastIndexOf('.');
    if (dot <= 0) return;
    const module = ref.slice(0, dot);
    const r: CodeReference = { config: configPath, slot, module, className: ref.slice(dot + 1) };
    if (repoPart) r.repo = repoPart;
    else {
      const file = joinPath(dirname(configPath), `${module.replace(/\./g, '/')}.py`);
      if (file !== undefined) r.file = file;
    }
    out.push(r);
  };
  const autoMap = doc.auto_map;
  if (isObject(autoMap)) {
    for (const [slot, v] of Object.entries(autoMap)) {
      if (Array.isArray(v)) for (const x of v) add(slot, x);
      else add(slot, v);
    }
  }
  const pipelines = doc.custom_pipelines;
  if (isObject(pipelines)) {
    for (const [task, spec] of Object.entries(pipelines)) if (isObject(spec)) add(`pipeline ${task}`, spec.impl);
  }
  return out;
}

/**
 * Custom modules of a sentence-transformers model: `modules.json` entries whose `type` is not a
 * `sentence_transformers.` class. SentenceTransformer(...) imports `module.Class` from `module.py` at the model's
 * root with transformers' dynamic-module loader — with trust_remote_code=True, and also without it when the model
 * is loaded from a local folder (a clone) — and falls back to importing an installed package of that name.
 */
export interface StModuleReference {
  config: string;
  type: string;
  /** `org/name` when the class lives in another repository (`org/name--module.Class`). */
  repo?: string;
  /** Repository path of the module file, when the reference is of the `module.Class` form the loader reads. */
  file?: string;
  /** The dotted module an installed package would have to provide when no repository file serves it. */
  module: string;
}

export function stModuleReferences(configPath: string, doc: Json): StModuleReference[] {
  const out: StModuleReference[] = [];
  if (!Array.isArray(doc)) return out;
  for (const entry of doc) {
    if (!isObject(entry) || typeof entry.type !== 'string') continue;
    const type = entry.type.trim();
    if (type === '' || type.startsWith('sentence_transformers.')) continue;
    const [repoPart, ref] = type.includes('--') ? [type.slice(0, type.indexOf('--')), type.slice(type.indexOf('--') + 2)] : [undefined, type];
    const dot = ref.lastIndexOf('.');
    const module = dot > 0 ? ref.slice(0, dot) : ref;
    const r: StModuleReference = { config: configPath, type, module };
    if (repoPart) r.repo = repoPart;
    // transformers splits the reference on "." into exactly (module file, class): one dot, one file.
    else if (ref.split('.').length === 2) {
      const file = joinPath(dirname(configPath), `${module}.py`);
      if (file !== undefined) r.file = file;
    }
    out.push(r);
  }
  return out;
}

function stDocs(repo: RepoContent): { path: string; text: string; doc: Json }[] {
  const out: { path: string; text: string; doc: Json }[] = [];
  for (const f of repo.files) {
    if (basename(f.path) !== 'modules.json') continue;
    const text = repo.text(f.path);
    if (text === undefined) continue;
    try {
      out.push({ path: f.path, text, doc: parseJson(text.replace(/^\ufeff/, '')).value });
    } catch {
      // Unreadable: sentence-transformers fails to load it; the scanners report invalid JSON.
    }
  }
  return out;
}

function configDocs(repo: RepoContent): { path: string; text: string; doc: Json }[] {
  const out: { path: string; text: string; doc: Json }[] = [];
  for (const f of repo.files) {
    if (!CONFIGS.has(basename(f.path))) continue;
    const text = repo.text(f.path);
    if (text === undefined) continue;
    try {
      out.push({ path: f.path, text, doc: parseJson(text.replace(/^\ufeff/, '')).value });
    } catch {
      // An unreadable config loads nothing; the scanners report invalid JSON where it matters.
    }
  }
  return out;
}

/**
 * Every way the repository asks for remote code, one line each (`config.json auto_map AutoModel → modeling.Model`):
 * auto_map and custom pipelines in its configs, and custom sentence-transformers modules. Empty: none.
 */
export function remoteCodeUses(repo: RepoContent): string[] {
  const out: string[] = [];
  for (const { path, doc } of configDocs(repo)) {
    for (const r of codeReferences(path, doc)) out.push(`${path} ${r.slot} → ${r.repo ? `${r.repo}--` : ''}${r.module}.${r.className}`);
  }
  for (const { path, doc } of stDocs(repo)) {
    for (const r of stModuleReferences(path, doc)) out.push(`${path} module ${r.type}`);
  }
  return [...new Set(out)];
}

const memo = new WeakMap<RepoContent, Map<string, string>>();

/** Files transformers would import as remote code: auto_map modules and what they import relatively. */
export function remoteCodeFiles(repo: RepoContent): Map<string, string> {
  const cached = memo.get(repo);
  if (cached) return cached;
  const present = pathIndex(repo);
  const out = new Map<string, string>();
  const queue: string[] = [];
  for (const { path, doc } of configDocs(repo)) {
    for (const r of codeReferences(path, doc)) {
      if (r.file && present.has(r.file) && !out.has(r.file)) {
        out.set(r.file, `${basename(path)} auto_map ${r.slot}`);
        queue.push(r.file);
      }
    }
  }
  for (const { path, doc } of stDocs(repo)) {
    for (const r of stModuleReferences(path, doc)) {
      if (r.file && present.has(r.file) && !out.has(r.file)) {
        out.set(r.file, `modules.json module ${r.type}`);
        queue.push(r.file);
      }
    }
  }
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const text = repo.text(file);
    if (text === undefined) continue;
    for (const rel of analyzers().relativeImports(text)) {
      const dots = /^\.+/.exec(rel)?.[0].length ?? 1;
      let dir = dirname(file);
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      const base = joinPath(dir, rel.slice(dots).replace(/\./g, '/'));
      if (base === undefined) continue;
      for (const cand of [`${base}.py`, `${base}/__init__.py`]) {
        if (present.has(cand) && !out.has(cand)) {
          out.set(cand, `imported by ${file}`);
          queue.push(cand);
        }
      }
    }
  }
  memo.set(repo, out);
  return out;
}

function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** The namespace of `org/name`, compared as the Hub compares names (case-insensitively). */
function ownerOf(repoId: string): string {
  return (repoId.split('/')[0] ?? '').toLowerCase();
}

/**
 * Code loaded from another repository (`org/repo--module.Class`, sentence-transformers `org/repo--module`). It is
 * fetched at that repository's default branch when the model loads, so it is outside this review and can change at
 * any time: high. When the other repository belongs to the same publisher (a shared implementation repository, as
 * jinaai, nomic-ai and Alibaba-NLP publish), it is the same party's code, unpinned: a reviewer must still read it
 * (medium), but it is not a third party's.
 */
function crossRepoFinding(path: string, line: number | undefined, evidence: string, target: string, what: string, self: string | undefined): Finding {
  const same = self !== undefined && ownerOf(self) === ownerOf(target) && self.toLowerCase() !== target.toLowerCase();
  const at = { file: path, ...(line ? { line } : {}), evidence };
  if (same) {
    return {
      ...at, check: 'remote-code.cross-repo', severity: 'medium',
      message: `${basename(path)} loads code from ${target}, another repository of the same publisher (${what}); that code is not pinned by this entry and not part of this review`,
      help: `Read ${target}'s code at the commit users will get, and pin it (\`code_revision=\` in from_pretrained, or approve ${target} at a pinned commit as its own entry).`
    };
  }
  return {
    ...at, check: 'remote-code.cross-repo', severity: 'high',
    message: `${basename(path)} loads code from another repository, ${target} (${what}); that code is not part of this review`,
    help: `Review ${target} at a pinned commit too, or do not approve: its code can change at any time.`
  };
}

export const remoteCodeCheck: ContentCheck = {
  id: 'remote-code',
  run(repo) {
    const out: Finding[] = [];
    const present = pathIndex(repo);
    const remote = remoteCodeFiles(repo);
    for (const { path, text, doc } of configDocs(repo)) {
      const refs = codeReferences(path, doc);
      if (refs.length === 0) continue;
      const key = isObject(doc) && isObject(doc.auto_map) ? '"auto_map"' : '"custom_pipelines"';
      const line = lineOf(text, key);
      const all = splitLines(text);
      const at = line ?? 1;
      const evidence = evidenceOf(all, at, [1, 2, 3, 4, 5].map((k) => at + k).filter((n) => n <= all.length));
      const local = refs.filter((r) => r.file);
      const files = [...new Set(local.map((r) => r.file as string))];
      if (files.length > 0) {
        const imported = [...remote.entries()].filter(([f, why]) => !files.includes(f) && why.startsWith('imported')).map(([f]) => f);
        out.push({
          check: 'remote-code.auto-map', severity: 'medium', file: path, ...(line ? { line } : {}), evidence,
          message: `${basename(path)} loads custom code from this repository (needs trust_remote_code=True): ${
            local.map((r) => `${r.file} (${r.slot} → ${r.className})`).filter((v, i, a) => a.indexOf(v) === i).join(', ')}${imported.length ? `; they import ${imported.join(', ')}` : ''}`,
          help: 'This code runs with the user\'s privileges when the model loads. Its own findings are listed under each file; read it before approving.'
        });
      }
      for (const r of local) {
        if (r.file && !present.has(r.file)) {
          out.push({
            check: 'remote-code.missing-file', severity: 'medium', file: path, ...(line ? { line } : {}), evidence,
            message: `${r.slot} refers to ${r.module}.${r.className}, but ${r.file} is not in the reviewed files`,
            help: 'Loading would fail or pick the module up from elsewhere; find out where this code comes from.'
          });
        }
      }
      for (const repoId of [...new Set(refs.filter((r) => r.repo).map((r) => r.repo as string))]) {
        const slots = refs.filter((r) => r.repo === repoId).map((r) => `${r.slot} → ${r.module}.${r.className}`);
        out.push(crossRepoFinding(path, line, evidence, repoId, slots.join(', '), repo.repo));
      }
    }
    for (const { path, text, doc } of stDocs(repo)) {
      const refs = stModuleReferences(path, doc);
      for (const r of refs) {
        const line = lineOf(text, r.type);
        const evidence = truncateEvidence(splitLines(text)[(line ?? 1) - 1] ?? '');
        const at = { file: path, ...(line ? { line } : {}), evidence };
        if (r.repo) {
          out.push(crossRepoFinding(path, line, at.evidence, r.repo, `module ${r.type}`, repo.repo));
        } else if (r.file && present.has(r.file)) {
          const imported = [...remote.entries()].filter(([f, why]) => f !== r.file && why === `imported by ${r.file}`).map(([f]) => f);
          out.push({
            ...at, check: 'remote-code.st-module', severity: 'medium',
            message: `${basename(path)} makes sentence-transformers import custom code from this repository: ${r.file} (${r.type})${imported.length ? `, which imports ${imported.join(', ')}` : ''}; it runs with trust_remote_code=True, and also without it when the model is loaded from a local clone`,
            help: 'This code runs with the user\'s privileges when the model loads. Its own findings are listed under each file; read it before approving.'
          });
        } else {
          out.push({
            ...at, check: 'remote-code.st-package', severity: 'medium',
            message: `${basename(path)} names module ${r.type}, which no file of this repository provides${r.file ? ` (${r.file} is missing)` : ''}: sentence-transformers then imports ${r.module} from whatever package is installed under that name`,
            help: 'Find out which package provides it and whether the model card tells users to install it; that package is not part of this review.'
          });
        }
      }
    }
    // Chat templates kept as their own files (chat_template.jinja, additional_chat_templates/*.jinja): the JSON
    // scanner only sees templates in JSON. A template file whose text was not kept was not examined: fail closed.
    for (const f of repo.files) {
      if (!['jinja', 'jinja2', 'j2'].includes(extension(f.path))) continue;
      const text = repo.text(f.path);
      if (text !== undefined) out.push(...analyzeChatTemplate(text, { path: f.path, where: basename(f.path), source: 'transformers' }).findings);
      else if (f.complete !== false) {
        out.push({
          check: 'template.too-large', severity: 'high', file: f.path,
          message: `Chat template file ${basename(f.path)} (${f.size} bytes) was not kept for examination`,
          help: 'Template files are examined from the text kept during the review (up to 1 MiB each); this one was not, so it was not examined. Do not approve it unexamined.'
        });
      }
    }
    return out;
  }
};
