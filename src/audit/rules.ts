// What the audit concludes about one approved entry: the approval as it was recorded (the allowlist entry, and the
// signed vetting record when there is one) against what the Hub answers now. Pure: facts in, findings out. The
// identity rules are the review's own (checks/identity/rules.ts), so a re-pin and the audit judge a namespace that
// changed hands alike.
import type { Finding } from '../core/findings.js';
import { identityFindings } from '../checks/identity/rules.js';

/** The approval, as recorded: ids from the allowlist entry, the rest from the signed vetting record. */
export interface Approval {
  repo: string;
  revision: string;
  /** 1-based line of the entry in the allowlist. */
  line: number;
  repoId?: string;
  authorId?: string;
  /** The signed records in the signatures folder: valid, missing, or present but not verifiable. */
  signature: { state: 'valid' } | { state: 'missing'; detail: string } | { state: 'invalid'; detail: string };
  /** From the vetting record, when it verified. */
  record?: {
    reviewedAt?: string;
    rulesVersion?: string;
    commitDate?: string;
    files: { path: string; sha256: string | null; gitOid: string | null }[];
    /** Paths the Hub flagged at approval time (securityRepoStatus.filesWithIssues), when recorded. */
    hubFlagged?: string[];
    hubScansDone?: boolean;
  };
}

/** What the Hub answers now, gathered by facts.ts. */
export type HubNow =
  | { state: 'gone'; detail: string }
  | { state: 'private'; detail: string }
  | { state: 'gated'; detail: string }
  | { state: 'disabled'; detail: string }
  | { state: 'commit-missing'; detail: string; repoId?: string; author?: { name: string; id: string; createdAt: string }; authorError?: string }
  | { state: 'unreachable'; detail: string }
  | {
    state: 'ok';
    canonicalId: string;
    repoId: string;
    repoCreatedAt?: string;
    redirects: { from: string; to: string }[];
    author?: { name: string; id: string; createdAt: string };
    authorError?: string;
    /** Files at the pinned commit: sha256 for LFS files, the git blob oid for the others. */
    files: { path: string; sha256?: string; gitOid?: string }[];
    scan?: { scansDone: boolean; flagged: { path: string; level: string }[] };
    /** Model info stays readable for gated and disabled repositories: they say so here. */
    gated?: false | 'auto' | 'manual';
    disabled?: boolean;
    /** The default branch's head, when the refs answered. */
    head?: { branch: string; sha: string };
  };

export interface AuditContext {
  /** The rule set in force now (core/version.ts). */
  rulesVersion: string;
}

const at = (a: Approval): Pick<Finding, 'evidence'> => ({ evidence: `${a.repo}@${a.revision} (allowlist line ${a.line})` });

type Add = (check: string, severity: Finding['severity'], message: string, help: string, extra?: Partial<Finding>) => void;

/** The owner lookup failed: whether the namespace changed hands is unknown, which blocks like any unexamined fact. */
function authorUnknown(add: Add, repo: string, error: string): void {
  add('audit.author-unknown', 'high', `the owner of ${repo} could not be looked up: ${error}`,
    'Whether the namespace changed hands could not be checked. Re-run; if the account is gone, the namespace is free for anyone to take.');
}

