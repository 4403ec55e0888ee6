// The checks that need only the repository's files (no Hub): code, instructions, remote code, layout. They run
// in the review pipeline (as RepoChecks) and in `model-gate scan DIR` (through the file scanner's text seam).
import type { Finding } from '../../core/findings.js';
import type { TextAnalyzer } from '../../scan/file-scanner.js';
import type { RepoCheck as ScanRepoCheck, ScannedFile } from '../../scan/scan-paths.js';
import type { RepoCheck, RepoCheckContext } from '../types.js';
import { codeCheck } from './code.js';
import { instructionsCheck } from './instructions.js';
import { layoutCheck } from './layout.js';
import { remoteCodeCheck } from './remote-code.js';
import type { ContentCheck, RepoContent } from './types.js';

export type { ContentCheck, RepoContent, RepoFile } from './types.js';

export const CONTENT_CHECKS: readonly ContentCheck[] = [codeCheck, instructionsCheck, remoteCodeCheck, layoutCheck];

/** Largest file whose text is kept for these checks (the review pipeline's capture uses the same bound). */
export const MAX_TEXT_BYTES = 1024 * 1024;

// One RepoContent per pipeline run, so the checks share memoised analyses (README → script findings).
const contents = new WeakMap<RepoCheckContext, RepoContent>();

function contentOf(ctx: RepoCheckContext): RepoContent {
  let c = contents.get(ctx);
  if (!c) {
    c = {
      files: ctx.files.map((f) => ({ path: f.path, size: f.size, formats: f.formats, complete: f.complete })),
      text: (p) => ctx.text(p)
    };
    contents.set(ctx, c);
  }
  return c;
}

/** A content check as a review-pipeline RepoCheck (maps ctx.files and ctx.text). */
export function asRepoCheck(c: ContentCheck): RepoCheck {
  return { id: c.id, run: (ctx) => c.run(contentOf(ctx)) };
}

/** Runs every content check over one repository's files. */
export function runContentChecks(repo: RepoContent, checks: readonly ContentCheck[] = CONTENT_CHECKS): Finding[] {
  return checks.flatMap((c) => c.run(repo));
}

/**
 * Hooks for `scanPaths`: a text analyzer that keeps small text files' bytes as they stream past (the same single
 * read the scanners get) and a repository check that runs the content checks over the scanned files.
 */
export function contentScanHooks(checks: readonly ContentCheck[] = CONTENT_CHECKS): { textAnalyzers: TextAnalyzer[]; repoChecks: ScanRepoCheck[] } {
  const texts = new Map<string, string>();
  let kept = 0;
  const budget = 64 * 1024 * 1024;
  const capture: TextAnalyzer = (ctx) => {
    if (ctx.size !== undefined && (ctx.size > MAX_TEXT_BYTES || kept + ctx.size > budget)) return undefined;
    const parts: Uint8Array[] = [];
    let n = 0;
    let over = false;
    return {
      push(chunk) {
        if (over) return;
        n += chunk.length;
        if (n > MAX_TEXT_BYTES) {
          over = true;
          parts.length = 0;
          return;
        }
        parts.push(chunk.slice());
      },
      end() {
        if (!over && kept + n <= budget) {
          kept += n;
          texts.set(ctx.path, Buffer.concat(parts).toString('utf8'));
        }
        return { formats: [], findings: [], complete: true };
      }
    };
  };
  const repoCheck: ScanRepoCheck = {
    id: 'content',
    run(files: readonly ScannedFile[]) {
      const repo: RepoContent = {
        files: files.map((f) => ({ path: f.path, size: f.size, formats: f.formats, complete: f.complete })),
        text: (p) => texts.get(p)
      };
      return runContentChecks(repo, checks);
    }
  };
  return { textAnalyzers: [capture], repoChecks: [repoCheck] };
}
