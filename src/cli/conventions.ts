// What every command shares with the command-line tools around it: documented exit codes, help on -h/--help,
// "did you mean" for typos. Kept apart from the commands so each one only parses its own options.

/**
 * Exit codes, the same for every command (README, "CLI"):
 * 0 nothing blocks; 1 findings block (rejected, or needs review at or above fail_on; verification failed);
 * 2 usage error (bad arguments, an input file that cannot be read); 3 something could not be fully examined, so
 * the result is not a verdict on everything (takes precedence over 1); 4 an unexpected failure of the tool.
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3, failure: 4 } as const;

/** True when the arguments ask for help (before a `--` that ends options). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The closest candidate within a third of the word's length (at least 1, at most 3 edits), or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return bestDistance <= limit ? best : undefined;
}

/** The long options a usage text names (`--hub-url`, `--format`, …). */
export function optionsIn(usage: string): string[] {
  return [...new Set([...usage.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0])), '--help'];
}

/** The option a usage error complains about (node:util parseArgs and the hand-written parsers word it differently). */
export function unknownOptionIn(message: string): string | undefined {
  return /unknown (?:option|argument) '(-[^'=\s]*)/i.exec(message)?.[1] ?? /^unknown option (-[^\s=]+)/i.exec(message)?.[1];
}
