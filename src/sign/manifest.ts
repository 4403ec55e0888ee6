// The model_signing v1.0 manifest: an in-toto statement listing every file's sha256, built from digests the
// verified download already computed (no file reads here), and parsed back for verification.
import { createHash } from 'node:crypto';
import { compareText } from '../core/text.js';

/** One file of a model as the verified download (or a directory walk) saw it. */
export interface FileDigest {
  /** POSIX path relative to the model root. */
  path: string;
  size: number;
  /** Lowercase hex sha256 of the content. */
  sha256: string;
}

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const MODEL_SIGNING_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';

/**
 * Paths model_signing's verifier ignores by default, plus `.cache/huggingface` (the Hub client's local metadata).
 * `.gitattributes` matters most: every Hub repo has one, and model_signing never lists it.
 */
export const DEFAULT_IGNORE_PATHS: readonly string[] = ['.git', '.gitattributes', '.github', '.gitignore', 'model.sig', '.cache/huggingface'];

export interface ManifestResource {
  name: string;
  algorithm: 'sha256';
  digest: string;
}

export interface ModelManifest {
  modelName: string;
  /** sha256 over the raw digest bytes of `resources`, in order: the statement's subject digest. */
  root: string;
  /** Sorted by path components. */
  resources: ManifestResource[];
  ignorePaths: string[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Throws unless `path` is a clean POSIX relative path (what a manifest resource or ignore path may be). */
export function assertRelativePath(path: string, what: string): void {
  const bad =
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    path.split('/').some((c) => c === '' || c === '.' || c === '..');
  if (bad) throw new Error(`${what} '${path}' is not a clean relative POSIX path (no leading '/', '.', '..', '//' or '\\')`);
}

/** Orders paths component by component (`a/b` before `a-c`), like Python's PurePath ordering. */
export function comparePathComponents(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = compareText(pa[i]!, pb[i]!); // code point order: how Python compares the path parts
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** True when `path` is an ignore path or lies under one. */
export function isIgnored(path: string, ignorePaths: readonly string[]): boolean {
  return ignorePaths.some((ig) => path === ig || path.startsWith(`${ig}/`));
}

/** ROOT: sha256 of the concatenated raw digest bytes, in the given order. */
export function rootDigest(digestsHex: readonly string[]): string {
  const h = createHash('sha256');
  for (const d of digestsHex) h.update(Buffer.from(d, 'hex'));
  return h.digest('hex');
}

export interface BuildManifestOptions {
  digests: readonly FileDigest[];
  /** Subject name; model_signing uses the model folder's name, we use `org/name`. */
  modelName: string;
  /** Added to DEFAULT_IGNORE_PATHS. */
  ignorePaths?: readonly string[];
}

/** Builds the manifest (pure). Throws on a malformed path, digest, or a duplicate path. */
export function buildManifest(opts: BuildManifestOptions): ModelManifest {
  if (opts.modelName === '') throw new Error('model name must not be empty');
  const ignorePaths = [...DEFAULT_IGNORE_PATHS];
  for (const p of opts.ignorePaths ?? []) {
    assertRelativePath(p, 'ignore path');
    if (!ignorePaths.includes(p)) ignorePaths.push(p);
  }
  const seen = new Set<string>();
  const resources: ManifestResource[] = [];
  for (const d of opts.digests) {
    assertRelativePath(d.path, 'file');
    if (!SHA256_HEX.test(d.sha256)) throw new Error(`file '${d.path}' has no valid sha256 (got '${d.sha256}'); only fully verified files can be signed`);
    if (seen.has(d.path)) throw new Error(`file '${d.path}' is listed twice`);
    seen.add(d.path);
    if (isIgnored(d.path, ignorePaths)) continue;
    resources.push({ name: d.path, algorithm: 'sha256', digest: d.sha256 });
  }
  resources.sort((a, b) => comparePathComponents(a.name, b.name));
  return { modelName: opts.modelName, root: rootDigest(resources.map((r) => r.digest)), resources, ignorePaths };
}

export interface InTotoStatement<P = unknown> {
  _type: string;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: string;
  predicate: P;
}

/** The statement object, keys in the order model_signing writes them. */
export function manifestStatement(m: ModelManifest): InTotoStatement {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: m.modelName, digest: { sha256: m.root } }],
    predicateType: MODEL_SIGNING_PREDICATE_TYPE,
    predicate: {
      serialization: { method: 'files', hash_type: 'sha256', allow_symlinks: false, ignore_paths: m.ignorePaths },
      resources: m.resources.map((r) => ({ name: r.name, algorithm: r.algorithm, digest: r.digest }))
    }
  };
}

