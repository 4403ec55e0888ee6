// Lookalike rules: each a pure function (candidate, protected name) → hit | null. Scores: ≥ 70 blocks,
// 40–69 sends to review (see severityOf). Cheap fold rules block; loose similarity only asks for review.
import { collapseRepeats, foldKey, hasBoundaryAt, osaDistance, stripAffix, visualKey, words } from './keys.js';

export type RuleId =
  | 'syntax.non-ascii'
  | 'syntax.invalid'
  | 'case-variant'
  | 'separator'
  | 'homoglyph'
  | 'repeat'
  | 'swapped-words'
  | 'version-suffix'
  | 'affix-added'
  | 'affix-dropped'
  | 'edit-distance'
  | 'short-name'
  | 'repo-shadowing';

export interface RuleHit {
  rule: RuleId;
  /** 0–100; the highest hit decides the verdict. */
  score: number;
  /** What matched, for the finding's evidence. */
  detail: string;
}

export const BLOCK_SCORE = 70;
export const REVIEW_SCORE = 40;

/** Precomputed comparison keys for one name. */
export interface NameKeys {
  raw: string;
  lower: string;
  fold: string;
  /** The visual key; for protected names also of their all-lower and all-upper renderings (the Hub ignores case). */
  visuals: readonly string[];
  collapsed: readonly string[];
  words: readonly string[];
}

// Keys are pure in the name; the affix rules ask for the same remainders once per protected publisher, so memoise.
const KEY_CACHE = new Map<string, NameKeys>();
const KEY_CACHE_LIMIT = 20_000;

export function keysOf(raw: string, renderings: 'as-typed' | 'any-case' = 'as-typed'): NameKeys {
  const cacheKey = `${renderings}\u0000${raw}`;
  const cached = KEY_CACHE.get(cacheKey);
  if (cached) return cached;
  if (KEY_CACHE.size >= KEY_CACHE_LIMIT) KEY_CACHE.clear();
  const keys = computeKeys(raw, renderings);
  KEY_CACHE.set(cacheKey, keys);
  return keys;
}

function computeKeys(raw: string, renderings: 'as-typed' | 'any-case'): NameKeys {
  const forms = renderings === 'any-case' ? [raw, raw.toLowerCase(), raw.toUpperCase()] : [raw];
  const visuals = [...new Set(forms.map(visualKey))];
  return Object.freeze({
    raw,
    lower: raw.toLowerCase(),
    fold: foldKey(raw),
    visuals,
    collapsed: [...new Set(visuals.map(collapseRepeats))],
    words: words(raw)
  });
}

/** How a candidate (after any affix/suffix is removed) looks like a protected name, strongest first. */
export function looksLike(c: NameKeys, p: NameKeys): 'same letters' | 'lookalike characters' | 'repeated characters' | null {
  if (c.fold === p.fold) return 'same letters';
  const v = c.visuals[0]!;
  if (p.visuals.includes(v)) return 'lookalike characters';
  if (p.fold.length >= 4 && p.collapsed.includes(collapseRepeats(v))) return 'repeated characters';
  return null;
}

/** `meta_llama`, `metallama`, `open-ai`: the same letters, different separators. */
export function separatorRule(c: NameKeys, p: NameKeys): RuleHit | null {
  if (c.lower === p.lower || c.fold !== p.fold) return null;
  return { rule: 'separator', score: 90, detail: `same letters as '${p.raw}' once separators are ignored ('${p.fold}')` };
}

/** `meta-Ilama`, `rnistralai`, `g00gle`: looks the same on screen, different letters. */
export function homoglyphRule(c: NameKeys, p: NameKeys): RuleHit | null {
  if (c.fold === p.fold || !p.visuals.includes(c.visuals[0]!)) return null;
  return { rule: 'homoglyph', score: 95, detail: `reads as '${p.raw}' (visual key '${c.visuals[0]}')` };
}

/** `gooogle`, `metalllama`: a letter doubled or undoubled. Not for names under 4 letters. */
export function repeatRule(c: NameKeys, p: NameKeys): RuleHit | null {
  if (p.fold.length < 4 || c.fold === p.fold || p.visuals.includes(c.visuals[0]!)) return null;
  if (!p.collapsed.includes(collapseRepeats(c.visuals[0]!))) return null;
  return { rule: 'repeat', score: 85, detail: `'${c.raw}' and '${p.raw}' differ only by repeated letters` };
}

