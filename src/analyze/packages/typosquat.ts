// Package names that imitate well-known ones (`transfomers`, `tourch`, `numpyy`, `hugginface_hub`). The
// well-known lists are the registries' most-downloaded packages (registry-top.ts, with its source) plus the ML
// ecosystem (ml-ecosystem.ts). A name on a list is never flagged; a name off the lists that a person reads as a
// protected one is. Rules follow the registries' own and the namespace check's: names equal once separators
// are dropped (PEP 503 already equates `scikit_learn` and `scikit-learn`; `scikitlearn` is another project),
// lookalike characters (`1`/`l`, `0`/`o`, `rn`/`m`, Cyrillic letters), repeated letters, and one edit
// (insertion, deletion, neighbour swap, keyboard-adjacent substitution) for names long enough that one edit is
// rarely another real project. Lookups are by precomputed keys and single-deletion variants: linear in the
// name, independent of the list's size.
import { ML_NPM, ML_PYPI } from './ml-ecosystem.js';
import { NPM_BY_DOWNLOADS, PYPI_BY_RANK } from './registry-top.js';

export type Ecosystem = 'pypi' | 'npm';

export type SquatRule = 'separator' | 'homoglyph' | 'repeat' | 'transposition' | 'insertion' | 'deletion' | 'keyboard' | 'substitution' | 'borrowed';

export interface Squat {
  /** The name as written. */
  name: string;
  /** The well-known package it imitates. */
  imitates: string;
  rule: SquatRule;
  /** Human-readable reason for the finding. */
  detail: string;
}

/** How many of the most popular names are protected against lookalikes (the rest are only never flagged). */
const PROTECTED_TOP: Record<Ecosystem, number> = { pypi: 5000, npm: 5000 };
/** One edit is only a typosquat for names at least this long (shorter names have too many real neighbours). */
const MIN_EDIT_LENGTH = 5;
/** Arbitrary one-letter substitutions only for names this long; shorter ones need keyboard-adjacent letters. */
const MIN_SUBSTITUTION_LENGTH = 8;
const MAX_NAME = 128;

/** PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function normalizeName(eco: Ecosystem, name: string): string {
  return eco === 'pypi' ? pep503(name) : name.toLowerCase();
}

function fold(n: string): string {
  return n.replace(/[-_.]/g, '');
}

// Lookalikes of Latin letters from the scripts attackers use; fullwidth and other compatibility forms are
// mapped by NFKC first.
const CONFUSABLE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's',
  і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p',
  τ: 't', υ: 'u', χ: 'x', ω: 'w', ı: 'i', ɑ: 'a', ɩ: 'i', ʟ: 'l', ł: 'l', 'ⅼ': 'l', 'ꓲ': 'l'
};

/** How the name looks (PyPI's own confusable folding and more): confusables mapped, `i`/`I`/`1`/`|` read as `l`, `0` as `o`, `rn`/`vv`/`cl` as `m`/`w`/`d`. */
function visual(raw: string): string {
  let s = '';
  for (const ch of raw.normalize('NFKC')) {
    const c = CONFUSABLE[ch] ?? ch;
    s += c === 'I' || c === 'i' || c === '1' || c === '|' ? 'l' : c === '0' ? 'o' : c;
  }
  return fold(s.toLowerCase()).replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/cl/g, 'd').replace(/[^\x21-\x7e]/g, '');
}

function collapse(s: string): string {
  let out = '';
  for (const c of s) if (out[out.length - 1] !== c) out += c;
  return out;
}

const KEYBOARD_ROWS = ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_AT = new Map<string, [number, number]>();
KEYBOARD_ROWS.forEach((row, r) => [...row].forEach((c, i) => KEY_AT.set(c, [r, i])));

function adjacentKeys(a: string, b: string): boolean {
  const x = KEY_AT.get(a);
  const y = KEY_AT.get(b);
  if (!x || !y) return false;
  return Math.abs(x[0] - y[0]) <= 1 && Math.abs(x[1] - y[1]) <= 1;
}

interface Index {
  known: Set<string>;
  knownFold: Set<string>;
  targets: string[];
  byFold: Map<string, number>;
  byVisual: Map<string, number>;
  byCollapsed: Map<string, number>;
}

const INDEX = new Map<Ecosystem, Index>();

function buildIndex(eco: Ecosystem): Index {
  const ranked = (eco === 'pypi' ? PYPI_BY_RANK : NPM_BY_DOWNLOADS).split('\n').filter(Boolean);
  const extra = (eco === 'pypi' ? ML_PYPI : ML_NPM).map((n) => normalizeName(eco, n));
  const targets = [...new Set([...extra, ...ranked.slice(0, PROTECTED_TOP[eco])])];
  const known = new Set([...ranked, ...extra]);
  const idx: Index = { known, knownFold: new Set([...known].map(fold)), targets, byFold: new Map(), byVisual: new Map(), byCollapsed: new Map() };
  targets.forEach((t, i) => {
    const f = fold(t);
    if (!idx.byFold.has(f)) idx.byFold.set(f, i);
    const v = visual(t);
    if (!idx.byVisual.has(v)) idx.byVisual.set(v, i);
    if (f.length >= 4) {
      const c = collapse(v);
      if (!idx.byCollapsed.has(c)) idx.byCollapsed.set(c, i);
    }
  });
  return idx;
}

