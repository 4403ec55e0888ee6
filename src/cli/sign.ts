// `model-gate sign`: key-mode signing of a model folder into a model_signing v1.0 bundle (mirrors, demos, and
// anyone signing outside the GitHub Action).
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { digestDirectory } from '../sign/hash-dir.js';
import { DEFAULT_IGNORE_PATHS, buildManifest, manifestStatement } from '../sign/manifest.js';
import { normalizeIgnorePath } from '../sign/verify.js';
import { bundleBuilder, signStatement } from '../sign/signers.js';
import { parseCommandArgs, pathInside, readText } from './args.js';
import { rememberSecret } from '../core/secrets.js';
import { type Command, UsageError } from './io.js';

export const SIGN_USAGE = `usage: model-gate sign MODEL_DIR --key key.pem --output model.sig [--model-name NAME]
         [--ignore-paths PATH ...] [--rekor-url URL] [--passphrase-env VAR]

Hashes every file of MODEL_DIR once and writes a model_signing v1.0 bundle signed with an ECDSA P-256 key.
Exit 0 signed, 1 signing failed, 2 usage error.
`;

export const sign: Command = async (argv, io) => {
  const { values: v, positionals } = parseCommandArgs(
    argv,
    {
      key: { type: 'string' },
      output: { type: 'string' },
      'model-name': { type: 'string' },
      'ignore-paths': { type: 'string', multiple: true },
      'rekor-url': { type: 'string' },
      'passphrase-env': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    SIGN_USAGE
  );
  if (v.help) {
    io.stdout(SIGN_USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !v.key || !v.output) throw new UsageError(`MODEL_DIR, --key and --output are required\n\n${SIGN_USAGE}`);
  const modelDir = resolve(io.cwd, positionals[0]!);
  const output = resolve(io.cwd, v.output);
  const keyPath = resolve(io.cwd, v.key);
  const privateKeyPem = await readText(keyPath, 'key');
  rememberSecret(privateKeyPem);
  let passphrase: string | undefined;
  if (v['passphrase-env']) {
    passphrase = io.env[v['passphrase-env']];
    if (passphrase === undefined) throw new UsageError(`environment variable ${v['passphrase-env']} is not set`);
    rememberSecret(passphrase);
  }
  let ignorePaths: string[];
  try {
    ignorePaths = (v['ignore-paths'] ?? []).map(normalizeIgnorePath);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const outputInside = pathInside(modelDir, output);
  if (outputInside) ignorePaths.push(outputInside);

  let builder;
  try {
    builder = bundleBuilder({ kind: 'key', privateKeyPem, passphrase, rekorUrl: v['rekor-url'] });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  try {
    const digests = await digestDirectory(modelDir, [...DEFAULT_IGNORE_PATHS, ...ignorePaths]);
    const manifest = buildManifest({ digests, modelName: v['model-name'] ?? basename(modelDir), ignorePaths });
    const bundle = await signStatement(builder, manifestStatement(manifest));
    await writeFile(output, JSON.stringify(bundle));
    io.stdout(`signed ${manifest.modelName}: ${manifest.resources.length} files, ROOT ${manifest.root}\nwrote ${output}\n`);
    return 0;
  } catch (e) {
    io.stderr(`signing FAILED: ${(e as Error).message}\n`);
    return 1;
  }
};