/** `llama-meta`, `AI-Facebook`: the protected name's words in another order. */
export function swappedWordsRule(c: NameKeys, p: NameKeys): RuleHit | null {
  if (p.words.length < 2 || p.words.length > 5) return null;
  for (const perm of reorderings(p)) {
    if (c.fold === perm.fold || c.visuals[0] === perm.visual) {
      return { rule: 'swapped-words', score: 85, detail: `the words of '${p.raw}' (${p.words.join(' + ')}) in another order` };
    }
  }
  return null;
}

const REORDERINGS = new Map<string, { fold: string; visual: string }[]>();

/** The protected name's words in every other order, with keys (computed once per name). */
function reorderings(p: NameKeys): { fold: string; visual: string }[] {
  let out = REORDERINGS.get(p.raw);
  if (!out) {
    out = [];
    for (const perm of permutations(p.words)) {
      const fold = perm.join('');
      if (fold !== p.fold) out.push({ fold, visual: visualKey(fold) });
    }
    REORDERINGS.set(p.raw, out);
  }
  return out;
}

/** `meta-llama3`, `openai-v2`: the protected name plus a version number. */
export function versionSuffixRule(c: NameKeys, p: NameKeys): RuleHit | null {
  // The trailing `v?[0-9]+`, found by scanning back (/v?[0-9]+$/ rescanned every run of digits).
  let at = c.fold.length;
  while (at > 0 && (c.fold[at - 1] as string) >= '0' && (c.fold[at - 1] as string) <= '9') at--;
  if (at === c.fold.length) return null;
  if (at > 0 && c.fold[at - 1] === 'v') at--;
  // Try every digit split, so `HuggingFaceH42` finds `HuggingFaceH4` + `2`.
  for (let i = at; i < c.fold.length; i++) {
    const suffix = c.fold.slice(i);
    if (!/^v?[0-9]+$/.test(suffix)) continue;
    const rest = stripAffix(c.raw, suffix, 'suffix');
    if (rest === null) continue;
    const how = looksLike(keysOf(rest), p);
    if (how) return { rule: 'version-suffix', score: 80, detail: `'${p.raw}' (${how}) plus version '${suffix}'` };
  }
  return null;
}

/** Trust-by-association words: added to a protected name, they block. Matched on the fold key, as prefix or suffix. */
export const BLOCK_AFFIXES: readonly string[] = [
  'official', 'offical', 'officials', 'community', 'hf', 'huggingface', 'ai', 'team', 'org', 'inc', 'llc', 'labs',
  'lab', 'corp', 'verified', 'real', 'original', 'models', 'model', 'llm', 'llms', 'ml', 'oss', 'opensource', 'hub',
  'io', 'dev', 'release', 'releases', 'the', 'true', 'public', 'mirror', 'archive', 'backup', 'global', 'group'
];
/** Words that are often a real sister organisation (`amazon-science`): added, they ask for review. */
export const REVIEW_AFFIXES: readonly string[] = ['research', 'science', 'nlp', 'cloud', 'deepmind'];
/** Distinguishing endings whose removal imitates (`deepseek` for `deepseek-ai`). `community` is not one of them. */
export const DROPPABLE_AFFIXES: readonly string[] = ['ai', 'labs', 'lab', 'org', 'hf', 'team', 'inc'];

/**
 * `meta-llama-official`, `the-openai`, `google-gemma`: the protected name (or a lookalike of it) with a word
 * added. Listed trust words block, sister-org words and any other separate word ask for review.
 */
export function affixAddedRule(c: NameKeys, p: NameKeys): RuleHit | null {
  let best: RuleHit | null = null;
  const consider = (hit: RuleHit): void => {
    if (!best || hit.score > best.score) best = hit;
  };
  for (const [list, score] of [[BLOCK_AFFIXES, 80], [REVIEW_AFFIXES, 55]] as const) {
    for (const affix of list) {
      for (const at of ['suffix', 'prefix'] as const) {
        const rest = stripAffix(c.raw, affix, at);
        if (rest === null || rest.length === 0) continue;
        const how = looksLike(keysOf(rest), p);
        if (how) consider({ rule: 'affix-added', score, detail: `'${p.raw}' (${how}) with '${affix}' added as a ${at}` });
      }
    }
  }
  // Any other word joined at a word boundary: weaker, and only for names long enough to be distinctive.
  if (!best && p.fold.length >= 5 && c.fold.length > p.fold.length) {
    if (c.fold.startsWith(p.fold) && hasBoundaryAt(c.raw, p.fold.length)) {
      consider({ rule: 'affix-added', score: 50, detail: `'${p.raw}' followed by '${c.fold.slice(p.fold.length)}'` });
    } else if (c.fold.endsWith(p.fold) && hasBoundaryAt(c.raw, c.fold.length - p.fold.length)) {
      consider({ rule: 'affix-added', score: 50, detail: `'${p.raw}' preceded by '${c.fold.slice(0, c.fold.length - p.fold.length)}'` });
    }
  }
  return best;
}

