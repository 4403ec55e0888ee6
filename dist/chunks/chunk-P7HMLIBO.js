import {
  KNOWN_LEGITIMATE,
  KNOWN_REPOS,
  MOST_IMITATED,
  TRUSTED_PUBLISHERS
} from "./chunk-NDIIMO6P.js";
import {
  compareFindings,
  verdictOf
} from "./chunk-JTLQZMZU.js";
import {
  collapseRepeats,
  foldKey,
  hasBoundaryAt,
  osaDistance,
  skeleton,
  stripAffix,
  syntaxProblem,
  visualKey,
  words
} from "./chunk-VYTMODJS.js";

// src/checks/namespace/rules.ts
var BLOCK_SCORE = 70;
var REVIEW_SCORE = 40;
var KEY_CACHE = /* @__PURE__ */ new Map();
var KEY_CACHE_LIMIT = 2e4;
function keysOf(raw, renderings = "as-typed") {
  const cacheKey = `${renderings}\0${raw}`;
  const cached = KEY_CACHE.get(cacheKey);
  if (cached) return cached;
  if (KEY_CACHE.size >= KEY_CACHE_LIMIT) KEY_CACHE.clear();
  const keys = computeKeys(raw, renderings);
  KEY_CACHE.set(cacheKey, keys);
  return keys;
}
function computeKeys(raw, renderings) {
  const forms = renderings === "any-case" ? [raw, raw.toLowerCase(), raw.toUpperCase()] : [raw];
  const visuals = [...new Set(forms.map(visualKey))];
  return Object.freeze({
    raw,
    lower: raw.toLowerCase(),
    fold: foldKey(raw),
    visuals,
    collapsed: [...new Set(visuals.map(collapseRepeats))],
    words: words(raw)
  });
}
function looksLike(c, p) {
  if (c.fold === p.fold) return "same letters";
  const v = c.visuals[0];
  if (p.visuals.includes(v)) return "lookalike characters";
  if (p.fold.length >= 4 && p.collapsed.includes(collapseRepeats(v))) return "repeated characters";
  return null;
}
function separatorRule(c, p) {
  if (c.lower === p.lower || c.fold !== p.fold) return null;
  return { rule: "separator", score: 90, detail: `same letters as '${p.raw}' once separators are ignored ('${p.fold}')` };
}
function homoglyphRule(c, p) {
  if (c.fold === p.fold || !p.visuals.includes(c.visuals[0])) return null;
  return { rule: "homoglyph", score: 95, detail: `reads as '${p.raw}' (visual key '${c.visuals[0]}')` };
}
function repeatRule(c, p) {
  if (p.fold.length < 4 || c.fold === p.fold || p.visuals.includes(c.visuals[0])) return null;
  if (!p.collapsed.includes(collapseRepeats(c.visuals[0]))) return null;
  return { rule: "repeat", score: 85, detail: `'${c.raw}' and '${p.raw}' differ only by repeated letters` };
}
function swappedWordsRule(c, p) {
  if (p.words.length < 2 || p.words.length > 5) return null;
  for (const perm of reorderings(p)) {
    if (c.fold === perm.fold || c.visuals[0] === perm.visual) {
      return { rule: "swapped-words", score: 85, detail: `the words of '${p.raw}' (${p.words.join(" + ")}) in another order` };
    }
  }
  return null;
}
var REORDERINGS = /* @__PURE__ */ new Map();
function reorderings(p) {
  let out = REORDERINGS.get(p.raw);
  if (!out) {
    out = [];
    for (const perm of permutations(p.words)) {
      const fold = perm.join("");
      if (fold !== p.fold) out.push({ fold, visual: visualKey(fold) });
    }
    REORDERINGS.set(p.raw, out);
  }
  return out;
}
function versionSuffixRule(c, p) {
  let at = c.fold.length;
  while (at > 0 && c.fold[at - 1] >= "0" && c.fold[at - 1] <= "9") at--;
  if (at === c.fold.length) return null;
  if (at > 0 && c.fold[at - 1] === "v") at--;
  for (let i = at; i < c.fold.length; i++) {
    const suffix = c.fold.slice(i);
    if (!/^v?[0-9]+$/.test(suffix)) continue;
    const rest = stripAffix(c.raw, suffix, "suffix");
    if (rest === null) continue;
    const how = looksLike(keysOf(rest), p);
    if (how) return { rule: "version-suffix", score: 80, detail: `'${p.raw}' (${how}) plus version '${suffix}'` };
  }
  return null;
}
var BLOCK_AFFIXES = [
  "official",
  "offical",
  "officials",
  "community",
  "hf",
  "huggingface",
  "ai",
  "team",
  "org",
  "inc",
  "llc",
  "labs",
  "lab",
  "corp",
  "verified",
  "real",
  "original",
  "models",
  "model",
  "llm",
  "llms",
  "ml",
  "oss",
  "opensource",
  "hub",
  "io",
  "dev",
  "release",
  "releases",
  "the",
  "true",
  "public",
  "mirror",
  "archive",
  "backup",
  "global",
  "group"
];
var REVIEW_AFFIXES = ["research", "science", "nlp", "cloud", "deepmind"];
var DROPPABLE_AFFIXES = ["ai", "labs", "lab", "org", "hf", "team", "inc"];
function affixAddedRule(c, p) {
  let best = null;
  const consider = (hit) => {
    if (!best || hit.score > best.score) best = hit;
  };
  for (const [list, score] of [[BLOCK_AFFIXES, 80], [REVIEW_AFFIXES, 55]]) {
    for (const affix of list) {
      for (const at of ["suffix", "prefix"]) {
        const rest = stripAffix(c.raw, affix, at);
        if (rest === null || rest.length === 0) continue;
        const how = looksLike(keysOf(rest), p);
        if (how) consider({ rule: "affix-added", score, detail: `'${p.raw}' (${how}) with '${affix}' added as a ${at}` });
      }
    }
  }
  if (!best && p.fold.length >= 5 && c.fold.length > p.fold.length) {
    if (c.fold.startsWith(p.fold) && hasBoundaryAt(c.raw, p.fold.length)) {
      consider({ rule: "affix-added", score: 50, detail: `'${p.raw}' followed by '${c.fold.slice(p.fold.length)}'` });
    } else if (c.fold.endsWith(p.fold) && hasBoundaryAt(c.raw, c.fold.length - p.fold.length)) {
      consider({ rule: "affix-added", score: 50, detail: `'${p.raw}' preceded by '${c.fold.slice(0, c.fold.length - p.fold.length)}'` });
    }
  }
  return best;
}
function affixDroppedRule(c, p) {
  for (const affix of DROPPABLE_AFFIXES) {
    const rest = stripAffix(p.raw, affix, "suffix");
    if (rest === null) continue;
    const restKeys = keysOf(rest, "any-case");
    if (restKeys.fold.length < 4) continue;
    const how = looksLike(c, restKeys);
    if (how) {
      const score = restKeys.fold.length >= 6 ? 80 : 55;
      return { rule: "affix-dropped", score, detail: `'${p.raw}' without its '${affix}' (${how})` };
    }
  }
  return null;
}
function editDistanceRule(c, p) {
  const n = p.fold.length;
  if (n < 5 || c.fold.length < 3) return null;
  const d = Math.min(osaDistance(c.fold, p.fold, 2), ...p.visuals.map((v) => osaDistance(c.visuals[0], v, 2)));
  if (d === 0) return null;
  if (d === 1) return { rule: "edit-distance", score: n >= 6 ? 75 : 55, detail: `one edit from '${p.raw}'` };
  if (d === 2 && n >= 10) return { rule: "edit-distance", score: 50, detail: `two edits from '${p.raw}'` };
  return null;
}
var SHORT_LOOKALIKES = [
  "qo",
  "qg",
  "q9",
  "oc",
  "il",
  "ij",
  "a4",
  "b8",
  "b6",
  "s5",
  "z2",
  "e3",
  "ec",
  "g9",
  "g6",
  "t7",
  "tf",
  "uv",
  "nh",
  "nr",
  "vy",
  "ao"
];
function shortNameRule(c, p) {
  if (p.fold.length > 4 || c.fold.length !== p.fold.length) return null;
  const diffs = [];
  for (let i = 0; i < p.fold.length; i++) if (c.fold[i] !== p.fold[i]) diffs.push([c.fold[i], p.fold[i]]);
  if (diffs.length !== 1) return null;
  const [a, b] = diffs[0];
  if (!SHORT_LOOKALIKES.includes(a + b) && !SHORT_LOOKALIKES.includes(b + a)) return null;
  return { rule: "short-name", score: 55, detail: `'${a}' for '${b}' in the short name '${p.raw}'` };
}
var SPECIFIC_RULES = [
  homoglyphRule,
  separatorRule,
  repeatRule,
  swappedWordsRule,
  versionSuffixRule,
  affixAddedRule,
  affixDroppedRule
];
var FALLBACK_RULES = [editDistanceRule, shortNameRule];
function lookalikeHits(c, p) {
  if (c.lower === p.lower) return [];
  const hits = SPECIFIC_RULES.map((r) => r(c, p)).filter((h) => h !== null);
  if (hits.length > 0) return hits;
  return FALLBACK_RULES.map((r) => r(c, p)).filter((h) => h !== null);
}
function resembles(c, p) {
  const n = Math.min(4, p.fold.length);
  if (c.fold.slice(0, n) === p.fold.slice(0, n) && c.fold.length >= n) return true;
  if (p.fold.length >= 4 && c.fold.includes(p.fold)) return true;
  return p.fold.length >= 5 && osaDistance(c.fold, p.fold, Math.floor(p.fold.length / 2)) <= Math.floor(p.fold.length / 2);
}
function* permutations(items) {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i], ...p];
  }
}

