// Small helpers every content analyzer shares: paths, lines, evidence and the finding shape.
import { compareText } from '../core/text.js';
import type { Finding, Severity } from '../core/findings.js';

export const EVIDENCE_MAX = 220;

/** One thing an analyzer noticed, before it is attached to a file. Lines are 1-based within the analyzed text. */
export interface Hit {
  check: string;
  severity: Severity;
  line: number;
  message: string;
  help: string;
  /** Extra lines quoted after the hit's own line (a flow's earlier steps). */
  related?: number[];
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Lower-case extension without the dot ('' when none). */
export function extension(path: string): string {
  const b = basename(path);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(dot + 1).toLowerCase() : '';
}

/** Joins and normalises POSIX path segments; returns undefined when `..` climbs above the root. */
export function joinPath(dir: string, rel: string): string | undefined {
  const parts = rel.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function truncateEvidence(s: string, max = EVIDENCE_MAX): string {
  const clean = s.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Splits text into lines (no terminators), so `lines[n-1]` is line n. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * The quoted evidence for a hit: its own line and related lines, in file order, as code lines (indentation kept
 * relative to the least indented, a `…` line where lines are skipped), so a report can show them as code.
 */
export function evidenceOf(lines: readonly string[], line: number, related: readonly number[] = []): string {
  const nums = [...new Set([...related.filter((l) => l !== line), line])].sort((a, b) => a - b);
  if (nums.length === 1) return truncateEvidence(lines[line - 1] ?? '');
  const perLine = Math.max(40, Math.floor(EVIDENCE_MAX / nums.length));
  const texts = nums.map((n) => (lines[n - 1] ?? '').trimEnd());
  const indent = Math.min(...texts.filter((t) => t.trim() !== '').map((t) => /^[ \t]*/.exec(t)?.[0].length ?? 0), Infinity);
  const out: string[] = [];
  nums.forEach((n, i) => {
    if (i > 0 && n > (nums[i - 1] ?? 0) + 1) out.push('…');
    const text = (texts[i] ?? '').slice(Number.isFinite(indent) ? indent : 0);
    out.push(text.length > perLine ? `${text.slice(0, perLine - 1)}…` : text);
  });
  return out.join('\n');
}

/** Turns hits on a text into findings on `file`; `mapLine` translates analyzed lines into file lines. */
export function hitsToFindings(hits: readonly Hit[], file: string, lines: readonly string[], mapLine: (l: number) => number = (l) => l): Finding[] {
  return hits.map((h) => ({
    check: h.check,
    severity: h.severity,
    message: h.message,
    file,
    line: mapLine(h.line),
    evidence: evidenceOf(lines, h.line, h.related),
    help: h.help
  }));
}

/** Keeps the most severe hit per (check, line); analyzers may reach the same conclusion twice. */
export function dedupeHits(hits: readonly Hit[]): Hit[] {
  const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  const best = new Map<string, Hit>();
  for (const h of hits) {
    const k = `${h.check}\u0000${h.line}`;
    const prev = best.get(k);
    if (!prev || rank[h.severity] > rank[prev.severity]) best.set(k, h);
  }
  return [...best.values()].sort((a, b) => a.line - b.line || compareText(a.check, b.check));
}

export function maxSeverity(items: readonly { severity: Severity }[]): Severity | undefined {
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  for (const s of order) if (items.some((i) => i.severity === s)) return s;
  return undefined;
}
