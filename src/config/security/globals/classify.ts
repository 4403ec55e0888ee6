// Classifies one imported `module.name` for the pickle VM and for configs that name Python classes (Keras).
// Exact matches only for what is allowed; danger lists grade everything else (threats.md §3). The work is linear in
// the number of dotted parts: danger entries have at most MAX_DANGER_PARTS parts, so no lookup looks further.
import type { Severity } from '../../../core/findings.js';
import {
  DANGER, DANGER_HELP, DANGER_NAME_PREFIXES, DANGER_NAMES, type DangerCategory, REVIEW_CLASS_FAMILIES, REVIEW_GLOBAL_SOURCES,
  SAFE_GLOBAL_SOURCES, TORCHSCRIPT_BUILDERS
} from './lists.js';

export type GlobalTier = 'safe' | 'review' | 'unknown' | 'dangerous';

export interface GlobalVerdict {
  tier: GlobalTier;
  /** Why a dangerous global is dangerous: a danger-list category, or 'dunder' for a dunder component. */
  category?: DangerCategory | 'dunder';
  /** The danger-list entry that matched (e.g. `os`, `builtins.eval`), or the dunder component. */
  matched?: string;
  /** True when only the team's policy (`allow`) makes it safe. */
  allowedByPolicy?: boolean;
  /** One phrase for a reviewer: what the global is and, for library globals, which library version writes it. */
  reason: string;
}

/** Where the pickle being classified is read, when that changes what a name means. */
export interface GlobalContext {
  /**
   * The pickle is one TorchScript's own loader reads (data.pkl, constants.pkl or a .debug_pkl of a torch.jit.save
   * archive): `__torch__.*` names TorchScript classes compiled from the archive's code/, not a Python module, and
   * torch.jit._pickle's list builders are identity functions.
   */
  torchScript?: boolean;
  /** Counts the classifier's elementary steps (tests hold the work to a bound per dotted part). */
  meter?: { steps: number };
}

const DANGER_MAP: ReadonlyMap<string, DangerCategory> = new Map(DANGER);
const DANGER_NAME_MAP: ReadonlyMap<string, DangerCategory> = new Map(DANGER_NAMES);
/** The most dotted parts any danger entry has: no danger lookup needs to look further than this. */
const MAX_DANGER_PARTS = Math.max(...DANGER.map(([e]) => e.split('.').length));

interface Source { library: string; version: string; why: string }
const SAFE_MAP: ReadonlyMap<string, Source> = indexSources(SAFE_GLOBAL_SOURCES);
const REVIEW_MAP: ReadonlyMap<string, Source> = indexSources(REVIEW_GLOBAL_SOURCES);

function indexSources(groups: ReadonlyArray<Source & { names: readonly string[] }>): Map<string, Source> {
  const out = new Map<string, Source>();
  for (const g of groups) for (const n of g.names) if (!out.has(n)) out.set(n, { library: g.library, version: g.version, why: g.why });
  return out;
}

