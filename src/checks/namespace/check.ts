// checkName: is `org/name` a real protected publisher, a lookalike of one, or a reuse of one's repo name?
import { compareFindings, verdictOf, type Finding, type Severity } from '../../core/findings.js';
import { foldKey, skeleton, syntaxProblem, visualKey, type SyntaxProblem } from './keys.js';
import { KNOWN_LEGITIMATE, KNOWN_REPOS, MOST_IMITATED, TRUSTED_PUBLISHERS } from '../../config/security/publishers.js';
import { BLOCK_SCORE, REVIEW_SCORE, keysOf, lookalikeHits, resembles, type NameKeys, type RuleHit, type RuleId } from './rules.js';
import { baseName } from './quantised.js';

export type NameVerdict = 'pass' | 'review' | 'block';
export type PublisherRole = 'trusted' | 'legitimate';

/** A neighbour a team has looked at and accepted, recorded in its policy so it is not raised again. */
export interface ReviewedNamespace {
  namespace: string;
  reason: string;
  date: string;
}

/** Answers whether `publisher/name` exists on the Hub: true / false, or undefined when it could not tell. */
export type HubLookup = (repoId: string) => Promise<boolean | undefined>;

export interface NameCheckOptions {
  /** Trusted publishers; replaces the built-in list (the policy passes the defaults plus its own). */
  trusted?: readonly string[];
  /** Known-legitimate namespaces; replaces the built-in list. */
  legitimate?: readonly string[];
  /** Reviewed neighbours: their namespace lookalike hits and repo-name shadowing are not raised again. */
  reviewed?: readonly ReviewedNamespace[];
  /** Extra known repo names per publisher; added to the built-in map, never replacing it. */
  knownRepos?: Readonly<Record<string, readonly string[]>>;
  /** Confirms shadowing of repo names not in the map. Asked at most `maxHubLookups` times per name. */
  hubLookup?: HubLookup;
  maxHubLookups?: number;
}

/** One rule that matched, against one protected publisher. */
export interface NameHit extends RuleHit {
  publisher: string;
  role: PublisherRole;
  /** Whether the hit is about the namespace or the repo name. */
  subject: 'namespace' | 'repo';
  /** For `repo-shadowing`: the original `publisher/repo` being shadowed, and how it is known. */
  original?: string;
  source?: 'built-in map' | 'Hub';
}

export interface NameCheckResult {
  repo: string;
  verdict: NameVerdict;
  /** The protected publisher's canonical casing when the namespace is one (exactly or by case only). */
  canonicalPublisher?: string;
  role?: PublisherRole | 'reviewed';
  findings: Finding[];
  hits: NameHit[];
}

export const DEFAULT_MAX_HUB_LOOKUPS = 8;

const BUILT_IN_TRUSTED: ReadonlySet<string> = new Set(TRUSTED_PUBLISHERS.map((n) => n.toLowerCase()));

/** Rules that match loosely; dropped below the block line when another rule already blocks. */
const CATCH_ALL: ReadonlySet<RuleId> = new Set(['edit-distance', 'short-name', 'affix-added']);

interface Protected {
  keys: NameKeys;
  role: PublisherRole;
}

