// The authorisation decision for one request, pure: which approved pin a repository and revision resolve to, or
// why it is refused, in words a Hub client prints (the Hub's error body `{"error": …}` and X-Error-Message).
import { ApprovedSet, requestHelp, type ApprovedModel } from './approved.js';
import type { SignedState } from './signed-model.js';

export type RefusalReason =
  | 'unauthenticated'
  | 'stale-allowlist'
  | 'not-approved'
  | 'typosquat'
  | 'unapproved-revision'
  | 'unsigned'
  | 'invalid-signature'
  | 'not-signed-file'
  | 'tampered'
  | 'upstream-failed';

export interface Refusal {
  status: number;
  /** X-Error-Code. */
  code: string;
  reason: RefusalReason;
  message: string;
}

const HEX40 = /^[0-9a-f]{40}$/i;

export type Decision = { ok: true; model: ApprovedModel } | { ok: false; refusal: Refusal };

/** `repo` at `rev` (a branch, tag, or commit): the approved pin it resolves to, or the refusal. */
export function decide(approved: ApprovedSet, repo: string, rev: string): Decision {
  const model = approved.get(repo);
  if (!model) {
    const like = approved.lookalikeOf(repo);
    if (like) {
      return {
        ok: false,
        refusal: {
          status: 403,
          code: 'ModelNotApproved',
          reason: 'typosquat',
          message: `${repo} is not approved and looks like the approved ${like.repo}: check the name (a lookalike name is how typosquatted models are loaded). ${requestHelp(repo, rev)}`
        }
      };
    }
    return { ok: false, refusal: { status: 403, code: 'ModelNotApproved', reason: 'not-approved', message: requestHelp(repo, rev) } };
  }
  // A commit other than the pin was asked for by id: refuse rather than quietly serve different bytes.
  if (HEX40.test(rev) && rev.toLowerCase() !== model.revision) {
    return {
      ok: false,
      refusal: {
        status: 403,
        code: 'RevisionNotApproved',
        reason: 'unapproved-revision',
        message: `${model.repo}@${rev.toLowerCase()} is not approved (the approved commit is ${model.revision}); to request it open a PR changing the entry to \`${model.repo}@${rev.toLowerCase()}\` in approved-models.yaml`
      }
    };
  }
  return { ok: true, model };
}

/** Approved but not (validly) signed: refused until the sign workflow has signed it. */
export function signatureRefusal(model: ApprovedModel, state: SignedState): Refusal | undefined {
  if (state.state === 'valid') return undefined;
  if (state.state === 'missing') {
    return {
      status: 403,
      code: 'ModelNotSigned',
      reason: 'unsigned',
      message: `${model.repo}@${model.revision} is approved but not signed yet; it is served once the sign workflow has signed it (${state.detail})`
    };
  }
  return { status: 403, code: 'ModelNotSigned', reason: 'invalid-signature', message: `${model.repo}@${model.revision} is approved but its signature does not verify: ${state.detail}` };
}

export const STALE_REFUSAL = (age: number, why: string | undefined): Refusal => ({
  status: 503,
  code: 'AllowlistStale',
  reason: 'stale-allowlist',
  message: `the gateway's allowlist is ${Number.isFinite(age) ? `${Math.round(age)} s old` : 'not loaded'}, past its maximum age; nothing is served until it refreshes${why ? ` (${why})` : ''}`
});
