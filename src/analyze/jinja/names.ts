// The names that matter in a chat template: attributes that walk Python's object graph toward code (what Jinja's
// sandbox refuses: jinja2/sandbox.py is_internal_attribute and the `_` rule of is_safe_attribute), methods and
// builtins that run code, and the Jinja/Flask globals public template-injection payloads start from.

/** Frame, code, generator and function internals (Python 2 spellings too) and `mro`. */
const INTERNAL = new Set([
  'func_globals', 'func_code', 'func_closure', 'func_defaults', 'func_dict', 'im_func', 'im_self', 'im_class',
  'gi_frame', 'gi_code', 'gi_yieldfrom', 'cr_frame', 'cr_code', 'cr_await', 'cr_origin', 'ag_frame', 'ag_code', 'ag_await',
  'f_back', 'f_globals', 'f_locals', 'f_builtins', 'f_code', 'tb_frame', 'tb_next', 'co_code', 'co_consts', 'co_names',
  'mro'
]);

/** Why an attribute or item name walks toward interpreter internals, or undefined for an ordinary name. */
export function internalName(name: string): string | undefined {
  if (name.startsWith('__')) return 'walks Python object internals';
  // `_Class__attr`: Python's mangled spelling of a class-private attribute.
  const mangled = name.indexOf('__', 2);
  if (name.startsWith('_') && mangled > 1 && mangled + 2 < name.length) return 'reads a name-mangled private attribute';
  if (INTERNAL.has(name)) return 'walks Python frame, code or type internals';
  if (name === 'format_map') return 'reaches str.format_map (how CVE-2019-10906 escaped the Jinja sandbox)';
  return undefined;
}

/** A single-underscore private name: not an internal, but nothing a chat template reads. */
export function privateName(name: string): boolean {
  return name.startsWith('_') && internalName(name) === undefined;
}

/** Methods and functions that run processes or code, load modules or open files when called. */
const CODE_CALLS = new Set([
  'popen', 'Popen', 'system', 'fork', 'forkpty', 'check_output', 'check_call', 'getoutput', 'getstatusoutput', 'eval', 'exec',
  'compile', '__import__', 'import_module', 'load_module', 'exec_module', 'getattr', 'setattr', 'delattr', 'open', 'globals',
  'locals', 'vars', 'breakpoint', 'input', 'execfile', 'urlopen', 'unlink', 'rmtree', 'remove', 'kill', 'run_path', 'run_module'
]);

/** Why calling `name` runs code, or undefined. */
export function codeCall(name: string): string | undefined {
  if (CODE_CALLS.has(name) || /^exec[lv]p?e?$/.test(name) || /^spawn[lv]p?e?$/.test(name) || /^posix_spawnp?$/.test(name)) {
    return `calls ${name}(), which runs code or commands`;
  }
  return undefined;
}

/** Python modules: a template naming one as an object is reaching for the interpreter. */
const MODULES = new Set([
  'os', 'sys', 'subprocess', 'builtins', '__builtins__', 'importlib', 'posix', 'nt', 'pty', 'socket', 'shutil', 'ctypes',
  'pickle', 'marshal', 'runpy', 'codecs', 'io', 'pathlib', 'platform', 'commands'
]);

export function moduleName(name: string): boolean {
  return MODULES.has(name);
}

/**
 * Globals that public Jinja/Flask injection payloads start from and chat templates have no use for (`lipsum.__globals__`,
 * `self._TemplateReference__context`, `request.application`, `config.from_object`). `cycler`, `joiner`, `namespace`,
 * `range` and `dict` are ordinary template helpers: only walks from them into internals are findings.
 */
const ENTRY_GLOBALS = new Set(['lipsum', 'self', 'request', 'config', 'url_for', 'get_flashed_messages', 'session']);

export function entryGlobal(name: string): boolean {
  return ENTRY_GLOBALS.has(name);
}

/** Filters that read attributes named by an argument (jinja2.filters make_attrgetter / environment.getattr). */
export const ATTRIBUTE_FILTERS: Readonly<Record<string, { positional?: number; keyword?: string }>> = {
  attr: { positional: 0 },
  map: { keyword: 'attribute' },
  selectattr: { positional: 0 },
  rejectattr: { positional: 0 },
  sort: { positional: 2, keyword: 'attribute' },
  unique: { positional: 1, keyword: 'attribute' },
  min: { positional: 1, keyword: 'attribute' },
  max: { positional: 1, keyword: 'attribute' },
  sum: { positional: 0, keyword: 'attribute' },
  groupby: { positional: 0, keyword: 'attribute' },
  join: { positional: 1, keyword: 'attribute' }
};