/** Runs every namespace and repo-name rule on `repoId` (`org/name`; an `@revision` is ignored). */
export async function checkName(repoId: string, options: NameCheckOptions = {}): Promise<NameCheckResult> {
  const id = repoId.split('@')[0]!.trim();
  const parts = id.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    const f = finding('syntax.invalid', 'high', `'${repoId}' is not a Hub model id of the form ORG/NAME`,
      `got ${parts.length} part(s) separated by '/'`, 'Write the entry as ORG/NAME, exactly as the Hub shows it.');
    return result(id, [f], []);
  }
  const [namespace, name] = parts as [string, string];
  const protectedNames = buildProtected(options);
  const findings: Finding[] = [];
  const hits: NameHit[] = [];

  // 1. Syntax gate: a name the Hub cannot have is never approved. The skeleton says what it imitates.
  const nsProblem = syntaxProblem(namespace);
  const nameProblem = syntaxProblem(name);
  if (nsProblem) {
    const imitated = imitatedBy(skeleton(namespace), protectedNames);
    const rule = nsProblem.kind === 'non-ascii' ? 'syntax.non-ascii' : 'syntax.invalid';
    for (const h of imitated) hits.push({ ...h, rule, detail: `${h.detail} (${h.rule})` });
    findings.push(syntaxFinding('namespace', namespace, nsProblem, imitated));
  }
  if (nameProblem) findings.push(syntaxFinding('repo name', name, nameProblem, []));

  // 2. Exact or case-only: the same account (the Hub resolves names case-insensitively).
  const same = protectedNames.find((p) => p.keys.lower === namespace.toLowerCase());
  // A review never excuses a name the Hub cannot have.
  const reviewed = nsProblem ? undefined : options.reviewed?.find((r) => r.namespace.toLowerCase() === namespace.toLowerCase());
  let canonicalPublisher: string | undefined;
  let role: NameCheckResult['role'];
  if (!nsProblem && same) {
    canonicalPublisher = same.keys.raw;
    role = same.role;
    if (same.keys.raw !== namespace) {
      hits.push({ rule: 'case-variant', score: 0, detail: `same account as '${same.keys.raw}'`, publisher: same.keys.raw, role: same.role, subject: 'namespace' });
      findings.push(finding('case-variant', 'info',
        `'${namespace}' is ${same.role} publisher '${same.keys.raw}' written in another case`,
        `canonical id: ${same.keys.raw}/${name}`,
        `Nothing to do; the Hub resolves both to ${same.keys.raw}/${name}. Prefer the canonical casing in the allowlist.`));
    }
  } else if (reviewed) {
    role = 'reviewed';
    findings.push(finding('reviewed', 'info', `'${namespace}' was reviewed as a legitimate neighbour on ${reviewed.date}`,
      `reason: ${reviewed.reason}`, 'Nothing to do; lookalike and shadowing rules are not raised for reviewed namespaces.'));
  } else if (!nsProblem) {
    // 3. Lookalike rules against every protected name.
    const c = keysOf(namespace);
    const found: NameHit[] = [];
    for (const p of protectedNames) {
      for (const h of lookalikeHits(c, p.keys)) found.push({ ...h, publisher: p.keys.raw, role: p.role, subject: 'namespace' });
    }
    // Once one publisher is clearly imitated, weak catch-all matches to its siblings (`huggingface-tb` is also two
    // edits from `HuggingFaceH4`) add noise, not information.
    const decided = found.some((h) => h.score >= BLOCK_SCORE);
    for (const hit of found) {
      if (decided && hit.score < BLOCK_SCORE && CATCH_ALL.has(hit.rule)) continue;
      hits.push(hit);
      findings.push(lookalikeFinding(namespace, hit));
    }
  }

  // 4. Repo-name shadowing: someone else's namespace carrying a protected publisher's repo name.
  if (!same && !reviewed && !nameProblem) {
    const shadow = await shadowing(namespace, name, protectedNames, hits, options);
    hits.push(...shadow.hits);
    findings.push(...shadow.findings);
  }

  const out = result(`${namespace}/${name}`, findings, hits);
  if (canonicalPublisher) out.canonicalPublisher = canonicalPublisher;
  if (role) out.role = role;
  return out;
}

