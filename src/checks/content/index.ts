// The checks that need only the repository's files (no Hub): code, instructions, remote code, layout. They run in
// every review, of an allowlist entry on the Hub and of files on disk alike, over the text captured during the
// single read.
import type { Finding } from '../../core/findings.js';
import type { FilesCheck, FilesCheckContext, HubCheckContext } from '../types.js';
import { loadAnalyzers, runRecordingAsks } from './analyzers.js';
import { codeCheck } from './code.js';
import { instructionsCheck } from './instructions.js';
import { layoutCheck } from './layout.js';
import { indexPaths } from './paths.js';
import { remoteCodeCheck } from './remote-code.js';
import type { ContentCheck, PathIndex, PublisherFacts, RepoContent } from './types.js';

export type { ContentCheck, PublisherFacts, RepoContent, RepoFile } from './types.js';

export const CONTENT_CHECKS: readonly ContentCheck[] = [codeCheck, instructionsCheck, remoteCodeCheck, layoutCheck];

// One RepoContent per review, so the checks share memoised analyses (README → script findings).
const contents = new WeakMap<FilesCheckContext, RepoContent>();
// One path index per review: it outlives a RepoContent dropped when the analyzers load (asRepoCheck), and goes
// with the review's context, not with its file list (which the finished review keeps).
const indexes = new WeakMap<FilesCheckContext, PathIndex>();

function indexOf(ctx: FilesCheckContext): PathIndex {
  let index = indexes.get(ctx);
  if (!index) {
    index = indexPaths(ctx.files);
    indexes.set(ctx, index);
  }
  return index;
}

function contentOf(ctx: FilesCheckContext): RepoContent {
  let c = contents.get(ctx);
  if (!c) {
    const publisher = publisherOf(ctx);
    c = {
      // The reports themselves (a FileReport is a RepoFile): a copy per file was megabytes at 50,000 files.
      files: ctx.files,
      text: (p) => ctx.text(p),
      captured: () => ctx.captured?.() ?? [],
      skipped: () => ctx.skipped?.() ?? [],
      paths: () => indexOf(ctx),
      ...(ctx.repo ? { repo: ctx.repo } : {}),
      ...(publisher ? { publisher } : {})
    };
    contents.set(ctx, c);
  }
  return c;
}

/** In a Hub review, who publishes the repository: trusted or known legitimate by the policy, or verified by the Hub. */
function publisherOf(ctx: FilesCheckContext): PublisherFacts | undefined {
  const hub = ctx as Partial<HubCheckContext>;
  if (!hub.resolved) return undefined;
  const repo = hub.resolved.canonicalId;
  const namespace = repo.split('/')[0] as string;
  const trusted = ctx.policy.trustedPublishers.some((p) => p.toLowerCase() === namespace.toLowerCase());
  // The known-legitimate namespaces (re-publishers the policy protects) speak for their own sources too.
  const legitimate = ctx.policy.legitimateNamespaces.some((p) => p.toLowerCase() === namespace.toLowerCase());
  return { repo, namespace, vouched: trusted || legitimate || hub.author?.isVerified === true, commit: hub.resolved.sha, trusted: ctx.policy.trustedPublishers };
}

/**
 * A content check as a repository check over the review's files and captured text. It runs before the heavy
 * analyzers are loaded; if it reaches for one, they are loaded and the check runs again over a fresh RepoContent
 * (memos a stopped run left half-built are dropped with the old one).
 */
export function asRepoCheck(c: ContentCheck): FilesCheck {
  return {
    id: c.id,
    needs: 'files',
    async run(ctx) {
      const first = runRecordingAsks(() => c.run(contentOf(ctx)));
      if (!first.asked) {
        if (first.error !== undefined) throw first.error;
        return first.value as Finding[];
      }
      contents.delete(ctx);
      await loadAnalyzers();
      return c.run(contentOf(ctx));
    }
  };
}

/** Runs every content check over one repository's files; the analyzers must be loaded (loadAnalyzers()). */
export function runContentChecks(repo: RepoContent, checks: readonly ContentCheck[] = CONTENT_CHECKS): Finding[] {
  return checks.flatMap((c) => c.run(repo));
}
