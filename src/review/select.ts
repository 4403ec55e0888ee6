// Which listed files a review reads: the entry's `files` patterns, the policy's exclusions and size cap. What is
// left out is said, with the reason; a file too large to examine blocks (it is part of the model, unexamined).
import type { Finding } from '../core/findings.js';
import { compileGlob, matchGlob, type Glob } from '../core/glob.js';
import { excludeDecision } from '../config/policy/exclude.js';
import type { Policy } from '../config/policy/schema.js';
import type { SourceFile } from './examine.js';

export interface Selection {
  selected: SourceFile[];
  notes: Finding[];
  /** False when a file that is part of the review could not be examined (too large, invalid pattern). */
  complete: boolean;
}

export function selectFiles(listed: readonly SourceFile[], policy: Policy, patternsText?: readonly string[]): Selection {
  const notes: Finding[] = [];
  let complete = true;
  let patterns: Glob[] | undefined;
  if (patternsText && patternsText.length > 0) {
    patterns = [];
    for (const p of patternsText) {
      const r = compileGlob(p);
      if (r.ok) patterns.push(r.glob);
      else {
        complete = false;
        notes.push({ check: 'allowlist.files', severity: 'high', message: `files pattern '${p}' is invalid: ${r.error}`, help: 'Fix the pattern in the allowlist entry.' });
      }
    }
  }
  const selected: SourceFile[] = [];
  const outside: string[] = [];
  const excluded: string[] = [];
  const tooBig: SourceFile[] = [];
  for (const item of listed) {
    if (patterns && !patterns.some((g) => matchGlob(g, item.path))) {
      outside.push(item.path);
      continue;
    }
    if (excludeDecision(item.path, policy.exclude).excluded) {
      excluded.push(item.path);
      continue;
    }
    if (item.size > policy.maxFileSize) {
      tooBig.push(item);
      continue;
    }
    selected.push(item);
  }
  const list = (paths: string[]) => paths.slice(0, 20).join(', ') + (paths.length > 20 ? `, … ${paths.length - 20} more` : '');
  if (outside.length > 0) {
    notes.push({
      check: 'review.files-not-selected',
      severity: 'info',
      message: `${outside.length} file(s) outside the entry's \`files\` patterns were not fetched and are not part of the approval`,
      evidence: list(outside),
      help: 'Load only the approved files: verification fails on any file the signature does not list.'
    });
  }
  if (excluded.length > 0) {
    notes.push({
      check: 'review.files-excluded',
      severity: 'info',
      message: `${excluded.length} file(s) excluded by the policy were not fetched and are not part of the approval`,
      evidence: list(excluded)
    });
  }
  for (const item of tooBig) {
    complete = false;
    notes.push({
      check: 'review.file-too-large',
      severity: 'high',
      file: item.path,
      message: `${item.path} is ${item.size} bytes, above the policy's max_file_size (${policy.maxFileSize}); it was not examined`,
      help: 'Raise max_file_size in the base branch policy if this size is expected, or pin fewer files with `files`.'
    });
  }
  return { selected, notes, complete };
}
