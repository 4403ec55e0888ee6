// The action's inputs and their defaults, in one place (action.yml only describes them). Pure: the raw values
// come in as the runner gives them (strings; '' means unset).

import { DEFAULT_POLICY_PATH } from '../config/policy/defaults.js';

export type Mode = 'review' | 'verify';
export type SignMode = 'auto' | 'keyless' | 'key' | 'none';

export interface ActionInputs {
  mode: Mode;
  allowlist: string;
  policy: string;
  failOn: string;
  hubUrl: string;
  hubToken: string;
  /** Origins LFS downloads may be redirected to (mirrors, the local registry); the public Hub's CDNs are built in. */
  cdnOrigins: string[];
  githubToken: string;
  comment: boolean;
  reportDir: string;
  concurrency: string;
  sign: SignMode;
  signingKey: string;
  fulcioUrl: string;
  rekorUrl: string;
  tsaUrl: string;
  modelDir: string;
  signature: string;
  identity: string;
  identityProvider: string;
  publicKey: string;
}

export const INPUT_DEFAULTS = {
  mode: 'review',
  allowlist: 'approved-models.yaml',
  policy: DEFAULT_POLICY_PATH,
  comment: 'true',
  'report-dir': 'model-gate-report',
  sign: 'auto',
  'identity-provider': 'https://token.actions.githubusercontent.com'
} as const;

export class InputError extends Error {}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input '${name}' is '${value}'; expected one of: ${allowed.join(', ')}`);
}

function bool(name: string, value: string): boolean {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new InputError(`input '${name}' is '${value}'; expected true or false`);
}

/** Reads every input through `get` (core.getInput in the action), applying defaults and validating. */
export function readInputs(get: (name: string) => string): ActionInputs {
  const v = (name: string): string => {
    const raw = get(name).trim();
    return raw !== '' ? raw : ((INPUT_DEFAULTS as Record<string, string>)[name] ?? '');
  };
  return {
    mode: oneOf('mode', v('mode'), ['review', 'verify'] as const),
    allowlist: v('allowlist'),
    policy: v('policy'),
    failOn: v('fail-on'),
    hubUrl: v('hub-url'),
    hubToken: v('hub-token'),
    cdnOrigins: v('cdn-origins').split(/[\s,]+/).filter((o) => o !== ''),
    githubToken: v('github-token'),
    comment: bool('comment', v('comment')),
    reportDir: v('report-dir'),
    concurrency: v('concurrency'),
    sign: oneOf('sign', v('sign'), ['auto', 'keyless', 'key', 'none'] as const),
    signingKey: get('signing-key'),
    fulcioUrl: v('fulcio-url'),
    rekorUrl: v('rekor-url'),
    tsaUrl: v('tsa-url'),
    modelDir: v('model-dir'),
    signature: v('signature'),
    identity: v('identity'),
    identityProvider: v('identity-provider'),
    publicKey: get('public-key')
  };
}
