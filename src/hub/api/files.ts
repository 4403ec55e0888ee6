// The files of a pinned commit for a review, in the fewest requests. The model info the review already read
// (`?blobs=true`) lists every file with its size, git oid and LFS sha256: the same facts the tree gives, and the
// download is bound to them either way. The tree is listed only where that list cannot stand for it:
// - siblings without sizes or oids (a Hub that ignored `blobs=true`);
// - 1,000 files or more: the Hub may cut the siblings list short under load, and huggingface_hub's
//   snapshot_download stops trusting it from that size on (huggingface/huggingface_hub#3565);
// - files the Hub's scanners flag: the expanded tree carries their scanners' details (pickle imports) as evidence.
// The plain tree is read at 1,000 items a page; the expanded one, needed only for flagged repositories, at 100.
import { unsafePathReason } from '../../core/paths.js';
import { HubError } from '../errors.js';
import type { HubHttp } from '../http.js';
import type { ResolvedRepo, TreeFile } from '../types.js';
import { checkListing, listTree } from './tree.js';

/** Siblings lists this long or longer are not taken as the whole repository. */
export const SIBLINGS_TRUSTED_BELOW = 1000;

/** The Hub's scanners flag files: their details come only with the expanded tree. */
const flagsFiles = (resolved: ResolvedRepo): boolean => (resolved.info.securityRepoStatus?.filesWithIssues.length ?? 0) > 0;

/**
 * The files the model info lists, validated as a tree listing is (paths, duplicates, a file inside a file, LFS size);
 * a reason instead when the list cannot stand for the tree.
 */
export function filesFromSiblings(resolved: ResolvedRepo): { files: TreeFile[] } | { tree: string } {
  const { info } = resolved;
  const siblings = info.siblings;
  if (!siblings) return { tree: 'the model info lists no files' };
  if (siblings.length >= SIBLINGS_TRUSTED_BELOW) return { tree: `the model info lists ${siblings.length} files; lists that long may be cut short` };
  if (flagsFiles(resolved)) return { tree: "the Hub's scanners flag files; the expanded tree has their details" };
  const what = `file list of ${resolved.canonicalId}@${resolved.sha} (model info)`;
  const files: TreeFile[] = [];
  for (const [i, s] of siblings.entries()) {
    if (s.size === undefined || s.blobId === undefined) return { tree: `siblings[${i}] has no size or git oid` };
    const why = unsafePathReason(s.rfilename);
    if (why) {
      throw new HubError('malformed-response', `${what}: siblings[${i}].rfilename ${JSON.stringify(s.rfilename.slice(0, 200))} is not a relative POSIX path (it ${why})`, { path: s.rfilename });
    }
    const file: TreeFile = { type: 'file', path: s.rfilename, oid: s.blobId, size: s.size };
    if (s.lfs) {
      if (s.lfs.size !== s.size) {
        throw new HubError('malformed-response', `${what}: siblings[${i}] (${s.rfilename}) has size ${s.size} but LFS size ${s.lfs.size}; the listing cannot be trusted`, { path: s.rfilename });
      }
      file.lfs = { oid: s.lfs.sha256, size: s.lfs.size, ...(s.lfs.pointerSize !== undefined ? { pointerSize: s.lfs.pointerSize } : {}) };
    }
    files.push(file);
  }
  checkListing(files, what);
  return { files };
}

/** Every file at the resolved commit: from the model info where it can stand for the tree, else the tree's pages. */
export async function listFiles(http: HubHttp, resolved: ResolvedRepo, opts: { maxPages?: number } = {}): Promise<TreeFile[]> {
  const listed = filesFromSiblings(resolved);
  if ('files' in listed) return listed.files;
  const items = await listTree(http, resolved.canonicalId, resolved.sha, { expand: flagsFiles(resolved), ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}) });
  return items.filter((i): i is TreeFile => i.type === 'file');
}