/** `deepseek` for `deepseek-ai`, `mistral` for `mistralai`: the protected name without its distinguishing ending. */
export function affixDroppedRule(c: NameKeys, p: NameKeys): RuleHit | null {
  for (const affix of DROPPABLE_AFFIXES) {
    const rest = stripAffix(p.raw, affix, 'suffix');
    if (rest === null) continue;
    const restKeys = keysOf(rest, 'any-case');
    // Short remainders (`open`, `jina`, `xai`) are common words or other people's names: review, or nothing.
    if (restKeys.fold.length < 4) continue;
    const how = looksLike(c, restKeys);
    if (how) {
      const score = restKeys.fold.length >= 6 ? 80 : 55;
      return { rule: 'affix-dropped', score, detail: `'${p.raw}' without its '${affix}' (${how})` };
    }
  }
  return null;
}

/** One edit (insert, delete, substitute, swap neighbours) from a name of 5+ letters; two from 10+ letters. */
export function editDistanceRule(c: NameKeys, p: NameKeys): RuleHit | null {
  const n = p.fold.length;
  if (n < 5 || c.fold.length < 3) return null;
  const d = Math.min(osaDistance(c.fold, p.fold, 2), ...p.visuals.map((v) => osaDistance(c.visuals[0]!, v, 2)));
  if (d === 0) return null;
  if (d === 1) return { rule: 'edit-distance', score: n >= 6 ? 75 : 55, detail: `one edit from '${p.raw}'` };
  if (d === 2 && n >= 10) return { rule: 'edit-distance', score: 50, detail: `two edits from '${p.raw}'` };
  return null;
}

/** Single-character swaps that read alike in ASCII, beyond the visual key (for short names only). */
const SHORT_LOOKALIKES: readonly string[] = [
  'qo', 'qg', 'q9', 'oc', 'il', 'ij', 'a4', 'b8', 'b6', 's5', 'z2', 'e3', 'ec', 'g9', 'g6', 't7', 'tf', 'uv', 'nh',
  'nr', 'vy', 'ao'
];

/** Names of 4 letters or fewer (`Qwen`, `BAAI`, `01-ai`) only by one visual substitution (`Owen`, `8AAI`). */
export function shortNameRule(c: NameKeys, p: NameKeys): RuleHit | null {
  if (p.fold.length > 4 || c.fold.length !== p.fold.length) return null;
  const diffs: [string, string][] = [];
  for (let i = 0; i < p.fold.length; i++) if (c.fold[i] !== p.fold[i]) diffs.push([c.fold[i]!, p.fold[i]!]);
  if (diffs.length !== 1) return null;
  const [a, b] = diffs[0]!;
  if (!SHORT_LOOKALIKES.includes(a + b) && !SHORT_LOOKALIKES.includes(b + a)) return null;
  return { rule: 'short-name', score: 55, detail: `'${a}' for '${b}' in the short name '${p.raw}'` };
}

/** Specific rules, strongest signal first; every one that matches is reported. */
export const SPECIFIC_RULES = [
  homoglyphRule, separatorRule, repeatRule, swappedWordsRule, versionSuffixRule, affixAddedRule, affixDroppedRule
] as const;
/** Catch-alls, used only when no specific rule explains the pair. */
export const FALLBACK_RULES = [editDistanceRule, shortNameRule] as const;

/** Every lookalike hit of candidate against one protected name. */
export function lookalikeHits(c: NameKeys, p: NameKeys): RuleHit[] {
  if (c.lower === p.lower) return [];
  const hits = SPECIFIC_RULES.map((r) => r(c, p)).filter((h): h is RuleHit => h !== null);
  if (hits.length > 0) return hits;
  return FALLBACK_RULES.map((r) => r(c, p)).filter((h): h is RuleHit => h !== null);
}

/**
 * A loose "this namespace resembles that publisher" used only to raise repo-name shadowing: a shared 4-letter
 * start (`Open-OSS` / `openai`), containing the name, or within half its length in edits.
 */
export function resembles(c: NameKeys, p: NameKeys): boolean {
  const n = Math.min(4, p.fold.length);
  if (c.fold.slice(0, n) === p.fold.slice(0, n) && c.fold.length >= n) return true;
  if (p.fold.length >= 4 && c.fold.includes(p.fold)) return true;
  return p.fold.length >= 5 && osaDistance(c.fold, p.fold, Math.floor(p.fold.length / 2)) <= Math.floor(p.fold.length / 2);
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}