function indexOf(eco: Ecosystem): Index {
  let idx = INDEX.get(eco);
  if (!idx) {
    idx = buildIndex(eco);
    INDEX.set(eco, idx);
  }
  return idx;
}

/** Whether `name` is one of the registry's well-known packages (or the ML ecosystem's). */
export function isWellKnown(eco: Ecosystem, name: string): boolean {
  return indexOf(eco).known.has(normalizeName(eco, name));
}

/**
 * Names a user types for a well-known package but that are not its distribution name: the command it installs
 * (`huggingface-cli` ships in huggingface_hub; the PyPI name was registered by someone else once cards and chat
 * assistants started writing `pip install huggingface-cli`). Installing one gets whoever holds that name.
 */
const BORROWED: Record<Ecosystem, Readonly<Record<string, [imitates: string, detail: string]>>> = {
  pypi: {
    'huggingface-cli': ['huggingface-hub', 'the name of the huggingface-cli command, which ships in huggingface_hub (`pip install "huggingface_hub[cli]"`)']
  },
  npm: {}
};

/** The well-known package `name` imitates, or undefined (also for well-known names themselves). */
export function typosquatOf(eco: Ecosystem, name: string): Squat | undefined {
  if (name.length === 0 || name.length > MAX_NAME) return undefined;
  const idx = indexOf(eco);
  const norm = normalizeName(eco, name);
  if (idx.known.has(norm)) return undefined;
  const borrowed = BORROWED[eco][norm];
  if (borrowed) return { name, imitates: borrowed[0], rule: 'borrowed', detail: borrowed[1] };
  const f = fold(norm);
  const hit = (i: number, rule: SquatRule, detail: string): Squat => ({ name, imitates: idx.targets[i] as string, rule, detail });
  const byFold = idx.byFold.get(f);
  if (byFold !== undefined) return hit(byFold, 'separator', `the same letters as ${idx.targets[byFold]} once separators are ignored`);
  // A name that folds to a well-known name which is not protected is that name's sibling, not a squat.
  if (idx.knownFold.has(f)) return undefined;
  const v = visual(name);
  const byVisual = idx.byVisual.get(v);
  if (byVisual !== undefined) return hit(byVisual, 'homoglyph', `reads as ${idx.targets[byVisual]} (lookalike characters)`);
  const c = collapse(v);
  const byCollapsed = idx.byCollapsed.get(c);
  if (byCollapsed !== undefined) return hit(byCollapsed, 'repeat', `differs from ${idx.targets[byCollapsed]} only by repeated letters`);
  return oneEdit(idx, f, hit);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Names one edit from `f` (fold keys) that are protected: generated, so the cost is linear in the name. */
function oneEdit(idx: Index, f: string, hit: (i: number, rule: SquatRule, detail: string) => Squat): Squat | undefined {
  let best: Squat | undefined;
  let bestRank = Infinity;
  const consider = (cand: string, rule: SquatRule, detail: (t: string) => string): void => {
    if (cand.length < MIN_EDIT_LENGTH) return;
    const i = idx.byFold.get(cand);
    if (i !== undefined && i < bestRank) {
      bestRank = i;
      best = hit(i, rule, detail(idx.targets[i] as string));
    }
  };
  for (let p = 0; p <= f.length; p++) {
    const head = f.slice(0, p);
    // Insertion: the name is a protected name with one letter added (not at the end of a short name: `torchx`).
    if (p < f.length && !(p === f.length - 1 && f.length - 1 < 8)) {
      consider(head + f.slice(p + 1), 'insertion', (t) => `${t} with '${f[p]}' added`);
    }
    // Deletion: the name is a protected name missing one letter (not its last letter when short: `torc`).
    for (const c of ALPHABET) {
      if (p === f.length && f.length + 1 < 8) break;
      consider(head + c + f.slice(p), 'deletion', (t) => `${t} with the letter '${c}' left out`);
    }
    if (p === f.length) break;
    const a = f[p] as string;
    // Substitution: keyboard neighbours for any protected length, any letter for long names.
    for (const c of ALPHABET) {
      if (c === a) continue;
      const near = adjacentKeys(a, c);
      if (!near && f.length < MIN_SUBSTITUTION_LENGTH) continue;
      consider(head + c + f.slice(p + 1), near ? 'keyboard' : 'substitution',
        (t) => near ? `${t} with '${c}' typed as the neighbouring key '${a}'` : `${t} with '${c}' replaced by '${a}'`);
    }
    // Neighbour swap.
    const b = f[p + 1];
    if (b !== undefined && b !== a) consider(head + b + a + f.slice(p + 2), 'transposition', (t) => `${t} with '${b}${a}' swapped`);
  }
  return best;
}
