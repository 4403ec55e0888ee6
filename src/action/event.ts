// Which change the action reviews, from the workflow event. Pure: the payload is passed in.

export type ReviewTarget =
  | { kind: 'pull_request'; number: number; baseSha: string; headSha: string; baseRef: string; fork: boolean; url: string }
  | { kind: 'push'; beforeSha: string | null; afterSha: string; ref: string };

export class UnsupportedEventError extends Error {}

const SHA = /^[0-9a-f]{40}$/;
const ZERO = '0'.repeat(40);

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * `pull_request` and `pull_request_target` review base..head by SHA (the files are read through the API at
 * those SHAs; no PR code is ever checked out). `push` reviews before..after; a new branch (before = zeros)
 * has no base, so every entry is new.
 */
export function targetFromEvent(eventName: string, payload: Record<string, unknown>): ReviewTarget {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = payload.pull_request as Record<string, unknown> | undefined;
    const base = pr?.base as Record<string, unknown> | undefined;
    const head = pr?.head as Record<string, unknown> | undefined;
    const baseSha = str(base?.sha);
    const headSha = str(head?.sha);
    const number = typeof pr?.number === 'number' ? pr.number : Number(payload.number);
    if (!baseSha || !SHA.test(baseSha) || !headSha || !SHA.test(headSha) || !Number.isSafeInteger(number)) {
      throw new UnsupportedEventError(`${eventName} payload lacks pull_request.number/base.sha/head.sha; is this a real pull request event?`);
    }
    const baseRepo = (base?.repo as Record<string, unknown> | undefined)?.full_name;
    const headRepo = (head?.repo as Record<string, unknown> | undefined)?.full_name;
    return {
      kind: 'pull_request',
      number,
      baseSha,
      headSha,
      baseRef: str(base?.ref) ?? '',
      fork: typeof headRepo === 'string' && typeof baseRepo === 'string' && headRepo !== baseRepo,
      url: str(pr?.html_url) ?? ''
    };
  }
  if (eventName === 'push') {
    const after = str(payload.after);
    const before = str(payload.before);
    if (!after || !SHA.test(after)) throw new UnsupportedEventError('push payload lacks a 40-hex `after` sha');
    return { kind: 'push', beforeSha: before && SHA.test(before) && before !== ZERO ? before : null, afterSha: after, ref: str(payload.ref) ?? '' };
  }
  throw new UnsupportedEventError(
    `model-gate runs on pull_request, pull_request_target and push events, not '${eventName}'; use \`mode: verify\` in release jobs`
  );
}
