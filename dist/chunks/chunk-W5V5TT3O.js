import {
  DANGER,
  DANGER_NAMES,
  DANGER_NAME_PREFIXES,
  GLOBAL_NAME,
  LICENSE_ID,
  MAX_COUNT,
  MAX_DAYS,
  POLICY_FORMATS,
  PROFILE_NAME,
  REMOTE_CODE_VALUES,
  RULE_KEYS,
  checkGlobal,
  defaultPolicy,
  formatProblem,
  licenseProblem,
  parseBoolean,
  parseCount,
  parseDays,
  parseRemoteCode,
  profileNameProblem
} from "./chunk-47WNE3IU.js";
import {
  severityRank
} from "./chunk-JTLQZMZU.js";
import {
  PATTERNS,
  SKIP,
  _gte,
  _lte,
  _minLength,
  array,
  boolean,
  checkDocument,
  describeValue,
  didYouMean,
  int,
  literal,
  mappingRule,
  meta,
  nullable,
  optional,
  pipe,
  record,
  rule,
  say,
  sayAboutFile,
  sayPerKey,
  strictObject,
  string,
  superRefine,
  transform,
  union,
  validItems,
  validPart,
  valueAt
} from "./chunk-WGSXY4MX.js";
import {
  compileGlob
} from "./chunk-ZBA2DZXL.js";
import {
  parseStrictYaml
} from "./chunk-DTKPZPO6.js";
import {
  checkNamespace,
  checkRepoId,
  checkRevision,
  printable
} from "./chunk-VLZKHZEN.js";