function buildProtected(options: NameCheckOptions): Protected[] {
  const seen = new Set<string>();
  const out: Protected[] = [];
  const add = (names: readonly string[], role: PublisherRole): void => {
    for (const n of names) {
      if (seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      out.push({ keys: keysOf(n, 'any-case'), role });
    }
  };
  add(options.trusted ?? TRUSTED_PUBLISHERS, 'trusted');
  add(options.legitimate ?? KNOWN_LEGITIMATE, 'legitimate');
  return out;
}

/** Which protected publishers an (already skeletonised) invalid name stands for, and by which rule. */
function imitatedBy(skel: string, protectedNames: readonly Protected[]): NameHit[] {
  const c = keysOf(skel);
  const out: NameHit[] = [];
  for (const p of protectedNames) {
    if (c.lower === p.keys.lower || p.keys.visuals.includes(c.visuals[0]!)) {
      out.push({ rule: 'homoglyph', score: 100, detail: `reads as '${p.keys.raw}'`, publisher: p.keys.raw, role: p.role, subject: 'namespace' });
      continue;
    }
    for (const h of lookalikeHits(c, p.keys)) {
      out.push({ ...h, score: 100, detail: `reads as '${skel}': ${h.detail}`, publisher: p.keys.raw, role: p.role, subject: 'namespace' });
    }
  }
  return out;
}

// ---- repo-name shadowing ------------------------------------------------------------------------------------


type RepoIndex = Map<string, { publisher: string; repo: string }[]>;

/** Known repo names by fold key and by visual key. */
function repoIndex(source: Readonly<Record<string, readonly string[]>>): RepoIndex {
  const index: RepoIndex = new Map();
  for (const [publisher, repos] of Object.entries(source)) {
    for (const repo of repos) {
      for (const key of new Set([foldKey(repo), visualKey(repo)])) {
        const list = index.get(key) ?? [];
        list.push({ publisher, repo });
        index.set(key, list);
      }
    }
  }
  return index;
}

let BUILT_IN_INDEX: RepoIndex | undefined;
function builtInRepoIndex(): RepoIndex {
  BUILT_IN_INDEX ??= repoIndex(KNOWN_REPOS);
  return BUILT_IN_INDEX;
}

/** `publisher/repo` ids of the built-in map's originals named `name` (by fold or visual key). */
export function knownOriginalsNamed(name: string): string[] {
  const index = builtInRepoIndex();
  const out = new Set<string>();
  for (const k of [foldKey(name), visualKey(name)]) for (const r of index.get(k) ?? []) out.add(`${r.publisher}/${r.repo}`);
  return [...out];
}

interface Shadow {
  publisher: string;
  role: PublisherRole;
  repo: string;
  source: 'built-in map' | 'Hub';
}

async function shadowing(
  namespace: string,
  name: string,
  protectedNames: readonly Protected[],
  namespaceHits: readonly NameHit[],
  options: NameCheckOptions
): Promise<{ hits: NameHit[]; findings: Finding[] }> {
  // A quantisation suffix is normal only for known re-publishers, which never reach here (they are protected): for
  // anyone else the name under the suffix is what a user recognises.
  const byLower = new Map(protectedNames.map((p) => [p.keys.lower, p]));
  const base = baseName(name);
  const fold = foldKey(base);
  const visual = visualKey(base);
  const shadows: Shadow[] = [];
  const mapped = new Set<string>();
  for (const index of [builtInRepoIndex(), repoIndex(options.knownRepos ?? {})]) {
    for (const known of [...(index.get(fold) ?? []), ...(index.get(visual) ?? [])]) {
      const p = byLower.get(known.publisher.toLowerCase());
      if (!p) continue;
      const key = `${p.keys.lower}/${known.repo.toLowerCase()}`;
      if (mapped.has(key)) continue;
      mapped.add(key);
      shadows.push({ publisher: p.keys.raw, role: p.role, repo: known.repo, source: 'built-in map' });
    }
  }

  const unconfirmed: string[] = [];
  if (options.hubLookup) {
    const asked = lookupTargets(namespace, protectedNames, namespaceHits, new Set(shadows.map((s) => s.publisher)),
      options.maxHubLookups ?? DEFAULT_MAX_HUB_LOOKUPS);
    const lookup = options.hubLookup;
    const answers = await Promise.all(asked.map(async (p) => {
      try {
        return await lookup(`${p.keys.raw}/${base}`);
      } catch {
        return undefined;
      }
    }));
    asked.forEach((p, i) => {
      const a = answers[i];
      if (a === true) shadows.push({ publisher: p.keys.raw, role: p.role, repo: base, source: 'Hub' });
      else if (a === undefined) unconfirmed.push(`${p.keys.raw}/${base}`);
    });
  }

  const c = keysOf(namespace);
  const hits: NameHit[] = [];
  const findings: Finding[] = [];
  for (const s of shadows) {
    const p = byLower.get(s.publisher.toLowerCase())!;
    const lookalikes = namespaceHits.filter((h) => h.subject === 'namespace' && h.score >= REVIEW_SCORE);
    const lookalike = lookalikes.find((h) => h.publisher === s.publisher) ?? lookalikes[0];
    const alike = resembles(c, p.keys);
    const score = lookalike || alike ? 85 : 55;
    const why = lookalike
      ? `and the namespace is a lookalike of '${lookalike.publisher}' (${lookalike.rule})`
      : alike ? `and the namespace '${escapeNonAscii(namespace)}' resembles '${s.publisher}'` : `under an unrelated namespace`;
    const hit: NameHit = {
      rule: 'repo-shadowing', score, detail: `${s.publisher}/${s.repo} (${s.source}) ${why}`, publisher: s.publisher,
      role: s.role, subject: 'repo', original: `${s.publisher}/${s.repo}`, source: s.source
    };
    hits.push(hit);
    findings.push(finding('repo-shadowing', severityOf(score),
      `'${escapeNonAscii(namespace)}/${name}' reuses the repo name of ${s.role} publisher '${s.publisher}' (${s.publisher}/${s.repo}) ${why}`,
      `imitates: ${s.publisher}; rule: repo-shadowing; known from: ${s.source}`,
      score >= BLOCK_SCORE
        ? `Do not approve. If you meant the original, use ${s.publisher}/${s.repo}.`
        : `Check that this is not a copy posing as ${s.publisher}/${s.repo}: compare the model card, files and account ` +
          `age with the original, and prefer ${s.publisher}/${s.repo} if it is the same model. If it is a genuine ` +
          `derivative, approve and record '${namespace}' as a reviewed namespace.`));
  }
  if (unconfirmed.length > 0) {
    findings.push(finding('repo-shadowing', 'info', `could not ask the Hub whether ${unconfirmed.length} protected publisher(s) have a repo named '${name}'`,
      unconfirmed.join(', '), 'Shadowing was checked against the built-in list only for these; re-run when the Hub is reachable.'));
  }
  return { hits, findings };
}

/**
 * Which publishers to ask the Hub about, in order, at most `max`: those a namespace rule pointed at, then those
 * the namespace loosely resembles, then the most-imitated publishers. Asking about all ~70 protected publishers
 * for every entry would be ~70 requests per name; these are the ones an impersonator would copy from.
 */
function lookupTargets(namespace: string, protectedNames: readonly Protected[], hits: readonly NameHit[],
  alreadyKnown: ReadonlySet<string>, max: number): Protected[] {
  const c = keysOf(namespace);
  const byLower = new Map(protectedNames.map((p) => [p.keys.lower, p]));
  const ordered = [
    ...hits.filter((h) => h.subject === 'namespace').sort((a, b) => b.score - a.score).map((h) => byLower.get(h.publisher.toLowerCase())),
    ...protectedNames.filter((p) => resembles(c, p.keys)),
    // Publishers the policy added (usually the team's own): no built-in repo map knows their names.
    ...protectedNames.filter((p) => p.role === 'trusted' && !BUILT_IN_TRUSTED.has(p.keys.lower)),
    ...MOST_IMITATED.map((n) => byLower.get(n.toLowerCase()))
  ];
  const out: Protected[] = [];
  for (const p of ordered) {
    if (!p || alreadyKnown.has(p.keys.raw) || out.includes(p)) continue;
    if (out.length >= max) break;
    out.push(p);
  }
  return out;
}

// ---- findings -----------------------------------------------------------------------------------------------

export function severityOf(score: number): Severity {
  if (score >= 95) return 'critical';
  if (score >= BLOCK_SCORE) return 'high';
  if (score >= REVIEW_SCORE) return 'medium';
  return 'info';
}

function finding(rule: RuleId | 'reviewed', severity: Severity, message: string, evidence: string, help: string): Finding {
  return { check: `namespace.${rule}`, severity, message, evidence, help };
}

const RULE_NAMES: Record<RuleId, string> = {
  'syntax.non-ascii': 'non-ASCII characters',
  'syntax.invalid': 'invalid Hub name',
  'case-variant': 'case only',
  separator: 'separator trick',
  homoglyph: 'lookalike characters',
  repeat: 'repeated letters',
  'swapped-words': 'swapped words',
  'version-suffix': 'version suffix',
  'affix-added': 'added word',
  'affix-dropped': 'dropped ending',
  'edit-distance': 'typo distance',
  'short-name': 'short-name lookalike',
  'repo-shadowing': 'repo-name shadowing'
};

function lookalikeFinding(namespace: string, hit: NameHit): Finding {
  const severity = severityOf(hit.score);
  const block = hit.score >= BLOCK_SCORE;
  return finding(hit.rule, severity,
    `Namespace '${namespace}' imitates ${hit.role} publisher '${hit.publisher}' (${RULE_NAMES[hit.rule]})`,
    `imitates: ${hit.publisher}; rule: ${hit.rule}; ${hit.detail}`,
    block
      ? `Do not approve. If you meant ${hit.publisher}, use that namespace. A lookalike like this is how ` +
        `typosquatted repositories get in; if '${namespace}' is genuinely unrelated, a reviewer must confirm the ` +
        `account's identity and record it under reviewed namespaces in the policy.`
      : `Open https://huggingface.co/${namespace} and check whether it is ${hit.publisher} or imitates it (account ` +
        `age, members, links). If it is a legitimate neighbour, record it under reviewed namespaces in the policy ` +
        `with the reason.`);
}

function syntaxFinding(what: 'namespace' | 'repo name', value: string, problem: SyntaxProblem, imitated: readonly NameHit[]): Finding {
  const target = [...new Set(imitated.map((h) => h.publisher))];
  const rule: RuleId = problem.kind === 'non-ascii' ? 'syntax.non-ascii' : 'syntax.invalid';
  const who = target.length > 0 ? `; it reads as ${target.map((t) => `'${t}'`).join(', ')}` : '';
  const via = [...new Set(imitated.map((h) => h.rule))].join(', ');
  const imitates = target.length > 0 ? `imitates: ${target.join(', ')}; rule: ${rule} (reads as it by ${via})` : `rule: ${rule}`;
  if (problem.kind === 'non-ascii') {
    return finding(rule, 'critical',
      `The ${what} '${escapeNonAscii(value)}' contains characters no Hub name can have${who}`,
      `${imitates}; ${problem.chars.join(', ')}; skeleton '${escapeNonAscii(skeleton(value))}'`,
      'Do not approve. Hub names are ASCII only; a name with lookalike or invisible characters is an impersonation ' +
        'attempt or a copy-paste accident. Retype the id by hand from the publisher\'s page.');
  }
  return finding(rule, 'high', `The ${what} '${escapeNonAscii(value)}' is not a valid Hub name: it ${problem.reason}${who}`,
    `${imitates}; value: '${escapeNonAscii(value)}'`,
    'Correct the id: Hub names use A-Z a-z 0-9 . _ - only, with no -- or .., at most 96 characters.');
}

/** Shows anything outside printable ASCII as \u{…}, so invisible and lookalike characters are visible in reports. */
function escapeNonAscii(s: string): string {
  return [...s].map((c) => (/^[\x20-\x7e]$/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`)).join('');
}

function result(repo: string, findings: Finding[], hits: NameHit[]): NameCheckResult {
  findings.sort(compareFindings);
  const v = verdictOf(findings);
  return { repo, verdict: v === 'rejected' ? 'block' : v === 'needs-review' ? 'review' : 'pass', findings, hits };
}

