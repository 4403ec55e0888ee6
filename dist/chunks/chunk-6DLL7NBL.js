import {
  BLOCK_SCORE,
  REVIEW_SCORE,
  baseName,
  checkName,
  keysOf,
  lookalikeHits,
  resembles
} from "./chunk-P7HMLIBO.js";
import {
  foldKey,
  visualKey
} from "./chunk-VYTMODJS.js";

// src/checks/namespace/namesakes.ts
var MIN_ORIGINAL_DOWNLOADS = 1e3;
function sameName(a, b) {
  return foldKey(a) === foldKey(b) || visualKey(a) === visualKey(b);
}
var EDITION = /^(?:instruct|chat|base|it|hf|official|latest|new|full|pro|plus|release|v\d+(?:\.\d+)?)$/;
var MIN_TYPO_LENGTH = 10;
function nearName(candidate, original, originalNamespace) {
  const cw = segments(candidate);
  const ow = segments(original);
  const nw = originalNamespace !== void 0 ? segments(originalNamespace) : [];
  if (nw.length > 0 && cw.length === ow.length + nw.length) {
    const key = (xs) => xs.join("\0");
    const prefixed = key(cw.slice(0, nw.length)) === key(nw) && key(cw.slice(nw.length)) === key(ow);
    const suffixed = key(cw.slice(ow.length)) === key(nw) && key(cw.slice(0, ow.length)) === key(ow);
    if (prefixed || suffixed) return "edition";
  }
  if (cw.length === ow.length + 1) {
    for (const at of [0, cw.length - 1]) {
      const extra = cw[at] ?? "";
      const rest = at === 0 ? cw.slice(1) : cw.slice(0, -1);
      if (EDITION.test(extra) && rest.join("\0") === ow.join("\0")) return "edition";
    }
  }
  const a = visualKey(candidate);
  const b = visualKey(original);
  if (Math.min(a.length, b.length) >= MIN_TYPO_LENGTH && oneLetterEdit(a, b)) return "typo";
  return void 0;
}
function segments(name) {
  return name.toLowerCase().split(/[-_.\s]+/).filter((w) => w !== "");
}
function oneLetterEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let ja = a.length;
  let jb = b.length;
  while (ja > i && jb > i && a[ja - 1] === b[jb - 1]) {
    ja--;
    jb--;
  }
  const da = a.slice(i, ja);
  const db = b.slice(i, jb);
  const letter = (t) => new RegExp("\\p{L}", "u").test(t);
  if (da.length + db.length === 1) return letter(da + db);
  if (da.length === 1 && db.length === 1) return letter(da) || letter(db);
  if (da.length === 2 && db.length === 2 && da[0] === db[1] && da[1] === db[0]) return letter(da);
  return false;
}
function namesakeOf(input) {
  const [namespace, name] = input.repo.split("/");
  const base = baseName(name);
  const created = input.createdAt ? Date.parse(input.createdAt) : Number.NaN;
  let best;
  let bestNear;
  for (const r of input.results) {
    const [ns, n] = r.id.split("/");
    if (ns.toLowerCase() === namespace.toLowerCase() || r.private) continue;
    const same = sameName(n, name) || sameName(n, base) || sameName(baseName(n), base);
    const near = same ? void 0 : nearName(base, baseName(n), ns);
    if (!same && !near) continue;
    if ((r.downloads ?? 0) < MIN_ORIGINAL_DOWNLOADS && !input.protectedNamespaces?.has(ns.toLowerCase())) continue;
    const theirs = r.createdAt ? Date.parse(r.createdAt) : Number.NaN;
    if (!Number.isNaN(created) && !Number.isNaN(theirs) && theirs >= created) continue;
    if (!best || bestNear !== void 0 && near === void 0 || bestNear === void 0 === (near === void 0) && (r.downloads ?? 0) > (best.downloads ?? 0)) {
      best = r;
      bestNear = near;
    }
  }
  if (!best) return void 0;
  const originalNs = best.id.split("/")[0];
  const c = keysOf(namespace);
  const p = keysOf(originalNs, "any-case");
  const hit = lookalikeHits(c, p).sort((a, b) => b.score - a.score)[0];
  const lookalike = hit && hit.score >= REVIEW_SCORE ? hit.rule : void 0;
  const score = lookalike ? Math.max(BLOCK_SCORE + 15, hit?.score ?? 0) : resembles(c, p) ? bestNear ? BLOCK_SCORE : 85 : 55;
  return {
    original: best.id,
    downloads: best.downloads ?? 0,
    score,
    ...lookalike ? { lookalike } : {},
    ...bestNear ? { near: bestNear } : {},
    protected: input.protectedNamespaces?.has(originalNs.toLowerCase()) ?? false
  };
}
function namesakeFinding(repo, s) {
  const [namespace] = repo.split("/");
  const why = s.lookalike ? `and the namespace '${namespace}' is a lookalike of '${s.original.split("/")[0]}' (${s.lookalike})` : s.score >= BLOCK_SCORE ? `and the namespace '${namespace}' resembles '${s.original.split("/")[0]}'` : "under an unrelated namespace";
  return {
    check: "namespace.repo-shadowing",
    severity: s.score >= BLOCK_SCORE ? "high" : "medium",
    message: `'${repo}' ${s.near === "edition" ? "presents itself as an edition of" : s.near === "typo" ? "is one letter away from the name of" : "reuses the name of"} ${s.protected ? "protected publisher " : ""}${s.original} (older; ${s.downloads.toLocaleString("en-US")} downloads in 30 days) ${why}`,
    evidence: `imitates: ${s.original.split("/")[0]}; rule: repo-shadowing; known from: Hub search; original: ${s.original}`,
    help: s.score >= BLOCK_SCORE ? `Do not approve. If you meant the original, use ${s.original}.` : `Check that this is not a copy posing as ${s.original}: compare the model card, files and account age with the original, and prefer ${s.original} if it is the same model. If it is a genuine derivative, approve and record '${namespace}' as a reviewed namespace.`
  };
}

