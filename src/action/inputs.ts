// The action's inputs and their defaults, in one place (action.yml only describes them): a schema keyed by the
// input names, which validates them and gives ActionInputs its type. Pure: the raw values come in as the runner
// gives them (strings; '' means unset). The policy-related inputs (fail-on, concurrency, …) stay text here:
// loadPolicy parses them with the policy file's own rules and reports them as located errors.

import { DEFAULT_POLICY_PATH } from '../config/policy/defaults.js';
import * as z from 'zod/mini';
import { deadlineMinutes } from '../hub/run-deadline.js';

const MODES = ['review', 'verify', 'release-gate', 'audit', 'plan', 'shard', 'aggregate'] as const;
const ATTEST_MODES = ['auto', 'true', 'false'] as const;
const SIGN_MODES = ['auto', 'keyless', 'key', 'none'] as const;
export type Mode = (typeof MODES)[number];
export type SignMode = (typeof SIGN_MODES)[number];
export type AttestMode = (typeof ATTEST_MODES)[number];

export const INPUT_DEFAULTS = {
  mode: 'review',
  allowlist: 'approved-models.yaml',
  policy: DEFAULT_POLICY_PATH,
  comment: 'true',
  'report-dir': 'model-gate-report',
  'max-retry-wait': '60',
  'review-deadline': '300',
  sign: 'auto',
  attest: 'auto',
  'identity-provider': 'https://token.actions.githubusercontent.com',
  'rejudge-budget': '3',
  shards: '8'
} as const;

/** Inputs read exactly as given: key material, whose whitespace may matter. */
const VERBATIM = new Set(['signing-key', 'public-key']);

export class InputError extends Error {}

const oneOf = <const T extends readonly [string, ...string[]]>(name: string, allowed: T) =>
  z.enum(allowed, { error: (iss) => `input '${name}' is '${String(iss.input)}'; expected one of: ${allowed.join(', ')}` });

const bool = (name: string) =>
  z.pipe(
    z.string().check(z.regex(/^(true|1|yes|false|0|no)$/i, { error: (iss) => `input '${name}' is '${String(iss.input)}'; expected true or false` })),
    z.transform((v: string) => /^(true|1|yes)$/i.test(v))
  );

const text = z.string();

/** Every input by its action.yml name, in action.yml's order. */
export const ActionInputsSchema = z.strictObject({
  mode: oneOf('mode', MODES),
  allowlist: text,
  policy: text,
  'fail-on': text,
  'hub-url': text,
  'hub-token': text,
  /** Origins LFS downloads may be redirected to (mirrors, the local registry); the public Hub's CDNs are built in. */
  'cdn-origins': z.pipe(text, z.transform((v: string) => v.split(/[\s,]+/).filter((o) => o !== ''))),
  /** Seconds: the ceiling on a server-requested wait that is honoured (HubClient maxWaitMs). */
  'max-retry-wait': z.pipe(
    z.string().check(
      z.refine((v: string) => /^\d{1,4}$/.test(v) && Number(v) <= 3600, {
        error: (iss) => `input 'max-retry-wait' is '${String(iss.input)}'; expected whole seconds from 0 to 3600`
      })
    ),
    z.transform((v: string) => Number(v))
  ),
  /** Minutes: the wall-clock bound of the run's Hub work (HubClient runDeadline); unfinished entries block. */
  'review-deadline': z.pipe(
    z.string().check(
      z.refine((v: string) => deadlineMinutes(v) !== undefined, {
        error: (iss) => `input 'review-deadline' is '${String(iss.input)}'; expected whole minutes from 1 to 1440`
      })
    ),
    z.transform((v: string) => Number(v))
  ),
  'github-token': text,
  comment: bool('comment'),
  'report-dir': text,
  concurrency: text,
  sign: oneOf('sign', SIGN_MODES),
  'signing-key': text,
  'fulcio-url': text,
  'rekor-url': text,
  'tsa-url': text,
  attest: oneOf('attest', ATTEST_MODES),
  'model-dir': text,
  'models-dir': text,
  signature: text,
  identity: text,
  'identity-provider': text,
  'public-key': text,
  'trusted-root': text,
  'attestations-repo': text,
  /** audit mode: the folder holding the sign workflow's records (ORG/NAME/SHA/model.sig and vetting.sigstore.json). */
  'signatures-dir': text,
  /** audit mode: at most this many approvals made under older rules are re-reviewed per run. */
  'rejudge-budget': text,
  /** plan mode: the most shard jobs the plan makes (1–256). */
  shards: z.pipe(
    z.string().check(
      z.refine((v: string) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 256, {
        error: (iss) => `input 'shards' is '${String(iss.input)}'; expected a whole number from 1 to 256`
      })
    ),
    z.transform((v: string) => Number(v))
  ),
  /** shard mode: this job's shard index (the matrix's `shard`). */
  shard: z.pipe(
    z.string().check(
      z.refine((v: string) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) <= 255), {
        error: (iss) => `input 'shard' is '${String(iss.input)}'; expected the shard index from the plan's matrix (0–255)`
      })
    ),
    z.transform((v: string) => (v === '' ? undefined : Number(v)))
  ),
  /** shard and aggregate modes: plan.json as the plan job wrote it (default: report-dir/plan.json). */
  'plan-path': text,
  /** aggregate mode: the folder holding every shard's partial-<i>.json (default: report-dir). */
  'partials-dir': text
});

export const INPUT_NAMES = Object.keys(ActionInputsSchema.shape) as (keyof typeof ActionInputsSchema.shape)[];

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type RawInputs = z.output<typeof ActionInputsSchema>;

/** The inputs as the action's code reads them: `fail-on` → `failOn`. */
export type ActionInputs = { [K in keyof RawInputs as Camel<K & string>]: RawInputs[K] };

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Reads every input through `get` (core.getInput in the action), applying defaults and validating. */
export function readInputs(get: (name: string) => string): ActionInputs {
  const raw: Record<string, string> = {};
  for (const name of INPUT_NAMES) {
    if (VERBATIM.has(name)) {
      raw[name] = get(name);
      continue;
    }
    const value = get(name).trim();
    raw[name] = value !== '' ? value : ((INPUT_DEFAULTS as Record<string, string>)[name] ?? '');
  }
  const r = ActionInputsSchema.safeParse(raw);
  if (!r.success) throw new InputError(r.error.issues[0]?.message ?? 'invalid inputs');
  return Object.fromEntries(Object.entries(r.data).map(([k, v]) => [camel(k), v])) as ActionInputs;
}
