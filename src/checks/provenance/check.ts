// The provenance check: gathers what the Hub knows about who published a repository and how (account, history,
// popularity, access state, model card and whether it copies the card of the repository it shadows) and turns it
// into findings with the pure functions beside it. Alone these signals ask for review; on an impersonating name,
// or several together, they block.
import type { Finding } from '../../core/findings.js';
import { HubError } from '../../hub/errors.js';
import type { TreeFile } from '../../hub/types.js';
import { nameAssessmentFor, type NameAssessment } from '../namespace-check.js';
import { knownOriginalsNamed } from '../namespace/check.js';
import { foldKey, visualKey } from '../namespace/keys.js';
import { MIN_ORIGINAL_DOWNLOADS } from '../namespace/namesakes.js';
import { baseName } from '../namespace/quantised.js';
import { BLOCK_SCORE, REVIEW_SCORE } from '../namespace/rules.js';
import type { HubCheck } from '../types.js';
import { accessFindings } from './access.js';
import { accountFindings } from './account.js';
import { cardFindings, copiedCardFindings, type CardInput } from './card.js';
import { splitFrontMatter } from './card-text.js';
import { historyFindings, type HistoryVerdict } from './history.js';
import { popularityFindings } from './popularity.js';
import { daysBetween, instant } from './time.js';

/** An account this much older than its repository (days) is established: a copied card alone asks for review. */
export const ESTABLISHED_ACCOUNT_DAYS = 365;
/** Shadowed originals whose cards are fetched and compared, at most. */
export const MAX_CARD_COMPARISONS = 2;

export const provenanceCheck: HubCheck = {
  id: 'provenance',
  needs: 'hub',
  async run(ctx) {
    const names = await nameAssessmentFor(ctx);
    const { resolved } = ctx;
    const repo = resolved.canonicalId;
    const info = resolved.info;
    const now = ctx.now.getTime();
    const protectedNamespace = names.role !== undefined;
    const findings: Finding[] = [...accessFindings(repo, info)];

    let history: HistoryVerdict | undefined;
    try {
      const list = await ctx.hub.recentCommits(repo, resolved.sha);
      const repoCreatedAt = instant(info.createdAt);
      history = historyFindings({
        repo,
        sha: resolved.sha,
        commits: list.commits,
        ...(list.total !== undefined ? { total: list.total } : {}),
        complete: list.complete,
        fileCount: ctx.tree.length,
        ...(repoCreatedAt !== undefined ? { repoCreatedAt } : {}),
        now
      });
      findings.push(...history.findings);
    } catch (err) {
      findings.push(hubFailure('provenance.history', `the commit history of ${repo} could not be read`, err));
    }

    const repoCreatedAt = instant(info.createdAt);
    const published =
      repoCreatedAt !== undefined
        ? { at: repoCreatedAt, from: 'repository createdAt' as const }
        : history?.firstCommitAt !== undefined
          ? { at: history.firstCommitAt, from: 'first commit' as const }
          : undefined;

    const popularity = popularityFindings({
      repo,
      ...(info.downloads !== undefined ? { downloads: info.downloads } : {}),
      ...(info.likes !== undefined ? { likes: info.likes } : {}),
      ...(published ? { repoCreatedAt: published.at } : {}),
      now,
      protectedNamespace
    });
    findings.push(...popularity.findings);

    const cardItem = ctx.tree.find((i) => i.path.toLowerCase() === 'readme.md');
    const cardText = cardItem ? ctx.text(cardItem.path) : undefined;
    const card = cardFindings(repo, cardInput(cardItem, cardText));
    findings.push(...card.findings);

    const author = ctx.author;
    const accountLead = author && published ? daysBetween(instant(author.createdAt) ?? now, published.at) : undefined;
    const established = accountLead !== undefined && accountLead >= ESTABLISHED_ACCOUNT_DAYS;
    let copied: string | undefined;
    if (cardItem && cardText !== undefined) {
      for (const shadow of names.shadows.slice(0, MAX_CARD_COMPARISONS)) {
        const original = await ctx.hub.modelCard(shadow.original);
        if (!original.ok) {
          findings.push({
            check: 'provenance.card-compare-failed',
            severity: 'info',
            file: cardItem.path,
            message: `could not compare the model card with ${shadow.original}'s: ${original.reason}`,
            help: `Open both cards and compare them by eye; a copied card is a sign of impersonation.`
          });
          continue;
        }
        const verdict = copiedCardFindings({
          repo,
          path: cardItem.path,
          original: shadow.original,
          originalCard: original.text,
          card: cardText,
          blocking: !(established && shadow.score < BLOCK_SCORE && names.impersonationScore < BLOCK_SCORE)
        });
        findings.push(...verdict.findings);
        if (verdict.copied) {
          copied ??= shadow.original;
        }
      }
    }

    // A card copied under an unrelated name: its title still names the original. Compared when no shadow was (so
    // the Hub calls stay bounded), with the popular repository of that name from the built-in map or the search.
    if (cardItem && cardText !== undefined && names.shadows.length === 0 && !protectedNamespace) {
      const original = titledOriginal(repo, cardText, names, published?.at);
      if (original !== undefined) {
        const fetched = await ctx.hub.modelCard(original);
        if (fetched.ok) {
          const verdict = copiedCardFindings({
            repo, path: cardItem.path, original, originalCard: fetched.text, card: cardText,
            blocking: !(established && names.impersonationScore < BLOCK_SCORE)
          });
          findings.push(...verdict.findings);
          if (verdict.copied) copied ??= original;
        }
      }
    }

    if (author) {
      const createdAt = instant(author.createdAt);
      if (createdAt !== undefined) {
        const otherSignals = [
          ...(history?.singleCommit ? ['a single commit holding everything'] : []),
          ...(popularity.inflated ? ['popularity out of proportion to its age'] : []),
          ...(card.placeholder ? ['a placeholder model card'] : []),
          ...(copied ? [`a model card copied from ${copied}`] : [])
        ];
        const impersonates = imitated(names);
        const account = accountFindings({
          name: author.name,
          type: author.type,
          createdAt,
          createdAtSource: author.createdAtSource,
          ...(published ? { published } : {}),
          repo,
          now,
          protectedNamespace,
          ...(impersonates ? { impersonates } : {}),
          otherSignals
        });
        findings.push(...account.findings);
      }
    }
    return findings;
  }
};

