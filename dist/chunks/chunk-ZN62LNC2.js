import {
  readText
} from "./chunk-3VHUVBXD.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";

// src/cli/trust.ts
var TRUST_OPTIONS = {
  "public-key": { type: "string" },
  identity: { type: "string" },
  "identity-provider": { type: "string" },
  ref: { type: "string" },
  "trusted-root": { type: "string" },
  "certificate-chain": { type: "string", multiple: true }
};
async function trustFromOptions(v, at) {
  if (v["public-key"]) return { kind: "key", publicKeyPem: await readText(at(v["public-key"]), "public key") };
  if (v.identity || v["identity-provider"]) {
    if (!v.identity || !v["identity-provider"]) throw new UsageError("--identity and --identity-provider go together");
    let trustedRoot;
    if (v["trusted-root"]) {
      try {
        trustedRoot = JSON.parse(await readText(at(v["trusted-root"]), "trusted root"));
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`--trusted-root is not JSON: ${e.message}`);
      }
    }
    return { kind: "identity", identity: v.identity, issuer: v["identity-provider"], ...v.ref ? { ref: v.ref } : {}, trustedRoot };
  }
  const pems = await Promise.all((v["certificate-chain"] ?? []).map((p) => readText(at(p), "certificate chain")));
  return { kind: "certificate", caCertificatesPem: pems.join("\n") };
}
function trustsGiven(v) {
  return [v["public-key"], v.identity || v["identity-provider"], v["certificate-chain"]?.length].filter(Boolean).length;
}

export {
  TRUST_OPTIONS,
  trustFromOptions,
  trustsGiven
};