/** Every finding about one approved entry, most severe conditions first. */
export function auditFindings(a: Approval, now: HubNow, ctx: AuditContext): Finding[] {
  const out: Finding[] = [];
  const add = (check: string, severity: Finding['severity'], message: string, help: string, extra: Partial<Finding> = {}): void => {
    out.push({ check, severity, message, help, ...at(a), ...extra });
  };

  switch (now.state) {
    case 'gone':
      add('audit.repo-gone', 'high', `${a.repo} is gone from the Hub, or no longer public (${now.detail})`,
        'Release pipelines can no longer fetch the approved bytes, and whoever registers the name next would serve theirs. Remove the entry, or mirror the approved files and keep serving them from the gateway.');
      break;
    case 'private':
      add('audit.repo-private', 'high', `${a.repo} is no longer public (${now.detail})`,
        'The publisher withdrew it or restricted it. Find out why before anyone fetches it again; remove the entry if it was withdrawn.');
      break;
    case 'gated':
      add('audit.repo-gated', 'medium', `${a.repo} is now gated (${now.detail})`,
        'Fetching it now needs accepted terms and a token. Check the new terms; the approved bytes themselves are unchanged until a commit says otherwise.');
      break;
    case 'disabled':
      add('audit.repo-disabled', 'high', `${a.repo} was disabled by the Hub (${now.detail})`,
        'The Hub disables repositories for abuse or legal reasons. Stop using it until you know why; remove the entry.');
      break;
    case 'commit-missing':
      add('audit.commit-missing', 'high', `the approved commit ${a.revision} no longer exists in ${a.repo}: its history was rewritten, or the repository was deleted and re-created (${now.detail})`,
        'Nothing can fetch the approved bytes by their pin any more. Find out what happened; re-approve a commit only after a full review.');
      if (now.author && a.authorId && now.author.id !== a.authorId) {
        out.push(...identityFindings({ repo: a.repo, repoId: now.repoId ?? '', author: now.author, recorded: { authorId: a.authorId, from: 'approval' } })
          .filter((f) => f.check === 'identity.author-changed'));
      }
      if (now.authorError) authorUnknown(add, a.repo, now.authorError);
      break;
    case 'unreachable':
      add('audit.unreachable', 'high', `${a.repo} could not be checked: ${now.detail}`,
        'The audit could not say whether this approval still holds. Re-run; if it persists, investigate.');
      break;
    case 'ok':
      okFindings(a, now, ctx, add, out);
      break;
  }

  if (a.signature.state !== 'valid') {
    add('audit.unsigned', 'high', a.signature.state === 'missing'
      ? `${a.repo}@${a.revision.slice(0, 7)} has no signed approval from the sign workflow (${a.signature.detail})`
      : `the signed approval of ${a.repo}@${a.revision.slice(0, 7)} does not verify: ${a.signature.detail}`,
    'Release pipelines refuse unsigned models. Re-run the sign workflow for this entry, or find out who changed the signatures.');
  }
  return out;
}

