import {
  listAttestations
} from "./chunk-KSFOLCGI.js";
import {
  fail,
  hashFiles,
  listModelDir,
  normalizeIgnorePath,
  verifyModel
} from "./chunk-2YCH6UOH.js";
import {
  DEFAULT_IGNORE_PATHS,
  IN_TOTO_PAYLOAD_TYPE,
  MODEL_SIGNING_PREDICATE_TYPE,
  VETTING_PREDICATE_TYPE,
  comparePathComponents,
  isIgnored,
  rootDigest
} from "./chunk-R4KMGKFI.js";

// src/sign/verify-attested.ts
var MAX_CANDIDATES = 16;
function predicateTypeOf(bundle) {
  const env = bundle?.dsseEnvelope;
  if (!env || env.payloadType !== IN_TOTO_PAYLOAD_TYPE || typeof env.payload !== "string") return void 0;
  try {
    const t = JSON.parse(Buffer.from(env.payload, "base64").toString("utf8")).predicateType;
    return typeof t === "string" ? t : void 0;
  } catch {
    return void 0;
  }
}
async function digestModelFolder(dir, ignorePaths, hash) {
  let listing;
  try {
    listing = await listModelDir(dir, ignorePaths);
  } catch (e) {
    return fail("unreadable-file", `cannot list ${dir}: ${e.message}`);
  }
  if (listing.symlinks.length > 0) return fail("symlink", `'${listing.symlinks[0]}' is a symbolic link; symlinks are not allowed in a signed model`, { file: listing.symlinks[0], files: listing.symlinks });
  if (listing.special.length > 0) return fail("unreadable-file", `'${listing.special[0]}' is not a regular file`, { file: listing.special[0], files: listing.special });
  try {
    return await hashFiles(dir, listing.files.map((f) => f.path), hash);
  } catch (e) {
    return fail("unreadable-file", e.message);
  }
}
function rootOf(digests, extraIgnore = []) {
  const ignore = [...DEFAULT_IGNORE_PATHS, ...extraIgnore];
  const kept = digests.filter((d) => !isIgnored(d.path, ignore)).sort((a, b) => comparePathComponents(a.path, b.path));
  return rootDigest(kept.map((d) => d.sha256));
}
async function verifyAttested(opts) {
  if (opts.modelDir === void 0 === (opts.digests === void 0)) throw new Error("verifyAttested needs exactly one of modelDir and digests");
  const extra = (opts.ignorePaths ?? []).map(normalizeIgnorePath);
  let digests;
  if (opts.digests) digests = opts.digests;
  else {
    const d = await digestModelFolder(opts.modelDir, [...DEFAULT_IGNORE_PATHS, ...extra], opts.hash);
    if (!Array.isArray(d)) return d;
    digests = d;
  }
  const root = rootOf(digests, extra);
  let stored;
  try {
    stored = await listAttestations(opts.github, root);
  } catch (e) {
    return { ...fail("unsigned", `could not fetch attestations for ROOT ${root} from ${opts.github.repository}: ${e.message}`), root };
  }
  const ofType = (t) => stored.filter((a) => predicateTypeOf(a.bundle) === t).map((a) => a.bundle).slice(0, MAX_CANDIDATES);
  const sigs = ofType(MODEL_SIGNING_PREDICATE_TYPE);
  if (sigs.length === 0) {
    return {
      ...fail("unsigned", `no model_signing attestation in ${opts.github.repository} for these files (ROOT ${root}): the files differ from every signed model, or it was never signed there`),
      root
    };
  }
  const wantsVetting = opts.requireVetting === true || opts.expect !== void 0;
  const vettings = wantsVetting ? ofType(VETTING_PREDICATE_TYPE) : [void 0];
  if (wantsVetting && vettings.length === 0) return { ...fail("wrong-repo-or-commit", `no vetting record in ${opts.github.repository} for ROOT ${root}`), root };
  let last;
  for (const bundle of sigs) {
    for (const vettingBundle of vettings) {
      const r = await verifyModel({
        digests,
        bundle,
        trust: opts.trust,
        ignorePaths: extra,
        ...vettingBundle !== void 0 ? { vettingBundle, expect: opts.expect ?? {} } : {},
        ...opts.now ? { now: opts.now } : {}
      });
      if (r.ok) return { ...r, root };
      if (!last || last.ok || r.reason === "wrong-signer" || r.reason === "wrong-ref" || r.reason === "not-approved") last = r;
    }
  }
  return { ...last, root };
}

export {
  verifyAttested
};
