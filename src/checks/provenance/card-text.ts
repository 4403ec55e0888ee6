// Model card text as data: front matter split off, prose words counted, word shingles for comparing two cards.
// Pure string functions; the card is never rendered.
import { replaceDelimited, replaceTags, trimEndOf } from '../../core/text.js';

/** The body of a card without its YAML front matter, and whether it had some. */
export function splitFrontMatter(text: string): { body: string; frontMatter?: string } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text.replace(/^\uFEFF/, '') };
  return { body: text.slice(m[0].length), frontMatter: m[1] ?? '' };
}

/** Text a reader sees as prose: no HTML comments, fenced code, inline code, tags, URLs or link targets. */
export function proseOf(body: string): string {
  // Tags and link targets by one-pass scanners (/<[^>\n]*>/g and /\]\([^)\s]*\)/g rescanned runs of unclosed ones).
  const noCode = withoutFences(body.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')).replace(/`[^`\n]*`/g, ' ');
  return replaceDelimited(replaceTags(noCode, ' ', true), '](', ')', '] ', (c) => /\s/.test(c))
    .replace(/\bhttps?:\/\/\S+/g, ' ');
}

/** Non-blank lines inside fenced code blocks: the usage a card shows (same fence rules as proseOf). */
export function fencedCodeLines(body: string): number {
  let n = 0;
  let fence: { ch: string; len: number } | undefined;
  for (const line of body.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len && line.trim() === m[1]) fence = undefined;
      else if (line.trim() !== '') n++;
      continue;
    }
    if (m) fence = { ch: m[1]![0]!, len: m[1]!.length };
  }
  return n;
}

/** Drops fenced code blocks (``` or ~~~, closed by a fence of the same character at least as long, or the end). */
function withoutFences(text: string): string {
  const kept: string[] = [];
  let fence: { ch: string; len: number } | undefined;
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len && line.trim() === m[1]) fence = undefined;
      continue;
    }
    if (m) {
      fence = { ch: m[1]![0]!, len: m[1]!.length };
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n');
}

/** Words of two or more letters (any script), in order. */
export function letterWords(text: string): string[] {
  return text.normalize('NFKC').match(/\p{L}{2,}/gu) ?? [];
}

/** Lower-cased alphanumeric tokens of a card's body (front matter dropped), for comparing cards. */
export function comparableWords(card: string): string[] {
  return splitFrontMatter(card).body.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The set of `k`-word shingles (runs of k consecutive words). A text shorter than k words has none. */
export function shingles(words: readonly string[], k = 5): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

/** |part ∩ whole| / |part|: how much of `part` appears in `whole`; 0 when `part` is empty. */
export function containment(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return 0;
  let common = 0;
  for (const s of part) if (whole.has(s)) common++;
  return common / part.size;
}

/**
 * What survives paraphrase and translation of a card: decimal numbers and percentages (benchmark tables), links,
 * code lines, and names made of letters and digits or capitals (model, dataset and benchmark names: `MMLU`,
 * `GSM8K`, `Llama-3.1`). A reworded or translated copy keeps these; two different models' cards share few.
 */
export function cardFingerprint(card: string): Set<string> {
  const body = splitFrontMatter(card).body.normalize('NFKC');
  const out = new Set<string>();
  for (const m of body.matchAll(/\bhttps?:\/\/[^\s)<>\]"'`]{4,200}/g)) out.add(`url:${trimEndOf(m[0], '.,;:').toLowerCase()}`);
  for (const m of body.matchAll(/(?<![\p{L}\p{N}.])\d{1,4}[.,]\d{1,4}(?![\p{N}])%?|(?<![\p{L}\p{N}.])\d{1,3}%/gu)) out.add(`num:${m[0].replace(',', '.')}`);
  for (const m of body.matchAll(/(?<![\p{L}\p{N}])(?=[\p{L}\p{N}._-]{3,40}(?![\p{L}\p{N}]))(?:[\p{Lu}\p{N}]{3,}|[\p{L}][\p{L}._-]{0,30}\d[\p{L}\p{N}._-]*)(?![\p{L}\p{N}])/gu)) {
    out.add(`name:${m[0].toLowerCase()}`);
  }
  let fence = false;
  for (const line of body.split('\n')) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      continue;
    }
    const code = line.trim().replace(/\s+/g, ' ');
    if (fence && code.length >= 12) out.add(`code:${code}`);
  }
  return out;
}

export interface CardSimilarity {
  /** Jaccard similarity of the two cards' 5-word shingle sets. */
  jaccard: number;
  /** Share of the original's shingles found in the candidate (catches a copy with sections added). */
  containment: number;
  candidateShingles: number;
  originalShingles: number;
  /** Share of the original's fingerprint (numbers, links, names, code lines) found in the candidate. */
  fingerprint: number;
  originalFingerprint: number;
}

/**
 * Compares two cards. `selfIds` are each card's own repository id: a copy rewrites the original's self-references
 * (`pipeline(model="publisher/name")`) to its own name, so both are read as one neutral token.
 */
export function cardSimilarity(candidate: string, original: string, selfIds: { candidate?: string; original?: string } = {}, k = 5): CardSimilarity {
  const neutral = (text: string, ids: (string | undefined)[]): string => {
    let out = text;
    for (const id of ids) if (id) out = out.split(new RegExp(escapeRegExp(id), 'gi')).join(' selfrepoid ');
    return out;
  };
  const ids = [selfIds.candidate, selfIds.original];
  const a = shingles(comparableWords(neutral(candidate, ids)), k);
  const b = shingles(comparableWords(neutral(original, ids)), k);
  const fa = cardFingerprint(neutral(candidate, ids));
  const fb = cardFingerprint(neutral(original, ids));
  return {
    jaccard: jaccard(a, b), containment: containment(b, a), candidateShingles: a.size, originalShingles: b.size,
    fingerprint: containment(fb, fa), originalFingerprint: fb.size
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
