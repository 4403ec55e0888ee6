// Real git object ids for the trees and commits of a store, so a repository's shas look and behave like the Hub's:
// a commit sha is sha1 over a canonical git commit object naming its root tree and parent.
import { createHash } from 'node:crypto';

export interface TreeLeaf {
  path: string;
  /** Git blob oid (for LFS files: the pointer's oid, as git itself stores it). */
  gitOid: string;
}

function gitHash(type: 'tree' | 'commit', body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.byteLength}\0`, 'latin1').update(body).digest('hex');
}

interface Dir {
  files: Map<string, string>;
  dirs: Map<string, Dir>;
}

function insert(root: Dir, path: string, oid: string): void {
  const parts = path.split('/');
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    let sub = dir.dirs.get(part);
    if (!sub) {
      sub = { files: new Map(), dirs: new Map() };
      dir.dirs.set(part, sub);
    }
    dir = sub;
  }
  dir.files.set(parts[parts.length - 1] ?? '', oid);
}

/** Oid of every directory (key '' is the root) for a set of files, computed exactly as git does. */
export function treeOids(files: Iterable<TreeLeaf>): Map<string, string> {
  const root: Dir = { files: new Map(), dirs: new Map() };
  for (const f of files) insert(root, f.path, f.gitOid);
  const out = new Map<string, string>();
  const visit = (dir: Dir, prefix: string): string => {
    // git orders entries by name, comparing a directory as if its name ended in '/'.
    const entries: { key: string; mode: string; name: string; oid: string }[] = [];
    for (const [name, oid] of dir.files) entries.push({ key: name, mode: '100644', name, oid });
    for (const [name, sub] of dir.dirs) {
      const oid = visit(sub, prefix ? `${prefix}/${name}` : name);
      entries.push({ key: `${name}/`, mode: '40000', name, oid });
    }
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    const body = Buffer.concat(
      entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex')])
    );
    const oid = gitHash('tree', body);
    out.set(prefix, oid);
    return oid;
  };
  visit(root, '');
  return out;
}

export interface CommitObject {
  tree: string;
  parent?: string;
  authors: string[];
  date: string;
  title: string;
  message: string;
}

/** Sha of a git commit object; authors become `name <name@users.noreply.huggingface.co>`. */
export function commitSha(c: CommitObject): string {
  const seconds = Math.floor(Date.parse(c.date) / 1000);
  const who = c.authors[0] ?? 'system';
  const ident = `${who} <${who}@users.noreply.huggingface.co> ${seconds} +0000`;
  const lines = [`tree ${c.tree}`];
  if (c.parent) lines.push(`parent ${c.parent}`);
  lines.push(`author ${ident}`, `committer ${ident}`, '');
  const coAuthors = c.authors.slice(1).map((a) => `Co-authored-by: ${a} <${a}@users.noreply.huggingface.co>`);
  const text = [c.title, c.message, coAuthors.join('\n')].filter((s) => s.length > 0).join('\n\n');
  return gitHash('commit', Buffer.from(`${lines.join('\n')}\n${text}\n`, 'utf8'));
}