// src/checks/namespace/quantised.ts
var TOKEN = String.raw`(?:gguf|ggml|awq|gptq|exl2|exl3|mlx|bnb|hqq|eetq|aqlm|quanto|onnx|openvino|nf4|fp8|fp4|int4|int8|w4a16|w8a8|[2-8]-?bits?|q[2-8](?:_[a-z0-9]+)*|i?q[1-8]_[a-z0-9_]+|[0-9]+(?:\.[0-9]+)?bpw)`;
var QUANTISED = new RegExp(String.raw`(?:^|[-_.])${TOKEN}(?=$|[-_.])`, "i");
var QUANTISED_ALL = new RegExp(String.raw`[-_.]${TOKEN}(?=$|[-_.])`, "gi");
function baseName(name) {
  const stripped = name.replace(QUANTISED_ALL, "");
  return stripped.length > 0 ? stripped : name;
}

// src/checks/namespace/check.ts
var DEFAULT_MAX_HUB_LOOKUPS = 8;
var BUILT_IN_TRUSTED = new Set(TRUSTED_PUBLISHERS.map((n) => n.toLowerCase()));
var CATCH_ALL = /* @__PURE__ */ new Set(["edit-distance", "short-name", "affix-added"]);
async function checkName(repoId, options = {}) {
  const id = repoId.split("@")[0].trim();
  const parts = id.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    const f = finding(
      "syntax.invalid",
      "high",
      `'${repoId}' is not a Hub model id of the form ORG/NAME`,
      `got ${parts.length} part(s) separated by '/'`,
      "Write the entry as ORG/NAME, exactly as the Hub shows it."
    );
    return result(id, [f], []);
  }
  const [namespace, name] = parts;
  const protectedNames = buildProtected(options);
  const findings = [];
  const hits = [];
  const nsProblem = syntaxProblem(namespace);
  const nameProblem = syntaxProblem(name);
  if (nsProblem) {
    const imitated = imitatedBy(skeleton(namespace), protectedNames);
    const rule = nsProblem.kind === "non-ascii" ? "syntax.non-ascii" : "syntax.invalid";
    for (const h of imitated) hits.push({ ...h, rule, detail: `${h.detail} (${h.rule})` });
    findings.push(syntaxFinding("namespace", namespace, nsProblem, imitated));
  }
  if (nameProblem) findings.push(syntaxFinding("repo name", name, nameProblem, []));
  const same = protectedNames.find((p) => p.keys.lower === namespace.toLowerCase());
  const reviewed = nsProblem ? void 0 : options.reviewed?.find((r) => r.namespace.toLowerCase() === namespace.toLowerCase());
  let canonicalPublisher;
  let role;
  if (!nsProblem && same) {
    canonicalPublisher = same.keys.raw;
    role = same.role;
    if (same.keys.raw !== namespace) {
      hits.push({ rule: "case-variant", score: 0, detail: `same account as '${same.keys.raw}'`, publisher: same.keys.raw, role: same.role, subject: "namespace" });
      findings.push(finding(
        "case-variant",
        "info",
        `'${namespace}' is ${same.role} publisher '${same.keys.raw}' written in another case`,
        `canonical id: ${same.keys.raw}/${name}`,
        `Nothing to do; the Hub resolves both to ${same.keys.raw}/${name}. Prefer the canonical casing in the allowlist.`
      ));
    }
  } else if (reviewed) {
    role = "reviewed";
    findings.push(finding(
      "reviewed",
      "info",
      `'${namespace}' was reviewed as a legitimate neighbour on ${reviewed.date}`,
      `reason: ${reviewed.reason}`,
      "Nothing to do; lookalike and shadowing rules are not raised for reviewed namespaces."
    ));
  } else if (!nsProblem) {
    const c = keysOf(namespace);
    const found = [];
    for (const p of protectedNames) {
      for (const h of lookalikeHits(c, p.keys)) found.push({ ...h, publisher: p.keys.raw, role: p.role, subject: "namespace" });
    }
    const decided = found.some((h) => h.score >= BLOCK_SCORE);
    for (const hit of found) {
      if (decided && hit.score < BLOCK_SCORE && CATCH_ALL.has(hit.rule)) continue;
      hits.push(hit);
      findings.push(lookalikeFinding(namespace, hit));
    }
  }
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
function buildProtected(options) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  const add = (names, role) => {
    for (const n of names) {
      if (seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      out.push({ keys: keysOf(n, "any-case"), role });
    }
  };
  add(options.trusted ?? TRUSTED_PUBLISHERS, "trusted");
  add(options.legitimate ?? KNOWN_LEGITIMATE, "legitimate");
  return out;
}
function imitatedBy(skel, protectedNames) {
  const c = keysOf(skel);
  const out = [];
  for (const p of protectedNames) {
    if (c.lower === p.keys.lower || p.keys.visuals.includes(c.visuals[0])) {
      out.push({ rule: "homoglyph", score: 100, detail: `reads as '${p.keys.raw}'`, publisher: p.keys.raw, role: p.role, subject: "namespace" });
      continue;
    }
    for (const h of lookalikeHits(c, p.keys)) {
      out.push({ ...h, score: 100, detail: `reads as '${skel}': ${h.detail}`, publisher: p.keys.raw, role: p.role, subject: "namespace" });
    }
  }
  return out;
}
function repoIndex(source) {
  const index = /* @__PURE__ */ new Map();
  for (const [publisher, repos] of Object.entries(source)) {
    for (const repo of repos) {
      for (const key of /* @__PURE__ */ new Set([foldKey(repo), visualKey(repo)])) {
        const list = index.get(key) ?? [];
        list.push({ publisher, repo });
        index.set(key, list);
      }
    }
  }
  return index;
}
var BUILT_IN_INDEX;
function builtInRepoIndex() {
  BUILT_IN_INDEX ??= repoIndex(KNOWN_REPOS);
  return BUILT_IN_INDEX;
}
function knownOriginalsNamed(name) {
  const index = builtInRepoIndex();
  const out = /* @__PURE__ */ new Set();
  for (const k of [foldKey(name), visualKey(name)]) for (const r of index.get(k) ?? []) out.add(`${r.publisher}/${r.repo}`);
  return [...out];
}
async function shadowing(namespace, name, protectedNames, namespaceHits, options) {
  const byLower = new Map(protectedNames.map((p) => [p.keys.lower, p]));
  const base = baseName(name);
  const fold = foldKey(base);
  const visual = visualKey(base);
  const shadows = [];
  const mapped = /* @__PURE__ */ new Set();
  for (const index of [builtInRepoIndex(), repoIndex(options.knownRepos ?? {})]) {
    for (const known of [...index.get(fold) ?? [], ...index.get(visual) ?? []]) {
      const p = byLower.get(known.publisher.toLowerCase());
      if (!p) continue;
      const key = `${p.keys.lower}/${known.repo.toLowerCase()}`;
      if (mapped.has(key)) continue;
      mapped.add(key);
      shadows.push({ publisher: p.keys.raw, role: p.role, repo: known.repo, source: "built-in map" });
    }
  }
  const unconfirmed = [];
  if (options.hubLookup) {
    const asked = lookupTargets(
      namespace,
      protectedNames,
      namespaceHits,
      new Set(shadows.map((s) => s.publisher)),
      options.maxHubLookups ?? DEFAULT_MAX_HUB_LOOKUPS
    );
    const lookup = options.hubLookup;
    const answers = await Promise.all(asked.map(async (p) => {
      try {
        return await lookup(`${p.keys.raw}/${base}`);
      } catch {
        return void 0;
      }
    }));
    asked.forEach((p, i) => {
      const a = answers[i];
      if (a === true) shadows.push({ publisher: p.keys.raw, role: p.role, repo: base, source: "Hub" });
      else if (a === void 0) unconfirmed.push(`${p.keys.raw}/${base}`);
    });
  }
  const c = keysOf(namespace);
  const hits = [];
  const findings = [];
  for (const s of shadows) {
    const p = byLower.get(s.publisher.toLowerCase());
    const lookalikes = namespaceHits.filter((h) => h.subject === "namespace" && h.score >= REVIEW_SCORE);
    const lookalike = lookalikes.find((h) => h.publisher === s.publisher) ?? lookalikes[0];
    const alike = resembles(c, p.keys);
    const score = lookalike || alike ? 85 : 55;
    const why = lookalike ? `and the namespace is a lookalike of '${lookalike.publisher}' (${lookalike.rule})` : alike ? `and the namespace '${escapeNonAscii(namespace)}' resembles '${s.publisher}'` : `under an unrelated namespace`;
    const hit = {
      rule: "repo-shadowing",
      score,
      detail: `${s.publisher}/${s.repo} (${s.source}) ${why}`,
      publisher: s.publisher,
      role: s.role,
      subject: "repo",
      original: `${s.publisher}/${s.repo}`,
      source: s.source
    };
    hits.push(hit);
    findings.push(finding(
      "repo-shadowing",
      severityOf(score),
      `'${escapeNonAscii(namespace)}/${name}' reuses the repo name of ${s.role} publisher '${s.publisher}' (${s.publisher}/${s.repo}) ${why}`,
      `imitates: ${s.publisher}; rule: repo-shadowing; known from: ${s.source}`,
      score >= BLOCK_SCORE ? `Do not approve. If you meant the original, use ${s.publisher}/${s.repo}.` : `Check that this is not a copy posing as ${s.publisher}/${s.repo}: compare the model card, files and account age with the original, and prefer ${s.publisher}/${s.repo} if it is the same model. If it is a genuine derivative, approve and record '${namespace}' as a reviewed namespace.`
    ));
  }
  if (unconfirmed.length > 0) {
    findings.push(finding(
      "repo-shadowing",
      "info",
      `could not ask the Hub whether ${unconfirmed.length} protected publisher(s) have a repo named '${name}'`,
      unconfirmed.join(", "),
      "Shadowing was checked against the built-in list only for these; re-run when the Hub is reachable."
    ));
  }
  return { hits, findings };
}
function lookupTargets(namespace, protectedNames, hits, alreadyKnown, max) {
  const c = keysOf(namespace);
  const byLower = new Map(protectedNames.map((p) => [p.keys.lower, p]));
  const ordered = [
    ...hits.filter((h) => h.subject === "namespace").sort((a, b) => b.score - a.score).map((h) => byLower.get(h.publisher.toLowerCase())),
    ...protectedNames.filter((p) => resembles(c, p.keys)),
    // Publishers the policy added (usually the team's own): no built-in repo map knows their names.
    ...protectedNames.filter((p) => p.role === "trusted" && !BUILT_IN_TRUSTED.has(p.keys.lower)),
    ...MOST_IMITATED.map((n) => byLower.get(n.toLowerCase()))
  ];
  const out = [];
  for (const p of ordered) {
    if (!p || alreadyKnown.has(p.keys.raw) || out.includes(p)) continue;
    if (out.length >= max) break;
    out.push(p);
  }
  return out;
}
function severityOf(score) {
  if (score >= 95) return "critical";
  if (score >= BLOCK_SCORE) return "high";
  if (score >= REVIEW_SCORE) return "medium";
  return "info";
}
function finding(rule, severity, message, evidence, help) {
  return { check: `namespace.${rule}`, severity, message, evidence, help };
}
var RULE_NAMES = {
  "syntax.non-ascii": "non-ASCII characters",
  "syntax.invalid": "invalid Hub name",
  "case-variant": "case only",
  separator: "separator trick",
  homoglyph: "lookalike characters",
  repeat: "repeated letters",
  "swapped-words": "swapped words",
  "version-suffix": "version suffix",
  "affix-added": "added word",
  "affix-dropped": "dropped ending",
  "edit-distance": "typo distance",
  "short-name": "short-name lookalike",
  "repo-shadowing": "repo-name shadowing"
};
function lookalikeFinding(namespace, hit) {
  const severity = severityOf(hit.score);
  const block = hit.score >= BLOCK_SCORE;
  return finding(
    hit.rule,
    severity,
    `Namespace '${namespace}' imitates ${hit.role} publisher '${hit.publisher}' (${RULE_NAMES[hit.rule]})`,
    `imitates: ${hit.publisher}; rule: ${hit.rule}; ${hit.detail}`,
    block ? `Do not approve. If you meant ${hit.publisher}, use that namespace. A lookalike like this is how typosquatted repositories get in; if '${namespace}' is genuinely unrelated, a reviewer must confirm the account's identity and record it under reviewed namespaces in the policy.` : `Open https://huggingface.co/${namespace} and check whether it is ${hit.publisher} or imitates it (account age, members, links). If it is a legitimate neighbour, record it under reviewed namespaces in the policy with the reason.`
  );
}
function syntaxFinding(what, value, problem, imitated) {
  const target = [...new Set(imitated.map((h) => h.publisher))];
  const rule = problem.kind === "non-ascii" ? "syntax.non-ascii" : "syntax.invalid";
  const who = target.length > 0 ? `; it reads as ${target.map((t) => `'${t}'`).join(", ")}` : "";
  const via = [...new Set(imitated.map((h) => h.rule))].join(", ");
  const imitates = target.length > 0 ? `imitates: ${target.join(", ")}; rule: ${rule} (reads as it by ${via})` : `rule: ${rule}`;
  if (problem.kind === "non-ascii") {
    return finding(
      rule,
      "critical",
      `The ${what} '${escapeNonAscii(value)}' contains characters no Hub name can have${who}`,
      `${imitates}; ${problem.chars.join(", ")}; skeleton '${escapeNonAscii(skeleton(value))}'`,
      "Do not approve. Hub names are ASCII only; a name with lookalike or invisible characters is an impersonation attempt or a copy-paste accident. Retype the id by hand from the publisher's page."
    );
  }
  return finding(
    rule,
    "high",
    `The ${what} '${escapeNonAscii(value)}' is not a valid Hub name: it ${problem.reason}${who}`,
    `${imitates}; value: '${escapeNonAscii(value)}'`,
    "Correct the id: Hub names use A-Z a-z 0-9 . _ - only, with no -- or .., at most 96 characters."
  );
}
function escapeNonAscii(s) {
  return [...s].map((c) => /^[\x20-\x7e]$/.test(c) ? c : `\\u{${c.codePointAt(0).toString(16)}}`).join("");
}
function result(repo, findings, hits) {
  findings.sort(compareFindings);
  const v = verdictOf(findings);
  return { repo, verdict: v === "rejected" ? "block" : v === "needs-review" ? "review" : "pass", findings, hits };
}

export {
  BLOCK_SCORE,
  REVIEW_SCORE,
  keysOf,
  lookalikeHits,
  resembles,
  baseName,
  checkName,
  knownOriginalsNamed
};