// src/config/policy/schema.ts
var MAX_CONCURRENCY = 32;
var FAIL_ON_VALUES = ["critical", "high", "medium", "low"];
function parseFailOn(text) {
  const v = (text ?? "").trim().toLowerCase();
  return FAIL_ON_VALUES.includes(v) ? v : { error: `it must be one of ${FAIL_ON_VALUES.join(", ")}` };
}
var UNITS = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4
};
function parseByteSize(text) {
  const m = /^([0-9]{1,16})\s?([A-Za-z]{1,3})?$/.exec((text ?? "").trim());
  const unit = m?.[2]?.toLowerCase() ?? "b";
  const scale = Object.hasOwn(UNITS, unit) ? UNITS[unit] : void 0;
  if (!m || scale === void 0) return { error: "write a whole number of bytes, optionally with a unit: KB MB GB TB KiB MiB GiB TiB (e.g. 50GiB)" };
  const n = Number(m[1]) * scale;
  if (!Number.isSafeInteger(n) || n < 1) return { error: "it must be between 1 byte and 8 PiB" };
  return n;
}
function parseConcurrency(text) {
  const t = (text ?? "").trim();
  if (!/^[0-9]{1,3}$/.test(t)) return { error: `write a whole number from 1 to ${MAX_CONCURRENCY}` };
  const n = Number(t);
  if (n < 1 || n > MAX_CONCURRENCY) return { error: `it must be from 1 to ${MAX_CONCURRENCY}` };
  return n;
}
var escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function dangerousGlobalPattern() {
  const entries = DANGER.map(([e]) => e);
  const modules = entries.filter((e) => !e.includes(".")).map(escapeRe);
  const members = entries.filter((e) => e.includes(".")).map(escapeRe);
  const names = DANGER_NAMES.map(([n]) => escapeRe(n));
  const prefixes = DANGER_NAME_PREFIXES.map(([p]) => escapeRe(p));
  return [
    `^(?:${entries.map(escapeRe).join("|")})(?:\\.|$)`,
    `\\.(?:${modules.join("|")})\\.`,
    `\\.(?:${members.join("|")})(?:\\.|$)`,
    "^(?!(?:__main__|__builtin__)(?:\\.|$))__[A-Za-z0-9_]+__(?:\\.|$)",
    "\\.__[A-Za-z0-9_]+__(?:\\.|$)",
    `\\.(?:${names.join("|")})$`,
    `\\.(?:${prefixes.join("|")})[A-Za-z0-9_]*$`
  ].join("|");
}
var CHECK_ID = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*(\.\*)?$/;
function checkIdProblem(c) {
  return c === "*" || !CHECK_ID.test(c) ? `check '${printable(c)}' must be a check id like \`namespace.shadowing\` or a prefix like \`namespace.*\` (a bare '*' is not allowed)` : null;
}
function isIsoDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
function textList(key, problem, item) {
  return nullable(
    array(
      string({
        error: (iss) => {
          const empty = iss.input === null ? problem("") : null;
          return say(empty ?? `items of \`${key}\` must be text; found ${describeValue(iss.input)}`);
        }
      }).check(meta(item), rule((s) => {
        const p = problem(s);
        return p ? { message: p } : null;
      })),
      { error: (iss) => say(`\`${key}\` must be a list; found ${describeValue(iss.input)}`, `Write \`${key}: [a, b]\` or one \`- item\` per line.`) }
    )
  );
}
function parsedScalar(key, parse, textMeta, json) {
  const bad = (input, why) => say(`\`${key}\` is ${describeValue(input)}; ${why}`);
  const whyNot = (text2) => {
    const r = parse(text2);
    return typeof r === "object" && r !== null && "error" in r ? r.error : "";
  };
  const text = string({ error: (iss) => bad(iss.input, whyNot(void 0)) }).check(
    meta(textMeta),
    superRefine((s, ctx) => {
      const why = whyNot(s);
      if (why) ctx.addIssue({ code: "custom", message: bad(s, why), input: s });
    })
  );
  const either = json ? union([text, json], { error: (iss) => bad(iss.input, whyNot(void 0)) }) : text;
  return pipe(either, transform((v) => parse(String(v))));
}
var wholeNumberUpTo = (max) => `^\\s*(?:${Array.from({ length: max }, (_, i) => `0{0,${3 - String(i + 1).length}}${i + 1}`).join("|")})\\s*$`;
var caseInsensitive = (word) => [...word].map((c) => c.toLowerCase() === c.toUpperCase() ? escapeRe(c) : `[${c.toLowerCase()}${c.toUpperCase()}]`).join("");
var EXCEPTION_KEYS = ["repo", "revision", "checks", "reason", "expires"];
var exceptionText = (key, meta2) => string({ error: (iss) => iss.input === void 0 || iss.input === null ? SKIP : say(`\`${key}\` must be a single value; found ${describeValue(iss.input)}`) }).check(meta(meta2));
var PolicyExceptionSchema = strictObject(
  {
    repo: exceptionText("repo", { pattern: PATTERNS.repoId, description: "The repository, `namespace/name`." }),
    revision: optional(exceptionText("revision", { pattern: PATTERNS.commitSha, description: "Only this commit (40 lowercase hex)." })),
    checks: array(
      string({ error: (iss) => say(iss.input === null ? checkIdProblem("") ?? "" : `items of \`checks\` must be text; found ${describeValue(iss.input)}`) }).check(
        meta({ pattern: CHECK_ID.source }),
        rule((c) => {
          const p = checkIdProblem(c);
          return p ? { message: p } : null;
        })
      ),
      {
        error: (iss) => iss.input === void 0 ? SKIP : iss.input === null ? say("an exception must name at least one check", "List the check ids the exception covers.") : say(`\`checks\` must be a list; found ${describeValue(iss.input)}`, "Write `checks: [a, b]` or one `- item` per line.")
      }
    ).check(
      // `checks: ""` is both not a list and empty: both are said.
      _minLength(1, {
        error: (iss) => Array.isArray(iss.input) || iss.input === "" ? say("an exception must name at least one check", "List the check ids the exception covers.") : SKIP
      }),
      meta({ description: "Check ids (`namespace.shadowing`) or prefixes (`namespace.*`) the exception covers." })
    ),
    reason: exceptionText("reason", { pattern: "\\S", description: "Why the finding is acceptable and who decided (e.g. a ticket)." }),
    expires: exceptionText("expires", { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "Last day (UTC) the exception applies, YYYY-MM-DD." })
  },
  {
    error: (iss) => iss.code === "unrecognized_keys" ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown exception key '${printable(k)}'${didYouMean(k, EXCEPTION_KEYS)}`, help: `An exception has ${EXCEPTION_KEYS.join(", ")}.` })) : say(`an exception must be a mapping with repo, checks, reason and expires; found ${describeValue(iss.input)}`)
  }
).check(
  mappingRule((ex, add) => {
    const text = (k) => ex[k] === null ? "" : typeof ex[k] === "string" ? ex[k] : void 0;
    const repo = text("repo");
    const who = repo ?? "?";
    const at = (said) => add([], said);
    if (repo === void 0) at({ message: "exception has no `repo`", help: "Add `repo: org/name`." });
    else {
      const p = checkRepoId(repo);
      if (p) at(p);
    }
    const revision = text("revision");
    if (revision !== void 0) {
      const p = checkRevision(revision, repo);
      if (p) at({ message: `exception for '${who}': ${p.message}`, help: p.help });
    }
    if (!Object.hasOwn(ex, "checks")) at({ message: `exception for '${who}' has no \`checks\``, help: "List the check ids it covers, e.g. `checks: [namespace.shadowing]`." });
    const reason = text("reason");
    if (reason === void 0 || reason.trim() === "") at({ message: `exception for '${who}' has no \`reason\``, help: "Say why the finding is acceptable and who decided (e.g. a ticket)." });
    const expires = text("expires");
    if (expires === void 0) at({ message: `exception for '${who}' has no \`expires\` date`, help: "Add `expires: YYYY-MM-DD`; exceptions must be re-examined." });
    else if (!isIsoDate(expires)) at({ message: `exception for '${who}': expires '${printable(expires)}' is not a date`, help: "Write it as YYYY-MM-DD, e.g. `expires: 2026-12-31`." });
  })
);
var namespace = (s) => {
  const p = checkNamespace(s);
  return p ? `${p.message}. ${p.help}` : null;
};
var NAMESPACE = { pattern: `^(?!.*(?:--|\\.\\.))[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$` };
var exclusion = (s) => {
  const g = compileGlob(s);
  return g.ok ? null : `pattern '${printable(s)}': ${g.error}`;
};
var BOOLEAN = { pattern: "^\\s*(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])\\s*$" };
var booleanSetting = (key, description) => parsedScalar(key, parseBoolean, BOOLEAN, boolean()).check(meta({ description }));
function listPair(key, a, b, item, meta2, description) {
  const keys = [a, b];
  return strictObject(
    {
      [a]: optional(textList(`${key}.${a}`, item, meta2)),
      [b]: optional(textList(`${key}.${b}`, item, meta2))
    },
    {
      error: (iss) => iss.code === "unrecognized_keys" ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown key '${printable(k)}' in \`${key}\`${didYouMean(k, keys)}`, help: `\`${key}\` has ${a} and ${b}.` })) : say(`\`${key}\` must be a mapping with ${a} and/or ${b}; found ${describeValue(iss.input)}`, `Write \`${key}: { ${a}: [...], ${b}: [...] }\`.`)
    }
  ).check(meta({ description }));
}
var RULE_FIELDS = {
  formats: listPair(
    "formats",
    "allowed",
    "blocked",
    formatProblem,
    { enum: [...POLICY_FORMATS] },
    "Serialisation formats, judged by content (a pickle named .safetensors is a pickle). `blocked`: a file in one of these formats blocks approval. `allowed`: every weight or data file must be in one of these (text, JSON and code are judged by their own checks). `pickle` covers torch checkpoints and joblib dumps."
  ),
  require_safetensors: booleanSetting("require_safetensors", "Approve only when the reviewed files include safetensors weights (by content)."),
  remote_code: parsedScalar("remote_code", parseRemoteCode, {
    pattern: `^\\s*(?:${REMOTE_CODE_VALUES.map(caseInsensitive).join("|")})\\s*$`
  }).check(meta({ description: "Custom code loaded with trust_remote_code (auto_map, custom pipelines, sentence-transformers modules): `deny` blocks it, `review` asks a human, `allow-trusted` blocks it unless the publisher is a trusted publisher." })),
  min_account_age: parsedScalar("min_account_age", parseDays, { pattern: "^\\s*[0-9]{1,5}\\s?(?:d|days?)?\\s*$" }, int().check(_gte(0), _lte(MAX_DAYS))).check(
    meta({ description: "The publishing account must be at least this many days old (`90` or `90d`); younger blocks approval." })
  ),
  min_downloads: parsedScalar("min_downloads", parseCount, { pattern: "^\\s*[0-9]{1,12}\\s*$" }, int().check(_gte(0), _lte(MAX_COUNT))).check(
    meta({ description: "Fewer downloads (the Hub's last-30-days count) blocks approval. It can only block: a popular model is never treated as safer." })
  ),
  verified_publishers_only: booleanSetting("verified_publishers_only", "Approve only models published by an organisation the Hub marks as verified (isVerified)."),
  licenses: listPair(
    "licenses",
    "allowed",
    "denied",
    licenseProblem,
    { pattern: LICENSE_ID.source },
    "SPDX license ids read from the model card's metadata (compared case-insensitively). `denied` blocks; with `allowed`, any other licence blocks; a missing or unrecognised licence needs review."
  ),
  fast_track: booleanSetting("fast_track", "Re-pins and new models from publishers already in the base allowlist, with nothing above low, are approved without waiting for a human review (the comment says so).")
};
var RULE_FIELD_KEYS = Object.keys(RULE_FIELDS);
var PolicyProfileSchema = strictObject(
  Object.fromEntries(Object.entries(RULE_FIELDS).map(([k, v]) => [k, optional(v)])),
  {
    error: (iss) => iss.code === "unrecognized_keys" ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown profile key '${printable(k)}'${didYouMean(k, RULE_FIELD_KEYS)}`, help: `A profile sets ${RULE_FIELD_KEYS.join(", ")}.` })) : say(`a profile must be a mapping of rules; found ${describeValue(iss.input)}`, "Write e.g. `research: { remote_code: review }`.")
  }
).check(meta({ description: "Rules that replace the top-level ones for the allowlist entries that name this profile." }));
var profiles = nullable(
  record(
    string().check(meta({ pattern: PROFILE_NAME.source }), rule((n) => {
      const p = profileNameProblem(n);
      return p ? { message: p } : null;
    })),
    PolicyProfileSchema,
    {
      error: (iss) => iss.code === "invalid_key" ? say(profileNameProblem(String(iss.input)) ?? "invalid profile name") : say(`\`profiles\` must be a mapping of profile names to rules; found ${describeValue(iss.input)}`, "Write `profiles: { production: {...}, research: {...} }`.")
    }
  )
).check(meta({ description: "Named sets of rules (e.g. production, research); an allowlist entry selects one with `profile:`. An entry without one gets the top-level rules." }));
var POLICY_FIELDS = {
  version: literal([1, "1"], { error: (iss) => say(`unsupported policy version ${describeValue(iss.input)}`, "This tool reads `version: 1`.") }).check(meta({ description: "Format version. Always 1 (optional)." })),
  trusted_publishers: textList("trusted_publishers", namespace, NAMESPACE).check(
    meta({ description: "Hub organisations and users added to the built-in trusted publishers." })
  ),
  legitimate_namespaces: textList("legitimate_namespaces", namespace, NAMESPACE).check(
    meta({ description: "Namespaces the team found legitimate: lookalike checks do not flag them." })
  ),
  fail_on: parsedScalar("fail_on", parseFailOn, {
    pattern: `^\\s*(?:${FAIL_ON_VALUES.map(caseInsensitive).join("|")})\\s*$`,
    description: `The least severe finding that fails the check: ${FAIL_ON_VALUES.join(" | ")} (default high; any case).`
  }),
  exclude: textList("exclude", exclusion, { minLength: 1, maxLength: 256, pattern: PATTERNS.filePattern }).check(
    meta({ description: "Files not downloaded (listed, but not scanned or signed). Code, configuration and model cards are always reviewed." })
  ),
  exceptions: nullable(
    array(PolicyExceptionSchema, {
      error: (iss) => say(`\`exceptions\` must be a list; found ${describeValue(iss.input)}`, "Write one `- repo: \u2026` mapping per exception.")
    })
  ).check(meta({ description: "Recorded decisions about one repository's findings; each needs checks, a reason and an expiry date." })),
  allow_globals: textList("allow_globals", checkGlobal, {
    pattern: GLOBAL_NAME.source,
    not: { pattern: dangerousGlobalPattern() }
  }).check(meta({ description: "Extra pickle globals to allow, as module.name. What the scanner calls dangerous can never be allowed." })),
  max_file_size: parsedScalar(
    "max_file_size",
    parseByteSize,
    // The whole number may not exceed 2^53 bytes once scaled, which a pattern cannot say.
    { pattern: "^\\s*[0-9]{1,16}\\s?(?:[bB]|[kKmMgGtT][iI]?[bB])?\\s*$" },
    int().check(_gte(1), _lte(Number.MAX_SAFE_INTEGER))
  ).check(meta({ description: "Per file: bytes, or with a unit (KB MB GB TB KiB MiB GiB TiB). Larger files are not examined and block approval." })),
  concurrency: parsedScalar("concurrency", parseConcurrency, { pattern: wholeNumberUpTo(MAX_CONCURRENCY) }, int().check(_gte(1), _lte(MAX_CONCURRENCY))).check(
    meta({ description: "Entries reviewed at once." })
  ),
  ...RULE_FIELDS,
  profiles
};
var POLICY_KEYS = Object.keys(POLICY_FIELDS);
var PolicyFile = strictObject(
  Object.fromEntries(Object.entries(POLICY_FIELDS).map(([k, v]) => [k, optional(v)])),
  {
    error: (iss) => iss.code === "unrecognized_keys" ? sayPerKey(iss.keys ?? [], (k) => ({ message: `unknown policy key '${printable(k)}'${didYouMean(k, POLICY_KEYS)}`, help: `Known keys: ${POLICY_KEYS.join(", ")}.` })) : sayAboutFile(` must be a mapping of settings; found ${describeValue(iss.input)}`, "See the keys documented in the README: `fail_on:`, `exclude:`, `exceptions:` \u2026")
  }
).check(
  meta({
    $id: "https://github.com/model-gate/model-gate/schema/policy.schema.json",
    title: "Model Gate policy (.github/model-gate.yml)",
    description: "Model Gate's policy, read from the pull request's base branch. Every key is optional; absent keys keep the defaults.",
    examples: [
      {
        version: 1,
        trusted_publishers: ["acme-ai"],
        fail_on: "high",
        exclude: ["original/**"],
        exceptions: [
          { repo: "acme-ai/internal-embedder", checks: ["namespace.shadowing"], reason: "Our own re-publication of the upstream model (SEC-1234)", expires: "2026-12-31" }
        ],
        allow_globals: ["collections.OrderedDict"],
        max_file_size: "100GiB",
        concurrency: 4
      }
    ]
  })
);

