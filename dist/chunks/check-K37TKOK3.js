import {
  MIN_ORIGINAL_DOWNLOADS,
  nameAssessmentFor
} from "./chunk-6DLL7NBL.js";
import {
  BLOCK_SCORE,
  REVIEW_SCORE,
  baseName,
  knownOriginalsNamed
} from "./chunk-P7HMLIBO.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-JTLQZMZU.js";
import {
  cardSimilarity,
  fencedCodeLines,
  letterWords,
  proseOf,
  splitFrontMatter
} from "./chunk-MWGFQAWX.js";
import {
  foldKey,
  visualKey
} from "./chunk-VYTMODJS.js";
import "./chunk-5USQP7RK.js";
import {
  HubError
} from "./chunk-37FDLS5N.js";
import "./chunk-56LLOFTS.js";
import "./chunk-CVJYKYK3.js";

// src/checks/provenance/access.ts
function accessFindings(repo, info) {
  const findings = [];
  if (info.disabled === true) {
    findings.push({
      check: "provenance.disabled",
      severity: "high",
      message: `the Hub has disabled ${repo}`,
      evidence: "model info: disabled: true",
      help: "The Hub disables repositories for abuse, malware or legal reasons. Do not approve it."
    });
  }
  if (info.private === true) {
    findings.push({
      check: "provenance.private",
      severity: "low",
      message: `${repo} is private: only accounts with access to it can download or audit it`,
      evidence: "model info: private: true",
      help: "Jobs that load this model need a Hub token with read access; reviewers outside the organisation cannot check it."
    });
  }
  if (info.gated === "auto" || info.gated === "manual") {
    findings.push({
      check: "provenance.gated",
      severity: "info",
      message: `${repo} is gated (${info.gated} approval): downloads need an account that accepted its terms`,
      evidence: `model info: gated: ${info.gated}`,
      help: "Release pipelines need a token of an account that was granted access."
    });
  }
  return findings;
}

