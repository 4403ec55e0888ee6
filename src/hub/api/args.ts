// Checks on what callers ask for, made before any request: a repository id the Hub allows and a pinned commit.
import { checkNamespace, checkRepoId } from '../../core/ids.js';
import { HubError } from '../errors.js';
import { HEX40 } from '../oid.js';

/** Throws 'invalid-repo-id' unless `repo` is a `namespace/name` the Hub allows (src/core/ids.ts). */
export function assertRepoId(repo: string): void {
  const problem = checkRepoId(repo);
  if (problem) throw new HubError('invalid-repo-id', `${problem.message}. ${problem.help}`);
}

/** Throws 'invalid-repo-id' unless `name` is a user or organisation name the Hub allows. */
export function assertNamespace(name: string): void {
  const problem = checkNamespace(name);
  if (problem) throw new HubError('invalid-repo-id', `${problem.message}. ${problem.help}`);
}

/** Throws 'invalid-revision' unless `revision` is a full 40-hex lowercase commit sha. */
export function assertRevision(revision: string): void {
  if (!HEX40.test(revision)) {
    const hint = /^[0-9a-fA-F]{7,39}$/.test(revision)
      ? 'a short sha is ambiguous and can be made to collide'
      : /^[0-9a-fA-F]{40}$/.test(revision)
        ? 'write it in lowercase'
        : 'a branch or tag name can be moved to other bytes at any time';
    throw new HubError(
      'invalid-revision',
      `revision '${revision.slice(0, 100)}' is not a full 40-hex commit sha (${hint}); pin the exact commit, e.g. from the repository's "Files and versions" history`
    );
  }
}