// src/config/policy/load.ts
var MAX_POLICY_BYTES = 256 * 1024;
function loadPolicy(text, source, inputs = {}) {
  const policy = defaultPolicy();
  const errors = [];
  const warnings = [];
  if (text !== null) {
    const { root, problems } = parseStrictYaml(text, { maxBytes: MAX_POLICY_BYTES, what: source });
    errors.push(...problems);
    if (root !== null) {
      const doc = checkDocument(PolicyFile, root, source);
      errors.push(...doc.errors);
      errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
      const F = POLICY_FIELDS;
      const trusted = validPart(doc, ["trusted_publishers"], F.trusted_publishers);
      if (trusted !== void 0) policy.trustedPublishers = union2(policy.trustedPublishers, trusted ?? []);
      const legitimate = validPart(doc, ["legitimate_namespaces"], F.legitimate_namespaces);
      if (legitimate !== void 0) policy.legitimateNamespaces = union2(policy.legitimateNamespaces, legitimate ?? []);
      const failOn = validPart(doc, ["fail_on"], F.fail_on);
      if (failOn !== void 0) policy.failOn = failOn;
      const exclude = validPart(doc, ["exclude"], F.exclude);
      if (exclude !== void 0) policy.exclude = union2([], exclude ?? [], exact);
      if (valueAt(doc, ["exceptions"]) !== void 0 && !doc.failedAt(["exceptions"])) {
        policy.exceptions = validItems(doc, ["exceptions"], PolicyExceptionSchema).map(({ index, value }) => ({
          ...value,
          line: doc.plain.nodeAt(["exceptions", index]).line
        }));
      }
      const allowGlobals = validPart(doc, ["allow_globals"], F.allow_globals);
      if (allowGlobals !== void 0) policy.allowGlobals = union2([], allowGlobals ?? [], exact);
      const maxFileSize = validPart(doc, ["max_file_size"], F.max_file_size);
      if (maxFileSize !== void 0) policy.maxFileSize = maxFileSize;
      const concurrency = validPart(doc, ["concurrency"], F.concurrency);
      if (concurrency !== void 0) policy.concurrency = concurrency;
      Object.assign(policy, readRules(doc, []));
      const profiles2 = valueAt(doc, ["profiles"]);
      if (profiles2 !== null && typeof profiles2 === "object" && !Array.isArray(profiles2) && !doc.failedAt(["profiles"])) {
        for (const name of Object.keys(profiles2)) {
          const body = valueAt(doc, ["profiles", name]);
          if (doc.failedWithin(["profiles", name]) || body !== null && (typeof body !== "object" || Array.isArray(body))) continue;
          policy.profiles[name] = body === null ? {} : readRules(doc, ["profiles", name]);
        }
      }
    }
  }
  const inputError = (name, value, why) => {
    errors.push({ file: `input ${name}`, line: 1, message: `input \`${name}\` is '${value}'; ${why}` });
  };
  if (set(inputs.failOn)) {
    const r = parseFailOn(inputs.failOn);
    if (typeof r === "string") {
      if (severityRank(r) > severityRank(policy.failOn)) {
        warnings.push(`input \`fail-on: ${r}\` loosens the policy's \`fail_on: ${policy.failOn}\`: fewer findings fail the check`);
      }
      policy.failOn = r;
    } else inputError("fail-on", inputs.failOn, r.error);
  }
  if (set(inputs.maxFileSize)) {
    const r = parseByteSize(inputs.maxFileSize);
    if (typeof r === "number") policy.maxFileSize = r;
    else inputError("max-file-size", inputs.maxFileSize, r.error);
  }
  if (set(inputs.concurrency)) {
    const r = parseConcurrency(inputs.concurrency);
    if (typeof r === "number") policy.concurrency = r;
    else inputError("concurrency", inputs.concurrency, r.error);
  }
  if (set(inputs.exclude)) {
    const extra = [];
    for (const line of inputs.exclude.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "")) {
      const g = compileGlob(line);
      if (g.ok) extra.push(line);
      else inputError("exclude", line, g.error);
    }
    policy.exclude = union2(policy.exclude, extra, exact);
  }
  return { policy, errors, warnings };
}
function readRules(doc, at) {
  const out = {};
  for (const [key, camel] of Object.entries(RULE_KEYS)) {
    const v = validPart(doc, [...at, key], RULE_FIELDS[key]);
    if (v === void 0) continue;
    if (v === null) continue;
    out[camel] = typeof v === "object" && !Array.isArray(v) ? withoutNulls(v) : v;
  }
  return out;
}
function withoutNulls(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0).map(([k, v]) => [k, v ?? []]));
}
function set(v) {
  return v !== void 0 && v.trim() !== "";
}
var exact = (s) => s;
var folded = (s) => s.toLowerCase();
function union2(base, more, key = folded) {
  const seen = new Set(base.map(key));
  const out = [...base];
  for (const s of more) {
    if (seen.has(key(s))) continue;
    seen.add(key(s));
    out.push(s);
  }
  return out;
}

export {
  MAX_POLICY_BYTES,
  loadPolicy
};
