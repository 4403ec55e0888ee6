// Classifies one imported `module.name` for the pickle VM and for configs that name Python classes (Keras).
// Exact matches only for what is allowed; danger lists grade everything else (threats.md §3).
import type { Severity } from '../../../core/findings.js';
import {
  DANGER, DANGER_HELP, DANGER_NAME_PREFIXES, DANGER_NAMES, type DangerCategory, REVIEW_CLASS_MODULES, REVIEW_GLOBALS, SAFE_GLOBALS
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
  /** One phrase for a reviewer. */
  reason: string;
}

const DANGER_MAP: ReadonlyMap<string, DangerCategory> = new Map(DANGER);
const DANGER_NAME_MAP: ReadonlyMap<string, DangerCategory> = new Map(DANGER_NAMES);

/** The danger category of a callable's own name (`system`, `exec_script`), whatever its module. */
function dangerName(last: string): DangerCategory | undefined {
  return DANGER_NAME_MAP.get(last) ?? DANGER_NAME_PREFIXES.find(([prefix]) => last.startsWith(prefix))?.[1];
}
// Modules whose dunder-shaped names are ordinary (a script's classes; Python 2 builtins, renamed before this).
const DUNDER_OK_MODULES = new Set(['__main__', '__builtin__']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isDunder(part: string): boolean {
  return part.length > 4 && part.startsWith('__') && part.endsWith('__');
}

/** Longest danger entry that is a dotted prefix of parts[from..]. */
function dangerAt(parts: readonly string[], from: number): [string, DangerCategory] | undefined {
  let path = '';
  let hit: [string, DangerCategory] | undefined;
  for (let i = from; i < parts.length; i++) {
    path = i === from ? (parts[i] ?? '') : `${path}.${parts[i] ?? ''}`;
    const cat = DANGER_MAP.get(path);
    if (cat) hit = [path, cat];
  }
  return hit;
}

function dangerous(category: DangerCategory | 'dunder', matched: string, reason: string): GlobalVerdict {
  return { tier: 'dangerous', category, matched, reason };
}

/**
 * Full verdict for `module.name` as the unpickler would resolve it (after Python 2 renames). `name` may be dotted
 * (a getattr chain): every component of module and name is checked, and a danger entry reached through the chain
 * (`pathlib` + `os.system`) counts like a direct import. `allow` holds exact `module.name` strings the policy
 * allows; it promotes review and unknown globals, never dangerous ones.
 */
export function describeGlobal(module: string, name: string, allow?: Iterable<string>): GlobalVerdict {
  const modParts = module.split('.');
  const nameParts = name.split('.');
  const parts = [...modParts, ...nameParts];
  const full = `${module}.${name}`;

  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (i === 0 && DUNDER_OK_MODULES.has(p)) continue;
    if (isDunder(p)) return dangerous('dunder', p, `dunder component \`${p}\` reaches interpreter internals`);
  }
  const direct = dangerAt(parts, 0);
  if (direct) return dangerous(direct[1], direct[0], DANGER_HELP[direct[1]]);
  // A dotted name is a getattr chain: `pathlib` + `os.system` is os.system. Start at every name component that has
  // at least one more component after it (a bare member named like a module is just that module object).
  for (let i = modParts.length; i <= parts.length - 2; i++) {
    const hit = dangerAt(parts, i);
    if (hit) return dangerous(hit[1], hit[0], `${DANGER_HELP[hit[1]]} (reached through the attribute chain \`${name}\`)`);
  }
  const last = parts[parts.length - 1] ?? '';
  const byName = dangerName(last);
  if (byName) return dangerous(byName, last, `${DANGER_HELP[byName]} (a callable named \`${last}\`, whatever its module)`);

  if (SAFE_GLOBALS.has(full)) return { tier: 'safe', reason: 'allowlisted tensor/array reconstruction' };
  const allowed = allow ? (allow instanceof Set ? allow : new Set(allow)).has(full) : false;
  const wellFormed = parts.every((p) => IDENT.test(p));
  let base: GlobalVerdict;
  if (REVIEW_GLOBALS.has(full)) base = { tier: 'review', reason: 'common in ML files but not needed to load weights' };
  else if (wellFormed && nameParts.length === 1 && /^[A-Z]/.test(name) &&
    REVIEW_CLASS_MODULES.some((m) => module === m || module.startsWith(`${m}.`))) {
    base = { tier: 'review', reason: 'a class from a well-known ML library' };
  } else base = { tier: 'unknown', reason: wellFormed ? 'not on the allowlist' : 'not a valid dotted Python name' };
  if (allowed && wellFormed) return { tier: 'safe', allowedByPolicy: true, reason: 'allowed by the repository policy' };
  return base;
}

/** The tier alone, for callers that only grade (Keras configs and the like). */
export function classifyGlobal(module: string, name: string, allow?: Iterable<string>): GlobalTier {
  return describeGlobal(module, name, allow).tier;
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
