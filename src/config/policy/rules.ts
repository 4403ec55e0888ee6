// The organisation's approval rules in the policy (issue 15): which serialisation formats, remote code, publishers,
// popularity floors and licences it accepts, and the fast track. Each is optional (absent: no rule) and may be set
// at the top level or in a named profile (`profiles: { research: {...} }`) that allowlist entries select. This file
// holds their vocabulary, their parsers and the merge of a profile over the top level; schema.ts validates them
// and src/checks/policy/ turns them into findings.

import type { Finding } from '../../core/findings.js';

type Parsed<T> = T | { error: string };

export const REMOTE_CODE_VALUES = ['deny', 'review', 'allow-trusted'] as const;
export type RemoteCodeRule = (typeof REMOTE_CODE_VALUES)[number];

/** The rules a profile may set; camelCase as the effective policy holds them. Absent = no such rule. */
export interface PolicyRules {
  formats?: { allowed?: string[]; blocked?: string[] };
  requireSafetensors?: boolean;
  remoteCode?: RemoteCodeRule;
  /** Days. */
  minAccountAge?: number;
  minDownloads?: number;
  verifiedPublishersOnly?: boolean;
  licenses?: { allowed?: string[]; denied?: string[] };
  fastTrack?: boolean;
}

export const RULE_KEYS = {
  formats: 'formats',
  require_safetensors: 'requireSafetensors',
  remote_code: 'remoteCode',
  min_account_age: 'minAccountAge',
  min_downloads: 'minDownloads',
  verified_publishers_only: 'verifiedPublishersOnly',
  licenses: 'licenses',
  fast_track: 'fastTrack'
} as const satisfies Record<string, keyof PolicyRules>;

/**
 * Format names a policy may list, as the scanners report them by content (src/scan; a test holds this list to what
 * they emit), plus two families. `pickle` is everything a loader unpickles: raw pickles, torch zip and legacy
 * checkpoints, TorchScript archives and joblib dumps; `joblib` is joblib's own containers and pickles (a joblib
 * dump is a pickle with joblib's array wrapper, so it is also `pickle`).
 */
export const FORMAT_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  pickle: ['pickle', 'pytorch-zip', 'torchscript', 'pytorch-legacy-tar', 'torch-legacy', 'joblib', 'joblib-zf'],
  joblib: ['joblib', 'joblib-zf']
};

export const SCANNER_FORMATS = [
  'zip', 'pickle', 'numpy', 'npz', 'tar', '7z', 'gzip', 'bz2', 'xz', 'lzma', 'zlib', 'lz4', 'zstd', 'joblib', 'joblib-zf',
  'hdf5', 'keras', 'safetensors', 'gguf', 'onnx', 'onnx-external-data', 'tflite', 'tfrecord', 'tf-savedmodel', 'tf-graphdef',
  'tensorboard-events', 'protobuf', 'msgpack', 'matlab',
  'pytorch-zip', 'pytorch-legacy-tar', 'torch-legacy', 'torchscript', 'torchscript-code', 'xgboost-ubj', 'xgboost-binary',
  'fasttext', 'word2vec', 'elf', 'pe', 'macho', 'wasm', 'dex', 'ole', 'image', 'unknown-binary',
  'script', 'notebook', 'json', 'python', 'text', 'empty'
] as const;

/** Formats `formats.allowed` does not judge: text, configuration and code (their own checks read them). */
export const TEXT_LIKE_FORMATS: ReadonlySet<string> = new Set(['script', 'notebook', 'json', 'python', 'text', 'empty']);

export const POLICY_FORMATS: readonly string[] = [...new Set([...SCANNER_FORMATS, ...Object.keys(FORMAT_FAMILIES)])].sort();

/** The content formats a policy format name stands for. */
export function formatMembers(name: string): readonly string[] {
  return Object.hasOwn(FORMAT_FAMILIES, name) ? FORMAT_FAMILIES[name]! : [name];
}

export function formatProblem(name: string): string | null {
  return POLICY_FORMATS.includes(name)
    ? null
    : `'${name}' is not a format Model Gate recognises by content; known formats: ${POLICY_FORMATS.join(', ')}`;
}

/** SPDX license ids (and the Hub's own lowercase ids such as `llama3`): idstring characters only. */
export const LICENSE_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/;

export function licenseProblem(id: string): string | null {
  return LICENSE_ID.test(id) ? null : `'${id}' is not an SPDX license id (letters, digits, '.', '-', '+'; e.g. apache-2.0, MIT, cc-by-4.0)`;
}

export const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function profileNameProblem(name: string): string | null {
  return PROFILE_NAME.test(name) ? null : `profile name '${name}' must be lowercase letters, digits, '-' or '_' (at most 64), e.g. \`production\``;
}

export function parseBoolean(text: string | undefined): Parsed<boolean> {
  const v = (text ?? '').trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return { error: 'write true or false' };
}

export function parseRemoteCode(text: string | undefined): Parsed<RemoteCodeRule> {
  const v = (text ?? '').trim().toLowerCase();
  return (REMOTE_CODE_VALUES as readonly string[]).includes(v) ? (v as RemoteCodeRule) : { error: `it must be one of ${REMOTE_CODE_VALUES.join(', ')}` };
}

/** Five digits (about 270 years): what the text form allows, so the JSON Schema pattern says the same. */
export const MAX_DAYS = 99_999;

/** `90`, `90d`, `90 days` → 90. */
export function parseDays(text: string | undefined): Parsed<number> {
  const m = /^([0-9]{1,5})\s?(?:d|days?)?$/.exec((text ?? '').trim());
  if (!m) return { error: 'write a whole number of days, e.g. 90 or 90d' };
  const n = Number(m[1]);
  return n > MAX_DAYS ? { error: `it must be at most ${MAX_DAYS} days` } : n;
}

export const MAX_COUNT = 1e12;

export function parseCount(text: string | undefined): Parsed<number> {
  const t = (text ?? '').trim();
  return /^[0-9]{1,12}$/.test(t) ? Number(t) : { error: 'write a whole number, e.g. 1000' };
}

/** The rules in effect for an entry: the profile's rules replace the top level's, key by key. */
export function mergeRules<P extends PolicyRules>(policy: P, profile: PolicyRules | undefined): P {
  if (!profile) return policy;
  const out: P = { ...policy };
  for (const key of Object.values(RULE_KEYS)) {
    if (profile[key] !== undefined) (out as PolicyRules)[key] = profile[key] as never;
  }
  return out;
}

/**
 * The policy an allowlist entry is reviewed under: its profile's rules over the top level. A profile the policy
 * does not define (or left out because it had errors) is refused: the finding blocks, and the top-level rules apply
 * to the rest of the review.
 */
export function policyForEntry<P extends PolicyRules & { profiles: Record<string, PolicyRules> }>(
  policy: P,
  entry: { repo: string; profile?: string }
): { policy: P; finding?: Finding } {
  if (entry.profile === undefined) return { policy };
  const profile = Object.hasOwn(policy.profiles, entry.profile) ? policy.profiles[entry.profile] : undefined;
  if (profile) return { policy: mergeRules(policy, profile) };
  const known = Object.keys(policy.profiles);
  return {
    policy,
    finding: {
      check: 'policy.profile-unknown',
      severity: 'high',
      message: `${entry.repo} names the policy profile '${entry.profile}', which the policy does not define${known.length > 0 ? ` (profiles: ${known.join(', ')})` : ''}`,
      help: 'Name a profile defined under `profiles:` in the base branch policy, fix that profile\'s errors, or remove `profile:` to use the top-level rules.'
    }
  };
}
