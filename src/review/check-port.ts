// The read-only Hub port repository checks get (checks/types.ts CheckHubPort), over the review's Hub client: a
// repository's existence, its newest commits, and another repository's model card. None of these can reach the
// files of the repository under review, so every byte a verdict rests on went through the single verified pass.
import type { CheckHubPort, OriginalCard } from '../checks/types.js';
import type { HubClient } from '../hub/client.js';
import { HubError } from '../hub/errors.js';
import type { TreeFile } from '../hub/types.js';

/** Hub answers that mean "no such public repository" (anonymous requests get 401 for missing repos). */
const ABSENT = new Set(['repo-not-found', 'unauthorized', 'not-found']);
/** Answers that mean the repository exists, though we may not read it (a redirect: it exists under that name's new home). */
const PRESENT = new Set(['gated', 'disabled', 'unexpected-redirect']);

/** Largest model card read for a comparison. */
export const MAX_ORIGINAL_CARD_BYTES = 1024 * 1024;

type PortHub = Pick<HubClient, 'getRefs' | 'listTree' | 'listCommits' | 'download' | 'searchModels' | 'fetchMainCard'>;

/** Results asked of one search: enough to see the popular namesakes of a name, one page. */
export const SEARCH_LIMIT = 50;

export function checkHubPort(hub: PortHub): CheckHubPort {
  return {
    repoExists: (repoId) => repoExists(hub, repoId),
    recentCommits: (repoId, sha) => hub.listCommits(repoId, sha, { maxPages: 1 }),
    modelCard: (repoId) => fetchModelCard(hub, repoId),
    searchModels: async (query) => {
      try {
        return await hub.searchModels(query, { limit: SEARCH_LIMIT });
      } catch {
        return undefined;
      }
    }
  };
}

/** One `refs` request: true when it answers (or is gated, disabled, or moved), false on 404/401, else undefined. */
async function repoExists(hub: PortHub, repoId: string): Promise<boolean | undefined> {
  try {
    await hub.getRefs(repoId);
    return true;
  } catch (err) {
    if (err instanceof HubError) {
      if (ABSENT.has(err.code)) return false;
      if (PRESENT.has(err.code)) return true;
    }
    return undefined;
  }
}

/**
 * README.md at the head of `repo`'s main branch, bounded: in one request where it can (api/card.ts), else from its
 * main (or first) branch's tree through the verified download.
 */
export async function fetchModelCard(hub: PortHub, repo: string, maxBytes = MAX_ORIGINAL_CARD_BYTES): Promise<OriginalCard> {
  try {
    const direct = await hub.fetchMainCard(repo, maxBytes);
    if (direct) return { ok: true, ...direct };
    const refs = await hub.getRefs(repo);
    const branch = refs.branches.find((b) => b.name === 'main') ?? refs.branches[0];
    if (!branch) return { ok: false, reason: `${repo} has no branches` };
    const tree = await hub.listTree(repo, branch.targetCommit);
    const item = tree.find((i): i is TreeFile => i.type === 'file' && i.path.toLowerCase() === 'readme.md');
    if (!item) return { ok: false, reason: `${repo} has no README.md at ${branch.name} (${branch.targetCommit})` };
    if (item.size > maxBytes) return { ok: false, reason: `${repo}'s README.md is ${item.size} bytes, above the ${maxBytes}-byte limit for comparison` };
    const chunks: Uint8Array[] = [];
    let received = 0;
    await hub.download({
      repo,
      sha: branch.targetCommit,
      item,
      consumers: [
        {
          borrowsChunks: true,
          write: (chunk) => {
            // The download verifies the size it announced; this bound holds even if a server ignored that.
            received += chunk.length;
            if (received > maxBytes) throw new Error(`more than ${maxBytes} bytes`);
            chunks.push(chunk.slice()); // the download reuses its read buffer
          }
        }
      ]
    });
    return { ok: true, text: Buffer.concat(chunks).toString('utf8'), sha: branch.targetCommit, path: item.path };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
