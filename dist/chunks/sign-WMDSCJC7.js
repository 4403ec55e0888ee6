import {
  bundleBuilder,
  signStatement
} from "./chunk-X6645MI5.js";
import {
  parseCommandArgs,
  pathInside,
  readText
} from "./chunk-3VHUVBXD.js";
import {
  digestDirectory,
  normalizeIgnorePath
} from "./chunk-2YCH6UOH.js";
import {
  DEFAULT_IGNORE_PATHS,
  buildManifest,
  manifestStatement
} from "./chunk-R4KMGKFI.js";
import "./chunk-5USQP7RK.js";
import {
  rememberSecret
} from "./chunk-56LLOFTS.js";
import {
  UsageError
} from "./chunk-EMOG55AG.js";
import "./chunk-RQGJ627V.js";
import "./chunk-CVJYKYK3.js";

// src/cli/sign.ts
import { writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
var SIGN_USAGE = `usage: model-gate sign MODEL_DIR --key key.pem --output model.sig [--model-name NAME]
         [--ignore-paths PATH ...] [--rekor-url URL] [--passphrase-env VAR]

Hashes every file of MODEL_DIR once and writes a model_signing v1.0 bundle signed with an ECDSA P-256 key.
Exit 0 signed, 1 signing failed, 2 usage error.
`;
var sign = async (argv, io) => {
  const { values: v, positionals } = parseCommandArgs(
    argv,
    {
      key: { type: "string" },
      output: { type: "string" },
      "model-name": { type: "string" },
      "ignore-paths": { type: "string", multiple: true },
      "rekor-url": { type: "string" },
      "passphrase-env": { type: "string" },
      help: { type: "boolean", short: "h" }
    },
    SIGN_USAGE
  );
  if (v.help) {
    io.stdout(SIGN_USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !v.key || !v.output) throw new UsageError(`MODEL_DIR, --key and --output are required

${SIGN_USAGE}`);
  const modelDir = resolve(io.cwd, positionals[0]);
  const output = resolve(io.cwd, v.output);
  const keyPath = resolve(io.cwd, v.key);
  const privateKeyPem = await readText(keyPath, "key");
  rememberSecret(privateKeyPem);
  let passphrase;
  if (v["passphrase-env"]) {
    passphrase = io.env[v["passphrase-env"]];
    if (passphrase === void 0) throw new UsageError(`environment variable ${v["passphrase-env"]} is not set`);
    rememberSecret(passphrase);
  }
  let ignorePaths;
  try {
    ignorePaths = (v["ignore-paths"] ?? []).map(normalizeIgnorePath);
  } catch (e) {
    throw new UsageError(e.message);
  }
  const outputInside = pathInside(modelDir, output);
  if (outputInside) ignorePaths.push(outputInside);
  let builder;
  try {
    builder = bundleBuilder({ kind: "key", privateKeyPem, passphrase, rekorUrl: v["rekor-url"] });
  } catch (e) {
    throw new UsageError(e.message);
  }
  try {
    const digests = await digestDirectory(modelDir, [...DEFAULT_IGNORE_PATHS, ...ignorePaths]);
    const manifest = buildManifest({ digests, modelName: v["model-name"] ?? basename(modelDir), ignorePaths });
    const bundle = await signStatement(builder, manifestStatement(manifest));
    await writeFile(output, JSON.stringify(bundle));
    io.stdout(`signed ${manifest.modelName}: ${manifest.resources.length} files, ROOT ${manifest.root}
wrote ${output}
`);
    return 0;
  } catch (e) {
    io.stderr(`signing FAILED: ${e.message}
`);
    return 1;
  }
};
export {
  SIGN_USAGE,
  sign
};
