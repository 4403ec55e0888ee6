// Every policy default in one place. A policy file and action inputs only ever change these values.
import { KNOWN_LEGITIMATE, TRUSTED_PUBLISHERS } from '../security/publishers.js';
import type { Policy } from './schema.js';

/** Where the policy lives on the base branch unless an input names another path. */
export const DEFAULT_POLICY_PATH = '.github/model-gate.yml';

export const DEFAULT_FAIL_ON = 'high' as const;
/** Per file. A larger file is not examined, which blocks approval. */
export const DEFAULT_MAX_FILE_SIZE = 100 * 1024 ** 3;
/** Entries reviewed at once (at most MAX_CONCURRENCY, the schema's bound). */
export const DEFAULT_CONCURRENCY = 4;

export function defaultPolicy(): Policy {
  return {
    trustedPublishers: [...TRUSTED_PUBLISHERS],
    legitimateNamespaces: [...KNOWN_LEGITIMATE],
    failOn: DEFAULT_FAIL_ON,
    exclude: [],
    exceptions: [],
    allowGlobals: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    concurrency: DEFAULT_CONCURRENCY,
    // The approval rules (formats, remote_code, licenses ...) are absent: no rule until the policy sets one.
    profiles: {}
  };
}