// src/checks/namespace-check.ts
var cache = /* @__PURE__ */ new WeakMap();
function nameAssessmentFor(ctx) {
  let p = cache.get(ctx);
  if (!p) {
    p = assess(ctx);
    cache.set(ctx, p);
  }
  return p;
}
async function assess(ctx) {
  const canonical = ctx.resolved.canonicalId;
  const checked = [canonical];
  if (ctx.entry.repo.toLowerCase() !== canonical.toLowerCase()) checked.push(ctx.entry.repo);
  const options = { trusted: ctx.policy.trustedPublishers, legitimate: ctx.policy.legitimateNamespaces };
  const results = [];
  for (const id of checked) results.push(await checkName(id, options));
  const findings = [];
  const seen = /* @__PURE__ */ new Set();
  for (const r of results) {
    for (const f of r.findings) {
      const key = `${f.check}\0${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(r.repo === canonical ? f : { ...f, message: `${f.message} (as written in the allowlist)` });
    }
  }
  const shadows = [];
  let impersonationScore = 0;
  for (const r of results) {
    for (const h of r.hits) {
      if (h.rule === "case-variant") continue;
      impersonationScore = Math.max(impersonationScore, h.score);
      if (h.rule !== "repo-shadowing") continue;
      const original = idBeforeSource(h.detail) ?? `${h.publisher}/${canonical.split("/")[1] ?? ""}`;
      if (!shadows.some((s) => s.original.toLowerCase() === original.toLowerCase())) {
        shadows.push({ original, publisher: h.publisher, score: h.score });
      }
    }
  }
  const role = results[0]?.role;
  let searched;
  if (!role) {
    const name = canonical.split("/")[1] ?? "";
    const query = baseName(name);
    let answer = await ctx.hub.searchModels(query);
    const first = firstWord(query);
    if (answer !== void 0 && first !== void 0 && !answer.some((r) => r.id.split("/")[0]?.toLowerCase() !== canonical.split("/")[0]?.toLowerCase())) {
      const more = await ctx.hub.searchModels(first);
      if (more !== void 0) answer = [...answer, ...more];
    }
    if (answer === void 0) {
      findings.push({
        check: "namespace.repo-shadowing",
        severity: "info",
        message: `could not search the Hub for popular repositories named '${query}'`,
        help: "Shadowing was checked against the built-in list only; re-run when the Hub is reachable."
      });
    } else {
      searched = answer;
      const createdAt = ctx.resolved.info.createdAt;
      const protectedNamespaces = new Set([...ctx.policy.trustedPublishers, ...ctx.policy.legitimateNamespaces].map((n) => n.toLowerCase()));
      const found = namesakeOf({ repo: canonical, ...createdAt ? { createdAt } : {}, results: answer, protectedNamespaces });
      if (found && !shadows.some((s) => s.original.toLowerCase() === found.original.toLowerCase())) {
        findings.push(namesakeFinding(canonical, found));
        shadows.push({ original: found.original, publisher: found.original.split("/")[0] ?? "", score: found.score });
        impersonationScore = Math.max(impersonationScore, found.score);
      }
    }
  }
  return { checked, results, findings, shadows, impersonationScore, ...role ? { role } : {}, ...searched ? { searched } : {} };
}
var namespaceCheck = {
  id: "namespace",
  needs: "hub",
  async run(ctx) {
    return (await nameAssessmentFor(ctx)).findings;
  }
};
function firstWord(name) {
  const w = /^[^-_.]+/.exec(name)?.[0];
  return w !== void 0 && w !== name && w.length >= 3 ? w : void 0;
}
function idBeforeSource(detail) {
  const end = detail.indexOf(" (");
  if (end < 0) return void 0;
  const id = detail.slice(0, end);
  const slash = id.indexOf("/", 1);
  return !/\s/.test(id) && slash > 0 && slash < id.length - 1 ? id : void 0;
}

export {
  MIN_ORIGINAL_DOWNLOADS,
  nameAssessmentFor,
  namespaceCheck
};