/** The danger category of a callable's own name (`system`, `exec_script`), whatever its module. */
function dangerName(last: string): DangerCategory | undefined {
  return DANGER_NAME_MAP.get(last) ?? DANGER_NAME_PREFIXES.find(([prefix]) => last.startsWith(prefix))?.[1];
}
// Modules whose dunder-shaped names are ordinary (a script's classes; Python 2 builtins, renamed before this).
const DUNDER_OK_MODULES = new Set(['__main__', '__builtin__']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What a class family admits: classes (`Linear`, `_BinMapper`) and Cython state restorers (`__pyx_unpickle_Tree`). */
const FAMILY_MEMBER = /^(?:_*[A-Z]|__pyx_unpickle_[A-Za-z])/;

function isDunder(part: string): boolean {
  return part.length > 4 && part.startsWith('__') && part.endsWith('__');
}

/** Longest danger entry that is a dotted prefix of parts[from..] (entries have at most MAX_DANGER_PARTS parts). */
function dangerAt(parts: readonly string[], from: number, meter?: { steps: number }): [string, DangerCategory] | undefined {
  let path = '';
  let hit: [string, DangerCategory] | undefined;
  const end = Math.min(parts.length, from + MAX_DANGER_PARTS);
  for (let i = from; i < end; i++) {
    if (meter) meter.steps++;
    path = i === from ? (parts[i] ?? '') : `${path}.${parts[i] ?? ''}`;
    const cat = DANGER_MAP.get(path);
    if (cat) hit = [path, cat];
  }
  return hit;
}

function dangerous(category: DangerCategory | 'dunder', matched: string, reason: string): GlobalVerdict {
  return { tier: 'dangerous', category, matched, reason };
}

function sourced(tier: 'safe' | 'review', s: Source): GlobalVerdict {
  return { tier, reason: `${s.why} (written by ${s.library} ${s.version})` };
}

/**
 * A TorchScript class name inside a TorchScript archive. TorchScript's loader resolves `__torch__.*` against the
 * classes compiled from the archive's code/ (reviewed as code there); `__torch__.torch.classes.*` are custom C++
 * classes that only exist when a native library registered them.
 */
function torchScriptClass(parts: readonly string[], meter?: { steps: number }): GlobalVerdict {
  for (let i = 1; i < parts.length; i++) {
    if (meter) meter.steps++;
    const p = parts[i] ?? '';
    if (isDunder(p)) return dangerous('dunder', p, `dunder component \`${p}\` inside a TorchScript class name`);
    if (!IDENT.test(p)) return { tier: 'unknown', reason: 'not a valid TorchScript class name' };
  }
  if (parts[1] === 'torch' && parts[2] === 'classes') {
    return { tier: 'unknown', reason: 'a TorchScript custom C++ class (torch.classes): it exists only when a native library registered it, and its code is not in the archive' };
  }
  return { tier: 'safe', reason: 'a TorchScript class compiled from this archive\'s code/ (its code is reviewed there)' };
}

/**
 * Full verdict for `module.name` as the unpickler would resolve it (after Python 2 renames). `name` may be dotted
 * (a getattr chain): every component of module and name is checked, and a danger entry reached through the chain
 * (`pathlib` + `os.system`) counts like a direct import. `allow` holds exact `module.name` strings the policy
 * allows; it promotes review and unknown globals, never dangerous ones. `context` says where the pickle is read.
 */
export function describeGlobal(module: string, name: string, allow?: Iterable<string>, context: GlobalContext = {}): GlobalVerdict {
  const meter = context.meter;
  const modParts = module.split('.');
  const nameParts = name.split('.');
  const parts = [...modParts, ...nameParts];
  const full = `${module}.${name}`;

  if (context.torchScript && parts[0] === '__torch__') return torchScriptClass(parts, meter);
  if (context.torchScript && TORCHSCRIPT_BUILDERS.has(full)) {
    return { tier: 'safe', reason: 'a TorchScript list builder (torch.jit._pickle returns its argument unchanged)' };
  }

  for (let i = 0; i < parts.length; i++) {
    if (meter) meter.steps++;
    const p = parts[i] ?? '';
    if (i === 0 && DUNDER_OK_MODULES.has(p)) continue;
    if (isDunder(p)) return dangerous('dunder', p, `dunder component \`${p}\` reaches interpreter internals`);
  }
  const direct = dangerAt(parts, 0, meter);
  if (direct) return dangerous(direct[1], direct[0], DANGER_HELP[direct[1]]);
  // A dotted name is a getattr chain: `pathlib` + `os.system` is os.system. Start at every name component that has
  // at least one more component after it (a bare member named like a module is just that module object).
  for (let i = modParts.length; i <= parts.length - 2; i++) {
    const hit = dangerAt(parts, i, meter);
    if (hit) return dangerous(hit[1], hit[0], `${DANGER_HELP[hit[1]]} (reached through the attribute chain \`${name}\`)`);
  }
  const last = parts[parts.length - 1] ?? '';
  const byName = dangerName(last);
  if (byName) return dangerous(byName, last, `${DANGER_HELP[byName]} (a callable named \`${last}\`, whatever its module)`);

  const safe = SAFE_MAP.get(full);
  if (safe) return sourced('safe', safe);
  const allowed = allow ? (allow instanceof Set ? allow : new Set(allow)).has(full) : false;
  let wellFormed = true;
  for (const p of parts) {
    if (meter) meter.steps++;
    if (!IDENT.test(p)) { wellFormed = false; break; }
  }
  let base: GlobalVerdict;
  const review = REVIEW_MAP.get(full);
  if (review) base = sourced('review', review);
  else {
    const family = wellFormed && nameParts.length === 1 && FAMILY_MEMBER.test(name)
      ? REVIEW_CLASS_FAMILIES.find((f) => f.modules.some((m) => module === m || module.startsWith(`${m}.`)))
      : undefined;
    base = family ? sourced('review', family)
      : { tier: 'unknown', reason: wellFormed ? 'no tier names it: an unknown import can run any code on load' : 'not a valid dotted Python name' };
  }
  if (allowed && wellFormed) return { tier: 'safe', allowedByPolicy: true, reason: 'allowed by the repository policy' };
  return base;
}

/** The tier alone, for callers that only grade (Keras configs and the like). */
export function classifyGlobal(module: string, name: string, allow?: Iterable<string>, context?: GlobalContext): GlobalTier {
  return describeGlobal(module, name, allow, context).tier;
}

/** Severity of importing a global of this tier: nothing for safe, then medium / high / critical. */
export function tierSeverity(tier: GlobalTier): Severity | undefined {
  switch (tier) {
    case 'safe': return undefined;
    case 'review': return 'medium';
    case 'unknown': return 'high';
    case 'dangerous': return 'critical';
  }
}

/**
 * How to judge a `functools.partial` object once its arguments are known. As an import, `functools.partial` stays
 * dangerous: the classifier cannot see what it wraps. A partial only binds arguments to a callable; it runs nothing
 * until something calls it. So for the pickle VM: a partial built by REDUCE or NEWOBJ whose wrapped callable (its
 * first argument, and the `func` of any BUILD state, which replaces it) is an imported global, and which is never
 * itself called during the load (that would be an indirect call, flagged on its own), is as risky as that target:
 * a safe or review target makes it review (torchvision 0.14.1's VisionTransformer pickles
 * `partial(torch.nn.LayerNorm, eps=1e-6)`); anything else keeps the target's tier.
 */
export function partialVerdict(target: { module: string; name: string; verdict: GlobalVerdict }): GlobalVerdict {
  const t = target.verdict;
  if (t.tier === 'safe' || t.tier === 'review') {
    return { tier: 'review', reason: `functools.partial of ${target.module}.${target.name}, which it only binds arguments to (${t.reason})` };
  }
  return { ...t, reason: `functools.partial of ${target.module}.${target.name}: ${t.reason}` };
}
