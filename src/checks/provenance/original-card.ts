// Fetches the model card of the repository a candidate shadows, to compare the two: README.md at the head of the
// original's main branch, through the verified download, at most 1 MiB. Never throws: failure is a reason string.
import type { HubClient } from '../../hub/client.js';
import type { TreeFile } from '../../hub/types.js';

export const MAX_ORIGINAL_CARD_BYTES = 1024 * 1024;

export type OriginalCard = { ok: true; text: string; sha: string; path: string } | { ok: false; reason: string };

type CardHub = Pick<HubClient, 'getRefs' | 'listTree' | 'download'>;

export async function fetchOriginalCard(hub: CardHub, repo: string, maxBytes = MAX_ORIGINAL_CARD_BYTES): Promise<OriginalCard> {
  try {
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
