// What the Hub answers now about one approved entry, in as few API calls as the questions need: the model info at
// the pinned commit (with file digests and the Hub's scan status: one call), the owner's account (one or two), and
// the refs (one). Hub errors become states the rules judge; nothing here throws for what the Hub says.
import type { Author } from '../hub/shapes/author.js';
import { HubError } from '../hub/errors.js';
import type { Refs, ResolvedRepo } from '../hub/types.js';
import type { HubNow } from './rules.js';

/** The Hub reads the audit makes (HubClient has them). */
export interface AuditHubPort {
  resolveRepo(repo: string, revision: string): Promise<ResolvedRepo>;
  getAuthor(name: string): Promise<Author>;
  getRefs(repo: string): Promise<Refs>;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function hubNow(hub: AuditHubPort, repo: string, revision: string): Promise<HubNow> {
  let resolved: ResolvedRepo;
  try {
    resolved = await hub.resolveRepo(repo, revision);
  } catch (err) {
    if (!(err instanceof HubError)) return { state: 'unreachable', detail: message(err) };
    switch (err.code) {
      // An anonymous request cannot tell a deleted repository from a private one: both answer 401.
      case 'repo-not-found': case 'unauthorized': case 'not-found': return { state: 'gone', detail: err.message };
      case 'forbidden': return { state: 'private', detail: err.message };
      case 'gated': return { state: 'gated', detail: err.message };
      case 'disabled': return { state: 'disabled', detail: err.message };
      case 'revision-not-found': {
        // The name still answers: whose is it now? (A namespace re-registered by someone else shows here.)
        // A failed lookup is reported, never dropped: it is the question that catches a namespace changing hands.
        try {
          const owner = await hub.getAuthor(repo.split('/')[0] ?? '');
          return { state: 'commit-missing', detail: err.message, author: { name: owner.name, id: owner.id, createdAt: owner.createdAt } };
        } catch (lookup) {
          return { state: 'commit-missing', detail: err.message, authorError: message(lookup) };
        }
      }
      default: return { state: 'unreachable', detail: `${err.code}: ${err.message}` };
    }
  }
  const info = resolved.info;
  let author: Author | undefined;
  let authorError: string | undefined;
  try {
    author = await hub.getAuthor(info.author ?? resolved.canonicalId.split('/')[0] ?? '');
  } catch (err) {
    authorError = message(err);
  }
  let head: { branch: string; sha: string } | undefined;
  try {
    const refs = await hub.getRefs(resolved.canonicalId);
    const main = refs.branches.find((b) => b.name === 'main') ?? refs.branches[0];
    if (main) head = { branch: main.name, sha: main.targetCommit };
  } catch {
    // New commits are information only: a refs failure leaves them unreported, never a finding of its own.
  }
  return {
    state: 'ok',
    canonicalId: resolved.canonicalId,
    repoId: resolved.repoId,
    ...(info.createdAt ? { repoCreatedAt: info.createdAt } : {}),
    redirects: resolved.redirects.map((h) => ({ from: h.from, to: h.to })),
    ...(author ? { author: { name: author.name, id: author.id, createdAt: author.createdAt } } : {}),
    ...(authorError ? { authorError } : {}),
    files: (info.siblings ?? []).map((s) => ({ path: s.rfilename, ...(s.lfs ? { sha256: s.lfs.sha256 } : s.blobId ? { gitOid: s.blobId } : {}) })),
    ...(info.securityRepoStatus ? { scan: { scansDone: info.securityRepoStatus.scansDone, flagged: info.securityRepoStatus.filesWithIssues } } : {}),
    ...(info.gated ? { gated: info.gated } : {}),
    ...(info.disabled ? { disabled: true } : {}),
    ...(head ? { head } : {})
  };
}