function okFindings(a: Approval, now: Extract<HubNow, { state: 'ok' }>, ctx: AuditContext, add: Add, out: Finding[]): void {
  const moved = now.redirects.length > 0 || now.canonicalId.toLowerCase() !== a.repo.toLowerCase();
  const sameRepo = !a.repoId || a.repoId === now.repoId;
  // A transfer moves the same repository (_id kept) to another owner: not a namespace that changed hands.
  const transferred = moved && sameRepo && a.authorId !== undefined && now.author !== undefined && now.author.id !== a.authorId;
  if (moved) {
    const path = now.redirects.map((h) => `${h.from} → ${h.to}`).join(', ') || 'renamed';
    if (!sameRepo) {
      add('audit.moved', 'critical', `${a.repo} now answers as ${now.canonicalId} (${path}), a different repository than was approved`,
        'The old name leads somewhere else now. Remove the entry until the new repository is reviewed.');
    } else if (transferred) {
      add('audit.transferred', 'high', `${a.repo} was transferred to another owner: it now answers as ${now.canonicalId} (${path}), owned by ${now.author?.name}`,
        'The bytes of the approved commit are the same, but another account now controls the repository and every future commit. Confirm the new owner is who you expect before the next release; then update the entry.');
    } else {
      add('audit.moved', 'medium', `${a.repo} was renamed: it now answers as ${now.canonicalId} (${path})`,
        'The same repository under a new name. Update the entry to the new name; clients using the old one depend on the redirect.');
    }
  }
  if (now.disabled) {
    add('audit.repo-disabled', 'high', `${now.canonicalId} was disabled by the Hub`,
      'The Hub disables repositories for abuse or legal reasons. Stop using it until you know why; remove the entry.');
  }
  if (now.gated) {
    add('audit.repo-gated', 'medium', `${now.canonicalId} is now gated (${now.gated} approval)`,
      'Fetching it now needs accepted terms and a token. Check the new terms; the approved bytes are unchanged.');
  }
  out.push(...identityFindings({
    repo: now.canonicalId,
    repoId: now.repoId,
    ...(now.repoCreatedAt ? { repoCreatedAt: now.repoCreatedAt } : {}),
    ...(now.author ? { author: now.author } : {}),
    ...(a.repoId || a.authorId ? { recorded: { ...(a.repoId ? { repoId: a.repoId } : {}), ...(a.authorId ? { authorId: a.authorId } : {}), from: 'approval' as const } } : {}),
    ...(a.record?.commitDate ? { previousCommit: { sha: a.revision, state: 'found' as const, date: a.record.commitDate } } : {})
  }).filter((f) => f.check !== 'identity.not-recorded' && !(transferred && f.check === 'identity.author-changed')));
  if (now.authorError) authorUnknown(add, now.canonicalId, now.authorError);
  if (!a.repoId && !a.authorId && !a.record) {
    add('audit.identity-not-recorded', 'medium', `the approval of ${a.repo} recorded neither the repository's nor its owner's _id, and no vetting record was found`,
      `Record them in the entry (repo_id: ${now.repoId}${now.author ? `, author_id: ${now.author.id}` : ''}) once you have checked this is still the approved publisher, so a future change of hands is caught.`);
  }

  if (a.record) {
    const byPath = new Map(now.files.map((f) => [f.path, f]));
    const changed: string[] = [];
    const missing: string[] = [];
    for (const r of a.record.files) {
      const f = byPath.get(r.path);
      if (!f) { missing.push(r.path); continue; }
      const differs = (r.sha256 && f.sha256 && r.sha256 !== f.sha256) || (!f.sha256 && r.gitOid && f.gitOid && r.gitOid !== f.gitOid);
      if (differs) changed.push(r.path);
    }
    if (changed.length > 0 || missing.length > 0) {
      add('audit.digests-changed', 'critical',
        `the approved commit of ${now.canonicalId} no longer serves the signed bytes: ${[...changed.map((p) => `${p} changed`), ...missing.map((p) => `${p} missing`)].slice(0, 5).join(', ')}${changed.length + missing.length > 5 ? `, and ${changed.length + missing.length - 5} more` : ''}`,
        'The same commit id with other content means the Hub, or something between it and you, serves other bytes than were reviewed. Stop fetching it; the gateway and signature verification refuse these bytes.',
        { file: changed[0] ?? missing[0] });
    }
  }

  if (now.scan) {
    const before = new Set(a.record?.hubFlagged ?? []);
    const approved = new Set((a.record?.files ?? now.files).map((f) => f.path));
    for (const f of now.scan.flagged) {
      if (before.has(f.path) || !approved.has(f.path)) continue;
      add('audit.hub-flagged', 'high', `the Hub's scanners now flag ${f.path} in the approved commit (${f.level})`,
        'The Hub\'s scanners learned something about this file after the approval. Re-review it (model-gate review) before the next release uses it.', { file: f.path });
    }
    if (now.scan.scansDone && a.record?.hubScansDone === false && now.scan.flagged.length === 0) {
      add('audit.hub-scanned', 'info', `the Hub has now scanned ${now.canonicalId}@${a.revision.slice(0, 7)} and flags nothing`,
        'Nothing to do.');
    }
  }

  if (now.head && now.head.sha !== a.revision) {
    add('audit.new-commits', 'info', `${now.canonicalId}'s ${now.head.branch} is at ${now.head.sha.slice(0, 7)}, past the approved ${a.revision.slice(0, 7)}`,
      'An update to review, never applied by itself: open a pull request re-pinning the entry if you want it.');
  }

  const recordedRules = a.record?.rulesVersion;
  if (a.record && (recordedRules === undefined || recordedRules < ctx.rulesVersion)) {
    add('audit.rules-outdated', 'low', `${now.canonicalId}@${a.revision.slice(0, 7)} was approved under rule set ${recordedRules ?? '(unrecorded)'}; the rules are now ${ctx.rulesVersion}`,
      'The audit re-judges such entries with today\'s rules, oldest first, as its re-scan budget allows; its findings are reported with this entry.');
  }
}