/** Titles shorter than this are words, not repository names worth a comparison. */
const MIN_TITLE_LENGTH = 5;

/**
 * The popular repository the card's title names when that is not this repository's name: `# privacy-filter` on
 * `sentinel-nlp/pii-detector-v2`. From the built-in map of originals, or the Hub's search answer (older, at least
 * MIN_ORIGINAL_DOWNLOADS); the most downloaded wins.
 */
function titledOriginal(repo: string, card: string, names: NameAssessment, publishedAt: number | undefined): string | undefined {
  const { body } = splitFrontMatter(card);
  const title = firstHeading(body)?.replace(/[`*_]/g, '').trim();
  if (title === undefined || title.length < MIN_TITLE_LENGTH || /\s/.test(title)) return undefined;
  const [namespace, name] = repo.split('/') as [string, string];
  const same = (a: string, b: string): boolean => foldKey(a) === foldKey(b) || visualKey(a) === visualKey(b);
  const short = title.includes('/') ? (title.split('/').pop() as string) : title;
  if (same(short, name) || same(short, baseName(name))) return undefined;
  const other = (id: string): boolean => id.split('/')[0]?.toLowerCase() !== namespace.toLowerCase();
  const found = (names.searched ?? [])
    .filter((r) => other(r.id) && !r.private && same(r.id.split('/')[1] ?? '', short) && (r.downloads ?? 0) >= MIN_ORIGINAL_DOWNLOADS)
    .filter((r) => publishedAt === undefined || r.createdAt === undefined || Date.parse(r.createdAt) < publishedAt)
    .sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0))[0]?.id;
  return found ?? knownOriginalsNamed(short).find(other);
}

function cardInput(item: TreeFile | undefined, text: string | undefined): CardInput {
  if (!item) return { kind: 'missing' };
  if (text === undefined) return { kind: 'not-read', path: item.path, size: item.size };
  return { kind: 'text', path: item.path, text };
}

/** What the name imitates, for messages: the strongest lookalike or shadowing hit worth a review. */
function imitated(names: NameAssessment): string | undefined {
  let best: { score: number; text: string } | undefined;
  const consider = (score: number, text: string): void => {
    if (score >= REVIEW_SCORE && (!best || score > best.score)) best = { score, text };
  };
  for (const r of names.results) {
    for (const h of r.hits) {
      if (h.rule === 'case-variant' || h.rule === 'repo-shadowing') continue;
      consider(h.score, `${h.publisher} (${h.rule})`);
    }
  }
  // Shadowing from the built-in map, a Hub lookup or the Hub's search: one list, each with its original.
  for (const s of names.shadows) consider(s.score, `${s.original} (repo-name shadowing)`);
  return best?.text;
}

/** A Hub error that hid provenance data: blocking, like every other thing not fully examined. */
function hubFailure(check: string, what: string, err: unknown): Finding {
  const code = err instanceof HubError ? err.code : 'error';
  return {
    check: `${check}.${code}`,
    severity: 'high',
    message: `${what}: ${err instanceof Error ? err.message : String(err)}`,
    help: 'Provenance was not fully examined, so the entry is not approved. Re-run; if it persists, investigate the repository on the Hub.'
  };
}

/**
 * The first level-1 ATX heading's text, as `/^ {0,3}# +([^\n]+?)(?: +#+)? *$/m` reads it, in one pass per line: up
 * to three spaces, `#`, spaces, then the text without its trailing spaces and closing `#` sequence.
 */
function firstHeading(body: string): string | undefined {
  for (const raw of body.split('\n')) {
    const head = /^ {0,3}# +/.exec(raw);
    if (!head) continue;
    // `$` under the m flag also stops at \r, \u2028 and \u2029: the heading ends at the first of them.
    let end = raw.length;
    for (let i = head[0].length; i < raw.length; i++) {
      const c = raw[i];
      if (c === '\r' || c === '\u2028' || c === '\u2029') { end = i; break; }
    }
    let text = raw.slice(head[0].length, end);
    let e = text.length;
    while (e > 0 && text[e - 1] === ' ') e--;
    let h = e;
    while (h > 0 && text[h - 1] === '#') h--;
    // A closing sequence needs a space before it (` ##`), and text before that.
    if (h < e && h > 0 && text[h - 1] === ' ') {
      let s = h;
      while (s > 0 && text[s - 1] === ' ') s--;
      if (s > 0) e = s;
    }
    text = text.slice(0, e);
    if (text !== '') return text;
    // `#` and two or more spaces is a heading of blanks to the pattern (no title); `# ` alone is no heading.
    if (/^ {0,3}# {2,}$/.test(raw.slice(0, end))) return '';
  }
  return undefined;
}