// src/checks/provenance/time.ts
var DAY_MS = 24 * 60 * 60 * 1e3;
function instant(iso) {
  if (iso === void 0) return void 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : void 0;
}
function daysBetween(from, to) {
  return (to - from) / DAY_MS;
}
function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}
function span(days) {
  const d = Math.abs(days);
  if (d >= 2) {
    const n = Math.floor(d);
    return `${n} day${n === 1 ? "" : "s"}`;
  }
  const hours = Math.floor(d * 24);
  if (hours >= 1) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const minutes = Math.floor(d * 24 * 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
function count(n) {
  return Math.round(n).toLocaleString("en-US");
}

// src/checks/provenance/account.ts
var YOUNG_ACCOUNT_DAYS = 30;
var ESCALATE_WITH_SIGNALS = 2;
function accountFindings(f) {
  const findings = [];
  const kind = f.type === "org" ? "organisation" : "user account";
  const source = f.createdAtSource === "objectId" ? " (from the organisation's _id timestamp)" : "";
  const ageNow = daysBetween(f.createdAt, f.now);
  const beforePublish = f.published ? daysBetween(f.createdAt, f.published.at) : void 0;
  const evidence = [
    `${f.name} created ${new Date(f.createdAt).toISOString()}${source}`,
    ...f.published ? [`${f.repo} ${f.published.from} ${new Date(f.published.at).toISOString()}`] : [],
    `account age today ${span(ageNow)}`
  ].join("; ");
  if (beforePublish !== void 0 && beforePublish < -1) {
    findings.push({
      check: "provenance.account-after-repo",
      severity: f.protectedNamespace ? "info" : "low",
      message: `the ${kind} ${f.name} was created ${isoDay(f.createdAt)}, ${span(beforePublish)} after ${f.repo} was published (${isoDay(f.published.at)}): the repository was transferred here, or the namespace was deleted and re-registered`,
      evidence,
      help: `Check the repository's history on the Hub: a transfer from the publisher you expect is fine; a namespace that changed hands is not.`
    });
  }
  const youngAtPublish = beforePublish !== void 0 && beforePublish >= -1 && beforePublish < YOUNG_ACCOUNT_DAYS;
  const youngNow = ageNow < YOUNG_ACCOUNT_DAYS;
  if (!youngAtPublish && !youngNow) return { young: false, findings };
  if (f.protectedNamespace && !youngNow && f.impersonates === void 0) {
    findings.push({
      check: "provenance.account-young",
      severity: "info",
      message: `${kind} ${f.name} was created ${isoDay(f.createdAt)}, ${span(Math.max(0, beforePublish ?? 0))} before ${f.repo}; a protected publisher launching with a new organisation, ${span(ageNow)} old today`,
      evidence,
      help: "Nothing to do: the publisher is on the trusted or known-legitimate list, and its account is not new today."
    });
    return { young: false, findings };
  }
  const when = youngAtPublish && f.published ? `${span(Math.max(0, beforePublish))} before the repo (${f.published.from} ${isoDay(f.published.at)})` : `${span(ageNow)} ago`;
  const block = f.impersonates !== void 0 || f.otherSignals.length >= ESCALATE_WITH_SIGNALS;
  const together = [
    ...f.impersonates ? [`the name imitates ${f.impersonates}`] : [],
    ...f.otherSignals
  ];
  findings.push({
    check: "provenance.account-young",
    severity: block ? "high" : "medium",
    message: `${kind} ${f.name} created ${isoDay(f.createdAt)}, ${when}` + (together.length > 0 ? `; together with: ${together.join(", ")}` : ""),
    evidence,
    help: block ? "A days-old account publishing a model under an imitating name or with manufactured popularity is how the May 2026 typosquat worked. Do not approve; use the original publisher's repository." : "New accounts are not bad in themselves, but nothing vouches for this one yet. Confirm who runs it (links, members, other work) before approving."
  });
  return { young: true, findings };
}

// src/checks/provenance/card.ts
var MIN_CARD_WORDS = 25;
var MIN_DERIVED_CARD_WORDS = 8;
var MIN_USAGE_CODE_LINES = 3;
var TEMPLATE_MARKERS_UNFILLED = 10;
var COPY_JACCARD = 0.6;
var COPY_CONTAINMENT = 0.8;
var MIN_COMPARABLE_SHINGLES = 10;
var COPY_FINGERPRINT = 0.6;
var MIN_FINGERPRINT = 8;
var QUICK_SUMMARY = /provide a quick summary of what the model is\/does/i;
var MORE_INFO = /\[more information needed\]/gi;
var AUTOGENERATED = /this model card has been automatically generated/i;
function cardFindings(repo, card) {
  if (card.kind === "missing") {
    return placeholder({
      check: "provenance.card-missing",
      severity: "medium",
      message: `${repo} has no model card (README.md)`,
      help: "Without a card nobody states what the model is, where it comes from or how to use it. Ask the publisher for one, or prefer a repository that has it."
    });
  }
  if (card.kind === "not-read") {
    return {
      placeholder: false,
      findings: [
        {
          check: "provenance.card-not-read",
          severity: "info",
          file: card.path,
          message: `the model card (${card.size} bytes) was not read, so placeholder and copy checks did not run on it`,
          help: "Model cards are read when they are fetched and at most 1 MiB; include README.md in the entry's files."
        }
      ]
    };
  }
  const { body, frontMatter } = splitFrontMatter(card.text);
  const markers = card.text.match(MORE_INFO)?.length ?? 0;
  const visible = proseOf(body);
  const template = QUICK_SUMMARY.test(visible) ? 'the template line "Provide a quick summary of what the model is/does" is shown as text' : markers >= TEMPLATE_MARKERS_UNFILLED ? `${markers} sections still say "[More Information Needed]"` : AUTOGENERATED.test(card.text) && markers >= 3 ? `automatically generated card; ${markers} sections say "[More Information Needed]"` : QUICK_SUMMARY.test(card.text) && markers >= 3 ? `template comments left in place; ${markers} sections say "[More Information Needed]"` : void 0;
  if (template) {
    return placeholder({
      check: "provenance.card-placeholder",
      severity: "medium",
      file: card.path,
      message: `the model card is the Hub's unfilled template: ${template}`,
      evidence: `${letterWords(visible.replace(MORE_INFO, " ")).length} words of prose`,
      help: "An unfilled card says nothing about what the model is or where it comes from. Ask the publisher to fill it in, or prefer the original repository."
    });
  }
  const words = letterWords(visible).length;
  const derived = frontMatter !== void 0 && /^base_model\s*:/m.test(frontMatter);
  const codeLines = fencedCodeLines(body);
  const usage = codeLines >= MIN_USAGE_CODE_LINES;
  const min = derived || usage ? MIN_DERIVED_CARD_WORDS : MIN_CARD_WORDS;
  if (words < min) {
    return placeholder({
      check: "provenance.card-placeholder",
      severity: "medium",
      file: card.path,
      message: words === 0 ? "the model card is empty" : `the model card has only ${words} word${words === 1 ? "" : "s"} of prose`,
      evidence: `${words} words outside front matter, code and comments (at least ${min} expected${derived ? " for a derived model" : usage ? ` for a card showing ${codeLines} lines of usage code` : ""})`,
      help: "A placeholder card says nothing about what the model is or where it comes from. Ask the publisher for a real card, or prefer the original repository."
    });
  }
  return { placeholder: false, findings: [] };
}
function placeholder(f) {
  return { placeholder: true, findings: [f] };
}
function copiedCardFindings(f) {
  const similarity = cardSimilarity(f.card, f.originalCard, { candidate: f.repo, original: f.original });
  const byWords = similarity.originalShingles >= MIN_COMPARABLE_SHINGLES && (similarity.jaccard >= COPY_JACCARD || similarity.containment >= COPY_CONTAINMENT);
  const byFingerprint = similarity.originalFingerprint >= MIN_FINGERPRINT && similarity.fingerprint >= COPY_FINGERPRINT;
  const score = byWords ? `Jaccard ${similarity.jaccard.toFixed(2)} over 5-word shingles, ${Math.round(similarity.containment * 100)}% of the original's shingles present` : `${Math.round(similarity.fingerprint * 100)}% of the original's ${similarity.originalFingerprint} benchmark numbers, links, names and code lines present, though reworded`;
  const copied = byWords || byFingerprint;
  if (!copied) return { copied, similarity, findings: [] };
  return {
    copied,
    similarity,
    findings: [
      {
        check: "provenance.card-copied",
        severity: f.blocking ? "high" : "medium",
        file: f.path,
        message: `the model card is copied from ${f.original} (${score})`,
        evidence: `${similarity.candidateShingles} shingles in this card, ${similarity.originalShingles} in ${f.original}'s README.md at its main branch`,
        help: f.blocking ? `A repository that takes ${f.original}'s name and its card is posing as it. Do not approve; use ${f.original}.` : `Check whether this is an authorised mirror of ${f.original}; if it is the same model, approve the original instead.`
      }
    ]
  };
}

// src/checks/provenance/history.ts
var HUB_CREATED_AT_EPOCH = Date.parse("2022-03-03T00:00:00.000Z");
var ESTABLISHED_REPO_DAYS = 90;
var RECENT_COMMIT_DAYS = 7;
var SLACK_DAYS = 1;
function historyFindings(f) {
  const findings = [];
  const pinned = f.commits[0];
  if (!pinned || pinned.id !== f.sha) {
    findings.push({
      check: "provenance.history-inconsistent",
      severity: "high",
      message: `the Hub's commit history of ${f.repo} at ${f.sha} does not start with that commit`,
      evidence: pinned ? `first listed commit ${pinned.id}` : "the history is empty",
      help: "The Hub's answers disagree with each other, so the history cannot be trusted. Re-run; if it persists, do not approve."
    });
    return { singleCommit: false, findings };
  }
  const n = f.total ?? (f.complete ? f.commits.length : void 0);
  const oldest = f.complete ? f.commits[f.commits.length - 1] : void 0;
  const firstCommitAt = instant(oldest?.date);
  const pinnedAt = instant(pinned.date);
  const authors = [...new Set(pinned.authors.map((a) => a.user))].join(", ") || "none listed";
  const singleCommit = n === 1 && f.fileCount >= 2;
  if (singleCommit) {
    findings.push({
      check: "provenance.single-commit",
      severity: "medium",
      message: `the whole repository (${f.fileCount} files) arrived in a single commit, "${pinned.title.slice(0, 80)}"${pinnedAt !== void 0 ? ` on ${isoDay(pinnedAt)}` : ""}: there is no history to review`,
      evidence: `commit ${pinned.id} by ${authors}; commits in history: 1`,
      help: "Real publishers usually create the repository and then upload in separate commits. Compare the files with the original they claim to be before approving."
    });
  }
  const repoAge = f.repoCreatedAt !== void 0 ? daysBetween(f.repoCreatedAt, f.now) : void 0;
  if (pinnedAt !== void 0) {
    const commitAge = daysBetween(pinnedAt, f.now);
    if (commitAge < -SLACK_DAYS) {
      findings.push({
        check: "provenance.commit-dated-future",
        severity: "low",
        message: `the pinned commit is dated ${isoDay(pinnedAt)}, in the future`,
        evidence: `commit ${pinned.id} date ${pinned.date}`,
        help: "Commit dates are set by whoever pushed; a future date means they were forged or the clock was wrong. Do not rely on them."
      });
    } else if (!singleCommit && repoAge !== void 0 && repoAge >= ESTABLISHED_REPO_DAYS && commitAge < RECENT_COMMIT_DAYS) {
      findings.push({
        check: "provenance.commit-recent",
        severity: "low",
        message: `the pinned commit is ${span(commitAge)} old, in a repository created ${span(repoAge)} ago: a recent change to an established repository`,
        evidence: `commit ${pinned.id} "${pinned.title.slice(0, 80)}" by ${authors}, ${pinned.date}`,
        help: "Check that the commit comes from the publisher's usual accounts and changes what its title says; a hijacked account pushes exactly such commits."
      });
    }
  }
  const earliest = firstCommitAt ?? pinnedAt;
  if (earliest !== void 0 && f.repoCreatedAt !== void 0 && f.repoCreatedAt >= HUB_CREATED_AT_EPOCH && daysBetween(earliest, f.repoCreatedAt) > SLACK_DAYS) {
    findings.push({
      check: "provenance.commit-backdated",
      severity: "low",
      message: `commits are dated from ${isoDay(earliest)}, ${span(daysBetween(earliest, f.repoCreatedAt))} before the repository was created (${isoDay(f.repoCreatedAt)})`,
      evidence: `${firstCommitAt !== void 0 ? "first" : "pinned"} commit date ${new Date(earliest).toISOString()}; repository createdAt ${new Date(f.repoCreatedAt).toISOString()}`,
      help: "Git dates are written by the uploader; an imported history is fine, but backdating is also how a new repository is made to look established. Trust the Hub's createdAt."
    });
  }
  return { singleCommit, ...firstCommitAt !== void 0 ? { firstCommitAt } : {}, findings };
}

// src/checks/provenance/popularity.ts
var YOUNG_REPO_DAYS = 30;
var DOWNLOADS_MIN = 1e4;
var DOWNLOADS_PER_DAY = 1e3;
var LIKES_MIN = 100;
var LIKES_PER_DAY = 10;
function popularityFindings(f) {
  if (f.protectedNamespace || f.repoCreatedAt === void 0) return { inflated: false, findings: [] };
  const age = daysBetween(f.repoCreatedAt, f.now);
  if (age < 0 || age >= YOUNG_REPO_DAYS) return { inflated: false, findings: [] };
  const perDayBase = Math.max(age, 1);
  const downloads = f.downloads ?? 0;
  const likes = f.likes ?? 0;
  const manyDownloads = downloads >= DOWNLOADS_MIN && downloads / perDayBase >= DOWNLOADS_PER_DAY;
  const manyLikes = likes >= LIKES_MIN && likes / perDayBase >= LIKES_PER_DAY;
  if (!manyDownloads && !manyLikes) return { inflated: false, findings: [] };
  const what = [manyDownloads ? `${count(downloads)} downloads` : "", manyLikes ? `${count(likes)} likes` : ""].filter(Boolean).join(" and ");
  return {
    inflated: true,
    findings: [
      {
        check: "provenance.popularity",
        severity: "medium",
        message: `${what} within ${span(age)} of the repository's creation (${isoDay(f.repoCreatedAt)}): popularity is attacker-controlled and says nothing about safety`,
        evidence: `downloads ${count(downloads)} (~${count(downloads / perDayBase)}/day), likes ${count(likes)} (~${count(likes / perDayBase)}/day), repository age ${span(age)}`,
        help: "Download counts and likes are easy to inflate and were inflated in the May 2026 incident. Judge the repository by who published it and what it contains, never by its popularity."
      }
    ]
  };
}

// src/checks/provenance/check.ts
var ESTABLISHED_ACCOUNT_DAYS = 365;
var MAX_CARD_COMPARISONS = 2;
var provenanceCheck = {
  id: "provenance",
  needs: "hub",
  async run(ctx) {
    const names = await nameAssessmentFor(ctx);
    const { resolved } = ctx;
    const repo = resolved.canonicalId;
    const info = resolved.info;
    const now = ctx.now.getTime();
    const protectedNamespace = names.role !== void 0;
    const findings = [...accessFindings(repo, info)];
    let history;
    try {
      const list = await ctx.hub.recentCommits(repo, resolved.sha);
      const repoCreatedAt2 = instant(info.createdAt);
      history = historyFindings({
        repo,
        sha: resolved.sha,
        commits: list.commits,
        ...list.total !== void 0 ? { total: list.total } : {},
        complete: list.complete,
        fileCount: ctx.tree.length,
        ...repoCreatedAt2 !== void 0 ? { repoCreatedAt: repoCreatedAt2 } : {},
        now
      });
      findings.push(...history.findings);
    } catch (err) {
      findings.push(hubFailure("provenance.history", `the commit history of ${repo} could not be read`, err));
    }
    const repoCreatedAt = instant(info.createdAt);
    const published = repoCreatedAt !== void 0 ? { at: repoCreatedAt, from: "repository createdAt" } : history?.firstCommitAt !== void 0 ? { at: history.firstCommitAt, from: "first commit" } : void 0;
    const popularity = popularityFindings({
      repo,
      ...info.downloads !== void 0 ? { downloads: info.downloads } : {},
      ...info.likes !== void 0 ? { likes: info.likes } : {},
      ...published ? { repoCreatedAt: published.at } : {},
      now,
      protectedNamespace
    });
    findings.push(...popularity.findings);
    const cardItem = ctx.tree.find((i) => i.path.toLowerCase() === "readme.md");
    const cardText = cardItem ? ctx.text(cardItem.path) : void 0;
    const card = cardFindings(repo, cardInput(cardItem, cardText));
    findings.push(...card.findings);
    const author = ctx.author;
    const accountLead = author && published ? daysBetween(instant(author.createdAt) ?? now, published.at) : void 0;
    const established = accountLead !== void 0 && accountLead >= ESTABLISHED_ACCOUNT_DAYS;
    let copied;
    if (cardItem && cardText !== void 0) {
      for (const shadow of names.shadows.slice(0, MAX_CARD_COMPARISONS)) {
        const original = await ctx.hub.modelCard(shadow.original);
        if (!original.ok) {
          findings.push({
            check: "provenance.card-compare-failed",
            severity: "info",
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
    if (cardItem && cardText !== void 0 && names.shadows.length === 0 && !protectedNamespace) {
      const original = titledOriginal(repo, cardText, names, published?.at);
      if (original !== void 0) {
        const fetched = await ctx.hub.modelCard(original);
        if (fetched.ok) {
          const verdict = copiedCardFindings({
            repo,
            path: cardItem.path,
            original,
            originalCard: fetched.text,
            card: cardText,
            blocking: !(established && names.impersonationScore < BLOCK_SCORE)
          });
          findings.push(...verdict.findings);
          if (verdict.copied) copied ??= original;
        }
      }
    }
    if (author) {
      const createdAt = instant(author.createdAt);
      if (createdAt !== void 0) {
        const otherSignals = [
          ...history?.singleCommit ? ["a single commit holding everything"] : [],
          ...popularity.inflated ? ["popularity out of proportion to its age"] : [],
          ...card.placeholder ? ["a placeholder model card"] : [],
          ...copied ? [`a model card copied from ${copied}`] : []
        ];
        const impersonates = imitated(names);
        const account = accountFindings({
          name: author.name,
          type: author.type,
          createdAt,
          createdAtSource: author.createdAtSource,
          ...published ? { published } : {},
          repo,
          now,
          protectedNamespace,
          ...impersonates ? { impersonates } : {},
          otherSignals
        });
        findings.push(...account.findings);
      }
    }
    return findings;
  }
};
var MIN_TITLE_LENGTH = 5;
function titledOriginal(repo, card, names, publishedAt) {
  const { body } = splitFrontMatter(card);
  const title = firstHeading(body)?.replace(/[`*_]/g, "").trim();
  if (title === void 0 || title.length < MIN_TITLE_LENGTH || /\s/.test(title)) return void 0;
  const [namespace, name] = repo.split("/");
  const same = (a, b) => foldKey(a) === foldKey(b) || visualKey(a) === visualKey(b);
  const short = title.includes("/") ? title.split("/").pop() : title;
  if (same(short, name) || same(short, baseName(name))) return void 0;
  const other = (id) => id.split("/")[0]?.toLowerCase() !== namespace.toLowerCase();
  const found = (names.searched ?? []).filter((r) => other(r.id) && !r.private && same(r.id.split("/")[1] ?? "", short) && (r.downloads ?? 0) >= MIN_ORIGINAL_DOWNLOADS).filter((r) => publishedAt === void 0 || r.createdAt === void 0 || Date.parse(r.createdAt) < publishedAt).sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0))[0]?.id;
  return found ?? knownOriginalsNamed(short).find(other);
}
function cardInput(item, text) {
  if (!item) return { kind: "missing" };
  if (text === void 0) return { kind: "not-read", path: item.path, size: item.size };
  return { kind: "text", path: item.path, text };
}
function imitated(names) {
  let best;
  const consider = (score, text) => {
    if (score >= REVIEW_SCORE && (!best || score > best.score)) best = { score, text };
  };
  for (const r of names.results) {
    for (const h of r.hits) {
      if (h.rule === "case-variant" || h.rule === "repo-shadowing") continue;
      consider(h.score, `${h.publisher} (${h.rule})`);
    }
  }
  for (const s of names.shadows) consider(s.score, `${s.original} (repo-name shadowing)`);
  return best?.text;
}
function hubFailure(check, what, err) {
  const code = err instanceof HubError ? err.code : "error";
  return {
    check: `${check}.${code}`,
    severity: "high",
    message: `${what}: ${err instanceof Error ? err.message : String(err)}`,
    help: "Provenance was not fully examined, so the entry is not approved. Re-run; if it persists, investigate the repository on the Hub."
  };
}
function firstHeading(body) {
  for (const raw of body.split("\n")) {
    const head = /^ {0,3}# +/.exec(raw);
    if (!head) continue;
    let end = raw.length;
    for (let i = head[0].length; i < raw.length; i++) {
      const c = raw[i];
      if (c === "\r" || c === "\u2028" || c === "\u2029") {
        end = i;
        break;
      }
    }
    let text = raw.slice(head[0].length, end);
    let e = text.length;
    while (e > 0 && text[e - 1] === " ") e--;
    let h = e;
    while (h > 0 && text[h - 1] === "#") h--;
    if (h < e && h > 0 && text[h - 1] === " ") {
      let s = h;
      while (s > 0 && text[s - 1] === " ") s--;
      if (s > 0) e = s;
    }
    text = text.slice(0, e);
    if (text !== "") return text;
    if (/^ {0,3}# {2,}$/.test(raw.slice(0, end))) return "";
  }
  return void 0;
}
export {
  ESTABLISHED_ACCOUNT_DAYS,
  MAX_CARD_COMPARISONS,
  provenanceCheck
};
