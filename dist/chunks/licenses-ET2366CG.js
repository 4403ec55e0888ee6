import {
  splitFrontMatter
} from "./chunk-MWGFQAWX.js";
import {
  parseStrictYaml,
  toPlain
} from "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import "./chunk-CVJYKYK3.js";

// src/checks/policy/licenses.ts
function cardLicense(card) {
  if (card === void 0) return { ok: false, why: "the model card (README.md) was not among the reviewed files" };
  const { frontMatter } = splitFrontMatter(card);
  if (frontMatter === void 0) return { ok: false, why: "the model card has no metadata block (--- \u2026 ---)" };
  const { root, problems } = parseStrictYaml(frontMatter, { maxBytes: 256 * 1024, what: "README.md metadata" });
  if (root === null || problems.length > 0) return { ok: false, why: `the model card's metadata could not be read${problems[0] ? ` (${problems[0].message})` : ""}` };
  const value = toPlain(root).value;
  const raw = value !== null && typeof value === "object" && !Array.isArray(value) ? value.license : void 0;
  const list = typeof raw === "string" ? [raw] : Array.isArray(raw) && raw.every((x) => typeof x === "string") ? raw : void 0;
  const ids = list?.map((x) => x.trim()).filter((x) => x !== "");
  if (!ids || ids.length === 0) return { ok: false, why: "the model card's metadata declares no `license`" };
  const vague = ids.find((id) => ["other", "unknown", "none"].includes(id.toLowerCase()));
  if (vague) return { ok: false, why: `the model card declares \`license: ${vague}\`` };
  return { ok: true, ids };
}
function licenseFindings(card, rules, cardPath = "README.md") {
  const policy = rules.licenses;
  if (!policy) return [];
  const found = cardLicense(card);
  if (!found.ok) {
    return [{
      check: "policy.license.unknown",
      severity: "medium",
      ...card !== void 0 ? { file: cardPath } : {},
      message: `the licence is unknown: ${found.why}`,
      help: "Find the licence the publisher grants (the card, a LICENSE file, the paper) and decide; record a policy exception naming policy.license.unknown once decided."
    }];
  }
  const has = (list, id) => (list ?? []).some((x) => x.toLowerCase() === id.toLowerCase());
  const denied = found.ids.filter((id) => has(policy.denied, id));
  if (denied.length > 0) {
    return [{
      check: "policy.license.denied",
      severity: "high",
      file: cardPath,
      evidence: `license: ${found.ids.join(", ")}`,
      message: `the model card declares ${denied.join(", ")}, a licence the policy denies`,
      help: "Use a model under an acceptable licence, or record a policy exception naming policy.license.denied with legal's decision."
    }];
  }
  if (policy.allowed !== void 0) {
    const others = found.ids.filter((id) => !has(policy.allowed, id));
    if (others.length > 0) {
      return [{
        check: "policy.license.not-allowed",
        severity: "high",
        file: cardPath,
        evidence: `license: ${found.ids.join(", ")}`,
        message: `the model card declares ${others.join(", ")}, not one of the licences the policy allows (${policy.allowed.join(", ") || "none"})`,
        help: "Use a model under an allowed licence, add the licence to `licenses.allowed` on the base branch, or record a policy exception naming policy.license.not-allowed."
      }];
    }
  }
  return [];
}
export {
  cardLicense,
  licenseFindings
};