/** Statement bytes as model_signing emits them: 2-space indented JSON, no trailing newline. */
export function serializeStatement(statement: InTotoStatement): Buffer {
  return Buffer.from(JSON.stringify(statement, null, 2), 'utf8');
}

/** A model_signing statement read back from a signed payload. */
export interface ParsedManifest {
  modelName: string;
  /** The subject digest as signed (not yet checked against the resources). */
  subjectRoot: string;
  /** ROOT recomputed from the resources in payload order. */
  computedRoot: string;
  resources: ManifestResource[];
  ignorePaths: string[];
  allowSymlinks: boolean;
}

export class ManifestError extends Error {
  constructor(
    message: string,
    readonly kind: 'malformed' | 'unsupported'
  ) {
    super(message);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a model_signing v1.0 statement. Throws ManifestError on anything it cannot check fully. */
export function parseModelSigningStatement(payload: Buffer): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw new ManifestError(`signed payload is not JSON: ${(e as Error).message}`, 'malformed');
  }
  const malformed = (what: string): never => {
    throw new ManifestError(`signed statement is malformed: ${what}`, 'malformed');
  };
  if (!isRecord(doc)) return malformed('not an object');
  if (doc._type !== IN_TOTO_STATEMENT_TYPE) return malformed(`_type is ${JSON.stringify(doc._type)}, expected ${IN_TOTO_STATEMENT_TYPE}`);
  if (doc.predicateType !== MODEL_SIGNING_PREDICATE_TYPE) {
    throw new ManifestError(`predicateType ${JSON.stringify(doc.predicateType)} is not ${MODEL_SIGNING_PREDICATE_TYPE}`, 'unsupported');
  }
  const subject = Array.isArray(doc.subject) && doc.subject.length === 1 ? doc.subject[0] : undefined;
  if (!isRecord(subject) || !isRecord(subject.digest)) return malformed('expected exactly one subject with a digest');
  const subjectRoot = subject.digest.sha256;
  if (typeof subjectRoot !== 'string' || !SHA256_HEX.test(subjectRoot)) return malformed('subject has no sha256 digest');
  const modelName = typeof subject.name === 'string' ? subject.name : '';
  const predicate = doc.predicate;
  if (!isRecord(predicate) || !isRecord(predicate.serialization) || !Array.isArray(predicate.resources)) {
    return malformed('predicate needs serialization and resources');
  }
  const ser = predicate.serialization;
  if (ser.method !== 'files') {
    throw new ManifestError(`serialization method ${JSON.stringify(ser.method)} is not supported (only "files")`, 'unsupported');
  }
  if (ser.hash_type !== 'sha256') {
    throw new ManifestError(`hash_type ${JSON.stringify(ser.hash_type)} is not supported (only "sha256")`, 'unsupported');
  }
  const ignorePaths: string[] = [];
  if (ser.ignore_paths !== undefined) {
    if (!Array.isArray(ser.ignore_paths) || !ser.ignore_paths.every((p) => typeof p === 'string')) return malformed('ignore_paths must be strings');
    for (const p of ser.ignore_paths as string[]) {
      try {
        assertRelativePath(p, 'ignore path');
      } catch (e) {
        return malformed((e as Error).message);
      }
      ignorePaths.push(p);
    }
  }
  const resources: ManifestResource[] = [];
  const seen = new Set<string>();
  for (const r of predicate.resources) {
    if (!isRecord(r) || typeof r.name !== 'string' || typeof r.digest !== 'string') return malformed('resource without name or digest');
    if (r.algorithm !== 'sha256') throw new ManifestError(`resource '${r.name}' uses algorithm ${JSON.stringify(r.algorithm)}, only sha256 is supported`, 'unsupported');
    if (!SHA256_HEX.test(r.digest)) return malformed(`resource '${r.name}' digest is not 64 lowercase hex`);
    try {
      assertRelativePath(r.name, 'resource');
    } catch (e) {
      return malformed((e as Error).message);
    }
    if (seen.has(r.name)) return malformed(`resource '${r.name}' is listed twice`);
    seen.add(r.name);
    resources.push({ name: r.name, algorithm: 'sha256', digest: r.digest });
  }
  return {
    modelName,
    subjectRoot,
    computedRoot: rootDigest(resources.map((r) => r.digest)),
    resources,
    ignorePaths,
    allowSymlinks: ser.allow_symlinks === true
  };
}
