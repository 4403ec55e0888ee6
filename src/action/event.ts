// Which change the action reviews, from the workflow event. Pure: the payload is passed in. The fields read are
// validated by schemas that follow GitHub's webhook documentation for pull_request / pull_request_target and push
// (other fields are ignored: GitHub adds them freely).
import * as z from 'zod/mini';
import { describeValue } from '../config/schema/kit.js';

export type ReviewTarget =
  | { kind: 'pull_request'; number: number; baseSha: string; headSha: string; baseRef: string; fork: boolean; url: string }
  | { kind: 'push'; beforeSha: string | null; afterSha: string; ref: string };

export class UnsupportedEventError extends Error {}

const ZERO = '0'.repeat(40);

/** What a field must be, said of the value found (or its absence). */
const expected = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? 'is missing' : `is ${describeValue(iss.input)}, not ${what}`;

const sha = z.string({ error: expected('a 40-hex commit sha') }).check(z.regex(/^[0-9a-f]{40}$/, { error: expected('a 40-hex commit sha') }));
const text = z.optional(z.string({ error: expected('text') }));
const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.looseObject(shape, { error: expected('an object') });
/** `head.repo` is null when the fork it came from was deleted. */
const repository = z.nullish(object({ full_name: text }));

export const PullRequestEventSchema = object({
  number: z.optional(z.int({ error: expected('a pull request number') })),
  pull_request: object({
    number: z.optional(z.int({ error: expected('a pull request number') })),
    html_url: text,
    base: object({ sha, ref: text, repo: repository }),
    head: object({ sha, repo: repository })
  })
}).check(
  z.refine((e) => e.pull_request.number !== undefined || e.number !== undefined, { error: 'is missing', path: ['pull_request', 'number'] })
);
export type PullRequestEvent = z.output<typeof PullRequestEventSchema>;

export const PushEventSchema = object({ after: sha, before: z.optional(z.string({ error: expected('a commit sha') })), ref: text });
export type PushEvent = z.output<typeof PushEventSchema>;

/** `name` payload: `path` is …; `hint`. */
function refused(name: string, error: z.core.$ZodError, hint: string): UnsupportedEventError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `\`${issue.path.join('.')}\` ` : '';
  return new UnsupportedEventError(`${name} payload: ${where}${issue?.message ?? 'is not an object'}; ${hint}`);
}

/**
 * `pull_request` and `pull_request_target` review base..head by SHA (the files are read through the API at
 * those SHAs; no PR code is ever checked out). `push` reviews before..after; a new branch (before = zeros)
 * has no base, so every entry is new.
 */
export function targetFromEvent(eventName: string, payload: Record<string, unknown>): ReviewTarget {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const r = PullRequestEventSchema.safeParse(payload);
    if (!r.success) throw refused(eventName, r.error, 'is this a real pull request event?');
    const { pull_request: pr } = r.data;
    const baseRepo = pr.base.repo?.full_name;
    const headRepo = pr.head.repo?.full_name;
    return {
      kind: 'pull_request',
      number: pr.number ?? r.data.number ?? 0,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
      baseRef: pr.base.ref ?? '',
      fork: typeof headRepo === 'string' && typeof baseRepo === 'string' && headRepo !== baseRepo,
      url: pr.html_url ?? ''
    };
  }
  if (eventName === 'push') {
    const r = PushEventSchema.safeParse(payload);
    if (!r.success) throw refused('push', r.error, 'is this a real push event?');
    const { before, after, ref } = r.data;
    return { kind: 'push', beforeSha: before && /^[0-9a-f]{40}$/.test(before) && before !== ZERO ? before : null, afterSha: after, ref: ref ?? '' };
  }
  throw new UnsupportedEventError(
    `model-gate runs on pull_request, pull_request_target and push events, not '${eventName}'; use \`mode: verify\` in release jobs`
  );
}
